package verify

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// A store or input holding a hostile number of distinct, well-formed tokens made the
// run ask each one's issuer, one request each at the run's rate, and keep every verdict:
// unbounded time, requests and memory. A run now asks about at most MaxSecrets distinct
// secrets; the rest are reported unknown, saying why, and nobody is asked about them.
func TestDistinctSecretsBounded(t *testing.T) {
	is := newIssuers(t)
	is.answer(reply{200, nil, `{"login":"octocat"}`})
	const max, n = 20, 50
	r := is.runner(t, func(c *Config) { c.MaxSecrets = max })
	var fs []finding.Finding
	b := r.NewBatch()
	for i := range n {
		tok := fmt.Sprintf("ghp_%036d", i)
		fs = append(fs, secretFinding("github-pat", tok))
		b.Add(i, "github-pat", tok, nil)
	}
	b.Apply(context.Background(), fs)
	live, capped := 0, 0
	for _, f := range fs {
		switch {
		case f.Verified == finding.VerifiedLive:
			live++
		case f.Verified == finding.VerifiedUnknown && strings.Contains(f.VerifiedReason, "20 distinct secrets"):
			capped++
		default:
			t.Errorf("verdict %s (%s)", f.Verified, f.VerifiedReason)
		}
	}
	if got := len(is.requests()); got != max || live != max || capped != n-max {
		t.Errorf("%d requests, %d live, %d not asked; want %d, %d, %d", got, live, capped, max, max, n-max)
	}
	// A secret already asked about is still answered from the run's verdicts.
	asked := -1
	for i, f := range fs {
		if f.Verified == finding.VerifiedLive {
			asked = i
		}
	}
	f := []finding.Finding{secretFinding("github-pat", fmt.Sprintf("ghp_%036d", asked))}
	b = r.NewBatch()
	b.Add(0, "github-pat", fmt.Sprintf("ghp_%036d", asked), nil)
	b.Apply(context.Background(), f)
	if asked >= 0 && f[0].Verified != finding.VerifiedLive {
		t.Errorf("an asked secret past the bound: %s (%s)", f[0].Verified, f[0].VerifiedReason)
	}
	if _, err := New(Config{MaxSecrets: -1}); err == nil {
		t.Error("a negative bound is accepted")
	}
	if r, _ := New(Config{}); r.cfg.MaxSecrets != DefaultMaxSecrets {
		t.Errorf("default bound %d", r.cfg.MaxSecrets)
	}
}
