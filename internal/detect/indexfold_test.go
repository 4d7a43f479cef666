package detect

import (
	"math/rand/v2"
	"testing"
)

// indexFoldEvery is indexFold as it was written first, a byte at a time: the oracle.
func indexFoldEvery(data []byte, lit string) int {
	if len(lit) == 0 {
		return 0
	}
	for i := 0; i+len(lit) <= len(data); i++ {
		if lowerASCII(data[i]) == lit[0] && hasPrefixFold(data, i, lit) {
			return i
		}
	}
	return -1
}

// TestIndexFoldLongTexts: on random texts short and long (the vector search starts at
// indexFoldScan bytes) made of a literal's pieces in both cases, indexFold finds the
// first occurrence the byte-at-a-time search finds, for literals led by a letter, a
// digit, punctuation, a byte past ASCII and a capital (which matches nothing).
func TestIndexFoldLongTexts(t *testing.T) {
	lits := []string{"password", "p", "id number", "9z", "-----begin", "é密码", "Xyz", "aa"}
	pieces := []string{"pass", "PASS", "Password", "PASSWORD", "password", "p", "P", "id", "ID number", "Id Number", "9Z", "9z",
		"-----BEGIN", "-----begin", "é密码", "É", "xyz", "XYZ", "aA", "a", "A", " ", "\n", "x", "é", "\xff"}
	r := rand.New(rand.NewPCG(3, 4))
	found := 0
	for n := range 4000 {
		var b []byte
		for len(b) < n%300 {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		for _, lit := range lits {
			got, want := indexFold(b, lit), indexFoldEvery(b, lit)
			if got != want {
				t.Fatalf("indexFold(%q, %q) = %d, want %d", b, lit, got, want)
			}
			if want >= indexFoldScan {
				found++
			}
		}
	}
	if found == 0 {
		t.Fatal("no text had a literal past indexFoldScan: the long search was not tried")
	}
}
