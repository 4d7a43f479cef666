package detect

import (
	"bytes"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// The tenth real-tree round: classes found by triaging every non-test secret finding of
// the Go module cache ($HOME/go/pkg/mod, its zips read as archives), the Cloud SDK and
// the npm cache at main d7c15c4. Each is read from the value's own grammar or from the
// text beside it, never from a file name. Except the digest table (every rule) and the
// metasyntactic names (key-name and URL rules), they judge key-name rules only.
//
//   - Hexspeak: a value spelt only from the hex words programmers use as markers
//     ("deadbeef", "cafebabe:deadbeef") is a marker, never generated.
//   - Metasyntactic names with digits ("foo12345", "xyzzy"): the names samples are
//     built from, a count added.
//   - The login echoed: a password assigned beside a user key whose value it repeats,
//     alone or with digits added ("username: admin, password: admin", USER=minio
//     above PASSWORD=minio13), or a word of its own key (ADMIN_PASSWORD: admin): a service's
//     default login, documented as such, not somebody's secret, unless a real host
//     stands in view (TestTreeRound4Classes: Username/Password "heron" under Host
//     mq.heronworks.io is reported, as before). A value with anything
//     but letters and trailing digits, or too short, is judged as before. Passwords in
//     a URL's user information keep uri.go's policy (the peers' test cases report
//     "root:root@" on a private address).
//   - A digest table's first column: a hex digest opening its line, followed by two
//     blanks or " *" and a path (md5sum and sha256sum listings, a package's md5sums) or
//     by ": " and a name (a favicon hash table).
//   - A service table's port and protocol ("1154/tcp", realtrees4.go's portProto,
//     now for every key-name rule), a pattern's syntax ("[^\r\n&]*",
//     "(.-)", "\x1b\[") and a passwd(5) entry's fields ("www-data:*:33:…:/var/www:…")
//     where a key-name rule read a value, an absolute file path after a password's
//     name in prose ("… pasahitzak /etc/sasldb2 …"), and find(1)'s primaries that
//     open with p ("-print0" read as the option -p and its value "rint0").
//   - A Go package comment's code block: an indented line inside the comment that opens
//     "Package name" (doc.go) is a sample godoc renders for readers.
//
// And one fix of a gate that already stood: encodedStandIn decodes a padded base64
// value whole (a Kubernetes Secret's data: rootPassword: "cm9v…MjM=").

// treeRound10 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound10(m rawMatch) bool {
	data := sc.data
	if m.r.Category != finding.Secret || m.start < 0 || m.end > len(data) || m.start >= m.end {
		return false
	}
	if digestColumn(data, m.start, m.end) {
		return true
	}
	// A URL's or a connection string's password keeps the policy of uri.go
	// (demoCredentials, pairedNames): the peers' test cases report "root:root@" on a
	// private address and "testuser:testpassword@" as credentials. Only a
	// metasyntactic name is left out there.
	urlRule := strings.HasSuffix(m.r.ID, "url-credentials") || strings.HasSuffix(m.r.ID, "-connection-string")
	if !urlRule && m.r.prio > prioGeneric {
		return false
	}
	v := []byte(trimEmphasis(m.value))
	if metasyntactic(v) {
		return true
	}
	if urlRule {
		return false
	}
	return hexspeak(m.value) || portProto(v) || patternSyntax(v) || passwdEntry(v) || filePath(v) || findPrimary(data, m.start, v) ||
		m.r.ID == "password-assignment" && (loginEchoed(data, m.start, v) && !hostInView(data, m.start) || ownKeyWord(data, m.start, v)) ||
		goPackageDocSample(data, m.start) || packageClassName(v)
}

// trimEmphasis takes off the Markdown emphasis a value kept from the prose around it
// ("admin_**" out of "[**_username: admin, password: admin_**]").
func trimEmphasis(v string) string {
	t := strings.Trim(v, "*_`")
	if len(t) == len(v) || len(t) == 0 {
		return v
	}
	return t
}

