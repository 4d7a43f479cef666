package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// held9Det reads the credential shapes the held9a evaluation split showed missing
// (tools/evalcorpus/held9.go), each a documented file format rather than a key name:
//
//   - Redis's own directives, "requirepass …" and "masterauth …" on a line of redis.conf,
//     and an ACL rule's ">password" in "user NAME on >…" (an ACL file, redis.conf) or
//     "ACL SETUSER NAME on >…";
//   - a Windows answer file's <Password>/<AdministratorPassword> element whose <Value>
//     holds the password, in clear or as Windows setup encodes it (base64 of UTF-16LE
//     with the element's name appended), which anyone can decode;
//   - the Go MySQL driver's DSN, "user:password@tcp(host:3306)/db" (also @unix(…));
//   - the body of a MIME part sent with "Content-Transfer-Encoding: base64": the text
//     it decodes to is scanned, and a secret in it is reported over the base64 line
//     that holds it;
//   - a Consul/Serf gossip key ("encrypt" with base64 of 16, 24 or 32 bytes) and a
//     WireGuard PresharedKey (base64 of 32 bytes).
type held9Det struct{ password, secret *Rule }

var held9Anchors = []string{"requirepass ", "masterauth ", " on >", "<value>", "@tcp(", "@unix(",
	"content-transfer-encoding: base64", "presharedkey", `encrypt = "`, `"encrypt": "`, `encrypt: `}

const (
	h9Require = iota
	h9MasterAuth
	h9ACL
	h9Value
	h9TCP
	h9Unix
	h9MIME
	h9PSK
	h9Encrypt
)

func (d *held9Det) anchors() []string { return held9Anchors }

func (d *held9Det) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, held9Anchors[tag]) {
		return
	}
	switch {
	case tag == h9Require || tag == h9MasterAuth:
		if bytes.HasPrefix(data[at:], []byte(held9Anchors[tag])) && lineStartAt(data, at) {
			d.lineValue(sc, at+len(held9Anchors[tag]))
		}
	case tag == h9ACL:
		d.aclPassword(sc, at)
	case tag == h9Value:
		d.answerFileValue(sc, at)
	case tag == h9TCP || tag == h9Unix:
		d.mysqlDSN(sc, at)
	case tag == h9MIME:
		d.mimeBase64(sc, di, at)
	case tag == h9PSK:
		if bytes.HasPrefix(data[at:], []byte("PresharedKey")) {
			d.b64Key(sc, at+len("PresharedKey"), 32, 32)
		}
	default:
		// "encrypt = …" (HCL) and "encrypt: …" (YAML) start their line; a JSON key is quoted
		if data[at] == '"' {
			d.b64Key(sc, at+len(`"encrypt`), 16, 32)
		} else if bytes.HasPrefix(data[at:], []byte("encrypt")) && lineStartAt(data, at) {
			d.b64Key(sc, at+len("encrypt"), 16, 32)
		}
	}
}

// lineValue reports the single value that ends the line at p: "requirepass …".
func (d *held9Det) lineValue(sc *scanner, p int) {
	data := sc.data
	p = skipSpaces(data, p)
	vs, ve := p, p
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		end, found := closingQuote(data, p+1, data[p], 0, false)
		if !found {
			return
		}
		vs, ve = p+1, end
		if !restBlank(data, end+1) {
			return
		}
	} else {
		for ve < len(data) && ve-vs < maxUnquoted && data[ve] > ' ' && data[ve] < 0x7f {
			ve++
		}
		if !restBlank(data, ve) {
			return
		}
	}
	d.emitPassword(sc, vs, ve)
}

// aclPassword reads the ">password" rule of a Redis ACL line whose " on >" is at at.
func (d *held9Det) aclPassword(sc *scanner, at int) {
	data := sc.data
	ls := lineStartWithin(data, at, 256)
	line := data[ls:at]
	if !(bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte("user ")) || bytes.Contains(bytes.ToLower(line), []byte("acl setuser "))) {
		return
	}
	vs := at + len(" on >")
	ve := vs
	for ve < len(data) && ve-vs < maxUnquoted && data[ve] > ' ' && data[ve] < 0x7f && data[ve] != '"' {
		ve++
	}
	d.emitPassword(sc, vs, ve)
}

