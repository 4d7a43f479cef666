package detect

import "bytes"

// Check-digit validators for more national identity numbers. Each takes the digits
// alone (separators dropped) and checks the length, the date the number encodes where
// it has one, and the published check digit; natIDDet still wants a word, a key or a
// column that names an identity number before it reports one.

// weightedSum is Σ w[i]·d[i] over the first len(w) digits.
func weightedSum(d []byte, w []int) int {
	sum := 0
	for i, x := range w {
		sum += x * digitVal(d, i)
	}
	return sum
}

// twoDigits reads the number d[i]d[i+1].
func twoDigits(d []byte, i int) int { return digitVal(d, i)*10 + digitVal(d, i+1) }

// dateOK checks a full date.
func dateOK(year, mm, dd int) bool { return mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysIn(year, mm) }

// isikukoodOK: Estonia's isikukood and Lithuania's asmens kodas — G YYMMDD SSS C, G
// the sex and century (1-8), a check digit from weights 1…9,1 modulo 11 (3…9,1,2,3
// when that gives 10, and 0 when both do).
func isikukoodOK(d []byte) bool {
	if len(d) != 11 || d[0] < '1' || d[0] > '8' || allSame(d) {
		return false
	}
	century := 1800 + 100*((digitVal(d, 0)-1)/2)
	if !dateOK(century+twoDigits(d, 1), twoDigits(d, 3), twoDigits(d, 5)) {
		return false
	}
	c := weightedSum(d, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 1}) % 11
	if c == 10 {
		if c = weightedSum(d, []int{3, 4, 5, 6, 7, 8, 9, 1, 2, 3}) % 11; c == 10 {
			c = 0
		}
	}
	return c == digitVal(d, 10)
}

// personasKodsOK: Latvia's personas kods of the old form — DDMMYY C NNNN, C the
// century (0 1800s, 1 1900s, 2 2000s), the last digit (1101 − Σ w·d) modulo 11 with
// weights 1,6,3,7,9,10,5,8,4,2. (Numbers issued since 2017 start with 32 and carry no
// date or check digit; they are not read.)
func personasKodsOK(d []byte) bool {
	if len(d) != 11 || d[6] > '2' || allSame(d) {
		return false
	}
	if !dateOK(1800+100*digitVal(d, 6)+twoDigits(d, 4), twoDigits(d, 2), twoDigits(d, 0)) {
		return false
	}
	c := (1101 - weightedSum(d, []int{1, 6, 3, 7, 9, 10, 5, 8, 4, 2})) % 11
	return c < 10 && c == digitVal(d, 10)
}

// kennitalaOK: Iceland's kennitala — DDMMYY (a company adds 40 to the day), two
// digits, a check digit (11 − Σ w·d mod 11, weights 3,2,7,6,5,4,3,2; 10 is never
// issued) and the century (9 for the 1900s, 0 for the 2000s, 8 for the 1800s).
func kennitalaOK(d []byte) bool {
	if len(d) != 10 || allSame(d) {
		return false
	}
	dd, mm := twoDigits(d, 0), twoDigits(d, 2)
	if dd > 40 {
		dd -= 40
	}
	var century int
	switch d[9] {
	case '8':
		century = 1800
	case '9':
		century = 1900
	case '0':
		century = 2000
	default:
		return false
	}
	if !dateOK(century+twoDigits(d, 4), mm, dd) {
		return false
	}
	c := 11 - weightedSum(d, []int{3, 2, 7, 6, 5, 4, 3, 2})%11
	if c == 11 {
		c = 0
	}
	return c < 10 && c == digitVal(d, 8)
}

// cprOK: Denmark's CPR-nummer — DDMMYY-SSSS. Its modulo 11 check was given up in
// 2007, so only the date is checked: the number needs its naming word all the more.
func cprOK(d []byte) bool {
	return len(d) == 10 && !allSame(d) && dayMonthOK(twoDigits(d, 0), twoDigits(d, 2))
}

