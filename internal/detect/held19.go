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
type held19Det struct {
	secret, email, card *Rule
}

var held19Anchors = []anchorRead[*held19Det]{
	{"pveapitoken", (*held19Det).pveHeader},
	{"full-tokenid", (*held19Det).pveTable},
	{`"kdf"`, (*held19Det).pbsKeyFile},
	{"ssr ctce", (*held19Det).ctce},
	{"fp cc", (*held19Det).fpCard},
	{"fp pax cc", (*held19Det).fpCard},
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
