package history

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// A secret turning live (or first seen live) and a live or undecided one turning
// revoked are changes; the same verdict again, or a new secret seen revoked, are not.
func TestVerdictChanges(t *testing.T) {
	mk := func(id string, v finding.Verified) finding.Finding {
		return finding.Finding{ID: id, Category: finding.Secret, Rule: "github-pat", Redacted: "ghp_ab…(40)", Host: "10.0.0.1", Port: 8123,
			Severity: finding.High, Verified: v, VerifiedIdentity: "user octocat"}
	}
	from := &finding.Report{Findings: []finding.Finding{mk("a", ""), mk("b", finding.VerifiedLive), mk("c", finding.VerifiedLive),
		mk("d", finding.VerifiedUnknown), mk("e", finding.VerifiedRevoked)}}
	to := &finding.Report{Findings: []finding.Finding{mk("a", finding.VerifiedLive), mk("b", finding.VerifiedLive),
		mk("c", finding.VerifiedRevoked), mk("d", finding.VerifiedRevoked), mk("e", finding.VerifiedRevoked),
		mk("f", finding.VerifiedLive), mk("g", finding.VerifiedRevoked)}}
	d := Compare(from, to)
	got := map[string]int{}
	for _, c := range d.Changed {
		if c.Kind == ChangeKeyLive || c.Kind == ChangeKeyRevoked {
			got[c.Kind+":"+c.From+">"+c.To]++
			if c.Kind == ChangeKeyLive && (c.Severity != finding.Critical || c.Detail == "") {
				t.Errorf("%+v", c)
			}
		}
	}
	want := map[string]int{"key-live:>live": 2, "key-revoked:live>revoked": 1, "key-revoked:unknown>revoked": 1}
	if len(got) != len(want) {
		t.Errorf("changes %v, want %v", got, want)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("changes %v, want %v", got, want)
		}
	}
}
