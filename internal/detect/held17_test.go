package detect

import "testing"

// The classes the held17a evaluation split showed missing (held17b, its held-out
// sibling, was only read in totals). Each test covers one structure with strings
// written for the test, beside controls that must stay quiet.

// A Kerberos key printed on its enctype's line is as long as the enctype's key; a hex
// run of another length there is not a key.
func TestHeld17KerberosKeys(t *testing.T) {
	const k256 = "3f9a0c1d7e6b25a48c0f1e2d3b4a5968778695a4b3c2d1e0f0e1d2c3b4a59687"
	const k128 = "b71e04c9a3d58f62e1a0c7b49d3f2856"
	held5Want(t, []held5Case{
		{"   3 02/11/2026 09:41:07 host/db4.example.test@EXAMPLE.TEST (aes256-cts-hmac-sha1-96)  (0x" + k256 + ")", "generic-api-key", k256},
		{"   3 02/11/2026 09:41:07 DB4$@EXAMPLE.TEST (aes128-cts-hmac-sha1-96)  (0x" + k128 + ")", "generic-api-key", k128},
		{"  2  arcfour-hmac-md5  HTTP/web.example.test@EXAMPLE.TEST  2026-02-11  " + k128, "generic-api-key", k128},
	})
	h11Quiet(t, []string{
		// wrong length for the enctype: a hash, not the key
		"   3 02/11/2026 09:41:07 DB4$@EXAMPLE.TEST (aes128-cts-hmac-sha1-96)  (0x" + k256 + ")",
		"sha256 of aes256-cts-hmac-sha1-96.c: " + k128,
		"   3 02/11/2026 09:41:07 DB4$@EXAMPLE.TEST (aes256-cts-hmac-sha1-96)",
	})
}

// Kerberos administration tools take a password by a flag or from their standard
// input.
func TestHeld17KerberosPasswords(t *testing.T) {
	held5Want(t, []held5Case{
		{`$ kadmin -p admin/admin@EXAMPLE.TEST -w 'Rivne#4417' -q "ktadd -k /etc/krb5.keytab host/db1.example.test"`, "password-assignment", "Rivne#4417"},
		{`C:\> ktpass /princ HTTP/web.example.test@EXAMPLE.TEST /mapuser svc_web /pass Qz7!marlin2 /out web.keytab`, "password-assignment", "Qz7!marlin2"},
		{"$ echo 'Harbin^5521' | kinit svc_batch@EXAMPLE.TEST", "password-assignment", "Harbin^5521"},
		{`echo "Tallinn42!x" | passwd --stdin deploy`, "password-assignment", "Tallinn42!x"},
	})
	h11Quiet(t, []string{
		`$ kadmin -p admin/admin@EXAMPLE.TEST -q "listprincs"`,
		"$ echo $KRB5CCNAME | kinit -R",
	})
}

// A card number under a member called only "number" of an object named for the card,
// and card words of more languages before a number in text.
func TestHeld17CardContexts(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"card":{"number":"4532017719462809","exp":"09/27"}}`, "credit-card", "4532017719462809"},
		{`{"payment_card": {"brand": "mc", "number": "5491182304475610"}}`, "credit-card", "5491182304475610"},
		{`"content": "Broj kartice: 4532017719462809",`, "credit-card", "4532017719462809"},
		{`"text": "Kortnummer: 5491182304475610",`, "credit-card", "5491182304475610"},
	})
	h11Quiet(t, []string{
		`{"order":{"number":"4532017719462809"}}`,
		`{"card":{"id":"4532017719462809"}}`,
	})
}

// GEDCOM's IDNO record (and "IdNo" fields) names an identity number; the number still
// has to pass its check digit.
func TestHeld17IDNo(t *testing.T) {
	held5Want(t, []held5Case{
		{"0 @I7@ INDI\n1 IDNO 070593-436L\n2 TYPE Henkilötunnus\n", "national-id", "070593-436L"},
		{"1 IDNO 690314-3276\n2 TYPE Personnummer\n", "national-id", "690314-3276"},
	})
	h11Quiet(t, []string{
		"1 IDNO 070593-436M\n",
		"1 IDNO 690314-3277\n",
	})
}
