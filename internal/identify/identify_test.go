package identify

import (
	"bufio"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
)

// fake is a TCP server for one test that counts its connections, the most it held at
// once, and what clients sent it.
type fake struct {
	ln       net.Listener
	conns    atomic.Int64
	open     atomic.Int64
	maxOpen  atomic.Int64
	mu       sync.Mutex
	received []byte
}

// serve starts a fake whose connections are handled by handle (the fake records what
// the client sends whatever handle reads).
func serve(t *testing.T, handle func(c net.Conn)) (*fake, store.Endpoint) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fake{ln: ln}
	done := make(chan struct{})
	var wg sync.WaitGroup
	// The accept loop counts in wg too: its wg.Add for a connection then never races
	// with the cleanup's wg.Wait (Add from zero concurrent with Wait is a data race).
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			f.conns.Add(1)
			n := f.open.Add(1)
			for m := f.maxOpen.Load(); n > m && !f.maxOpen.CompareAndSwap(m, n); m = f.maxOpen.Load() {
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer f.open.Add(-1)
				defer c.Close()
				go func() { <-done; c.Close() }()
				handle(&recordingConn{Conn: c, f: f})
			}()
		}
	}()
	t.Cleanup(func() { close(done); ln.Close(); wg.Wait() })
	ap := netip.MustParseAddrPort(ln.Addr().String())
	return f, store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

func (f *fake) got() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return string(f.received)
}

type recordingConn struct {
	net.Conn
	f *fake
}

func (c *recordingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.f.mu.Lock()
	c.f.received = append(c.f.received, p[:n]...)
	c.f.mu.Unlock()
	return n, err
}

// silent accepts and drains, never answering.
func silent(c net.Conn) { _, _ = io.Copy(io.Discard, c) }

func testOptions(bannerWait, io time.Duration) *store.Options {
	o := store.DefaultOptions()
	o.ConnectTimeout = 2 * time.Second
	o.BannerWait = bannerWait
	o.IOTimeout = io
	return &o
}

func identifier() *Identifier { return New(all.Probers(), Config{}) }

func identifyOK(t *testing.T, d *Identifier, ep store.Endpoint, o *store.Options) (*store.Identity, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	t0 := time.Now()
	id, err := d.Identify(ctx, ep, o)
	el := time.Since(t0)
	if err != nil {
		t.Fatalf("Identify(%s): %v", ep.Address(), err)
	}
	t.Cleanup(id.Close)
	t.Logf("%s: %s/%s tls=%v version=%q by=%s details=%v banner=%.60q in %v", ep.Address(), id.Product, id.Protocol,
		id.TLS, id.Version, id.By, id.Details, id.Banner, el.Round(time.Millisecond))
	return id, el
}

// An SSH server is named from its banner, on one connection, without a word sent to it,
// in well under a second.
func TestSSHBanner(t *testing.T) {
	f, ep := serve(t, func(c net.Conn) {
		io.WriteString(c, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
		silent(c)
	})
	id, el := identifyOK(t, identifier(), ep, testOptions(2*time.Second, 10*time.Second))
	if id.Product != "ssh" || id.Version != "OpenSSH_9.2p1 Debian-2+deb12u3" || id.By != "banner" {
		t.Fatalf("identified %+v", id)
	}
	if n := f.conns.Load(); n != 1 {
		t.Errorf("%d connections, want 1", n)
	}
	if got := f.got(); got != "" {
		t.Errorf("sent %q to a server that speaks first", got)
	}
	if el > time.Second {
		t.Errorf("took %v", el)
	}
}

// A plain HTTP server that is no data store is named "http" after one request on one
// connection, in well under the banner wait.
func TestPlainHTTP(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Server", "nginx/1.25.3")
		io.WriteString(w, "<html><title>Welcome to nginx!</title></html>")
	}))
	var conns atomic.Int64
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
	id, el := identifyOK(t, identifier(), ep, testOptions(5*time.Second, 10*time.Second))
	if id.Product != NameHTTP || id.Version != "nginx/1.25.3" || id.Details["status"] != "200" || id.TLS {
		t.Fatalf("identified %+v", id)
	}
	if conns.Load() != 1 || requests.Load() != 1 {
		t.Errorf("%d connections, %d requests; want 1 and 1", conns.Load(), requests.Load())
	}
	// No banner wait was paid (5 s here): the request went out after a short pause.
	if el > 2*time.Second {
		t.Errorf("took %v", el)
	}
}

