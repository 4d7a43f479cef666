package detect

import (
	"bytes"
	"encoding/base64"
	"slices"
)

// The sixth real-tree round: classes found by triaging every non-test secret finding of
// the Google Cloud SDK (bundled Python, botocore's service models, vendored Go) and of
// the npm cache. Each is read from the value's structure or the text around it, never
// from a file name.

// round6Index is what the round's classes know of one text, built on its first match:
// a log stream's matches are not each walked back through the lines above them for a
// prompt, nor searched for as the name of an object, when the text has neither.
type round6Index struct {
	built   bool
	prompt  bool // the text holds a ">>> " prompt
	objects bool // the text holds a quoted key opening an object (`"Name":{`, `"Name" : {`)
	// the offsets of the opening quotes of such keys by name (the first two of each):
	// read once a text, not once a value
	defsBuilt bool
	defs      map[string][]int
	// the offsets of "![" (a Markdown image) in the text, found on its first match
	bangsBuilt bool
	bangs      []int
}

// treeRound6 reports a match that one of the round's classes explains.
func (r *rtIndex) treeRound6(data []byte, m rawMatch) bool {
	if m.start < 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	x := &r.r6
	if !x.built {
		x.built = true
		x.prompt = r.marks.holds(data, markPrompt)
		x.objects = opensObject(data)
	}
	raw := data[m.start:m.end]
	switch m.r.ID {
	case "generic-api-key", "password-assignment":
		if regexValue(raw) || m.r.ID == "password-assignment" && attrPathList(data, m.start, m.end) || x.objects && x.definedName(data, m.start, m.end) ||
			m.r.ID == "generic-api-key" && (dnsNameValue(data, m.start, raw) || constantName(data, m.start, raw) || packageCoordinate(raw) || taggedWord(raw)) {
			return true
		}
	}
	if m.r.ID == "password-assignment" && assertionMessage(data, m.start, raw) {
		return true
	}
	if encodedDisclaimer(m.value) || x.imageBefore(data, m.start) && badgeToken(data, m.start) {
		return true
	}
	if !x.prompt {
		return false
	}
	ls := r.lc.start(data, m.start)
	return r.replMemo.get([3]int{ls}, func() bool { return replOutput(data, ls) })
}

// opensObject reports a quoted key opening an object (`"Name":{`, `"Name": {`,
// `"Name" : {`): one pass over the braces, not three over the quotes a JSON log is full of.
func opensObject(data []byte) bool {
	for off := 0; off < len(data); {
		j := bytes.IndexByte(data[off:], '{')
		if j < 0 {
			break
		}
		head := data[:off+j]
		if bytes.HasSuffix(head, []byte(`":`)) || bytes.HasSuffix(head, []byte(`": `)) || bytes.HasSuffix(head, []byte(`" : `)) {
			return true
		}
		off += j + 1
	}
	return false
}

// regexValue: a regular expression, not a secret: a bracket expression holding a range
// ("[a-zA-Z0-9+/]", "[\p{Alnum}\-]") followed by a repetition ('*', '+', '?', "{4}"), as
// API models write their fields' patterns ("^(?:[A-Za-z0-9+/]{4})*…$",
// "arn:[\p{Alnum}\-]+:lambda:…"). A generated token or password has no range of
// characters in brackets followed by a count.
func regexValue(v []byte) bool {
	for i := 0; i < len(v); i++ {
		if v[i] != '[' {
			continue
		}
		j := bytes.IndexByte(v[i+1:], ']')
		if j < 2 {
			continue
		}
		class := v[i+1 : i+1+j]
		e := i + 1 + j + 1 // past ']'
		if e < len(v) && (v[e] == '*' || v[e] == '+' || v[e] == '?' || v[e] == '{') && classRange(class) {
			return true
		}
	}
	return false
}

// classRange reports a range ("a-z", "0-9") or a named class ("\p{Alnum}", "\w", "\d")
// inside a bracket expression.
func classRange(c []byte) bool {
	for k := 0; k+2 < len(c); k++ {
		if c[k+1] == '-' && is(c[k], cAlnum) && is(c[k+2], cAlnum) && c[k] < c[k+2] {
			return true
		}
	}
	return bytes.Contains(c, []byte(`\p{`)) || bytes.Contains(c, []byte(`\w`)) || bytes.Contains(c, []byte(`\d`))
}

