package detect

import (
	"bytes"
	"encoding/base64"
)

// held10Det reads classes the held10a evaluation split (tools/evalcorpus/held10.go)
// showed missing. Each is a general syntax rather than one file format, so that it
// carries over to formats nobody wrote a rule for:
//
//   - a directive: a secret's name and its value parted by blanks alone, the value
//     followed by more arguments or not — "rcon_password \"…\"", "defAuthPassphrase …",
//     "SetEnv DB_PASS …", "rocommunity … 10.0.0.0/8", "snmp-server community … RO", and
//     the Cisco-style type digit before it ("enable secret 0 …", "password 7 <hex>", a
//     reversible encoding; types 5, 8 and 9 are hashes and stay out). The name is judged
//     by the key lexicon the assignment rules use (passwordKey, secretKey), plus SNMP's
//     "community"; a human-chosen password counts, not only a generated-looking one,
//     because the value must pass valueShape, which rejects words, paths, versions,
//     hosts, hashes, algorithm names and references;
//   - a credential pair in a command argument: "user/password@host" (Oracle's connect
//     string, sqlplus, expdp, rman), "-U user%password" (Samba's tools) and
//     "user:password" under a name that says auth ("cloud.auth: \"elastic:…\"",
//     "addauth digest user:…", CURLOPT_USERPWD);
//   - a raw symmetric key: base64 or base64url that decodes to exactly 16, 24, 32 or 64
//     bytes under a name ending in "key" (FERNET_KEY, cookie_key) that no word marks as
//     public, a digest, an id or a lookup key.
type held10Det struct{ password, secret *Rule }

var held10Anchors = []string{"pass", "pwd", "secret", "psk", "community", "key", "@", "-u ", "--user", "auth", "userpwd"}

const (
	h10Pass = iota
	h10Pwd
	h10Secret
	h10PSK
	h10Community
	h10Key
	h10At
	h10SambaU
	h10SambaUser
	h10Auth
	h10UserPwd
)

func (d *held10Det) anchors() []string { return held10Anchors }

func (d *held10Det) hit(sc *scanner, di, tag, at int) {
	switch tag {
	case h10At:
		d.slashPair(sc, at)
	case h10SambaU, h10SambaUser:
		d.sambaUser(sc, at, len(held10Anchors[tag]))
	case h10Auth, h10UserPwd:
		d.authPair(sc, at)
	case h10Key:
		d.directive(sc, di, at)
		d.rawKey(sc, at)
	case h10Pass, h10Pwd:
		d.directive(sc, di, at)
		d.labelLine(sc, at)
		d.userThenPass(sc, at)
	default:
		d.directive(sc, di, at)
	}
}

// userThenPass reads a pair written as words in running text or a chat: "user `etl`
// pass `…`", "login admin password …": the password's bare name (pass, passwd,
// password, pwd) follows a user name that follows a user's name word (user, username,
// login), each parted by one blank; the values may be in backquotes or quotes. The
// pair is the context, so a quoted value need not look generated, only like a
// password rather than a word (valueShape); a bare one must look like a password on
// its own, and the user name must not be a function word.
func (d *held10Det) userThenPass(sc *scanner, at int) {
	data := sc.data
	ks, ke := tokenStart(data, at), tokenEnd(data, at)
	switch string(bytes.ToLower(data[ks:ke])) {
	case "pass", "passwd", "password", "pwd":
	default:
		return
	}
	// back: " <user> " then the user word
	u := ks - 1
	if u < 2 || data[u] != ' ' {
		return
	}
	ue := u
	if data[ue-1] == '`' || data[ue-1] == '\'' || data[ue-1] == '"' {
		ue--
	}
	us := runBack(data, ue, cWord|cDot|cDash, 64)
	if us == ue || us < 2 {
		return
	}
	if data[ue] != ' ' && (data[us-1] != data[ue] || us < 3) {
		return // an unbalanced quote
	}
	w := us - 1
	if data[ue] != ' ' {
		w--
	}
	if w < 1 || data[w] != ' ' {
		return
	}
	ws := runBack(data, w, cLower|cUpper, 10)
	switch string(bytes.ToLower(data[ws:w])) {
	case "user", "username", "login":
	default:
		return
	}
	if ws > 0 && data[ws-1] != ' ' && data[ws-1] != '\t' && data[ws-1] != ':' && data[ws-1] != ',' && data[ws-1] != '\n' && data[ws-1] != '"' {
		return
	}
	// forward: " <value>"
	if ke >= len(data) || data[ke] != ' ' {
		return
	}
	vs := ke + 1
	q := byte(0)
	if vs < len(data) && (data[vs] == '`' || data[vs] == '\'' || data[vs] == '"') {
		q = data[vs]
		vs++
	}
	ve := vs
	for ve < len(data) && ve-vs < 128 && data[ve] > ' ' && data[ve] < 0x7f && data[ve] != q {
		ve++
	}
	if q != 0 && (ve >= len(data) || data[ve] != q) {
		return
	}
	if q == 0 {
		for ve > vs && (data[ve-1] == ',' || data[ve-1] == ';' || data[ve-1] == ')') {
			ve--
		}
	}
	v := data[vs:ve]
	// a bare value in prose must look like a password on its own ("allow user to
	// pass execution_id", "the username and password separated by")
	if !valueShape(v, q == 0) && !pairedSignedPassword(v) {
		return
	}
	if proseWords[string(bytes.ToLower(data[us:ue]))] || netrcStanza(data, ws) {
		return // a function word is no user name; .netrc's grammar is credCtxDet's
	}
	sc.emit(d.password, vs, ve, string(v))
}

