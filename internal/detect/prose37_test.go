package detect

import "testing"

// Password words of languages the lexicon lacked (Shona, Tatar and Chuvash's
// possessive of the loanword, Manding in N'Ko, Tamazight in Tifinagh, Samoan) and a
// name of several words written with hyphens (Breton), in messages written for this
// test; and the identity card's word in languages of Africa before a number whose
// check digits hold.
func TestProse37Words(t *testing.T) {
	e := Default()
	for _, c := range []held5Case{
		{`{"text": "Pasiwedhi yeWi-Fi: Mbira#2207kx"}`, "", "Mbira#2207kx"},
		{`{"text": "Роутер пароле: Kazan!5531qz"}`, "", "Kazan!5531qz"},
		{`{"text": "Компьютер паролĕ: Shupashkar77!"}`, "", "Shupashkar77!"},
		{`{"text": "ߜߎ߲߬ߘߏ߬ ߞߎߡߊ: Bamako#8812"}`, "", "Bamako#8812"},
		{`{"text": "ⴰⵡⴰⵍ ⵏ ⵓⵣⵔⴰⵢ: Tiznit_2291!"}`, "", "Tiznit_2291!"},
		{`{"text": "Upu faʻalilolilo: Apia2291xq!"}`, "", "Apia2291xq!"},
		{`{"text": "Ger-tremen an urzhiataer: Kemper#77120"}`, "", "Kemper#77120"},
		{`{"text": "Namba ya kitambulisho: 85.07.30-123.35"}`, "national-id", "85.07.30-123.35"},
		{"Nhamba yechitupa changu: 1850730123457\n", "national-id", "1850730123457"},
	} {
		ok := false
		for _, m := range scanAll(e, c.in) {
			ok = ok || m.Value == c.value && (m.Rule.ID == c.rule || c.rule == "" && (m.Rule.ID == "password-assignment" || m.Rule.ID == "password-in-prose"))
		}
		if !ok {
			t.Errorf("%q: want %s %q, got %s", c.in, c.rule, c.value, describe(scanAll(e, c.in)))
		}
	}
}

// A passport's number after the word for a passport in other languages, and a card's
// number after a label in Breton, Shona or Tifinagh in a message column; and what is not
// read: no colon, a number no passport book prints, a word the passport word starts.
func TestProse37PassportCard(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"text": "Número de pasaporte: XK4410927"}`, "passport-number", "XK4410927"},
		{`{"text": "Паспорт номерĕ: TK7720415"}`, "passport-number", "TK7720415"},
		{`{"text": "Niverenn ma zremenyezh, mar plij: RB0093127"}`, "passport-number", "RB0093127"},
		{"ticket,message\n7,\"Reisepassnummer bitte notieren: C4R7KZ91X\"\n", "passport-number", "C4R7KZ91X"},
		{"id,message\n1,\"ⵜⴰⴽⴰⵕⴹⴰ: 4539578763621486\"\n", "credit-card", "4539578763621486"},
		{"id,message\n1,\"Kadhi yangu: 4539578763621486\"\n", "credit-card", "4539578763621486"},
	})
	held5Quiet(t, []string{
		`{"text": "Паспорт номерĕ TK7720415"}`,
		`{"text": "Número de pasaporte: 12"}`,
		`{"text": "pasaporte: ver-2024-11"}`,
		`{"text": "Pasaportes expedidos: 1500000"}`,
	}, "passport-number")
}

// A value that ends its sentence at the end of a quoted CSV cell with more cells after
// it, and Samoan's copula "o" after Samoan's word; "o" after a word of another
// language is no copula ("or" in Spanish, Portuguese, Italian).
func TestProse37ClauseEnd(t *testing.T) {
	held5Want(t, []held5Case{
		{"7,room 12,\"Talofa! O le upu faʻalilolilo fou o Vaitele88Qx.\",4\n", "password-in-prose", "Vaitele88Qx."},
		{"7,room 12,\"Mālō. Ko e lea fufū foʻou ko Kolofoou41Mz.\",4\n", "password-in-prose", "Kolofoou41Mz."},
	})
	held5Quiet(t, []string{
		"7,room 12,\"la contraseña nueva o Vaitele88Qx\",4\n",
		"O le upu faʻalilolilo fou o le mea lea.\n",
	}, "password-in-prose")
}

// A card's number after a label in a script the card words do not read (Tibetan,
// Ethiopic) is judged as in text; a key in Latin letters that names something else
// still says no.
func TestProse37CardUnreadLabel(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"Content": "ལག་ཁྱེར་ཨང་གྲངས: 4539578763621486", "n": 2}` + "\n", "credit-card", "4539578763621486"},
		{"id,message\n1,\"የክፍያ ቁጥር: 4539578763621486\"\n", "credit-card", "4539578763621486"},
	})
	held5Quiet(t, []string{
		`{"order_id": "4539578763621486"}` + "\n",
		"id,message\n1,\"trace: 4539578763621486\"\n",
		`{"Content": "ལག་ཁྱེར་ཨང་གྲངས: 4539578763621487"}` + "\n",
	}, "credit-card")
}
