package target

import (
	"fmt"
	"math"
	"math/bits"
	"slices"
)

// An IPv6 address can carry an IPv4 address that packets sent to it are delivered to:
// through a NAT64 gateway, a 6to4 or ISATAP router, a Teredo relay. Excluding 10.0.0.5
// must keep the scan away from 10.0.0.5 whichever of these spellings a target list, a
// CIDR or a DNS64 answer uses, so every form below is excluded along with the IPv4
// addresses the exclusions cover:
//
//   - IPv4-mapped ::ffff:a.b.c.d: the same address (Sets store IPv4 this way), the
//     system sends IPv4;
//   - IPv4-compatible ::a.b.c.d (deprecated automatic tunnels) and SIIT's
//     IPv4-translated ::ffff:0:a.b.c.d: rarely routed today, excluded to be safe;
//   - NAT64's well-known prefix 64:ff9b::/96 (RFC 6052);
//   - the local-use NAT64 block 64:ff9b:1::/48 (RFC 8215) in every RFC 6052 layout a
//     network may give its prefix there (/48, /56, /64, /96), since which one a network
//     chose cannot be known from outside;
//   - 6to4 2002:a.b.c.d::/48 (RFC 3056): the whole /48 is routed to that IPv4 host;
//   - Teredo 2001:0::/32 (RFC 4380): the client's address (its last 32 bits inverted),
//     where the traffic ends, and the server's (bits 32-63), which relays the first
//     packets;
//   - ISATAP interface identifiers 0:5efe:a.b.c.d (with the u and g bits in any state:
//     0, 100, 200, 300) under any /64 (RFC 5214): the router forwards over IPv4.
//
// Forms whose prefix only the operator knows (a network-specific NAT64 prefix, 6rd)
// cannot be recognised: exclude those in their IPv6 spelling. Excluding an IPv6 form
// excludes only that IPv6 address, not the IPv4 address it carries.
type embedForm struct {
	name  string
	space ival // the addresses of the form
	// shift is the number of low bits that vary inside one block: the form repeats in
	// every block of 2^shift addresses of its space, at the same offsets.
	shift uint
	// offsets lists, sorted, the offsets inside a block that carry an IPv4 address of
	// [a, b].
	offsets func(a, b uint32) []ival
}

func spaceOf(hi, lo uint64, bits uint) ival {
	span := u128{math.MaxUint64, math.MaxUint64}.shr(bits)
	return ival{u128{hi, lo}, u128{hi | span.hi, lo | span.lo}}
}

var embedForms = []embedForm{
	{"IPv4-compatible", spaceOf(0, 0, 96), 32, lowOffsets},
	{"IPv4-translated", spaceOf(0, 0xffff_0000_0000_0000, 96), 32, lowOffsets},
	{"NAT64 64:ff9b::/96", spaceOf(0x0064_ff9b_0000_0000, 0, 96), 32, lowOffsets},
	{"NAT64 64:ff9b:1::/48 (/96 layout)", spaceOf(0x0064_ff9b_0001_0000, 0, 48), 32, lowOffsets},
	{"NAT64 64:ff9b:1::/48 (/64 layout)", spaceOf(0x0064_ff9b_0001_0000, 0, 48), 64, func(a, b uint32) []ival {
		// u octet (bits 64-71) zero, the IPv4 address, a 24-bit suffix
		return []ival{{u128{0, uint64(a) << 24}, u128{0, uint64(b)<<24 | 0xff_ffff}}}
	}},
	{"NAT64 64:ff9b:1::/48 (/56 layout)", spaceOf(0x0064_ff9b_0001_0000, 0, 48), 72, func(a, b uint32) []ival {
		// the first octet in bits 56-63, the u octet, the other three, a 32-bit suffix
		return splitOffsets(a, b, 24, 32)
	}},
	{"NAT64 64:ff9b:1::/48 (/48 layout)", spaceOf(0x0064_ff9b_0001_0000, 0, 48), 80, func(a, b uint32) []ival {
		// two octets in bits 48-63, the u octet, the other two, a 40-bit suffix
		return splitOffsets(a, b, 16, 40)
	}},
	{"6to4", spaceOf(0x2002_0000_0000_0000, 0, 16), 112, func(a, b uint32) []ival {
		return []ival{{u128{uint64(a) << 16, 0}, u128{uint64(b)<<16 | 0xffff, math.MaxUint64}}}
	}},
	{"Teredo server", spaceOf(0x2001_0000_0000_0000, 0, 32), 96, func(a, b uint32) []ival {
		return []ival{{u128{uint64(a), 0}, u128{uint64(b), math.MaxUint64}}}
	}},
	{"Teredo client", spaceOf(0x2001_0000_0000_0000, 0, 32), 32, func(a, b uint32) []ival {
		return []ival{{u128{0, uint64(^b)}, u128{0, uint64(^a)}}}
	}},
	{"ISATAP", ival{u128{}, maxU128}, 64, func(a, b uint32) []ival {
		var out []ival
		for _, id := range []uint64{0x0000_5efe, 0x0100_5efe, 0x0200_5efe, 0x0300_5efe} {
			out = append(out, ival{u128{0, id<<32 | uint64(a)}, u128{0, id<<32 | uint64(b)}})
		}
		return out
	}},
}

