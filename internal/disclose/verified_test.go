package disclose

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func TestVerificationStatement(t *testing.T) {
	fs := []finding.Finding{
		{Category: finding.Secret, Rule: "github-pat", Verified: finding.VerifiedLive, VerifiedBy: "GET https://api.github.com/user"},
		{Category: finding.Secret, Rule: "github-pat", Verified: finding.VerifiedLive, VerifiedBy: "GET https://api.github.com/user"},
		{Category: finding.Secret, Rule: "openai-api-key", Verified: finding.VerifiedRevoked, VerifiedBy: "GET https://api.openai.com/v1/models"},
		{Category: finding.Secret, Rule: "deepseek-api-key", Verified: finding.VerifiedUnknown, VerifiedReason: "no issuer reachable"},
		{Category: finding.Secret, Rule: "password-assignment"}, // found before verification ran, or in a run without it
		{Category: finding.PII, Rule: "email"},
	}
	st := VerificationStatement(fs)
	for _, want := range []string{"Of the 5 secrets found, 4 were checked", "2 live", "1 revoked", "1 not decided",
		"read-only", "only to its own issuer", "GET https://api.github.com/user; GET https://api.openai.com/v1/models",
		"1 secret was not checked", "should be revoked"} {
		if !strings.Contains(st, want) {
			t.Errorf("statement lacks %q:\n%s", want, st)
		}
	}
	if strings.Count(st, "api.github.com") != 1 {
		t.Errorf("requests not deduplicated: %s", st)
	}
	for i := range fs {
		fs[i].Verified = ""
	}
	if st := VerificationStatement(fs); st != "" {
		t.Errorf("statement without verification: %q", st)
	}
	// Nothing live: no call to revoke live keys.
	st = VerificationStatement([]finding.Finding{{Category: finding.Secret, Verified: finding.VerifiedRevoked}})
	if st == "" || strings.Contains(st, "Live secrets") || !strings.Contains(st, "1 revoked") {
		t.Errorf("%s", st)
	}
}
