package detect

import "bytes"

// More payment and statement files read by their documented layouts (columns 1-based),
// each recognised by its first record at a line start (payFileDet.record):
//
//   - Poland's Elixir-O: a payment a line, its fields separated by commas and its texts
//     quoted: the message type (110, a credit transfer), the execution date YYYYMMDD,
//     the amount in grosze, the sender's bank sort code (8 digits), "0", the sender's
//     and the receiver's accounts (26-digit NRBs, quoted), the names, "0", the
//     receiver's bank sort code, the title. The receiver's NRB, its two check digits
//     those of the IBAN "PL" and the NRB, is read; the sender's is the originator's own.
//   - Sweden's Bankgirot BgMax: 80-column records; the start "01BGMAX", blanks to column
//     22, the version in 23-24 and a 20-digit time stamp in 25-44; then deposits'
//     openings "05", payments "20" and deductions "21", references "22"/"23", the
//     payer's name "26", address "27"/"28" and organisation number "29" in 3-14: a
//     private payer's personnummer YYYYMMDDNNNN (read when its date and Luhn check
//     hold; a firm's number has no date); the deposit "15", the end "70". The bankgiro
//     numbers (the payee's own, the payer's) are firms'.
//   - Finland's TITO (konekielinen tiliote) statement: the basic record "T00" with its
//     length 322 in 4-6, the version in 7-9, the holder's account in 10-23 (a firm's:
//     TITO is a corporate service, left), the statement number 24-26 and the period
//     YYMMDDYYMMDD in 27-38; then records "T" with their type and length, the
//     transaction "T10" (188) with the counterparty's name in 109-143 and, after the
//     name's source in 144, the counterparty's account in 145-158 (14 digits in the
//     machine format, a Luhn check last).
//   - Italy's CBI RiBa (ricevute bancarie) file: 120-column records, the header " IB"
//     with the sender's code, the receiving bank's ABI and the date DDMMYY; each
//     receipt's records " 14", " 20", " 30", " 40", " 50", " 51", " 70", a blank, the
//     record type and a 7-digit progressive number; " 30" names the debtor (two times 30
//     columns, 11-70) and gives the debtor's codice fiscale in 71-86 (a person's, its
//     check letter right; a firm's 11-digit partita IVA is left); the trailer " EF".
//     The creditor's own codice fiscale (" 50", 101-116) is left.
//
// (BAI2, the US balance report, is not read: its account record "03" is the reporting
// bank's customer's own account, a firm's; its details' texts are read by the
// national-id and iban rules.)

// nrbOK: a Polish 26-digit account number, its first two digits the IBAN check of
// "PL" and the rest, so "PL" before it makes an IBAN that ibanOK checks.
func nrbOK(v []byte) bool {
	return len(v) == 26 && allDigits(v) && !allZero(v[2:]) && ibanOK(append([]byte("PL"), v...))
}

// elixir: a line at s that opens "110,".
func (d *payFileDet) elixir(sc *scanner, s int) {
	data := sc.data
	l := data[s:lineEndWithin(data, s, 4096)]
	if !bytes.HasPrefix(l, []byte("110,")) {
		return
	}
	f := bytes.SplitN(l, []byte(","), 8)
	if len(f) < 8 || len(f[1]) != 8 || !allDigits(f[1]) || (string(f[1][:2]) != "19" && string(f[1][:2]) != "20") || !yymmdd(f[1][2:]) ||
		len(f[2]) == 0 || len(f[2]) > 15 || !allDigits(f[2]) || len(f[3]) != 8 || !allDigits(f[3]) || string(f[4]) != "0" {
		return
	}
	quoted := func(v []byte) bool { return len(v) == 28 && v[0] == '"' && v[27] == '"' && allDigits(v[1:27]) }
	if !quoted(f[5]) || !quoted(f[6]) || bytes.Equal(f[5], f[6]) || !nrbOK(f[6][1:27]) {
		return
	}
	at := s + len(f[0]) + len(f[1]) + len(f[2]) + len(f[3]) + len(f[4]) + len(f[5]) + 6 + 1
	sc.emit(d.acct, at, at+26, string(data[at:at+26]))
}

// fixedLine: the line at s without its '\r', and where the next starts.
func fixedLine(data []byte, s, lim int) ([]byte, int) {
	e := lineEndWithin(data, s, lim)
	le := e
	if le > s && data[le-1] == '\r' {
		le--
	}
	return data[s:le], e + 1
}

// bgmax: the start record "01BGMAX" at s, then the file's records.
func (d *payFileDet) bgmax(sc *scanner, di, s int) {
	data := sc.data
	l, next := fixedLine(data, s, 256)
	if len(l) != 80 || string(l[:7]) != "01BGMAX" || !allBlank(l[7:22]) || !allDigits(l[22:44]) || next >= len(data) {
		return
	}
	readTo(sc, di, eachRecord(data, next, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) != 80 || !allDigits(l[:2]) {
			return false
		}
		switch string(l[:2]) {
		case "29":
			if v := l[2:14]; allDigits(v) && (v[0] == '1' && v[1] == '9' || v[0] == '2' && v[1] == '0') && personnummerOK(v[2:]) && d.natid != nil {
				sc.emit(d.natid, ls+2, ls+14, string(v))
			}
		case "05", "15", "20", "21", "22", "23", "25", "26", "27", "28":
		default: // the end "70"
			return false
		}
		return true
	}))
}

// tito: the basic record "T00" of a TITO statement at s, then its records.
func (d *payFileDet) tito(sc *scanner, di, s int) {
	data := sc.data
	l, next := fixedLine(data, s, 512)
	if len(l) < 38 || string(l[:6]) != "T00322" || !allDigits(l[6:26]) || !yymmdd(l[26:32]) || !yymmdd(l[32:38]) || next >= len(data) {
		return
	}
	readTo(sc, di, eachRecord(data, next, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) < 6 || l[0] != 'T' || !allDigits(l[1:6]) || string(l[1:3]) == "00" {
			return false
		}
		if string(l[1:6]) == "10188" && len(l) >= 158 && allDigits(l[6:12]) && yymmdd(l[30:36]) {
			if v := l[144:158]; allDigits(v) && !allZero(v) && luhnOK(v) {
				sc.emit(d.acct, ls+144, ls+158, string(v))
			}
		}
		return true
	}))
}

// cbiRiba: the header " IB" of a CBI RiBa file at s, then its records.
func (d *payFileDet) cbiRiba(sc *scanner, di, s int) {
	data := sc.data
	l, next := fixedLine(data, s, 256)
	if len(l) != 120 || string(l[:3]) != " IB" || !allDigits(l[8:13]) || !allDigits(l[13:19]) ||
		!dayMonthOK(int(l[13]-'0')*10+int(l[14]-'0'), int(l[15]-'0')*10+int(l[16]-'0')) || next >= len(data) || d.natid == nil {
		return
	}
	readTo(sc, di, eachRecord(data, next, func(ls, le int) bool {
		l := data[ls:le]
		if len(l) != 120 || l[0] != ' ' {
			return false
		}
		if string(l[1:3]) == "EF" {
			return false
		}
		if !allDigits(l[1:10]) {
			return false
		}
		if string(l[1:3]) == "30" {
			if v := l[70:86]; codiceFiscaleOK(v) {
				sc.emit(d.natid, ls+70, ls+86, string(v))
			}
		}
		return true
	}))
}
