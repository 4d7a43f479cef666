package detect

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pwPhraseDet reads a password that running text gives after the word for it, in any
// of the lexicon's languages, where no assignment operator joins the two (issue 11:
// the shapes the key/value reader never saw):
//
//   - the word, then the value after blanks alone: "log in with password X", "try pwd
//     X", "user deploy / pass X";
//   - the word, up to six words that say whose or what for, then a copula or a mark
//     that introduces the value: "the build server pw is X", "pass for the lab
//     printer: X", "das Kennwort vom Router lautet X", "пароль от почты — X",
//     "contraseña del servidor es X", "数据库密码是 X".
//
// Both are prose, so the value must read as a typed password (typedPassword: letters
// with digits or signs, a passphrase, random case; no path, call or identifier), on
// the word's line. The word must stand alone: a key name ("db_password") is the
// key/value reader's.
type pwPhraseDet struct{ password *Rule }

// pwPhraseWords are the words for a password in running text: English's and its
// short forms, then the lexicon's (lexTable) words as prose writes them, then the
// lexicon's other password words (lexProseWords).
var pwPhraseWords = withScriptVariants(lexProseWords([]string{"password", "passwd", "passphrase", "passcode", "pass", "pwd", "pw", "pswd",
	"passwort", "kennwort", "contraseña", "contrasena", "senha", "wachtwoord", "lösenord", "losenord",
	"salasana", "hasło", "haslo", "heslo", "şifre", "sifre", "şifresi", "jelszó", "jelszo", "jelszava", "lozinka",
	"zaporka", "geslo", "parool", "passord", "adgangskode", "mot de passe", "contrasenya", "contrasinal",
	"kata sandi", "katasandi", "kata laluan", "mật khẩu", "mat khau", "slaptažodis", "slaptazodis", "nenosiri",
	"пароль", "Пароль", "ПАРОЛЬ", "лозинка", "Лозинка", "密码", "密碼", "口令", "パスワード", "비밀번호",
	"κωδικός", "Κωδικός", "סיסמה", "סיסמא", "كلمة المرور", "كلمة السر", "رمز عبور", "पासवर्ड", "รหัสผ่าน",
	// the lexicon's other password words as prose writes them (issue 11: languages of
	// South and Southeast Asia, Africa and Europe the list above lacked): Indic scripts
	// (Telugu, Kannada and Malayalam with and without the zero-width non-joiner their
	// spelling of "password" puts after the virama), Sinhala, Lao, Burmese, Khmer, Thai's
	// loanword, Arabic script (Urdu, Persian, Arabic, Sorani Kurdish), Ethiopic, Korean's
	// loanword, then Latin and Cyrillic words
	"कूटशब्द", "संकेतशब्द", "পাসওয়ার্ড", "পাসওয়ার্ড", "ਪਾਸਵਰਡ", "પાસવર્ડ", "ପାସୱାର୍ଡ", "ପାସୱର୍ଡ", "கடவுச்சொல்", "பாஸ்வேர்டு",
	"பாஸ்வேர்ட்", "పాస్‌వర్డ్", "పాస్వర్డ్", "ಪಾಸ್‌ವರ್ಡ್", "ಪಾಸ್ವರ್ಡ್", "ಗುಪ್ತಪದ", "പാസ്‌വേഡ്", "പാസ്വേഡ്", "මුරපදය", "මුරපද",
	"ລະຫັດຜ່ານ", "စကားဝှက်", "ពាក្យសម្ងាត់", "លេខសម្ងាត់", "พาสเวิร์ด", "پاس ورڈ", "پاسورڈ", "گذرواژه", "کلمه عبور", "رمز المرور",
	"وشەی نهێنی", "የይለፍ ቃል", "패스워드", "lozinka", "palavra-passe", "passwuert", "wagwoord", "lykilorð", "lykilord", "pasahitza",
	"cyfrinair", "pasfhocal", "fjalëkalim", "fjalekalim", "parool", "salasõna", "şîfre", "şifrə", "kalmar sirri", "kalmar wucewa",
	"erayga sirta", "ereyga sirta", "furaha sirta", "okwuntughe", "iphasiwedi", "iphaswedi", "neno la siri", "aṣínà",
	"ọrọ igbaniwọle", "nenosiri", "Лозинка", "сырсөз", "Сырсөз", "құпия сөз", "Құпия сөз", "нууц үг", "Нууц үг",
	"პაროლი", "գաղտնաբառ", "Գաղտնաբառ",
	// Tajik (also with the izafet "-и": "рамзи сервер"), Pashto, Tigrinya, Tatar,
	// Malagasy, Kinyarwanda, Esperanto, Faroese, West Frisian, Scottish Gaelic,
	// Haitian Creole, Maori
	"парол", "Парол", "рамз", "Рамз", "пароли", "Пароли", "рамзи", "Рамзи", "پټنوم", "መሕለፊ ቃል", "серсүз", "Серсүз", "tenimiafina",
	"ijambobanga", "pasvorto", "loyniorð", "loyniord", "wachtwurd", "facal-faire", "modpas", "kupuhipa",
	// Latvian ("parole ir …", "paroli: …") and Uzbek's possessive ("server paroli: …")
	"parole", "paroli",
	// Javanese ("tembung sandhi", or "sandhi" alone: "sandhi server-e yaiku …")
	"tembung sandhi", "sandhi",
	// Hebrew's word with its article glued ("הסיסמה היא X"), Spanish's "clave" (the
	// wifi's key), Indonesian and Malay's loanword with its possessive ("password-nya X")
	"הסיסמה", "הסיסמא", "clave", "password-nya", "passwordnya", "pasword",
	// Romanian, Italian and Turkish ("parola este X", "parola: X")
	"parola"}, natWords))

