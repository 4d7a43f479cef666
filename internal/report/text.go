package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/jedib0t/go-pretty/v6/text"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Every string below that a report carries may come from a scanned server (names,
// versions, errors, values) or from a stored report: it goes through untrusted.Text
// (untrusted.Lines for a finding's detail) at the point it is written, after any
// composition and before any colour, so that no escape sequence reaches the terminal
// and no line break starts a line of the report.
var plain = untrusted.Text

// Text is the terminal report, fitted to the terminal's width: first a headline per
// exposed service (what anyone can read, how much, from when, which secrets, what else
// they could do, whom to tell), then the services, their datasets, the findings about
// each service and the values found in their data, grouped by dataset, field (or key
// pattern) and kind.
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

func (t *Text) painter(c ...text.Color) func(string) string {
	return func(s string) string { return t.paint(s, c...) }
}

// sevLabel is a severity as the report's left margin shows it: upper case, 9 columns.
func (t *Text) sevLabel(s finding.Severity) string {
	label := strings.ToUpper(s.String())
	if t.Color {
		label = sevColors[s].Sprint(label)
	}
	return label + strings.Repeat(" ", max(1, 9-len(s.String())))
}

// margin is the indent of the lines under a severity label.
const margin = "         "

func (t *Text) heading(w io.Writer, s string) {
	fmt.Fprintf(w, "\n%s\n", t.paint(truncate(s, t.width()), text.Bold))
}

func (t *Text) Write(out io.Writer, r *finding.Report) error {
	w := bufio.NewWriter(out)
	sum := summary.Of(r)
	t.writeHeader(w, r, sum)
	t.writeExposures(w, sum)
	t.writeServices(w, r)
	t.writeDatasets(w, r)
	t.writeIssues(w, sum)
	t.writeData(w, sum)
	t.writeFiles(w, sum)
	t.writeVerdicts(w, r)
	t.writeContacts(w, r)
	t.writeOthers(w, r)
	t.writeErrors(w, r)
	return w.Flush()
}

func (t *Text) writeHeader(w io.Writer, r *finding.Report, sum *summary.Summary) {
	if !t.writeHead(w, r, sum.Counts(), len(r.Findings), len(sum.Groups)) {
		return
	}
	if live, revoked, unknown := verdictCounts(r.Findings); live+revoked+unknown > 0 {
		t.para(w, "", fmt.Sprintf("secrets checked with their issuers: %d live, %d revoked, %d not decided", live, revoked, unknown), nil)
	}
}

// writeHead writes the header up to the count of findings by severity (counts, of
// findings findings in groups groups), and reports whether there were any.
func (t *Text) writeHead(w io.Writer, r *finding.Report, counts []summary.SeverityCount, findings, groups int) bool {
	head := t.paint("leakwatch", text.Bold) + " " + plain(nonEmpty(r.Version, "dev"))
	if !r.Started.IsZero() && !r.Finished.IsZero() {
		head += fmt.Sprintf(" — finished in %s", r.Finished.Sub(r.Started).Round(10*time.Millisecond))
	}
	t.para(w, "", head, nil)
	if len(r.Services) > 0 || r.Stats.Targets > 0 {
		open, protected := 0, 0
		for _, s := range r.Services {
			switch {
			case s.Auth.Open() || s.Auth == finding.AuthCredentials:
				open++
			case s.Auth == finding.AuthRequired:
				protected++
			}
		}
		t.para(w, "", fmt.Sprintf("%s, %s tried, %d open, %s identified: %d readable, %d protected",
			summary.Count(r.Stats.Targets, "address", "addresses"), summary.Count(r.Stats.PortsTried, "port", "ports"),
			r.Stats.OpenPorts, summary.Count(len(r.Services), "service", "services"), open, protected), nil)
	}
	if len(counts) == 0 {
		fmt.Fprintln(w, "no findings")
		return false
	}
	var parts []string
	for _, c := range counts {
		parts = append(parts, fmt.Sprintf("%d %s", c.Groups, c.Severity))
	}
	line := "findings: " + strings.Join(parts, ", ")
	if findings != groups {
		line += fmt.Sprintf(" (grouped from %s; --format json lists each)", summary.Number(findings))
	}
	t.para(w, "", line, nil)
	return true
}

