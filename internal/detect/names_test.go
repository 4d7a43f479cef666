package detect

import (
	"strings"
	"testing"
)

// TestLexiconFieldNames checks that field names in other languages' words — native
// script and ASCII spelling, snake_case, camelCase, with prefixes, suffixes and numbers
// — bring their values to the password and secret rules (storeeval: "kata_sandi",
// "mat_khau", "chave_api", "токен", "비밀번호" were missed).
func TestLexiconFieldNames(t *testing.T) {
	e := Default()
	tok := "Qm7vT2xLp9RkW4nZc8YhJ3sFd6GbV1aE"
	for _, c := range []struct{ path, value, rule string }{
		{"kata_sandi", "Merpati#5520k", "password-assignment"},
		{"kataSandi", "Merpati#5520k", "password-assignment"},
		{"user.kata-sandi", "Merpati#5520k", "password-assignment"},
		{"mat_khau", "Hoabinh!7731", "password-assignment"},
		{"MAT_KHAU_DB", "Hoabinh!7731", "none"}, // (a qualifier after the word is not read)
		{"mot_de_passe", "Brioche%4410", "password-assignment"},
		{"db_parol", "Zvezda_8830q", "password-assignment"},
		{"Пароль", "Zvezda_8830q", "password-assignment"},
		{"salasana2", "Revontuli*62", "password-assignment"},
		{"lozinkaValue", "Jadran+2290x", "password-assignment"},
		{"비밀번호", "Hangang&4471", "password-assignment"},
		{"パスワード", "Sakura=9182z", "password-assignment"},
		{"数据库密码", "Changjiang@55", "password-assignment"},
		{"contraseña_db", "Nublado?3318", "password-assignment"}, // (its scope after the word: scopedPasswordKey)
		{"токен", tok, "generic-api-key"},
		{"Токен", tok, "generic-api-key"},
		{"chave_api", tok, "generic-api-key"},
		{"clave_de_api", tok, "generic-api-key"},
		{"api_schluessel", tok, "generic-api-key"},
		{"apiSchluessel", tok, "generic-api-key"},
		{"APIキー", tok, "generic-api-key"},
		{"api密钥", tok, "generic-api-key"},
		{"klucz_api", tok, "generic-api-key"},
		{"geheimnis", tok, "generic-api-key"},
		{"rahasia", tok, "generic-api-key"},
		{"segredo_value", tok, "generic-api-key"},
		// a key word alone: the bare key's test, which a random value passes
		{"chiave", tok, "generic-api-key"},
	} {
		got := map[string]bool{}
		e.ScanRecord([]Field{{Path: "id", Value: "17"}, {Path: c.path, Value: c.value}}, func(m FieldMatch) {
			if m.Rule.Category == "secret" && m.Value == c.value {
				got[m.Rule.ID] = true
			}
		})
		if c.rule == "none" {
			if len(got) > 0 {
				t.Errorf("%s=%q: unexpected %v", c.path, c.value, got)
			}
			continue
		}
		if !got[c.rule] {
			t.Errorf("%s=%q: want %s, got %v", c.path, c.value, c.rule, got)
		}
	}
}

// TestLexiconAmbiguousNames checks the words with other meanings: a key word alone or
// of an unnamed owner, "parola" (Italian "word"), "jeton" (a game chip) keep values that
// are no secret quiet.
func TestLexiconAmbiguousNames(t *testing.T) {
	e := Default()
	for _, c := range []struct{ path, value string }{
		{"parola", "arcobaleno"},
		{"parola", "capitolo12"},
		{"parola", "casa2024"},
		{"parola", "buona_notte"},
		{"parola", "Capitolo-12"},
		{"clave", "MX-PEDIDO-2024-0001-A"},
		{"clave", "ES-PRD-00417"},
		{"clave", "9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c"}, // a digest
		{"chiave", "ordine:2291:riga"},
		{"cache_clave", "Qm7vT2xLp9RkW4nZc8YhJ3sFd6GbV1aE"},
		{"clave_primaria", "Qm7vT2xLp9RkW4nZc8YhJ3sFd6GbV1aE"},
		{"jeton", "partie-7"},
		{"anahtar", "ZmFrZSBkYXRhIGZvciB0ZXN0aW5n"}, // base64 of text
		{"キー", "Enter"},
		{"nyckel", "sv-SE.meny.spara"},
	} {
		e.ScanRecord([]Field{{Path: c.path, Value: c.value}}, func(m FieldMatch) {
			if m.Rule.Category == "secret" {
				t.Errorf("%s=%q: unexpected %s %q", c.path, c.value, m.Rule.ID, m.Value)
			}
		})
	}
	// …while a password-shaped value under "parola" is still one
	found := false
	for _, v := range []string{"Fenice#2291x", "Lupo77!"} {
		found = false
		e.ScanRecord([]Field{{Path: "parola", Value: v}}, func(m FieldMatch) {
			found = found || m.Rule.ID == "password-assignment"
		})
		if !found {
			t.Errorf("parola=%s: want password-assignment", v)
		}
	}
}

