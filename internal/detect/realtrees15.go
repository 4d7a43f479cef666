package detect

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The fifteenth real-tree round: classes found by triaging the non-test secret findings
// of the Go module cache (6.4 GB), the Cloud SDK and the system trees at main 1ef93f8.
// Each is read from the value itself, never from a file name.
//
//   - A JSON Web Token whose HMAC signature verifies under a key the world knows: the
//     word "secret" that tutorials sign their sample tokens with, or jwt.io's default
//     ("your-256-bit-secret"). The signature is computed, not guessed from the claims:
//     anyone can mint such a token, and a policy engine's tutorials print a dozen of
//     them (ALICE_TOKEN, BOB_TOKEN, …). Only inside a Markdown code fence: the peers'
//     rule examples and pattern tests (gitleaks, trufflehog) hold jwt.io's sample and
//     tokens signed with "secret" as positives, bare. A token signed with any other
//     key, or signed asymmetrically, is judged as before.
//   - A qualified name of code where a key-name rule read a value: a Go struct field
//     followed by its type from another package ("authV1Client
//     authenticationv1client.AuthenticationV1Interface"), or an API operation's name
//     ("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"). The part after the
//     last dot is an exported name of two or more camel-case words, every word
//     pronounceable (a version such as V1beta1 may stand between them), and the part
//     before it a name of letters, digits and underscores. A random token's humps are
//     short and seldom all hold vowels; one with a dot is a JWT or a provider's shape,
//     read by other rules.
//   - A selector read where a password's value stands: "Password = *f.Password" in Go
//     assigns the field a flag holds, not a literal. An unquoted value that is a chain of
//     names joined by dots (a '*' or '&' before it), whose last name holds a
//     credential's word, reads a variable.
//   - A token inside a longer run of base64: a provider's prefix met in the middle of
//     an image or font embedded in base64 (an SVG favicon's data) is a slice of the
//     encoding. Sixty-four or more base64 characters, '+' or '/' among them, run on
//     both sides of the match with nothing between.
//   - SVG path data: a value inside a d="…" attribute ("M349 911v-991h-330…") is
//     drawing commands, whatever glyph name stands near it.
//   - A password whose line's trailing comment calls it one for testing
//     ("PASSWORD: Passw0rdAdmin # temp for testing, will be generated" in a CI
//     workflow): a '#' or '//' comment after the value, on its line, saying "for
//     testing", "for tests", "test only", "testing only" or "test purposes".
//   - A Go doc comment's code block: an indented line inside the run of // lines that
//     stands right above a declaration (func, type, var, const), where godoc renders
//     it as a sample ("//	"user=pqgo password='with spaces'"" above func NewConfig),
//     as realtrees10.go's goPackageDocSample reads a package comment's. Key-name rules
//     only, as there.
//   - The login echoed in an SQL statement: CREATE USER "gorptest" … PASSWORD
//     'gorptest', GRANT … TO gorptest@localhost IDENTIFIED BY 'gorptest' — a CI
//     script's database account named for the test and its password repeating the
//     name (realtrees10.go's loginEchoed, read in SQL's words: the name after USER or
//     TO on the value's line, quoted or not, is the value).
//   - A Go program's help examples: a raw string (backquoted) that a call named for
//     examples takes (templates.Examples(`…`), through wrappers such as i18n.T), or
//     that a variable or a field named for examples holds (setCredentialsExample =
//     `…`, cobra's Example: `…`), as realtrees8.go's helpExamples reads Python's
//     EXAMPLES strings: the text is printed to every user as a sample invocation.
//   - A URN ("urn:ietf:wg:oauth:2.0:oob", OAuth's out-of-band redirect) is a name, and
//     a printf verb with flags ("%#v.") a format's slot, where a key-name rule read a
//     value.

// treeRound15 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound15(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	v := []byte(m.value)
	if bytes.HasPrefix(v, []byte("eyJ")) && sc.jwtSampleKeyed(m.value) && sc.inFenceAt(m.start) {
		return true
	}
	if base64Interior(sc.data, m.start, m.end) || svgPathData(sc.data, m.start) {
		return true
	}
	if m.r.prio > prioGeneric {
		return false
	}
	if qualifiedCodeName(v) || urnName(v) || printfVerb(v) || goDeclDocSample(sc.data, m.start) || sc.hasBackquote() && goHelpExamples(sc.data, m.start) {
		return true
	}
	if m.r.ID != "password-assignment" {
		return false
	}
	return sc.data[m.start-1] != '"' && sc.data[m.start-1] != '\'' && credentialSelector(v) || testingComment(sc.data, m.end) || sqlUserEchoed(sc.data, m.start, v)
}

