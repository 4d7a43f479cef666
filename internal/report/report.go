// Package report renders a finding.Report in every output format leakwatch offers. Each
// format lives in its own file and satisfies Writer; golden files under testdata/ pin them.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Writer renders a report.
type Writer interface {
	Write(w io.Writer, r *finding.Report) error
}

// Options tune the human-readable formats.
type Options struct {
	// Color enables ANSI colours in the text format (set when stdout is a terminal).
	Color bool
	// MaxPerGroup caps how many evidence values the text and markdown formats list per
	// group of identical findings; the JSON and SARIF formats always list them all.
	MaxPerGroup int
}

var formats = map[string]func(Options) Writer{
	"text":     func(o Options) Writer { return &Text{Options: o} },
	"json":     func(Options) Writer { return JSON{Indent: true} },
	"jsonl":    func(Options) Writer { return JSONLines{} },
	"sarif":    func(Options) Writer { return SARIF{} },
	"markdown": func(o Options) Writer { return &Markdown{Options: o} },
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

// group is a set of findings that differ only in their evidence value, e.g. five OpenAI
// keys in the same column. The human formats print one line per group.
type group struct {
	first finding.Finding
	items []finding.Finding
}

// title is the group's title with how many distinct values and occurrences it stands for.
func (g *group) title() string {
	n := 0
	for _, f := range g.items {
		n += max(f.Count, 1)
	}
	switch {
	case len(g.items) > 1:
		return fmt.Sprintf("%s — %d distinct values, %d occurrences", g.first.Title, len(g.items), n)
	case n > 1:
		return fmt.Sprintf("%s — %d occurrences", g.first.Title, n)
	}
	return g.first.Title
}

// groupFindings keeps the order of fs (already sorted) and merges findings with the same
// location and rule.
func groupFindings(fs []finding.Finding) []*group {
	var out []*group
	idx := map[string]*group{}
	for _, f := range fs {
		var k string
		if f.Redacted == "" || f.File != "" {
			// Findings without evidence, and findings in files (each has its own line), stand alone.
			k = f.ID + "\x00" + f.Title + fmt.Sprint(len(out))
		} else {
			k = strings.Join([]string{f.Host, fmt.Sprint(f.Port), f.Protocol, f.Database, f.Table, f.Column, f.Rule, f.Severity.String()}, "\x00")
		}
		if g, ok := idx[k]; ok {
			g.items = append(g.items, f)
			continue
		}
		g := &group{first: f, items: []finding.Finding{f}}
		idx[k] = g
		out = append(out, g)
	}
	return out
}

// evidence lists the redacted (or, with --reveal, raw) values of a group.
func (g *group) evidence(limit int) string {
	if limit <= 0 {
		limit = 5
	}
	var parts []string
	for i, f := range g.items {
		if i == limit {
			parts = append(parts, fmt.Sprintf("+%d more", len(g.items)-limit))
			break
		}
		v := f.Redacted
		if f.Value != "" {
			v = f.Value
		}
		if v == "" {
			continue
		}
		if f.SHA256 != "" && f.Value == "" {
			v += " sha256:" + f.SHA256[:min(12, len(f.SHA256))]
		}
		if t := verifiedTag(f); t != "" {
			v += " " + t
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, ", ")
}

// where names a finding's location in one line.
func where(f finding.Finding) string {
	var b strings.Builder
	if f.File != "" {
		b.WriteString(f.File)
		if f.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", f.Line, f.Start+1)
		}
		return b.String()
	}
	if f.Host != "" {
		b.WriteString(hostPort(f.Host, f.Port))
	}
	if obj := objectName(f.Database, f.Table, f.Column); obj != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(obj)
	}
	return b.String()
}

func objectName(db, table, column string) string {
	var parts []string
	for _, p := range []string{db, table, column} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ".")
}

func hostPort(host string, port int) string {
	if port == 0 {
		return host
	}
	if strings.Contains(host, ":") {
		return fmt.Sprintf("[%s]:%d", host, port)
	}
	return fmt.Sprintf("%s:%d", host, port)
}

// severityCounts counts findings per severity, highest first.
func severityCounts(fs []finding.Finding) []struct {
	Sev finding.Severity
	N   int
} {
	var c [finding.Critical + 1]int
	for _, f := range fs {
		if f.Severity >= finding.Info && f.Severity <= finding.Critical {
			c[f.Severity]++
		}
	}
	var out []struct {
		Sev finding.Severity
		N   int
	}
	for s := finding.Critical; s >= finding.Info; s-- {
		if c[s] > 0 {
			out = append(out, struct {
				Sev finding.Severity
				N   int
			}{s, c[s]})
		}
	}
	return out
}

// humanBytes prints a byte count with a binary unit.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// humanCount prints an integer with thousands separators.
func humanCount(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// verifiedTag is LIVE or REVOKED for a secret its issuer judged (--verify), else "".
func verifiedTag(f finding.Finding) string {
	switch f.Verified {
	case finding.VerifiedLive:
		return "LIVE"
	case finding.VerifiedRevoked:
		return "REVOKED"
	}
	return ""
}

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
