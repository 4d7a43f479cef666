package disclose

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/target"
)

const goodFile = "Contact: mailto:security@example.test\nPolicy: https://example.test/policy\nExpires: 2027-01-01T00:00:00Z\n"

// site is a pair of loopback servers, TLS and plain, standing in for one host's ports 443
// and 80; it records every request.
type site struct {
	tls, plain *httptest.Server
	mu         sync.Mutex
	log        []string
}

func newSite(t *testing.T, handler func(scheme string, w http.ResponseWriter, r *http.Request)) *site {
	t.Helper()
	s := &site{}
	wrap := func(scheme string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sni := ""
			if r.TLS != nil {
				sni = r.TLS.ServerName
			}
			s.mu.Lock()
			s.log = append(s.log, fmt.Sprintf("%s %s %s sni=%s", scheme, r.Host, r.URL.Path, sni))
			s.mu.Unlock()
			handler(scheme, w, r)
		})
	}
	s.tls = httptest.NewTLSServer(wrap("https"))
	s.plain = httptest.NewServer(wrap("http"))
	t.Cleanup(func() { s.tls.Close(); s.plain.Close() })
	return s
}

func (s *site) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.log...)
}

func port(srv *httptest.Server) int {
	return int(netip.MustParseAddrPort(srv.Listener.Addr().String()).Port())
}

// scopedOpts builds lookup options whose dialer only reaches the given target specs, as
// the scan's would.
func scopedOpts(t *testing.T, s *site, specs ...string) Options {
	t.Helper()
	var sp []target.Spec
	for _, x := range specs {
		v, err := target.ParseSpec(x)
		if err != nil {
			t.Fatal(err)
		}
		sp = append(sp, v)
	}
	set, err := target.Build(context.Background(), sp, target.Config{Ports: []int{8123}})
	if err != nil {
		t.Fatal(err)
	}
	o := Options{
		Dial:           netscan.NewDialer(netscan.DialerConfig{Scope: set}),
		ConnectTimeout: time.Second,
		IOTimeout:      2 * time.Second,
		Timeout:        5 * time.Second,
		Now:            func() time.Time { return now },
	}
	if s != nil {
		o.HTTPSPort, o.HTTPPort = port(s.tls), port(s.plain)
	}
	return o
}

var lo = []netip.Addr{netip.MustParseAddr("127.0.0.1")}

func TestLookupHTTPSWellKnown(t *testing.T) {
	s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
		if scheme == "https" && r.URL.Path == "/.well-known/security.txt" {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, goodFile)
			return
		}
		http.NotFound(w, r)
	})
	res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	wantURL := fmt.Sprintf("https://example.test:%d/.well-known/security.txt", port(s.tls))
	if res.URL != wantURL || res.File.Contact[0] != "mailto:security@example.test" {
		t.Fatalf("got %s %+v", res.URL, res.File)
	}
	reqs := s.requests()
	want := fmt.Sprintf("https example.test:%d /.well-known/security.txt sni=example.test", port(s.tls))
	if len(reqs) != 1 || reqs[0] != want {
		t.Fatalf("requests %q, want [%q]", reqs, want)
	}
	c := res.Contact()
	if c.Host != "example.test" || c.URL != wantURL || len(c.Contact) != 1 || len(c.Policy) != 1 ||
		c.Expires != "2027-01-01T00:00:00Z" || c.Error != "" {
		t.Fatalf("Contact() %+v", c)
	}
}

func TestLookupFallsBackToHTTPLegacy(t *testing.T) {
	s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
		if scheme == "http" && r.URL.Path == "/security.txt" {
			io.WriteString(w, goodFile) // no Content-Type header set explicitly: Go sniffs text/plain
			return
		}
		http.NotFound(w, r)
	})
	res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if !strings.HasPrefix(res.URL, "http://") || !strings.HasSuffix(res.URL, "/security.txt") {
		t.Fatalf("URL %s", res.URL)
	}
	if n := len(s.requests()); n != 4 {
		t.Fatalf("%d requests, want 4 (two paths on each scheme): %q", n, s.requests())
	}
}

func TestLookupFollowsSameHostRedirectOnly(t *testing.T) {
	var s *site
	s = newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
		switch {
		case scheme == "https":
			http.Error(w, "gone", http.StatusServiceUnavailable)
		case r.URL.Path == "/.well-known/security.txt":
			// Upgrade to HTTPS on the same host, on another port, at a path that answers.
			http.Redirect(w, r, fmt.Sprintf("https://EXAMPLE.test.:%d/sec.txt", port(s.tls)), http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	})
	s.tls.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, "https "+r.URL.Path)
		s.mu.Unlock()
		if r.URL.Path == "/sec.txt" {
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, goodFile)
			return
		}
		http.Error(w, "nope", http.StatusServiceUnavailable)
	})
	res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
	if res.Err != nil {
		t.Fatalf("%v (requests %q)", res.Err, s.requests())
	}
	if !strings.HasSuffix(res.URL, "/sec.txt") {
		t.Fatalf("URL %s", res.URL)
	}
}

