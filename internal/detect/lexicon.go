package detect

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The credential lexicon: the words for password, secret, token, key and credentials in
// many languages, in their own script and in the ASCII spelling programmers fold them to
// ("contraseña" and "contrasena", "mật khẩu" and "mat_khau", "пароль" and "parol").
// Field and key names are read against it (lexKind: "kata_sandi", "chave_api",
// "dbParol", "токен", "API密钥", "비밀번호2") and natDet's prose names are a subset of
// it (TestLexiconHoldsProseWords), so one vocabulary serves both.
//
// A word with another common meaning in some language is marked '~' and gets the
// value checks English "key" gets (secretAssign's bare-key test for secrets and keys,
// lexAmbiguousPassword for passwords):
//   - "key" words (clave, chave, chiave, clé, schlüssel, sleutel, klucz, ключ, anahtar,
//     kunci, khóa, キー, 키…) name a lookup, a cache or a map key as often as a secret;
//     before or after "api" ("chave_api", "api_schluessel", "APIキー") they name an
//     API key and are trusted like api_key.
//   - "parola" is Italian for "word", "parole" French for "speech", "sandi" Indonesian
//     for "code", "mdp" and "mima" are short letter runs, "şifre" also means "cipher",
//     "암호" "cipher", "jeton" a game chip, "geheim" and "gizli" adjectives ("hidden").
//
// Words shorter than four bytes are never anchors (they would wake the key rules on
// every "cle" in "article"); they count only where a longer anchor brought the key in
// ("cle_api" through "api").

type lexKindT uint8

const (
	lexNone lexKindT = iota
	lexPassword
	lexSecret // secret, token, credentials
	lexKey    // key: alone ambiguous, with "api" an API key
)

// lexLang is one language's words; '|' separates them, '_' separates the words of a
// name, '~' marks a word with another common meaning.
type lexLang struct {
	lang                  string
	password, secret, key string
}

