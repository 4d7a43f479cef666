package detect

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// natDet reads secrets named in other languages and in prose: "密钥：sk-…",
// "密码是Winter2024", "パスワード: …", "пароль: …", "contraseña=…", and command lines
// that glue a password to its flag ("mysql -u root -pSecret1"). The name may be
// followed by a colon (ASCII or full-width), '=', a copula ("是", "为", "は", "es") or
// nothing at all between CJK and Latin text; the value is the run of printable ASCII
// that follows.
type natDet struct {
	password, secret *Rule
}

// natWords are the names; password words first (natPasswordWords of them).
var natWords = []string{
	"密码", "密碼", "口令", "パスワード", "пароль", "contraseña", "contrasena", "senha", "passwort", "kennwort",
	"mot de passe", "wachtwoord", "hasło", "parola", "şifre", "비밀번호", "암호",
	// Vietnamese, Hindi, Arabic, Turkish with its possessive ("VPN şifresi"), and the
	// English word itself when a qualifier stands between it and its value
	// ("la password della VPN è: …"); see qualifiers in hit.
	"mật khẩu", "पासवर्ड", "كلمة المرور", "كلمة السر", "şifresi",
	// Swedish, Indonesian and Malay, Greek, Czech and Slovak, Hebrew, Persian, Bengali,
	// Thai, and Turkish capitalised (folding is ASCII only).
	"lösenord", "kata sandi", "κωδικός", "heslo", "סיסמה", "رمز عبور", "পাসওয়ার্ড", "รหัสผ่าน", "Şifre",
	// Hungarian (with its possessives "jelszavam"), Finnish, Norwegian and Danish, Swahili,
	// Urdu, Serbian, Bulgarian (capitalised too: folding is ASCII only), Georgian, Kazakh,
	// Catalan, Malay
	"jelszó", "jelszav", "salasana", "passord", "adgangskode", "nenosiri", "پاس ورڈ", "лозинка", "Лозинка", "парола",
	"Парола", "პაროლი", "құпия сөз", "contrasenya", "kata laluan",
	// Tamil, Khmer, Basque, Icelandic, Estonian, Croatian and Bosnian in Latin script,
	// Afrikaans
	"கடவுச்சொல்", "ពាក្យសម្ងាត់", "pasahitza", "lykilorð", "parool", "lozinka", "wagwoord",
	// Galician, Yoruba ("ọ̀rọ̀ aṣínà", read from its second word), Maltese with its
	// article glued ("il-password … hija …")
	"contrasinal", "aṣínà", "il-password",
	"password",
	"密钥", "秘钥", "密鑰", "令牌", "秘密鍵", "トークン", "apiキー", "токен", "ключ", "clave", "schlüssel", "jeton", "토큰",
	// Hungarian "kulcs" (kulcsom, kulcsot), Danish and Norwegian, Finnish, Kazakh, Swahili
	"kulcs", "nøgle", "nøkkel", "avain", "кілті", "ufunguo",
	// Italian, Vietnamese, Hebrew (also read inside "המפתח", "the key"), Indonesian and
	// Malay, Romanian, Portuguese: a support chat's "la chiave che usiamo in produzione:
	// …", "khóa API cũ: …", "המפתח שלי הוא …" (issue 11: held6's tickets)
	"chiave", "khóa", "מפתח", "kunci", "cheie", "chave",
}

const natPasswordWords = 57

// natFlags are the command-line anchors read after natWords.
var natFlags = []string{" -p", " -a ", " -u ", " --user ", `"-p`, "'-p"}

// natCased are the capitalised and upper-case spellings of the names whose first
// letter is not ASCII ("Пароль", "ПАРОЛЬ", "Κωδικός"): the anchors fold ASCII only, and
// a sentence or a heading starts with a capital (found by the held14 evaluation split).
// natCasedBase holds the index in natWords each one spells.
var natCased, natCasedBase = func() ([]string, []int) {
	have := map[string]bool{}
	for _, w := range natWords {
		have[w] = true
	}
	var out []string
	var base []int
	for i, w := range natWords {
		r, n := utf8.DecodeRuneInString(w)
		if r < 0x80 {
			continue
		}
		for _, c := range []string{string(unicode.ToTitle(r)) + w[n:], strings.ToUpper(w)} {
			if !have[c] {
				have[c] = true
				out = append(out, c)
				base = append(base, i)
			}
		}
	}
	return out, base
}()

func (d *natDet) anchors() []string {
	a := append(natWords[:len(natWords):len(natWords)], natFlags...)
	return append(a, natCased...)
}

