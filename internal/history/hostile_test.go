package history

import (
	"bytes"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// TestHostileDiff is issue 10's rows 2, 5 and 6 for `leakwatch diff`: a later run whose
// table names, versions, titles and evidence carry terminal escapes, forged lines and
// markdown links is diffed, then every string of the diff itself is made hostile; the
// text diff shows them escaped on their own lines and the markdown diff forms no link.
func TestHostileDiff(t *testing.T) {
	hostile := func(path string) string { return path + " " + untrustedtest.Attack }
	to := sampleReport(20)
	to.Services[0].Version = hostile("version")
	to.Services[0].Datasets = append(to.Services[0].Datasets, finding.Dataset{Database: "default", Table: hostile("table"), Rows: 5})
	to = withSecret(to, "github-pat", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")
	to.Findings[len(to.Findings)-1].Table = hostile("secret table")
	to.Findings[len(to.Findings)-1].Title = hostile("title")
	d := Compare(sampleReport(10), to)
	if len(d.New) == 0 || len(d.Changed) < 3 {
		t.Fatalf("the hostile run should differ: %+v", d)
	}
	check := func(d Diff) {
		t.Helper()
		var text, md bytes.Buffer
		if err := WriteDiff(&text, "text", d); err != nil {
			t.Fatal(err)
		}
		untrustedtest.Terminal(t, "diff text", text.Bytes())
		if !strings.Contains(text.String(), `\x1b]0;PWNED-TITLE\x07`) {
			t.Errorf("the attack is not shown visibly:\n%s", text.String())
		}
		if err := WriteDiff(&md, "markdown", d); err != nil {
			t.Fatal(err)
		}
		untrustedtest.Markdown(t, "diff markdown", md.Bytes(), nil)
	}
	check(d)
	untrustedtest.Fill(&d, hostile)
	check(d)
}