var lexicon = []lexLang{
	{"English", "password|passwd|passphrase|passcode", "secret|token|credentials|credential", "key"},
	{"Chinese (Simplified)", "密码|口令|~mima", "密钥|秘钥|私钥|令牌|凭证|凭据|秘密|密匙", "~钥匙"},
	{"Chinese (Traditional)", "密碼|口令|~密語", "密鑰|私鑰|令牌|憑證|憑據|金鑰|密匙|密碼匙", "~鑰匙"},
	{"Japanese", "パスワード|暗証番号|pasuwado|pasuwaado|パスフレーズ", "秘密鍵|トークン|シークレット|認証情報|toukun", "~キー|~鍵"},
	{"Korean", "비밀번호|패스워드|~암호|bimilbeonho|bimil_beonho", "토큰|비밀키|자격증명|~비밀", "~키"},
	{"Russian", "пароль|parol", "токен|секрет|sekret|учетные_данные|учётные_данные", "~ключ|~klyuch"},
	{"Ukrainian", "пароль|parol", "токен|секрет|облікові_дані", "~ключ"},
	{"Belarusian", "пароль", "токен|сакрэт", "~ключ"},
	{"Bulgarian", "~парола|~parola", "токен|тайна|~жетон", "~ключ"},
	{"Serbian", "лозинка|lozinka|~šifra|~sifra", "токен|тајна|акредитиви|akreditivi", "~кључ|~ključ|~kljuc"},
	{"Macedonian", "лозинка", "токен", "~клуч"},
	{"Croatian and Bosnian", "lozinka|zaporka", "~tajna", "~ključ|~kljuc"},
	{"Slovene", "geslo", "skrivnost|poverila|~žeton|~zeton", "~ključ|~kljuc"},
	{"Polish", "hasło|haslo", "sekret|dane_logowania|poświadczenia|poswiadczenia", "~klucz"},
	{"Czech", "heslo", "tajemství|tajemstvi|přihlašovací_údaje|prihlasovaci_udaje", "~klíč|~klic"},
	{"Slovak", "heslo", "tajomstvo|prihlasovacie_údaje|prihlasovacie_udaje|~žetón|~zeton", "~kľúč|~kluc"},
	{"German", "passwort|kennwort", "geheimnis|~geheim|zugangsdaten|anmeldedaten|anmeldeinformationen", "~schlüssel|~schluessel|~schlussel"},
	{"Dutch", "wachtwoord", "~geheim|inloggegevens|privésleutel|privesleutel|encryptiesleutel", "~sleutel"},
	{"Afrikaans", "wagwoord", "~geheim|privaatsleutel", "~sleutel"},
	{"Swedish", "lösenord|losenord|lösenfras|losenfras", "hemlighet|inloggningsuppgifter|inloggningsinformation|krypteringsnyckel", "~nyckel"},
	{"Norwegian", "passord|passordfrase", "hemmelighet|påloggingsinformasjon|paloggingsinformasjon|privatnøkkel|privatnokkel|krypteringsnøkkel|krypteringsnokkel", "~nøkkel|~nokkel"},
	{"Danish", "adgangskode|kodeord|adgangsfrase", "hemmelighed|akkreditiver|krypteringsnøgle|krypteringsnogle", "~nøgle|~nogle"},
	{"Icelandic", "lykilorð|lykilord|lykilsetning", "leyndarmál|einkalykill", "~lykill"},
	{"Finnish", "salasana|~tunnuslause", "salaisuus|tunnukset|salausavain|~poletti", "~avain"},
	{"Estonian", "parool|salasõna|salasona", "saladus|privaatvõti|privaatvoti", "~võti|~voti"},
	{"Hungarian", "jelszó|jelszo|jelszava|jelszót|jelszot|jelszavát|jelszavat|jelszavam|jelszavad|~jelmondat", "~titok", "~kulcs"},
	{"French", "mot_de_passe|motdepasse|~mdp|phrase_de_passe|phrase_secrète|phrase_secrete", "~jeton|identifiants_de_connexion", "~clé|~cle"},
	{"Spanish", "contraseña|contrasena", "secreto|credenciales", "~clave|~llave"},
	{"Portuguese", "senha|palavra-passe|palavra_passe", "segredo|credenciais|frase_secreta", "~chave"},
	{"Galician", "contrasinal", "segredo", "~chave"},
	{"Italian", "parola_d'ordine|parola_dordine", "segreto|credenziali|~gettone", "~chiave"},
	{"Romanian", "~parolă|~parola", "acreditări|acreditari|frază_secretă|fraza_secreta", "~cheie"},
	{"Catalan", "contrasenya", "credencials", "~clau"},
	{"Basque", "pasahitza|pasahitz|pasaesaldia", "sekretua|kredentzialak|tokena", "~gakoa"},
	{"Turkish", "şifre|sifre|şifresi|sifresi|~parola|parolası|parolasi", "~gizli", "~anahtar|~anahtarı|~anahtari"},
	{"Azerbaijani", "şifrə|sifre", "~gizli", "~açar|~açarı|~acari"},
	{"Indonesian", "kata_sandi|katasandi|~sandi|frasa_sandi", "rahasia|kredensial", "~kunci"},
	{"Malay", "kata_laluan|katalaluan|frasa_laluan", "rahsia", "~kunci"},
	{"Vietnamese", "mật_khẩu|mat_khau|matkhau", "bí_mật|bi_mat", "~khóa|~khoa"},
	{"Filipino", "kontrasenyas|kontrasenya", "lihim", "~susi"},
	{"Hindi", "पासवर्ड|कूटशब्द|शब्दकूट", "टोकन|गुप्त|टोकेन", "~कुंजी"},
	{"Marathi and Nepali", "संकेतशब्द|गुप्तशब्द|गोप्यशब्द", "गुपित|गोप्य", "~किल्ली|~कुञ्जी|~कुञ्जि"},
	{"Punjabi (Gurmukhi)", "ਪਾਸਵਰਡ|ਗੁਪਤ_ਸ਼ਬਦ", "ਟੋਕਨ", "~ਕੁੰਜੀ"},
	{"Gujarati", "પાસવર્ડ", "ટોકન", "~ચાવી"},
	{"Oriya", "ପାସୱାର୍ଡ|ପାସୱର୍ଡ", "ଟୋକେନ", "~ଚାବି"},
	{"Telugu", "పాస్‌వర్డ్|పాస్వర్డ్|సంకేతపదం|సంకేతపదము|సంకేతపదమును", "టోకెన్|రహస్యం", "~తాళం|~మీట"},
	{"Kannada", "ಪಾಸ್‌ವರ್ಡ್|ಪಾಸ್ವರ್ಡ್|ಗುಪ್ತಪದ|ಗುಪ್ತಪದವನ್ನು|ಗುಪ್ತವಾಕ್ಯ", "ಟೋಕನ್|ರಹಸ್ಯ", "~ಕೀಲಿ"},
	{"Malayalam", "പാസ്‌വേഡ്|പാസ്വേഡ്|രഹസ്യവാക്ക്|രഹസ്യവാക്കു്|അടയാളവാക്ക്|അടയാളവാക്കു്", "ടോക്കൺ|ടോക്കണ്|രഹസ്യം", "~താക്കോൽ|~ചാവി"},
	{"Sinhala", "මුරපදය|මුරපද|පාස්වර්ඩ්|රහස්පදය|රහස්පද|රහස්_පදය", "ටෝකනය|ටෝකන්", "~යතුර"},
	{"Bengali", "পাসওয়ার্ড|পাসওয়ার্ড", "টোকেন", "~চাবি"},
	{"Tamil", "கடவுச்சொல்|பாஸ்வேர்டு|பாஸ்வேர்ட்|கடவுச்சொல்லை|கடவுச்சொற்றொடர்", "டோக்கன்|டோகன்|இரகசியம்|ரகசியம்", "~சாவி|~விசை"},
	{"Urdu", "پاس_ورڈ|پاسورڈ", "ٹوکن", "~کلید"},
	{"Kurdish", "şîfre|وشەی_نهێنی|تێپەڕەوشە|تێپەڕوشە|تێپه\u200cڕه\u200cوشه\u200c", "~نهێنی", "~kilîl|~کلیل|~کلیلی"},
	{"Arabic", "كلمة_المرور|كلمة_السر|رمز_المرور|كلمة_مرور|كلمة_السّر|عبارة_المرور", "رمز_مميز|سري", "~مفتاح"},
	{"Persian", "رمز_عبور|گذرواژه|گذر‌واژه|کلمه_عبور|~رمز|اسم_رمز|عبارت_عبور", "توکن", "~کلید"},
	{"Hebrew", "סיסמה|סיסמא|ססמה|ססמא|מילת_צופן", "אסימון|סוד|פרטי_גישה", "~מפתח"},
	{"Greek", "κωδικός|κωδικος|συνθηματικό|συνθηματικο|κωδικός_πρόσβασης|κωδικος_προσβασης|κωδικού_πρόσβασης|κωδικου_προσβασης", "μυστικό|διαπιστευτήρια|στοιχεία_σύνδεσης|~διακριτικό", "~κλειδί|~κλειδι"},
	{"Thai", "รหัสผ่าน|พาสเวิร์ด", "โทเค็น|โทเคน", "~กุญแจ"},
	{"Khmer", "ពាក្យសម្ងាត់|ពាក្យ\u200bសម្ងាត់|លេខសម្ងាត់", "ថូខឹន", "~កូនសោ"},
	{"Lao", "ລະຫັດຜ່ານ", "ໂທເຄັນ", "~ກະແຈ"},
	{"Burmese", "စကားဝှက်|လျှို့ဝှက်နံပါတ်", "တိုကင်|လျှို့ဝှက်ချက်", "~သော့"},
	{"Georgian", "პაროლი", "ტოკენი|საიდუმლო", "~გასაღები"},
	{"Armenian", "գաղտնաբառ", "~գաղտնի", "~բանալի"},
	{"Kazakh", "құпия_сөз|құпиясөз|пароль|paról", "токен", "~кілт|~кілті"},
	{"Mongolian", "нууц_үг|нэвтрэх_үг", "токен", "~түлхүүр"},
	{"Kyrgyz", "сырсөз", "токен", "~ачкыч"},
	{"Uzbek", "parol|maxfiy_soʻz|maxfiy_soz|махфий_сўз", "~maxfiy|~махфий", "~kalit|~калит"},
	{"Lithuanian", "slaptažodis|slaptazodis|slaptažodį|slaptazodi", "paslaptis", "~raktas"},
	{"Latvian", "~parole", "noslēpums|noslepums|~marķieris", "~atslēga|~atslega"},
	{"Albanian", "fjalëkalimi|fjalekalimi|fjalëkalim|fjalekalim", "sekreti", "~çelës|~celes|~çelësi|~celesi|~kyçi|~kyci"},
	{"Welsh", "cyfrinair", "cyfrinach", "~allwedd"},
	{"Irish", "pasfhocal|focal_faire", "rún", "~eochair"},
	{"Maltese", "il-password", "sigriet", "~ċavetta"},
	{"Yoruba", "ọ̀rọ̀_aṣínà|aṣínà|ọ̀rọ̀_ìgbaniwọlé|ọrọ_igbaniwọle", "àṣírí", ""},
	{"Swahili", "nenosiri|neno_la_siri", "~siri", "~ufunguo"},
	{"Hausa", "kalmar_sirri|kalmar_wucewa", "~sirri", "~mabuɗi|~maɓalli"},
	{"Igbo", "okwuntughe", "", "~igodo"},
	{"Amharic", "የይለፍ_ቃል|ይለፍ_ቃል", "ቶከን|ሚስጥር", "~ቁልፍ"},
	{"Somali", "erayga_sirta|ereyga_sirta|furaha_sirta", "", "~furaha"},
	{"Zulu and Xhosa", "iphasiwedi|iphaswedi", "imfihlo", "~ukhiye"},
	{"Luxembourgish", "passwuert", "geheimnis", "~schlëssel|~schlessel"},
	// more languages of Central Asia, Africa, Europe and the Pacific (issue 11: chat
	// exports in languages the list lacked)
	{"Tajik", "парол|~рамз|гузарвожа|ниҳонвожа", "", "~калид"},
	{"Pashto", "پټنوم|تېرنويې", "", ""},
	{"Tigrinya", "መሕለፊ_ቃል", "", ""},
	{"Tatar", "серсүз", "", ""},
	{"Malagasy", "tenimiafina|teny_fanalahidy", "", ""},
	{"Kinyarwanda", "ijambobanga|ijambo_ry_ibanga", "", ""},
	{"Esperanto", "pasvorto|pasfrazo", "~ĵetono|~jxetono", "~ŝlosilo|~slosilo"},
	{"Uyghur", "پارول|پارولى|~ئىم", "~مەخپىي", "~ئاچقۇچ"},
	{"Faroese", "loyniorð|loyniord", "", ""},
	{"West Frisian", "wachtwurd", "", ""},
	{"Scottish Gaelic", "facal-faire", "", ""},
	{"Haitian Creole", "modpas", "", ""},
	{"Maori", "kupuhipa", "", ""},
	// languages and words from the translators of free software: the gettext catalogs
	// of Debian's packages (PAM, shadow, GTK, GNOME's keyring and network dialogs, KDE,
	// gnupg, sudo, util-linux, debconf's password questions), read by tools/lexharvest
	{"Breton", "ger_tremen|gerioù_tremen|tremenger|lavarenn_tremen", "", "~alc'hwez"},
	{"Crimean Tatar", "sır-söz|sir-soz", "", ""},
	{"Interlingua and Interlingue", "contrasigno|contrasigne", "", ""},
	{"Low German", "passwoort|passwoord", "", "~slötel|~sloetel"},
	{"Occitan", "~senhal", "", ""},
	{"Northern Sami", "beassansátni|beassansatni|beassansáni", "", ""},
	{"Abkhaz", "ажәамаӡа", "", ""},
	{"Assamese", "পাছৱৰ্ড|পাছৱাৰ্ড|গুপ্তশব্দ", "টকেন", ""},
	{"Odia", "ପ୍ରବେଶ_ସଙ୍କେତ|ପ୍ରବେଶ_ସଂକେତ", "", ""},
	{"Kabyle", "awal_n_uɛeddi", "", ""},
	{"Friulian", "", "", "~clâf"},
	{"Upper Sorbian", "hesło", "", "~kluč"},
	// Kongo's word, and Luganda's ("secret", so marked: also with the initial vowel
	// its nouns take, "ekyama")
	{"Kongo", "lusuemi", "", ""},
	{"Luganda", "~kyama|~ekyama", "", ""},
	// Dzongkha's word from its catalogs (shadow, GTK), and Tibetan's "secret word"
	{"Tibetan and Dzongkha", "ཆོག་ཡིག|གསང་ཚིག", "གསང་བ", ""},
	// the Turkic languages of the Volga that write Russian's loanword with their
	// possessive ("Wi-Fi пароле", "паролĕ": see lexInflections)
	{"Tatar and Bashkir", "пароль", "", ""},
	{"Chuvash", "пароль", "", ""},
	// languages of Africa and the Pacific no catalog holds (issue 11: messages in
	// languages the list lacked): Shona's loanword, Manding in N'Ko letters (with and
	// without the tone marks) and in Latin ("gundo kuma", the secret word), Tamazight in
	// Tifinagh ("awal n uzray", the word of passage; Kabyle's "awal n uɛeddi"), Samoan
	// and Tongan ("the hidden word")
	{"Shona", "pasiwedhi|pasiwadhi", "", ""},
	{"Manding (N'Ko and Latin)", "ߜߎ߲߬ߘߏ߬_ߞߎߡߊ|ߜߎ߲ߘߏ_ߞߎߡߊ|gundo_kuma", "", ""},
	{"Tamazight (Tifinagh)", "ⴰⵡⴰⵍ_ⵏ_ⵓⵣⵔⴰⵢ|ⴰⵡⴰⵍ_ⵏ_ⵓⵄⴻⴷⴷⵉ|awal_n_uzray", "", ""},
	{"Samoan", "upu_faʻalilolilo|upu_fa'alilolilo|upu_faalilolilo", "", ""},
	{"Tongan", "lea_fufū|lea_fufu", "", ""},
}

