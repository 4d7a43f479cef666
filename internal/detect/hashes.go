package detect

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"sync"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Password hashes and stored verifiers (category finding.CredentialHash). An exposed
// users table or shadow file gives an attacker hashes to crack offline, and an NTLM
// hash to pass as it is; none of them is the password, so they are no secret finding:
// they have a category of their own, medium severity, and the default engine leaves
// them out (WithHashes adds them). Every format below is written in a notation of its
// own (a "$id$" prefix, a scheme name, a fixed length of hex), so the notation alone
// names it, in text and in a field alike. The secret rules refuse the same values as
// passwords (sealedOrPublic, digestOrData): a hash is reported here or not at all.

const hashRem = "Treat the accounts as exposed: force a password reset for them, make sure the " +
	"store holding the hashes is not reachable, and prefer a slow hash (argon2id, scrypt, bcrypt)."

// crypt is the alphabet of crypt(3) hashes.
const crypt = `[./A-Za-z0-9]`

var hashTokens = []tk{
	// bcrypt: "$2a$", "$2b$", "$2y$" (or "$2$"), a two-digit cost, then 22 characters
	// of salt and 31 of hash in crypt's base64.
	{id: "password-hash-bcrypt", title: "bcrypt password hash",
		re: `\$2[abxy]?\$[0-9]{2}\$` + crypt + `{53}`, lits: []string{"$2a$", "$2b$", "$2y$", "$2x$", "$2$"},
		ex:  []string{`admin:$2b$12${a:53}`, `{"password_hash": "$2y$10${a:53}"}`},
		nex: []string{`$2b$12${a:20}`, `$2b$12$` + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}},
	// SHA-crypt (glibc): "$6$" (SHA-512, 86 characters) or "$5$" (SHA-256, 43), an
	// optional "rounds=N$", a salt of up to 16 characters.
	{id: "password-hash-sha512crypt", title: "SHA-512 crypt password hash",
		re: `\$6\$(?:rounds=[0-9]{1,9}\$)?` + crypt + `{1,16}\$` + crypt + `{86}`, lits: []string{"$6$"},
		ex:  []string{`root:$6${a:16}${a:86}:19700:0:99999:7:::`, `hash = "$6$rounds=656000${a:12}${a:86}"`},
		nex: []string{`$6${a:16}${a:40}`, `price: $6$ and $7$`}},
	{id: "password-hash-sha256crypt", title: "SHA-256 crypt password hash",
		re: `\$5\$(?:rounds=[0-9]{1,9}\$)?` + crypt + `{1,16}\$` + crypt + `{43}`, lits: []string{"$5$"},
		ex:  []string{`deploy:$5${a:16}${a:43}:19000:0:99999:7:::`},
		nex: []string{`$5${a:16}${a:20}`}},
	// md5crypt ("$1$") and Apache's variant ("$apr1$"): a salt of up to 8, 22 of hash.
	{id: "password-hash-md5crypt", title: "MD5 crypt password hash",
		re: `\$(?:1|apr1)\$` + crypt + `{1,8}\$` + crypt + `{22}`, lits: []string{"$1$", "$apr1$"},
		ex:  []string{`alice:$apr1${a:8}${a:22}`, `user:$1${a:8}${a:22}:18000:0:99999:7:::`},
		nex: []string{`$1${a:8}${a:10}`}},
	// yescrypt, today's default in /etc/shadow: "$y$", parameters, salt, 43 of hash.
	{id: "password-hash-yescrypt", title: "yescrypt password hash",
		re: `\$y\$` + crypt + `{1,32}\$` + crypt + `{1,64}\$` + crypt + `{43}`, lits: []string{"$y$"},
		ex:  []string{`ops:$y$j9T${a:22}${a:43}:19800:0:99999:7:::`},
		nex: []string{`$y$j9T${a:22}${a:12}`}},
	// Argon2 in PHC notation: "$argon2id$v=19$m=…,t=…,p=…$salt$hash" (Django prefixes
	// "argon2").
	{id: "password-hash-argon2", title: "Argon2 password hash",
		re:   `\$argon2(?:id|i|d)\$(?:v=[0-9]{1,3}\$)?m=[0-9]{1,8},t=[0-9]{1,4},p=[0-9]{1,3}\$[A-Za-z0-9+/.]{8,128}\$[A-Za-z0-9+/.]{16,256}`,
		lits: []string{"$argon2"},
		ex:   []string{`password = "$argon2id$v=19$m=65536,t=3,p=4${a:22}${a:43}"`, `argon2$argon2i$v=19$m=512,t=2,p=2${a:16}${a:22}`},
		nex:  []string{`$argon2id$v=19$m=65536,t=3,p=4$`, `$argon2id$v=19$m=65536,t=3,p=4${a:22}${a:8}`}},
	// scrypt: crypt's "$7$", passlib's "$scrypt$ln=…,r=…,p=…$" and Django's
	// "scrypt$N$salt$r$p$hash".
	{id: "password-hash-scrypt", title: "scrypt password hash",
		re: `\$7\$` + crypt + `{11,64}\$` + crypt + `{43}` +
			`|\$scrypt\$ln=[0-9]{1,2},r=[0-9]{1,3},p=[0-9]{1,3}\$[./A-Za-z0-9+]{0,64}\$[./A-Za-z0-9+]{20,128}` +
			`|scrypt\$[0-9]{4,8}\$[A-Za-z0-9]{1,64}\$[0-9]{1,3}\$[0-9]{1,3}\$[A-Za-z0-9+/]{20,128}={0,2}`,
		lits: []string{"$7$", "$scrypt$", "scrypt$"},
		ex:   []string{`$scrypt$ln=16,r=8,p=1${a:22}${a:43}`, `"password": "scrypt$16384${a:22}$8$1${a:43}="`, `$7$C6..../....{a:20}${a:43}`},
		nex:  []string{`$scrypt$ln=16,r=8,p=1$`, `scrypt$16384$`}},
	// PBKDF2 as Django ("pbkdf2_sha256$iterations$salt$base64"), passlib
	// ("$pbkdf2-sha256$…") and Werkzeug ("pbkdf2:sha256:iterations$salt$hex") store it.
	{id: "password-hash-pbkdf2", title: "PBKDF2 password hash",
		re: `pbkdf2_sha(?:1|256|512)\$[0-9]{3,8}\$[A-Za-z0-9./+]{1,64}\$[A-Za-z0-9+/]{20,128}={0,2}` +
			`|\$pbkdf2(?:-sha(?:256|512))?\$[0-9]{3,8}\$[./A-Za-z0-9]{1,64}\$[./A-Za-z0-9]{20,128}` +
			`|pbkdf2:sha(?:1|256|512):[0-9]{3,8}\$[A-Za-z0-9]{1,64}\$[0-9a-f]{40,128}`,
		lits: []string{"pbkdf2_sha", "$pbkdf2", "pbkdf2:sha"},
		ex:   []string{`{"password": "pbkdf2_sha256$600000${a:22}${a:43}="}`, `pbkdf2:sha256:260000${a:16}${h:64}`, `$pbkdf2-sha256$29000${a:22}${a:43}`},
		nex:  []string{`pbkdf2_sha256$600000$`, `PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]`}},
	// PostgreSQL's SCRAM verifier (rolpassword) and its older "md5" and 32 hex digits.
	{id: "password-hash-scram", title: "SCRAM password verifier",
		re:   `SCRAM-SHA-(?:1|256|512)\$[0-9]{1,7}:[A-Za-z0-9+/=]{8,64}\$[A-Za-z0-9+/=]{20,100}:[A-Za-z0-9+/=]{20,100}`,
		lits: []string{"SCRAM-SHA-"},
		ex:   []string{`app_rw | SCRAM-SHA-256$4096:{b:22}==${b:43}=:{b:43}=`},
		nex:  []string{`password_encryption = 'SCRAM-SHA-256'`, `SCRAM-SHA-256$4096:`}},
	{id: "password-hash-postgres-md5", title: "PostgreSQL MD5 password hash",
		re: `md5[0-9a-f]{32}`, lits: []string{"md5"},
		ex:  []string{`rolpassword: md5{h:32}`, `ALTER ROLE app PASSWORD 'md5{h:32}';`},
		nex: []string{`md5sum {h:32}`, `md5{h:40}`}},
	// MySQL's mysql_native_password hash: '*' and 40 upper-case hex digits.
	{id: "password-hash-mysql", title: "MySQL native password hash",
		re: `\*[0-9A-F]{40}`, lits: []string{"*0", "*A", "*B", "*C", "*D", "*E", "*F"}, noLeft: true,
		ex:  []string{`CREATE USER 'app'@'%' IDENTIFIED WITH mysql_native_password AS '*{H:40}';`, `{"authentication_string": "*{H:40}"}`},
		nex: []string{`*{h:40}`, `*{H:32}`}},
	// Kerberos hashes as roasting tools print them for cracking: an AS-REP of an
	// account without pre-authentication and a service ticket (TGS), each with its
	// checksum and encrypted part in hex.
	{id: "password-hash-krb5asrep", title: "Kerberos AS-REP hash (AS-REP roasting)",
		re:   `\$krb5asrep\$(?:[0-9]{2}\$)?[^\s:$]{1,256}(?:\$[^\s:$]{1,256})?[:$][0-9a-f]{24,32}\$[0-9a-f]{64}[0-9a-f]*`,
		lits: []string{"$krb5asrep$"},
		ex:   []string{`$krb5asrep$23$svc_backup@CORP.EXAMPLE:{h:32}${h:300}`},
		nex:  []string{`$krb5asrep$23$svc_backup@CORP.EXAMPLE:{h:32}$`, `hashcat -m 18200 $krb5asrep$`}},
	{id: "password-hash-krb5tgs", title: "Kerberos service ticket hash (Kerberoasting)",
		re:   `\$krb5tgs\$[0-9]{2}\$[^\s]{1,512}?\$[0-9a-f]{24,32}\$[0-9a-f]{64}[0-9a-f]*`,
		lits: []string{"$krb5tgs$"},
		ex:   []string{`$krb5tgs$23$*sql_svc$CORP.EXAMPLE$MSSQLSvc/db01.corp.example:1433*${h:32}${h:400}`},
		nex:  []string{`$krb5tgs$23$*sql_svc$CORP.EXAMPLE$cifs/x*${h:32}$`}},
	// MySQL 8's caching_sha2_password (and sha256_password) as mysql.user keeps it in
	// authentication_string: "$A$", the rounds in thousands as three hex digits, "$",
	// 20 bytes of salt (any ASCII but NUL and '$', control characters included) and 43
	// characters of SHA-256 crypt. SHOW CREATE USER and dumps write the same bytes as a
	// hex literal ("AS 0x244124…"), since the salt need not be printable.
	{id: "password-hash-mysql-sha2", title: "MySQL caching_sha2_password hash",
		re:    `\$A\$[0-9A-F]{3}\$[\x01-\x23\x25-\x7f]{20}` + crypt + `{43}|0x244124(?:3[0-9]|4[1-6]){3}24[0-9A-Fa-f]{126}`,
		lits:  []string{"$A$", "0x244124"},
		check: mysqlSHA2OK,
		ex: []string{`{"user": "billing", "authentication_string": "$A$005$Qv7#kP2;x9Lm%Tz4&Wb1{a:43}"}`,
			"app_rw\t$A$005$\x13j7~\x02Rp9@aL;)W^d\x1fZx+{a:43}\tcaching_sha2_password",
			`CREATE USER 'etl'@'%' IDENTIFIED WITH 'caching_sha2_password' AS 0x244124303035245A712F6B21377D2B0E4D615E3C1F6A2B2940723C6E6B4E4B52544639556C39794E70506A6C5048764B66383977636E33572E714F6938764E76346845504973;`},
		nex: []string{`$A$005$short`, `0x244124303035240000{h:40}`, `$A$005$Qv7#kP2;x9Lm%Tz4&Wb1{a:20}`}},
	// LDAP userPassword values (RFC 2307 and the directories' own schemes): "{SSHA}"
	// and friends with the base64 of a digest (and its salt), "{CRYPT}" and a crypt(3)
	// hash, "{PBKDF2-SHA512}", "{ARGON2}". LDIF writes a value holding a "{" in
	// base64 ("userPassword:: e1NTSEF9…"): the same hash, so the same finding.
	{id: "password-hash-ldap", title: "LDAP userPassword hash",
		re: ldapHashPlain + `|(?:e1NTSE|e1NIQ|e1NNRDV9|e01ENX|e0NSWVBU|e1BCS0RGM|e0FSR09O)[A-Za-z0-9+/]{24,1000}={0,2}`,
		lits: []string{"{SSHA", "{SHA", "{SMD5", "{MD5", "{CRYPT}", "{PBKDF2", "{ARGON2}", // (anchors are exact case)
			"{ssha", "{sha", "{smd5", "{md5", "{crypt}", "{pbkdf2", "{argon2}", "{Crypt}", "e1NTSE", "e1NIQ", "e1NNRDV9", "e01ENX", "e0NSWVBU", "e1BCS0RGM", "e0FSR09O"},
		check: ldapHashOK,
		ex: []string{`userPassword: {SSHA}{b:32}`, `userPassword: {SSHA512}{b:96}`, `{"uid": "jdoe", "userPassword": "{CRYPT}$6$Zq81Lk0p${a:86}"}`,
			`userPassword:: e1NTSEF9MGpTWGtuTFhDeC9VS2ZYYUFPZmt0em1PSnNkbzFTUXUyVEFBaEE9PQ==`,
			`userPassword:: e1NTSEE1MTJ9cDVILzgxMzBwU21WMWJ4NFFqVFNsU0VxYkdlNHQzSC9oZ3BHaUI3N3BnNmhSSVd0OUdUQ1gxdWRPZ01XZHhJbFJsUENydkxUR2Izd2Q0WTlSQ3Q2M2hIQmhxVzZBTk43`},
		nex: []string{`olcPasswordHash: {SSHA}`, `userPassword: {SSHA}{b:12}`, `userPassword: {SHA}{b:40}`, `{CRYPT}*`, `password-hash: {SSHA512}`}},
	// An NTLM hash in secretsdump's (pwdump's) notation, "user:RID:LM:NT:::": the NT
	// hash passes as the password itself (pass-the-hash). The empty password's NT hash
	// is no credential.
	{id: "password-hash-ntlm", title: "NTLM password hash (secretsdump)",
		re: `[^\s:]{1,128}:[0-9]{1,10}:[0-9a-fA-F]{32}:([0-9a-fA-F]{32}):::`, group: 1, lits: []string{":::"}, back: 180,
		check: func(tok []byte) bool { return !bytes.EqualFold(tok, []byte("31d6cfe0d16ae931b73c59d7e0c089c0")) },
		ex:    []string{`CORP\backup_svc:1104:{h:32}:{h:32}:::`, `Administrator:500:aad3b435b51404eeaad3b435b51404ee:{h:32}:::`},
		nex:   []string{`Guest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::`, `fe80:::1`}},
}

