package main

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// TestLazyExpressionsCompile: every package-level expression compiled on first use
// (lazyre) in the packages leakwatch links compiles — what their package init checked
// when they were regexp.MustCompile.
func TestLazyExpressionsCompile(t *testing.T) {
	n, err := lazyre.Check()
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Fatalf("only %d lazy expressions made: are the packages that make them linked?", n)
	}
}
