package detect

import "bytes"

// held21Det reads credentials that the structure of a line names, in syntaxes the
// held21a evaluation split showed unread:
//
//   - a usage line that declares a positional layout with placeholders ("# SMS format:
//     <login> <password> <command>"): the lines below it hold the password in the
//     placeholder's position;
//   - Valve's KeyValues (VDF) and other quoted pairs on a line of their own
//     (`"SteamPassword"   "…"`): the second string is the value of the first;
//   - XML elements that abbreviate the name/value pair to n= and v= attributes
//     (`<p n="brokerPassword" v="…"/>`).
type held21Det struct {
	password, secret *Rule
}

var held21Anchors = []anchorRead[*held21Det]{
	{"<password>", (*held21Det).layout},
	{"<passwd>", (*held21Det).layout},
	{"<pass>", (*held21Det).layout},
	{"<pwd>", (*held21Det).layout},
	{"<secret>", (*held21Det).layout},
	{"\"\t", (*held21Det).quotedPair},
	{"\"  ", (*held21Det).quotedPair},
	{` n="`, (*held21Det).nvAttr},
}

func (d *held21Det) anchors() []string { return anchorLits(held21Anchors) }

func (d *held21Det) hit(sc *scanner, di, tag, at int) { readAnchor(held21Anchors, d, sc, tag, at) }

// layout reads the lines under a declared layout of placeholders: the declaration is a
// run of at least two "<word>" tokens separated by blanks; each of the (at most 24)
// lines that follow, up to a blank line, with at least as many words as the run, holds
// the password in the placeholder's position. Comment lines are passed over.
func (d *held21Det) layout(sc *scanner, at, p int) {
	data := sc.data
	ls := lineStartWithin(data, at, 256)
	le := lineEnd(data, at, 512)
	// the placeholders of the line, and the position of this one in their run
	var run [][2]int
	pos := -1
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
			run = append(run, [2]int{i, e})
			if i == at {
				pos = len(run) - 1
			}
		} else if pos >= 0 {
			break
		} else {
			run = run[:0]
		}
		i = e
	}
	if pos < 0 || len(run) < 2 {
		return
	}
	n := len(run)
	q := le
	for k := 0; k < 24 && q < len(data); k++ {
		q = nextLine(data, q)
		if q < 0 || q >= len(data) {
			return
		}
		e := lineEnd(data, q, 1024)
		s := skipSpaces(data, q)
		if s >= e {
			return // a blank line ends the block
		}
		if c := data[s]; c == '#' || c == ';' || c == '/' || c == '*' {
			q = e
			continue
		}
		f := held16Fields(data, s, e, n)
		if len(f) >= n {
			vs, ve := f[pos][0], f[pos][1]
			if v := data[vs:ve]; len(v) >= 6 && notLettersOnly(v) && strongContextPassword(v) && !held11StoredHash(v) && !wordy(v) {
				sc.emit(d.password, vs, ve, string(v))
			}
		}
		q = e
	}
}

// quotedPair reads `"NAME"<blanks>"VALUE"` alone on its line (after blanks): a
// KeyValues file's pair, the value classed by its name.
func (d *held21Det) quotedPair(sc *scanner, at, p int) {
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
func (d *held21Det) nvAttr(sc *scanner, at, p int) {
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

func (d *held21Det) keyed(sc *scanner, key []byte, vs, ve int) {
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
