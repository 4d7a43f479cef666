package postgres

import (
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// tap is a loopback relay to a real server that keeps what clients sent it, so a test
// can tell whether a password went over the wire.
type tap struct {
	ln   net.Listener
	mu   sync.Mutex
	sent [][]byte // per client connection
}

func newTap(t *testing.T, backend string) *tap {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	tp := &tap{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			tp.mu.Lock()
			i := len(tp.sent)
			tp.sent = append(tp.sent, nil)
			tp.mu.Unlock()
			go tp.relay(c, backend, i)
		}
	}()
	return tp
}

func (tp *tap) relay(c net.Conn, backend string, i int) {
	defer c.Close()
	b, err := net.Dial("tcp", backend)
	if err != nil {
		return
	}
	defer b.Close()
	go func() { _, _ = io.Copy(c, b); c.Close() }()
	buf := make([]byte, 4096)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			tp.mu.Lock()
			tp.sent[i] = append(tp.sent[i], buf[:n]...)
			tp.mu.Unlock()
			if _, werr := b.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (tp *tap) port() int { return tp.ln.Addr().(*net.TCPAddr).Port }

// passwordMessages counts the PasswordMessages ('p': a cleartext password or an MD5
// digest) clients sent over plain TCP.
func (tp *tap) passwordMessages() int {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	n := 0
	for _, b := range tp.sent {
		// Untyped messages first (SSLRequest, then the StartupMessage), typed after.
		typed := false
		for len(b) >= 4 {
			if typed {
				if len(b) < 5 {
					break
				}
				if b[0] == 'p' {
					n++
				}
				l := int(binary.BigEndian.Uint32(b[1:5]))
				if l < 4 || 1+l > len(b) {
					break
				}
				b = b[1+l:]
				continue
			}
			l := int(binary.BigEndian.Uint32(b[:4]))
			if l < 8 || l > len(b) {
				break
			}
			if code := binary.BigEndian.Uint32(b[4:8]); code != 80877103 {
				typed = true // not SSLRequest: the StartupMessage
			}
			b = b[l:]
		}
	}
	return n
}

func (tp *tap) saw(s string) bool {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	for _, b := range tp.sent {
		if strings.Contains(string(b), s) {
			return true
		}
	}
	return false
}

// A server configured (pg_hba) for cleartext or MD5 passwords asks a user's password
// in a form a hostile server could read or brute-force: it must not be sent unless the
// user allows it, and the service says why it stayed closed.
func TestPlaintextPasswordRequestRefused(t *testing.T) {
	const user, password = "app", "Plain-Text-Pw-88x"
	for _, method := range []string{"password", "md5"} {
		t.Run(method, func(t *testing.T) {
			// PostgreSQL answers an md5 line with SCRAM for passwords stored as SCRAM: the
			// role's password must be stored as MD5 for the server to ask for MD5.
			pg := labtest.PostgresFresh(t, lab.PostgresConfig{Password: "admin-pw-1f2", AuthMethod: method,
				ExtraConf: []string{"password_encryption = md5"},
				Users:     []lab.PostgresUser{{Name: user, Password: password, Select: true}}}, false)
			tp := newTap(t, pg.Addr())
			ep := probetest.At("127.0.0.1", tp.port())
			o := testOptions()
			o.NoDefaultCredentials = true
			o.Credentials = []store.Credential{{Username: user, Password: password}}
			res, _ := probetest.Probe(t, New(), ep, o)
			svc := res.Service
			if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired {
				t.Fatalf("auth %s status %s err %q", svc.Auth, svc.Status, svc.Error)
			}
			if why := svc.Details["password_not_sent"]; !strings.Contains(why, "--allow-plaintext-auth") {
				t.Fatalf("no reason given: details %v", svc.Details)
			}
			if n := tp.passwordMessages(); n != 0 || tp.saw(password) {
				t.Fatalf("%d password messages sent (password in clear: %v)", n, tp.saw(password))
			}

			// Allowed by the user: it logs in, and the tap saw the password go.
			o.AllowPlaintextAuth = true
			res, _ = probetest.Probe(t, New(), ep, o)
			if res.Service.Auth != finding.AuthCredentials || res.Service.User != user {
				t.Fatalf("--allow-plaintext-auth: auth %s user %q err %q", res.Service.Auth, res.Service.User, res.Service.Error)
			}
			if tp.passwordMessages() == 0 || (method == "password") != tp.saw(password) {
				t.Fatalf("the tap missed the login: %d password messages", tp.passwordMessages())
			}
		})
	}
}

// Over TLS whose certificate verifies (here: against the lab's own certificate given
// as the roots), the server may have the password in clear; over TLS that does not
// verify, it may not.
func TestPlaintextPasswordOverVerifiedTLS(t *testing.T) {
	const user, password = "app", "Tls-Pw-3c9"
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{Password: "admin-pw-1f2", AuthMethod: "password", TLS: true,
		Users: []lab.PostgresUser{{Name: user, Password: password, Select: true}}}, false)
	ep := probetest.At(pg.Host, pg.Port)
	o := testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: user, Password: password}}
	res, _ := probetest.Probe(t, New(), ep, o)
	if res.Service.Auth != finding.AuthRequired || res.Service.Details["password_not_sent"] == "" || !res.Service.TLS {
		t.Fatalf("unverified TLS: auth %s tls %v details %v", res.Service.Auth, res.Service.TLS, res.Service.Details)
	}
	pemBytes, err := os.ReadFile(filepath.Join(pg.Dir, "cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(pemBytes)
	cert, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	o.RootCAs = x509.NewCertPool()
	o.RootCAs.AddCert(cert)
	res, _ = probetest.Probe(t, New(), ep, o)
	if res.Service.Auth != finding.AuthCredentials || res.Service.User != user {
		t.Fatalf("verified TLS: auth %s err %q details %v", res.Service.Auth, res.Service.Error, res.Service.Details)
	}
	// The certificate is valid for the lab's address, not for another name.
	o.Credentials[0].Scope = nil
	named := ep
	named.Hostname = "db.example"
	res, _ = probetest.Probe(t, New(), named, o)
	if res.Service.Auth != finding.AuthRequired {
		t.Fatalf("certificate for another name: auth %s", res.Service.Auth)
	}
}
