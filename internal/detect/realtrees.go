package detect

import (
	"bytes"
	"slices"
	"strings"
)

// Classes of false positives found by triaging every non-test finding on real trees
// that hold no live secret (a Go module cache, /usr/share/doc). Each is a reason the
// value is not a credential that the text itself gives; none looks at a file name.

// testVectorNames are the names secret scanners give the lists of strings their rules
// must and must not match: gitleaks' rule sources build "tps" (true positives) and
// "fps" (false positives) next to each rule's expression.
var testVectorNames = []string{"tps", "fps", "truePositives", "falsePositives", "true_positives", "false_positives"}

// testVectorWindow bounds how far above a value the list that holds it may start.
const testVectorWindow = 16 << 10

// inTestVectors reports a value written inside such a list: the last assignment to one
// of those names above the value ("tps := []string{", "tps = append(tps,", "fps :=
// map[string]string{", "tps := utils.GenerateSampleSecrets(") opens a bracket that is
// still open where the value stands. A live key in a configuration or a log line has no
// enclosing literal named for a rule's test cases.
func inTestVectors(data []byte, start int) bool {
	var v vectorIndex
	return v.in(data, start)
}

// vectorIndex answers inTestVectors for the matches of one text: the assignments to a
// test-vector name are found once a text, and the walk from the last one to a value goes
// on from where the previous value's walk stopped, so that a list of thousands of values
// is read once rather than once a value (a 256 KiB list took seconds).
type vectorIndex struct {
	built bool
	decls []vectorDecl // sorted by at
	// the walk from decl: reached pos (exclusive) with its state; valid for a value
	// before until (a type's brackets "[...]x" told apart from a list's opening only
	// later in the text) and never before pos
	walked             bool
	decl, pos, until   int
	depth              int
	opened, dead, last bool
	quote              byte
	lastStart          int
}

// vectorDecl is an assignment to a test-vector name at at, whose operator ends at end;
// a value's window must reach need to see the operator and the byte after it.
type vectorDecl struct{ at, end, need int }

// declAt reads an assignment to name n at i ("tps :=", "fps ="), the name's first
// byte's neighbour before it not checked.
func declAt(data []byte, i int, n string) (vectorDecl, bool) {
	j := i + len(n)
	if j < len(data) && is(data[j], cAlnum|cUnder) {
		return vectorDecl{}, false
	}
	for j < len(data) && (data[j] == ' ' || data[j] == '\t') {
		j++
	}
	switch {
	case j+1 < len(data) && data[j] == ':' && data[j+1] == '=':
		return vectorDecl{i, j + 2, j + 2}, true
	case j+1 < len(data) && data[j] == '=' && data[j+1] != '=':
		return vectorDecl{i, j + 1, j + 2}, true
	}
	return vectorDecl{}, false
}

func (v *vectorIndex) build(data []byte) {
	v.built = true
	for _, n := range testVectorNames {
		for p := 0; ; {
			k := bytes.Index(data[p:], []byte(n))
			if k < 0 {
				break
			}
			k += p
			p = k + 1
			if k > 0 && is(data[k-1], cAlnum|cUnder) {
				continue
			}
			if d, ok := declAt(data, k, n); ok {
				v.decls = append(v.decls, d)
			}
		}
	}
	slices.SortFunc(v.decls, func(a, b vectorDecl) int { return a.at - b.at })
}

// lastDecl is where the last assignment seen from start (within testVectorWindow
// above it) ends, -1 if none.
func (v *vectorIndex) lastDecl(data []byte, start int) int {
	if !v.built {
		v.build(data)
	}
	lo := max(0, start-testVectorWindow)
	// a later assignment needs more of the text than an earlier one: the last one whose
	// operator the window holds
	k, _ := slices.BinarySearchFunc(v.decls, start+1, func(d vectorDecl, t int) int { return d.need - t })
	if k > 0 && v.decls[k-1].at >= lo {
		return v.decls[k-1].end
	}
	// The window's first byte has no neighbour before it in the window.
	if lo > 0 && is(data[lo-1], cAlnum|cUnder) {
		for _, n := range testVectorNames {
			if bytes.HasPrefix(data[lo:start], []byte(n)) {
				if d, ok := declAt(data[:start], lo, n); ok {
					return d.end
				}
			}
		}
	}
	return -1
}

func (v *vectorIndex) in(data []byte, start int) bool {
	decl := v.lastDecl(data, start)
	if decl < 0 {
		return false
	}
	if v.walked && v.decl == decl && start == v.lastStart {
		return v.last
	}
	if !v.walked || v.decl != decl || start < v.pos || start > v.until {
		v.walked, v.decl, v.pos, v.until = true, decl, decl, len(data)
		v.depth, v.opened, v.dead, v.quote = 0, false, false, 0
	}
	v.lastStart = start
	v.last = v.walk(data, start)
	return v.last
}