// labelLine reads a password given on the line after its label: a line that ends with
// a password's name ("Your temporary password:", "Passwort", "**DB password**:"), or
// holds it in a short label ending with a colon ("Password for the VPN:"), and
// a next line, or the one after a blank line, that holds one token alone, the value
// (a notice, a hand-off note, YAML's plain scalar continued on the next line). The
// label line must be text, not code ('=', '(', '{', ';' rule it out), and the value
// must look like a password on its own (valueShape strict: letters, a digit, and a
// capital or a sign), which words, identifiers and numbers do not.
func (d *held10Det) labelLine(sc *scanner, at int) {
	data := sc.data
	ke := tokenEnd(data, at)
	ks := tokenStart(data, at)
	p := ke
	for n := 0; p < len(data) && n < 6 && (data[p] == ' ' || data[p] == '\t' || data[p] == ':' || data[p] == '*'); n++ {
		p++
	}
	if p < len(data) && data[p] == '\r' {
		p++
	}
	if p < len(data) && data[p] != '\n' && data[ke] == ' ' {
		// the name inside a label that ends with a colon: "Password for the VPN:",
		// "Das Passwort für den Router lautet:"
		e := p
		for e < len(data) && e-ke < 80 && data[e] != '\n' && bytes.IndexByte([]byte("=({;<>[]$\"'`"), data[e]) < 0 {
			e++
		}
		if e >= len(data) || data[e] != '\n' {
			return
		}
		t := bytes.TrimRight(data[ke:e], " \t\r")
		if len(t) == 0 || t[len(t)-1] != ':' || bytes.Count(t, []byte(" ")) > 8 || bytes.Count(t, []byte(":")) > 1 {
			return
		}
		p = e
	}
	if p >= len(data) || data[p] != '\n' {
		return
	}
	// the label line's text before the name
	for q := ks - 1; q >= 0 && data[q] != '\n'; q-- {
		if ks-q > 160 || bytes.IndexByte([]byte("=({;<>[]$\"'`"), data[q]) >= 0 {
			return
		}
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	if segs := keySegments(data[ks:ke], buf[:0], text[:0]); !passwordKey(segs) {
		return
	}
	// the value line, after at most one blank line
	vs := p + 1
	for blank := 0; ; blank++ {
		vs = skipSpaces(data, vs)
		if vs < len(data) && data[vs] == '\r' {
			vs++
		}
		if vs >= len(data) || data[vs] != '\n' {
			break
		}
		if blank == 1 {
			return
		}
		vs++
	}
	ve := vs
	for ve < len(data) && ve-vs <= 128 && data[ve] > ' ' && data[ve] < 0x7f {
		ve++
	}
	if rest := skipSpaces(data, ve); rest < len(data) && data[rest] != '\n' && data[rest] != '\r' {
		return // more than one token
	}
	if ve-vs > 2 && data[vs] == '`' && data[ve-1] == '`' {
		vs, ve = vs+1, ve-1
	}
	v := data[vs:ve]
	if !valueShape(v, true) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// tokenEnd and tokenStart bound the name-like token (word characters, '-', '.') that
// holds at. The end is looked at first: most anchors' tokens are followed by what
// rules them out, and the way back is then never read.
func tokenEnd(data []byte, at int) int {
	ke := at
	for ke < len(data) && ke-at < maxKeyLen && isKeyByte(data[ke]) {
		ke++
	}
	return ke
}

func tokenStart(data []byte, at int) int {
	ks := at
	for ks > 0 && at-ks < maxKeyLen && isKeyByte(data[ks-1]) {
		ks--
	}
	return ks
}

// communityKey reports SNMP's name for its shared secret: "community", "rocommunity",
// "rwcommunity6", "snmp_community".
func communityKey(segs [][]byte) bool {
	last := segs[len(segs)-1]
	last = bytes.TrimRight(last, "0123456789")
	return bytes.HasSuffix(last, []byte("community"))
}

// directive reads "NAME VALUE [ARGS…]" whose NAME holds the anchor at at.
func (d *held10Det) directive(sc *scanner, di, at int) {
	data := sc.data
	ke := tokenEnd(data, at)
	if ke >= len(data) || data[ke] != ' ' && data[ke] != '\t' {
		return
	}
	ks := tokenStart(data, at)
	if ks < sc.skip[di] || ke-ks < 3 {
		return
	}
	sc.skip[di] = ke
	if data[ks] == '-' || data[ks] == '.' || ks > 0 && bytes.IndexByte([]byte("$%@{<&*/\\:=\"'`#"), data[ks-1]) >= 0 {
		return
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[ks:ke], buf[:0], text[:0])
	if len(segs) == 0 {
		return
	}
	pw := passwordKey(segs)
	if !pw && !secretKey(segs) && !communityKey(segs) {
		return
	}
	weak := len(segs) == 1 && (string(segs[0]) == "key" || string(segs[0]) == "auth" || string(segs[0]) == "cred")
	// what stands before the name on its line: nothing, or a few plain words
	// ("SetEnv", "username ops privilege 15", "snmp-server", "set system")
	first, words := true, 0
	for p := ks - 1; p >= 0 && data[p] != '\n' && data[p] != '\r'; p-- {
		c := data[p]
		switch {
		case c == ' ' || c == '\t':
			if p > 0 && data[p-1] != ' ' && data[p-1] != '\t' && data[p-1] != '\n' {
				words++
			}
		case is(c, cAlnum|cUnder|cDash|cDot):
			first = false
		default:
			return
		}
		if ks-p > 96 || words > 6 {
			return
		}
	}
	if !first && bytes.IndexByte(data[ks:ke], '.') >= 0 || first && ks > 0 && data[ks-1] != '\n' && bytes.IndexByte(data[ks:ke], '.') >= 0 {
		return // an indented or inner dotted name is a listing's, not a properties file's
	}
	if netrcStanza(data, ks) {
		return // .netrc's grammar is credCtxDet's, which knows documentation hosts
	}
	p := skipSpaces(data, ke)
	typed := false
	if p+1 < len(data) && data[p+1] == ' ' {
		switch data[p] {
		case '5', '8', '9':
			return // a hash type
		case '0':
			typed, p = true, skipSpaces(data, p+2)
		case '7':
			vs := skipSpaces(data, p+2)
			ve := vs
			for ve < len(data) && is(data[ve], cAlnum) {
				ve++
			}
			if ciscoType7(data[vs:ve]) && (ve == len(data) || data[ve] == ' ' || data[ve] == '\n' || data[ve] == '\r') {
				sc.emit(d.password, vs, ve, string(data[vs:ve]))
			}
			return
		}
	}
	if p >= len(data) || weak && !typed {
		return // a bare "key" or "auth" names a key binding or a PAM module as often
	}
	vs, ve := p, p
	semi := false
	if q := data[p]; q == '"' || q == '\'' {
		end, found := closingQuote(data, p+1, q, 0, false)
		if !found || end-p-1 > maxUnquoted {
			return
		}
		vs, ve = p+1, end
	} else {
		for ve < len(data) && ve-vs < maxUnquoted && data[ve] > ' ' && data[ve] < 0x7f {
			ve++
		}
		if ve < len(data) && data[ve] != ' ' && data[ve] != '\t' && data[ve] != '\n' && data[ve] != '\r' {
			return
		}
		for ve > vs && data[ve-1] == ';' {
			ve-- // nginx and Junos end a statement with ';'
			semi = true
		}
	}
	if proseAfter(data, ve) {
		return // "password \"…\" is rejected by the server"
	}
	if listingAge(data, ve) {
		return // a CLI listing's row: name, digest, age ("SESSION_SECRET  1f0c…  2m ago")
	}
	after := ve
	if after < len(data) && (data[after] == '"' || data[after] == '\'') {
		after++
	}
	if n := skipSpaces(data, after); n < len(data) && (data[n] == '=' || data[n] == '{') {
		return // a typed declaration: "extensionPreSharedKey uint16 = 41"
	}
	v := data[vs:ve]
	if echoesKey(data[ks:ke], v) || qualifiedName(v) {
		return // a field's type: "Secret Bug4Secret", "PrivateKey crypto.PrivateKey"
	}
	if len(v) >= 6 && indexFold(data[ks:ke], string(bytes.ToLower(v))) >= 0 {
		return // C's "typedef struct RSAPrivateKeyStr RSAPrivateKey;": a type's name
	}
	if semi && cDeclaration(data[ks:ke], v) {
		return // "SECKEYPrivateKeyInfo pkcs8data;": a C or Java field of a key type
	}
	// a single word as the name is as often prose ("the secret sauce", "pass indic3
	// tags to …", "community 2024 edition"): unless a type digit follows it, it takes
	// only a value with a digit and a capital or a sign, as passwords and generated
	// keys have; "pass" and "pwd", verbs and a command, must open their line besides
	strict := !typed && len(segs) == 1
	if strict && !first && (string(segs[0]) == "pass" || string(segs[0]) == "pwd") {
		return
	}
	if !valueShape(v, strict) {
		return
	}
	r := d.secret
	if pw {
		r = d.password
	}
	sc.emit(r, vs, ve, string(v))
}

// ciscoType7 reports an IOS "password 7" value: two decimal digits of seed, then pairs
// of hex digits. Its encoding is a published XOR, so it is the password to any reader.
func ciscoType7(v []byte) bool {
	if len(v) < 6 || len(v)%2 != 0 || !is(v[0], cDigit) || !is(v[1], cDigit) {
		return false
	}
	if (v[0]-'0')*10+(v[1]-'0') > 52 {
		return false
	}
	for _, c := range v[2:] {
		if !is(c, cDigit) && (c < 'A' || c > 'F') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// notValueWords are values a secret's name is followed by that are no secret: the
// names of algorithms, encodings and protocol versions ("secret sha256 …",
// "password aes128 …").
var notValueWords = map[string]bool{"sha1": true, "sha224": true, "sha256": true, "sha384": true, "sha512": true,
	"md5": true, "md4": true, "aes128": true, "aes192": true, "aes256": true, "3des": true, "rsa2048": true,
	"rsa4096": true, "ed25519": true, "x25519": true, "base64": true, "utf8": true, "ipv4": true, "ipv6": true,
	"http2": true, "oauth2": true, "tls12": true, "tls13": true, "tlsv12": true, "tlsv13": true, "hmacsha256": true,
	"hmacsha1": true, "hmacsha512": true, "scramsha256": true, "scramsha512": true, "pbkdf2": true, "argon2": true,
	"argon2id": true, "bcrypt2": true, "des56": true, "aes128cbc": true, "aes256cbc": true, "aes256gcm": true,
	// a field's or parameter's type in source code: "Compute_shared_secret_cnt uint64"
	"uint8": true, "uint16": true, "uint32": true, "uint64": true, "int8": true, "int16": true, "int32": true,
	"int64": true, "float32": true, "float64": true, "complex64": true, "complex128": true, "uint8t": true,
	"uint16t": true, "uint32t": true, "uint64t": true, "int32t": true, "int64t": true, "u8": true, "u16": true,
	"u32": true, "u64": true, "i32": true, "i64": true, "f32": true, "f64": true}

// valueShape judges a value found by its name alone, whatever the container: a
// generated string, or a password a person chose under a policy (letters with a digit
// or a sign). strict asks the latter for a capital or a sign as well.
func valueShape(v []byte, strict bool) bool {
	if len(v) < 6 || len(v) > 128 {
		return false
	}
	if bytes.IndexByte([]byte("$%{<[(*&@#/\\~!."), v[0]) >= 0 || bytes.ContainsAny(v, ":=\"'`<>{}()[], \t") {
		return false // references, paths, hosts, URLs, key=value, markup
	}
	if isPlaceholder(v) || templateKey(v) {
		return false
	}
	var letters, digits, upper, signs, weak int
	for _, c := range v {
		switch {
		case is(c, cLower):
			letters++
		case is(c, cUpper):
			letters++
			upper++
		case is(c, cDigit):
			digits++
		case c == '-' || c == '_' || c == '.':
			weak++
		case c >= 0x80:
			return false // prose in another script
		default:
			signs++
		}
	}
	if letters == 0 {
		return false // numbers, versions, addresses
	}
	if len(v) == 35 && bytes.HasPrefix(v, []byte("md5")) && allHex(v[3:]) {
		return false // PostgreSQL's md5 password hash
	}
	if len(v) >= 32 && allHex(bytes.ReplaceAll(v, []byte("-"), nil)) {
		return false // a digest or an id: ambiguous by its name alone
	}
	if bytes.IndexByte(v, '/') >= 0 && bytes.IndexByte(v, '.') >= 0 {
		return false // host/path
	}
	var low [128]byte
	n := 0
	for _, c := range v {
		if c != '-' && c != '_' && c != '.' {
			low[n] = lowerASCII(c)
			n++
		}
	}
	if notValueWords[string(low[:n])] {
		return false
	}
	if v[len(v)-1] == '.' {
		return false // the end of a sentence
	}
	if strict {
		return letters >= 3 && digits > 0 && (upper > 0 || signs > 0)
	}
	if len(v) >= 12 && generatedBody(0)(v) && (digits > 0 || randomLetters(v)) {
		return true
	}
	if digits == 0 && signs == 0 {
		return false // a word or words: "required", "auth-user-pass"
	}
	return letters >= 3
}

// slashPair reads "user/password@host", a connect string whose '@' is at at.
func (d *held10Det) slashPair(sc *scanner, at int) {
	data := sc.data
	if at+1 >= len(data) || !is(data[at+1], cAlnum) && data[at+1] != '/' {
		return
	}
	s := at
	for s > 0 && at-s < 128 {
		c := data[s-1]
		if c <= ' ' || c == '"' || c == '\'' || c == '=' || c == '`' || c == '(' || c == ',' || c == '@' || c == ':' || c >= 0x7f {
			break
		}
		s--
	}
	if s > 0 && data[s-1] == ':' {
		d.colonPair(sc, at)
		return
	}
	if s > 0 && data[s-1] == '@' {
		return // no token start
	}
	tok := data[s:at]
	if hasPrefixFold(data, at+1, "latest") || at+2 < len(data) && data[at+1] == 'v' && is(data[at+2], cDigit) {
		return // a module and its version: "example.org/mod@v1.2.3", "…@latest"
	}
	slash := bytes.IndexByte(tok, '/')
	if slash <= 0 || bytes.LastIndexByte(tok, '/') != slash || !is(tok[0], cLower|cUpper) {
		return
	}
	if slash > 30 {
		return
	}
	v := tok[slash+1:]
	// Easy Connect ("@//host:1521/service") or a TNS alias in capitals ("@PRODDB") says
	// a connect string; anything else must look like a password on its own
	h := at + 1
	alias := run(data, h, cUpper|cDigit|cUnder, 64)
	connect := hasPrefixFold(data, h, "//") || alias-h >= 3 && is(data[h], cUpper) && (alias == len(data) || data[alias] <= ' ' || data[alias] == '"' || data[alias] == '\'')
	for _, c := range tok[:slash] {
		// a database user name, not a host or a package path; a service account's
		// "svc-etl" or "app.reader" only before Easy Connect's "@//"
		if !is(c, cWord) && c != '$' && c != '#' && !((c == '.' || c == '-') && hasPrefixFold(data, h, "//")) {
			return
		}
	}
	if !valueShape(v, !connect) {
		return
	}
	sc.emit(d.password, s+slash+1, at, string(v))
}

// colonPair reads "user:password@host[:port]" written without a scheme, as proxy
// settings (http_proxy=…, --proxy …), curl's -x and connection notes give it; at is
// the '@'. The pair must be a whole token (a blank, '=', a quote or the line start
// before it, no "://" — a URL's userinfo is urlCredentials'), the user a plain
// account name, the host a dotted name, an address or localhost followed by a port
// or a path, and the password must look like one on its own.
func (d *held10Det) colonPair(sc *scanner, at int) {
	data := sc.data
	// the host
	h := at + 1
	he := run(data, h, cAlnum|cDash|cDot, 253)
	host := data[h:he]
	if len(host) == 0 || !is(host[0], cAlnum) || host[len(host)-1] == '.' {
		return
	}
	if bytes.IndexByte(host, '.') < 0 && !bytes.EqualFold(host, []byte("localhost")) {
		return
	}
	// a port or a path must follow the host: an e-mail address after a label
	// ("Maintainer:jane@example.org", "sip:alice@…") has neither
	e := he
	if e < len(data) && data[e] == ':' {
		pe := run(data, e+1, cDigit, 5)
		if pe == e+1 {
			return
		}
		e = pe
	} else if e >= len(data) || data[e] != '/' {
		return
	}
	if e < len(data) && data[e] > ' ' && data[e] != '/' && data[e] != '"' && data[e] != '\'' && data[e] != ';' && data[e] != ',' && data[e] != ')' {
		return
	}
	// the password, back to the colon
	c := at
	for c > 0 && at-c < 128 && data[c-1] > ' ' && data[c-1] < 0x7f && data[c-1] != ':' {
		c--
	}
	if c == 0 || data[c-1] != ':' {
		return
	}
	// the user, back to the token's start
	u := c - 1
	for u > 0 && c-1-u < 64 && (is(data[u-1], cWord|cDot|cDash)) {
		u--
	}
	if u == c-1 || !is(data[u], cLower|cUpper) {
		return
	}
	if u > 0 {
		b := data[u-1]
		if b != ' ' && b != '\t' && b != '=' && b != '"' && b != '\'' && b != '\n' && b != '\r' && b != '(' {
			return // "://user:…" is a URL's; "x:user:…" a longer field list
		}
	}
	v := data[c:at]
	if !valueShape(v, true) {
		return
	}
	sc.emit(d.password, c, at, string(v))
}

// sambaUser reads Samba's "-U user%password" (smbclient, rpcclient, net, smbmap) whose
// flag is at at; n is the flag's length.
func (d *held10Det) sambaUser(sc *scanner, at, n int) {
	data := sc.data
	if at > 0 && data[at-1] != ' ' && data[at-1] != '\t' {
		return
	}
	if n == len("-u ") && data[at+1] != 'U' {
		return // -u is another tool's user flag
	}
	p := at + n
	if n == len("--user") {
		if p >= len(data) || data[p] != '=' && data[p] != ' ' {
			return
		}
		p++
	}
	p = skipSpaces(data, p)
	q := byte(0)
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		q = data[p]
		p++
	}
	e := p
	for e < len(data) && e-p < 160 && data[e] > ' ' && data[e] != q && data[e] < 0x7f {
		e++
	}
	i := bytes.IndexByte(data[p:e], '%')
	if i <= 0 || e < len(data) && q != 0 && data[e] != q {
		return
	}
	v := data[p+i+1 : e]
	if !valueShape(v, false) {
		return
	}
	sc.emit(d.password, p+i+1, e, string(v))
}

// authPairNames end a name whose value is "user:password".
var authPairNames = map[string]bool{"auth": true, "addauth": true, "basicauth": true, "httpauth": true,
	"proxyauth": true, "userpwd": true, "userpass": true, "userpassword": true, "credentials": true,
	// held11: "login=user:password" (Squid's cache_peer, proxies' and mirrors' options)
	"login": true}

// authPair reads "user:password" under a name that says auth, at whose anchor at is.
func (d *held10Det) authPair(sc *scanner, at int) {
	data := sc.data
	ke := tokenEnd(data, at)
	if ke >= len(data) || ke-at != 4 && ke-at != len("userpwd") && ke-at != len("login") {
		return // "auth" or "userpwd" must end the name: not "Authorization", "author"
	}
	ks := tokenStart(data, at)
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(bytes.TrimLeft(data[ks:ke], "-"), buf[:0], text[:0])
	if len(segs) == 0 || !authPairNames[string(segs[len(segs)-1])] || saysNotSecret(segs) {
		return
	}
	p := ke
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		p++ // a quoted key
	}
	p = skipSpaces(data, p)
	if p < len(data) && (data[p] == ':' || data[p] == '=' || data[p] == ',') {
		p = skipSpaces(data, p+1)
	} else if p == ke || p >= len(data) {
		return
	}
	if hasPrefixFold(data, p, "digest ") {
		p = skipSpaces(data, p+len("digest "))
	}
	if p < len(data) && (data[p] == '[' || data[p] == '(') && p+1 < len(data) && (data[p+1] == '"' || data[p+1] == '\'') {
		p++ // the first pair of a list or tuple literal: basic_auth = ['ops:…']
	}
	q := byte(0)
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		q = data[p]
		p++
	}
	e := p
	for e < len(data) && e-p < 192 && data[e] > ' ' && data[e] != q && data[e] < 0x7f && data[e] != ',' && data[e] != ';' {
		e++
	}
	if q != 0 && (e >= len(data) || data[e] != q) {
		return
	}
	c := bytes.IndexByte(data[p:e], ':')
	if c <= 0 || c > 64 {
		return
	}
	for _, b := range data[p : p+c] {
		if !is(b, cWord) && b != '.' && b != '-' && b != '@' && b != '+' {
			return
		}
	}
	v := data[p+c+1 : e]
	if bytes.IndexByte(v, ':') >= 0 || bytes.HasPrefix(v, []byte("//")) || !valueShape(v, false) {
		return
	}
	sc.emit(d.password, p+c+1, e, string(v))
}

// rawKeyOwners are words that make a "…key" name something other than a secret key:
// public material, digests, identifiers and lookup keys.
var rawKeyOwners = map[string]bool{"public": true, "pub": true, "host": true, "ssh": true, "gpg": true, "pgp": true,
	"cert": true, "certificate": true, "cache": true, "sort": true, "partition": true, "primary": true,
	"foreign": true, "routing": true, "lookup": true, "map": true, "idempotency": true, "dedup": true,
	"checksum": true, "digest": true, "hash": true, "etag": true, "object": true, "row": true, "id": true,
	"peer": true, "verify": true, "verification": true, "trusted": true, "known": true, "recipient": true,
	"index": true, "group": true, "cursor": true, "page": true, "next": true, "state": true, "sign": false,
	"unique": true, "composite": true, "shard": true, "hashing": true, "dict": true, "hotkey": true, "foo": true}

// rawKey reads NAME = base64 of a 128-, 192-, 256- or 512-bit key under a name ending
// in "key" (FERNET_KEY=…, "cookieKey": "…").
func (d *held10Det) rawKey(sc *scanner, at int) {
	data := sc.data
	ke := at + 3
	if ke >= len(data) || isKeyByte(data[ke]) {
		return // "key" must end the name
	}
	p := ke
	if data[p] == '"' || data[p] == '\'' {
		p++
	}
	p, q, ok := sepOpenQuote(data, p)
	if !ok {
		return
	}
	e := run(data, p, cB64|cDash|cUnder, 96)
	for e < len(data) && data[e] == '=' && e-p < 96 {
		e++
	}
	if q != 0 && (e >= len(data) || data[e] != q) || q == 0 && e < len(data) && data[e] > ' ' && data[e] != ';' && data[e] != ',' {
		return
	}
	v := data[p:e]
	if !rawKeyBytes(v) {
		return
	}
	ks := tokenStart(data, at)
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[ks:ke], buf[:0], text[:0])
	if ke-ks < 5 || len(segs) < 2 || saysNotSecret(segs) {
		return
	}
	for _, s := range segs {
		if rawKeyOwners[string(s)] {
			return
		}
	}
	sc.emit(d.secret, p, e, string(v))
}

