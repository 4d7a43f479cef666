package detect

import "bytes"

// Key/value assignments as they appear in logs: JSON ("key": "v"), JSON inside a JSON
// string (\"key\": \"v\"), YAML (key: v), env files and shell (KEY=v), URL query strings
// (?key=v&) and their URL-encoded forms (key%3Dv, %22key%22%3A%22v%22).

const (
	maxKeyLen   = 64
	maxValueLen = 1024 // quoted
	// maxUnquoted bounds an unquoted value: without a closing quote to look for, text
	// like "k=k=k=…" would otherwise be read far ahead from every key in it.
	maxUnquoted = 256
)

// assignment is a parsed "key <sep> value".
type assignment struct {
	keyStart, keyEnd int
	valStart, valEnd int // raw value span, without quotes
	quote            byte
	esc              int  // backslashes before the opening quote: JSON nesting depth - 1
	pct              bool // quotes or separator were URL-encoded
	query            bool // the key follows '?' or '&': a URL query parameter
	spacedSep        bool // whitespace before the operator ("x = y"), as in code and INI files
	colonEq          bool // the operator was ":=" (Go)
	colonSep         bool // the operator was ':' (YAML, JSON, headers)
}

func isKeyByte(b byte) bool { return is(b, cWord|cDash|cDot) }

// keyAround returns the bounds of the key word around offset at.
func keyAround(data []byte, at int) (ks, ke int, ok bool) {
	ks = at
	for ks > 0 && at-ks < maxKeyLen && isKeyByte(data[ks-1]) {
		ks--
	}
	ke = at
	for ke < len(data) && ke-ks < maxKeyLen && isKeyByte(data[ke]) {
		ke++
	}
	if ke-ks >= maxKeyLen || ke == ks {
		return 0, 0, false
	}
	// "\npassword=…": the letter of an escape sequence is not part of the key.
	if ks > 0 && data[ks-1] == '\\' {
		ks++
	}
	// "%26password=…" (an encoded '&'): the hex digits are not part of the key either.
	if ks >= 1 && ks+2 <= ke {
		if e := escapeBefore(data, ks+2); e == 3 {
			ks += 2
		}
	}
	return ks, ke, ks < ke
}

// skipQuote skips a closing or opening quote, possibly escaped or URL-encoded, and
// returns the new offset, the quote byte (0 when none), the number of backslashes
// before it and whether it was URL-encoded.
func skipQuote(data []byte, p int) (int, byte, int, bool) {
	n := 0
	for p+n < len(data) && data[p+n] == '\\' && n < 8 {
		n++
	}
	if p+n < len(data) {
		switch data[p+n] {
		case '"', '\'', '`':
			return p + n + 1, data[p+n], n, false
		}
	}
	if n == 0 && p+3 <= len(data) && data[p] == '%' && (data[p+1] == '2') && (data[p+2] == '2' || data[p+2] == '7') {
		q := byte('"')
		if data[p+2] == '7' {
			q = '\''
		}
		return p + 3, q, 0, true
	}
	return p, 0, 0, false
}

func skipSpaces(data []byte, p int) int {
	for k := 0; p < len(data) && k < 8 && (data[p] == ' ' || data[p] == '\t'); k++ {
		p++
	}
	return p
}

// skipSep skips an assignment operator: ':', '=', ':=', '=>', '%3A', '%3D'.
func skipSep(data []byte, p int) (int, bool, bool) {
	if p >= len(data) {
		return p, false, false
	}
	switch data[p] {
	case ':':
		if p+1 < len(data) && data[p+1] == '=' {
			return p + 2, true, false
		}
		// "https://…" is a URL and "pass::run" a C++ scope, not assignments.
		if p+1 < len(data) && (data[p+1] == '/' || data[p+1] == '\\' || data[p+1] == ':') {
			return p, false, false
		}
		return p + 1, true, false
	case '=':
		if p+1 < len(data) && data[p+1] == '>' {
			return p + 2, true, false
		}
		if p+1 < len(data) && data[p+1] == '=' {
			return p, false, false // a comparison
		}
		return p + 1, true, false
	case '%':
		if p+3 <= len(data) && data[p+1] == '3' && (data[p+2] == 'A' || data[p+2] == 'a' || data[p+2] == 'D' || data[p+2] == 'd') {
			return p + 3, true, true
		}
	}
	return p, false, false
}

