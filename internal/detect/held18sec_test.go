package detect

import "testing"

// The secret classes the held18a evaluation split showed missing or misread (held18b,
// its held-out sibling, was only read in totals). Each test covers one mechanism with
// strings written for the test, beside controls that must stay quiet.

// A password's last '&' stays part of it when the string the value is written in ends
// right after it (a closing quote, or an escape such as "\n" of the enclosing
// literal), and an escaped "&amp;" that ends a connection string's value in an XML
// attribute is the value's '&'.
func TestHeld18PasswordEndAmp(t *testing.T) {
	held5Want(t, []held5Case{
		{`      "text": "Server password: Tamsin42&",`, "password-assignment", "Tamsin42&"},
		{`f.write('username=admin\npassword=Harbor77&\n')`, "password-assignment", "Harbor77&"},
		{`<connection odbc-connect-string-extras='UID=APP;PWD=Lagos41Quay&amp;;ROLE=R' />`, "password-assignment", "Lagos41Quay&"},
	})
	// a query's next parameter after '&' is not part of the value
	e := Default()
	for _, in := range []string{"https://h.example.test/login?password=Harbor77&user=bob", `<a href="/x?password=Harbor77&amp;user=bob">`} {
		for _, m := range scanAll(e, in) {
			if m.Rule.ID == "password-assignment" && m.Value != "Harbor77" {
				t.Errorf("%q: password read as %q", in, m.Value)
			}
		}
	}
}

// A password may end in '%' where prose hands it over; a percentage, a variable's
// reference and a format string still are none.
func TestHeld18PasswordEndPercent(t *testing.T) {
	held5Want(t, []held5Case{
		{"the password is Heron370% for now", "password-in-prose", "Heron370%"},
	})
	held5Quiet(t, []string{
		"the password is 100% for now",
		"the password is %DB_PASS% for now",
		"the password is APP_PASS% for now",
	}, "password-in-prose", "password-assignment")
}

// Prose after a password word, written in \u escapes (a JSON string's text in a
// language with letters outside ASCII), is words, not a value.
func TestHeld18EscapedProseIsNoPassword(t *testing.T) {
	held5Quiet(t, []string{
		`{"description":"paroli nos\u016bt\u012bju dro\u0161\u0101 kan\u0101l\u0101","status":"solved"}`,
		`{"description":"password \u017dalgiris \u0161odien","status":"open"}`,
	}, "password-in-prose", "password-assignment")
	held5Want(t, []held5Case{
		{`{"description":"parole: P\u0101rs\u0113ja42"}`, "password-assignment", "Pārsēja42"},
	})
}

// WakaTime API keys: "waka_" and a UUID.
func TestHeld18WakaTime(t *testing.T) {
	const k = "waka_3c1f9e2a-7b4d-4e8a-9f60-2d5b8c7a1e43"
	held5Want(t, []held5Case{
		{`(setq wakatime-api-key "` + k + `")`, "wakatime-api-key", k},
		{"api_key = " + k, "wakatime-api-key", k},
	})
	held5Quiet(t, []string{"waka_3c1f9e2a-7b4d-4e8a-9f60", "xwaka_3c1f9e2a-7b4d-4e8a-9f60-2d5b8c7a1e43x"}, "wakatime-api-key")
}

// A password attribute named "…PasswordEncrypted" (WebLogic's) is set in the clear by
// scripts; a ciphertext stored under such a name is not a password.
func TestHeld18EncryptedNamedPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"set('PasswordEncrypted', 'Kestrel#4412')", "password-assignment", "Kestrel#4412"},
		{"cmo.setNodeManagerPasswordEncrypted('Osprey!2290')", "password-assignment", "Osprey!2290"},
	})
	h11Quiet(t, []string{
		"set('PasswordEncrypted', '{AES256}a6R0Zk9bZ8u3zKx0+Wl8vV2Qd1M=')",
		"password_encrypted: c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0",
		"<password-encrypted>{AES}xK9aaQ==</password-encrypted>",
	})
}

// A setter call's first string argument (or its second, after a section's name) names
// the setting, however plainly spelt, and the next one carries its value.
func TestHeld18SetterCallArguments(t *testing.T) {
	held5Want(t, []held5Case{
		{`m.Set("password", "Kestrel#4412")`, "password-assignment", "Kestrel#4412"},
		{`config.set('database', 'password', 'Kestrel#4412')`, "password-assignment", "Kestrel#4412"},
		{`cfg.set("smtp", "password", "Kestrel#4412")`, "password-assignment", "Kestrel#4412"},
		{`intent.putExtra("password", "Kestrel#4412");`, "password-assignment", "Kestrel#4412"},
	})
	h11Quiet(t, []string{
		`key = scrypt('password', 'Kestrel#4412')`,
		`assert.Equal("password", "Kestrel#4412")`,
		`log.info("password", "Kestrel#4412")`,
	})
}