// A tarpit — accepts, never answers — costs one banner wait plus one I/O timeout and
// at most four connections, and is named "unknown", silent.
func TestTarpit(t *testing.T) {
	const bannerWait, ioTimeout = 400 * time.Millisecond, 1500 * time.Millisecond
	for _, tc := range []struct {
		name   string
		scheme string // a port hint: "" none, "mysql" a product that speaks first
	}{{"no hint", ""}, {"server-first hint", "mysql"}, {"binary hint", "redis"}, {"HTTP hint", "clickhouse"}} {
		t.Run(tc.name, func(t *testing.T) {
			f, ep := serve(t, silent)
			ep.Scheme = tc.scheme
			id, el := identifyOK(t, identifier(), ep, testOptions(bannerWait, ioTimeout))
			if id.Product != NameUnknown || len(id.Banner) != 0 || !strings.HasPrefix(id.Details["reason"], "silent") {
				t.Fatalf("identified %+v", id)
			}
			if n := f.conns.Load(); n > 4 {
				t.Errorf("%d connections, want at most 4", n)
			}
			// Structurally: the round of hellos waited once, not once per product.
			if el < ioTimeout || el > bannerWait+ioTimeout+time.Second {
				t.Errorf("took %v, want about %v", el, bannerWait+ioTimeout)
			}
		})
	}
}

// The port closes every connection at once: named, quickly, without the full round's
// timeout.
func TestClosesAtOnce(t *testing.T) {
	f, ep := serve(t, func(net.Conn) {})
	id, el := identifyOK(t, identifier(), ep, testOptions(3*time.Second, 10*time.Second))
	if id.Product != NameUnknown || id.Details["reason"] == "" {
		t.Fatalf("identified %+v", id)
	}
	if el > 2*time.Second || f.conns.Load() != 1 {
		t.Errorf("took %v, %d connections", el, f.conns.Load())
	}
}

// A service that answers every opening with garbage is "unknown" with the garbage's
// first bytes, raw, after one round.
func TestGarbage(t *testing.T) {
	garbage := "\x07\xff\xfe garbage \x00\x01\r\n"
	_, ep := serve(t, func(c net.Conn) {
		br := bufio.NewReader(c)
		if _, err := br.ReadByte(); err != nil {
			return
		}
		io.WriteString(c, garbage)
	})
	id, el := identifyOK(t, identifier(), ep, testOptions(3*time.Second, 10*time.Second))
	if id.Product != NameUnknown || string(id.Banner) != garbage {
		t.Fatalf("identified %+v", id)
	}
	if el > 2*time.Second {
		t.Errorf("took %v", el)
	}
}

// An unknown banner is kept, raw, and nothing is said to the server.
func TestUnknownBanner(t *testing.T) {
	f, ep := serve(t, func(c net.Conn) {
		io.WriteString(c, "\x1b[31mWELCOME\x1b[0m to \xffsomething\r\n")
		silent(c)
	})
	id, _ := identifyOK(t, identifier(), ep, testOptions(2*time.Second, 2*time.Second))
	if id.Product != NameUnknown || string(id.Banner) != "\x1b[31mWELCOME\x1b[0m to \xffsomething\r\n" {
		t.Fatalf("identified %+v", id)
	}
	if f.got() != "" {
		t.Errorf("sent %q", f.got())
	}
}