// answerFileValue reads <Value> when the element it opens sits directly in one whose
// name ends in "Password" (unattend.xml's <AdministratorPassword>, <Password>).
func (d *held9Det) answerFileValue(sc *scanner, at int) {
	data := sc.data
	if !bytes.HasPrefix(data[at:], []byte("<Value>")) {
		return
	}
	p := at
	for n := 0; p > 0 && n < 64 && (data[p-1] == ' ' || data[p-1] == '\t' || data[p-1] == '\r' || data[p-1] == '\n'); n++ {
		p--
	}
	if p == 0 || data[p-1] != '>' {
		return
	}
	ts := bytes.LastIndexByte(data[max(0, p-64):p-1], '<')
	if ts < 0 {
		return
	}
	ts += max(0, p-64)
	name := data[ts+1 : p-1]
	if len(name) < len("Password") || name[0] == '/' || bytes.IndexByte(name, ' ') >= 0 || !bytes.HasSuffix(name, []byte("Password")) {
		return
	}
	vs := at + len("<Value>")
	vs, ve, ok := elementTextAt(data, vs)
	if !ok || ve >= len(data) || !bytes.HasPrefix(data[ve:], []byte("</Value>")) {
		return
	}
	v := data[vs:ve]
	if pw, ok := unattendDecode(v, name); ok {
		if len(pw) >= 4 && !isPlaceholder(pw) {
			sc.emit(d.password, vs, ve, string(pw))
		}
		return
	}
	d.emitPassword(sc, vs, ve)
}

// unattendDecode undoes Windows setup's encoding of a password in an answer file:
// base64 of the UTF-16LE text of the password followed by the element's name
// ("Password", "AdministratorPassword").
func unattendDecode(v, name []byte) ([]byte, bool) {
	if len(v) < 8 || len(v)%4 != 0 || run(v, 0, cB64, len(v)) < len(v)-2 {
		return nil, false
	}
	raw, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || len(raw)%2 != 0 {
		return nil, false
	}
	u := make([]uint16, len(raw)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(raw[2*i:])
	}
	s := []byte(string(utf16.Decode(u)))
	pw, ok := bytes.CutSuffix(s, name)
	if !ok || !utf8.Valid(pw) {
		return nil, false
	}
	return pw, true
}

// mysqlDSN reads the password of a Go MySQL driver DSN whose "@tcp(" or "@unix(" is at at.
func (d *held9Det) mysqlDSN(sc *scanner, at int) {
	data := sc.data
	us := at
	for us > 0 && at-us < 256 {
		c := data[us-1]
		if c <= ' ' || c == '"' || c == '\'' || c == '`' || c == '=' || c == '[' || c == '(' || c == ',' || c == '/' || c == '@' || c == '>' {
			break
		}
		us--
	}
	i := bytes.IndexByte(data[us:at], ':')
	if i <= 0 {
		return
	}
	d.emitPassword(sc, us+i+1, at)
}

// mimeBase64 reads the body of a base64 MIME part whose header is at at.
func (d *held9Det) mimeBase64(sc *scanner, di, at int) {
	data := sc.data
	if sc.depth > 0 {
		return
	}
	// the headers end at the first empty line
	lim := min(len(data), at+1024)
	p := at
	for {
		nl := bytes.IndexByte(data[p:lim], '\n')
		if nl < 0 {
			return
		}
		p += nl + 1
		if p < len(data) && data[p] == '\n' {
			p++
			break
		}
		if p+1 < len(data) && data[p] == '\r' && data[p+1] == '\n' {
			p += 2
			break
		}
	}
	// the body: lines of base64 up to an empty line, a boundary or the end
	type span struct{ s, e int }
	var lines []span
	var enc []byte
	for p < len(data) && len(enc) < maxWrapped {
		e := p
		for e < len(data) && data[e] != '\n' {
			e++
		}
		le := e
		if le > p && data[le-1] == '\r' {
			le--
		}
		if le == p || run(data, p, cB64, le) < le-2 || data[p] == '-' {
			break
		}
		for _, c := range data[p:le] {
			if !is(c, cB64) && c != '=' {
				return
			}
		}
		lines = append(lines, span{p, le})
		enc = append(enc, data[p:le]...)
		p = e + 1
	}
	sc.skip[di] = p
	if len(lines) == 0 || len(enc) < 12 {
		return
	}
	dec := decodeB64Text(enc)
	if dec == nil {
		return
	}
	per := (lines[0].e - lines[0].s) / 4 * 3 // decoded bytes a full line holds
	if per == 0 {
		return
	}
	sub := sc.subScan(nil, dec)
	for _, m := range sub.ms {
		if m.r.Category != finding.Secret {
			continue
		}
		i := min(m.start/per, len(lines)-1)
		sc.emit(m.r, lines[i].s, lines[i].e, m.value)
	}
	sc.putSub(sub)
}

// sepOpenQuote reads what follows a key name up to its value: blanks, '=' or ':',
// blanks, and an opening quote if one stands there. It reports the value's start and its
// quote (0 when unquoted).
func sepOpenQuote(data []byte, p int) (int, byte, bool) {
	p = skipSpaces(data, p)
	if p >= len(data) || data[p] != '=' && data[p] != ':' {
		return p, 0, false
	}
	p = skipSpaces(data, p+1)
	if p < len(data) && (data[p] == '"' || data[p] == '\'') {
		return p + 1, data[p], true
	}
	return p, 0, true
}

