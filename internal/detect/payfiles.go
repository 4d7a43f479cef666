package detect

import (
	"bytes"
	"strings"
)

// Bank payment files recognised by their documented record layouts, not by their
// names: a file's header record says which layout its records follow, and the payee's
// account number (and, where the layout carries it, the payee's identity number) is
// read at the position the layout gives it.
//
//   - Australia's direct entry (ABA, "Cemtext") file: a descriptive record "0", 17
//     blanks, the reel sequence number; detail records "1", the BSB as nnn-nnn and the
//     9-character account number, the indicator, the transaction code and a 10-digit
//     amount.
//   - Brazil's FEBRABAN CNAB 240 file: a header record bank code, lot "0000", record
//     type "0", nine blanks; segment A details (record type "3", segment "A") keep the
//     payee's account in columns 30-41, segment B details the payee's CPF (type "1")
//     or CNPJ (type "2") in columns 19-32.
//   - Brazil's CNAB 400 collection remittance: a header "01REMESSA"; detail records
//     "1" keep the payer's inscription type in columns 219-220 (01 CPF) and its number
//     in columns 221-234.
//   - The UK's BACS Standard 18 file: VOL1, HDR1, HDR2, UHL1 labels, then 100-column
//     records of destination sort code (6), destination account (8), account type,
//     transaction code (2), originating sort code and account.
//
// The originator's own account (ABA's balancing record, CNAB's header, BACS's contra
// record) names no person and is left.
//
// One detector reads every layout here and in paybank.go. A file is recognised once, by
// its first record at a line start (the record code, the fixed length and the header's
// fields), and its records are then read line after line and skipped by the anchors;
// the anchors are the line break before a record (and the two headers whose words
// stand out), so that a run of digits elsewhere on a line wakes nothing. The text's
// first line has no line break before it: start reads it.

type payFileDet struct{ acct, natid *Rule }

var payFileAnchors = []string{
	"\n0      ", // ABA's descriptive record: "0" and 17 blanks
	"\n0000",    // a record opening with four digits: CNAB 240, CFONB, AEB, DTAUS, CODA, Zengin
	"\na000000", // CPA 005's header "A000000001"
	"\n:00:",    // SWIFT MT940/MT942's account identification ":25:"
	"\r0000a",   // DTAUS's A record after a carriage return,
	" 0000a",    // or after a blank
	"01remessa", // CNAB 400's header (at a line start)
	"vol1",      // BACS Standard 18's volume label (at a line start)
	"clieop03",  // ClieOp03's file header, columns 12-19
	"\n000,",    // an Elixir-O payment "110,"
	"\n00bgmax", // BgMax's start "01BGMAX"
	"\nt00",     // TITO's basic record "T00"
	"\n ib",     // CBI RiBa's header " IB"
}

func (d *payFileDet) anchors() []string { return payFileAnchors }

// payFileLines bounds the records read after one header.
const payFileLines = 200000

func (d *payFileDet) hit(sc *scanner, di, tag, at int) {
	switch tag {
	case 0, 1, 2, 3:
		d.record(sc, di, at+1)
	case 4, 5:
		d.dtaus(sc, di, at+1)
	case 6:
		d.cnab400(sc, di, at)
	case 7:
		d.bacs18(sc, di, at)
	case 8:
		d.clieop(sc, di, at)
	case 9, 10, 11, 12:
		d.record(sc, di, at+1)
	}
}

func (d *payFileDet) start(sc *scanner, di int) { d.record(sc, di, 0) }

// readTo records that a reader has read the records before the line start end: the
// anchors' hits before the line break ending them are skipped.
func readTo(sc *scanner, di, end int) { sc.skip[di] = max(sc.skip[di], end-1) }

// unread: no reader has read the record starting at s.
func unread(sc *scanner, di, s int) bool { return s > sc.skip[di] || sc.skip[di] == 0 }

