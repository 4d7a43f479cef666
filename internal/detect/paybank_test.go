package detect

import (
	"strings"
	"testing"
)

// rec builds a fixed-width record of n columns from fields placed at their 1-based
// columns.
func rec(n int, fields ...any) string {
	b := []byte(strings.Repeat(" ", n))
	for i := 0; i+1 < len(fields); i += 2 {
		copy(b[fields[i].(int)-1:], fields[i+1].(string))
	}
	return string(b)
}

func cfonb160Example(code, acct string) string {
	return strings.Join([]string{
		rec(160, 1, "0302", 13, "123456", 26, "07036", 31, "ATELIERS DUBOIS SARL", 82, "00012", 87, "00045678901", 150, "30004"),
		rec(160, 1, code+"02", 13, "123456", 19, "SAL0326", 31, "MARTIN CLAIRE", 55, "BNP PARIS", 83, "00456", 88, acct, 99, "0000000000215050", 115, "SALAIRE MARS", 150, "30004"),
		rec(160, 1, "0802", 13, "123456", 99, "0000000000215050"),
	}, "\n")
}

func cfonb120Example(acct string) string {
	return strings.Join([]string{
		rec(120, 1, "01", 3, "30004", 12, "00456", 17, "EUR", 20, "2", 22, acct, 35, "010326", 91, "0000000012345{"),
		rec(120, 1, "04", 3, "30004", 8, "0117", 12, "00456", 17, "EUR", 20, "2", 22, acct, 35, "050326", 49, "VIR SEPA LOYER", 91, "0000000000800}"),
		rec(120, 1, "07", 3, "30004", 12, "00456", 17, "EUR", 20, "2", 22, acct, 35, "310326", 91, "0000000011545{"),
	}, "\n")
}

func aeb43Example(acct, date string) string {
	return strings.Join([]string{
		rec(80, 1, "11", 3, "2100", 7, "0418", 11, acct, 21, date, 27, "260331", 33, "2", 34, "00000001234500", 48, "978", 51, "3", 52, "GARCIA LOPEZ MARIA"),
		rec(80, 1, "22", 3, "    ", 7, "0418", 11, "260305", 17, "260305", 23, "02", 25, "015", 28, "1", 29, "00000000050000", 43, "0000000000", 53, "0000000000"),
		rec(80, 1, "33", 3, "2100", 7, "0418", 11, "00001", 16, "00000000050000", 35, "00000", 40, "00000000000000", 54, "2", 55, "00000001184500", 69, "978"),
		rec(80, 1, "88", 3, "999999999999999999", 21, "000003"),
	}, "\n")
}

func dtausExample(kind, acct string, lines bool) string {
	a := rec(128, 1, "0128A", 6, kind, 8, "37040044", 16, "00000000", 24, "MUELLER HAUSTECHNIK GMBH", 51, "050326", 61, "0532013000", 128, "1")
	c := rec(256, 1, "0187C", 6, "37040044", 14, "50010517", 22, acct, 32, "0000000000000", 45, "51000", 51, " ", 52, "00000000000", 62, "37040044", 70, "0532013000", 81, "00000215050", 94, "SCHMIDT ANNA", 129, "MUELLER HAUSTECHNIK GMBH", 156, "LOHN MAERZ", 183, "1", 186, "00")
	e := rec(128, 1, "0128E", 6, "     ", 11, "0000001", 18, "0000000000000", 31, "00000000050010517", 48, "0000000000000", 61, "00000215050")
	if lines {
		return a + "\n" + c[:187] + "\n" + e
	}
	return a + c + e
}

func codaExample(acct23 string) string {
	return strings.Join([]string{
		rec(128, 1, "00000", 6, "050326", 12, "300", 15, "05", 25, "0000000001", 35, "JANSSENS PIETER", 61, "BBRUBEBB", 72, "00000000000", 128, "2"),
		rec(128, 1, "10", 3, "001", 6, "310000001201 EUR0BE", 43, "0000000001234500", 59, "040326", 65, "JANSSENS PIETER", 125, "001"),
		rec(128, 1, "21", 3, "0001", 7, "0000", 11, "0000000000000001", 32, "1000000000050000", 48, "050326", 54, "001010000", 126, "0", 128, "1"),
		rec(128, 1, "23", 3, "0001", 7, "0000", 11, acct23+" EUR", 48, "PEETERS AN", 126, "0", 128, "0"),
		rec(128, 1, "8001", 6, "310000001201 EUR0BE", 43, "0000000001184500", 58, "050326", 128, "0"),
		rec(128, 1, "9", 17, "000005", 23, "000000000050000", 38, "000000000000000", 128, "2"),
	}, "\n")
}

