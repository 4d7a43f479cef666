package detect

import (
	"fmt"
	"strings"
	"testing"
)

// Classes of field names (issue 11, a scan of the lab finds every secret in a field of
// its own): the same name must mean the same in a store's record and in a file's
// structure (JSON, YAML, .env, CSV header, XML). Every name and value here is written
// for these tests.

// nameFinds reports, for a value stored under name, whether a record and each text
// format find it (exactly that value, as a secret).
func nameFinds(e *Engine, name, value string) map[string]bool {
	out := map[string]bool{}
	e.ScanRecord([]Field{{Path: "id", Value: "31"}, {Path: name, Value: value}}, func(m FieldMatch) {
		if m.Field == 1 && m.Value == value && m.Rule.Category == "secret" {
			out["record"] = true
		}
	})
	docs := map[string]string{
		"json": fmt.Sprintf("{\"id\": 31, %q: %q}\n", name, value),
		"yaml": fmt.Sprintf("id: 31\n%s: %s\n", name, value),
		"env":  fmt.Sprintf("ID=31\n%s=%s\n", name, value),
		"csv":  fmt.Sprintf("id,%s,zone\n31,%s,north\n", name, value),
	}
	if !strings.ContainsAny(name, " .") {
		docs["xml"] = fmt.Sprintf("<settings>\n  <id>31</id>\n  <%s>%s</%s>\n</settings>\n", name, value, name)
	}
	for format, doc := range docs {
		ScanDocument(e, format, []byte(doc), func(m LineMatch) {
			if m.Value == value && m.Rule.Category == "secret" {
				out[format] = true
			}
		})
	}
	return out
}

// checkNames asserts that every form (record and each text format) finds value under
// each name when want, and none does when not.
func checkNames(t *testing.T, e *Engine, names []string, value string, want bool) {
	t.Helper()
	for _, n := range names {
		got := nameFinds(e, n, value)
		for _, f := range []string{"record", "json", "yaml", "env", "csv", "xml"} {
			if f == "xml" && strings.ContainsAny(n, " .") {
				continue
			}
			if got[f] != want {
				t.Errorf("%s %s=%q: found %v, want %v", f, n, value, got[f], want)
			}
		}
	}
}

const (
	fnHex      = "9be04c71d2a85f3e60c7b14a9d2e8f05"                 // 128 bits in hex
	fnHex192   = "e1c05a7f3b9d24e86f0a1c5b7d93e2f4a6c08b1d5e7f9a30" // 192 bits
	fnGen      = "Tq4vLr8XmZ2pW7kNc9Bs3HyD"                         // generated, mixed case
	fnTyped    = "Lichen4827+Ostrava"                               // a password as a policy asks for it
	fnOtherGen = "mW3xR8vQ2tL9pK4zN7cB5hJ1"
)

// TestCryptoQualifiedKeyNames: a key named for what it does in cryptography — a
// cipher's, encryption's, a MAC's, a JWT's, a private key's, written apart or glued
// ("AESKEY") — names a secret as plainly as api_key: hex is how such keys are written,
// and a passphrase stands there too. Owners of non-secret keys stay out.
func TestCryptoQualifiedKeyNames(t *testing.T) {
	e := Default()
	names := []string{"aes_key", "enc_key", "encKey", "AES_KEY", "AESKEY", "HMACKEY", "privKey", "jwt_key", "decryption_key", "wrapKey", "backup_aes_key"}
	for _, v := range []string{fnHex, fnHex192, fnGen, fnTyped} {
		checkNames(t, e, names, v, true)
	}
	checkNames(t, e, []string{"sort_key", "hotkey", "monkey", "aes_key_id", "enc_key_name"}, fnGen, false)
	// mid-name the words name a key's metadata, a constant or a cloud's resource
	checkNames(t, e, []string{"HMAC_KEY_HANDLE_TYPE", "wrapKeyFormat", "cryptoKeyVersion.algorithm"}, "Pkcs7Wrap2048Variant", false)
	for _, text := range []string{"const NCRYPT_DES_KEY_STRUCT = \"Ncrypt3DesKeyBlob2\"\n", "\tvar iKey Tsqlite9_uint64\n"} {
		e.Scan([]byte(text), func(m Match) { t.Errorf("%q: %s %q", text, m.Rule.ID, m.Value) })
	}
}

// TestLetterQualifiedKey: one letter before "key" ("x_key", "kKey") qualifies nothing,
// so the name is read as a bare key: generated values count; hex (a digest, an id) and
// hand-typed values do not — except a person's password in a store's record
// (personPassword: the name's other uses hold what programs write).
func TestLetterQualifiedKey(t *testing.T) {
	e := Default()
	names := []string{"x_key", "xKey", "K_KEY", "q-key"}
	checkNames(t, e, names, fnGen, true)
	checkNames(t, e, names, fnHex, false)
	for _, n := range names {
		got := nameFinds(e, n, fnTyped)
		for _, f := range []string{"record", "json", "yaml", "env", "csv", "xml"} {
			if got[f] != (f == "record") {
				t.Errorf("%s %s=%q: found %v, want %v", f, n, fnTyped, got[f], f == "record")
			}
		}
	}
	// nested, in a store's document
	found := false
	e.ScanRecord([]Field{{Path: "cfg", Value: `{"relay": {"x_key": "` + fnOtherGen + `"}}`}}, func(m FieldMatch) {
		found = found || m.Value == fnOtherGen
	})
	if !found {
		t.Errorf("relay.x_key in a document: not found")
	}
}

