package detect

import (
	"encoding/base64"
	"testing"
)

// The classes of misses and false positives the held5 evaluation split showed
// (tools/evalcorpus/held5.go). Each test covers one class; the strings are written for
// the test, not taken from the split.

type held5Case struct{ in, rule, value string }

func held5Want(t *testing.T, cases []held5Case) {
	t.Helper()
	e := Default()
	for _, c := range cases {
		ms := scanAll(e, c.in)
		if !hasMatch(ms, c.rule, c.value) {
			t.Errorf("%q: want %s %q, got %s", c.in, c.rule, c.value, describe(ms))
		}
	}
}

// held5Quiet fails when any of rules reports anything in the inputs.
func held5Quiet(t *testing.T, ins []string, rules ...string) {
	t.Helper()
	e := Default()
	for _, in := range ins {
		for _, m := range scanAll(e, in) {
			for _, r := range rules {
				if m.Rule.ID == r {
					t.Errorf("%q: unexpected %s %q", in, m.Rule.ID, m.Value)
				}
			}
		}
	}
}

// SQL that sets a password, as database servers log it.
func TestHeld5SQLSetPassword(t *testing.T) {
	pw := "Otter#4471qz"
	held5Want(t, []held5Case{
		{`2026-03-02 10:00:00 UTC [812] LOG:  statement: CREATE ROLE audit LOGIN PASSWORD '` + pw + `';`, "password-assignment", pw},
		{`ALTER USER etl WITH ENCRYPTED PASSWORD '` + pw + `' VALID UNTIL 'infinity';`, "password-assignment", pw},
		{"QueryFinish\tdefault\tCREATE USER loader IDENTIFIED WITH sha256_password BY '" + pw + "' HOST ANY\t12", "password-assignment", pw},
		{`CREATE USER 'app'@'%' IDENTIFIED BY '` + pw + `';`, "password-assignment", pw},
	})
	held5Quiet(t, []string{
		`ALTER ROLE audit PASSWORD 'md5` + "0123456789abcdef0123456789abcdef" + `';`,
		`CREATE USER app IDENTIFIED BY '<password>';`,
		`SELECT password FROM users WHERE name = 'bob'`,
		`the report was sorted by 'name'`,
		`// migrated to the primary interface, identified by 'hostConfig.NetworkMode'.`,
	}, "password-assignment")
}

// Redis's AUTH command as MONITOR prints it.
func TestHeld5RedisAuthCommand(t *testing.T) {
	held5Want(t, []held5Case{
		{`1767000000.123456 [0 10.2.3.4:51234] "AUTH" "Heron7731~xq"`, "password-assignment", "Heron7731~xq"},
		{`1767000000.123456 [0 unix:/run/redis.sock] "auth" "worker" "Crane8841^yb"`, "password-assignment", "Crane8841^yb"},
	})
	held5Quiet(t, []string{
		`1767000000.123456 [0 10.2.3.4:51234] "GET" "auth:session:42"`,
		`1767000000.123456 [0 10.2.3.4:51234] "AUTH" "<redacted>"`,
	}, "password-assignment")
}

// LDIF writes a password that is not plain ASCII-safe in its base64 form ("::").
func TestHeld5LDIFBase64Password(t *testing.T) {
	pw := "Sealion7712!x"
	enc := base64.StdEncoding.EncodeToString([]byte(pw))
	held5Want(t, []held5Case{
		{"dn: uid=ewa,ou=people,dc=lab\nuserPassword:: " + enc + "\n", "password-assignment", pw},
	})
	held5Quiet(t, []string{
		"userPassword:: " + base64.StdEncoding.EncodeToString([]byte("{SSHA}c2FsdGVkaGFzaHZhbHVl")) + "\n",
		"userCertificate;binary:: MIIBszCCAVmgAwIBAgIUQ2\n",
	}, "password-assignment")
}