// rodneCisloOK: the Czech and Slovak rodné číslo — YYMMDD/SSSC, the month plus 50 for
// women (plus 20 or 70 for numbers issued since 2004 when a day ran out), the ten-digit
// number a multiple of 11 (or the first nine modulo 11 are 10 and the last digit 0).
func rodneCisloOK(d []byte) bool {
	if len(d) != 10 || allSame(d) {
		return false
	}
	mm := twoDigits(d, 2)
	switch {
	case mm > 70:
		mm -= 70
	case mm > 50:
		mm -= 50
	case mm > 20:
		mm -= 20
	}
	if !dayMonthOK(twoDigits(d, 4), mm) {
		return false
	}
	r := 0
	for i := 0; i < 9; i++ {
		r = (r*10 + digitVal(d, i)) % 11
	}
	if r == 10 {
		return d[9] == '0'
	}
	return (r*10+digitVal(d, 9))%11 == 0
}

// egnOK: Bulgaria's ЕГН — YYMMDD (the month plus 20 for the 1800s, plus 40 for the
// 2000s), three digits, a check digit Σ w·d modulo 11 with weights 2,4,8,5,10,9,7,3,6
// (10 counts as 0).
func egnOK(d []byte) bool {
	if len(d) != 10 || allSame(d) {
		return false
	}
	yy, mm := twoDigits(d, 0), twoDigits(d, 2)
	year := 1900 + yy
	switch {
	case mm > 40:
		mm, year = mm-40, 2000+yy
	case mm > 20:
		mm, year = mm-20, 1800+yy
	}
	if !dateOK(year, mm, twoDigits(d, 4)) {
		return false
	}
	return weightedSum(d, []int{2, 4, 8, 5, 10, 9, 7, 3, 6})%11%10 == digitVal(d, 9)
}

// cnpOK: Romania's CNP — S YYMMDD JJ NNN C, S the sex and century (1-8, 9 for
// foreigners), JJ the county, a check digit Σ w·d modulo 11 with weights
// 2,7,9,1,4,6,3,5,8,2,7,9 (10 counts as 1).
func cnpOK(d []byte) bool {
	if len(d) != 13 || d[0] == '0' || allSame(d) {
		return false
	}
	year := 1900 + twoDigits(d, 1)
	switch d[0] {
	case '3', '4':
		year -= 100
	case '5', '6':
		year += 100
	}
	if !dateOK(year, twoDigits(d, 3), twoDigits(d, 5)) {
		return false
	}
	if jj := twoDigits(d, 7); jj < 1 || jj > 52 {
		return false
	}
	c := weightedSum(d, []int{2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9}) % 11
	if c == 10 {
		c = 1
	}
	return c == digitVal(d, 12)
}

// jmbgOK: the JMBG of the former Yugoslav states (Slovenia's EMŠO, Serbia's,
// Bosnia's, North Macedonia's and Montenegro's ЈМБГ) — DDMMYYY RR BBB K, the year's
// last three digits, a check 11 − Σ w·d modulo 11 with weights 7,6,5,4,3,2 twice (10
// and 11 count as 0).
func jmbgOK(d []byte) bool {
	if len(d) != 13 || allSame(d) {
		return false
	}
	yyy := digitVal(d, 4)*100 + twoDigits(d, 5)
	year := 1000 + yyy
	if yyy < 800 {
		year = 2000 + yyy
	}
	if !dateOK(year, twoDigits(d, 2), twoDigits(d, 0)) {
		return false
	}
	c := 11 - weightedSum(d, []int{7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2})%11
	if c > 9 {
		c = 0
	}
	return c == digitVal(d, 12)
}

// oibOK: Croatia's OIB — eleven digits, the last an ISO 7064 MOD 11,10 check.
func oibOK(d []byte) bool {
	if len(d) != 11 || allSame(d) {
		return false
	}
	a := 10
	for i := 0; i < 10; i++ {
		a = (a + digitVal(d, i)) % 10
		if a == 0 {
			a = 10
		}
		a = a * 2 % 11
	}
	return (11-a)%10 == digitVal(d, 10)
}

