package probekit

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

func TestFields(t *testing.T) {
	fs, ok := Fields(json.RawMessage(`{"b": 1, "a": {"x": [1, 2]}, "c": "s"}`))
	var got []string
	for _, f := range fs {
		got = append(got, f.Key+"="+string(f.Value))
	}
	if !ok || strings.Join(got, " ") != `b=1 a={"x": [1, 2]} c="s"` {
		t.Fatalf("Fields = %q %v", got, ok)
	}
	for _, bad := range []string{`[1, 2]`, `"s"`, ``, `nul`} {
		if fs, ok := Fields(json.RawMessage(bad)); ok || fs != nil {
			t.Errorf("Fields(%q) = %v %v", bad, fs, ok)
		}
	}
	// A malformed rest keeps what came before it.
	if fs, ok := Fields(json.RawMessage(`{"a": 1, "b": tru`)); !ok || len(fs) != 1 || fs[0].Key != "a" {
		t.Fatalf("truncated object: %v %v", fs, ok)
	}
}

func TestDocSample(t *testing.T) {
	o := store.Options{SampleRows: 3, MaxRowBytes: 8, MaxSampleBytes: 14}
	d := NewDocSample("db", "coll")
	d.Doc()
	d.Field("name", "string", "ann")
	d.Field("age", "int", "41")
	d.Doc()
	d.Field("email", "string", "b@example.org") // cut to the row's 8 bytes
	d.Field("age", "string", "x")               // the column keeps its first type
	d.Doc()
	d.Field("name", "string", "cy")
	d.Doc()
	d.Field("name", "string", "dropped") // past SampleRows
	smp, cols := d.Sample(&o)
	if smp.Database != "db" || smp.Table != "coll" || strings.Join(smp.Columns, ",") != "name,age,email" ||
		fmt.Sprint(cols) != "[{name string} {age int} {email string}]" {
		t.Fatalf("columns %q %v", smp.Columns, cols)
	}
	// The third row gets the one byte left of the sample's 14; the fourth is past
	// SampleRows.
	if fmt.Sprintf("%q", smp.Rows) != `[["ann" "41" ""] ["" "x" "b@examp"] ["c" "" ""]]` {
		t.Fatalf("rows %q", smp.Rows)
	}

	many := NewDocSample("db", "wide")
	many.Doc()
	for i := range MaxDocColumns + 5 {
		many.Field(fmt.Sprint("f", i), "int", "1")
	}
	o = store.Options{SampleRows: 1, MaxRowBytes: 1 << 20, MaxSampleBytes: 1 << 20}
	if smp, cols := many.Sample(&o); len(smp.Columns) != MaxDocColumns || len(cols) != MaxDocColumns || len(smp.Rows[0]) != MaxDocColumns {
		t.Fatalf("%d columns", len(smp.Columns))
	}
}