// A password flag glued to its value inside an argument vector (strace, audit logs,
// JSON process listings) rather than a shell line.
func TestHeld5ArgvPasswordFlag(t *testing.T) {
	held5Want(t, []held5Case{
		{`4121 execve("/usr/bin/mysql", ["mysql", "-uroot", "-pBison5521zk", "crm"], 0x7ffc /* 9 vars */) = 0`, "password-assignment", "Bison5521zk"},
		{`{"cmdline": ['mariadb', '-h', 'db.lan', '-pYak_7712kt']}`, "password-assignment", "Yak_7712kt"},
	})
	held5Quiet(t, []string{
		`execve("/usr/bin/tar", ["tar", "-pxf", "backup.tar"], 0x7ffc) = 0`,
	}, "password-assignment")
}

// An address after a property name glued to it by a colon (vCard's "EMAIL;TYPE=…:")
// is an address; a URL's user information is still not.
func TestHeld5MailPropertyAddress(t *testing.T) {
	held5Want(t, []held5Case{
		{"EMAIL;TYPE=home:kasia.nowak77@onet.pl\r", "email", "kasia.nowak77@onet.pl"},
		{"E-Mail:bjorn.eklund@telia.se", "email", "bjorn.eklund@telia.se"},
	})
	held5Quiet(t, []string{
		"https://deploy:hunter2x@git.corp.lan/app.git",
		"ftp://mail:secretpw@files.corp.lan/in",
	}, "email")
}

// Addresses that name a message or a service account, not a person.
func TestHeld5MachineAddresses(t *testing.T) {
	held5Quiet(t, []string{
		`thanks, see Message-ID <a81b2c3d4e5f6071@mx.mailhost.net> for the original`,
		`  "client_email": "deployer-7@myproj-1234.iam.gserviceaccount.com",`,
		`runs as myproj@appspot.gserviceaccount.com`,
	}, "email")
	held5Want(t, []held5Case{
		{`reply to ana.moreira@sapo.pt about message-id handling`, "email", "ana.moreira@sapo.pt"},
	})
}

// Password words of more languages, and a qualifier glued to the colon
// ("Kennwort für den Server: …").
func TestHeld5PasswordWordsMoreLanguages(t *testing.T) {
	pw := "Renen4412ab"
	held5Want(t, []held5Case{
		{`lösenord: ` + pw, "password-assignment", pw},
		{`Şifre şu: ` + pw, "password-assignment", pw},
		{`κωδικός: ` + pw, "password-assignment", pw},
		{`heslo k serveru: ` + pw, "password-assignment", pw},
		{`הסיסמה: ` + pw, "password-assignment", pw},
		{`رمز عبور: ` + pw, "password-assignment", pw},
		{`รหัสผ่าน: ` + pw, "password-assignment", pw},
		{`Kennwort für den Server: ` + pw, "password-assignment", pw},
		{`{"content": "\u03ba\u03c9\u03b4\u03b9\u03ba\u03cc\u03c2: ` + pw + `"}`, "password-assignment", pw},
	})
	held5Quiet(t, []string{`lösenord: krävs`, `heslo je povinné`,
		`// use the key as username and leave password as empty: https://docs.vendor.example/#auth`}, "password-assignment")
}

// Quoted-printable prose: an encoded word before the value is a qualifier, not the
// password.
func TestHeld5QuotedPrintableProse(t *testing.T) {
	held5Want(t, []held5Case{
		{"Content-Transfer-Encoding: quoted-printable\n\nPasswort f=C3=BCr den Server: Kormoran7712!\n", "password-assignment", "Kormoran7712!"},
	})
	held5Quiet(t, []string{"Passwort f=C3=BCr den Zugang folgt sp=C3=A4ter\n"}, "password-assignment")
}

// Values that stand where a password would and are structurally something else.
func TestHeld5DigestsAndTagsNotPasswords(t *testing.T) {
	held5Quiet(t, []string{
		"vault_db_password: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n",
		"db_password: !vault |\n",
		"db_password: !secret recorder_db_password\n",
		`smtp { password: "data:image/png;base64,aGVsbG8gd29ybGQgdGhpcyBpcyBhIHBuZw==" }`,
		`password: "sha512-b2s0Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6MDEyMzQ1Njc4OTBh=="`,
		`password = "h1:dGhpcyBpcyBub3QgYSBwYXNzd29yZCBpdCBpcyBhIGhhc2g="`,
	}, "password-assignment")
	held5Want(t, []held5Case{{`password: "!Quokka7711"`, "password-assignment", "!Quokka7711"}})
}

