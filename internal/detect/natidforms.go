package detect

import "bytes"

// Identity numbers of letters and digits with a documented check:
//
//   - Mexico's CURP: 18 characters, four letters (the names' initials), the birth date
//     YYMMDD, the sex (H, M or X), one of the 33 two-letter state codes (NE born
//     abroad), three consonants of the names, a character against homonyms (a digit
//     before 2000, a letter after) and a check digit: the first 17 characters' values
//     in "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ" weighted 18 down to 2, (10 - sum mod
//     10) mod 10. A date, a sex, a state code out of 33 and a check leave no code or
//     word of that shape standing, so it is read without a name.
//   - Hong Kong's HKID: one or two letters, six digits and the check in parentheses,
//     "A123456(3)": letters worth 10-35 (a lone letter's missing first worth 36),
//     weights 9 down to 2, the check 11 - sum mod 11 (10 written A, 11 written 0). The
//     parenthesised check is printed for nothing else and is read without a name;
//     written bare it is read after one.
//   - Singapore's NRIC and FIN: S, T, F or G, seven digits and a check letter (weights
//     2 7 6 5 4 3 2, four more for T and G, the letter from JZIHGFEDCBA for S/T and
//     XWUTRQPNMLK for F/G): read after a name.
//   - Taiwan's national ID: a letter (the place of registration, worth 10-35 in the
//     documented order), 1 or 2 (the sex), eight digits the last of which is the check:
//     the letter's tens plus nine times its units plus the digits weighted 8 down to 1,
//     and the check, come to a multiple of ten. Read after a name.
//   - Mexico's RFC (the tax id): four letters for a person or three for a firm, the
//     date YYMMDD and a three-character homoclave whose last is the check: the
//     characters' values in "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ" (a firm's padded
//     with a leading blank) weighted 13 down to 2, the check 11 - sum mod 11 (0 for
//     none, A for 10). Read after the word RFC.
type idFormDet struct{ rule *Rule }

// idFormAnchors: the letter (or the RFC's "&") every form puts right before its run of
// six digits or more, and the run's first six digits: a run of digits after anything
// else wakes nothing.
var idFormAnchors = func() []string {
	out := []string{"&000000"}
	for c := 'a'; c <= 'z'; c++ {
		out = append(out, string(c)+"000000")
	}
	return out
}()

func (d *idFormDet) anchors() []string { return idFormAnchors }

var curpStates = "AS BC BS CC CL CM CS CH DF CX DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE"

const curpAlphabet = "0123456789ABCDEFGHIJKLMN\x00OPQRSTUVWXYZ" // \x00: Ñ, never ASCII

func isConsonant(c byte) bool { return isUpper(c) && bytes.IndexByte([]byte("AEIOU"), c) < 0 }

func curpOK(v []byte) bool {
	if len(v) != 18 {
		return false
	}
	for _, c := range v[:4] {
		if !isUpper(c) {
			return false
		}
	}
	if !yymmdd(v[4:10]) || v[10] != 'H' && v[10] != 'M' && v[10] != 'X' || !isUpper(v[11]) || !isUpper(v[12]) ||
		!bytes.Contains([]byte(curpStates), v[11:13]) || !isConsonant(v[13]) || !isConsonant(v[14]) || !isConsonant(v[15]) ||
		!isUpper(v[16]) && !isDigit(v[16]) || !isDigit(v[17]) {
		return false
	}
	sum := 0
	for i, c := range v[:17] {
		sum += bytes.IndexByte([]byte(curpAlphabet), c) * (18 - i)
	}
	return (10-sum%10)%10 == int(v[17]-'0')
}

