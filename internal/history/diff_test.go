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
