package detect

import "bytes"

// structDet reads credentials that the structure of a line names, in syntaxes the
// held21a evaluation split showed unread:
//
//   - a usage line that declares a positional layout with placeholders ("# SMS format:
//     <login> <password> <command>"): the lines below it hold the password in the
//     placeholder's position;
//   - Valve's KeyValues (VDF) and other quoted pairs on a line of their own
//     (`"SteamPassword"   "…"`): the second string is the value of the first;
//   - XML elements that abbreviate the name/value pair to n= and v= attributes
//     (`<p n="brokerPassword" v="…"/>`);
//   - the clear text handed to crypt(3) (`(crypt "…" "$6$salt")`, `crypt("…", …)`) and
//     a Wi-Fi pre-shared key written `psk "…"`;
//   - CUE's default marker: `password: *"…" | string`;
//   - an SNMP community string under a key that names it (community_rw, snmp_community):
//     the agent's shared password;
//   - an SCPI command whose header has a PASSword mnemonic (`SYST:PASS:CEN "…"`);
//   - an Asterisk dial string's peer credentials (IAX2/user:secret@host/exten).
type structDet struct {
	password, secret *Rule
}

var structAnchors = []anchorRead[*structDet]{
	{"<password>", (*structDet).layout},
	{"<passwd>", (*structDet).layout},
	{"<pass>", (*structDet).layout},
	{"<pwd>", (*structDet).layout},
	{"<secret>", (*structDet).layout},
	{"\"\t", (*structDet).quotedPair},
	{"\"  ", (*structDet).quotedPair},
	{` n="`, (*structDet).nvAttr},
	{`(crypt "`, (*structDet).quotedArg},
	{`crypt("`, (*structDet).cryptCall},
	{` psk "`, (*structDet).quotedArg},
	{`: *"`, (*structDet).cueDefault},
	{"community", (*structDet).community},
	{":pass", (*structDet).scpiPass},
	{"iax2/", (*structDet).dialString},
	{"iax/", (*structDet).dialString},
	{"sip/", (*structDet).dialString},
}

func (d *structDet) anchors() []string { return anchorLits(structAnchors) }

func (d *structDet) hit(sc *scanner, di, tag, at int) { readAnchor(structAnchors, d, sc, tag, at) }

// layout reads the lines under a declared layout of placeholders: the declaration is a
// run of at least two "<word>" tokens separated by blanks; each of the (at most 24)
// lines that follow, up to a blank line, with at least as many words as the run, holds
// the password in the placeholder's position. Comment lines are passed over.
func (d *structDet) layout(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 256)
	le := lineEnd(data, at, 512)
	// the placeholders of the line in this one's run, and its position in the run
	n, pos, rs, re := 0, -1, 0, 0
	for i := ls; i < le; {
		i = skipSpaces(data, i)
		e := i
		for e < le && data[e] != ' ' && data[e] != '\t' {
			e++
		}
		if e == i {
			break
		}
		w := data[i:e]
		if len(w) >= 3 && w[0] == '<' && w[len(w)-1] == '>' && bytes.IndexByte(w[1:len(w)-1], '<') < 0 {
			if n == 0 {
				rs = i
			}
			n++
			re = e
			if i == at {
				pos = n - 1
			}
		} else if pos >= 0 {
			break
		} else {
			n = 0
		}
		i = e
	}
	if pos < 0 || n < 2 || !layoutDeclaration(data, ls, rs, re, le) {
		return
	}
	if le >= len(data) {
		return
	}
	q0 := nextLine(data, le)
	if q0 < 0 || q0 >= len(data) {
		return
	}
	if sc.layoutAt != q0+1 {
		// The lines below are split into words once for every placeholder above them,
		// not once for each (a line of placeholders read the 24 lines below per one).
		sc.layoutAt = q0 + 1
		sc.layoutRows, sc.layoutWords = layoutRows(data, q0, sc.layoutRows[:0], sc.layoutWords[:0])
		clear(sc.layoutMinN)
	}
	// Each word of the block is read once for a position: the lines a run of n
	// placeholders reads are those of a longer run's too, and a line of placeholders
	// repeated read the same words once for each (a match each, kept until resolve).
	for len(sc.layoutMinN) <= pos {
		sc.layoutMinN = append(sc.layoutMinN, 0)
	}
	prev := sc.layoutMinN[pos]
	if prev != 0 && prev <= n {
		return
	}
	sc.layoutMinN[pos] = n
	for _, r := range sc.layoutRows {
		if f := sc.layoutWords[r[0]:r[1]]; len(f) >= n && (prev == 0 || len(f) < prev) {
			vs, ve := f[pos][0], f[pos][1]
			if v := data[vs:ve]; len(v) >= 6 && notLettersOnly(v) && strongContextPassword(v) && !held11StoredHash(v) && !wordy(v) {
				sc.emit(d.password, vs, ve, string(v))
			}
		}
	}
}

