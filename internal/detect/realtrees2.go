package detect

import (
	"bytes"
	"sort"
)

// The second real-tree round: classes found by triaging every non-test secret finding
// of /usr/lib/python3/dist-packages and /usr/lib/python3.11 (tuned on since). Each is
// read from the text around the value, never from a file name or the value's spelling.

// sortedWordList reports a value that is one item of a sorted list of quoted words: a
// syntax highlighter's keyword table ('PARAMETER', 'PASS', 'PAUSE', 'POINTER'), a set of
// framework class names ('TKTokenKeychainItem', 'TKTokenKeychainKey'). The item before
// it reads as the name of a password or a key, the value as what it holds. Two items
// before the value and two after, all plain words, must stand in order (by bytes, or
// ignoring case and underscores, as squid's "cache_mgr", "cachemgr_passwd",
// "cache_peer" do): a pair list ("user", "admin", "password", "Kq9…") or a call's
// arguments are in the order the code needs, not the alphabet's.
func sortedWordList(data []byte, start, end int) bool {
	if start < 1 || end >= len(data) || data[start-1] != '\'' && data[start-1] != '"' || data[end] != data[start-1] {
		return false
	}
	q := data[start-1]
	var items [5][]byte
	items[2] = data[start:end]
	// two before
	p := start - 1 // at the opening quote
	for k := 1; k >= 0; k-- {
		i := p - 1
		for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i--
		}
		if i < 1 || data[i] != ',' {
			return false
		}
		i--
		for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i--
		}
		if i < 1 || data[i] != q {
			return false
		}
		o := bytes.LastIndexByte(data[max(0, i-64):i], q)
		if o < 0 {
			return false
		}
		o += max(0, i-64)
		items[k], p = data[o+1:i], o
	}
	// two after
	p = end // at the closing quote
	for k := 3; k < 5; k++ {
		i := p + 1
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
		if i >= len(data) || data[i] != ',' {
			return false
		}
		i++
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
		if i >= len(data)-1 || data[i] != q {
			return false
		}
		c := bytes.IndexByte(data[i+1:min(len(data), i+66)], q)
		if c < 0 {
			return false
		}
		items[k], p = data[i+1:i+1+c], i+1+c
	}
	for k, it := range items {
		if !plainWord(it) {
			return false
		}
		if k > 0 && !inWordOrder(items[k-1], it) {
			return false
		}
	}
	return true
}

// plainWord: letters, digits, '_', '-' and inner spaces ('ERROR STOP'), a letter first.
func plainWord(v []byte) bool {
	if len(v) == 0 || !is(v[0], cLower|cUpper|cUnder) {
		return false
	}
	for _, c := range v {
		if !is(c, cAlnum|cUnder|cDash) && c != ' ' {
			return false
		}
	}
	return true
}

// inWordOrder reports a ≤ b by bytes, or ignoring case and underscores.
func inWordOrder(a, b []byte) bool {
	if bytes.Compare(a, b) <= 0 {
		return true
	}
	i, j := 0, 0
	for {
		for i < len(a) && a[i] == '_' {
			i++
		}
		for j < len(b) && b[j] == '_' {
			j++
		}
		if i == len(a) {
			return true
		}
		if j == len(b) {
			return false
		}
		x, y := a[i]|0x20, b[j]|0x20
		if !is(a[i], cLower|cUpper) {
			x = a[i]
		}
		if !is(b[j], cLower|cUpper) {
			y = b[j]
		}
		if x != y {
			return x < y
		}
		i++
		j++
	}
}

// rstExample reports a value in a reStructuredText literal block, or a docstring's
// indented block, that the text introduces as an example: the block's introducing line
// ends in "::" or ':' and names an example ("An example of a valid request::", "For
// example:", "Eg:"), or it is a code directive (".. code-block:: http") below a
// paragraph whose last line names one ("An example of a revocation request"). The
// block is the run of lines indented deeper than that line, after a blank line; a
// doctest or an HTTP exchange inside it is the documentation's illustration.
// example.go's introduced reads "Example:" ending a line; this reads what it cannot: a
// directive between the label and the block, and an example named inside the label.
//
// ls is the start of start's line; the answer depends on the line alone, and is kept
// for the next match on it.
func (r *rtIndex) rstExample(data []byte, ls, start int) bool {
	minInd := indentOf(data[ls:start])
	if minInd == 0 {
		return false
	}
	return r.rstMemo.get([3]int{ls, minInd}, func() bool { return rstBlockExample(data, ls, minInd) })
}

