package cli

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// --format jsonl folds one ClickHouse seen on its four ports (HTTP, native, HTTPS,
// native TLS) as --format json does: the same findings, one exposure that names the
// other ports, no secret reported once per port.
func TestScanJSONLinesFoldsSameServer(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	args := append([]string{"scan", "--no-progress", "--no-security-txt"}, open.Addrs()...)
	code, stdout, stderr := runCLI(t, "", append(args, "--format", "json")...)
	if code != ExitFindings {
		t.Fatalf("json: exit %d\n%s", code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runCLI(t, "", append(args, "--format", "jsonl")...)
	if code != ExitFindings {
		t.Fatalf("jsonl: exit %d\n%s", code, stderr)
	}
	var streamed []finding.Finding
	for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
		var f finding.Finding
		if err := json.Unmarshal([]byte(l), &f); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		streamed = append(streamed, f)
	}
	ids := func(fs []finding.Finding) string {
		var s []string
		for _, f := range fs {
			s = append(s, f.ID+" "+string(f.Category)+" "+f.Rule)
		}
		sort.Strings(s)
		return strings.Join(s, "\n")
	}
	if a, b := ids(streamed), ids(rep.Findings); a != b {
		t.Errorf("jsonl findings differ from json's:\n%s\n---\n%s", a, b)
	}
	exposures := 0
	for _, f := range streamed {
		if f.Category == finding.Exposure {
			exposures++
			if !strings.Contains(f.Evidence, "also open on port") {
				t.Errorf("exposure on %d does not name the other ports: %s", f.Port, f.Evidence)
			}
		}
	}
	if exposures != 1 {
		t.Errorf("%d exposure findings for one server, want 1", exposures)
	}
}
