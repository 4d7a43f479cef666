package detect

import "testing"

// The lexicon's password words that have another meaning ("رمز" is also "code",
// "šifra" "cipher", Luganda's "ekyama" "secret") are read in running text, but only
// before a generated value: letters of both cases and a digit, or a digit and a sign.
// A code's name after them ("UTF8", "v2", a word) is no password. Kongo's word comes
// from its gettext catalogs like the rest.
func TestProse40AmbiguousWords(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"text": "سلام، رمز Qarun7741Tx را به کسی نده"}`, "password-in-prose", "Qarun7741Tx"},
		{`{"text": "Ekyama kya router: Entebbe#4471zq"}`, "password-in-prose", "Entebbe#4471zq"},
		{`{"text": "Lusuemi ya wifi: Matadi77Kx!"}`, "password-in-prose", "Matadi77Kx!"},
		{`{"text": "Nova šifra Rijeka2290Kz vrijedi do petka"}`, "password-in-prose", "Rijeka2290Kz"},
	})
	held5Quiet(t, []string{
		`{"text": "رمز UTF8 را انتخاب کنید"}`,
		`{"text": "رمز v2.1 جدید است"}`,
		`{"text": "Ekyama kya router: entebbe44"}`,
		`{"text": "šifra aes256gcm se koristi"}`,
	}, "password-in-prose", "password-assignment")
}

// A value after an unknown copula that a comma and a further clause follow ("…
// ficou X, obrigado …"), not only one that ends its line: the comma, a blank, then a
// word. A comma glued to more text ("X,Y") is a list or a field, no clause's end.
func TestProse40NextClause(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"text": "Senha do portal ficou Recife2291Qa, obrigado pela ajuda"}`, "password-in-prose", "Recife2291Qa"},
		{`{"text": "Password ba wifi uma-laran mak Dili4471Qz, favor ida"}`, "password-in-prose", "Dili4471Qz"},
	})
	held5Quiet(t, []string{
		`{"text": "Senha do portal ficou Recife2291Qa,Olinda"}`,
	}, "password-in-prose")
}