// parseAssign reads the assignment whose key contains offset at.
func parseAssign(data []byte, at int) (a assignment, ok bool) {
	ks, ke, ok := keyAround(data, at)
	if !ok {
		return a, false
	}
	a.keyStart, a.keyEnd = ks, ke
	if ks > 0 && (data[ks-1] == '?' || data[ks-1] == '&') {
		a.query = true
	}
	p, _, _, pctQ := skipQuote(data, ke)
	sp := skipSpaces(data, p)
	a.spacedSep = sp > p
	p = sp
	sepAt := p
	p, ok, pctS := skipSep(data, p)
	if !ok {
		return a, false
	}
	a.colonEq = p-sepAt == 2 && data[sepAt] == ':'
	a.colonSep = p-sepAt == 1 && data[sepAt] == ':'
	if pctS && (data[sepAt+2] == 'A' || data[sepAt+2] == 'a') {
		a.colonSep = true
	}
	p = skipSpaces(data, p)
	vs, q, esc, pctV := skipQuote(data, p)
	a.quote, a.esc, a.pct = q, esc, pctQ || pctS || pctV
	a.valStart = vs
	if q == 0 {
		a.valEnd = unquotedEnd(data, vs)
	} else {
		end, found := closingQuote(data, vs, q, esc, pctV)
		if !found {
			return a, false
		}
		a.valEnd = end
	}
	return a, a.valEnd > a.valStart
}

// unquotedEnd is where an unquoted value stops.
func unquotedEnd(data []byte, p int) int {
	lim := p + maxUnquoted
	if lim > len(data) {
		lim = len(data)
	}
	for q := p; q < lim; q++ {
		switch data[q] {
		case ' ', '\t', '\r', '\n', ',', ';', '&', '"', '\'', '`', '\\', '}', ']', ')', '<', '>', '|':
			return q
		}
	}
	return lim
}

// closingQuote finds the quote that closes a value opened by quote q preceded by esc
// backslashes: the first q preceded by exactly esc backslashes (a q with more backslashes
// is a quote inside the value, escaped one level deeper).
func closingQuote(data []byte, vs int, q byte, esc int, pct bool) (int, bool) {
	lim := vs + maxValueLen
	if lim > len(data) {
		lim = len(data)
	}
	if pct {
		for p := vs; p+3 <= lim; p++ {
			if data[p] == '%' && data[p+1] == '2' && (data[p+2] == '2' && q == '"' || data[p+2] == '7' && q == '\'') {
				return p, true
			}
		}
		return 0, false
	}
	for p := vs; p < lim; p++ {
		if data[p] == '\n' {
			return 0, false
		}
		if data[p] != q {
			continue
		}
		if backslashesBefore(data, p, vs) == esc {
			return p - esc, true
		}
	}
	return 0, false
}

// value decodes the assignment's value: JSON escapes for each nesting level, URL
// encoding for query parameters and encoded forms.
func (a *assignment) value(data []byte) []byte {
	raw := data[a.valStart:a.valEnd]
	v := raw
	if a.quote == '"' {
		v = unescapeLevels(raw, a.esc+1)
	} else if a.esc > 0 {
		v = unescapeLevels(raw, a.esc)
	}
	if a.pct || a.query || a.quote == 0 && hasPercentEscape(v) {
		v = percentDecode(v)
	}
	return v
}

func hasPercentEscape(v []byte) bool {
	for i := 0; i+2 < len(v); i++ {
		if v[i] == '%' && isHex(v[i+1]) && isHex(v[i+2]) {
			return true
		}
	}
	return false
}

// codeLike reports whether an unquoted value reads as program code rather than a
// configured value: "pwd = strings.TrimPrefix(pwd, …)", "password := args[3]",
// "token = tokenObjectStart", "key: cfg.Secret". Quoted values are never code-like.
func (a *assignment) codeLike(data, v []byte) bool {
	if a.quote != 0 {
		return false
	}
	if a.colonEq {
		return true
	}
	if a.valEnd < len(data) && (data[a.valEnd] == '(' || data[a.valEnd] == '[') {
		return true
	}
	if bytes.ContainsAny(v, "()[]{}") {
		return true
	}
	ident, dots := identifierChain(v)
	if ident && dots > 0 {
		return true // pkg.Name, obj.field
	}
	if ident && a.colonSep && a.valEnd < len(data) && (data[a.valEnd] == ',' || data[a.valEnd] == '}') {
		return true // a field in a struct or object literal: {Key: someVariable, …}
	}
	// An unquoted identifier without a digit is a name ("key: MaxScanTokenSize"):
	// generated secrets nearly always hold a digit (a 32-character random alphanumeric
	// string lacks one 0.4% of the time).
	if ident && !bytes.ContainsAny(v, "0123456789") {
		return true
	}
	// "x = y" with y an identifier is an assignment in code; configuration files that
	// put spaces around '=' quote their strings or hold values that are no identifier.
	return ident && a.spacedSep
}

