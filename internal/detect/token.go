package detect

import (
	"bytes"
	"regexp"
)

// tokenDet finds a token with a recognisable literal (usually a prefix: "ghp_",
// "xoxb-", "AKIA") and checks the rest with a regular expression run on a small window
// around the literal. Regular expressions never see more than maxLen bytes.
type tokenDet struct {
	rule    *Rule
	lits    []string              // anchors, exact case
	re      func() *regexp.Regexp // whole token; anchored at the window start when back == 0 (compiled on first use)
	back    int                   // how far before the anchor the token may start
	maxLen  int
	group   int // submatch holding the secret; 0 is the whole match
	prefix  int // length of the fixed part excluded from the placeholder check
	check   func(tok []byte) bool
	bodyOK  func(tok []byte) bool // replaces tokenBodyOK: a format with fixed runs of its own
	ctxKeys []string
	near    *nearReq
	noLeft  bool // the token begins with punctuation: no word boundary needed
	noRight bool
	left    func(data []byte, i int) bool // replaces the word-boundary test at the token start
	// allowed and minLen describe the regular expression: a match is a run of allowed
	// bytes at least minLen long, which rules most anchors out before the regexp runs.
	allowed [256]bool
	minLen  int
	seg     *segMatcher // replaces the regexp when the shape allows
	// find, when set, replaces the regexp: it returns the token's bounds around the
	// anchor at, or ok=false and how far later anchors cannot succeed either.
	find func(data []byte, at int) (start, end int, ok bool, skip int)

	// preOut: the fixed part (prefix) lies before the captured group, outside the
	// token, which is then judged whole (groupLeads)
	preOut bool
}

// ctxSpec is what a token needs around it when its format alone is too plain to trust.
type ctxSpec struct {
	keys []string // the key the token is assigned to contains one of these
	near []string // or one of these occurs within dist bytes (checked after the pass)
	dist int
	// anyLine: the word may stand on another line within dist (nearReq.anyLine)
	anyLine bool
}

func (t *tokenDet) anchors() []string { return t.lits }

func (t *tokenDet) leftOK(data []byte, i int) bool {
	switch {
	case t.left != nil:
		return t.left(data, i)
	case t.noLeft:
		return true
	}
	return leftOK(data, i)
}

// litMatch confirms an anchor after a prefilter hit: letters must match exactly, and a
// digit in the anchor stands for any digit (the prefilter folded them).
func litMatch(data []byte, at int, lit string) bool {
	if len(data)-at < len(lit) {
		return false
	}
	for k := 0; k < len(lit); k++ {
		c, l := data[at+k], lit[k]
		if isDigit(l) {
			if !isDigit(c) {
				return false
			}
		} else if c != l {
			return false
		}
	}
	return true
}

func (t *tokenDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !litMatch(data, at, t.lits[tag]) {
		return
	}
	// Cheap shape test before the regexp.
	lo, hi := at, at
	// (hi-at < minLen as a bound on a slice: one comparison a byte, no bounds check)
	allowed := &t.allowed
	for ahead := data[:min(len(data), at+t.minLen)]; hi < len(ahead) && allowed[ahead[hi]]; {
		hi++
	}
	if t.back > 0 {
		for lo > 0 && at-lo < t.back && t.allowed[data[lo-1]] {
			lo--
		}
	}
	if hi-lo < t.minLen {
		return
	}
	var start, end int
	if t.find != nil {
		var ok bool
		var skip int
		if start, end, ok, skip = t.find(data, at); !ok || !t.leftOK(data, start) || !t.noRight && !rightOK(data, end) {
			if skip > sc.skip[di] {
				sc.skip[di] = skip
			}
			return
		}
	} else if t.seg != nil {
		n := t.seg.match(data[at:])
		if n < 0 || !t.leftOK(data, at) || !t.noRight && !rightOK(data, at+n) {
			return
		}
		start, end = at, at+n
	} else if t.back == 0 {
		hi := at + t.maxLen + 1
		if hi > len(data) {
			hi = len(data)
		}
		loc := t.re().FindSubmatchIndex(data[at:hi])
		if loc == nil {
			return
		}
		start, end = at+loc[2*t.group], at+loc[2*t.group+1]
		if !t.leftOK(data, at) || !t.noRight && !rightOK(data, at+loc[1]) {
			return
		}
	} else {
		lo := at - t.back
		if lo < 0 {
			lo = 0
		}
		hi := at + t.maxLen
		if hi > len(data) {
			hi = len(data)
		}
		found := false
		for _, loc := range t.re().FindAllSubmatchIndex(data[lo:hi], 4) {
			if lo+loc[0] <= at && at < lo+loc[1] {
				if !t.leftOK(data, lo+loc[0]) || !t.noRight && !rightOK(data, lo+loc[1]) {
					return
				}
				start, end = lo+loc[2*t.group], lo+loc[2*t.group+1]
				found = true
				break
			}
		}
		if !found {
			return
		}
	}
	if end+1 < len(data) && data[end] == '-' && !t.allowed['-'] && is(data[end+1], cAlnum) && !t.noRight {
		return // "sk_live_…-Tkotfx…": a longer value of another shape
	}
	tok := data[start:end]
	if t.check != nil && !t.check(tok) {
		return
	}
	body := tok
	if t.prefix < len(tok) {
		body = tok[t.prefix:]
	}
	if t.bodyOK != nil {
		if !t.bodyOK(tok) {
			return
		}
	} else if ab, ok := t.issuerBody(tok); ok {
		// a prefix of its own names the issuer: see anchoredPlaceholder
		if len(ab) == 0 || anchoredPlaceholder(ab) {
			return
		}
	} else if !tokenBodyOK(body) {
		return
	}
	var cond *nearReq
	if t.ctxKeys != nil || t.near != nil {
		if t.ctxKeys == nil || !sc.keyHas(start, end, t.ctxKeys) {
			if t.near == nil {
				return
			}
			cond = t.near
		}
	}
	sc.emitIf(t.rule, start, end, string(tok), cond)
	sc.skip[di] = end
}

// issuerBody returns the part of tok that is not the literal naming its issuer, when it
// holds one of at least four bytes: the rule's fixed prefix, or one of its anchors at
// the head ("sk_test_" of "[sr]k_test_…") or inside the token (OpenAI's "T3BlbkFJ",
// Azure's "JQQJ99"); the literal is cut out of the body.
func (t *tokenDet) issuerBody(tok []byte) ([]byte, bool) {
	if t.prefix >= 4 {
		if t.preOut {
			return tok, true
		}
		return tok[min(t.prefix, len(tok)):], true
	}
	for _, l := range t.lits {
		if len(l) < 4 {
			continue
		}
		if i := bytes.Index(tok, []byte(l)); i >= 0 {
			if i == 0 {
				return tok[len(l):], true
			}
			body := make([]byte, 0, len(tok)-len(l))
			return append(append(body, tok[:i]...), tok[i+len(l):]...), true
		}
	}
	return nil, false
}