// walk goes on from v.pos to start: from the assignment to the value, the first bracket
// opens the list, and the value is inside it while the depth stays above zero (quoted
// text is skipped, so a bracket in an example string does not count).
func (v *vectorIndex) walk(data []byte, start int) bool {
	if v.dead {
		return false
	}
	win := data[:start]
	i := v.pos
	defer func() { v.pos = max(v.pos, i) }()
	for ; i < len(win); i++ {
		c := win[i]
		if v.quote != 0 {
			switch {
			case c == '\\' && v.quote != '`':
				i++
			case c == v.quote, c == '\n' && v.quote != '`':
				v.quote = 0
			}
			continue
		}
		switch c {
		case '"', '`', '\'':
			v.quote = c
		case '[':
			if !v.opened {
				// a type before the literal: "[]string{", "map[string]string{"
				if k := bytes.IndexByte(win[i:], ']'); k > 0 && i+k+1 < len(win) && typeBracket(win[i+k+1]) {
					i += k
					continue
				}
				// read as the list's opening: a later value may see the bracket close
				// before a type's name, and then reads the text again from the assignment
				if k := bytes.IndexByte(data[i:], ']'); k > 0 && i+k+1 < len(data) && typeBracket(data[i+k+1]) {
					v.until = i + k + 1
				}
			}
			v.depth++
			v.opened = true
		case '{', '(':
			v.depth++
			v.opened = true
		case '}', ')', ']':
			v.depth--
			if v.depth <= 0 {
				v.dead = true
				i++
				return false // the list closed above the value
			}
		case '\n':
			if !v.opened {
				v.dead = true
				i++
				return false // an assignment of something else ("tps = 40")
			}
		}
	}
	return v.opened && v.depth > 0
}

// typeBracket says a "[...]" before c is part of a type name.
func typeBracket(c byte) bool { return is(c, cAlnum|cUnder) || c == '[' || c == '*' }

// passwordActions are verbs that, before a password's name, make the key the name of
// an operation on a password (resetPassword, verify_password, signInWithPassword,
// manager_users_change_password) rather than of a field holding one. Where such a name
// is a call's argument or the method itself, the string after it is the RPC's next
// argument, a span's kind or the new password of a how-to ("ChangePasswd(\"…\")") —
// not the password of a configuration. (As a field, "this.resetPassword = '…'", it
// still holds one.)
var passwordActions = []string{"reset", "verify", "forgot", "forget", "change", "update", "recover", "check",
	"validate", "with", "hash", "generate", "compare", "encrypt", "decrypt"}

// actionOnPassword reports a key whose password word follows such a verb.
func actionOnPassword(key []byte) bool {
	low := bytes.ToLower(bytes.Trim(key, `"'`))
	cut := false
	for _, w := range []string{"password", "passwd", "pass", "pwd"} {
		if bytes.HasSuffix(low, []byte(w)) {
			low, cut = bytes.TrimRight(low[:len(low)-len(w)], "_-. "), true
			break
		}
	}
	if !cut {
		return false
	}
	for _, v := range passwordActions {
		if bytes.HasSuffix(low, []byte(v)) {
			return true
		}
	}
	return false
}

// typeNames are the built-in type names of common languages: what stands after a
// password's name in a declaration ("FPassword : UnicodeString;") or a validator's
// message ("must be of type password: \"float64\"").
var typeNames = map[string]bool{"string": true, "unicodestring": true, "ansistring": true, "widestring": true,
	"shortstring": true, "securestring": true, "float64": true, "float32": true, "int": true, "int32": true,
	"int64": true, "integer": true, "uint32": true, "uint64": true, "bool": true, "boolean": true, "byte": true,
	"[]byte": true, "char": true, "str": true, "number": true, "object": true, "secretstr": true, "bytes": true}

// notPasswordText reports what stands where a password's value would, but reads as
// something else by its own shape:
//   - a type name (see typeNames);
//   - code: a value that opens with a closing bracket or an operator ("') +
//     color.Bold('" between two string literals);
//   - a host name ("user@password:www.example.org/" in an API's documentation of URL
//     forms): a value starting with "www.";
//   - an htpasswd entry: a user name and the hash of a password (see hashedEntry);
//   - a field's name: letters only, three words or more in camelCase or snake_case, the
//     last of them a password word ("sslClientCertificateKeyPassword" in a list of
//     option names);
//   - prose about the password: words apart (a space or a slash) and one of them the
//     password's own name ("Username/password", a flag's help "Passwd file").
func notPasswordText(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	if typeNames[string(bytes.ToLower(v))] {
		return true
	}
	switch v[0] {
	case ')', ']', '}', '+', ',':
		if v[0] == ',' || !strayLead(v) {
			return true
		}
	case '*':
		// a dereferenced variable in a struct literal ("CloudCred: *gcsCloudEnv,"): a
		// camelCase name of letters and digits
		if len(v) > 4 && is(v[1], cLower) && camelName(v[1:]) {
			return true
		}
	}
	if sqlSizedType(v) {
		return true
	}
	if hasPrefixFold(v, 0, "www.") || hashedEntry(v) {
		return true
	}
	if fieldNameOfPassword(v) {
		return true
	}
	if bytes.ContainsAny(v, " /") {
		for _, w := range bytes.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '/' }) {
			if passwordWords[string(bytes.ToLower(w))] {
				return true
			}
		}
	}
	return false
}

