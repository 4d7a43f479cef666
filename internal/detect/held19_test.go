package detect

import "testing"

// The classes the held19a evaluation split showed missing (held19b, its held-out
// sibling, was only read in totals). Strings written for the test, beside controls
// that must stay quiet.

// Proxmox VE API tokens: the Authorization header, and the table `pveum user token
// add` prints.
func TestHeld19ProxmoxTokens(t *testing.T) {
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
func TestHeld19PBSKeyFile(t *testing.T) {
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

// IATA e-mail in an SSR CTCE element, and a card in a form of payment.
func TestHeld19PNRContacts(t *testing.T) {
	held5Want(t, []held5Case{
		{"  6 SSR CTCE YY HK1 AMIRA.HADDAD//EXAMPLE.COM.JO/P1", "email", "AMIRA.HADDAD//EXAMPLE.COM.JO"},
		{"  4 SSR CTCE LH HK1/J..SMITH//MAIL./HOST.DE-1SMITH/JOHNMR", "email", "J..SMITH//MAIL./HOST.DE"},
		{"  9 FP CCVI4532017719462809/0927*CV/AAPS1OK", "credit-card", "4532017719462809"},
		{"  9 FP PAX CCCA5491182304475610/1128", "credit-card", "5491182304475610"},
	})
	held5Quiet(t, []string{
		"  6 SSR CTCE YY HK1 NOTANADDRESS/P1",
		"  6 SSR OTHS YY see //wiki.example/x",
		"  9 FP CCVI4532017719462808/0927",
		"  9 FP CASH",
	}, "email", "credit-card")
}

// Mailgun's legacy keys are base 36, not only hexadecimal.
func TestHeld19MailgunBase36(t *testing.T) {
	const k = "key-3bx7ynkq29jd6feq4gc373sgvjxtzm1w"
	held5Want(t, []held5Case{
		{`"bulkEmail": {"mailgun": {"apiKey": "` + k + `", "domain": "mg.example.test"}}`, "mailgun-api-key", k},
	})
	held5Quiet(t, []string{"monkey-3bx7ynkq29jd6feq4gc373sgvjxtzm1w", "key-abcdefghijklmnopqrstuvwxyzabcdef"}, "mailgun-api-key")
}

// A phone number that a fixed-width record runs into the next field with one blank.
func TestHeld19PhoneBeforeNextField(t *testing.T) {
	held5Want(t, []held5Case{
		{"58519091OKSANA HRYHORENKO         o.h@example.com.ua                  +380 67 512 44 83 05034876374       UA58", "phone-number", "+380 67 512 44 83"},
		{"55492819ADI SANTOSO               adi@example.co.id                   +62 857-2210-4468 012528600         ID", "phone-number", "+62 857-2210-4468"},
	})
	// the column's width from the record above: the next field starts with a short group
	const rec = "82515434AYESHA QURESHI            a.q@example.com.pk                  +91 71883 29550   7612 0044 9921    PK\n" +
		"51915924NOA LEVI                  noa@example.co.il                   +62 884-1065-4773 3217 0600 5032    IL\n"
	held5Want(t, []held5Case{{rec, "phone-number", "+62 884-1065-4773"}})
	held5Quiet(t, []string{
		"build +20191229111838 20240101",
		"offset +1 2 3 4 5 6 7 8 9 0 1 2 3",
		"total +12345 678901234",
	}, "phone-number")
}

// The tail of a percent-encoded URL password, once decoded, is no e-mail address.
func TestHeld19EmailUserinfoTail(t *testing.T) {
	held5Quiet(t, []string{
		"kernel ${base-url}/vmlinuz inst.ks=https://ks:Tq7vPzXh%2CB4O%40NXJtU%3B7%5E%5BV@boot.example-corp.com.bd/ks.cfg console=ttyS0",
	}, "email")
	held5Want(t, []held5Case{
		{"https://crm.example.org/contacts?id=7&email=maria.garcia@mail.ru", "email", "maria.garcia@mail.ru"},
		{"see https://wiki.example.org/team: omar.tanaka3@proton.me", "email", "omar.tanaka3@proton.me"},
	})
}

// QGIS project variables: parallel lists of names and values.
func TestHeld19QGISVariables(t *testing.T) {
	const k = "00xQ4pLm9Zr2Tb7Kc1Wd8Hf3Ns6Vg5Yj0Ae4Ui7Oo2"
	held5Want(t, []held5Case{
		{"    <Variables>\n      <variableNames type=\"QStringList\"><value>owner</value><value>api_key</value></variableNames>\n      <variableValues type=\"QStringList\"><value>gis team</value><value>" + k + "</value></variableValues>\n    </Variables>", "generic-api-key", k},
		{"<variableNames type=\"QStringList\"><value>db_password</value></variableNames>\n<variableValues type=\"QStringList\"><value>Harbin^5521</value></variableValues>", "password-assignment", "Harbin^5521"},
	})
	h11Quiet(t, []string{
		"<variableNames type=\"QStringList\"><value>project_key</value><value>api_key</value></variableNames>\n<variableValues type=\"QStringList\"><value>PARCELS</value></variableValues>",
		"<variableNames type=\"QStringList\"><value>owner</value><value>crs</value></variableNames>\n<variableValues type=\"QStringList\"><value>aB3dE5fG7hJ9kL1mN3pQ5rS7</value><value>EPSG:3857</value></variableValues>",
	})
}

// Apple's app-specific passwords are letters only, and still passwords.
func TestHeld19AppPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"#   APPLE_APP_SPECIFIC_PASSWORD=qmvt-hzrk-wpld-xcna", "password-assignment", "qmvt-hzrk-wpld-xcna"},
	})
	h11Quiet(t, []string{"password=GID", "renderPass=renderPassInfos", "password=qmvt-hzrk-wpld"})
}

