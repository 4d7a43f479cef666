package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// verifiedReport holds one live, one revoked and one undecided secret (--verify).
func verifiedReport() *finding.Report {
	r := &finding.Report{Tool: "leakwatch", Version: "test"}
	mk := func(rule, value string, sev finding.Severity, v finding.Verified, identity, reason, by string) {
		f := finding.Finding{Host: "127.0.0.1", Port: 8123, Protocol: "clickhouse-http", Database: "default", Table: "log_stream",
			Column: "string_tags", Category: finding.Secret, Severity: sev, Rule: rule, Title: rule, Count: 1,
			Verified: v, VerifiedIdentity: identity, VerifiedReason: reason, VerifiedBy: by}
		if v != finding.VerifiedUnknown {
			f.VerifiedAt = "2026-11-22T10:00:00Z"
		}
		f.SetSecret(value, false)
		f.ComputeID()
		r.Findings = append(r.Findings, f)
	}
	mk("github-pat", "ghp_LIVELIVELIVELIVELIVELIVELIVELIVE01", finding.Critical, finding.VerifiedLive,
		"user octocat; scopes repo", "", "GET https://api.github.com/user")
	mk("openai-project-key", "sk-proj-REVOKEDREVOKEDREVOKEDREVOKED", finding.Low, finding.VerifiedRevoked,
		"", "the issuer rejected it (HTTP 401)", "GET https://api.openai.com/v1/models")
	mk("deepseek-api-key", "sk-0123456789abcdef0123456789abcdef", finding.Critical, finding.VerifiedUnknown,
		"", "no issuer reachable from this machine", "")
	finding.Sort(r.Findings)
	return r
}

func render(t *testing.T, format string, r *finding.Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestVerifiedInEveryFormat(t *testing.T) {
	r := verifiedReport()

	txt := render(t, "text", r)
	for _, want := range []string{"secrets checked with their issuers: 1 live, 1 revoked, 1 not decided", "VERIFIED WITH THE ISSUER",
		"LIVE ghp_LI", "user octocat; scopes repo", "[GET https://api.github.com/user]", "REVOKED sk-pro", "rejected it (HTTP 401)"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text report lacks %q:\n%s", want, txt)
		}
	}
	if strings.Contains(txt, "LIVE sk-0") || strings.Contains(txt, "REVOKED sk-0") {
		t.Errorf("an undecided secret is called live or revoked:\n%s", txt)
	}

	md := render(t, "markdown", r)
	for _, want := range []string{"## Verification", "Of the 3 secrets found, 3 were checked", "1 live", "1 revoked",
		"| **LIVE** |", "user octocat; scopes repo", "| **REVOKED** |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown report lacks %q:\n%s", want, md)
		}
	}

	var doc struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal([]byte(render(t, "json", r)), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range doc.Findings {
		got[f["rule"].(string)] = f["verified"].(string)
		if f["verified"] == "live" && (f["verified_identity"] != "user octocat; scopes repo" || f["verified_by"] == nil || f["verified_at"] == nil) {
			t.Errorf("live finding without identity, request or time: %v", f)
		}
	}
	if got["github-pat"] != "live" || got["openai-project-key"] != "revoked" || got["deepseek-api-key"] != "unknown" {
		t.Errorf("JSON verdicts %v", got)
	}
	for _, line := range strings.Split(strings.TrimSpace(render(t, "jsonl", r)), "\n") {
		if !strings.Contains(line, `"verified":"`) {
			t.Errorf("JSON line without verified: %s", line)
		}
	}

	var sarif struct {
		Runs []struct {
			Results []struct {
				Properties map[string]any `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(render(t, "sarif", r)), &sarif); err != nil {
		t.Fatal(err)
	}
	verdicts := map[any]bool{}
	for _, res := range sarif.Runs[0].Results {
		verdicts[res.Properties["verified"]] = true
		if res.Properties["verified"] == "live" && res.Properties["verified_identity"] != "user octocat; scopes repo" {
			t.Errorf("SARIF live result without identity: %v", res.Properties)
		}
	}
	if !verdicts["live"] || !verdicts["revoked"] || !verdicts["unknown"] {
		t.Errorf("SARIF verdicts %v", verdicts)
	}
}

// Without --verify nothing is called live: no tag, no section, no statement.
func TestUnverifiedSaysNothing(t *testing.T) {
	r := verifiedReport()
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Verified, f.VerifiedIdentity, f.VerifiedReason, f.VerifiedBy, f.VerifiedAt = "", "", "", "", ""
	}
	for _, format := range []string{"text", "markdown", "json", "sarif"} {
		out := render(t, format, r)
		for _, no := range []string{"LIVE", "REVOKED", "VERIFIED", "Verification", `"verified"`, "live"} {
			if strings.Contains(out, no) {
				t.Errorf("%s output mentions %q without verification", format, no)
			}
		}
	}
}