// camelName reports a name of letters and digits that opens in lowercase and has a
// capital after a lowercase letter ("gcsCloudEnv", "s3ScanCloudEnv").
func camelName(v []byte) bool {
	hump := false
	for i, c := range v {
		if !is(c, cAlnum) {
			return false
		}
		if i > 0 && isUpper(c) && is(v[i-1], cLower) {
			hump = true
		}
	}
	return hump
}

// pairedNames reports URL credentials whose user and password are one name followed by
// the words user and password ("ldap-user:ldap-pwd", "adminuser:adminpassword"), or a
// name and the same name followed by the word password ("fred:fredpassword"), on a
// host reserved for documentation or on the machine itself (localhost, example.com,
// *.example, *.test, *.invalid: RFC 2606): a template of the form in documentation, not
// an account's. On any other host the same pair may be what a deployment really uses,
// and stays a finding.
func pairedNames(user, pw, host []byte) bool {
	if !reservedHost(host) {
		return false
	}
	// the user's name may carry the word user or stand alone ("fred:fredpassword"):
	// either way the password is that name with the word password added
	u, _ := cutWord(bytes.ToLower(user), "username", "user", "usr", "login", "name")
	p, ok := cutWord(bytes.ToLower(pw), "password", "passwd", "pass", "pwd", "pw", "secret")
	return ok && bytes.Equal(u, p)
}

// reservedHost reports a host (with or without a port or a path) that no real account
// lives on: the machine itself, or a name RFC 2606 reserves for documentation.
func reservedHost(host []byte) bool {
	h := bytes.ToLower(host)
	if i := bytes.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if i := bytes.LastIndexByte(h, ':'); i >= 0 && bytes.IndexByte(h, ']') < i {
		h = h[:i]
	}
	switch {
	case string(h) == "localhost", string(h) == "[::1]", bytes.HasPrefix(h, []byte("127.")) && ipv4Like(h):
		return true
	}
	for _, d := range []string{"example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"} {
		if string(h) == d || bytes.HasSuffix(h, []byte("."+d)) {
			return true
		}
	}
	return false
}

// realAtDocHost reports a password that shows itself a real one although it stands next
// to a host reserved for documentation (example.com, *.example, *.test): eight
// characters or more, three of lower case, upper case, digits and punctuation, no
// stand-in, and none of the words documentation builds its samples from ("P@ssw0rd",
// "mysecret1", "demo-2024!", the login again). Documentation's passwords say what they
// are; a generated or chosen one under a reserved name is still somebody's password,
// and generated test data puts example.com wherever a host goes.
func realAtDocHost(login, pw []byte) bool {
	if len(pw) < 8 || len(pw) > 128 || isPlaceholder(pw) {
		return false
	}
	classes := classCount(pw) // lower case, upper case, digits
	for _, c := range pw {
		if !is(c, cAlnum) {
			classes++ // and punctuation (or any other byte)
			break
		}
	}
	if classes < 3 {
		return false
	}
	low := make([]byte, len(pw))
	for i, c := range pw {
		low[i] = unLeet(lowerASCII(c))
	}
	for _, w := range docSampleWords {
		if bytes.Contains(low, []byte(w)) {
			return false
		}
	}
	if l := bytes.ToLower(login); len(l) >= 3 && bytes.Contains(bytes.ToLower(pw), l) {
		return false
	}
	return true
}

// docSampleWords are what documentation's sample passwords are made of, read after
// unLeet ("p4ssw0rd", "s3cr3t").
var docSampleWords = []string{"pass", "pwd", "secret", "word", "example", "sample", "demo", "test", "dummy", "admin",
	"login", "user", "letmein", "qwerty", "hunter", "changeme", "default", "foo"}

// unLeet reads the digits and signs that stand for letters in a sample password.
func unLeet(c byte) byte {
	switch c {
	case '0':
		return 'o'
	case '1', '!':
		return 'i'
	case '3':
		return 'e'
	case '4', '@':
		return 'a'
	case '5', '$':
		return 's'
	case '7':
		return 't'
	}
	return c
}

// cutWord removes the first of words that ends s, and the separator before it.
func cutWord(s []byte, words ...string) ([]byte, bool) {
	for _, w := range words {
		if r, ok := bytes.CutSuffix(s, []byte(w)); ok {
			return bytes.TrimRight(r, "-_."), true
		}
	}
	return s, false
}

// stringerNames reports a value made of names that all open with the same lowercase
// word followed by a capital ("tokenSSPItokenFedAuthInfo", "tokenDonetokenDoneProc"):
// the name table that Go's stringer generates for a type's constants, where the type's
// name prefixes each.
func stringerNames(v string) bool {
	w := 0
	for w < len(v) && is(v[w], cLower) {
		w++
	}
	if w < 4 || w == len(v) || !isUpper(v[w]) {
		return false
	}
	pre := v[:w]
	n := 0
	for i := 0; i < len(v); {
		j := strings.Index(v[i:], pre)
		if j < 0 {
			break
		}
		j += i
		e := j + len(pre)
		if e >= len(v) || !isUpper(v[e]) {
			return false
		}
		n++
		i = e
	}
	for i := 0; i < len(v); i++ {
		if !is(v[i], cAlnum) {
			return false
		}
	}
	return n >= 2
}

