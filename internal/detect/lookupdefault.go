package detect

import "bytes"

// A secret written into code as the default of a lookup: the value a program falls
// back on when the environment or its configuration lacks the name. The name inside
// the lookup is the secret's name, the literal after the fallback operator its value:
//
//	process.env.API_KEY || "…"            (JavaScript, TypeScript; also ??)
//	ENV["DB_PASSWORD"] || "…"             (Ruby; Perl's $ENV{X} || "…")
//	getenv('DB_PASSWORD') ?: '…'          (PHP; $_ENV['X'] ?? '…')
//	Environment.GetEnvironmentVariable("X") ?? "…"  (C#; configuration["X"] ?? "…")
//	os.environ.get("X") or "…"            (Python)
//	Optional.ofNullable(System.getenv("X")).orElse("…")  (Java)
//	env::var("X").unwrap_or("…".to_string())  (Rust)
//	${X:-…}, ${X:=…}, ${x.y:…}           (shell, docker-compose, Spring placeholders)
//
// The call forms that take the default as an argument (os.getenv("X", "…"),
// getOrDefault("X", "…"), ENV.fetch("X", "…")) are read by parseAssignOther.

// braceDefault reads a placeholder with a default, `${NAME:-value}`, `${NAME:=value}`
// (shell, docker-compose) or `${name:value}` (Spring): the value stands under NAME.
// hit reports that the key is such a placeholder's name (then ok says whether it has a
// value): its text is never read as "NAME: value".
func braceDefault(data []byte, a assignment) (r assignment, ok, hit bool) {
	ks, ke := a.keyStart, a.keyEnd
	if ks < 2 || data[ks-2] != '$' || data[ks-1] != '{' || ke >= len(data) || data[ke] != ':' {
		return a, false, false
	}
	p := ke + 1
	if p < len(data) && (data[p] == '-' || data[p] == '=') {
		p++
	} else if p < len(data) && (data[p] == '?' || data[p] == '+' || data[p] == ' ' || isDigit(data[p])) {
		// ${X:?message}, ${X:+alternate}, ${X:0:8}, ${X: -4}: no default
		return a, false, true
	}
	lim := lineEnd(data, p, maxUnquoted)
	vs, q, esc, _ := skipQuote(data, p)
	if q == '"' || q == '\'' {
		if esc != 0 {
			return a, false, true
		}
		e := bytes.IndexByte(data[vs:lim], q)
		if e < 0 || vs+e+1 >= len(data) || data[vs+e+1] != '}' {
			return a, false, true
		}
		a.valStart, a.valEnd, a.quote, a.notCode = vs, vs+e, q, true
		return a, e > 0, true
	}
	// unquoted: to the brace that closes the placeholder (a nested ${OTHER} is
	// read with it, and is a reference the placeholder test refuses)
	depth := 0
	e := p
	for ; e < lim; e++ {
		if data[e] == '{' {
			depth++
		} else if data[e] == '}' {
			if depth == 0 {
				break
			}
			depth--
		}
	}
	if e >= lim {
		return a, false, true
	}
	a.valStart, a.valEnd, a.quote, a.notCode = p, e, 0, true
	return a, e > p, true
}

// lookupFallback reads the literal a lookup of the name at ks:ke falls back on:
// the name is quoted inside a call or an index (getenv("X"), ENV['X']) or is a member
// (process.env.X), and the fallback operator and a string literal follow the lookup.
func lookupFallback(data []byte, ks, ke int) (assignment, bool) {
	a := assignment{keyStart: ks, keyEnd: ke}
	p := ke
	// the quote that closes the name, and the one that opens it: the name may be the
	// last part of the quoted string (configuration["Smtp:Password"])
	var kq byte
	qs := ks
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		kq = data[p]
		for qs > 0 && ks-qs < maxKeyLen && data[qs-1] != kq && (data[qs-1] == ':' || isKeyByte(data[qs-1])) {
			qs--
		}
		if qs == 0 || data[qs-1] != kq {
			return a, false
		}
		qs--
		p++
	}
	closers := 0
	for p < len(data) && closers < 3 && (data[p] == ')' || data[p] == ']' || data[p] == '}') {
		p++
		closers++
	}
	switch {
	case kq != 0:
		// the quoted name is a call's argument or an index: ("X"), ['X']
		if closers == 0 || qs < 1 || data[qs-1] != '(' && data[qs-1] != '[' {
			return a, false
		}
	case closers > 0 && ks >= 4 && string(data[ks-4:ks]) == "ENV{":
		// Perl's $ENV{X}
	case closers == 0 && envMember(data, ks, ke):
	default:
		return a, false
	}
	p = skipSpaces(data, p)
	op := fallbackOp(data, p)
	if op == 0 {
		return a, false
	}
	p = skipSpaces(data, p+op)
	if hasPrefixFold(data, p, "|_|") { // Rust's unwrap_or_else(|_| "…")
		p = skipSpaces(data, p+3)
	}
	vs, q, esc, pct := skipQuote(data, p)
	if q != '"' && q != '\'' || esc != 0 || pct {
		return a, false
	}
	end, found := closingQuote(data, vs, q, 0, false)
	if !found || end <= vs || bytes.IndexByte(data[vs:end], '\n') >= 0 {
		return a, false
	}
	if !fallbackEnds(data, end+1) {
		return a, false // "…" + more, "…".format(x): the literal is only a part
	}
	a.valStart, a.valEnd, a.quote, a.args = vs, end, q, true
	return a, true
}

// envMember reports an unquoted name that is a member of the environment or a
// configuration object: process.env.X, import.meta.env.X, ENV.X, config.X. The key
// may hold the object's path (keyAround reads dots into it).
func envMember(data []byte, ks, ke int) bool {
	i := bytes.LastIndexByte(data[ks:ke], '.')
	if i > 0 {
		i += ks
	} else if ks >= 2 && data[ks-1] == '.' {
		i = ks - 1
	} else {
		return false
	}
	s := i
	for s > 0 && is(data[s-1], cWord) {
		s--
	}
	switch string(bytes.ToLower(data[s:i])) {
	case "env", "environ", "config", "settings", "conf", "cfg", "secrets", "vars":
		return true
	}
	return false
}

// fallbackOp returns the length of a fallback operator at p, or 0: ||, ??, ?:, or,
// //, .orElse(, .unwrap_or(, .unwrap_or_else(, and a Ruby fetch's block "{".
func fallbackOp(data []byte, p int) int {
	for _, op := range []string{"||", "??", "?:", "or ", "// ", ".orElse(", ".unwrap_or(", ".unwrap_or_else(", "{ "} {
		if bytes.HasPrefix(data[p:], []byte(op)) {
			if op == "||" || op == "??" {
				if p+2 < len(data) && data[p+2] == '=' {
					return 0 // ||= and ??= assign
				}
			}
			return len(op)
		}
	}
	return 0
}

// fallbackEnds reports that the expression ends after a fallback's literal at p: at
// the end of the line or of a statement, an argument or a group, or after Rust's
// conversion of the literal to a String.
func fallbackEnds(data []byte, p int) bool {
	for _, conv := range []string{".to_string()", ".to_owned()", ".into()", ".toString()"} {
		if bytes.HasPrefix(data[p:], []byte(conv)) {
			p += len(conv)
			break
		}
	}
	p = skipSpaces(data, p)
	if p >= len(data) {
		return true
	}
	switch data[p] {
	case '\n', '\r', ';', ')', ',', '}', ']':
		return true
	}
	return false
}
