package detect

import (
	"fmt"
	"slices"
	"unsafe"
)

// fold maps a byte to the alphabet the prefilter runs on: ASCII letters fold to lower case
// and every digit folds to '0'. Folding lets one literal stand for many spellings
// ("password" also finds "PASSWORD", "000000" finds any run of six digits). Detectors
// re-check the exact form after a hit, so folding can only make the prefilter fire more
// often, never miss.
func fold(b byte) byte {
	switch {
	case 'A' <= b && b <= 'Z':
		return b + ('a' - 'A')
	case '0' <= b && b <= '9':
		return '0'
	}
	return b
}

func foldString(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] = fold(b[i])
	}
	return string(b)
}

// automaton is an Aho–Corasick machine compiled to a dense DFA over byte classes. The
// scan loop costs one table load per input byte and branches only when a state with
// output is entered. States are renumbered so that every state with output comes last:
// one comparison tells the loop whether to look at outputs. Transition values are
// premultiplied by the number of classes, which saves a multiplication per byte.
type automaton struct {
	class    [256]uint8
	nclass   uint32
	trans    []uint32
	outStart uint32    // premultiplied id of the first state with output
	outs     [][]int32 // per output state (in order from outStart), the patterns ending there
	patLen   []int
	maxPat   int
	// outShift and outInv divide a premultiplied state by nclass without a division
	// (outIndex): nclass is 2^outShift times an odd number whose inverse mod 2^32 is
	// outInv
	outShift uint8
	outInv   uint32
}

// outIndex is (s-outStart)/nclass, s an output state, by the exact division of a
// multiple: shift out nclass's factors of two, multiply by the inverse of its odd part.
func (a *automaton) outIndex(s uint32) uint32 {
	return ((s - a.outStart) >> a.outShift) * a.outInv
}

// newAutomaton compiles the literals (already folded). Pattern i in the result is pats[i].
func newAutomaton(pats []string) (*automaton, error) {
	a := &automaton{patLen: make([]int, len(pats))}
	// Byte classes: one per folded symbol that occurs in some pattern, class 0 for the rest.
	var symClass [256]uint8
	n := 1
	for _, p := range pats {
		if p == "" {
			return nil, fmt.Errorf("detect: empty anchor literal")
		}
		for i := 0; i < len(p); i++ {
			if symClass[p[i]] == 0 {
				if n == 256 {
					return nil, fmt.Errorf("detect: too many byte classes")
				}
				symClass[p[i]] = uint8(n)
				n++
			}
		}
	}
	for b := 0; b < 256; b++ {
		a.class[b] = symClass[fold(byte(b))]
	}
	nc := n
	a.nclass = uint32(nc)

	// Trie: each node's children as a short list of (class, node) pairs. The dense rows
	// are written once, straight into the final table: a dense trie of int32 rows
	// renumbered into a second table cost two tables of megabytes and a third of the
	// start-up time of every run.
	type edge struct {
		c uint8
		t int32
	}
	total := 1
	for _, p := range pats {
		total += len(p)
	}
	kids := make([][]edge, 1, total)
	out := make([][]int32, 1, total)
	child := func(s int32, c uint8) int32 {
		for _, e := range kids[s] {
			if e.c == c {
				return e.t
			}
		}
		return -1
	}
	for pi, p := range pats {
		a.patLen[pi] = len(p)
		if len(p) > a.maxPat {
			a.maxPat = len(p)
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := symClass[p[i]]
			t := child(s, c)
			if t < 0 {
				t = int32(len(kids))
				kids = append(kids, nil)
				out = append(out, nil)
				kids[s] = append(kids[s], edge{c, t})
			}
			s = t
		}
		out[s] = append(out[s], int32(pi))
	}
	nodes := len(kids)
	fail := make([]int32, nodes)

	// Failure links in breadth-first order; a node's outputs gain its failure node's.
	queue := make([]int32, 0, nodes)
	queue = append(queue, 0)
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		for _, e := range kids[s] {
			f := int32(0)
			if s != 0 {
				for f = fail[s]; ; f = fail[f] {
					if t := child(f, e.c); t >= 0 {
						f = t
						break
					}
					if f == 0 {
						break
					}
				}
			}
			fail[e.t] = f
			if len(out[f]) > 0 {
				out[e.t] = append(out[e.t], out[f]...)
			}
			queue = append(queue, e.t)
		}
	}

	// Number the states: those without output first (the root stays 0), then those
	// with output, each group in the order the trie made them.
	perm := make([]uint32, nodes)
	id := uint32(0)
	for i := range nodes {
		if len(out[i]) == 0 {
			perm[i] = id
			id++
		}
	}
	first := id
	a.outs = make([][]int32, 0, nodes-int(first))
	for i := range nodes {
		if len(out[i]) > 0 {
			perm[i] = id
			id++
			a.outs = append(a.outs, out[i])
		}
	}
	// The DFA's rows in breadth-first order: a state's row is its failure state's
	// (shallower, so already written) with its own children over it; the root's
	// missing transitions stay at the root.
	a.trans = make([]uint32, nodes*nc)
	for _, s := range queue {
		row := a.trans[perm[s]*uint32(nc):][:nc]
		if s != 0 {
			copy(row, a.trans[perm[fail[s]]*uint32(nc):][:nc])
		}
		for _, e := range kids[s] {
			row[e.c] = perm[e.t] * uint32(nc)
		}
	}
	a.outStart = first * uint32(nc)
	odd := uint32(nc)
	for odd%2 == 0 {
		odd /= 2
		a.outShift++
	}
	inv := odd // Newton's iteration: each step doubles the correct low bits (3, 6, …)
	for range 5 {
		inv *= 2 - odd*inv
	}
	a.outInv = inv
	return a, nil
}

