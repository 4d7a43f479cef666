package detect

import "strings"

// Value forms of languages and configuration formats that the key/value reader did
// not read, found by the syntax matrix (syntaxmatrix_test.go), written from the
// formats' own documentation:
//
//	key: |            key: >-          (YAML block scalars)
//	  value
//	key = """         key = '''        (TOML multi-line strings)
//	value"""
//	key = ''          (Nix indented strings)
//	  value
//	'';
//	key=\             (Java .properties and INI continuation lines)
//	    value
//
//	set(KEY "value")  set(KEY "value" CACHE STRING "")   (CMake)
//	set key to "value"                                   (AppleScript)
//	set key {value}                                      (Tcl)
//	-Key 'value'                                         (PowerShell parameters)
//	key{"value"}                                         (C++ brace initialisation)
//	(key . "value")                                      (Lisp and Scheme alists)
//
// Each is read only where the form is whole: a block of one line holding one word,
// closed where its format closes it, and a call or a statement whose value is a
// string literal that ends it.

// blockValueAt reads a value that starts on the line after the operator: p is where
// the value would stand, ks the key's start. The value is the next line's one word,
// and the block must end after it.
func blockValueAt(data []byte, ks, p int) (vs, ve int, ok bool) {
	if p >= len(data) {
		return 0, 0, false
	}
	var closer string
	q := p
	switch c := data[p]; c {
	case '|', '>':
		q++
		for n := 0; q < len(data) && n < 2 && (data[q] == '-' || data[q] == '+' || isDigit(data[q])); n++ {
			q++
		}
	case '"', '\'':
		if p+2 < len(data) && data[p+1] == c && data[p+2] == c {
			closer = string([]byte{c, c, c})
			q += 3
		} else if c == '\'' && p+1 < len(data) && data[p+1] == '\'' {
			closer = "''"
			q += 2
		} else {
			return 0, 0, false
		}
	case '\\':
		closer = "\\"
		q++
	default:
		return 0, 0, false
	}
	q = skipSpaces(data, q)
	if q < len(data) && data[q] == '\r' {
		q++
	}
	if q >= len(data) || data[q] != '\n' {
		return 0, 0, false
	}
	ls := lineStartOf(data, ks)
	if ls < 0 || indexFold(data[ls:ks], "encrypt") >= 0 {
		// (systemd's SetCredentialEncrypted=name: \ and the like hold ciphertext)
		return 0, 0, false
	}
	q++
	vs = skipSpaces(data, q)
	indent := vs - q
	e := lineEnd(data, vs, maxUnquoted)
	if e >= len(data) && len(data)-vs >= maxUnquoted {
		return 0, 0, false
	}
	ve = e
	if closer == "\"\"\"" || closer == "'''" {
		// the closer may end the value's own line
		if ve-vs > 3 && string(data[ve-3:ve]) == closer {
			ve -= 3
			closer = ""
		}
	}
	for ve > vs && (data[ve-1] == ' ' || data[ve-1] == '\t') {
		ve--
	}
	if ve-vs < 6 {
		return 0, 0, false
	}
	for i := vs; i < ve; i++ {
		if data[i] == ' ' || data[i] == '\t' {
			return 0, 0, false // one word only
		}
	}
	// the line after the value
	n := e
	if n < len(data) && data[n] == '\r' {
		n++
	}
	if n < len(data) {
		n++
	}
	nx := skipSpaces(data, n)
	nextIndent := nx - n
	nextBlank := nx >= len(data) || data[nx] == '\n' || data[nx] == '\r'
	switch closer {
	case "":
		if data[p] == '|' || data[p] == '>' {
			// YAML: the value is indented past its key, the block ends after it
			keyIndent := ks - ls
			if indent <= keyIndent || !nextBlank && nextIndent > keyIndent {
				return 0, 0, false
			}
		}
	case "\\":
		if data[ve-1] == '\\' {
			return 0, 0, false // the value goes on
		}
	case "''":
		if nx+2 > len(data) || string(data[nx:nx+2]) != "''" || nx+2 < len(data) && data[nx+2] == '\'' {
			return 0, 0, false
		}
	default: // """ or ''' on a line of its own
		if nx+3 > len(data) || string(data[nx:nx+3]) != closer {
			return 0, 0, false
		}
	}
	return vs, ve, true
}

// lineStartOf returns the offset of the start of p's line, or -1 when the line
// starts more than maxKeyLen*4 bytes before p (no block's key stands so far in).
func lineStartOf(data []byte, p int) int {
	lo := max(0, p-maxKeyLen*4)
	for p > lo && data[p-1] != '\n' && data[p-1] != '\r' {
		p--
	}
	if p > 0 && data[p-1] != '\n' && data[p-1] != '\r' {
		return -1
	}
	return p
}