// jwtSampleKeyed is jwtSampleKey(v) remembered for the last value asked about:
// treeRound15 and treeRound17 both ask it of every JWT, and each asking computes an
// HMAC per sample key. The answer depends on the value alone.
func (sc *scanner) jwtSampleKeyed(v string) bool {
	if !sc.jwtAsked || v != sc.jwtVal {
		sc.jwtVal, sc.jwtAns, sc.jwtAsked = v, jwtSampleKey([]byte(v)), true
	}
	return sc.jwtAns
}

// jwtSampleKeys are the HMAC keys documentation signs its sample tokens with.
var jwtSampleKeys = [][]byte{[]byte("secret"), []byte("your-256-bit-secret")}

// jwtSampleKey reports a JWT (header.payload.signature, base64url) whose header names
// HS256, HS384 or HS512 and whose signature is the HMAC of header.payload under one of
// jwtSampleKeys.
func jwtSampleKey(tok []byte) bool { return jwtSignedBy(tok, jwtSampleKeys) }

// jwtSignedBy reports an HS256, HS384 or HS512 JWT whose signature is the HMAC of
// header.payload under one of keys.
func jwtSignedBy(tok []byte, keys [][]byte) bool {
	if len(tok) > maxJWT {
		return false
	}
	h := bytes.IndexByte(tok, '.')
	if h < 0 {
		return false
	}
	p := bytes.IndexByte(tok[h+1:], '.')
	if p < 0 {
		return false
	}
	p += h + 1
	sigText := tok[p+1:]
	if bytes.IndexByte(sigText, '.') >= 0 || len(sigText) == 0 {
		return false
	}
	var hb [256]byte
	if base64.RawURLEncoding.DecodedLen(h) > len(hb) {
		return false
	}
	n, err := base64.RawURLEncoding.Decode(hb[:], bytes.TrimRight(tok[:h], "="))
	if err != nil {
		return false
	}
	hdr := bytes.ReplaceAll(hb[:n], []byte(" "), nil)
	var mk func() hash.Hash
	switch {
	case bytes.Contains(hdr, []byte(`"alg":"HS256"`)):
		mk = sha256.New
	case bytes.Contains(hdr, []byte(`"alg":"HS384"`)):
		mk = sha512.New384
	case bytes.Contains(hdr, []byte(`"alg":"HS512"`)):
		mk = sha512.New
	default:
		return false
	}
	var sb [64]byte
	if base64.RawURLEncoding.DecodedLen(len(sigText)) > len(sb) {
		return false
	}
	sn, err := base64.RawURLEncoding.Decode(sb[:], bytes.TrimRight(sigText, "="))
	if err != nil {
		return false
	}
	for _, k := range keys {
		mac := hmac.New(mk, k)
		mac.Write(tok[:p])
		if hmac.Equal(mac.Sum(nil), sb[:sn]) {
			return true
		}
	}
	return false
}

// qualifiedCodeName reports a name of code qualified by a package or a service:
// name.ExportedName, where ExportedName is two or more camel-case words that all read as
// words (versions such as V1 or V1beta1 allowed between them) and name is letters,
// digits and underscores opening with a letter.
func qualifiedCodeName(v []byte) bool {
	if len(v) > 128 {
		return false
	}
	d := bytes.LastIndexByte(v, '.')
	if d <= 0 || d == len(v)-1 {
		return false
	}
	head, tail := v[:d], v[d+1:]
	if !is(head[0], cLower|cUpper) {
		return false
	}
	for _, c := range head {
		if !is(c, cAlnum) && c != '_' {
			return false
		}
	}
	return exportedWords(tail)
}

// exportedWords reports a camel-case exported name of two or more words, each a capital
// and two or more lower-case letters holding a vowel; a version (V, digits, then
// optionally alpha or beta and digits) may stand between words.
func exportedWords(t []byte) bool {
	words := 0
	for i := 0; i < len(t); {
		if !isUpper(t[i]) {
			return false
		}
		if t[i] == 'V' && i+1 < len(t) && isDigit(t[i+1]) { // V1, V1beta1, V20150921
			j := i + 1
			for j < len(t) && isDigit(t[j]) {
				j++
			}
			for _, w := range []string{"alpha", "beta"} {
				if bytes.HasPrefix(t[j:], []byte(w)) {
					j += len(w)
					for j < len(t) && isDigit(t[j]) {
						j++
					}
					break
				}
			}
			i = j
			continue
		}
		j := i + 1
		vowel := false
		for j < len(t) && is(t[j], cLower) {
			switch t[j] {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				vowel = true
			}
			j++
		}
		if j-i < 3 || !vowel {
			return false
		}
		words++
		i = j
	}
	return words >= 2
}

