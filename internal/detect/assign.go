package detect

import (
	"bytes"
	"html"
	"unicode"
	"unicode/utf8"
)

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
	notCode          bool // the form is never program code (make's ?=, ENV, a flag)
	userPair         bool // unquoted, ending its line, a user name's assignment just above or before it; or a connection string's field after its user field (connListUserField)
	anonUser         bool // the user assigned just before is "anonymous"
	ctxDone          bool // userPair and anonUser are set
	args             bool // the key is a quoted call argument or a method, the value the string after it
	// own is a record field's own name, when its path is longer: the last two parts of
	// the path, where a provider must be named to claim the value (see ownName)
	own         []byte
	field       bool // the value is a record's or a structured file's field, the key its name
	storeRec    bool // the field is a store's record's (not a file's): abbreviated and ambiguous names read as in abbrev.go
	corrob      bool // the record holds a credential under a plain name (corroboratedValue)
	policyPlace bool // the value stands where a setting's value does (see policyPlaceAt)
	weakLeaf    bool // the key's own name, after its parents', is a bare "key", "auth" or "cred" (see weakLeafName)
	apiParent   bool // a bare "key" whose section or parent names an API's access (keyparent.go)
}

// userContext sets userPair and anonUser for value v, looking back only where they can
// matter: a bare word unquoted, a value with an '@'.
func userContext(data []byte, a *assignment, v []byte) {
	a.ctxDone = true
	a.policyPlace = policyPlaceAt(data, a)
	if !a.field && a.keyEnd <= len(data) {
		a.weakLeaf = weakLeafName(data[a.keyStart:a.keyEnd])
	}
	if a.keyEnd-a.keyStart == 3 && a.keyEnd <= len(data) && allHex(v) {
		a.apiParent = apiParentAt(data, a.keyStart) // (keyparent.go)
	}
	if a.quote == 0 && run(v, 0, cWord|cDash, len(v)) == len(v) {
		a.userPair = userPairAt(data, a)
	}
	if !a.userPair && a.quote == 0 {
		a.userPair = connListUserField(data, a) // (dsn40.go)
	}
	if bytes.IndexByte(v, '@') > 0 {
		lo := max(0, a.keyStart-160)
		a.anonUser = indexFold(data[lo:a.keyStart], "anonymous") >= 0
	}
}

// policyPlaceAt reports whether the value of a stands where a setting keeps its value,
// the only place where a password as a policy asks for it (policyPassword) is taken under
// a secret's name: a record's or a structured file's field, a quoted string, an XML
// element, or an unquoted value that follows '=' or ':' and ends its line or a query's
// parameter (WEBHOOK_SECRET=…, push_token: …, ?token=…&). Elsewhere the same shape is
// code's or prose's: a struct field and its type (FxAuth  Tsqlite3_xauth), the next
// setting of a line whose secret is empty (auth_token= queue_limit=0).
func policyPlaceAt(data []byte, a *assignment) bool {
	if a.field || a.quote != 0 {
		return true
	}
	if a.keyEnd > a.valStart || a.valStart > len(data) || bytes.IndexAny(data[a.keyEnd:a.valStart], "=:") < 0 {
		return false
	}
	// (or ends at the next parameter of a query or a form: secret=…&region=…)
	return restBlank(data, a.valEnd) || a.query || a.valEnd < len(data) && data[a.valEnd] == '&'
}

// weakLeafName reports a nested name whose own part, after its parents' ("metadata.auth",
// "smtp/key"), is one of the words that name a secret only sometimes ("key", "auth",
// "cred"): the parents say where the value sits, not what it is, so the name is as weak
// as the bare word. A list of authentication schemes under a service's "auth"
// ("aws.auth#sigv4") is no password. (The bare words themselves: secretAssign.)
func weakLeafName(name []byte) bool {
	name = bytes.Trim(name, "\"'` []")
	i := bytes.LastIndexAny(name, "./:")
	if i < 0 || i == len(name)-1 {
		return false
	}
	switch string(bytes.ToLower(name[i+1:])) {
	case "key", "auth", "cred":
		return true
	}
	return false
}

// userPairAt reports an unquoted value that ends its line (or a ';'-terminated
// statement) and follows, within the three lines before it, the assignment of a user
// name: "user = bob" / "password = jam_tomorrow", "Username=x" / "Password=y" in an INI
// section. There a bare word is the password that goes with that user.
func userPairAt(data []byte, a *assignment) bool {
	e := a.valEnd
	for e < len(data) && (data[e] == ';' || data[e] == ' ' || data[e] == '\t') {
		e++
	}
	if e < len(data) && data[e] != '\n' && data[e] != '\r' && data[e] != '#' {
		return false
	}
	lo, lines := a.keyStart, 0
	for lo > 0 && a.keyStart-lo < 240 {
		if data[lo-1] == '\n' {
			if lines++; lines > 3 {
				break
			}
		}
		lo--
	}
	w := data[lo:a.keyStart]
	for _, name := range []string{"user", "login", "uid"} {
		for off := 0; off < len(w); {
			i := indexFold(w[off:], name)
			if i < 0 {
				break
			}
			p := off + i + len(name)
			for p < len(w) && (isKeyByte(w[p]) || w[p] == '"' || w[p] == '\'') {
				p++
			}
			if hasPrefixFold(w, p, " id") {
				p += 3
			}
			p = skipSpaces(w, p)
			if p < len(w) && (w[p] == '=' || w[p] == ':') && (p+1 >= len(w) || w[p+1] != '=') {
				return true
			}
			off = p
			if off <= i {
				off = i + 1
			}
		}
	}
	return false
}

func isKeyByte(b byte) bool { return is(b, cWord|cDash|cDot) }