// sqlTypes are the SQL column types written with a size: what a table's description
// ("| password | varchar(100) | NO |") shows in the password column's type cell.
var sqlTypes = []string{"varchar", "nvarchar", "char", "nchar", "varbinary", "binary", "bit", "character varying"}

// sqlSizedType reports a value that is such a type and its size in parentheses.
func sqlSizedType(v []byte) bool {
	o := bytes.IndexByte(v, '(')
	if o < 3 || v[len(v)-1] != ')' || o+2 >= len(v) {
		return false
	}
	for _, c := range v[o+1 : len(v)-1] {
		if !isDigit(c) {
			return false
		}
	}
	name := bytes.ToLower(v[:o])
	for _, t := range sqlTypes {
		if string(name) == t {
			return true
		}
	}
	return false
}

// fieldNameOfPassword: see notPasswordText.
func fieldNameOfPassword(v []byte) bool {
	if len(v) < 12 {
		return false
	}
	words := 1
	for i, c := range v {
		switch {
		case c == '_' || c == '-':
			words++
		case isUpper(c):
			if i > 0 && !isUpper(v[i-1]) {
				words++
			}
		case !is(c, cLower):
			return false
		}
	}
	if words < 3 {
		return false
	}
	low := bytes.ToLower(v)
	for _, w := range []string{"password", "passwd", "passphrase"} {
		if bytes.HasSuffix(low, []byte(w)) {
			return true
		}
	}
	return false
}

// codeAcronyms are the vowel-less abbreviations that names in code and API specs are
// built from ("IdTokenHttpNotFound", "userAuthPubKeyOkMsg", "X-…-Kms-Sealed-Key",
// "getGPGKeysPermission"): identifierLike takes them as words, as it takes words with
// vowels. A generated key's humps are random letters and hit this list rarely.
var codeAcronyms = map[string]bool{"http": true, "https": true, "html": true, "xml": true, "jwt": true, "jws": true,
	"jwk": true, "kms": true, "msg": true, "rp": true, "gpg": true, "pgp": true, "ssh": true, "tls": true, "ssl": true,
	"sql": true, "rpc": true, "grpc": true, "pkcs": true, "sdk": true, "cdn": true, "dns": true, "tcp": true,
	"udp": true, "crl": true, "csr": true, "crt": true, "ctx": true, "cfg": true, "src": true, "dst": true,
	"pkg": true, "cmd": true, "str": true, "sspi": true, "ntlm": true, "smtp": true, "ftp": true, "sftp": true,
	"vcs": true, "mfa": true, "otp": true, "pwd": true, "sts": true, "std": true, "req": true, "resp": true,
	"svc": true, "mgr": true, "db": true, "fs": true, "js": true, "css": true, "png": true, "pdf": true, "csv": true,
	"nfs": true, "lvm": true, "ldap": true, "kdc": true, "spn": true, "tgt": true, "krb": true}

// codeAcronym reports whether s, in any case, is one of codeAcronyms.
func codeAcronym(s []byte) bool {
	if len(s) > 5 {
		return false
	}
	var b [5]byte
	for i, c := range s {
		b[i] = lowerASCII(c)
	}
	return codeAcronyms[string(b[:len(s)])]
}

// twoLetterWord reports the two-letter words and abbreviations that camelCase names
// hold ("userAuthPubKeyOkMsg", "IdTokenNotFound", "OnBehalfOf"): randomLetters does not
// take their hump for a random capital.
func twoLetterWord(a, b byte) bool {
	switch string([]byte{lowerASCII(a), b}) {
	case "id", "ok", "is", "to", "of", "on", "by", "or", "in", "at", "as", "if", "no", "up", "rp", "ui", "io",
		"db", "fs", "js", "ip", "os", "do", "go", "my", "we", "be", "an":
		return true
	}
	return false
}

// valueNamesProvider reports a value that contains the provider's own name, matched as
// its context word: a name built from it ("VCSProviderNameGitlab", "maxmindlicensev2",
// "…CoherenceInstance") rather than a key issued by it.
func valueNamesProvider(v []byte, word string) bool {
	return len(word) >= 4 && indexFold(v, word) >= 0
}

// proseWord reports a value of letters alone standing in running text between two
// lowercase words ("… can be used to access and generate this data."): a provider's
// keyword in a description of the provider, followed by an English word that happens
// to have the length of its keys.
func proseWord(data []byte, s, e int) bool {
	for _, c := range data[s:e] {
		if !is(c, cLower) {
			return false
		}
	}
	if s < 2 || e+2 > len(data) || data[s-1] != ' ' || data[e] != ' ' && data[e] != '.' && data[e] != ',' {
		return false
	}
	if data[e] == ' ' && !lowerWordAt(data, e+1, 1) {
		// after the provider's capitalised name a sentence goes on in any case ("Nexmo
		// provides APIs for SMS")
		return capitalWordAt(data, s-2) && letterWordAt(data, e+1)
	}
	return lowerWordAt(data, s-2, -1) || capitalWordAt(data, s-2)
}

// letterWordAt reports two or more letters of any case from i, ending at a space or
// punctuation.
func letterWordAt(data []byte, i int) bool {
	n := 0
	for ; i < len(data) && is(data[i], cLower|cUpper); i++ {
		n++
	}
	return n >= 2 && (i >= len(data) || !is(data[i], cAlnum|cUnder))
}

