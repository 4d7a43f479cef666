package probekit

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

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
	if s := Cut("héllo", 2); s != "h" || !utf8.ValidString(s) {
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
