package report

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/untrusted/untrustedtest"
)

// hostileReport is sampleReport with every string a scanned server (or a tampered
// stored report) could have chosen replaced by an attack: names, versions, errors,
// titles, evidence, values, contacts — every string field of the model.
func hostileReport(reveal bool) *finding.Report {
	r := sampleReport(reveal)
	untrustedtest.Fill(r, func(path string) string { return path + " " + untrustedtest.Attack })
	return r
}

var ruleID = regexp.MustCompile(`^[a-z0-9._-]+$`)

// TestHostileStringsText is issue 10's rows 2 and 5 at the report: with every string of
// the report hostile, the text format (with and without colour) writes no escape
// sequence, bidi or invisible character of the server's, and no line of the server's
// making starts at column 0.
func TestHostileStringsText(t *testing.T) {
	for _, color := range []bool{false, true} {
		for _, reveal := range []bool{false, true} {
			var buf bytes.Buffer
			if err := (&Text{Options: Options{Color: color}}).Write(&buf, hostileReport(reveal)); err != nil {
				t.Fatal(err)
			}
			untrustedtest.Terminal(t, "text", buf.Bytes())
			if !strings.Contains(buf.String(), `\x1b]0;PWNED-TITLE\x07`) || !strings.Contains(buf.String(), `\u202e`) {
				t.Errorf("the attack is not shown visibly:\n%s", buf.String())
			}
		}
	}
}

// TestHostileStringsMarkdown is row 6: with every string hostile, --format markdown
// forms no link, image, autolink or HTML, and no code span but the rule ids it writes.
func TestHostileStringsMarkdown(t *testing.T) {
	for _, reveal := range []bool{false, true} {
		var buf bytes.Buffer
		if err := (&Markdown{}).Write(&buf, hostileReport(reveal)); err != nil {
			t.Fatal(err)
		}
		untrustedtest.Markdown(t, "markdown", buf.Bytes(), func(code string) bool { return ruleID.MatchString(code) })
	}
}

// TestHostileStringsSARIF: message texts are plain (no control, bidi or embedded link
// of the server's) while the properties keep the exact values.
func TestHostileStringsSARIF(t *testing.T) {
	r := hostileReport(true)
	var buf bytes.Buffer
	if err := (SARIF{}).Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ShortDescription struct{ Text string } `json:"shortDescription"`
						Help             struct{ Text string }
					}
				}
			}
			Results []struct {
				Message    struct{ Text, Markdown string }
				Properties map[string]any
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, run := range doc.Runs {
		for _, rule := range run.Tool.Driver.Rules {
			texts = append(texts, rule.ShortDescription.Text, rule.Help.Text)
		}
		for _, res := range run.Results {
			if res.Message.Markdown != "" {
				t.Errorf("message.markdown is written: %q", res.Message.Markdown)
			}
			texts = append(texts, res.Message.Text)
			if ev, _ := res.Properties["evidence"].(string); !strings.HasSuffix(ev, strings.ToValidUTF8(untrustedtest.Attack, "\uFFFD")) {
				// (JSON itself turns invalid UTF-8 into U+FFFD.)
				t.Errorf("the evidence property lost its exact value: %q", ev)
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no messages")
	}
	for _, s := range texts {
		untrustedtest.Terminal(t, "sarif message", []byte(s))
		if strings.Contains(strings.NewReplacer(`\\`, "", `\[`, "", `\]`, "").Replace(s), "[") {
			t.Errorf("sarif message has an unescaped bracket (embedded link): %q", s)
		}
	}
}