// definedName: the value is a name the same document defines as an object's key
// ("SensitiveString2048" under "apiKey": {"shape": …} is the key of
// "SensitiveString2048": {"type": "string", …} in the model's shapes): a reference to a
// type, not a literal. A secret is not the name of an object of its own document.
//
// The keys are gathered once a text (objectKeys): a document of many values is not
// searched again for each.
func (x *round6Index) definedName(data []byte, start, end int) bool {
	if start == 0 || end >= len(data) || data[start-1] != '"' || data[end] != '"' || end-start > maxDefinedName {
		return false
	}
	v := data[start:end]
	for _, c := range v {
		if !is(c, cAlnum|cUnder) {
			return false
		}
	}
	if !x.defsBuilt {
		x.defsBuilt, x.defs = true, objectKeys(data)
	}
	for _, q := range x.defs[string(v)] {
		if q != start-1 { // not the value itself
			return true
		}
	}
	return false
}

const maxDefinedName = 128

// objectKeys finds every quoted name of letters, digits and '_' that opens an object
// (`"Name": {`, blanks and line breaks allowed around the ':'), reading back from each
// '{': the offsets of each name's opening quote, the first two.
func objectKeys(data []byte) map[string][]int {
	defs := map[string][]int{}
	blank := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
	for i, c := range data {
		if c != '{' {
			continue
		}
		k := i - 1
		for k >= 0 && blank(data[k]) {
			k--
		}
		if k < 0 || data[k] != ':' {
			continue
		}
		for k--; k >= 0 && blank(data[k]); k-- {
		}
		if k < 0 || data[k] != '"' {
			continue
		}
		s := k - 1
		for s >= 0 && k-s <= maxDefinedName && is(data[s], cAlnum|cUnder) {
			s--
		}
		if s < 0 || s == k-1 || data[s] != '"' {
			continue
		}
		name := string(data[s+1 : k])
		if len(defs[name]) < 2 {
			defs[name] = append(defs[name], s)
		}
	}
	return defs
}

// skipBlanks skips blanks and line breaks alike.
func skipBlanks(data []byte, i int) int { return run(data, i, cBlank|cBreak, -1) }

// attrPathList: the name the value was read under is itself an element of a list
// literal ('[' or '{', not a call's parentheses) of three or more quoted names, or of a
// run of eight or more (a public-suffix table) ("AtLeastOneOf: []string{\"master_auth.0.password\",
// \"master_auth.0.username\", …}", "query_params=['_password', 'alias', 'format']"):
// the value is the next name in the list, not something assigned to a password. A
// command line's argument vector ("--password", "…") is not read so: its name is a flag.
func attrPathList(data []byte, start, end int) bool {
	if start < 2 || end >= len(data) {
		return false
	}
	q := data[start-1]
	if (q != '"' && q != '\'') || data[end] != q {
		return false
	}
	// the element before: `"…password", ` right before the value's quote
	i := start - 2
	for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i--
	}
	if i < 0 || data[i] != ',' {
		return false
	}
	elems := 2
	open := -1
	for i--; i >= 0 && start-i < 2048 && elems < 8; {
		for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i--
		}
		if i < 0 {
			return false
		}
		if data[i] == '[' || data[i] == '{' {
			open = i
			break
		}
		if data[i] != q {
			return false
		}
		k := bytes.LastIndexByte(data[max(0, i-256):i], q)
		if k < 0 {
			return false
		}
		k += max(0, i-256)
		el := data[k+1 : i]
		if len(el) == 0 || el[0] == '-' || bytes.ContainsAny(el, " \n\\") {
			return false
		}
		i = k - 1
		for i >= 0 && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i--
		}
		if i >= 0 && data[i] == ',' {
			elems++
			i--
			continue
		}
		if i >= 0 && (data[i] == '[' || data[i] == '{') {
			open = i
			break
		}
		return false // a call's arguments ("mysql('db:3306', 'shop', 'app', 'pw')"), a tuple, or no list
	}
	if open < 0 && elems < 8 {
		return false // neither the list's opening bracket nor a long run of names before it
	}
	// elements after the value
	for i := end + 1; i < len(data) && i-end < 2048; {
		i = skipBlanks(data, i)
		if i >= len(data) || data[i] != ',' {
			break
		}
		i = skipBlanks(data, i+1)
		if i >= len(data) || data[i] != q {
			break
		}
		k := bytes.IndexByte(data[i+1:min(len(data), i+257)], q)
		if k < 0 {
			break
		}
		elems++
		i += k + 2
	}
	return elems >= 3
}

