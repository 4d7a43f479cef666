package detect

import "bytes"

// Lists of values under a secret's name: each element stands under the list's name.
//
//	api_keys = ["…", "…"]              (Python, TOML, Ruby, JavaScript)
//	"passwords": ["…"]                 (JSON)
//	tokens:                            (YAML, a block sequence)
//	  - …
//	var apiKeys = []string{"…", "…"}   (Go)
//
// A plural name ("api_keys", "passwords") names each element by its singular, which
// the key tests read. A long list is a dictionary or a fixture (common passwords, a
// lexer's tokens), no set of credentials: it is not read.

const maxListItems = 12

// seqItem is the span of one element, without its quotes.
type seqItem struct {
	vs, ve int
	q      byte
}

// listAfterKey reports whether a list of values is assigned to the key at ks:ke, and
// where its first element can be read: the offset past '[' or '{' (inline) or of the
// line after the key (block, a YAML sequence).
func listAfterKey(data []byte, ks, ke int) (p int, block, ok bool) {
	p = ke
	if p < len(data) && (data[p] == '"' || data[p] == '\'') && ks > 0 && data[ks-1] == data[p] {
		p++
	}
	p = skipSpaces(data, p)
	if p >= len(data) {
		return 0, false, false
	}
	colon := false
	switch {
	case data[p] == ':' && p+1 < len(data) && data[p+1] == '=':
		p += 2
	case data[p] == ':':
		p++
		colon = true
	case data[p] == '=' && p+1 < len(data) && data[p+1] == '>':
		p += 2
	case data[p] == '=' && (p+1 >= len(data) || data[p+1] != '='):
		p++
	default:
		return 0, false, false
	}
	p = skipSpaces(data, p)
	if p >= len(data) {
		return 0, false, false
	}
	switch {
	case data[p] == '[' && (p+1 >= len(data) || data[p+1] != ']'):
		return p + 1, false, true
	case hasPrefixFold(data, p, "[]string{"):
		return p + len("[]string{"), false, true
	case colon && (data[p] == '\n' || data[p] == '\r'):
		if data[p] == '\r' {
			p++
		}
		return p + 1, true, p < len(data) && data[p] == '\n'
	}
	return 0, false, false
}

// singularKey returns key without a plural's final 's' ("api_keys", "passwords"), or
// key itself.
func singularKey(key []byte) []byte {
	n := len(key)
	if n >= 4 && (key[n-1] == 's' || key[n-1] == 'S') && key[n-2] != 's' && key[n-2] != 'S' && is(key[n-2], cLower|cUpper) {
		return key[:n-1]
	}
	return key
}

// inlineListItems reads the quoted elements of a list opened just before p, up to its
// closing ']' or '}'. A list holding anything else than string literals (numbers,
// objects, names) or more than maxListItems is not read.
func inlineListItems(data []byte, p int, buf []seqItem) ([]seqItem, bool) {
	items := buf[:0]
	lim := min(len(data), p+maxListItems*(maxValueLen/4))
	for p < lim {
		p = skipListSpace(data, p, lim)
		if p >= lim {
			return nil, false
		}
		if data[p] == ']' || data[p] == '}' {
			return items, len(items) > 0
		}
		vs, q, esc, pct := skipQuote(data, p)
		if q != '"' && q != '\'' || esc != 0 || pct {
			return nil, false
		}
		end, found := closingQuote(data, vs, q, 0, false)
		if !found || len(items) == maxListItems {
			return nil, false
		}
		items = append(items, seqItem{vs, end, q})
		p = skipListSpace(data, end+1, lim)
		if p < lim && data[p] == ',' {
			p++
		}
	}
	return nil, false
}

// skipListSpace skips blanks and line breaks between a list's elements.
func skipListSpace(data []byte, p, lim int) int {
	for p < lim && (data[p] == ' ' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r') {
		p++
	}
	return p
}

