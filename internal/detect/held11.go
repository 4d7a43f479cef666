package detect

import (
	"bytes"
	"strconv"
)

// held11Det reads classes the held11a evaluation split (tools/evalcorpus/held11.go)
// showed missing. Each is a syntax that many formats share rather than one file's
// grammar, so that it carries over to files nobody wrote a rule for:
//
//   - a password option after a user option in one command: "-u nagios -p …",
//     "-U sa -P …", "-uroot -p…", "/ru CORP\svc /rp …" — whatever the program, in a
//     shell line, a Sysmon CommandLine, an auditd record's quoted arguments or a
//     monitoring check's definition. A "-p" alone means a port or a path as often, so
//     the user option before it is what says password;
//   - a serialized key and value: PHP's serialize() and session encoding
//     ("s:9:\"api_token\";s:40:\"…\";", "api_token|s:40:\"…\";"), as sessions, caches
//     and WordPress/Drupal option rows hold them, with the declared lengths checked;
//   - a raw symmetric key under a "secret" name parted from it by blanks, quoted or
//     not ("secret \"…\";" in BIND, dhcpd and other key blocks): base64 of 16, 24, 32
//     or 64 random bytes, as rawKeyBytes judges for held10's "…key" names;
//   - "user:password" under a "login" name ("login=ops:…"), as held10's authPair reads
//     it under names that say auth;
//   - an IRC services login: "NickServ IDENTIFY [account] password", in a client's
//     configuration, a bouncer's, a log or a chat;
//   - a command line that auditd wrote in hex (an EXECVE argument holding a blank or a
//     quote, a PROCTITLE's NUL-separated argv) and that holds a password: the hex is
//     the password to anyone who reads the log, so it is reported as it stands;
//   - Windows' "net use [X:] \\server\share PASSWORD /user:…": the password is a
//     positional argument after the share, named by the /user option beside it;
//   - a label and its value in two runs of markup: "Password: </w:t></w:r><w:r>…
//     <w:t>…</w:t>" in a Word document, "<td>Password:</td><td>…</td>" in an HTML or
//     wiki export — the label's text node ends in a password's (or a secret's) name and
//     a colon, and only tags stand between it and the value's text node.
//
// And two name classes for the assignment rules: "…pw" glued to what it opens
// (bindpw, rootpw, adminpw) and PAM's "authtok" (ldap_default_authtok); and one value
// class they reject, a stored hash in a scheme's own notation (held11StoredHash).
type held11Det struct {
	password, secret *Rule
	h10              *held10Det
}

var held11Anchors = []string{"-p", "/rp ", "\";s:", "|s:", "secret", "login", "identify ", "pw ", " a0=", "proctitle=", "net use ", "</", ": <", ":<"}

const (
	h11DashP = iota
	h11SlashRP
	h11Ser
	h11SessSer
	h11Secret
	h11Login
	h11Identify
	h11PwDirective
	h11AuditArg
	h11ProcTitle
	h11NetUse
	h11Close
	h11ColonOpen
	h11ColonTag
)

func (d *held11Det) anchors() []string { return held11Anchors }

func (d *held11Det) hit(sc *scanner, di, tag, at int) {
	switch tag {
	case h11DashP, h11SlashRP:
		d.optionPair(sc, at, tag == h11SlashRP)
	case h11Ser:
		d.serialized(sc, at)
	case h11SessSer:
		d.sessionVar(sc, at)
	case h11Secret:
		d.rawSecret(sc, at)
	case h11Login:
		d.h10.authPair(sc, at)
	case h11Identify:
		d.identify(sc, at)
	case h11PwDirective:
		// "bindpw …", "rootpw …": held10's directive, now that passwordKey knows the
		// glued "pw" (the anchor's blank makes "pw" end the name)
		d.h10.directive(sc, di, at)
	case h11AuditArg:
		d.auditHex(sc, at+len(" a0="))
	case h11ProcTitle:
		d.auditHex(sc, at+len("proctitle="))
	case h11NetUse:
		d.netUse(sc, at)
	case h11Close:
		d.markupLabel(sc, at)
	case h11ColonOpen:
		if at+3 < len(sc.data) && sc.data[at+3] != '/' {
			d.markupLabel(sc, at+2)
		}
	case h11ColonTag:
		if at+2 < len(sc.data) && sc.data[at+2] != '/' {
			d.markupLabel(sc, at+1)
		}
	}
}