// credentialSelector reports a selector expression (names joined by dots, '*' or '&'
// before them) whose last name holds a credential's word: "*f.Password",
// "cfg.Auth.Token".
func credentialSelector(v []byte) bool {
	if len(v) > 0 && (v[0] == '*' || v[0] == '&') {
		v = v[1:]
	}
	d := bytes.LastIndexByte(v, '.')
	if d <= 0 || d == len(v)-1 {
		return false
	}
	start := true
	for _, c := range v {
		switch {
		case c == '.':
			if start {
				return false
			}
			start = true
		case is(c, cLower|cUpper) || c == '_' || !start && isDigit(c):
			start = false
		default:
			return false
		}
	}
	last := bytes.ToLower(v[d+1:])
	for _, w := range []string{"pass", "pwd", "secret", "token", "key", "cred"} {
		if bytes.Contains(last, []byte(w)) {
			return true
		}
	}
	return false
}

// base64Interior reports a match [s, e) with 64 or more base64 characters on each side
// of it, nothing else between, and '+' or '/' among them: the inside of an encoded blob.
func base64Interior(data []byte, s, e int) bool {
	const side = 64
	if s < side || e+side > len(data) {
		return false
	}
	sym := false
	for i := s - side; i < s; i++ {
		c := data[i]
		if !is(c, cB64) {
			return false
		}
		sym = sym || c == '+' || c == '/'
	}
	for i := e; i < e+side; i++ {
		c := data[i]
		if !is(c, cB64) {
			return false
		}
		sym = sym || c == '+' || c == '/'
	}
	return sym
}

// svgPathData reports a position inside an SVG path's d="…" attribute on its line: the
// last ` d="` before it (at most 8 KB back) has no quote after it.
func svgPathData(data []byte, s int) bool {
	lo := s - 8192
	if lo < 0 {
		lo = 0
	}
	for i := s - 1; i >= lo; i-- {
		switch data[i] {
		case '"', '\n':
			return i >= 3 && data[i-1] == '=' && data[i-2] == 'd' && is(data[i-3], cBlank|cBreak) && svgPathText(data[i+1:s])
		}
	}
	return false
}

// svgPathText reports text made of path commands and numbers alone.
func svgPathText(t []byte) bool {
	for _, c := range t {
		if !isDigit(c) && !bytes.ContainsRune([]byte("MmLlHhVvCcSsQqTtAaZz.,- \t\r\n"), rune(c)) {
			return false
		}
	}
	return true
}

// urnName reports a URN: "urn:", a namespace of letters, digits and '-', then ':'.
func urnName(v []byte) bool {
	if len(v) < 8 || !hasPrefixFold(v, 0, "urn:") {
		return false
	}
	i := 4
	for i < len(v) && (is(v[i], cAlnum) || v[i] == '-') {
		i++
	}
	return i > 4 && i < len(v) && v[i] == ':'
}

// printfVerb reports a printf verb with flags or width, and at most a mark after it:
// "%#v.", "%-10s", "%+q".
func printfVerb(v []byte) bool {
	if len(v) < 2 || v[0] != '%' {
		return false
	}
	i := 1
	for i < len(v) && bytes.IndexByte([]byte("#+- 0123456789.*"), v[i]) >= 0 {
		i++
	}
	if i >= len(v) || !is(v[i], cLower|cUpper) {
		return false
	}
	i++
	return i == len(v) || i == len(v)-1 && bytes.IndexByte([]byte(".,;:!)"), v[i]) >= 0
}

// inFence reports whether p lies inside a Markdown code fence: an odd number of lines
// before p's line open with ``` or ~~~ (up to three spaces before them).
func inFence(data []byte, p int) bool {
	n := 0
	for i := 0; i < p; {
		if fenceLine(data, i, p) {
			n++
		}
		k := bytes.IndexByte(data[i:p], '\n')
		if k < 0 {
			break
		}
		i += k + 1
	}
	return n%2 == 1
}

// fenceLine reports whether the line starting at i opens with ``` or ~~~ (up to three
// spaces before them) that end at or before p.
func fenceLine(data []byte, i, p int) bool {
	j := i
	for j < p && j-i < 3 && data[j] == ' ' {
		j++
	}
	return j+3 <= p && (string(data[j:j+3]) == "```" || string(data[j:j+3]) == "~~~")
}

