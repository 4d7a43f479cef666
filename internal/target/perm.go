package target

import "math/bits"

// perm is a pseudo-random permutation of [0, n) that costs no memory: a balanced Feistel
// network over the smallest even number of bits covering n. Enumerating the network's
// domain in order and keeping the images below n visits every index exactly once, at a
// cost below 4n evaluations (the domain is under 4n). This is the idea masscan and zmap
// use to spread probes over hosts and subnets instead of hammering one after another;
// the construction here is our own.
type perm struct {
	n    uint64
	half uint   // bits per half
	mask uint64 // (1<<half)-1
	keys [4]uint64
}

func newPerm(n, seed uint64) perm {
	b := uint(bits.Len64(n - 1))
	if n <= 1 {
		b = 0
	}
	if b%2 == 1 {
		b++
	}
	if b < 2 {
		b = 2
	}
	p := perm{n: n, half: b / 2, mask: 1<<(b/2) - 1}
	s := seed
	for i := range p.keys {
		s += 0x9e3779b97f4a7c15
		p.keys[i] = mix64(s)
	}
	return p
}

func (p *perm) apply(x uint64) uint64 {
	l, r := x>>p.half, x&p.mask
	for _, k := range p.keys {
		l, r = r, l^(mix64(r^k)&p.mask)
	}
	return l<<p.half | r
}

// all yields each index of [0, n) once, in permuted order.
func (p *perm) all(yield func(uint64) bool) {
	if p.n == 0 {
		return
	}
	domain := uint64(1) << (2 * p.half)
	for x := uint64(0); x < domain; x++ {
		if y := p.apply(x); y < p.n {
			if !yield(y) {
				return
			}
		}
	}
}
