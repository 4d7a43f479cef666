package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The sixteenth real-tree round: classes left by the fifteenth in the Go module cache
// and the Cloud SDK. Each is read from the value's shape or the structure around it,
// never from a file name.
//
//   - A URL's syntax template: "postgres://[user[:pwd]@][unix-socket][:port]" writes
//     optional parts in brackets. The authority opens with '[' right after "://" and a
//     ']' stands before its '@': an IPv6 host in brackets comes after the '@', never
//     before it.
//   - A value made of ascending runs ("abcdef.0123456789abcdef", kubeadm's documented
//     token): two or more parts joined by '.', '-' or '_', each made of runs of four
//     or more consecutive letters or digits (a, b, c, …; 0, 1, 2, …), three runs at
//     most in all. A run without a joint is left alone: peers' tests hold such
//     placeholders as positives.
//   - A list of words read as key and value: an upper-case quoted word, a comma and a
//     quoted word of letters that closes a list or a call ("PASS", "FAIL" ] in an
//     enum; Colorizer('PASS', 'green')). The comma makes them items, not an
//     assignment.
//   - A list of questions ("Credentials: helper? name? username?" in a TODO): a word of
//     letters ending in '?' that another such word follows.
//   - A Go command's long help: inside a raw string (backquoted) that a field or a
//     variable holds (cobra's Long: `…`), below a line that reads "Examples:" or
//     "Example:", as realtrees15.go's goHelpExamples reads a string named for examples.
//     Key-name rules and Basic and Bearer headers only.
//   - A qualified name of code in a Markdown code span (`jws.Verify`): the span holds
//     exactly package.Name, a lower-case package and an exported name of letters.

// treeRound16 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound16(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	v := []byte(m.value)
	if urlSyntaxTemplate(sc.data, m.start) || ascendingRuns(v) {
		return true
	}
	if m.r.prio > prioAuth {
		return false
	}
	if sc.hasBackquote() && goHelpSection(sc.data, m.start) {
		return true
	}
	if m.r.prio > prioGeneric {
		return false
	}
	if codeSpanQualified(sc.data, m.start, m.end, v) {
		return true
	}
	if m.r.ID != "password-assignment" {
		return false
	}
	return listedWords(sc.data, m.start, m.end) || questionList(sc.data, m.end, v)
}

// urlSyntaxTemplate reports a position inside a URL whose authority opens with '['
// right after "://" and holds a ']' before its '@' (or before p when no '@' comes).
func urlSyntaxTemplate(data []byte, p int) bool {
	lo := p - 200
	if lo < 0 {
		lo = 0
	}
	seg := data[lo:p]
	if bytes.IndexByte(seg, '[') < 0 {
		return false // no "://[" (a fast search: most values have no '[' before them)
	}
	if nl := bytes.LastIndexByte(seg, '\n'); nl >= 0 {
		seg = seg[nl+1:]
	}
	s := bytes.LastIndex(seg, []byte("://"))
	if s < 0 || s+3 >= len(seg) || seg[s+3] != '[' {
		return false
	}
	auth := seg[s+4:]
	if bytes.IndexAny(auth, " \t\"'") >= 0 {
		return false
	}
	if a := bytes.IndexByte(auth, '@'); a >= 0 {
		auth = auth[:a]
	} else {
		// the value is still in the userinfo: look on to the '@'
		rest := data[p:]
		if e := bytes.IndexAny(rest, " \t\r\n\"'"); e >= 0 {
			rest = rest[:e]
		}
		a := bytes.IndexByte(rest, '@')
		if a < 0 {
			return false
		}
		auth = append(append([]byte(nil), auth...), rest[:a]...)
	}
	return bytes.IndexByte(auth, ']') >= 0
}

// ascendingRuns reports a value of twelve or more letters and digits in two or more
// parts joined by '.', '-' or '_', every part made of runs of four or more consecutive
// characters (a, b, c … or 0, 1, 2 …), three runs at most in all. A bare run
// ("1234567890123456", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345") stays found: the peers'
// rule tests hold such placeholders as positives.
func ascendingRuns(v []byte) bool {
	parts, runs, total := 0, 0, 0
	// eachPart, not bytes.FieldsFunc: no slice of parts allocated per secret match, and
	// the first part that is not runs ends the walk
	ok := eachPart(v, func(c byte) bool { return c == '.' || c == '-' || c == '_' }, func(p []byte) bool {
		parts++
		n := 1
		for i := 0; i < len(p); i++ {
			if !is(p[i], cAlnum) {
				return false
			}
			if i == 0 {
				continue
			}
			if p[i] == p[i-1]+1 {
				n++
				continue
			}
			if n < 4 {
				return false
			}
			runs, n = runs+1, 1
		}
		if n < 4 {
			return false
		}
		runs++
		total += len(p)
		return true
	})
	return ok && parts >= 2 && total >= 12 && runs <= 3
}

