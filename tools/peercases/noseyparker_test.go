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