// lexInflections are the forms a language's password words take before a value: the
// definite article glued to the word ("lösenordet", "паролата", "գաղտնաբառը"), a
// possessive ("salasanasi", "şifreniz", "رمز عبورم"), the accusative of a prompt ("Unesite
// lozinku:", "Įveskite slaptažodį:"), the construct state ("סיסמת"). Each rule is a
// suffix appended ("et"), an ending replaced ("a>u": "lozinka" → "lozinku"), or a
// prefix ("^ה": "הסיסמה"). A form has its word's kind and ambiguity; none is an anchor
// but a replaced ending's or a prefix's (an appended suffix leaves the word's anchor in
// the form). The classes are the languages' grammar, checked against the translators'
// own forms (tools/lexharvest).
var lexInflections = map[string]string{
	"Swedish":              "et|en",
	"Norwegian":            "et|en|n",
	"Danish":               "n|en|et",
	"Icelandic":            "ið|id|inu",
	"Finnish":              "si|ni|nne|mme|n|a|t",
	"Estonian":             "i|it",
	"Turkish":              "sı|si|nız|niz|n|m|yı|yi|mız|miz",
	"Azerbaijani":          "si|ni|n|m|niz",
	"Bulgarian":            "та",
	"Macedonian":           "та|ва",
	"Serbian":              "а>у|а>е|a>u|a>e",
	"Croatian and Bosnian": "a>u|a>e",
	"Lithuanian":           "is>į|is>i|is>io",
	"Albanian":             "in|it",
	"Armenian":             "ը|ն|ի|դ|ս",
	"Esperanto":            "n|j",
	"Kazakh":               "ді|ің|ім|іңіз",
	"Uyghur":               "ى|نى|ىم|ىڭىز",
	"Hebrew":               "^ה|ה>ת|א>ת",
	"Persian":              "م|ت|ش|مان|تان",
	"Kurdish":              "م|ت|یەکە|یەکەم|یەکەت",
	"Tatar and Bashkir":    "ь>е|ь>ем|ь>ең|ь>ебез",
	"Chuvash":              "ь>ĕ|ь>ӗ|ь>ĕм",
}