// held11PwName reports the last word of a key that names a password by a glued "pw"
// ("bindpw", "rootpw", "adminpw", "rootpwmodpw") or PAM's "authtok". English has no
// word ending in "pw", so the suffix is the name's own.
func held11PwName(last []byte) bool {
	if string(last) == "authtok" {
		return true
	}
	if len(last) < 4 || !bytes.HasSuffix(last, []byte("pw")) {
		return false
	}
	for _, c := range last {
		if !is(c, cLower) {
			return false
		}
	}
	return true
}

// held11StoredHash reports a password slot's value that is a stored hash in its
// scheme's notation rather than the password: "sha256#<hex>#<salt>#" (ZNC),
// "{<40 hex><salt>" (Transmission's salted SHA-1), "{SSHA}…", "{PBKDF2}…",
// "pbkdf2_sha256$…" (Django), "sha512$…".
func held11StoredHash(v []byte) bool {
	if len(v) >= 42 && v[0] == '{' && allHex(v[1:41]) {
		return true
	}
	if len(v) > 2 && v[0] == '{' {
		if e := bytes.IndexByte(v, '}'); e > 2 && e < 20 {
			s := bytes.ToUpper(v[1:e])
			for _, p := range []string{"SSHA", "SHA", "SMD5", "MD5", "CRYPT", "PBKDF2", "ARGON2", "BCRYPT", "SCRAM", "PLAIN-MD5", "SHA256", "SHA512", "SSHA256", "SSHA512"} {
				if bytes.HasPrefix(s, []byte(p)) {
					return e+1 < len(v) && v[e+1] != '{' // "{SHA}…" but not "{SHA}{…}" markup
				}
			}
		}
	}
	// algorithm name, a separator, then 32 or more hex digits or a salted body
	i := 0
	for i < len(v) && i < 24 && (is(v[i], cAlnum) || v[i] == '_' || v[i] == '-') {
		i++
	}
	if i < 3 || i >= len(v) || v[i] != '#' && v[i] != '$' {
		return false
	}
	alg := bytes.ToLower(v[:i])
	known := false
	for _, p := range []string{"sha1", "sha256", "sha512", "md5", "pbkdf2", "argon2", "bcrypt", "scrypt", "sha384"} {
		if bytes.Contains(alg, []byte(p)) {
			known = true
			break
		}
	}
	if !known {
		return false
	}
	body := v[i+1:]
	hexRun := 0
	for _, c := range body {
		if is(c, cDigit) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' {
			hexRun++
			if hexRun >= 32 {
				return true
			}
		} else {
			hexRun = 0
		}
	}
	return bytes.Count(body, []byte{v[i]}) >= 1 && len(body) >= 30
}

// userOptions are the options that name the account a command runs as; passOptions
// hold its password (the "-p"/"-P" of mysql, sqlcmd, check_*, racadm; schtasks' /rp).
func userOptionBefore(data []byte, ls, at int, slash bool) bool {
	// scan the tokens before at on its line for -u/-U/-l (glued or not) or /ru, /u
	for p := at - 1; p >= ls && at-p < 160; p-- {
		if p >= 0 && p != ls {
			if c := data[p]; c != ' ' && c != '\t' && c != '"' && c != '\'' {
				continue
			}
		}
		t := p + 1
		if t+2 > len(data) {
			continue
		}
		if slash {
			if data[t] == '/' && (hasPrefixFold(data, t, "/ru ") || hasPrefixFold(data, t, "/u ") || hasPrefixFold(data, t, "/user ")) {
				return true
			}
			continue
		}
		if data[t] != '-' {
			continue
		}
		switch data[t+1] {
		case 'u', 'U', 'l':
			// "-u name", "-uname", "-U name", "-l name": a letter follows the flag or
			// a blank and then the name
			n := t + 2
			if n < len(data) && (data[n] == ' ' || is(data[n], cAlnum)) {
				if n < len(data) && data[n] == ' ' {
					n = skipSpaces(data, n)
					if n >= len(data) || !is(data[n], cAlnum) && data[n] != '"' && data[n] != '\'' {
						continue
					}
				}
				return true
			}
		}
	}
	return false
}

