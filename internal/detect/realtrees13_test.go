package detect

import "testing"

// TestTreeRound13Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound13Classes(t *testing.T) {
	marker := "feedface:decafbad" // hex words of the list, not a real Sidekiq credential
	random := "7c3e91ab:d04f6e25"
	gem := func(v string) string { return "export BUNDLE_GEMS__CONTRIBSYS__COM=" + v + "\n" }
	vendor := func(v string) string { return "# Vonage " + v + " VoIP adapter\n" }
	checkNamedTreeClasses(t, "notes.txt", []treeClassCase{
		{class: "a provider's shape read as hexspeak", example: gem(marker), leak: gem(random),
			rule: "sidekiq-api-key", value: random},
		{class: "a capitalised word after a provider's name", example: vendor("Gateways"), leak: vendor("Gq4tew7s"),
			rule: "nexmo-api-key", value: "Gq4tew7s"},
	})
}

// TestSpelledWord: how words are written, and how generated values are not.
func TestSpelledWord(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"embedded", true}, {"Holdings", true}, {"V-Portal", true}, {"snake_case_name", true},
		{"HoldingS", false}, {"hOldings", false}, {"Hold1ngs", false}, {"ab--cd", false}, {"-abc", false},
		{"x", false}, {"ABCDEFGH", false},
	} {
		if got := spelledWord([]byte(c.v)); got != c.want {
			t.Errorf("spelledWord(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}
