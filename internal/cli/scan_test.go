package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// runCLI runs leakwatch in-process and returns its exit code and outputs.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// TestScanLab is the acceptance test of issue 2: one scan of the incident-like open server
// and of a password-protected one, both interfaces, plain and TLS.
func TestScanLab(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	prot := labtest.ClickHouseProtected(t)
	args := []string{"scan", "--format", "json", "--no-progress", "--no-security-txt"}
	args = append(args, open.Addrs()...)
	args = append(args, prot.Addrs()...)

	start := time.Now()
	code, stdout, stderr := runCLI(t, "", args...)
	elapsed := time.Since(start)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d (findings at or above high); stderr:\n%s", code, ExitFindings, stderr)
	}
	if elapsed > 20*time.Second {
		t.Errorf("scan of two servers took %v", elapsed)
	}
	t.Logf("scan of %d endpoints took %v", len(open.Addrs())+len(prot.Addrs()), elapsed)

	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, stdout)
	}
	if len(rep.Services) != len(open.Addrs())+len(prot.Addrs()) {
		t.Fatalf("%d services, want %d: %+v\nerrors: %+v", len(rep.Services), len(open.Addrs())+len(prot.Addrs()), rep.Services, rep.Errors)
	}
	var logStream *finding.Dataset
	protos := map[string]bool{}
	for i, s := range rep.Services {
		isOpen := slices.Contains(open.Ports(), s.Port) && s.Host == open.Host
		switch {
		case isOpen && s.Auth != finding.AuthNone:
			t.Errorf("open server %s:%d reported auth %q", s.Host, s.Port, s.Auth)
		case !isOpen && s.Auth != finding.AuthRequired:
			t.Errorf("protected server %s:%d reported auth %q", s.Host, s.Port, s.Auth)
		}
		if !isOpen && len(s.Datasets) > 0 {
			t.Errorf("protected server %s:%d listed datasets", s.Host, s.Port)
		}
		if isOpen && s.Version == "" {
			t.Errorf("%s:%d has no version", s.Host, s.Port)
		}
		if s.TruncatedBy != "" {
			t.Errorf("%s:%d: the default sample budget cut the lab's samples: %s", s.Host, s.Port, s.TruncatedBy)
		}
		protos[s.Protocol+map[bool]string{true: "+tls"}[s.TLS]] = true
		for j, d := range s.Datasets {
			if d.Table == "log_stream" {
				logStream = &rep.Services[i].Datasets[j]
			}
		}
	}
	for _, p := range []string{"clickhouse-http", "clickhouse-http+tls", "clickhouse-native", "clickhouse-native+tls"} {
		if !protos[p] {
			t.Errorf("no %s service in %v", p, protos)
		}
	}
	if logStream == nil {
		t.Fatal("log_stream not inventoried")
	}
	if logStream.Rows < 1_050_000 || logStream.TimeRange == nil || !strings.HasPrefix(logStream.TimeRange.Min, "2025-01-06") {
		t.Errorf("log_stream = %d rows, time range %+v", logStream.Rows, logStream.TimeRange)
	}

	var critical *finding.Finding
	kinds := map[string]bool{}
	for i, f := range rep.Findings {
		if f.Severity == finding.Critical && f.Category == finding.Exposure && strings.Contains(f.Evidence, "log_stream") {
			critical = &rep.Findings[i]
		}
		if f.Category == finding.Secret && f.Table == "log_stream" {
			kinds[f.Rule] = true
		}
		if f.Value != "" {
			t.Errorf("raw value without --reveal: %s", f.Rule)
		}
		if slices.Contains(prot.Ports(), f.Port) && f.Category == finding.Exposure {
			t.Errorf("protected server reported as exposed: %+v", f)
		}
	}
	if critical == nil {
		t.Fatalf("no critical exposure naming log_stream; findings: %+v", rep.Findings)
	}
	if !strings.Contains(critical.Evidence, "log_stream: "+groupDigits(logStream.Rows)+" rows") || !strings.Contains(critical.Evidence, "2025-01-06") {
		t.Errorf("critical finding evidence lacks row count or time range: %s", critical.Evidence)
	}
	if len(kinds) < 6 {
		t.Errorf("only %d kinds of secrets found in log_stream: %v", len(kinds), kinds)
	}
	if critical.Remediation == "" {
		t.Error("critical finding without remediation")
	}
}