// hexWords are the hex numbers spelt as words that code and documentation use as
// markers (magic numbers, poison values, sample ids).
var hexWords = []string{"deadbeef", "cafebabe", "feedface", "deadc0de", "baadf00d", "8badf00d", "decafbad", "c0ffee",
	"facefeed", "cafed00d", "defec8ed", "badcafe", "abadbabe", "deadface", "b16b00b5", "0ddba11", "f00d", "dead", "beef", "cafe", "face", "babe"}

// hexspeak reports a value made only of hex words, joined by nothing or by ':', '-',
// '_' or '.', with at least one word of eight letters: "cafebabe:deadbeef",
// "deadbeefcafe". A random hex secret spells such words for eight digits once in
// four billion.
func hexspeak(v string) bool {
	if len(v) < 8 || len(v) > 64 {
		return false
	}
	low := strings.ToLower(v)
	long := false
	for i := 0; i < len(low); {
		switch low[i] {
		case ':', '-', '_', '.':
			i++
			continue
		}
		n := 0
		for _, w := range hexWords {
			if strings.HasPrefix(low[i:], w) {
				n = len(w)
				break
			}
		}
		if n == 0 {
			return false
		}
		long = long || n >= 8
		i += n
	}
	return long
}

// metaNames are the metasyntactic variables: the names samples are built from.
var metaNames = map[string]bool{"foo": true, "bar": true, "baz": true, "qux": true, "quux": true, "foobar": true,
	"foobaz": true, "xyzzy": true, "plugh": true, "thud": true, "garply": true, "corge": true, "grault": true, "waldo": true}

// metasyntactic reports a metasyntactic name alone or followed by digits ("xyzzy",
// "foo12345").
func metasyntactic(v []byte) bool {
	s := bytes.ToLower(bytes.TrimRight(v, "0123456789"))
	return len(s) >= 3 && metaNames[string(s)]
}

// wordStem is v in lower case without trailing digits, when v is letters followed by at
// most six digits and the letters are at least three; "" otherwise.
func wordStem(v []byte) string {
	s := bytes.TrimRight(v, "0123456789")
	if len(s) < 3 || len(v)-len(s) > 6 {
		return ""
	}
	for _, c := range s {
		if !is(c, cLower|cUpper) {
			return ""
		}
	}
	return strings.ToLower(string(s))
}

// echoes reports a password stem that the user's name spells: the same word, with or
// without digits. A user and a password that share a stem with the words user and pass
// ("testuser" / "testpassword") are left to uri.go's pairedNames: the peers' test cases
// report them on the machine itself.
func echoes(user, pwStem string) bool {
	u := wordStem([]byte(user))
	return u != "" && u == pwStem
}

// nextUserWord returns where the first "user" or "login" (in any case) at or after i
// stands in w, or -1.
func nextUserWord(w []byte, i int) int {
	j := indexFold(w[i:], "user")
	if j2 := indexFold(w[i:], "login"); j2 >= 0 && (j < 0 || j2 < j) {
		j = j2
	}
	if j < 0 {
		return -1
	}
	return j + i
}

// loginEchoed reports a password (v, at start) that echoes (see echoes) the value of
// a user key (user, username, login, or a name ending in one: MINIO_ROOT_USER) on its
// line or one of the two lines above.
func loginEchoed(data []byte, start int, v []byte) bool {
	pw := wordStem(v)
	if pw == "" {
		return false
	}
	return userValueNear(data, start, func(u []byte) bool { return echoes(trimEmphasis(string(u)), pw) })
}

