package detect

import "testing"

// String literals that open with something other than a plain quote: Lua's long
// brackets, Perl's and Ruby's quote operators, Objective-C's @"…" (altquote.go).
func TestAltQuotedLiterals(t *testing.T) {
	held5Want(t, []held5Case{
		{`M.db = { user = "etl", password = [[Quokka42!vine]] }`, "password-assignment", "Quokka42!vine"},
		{`cfg.password = [==[Quokka42!vine]==]`, "password-assignment", "Quokka42!vine"},
		{`my %c = (password => q{Quokka42!vine});`, "password-assignment", "Quokka42!vine"},
		{`my %c = (password => qq(Quokka42!vine));`, "password-assignment", "Quokka42!vine"},
		{`my $dbh = DBI->connect('dbi:Pg:dbname=app;host=db', 'app', q{Quokka42!vine});`, "password-call-argument", "Quokka42!vine"},
		{`config.api_key = %q{Tz4wQp9LmX2vRb7NcK5hJd8GfY3sAe6U}`, "generic-api-key", "Tz4wQp9LmX2vRb7NcK5hJd8GfY3sAe6U"},
		{`#define API_SECRET @"c0ffee4b1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e"`, "generic-api-key", "c0ffee4b1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e"},
	})
	// a nested list and a call are no literals
	held5Quiet(t, []string{"passwords: [[a, b], [c]]", "password = q(x)", "password = %{password}"}, "password-assignment")
}

// A URL's password holding an '@' and then a '#' or '?' unencoded: the last '@' that a
// host follows ends the userinfo (uripw.go); a query's '@' does not.
func TestURLPasswordAtThenHash(t *testing.T) {
	held5Want(t, []held5Case{
		{"postgres://web:Lx7@q2mz#91@db-3.corp.lan:5432/web", "postgres-connection-string", "Lx7@q2mz#91"},
		{"const url = `postgres://svc:Lx7@q2mz?91@${process.env.DB_HOST}:5432/app`;", "postgres-connection-string", "Lx7@q2mz?91"},
		{"https://bob:Tq8mzLp2x@gitlab?next=alice@example.org", "url-credentials", "Tq8mzLp2x"},
	})
}

// A URL written as literals joined by a concatenation operator (uriconcat.go).
func TestConcatenatedURLPassword(t *testing.T) {
	held5Want(t, []held5Case{
		{`DSN = "postgresql://" + "report" + ":" + "Heron513!x" + "@" + "pg-2.corp.lan/dw"`, "postgres-connection-string", "Heron513!x"},
		{`$dsn = 'mysql://' . $user . ':' . 'Heron513!x' . '@' . 'db.lan/app';`, "mysql-connection-string", "Heron513!x"},
		{`local u = "redis://:" .. "Heron513!x" .. "@cache:6379"`, "redis-connection-string", "Heron513!x"},
		{`u = "postgres://app:" + "Heron513!x" + "@db.lan/x"`, "postgres-connection-string", "Heron513!x"},
	})
	held5Quiet(t, []string{
		`x = "postgresql://" + user + ":" + password + "@" + host`,
		`url = "https://" + host + "/api"`,
	}, "postgres-connection-string", "url-credentials")
}

// A salt drawn from all of printable ASCII under a secret's name (salt.go).
func TestPrintableSalt(t *testing.T) {
	salt := `k3]Vq,Z}p8;Rw!tL(x2#Nb^m7|Hs<c9@Jd>Ge4*Fy&Ua%Ko`
	held5Want(t, []held5Case{
		{"define( 'AUTH_KEY', '" + salt + "' );", "generic-api-key", salt},
		{"define( 'NONCE_SALT', '+" + salt + "' );", "generic-api-key", "+" + salt},
	})
	// a regular expression and a wrapped base64 ciphertext are no salt
	held5Quiet(t, []string{
		`secret_pattern = '^[a-zA-Z0-9!#$%&*+/=?^_{|}~-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*$'`,
		`secret: "![/5re16bzKq2rg9VYWCwiL/tUSxiyOB+]"`,
	}, "generic-api-key")
}