// A string naming a password key, followed by the next key of its JSON object.
func TestHeld5JSONKeyNotValue(t *testing.T) {
	held5Quiet(t, []string{
		`{"type": "kubernetes_secret", "name": "smtp_password", "instances": [{"id": 1}]}`,
	}, "password-assignment")
	held5Want(t, []held5Case{{`{"name": "smtp", "password": "Wombat8812%x", "port": 25}`, "password-assignment", "Wombat8812%x"}})
}

// Line formats that give a password no key of its own: .pgpass, Postfix's sasl_passwd,
// HAProxy's userlist.
func TestHeld5ServerLineFormats(t *testing.T) {
	held5Want(t, []held5Case{
		{"pg-7.corp.lan:5432:ledger:auditor:Marmot_7731x\n", "password-assignment", "Marmot_7731x"},
		{"*:*:*:replicator:Pika!7712\n", "password-assignment", "Pika!7712"},
		{"[smtp.relay.example.net]:587 mailer:Kiwi8843zz\n", "password-assignment", "Kiwi8843zz"},
		{"userlist ops\n    user admin insecure-password Lynx_ferret#9\n", "password-assignment", "Lynx_ferret#9"},
	})
	held5Quiet(t, []string{
		"pg-7.corp.lan:5432:ledger:auditor:postgres\n",
		"listen on 10.0.0.1:5432:extra text here:x:y\n",
		"[2026-01-01 10:00:00]:587 lines parsed\n",
		"    user admin password $6$saltsalt$" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ./abcdefghijklmnopqrstuv\n",
	}, "password-assignment")
}

// Redis's inline AUTH command in a captured buffer.
func TestHeld5RedisInlineAuth(t *testing.T) {
	held5Want(t, []held5Case{
		{`812 write(6, "AUTH Gecko7712!x\r\n", 18) = 18`, "password-assignment", "Gecko7712!x"},
		{`812 write(6, "AUTH cache-user Tapir9921#q\r\n", 30) = 30`, "password-assignment", "Tapir9921#q"},
	})
	held5Quiet(t, []string{`{"auth": "required"}`, `812 write(6, "AUTH <password>\r\n", 18) = 18`,
		`if got := buf.String(); got != "AUTH XOAUTH2\r\n" {`, `sent "AUTH PLAIN AGJvYgBodW50ZXI=\r\n"`}, "password-assignment")
}

// The credential arguments of ClickHouse's table functions.
func TestHeld5TableFunctionCredentials(t *testing.T) {
	sec := "Zx8vN2mQ7rT4yU1iO9pA3sD6fG0hJ5kL2zX7cV4b"
	held5Want(t, []held5Case{
		{`SELECT * FROM mysql('db.lan:3306', 'shop', 'orders', 'reader', 'Walrus2289?')`, "password-assignment", "Walrus2289?"},
		{`SELECT count() FROM postgresql('pg:5432', 'crm', 'leads', 'etl', 'Heron_5521x')`, "password-assignment", "Heron_5521x"},
		{`SELECT * FROM remoteSecure('ch-2:9440', 'db', 'events', 'reader', 'Ibex#7713')`, "password-assignment", "Ibex#7713"},
		{`INSERT INTO t SELECT * FROM s3('https://b.s3.amazonaws.com/x/*.csv', 'AKIAQWERTYUIOPASDFGH', '` + sec + `', 'CSV')`, "aws-secret-access-key", sec},
		{`SELECT * FROM s3Cluster('default', 'https://b.s3.amazonaws.com/x.csv', 'AKIAQWERTYUIOPASDFGH', '` + sec + `')`, "aws-secret-access-key", sec},
	})
	held5Quiet(t, []string{
		`SELECT * FROM mysql('db.lan:3306', 'shop', 'orders', 'reader')`,
		`SELECT * FROM s3('https://b.s3.amazonaws.com/x/*.csv', 'CSVWithNames', 'a String, b UInt64')`,
		`SELECT * FROM remote('ch-2:9000', 'db', 'events', 'default', '')`,
	}, "password-assignment", "generic-api-key")
}

