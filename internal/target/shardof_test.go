package target

import (
	"math/rand/v2"
	"net/netip"
	"testing"
)

func TestShardOfAgreesWithHas(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for range 2000 {
		var a netip.Addr
		if r.IntN(2) == 0 {
			a = netip.AddrFrom4([4]byte{byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32()), byte(r.Uint32())})
		} else {
			var b [16]byte
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			a = netip.AddrFrom16(b)
		}
		n := 1 + r.IntN(40)
		i := ShardOf(a, n)
		if i < 1 || i > n {
			t.Fatalf("ShardOf(%s, %d) = %d", a, n, i)
		}
		for j := 1; j <= n; j++ {
			if (Shard{Index: j, Count: n}).Has(a) != (j == i) {
				t.Fatalf("%s: ShardOf says %d/%d, Has says otherwise for %d", a, i, n, j)
			}
		}
	}
	if ShardOf(netip.MustParseAddr("10.0.0.1"), 0) != 1 || ShardOf(netip.MustParseAddr("10.0.0.1"), 1) != 1 {
		t.Fatal("one shard (or none) holds everything")
	}
}
