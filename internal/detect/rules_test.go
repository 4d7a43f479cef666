package detect

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

func scanAll(e *Engine, in string) []Match {
	var ms []Match
	e.Scan([]byte(in), func(m Match) { ms = append(ms, m) })
	return ms
}

// hasMatch reports whether ms holds a match of rule over exactly value.
func hasMatch(ms []Match, rule, value string) bool {
	for _, m := range ms {
		if m.Rule.ID == rule && m.Value == value {
			return true
		}
	}
	return false
}

func describe(ms []Match) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "[%s %d:%d %q] ", m.Rule.ID, m.Start, m.End, m.Value)
	}
	return b.String()
}

// TestRuleExamples runs every rule's own examples: each must-match example yields a
// match of that rule, each must-not-match example yields none.
func TestRuleExamples(t *testing.T) {
	e := WithHashes()
	for _, r := range e.Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if len(r.Examples) == 0 || len(r.NotExamples) == 0 {
				t.Fatalf("rule %s needs both examples and counter-examples", r.ID)
			}
			for _, tmpl := range r.Examples {
				in := ExpandExample(tmpl)
				ms := scanAll(e, in)
				found := false
				for _, m := range ms {
					if m.Rule == r {
						found = true
						if m.Start < 0 || m.End > len(in) || m.Start >= m.End || m.Value == "" {
							t.Errorf("example %q: bad match %s", in, describe([]Match{m}))
						}
					}
				}
				if !found {
					t.Errorf("example not matched:\n  template %q\n  input    %q\n  got      %s", tmpl, in, describe(ms))
				}
			}
			for _, tmpl := range r.NotExamples {
				in := ExpandExample(tmpl)
				for _, m := range scanAll(e, in) {
					if m.Rule == r {
						t.Errorf("counter-example matched:\n  template %q\n  input    %q\n  got      %s", tmpl, in, describe([]Match{m}))
					}
				}
			}
		})
	}
}

func TestCatalogue(t *testing.T) {
	rules := Default().Rules()
	if len(rules) < 150 {
		t.Errorf("%d rules, want at least 150", len(rules))
	}
	ids := map[string]bool{}
	idRe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, r := range rules {
		if ids[r.ID] {
			t.Errorf("duplicate rule id %s", r.ID)
		}
		ids[r.ID] = true
		if !idRe.MatchString(r.ID) {
			t.Errorf("rule id %q is not kebab-case", r.ID)
		}
		if r.Title == "" || r.Provider == "" || r.Remediation == "" || len(r.Keywords) == 0 {
			t.Errorf("rule %s lacks title, provider, remediation or keywords", r.ID)
		}
		if r.Category != finding.Secret && r.Category != finding.PII && r.Category != finding.Infrastructure {
			t.Errorf("rule %s has category %q", r.ID, r.Category)
		}
		if r.Category == finding.Secret && r.Severity < finding.Low {
			t.Errorf("rule %s: secret with severity %s", r.ID, r.Severity)
		}
	}
	if r := ids["ip-address"]; !r {
		t.Error("no ip-address rule")
	}
}

// Mailgun's legacy keys are base 36, not only hexadecimal.
func TestMailgunBase36(t *testing.T) {
	const k = "key-3bx7ynkq29jd6feq4gc373sgvjxtzm1w"
	held5Want(t, []held5Case{
		{`"bulkEmail": {"mailgun": {"apiKey": "` + k + `", "domain": "mg.example.test"}}`, "mailgun-api-key", k},
	})
	held5Quiet(t, []string{"monkey-3bx7ynkq29jd6feq4gc373sgvjxtzm1w", "key-abcdefghijklmnopqrstuvwxyzabcdef"}, "mailgun-api-key")
}
