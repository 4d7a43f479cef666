package detect

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// The classes of misses the held7 evaluation split showed (tools/evalcorpus/held7.go).
// Each test covers one class with strings written for the test, not taken from the
// split, beside a control that must stay quiet.

// Passwords under names that do not say "password": pw in a YAML map or a mysql \G
// row, pass_phrase, credential and secret_value slots, other languages' words.
func TestHeld7PasswordNames(t *testing.T) {
	held5Want(t, []held5Case{
		{"    pass_phrase: 'Lindo#5521kr',", "password-assignment", "Lindo#5521kr"},
		{"         pw: Tarn*4471x", "password-assignment", "Tarn*4471x"},
		{`{"credential": "Bruma2026!", "host": "db1"}`, "password-assignment", "Bruma2026!"},
		{`<14>1 - host app 1 - [auth@32473 secret_value="Vinter!8812"] msg`, "password-assignment", "Vinter!8812"},
		{`INSERT INTO settings VALUES('smtp_salasana','Kuusi#2290');`, "password-assignment", "Kuusi#2290"},
		{`const JELSZO = "Fecske88!tavasz"`, "password-assignment", "Fecske88!tavasz"},
		{"+DB_LOZINKA=javor77breza%", "password-assignment", "javor77breza%"},
		{`  "parola": "Brad#4410munte"`, "password-assignment", "Brad#4410munte"},
		{"mongo: { adgangskode: 'Mose-7781' }", "password-assignment", "Mose-7781"},
	})
	held5Quiet(t, []string{
		"--- PASS: TestParseConfig (0.00s)",
		"PASS: TestWidget",
		"pwd: /home/build",
		`"Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/s3/aws4_request"`,
		`{"credential": "i-0123456789abcdef0"}`,
		`{"credential": "3.10.2-alpha.4+build.77"}`,
		"vendor credentials: qT7vLm2+=Xw9Rk4pZs8Nf3Jd6Hb1Yc5Ga0", // a generated key, not a chosen password
		`credential: ***REMOVED***`,
		`password: ***REMOVED***`,
		`secret_value: [HIDDEN]`,
		"la parola chiave è importante",
		"00000220  f0 41 7a 0d 87 c1 70 77  d3 3a fa ef 2b 11 9b 61  |.Az...pw.:..+..a|", // a hex dump's text column
		"/Filter PW=\xb5J$\xb2P8\x9e\xae\xf6\xe5\x866na",                                 // bytes of a binary stream, not text
	}, "password-assignment")
}

// Passwords in chat and prose in more languages, with inflected names ("Passordet",
// "Паролата") and their copulas ("er", "ni", "је", "е", "este").
func TestHeld7PasswordProseLanguages(t *testing.T) {
	held5Want(t, []held5Case{
		{"Parola contului meu este Lup#7781munte, te rog schimb-o.", "password-assignment", "Lup#7781munte"},
		{"Passordet til ruteren er Fjord88!hav", "password-assignment", "Fjord88!hav"},
		{"Habari, nenosiri la akaunti ni Simba#2231 asante", "password-assignment", "Simba#2231"},
		{"Лозинка за сервер је Dunav#4410", "password-assignment", "Dunav#4410"},
		{"Паролата за сървъра е Rila!7790, смени я", "password-assignment", "Rila!7790"},
		{"سرور کا پاس ورڈ Chinar#5512 ہے", "password-assignment", "Chinar#5512"},
		{"ქსელის პაროლი: Mtkvari#3301", "password-assignment", "Mtkvari#3301"},
	})
	held5Quiet(t, []string{
		"Passordet er for kort",
		"Parola mea este prea simplă",
		"The password according to rfc7613 is normalised",
		"Nenosiri la akaunti ni siri yako",
	}, "password-assignment")
	// a CJK name's copula is no inflection: "密码是 …" keeps its value
	held5Want(t, []held5Case{{"密码是 Qiu#2291shan", "password-assignment", "Qiu#2291shan"}})
}

// A key named in prose with an inflected word: Hungarian "kulcsom", Danish "nøglen".
func TestHeld7SecretProseLanguages(t *testing.T) {
	k := "9f2c4e8a1b7d3f6e0a5c9b8d7e6f5a4b"
	held5Want(t, []held5Case{
		{"Szia! Ez az API kulcsom: " + k + " – miért hibás?", "generic-api-key", k},
		{"Jeg har sat nøglen ind i config: " + k + " men det virker ikke", "generic-api-key", k},
	})
	held5Quiet(t, []string{"Ez az API kulcsom: nincs meg", "nøglen ind i config: se dokumentationen"}, "generic-api-key")
}

