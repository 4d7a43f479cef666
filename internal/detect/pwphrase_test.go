package detect

import "testing"

// Password shapes the key/value reader never saw (issue 11): the value after the
// password's word and blanks, or after a few words and a copula or mark, in several
// languages; every string is written for the test.
func TestPwPhraseAfterWords(t *testing.T) {
	held5Want(t, []held5Case{
		{"please sign in with password Tundra_Fox2291 and report back", "password-in-prose", "Tundra_Fox2291"},
		{"[09:12:40] <ana> the nightly runner pw is Qx7-mLp2!vR9", "password-in-prose", "Qx7-mLp2!vR9"},
		{"[09:13:02] <ana> pass for the office printer: Marmot#4410", "password-in-prose", "Marmot#4410"},
		{`{"role":"user","content":"retry with pwd glacier_otter77 thanks"}`, "password-in-prose", "glacier_otter77"},
		{"new ftp creds: user deploy_web / pass heron5521", "password-in-prose", "heron5521"},
		{`"body": "step 1: log in as *ops* with password Birch^3310\n step 2: open the queue"`, "password-in-prose", "Birch^3310"},
		{"lösenordet till gästnätet är Gran+5531", "password-in-prose", "Gran+5531"},
		{"kata sandi server uji adalah Jati#4471", "password-in-prose", "Jati#4471"},
		{"the vpn passphrase for the lab is Cedar~9912", "password-in-prose", "Cedar~9912"},
		{"pw for jenkins staging => Larch*3308", "password-in-prose", "Larch*3308"},
		{"пароль от тестовой базы это Sosna9931!", "password-in-prose", "Sosna9931!"},
	})
	held5Quiet(t, []string{
		"The password is incorrect",
		"the password for the admin account is stored in the vault",
		"A caller must pass non-{@code null} values for all of the arguments",
		"password = creds[1];",
		`\password app_user`,
		"struct passwd *restrict pwbuf,",
		"has the user's password expired? is this user permitted access?",
		"This is useful to pass v4-mapped sockets as file descriptors",
		"the timeout in seconds to pass to httplib2.  This is the",
		"pass force_zip64 to use the ZIP64 format",
		"guessed container type (pass `asn1Spec` to guide the decoder)",
		"that pass sprintf-%g-like behavior tests",
		"default login anonymous password user@site",
		"the password hash is sha512crypt by default",
		"store the password in passwords_v2.txt",
		"the password is 2.0.1 compatible",
		"fixes warnings where we pass GtkWidget* pointers in",
		"* lib/io.c: Pass buflen+1 for the block size.",
		"the sanity test doesn't pass on musl1.2 arm64",
	}, "password-in-prose", "password-assignment")
}

// A .pgpass line on a port other than 5432 (pgbouncer's 6432, a custom one), a YAML
// sequence item written as a flow mapping, and a NickServ login whose password ends
// with a dot.
func TestPwStructuredLines(t *testing.T) {
	held5Want(t, []held5Case{
		{"db-replica.corp.example:6432:ledger:svc_ledger:Lynx?9023", "password-assignment", "Lynx?9023"},
		{"*:15432:*:ro_user:Heron-7731x", "password-assignment", "Heron-7731x"},
		{"users:\n  - {name: admin, password: cobalt7781, groups: wheel}\n", "password-assignment", "cobalt7781"},
		{"[10:00:01] <kim> /msg NickServ IDENTIFY Walnut2029.", "password-assignment", "Walnut2029."},
	})
	held5Quiet(t, []string{
		"2026-03-04 12:34:56:78:abc123",
		"12:34:56:78:90abc",
		"版2.0では2001:0210:f3ff:fe03:14d0のように書く",
		"const x = {name: admin, password: cobalt7781, groups: wheel}",
		"/msg NickServ IDENTIFY <password>",
	}, "password-in-prose", "password-assignment")
}

// Plaintext credential lists: a header that names the columns over "name:password"
// lines, and combo-list lines that start with an e-mail address.
func TestCredList(t *testing.T) {
	list := "# username:password\nops_anna:Fjord!2207\nbuild-bot:Quill_8821x\n\nmake:all\n"
	held5Want(t, []held5Case{
		{list, "password-assignment", "Fjord!2207"},
		{list, "password-assignment", "Quill_8821x"},
		{"anna.berg@mail.example:Otter!5520\n", "password-assignment", "Otter!5520"},
	})
	held5Quiet(t, []string{
		"build:compile\ntest:unit\n",
		"ops_anna:Fjord!2207\n",
		"user:password\nanna:x\nbob:$6$saltsalt$abcdefghijklmnop\n",
		"git@git.example.org:team/repo.git\n",
		"anna@host.example:22\n",
		"see anna.berg@mail.example:Otter!5520 in the log\n",
		"# username:password\nthen a sentence with blanks: Fjord!2207\n",
	}, "password-assignment", "password-in-prose")
}