// TLS is detected and identification repeated inside it: an HTTPS server on a port
// nobody claims is "http" over TLS.
func TestTLSDetected(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Server", "Caddy")
		io.WriteString(w, "hello")
	}))
	defer srv.Close()
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	id, el := identifyOK(t, identifier(), store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}, testOptions(5*time.Second, 10*time.Second))
	if id.Product != NameHTTP || !id.TLS || id.Version != "Caddy" {
		t.Fatalf("identified %+v", id)
	}
	if el > 2*time.Second {
		t.Errorf("took %v", el)
	}
}

// A TLS server that completes the handshake and then says nothing is "tls".
func TestTLSTarpit(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	cert := srv.TLS.Clone()
	srv.Close()
	_, ep := serve(t, func(c net.Conn) {
		tc := tls.Server(c, cert)
		if tc.Handshake() != nil {
			return
		}
		silent(tc)
	})
	const bannerWait, ioTimeout = 300 * time.Millisecond, 1200 * time.Millisecond
	id, el := identifyOK(t, identifier(), ep, testOptions(bannerWait, ioTimeout))
	if id.Product != NameTLS || !id.TLS {
		t.Fatalf("identified %+v", id)
	}
	if el > bannerWait+3*ioTimeout+time.Second {
		t.Errorf("took %v", el)
	}
}

// The round's connections are bounded per host: four silent ports of one address,
// identified at once, never hold more than their first connections and PerHost more.
func TestPerHostBound(t *testing.T) {
	d := New(all.Probers(), Config{Parallel: 3, PerHost: 2})
	var open, maxOpen atomic.Int64
	o := testOptions(200*time.Millisecond, time.Second)
	dialer := &net.Dialer{}
	o.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dialer.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		n := open.Add(1)
		for m := maxOpen.Load(); n > m && !maxOpen.CompareAndSwap(m, n); m = maxOpen.Load() {
		}
		return &countedConn{Conn: c, open: &open}, nil
	}
	var eps []store.Endpoint
	for range 4 {
		_, ep := serve(t, silent)
		eps = append(eps, ep)
	}
	var wg sync.WaitGroup
	for _, ep := range eps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := d.Identify(context.Background(), ep, o); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if m := maxOpen.Load(); m > int64(len(eps))+2 {
		t.Errorf("%d connections open at once to one host, want at most %d", m, len(eps)+2)
	}
	if open.Load() != 0 {
		t.Errorf("%d connections left open", open.Load())
	}
}

type countedConn struct {
	net.Conn
	open *atomic.Int64
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() { c.open.Add(-1) })
	return c.Conn.Close()
}

// A port that refuses connections is an error, not a name.
func TestRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ap := netip.MustParseAddrPort(ln.Addr().String())
	ln.Close()
	id, err := identifier().Identify(context.Background(), store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}, testOptions(time.Second, time.Second))
	if err == nil {
		t.Fatalf("identified a closed port: %+v", id)
	}
}

// A ClientHello answered at once with an HTTP 400 (an HTTP server on an odd port) does
// not decide the port while the HTTP request of the same round is still awaited: a
// slow data store behind HTTP is named from its own answer, not as "http".
func TestForeignAnswerToHelloWaitsForHTTP(t *testing.T) {
	_, ep := serve(t, func(c net.Conn) {
		br := bufio.NewReader(c)
		first, err := br.Peek(1)
		if err != nil {
			return
		}
		if first[0] == 0x16 {
			io.WriteString(c, "HTTP/1.1 400 Bad Request\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n")
			return
		}
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		time.Sleep(1500 * time.Millisecond)
		io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: 4\r\nConnection: Close\r\n\r\nOk.\n")
	})
	id, _ := identifyOK(t, identifier(), ep, testOptions(time.Second, 5*time.Second))
	if id.Product != "clickhouse" {
		t.Fatalf("identified as %q by %q, want clickhouse from its own answer to GET /", id.Product, id.By)
	}
}