func rstBlockExample(data []byte, ls, minInd int) bool {
	belowBlank := false
	for lines := 0; ls > 0 && lines < 48; lines++ {
		pe := ls - 1
		ps := bytes.LastIndexByte(data[:pe], '\n') + 1
		raw := bytes.TrimRight(data[ps:pe], "\r")
		ls = ps
		ind := indentOf(raw)
		if ind == len(raw) {
			belowBlank = true
			continue
		}
		if ind < minInd {
			if belowBlank {
				return introducesExample(data, ps, raw[ind:], ind)
			}
			minInd = ind
		}
		belowBlank = false
	}
	return false
}

// introducesExample reads the line t (at offset ps, indented ind) that opens a block.
func introducesExample(data []byte, ps int, t []byte, ind int) bool {
	if bytes.HasPrefix(t, []byte(".. ")) {
		d := bytes.TrimSpace(t[3:])
		if !(bytes.HasPrefix(d, []byte("code-block::")) || bytes.HasPrefix(d, []byte("code::")) ||
			bytes.HasPrefix(d, []byte("sourcecode::")) || bytes.HasPrefix(d, []byte("doctest::"))) {
			return false
		}
		// the last line of the paragraph above, at the directive's indentation
		ls := ps
		for lines := 0; ls > 0 && lines < 4; lines++ {
			pe := ls - 1
			p := bytes.LastIndexByte(data[:pe], '\n') + 1
			raw := bytes.TrimRight(data[p:pe], "\r")
			ls = p
			i := indentOf(raw)
			if i == len(raw) {
				continue
			}
			return i == ind && labelNamesExample(raw[i:])
		}
		return false
	}
	if t[len(t)-1] != ':' {
		return false
	}
	return labelNamesExample(t)
}

// labelNamesExample: the line names an example or a sample, or ends in "e.g.:" or "Eg:".
func labelNamesExample(t []byte) bool {
	if exampleWords(t) {
		return true
	}
	t = bytes.TrimRight(t, ":")
	for _, w := range []string{"e.g.", "e.g", "eg"} {
		if len(t) >= len(w) && hasPrefixFold(t, len(t)-len(w), w) && (len(t) == len(w) || !is(t[len(t)-len(w)-1], cAlnum)) {
			return true
		}
	}
	return false
}

// docstringExample reports a value in a Python docstring below a line of its own that
// names an example and ends in ':' ("Example usage:"), with no closing quotes between:
// a module's docstring shows its use in code at the docstring's own indentation, which
// example.go's introduced (a deeper block) does not read. The label must be inside a
// triple-quoted string: in code, a comment "# Example:" above an assignment is not one.
// tq holds the offsets of every `"""` in data, in order (tripleQuotes); a text without
// one is not read at all.
// ls is the start of start's line.
func (r *rtIndex) docstringExample(data []byte, ls, start int, tq []int) bool {
	if len(tq) == 0 || tq[0] > start {
		return false
	}
	if q := lastBefore(tq, start); q >= ls {
		return false
	}
	return r.docMemo.get([3]int{ls}, func() bool { return docstringLabelAbove(data, ls, tq) })
}

func docstringLabelAbove(data []byte, ls int, tq []int) bool {
	for lines := 0; ls > 0 && lines < 24; lines++ {
		pe := ls - 1
		ps := bytes.LastIndexByte(data[:pe], '\n') + 1
		raw := bytes.TrimSpace(data[ps:pe])
		ls = ps
		if lastBefore(tq, pe) >= ps || bytes.Contains(raw, []byte(`'''`)) {
			return false
		}
		if len(raw) > 1 && len(raw) <= 40 && raw[len(raw)-1] == ':' && raw[0] != '#' && exampleWords(raw) {
			return sort.SearchInts(tq, ps)%2 == 1 // an odd number of quotes opens before it
		}
	}
	return false
}

// tripleQuotes returns the offsets of every `"""` in data (a run of six counts twice).
func tripleQuotes(data []byte) []int { return quoteRuns(data, []byte(`"""`)) }

// quoteRuns returns the offsets of every q in data, each match past the one before.
func quoteRuns(data, q []byte) []int {
	var out []int
	for p := 0; ; {
		i := bytes.Index(data[p:], q)
		if i < 0 {
			return out
		}
		out = append(out, p+i)
		p += i + len(q)
	}
}
