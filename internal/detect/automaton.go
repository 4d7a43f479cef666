package detect

import (
	"fmt"
	"slices"
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

	// Trie, its rows of transitions in one array (node s's is next[s*nc:][:nc]): one
	// allocation, not one per node, for the tens of thousands of nodes of the catalogue.
	total := 1
	for _, p := range pats {
		total += len(p)
	}
	next := make([]int32, 0, total*nc)
	var out [][]int32
	none := make([]int32, nc) // a new node's row: no transition yet
	for i := range none {
		none[i] = -1
	}
	newNode := func() int32 {
		next = append(next, none...)
		out = append(out, nil)
		return int32(len(out) - 1)
	}
	newNode()
	for pi, p := range pats {
		a.patLen[pi] = len(p)
		if len(p) > a.maxPat {
			a.maxPat = len(p)
		}
		s := int32(0)
		for i := 0; i < len(p); i++ {
			c := int32(symClass[p[i]])
			if next[s*int32(nc)+c] < 0 {
				t := newNode()
				next[s*int32(nc)+c] = t
			}
			s = next[s*int32(nc)+c]
		}
		out[s] = append(out[s], int32(pi))
	}
	nodes := len(out)
	fail := make([]int32, nodes)

	// Failure links in breadth-first order, completing the goto function into a DFA.
	queue := make([]int32, 0, nodes)
	for c := 0; c < nc; c++ {
		if t := next[c]; t >= 0 {
			fail[t] = 0
			queue = append(queue, t)
		} else {
			next[c] = 0
		}
	}
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		f := fail[s]
		if len(out[f]) > 0 {
			out[s] = append(out[s], out[f]...)
		}
		row, frow := next[int(s)*nc:][:nc], next[int(f)*nc:][:nc]
		for c := 0; c < nc; c++ {
			t := row[c]
			if t >= 0 {
				fail[t] = frow[c]
				queue = append(queue, t)
			} else {
				row[c] = frow[c]
			}
		}
	}

	// Renumber: states without output first (the root stays 0), then states with output.
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
	a.trans = make([]uint32, nodes*nc)
	for i := range nodes {
		row := a.trans[perm[i]*uint32(nc):][:nc]
		for c, t := range next[i*nc:][:nc] {
			row[c] = perm[t] * uint32(nc)
		}
	}
	a.outStart = first * uint32(nc)
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
	var s0, s1, s2, s3 uint32
	for i := 0; i < q; i++ {
		s0 = trans[s0+uint32(class[data[i]])]
		s1 = trans[s1+uint32(class[data[b1+i]])]
		s2 = trans[s2+uint32(class[data[b2+i]])]
		s3 = trans[s3+uint32(class[data[b3+i]])]
		if s0 >= outStart {
			for _, p := range outs[(s0-outStart)/nclass] {
				hits = append(hits, hitRec{p, int32(i + 1)})
			}
		}
		if s1 >= outStart && b1+i+1 > q {
			for _, p := range outs[(s1-outStart)/nclass] {
				p1 = append(p1, hitRec{p, int32(b1 + i + 1)})
			}
		}
		if s2 >= outStart && b2+i+1 > 2*q {
			for _, p := range outs[(s2-outStart)/nclass] {
				p2 = append(p2, hitRec{p, int32(b2 + i + 1)})
			}
		}
		if s3 >= outStart && b3+i+1 > 3*q {
			for _, p := range outs[(s3-outStart)/nclass] {
				p3 = append(p3, hitRec{p, int32(b3 + i + 1)})
			}
		}
	}
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
