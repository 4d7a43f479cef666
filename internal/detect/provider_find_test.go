package detect

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestProviderFindMatchesRegexp checks that the byte walk pvFmt.find returns what the
// shape's regexp returns, for every shape of the catalogue it takes over, on random
// text made of the shape's own bytes and a few others (runs that are too short, too
// long, broken in the middle), and on the shape's examples.
func TestProviderFindMatchesRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	walked := 0
	for i := range providers {
		for _, src := range providers[i].fmts {
			src = strings.TrimPrefix(src, "~")
			f := compilePVFmt(src)
			if f.segs == nil {
				continue
			}
			walked++
			var alpha []byte
			for c := range 256 {
				if f.union[c] {
					alpha = append(alpha, byte(c))
				}
			}
			other := []byte(" \n:=\"'-_./+é\x00")
			check := func(b []byte) {
				t.Helper()
				want, got := f.re().FindIndex(b), f.find(b)
				if !slices.Equal(want, got) {
					t.Fatalf("%s on %q: find %v, regexp %v", src, b, got, want)
				}
			}
			ex := ExpandExample(f.ex)
			check([]byte(ex))
			check([]byte("k=" + ex + "x" + ex))
			for n := range 400 {
				b := make([]byte, rng.IntN(2*f.maxLen+8))
				for j := range b {
					if rng.IntN(30+n%40) == 0 {
						b[j] = other[rng.IntN(len(other))]
					} else {
						b[j] = alpha[rng.IntN(len(alpha))]
					}
				}
				check(b)
			}
		}
	}
	if walked < len(providers)/2 {
		t.Fatalf("only %d shapes walked: the fast path no longer applies to most of the catalogue", walked)
	}
}