// writeExposures writes the headline block of each exposed service.
func (t *Text) writeExposures(w io.Writer, sum *summary.Summary) {
	if len(sum.Exposures) == 0 {
		return
	}
	t.heading(w, "EXPOSED")
	byAddress := 0
	for i, e := range sum.Exposures {
		if i > 0 {
			fmt.Fprintln(w)
		}
		first := e.Name + " " + e.Endpoint() + " — " + e.Access()
		paintFirst := t.painter(text.Bold)
		if e.Open {
			paintFirst = t.painter(text.Bold, text.FgHiRed)
		}
		t.para(w, t.sevLabel(e.Severity), plain(first), paintFirst)
		for _, l := range []string{e.DataLine(), e.ChatLine()} {
			if l != "" {
				t.para(w, margin, plain(l), nil)
			}
		}
		if l := e.SecretsLine(); l != "" {
			kinds := e.SecretKinds
			more := ""
			if len(kinds) > 6 {
				more = fmt.Sprintf(" and %d more", len(kinds)-6)
				kinds = kinds[:6]
			}
			t.para(w, margin, plain(l+": "+strings.Join(kinds, ", ")+more), t.painter(text.FgHiRed))
		}
		for _, l := range []string{e.PIILine(), e.InfraLine(), e.HashLine(), e.AbilitiesLine()} {
			if l != "" {
				t.para(w, margin, plain(l), nil)
			}
		}
		if len(e.Contact.Addresses) > 0 || e.Contact.Note != summary.NoteByAddress {
			t.para(w, margin, plain(e.ContactLine()), nil)
		} else {
			byAddress++
		}
	}
	if byAddress > 0 {
		fmt.Fprintln(w)
		t.para(w, "", "whom to tell: services scanned by address have no security.txt to look up; "+
			"`leakwatch disclose REPORT.json --host ADDRESS` writes a notice for the owner and asks the address's registry (RDAP) for its abuse contact", nil)
	}
}

func (t *Text) writeServices(w io.Writer, r *finding.Report) {
	if len(r.Services) == 0 {
		return
	}
	t.heading(w, "SERVICES")
	cols := []column{
		{header: "address", min: 15},
		{header: "service", min: 10, want: 24},
		{header: "protocol", min: 8, drop: 6, truncate: true},
		{header: "version", min: 10, drop: 3},
		{header: "tls", min: 3, drop: 4},
		{header: "auth", min: 10},
		{header: "status", min: 6, drop: 5, truncate: true},
		{header: "datasets", min: 8, drop: 2},
	}
	var rows [][]cell
	for i := range r.Services {
		s := &r.Services[i]
		addr := summary.HostPort(s.Host, s.Port)
		if s.Hostname != "" && s.Hostname != s.Host {
			addr = s.Hostname + " " + addr
		}
		tls := "no"
		if s.TLS {
			tls = "yes"
		}
		auth := string(s.Auth)
		if s.User != "" && (s.Auth.Open() || s.Auth == finding.AuthCredentials) {
			auth += " (" + s.User + ")"
		}
		var authColor text.Colors
		if s.Auth.Open() {
			authColor = text.Colors{text.FgHiRed}
		} else if s.Auth == finding.AuthRequired {
			authColor = text.Colors{text.FgGreen}
		}
		datasets := fmt.Sprint(len(s.Datasets))
		if s.SameAs != "" {
			datasets = "see " + sameAsShort(s)
		}
		rows = append(rows, []cell{{s: plain(addr)}, {s: plain(serviceName(r, s))}, {s: plain(s.Protocol)},
			{s: plain(s.Version)}, {s: tls}, {s: plain(auth), c: authColor}, {s: plain(string(s.Status))}, {s: plain(datasets)}})
	}
	t.table(w, cols, rows)
}