// capitalWordAt reports a capitalised word ending at i ("Nexmo" in "Nexmo provides
// APIs"): the provider's own name opening a sentence of its description.
func capitalWordAt(data []byte, i int) bool {
	n := 0
	for ; i >= 0 && is(data[i], cLower); i-- {
		n++
	}
	return n >= 2 && i >= 0 && is(data[i], cUpper) && (i == 0 || !is(data[i-1], cAlnum|cUnder))
}

// goImportPath reports a value that is a package's import path ("github.com/org/repo/
// pkg/detectors/salesmate"): a host name of lowercase labels and a top-level domain of
// letters, then two or more path segments of words. A key with '/' in its alphabet
// (base64) does not open with a host name.
func goImportPath(v string) bool {
	sl := strings.IndexByte(v, '/')
	if sl < 4 || strings.Count(v, "/") < 2 {
		return false
	}
	host := v[:sl]
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || len(host)-dot-1 < 2 || len(host)-dot-1 > 6 {
		return false
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if !is(c, cLower|cDigit) && c != '.' && c != '-' || i > dot && !is(c, cLower) {
			return false
		}
	}
	// each segment a word of a path ("trufflesecurity", "pkg", "detectors") or a major
	// version ("v3"); a webhook's path (hooks.slack.com/services/<random>) holds random
	// letters and digits and keeps its finding
	for _, seg := range strings.Split(v[sl+1:], "/") {
		if len(seg) == 0 || len(seg) > 24 {
			return false
		}
		if seg[0] == 'v' && len(seg) > 1 && strings.Trim(seg[1:], "0123456789") == "" {
			continue
		}
		for i := 0; i < len(seg); i++ {
			if c := seg[i]; !is(c, cLower) && c != '.' && c != '-' && c != '_' {
				return false
			}
		}
	}
	return true
}

// googleDocKey reports the key= parameter of a Google Docs address
// ("docs.google.com/spreadsheet/ccc?key=0Ao1…"): the document's identifier, which the
// old spreadsheet links carried under that name, not an API key (those go to
// *.googleapis.com and have their own shape).
func googleDocKey(data []byte, start int) bool {
	if start < 4 || string(data[start-4:start]) != "key=" {
		return false
	}
	ls := max(0, start-256)
	u := data[ls:start]
	if i := bytes.LastIndexAny(u, " \t\n\"'<>("); i >= 0 {
		u = u[i+1:]
	}
	q := bytes.IndexByte(u, '?')
	if q < 0 {
		return false
	}
	u = bytes.TrimPrefix(bytes.TrimPrefix(u[:q], []byte("https://")), []byte("http://"))
	return bytes.HasPrefix(u, []byte("docs.google.com/spreadsheet")) || bytes.HasPrefix(u, []byte("docs.google.com/document"))
}

// lowerWordAt reports two or more lowercase letters from i going in direction dir,
// ending at a space or punctuation.
func lowerWordAt(data []byte, i, dir int) bool {
	n := 0
	for ; i >= 0 && i < len(data) && is(data[i], cLower); i += dir {
		n++
	}
	return n >= 2 && (i < 0 || i >= len(data) || !is(data[i], cAlnum|cUnder))
}

// hashedEntry reports "user:<crypt hash>", an htpasswd line: bcrypt ($2a$, $2b$, $2y$),
// Apache MD5 ($apr1$), SHA-crypt ($5$, $6$), MD5-crypt ($1$) or {SHA}. It stores the
// hash, from which the password is not read back.
func hashedEntry(v []byte) bool {
	c := bytes.IndexByte(v, ':')
	if c <= 0 {
		return false
	}
	h := v[c+1:]
	for _, p := range []string{"$2a$", "$2b$", "$2y$", "$apr1$", "$5$", "$6$", "$1$", "{SHA}"} {
		if bytes.HasPrefix(h, []byte(p)) && len(h) >= len(p)+20 {
			return true
		}
	}
	return false
}

// cursorWords, before "token", name a pagination cursor (pageToken, nextPageToken,
// continuation_token, NextToken, syncToken): an opaque position in a listing that the
// server hands to anyone who lists, not a credential. A page's access token
// (PAGE_ACCESS_TOKEN) keeps "access" between the two and stays a secret's name.
var cursorWords = map[string]bool{"page": true, "continuation": true, "cursor": true, "next": true, "sync": true,
	"resume": true, "pagination": true}

// cursorKey reports a key that ends in such a word and "token". The word may end a
// longer segment: a query string escaped in JSON ("\u0026pageToken=") reads as one.
func cursorKey(segs [][]byte) bool {
	n := len(segs)
	if n < 2 || string(segs[n-1]) != "token" {
		return false
	}
	w := segs[n-2]
	if cursorWords[string(w)] {
		return true
	}
	return len(w) > 5 && isDigit(w[len(w)-5]) && cursorWords[string(w[len(w)-4:])]
}

