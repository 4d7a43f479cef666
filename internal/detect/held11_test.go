package detect

import (
	"fmt"
	"strings"
	"testing"
)

// The classes the held11a evaluation split showed missing (tools/evalcorpus/held11.go;
// held11b, its held-out sibling, was only read in totals). Each test covers one general
// syntax with strings written for the test, not taken from the split, beside controls
// that must stay quiet.

// A password option after a user option in one command, whatever the program.
func TestHeld11OptionPairs(t *testing.T) {
	held5Want(t, []held5Case{
		{"/usr/lib/nagios/plugins/check_mysql -H db1 -u monitor -p Walrus4410x", "password-assignment", "Walrus4410x"},
		{"osql -S sql02 -U sa -P Quartz!2291 -Q \"SELECT 1\"", "password-assignment", "Quartz!2291"},
		{`type=EXECVE msg=audit(1.1:2): argc=3 a0="mysql" a1="-ureport" a2="-pHeron#5521"`, "password-assignment", "Heron#5521"},
		{`<Data Name="CommandLine">schtasks /create /tn Sync /ru CORP\svc /rp Plover7731z</Data>`, "password-assignment", "Plover7731z"},
		{"check_pgsql -H pg -l nagios -p 'Tern^8832'", "password-assignment", "Tern^8832"},
		{"-u admin -p Lynx2219q", "password-assignment", "Lynx2219q"},
	})
	h11Quiet(t, []string{
		"ssh -l deploy -p 2222 host.example",
		"mkdir -p /var/lib/app",
		"gcc -u _start -pthread main.c",
		"rsync -u -p src/ dst/",
		"mysql -u root -p",
		"mysql -u root -p mydatabase",
		"psql -U postgres -p 5432 -h localhost",
		"docker run -p 8080:80 -u 1000 nginx",
		"cmd -p Walrus4410x", // no user option: a port, a path or a profile as often
		"schtasks /create /tn Sync /ru SYSTEM /rp *",
	})
}

// PHP's serialize() and session encoding, lengths checked.
func TestHeld11Serialized(t *testing.T) {
	pw, tok := "Brindle#5520", "Zq8mVt3LpR7wKs2NbX4cY6dE"
	ser := func(k, v string) string { return fmt.Sprintf(`s:%d:"%s";s:%d:"%s";`, len(k), k, len(v), v) }
	held5Want(t, []held5Case{
		{"a:2:{" + ser("smtp_pass", pw) + ser("port", "587") + "}", "password-assignment", pw},
		{"a:1:{" + ser("api_token", tok) + "}", "generic-api-key", tok},
		{`INSERT INTO opts VALUES (1,'x','a:1:{` + strings.ReplaceAll(ser("secret_key", tok), `"`, `\"`) + `}','yes');`, "generic-api-key", tok},
		{fmt.Sprintf(`uid|i:4;api_token|s:%d:"%s";`, len(tok), tok), "generic-api-key", tok},
	})
	h11Quiet(t, []string{
		"a:1:{" + ser("_csrf", tok) + "}",
		"a:1:{" + ser("token_count", "12") + "}",
		"a:1:{" + ser("password", "********") + "}",
		`a:1:{s:9:"smtp_pass";s:30:"Brindle#5520";}`, // the declared length disagrees
		fmt.Sprintf(`user|s:%d:"%s";`, len(tok), tok),
	})
}

// A raw key under a "secret" name parted by blanks: TSIG and other key blocks.
func TestHeld11RawSecret(t *testing.T) {
	k32 := "q3Z8v0Lk2Xw9bT4nR7yP1cM6dF5gH8jK0sA2eW4uI6o="
	k16 := "Zx4Qm8Vt2Lp6Rn0Bw3Kc7A=="
	held5Want(t, []held5Case{
		{"\tsecret \"" + k32 + "\";", "generic-api-key", k32},
		{"  secret " + k16 + ";", "generic-api-key", k16},
		{"tsig_secret: " + k32, "generic-api-key", k32},
	})
	h11Quiet(t, []string{
		"\tsecret \"aGVsbG8gd29ybGQgdGhpcyBpcyB0ZXh0IQ==\";", // base64 of text
		"public_secret " + k32,
		"secret \"/etc/bind/keys/ddns.key\";",
		"secret sauce and more",
	})
}

