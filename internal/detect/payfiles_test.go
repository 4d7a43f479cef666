package detect

import (
	"strings"
	"testing"
)

// Payment files written for this test from the published layouts: the payee's account
// (and, in CNAB, the payee's CPF) is read where the layout puts it; the originator's
// own account, a record of another kind and a file without its header are not.
func TestPaymentFileAccounts(t *testing.T) {
	cnabB := func(kind, num string) string {
		hdr := padTo("23700000         1"+"00039053344705"+padTo("", 20)+"045670"+"000000012345", 240)
		seg := padTo("2370001300002B02 "+kind+num+padTo("RUA DAS FLORES 12", 30), 240)
		return hdr + "\n" + seg + "\n" + padTo("23799999", 240)
	}
	cnab400 := func(kind, num string) string {
		hdr := padTo("01REMESSA01COBRANCA       00000000000000123456CASA VERDE", 400)
		det := padTo("102"+"11222333000181"+strings.Repeat(" ", 201)+kind+num+padTo("LUCAS PEREIRA", 40), 400)
		return hdr + "\n" + det + "\n" + padTo("9", 400)
	}
	held5Want(t, []held5Case{
		{abaExample("1", "53"), "ach-account-number", "4217689"},
		{abaExample("1", "50"), "ach-account-number", "4217689"},
		{cnab240Example("A"), "ach-account-number", "000061239874"},
		{bacsExample("99", ""), "ach-account-number", "41638205"},
		{bacsExample("17", ""), "ach-account-number", "41638205"},
		{cnabB("1", "00052998224725"), "national-id", "52998224725"},
		{cnab400("01", "00052998224725"), "national-id", "52998224725"},
	})
	held5Quiet(t, []string{
		abaExample("1", "13"), // the balancing record: the remitter's own account
		abaExample("1", "99"), // no such transaction code
		strings.Replace(abaExample("1", "53"), "0 ", "X ", 1), // no descriptive record
		cnab240Example("J"),
		strings.Replace(cnab240Example("A"), "34100000 ", "34100010 ", 1), // not a file header
		bacsExample("99", "CONTRA"),
		strings.Replace(bacsExample("99", ""), "HDR1", "HDRX", 1), // the labels are not BACS's
	}, "ach-account-number")
	held5Quiet(t, []string{
		cnabB("1", "00052998224726"), // the CPF's check digits fail
		cnabB("2", "11222333000181"), // a company's CNPJ
		cnab400("02", "00052998224725"),
	}, "national-id")
}

// The payment files are read wherever their first record starts a line: at the text's
// start (start), after other lines (the line break anchors), after CRLF lines, and in
// a decoded view. The readers of every layout answer under one detector.
func TestPaymentFilesAnyLine(t *testing.T) {
	files := []held5Case{
		{abaExample("1", "53"), "ach-account-number", "4217689"},
		{cnab240Example("A"), "ach-account-number", "000061239874"},
		{bacsExample("99", ""), "ach-account-number", "41638205"},
		{cfonb160Example("06", "04567890123"), "ach-account-number", "04567890123"},
		{cfonb120Example("00012345678"), "ach-account-number", "00012345678"},
		{aeb43Example("0200051332", "260301"), "ach-account-number", "0200051332"},
		{dtausExample("GK", "1234567890", false), "ach-account-number", "1234567890"},
		{dtausExample("LK", "1234567890", true), "ach-account-number", "1234567890"},
		{codaExample("539007547034"), "ach-account-number", "539007547034"},
		{zenginExample("21", "7654321"), "ach-account-number", "7654321"},
		{cpa005Example("MAPLEPAY01", "87654321"), "ach-account-number", "87654321"},
		{mt940Example("123456789"), "ach-account-number", "123456789"},
		{aeb19Example("00491500092710347816"), "ach-account-number", "00491500092710347816"},
		{clieopExample("00", "0436281904", "0123456789"), "ach-account-number", "0123456789"},
	}
	var cases []held5Case
	for _, c := range files {
		cases = append(cases, c,
			held5Case{"exported 2026-03-05 by the bank's portal\n" + c.in, c.rule, c.value},
			held5Case{strings.ReplaceAll("file follows:\n"+c.in, "\n", "\r\n"), c.rule, c.value})
	}
	held5Want(t, cases)
	// DTAUS's A record after a blank (a file written without line breaks)
	held5Want(t, []held5Case{{"DTAUS0 " + dtausExample("GK", "1234567890", false), "ach-account-number", "1234567890"}})
}

// The anchors of the payment files and the identity forms wake nothing on runs of
// digits that no record or form starts: numbers in a log line, mid-line, after blanks
// or signs.
func TestPaymentAnchorsQuietOnDigits(t *testing.T) {
	e := Default()
	text := []byte("2026-12-07 18:30:00.123 id=12345678901234567890 n 00000000000000000000000000000000 " +
		":12:34: ts=1733590000123 0x-00123456789 -1234567890 5680123456789012345678 " +
		"01280 03020000        01234567    \n  0000000000000000000000 1/2345678\n")
	n := 0
	e.ac.run(text, func(pat int32, end int) {
		for _, t := range e.dispatch[pat] {
			switch t.det.(type) {
			case *payFileDet, *idFormDet:
				n++
			}
		}
	})
	if n != 0 {
		t.Errorf("the payment file and identity form anchors fired %d times on a line of digit runs", n)
	}
}
