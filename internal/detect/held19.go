package detect

import (
	"bytes"
	"encoding/base64"
)

// held19Det reads classes the held19a evaluation split showed missing, each by the
// documented structure that names the value:
//
//   - Proxmox VE API tokens: the "Authorization: PVEAPIToken=USER@REALM!TOKENID=UUID"
//     header its API documents, and the table `pveum user token add` prints, whose
//     "value" row under a "full-tokenid" row holds the token's secret (a UUID, shown
//     once).
//   - a Proxmox Backup Server encryption key file ({"kdf": …, "data": "<base64>", …}):
//     the "data" member of an object with a "kdf" member is the key itself when no KDF
//     protects it, and the wrapped key otherwise; both are read as the secret.
//   - IATA contact e-mail in a PNR's SSR CTCE element, where "@" is written "//" (and
//     "_" "..", "-" "./") because the element cannot carry those characters.
//   - a card in a GDS form of payment, "FP CC<brand><number>/<expiry>": two letters of
//     the card's brand (VI, CA, AX, …) glued to the number, which still has to pass the
//     Luhn check.
//   - QGIS project variables: a project file keeps them as two parallel string lists,
//     <variableNames> and <variableValues>, one <value> each; the value at the place
//     of a name that is a secret or password word is that secret.
type held19Det struct {
	secret, password, email, card *Rule
}

var held19Anchors = []anchorRead[*held19Det]{
	{"pveapitoken", (*held19Det).pveHeader},
	{"full-tokenid", (*held19Det).pveTable},
	{`"kdf"`, (*held19Det).pbsKeyFile},
	{"ssr ctce", (*held19Det).ctce},
	{"fp cc", (*held19Det).fpCard},
	{"fp pax cc", (*held19Det).fpCard},
	{"<variablevalues", (*held19Det).qgsVariables},
}

func (d *held19Det) anchors() []string { return anchorLits(held19Anchors) }

func (d *held19Det) hit(sc *scanner, di, tag, at int) { readAnchor(held19Anchors, d, sc, tag, at) }

// h19UUIDEnd is the end of a UUID (8-4-4-4-12 hexadecimal) starting at p, or -1.
func h19UUIDEnd(data []byte, p int) int {
	groups := [5]int{8, 4, 4, 4, 12}
	q := p
	for gi, n := range groups {
		for i := 0; i < n; i++ {
			if q >= len(data) || !h19Hex(data[q]) {
				return -1
			}
			q++
		}
		if gi < 4 {
			if q >= len(data) || data[q] != '-' {
				return -1
			}
			q++
		}
	}
	if q < len(data) && (h19Hex(data[q]) || data[q] == '-') {
		return -1
	}
	return q
}

func h19Hex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// pveHeader reads "PVEAPIToken=USER@REALM!TOKENID=UUID" (or with a blank for the
// first "=").
func (d *held19Det) pveHeader(sc *scanner, _, end int) {
	data := sc.data
	if d.secret == nil || end >= len(data) || (data[end] != '=' && data[end] != ' ') {
		return
	}
	le := lineEndWithin(data, end, 300)
	p := end + 1
	at := bytes.IndexByte(data[p:le], '@')
	bang := bytes.IndexByte(data[p:le], '!')
	if at <= 0 || bang <= at {
		return
	}
	q := p + bang + 1
	for q < le && (h19Alnum(data[q]) || data[q] == '-' || data[q] == '_' || data[q] == '.') {
		q++
	}
	if q >= le || (data[q] != '=' && data[q] != ':') || q == p+bang+1 {
		return
	}
	if e := h19UUIDEnd(data, q+1); e > 0 {
		sc.emit(d.secret, q+1, e, string(data[q+1:e]))
	}
}

// pveTable reads the "value" row that follows a "full-tokenid" row in the table
// `pveum user token add` prints (within a few lines: a separator and an "info" row may
// come between).
func (d *held19Det) pveTable(sc *scanner, _, end int) {
	data := sc.data
	if d.secret == nil {
		return
	}
	p := lineEndWithin(data, end, 400)
	for n := 0; n < 6 && p < len(data); n++ {
		ls := p + 1
		le := lineEndWithin(data, ls, 400)
		line := data[ls:le]
		// the row's first cell, after the table's border
		i := 0
		for i < len(line) && !h19Alnum(line[i]) {
			i++
		}
		if bytes.HasPrefix(line[i:], []byte("value")) && i+5 < len(line) && !h19Alnum(line[i+5]) {
			for j := ls + i + 5; j < le; j++ {
				if h19Hex(data[j]) && !h19Alnum(data[j-1]) {
					if e := h19UUIDEnd(data, j); e > 0 {
						sc.emit(d.secret, j, e, string(data[j:e]))
						return
					}
				}
			}
			return
		}
		p = le
	}
}

