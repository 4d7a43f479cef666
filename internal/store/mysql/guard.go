package mysql

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/contain"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// A MySQL server picks how a client proves its password, and some of its choices hand
// the password itself over: mysql_clear_password, sha256_password, and the "full
// authentication" of caching_sha2_password — in clear inside TLS, or encrypted with an
// RSA key the server itself supplies. The driver (go-sql-driver/mysql) answers all of
// them except mysql_clear_password, over TLS whose certificate it does not check. So a
// hostile server would learn a user's password just by asking.
//
// The guard stands between the driver and the server for a user's own credentials:
// it relays the connection, terminating the driver's TLS with a throwaway certificate
// and speaking TLS to the server itself (so the session stays encrypted), reads the
// authentication exchange, and breaks the connection off before the driver's answer
// leaves when the server has asked for the password in a recoverable form — unless the
// server's certificate verified (Options.RootCAs) or the user allowed it
// (Options.AllowPlaintextAuth). Challenge-response answers (mysql_native_password, the
// caching_sha2_password scramble, client_ed25519) pass. Once the server accepts or
// refuses the login, the guard only copies bytes.

// errPlaintextRefused marks a login the guard broke off.
var errPlaintextRefused = errors.New("the server asked for the password itself (mysql_clear_password, sha256_password or caching_sha2_password full authentication) over a connection that is not TLS with a verified certificate; it was not sent (--allow-plaintext-auth sends it)")

// Packet header fields of the authentication exchange.
const (
	pktOK         = 0x00
	pktERR        = 0xff
	pktAuthSwitch = 0xfe
	pktMoreData   = 0x01
	fullAuth      = 0x04 // caching_sha2_password: perform full authentication
	fastAuthOK    = 0x03 // caching_sha2_password: the scramble matched
	maxAuthPacket = 64 << 10
)

// recoverable are the authentication plugins whose answer carries the password itself.
var recoverable = map[string]bool{"mysql_clear_password": true, "sha256_password": true}

// guard is one guarded connection.
type guard struct {
	ep      store.Endpoint
	roots   *x509.CertPool
	allowed bool // the user allowed recoverable answers
	server  net.Conn
	driver  net.Conn // our end of the pipe to the driver

	mu      sync.Mutex
	refused bool
	crashed error // a panic in the relay, on what the server sent
}

// guardConn starts relaying server for the driver and returns the driver's end.
// deadline bounds the authentication exchange; the relay ends when ctx (the probe's)
// does, whether or not the driver closes its end.
//
// The relay runs on goroutines of its own, which the prober's recover does not reach:
// it parses what the server sent (the greeting, the authentication packets), and a
// panic there ended the process and every other target's results with it. A panic now
// closes both ends, and the login fails with it (Crashed). Nothing it holds grows with
// what the server sends: an authentication packet is at most maxAuthPacket, and after
// the login the pipe to the driver is synchronous, so the relay holds one copy buffer
// while the driver's own read budget (BudgetConn) and deadlines bound the rest.
func guardConn(ctx context.Context, ep store.Endpoint, o *store.Options, server net.Conn, deadline time.Time) (net.Conn, *guard) {
	driverEnd, ours := net.Pipe()
	g := &guard{ep: ep, roots: o.RootCAs, allowed: o.AllowPlaintextAuth, server: server, driver: ours}
	stop := context.AfterFunc(ctx, g.close)
	contain.Go("the MySQL guard", func() error { g.run(deadline); return nil }, func(err error) {
		stop()
		g.fail(err)
	})
	return driverEnd, g
}

// Refused reports whether the guard broke the login off.
func (g *guard) Refused() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.refused
}

// Crashed is the panic the relay turned into an error, or nil.
func (g *guard) Crashed() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.crashed
}

// fail records a crash of the relay (err not nil) and closes both ends.
func (g *guard) fail(err error) {
	if err == nil {
		return
	}
	g.mu.Lock()
	if g.crashed == nil {
		g.crashed = err
	}
	g.mu.Unlock()
	g.close()
}

func (g *guard) close() {
	g.server.Close()
	g.driver.Close()
}

func (g *guard) run(deadline time.Time) {
	srv, cli, err := g.authenticate(deadline)
	if err != nil {
		g.close()
		return
	}
	_ = g.server.SetDeadline(time.Time{})
	done := make(chan struct{}, 2)
	relay := func(dst, src net.Conn) {
		contain.Go("the MySQL guard's relay", func() error { _, err := io.Copy(dst, src); return err }, func(err error) {
			if errors.Is(err, contain.ErrCrashed) {
				g.fail(err) // a copy's own errors are the connection ending
			}
			done <- struct{}{}
		})
	}
	relay(srv, cli)
	relay(cli, srv)
	<-done
	g.close()
	<-done
}

