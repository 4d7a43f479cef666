package detect

import "testing"

// "login USER / PASSWORD" in a note, without a colon.
func TestLoginPairBare(t *testing.T) {
	held5Want(t, []held5Case{
		{"  ; login svc_ledger / Harbin^5521", "password-assignment", "Harbin^5521"},
	})
	h11Quiet(t, []string{
		"see the login page / Settings2024 tab",
		"login user/Harbin^5521",
		"after login admin / logout",
	})
}
