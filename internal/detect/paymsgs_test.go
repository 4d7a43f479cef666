package detect

import (
	"strings"
	"testing"
)

// SWIFT MT party fields and ISO 20022 party accounts, written for this test from the
// published field layouts.
func TestPaymentMessageAccounts(t *testing.T) {
	mt := func(f59 string) string {
		return "{4:\n:20:REF88213\n:32A:260402GBP410,00\n:50K:/ACC-20931\nPRIYA NAIR\n" + f59 + "\nLEE WING\n-}"
	}
	mtOnly := func(f string) string {
		return "{4:\n:20:REF88213\n:32A:260402GBP410,00\n" + f + "\nLEE WING\n-}"
	}
	iso := func(party, id string) string {
		return "<Document><pain.001><" + party + ">\n <Id>\n  <Othr>\n   <Id>" + id + "</Id>\n  </Othr>\n </Id>\n</" + party + ">"
	}
	held5Want(t, []held5Case{
		{mt(":59:/40118822"), "ach-account-number", "40118822"},
		{mt(":59A:/0099177345"), "ach-account-number", "0099177345"},
		{mtOnly(":59:/40118822"), "ach-account-number", "40118822"},
		{mtOnly(":50F:/40118822"), "ach-account-number", "40118822"},
		{iso("CdtrAcct", "550120083"), "ach-account-number", "550120083"},
		{iso("DbtrAcct", "88-301-7744"), "ach-account-number", "88-301-7744"},
		{strings.ReplaceAll(iso("CdtrAcct", "550120083"), "<Cdtr", "<doc:Cdtr"), "ach-account-number", "550120083"},
	})
	held5Quiet(t, []string{
		":59:/40118822\nLEE WING",                                              // no message fields around
		"{4:\n:20:REF88213\n:59:/40118822\nLEE WING",                           // no amount field
		strings.Replace(mt(":59:/00000000"), ":50K:/ACC-20931", ":50K:/12", 1), // all zeros; too few digits
		// another field's number (the prefilter reads any digit for any digit): the
		// sender's correspondent's and the account-with institution's accounts are
		// banks', and a related reference is no account
		mtOnly(":57A:/40118822"), mtOnly(":52A:/40118822"), mtOnly(":21:/40118822"), mtOnly(":56F:/40118822"),
		iso("CdtrAgt", "550120083"),
		iso("CdtrAcct", "pending"),
	}, "ach-account-number")
}