// optionPair reads the value of a password option at at when a user option stands
// before it in the same command.
func (d *held11Det) optionPair(sc *scanner, at int, slash bool) {
	data := sc.data
	if at > 0 && data[at-1] != ' ' && data[at-1] != '\t' && data[at-1] != '"' && data[at-1] != '\'' {
		return
	}
	var p int
	glued := false
	if slash {
		p = skipSpaces(data, at+len("/rp "))
	} else {
		n := at + 2
		if n >= len(data) {
			return
		}
		switch {
		case data[n] == ' ':
			p = skipSpaces(data, n)
		case data[n] == '=':
			p = n + 1
		case data[at+1] == 'p' && data[n] > ' ' && data[n] < 0x7f && data[n] != '"' && data[n] != '\'' && data[n] != '-':
			p, glued = n, true // mysql's "-pSecret"
		default:
			return
		}
	}
	ls := at // userOptionBefore reads 160 bytes back at most: so does the line's start
	for ls > 0 && at-ls < 200 && data[ls-1] != '\n' && data[ls-1] != '\r' {
		ls--
	}
	if !userOptionBefore(data, ls-1, at, slash) { // ls-1: a token may open the line
		return
	}
	q := byte(0)
	if !glued && p < len(data) && (data[p] == '"' || data[p] == '\'') {
		q = data[p]
		p++
	}
	e := p
	for e < len(data) && e-p < maxUnquoted && data[e] > ' ' && data[e] < 0x7f && data[e] != '"' && data[e] != '\'' && data[e] != '<' {
		e++
	}
	if q != 0 && (e >= len(data) || data[e] != q) {
		return
	}
	if q == 0 && e < len(data) && data[e] > ' ' && data[e] != '"' && data[e] != '\'' && data[e] != '<' {
		return
	}
	v := data[p:e]
	if len(v) == 0 || v[0] == '-' || !valueShape(v, false) {
		return
	}
	sc.emit(d.password, p, e, string(v))
}

// phpString reads PHP's serialized string at p: `s:N:"…"` (or `s:N:\"…\"` inside an
// escaped SQL or JSON string). It returns the content's bounds and the end of the
// token (after the closing quote), or ok false when the declared length disagrees.
func phpString(data []byte, p int) (vs, ve, end int, ok bool) {
	if p+4 > len(data) || data[p] != 's' || data[p+1] != ':' {
		return 0, 0, 0, false
	}
	n := run(data, p+2, cDigit, 6)
	if n == p+2 || n+1 >= len(data) || data[n] != ':' {
		return 0, 0, 0, false
	}
	size, err := strconv.Atoi(string(data[p+2 : n]))
	if err != nil || size > 4096 {
		return 0, 0, 0, false
	}
	vs = n + 1
	esc := false
	if vs < len(data) && data[vs] == '\\' {
		esc = true
		vs++
	}
	if vs >= len(data) || data[vs] != '"' {
		return 0, 0, 0, false
	}
	vs++
	ve = vs + size
	if ve >= len(data) {
		return 0, 0, 0, false
	}
	end = ve
	if esc {
		if data[end] != '\\' {
			return 0, 0, 0, false
		}
		end++
	}
	if end >= len(data) || data[end] != '"' {
		return 0, 0, 0, false
	}
	return vs, ve, end + 1, true
}

// serialized reads `s:N:"key";s:M:"value";` whose first string ends at at (its closing
// quote).
func (d *held11Det) serialized(sc *scanner, at int) {
	data := sc.data
	// back to the key's `s:N:"`
	ks := at
	for ks > 0 && at-ks < maxKeyLen && data[ks-1] != '"' && data[ks-1] != ';' && data[ks-1] != '{' && data[ks-1] >= ' ' {
		ks--
	}
	if ks == 0 || data[ks-1] != '"' {
		return
	}
	ke := at
	if ke > ks && data[ke-1] == '\\' {
		ke-- // `\";s:`: an escaped quote closes the key
	}
	open := ks - 1
	if open > 0 && data[open-1] == '\\' {
		open--
	}
	// `s:N:` before the quote
	c := open - 1
	if c < 0 || data[c] != ':' {
		return
	}
	ds := c
	for ds > 0 && is(data[ds-1], cDigit) {
		ds--
	}
	if ds == c || ds < 2 || data[ds-1] != ':' || data[ds-2] != 's' {
		return
	}
	if n, err := strconv.Atoi(string(data[ds:c])); err != nil || n != ke-ks {
		return
	}
	d.serializedValue(sc, data[ks:ke], at+2)
}

// sessionVar reads PHP's session encoding, `name|s:M:"value";`, whose '|' is at at.
func (d *held11Det) sessionVar(sc *scanner, at int) {
	data := sc.data
	ks := at
	for ks > 0 && at-ks < maxKeyLen && is(data[ks-1], cWord) {
		ks--
	}
	if ks == at || ks > 0 && data[ks-1] != ';' && data[ks-1] != '\n' && data[ks-1] != '}' {
		return
	}
	d.serializedValue(sc, data[ks:at], at+1)
}