func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// --max-endpoint-sample-bytes reaches every prober: the lab ClickHouse's samples hold
// about 16 KB, so a budget of 2,000 bytes leaves most tables listed but not sampled and
// the service truncated, with the reason in the JSON report.
func TestScanSampleBudgetFlag(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	code, stdout, stderr := runCLI(t, "", "scan", "--no-progress", "--no-security-txt", "--format", "json",
		"--max-endpoint-sample-bytes", "2000", open.HTTPAddr())
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Services) != 1 {
		t.Fatalf("JSON output: %v\n%s", err, stdout)
	}
	s := rep.Services[0]
	notSampled, counted := 0, 0
	for _, d := range s.Datasets {
		if strings.Contains(d.NotSampled, "sample budget") {
			notSampled++
		}
		if d.Table == "log_stream" && d.Rows > 0 {
			counted++
		}
	}
	if !s.Truncated || !strings.Contains(s.TruncatedBy, "2000 bytes") || notSampled == 0 || counted != 1 {
		t.Fatalf("truncated=%v by %q; %d datasets not sampled for the budget; log_stream counted: %d", s.Truncated, s.TruncatedBy, notSampled, counted)
	}
}

func TestScanTextReportNamesTheLeak(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	code, stdout, stderr := runCLI(t, "", "scan", "--no-progress", "--no-security-txt", open.HTTPAddr())
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"CRITICAL", "log_stream", "2025-01-06", "ClickHouse http", "fix:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "\x1b[") {
		t.Error("colours written to a non-terminal")
	}
}

func TestScanFailOnAndOutputFile(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	out := filepath.Join(t.TempDir(), "report.sarif")
	code, _, stderr := runCLI(t, "", "scan", "--no-progress", "--no-security-txt", "--fail-on", "critical",
		"--format", "sarif", "-o", out, open.HTTPAddr())
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1 (a critical finding); stderr:\n%s", code, stderr)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("report mode %v, want 0600", st.Mode().Perm())
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), `"version": "2.1.0"`) || !strings.Contains(string(b), "log_stream") {
		t.Errorf("SARIF report incomplete:\n%.2000s", b)
	}

	// Against the protected server alone nothing reaches high: exit 0.
	prot := labtest.ClickHouseProtected(t)
	code, stdout, stderr := runCLI(t, "", "scan", "--no-progress", "--no-security-txt", prot.HTTPAddr(), prot.NativeAddr())
	if code != ExitOK {
		t.Fatalf("protected server: exit %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "required") {
		t.Errorf("protected server not reported as protected:\n%s", stdout)
	}
}