// A password file printed by cat between two prompts.
func TestHeld19CatSecretFile(t *testing.T) {
	held5Want(t, []held5Case{
		{"root@pve1:~# cat /etc/pve/priv/storage/nas-backup.pw\nTq7v+PzXh\\50\nroot@pve1:~# ls\n", "password-assignment", "Tq7v+PzXh\\50"},
		{"$ cat /run/secrets/db_password\nharbin sylhet 85@\n$ exit\n", "password-assignment", "harbin sylhet 85@"},
	})
	h11Quiet(t, []string{
		"root@h:~# cat /etc/passwd\nroot:x:0:0:root:/root:/bin/bash\nroot@h:~# ls\n",
		"$ cat notes.txt\nQz7!marlin2\n$ exit\n",
		"$ cat /run/secrets/db_password\nline one\nline two\n$ exit\n",
	})
}

// A DXL item named for a password holds it in its text; Domino's hash is in parentheses.
func TestHeld19NamedItem(t *testing.T) {
	held5Want(t, []held5Case{
		{"<item name='HTTP_SSO_LtpaPassword'><text>Harbin^5521</text></item>", "password-assignment", "Harbin^5521"},
		{`<item name="SMTPPassword" sign="true"><textlist><text>Tern&amp;8832x</text></textlist></item>`, "password-assignment", "Tern&amp;8832x"},
	})
	h11Quiet(t, []string{
		"<item name='HTTPPassword' sign='true' seal='true'><text>(0BD3C33A877AF4AEEA8082D50F009B50)</text></item>",
		"<item name='PasswordChangeInterval'><number>90</number></item>",
		"<item name='ShortName'><text>ruddin</text></item>",
	})
}

// An Xcode scheme's launch argument "-Key value" sets a user default.
func TestHeld19LaunchArgument(t *testing.T) {
	held5Want(t, []held5Case{
		{`            argument = "-UITestPassword &quot;Harbin^5521&quot;"`, "password-assignment", "Harbin^5521"},
		{`            argument = "-AdminPassword Tern#8832x"`, "password-assignment", "Tern#8832x"},
	})
	h11Quiet(t, []string{
		`            argument = "-FIRDebugEnabled"`,
		`            argument = "-UITestPassword $(TEST_PASSWORD)"`,
		`            argument = "-com.apple.CoreData.SQLDebug 1"`,
	})
}

// "login USER / PASSWORD" in a note, without a colon.
func TestHeld19LoginPairBare(t *testing.T) {
	held5Want(t, []held5Case{
		{"  ; login svc_ledger / Harbin^5521", "password-assignment", "Harbin^5521"},
	})
	h11Quiet(t, []string{
		"see the login page / Settings2024 tab",
		"login user/Harbin^5521",
		"after login admin / logout",
	})
}

// A value that says it is not a real one is a placeholder.
func TestHeld19NotARealValue(t *testing.T) {
	h11Quiet(t, []string{
		"## Access\n\n| System | URL | User | Password |\n| --- | --- | --- | --- |\n| Grafana | https://grafana.example.test | svc_ledger | `xoxb-not-a-real-token` |\n",
		"password: not-a-real-password",
		`{"api_key": "sk_live_not_a_real_key_0000"}`,
	})
	held5Quiet(t, []string{"SLACK_BOT_TOKEN=xoxb-not-a-real-token"}, "slack-bot-token", "slack-token", "password-assignment", "generic-api-key")
}
