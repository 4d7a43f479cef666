package detect

import (
	"bytes"
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// structuralRules are the rules recognised by shape rather than by a provider prefix:
// private keys, connection strings, JWTs, Authorization headers, and secrets assigned to
// keys whose name says what they are.
func structuralRules(kvd *kvDet, nd *nearDet) []*Rule {
	var rules []*Rule
	secret := func(id, title, provider string, sev finding.Severity, prio int, rem string, ex, nex []string) *Rule {
		r := &Rule{ID: id, Title: title, Provider: provider, Category: finding.Secret, Severity: sev, prio: prio,
			Remediation: rem, Examples: ex, NotExamples: nex}
		if r.Remediation == "" {
			r.Remediation = remediationFor(provider)
		}
		rules = append(rules, r)
		return r
	}

	// Private keys.
	const keyRem = "Treat the key pair as compromised: revoke or replace the certificate or SSH key that uses it, " +
		"deploy a new key, and remove the exposed copy."
	pd := &pemDet{byKind: map[string]*Rule{}}
	for _, k := range []struct{ kind, id, title, label string }{
		{"rsa", "private-key-rsa", "RSA private key (PKCS#1 PEM)", "RSA PRIVATE KEY"},
		{"ec", "private-key-ec", "EC private key (SEC 1 PEM)", "EC PRIVATE KEY"},
		{"dsa", "private-key-dsa", "DSA private key (PEM)", "DSA PRIVATE KEY"},
		{"openssh", "private-key-openssh", "OpenSSH private key", "OPENSSH PRIVATE KEY"},
		{"pkcs8", "private-key-pkcs8", "Private key (PKCS#8 PEM)", "PRIVATE KEY"},
		{"generic", "private-key-other", "Private key (other PEM type)", "X25519 PRIVATE KEY"},
	} {
		ex := []string{"{pem:" + k.label + "}", `{"tls_key": "{pemj:` + k.label + `}"}`,
			`{"string_tags": "{\"key\": \"{pemjj:` + k.label + `}\"}"}`}
		if k.kind == "openssh" {
			ex = []string{"{openssh:none}"}
		}
		r := secret(k.id, k.title, "PEM", finding.Critical, prioSpecific, keyRem, ex, []string{
			"-----BEGIN " + k.label + "-----\nMIIEvQIBADANBg...\n-----END " + k.label + "-----",
			"-----BEGIN " + k.label + "-----\n<your key here>\n-----END " + k.label + "-----",
			"-----BEGIN PUBLIC KEY-----\n{b:64}\n{b:64}\n-----END PUBLIC KEY-----",
		})
		r.Keywords = []string{"-----BEGIN"}
		r.det = pd
		pd.byKind[k.kind] = r
	}
	enc := secret("private-key-encrypted", "Encrypted private key (passphrase-protected PEM)", "PEM", finding.High, prioSpecific, keyRem,
		[]string{"{pem:ENCRYPTED PRIVATE KEY}", "{openssh:aes256-ctr}",
			"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,{H:32}\n\n{b:64}\n{b:64}\n-----END RSA PRIVATE KEY-----"},
		[]string{"-----BEGIN ENCRYPTED PRIVATE KEY-----\n...\n-----END ENCRYPTED PRIVATE KEY-----"})
	enc.Keywords, enc.det, pd.byKind["encrypted"] = []string{"-----BEGIN"}, pd, enc
	pgp := secret("pgp-private-key", "PGP private key block", "PGP", finding.Critical, prioSpecific, keyRem,
		[]string{"{pem:PGP PRIVATE KEY BLOCK}"},
		[]string{"-----BEGIN PGP PUBLIC KEY BLOCK-----\n{b:64}\n{b:64}\n-----END PGP PUBLIC KEY BLOCK-----"})
	pgp.Keywords, pgp.det, pd.byKind["pgp"] = []string{"-----BEGIN PGP"}, pd, pgp
	putty := secret("putty-private-key", "PuTTY private key file", "PuTTY", finding.Critical, prioSpecific, keyRem,
		[]string{"{putty}"}, []string{"PuTTY-User-Key-File-2: ssh-rsa\nEncryption: none\n"})
	putty.Keywords, putty.det, pd.byKind["putty"] = []string{"PuTTY-User-Key-File-"}, pd, putty
	k8s := secret("private-key-base64", "Base64-encoded PEM private key (e.g. a Kubernetes secret)", "PEM", finding.Critical, prioSpecific+1, keyRem,
		[]string{"tls.key: {b64pem:RSA PRIVATE KEY}"}, []string{"tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t"})
	k8s.Keywords, k8s.det, pd.byKind["base64"] = []string{"LS0tLS1CRUdJTi"}, pd, k8s

	// Connection strings and URLs with passwords.
	const dbRem = "Change the database user's password (and rotate any other credential in the string), " +
		"restrict who can reach the database, and keep connection strings out of logs and tables."
	ud := &uriDet{byScheme: map[string]*Rule{}}
	for _, s := range []struct {
		id, title, provider string
		schemes             []string
		sev                 finding.Severity
		ex                  string
	}{
		{"postgres-connection-string", "PostgreSQL connection string with password", "PostgreSQL", []string{"postgres", "postgresql", "pgsql", "cockroachdb"}, finding.Critical,
			"postgres://svc_app:{a:16}@db-1.internal:5432/chat"},
		{"mysql-connection-string", "MySQL / MariaDB connection string with password", "MySQL", []string{"mysql", "mysqlx", "mysql2", "mariadb"}, finding.Critical,
			"mysql://root:{a:14}@10.1.2.3:3306/billing"},
		{"mongodb-connection-string", "MongoDB connection string with password", "MongoDB", []string{"mongodb", "mongodb+srv"}, finding.Critical,
			"mongodb+srv://admin:{a:18}@cluster0.mongo.internal/prod"},
		{"redis-connection-string", "Redis connection string with password", "Redis", []string{"redis", "rediss", "valkey"}, finding.Critical,
			"redis://:{a:20}@cache.internal:6379/0"},
		{"clickhouse-connection-string", "ClickHouse connection string with password", "ClickHouse", []string{"clickhouse", "clickhouses", "ch"}, finding.Critical,
			"clickhouse://default:{a:16}@ch.internal:9000/default"},
		{"amqp-connection-string", "AMQP (RabbitMQ) connection string with password", "RabbitMQ", []string{"amqp", "amqps"}, finding.Critical,
			"amqp://guest2:{a:16}@mq.internal:5672/vhost"},
		{"mssql-connection-string", "SQL Server connection string with password", "Microsoft SQL Server", []string{"mssql", "sqlserver"}, finding.Critical,
			"sqlserver://sa:{a:16}@sql.internal:1433?database=app"},
		{"oracle-connection-string", "Oracle connection string with password", "Oracle", []string{"oracle"}, finding.Critical,
			"oracle://system:{a:12}@ora.internal:1521/ORCL"},
		{"neo4j-connection-string", "Neo4j connection string with password", "Neo4j", []string{"neo4j", "neo4j+s", "bolt", "bolt+s"}, finding.Critical,
			"neo4j://neo4j:{a:12}@graph.internal:7687"},
		{"cassandra-connection-string", "Cassandra / ScyllaDB connection string with password", "Cassandra", []string{"cassandra", "scylla"}, finding.Critical,
			"cassandra://app:{a:12}@cass.internal:9042/ks"},
		{"couchbase-connection-string", "Couchbase / CouchDB URL with password", "Couchbase", []string{"couchbase", "couchbases", "couchdb"}, finding.Critical,
			"couchbase://admin:{a:12}@cb.internal"},
		{"broker-url-credentials", "Message broker URL with password (Kafka, MQTT, NATS, STOMP)", "Message broker", []string{"kafka", "mqtt", "mqtts", "nats", "stomp", "tls"}, finding.High,
			"mqtt://device:{a:12}@broker.internal:1883"},
		{"ldap-url-credentials", "LDAP URL with bind password", "LDAP", []string{"ldap", "ldaps"}, finding.High,
			"ldap://cn=admin:{a:12}@ldap.internal"},
		{"ftp-url-credentials", "FTP/SFTP URL with password", "FTP", []string{"ftp", "ftps", "sftp", "ssh", "scp"}, finding.High,
			"ftp://backup:{a:12}@files.internal/dumps"},
		{"mail-url-credentials", "Mail server URL with password (SMTP, IMAP, POP3)", "Mail", []string{"smtp", "smtps", "imap", "imaps", "pop3", "pop3s"}, finding.High,
			"smtp://mailer:{a:12}@smtp.internal:587"},
	} {
		r := secret(s.id, s.title, s.provider, s.sev, prioSpecific, dbRem,
			[]string{s.ex, `{"dsn": "` + s.ex + `"}`},
			[]string{s.schemes[0] + "://user:password@localhost/db", s.schemes[0] + "://user:${DB_PASSWORD}@host/db",
				s.schemes[0] + "://host.internal:5432/db", s.schemes[0] + "://user:****@host/db"})
		r.Keywords, r.det = []string{"://"}, ud
		for _, sc := range s.schemes {
			ud.byScheme[sc] = r
		}
	}
	ud.generic = secret("url-credentials", "Credentials in a URL", "URL", finding.High, prioSpecific-1, "",
		[]string{"https://deploy:{a:16}@git.internal/org/repo.git", `"url": "https:\/\/deploy:{a:16}@git.internal\/repo"`},
		[]string{"https://user:pass@example.com/", "https://git.internal/org/repo", "https://x@y.internal/", "new URL('https://abc:xyz@example.com')",
			"https://a:b@xn--g6w251d/?abc#foo"})
	ud.generic.Keywords, ud.generic.det = []string{"://"}, ud
	ud.generic.Remediation = "Change the password embedded in the URL and keep credentials out of URLs, which end up in logs and histories."

	// Tokens recognised by their structure.
	jwt := secret("jwt", "JSON Web Token", "JWT", finding.High, prioSpecific, "A JWT is a bearer credential until it expires: "+
		"revoke the session or rotate the signing key if it is long-lived, and stop logging tokens.",
		[]string{"{jwt}", `{"authorization_jwt": "{jwt}"}`, "Authorization: Bearer {jwt}"},
		[]string{"eyJhbGciOiJIUzI1NiJ9", "eyJ{u:20}.eyJ{u:20}", "xeyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIn0.{u:43}"})
	jwt.Keywords, jwt.det = []string{"eyJ"}, &jwtDet{rule: jwt}
	ad := &authDet{}
	ad.basic = secret("basic-auth", "HTTP Basic authorization credentials", "HTTP", finding.High, prioAuth,
		"Change the password carried in the Authorization header and stop logging request headers.",
		[]string{"Authorization: Basic {basic:svc}", `{"headers": {"authorization": "Basic {basic:deploy}"}}`, "curl -H 'Authorization: Basic {basic:ci}'"},
		[]string{"Authorization: Basic dXNlcjpwYXNzd29yZA==", "Basic realm=\"api\"", "basic authentication is enabled", "Basic bm90YXBhc3N3b3Jk"})
	ad.bearer = secret("bearer-token", "HTTP Bearer token", "HTTP", finding.High, prioAuth,
		"Revoke the token and stop logging request headers.",
		[]string{"Authorization: Bearer {u:48}", `{"http.request.header.authorization": "Bearer {u:48}"}`},
		[]string{"Authorization: Bearer <token>", "Authorization: Bearer ${TOKEN}", "WWW-Authenticate: Bearer realm=\"api\"", "Bearer undefined", "Bearer {u:8}"})
	ad.basic.Keywords, ad.basic.det = []string{"Basic"}, ad
	ad.bearer.Keywords, ad.bearer.det = []string{"Bearer"}, ad

	// Assignments by key name.
	rules = append(rules, kv{id: "password-assignment", title: "Password in configuration or log", provider: "Generic", sev: finding.High,
		keys: append(append(passwordAnchors[:len(passwordAnchors):len(passwordAnchors)], lexTable().pwAnchors...), codeAnchors...), keyOK: passwordKey, valueOK: passwordValue, assignOK: passwordAssign, prio: prioGeneric,
		rem: "Change the password, then stop whatever wrote it here (configuration, logs, tables) from doing so.",
		ex: []string{`{"db_password": "Summer2024!"}`, `{"string_tags": "{\"smtp_pass\": \"Dragon1234#\"}"}`, `DB_PASSWORD=Qwerty8812$`,
			`password: "Shanghai7731&"`, `https://api.internal/login?user=bob&password=Winter%212024x&next=/`, `Server=db;User Id=sa;Password=Tr0ub4dor&3x;`,
			`dbPassword = 'Winter4472%'`},
		nex: []string{`{"password": "********"}`, `{"password": "${DB_PASSWORD}"}`, `password: <redacted>`, `{"password": ""}`,
			`--- PASS: TestParse2 (0.00s)`, `PWD=/home/build2/src`, `pwd = strings.TrimPrefix(pwd, "/")`, `password := args[3]`,
			`type _C_struct_passwd = unix.Passwd`, `challengePassword = ignoredChallenge`, `PASS: "Run size-3e"  "-Wl,--no-as-needed"`,
			`(strlen_pass::get_len_or_size): Adjust`, "PWD = \"'`pwd`'\"", `groupname:password:GID:user_list`,
			`const password = 'Password used to generate key';`, `PWD: '/Users/maciej'`,
			`{"password_policy": "min 12 chars"}`, `{"bypass": "enabled"}`, `password={{ .Values.password }}`, `"password": null`,
			`{"password": "YOUR_PASSWORD_HERE"}`, `{"passenger": "Summer2024!"}`, `{"password_hash": "$2b$12$abcdefghijklmnopqrstuv"}`},
	}.rule(kvd, nd))
	rules = append(rules, kv{id: "generic-api-key", title: "Secret, token or API key assigned to a named key", provider: "Generic", sev: finding.High,
		keys: append([]string{"secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "private_key", "privatekey", "credential", "auth_key", "authkey",
			"key", "auth", "cred", "salt", "totp"}, lexTable().secretAnchors...),
		keyOK: genericKVKey, valueOK: genericKVValue, assignOK: secretAssign, prio: prioGeneric, provAware: true,
		ex: []string{`{"client_secret": "{a:32}"}`, `{"client_secret": "{B:24}"}`, `API_KEY={a:39}7`, `{"string_tags": "{\"token_acme\": \"{a:40}\"}"}`,
			`https://api.internal/v1/items?access_token={u:39}9&page=2`},
		nex: []string{`{"max_tokens": 4096}`, `{"tokens": 355}`, `{"token_count": "{d:20}"}`, `{"secret": "hello"}`, `API_KEY=${API_KEY}`,
			`{"api_key_id": "{a:32}"}`, `{"token_url": "https://auth.internal/oauth/token"}`, `{"secret": "xxxxxxxxxxxxxxxxxxxxxxxx"}`,
			`{"apiKey": "YOUR_API_KEY_HERE"}`, `{"token": "{{ .Values.apiKey }}"}`, `token = strings.ToLower(token)`,
			`c.extMasterSecret = sessionState.extMasterSecret`, `maxTokenSize: MaxScanTokenSize,`, `PrivateKey:  testEd25519PrivateKey,`,
			`tokens[lastTokenIdx] = x`, `pkcs11:token=Root%20CA%20Certificates9;serial=1`},
	}.rule(kvd, nd))
	return rules
}

var passwordWords = map[string]bool{"password": true, "passwd": true, "pass": true, "pwd": true, "passphrase": true,
	"passcode": true, "pw": true, "passw": true, "pword": true, "pswd": true,
	// other languages' names for it, as keys: German, Spanish, Portuguese, Dutch
	"passwort": true, "kennwort": true, "contrasena": true, "contraseña": true, "senha": true, "wachtwoord": true,
	// …and more languages': Romanian/Italian, Hungarian, Finnish, Danish, Norwegian, Polish,
	// Czech/Slovak, Turkish, Serbo-Croatian, Slovene, Estonian, French (mot_de_passe)
	"parola": true, "jelszo": true, "jelszó": true, "salasana": true, "adgangskode": true, "passord": true, "haslo": true,
	"hasło": true, "heslo": true, "sifre": true, "şifre": true, "lozinka": true, "geslo": true, "parool": true, "passe": true,
	// a Wi-Fi or VPN pre-shared key (wpa_supplicant's psk="…", NetworkManager, strongSwan)
	"psk": true,
	// Java keytool's and keystore files' names (keystore.storepass, keystore.keypass)
	"storepass": true, "keypass": true}

// passwordKey accepts keys whose last word is a password word: db_password, SMTP_PASS,
// dbPassword, PGPASSWORD, password.
func passwordKey(segs [][]byte) bool {
	if len(segs) == 0 || saysNotSecret(segs) {
		return false
	}
	// "password_plain", "pwdCleartext", "passwordRaw": the password in the clear, as
	// the name says
	for len(segs) > 1 && (passwordReprTail[string(segs[len(segs)-1])] || keyVersionWord(segs[len(segs)-1]) && len(segs[len(segs)-2]) >= 6) {
		segs = segs[:len(segs)-1]
	}
	// WebLogic's "PasswordEncrypted", "NodeManagerPasswordEncrypted": attributes a
	// script sets in the clear (set('PasswordEncrypted', '…')); the server encrypts
	// what it is given. A stored ciphertext under such a name is refused by its value
	// (encryptedForm).
	if n := len(segs); n > 1 && string(segs[n-1]) == "encrypted" && passwordWords[string(segs[n-2])] {
		segs = segs[:n-1]
	}
	last := segs[len(segs)-1]
	if len(segs) == 1 && bytes.HasPrefix(last, []byte("no")) {
		return false // sudoers' NOPASSWD, --nopassword
	}
	if passwordWords[string(last)] {
		return true
	}
	// "pass_word", "PASS-WORD", "pass_phrase": the word split in two
	if (string(last) == "word" || string(last) == "phrase") && len(segs) >= 2 && string(segs[len(segs)-2]) == "pass" {
		return true
	}
	if credentialKey(segs) || codeCredKey(segs) || wifiKey(segs) || held11PwName(last) || lexPasswordKey(segs) || len(segs) <= 2 && lexInflectedPassword(last) {
		return true // (lexPasswordKey: other languages' words, "kata_sandi", "비밀번호")
	}
	if scopedPasswordKey(segs) {
		return true // "password_db", "senha_banco": the word, then what it opens
	}
	// a key store's key ("http-server.https.keystore.key", Trino's; "truststore.key") is
	// the password that opens the store
	if n := len(segs); string(last) == "key" && n >= 2 && (string(segs[n-2]) == "keystore" || string(segs[n-2]) == "truststore") {
		return true
	}
	// a pre-shared key (Wi-Fi, IPsec, VPN profiles: "preSharedKey", "pre_shared_key",
	// "PresharedKey") is a passphrase people choose, judged as a password
	if n := len(segs); string(last) == "key" && n >= 2 && (string(segs[n-2]) == "preshared" || n >= 3 && string(segs[n-2]) == "shared" && string(segs[n-3]) == "pre") {
		return true
	}
	for _, w := range []string{"password", "passwd", "passphrase"} {
		if bytes.HasSuffix(last, []byte(w)) {
			return true
		}
	}
	// "DBPASS", "SQLPASS", "smtppass": "pass" glued to what it opens, from a short list;
	// other words glued to "pass" or "pwd" (gluedPasswordWord: "storepass", "adminpwd")
	// name one too, and their values must read as passwords (gluedOnlyKey)
	if p, ok := bytes.CutSuffix(last, []byte("pass")); ok && gluedPassOwners[string(p)] {
		return true
	}
	return gluedPasswordWord(last)
}

// keyVersionWord reports a key's last word that numbers a version, not what the key
// names: "v4" ("ses_smtp_password_v4"). A bare number is not one: a manual page's
// section ("gpasswd.1", "chpasswd.8") names a file. The word before it must be a long
// one (a generated name's "ArPwV3" holds a short "pw" by chance).
func keyVersionWord(w []byte) bool {
	if len(w) < 2 || w[0] != 'v' {
		return false
	}
	w = w[1:]
	return len(w) <= 3 && run(w, 0, cDigit, len(w)) == len(w)
}

// passwordReprTail are words after a password's name that say how it is written, not
// what it is.
var passwordReprTail = map[string]bool{"plain": true, "plaintext": true, "clear": true, "cleartext": true, "raw": true}

var gluedPassOwners = map[string]bool{"db": true, "sql": true, "pg": true, "mysql": true, "smtp": true, "admin": true,
	"root": true, "user": true, "ftp": true, "ldap": true, "vpn": true, "mail": true, "redis": true, "ssh": true, "sa": true,
	"rabbit": true, "mq": true, "wifi": true, "vnc": true, "proxy": true, "bind": true,
	// remote procedure call endpoints: bitcoind and lnd's rpcpass
	"rpc": true}

// passwordAssign rejects the ambiguous short keys in the forms they take outside
// configuration: "PASS: TestX" (a test verdict), "PWD=/home/me" (the working directory).
func passwordAssign(a *assignment, key, v []byte) bool { return passwordAssignWhy(a, key, v) == "" }

// passwordAssignWhy is passwordAssign with the reason of a refusal ("" when it accepts),
// for the trace (trace.go).
func passwordAssignWhy(a *assignment, key, v []byte) string {
	if codeCredKeyBytes(key) && !codeCredValue(a, v) {
		return "codeValue" // a PIN's or an access code's name: a code has digits (codekeys.go)
	}
	if encryptedForm(key, v) {
		return "encryptedForm" // "password_encrypted": a ciphertext, not what a person types
	}
	if string(key) == "PASS" && a.colonSep {
		return "PASS-verdict" // "PASS: test name", a test runner's verdict
	}
	if !credentialSlotPassword(key, v) || dumpColumnText(v) {
		return "credentialSlot/dumpColumn"
	}
	if gluedOnlyKey(key) && !typedPassword(v) && !randomLetters(v) && !gluedValueOK(key, v) {
		return "gluedKeyWeakValue" // "fs-minipass: npm:^3.0.0": an English compound's value
	}
	if lexAmbiguousPassword(key) && !lexPasswordValue(v) {
		return "lexAmbiguous" // "parola": a word in Italian; its value must read as a password
	}
	if string(key) == "PSK" && run(v, 0, cUpper|cDash|cUnder, len(v)) == len(v) {
		return "PSK-mode" // a mode's name in a list ("PSK", "PSK-DHE"), not a pre-shared key
	}
	switch string(bytes.ToLower(key)) {
	case "pass", "pw", "pwd":
		if a.quote == 0 && a.colonSep && !lowerColonPassword(key, v) || v[0] == '/' || v[0] == '~' {
			return "shortKey-verdict-or-dir" // a verdict, or the working directory
		}
	}
	// An unquoted bare word ("password=GID", "renderPass=renderPassInfos",
	// "password:GID:user_list") is a name more often than a password; configured
	// passwords have digits or symbols.
	if a.quote == 0 && !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~/\\|<>;'\"") && !randomLetters(v) && !appPasswordShape(v) && !joinedScrambled(v) && !wordsLetterTail(v) {
		// …unless it follows a user name's assignment, ending its line: then it is
		// that user's password (a word naming a password is documentation's stand-in)
		if !a.userPair || len(v) < 6 || containsFold(v, "password", "passwd") {
			return "bareWord"
		}
	}
	// Documentation phrases: 'Password used to generate key', 'top secret'.
	if bytes.IndexByte(v, ' ') >= 0 && containsFold(v, "password", "secret", "passphrase") {
		return "docPhrase"
	}
	// Prose quoted around a word ("'passwd:' and 'group:'"), and the sample passwords
	// of documentation that spell out what they are ("rktpw", "testpass").
	if v[0] == ' ' || v[len(v)-1] == ' ' {
		return "edgeSpace"
	}
	if len(v) < 10 && containsFold(v, "pw", "pass") {
		return "shortSampleWord"
	}
	if hasPrefixFold(v, 0, "anonymous@") || a.anonUser && bytes.IndexByte(v, '@') > 0 {
		return "anonymousFTP" // the anonymous FTP convention: an e-mail address, or part of one
	}
	switch {
	case notAPassword(key, v):
		return "notAPassword"
	case notPasswordText(v):
		return "notPasswordText"
	case a.args && actionOnPassword(key):
		return "actionOnPassword"
	}
	return ""
}