// record: the record at the line start s, by its first bytes.
func (d *payFileDet) record(sc *scanner, di, s int) {
	data := sc.data
	if s+4 > len(data) || !unread(sc, di, s) {
		return
	}
	switch c := data[s]; {
	case c == ':':
		d.mt940(sc, s)
	case c == 'A' || c == 'a':
		if s+8 <= len(data) && allDigits(data[s+1:s+8]) {
			d.cpa005(sc, di, s)
		}
	case c == ' ':
		if data[s+1] == 'I' && data[s+2] == 'B' {
			d.cbiRiba(sc, di, s)
		}
	case c == 'T':
		if isDigit(data[s+1]) && isDigit(data[s+2]) {
			d.tito(sc, di, s)
		}
	case isDigit(c):
		d.digitRecord(sc, di, s)
	}
}

// digitRecord: the record at the line start s opens with a digit. The layouts' first
// fields: ABA's "0" and blanks; BgMax's "01BGMAX"; Elixir-O's "110,"; CFONB 160's "03", the operation code and blanks;
// DTAUS's record length and "A"; AEB 19's "5680"; CFONB 120's "01" and the bank code
// and a blank; CNAB 240's bank code and "00000" and blanks; AEB 43's "11", CODA's "0"
// and Zengin's "1" and eight digits and more.
func (d *payFileDet) digitRecord(sc *scanner, di, s int) {
	data := sc.data
	nd := 1
	for nd < 8 && s+nd < len(data) && isDigit(data[s+nd]) {
		nd++
	}
	blanks := func(a, b int) bool { return s+b <= len(data) && allBlank(data[s+a:s+b]) }
	switch nd {
	case 1:
		if blanks(1, 8) {
			d.aba(sc, di, s)
		}
		return
	case 2:
		if bytes.HasPrefix(data[s:], []byte("01BGMAX")) {
			d.bgmax(sc, di, s)
		}
	case 3:
		if data[s+3] == ',' {
			d.elixir(sc, s)
		}
	case 4:
		if blanks(4, 8) {
			d.cfonb160(sc, di, s)
		}
		if s+5 <= len(data) && (data[s+4] == 'A' || data[s+4] == 'a') {
			d.dtaus(sc, di, s)
		}
	case 7:
		if blanks(7, 8) {
			d.cfonb120(sc, di, s)
		}
	case 8:
		if blanks(8, 11) {
			d.cnab240(sc, di, s)
		}
		if unread(sc, di, s) {
			d.aeb43(sc, di, s)
		}
		if unread(sc, di, s) {
			d.coda(sc, di, s)
		}
		if unread(sc, di, s) {
			d.zengin(sc, di, s)
		}
	}
	if nd >= 4 && string(data[s:s+4]) == "5680" && s+76 <= len(data) && allDigits(data[s+68:s+76]) && unread(sc, di, s) {
		d.aeb19(sc, s+68)
	}
}

// recStart: s starts a line (at column one).
func recStart(data []byte, s int) bool { return s >= 0 && (s == 0 || data[s-1] == '\n') }

// eachRecord calls rec with the bounds of each line from the one at s on (a '\r' before
// the '\n' left out) until rec returns false or the text ends; it returns where it
// stopped.
func eachRecord(data []byte, s int, rec func(ls, le int) bool) int {
	for n := 0; n < payFileLines && s >= 0 && s < len(data); n++ {
		e := lineEndWithin(data, s, 4096)
		le := e
		if le > s && data[le-1] == '\r' {
			le--
		}
		if !rec(s, le) {
			return s
		}
		if e >= len(data) {
			return e
		}
		s = e + 1
	}
	return s
}

// emitField reports the field data[s:e] without its padding (blanks either side).
func (sc *scanner) emitField(r *Rule, s, e int) {
	for s < e && sc.data[s] == ' ' {
		s++
	}
	for e > s && sc.data[e-1] == ' ' {
		e--
	}
	if e > s {
		sc.emit(r, s, e, string(sc.data[s:e]))
	}
}

// acctField: an account number field of a fixed-width record, blank-padded: digits,
// with hyphens or capitals in some banks' numbers, at least five digits, not all zeros.
func acctField(v []byte) bool {
	nd, nz := 0, 0
	v = bytes.Trim(v, " ")
	if len(v) == 0 || bytes.IndexByte(v, ' ') >= 0 {
		return false
	}
	for _, c := range v {
		switch {
		case isDigit(c):
			nd++
			if c != '0' {
				nz++
			}
		case c == '-' || isUpper(c):
		default:
			return false
		}
	}
	return nd >= 5 && nz > 0
}

