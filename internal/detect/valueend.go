package detect

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
