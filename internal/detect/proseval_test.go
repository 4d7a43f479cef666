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
}

// A quoted passphrase after the word and a colon, a quoted token holding '=' or '&',
// a quote escaped in a JSON string, a CJK word after a Latin one, Romanian's word.
func TestProseQuotedForms(t *testing.T) {
	proseWant(t, [][2]string{
		{"κωδικός: ‘velvet nimbus falcon 21’", "velvet nimbus falcon 21"},
		{"kata sandi: 'multan willow maple nimbus 11' (sementara)", "multan willow maple nimbus 11"},
		{"ο κωδικός είναι \"Orchid81=granite\" παρακαλώ", "Orchid81=granite"},
		{"a jelszó »Kigali=1930«", "Kigali=1930"},
		{`{"text": "पासवर्ड: \"rJm7hT4%fJ5XN5gT\"…"}`, "rJm7hT4%fJ5XN5gT"},
		{"wifi密码是»fpJ9uwR%QM3fpj«", "fpJ9uwR%QM3fpj"},
		{"Parola de la wifi este ‘Taraz@8291’", "Taraz@8291"},
	})
	held5Quiet(t, []string{
		"the password is “config.yaml”",
		"la parola è “ciao”",
		`{"text": "пароль: \"смотри в хранилище\""}`,
		"the password is “getPassword”",
	}, "password-in-prose", "password-assignment")
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

// The key/value reader's value in typographic quotes or with another script glued
// after it ("пароль: «X»", "パスワード：X。").
func TestProseKeyValueQuotes(t *testing.T) {
	proseWant(t, [][2]string{
		{"hasło: 「Multan_128$」 ;)", "Multan_128$"},
		{"senha: “Granite^6275” — please change it", "Granite^6275"},
		{"şifre: « Davao?5716 »!", "Davao?5716"},
		{"контраст, пароль: „porto-maple-588“ (временный)", "porto-maple-588"},
		{"パスワード：Autumn2022$。", "Autumn2022$"},
	})
}

// The reader of other languages' words: a value its element's end bounds, an escaped
// line break before the value, and sentences whose last word only ends with a mark or
// is a date.
func TestProseNatValueEnd(t *testing.T) {
	proseWant(t, [][2]string{
		{`<notes><note id="3"><body>lösenord: Taraz*6757</body></note></notes>`, "Taraz*6757"},
		{"<p>пароль: ember34Harbor</p>", "ember34Harbor"},
		{`{"text": "Passwort siehe unten:\nKarst#4471Lind"}`, "Karst#4471Lind"},
		{"Não, a senha é larch_larch!!", "larch_larch!!"},
	})
	held5Quiet(t, []string{
		"<p>Passwort vergessen?</p>",
		"wachtwoord vergeten?",
		"het wachtwoord is verplicht!",
		"Passwort vergessen?!",
		"<p>wachtwoord vergeten?.</p>",
		`"description": "Passwort siehe unten:\nbitte im Tresor nachsehen"`,
		"| db1 | password was rotated on 2024-03-01 |",
		"das Passwort wurde am 12.03.2024 geändert",
	}, "password-in-prose", "password-assignment")
}

// A narrow no-break space (U+202F, three bytes) inside French quotation marks is
// trimmed whole, as U+00A0 (two bytes) is: the value keeps no byte of it.
func TestTrimProseBlanksNoBreakSpaces(t *testing.T) {
	for _, sp := range []string{"\u00a0", "\u202f", " "} {
		data := []byte("«" + sp + "Kestrel#4412" + sp + "»")
		vs, ve, ok := proseQuoted(data, 0, len(data))
		if !ok || string(data[vs:ve]) != "Kestrel#4412" {
			t.Errorf("%U: got %q (ok %v), want %q", []rune(sp)[0], data[vs:ve], ok, "Kestrel#4412")
		}
	}
}
