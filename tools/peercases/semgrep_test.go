package main

import (
	"regexp"
	"slices"
	"testing"
)

// TestSgCases: a labelling comment labels the lines after it up to a blank line or the
// next label; "ruleid"/"todoruleid" make positives, "ok"/"todook" negatives; a label
// naming several rules gives a case per rule read; rules not read are ignored; a
// positive wants the pattern's longest group when it is long, else the whole match, else
// (no pattern) any secret; an armoured block runs past a blank line to its END line.
func TestSgCases(t *testing.T) {
	src := "# ruleid: acme-key\nacme_key = \"zq9Lk2Vb8xQm\"\n\n" +
		"// ok: acme-key\nacme_key = os.Getenv(\"X\")\n// todoruleid: acme-key, other-rule\n" +
		"k := `zqAAbbCC11`\nnext\n<!-- todook: acme-key -->\nzq-example\n\n" +
		"# ok: not-read\nsecret = foo\n" +
		"# ruleid: bare-rule\n-----BEGIN X-----\nVersion: 1\n\nabc\n-----END X-----\n" +
		"# ruleid: hook\nhttps://hooks.example/services/Zq9Lk2Vb8x\n"
	pats := map[string][]*regexp.Regexp{"acme-key": {regexp.MustCompile(`(zq[A-Za-z0-9]{8,})`)},
		"hook": {regexp.MustCompile(`(https?://)?hooks\.example/(services|workflows)/[A-Za-z0-9]{10}`)}}
	cs, noWant := sgCases(src, "go", map[string]bool{"acme-key": true, "other-rule": true, "bare-rule": true, "hook": true}, pats)
	type got struct {
		det, input string
		pos        bool
		want       []string
	}
	var g []got
	for _, c := range cs {
		g = append(g, got{c.Detector, c.Input, c.Positive, c.Want})
	}
	want := []got{
		{"acme-key", `acme_key = "zq9Lk2Vb8xQm"`, true, []string{"zq9Lk2Vb8xQm"}},
		{"acme-key", `acme_key = os.Getenv("X")`, false, nil},
		{"acme-key", "k := `zqAAbbCC11`\nnext", true, []string{"zqAAbbCC11"}},
		{"other-rule", "k := `zqAAbbCC11`", true, nil},
		{"acme-key", "zq-example", false, nil},
		{"bare-rule", "-----BEGIN X-----\nVersion: 1\n\nabc\n-----END X-----", true, nil},
		{"hook", "https://hooks.example/services/Zq9Lk2Vb8x", true, []string{"https://hooks.example/services/Zq9Lk2Vb8x"}},
	}
	if len(g) != len(want) {
		t.Fatalf("got %d cases %+v, want %d", len(g), g, len(want))
	}
	for i := range want {
		if g[i].det != want[i].det || g[i].input != want[i].input || g[i].pos != want[i].pos || !slices.Equal(g[i].want, want[i].want) {
			t.Errorf("case %d: got %+v, want %+v", i, g[i], want[i])
		}
	}
	if noWant != 2 {
		t.Errorf("noWant = %d, want 2", noWant)
	}
}
