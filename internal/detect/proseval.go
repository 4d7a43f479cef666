package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// How running text writes the value after a password's word and its copula, beyond a
// token between blanks (issue 11: chat messages, tickets and e-mails in any language):
//
//   - typographic quotes around it: “X”, „X“, «X», »X«, 「X」, ‘X’ (blanks inside the
//     marks of « » allowed); a quoted value may be a passphrase of words with blanks
//     ("nimbus ember velvet 23"), which a token read never takes;
//   - a sentence's mark or a glued copula after it: "X.", "X…", "X。", "Xです", "X입니다";
//   - an unquoted passphrase that ends its line or string: "Temp password: khulna eilat 40#";
//   - the value alone on the next line: "password below:\nX", "密码如下：\nX".

// proseQuotes pairs the opening marks of typographic quotation with their closers.
var proseQuotes = []struct{ open, close string }{
	{"“", "”"}, {"„", "“"}, {"„", "”"}, {"«", "»"}, {"»", "«"}, {"「", "」"}, {"『", "』"},
	{"‘", "’"}, {"‚", "‘"}, {"‹", "›"}, {"›", "‹"}, {"”", "”"}, {"＂", "＂"},
}

// proseQuoted reads a value in typographic quotes at p: the span inside the marks
// (blanks and no-break spaces next to them trimmed), on p's line before end. ok is
// false when no such quote opens at p or it does not close on the line.
func proseQuoted(data []byte, p, end int) (vs, ve int, ok bool) {
	for _, q := range proseQuotes {
		if !bytes.HasPrefix(data[p:end], []byte(q.open)) {
			continue
		}
		s := p + len(q.open)
		c := bytes.Index(data[s:end], []byte(q.close))
		if c < 0 {
			continue
		}
		vs, ve = s, s+c
		vs, ve = trimProseBlanks(data, vs, ve)
		return vs, ve, ve > vs
	}
	return 0, 0, false
}

// trimProseBlanks drops blanks and no-break spaces at both ends of [vs, ve).
func trimProseBlanks(data []byte, vs, ve int) (int, int) {
	for vs < ve {
		if data[vs] == ' ' || data[vs] == '\t' {
			vs++
		} else if n := noBreakSpaceAt(data[vs:ve]); n > 0 {
			vs += n
		} else {
			break
		}
	}
	for ve > vs {
		if data[ve-1] == ' ' || data[ve-1] == '\t' {
			ve--
		} else if n := noBreakSpaceEnd(data[vs:ve]); n > 0 {
			ve -= n
		} else {
			break
		}
	}
	return vs, ve
}

// noBreakSpaces are the no-break spaces typography sets inside quotation marks: U+00A0
// and the narrow U+202F (French « … »), two and three bytes long.
var noBreakSpaces = []string{"\u00a0", "\u202f"}

// noBreakSpaceAt is the length of the no-break space b opens with, 0 for none.
func noBreakSpaceAt(b []byte) int {
	for _, s := range noBreakSpaces {
		if bytes.HasPrefix(b, []byte(s)) {
			return len(s)
		}
	}
	return 0
}

// noBreakSpaceEnd is the length of the no-break space b ends with, 0 for none.
func noBreakSpaceEnd(b []byte) int {
	for _, s := range noBreakSpaces {
		if bytes.HasSuffix(b, []byte(s)) {
			return len(s)
		}
	}
	return 0
}

// quotedPassphrase reports a passphrase that quotes hold with blanks: three to six
// words of letters (two or more each, lower-case past the first letter) and a number or
// a signed word among them, single blanks between, 12 bytes or more. A quoted phrase of
// prose ("the same as before") has no number.
func quotedPassphrase(v []byte) bool {
	if len(v) < 12 || len(v) > 64 {
		return false
	}
	parts := bytes.Split(v, []byte{' '})
	if len(parts) < 3 || len(parts) > 6 {
		return false
	}
	words, numbered := 0, false
	for _, w := range parts {
		if len(w) == 0 {
			return false
		}
		l := run(w, 0, cLower|cUpper, len(w))
		rest := w[l:]
		switch {
		case l == len(w) && l >= 2:
			words++
		case l == 0 && len(rest) >= 2 && run(rest, 0, cDigit, len(rest)) >= 2 && len(rest)-run(rest, 0, cDigit, len(rest)) <= 1:
			numbered = true // "23", "40#"
		case l >= 2 && len(rest) >= 1 && len(rest) <= 3 && !bytes.ContainsAny(rest, ".,;:"):
			words++
			numbered = true // "lampang9!", "pixel42"
		default:
			return false
		}
	}
	return numbered && words >= 2
}

