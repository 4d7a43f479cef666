package detect

import "testing"

// Proxmox VE API tokens: the Authorization header, and the table `pveum user token
// add` prints.
func TestProxmoxTokens(t *testing.T) {
	const u = "7c0e5a9d-3b21-4f86-a4d2-91be03c6f7a8"
	table := "┌──────────────┬──────────────────────────────────────┐\n" +
		"│ key          │ value                                │\n" +
		"╞══════════════╪══════════════════════════════════════╡\n" +
		"│ full-tokenid │ ci@pam!deploy                        │\n" +
		"├──────────────┼──────────────────────────────────────┤\n" +
		"│ info         │ {\"privsep\":\"0\"}                     │\n" +
		"├──────────────┼──────────────────────────────────────┤\n" +
		"│ value        │ " + u + " │\n" +
		"└──────────────┴──────────────────────────────────────┘\n"
	held5Want(t, []held5Case{
		{"curl -H 'Authorization: PVEAPIToken=ci@pam!deploy=" + u + "' https://pve.example.test:8006/api2/json/nodes", "generic-api-key", u},
		{"  api_token: \"PVEAPIToken ci@pve!tf=" + u + "\"", "generic-api-key", u},
		{table, "generic-api-key", u},
	})
	h11Quiet(t, []string{
		"vmid: 101\nsmbios1: uuid=" + u,
		"│ full-tokenid │ ci@pam!deploy │\n│ expire       │ 0             │\n│ vmgenid      │ " + u + " │",
	})
}

// A Proxmox Backup Server key file's "data" member.
func TestPBSKeyFile(t *testing.T) {
	const k = "q3Vw7Jd0Kf9sL2mZx8RtYb1Ne4HcPa6UoG5iTjWvE0k="
	held5Want(t, []held5Case{
		{`{"kdf":null,"created":"2026-01-02T10:00:00+02:00","modified":"2026-01-02T10:00:00+02:00","data":"` + k + `","fingerprint":"aa:bb"}`, "generic-api-key", k},
		{"{\n  \"kdf\": {\"Scrypt\": {\"n\": 65536, \"r\": 8, \"p\": 1, \"salt\": [1,2,3]}},\n  \"data\": \"" + k + "\"\n}", "generic-api-key", k},
	})
	h11Quiet(t, []string{
		`{"kdf":null,"data":"aGVsbG8="}`,
		`{"kdf":"pbkdf2","data":"not base64 at all, just words"}`,
	})
}
