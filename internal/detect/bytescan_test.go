package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// randomText is n bytes drawn from alphabet.
func randomText(r *rand.Rand, n int, alphabet string) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return b
}

// lastIndexByte must answer as bytes.LastIndexByte does, wherever the byte stands in its
// eight-byte block, and for bytes whose neighbours set the high bit (0x80, 0xff).
func TestLastIndexByteAgreesWithLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := range 20000 {
		s := randomText(r, r.IntN(70), "ab\n\x00\x80\xff\x01\x7f\x0a\x0b")
		c := "\n\x00\x80\xffa"[i%5]
		if got, want := lastIndexByte(s, c), bytes.LastIndexByte(s, c); got != want {
			t.Fatalf("lastIndexByte(%q, %q) = %d, want %d", s, c, got, want)
		}
	}
}

// lineEnd answers as the byte loop it replaced (credctx.go's: stop at '\n' or '\r', at
// most lim bytes on), for any offset and bound, line breaks of both kinds anywhere.
func TestLineEndAgreesWithLoop(t *testing.T) {
	loop := func(data []byte, p, lim int) int {
		e := p
		for e < len(data) && e-p < lim && data[e] != '\n' && data[e] != '\r' {
			e++
		}
		return e
	}
	r := rand.New(rand.NewPCG(13, 17))
	for range 50000 {
		s := randomText(r, r.IntN(40), "ab\n\r \t")
		p, lim := r.IntN(len(s)+3), r.IntN(45)-2
		if got, want := lineEnd(s, p, lim), loop(s, p, lim); got != want {
			t.Fatalf("lineEnd(%q, %d, %d) = %d, want %d", s, p, lim, got, want)
		}
	}
}

// opensObject is the three searches it replaced, in one pass.
func TestOpensObjectAgreesWithSearches(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	yes := 0
	for range 50000 {
		s := randomText(r, r.IntN(12), `": {x`)
		want := bytes.Contains(s, []byte(`":{`)) || bytes.Contains(s, []byte(`": {`)) || bytes.Contains(s, []byte(`" : {`))
		if got := opensObject(s); got != want {
			t.Fatalf("opensObject(%q) = %v, want %v", s, got, want)
		}
		if want {
			yes++
		}
	}
	if yes < 100 {
		t.Fatalf("only %d texts opened an object: the test reads too few", yes)
	}
}
