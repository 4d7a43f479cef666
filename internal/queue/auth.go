package queue

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/nats-io/nats.go"
)

// Anyone who can publish on the queue's subject chooses what workers scan and where the
// workers' credentials go, so a worker trusts neither the connection nor the messages
// by default: the connection must authenticate (Auth), and every batch must carry an
// HMAC-SHA256 of its exact bytes under a key shared by `scan --enqueue` and the
// workers (Config.Key). A batch that fails the check is dropped unread.

// Auth is how a connection to NATS proves who it is and checks the server.
type Auth struct {
	// One of: a NATS credentials file (user JWT and NKey seed), an NKey seed file, a
	// user name and password, or a token. A user and password in the URL count too.
	CredsFile string
	NKeyFile  string
	User      string
	Password  string
	Token     string
	// TLS: CAFile verifies the server's certificate (the system's roots when empty);
	// CertFile and KeyFile are a client certificate. The server is always verified once
	// TLS is on; TLS is on with any of these, with RequireTLS, or with a tls:// URL.
	CAFile, CertFile, KeyFile string
	RequireTLS                bool
	// Insecure allows a connection with no authentication at all (--insecure-queue).
	Insecure bool
}

// ErrAnonymous is returned by Open for a connection that would not authenticate.
var ErrAnonymous = errors.New("refusing an unauthenticated NATS connection: anyone who can publish on it would choose what this machine scans and where its credentials go; " +
	"give --queue-creds, --queue-nkey, --queue-user with --queue-password-env/--queue-password-file, --queue-token-env/--queue-token-file or a TLS client certificate " +
	"(--insecure-queue to accept it anyway on a network you trust)")

// options turns a into nats options for rawURL.
func (a Auth) options(rawURL string) ([]nats.Option, error) {
	var opts []nats.Option
	methods := 0
	if u, err := url.Parse(rawURL); err == nil && u.User != nil {
		methods++
	}
	if a.CredsFile != "" {
		methods++
		opts = append(opts, nats.UserCredentials(a.CredsFile))
	}
	if a.NKeyFile != "" {
		methods++
		o, err := nats.NkeyOptionFromSeed(a.NKeyFile)
		if err != nil {
			return nil, fmt.Errorf("queue: NKey seed: %w", err)
		}
		opts = append(opts, o)
	}
	if a.User != "" {
		methods++
		opts = append(opts, nats.UserInfo(a.User, a.Password))
	} else if a.Password != "" {
		return nil, errors.New("queue: a password needs a user name")
	}
	if a.Token != "" {
		methods++
		opts = append(opts, nats.Token(a.Token))
	}
	if methods > 1 {
		return nil, errors.New("queue: give one way to authenticate (credentials file, NKey, user and password, or token)")
	}
	if (a.CertFile == "") != (a.KeyFile == "") {
		return nil, errors.New("queue: a client certificate needs both its certificate and its key file")
	}
	if methods == 0 && a.CertFile == "" && !a.Insecure {
		return nil, ErrAnonymous
	}
	if a.CAFile != "" {
		opts = append(opts, nats.RootCAs(a.CAFile))
	}
	if a.CertFile != "" {
		opts = append(opts, nats.ClientCert(a.CertFile, a.KeyFile))
	}
	if a.RequireTLS || a.CAFile != "" || a.CertFile != "" || strings.HasPrefix(strings.ToLower(rawURL), "tls://") {
		opts = append(opts, nats.Secure())
	}
	return opts, nil
}

// MinKeyLen is the shortest batch-signing key accepted: 32 bytes, as from
// `openssl rand -hex 32` (64 characters).
const MinKeyLen = 32

// sigHeader carries a batch's signature: "v1=" and the hex HMAC-SHA256.
const sigHeader = "Leakwatch-Batch-Signature"

// sign is the signature of a batch's bytes published on stream. The stream is part of
// what is signed, so a batch cannot be replayed into another stream.
func sign(key []byte, stream string, data []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("leakwatch batch v1\n"))
	m.Write([]byte(stream))
	m.Write([]byte{'\n'})
	m.Write(data)
	return "v1=" + hex.EncodeToString(m.Sum(nil))
}

// verify checks a message's signature in constant time.
func verify(key []byte, stream string, data []byte, h nats.Header) error {
	got := h.Get(sigHeader)
	if got == "" {
		return errors.New("unsigned batch")
	}
	if !hmac.Equal([]byte(got), []byte(sign(key, stream, data))) {
		return errors.New("batch signature does not match")
	}
	return nil
}
