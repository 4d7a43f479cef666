package target

import "testing"

func TestPermIsBijection(t *testing.T) {
	for _, n := range []uint64{0, 1, 2, 3, 4, 5, 7, 16, 17, 100, 255, 256, 257, 1000, 4096, 5000} {
		for _, seed := range []uint64{1, 2, 0xdeadbeef} {
			p := newPerm(n, seed)
			seen := make([]bool, n)
			var count, inPlace uint64
			p.all(func(k uint64) bool {
				if k >= n || seen[k] {
					t.Fatalf("n=%d seed=%d: index %d out of range or repeated", n, seed, k)
				}
				seen[k] = true
				if k == count {
					inPlace++
				}
				count++
				return true
			})
			if count != n {
				t.Fatalf("n=%d: %d indices", n, count)
			}
			// A permutation that leaves most indices in place spreads nothing.
			if n >= 100 && inPlace > n/10 {
				t.Fatalf("n=%d seed=%d: %d of %d indices in place", n, seed, inPlace, n)
			}
		}
	}
}

func TestPermSeedMatters(t *testing.T) {
	first := func(seed uint64) []uint64 {
		var out []uint64
		p := newPerm(1000, seed)
		p.all(func(k uint64) bool { out = append(out, k); return len(out) < 20 })
		return out
	}
	a, b, c := first(1), first(1), first(2)
	same := func(x, y []uint64) bool {
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Fatal("same seed, different order")
	}
	if same(a, c) {
		t.Fatal("different seeds, same order")
	}
}
