package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/lab"
)

// TestHalves: the generator is reproducible and its halves share no credential name.
func TestHalves(t *testing.T) {
	a, b := newEv(7, "redis"), newEv(7, "redis")
	a.redisCommands()
	b.redisCommands()
	if len(a.cases) == 0 || len(a.cases) != len(b.cases) {
		t.Fatalf("cases: %d and %d", len(a.cases), len(b.cases))
	}
	for i := range a.cases {
		if a.cases[i] != b.cases[i] {
			t.Fatalf("case %d differs: %+v, %+v", i, a.cases[i], b.cases[i])
		}
	}
	half := map[string]string{}
	for _, c := range a.cases {
		n := strings.TrimRight(c.Name, "2")
		if c.Role != "pos" {
			continue
		}
		if h, ok := half[n]; ok && h != c.Half {
			t.Errorf("name %q in both halves", n)
		}
		half[n] = c.Half
	}
}

// TestStoreEval runs a small evaluation against real Redis and etcd servers, scanning
// in process: a record written as base64 JSON must lose none of the secrets detection
// finds in the same record written as plain JSON (a document of several gave one), and
// no hard negative of half a may be reported.
func TestStoreEval(t *testing.T) {
	for _, find := range []func() (string, error){lab.RedisBinary, lab.EtcdBinary} {
		if _, err := find(); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal(err)
			}
			t.Skipf("%v (make deps)", err)
		}
	}
	for _, store := range []string{"redis", "etcd"} {
		t.Run(store, func(t *testing.T) {
			res, _, err := evalStore(context.Background(), 20261205, store, t.TempDir(), "", nil)
			if err != nil {
				t.Fatal(err)
			}
			// The same cases, regenerated: the encoded records of half a, as plain JSON.
			e := newEv(20261205, store)
			if store == "redis" {
				e.redisCommands()
			} else {
				e.etcdItems()
			}
			docs := map[int]map[string]string{}
			for _, c := range e.cases {
				if c.Half == "a" && strings.HasPrefix(c.Shape, "encoded-base64") {
					if docs[c.Record] == nil {
						docs[c.Record] = map[string]string{}
					}
					docs[c.Record][c.Name] = c.Value
				}
			}
			want := 0
			for rec, doc := range docs {
				detect.Default().ScanRecord([]detect.Field{{Path: "doc", Value: jsonText(doc)}}, func(m detect.FieldMatch) {
					if m.Rule.Category != "secret" {
						return
					}
					want++
					if !res.found[[2]string{fmt.Sprint(rec), m.Value}] {
						t.Errorf("record %d: %s %q found in plain JSON, not in base64 JSON", rec, m.Rule.ID, m.Value)
					}
				})
			}
			if want < 2 {
				t.Errorf("only %d secrets in the plain documents: the test needs more", want)
			}
			for _, r := range res.rows {
				if r.Half == "a" && (r.TP == 0 || r.FPNeg > 0) {
					t.Errorf("half a: %d of %d found, %d hard negatives reported", r.TP, r.Pos, r.FPNeg)
				}
			}
		})
	}
}

// TestBTotalsOnly: with -b-totals, half b (held out) gets its totals line and no row of
// its own per store; half a keeps its rows.
func TestBTotalsOnly(t *testing.T) {
	rows := []scoreRow{{Store: "redis", Half: "a", Pos: 4, TP: 3, ByShape: map[string][2]int{}},
		{Store: "redis", Half: "b", Pos: 4, TP: 2, ByShape: map[string][2]int{}}}
	for _, bTotals := range []bool{false, true} {
		var out strings.Builder
		printRows(&out, rows, bTotals)
		var a, b, tb int
		for _, l := range strings.Split(out.String(), "\n") {
			f := strings.Fields(l)
			switch {
			case len(f) > 1 && f[0] == "redis" && f[1] == "a":
				a++
			case len(f) > 1 && f[0] == "redis" && f[1] == "b":
				b++
			case len(f) > 1 && f[0] == "TOTAL" && f[1] == "b":
				tb++
			}
		}
		if a != 1 || tb != 1 || (b == 1) == bTotals {
			t.Errorf("bTotals %v: %d rows of a, %d of b, %d b totals", bTotals, a, b, tb)
		}
	}
}
