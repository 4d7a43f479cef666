package mysql

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/tls"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// phisher is a hostile MySQL server (no real server asks for these on demand, which is
// the point): it offers caching_sha2_password or sha256_password, asks for full
// authentication, and keeps every byte a client sends it in clear — after its own TLS,
// and after decrypting what the client encrypted with the RSA key it handed out.
type phisher struct {
	ln       net.Listener
	plugin   string // the greeting's plugin
	switchTo string // an auth switch to this plugin after the handshake response ("" for none)
	tlsCert  *tls.Certificate
	key      *rsa.PrivateKey

	mu  sync.Mutex
	got bytes.Buffer
}

func newPhisher(t *testing.T, plugin, switchTo string, withTLS bool) *phisher {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &phisher{ln: ln, plugin: plugin, switchTo: switchTo, key: key}
	if withTLS {
		certFile, keyFile, err := lab.WriteSelfSignedCert(t.TempDir(), "127.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		c, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			t.Fatal(err)
		}
		p.tlsCert = &c
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	return p
}

func (p *phisher) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func (p *phisher) keep(b []byte) {
	p.mu.Lock()
	p.got.Write(b)
	p.mu.Unlock()
}

func (p *phisher) saw(s string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Contains(p.got.Bytes(), []byte(s))
}

func (p *phisher) serve(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	salt := []byte("abcdefghijklmnopqrst") // 20 bytes
	caps := uint32(capLongPassword | capProtocol41 | capSecureConnection | capPluginAuth | 0x8 | 0x200000)
	if p.tlsCert != nil {
		caps |= capSSL
	}
	var g []byte
	g = append(g, 10)
	g = append(g, "8.0.36\x00"...)
	g = append(g, 7, 0, 0, 0)
	g = append(g, salt[:8]...)
	g = append(g, 0, byte(caps), byte(caps>>8), 0x21, 2, 0, byte(caps>>16), byte(caps>>24), 21)
	g = append(g, make([]byte, 10)...)
	g = append(g, salt[8:]...)
	g = append(g, 0)
	g = append(g, p.plugin+"\x00"...)
	if _, err := c.Write(packet(0, g)); err != nil {
		return
	}
	var rw io.ReadWriter = c
	resp, err := readPacket(rw)
	if err != nil {
		return
	}
	if pl := resp[4:]; len(pl) == 32 && binary.LittleEndian.Uint32(pl)&capSSL != 0 && p.tlsCert != nil {
		tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{*p.tlsCert}})
		if tc.Handshake() != nil {
			return
		}
		rw = tc
		if resp, err = readPacket(rw); err != nil {
			return
		}
	}
	p.keep(resp)
	seq := resp[3] + 1
	deny := packet(seq, append([]byte{pktERR, 0x15, 0x04}, "#28000Access denied"...))
	if p.plugin == "sha256_password" && p.switchTo == "" {
		_, _ = rw.Write(deny) // over TLS the handshake response held the password
		return
	}
	if p.switchTo != "" {
		if _, err := rw.Write(packet(seq, append(append([]byte{pktAuthSwitch}, p.switchTo+"\x00"...), append(salt, 0)...))); err != nil {
			return
		}
	} else {
		if _, err := rw.Write(packet(seq, []byte{pktMoreData, fullAuth})); err != nil {
			return
		}
	}
	// Whatever the client sends now: a password in clear, a request for our RSA key
	// (then the password encrypted with it), or nothing.
	for range 3 {
		r, err := readPacket(rw)
		if err != nil {
			return
		}
		p.keep(r)
		seq = r[3] + 1
		pl := r[4:]
		switch {
		case len(pl) == 1 && pl[0] == 2: // caching_sha2_password: public key request
			der, _ := x509.MarshalPKIXPublicKey(&p.key.PublicKey)
			pemKey := pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
			if _, err := rw.Write(packet(seq, append([]byte{pktMoreData}, pemKey...))); err != nil {
				return
			}
			continue
		case len(pl) == 256: // RSA-OAEP of the password XOR the salt
			if plain, err := rsa.DecryptOAEP(sha1.New(), rand.Reader, p.key, pl, nil); err == nil {
				for i := range plain {
					plain[i] ^= salt[i%len(salt)]
				}
				p.keep(plain)
			}
		}
		break
	}
	_, _ = rw.Write(packet(seq, append([]byte{pktERR, 0x15, 0x04}, "#28000Access denied"...)))
}

