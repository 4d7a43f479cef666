package history

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func kinds(cs []Change) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Kind)
	}
	return out
}

func rules(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	return out
}

func withSecret(rep *finding.Report, rule, value string) *finding.Report {
	f := finding.Finding{Severity: finding.High, Category: finding.Secret, Rule: rule, Title: rule,
		Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Database: "default", Table: "log_stream", Column: "c"}
	f.SetSecret(value, false)
	f.ComputeID()
	rep.Findings = append(rep.Findings, f)
	return rep
}

func protectedReport() *finding.Report {
	return &finding.Report{Services: []finding.Service{{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http",
		Product: "clickhouse", Version: "18.16.1", Auth: finding.AuthRequired, Status: finding.StatusAuthRequired}}}
}

func TestCompare(t *testing.T) {
	cases := []struct {
		name                    string
		from, to                *finding.Report
		newRules, resolvedRules []string
		changed                 []string
		unchecked               int
	}{
		{name: "first run", from: nil, to: sampleReport(10),
			newRules: []string{"clickhouse-no-auth", "deepseek-api-key"}, changed: []string{"new-secret-kind", "service-new"}},
		{name: "nothing changed", from: sampleReport(10), to: sampleReport(10)},
		{name: "a table grew", from: sampleReport(10), to: sampleReport(20), changed: []string{"dataset-grew"}},
		{name: "a table shrank", from: sampleReport(20), to: sampleReport(10), changed: []string{"dataset-shrank"}},
		{name: "the service got a password", from: sampleReport(10), to: protectedReport(),
			resolvedRules: []string{"clickhouse-no-auth", "deepseek-api-key"}, changed: []string{"auth-gained"}},
		{name: "the service lost its password", from: protectedReport(), to: sampleReport(10),
			newRules: []string{"clickhouse-no-auth", "deepseek-api-key"}, changed: []string{"auth-lost", "new-secret-kind"}},
		{name: "a new secret kind", from: sampleReport(10), to: withSecret(sampleReport(10), "github-pat", "ghp_x"),
			newRules: []string{"github-pat"}, changed: []string{"new-secret-kind"}},
		{name: "another value of a known kind", from: sampleReport(10), to: withSecret(sampleReport(10), "deepseek-api-key", "sk-other"),
			newRules: []string{"deepseek-api-key"}},
		{name: "the service timed out", from: sampleReport(10), to: func() *finding.Report {
			r := protectedReport()
			r.Services[0].Status, r.Services[0].Auth = finding.StatusTimeout, finding.AuthUnknown
			return r
		}(), unchecked: 2},
		{name: "the port no longer answers", from: sampleReport(10), to: &finding.Report{},
			resolvedRules: []string{"clickhouse-no-auth", "deepseek-api-key"}, changed: []string{"service-gone"}},
		{name: "the port answers but nothing was decided", from: sampleReport(10), to: &finding.Report{
			Errors: []finding.ProbeError{{Host: "127.0.0.1", Port: 8123, Stage: "fingerprint", Error: "timeout"}}}, unchecked: 2},
		{name: "severity raised", from: sampleReport(10), to: func() *finding.Report {
			r := sampleReport(10)
			r.Findings[1].Severity = finding.High
			return r
		}(), changed: []string{"severity"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Compare(c.from, c.to)
			if g, w := strings.Join(rules(d.New), ","), strings.Join(c.newRules, ","); g != w {
				t.Errorf("new = %s, want %s", g, w)
			}
			if g, w := strings.Join(rules(d.Resolved), ","), strings.Join(c.resolvedRules, ","); g != w {
				t.Errorf("resolved = %s, want %s", g, w)
			}
			if g, w := strings.Join(kinds(d.Changed), ","), strings.Join(c.changed, ","); g != w {
				t.Errorf("changed = %s, want %s\n%+v", g, w, d.Changed)
			}
			if len(d.Unchecked) != c.unchecked {
				t.Errorf("unchecked = %d, want %d", len(d.Unchecked), c.unchecked)
			}
			if d.Empty() != (len(c.newRules)+len(c.resolvedRules)+len(c.changed) == 0) {
				t.Errorf("Empty() = %v", d.Empty())
			}
		})
	}
}

func TestWriteDiff(t *testing.T) {
	from := sampleReport(10)
	to := withSecret(sampleReport(1_050_000), "github-pat", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")
	d := Compare(from, to)
	d.From, d.To = 3, 4
	for _, format := range DiffFormats() {
		var b bytes.Buffer
		if err := WriteDiff(&b, format, d); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		if strings.Contains(out, "ghp_abcdefghijklmnopqrstuvwxyz0123456789") {
			t.Errorf("%s: raw secret in the diff", format)
		}
		var wants []string
		switch format {
		case "json":
			var back Diff
			if err := json.Unmarshal(b.Bytes(), &back); err != nil || back.To != 4 || len(back.New) != 1 || len(back.Changed) != 2 {
				t.Errorf("json: %v %+v", err, back)
			}
			wants = []string{`"kind": "dataset-grew"`, `"from": "10"`, `"to": "1,050,000"`}
		case "text":
			wants = []string{"run 3 → run 4: 1 new, 0 resolved, 2 changed", "NEW (1)", "github-pat", "ghp_ab", "grew from 10 to 1,050,000 rows", "new-secret-kind"}
		case "markdown":
			wants = []string{"# leakwatch diff: run 3 → run 4", "| severity | where | finding | evidence |", "## Changed (2)"}
		}
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("%s output lacks %q:\n%s", format, w, out)
			}
		}
	}
	if err := WriteDiff(&bytes.Buffer{}, "xml", d); err == nil {
		t.Error("unknown format accepted")
	}
	var b bytes.Buffer
	_ = WriteDiff(&b, "text", Compare(sampleReport(1), sampleReport(1)))
	if !strings.Contains(b.String(), "no changes") {
		t.Errorf("empty diff: %s", b.String())
	}
}