func (d *held11Det) serializedValue(sc *scanner, key []byte, p int) {
	vs, ve, _, ok := phpString(sc.data, p)
	if !ok {
		return
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(key, buf[:0], text[:0])
	if len(segs) == 0 {
		return
	}
	v := sc.data[vs:ve]
	switch {
	case passwordKey(segs):
		if passwordValue(v) && !held11StoredHash(v) && valueShape(v, false) {
			sc.emit(d.password, vs, ve, string(v))
		}
	case secretKey(segs) && len(segs) >= 2 || len(segs) == 1 && secretWords[string(segs[0])] && string(segs[0]) != "key":
		if len(v) >= 16 && valueShape(v, false) && !wordy(v) {
			sc.emit(d.secret, vs, ve, string(v))
		}
	}
}

// rawSecret reads a raw key under a name ending in "secret" parted from it by blanks,
// '=' or ':': `secret "…";`, `secret …;`, `dns_secret = …`.
func (d *held11Det) rawSecret(sc *scanner, at int) {
	data := sc.data
	ke := at + len("secret")
	if ke >= len(data) || isKeyByte(data[ke]) {
		return
	}
	ks := tokenStart(data, at)
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[ks:ke], buf[:0], text[:0])
	if len(segs) == 0 || saysNotSecret(segs) {
		return
	}
	for _, s := range segs {
		if rawKeyOwners[string(s)] {
			return
		}
	}
	p := ke
	if data[p] == '"' || data[p] == '\'' {
		p++
	}
	p = skipSpaces(data, p)
	if p < len(data) && (data[p] == '=' || data[p] == ':') {
		p = skipSpaces(data, p+1)
	} else if p == ke {
		return
	}
	q := byte(0)
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		q = data[p]
		p++
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
	sc.emit(d.secret, p, e, string(v))
}

// identify reads "NickServ IDENTIFY [account] password" whose IDENTIFY is at at.
func (d *held11Det) identify(sc *scanner, at int) {
	data := sc.data
	lo := at - 24
	if lo < 0 {
		lo = 0
	}
	if at == 0 || data[at-1] != ' ' || indexFold(data[lo:at], "nickserv") < 0 {
		return
	}
	p := at + len("identify ")
	var toks [2][2]int
	n := 0
	for n < 3 {
		p = skipSpaces(data, p)
		e := p
		for e < len(data) && data[e] > ' ' && data[e] < 0x7f && data[e] != '"' && data[e] != '\'' {
			e++
		}
		if e == p {
			break
		}
		if n < 2 {
			toks[n] = [2]int{p, e}
		}
		n++
		p = e
		if p < len(data) && data[p] != ' ' {
			break
		}
	}
	if n == 0 || n > 2 {
		return
	}
	t := toks[n-1]
	v := data[t[0]:t[1]]
	// (a command has no sentence to end: a final dot is the password's, and its
	// shape is read without it)
	if !valueShape(v, false) && !(len(v) > 1 && v[len(v)-1] == '.' && valueShape(v[:len(v)-1], false)) {
		return
	}
	sc.emit(d.password, t[0], t[1], string(v))
}

// auditHex reads an auditd hex field at p (an EXECVE argument "aN=" or "proctitle=")
// and reports it when its decoded command line holds a password: NAME=VALUE under a
// password's name, or a password option after a user option.
func (d *held11Det) auditHex(sc *scanner, p int) {
	data := sc.data
	e := run(data, p, cDigit|cUpper, 4096)
	if e-p < 16 || (e-p)%2 != 0 || e < len(data) && data[e] > ' ' {
		return
	}
	var dec [2048]byte
	n := 0
	for i := p; i+1 < e && n < len(dec); i += 2 {
		if !isUpperHex(data[i]) || !isUpperHex(data[i+1]) {
			return
		}
		b := unhex(data[i])<<4 | unhex(data[i+1])
		if b == 0 {
			b = ' ' // PROCTITLE parts argv with NULs
		}
		if b < ' ' || b >= 0x7f {
			return // not a command line
		}
		dec[n] = b
		n++
	}
	if commandHoldsPassword(dec[:n]) {
		sc.emit(d.password, p, e, string(data[p:e]))
	}
}