// userValueNear reports whether fn holds for the value of a user key (user, username,
// login, or a name ending in one) on start's line before start or on one of the two
// lines above: loginEchoed's reader, and realtrees18.go's testLogin's.
func userValueNear(data []byte, start int, fn func(u []byte) bool) bool {
	ls := lineStartWithin(data, start, 1024)
	for k := 0; k < 2 && ls > 0; k++ {
		ls = lineStartWithin(data, ls-1, 1024)
	}
	w := data[ls:start]
	for i := 0; i < len(w); {
		j := nextUserWord(w, i)
		if j < 0 {
			return false
		}
		k := j // the key's start: "dbuser", "MINIO_ROOT_USER", "db.user"
		for k > 0 && (is(w[k-1], cAlnum) || w[k-1] == '_' || w[k-1] == '-' || w[k-1] == '.') {
			k--
		}
		if k > 0 && (w[k-1] == '/' || w[k-1] == '@' || w[k-1] == ':') {
			i = j + 1 // a URL's user ("//testuser:…"), not a key
			continue
		}
		e := j + 4
		if w[j]|0x20 == 'l' {
			e = j + 5
		} else if hasPrefixFold(w, e, "name") {
			e += 4
		}
		i = e
		// the key's end: a closing quote, blanks, then ':' or '='
		for e < len(w) && (w[e] == '"' || w[e] == '\'' || w[e] == ' ') {
			e++
		}
		if e >= len(w) || w[e] != ':' && w[e] != '=' {
			continue
		}
		e++
		for e < len(w) && (w[e] == ' ' || w[e] == '"' || w[e] == '\'' || w[e] == '*' || w[e] == '_') {
			e++
		}
		s := e
		for e < len(w) && (is(w[e], cAlnum) || w[e] == '_' || w[e] == '-' || w[e] == '.') {
			e++
		}
		if e > s && fn(w[s:e]) {
			return true
		}
	}
	return false
}

// ownKeyWord reports a password that is a word of its own key, other than the
// password's name (ADMIN_PASSWORD: "admin", ELASTIC_PASSWORD=elastic): the default a
// service documents for the account the key names.
func ownKeyWord(data []byte, start int, v []byte) bool {
	pw := wordStem(v)
	if pw == "" || len(pw) != len(v) { // the word alone, not with digits added
		return false
	}
	i := start
	for i > 0 && (data[i-1] == '"' || data[i-1] == '\'' || data[i-1] == ' ') {
		i--
	}
	if i == 0 || data[i-1] != '=' && data[i-1] != ':' {
		return false
	}
	i--
	for i > 0 && (data[i-1] == '"' || data[i-1] == '\'' || data[i-1] == ' ') {
		i--
	}
	e := i
	for i > 0 && e-i < 64 && (is(data[i-1], cAlnum) || data[i-1] == '_' || data[i-1] == '-' || data[i-1] == '.') {
		i--
	}
	key := strings.ToLower(string(data[i:e]))
	if !strings.Contains(key, "pass") && !strings.Contains(key, "pwd") {
		return false
	}
	for _, w := range strings.FieldsFunc(key, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
		if w == pw {
			return true
		}
	}
	return false
}

// goPackageDocSample reports a match on an indented line inside a Go package comment:
// the /* … */ or run of // lines that opens "Package name", where godoc renders an
// indented block as a code sample.
func goPackageDocSample(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	line := data[ls:start]
	if bytes.HasPrefix(line, []byte("//")) {
		if !bytes.HasPrefix(line[2:], []byte("\t")) && !bytes.HasPrefix(line[2:], []byte("   ")) {
			return false
		}
		// up the run of // lines to one that opens "// Package "
		for p, n := ls, 0; p > 0 && n < 400; n++ {
			q := lineStartWithin(data, p-1, 1024)
			l := data[q : p-1]
			if !bytes.HasPrefix(l, []byte("//")) {
				return false
			}
			if packageWords(l[2:]) {
				return true
			}
			p = q
		}
		return false
	}
	if !indentedLine(data, ls, start) {
		return false
	}
	lo := max(0, start-64<<10)
	o := bytes.LastIndex(data[lo:start], []byte("/*"))
	if o < 0 {
		return false
	}
	o += lo
	if bytes.Contains(data[o:start], []byte("*/")) {
		return false
	}
	return packageWords(data[o+2 : min(len(data), o+2+128)])
}

// packageWords reports text that opens (after blanks) "Package " and a name.
func packageWords(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if !bytes.HasPrefix(b, []byte("Package ")) || len(b) < 9 {
		return false
	}
	return is(b[8], cLower)
}

