package report

import (
	"encoding/json"
	"io"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// JSON writes the whole report as one object, following the contract in DESIGN.md.
type JSON struct{ Indent bool }

func (j JSON) Write(w io.Writer, r *finding.Report) error {
	out := *r
	// Consumers index these fields directly: an empty list is [], never null.
	if out.Services == nil {
		out.Services = []finding.Service{}
	}
	if out.Findings == nil {
		out.Findings = []finding.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if j.Indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(&out)
}

// JSONLines writes one finding per line, for streams and `detect`.
type JSONLines struct{}

func (JSONLines) Write(w io.Writer, r *finding.Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range r.Findings {
		if err := enc.Encode(&r.Findings[i]); err != nil {
			return err
		}
	}
	return nil
}
