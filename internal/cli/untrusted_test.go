package cli

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// hostileTargets starts the real servers seeded with lab.HostileNames: ClickHouse
// (tables and a column), PostgreSQL (tables and a column) and Redis (keys).
func hostileTargets(t *testing.T) []string {
	t.Helper()
	ch := labtest.ClickHouseHostile(t)
	pg := labtest.PostgresHostile(t)
	rd := labtest.RedisHostile(t)
	// Schemes name the product: a bare port that none claims would be tried by every prober.
	return []string{"http://" + ch.HTTPAddr(), ch.NativeAddr(), "postgres://" + pg.Addr(), "redis://" + rd.Addr()}
}

func scanArgs(format string, targets []string) []string {
	return append([]string{"scan", "--format", format, "--no-progress", "--no-security-txt"}, targets...)
}

// TestScanHostileNamesReachTheReport makes sure the servers really hand the hostile
// names to leakwatch, exactly (JSON keeps exact values): the other tests of this file
// would pass vacuously otherwise.
func TestScanHostileNamesReachTheReport(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", scanArgs("json", hostileTargets(t))...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{} // protocol → names seen in datasets and findings
	for _, s := range rep.Services {
		for _, d := range s.Datasets {
			if seen[s.Protocol] == nil {
				seen[s.Protocol] = map[string]bool{}
			}
			seen[s.Protocol][strings.TrimPrefix(d.Table, "public.")] = true
		}
	}
	for _, f := range rep.Findings {
		if seen[f.Protocol] == nil {
			seen[f.Protocol] = map[string]bool{}
		}
		seen[f.Protocol][strings.TrimPrefix(f.Table, "public.")], seen[f.Protocol][f.Column] = true, true
	}
	// (The native port reaches the same server: its datasets are reported once, on HTTP.)
	for _, proto := range []string{"clickhouse-http", "postgres"} {
		for _, name := range append(slices.Clone(lab.HostileNames), lab.HostileColumn) {
			if !seen[proto][name] {
				t.Errorf("%s: %q is not in the report's datasets or findings", proto, name)
			}
		}
	}
	for _, name := range lab.HostileNames {
		if !seen["redis"][name] {
			t.Errorf("redis: key %q is not in the findings", name)
		}
	}
	if t.Failed() {
		t.Logf("JSON report: %q", stdout)
	}
}

// TestScanHostileNamesText is issue 10's rows 2 and 5 against real servers: the text
// report of a scan of ClickHouse, PostgreSQL and Redis whose table, column and key names
// carry terminal escapes and CR/LF shows them escaped, and no line of the server's
// making starts a line of the report.
func TestScanHostileNamesText(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", scanArgs("text", hostileTargets(t))...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	untrustedtest.Terminal(t, "scan text", []byte(stdout))
	untrustedtest.Terminal(t, "scan stderr", []byte(stderr))
	for _, want := range []string{`\x1b]0;PWNED-TITLE\x07\x1b[2J`, `forged\nCRITICAL FORGED line\r\n`, `abc\u202egnp.exe\u200b`,
		"CRITICAL ClickHouse answers without a password"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the text report lacks %q:\n%s", want, stdout)
		}
	}
}

var ruleID = regexp.MustCompile(`^[a-z0-9._-]+$`)

// TestScanHostileNamesMarkdown is row 6 against real servers: names holding
// "](javascript:…)", "[x](https://…)" and an image make no link or image in
// --format markdown (goldmark with GitHub's extensions is the judge).
func TestScanHostileNamesMarkdown(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", scanArgs("markdown", hostileTargets(t))...)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, stderr)
	}
	untrustedtest.Markdown(t, "scan markdown", []byte(stdout), func(code string) bool { return ruleID.MatchString(code) })
	if !strings.Contains(stdout, `\[x\](https\://evil.example/)`) {
		t.Errorf("the markdown report lacks the escaped link text:\n%s", stdout)
	}
}
