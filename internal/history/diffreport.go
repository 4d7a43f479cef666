package history

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// DiffFormats lists the formats WriteDiff accepts.
func DiffFormats() []string { return []string{"text", "json", "markdown"} }

// WriteDiff renders d as text, json or markdown. Findings show only their redacted
// evidence.
func WriteDiff(w io.Writer, format string, d Diff) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	case "text":
		return writeDiffText(w, d)
	case "markdown", "md":
		return writeDiffMarkdown(w, d)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(DiffFormats(), ", "))
}

func where(f finding.Finding) string {
	var b strings.Builder
	if f.Host != "" {
		b.WriteString(svcKey(f.Host, f.Port))
	}
	if f.Table != "" {
		b.WriteString(" ")
		if f.Database != "" {
			b.WriteString(f.Database + ".")
		}
		b.WriteString(f.Table)
		if f.Column != "" {
			b.WriteString("." + f.Column)
		}
	}
	return b.String()
}

func evidence(f finding.Finding) string {
	if f.Redacted != "" {
		return " [" + untrusted.Text(f.Redacted) + "]"
	}
	return ""
}

func writeDiffText(w io.Writer, d Diff) error {
	ew := &errWriter{w: w}
	ew.printf("run %d → run %d: %d new, %d resolved, %d changed\n", d.From, d.To, len(d.New), len(d.Resolved), len(d.Changed))
	section := func(title string, fs []finding.Finding, mark string) {
		if len(fs) == 0 {
			return
		}
		ew.printf("\n%s (%d)\n", title, len(fs))
		for _, f := range fs {
			// Names, titles and evidence may come from a scanned server.
			ew.printf("  %s %-8s %s — %s%s\n", mark, strings.ToUpper(f.Severity.String()), untrusted.Text(where(f)),
				untrusted.Text(f.Title), evidence(f))
		}
	}
	section("NEW", d.New, "+")
	section("RESOLVED", d.Resolved, "-")
	if len(d.Changed) > 0 {
		ew.printf("\nCHANGED (%d)\n", len(d.Changed))
		for _, c := range d.Changed {
			ew.printf("  ~ %-8s %-16s %s\n", strings.ToUpper(c.Severity.String()), untrusted.Text(c.Kind), untrusted.Text(c.Detail))
		}
	}
	section("NOT CHECKED (service undecided in the later run)", d.Unchecked, "?")
	if d.Empty() {
		ew.printf("\nno changes\n")
	}
	return ew.err
}

// mdCell renders a cell as markdown text that forms no link, image, HTML, emphasis or
// table break: names and titles may come from a scanned server.
var mdCell = untrusted.Markdown

func writeDiffMarkdown(w io.Writer, d Diff) error {
	ew := &errWriter{w: w}
	ew.printf("# leakwatch diff: run %d → run %d\n\n", d.From, d.To)
	ew.printf("**%d new**, **%d resolved**, **%d changed**\n", len(d.New), len(d.Resolved), len(d.Changed))
	section := func(title string, fs []finding.Finding) {
		if len(fs) == 0 {
			return
		}
		ew.printf("\n## %s (%d)\n\n| severity | where | finding | evidence |\n| --- | --- | --- | --- |\n", title, len(fs))
		for _, f := range fs {
			ev := ""
			if f.Redacted != "" {
				ev = mdCell(f.Redacted)
			}
			ew.printf("| %s | %s | %s | %s |\n", f.Severity, mdCell(where(f)), mdCell(f.Title), ev)
		}
	}
	section("New", d.New)
	section("Resolved", d.Resolved)
	if len(d.Changed) > 0 {
		ew.printf("\n## Changed (%d)\n\n| severity | kind | change |\n| --- | --- | --- |\n", len(d.Changed))
		for _, c := range d.Changed {
			ew.printf("| %s | %s | %s |\n", c.Severity, mdCell(c.Kind), mdCell(c.Detail))
		}
	}
	section("Not checked", d.Unchecked)
	if d.Empty() {
		ew.printf("\nNo changes.\n")
	}
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, a ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, a...)
	}
}
