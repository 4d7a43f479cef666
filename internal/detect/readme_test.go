package detect

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The README's count of detection rules is the engine's: a claim checked like code.
func TestREADMERuleCount(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`([\d,]+) detection rules \(` + "`leakwatch detect --list-rules`").FindSubmatch(b)
	if m == nil {
		t.Fatal("the README no longer says how many detection rules there are, the way this test reads it")
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(string(m[1]), ",", ""))
	if got := len(Default().Rules()); n != got { // (--list-rules lists the default engine: no opt-in hash rule)
		t.Errorf("the README says %d detection rules, the engine has %d", n, got)
	}
}
