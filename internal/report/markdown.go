package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Markdown is a report to paste into a ticket or a disclosure e-mail.
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
	var sevs []string
	for _, c := range severityCounts(r.Findings) {
		sevs = append(sevs, fmt.Sprintf("%d %s", c.N, c.Sev))
	}
	if len(sevs) == 0 {
		sevs = []string{"none"}
	}
	fmt.Fprintf(w, "- Findings: %s\n", strings.Join(sevs, ", "))

	if len(r.Services) > 0 {
		fmt.Fprintf(w, "\n## Services\n\n| Host | Port | Protocol | Version | TLS | Auth | Status | Datasets |\n|---|---:|---|---|---|---|---|---:|\n")
		for _, s := range r.Services {
			fmt.Fprintf(w, "| %s | %d | %s | %s | %t | %s | %s | %d |\n", mdEscape(s.Host), s.Port, mdEscape(s.Protocol),
				mdEscape(s.Version), s.TLS, mdEscape(string(s.Auth)), mdEscape(string(s.Status)), len(s.Datasets))
		}
		for _, s := range r.Services {
			if len(s.Datasets) == 0 {
				continue
			}
			fmt.Fprintf(w, "\n### %s (%s)\n\n| Dataset | Engine | Rows | Size | Time range | Found in sample |\n|---|---|---:|---:|---|---|\n",
				mdEscape(hostPort(s.Host, s.Port)), mdEscape(s.Protocol))
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

	if len(r.Findings) > 0 {
		fmt.Fprintf(w, "\n## Findings\n\n| Severity | Finding | Where | Evidence | Fix |\n|---|---|---|---|---|\n")
		for _, g := range groupFindings(r.Findings) {
			f := g.first
			title := g.title()
			ev := g.evidence(m.MaxPerGroup)
			if f.Evidence != "" {
				ev = strings.TrimPrefix(ev+"; "+f.Evidence, "; ")
			}
			fmt.Fprintf(w, "| **%s** | %s (%s) | %s | %s | %s |\n", strings.ToUpper(f.Severity.String()),
				mdEscape(title), mdRule(f.Rule), mdEscape(where(f)), mdEscape(ev), mdEscape(f.Remediation))
		}
	}

	if st := disclose.VerificationStatement(r.Findings); st != "" {
		fmt.Fprintf(w, "\n## Verification\n\n%s\n", mdEscape(st))
		if vs := verdicts(r.Findings); len(vs) > 0 {
			fmt.Fprintf(w, "\n| Verdict | Secret | Rule | Issuer says | Request |\n|---|---|---|---|---|\n")
			for _, f := range vs {
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
	if len(r.Errors) > 0 {
		fmt.Fprintf(w, "\n## Not decided\n\n")
		for _, e := range r.Errors {
			fmt.Fprintf(w, "- %s (%s): %s\n", mdEscape(hostPort(e.Host, e.Port)), mdEscape(e.Stage), mdEscape(e.Error))
		}
	}
	return w.Flush()
}
