package detect

import (
	"encoding/base64"
	"encoding/binary"
	"testing"
	"unicode/utf16"
)

// The classes of misses and false positives the held9a evaluation split showed
// (tools/evalcorpus/held9.go; held9b, its held-out sibling, was not looked at). Each
// test covers one class with strings written for the test, not taken from the split,
// beside controls that must stay quiet.

// Redis's own directives and ACL rules.
func TestHeld9RedisDirectives(t *testing.T) {
	held5Want(t, []held5Case{
		{"requirepass Kestrel#8812x", "password-assignment", "Kestrel#8812x"},
		{"masterauth heron-lupin-552", "password-assignment", "heron-lupin-552"},
		{`requirepass "Wren7731!moss"`, "password-assignment", "Wren7731!moss"},
		{"user cache on >Wren7731!moss ~cache:* +@read", "password-assignment", "Wren7731!moss"},
		{`"ACL" "SETUSER" "x"` + "\nACL SETUSER etl on >Sable!4418q ~* +@all", "password-assignment", "Sable!4418q"},
	})
	held5Quiet(t, []string{
		"# requirepass foobared",
		"requirepass ${REDIS_PASSWORD}",
		"requirepass <password>",
		"user metrics on #9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ~* +info",
		"echo requirepass Kestrel#8812x > /tmp/x", // not the directive at a line's start
		"the hosts on >200 machines",
	}, "password-assignment")
}