// dnsNameValue: a host name ("kv-auth.ap-south-2.api.dev") found under a path whose
// secret word is a parent's ("kv-auth" → "endpoints" → "hostname"), or an API group and
// its version ("identity.heron.dev/v3beta1") under any name: lower-case labels of
// letters, digits and hyphens, three or more, the last of letters only. A bare host name
// that the key right before it names as a secret ("token": "…") is still read.
func dnsNameValue(data []byte, start int, v []byte) bool {
	versioned := false
	if slash := bytes.IndexByte(v, '/'); slash > 0 {
		if !apiVersion(v[slash+1:]) {
			return false
		}
		v = v[:slash]
		versioned = true // a group and its version, whatever the name it is assigned to
	}
	labels := bytes.Split(v, []byte("."))
	if len(labels) < 3 {
		return false
	}
	for _, l := range labels {
		if len(l) == 0 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range l {
			if !is(c, cLower|cDigit) && c != '-' {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if len(tld) < 2 || len(tld) > 12 {
		return false
	}
	for _, c := range tld {
		if !is(c, cLower) {
			return false
		}
	}
	return versioned || !ownKeyNamesSecret(data, start)
}

// apiVersion: "v1", "v2beta3", "v1alpha1".
func apiVersion(s []byte) bool {
	if len(s) < 2 || s[0] != 'v' || !isDigit(s[1]) {
		return false
	}
	i := 1
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	rest := s[i:]
	for _, w := range []string{"alpha", "beta"} {
		if bytes.HasPrefix(rest, []byte(w)) {
			rest = rest[len(w):]
			for len(rest) > 0 && isDigit(rest[0]) {
				rest = rest[1:]
			}
			break
		}
	}
	return len(rest) == 0
}

// ownKeyNamesSecret reads the key written right before a value (`"hostname" : "…"`,
// `token=…`) and reports whether it names a secret or a password.
func ownKeyNamesSecret(data []byte, start int) bool {
	i := start - 1
	if i >= 0 && (data[i] == '"' || data[i] == '\'') {
		i--
	}
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 0 || (data[i] != ':' && data[i] != '=') {
		return false // no key of its own on this line: the name is a parent's
	}
	i--
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	e := i + 1
	if i >= 0 && (data[i] == '"' || data[i] == '\'') {
		e = i
		i--
	}
	for i >= 0 && (is(data[i], cAlnum|cUnder) || data[i] == '-' || data[i] == '.') {
		i--
	}
	key := data[i+1 : e]
	if len(key) == 0 || len(key) > maxKeyLen {
		return false
	}
	var segBuf [8][]byte
	var text [maxKeyLen]byte
	segs := keySegments(key, segBuf[:0], text[:0])
	return secretKey(segs) || passwordKey(segs)
}

// constantName: an upper-case constant's name written without quotes as the value
// ("…-token-ttl-seconds": _IMDSV2_SESSION_TOKEN_TTL_SECONDS): code that refers to a
// constant, three or more words joined by '_', most of them letters only.
func constantName(data []byte, start int, v []byte) bool {
	if start > 0 && (data[start-1] == '"' || data[start-1] == '\'' || data[start-1] == '`') {
		return false
	}
	words, letterWords := 0, 0
	for _, w := range bytes.Split(bytes.Trim(v, "_"), []byte("_")) {
		if len(w) == 0 {
			return false
		}
		letters := true
		for _, c := range w {
			if !is(c, cUpper|cDigit) {
				return false
			}
			if !isUpper(c) {
				letters = false
			}
		}
		words++
		if letters && len(w) >= 3 {
			letterWords++
		}
	}
	return words >= 3 && letterWords*2 > words
}

// packageCoordinate: a package's artifact and version ("google-auth-library-credentials:1.3.0"
// in a list of bundled libraries): hyphenated lower-case words, a colon and a dotted
// version.
func packageCoordinate(v []byte) bool {
	c := bytes.LastIndexByte(v, ':')
	if c < 0 {
		return false
	}
	name, ver := v[:c], v[c+1:]
	if bytes.Count(name, []byte("-")) < 2 {
		return false
	}
	for _, ch := range name {
		if !is(ch, cLower|cDigit) && ch != '-' && ch != '.' {
			return false
		}
	}
	parts := bytes.Split(ver, []byte("."))
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if len(p) > 4 || !allDigits(p) {
			return false
		}
	}
	return true
}

// encodedDisclaimer: a base64 value (alone or after a user name and a colon, as npm's
// _auth holds "user:password") whose decoded text is words that say the credential is
// not real ("not my real password"). The same words written out are not reported; a
// passphrase in base64 ("correct horse battery staple") still is.
func encodedDisclaimer(v string) bool {
	if len(v) < 16 || len(v) > 172 {
		return false
	}
	for i := 0; i < len(v); i++ {
		if !is(v[i], cB64) && v[i] != '=' {
			return false
		}
	}
	var buf [129]byte // (172 characters decode to 129 bytes: a smaller buffer panicked)
	t := bytes.TrimRight([]byte(v), "=")
	if len(t)%4 == 1 {
		return false
	}
	n, err := base64.RawStdEncoding.Decode(buf[:], t)
	if err != nil {
		return false
	}
	d := buf[:n]
	if c := bytes.IndexByte(d, ':'); c > 0 {
		d = d[c+1:]
	}
	if !sentence(d) {
		return false
	}
	words := bytes.Fields(bytes.ToLower(d))
	for i, w := range words {
		if string(w) != "not" {
			continue
		}
		for _, x := range words[i+1 : min(len(words), i+4)] {
			switch string(x) {
			case "real", "actual", "valid", "live":
				return true
			}
		}
	}
	return false
}

// replOutput: a value in what an interactive Python session prints (a docstring's
// ">>> session.fetch_access_token(url)" followed by the dict it returns) where the same
// session's input gave its credentials as placeholders (">>> client_secret = 'secret'",
// "OAuth1Session('client-key', client_secret='secret')"): the tokens printed are the
// documentation's, not a live exchange's. The lines between the prompt and the value are
// the printed result, none blank; the session is read up to its first blank line. A
// session whose input holds no placeholder credential is still read.
//
// ls is the start of the value's line: the answer is the line's.
func replOutput(data []byte, ls int) bool {
	if hasPromptAt(data, ls) {
		return false // the session's input, not its output
	}
	for n, e := 0, ls-1; n < 64 && e > 0; n++ {
		s := bytes.LastIndexByte(data[:e], '\n') + 1
		line := bytes.TrimSpace(data[s:e])
		e = s - 1
		if len(line) == 0 {
			return false
		}
		if !hasPromptAt(data, s) {
			continue
		}
		if placeholderCredential(line[3:]) {
			return true
		}
	}
	return false
}

// placeholderCredential reports an assignment or keyword argument in a line of code
// whose name names a secret and whose quoted value is a placeholder ("client_secret =
// 'secret'", "api_key='your-key'").
func placeholderCredential(line []byte) bool {
	for i := 0; i < len(line); i++ {
		if line[i] != '=' || i+1 < len(line) && line[i+1] == '=' || i > 0 && (line[i-1] == '=' || line[i-1] == '!') {
			continue
		}
		k := i - 1
		for k >= 0 && line[k] == ' ' {
			k--
		}
		ke := k + 1
		for k >= 0 && is(line[k], cAlnum|cUnder) {
			k--
		}
		key := line[k+1 : ke]
		v := bytes.TrimLeft(line[i+1:], " ")
		if len(key) == 0 || len(key) > maxKeyLen || len(v) < 2 || (v[0] != '\'' && v[0] != '"') {
			continue
		}
		end := bytes.IndexByte(v[1:], v[0])
		if end < 0 {
			continue
		}
		var segBuf [8][]byte
		var text [maxKeyLen]byte
		segs := keySegments(key, segBuf[:0], text[:0])
		if (secretKey(segs) || passwordKey(segs)) && isPlaceholder(v[1:1+end]) {
			return true
		}
	}
	return false
}

func hasPromptAt(data []byte, ls int) bool {
	i := ls
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return bytes.HasPrefix(data[i:], []byte(">>> "))
}

// assertionMessage: the message of a test assertion named pass ("t.pass('iterator.next
// called')", tape's and AVA's way to record a passing check): the name is a method
// called on an object and the value is words with spaces between them, not a password
// handed to a client's pass command.
func assertionMessage(data []byte, start int, v []byte) bool {
	if start < 7 || (data[start-1] != '\'' && data[start-1] != '"' && data[start-1] != '`') || data[start-2] != '(' ||
		!bytes.HasSuffix(bytes.ToLower(data[max(0, start-7):start-2]), []byte(".pass")) {
		return false
	}
	words := bytes.Fields(v)
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		for _, c := range w {
			if !is(c, cAlnum) && c != '.' && c != ',' && c != '\'' && c != '-' {
				return false
			}
		}
	}
	return true
}

// badgeToken: the token of a status badge's image URL in a README
// ("[![Build Status](https://ci.example/org/repo.svg?token=…&branch=main)]"): a CI service
// gives it to be shown on the page; it reads the build's status only.
// imageBefore reports whether a "![" ends within badgeLookBack before start: badgeToken
// reads back that far for one, so without one it is false. The offsets are found once
// a text: a long line of values with no image is not read back 2 KiB for each.
func (x *round6Index) imageBefore(data []byte, start int) bool {
	if !x.bangsBuilt {
		x.bangsBuilt = true
		x.bangs = occurrences(data, "![")
	}
	k, _ := slices.BinarySearch(x.bangs, start-badgeLookBack)
	return k < len(x.bangs) && x.bangs[k]+2 <= start
}

// badgeLookBack bounds how far before a token badgeToken looks for its image link.
const badgeLookBack = 2048

func badgeToken(data []byte, start int) bool {
	// A badge's image URL is short: the look-back is bounded, so a long line of many
	// matches costs each of them the same (not the whole line again).
	line := data[lineStartWithin(data, start, badgeLookBack):start]
	if bytes.Index(line, []byte("![")) < 0 {
		return false // (one forward search: LastIndex below reads byte by byte)
	}
	img := bytes.LastIndex(line, []byte("]("))
	if img < 0 || bytes.LastIndex(line, []byte("![")) < 0 || bytes.LastIndex(line, []byte("![")) > img {
		return false
	}
	u := line[img+2:]
	q := bytes.IndexByte(u, '?')
	if q < 0 || bytes.IndexAny(u, " )") >= 0 {
		return false
	}
	path := bytes.ToLower(u[:q])
	return bytes.HasSuffix(path, []byte(".svg")) || bytes.HasSuffix(path, []byte(".png"))
}

// taggedWord: a sentence's last word and a documentation tag glued to it
// ("field.@InputOnly", generated from an API description whose comments end in
// "@InputOnly" or "@OutputOnly"): letters, a period, '@' and a capitalised word. A
// token has no ".@" in it.
func taggedWord(v []byte) bool {
	i := bytes.Index(v, []byte(".@"))
	if i < 1 || i+3 > len(v) || !isUpper(v[i+2]) {
		return false
	}
	for _, c := range v[:i] {
		if !is(c, cLower|cUpper) {
			return false
		}
	}
	for _, c := range v[i+2:] {
		if !is(c, cLower|cUpper) {
			return false
		}
	}
	return true
}
