package target

import (
	"encoding/binary"
	"hash/fnv"
	"net/netip"
	"strings"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Shard
	}{{"1/1", Shard{1, 1}}, {"3/16", Shard{3, 16}}, {" 16/16 ", Shard{16, 16}}} {
		got, err := ParseShard(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseShard(%q) = %v, %v", tt.in, got, err)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"0/16", "1-based"}, {"17/16", "runs from 1 to 16"}, {"1/0", "at least 1"},
		{"3", "INDEX/COUNT"}, {"a/b", "INDEX/COUNT"}, {"-1/4", "1-based"}, {"", "INDEX/COUNT"}, {"0/0", "at least 1"},
	} {
		_, err := ParseShard(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseShard(%q) error %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestShardStable pins the hash: if this test must change, every deployed sharded job
// would scan different addresses after an upgrade.
func TestShardStable(t *testing.T) {
	for _, a := range []string{"10.0.0.1", "192.0.2.77", "2001:db8::1"} {
		x := fromAddr(netip.MustParseAddr(a))
		// The hash is FNV-1a 64 of the 16 address bytes, then splitmix64's finaliser.
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], x.hi)
		binary.BigEndian.PutUint64(b[8:], x.lo)
		h := fnv.New64a()
		h.Write(b[:])
		if got, want := addrHash(x), mix64(h.Sum64()); got != want {
			t.Errorf("%s: addrHash %#x, want %#x", a, got, want)
		}
	}
	pinned := map[string]int{}
	for _, a := range []string{"10.0.0.1", "10.0.0.2", "192.0.2.77", "2001:db8::1", "::1", "127.0.0.1"} {
		for i := 1; i <= 16; i++ {
			if (Shard{i, 16}).Has(netip.MustParseAddr(a)) {
				pinned[a] = i
			}
		}
	}
	want := map[string]int{"10.0.0.1": 14, "10.0.0.2": 5, "127.0.0.1": 10, "192.0.2.77": 3, "2001:db8::1": 8, "::1": 5}
	for a, i := range want {
		if pinned[a] != i {
			t.Errorf("%s is in shard %d/16, was %d/16", a, pinned[a], i)
		}
	}
}

func TestShardSpread(t *testing.T) {
	const n = 16
	var counts [n]int
	p := prefixIval(netip.MustParsePrefix("10.0.0.0/16"))
	ranges{p}.all(func(x u128) bool {
		counts[addrHash(x)%n]++
		return true
	})
	for i, c := range counts {
		// 65536/16 = 4096 per shard; a decent hash stays within a few percent.
		if c < 3800 || c > 4400 {
			t.Errorf("shard %d holds %d of 65536 addresses", i+1, c)
		}
	}
	if !(Shard{}).Has(netip.MustParseAddr("10.0.0.1")) || !(Shard{1, 1}).Has(netip.MustParseAddr("10.0.0.1")) {
		t.Error("the whole-space shard must hold every address")
	}
	// An IPv4 address and its mapped spelling are one address.
	a, m := netip.MustParseAddr("10.9.8.7"), netip.MustParseAddr("::ffff:10.9.8.7")
	for i := 1; i <= 7; i++ {
		if (Shard{i, 7}).Has(a) != (Shard{i, 7}).Has(m) {
			t.Fatal("mapped address in another shard")
		}
	}
}