// TestNumberedNamesInText: a name ending in a number ("password2", "api_key3") is read
// without it in every structure and in code, as in a store's field. Short words keep
// theirs ("sha256", "key2": a bare key's test still applies; "pass1": a compiler's pass).
func TestNumberedNamesInText(t *testing.T) {
	e := Default()
	checkNames(t, e, []string{"password2", "smtpPassword3", "api_key2", "apikey1", "token1", "clientSecret2", "db_password2"}, fnTyped, true)
	checkNames(t, e, []string{"sha256", "md5"}, fnGen, false)
	// a size or an encoding's number is no series': "salt64" is a salt in base64
	checkNames(t, e, []string{"salt64", "nonce_key32"}, "Vq81+Lr0zXc5TmWp", false)
	checkNames(t, e, []string{"key2"}, fnHex, false)
	for _, c := range []struct {
		text string
		want bool
	}{
		{`password2 = "` + fnTyped + `"` + "\n", true},
		{`const relayToken2 = "` + fnGen + `"` + "\n", true},
		{`pass1 = "` + fnTyped + `"` + "\n", false},
	} {
		got := false
		e.Scan([]byte(c.text), func(m Match) { got = got || strings.Contains(c.text, `"`+m.Value+`"`) })
		if got != c.want {
			t.Errorf("%q: found %v, want %v", c.text, got, c.want)
		}
	}
}

// TestLexiconQualifiedNames: in other languages a key word or a token word with other
// meanings ("clave", "Schlüssel", "jeton", "鍵") names a credential beside a word for
// secret, private, access or encryption, in either order and with the language's
// connectors; glued scripts put the qualifier first ("暗号鍵", "액세스키"). Alone, or
// beside anything else, the word keeps the bare key's test.
func TestLexiconQualifiedNames(t *testing.T) {
	e := Default()
	names := []string{"clave_secreta", "chave_de_acesso", "clé_privée", "cle_secrete", "geheimer_schlüssel", "jeton_d_accès",
		"ключ_шифрования", "klucz_prywatny", "gizli_anahtar", "私钥", "暗号鍵", "액세스키", "conf.chiave_segreta"}
	checkNames(t, e, names, fnHex, true)
	checkNames(t, e, names, fnTyped, true)
	// bare or owned: hex is a digest or an id there (the record is the store's reading;
	// prose detection reads text on its own terms)
	for _, n := range []string{"clave", "clave_primaria", "cache_clave", "鍵"} {
		if nameFinds(e, n, fnHex)["record"] {
			t.Errorf("record %s=%q: found; an unqualified key word takes generated values only", n, fnHex)
		}
	}
}

// TestShortLexiconFieldNames: a field named by a lexicon word too short to be an anchor
// in text ("mdp", French for a password) is looked up whole.
func TestShortLexiconFieldNames(t *testing.T) {
	e := Default()
	checkNames(t, e, []string{"mdp"}, fnTyped, true)
	checkNames(t, e, []string{"mdp"}, "bonjour", false)
}

// TestXMLNamesInOtherScripts: XML names are letters of any script; the element's text
// is the value, without the markup around it.
func TestXMLNamesInOtherScripts(t *testing.T) {
	e := Default()
	for _, n := range []string{"密钥", "Пароль", "パスワード", "contraseña", "clé_secrète"} {
		doc := "<conf>\n  <" + n + ">" + fnTyped + "</" + n + ">\n</conf>\n"
		got := false
		ScanDocument(e, "xml", []byte(doc), func(m LineMatch) {
			if m.Value != fnTyped {
				t.Errorf("%s: reported %q, want the element's text", n, m.Value)
			}
			got = true
		})
		if !got {
			t.Errorf("%s: not found", n)
		}
	}
}

// TestPasswordRepresentationTail: a password's name followed by how it is written
// ("password_plain", "pwdCleartext") names the password; "password_hash" does not.
func TestPasswordRepresentationTail(t *testing.T) {
	e := Default()
	checkNames(t, e, []string{"password_plain", "pwdCleartext", "passwordRaw", "pswd"}, fnTyped, true)
	checkNames(t, e, []string{"password_hash", "password_policy"}, fnTyped, false)
}

// TestRecordSecAbbreviation: "<owner>_sec" is a client's or a signing secret in a
// store's field ("api_sec"), seconds elsewhere ("timeout_sec"); text is not read so.
func TestRecordSecAbbreviation(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		name string
		want bool
	}{{"api_sec", true}, {"clientSec", true}, {"timeout_sec", false}, {"sec", false}} {
		if got := nameFinds(e, c.name, fnGen); got["record"] != c.want || got["json"] {
			t.Errorf("%s: found %v, want record %v, json false", c.name, got, c.want)
		}
	}
}

// TestOtherScriptKeysInPlainText: in text with no structure (a log line, code) a key
// written in another script, or with letters past ASCII, is the whole run of letters
// ("секрет", "API密钥", "clé_secrète"), as an ASCII key is.
func TestOtherScriptKeysInPlainText(t *testing.T) {
	e := Default()
	for _, n := range []string{"секрет", "シークレット", "API密钥", "clé_secrète", "geheimer_schlüssel"} {
		for _, tmpl := range []string{`{"ts": 4, "%s": "%s"}`, `%s = "%s"`, `%s: %s`} {
			text := fmt.Sprintf(tmpl, n, fnGen) + "\n"
			got := false
			e.Scan([]byte(text), func(m Match) { got = got || m.Value == fnGen })
			if !got {
				t.Errorf("%q: not found", text)
			}
		}
	}
	// a word of prose around a key word is no key: "секретный" alone names nothing
	e.Scan([]byte("это секретный документ: "+fnGen+"\n"), func(m Match) {
		if m.Rule.ID == "generic-api-key" {
			t.Errorf("prose: %s %q", m.Rule.ID, m.Value)
		}
	})
}