// inFenceAt is inFence(sc.data, p) without reading the text from its start again for
// every match: a text without a fence anywhere (the pass's markFence) has none, and the
// count of fence lines is carried forward from the last line start asked about, so a
// file of many sample tokens is read once, not once per token.
func (sc *scanner) inFenceAt(p int) bool {
	data := sc.data
	if marks := sc.textMarks(); !marks.holds(data, markFence) {
		return false
	}
	if p < sc.fenceAt || sc.fenceLen != len(data) {
		sc.fenceAt, sc.fenceLen, sc.fenceOdd = 0, len(data), false
	}
	i, odd := sc.fenceAt, sc.fenceOdd
	for {
		// a whole line before p's: its fence, if any, ends before its newline, so
		// before p
		k := bytes.IndexByte(data[i:p], '\n')
		if k < 0 {
			break
		}
		if fenceLine(data, i, i+k) {
			odd = !odd
		}
		i += k + 1
	}
	sc.fenceAt, sc.fenceOdd = i, odd
	if i < p && fenceLine(data, i, p) { // p's own line
		odd = !odd
	}
	return odd
}

// testingComments are what a trailing comment says of a value kept for tests.
var testingComments = []string{"for testing", "for tests", "test only", "testing only", "test purposes"}

// testingComment reports a comment after e on e's line ('#' after a blank, or "//")
// that says the value is for testing.
func testingComment(data []byte, e int) bool {
	end := e
	for end < len(data) && end-e < 512 && data[end] != '\n' {
		end++
	}
	rest := data[e:end]
	c := -1
	for i := range rest {
		if rest[i] == '#' && i > 0 && is(rest[i-1], cBlank) || rest[i] == '/' && i+1 < len(rest) && rest[i+1] == '/' && (i == 0 || is(rest[i-1], cBlank)) {
			c = i
			break
		}
	}
	if c < 0 {
		return false
	}
	return containsFold(rest[c:], testingComments...)
}

// goDeclDocSample reports a match on an indented line ("//" and a tab or three spaces)
// of a run of // lines that a Go declaration follows.
func goDeclDocSample(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	line := data[ls:start]
	if !bytes.HasPrefix(line, []byte("//\t")) && !bytes.HasPrefix(line, []byte("//   ")) {
		return false
	}
	p := ls
	for n := 0; n < 400; n++ {
		e := bytes.IndexByte(data[p:], '\n')
		if e < 0 {
			return false
		}
		p += e + 1
		if bytes.HasPrefix(data[p:], []byte("//")) {
			continue
		}
		for _, d := range []string{"func ", "type ", "var ", "const "} {
			if bytes.HasPrefix(data[p:], []byte(d)) {
				return true
			}
		}
		return false
	}
	return false
}

// sqlUserEchoed reports a password (letters and at most six digits after them) that
// the statement on its line names as the account: after "USER " or "TO " (any case),
// the name, quoted or not, equals the value and is followed by no letter or digit.
func sqlUserEchoed(data []byte, start int, v []byte) bool {
	if wordStem(v) == "" {
		return false
	}
	ls := lineStartWithin(data, start, 1024)
	line := data[ls:start]
	for _, w := range []string{"user ", "to "} {
		for i := 0; i+len(w) <= len(line); i++ {
			if !hasPrefixFold(line, i, w) || i > 0 && is(line[i-1], cAlnum|cUnder) {
				continue
			}
			p := i + len(w)
			for p < len(line) && (line[p] == '"' || line[p] == '\'' || line[p] == '`' || line[p] == '\\') {
				p++
			}
			if p+len(v) <= len(line) && bytes.EqualFold(line[p:p+len(v)], v) &&
				(p+len(v) == len(line) || !is(line[p+len(v)], cAlnum|cUnder)) {
				return true
			}
		}
	}
	return false
}

// goHelpExamples reports a position inside a Go raw string that a call, a variable or a
// field named for examples holds.
func goHelpExamples(data []byte, start int) bool {
	lo := max(0, start-8192)
	open := bytes.LastIndexByte(data[lo:start], '`')
	if open < 0 {
		return false
	}
	open += lo
	ls := lineStartWithin(data, open, 512)
	label := bytes.TrimRight(data[ls:open], " \t")
	for n := 0; n < 4 && len(label) > 0; n++ {
		last := label[len(label)-1]
		if last != '(' && last != '=' && last != ':' {
			return false
		}
		label = bytes.TrimRight(label[:len(label)-1], " \t:") // ":=" too
		w := len(label)
		for w > 0 && is(label[w-1], cWord) {
			w--
		}
		name := squeezeKey(label[w:])
		if bytes.HasSuffix(name, []byte("examples")) || bytes.HasSuffix(name, []byte("example")) {
			return true
		}
		if last != '(' {
			return false
		}
		// a wrapper's call (i18n.T(): read what stands before it
		for w > 0 && (is(label[w-1], cWord) || label[w-1] == '.') {
			w--
		}
		label = bytes.TrimRight(label[:w], " \t")
	}
	return false
}
