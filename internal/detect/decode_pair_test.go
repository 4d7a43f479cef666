package detect

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestIndexPair checks the eight-bytes-a-step search against bytes.Index on text that
// is dense in the first byte (JSON's \" every few bytes), pairs at every offset within
// and across the eight-byte steps, and at both ends.
func TestIndexPair(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	alpha := []byte(`\\\u"uU ab\` + "\x00\xff\x5b\x74")
	for n := range 5000 {
		b := make([]byte, rng.IntN(70))
		for i := range b {
			b[i] = alpha[rng.IntN(len(alpha))]
		}
		if n%3 == 0 {
			b = bytes.ReplaceAll(b, []byte(`\u`), []byte(`\x`))
		}
		if got, want := indexPair(b, '\\', 'u'), bytes.Index(b, []byte(`\u`)); got != want {
			t.Fatalf("indexPair(%q) = %d, bytes.Index %d", b, got, want)
		}
	}
	for l := 0; l < 40; l++ {
		for at := 0; at+1 < l; at++ {
			b := bytes.Repeat([]byte(`\`), l)
			b[at+1] = 'u'
			if got := indexPair(b, '\\', 'u'); got != at {
				t.Fatalf("indexPair(%q) = %d, want %d", b, got, at)
			}
		}
	}
}