// Characters written as one \u00XX escape a byte (Facebook's and Instagram's exports):
// the name in them is read.
func TestHeld7MojibakeEscapes(t *testing.T) {
	moj := func(s string) string {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				b.WriteString(`\u00`)
				b.WriteString(string("0123456789abcdef"[s[i]>>4]) + string("0123456789abcdef"[s[i]&15]))
				continue
			}
			b.WriteByte(s[i])
		}
		return b.String()
	}
	in := `{"content": "` + moj("Лозинка за рутер је Sava#6620 не дели је") + `"}`
	held5Want(t, []held5Case{{in, "password-assignment", "Sava#6620"}})
	// a Latin-1 character followed by a plain one is no byte sequence
	held5Quiet(t, []string{`{"content": "` + moj("café") + ` et crème"}`, `{"n": "\u00c3 plain"}`}, "password-assignment")
}

// Text tables as database clients print them: the first cell names the second.
func TestHeld7TextTableCells(t *testing.T) {
	held5Want(t, []held5Case{
		{"│ smtp_pw        │ Kestrel!4410                          │       1 │\n", "password-assignment", "Kestrel!4410"},
		{"| db_password | Heron#2277x |\n", "password-assignment", "Heron#2277x"},
		{"secret_value | Lagoon%5590\n", "password-assignment", "Lagoon%5590"},
	})
	held5Quiet(t, []string{
		"| password | The password of the database user |\n",
		"| DB_PASSWORD | `changeme` | required |\n",
		" password    | text                        |           | not null |\n",
		"echo password | sha256sum\n",
		"x | password | Heron#2277x\n",
		"|db_password | Heron#2277x |\n", // a key glued to the border is no drawn table
		"│db_password │ Heron#2277x │\n",
	}, "password-assignment")
}

// Blank-separated dotted keys: spark-defaults.conf, Java properties.
func TestHeld7BlankSeparatedConf(t *testing.T) {
	held5Want(t, []held5Case{
		{"spark.hadoop.javax.jdo.option.ConnectionPassword  Olmo-4421\n", "password-assignment", "Olmo-4421"},
		{"hive.metastore.db.password\tRovere#881\n", "password-assignment", "Rovere#881"},
	})
	held5Quiet(t, []string{
		"spark.ssl.keyStorePassword       ${env:KS_PASS}\n",
		"spark.authenticate.password  is required when auth is on\n",
		"  spark.db.password  Olmo-4421\n", // indented: prose or a listing, not the file's key
	}, "password-assignment")
}

// Structured text: Hadoop's <name>/<value> properties, a COPY block of a settings
// table, DynamoDB's typed values, [name, value] JSON pairs.
func TestHeld7StructuredPairs(t *testing.T) {
	e := Default()
	aws := "wJ8aLp2QxR7vT4mN1kZ9sB3cD6fG0hJ5yU8iO2eW"
	cases := []struct {
		format, text, want string
	}{
		{"xml", "<configuration>\n  <property>\n    <name>fs.s3a.secret.key</name>\n    <value>" + aws + "</value>\n  </property>\n</configuration>\n", aws},
		{"xml", "<configuration><property><name>javax.jdo.option.ConnectionPassword</name><value>Quercia#5512</value></property></configuration>", "Quercia#5512"},
		{"sql", "COPY public.settings (key, value) FROM stdin;\nldap.bind_pw\tTasso!7730\nfeature.beta\ttrue\n\\.\n", "Tasso!7730"},
		{"json", `{"Item": {"pk": {"S": "USER#1"}, "pw": {"S": "Faggio#2231"}}}`, "Faggio#2231"},
		{"json", `{"request": {"headers": [["Accept", "*/*"], ["X-Api-Key", "` + aws + `"]]}}`, aws},
		{"json", `{"request": {"cookies": [["sessionid", "q8Zk2LmN4pR7sT1vW3xY5aB9cD0eF6gH"]]}}`, "q8Zk2LmN4pR7sT1vW3xY5aB9cD0eF6gH"},
		// etcdctl -w json: the key in base64 too ("/app/db/pw")
		{"json", `{"kvs": [{"key": "` + b64("/app/db/pw") + `", "version": 2, "value": "` + b64("Salice#4471") + `"}]}`, b64("Salice#4471")},
	}
	for _, c := range cases {
		var got []string
		ScanDocument(e, c.format, []byte(c.text), func(m LineMatch) {
			if m.Rule.Category == finding.Secret {
				got = append(got, m.Value)
			}
		})
		found := false
		for _, g := range got {
			found = found || g == c.want
		}
		if !found {
			t.Errorf("%s %q: want %q, got %q", c.format, c.text, c.want, got)
		}
	}
	// controls: the pair's name says nothing secret, or no name stands beside the value
	quiet := []struct{ format, text string }{
		{"xml", "<configuration><property><name>fs.s3a.endpoint</name><value>" + aws + "</value></property></configuration>"},
		{"xml", "<configuration><property><name>fs.s3a.secret.key</name></property><property><value>" + aws + "</value></property></configuration>"},
		{"sql", "COPY public.settings (key, value) FROM stdin;\nbuild.digest\t" + aws + "\n\\.\n"},
		{"json", `{"request": {"cookies": [["lang", "q8Zk2LmN4pR7sT1vW3xY5aB9cD0eF6gH"]]}}`},
		{"json", `{"words": ["the value is", "q8Zk2LmN4pR7sT1vW3xY5aB9cD0eF6gH"]}`},
		{"json", `{"kvs": [{"key": "` + b64("/app/build/commit") + `", "value": "` + b64("Salice#4471") + `"}]}`},
	}
	for _, c := range quiet {
		ScanDocument(e, c.format, []byte(c.text), func(m LineMatch) {
			if m.Rule.Category == finding.Secret {
				t.Errorf("%s %q: unexpected %s %q", c.format, c.text, m.Rule.ID, m.Value)
			}
		})
	}
}

