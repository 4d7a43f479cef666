package detect

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Words the lexicon took from the translators of free software (tools/lexharvest):
// new languages (Danish's "kodeord", Low German, Interlingua, Breton, Tagalog, Northern
// Sami, Abkhaz, Assamese), variant spellings (Hebrew's "ססמה", Persian with its
// zero-width non-joiner, Arabic without the article), passphrase words, and the
// inflected forms of lexInflections, in the syntaxes the readers already read. Every
// value is written for the test.
func TestLexiconHarvestedWords(t *testing.T) {
	held5Want(t, []held5Case{
		// key=value and "word: value"
		{"kodeord=Fjordhest#4471", "password-assignment", "Fjordhest#4471"},
		{"passwoort = Elbdeich#2290", "password-assignment", "Elbdeich#2290"},
		{"contrasigno: Tiberis#3381", "password-assignment", "Tiberis#3381"},
		{"kontrasenyas: Bulkan#5520", "password-assignment", "Bulkan#5520"},
		{"ססמה: Negev#4410x", "password-assignment", "Negev#4410x"},
		{"گذر\u200cواژه: Zagros#7731", "password-assignment", "Zagros#7731"},
		{"lösenfras: Vättern#6620", "password-assignment", "Vättern#6620"},
		{"পাছৱৰ্ড: Brahma#3390", "password-assignment", "Brahma#3390"},
		// inflected: the definite article, a possessive, a prompt's accusative
		{"Lösenordet: Siljan#8812", "password-assignment", "Siljan#8812"},
		{"salasanasi: Saimaa#2281", "password-assignment", "Saimaa#2281"},
		{"Unesite lozinku: Drina#7734", "password-assignment", "Drina#7734"},
		{"Паролата: Витоша#5521x", "password-assignment", "Витоша#5521x"},
		{"şifreniz: Erciyes#4490", "password-assignment", "Erciyes#4490"},
		// a field name of JSON, XML, a record
		{`{"user": "ole", "kodeord": "Limfjord#6631"}`, "password-assignment", "Limfjord#6631"},
		{"<contrasigno>Arno#7782x</contrasigno>", "password-assignment", "Arno#7782x"},
		{`{"tremenger": "Brest#3319k"}`, "password-assignment", "Brest#3319k"},
		// prose: the word, its qualifiers, a copula or a mark, the value
		{"הססמה לשרת היא Kinneret#5510", "password-in-prose", "Kinneret#5510"},
		{"ססמה חדשה: Carmel#2207", "password-in-prose", "Carmel#2207"},
		{"mit kodeord til routeren er Odense#4471", "password-in-prose", "Odense#4471"},
		{"o contrasigno del servitor es Ticino#8830", "password-in-prose", "Ticino#8830"},
		// secrets: a token or key word
		{"金鑰: r7WqT2nZx8KbV4mLp9HsJ3dK", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dK"},
		{"API金鑰=r7WqT2nZx8KbV4mLp9HsJ3dL", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dL"},
		{"anmeldeinformationen: r7WqT2nZx8KbV4mLp9HsJ3dM", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dM"},
		{"kredensial = r7WqT2nZx8KbV4mLp9HsJ3dN", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dN"},
		// a key word and the qualifier the translators put beside it (private, secret,
		// encryption, pre-shared), in either order
		{"ιδιωτικό_κλειδί: r7WqT2nZx8KbV4mLp9HsJ3dP", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dP"},
		{"מפתח_פרטי=r7WqT2nZx8KbV4mLp9HsJ3dQ", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dQ"},
		{"privatni_ključ: r7WqT2nZx8KbV4mLp9HsJ3dR", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dR"},
		{"निजी_कुंजी = r7WqT2nZx8KbV4mLp9HsJ3dS", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dS"},
		{"clave_precompartida: r7WqT2nZx8KbV4mLp9HsJ3dT", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dT"},
	})
	// an ambiguous word's value that is no password ("jelmondat" and "tunnuslause" are
	// also a motto, "senhal" a signal, "žeton" a game chip, "ئىم" a short word), and
	// the words in prose without a value
	held5Quiet(t, []string{
		"jelmondat: Egységben az erő",
		"tunnuslause: Yhdessä eteenpäin",
		"senhal: verd",
		"žeton: partija-7",
		"kodeord er forkert, prøv igen",
		"הססמה שגויה",
		"Unesite lozinku ponovo",
		// a key word without a qualifier, or with a word that is none
		"ključ: Garaza_Vrata_2",
		"מפתח_ראשי=order-2291",
	}, "password-in-prose", "password-assignment", "generic-api-key", "generic-secret")
}

// TestLexiconInflections: a language's rules make the forms the translators write, and
// never change the reading of a word of its own (Serbian "sifra" → "sifre" is Turkish's
// password, trusted alone).
func TestLexiconInflections(t *testing.T) {
	w := lexTable().words
	for _, f := range []string{"lösenordet", "passordet", "adgangskoden", "salasanasi", "parooli", "şifreniz",
		"паролата", "lozinku", "лозинку", "slaptažodį", "fjalëkalimin", "գաղտնաբառը", "pasvorton", "הסיסמה",
		"סיסמת", "парольді", "ئىمى", "وشەینهێنییەکەم"} {
		if got, ok := w[lexFold(f)]; !ok || got.kind != lexPassword {
			t.Errorf("%s: not read as a password word (%v)", f, got)
		}
	}
	if got := w["sifre"]; got.ambiguous {
		t.Errorf("sifre (Turkish) read as ambiguous through Serbian's inflection")
	}
	if got := w["parolam"]; !got.ambiguous {
		t.Errorf("parolam: the form of an ambiguous word must stay ambiguous")
	}
	if _, ok := w[lexFold("המילת_צופן")]; ok {
		t.Errorf("a prefix given to a name of two words")
	}
}

// TestLexiconInvariants checks every word of the lexicon against lexicon.go's rules: no
// blank inside a word (the separator is '_'), lower case (the lookup form folds), '~'
// only as a mark in front, no word twice in one language, a word of one language read
// as it is written (an ambiguous mark not lost to another language but where both say
// so), and every anchor of four bytes or more.
func TestLexiconInvariants(t *testing.T) {
	tab := lexTable()
	for _, l := range lexicon {
		seen := map[string]bool{}
		for _, g := range []string{l.password, l.secret, l.key} {
			if g == "" {
				continue
			}
			for _, w := range strings.Split(g, "|") {
				bare := strings.TrimPrefix(w, "~")
				switch {
				case bare == "" || strings.Contains(bare, "~"):
					t.Errorf("%s: %q: empty, or '~' inside", l.lang, w)
				case strings.ContainsAny(bare, " \t"):
					t.Errorf("%s: %q: a blank (words are joined by '_')", l.lang, w)
				case strings.ToLower(bare) != bare:
					t.Errorf("%s: %q: not lower case", l.lang, w)
				case !utf8.ValidString(bare):
					t.Errorf("%s: %q: not UTF-8", l.lang, w)
				case seen[bare]:
					t.Errorf("%s: %q twice", l.lang, w)
				}
				seen[bare] = true
				if l.lang == "English" {
					continue
				}
				got, ok := tab.words[lexFold(bare)]
				if !ok {
					t.Errorf("%s: %q not in the table", l.lang, w)
					continue
				}
				if !strings.HasPrefix(w, "~") && got.ambiguous && !ambiguousElsewhere(bare) {
					t.Errorf("%s: %q read as ambiguous", l.lang, w)
				}
			}
		}
	}
	for _, a := range append(append([]string{}, tab.pwAnchors...), tab.secretAnchors...) {
		if len(a) < 4 {
			t.Errorf("anchor %q: under four bytes", a)
		}
	}
	for lang := range lexInflections {
		found := false
		for _, l := range lexicon {
			found = found || l.lang == lang
		}
		if !found {
			t.Errorf("lexInflections: no language %q", lang)
		}
	}
}

// ambiguousElsewhere reports a word some language marks '~'.
func ambiguousElsewhere(w string) bool {
	for _, l := range lexicon {
		for _, g := range []string{l.password, l.secret, l.key} {
			for _, x := range strings.Split(g, "|") {
				if x == "~"+w || strings.HasPrefix(x, "~") && lexFold(x[1:]) == lexFold(w) {
					return true
				}
			}
		}
	}
	return false
}
