package detect

import "bytes"

// A booking's passenger name record (PNR) as a GDS prints it: IATA contact e-mail in
// an SSR CTCE element, where "@" is written "//" (and "_" "..", "-" "./") because the
// element cannot carry those characters, and a card in a form of payment, "FP
// CC<brand><number>/<expiry>": two letters of the card's brand (VI, CA, AX, …) glued to
// the number, which still has to pass the Luhn check. (docLayoutDet's readers.)

// ctce reads the e-mail address of an SSR CTCE element: the first word on its line
// with "//" between a local part and a domain with a dot.
func (d *docLayoutDet) ctce(sc *scanner, _, end int) {
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
	for s > 0 && (asciiAlnum(w[s-1]) || w[s-1] == '.') {
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
		case asciiAlnum(c):
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
func (d *docLayoutDet) fpCard(sc *scanner, _, end int) {
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
	if q-p < 13 || q-p > 19 || (q < len(data) && asciiAlnum(data[q])) || !luhnOK(data[p:q]) || allSame(data[p+1:q-1]) {
		return
	}
	sc.emit(d.card, p, q, string(data[p:q]))
}
