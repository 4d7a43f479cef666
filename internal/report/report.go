// Package report renders a finding.Report in every output format leakwatch offers. Each
// format lives in its own file and satisfies Writer; golden files under testdata/ pin them.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
)

// Writer renders a report.
type Writer interface {
	Write(w io.Writer, r *finding.Report) error
}

// Options tune the human-readable formats.
type Options struct {
	// Color enables ANSI colours in the text format (set when stdout is a terminal).
	Color bool
	// MaxPerGroup caps how many evidence values the text, markdown and HTML formats list
	// per group of findings; the JSON and SARIF formats always list them all.
	MaxPerGroup int
	// Width is the width of the terminal in columns: the text format fits every line in
	// it (0: DefaultWidth). Wide turns fitting off: every column, nothing cut or wrapped.
	Width int
	Wide  bool
}

var formats = map[string]func(Options) Writer{
	"text":     func(o Options) Writer { return &Text{Options: o} },
	"json":     func(Options) Writer { return JSON{Indent: true} },
	"jsonl":    func(Options) Writer { return JSONLines{} },
	"sarif":    func(Options) Writer { return SARIF{} },
	"markdown": func(o Options) Writer { return &Markdown{Options: o} },
	"html":     func(o Options) Writer { return &HTML{Options: o} },
}

// Formats lists the format names New accepts.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the writer for a format name ("md" is accepted for markdown).
func New(format string, o Options) (Writer, error) {
	name := strings.ToLower(strings.TrimSpace(format))
	if name == "md" {
		name = "markdown"
	}
	mk, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats(), ", "))
	}
	return mk(o), nil
}

// Write renders r to w in the named format with default options.
func Write(w io.Writer, format string, r *finding.Report) error {
	wr, err := New(format, Options{})
	if err != nil {
		return err
	}
	return wr.Write(w, r)
}

// Location helpers shared by the formats (the summary package defines them, since the
// disclosure notice names places the same way).
var (
	where      = summary.Where
	objectName = summary.Object
	hostPort   = summary.HostPort
)

// humanBytes prints a byte count with a binary unit.
var humanBytes = summary.Bytes

// humanCount prints an integer with thousands separators.
func humanCount(n int64) string { return summary.Number(n) }

// verifiedTag is LIVE or REVOKED for a secret its issuer judged (--verify), else "".
var verifiedTag = summary.VerdictTag

// verdicts are the findings an issuer judged live or revoked, live first.
func verdicts(fs []finding.Finding) []finding.Finding {
	var live, revoked []finding.Finding
	for _, f := range fs {
		switch f.Verified {
		case finding.VerifiedLive:
			live = append(live, f)
		case finding.VerifiedRevoked:
			revoked = append(revoked, f)
		}
	}
	return append(live, revoked...)
}

// verdictLine describes one judged secret: value, rule, identity and the request.
func verdictLine(f finding.Finding) string {
	v := f.Redacted
	if f.Value != "" {
		v = f.Value
	}
	s := fmt.Sprintf("%s %s (%s)", verifiedTag(f), v, f.Rule)
	if f.VerifiedIdentity != "" {
		s += ": " + f.VerifiedIdentity
	}
	if f.Verified == finding.VerifiedRevoked && f.VerifiedReason != "" {
		s += ": " + f.VerifiedReason
	}
	if f.VerifiedBy != "" {
		s += " [" + f.VerifiedBy + "]"
	}
	return s
}

// verdictCounts counts the secrets judged live, revoked and not decided.
func verdictCounts(fs []finding.Finding) (live, revoked, unknown int) {
	for _, f := range fs {
		switch f.Verified {
		case finding.VerifiedLive:
			live++
		case finding.VerifiedRevoked:
			revoked++
		case finding.VerifiedUnknown:
			unknown++
		}
	}
	return
}