// notAPassword reports the values that stand under a password's name in code,
// configuration templates and documentation without being one: numbers in code
// (NSS_BUFLEN_PASSWD = 0x400, ERROR_WRONG_PASSWORD = 1323, an OID, a version range),
// names (the environment variable "MINIO_ROOT_PASSWORD", "lookup_bind_password",
// "master.passwd"), the next key of a template whose password is empty
// ("password= username="), paths and command-line flags.
func notAPassword(key, v []byte) bool {
	if notLiteralPassword(v) || codeExpression(v) {
		return true // (gates40.go)
	}
	switch {
	case v[0] == '/' && !slashB64(v) && !slashRandom(v) || v[0] == '-' && len(v) > 1 && (v[1] == '-' || isDigit(v[1])) && !strayLead(v):
		return true // a path, a flag, a negative number
	case len(v) > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X') && allHex(v[2:]):
		return true
	}
	if cssSelector(v) {
		return true // '#add-password', '.password-field': a page element's id or class
	}
	if digestOrData(v) || qpWord(v) || uriReference(v) || hasPrefixFold(v, 0, "file:/") {
		return true // (a URL: "leave password as empty: https://…"; a secret manager's reference: "op://…")
	}
	digits, dots, letters, other := 0, 0, 0, 0
	for _, c := range v {
		switch {
		case isDigit(c):
			digits++
		case c == '.':
			dots++
		case is(c, cLower|cUpper):
			letters++
		case c == '_' || c == '-':
		default:
			other++
		}
	}
	if letters == 0 && other == 0 && dots > 0 || v[0] == '^' && len(v) > 1 && (isDigit(v[1]) || v[1] == 'v') && !strayLead(v) || v[0] == '~' && digits > 0 && letters == 0 {
		return true // an OID, a version or a version range
	}
	if letters == 0 && other == 0 && dots == 0 {
		// a number: a password under a short name (DB_PASSWORD=4821), a constant
		// under a long one (ERROR_ILL_FORMED_PASSWORD = 1324, SQLITE_OnePass)
		var buf [12][]byte
		var text [maxKeyLen]byte
		return len(keySegments(key, buf[:0], text[:0])) > 2
	}
	if digits == 0 && other == 0 {
		// letters, '_', '-' and '.' naming a password: a name, not the thing
		if containsFold(v, "pass", "pwd") && (bytes.ContainsAny(v, "_.-") || identifierLike(v)) {
			return true
		}
		// UPPER_SNAKE_CASE is an environment variable's name
		if bytes.IndexByte(v, '_') > 0 && bytes.ToUpper(v) != nil && string(bytes.ToUpper(v)) == string(v) {
			return true
		}
	}
	return templateKey(v)
}

