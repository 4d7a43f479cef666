// Package probetest runs the servers that probers' tests talk to: recorded-protocol fakes
// on 127.0.0.1 listeners, and hostile servers that send garbage, stall, trickle, or send
// endless or compressed bodies. It is imported by tests only.
package probetest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Endpoint is the store.Endpoint of a "127.0.0.1:port" address.
func Endpoint(t testing.TB, addr string) store.Endpoint {
	t.Helper()
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		t.Fatalf("endpoint %q: %v", addr, err)
	}
	return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

// At is the store.Endpoint of host and port; host must be a literal address.
func At(host string, port int) store.Endpoint {
	return store.Endpoint{Addr: netip.MustParseAddr(host), Port: port}
}

// HTTP serves h on a loopback port until the test ends.
func HTTP(t testing.TB, h http.Handler) store.Endpoint {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return Endpoint(t, srv.Listener.Addr().String())
}

// HTTPS serves h over TLS (a self-signed certificate) on a loopback port.
func HTTPS(t testing.TB, h http.Handler) store.Endpoint {
	t.Helper()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	return Endpoint(t, srv.Listener.Addr().String())
}

// Raw runs a TCP server whose n-th connection (0-based) is handled by handle.
func Raw(t testing.TB, handle func(n int, c net.Conn)) store.Endpoint {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	// The accept loop counts in wg too, so that its wg.Add for a connection never races
	// with the cleanup's wg.Wait.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := 0; ; n++ {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func(n int) {
				defer wg.Done()
				defer c.Close()
				go func() { <-done; c.Close() }()
				handle(n, c)
			}(n)
		}
	}()
	t.Cleanup(func() { close(done); l.Close(); wg.Wait() })
	return Endpoint(t, l.Addr().String())
}

// Serve serves each connection with handle, for 5 s at most, on a loopback port until
// the test ends.
func Serve(t testing.TB, handle func(c net.Conn)) store.Endpoint {
	t.Helper()
	return Raw(t, func(_ int, c net.Conn) {
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		handle(c)
	})
}

// Options are short limits for tests: a hostile server must cost little time.
func Options() store.Options {
	o := store.DefaultOptions()
	o.ConnectTimeout = time.Second
	o.IOTimeout = 700 * time.Millisecond
	o.InventoryTimeout = 5 * time.Second
	o.MaxResponseBytes = 1 << 20
	o.SampleRows = 5
	o.MaxRowBytes = 4 << 10
	o.MaxSampleBytes = 16 << 10
	return o
}

// LabOptions are the defaults with a lab test's sample caps: rows per sample, bytes per
// row and bytes per sample.
func LabOptions(rows, maxRow, maxSample int) *store.Options {
	o := store.DefaultOptions()
	o.SampleRows = rows
	o.MaxRowBytes = maxRow
	o.MaxSampleBytes = maxSample
	return &o
}

// Case is one hostile server.
type Case struct {
	Name   string
	Handle func(n int, c net.Conn)
	// Want is the error class the probe must return; nil accepts any error.
	Want error
}

// RawCases are servers that misbehave before saying anything a prober could recognise;
// every prober must answer them with an error, quickly, and never call them open.
func RawCases() []Case {
	return []Case{
		{"garbage", func(_ int, c net.Conn) { c.Write([]byte("\x07\xff\xfe garbage \x00\x01\r\n\r\n")) }, store.ErrNoMatch},
		{"closes at once", func(int, net.Conn) {}, nil},
		{"stalls", func(_ int, c net.Conn) { _, _ = io.Copy(io.Discard, c) }, store.ErrTimeout},
		{"trickles", func(_ int, c net.Conn) {
			for range 100 {
				if _, err := c.Write([]byte("H")); err != nil {
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		}, nil},
		{"headers never end", func(_ int, c net.Conn) {
			_, _ = bufio.NewReader(c).ReadString('\n')
			io.WriteString(c, "HTTP/1.1 200 OK\r\n")
			for range 10000 {
				if _, err := io.WriteString(c, "X-Junk: "+strings.Repeat("j", 1000)+"\r\n"); err != nil {
					return
				}
			}
		}, nil},
		{"huge content length", func(_ int, c net.Conn) {
			_, _ = bufio.NewReader(c).ReadString('\n')
			io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 999999999999\r\n\r\n{\"a\":")
			_, _ = io.Copy(io.Discard, c)
		}, nil},
	}
}

// CheckRawCases runs CheckHostile for p against every server of RawCases, each as a
// subtest, with the time limit given.
func CheckRawCases(t *testing.T, p store.Prober, limit time.Duration) {
	for _, tc := range RawCases() {
		t.Run(tc.Name, func(t *testing.T) {
			CheckHostile(t, p, Raw(t, tc.Handle), tc.Want, limit)
		})
	}
}

// Endless writes an endless body after the headers it is given.
func Endless(w http.ResponseWriter, r *http.Request, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusOK)
	chunk := bytes.Repeat([]byte("A"), 64<<10)
	for r.Context().Err() == nil {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// GzipBomb answers with a small gzip body that inflates to 16 MiB, whatever the client
// asked for.
func GzipBomb(w http.ResponseWriter, contentType string) {
	PrepareBomb()
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Encoding", "gzip")
	w.WriteHeader(http.StatusOK)
	w.Write(bomb)
}

// PrepareBomb builds the gzip bomb; tests call it before starting a server that sends
// it, so that building it (slow under -race) costs no request its deadline.
func PrepareBomb() {
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zeros := make([]byte, 1<<20)
		for range 16 {
			zw.Write(zeros)
		}
		zw.Close()
		bomb = buf.Bytes()
	})
}

var (
	bombOnce sync.Once
	bomb     []byte
)

// Stall holds the request until the client gives up.
func Stall(r *http.Request) { <-r.Context().Done() }

// CheckHostile probes ep and fails the test unless the probe returns an error of class
// want (any error when want is nil) within limit and without calling the server open.
func CheckHostile(t *testing.T, p store.Prober, ep store.Endpoint, want error, limit time.Duration) {
	t.Helper()
	o := Options()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	t0 := time.Now()
	res, err := p.Probe(ctx, ep, &o)
	d := time.Since(t0)
	if err == nil {
		if want == nil && res != nil && len(res.Service.Datasets) == 0 && !res.Service.Auth.Open() {
			return // identified, and harmless
		}
		t.Fatalf("hostile server accepted: %+v", res)
	}
	if want != nil && !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	if d > limit {
		t.Fatalf("took %v (err %v)", d, err)
	}
	if res != nil && res.Service.Auth.Open() && len(res.Service.Datasets) > 0 {
		t.Fatalf("hostile server reported open with data: %+v", res.Service)
	}
}

// CountReads wraps o's dialer so that every connection it makes adds the bytes it reads
// from the server to the returned counter: what a probe pulled over the wire, not what
// it kept.
func CountReads(o *store.Options) *atomic.Int64 {
	var read atomic.Int64
	dial := o.Dial
	o.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return countingConn{c, &read}, nil
	}
	return &read
}

type countingConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// Allocated returns the bytes the heap allocated while f ran, after a collection so that
// garbage left before it does not count: what one probe of a hostile answer cost.
func Allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// ServeJSONAt answers requests for path with body as JSON and every other request with
// next: a fake server with one hostile answer.
func ServeJSONAt(path, body string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == path {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(body))
			return
		}
		next.ServeHTTP(w, r)
	})
}
