package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Markdown is a report to paste into a ticket: the headline of each exposed service,
// the services and their datasets, and the findings grouped as in the text report, each
// with its fix.
type Markdown struct {
	Options
}

// mdEscape renders a string (composed first, escaped last) as markdown text that forms
// no link, image, HTML, emphasis or table break: it may come from a scanned server.
var mdEscape = untrusted.Markdown

// mdRule shows a rule id as code when it is one of ours (letters, digits, '-', '.'),
// escaped text otherwise.
func mdRule(rule string) string {
	if rule == "" || strings.IndexFunc(rule, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_')
	}) >= 0 {
		return mdEscape(rule)
	}
	return "`" + rule + "`"
}

func (m *Markdown) Write(out io.Writer, r *finding.Report) error {
	w := bufio.NewWriter(out)
	sum := summary.Of(r)
	mdHead(w, r, findingCounts(sum))

	if len(sum.Exposures) > 0 {
		fmt.Fprintf(w, "\n## Exposed services\n")
		for _, e := range sum.Exposures {
			fmt.Fprintf(w, "\n### %s: %s\n\n", strings.ToUpper(e.Severity.String()), mdEscape(e.Name+" "+e.Endpoint()+" — "+e.Access()))
			item := func(label, s string) {
				if s != "" {
					fmt.Fprintf(w, "- **%s:** %s\n", label, mdEscape(s))
				}
			}
			for _, l := range e.Lines() {
				item(l.Label, l.Text)
			}
			for _, g := range e.Issues {
				if g.Category == finding.Exposure {
					item("Fix", g.Remediation())
				}
			}
		}
	}

	if len(r.Services) > 0 {
		fmt.Fprintf(w, "\n## Services\n\n| Address | Service | Protocol | Version | TLS | Auth | Status | Datasets |\n|---|---|---|---|---|---|---|---:|\n")
		for i := range r.Services {
			s := &r.Services[i]
			datasets := fmt.Sprint(len(s.Datasets))
			if s.SameAs != "" {
				datasets = "same as " + s.SameAs
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %t | %s | %s | %s |\n", mdEscape(hostPort(s.Host, s.Port)), mdEscape(summary.ProductName(r, s)),
				mdEscape(s.Protocol), mdEscape(s.Version), s.TLS, mdEscape(string(s.Auth)), mdEscape(string(s.Status)), mdEscape(datasets))
		}
		for i := range r.Services {
			s := &r.Services[i]
			if len(s.Datasets) == 0 {
				continue
			}
			fmt.Fprintf(w, "\n### Datasets of %s\n\n| Dataset | Engine | Rows | Size | Time range | Found in sample |\n|---|---|---:|---:|---|---|\n",
				mdEscape(hostPort(s.Host, s.Port)+" ("+summary.ProductName(r, s)+")"))
			for _, d := range s.Datasets {
				tr := ""
				if d.TimeRange != nil {
					tr = fmt.Sprintf("%s → %s (%s)", d.TimeRange.Min, d.TimeRange.Max, d.TimeRange.Column)
				}
				fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", mdEscape(objectName(d.Database, d.Table, "")),
					mdEscape(d.Engine), humanCount(d.Rows), humanBytes(d.Bytes), mdEscape(tr), mdEscape(strings.Join(d.Classes, ", ")))
			}
		}
	}

	var issues, files []*summary.Group
	for _, g := range sum.Groups {
		switch {
		case g.IsData():
		case g.First().File != "" && g.Category != finding.Config:
			files = append(files, g)
		default:
			issues = append(issues, g)
		}
	}
	if len(issues) > 0 {
		io.WriteString(w, mdIssuesHead)
		for _, g := range issues {
			mdIssue(w, g)
		}
	}
	dataHead := false
	for _, sf := range sum.Services {
		if sf.Service == nil || len(sf.Data) == 0 {
			continue
		}
		if !dataHead {
			fmt.Fprintf(w, "\n## Found in sampled data\n")
			dataHead = true
		}
		fmt.Fprintf(w, "\n### %s\n\n| Severity | What | Where | Values | Evidence | Fix |\n|---|---|---|---:|---|---|\n",
			mdEscape(hostPort(sf.Service.Host, sf.Service.Port)+" ("+sf.Name+")"))
		for _, g := range sf.Data {
			fmt.Fprintf(w, "| **%s** | %s (%s) | %s | %s | %s | %s |\n", strings.ToUpper(g.Severity.String()), mdEscape(g.Title), mdRule(g.Rule),
				mdEscape(groupWhere(g)), valuesCell(g), mdEscape(groupEvidence(g, m.MaxPerGroup)), mdEscape(g.Remediation()))
		}
	}
	if len(files) > 0 {
		io.WriteString(w, mdFilesHead)
		for _, g := range files {
			m.fileRow(w, g)
		}
	}

	if st := disclose.VerificationStatement(r.Findings); st != "" {
		vs := verdicts(r.Findings)
		mdVerificationHead(w, st, len(vs) > 0)
		for _, f := range vs {
			mdVerdictRow(w, f)
		}
	}

	if len(r.Contacts) > 0 {
		fmt.Fprintf(w, "\n## Whom to tell\n\n")
		for _, c := range r.Contacts {
			if len(c.Contact) == 0 {
				fmt.Fprintf(w, "- %s: no security.txt found\n", mdEscape(c.Host))
				continue
			}
			fmt.Fprintf(w, "- %s: %s (from %s)\n", mdEscape(c.Host), mdEscape(strings.Join(c.Contact, ", ")), mdEscape(c.URL))
		}
	}
	if len(r.Others) > 0 {
		// A server's words are cut raw, then escaped once for markdown.
		mdCut := func(s string, max int) string { return mdEscape(cut(s, max)) }
		fmt.Fprintf(w, "\n## Other open ports %s\n\n", othersSummary(r.Others, mdCut))
		listed, more := othersListed(r.Others)
		for _, o := range listed {
			fmt.Fprintf(w, "- %s %s\n", mdEscape(hostPort(o.Host, o.Port)), describeOther(o, mdCut))
		}
		if more > 0 {
			fmt.Fprintf(w, "- … and %d more (`--format json` lists them all)\n", more)
		}
	}
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "\n## Not decided\n\n")
		for _, e := range r.Errors {
			fmt.Fprintf(w, "- %s (%s): %s\n", mdEscape(hostPort(e.Host, e.Port)), mdEscape(e.Stage), mdEscape(e.Error))
		}
	}
	return w.Flush()
}