func zenginExample(kind, acct string) string {
	return strings.Join([]string{
		rec(120, 1, "1"+kind+"0", 5, "1234567890", 15, "K)YAMADASHOJI", 55, "0325", 59, "0001", 63, "MIZUHO", 78, "001", 81, "HONTEN", 96, "1", 97, "1234567"),
		rec(120, 1, "2", 2, "0005", 6, "MUFG", 21, "123", 24, "SHIBUYA", 43, "1", 44, acct, 51, "SUZUKI HANAKO", 81, "0000250000", 91, "0", 112, "7"),
		rec(120, 1, "8", 2, "000001", 8, "000000250000"),
		rec(120, 1, "9"),
	}, "\n")
}

func cpa005Example(orig, acct string) string {
	seg := "450" + "0000215050" + "026085" + "000305012" + padTo(acct, 12)
	return strings.Join([]string{
		padTo("A000000001"+"MAPLEPAY01"+"0001"+"026080"+"86900", 1464),
		padTo("C000000002"+orig+"0001"+padTo(seg, 240), 1464),
		padTo("Z000000003"+"MAPLEPAY01"+"0001", 1464),
	}, "\n")
}

func mt940Example(acct string) string {
	return ":20:STMT260331\n:25:" + acct + "\n:28C:00062/001\n:60F:C260330EUR1234,50\n:61:2603310331D50,00NMSCNONREF\n:86:MIETE MAERZ\n:62F:C260331EUR1184,50\n-"
}

// Bank files and statements written for this test from the published layouts: the
// payee's or the statement holder's account is read where the layout puts it; a file
// without its header, a record of another kind, the sender's own account, a failing
// Belgian check and ordinary text are not.
func TestBankFileAccounts(t *testing.T) {
	// the Zengin file as written (single-byte half-width kana, here ASCII capitals) and
	// decoded to UTF-8 (each capital a 3-byte half-width kana)
	kana := strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return 0xFF71 + (r - 'A')
		}
		return r
	}, zenginExample("21", "7654321"))
	held5Want(t, []held5Case{
		{cfonb160Example("06", "04567890123"), "ach-account-number", "04567890123"},
		{cfonb120Example("00012345678"), "ach-account-number", "00012345678"},
		{aeb43Example("0200051332", "260301"), "ach-account-number", "0200051332"},
		{dtausExample("GK", "1234567890", false), "ach-account-number", "1234567890"},
		{dtausExample("LK", "1234567890", true), "ach-account-number", "1234567890"},
		{codaExample("539007547034"), "ach-account-number", "539007547034"},
		{codaExample("539007547034"), "ach-account-number", "310000001201"},
		{zenginExample("21", "7654321"), "ach-account-number", "7654321"},
		{kana, "ach-account-number", "7654321"},
		{cpa005Example("MAPLEPAY01", "87654321"), "ach-account-number", "87654321"},
		{mt940Example("37040044/0532013000"), "ach-account-number", "0532013000"},
		{mt940Example("123456789"), "ach-account-number", "123456789"},
	})
	held5Quiet(t, []string{
		cfonb160Example("07", "04567890123"),                                          // not a detail record
		strings.Replace(cfonb160Example("06", "04567890123"), "0302", "0399", 1),      // the header's operation differs
		strings.Replace(cfonb120Example("00012345678"), "EUR", "e r", 1),              // no currency
		aeb43Example("0200051332", "261301"),                                          // no such month
		strings.Replace(dtausExample("GK", "1234567890", false), "0128A", "0128X", 1), // no A record
		dtausExample("XX", "1234567890", false),
		strings.ReplaceAll(codaExample("539007547035"), "310000001201", "310000001202"), // the Belgian checks fail
		strings.Replace(codaExample("539007547034"), "30005", "30007", 1),               // another application
		strings.Replace(zenginExample("21", "7654321"), "1210", "1990", 1),              // no such kind
		cpa005Example("OTHERORG01", "87654321"),                                         // another originator
		strings.Replace(mt940Example("123456789"), ":28C:", ":23B:", 1),                 // not a statement
		mt940Example("DE44500105175407324931"),                                          // an IBAN: the iban rule's
		"id,amount,date\n0302000000000000,12.50,2026-03-01\n" + strings.Repeat("0", 40), // ordinary CSV and digits
		"11210004180200051332260301260331200000001234500978\n",                          // a header cut short
	}, "ach-account-number")
}

