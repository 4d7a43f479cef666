package probekit

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
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
	if _, _, err := OpenSession(ctx, endpointOf(t, "http://"+l.Addr().String()), &o, "/"); !errors.Is(err, store.ErrNoMatch) || time.Since(t0) > 500*time.Millisecond {
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
