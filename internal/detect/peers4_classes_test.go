package detect

import "testing"

// TestPeers4Classes: secrets written with symbols outside the token alphabets under a
// secret's name, and OpenPGP armor headers with text in them, which the tuned-on
// halves of semgrep-rules' and detect-secrets' tests showed missing (every string
// written here), each next to a control that must stay as it was.
func TestPeers4Classes(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a generated token with a stray symbol or two
		{"token with one symbol", `ci.deploy.token=Hq7Wz@Lk3RtVbN9xPmYc2Ds`, "generic-api-key", "Hq7Wz@Lk3RtVbN9xPmYc2Ds"},
		{"token with two symbols", `export SERVICE_TOKEN="Tm4Rq!Zx8Kp2Wv-Ln6Yb#Jc9"`, "generic-api-key", "Tm4Rq!Zx8Kp2Wv-Ln6Yb#Jc9"},
		{"token with a symbol: an e-mail address", `notify_token = "release-bot2024@mailer.example"`, "", ""},
		{"token with a symbol: a format string", `auth_token = "Bearer%sTokenFor%dUser"`, "", ""},
		{"token with a symbol: user at host and port", `sync_token = "backupAgent7@vault-store:8200/v1"`, "", ""},
		{"token with a symbol: base64 of words", `api_token = "VGhlIHF1aWNr!IGJyb3duIGZveCBqdW1wcw=="`, "", ""},
		{"token with a symbol: one case only", `api_token = "k7q2@x9w4m3z8v5t1r6p0"`, "", ""},
		// punctuation all through a hand-typed secret, under a name that says secret
		{"hand-typed secret", `client_secret = "Wq}r(Tz]8p{Lk>m$_Nv#"`, "generic-api-key", "Wq}r(Tz]8p{Lk>m$_Nv#"},
		{"hand-typed API key in a comparison", `if (apiKey != "r!Vz%Kt&Qm^Wp*8Lx") {`, "generic-api-key", "r!Vz%Kt&Qm^Wp*8Lx"},
		{"hand-typed: a bare token key", `token = "Wq}r(Tz]8p{Lk>m$_Nv#"`, "", ""},
		{"hand-typed: a template", `client_secret = "${{ secrets.CLIENT_SECRET }}"`, "", ""},
		{"hand-typed: a template function", `app_secret = "{{ lookup('env','APP_SECRET') }}"`, "", ""},
		{"hand-typed: a regular expression", `secret_pattern = "^[A-Za-z0-9!@#$%]{12,}$"`, "", ""},
		{"hand-typed: code", `secret = "(a && b) || c->next"`, "", ""},
		{"hand-typed: a list", `secret_chars = "!,@,#,$,%,^,&"`, "", ""},
		// an App Configuration connection string: its Secret, whatever its length
		{"App Configuration connection string", appConfigConn, "azure-app-config-secret", appConfigKey},
		{"App Configuration connection string: placeholders", `Endpoint=https://shop-cfg.azconfig.io;Id=<id>;Secret=<secret>`, "", ""},
		// armor headers with dots, slashes and words before a PGP key's body
		{"PGP key with a Comment header", pgpArmored, "pgp-private-key", pgpArmored},
		{"PGP key: prose after the armor line", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nThis line is prose, not a header.\n\n" +
			pgpBody + "\n-----END PGP PRIVATE KEY BLOCK-----", "", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}

// appConfigKey is 84 characters, the length of the keys App Configuration issues now.
const appConfigKey = "Vq2Lm8Tz4Kx7Rw1Np5Hb9Jc3Fd6Gs0Ay2Qe8Uo4Ti7Wk1Zr5Mn9Xb3Pv6Ch0Lj2Dg8Sf4Ek7Ra1Yu5Iw9O"

const appConfigConn = `AppConfig__ConnectionString="Endpoint=https://shop-cfg.azconfig.io;Id=Wm3q-l2-s0:Rt8Kx;Secret=` + appConfigKey + `"`

// pgpArmored is a PGP block whose armor headers hold a version number and a URL.
const pgpArmored = "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: Example Tool v2.4.1\nComment: https://tools.example.org/pgp\n\n" +
	pgpBody + "\n-----END PGP PRIVATE KEY BLOCK-----"

// pgpBody is base64 of no key at all: what the armor's structure needs, 64 columns.
const pgpBody = "lQOYBGV4q2QBCADm7Zk3Tq9Wx2Lp8Vr4Nc6Yb1Hd5Fg0Js2Ua8Ie3Ro7Tw9Kz4Qm1X\n" +
	"Vb3Nm8Qw2Er7Ty5Ui1Op4As9Df6Gh0JkLzXc2Vb4Nm6Qw8Er1Ty3Ui5Op7As9Df2G\n" +
	"h4Jk6Lz8Xc1Vb3Nm5Qw7Er9Ty2Ui4Op6As8Df1Gh3Jk5Lz7Xc9Vb2Nm4Qw6Er8Ty1\n" +
	"=Qw3e"
