package queue

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nats-io/jwt/v2"
	"github.com/nats-io/nkeys"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// openWith opens the queue on a server started with conf, as a enqueuer would.
func openWith(t *testing.T, url string, a Auth) error {
	t.Helper()
	q, err := Open(context.Background(), Config{URL: url, Key: testKey, Auth: a})
	if err != nil {
		return err
	}
	defer q.Close()
	return q.Enqueue(context.Background(), testBatches("auth", 1))
}

// Every way a worker can authenticate, against a real nats-server configured for it;
// the wrong secret is refused by the server.
func TestQueueAuthMethods(t *testing.T) {
	// NKey: the server knows the public key, the worker holds the seed.
	nk, err := nkeys.CreateUser()
	if err != nil {
		t.Fatal(err)
	}
	seed, _ := nk.Seed()
	pub, _ := nk.PublicKey()
	other, _ := nkeys.CreateUser()
	otherSeed, _ := other.Seed()

	for _, tc := range []struct {
		name       string
		conf       string
		good, bad  Auth
		badMessage string
	}{
		{"user and password", `authorization { user: "w", password: "pw-5f1e" }`,
			Auth{User: "w", Password: "pw-5f1e"}, Auth{User: "w", Password: "wrong"}, "Authorization Violation"},
		{"token", `authorization { token: "tok-8c2d4e" }`,
			Auth{Token: "tok-8c2d4e"}, Auth{Token: "tok-wrong"}, "Authorization Violation"},
		{"nkey", fmt.Sprintf(`authorization { users: [ { nkey: %q } ] }`, pub),
			Auth{NKeyFile: writeFile(t, "user.nk", string(seed))}, Auth{NKeyFile: writeFile(t, "other.nk", string(otherSeed))}, "Authorization Violation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := labtest.NATSWith(t, tc.conf)
			if err := openWith(t, n.URL(), tc.good); err != nil {
				t.Fatalf("good credentials: %v", err)
			}
			if err := openWith(t, n.URL(), tc.bad); err == nil || !strings.Contains(err.Error(), tc.badMessage) {
				t.Fatalf("bad credentials: %v", err)
			}
			if err := openWith(t, n.URL(), Auth{}); !errors.Is(err, ErrAnonymous) {
				t.Fatalf("no credentials: %v", err)
			}
		})
	}

	t.Run("credentials file", func(t *testing.T) {
		conf, creds := operatorMode(t)
		n := labtest.NATSWith(t, conf)
		if err := openWith(t, n.URL(), Auth{CredsFile: creds}); err != nil {
			t.Fatalf("creds file: %v", err)
		}
		_, otherCreds := operatorMode(t) // a user of another operator
		if err := openWith(t, n.URL(), Auth{CredsFile: otherCreds}); err == nil {
			t.Fatal("a user of another operator got in")
		}
	})

	t.Run("tls", func(t *testing.T) {
		dir := t.TempDir()
		cert, key, err := lab.WriteSelfSignedCert(dir, "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		n := labtest.NATSWith(t, fmt.Sprintf(`authorization { token: "tok-tls" }
tls { cert_file: %q, key_file: %q }`, cert, key))
		// Verified against the lab's certificate: in.
		if err := openWith(t, n.URL(), Auth{Token: "tok-tls", CAFile: cert}); err != nil {
			t.Fatalf("verified TLS: %v", err)
		}
		// TLS asked for, but the certificate does not verify against the system's roots.
		err = openWith(t, n.URL(), Auth{Token: "tok-tls", RequireTLS: true})
		if err == nil || !strings.Contains(err.Error(), "certificate") {
			t.Fatalf("unverifiable certificate accepted: %v", err)
		}
	})

	t.Run("one method", func(t *testing.T) {
		for _, a := range []Auth{{User: "u", Token: "t"}, {Password: "p"}, {CertFile: "c"}, {NKeyFile: "n", Token: "t"}} {
			if _, err := a.options("nats://127.0.0.1:1"); err == nil {
				t.Errorf("%+v accepted", a)
			}
		}
		if _, err := (Auth{}).options("nats://u:p@127.0.0.1:1"); err != nil {
			t.Errorf("a user in the URL: %v", err)
		}
		if _, err := (Auth{Token: "t"}).options("nats://u:p@127.0.0.1:1"); err == nil {
			t.Error("a user in the URL and a token accepted")
		}
	})
}

// operatorMode makes an operator, an account with JetStream and a user of it, and
// returns the server configuration that trusts them and the user's credentials file.
func operatorMode(t *testing.T) (conf, credsFile string) {
	t.Helper()
	okp, _ := nkeys.CreateOperator()
	opub, _ := okp.PublicKey()
	oc := jwt.NewOperatorClaims(opub)
	ojwt, err := oc.Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	akp, _ := nkeys.CreateAccount()
	apub, _ := akp.PublicKey()
	ac := jwt.NewAccountClaims(apub)
	ac.Limits.JetStreamLimits = jwt.JetStreamLimits{MemoryStorage: -1, DiskStorage: -1, Streams: -1, Consumer: -1}
	ajwt, err := ac.Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	ukp, _ := nkeys.CreateUser()
	upub, _ := ukp.PublicKey()
	uc := jwt.NewUserClaims(upub)
	uc.IssuerAccount = apub
	ujwt, err := uc.Encode(akp)
	if err != nil {
		t.Fatal(err)
	}
	useed, _ := ukp.Seed()
	creds, err := jwt.FormatUserConfig(ujwt, useed)
	if err != nil {
		t.Fatal(err)
	}
	// JetStream needs a system account in operator mode.
	skp, _ := nkeys.CreateAccount()
	spub, _ := skp.PublicKey()
	sjwt, err := jwt.NewAccountClaims(spub).Encode(okp)
	if err != nil {
		t.Fatal(err)
	}
	conf = fmt.Sprintf("operator: %s\nsystem_account: %s\nresolver: MEMORY\nresolver_preload: { %s: %s, %s: %s }\n",
		ojwt, spub, apub, ajwt, spub, sjwt)
	return conf, writeFile(t, "user.creds", string(creds))
}