// A hostile server asks for the password itself: over its own TLS, through an RSA key
// of its own, or by naming a plugin that sends it. A user's password must never reach
// it unless the user allowed it or the certificate verified.
func TestGuardWithholdsRecoverablePasswords(t *testing.T) {
	const password = "Guarded-Pw-91!"
	for _, tc := range []struct {
		name, plugin, switchTo string
		tls                    bool
	}{
		{"full auth over TLS", "caching_sha2_password", "", true},
		{"full auth with the server's RSA key", "caching_sha2_password", "", false},
		{"sha256_password greeting over TLS", "sha256_password", "", true},
		{"switch to sha256_password over TLS", "mysql_native_password", "sha256_password", true},
		{"switch to mysql_clear_password", "mysql_native_password", "mysql_clear_password", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPhisher(t, tc.plugin, tc.switchTo, tc.tls)
			ep := probetest.At("127.0.0.1", p.port())
			o := testOptions()
			o.NoDefaultCredentials = true
			o.Credentials = []store.Credential{{Username: "app", Password: password}}
			res, _ := probetest.Probe(t, New(), ep, o)
			if res == nil {
				t.Fatal("the phisher was not recognised as MySQL")
			}
			if p.saw(password) {
				t.Fatalf("the password reached the server")
			}
			if res.Service.Auth != finding.AuthRequired {
				t.Fatalf("auth %s err %q", res.Service.Auth, res.Service.Error)
			}
			if tc.switchTo != "mysql_clear_password" && !strings.Contains(res.Service.Details["password_not_sent"], "--allow-plaintext-auth") {
				t.Fatalf("no reason given: %v", res.Service.Details)
			}

			// Allowed, the driver hands it over (except mysql_clear_password, which the
			// driver never sends): the phisher is a working trap.
			o.AllowPlaintextAuth = true
			_, _ = probetest.Probe(t, New(), ep, o)
			if want := tc.switchTo != "mysql_clear_password"; p.saw(password) != want {
				t.Fatalf("--allow-plaintext-auth: password seen %v, want %v", p.saw(password), want)
			}
		})
	}
}

// Over TLS whose certificate verifies for the endpoint, full authentication may have
// the password.
func TestGuardAllowsVerifiedTLS(t *testing.T) {
	const password = "Verified-Pw-27"
	p := newPhisher(t, "caching_sha2_password", "", true)
	o := testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: "app", Password: password}}
	o.RootCAs = x509.NewCertPool()
	leaf, err := x509.ParseCertificate(p.tlsCert.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	o.RootCAs.AddCert(leaf)
	_, _ = probetest.Probe(t, New(), probetest.At("127.0.0.1", p.port()), o)
	if !p.saw(password) {
		t.Fatal("the password was withheld from a server whose certificate verified")
	}
}

// An error packet in place of the greeting ends the relay: whatever the client sends
// after it — here a handshake response with the password, as a driver that misread the
// packet's mention of sha256_password would — never reaches the server, however long
// the server keeps the connection open. (FuzzGuard found the relay left open.)
func TestGuardEndsAfterErrorGreeting(t *testing.T) {
	srvOurs, srvPeer := net.Pipe()
	defer srvPeer.Close()
	got := make(chan []byte, 1)
	go func() {
		errGreeting := packet(0, append([]byte{pktERR, 0x15, 0x04}, "#HY000 use sha256_password"...))
		if _, err := srvPeer.Write(errGreeting); err != nil {
			got <- nil
			return
		}
		// Stay open and read whatever is relayed, until the guard closes its end.
		b, _ := io.ReadAll(srvPeer)
		got <- b
	}()
	dc, _ := guardConn(t.Context(), probetest.At("127.0.0.1", 3306), &store.Options{}, srvOurs, time.Now().Add(5*time.Second))
	if _, err := readPacket(dc); err != nil {
		t.Fatalf("the driver did not get the refusal: %v", err)
	}
	_ = dc.SetWriteDeadline(time.Now().Add(2 * time.Second))
	_, _ = dc.Write(packet(1, append(make([]byte, 40), "secret-password\x00"...)))
	dc.Close()
	select {
	case b := <-got:
		if bytes.Contains(b, []byte("secret-password")) {
			t.Fatalf("the password reached the server after its error greeting: %q", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the guard kept the server's connection open after an error greeting")
	}
}
