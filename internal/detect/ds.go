package detect

import "bytes"

// Classes of credentials and of their non-credential look-alikes that detect-secrets'
// and secretlint's test suites (their half A) showed: tested in ds_classes_test.go.

// templateMarker reports whether a placeholder word is one of the markers of template
// or shell interpolation ("${", "{{", "#{", "{%", "<%", "$(").
func templateMarker(w string) bool {
	switch w {
	case "${", "$(", "{{", "}}", "{%", "%}", "<%", "#{":
		return true
	}
	return false
}

// misNested reports a value whose brackets cannot be a template's: somewhere a closing
// bracket meets an open bracket of another kind ("{{h}o)p${e]…"). An expression that a
// template engine or a shell evaluates closes what it opens in order; a generated
// password that happens to hold "${" or "{{" among other punctuation does not. Brackets
// left open at the end say nothing (a value cut short), so they do not count.
func misNested(v []byte) bool {
	var stack [32]byte
	n := 0
	for _, c := range v {
		switch c {
		case '(', '[', '{':
			if n == len(stack) {
				return false
			}
			stack[n] = c
			n++
		case ')', ']', '}':
			open := byte('(')
			if c != ')' {
				open = c - 2 // '[' and '{' stand two before ']' and '}' in ASCII
			}
			if n > 0 && stack[n-1] != open {
				return true
			}
			if n > 0 {
				n--
			}
		}
	}
	return false
}

// braceName reports a value that is one name in single braces ("{PASS}",
// "{db_password}"): the placeholder of Python's str.format, .NET's and Rust's format
// strings and URL templates, which a program fills in.
func braceName(v []byte) bool {
	if len(v) < 3 || v[0] != '{' || v[len(v)-1] != '}' {
		return false
	}
	in := v[1 : len(v)-1]
	return len(in) <= 64 && run(in, 0, cWord|cDash|cDot, len(in)) == len(in)
}

// fakeWord reports "fake" as a word of its own in a value ("a-fake-key", "FAKE_TOKEN",
// "fake"): a value its writer calls fake. Inside a random token the four letters turn
// up by chance, so they count only between separators (not letters, not digits).
func fakeWord(low []byte) bool {
	for i := 0; ; {
		j := bytes.Index(low[i:], []byte("fake"))
		if j < 0 {
			return false
		}
		s, e := i+j, i+j+4
		if (s == 0 || !is(low[s-1], cAlnum)) && (e == len(low) || !is(low[e], cAlnum)) {
			return true
		}
		i = s + 1
	}
}

// cArrayDeclarator returns the offset past a C array declarator right after a name
// ("password[25]", "secret[]"), or p when there is none: char password[25] = "…".
func cArrayDeclarator(data []byte, p int) int {
	if p >= len(data) || data[p] != '[' {
		return p
	}
	q := p + 1
	for q < len(data) && q-p <= 5 && is(data[q], cDigit) {
		q++
	}
	if q < len(data) && data[q] == ']' {
		return q + 1
	}
	return p
}

// reverseCompare reads a string literal compared with a credential's name written
// after it, as Yoda conditions put it: if ("…" == password), if ('…' !== api_key). ks is
// where the name starts.
func reverseCompare(data []byte, a assignment, ks int) (assignment, bool) {
	p := ks
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') && ks-p < 8 {
		p--
	}
	n := 0
	switch {
	case p >= 3 && (string(data[p-3:p]) == "===" || string(data[p-3:p]) == "!=="):
		n = 3
	case p >= 2 && (string(data[p-2:p]) == "==" || string(data[p-2:p]) == "!="):
		n = 2
	default:
		return a, false
	}
	p -= n
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') && ks-p < 16 {
		p--
	}
	if p < 2 || data[p-1] != '"' && data[p-1] != '\'' {
		return a, false
	}
	q, end := data[p-1], p-1
	s := end - 1
	for s >= 0 && end-s <= maxValueLen && data[s] != q && data[s] != '\n' {
		s--
	}
	if s < 0 || data[s] != q || s+1 >= end || s > 0 && data[s-1] == '\\' {
		return a, false
	}
	a.valStart, a.valEnd, a.quote = s+1, end, q
	return a, true
}

// oneByteRepeated reports a value of three or more of one byte ("1111", "aaa"): what
// a form or a tutorial types for "some password", too short for lowVariety's test.
func oneByteRepeated(low []byte) bool {
	if len(low) < 3 {
		return false
	}
	for _, c := range low[1:] {
		if c != low[0] {
			return false
		}
	}
	return true
}

// shopifyBody accepts the body of a Shopify token after its prefix: 32 hex digits, as
// the tokens were first issued, or 32 to 48 letters and digits of both cases with a
// digit among them, as Shopify's longer app secrets and access tokens are now issued.
func shopifyBody(tok []byte) bool {
	i := bytes.IndexByte(tok, '_')
	if i < 0 {
		return false
	}
	b := tok[i+1:]
	hex := len(b) == 32
	for _, c := range b {
		hex = hex && (is(c, cDigit) || c|0x20 >= 'a' && c|0x20 <= 'f')
	}
	return hex || classCount(b) == 3
}

// directivePassword reads a password given as the one quoted argument of a directive
// named password, alone on its line: the resource attributes of Chef and other Ruby DSLs
// (password "…"), statement-per-line configuration (password "…";). Only the bare words
// password and passwd: a longer key is a setting name that the blank-separated setting
// form already reads when its value looks generated.
func directivePassword(data []byte, a assignment) (assignment, bool) {
	ks, ke := a.keyStart, a.keyEnd
	k := data[ks:ke]
	if !bytes.EqualFold(k, []byte("password")) && !bytes.EqualFold(k, []byte("passwd")) || !lineStartAt(data, ks) {
		return a, false
	}
	if ke+2 >= len(data) || data[ke] != ' ' || data[ke+1] != '"' && data[ke+1] != '\'' {
		return a, false
	}
	q := data[ke+1]
	end, found := closingQuote(data, ke+2, q, 0, false)
	if !found || end <= ke+2 || !restBlank(data, end+1) {
		return a, false
	}
	a.valStart, a.valEnd, a.quote = ke+2, end, q
	return a, true
}
