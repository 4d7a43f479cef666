package detect

import "testing"

// Card numbers after a label in another language: the key read before the number
// ("numurs", "raqami", the "s" after a JSON-escaped "ë") is not the card word, the word
// before it is.
func TestCardLabelsInLanguages(t *testing.T) {
	held5Want(t, []held5Case{
		{"Kartes numurs: 371210785054210", "credit-card", "371210785054210"},
		{"Karta raqami: 4654252949449928", "credit-card", "4654252949449928"},
		{`{"plain_body":"Numri i kart\u00ebs: 5481841516747650"}`, "credit-card", "5481841516747650"},
		{`{"description":"Kortel\u0117s numeris: 5457413719472856"}`, "credit-card", "5457413719472856"},
		{`{"description":"Kaardi number: 349203753007889"}`, "credit-card", "349203753007889"},
		{`<sms body="Kaardnummer 4784625714911268" />`, "credit-card", "4784625714911268"},
		{"Αριθμός κάρτας: 4654252949449928", "credit-card", "4654252949449928"},
	})
	held5Quiet(t, []string{
		"Kartes numurs: 371210785054211", // Luhn fails
		"Order numurs: 371210785054210",  // no card word: a 15-digit id
		"Karta raqami: 4654252949449929",
	}, "credit-card")
}

// A phone number in its national format after a word that names a phone, with no key
// separator between them.
func TestPhoneAfterWordInProse(t *testing.T) {
	held5Want(t, []held5Case{
		{"担当：田中、電話 090-8237-4131", "phone-number", "090-8237-4131"},
		{"Tel. 030 1234567", "phone-number", "030 1234567"},
		{"Tel # 0151 2345678", "phone-number", "0151 2345678"},
		{"Telefon 0151 2345678 heute", "phone-number", "0151 2345678"},
		{"телефон 8 (912) 345-67-89", "phone-number", "8 (912) 345-67-89"},
		{"puh. 040 123 4567", "phone-number", "040 123 4567"},
		{"Tlf. 040 123 4567", "phone-number", "040 123 4567"},
		{"GSM 0470 12 34 56", "phone-number", "0470 12 34 56"},
		{"Téléphone 01 42 68 53 00", "phone-number", "01 42 68 53 00"},
		{"Telefoon 020-1234567", "phone-number", "020-1234567"},
		{"móvil 0612 345 678", "phone-number", "0612 345 678"},
	})
	held5Quiet(t, []string{
		"hotel 0301234567",        // "tel" inside a word
		"Tel. 12345",              // too short
		"phone 2026-01-05",        // a date
		"Telefon 0151 2345678abc", // runs into a word
		"telemetry 030 1234567",   // not a phone word
		"cell 0 1 2 3 4 5 6",      // a row of single digits
		"GSM 03.38",               // a standard's number
		"telegram 030 1234567",
		"電話 1234567890123456789012", // too long
	}, "phone-number")
}

// An address whose '@' is a string literal's escape outside JSON.
func TestEmailEscapedAt(t *testing.T) {
	held5Want(t, []held5Case{
		{`var s = "jo.smith\u0040gmail.com";`, "email", "jo.smith@gmail.com"},
		{`$to = "ana\x40firma.de";`, "email", "ana@firma.de"},
	})
	held5Quiet(t, []string{
		`x\u0040y`,                 // no domain
		`"noreply\u0040gmail.com"`, // a role mailbox
		`printf("\x40foo.com")`,    // no local part
	}, "email")
}
