package detect

import "testing"

// Password shapes read out of sample (issue 11): tools/whymiss sorted the held-out
// halves' password misses by reason (counts only) and the tuning halves' by case; these
// cover the general mechanisms behind the commonest reasons, with strings written for
// the test.

// A key naming a password, then blanks, then the value, alone on its line: mail
// clients', LDAP tools' and network devices' configuration.
func TestPasswordBlankSeparatedSetting(t *testing.T) {
	held5Want(t, []held5Case{
		{"password lantern.orchid.57", "password-assignment", "lantern.orchid.57"},
		{"Pass    Heron_Tulip_2031", "password-assignment", "Heron_Tulip_2031"},
		{"  rootpw mossy-granite-88", "password-assignment", "mossy-granite-88"},
		{"PassCmd2 ignored\nPassword Wq4!rzT9ke", "password-assignment", "Wq4!rzT9ke"},
	})
	h11Quiet(t, []string{
		"password required",
		"Password changed successfully",
		"password lantern.orchid.57 is what we used before", // not alone on its line
		"password $SMTP_PASSWORD",
		"password <your-password>",
		"pass through_to_backend",
		"bypass cache.layer.42",
	})
}

// Prose giving a passphrase bare: "the password is lantern.orchid.57".
func TestPasswordProsePassphrase(t *testing.T) {
	held5Want(t, []held5Case{
		{"and the wifi password is lantern.orchid.57 (ask Ana)", "password-in-prose", "lantern.orchid.57"},
		{"The password is now Heron_Tulip_2031.", "password-in-prose", "Heron_Tulip_2031"},
	})
	h11Quiet(t, []string{
		"the password is stored_in_vault",
		"the password is config.yaml",
		"the password is app.settings.v2",
	})
}

// Values that read as generated although they are identifiers: random case, digits
// strewn through letters, passphrases. Code assigns names, not those.
func TestPasswordIdentifierShapedValues(t *testing.T) {
	held5Want(t, []held5Case{
		{"wifi password: QZTRMKbnwexPvHsk", "password-assignment", "QZTRMKbnwexPvHsk"},
		{"  password: pLdKeQwTrUvXzHa", "password-assignment", "pLdKeQwTrUvXzHa"},
		{"bindpw = Rt5vNp3wQx8", "password-assignment", "Rt5vNp3wQx8"},
		{"admin_passwd = heron.tulip.2031", "password-assignment", "heron.tulip.2031"},
	})
	h11Quiet(t, []string{
		"password = userPassword",
		"password = newPasswordValue",
		"pwd = cfg.DBPassword",
		"password = getHTTPSProxyPassword",
		"password = pwd2",
		"passwd = conf.pass.field",
	})
}

// "pass" and "pwd" glued to what the password opens or who owns it.
func TestPasswordGluedOwnerWords(t *testing.T) {
	held5Want(t, []held5Case{
		{"storepass=Rt5vNp3wQx8", "password-assignment", "Rt5vNp3wQx8"},
		{"keypass: Rt5vNp3wQx8!", "password-assignment", "Rt5vNp3wQx8!"},
		{"ADMINPWD=Rt5vNp3wQx8", "password-assignment", "Rt5vNp3wQx8"},
	})
	h11Quiet(t, []string{
		"bypass=Rt5vNp3wQx8",
		"compass: Rt5vNp3wQx8",
		"renderpass = Rt5vNp3wQx8",
		"subpass: Rt5vNp3wQx8",
	})
}

// Another language's password word with an ending glued to it names a password too.
func TestPasswordInflectedLexiconWord(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"passordet": "Tern8812!moss"}`, "password-assignment", "Tern8812!moss"},
		{"salasanan = Tern8812!moss", "password-assignment", "Tern8812!moss"},
	})
	h11Quiet(t, []string{
		`{"passordet": "${PASSORD}"}`,
	})
}

// What code and lock files write in the shapes above: struct fields and their types,
// declarations, English compounds with "pass", names with digits.
func TestPasswordShapesInCode(t *testing.T) {
	h11Quiet(t, []string{
		"type conn struct {\n\tpw *io.PipeWriter\n\tpass atomic.Int32\n\tcreds *auth.Credentials\n}",
		"  Pass *Inliner;",
		`    fs-minipass: "npm:^3.0.0"`,
		"    ['crc-8-buypass', 'Crc8Buypass', 0x107],",
		"x509CertThumbprint = X509CertThumbprintS256Key",
		"k = ed25519.Ed25519PrivateKey",
		"password = atomic.Int64",
	})
}

// Apple's app-specific passwords are letters only, and still passwords.
func TestAppPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{"#   APPLE_APP_SPECIFIC_PASSWORD=qmvt-hzrk-wpld-xcna", "password-assignment", "qmvt-hzrk-wpld-xcna"},
	})
	h11Quiet(t, []string{"password=GID", "renderPass=renderPassInfos", "password=qmvt-hzrk-wpld"})
}
