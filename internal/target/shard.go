package target

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Shard selects one part of the address space, so that n machines (a Kubernetes Indexed
// Job, a CI matrix) can each scan a disjoint part of the same target list. Index is
// 1-based: "--shard 3/16" is the third of sixteen, and Index runs from 1 to Count (for a
// 0-based scheduler index, pass index+1). The zero Shard selects everything.
//
// An address belongs to shard 1 + (h mod Count) where h is a fixed 64-bit hash of its
// 16-byte form, so the assignment depends only on the address and Count: not on spec
// order, other targets, the machine or the release. All ports of an address land in the
// same shard, so per-host limits stay meaningful. Changing Count reshuffles everything.
type Shard struct {
	Index, Count int
}

// ParseShard parses "i/n" with 1 <= i <= n.
func ParseShard(s string) (Shard, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("shard %q: want INDEX/COUNT, e.g. 3/16 (1-based)", s)
	}
	sh := Shard{Index: i, Count: n}
	if sh == (Shard{}) {
		// The zero Shard means "everything" inside the program; typed, 0/0 is a mistake
		// (an unset COUNT in a job template), not a request to scan every shard.
		return Shard{}, fmt.Errorf("shard %q: the count must be at least 1", s)
	}
	if err := sh.Validate(); err != nil {
		return Shard{}, err
	}
	return sh, nil
}

// Validate checks 1 <= Index <= Count, or the zero Shard.
func (s Shard) Validate() error {
	if s == (Shard{}) {
		return nil
	}
	if s.Count < 1 {
		return fmt.Errorf("shard %d/%d: the count must be at least 1", s.Index, s.Count)
	}
	if s.Index < 1 || s.Index > s.Count {
		return fmt.Errorf("shard %d/%d: the index runs from 1 to %d (shards are 1-based)", s.Index, s.Count, s.Count)
	}
	return nil
}

// All reports whether the shard selects every address.
func (s Shard) All() bool { return s.Count <= 1 }

func (s Shard) String() string {
	if s.All() {
		return "1/1"
	}
	return strconv.Itoa(s.Index) + "/" + strconv.Itoa(s.Count)
}

// Has reports whether a belongs to the shard.
func (s Shard) Has(a netip.Addr) bool {
	return s.All() || s.has(fromAddr(a.Unmap()))
}

func (s Shard) has(x u128) bool {
	return s.All() || addrHash(x)%uint64(s.Count) == uint64(s.Index-1)
}

// addrHash is FNV-1a 64 of the big-endian 16-byte address (IPv4 in its mapped form) with
// the splitmix64 finaliser, because FNV's low bits vary too little between neighbouring
// addresses to be taken modulo a small count. It must never change: shard membership is
// a promise across releases (TestShardStable pins it).
func addrHash(x u128) uint64 {
	// FNV-1a written out: hash/fnv would allocate on this hot path.
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for _, w := range [2]uint64{x.hi, x.lo} {
		for shift := 56; shift >= 0; shift -= 8 {
			h ^= (w >> shift) & 0xff
			h *= prime
		}
	}
	return mix64(h)
}

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