// belgianNNOK: Belgium's rijksregisternummer / numéro de registre national — YYMMDD
// SSS CC, CC 97 minus the first nine digits modulo 97 (with a 2 before them for
// people born since 2000). The date may be partly zero when it is unknown, and a
// BIS number adds 20 or 40 to the month.
func belgianNNOK(d []byte) bool {
	if len(d) != 11 || allSame(d) {
		return false
	}
	if mm := twoDigits(d, 2) % 20; mm > 12 || twoDigits(d, 4) > 31 {
		return false
	}
	n := 0
	for i := 0; i < 9; i++ {
		n = n*10 + digitVal(d, i)
	}
	cc := twoDigits(d, 9)
	return 97-n%97 == cc || 97-(2000000000+n)%97 == cc
}

// israeliIDOK: Israel's מספר זהות — nine digits, weights 1 and 2 alternating with the
// digits of each product summed: the Luhn check.
func israeliIDOK(d []byte) bool { return len(d) == 9 && !allSame(d) && luhnOK(d) }

// nifPTOK: Portugal's NIF — nine digits, the first naming a person (1-3), a company
// (5, 6, 8, 9); the last 11 − Σ w·d modulo 11 with weights 9…2 (10 and 11 count as 0).
func nifPTOK(d []byte) bool {
	if len(d) != 9 || allSame(d) || d[0] == '0' || d[0] == '4' || d[0] == '7' {
		return false
	}
	c := 11 - weightedSum(d, []int{9, 8, 7, 6, 5, 4, 3, 2})%11
	if c > 9 {
		c = 0
	}
	return c == digitVal(d, 8)
}

// amkaOK: Greece's ΑΜΚΑ — DDMMYY, four digits and a Luhn check digit.
func amkaOK(d []byte) bool {
	return len(d) == 11 && !allSame(d) && dayMonthOK(twoDigits(d, 0), twoDigits(d, 2)) && luhnOK(d)
}

// ahvOK: Switzerland's AHV/AVS number — 756.XXXX.XXXX.XC, an EAN-13 check digit.
func ahvOK(d []byte) bool {
	if len(d) != 13 || string(d[:3]) != "756" {
		return false
	}
	sum := 0
	for i := 0; i < 12; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += w * digitVal(d, i)
	}
	return (10-sum%10)%10 == digitVal(d, 12)
}

// iinOK: Kazakhstan's ИИН — YYMMDD, a century/sex digit (1-6), four digits and a
// check Σ w·d modulo 11 with weights 1…11 (3…11,1,2 when that gives 10; 10 again is
// never issued).
func iinOK(d []byte) bool {
	if len(d) != 12 || d[6] < '1' || d[6] > '6' || allSame(d) {
		return false
	}
	century := 1800 + 100*((digitVal(d, 6)-1)/2)
	if !dateOK(century+twoDigits(d, 0), twoDigits(d, 2), twoDigits(d, 4)) {
		return false
	}
	c := weightedSum(d, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) % 11
	if c == 10 {
		c = weightedSum(d, []int{3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2}) % 11
	}
	return c < 10 && c == digitVal(d, 11)
}

// codiceFiscaleOK: Italy's codice fiscale — six letters of the name, YY, a month
// letter (A B C D E H L M P R S T), DD (plus 40 for women), a place code (a letter
// and three digits) and a check letter: characters in odd places through a fixed table,
// in even places by their value, the sum modulo 26. Where two people would share a
// code, digits are replaced by the letters L M N P Q R S T U V ("omocodia").
func codiceFiscaleOK(b []byte) bool {
	if len(b) != 16 {
		return false
	}
	const omocodia = "LMNPQRSTUV"
	var d [16]byte
	for i, c := range b {
		switch i {
		case 0, 1, 2, 3, 4, 5, 8, 11, 15:
			if !isUpper(c) {
				return false
			}
		default:
			if k := bytes.IndexByte([]byte(omocodia), c); k >= 0 {
				c = byte('0' + k)
			} else if !isDigit(c) {
				return false
			}
		}
		d[i] = c
	}
	if bytes.IndexByte([]byte("ABCDEHLMPRST"), d[8]) < 0 {
		return false
	}
	if dd := int(d[9]-'0')*10 + int(d[10]-'0'); dd%40 < 1 || dd%40 > 31 || dd > 71 {
		return false
	}
	oddVal := [36]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}
	sum := 0
	for i := 0; i < 15; i++ {
		c := b[i] // the check reads the characters as written
		var v, idx int
		if isDigit(c) {
			v, idx = int(c-'0'), int(c-'0')
		} else {
			v, idx = int(c-'A'), 10+int(c-'A')
		}
		if i%2 == 0 {
			sum += oddVal[idx]
		} else {
			sum += v
		}
	}
	return byte('A'+sum%26) == d[15]
}

