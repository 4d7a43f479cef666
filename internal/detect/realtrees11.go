package detect

import (
	"bytes"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The eleventh real-tree round: classes found by triaging the non-test secret findings
// of the composite tuning tree (nmap's data above all), the Cloud SDK and the Go module
// cache at main 3526e7c. Like the rounds before, each reads the text, never a file name.
//
//   - A catalogue of default logins: a row that pairs a user and a password on one line
//     ({username = "admin", password = "zabbix"}) in a text that holds three such rows
//     or more and calls what it lists default credentials, passwords, logins or
//     accounts. Such a table is what a scanner (nmap's http-default-accounts, a
//     brute-forcer's list) or a product's manual publishes for everyone: the logins
//     leakwatch itself tries on a store (scan's default credentials), not somebody's
//     secret. A table of logins that does not call them defaults (a dump of users, a
//     seed file) is reported as before, and so is a lone pair beside the words.
//   - A password the prose calls a default: "Default password: 1234",
//     `default password "1234"` — the words, blank-separated, right before the value.
//     A key spelt as one identifier (DEFAULT_PASSWORD=…) names a setting, which may
//     hold anything, and is judged as before.
//   - Jetty's obfuscated passwords (OBF: and four base-36 digits a character) are
//     decoded — the obfuscation is no encryption, a real password behind it is a leak
//     — and the plain text judged: a placeholder, or the words of its own key with
//     a password's abbreviation (keyStorePassword=OBF:… decoding to "storepwd",
//     Jetty's sample keystore), is no secret; anything else is reported as before.
//   - A doc comment's sample section: a key-name rule's value on a comment line under
//     a tag that opens a sample of what the program prints or how it is used
//     ("-- @output" then "-- | Password: 123456" in an NSE script, JSDoc's
//     "* @example"). The same line outside such a section is reported as before.

// loginTableRows is how many login rows make a text a table of them.
const loginTableRows = 3

// treeRound11 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound11(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) {
		return false
	}
	if m.r.prio <= prioGeneric && sc.docSampleTag(m.start) {
		return true
	}
	if m.r.ID != "password-assignment" {
		return false
	}
	return (defaultWordsBefore(sc.data, m.start) && factoryDefault(m.value)) || sc.defaultLoginRow(m) || obfuscatedKeyWords(sc.data, m.start, m.value)
}

// factoryDefault reports a value shaped like a vendor's factory default ("1234",
// "admin", "private"): at most eight characters of one class, all digits or all
// lower-case letters. An organisation's own default password ("New accounts. Default
// password: Welcome2024!") is written to pass a policy, and one known to everybody who
// joins is exactly what an attacker sprays, so it stays a finding.
func factoryDefault(v string) bool {
	if v == "" || len(v) > 8 {
		return false
	}
	b := []byte(v)
	return run(b, 0, cDigit, -1) == len(b) || run(b, 0, cLower, -1) == len(b)
}

// sampleTags are the documentation tags whose section shows what a program prints or
// how it is called (LuaDoc as NSE scripts write it, JSDoc): a sample, not the file's
// own configuration.
var sampleTags = []string{"@output", "@xmloutput", "@example"}

// docSampleTag reports a value on a comment line (opened by "--", "#", "//" or "*")
// in the section of a doc comment that one of sampleTags opens: the lines above it, up
// to the tag, are comment lines of the same opener and hold no other tag. The answer
// for the last line asked is kept: a block of commented assignments is walked once,
// not once a line.
func (sc *scanner) docSampleTag(start int) bool {
	data := sc.data
	ls := lineStartWithin(data, start, 1024)
	if sc.sampleLine == ls+1 {
		return sc.sampleAns
	}
	open := commentOpener(data[ls:start])
	if open == "" {
		return false
	}
	ans := false
	for k, l := 0, ls; k < 64 && l > 0; k++ {
		l = lineStartWithin(data, l-1, 1024)
		line := data[l:lineEndWithin(data, l, 1024)]
		if commentOpener(line) != open {
			break
		}
		if t := bytes.TrimLeft(bytes.TrimLeft(line, " \t")[len(open):], " \t"); len(t) > 0 && t[0] == '@' {
			for _, tag := range sampleTags {
				if bytes.HasPrefix(t, []byte(tag)) && (len(t) == len(tag) || t[len(tag)] == ' ' || t[len(tag)] == '\t' || t[len(tag)] == '\r') {
					ans = true
				}
			}
			break // the section's tag: a sample's, or another (@usage, @args, @param)
		}
		if sc.sampleLine == l+1 {
			ans = sc.sampleAns // a line of the same section, already asked
			break
		}
	}
	sc.sampleLine, sc.sampleAns = ls+1, ans
	return ans
}