func utf16B64(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// A Windows answer file's password, in clear or in setup's base64 UTF-16 encoding.
func TestHeld9AnswerFilePassword(t *testing.T) {
	enc := utf16B64("Gannet!5521" + "AdministratorPassword")
	held5Want(t, []held5Case{
		{"<AdministratorPassword>\n  <Value>" + enc + "</Value>\n  <PlainText>false</PlainText>\n</AdministratorPassword>", "password-assignment", "Gannet!5521"},
		{"<Password><Value>Gannet!5521</Value><PlainText>true</PlainText></Password>", "password-assignment", "Gannet!5521"},
		{"<DomainPassword>\n<Value>" + utf16B64("plover-ibis-31DomainPassword") + "</Value>", "password-assignment", "plover-ibis-31"},
	})
	held5Quiet(t, []string{
		"<DisplayName><Value>Gannet!5521</Value></DisplayName>",
		"<Password><Value></Value><PlainText>true</PlainText></Password>",
		"<Password><Value>*SENSITIVE*DATA*DELETED*</Value></Password>",
		"</Password><Value>Gannet!5521</Value>", // a closing tag names no slot
	}, "password-assignment")
}

// The Go MySQL driver's DSN.
func TestHeld9GoMySQLDSN(t *testing.T) {
	held5Want(t, []held5Case{
		{`dsn := "report:Puffin#2290@tcp(db.internal:3306)/sales?parseTime=true"`, "password-assignment", "Puffin#2290"},
		{`  servers = ["ro:Lark7781!x@unix(/run/mysqld/mysqld.sock)/"]`, "password-assignment", "Lark7781!x"},
	})
	held5Quiet(t, []string{
		`"root:@tcp(localhost:3306)/test"`,
		`"app:${DB_PASS}@tcp(db:3306)/x"`,
		`"@tcp(127.0.0.1:3306)/db"`,
		`sql.Open("mysql", user+":"+pass+"@tcp("+host+")/db")`,
	}, "password-assignment")
}

// The body of a base64 MIME part is read as the text it encodes.
func TestHeld9MIMEBase64Part(t *testing.T) {
	body := base64.StdEncoding.EncodeToString([]byte("Your password: Tern#6671ab\r\n"))
	part := "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + body + "\n\n--b1--\n"
	held5Want(t, []held5Case{
		{part, "password-assignment", "Tern#6671ab"},
		{"--b1\r\nContent-Transfer-Encoding: base64\r\nContent-Type: text/plain\r\n\r\n" + body + "\r\n--b1--\r\n", "password-assignment", "Tern#6671ab"},
	})
	held5Quiet(t, []string{
		body, // without the header it is one base64 word among others
		"Content-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString([]byte("See you at ten tomorrow, the room is booked.")) + "\n",
		"Content-Transfer-Encoding: quoted-printable\n\n" + body + "\n",
	}, "password-assignment")
}

// Key material identified by its length under a name that alone says little.
func TestHeld9KeyMaterial(t *testing.T) {
	k32 := "q3Xv9LmT2pR7wZc1Yb8NdK4sHf6Ju0GeAi5Oo2Vx7Qs="
	k16 := "Zp4Tq9Lm2Rx7Vc1Nb8Hd3w=="
	held5Want(t, []held5Case{
		{`encrypt = "` + k32 + `"`, "generic-api-key", k32},
		{`  "encrypt": "` + k16 + `",`, "generic-api-key", k16},
		{"PresharedKey = " + k32, "generic-api-key", k32},
	})
	held5Quiet(t, []string{
		`encrypt = true`,
		`encrypt = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="`,
		`encrypt = "aGVsbG8gd29ybGQ="`,
		"PresharedKey = <preshared key>",
		`x.encrypt = "` + k32 + `"`, // a field set in code, not the setting
	}, "generic-api-key")
}

// A TOTP seed under its name.
func TestHeld9TOTPSeed(t *testing.T) {
	seed := "N7QK4ZL2RWX6M3YT5VHJ2PAE6GDS7K4B"
	held5Want(t, []held5Case{
		{`{"totp_secret": "` + seed + `"}`, "generic-api-key", seed},
		{"login_totp=" + seed, "generic-api-key", seed},
	})
	held5Quiet(t, []string{`{"totp_enabled": true}`, `totp_code: 492817`, `{"totp": "<seed>"}`}, "generic-api-key")
}

// Tamil, Khmer (written without spaces between words) and Basque names for a password.
func TestHeld9OtherLanguageNames(t *testing.T) {
	pw := "Quail#5531x"
	held5Want(t, []held5Case{
		{"சர்வர் கடவுச்சொல்: " + pw, "password-assignment", pw},
		{"ពាក្យសម្ងាត់ថ្មីគឺ " + pw + " សូមកុំចែករំលែក។", "password-assignment", pw},
		{"ពាក្យសម្ងាត់គឺ " + pw, "password-assignment", pw},
		{"Zerbitzariaren pasahitza: " + pw, "password-assignment", pw},
	})
	held5Quiet(t, []string{
		"கடவுச்சொல்: <password>",
		"ពាក្យសម្ងាត់ថ្មីគឺ ********",
		"pasahitza: aldatu",
	}, "password-assignment")
}

// A value wrapped in an emphasis tag after its name.
func TestHeld9EmphasisedValue(t *testing.T) {
	pw := "Quail#5531x"
	held5Want(t, []held5Case{
		{"<p>Passwort: <b>" + pw + "</b></p>", "password-assignment", pw},
		{"<p>Kennwort: <code>" + pw + "</code></p>", "password-assignment", pw},
	})
	held5Quiet(t, []string{
		"<p>Passwort: <b>********</b></p>",
		"<p>Passwort: <b>bitte</b> ändern</p>",
	}, "password-assignment")
}

// scanXML scans in as an XML file's structure, as `detect` reads a .xml file.
func scanXML(e *Engine, in string) []Match {
	var ms []Match
	e.ScanFields([]byte(in), Structure("xml", []byte(in)), func(m Match, _ string) { ms = append(ms, m) })
	return ms
}

// A WS-Security digest is no password; the same element with the password in clear is.
func TestHeld9PasswordDigest(t *testing.T) {
	const el = `<wsse:UsernameToken><wsse:Username>svc</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#`
	e := Default()
	for _, m := range scanXML(e, el+`PasswordDigest">weYI3nXd8LjMNVksCKFV8t3rgHh3Rw==</wsse:Password></wsse:UsernameToken>`) {
		t.Errorf("digest: unexpected %s %q", m.Rule.ID, m.Value)
	}
	if ms := scanXML(e, el+`PasswordText">Quail#5531x</wsse:Password></wsse:UsernameToken>`); !hasMatch(ms, "password-assignment", "Quail#5531x") {
		t.Errorf("clear text: want password-assignment, got %s", describe(ms))
	}
}

// Values under a secret's name that are no secret: a GraphQL variable's type, an
// answer file's configuration pass, a salted hex digest, an age
// recipient. Controls: the same names with a secret still report.
func TestHeld9NotSecrets(t *testing.T) {
	digest := "9f86d081884c7d659a2feaa0c55ad015$10000$a3bf4f1b2b0b822cd15d6c15b0f00a089f86d081884c7d659a2feaa0c55ad015"
	held5Quiet(t, []string{
		`{"query":"mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }"}`,
		`query Q($apiKey: [String!]!, $token: ID!) { x }`,
		`<settings pass="specialize">`,
		`<user username="deployer" password="` + digest + `" roles="manager-script"/>`,
		`X-Api-Key = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"`,
	}, "password-assignment", "generic-api-key")
	held5Want(t, []held5Case{
		{`$password = "Quail#5531x";`, "password-assignment", "Quail#5531x"},
		{`$apiToken .= "Kq7XbT2mWv9PzL4nRc8YhD3sFj6GtA1e";`, "generic-api-key", "Kq7XbT2mWv9PzL4nRc8YhD3sFj6GtA1e"}, // PHP, not GraphQL
		{`<settings pass="Quail#5531x">`, "password-assignment", "Quail#5531x"},
		{`<user username="deployer" password="Quail#5531x" roles="manager-script"/>`, "password-assignment", "Quail#5531x"},
	})
}
