package detect

import "testing"

// The format readers report the value as the format means it: a quoted value without
// its quotes, a GPP cpassword as the file holds it (decrypted only to judge it).
func TestFormats39Values(t *testing.T) {
	held5Want(t, []held5Case{
		{"client nas01 {\n\tipaddr = 10.2.0.5\n\tsecret = \"Sx7Lq2Wm9Tz4Kp\"\n}", "freeradius-client-secret", "Sx7Lq2Wm9Tz4Kp"},
		{`add name=office wpa2-pre-shared-key="Pine-Harbor-6620"`, "mikrotik-wifi-psk", "Pine-Harbor-6620"},
		{`<Properties action="U" cpassword="j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw" userName="LocalAdmin"/>`, "gpp-cpassword", "j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw"},
	})
	held5Quiet(t, []string{
		"client nas01 {\n\tipaddr = 10.2.0.5\n\tsecret = admin\n}",
		"client localhost {\n\tipaddr = 127.0.0.1\n\tsecret = testing123\n}",
	}, "freeradius-client-secret")
	held5Quiet(t, []string{
		`"bearer": {"repo.example.org": "sha512-UnJ3MkVFQUVXak41SFFNTDg3bmV5emVCUDJGZ1l6TmsxRnJlUnV1dkZmbUpjWGRPQUNlSWptc09ZaUJBampTNQ=="}`,
		`"bearer": {"repo.example.org": "8614a6fc-3e7a-45b9-b61b-43e9851f3687"}`,
		`"bearer": {"repo.example.org": "ENC[AES256_GCM,data:dEFZdFRKSzljSXl6WWNveUlC,iv:UmxPU1RMSFByOUVoQlEzdzhuNEx6YWJv,tag:SHRrVVRsUUtTWlJo,type:str]"}`,
	}, "composer-auth-token")
	if pw, ok := gppDecrypt([]byte("j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw")); !ok || pw != "Local*P4ssword!" {
		t.Errorf("cpassword decrypts to %q, %v; want Microsoft's published example's password", pw, ok)
	}
}
