package detect

import (
	"math/rand/v2"
	"testing"
)

// awsPairWindowEvery is the window as awsPairDet first walked it, a byte at a time.
func awsPairWindowEvery(data []byte, at, end int) (int, int) {
	lo := at
	for n := 0; lo > 0 && at-lo < awsPairBytes; lo-- {
		if data[lo-1] == '\n' {
			if n++; n > awsPairLines {
				break
			}
		}
	}
	hi := end
	for n := 0; hi < len(data) && hi-end < awsPairBytes; hi++ {
		if data[hi] == '\n' {
			if n++; n > awsPairLines {
				break
			}
		}
	}
	return lo, hi
}

// TestAWSPairWindow: on texts of short and long lines, few and many, with the id near
// either end, the searched window is the walked one.
func TestAWSPairWindow(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for k := range 5000 {
		n := 20 + r.IntN(3000)
		b := make([]byte, n)
		lineLen := 1 + r.IntN(1+k%400)
		for i := range b {
			if r.IntN(lineLen) == 0 {
				b[i] = '\n'
			} else {
				b[i] = 'a'
			}
		}
		at := r.IntN(n - 19)
		lo, hi := awsPairWindow(b, at, at+20)
		wlo, whi := awsPairWindowEvery(b, at, at+20)
		if lo != wlo || hi != whi {
			t.Fatalf("window of [%d,%d) in %d bytes (lines ~%d): [%d,%d), walked [%d,%d)", at, at+20, n, lineLen, lo, hi, wlo, whi)
		}
	}
}