// proseTokenEnd ends an unquoted token [vs, ve) that prose closes: gluedCut, then a
// full stop that a new sentence follows ("X. Cheers"). A full stop at the line's end
// or before a comma stays (a password may end in one: "Ganga1987."), as do '!' and '?'.
func proseTokenEnd(data []byte, vs, ve int) int {
	ve = gluedCut(data, vs, ve)
	if ve-vs > 6 && data[ve-1] == '.' && data[ve-2] != '.' && ve+1 < len(data) && data[ve] == ' ' && is(data[ve+1], cUpper) {
		ve--
	}
	return ve
}

// gluedCut ends a value [vs, ve) of ASCII at a character of another script that text
// glues to it: a copula or particle of a script without blanks ("X입니다", "Xです"),
// CJK punctuation ("X。", "X，"), a closing quotation mark or a dash ("X»", "X—"), an
// ellipsis. A value that starts with a letter of another script is left whole.
func gluedCut(data []byte, vs, ve int) int {
	if vs >= ve || data[vs] >= utf8.RuneSelf {
		return ve
	}
	for i := vs; i < ve; {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:ve])
		if gluedScript(r) || unicode.In(r, unicode.Pd, unicode.Pf, unicode.Pe, unicode.Pi, unicode.Ps) || r == '。' || r == '、' || r == '…' || r == '，' || r == '：' || r == '！' || r == '？' {
			return i
		}
		i += size
	}
	return ve
}

// typographicQuoted reports an opening typographic quotation mark at p that closes
// on its line around a value without blanks.
func typographicQuoted(data []byte, p int) bool {
	vs, ve, ok := proseQuoted(data, p, lineEnd(data, p, maxUnquoted))
	return ok && bytes.IndexAny(data[vs:ve], " \t") < 0
}

// lineRestPassphrase reads an unquoted passphrase that runs from p to its line's end
// (or the end of the string or element that holds the line: an escaped line break, a
// closing quote, a closing tag), blanks inside: "Temp password: khulna eilat 40#\n".
// numberedOK admits one without a sign (numberedPassphrase) after a copula: a mark
// alone is also a test log's "PASS: mbind sections 12".
func lineRestPassphrase(data []byte, p, end int, numberedOK bool) (int, int, bool) {
	e := p
	for e < end && data[e] != '<' && data[e] != '"' && !(data[e] == '\\' && e+1 < end && (data[e+1] == 'n' || data[e+1] == 'r' || data[e+1] == '"')) {
		if data[e] >= utf8.RuneSelf {
			// a symbol that joins the lines of a record ("®" in a Concordance load
			// file) ends the line as a line break does
			if r, _ := utf8.DecodeRune(data[e:end]); unicode.IsSymbol(r) {
				break
			}
		}
		e++
	}
	if e == end && !(end >= len(data) || data[end] == '\n' || data[end] == '\r') {
		return 0, 0, false // the reading's bound, not the line's end
	}
	vs, ve := trimProseBlanks(data, p, e)
	// (a backslash before a quote may be the value's last character, not an escape:
	// a CSV field's "… hlo lviv taraz 96\"" — the field's reader takes it then)
	numbered := numberedOK && !(e < end && data[e] == '\\') && numberedPassphrase(data[vs:ve])
	if ve-vs < 10 || !blankedPassphrase(data[vs:ve]) && !numbered {
		return 0, 0, false
	}
	return vs, ve, true
}

// numberedPassphrase reports two lower-case words of three letters or more,
// none a function word (pwNotCopulas, passphraseFiller), then a number of two digits:
// a passphrase without a sign ("tisza ijssel 21"), which only a copula or mark and
// the end of its line around it make a value.
func numberedPassphrase(v []byte) bool {
	parts := bytes.Split(v, []byte{' '})
	if len(parts) != 3 {
		return false
	}
	for _, w := range parts[:len(parts)-1] {
		if len(w) < 3 || run(w, 0, cLower, len(w)) != len(w) || pwNotCopulas[string(w)] || passphraseFiller[string(w)] {
			return false
		}
	}
	last := parts[len(parts)-1]
	return len(last) == 2 && run(last, 0, cDigit, 2) == 2
}