// ldapHashPlain is an LDAP userPassword hash as the directory shows it.
const ldapHashPlain = `\{(?i:S?SHA(?:256|384|512)?|S?MD5)\}[A-Za-z0-9+/]{22,200}={0,2}` +
	`|\{(?i:CRYPT)\}(?:\$[0-9a-z]{1,6}\$[./A-Za-z0-9$=,]{16,200}|_[./A-Za-z0-9]{19}|[./A-Za-z0-9]{13})` +
	`|\{(?i:PBKDF2(?:[-_]SHA(?:1|256|512))?)\}[./A-Za-z0-9+$=]{40,800}` +
	`|\{(?i:ARGON2)\}\$argon2(?:id|i|d)\$[$=,./A-Za-z0-9+]{30,300}`

// (compiled on first use: its bounded repeats make it a large program, 6M instructions
// of every start-up)
var ldapPlainRe = lazyRegexp(`^(?:` + ldapHashPlain + `)$`)

// ldapDigestLen is the digest size of each base64 scheme; "S" schemes append a salt.
var ldapDigestLen = map[string]int{"MD5": 16, "SHA": 20, "SHA256": 32, "SHA384": 48, "SHA512": 64}

// ldapHashOK checks an LDAP hash: a base64 scheme's body decodes to its digest (and,
// salted, a salt of 1 to 64 bytes); "{CRYPT}$id$" ends in a salt and a hash; the
// base64 of a value (LDIF's "::") decodes to one of these.
func ldapHashOK(tok []byte) bool {
	if tok[0] != '{' {
		d, err := base64.StdEncoding.DecodeString(string(tok))
		if err != nil || !ldapPlainRe().Match(d) {
			return false
		}
		tok = d
	}
	e := bytes.IndexByte(tok, '}')
	scheme, body := strings.ToUpper(string(tok[1:e])), tok[e+1:]
	switch {
	case scheme == "CRYPT":
		if body[0] != '$' {
			return true
		}
		i := bytes.LastIndexByte(body, '$')
		return i > 2 && len(body)-i-1 >= 22
	case strings.HasPrefix(scheme, "PBKDF2"), scheme == "ARGON2":
		return true
	}
	salted := strings.HasPrefix(scheme, "SS") || scheme == "SMD5"
	if salted {
		scheme = scheme[1:]
	}
	want := ldapDigestLen[scheme]
	enc := base64.StdEncoding
	if len(body)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	d, err := enc.DecodeString(string(body))
	if err != nil {
		return false
	}
	if salted {
		return len(d) > want && len(d) <= want+64
	}
	return len(d) == want
}