// keyAround returns the bounds of the key word around offset at.
func keyAround(data []byte, at int) (ks, ke int, ok bool) {
	if at < len(data) && data[at] >= utf8.RuneSelf {
		ks, ke = keyAroundLetters(data, at)
	} else {
		ks = at
		for ks > 0 && at-ks < maxKeyLen && isKeyByte(data[ks-1]) {
			ks--
		}
		ke = at
		for ke < len(data) && ke-ks < maxKeyLen && isKeyByte(data[ke]) {
			ke++
		}
		if ke < len(data) && data[ke] >= utf8.RuneSelf || ks > 0 && data[ks-1] >= utf8.RuneSelf {
			ks, ke = keyAroundLetters(data, at) // "clé_secrète": letters past ASCII go on
		}
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

// keyAroundLetters is keyAround for a key word of another script ("秘密", "секрет",
// "API密钥"): the key runs over letters, marks and digits of any script as well as
// the key bytes of ASCII; punctuation of any script ("：", "「") ends it.
func keyAroundLetters(data []byte, at int) (ks, ke int) {
	keyRune := func(r rune) bool {
		if r < utf8.RuneSelf {
			return isKeyByte(byte(r))
		}
		// (the zero-width non-joiner and joiner are inside words of Indic scripts and
		// Persian: Kannada's "ಪಾಸ್\u200cವರ್ಡ್", password)
		return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '\u200c' || r == '\u200d'
	}
	ks = at
	for ks > 0 && at-ks < maxKeyLen {
		r, n := utf8.DecodeLastRune(data[:ks])
		if r == utf8.RuneError || !keyRune(r) {
			break
		}
		ks -= n
	}
	ke = at
	for ke < len(data) && ke-ks < maxKeyLen {
		r, n := utf8.DecodeRune(data[ke:])
		if r == utf8.RuneError || !keyRune(r) {
			break
		}
		ke += n
	}
	return ks, ke
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
		case '`':
			if n == 0 && p+1 < len(data) && data[p+1] == '`' && p+2 < len(data) && data[p+2] != '`' {
				return p + 2, '`', 0, false // reStructuredText's inline literal: ``value``
			}
			return p + n + 1, data[p+n], n, false
		case '"', '\'':
			return p + n + 1, data[p+n], n, false
		}
	}
	if n == 0 && p+6 <= len(data) && data[p] == '&' {
		// HTML: &quot; &#34; &#39; &apos;
		for _, e := range htmlQuotes {
			if bytes.HasPrefix(data[p:], []byte(e.ent)) {
				return p + len(e.ent), e.q, 0, true
			}
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

// skipSpaces skips the blanks around an operator; column-aligned configuration pads
// names to a common width, so the run may be long.
func skipSpaces(data []byte, p int) int { return run(data, p, cBlank, 40) }

// escapedQuoteAt reports one to eight backslashes at data[p] followed by a quote.
func escapedQuoteAt(data []byte, p int) bool {
	n := 0
	for p+n < len(data) && data[p+n] == '\\' && n < 8 {
		n++
	}
	return n > 0 && p+n < len(data) && (data[p+n] == '"' || data[p+n] == '\'')
}

// skipSep skips an assignment operator: ':', '=', ':=', '=>', '%3A', '%3D'.
func skipSep(data []byte, p int) (int, bool, bool) {
	if p >= len(data) {
		return p, false, false
	}
	switch data[p] {
	case '?', '.', '+':
		// make's "?=", PHP's ".=", "+=" appending to a variable
		if p+1 < len(data) && data[p+1] == '=' && (p+2 >= len(data) || data[p+2] != '=') {
			return p + 2, true, false
		}
		return p, false, false
	case '|':
		// Ruby's and Perl's "||=": a default assigned when unset
		if p+2 < len(data) && data[p+1] == '|' && data[p+2] == '=' && (p+3 >= len(data) || data[p+3] != '=') {
			return p + 3, true, false
		}
		return p, false, false
	case ':':
		if p+1 < len(data) && data[p+1] == '=' {
			return p + 2, true, false
		}
		// make's "::=" and ":::="
		if p+2 < len(data) && data[p+1] == ':' && data[p+2] == '=' {
			return p + 3, true, false
		}
		if p+3 < len(data) && data[p+1] == ':' && data[p+2] == ':' && data[p+3] == '=' {
			return p + 4, true, false
		}
		// "https://…" is a URL and "pass::run" a C++ scope, not assignments; but a
		// backslash may open an escaped quote, as JSON nested in a JSON string writes
		// its values (\"auth\":\"…\")
		if p+1 < len(data) && (data[p+1] == '/' || data[p+1] == ':' || data[p+1] == '\\' && !escapedQuoteAt(data, p+1)) {
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
	case '<':
		// R's assignment arrows "<-" and "<<-" (api_key <- "…"). Not "<--" (an
		// arrow drawn in text or an HTML comment's opening) nor "<->".
		q := p + 1
		if q < len(data) && data[q] == '<' {
			q++
		}
		if q+1 < len(data) && data[q] == '-' && data[q+1] != '-' && data[q+1] != '>' {
			return q + 1, true, false
		}
		return p, false, false
	case '%':
		if p+3 <= len(data) && data[p+1] == '3' && (data[p+2] == 'A' || data[p+2] == 'a' || data[p+2] == 'D' || data[p+2] == 'd') {
			return p + 3, true, true
		}
	case '\\':
		// Java .properties escape '=' and ':' inside a value: a URL's query in one
		// reads "…?user\=erp&password\=…" (java.util.Properties.store writes it so)
		if p+1 < len(data) && (data[p+1] == '=' || data[p+1] == ':') && (p == 0 || data[p-1] != '\\') {
			return p + 2, true, false
		}
	case 0xef:
		// the full-width colon (U+FF1A) of Chinese and Japanese text: "API Key：…"
		// (found by the held14 evaluation split)
		if bytes.HasPrefix(data[p:], []byte("\uff1a")) {
			return p + 3, true, false
		}
	}
	return p, false, false
}

// quoteXML marks a value read from between an XML element's tags.
const quoteXML = 2

// typeWords are the type names that may stand between a variable and its value in
// declarations: Go's "var token string = …", TypeScript's "token: string = …", Dhall's
// "let token : Text = …".
var typeWords = map[string]bool{"string": true, "String": true, "str": true, "const": true, "&str": true, "[]byte": true, "CharSequence": true, "Text": true}

// skipType skips a type name and the spaces after it when an '=' follows them. Visual
// Basic names the type after "As" ("Const API_TOKEN As String = …", "Dim key As String
// = …").
func skipType(data []byte, p int) int {
	if hasPrefixFold(data, p, "as ") {
		if r := skipSpaces(data, p+2); r > p+2 {
			if q := skipType(data, r); q > r {
				return q
			}
		}
	}
	q := p
	for q < len(data) && q-p < 16 && (is(data[q], cWord) || data[q] == '&' || data[q] == '[' || data[q] == ']') {
		q++
	}
	if q == p || !typeWords[string(data[p:q])] {
		return p
	}
	r := skipSpaces(data, q)
	if r < len(data) && data[r] == '=' && (r+1 >= len(data) || data[r+1] != '=') {
		return r
	}
	return p
}

// parseAssign reads the assignment whose key contains offset at.
func parseAssign(data []byte, at int) (a assignment, ok bool) {
	ks, ke, ok := keyAround(data, at)
	if !ok {
		return a, false
	}
	if arnResource(data, ks) {
		return a, false
	}
	a.keyStart, a.keyEnd = ks, ke
	if ks > 0 && (data[ks-1] == '?' || data[ks-1] == '&') {
		a.query = true
	}
	if r, ok, hit := braceDefault(data, a); hit {
		return r, ok // ${NAME:-value}, ${name:value} (lookupdefault.go)
	}
	// a property list's <key>apiToken</key> and the <string> after it
	if ks >= 5 && string(data[ks-5:ks]) == "<key>" && bytes.HasPrefix(data[ke:], []byte("</key>")) {
		q := ke + len("</key>")
		for n := 0; q < len(data) && n < 16 && (data[q] == ' ' || data[q] == '\t' || data[q] == '\r' || data[q] == '\n'); n++ {
			q++
		}
		if !bytes.HasPrefix(data[q:], []byte("<string>")) {
			return a, false
		}
		vs, ve, ok := elementTextAt(data, q+len("<string>"))
		if !ok {
			return a, false
		}
		a.valStart, a.valEnd, a.quote = vs, ve, quoteXML
		return a, true
	}
	// <apiToken>value</apiToken>, the value possibly on a line of its own
	if ks > 0 && data[ks-1] == '<' && ke < len(data) && data[ke] == '>' {
		vs := ke + 1
		lim := min(len(data), vs+maxValueLen)
		ve := vs
		lines := 0
		for ve < lim && data[ve] != '<' && lines <= 2 {
			if data[ve] == '\n' {
				lines++
			}
			ve++
		}
		if sv, se, ok := sgmlLineValue(data, ks, vs); ok {
			a.valStart, a.valEnd, a.quote = sv, se, quoteXML
			return a, true
		}
		if ve+2 <= len(data) && data[ve] == '<' && data[ve+1] == '/' && hasPrefixFold(data, ve+2, string(bytes.ToLower(data[ks:ke]))) {
			vs, ve = trimSpan(data, vs, ve)
			if bytes.IndexByte(data[vs:ve], '\n') >= 0 {
				return a, false
			}
			a.valStart, a.valEnd, a.quote = vs, ve, quoteXML
			return a, ve > vs
		}
		return a, false
	}
	p, kq, _, pctQ := skipQuote(data, ke)
	arrayDecl := false
	if kq == 0 {
		q := cArrayDeclarator(data, p) // char password[25] = "…"
		arrayDecl, p = q > p, q
	}
	if p < len(data) && data[p] == ']' && (kq != 0 || ks > 0 && data[ks-1] == ':') {
		p++ // os.environ["API_TOKEN"] = …, opts[:api_token] ||= …
	}
	sp := skipSpaces(data, p)
	a.spacedSep = sp > p
	p = sp
	if kq == 0 && a.spacedSep {
		p = skipType(data, p) // var token string = …
	}
	sepAt := p
	p, ok, pctS := skipSep(data, p)
	if !ok {
		if n := compareOp(data, sepAt); n > 0 {
			return compareLiteral(data, a, sepAt+n)
		}
		if r, ok := reverseCompare(data, a, ks); ok && kq == 0 {
			return r, true // if ("…" == password)
		}
		a, ok = parseAssignOther(data, a, p, kq)
		a.spacedSep = false
		a.notCode = ok
		return a, ok
	}
	if p-sepAt >= 2 && (data[sepAt] == '?' || data[sepAt] == ':' && data[sepAt+1] == ':') {
		a.notCode = true
	}
	appendOp := p-sepAt == 2 && (data[sepAt] == '+' || data[sepAt] == '.') || p-sepAt == 3 && data[sepAt] == '|'
	if a.colonEq || p-sepAt == 1 && data[sepAt] == ':' {
		if q := skipType(data, skipSpaces(data, p)); q > skipSpaces(data, p) {
			p = q + 1 // token: string = …
		}
	}
	a.colonEq = p-sepAt == 2 && data[sepAt] == ':'
	a.colonSep = p-sepAt == 1 && data[sepAt] == ':'
	if pctS && (data[sepAt+2] == 'A' || data[sepAt+2] == 'a') {
		a.colonSep = true
	}
	if kq == 0 && (a.colonEq || p-sepAt == 1 && data[sepAt] == '=' && a.spacedSep) {
		// a multiple assignment (user, pass := "admin", "…"): the key's place among the
		// names on the left picks its value on the right
		if n := lhsIndex(data, ks); n > 0 {
			q, ok := rhsItem(data, skipSpaces(data, p), n)
			if !ok {
				return a, false
			}
			p = q
		}
	}
	p = skipValueWrap(data, skipSpaces(data, p))
	if p < len(data) && (data[p] == '|' || data[p] == '>' || data[p] == '"' || data[p] == '\'' || data[p] == '\\') {
		if vs, ve, ok := blockValueAt(data, ks, p); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, '\'' // a block of one line (syntaxforms.go)
			return a, true
		}
	}
	if kq == '"' && p < len(data) && data[p] == '{' {
		p = valueMember(data, p) // "adminPassword": { "value": "…" }
	}
	if p+1 < len(data) && data[p] == '@' && data[p+1] == '"' {
		p++ // a string literal of Objective-C (@"…") or a verbatim one of C# (@"…")
	}
	p += literalPrefix(data, p)
	vs, q, esc, pctV := skipQuote(data, p)
	if arrayDecl && (q != '"' || esc != 0) {
		return a, false // a C array holds a string literal; '…' is a character constant
	}
	a.quote, a.esc, a.pct = q, esc, pctQ || pctS || pctV
	if q == 0 && !appendOp {
		if lvs, lve, ok := altLiteralAt(data, p); ok {
			// password = [[…]] (Lua), password => q{…} (Perl), API_KEY = @"…"
			a.valStart, a.valEnd, a.quote = lvs, lve, '\''
			return a, true
		}
	}
	if q != 0 && kq == 0 && ks > 0 && data[ks-1] == q {
		// 'password = '.$x, passwordLabel:"Password:": the key and its operator are
		// the text of a string literal, and the quote after them closes it
		return a, false
	}
	if appendOp && q == 0 && !makeAppend(data, ks, ke, sepAt) {
		return a, false // x += y, x .= y: code unless a string literal is appended
	}
	a.valStart = vs
	if q == 0 && ks > 0 && (data[ks-1] == ';' && !entityEndsAt(data, ks-1) || data[ks-1] == ' ' && ks > 1 && data[ks-2] == ';') {
		// A connection string's "…;Password=p&ss w0rd;…": only ';' ends the value.
		if ce, ok := odbcBraced(data, vs); ok {
			// ODBC's "Pwd={p;ss}}w0rd}": braces quote it, "}}" is a '}' of its own
			a.valStart, a.valEnd, a.notCode = vs+1, ce, true
			return a, ce > vs+1
		}
		e := vs
		for e < len(data) && e-vs < maxUnquoted && (data[e] != ';' || escapedAmpEnd(data, vs, e)) && data[e] != '"' && data[e] != '\'' && data[e] != '\n' && data[e] != '\r' {
			e++
		}
		a.valEnd = trimSentenceEnd(data, vs, e)
		a.notCode = true
	} else if q == 0 && dockerEnvAt(data, ks) {
		// Dockerfile's ENV/ARG KEY=value: the value ends at a blank; '&' and ';' are
		// part of it (no shell reads it)
		e := vs
		for e < len(data) && e-vs < maxUnquoted && data[e] != ' ' && data[e] != '\t' && data[e] != '\n' && data[e] != '\r' {
			e++
		}
		a.valEnd = e
		a.notCode = true
	} else if q == 0 && kq == 0 && vs < len(data) && data[vs] >= utf8.RuneSelf && typographicQuoted(data, vs) {
		// "пароль: «X»", "Passwort: „X“", "密码：「X」": prose's quotation marks hold
		// the value (proseval.go)
		a.valStart, a.valEnd, _ = proseQuoted(data, vs, lineEnd(data, vs, maxUnquoted))
	} else if q == 0 {
		e := gluedCut(data, vs, unquotedEnd(data, vs))
		if a.query {
			e = queryValueEnd(data, vs, e)
		}
		if kq == 0 {
			if r, esc := stringProseEnd(data, vs, e); r > e {
				e = r
				if esc {
					a.esc = 1
				}
			} else if c := commentLineEnd(data, ks, vs, e); c > e {
				e = c
			} else {
				e = settingLineEnd(data, ks, ke, vs, e)
			}
		}
		a.valEnd = trimSentenceEnd(data, vs, e)
	} else {
		end, found := closingQuote(data, vs, q, esc, pctV)
		if !found {
			return a, false
		}
		a.valEnd = end
	}
	return a, a.valEnd > a.valStart
}

// literalPrefix returns the length of a string literal's prefix letters at data[p]
// when a quote follows them: SQL's N'…' (national) and E'…' (escapes), Python's
// b'…', r'…', u'…', rb'…', br'…'. A hex or bit literal (X'…', B'…' in SQL) is not
// text: B is taken only as Python's bytes prefix, which the value's shape decides
// like any other.
func literalPrefix(data []byte, p int) int {
	n := 0
	for n < 2 && p+n < len(data) && bytes.IndexByte([]byte("nNeEbBrRuU"), data[p+n]) >= 0 {
		n++
	}
	if n == 0 || p+n >= len(data) || data[p+n] != '\'' && data[p+n] != '"' {
		return 0
	}
	if n == 2 {
		// only Python's raw bytes: rb, br in any case
		a, b := data[p]|0x20, data[p+1]|0x20
		if !(a == 'r' && b == 'b' || a == 'b' && b == 'r') {
			return 0
		}
	}
	return n
}

// innerQuote returns the length of the quote that wraps v whole a second time ('"…"'
// or "\"…\""), or 0.
func innerQuote(v []byte) int {
	for _, q := range []string{`"`, `'`, `\"`} {
		if len(v) > 2*len(q) && bytes.HasPrefix(v, []byte(q)) && bytes.HasSuffix(v, []byte(q)) {
			return len(q)
		}
	}
	return 0
}

// compareOp returns the length of an equality operator at p ("==", "===", "!=",
// "!=="), or 0.
func compareOp(data []byte, p int) int {
	if p+2 > len(data) || data[p+1] != '=' || data[p] != '=' && data[p] != '!' {
		return 0
	}
	if p+2 < len(data) && data[p+2] == '=' {
		return 3
	}
	return 2
}

// compareLiteral reads a credential's name compared with a string literal — code that
// checks a hard-wired password ("if password == \"…\"", "creds.Secret != '…'"): the
// literal is the value. p is just past the operator.
func compareLiteral(data []byte, a assignment, p int) (assignment, bool) {
	p = skipSpaces(data, p)
	vs, q, esc, pct := skipQuote(data, p)
	if q == 0 || pct {
		return a, false
	}
	end, found := closingQuote(data, vs, q, esc, false)
	if !found || end <= vs {
		return a, false
	}
	a.valStart, a.valEnd, a.quote, a.esc = vs, end, q, esc
	return a, true
}

// parseAssignOther reads the assignments that have no operator after the key: a
// quoted key and a quoted value as a call's arguments (setProperty("db.password", "…"),
// put("X-Api-Key", "…")), a name followed by its value (name="ApiKey" value="…",
// "- name: DB_PASSWORD / value: …"), Docker's "ENV KEY value" and a command-line flag
// followed by its value ("--api-token VALUE"). p is just past the key (and its quote).
func parseAssignOther(data []byte, a assignment, p int, kq byte) (assignment, bool) {
	ks, ke := a.keyStart, a.keyEnd
	// call arguments: the key must be the whole quoted string ("db.password", not
	// 'Expensive layout pass'), and name its setting by a whole word: a quoted
	// key that ends in a password's short abbreviation glued to other letters ("wsapw",
	// a time zone's id in CLDR's tables) is some other name there
	if kq != 0 && kq != '`' && ks > 0 && data[ks-1] == kq && p < len(data) && data[p] == ',' && (configName(data[ks:ke]) || setterCallAt(data, ks-1)) && !gluedPwAbbrev(data[ks:ke]) {
		q := skipSpaces(data, p+1)
		vs, vq, esc, pct := skipQuote(data, q)
		if vq != 0 && esc == 0 && !pct {
			// (a quoted string followed by a colon is the next member's key, as in a
			// JSON name/value object: {"name": "API_TOKEN", "value": "…"})
			if end, found := closingQuote(data, vs, vq, 0, false); found && end > vs && !memberKeyAt(data, end+1) {
				// Gradle's buildConfigField("String", "API_KEY", "\"…\"") quotes the
				// Java literal it generates inside its own: the secret is within both
				if n := innerQuote(data[vs:end]); n > 0 {
					vs, end = vs+n, end-n
				}
				a.valStart, a.valEnd, a.quote, a.args = vs, end, vq, true
				return a, end > vs
			}
		}
	}
	// a setter or builder method given one string literal: .password("…"),
	// setApiKey("…"), withClientSecret('…')
	method, dotted := data[ks:ke], ks > 0 && data[ks-1] == '.'
	if i := bytes.LastIndexByte(method, '.'); i >= 0 {
		method, dotted = method[i+1:], true
	}
	if kq == 0 && p < len(data) && data[p] == '(' && len(method) > 0 && (dotted || setterName(method)) && !getterName(method) {
		vs, vq, esc, pct := skipQuote(data, p+1)
		if (vq == '"' || vq == '\'') && esc == 0 && !pct {
			if end, found := closingQuote(data, vs, vq, 0, false); found && end > vs && end+1 < len(data) && data[end+1] == ')' {
				a.valStart, a.valEnd, a.quote, a.args = vs, end, vq, true
				return a, true
			}
		}
	}
	if vs, ve, q, ok := nameValueParams(data, ks, ke, kq); ok {
		a.valStart, a.valEnd, a.quote, a.args = vs, ve, q, true
		return a, true
	}
	if kq == 0 {
		if vs, ve, q, ok := held8Pair(data, ks, ke, skipSpaces(data, p)); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, q
			return a, true
		}
	}
	// name/value pairs
	if nameBefore(data, ks, kq) {
		q := skipSpaces(data, p)
		if q < len(data) && (data[q] == ',' || data[q] == ';') {
			q = skipSpaces(data, q+1)
		}
		if q < len(data) && data[q] == '\r' {
			q++
		}
		if q < len(data) && data[q] == '\n' {
			q = skipSpaces(data, q+1)
		}
		q0, _, _, _ := skipQuote(data, q)
		if hasPrefixFold(data, q0, "android:value") {
			q0 += len("android:") // AndroidManifest's <meta-data android:name=… android:value=…>
		}
		if hasPrefixFold(data, q0, "value") {
			if sub, ok := parseAssign(data, q0); ok && sub.keyEnd-sub.keyStart == 5 {
				sub.keyStart, sub.keyEnd = ks, ke
				return sub, true
			}
		}
	}
	// an element its name attribute names holds the value as its text: <string
	// name="db_password">…</string>, <property name="hibernate.connection.password">…
	if (kq == '"' || kq == '\'') && nameBefore(data, ks, kq) {
		if vs, ve, ok := namedElementText(data, ks, p); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, quoteXML
			return a, true
		}
	}
	// a table row that pairs a name cell with a value cell: <td>smtp_password</td><td>…</td>
	if kq == 0 && ks >= 4 && hasPrefixFold(data, ks-4, "<td>") {
		if vs, ve, ok := nextCellText(data, p); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, quoteXML
			return a, true
		}
	}
	// a text table's row whose first cell names the value in the second: psql's
	// expanded records ("pw | …"), ClickHouse's and mysql's boxes ("│ pw │ … │")
	if kq == 0 {
		if vs, ve, ok := textTableValue(data, ks, p); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, quoteXML
			return a, true
		}
	}
	// spark-defaults.conf and Java properties separate a dotted key from its value by
	// blanks: "spark.hadoop.javax.jdo.option.ConnectionPassword  …"
	if kq == 0 {
		if vs, ve, ok := blankSepValue(data, ks, ke, p); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, 0
			return a, true
		}
	}
	// Valve's KeyValues (.vdf, .acf, .res): "Key"<tab>"value" on a line of its own
	if kq == '"' {
		if vs, ve, ok := quotedPairValue(data, ks, ke); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, '"'
			return a, true
		}
	}
	// a name,value table's row: "db_password,…" under a "name,value" header
	if kq == 0 {
		if vs, ve, q, ok := csvPairValue(data, ks, ke); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, q
			return a, true
		}
	}
	// Windows' setx NAME "value" [/M]
	if kq == 0 && ks >= 5 && hasPrefixFold(data, ks-5, "setx ") && a.spacedSep && p < len(data) {
		vs, vq, esc, pct := skipQuote(data, p)
		if vq == '"' && esc == 0 && !pct {
			if end, found := closingQuote(data, vs, vq, 0, false); found && end > vs {
				a.valStart, a.valEnd, a.quote = vs, end, vq
				return a, true
			}
		} else if vq == 0 {
			a.valStart, a.valEnd, a.quote = vs, unquotedEnd(data, vs), 0
			return a, a.valEnd > vs
		}
	}
	// ENV KEY value
	if kq == 0 && ks >= 4 && string(data[ks-4:ks]) == "ENV " && (ks == 4 || data[ks-5] == '\n') && p < len(data) && data[p-1] == ' ' {
		vs := p
		ve := vs
		for ve < len(data) && ve-vs < maxUnquoted && data[ve] != '\n' && data[ve] != '\r' {
			ve++
		}
		if ve > vs {
			a.valStart, a.valEnd, a.quote = vs, ve, 0
			return a, true
		}
	}
	if kq == 0 {
		if d, ok := directivePassword(data, a); ok {
			return d, true // password "…" (a Ruby DSL's attribute)
		}
	}
	// KEY value: a setting whose key and value are parted by blanks alone, as Java
	// .properties files, ssh_config, nginx and many daemons' configuration write it
	// ("api.token   Qm7…", "apiKey Qm7…;"). Only a key that reads as a setting name
	// (configName), first on its line, with the value last on it: "API_TOKEN is
	// required" is prose, not a setting. The shape is also a Go import with an alias
	// (secretkeys "example.org/api/secretkeys"), a struct field and its type
	// (OneTimePassword *string) and nginx's proxy_pass http://upstream, so the value
	// must look generated (blankSettingValue).
	// A key that names a password ("password", "Pass", "rootpw") needs no setting-name
	// shape, and its value need only read as a typed password (pwshape.go).
	if kq == 0 && ke < len(data) && (data[ke] == ' ' || data[ke] == '\t') && lineStartAt(data, ks) {
		pw := !configName(data[ks:ke]) && blankPasswordKey(data[ks:ke])
		if pw || configName(data[ks:ke]) {
			ok := blankSettingValue
			if pw && !configName(data[ks:ke]) {
				if netrcAbove(data, ks) {
					return a, false // a .netrc entry's: netrcEntry reads it with its host
				}
				ok = blankPasswordValue
			}
			vs := skipSpaces(data, ke)
			if vs < len(data) && (data[vs] == '"' || data[vs] == '\'') {
				q := data[vs]
				if end, found := closingQuote(data, vs+1, q, 0, false); found && end > vs+1 && restBlank(data, end+1) && ok(data[vs+1:end]) {
					a.valStart, a.valEnd, a.quote = vs+1, end, q
					return a, true
				}
				return a, false
			}
			ve := unquotedEnd(data, vs)
			if ve > vs && (restBlank(data, ve) || escapedEOLRest(data, ve)) && ok(data[vs:ve]) {
				a.valStart, a.valEnd, a.quote = vs, ve, 0
				return a, true
			}
		}
	}
	if kq == '"' || kq == '\'' {
		if vs, ve, q, ok := declValue(data, ks, ke, kq, ke+1); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, q // variable "x" { default = "…" } (syntaxforms.go)
			return a, true
		}
	}
	if kq == 0 {
		if vs, ve, q, ok := statementValue(data, ks, ke, ke); ok {
			a.valStart, a.valEnd, a.quote = vs, ve, q // set(KEY "…"), -Key '…' (syntaxforms.go)
			return a, true
		}
	}
	// --flag value
	if kq == 0 && (ks >= 2 && data[ks-1] == '-' && data[ks-2] == '-' || ke-ks > 2 && data[ks] == '-' && data[ks+1] == '-') &&
		data[ke-1] != '.' && p < len(data) && data[p-1] == ' ' && (is(data[p], cAlnum) || data[p] == '"' || data[p] == '\'') {
		vs, vq, esc, _ := skipQuote(data, p)
		if vq != 0 && esc == 0 {
			if end, found := closingQuote(data, vs, vq, 0, false); found && end > vs {
				a.valStart, a.valEnd, a.quote = vs, end, vq
				return a, true
			}
			return a, false
		}
		a.valStart, a.valEnd = p, unquotedEnd(data, p)
		return a, a.valEnd > a.valStart
	}
	return a, false
}

