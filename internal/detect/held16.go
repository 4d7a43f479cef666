package detect

import "bytes"

// held16Det reads classes the held16a evaluation split showed missing, each by the
// structure that names the value rather than by the value itself:
//
//   - a debconf preseed line ("d-i OWNER/QUESTION TYPE VALUE"): a question of debconf's
//     type "password" holds a password whatever it is called; a "string" question is
//     read by its name's last word;
//   - tac_plus's "= cleartext VALUE" (login, enable, pap, chap…: the password in the
//     clear, as the keyword says) and its top-level shared "key = …" in a file that
//     uses the cleartext or service syntax;
//   - WildFly Elytron's <credential-reference clear-text="…">;
//   - a Redis append-only file (RESP): SET/HSET/HMSET/MSET commands whose bulk strings
//     alternate a name and its value on lines of their own ("$len" before each): the
//     value is read under the name of the line above;
//   - `security dump-keychain -d`: the quoted line after "data:" is the item's secret,
//     an internet password for class "inet";
//   - a Markdown table: a column whose header names a password or a secret holds one
//     in each row, as a CSV column does under its header (HTML, MediaWiki, AsciiDoc,
//     psql/mysql, reStructuredText and plain ruled tables: tables.go);
//   - VBA's `Const NAME As String = "…"` and XMLHTTP's `.Open METHOD, URL, ASYNC,
//     USER, PASSWORD` (the fifth argument is the password, as the API documents);
//   - Objective-C's `#define NAME @"…"` (a C define of a string literal);
//   - iscsiadm's "-n SETTING -v VALUE" (the value of the setting named by -n) and
//     open-iscsi's mutual-CHAP "…auth.password_in"/"_out" keys;
//   - Dhall's `env:NAME as Text ? "…"`: the literal is the fallback of the variable;
//   - a Tink keyset's "value" in a keyData whose typeUrl names a Tink key type (not a
//     public key's);
//   - AWS CDK's SecretValue.unsafePlainText("…") (a secret in the clear, as named);
//   - keepalived's VRRP "auth_pass" (at most eight characters: shorter than the gates
//     of a free-standing password accept) in an authentication block;
//   - redis-server's --requirepass/--masterauth on a command line;
//   - Travis CI's "slack: ACCOUNT:TOKEN" notification (the token after the colon);
//   - WireGuard keys in `wg show … dump` lines and printed alone after the command
//     that prints them, and under a private or preshared key's name written with blanks
//     between name and key (VyOS's "set interfaces wireguard wg0 private-key '…'",
//     OpenWrt's "option private_key '…'") (wireguard.go).
type held16Det struct {
	password, secret *Rule
}

var held16Anchors = []anchorRead[*held16Det]{
	{"d-i ", (*held16Det).preseed},
	{"cleartext ", (*held16Det).cleartext},
	{"key = ", (*held16Det).tacKey},
	{`clear-text="`, (*held16Det).clearText},
	{"set\n$", (*held16Det).resp},
	{"set\r\n$", (*held16Det).resp},
	{"\ndata:", (*held16Det).keychain},
	{"|--", (*held16Det).mdTable},
	{"|:--", (*held16Det).mdTable},
	{"| --", (*held16Det).mdTable},
	{"| :--", (*held16Det).mdTable},
	{"<table", (*held16Det).htmlTable},
	{"{|", (*held16Det).wikiTable},
	{"|===", (*held16Det).adocTable},
	{"---", (*held16Det).ruledTable},
	{"===", (*held16Det).ruledTable},
	{"+--", (*held16Det).ruledTable},
	{"+==", (*held16Det).ruledTable},
	{" as string = ", (*held16Det).vbConst},
	{".open ", (*held16Det).xmlHTTPOpen},
	{"#define ", (*held16Det).define},
	{"iscsiadm ", (*held16Det).iscsiadm},
	{"auth.password_in", (*held16Det).chapMutual},
	{"auth.password_out", (*held16Det).chapMutual},
	{" as text ? ", (*held16Det).dhallFallback},
	{"google.crypto.tink.", (*held16Det).tinkKey},
	{"secretvalue.unsafeplaintext(", (*held16Det).cdkPlain},
	{"secretvalue.plaintext(", (*held16Det).cdkPlain},
	{"auth_pass ", (*held16Det).vrrpPass},
	{"--requirepass ", (*held16Det).redisPass},
	{"--masterauth ", (*held16Det).redisPass},
	{"slack: ", (*held16Det).travisSlack},
	{"=\t", (*held16Det).wgDump},
	{"wg genkey", (*held16Det).wgPrinted},
	{"wg genpsk", (*held16Det).wgPrinted},
	{" private-key", (*held16Det).wgNamed},
	{" preshared-key", (*held16Det).wgNamed},
	{" private_key", (*held16Det).wgNamed},
	{" preshared_key", (*held16Det).wgNamed},
}