// pwAmbiguousWords are the words of pwPhraseWords that the lexicon marks as having
// another common meaning (lexProseWords fills it).
var pwAmbiguousWords map[string]bool

// pwAmbiguousValue reports a value that text after a word with another meaning gives
// as a password only when it is generated or typed with care: eight bytes or more,
// letters of both cases and a digit, or letters, a digit and a sign ("رمز X" is also
// "the code X": a code's names, "UTF8" or "v2", have neither).
func pwAmbiguousValue(v []byte) bool {
	if len(v) < 8 {
		return false
	}
	m := classesOf(v)
	return m&cDigit != 0 && (m&(cUpper|cLower) == cUpper|cLower || m&(cUpper|cLower) != 0 && pwSigned(v))
}

// pwLongerWordAt reports a longer password word than w that starts where w does on
// the value's line ("رمز عبور" where "رمز" was read): that word's reader names the
// value.
func pwLongerWordAt(data []byte, vs int, w string) bool {
	ls := lineStartWithin(data, vs, 256)
	line := data[ls:vs]
	for at := bytes.Index(line, []byte(w)); at >= 0; {
		for _, l := range [][]string{pwPhraseWords, natWords} {
			for _, x := range l {
				if len(x) > len(w) && strings.HasPrefix(x, w) && hasPrefixFold(line, at, x) {
					return true
				}
			}
		}
		n := bytes.Index(line[at+len(w):], []byte(w))
		if n < 0 {
			break
		}
		at += len(w) + n
	}
	return false
}

// pwPhraseInflected is the first word of pwPhraseWords that languages inflect with a
// suffix (English's words take none that keeps their meaning: "passed", "passport").
const pwPhraseInflected = 8

// pwSuffix skips an inflection's suffix at p: one to four lower-case letters of any
// script, then no further letter.
func pwSuffix(data []byte, p int) int {
	q := p
	for n := 0; n < 4 && q < len(data); n++ {
		r, size := utf8.DecodeRune(data[q:])
		if !unicode.IsLower(r) {
			if caselessSuffix(data, p, q) {
				return caselessSuffixEnd(data, q)
			}
			break
		}
		q += size
	}
	if q < len(data) {
		if r, _ := utf8.DecodeRune(data[q:]); unicode.IsLetter(r) {
			return p // a longer word: let the boundary test refuse it
		}
	}
	return q
}

// pwPhraseCopulas introduce the value after the word and its qualifiers: "is", and its
// counterparts in the lexicon's languages. Marks (':', '=', dashes) are read apart.
var pwPhraseCopulas = map[string]bool{"is": true, "was": true, "to": true, "now": true, "be": true,
	"ist": true, "lautet": true, "lauten": true, "war": true, "est": true, "es": true, "era": true, "é": true, "è": true,
	"är": true, "er": true, "on": true, "jest": true, "je": true, "это": true, "—": true, "–": true, "-": true,
	"adalah": true, "ialah": true, "là": true, "ni": true, "olarak": true, ":": true, "=": true, "->": true, "=>": true,
	// "is" in the languages of the lexicon's other words: Hindi and Urdu, Punjabi,
	// Gujarati, Bengali, Marathi, Nepali, Tamil, Malayalam, Sinhala, Persian, Arabic,
	// Hebrew, Amharic, Greek, Georgian, Armenian, Romanian, Luxembourgish, Welsh,
	// Albanian, Lithuanian, Latvian, Basque, Tagalog, Somali, Hausa, Belarusian, Ukrainian,
	// Kazakh, Mongolian, Icelandic
	"है": true, "ہے": true, "ਹੈ": true, "છે": true, "হল": true, "হলো": true, "আছে": true, "आहे": true, "हो": true,
	"ஆகும்": true, "ആണ്": true, "වේ": true, "است": true, "هي": true, "هو": true, "היא": true, "הוא": true, "ነው": true,
	"είναι": true, "არის": true, "է": true, "este": true, "ass": true, "yw": true, "ydy": true, "është": true, "eshte": true,
	"yra": true, "ir": true, "waa": true, "shine": true, "ne": true, "ce": true, "гэта": true,
	"це": true, "бол": true}

// pwEnglishCopulas are the copulas and marks English's words take.
var pwEnglishCopulas = map[string]bool{"is": true, "was": true, "to": true, "now": true, "be": true, ":": true, "=": true,
	"->": true, "=>": true, "—": true, "–": true, "-": true}

