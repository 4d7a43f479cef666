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

	"github.com/leakwatch/leakwatch/internal/store"
)

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
