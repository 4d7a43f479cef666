package detect

import (
	"bytes"
	"strings"
)

// General gates of the name -> value judgement (gatematrix_test.go's matrix), rebuilt
// one at a time from gates39's, which were reverted in a894fa4 for 150 findings on a
// tree then held out (.pyenv, now a tuning tree: every one was hexKeyValue's, in a
// table of checksums; hexColumn closes that class). Each gate here was measured alone
// on the matrix, the tuning splits and the tuning trees.

// hexKeyValue reports 16 to 31 hex digits of one case, letters and digits both, spread
// as random hex spreads: the generic value test's entropy floor (3.2 bits) refuses 41%
// of random 16-digit hex strings, whose symbols repeat by chance (the alphabet is 16).
// Under a name that says secret or key (and not hash, digest, checksum, fingerprint or
// id: notSecretTail) such a value is a key, unless it is a row of a table of such
// values (hexColumn).
func hexKeyValue(v []byte) bool {
	if len(v) < 16 || len(v) >= 32 || !allHex(v) || classCount(v) != 2 {
		return false
	}
	if bytes.ContainsAny(v, "abcdef") && bytes.ContainsAny(v, "ABCDEF") {
		return false
	}
	distinct, ok := hexSpread(v)
	return ok && distinct >= 8 && entropy(v) >= 2.9 && !nearHex(v)
}

// hexSpread returns how many distinct digits v holds, and false when one digit stands four
// times in a row ("0000", "ffff": padding or a mask).
func hexSpread(v []byte) (distinct int, ok bool) {
	var seen [256]bool
	rep := 1
	for i, c := range v {
		if !seen[c] {
			seen[c] = true
			distinct++
		}
		if i > 0 && c == v[i-1] {
			if rep++; rep >= 4 {
				return distinct, false
			}
		} else {
			rep = 1
		}
	}
	return distinct, true
}

// hexColumn reports a value of n hex digits with two lines or more among the three
// above and the three below it that hold a word of n hex digits too: a table of
// digests, ids or versions keyed by names ("AWS::KMS::Key": "b84e190d9ebbbfe1" among
// every other resource type's), in which a name that happens to say key or credential
// names a row, not a secret. A file's keys are written one each, not as a column.
func hexColumn(data []byte, vs, ve int) bool {
	n := ve - vs
	ls := lineStartWithin(data, vs, 1024)
	le := lineEndWithin(data, ve, 1024)
	rows := 0
	at := ls
	for i := 0; i < 3 && at > 0; i++ { // above
		e := at - 1
		s := lineStartWithin(data, e, 1024)
		if hexWordOf(data[s:e], n) {
			rows++
		}
		at = s
	}
	at = le
	for i := 0; i < 3 && at < len(data); i++ { // below
		s := at + 1
		e := lineEndWithin(data, s, 1024)
		if hexWordOf(data[s:e], n) {
			rows++
		}
		at = e
	}
	return rows >= 2
}

// hexColumnRow reports a value hexKeyValue alone takes that is a row of a column of
// hex values (hexColumn).
func hexColumnRow(data []byte, a *assignment, v []byte) bool {
	return a.valEnd <= len(data) && hexKeyValue(v) &&
		!genericSecretValue(v) && hexColumn(data, a.valStart, a.valEnd)
}

// hexWordOf reports a word of exactly n hex digits, a digit among them, in line.
func hexWordOf(line []byte, n int) bool {
	for i := 0; i < len(line); {
		if !is(line[i], cAlnum) {
			i++
			continue
		}
		j := run(line, i, cAlnum, len(line))
		if j-i == n && allHex(line[i:j]) && bytes.ContainsAny(line[i:j], "0123456789") {
			return true
		}
		i = j
	}
	return false
}

// appSaltKey reports an application's bare SALT written as an environment variable or
// a setting in capitals ("SALT=…", Django's and WordPress's salts, Hashids' SALT): one
// salt for the whole application, which signs and derives like a key. A lower-case
// "salt" beside a hash in a record is a stored password's (hashingSalt) and stays
// refused, and so does a short hex one (hexKeyValue): an id's or a migration's salt as
// often as a key.
func appSaltKey(key []byte) bool {
	key = bytes.Trim(key, `"'`)
	return string(key) == "SALT"
}

// bareSaltKey is appSaltKey's name in the key test, which sees the words lower-cased.
func bareSaltKey(segs [][]byte) bool {
	return len(segs) == 1 && string(segs[0]) == "salt"
}

