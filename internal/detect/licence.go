package detect

import (
	"bytes"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Driver's licence numbers have no check digit and no common shape: they are read only
// where a key names them, or where a record layout puts one: ACORD AL3 (the insurance
// download format IVANS carries), whose 6PDR (personal driver) group holds the driver's
// name and licence number, and whose 5ISI group the insured's taxpayer number (a US
// SSN) and birth date, at fixed columns.

func licenceRule() *Rule {
	dl := &Rule{ID: "driver-licence-number", Title: "Driver's licence number", Provider: "PII", Category: finding.PII,
		Severity: finding.High, prio: prioPII, Remediation: personalDataRem,
		Examples: []string{`{"drivers_license_number": "F579307516916"}`, "driver_licence_no: D1234-5678-9012", "DLNum: D12345678",
			"5BIS172 B10001    P  NASEEM IBRAHIM\n6PDR187 B10001    IBRAHIM NASEEM           F579307516916       20020426"},
		NotExamples: []string{`{"drivers_license_number": "pending"}`, `{"driver_license_state": "CA1234567"}`,
			"5BIS172 B10001    P  NASEEM IBRAHIM\n6PDR187 B10001    IBRAHIM NASEEM           NONE                20020426"}}
	dl.Keywords = al3Anchors
	return dl
}

// addLicenceKV reads a licence number under a key that names a driver's licence.
func addLicenceKV(kvd *kvDet, r *Rule) {
	kvd.add(&kvSpec{rule: r, keys: []string{"licen", "dlnum", "dlno"}, keyOK: licenceKey, valueOK: licenceValue})
}

// licenceKey: driver_license(_number|_no|_id), drivers_licence, dl_number, dlNo —
// not the licence's state, class, expiry or type.
func licenceKey(segs [][]byte) bool {
	n := len(segs)
	if n == 0 {
		return false
	}
	driver, dl := false, false
	for _, s := range segs {
		switch {
		case bytes.HasPrefix(s, []byte("driver")):
			driver = true
		case string(s) == "dl" || string(s) == "dlnum" || string(s) == "dlno":
			dl = true
		}
	}
	last := string(segs[n-1])
	switch last {
	case "license", "licence", "licenses", "licences":
		return driver
	case "no", "nr", "num", "number", "id", "nbr", "dlnum", "dlno":
		return driver || dl
	}
	return false
}

// licenceValue: five to twenty letters and digits (dashes and blanks between), four
// digits at least, not one digit repeated.
func licenceValue(v []byte) bool {
	if len(v) < 5 || len(v) > 24 {
		return false
	}
	nd := 0
	for i, c := range v {
		switch {
		case isDigit(c):
			nd++
		case is(c, cUpper):
		case (c == '-' || c == ' ') && i > 0 && i < len(v)-1:
		default:
			return false
		}
	}
	return nd >= 4 && !dummyDigits(digitsOf(v))
}

// al3Col is the byte offset of the character column col of an AL3 line, or -1 when the
// line is shorter.
func al3Col(line []byte, col int) int {
	c := 0
	for i, b := range line {
		if b&0xC0 == 0x80 {
			continue // a continuation byte of a character counted already
		}
		if c == col {
			return i
		}
		c++
	}
	return -1
}

func digitsOf(v []byte) []byte {
	out := make([]byte, 0, len(v))
	for _, c := range v {
		if isDigit(c) {
			out = append(out, c)
		}
	}
	return out
}

// al3Det reads AL3 groups by their fixed columns: a group's line starts with its
// level digit, four-letter code, a three-digit length, a blank and a ten-character
// reference ("6PDR187 B10001    "); the data starts at column 18.
type al3Det struct{ dl, ssn, phone *Rule }

// (the digit stands for any digit: the level is read again)
var al3Anchors = []string{"\n6pdr", "\n5isi", "\n9bis"}

func (d *al3Det) anchors() []string { return al3Anchors }

func (d *al3Det) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	s := at + 1
	le := lineEnd(data, s, 512)
	line := data[s:le]
	if len(line) < 27 || !allDigits(line[4:7]) || line[7] != ' ' || !bytes.Equal(line[14:18], []byte("    ")) {
		return
	}
	switch {
	case line[0] == '6' && string(line[1:4]) == "PDR":
		// the driver's name (25 columns), then the licence number
		// (columns count characters: a name's "É" takes two bytes)
		vs := al3Col(line, 43)
		if vs < 0 {
			return
		}
		ve := vs
		for ve < len(line) && line[ve] != ' ' {
			ve++
		}
		if v := line[vs:ve]; licenceValue(v) {
			sc.emit(d.dl, s+vs, s+ve, string(v))
		}
	case line[0] == '9' && string(line[1:4]) == "BIS" && d.phone != nil:
		// a contact line of the supplementary business information: the phone
		// number, then (after blanks) the e-mail address
		ve := run(line, 18, cDigit, 16)
		if ve-18 < 7 || ve-18 > 15 || dummyDigits(line[18:ve]) {
			return
		}
		es := ve
		for es < len(line) && line[es] == ' ' {
			es++
		}
		if ee := run(line, es, cWord|cDot|cDash|cPlus, 96); es-ve < 2 || ee >= len(line) || line[ee] != '@' {
			return
		}
		sc.emit(d.phone, s+18, s+ve, string(line[18:ve]))
	case line[0] == '5' && string(line[1:4]) == "ISI":
		// the taxpayer number (9 digits), then the birth date
		if len(line) < 27 || !allDigits(line[18:27]) {
			return
		}
		n := func(b []byte) int {
			x := 0
			for _, c := range b {
				x = x*10 + int(c-'0')
			}
			return x
		}
		if v := line[18:27]; ssnOK(n(v[:3]), n(v[3:5]), n(v[5:])) && !dummyDigits(v) {
			sc.emit(d.ssn, s+18, s+27, string(v))
		}
	}
}
