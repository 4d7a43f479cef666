package detect

import "sort"

// ibanDet finds IBANs from their country code and check digits, compact
// ("RO49AAAA1B31007593840000") or printed in groups of four ("GB82 WEST 1234 5698
// 7654 32"): an IBAN whose BBAN mixes letters and digits need not hold the run of
// digits the digits detector starts from.
type ibanDet struct{ rule *Rule }

// ibanAnchors are every registry country's code followed by two check digits.
var ibanAnchors = func() []string {
	var a []string
	for cc := range ibanLengths {
		a = append(a, cc+"00")
	}
	sort.Strings(a)
	return a
}()

func (d *ibanDet) anchors() []string { return ibanAnchors }

func (d *ibanDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if at+4 > len(data) || !isUpper(data[at]) || !isUpper(data[at+1]) || !leftOK(data, at) && !mt940Subfield(data, at) {
		return
	}
	want := ibanLengths[string(data[at:at+2])]
	if want == 0 {
		return
	}
	if e := run(data, at, cUpper|cDigit, 35); e-at == want && rightOK(data, e) {
		if ibanOK(data[at:e]) {
			sc.emit(d.rule, at, e, string(data[at:e]))
		}
		return
	}
	// Groups of four separated by single spaces, the last one shorter.
	var buf [34]byte
	n, q := 0, at
	for n < want {
		g := run(data, q, cUpper|cDigit, 4)
		if g == q || n+g-q > want {
			return
		}
		n += copy(buf[n:], data[q:g])
		if g-q < 4 || n == want {
			q = g
			break
		}
		if g+1 < len(data) && data[g] == ' ' && is(data[g+1], cUpper|cDigit) {
			q = g + 1
			continue
		}
		q = g
		break
	}
	if n == want && rightOK(data, q) && ibanOK(buf[:n]) {
		sc.emit(d.rule, at, q, string(buf[:n]))
	}
}

// mt940Subfield reports whether at follows a subfield code of a SWIFT MT940 statement's
// ":86:" field, '?' and two digits ("?31" carries the counterparty's IBAN), so that
// the value starts right after a digit.
func mt940Subfield(data []byte, at int) bool {
	return at >= 3 && data[at-3] == '?' && isDigit(data[at-2]) && isDigit(data[at-1])
}