// A value printed on the line below its key: PHP's var_dump and redis-cli's replies.
func TestHeld5ValueBelowKey(t *testing.T) {
	tok := "Wq8Er4Ty2Ui6Op0As3Df7Gh1Jk5Lz9Xc"
	held5Want(t, []held5Case{
		{"array(2) {\n  [\"smtp_password\"]=>\n  string(11) \"Puffin3322!\"\n}\n", "password-assignment", "Puffin3322!"},
		{"  [\"api_secret\"]=>\n  string(32) \"" + tok + "\"\n", "generic-api-key", tok},
		{" 5) \"sftp_password\"\n 6) \"Gannet4410&\"\n", "password-assignment", "Gannet4410&"},
		{"11) \"vendor_token\"\n12) \"" + tok + "\"\n", "generic-api-key", tok},
	})
	held5Quiet(t, []string{
		"  [\"username\"]=>\n  string(11) \"Puffin3322!\"\n",
		" 6) \"sftp_password\"\n 7) \"Gannet4410&\"\n",
		" 1) \"password\"\n 2) \"\"\n",
	}, "password-assignment", "generic-api-key")
}

// CLIs that set a named configuration value from two arguments.
func TestHeld5CLISetter(t *testing.T) {
	sec := "Q8r2LmN4pV7sX1zT6yW3kJ9hB5nC0dF2gA4eR8uI"
	held5Want(t, []held5Case{
		{`$ aws configure set aws_secret_access_key ` + sec, "generic-api-key", sec},
		{`npm config set //npm.corp/:_authToken "Nm4Bv8Cx2Zl6Kj0Hg3Fd7Sa1Qw5Er9Ty"`, "generic-api-key", "Nm4Bv8Cx2Zl6Kj0Hg3Fd7Sa1Qw5Er9Ty"},
		{`yarn config set registry_password Quail#4471x`, "password-assignment", "Quail#4471x"},
	})
	held5Quiet(t, []string{
		`aws configure set region eu-west-1`,
		`git config set user.name Anneliese`,
		`aws configure set aws_secret_access_key $SECRET`,
	}, "password-assignment", "generic-api-key")
}

// HAProxy's stats credentials, a pre-shared key named psk, and reStructuredText's
// inline literal around a value.
func TestHeld5MoreConfigForms(t *testing.T) {
	held5Want(t, []held5Case{
		{"listen stats\n    stats auth admin:Basalt@1200x\n", "password-assignment", "Basalt@1200x"},
		{"network={\n    ssid=\"lab\"\n    psk=\"copper_thistle!!x\"\n}\n", "password-assignment", "copper_thistle!!x"},
		{"[wifi-security]\nkey-mgmt=wpa-psk\npsk=Gorse#5512wq\n", "password-assignment", "Gorse#5512wq"},
		{":Staging password: ``spruce_meadow#1x``\n", "password-assignment", "spruce_meadow#1x"},
	})
	held5Quiet(t, []string{
		"    stats auth\n",
		"key-mgmt=wpa-psk\n",
		`{"algorithm":"TLS-v1.3","runningMode":["DHE","PSK","PSK-DHE"]}`,
		"Use ``password`` as the field name.\n",
	}, "password-assignment")
}

// Sealed Secrets' ciphertext under a password's name is safe to commit.
func TestHeld5SealedSecretCiphertext(t *testing.T) {
	ct := "AgB" + "q2Vx7Lm0Np4Rt8Zb1Cd5Fg9Jk3Mn7Pq0Rs4Tu8Wx2Yz6Ac1Ef5Gh9Ij3Kl7Mn0Op4Qr8St2Uv6Wx0Yz4Ab8Cd2Ef6Gh0Ij4Kl8Mn2Op6Qr0St4Uv8Wx2Yz6Ab0Cd4Ef8Gh2Ij6Kl0Mn4Op8Qr2St6Uv0Wx4Yz8Ab2Cd6Ef0Gh4Ij8Kl2Mn6Op0Qr4St8Uv2Wx6Yz0Ab4Cd8Ef2Gh6Ij0Kl4Mn8Op2Qr6St0Uv4Wx8Yz2Ab6Cd0Ef4Gh8Ij2Kl6Mn0" + "=="
	held5Quiet(t, []string{"spec:\n  encryptedData:\n    password: " + ct + "\n"}, "password-assignment")
}