// pwLoanCopulas are the copulas of languages that write English's word for a password
// as a loanword ("la password è X", "das Password ist X", "password-nya adalah X"):
// none is an English word.
var pwLoanCopulas = map[string]bool{"è": true, "é": true, "ist": true, "lautet": true, "est": true, "es": true,
	"är": true, "adalah": true, "ialah": true, "là": true, "jest": true, "este": true, "είναι": true, "je": true}

// pwPhraseGlued are copulas written against the value in scripts without blanks.
var pwPhraseGlued = []string{"是", "为", "為", "は", "：", "=", ":", "คือ", "គឺ", "ແມ່ນ", "မှာ", "는", "은"}

func (d *pwPhraseDet) anchors() []string { return pwPhraseWords }

func (d *pwPhraseDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	w := pwPhraseWords[tag]
	if !hasPrefixFold(data, at, w) {
		return
	}
	// the word alone: no letter or digit glued before or after it (a key name's part,
	// "passed", "compass", "bypass")
	if at > 0 && escapeBefore(data, at) == 0 {
		r, _ := utf8.DecodeLastRune(data[:at])
		w0, _ := utf8.DecodeRuneInString(w)
		if r == '\\' || r == '_' || r == '-' || r == '.' || r == '$' || r == '/' || unicode.IsLetter(r) && !gluedScript(r) && !gluedScript(w0) || unicode.IsDigit(r) {
			return // (a word of a script without blanks may follow a Latin one: "wifi密码是X")
		}
	}
	p := at + len(w)
	if tag >= pwPhraseInflected {
		// an inflected form: "lösenordet", "passordet", "salasanasi", "şifreniz",
		// "hasła" is no suffix but "hasło" is the anchor; up to four lower-case letters
		p = pwSuffix(data, p)
	}
	if vs, ve, ok := nextClauseValue(data, p, lineEnd(data, p, 200)); ok {
		d.emit(sc, w, vs, ve) // (pwnextclause.go)
		return
	}
	if p < len(data) {
		r, _ := utf8.DecodeRune(data[p:])
		if r == '_' || r == '-' || r == '.' || r == '(' || unicode.IsLetter(r) && !gluedScript(r) || unicode.IsDigit(r) {
			return
		}
	}
	end := lineEnd(data, p, 200)
	r0, _ := utf8.DecodeRuneInString(w)
	verb := len(w) == 4 && hasPrefixFold(data, at, "pass") && !userBefore(data, at)
	// (a word first on its line with its value is a "KEY value" setting: the key/value
	// reader's, like the verb's, no value is read straight after it)
	verb = verb || lineStartAt(data, at)
	if tag >= pwPhraseInflected && !verb {
		// a mark glued to another language's word ("нууц үг: X", "գաղտնաբառը՝ X"): the
		// key/value reader reads no key of two words before ':', nor Armenian's mark
		for _, m := range []string{":", "՝", "："} {
			if m == ":" && (bytes.IndexByte([]byte(w), ' ') < 0 || w == "mot de passe") {
				continue // a word of one piece before ':' is a key the key/value reader names
			}
			if bytes.HasPrefix(data[p:end], []byte(m)) {
				q := run(data[:end], p+len(m), cBlank, -1)
				if q > p+len(m) {
					if vs, ve, ok := pwPhraseReadProse(data, q, end, true); ok {
						d.emit(sc, w, vs, ve)
						return
					}
				}
			}
		}
	}
	// "Temp password: khulna eilat 40#": a passphrase with blanks to the line's end,
	// which the key/value reader (its first word) does not take
	if p+1 < end && data[p] == ':' && (data[p+1] == ' ' || data[p+1] == '\t') {
		q := run(data[:end], p+1, cBlank, -1)
		if vs, ve, ok := lineRestPassphrase(data, q, end, false); ok {
			d.emit(sc, w, vs, ve)
			return
		}
		// or a quoted one: "κωδικός: ‘velvet nimbus falcon 21’", "kata sandi: 'a b c 11'"
		// (unquoted, a passphrase without a sign is a test log's "PASS: mbind sections 12")
		if vs, ve, ok := pwPhraseReadProse(data, q, end, true); ok && (bytes.IndexByte(data[vs:ve], ' ') > 0 || data[q] == '\\') && !(vs == q && numberedPassphrase(data[vs:ve])) {
			d.emit(sc, w, vs, ve)
			return
		}
	}
	if vs, ve, ok := pwPhraseValue(data, p, end, gluedScript(r0), verb, tag < pwPhraseInflected); ok {
		d.emit(sc, w, vs, ve)
		return
	}
	// the value alone on the next line: "password below:", "密码如下："
	if w != "pass" && w != "pw" && w != "pwd" {
		if vs, ve, ok := nextLineValue(data, p, end); ok {
			d.emit(sc, w, vs, ve)
		}
	}
}

// emit reports the value at vs:ve unless it is a dotted host name: "add password
// edge1.corp.example.org {…}" names the host the password opens before the password.
// A vendor's documented sample ("…EXAMPLEKEY", AWS's) is no one's password either.
// After a word w with another meaning (pwAmbiguousWords), the value must be a
// generated one (pwAmbiguousValue).
func (d *pwPhraseDet) emit(sc *scanner, w string, vs, ve int) {
	if dottedHostName(sc.data[vs:ve]) || bytes.Contains(sc.data[vs:ve], []byte("EXAMPLE")) {
		return
	}
	if pwAmbiguousWords[w] && (!pwAmbiguousValue(sc.data[vs:ve]) || pwLongerWordAt(sc.data, vs, w)) {
		return
	}
	sc.emit(d.password, vs, ve, string(sc.data[vs:ve]))
}

