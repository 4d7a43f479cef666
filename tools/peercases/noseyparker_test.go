package main

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestNpOtherRule: a negative example that another rule of the default ruleset matches
// with its own (verbose-mode) pattern is marked, whichever half that rule is in, and is
// then contested; one that no other rule matches, or that only a rule outside the
// default ruleset matches, stays clean.
func TestNpOtherRule(t *testing.T) {
	// two rule ids in different halves
	var idA, idB string
	for i := 0; idA == "" || idB == ""; i++ {
		id := fmt.Sprintf("zq.test.%d", i)
		if npHalf(id) == "A" && idA == "" {
			idA = id
		} else if npHalf(id) == "B" && idB == "" {
			idB = id
		}
	}
	src := `rules:
- id: ` + idA + `
  pattern: |
    (?x)
    zqnew_ ( [a-z0-9]{12} )   # the newer form
  examples: ['zqnew_k3v9qz7tm2lp']
  negative_examples:
  - 'ZQ_TOKEN="zqold.r8Wk2Vm7Tz4Q"'
  - 'ZQ_TOKEN="zqold.short"'
  - 'ZQ_TOKEN="zqoff_p3k9vz7qm2tl"'
  - |-
    user = "k3v9qz"
    pass = "Tq7Vw2Xz"
- id: ` + idB + `
  pattern: |
    (?x)
    zqold\. ( [A-Za-z0-9]{12} )
  examples: ['zqold.a8Wk2Vm7Tz4Q']
- id: zq.pair
  pattern: |
    (?x)
    user \s* = \s* "([a-z0-9]{6})"   (?# a user name )
    \s*
    pass \s* = \s* "([^"]{5,30})"    (?# its password )
  examples: ['user = "abc123" pass = "Kx9mq2Lz"']
- id: zq.off
  pattern: 'zqoff_[a-z0-9]{12}'
  examples: ['zqoff_p3k9vz7qm2tl']
`
	var doc struct {
		Rules []npRule `yaml:"rules"`
	}
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	include := map[string]bool{idA: true, idB: true, "zq.pair": true} // zq.off is not in the default ruleset
	cs, _, err := npCasesOf(doc.Rules, include, "A")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{`ZQ_TOKEN="zqold.r8Wk2Vm7Tz4Q"`: true, `ZQ_TOKEN="zqold.short"`: false, `ZQ_TOKEN="zqoff_p3k9vz7qm2tl"`: false,
		"user = \"k3v9qz\"\npass = \"Tq7Vw2Xz\"": true}
	n := 0
	cl := classify(cs)
	for i, c := range cs {
		if c.Positive {
			continue
		}
		n++
		marked := strings.HasSuffix(c.Name, " ("+npOtherRule+")")
		if marked != want[c.Input] {
			t.Errorf("%s: marked %v, want %v", c.Input, marked, want[c.Input])
		}
		if (cl.kind[i] == contested) != want[c.Input] {
			t.Errorf("%s: class %v", c.Input, cl.kind[i])
		}
	}
	if n != 4 {
		t.Errorf("%d negatives, want 4", n)
	}
}

