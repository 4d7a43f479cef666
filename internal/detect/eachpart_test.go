package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// eachPart splits as bytes.FieldsFunc does with the same ASCII separators, invalid
// UTF-8 and multi-byte runes included, and stops at fn's first false.
func TestEachPartMatchesFieldsFunc(t *testing.T) {
	sep := func(c byte) bool { return c == '_' || c == '.' || c == '-' || c == ':' }
	alpha := []string{"a", "B", "_", ".", "-", ":", "é", "\xff", "\xe2\x82", "ſ", "K"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 5000; n++ {
		var b []byte
		for k := r.IntN(12); k > 0; k-- {
			b = append(b, alpha[r.IntN(len(alpha))]...)
		}
		want := bytes.FieldsFunc(b, func(c rune) bool { return c < 0x80 && sep(byte(c)) })
		var got [][]byte
		if !eachPart(b, sep, func(p []byte) bool { got = append(got, p); return true }) {
			t.Fatalf("%q: eachPart reported a false call", b)
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %q, want %q", b, got, want)
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("%q: %q, want %q", b, got, want)
			}
		}
	}
	calls := 0
	if eachPart([]byte("a_b_c"), sep, func(p []byte) bool { calls++; return calls < 2 }) || calls != 2 {
		t.Fatalf("eachPart did not stop at the first false (%d calls)", calls)
	}
}
