package detect

import (
	"bytes"
	"unicode/utf8"
)

// More domestic bank files recognised by their documented record layouts (columns
// below are 1-based, as the standards number them):
//
//   - France's CFONB 160 transfer and direct debit file: records of 160 columns, the
//     sender's record "03", detail records "06" and the total "08", each followed by
//     the same 2-digit operation code; a detail keeps the counterparty's branch code
//     (code guichet) in columns 83-87, the account in 88-98 and the amount in 99-114.
//   - France's CFONB 120 statement (relevé): records of 120 columns, the old balance
//     "01", movements "04", complements "05" and the new balance "07": bank code 3-7,
//     4 reserved blanks, branch code 12-16, currency 17-19, the account in 22-32.
//   - Spain's AEB Norma 43 statement: records of 80 columns, the account header "11":
//     bank 3-6, office 7-10, the account 11-20, the first and last dates (YYMMDD) 21-32,
//     the debit/credit key 33, the opening balance 34-47; movements "22", "23", the
//     account's end "33", the file's end "88".
//   - Germany's DTAUS: the A record "0128A" with GK/LK/GB/LB and the sender's bank code;
//     C records (length 0187 and more, in 128-byte blocks) with the first bank's code in
//     6-13, the payee's bank code 14-21 and the payee's account 22-31, the key 45-49,
//     the sender's bank code 62-69 and account 70-79; the E record ends the file.
//   - Belgium's CODA statement: records of 128 columns, the header "0" with "0000", the
//     creation date, the bank's number and the application code "05" in 15-16 and the
//     version "2" in 128; the old balance "1" with the account structure in 2 and the
//     account in 6-42 (structure 0: a 12-digit Belgian number); the movement part "23"
//     with the counterparty's account in 11-47.
//   - Japan's Zengin (全銀) transfer file: records of 120 bytes (or characters, once
//     decoded), the header "1" with the kind 21/11/12 and the code set 0/1, data
//     records "2" with the payee's bank 2-5, branch 21-23, account type 43
//     (1, 2, 4, 9), account 44-50 and amount 81-90; the trailer "8", the end "9".
//   - Canada's CPA Standard 005: the header "A" with the record count 000000001 and the
//     originator's id 11-20; credit/debit records "C"/"D" with the same id and six
//     240-column segments from column 25, each with the transaction type (3), amount
//     (10), due date 0YYDDD (6), the payee's institution 0IIITTTTT (9) and its account
//     (12).
//
//   - Spain's AEB Norma 19 direct debit file (the 162-column layout): the presenter's
//     header "5180", the creditor's "5380", individual records "5680" with the
//     creditor's code 5-16, the reference 17-28, the debtor's name 29-68, the debtor's
//     CCC 69-88 (bank 4, office 4, two check digits, account 10) and the amount 89-98;
//     the totals "5880" and "5980". The CCC's two checks (weights 1 2 4 8 5 10 9 7 3 6
//     over "00", bank and office, and over the account) are checked.
//   - The Dutch ClieOp03 file: records of 50 columns, the file header "0001A" with the
//     date and "CLIEOP03" in 12-19; the batch header "0010B" with the transaction group
//     (00 payments, 10 collections) in 6-7 and the principal's own account in 8-17;
//     transaction records "0100A" with the type 6-9, the amount 10-21, the payer's
//     account 22-31 and the beneficiary's 32-41. The account that is not the
//     principal's is the counterparty's.
//
// A statement's account is its holder's, and statements are sent to people as well as
// firms (online banks export MT940 and CFONB 120 to private customers), so the holder's
// account is reported like a payee's. A transfer file's originator's own account (the
// DTAUS Auftraggeber's) is left, as the NACHA, ABA and BACS readers leave it.

func allBlank(v []byte) bool {
	for _, c := range v {
		if c != ' ' {
			return false
		}
	}
	return true
}

func (d *payFileDet) cfonb160(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || at+12 > len(data) || string(data[at:at+2]) != "03" {
		return
	}
	hdrEnd := lineEndWithin(data, at, 512)
	hl := hdrEnd - at
	if hl > 0 && data[hdrEnd-1] == '\r' {
		hl--
	}
	if hl != 160 || hdrEnd >= len(data) {
		return
	}
	op := data[at+2 : at+4]
	readTo(sc, di, eachRecord(data, hdrEnd+1, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) != 160 || !bytes.Equal(l[2:4], op) {
			return false
		}
		switch string(l[:2]) {
		case "08":
			return false
		case "06":
		default:
			return false
		}
		if allDigits(l[82:87]) && allDigits(l[98:114]) && acctField(l[87:98]) {
			sc.emitField(d.acct, ls+87, ls+98)
		}
		return true
	}))
}