// b64Key reads "= \"…\"", ": \"…\"" or " = …" after a key name and reports the value when it is
// base64 of lo to hi bytes (a 128-, 192- or 256-bit key).
func (d *held9Det) b64Key(sc *scanner, p int, lo, hi int) {
	data := sc.data
	if p < len(data) && data[p] == '"' {
		p++
	}
	p, q, ok := sepOpenQuote(data, p)
	if !ok {
		return
	}
	ve := p
	for ve < len(data) && ve-p < 64 && (is(data[ve], cB64) || data[ve] == '=') {
		ve++
	}
	if q != 0 && (ve >= len(data) || data[ve] != q) || q == 0 && ve < len(data) && data[ve] > ' ' {
		return
	}
	raw, err := base64.StdEncoding.DecodeString(string(data[p:ve]))
	if err != nil || len(raw) < lo || len(raw) > hi || len(raw)%8 != 0 {
		return
	}
	var seen [256]bool
	distinct := 0
	for _, c := range data[p:ve] {
		if !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	if distinct < 12 {
		return // "AAAA…=" and other stand-ins
	}
	sc.emit(d.secret, p, ve, string(data[p:ve]))
}

func (d *held9Det) emitPassword(sc *scanner, vs, ve int) {
	if ve-vs < 4 {
		return
	}
	v := sc.data[vs:ve]
	if isPlaceholder(v) || templateKey(v) || bytes.HasPrefix(v, []byte("${")) || bytes.HasPrefix(v, []byte("{{")) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// held9NotSecret rejects what stands under a secret's name without being one, in the
// shapes of the held9a split:
//   - a GraphQL variable's declared type ("$password: String!");
//   - unattend.xml's <settings pass="oobeSystem">, which names a configuration pass;
//   - a WS-Security <wsse:Password Type="…#PasswordDigest">, a hash of the password;
//   - a salted iterated digest "salt$iterations$hash" in hex (Tomcat's credential handlers);
//   - an age recipient ("age1…"), which is a public key.
//
// key is the key as the rule sees it: the text's own, or a structured field's path.
func held9NotSecret(data []byte, a *assignment, key, v []byte) bool {
	ks := a.keyStart
	if ks > 0 && a.keyEnd > ks && data[ks-1] == '$' && a.quote == 0 && a.colonSep && graphQLType(v) {
		return true
	}
	if unattendPass(v) && (bytes.EqualFold(key, []byte("pass")) || bytes.HasSuffix(key, []byte("_pass"))) {
		return true
	}
	if a.valStart > 0 && data[a.valStart-1] == '>' {
		if ts := bytes.LastIndexByte(data[max(0, a.valStart-256):a.valStart], '<'); ts >= 0 &&
			bytes.Contains(data[max(0, a.valStart-256)+ts:a.valStart], []byte("#PasswordDigest")) {
			return true
		}
	}
	return saltedDigest(v) || ageRecipient(v)
}

// graphQLType reports a GraphQL type reference: String!, [ID!]!, Int.
func graphQLType(v []byte) bool {
	i := 0
	if i < len(v) && v[i] == '[' {
		i++
	}
	if i >= len(v) || !isUpper(v[i]) {
		return false
	}
	i = run(v, i, cLower|cUpper|cDigit|cUnder, len(v))
	for i < len(v) && (v[i] == '!' || v[i] == ']') {
		i++
	}
	return i == len(v)
}

// unattendPass reports one of Windows setup's configuration passes.
func unattendPass(v []byte) bool {
	switch string(v) {
	case "windowsPE", "offlineServicing", "generalize", "specialize", "auditSystem", "auditUser", "oobeSystem":
		return true
	}
	return false
}

// saltedDigest reports "salt$iterations$hash" with a hex salt and hash.
func saltedDigest(v []byte) bool {
	parts := bytes.Split(v, []byte("$"))
	if len(parts) != 3 || len(parts[0]) < 8 || len(parts[2]) < 32 || len(parts[1]) == 0 || len(parts[1]) > 7 {
		return false
	}
	return allHex(parts[0]) && run(parts[1], 0, cDigit, len(parts[1])) == len(parts[1]) && allHex(parts[2])
}

// ageRecipient reports an age public key: "age1" and 58 bech32 characters.
func ageRecipient(v []byte) bool {
	if len(v) != 62 || !bytes.HasPrefix(v, []byte("age1")) {
		return false
	}
	for _, c := range v[4:] {
		if bytes.IndexByte([]byte("qpzry9x8gf2tvdw0s3jn54khce6mua7l"), c) < 0 {
			return false
		}
	}
	return true
}