// commentOpener returns the line comment opener a line begins with after blanks ("--",
// "//", "#", or '*' of a block comment's body), "" when it begins with none.
func commentOpener(line []byte) string {
	t := bytes.TrimLeft(line, " \t")
	for _, o := range []string{"--", "//", "#", "*"} {
		if bytes.HasPrefix(t, []byte(o)) {
			return o
		}
	}
	return ""
}

// defaultLoginRow reports a password in a row of a catalogue of default logins (see
// the file comment).
func (sc *scanner) defaultLoginRow(m rawMatch) bool {
	data := sc.data
	if !userKeyOnLine(data, m.start) {
		return false
	}
	if sc.defLogins == 0 {
		sc.defLogins = 2
		if defaultsDeclared(data) && sc.loginRows() >= loginTableRows {
			sc.defLogins = 1
		}
	}
	return sc.defLogins == 1
}

// loginRows counts the password-assignment matches of the pass whose line pairs them
// with a user key, one a line.
func (sc *scanner) loginRows() int {
	n, last := 0, -1
	for _, m := range sc.ms {
		if m.r.ID != "password-assignment" || m.start <= last || !userKeyOnLine(sc.data, m.start) {
			continue
		}
		n++
		last = lineEndWithin(sc.data, m.start, 4096)
	}
	return n
}

// credWords are the words that, after "default", name what a default login consists of.
var credWords = []string{"credential", "password", "passwd", "login", "account"}

// defaultsDeclared reports a text that speaks of default credentials: "default"
// followed by blanks, '-' or '_' and one of credWords ("Table of default credential
// pairs", "default-passwords", "DEFAULT_LOGINS").
func defaultsDeclared(data []byte) bool {
	for i := 0; i < len(data); {
		j := indexFold(data[i:], "default")
		if j < 0 {
			return false
		}
		if credWordAt(data, i+j+len("default")) {
			return true
		}
		i += j + len("default")
	}
	return false
}

// credWordAt reports one of credWords after at most two separators (' ', '-', '_') at p.
func credWordAt(data []byte, p int) bool {
	s := p
	for p < len(data) && p-s < 2 && (data[p] == ' ' || data[p] == '-' || data[p] == '_') {
		p++
	}
	if p == s {
		return false
	}
	for _, w := range credWords {
		if hasPrefixFold(data, p, w) {
			return true
		}
	}
	return false
}

// userKeyOnLine reports a user key — user, username, login, user_name, or a name ending
// in one — assigned with '=' or ':' on the line before start.
func userKeyOnLine(data []byte, start int) bool {
	w := data[lineStartWithin(data, start, 1024):start]
	for i := 0; i < len(w); {
		j := nextUserWord(w, i)
		if j < 0 {
			return false
		}
		e := j + len("user")
		if w[j]|0x20 == 'l' {
			e = j + len("login")
		} else if hasPrefixFold(w, e, "name") {
			e += len("name")
		} else if hasPrefixFold(w, e, "_name") {
			e += len("_name")
		}
		i = e
		if e < len(w) && is(w[e], cAlnum) {
			continue // "userid", "users": another key
		}
		for e < len(w) && (w[e] == '"' || w[e] == '\'' || w[e] == ' ' || w[e] == ']') {
			e++
		}
		if e < len(w) && (w[e] == '=' || w[e] == ':') {
			return true
		}
	}
	return false
}