// listItem reports a line that opens an item of a Markdown or plain-text list ("* ",
// "- ", "+ ", "1. ", "2) "): introduced's "Examples:" followed by such items at its own
// indentation introduces every one of them.
func listItem(t []byte) bool {
	if len(t) >= 2 && (t[0] == '*' || t[0] == '-' || t[0] == '+') && t[1] == ' ' {
		return true
	}
	i := 0
	for i < len(t) && i < 3 && isDigit(t[i]) {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

// integrityDigest reports a value right after a Subresource Integrity algorithm
// ("sha512-<base64>" in a package lock's "integrity"): the digest of a published
// package, whatever provider's alphabet and length it happens to fit.
func integrityDigest(data []byte, start int) bool {
	for _, p := range []string{"sha256-", "sha384-", "sha512-"} {
		if start >= len(p) && string(data[start-len(p):start]) == p {
			return true
		}
	}
	return false
}

// namesOwnProvider reports a match whose value is a name built of words and holds the
// rule's own key word ("…V1CoherenceInstance" for Cohere's rule, found under a JSON
// path that names a coherence metric): a schema's or a type's name, not a key, which
// is random and never spells its issuer.
func namesOwnProvider(m rawMatch) bool {
	if m.r.prio <= prioGeneric || len(m.value) < 12 {
		return false
	}
	var v []byte
	for _, k := range m.r.Keywords {
		if len(k) >= 5 && allLetters(k) {
			if v == nil {
				v = []byte(m.value) // once, and only for a rule with such a key word
			}
			if indexFold(v, k) >= 0 {
				return identifierLike(v)
			}
		}
	}
	return false
}

func allLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !is(s[i], cLower|cUpper) {
			return false
		}
	}
	return true
}

// exampleSection reports a value inside a fenced code block that the document presents
// as an example: API documentation shows there what a response or a command looks like.
// A block is one when
//   - its section's heading, or the heading of a section enclosing it, names an example
//     or a sample ("## Sample Response", "#### Example", "## Examples" above "### Join
//     a node to swarm", "## Example Workflow" above "### Create root role");
//   - the first paragraph under such a heading says so for the whole section ("The
//     following examples use curl");
//   - the paragraph right above the fence introduces it as one ("As an example, for a
//     user … the URL would look like:", "The example below demonstrates …").
//
// Only headings of two or more '#' count (a lone "# example" is as often a comment in a
// script or a .env), and only values inside a fence, so the section's prose and the
// configuration around it are not judged by its title.
func exampleSection(data []byte, start int) bool {
	for _, b := range exampleBlocks(data) {
		if start >= b[0] && start < b[1] {
			return true
		}
	}
	return false
}

// exampleWords reports whether a line of prose names an example or a sample. Inline
// code does not count, nor a word inside a token or in capitals ("looks like
// `xoxb-0000000000-EXAMPLE`" describes a placeholder, not the block below).
func exampleWords(t []byte) bool {
	for i := 0; i < len(t); {
		if t[i] == '`' {
			j := bytes.IndexByte(t[i+1:], '`')
			if j < 0 {
				return false
			}
			i += j + 2
			continue
		}
		if (t[i] == 'e' || t[i] == 'E' || t[i] == 's' || t[i] == 'S') && (i == 0 || !is(t[i-1], cAlnum|cUnder|cDash) &&
			t[i-1] != '.' && t[i-1] != '@' && t[i-1] != '/' && t[i-1] != ':') {
			for _, w := range []string{"example", "sample"} {
				if !hasPrefixFold(t, i, w) || isUpper(t[i+1]) {
					continue
				}
				e := i + len(w)
				if e < len(t) && t[e] == 's' {
					e++
				}
				// a host name ("api.example.com", "user@example.org") is no word of prose
				if e == len(t) || !is(t[e], cAlnum|cUnder|cDash) && !(t[e] == '.' && e+1 < len(t) && is(t[e+1], cAlnum)) {
					return true
				}
			}
		}
		i++
	}
	return false
}

// exampleBlocks returns the spans of the fenced blocks that exampleSection accepts, in
// order, reading the text once.
func exampleBlocks(data []byte) [][2]int {
	return exampleBlocksIn(data, true)
}

