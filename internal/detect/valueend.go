package detect

import "bytes"

// Where an unquoted value ends when the text around it says more than unquotedEnd's
// generic stop characters. unquotedEnd stops at '&', ';', a quote, a backslash and
// the like, which in code end a value; a password is free to hold them. Two hosts
// write an unquoted value whose end is plain from the host itself:
//
//   - prose inside a double-quoted string literal (a JSON member's text, a C or Go
//     string): "desc": "Temp password: Taraz64&volos\nPersonal mail: …". The value
//     runs to the string's own end — its unescaped closing quote, an escaped line
//     break or tab, or a blank; an escaped quote or backslash (\", \\) is a character
//     of it.
//   - a comment line whose last word is the assignment: "#   CSC_KEY_PASSWORD=Multan13&udon".
//     No shell or parser reads it, so the value runs to the line's end.
//
// Both take the longer run only when the generic end stopped at a character that is
// not a blank, the run holds no blank and it reads as a value (extendedValueShape):
// prose after a password word stays prose.

// stringProseEnd returns the end of the unquoted value at vs, which unquotedEnd ended
// at e, when the value stands in a double-quoted string literal opened earlier on
// its line, and whether the run holds a backslash escape (the value then decodes one
// level of escapes). It returns e when the value does not stand in such a string.
func stringProseEnd(data []byte, vs, e int) (int, bool) {
	if e >= len(data) || e <= vs || is(data[e], cBlank) || data[e] == '\n' || data[e] == '\r' {
		return e, false
	}
	if !inDoubleQuoted(data, vs) {
		return e, false
	}
	lim := min(len(data), vs+maxUnquoted)
	esc := false
	r := vs
	for r < lim {
		c := data[r]
		if c == '"' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		if c == '\\' {
			if r+1 >= lim {
				return e, false
			}
			switch data[r+1] {
			case 'n', 'r', 't':
				goto done
			case '"', '\\', '/', '\'':
				esc = true
				r += 2
				continue
			default:
				return e, false // an escape this reader does not know: leave the generic end
			}
		}
		r++
	}
done:
	if r == lim || r <= e || !extendedValueShape(data[vs:r]) {
		return e, false
	}
	if r < len(data) && data[r] == '"' && r+1 < len(data) && !stringCloseFollows(data, r+1) {
		return e, false
	}
	return r, esc
}

// extendedValueShape accepts a run taken past a generic stop character as a value:
// six characters or more with a digit, or eight or more mixing cases with a symbol,
// as a password's are; a contraction of prose ("it's", "don't") is not one.
func extendedValueShape(v []byte) bool {
	if len(v) < 6 {
		return false
	}
	var upper, lower, sym bool
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9':
			return true
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c != '\'':
			sym = true
		}
	}
	return len(v) >= 8 && upper && lower && sym // "Vx%Rq\"mLp!WdTz": mixed case and a symbol
}

// stringCloseFollows reports whether what follows a closing quote at p-1 ends the
// literal: a comma, a closing bracket or brace, a blank or the line's end.
func stringCloseFollows(data []byte, p int) bool {
	c := data[p]
	return c == ',' || c == '}' || c == ']' || c == ')' || c == ';' || is(c, cBlank) || c == '\n' || c == '\r'
}

// maxProseLineBack bounds how far inDoubleQuoted and csvFieldEnd read back to their
// line's start, which keeps a scan of a long line with many values linear.
const maxProseLineBack = 1024

// proseLineStart is the start of p's line, or -1 when it lies more than
// maxProseLineBack bytes before p (a long line, minified JSON: its quotes are not
// counted from each value). Both readers of a quoted span's start go back to it, then
// walk the line forward to find the quote that opens p's span; those walks stay two,
// for they read two quotings: a string literal (inDoubleQuoted) escapes a quote with a
// backslash and opens anywhere, a CSV field (csvFieldEnd) escapes one by doubling it
// (backslashes are plain characters), opens only after a comma, and is not CSV when a
// quote stands in an unquoted field. One walk for both would misread one of them.
func proseLineStart(data []byte, p int) int {
	ls := lineStartWithin(data, p, maxProseLineBack)
	if ls > 0 && data[ls-1] != '\n' {
		return -1
	}
	return ls
}

