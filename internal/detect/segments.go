package detect

import "bytes"

// segDet reads the segment formats of electronic data interchange, where a value has no
// key of its own: its position in a segment, or a qualifier element beside it, says
// what it is. The standards publish those positions and qualifier codes, so one reader
// covers every document type built from the same segments:
//
//   - ASC X12 (healthcare claims, invoices, ship notices): the interchange header ISA
//     carries an authorization (ISA02, when ISA01 is not "00") and a security password
//     (ISA04, when ISA03 is "01"); a contact segment PER pairs communication-number
//     qualifiers with numbers (TE telephone, CP cellular, FX fax, HP home, WP work, BN
//     beeper); a reference segment REF with qualifier SY holds a Social Security
//     number, as does a name segment NM1 whose identification qualifier (NM108) is 34.
//   - UN/EDIFACT: a communication contact COM gives the number first and its
//     qualifier after the component separator (TE telephone, FX fax, AL cellular).
//
// The element separator is the character after the segment's tag (X12 writes '*'
// mostly, '|' and '^' too; EDIFACT '+'), and a segment starts a line or follows its
// terminator (any punctuation: '~', '\”, '\n').
type segDet struct {
	password, phone, ssn *Rule
}

var segAnchors = []anchorRead[*segDet]{
	{"isa*", (*segDet).isa}, {"isa|", (*segDet).isa}, {"isa^", (*segDet).isa},
	{"per*", (*segDet).per}, {"per|", (*segDet).per}, {"per^", (*segDet).per},
	{"ref*", (*segDet).ref}, {"ref|", (*segDet).ref}, {"ref^", (*segDet).ref},
	{"nm1*", (*segDet).nm1}, {"nm1|", (*segDet).nm1}, {"nm1^", (*segDet).nm1},
	{"com+", (*segDet).com},
}

func (d *segDet) anchors() []string { return anchorLits(segAnchors) }

func (d *segDet) hit(sc *scanner, di, tag, at int) { readAnchor(segAnchors, d, sc, tag, at) }

// segElems splits the segment whose tag starts at at into its elements (the tag not
// included), each given by its bounds; nil when the tag is not in upper case or does
// not start a segment. The segment ends at a line break or at the first character
// that is neither the separator nor one an element holds.
func segElems(data []byte, at, end int) [][2]int {
	if !isUpper(data[at]) || !isUpper(data[at+1]) {
		return nil
	}
	if at > 0 {
		c := data[at-1]
		if is(c, cWord) || c == ' ' || c == '\t' || c == '.' || c == '-' || c == '/' {
			return nil
		}
	}
	sep := data[end-1]
	var out [][2]int
	s := end
	for p := end; p <= len(data) && len(out) < 20; p++ {
		if p == len(data) || data[p] == sep || data[p] == '\n' || data[p] == '\r' || data[p] == '~' && sep != '~' || data[p] == '\'' && sep == '+' {
			out = append(out, [2]int{s, p})
			if p == len(data) || data[p] != sep {
				break
			}
			s = p + 1
		}
		if p-end > 512 {
			break
		}
	}
	return out
}

func elemIs(data []byte, e [2]int, code string) bool {
	return string(bytes.TrimSpace(data[e[0]:e[1]])) == code
}

// isa reads the interchange header's authorization and security information.
func (d *segDet) isa(sc *scanner, at, end int) {
	data := sc.data
	el := segElems(data, at, end)
	if len(el) < 5 || d.password == nil {
		return
	}
	// ISA01/ISA03 are two-digit qualifiers, ISA02/ISA04 ten characters, blank-padded.
	for _, i := range []int{0, 2} {
		q, v := el[i], el[i+1]
		if q[1]-q[0] != 2 || !isDigit(data[q[0]]) || !isDigit(data[q[0]+1]) || v[1]-v[0] != 10 {
			return
		}
	}
	for _, i := range []int{1, 3} {
		q := string(data[el[i-1][0]:el[i-1][1]])
		if q == "00" || i == 3 && q != "01" {
			continue
		}
		s, e := trimBlanks(data, el[i][0], el[i][1])
		if e-s >= 4 && !allSame(data[s:e]) {
			sc.emit(d.password, s, e, string(data[s:e]))
		}
	}
}

