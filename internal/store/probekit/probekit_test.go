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

	"github.com/leakwatch/leakwatch/internal/finding"
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

func TestVersions(t *testing.T) {
	for in, want := range map[string]Version{"7.0.15": {7, 0, 15}, "v3.4.23": {3, 4, 23}, "1.6.7~rc0": {1, 6, 7},
		"2.42.0+ds": {2, 42, 0}, "1.2.3.4": {1, 2, 3, 4}, "8.2": {8, 2}} {
		if v, ok := ParseVersion(in); !ok || v != want {
			t.Errorf("ParseVersion(%q) = %v %v", in, v, ok)
		}
	}
	for _, bad := range []string{"", "7", "x.y", "1.2.3.4.5", "-1.2", "df-v1.14.0"} {
		if _, ok := ParseVersion(bad); ok {
			t.Errorf("ParseVersion(%q) accepted", bad)
		}
	}
	c := CVE{ID: "CVE-X", Severity: finding.High, Fixed: []string{"6.2.20", "7.2.11", "7.4.6"}, Introduced: "6.0"}
	for v, want := range map[string]bool{"7.2.10": true, "7.2.11": false, "7.0.15": true, "7.4.6": false, "8.0.0": false,
		"5.0.14": false, "6.2.19": true, "6.0.1": true} {
		pv, _ := ParseVersion(v)
		if got := c.Affected(pv); got != want {
			t.Errorf("Affected(%s) = %v, want %v", v, got, want)
		}
	}
	r := VulnReport{Rule: "x-known-vulnerabilities", Product: "X", Remediation: "upgrade", DefaultRef: "https://example.org/adv"}
	fs := r.Finding(finding.Service{Host: "127.0.0.1", Port: 1, Protocol: "x", Version: "7.2.1"}, []CVE{c})
	if len(fs) != 1 || fs[0].Severity != finding.High || fs[0].ID == "" || fs[0].Count != 1 || fs[0].References[0] != "https://example.org/adv" {
		t.Fatalf("finding %+v", fs)
	}
	if fs := r.Finding(finding.Service{Version: "garbage"}, []CVE{c}); fs != nil {
		t.Fatalf("finding for an unparsable version: %+v", fs)
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