// natSeps are the connectors between a name and its value.
var natSeps = [][]byte{
	// Romanian "este" before the "est"/"es" it starts with; Norwegian and Danish "er",
	// Finnish "on", Swahili "ni", Serbian "је", Bulgarian "е", Catalan "és" (each with its
	// space: they are words)
	[]byte("este "), []byte("er "), []byte("on "), []byte("ni "), []byte("је "), []byte("е "), []byte("és "),
	[]byte("："), []byte(":"), []byte("="), []byte("是"), []byte("为"), []byte("為"), []byte("は"),
	[]byte("が"), []byte("-"), []byte("—"), []byte("est"), []byte("es"), []byte("ist"), []byte("é"), []byte("لا"),
	// Korean topic and subject particles glued to the name ("비밀번호는 …", "암호가 …"),
	// and the verbs that introduce a value ("das Kennwort lautet …", "heißt").
	[]byte("는"), []byte("은"), []byte("가"), []byte("이"), []byte("lautet"), []byte("lauten"), []byte("heißt"),
	// Vietnamese "là", Hindi "है", Arabic "هي"/"هو", Italian "è"
	[]byte("là"), []byte("है"), []byte("هي"), []byte("هو"), []byte("è"),
	// Thai "คือ" (is), glued to the word, and Polish "to" ("hasło do serwera to …")
	[]byte("คือ"), []byte("to "),
	// Khmer "គឺ" (is), glued like Thai's
	[]byte("គឺ"),
	// the copula of the Western South Slavic languages, Czech and Slovak ("heslo k
	// serveru je …", "lozinka je …") and of Dutch and Afrikaans ("die wagwoord is …"),
	// read after those languages' names only (see natCopulaOnly)
	[]byte("je "), []byte("is "),
	// Maltese "hija"/"huwa" (is), after the Maltese name only
	[]byte("hija "), []byte("huwa "),
	// Hebrew "הוא"/"היא" (is: literally "he", "she"), after the Hebrew names only
	[]byte("הוא "), []byte("היא ")}

// natCopulaOnly reports a separator that is a copula of some languages and an ordinary
// word of others ("to", "je", "is"): it is read after a name of those languages only,
// never after English "password", whose prose the key rules read.
func natCopulaOnly(s []byte, w string) bool {
	switch string(s) {
	case "to ":
		return w != "hasło"
	case "je ", "is ":
		return w == "password"
	case "hija ", "huwa ":
		return w != "il-password"
	case "הוא ", "היא ":
		return w != "מפתח" && w != "סיסמה"
	}
	return false
}

// natAdverbs are the words of time that stand between a copula and its value ("parool
// on nüüd …", "das Passwort ist jetzt …", "the password is now …"): they are stepped
// over, not read as the value.
var natAdverbs = []string{"now", "nüüd", "jetzt", "nun", "nyní", "teraz", "sada", "sedaj", "nou", "nu", "nú", "ahora", "agora", "ora", "maintenant",
	"sekarang", "şimdi", "acum", "most", "nyt", "nå", "still", "noch", "currently", "today", "tänään", "vandag", "danes", "dnes", "danas", "täna", "í dag", "issa"}

// natAdverb returns p past a word of natAdverbs and its blank, or p.
func natAdverb(data []byte, p int) int {
	for _, a := range natAdverbs {
		if hasPrefixFold(data, p, a) && p+len(a) < len(data) && data[p+len(a)] == ' ' {
			return p + len(a) + 1
		}
	}
	return p
}

// natQualifier reads a short word of letters followed by a space: the qualifier
// between a name and its separator ("mot de passe du VPN : …", "mật khẩu database
// là …"). It returns p when there is none.
func natQualifier(data []byte, p int) int {
	q := p
	for q < len(data) && q-p <= 24 {
		if q > p && data[q] >= 0x80 && gluedSepAt(data, q) {
			return q // a script written without spaces glues the qualifier to the copula: Khmer "ថ្មីគឺ"
		}
		switch {
		case is(data[q], cLower|cUpper) || data[q] >= 0x80 || data[q] == '\'' || q > p && data[q] == '-' && q+1 < len(data) && is(data[q+1], cLower):
			q++ // (a hyphen inside a word: "wifi-en")
			continue
		case q > p && qpByteAt(data, q):
			q += 3 // a quoted-printable byte of the word: "f=C3=BCr" (für)
			continue
		}
		break
	}
	if q == p || q-p > 24 || q >= len(data) || data[q] != ' ' && data[q] != ':' {
		return p
	}
	// (a word glued to a colon is the last qualifier: "Kennwort für den Server: …")
	return q
}