// authenticate relays the exchange up to the server's verdict and returns the two
// streams to copy between afterwards.
func (g *guard) authenticate(deadline time.Time) (srv, cli net.Conn, err error) {
	_ = g.server.SetDeadline(deadline)
	_ = g.driver.SetDeadline(deadline)
	defer g.driver.SetDeadline(time.Time{})
	srv, cli = g.server, g.driver

	greeting, err := readPacket(srv)
	if err != nil {
		return nil, nil, err
	}
	if err := writeAll(cli, greeting); err != nil {
		return nil, nil, err
	}
	if gr, err := guardParse(greeting); err == nil && gr.Err != nil {
		// The driver has read the refusal (the pipe is synchronous). Nothing it could send
		// after it is relayed: an error packet that names a plugin must not open the way
		// for a handshake response with the password in it.
		return nil, nil, errGreetingRefused
	}
	p, err := readPacket(cli)
	if err != nil {
		return nil, nil, err
	}
	verified := false
	if payload := p[4:]; len(payload) == 32 && binary.LittleEndian.Uint32(payload)&capSSL != 0 {
		// SSLRequest: TLS to the server from here, checked; the driver's TLS ends here.
		if err := writeAll(srv, p); err != nil {
			return nil, nil, err
		}
		cfg := probekit.TLSConfig(g.ep)
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			verified = probekit.TLSVerified(g.ep, cs, g.roots)
			return nil
		}
		sTLS := tls.Client(srv, cfg)
		if err := sTLS.Handshake(); err != nil {
			return nil, nil, err
		}
		cert, err := throwawayCert()
		if err != nil {
			return nil, nil, err
		}
		dTLS := tls.Server(cli, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
		if err := dTLS.Handshake(); err != nil {
			return nil, nil, err
		}
		srv, cli = sTLS, dTLS
		if p, err = readPacket(cli); err != nil {
			return nil, nil, err
		}
	}
	allowed := g.allowed || verified
	// p is the handshake response: it carries the password itself when the greeting
	// named a recoverable plugin. The driver reads the plugin name whatever the
	// capability flags say, so any mention counts.
	dangerous := false
	for name := range recoverable {
		dangerous = dangerous || bytes.Contains(greeting[4:], []byte(name))
	}
	for {
		if dangerous && !allowed {
			g.mu.Lock()
			g.refused = true
			g.mu.Unlock()
			return nil, nil, errPlaintextRefused
		}
		if err := writeAll(srv, p); err != nil {
			return nil, nil, err
		}
		// The server's answers until it wants something from the client again.
		for {
			r, err := readPacket(srv)
			if err != nil {
				return nil, nil, err
			}
			if err := writeAll(cli, r); err != nil {
				return nil, nil, err
			}
			payload := r[4:]
			if len(payload) == 0 {
				return nil, nil, errors.New("empty packet in the authentication exchange")
			}
			switch payload[0] {
			case pktOK, pktERR:
				return srv, cli, nil
			case pktAuthSwitch:
				name, _, _ := cstring(payload[1:])
				dangerous = recoverable[name]
			case pktMoreData:
				if len(payload) == 2 && payload[1] == fastAuthOK {
					continue // the OK follows without a word from the client
				}
				dangerous = dangerous || (len(payload) == 2 && payload[1] == fullAuth)
			}
			break
		}
		if p, err = readPacket(cli); err != nil {
			return nil, nil, err
		}
	}
}

// guardParse is how the guard reads the server's greeting (a variable so that tests can
// make the parse of a hostile greeting panic, as a parser bug would).
var guardParse = ParseGreeting

// errGreetingRefused ends the relay after a server's error packet in place of a greeting.
var errGreetingRefused = errors.New("the server refused the connection in its greeting")

// readPacket reads one whole packet, header included.
func readPacket(r io.Reader) ([]byte, error) {
	var h [4]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := int(h[0]) | int(h[1])<<8 | int(h[2])<<16
	if n > maxAuthPacket {
		return nil, fmt.Errorf("%w: authentication packet of %d bytes", store.ErrTooLarge, n)
	}
	b := make([]byte, 4+n)
	copy(b, h[:])
	if _, err := io.ReadFull(r, b[4:]); err != nil {
		return nil, err
	}
	return b, nil
}

func writeAll(w io.Writer, b []byte) error {
	_, err := w.Write(b)
	return err
}

var (
	throwawayOnce sync.Once
	throwaway     tls.Certificate
	throwawayErr  error
)

// throwawayCert is the certificate the guard shows the driver, whose TLS ends in this
// process: made once, its key never leaves memory.
func throwawayCert() (tls.Certificate, error) {
	throwawayOnce.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			throwawayErr = err
			return
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "leakwatch guard"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(10 * 365 * 24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			throwawayErr = err
			return
		}
		throwaway = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	})
	return throwaway, throwawayErr
}
