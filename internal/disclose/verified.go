package disclose

import (
	"fmt"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/report/summary"
)

// VerificationStatement says, for a disclosure message, what was verified and how: how
// many of the secrets found were checked with their issuers, what the issuers said, and
// by which requests. It claims "live" only of secrets an issuer accepted. It returns ""
// when nothing was verified (no --verify).
func VerificationStatement(fs []finding.Finding) string {
	var t Tally
	for i := range fs {
		t.Add(&fs[i])
	}
	return t.Statement()
}

// Tally counts what VerificationStatement says of a report's findings, given one at a
// time (a report too long to hold).
type Tally struct {
	live, revoked, unknown, secrets int
	by                              map[string]bool
}

// Add counts f.
func (t *Tally) Add(f *finding.Finding) {
	if f.Category != finding.Secret {
		return
	}
	t.secrets++
	switch f.Verified {
	case finding.VerifiedLive:
		t.live++
	case finding.VerifiedRevoked:
		t.revoked++
	case finding.VerifiedUnknown:
		t.unknown++
	default:
		return
	}
	if f.VerifiedBy != "" && f.Verified != finding.VerifiedUnknown {
		// The method and endpoint, never a path that held a secret (verifiers log
		// those with the secret replaced already).
		if t.by == nil {
			t.by = map[string]bool{}
		}
		t.by[f.VerifiedBy] = true
	}
}

// Statement is VerificationStatement of the findings added.
func (t *Tally) Statement() string {
	live, revoked, unknown, secrets, by := t.live, t.revoked, t.unknown, t.secrets, t.by
	checked := live + revoked + unknown
	if checked == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Of the %s found, %d %s checked with their issuers: each distinct secret was sent once, "+
		"over HTTPS, only to its own issuer's fixed API host, in one read-only identity request that changes nothing and costs nothing "+
		"(no completions, no messages, no uploads). ", summary.Count(secrets, "secret", "secrets"), checked, pick(checked == 1, "was", "were"))
	fmt.Fprintf(&b, "Result: %d live (the issuer accepted the secret: it works today), %d revoked (the issuer rejected it as invalid, "+
		"revoked or expired), %d not decided (no verifier for that kind of secret, a paired value missing, the issuer not reachable "+
		"or rate-limiting).", live, revoked, unknown)
	if len(by) > 0 {
		reqs := make([]string, 0, len(by))
		for r := range by {
			reqs = append(reqs, r)
		}
		sort.Strings(reqs)
		if len(reqs) > 8 {
			reqs = append(reqs[:8], fmt.Sprintf("and %d more", len(reqs)-8))
		}
		fmt.Fprintf(&b, " Requests that decided: %s.", strings.Join(reqs, "; "))
	}
	if secrets > checked {
		fmt.Fprintf(&b, " %s %s not checked.", summary.Count(secrets-checked, "secret", "secrets"), pick(secrets-checked == 1, "was", "were"))
	}
	if live > 0 {
		b.WriteString(" Live secrets should be revoked at their issuer now; until then anyone who read the exposed data can use them.")
	}
	return b.String()
}
