package detect

import "bytes"

// makeAppend reports make's (and BitBake's, qmake's) "NAME += value": a variable
// written in capitals opening its line, a blank before "+=", and the rest of the line
// its text — the value is a word, not code's expression, so an unquoted one is read
// (code's "x += y" appends to a lower-case variable, indented, or ends with ';').
func makeAppend(data []byte, ks, ke, sepAt int) bool {
	if data[sepAt] != '+' || ks > 0 && data[ks-1] != '\n' || sepAt == ke || data[ke] != ' ' && data[ke] != '\t' {
		return false
	}
	upper := false
	for _, c := range data[ks:ke] {
		switch {
		case isUpper(c):
			upper = true
		case isDigit(c) || c == '_':
		default:
			return false
		}
	}
	if !upper {
		return false
	}
	e := sepAt + 2
	for e < len(data) && data[e] != '\n' && data[e] != '\r' {
		e++
	}
	return e == sepAt+2 || data[e-1] != ';'
}

// csvPairValue reads a row of a two-column name/value table written as CSV — "name,
// value" (or "key,value", "setting,val") on the first line, then "db_password,…" — in
// text no CSV reader parsed (a .txt export, a paste into a log or a ticket). The key
// opens its line and a comma follows it; the value is the rest of the line (quoted or
// not, with no comma of its own); every line up to the header holds one comma, and the
// header's second cell names values. Up to 64 rows of up to 512 bytes are walked back.
func csvPairValue(data []byte, ks, ke int) (vs, ve int, q byte, ok bool) {
	if ks > 0 && data[ks-1] != '\n' || ke >= len(data) || data[ke] != ',' {
		return 0, 0, 0, false
	}
	vs = ke + 1
	ve = vs
	for ve < len(data) && ve-vs < maxUnquoted && data[ve] != '\n' && data[ve] != '\r' && data[ve] != ',' {
		ve++
	}
	if ve < len(data) && data[ve] == ',' || ve == vs || ve-vs >= maxUnquoted {
		return 0, 0, 0, false
	}
	if ve-vs >= 2 && data[vs] == '"' && data[ve-1] == '"' {
		vs, ve, q = vs+1, ve-1, '"'
	}
	// the header: walk up the lines of one comma each
	ls := ks
	for n := 0; n < 64 && ls > 0; n++ {
		pe := ls - 1 // the '\n' ending the line above
		ps := pe
		for ps > 0 && data[ps-1] != '\n' && pe-ps < 512 {
			ps--
		}
		if ps > 0 && data[ps-1] != '\n' {
			return 0, 0, 0, false // a line of more than 512 bytes: none of the table's
		}
		line := data[ps:pe]
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		c := bytes.IndexByte(line, ',')
		if c <= 0 || bytes.IndexByte(line[c+1:], ',') >= 0 {
			return 0, 0, 0, false
		}
		if valueHeader(line[c+1:]) {
			return vs, ve, q, ve > vs
		}
		ls = ps
	}
	return 0, 0, 0, false
}

// valueHeader reports a header cell naming a table's values.
func valueHeader(c []byte) bool {
	c = bytes.Trim(bytes.TrimSpace(c), `"'`)
	for _, w := range []string{"value", "values", "val", "setting_value", "secret_value"} {
		if bytes.EqualFold(c, []byte(w)) {
			return true
		}
	}
	return false
}

// quotedPairValue reads a line of two quoted strings parted by blanks alone, the key
// first — Valve's KeyValues ("SteamGuardSharedSecret"\t"…"), and the name/value lines of
// other formats written the same way. The key opens its line (after indentation) and
// the value ends it. ke is the key's end, its closing quote.
func quotedPairValue(data []byte, ks, ke int) (int, int, bool) {
	if ks < 1 || ke >= len(data) || data[ke] != '"' || data[ks-1] != '"' {
		return 0, 0, false
	}
	p := ke + 1
	for i := ks - 2; i >= 0 && data[i] != '\n'; i-- {
		if ks-i > 64 {
			return 0, 0, false // (a bounded walk: indentation is short)
		}
		if data[i] != ' ' && data[i] != '\t' {
			return 0, 0, false
		}
	}
	q := p
	for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
		q++
	}
	if q == p || q >= len(data) || data[q] != '"' {
		return 0, 0, false
	}
	vs := q + 1
	ve := vs
	for ve < len(data) && ve-vs < maxUnquoted && data[ve] != '"' && data[ve] != '\n' {
		if data[ve] == '\\' {
			ve++
		}
		ve++
	}
	if ve >= len(data) || data[ve] != '"' || ve == vs {
		return 0, 0, false
	}
	e := ve + 1
	for e < len(data) && (data[e] == ' ' || data[e] == '\t' || data[e] == '\r') {
		e++
	}
	if e < len(data) && data[e] != '\n' {
		return 0, 0, false
	}
	return vs, ve, true
}

// atMarker reports a template's substitution marker: a name between '@' or "@@"
// ("@DB_PASSWORD@", autoconf's and Ant's; "@@PASSWORD@@", deploy scripts'), a
// placeholder a build or a deploy replaces, not a value.
func atMarker(low []byte) bool {
	n := 1
	if len(low) >= 4 && low[0] == '@' && low[1] == '@' {
		n = 2
	}
	if len(low) < 2*n+2 || low[0] != '@' || low[len(low)-1] != '@' || n == 2 && low[len(low)-2] != '@' {
		return false
	}
	inner := low[n : len(low)-n]
	letters := 0
	for _, c := range inner {
		switch {
		case is(c, cLower|cUpper):
			letters++
		case isDigit(c) || c == '_' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return letters >= 2
}