// hitRec is one pattern occurrence: the pattern and the offset just past its end.
type hitRec struct {
	pat int32
	end int32
}

// interleaveMin is the input size from which collect runs four DFA walks side by side.
const interleaveMin = 32 << 10

// collect appends every occurrence of every pattern to hits, in order of end offset.
// On large inputs it walks four quarters of data at once: each step of a DFA walk waits
// for the table load of the step before, and independent walks let the CPU overlap
// those waits. Each walk after the first starts maxPat-1 bytes before its quarter so
// that its state is right by the time it gets there, and keeps only the hits that end
// inside its quarter.
func (a *automaton) collect(data []byte, hits []hitRec, parts *[3][]hitRec) []hitRec {
	if len(data) < interleaveMin || len(data) > 1<<31-1 {
		a.run(data, func(p int32, end int) { hits = append(hits, hitRec{p, int32(end)}) })
		return hits
	}
	trans := a.trans
	class := &a.class
	outStart := a.outStart
	outs := a.outs
	nclass := a.nclass
	q := len(data) / 4
	ov := a.maxPat - 1
	b1, b2, b3 := q-ov, 2*q-ov, 3*q-ov
	p1, p2, p3 := parts[0][:0], parts[1][:0], parts[2][:0]
	// The four walks' inputs as slices of one length: the loop indexes them without a
	// bounds check per byte.
	d0, d1, d2, d3 := data[:q], data[b1:b1+q], data[b2:b2+q], data[b3:b3+q]
	// The steps run in a function of their own (walk4) that notes the states with
	// output it steps into, a batch at a time: kept apart from the appends below, its
	// loop keeps its values in registers.
	n := len(d0)
	var st [4]uint32
	var stops walkBuf
	for i := 0; i < n; {
		i = a.walk4(d0, d1, d2, d3, i, &st, &stops)
		for x := range stops.n {
			w := &stops.w[x]
			j := int(w.i)
			if s := w.s[0]; s >= outStart {
				for _, p := range outs[a.outIndex(s)] {
					hits = append(hits, hitRec{p, int32(j + 1)})
				}
			}
			// A later walk keeps the hits that end inside its quarter: past its overlap
			// (b1+j+1 > q, and so on, is j >= ov).
			if j < ov {
				continue
			}
			if s := w.s[1]; s >= outStart {
				for _, p := range outs[a.outIndex(s)] {
					p1 = append(p1, hitRec{p, int32(b1 + j + 1)})
				}
			}
			if s := w.s[2]; s >= outStart {
				for _, p := range outs[a.outIndex(s)] {
					p2 = append(p2, hitRec{p, int32(b2 + j + 1)})
				}
			}
			if s := w.s[3]; s >= outStart {
				for _, p := range outs[a.outIndex(s)] {
					p3 = append(p3, hitRec{p, int32(b3 + j + 1)})
				}
			}
		}
	}
	s1, s2, s3 := st[1], st[2], st[3]
	// Each later walk has its overlap (and the last one the remainder) still to go.
	tail := func(s uint32, from, to int, out []hitRec) []hitRec {
		for j := from; j < to; j++ {
			s = trans[s+uint32(class[data[j]])]
			if s >= outStart {
				for _, p := range outs[(s-outStart)/nclass] {
					out = append(out, hitRec{p, int32(j + 1)})
				}
			}
		}
		return out
	}
	p1 = tail(s1, b1+q, 2*q, p1)
	p2 = tail(s2, b2+q, 3*q, p2)
	p3 = tail(s3, b3+q, len(data), p3)
	parts[0], parts[1], parts[2] = p1, p2, p3
	hits = slices.Grow(hits, len(p1)+len(p2)+len(p3)) // one copy, not one per part
	hits = append(hits, p1...)
	hits = append(hits, p2...)
	return append(hits, p3...)
}