// aba: the descriptive record at at, then its detail records.
func (d *payFileDet) aba(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || data[at] != '0' || at+80 > len(data) || !allDigits(data[at+18:at+20]) ||
		!allDigits(data[at+56:at+62]) || !allDigits(data[at+74:at+80]) {
		return
	}
	hdrEnd := lineEndWithin(data, at, 256)
	if hdrEnd >= len(data) {
		return
	}
	readTo(sc, di, eachRecord(data, hdrEnd+1, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) < 30 {
			return len(l) == 0
		}
		switch l[0] {
		case '7': // the file total record ends the file
			return false
		case '1':
		default:
			return false
		}
		if !allDigits(l[1:4]) || l[4] != '-' || !allDigits(l[5:8]) || !allDigits(l[18:20]) || !allDigits(l[20:30]) ||
			bytes.IndexByte([]byte(" NWXY"), l[17]) < 0 {
			return false
		}
		tc := string(l[18:20])
		if tc != "13" && tc >= "50" && tc <= "57" && acctField(l[8:17]) {
			sc.emitField(d.acct, ls+8, ls+17)
		}
		return true
	}))
}

// cnab240: the file header record at s, then the lots' records of the same bank.
func (d *payFileDet) cnab240(sc *scanner, di, s int) {
	data := sc.data
	if !recStart(data, s) || s+32 > len(data) || !allDigits(data[s:s+3]) || string(data[s+3:s+8]) != "00000" ||
		(data[s+17] != '1' && data[s+17] != '2') || !allDigits(data[s+18:s+32]) {
		return
	}
	hdrEnd := lineEndWithin(data, s, 512)
	if hdrEnd >= len(data) || hdrEnd-s < 200 {
		return
	}
	bank := data[s : s+3]
	readTo(sc, di, eachRecord(data, hdrEnd+1, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) < 14 || !bytes.Equal(l[:3], bank) || !allDigits(l[3:8]) {
			return false
		}
		if l[7] != '3' || len(l) < 200 {
			return true // a lot's header or trailer, the file's trailer
		}
		switch l[13] {
		case 'A':
			// 18-20 clearing house, 21-23 payee's bank, 24-28 agency and 29 its check
			// digit, 30-41 the account
			if allDigits(l[17:28]) && acctField(l[29:41]) {
				sc.emitField(d.acct, ls+29, ls+41)
			}
		case 'B':
			if l[17] == '1' && allDigits(l[18:32]) && allZero(l[18:21]) && cpfOK(l[21:32]) {
				sc.emit(d.natid, ls+21, ls+32, string(l[21:32]))
			}
		}
		return true
	}))
}

func allZero(v []byte) bool {
	for _, c := range v {
		if c != '0' {
			return false
		}
	}
	return true
}

// cnab400: the header "01REMESSA" at at, then detail records "1" with the payer's
// CPF (inscription type 01) in columns 221-234.
func (d *payFileDet) cnab400(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || !bytes.HasPrefix(data[at:], []byte("01REMESSA")) {
		return
	}
	hdrEnd := lineEndWithin(data, at, 512)
	if hdrEnd >= len(data) || hdrEnd-at < 390 {
		return
	}
	readTo(sc, di, eachRecord(data, hdrEnd+1, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) < 390 || !isDigit(l[0]) {
			return false
		}
		if l[0] == '1' && string(l[218:220]) == "01" && allDigits(l[220:234]) && allZero(l[220:223]) && cpfOK(l[223:234]) {
			sc.emit(d.natid, ls+223, ls+234, string(l[223:234]))
		}
		return true
	}))
}

