package detect

import "testing"

// A bank account number or a PAN under a key that names it, in JSON, YAML and XML; the
// same value under another key, or a value of another form under the same key, is not
// one.
func TestBankAccountAndPANKeys(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"bank_account": "402177891123"}`, "ach-account-number", "402177891123"},
		{"payee:\n  accountNumber: 3192-6819-44\n", "ach-account-number", "3192-6819-44"},
		{"<Party><BANKDETAILS>50100234771</BANKDETAILS></Party>", "ach-account-number", "50100234771"},
		{`{"Kontonummer": "0532013000"}`, "ach-account-number", "0532013000"},
		{"<INCOMETAXNUMBER>BQRPK4821M</INCOMETAXNUMBER>", "national-id", "BQRPK4821M"},
		{`{"pan_no": "AHJCS7310L"}`, "national-id", "AHJCS7310L"},
	})
	held5Quiet(t, []string{
		`{"account_id": "402177891123"}`,
		`{"aws_account_number": "402177891123"}`,
		`{"routing_number": "021000021"}`,
		`{"bank_account": "123456789"}`,
		`{"bank_account": "000000000"}`,
		`{"bank_account": "pending"}`,
		`{"account_number": "12"}`,
	}, "ach-account-number")
	held5Quiet(t, []string{
		`{"pan": "4111111111111111"}`,
		`{"pan_no": "AHJXS7310L"}`, // X is no holder type
		`{"pan_no": "AHJCS0000L"}`,
		`{"order_ref": "AHJCS7310L"}`,
	}, "national-id")
}