// phoneQual are the X12 communication-number qualifiers of telephone numbers.
var phoneQual = map[string]bool{"TE": true, "CP": true, "FX": true, "HP": true, "WP": true, "BN": true}

// per reads the telephone numbers of a contact segment: PER*IC*name*TE*number*EM*….
func (d *segDet) per(sc *scanner, at, end int) {
	data := sc.data
	el := segElems(data, at, end)
	if d.phone == nil || len(el) < 4 {
		return
	}
	for i := 2; i+1 < len(el); i += 2 {
		if phoneQual[string(data[el[i][0]:el[i][1]])] {
			d.phoneAt(sc, el[i+1][0], el[i+1][1])
		}
	}
}

// com reads an EDIFACT communication contact: COM+number:qualifier'.
func (d *segDet) com(sc *scanner, at, end int) {
	data := sc.data
	el := segElems(data, at, end)
	if d.phone == nil || len(el) < 1 {
		return
	}
	v := data[el[0][0]:el[0][1]]
	i := bytes.LastIndexByte(v, ':')
	if i < 0 {
		return
	}
	switch string(v[i+1:]) {
	case "TE", "FX", "AL", "AJ":
		d.phoneAt(sc, el[0][0], el[0][0]+i)
	}
}

// phoneAt reports the element s..e when it reads as a telephone number: 7 to 15 digits,
// with the blanks, dashes, dots, parentheses and leading plus numbers are written with.
func (d *segDet) phoneAt(sc *scanner, s, e int) {
	data := sc.data
	s, e = trimBlanks(data, s, e)
	n := 0
	for p := s; p < e; p++ {
		switch c := data[p]; {
		case isDigit(c):
			n++
		case c == '+' && p == s, c == ' ', c == '-', c == '.', c == '(', c == ')':
		default:
			return
		}
	}
	if n >= 7 && n <= 15 && !allSame(bytes.TrimLeft(data[s:e], "+")) {
		sc.emit(d.phone, s, e, string(data[s:e]))
	}
}

// ref reads REF*SY*number: a Social Security number.
func (d *segDet) ref(sc *scanner, at, end int) {
	el := segElems(sc.data, at, end)
	if len(el) >= 2 && elemIs(sc.data, el[0], "SY") {
		d.ssnAt(sc, el[1][0], el[1][1])
	}
}

// nm1 reads the identification code of a name segment whose qualifier (NM108) is 34,
// a Social Security number.
func (d *segDet) nm1(sc *scanner, at, end int) {
	el := segElems(sc.data, at, end)
	if len(el) >= 9 && elemIs(sc.data, el[7], "34") {
		d.ssnAt(sc, el[8][0], el[8][1])
	}
}

// ssnAt reports s..e when it is nine digits, dashed or not, that the SSA could issue.
func (d *segDet) ssnAt(sc *scanner, s, e int) {
	data := sc.data
	if d.ssn == nil {
		return
	}
	s, e = trimBlanks(data, s, e)
	var dg []byte
	for _, c := range data[s:e] {
		switch {
		case isDigit(c):
			dg = append(dg, c)
		case c != '-':
			return
		}
	}
	if len(dg) != 9 {
		return
	}
	n := func(a, b int) int {
		v := 0
		for _, c := range dg[a:b] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	if ssnOK(n(0, 3), n(3, 5), n(5, 9)) {
		sc.emit(d.ssn, s, e, string(data[s:e]))
	}
}

func trimBlanks(data []byte, s, e int) (int, int) {
	for s < e && (data[s] == ' ' || data[s] == '\t') {
		s++
	}
	for e > s && (data[e-1] == ' ' || data[e-1] == '\t') {
		e--
	}
	return s, e
}