func h19Alnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// pbsKeyFile reads the "data" member of the object holding a "kdf" member: a Proxmox
// Backup Server key file. The member's value must be standard base64 of at least 32
// bytes.
func (d *held19Det) pbsKeyFile(sc *scanner, at, end int) {
	data := sc.data
	if d.secret == nil {
		return
	}
	// the object around: from its "{" before the anchor to the "}" that closes it
	lo := max(0, at-300)
	ob := bytes.LastIndexByte(data[lo:at], '{')
	if ob < 0 {
		return
	}
	ob += lo
	hi := min(len(data), end+1200)
	cb, depth := -1, 0
	for i := end; i < hi && cb < 0; i++ {
		switch data[i] {
		case '{':
			depth++
		case '}':
			if depth == 0 {
				cb = i
			}
			depth--
		}
	}
	if cb < 0 {
		return
	}
	obj := data[ob:cb]
	k := bytes.Index(obj, []byte(`"data"`))
	if k < 0 {
		return
	}
	p := ob + k + 6
	for p < cb && (data[p] == ' ' || data[p] == ':' || data[p] == '\t' || data[p] == '\n' || data[p] == '\r') {
		p++
	}
	if p >= cb || data[p] != '"' {
		return
	}
	vs := p + 1
	ve := bytes.IndexByte(data[vs:cb], '"')
	if ve < 0 {
		return
	}
	ve += vs
	v := data[vs:ve]
	raw, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || len(raw) < 32 || classCount(v) < 3 {
		return
	}
	sc.emit(d.secret, vs, ve, string(v))
}

// ctce reads the e-mail address of an SSR CTCE element: the first word on its line
// with "//" between a local part and a domain with a dot.
func (d *held19Det) ctce(sc *scanner, _, end int) {
	data := sc.data
	if d.email == nil {
		return
	}
	le := lineEnd(data, end, 300)
	for p := end; p < le; {
		for p < le && (data[p] == ' ' || data[p] == '\t') {
			p++
		}
		q := p
		for q < le && data[q] != ' ' && data[q] != '\t' {
			q++
		}
		if s, e, ok := ctceAddress(data[p:q]); ok {
			sc.emit(d.email, p+s, p+e, string(data[p+s:p+e]))
			return
		}
		p = q
	}
}

// ctceAddress finds LOCAL//DOMAIN in a word of an SSR CTCE element ("HK1/NAME//HOST.COM-1
// SMITH/JOHN", "NAME//HOST.COM/P1"): the span of the address, with the domain ending at
// a "/" not written after a "." (IATA's "./" is a "-") or at a "-".
func ctceAddress(w []byte) (int, int, bool) {
	i := bytes.Index(w, []byte("//"))
	if i <= 0 {
		return 0, 0, false
	}
	s := i
	for s > 0 && (h19Alnum(w[s-1]) || w[s-1] == '.') {
		s--
	}
	if s == i {
		return 0, 0, false
	}
	e := i + 2
	dot := false
	for e < len(w) {
		c := w[e]
		switch {
		case h19Alnum(c):
		case c == '.':
			dot = true
		case c == '/' && w[e-1] == '.':
		default:
			goto done
		}
		e++
	}
done:
	for e > i+2 && (w[e-1] == '.' || w[e-1] == '/') {
		e--
	}
	if !dot || e-i-2 < 4 || bytes.IndexByte(w[i+2:e], '.') < 0 {
		return 0, 0, false
	}
	return s, e, true
}

// fpCard reads the card of a form-of-payment element: two brand letters, then 13 to 19
// digits that pass the Luhn check.
func (d *held19Det) fpCard(sc *scanner, _, end int) {
	data := sc.data
	if d.card == nil || end+2 >= len(data) {
		return
	}
	p := end
	if !(data[p] >= 'A' && data[p] <= 'Z' && data[p+1] >= 'A' && data[p+1] <= 'Z') {
		return
	}
	p += 2
	q := p
	for q < len(data) && data[q] >= '0' && data[q] <= '9' {
		q++
	}
	if q-p < 13 || q-p > 19 || (q < len(data) && h19Alnum(data[q])) || !luhnOK(data[p:q]) || allSame(data[p+1:q-1]) {
		return
	}
	sc.emit(d.card, p, q, string(data[p:q]))
}