// mysqlSHA2OK checks a caching_sha2_password hash: its hex form decodes to the same
// notation (a salt without NUL or '$', a hash in crypt's alphabet).
func mysqlSHA2OK(tok []byte) bool {
	if tok[0] != '0' {
		return true // the expression has checked every byte
	}
	d, err := hex.DecodeString(string(tok[2:]))
	if err != nil || len(d) != 70 {
		return false
	}
	for _, c := range d[7:27] {
		if c == 0 || c == '$' || c > 0x7f {
			return false
		}
	}
	for _, c := range d[27:] {
		if !(c == '.' || c == '/' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// hashRules sets what every hash rule shares.
func hashRules(ts []tk) []tk {
	out := make([]tk, len(ts))
	for i, t := range ts {
		t.cat, t.sev, t.rem = finding.CredentialHash, finding.Medium, hashRem
		if t.provider == "" {
			t.provider = "Password hash"
		}
		if t.re[0] == '\\' {
			t.noLeft = true // "$…", "*…": the notation's punctuation starts the token
		}
		t.bodyOK = hashBodyOK
		out[i] = t
	}
	return out
}

// hashBodyOK refuses a template's filler: the hash's last part (after its last '$'
// or ':') must be varied, as a digest's encoding is.
func hashBodyOK(tok []byte) bool {
	last := tok
	if i := bytes.LastIndexAny(tok, "$:"); i >= 0 && len(tok)-i > 16 {
		last = tok[i+1:]
	}
	return distinctBytes(last) >= 10 && !isPlaceholder(last)
}

// optIn says whether a rule runs only when asked for (WithHashes).
func optIn(r *Rule) bool { return r.Category == finding.CredentialHash }

var (
	hashesOnce   sync.Once
	hashesEngine *Engine
)

// WithHashes returns the engine with every built-in rule, the password-hash rules
// (category finding.CredentialHash) included, compiled once.
func WithHashes() *Engine {
	hashesOnce.Do(func() {
		e, err := New(allRules())
		if err != nil {
			panic(err) // the built-in catalogue is checked by tests
		}
		hashesEngine = e
	})
	return hashesEngine
}