// lineStartAt reports whether only blanks stand between the start of p's line and p.
func lineStartAt(data []byte, p int) bool {
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	return p == 0 || data[p-1] == '\n' || data[p-1] == '\r'
}

// blankSettingValue accepts the value of a blank-separated setting: a generated-looking
// string, not a URL, host:port, import path, pointer type or variable.
func blankSettingValue(v []byte) bool {
	if len(v) < 12 || bytes.IndexByte(v, ':') >= 0 || bytes.IndexAny(v[:1], "*&$%{<[(") >= 0 {
		return false
	}
	if i := bytes.IndexByte(v, '/'); i >= 0 && bytes.IndexByte(v[:i], '.') >= 0 {
		return false // example.org/path
	}
	return generatedBody(0)(v)
}

// restBlank reports whether the line holding p has nothing but blanks and a ';' from
// p to its end.
func restBlank(data []byte, p int) bool {
	for ; p < len(data) && data[p] != '\n' && data[p] != '\r'; p++ {
		if c := data[p]; c != ' ' && c != '\t' && c != ';' {
			return false
		}
	}
	return true
}

// setterName reports a camelCase setter or builder name: setPassword, withApiKey.
func setterName(k []byte) bool {
	for _, p := range []string{"set", "with"} {
		if len(k) > len(p) && string(k[:len(p)]) == p && isUpper(k[len(p)]) {
			return true
		}
	}
	return false
}

