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