// codiceFiscale reads the token after "fiscal" ("codice fiscale: …", "codiceFiscale":
// "…", "fiscal_code=…"): sixteen letters and digits a little further on that pass the
// check.
func (d *natIDDet) codiceFiscale(sc *scanner, di, at int) {
	data := sc.data
	p := run(data, at, cLower|cUpper|cUnder, 24)
	for q := p; q < len(data) && q-p < 12; q++ {
		c := data[q]
		if isUpper(c) {
			e := run(data, q, cUpper|cDigit, 17)
			if e-q == 16 && leftOK(data, q) && rightOK(data, e) && codiceFiscaleOK(data[q:e]) {
				sc.emit(d.rule, q, e, string(data[q:e]))
				sc.skip[di] = e
			}
			return
		}
		if !(c == ' ' || c == '\t' || c == ':' || c == '=' || c == '"' || c == '\'' || c == '.' || c == '>') {
			return
		}
	}
}

// thaiIDOK: Thailand's เลขประจำตัวประชาชน — thirteen digits (printed 1-2345-67890-12-3),
// the first 1-8, the last (11 − Σ d·w mod 11) mod 10 with weights 13…2.
func thaiIDOK(d []byte) bool {
	if len(d) != 13 || d[0] == '0' || d[0] == '9' || allSame(d) {
		return false
	}
	return (11-weightedSum(d, []int{13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2})%11)%10 == digitVal(d, 12)
}

// iranCodeOK: Iran's کد ملی — ten digits (printed 123-456789-0), the last from
// r = Σ d·w mod 11 with weights 10…2: r itself when below 2, else 11 − r.
func iranCodeOK(d []byte) bool {
	if len(d) != 10 || allSame(d) {
		return false
	}
	r := weightedSum(d, []int{10, 9, 8, 7, 6, 5, 4, 3, 2}) % 11
	if r >= 2 {
		r = 11 - r
	}
	return r == digitVal(d, 9)
}

// rnokppOK: Ukraine's РНОКПП (ІПН) — ten digits, the first five the birth date as days
// since 31 December 1899 (a birth no later than 2030 is read), the last Σ d·w mod 11
// mod 10 with weights −1,5,7,9,4,6,10,5,7.
func rnokppOK(d []byte) bool {
	if len(d) != 10 || allSame(d) {
		return false
	}
	days := 0
	for i := 0; i < 5; i++ {
		days = days*10 + digitVal(d, i)
	}
	if days < 1 || days > 47847 { // 1900-01-01 … 2030-12-31
		return false
	}
	s := weightedSum(d, []int{-1, 5, 7, 9, 4, 6, 10, 5, 7}) % 11
	if s < 0 {
		s += 11
	}
	return s%10 == digitVal(d, 9)
}

// zaIDOK checks South Africa's identity number: the birth date YYMMDD, four digits of
// sequence (the sex), the citizenship digit (0 citizen, 1 permanent resident, 2
// refugee), a digit once the race (not checked), and a Luhn check digit.
func zaIDOK(d []byte) bool {
	if len(d) != 13 || allSame(d) || d[10] > '2' || !luhnOK(d) {
		return false
	}
	return dateOK(2000+twoDigits(d, 0), twoDigits(d, 2), twoDigits(d, 4))
}