// twoTables is sampleReport with a second table, "default.users", holding a secret of
// its own.
func twoTables() *finding.Report {
	r := sampleReport(10)
	r.Services[0].Datasets = append(r.Services[0].Datasets, finding.Dataset{Database: "default", Table: "users", Rows: 5, Sampled: 5})
	f := finding.Finding{Severity: finding.High, Category: finding.Secret, Rule: "github-pat", Title: "GitHub token",
		Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Database: "default", Table: "users", Column: "token"}
	f.SetSecret("ghp_example", false)
	f.ComputeID()
	r.Findings = append(r.Findings, f)
	return r
}

// A service cut by the endpoint's sample budget still listed every table: a table
// missing from it is gone, and its findings resolved; a table it listed but did not
// sample says nothing, and its findings stay unchecked. A service whose listing a
// limit cut says nothing of the tables it did not reach.
func TestCompareTruncatedServices(t *testing.T) {
	const budget = "sample budget of 65536 bytes per endpoint spent (--max-endpoint-sample-bytes)"
	// users dropped; log_stream's secret still there.
	dropped := func(mut func(s *finding.Service)) *finding.Report {
		r := twoTables()
		r.Services[0].Datasets = r.Services[0].Datasets[:1]
		r.Findings = r.Findings[:2]
		mut(&r.Services[0])
		return r
	}
	// users listed but not sampled: its secret is not in the run.
	unsampled := func(mut func(s *finding.Service)) *finding.Report {
		r := twoTables()
		r.Services[0].Datasets[1].NotSampled = "not sampled: the endpoint's sample budget (--max-endpoint-sample-bytes) was spent"
		r.Findings = r.Findings[:2]
		mut(&r.Services[0])
		return r
	}
	budgetOnly := func(s *finding.Service) { s.Truncated, s.TruncatedBy, s.ListingComplete = true, budget, true }
	listingCut := func(s *finding.Service) { s.Truncated = true }
	// A run recorded before listing_complete existed: cut by the budget, the listing
	// maybe too. Nothing is claimed gone.
	oldBudget := func(s *finding.Service) { s.Truncated, s.TruncatedBy = true, budget }
	whole := func(s *finding.Service) {}

	cases := []struct {
		name      string
		to        *finding.Report
		gone      bool
		resolved  []string
		unchecked int
	}{
		{"whole listing, table dropped", dropped(whole), true, []string{"github-pat"}, 0},
		{"budget cut samples only, table dropped", dropped(budgetOnly), true, []string{"github-pat"}, 0},
		{"budget cut, table listed but not sampled", unsampled(budgetOnly), false, nil, 1},
		{"listing cut, table not reached", dropped(listingCut), false, nil, 1},
		{"budget cut in an older run, table not listed", dropped(oldBudget), false, nil, 1},
		{"budget ran out on the table: fewer rows sampled", func() *finding.Report {
			r := unsampled(budgetOnly)
			r.Services[0].Datasets[1].NotSampled, r.Services[0].Datasets[1].Sampled = "", 1
			return r
		}(), false, nil, 1},
		{"whole listing, fewer rows sampled: the table shrank", func() *finding.Report {
			r := unsampled(whole)
			r.Services[0].Datasets[1].NotSampled, r.Services[0].Datasets[1].Sampled = "", 1
			return r
		}(), false, []string{"github-pat"}, 0},
		{"whole listing, table's read failed", func() *finding.Report {
			r := unsampled(whole)
			r.Services[0].Datasets[1].NotSampled, r.Services[0].Datasets[1].Error = "", "sample: timeout"
			return r
		}(), false, nil, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := Compare(twoTables(), c.to)
			gone := false
			for _, ch := range d.Changed {
				if ch.Kind == ChangeDatasetGone {
					if ch.Table != "users" {
						t.Errorf("gone: %+v", ch)
					}
					gone = true
				}
			}
			if gone != c.gone {
				t.Errorf("dataset-gone reported %v, want %v (%v)", gone, c.gone, kinds(d.Changed))
			}
			if g, w := strings.Join(rules(d.Resolved), ","), strings.Join(c.resolved, ","); g != w {
				t.Errorf("resolved = %s, want %s", g, w)
			}
			if len(d.Unchecked) != c.unchecked {
				t.Errorf("unchecked = %v, want %d", rules(d.Unchecked), c.unchecked)
			}
		})
	}
}
