package target

import (
	"encoding/binary"
	"math"
	"math/bits"
	"net/netip"
	"slices"
)

// u128 is an address as a 128-bit number. IPv4 addresses live in the IPv4-mapped block
// ::ffff:0:0/96, so one arithmetic serves both families and a v4 spec and its mapped v6
// spelling de-duplicate.
type u128 struct{ hi, lo uint64 }

func fromAddr(a netip.Addr) u128 {
	b := a.As16()
	return u128{binary.BigEndian.Uint64(b[:8]), binary.BigEndian.Uint64(b[8:])}
}

func (u u128) addr() netip.Addr {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], u.hi)
	binary.BigEndian.PutUint64(b[8:], u.lo)
	return netip.AddrFrom16(b).Unmap()
}

func (u u128) cmp(v u128) int {
	switch {
	case u.hi < v.hi:
		return -1
	case u.hi > v.hi:
		return 1
	case u.lo < v.lo:
		return -1
	case u.lo > v.lo:
		return 1
	}
	return 0
}

func (u u128) add64(n uint64) u128 {
	lo, c := bits.Add64(u.lo, n, 0)
	return u128{u.hi + c, lo}
}

func (u u128) sub(v u128) u128 {
	lo, b := bits.Sub64(u.lo, v.lo, 0)
	return u128{u.hi - v.hi - b, lo}
}

func (u u128) inc() u128 { return u.add64(1) }

func (u u128) dec() u128 { return u.sub(u128{0, 1}) }

var maxU128 = u128{math.MaxUint64, math.MaxUint64}

// ival is an inclusive interval of addresses; inclusive so that ::/0 is representable.
type ival struct{ lo, hi u128 }

// size is the number of addresses, saturated at MaxUint64 (far above any cap we accept).
func (v ival) size() uint64 {
	d := v.hi.sub(v.lo)
	if d.hi != 0 || d.lo == math.MaxUint64 {
		return math.MaxUint64
	}
	return d.lo + 1
}

func prefixIval(p netip.Prefix) ival {
	p = p.Masked()
	lo := fromAddr(p.Addr())
	hostBits := p.Addr().BitLen() - p.Bits()
	var span u128 // 2^hostBits - 1
	switch {
	case hostBits >= 128:
		span = maxU128
	case hostBits >= 64:
		span = u128{1<<(hostBits-64) - 1, math.MaxUint64}
	default:
		span = u128{0, 1<<hostBits - 1}
	}
	return ival{lo, u128{lo.hi | span.hi, lo.lo | span.lo}}
}

// ranges is a sorted list of disjoint, non-adjacent intervals. Its memory grows with the
// number of specs given, never with the number of addresses they cover: this is how
// overlapping and repeated specs are de-duplicated without a per-address set.
type ranges []ival

// normalize sorts and merges intervals (it reorders its argument).
func normalize(in []ival) ranges {
	if len(in) == 0 {
		return nil
	}
	slices.SortFunc(in, func(a, b ival) int { return a.lo.cmp(b.lo) })
	out := ranges{in[0]}
	for _, v := range in[1:] {
		last := &out[len(out)-1]
		// Merge when overlapping or adjacent; last.hi == max means nothing can follow.
		if last.hi == maxU128 || v.lo.cmp(last.hi.inc()) <= 0 {
			if v.hi.cmp(last.hi) > 0 {
				last.hi = v.hi
			}
			continue
		}
		out = append(out, v)
	}
	return out
}

func union(rs ...ranges) ranges {
	var all []ival
	for _, r := range rs {
		all = append(all, r...)
	}
	return normalize(all)
}

// subtract returns r minus ex.
func (r ranges) subtract(ex ranges) ranges {
	if len(ex) == 0 || len(r) == 0 {
		return r
	}
	var out ranges
	j := 0
	for _, v := range r {
		lo, hi := v.lo, v.hi
		for j < len(ex) && ex[j].hi.cmp(lo) < 0 {
			j++
		}
		k := j
		alive := true
		for k < len(ex) && ex[k].lo.cmp(hi) <= 0 {
			e := ex[k]
			if e.lo.cmp(lo) > 0 {
				out = append(out, ival{lo, e.lo.dec()})
			}
			if e.hi.cmp(hi) >= 0 {
				alive = false
				break
			}
			lo = e.hi.inc()
			k++
		}
		if alive {
			out = append(out, ival{lo, hi})
		}
	}
	return out
}

// intersect returns the addresses in both r and o.
func (r ranges) intersect(o ranges) ranges {
	var out ranges
	i, j := 0, 0
	for i < len(r) && j < len(o) {
		lo, hi := r[i].lo, r[i].hi
		if o[j].lo.cmp(lo) > 0 {
			lo = o[j].lo
		}
		if o[j].hi.cmp(hi) < 0 {
			hi = o[j].hi
		}
		if lo.cmp(hi) <= 0 {
			out = append(out, ival{lo, hi})
		}
		if r[i].hi.cmp(o[j].hi) < 0 {
			i++
		} else {
			j++
		}
	}
	return out
}

func (r ranges) contains(x u128) bool {
	i, found := slices.BinarySearchFunc(r, x, func(v ival, x u128) int {
		switch {
		case v.hi.cmp(x) < 0:
			return -1
		case v.lo.cmp(x) > 0:
			return 1
		}
		return 0
	})
	_ = i
	return found
}

func (r ranges) size() uint64 {
	var n uint64
	for _, v := range r {
		n = satAdd(n, v.size())
	}
	return n
}

// all yields every address of r in order; stop by returning false.
func (r ranges) all(yield func(u128) bool) {
	for _, v := range r {
		for x := v.lo; ; x = x.inc() {
			if !yield(x) {
				return
			}
			if x == v.hi {
				break
			}
		}
	}
}

// indexed maps an index in [0, size) to an address in O(log intervals).
type indexed struct {
	r   ranges
	cum []uint64 // cum[i] = addresses before r[i]
	n   uint64
}

func newIndexed(r ranges) indexed {
	x := indexed{r: r, cum: make([]uint64, len(r))}
	for i, v := range r {
		x.cum[i] = x.n
		x.n = satAdd(x.n, v.size())
	}
	return x
}

func (x *indexed) at(k uint64) u128 {
	i, found := slices.BinarySearch(x.cum, k)
	if !found {
		i--
	}
	return x.r[i].lo.add64(k - x.cum[i])
}

func satAdd(a, b uint64) uint64 {
	s, c := bits.Add64(a, b, 0)
	if c != 0 {
		return math.MaxUint64
	}
	return s
}

func satMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return math.MaxUint64
	}
	return lo
}