// lexInflect returns w's forms by rules (lexInflections), and whether each keeps w's
// anchor.
func lexInflect(w, rules string) (forms []string, keepsAnchor []bool) {
	if rules == "" {
		return nil, nil
	}
	for _, r := range strings.Split(rules, "|") {
		switch {
		case strings.HasPrefix(r, "^"):
			if !strings.ContainsAny(w, "_ ") { // (a name of two words takes it on its second: "מילת הצופן")
				forms, keepsAnchor = append(forms, r[1:]+w), append(keepsAnchor, false)
			}
		case strings.Contains(r, ">"):
			from, to, _ := strings.Cut(r, ">")
			if stem, ok := strings.CutSuffix(w, from); ok {
				forms, keepsAnchor = append(forms, stem+to), append(keepsAnchor, false)
			}
		default:
			forms, keepsAnchor = append(forms, w+r), append(keepsAnchor, true)
		}
	}
	return forms, keepsAnchor
}

type lexWord struct {
	kind      lexKindT
	ambiguous bool
	glued     bool // a script written without spaces: the word ends a compound ("数据库密码")
	fold      string
}

// lexFold is a word's lookup form: lower case (every script), no separators.
func lexFold(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case '_', ' ', '-', '\'', '.', '\u0f0b': // (U+0F0B: Tibetan's tsheg between syllables)
			return -1
		}
		return r
	}, s)
}

