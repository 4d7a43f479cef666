package probekit

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

func TestPickKeys(t *testing.T) {
	var names []string
	for i := 0; i < 1000; i++ {
		names = append(names, "cache:page:"+strconv.Itoa(i))
	}
	names = append(names, "session:ab12cd", "user:7", "user:8", "chat:42:messages", "config:prod", "stats")
	got := PickKeys(names, 6)
	want := []string{"config:prod", "chat:42:messages", "session:ab12cd", "user:7", "cache:page:0", "stats"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("pickKeys = %q, want %q", got, want)
	}
	if got := PickKeys(names[:3], 10); len(got) != 3 {
		t.Fatalf("pickKeys of 3 = %q", got)
	}
	for in, want := range map[string]string{"user:42": "user:#", "session:a0f3": "session:#", "ratelimit:10.1.0.5": "ratelimit:#.#.#.#",
		"{tenant1}:cart": "{#}:cart", "plain": "plain"} {
		if got := Family(in); got != want {
			t.Errorf("family(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestKeySample(t *testing.T) {
	s := KeySample("", "db0", []string{"a", "b", "c"}, []string{"a", "c"}, [][]string{{"1"}, {"x", "y", "z", "w"}}, 10)
	if strings.Join(s.Columns, ",") != KeyColumn+",a,c" || len(s.Rows) != 4 {
		t.Fatalf("%+v", s)
	}
	if strings.Join(s.Rows[0], ",") != "a,1,x" || strings.Join(s.Rows[3], ",") != ",,w" {
		t.Fatalf("rows %q", s.Rows)
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"hello", 10, "hello"}, {"hello", 3, "hel"}, {"héllo", 2, "h"}, {"日本", 4, "日"}, {"x", 0, ""}, {"ab\xffcd", 3, "ab"},
	} {
		if got := Cut(tc.in, tc.max); got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
	row := []string{"abcdef", "ghij", "k"}
	if n := CapRow(row, 8); n != 8 || strings.Join(row, "|") != "abcdef|gh|" {
		t.Fatalf("CapRow: %d %q", n, row)
	}
	if got := Printable([]byte("a\x00b\nc\xff"), 100); got != "a·b·c\uFFFD" {
		t.Fatalf("Printable = %q", got)
	}
}

func TestOpenHTTPSchemes(t *testing.T) {
	o := store.DefaultOptions()
	o.ConnectTimeout, o.IOTimeout = time.Second, time.Second
	ctx := context.Background()
	// A Go TLS server answers plain HTTP with a 400 that says so: the session switches.
	tlsSrv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	defer tlsSrv.Close()
	ep := endpointOf(t, tlsSrv.URL)
	h, resp, err := OpenHTTP(ctx, ep, &o, "/")
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
	if _, _, err := OpenHTTP(ctx, endpointOf(t, "http://"+l.Addr().String()), &o, "/"); !errors.Is(err, store.ErrNoMatch) || time.Since(t0) > 500*time.Millisecond {
		t.Fatalf("closing port: %v after %v", err, time.Since(t0))
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
