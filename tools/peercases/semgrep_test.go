package main

import (
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSgCases: a labelling comment labels the lines after it up to a blank line or the
// next label; "ruleid"/"todoruleid" make positives, "ok"/"todook" negatives; a label
// naming several rules gives a case per rule read; rules not read are ignored; a
// positive wants the pattern's longest group when it is long, else the whole match; a
// positive no pattern of its rule matches is left out (counted), not found by any
// finding; a PCRE lookaround runs (regexp2) and a pattern ending in a line break matches
// the case's last line; an armoured block runs past a blank line to its END line.
func TestSgCases(t *testing.T) {
	src := "# ruleid: acme-key\nacme_key = \"zq9Lk2Vb8xQm\"\n\n" +
		"// ok: acme-key\nacme_key = os.Getenv(\"X\")\n// todoruleid: acme-key, other-rule\n" +
		"k := `zqAAbbCC11`\nnext\n<!-- todook: acme-key -->\nzq-example\n\n" +
		"# ok: not-read\nsecret = foo\n" +
		"# ruleid: bare-rule\n-----BEGIN X-----\nVersion: 1\n\nabc\n-----END X-----\n" +
		"# ruleid: hook\nhttps://hooks.example/services/Zq9Lk2Vb8x\n" +
		"# ruleid: look\nkey = zzDECOY1 zz12345678\n" +
		"# ruleid: eol\ntok AKCq9Lk2Vb8xQm\n"
	pats := map[string][]sgPattern{}
	for id, ps := range map[string][]string{
		"acme-key": {`(zq[A-Za-z0-9]{8,})`},
		"hook":     {`(https?://)?hooks\.example/(services|workflows)/[A-Za-z0-9]{10}`},
		// a lookahead, which Go's regexp lacks: the decoy is followed by a space
		"look": {`(?<![A-Za-z])(?P<tok>zz[0-9A-Z]{6,8})(?!\S)$`},
		"eol":  {"AKC[a-zA-Z0-9]{10,}\n"},
	} {
		for _, p := range ps {
			re, err := sgCompile(p)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			pats[id] = append(pats[id], re)
		}
	}
	if _, err := sgCompile(`(?<=a`); err == nil {
		t.Errorf("a broken pattern compiled")
	}
	cs, noWant := sgCases(src, "go", map[string]bool{"acme-key": true, "other-rule": true, "bare-rule": true, "hook": true, "look": true, "eol": true}, pats)
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
		{"acme-key", "zq-example", false, nil},
		{"hook", "https://hooks.example/services/Zq9Lk2Vb8x", true, []string{"https://hooks.example/services/Zq9Lk2Vb8x"}},
		{"look", "key = zzDECOY1 zz12345678", true, []string{"zz12345678"}},
		{"eol", "tok AKCq9Lk2Vb8xQm", true, []string{"AKCq9Lk2Vb8xQm"}},
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

// TestSgSecretMetavariable: a rule in semgrep's pattern language wants what the regex of
// the metavariable whose entropy it analyses finds; a rule with no such metavariable
// (a regex on another one only) wants nothing, so that its positives are left out.
func TestSgSecretMetavariable(t *testing.T) {
	for _, tc := range []struct {
		rule, body string
		want       []string
	}{
		{"patterns:\n- pattern: $VAR = $SECRET\n- metavariable-regex:\n    metavariable: $VAR\n    regex: (?i)token\n" +
			"- metavariable-regex:\n    metavariable: $SECRET\n    regex: zq_[A-Za-z0-9]{20}\n" +
			"- metavariable-analysis:\n    analyzer: entropy\n    metavariable: $SECRET\n",
			"TOKEN = zq_Lk2Vb8xQm9Lk2Vb8xQm1", []string{"zq_Lk2Vb8xQm9Lk2Vb8xQm1"}},
		{"patterns:\n- pattern: $VAR = $SECRET\n- metavariable-regex:\n    metavariable: $VAR\n    regex: (?i)token\n" +
			"- metavariable-analysis:\n    analyzer: entropy\n    metavariable: $SECRET\n",
			"TOKEN = zq_Lk2Vb8xQm9Lk2Vb8xQm1", nil},
	} {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(tc.rule), &n); err != nil {
			t.Fatal(err)
		}
		bad := 0
		if got := sgWant(tc.body, sgSecretMetavariable(&n, &bad)); !slices.Equal(got, tc.want) || bad != 0 {
			t.Errorf("%q: got %q (bad %d), want %q", tc.rule, got, bad, tc.want)
		}
	}
}
