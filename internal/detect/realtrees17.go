package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/json"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The seventeenth real-tree round: classes left by the sixteenth in the Go module
// cache, the nmap data files, the npm cache and /usr/share/doc. Each is read from the
// value's shape or the structure around it, never from a file name.
//
//   - A checker's good and bad examples: a policy or lint rule file lists sample
//     configurations as block scalars under "good:" and "bad:" ("bad:\n  - |-\n
//     password: supersecret"): the bad ones hold a secret on purpose, for the check to
//     find, and the good ones a stand-in. The value's line sits inside a block-scalar
//     list item ("- |", "- |-", "- >") whose list is the value of a key named good or
//     bad. Key-name rules only.
//   - A value that states its own constraint ("mustbeeightchars"): lower-case letters
//     and digits that hold a modal (must, should, atleast, minimum) and a unit of
//     length (char, digit, letter, long, length). Key-name rules only.
//   - A value named for its slot ("newapikey"): a qualifier (new, old, another, other,
//     dummy, sample, fake) and a credential's noun (apikey, key, token, secret,
//     password, passwd, pass) run together, nothing else. Key-name rules only.
//   - A signed manifest ("signatures": ["eyJ…"] of a policy bundle): a JSON Web Token
//     whose claims list content digests (an array of objects, each with a "hash" or
//     "digest" of 32 or more hex digits) and name no subject, issuer, audience or
//     expiry: it signs files, it does not let anyone in.
//   - A "-p" option beside a token option ("github_changelog_generator --token TOKEN -u
//     rabbitmq -p amqp091-go"): a command that takes its credential through --token,
//     --api-token or --api-key before the -p uses -p for something else (a project, a
//     port, a path). Key-name rules only.
//   - A URL's grammar spelt in words ("scheme://userinfo@password:authority:port/path"):
//     a value whose parts, between ':', '/', '@', ';', '?' and '#', all name parts of a
//     URL.
//   - A regular expression ("m|…Set-Cookie: sessionId=.*<HTML>\n<HEAD>…|"): a value
//     holding ".*" or ".+" and an escape a pattern uses (\n, \r, \t, \d, \s, \w, \.).
//     Key-name rules only.
//   - A name of code where a key-name rule read a value: a predicate's name
//     ("is_sec_mec_supported?": three or more lower-case words joined by '_', ending in
//     '?'), or a method call's head ("base64Auth.toString(": names joined by dots,
//     ending in '(').
//   - A symbols file's entry (Debian's dpkg-gensymbols: " glWindowPos2dARB@Base 0"
//     below " glWindowBackBufferHintAutodesk@Base 0"): the name opening a line after
//     one blank, '@', a version node, a blank and a version after it. Every rule.
//   - A MySQL package's name before a word that opens with -p ("mariadb-server
//     -paketti", Finnish prose for "the mariadb-server package"): natDet.mysqlFlag
//     takes the glued -p for a client's password when the line names mysql or
//     mariadb; when every such word names a package (…-server, -client, -common,
//     -core) no client stands there. Key-name rules only.
//   - A line holding a regular expression (a service probe's "m|^HTTP/1\.1 200
//     OK\r\n…Set-Cookie: JSESSIONID=9A69…|"): two or more escaped "\r\n" and a
//     group "(?:" or a match operator " m|" on the value's line: the cookie is a
//     literal of a fingerprint, not a session. Key-name rules only.
//   - A doctest's JSON Web Token signed with a key the world knows (realtrees15.go's
//     jwtSampleKey): the token printed right below a Python prompt line (">>> ") in a
//     README's interactive session, as the fenced Markdown blocks there.

// treeRound17 reports a secret match that one of the round's classes explains.
func (sc *scanner) treeRound17(m rawMatch) bool {
	if m.r.Category != finding.Secret || m.start <= 0 || m.end > len(sc.data) || m.start >= m.end {
		return false
	}
	v := []byte(m.value)
	if bytes.HasPrefix(v, []byte("eyJ")) && (signedManifest(v) || sc.jwtSampleKeyed(m.value) && doctestOutput(sc.data, m.start)) {
		return true
	}
	if urlGrammarWords(v) || symbolsEntry(sc.data, m.start, m.end) {
		return true
	}
	if m.r.prio > prioGeneric {
		return false
	}
	return constraintWords(v) || slotNamed(v) || wildcardPattern(v) || predicateName(v) || callHead(v) ||
		checkerExample(sc.data, m.start) || tokenOptionBefore(sc.data, m.start) || mysqlPackageOnly(sc.data, m.start) ||
		patternLine(sc.data, m.start)
}