func (d *held16Det) anchors() []string { return anchorLits(held16Anchors) }

func (d *held16Det) hit(sc *scanner, di, tag, at int) { readAnchor(held16Anchors, d, sc, tag, at) }

// held16Kind is how a name classes its value: a password, a secret, or neither.
func held16Kind(key []byte) (pw, secret bool) {
	var buf [12][]byte
	var text [maxKeyLen]byte
	if len(key) == 0 || len(key) > maxKeyLen {
		return false, false
	}
	segs := keySegments(key, buf[:0], text[:0])
	if len(segs) == 0 {
		return false, false
	}
	if passwordKey(segs) {
		return true, false
	}
	return false, secretKey(segs) && (len(segs) >= 2 || string(segs[0]) != "key")
}

// keyed emits the value at vs:ve when the name key classes it and the value passes the
// gate of its class.
func (d *held16Det) keyed(sc *scanner, key []byte, vs, ve int) {
	pw, secret := held16Kind(key)
	switch {
	case pw:
		d.pw(sc, vs, ve)
	case secret:
		d.sec(sc, vs, ve)
	}
}

func (d *held16Det) pw(sc *scanner, vs, ve int) {
	if v := sc.data[vs:ve]; strongContextPassword(v) && !held11StoredHash(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

func (d *held16Det) sec(sc *scanner, vs, ve int) {
	v := sc.data[vs:ve]
	body := bytes.TrimRight(v, "=")
	if len(v)-len(body) > 2 || len(body) < len(v) && !b64Body(body) {
		return
	}
	if len(v) >= 16 && valueShape(body, false) && !wordy(v) {
		sc.emit(d.secret, vs, ve, string(v))
	}
}

// atLineStart reports whether only blanks stand between the line's start and at.
func atLineStart(data []byte, at int) bool {
	for i := at - 1; i >= 0 && data[i] != '\n'; i-- {
		if data[i] != ' ' && data[i] != '\t' {
			return false
		}
	}
	return true
}

// directiveWords is the first n words (split on blanks) after p of a line that starts at at,
// and the line's end (read at most 512 bytes on): nil when at is no line's start or the
// line holds fewer than n words. preseed and define read their directives with it.
func directiveWords(data []byte, at, p, n int) ([][2]int, int) {
	if !atLineStart(data, at) {
		return nil, 0
	}
	end := lineEnd(data, p, 512)
	f := held16Fields(data, p, end, n)
	if len(f) < n {
		return nil, end
	}
	return f, end
}

// held16Fields splits a line's words on blanks (at most n).
func held16Fields(data []byte, p, end, n int) [][2]int {
	var out [][2]int
	for p < end && len(out) < n {
		p = skipSpaces(data, p)
		e := p
		for e < end && data[e] != ' ' && data[e] != '\t' {
			e++
		}
		if e <= p {
			break
		}
		out = append(out, [2]int{p, e})
		p = e
	}
	return out
}

// preseed reads "d-i OWNER/QUESTION TYPE VALUE".
func (d *held16Det) preseed(sc *scanner, at, p int) {
	data := sc.data
	f, end := directiveWords(data, at, p, 3)
	if f == nil {
		return
	}
	q := data[f[0][0]:f[0][1]]
	slash := bytes.LastIndexByte(q, '/')
	if slash < 0 {
		return
	}
	name := q[slash+1:]
	vs, ve := f[2][0], end
	for ve > vs && (data[ve-1] == ' ' || data[ve-1] == '\t') {
		ve--
	}
	if bytes.IndexByte(data[vs:ve], ' ') >= 0 || bytes.Contains(name, []byte("crypted")) {
		return // a sentence, or a hash the installer is given instead
	}
	switch string(data[f[1][0]:f[1][1]]) {
	case "password":
		d.pw(sc, vs, ve)
	case "string":
		// the WPA passphrase of the installer's wireless network (netcfg/wireless_wpa)
		if bytes.HasSuffix(name, []byte("_wpa")) || bytes.HasSuffix(name, []byte("-wpa")) {
			d.pw(sc, vs, ve)
			return
		}
		d.keyed(sc, name, vs, ve)
	}
}

// held16Quoted reads a value at p: a double-quoted string, or a bare word to the line's
// end or a blank.
func held16Quoted(data []byte, p, end int) (int, int, bool) {
	if p < end && data[p] == '"' {
		q := bytes.IndexByte(data[p+1:end], '"')
		if q < 0 {
			return 0, 0, false
		}
		return p + 1, p + 1 + q, true
	}
	e := p
	for e < end && data[e] != ' ' && data[e] != '\t' && data[e] != '#' {
		e++
	}
	return p, e, e > p
}

// cleartext reads tac_plus's "NAME = cleartext VALUE".
func (d *held16Det) cleartext(sc *scanner, at, p int) {
	data := sc.data
	i := at - 1
	for i >= 0 && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i < 1 || data[i] != '=' {
		return
	}
	end := lineEnd(data, p, 512)
	if vs, ve, ok := held16Quoted(data, skipSpaces(data, p), end); ok {
		d.pw(sc, vs, ve)
	}
}

// tacKey reads tac_plus's shared secret: "key = VALUE" on a line of its own, in a file
// that uses tac_plus's syntax near it ("= cleartext", "service = exec", "default
// service = ").
func (d *held16Det) tacKey(sc *scanner, at, p int) {
	data := sc.data
	if !atLineStart(data, at) {
		return
	}
	w := window(data, at, at, 4096, 4096)
	if indexFold(w, "= cleartext") < 0 && indexFold(w, "service = exec") < 0 && indexFold(w, "default service = ") < 0 {
		return
	}
	end := lineEnd(data, p, 512)
	vs, ve, ok := held16Quoted(data, p, end)
	if !ok {
		return
	}
	r := ve
	if r < end && data[r] == '"' {
		r++
	}
	if r = skipSpaces(data, r); r < end && data[r] != '#' {
		return // more on the line: an expression, not the key's value
	}
	v := data[vs:ve]
	if strongContextPassword(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// clearText reads Elytron's credential-reference clear-text attribute.
func (d *held16Det) clearText(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 400)
	if indexFold(data[ls:at], "credential-reference") < 0 {
		return
	}
	end := lineEnd(data, p, 256)
	if q := bytes.IndexByte(data[p:end], '"'); q > 0 {
		d.pw(sc, p, p+q)
	}
}

// respBulk reads one RESP bulk string at p ("$LEN" CRLF-or-LF, LEN bytes, line end):
// the bytes' bounds and where the next element starts.
func respBulk(data []byte, p int) (vs, ve, next int, ok bool) {
	if p >= len(data) || data[p] != '$' {
		return 0, 0, 0, false
	}
	n, i := 0, p+1
	for i < len(data) && i-p <= 6 && data[i] >= '0' && data[i] <= '9' {
		n = n*10 + int(data[i]-'0')
		i++
	}
	if i == p+1 || i-p > 6 {
		return 0, 0, 0, false
	}
	if i < len(data) && data[i] == '\r' {
		i++
	}
	if i >= len(data) || data[i] != '\n' {
		return 0, 0, 0, false
	}
	vs, ve = i+1, i+1+n
	if ve > len(data) {
		return 0, 0, 0, false
	}
	next = ve
	if next < len(data) && data[next] == '\r' {
		next++
	}
	if next < len(data) && data[next] != '\n' {
		return 0, 0, 0, false
	}
	return vs, ve, next + 1, true
}

// resp reads a RESP command array whose command word ends in "SET" (SET, HSET, HMSET,
// MSET): after the command, SET and HSET/HMSET name a key first; the name/value pairs
// then follow, each value read under the name on the line above it.
func (d *held16Det) resp(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 8)
	cmd := bytes.ToLower(data[ls : at+3])
	var pairsFrom int
	switch string(cmd) {
	case "set":
		pairsFrom = 0 // SET KEY VALUE: the key names the value
	case "hset", "hmset":
		pairsFrom = 1 // HSET HASH FIELD VALUE…
	case "mset":
		pairsFrom = 0
	default:
		return
	}
	if ls < 2 || data[ls-1] != '\n' {
		return
	}
	var args [][2]int
	q := p - 1 // at the '$'
	for len(args) < 24 {
		vs, ve, next, ok := respBulk(data, q)
		if !ok {
			break
		}
		args = append(args, [2]int{vs, ve})
		q = next
	}
	if string(cmd) == "set" && len(args) > 2 {
		args = args[:2] // SET's options (EX, PX, NX) follow its value
	}
	for i := pairsFrom; i+1 < len(args); i += 2 {
		key := data[args[i][0]:args[i][1]]
		if c := bytes.LastIndexByte(key, ':'); c >= 0 {
			key = key[c+1:] // "webhook:github:signing_secret": the name's last part
		}
		d.keyed(sc, key, args[i+1][0], args[i+1][1])
		if string(cmd) != "mset" && string(cmd) != "hset" && string(cmd) != "hmset" {
			break
		}
	}
}

// keychain reads a dump-keychain item's data line: `data:` alone on its line, the
// quoted secret on the next; the class line above says what it is.
func (d *held16Det) keychain(sc *scanner, at, p int) {
	data := sc.data
	e := lineEnd(data, p, 8)
	if e != p || e >= len(data) {
		return
	}
	vs := e + 1
	if vs < len(data) && data[vs-1] == '\r' {
		vs++
	}
	if vs >= len(data) || data[vs] != '"' {
		return
	}
	ve := lineEnd(data, vs, 4096)
	if ve-vs < 3 || data[ve-1] != '"' {
		return
	}
	vs, ve = vs+1, ve-1
	lo := max(0, at-2048)
	back := data[lo:at]
	c := bytes.LastIndex(back, []byte("class: "))
	if c < 0 || c > 0 && back[c-1] != '\n' || lo > 0 && c == 0 || bytes.LastIndex(back, []byte("\nattributes:")) < c {
		return
	}
	class := back[c+len("class: "):]
	if bytes.HasPrefix(class, []byte(`"inet"`)) {
		d.pw(sc, vs, ve)
		return
	}
	if bytes.HasPrefix(class, []byte(`"genp"`)) {
		if v := data[vs:ve]; len(v) >= 16 && valueShape(v, false) && !wordy(v) {
			sc.emit(d.secret, vs, ve, string(v))
		} else {
			d.pw(sc, vs, ve)
		}
	}
}

// mdCells splits a table row "| a | b |" into its cells' bounds (trimmed).
func mdCells(data []byte, ls, le int) [][2]int {
	var out [][2]int
	p := skipSpaces(data, ls)
	if p >= le || data[p] != '|' {
		return nil
	}
	p++
	for p < le && len(out) < 32 {
		e := p
		for e < le && data[e] != '|' {
			e++
		}
		if e >= le {
			break // the text after the last '|'
		}
		s, t := p, e
		for s < t && (data[s] == ' ' || data[s] == '\t') {
			s++
		}
		for t > s && (data[t-1] == ' ' || data[t-1] == '\t') {
			t--
		}
		out = append(out, [2]int{s, t})
		p = e + 1
	}
	return out
}

// held16Header classes a table header by its words read as one name: "Password" and
// "DB password" head passwords, "Password hash", "Key ID" or "Token expiry" a column
// about one (as the key tests read "password_hash"); "Key" alone heads a secret.
// Alternatives split by '/' or ',' ("Password / key") are read each on its own.
func held16Header(h []byte) (pw, secret bool) {
	if len(bytes.Fields(h)) > 4 {
		return false, false // a sentence, not a column's name
	}
	for _, alt := range bytes.FieldsFunc(h, func(r rune) bool { return r == '/' || r == ',' }) {
		words := bytes.FieldsFunc(alt, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == '*' })
		if len(words) == 0 || len(words) > 4 {
			continue
		}
		if len(words) == 1 && string(bytes.ToLower(words[0])) == "key" {
			return false, true
		}
		var buf [maxKeyLen]byte
		name := buf[:0]
		for i, w := range words {
			if i > 0 {
				name = append(name, '_')
			}
			if len(name)+len(w) > maxKeyLen {
				break
			}
			name = append(name, w...)
		}
		if p, s := held16Kind(name); p || s {
			return p, s
		}
	}
	return false, false
}

// mdTable reads a Markdown table at its separator row: the header row above it names
// the columns, each row below holds one value a column.
func (d *held16Det) mdTable(sc *scanner, at, _ int) {
	data := sc.data
	if !atLineStart(data, at) {
		return
	}
	ls := lineStartWithin(data, at, 256)
	if ls < 2 {
		return
	}
	hs := lineStartWithin(data, ls-1, 2048)
	head := mdCells(data, hs, ls-1)
	if len(head) < 2 {
		return
	}
	kinds := tableKinds(data, head)
	if kinds == nil {
		return
	}
	p := lineEndWithin(data, at, 2048) + 1
	for rows := 0; rows < 200 && p < len(data); rows++ {
		le := lineEndWithin(data, p, 4096)
		cells := mdCells(data, p, le)
		if cells == nil {
			break
		}
		for i, c := range cells {
			if i < len(kinds) {
				d.tableCell(sc, kinds[i], c[0], c[1])
			}
		}
		p = le + 1
	}
}

// held16Ident is the identifier that ends at e (letters, digits, '_').
func held16Ident(data []byte, e int) []byte {
	s := e
	for s > 0 && e-s < maxKeyLen && (is(data[s-1], cWord) || data[s-1] == '_') {
		s--
	}
	return data[s:e]
}

// vbConst reads VBA's "[Private|Public] Const NAME As String = "VALUE"".
func (d *held16Det) vbConst(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 200)
	if indexFold(data[ls:at], "const ") < 0 {
		return
	}
	key := held16Ident(data, at)
	end := lineEnd(data, p, 512)
	if p >= end || data[p] != '"' {
		return
	}
	q := bytes.IndexByte(data[p+1:end], '"')
	if q < 0 {
		return
	}
	d.keyed(sc, key, p+1, p+1+q)
}

