package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// hostileReport is sampleReport with every string a scanned server (or a tampered
// stored report) could have chosen replaced by an attack: names, versions, errors,
// titles, evidence, values, contacts — every string field of the model.
func hostileReport(reveal bool) *finding.Report {
	r := sampleReport(reveal)
	untrustedtest.Fill(r, func(path string) string { return path + " " + untrustedtest.Attack })
	return r
}

var ruleID = regexp.MustCompile(`^[a-z0-9._-]+$`)

// TestHostileStringsText is issue 10's rows 2 and 5 at the report: with every string of
// the report hostile, the text format (with and without colour) writes no escape
// sequence, bidi or invisible character of the server's, and no line of the server's
// making starts at column 0.
func TestHostileStringsText(t *testing.T) {
	for _, color := range []bool{false, true} {
		for _, reveal := range []bool{false, true} {
			var buf bytes.Buffer
			if err := (&Text{Options: Options{Color: color}}).Write(&buf, hostileReport(reveal)); err != nil {
				t.Fatal(err)
			}
			untrustedtest.Terminal(t, "text", buf.Bytes())
			if !strings.Contains(buf.String(), `\x1b]0;PWNED-TITLE\x07`) || !strings.Contains(buf.String(), `\u202e`) {
				t.Errorf("the attack is not shown visibly:\n%s", buf.String())
			}
		}
	}
}

// TestHostileStringsMarkdown is row 6: with every string hostile, --format markdown
// forms no link, image, autolink or HTML, and no code span but the rule ids it writes.
func TestHostileStringsMarkdown(t *testing.T) {
	for _, reveal := range []bool{false, true} {
		var buf bytes.Buffer
		if err := (&Markdown{}).Write(&buf, hostileReport(reveal)); err != nil {
			t.Fatal(err)
		}
		untrustedtest.Markdown(t, "markdown", buf.Bytes(), func(code string) bool { return ruleID.MatchString(code) })
	}
}