// passphraseFiller are English words that end a sentence with a number ("valid for
// 30", "expires after 90", "reset every 60"): no passphrase's.
var passphraseFiller = map[string]bool{"after": true, "before": true, "within": true, "until": true, "every": true, "about": true,
	"valid": true, "expires": true, "expired": true, "last": true, "next": true, "days": true, "hours": true, "minutes": true,
	"max": true, "min": true, "length": true, "least": true, "most": true, "over": true, "below": true, "above": true, "top": true,
	"version": true, "level": true, "step": true, "page": true, "line": true, "chapter": true, "section": true, "rule": true,
	"are": true, "was": true, "were": true, "has": true, "have": true, "had": true, "all": true, "any": true, "one": true,
	"two": true, "set": true, "per": true, "its": true, "our": true, "your": true, "their": true, "this": true, "that": true,
	"there": true, "here": true, "then": true, "than": true, "long": true, "characters": true, "chars": true, "digits": true}

// nextLineValue reads a value that stands alone on the line after a statement that
// ends at end with ':' ("password below:", "Passwort siehe unten:", "密码如下："), a
// break tag allowed after the mark. The statement's rest from p holds at most four
// words and no code. The value must read as a typed password with a digit, and only
// closing tags may follow it on its line.
func nextLineValue(data []byte, p, end int) (int, int, bool) {
	rest := bytes.TrimRight(data[p:end], " \t\r")
	for _, br := range []string{"<br>", "<br/>", "<br />"} {
		rest = bytes.TrimSuffix(rest, []byte(br))
	}
	switch {
	case bytes.HasSuffix(rest, []byte(":")):
		rest = rest[:len(rest)-1]
	case bytes.HasSuffix(rest, []byte("：")):
		rest = rest[:len(rest)-len("：")]
	default:
		return 0, 0, false
	}
	if len(rest) > 64 || bytes.ContainsAny(rest, "=/\\(){}[]<>;|$%#@`\"'") || len(bytes.Fields(rest)) > 4 {
		return 0, 0, false
	}
	q := end
	if q < len(data) && data[q] == '\r' {
		q++
	}
	if q >= len(data) || data[q] != '\n' {
		return 0, 0, false
	}
	q = run(data, q+1, cBlank, -1)
	e := q
	for e < len(data) && e-q < 64 && data[e] != '\n' && data[e] != '\r' && data[e] != ' ' && data[e] != '\t' && data[e] != '<' {
		e++
	}
	// only closing tags or blanks after it on its line
	t := e
	for t < len(data) && data[t] != '\n' && data[t] != '\r' {
		if data[t] == '<' && t+1 < len(data) && data[t+1] == '/' {
			for t < len(data) && data[t] != '>' && data[t] != '\n' {
				t++
			}
			if t < len(data) && data[t] == '>' {
				t++
			}
			continue
		}
		if data[t] != ' ' && data[t] != '\t' {
			return 0, 0, false
		}
		t++
	}
	v := data[q:e]
	if len(v) < 8 || !bytes.ContainsAny(v, "0123456789") || !blankPasswordValue(v) || !pwPhraseShape(v) || pwPhraseNotValue(v) ||
		bytes.ContainsAny(v, "{}[]()<>\"';") {
		return 0, 0, false
	}
	return q, e, true
}