// inDoubleQuoted reports whether p stands inside a double-quoted string literal that
// opens on p's line after a ':' or '=' (a member's or a variable's value), with prose
// between the opening quote and p. A line whose start lies more than maxProseLineBack
// bytes before p is not read.
func inDoubleQuoted(data []byte, p int) bool {
	ls := proseLineStart(data, p)
	if ls < 0 {
		return false
	}
	open := -1
	for i := ls; i < p; i++ {
		if data[i] == '"' && backslashesBefore(data, i, ls)%2 == 0 {
			if open < 0 {
				open = i
			} else {
				open = -1
			}
		}
	}
	if open < 0 {
		return false
	}
	b := open
	for b > ls && is(data[b-1], cBlank) {
		b--
	}
	if b == ls || data[b-1] != ':' && data[b-1] != '=' {
		return false
	}
	// prose: a blank between the opening quote and the value
	for i := open + 1; i < p; i++ {
		if data[i] == ' ' {
			return true
		}
	}
	return false
}

// commentLineEnd returns the end of the unquoted value at vs, which unquotedEnd ended
// at e, when the value stands last on a comment line ('#' or "//" first on it) and
// runs to the line's end without a blank.
func commentLineEnd(data []byte, ks, vs, e int) int {
	if e >= len(data) || e <= vs || is(data[e], cBlank) || data[e] == '\n' || data[e] == '\r' {
		return e
	}
	ls := ks
	for ls > 0 && (data[ls-1] == ' ' || data[ls-1] == '\t') {
		ls--
	}
	switch {
	case ls > 0 && data[ls-1] == '#':
		ls--
	case ls > 1 && data[ls-1] == '/' && data[ls-2] == '/':
		ls -= 2
	default:
		return e
	}
	if !lineStartAt(data, ls) {
		return e
	}
	lim := min(len(data), vs+maxUnquoted)
	r := e
	for r < lim && !is(data[r], cBlank) && data[r] != '\n' && data[r] != '\r' {
		r++
	}
	if r == lim && r < len(data) || !restBlank(data, r) || !extendedValueShape(data[vs:r]) {
		return e
	}
	return r
}

// settingLineEnd returns the end of the unquoted value at vs, which unquotedEnd ended
// at e, when a key that names a password stands first on its line and its value runs
// to the line's end without a blank: a setting's line ("StoragePass=Pkfdikd;7168",
// "DbPass=Tq7,^_gY"), where ',', ';', '<', '>', '|' and (in a short one) '&' are the
// password's own.
// The whole run must read as a password, not as code or a list: both cases of
// letters, a digit or two signs, no call, no statement's or list's end.
func settingLineEnd(data []byte, ks, ke, vs, e int) int {
	if e >= len(data) || e <= vs || is(data[e], cBlank) || data[e] == '\n' || data[e] == '\r' || !lineStartAt(data, ks) || !blankPasswordKey(data[ks:ke]) {
		return e
	}
	lim := min(len(data), vs+maxUnquoted)
	r := e
	for r < lim && !is(data[r], cBlank) && data[r] != '\n' && data[r] != '\r' {
		r++
	}
	if r == lim && r < len(data) || !restBlank(data, r) {
		return e
	}
	v := data[vs:r]
	if len(v) < 8 || bytes.ContainsAny(v, "\"'`\\") || bytes.IndexByte([]byte(",;"), v[len(v)-1]) >= 0 || bytes.IndexAny(v[:1], "$%{<[(&|") >= 0 ||
		bytes.Contains(v, []byte("()")) || bytes.Contains(v, []byte("${")) || bytes.IndexByte(v, '&') >= 0 && len(v) > 32 || bytes.Contains(v, []byte("||")) {
		return e // (in a long run '&' joins a form's or a signed token's fields: "git&2025…&R2x…=")
	}
	var upper, lower, digit bool
	signs := map[byte]bool{}
	for _, c := range v {
		switch {
		case isUpper(c):
			upper = true
		case is(c, cLower):
			lower = true
		case isDigit(c):
			digit = true
		case c < 0x20 || c >= 0x7f:
			return e
		default:
			signs[c] = true
		}
	}
	if !upper || !lower || !digit && len(signs) < 2 {
		return e
	}
	return r
}

