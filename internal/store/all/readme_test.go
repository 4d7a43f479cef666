package all

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestREADMEProberCount keeps the README's count of probers equal to the registry:
// README claims are checked like code (it once said 15 with 14 registered).
func TestREADMEProberCount(t *testing.T) {
	b, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(\d+) probers \(the registry in ` + "`internal/store/all`").FindSubmatch(b)
	if m == nil {
		t.Fatal("the README no longer says how many probers there are, the way this test reads it")
	}
	n, _ := strconv.Atoi(string(m[1]))
	if got := len(Probers()); n != got {
		t.Errorf("the README says %d probers, the registry has %d", n, got)
	}
	for _, p := range Probers() {
		if !regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(p.Name()) + `\b`).Match(b) {
			t.Errorf("the README does not name the %s prober", p.Name())
		}
	}
}
