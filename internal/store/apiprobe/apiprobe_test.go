package apiprobe

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

func TestAffects(t *testing.T) {
	c := CVE{ID: "X", Affected: []Range{{"3.6.0", "4.4.30"}, {"5.0.0", "5.0.32"}, {"8.2.0", ""}}}
	for v, want := range map[string]bool{
		"3.4.24": false, "3.6.0": true, "4.2.25": true, "4.4.29": true, "4.4.30": false,
		"5.0.31": true, "5.0.32": false, "8.2.9": true, "8.1.0": false, "x": false,
	} {
		if got := len(Matching([]CVE{c}, v)) == 1; got != want {
			t.Errorf("%s: affected = %v, want %v", v, got, want)
		}
	}
	open := CVE{ID: "Y", Affected: []Range{{"", "1.2.0"}}}
	if !open.Affects(mustVersion(t, "0.90.13")) || open.Affects(mustVersion(t, "1.2.0")) {
		t.Error("range without a start")
	}
}

func mustVersion(t *testing.T, s string) [4]int {
	v, ok := ParseVersion(s)
	if !ok {
		t.Fatalf("ParseVersion(%q) failed", s)
	}
	return v
}

func TestVersionFinding(t *testing.T) {
	table := []CVE{
		{ID: "CVE-A", Severity: finding.Medium, Affected: []Range{{"", "2.0.0"}}},
		{ID: "CVE-B", Severity: finding.Critical, Affected: []Range{{"1.0.0", "1.5.0"}}, Ref: "https://b"},
	}
	svc := finding.Service{Host: "127.0.0.1", Port: 1, Protocol: "p", Version: "1.4.2"}
	fs := VersionFinding(svc, "P", "p-known-vulnerabilities", table, "upgrade", "https://default")
	if len(fs) != 1 || fs[0].Severity != finding.Critical || fs[0].Count != 2 || fs[0].Tags[0] != "CVE-B" || fs[0].ID == "" {
		t.Fatalf("%+v", fs)
	}
	svc.Version = "2.0.0"
	if fs := VersionFinding(svc, "P", "r", table, "", ""); fs != nil {
		t.Fatalf("fixed version flagged: %+v", fs)
	}
}

func TestBudget(t *testing.T) {
	b := NewBudget(3, 10, 15)
	rows := [][]string{{"aaaaaaaaaaaaaaaa"}, {"bbbbbbbbbb"}, {"c"}, {"d"}}
	var kept int
	for _, r := range rows {
		if !b.Add(r) {
			break
		}
		kept++
	}
	if kept != 2 || rows[0][0] != "aaaaaaaaaa" || rows[1][0] != "bbbbb" || !b.Full() {
		t.Fatalf("kept %d rows %q full=%v", kept, rows, b.Full())
	}
	if s := CutString("héllo", 2); s != "h" || !utf8.ValidString(s) {
		t.Fatalf("CutString split a rune: %q", s)
	}
}

func TestJSONCell(t *testing.T) {
	for in, want := range map[string]string{`"a\"b"`: `a"b`, `null`: ``, `{ "x" : [1, 2] }`: `{"x":[1,2]}`, `12`: `12`} {
		if got := JSONCell(json.RawMessage(in)); got != want {
			t.Errorf("JSONCell(%s) = %q, want %q", in, got, want)
		}
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

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"7.10.2", "v3.4.23", "8.0.0-rc1", "1", "", "1.2.3.4.5", "99999999.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseVersion(s)
		if ok {
			for _, n := range v {
				if n < 0 || n > 1_000_000 {
					t.Fatalf("ParseVersion(%q) = %v", s, v)
				}
			}
		}
	})
}
