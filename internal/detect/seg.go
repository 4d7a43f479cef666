package detect

import (
	"regexp/syntax"
)

// segMatcher is a fast path for the common token shape — literals and character
// classes with repeat counts, like "ghp_[A-Za-z0-9]{36}" or "xoxb-[0-9]{8,14}-…": it
// matches greedily without backtracking, which gives the same answer as the regexp
// whenever every variable-length class is followed by the end or by a byte it cannot
// match. compileSeg only builds matchers for which that holds.
type segMatcher struct {
	segs []seg
}

type seg struct {
	lit      string // a literal, or
	class    *[256]bool
	min, max int // max < 0: unbounded
}

func compileSeg(src string) *segMatcher {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	return compileSegOf(re)
}

// compileSegOf is compileSeg of a parsed expression (which it does not change).
func compileSegOf(re *syntax.Regexp) *segMatcher {
	var parts []*syntax.Regexp
	if re.Op == syntax.OpConcat {
		parts = re.Sub
	} else {
		parts = []*syntax.Regexp{re}
	}
	m := &segMatcher{}
	for _, p := range parts {
		switch p.Op {
		case syntax.OpLiteral:
			if p.Flags&syntax.FoldCase != 0 {
				return nil
			}
			var b []byte
			for _, r := range p.Rune {
				if r >= 0x80 {
					return nil
				}
				b = append(b, byte(r))
			}
			m.segs = append(m.segs, seg{lit: string(b)})
		case syntax.OpCharClass:
			c := classTable(p)
			if c == nil {
				return nil
			}
			m.segs = append(m.segs, seg{class: c, min: 1, max: 1})
		case syntax.OpRepeat, syntax.OpPlus, syntax.OpStar:
			if p.Sub[0].Op != syntax.OpCharClass {
				return nil
			}
			c := classTable(p.Sub[0])
			if c == nil {
				return nil
			}
			s := seg{class: c}
			switch p.Op {
			case syntax.OpRepeat:
				s.min, s.max = p.Min, p.Max
			case syntax.OpPlus:
				s.min, s.max = 1, -1
			case syntax.OpStar:
				s.min, s.max = 0, -1
			}
			m.segs = append(m.segs, s)
		default:
			return nil
		}
	}
	// Greedy without backtracking is exact only if a variable class never could have
	// given bytes back to what follows it.
	for i, s := range m.segs {
		if s.class == nil || s.min == s.max || i+1 == len(m.segs) {
			continue
		}
		next := m.segs[i+1]
		if next.lit != "" {
			if s.class[next.lit[0]] {
				return nil
			}
			continue
		}
		for b := 0; b < 256; b++ {
			if s.class[b] && next.class[b] {
				return nil
			}
		}
	}
	return m
}

func classTable(r *syntax.Regexp) *[256]bool {
	var t [256]bool
	for i := 0; i+1 < len(r.Rune); i += 2 {
		lo, hi := r.Rune[i], r.Rune[i+1]
		if hi >= 0x80 {
			return nil
		}
		for c := lo; c <= hi; c++ {
			t[c] = true
		}
	}
	return &t
}

// match returns the length of the match at the start of data, or -1.
func (m *segMatcher) match(data []byte) int {
	p := 0
	for _, s := range m.segs {
		if s.class == nil {
			if len(data)-p < len(s.lit) || string(data[p:p+len(s.lit)]) != s.lit {
				return -1
			}
			p += len(s.lit)
			continue
		}
		q := p
		for q < len(data) && (s.max < 0 || q-p < s.max) && s.class[data[q]] {
			q++
		}
		if q-p < s.min {
			return -1
		}
		p = q
	}
	return p
}