// getterName reports a method that reads or tests rather than sets: getPassword("…")
// takes the name of what it returns, hasToken("…") asks.
func getterName(k []byte) bool {
	for _, p := range []string{"get", "has", "is", "load", "read", "find", "lookup", "fetch", "require", "remove", "delete", "check", "verify", "validate", "hash", "encode", "encrypt", "decrypt"} {
		if len(k) > len(p) && hasPrefixFold(k, 0, p) && (isUpper(k[len(p)]) || k[len(p)] == '_') {
			return true
		}
	}
	return false
}

// configName reports a name that reads as a setting rather than a word of prose or a
// plain argument: "db.password", "X-Api-Key", "API_TOKEN", "smtpPassword" — not
// "password" passed to scrypt('password', 'salt').
func configName(k []byte) bool {
	for i, c := range k {
		if c == '.' || c == '_' || c == '-' || isUpper(c) && i > 0 {
			return true
		}
	}
	return false
}

// nameBefore reports whether the key at ks (quoted by kq) is itself the value of a
// "name" or "key" field: name="ApiKey", "Name": "DB_PASSWORD", - name: TOKEN.
func nameBefore(data []byte, ks int, kq byte) bool {
	vs := ks
	if kq != 0 {
		vs = ks // keyBefore reads the opening quote itself
	}
	nks, nke, ok := keyBefore(data, vs)
	if !ok {
		return false
	}
	switch string(bytes.ToLower(data[nks:nke])) {
	case "name", "key", "parametername", "parameterkey", "variable", "property", "setting":
		return true
	}
	return false
}