// identifierChain reports whether v is identifiers joined by dots, and how many dots.
func identifierChain(v []byte) (bool, int) {
	dots := 0
	start := true
	for _, c := range v {
		switch {
		case c == '.':
			if start {
				return false, 0
			}
			dots++
			start = true
		case is(c, cLower|cUpper) || c == '_' || c == '$':
			start = false
		case isDigit(c):
			if start {
				return false, 0
			}
		default:
			return false, 0
		}
	}
	return !start, dots
}

// keyBefore finds the key that value-start vs is assigned to, reading backwards:
// `"key": "` , `key=`, `\"key\": \"`. It returns the key's bounds.
func keyBefore(data []byte, vs int) (int, int, bool) {
	p := vs
	// opening quote of the value
	if p > 0 && (data[p-1] == '"' || data[p-1] == '\'') {
		p--
		for p > 0 && data[p-1] == '\\' && vs-p < 8 {
			p--
		}
	} else if p >= 3 && data[p-3] == '%' && data[p-2] == '2' && (data[p-1] == '2' || data[p-1] == '7') {
		p -= 3
	}
	for k := 0; p > 0 && k < 8 && (data[p-1] == ' ' || data[p-1] == '\t'); k++ {
		p--
	}
	switch {
	case p > 0 && (data[p-1] == ':' || data[p-1] == '='):
		p--
		if p > 0 && (data[p-1] == ':' && data[p] == '=') {
			p--
		}
	case p > 1 && data[p-1] == '>' && data[p-2] == '=':
		p -= 2
	case p >= 3 && data[p-3] == '%' && data[p-2] == '3' && (data[p-1]|0x20 == 'a' || data[p-1]|0x20 == 'd'):
		p -= 3
	default:
		return 0, 0, false
	}
	for k := 0; p > 0 && k < 8 && (data[p-1] == ' ' || data[p-1] == '\t'); k++ {
		p--
	}
	// closing quote of the key
	if p > 0 && (data[p-1] == '"' || data[p-1] == '\'') {
		p--
		for p > 0 && data[p-1] == '\\' && vs-p < 24 {
			p--
		}
	} else if p >= 3 && data[p-3] == '%' && data[p-2] == '2' && (data[p-1] == '2' || data[p-1] == '7') {
		p -= 3
	}
	ke := p
	ks := ke
	for ks > 0 && ke-ks < maxKeyLen && isKeyByte(data[ks-1]) {
		ks--
	}
	if ks == ke || ke-ks >= maxKeyLen {
		return 0, 0, false
	}
	if ks > 0 && data[ks-1] == '\\' {
		ks++
	}
	return ks, ke, ks < ke
}

// keyBeforeHas reports whether the key that the value at vs is assigned to contains one
// of words (lower case).
func keyBeforeHas(data []byte, vs int, words []string) bool {
	ks, ke, ok := keyBefore(data, vs)
	if !ok {
		return false
	}
	return containsFold(data[ks:ke], words...)
}

// keySegments splits a key into lower-case words at separators and camelCase humps:
// "dbPassword" → db, password; "SMTP_PASS" → smtp, pass.
func keySegments(key []byte, buf [][]byte, scratch []byte) [][]byte {
	buf = buf[:0]
	scratch = scratch[:0]
	start := 0
	flush := func(end int) {
		if end > start {
			buf = append(buf, scratch[start:end])
		}
		start = end
	}
	for i, c := range key {
		if !is(c, cAlnum) && c < 0x80 {
			flush(len(scratch))
			continue
		}
		if isUpper(c) && i > 0 && is(key[i-1], cLower) {
			flush(len(scratch))
		}
		scratch = append(scratch, lowerASCII(c))
	}
	flush(len(scratch))
	return buf
}
