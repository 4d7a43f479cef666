package detect

import "testing"

// A Kerberos key printed on its enctype's line is as long as the enctype's key; a hex
// run of another length there is not a key.
func TestKerberosKeys(t *testing.T) {
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
func TestKerberosPasswords(t *testing.T) {
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
