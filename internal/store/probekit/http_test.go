package probekit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

func TestOpenHTTPSchemes(t *testing.T) {
	o := store.DefaultOptions()
	o.ConnectTimeout, o.IOTimeout = time.Second, time.Second
	ctx := context.Background()
	// A Go TLS server answers plain HTTP with a 400 that says so: the session switches.
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer tlsSrv.Close()
	ep := endpointOf(t, tlsSrv.URL)
	h, resp, err := OpenSession(ctx, ep, &o, "/")
	if err != nil || !h.TLS || string(resp.Body) != "ok" {
		t.Fatalf("TLS server: %v %+v", err, resp)
	}
	h.Close()
	// A port that closes at once is not retried with TLS (no handshake timeout).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	t0 := time.Now()
	if _, _, err := OpenSession(ctx, endpointOf(t, "http://"+l.Addr().String()), &o, "/"); !errors.Is(err, store.ErrNoMatch) || time.Since(t0) > 900*time.Millisecond {
		t.Fatalf("closing port: %v after %v", err, time.Since(t0))
	}
}

func TestSessionCapsAndClassifies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write([]byte(strings.Repeat("x", 5000)))
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write([]byte{0x1f, 0x8b})
		case "/denied":
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte("no\nmore"))
		case "/auth":
			u, p, _ := r.BasicAuth()
			json.NewEncoder(w).Encode(map[string]string{"user": u + ":" + p, "ae": r.Header.Get("Accept-Encoding")})
		}
	}))
	defer srv.Close()
	ap := netip.MustParseAddrPort(strings.TrimPrefix(srv.URL, "http://"))
	o := (*store.Options)(nil).WithDefaults()
	o.MaxResponseBytes = 1000
	o.IOTimeout = 2 * time.Second
	s := NewSession(store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}, &o, false)
	defer s.Close()
	ctx := context.Background()
	if r, err := s.Get(ctx, "/big", 0); !errors.Is(err, store.ErrTooLarge) || len(r.Body) != 1000 {
		t.Fatalf("big: %v", err)
	}
	if _, err := s.Get(ctx, "/gzip", 0); !errors.Is(err, store.ErrProtocol) {
		t.Fatalf("gzip: %v", err)
	}
	if _, err := s.GetJSON(ctx, "/denied", nil); !errors.Is(err, store.ErrAuth) || StatusOf(err) != 401 || strings.Contains(err.Error(), "more") {
		t.Fatalf("denied: %v", err)
	}
	var got map[string]string
	if _, err := s.As(&store.Credential{Username: "u", Password: "p"}).GetJSON(ctx, "/auth", &got); err != nil || got["user"] != "u:p" || got["ae"] != "identity" {
		t.Fatalf("auth: %v %v", got, err)
	}
}

func endpointOf(t *testing.T, u string) store.Endpoint {
	t.Helper()
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	ap := netip.MustParseAddrPort(pu.Host)
	return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

func TestTrySchemes(t *testing.T) {
	o := store.DefaultOptions()
	o.ConnectTimeout, o.IOTimeout = time.Second, time.Second
	ctx := context.Background()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	tlsSrv := httptest.NewTLSServer(ok)
	defer tlsSrv.Close()
	plainSrv := httptest.NewServer(ok)
	defer plainSrv.Close()
	var tried []bool
	probe := func(s *Session) (*store.Result, error) {
		tried = append(tried, s.TLS)
		r, err := s.Get(ctx, "/", 0)
		if err != nil {
			return nil, err
		}
		if r.Status == http.StatusBadRequest {
			return nil, errors.New("plain HTTP sent to an HTTPS port") // the other scheme decides
		}
		if string(r.Body) != "ok" {
			return nil, fmt.Errorf("%w: %q", store.ErrNoMatch, r.Body)
		}
		return &store.Result{Service: NewService(store.Endpoint{}, "p", "p", s.TLS)}, nil
	}
	tlsEP := endpointOf(t, tlsSrv.URL)
	for _, tc := range []struct {
		name     string
		ep       store.Endpoint
		tlsPorts []int
		wantTLS  bool
		tried    string
	}{
		{"plain first, then TLS", tlsEP, nil, true, "[false true]"},
		{"a TLS port first", tlsEP, []int{tlsEP.Port}, true, "[true]"},
		{"plain answers at once", endpointOf(t, plainSrv.URL), nil, false, "[false]"},
	} {
		tried = nil
		res, err := TrySchemes(ctx, tc.ep, &o, tc.tlsPorts, probe)
		if err != nil || res.Service.TLS != tc.wantTLS || fmt.Sprint(tried) != tc.tried {
			t.Errorf("%s: %v %+v, tried %v", tc.name, err, res, tried)
		}
	}
	// Another product over the first scheme decides: the second is not tried.
	tried = nil
	if _, err := TrySchemes(ctx, endpointOf(t, plainSrv.URL), &o, nil, func(s *Session) (*store.Result, error) {
		tried = append(tried, s.TLS)
		return nil, fmt.Errorf("%w: not ours", store.ErrNoMatch)
	}); !errors.Is(err, store.ErrNoMatch) || len(tried) != 1 {
		t.Fatalf("no match: %v, tried %v", err, tried)
	}
	// Neither scheme answers: no match, after both.
	tried = nil
	if _, err := TrySchemes(ctx, endpointOf(t, plainSrv.URL), &o, nil, func(s *Session) (*store.Result, error) {
		tried = append(tried, s.TLS)
		return nil, errors.New("connection reset")
	}); !errors.Is(err, store.ErrNoMatch) || len(tried) != 2 {
		t.Fatalf("no answer: %v, tried %v", err, tried)
	}
}

// An https:// endpoint is never tried over plain HTTP, by TrySchemes or OpenSession: a
// handshake that fails must not send the request, and the Basic credentials in it, in
// clear text. Without the scheme the same plain server is reached (the control).
func TestTLSSchemeNeverDowngrades(t *testing.T) {
	o := store.DefaultOptions()
	o.ConnectTimeout, o.IOTimeout = time.Second, time.Second
	ctx := context.Background()
	var requests, withAuth atomic.Int32
	plainSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if _, _, ok := r.BasicAuth(); ok {
			withAuth.Add(1)
		}
		io.WriteString(w, "ok")
	}))
	defer plainSrv.Close()
	cred := &store.Credential{Username: "u", Password: "meant-for-tls"}
	probe := func(s *Session) (*store.Result, error) {
		if _, err := s.As(cred).Get(ctx, "/", 0); err != nil {
			return nil, err
		}
		return &store.Result{Service: NewService(store.Endpoint{}, "p", "p", s.TLS)}, nil
	}
	ep := endpointOf(t, plainSrv.URL)
	ep.Scheme = "https"
	if res, err := TrySchemes(ctx, ep, &o, nil, probe); err == nil {
		t.Fatalf("TrySchemes: an https:// endpoint answered in plain HTTP: %+v", res.Service)
	}
	if s, _, err := OpenSession(ctx, ep, &o, "/"); err == nil {
		s.Close()
		t.Fatal("OpenSession: an https:// endpoint answered in plain HTTP")
	}
	if n, a := requests.Load(), withAuth.Load(); n != 0 || a != 0 {
		t.Fatalf("https:// endpoint: %d plain requests reached the server, %d with credentials", n, a)
	}
	ep.Scheme = ""
	if _, err := TrySchemes(ctx, ep, &o, nil, probe); err != nil || withAuth.Load() != 1 {
		t.Fatalf("control: %v, %d requests with credentials", err, withAuth.Load())
	}
}
