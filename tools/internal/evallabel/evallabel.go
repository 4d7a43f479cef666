// Package evallabel reads and writes the label file of an evaluation split: the
// labels.jsonl that tools/evalcorpus writes next to the files it plants values in, and
// that tools/benchdetect scores a detector against and tools/whymiss explains misses of.
// The benchmark's log corpora (a log_stream.jsonl with its labels.jsonl) use the same
// format without the file name.
//
// The file holds one JSON object a line, one planted value each; blank lines are
// passed over.
package evallabel

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// FileName is the name of a split's label file in its directory.
const FileName = "labels.jsonl"

// Label is one planted value.
type Label struct {
	File   string `json:"file"`   // the file holding it, relative to the split's directory ("" in a log corpus)
	Line   int    `json:"line"`   // its line, from 1
	Family string `json:"family"` // what it is: a provider, "password", "generic", a kind of personal data
	Kind   string `json:"kind"`   // secret, pii, or neutral (a value no report should be counted for)
	Value  string `json:"value"`  // the value as it stands in the line
	Core   string `json:"core"`   // the part of it any correct report must contain
}

// Read reads labels from r until its end. A line that is not one label object (or
// gives a line below 1) is an error that names the line.
func Read(r io.Reader) ([]Label, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var ls []Label
	for n := 1; ; n++ {
		b, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return ls, err
		}
		if len(bytes.TrimSpace(b)) > 0 {
			var l Label
			if e := json.Unmarshal(b, &l); e != nil {
				return ls, fmt.Errorf("line %d: %w", n, e)
			}
			if l.Line < 1 {
				return ls, fmt.Errorf("line %d: label line %d (lines count from 1)", n, l.Line)
			}
			ls = append(ls, l)
		}
		if err == io.EOF {
			return ls, nil
		}
	}
}

// ReadFile reads the labels of the file at p; an error names the file.
func ReadFile(p string) ([]Label, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ls, err := Read(f)
	if err != nil {
		var pe *os.PathError
		if !errors.As(err, &pe) {
			err = fmt.Errorf("%s: %w", p, err)
		}
		return nil, err
	}
	return ls, nil
}

// Writer writes labels one a line, values as they are (no HTML escaping).
type Writer struct {
	enc *json.Encoder
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer) *Writer {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &Writer{enc: enc}
}

// Write writes one label and its line break.
func (w *Writer) Write(l Label) error { return w.enc.Encode(l) }
