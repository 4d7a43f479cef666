package detect

import "testing"

// A string literal's prefix letters (SQL's N'…' and E'…', Python's b'…', r'…', u'…',
// rb'…') stand between the operator and the quote; the value is the literal's text.
func TestPrefixedStringLiteral(t *testing.T) {
	held5Want(t, []held5Case{
		{"UPDATE accounts SET password = N'Gull!4829Reef' WHERE id = 7;", "password-assignment", "Gull!4829Reef"},
		{"INSERT INTO cfg (k, v) VALUES ('x', 'y'); SET @db_password = N'Plover^3361Fen';", "password-assignment", "Plover^3361Fen"},
		{"    password = b'Kite#5570Marsh'", "password-assignment", "Kite#5570Marsh"},
		{"SMTP_PASSWORD = r'Stoat~2284Glen'", "password-assignment", "Stoat~2284Glen"},
		{"db_password := E'Vole*7719Tarn';", "password-assignment", "Vole*7719Tarn"},
		{"admin_password = rb'Shrike+6603Moor'", "password-assignment", "Shrike+6603Moor"},
	})
	h11Quiet(t, []string{
		"password = N'${DB_PASSWORD}'",
		"password_hash = X'9f86d081884c7d659a2feaa0c55ad015'",
		"password = f'{prefix}{suffix}'",
		"password = xb'Kite#5570Marsh'",
	})
}

// "user:password@host:port" without a scheme (proxy settings, curl's -x, connection
// notes) and Oracle's Easy Connect with a dotted or dashed user name.
func TestSchemelessUserPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"export https_proxy=relay:Finch!6204Weir@proxy.corp.example:3128", "password-assignment", "Finch!6204Weir"},
		{"curl -sx ops:Heron^8817Dale@10.20.30.40:8080 https://example.org/", "password-assignment", "Heron^8817Dale"},
		{`{"proxy": "svc_build:Lark*5530Combe@squid.lan.example:3128"}`, "password-assignment", "Lark*5530Combe"},
		{"pg: reporter:Tern+4418Brook@db-02.lan.example/analytics", "password-assignment", "Tern+4418Brook"},
		{"sqlplus -s app.reader/Dunlin!7742Scar@//ora-3.lan.example:1521/SALES @q.sql", "password-assignment", "Dunlin!7742Scar"},
		{"expdp svc-export/Ouzel#2915Beck@//10.1.1.9:1521/HR directory=dp", "password-assignment", "Ouzel#2915Beck"},
	})
	h11Quiet(t, []string{
		"Maintainer:Jane_Doe7@example.org",
		"sip:Alice2024@voip.example.net",
		"mailto:ops.team99@example.com",
		"image: nginx:1.25.3@sha256:0f1e2d3c4b5a",
		"proxy = relay:${PROXY_PASSWORD}@proxy.corp.example:3128",
		"proxy = relay:password@proxy.corp.example:3128",
		"see github.com/org/pkg.name/Foo9@v1.2.3",
		"pkg.name/Finch!6204Weir@example.org",
	})
}

// A literal written as byte escapes alone is a protocol constant, not a password.
func TestEscapedBytesNoPassword(t *testing.T) {
	h11Quiet(t, []string{
		`HANDSHAKE_PASSWORD = "\x05\x01"`,
		`proxy_password = b"\x01\x00\x7f"`,
		`auth_password = "\001\002\003"`,
	})
	held5Want(t, []held5Case{
		{`db_password = "Gull\x21Reef4829"`, "password-assignment", `Gull\x21Reef4829`},
	})
}

// A password on the line after its label, alone on its line.
func TestPasswordOnLineAfterLabel(t *testing.T) {
	held5Want(t, []held5Case{
		{"Your temporary password:\n  Gull!4829Reef\n", "password-assignment", "Gull!4829Reef"},
		{"Wi-Fi Passwort\n\nPlover^3361Fen\n", "password-assignment", "Plover^3361Fen"},
		{"**DB password**:\n`Kite#5570Marsh`\n", "password-assignment", "Kite#5570Marsh"},
		{"smtp_password:\r\n    Stoat~2284Glen\r\n", "password-assignment", "Stoat~2284Glen"},
		{"Das Passwort für den Router lautet:\n  Vole*7719Tarn\n", "password-assignment", "Vole*7719Tarn"},
		{"Password for the lab VPN until Friday:\nShrike+6603Moor\n", "password-assignment", "Shrike+6603Moor"},
	})
	h11Quiet(t, []string{
		"Password:\n  required\n",
		"Password:\n  Must contain 8 characters.\n",
		"if check(password):\n    Retry3x\n",
		"Password:\n\n\n  Gull!4829Reef\n",
		"Password:\n  ${SMTP_PASSWORD}\n",
		"Reset password\nStep2Done now\n",
		"Password:\n  Base64\n",
		"Password reset: see below. Then run:\n  Step2Done\n",
		"password = get(x):\n  Gull!4829Reef\n",
	})
}

// "user <name> pass <password>" in running text: the user pair is the context.
func TestUserThenPassWords(t *testing.T) {
	held5Want(t, []held5Case{
		{"staging db creds: user `etl` pass `gull.reef.4829` (rotating friday)", "password-assignment", "gull.reef.4829"},
		{"router login admin password Plover^3361Fen, change it", "password-assignment", "Plover^3361Fen"},
		{`"text": "ftp: username 'ops' passwd 'Kite#5570Marsh'"`, "password-assignment", "Kite#5570Marsh"},
	})
	h11Quiet(t, []string{
		"the user `etl` pass `--force` to skip",
		"every user must pass validation first",
		"user ops pass required",
		"user `etl` pass `${ETL_PASSWORD}`",
		"superuser etl pass Gull!4829Reef",
		`allow user to pass execution\_async\_id`,
		`it is the username and password separated\nby a colon`,
		"login ops password rotation_policy",
	})
}