// TestNpPositiveWants: a positive example of a rule in verbose mode with "#" and "(?# )"
// comments is found only by a finding that overlaps what the rule's own pattern
// captures in it, not by any finding in the example; a rule whose pattern Go cannot
// compile even once rewritten leaves its examples unscored (skipped), not found by any
// finding.
func TestNpPositiveWants(t *testing.T) {
	var id, big string
	for i := 0; id == "" || big == ""; i++ {
		s := fmt.Sprintf("zq.want.%d", i)
		if npHalf(s) != "A" {
			continue
		}
		if id == "" {
			id = s
		} else {
			big = s
		}
	}
	src := `rules:
- id: ` + id + `
  pattern: |
    (?x)
    zqkey \s* = \s*
    "( zq_ [a-z0-9]{16} )"   (?# the key )
    \s* [;,]?                # an optional separator
  examples:
  - 'password = "hunter2hunter2"; zqkey = "zq_k3v9qz7tm2lpx8wq";'
- id: ` + big + `
  pattern: '(?x) zqbig_ ( [a-z]{20,1024} )   # longer than Go allows'
  examples: ['zqbig_abcdefghijklmnopqrstuvwxyz']
`
	var doc struct {
		Rules []npRule `yaml:"rules"`
	}
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	cs, skip, err := npCasesOf(doc.Rules, map[string]bool{id: true, big: true}, "A")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || skip != 1 {
		t.Fatalf("%d cases, %d skipped; want 1 case (the uncompilable rule's example skipped): %+v", len(cs), skip, cs)
	}
	c := cs[0]
	if c.Detector != id || len(c.Want) != 1 || c.Want[0] != "zq_k3v9qz7tm2lpx8wq" {
		t.Errorf("case %s wants %q, want the key the pattern captures", c.Detector, c.Want)
	}
	for _, tc := range []struct {
		finding string
		found   bool
	}{
		{"hunter2hunter2", false},
		{"zq_k3v9qz7tm2lpx8wq", true},
		{`zqkey = "zq_k3v9qz7tm2lpx8wq"`, true},
	} {
		if got := detected(c, []found{{rule: "x", value: tc.finding}}); got != tc.found {
			t.Errorf("finding %q: found %v, want %v", tc.finding, got, tc.found)
		}
	}
}

// TestDetectedSameForm: a finding whose value is the wanted one with its percent-escapes
// decoded (a MongoDB URI's password) is found; another value is not, and a want that is
// not valid percent-encoding still compares as written.
func TestDetectedSameForm(t *testing.T) {
	for _, tc := range []struct {
		input, want, finding string
		found                bool
	}{
		{"mongodb://myUser:D1fficultP%40ssw0rd@localhost", "D1fficultP%40ssw0rd", "D1fficultP@ssw0rd", true},
		{"mongodb://myUser:D1fficultP%40ssw0rd@localhost", "D1fficultP%40ssw0rd", "D1fficultP%40ssw0rd", true},
		{"mongodb://myUser:D1fficultP%40ssw0rd@localhost", "D1fficultP%40ssw0rd", "hunter2hunter2", false},
		{"key = zq_50%zz_k3v9qz7tm2lp", "zq_50%zz_k3v9qz7tm2lp", "zq_50%zz_k3v9qz7tm2lp", true},
		{"key = zq_50%zz_k3v9qz7tm2lp", "zq_50%zz_k3v9qz7tm2lp", "zq_50%zz_x", false},
	} {
		c := testCase{Input: tc.input, Want: []string{tc.want}, Positive: true}
		if got := detected(c, []found{{rule: "x", value: tc.finding}}); got != tc.found {
			t.Errorf("want %q, finding %q: found %v, want %v", tc.want, tc.finding, got, tc.found)
		}
	}
}

// TestDetectedOverlap: a finding that runs into the wanted value over 16 characters or
// more, where the input holds the two joined, is found (a peer's pattern cut a URL short,
// the tool left its scheme out); a shorter overlap, or one the input does not hold, is not.
func TestDetectedOverlap(t *testing.T) {
	const input = "hook: https://hooks.example.net/workflows/T0ABCDEF1/A0GHIJKL2/310987654321/qwErTy7uIoP"
	for _, tc := range []struct {
		want, finding string
		found         bool
	}{
		{"https://hooks.example.net/workflows/T0ABCDEF1", "hooks.example.net/workflows/T0ABCDEF1/A0GHIJKL2/310987654321/qwErTy7uIoP", true},
		{"hooks.example.net/workflows/T0ABCDEF1/A0GHIJKL2/310987654321/qwErTy7uIoP", "https://hooks.example.net/work", true},
		{"https://hooks.example.net/workflows/T0ABCDEF1", "T0ABCDEF1/A0GHIJKL2/310987654321", false},
		{"https://hooks.example.net/workflows/T0ABCDEF1", "example.net/workflows/T0ABCDEF1/Z9", false},
	} {
		c := testCase{Input: input, Want: []string{tc.want}, Positive: true}
		if got := detected(c, []found{{rule: "x", value: tc.finding}}); got != tc.found {
			t.Errorf("want %q, finding %q: found %v, want %v", tc.want, tc.finding, got, tc.found)
		}
	}
}