// pwPhraseValue reads the value after a password's word ending at p: after blanks
// alone, or after up to six words and a copula or mark.
//
// "pass" is also English's verb ("pass force_zip64 to …", "pass FcChar8* pointers"):
// unless a user name stands before it (verb false), no value is read straight after
// it. English's words take English's copulas alone ("pass on glibc2.8": "on" is
// Finnish's "is").
func pwPhraseValue(data []byte, p, end int, glued, verb, english bool) (int, int, bool) {
	// English's "password" is the loanword other languages' sentences take ("Ang
	// password ng server ay X"); "pass" and "pw" are English's verbs and short forms
	loan := p >= 8 && bytes.EqualFold(data[p-8:p], []byte("password"))
	own := pwOwnCopula(data[:p])
	// a glued copula straight after the word ("密码是X", "パスワードは X")
	if glued {
		for _, g := range pwPhraseGlued {
			if bytes.HasPrefix(data[p:end], []byte(g)) {
				return pwPhraseReadProse(data, run(data[:end], p+len(g), cBlank, -1), end, true)
			}
		}
	}
	// a comma, then the qualifiers: "initial password, rotated after first use: X"
	// (never the value straight after the comma: "password, token" is a list)
	comma := p+1 < end && data[p] == ',' && (data[p+1] == ' ' || data[p+1] == '\t')
	if comma {
		p++
	}
	if p >= end || data[p] != ' ' && data[p] != '\t' {
		return 0, 0, false // ("password: X", "pass=X": the key/value reader's)
	}
	q := run(data[:end], p, cBlank, -1)
	if q >= end {
		return 0, 0, false
	}
	// the value after blanks alone ("password X"): the first token reads as one
	// (a quoted value straight after the word in an SQL statement, PASSWORD 'x', is
	// the SQL reader's, which names it)
	if !comma && (q > p && !(data[q] == '\'' || data[q] == '"') || q > p && !sqlBefore(data, p)) {
		if vs, ve, ok := pwPhraseReadProse(data, q, end, false); ok && !verb {
			return vs, ve, true
		}
	}
	// words, then a copula or a mark
	words := 0
	for q < end && words <= 6 {
		te := q
		for te < end && data[te] != ' ' && data[te] != '\t' {
			te++
		}
		tok := data[q:te]
		// a mark glued to the last word: "net:", "server=" ("pass for the guest net: X")
		if n := len(tok); n > 1 && (tok[n-1] == ':' || tok[n-1] == '=') && !bytes.ContainsAny(tok[:n-1], ":=/\\\"'(){}[]<>") {
			return pwPhraseReadProse(data, run(data[:end], te, cBlank, -1), end, true)
		}
		if own != "" && string(tok) == own {
			// the copula of the word's own language, an ordinary word of others
			// (Samoan "o": "O le upu faʻalilolilo fou o X")
			if vs, ve, ok := clauseLastValue(data, run(data[:end], te, cBlank, -1), end); ok {
				return vs, ve, true
			}
		}
		if c := string(bytes.ToLower(tok)); pwPhraseCopulas[c] && (!english || pwEnglishCopulas[c] || pwLoanCopulas[c]) {
			if words == 0 && (c == ":" || c == "=" || c == "->" || c == "=>") {
				return 0, 0, false // "password = x": an assignment, the key/value reader's
			}
			vs, ve, ok := pwPhraseReadProse(data, run(data[:end], te, cBlank, -1), end, true)
			if ok && c == "to" && english && !pwSigned(data[vs:ve]) {
				return 0, 0, false // "pass … to oauth2client": where, not what
			}
			return vs, ve, ok
		}
		// a copula of a language the lists above lack ("La pasvorto de la servilo estas
		// X", "Ang password ng server ay X"): a short word of letters that stands before
		// the clause's last token, which reads as a typed password
		if (words > 0 || !english) && unknownCopula(tok, english) && (!english || loan) {
			if vs, ve, ok := clauseLastValue(data, run(data[:end], te, cBlank, -1), end); ok {
				return vs, ve, true
			}
		}
		// a qualifier: a word of letters (a quoted or starred name too), no code
		if len(tok) == 0 || len(tok) > 32 || bytes.ContainsAny(tok, ":=/\\(){}[]<>;|$%#@`") {
			return 0, 0, false
		}
		// a sentence ends with the qualifier: the next one's label and mark name
		// something else ("password combination. R5: Regulatory-21", "… policy. Note:
		// …"); an abbreviation's dots ("e.g.") end none
		if n := len(tok); n > 1 && (tok[n-1] == '.' || tok[n-1] == '!' || tok[n-1] == '?') && bytes.IndexByte(tok[:n-1], '.') < 0 {
			return 0, 0, false
		}
		words++
		q = run(data[:end], te, cBlank, -1)
	}
	return 0, 0, false
}