// gluedSepAt reports a separator of a script written without spaces at q ("คือ", "គឺ").
func gluedSepAt(data []byte, q int) bool {
	for _, s := range natSeps {
		if s[0] >= 0xe0 && s[0] < 0xf0 && len(s) >= 6 && bytes.HasPrefix(data[q:], s) {
			return true
		}
	}
	return false
}

// inlineTagAt returns the length of an HTML emphasis tag opening at p ("<b>", "<code>"),
// which mail and pages wrap a value in ("Passwort: <b>…</b>"), or 0.
func inlineTagAt(data []byte, p int) int {
	for _, t := range []string{"<b>", "<strong>", "<code>", "<kbd>", "<tt>", "<em>", "<i>"} {
		if bytes.HasPrefix(data[p:], []byte(t)) {
			return len(t)
		}
	}
	return 0
}

func (d *natDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	switch tag - len(natWords) {
	case 0:
		if at+3 < len(data) && data[at+3] == ' ' {
			d.cliFlag(sc, di, at, 0) // "-p SECRET"
		} else {
			d.mysqlFlag(sc, di, at) // "-pSECRET"
		}
		return
	case 1, 2, 3:
		d.cliFlag(sc, di, at, tag-len(natWords))
		return
	case 4, 5:
		d.mysqlFlag(sc, di, at) // an argument vector: ["mysql", "-pSECRET"]
		return
	}
	w := ""
	if c := tag - len(natWords) - len(natFlags); c >= 0 {
		w, tag = natCased[c], natCasedBase[c]
	} else {
		w = natWords[tag]
	}
	if !hasPrefixFold(data, at, w) {
		return
	}
	p := at + len(w)
	if tag == natPasswordWords-1 && (p >= len(data) || data[p] != ' ' || at > 0 && data[at-1] != ' ' && data[at-1] != '"' && data[at-1] != '\'') {
		return // English "password" is read only before a qualifier ("password of the VPN: …")
	}
	// An inflected name: the definite or possessive ending glued to it ("Passordet",
	// "nøglen", "kulcsom", "Паролата") ends at a space.
	if r, _ := utf8.DecodeLastRuneInString(w); w != "password" && r < 0x530 {
		p = natInflection(data, p)
	}
	// A name quoted as a key ("passwort": "…", 'kennwort' => '…'): step over its
	// closing quote so the separator is read.
	if at > 0 && p < len(data) && (data[at-1] == '"' || data[at-1] == '\'') && data[p] == data[at-1] {
		p++
	}
	// "<パスワード>…</パスワード>": an element the word names; its text is the value
	elem := at > 0 && data[at-1] == '<' && p < len(data) && data[p] == '>'
	if elem {
		p++
	}
	// "API 密钥", "密钥 (API)": skip a short qualifier in parentheses
	seps, quals := 0, 0
	eqSep := false // "name=value": a query's or a file's syntax, not prose
	for k := 0; k < 7 && p < len(data) && !elem; k++ {
		q := p
		for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
			q++
		}
		if bytes.HasPrefix(data[q:], []byte("\u3000")) {
			q += 3
		}
		if seps == 0 {
			if r := proseAside(data, q); r > q {
				p = r // "das Passwort (gilt bis Freitag): …", "— lo cambió Marta —"
				quals++
				continue
			}
		}
		matched := false
		for _, s := range natSeps {
			if natCopulaOnly(s, w) {
				continue // Polish "to" is a copula after Polish words only: "password according to rfc7613"
			}
			if bytes.HasPrefix(data[q:], s) {
				q += len(s)
				matched = true
				seps++
				eqSep = len(s) == 1 && s[0] == '='
				break
			}
		}
		if !matched && seps == 0 && quals < 6 && (q > p || q < len(data) && data[q] >= 0xe0 && data[q] < 0xf0 && data[at] >= 0xe0) {
			// a qualifier before the separator: up to six short words ("mot de
			// passe que nous avons mis est …", "lykilorðið á þráðlausa netið á
			// skrifstofunni er …")
			if r := natQualifier(data, q); r > q {
				p = r
				quals++
				continue
			}
		}
		p = q
		if !matched {
			break
		}
	}
	if elem {
		seps = 1
	}
	if w == "password" && quals == 0 || quals > 0 && (seps == 0 || !natSepEnds(data, p)) {
		return // a qualifier must be followed by a separator; English only with one
	}
	if w == "password" && (at > 0 && data[at-1] != ' ' && data[at-1] != '"' && data[at-1] != '\'' || bytes.IndexByte(data[at:p], '=') >= 0) {
		return // an identifier (ERROR_BAD_PASSWORD  Handle = 0x…), code: the key rules read those
	}
	for p < len(data) && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	if seps > 0 && !elem {
		p = natAdverb(data, p)
	}
	if seps == 0 && p == at+len(w) {
		// Glued: only CJK names glue to a Latin value ("密码Winter2024").
		if r, _ := utf8.DecodeRuneInString(w); r < 0x3000 {
			return
		}
	}
	vs := p
	if seps > 0 && !elem {
		// an escaped line break after the mark ("Passwort siehe unten:\nX" in a JSON
		// string): the value is the next line's
		for vs+1 < len(data) && data[vs] == '\\' && (data[vs+1] == 'n' || data[vs+1] == 'r') {
			vs += 2
		}
	}
	quote := byte(0)
	if elem {
		quote = '<'
	} else if n := inlineTagAt(data, vs); n > 0 {
		vs += n
		quote = '<' // the value ends where its element does
	} else if vs < len(data) && (data[vs] == '"' || data[vs] == '\'' || data[vs] == '`') {
		quote = data[vs]
		vs++
	} else if bytes.HasPrefix(data[vs:], []byte("「")) || bytes.HasPrefix(data[vs:], []byte("“")) {
		vs += 3
	} else if bytes.HasPrefix(data[vs:], []byte("«")) {
		// French guillemets, with the (possibly no-break) space inside them
		vs += 2
		vs += noBreakSpaceAt(data[vs:])
		for vs < len(data) && data[vs] == ' ' {
			vs++
		}
	}
	ve := vs
	for ve < len(data) && ve-vs < 256 && data[ve] > 0x20 && data[ve] < 0x7f && data[ve] != quote && (quote != 0 || data[ve] != '"') {
		if eqSep && (data[ve] == '&' || data[ve] == '\\' || data[ve] == ';') {
			break // the next parameter, an escape of the text around ("…\n+…"), a statement's end
		}
		if data[ve] == '<' && ve+2 < len(data) && data[ve+1] == '/' && is(data[ve+2], cLower|cUpper) && closingTagAt(data, ve) {
			break // the element that holds the sentence closes: "…: X</body>"
		}
		ve++
	}
	// (a value its element's end bounds keeps its last sign: "…: X;</text>")
	for ve > vs && !closingTagAt(data, ve) && bytes.IndexByte([]byte(".,;)"), data[ve-1]) >= 0 {
		ve--
	}
	if ve-vs < 6 {
		return
	}
	v := data[vs:ve]
	if eqSep && at > 0 && (data[at-1] == '&' || data[at-1] == '?') && hasPercentEscape(v) {
		v = formDecode(v) // a parameter of a query or a form: '+' a blank, %XX a byte
	}
	if isPlaceholder(v) {
		return
	}
	if tag < natPasswordWords {
		// (a sentence's final mark is no sign: "Passwort vergessen?", "… is verplicht!")
		if lw := escapedLetters(v); !passwordValue(v) || !bytes.ContainsAny(lw, "0123456789!@#$%^&*+=?~/\\|<>") && !randomLetters(lw) || sentenceWord(v) || dateValue(v) {
			return
		}
		if quals > 0 && notAPassword([]byte(w), v) {
			return
		}
		sc.emit(d.password, vs, ve, string(v))
	} else {
		// a password as a policy asks for it only in quotes or an element, where a
		// setting keeps its value (policyPlaceAt)
		if !genericSecretValue(v) && !(quote != 0 && ve < len(data) && (data[ve] == quote || quote == '<') && policyPassword(v)) {
			return
		}
		sc.emit(d.secret, vs, ve, string(v))
	}
	sc.skip[di] = ve
}