// userinfoTail reports an address whose local part is the tail of a URL's password: a
// percent-encoded password decoded ("https://ks:Ab%5BV@host/…" read as
// "https://ks:Ab[V@host/…") holds characters that end inURLAuthority's walk back,
// though nothing between the scheme's "//" and the "@" leaves the authority. The walk
// here stops only at what cannot stand in a URL at all (blanks, quotes, angle brackets)
// and at the query or fragment ("?", "#"), so that an address in a query string stays
// one; it needs a ":" between the "//" and the local part (user:password@).
func userinfoTail(data []byte, ls int) bool {
	colon := false
	for i := ls - 1; i >= 2 && ls-i < 256; i-- {
		switch data[i] {
		case '/':
			return colon && data[i-1] == '/' && data[i-2] == ':'
		case ':':
			colon = true
		case ' ', '\t', '\n', '\r', '"', '\'', '<', '>', '?', '#', '`':
			return false
		}
	}
	return false
}

// beforeNextField reads a phone number that a fixed-width record (a COBOL extract, a
// mainframe report) runs into the next field with a single blank: "+380 63 184 91 65
// 05034876374" is a 17-character number in an 18-character column and an identity
// number after it. The greedy run of phoneDet.hit reads both as one number and rejects
// it; here the run is cut before the first group after a blank that is too long for a
// group of a phone number (6 digits or more) once the digits before it make a whole
// number, and what is left has to pass the checks the whole run failed.
func (d *phoneDet) beforeNextField(sc *scanner, di, at int) {
	data := sc.data
	p := at + 1
	var digits [20]byte
	nd, groups, end := 0, 0, -1
	for p < len(data) && p-at < 40 {
		q := p
		for q < len(data) && isDigit(data[q]) {
			q++
		}
		g := q - p
		if g == 0 {
			return
		}
		if groups > 0 && data[p-1] == ' ' && g >= 6 && nd >= 8 {
			end = p - 1
			break
		}
		if nd+g > len(digits) {
			return
		}
		copy(digits[nd:], data[p:q])
		nd += g
		groups++
		if q+1 >= len(data) || (data[q] != ' ' && data[q] != '-') || !isDigit(data[q+1]) {
			return // the run ended without a field after it: phoneDet.hit has judged it
		}
		p = q + 1
	}
	if end < 0 || groups < 2 || !phoneOK(digits[:nd]) || timestampDigits(digits[:nd]) || dummyDigits(digits[:nd]) {
		return
	}
	sc.emit(d.rule, at, end, string(data[at:end]))
	sc.skip[di] = end
}

// xmlValues is the text of each <value>…</value> element in data[lo:hi], as spans.
func xmlValues(data []byte, lo, hi int) [][2]int {
	var out [][2]int
	for p := lo; p < hi && len(out) < 64; {
		i := bytes.Index(data[p:hi], []byte("<value>"))
		if i < 0 {
			break
		}
		vs := p + i + len("<value>")
		j := bytes.Index(data[vs:hi], []byte("</value>"))
		if j < 0 {
			break
		}
		out = append(out, [2]int{vs, vs + j})
		p = vs + j + len("</value>")
	}
	return out
}

// qgsVariables pairs the <variableValues> list with the <variableNames> list before
// it (on the lines just above).
func (d *held19Det) qgsVariables(sc *scanner, at, end int) {
	data := sc.data
	lo := max(0, at-2048)
	ni := bytes.LastIndex(bytes.ToLower(data[lo:at]), []byte("<variablenames"))
	if ni < 0 {
		return
	}
	ni += lo
	nEnd := bytes.Index(data[ni:at], []byte("</"))
	if nEnd < 0 {
		return
	}
	vEnd := bytes.Index(data[end:min(len(data), end+8192)], []byte("</variableValues>"))
	if vEnd < 0 {
		return
	}
	names := xmlValues(data, ni, at)
	vals := xmlValues(data, end, end+vEnd)
	if len(names) != len(vals) {
		return
	}
	var segBuf [][]byte
	var scratch []byte
	for i, n := range names {
		segs := keySegments(data[n[0]:n[1]], segBuf[:0], scratch[:0])
		vs, ve := vals[i][0], vals[i][1]
		v := data[vs:ve]
		switch {
		case d.password != nil && passwordKey(segs):
			if len(v) >= 6 && !isPlaceholder(v) {
				sc.emit(d.password, vs, ve, string(v))
			}
		case d.secret != nil && genericKey(segs):
			if len(v) >= 16 && generatedBody(0)(v) && bytes.IndexByte(v, ' ') < 0 {
				sc.emit(d.secret, vs, ve, string(v))
			}
		}
	}
}