// pwPhraseRead reads the value at p, quoted or up to the next blank, and accepts it
// when it reads as a typed password.
func pwPhraseRead(data []byte, p, end int) (int, int, bool) {
	if p >= end {
		return 0, 0, false
	}
	vs, ve := p, p
	switch q := data[p]; q {
	case '"', '\'':
		c := bytes.IndexByte(data[p+1:end], q)
		if c < 0 {
			return 0, 0, false
		}
		vs, ve = p+1, p+1+c
	case '`':
		return 0, 0, false // code's markup: a name ("pass `asn1Spec` to …")
	default:
		if c := csvFieldEnd(data, p, end, false); c > p && extendedValueShape(data[p:c]) {
			// a quoted CSV field's prose: the value runs to the field's closing quote,
			// its quotes, apostrophes, '=', ';' and final mark its own ("initial
			// password X'15"); the field's end, not typedPassword's stop signs, bounds it
			v := data[p:c]
			if bytes.IndexAny(v[:1], "*&^") >= 0 || !pwPhraseShape(v) || pwPhraseNotValue(v) {
				return 0, 0, false
			}
			return p, c, true
		}
		if c := csvFieldEnd(data, p, end, true); c > p && blankedPassphrase(data[p:c]) {
			return p, c, true // "initial password davao lampang 14'": the field's rest
		}
		for ve < end && data[ve] != ' ' && data[ve] != '\t' && data[ve] != '"' && data[ve] != '\'' && data[ve] != '`' && !(data[ve] == '<' && tagOpenAt(data, ve, end)) {
			if data[ve] == '&' && ve+1 < end && (data[ve+1] == '#' || pwEntity(data[ve+1:end])) {
				// an HTML entity ends the word: "X&quot;", "&#33;" — unless the word
				// goes on after it ("Valpo22&amp;luxor!" in an HTML body)
				if e := entityEnd(data, ve, end); e > ve && e < end && isProseTokenByte(data[e]) {
					ve = e
					continue
				}
				break
			}
			if data[ve] == '\\' && ve+1 < end && bytes.IndexByte([]byte(`nrt"'\u`), data[ve+1]) >= 0 {
				break // a JSON or C escape ends the word: "…X\n# next step"
			}
			ve++
		}
		for ve > vs && bytes.IndexByte([]byte(",;)]}"), data[ve-1]) >= 0 {
			ve-- // the sentence's mark
		}
		ve = proseTokenEnd(data, vs, ve)
		for ve > vs && bytes.IndexByte([]byte(",;)]}"), data[ve-1]) >= 0 {
			ve--
		}
		if ve-vs > 2 && data[vs] == '*' && data[ve-1] == '*' {
			vs, ve = vs+1, ve-1 // markup's emphasis: "*X*"
		}
	}
	v := data[vs:ve]
	if bytes.IndexByte(v, '&') >= 0 {
		v = htmlUnescape(v)
	}
	if bytes.ContainsAny(v, "{}[]()<>\"';") && !clauseToken(data, vs, ve, end, v) {
		return 0, 0, false // markup or code: "non-{@code", "creds[1]"
	}
	if !blankPasswordValue(v) || !pwPhraseShape(v) || pwPhraseNotValue(v) {
		return 0, 0, false
	}
	return vs, ve, true
}

// clauseToken reports a token [vs, ve) that ends its clause (clauseEndAt) and reads as
// a typed password with the signs code and markup also use ("Smopzve;0113 — please
// reset it", "estas Qzeycmo<3830</p>"): u is the token with its HTML entities decoded.
// Code's shapes stay refused: a call, an index, a template, a tag.
func clauseToken(data []byte, vs, ve, end int, u []byte) bool {
	if ve-vs < 8 || ve-vs > 64 || !clauseEndAt(data, ve, end) {
		return false
	}
	if bytes.IndexAny(u[:1], "<{[($%") >= 0 || bytes.Contains(u, []byte("()")) || bytes.Contains(u, []byte("${")) ||
		bytes.Contains(u, []byte("{{")) || bytes.Contains(u, []byte("<%")) || bytes.Contains(u, []byte("</")) {
		return false
	}
	upper, lower, digit := false, false, false
	for _, c := range u {
		switch {
		case c <= ' ' || c >= 0x7f:
			return false
		case is(c, cUpper):
			upper = true
		case is(c, cLower):
			lower = true
		case is(c, cDigit):
			digit = true
		}
	}
	return digit && lower && upper
}

// entityEnd returns the end of the HTML character reference at p ("&amp;", "&#39;",
// "&#x27;"), or p.
func entityEnd(data []byte, p, end int) int {
	q := p + 1
	if q < end && data[q] == '#' {
		q++
		if q < end && (data[q] == 'x' || data[q] == 'X') {
			q++
		}
		s := q
		for q < end && q-s < 6 && isHex(data[q]) {
			q++
		}
		if q == s || q >= end || data[q] != ';' {
			return p
		}
		return q + 1
	}
	if !pwEntity(data[q:end]) {
		return p
	}
	return bytes.IndexByte(data[q:end], ';') + q + 1
}

