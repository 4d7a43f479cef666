package detect

import "testing"

// A URL's userinfo whose password holds '<', '>' or ',' unencoded is read to its '@'

// when a host follows; a port, a placeholder or a list after a URL is not.
func TestURLUserinfoUnencodedSigns(t *testing.T) {
	held5Want(t, []held5Case{
		{"$cfg['dsn'] = 'mysql://mail:Orchid31&vale<@localhost/postfix';", "mysql-connection-string", "Orchid31&vale<"},
		{"dsn = 'mysql://app:-pQ<+r~kL4Wim]zB!_}@db02.example-corp.no/app'", "mysql-connection-string", "-pQ<+r~kL4Wim]zB!_}"},
		{"# lpadmin -p Room -E -v 'smb://scan:0xzq[W.+TSmqa,j@fs02/scan' -m everywhere", "url-credentials", "0xzq[W.+TSmqa,j"},
		{"redis://:Wq7<vPzKh2>@cache:6379/0", "redis-connection-string", "Wq7<vPzKh2>"},
		{"mongodb+srv://app:Wq7&vPz<Kh>2@cluster0.x.mongodb.net/db", "mongodb-connection-string", "Wq7&vPz<Kh>2"},
		{`DATABASE_URL="postgres://app:Wq7#vPz?Kh@2@db1:5432/x"`, "postgres-connection-string", "Wq7#vPz?Kh@2"},
		{`url = "jdbc:mysql://db1:3306/x?user=app&password=Wq7<vPz>Kh,2&useSSL=true"`, "password-assignment", "Wq7<vPz>Kh,2"},
	})
	held5Quiet(t, []string{
		"DATABASE_URL=mysql://user:<password>@localhost/db",
		"see http://host:8080,bob@example.com for more",
		"redis://:<password>@cache:6379/0",
	}, "mysql-connection-string", "url-credentials")
}

// A '%' that decodes to no text (a lone byte 0x93, a control byte) is the value's own

// character, not an escape.
func TestPercentThatIsNoEscape(t *testing.T) {
	held5Want(t, []held5Case{
		{"StoragePass=Qwmtzre%9341", "password-assignment", "Qwmtzre%9341"},
		{"StoragePass=Vrelkpo%0718", "password-assignment", "Vrelkpo%0718"},
	})
}

// A double-quoted value that ends in an escaped backslash closes at the quote after it

// (the value decoded holds one backslash).
func TestQuotedValueEndsInEscapedBackslash(t *testing.T) {
	held5Want(t, []held5Case{
		{`password: "Fennel42\\"`, "password-assignment", `Fennel42\`},
		{`  certificatePassword: "harbor quill 51\\"`, "password-assignment", `harbor quill 51\`},
	})
	if !escapedBackslashesClose(2, 0) || escapedBackslashesClose(1, 0) || !escapedBackslashesClose(5, 1) || escapedBackslashesClose(3, 1) {
		t.Error("escapedBackslashesClose")
	}
}

// A copula of a language no list holds: the clause's last token after a password word

// A password key first on its line with a value that runs to the line's end without a

// blank: ',', ';', '<', '>' are the value's own; code and lists are not read so.
func TestSettingLineValue(t *testing.T) {
	held5Want(t, []held5Case{
		{"StoragePass=Wqelmna;5137", "password-assignment", "Wqelmna;5137"},
		{"DbPass=MaRtqLp_hcAV,^_xY", "password-assignment", "MaRtqLp_hcAV,^_xY"},
		{"StoragePass=KrTQM>PoeQG?418", "password-assignment", "KrTQM>PoeQG?418"},
	})
	held5Quiet(t, []string{
		"password=req.body.pw;",
		"passwords=pw1,pw2",
		"password=getPass(Config1);",
		"\t\tPASSWORD=git&20250101&Qx2lVEmqi+OW130dxWIDhfw1K6XKw/gxc5P9te3cwWBtnK2XkZq5k==",
	}, "password-assignment")
}

// An SGML field that no end tag closes (OFX 1.x) holds its value to the line's end. OFX's
// own USERPASS field is named by its specific rule since review39 made that rule read the
// whole line; the value is the same.
func TestSGMLLineValue(t *testing.T) {
	doc := "<OFX>\n<SIGNONMSGSRQV1>\n<USERID>bob\n<USERPASS>harbor quill 07\n<LANGUAGE>ENG\n</OFX>\n"
	held5Want(t, []held5Case{
		{doc, "ofx-user-password", "harbor quill 07"},
		{"<SONRQ>\n<USERPASS>Brnq?6103\n</SONRQ>\n", "ofx-user-password", "Brnq?6103"},
	})
	held5Quiet(t, []string{
		"<password>\nsee the manual for how to set it\n",
	}, "password-assignment")
}

// A version or slot number after a password's word ("smtp_password_v4") leaves the key

// a password's name.
func TestPasswordKeyVersionSuffix(t *testing.T) {
	held5Want(t, []held5Case{
		{`        "ses_smtp_password_v4": "KqEiM1sSD1iI4hovaouj5AeejD4j32opi4nrwu+EqiFp",`, "password-assignment", "KqEiM1sSD1iI4hovaouj5AeejD4j32opi4nrwu+EqiFp"},
	})
	if !keyVersionWord([]byte("v4")) || keyVersionWord([]byte("2")) || keyVersionWord([]byte("v")) || keyVersionWord([]byte("val")) {
		t.Error("keyVersionWord")
	}
	held5Quiet(t, []string{
		"Files: man/hu/man1/gpasswd.1\n       man/pt_BR/man1/*\n",
		"\t* man/Attic/chpasswd.8: s/protect/protected/\n",
		`{"zr":{"YArPwV3":"NHThk","name":"UyVG5xQ"}}`,
	}, "password-assignment")
}

// ODBC's braces quote a connection string's value, ';' inside it included.
func TestODBCBracedValue(t *testing.T) {
	held5Want(t, []held5Case{
		{`conn = "Driver={ODBC Driver 18};Server=db1;Uid=app;Pwd={Wq7;vPz=Kh#2};Encrypt=yes"`, "password-assignment", "Wq7;vPz=Kh#2"},
	})
	if e, ok := odbcBraced([]byte("{a;b}}c};x"), 0); !ok || e != 7 {
		t.Errorf("odbcBraced: %d %v", e, ok)
	}
}

// A passphrase of two words and a number that ends its line after a copula; a symbol