// A service's privileged account as a key, and Nagios's $USERn$ macros (rolekey.go).
func TestRoleKeysAndNagiosMacros(t *testing.T) {
	held5Want(t, []held5Case{
		{`  "mysql_root": "Gannet2026!",`, "password-assignment", "Gannet2026!"},
		{`DB_ROOT=Plover#8812q`, "password-assignment", "Plover#8812q"},
		{`ldap_admin: "marten.osprey.4417"`, "password-assignment", "marten.osprey.4417"},
		{"$USER3$=Plover#8812q", "password-assignment", "Plover#8812q"},
		{"$USER7$=Zq8vLm2NcX5bRt9WkY4hGd7s", "generic-api-key", "Zq8vLm2NcX5bRt9WkY4hGd7s"},
	})
	held5Quiet(t, []string{
		`  "mysql_root": "/var/lib/mysql",`,
		`ldap_admin: "alice.smith@example.org"`,
		`"wp_admin": "admin"`,
		"$USER1$=/usr/lib/nagios/plugins",
		"$USER2$=public",
	}, "password-assignment", "generic-api-key")
}

// A password a person chose, kept under a secret's or a credential's name (secretpw.go).
func TestPasswordUnderSecretName(t *testing.T) {
	held5Want(t, []held5Case{
		{"client_secret = Puffin77?", "password-assignment", "Puffin77?"},
		{"ldap.credentials:Basalt_Heron_318", "password-assignment", "Basalt_Heron_318"},
	})
	held5Quiet(t, []string{"client_secret = prod_cluster_2024", "api_secret: release-2024"}, "password-assignment")
}

// A password before a line end written as text ("PASS …\r\n" in tshark's view of an FTP
// session) is read up to it.
func TestBlankSeparatedBeforeEscapedEOL(t *testing.T) {
	held5Want(t, []held5Case{
		{"File Transfer Protocol (FTP)\n    PASS TqWmzRkPLvNbXcYhJ\\r\\n\n        Request command: PASS\n", "password-assignment", "TqWmzRkPLvNbXcYhJ"},
	})
}

// A bare "key" holding hex is a secret when its YAML parent or INI section names an
// API (keyparent.go), not under any other section.
func TestBareKeyUnderAPISection(t *testing.T) {
	held5Want(t, []held5Case{
		{"api:\n  key: 9C4E1A7B3D2F6E8A0B5C7D9E1F3A5B7C\n", "generic-api-key", "9C4E1A7B3D2F6E8A0B5C7D9E1F3A5B7C"},
		{"[api]\nkey = 9c4e1a7b3d2f6e8a0b5c7d9e1f3a5b7c\n", "generic-api-key", "9c4e1a7b3d2f6e8a0b5c7d9e1f3a5b7c"},
	})
	held5Quiet(t, []string{
		"cache:\n  key: 9C4E1A7B3D2F6E8A0B5C7D9E1F3A5B7C\n",
		"[cache]\nkey = 9c4e1a7b3d2f6e8a0b5c7d9e1f3a5b7c\n",
		"key: 9c4e1a7b3d2f6e8a0b5c7d9e1f3a5b7c\n",
	}, "generic-api-key")
}

// "USER name PASS value" mid-line takes a value with ':' or '=' when it has letters, a
// digit and a sign (pairedSignedPassword); a path or a reference stays out.
func TestUserPassPairSignedValue(t *testing.T) {
	held5Want(t, []held5Case{
		{"HOST gw.example.org:7001 TERM 0042 USER app_pos PASS Wq4=Lz9!mK:x", "password-assignment", "Wq4=Lz9!mK:x"},
	})
	held5Quiet(t, []string{
		"USER app_pos PASS /etc/pos/secret2.txt",
		"USER app_pos PASS $POS_PASS_2=x",
	}, "password-assignment")
}

// The sentence after a password's word gives it in a short clause ended by a colon
// (pwnextclause.go); a label ("Note:") or a clause with code in it does not.
func TestPasswordInNextClause(t *testing.T) {
	held5Want(t, []held5Case{
		{"Hei! Mikä on palvelimen salasana? Kirjoitin sen ylös: pihlaja42routa! – onko se oikein?", "password-in-prose", "pihlaja42routa!"},
		{"I forgot the vpn password. I wrote it down: Tern77!quay and lost the note", "password-in-prose", "Tern77!quay"},
	})
	held5Quiet(t, []string{
		"Change your password. Note: Use16chars!",
		"Reset the password. See doc/x: Abc123!xyz",
	}, "password-in-prose", "password-assignment")
}

// Code's values under a secret's name are no chosen password (secretpw.go).
func TestSecretNameCodeValues(t *testing.T) {
	held5Quiet(t, []string{
		"\t// Oauth2ClientCredentialsConfig: Oauth2.0 Client Credentials.",
		`"output_token": "Jobs[-1].JobId",`,
		"{Key: jwe.ContentEncryptionKey, Value: jwa.A128GCM},",
	}, "password-assignment")
}