// listedWords reports a quoted value of letters after a comma and a quoted upper-case
// word of letters, the value closing a list or a call (']' or ')' after it).
func listedWords(data []byte, start, end int) bool {
	if start < 1 || end >= len(data) {
		return false
	}
	q := data[start-1]
	if q != '"' && q != '\'' || data[end] != q {
		return false
	}
	if end-start > 16 || run(data, start, cLower|cUpper, end-start) != end {
		return false
	}
	j := end + 1
	for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\n' || data[j] == '\r') {
		j++
	}
	if j >= len(data) || data[j] != ']' && data[j] != ')' {
		return false
	}
	i := start - 2
	for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i--
	}
	if i < 0 || data[i] != ',' {
		return false
	}
	i--
	for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i--
	}
	if i < 0 || data[i] != q {
		return false
	}
	k := i - 1
	for k >= 0 && isUpper(data[k]) {
		k--
	}
	return i-k-1 >= 2 && i-k-1 <= 12 && k >= 0 && data[k] == q
}

// questionList reports a value of letters ending in '?' that a blank and another word
// of letters ending in '?' follow.
func questionList(data []byte, end int, v []byte) bool {
	if len(v) < 2 || v[len(v)-1] != '?' || run(v, 0, cLower|cUpper, len(v)) != len(v)-1 {
		return false
	}
	j := end
	if j >= len(data) || data[j] != ' ' {
		return false
	}
	j++
	e := run(data, j, cLower|cUpper, 64)
	return e > j && e < len(data) && data[e] == '?'
}

// codeSpanQualified reports a value that fills a Markdown code span (a backquote on
// each side) and is package.Name: lower-case letters and digits opening with a letter,
// a dot, and a capital followed by two or more lower-case letters.
func codeSpanQualified(data []byte, start, end int, v []byte) bool {
	if start < 1 || end >= len(data) || data[start-1] != '`' || data[end] != '`' {
		return false
	}
	d := bytes.IndexByte(v, '.')
	if d <= 0 || d+4 > len(v) || !is(v[0], cLower) {
		return false
	}
	if run(v, 0, cLower|cDigit, d) != d || !isUpper(v[d+1]) {
		return false
	}
	t := v[d+2:]
	return run(t, 0, cLower, len(t)) == len(t)
}

// hasBackquote reports whether the scanned text holds a backquote anywhere, asked once
// a scan: goHelpSection and goHelpExamples look up to 8 KiB back from every secret
// match for the backquote opening a Go raw string, a byte at a time, and a log holds
// none.
func (sc *scanner) hasBackquote() bool {
	if sc.tickIn == 0 || sc.tickLen != len(sc.data) {
		sc.tickIn, sc.tickLen = 1, len(sc.data)
		if bytes.IndexByte(sc.data, '`') >= 0 {
			sc.tickIn = 2
		}
	}
	return sc.tickIn == 2
}

// goHelpSection reports a position inside a Go raw string that a field or a variable
// holds (a ':' or '=' before the opening backquote on its line), with a line reading
// "Examples:" or "Example:" between the opening and the position.
func goHelpSection(data []byte, start int) bool {
	lo := max(0, start-8192)
	open := bytes.LastIndexByte(data[lo:start], '`')
	if open < 0 {
		return false
	}
	open += lo
	ls := lineStartWithin(data, open, 512)
	label := bytes.TrimRight(data[ls:open], " \t")
	if len(label) == 0 || label[len(label)-1] != ':' && label[len(label)-1] != '=' {
		return false
	}
	label = bytes.TrimRight(label[:len(label)-1], " \t:")
	if len(label) == 0 || !is(label[len(label)-1], cWord) {
		return false
	}
	for _, ln := range bytes.Split(data[open+1:start], []byte("\n")) {
		t := bytes.ToLower(bytes.TrimSpace(ln))
		if string(t) == "examples:" || string(t) == "example:" {
			return true
		}
	}
	return false
}