// TestHostileStringsSARIF: message texts are plain (no control, bidi or embedded link
// of the server's) while the properties keep the exact values.
func TestHostileStringsSARIF(t *testing.T) {
	r := hostileReport(true)
	var buf bytes.Buffer
	if err := (SARIF{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ShortDescription struct{ Text string } `json:"shortDescription"`
						Help             struct{ Text string }
					}
				}
			}
			Results []struct {
				Message    struct{ Text, Markdown string }
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, run := range doc.Runs {
		for _, rule := range run.Tool.Driver.Rules {
			texts = append(texts, rule.ShortDescription.Text, rule.Help.Text)
		}
		for _, res := range run.Results {
			if res.Message.Markdown != "" {
				t.Errorf("message.markdown is written: %q", res.Message.Markdown)
			}
			texts = append(texts, res.Message.Text)
			if ev, _ := res.Properties["evidence"].(string); !strings.HasSuffix(ev, strings.ToValidUTF8(untrustedtest.Attack, "\uFFFD")) {
				// (JSON itself turns invalid UTF-8 into U+FFFD.)
				t.Errorf("the evidence property lost its exact value: %q", ev)
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no messages")
	}
	for _, s := range texts {
		untrustedtest.Terminal(t, "sarif message", []byte(s))
		if strings.Contains(strings.NewReplacer(`\\`, "", `\[`, "", `\]`, "").Replace(s), "[") {
			t.Errorf("sarif message has an unescaped bracket (embedded link): %q", s)
		}
	}
}

// structuredHostileReport keeps the shape of a real scan — open services with datasets,
// findings grouped by column and by key pattern, a chat table, a capability, contacts —
// and gives every name, version, title, evidence and value a server could choose the
// attack, so that the headline, grouping and layout paths all carry it (hostileReport
// makes the enums hostile too, and then nothing is exposed or grouped).
func structuredHostileReport() *finding.Report {
	a := untrustedtest.Attack
	r := &finding.Report{Tool: "leakwatch", Version: a, Stats: finding.Stats{Targets: 1, PortsTried: 2, OpenPorts: 2},
		Services: []finding.Service{
			{Host: "10.0.0.1", Hostname: "db" + a, Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Name: "Click" + a,
				Version: a, Auth: finding.AuthDefault, User: a, Status: finding.StatusOpen,
				Datasets: []finding.Dataset{{Database: a, Table: "log" + a, Kind: "table", Engine: a, Rows: 1100000, Classes: []string{"chat", a},
					TimeRange: &finding.TimeRange{Column: a, Min: "2025-01-06 " + a, Max: a}}}},
			{Host: "10.0.0.1", Port: 6379, Protocol: "redis", Product: "redis", Version: a, Auth: finding.AuthNone, Status: finding.StatusOpen,
				Datasets: []finding.Dataset{{Table: "db0", Kind: "keyspace", Rows: 100, KeysListed: 100,
					Patterns: []finding.KeyPattern{{Pattern: finding.PatternOf("user:" + a + ":1"), Listed: 90, Sampled: 10}}}}},
		},
		Contacts: []finding.Contact{{Host: "db" + a, URL: a, Contact: []string{a}, Policy: []string{a}}},
		Errors:   []finding.ProbeError{{Host: a, Port: 1, Stage: a, Error: a}},
	}
	ch := finding.Finding{Host: "10.0.0.1", Port: 8123, Protocol: "clickhouse-http"}
	add := func(f finding.Finding, v string) {
		if v != "" {
			f.SetSecret(v, true)
		}
		r.Findings = append(r.Findings, f)
	}
	exp := ch
	exp.Category, exp.Severity, exp.Rule, exp.Title, exp.Evidence, exp.Remediation = finding.Exposure, finding.Critical, "x-no-auth", a, a, a
	// A detail is leakwatch's own lines (untrusted.Lines keeps its line feeds), with the
	// server's words quoted in it, as probers write it.
	exp.Detail = fmt.Sprintf("connected as user %q\nwith no password", a)
	add(exp, "")
	capf := ch
	capf.Category, capf.Severity, capf.Rule, capf.Title, capf.Remediation = finding.Capability, finding.High, a, a, a
	add(capf, "")
	for i := range 3 {
		f := ch
		f.Database, f.Table, f.Column = a, "log"+a, a
		f.Category, f.Severity, f.Rule, f.Title, f.Remediation = finding.Secret, finding.Critical, "k", a, a
		add(f, fmt.Sprintf("%s-%d", a, i))
	}
	chat := ch
	chat.Database, chat.Table, chat.Column = a, "log"+a, a
	chat.Category, chat.Severity, chat.Rule, chat.Title, chat.Evidence = finding.Chat, finding.High, "chat-transcript", a, a
	add(chat, "")
	for i := range 5 {
		f := finding.Finding{Host: "10.0.0.1", Port: 6379, Protocol: "redis", Table: "db0", Column: fmt.Sprintf("user:%s:%d", a, i),
			Category: finding.PII, Severity: finding.Medium, Rule: "email", Title: a, Remediation: a}
		add(f, fmt.Sprintf("u%d@%s", i, a))
	}
	finding.Sort(r.Findings)
	return r
}

// TestHostileStructured: the headline, the grouped findings and the fitted layout carry
// hostile names safely in every human format, at every width.
func TestHostileStructured(t *testing.T) {
	r := structuredHostileReport()
	if s := summary.Of(r); len(s.Exposures) != 2 || len(s.Groups) >= len(r.Findings) {
		t.Fatalf("the report lost its shape: %d exposures, %d groups for %d findings", len(s.Exposures), len(s.Groups), len(r.Findings))
	}
	for _, width := range []int{40, 80, 120} {
		for _, color := range []bool{false, true} {
			var buf bytes.Buffer
			if err := (&Text{Options: Options{Width: width, Color: color}}).Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			untrustedtest.Terminal(t, fmt.Sprintf("text at %d", width), buf.Bytes())
			if w, line := widest(buf.String()); w > width {
				t.Errorf("text at %d: a line is %d wide: %q", width, w, line)
			}
			if !strings.Contains(buf.String(), `\x1b]0;PWNED-TITLE\x07`) || !strings.Contains(buf.String(), "EXPOSED") {
				t.Errorf("text at %d: no headline or the attack not shown", width)
			}
		}
	}
	var md bytes.Buffer
	if err := (&Markdown{}).Write(&md, r); err != nil {
		t.Fatal(err)
	}
	untrustedtest.Markdown(t, "markdown", md.Bytes(), func(code string) bool { return ruleID.MatchString(code) })
	if !strings.Contains(md.String(), "## Exposed services") {
		t.Error("markdown without headlines")
	}
	page := string(renderHTML(t, r))
	for _, tag := range tagRE.FindAllStringSubmatch(page, -1) {
		if !allowedTags[strings.ToLower(tag[1])] {
			t.Errorf("html: tag %q", tag[0])
		}
	}
	if strings.Contains(page, untrustedtest.Attack+"-0") {
		t.Error("html: a raw value")
	}
}

// TestWrappedTextNeverAtColumnZero: a server that sizes its text so that the wrapping
// puts "CRITICAL FORGED …" at the start of a line gets it indented (or inside a table
// cell), never at column 0 where the report's own severities and headings stand.
func TestWrappedTextNeverAtColumnZero(t *testing.T) {
	r := structuredHostileReport()
	for pad := 0; pad < 60; pad++ {
		crafted := strings.Repeat("x", pad) + " CRITICAL FORGED by the server"
		r.Services[0].Name = crafted
		r.Version = crafted
		for i := range r.Findings {
			r.Findings[i].Title = crafted
		}
		for _, width := range []int{40, 80} {
			var buf bytes.Buffer
			if err := (&Text{Options: Options{Width: width}}).Write(&buf, r); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(buf.String(), "\n") {
				if strings.HasPrefix(l, "CRITICAL FORGED") {
					t.Fatalf("pad %d, width %d: a server's line at column 0: %q", pad, width, l)
				}
			}
		}
	}
}