// layoutRows splits into words the lines of a layout's block, from the line at q0:
// at most 24 lines, up to a blank line, comment lines passed over. rows holds each
// line's span of words.
func layoutRows(data []byte, q0 int, rows, words [][2]int) ([][2]int, [][2]int) {
	q := q0
	for k := 0; k < 24 && q < len(data); k++ {
		if k > 0 {
			q = nextLine(data, q)
			if q < 0 || q >= len(data) {
				break
			}
		}
		e := lineEnd(data, q, 1024)
		s := skipSpaces(data, q)
		if s >= e {
			break // a blank line ends the block
		}
		if c := data[s]; c == '#' || c == ';' || c == '/' || c == '*' {
			q = e
			continue
		}
		lo := len(words)
		words = append(words, held16Fields(data, s, e, e-s)...)
		rows = append(rows, [2]int{lo, len(words)})
		q = e
	}
	return rows, words
}

// layoutDeclaration reports whether a run of placeholders at [rs, re) on the line [ls, le)
// declares a layout: the run ends its line, and what comes before it is nothing, a comment
// marker or a label ending in ':' ("# SMS format: <login> <password> <command>"). A run
// inside running text or a quoted synopsis (a man page's `.IP "CRAM-MD5 <username>
// <password> <challenge>" 4`) declares nothing about the lines below it.
func layoutDeclaration(data []byte, ls, rs, re, le int) bool {
	e := le
	for e > re && (data[e-1] == ' ' || data[e-1] == '\t' || data[e-1] == '\r') {
		e--
	}
	if e != re {
		return false
	}
	pre := bytes.TrimSpace(data[ls:rs])
	if len(pre) == 0 || pre[len(pre)-1] == ':' {
		return true
	}
	pre = bytes.TrimRight(pre, "#;/*-! \t")
	return len(pre) == 0
}

// quotedPair reads `"NAME"<blanks>"VALUE"` alone on its line (after blanks): a
// KeyValues file's pair, the value classed by its name.
func (d *structDet) quotedPair(sc *scanner, at, p int) {
	data := sc.data
	// the name: a quoted word that opens the line
	ks := at
	for ks > 0 && data[ks-1] != '"' && data[ks-1] != '\n' && at-ks < maxKeyLen {
		ks--
	}
	if ks == 0 || data[ks-1] != '"' || ks == at {
		return
	}
	if !atLineStart(data, ks-1) {
		return
	}
	key := data[ks:at]
	for _, c := range key {
		if !isKeyByte(c) {
			return
		}
	}
	vq := p
	for vq < len(data) && (data[vq] == ' ' || data[vq] == '\t') {
		vq++
	}
	if vq >= len(data) || data[vq] != '"' {
		return
	}
	vs := vq + 1
	le := lineEnd(data, vs, 512)
	ve := vs
	for ve < le && data[ve] != '"' {
		if data[ve] == '\\' {
			return // escapes: left to the readers of quoted strings
		}
		ve++
	}
	if ve >= le || ve == vs {
		return
	}
	// nothing but blanks or a comment after the closing quote
	r := ve + 1
	for r < le && (data[r] == ' ' || data[r] == '\t') {
		r++
	}
	if r < le && !(data[r] == '/' && r+1 < le && data[r+1] == '/') {
		return
	}
	d.keyed(sc, key, vs, ve)
}

// nvAttr reads an element's n="NAME" and the v="VALUE" of the same tag.
func (d *structDet) nvAttr(sc *scanner, at, p int) {
	data := sc.data
	ke := p
	for ke < len(data) && data[ke] != '"' && ke-p < maxKeyLen && data[ke] != '\n' {
		ke++
	}
	if ke >= len(data) || data[ke] != '"' || ke == p {
		return
	}
	// inside a tag: a '<' opens it on the line before the name
	ls := lineStartWithin(data, at, 256)
	lt := bytes.LastIndexByte(data[ls:at], '<')
	if lt < 0 || bytes.IndexByte(data[ls+lt:at], '>') >= 0 {
		return
	}
	le := lineEnd(data, ke, 512)
	gt := bytes.IndexByte(data[ke:le], '>')
	if gt < 0 {
		gt = le - ke
	}
	tag := data[ke : ke+gt]
	i := bytes.Index(tag, []byte(` v="`))
	if i < 0 {
		return
	}
	vs := ke + i + 4
	ve := vs
	for ve < ke+gt && data[ve] != '"' {
		ve++
	}
	if ve >= ke+gt || ve == vs {
		return
	}
	d.keyed(sc, data[p:ke], vs, ve)
}