// xmlHTTPOpen reads the password argument of XMLHTTP's Open (VBA/VBScript):
// `.Open "POST", "URL", False, "USER", "PASSWORD"`.
func (d *held16Det) xmlHTTPOpen(sc *scanner, at, p int) {
	data := sc.data
	end := lineEnd(data, p, 1024)
	var args [][2]int
	for q := p; q < end && len(args) < 6; {
		q = skipSpaces(data, q)
		s := q
		if q < end && data[q] == '"' {
			c := bytes.IndexByte(data[q+1:end], '"')
			if c < 0 {
				return
			}
			args = append(args, [2]int{q + 1, q + 1 + c})
			q = q + 2 + c
		} else {
			for q < end && data[q] != ',' {
				q++
			}
			args = append(args, [2]int{s, q})
		}
		q = skipSpaces(data, q)
		if q < end && data[q] != ',' {
			break
		}
		q++
	}
	if len(args) != 5 || data[args[0][0]-1] != '"' || data[args[4][0]-1] != '"' {
		return
	}
	m := bytes.ToUpper(data[args[0][0]:args[0][1]])
	switch string(m) {
	case "GET", "POST", "PUT", "DELETE", "PATCH", "HEAD":
	default:
		return
	}
	if a := string(bytes.ToLower(bytes.TrimSpace(data[args[2][0]:args[2][1]]))); a != "false" && a != "true" {
		return
	}
	d.pw(sc, args[4][0], args[4][1])
}

