package detect

import (
	"strconv"
	"strings"
	"testing"
)

// luhnDigit is the Luhn check digit to append to digits.
func luhnDigit(digits string) string {
	for c := '0'; c <= '9'; c++ {
		if luhnOK([]byte(digits + string(c))) {
			return string(c)
		}
	}
	return ""
}

// nrb gives the 24 digits of a Polish bank sort code and account their two check
// digits (the IBAN's for "PL").
func nrb(bban string) string {
	n := 0
	for _, c := range bban + "252100" {
		n = (n*10 + int(c-'0')) % 97
	}
	cc := strconv.Itoa(98 - n)
	if len(cc) == 1 {
		cc = "0" + cc
	}
	return cc + bban
}

func elixirExample(typ, payee string) string {
	return strings.Join([]string{
		typ + ",20260305,215050,10201026,0,\"" + nrb("102010260000042270201111") + "\",\"" + payee + "\",\"PIEKARNIA ZYTNIA SP Z O O|UL. POLNA 4|00-950 WARSZAWA\",\"ANNA NOWAK|UL. LIPOWA 7|30-001 KRAKOW\",0,10202892,\"WYNAGRODZENIE 03/2026\",\"\",\"\",\"51\"",
		typ + ",20260305,98000,10201026,0,\"" + nrb("102010260000042270201111") + "\",\"" + nrb("116022020000000061234567") + "\",\"PIEKARNIA ZYTNIA SP Z O O\",\"JAN WISNIEWSKI\",0,11602202,\"PREMIA\",\"\",\"\",\"51\"",
	}, "\r\n")
}

func bgmaxExample(payerBG, orgnr string) string {
	return strings.Join([]string{
		rec(80, 1, "01BGMAX", 23, "01", 25, "20260305061512345678", 45, "P"),
		rec(80, 1, "05", 3, "0009912346", 23, "SEK"),
		rec(80, 1, "20", 3, payerBG, 13, "65456789012", 38, "000000000000012500", 56, "2", 57, "1", 58, "260305000001", 70, "0"),
		rec(80, 1, "26", 3, "LINDQVIST ERIK"),
		rec(80, 1, "27", 3, "STORGATAN 12", 38, "11122"),
		rec(80, 1, "28", 3, "STOCKHOLM"),
		rec(80, 1, "29", 3, orgnr),
		rec(80, 1, "15", 3, "00000000000099123456", 38, "260305", 44, "00001", 49, "000000000000012500", 67, "SEK", 70, "00000001"),
		rec(80, 1, "70", 3, "00000001", 11, "00000000", 19, "00000000", 27, "00000001"),
	}, "\n")
}

func titoExample(acct string) string {
	return strings.Join([]string{
		rec(322, 1, "T00322100", 10, "12345600000785", 24, "063", 27, "260301260331", 39, "2604010630", 49, "12345678901234567", 66, "260228", 72, "+000000000123450", 90, "EUR", 93, "OSUUSPANKKI"),
		rec(188, 1, "T10188000001", 13, "260305ABCD1234567", 31, "260305", 37, "260305", 43, "260305", 49, "1", 50, "710", 53, "TILISIIRTO", 88, "+000000000000012500", 107, " ", 108, "A", 109, "VIRTANEN MATTI", 144, "K", 145, acct, 160, "00000000000000012344"),
		rec(100, 1, "T11100000001", 7, "00", 9, "PALKKA MAALISKUU"),
	}, "\n")
}