// digestColumn reports a value that is the hex digest opening a line of a digest table:
// 32, 40, 56, 64, 96 or 128 hex digits of one case, then two blanks or " *" and a
// path, or ": " and a name.
func digestColumn(data []byte, s, e int) bool {
	switch e - s {
	case 32, 40, 56, 64, 96, 128:
	default:
		return false
	}
	if s > 0 && data[s-1] != '\n' || e+3 > len(data) {
		return false
	}
	lower, upper := false, false
	for _, c := range data[s:e] {
		switch {
		case isDigit(c):
		case 'a' <= c && c <= 'f':
			lower = true
		case 'A' <= c && c <= 'F':
			upper = true
		default:
			return false
		}
	}
	if lower && upper {
		return false
	}
	sep := string(data[e : e+2])
	return (sep == "  " || sep == " *" || sep == ": ") && data[e+2] > ' '
}

// patternSyntax reports a value that holds a regular expression's (or a Lua pattern's)
// syntax: a line break or a control byte written as escapes
// (backslash r backslash n, backslash x1b), a wildcard before an escape, or a capture
// of anything "(.*)", "(.-)", "(.+)".
func patternSyntax(v []byte) bool {
	for _, w := range []string{"(.*)", "(.-)", "(.+)", "\\r\\n", ".*\\", "\\x1b"} {
		if bytes.Contains(v, []byte(w)) {
			return true
		}
	}
	return false
}

// passwdEntry reports a value holding a passwd(5) entry's tail: colon-separated fields
// of which one is an absolute path (the home directory or the shell), or a name, an
// "x" or "*" where the password would be, and numeric ids ("mysql:x:100:101:…").
func passwdEntry(v []byte) bool {
	if bytes.Count(v, []byte(":")) < 2 {
		return false
	}
	fs := bytes.Split(v, []byte(":"))
	if len(fs) >= 4 && (string(fs[1]) == "x" || string(fs[1]) == "*") && allDigits(fs[2]) && allDigits(fs[3]) {
		return true
	}
	for _, f := range fs {
		if len(f) > 1 && f[0] == '/' && is(f[1], cLower) {
			return true
		}
	}
	return false
}

// filePath reports an absolute path of two or more lower-case segments ("/etc/sasldb2",
// "/var/lib/app/keys"): the file that holds passwords, named in prose or a setting.
func filePath(v []byte) bool {
	if len(v) < 4 || v[0] != '/' || bytes.Count(v, []byte("/")) < 2 || v[len(v)-1] == '/' {
		return false
	}
	letters := 0
	for _, c := range v {
		switch {
		case is(c, cLower):
			letters++
		case isDigit(c), c == '/', c == '.', c == '_', c == '-':
		default:
			return false
		}
	}
	return letters >= 3 && !bytes.Contains(v, []byte("//"))
}

// findPrimary reports a value read after "-p" that, with the p, spells one of find(1)'s
// primaries: "-print0" is no option -p with the value "rint0".
func findPrimary(data []byte, start int, v []byte) bool {
	if start < 2 || data[start-1] != 'p' || data[start-2] != '-' {
		return false
	}
	switch "p" + string(v) {
	case "print", "print0", "printf", "prune", "perm", "path":
		return true
	}
	return false
}

var hostNameRE = lazyre.New(`(?i)\b(?:[a-z0-9-]+\.)+[a-z]{2,24}\b|\b\d{1,3}(?:\.\d{1,3}){3}\b`)

// hostInView reports a host name or an IPv4 address, other than the machine itself or
// a name reserved for documentation, from three lines above start to its line's end.
func hostInView(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 1024)
	for k := 0; k < 3 && ls > 0; k++ {
		ls = lineStartWithin(data, ls-1, 1024)
	}
	le := lineEndWithin(data, start, 1024)
	for _, h := range hostNameRE.FindAll(data[ls:le], 16) {
		if !reservedHost(h) {
			return true
		}
	}
	return false
}