func TestLookupRefusesOffHostRedirect(t *testing.T) {
	var evilHits int
	var mu sync.Mutex
	evil := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		evilHits++
		mu.Unlock()
		io.WriteString(w, "Contact: mailto:attacker@evil.test\n")
	}))
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	evil.Listener = l
	evil.Start()
	defer evil.Close()
	targets := []string{
		evil.URL + "/security.txt",                       // another address
		"https://evil.test/.well-known/security.txt",     // another name
		"https://example.test@evil.test/security.txt",    // user-info trick
		"ftp://example.test/security.txt",                // another scheme
		"//evil.test/security.txt",                       // scheme-relative
		"https://example.test.evil.test/security.txt",    // suffix trick
		"https://example.test:99999/security.txt",        // bad port
		"https://[::1]/.well-known/security.txt",         // a literal, even loopback
		"https://example.test%2f@evil.test/security.txt", // encoded separator
		"https://example.test\\@evil.test/security.txt",  // backslash
	}
	for _, loc := range targets {
		s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
		})
		res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
		if res.Err == nil || res.File != nil {
			t.Errorf("%s: followed: %+v", loc, res)
			continue
		}
		if n := len(s.requests()); n != 4 {
			t.Errorf("%s: %d requests to the site, want 4 (no redirect followed): %v", loc, n, res.Err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if evilHits != 0 {
		t.Fatalf("the off-host server was reached %d times", evilHits)
	}
}

func TestLookupRejectsHTMLCatchAll(t *testing.T) {
	s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "Contact: mailto:looks@real.test\n<html>shop</html>")
	})
	res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
	if res.Err == nil || !strings.Contains(res.Err.Error(), "not a security.txt") {
		t.Fatalf("HTML accepted: %+v", res)
	}
	if c := res.Contact(); c.Error == "" || len(c.Contact) != 0 {
		t.Fatalf("Contact() %+v", c)
	}
}

func TestLookupBounded(t *testing.T) {
	t.Run("huge body", func(t *testing.T) {
		s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			io.WriteString(w, "Contact: mailto:a@b\n")
			chunk := strings.Repeat("# padding padding padding\n", 1000)
			for i := 0; i < 400; i++ { // about 10 MB
				if _, err := io.WriteString(w, chunk); err != nil {
					return
				}
			}
		})
		res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
		if res.Err == nil || !errors.Is(res.Err, store.ErrTooLarge) && !strings.Contains(res.Err.Error(), "too large") {
			t.Fatalf("err = %v", res.Err)
		}
	})
	t.Run("slow server", func(t *testing.T) {
		release := make(chan struct{})
		defer close(release)
		s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		o := scopedOpts(t, s, "127.0.0.1")
		o.IOTimeout, o.Timeout = 200*time.Millisecond, 1500*time.Millisecond
		start := time.Now()
		res := Lookup(context.Background(), "example.test", lo, o)
		if res.Err == nil {
			t.Fatal("no error from a server that never answers")
		}
		if el := time.Since(start); el > 3*time.Second {
			t.Fatalf("took %v with a 1.5s budget", el)
		}
	})
	t.Run("nothing listening", func(t *testing.T) {
		o := scopedOpts(t, nil, "127.0.0.1")
		o.HTTPSPort, o.HTTPPort = closedPort(t), closedPort(t)
		res := Lookup(context.Background(), "example.test", lo, o)
		if res.Err == nil || !strings.Contains(res.Err.Error(), "refused") {
			t.Fatalf("err = %v", res.Err)
		}
	})
}

func TestLookupScopeAndAddresses(t *testing.T) {
	s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, goodFile)
	})
	// The name resolved to an address outside the scope: the dialer refuses, nothing is
	// fetched.
	res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.5"))
	if res.Err == nil || !strings.Contains(res.Err.Error(), "scope") || len(s.requests()) != 0 {
		t.Fatalf("out-of-scope lookup: %v, %d requests", res.Err, len(s.requests()))
	}
	// Several addresses: a dead one first, then the live one.
	two := []netip.Addr{netip.MustParseAddr("127.0.0.9"), netip.MustParseAddr("127.0.0.1")}
	res = Lookup(context.Background(), "example.test", two, scopedOpts(t, s, "127.0.0.9", "127.0.0.1"))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	res = Lookup(context.Background(), "example.test", nil, scopedOpts(t, s, "127.0.0.1"))
	if res.Err == nil {
		t.Fatal("no addresses, no error")
	}
}

func closedPort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return p
}

// A redirect may stay on the host but name another port of it: the lookup's dialer lets
// any port of an in-scope address through (ports 443 and 80 are seldom scanned), so the
// redirect alone decides. A host's web server must not make the scan send HTTP to its
// other services (a database, a mail server) on ports nobody asked for: only the
// lookup's own ports are followed.
func TestLookupRefusesRedirectToAnotherPort(t *testing.T) {
	other, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var mu sync.Mutex
	hits := 0
	go func() {
		for {
			c, err := other.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			hits++
			mu.Unlock()
			c.Close()
		}
	}()
	op := netip.MustParseAddrPort(other.Addr().String()).Port()
	for _, loc := range []string{
		fmt.Sprintf("https://example.test:%d/.well-known/security.txt", op),
		fmt.Sprintf("http://example.test:%d/security.txt", op),
	} {
		s := newSite(t, func(scheme string, w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", loc)
			w.WriteHeader(http.StatusFound)
		})
		res := Lookup(context.Background(), "example.test", lo, scopedOpts(t, s, "127.0.0.1"))
		if res.Err == nil || res.File != nil {
			t.Errorf("%s: followed: %+v", loc, res)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if hits != 0 {
		t.Fatalf("a redirect made the lookup connect %d times to another port of the host", hits)
	}
}
