package mysql

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/contain"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// stallingMySQL greets as version with mysql_native_password and refuses root (the
// prober's first login, without a password and so without the guard); any other login
// it reads and never answers, keeping the connection open until the test ends. The end
// of each such connection is reported on closed (the time the server saw it close).
func stallingMySQL(t *testing.T, version string, closed chan<- time.Time) store.Endpoint {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	t.Cleanup(func() { close(done); ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				ended := make(chan struct{})
				defer close(ended)
				go func() {
					select {
					case <-done:
					case <-ended:
					}
					c.Close()
				}()
				if _, err := c.Write(packet(0, v10(version, mysql8Caps&^capSSL, "mysql_native_password", 0))); err != nil {
					return
				}
				login, err := readPacket(c)
				if err != nil {
					return
				}
				if bytes.Contains(login, []byte("root\x00")) {
					_, _ = c.Write(packet(login[3]+1, append([]byte{pktERR, 0x15, 0x04}, "#28000Access denied"...)))
					return
				}
				_, _ = io.Copy(io.Discard, c)
				c.Close()
				if closed != nil {
					select {
					case closed <- time.Now():
					default:
					}
				}
			}()
		}
	}()
	return probetest.At("127.0.0.1", ln.Addr().(*net.TCPAddr).Port)
}

// settles waits up to d for the goroutine count to come back to at most base.
func settles(base int, d time.Duration) (int, bool) {
	end := time.Now().Add(d)
	for {
		n := runtime.NumGoroutine()
		if n <= base || time.Now().After(end) {
			return n, n <= base
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// The guard relays a user's login on goroutines of its own, which the scan's recover
// around a prober does not reach: a panic there, on what the server sent, ended the
// whole process with every other target's results (this test binary, before). It is
// now an error for that endpoint alone. The parse is made to panic on one server's
// greeting (the guard's parsers have no known crash; FuzzGuard looks for one), and an
// honest-looking server probed at the same time keeps its result.
func TestGuardPanicCostsOnlyItsTarget(t *testing.T) {
	const marker = "8.0.36-crash-the-guard"
	real := guardParse
	guardParse = func(b []byte) (*Greeting, error) {
		if bytes.Contains(b, []byte(marker)) {
			var m map[string]int
			m["boom"]++ // a nil map write: a parser bug
		}
		return real(b)
	}
	defer func() { guardParse = real }()

	hostile := stallingMySQL(t, marker, nil)
	honest := newPhisher(t, "caching_sha2_password", "", false)
	o := testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: "app", Password: "Guard-Crash-Pw-4"}}
	var wg sync.WaitGroup
	var hres, bres *store.Result
	var herr error
	wg.Add(2)
	go func() { defer wg.Done(); hres, herr, _ = probetest.Try(New(), hostile, o, 30*time.Second) }()
	go func() {
		defer wg.Done()
		bres, _, _ = probetest.Try(New(), probetest.At("127.0.0.1", honest.port()), o, 30*time.Second)
	}()
	wg.Wait()
	if bres == nil || bres.Service.Version != "8.0.36" || bres.Service.Auth != finding.AuthRequired {
		t.Fatalf("the honest server's result is lost: %+v", bres)
	}
	if hres == nil {
		t.Fatalf("the crashing server was not reported: %v", herr)
	}
	if !strings.Contains(hres.Service.Error, contain.ErrCrashed.Error()) {
		t.Errorf("the crashing server's error does not say the guard crashed: %q (err %v)", hres.Service.Error, herr)
	}
	t.Logf("crashing server: status %s, error %q", hres.Service.Status, hres.Service.Error)
}

// A server that greets and then never answers the login held the guard's goroutine,
// and the server's connection, until the guard's own deadline (ConnectTimeout +
// IOTimeout after the dial: 20 s here), however early the probe's context ended: the
// driver gave up at the context, the relay kept waiting for the server. The relay now
// ends with the probe's context.
func TestGuardEndsWithTheProbe(t *testing.T) {
	closed := make(chan time.Time, 1)
	ep := stallingMySQL(t, "8.0.36", closed)
	o := testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: "app", Password: "Guard-Stall-Pw-8"}}
	o.ConnectTimeout, o.IOTimeout = 10*time.Second, 10*time.Second
	runtime.GC()
	base := runtime.NumGoroutine()
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := New().Probe(ctx, ep, o)
	returned := time.Since(start)
	t.Logf("probe returned after %v: %v", returned.Round(time.Millisecond), err)
	select {
	case at := <-closed:
		t.Logf("the server saw its connection close %v after the probe began", at.Sub(start).Round(time.Millisecond))
	case <-time.After(5 * time.Second):
		t.Errorf("the server's connection was still open 5 s after the probe returned (guard deadline %v)", o.ConnectTimeout+o.IOTimeout)
	}
	if n, ok := settles(base, 5*time.Second); !ok {
		t.Errorf("%d goroutines 5 s after the probe returned, %d before it", n, base)
	}
	if errors.Is(err, contain.ErrCrashed) {
		t.Errorf("a stall reported as a crash: %v", err)
	}
}
