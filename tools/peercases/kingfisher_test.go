package main

import (
	"regexp"
	"testing"
)

// TestVerboseToGo: patterns in verbose mode compile in Go once rewritten and match
// what the verbose pattern means; escaped blanks and '#' inside classes survive.
func TestVerboseToGo(t *testing.T) {
	for _, c := range []struct {
		pattern, match, nomatch, group string
	}{
		{"(?x)\n  \\b\n  ( zq_ [a-f0-9]{8} )  # the key\n  \\b\n", "key zq_0a1b2c3d.", "zq _0a1b2c3d", "zq_0a1b2c3d"},
		{"(?xi)\n  acme \\  token\n  [=:]\\s*\n  ([a-z0-9#]{6})\n", "ACME TOKEN= ab#12z", "acmetoken=ab#12z", "ab#12z"},
		{"(?x)(?i)\n  ([\\ a]{3})\n", "x a a", "xyz", " a "},
		{"[a-z]+ plain", "abc plain", "abcplain", ""},
	} {
		p := verboseToGo(c.pattern)
		re, err := regexp.Compile(p)
		if err != nil {
			t.Errorf("%q → %q: %v", c.pattern, p, err)
			continue
		}
		m := re.FindStringSubmatch(c.match)
		if m == nil {
			t.Errorf("%q → %q: does not match %q", c.pattern, p, c.match)
			continue
		}
		if c.group != "" && (len(m) < 2 || m[1] != c.group) {
			t.Errorf("%q → %q: group %q, want %q", c.pattern, p, m, c.group)
		}
		if re.MatchString(c.nomatch) {
			t.Errorf("%q → %q: matches %q", c.pattern, p, c.nomatch)
		}
	}
}

// TestKfHalf: a Kingfisher rule with a Nosey Parker namesake takes that rule's half,
// the others their own, and both halves are used. (The low bit of FNV-1a is the parity
// of the low bits of the id's bytes, and "np." and "kingfisher." have the same, so a
// namesake's half is also the Kingfisher id's own; the test holds either way.)
func TestKfHalf(t *testing.T) {
	np := map[string]bool{}
	halves := map[string]int{}
	for _, s := range []string{"acme.1", "acme.2", "zeta.1", "omega.3", "kappa.1", "sigma.2", "delta.7", "theta.4"} {
		np["np."+s] = true
		h := kfHalf("kingfisher."+s, np)
		halves[h]++
		if h != npHalf("np."+s) {
			t.Errorf("kingfisher.%s: half %s, Nosey Parker's np.%s: %s", s, h, s, npHalf("np."+s))
		}
		delete(np, "np."+s)
		if kfHalf("kingfisher."+s, np) != npHalf("kingfisher."+s) {
			t.Errorf("kingfisher.%s without a namesake: not its own half", s)
		}
	}
	if halves["A"] == 0 || halves["B"] == 0 {
		t.Errorf("all eight ids in one half: %v", halves)
	}
}