// lineValue reports an unquoted value at [vs, ve) that is all its line holds after the
// key: blanks, or a '#' comment, to the line's end. A bracket in such a value opens or
// closes nothing of code's: code that leaves a bracket open on a line puts it last.
func lineValue(data []byte, ks, vs, ve int) bool {
	for p := ve; p < len(data) && data[p] != '\n' && data[p] != '\r'; p++ {
		if data[p] == '#' && p > ve && (data[p-1] == ' ' || data[p-1] == '\t') {
			break
		}
		if data[p] != ' ' && data[p] != '\t' {
			return false
		}
	}
	// the key opens its line (after blanks or "export ")
	p := ks
	for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
		p--
	}
	if p >= 7 && string(data[p-7:p]) == "export " {
		p -= 7
		for p > 0 && (data[p-1] == ' ' || data[p-1] == '\t') {
			p--
		}
	}
	return p == 0 || data[p-1] == '\n' || data[p-1] == '\r'
}

// strayBracketLine reports a line's whole unquoted value with one bracket inside a
// generated token (strayBracket), which codeLike would take for a call or an index.
func strayBracketLine(data []byte, a *assignment, v []byte) bool {
	return len(v) >= 17 && strayBracket(v) && lineValue(data, a.keyStart, a.valStart, a.valEnd)
}

// dottedRandom reports a line's whole unquoted value that is two generated runs joined
// by one dot ("USNUhYRyKw4.TqfgkdJnLkq"): both halves 6 to 24 bytes (a longer one is a
// structured token's part, checked by its own rule), the whole without the dot
// a generated token (randomRun), which no package's or object's member is.
func dottedRandom(data []byte, a *assignment, v []byte) bool {
	d := bytes.IndexByte(v, '.')
	if d < 6 || len(v)-d-1 < 6 || d > 24 || len(v)-d-1 > 24 || bytes.IndexByte(v[d+1:], '.') >= 0 {
		return false
	}
	var buf [128]byte
	rest := append(append(buf[:0], v[:d]...), v[d+1:]...)
	return randomRun(rest) && scrambledCase(rest) && lineValue(data, a.keyStart, a.valStart, a.valEnd)
}

// notLiteralPassword reports a value under a password's name that is no password
// written there: a stand-in word ("test", "TODO"), a number that is a size, a port or
// a duration (4096, 5432, 3600), a version ("v2.4.0-rc1") or a relative path
// ("./secrets/key.pem"). (Code: codeExpression.)
func notLiteralPassword(v []byte) bool {
	switch string(bytes.ToLower(v)) {
	case "test", "tests", "testing", "todo", "tbd", "fixme", "foobar":
		return true
	}
	if run(v, 0, cDigit, len(v)) == len(v) {
		return sizeOrPortNumber(v)
	}
	if (bytes.HasPrefix(v, []byte("./")) || bytes.HasPrefix(v, []byte("../"))) && len(v) > 3 && !bytes.ContainsAny(v, " \t") {
		return true // a relative path: where the password is kept
	}
	return versionString(v)
}

// codeExpression reports a value under a password's name that is code, not a literal
// password: a call or a subscript ("get_secret()", "request.form['password']",
// "params[:password]") or a chain of members ("config.secret", "self.db.pass_word").
// A template or a test quotes the expression that gives the password where the
// program has it; a literal is what someone typed, and reads as no code.
func codeExpression(v []byte) bool {
	return callOrSubscript(v) || memberChain(v)
}