func TestScanWithCredentials(t *testing.T) {
	prot := labtest.ClickHouseProtected(t)
	dir := t.TempDir()
	creds := filepath.Join(dir, "creds.yaml")
	if err := os.WriteFile(creds, []byte("credentials:\n  - store: clickhouse\n    username: default\n    password_env: LW_TEST_PW\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LW_TEST_PW", labtest.ProtectedPassword)
	code, stdout, stderr := runCLI(t, "", "scan", "--no-progress", "--no-security-txt", "--format", "json",
		"--credentials", creds, prot.HTTPAddr())
	if code == ExitError {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Services) != 1 || rep.Services[0].Auth != finding.AuthCredentials || len(rep.Services[0].Datasets) == 0 {
		t.Fatalf("with credentials: %+v", rep.Services)
	}
	if strings.Contains(stdout, labtest.ProtectedPassword) || strings.Contains(stderr, labtest.ProtectedPassword) {
		t.Error("the password appears in the output")
	}
}

func TestScanUsageErrors(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"scan"}, "no targets"},
		{[]string{"scan", "-p", "70000", "127.0.0.1"}, "--ports"},
		{[]string{"scan", "--format", "xml", "127.0.0.1"}, "unknown format"},
		{[]string{"scan", "--fail-on", "severe", "127.0.0.1"}, "--fail-on"},
		{[]string{"scan", "10.0.0.300"}, "10.0.0.300"},
		{[]string{"scan", "--timeout", "0s", "127.0.0.1"}, "--timeout"},
		{[]string{"scan", "--password", "x", "127.0.0.1"}, "--user"},
		{[]string{"scan", "--exclude", "127.0.0.1", "127.0.0.1"}, "nothing to scan"},
		// The same host in IPv6 spellings (mapped, NAT64, 6to4): excluded too, nothing sent.
		{[]string{"scan", "--exclude", "127.0.0.0/8", "::ffff:127.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::1"}, "nothing to scan"},
		{[]string{"scan", "--credentials", "/nonexistent/creds.yaml", "127.0.0.1"}, "credentials"},
		{[]string{"scan", "--no-such-flag"}, "unknown flag"},
		// Limits that would be unbounded, or that overflow into nothing.
		{[]string{"scan", "--workers", "1000000000", "127.0.0.1"}, "--workers"},
		{[]string{"scan", "--workers", "2305843009213693952", "127.0.0.1"}, "--workers"},
		{[]string{"scan", "--rate", "NaN", "127.0.0.1"}, "rate NaN"},
		{[]string{"scan", "--rate", "+Inf", "127.0.0.1"}, "rate +Inf"},
		{[]string{"scan", "--concurrency", "99999999999", "127.0.0.1"}, "concurrency"},
		{[]string{"scan", "--per-host", "99999999999", "127.0.0.1"}, "per-host"},
		{[]string{"scan", "--max-addresses", "0", "127.0.0.1"}, "--max-addresses"},
		{[]string{"scan", "--max-endpoint-sample-bytes", "0", "127.0.0.1"}, "--max-endpoint-sample-bytes"},
		{[]string{"scan", "--exclude-file", "-", "--exclude-file", "-", "127.0.0.1"}, "only once"},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(t, "", c.args...)
		if code != ExitError {
			t.Errorf("%v: exit %d, want %d", c.args, code, ExitError)
		}
		if !strings.Contains(stderr, c.want) {
			t.Errorf("%v: stderr %q lacks %q", c.args, stderr, c.want)
		}
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
			t.Errorf("%v: panicked: %s", c.args, stderr)
		}
	}
}

func TestScanTargetsFromStdin(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	code, stdout, stderr := runCLI(t, "# lab\n"+open.HTTPAddr()+"\n", "scan", "--no-progress", "--no-security-txt", "--format", "json", "-l", "-")
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Services) != 1 {
		t.Fatalf("services from stdin list: %v %+v", err, rep.Services)
	}
}

// --format jsonl streams one finding a line while the scan runs and still decides the
// exit status from what it wrote.
func TestScanJSONLinesStreams(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	code, stdout, stderr := runCLI(t, "", "scan", "--no-progress", "--no-security-txt", "--format", "jsonl", open.HTTPAddr(), open.NativeAddr())
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	critical := 0
	for _, l := range lines {
		var f finding.Finding
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if f.Category == finding.Exposure && f.Severity == finding.Critical && f.Port == open.HTTPPort {
			critical++
		}
		if f.Value != "" {
			t.Errorf("raw value streamed without --reveal: %s", f.Rule)
		}
	}
	if critical != 1 {
		t.Errorf("%d critical exposures for the HTTP port in %d lines", critical, len(lines))
	}
	if !strings.Contains(stderr, "2 service(s)") || !strings.Contains(stderr, "critical") {
		t.Errorf("summary on stderr = %q", stderr)
	}
}

// Standard input can be read once: given to both -l and --exclude-file, the exclusions
// used to come out empty and the target was scanned.
func TestScanStdinTwiceIsRefused(t *testing.T) {
	code, stdout, stderr := runCLI(t, "127.0.0.1\n", "scan", "--no-progress", "--no-security-txt", "-p", "1",
		"-l", "-", "--exclude-file", "-")
	if code != ExitError || !strings.Contains(stderr, "only once") {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
}