// cssSelector reports an element id or class selector: '#' or '.' and a lower-case
// name of words joined by '-' or '_'.
func cssSelector(v []byte) bool {
	if len(v) < 4 || v[0] != '#' && v[0] != '.' || !is(v[1], cLower) || !bytes.ContainsAny(v[1:], "-_") {
		return false
	}
	for _, c := range v[1:] {
		if !is(c, cLower) && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// wildcardPath reports a path or resource name with a segment that is a lone '*'
// ("projects/*/secrets/*/versions/*", "/var/log/*/"): a pattern naming where a password
// is kept, which no password writes.
func wildcardPath(v []byte) bool {
	if bytes.IndexByte(v, '/') < 0 {
		return false
	}
	for _, seg := range bytes.Split(v, []byte("/")) {
		if len(seg) == 1 && seg[0] == '*' {
			return true
		}
	}
	return false
}

func passwordValue(v []byte) bool { return passwordValueWhy(v) == "" }

// passwordValueWhy is passwordValue with the reason of a refusal ("" when it accepts).
func passwordValueWhy(v []byte) string {
	if len(v) < 4 || len(v) > 256 {
		return "length"
	}
	if plexusEncrypted(v) {
		return "plexusEncrypted" // Maven's encrypted form: the master password opens it
	}
	if held11StoredHash(v) || sealedOrPublic(v) {
		return "storedHash/sealedOrPublic" // a stored hash in its scheme's notation (ZNC, Transmission, LDAP), a ciphertext or digest, a publishable key
	}
	if wildcardPath(v) {
		return "wildcardPath" // a resource name's pattern: projects/*/secrets/*
	}
	// bcrypt/argon2/crypt hashes are not the password itself.
	if v[0] == '$' && len(v) > 3 && (v[1] == '2' || v[1] == '1' || v[1] == '5' || v[1] == '6' || v[1] == 'a') {
		return "cryptHash"
	}
	for _, c := range v {
		if c < 0x20 || c == 0x7f {
			return "controlByte"
		}
	}
	// bytes that are no UTF-8 text: a binary file's stream ("PW=" in a PDF)
	if !utf8.Valid(v) {
		return "notUTF8"
	}
	if escapedBytes(v) {
		return "controlByte" // a literal written as escapes alone: b"\x02", "\0\1"
	}
	// A word written in \u escapes ("paroli nos\u016bt\u012bju dro\u0161\u0101 …", a
	// JSON string's prose in a language with letters outside ASCII, read by a reader
	// of the raw text): its escapes' digits and backslashes are no password's; what it
	// spells is a word.
	if uEscapedLetters(v) {
		return "escapedWord"
	}
	return ""
}

func hexDigit(c byte) bool { return is(c, cDigit) || c|0x20 >= 'a' && c|0x20 <= 'f' }

// escapedBytes reports v made wholly of a string literal's byte escapes (\xNN, octal
// \NNN, \n, \r, \t, \0): a protocol constant's bytes, not text anyone types.
func escapedBytes(v []byte) bool {
	for i := 0; i < len(v); {
		if v[i] != '\\' || i+1 >= len(v) {
			return false
		}
		switch c := v[i+1]; {
		case c == 'x' && i+3 < len(v) && hexDigit(v[i+2]) && hexDigit(v[i+3]):
			i += 4
		case c >= '0' && c <= '7':
			i += 2
			for k := 0; k < 2 && i < len(v) && v[i] >= '0' && v[i] <= '7'; k++ {
				i++
			}
		case c == 'n' || c == 'r' || c == 't':
			i += 2
		default:
			return false
		}
	}
	return len(v) > 0
}

var secretWords = map[string]bool{"secret": true, "token": true, "apikey": true, "credential": true, "credentials": true,
	"authkey": true, "accesstoken": true, "refreshtoken": true, "authtoken": true, "privatekey": true, "secretkey": true,
	"accesskey": true, "clientsecret": true, "apitoken": true, "apisecret": true, "auth": true, "creds": true, "cred": true,
	"accountkey": true, "appkey": true, "masterkey": true, "licensekey": true, "sharedkey": true, "subscriptionkey": true,
	"clientkey": true, "storagekey": true, "signingkey": true, "encryptionkey": true, "appsecret": true, "passkey": true,
	"webhooksecret": true, "sessionkey": true, "secrettoken": true, "bearertoken": true, "idtoken": true,
	// a TOTP seed (a password manager's login_totp column, totp_secret) mints every
	// one-time code of the account
	"totp": true,
	// an application's secret salt (Drupal's hash_salt, WordPress's AUTH_SALT) signs and
	// derives like a key
	"salt": true,
	"密钥":   true, "秘钥": true, "令牌": true, "トークン": true, "токен": true, "ключ": true}

// keyQualifiers make "key" a secret's name when they stand before it: api_key,
// storage_account_key, x-api-key, master_key.
var keyQualifiers = map[string]bool{"api": true, "access": true, "private": true, "secret": true, "auth": true,
	"signing": true, "encryption": true, "master": true, "client": true, "account": true, "storage": true, "app": true,
	"shared": true, "subscription": true, "service": true, "consumer": true, "license": true, "session": true,
	"webhook": true, "deploy": true, "admin": true, "sas": true, "hmac": true,
	"developer": true, "dev": true, "server": true, "project": true, "integration": true, "write": true, "ingest": true,
	// Vault's unseal and recovery key shares
	"unseal": true, "recovery": true,
	// a device's or protocol's authorization key (OCPP's AuthorizationKey)
	"authorization": true}

// keySlotNames name a key's place in a rotation, between its use and "key".
var keySlotNames = map[string]bool{"primary": true, "secondary": true, "current": true, "previous": true, "active": true,
	"deterministic": true, "derivation": true, "backup": true, "fallback": true, "rotation": true, "root": true}

// cryptoQualifiers say what a key is for in cryptography: a cipher's (aes_key,
// DES_KEY), encryption's and decryption's (enc_key, encryptKey, decryption_key), a
// MAC's, a signature's, a JWT's, a one-time password generator's, a private key's
// (priv_key), a key that wraps others. Such a key is written in hex as often as in
// base64, and the name says so as plainly as api_key does — when it ends the name
// (cryptoKeyName): mid-name the words name a key's metadata or an API's constant
// (BCRYPT_AES_WRAP_KEY_BLOB, CONTENT_ENCRYPT_KEY_FUNC). "crypto" and "crypt" are not
// among them: a cloud's CryptoKey is a resource's name, crypt(3) a hash.
var cryptoQualifiers = map[string]bool{"aes": true, "des": true, "3des": true, "tdes": true, "sm4": true, "chacha": true,
	"chacha20": true, "blowfish": true, "enc": true, "encrypt": true, "decrypt": true, "decryption": true, "cmac": true,
	"mac": true, "signature": true, "jwt": true, "otp": true, "hotp": true, "mfa": true, "priv": true, "symmetric": true,
	"wrap": true, "wrapping": true}

// keyReprTail are words after "key" that say how the key is written ("aes_key_hex").
var keyReprTail = map[string]bool{"hex": true, "b64": true, "base64": true, "raw": true, "bytes": true, "value": true, "val": true}

// cryptoKeyName reports a name ending in "<cryptoQualifier> key", or in the two words
// glued ("AESKEY", "hmackey"), possibly followed by how the key is written.
func cryptoKeyName(segs [][]byte) bool {
	n := len(segs)
	for n > 1 && keyReprTail[string(segs[n-1])] {
		n--
	}
	if n >= 2 && string(segs[n-1]) == "key" && cryptoQualifiers[string(segs[n-2])] {
		return true
	}
	if last := segs[n-1]; len(last) > 3 {
		if q, ok := bytes.CutSuffix(last, []byte("key")); ok && (cryptoQualifiers[string(q)] || keyQualifiers[string(q)]) {
			return true
		}
	}
	return false
}

var notSecretTail = map[string]bool{"id": true, "ids": true, "url": true, "uri": true, "type": true, "name": true, "count": true,
	"length": true, "len": true, "expiry": true, "expires": true, "expiration": true, "ttl": true, "path": true, "file": true,
	"prefix": true, "hint": true, "format": true, "version": true, "endpoint": true, "host": true, "header": true,
	"param": true, "field": true, "limit": true, "usage": true, "budget": true, "cost": true, "used": true, "hash": true,
	"enabled": true, "required": true, "ref": true, "arn": true, "policy": true, "label": true, "location": true,
	"region": true, "created": true, "updated": true, "at": true, "by": true, "owner": true, "scope": true, "scopes": true,
	"size": true, "kind": true, "fingerprint": true, "thumbprint": true, "checksum": true, "digest": true,
	// file names ("TestMasterSecret.java: …" in a change log)
	"java": true, "go": true, "py": true, "js": true, "ts": true, "rb": true, "c": true, "h": true, "cc": true,
	"cpp": true, "rs": true, "txt": true, "md": true, "json": true, "yaml": true, "yml": true, "xml": true, "html": true, "mode": true, "state": true, "status": true, "index": true, "idx": true}

// notSecretWords in a key say that its value is no secret: public by design (a CSRF or
// authenticity token sent in every form, a publishable key) or not real (fake, dummy).
var notSecretWords = map[string]bool{"csrf": true, "xsrf": true, "authenticity": true, "antiforgery": true,
	"public": true, "publishable": true, "fake": true, "dummy": true, "mock": true, "bogus": true,
	"invalid": true, "example": true, "sample": true, "nonce": true,
	// negated names in tests: nonMatchingToken, not_a_secret, wrongPassword
	"non": true, "not": true, "wrong": true}

func saysNotSecret(segs [][]byte) bool {
	for i, s := range segs {
		if string(s) == "nonce" && i+1 < len(segs) && (string(segs[i+1]) == "salt" || string(segs[i+1]) == "key") {
			continue // WordPress's NONCE_SALT and NONCE_KEY sign its nonces: secrets
		}
		if string(s) == "public" && i+2 < len(segs) && lastSaysSecret(segs) {
			continue // "public_user_secret": the secret of the public user, not a public value
		}
		if notSecretWords[string(s)] {
			return true
		}
	}
	return false
}

// secretKey accepts keys that name a secret (client_secret, API_KEY, token_github,
// accessKey) and rejects the ones that name something about a secret (token_count,
// api_key_id, secret_arn).
func secretKey(segs [][]byte) bool {
	if len(segs) == 0 || notSecretTail[string(segs[len(segs)-1])] || cursorKey(segs) || hashingSalt(segs) {
		return false
	}
	if len(segs) == 1 && string(segs[0]) == "key" {
		return true // {"key": "…"}: secretAssign asks more of the value
	}
	if cryptoKeyName(segs) {
		return !saysNotSecret(segs) // "aes_key", "AESKEY", "privKey"
	}
	for i, s := range segs {
		if secretWords[string(s)] || gluedQualifiedSecret(s) {
			return !saysNotSecret(segs)
		}
		if i+1 < len(segs) && string(segs[i+1]) == "key" && keyQualifiers[string(s)] {
			return !saysNotSecret(segs)
		}
		// the use, then the slot of a key in rotation: ENCRYPTION_PRIMARY_KEY,
		// signing_current_key, HMAC_SECONDARY_KEY
		if i+2 == len(segs)-1 && string(segs[i+2]) == "key" && (keyQualifiers[string(s)] || cryptoQualifiers[string(s)]) && keySlotNames[string(segs[i+1])] {
			return !saysNotSecret(segs)
		}
	}
	// other languages' names: "токен", "chave_api", "geheimnis" ("clave" alone gets
	// the bare key's test in secretAssign)
	return lexSecretKey(segs) && !saysNotSecret(segs)
}

// hashingSalt reports a name for the salt of one stored password hash: "salt" alone or
// after the password or account it belongs to ("password_salt", "userSalt"). Such a
// salt is kept beside its hash and is no secret; an application's salt, which signs or
// derives like a key, is named for its use (hash_salt, AUTH_SALT, signing_salt).
func hashingSalt(segs [][]byte) bool {
	n := len(segs)
	if string(segs[n-1]) != "salt" {
		return false
	}
	if n == 1 {
		return true
	}
	switch string(segs[n-2]) {
	case "password", "passwd", "pw", "pwd", "user", "account":
		return n == 2
	}
	return false
}

// letterKey reports a name whose last words are a single letter and "key" ("x_key",
// "kKey"): one letter qualifies nothing (no convention says what "x" keys), so the
// generic rule reads the name as a bare "key", whose value must look generated
// (bareKeyValue). Only that rule: the detectors that trust secretKey's names do not
// take it (in code "iKey", "pKey" are Hungarian notation's integer and pointer).
func letterKey(segs [][]byte) bool {
	n := len(segs)
	return n >= 2 && string(segs[n-1]) == "key" && len(segs[n-2]) == 1 && is(segs[n-2][0], cLower)
}

func letterKeyBytes(key []byte) bool {
	if len(key) > maxKeyLen {
		return false
	}
	var buf [12][]byte
	var text [maxKeyLen]byte
	return letterKey(keySegments(key, buf[:0], text[:0]))
}

// weakSecretKeys name a secret only sometimes ("key", "auth"): their values must look
// generated — long, with digits and letters — before they count.
func secretAssign(a *assignment, key, v []byte) bool {
	// a value taken as a policy password alone (genericKVValue) stands only where a
	// setting's value does, under a name that is more than a nested bare "auth"
	policy := a.policyPlace && !a.weakLeaf && policyPassword(v)
	// a short generated key ("<ServerKey>uM50knowIq</ServerKey>") stands only under
	// namedKey's strict names, a thing's own key, checked below
	short := !a.weakLeaf && shortGeneratedKey(v) && (shortKeyName(bytes.Trim(key, `"'`)) || shortSecretName(bytes.Trim(key, `"'`)))
	if !policy && !short && !genericSecretValue(v) && !hexKeyValue(v) {
		return false
	}
	if handTypedSecret(v) && !strayToken(v) && !printableKey(v) && !policy && !handMadeKey(key) {
		return false // punctuation typed by hand: only under a key that names a secret
	}
	k := bytes.ToLower(bytes.Trim(key, `"'`))
	switch string(k) {
	case "salt":
		return appSaltKey(key) && !hexKeyValue(v) // (gates40.go)
	case "key", "auth", "cred":
		return bareKeyValue(v) || a.apiParent && apiHexKey(v)
	}
	if signingKeyID(k, v) {
		return false
	}
	if onlyMultiKey(key) {
		return keySizeHex(v) // "agentEnrollKey": see multiKeyName (gates41.go)
	}
	if letterKeyBytes(bytes.Trim(key, `"'`)) {
		// "x_key": a bare key with a letter before it; a store's field takes a
		// person's password too (personPassword)
		return bareKeyValue(v) || a.storeRec && personPassword(v) || a.corrob && corroboratedValue(v)
	}
	if lexBareKey(k) {
		return bareKeyValue(v) // "clave", "chiave", "jeton": words with other meanings
	}
	if namedKeyBytes(key) {
		// "weather_key": see namedKey; a key-sized hex value is a device's or a
		// network's key (gates41.go)
		return namedKeyValue(v) || short || keySizeHex(v) && !slotKeyName(key)
	}
	return true
}

// bareKeyValue is what a value under a bare "key" must be. A bare "key" holds cache
// keys, digests and ids as often as secrets: hex (with or without dashes), prefixed
// digests and base64 of plain text are those.
func bareKeyValue(v []byte) bool {
	if bytes.IndexByte(v, ':') >= 0 || allHex(bytes.ReplaceAll(v, []byte("-"), nil)) || base64Text(v) || wordy(v) {
		return false
	}
	return len(v) >= 20 && bytes.ContainsAny(v, "0123456789") && classCount(v) >= 2 && entropy(v) >= 3.5
}

// base64Text reports base64 that decodes to printable ASCII: encoded text, not a key.
func base64Text(v []byte) bool {
	if len(v)%4 != 0 {
		return false
	}
	dec, err := base64.StdEncoding.DecodeString(string(v))
	if err != nil || len(dec) == 0 {
		return false
	}
	for _, c := range dec {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// genericSecretValue is what a generated secret's value looks like, wherever it stands.
func genericSecretValue(v []byte) bool { return genericValue(v, false) }

// sealedOrPublic reports a value whose notation says it is not the secret itself: a
// ciphertext or stored verifier (held12Sealed, held13Sealed) or a key its issuer
// publishes (held14Publishable). Both the password and the generic value tests refuse it.
func sealedOrPublic(v []byte) bool {
	return held12Sealed(v) || held13Sealed(v) || held14Publishable(v) || pgMD5(v) || fileInBase64(v) || secretManagerRef(v)
}

// secretManagerRef reports a value that names where a secret manager keeps the secret,
// which the platform resolves at run time: Google Secret Manager's resource name
// ("projects/p/secrets/s/versions/latest"), an App Service Key Vault reference
// ("@Microsoft.KeyVault(SecretUri=…)"), an AWS Secrets Manager or Parameter Store ARN,
// a CloudFormation dynamic reference ("{{resolve:secretsmanager:…}}").
func secretManagerRef(v []byte) bool {
	switch {
	case bytes.HasPrefix(v, []byte("projects/")):
		rest := v[len("projects/"):]
		i := bytes.IndexByte(rest, '/')
		return i > 0 && bytes.HasPrefix(rest[i:], []byte("/secrets/")) && len(rest) > i+len("/secrets/")
	case len(v) > 20 && bytes.EqualFold(v[:19], []byte("@Microsoft.KeyVault")) && v[19] == '(':
		return true
	case bytes.HasPrefix(v, []byte("arn:aws")):
		return bytes.Contains(v, []byte(":secretsmanager:")) || bytes.Contains(v, []byte(":ssm:"))
	case bytes.HasPrefix(v, []byte("{{resolve:")):
		return true
	}
	return false
}

// fileInBase64 reports a value that is a file written in base64, by the encoding of
// the file's signature at its head: PNG, JPEG, GIF, WebP, PDF, SVG, XML. An image or a
// document pasted into a cell or a setting is content, not a credential.
func fileInBase64(v []byte) bool {
	if len(v) < 24 {
		return false
	}
	for _, p := range []string{"iVBORw0KGgo", "/9j/4", "R0lGODlh", "R0lGODdh", "UklGR", "JVBERi0", "PHN2Zy", "PD94bWwg"} {
		if bytes.HasPrefix(v, []byte(p)) {
			return true
		}
	}
	return false
}

// pgMD5 is PostgreSQL's older stored password: "md5" and 32 lower-case hex digits (the
// MD5 of the password and the role's name), a hash the password-hash-postgres-md5 rule
// reports when hashes are asked for.
func pgMD5(v []byte) bool {
	return len(v) == 35 && bytes.HasPrefix(v, []byte("md5")) && allHex(v[3:]) && !bytes.ContainsAny(v[3:], "ABCDEF")
}

// genericKVValue is genericSecretValue, or a password as a policy asks for it
// (policyPassword): the generic-api-key rule's value test; secretAssign takes the
// password only in a place that keeps a setting's value (policyPlace).
func genericKVValue(v []byte) bool { return genericValue(v, true) }

// genericValue is genericSecretValue, or with policy a policy password too.
func genericValue(v []byte, policy bool) bool {
	if sealedOrPublic(v) {
		return false // ciphertext or a digest written in its notation, a publishable key
	}
	if optionPath(v) {
		return false // an option list's entry naming a key file: jwt_key=/var/spool/…/jwt.key
	}
	if len(v) < 16 {
		// too short for a generated key but a device's own (shortGeneratedKey, taken
		// under a strict name alone: secretAssign); a password still (policyPassword)
		return policy && (len(v) >= 12 && policyPassword(v) || shortGeneratedKey(v))
	}
	if len(v) > 512 {
		return false
	}
	for _, c := range v {
		// Generated keys and tokens are written in base64, base32, hex or URL-safe
		// alphabets (and the separators of structured tokens); '#', '%', '^', '?',
		// '!', '@' and the like belong to passwords or to text…
		if c <= ' ' || c >= 0x7f || !is(c, tokenAlphabet) && c != ':' {
			// …or to keys drawn from all of printable ASCII, or to secrets written
			// with symbols (symbolSecret; secretAssign checks their key), or to a
			// password kept under a secret's or a token's name
			return printableKey(v) || symbolSecret(v) || policy && policyPassword(v) || loneSymbolRun(v)
		}
	}
	if nearHex(v) {
		return false
	}
	// A name of words without a digit ("CryptDllImportPrivateKeyInfoEx") is an
	// identifier; a generated key lacks digits rarely, and then has its capitals strewn.
	if !bytes.ContainsAny(v, "0123456789") && !randomLetters(v) {
		return false
	}
	if bytes.Contains(v, []byte("://")) || v[0] == '/' && !keyLengthB64(v) && !slashB64(v) && !slashRandom(v) || identifierLike(v) || templateKey(v) || relativeFilePath(v) {
		return false
	}
	if bytes.HasSuffix(v, []byte("/aws4_request")) {
		return false // an AWS Signature V4 credential scope: key id, date, region, service
	}
	if namesNotSecret(v) || dateTimeValue(v) {
		return false
	}
	if classCount(v) < 2 {
		// a long hex or digit string can still be a key, but not a short one
		if len(v) < 32 || !allHex(v) {
			return false
		}
	}
	return entropy(v) >= 3.2 || policy && hexKeyValue(v) // (gates40.go; secretAssign asks the line's neighbours)
}

// printableKey recognises a key generated from all of printable ASCII, as web
// frameworks make their signing keys and salts (WordPress's AUTH_KEY and NONCE_SALT,
// Django's SECRET_KEY, "django-insecure-" first when startproject wrote it): long, no
// blank, letters, digits and many symbols mixed with no long word in them, and high
// entropy.
func printableKey(v []byte) bool {
	body := bytes.TrimPrefix(v, []byte("django-insecure-"))
	if len(body) < 40 || len(body) > 128 {
		return false
	}
	var classes [4]int
	letters, maxLetters := 0, 0
	for _, c := range body {
		switch {
		case c <= ' ' || c >= 0x7f:
			return false
		case is(c, cLower):
			classes[0]++
		case is(c, cUpper):
			classes[1]++
		case is(c, cDigit):
			classes[2]++
		case bytes.IndexByte([]byte("+/=-_.~"), c) >= 0:
			// base64's and URL-safe alphabets' own: a mangled base64 key has only these
		default:
			classes[3]++
		}
		if is(c, cLower|cUpper) {
			letters++
			maxLetters = max(maxLetters, letters)
		} else {
			letters = 0
		}
	}
	n := 0
	for _, k := range classes {
		if k > 0 {
			n++
		}
	}
	return n >= 3 && classes[3] >= 5 && classes[2] >= 2 && maxLetters < 12 && entropy(body) >= 4.3
}

// namesNotSecret recognises values that identify or check something rather than grant
// access, by a shape their issuers document: a Subresource Integrity digest
// ("sha384-<base64>"), an Amazon Resource Name ("arn:aws:iam::…"), a cloud resource id
// ("i-0…", "vol-0…", "sg-0…": a type prefix and 8 or 17 hex digits) and a semantic
// version with pre-release or build parts ("1.18.1-rc.1+build.2078").
func namesNotSecret(v []byte) bool {
	for _, p := range []string{"sha256-", "sha384-", "sha512-"} {
		if bytes.HasPrefix(v, []byte(p)) {
			return true
		}
	}
	if bytes.HasPrefix(v, []byte("arn:")) {
		return true
	}
	// an OpenSSH key fingerprint: "SHA256:" and 43 characters of unpadded base64
	if bytes.HasPrefix(v, []byte("SHA256:")) && len(v) == 7+43 {
		return true
	}
	if i := bytes.IndexByte(v, '-'); i > 0 && i <= 7 && (len(v)-i-1 == 17 || len(v)-i-1 == 8) && allHex(v[i+1:]) {
		for _, c := range v[:i] {
			if !is(c, cLower) {
				return false
			}
		}
		return true
	}
	return semverLike(v)
}

// semverLike reports MAJOR.MINOR.PATCH followed by "-pre.release" or "+build" parts.
func semverLike(v []byte) bool {
	if len(v) > 0 && v[0] == 'v' {
		v = v[1:]
	}
	dots, i := 0, 0
	for i < len(v) && (isDigit(v[i]) || v[i] == '.' && i > 0 && isDigit(v[i-1])) {
		if v[i] == '.' {
			dots++
		}
		i++
	}
	if dots != 2 || i == len(v) || v[i] != '-' && v[i] != '+' {
		return false
	}
	for _, c := range v[i:] {
		if !is(c, cAlnum) && c != '.' && c != '-' && c != '+' {
			return false
		}
	}
	return true
}

func allHex(v []byte) bool {
	for _, c := range v {
		if !isHex(c) {
			return false
		}
	}
	return true
}

// randomLetters recognises a generated password of letters alone ("vtzXgQzMKEWZhV"):
// capitals scattered through it, not only where the words of a camelCase name begin.
func randomLetters(v []byte) bool {
	if len(v) < 10 {
		return false
	}
	up, low, humps := 0, 0, 0
	for i, c := range v {
		switch {
		case isUpper(c):
			up++
			if i > 0 && isUpper(v[i-1]) || i+1 < len(v) && isUpper(v[i+1]) || i+2 < len(v) && !is(v[i+1], cLower|cUpper) {
				humps++ // two capitals in a row: no camelCase word starts like that
			} else if i+2 < len(v) && is(v[i+1], cLower) && isUpper(v[i+2]) && !twoLetterWord(c, v[i+1]) {
				humps++ // a one-letter word
			}
		case is(c, cLower):
			low++
		default:
			return false
		}
	}
	return up >= 3 && low >= 3 && (humps >= 1 || unpronounceable(v)) && entropy(v) >= 3.2
}

// nearHex recognises a string that is hex but for a letter or two ("…137eJ406e0…"):
// generators write hex or a larger alphabet, never hex with a stray letter (a random
// base62 string has about a quarter of its characters in the hex set), so such a string
// is a hand-edited example.
func nearHex(v []byte) bool {
	if len(v) < 16 {
		return false
	}
	hex, other := 0, 0
	for _, c := range v {
		switch {
		case isDigit(c) || 'a' <= c && c <= 'f':
			hex++
		case is(c, cLower|cUpper):
			other++
		}
	}
	return other > 0 && other <= 2 && hex >= len(v)-2-other && hex*10 >= len(v)*9
}

// wordy recognises snake_case and dotted names ("gnutls_x509_crt_verify_data2"): three
// or more parts, most of them words of letters.
func wordy(v []byte) bool {
	return mostlyWords(v, func(p []byte) bool {
		letters := 0
		for _, c := range p {
			if is(c, cLower) {
				letters++
			}
		}
		return letters >= 3 && letters*2 >= len(p)
	})
}

// mostlyWords reports a value of three or more parts between '_', '.' and '-' of which
// more than half are words by isWord: the shared test of wordy and plainWordy.
func mostlyWords(v []byte, isWord func([]byte) bool) bool {
	parts, words := 0, 0
	eachPart(v, func(c byte) bool { return c == '_' || c == '.' || c == '-' }, func(p []byte) bool {
		parts++
		if isWord(p) {
			words++
		}
		return true
	})
	return parts >= 3 && words*2 > parts
}

// eachPart calls fn on each non-empty run of v between bytes sep reports, in order,
// until fn returns false; it reports whether every call returned true. It splits as
// bytes.FieldsFunc does with ASCII separators, without allocating the parts.
func eachPart(v []byte, sep func(byte) bool, fn func([]byte) bool) bool {
	for i := 0; i < len(v); {
		for i < len(v) && sep(v[i]) {
			i++
		}
		j := i
		for j < len(v) && !sep(v[j]) {
			j++
		}
		if j > i && !fn(v[i:j]) {
			return false
		}
		i = j
	}
	return true
}

// upperSnake reports CONSTANT_CASE: capitals and digits in two or more words of two
// letters or more joined by '_' (KEY_ALG_RSA_2048, TYPE_PKCS12_FILE), few digits.
func upperSnake(v []byte) bool {
	words, digits := 0, 0
	for _, w := range bytes.Split(v, []byte("_")) {
		letters := 0
		for _, c := range w {
			switch {
			case isUpper(c):
				letters++
			case isDigit(c):
				digits++
			default:
				return false
			}
		}
		if letters < 2 {
			if letters > 0 || len(w) == 0 {
				return false
			}
			continue
		}
		words++
	}
	return words >= 2 && digits <= 4
}

// templateKey reports a value that is the next key of a template whose own value was
// left empty: "password= username=", "auth_token= queue_limit=10000".
func templateKey(v []byte) bool {
	i := bytes.IndexByte(v, '=')
	if i <= 0 || i > 32 || len(v)-i-1 > 16 || !is(v[0], cLower) {
		return false
	}
	key := func(r rune) bool { return !(r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }
	word := func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') }
	return bytes.IndexFunc(v[:i], key) < 0 && bytes.IndexFunc(v[i+1:], word) < 0
}

// identifierLike reports a name made of words — CamelCase ("OnBehalfOfCredential",
// "YtAnalyticsReadonlyScope") or separated ("OAUTH2_CLIENT_CREDENTIALS",
// "scope-blobs-premium-2") — which code and API specs hold under key-like names: every
// word has a vowel, none is long or a jumble of consonants, words are not short on
// average, digits are few. Generated keys fail it: their humps are two letters or so,
// vowel-less runs are common, and they hold many digits.
func identifierLike(v []byte) bool {
	if upperSnake(v) {
		return true
	}
	letterSegs, singles, digits, digitSegs, bounds, letters := 0, 0, 0, 0, 0, 0
	seg := func(s []byte) bool {
		if len(s) == 0 {
			return true
		}
		if isDigit(s[0]) {
			digitSegs++
			digits += len(s)
			return true
		}
		letterSegs++
		if len(s) == 1 {
			singles++
			return true
		}
		if len(s) > 14 {
			return false
		}
		letters += len(s)
		if codeAcronym(s) {
			return true
		}
		vowels, run := 0, 0
		for _, c := range s {
			switch lowerASCII(c) {
			case 'a', 'e', 'i', 'o', 'u', 'y':
				vowels, run = vowels+1, 0
			default:
				if run++; run > 4 {
					return false
				}
			}
		}
		return vowels > 0 && (len(s) < 5 || vowels*5 >= len(s))
	}
	start := 0
	for i := 0; i <= len(v); i++ {
		cut, skip := false, false
		switch {
		case i == len(v):
			cut = true
		case !is(v[i], cAlnum):
			if v[i] != '_' && v[i] != '.' && v[i] != '-' {
				return false
			}
			cut, skip = true, true
			bounds++
		case i > start:
			p, c := v[i-1], v[i]
			switch {
			case isDigit(p) != isDigit(c):
				cut = true
			case is(p, cLower) && isUpper(c):
				cut = true
				bounds++
			case isUpper(p) && isUpper(c) && i+1 < len(v) && is(v[i+1], cLower):
				cut = true
				bounds++
			}
		}
		if !cut {
			continue
		}
		if !seg(v[start:i]) {
			return false
		}
		start = i
		if skip {
			start = i + 1
		}
	}
	// words average three and a half letters or more; a random string's humps, two or so
	long := letterSegs - singles
	return bounds > 0 && long >= 2 && singles <= 2 && digits <= 4 && digitSegs <= 2 && letters*2 >= 7*long
}

// digestOrData reports values that stand where a password might and are structurally
// something else: a YAML tag ("!vault |", "!secret db_password"), a data: URI, a
// subresource-integrity digest ("sha512-<base64>") or a Go module hash ("h1:<base64>").
func digestOrData(v []byte) bool {
	if v[0] == '!' && len(v) > 1 {
		// the tag alone, or followed by its argument or a block indicator ("!vault |")
		if e := run(v, 1, cLower|cUpper|cUnder, len(v)); e > 1 && (e == len(v) || v[e] == ' ') {
			return true
		}
	}
	if hasPrefixFold(v, 0, "data:") && bytes.Contains(v, []byte(";base64,")) {
		return true
	}
	// Sealed Secrets' ciphertext (encryptedData: "AgB…", hundreds of base64 bytes) is
	// safe to commit by design.
	if len(v) >= 200 && v[0] == 'A' && v[1] == 'g' && run(v, 0, cB64, len(v)) >= len(v)-2 {
		return true
	}
	for _, p := range []string{"sha256-", "sha384-", "sha512-", "h1:"} {
		if bytes.HasPrefix(v, []byte(p)) && len(v)-len(p) >= 40 && v[len(v)-1] == '=' && run(v, len(p), cB64, len(v)) >= len(v)-2 {
			return true
		}
	}
	return false
}

// qpByteAt reports a quoted-printable escape of a non-ASCII byte at p ("=C3", "=BC").
func qpByteAt(data []byte, p int) bool {
	return p+2 < len(data) && data[p] == '=' && data[p+1] >= '8' && data[p+1] <= 'F' && isUpperHex(data[p+1]) && isUpperHex(data[p+2])
}

// qpWord reports a value holding a quoted-printable UTF-8 character ("f=C3=BCr", für):
// a word of encoded text around the name, not the password after it.
func qpWord(v []byte) bool {
	for i := 0; i+5 < len(v); i++ {
		if qpByteAt(v, i) && v[i+1] >= 'C' && qpByteAt(v, i+3) && v[i+4] >= '8' && v[i+4] <= 'B' {
			return true
		}
	}
	return false
}

// relativeFilePath recognises a file's path or an object key under a key-like name
// ("key": "tenants/acme3/config.json", an S3 listing; "s3_key": "uploads/2024/a1.png"):
// directories and a name joined by '/', the last one ending in a file extension. No
// generated key is written so: base64 and hex have no '.', and a dotted token (a JWT)
// does not end in an extension after a '/'.
func relativeFilePath(v []byte) bool {
	slash := bytes.LastIndexByte(v, '/')
	dot := bytes.LastIndexByte(v, '.')
	if slash <= 0 || dot < slash+2 || !pathFileExt[string(bytes.ToLower(v[dot+1:]))] {
		return false
	}
	for _, c := range v {
		if !is(c, cAlnum|cDash|cDot|cUnder|cSlash) {
			return false
		}
	}
	return true
}

var pathFileExt = map[string]bool{}

func init() {
	for _, x := range strings.Fields(`json yaml yml env properties ini conf cfg toml xml txt csv tsv log md html htm
		sql sh ps1 py go js ts rb php java pem crt key pub p12 pfx tf tfstate png jpg jpeg gif svg webp ico pdf
		doc docx xls xlsx zip gz tgz tar bz2 xz 7z bak dump parquet avro jsonl ndjson mp3 mp4 wav mov`) {
		pathFileExt[x] = true
	}
}

// policyPassword recognises a password as a password policy asks for it, kept under a
// secret's, a token's or a key's name ("webhook_secret": "Saffron7896@Velvet",
// "PUSH_TOKEN": "qxcg42SVE-DWCwHQ!"): one word-like run of letters, digits and a
// policy symbol, with a word in it or letters of both cases; no blank, no quoting or
// template syntax, not an e-mail address, no run of letters longer than a word or two.
func policyPassword(v []byte) bool {
	if len(v) < 12 || len(v) > 64 || !is(v[0], cAlnum) || isPlaceholder(v) {
		return false // (a symbol first is code's: "*cfgEnv", "&opts")
	}
	letters, upper, digits, symbols, word, longest := 0, 0, 0, 0, 0, 0
	for i, c := range v {
		if !is(c, cLower|cUpper) {
			word = 0
		}
		switch {
		case is(c, cLower|cUpper):
			letters++
			if is(c, cUpper) {
				upper++
			}
			word++
			longest = max(longest, word)
			if word > 12 {
				return false // words run together: a name ("relayClientCertPassword7!")
			}
		case isDigit(c):
			digits++
		case bytes.IndexByte([]byte("!#$%&*?@^~+=-_."), c) >= 0:
			symbols++
			if c == '%' && i+1 < len(v) && bytes.IndexByte([]byte("sdvfxqi("), v[i+1]) >= 0 {
				return false // a format verb
			}
			if c == '$' && i+1 < len(v) && v[i+1] == '{' {
				return false
			}
		default:
			return false
		}
	}
	if letters < 6 || digits == 0 || symbols == 0 || symbols > 3 {
		return false
	}
	if (upper == 0 || upper == letters) && longest < 4 {
		// one case and no word in it: a generated token's letters ("k7q2@x9w4…"),
		// which strayToken judges; a person's has a word ("river5740#falcon")
		return false
	}
	if (upper == 0 || upper == letters) && !bytes.ContainsAny(v, "!#$%&*?@^~+=") {
		// one case joined only by separators: a name ("etcd-cluster-1", a slug), not
		// a password a policy asked for
		return false
	}
	if at := bytes.IndexByte(v, '@'); at >= 0 && bytes.IndexByte(v[at:], '.') >= 0 {
		return false // an e-mail address, a user@host
	}
	for _, p := range bytes.FieldsFunc(v, func(r rune) bool { return r >= 0x80 || !is(byte(r), cAlnum|cPlus|cSlash) }) {
		if len(p) >= 12 && base64Text(p) {
			return false // base64 of words with a symbol in it ("VGhlIHF1aWNr!…")
		}
	}
	// Varied enough: a person's password may repeat its word ("quill4668+quill") and
	// fall under the entropy floor while it still uses many distinct characters.
	return entropy(v) >= 3.0 || distinctBytes(v) >= 8
}

// distinctBytes counts the distinct bytes of v.
func distinctBytes(v []byte) int {
	var seen [256]bool
	n := 0
	for _, c := range v {
		if !seen[c] {
			seen[c] = true
			n++
		}
	}
	return n
}

// slashRandom recognises a generated value in the base64 alphabet that begins with '/'
// even without slashB64's padding or '+': no lower-case directory name in it, and one
// part between slashes of 16 or more characters that mixes upper case, lower case and
// digits, as no directory's or file's name does. Only a password's name makes it a
// value (notAPassword): elsewhere a '/' first still reads as a path.
func slashRandom(v []byte) bool {
	if len(v) < 24 || len(v) > 128 || v[0] != '/' {
		return false
	}
	body := bytes.TrimRight(v, "=")
	if len(v)-len(body) > 2 || !b64Mixed(body) {
		return false
	}
	long := false
	for _, seg := range bytes.Split(body[1:], []byte("/")) {
		if len(seg) >= 2 && run(seg, 0, cLower, len(seg)) == len(seg) {
			return false
		}
		long = long || len(seg) >= 16 && b64Mixed(seg)
	}
	return long
}

// slashB64 recognises base64 that happens to begin with '/' (one random value in 64)
// rather than a path: whole groups of four, of the standard alphabet, with a '+' or
// '=' padding (which no path writes so), upper case, lower case and digits mixed, and
// no directory name in it.
func slashB64(v []byte) bool {
	if len(v) < 20 || len(v)%4 != 0 || v[0] != '/' {
		return false
	}
	body := bytes.TrimRight(v, "=")
	if len(v)-len(body) > 2 || len(body) == len(v) && bytes.IndexByte(v, '+') < 0 {
		return false
	}
	if !b64Mixed(body) {
		return false
	}
	// a directory's name, a run of lower-case letters between slashes ("/var/lib/…"), is a path's
	for _, seg := range bytes.Split(body, []byte("/")) {
		if len(seg) >= 2 && run(seg, 0, cLower, len(seg)) == len(seg) {
			return false
		}
	}
	return true
}

// b64Mixed reports a run of the standard base64 alphabet (no padding) that mixes upper-
// and lower-case letters and digits, as generated values do.
func b64Mixed(body []byte) bool {
	var upper, lower, digit bool
	for _, c := range body {
		switch {
		case is(c, cUpper):
			upper = true
		case is(c, cLower):
			lower = true
		case isDigit(c):
			digit = true
		case c != '+' && c != '/':
			return false
		}
	}
	return upper && lower && digit
}

// uEscapedLetters reports a value holding \uXXXX escapes whose decoded text is letters
// alone: a word of prose in a language written outside ASCII, escaped by JSON.
func uEscapedLetters(v []byte) bool {
	if bytes.Index(v, []byte(`\u`)) < 0 {
		return false
	}
	d := unescapeLevels(v, 1)
	if bytes.Equal(d, v) {
		return false
	}
	for _, r := range string(d) {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return !randomLetters(d)
}

// encryptedForm reports a value under a name that says it is encrypted
// ("PasswordEncrypted") that reads as ciphertext rather than as the password a script
// sets: a scheme in braces ("{AES256}…", "{3DES}…"), or a long run of base64.
func encryptedForm(key, v []byte) bool {
	if len(key) < 9 || !hasSuffixFold(key, "encrypted") {
		return false
	}
	if v[0] == '{' || v[0] == '$' || bytes.HasPrefix(v, []byte("ENC(")) {
		return true
	}
	// base64 ciphertext: its alphabet's '+' or '/', or its padding
	return len(v) >= 24 && run(v, 0, cB64|cEq, len(v)) == len(v) && bytes.ContainsAny(v, "+/=")
}

// signingKeyID reports an OpenPGP key's id or fingerprint under the name of a signing
// key that says so: gpg's default-key or a "gpg_key" (8, 16 or 40 hex digits,
// optionally after "0x"), or git's user.signingkey and magit-commit-signing-key (a
// key id as gpg prints it: 8 or 16 digits in upper case). An HMAC's "signing key" in
// lower-case hex is a secret.
func signingKeyID(k, v []byte) bool {
	v = bytes.TrimPrefix(bytes.TrimPrefix(v, []byte("0x")), []byte("0X"))
	if !allHex(v) {
		return false
	}
	switch {
	case bytes.Contains(k, []byte("gpg")) || bytes.Contains(k, []byte("pgp")):
		return len(v) == 8 || len(v) == 16 || len(v) == 40
	case bytes.Contains(k, []byte("signing")) && bytes.HasSuffix(k, []byte("key")):
		return (len(v) == 8 || len(v) == 16) && !bytes.ContainsAny(v, "abcdef")
	}
	return false
}

// optionPath reports a value that is itself a name and an absolute path, as an option
// list's entry is (Slurm's AuthAltParameters=jwt_key=/var/spool/slurm/jwt_hs256.key):
// the path names where the secret is kept, not the secret.
func optionPath(v []byte) bool {
	i := bytes.IndexByte(v, '=')
	if i <= 0 || i+2 >= len(v) || v[i+1] != '/' || v[i+2] == '/' {
		return false
	}
	for _, c := range v[:i] {
		if !is(c, cAlnum) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return !bytes.ContainsAny(v[i+1:], " \t,;")
}