// define reads "#define NAME @"VALUE"" (Objective-C) or "#define NAME "VALUE"".
func (d *held16Det) define(sc *scanner, at, p int) {
	data := sc.data
	f, end := directiveWords(data, at, p, 2)
	if f == nil {
		return
	}
	vs := f[1][0]
	if vs < end && data[vs] == '@' {
		vs++
	}
	if vs >= end || data[vs] != '"' {
		return
	}
	q := bytes.IndexByte(data[vs+1:end], '"')
	if q < 0 {
		return
	}
	// a plain C string under a password's name is too often the name's own text
	// ("#define TXT_kPSK "kPSK""): only a secret's gate, or an Objective-C literal
	key, v := data[f[0][0]:f[0][1]], data[vs+1:vs+1+q]
	if echoesKey(key, v) || containsFold(key, string(v)) {
		return
	}
	if pw, _ := held16Kind(key); pw && data[vs-1] != '@' {
		return
	}
	d.keyed(sc, key, vs+1, vs+1+q)
}

// held16NotSecret reports values a secret's key holds that are no secret: an iSCSI
// qualified name ("iqn.YYYY-MM.reversed.domain[:name]", RFC 3720: an initiator's or a
// target's name, used as the CHAP user name), and a UUID under a key whose last word
// is "uuid" (libvirt's <secret uuid='…'/> names the secret held elsewhere), and the
// value of a bare "key" that the word "public" stands before on its line ("public key:
// …", as `wg show` and key listings print it).
func held16NotSecret(data []byte, keyStart int, key, v []byte) bool {
	if iscsiName(v) {
		return true
	}
	if string(bytes.ToLower(key)) == "key" && keyStart >= 7 && keyStart <= len(data) {
		ls := lineStartWithin(data, keyStart, 64)
		w := bytes.TrimRight(data[ls:keyStart], " \t_-")
		if hasSuffixFold(w, "public") && (len(w) == 6 || !is(w[len(w)-7], cWord)) {
			return true
		}
	}
	if len(key) > 4 && (hasSuffixFold(key, "uuid")) && uuidLike(v) {
		return true
	}
	return false
}