// defaultWordsBefore reports a value that the prose right before it introduces as a
// default password: "default password" (or passwd, or pw) in any case, then at most
// colons, equals signs, quotes and blanks, then the value.
func defaultWordsBefore(data []byte, start int) bool {
	i := start
	for i > 0 && start-i < 4 && (data[i-1] == ' ' || data[i-1] == ':' || data[i-1] == '=' || data[i-1] == '"' || data[i-1] == '\'') {
		i--
	}
	ls := lineStartWithin(data, i, 64)
	w := bytes.ToLower(data[ls:i])
	for _, name := range []string{"password", "passwd", "pw"} {
		if !bytes.HasSuffix(w, []byte(name)) {
			continue
		}
		pre := strings.TrimRight(string(w[:len(w)-len(name)]), " ")
		if len(pre) == len(w)-len(name) {
			return false // "defaultpassword": one identifier
		}
		if strings.HasSuffix(pre, "default") && (len(pre) == len("default") || !is(pre[len(pre)-len("default")-1], cAlnum|cUnder)) {
			return true
		}
		return false
	}
	return false
}

// deobfuscate decodes a Jetty obfuscated password ("OBF:" and four base-36 digits a
// character, or 'U' and seven for a character past 0xff, which is refused here);
// ok is false for anything else.
func deobfuscate(v string) (string, bool) {
	b, ok := strings.CutPrefix(v, "OBF:")
	if !ok || len(b) == 0 || len(b)%4 != 0 || len(b) > 4*64 {
		return "", false
	}
	out := make([]byte, 0, len(b)/4)
	for i := 0; i < len(b); i += 4 {
		n := 0
		for _, c := range []byte(b[i : i+4]) {
			var d int
			switch {
			case c >= '0' && c <= '9':
				d = int(c - '0')
			case c >= 'a' && c <= 'z':
				d = int(c-'a') + 10
			default:
				return "", false
			}
			n = n*36 + d
		}
		hi, lo := n/256, n%256
		c := (hi + lo - 254) / 2
		if hi+lo-254 < 0 || (hi+lo-254)%2 != 0 || c < 0x20 || c >= 0x7f {
			return "", false
		}
		out = append(out, byte(c))
	}
	return string(out), true
}

// obfuscatedKeyWords reports a Jetty obfuscated password (value v at start) whose
// plain text is a placeholder or the words of its own key (keyWordsPassword).
func obfuscatedKeyWords(data []byte, start int, v string) bool {
	plain, ok := deobfuscate(v)
	if !ok {
		return false
	}
	if isPlaceholder([]byte(plain)) {
		return true
	}
	i := start
	for i > 0 && start-i < 4 && (data[i-1] == '=' || data[i-1] == ':' || data[i-1] == '?' || data[i-1] == ' ' || data[i-1] == '"' || data[i-1] == '\'') {
		i--
	}
	k := i
	for k > 0 && i-k < 128 && (is(data[k-1], cWord) || data[k-1] == '-' || data[k-1] == '.') {
		k--
	}
	return keyWordsPassword(data[k:i], plain)
}

// pwAbbrevs are the spellings a password's name takes in a value made from words.
var pwAbbrevs = []string{"password", "passwd", "pass", "pwd", "pw"}

// keyWordsPassword reports a plain password made of one word of key (split at '.',
// '_', '-' and lower-to-upper case changes) and a password's name after it, or of the
// word alone: "storepwd" for keyStorePassword, "keypwd" for keyManagerPassword.
func keyWordsPassword(key []byte, plain string) bool {
	p := strings.ToLower(plain)
	for _, a := range pwAbbrevs {
		if t, ok := strings.CutSuffix(p, a); ok && t != "" {
			p = t
			break
		}
	}
	if len(p) < 3 {
		return false
	}
	if !keyNamesPassword(key) {
		return false
	}
	for ws := 0; ws < len(key); {
		we := ws + 1
		for we < len(key) && is(key[we], cAlnum) && !(is(key[we], cUpper) && is(key[we-1], cLower)) {
			we++
		}
		if strings.EqualFold(string(key[ws:we]), p) {
			return true
		}
		ws = we
		for ws < len(key) && !is(key[ws], cAlnum) {
			ws++
		}
	}
	return false
}

// keyNamesPassword reports a key that names a password.
func keyNamesPassword(key []byte) bool {
	return indexFold(key, "pass") >= 0 || indexFold(key, "pwd") >= 0
}