// commandHoldsPassword reports a decoded command line with NAME=VALUE under a
// password's name ("PGPASSWORD=… pg_dump …") or "-p VALUE" after a user option.
func commandHoldsPassword(cmd []byte) bool {
	for i := 1; i < len(cmd); i++ {
		switch cmd[i] {
		case '=':
			ks := i
			for ks > 0 && isKeyByte(cmd[ks-1]) {
				ks--
			}
			ve := i + 1
			for ve < len(cmd) && cmd[ve] > ' ' {
				ve++
			}
			if ks == i || ve == i+1 {
				continue
			}
			var buf [12][]byte
			var text [maxKeyLen]byte
			if i-ks > maxKeyLen {
				continue
			}
			segs := keySegments(cmd[ks:i], buf[:0], text[:0])
			v := bytes.Trim(cmd[i+1:ve], `"'`)
			if passwordKey(segs) && passwordValue(v) && valueShape(v, false) {
				return true
			}
		case 'p', 'P':
			if cmd[i-1] != '-' || i >= 2 && cmd[i-2] != ' ' {
				continue
			}
			vs := i + 1
			if vs < len(cmd) && cmd[vs] == ' ' {
				vs = skipSpaces(cmd, vs)
			}
			ve := vs
			for ve < len(cmd) && cmd[ve] > ' ' {
				ve++
			}
			v := bytes.Trim(cmd[vs:ve], `"'`)
			if len(v) > 0 && v[0] != '-' && userOptionBefore(cmd, -1, i-1, false) && valueShape(v, false) {
				return true
			}
		}
	}
	return false
}

// netUse reads "net use [X:] \\server\share PASSWORD /user:…" whose "net use " is at
// at: the password is the positional argument after the share.
func (d *held11Det) netUse(sc *scanner, at int) {
	data := sc.data
	if at > 0 && is(data[at-1], cWord) {
		return
	}
	le := at
	for le < len(data) && data[le] != '\n' && data[le] != '\r' && le-at < 512 {
		le++
	}
	line := data[at:le]
	if indexFold(line, "/user:") < 0 && indexFold(line, "/u:") < 0 {
		return
	}
	p := skipSpaces(data, at+len("net use "))
	// a drive letter or "*"
	if p+1 < le && (is(data[p], cUpper|cLower) && data[p+1] == ':' || data[p] == '*') {
		p = skipSpaces(data, p+2-boolInt(data[p] == '*'))
	}
	if p+2 >= le || data[p] != '\\' || data[p+1] != '\\' {
		return
	}
	for p < le && data[p] > ' ' {
		p++ // the share
	}
	p = skipSpaces(data, p)
	e := p
	for e < le && data[e] > ' ' && data[e] != '"' && data[e] != '<' {
		e++
	}
	v := data[p:e]
	if len(v) == 0 || v[0] == '/' || v[0] == '*' || e < le && data[e] != ' ' && data[e] != '\t' || !valueShape(v, false) {
		return
	}
	sc.emit(d.password, p, e, string(v))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// markupLabel reads a value in the text node after the one a closing tag at at ends,
// when that one ends in "<password name>:".
func (d *held11Det) markupLabel(sc *scanner, at int) {
	data := sc.data
	t := at
	for t > 0 && (data[t-1] == ' ' || data[t-1] == '\t') {
		t--
	}
	if t == 0 || data[t-1] != ':' {
		return
	}
	we := t - 1
	for we > 0 && data[we-1] == ' ' {
		we--
	}
	ws := we
	for ws > 0 && we-ws < maxKeyLen && (is(data[ws-1], cWord) || data[ws-1] == '-') {
		ws--
	}
	if ws == we || ws > 0 && (data[ws-1] == '<' || data[ws-1] == '/' || data[ws-1] == '"' || data[ws-1] == '=') {
		return // a tag's or an attribute's name, not text
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(data[ws:we], buf[:0], text[:0])
	if len(segs) == 0 {
		return
	}
	pw := passwordKey(segs)
	if !pw && !secretKey(segs) {
		return
	}
	// only tags and blanks up to the value's text node
	p, tags := at, 0
	for p < len(data) && p-at < 400 {
		if data[p] == '<' {
			e := bytes.IndexByte(data[p:min(len(data), p+200)], '>')
			if e < 0 {
				return
			}
			p += e + 1
			tags++
			continue
		}
		if data[p] == ' ' || data[p] == '\t' {
			p++
			continue
		}
		break
	}
	if tags == 0 || tags > 10 || p >= len(data) || data[p] == '\n' || data[p] == '\r' {
		return
	}
	e := p
	for e < len(data) && data[e] != '<' && data[e] != '\n' && data[e] != '\r' && e-p < maxUnquoted {
		e++
	}
	if e >= len(data) || data[e] != '<' {
		return
	}
	v := data[p:e]
	if !valueShape(v, false) || !pw && (len(v) < 16 || wordy(v)) {
		return
	}
	r := d.secret
	if pw {
		r = d.password
	}
	sc.emit(r, p, e, string(v))
}