func (d *payFileDet) cfonb120(sc *scanner, di, at int) {
	data := sc.data
	ok := func(l []byte) bool {
		return len(l) == 120 && allDigits(l[2:7]) && allBlank(l[7:11]) && allDigits(l[11:16]) &&
			isUpper(l[16]) && isUpper(l[17]) && isUpper(l[18]) && isDigit(l[19])
	}
	if !recStart(data, at) || string(data[at:at+2]) != "01" {
		return
	}
	n := 0
	readTo(sc, di, eachRecord(data, at, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) != 120 {
			return false
		}
		switch string(l[:2]) {
		case "01":
			if !ok(l) {
				return false
			}
			n++
			if acctField(l[21:32]) {
				sc.emitField(d.acct, ls+21, ls+32)
			}
		case "04", "05", "07":
			if n == 0 || !allDigits(l[2:7]) {
				return false
			}
		default:
			return false
		}
		return true
	}))
}

// yymmdd: a date written YYMMDD.
func yymmdd(v []byte) bool {
	if len(v) != 6 || !allDigits(v) {
		return false
	}
	m, dd := int(v[2]-'0')*10+int(v[3]-'0'), int(v[4]-'0')*10+int(v[5]-'0')
	return m >= 1 && m <= 12 && dd >= 1 && dd <= 31
}

func (d *payFileDet) aeb43(sc *scanner, di, at int) {
	data := sc.data
	head := func(l []byte) bool {
		return len(l) == 80 && string(l[:2]) == "11" && allDigits(l[2:20]) && yymmdd(l[20:26]) && yymmdd(l[26:32]) &&
			(l[32] == '1' || l[32] == '2') && allDigits(l[33:50])
	}
	if !recStart(data, at) {
		return
	}
	e := lineEndWithin(data, at, 256)
	le := e
	if le > at && data[le-1] == '\r' {
		le--
	}
	if !head(data[at:le]) {
		return
	}
	moves := 0
	var pend [][2]int
	end := eachRecord(data, at, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) != 80 {
			return false
		}
		switch string(l[:2]) {
		case "11":
			if !head(l) {
				return false
			}
			pend = append(pend, [2]int{ls + 10, ls + 20})
		case "22": // 3-6 free, 7-10 the office, 11-16 the entry date
			if !allDigits(l[6:10]) || !yymmdd(l[10:16]) {
				return false
			}
			moves++
		case "23", "24":
		case "33": // bank, office, account
			if !allDigits(l[2:20]) {
				return false
			}
		case "88":
			moves++
			return false
		default:
			return false
		}
		return true
	})
	if moves == 0 {
		return
	}
	readTo(sc, di, end)
	for _, p := range pend {
		if acctField(data[p[0]:p[1]]) {
			sc.emitField(d.acct, p[0], p[1])
		}
	}
}

// dtausRec: the DTAUS record at p (line breaks between records skipped): its start, its
// stated length and kind.
func dtausRec(data []byte, p int) (int, int, byte) {
	for p < len(data) && (data[p] == '\r' || data[p] == '\n') {
		p++
	}
	if p+5 > len(data) || !allDigits(data[p:p+4]) {
		return p, 0, 0
	}
	n := 0
	for _, c := range data[p : p+4] {
		n = n*10 + int(c-'0')
	}
	return p, n, data[p+4]
}

func (d *payFileDet) dtaus(sc *scanner, di, at int) {
	data := sc.data
	if at+128 > len(data) || data[at+4] != 'A' || at > 0 && data[at-1] != '\n' && data[at-1] != '\r' && data[at-1] != ' ' {
		return
	}
	switch string(data[at+5 : at+7]) {
	case "GK", "LK", "GB", "LB":
	default:
		return
	}
	// the sender's bank code in 8-15, the date (DDMMYY) in 51-56
	if !allDigits(data[at+7:at+15]) || !allDigits(data[at+50:at+56]) {
		return
	}
	p := at + 128
	for n := 0; n < payFileLines; n++ {
		s, ln, kind := dtausRec(data, p)
		if kind != 'C' || ln < 187 || s+187 > len(data) {
			break
		}
		r := data[s : s+187]
		if !allDigits(r[5:31]) || !allDigits(r[61:79]) {
			break
		}
		if acctField(r[21:31]) && !bytes.Equal(r[21:31], r[69:79]) {
			sc.emit(d.acct, s+21, s+31, string(r[21:31]))
		}
		// the next record: after the 128-byte blocks the record fills, or right after it
		// in a file written one record a line
		q := s + (ln+127)/128*128
		if _, _, k := dtausRec(data, q); k != 'C' && k != 'E' {
			q = s + ln
		}
		p = q
	}
	readTo(sc, di, p)
}