// TestLexiconHoldsProseWords checks that the names natDet reads in prose are words of
// the lexicon (or a stem of one): one vocabulary for prose and for field names.
func TestLexiconHoldsProseWords(t *testing.T) {
	var all []string
	langs := map[string]bool{}
	for _, l := range lexicon {
		langs[l.lang] = true
		for _, g := range []string{l.password, l.secret, l.key} {
			for _, w := range strings.Split(g, "|") {
				if w != "" {
					all = append(all, lexFold(strings.TrimPrefix(w, "~")))
				}
			}
		}
	}
	if len(langs) < 40 {
		t.Errorf("lexicon has %d languages, want at least 40", len(langs))
	}
	for _, w := range natWords {
		f := lexFold(w)
		ok := false
		for _, a := range all {
			if strings.HasPrefix(a, f) || f == "apiキー" && a == "キー" {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("prose word %q is not in the lexicon", w)
		}
	}
}

// TestLexiconTextKeys checks the same names as keys in text: an .env file, a
// properties line, a YAML map.
func TestLexiconTextKeys(t *testing.T) {
	e := Default()
	for _, c := range []struct{ line, value string }{
		{"MAT_KHAU=Hoabinh!7731\n", "Hoabinh!7731"},
		{"chave_api=Qm7vT2xLp9RkW4nZc8YhJ3sFd6GbV1aE\n", "Qm7vT2xLp9RkW4nZc8YhJ3sFd6GbV1aE"},
		{"db:\n  kataSandi: \"Merpati#5520k\"\n", "Merpati#5520k"},
		{"mot_de_passe = Brioche#4410\n", "Brioche#4410"},
	} {
		found := false
		e.Scan([]byte(c.line), func(m Match) {
			found = found || m.Rule.Category == "secret" && m.Value == c.value
		})
		if !found {
			t.Errorf("%q: want %q found", c.line, c.value)
		}
	}
}

// TestLexiconLongestName: a name of several words is read as the longest word of the
// lexicon it ends with — "kata_sandi" is a password, not the ambiguous "sandi" — so a
// generated value under it is a password, while "sandi" alone still asks for one that
// reads as a password.
func TestLexiconLongestName(t *testing.T) {
	e := Default()
	hexPw := "5d0b7e2a9c4f1e8d3a6b0c5f2e9d7a4b1c8e3f6a0d5b2c9e"
	found := func(path string) bool {
		ok := false
		e.ScanRecord([]Field{{Path: "id", Value: "3"}, {Path: path, Value: hexPw}}, func(m FieldMatch) {
			ok = ok || m.Value == hexPw && m.Rule.Category == "secret"
		})
		return ok
	}
	for _, p := range []string{"kata_sandi", "kataSandi", "user.kata-sandi"} {
		if !found(p) {
			t.Errorf("%s: the generated password was not found", p)
		}
	}
	if found("sandi") {
		t.Errorf("sandi: hex under the ambiguous word alone taken for a password")
	}
}

// TestLexiconFormParameter: a name of the lexicon as a parameter of a query or a form
// body in text has its value decoded as the form's ('+' a blank, %XX a byte).
func TestLexiconFormParameter(t *testing.T) {
	e := Default()
	for _, line := range []string{
		"POST /session body=lang=de&kennwort=Eisvogel+7702+Bach%3F&remember=1\n",
		"GET /auth?benutzer=ute&kennwort=Eisvogel+7702+Bach%3F HTTP/1.1\n",
	} {
		var got []string
		e.Scan([]byte(line), func(m Match) {
			if m.Rule.Category == "secret" {
				got = append(got, m.Value)
			}
		})
		if len(got) != 1 || got[0] != "Eisvogel 7702 Bach?" {
			t.Errorf("%q: got %q, want the decoded password only", line, got)
		}
	}
}
