package main

import (
	"slices"
	"testing"
)

// TestRsCases: one_per_line gives a positive per non-empty line, one_per_file one per
// file, none a negative per line; a negative whose value .secretsignore lists or that
// carries the allowlist pragma is marked allowlisted (and so contested).
func TestRsCases(t *testing.T) {
	ignored := rsIgnored("test\n\n[secrets]\nQm9Lk2Vb8x\n# note\n[other]\nnot-this\n")
	if !slices.Equal(ignored, []string{"Qm9Lk2Vb8x"}) {
		t.Fatalf("ignored = %q", ignored)
	}
	cs := rsCases("acme", "one_per_line", "k = 'zq1'\n\nj = 'zq2'\n", ignored)
	if len(cs) != 2 || !cs[0].Positive || cs[1].Input != "j = 'zq2'" || cs[1].Name != "acme:3" {
		t.Errorf("one_per_line: %+v", cs)
	}
	cs = rsCases("pem", "one_per_file", "-----BEGIN X-----\nabc\n", ignored)
	if len(cs) != 1 || !cs[0].Positive || cs[0].Input != "-----BEGIN X-----\nabc\n" {
		t.Errorf("one_per_file: %+v", cs)
	}
	cs = rsCases("none", "none", "x = y\nu://a:Qm9Lk2Vb8x@h\nsk_Qm9Lk2Vb8x // pragma: allowlist secret\n", ignored)
	if len(cs) != 3 || cs[0].Positive || cs[0].Name != "none:1" || cs[1].Name != "none:2 allowlisted" || cs[2].Name != "none:3 allowlisted" {
		t.Errorf("none: %+v", cs)
	}
	cl := classify(cs)
	if cl.kind[0] != plain || cl.kind[1] != contested || cl.kind[2] != contested {
		t.Errorf("classes: %v", cl.kind)
	}
}