func lowOffsets(a, b uint32) []ival {
	return []ival{{u128{0, uint64(a)}, u128{0, uint64(b)}}}
}

// splitOffsets serves the RFC 6052 layouts that cut the IPv4 address around the u
// octet (bits 64-71, zero): its top 32-low bits end at bit 63, its low bits follow the
// u octet, then a suffix of suffix bits. That is one interval of offsets per value of
// the top bits.
func splitOffsets(a, b uint32, low, suffix uint) []ival {
	var out []ival
	mask := uint32(1)<<low - 1
	for h := a >> low; ; h++ {
		l0, l1 := uint32(0), mask
		if h == a>>low {
			l0 = a & mask
		}
		if h == b>>low {
			l1 = b & mask
		}
		out = append(out, ival{u128{uint64(h), uint64(l0) << suffix}, u128{uint64(h), uint64(l1)<<suffix | (1<<suffix - 1)}})
		if h == b>>low {
			return out
		}
	}
}

func (u u128) shr(n uint) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{0, u.hi >> (n - 64)}
	case n == 0:
		return u
	}
	return u128{u.hi >> n, u.lo>>n | u.hi<<(64-n)}
}

func (u u128) shl(n uint) u128 {
	switch {
	case n >= 128:
		return u128{}
	case n >= 64:
		return u128{u.lo << (n - 64), 0}
	case n == 0:
		return u
	}
	return u128{u.hi<<n | u.lo>>(64-n), u.lo << n}
}

// v4Space is where Sets keep IPv4 addresses.
var v4Space = spaceOf(0, 0x0000_ffff_0000_0000, 96)

// embedder recognises the IPv6 forms of the IPv4 addresses of a set of exclusions.
type embedder struct {
	offs [][]ival // per form of embedForms, normalised
	any  bool
}

func newEmbedder(ex ranges) *embedder {
	e := &embedder{offs: make([][]ival, len(embedForms))}
	v4 := ex.intersect(ranges{v4Space})
	if len(v4) == 0 {
		return e
	}
	e.any = true
	for i, f := range embedForms {
		var all []ival
		for _, v := range v4 {
			all = append(all, f.offsets(uint32(v.lo.lo), uint32(v.hi.lo))...)
		}
		e.offs[i] = normalize(all)
	}
	return e
}

// has reports whether x carries an excluded IPv4 address in one of the forms.
func (e *embedder) has(x u128) bool {
	if e == nil || !e.any {
		return false
	}
	for i, f := range embedForms {
		if x.cmp(f.space.lo) < 0 || x.cmp(f.space.hi) > 0 {
			continue
		}
		off := x.sub(x.shr(f.shift).shl(f.shift))
		if ranges(e.offs[i]).contains(off) {
			return true
		}
	}
	return false
}

// maxEmbedPieces bounds the intervals within computes for a target: a target must be
// very wide (a Teredo block of 2^52 addresses, with a raised --max-addresses) to need
// more, and is refused rather than left unchecked.
const maxEmbedPieces = 1 << 20

// within returns the addresses of r that carry an excluded IPv4 address.
func (e *embedder) within(r ranges) (ranges, error) {
	if e == nil || !e.any {
		return nil, nil
	}
	var out []ival
	for i, f := range embedForms {
		offs := e.offs[i]
		if len(offs) == 0 {
			continue
		}
		for _, j := range r.intersect(ranges{f.space}) {
			first, last := j.lo.shr(f.shift), j.hi.shr(f.shift)
			// Every block strictly inside j yields all of offs.
			if n := last.sub(first); n.hi != 0 || n.lo > maxEmbedPieces || n.lo >= 2 && satMul(n.lo-1, uint64(len(offs))) > maxEmbedPieces {
				return nil, fmt.Errorf("%w: %s is too wide to check against the exclusions' %s forms; give a narrower block",
					ErrTooManyAddresses, ivalString(j), f.name)
			}
			for b := first; ; b = b.inc() {
				base := b.shl(f.shift)
				top := base.add(u128{math.MaxUint64, math.MaxUint64}.shr(128 - f.shift))
				lo, hi := maxU(j.lo, base), minU(j.hi, top)
				olo, ohi := lo.sub(base), hi.sub(base)
				k, _ := slices.BinarySearchFunc(offs, olo, func(v ival, x u128) int { return v.hi.cmp(x) })
				for ; k < len(offs) && offs[k].lo.cmp(ohi) <= 0; k++ {
					out = append(out, ival{base.add(maxU(offs[k].lo, olo)), base.add(minU(offs[k].hi, ohi))})
					if len(out) > maxEmbedPieces {
						return nil, fmt.Errorf("%w: the targets are too wide to check against the exclusions' IPv6 forms; give narrower blocks", ErrTooManyAddresses)
					}
				}
				if b == last {
					break
				}
			}
		}
	}
	return normalize(out), nil
}

func (u u128) add(v u128) u128 {
	lo, c := bits.Add64(u.lo, v.lo, 0)
	return u128{u.hi + v.hi + c, lo}
}

func maxU(a, b u128) u128 {
	if a.cmp(b) > 0 {
		return a
	}
	return b
}

func minU(a, b u128) u128 {
	if a.cmp(b) < 0 {
		return a
	}
	return b
}
