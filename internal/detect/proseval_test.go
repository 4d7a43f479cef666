package detect

import "testing"

// proseWant fails unless a password rule (the prose reader's or the key/value
// reader's) reports exactly want in each input.
func proseWant(t *testing.T, cases [][2]string) {
	t.Helper()
	e := Default()
	for _, c := range cases {
		ms := scanAll(e, c[0])
		if !hasMatch(ms, "password-in-prose", c[1]) && !hasMatch(ms, "password-assignment", c[1]) {
			t.Errorf("%q: want password %q, got %s", c[0], c[1], describe(ms))
		}
	}
}

// Passwords that running text states in typographic quotes, as a passphrase with
// blanks, in backticks after a copula, with a glued copula or mark of another script
// after them, or alone on the line after the statement (every string written for the
// test).
func TestProseValueForms(t *testing.T) {
	proseWant(t, [][2]string{
		{"the new passphrase is `Falcon~1791`, thanks", "Falcon~1791"},
		{"use password “Harbor?6825” to log in", "Harbor?6825"},
		{"la contraseña es ‘Lampang%8701’, gracias", "Lampang%8701"},
		{"Het wachtwoord van de wifi is «nimbus ember velvet 23»?", "nimbus ember velvet 23"},
		{"Lösenordet till wifi är 'davao velvet cobalt 23' — tack", "davao velvet cobalt 23"},
		{"nowe hasło to „maple-saffron-199“?", "maple-saffron-199"},
		{"пароль — »Odesa_815!« please", "Odesa_815!"},
		{"비밀번호는 »tundra90Velvet«입니다", "tundra90Velvet"},
		{"와이파이 비밀번호는 Davao~1254입니다", "Davao~1254"},
		{"新密码为Sommer2024?。", "Sommer2024?"},
		{"la password è Willow58#salice, grazie", "Willow58#salice"},
		{"Passwort ist Porto39~volos. Danke", "Porto39~volos"},
		{"הסיסמה היא Raven%9491 (זמני)", "Raven%9491"},
		{"oke, password-nya zxf2ZAb*yNGF — tolong diganti", "zxf2ZAb*yNGF"},
		{"la clave del wifi es lotus27Velvet por favor", "lotus27Velvet"},
		{`"desc": "Laptop ready. Temp password: khulna eilat 40#\nPersonal mail: x"`, "khulna eilat 40#"},
		{"Hey,\npassword below:\ncobalt-raven-436\nCheers", "cobalt-raven-436"},
		{"<p>password below:<br>\naVa5qeU#vtRgQk9</p>", "aVa5qeU#vtRgQk9"},
		{"密码如下：\nTaraz_750$\n", "Taraz_750$"},
	})
	held5Quiet(t, []string{
		"the password is “the same as before”",
		"the password is 'stored in the vault'",
		"guessed container type (pass `asn1Spec` to guide the decoder)",
		"set the password with `passwd` first",
		"password below:\nsee the vault entry prod-db",
		"Password:\n********",
		"password below:\n(ask Bob)",
		"the password is «ask the admin»",
		"密码是必填项。",
		"パスワードは8文字以上にしてください",
		"la password è obbligatoria",
	}, "password-in-prose", "password-assignment")
}