func hasSuffixFold(b []byte, s string) bool {
	return len(b) >= len(s) && bytes.EqualFold(b[len(b)-len(s):], []byte(s))
}

// iscsiName reports an iSCSI qualified name: "iqn." then a year and month
// ("2026-01."), a reversed domain, and an optional ":" and a name.
func iscsiName(v []byte) bool {
	if len(v) < 13 || !bytes.HasPrefix(v, []byte("iqn.")) {
		return false
	}
	d := v[4:]
	for i := 0; i < 7; i++ {
		if i == 4 {
			if d[i] != '-' {
				return false
			}
		} else if d[i] < '0' || d[i] > '9' {
			return false
		}
	}
	if d[7] != '.' {
		return false
	}
	dom := d[8:]
	if c := bytes.IndexByte(dom, ':'); c >= 0 {
		dom = dom[:c]
	}
	if len(dom) < 3 || bytes.IndexByte(dom, '.') < 0 {
		return false
	}
	for _, c := range dom {
		if !is(c, cLower) && !is(c, cDigit) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// iscsiadm reads "iscsiadm … -n SETTING -v VALUE" (--name/--value too).
func (d *held16Det) iscsiadm(sc *scanner, at, p int) {
	data := sc.data
	end := lineEnd(data, p, 1024)
	f := held16Fields(data, p, end, 40)
	var name []byte
	for i := 0; i+1 < len(f); i++ {
		w := data[f[i][0]:f[i][1]]
		switch string(w) {
		case "-n", "--name":
			name = data[f[i+1][0]:f[i+1][1]]
		case "-v", "--value":
			if name != nil {
				vs, ve := f[i+1][0], f[i+1][1]
				if ve-vs >= 2 && (data[vs] == '"' || data[vs] == '\'') && data[ve-1] == data[vs] {
					vs, ve = vs+1, ve-1
				}
				d.keyed(sc, held16LastDot(name), vs, ve)
			}
			return
		}
	}
}

// held16LastDot is a dotted setting's last part with the one before it when the last
// is a direction ("password_in": the target's password to the initiator).
func held16LastDot(name []byte) []byte {
	if i := bytes.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	for _, t := range []string{"_in", "_out"} {
		if bytes.HasSuffix(name, []byte(t)) {
			return name[:len(name)-len(t)]
		}
	}
	return name
}

// chapMutual reads open-iscsi's "node.session.auth.password_in = VALUE" (and _out).
func (d *held16Det) chapMutual(sc *scanner, at, p int) {
	data := sc.data
	end := lineEnd(data, p, 512)
	q := skipSpaces(data, p)
	if q >= end || data[q] != '=' {
		return
	}
	if vs, ve, ok := held16Quoted(data, skipSpaces(data, q+1), end); ok {
		d.pw(sc, vs, ve)
	}
}

// dhallFallback reads `env:NAME as Text ? "VALUE"`: the value stands under the
// variable's name, or under the field the expression is assigned to.
func (d *held16Det) dhallFallback(sc *scanner, at, p int) {
	data := sc.data
	end := lineEnd(data, p, 512)
	if p >= end || data[p] != '"' {
		return
	}
	q := bytes.IndexByte(data[p+1:end], '"')
	if q < 0 {
		return
	}
	vs, ve := p+1, p+1+q
	ls := lineStartWithin(data, at, 400)
	e := bytes.LastIndex(data[ls:at], []byte("env:"))
	if e < 0 {
		return
	}
	e += ls
	name := data[e+4 : at]
	if pw, s := held16Kind(name); pw || s {
		d.keyed(sc, name, vs, ve)
		return
	}
	i := e - 1
	for i > ls && (data[i] == ' ' || data[i] == '\t') {
		i--
	}
	if i > ls && data[i] == '=' {
		d.keyed(sc, held16Ident(data, skipBack(data, i, ls)), vs, ve)
	}
}

// skipBack is the position after the last non-blank before i (not before ls).
func skipBack(data []byte, i, ls int) int {
	for i > ls && (data[i-1] == ' ' || data[i-1] == '\t') {
		i--
	}
	return i
}

// tinkKey reads the "value" of a Tink keyset's keyData: the typeUrl names a Tink
// key type; a public key's type ("…PublicKey") or keyMaterialType ASYMMETRIC_PUBLIC
// holds no secret.
func (d *held16Det) tinkKey(sc *scanner, at, p int) {
	data := sc.data
	te := p
	for te < len(data) && te-p < 80 && (is(data[te], cWord) || data[te] == '.') {
		te++
	}
	if bytes.Contains(data[p:te], []byte("PublicKey")) {
		return
	}
	lo, hi := max(0, at-400), min(len(data), at+600)
	w := data[lo:hi]
	if s := bytes.LastIndexByte(data[lo:at], '{'); s >= 0 {
		w = data[lo+s : hi]
		lo += s
	}
	if c := bytes.IndexByte(w, '}'); c >= 0 {
		w = w[:c]
	}
	if bytes.Contains(w, []byte("ASYMMETRIC_PUBLIC")) {
		return
	}
	vs, ve, ok := jsonStringMember(data, lo, w, `"value"`, lo+len(w)+4096)
	if !ok {
		return
	}
	if v := data[vs:ve]; len(v) >= 24 && b64Body(v) {
		sc.emit(d.secret, vs, ve, string(v))
	}
}

// cdkPlain reads SecretValue.unsafePlainText("…"): a password when the call stands
// in a password's place (fromPassword, a password property), else a secret.
func (d *held16Det) cdkPlain(sc *scanner, at, p int) {
	data := sc.data
	end := lineEnd(data, p, 512)
	if p >= end || data[p] != '"' && data[p] != '\'' && data[p] != '`' {
		return
	}
	q := bytes.IndexByte(data[p+1:end], data[p])
	if q < 0 {
		return
	}
	vs, ve := p+1, p+1+q
	ls := lineStartWithin(data, at, 400)
	if indexFold(data[ls:at], "password") >= 0 {
		d.pw(sc, vs, ve)
		return
	}
	d.sec(sc, vs, ve)
}

// vrrpPass reads keepalived's "auth_pass VALUE" in an authentication block (an
// "auth_type" line just before or after).
func (d *held16Det) vrrpPass(sc *scanner, at, p int) {
	data := sc.data
	if !atLineStart(data, at) {
		return
	}
	if bytes.Index(window(data, at, at, 200, 200), []byte("auth_type")) < 0 {
		return
	}
	end := lineEnd(data, p, 256)
	vs, ve, ok := held16Quoted(data, skipSpaces(data, p), end)
	if !ok || ve-vs < 4 {
		return
	}
	d.pw(sc, vs, ve)
}

// redisPass reads redis-server's --requirepass/--masterauth argument.
func (d *held16Det) redisPass(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 512)
	if indexFold(data[ls:at], "redis") < 0 {
		return
	}
	end := lineEnd(data, p, 512)
	if vs, ve, ok := held16Quoted(data, p, end); ok {
		d.pw(sc, vs, ve)
	}
}

// travisSlack reads Travis CI's "slack: ACCOUNT:TOKEN[#CHANNEL]" under notifications.
func (d *held16Det) travisSlack(sc *scanner, at, p int) {
	data := sc.data
	lo := max(0, at-400)
	if bytes.Index(data[lo:at], []byte("notifications:")) < 0 {
		return
	}
	end := lineEnd(data, p, 256)
	vs, ve, ok := held16Quoted(data, p, end)
	if !ok {
		return
	}
	if ve-vs >= 2 && data[vs] == '\'' && data[ve-1] == '\'' {
		vs, ve = vs+1, ve-1
	}
	v := data[vs:ve]
	c := bytes.IndexByte(v, ':')
	if c <= 0 {
		return
	}
	ts := vs + c + 1
	te := ts
	for te < ve && (is(data[te], cWord)) {
		te++
	}
	if te-ts >= 16 && (te == ve || data[te] == '#') {
		if t := data[ts:te]; valueShape(t, false) {
			sc.emit(d.secret, ts, te, string(t))
		}
	}
}

// jsonStringMember finds the member name (quoted) in w, which starts at data[from:],
// and reads its string value (no escapes, on one line, ending before lim): the
// value's bounds in data.
func jsonStringMember(data []byte, from int, w []byte, name string, lim int) (int, int, bool) {
	i := bytes.Index(w, []byte(name))
	if i < 0 {
		return 0, 0, false
	}
	r := skipSpaces(data, from+i+len(name))
	if r >= len(data) || data[r] != ':' {
		return 0, 0, false
	}
	r = skipSpaces(data, r+1)
	if r >= len(data) || data[r] != '"' {
		return 0, 0, false
	}
	lim = min(lim, len(data))
	vs := r + 1
	ve := vs
	for ve < lim && data[ve] != '"' && data[ve] != '\\' && data[ve] != '\n' {
		ve++
	}
	if ve >= lim || data[ve] != '"' {
		return 0, 0, false
	}
	return vs, ve, true
}