func aeb19Example(ccc string) string {
	return strings.Join([]string{
		rec(162, 1, "5180", 5, "B12345678000", 17, "050326", 29, "TALLERES RUIZ SL", 89, "0049", 93, "1500"),
		rec(162, 1, "5380", 5, "B12345678000", 17, "050326", 23, "100326", 29, "TALLERES RUIZ SL", 69, "00491500052710347816", 157, "001"),
		rec(162, 1, "5680", 5, "B12345678000", 17, "000000004471", 29, "FERNANDEZ DIAZ LUIS", 69, ccc, 89, "0000012550", 99, "000000", 105, "0000004471", 115, "CUOTA MARZO"),
		rec(162, 1, "5880", 5, "B12345678000", 89, "0000012550", 105, "0000000001", 115, "0000000003"),
		rec(162, 1, "5980", 5, "B12345678000", 89, "0001", 105, "0000012550", 115, "0000000001", 125, "0000000005"),
	}, "\n")
}

// Spain's Norma 19 debtor's CCC: read with both its checks right, not with one wrong
// or in a record of another kind.
func TestAEB19Accounts(t *testing.T) {
	held5Want(t, []held5Case{{aeb19Example("00491500092710347816"), "ach-account-number", "00491500092710347816"}})
	held5Quiet(t, []string{
		aeb19Example("00491500192710347816"), // the first check fails
		aeb19Example("00491500082710347816"), // the second check fails
		strings.Replace(aeb19Example("00491500092710347816"), "5680", "5690", 1),
	}, "ach-account-number")
}

func clieopExample(group, payer, payee string) string {
	return strings.Join([]string{
		rec(50, 1, "0001A", 6, "050326", 12, "CLIEOP03", 20, "BAKER", 25, "0501", 29, "1"),
		rec(50, 1, "0010B", 6, group, 8, "0436281904", 18, "0001", 22, "EUR"),
		rec(50, 1, "0020A", 6, "VESTIGING NOORD"),
		rec(50, 1, "0030B", 6, "1", 7, "050326", 13, "BAKKERIJ DE VRIES", 48, "P"),
		rec(50, 1, "0100A", 6, "0000", 10, "000000215050", 22, payer, 32, payee),
		rec(50, 1, "0110B", 6, "J JANSEN"),
		rec(50, 1, "9990A", 6, "000000215050", 18, "0000000000000000001", 37, "0000001"),
		rec(50, 1, "9999A"),
	}, "\n")
}

// ClieOp03: the counterparty's account in a transaction record, not the principal's own.
func TestClieOpAccounts(t *testing.T) {
	held5Want(t, []held5Case{
		{clieopExample("00", "0436281904", "0123456789"), "ach-account-number", "0123456789"},
		{clieopExample("10", "0573920148", "0436281904"), "ach-account-number", "0573920148"},
	})
	held5Quiet(t, []string{
		strings.Replace(clieopExample("00", "0436281904", "0123456789"), "CLIEOP03", "CLIEOP04", 1),
		strings.Replace(clieopExample("00", "0436281904", "0123456789"), "0100A", "0100X", 1),
	}, "ach-account-number")
	if ms := scanAll(Default(), clieopExample("00", "0436281904", "0123456789")); hasMatch(ms, "ach-account-number", "0436281904") {
		t.Errorf("the principal's own account was reported: %s", describe(ms))
	}
}