// mysqlFlag reads the password glued to -p on a MySQL client's command line.
func (d *natDet) mysqlFlag(sc *scanner, di, at int) {
	data := sc.data
	if at+3 >= len(data) || data[at] != ' ' && data[at] != '"' && data[at] != '\'' || data[at+1] != '-' || data[at+2] != 'p' {
		return
	}
	line := data[max(0, at-256):at]
	if nl := bytes.LastIndexByte(line, '\n'); nl >= 0 {
		line = line[nl+1:]
	}
	if !bytes.Contains(line, []byte("mysql")) && !bytes.Contains(line, []byte("mariadb")) {
		return
	}
	vs := at + 3
	ve := vs
	quoted := false
	if qs, qe := quotedFlagValue(data, vs); qe > qs {
		vs, ve, quoted = qs, qe, true // -p'…'
	}
	for !quoted && ve < len(data) && data[ve] > 0x20 && data[ve] < 0x7f && data[ve] != '\'' && data[ve] != '"' {
		ve++
	}
	v := data[vs:ve]
	if len(v) < 4 || isPlaceholder(v) || !passwordValue(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}

// cliTools are the command-line clients whose short flag takes a password as its
// argument: "sshpass -p SECRET", "docker login -u ci -p SECRET", "redis-cli -a SECRET",
// and "curl -u user:SECRET" (user and password joined by a colon).
var cliTools = [...][]string{
	// (registry clients take -p only in their login command: "docker run -p 80:80"
	// publishes a port)
	0: {"sshpass", "docker login", "podman login", "nerdctl login", "buildah login", "oras login", "helm registry login", "cf login",
		"mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport"},
	1: {"redis-cli", "valkey-cli", "keydb-cli"},
	2: {"curl", "ftp", "lftp", "wget"},
	3: {"curl", "lftp", "wget"},
}

// cliFlag reads a password given to a known client after a short flag and a space.
// kind: 0 " -p VALUE", 1 " -a VALUE", 2 " -u user:VALUE", 3 " --user user:VALUE".
func (d *natDet) cliFlag(sc *scanner, di, at, kind int) {
	data := sc.data
	flag := [...]string{" -p ", " -a ", " -u ", " --user "}[kind]
	if !bytes.HasPrefix(data[at:], []byte(flag)) {
		return
	}
	// the command: the line up to the flag, from the last pipe or command separator
	cmd := data[max(0, at-256):at]
	if nl := bytes.LastIndexByte(cmd, '\n'); nl >= 0 {
		cmd = cmd[nl+1:]
	}
	for _, sep := range []string{"|", ";", "&&"} {
		if i := bytes.LastIndex(cmd, []byte(sep)); i >= 0 {
			cmd = cmd[i+len(sep):]
		}
	}
	tool := false
	for _, w := range cliTools[kind] {
		name, sub, _ := strings.Cut(w, " ")
		if i := bytes.Index(cmd, []byte(name)); i >= 0 && (i == 0 || !is(cmd[i-1], cWord|cDash)) &&
			(i+len(name) == len(cmd) || cmd[i+len(name)] == ' ') && (sub == "" || bytes.Contains(cmd[i+len(name):], []byte(" "+sub+" "))) {
			tool = true
			break
		}
	}
	if !tool {
		return
	}
	vs := at + len(flag)
	quote := byte(0)
	if vs < len(data) && (data[vs] == '\'' || data[vs] == '"') {
		quote = data[vs]
		vs++
	}
	ve := vs
	for ve < len(data) && ve-vs < 256 && data[ve] > 0x20 && data[ve] < 0x7f && data[ve] != quote {
		ve++
	}
	if quote != 0 && (ve >= len(data) || data[ve] != quote) {
		return
	}
	if kind >= 2 {
		// user:password; a user alone makes the client prompt
		c := bytes.IndexByte(data[vs:ve], ':')
		if c <= 0 {
			return
		}
		vs += c + 1
		if quote == 0 && vs < ve && (data[vs] == '\'' || data[vs] == '"') && data[ve-1] == data[vs] {
			vs, ve = vs+1, ve-1 // user:'password'
		}
	}
	if ve <= vs {
		return
	}
	v := data[vs:ve]
	if len(v) < 4 || v[0] == '$' || v[0] == '-' || isPlaceholder(v) || !passwordValue(v) {
		return
	}
	if !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~") && !randomLetters(v) {
		return // a word: the next argument, or a sample password ("test:test")
	}
	sc.emit(d.password, vs, ve, string(v))
	sc.skip[di] = ve
}

// natSepEnds reports whether the separators read end where a value can start: after
// spaces or a colon, not inside a word ("password è…" is fine, "passwordest" is not).
func natSepEnds(data []byte, p int) bool {
	return p < len(data) && p > 0 && (data[p-1] == ' ' || data[p-1] == ':' || data[p-1] >= 0x80)
}

// natInflection steps over up to eight bytes of letters glued to a Latin or Cyrillic
// name when a space follows them: an ending of the word's inflection, not a value.
func natInflection(data []byte, p int) int {
	q := p
	for q < len(data) && q-p <= 8 && (is(data[q], cLower) || data[q] >= 0xc3 && data[q] <= 0xd1 || data[q] >= 0x80 && data[q] <= 0xbf && q > p) {
		q++
	}
	if q > p && q-p <= 8 && q < len(data) && (data[q] == ' ' || data[q] == ':') {
		return q
	}
	return p
}