// A Lisp form naming a setting, or Emacs Lisp's setq of one, followed by its string.
func TestHeld18LispSettings(t *testing.T) {
	held5Want(t, []held5Case{
		{`      (sql-password "Kestrel#4412") (sql-server "db.example.test"))`, "password-assignment", "Kestrel#4412"},
		{`(setq erc-password "Kestrel#4412")`, "password-assignment", "Kestrel#4412"},
	})
	h11Quiet(t, []string{
		`(read-passwd "Password: ")`,
		`(setq erc-password nil)`,
		`check_password("Kestrel#4412")`,
	})
}

// PowerShell's ConvertTo-SecureString with its switches before the string, and a
// cmdlet's -Name/-Value parameter pair.
func TestHeld18PowerShellParams(t *testing.T) {
	held5Want(t, []held5Case{
		{`Set-ADAccountPassword -Identity svc -Reset -NewPassword (ConvertTo-SecureString -AsPlainText "Kestrel#4412" -Force)`, "password-assignment", "Kestrel#4412"},
		{`$p = ConvertTo-SecureString -AsPlainText -Force -String 'Kestrel#4412'`, "password-assignment", "Kestrel#4412"},
		{`Set-ItemProperty -Path HKLM:\SOFTWARE\App -Name DefaultPassword -Value 'Kestrel#4412'`, "password-assignment", "Kestrel#4412"},
		{`New-ItemProperty -Path $p -Name "AutoAdminPassword" -Value "Kestrel#4412" -PropertyType String`, "password-assignment", "Kestrel#4412"},
	})
	h11Quiet(t, []string{
		`$p = ConvertTo-SecureString -AsPlainText $plain -Force`,
		`Set-Variable -Name dbPassword -Value $secret`,
		`Set-ItemProperty -Path $p -Name DefaultPassword -Value (Read-Host)`,
	})
}

// A key store's "key" is the password that opens it.
func TestHeld18KeystoreKey(t *testing.T) {
	held5Want(t, []held5Case{
		{"http-server.https.keystore.key=Kestrel#4412", "password-assignment", "Kestrel#4412"},
		{"ssl.truststore.key: Kestrel#4412", "password-assignment", "Kestrel#4412"},
	})
	h11Quiet(t, []string{
		"http-server.https.keystore.key=/etc/trino/keystore.pem",
		"server.ssl.key-store=classpath:keystore.p12",
	})
}

// An OpenPGP key id or fingerprint under a signing key's name is public.
func TestHeld18SigningKeyID(t *testing.T) {
	h11Quiet(t, []string{
		`(setq magit-commit-signing-key "3B7DCD651432EA09")`,
		`signing_key = "3B7DCD651432EA09"`,
		"signingkey = 0x3B7DCD65",
		"gpg_key: 6C0E2B4A1F3D5E7A9B8C6D4E2F0A1B3C5D7E9F1A",
	})
	held5Want(t, []held5Case{
		{`signing_key = "kR9vT2xW7qL4mN8pB3zY6cF1hJ5dG0sA"`, "generic-api-key", "kR9vT2xW7qL4mN8pB3zY6cF1hJ5dG0sA"},
	})
}

// A dotted value with digits in a string literal's text is a typed password, not a
// program's pkg.name; in code it still is a name.
func TestHeld18DottedValueInStringText(t *testing.T) {
	held5Want(t, []held5Case{
		{`f.write('username=admin\npassword=harbor.quay07\n')`, "password-assignment", "harbor.quay07"},
		{`      "text": "Server password: harbor.quay07",`, "password-assignment", "harbor.quay07"},
	})
	h11Quiet(t, []string{
		"password = cfg.db2",
		`x = "a" + password=obj.attr2`,
	})
}