// gluedScript reports a script written without spaces between words.
func gluedScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai, unicode.Khmer, unicode.Lao, unicode.Myanmar)
}

type lexTables struct {
	words map[string]lexWord
	glued []lexWord
	// gluedASCII: some glued word is spelt in ASCII alone (none is: lexLookup then
	// skips the glued words for an ASCII name)
	gluedASCII bool
	// anchors by kind: the literals that bring a key to the password rule and to the
	// generic secret rule
	pwAnchors, secretAnchors []string
}

var lexTable = sync.OnceValue(func() *lexTables {
	t := &lexTables{words: map[string]lexWord{}}
	seen := map[string]bool{}
	addAnchor := func(dst *[]string, w string) {
		// the last word of a name is its anchor ("sandi" of "kata_sandi": it wakes
		// "kataSandi", "kata-sandi" and "katasandi" alike), cased scripts in title case too
		parts := strings.FieldsFunc(strings.ToLower(w), func(r rune) bool { return r == '_' || r == '\'' })
		last := parts[len(parts)-1]
		if len(last) < 4 {
			last = lexFold(w)
		}
		if len(last) < 4 {
			return
		}
		for _, a := range []string{last, titleCase(last)} {
			if !seen[a] && !strings.HasPrefix(a, "~") {
				seen[a] = true
				*dst = append(*dst, a)
			}
		}
	}
	var inflect []struct {
		w, rules string
		amb      bool
	}
	for _, l := range lexicon[1:] { // (English's words have rules of their own)
		for _, g := range []struct {
			kind  lexKindT
			words string
		}{{lexPassword, l.password}, {lexSecret, l.secret}, {lexKey, l.key}} {
			if g.words == "" {
				continue
			}
			for _, w := range strings.Split(g.words, "|") {
				amb := strings.HasPrefix(w, "~")
				w = strings.TrimPrefix(w, "~")
				r, _ := utf8.DecodeRuneInString(w)
				lw := lexWord{kind: g.kind, ambiguous: amb, glued: gluedScript(r), fold: lexFold(w)}
				if g.kind == lexPassword && !lw.glued && lexInflections[l.lang] != "" {
					inflect = append(inflect, struct {
						w, rules string
						amb      bool
					}{w, lexInflections[l.lang], amb})
				}
				if old, ok := t.words[lw.fold]; ok && (old.ambiguous || !amb) {
					continue // a word two languages share keeps its ambiguous reading
				}
				t.words[lw.fold] = lw
				if lw.glued {
					t.glued = append(t.glued, lw)
					t.gluedASCII = t.gluedASCII || asciiOnly([]byte(lw.fold))
				}
				if g.kind == lexPassword {
					addAnchor(&t.pwAnchors, w)
				} else {
					addAnchor(&t.secretAnchors, w)
				}
			}
		}
	}
	// the inflected forms, once every word is in: a word of its own (of this language
	// or another: Serbian "sifre" is Turkish's password) keeps its reading
	for _, in := range inflect {
		forms, keeps := lexInflect(in.w, in.rules)
		for i, f := range forms {
			fw := lexWord{kind: lexPassword, ambiguous: in.amb, fold: lexFold(f)}
			if _, ok := t.words[fw.fold]; ok {
				continue
			}
			t.words[fw.fold] = fw
			if !keeps[i] {
				addAnchor(&t.pwAnchors, f)
			}
		}
	}
	return t
})

// titleCase upper-cases the first letter of a word outside ASCII ("Пароль"): the
// automaton folds ASCII case only. ASCII words are returned as they are.
func titleCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// lexSegment lower-cases a segment outside ASCII (keySegments folds ASCII only) and
// drops a trailing number ("salasana2", "token_2" has it apart).
func lexSegment(s []byte) string {
	return string(lexSegmentBytes(s))
}

