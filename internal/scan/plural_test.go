package scan

import (
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// TestEscalateTitlePlurals: the exposure's title counts kinds of secrets in words that
// agree with the number ("1 kind of secret", "7 kinds of secrets"), never "kind(s)".
func TestEscalateTitlePlurals(t *testing.T) {
	for _, c := range []struct {
		rules []string
		chat  bool
		want  string
	}{
		{[]string{"a"}, false, "Redis answers without a password and holds 1 kind of secret"},
		{[]string{"a", "b", "c", "d", "e", "f", "g"}, true, "Redis answers without a password and holds 7 kinds of secrets and chat transcripts"},
	} {
		rep := &finding.Report{Services: []finding.Service{{Host: "h", Port: 1, Product: "redis"}}}
		rep.Findings = append(rep.Findings, finding.Finding{Host: "h", Port: 1, Category: finding.Exposure, Title: "Redis answers without a password"})
		for _, r := range c.rules {
			rep.Findings = append(rep.Findings, finding.Finding{Host: "h", Port: 1, Category: finding.Secret, Rule: r, Table: "db0"})
		}
		if c.chat {
			rep.Findings = append(rep.Findings, finding.Finding{Host: "h", Port: 1, Category: finding.Chat, Rule: "chat-transcript", Table: "db0"})
		}
		escalate(rep)
		if got := rep.Findings[0].Title; got != c.want || strings.Contains(got, "(s)") {
			t.Errorf("title %q, want %q", got, c.want)
		}
	}
	one := &finding.Service{Datasets: []finding.Dataset{{Table: "db0", Rows: 3}}}
	if ev := exposureEvidence(one); !strings.HasPrefix(ev, "1 dataset, 3 rows in all") {
		t.Errorf("evidence %q", ev)
	}
}
