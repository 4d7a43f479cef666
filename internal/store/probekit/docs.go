package probekit

import (
	"encoding/json"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Field is one top-level field of a JSON document.
type Field struct {
	Key   string
	Value json.RawMessage
}

// Fields lists the top-level fields of a JSON object in the document's own order (a map
// would shuffle them). ok is false when raw is not an object; a malformed rest ends the
// list with what was read before it.
func Fields(raw json.RawMessage) (fields []Field, ok bool) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			break
		}
		k, _ := kt.(string)
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			break
		}
		fields = append(fields, Field{k, v})
	}
	return fields, true
}

// MaxDocColumns bounds the columns of a DocSample: a collection of documents with
// thousands of distinct keys still makes a readable sample.
const MaxDocColumns = 200

// DocSample lays out documents whose fields vary from one to the next (JSON, BSON) as a
// sample: one column per field name in order of first appearance, typed by its first
// value, at most MaxDocColumns (a field first seen later is left out); one row per
// document.
type DocSample struct {
	smp  store.Sample
	cols []finding.Column
	pos  map[string]int
	rows [][]docCell
}

type docCell struct {
	col  int
	text string
}

// NewDocSample starts the sample of database.table.
func NewDocSample(database, table string) *DocSample {
	return &DocSample{smp: store.Sample{Database: database, Table: table}, pos: map[string]int{}}
}

// Doc starts the row of the next document.
func (d *DocSample) Doc() { d.rows = append(d.rows, nil) }

// Field adds a field of the current document: its name, the type its column gets when
// this is the first value seen, and its cell.
func (d *DocSample) Field(name, typ, cell string) {
	i, ok := d.pos[name]
	if !ok {
		if len(d.cols) >= MaxDocColumns {
			return
		}
		i = len(d.cols)
		d.pos[name] = i
		d.cols = append(d.cols, finding.Column{Name: name, Type: typ})
		d.smp.Columns = append(d.smp.Columns, name)
	}
	last := len(d.rows) - 1
	d.rows[last] = append(d.rows[last], docCell{i, cell})
}

// Sample returns the sample, with as many rows as fit o's caps, and its columns.
func (d *DocSample) Sample(o *store.Options) (*store.Sample, []finding.Column) {
	smp := d.smp
	b := SampleBudget(o)
	for _, r := range d.rows {
		row := make([]string, len(smp.Columns))
		for _, c := range r {
			row[c.col] = c.text
		}
		if !b.Add(row) {
			break
		}
		smp.Rows = append(smp.Rows, row)
	}
	return &smp, d.cols
}
