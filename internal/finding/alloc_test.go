//go:build !race

package finding

import (
	"strings"
	"testing"
)

// TestRedactAndFingerprintAllocateOnce: detect redacts and fingerprints every finding
// (a third of a million on the in-sample log corpus), so each makes only the string it
// returns.
func TestRedactAndFingerprintAllocateOnce(t *testing.T) {
	v := "sk-5f0123456789abcdef0123456789abcd"
	long := strings.Repeat("é", 500)
	Fingerprint(v) // the MAC is made once
	for name, f := range map[string]func(){
		"Fingerprint":      func() { Fingerprint(v) },
		"Redact":           func() { Redact(v) },
		"RedactLowEntropy": func() { RedactLowEntropy("192.168.100.200") },
		"Redact long":      func() { Redact(long) },
	} {
		if n := testing.AllocsPerRun(200, f); n > 1 {
			t.Errorf("%s: %.0f allocations, want 1", name, n)
		}
	}
}