func (t *Text) writeDatasets(w io.Writer, r *finding.Report) {
	for i := range r.Services {
		s := &r.Services[i]
		if len(s.Datasets) == 0 {
			continue
		}
		head := fmt.Sprintf("DATASETS %s %s — %s", summary.HostPort(s.Host, s.Port), summary.ProductName(r, s),
			summary.Count(len(s.Datasets), "dataset", "datasets"))
		if cut := summary.CutShort(s); cut != "" {
			head += " (" + cut + ")"
		}
		t.heading(w, plain(head))
		for _, note := range summary.CutNotes(s) {
			t.para(w, "  ", plain(note), nil)
		}
		cols := []column{
			{header: "dataset", min: 14, want: 28},
			{header: "engine", min: 6, drop: 5, truncate: true},
			{header: "rows", min: 10, right: true},
			{header: "size", min: 10, drop: 3, right: true},
			{header: "time range", min: 12, drop: 2},
			{header: "found in sample", min: 8, drop: 1},
		}
		var rows [][]cell
		for _, d := range s.Datasets {
			n := humanCount(d.Rows)
			if d.RowsEstimated {
				n = "~" + n
			}
			size := ""
			if d.Bytes > 0 {
				size = humanBytes(d.Bytes)
			}
			tr := t.timeRange(d.TimeRange)
			found := strings.Join(d.Classes, ", ")
			if d.Error != "" && found == "" {
				found = "not read: " + d.Error
			}
			notSampled := d.NotSampled != "" && found == ""
			switch {
			case notSampled && d.NotSampled == finding.NotSampledBudget:
				found = "not sampled: budget spent"
			case notSampled:
				found = d.NotSampled
			}
			rows = append(rows, []cell{{s: plain(summary.Object(d.Database, d.Table, ""))}, {s: plain(d.Engine)}, {s: n}, {s: size},
				{s: plain(tr)}, {s: plain(found), c: foundColor(notSampled)}})
		}
		t.table(w, cols, rows)
	}
}

// writeIssues lists the findings about services themselves, most severe first.
func (t *Text) writeIssues(w io.Writer, sum *summary.Summary) {
	var issues []*summary.Group
	for _, g := range sum.Groups {
		if !g.IsData() && g.First().File == "" || g.First().Category == finding.Config && g.First().File != "" {
			issues = append(issues, g)
		}
	}
	if len(issues) == 0 {
		return
	}
	t.heading(w, "FINDINGS")
	for _, g := range issues {
		t.writeIssue(w, g)
	}
}

// writeIssue writes one group of findings about a service itself (or a file's setting).
func (t *Text) writeIssue(w io.Writer, g *summary.Group) {
	f := g.First()
	t.para(w, t.sevLabel(g.Severity), plain(f.Title), t.painter(text.Bold))
	t.para(w, margin, plain(strings.TrimSpace(summary.Where(f)+"  ["+f.Rule+"]")), nil)
	for _, l := range clipLines(f.Detail, 4) {
		t.para(w, margin, l, nil)
	}
	if f.Evidence != "" {
		t.para(w, margin, plain(f.Evidence), nil)
	}
	if f.Remediation != "" {
		t.para(w, margin+t.paint("fix:", text.FgGreen)+" ", plain(f.Remediation), nil)
	}
}

// writeData writes, per service, one row per group of values found in its data.
func (t *Text) writeData(w io.Writer, sum *summary.Summary) {
	any := false
	for _, sf := range sum.Services {
		if sf.Service == nil || len(sf.Data) == 0 {
			continue
		}
		if !any {
			t.heading(w, "FOUND IN SAMPLED DATA")
			any = true
		}
		t.para(w, "", plain(summary.HostPort(sf.Service.Host, sf.Service.Port)+" "+sf.Name), t.painter(text.Bold))
		cols := []column{
			{header: "severity", min: 8},
			{header: "what", min: 12, want: 22},
			{header: "where", min: 14, want: 26},
			{header: "values", min: 6, drop: 1},
			{header: "evidence", min: 12, drop: 2},
		}
		var rows [][]cell
		for _, g := range sf.Data {
			where := g.Location()
			if n := g.KeysNote(); n != "" {
				where += " " + n
			}
			values := "—"
			if v := g.Values(); v > 0 {
				values = fmt.Sprint(v)
				if n := g.Occurrences(); n > v {
					values += fmt.Sprintf(" (×%d)", n)
				}
			}
			limit := min(max(t.MaxPerGroup, 1), 2)
			if t.Wide {
				limit = t.MaxPerGroup
			}
			// One value a line; a description (chat) cut short: --wide and the other
			// formats give it whole.
			var evs []string
			for _, v := range g.Evidence(limit, true, t.Wide) {
				evs = append(evs, plain(v))
			}
			ev := strings.Join(evs, "\n")
			if g.Values() == 0 && !t.Wide {
				// "20 of 20 sampled values look like chat: 20 hold role-tagged …": the
				// sentence before its details.
				if head, _, ok := strings.Cut(ev, ": "); ok && len(head) >= 10 {
					ev = head
				}
				ev = truncate(ev, 40)
			}
			rows = append(rows, []cell{{s: strings.ToUpper(g.Severity.String()), c: sevColors[g.Severity]},
				{s: plain(g.Title)}, {s: plain(where)}, {s: values}, {s: ev}})
		}
		t.table(w, cols, rows)
	}
	if any {
		t.para(w, t.paint("fix:", text.FgGreen)+" ", "revoke every credential listed at its provider, then delete the exposed copies and stop what writes them (steps per kind: --format markdown, html or json; raw values only with --reveal)", nil)
	}
}