// pwPhraseReadProse reads the value at p as running text writes it: in typographic
// quotes, a passphrase in quotes or ending its line, in backticks when a copula or a
// mark introduced it (after), else as pwPhraseRead reads a token.
func pwPhraseReadProse(data []byte, p, end int, after bool) (int, int, bool) {
	if p >= end {
		return 0, 0, false
	}
	if vs, ve, ok := proseQuoted(data, p, end); ok {
		return proseQuotedValue(data, vs, ve)
	}
	if data[p] == '\\' && p+1 < end && data[p+1] == '"' {
		// a quote escaped in a JSON string: "text": "пароль: \"X\""
		if c := bytes.Index(data[p+2:end], []byte(`\"`)); c > 0 {
			return proseQuotedValue(data, p+2, p+2+c)
		}
		return 0, 0, false
	}
	switch data[p] {
	case '"', '\'':
		if c := bytes.IndexByte(data[p+1:end], data[p]); c > 0 && bytes.IndexByte(data[p+1:p+1+c], ' ') >= 0 {
			if vs, ve, ok := proseQuotedValue(data, p+1, p+1+c); ok && quotedPassphrase(data[vs:ve]) {
				return vs, ve, true
			}
			return 0, 0, false
		} else if c > 0 && after {
			return proseQuotedValue(data, p+1, p+1+c) // after a copula: "… είναι \"X\""
		}
	case '`':
		if !after {
			return 0, 0, false
		}
		c := bytes.IndexByte(data[p+1:end], '`')
		if c < 0 {
			return 0, 0, false
		}
		v := data[p+1 : p+1+c]
		if typedPassword(v) && pwPhraseShape(v) && !pwPhraseNotValue(v) && !bytes.ContainsAny(v, " {}[]()<>\"';") {
			return p + 1, p + 1 + c, true
		}
		return 0, 0, false
	}
	if after {
		if vs, ve, ok := lineRestPassphrase(data, p, end, true); ok {
			return vs, ve, true
		}
	}
	return pwPhraseRead(data, p, end)
}

// proseQuotedValue accepts the text [vs, ve) that quotes hold: a passphrase with
// blanks, or a token that reads as a typed password.
func proseQuotedValue(data []byte, vs, ve int) (int, int, bool) {
	v := data[vs:ve]
	if bytes.IndexByte(v, ' ') >= 0 {
		return vs, ve, quotedPassphrase(v)
	}
	// (the marks say where it starts and ends: words joined by hyphens to a number,
	// "maple-saffron-199", are a value here)
	if bytes.ContainsAny(v, "{}[]()<>\"`\\") || !quotedToken(v) || pwPhraseNotValue(v) {
		return 0, 0, false
	}
	return vs, ve, true
}

// quotedToken reports a token that quotes hold after a password's word and copula: six
// bytes or more, two letters or more, a digit or a sign (the quotes are its bounds, so
// '=' and '&' are its own: "»Maple43&raven«", "“Kigali=1930”"), not a name's or
// identifier's shape.
func quotedToken(v []byte) bool {
	if len(v) < 6 || len(v) > 64 || !strongContextPassword(v) {
		return false
	}
	letters := 0
	for _, c := range v {
		if c <= ' ' || c >= 0x7f {
			return false
		}
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters < 2 || !pwSigned(v) && !bytes.ContainsAny(v, "0123456789") {
		return false
	}
	return pwSigned(v) || !identifierLike(v) || bytes.IndexByte(v, '-') > 0 && bytes.ContainsAny(v, "0123456789")
}

// closingTagAt reports a closing tag at p: "</", a name of letters, digits, ':' or '-',
// then '>'.
func closingTagAt(data []byte, p int) bool {
	if p+3 >= len(data) || data[p] != '<' || data[p+1] != '/' {
		return false
	}
	q := run(data, p+2, cLower|cUpper|cDigit|cDash, min(len(data), p+34))
	if q < len(data) && data[q] == ':' {
		q = run(data, q+1, cLower|cUpper|cDigit|cDash, min(len(data), q+33))
	}
	return q > p+2 && q < len(data) && data[q] == '>'
}

// dateValue reports a calendar date (2024-03-01, 01.03.2024, 2024/03/01): text says
// when a password was set or expires.
func dateValue(v []byte) bool {
	if len(v) != 10 || run(v, 0, cDigit|cDash|cDot|cSlash, len(v)) != len(v) {
		return false
	}
	digits := 0
	for _, c := range v {
		if is(c, cDigit) {
			digits++
		}
	}
	return digits == 8 && (v[4] == v[7] && !is(v[4], cDigit) || v[2] == v[5] && !is(v[2], cDigit))
}

// sentenceWord reports a word of letters that a sentence's final marks end, one to
// three of '?', '!' and '.' with a '?' or '!' among them: a sentence's last word
// ("vergessen?", "verplicht!", "vergeten?!"), no password.
func sentenceWord(v []byte) bool {
	n := run(v, 0, cLower|cUpper, len(v))
	marks := v[n:]
	if n == 0 || len(marks) == 0 || len(marks) > 3 || !bytes.ContainsAny(marks, "?!") {
		return false
	}
	for _, c := range marks {
		if c != '?' && c != '!' && c != '.' {
			return false
		}
	}
	return true
}