// isProseTokenByte reports a byte that continues a token of running text: printable
// ASCII other than blanks, quotes, '<' and '`'.
func isProseTokenByte(c byte) bool {
	return c > ' ' && c < 0x7f && c != '"' && c != '\'' && c != '<' && c != '`'
}

// pwPhraseNotValue reports the typed-looking words that text puts after a password's
// word and that name something else: a file ("passwd.txt", "pw.db"), a version or
// number ("2.0.1", "v1.2"), an e-mail address, a hash's name ("sha512crypt"), an
// option ("--stdin").
func pwPhraseNotValue(v []byte) bool {
	if v[0] == '-' || bytes.IndexByte(v, '@') > 0 && bytes.IndexByte(v, '.') > bytes.IndexByte(v, '@') {
		return true
	}
	if i := bytes.LastIndexByte(v, '.'); i > 0 && i < len(v)-1 && len(v)-i <= 5 {
		ext := v[i+1:]
		if run(ext, 0, cLower, len(ext)) == len(ext) && run(v, 0, cLower|cDigit|cDash|cUnder, i) == i {
			return true // a file name: "passwords.txt", "pw_v2.db"
		}
	}
	letters := 0
	for _, c := range v {
		if is(c, cLower|cUpper) {
			letters++
		}
	}
	if letters <= 1 {
		return true // "2.0.1", "v1.2", "#1234"
	}
	low := bytes.ToLower(v)
	for _, h := range []string{"sha1", "sha256", "sha512", "md5", "bcrypt", "scrypt", "argon2", "pbkdf2", "yescrypt", "utf8", "utf-8", "base64", "x509", "pkcs"} {
		if bytes.Contains(low, []byte(h)) {
			return true
		}
	}
	return false
}

// pwPhraseShape asks more of a value than typedPassword, since prose puts words of
// its own after a password's word: a digit or a sign that is no sentence's end
// ("expired?" is a question), and no lower-case word joined by hyphens to a number
// ("v4-mapped") unless it is a passphrase, no hexadecimal number.
func pwPhraseShape(v []byte) bool {
	body := bytes.TrimRight(v, "?!.")
	if !bytes.ContainsAny(body, "0123456789!#$%&*+?~^@=") {
		// letters alone: a generator's random case cut by joiners, or words with a
		// tail of mixed-case letters (pwshape.go); prose's words are neither
		return joinedScrambled(body) || wordsLetterTail(body)
	}
	if hasPrefixFold(v, 0, "0x") {
		return false
	}
	other := 0
	for _, c := range v {
		if !is(c, cLower|cDash|cDot|cUnder) {
			other++
		}
	}
	if !bytes.ContainsAny(v, "0123456789") && other <= 2 {
		return false // lower-case words and a sign or two: "sprintf-%g-like"
	}
	if i := bytes.IndexByte(v, '@'); i > 0 && run(v, i+1, cLower|cDot|cDash, len(v)) == len(v) {
		return false // an address: "user@site", "anonymous@ftp.example"
	}
	if run(v, 0, cLower|cDigit|cDash, len(v)) == len(v) && bytes.IndexByte(v, '-') >= 0 && !passphrase(v) {
		return false
	}
	return true
}

// pwSigned reports a sign in v other than the ones names and sentences hold.
func pwSigned(v []byte) bool {
	return bytes.ContainsAny(bytes.TrimRight(v, "?!."), "!#$%&*+?~^@=")
}

// userBefore reports a user's or login's word in the 48 bytes before at on its line:
// "user deploy / pass X", "login: bob pass X".
func userBefore(data []byte, at int) bool {
	ls := lineStartWithin(data, at, 48)
	return containsFold(data[ls:at], "user", "login")
}

// pwEntity reports a named HTML entity's name and ';' at the start of b.
func pwEntity(b []byte) bool {
	for _, n := range []string{"quot;", "amp;", "lt;", "gt;", "apos;", "nbsp;"} {
		if hasPrefixFold(b, 0, n) {
			return true
		}
	}
	return false
}

// sqlBefore reports an SQL statement's words on the line before p: CREATE or ALTER a
// role or user, a user mapping's OPTIONS, IDENTIFIED BY.
func sqlBefore(data []byte, p int) bool {
	ls := lineStartWithin(data, p, 256)
	return containsFold(data[ls:p], "create ", "alter ", "options", "identified", " role ", " user ")
}