func (t *Text) writeFiles(w io.Writer, sum *summary.Summary) {
	var files []*summary.Group
	for _, g := range sum.Groups {
		if f := g.First(); f.File != "" && f.Category != finding.Config {
			files = append(files, g)
		}
	}
	if len(files) == 0 {
		return
	}
	t.heading(w, "FOUND IN FILES")
	for _, g := range files {
		t.writeFile(w, g)
	}
}

// writeFile writes one finding in a file, on one line (wrapped to the width).
func (t *Text) writeFile(w io.Writer, g *summary.Group) {
	f := g.First()
	v := strings.Join(g.Evidence(1, true, true), "")
	t.para(w, t.sevLabel(g.Severity), plain(summary.Where(f)+" "+f.Rule+" "+v), nil)
}

// writeVerdicts lists the secrets an issuer judged (--verify), live first.
func (t *Text) writeVerdicts(w io.Writer, r *finding.Report) {
	vs := verdicts(r.Findings)
	if len(vs) == 0 {
		return
	}
	t.heading(w, "VERIFIED WITH THE ISSUER")
	for _, f := range vs {
		t.writeVerdict(w, f)
	}
}

// writeVerdict writes one judged secret.
func (t *Text) writeVerdict(w io.Writer, f finding.Finding) {
	var paint func(string) string
	if f.Verified == finding.VerifiedLive {
		paint = t.painter(text.FgHiRed)
	}
	t.para(w, "  ", plain(verdictLine(f)), paint)
}

func (t *Text) writeContacts(w io.Writer, r *finding.Report) {
	if len(r.Contacts) == 0 {
		return
	}
	t.heading(w, "WHOM TO TELL")
	for _, c := range r.Contacts {
		if len(c.Contact) == 0 {
			msg := c.Host + ": no security.txt"
			if c.Error != "" {
				msg += " (" + c.Error + ")"
			}
			t.para(w, "  ", plain(msg), nil)
			continue
		}
		msg := c.Host + ": " + strings.Join(c.Contact, ", ")
		if len(c.Policy) > 0 {
			msg += " (policy " + strings.Join(c.Policy, ", ") + ")"
		}
		msg += "  [" + c.URL + "]"
		t.para(w, "  ", plain(msg), nil)
	}
}

func (t *Text) writeErrors(w io.Writer, r *finding.Report) {
	if len(r.Errors) == 0 {
		return
	}
	t.heading(w, "NOT DECIDED")
	for _, e := range r.Errors {
		t.para(w, "  ", plain(summary.HostPort(e.Host, e.Port)+" "+e.Stage+": "+e.Error), nil)
	}
}

// serviceName is the product and, when the product speaks more than one protocol, which
// one: "ClickHouse http", "ClickHouse native", "Redis".
func serviceName(r *finding.Report, s *finding.Service) string {
	name := summary.ProductName(r, s)
	// … unless the name says it already ("Docker Engine API", not "Docker Engine API api").
	if p, ok := strings.CutPrefix(s.Protocol, s.Product+"-"); ok && p != "" &&
		!strings.HasSuffix(strings.ToLower(name), " "+strings.ToLower(p)) {
		return name + " " + p
	}
	return name
}

// timeRange shows a dataset's time range; to fit a terminal, by the dates alone when
// both ends start with one (--wide shows them whole).
func (t *Text) timeRange(tr *finding.TimeRange) string {
	if tr == nil {
		return ""
	}
	lo, hi := tr.Min, tr.Max
	if !t.Wide {
		if a, b := summary.Date(lo), summary.Date(hi); a != "" && b != "" {
			lo, hi = a, b
		}
	}
	if lo == hi {
		return fmt.Sprintf("%s (%s)", lo, tr.Column)
	}
	return fmt.Sprintf("%s → %s (%s)", lo, hi, tr.Column)
}

// sameAsShort names the service another one folds into: by port alone on the same host.
func sameAsShort(s *finding.Service) string {
	if p, ok := strings.CutPrefix(s.SameAs, hostPort(s.Host, 0)+":"); ok {
		return "port " + p
	}
	return s.SameAs
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

// foundColor is red for what a sample held or an error, plain for a dataset left
// unsampled on purpose.
func foundColor(notSampled bool) text.Colors {
	if notSampled {
		return nil
	}
	return text.Colors{text.FgHiRed}
}