func cbiRibaExample(cf string) string {
	return strings.Join([]string{
		rec(120, 1, " IB", 4, "A1B2C", 9, "03069", 14, "050326", 20, "RIBA0326", 105, "1$", 114, "E"),
		rec(120, 1, " 140000001", 23, "310326", 29, "30000", 34, "0000000125000", 47, "-", 48, "03069", 53, "01600", 58, "000001234567", 70, "05034", 75, "11701", 92, "A1B2C", 97, "4", 98, "CLI0042", 120, "E"),
		rec(120, 1, " 200000001", 11, "FERRAMENTA BIANCHI SRL", 35, "VIA ROMA 1", 59, "20121 MILANO"),
		rec(120, 1, " 300000001", 11, "ROSSI MARIO", 71, cf),
		rec(120, 1, " 400000001", 11, "VIA GARIBALDI 22", 41, "10121", 46, "TORINO TO", 71, "BANCA DI TORINO"),
		rec(120, 1, " 500000001", 11, "FATTURA 118 DEL 01/03/2026", 101, "01234567890"),
		rec(120, 1, " 510000001", 11, "0000000118", 21, "FERRAMENTA BIANCHI"),
		rec(120, 1, " 700000001", 104, "0"),
		rec(120, 1, " EF", 4, "A1B2C", 9, "03069", 14, "050326", 20, "RIBA0326", 46, "0000001", 53, "000000000125000", 68, "000000000000000", 83, "0000008", 114, "E"),
	}, "\n")
}

// Payment and statement files written for this test from the published layouts:
// Elixir-O's receiver account, BgMax's payer's bankgiro and personnummer, TITO's
// account; anywhere a line starts, not in a line of another
// kind, with a failing check, or with the file's header changed.
func TestMorePaymentFiles(t *testing.T) {
	payee := nrb("102028920000550201234567")
	bg := "000" + "501234" + luhnDigit("000501234")
	pnr := "19811218" + "987" + luhnDigit("811218987")
	cases := []held5Case{
		{elixirExample("110", payee), "ach-account-number", payee},
		{elixirExample("110", payee), "ach-account-number", nrb("116022020000000061234567")},
		{bgmaxExample(bg, pnr), "national-id", pnr},
		{titoExample("45730010123452"), "ach-account-number", "45730010123452"},
		{cbiRibaExample("RSSMRA85T10A562S"), "national-id", "RSSMRA85T10A562S"},
	}
	for _, c := range cases[:len(cases):len(cases)] {
		cases = append(cases, held5Case{"report follows\n" + c.in, c.rule, c.value})
	}
	held5Want(t, cases)
	// the firms' accounts: the payer's and the payee's bankgiro, the TITO holder's
	for _, in := range []string{bgmaxExample(bg, pnr), titoExample("45730010123452")} {
		for _, v := range []string{bg, "0009912346", "12345600000785"} {
			if ms := scanAll(Default(), in); hasMatch(ms, "ach-account-number", v) {
				t.Errorf("a firm's account %s was reported: %s", v, describe(ms))
			}
		}
	}
	badNRB := payee[:25] + string('0'+(payee[25]-'0'+1)%10)
	line1 := func(s string) string { return strings.Split(s, "\r\n")[0] }
	held5Quiet(t, []string{
		line1(elixirExample("110", badNRB)),                                  // the NRB's check fails
		line1(elixirExample("999", payee)),                                   // no such message type
		line1(strings.ReplaceAll(elixirExample("110", payee), ",0,", ",1,")), // not the layout's fields
		"110,12,34,56,78\n110,20260305,1,2,3,\"4\",\"5\"\n",                  // ordinary CSV
		bgmaxExample(bg[:9]+string('0'+(bg[9]-'0'+1)%10), "198112180000"),    // no Luhn check either
		strings.Replace(bgmaxExample(bg, pnr), "01BGMAX", "01BGMIN", 1),
		"01,121000358,CASHPRO,260305,0630,1,80,10,2/\n02,CASHPRO,121000358,1,260304,,USD,2/\n03,0975312468,USD,010,1250000,,,/\n99,1250000,1,4/", // BAI2: a firm's own account
		titoExample("45730010123453"),      // the account's check fails
		cbiRibaExample("RSSMRA85T10A562T"), // the codice fiscale's check fails
		strings.Replace(cbiRibaExample("RSSMRA85T10A562S"), " 300000001", " 310000001", 1), // not the debtor's record
		strings.Replace(titoExample("45730010123452"), "T00322", "T00321", 1),
	}, "ach-account-number", "national-id")
}