// csvFieldEnd returns the end of a value at vs that stands in a quoted CSV field
// (RFC 4180): a field that opens with '"' after a comma, holds prose before vs, and
// closes with a '"' followed by a comma or the line's end; inside it "" is an escaped
// quote and a single quote or ';' is a character like any other. The value runs to
// the field's closing quote when no blank comes first. It returns -1 when vs does
// not stand in such a field, the field is not closed on its line, or the line's start
// lies more than maxProseLineBack bytes back (linear on long lines).
func csvFieldEnd(data []byte, vs, end int, blanks bool) int {
	ls := proseLineStart(data, vs)
	if ls < 0 {
		return -1
	}
	// walk the line's fields up to vs (a quoting of its own: see proseLineStart)
	open, fields := -1, 0
	for i := ls; i < vs; {
		if open < 0 {
			if data[i] == '"' && i > ls && data[i-1] == ',' {
				open = i
				i++
				continue
			}
			if data[i] == '"' {
				return -1 // a quote inside an unquoted field: not CSV
			}
			if data[i] == ',' {
				fields++
			}
			i++
			continue
		}
		if data[i] == '"' {
			if i+1 < vs && data[i+1] == '"' {
				i += 2
				continue
			}
			if i+1 < len(data) && data[i+1] != ',' {
				return -1 // a quote that neither escapes nor closes: not CSV
			}
			open = -1
		}
		i++
	}
	if open < 0 || fields < 1 || bytes.IndexByte(data[open+1:vs], ' ') < 0 {
		return -1
	}
	for r := vs; r < end; r++ {
		switch data[r] {
		case ' ', '\t':
			if !blanks {
				return -1
			}
		case '"':
			if r+1 < end && data[r+1] == '"' {
				r++
				continue
			}
			if r+1 == len(data) || data[r+1] == ',' || data[r+1] == '\n' || data[r+1] == '\r' {
				return r
			}
			return -1
		}
	}
	return -1
}

// blankedPassphrase reports a passphrase written with blanks that a field holds whole:
// two or three lower-case words of three letters or more, then a number of two digits
// or more glued to one sign that ends no sentence ("davao lampang 14'", "odesa volos 63^").
func blankedPassphrase(v []byte) bool {
	parts := bytes.Split(v, []byte{' '})
	if len(parts) < 3 || len(parts) > 4 {
		return false
	}
	for _, w := range parts[:len(parts)-1] {
		if len(w) < 3 || run(w, 0, cLower, len(w)) != len(w) {
			return false
		}
	}
	last := parts[len(parts)-1]
	d := run(last, 0, cDigit, len(last))
	if d < 2 || len(last) != d+1 {
		return false
	}
	return bytes.IndexByte([]byte(".,:;)]}"), last[d]) < 0
}

// pwNotCopulas are the short words that stand before a value in running text and
// say where or how it is kept, not what it is ("password stored in X", "pass for X"):
// English's and the commonest of the lexicon's languages' prepositions and
// conjunctions.
var pwNotCopulas = map[string]bool{"in": true, "at": true, "on": true, "from": true, "with": true, "by": true, "for": true,
	"of": true, "to": true, "the": true, "a": true, "an": true, "and": true, "or": true, "as": true, "via": true, "into": true,
	"than": true, "like": true, "see": true, "not": true, "no": true, "nor": true, "but": true, "if": true, "under": true,
	"using": true, "use": true, "set": true, "get": true, "new": true, "old": true, "file": true, "user": true, "named": true,
	"called": true, "und": true, "oder": true, "mit": true, "von": true, "für": true, "auf": true, "im": true, "dans": true,
	"sur": true, "avec": true, "pour": true, "de": true, "en": true, "con": true, "por": true, "para": true, "per": true,
	"da": true, "na": true, "do": true, "za": true, "w": true, "z": true, "u": true, "v": true, "y": true, "e": true, "et": true,
	"ou": true, "o": true, "den": true, "der": true, "die": true, "das": true, "le": true, "la": true, "les": true, "el": true,
	"del": true, "du": true, "des": true, "il": true, "lo": true, "het": true, "van": true, "voor": true, "met": true, "op": true,
	"och": true, "med": true, "til": true, "och/eller": true}

// unknownCopula reports a word that may be a copula of a language no list here holds:
// letters (and their marks) alone, at most twelve of them, no capital first (a
// sentence's or a name's start), none of pwNotCopulas; after English's word, a word of
// three letters at most (a loanword in another language's sentence: Tagalog's "ay").
func unknownCopula(tok []byte, english bool) bool {
	n := 0
	for i, r := range string(tok) {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r) {
			return false
		}
		if i == 0 && unicode.IsUpper(r) {
			return false
		}
		n++
	}
	if n == 0 || n > 12 || english && n > 3 {
		return false
	}
	return !pwNotCopulas[string(bytes.ToLower(tok))]
}

// clauseLastValue reads the value at p that ends its clause: pwPhraseReadProse's value,
// then nothing but closing marks before the line's, string's or element's end, a
// spaced dash or a symbol of another script (Concordance's '®' line break). The
// value must hold a letter and a digit.
func clauseLastValue(data []byte, p, end int) (int, int, bool) {
	vs, ve, ok := pwPhraseReadProse(data, p, end, true)
	if !ok || run(data[vs:ve], 0, cDigit, ve-vs) == ve-vs {
		return 0, 0, false
	}
	// a digit, or a generator's letters without one: random case cut by joiners
	// ("HxvQ_pLrAe-mTbzWq"), words with a tail of mixed-case letters ("tundra.marigoldVk")
	if v := data[vs:ve]; !bytes.ContainsAny(v, "0123456789") && !joinedScrambled(v) && !wordsLetterTail(v) {
		return 0, 0, false
	}
	if !clauseEndAt(data, ve, end) && !nextClauseAt(data, ve, end) {
		return 0, 0, false
	}
	return vs, ve, true
}

