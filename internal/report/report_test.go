package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/leakwatch/leakwatch/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sampleReport covers every part of the model: a readable service with datasets, a
// protected one, grouped secret findings, a file finding, contacts and an error.
func sampleReport(reveal bool) *finding.Report {
	t0 := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	r := &finding.Report{
		Tool: "leakwatch", Version: "test", Started: t0, Finished: t0.Add(2340 * time.Millisecond),
		Stats: finding.Stats{Targets: 2, PortsTried: 8, OpenPorts: 3, Services: 3},
		Services: []finding.Service{
			{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Version: "18.16.1",
				Auth: finding.AuthNone, Status: finding.StatusOpen, User: "default",
				Details: map[string]string{"timezone": "UTC"},
				Datasets: []finding.Dataset{{
					Database: "default", Table: "log_stream", Engine: "MergeTree", Rows: 1050000, Bytes: 123456789,
					Columns:   []finding.Column{{Name: "timestamp", Type: "DateTime"}, {Name: "string_tags", Type: "String"}},
					TimeRange: &finding.TimeRange{Column: "timestamp", Min: "2025-01-06 00:00:00", Max: "2025-02-19 10:00:00"},
					Sampled:   20, Classes: []string{"secrets", "chat"},
				}}},
			{Host: "127.0.0.1", Port: 9000, Protocol: "clickhouse-native", Product: "clickhouse", Version: "18.16.1",
				Auth: finding.AuthNone, Status: finding.StatusOpen},
			{Host: "127.0.0.2", Port: 8123, Protocol: "clickhouse-http", Product: "clickhouse", Version: "18.16.1",
				Auth: finding.AuthRequired, Status: finding.StatusAuthRequired},
		},
		Contacts: []finding.Contact{{Host: "db.example.test", URL: "https://db.example.test/.well-known/security.txt",
			Contact: []string{"mailto:security@example.test"}, Policy: []string{"https://example.test/policy"}}},
		Errors: []finding.ProbeError{{Host: "127.0.0.3", Port: 9000, Stage: "fingerprint", Error: "timed out"}},
	}
	add := func(f finding.Finding, secret string) {
		if secret != "" {
			f.SetSecret(secret, reveal)
		}
		f.ComputeID()
		r.Findings = append(r.Findings, f)
	}
	svc := finding.Finding{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http"}
	exp := svc
	exp.Severity, exp.Category, exp.Rule = finding.Critical, finding.Exposure, "clickhouse-open"
	exp.Title = "ClickHouse answers without a password and holds secrets"
	exp.Evidence = "default.log_stream: 1,050,000 rows since 2025-01-06 00:00:00"
	exp.Remediation = "Set a password for the default user and restrict <networks>."
	add(exp, "")
	for _, k := range []string{"sk-0123456789abcdef0123456789abcdef", "sk-fedcba9876543210fedcba9876543210"} {
		s := svc
		s.Severity, s.Category, s.Rule, s.Title = finding.High, finding.Secret, "deepseek-api-key", "DeepSeek API key"
		s.Database, s.Table, s.Column, s.Count = "default", "log_stream", "string_tags", 2
		s.Remediation = "Revoke the key."
		add(s, k)
	}
	chat := svc
	chat.Severity, chat.Category, chat.Rule, chat.Title = finding.High, finding.Chat, "chat-transcript", "Chat transcripts"
	chat.Database, chat.Table, chat.Column = "default", "log_stream", "string_tags"
	chat.Evidence = "messages with roles user/assistant in 20 of 20 sampled rows"
	add(chat, "")
	file := finding.Finding{Severity: finding.Medium, Category: finding.PII, Rule: "email", Title: "E-mail address",
		File: "dump dir/log.jsonl", Line: 3, Start: 0, End: 17}
	add(file, "li.wei12@mail.test")
	finding.Sort(r.Findings)
	return r
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		for _, reveal := range []bool{false, true} {
			name := format
			if reveal {
				name += "-reveal"
			}
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				w, err := New(format, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if err := w.Write(&buf, sampleReport(reveal)); err != nil {
					t.Fatal(err)
				}
				golden := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if !bytes.Equal(buf.Bytes(), want) {
					t.Errorf("%s output differs from %s; got:\n%s", format, golden, buf.String())
				}
				if !reveal && strings.Contains(buf.String(), "0123456789abcdef0123456789abcdef") {
					t.Errorf("%s output leaks a raw secret without --reveal", format)
				}
				if reveal && !strings.Contains(buf.String(), "sk-0123456789abcdef0123456789abcdef") && format != "text" && format != "markdown" && format != "html" {
					t.Errorf("%s output lacks the revealed value", format)
				}
			})
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := New("xml", Options{}); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Fatalf("want an unknown-format error, got %v", err)
	}
	if _, err := New("MD", Options{}); err != nil {
		t.Fatalf("md alias: %v", err)
	}
}

