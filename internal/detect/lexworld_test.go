package detect

import "testing"

// Password words of languages the lexicon lacked (issue 11), one or more a script
// family: Gurmukhi, Gujarati, Bengali (its "ya" precomposed), Telugu and Kannada with
// the zero-width non-joiner inside the word, Malayalam, Sinhala, Thai's loanword, Lao
// and Burmese (written without spaces), Khmer's PIN word, Ethiopic, Arabic script
// (Urdu, Persian), Cyrillic (Kyrgyz), Latin (Hausa, Somali, Zulu, Luxembourgish,
// Kurdish, European Portuguese). Every string is written for the test.
func TestLexiconWorldPasswords(t *testing.T) {
	held5Want(t, []held5Case{
		{"ਸਰਵਰ ਦਾ ਨਵਾਂ ਪਾਸਵਰਡ Kesar#7720 ਹੈ", "password-in-prose", "Kesar#7720"},
		{"રાઉટરનો પાસવર્ડ છે Mango@5581", "password-in-prose", "Mango@5581"},
		{"অফিসের \u09aa\u09be\u09b8\u0993\u09df\u09be\u09b0\u09cd\u09a1 হল Jamun*3318", "password-in-prose", "Jamun*3318"},
		{"body=\"వైఫై పాస్\u200cవర్డ్: Tamarind^4402\"", "password-assignment", "Tamarind^4402"},
		{"ಕಚೇರಿ ವೈಫೈ ಪಾಸ್\u200cವರ್ಡ್: Neem!8831", "password-assignment", "Neem!8831"},
		{"വൈഫൈ പാസ്\u200cവേഡ് Kappa#2290 ആണ്", "password-in-prose", "Kappa#2290"},
		{"අලුත් මුරපදය Lotus%6612", "password-in-prose", "Lotus%6612"},
		{"พาสเวิร์ดคือ Durian$8840", "password-in-prose", "Durian$8840"},
		{"ວາຍຟາຍລະຫັດຜ່ານແມ່ນ Mekong#5530", "password-in-prose", "Mekong#5530"},
		{"ဝိုင်ဖိုင်စကားဝှက် Ayeyar7#119", "password-in-prose", "Ayeyar7#119"},
		{"កាត លេខសម្ងាត់គឺ Angkor&4471", "password-in-prose", "Angkor&4471"},
		{"የዋይፋይ የይለፍ ቃል Abeba#9921 ነው", "password-in-prose", "Abeba#9921"},
		{"وائی فائی کا پاسورڈ Lahore#5512 ہے", "password-in-prose", "Lahore#5512"},
		{"این کلمه عبور Tabriz#6610 است", "password-in-prose", "Tabriz#6610"},
		{"Сырсөз: Bishkek#3320", "password-assignment", "Bishkek#3320"},
		{"kalmar sirri ta wifi ita ce Kano#4418", "password-in-prose", "Kano#4418"},
		{"erayga sirta wifi-ga waa Hargeisa#22", "password-in-prose", "Hargeisa#22"},
		{"iphasiwedi: Durban#7781", "password-assignment", "Durban#7781"},
		{"D'Passwuert fir de Server ass Mosel#7712", "password-in-prose", "Mosel#7712"},
		{"şîfreya wifi-yê ev e: Erbil#3391", "password-in-prose", "Erbil#3391"},
		{"a palavra-passe do router é Sintra#4410", "password-in-prose", "Sintra#4410"},
	})
	// the same words in prose without a value, and the ambiguous key words ("furaha",
	// Somali for key; "ukhiye", Zulu) naming a physical key
	held5Quiet(t, []string{
		"ਪਾਸਵਰਡ ਭੁੱਲ ਗਏ ਹੋ? ਇੱਥੇ ਕਲਿੱਕ ਕਰੋ",
		"ಪಾಸ್\u200cವರ್ಡ್ ಬದಲಾಯಿಸಿ",
		"ລະຫັດຜ່ານບໍ່ຖືກຕ້ອງ",
		"iphasiwedi yakho ayilungile",
		"erayga sirta waa khalad",
		"D'Passwuert ass ze kuerz",
		"furaha gaariga waa kan",
		"ukhiye wemoto usetafuleni",
	}, "password-in-prose", "password-assignment", "generic-api-key", "generic-secret")
}

// Token words of the new languages name a key whose random value is a secret (Kannada,
// Lao, Ethiopic, Sinhala); a key word alone ("furaha", "ಕೀಲಿ") still asks its value to
// look random.
func TestLexiconWorldTokens(t *testing.T) {
	held5Want(t, []held5Case{
		{"ಟೋಕನ್: r7WqT2nZx8KbV4mLp9HsJ3dC", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dC"},
		{"ໂທເຄັນ: r7WqT2nZx8KbV4mLp9HsJ3dD", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dD"},
		{"ቶከን = r7WqT2nZx8KbV4mLp9HsJ3dE", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dE"},
		{"ටෝකනය: r7WqT2nZx8KbV4mLp9HsJ3dF", "generic-api-key", "r7WqT2nZx8KbV4mLp9HsJ3dF"},
	})
	held5Quiet(t, []string{
		"furaha: Toyota2019",
		"ಕೀಲಿ: Garage_Door_2",
		"ໂທເຄັນ: ບໍ່ມີ",
	}, "generic-api-key", "generic-secret", "password-assignment")
}