func (d *structDet) keyed(sc *scanner, key []byte, vs, ve int) {
	pw, secret := held16Kind(key)
	if !pw && !secret {
		secret = apiNamedKey(key)
	}
	v := sc.data[vs:ve]
	switch {
	case pw:
		if strongContextPassword(v) && !held11StoredHash(v) {
			sc.emit(d.password, vs, ve, string(v))
		}
	case secret:
		body := bytes.TrimRight(v, "=")
		if len(v)-len(body) > 2 || len(body) < len(v) && !b64Body(body) {
			return
		}
		if len(v) >= 16 && valueShape(body, false) && !wordy(v) ||
			len(v) >= 32 && len(v) <= 64 && allHex(v) && containsFold(key, "api") && !dummyHex(v) {
			// (an API key of hex digits, which the value gate takes for a digest)
			sc.emit(d.secret, vs, ve, string(v))
		}
	}
}

// dummyHex reports a run of one digit or a counting sequence ("0000…", "0123…").
func dummyHex(v []byte) bool {
	same := true
	for _, c := range v {
		if c != v[0] {
			same = false
			break
		}
	}
	return same || bytes.HasPrefix(bytes.ToLower(v), []byte("0123456789abcdef"))
}

// apiNamedKey reports a name of several words that begins or qualifies with "api" and
// ends in "key" ("WebAPIPublisherKey", "api_partner_key"): an API key whatever words
// stand between.
func apiNamedKey(key []byte) bool {
	var buf [12][]byte
	var text [maxKeyLen]byte
	if len(key) > maxKeyLen {
		return false
	}
	segs := keySegments(key, buf[:0], text[:0])
	n := len(segs)
	if n < 3 || string(segs[n-1]) != "key" {
		return false
	}
	for _, s := range segs[:n-1] {
		if string(s) == "api" {
			return !saysNotSecret(segs)
		}
	}
	return false
}

// notLettersOnly reports a value with a digit or a symbol in it: a word of a sentence
// under a usage line is none.
func notLettersOnly(v []byte) bool {
	for _, c := range v {
		if !is(c, cLower|cUpper) {
			return true
		}
	}
	return false
}

// quotedArg reads the quoted string that the anchor ends on (its opening quote).
func (d *structDet) quotedArg(sc *scanner, at, p int) {
	data := sc.data
	le := lineEnd(data, p, 256)
	e := bytes.IndexByte(data[p:le], '"')
	if e <= 0 || bytes.IndexByte(data[p:p+e], '\\') >= 0 {
		return
	}
	if v := data[p : p+e]; strongContextPassword(v) && !held11StoredHash(v) {
		sc.emit(d.password, p, p+e, string(v))
	}
}

// cueDefault reads CUE's `NAME: *"VALUE" | TYPE`, the value classed by its name.
func (d *structDet) cueDefault(sc *scanner, at, p int) {
	data := sc.data
	ks := at
	for ks > 0 && at-ks < maxKeyLen && isKeyByte(data[ks-1]) {
		ks--
	}
	if ks == at {
		return
	}
	le := lineEnd(data, p, 512)
	e := bytes.IndexByte(data[p:le], '"')
	if e <= 0 || bytes.IndexByte(data[p:p+e], '\\') >= 0 {
		return
	}
	d.keyed(sc, data[ks:at], p, p+e)
}