// hkidCheck: the check character of an HKID's letters l (one or two) and six digits.
func hkidCheck(l, digits []byte) byte {
	sum := 0
	if len(l) == 1 {
		sum = 36*9 + int(l[0]-'A'+10)*8
	} else {
		sum = int(l[0]-'A'+10)*9 + int(l[1]-'A'+10)*8
	}
	for i, c := range digits {
		sum += int(c-'0') * (7 - i)
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'A'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

func nricOK(v []byte) bool {
	if len(v) != 9 || !allDigits(v[1:8]) || !isUpper(v[8]) {
		return false
	}
	sum := 0
	for i, w := range []int{2, 7, 6, 5, 4, 3, 2} {
		sum += int(v[1+i]-'0') * w
	}
	var tab string
	switch v[0] {
	case 'S':
		tab = "JZIHGFEDCBA"
	case 'T':
		tab, sum = "JZIHGFEDCBA", sum+4
	case 'F':
		tab = "XWUTRQPNMLK"
	case 'G':
		tab, sum = "XWUTRQPNMLK", sum+4
	default:
		return false
	}
	return tab[sum%11] == v[8]
}

// twLetters: Taiwan's registration letters in the order of their values 10-35.
const twLetters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"

func twIDOK(v []byte) bool {
	if len(v) != 10 || !isUpper(v[0]) || v[1] != '1' && v[1] != '2' || !allDigits(v[1:]) {
		return false
	}
	n := bytes.IndexByte([]byte(twLetters), v[0]) + 10
	sum := n/10 + n%10*9
	for i, c := range v[1:9] {
		sum += int(c-'0') * (8 - i)
	}
	sum += int(v[9] - '0')
	return sum%10 == 0
}

func (d *idFormDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if !isUpper(data[at]) && data[at] != '&' {
		return
	}
	at++ // where the run of digits starts
	n := run(data, at, cDigit, 12) - at
	if n >= 6 && n <= 9 && d.rfc(sc, at) {
		return
	}
	switch n {
	case 6:
		// CURP: four letters before, eight characters after
		if at >= 4 && at+14 <= len(data) && leftOK(data, at-4) && rightOK(data, at+14) && curpOK(data[at-4:at+14]) {
			sc.emit(d.rule, at-4, at+14, string(data[at-4:at+14]))
			return
		}
		// HKID: one or two letters before, the check after (in parentheses)
		ls := hkidLetters(data, at)
		if ls == at || at+7 > len(data) {
			return
		}
		e := at + 6
		paren := data[e] == '(' && e+2 < len(data) && data[e+2] == ')'
		c := data[e]
		if paren {
			c = data[e+1]
		}
		if c != hkidCheck(data[ls:at], data[at:at+6]) {
			return
		}
		if paren {
			if rightOK(data, e+3) {
				sc.emit(d.rule, ls, e+3, string(data[ls:e+3]))
			}
			return
		}
		if rightOK(data, e+1) && natIDContext(sc, ls, e+1) {
			sc.emit(d.rule, ls, e+1, string(data[ls:e+1]))
		}
	case 7:
		// a bare HKID whose check is a digit
		if ls := hkidLetters(data, at); ls < at && data[at+6] == hkidCheck(data[ls:at], data[at:at+6]) {
			if rightOK(data, at+7) && natIDContext(sc, ls, at+7) {
				sc.emit(d.rule, ls, at+7, string(data[ls:at+7]))
			}
			return
		}
		if at >= 1 && at+8 <= len(data) && leftOK(data, at-1) && rightOK(data, at+8) && nricOK(data[at-1:at+8]) &&
			natIDContext(sc, at-1, at+8) {
			sc.emit(d.rule, at-1, at+8, string(data[at-1:at+8]))
		}
	case 9:
		if at >= 1 && leftOK(data, at-1) && rightOK(data, at+9) && twIDOK(data[at-1:at+9]) && natIDContext(sc, at-1, at+9) {
			sc.emit(d.rule, at-1, at+9, string(data[at-1:at+9]))
		}
	}
}

// hkidLetters: the start of the one or two capitals an HKID's digits at at follow (at
// when there are none, or more than two).
func hkidLetters(data []byte, at int) int {
	ls := at
	for ls > 0 && at-ls < 2 && isUpper(data[ls-1]) {
		ls--
	}
	if !leftOK(data, ls) {
		return at
	}
	return ls
}

const rfcAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ "

// rfcOK: a 13-character RFC (a firm's 12 given with a leading blank).
func rfcOK(v []byte) bool {
	if len(v) != 13 || !yymmdd(v[4:10]) || !isAlnum(v[10]) || !isAlnum(v[11]) || !isDigit(v[12]) && v[12] != 'A' {
		return false
	}
	sum := 0
	for i, c := range v[:12] {
		k := bytes.IndexByte([]byte(rfcAlphabet), c)
		if k < 0 || i >= 4 && i < 10 && !isDigit(c) || i < 4 && c == ' ' && i > 0 {
			return false
		}
		sum += k * (13 - i)
	}
	want := byte('0')
	if r := sum % 11; r != 0 {
		if c := 11 - r; c == 10 {
			want = 'A'
		} else {
			want = byte('0' + c)
		}
	}
	return v[12] == want
}

// rfc: an RFC whose date starts at at, after the word RFC.
func (d *idFormDet) rfc(sc *scanner, at int) bool {
	data := sc.data
	ls := at
	for ls > 0 && at-ls < 4 && (isUpper(data[ls-1]) || data[ls-1] == '&') {
		ls--
	}
	if at-ls < 3 || !leftOK(data, ls) || at+9 > len(data) || !rightOK(data, at+9) {
		return false
	}
	v := append([]byte(nil), data[ls:at+9]...)
	if len(v) == 12 {
		v = append([]byte(" "), v...)
	}
	if !rfcOK(v) || !containsFold(data[max(0, ls-32):ls], "rfc", "r.f.c") {
		return false
	}
	sc.emit(d.rule, ls, at+9, string(data[ls:at+9]))
	return true
}