// rawKeyBytes reports base64 (standard or URL-safe, padded or not) of 16, 24, 32 or 64
// random-looking bytes.
func rawKeyBytes(v []byte) bool {
	t := bytes.TrimRight(v, "=")
	switch len(t) {
	case 22, 32, 43, 86:
	default:
		return false
	}
	var out [64]byte
	var n int
	var err error
	if bytes.ContainsAny(t, "-_") {
		n, err = base64.RawURLEncoding.Decode(out[:], t)
	} else {
		n, err = base64.RawStdEncoding.Decode(out[:], t)
	}
	if err != nil || n != 16 && n != 24 && n != 32 && n != 64 {
		return false
	}
	var upper, lower, digit int
	var seen [256]bool
	distinct := 0
	for _, c := range t {
		switch {
		case is(c, cUpper):
			upper++
		case is(c, cLower):
			lower++
		case is(c, cDigit):
			digit++
		}
		if !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	return upper > 0 && lower > 0 && digit > 0 && distinct >= 14 && !isPlaceholder(v)
}

// keyLengthB64 reports standard base64 of a 128- to 512-bit key, which starts with '+'
// or '/' one time in 32 each: such a value is neither a concatenation ("+dir") nor a
// path.
func keyLengthB64(v []byte) bool {
	return (v[0] == '+' || v[0] == '/') && rawKeyBytes(v)
}

// netrcStanza reports a line inside a .netrc entry: "machine HOST" opens it on one of
// the few lines above.
func netrcStanza(data []byte, ks int) bool {
	lo := max(0, ks-192)
	i := bytes.LastIndex(data[lo:ks], []byte("machine "))
	return i >= 0 && lineStartAt(data, lo+i)
}

// proseWords open a clause: after a value they make its line a sentence, not a
// directive's arguments.
var proseWords = map[string]bool{"is": true, "was": true, "are": true, "were": true, "will": true, "has": true,
	"had": true, "have": true, "for": true, "to": true, "and": true, "or": true, "but": true, "which": true,
	"that": true, "should": true, "must": true, "can": true, "does": true, "did": true, "not": true, "in": true,
	"on": true, "of": true, "from": true, "with": true, "by": true, "if": true, "when": true, "as": true,
	"at": true, "the": true, "a": true, "an": true, "into": true, "then": true, "so": true, "because": true,
	"via": true, "without": true, "again": true, "only": true, "also": true, "before": true, "after": true}

// proseAfter reports whether the first word after p on its line opens a clause.
func proseAfter(data []byte, p int) bool {
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		p++
	}
	p = skipSpaces(data, p)
	e := run(data, p, cLower|cUpper, 12)
	if e == p {
		return false
	}
	var w [12]byte
	n := 0
	for _, c := range data[p:e] {
		w[n] = lowerASCII(c)
		n++
	}
	return proseWords[string(w[:n])]
}