// statementValue reads a statement or a call that names the key first and gives the
// value as a string literal after it, without an assignment operator: CMake's
// set(KEY "value"), AppleScript's set key to "value", Tcl's set key {value}, a
// PowerShell parameter -Key 'value', C++'s key{"value"} and an alist's (key . "value").
// p is the first byte after the key (and its closing quote, if any).
func statementValue(data []byte, ks, ke, p int) (vs, ve int, q byte, ok bool) {
	if ks == 0 || p >= len(data) {
		return 0, 0, 0, false
	}
	quoted := func(at int, ends string) (int, int, byte, bool) {
		s, vq, esc, pct := skipQuote(data, at)
		if vq != '"' && vq != '\'' || esc != 0 || pct {
			return 0, 0, 0, false
		}
		end, found := closingQuote(data, s, vq, 0, false)
		if !found || end <= s || end+1 > len(data) {
			return 0, 0, 0, false
		}
		r := skipSpaces(data, end+1)
		if r < len(data) && data[r] != '\n' && data[r] != '\r' && strings.IndexByte(ends, data[r]) < 0 {
			return 0, 0, 0, false
		}
		return s, end, vq, true
	}
	prev := data[ks-1]
	switch {
	case prev == '(' && ks >= 4 && hasPrefixFold(data, ks-4, "set(") && (ks == 4 || !is(data[ks-5], cWord|cDot)):
		// CMake: set(KEY "value") or set(KEY "value" CACHE STRING "…")
		if data[p] != ' ' {
			return 0, 0, 0, false
		}
		s, end, vq, ok := quoted(skipSpaces(data, p), ")C")
		if ok && end+1 < len(data) {
			r := skipSpaces(data, end+1)
			if r < len(data) && data[r] == 'C' && !hasPrefixFold(data, r, "cache ") {
				return 0, 0, 0, false
			}
		}
		return s, end, vq, ok
	case prev == ' ' && ks >= 4 && hasPrefixFold(data, ks-4, "set ") && lineStartAt(data, ks-4):
		if data[p] != ' ' {
			return 0, 0, 0, false
		}
		r := skipSpaces(data, p)
		if hasPrefixFold(data, r, "to ") {
			return quoted(skipSpaces(data, r+3), "") // AppleScript
		}
		if r < len(data) && data[r] == '{' {
			// Tcl's braces quote a word: set key {value}
			e := r + 1
			lim := lineEnd(data, e, maxUnquoted)
			for e < lim && data[e] != '}' && data[e] != '{' && data[e] != ' ' && data[e] != '\\' {
				e++
			}
			if e < lim && data[e] == '}' && e > r+1 && restBlank(data, e+1) {
				return r + 1, e, '\'', true
			}
		}
		return 0, 0, 0, false
	case data[ks] == '-' && ke-ks > 2 && isUpper(data[ks+1]) && (prev == ' ' || prev == '\t'):
		// a PowerShell parameter: Connect-X -Password 'value'
		if data[p] != ' ' {
			return 0, 0, 0, false
		}
		return quoted(skipSpaces(data, p), "-|;)")
	case prev == '(' && data[p] == ' ' && p+3 < len(data) && data[p+1] == '.' && data[p+2] == ' ':
		// (key . "value")
		return quoted(p+3, ")")
	case data[p] == '{' && p+1 < len(data) && data[p+1] == '"' && (prev == ' ' || prev == '\t'):
		// C++: std::string key{"value"};
		s, end, vq, ok := quoted(p+1, "}")
		if ok {
			if r := skipSpaces(data, end+1); r >= len(data) || data[r] != '}' {
				return 0, 0, 0, false
			}
		}
		return s, end, vq, ok
	}
	return 0, 0, 0, false
}

// declValue reads the value a declaration gives the name it declares in a later
// argument or attribute: Terraform's variable "db_password" { … default = "…" }
// and Meson's option('db_password', type : 'string', value : '…'). ks:ke is the
// quoted name, kq its quote, p the byte after the closing quote.
func declValue(data []byte, ks, ke int, kq byte, p int) (vs, ve int, q byte, ok bool) {
	if ks < 2 || p > len(data) {
		return 0, 0, 0, false
	}
	var attr string
	var lim int
	switch {
	case kq == '"' && ks >= 10 && string(data[ks-10:ks-1]) == "variable " && lineStartAt(data, ks-10):
		// the block: to the first '}' that starts a line
		r := skipSpaces(data, p)
		if r >= len(data) || data[r] != '{' {
			return 0, 0, 0, false
		}
		lim = min(len(data), r+1024)
		for i := r + 1; i < lim; i++ {
			if data[i] == '}' && lineStartAt(data, i) {
				lim = i
				break
			}
		}
		attr = "default"
	case kq == '\'' && ks >= 8 && string(data[ks-8:ks-1]) == "option(":
		lim = lineEnd(data, p, 512)
		attr = "value"
	default:
		return 0, 0, 0, false
	}
	for i := p; i < lim; {
		j := indexFold(data[i:lim], attr)
		if j < 0 {
			return 0, 0, 0, false
		}
		i += j
		at := i + len(attr)
		if is(data[i-1], cWord) || at < lim && is(data[at], cWord) {
			i = at
			continue
		}
		r := skipSpaces(data, at)
		if r >= lim || data[r] != '=' && data[r] != ':' || r+1 < lim && data[r+1] == '=' {
			i = at
			continue
		}
		s, vq, esc, pct := skipQuote(data, skipSpaces(data, r+1))
		if vq != '"' && vq != '\'' || esc != 0 || pct {
			return 0, 0, 0, false
		}
		end, found := closingQuote(data, s, vq, 0, false)
		if !found || end <= s || end >= lim {
			return 0, 0, 0, false
		}
		return s, end, vq, true
	}
	return 0, 0, 0, false
}