// memberKeyAt reports a colon at p, after blanks: the string that ends at p is an
// object member's key.
func memberKeyAt(data []byte, p int) bool {
	p = skipSpaces(data, p)
	return p < len(data) && data[p] == ':'
}

// unquotedEnd is where an unquoted value stops.
// trimSentenceEnd drops the full stop that ends an unquoted value at the end of a
// sentence ("the password is password=Xq7w0rdTz."): no token ends in a dot. An
// ellipsis stays: "ops_eyJzaWdu..." is a value cut short, which the placeholder test
// then rejects.
func trimSentenceEnd(data []byte, vs, e int) int {
	if e < len(data) && data[e] != ' ' && data[e] != '\t' && data[e] != '\r' && data[e] != '\n' {
		return e
	}
	if e-vs < 5 || data[e-1] != '.' || data[e-2] == '.' {
		return e
	}
	return e - 1
}

func unquotedEnd(data []byte, p int) int {
	lim := p + maxUnquoted
	if lim > len(data) {
		lim = len(data)
	}
	for q := p; q < lim; q++ {
		switch data[q] {
		case '&', ')', '<', '>', '|':
			if data[q] != '&' {
				if e := strayEnd(data, p, lim); e > 0 {
					return e // one stray symbol in a generated run (gates38.go)
				}
			}
			if q > p && data[q-1] == '^' {
				continue // cmd.exe's caret escape: set PASS=Heron^&77
			}
			if data[q] == '&' && q > p && valueEndAmp(data, q) {
				return q + 1 // the value's last character: "password=Heron370& dbname=…"
			}
			if n := endEntity(data, q); n > 0 && q > p {
				return q + n // "PWD=Heron370&amp;;UID=…" in an XML attribute: the '&' escaped
			}
			if data[q] == '&' && ampInside(data, p, q, lim) {
				continue // one of the value's characters (gates38.go)
			}
			return q
		case '}', ']':
			if e := strayEnd(data, p, lim); e > 0 {
				return e
			}
			return q
		case ' ', '\t', '\r', '\n', ',', ';', '"', '\'', '`', '\\':
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
			if data[p] == '&' {
				for _, e := range htmlQuotes {
					if e.q == q && bytes.HasPrefix(data[p:], []byte(e.ent)) {
						return p, true
					}
				}
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
		if n := backslashesBefore(data, p, vs); n == esc || escapedBackslashesClose(n, esc) {
			return p - esc, true
		}
	}
	return 0, false
}

// escapedBackslashesClose reports a closing quote after a value that ends in escaped
// backslashes ("eilat volos 84\\" in a double-quoted string: the pair is one
// backslash of the value, the quote after it closes): n backslashes stand before the
// quote, esc before the opening one. At esc's level of escaping (esc is 2^k-1: 0 in a
// string, 1 in a string inside a string) a backslash of the value is written 2^(k+1)
// times, so the quote closes when n exceeds esc by a multiple of that.
func escapedBackslashesClose(n, esc int) bool {
	m := esc + 1
	if n <= esc || m&(m-1) != 0 {
		return false
	}
	return (n-esc)%(2*m) == 0
}

var htmlQuotes = []struct {
	ent string
	q   byte
}{{"&quot;", '"'}, {"&#34;", '"'}, {"&#x22;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}, {"&#x27;", '\''}}

// htmlUnescape decodes the character references a value may hold.
func htmlUnescape(v []byte) []byte {
	if bytes.IndexByte(v, '&') < 0 {
		return v
	}
	return []byte(html.UnescapeString(string(v)))
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
	if percentEnvRef(v) {
		return v // "%FEED_PASSWORD%" names a variable: its "%FE" is no escape
	}
	pre := v
	if a.query && a.quote == 0 && hasPercentEscape(v) {
		v = formDecode(v)
	} else if a.pct || a.query || a.quote == 0 && hasPercentEscape(v) {
		v = percentDecode(v)
	}
	if len(v) != len(pre) && utf8.Valid(pre) && (!utf8.Valid(v) || controlBytes(v) > controlBytes(pre)) {
		// "StoragePass=Usqxhwy%9336", "Vingyhj%0754": a '%' that is a character of the
		// value, not an escape — decoded, its digits make no text (a byte 0x93 alone,
		// a control byte 0x07)
		v = pre
	}
	if a.pct || a.quote == quoteXML {
		v = htmlUnescape(v)
	} else if a.quote == 0 && len(v) > 5 && bytes.IndexByte(v, ';') > 0 && escapedAmpIn(v) {
		v = htmlUnescape(v) // an unquoted value holding an escaped '&', '<' or '>' (unquotedEnd)
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
	if a.quote != 0 || a.notCode {
		return false
	}
	if a.colonEq && !upperKey(data[a.keyStart:a.keyEnd]) {
		return true // Go's x := y; make's API_TOKEN := value is configuration
	}
	if a.valEnd < len(data) && (data[a.valEnd] == '(' || data[a.valEnd] == '[') {
		return true
	}
	if bytes.ContainsAny(v, "()[]{}") {
		return !strayBracketLine(data, a, v) // (gates40.go)
	}
	if a.valEnd < len(data) && data[a.valEnd] == ';' && connKeyAt(data, a.valEnd+1) {
		return false // "…;Password =p4ss;Initial Catalog=…": a connection string, not a statement
	}
	ident, dots := identifierChain(v)
	if ident && connListUserField(data, a) {
		return false // "…;Uid=reports;Pwd=walrus.Lantern;": a connection string's field (dsn40.go)
	}
	if ident && (passphrase(v) || scrambledCase(v) || strewnDigits(v) || joinedScrambled(v) || wordsLetterTail(v)) {
		return false // "kestrel.monsoon.42", "hgbiQcohaTlpqfMf": no name a program gives (pwshape.go)
	}
	if ident && dots > 0 && bytes.ContainsAny(v, "0123456789") && inStringText(data, a.keyStart) {
		return false // 'user=app\npassword=harbor.quay07\n', "text": "password: harbor.quay07": a string's text, no code
	}
	if ident && dots > 0 && numberedWords(v) && (queryParam(data, a) || settingEndsLine(data, a)) {
		return false // "password=marlin.oporto42" on its own line, "?passphrase=…&": a setting (recur40.go)
	}
	if ident && dots > 0 {
		return !dottedRandom(data, a, v) // pkg.Name, obj.field (gates40.go)
	}
	if ident && (generatedLooking(v) || generatedIdent(v)) {
		return false // "j7hr4islbnfedd7pk6l1x…" names no variable
	}
	if a.userPair {
		return false // the word that goes with a user name's assignment (see userPairAt)
	}
	if ident && a.colonSep && a.valEnd < len(data) && (data[a.valEnd] == ',' || data[a.valEnd] == '}') && !yamlFlowItem(data, a.keyStart) {
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
	return ident && a.spacedSep && !(upperKey(data[a.keyStart:a.keyEnd]) && bytes.ContainsAny(v, "0123456789")) && !iniSectionAbove(data, a.keyStart, v)
}

// connKeyAt reports a connection string's next "Key=" (or "Key Word=") at p.
func connKeyAt(data []byte, p int) bool {
	p = skipSpaces(data, p)
	s := p
	for p < len(data) && p-s < 32 && (is(data[p], cWord) || data[p] == ' ' && p > s) {
		p++
	}
	return p > s && p < len(data) && data[p] == '=' && is(data[s], cUpper|cLower)
}

// generatedLooking reports a long identifier-shaped value whose digits are strewn
// through it: a generated token, not a variable's name.
func generatedLooking(v []byte) bool {
	if len(v) < 20 {
		return false
	}
	digits, runs := 0, 0
	for i, c := range v {
		if isDigit(c) {
			digits++
			if i == 0 || !isDigit(v[i-1]) {
				runs++
			}
		}
	}
	return digits >= 3 && runs >= 3 && entropy(v) >= 3.5
}

// generatedIdent reports an identifier-shaped value no one names a variable with: 32 or
// more hex digits with letters and digits both (a digest or key), or a long mix of
// both cases and digits whose symbols spread as a generator's do (about 4.7 bits a
// character over 62 symbols; names of words stay near 4).
func generatedIdent(v []byte) bool {
	if len(v) >= 32 && allHex(v) {
		digits := 0
		for _, c := range v {
			if isDigit(c) {
				digits++
			}
		}
		return digits >= 4 && len(v)-digits >= 4
	}
	// (a name's words are runs of small letters: "X509CertThumbprintS256Key")
	return len(v) >= 24 && classCount(v) >= 3 && entropy(v) >= 4.3 && longestRun(v, cLower) <= 5
}

// longestRun returns the length of the longest run of bytes of class mask in v.
func longestRun(v []byte, mask uint16) int {
	best, n := 0, 0
	for _, c := range v {
		if is(c, mask) {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// upperKey reports an all-capitals name (API_TOKEN): an environment or make variable.
func upperKey(k []byte) bool {
	letters := 0
	for _, c := range k {
		switch {
		case isUpper(c):
			letters++
		case isDigit(c) || c == '_':
		default:
			return false
		}
	}
	return letters >= 2
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
		if p > 0 && data[p-1] == '.' && data[p] == '=' {
			p-- // PHP's and Perl's $token .= "…", which parseAssign reads too
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
	// a declaration's type stands between the name and '=': "const key string = …",
	// "var token: String = …"
	if typeWords[string(data[ks:ke])] {
		q := ks
		for q > 0 && ks-q < 4 && (data[q-1] == ' ' || data[q-1] == '\t' || data[q-1] == ':') {
			q--
		}
		n := q
		for n > 0 && q-n < maxKeyLen && is(data[n-1], cWord) {
			n--
		}
		if q < ks && n < q && q-n < maxKeyLen && !typeWords[string(data[n:q])] {
			ks, ke = n, q
		}
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
	// A JVM system property on a command line, "-Dsonar.login=…": the flag letter is
	// not part of the name.
	if len(key) > 3 && key[0] == '-' && key[1] == 'D' && is(key[2], cLower|cUpper) {
		key = key[2:]
	}
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
		// dbPassword → db, password; ETSYToken → etsy, token (an acronym ends where
		// a capital starts a lower-case word)
		if isUpper(c) && i > 0 && (is(key[i-1], cLower) || isUpper(key[i-1]) && i+1 < len(key) && is(key[i+1], cLower)) {
			flush(len(scratch))
		}
		scratch = append(scratch, lowerASCII(c))
	}
	flush(len(scratch))
	return buf
}

// namedElementText reads the text of the element whose name attribute ends at p (just
// past its closing quote): the attribute must sit in an opening tag begun on the same
// line, the tag must not close itself, and the text must end the element on that line.
func namedElementText(data []byte, ks, p int) (int, int, bool) {
	lt := -1
	for i := ks - 1; i >= 0 && ks-i < 200; i-- {
		if data[i] == '\n' || data[i] == '>' {
			return 0, 0, false
		}
		if data[i] == '<' {
			lt = i
			break
		}
	}
	if lt < 0 || lt+1 >= len(data) || !is(data[lt+1], cLower|cUpper) {
		return 0, 0, false
	}
	gt := -1
	for i := p; i < len(data) && i-p < 200; i++ {
		if data[i] == '\n' || data[i] == '<' {
			return 0, 0, false
		}
		if data[i] == '>' {
			gt = i
			break
		}
	}
	if gt < 0 || data[gt-1] == '/' {
		return 0, 0, false
	}
	return elementTextAt(data, gt+1)
}

// nextCellText reads the text of the table cell after the one that ends at p.
func nextCellText(data []byte, p int) (int, int, bool) {
	if !hasPrefixFold(data, p, "</td>") {
		return 0, 0, false
	}
	q := skipSpaces(data, p+5)
	if !hasPrefixFold(data, q, "<td>") {
		return 0, 0, false
	}
	q += 4
	if hasPrefixFold(data, q, "<code>") {
		q += 6
	}
	return elementTextAt(data, q)
}

// elementTextAt reads text from vs up to the "</" that ends it on the same line.
func elementTextAt(data []byte, vs int) (int, int, bool) {
	ve := vs
	for ve < len(data) && ve-vs < maxValueLen && data[ve] != '<' && data[ve] != '\n' {
		ve++
	}
	if ve+1 >= len(data) || data[ve] != '<' || data[ve+1] != '/' {
		return 0, 0, false
	}
	vs, ve = trimSpan(data, vs, ve)
	return vs, ve, ve > vs
}

// dockerEnvAt reports a key that follows "ENV " or "ARG " at the start of its line.
// valueMembers name the member of a wrapping object that holds the named value.
var valueMembers = []string{`"value"`, `"new"`, `"newValue"`, `"new_value"`, `"after"`}

func dockerEnvAt(data []byte, ks int) bool {
	return ks >= 4 && (string(data[ks-4:ks]) == "ENV " || string(data[ks-4:ks]) == "ARG ") && (ks == 4 || data[ks-5] == '\n')
}

// valueMember returns the offset of the string value of the "value" member of the flat
// JSON object that opens at p, or p when it has none: Terraform's outputs
// ({"value": "…", "sensitive": true}), ARM template parameter files and other
// parameter stores wrap a named value in an object (found by the held14 evaluation
// split). The member must stand before any nested object opens or this one closes.
// A change record's object gives the value the name has now as its "new" (or "after",
// "newValue") member beside the "old" one: {"smtp.password": {"old": "…", "new": "…"}}.
func valueMember(data []byte, p int) int {
	w := data[p+1 : min(len(data), p+400)]
	if i := bytes.IndexAny(w, "{}"); i >= 0 {
		w = w[:i]
	}
	i, name := -1, ""
	for _, m := range valueMembers {
		if i = bytes.Index(w, []byte(m)); i >= 0 {
			name = m
			break
		}
	}
	if i < 0 {
		return p
	}
	q := skipSpaces(data, p+1+i+len(name))
	if q >= len(data) || data[q] != ':' {
		return p
	}
	q = skipSpaces(data, q+1)
	if q >= len(data) || data[q] != '"' {
		return p
	}
	return q
}

// yamlFlowItem reports a key inside a flow mapping that is a YAML sequence's item: the
// line opens with "- {" ("- {name: root, password: …, shell: /bin/sh}", cloud-init's
// users and chpasswd lists, Ansible's loops). No language writes an object literal
// after a dash at the start of a line, so its plain scalars are values, not variables.
func yamlFlowItem(data []byte, ks int) bool {
	ls := lineStartWithin(data, ks, 256)
	line := data[ls:ks]
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if !bytes.HasPrefix(line[i:], []byte("- {")) {
		return false
	}
	return bytes.IndexAny(line[i+3:], "{}[]()=;\"'") < 0
}

// lhsIndex returns the place of the name at ks among the names of a multiple
// assignment's left side ("user, pass := …" gives 1 for pass), 0 when the name stands
// alone or first. The names must open their line, after blanks and at most a
// declaration keyword (var, let, const, local): f(a, password=x) passes arguments.
// The caller also wants ":=", or "=" with a blank before it, and no item of the right
// side holding '=': a call's arguments continued on a line of their own
// ("key, password=None, backend=_BACKEND") open it like names.
func lhsIndex(data []byte, ks int) int {
	n, i := 0, ks
	for {
		j := i
		for j > 0 && (data[j-1] == ' ' || data[j-1] == '\t') {
			j--
		}
		if j == 0 || data[j-1] != ',' {
			break
		}
		j--
		for j > 0 && (data[j-1] == ' ' || data[j-1] == '\t') {
			j--
		}
		k := j
		for k > 0 && j-k < 64 && is(data[k-1], cWord|cDot) {
			k--
		}
		if k == j {
			return 0
		}
		n++
		i = k
	}
	if n == 0 {
		return 0
	}
	ls := i
	for ls > 0 && (data[ls-1] == ' ' || data[ls-1] == '\t') {
		ls--
	}
	for _, kw := range []string{"var", "let", "const", "local"} {
		if ls < i && ls >= len(kw) && string(data[ls-len(kw):ls]) == kw {
			ls -= len(kw)
			for ls > 0 && (data[ls-1] == ' ' || data[ls-1] == '\t') {
				ls--
			}
			break
		}
	}
	if ls > 0 && data[ls-1] != '\n' {
		return 0
	}
	return n
}

// rhsItem returns where the n-th item (from 0) of a comma-separated right side starting
// at p begins; ok is false when the line holds fewer items.
func rhsItem(data []byte, p, n int) (int, bool) {
	for ; n > 0; n-- {
		if p >= len(data) {
			return p, false
		}
		if c := data[p]; c == '"' || c == '\'' || c == '`' {
			e, found := closingQuote(data, p+1, c, 0, false)
			if !found {
				return p, false
			}
			p = e + 1
		} else {
			for p < len(data) && data[p] != ',' && data[p] != '\n' {
				if data[p] == '=' {
					return p, false // key=value: a call's keyword arguments, not values
				}
				p++
			}
		}
		p = skipSpaces(data, p)
		if p >= len(data) || data[p] != ',' {
			return p, false
		}
		p = skipSpaces(data, p+1)
	}
	return p, true
}

// controlBytes counts the bytes of v below 0x20 and DEL.
func controlBytes(v []byte) int {
	n := 0
	for _, c := range v {
		if c < 0x20 || c == 0x7f {
			n++
		}
	}
	return n
}