// blockListItems reads the "- value" lines of a YAML sequence starting at p (the line
// after its key, which starts at line start ls): each item line is indented at least
// as far as the key. The sequence ends at the first other line.
func blockListItems(data []byte, ls, ks, p int, buf []seqItem) ([]seqItem, bool) {
	indent := ks - ls
	items := buf[:0]
	for p < len(data) {
		q := p
		for q < len(data) && data[q] == ' ' {
			q++
		}
		if q+1 >= len(data) || data[q] != '-' || data[q+1] != ' ' || q-p < indent {
			break
		}
		if len(items) == maxListItems {
			return nil, false
		}
		vs := skipSpaces(data, q+2)
		le := lineEnd(data, vs, maxValueLen)
		ve := le
		for ve > vs && (data[ve-1] == ' ' || data[ve-1] == '\t' || data[ve-1] == '\r') {
			ve--
		}
		var quote byte
		if vs < ve && (data[vs] == '"' || data[vs] == '\'') {
			if ve-vs < 2 || data[ve-1] != data[vs] {
				return nil, false
			}
			quote = data[vs]
			vs, ve = vs+1, ve-1
		} else if vs < ve && (data[vs] == '{' || data[vs] == '[' || data[vs] == '&' || data[vs] == '*' || data[vs] == '#' || data[vs] == '|' || data[vs] == '>') {
			return nil, false // a mapping, a nested list, an anchor, a block scalar
		} else {
			for i := vs; i < ve; i++ {
				if data[i] == ':' && (i+1 == ve || data[i+1] == ' ') || data[i] == ' ' && i+1 < ve && data[i+1] == '#' {
					return nil, false // "- name: x": a mapping; a comment
				}
			}
		}
		if ve <= vs {
			return nil, false
		}
		items = append(items, seqItem{vs, ve, quote})
		p = le
		if p < len(data) && data[p] == '\r' {
			p++
		}
		if p >= len(data) || data[p] != '\n' {
			break
		}
		p++
	}
	return items, len(items) > 0
}

// listValues returns the elements of the list assigned to the key at ks:ke, if a list
// of string values is. An authentication setting's list ("basic_auth = ['ops', '…']")
// is a user and a password, or schemes: its own readers judge it (held12.go).
func listValues(data []byte, ks, ke int, buf []seqItem) ([]seqItem, bool) {
	p, block, ok := listAfterKey(data, ks, ke)
	if !ok || ke-ks >= 4 && hasPrefixFold(data, ke-4, "auth") || ke-ks >= 5 && hasPrefixFold(data, ke-5, "auths") {
		return nil, false
	}
	if bareKeyName(data[ks:ke]) {
		return nil, false // Key: []string{…}: a record's key words, a set of ids
	}
	var items []seqItem
	if block {
		items, ok = blockListItems(data, lineStartWithin(data, ks, maxKeyLen+40), ks, p, buf)
	} else {
		items, ok = inlineListItems(data, p, buf)
	}
	if !ok {
		return nil, false
	}
	for _, it := range items {
		v := data[it.vs:it.ve]
		if bytes.IndexByte(v, ' ') >= 0 || upperKey(v) && bytes.IndexByte(v, '_') > 0 || bytes.Contains(v, []byte("://")) {
			// words ("Red Hat CPE"), the names of variables ("SFP_ATLAS_PASSWORD") or
			// addresses and settings ("host=tcp://…,key=…"): a list of names, labels
			// or options, not of credentials (a URL's own credentials have their rule)
			return nil, false
		}
	}
	return items, true
}

// bareKeyName reports the bare word "key" or "keys", quoted or not: a name too weak to
// vouch for a list's elements.
func bareKeyName(k []byte) bool {
	k = bytes.Trim(k, "\"'`")
	return bytes.EqualFold(k, []byte("key")) || bytes.EqualFold(k, []byte("keys"))
}

// listHit offers each element of a list assigned to the key at ks:ke to the rules in
// cands, as the value of an assignment to the key.
func (d *kvDet) listHit(sc *scanner, ks, ke int, items []seqItem, key []byte, cands []*kvSpec) {
	for _, it := range items {
		a := assignment{keyStart: ks, keyEnd: ke, valStart: it.vs, valEnd: it.ve, quote: it.q, colonSep: it.q == 0}
		if tracer != nil {
			sc.trace(nil, "key", "list", key, ks, a.valStart, a.valEnd)
		}
		d.evaluate(sc, a, key, cands, true)
	}
}