// bacs18: the VOL1 label at at; after the HDR1/HDR2/UHL1 labels, the data records.
func (d *payFileDet) bacs18(sc *scanner, di, at int) {
	data := sc.data
	if !recStart(data, at) || !bytes.HasPrefix(data[at:], []byte("VOL1")) {
		return
	}
	labels := 0
	readTo(sc, di, eachRecord(data, at, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) >= 4 {
			switch string(l[:4]) {
			case "VOL1", "HDR1", "HDR2", "UHL1", "EOF1", "EOF2", "UTL1":
				labels++
				return true
			}
		}
		if labels < 3 || len(l) < 64 {
			return false
		}
		if !allDigits(l[0:14]) || l[14] != '0' || !allDigits(l[17:31]) || !allDigits(l[35:46]) {
			return false
		}
		switch string(l[15:17]) {
		case "99", "01", "17", "18", "19", "Z4", "Z5":
		default:
			return true
		}
		if strings.Contains(string(l[46:min(len(l), 100)]), "CONTRA") || bytes.Equal(l[6:14], l[23:31]) {
			return true // the originator's own account, balancing the file
		}
		if acctField(l[6:14]) {
			sc.emit(d.acct, ls+6, ls+14, string(l[6:14]))
		}
		return true
	}))
}

// addPayFiles gives the bank account rule (ach-account-number, the NACHA entry's) the
// other payment files' and messages' readers, and their examples; the identity
// numbers the files carry are reported under the national-id rule of pii.
func addPayFiles(acct *Rule, pii []*Rule) {
	acct.Title = "Bank account number in a payment file or message (NACHA, ABA, CNAB 240, BACS Standard 18, CFONB, AEB 19 and 43, DTAUS, CODA, ClieOp03, Zengin, CPA 005, Elixir-O, TITO, SWIFT MT, ISO 20022) or under a key naming it"
	acct.Examples = append(acct.Examples, abaExample("1", "53"), cnab240Example("A"), bacsExample("99", ""))
	acct.NotExamples = append(acct.NotExamples, abaExample("1", "13"), abaExample("x", "53"), cnab240Example("C"), bacsExample("99", "CONTRA"))
	d := &payFileDet{acct: acct}
	for _, r := range pii {
		if r.ID == "national-id" {
			d.natid = r
		}
	}
	acct.extra = append(acct.extra, d, &payMsgDet{rule: acct})
}

func padTo(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}

// abaExample is a direct entry file of one detail record (kind "1") with transaction
// code tc.
func abaExample(kind, tc string) string {
	hdr := padTo("0"+strings.Repeat(" ", 17)+"01WBC"+strings.Repeat(" ", 7)+padTo("HARBOUR JOINERY", 26)+"301500"+padTo("SALARIES", 12)+"150326", 120)
	det := padTo(kind+"732-001"+"  4217689"+" "+tc+"0000123450"+padTo("NGUYEN THI LAN", 32)+padTo("PAY MARCH", 18)+"732-001"+" 55501234"+padTo("HARBOUR JOINERY", 16)+"00000000", 120)
	return hdr + "\n" + det + "\n" + padTo("7999-999", 120)
}

// cnab240Example is a CNAB 240 file whose one detail is of segment seg.
func cnab240Example(seg string) string {
	hdr := padTo("34100000         "+"2"+"11222333000181"+padTo("", 20)+"012340"+"000000098765"+"4 "+padTo("OFICINA AZUL LTDA", 30), 240)
	det := padTo("3410001300001"+seg+"000"+"018"+"237"+"03456"+"1"+"000061239874"+"5 "+padTo("MARINA COSTA", 30)+padTo("SAL0326", 20)+"05032026BRL", 240)
	return hdr + "\n" + det + "\n" + padTo("34199999         000001000004", 240)
}

// bacsExample is a BACS Standard 18 file of one data record.
func bacsExample(tc, ref string) string {
	lines := []string{padTo("VOL1012345", 80), padTo("HDR1A123456S  1", 80), padTo("HDR2F0200000100", 80), padTo("UHL1 26074999999    000000001 DAILY  001", 80),
		padTo("401276"+"41638205"+"0"+tc+"209876"+"13572468"+"    "+"00000012500"+padTo("BRIGHTON TILES", 18)+padTo(ref+"INV 4471", 18)+padTo("O SULLIVAN K", 18), 100),
		padTo("EOF1A123456S  1", 80)}
	return strings.Join(lines, "\n")
}