// cDeclaration reports "Type name;" as C, C++, Java and C# declare a variable: the
// name is an identifier and the type a mixed-case identifier (CamelCase), which the
// snake- and kebab-case directives of nginx or Junos, that also end in ';', are not.
func cDeclaration(typ, name []byte) bool {
	if len(name) == 0 || !is(name[0], cLower|cUpper|cUnder) || run(name, 0, cWord, len(name)) != len(name) {
		return false
	}
	if run(typ, 0, cAlnum, len(typ)) != len(typ) {
		return false
	}
	for i := 1; i < len(typ); i++ {
		if is(typ[i-1], cLower) && is(typ[i], cUpper) {
			return true
		}
	}
	return false
}

// qualifiedName reports a package-qualified type or constant: "crypto.PrivateKey",
// "syscall.Errno". Its twin for longer paths is packageClassName.
func qualifiedName(v []byte) bool {
	i := bytes.IndexByte(v, '.')
	if i <= 0 || i == len(v)-1 || bytes.IndexByte(v[i+1:], '.') >= 0 || !isUpper(v[i+1]) {
		return false
	}
	return run(v, 0, cWord, len(v)) == i && run(v, i+1, cWord, len(v)) == len(v)
}

// packageClassName reports a value that is a package-qualified class name — two or more
// lower-case package segments (a lower-case letter, then lower-case letters, digits and
// '_', 24 bytes at most), then a CamelCase type name of letters only with two capitals
// or more ("com.google.net.rpc3.RpcException", a trailing ':' from the prose around it
// allowed): an exception named in an error message, not a secret. Passphrases
// ("juniper.kestrel.Tundra") keep a single capital; random tokens mix digits and case
// in every segment. Where qualifiedName reads one qualifier of any case, this reads a
// Java-style package path.
func packageClassName(v []byte) bool {
	v = bytes.TrimSuffix(v, []byte(":"))
	last := bytes.LastIndexByte(v, '.')
	if last <= 0 || bytes.IndexByte(v[:last], '.') < 0 {
		return false // fewer than three segments
	}
	for i := 0; i <= last; { // i == last: an empty segment
		if !is(v[i], cLower) {
			return false
		}
		e := run(v, i, cLower|cDigit|cUnder, 25)
		if e-i > 24 || v[e] != '.' {
			return false
		}
		i = e + 1
	}
	typ := v[last+1:]
	if len(typ) < 4 || !isUpper(typ[0]) || run(typ, 0, cLower|cUpper, len(typ)) != len(typ) {
		return false
	}
	upper := 0
	for _, c := range typ {
		if isUpper(c) {
			upper++
		}
	}
	return upper >= 2 && len(typ)-upper >= 2
}