// TestJSONContract checks the field names DESIGN.md promises to other tools.
func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "json", sampleReport(false)); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"started", "finished", "services", "findings"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("top-level field %q missing", k)
		}
	}
	svc := doc["services"].([]any)[0].(map[string]any)
	for _, k := range []string{"host", "port", "protocol", "product", "version", "tls", "auth", "datasets"} {
		if _, ok := svc[k]; !ok {
			t.Errorf("service field %q missing", k)
		}
	}
	ds := svc["datasets"].([]any)[0].(map[string]any)
	for _, k := range []string{"database", "table", "rows", "bytes", "columns", "time_range"} {
		if _, ok := ds[k]; !ok {
			t.Errorf("dataset field %q missing", k)
		}
	}
	if tr := ds["time_range"].(map[string]any); tr["min"] != "2025-01-06 00:00:00" || tr["column"] != "timestamp" {
		t.Errorf("time_range = %v", tr)
	}
	var secret map[string]any
	for _, f := range doc["findings"].([]any) {
		m := f.(map[string]any)
		if m["category"] == "secret" {
			secret = m
			break
		}
	}
	if secret == nil {
		t.Fatal("no secret finding in JSON")
	}
	for _, k := range []string{"id", "severity", "category", "rule", "title", "host", "port", "protocol", "database", "table", "column", "redacted", "sha256", "remediation"} {
		if _, ok := secret[k]; !ok {
			t.Errorf("finding field %q missing", k)
		}
	}
	if _, ok := secret["value"]; ok {
		t.Error("value present without --reveal")
	}
	if secret["severity"] != "high" {
		t.Errorf("severity = %v, want the lower-case name", secret["severity"])
	}

	// An empty report still has [] lists, never null.
	buf.Reset()
	if err := Write(&buf, "json", &finding.Report{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"services": []`) || !strings.Contains(buf.String(), `"findings": []`) {
		t.Errorf("empty report lists are not []: %s", buf.String())
	}
}

func TestJSONLinesStartAlwaysPresent(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "jsonl", sampleReport(false)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(sampleReport(false).Findings) {
		t.Fatalf("%d lines for %d findings", len(lines), len(sampleReport(false).Findings))
	}
	found := false
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if m["rule"] == "email" {
			found = true
			if m["line"] != 3.0 || m["start"] != 0.0 || m["end"] != 17.0 {
				t.Errorf("file finding position = line %v start %v end %v", m["line"], m["start"], m["end"])
			}
		}
	}
	if !found {
		t.Error("file finding missing from jsonl")
	}
}

// sarifSchema extracts the official SARIF 2.1.0 schema that the go-sarif module ships
// (as a Go string constant), so the test validates against the real schema offline.
func sarifSchema(t *testing.T) any {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3").Output()
	if err != nil {
		t.Fatalf("locating the go-sarif module: %v", err)
	}
	src := filepath.Join(strings.TrimSpace(string(out)), "pkg/report/v210/sarif/schema.go")
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("reading the SARIF schema shipped with go-sarif: %v", err)
	}
	m := regexp.MustCompile("(?s)`(.*)`").FindSubmatch(b)
	if m == nil {
		t.Fatalf("no schema literal in %s", src)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSARIFValidAgainstSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	if err := c.AddResource("sarif-schema-2.1.0.json", sarifSchema(t)); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, rep := range []*finding.Report{sampleReport(false), sampleReport(true), {}} {
		var buf bytes.Buffer
		if err := Write(&buf, "sarif", rep); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Fatalf("SARIF output is not valid SARIF 2.1.0: %v\n%s", err, buf.String())
		}
	}
	// The validator must be able to fail: an invalid document is rejected.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version":"2.1.0","runs":[{"results":[]}]}`))
	if err := sch.Validate(bad); err == nil {
		t.Fatal("schema accepted a run without a tool")
	}
}

func TestSARIFLocations(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", sampleReport(false)); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{
		`"uri": "clickhouse-http://127.0.0.1:8123/default/log_stream#string_tags"`,
		`"uri": "dump%20dir/log.jsonl"`,
		`"startLine": 3`, `"startColumn": 1`, `"endColumn": 18`,
		`"security-severity": "9.5"`,
		`"leakwatch/v1"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
}

func TestTextColorOnlyWhenAsked(t *testing.T) {
	for _, color := range []bool{false, true} {
		var buf bytes.Buffer
		if err := (&Text{Options: Options{Color: color}}).Write(&buf, sampleReport(false)); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), "\x1b["); got != color {
			t.Errorf("color=%v: escape sequences present = %v", color, got)
		}
	}
}

func TestHumanUnits(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 123456789: "117.7 MiB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1050000: "1,050,000", -1234: "-1,234"} {
		if got := humanCount(n); got != want {
			t.Errorf("humanCount(%d) = %q, want %q", n, got, want)
		}
	}
}
