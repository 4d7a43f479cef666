package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

const auditFixtures = "../audit/testdata"

// TestAuditStockClickHouse is issue 6's first acceptance test, as a new user would run
// it: leakwatch audit /etc/clickhouse-server on a stock Debian install reports the
// password-less default user and its open networks, with file and line, in every format.
func TestAuditStockClickHouse(t *testing.T) {
	const dir = "/etc/clickhouse-server"
	if _, err := os.Stat(dir + "/users.xml"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %s/users.xml is missing: install Debian's clickhouse-server", dir)
		}
		t.Skip("clickhouse-server's configuration is not installed")
	}
	code, stdout, stderr := runCLI(t, "", "audit", dir, "--format", "json")
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, ExitFindings, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	rules := map[string]finding.Finding{}
	for _, f := range rep.Findings {
		if strings.Contains(f.Detail, `user "default"`) {
			rules[f.Rule] = f
		}
		if f.Category != finding.Config || f.File == "" || f.Line < 1 {
			t.Errorf("finding without file and line: %+v", f)
		}
	}
	np, ok := rules["clickhouse-user-no-password"]
	if !ok || np.Severity != finding.Critical || np.File != dir+"/users.xml" {
		t.Errorf("no critical password-less default user in %+v", rules)
	}
	if _, ok := rules["clickhouse-user-networks-open"]; !ok {
		t.Errorf("no open-networks finding for default in %+v", rules)
	}

	// SARIF carries the same file and line as a physical location.
	code, stdout, _ = runCLI(t, "", "audit", dir, "--format", "sarif")
	if code != ExitFindings {
		t.Fatalf("sarif: exit %d", code)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range log.Runs[0].Results {
		pl := r.Locations[0].PhysicalLocation
		if r.RuleID == "clickhouse-user-no-password" && pl.ArtifactLocation.URI == dir+"/users.xml" && pl.Region.StartLine == np.Line {
			found = true
		}
	}
	if !found {
		t.Errorf("SARIF lacks the no-password result at users.xml:%d:\n%s", np.Line, stdout)
	}

	// The text report names file:line and the fix.
	_, stdout, _ = runCLI(t, "", "audit", dir)
	for _, want := range []string{"users.xml:" + itoa(np.Line), "clickhouse-user-no-password", "fix:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, stdout)
		}
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestAuditExitCodesAndOutput(t *testing.T) {
	hardened := filepath.Join(auditFixtures, "clickhouse", "hardened")
	if code, _, stderr := runCLI(t, "", "audit", hardened); code != ExitOK {
		t.Errorf("hardened: exit %d, want 0; %s", code, stderr)
	}
	if code, _, _ := runCLI(t, "", "audit", hardened, "--fail-on", "info"); code != ExitFindings {
		t.Errorf("hardened with --fail-on info: exit %d, want 1 (it has info findings)", code)
	}
	open := filepath.Join(auditFixtures, "redis", "redis-open.conf")
	out := filepath.Join(t.TempDir(), "audit.md")
	code, stdout, stderr := runCLI(t, "", "audit", open, "--format", "markdown", "-o", out)
	if code != ExitFindings || stdout != "" {
		t.Fatalf("exit %d stdout %q stderr %s", code, stdout, stderr)
	}
	st, err := os.Stat(out)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("report file %v mode %v", err, st.Mode())
	}
	b, _ := os.ReadFile(out)
	if !strings.Contains(string(b), "redis-no-password") || !strings.Contains(string(b), "redis-open.conf:2") {
		t.Errorf("markdown report:\n%s", b)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"audit"}, "give a configuration file"},
		{[]string{"audit", filepath.Join(t.TempDir(), "nope")}, "no such file"},
		{[]string{"audit", t.TempDir()}, "no configuration file leakwatch can audit"},
		{[]string{"audit", hardened, "--format", "yaml"}, "unknown format"},
		{[]string{"audit", hardened, "--fail-on", "severe"}, "unknown severity"},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}

	// A broken file: the rest is still reported, and the exit status is 2.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "config.xml"), []byte("<yandex><listen_host>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "redis.conf"), []byte("bind 0.0.0.0\nprotected-mode no\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "", "audit", dir, "--format", "json")
	if code != ExitError || !strings.Contains(stderr, "config.xml") {
		t.Errorf("broken file: exit %d stderr %q", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil || len(rep.Findings) == 0 || len(rep.Errors) != 1 {
		t.Errorf("broken file: report %+v err %v", rep, err)
	}
}