// memberChain reports names joined by dots, each as code names things (codeIdent),
// that read as a reference to a member: the object is "self", "this" or "cls", or the
// last member names a secret ("config.secret", "settings.SECRET_KEY", "opts.db_pass").
// Words joined by a dot are a password as often ("harbor.maple7"): they name no
// secret and no object.
func memberChain(v []byte) bool {
	if len(v) < 5 || !is(v[0], cLower) && v[0] != '_' {
		return false
	}
	parts := strings.Split(string(v), ".")
	if len(parts) < 2 || strings.ContainsAny(parts[0], "0123456789") {
		return false
	}
	for _, p := range parts {
		if !codeIdent(p) {
			return false
		}
	}
	switch parts[0] {
	case "self", "this", "cls":
		return true
	}
	last := []byte(parts[len(parts)-1])
	if containsFold(last, "pass", "pwd") {
		return true
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	return len(last) <= maxKeyLen && secretKey(keySegments(last, buf[:0], text[:0]))
}

// sizeOrPortNumber: a power of two from 256 to 65536, a well-known service port, or a
// duration in seconds (an hour, a day, a week).
func sizeOrPortNumber(v []byte) bool {
	if len(v) < 3 || len(v) > 6 || v[0] == '0' {
		return false
	}
	n := 0
	for _, c := range v {
		n = n*10 + int(c-'0')
	}
	if n >= 256 && n <= 65536 && n&(n-1) == 0 {
		return true
	}
	switch n {
	case 3600, 7200, 86400, 604800,
		// ports: HTTP alternates, databases, caches, brokers, search
		8080, 8443, 8000, 8888, 9000, 9090, 3000, 5000, 5432, 3306, 1433, 1521, 6379, 11211, 27017, 9200, 9300,
		5672, 15672, 9092, 2181, 5984, 7474, 8086, 26257:
		return true
	}
	return false
}

// versionString: an optional 'v', numbers joined by dots (two dots at least, or one
// and a pre-release), and a pre-release or build part.
func versionString(v []byte) bool {
	i := 0
	if i < len(v) && (v[i] == 'v' || v[i] == 'V') {
		i++
	}
	dots, nums := 0, 0
	for {
		j := run(v, i, cDigit, len(v)) // (the run's end)
		if j == i {
			return false
		}
		i = j
		nums++
		if i < len(v) && v[i] == '.' {
			dots++
			i++
			continue
		}
		break
	}
	if i == len(v) {
		return dots >= 2 && v[0] != '0' // (an address's dotted numbers are 3 dots and fewer digits; passwords are no versions either)
	}
	if dots == 0 || v[i] != '-' && v[i] != '+' {
		return false
	}
	for _, c := range v[i+1:] {
		if !is(c, cLower|cDigit) && c != '.' && c != '-' {
			return false
		}
	}
	return nums >= 2
}

// callOrSubscript: a dotted identifier and then one call or one subscript that closes
// the value ("get_secret()", "os.getenv(\"X\")", "request.form['password']").
func callOrSubscript(v []byte) bool {
	n := len(v)
	if n < 3 {
		return false
	}
	var open byte
	switch v[n-1] {
	case ')':
		open = '('
	case ']':
		open = '['
	default:
		return false
	}
	i := bytes.IndexByte(v, open)
	if i < 2 {
		return false
	}
	name := v[:i]
	if !is(name[0], cLower|cUpper) && name[0] != '_' {
		return false
	}
	letters := 0
	for _, c := range name {
		if !is(c, cWord) && c != '.' {
			return false
		}
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters < 3 {
		return false
	}
	for _, part := range strings.Split(string(name), ".") {
		if !codeIdent(part) {
			return false // "Zq7vRt2mWx9k[str]": no name code gives before the bracket
		}
	}
	args := v[i+1 : n-1]
	if open == '[' {
		// an index or a key: digits, a name, or a quoted string
		return len(args) > 0 && (args[0] == '\'' || args[0] == '"' || args[0] == ':' || run(args, 0, cWord, len(args)) == len(args))
	}
	return len(args) == 0 || args[0] == '\'' || args[0] == '"' || is(args[0], cLower|cUpper) || args[0] == '_'
}

// iniSectionAbove reports a key under an INI or TOML section's header: the lines above
// it, up to a "[name]" line alone, are blank, comments or "name = value" settings, and
// the value has a digit and no identifier's shape (a bare word or "psKey2" stays a name). INI's "password = x" is a setting,
// not code's assignment of a variable.
func iniSectionAbove(data []byte, ks int, v []byte) bool {
	if len(v) < 8 || !bytes.ContainsAny(v, "0123456789") || identifierLike(v) {
		return false // (a name with a number: "psKey2")
	}
	ls := lineStartOf(data, ks)
	if ls < 0 || skipSpaces(data, ls) != ks {
		return false
	}
	for n := 0; ls > 0 && n < 64; n++ {
		e := ls - 1 // the '\n' ending the line above
		s := e
		for s > 0 && data[s-1] != '\n' {
			s--
		}
		line := bytes.TrimSpace(data[s:e])
		ls = s
		switch {
		case len(line) == 0 || line[0] == '#' || line[0] == ';':
			continue
		case line[0] == '[' && line[len(line)-1] == ']':
			name := bytes.Trim(line, "[]")
			return len(name) > 0 && run(name, 0, cWord|cDot|cDash, len(name)) == len(name)
		}
		eq := bytes.IndexByte(line, '=')
		if eq <= 0 || bytes.ContainsAny(line, "(){};") {
			return false
		}
		k := bytes.TrimSpace(line[:eq])
		if run(k, 0, cWord|cDot|cDash, len(k)) != len(k) {
			return false
		}
	}
	return false
}

// loneSymbolRun reports a quoted value with one ',', quote or backtick inside a
// generated token ("uMAV4xKNsFs;A3zj9Uutur2"): a list's separator, a statement's end
// or a command substitution has words or a second mark around it; the rest here reads
// as one generated run (randomRun), both sides of the mark six bytes or more.
func loneSymbolRun(v []byte) bool {
	if len(v) < 17 || len(v) > 128 {
		return false
	}
	at := loneMark(v) // (gates38.go)
	if at < 6 || len(v)-at-1 < 6 {
		return false
	}
	switch v[at] {
	case ',', '\'', '`': // (not ';': a token with a ';' in it is a corrupted one as often)
	default:
		return false
	}
	var buf [128]byte
	return randomRun(append(append(buf[:0], v[:at]...), v[at+1:]...))
}