// mdHead writes the report's title and its list of facts, counts the count of findings.
func mdHead(w io.Writer, r *finding.Report, counts string) {
	fmt.Fprintf(w, "# leakwatch report\n\n")
	if !r.Started.IsZero() {
		fmt.Fprintf(w, "- Started: %s\n", r.Started.UTC().Format(time.RFC3339))
		fmt.Fprintf(w, "- Finished: %s\n", r.Finished.UTC().Format(time.RFC3339))
	}
	fmt.Fprintf(w, "- leakwatch version: %s\n", mdEscape(nonEmpty(r.Version, "dev")))
	if r.Stats.Targets > 0 {
		fmt.Fprintf(w, "- Addresses: %d, ports tried: %d, open: %d, services: %d\n",
			r.Stats.Targets, r.Stats.PortsTried, r.Stats.OpenPorts, len(r.Services))
	}
	fmt.Fprintf(w, "- Findings: %s\n", counts)
}

// The tables of findings about services (and files' settings) and of findings in files.
const (
	mdIssuesHead = "\n## Findings\n\n| Severity | Finding | Where | Evidence | Fix |\n|---|---|---|---|---|\n"
	mdFilesHead  = "\n## Found in files\n\n| Severity | Finding | Where | Evidence | Fix |\n|---|---|---|---|---|\n"
)

// mdIssue writes a group's row of the table of findings.
func mdIssue(w io.Writer, g *summary.Group) {
	f := g.First()
	fmt.Fprintf(w, "| **%s** | %s (%s) | %s | %s | %s |\n", strings.ToUpper(g.Severity.String()),
		mdEscape(f.Title), mdRule(f.Rule), mdEscape(g.Where()), mdEscape(f.Evidence), mdEscape(f.Remediation))
}

// fileRow writes a group's row of the table of findings in files.
func (m *Markdown) fileRow(w io.Writer, g *summary.Group) {
	f := g.First()
	fmt.Fprintf(w, "| **%s** | %s (%s) | %s | %s | %s |\n", strings.ToUpper(g.Severity.String()), mdEscape(f.Title), mdRule(f.Rule),
		mdEscape(g.Where()), mdEscape(groupEvidence(g, m.MaxPerGroup)), mdEscape(f.Remediation))
}

// findingCounts is "3 critical, 5 high (57 findings grouped by dataset, field and
// kind)", or "none".
func findingCounts(sum *summary.Summary) string {
	return countsLine(sum.Counts(), len(sum.Report.Findings), len(sum.Groups))
}

// countsLine is findingCounts of counts, of n findings in groups groups.
func countsLine(counts []summary.SeverityCount, n, groups int) string {
	var parts []string
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%d %s", c.Groups, c.Severity))
	}
	if len(parts) == 0 {
		return "none"
	}
	s := strings.Join(parts, ", ")
	if n != groups {
		s += fmt.Sprintf(" (%s grouped by dataset, field and kind)", summary.Count(n, "finding", "findings"))
	}
	return s
}

// groupWhere is a data group's location within its service, with its key note.
func groupWhere(g *summary.Group) string {
	s := g.Location()
	if n := g.KeysNote(); n != "" {
		s += " " + n
	}
	return s
}

// valuesCell is "5 (×12)": distinct values and occurrences, or "—" without values.
func valuesCell(g *summary.Group) string {
	v := g.Values()
	if v == 0 {
		return "—"
	}
	s := fmt.Sprint(v)
	if n := g.Occurrences(); n > v {
		s += fmt.Sprintf(" (×%d)", n)
	}
	return s
}

// groupEvidence lists a group's values (as the report holds them) and its evidence text.
func groupEvidence(g *summary.Group, limit int) string {
	ev := strings.Join(g.Evidence(limit, true, true), ", ")
	if e := g.First().Evidence; e != "" && g.Values() > 0 {
		ev += "; " + e
	}
	return ev
}

// mdVerificationHead starts the verification section: the statement and, when there are
// verdicts to list, their table's head.
func mdVerificationHead(w io.Writer, statement string, table bool) {
	fmt.Fprintf(w, "\n## Verification\n\n%s\n", mdEscape(statement))
	if table {
		fmt.Fprintf(w, "\n| Verdict | Secret | Rule | Issuer says | Request |\n|---|---|---|---|---|\n")
	}
}

// mdVerdictRow is one judged secret's row of the verification table.
func mdVerdictRow(w io.Writer, f finding.Finding) {
	v := f.Redacted
	if f.Value != "" {
		v = f.Value
	}
	says := f.VerifiedIdentity
	if f.Verified == finding.VerifiedRevoked {
		says = f.VerifiedReason
	}
	fmt.Fprintf(w, "| **%s** | %s | %s | %s | %s |\n", verifiedTag(f), mdEscape(v), mdEscape(f.Rule), mdEscape(says), mdEscape(f.VerifiedBy))
}