// symbolsEntry reports a match that is the name of a symbols file's entry (Debian's
// dpkg-gensymbols: " glWindowPos2dARB@Base 0"): it opens a line after one blank and a
// version node (letters, digits, '_' and '.'), a blank and a version follow it.
func symbolsEntry(data []byte, start, end int) bool {
	if start < 1 || data[start-1] != ' ' || (start >= 2 && data[start-2] != '\n') || end+2 >= len(data) || data[end] != '@' {
		return false
	}
	i := end + 1
	for i < len(data) && (is(data[i], cWord) || data[i] == '.') {
		i++
	}
	return i > end+1 && i+1 < len(data) && data[i] == ' ' && isDigit(data[i+1])
}

// mysqlPackageOnly reports a value glued to " -p" on a line whose every word that
// names MySQL or MariaDB names a package ("mariadb-server -paketti", Finnish for "the
// mariadb-server package"), not a client command: natDet.mysqlFlag reads the line's
// word, and a package's name is no command.
func mysqlPackageOnly(data []byte, start int) bool {
	if start < 3 || data[start-1] != 'p' || data[start-2] != '-' || data[start-3] != ' ' {
		return false
	}
	ls := lineStartWithin(data, start, 256)
	seen := false
	for _, w := range bytes.Fields(data[ls : start-3]) {
		if !bytes.Contains(w, []byte("mysql")) && !bytes.Contains(w, []byte("mariadb")) {
			continue // natDet.mysqlFlag reads the lower-case words only
		}
		lw := bytes.ToLower(w)
		pkg := false
		for _, s := range []string{"-server", "-client", "-common", "-core"} {
			if bytes.HasSuffix(lw, []byte(s)) {
				pkg = true
			}
		}
		if !pkg {
			return false
		}
		seen = true
	}
	return seen
}

// patternLine reports a position on a line that holds a regular expression: two or
// more "\r\n" escapes and a group or a match operator ("(?:", "m|").
func patternLine(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 2048)
	le := lineEndWithin(data, start, 2048)
	line := data[ls:le]
	return bytes.Count(line, []byte(`\r\n`)) >= 2 && (bytes.Contains(line, []byte("(?:")) || bytes.Contains(line, []byte(" m|")))
}

// checkerExample reports a position inside a block-scalar list item ("- |") of a list
// held by a key named good or bad.
func checkerExample(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 4096)
	ind := indentAt(data, ls)
	item := false
	p := ls
	for n := 0; n < 300 && p > 0 && ind > 0; n++ {
		prev := lineStartWithin(data, p-1, 4096)
		line := data[prev : p-1]
		p = prev
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			continue
		}
		i := indentAt(data, prev)
		if i >= ind {
			continue
		}
		ind = i
		if t[0] == '-' {
			r := bytes.TrimSpace(t[1:])
			if bytes.Equal(r, []byte("|")) || bytes.Equal(r, []byte("|-")) || bytes.Equal(r, []byte(">")) || bytes.Equal(r, []byte(">-")) {
				item = true
			}
			continue
		}
		if !item {
			continue
		}
		k := bytes.ToLower(t)
		return bytes.Equal(k, []byte("good:")) || bytes.Equal(k, []byte("bad:"))
	}
	return false
}

// indentAt counts the blanks opening the line at ls.
func indentAt(data []byte, ls int) int {
	i := ls
	for i < len(data) && (data[i] == ' ' || data[i] == '\t') {
		i++
	}
	return i - ls
}

// constraintWords reports lower-case letters and digits that hold a modal and a unit of
// length ("mustbeeightchars").
func constraintWords(v []byte) bool {
	if len(v) < 10 || len(v) > 64 {
		return false
	}
	for _, c := range v {
		if !is(c, cLower) && !isDigit(c) {
			return false
		}
	}
	modal := false
	for _, w := range []string{"must", "should", "atleast", "minimum"} {
		if bytes.Contains(v, []byte(w)) {
			modal = true
		}
	}
	if !modal {
		return false
	}
	for _, w := range []string{"char", "digit", "letter", "long", "length"} {
		if bytes.Contains(v, []byte(w)) {
			return true
		}
	}
	return false
}

// slotNamed reports a qualifier and a credential's noun run together ("newapikey").
func slotNamed(v []byte) bool {
	if len(v) > 24 {
		return false
	}
	for _, q := range []string{"new", "old", "another", "other", "dummy", "sample", "fake"} {
		if !bytes.HasPrefix(v, []byte(q)) {
			continue
		}
		switch string(v[len(q):]) {
		case "apikey", "key", "token", "secret", "password", "passwd", "pass":
			return true
		}
	}
	return false
}