// An HMAC call's key given as a string literal, wherever the API puts it.
func TestHeld18HMACKeyLiteral(t *testing.T) {
	const k = "Jk8vT2xW7qL4mN8pB3zY6cF1hR5d"
	held5Want(t, []held5Case{
		{`    set bereq.http.X-Signature = digest.hmac_sha256("` + k + `", bereq.url);`, "generic-api-key", k},
		{`sig = hmac.new(b"` + k + `", msg, hashlib.sha256).hexdigest()`, "generic-api-key", k},
		{`const h = crypto.createHmac('sha256', '` + k + `').update(body)`, "generic-api-key", k},
		{`$sig = hash_hmac('sha256', $data, '` + k + `');`, "generic-api-key", k},
	})
	held5Quiet(t, []string{
		`sig = hmac.new(key, b"the quick brown fox jumps", sha256)`,
		`h := hmac.New(sha256.New, []byte("key"))`,
		`crypto.createHmac('sha256', process.env.HMAC_KEY)`,
		`hmac_sha256("{{ signing_key }}", url)`,
	}, "generic-api-key")
}

// uWSGI's routing action basicauth:realm,user:password.
func TestHeld18UWSGIBasicAuth(t *testing.T) {
	held5Want(t, []held5Case{
		{"route = ^/admin basicauth:Admin Area,staff:Kestrel#4412", "password-assignment", "Kestrel#4412"},
		{"route-uri = ^/ops basicauth:ops,ops:tern-harbor41", "password-assignment", "tern-harbor41"},
	})
	h11Quiet(t, []string{
		"route = ^/admin basicauth:Admin Area,/etc/uwsgi/htpasswd",
		"route = ^/admin basicauth:Admin Area,staff:",
	})
}

// WLST's connect(username, password, url) and SQL*Plus's CONN[ECT] user/password.
func TestHeld18ConnectCredentials(t *testing.T) {
	held5Want(t, []held5Case{
		{"connect('weblogic', 'Kestrel#4412', 't3://admin.example.test:7001')", "password-assignment", "Kestrel#4412"},
		{`      "text": "%jdbc(oracle)\n-- conn: app_reports/Kestrel4412xQ\nSELECT 1",`, "password-assignment", "Kestrel4412xQ"},
		{"SQL> connect scott/Tiger#2024", "password-assignment", "Tiger#2024"},
	})
	h11Quiet(t, []string{
		"connect(username, password, 't3://admin.example.test:7001')",
		"sock.connect('localhost', 'Kestrel#4412', 'bar')",
		"you can connect tcp/udp ports",
		"Connect via http/2 or grpc/1.3",
		"db_conn = pool/abc123x",
	})
}

// A URL's password holding an encoded '@' ("%40") is no "user:p@ss@host" example, and
// an INI file read by ConfigParser doubles the '%' of its encodings ("%%40").
func TestHeld18URLEncodedAt(t *testing.T) {
	held5Want(t, []held5Case{
		{"  url: https://app_geo:Tern%40229@hackage.example.test/", "url-credentials", "Tern@229"},
		{"sqlalchemy.url = postgresql+psycopg2://crm:Kestrel%%5E41%%40@db1.example.test:5432/app", "url-credentials", "Kestrel^41@"},
	})
	held5Quiet(t, []string{"see https://user:p@ss@host.example.test/ for the form", "http://jane:p%40ssword@host.example.test"}, "url-credentials")
}

// A password word of another language with a mark glued to it ("нууц үг: X",
// "գաղտնաբառը՝ X"), and Latvian's "parole ir X".
func TestHeld18ProseMarksOtherLanguages(t *testing.T) {
	held5Want(t, []held5Case{
		{`      "text": "Սերվերի գաղտնաբառը՝ Tern+4417",`, "password-in-prose", "Tern+4417"},
		{`      "text": "Серверийн нууц үг: Tern+4417",`, "password-in-prose", "Tern+4417"},
		{`{"description":"Nevaru piesl\u0113gties, parole ir tern-harbor92","status":"solved"}`, "password-in-prose", "tern-harbor92"},
	})
	held5Quiet(t, []string{
		"la parole est à Jean-Luc",
		"Passwort: siehe unten",
		"нууц үг: солих хэрэгтэй",
	}, "password-in-prose", "password-assignment")
}

// A command that starts a line of a script held in a string, after an escaped line
// break ("%sh\ncurl -u …" in a notebook's JSON), is read like one on its own line.
func TestHeld18CommandAfterEscapedNewline(t *testing.T) {
	held5Want(t, []held5Case{
		{`      "text": "%sh\ncurl -s -u 'bi_ops:Kestrel#4412' https://api.example.test/export",`, "password-assignment", "Kestrel#4412"},
	})
	h11Quiet(t, []string{
		`      "text": "see \\ncurl -s -u 'bi_ops:Kestrel#4412' in the docs",`,
		`      "text": "%sh\nmycurl -s -u 'bi_ops:Kestrel#4412' https://api.example.test/export",`,
	})
}
