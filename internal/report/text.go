package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Every string below that a report carries may come from a scanned server (names,
// versions, errors, values) or from a stored report: it goes through untrusted.Text
// (untrusted.Lines for a finding's detail) at the point it is written, after any
// composition and before any colour, so that no escape sequence reaches the terminal
// and no line break starts a line of the report.
var plain = untrusted.Text

// Text is the terminal report: a summary, the services found, what each open service
// exposes, and the findings grouped and ordered by severity.
type Text struct {
	Options
}

var sevColors = map[finding.Severity]text.Colors{
	finding.Critical: {text.BgRed, text.FgHiWhite, text.Bold},
	finding.High:     {text.FgHiRed, text.Bold},
	finding.Medium:   {text.FgHiYellow},
	finding.Low:      {text.FgCyan},
	finding.Info:     {text.FgHiBlack},
}

func (t *Text) paint(s string, c ...text.Color) string {
	if !t.Color || len(c) == 0 {
		return s
	}
	return text.Colors(c).Sprint(s)
}

func (t *Text) sev(s finding.Severity) string {
	label := fmt.Sprintf("%-8s", strings.ToUpper(s.String()))
	if !t.Color {
		return label
	}
	return sevColors[s].Sprint(label)
}

func (t *Text) newTable(w io.Writer) table.Writer {
	tw := table.NewWriter()
	tw.SetOutputMirror(w)
	style := table.StyleLight
	style.Options.SeparateRows = false
	style.Format.Header = text.FormatUpper
	if t.Color {
		style.Color.Header = text.Colors{text.Bold}
	}
	tw.SetStyle(style)
	return tw
}

func (t *Text) Write(out io.Writer, r *finding.Report) error {
	w := bufio.NewWriter(out)
	isScan := len(r.Services) > 0 || r.Stats.Targets > 0

	// Headline.
	fmt.Fprintf(w, "%s %s", t.paint("leakwatch", text.Bold), plain(nonEmpty(r.Version, "dev")))
	if !r.Started.IsZero() && !r.Finished.IsZero() {
		fmt.Fprintf(w, " — finished in %s", r.Finished.Sub(r.Started).Round(10*time.Millisecond))
	}
	fmt.Fprintln(w)
	if isScan {
		open, protected := 0, 0
		for _, s := range r.Services {
			switch {
			case s.Auth.Open() || s.Auth == finding.AuthCredentials:
				open++
			case s.Auth == finding.AuthRequired:
				protected++
			}
		}
		fmt.Fprintf(w, "%d address(es), %d port(s) tried, %d open, %d service(s) identified: %d readable, %d protected\n",
			r.Stats.Targets, r.Stats.PortsTried, r.Stats.OpenPorts, len(r.Services), open, protected)
	}
	var sevs []string
	for _, c := range severityCounts(r.Findings) {
		sevs = append(sevs, fmt.Sprintf("%d %s", c.N, c.Sev))
	}
	if len(sevs) == 0 {
		fmt.Fprintln(w, "no findings")
	} else {
		fmt.Fprintf(w, "findings: %s\n", strings.Join(sevs, ", "))
	}
	if live, revoked, unknown := verdictCounts(r.Findings); live+revoked+unknown > 0 {
		fmt.Fprintf(w, "secrets checked with their issuers: %d live, %d revoked, %d not decided\n", live, revoked, unknown)
	}

	if len(r.Services) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("SERVICES", text.Bold))
		tw := t.newTable(w)
		tw.AppendHeader(table.Row{"host", "port", "protocol", "product", "version", "tls", "auth", "status", "datasets"})
		for _, s := range r.Services {
			host := s.Host
			if s.Hostname != "" && s.Hostname != s.Host {
				host = s.Hostname + " (" + s.Host + ")"
			}
			tls := "no"
			if s.TLS {
				tls = "yes"
			}
			auth := plain(string(s.Auth))
			if s.User != "" && (s.Auth.Open() || s.Auth == finding.AuthCredentials) {
				auth += " (" + plain(s.User) + ")"
			}
			if s.Auth.Open() {
				auth = t.paint(auth, text.FgHiRed)
			} else if s.Auth == finding.AuthRequired {
				auth = t.paint(auth, text.FgGreen)
			}
			datasets := fmt.Sprint(len(s.Datasets))
			if s.SameAs != "" {
				datasets = "same as " + plain(s.SameAs)
			}
			// The product, not only the protocol: FerretDB speaks mongodb, MinIO s3-http,
			// and each has versions (and vulnerabilities) of its own.
			tw.AppendRow(table.Row{plain(host), s.Port, plain(s.Protocol), plain(s.Product), plain(s.Version), tls, auth,
				plain(string(s.Status)), datasets})
		}
		tw.Render()
	}

	for _, s := range r.Services {
		if len(s.Datasets) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s %s %s — %d dataset(s)", t.paint("EXPOSED", text.Bold),
			plain(hostPort(s.Host, s.Port)), plain(s.Protocol), len(s.Datasets))
		if s.Truncated {
			fmt.Fprint(w, " (listing truncated by a limit)")
		}
		fmt.Fprintln(w)
		tw := t.newTable(w)
		tw.AppendHeader(table.Row{"dataset", "engine", "rows", "size", "time range", "found in sample"})
		tw.SetColumnConfigs([]table.ColumnConfig{{Number: 3, Align: text.AlignRight}, {Number: 4, Align: text.AlignRight}})
		for _, d := range s.Datasets {
			rows := humanCount(d.Rows)
			if d.RowsEstimated {
				rows = "~" + rows
			}
			tr := ""
			if d.TimeRange != nil {
				tr = fmt.Sprintf("%s → %s (%s)", d.TimeRange.Min, d.TimeRange.Max, d.TimeRange.Column)
			}
			classes := plain(strings.Join(d.Classes, ", "))
			if classes != "" {
				classes = t.paint(classes, text.FgHiRed)
			}
			tw.AppendRow(table.Row{plain(objectName(d.Database, d.Table, "")), plain(d.Engine), rows, humanBytes(d.Bytes), plain(tr), classes})
		}
		tw.Render()
	}

	var issues, data, inFiles []finding.Finding
	for _, f := range r.Findings {
		switch {
		case f.File != "" && f.Category != finding.Config:
			inFiles = append(inFiles, f)
		case isDataFinding(f):
			data = append(data, f)
		default:
			issues = append(issues, f)
		}
	}
	if len(issues) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("FINDINGS", text.Bold))
		for _, f := range issues {
			fmt.Fprintf(w, "%s %s\n", t.sev(f.Severity), t.paint(plain(f.Title), text.Bold))
			pad := strings.Repeat(" ", 9)
			fmt.Fprintf(w, "%s%s\n", pad, plain(strings.TrimSpace(where(f)+"  ["+f.Rule+"]")))
			for _, l := range clipLines(f.Detail, 4) {
				fmt.Fprintf(w, "%s%s\n", pad, l)
			}
			if f.Evidence != "" {
				fmt.Fprintf(w, "%s%s\n", pad, plain(f.Evidence))
			}
			if f.Remediation != "" {
				fmt.Fprintf(w, "%s%s %s\n", pad, t.paint("fix:", text.FgGreen), plain(f.Remediation))
			}
		}
	}
	if len(data) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("FOUND IN SAMPLED DATA", text.Bold))
		tw := t.newTable(w)
		tw.AppendHeader(table.Row{"severity", "what", "where", "values", "evidence"})
		for _, g := range groupFindings(data) {
			f := g.first
			n := 0
			for _, it := range g.items {
				n += max(it.Count, 1)
			}
			values := fmt.Sprint(len(g.items))
			if n > len(g.items) {
				values += fmt.Sprintf(" (×%d)", n)
			}
			ev := g.evidence(min(t.MaxPerGroup, 2))
			if ev == "" {
				ev = f.Evidence
				values = "—"
			}
			tw.AppendRow(table.Row{t.sev(f.Severity), plain(f.Title), plain(where(f)), values, plain(ev)})
		}
		tw.Render()
		fmt.Fprintf(w, "%s revoke every credential listed at its provider, then delete the exposed copies and stop what writes them\n",
			t.paint("fix:", text.FgGreen))
		fmt.Fprintln(w, "     (steps per kind: --format markdown or json; raw values only with --reveal)")
	}
	if len(inFiles) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("FOUND IN FILES", text.Bold))
		for _, f := range inFiles {
			v := f.Redacted
			if f.Value != "" {
				v = f.Value
			} else if f.SHA256 != "" {
				v += " sha256:" + f.SHA256[:min(12, len(f.SHA256))]
			}
			if tag := verifiedTag(f); tag != "" {
				v += " " + tag
			}
			fmt.Fprintf(w, "%s %s %s %s\n", t.sev(f.Severity), plain(where(f)), plain(f.Rule), plain(v))
		}
	}

	if vs := verdicts(r.Findings); len(vs) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("VERIFIED WITH THE ISSUER", text.Bold))
		for _, f := range vs {
			line := plain(verdictLine(f))
			if f.Verified == finding.VerifiedLive {
				line = t.paint(line, text.FgHiRed)
			}
			fmt.Fprintf(w, "  %s\n", line)
		}
	}

	if len(r.Contacts) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("WHOM TO TELL", text.Bold))
		for _, c := range r.Contacts {
			if len(c.Contact) == 0 {
				msg := "no security.txt"
				if c.Error != "" {
					msg += " (" + plain(c.Error) + ")"
				}
				fmt.Fprintf(w, "  %s: %s\n", plain(c.Host), msg)
				continue
			}
			fmt.Fprintf(w, "  %s: %s", plain(c.Host), plain(strings.Join(c.Contact, ", ")))
			if len(c.Policy) > 0 {
				fmt.Fprintf(w, " (policy %s)", plain(strings.Join(c.Policy, ", ")))
			}
			fmt.Fprintf(w, "  [%s]\n", plain(c.URL))
		}
	}

	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "\n%s\n", t.paint("NOT DECIDED", text.Bold))
		for _, e := range r.Errors {
			fmt.Fprintf(w, "  %s %s: %s\n", plain(hostPort(e.Host, e.Port)), plain(e.Stage), plain(e.Error))
		}
	}
	return w.Flush()
}

// isDataFinding tells findings about values found in data (secrets, personal data, chat)
// from findings about the service itself.
func isDataFinding(f finding.Finding) bool {
	return f.Category == finding.Secret || f.Category == finding.PII || f.Category == finding.Chat
}

// clipLines returns at most n lines of s, each made safe for a terminal, with a note of
// how many were left out.
func clipLines(s string, n int) []string {
	lines := untrusted.Lines(s)
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n], fmt.Sprintf("… %d more (see --format json)", len(lines)-n))
}