// beAcctOK: a Belgian 12-digit account number (its last two digits the first ten's
// remainder by 97, 97 for none).
func beAcctOK(v []byte) bool {
	if len(v) != 12 || !allDigits(v) {
		return false
	}
	n := 0
	for _, c := range v[:10] {
		n = (n*10 + int(c-'0')) % 97
	}
	if n == 0 {
		n = 97
	}
	return n == int(v[10]-'0')*10+int(v[11]-'0')
}

func (d *payFileDet) coda(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || at+128 > len(data) || data[at] != '0' || string(data[at+1:at+5]) != "0000" ||
		string(data[at+14:at+16]) != "05" || data[at+127] != '2' || !yymmdd([]byte{data[at+9], data[at+10], data[at+7], data[at+8], data[at+5], data[at+6]}) {
		return
	}
	acct := func(s, e int) {
		v := data[s:e]
		if i := bytes.IndexByte(v, ' '); i >= 0 {
			v = v[:i]
		}
		switch {
		case len(v) == 0:
		case len(v) >= 15 && isUpper(v[0]) && isUpper(v[1]) && ibanOK(v): // the iban rule's
		case len(v) == 12 && allDigits(v):
			if beAcctOK(v) {
				sc.emit(d.acct, s, s+12, string(v))
			}
		case acctField(v):
			sc.emit(d.acct, s, s+len(v), string(v))
		}
	}
	readTo(sc, di, eachRecord(data, at, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) != 128 {
			return false
		}
		switch l[0] {
		case '0', '8', '4':
		case '1':
			if l[1] >= '0' && l[1] <= '3' {
				acct(ls+5, ls+42)
			}
		case '2', '3':
			if l[0] == '2' && l[1] == '3' {
				acct(ls+10, ls+47)
			}
		case '9':
			return false
		default:
			return false
		}
		return true
	}))
}

// fixedCols gives the byte offsets of the columns of a fixed-width record of n columns:
// its bytes, or, when the record was decoded to UTF-8 (the Zengin file's half-width
// kana), its characters. nil when neither has n.
func fixedCols(l []byte, n int) []int {
	if len(l) == n {
		return nil
	}
	if !utf8.Valid(l) || utf8.RuneCount(l) != n {
		return []int{}
	}
	offs := make([]int, 0, n+1)
	for i := range string(l) {
		offs = append(offs, i)
	}
	return append(offs, len(l))
}

func (d *payFileDet) zengin(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || data[at] != '1' || data[at+3] != '0' && data[at+3] != '1' {
		return
	}
	switch string(data[at+1 : at+3]) {
	case "21", "11", "12":
	default:
		return
	}
	hdrEnd := lineEndWithin(data, at, 1024)
	hl := hdrEnd
	if hl > at && data[hl-1] == '\r' {
		hl--
	}
	if c := fixedCols(data[at:hl], 120); c != nil && len(c) == 0 || hdrEnd >= len(data) {
		return
	}
	readTo(sc, di, eachRecord(data, hdrEnd+1, func(ls, le int) bool {
		l := data[ls:le]
		c := fixedCols(l, 120)
		if c != nil && len(c) == 0 || l[0] != '2' {
			return false
		}
		col := func(a, b int) (int, int) {
			if c == nil {
				return a, b
			}
			return c[a], c[b]
		}
		b1, b2 := col(1, 5)
		r1, r2 := col(20, 23)
		t1, _ := col(42, 43)
		a1, a2 := col(43, 50)
		m1, m2 := col(80, 90)
		if !allDigits(l[b1:b2]) || !allDigits(l[r1:r2]) || !allDigits(l[m1:m2]) ||
			bytes.IndexByte([]byte("1249"), l[t1]) < 0 {
			return false
		}
		if allDigits(l[a1:a2]) && acctField(l[a1:a2]) {
			sc.emit(d.acct, ls+a1, ls+a2, string(l[a1:a2]))
		}
		return true
	}))
}

