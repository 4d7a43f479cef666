package scan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// longestString is the longest string anywhere in v's JSON form, and where it is.
func longestString(v any) (int, string) {
	b, _ := json.Marshal(v)
	var doc any
	_ = json.Unmarshal(b, &doc)
	best, where := 0, ""
	var walk func(path string, x any)
	walk = func(path string, x any) {
		switch x := x.(type) {
		case string:
			if len(x) > best {
				best, where = len(x), path
			}
		case map[string]any:
			for k, v := range x {
				if len(k) > best {
					best, where = len(k), path+" (a key)"
				}
				walk(path+"."+k, v)
			}
		case []any:
			for _, v := range x {
				walk(path+"[]", v)
			}
		}
	}
	walk("", doc)
	return best, where
}

func manyColumns(n int) []finding.Column {
	out := make([]finding.Column, n)
	for i := range out {
		out[i] = finding.Column{Name: fmt.Sprintf("c%d", i), Type: "String"}
	}
	return out
}

// TestHugeServerStringsAreBounded: a server choosing megabyte names (a container, a
// table, a column, a version, a detail, an error) or listing a hundred thousand columns
// of a table must not put them whole into the report, where one name became thousands
// of wrapped lines in the text format and megabytes in every other; what leakwatch
// reports about them still holds together (the secret in the huge table is found and
// its dataset marked).
func TestHugeServerStringsAreBounded(t *testing.T) {
	huge := func(c string) string { return c + strings.Repeat(c[:1], 1<<20) }
	db, tbl, col := huge("db"), huge("tbl"), huge("col")
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){
		1: func(context.Context) (*store.Result, error) {
			return &store.Result{
				Service: finding.Service{Protocol: "testdb-http", Product: "testdb", Version: huge("1.0"), Auth: finding.AuthNone,
					User: huge("user"), Details: map[string]string{huge("key"): huge("value"), "display_name": huge("name")},
					Datasets: []finding.Dataset{{Database: db, Table: tbl, Kind: huge("kind"), Engine: huge("engine"), Rows: 3,
						Columns:   append([]finding.Column{{Name: col, Type: huge("String")}}, manyColumns(100_000)...),
						TimeRange: &finding.TimeRange{Column: huge("ts"), Min: huge("2025"), Max: huge("2026")},
						Patterns:  []finding.KeyPattern{{Pattern: huge("session:*"), Listed: 1}},
						Error:     huge("error"), NotSampled: huge("not sampled")}}},
				Samples: []store.Sample{{Database: db, Table: tbl, Columns: []string{col},
					Rows: [][]string{{`{"` + strings.Repeat("k", 60000) + `":{"api_key":"` + testKey + `"}}`}}}},
				Findings: []finding.Finding{{Severity: finding.High, Category: finding.Config, Rule: "testdb-config",
					Title: huge("title"), Detail: huge("detail"), Evidence: huge("evidence"), Database: db, Table: tbl, Column: col}},
			}, errors.New(huge("server said"))
		},
	}}
	rep := run(t, testConfig(b), 1)
	const limit = 16 << 10 // the longest cut (8 KiB) and room for a secret's own length
	if n, where := longestString(rep); n > limit {
		t.Fatalf("the report holds a string of %d bytes at %s (limit %d)", n, where, limit)
	}
	if len(rep.Services) != 1 || len(rep.Services[0].Datasets) != 1 {
		t.Fatalf("services %+v", rep.Services)
	}
	ds := rep.Services[0].Datasets[0]
	var secret *finding.Finding
	for i, f := range rep.Findings {
		if f.Category == finding.Secret {
			secret = &rep.Findings[i]
		}
	}
	if secret == nil || secret.Table != ds.Table || secret.Database != ds.Database || ds.Sampled != 1 || len(ds.Classes) == 0 {
		t.Fatalf("the secret in the huge table is not found where the dataset says: dataset %.80s/%.80s sampled %d classes %v, secret %+v",
			ds.Database, ds.Table, ds.Sampled, ds.Classes, secret)
	}
	if len(ds.Columns) != maxColumns || !rep.Services[0].Truncated {
		t.Fatalf("%d columns listed (truncated %v), want %d", len(ds.Columns), rep.Services[0].Truncated, maxColumns)
	}
	if !strings.HasPrefix(ds.Table, "tbl") || !strings.HasSuffix(ds.Table, "…") {
		t.Fatalf("a cut name does not say it was cut: %.40q…%q", ds.Table, ds.Table[len(ds.Table)-8:])
	}
}