// exampleBlocksIn is exampleBlocks; indented says whether to look for indented code
// blocks too (a text without the word example has no block introduced as one, and
// without a fence none that a section's name could cover alone).
func exampleBlocksIn(data []byte, indented bool) [][2]int {
	if !indented && bytes.Index(data, []byte("```")) < 0 && bytes.Index(data, []byte("~~~")) < 0 {
		return nil
	}
	var out [][2]int
	// sec[l] says whether the open section of level l (2..6) is an example section
	var sec [8]bool
	level := 0 // the level of the innermost open section
	inFence, blockEx := false, false
	open := 0
	// an indented code block (four spaces after a blank line, Markdown's other form)
	inInd, prevBlank := false, true
	// the paragraph above: whether it names an example, whether a blank line ended it,
	// and whether it is the first paragraph under the current heading
	paraEx, paraDone, firstPara := false, true, false
	paraColon := false // the paragraph's last line ends with ':' (it introduces what follows)
	exampleHere := func() bool {
		ex := paraEx
		for l := 2; l <= level && !ex; l++ {
			ex = sec[l]
		}
		return ex
	}
	for p := 0; p < len(data); {
		e := bytes.IndexByte(data[p:], '\n')
		if e < 0 {
			e = len(data)
		} else {
			e += p
		}
		line := data[p:e]
		next := e + 1
		ind := indentOf(line)
		t := bytes.TrimRight(line[ind:], "\r")
		fence := bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
		blank := len(t) == 0
		if indented && !inFence {
			if inInd {
				if blank || ind >= 4 {
					p, prevBlank = next, blank
					continue
				}
				if blockEx {
					out = append(out, [2]int{open, p})
				}
				inInd = false
				paraEx, paraDone = false, true
			} else if !blank && !fence && ind >= 4 && prevBlank && paraDone {
				// code is indented too: only a label that names an example and ends in ':'
				// ("**Example request**:") or an example section makes this block one
				paraOnly := paraEx
				paraEx = paraEx && paraColon
				inInd, open, blockEx = true, p, exampleHere()
				paraEx = paraOnly
				firstPara = false
				p, prevBlank = next, false
				continue
			}
		}
		switch {
		case fence:
			if inFence {
				if blockEx {
					out = append(out, [2]int{open, p})
				}
				paraEx, paraDone = false, true
			} else {
				blockEx = exampleHere()
				firstPara = false
			}
			inFence, open = !inFence, next
		case inFence:
		case len(t) > 3 && t[0] == '#' && t[1] == '#':
			h := bytes.TrimLeft(t, "#")
			if n := len(t) - len(h); n <= 6 && len(h) > 0 && h[0] == ' ' {
				level = n
				sec[n] = exampleWords(h)
				for l := n + 1; l < len(sec); l++ {
					sec[l] = false
				}
				paraEx, paraDone, firstPara = false, true, true
			}
		case blank:
			if !paraDone && firstPara {
				firstPara = false
			}
			paraDone = true
		default:
			if paraDone {
				paraEx, paraDone = false, false
			}
			paraColon = t[len(t)-1] == ':'
			if t[0] == '#' {
				// a one-'#' heading or a comment (see above): a heading closes every section
				paraEx, paraDone = false, true
				if len(t) > 1 && t[1] == ' ' {
					sec, level = [8]bool{}, 1
				}
			} else if exampleWords(t) {
				paraEx = true
				if firstPara && level >= 2 && followingExamples(t) {
					sec[level] = true
				}
			}
		}
		p, prevBlank = next, blank
	}
	if (inFence || inInd) && blockEx {
		out = append(out, [2]int{open, len(data)})
	}
	return out
}

// followingExamples reports a line that says what comes after it is examples ("The
// following examples use curl", "the examples below"): said in a section's first
// paragraph, it covers every block of the section.
func followingExamples(t []byte) bool {
	for _, w := range []string{"example", "examples"} {
		for i := 0; ; {
			j := indexFold(t[i:], w)
			if j < 0 {
				break
			}
			j += i
			e := j + len(w)
			i = j + 1
			if j > 0 && is(t[j-1], cAlnum) || e < len(t) && is(t[e], cAlnum) {
				continue
			}
			if j >= 10 && hasPrefixFold(t, j-10, "following ") || hasPrefixFold(t, e, " below") {
				return true
			}
		}
	}
	return false
}

// rtIndex is what realTrees knows of one text, built on its first secret match.
type rtIndex struct {
	built   bool
	vectors bool     // the text assigns to a test-vector list's name
	blocks  [][2]int // exampleBlocks: fenced blocks only
	// with indented code blocks too, built on the first match on an indented line of a
	// text that holds the word example (a log line is not indented: a log is not read
	// line by line for it)
	indBuilt  bool
	indBlocks [][2]int
	// the offsets of `"""` (realtrees2.go's docstrings), found on the first match after
	// an "example" in a text
	tqBuilt bool
	tq      []int
	// whether any line is indented (indents): 0 not yet known, 1 no, 2 yes
	indState uint8
	r4       round4Index // realtrees4.go
	// the text's marks, as the pass found them (textmarks.go)
	marks textMarks
	// lc finds the matches' lines, and the memos keep the answers of the checks that
	// read lines above a match: a long line of matches is read once (bytescan.go)
	lc                                            lineCursor
	rstMemo, docMemo, roffMemo, replMemo, fmtMemo lineMemo
	r5                                            round5Index // realtrees5.go
	r6                                            round6Index // realtrees6.go
	r8                                            round8Index // realtrees8.go
	tv                                            vectorIndex // inTestVectors
}

// indents reports whether any line of data is indented (four spaces or a tab): a log
// stream's records are not, and its matches are then not looked at line by line.
func (r *rtIndex) indents(data []byte) bool {
	if r.indState == 0 {
		r.indState = 1
		if bytes.Contains(data, []byte("\n    ")) || bytes.Contains(data, []byte("\n\t")) {
			r.indState = 2
		}
	}
	return r.indState == 2
}

func (r *rtIndex) quotes(data []byte) []int {
	if !r.tqBuilt {
		r.tqBuilt = true
		if r.marks.holds(data, markTripleQ) {
			r.tq = tripleQuotes(data)
		}
	}
	return r.tq
}

// realTrees reports whether one of realtrees.go's post-pass classes drops m.
func (x *exampleIndex) realTrees(data []byte, m rawMatch, at []int) bool {
	return x.realTreesWhy(data, m, at) != ""
}