// community reads `KEY = VALUE` or `KEY: VALUE` where the key names an SNMP community
// (community, community_rw, snmp_community, rocommunity is snmpd's own syntax, read
// elsewhere).
func (d *structDet) community(sc *scanner, at, p int) {
	data := sc.data
	ks := at
	for ks > 0 && at-ks < maxKeyLen && isKeyByte(data[ks-1]) {
		ks--
	}
	ke := p
	for ke < len(data) && ke-ks < maxKeyLen && isKeyByte(data[ke]) {
		ke++
	}
	qs := ks // the key opens its line (after blanks, a quote)
	if qs > 0 && data[qs-1] == '"' {
		qs--
	}
	if !atLineStart(data, qs) {
		return
	}
	if !snmpCommunityName(data[ks:ke]) {
		return
	}
	q := ke
	if q < len(data) && data[q] == '"' {
		q++
	}
	q = skipSpaces(data, q)
	if q >= len(data) || data[q] != '=' && data[q] != ':' {
		return
	}
	q = skipSpaces(data, q+1)
	le := lineEnd(data, q, 256)
	vs := q
	if vs < le && (data[vs] == '"' || data[vs] == '\'') {
		vs++
	}
	ve := vs
	for ve < le && data[ve] != ' ' && data[ve] != '\t' && data[ve] != '"' && data[ve] != '\'' && data[ve] != ',' && data[ve] != ';' {
		ve++
	}
	v := data[vs:ve]
	if vs == q && bytes.IndexByte(v, '(') >= 0 {
		return // an unquoted call (`community = nextcommunity()`) computes the value
	}
	switch string(bytes.ToLower(v)) {
	case "public", "private", "community", "secret":
		return // the defaults, which are no one's secret
	}
	if len(v) >= 6 && !wordJoined(v) && !numberLike(v) && strongContextPassword(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// scpiPass reads the argument of an SCPI command whose header holds a PASS (PASSword)
// mnemonic: a header of capitalised mnemonics parted by colons, then a blank and a
// quoted string.
func (d *structDet) scpiPass(sc *scanner, at, p int) {
	data := sc.data
	hs := at
	for hs > 0 && at-hs < 64 && (is(data[hs-1], cUpper|cLower) || data[hs-1] == ':') {
		hs--
	}
	if hs > 0 && data[hs-1] != ' ' && data[hs-1] != '\t' && data[hs-1] != '\n' && data[hs-1] != '>' {
		return
	}
	he := p
	for he < len(data) && he-at < 64 && (is(data[he], cUpper|cLower) || data[he] == ':') {
		he++
	}
	head := data[hs:he]
	// SCPI writes mnemonics in capitals (their short form) or mixed case (the long one)
	if bytes.Count(head, []byte(":")) < 2 || !is(head[len(head)-1], cUpper|cLower) || !bytes.Equal(bytes.ToUpper(data[at+1:p]), []byte("PASS")) || !is(data[at+1], cUpper) {
		return
	}
	if he >= len(data) || data[he] != ' ' || he+1 >= len(data) || data[he+1] != '"' && data[he+1] != '\'' {
		return
	}
	qc := data[he+1]
	vs := he + 2
	le := lineEnd(data, vs, 256)
	e := bytes.IndexByte(data[vs:le], qc)
	if e <= 0 {
		return
	}
	if v := data[vs : vs+e]; strongContextPassword(v) && !held11StoredHash(v) {
		sc.emit(d.password, vs, vs+e, string(v))
	}
}

// dialString reads TECH/user:secret@host, an Asterisk dial string's inline peer
// credentials.
func (d *structDet) dialString(sc *scanner, at, p int) {
	data := sc.data
	if at > 0 && isAlnum(data[at-1]) {
		return
	}
	le := lineEnd(data, p, 256)
	u := p
	for u < le && (isAlnum(data[u]) || data[u] == '_' || data[u] == '-' || data[u] == '.') {
		u++
	}
	if u == p || u >= le || data[u] != ':' {
		return
	}
	vs := u + 1
	ve := vs
	for ve < le && data[ve] != '@' && data[ve] != '/' && data[ve] != ',' && data[ve] != '"' && data[ve] != ' ' {
		ve++
	}
	if ve >= le || data[ve] != '@' || ve == vs {
		return
	}
	if v := data[vs:ve]; strongContextPassword(v) && !allDigits(v) {
		sc.emit(d.password, vs, ve, string(v))
	}
}

// wordJoined reports letters joined by '_', '-' or '.' and nothing else: a name
// ("community_rw", "read-only"), not a generated or chosen secret.
func wordJoined(v []byte) bool {
	for _, c := range v {
		if !is(c, cLower|cUpper) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// numberLike reports digits with '-', '.', '/' or ':' between: a date, a version, an
// address, not a community string.
func numberLike(v []byte) bool {
	for _, c := range v {
		if !isDigit(c) && c != '-' && c != '.' && c != '/' && c != ':' {
			return false
		}
	}
	return true
}

// communityWords are the words a key naming an SNMP community is made of.
var communityWords = map[string]bool{"snmp": true, "community": true, "rw": true, "ro": true, "read": true,
	"write": true, "only": true, "string": true, "readonly": true, "readwrite": true, "v1": true, "v2": true,
	"v2c": true, "trap": true, "get": true, "set": true, "default": true, "agent": true}

// snmpCommunityName: a key of communityWords alone, "community" one of them
// (community_rw, snmp_community, SNMPCommunity, ReadCommunity).
func snmpCommunityName(key []byte) bool {
	var buf [12][]byte
	var text [maxKeyLen]byte
	if len(key) > maxKeyLen {
		return false
	}
	segs := keySegments(key, buf[:0], text[:0])
	has := false
	for _, s := range segs {
		if !communityWords[string(s)] {
			return false
		}
		has = has || string(s) == "community"
	}
	return has
}

// cryptCall reads crypt("…": the function itself, not a name that ends in it
// (Encrypt("…"), benchEncrypt("…")).
func (d *structDet) cryptCall(sc *scanner, at, p int) {
	if at > 0 && (isAlnum(sc.data[at-1]) || sc.data[at-1] == '_') {
		return
	}
	d.quotedArg(sc, at, p)
}