// "user:password" under a "login" name; NickServ logins; glued "pw" and "authtok".
func TestHeld11NamesAndPairs(t *testing.T) {
	held5Want(t, []held5Case{
		{"cache_peer up.example parent 3128 0 no-query login=relay:Gannet4471x", "password-assignment", "Gannet4471x"},
		{`command = "/msg NickServ IDENTIFY Kestrel9920q"`, "password-assignment", "Kestrel9920q"},
		{"/msg nickserv identify mynick Kestrel9920q", "password-assignment", "Kestrel9920q"},
		{"bindpw Osprey^4410x", "password-assignment", "Osprey^4410x"},
		{"rootpw Heron!2291", "password-assignment", "Heron!2291"},
		{"ldap_default_authtok = Corvid#7731", "password-assignment", "Corvid#7731"},
		{"adminpw=Plover^5512", "password-assignment", "Plover^5512"},
	})
	h11Quiet(t, []string{
		"login=PASSTHRU",
		"login: bob:x:1000:1000",
		"/msg NickServ IDENTIFY",
		"/msg NickServ help identify",
		"rootpw {SSHA}Qw3rTy7uI9oP1aS2dF4gH5jK6lZ8xC0v",
		"#define PAM_AUTHTOK 6",
		"ldap_default_authtok_type = password",
	})
}

// Stored hashes in their scheme's notation are no password.
func TestHeld11StoredHash(t *testing.T) {
	hex := strings.Repeat("3fa9c1d2", 8)
	h11Quiet(t, []string{
		"\tPass = sha256#" + hex + "#Zq8mVt3LpR7wKs2NbX4c#",
		`    "rpc-password": "{` + hex[:40] + `Xy7zAbCd",`,
		"userPassword = {SSHA512}" + hex,
		"password = pbkdf2_sha256$600000$Zq8mVt3LpR7w$" + hex[:43],
	})
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"sha256#" + hex + "#salt#", true},
		{"{" + hex[:40] + "abcdefgh", true},
		{"{SSHA}abcdefghijklmnop", true},
		{"pbkdf2_sha256$600000$salt$" + hex[:43], true},
		{"Sha256Rocks#2024", false},
		{"{{ .Values.password }}", false},
		{"Heron!2291", false},
	} {
		if got := held11StoredHash([]byte(c.v)); got != c.want {
			t.Errorf("held11StoredHash(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}

// h11Quiet fails when the secret rules report anything in the inputs.
func h11Quiet(t *testing.T, ins []string) {
	t.Helper()
	held5Quiet(t, ins, "password-assignment", "generic-api-key")
}

// Command lines auditd wrote in hex, and Windows' "net use" with its positional
// password.
func TestHeld11AuditHexAndNetUse(t *testing.T) {
	hexOf := func(s string) string { return strings.ToUpper(fmt.Sprintf("%x", s)) }
	env := hexOf("MYSQL_PWD=Heron!2291x mysqldump shop")
	argv := hexOf("sqlcmd\x00-U\x00sa\x00-P\x00Quartz!2291")
	held5Want(t, []held5Case{
		{`type=EXECVE msg=audit(1.2:3): argc=3 a0="sh" a1="-c" a2=` + env, "password-assignment", env},
		{"type=PROCTITLE msg=audit(1.2:3): proctitle=" + argv, "password-assignment", argv},
		{`net use Z: \\fs01\share Plover7731z /user:CORP\bob /persistent:no`, "password-assignment", "Plover7731z"},
		{`NET USE \\fs01\ipc$ Tern^8832 /USER:admin`, "password-assignment", "Tern^8832"},
	})
	h11Quiet(t, []string{
		"type=PROCTITLE msg=audit(1.2:3): proctitle=" + hexOf("ls\x00-la\x00/var/lib/app"),
		`type=EXECVE msg=audit(1.2:3): argc=3 a0="sh" a1="-c" a2=` + hexOf("echo hello world; date"),
		"proctitle=" + strings.Repeat("AB", 30), // bytes that are no command line
		`net use Z: \\fs01\share /user:CORP\bob`,
		`net use Z: \\fs01\share * /user:CORP\bob`,
		`net use Z: \\fs01\share Plover7731z`, // no /user: beside it
		"the net use command maps drives",
	})
}

// A label and its value in two runs of markup.
func TestHeld11MarkupLabel(t *testing.T) {
	held5Want(t, []held5Case{
		{`<w:p><w:r><w:t xml:space="preserve">Door panel password: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Heron!2291x</w:t></w:r></w:p>`, "password-assignment", "Heron!2291x"},
		{"<tr><td>Password:</td><td>Tern^8832q</td></tr>", "password-assignment", "Tern^8832q"},
		{"<p>API token: <code>Zq8mVt3LpR7wKs2NbX4cY6dE</code></p>", "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dE"},
	})
	h11Quiet(t, []string{
		"<dt>password:</dt><dd>the password to use</dd>",
		"<b>Password:</b> <i>string</i>",
		"<td>Password:</td><td>********</td>",
		"<p>Token: <code>abc</code></p>",
		`<input name="password:" value="x"/><span>Heron!2291x</span>`,
	})
}