// realTreesWhy names the post-pass class that drops m ("" when none does), asking them
// in the order realTrees does; the trace (dropWhy) reports the name.
func (x *exampleIndex) realTreesWhy(data []byte, m rawMatch, at []int) string {
	r := &x.rt
	if !r.built {
		r.built = true
		r.vectors = assignsTestVectors(data)
		if r.marks.holds(data, markFence) { // (exampleBlocksIn finds no block without one)
			r.blocks = exampleBlocksIn(data, false)
		}
	}
	if r.vectors && r.tv.in(data, m.start) {
		return "testVectors"
	}
	if inSpans(r.blocks, m.start) {
		return "exampleBlock"
	}
	ls := r.lc.start(data, m.start)
	ind := len(at) > 0 && indentedLine(data, ls, m.start)
	if ind {
		if !r.indBuilt {
			r.indBuilt = true
			r.indBlocks = exampleBlocksIn(data, true)
		}
		if inSpans(r.indBlocks, m.start) {
			return "exampleBlock"
		}
	}
	switch {
	case integrityDigest(data, m.start) || namesOwnProvider(m) ||
		googleDocKey(data, m.start) || stringerNames(m.value) || m.r.prio > prioGeneric && goImportPath(m.value) ||
		sortedWordList(data, m.start, m.end):
		return "shape"
	case (ind || len(at) == 0 && r.indents(data) && indentedLine(data, ls, m.start)) && r.rstExample(data, ls, m.start):
		return "rst"
	case len(at) > 0 && r.docstringExample(data, ls, m.start, r.quotes(data)):
		return "docstring"
	case perlTreeClass(data, m): // realtrees3.go
		return "round3"
	case r.treeRound4(data, m): // realtrees4.go
		return "round4"
	case r.treeRound5(data, m): // realtrees5.go
		return "round5"
	case r.treeRound6(data, m): // realtrees6.go
		return "round6"
	case r.treeRound8(data, m): // realtrees8.go
		return "round8"
	case held13HashSalt(data, m): // held13.go
		return "held13HashSalt"
	}
	return ""
}

func inSpans(spans [][2]int, at int) bool {
	for _, b := range spans {
		if at >= b[0] && at < b[1] {
			return true
		}
	}
	return false
}

// indentedLine reports whether the line holding offset at (starting at ls) opens with four spaces or a
// tab: a line of an indented code block.
func indentedLine(data []byte, ls, at int) bool {
	return at-ls >= 1 && data[ls] == '\t' || at-ls >= 4 && string(data[ls:ls+4]) == "    "
}

// assignsTestVectors reports whether data assigns to one of testVectorNames ("tps :=",
// "fps =", "truePositives="). It walks the '=' signs once instead of searching the text
// for each name and form (eighteen passes over every text with a secret match cost a
// third of the time of a log corpus).
func assignsTestVectors(data []byte) bool {
	for i := 0; i < len(data); {
		j := bytes.IndexByte(data[i:], '=')
		if j < 0 {
			return false
		}
		j += i
		e := j
		if e > 0 && data[e-1] == ':' {
			e--
		}
		if e > 0 && data[e-1] == ' ' {
			e--
		}
		for _, n := range testVectorNames {
			if e >= len(n) && string(data[e-len(n):e]) == n {
				return true
			}
		}
		i = j + 1
	}
	return false
}

// wordIn reports w as a whole word of s, in any case.
func wordIn(s []byte, w string) bool {
	for i := 0; ; {
		j := indexFold(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		e := j + len(w)
		if (j == 0 || !is(s[j-1], cAlnum)) && (e == len(s) || !is(s[e], cAlnum)) {
			return true
		}
		i = j + 1
	}
}

// hexDigestInWideShape reports a SHA-1 or SHA-256 in lowercase hex (40 or 64 digits)
// that opens its line and is followed by ':' — a fingerprint "commit:file:rule:line" of
// a scanner's ignore file, a "sha:path" listing — where the provider's shape takes
// capitals and letters past f as well (a Cloudflare token of 40 base64url characters).
// Hex of that length alone is not enough: some providers' keys are 64 hex digits though
// their shapes here are wider (Groove's), and they keep their provider's name.
func hexDigestInWideShape(data []byte, s, e int, alpha *[256]bool) bool {
	v := data[s:e]
	if len(v) != 40 && len(v) != 64 || !alpha['G'] || !alpha['g'] || e >= len(data) || data[e] != ':' ||
		s > 0 && data[s-1] != '\n' {
		return false
	}
	letters := 0
	for _, c := range v {
		switch {
		case 'a' <= c && c <= 'f':
			letters++
		case !isDigit(c):
			return false
		}
	}
	return letters > 0 && letters < len(v)
}

// sameStem reports a user name and password that are one word with different trailing
// digits ("svc:svc123", "repl2:repl123"): demoCredentials takes it, on the machine
// itself, as it takes a password equal to the user name.
func sameStem(user, pw []byte) bool {
	u := bytes.TrimRight(user, "0123456789")
	p := bytes.TrimRight(pw, "0123456789")
	return len(u) >= 3 && bytes.Equal(u, p) && (len(u) < len(user) || len(p) < len(pw))
}