// Passwords passed by position to connection calls with documented signatures.
func TestHeld7PositionalPasswords(t *testing.T) {
	held5Want(t, []held5Case{
		{"conn = database('warehouse', 'etl', 'Noce#7741', 'Vendor', 'PostgreSQL');", "password-assignment", "Noce#7741"},
		{`Connection c = DriverManager.getConnection(url, "app", "Pioppo!2218");`, "password-assignment", "Pioppo!2218"},
		{`$link = mysql_connect("db1", "shop", "Larice-8841x");`, "password-assignment", "Larice-8841x"},
	})
	held5Quiet(t, []string{
		"conn = database('warehouse', 'etl', getenv('PW'));",
		`Connection c = DriverManager.getConnection(url, user, password);`,
		"create_database('a', 'b', 'Noce#7741')",
		"conn = database('warehouse', '', '');",
		`DriverManager.getConnection(url, "app", "pw" + suffix)`,
	}, "password-assignment")
}

// SMTP/IMAP AUTH PLAIN and AUTH LOGIN in session transcripts.
func TestHeld7SMTPAuth(t *testing.T) {
	plain := b64("\x00mailer@example.net\x00Cedro#8812x")
	login := b64("Pino!2290")
	held5Want(t, []held5Case{
		{"C: AUTH PLAIN " + plain + "\r\n", "password-assignment", plain},
		{"S: 334 VXNlcm5hbWU6\nC: " + b64("mailer") + "\nS: 334 UGFzc3dvcmQ6\nC: " + login + "\n", "password-assignment", login},
	})
	held5Quiet(t, []string{
		"S: 250-AUTH PLAIN LOGIN\n",
		"C: AUTH PLAIN " + b64("just some text") + "\n",
		"S: 334 UGFzc3dvcmQ6\nC: *\n",
	}, "password-assignment")
}

// Session cookies in a Netscape cookie jar.
func TestHeld7CookieJar(t *testing.T) {
	v := "Zq3Lm8Np2Rt5Vw7Xy9Ab1Cd4Ef6Gh0Jk2Lm4Np6"
	held5Want(t, []held5Case{
		{"#HttpOnly_.app.example.org\tTRUE\t/\tTRUE\t1893456000\tsession_token\t" + v + "\n", "generic-api-key", v},
	})
	held5Quiet(t, []string{
		".app.example.org\tTRUE\t/\tFALSE\t1893456000\t_ga\tGA1.1.1234567890.1234567890\n",
		".app.example.org\tTRUE\t/\tFALSE\t0\tlang\t" + v + "\n",
		"sessions\tTRUE\t/\tflag\n",
	}, "generic-api-key")
}

// Providers whose documented prefixes no rule knew.
func TestHeld7ProviderPrefixes(t *testing.T) {
	hex := func(n int) string { return strings.Repeat("3f9a0c7e5b1d", 8)[:n] }
	cases := []held5Case{
		{"key " + "fc-" + hex(32) + " leaked", "firecrawl-api-key", "fc-" + hex(32)},
		{"E2B_API_KEY=e2b_" + hex(40), "e2b-api-key", "e2b_" + hex(40)},
		{"tvly-dev-" + "Ab3De5Gh7Jk9Mn2Pq4St6Vw8Yz1Bc3Df", "tavily-api-key", "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"},
		{"client_token = akab-" + "p3k9x2m7q4w8z1v5-" + "n6b2c8d4f1g7h3j9", "akamai-edgegrid-token", "akab-p3k9x2m7q4w8z1v5-n6b2c8d4f1g7h3j9"},
		{"NEON_API_KEY=napi_" + strings.Repeat("p3k9x2m7q4w8z1v5n6b2c8d4f1g7h3j9", 2), "neon-api-key", "napi_" + strings.Repeat("p3k9x2m7q4w8z1v5n6b2c8d4f1g7h3j9", 2)},
		{`{"username":"aino42","key":"` + hex(32) + `"}`, "kaggle-json-key", hex(32)},
	}
	held5Want(t, cases)
	held5Quiet(t, []string{"fc-" + hex(40), "e2b_" + hex(20), `{"key":"` + hex(32) + `"}`, "akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx"},
		"firecrawl-api-key", "e2b-api-key", "kaggle-json-key", "akamai-edgegrid-token")
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