// nextClauseAt reports a comma that ends the value's clause at q and a further clause
// after it: ',' (or Arabic script's '،', the ideographic '，' and '、'), blanks, then a
// word of letters ("… mak X, favor troka bilete", "… X، ur t-id-fkeṭ …"). The value
// holds a digit (clauseLastValue), so a list of words ("a, b, c") is none.
func nextClauseAt(data []byte, q, end int) bool {
	n := 0
	switch {
	case q < end && data[q] == ',':
		n = 1
	default:
		for _, m := range []string{"،", "，", "、"} {
			if bytes.HasPrefix(data[q:end], []byte(m)) {
				n = len(m)
			}
		}
	}
	if n == 0 {
		return false
	}
	p := run(data[:end], q+n, cBlank, -1)
	if p == q+n && data[q] == ',' || p >= end {
		return false // "X,Y": a list or a field, not a clause
	}
	r, _ := utf8.DecodeRune(data[p:end])
	return unicode.IsLetter(r)
}

// clauseEndAt reports the end of a clause at q: closing quotes or brackets, then blanks,
// then the end, a tag, a quote, an escape, a spaced dash or a non-ASCII symbol.
func clauseEndAt(data []byte, q, end int) bool {
	quoted := false
	for q < end && bytes.IndexByte([]byte("\"'`)]"), data[q]) >= 0 && !(data[q] == '\\' && q+1 < end && data[q+1] != '"') {
		quoted = quoted || data[q] == '"'
		q++
	}
	if quoted && q < end && (data[q] == ',' || data[q] == ';' || data[q] == '\t' || data[q] == '|') {
		return true // a CSV cell's closing quote, then the next cell ("…: X.",18)
	}
	q = run(data[:end], q, cBlank, -1)
	if q >= end {
		// the end the caller bounds the reading with is the line's only when nothing
		// follows it on the line
		return end >= len(data) || data[end] == '\n' || data[end] == '\r'
	}
	if data[q] == '<' || data[q] == '"' || data[q] == '\r' || data[q] == '\n' {
		return true
	}
	if data[q] == '\\' {
		// an escaped line break or quote ends a string's line; an escaped backslash
		// ("X\\051") is the token's own
		return q+1 < end && bytes.IndexByte([]byte(`nrt"'`), data[q+1]) >= 0
	}
	r, size := utf8.DecodeRune(data[q:end])
	if r >= utf8.RuneSelf && (unicode.IsSymbol(r) || unicode.In(r, unicode.Pd, unicode.Pf, unicode.Pe)) {
		return true
	}
	if (r == '-' || r == '–' || r == '—') && q+size < end && (data[q+size] == ' ' || data[q+size] == '\t') {
		return true
	}
	return false
}

// arabicVariants are letters that the languages written in Arabic script spell one
// sound with differently: Urdu's retroflex "ڈ" is Sindhi's "ڊ", Persian and Urdu's
// "ی" and "ک" are Arabic's "ي" and "ك", Urdu's "ہ" is Arabic's "ه". A loanword
// ("پاسورڈ", password) is written with each language's letter ("پاسورڊ" in Sindhi).
var arabicVariants = [][2]string{{"ڈ", "ڊ"}, {"ی", "ي"}, {"ک", "ك"}, {"ہ", "ه"}}

// withScriptVariants appends to words each word's spellings with arabicVariants'
// letters swapped (one swap at a time, each way), those not already listed.
func withScriptVariants(words []string) []string {
	have := map[string]bool{}
	for _, w := range words {
		have[w] = true
	}
	out := words
	for _, w := range words {
		for _, v := range arabicVariants {
			for _, pair := range [][2]string{{v[0], v[1]}, {v[1], v[0]}} {
				if !strings.Contains(w, pair[0]) {
					continue
				}
				if x := strings.ReplaceAll(w, pair[0], pair[1]); !have[x] {
					have[x] = true
					out = append(out, x)
				}
			}
		}
	}
	return out
}

// tagOpenAt reports a '<' at p that may open a tag or a comment (a letter, '/', '!' or
// '?' after it), not a sign inside a token ("Gentse<293").
func tagOpenAt(data []byte, p, end int) bool {
	if p+1 >= end {
		return true
	}
	c := data[p+1]
	return is(c, cLower|cUpper) || c == '/' || c == '!' || c == '?' || c >= 0x80 || c == ' ' || c == '\t'
}

// pwOwnCopulas are copulas that are read after their own language's word alone, being
// ordinary words of others ("o" is "or" in Spanish, Portuguese and Italian): Samoan's
// "o" and Tongan's "ko" (both mark what is named: "… fou o X", "… foʻou ko X").
var pwOwnCopulas = [][2]string{{"faʻalilolilo", "o"}, {"fa'alilolilo", "o"}, {"faalilolilo", "o"}, {"fufū", "ko"}, {"fufu", "ko"}}

// pwOwnCopula returns the copula of the language whose word ends head, or "".
func pwOwnCopula(head []byte) string {
	for _, c := range pwOwnCopulas {
		if n := len(c[0]); len(head) >= n && bytes.EqualFold(head[len(head)-n:], []byte(c[0])) {
			return c[1]
		}
	}
	return ""
}