// sgmlLineValue reads the value of an SGML element that no end tag closes, as OFX 1.x
// writes its fields: "<USERPASS>value" first on its line, the value to the line's end
// with no '<' in it, the next line (if any) a tag's. vs follows the start tag's '>'.
func sgmlLineValue(data []byte, ks, vs int) (int, int, bool) {
	if ks < 1 || !lineStartAt(data, ks-1) {
		return 0, 0, false
	}
	e := vs
	for e < len(data) && e-vs < maxUnquoted && data[e] != '\n' && data[e] != '\r' && data[e] != '<' {
		e++
	}
	if e < len(data) && data[e] == '<' {
		return 0, 0, false // a value with its end tag, or markup
	}
	n := e
	for n < len(data) && (data[n] == '\r' || data[n] == '\n' || data[n] == ' ' || data[n] == '\t') {
		n++
	}
	if n < len(data) && data[n] != '<' {
		return 0, 0, false // the value's text goes on: not a field of one line
	}
	sv, se := trimSpan(data, vs, e)
	return sv, se, se > sv
}

// queryValueEnd returns the end of a query parameter's unquoted value at vs, which
// unquotedEnd ended at e: a '<', '>', ',', ';' or '|' unencoded in it
// ("?user=app&password=Tq7<vPz>Xh,2&useSSL=true") is the value's own when the run
// goes on to the next parameter ('&' and a name with '='), a blank, a quote or the
// line's end, and reads as a password (extendedValueShape).
func queryValueEnd(data []byte, vs, e int) int {
	if e >= len(data) || e <= vs || bytes.IndexByte([]byte("<>,;|"), data[e]) < 0 {
		return e
	}
	lim := min(len(data), vs+maxUnquoted)
	r := e
	for r < lim {
		c := data[r]
		if c == '&' && connParamAt(data, r+1) || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '`' || c == '#' {
			break
		}
		if c == '<' && r+1 < lim && data[r+1] == '/' {
			break // a closing tag
		}
		r++
	}
	if r == lim && r < len(data) || !extendedValueShape(data[vs:r]) {
		return e
	}
	return r
}

// connParamAt reports a query parameter's name and '=' at p.
func connParamAt(data []byte, p int) bool {
	s := p
	for p < len(data) && p-s < 32 && (is(data[p], cWord) || data[p] == '.' || data[p] == '-') {
		p++
	}
	return p > s && p < len(data) && data[p] == '='
}

// odbcBraced reads an ODBC connection string's braced value at vs ("{Tq7;vP}}z}"): it
// returns the index of the '}' that closes it — the first '}' not doubled — when a
// ';', a quote, a blank or the line's end follows that brace. Braces around a name or
// number alone are a slot, not a value.
func odbcBraced(data []byte, vs int) (int, bool) {
	if vs >= len(data) || data[vs] != '{' {
		return 0, false
	}
	if n := run(data, vs+1, cWord, min(len(data), vs+65)); n < len(data) && data[n] == '}' {
		return 0, false // a format's or template's slot: "Password={1};", "{password}"
	}
	lim := min(len(data), vs+maxUnquoted)
	for q := vs + 1; q < lim; q++ {
		switch data[q] {
		case '\n', '\r':
			return 0, false
		case '}':
			if q+1 < len(data) && data[q+1] == '}' {
				q++
				continue
			}
			if q+1 == len(data) || bytes.IndexByte([]byte(";\"' \t\r\n"), data[q+1]) >= 0 {
				return q, true
			}
			return 0, false
		}
	}
	return 0, false
}
