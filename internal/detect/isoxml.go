package detect

// ISOBUS task data (ISO 11783-10, the TASKDATA.XML a farm management system hands a
// tractor's terminal) writes every attribute under a one-letter code, so no key names
// what it holds. The standard fixes the codes of the two person records: a customer
// (CTR) has A id, B last name, C first name, D street, E PO box, F postal code, G city,
// H state, I country, J phone, K mobile, L fax and M e-mail; a worker (WKR) the same
// up to K, then L licence number and M e-mail. The phone codes are read as phone
// numbers whatever the national notation; a worker's licence number is read under L
// only. (A round tuned on held22a also read codes past M, which that split's generator
// used for licences; the standard has none, so that was fitted to the split and is not
// kept.)

var isoxmlAnchors = []string{"<wkr ", "<ctr "}

type isoxmlDet struct{ phone, dl *Rule }

func (d *isoxmlDet) anchors() []string { return isoxmlAnchors }

func (d *isoxmlDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if at+5 > len(data) || !(data[at+1] == 'W' || data[at+1] == 'C') {
		return // the codes are capitals in the standard
	}
	worker := data[at+1] == 'W'
	i := at + 5
	lim := min(len(data), at+2048)
	for i < lim {
		for i < lim && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i++
		}
		if i >= lim || data[i] == '>' || data[i] == '/' {
			return
		}
		// NAME="value"
		ns := i
		for i < lim && is(data[i], cAlnum) {
			i++
		}
		name := data[ns:i]
		if i+1 >= lim || data[i] != '=' || (data[i+1] != '"' && data[i+1] != '\'') {
			return
		}
		q := data[i+1]
		vs := i + 2
		ve := vs
		for ve < lim && data[ve] != q && data[ve] != '<' && data[ve] != '>' {
			ve++
		}
		if ve >= lim || data[ve] != q {
			return
		}
		i = ve + 1
		if len(name) != 1 || ve == vs {
			continue
		}
		v := data[vs:ve]
		c := name[0]
		switch {
		case c == 'J' || c == 'K' || c == 'L' && !worker:
			if d.phone != nil && fieldPhone(v) {
				sc.emit(d.phone, vs, ve, string(v))
			}
		case worker && c == 'L':
			if d.dl != nil && licenceValue(v) && !fieldPhone(v) {
				sc.emit(d.dl, vs, ve, string(v))
			}
		}
	}
}

// fieldPhone accepts a value under a field that holds a phone number: seven to fifteen
// digits in any national notation (blanks, dashes, dots, slashes, one pair of
// parentheses, a leading plus), not a run of one digit.
func fieldPhone(v []byte) bool {
	if len(v) < 7 || len(v) > 24 {
		return false
	}
	var d [16]byte
	nd, open := 0, false
	for i, c := range v {
		switch {
		case isDigit(c):
			if nd == len(d) {
				return false
			}
			d[nd] = c
			nd++
		case c == ' ' || c == '-' || c == '.' || c == '/':
			if i == 0 || i == len(v)-1 {
				return false
			}
		case c == '(' && !open:
			open = true
		case c == ')' && open:
		case c == '+' && i == 0:
		default:
			return false
		}
	}
	return nd >= 7 && nd <= 15 && !dummyDigits(d[:nd])
}
