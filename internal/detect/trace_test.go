package detect

import (
	"strings"
	"testing"
)

// TestDropTraceNamesClass: the trace names the post-pass class that dropped a match, the
// one realTrees asked (realTreesWhy), so whymiss counts misses under the right class.
func TestDropTraceNamesClass(t *testing.T) {
	gh := ExpandExample("ghp_{gh}")
	awsSecret := ExpandExample("{a:40}")
	azure := ExpandExample("{b:76}AZSt{b:6}==")
	for _, c := range []struct{ text, value, want string }{
		{"func TestScan(t *testing.T) {\n\ttps := []string{\n\t\t\"GH_TOKEN=" + gh + "\",\n\t}\n\trun(t, tps)\n}\n", gh, "realTrees:testVectors"},
		{"## Sample output\n\nThe call prints:\n\n```xml\n<Credentials>\n  <SecretAccessKey>" + awsSecret + "</SecretAccessKey>\n</Credentials>\n```\n", awsSecret, "realTrees:exampleBlock"},
		{"    \"node_modules/pad-start\": {\n      \"integrity\": \"sha512-" + azure + "\",\n", azure, "realTrees:shape"},
	} {
		var got []string
		SetTrace(func(e TraceEvent) {
			if e.Stage == "drop" && e.Value == c.value && (strings.HasPrefix(e.Reason, "realTrees:") || e.Reason == "treeRound9" || e.Reason == "example" || e.Reason == "allowMarked") {
				got = append(got, e.Reason)
			}
		})
		scanAll(Default(), c.text)
		SetTrace(nil)
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("%q: dropExamples' reasons %q, want %q", c.text, got, c.want)
		}
	}
}
