package target

import (
	"math"
	"math/rand/v2"
	"net/netip"
	"testing"
)

// small builds intervals over a tiny space so a bitmap can check every operation.
func smallRanges(r *rand.Rand, space uint64) ([]ival, [256]bool) {
	var set [256]bool
	var iv []ival
	for range r.IntN(6) {
		lo := r.Uint64N(space)
		hi := min(lo+r.Uint64N(12), space-1)
		iv = append(iv, ival{u128{0, lo}, u128{0, hi}})
		for x := lo; x <= hi; x++ {
			set[x] = true
		}
	}
	return iv, set
}

func checkRanges(t *testing.T, name string, got ranges, want [256]bool) {
	t.Helper()
	var n uint64
	for x := range uint64(256) {
		if got.contains(u128{0, x}) != want[x] {
			t.Fatalf("%s: contains(%d) = %v", name, x, !want[x])
		}
		if want[x] {
			n++
		}
	}
	if got.size() != n {
		t.Fatalf("%s: size %d, want %d", name, got.size(), n)
	}
	for i := 1; i < len(got); i++ {
		if got[i].lo.cmp(got[i-1].hi.inc()) <= 0 {
			t.Fatalf("%s: intervals %v and %v overlap or touch", name, got[i-1], got[i])
		}
	}
	idx := newIndexed(got)
	var k uint64
	got.all(func(x u128) bool {
		if idx.at(k) != x {
			t.Fatalf("%s: at(%d) = %v, want %v", name, k, idx.at(k), x)
		}
		k++
		return true
	})
	if k != n {
		t.Fatalf("%s: all yielded %d", name, k)
	}
}

func TestRangesAgainstBitmap(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		a, sa := smallRanges(r, 100)
		b, sb := smallRanges(r, 100)
		ra, rb := normalize(a), normalize(b)
		checkRanges(t, "normalize", ra, sa)
		var sub, inter, uni [256]bool
		for i := range sa {
			sub[i] = sa[i] && !sb[i]
			inter[i] = sa[i] && sb[i]
			uni[i] = sa[i] || sb[i]
		}
		checkRanges(t, "subtract", ra.subtract(rb), sub)
		checkRanges(t, "intersect", ra.intersect(rb), inter)
		checkRanges(t, "union", union(ra, rb), uni)
	}
}

func TestRangesEdges(t *testing.T) {
	all := normalize([]ival{prefixIval(netip.MustParsePrefix("::/0"))})
	if all.size() != math.MaxUint64 {
		t.Fatalf("::/0 size %d, want saturated", all.size())
	}
	v4 := normalize([]ival{prefixIval(netip.MustParsePrefix("0.0.0.0/0"))})
	if v4.size() != 1<<32 {
		t.Fatalf("0.0.0.0/0 size %d", v4.size())
	}
	// Subtracting the top of the space must not wrap around.
	top := ranges{{maxU128, maxU128}}
	if got := all.subtract(top); got.size() != math.MaxUint64 || got[len(got)-1].hi != maxU128.dec() {
		t.Fatalf("::/0 minus the last address: %v", got)
	}
	// Adjacent intervals at the top merge.
	m := normalize([]ival{{maxU128.dec(), maxU128.dec()}, {maxU128, maxU128}, {u128{0, 5}, u128{0, 5}}})
	if len(m) != 2 || m[1].lo != maxU128.dec() || m[1].hi != maxU128 {
		t.Fatalf("merge at top: %v", m)
	}
	a := netip.MustParseAddr("10.1.2.3")
	if fromAddr(a).addr() != a || fromAddr(netip.MustParseAddr("2001:db8::1")).addr().String() != "2001:db8::1" {
		t.Fatal("address round trip")
	}
	p := prefixIval(netip.MustParsePrefix("2001:db8::/64"))
	if p.size() != math.MaxUint64 && p.hi.sub(p.lo) != (u128{0, math.MaxUint64}) {
		t.Fatalf("/64 span %v", p)
	}
	p = prefixIval(netip.MustParsePrefix("2001:db8::/63"))
	if p.hi.sub(p.lo) != (u128{1, math.MaxUint64}) {
		t.Fatalf("/63 span %v", p.hi.sub(p.lo))
	}
}
