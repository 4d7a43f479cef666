package probekit

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
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
	// The longest cells are cut: the short ones stay whole, the long ones get equal
	// shares of what is left (the byte over to the first).
	row := []string{"abcdef", "ghij", "k"}
	if n := CapRow(row, 8); n != 8 || strings.Join(row, "|") != "abcd|ghi|k" {
		t.Fatalf("CapRow: %d %q", n, row)
	}
	row = []string{strings.Repeat("b", 1000), "key-1", strings.Repeat("c", 300), "v"}
	if n := CapRow(row, 206); n != 206 || len(row[0]) != 100 || row[1] != "key-1" || len(row[2]) != 100 || row[3] != "v" {
		t.Fatalf("CapRow of a long body before short cells: %d %q", n, row)
	}
	row = []string{"ab", "cd"}
	if n := CapRow(row, 0); n != 0 || strings.Join(row, "") != "" {
		t.Fatalf("CapRow to 0: %d %q", n, row)
	}
	if got := Printable([]byte("a\x00b\nc\xff"), 100); got != "a·b·c\uFFFD" {
		t.Fatalf("Printable = %q", got)
	}
}

func TestBudget(t *testing.T) {
	b := NewBudget(nil, 3, 10, 15)
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

// TestCutKeepsNoHugeOriginal: a cell cut from a huge value a server sent (an 8 MiB
// environment variable, document field or error body) must not keep the whole value in
// memory. A substring shares its original's bytes, so a sample of a hundred cut cells
// would otherwise hold a hundred full responses until the report is written.
func TestCutKeepsNoHugeOriginal(t *testing.T) {
	const n, size = 64, 1 << 20
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	for _, tc := range []struct {
		name string
		cut  func(string) string
	}{
		{"Cut", func(s string) string { return Cut(s, 100) }},
		{"CapRow", func(s string) string { r := []string{s}; CapRow(r, 100); return r[0] }},
		{"FirstLine", func(s string) string { return FirstLine(s, 100) }},
		{"FirstLine of a short first line", func(s string) string { return FirstLine("short\n"+s, 100) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := heap()
			kept := make([]string, n)
			for i := range kept {
				big := strings.Repeat(string(rune('a'+i%26)), size)
				kept[i] = tc.cut(big)
			}
			grown := int64(heap()) - int64(before)
			runtime.KeepAlive(kept)
			if grown > n*size/8 {
				t.Fatalf("%d cells cut to 100 bytes from 1 MiB values hold %d MiB", n, grown>>20)
			}
		})
	}
}

// A sample's rows are charged to the endpoint's budget: the last row that fits is cut
// to what is left, and once it is spent no sample takes a row.
func TestBudgetChargesEndpoint(t *testing.T) {
	ep := store.NewSampleBudget(25)
	a := NewBudget(ep, 10, 10, 100)
	for _, cell := range []string{"0123456789", "0123456789"} {
		if !a.Add([]string{cell}) {
			t.Fatal("a row within every cap was refused")
		}
	}
	last := []string{"0123456789"}
	if !a.Add(last) || last[0] != "01234" {
		t.Fatalf("the row at the end of the budget: %q", last)
	}
	if ep.Left() != 0 || !ep.Cut() || !a.Full() {
		t.Fatalf("left %d cut %v full %v", ep.Left(), ep.Cut(), a.Full())
	}
	b := NewBudget(ep, 10, 10, 100)
	if b.Add([]string{"x"}) || b.Add([]string{""}) {
		t.Fatal("a second sample took a row from a spent endpoint budget")
	}

	o := store.Options{Samples: store.NewSampleBudget(8)}
	row := []string{"abcdef", "ghijkl"}
	if n, ok := Charge(&o, row, 100); !ok || n != 8 || row[0] != "abcd" || row[1] != "ghij" {
		t.Fatalf("Charge = %d %v %q", n, ok, row)
	}
	if _, ok := Charge(&o, []string{"m"}, 100); ok {
		t.Fatal("Charge granted a spent budget")
	}
	var ds finding.Dataset
	if !OutOfBudget(&o, &ds) || ds.NotSampled != NotSampledBudget {
		t.Fatalf("OutOfBudget on a spent budget: %q", ds.NotSampled)
	}
}

// Release gives a sample's charge back to the endpoint's budget (a sample read again
// another way is charged once).
func TestBudgetRelease(t *testing.T) {
	ep := store.NewSampleBudget(100)
	b := NewBudget(ep, 5, 80, 1000)
	if !b.Add([]string{strings.Repeat("a", 60)}) || ep.Left() != 40 {
		t.Fatalf("left %d after a 60-byte row", ep.Left())
	}
	b.Release()
	if ep.Left() != 100 || b.Full() {
		t.Fatalf("after Release: left %d, full %v", ep.Left(), b.Full())
	}
	if !b.Add([]string{strings.Repeat("b", 90)}) || ep.Left() != 20 {
		t.Fatalf("left %d after a 90-byte row (cut to 80) once released", ep.Left())
	}
}