// walkStop is a step of collect's four walks at which one of them is in a state with
// output: the offset of the byte read (in each walk's input) and the four states.
type walkStop struct {
	i int32
	s [4]uint32
}

// walkStops is how many stops walk4 gathers before it returns.
const walkStops = 64

// walkBuf is where walk4 notes its stops: w[:n].
type walkBuf struct {
	n int
	w [walkStops]walkStop
}

// walk4 is collect's four walks from i on, from the states in st: it notes the steps
// into a state with output in b (a log has one every few bytes) and returns where it
// stopped, with st holding the states there, when b is full or the inputs end. A
// function of its own that calls nothing, so that the states stay in registers (in
// collect, which appends, the compiler kept them on the stack, stored and loaded every
// byte). The table is read without a bounds check: every entry is a state's
// premultiplied id and every class is below nclass, so a state plus a class is always
// inside it (newAutomaton; TestAutomatonTableClosed). The four inputs have one length,
// under 2 GiB.
//
//go:noinline
func (a *automaton) walk4(d0, d1, d2, d3 []byte, i int, st *[4]uint32, b *walkBuf) int {
	b.n = 0
	n := len(d0)
	if i >= n || len(d1) != n || len(d2) != n || len(d3) != n {
		return n
	}
	tb := unsafe.Pointer(unsafe.SliceData(a.trans))
	class := &a.class
	outStart := a.outStart
	p0, p1 := unsafe.Pointer(unsafe.SliceData(d0)), unsafe.Pointer(unsafe.SliceData(d1))
	p2, p3 := unsafe.Pointer(unsafe.SliceData(d2)), unsafe.Pointer(unsafe.SliceData(d3))
	s0, s1, s2, s3 := st[0], st[1], st[2], st[3]
	for ; i < n; i++ {
		s0 = *(*uint32)(unsafe.Add(tb, uintptr(s0+uint32(class[*(*byte)(unsafe.Add(p0, i))]))*4))
		s1 = *(*uint32)(unsafe.Add(tb, uintptr(s1+uint32(class[*(*byte)(unsafe.Add(p1, i))]))*4))
		s2 = *(*uint32)(unsafe.Add(tb, uintptr(s2+uint32(class[*(*byte)(unsafe.Add(p2, i))]))*4))
		s3 = *(*uint32)(unsafe.Add(tb, uintptr(s3+uint32(class[*(*byte)(unsafe.Add(p3, i))]))*4))
		if s0 >= outStart || s1 >= outStart || s2 >= outStart || s3 >= outStart {
			b.w[b.n&(walkStops-1)] = walkStop{int32(i), [4]uint32{s0, s1, s2, s3}}
			b.n++
			if b.n == walkStops {
				i++
				break
			}
		}
	}
	st[0], st[1], st[2], st[3] = s0, s1, s2, s3
	return i
}

// run calls hit for every occurrence of every pattern, in order of end offset.
func (a *automaton) run(data []byte, hit func(pat int32, end int)) {
	trans := a.trans
	class := &a.class
	outStart := a.outStart
	s := uint32(0)
	for i := 0; i < len(data); i++ {
		s = trans[s+uint32(class[data[i]])]
		if s >= outStart {
			for _, p := range a.outs[(s-outStart)/a.nclass] {
				hit(p, i+1)
			}
		}
	}
}