// lexSegmentBytes is lexSegment without a copy for an ASCII segment (the commonest: a
// name in English), which it returns as a part of s; ascii says it is one.
func lexSegmentBytes(s []byte) []byte {
	for len(s) > 1 && isDigit(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	for _, c := range s {
		if c >= 0x80 {
			return []byte(strings.ToLower(string(s)))
		}
	}
	return s
}

// lexTrailing are segments after the name that do not change what it names: a number
// ("db_password_2") or "value" ("tokenValue", "chave_api_valor").
func lexTrailing(s []byte) bool {
	if run(s, 0, cDigit, len(s)) == len(s) {
		return true
	}
	switch string(s) {
	case "value", "val", "valor", "valore", "wert", "waarde", "znachenie", "значение":
		return true
	}
	return false
}

// lexConnectors join a word to its qualifier in Romance languages ("chave_de_api",
// "clave_de_la_api").
var lexConnectors = map[string]bool{"de": true, "da": true, "do": true, "di": true, "du": true, "la": true, "del": true, "dla": true, "для": true}

// lexName is what a key's segments name by the lexicon: its kind, whether the word is
// ambiguous, and whether "api" qualifies it (an API key in any language).
func lexName(segs [][]byte) (kind lexKindT, ambiguous, api bool) {
	n := len(segs)
	for n > 1 && lexTrailing(segs[n-1]) {
		n--
	}
	if n == 0 {
		return lexNone, false, false
	}
	segs = segs[:n]
	if lexQualified(segs) {
		return lexSecret, false, true // "clave_secreta", "geheimer_schlüssel", "jeton_d_accès"
	}
	// "chave_api", "clave_de_api", "klucz_api": the word, then its qualifier
	if string(segs[n-1]) == "api" && n >= 2 {
		m := n - 1
		for m > 1 && lexConnectors[string(segs[m-1])] {
			m--
		}
		if k, _, _ := lexLookup(segs[:m]); k == lexKey || k == lexSecret {
			return k, false, true
		}
		return lexNone, false, false
	}
	kind, amb, glued := lexLookup(segs)
	switch {
	case kind == lexKey && n >= 2 && string(segs[n-2]) == "api":
		return kind, false, true // "api_schluessel", "api_ключ"
	case glued:
		return kind, false, true // "apischluessel", "api密钥"
	case kind == lexKey && n > 1:
		return lexNone, false, false // "cache_clave", "db_chiave": whose key is not said
	}
	return kind, amb, false
}

// lexLookup reads the last one to four segments joined ("kata_sandi", "mot_de_passe"),
// a word glued to "api" ("apischluessel", "api密钥"), and a word of a script written
// without spaces ending the last segment ("数据库密码").
func lexLookup(segs [][]byte) (kind lexKindT, ambiguous, api bool) {
	t := lexTable()
	// The joined segments are built right to left in join's last bytes: a lookup costs
	// no string (map lookups of string(b) do not copy). The longest name read wins:
	// "kata_sandi" is Indonesian's password, though its last word "sandi" alone is
	// ambiguous (a code, a cipher).
	var join [lexJoinMax]byte
	n := 0
	last := lexSegmentBytes(segs[len(segs)-1])
	var found lexWord
	matched := false
	for i := len(segs) - 1; i >= 0 && i >= len(segs)-4; i-- {
		seg := last
		if i != len(segs)-1 {
			seg = lexSegmentBytes(segs[i])
		}
		if n+len(seg) > lexJoinMax {
			break
		}
		n += len(seg)
		copy(join[lexJoinMax-n:], seg)
		if w, ok := t.words[string(join[lexJoinMax-n:])]; ok {
			found, matched = w, true
		}
	}
	if matched {
		return found.kind, found.ambiguous, false
	}
	if rest, ok := bytes.CutPrefix(last, []byte("api")); ok && len(rest) > 0 {
		if w, ok := t.words[string(rest)]; ok && w.kind != lexPassword {
			return w.kind, false, true
		}
	}
	if rest, ok := bytes.CutSuffix(last, []byte("api")); ok && len(rest) > 0 {
		if w, ok := t.words[string(rest)]; ok && w.kind == lexKey {
			return w.kind, false, true // "chaveapi", "kluczapi"
		}
	}
	if !t.gluedASCII && asciiOnly(last) {
		// every glued word is of a script outside ASCII: none ends an ASCII name
		return lexNone, false, false
	}
	for _, w := range t.glued {
		if bytes.HasSuffix(last, []byte(w.fold)) && len(last) > len(w.fold) {
			if w.kind == lexKey || w.ambiguous {
				if gluedQualified(last[:len(last)-len(w.fold)]) {
					return lexSecret, false, false // "暗号鍵", "액세스키": a secret's or a cipher's key
				}
				continue // "키", "キー" glued to anything else but "api" (above) name no secret
			}
			return w.kind, false, false
		}
	}
	return lexNone, false, false
}

// lexJoinMax is the longest join of segments lexLookup looks up.
const lexJoinMax = 48

func asciiOnly(s []byte) bool {
	for _, c := range s {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// lexPasswordKey: a key whose name is a password word of the lexicon.
func lexPasswordKey(segs [][]byte) bool {
	if len(segs) == 0 {
		return false
	}
	k, _, _ := lexName(segs)
	return k == lexPassword
}

// lexSecretKey: a key whose name is a secret, token or credentials word of the lexicon,
// or a key word (alone, the value gets the bare-key test; see lexBareKey).
func lexSecretKey(segs [][]byte) bool {
	if len(segs) == 0 {
		return false
	}
	k, _, _ := lexName(segs)
	return k == lexSecret || k == lexKey
}

// lexBareKey reports a key whose lexicon word is ambiguous and unqualified ("clave",
// "chiave", "jeton"): its value must pass the test English "key" gets.
func lexBareKey(key []byte) bool {
	k, amb, api, _ := lexNameBytes(key)
	return k != lexNone && k != lexPassword && !api && (amb || k == lexKey)
}

// lexAmbiguousPassword reports a password key whose word has another meaning ("parola",
// "parole", "mdp"): its value must read as a password (lexPasswordValue).
func lexAmbiguousPassword(key []byte) bool {
	k, amb, _, last := lexNameBytes(key)
	if passwordWords[string(last)] && !lexAmbiguousWord(last) {
		return false // an English name, or one passwordWords trusts as it is
	}
	return k == lexPassword && amb
}

// lexNameBytes is lexName of a raw key, and the key's last segment.
func lexNameBytes(key []byte) (k lexKindT, amb, api bool, last []byte) {
	var buf [12][]byte
	var text [maxKeyLen]byte
	if len(key) > maxKeyLen {
		return lexNone, false, false, nil
	}
	segs := keySegments(key, buf[:0], text[:0])
	if len(segs) == 0 {
		return lexNone, false, false, nil
	}
	k, amb, api = lexName(segs)
	return k, amb, api, segs[len(segs)-1]
}

func lexAmbiguousWord(s []byte) bool {
	w, ok := lexTable().words[lexSegment(s)]
	return ok && w.ambiguous
}

// lexPasswordValue is what a value under an ambiguous password word must be: no blank,
// at least six characters, letters with a symbol a password policy asks for ("Kesa99#"),
// or a long random mix ("capitolo12", "buona_notte" and "Capitolo-12" are words).
func lexPasswordValue(v []byte) bool {
	if len(v) < 6 || bytes.IndexByte(v, ' ') >= 0 {
		return false
	}
	letters, digits, symbols := 0, 0, 0
	for _, c := range v {
		switch {
		case is(c, cLower|cUpper):
			letters++
		case isDigit(c):
			digits++
		case c != '_' && c != '-' && c != '.':
			symbols++ // (not the joiners of words)
		}
	}
	return letters > 0 && (symbols > 0 || len(v) >= 16 && digits >= 2 && classCount(v) >= 3 && entropy(v) >= 3.5)
}

// lexQualifiers are the words that say which key or token a name in another language
// means: secret, private, access, encryption, signing (adjectives in their forms,
// nouns in the genitive or as the first part of a compound). A key word or a token
// word that has other meanings (lexKey, and the ambiguous secret words: "jeton", a
// game chip) names a credential outright beside one of them, in either order and
// with the connectors of the language: "clave_secreta", "chave_de_acesso",
// "clé_privée", "geheimer_schlüssel", "ключ_шифрования", "jeton_d_accès",
// "klucz_prywatny", "gizli_anahtar". Folded as lexFold folds.
var lexQualifiers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		secreta secreto secret secrète secrete secretă segreta segreto secreet
		privada privado privée privee privé prive privata privato privat privater private privates
		privată prywatny soukromý soukromy súkromný sukromny yksityinen özel ozel pribadi peribadi
		acceso acesso accès acces accés accesso zugang zugangs zugriff zugriffs toegang toegangs
		åtkomst atkomst tilgang adgang dostępu dostepu přístupový pristupovy pääsy erişim erisim akses
		cifrado cifratura chiffrement criptografia crittografia encriptación encriptacion criptare
		verschlüsselung verschluesselung versleuteling krypterings şifreleme sifreleme enkripsi
		firma assinatura signatur signier
		geheim geheimer geheime geheimes hemlig hemliga hemmelig hemmelige salainen tajny tajný
		titkos gizli rahasia rahsia
		секретный секретного секретная секретний закрытый закритий приватный приватний
		доступа доступу шифрования шифрування подписи тајни таен
		precompartida precompartilhada pré-compartilhada prépartilhada pré-partilhada prépartagée prepartagee
		precondivisa precompartite segreda segrete privade pribatua ezkutuko xifratge encriptação encriptacao
		criptazione cryptation enskripsi persendirian praberbagi sekreta prevez
		privatni lični licni tajni dijeljeni pretpodeljeni osebni zasebni skriti šifrirni sifrirni deljeni
		šifrovací sifrovaci předsdílený predsdileny predzdieľaný predzdielany współdzielony wspoldzielony szyfrowania
		privatus privatusis slaptas privātā slepenā slepena salajane eeljagatud esijaettu
		titkosítási titkositasi privát személyes szemelyes megosztott önceden onceden paylaşılmış paylasilmis
		məxfi şəxsi şifrələmə phríobháideach phriobhaideach kriptimit verschlüsselungs verschluesselungs
		приватни лични претподељени приватен частен криптиращ закрыты прыватны сакрэтны таємний частный личный
		ιδιωτικό ιδιωτικο μυστικό μυστικο κρυπτογράφησης κρυπτογραφησης διαμοιρασμένο διαμοιρασμενο
		פרטי סודי הצפנה الخاص الخاصّ السري التشفير خصوصی مخفی رمزنگاری تایبەت
		निजी गुप्त गोप्य वैयक्तिक व्यक्तिगत ਗੁਪਤ ਪ੍ਰਾਈਵੇਟ அந்தரங்க ரகசிய వ్యక్తిగత రహస్య സ്വകാര്യ രഹസ്യ ಖಾಸಗಿ
		жеке құпия خاس شەخسىي مەخپىي პირადი ծածկագրման 개인 암호화 비밀 riêng rieng`) {
		m[lexFold(w)] = true
	}
	return m
}()

// lexQualified reports a name of two to four words: a key or token word with other
// meanings, a qualifier (lexQualifiers), and nothing else but connectors.
func lexQualified(segs [][]byte) bool {
	// (the last words of a longer path: "cfg.clé_secrète")
	for k := min(len(segs), 4); k >= 2; k-- {
		if lexQualifiedName(segs[len(segs)-k:]) {
			return true
		}
	}
	return false
}

func lexQualifiedName(segs [][]byte) bool {
	t := lexTable()
	head, qual := false, false
	for _, s := range segs {
		w := lexSegmentBytes(s)
		if lexQualifiers[string(w)] {
			qual = true
			continue
		}
		if lexConnectors[string(w)] || string(w) == "d" || string(w) == "l" {
			continue // "jeton_d_accès", "clé_de_l_api"
		}
		lw, ok := t.words[string(w)]
		if !ok || lw.kind == lexPassword || lw.kind == lexSecret && !lw.ambiguous {
			return false
		}
		head = true
	}
	return head && qual
}

// gluedQualifiers end a compound before a key word of a script written without spaces:
// "暗号鍵" and "暗号化キー" (cipher key), "秘密キー", "アクセスキー", "암호키", "액세스키",
// "加密钥匙".
var gluedQualifiers = []string{"暗号", "暗号化", "秘密", "アクセス", "シークレット", "プライベート", "암호", "암호화", "비밀",
	"액세스", "개인", "加密", "访问", "訪問", "私有", "秘密"}

func gluedQualified(head []byte) bool {
	for _, q := range gluedQualifiers {
		if bytes.HasSuffix(head, []byte(q)) {
			return true
		}
	}
	return false
}

// lexProseWords returns hand, the words prose readers anchor on for a password, and
// after them the lexicon's other password words as prose writes them ('_' a blank;
// a cased script's word capitalised too, since the anchors fold ASCII case alone):
// its words of no other meaning, of five bytes or more, and their forms whose ending
// or prefix changed (lozinku, הסיסמה; a suffix appended is read by the reader's own
// suffix rule). A word that starts another one of hand, or that one of hand starts,
// is left out: the two would read the same text twice; so is a word that holds one
// of other, or that one of other holds (another reader's: natDet's "aṣínà" of
// "ọ̀rọ̀ aṣínà", "il-password").
func lexProseWords(hand, other []string) []string {
	pwAmbiguousWords = map[string]bool{}
	out := hand
	// (each word folded once: the readers are built at start, in every run)
	folds := make([]string, 0, len(hand)+200)
	for _, h := range hand {
		folds = append(folds, lexFold(h))
	}
	otherFolds := make([]string, len(other))
	for i, h := range other {
		otherFolds[i] = lexFold(h)
	}
	have := func(f string) bool {
		for _, g := range folds {
			if strings.HasPrefix(f, g) || strings.HasPrefix(g, f) {
				return true
			}
		}
		for _, g := range otherFolds {
			if strings.Contains(f, g) || strings.Contains(g, f) {
				return true
			}
		}
		return false
	}
	add := func(w string) {
		if strings.Contains(w, "_") {
			// a name of several words is written with hyphens too ("ger-tremen"): the
			// same fold, so added apart
			if h := strings.ReplaceAll(w, "_", "-"); len(h) >= 5 && !have(lexFold(h)) {
				out = append(out, h)
				if t := titleCase(h); t != h {
					out = append(out, t)
				}
			}
		}
		w = strings.ReplaceAll(w, "_", " ")
		if len(w) < 5 {
			return
		}
		f := lexFold(w)
		if have(f) {
			return
		}
		out = append(out, w)
		folds = append(folds, f)
		if t := titleCase(w); t != w {
			out = append(out, t)
		}
	}
	for _, l := range lexicon[1:] {
		for _, w := range strings.Split(l.password, "|") {
			if w == "" {
				continue
			}
			if a, ok := strings.CutPrefix(w, "~"); ok {
				// a word with another meaning ("رمز" is also "code", "šifra"
				// "cipher"): read, but its value must be a generated one
				// (pwAmbiguousValue); its forms are not
				// (another word it starts, "رمز عبور", does not keep it out, nor
				// another reader's word that holds it: the same value read twice is
				// one match)
				a = strings.ReplaceAll(a, "_", " ")
				if f := lexFold(a); len(a) >= 5 && !slices.Contains(folds, f) && !slices.Contains(otherFolds, f) {
					out = append(out, a)
					folds = append(folds, f)
					pwAmbiguousWords[a] = true
					if t := titleCase(a); t != a {
						out = append(out, t)
						pwAmbiguousWords[t] = true
					}
				}
				continue
			}
			add(w)
			forms, keeps := lexInflect(w, lexInflections[l.lang])
			for i, f := range forms {
				if !keeps[i] {
					add(f)
				}
			}
		}
	}
	return out
}