// urlGrammarWords reports a value whose parts all name parts of a URL
// ("authority:port/path").
func urlGrammarWords(v []byte) bool {
	if len(v) > 96 {
		return false
	}
	parts := 0
	named := eachPart(v, func(c byte) bool {
		return c == ':' || c == '/' || c == '@' || c == ';' || c == '?' || c == '#'
	}, func(p []byte) bool {
		parts++
		var buf [9]byte // the longest names ("authority") fit
		if asciiOnly(p) {
			if len(p) > len(buf) {
				return false
			}
			for i, c := range p {
				buf[i] = lowerASCII(c)
			}
			p = buf[:len(p)]
		} else {
			p = bytes.ToLower(p) // Unicode lower case, as for any part
		}
		switch string(p) {
		case "scheme", "userinfo", "user", "username", "password", "authority", "host", "hostname", "port", "path", "params", "query", "fragment":
			return true
		}
		return false
	})
	return named && parts >= 2
}

// wildcardPattern reports ".*" or ".+" beside an escape a regular expression uses.
func wildcardPattern(v []byte) bool {
	if !bytes.Contains(v, []byte(".*")) && !bytes.Contains(v, []byte(".+")) {
		return false
	}
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '\\' {
			switch v[i+1] {
			case 'n', 'r', 't', 'd', 's', 'w', '.':
				return true
			}
		}
	}
	return false
}

// predicateName reports three or more lower-case words joined by '_' and ending in
// '?' ("is_sec_mec_supported?").
func predicateName(v []byte) bool {
	if len(v) < 6 || v[len(v)-1] != '?' {
		return false
	}
	words := bytes.Split(v[:len(v)-1], []byte("_"))
	if len(words) < 3 {
		return false
	}
	for _, w := range words {
		if len(w) == 0 {
			return false
		}
		for _, c := range w {
			if !is(c, cLower) {
				return false
			}
		}
	}
	return true
}

// callHead reports names joined by dots and ending in '(' ("base64Auth.toString(").
func callHead(v []byte) bool {
	if len(v) < 4 || v[len(v)-1] != '(' {
		return false
	}
	names := bytes.Split(v[:len(v)-1], []byte("."))
	if len(names) < 2 {
		return false
	}
	for _, n := range names {
		if len(n) == 0 || isDigit(n[0]) {
			return false
		}
		for _, c := range n {
			if !is(c, cWord) && c != '$' {
				return false
			}
		}
	}
	return true
}

// tokenOptionBefore reports a value read after " -p " on a line where --token,
// --api-token or --api-key stands before the -p.
func tokenOptionBefore(data []byte, start int) bool {
	if start < 4 || !bytes.Equal(data[start-4:start], []byte(" -p ")) {
		return false
	}
	ls := lineStartWithin(data, start, 512)
	line := data[ls : start-3]
	for _, o := range []string{" --token ", " --token=", " --api-token ", " --api-token=", " --api-key ", " --api-key="} {
		if bytes.Contains(line, []byte(o)) {
			return true
		}
	}
	return false
}

// signedManifest reports a JWT whose claims list content digests and name no subject,
// issuer, audience or expiry.
func signedManifest(tok []byte) bool {
	if len(tok) > maxJWT {
		return false
	}
	parts := bytes.Split(tok, []byte("."))
	if len(parts) != 3 {
		return false
	}
	payload, err := base64.RawURLEncoding.DecodeString(string(bytes.TrimRight(parts[1], "=")))
	if err != nil {
		return false
	}
	var claims map[string]json.RawMessage
	if json.Unmarshal(payload, &claims) != nil {
		return false
	}
	for _, c := range []string{"sub", "iss", "aud", "exp", "nbf", "jti", "email", "user", "username", "uid", "role", "roles", "groups"} {
		if _, ok := claims[c]; ok {
			return false
		}
	}
	for _, raw := range claims {
		var list []map[string]any
		if json.Unmarshal(raw, &list) != nil || len(list) == 0 {
			continue
		}
		all := true
		for _, o := range list {
			h, _ := o["hash"].(string)
			if h == "" {
				h, _ = o["digest"].(string)
			}
			if !hexDigest(h) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// hexDigest reports 32 or more hex digits, after an optional "algorithm:" prefix.
func hexDigest(s string) bool {
	if i := bytes.IndexByte([]byte(s), ':'); i >= 0 && i < 12 {
		s = s[i+1:]
	}
	if len(s) < 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isHex(s[i]) {
			return false
		}
	}
	return true
}

// doctestOutput reports a position on a line right below a Python prompt line (">>> ").
func doctestOutput(data []byte, start int) bool {
	ls := lineStartWithin(data, start, 4096)
	if ls == 0 {
		return false
	}
	prev := lineStartWithin(data, ls-1, 4096)
	return bytes.HasPrefix(bytes.TrimLeft(data[prev:ls-1], " \t"), []byte(">>> "))
}