func (d *payFileDet) cpa005(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || at+35 > len(data) || data[at] != 'A' || string(data[at+1:at+10]) != "000000001" ||
		allBlank(data[at+10:at+20]) || !allDigits(data[at+20:at+30]) {
		return
	}
	hdrEnd := lineEndWithin(data, at, 2048)
	if hdrEnd >= len(data) {
		return
	}
	orig := data[at+10 : at+20]
	readTo(sc, di, eachRecord(data, hdrEnd+1, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) < 24+40 || (l[0] != 'C' && l[0] != 'D') || !allDigits(l[1:10]) || !bytes.Equal(l[10:20], orig) {
			return false
		}
		for k := 0; k < 6; k++ {
			g := 24 + 240*k
			if g+40 > len(l) {
				break
			}
			seg := l[g : g+40]
			if !allDigits(seg[0:28]) || seg[13] != '0' || seg[19] != '0' || allZero(seg[3:13]) {
				continue
			}
			if acctField(seg[28:40]) {
				sc.emitField(d.acct, ls+g+28, ls+g+40)
			}
		}
		return true
	}))
}

// mt940: ":25:" starting a line of a statement message (MT940, MT942, MT950): a
// transaction reference :20: and a statement number :28C: or a floor limit :34F: near
// it. "bank code/account" gives the account after the slash; an IBAN is the iban rule's.
func (d *payFileDet) mt940(sc *scanner, at int) {
	data := sc.data
	if !recStart(data, at) || string(data[at:at+4]) != ":25:" { // the anchor's digits match any
		return
	}
	lo, hi := max(0, at-2048), min(len(data), at+2048)
	near := data[lo:hi]
	if !bytes.Contains(near, []byte(":20:")) || !bytes.Contains(near, []byte("\n:28C:")) && !bytes.Contains(near, []byte("\n:34F:")) {
		return
	}
	s := at + 4
	e := s
	for e < len(data) && e-s <= 35 && (isDigit(data[e]) || isUpper(data[e]) || data[e] == '-' || data[e] == '/') {
		e++
	}
	if e-s > 35 || e < len(data) && data[e] != '\n' && data[e] != '\r' {
		return
	}
	v := data[s:e]
	if i := bytes.IndexByte(v, '/'); i >= 0 {
		if !allDigits(v[:i]) {
			return
		}
		s += i + 1
		v = v[i+1:]
	}
	if len(v) >= 15 && isUpper(v[0]) && isUpper(v[1]) && ibanOK(v) {
		return
	}
	if acctField(v) {
		sc.emit(d.acct, s, e, string(v))
	}
}

// cccDigit: a Spanish CCC check digit over ten digits.
func cccDigit(v []byte) byte {
	sum := 0
	for i, w := range []int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6} {
		sum += int(v[i]-'0') * w
	}
	switch c := 11 - sum%11; c {
	case 10:
		return '1'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// cccOK: a 20-digit Spanish CCC (bank, office, checks, account).
func cccOK(v []byte) bool {
	if len(v) != 20 || !allDigits(v) {
		return false
	}
	head := append([]byte("00"), v[:8]...)
	return cccDigit(head) == v[8] && cccDigit(v[10:20]) == v[9]
}

// aeb19: at is column 69 of a Norma 19 individual record "5680".
func (d *payFileDet) aeb19(sc *scanner, at int) {
	data := sc.data
	ls := at - 68
	if ls < 0 || !recStart(data, ls) || string(data[ls:ls+4]) != "5680" {
		return
	}
	e := lineEndWithin(data, ls, 512)
	if e > ls && data[e-1] == '\r' {
		e--
	}
	if e-ls != 162 || !cccOK(data[at:at+20]) || !allDigits(data[at+20:at+30]) || allZero(data[at+10:at+20]) {
		return
	}
	sc.emit(d.acct, at, at+20, string(data[at:at+20]))
}

// clieop: at is "CLIEOP03" in columns 12-19 of a ClieOp03 file header.
func (d *payFileDet) clieop(sc *scanner, di, at int) {
	data := sc.data
	ls := at - 11
	if ls < 0 || !recStart(data, ls) || string(data[ls:ls+5]) != "0001A" || string(data[at:at+8]) != "CLIEOP03" || !allDigits(data[ls+5:ls+11]) {
		return
	}
	var own []byte
	readTo(sc, di, eachRecord(data, ls, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) < 5 || !allDigits(l[:4]) || !isUpper(l[4]) {
			return false
		}
		switch string(l[:5]) {
		case "0010B":
			if len(l) < 17 || !allDigits(l[5:17]) {
				return false
			}
			own = l[7:17]
		case "0100A":
			if len(l) < 41 || own == nil || !allDigits(l[5:41]) {
				return false
			}
			for _, f := range [][2]int{{21, 31}, {31, 41}} {
				v := l[f[0]:f[1]]
				if !bytes.Equal(v, own) && acctField(v) {
					sc.emit(d.acct, ls+f[0], ls+f[1], string(v))
				}
			}
		case "9999A":
			return false
		}
		return true
	}))
}