// A 16-digit number under a column that names the means of payment is a card (the
// column's name decides for numbers in an export).
func TestHeld5PaymentColumnCard(t *testing.T) {
	e := Default()
	csvCards := func(data string) []string {
		var out []string
		e.ScanFields([]byte(data), Structure("csv", []byte(data)), func(m Match, _ string) {
			if m.Rule.ID == "credit-card" {
				out = append(out, m.Value)
			}
		})
		return out
	}
	for _, in := range []string{
		"Kunde;Zahlungsmittel;Notiz\r\n7781;3541420512044157;ok\r\n",
		"cliente,medio de pago,nota\n12,4539578763621486,ok\n",
		"id,payment_method\n1,4539578763621486\n",
	} {
		if got := csvCards(in); len(got) != 1 {
			t.Errorf("%q: want one card, got %q", in, got)
		}
	}
	if got := csvCards("Kunde;Vorgang;Notiz\n7781;3541420512044157;ok\n"); len(got) != 0 {
		t.Errorf("a column named for something else: got %q", got)
	}
}

// Values of a structured file that are wholly base64 text are decoded and read: a
// Kubernetes Secret's data, cloud-init's b64 write_files.
func TestHeld5Base64Fields(t *testing.T) {
	e := Default()
	b64 := base64.StdEncoding.EncodeToString
	tok := "sbp_" + "4f1c0de2b7a94e3f8d6c5b4a3928170e6f5d4c3b"
	env := b64([]byte("MODE=prod\nSUPABASE_ACCESS_TOKEN=" + tok + "\n"))
	scan := func(format, data string) []Match {
		var ms []Match
		e.ScanFields([]byte(data), Structure(format, []byte(data)), func(m Match, _ string) { ms = append(ms, m) })
		return ms
	}
	for _, c := range []struct{ format, data, blob string }{
		{"yaml", "write_files:\n  - path: /etc/app/env\n    encoding: b64\n    content: " + env + "\n", env},
		{"json", `{"kind": "Secret", "data": {"upstream": "` + b64([]byte(tok)) + `"}}`, b64([]byte(tok))},
	} {
		found := false
		for _, m := range scan(c.format, c.data) {
			if m.Value == tok && c.data[m.Start:m.End] == c.blob {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: want %q reported over its base64 value, got %s", c.format, tok, describe(scan(c.format, c.data)))
		}
	}
	for _, data := range []string{
		`{"data": {"ca.crt": "` + b64([]byte("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2\n-----END CERTIFICATE-----\n")) + `"}}`,
		`{"data": {"blob": "` + b64([]byte{0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3}) + `"}}`,
		`{"data": {"note": "` + b64([]byte("hello there, this is only a note")) + `"}}`,
	} {
		for _, m := range scan("json", data) {
			if m.Rule.Category == "secret" {
				t.Errorf("%q: unexpected %s %q", data, m.Rule.ID, m.Value)
			}
		}
	}
}

// In a change record the setting is named by the path above the side of the change.
func TestHeld5ChangeRecordPath(t *testing.T) {
	e := Default()
	pw := "Quokka#5521zz"
	data := `{"event":"config_change","diff":{"smtp.password":{"old":"***","new":"` + pw + `"},"smtp.port":{"old":"25","new":"587"}}}`
	var got []string
	e.ScanFields([]byte(data), Structure("json", []byte(data)), func(m Match, _ string) {
		if m.Rule.Category == "secret" {
			got = append(got, m.Rule.ID+" "+m.Value)
		}
	})
	if len(got) != 1 || got[0] != "password-assignment "+pw {
		t.Errorf("want the new password only, got %q", got)
	}
}

// A password's name written in \u escapes, its value a few words further on: the
// decoded view's match is kept although the escapes end more than a separator before it.
func TestHeld5EscapedNameFarFromValue(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"text": "\u043f\u0430\u0440\u043e\u043b\u044c \u0434\u043b\u044f staging: Vole#8812x"}`, "password-assignment", "Vole#8812x"},
	})
}
