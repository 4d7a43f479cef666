package detect

import (
	"bytes"
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
	"密钥", "秘钥", "密鑰", "令牌", "秘密鍵", "トークン", "apiキー", "токен", "ключ", "clave", "schlüssel", "jeton", "토큰",
}

const natPasswordWords = 17

func (d *natDet) anchors() []string { return append(natWords[:len(natWords):len(natWords)], " -p") }

// natSeps are the connectors between a name and its value.
var natSeps = [][]byte{[]byte("："), []byte(":"), []byte("="), []byte("是"), []byte("为"), []byte("為"), []byte("は"),
	[]byte("が"), []byte("-"), []byte("—"), []byte("es"), []byte("ist"), []byte("est"), []byte("é"), []byte("لا")}

func (d *natDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if tag == len(natWords) {
		d.mysqlFlag(sc, di, at)
		return
	}
	w := natWords[tag]
	if !hasPrefixFold(data, at, w) {
		return
	}
	p := at + len(w)
	// "API 密钥", "密钥 (API)": skip a short qualifier in parentheses
	seps := 0
	for k := 0; k < 4 && p < len(data); k++ {
		q := p
		for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
			q++
		}
		if bytes.HasPrefix(data[q:], []byte("\u3000")) {
			q += 3
		}
		matched := false
		for _, s := range natSeps {
			if bytes.HasPrefix(data[q:], s) {
				q += len(s)
				matched = true
				seps++
				break
			}
		}
		p = q
		if !matched {
			break
		}
	}
	for p < len(data) && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	if seps == 0 && p == at+len(w) {
		// Glued: only CJK names glue to a Latin value ("密码Winter2024").
		if r, _ := utf8.DecodeRuneInString(w); r < 0x3000 {
			return
		}
	}
	vs := p
	quote := byte(0)
	if vs < len(data) && (data[vs] == '"' || data[vs] == '\'' || data[vs] == '`') {
		quote = data[vs]
		vs++
	} else if bytes.HasPrefix(data[vs:], []byte("「")) || bytes.HasPrefix(data[vs:], []byte("“")) {
		vs += 3
	}
	ve := vs
	for ve < len(data) && ve-vs < 256 && data[ve] > 0x20 && data[ve] < 0x7f && data[ve] != quote {
		ve++
	}
	for ve > vs && bytes.IndexByte([]byte(".,;)"), data[ve-1]) >= 0 {
		ve--
	}
	if ve-vs < 6 {
		return
	}
	v := data[vs:ve]
	if isPlaceholder(v) {
		return
	}
	if tag < natPasswordWords {
		if !passwordValue(v) || !bytes.ContainsAny(v, "0123456789!@#$%^&*+=?~/\\|<>") && !randomLetters(v) {
			return
		}
		sc.emit(d.password, vs, ve, string(v))
	} else {
		if !genericSecretValue(v) {
			return
		}
		sc.emit(d.secret, vs, ve, string(v))
	}
	sc.skip[di] = ve
}

// mysqlFlag reads the password glued to -p on a MySQL client's command line.
func (d *natDet) mysqlFlag(sc *scanner, di, at int) {
	data := sc.data
	if !hasPrefixFold(data, at, " -p") || at+3 >= len(data) || data[at+2] != 'p' {
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
	for ve < len(data) && data[ve] > 0x20 && data[ve] < 0x7f && data[ve] != '\'' && data[ve] != '"' {
		ve++
	}
	v := data[vs:ve]
	if len(v) < 4 || isPlaceholder(v) || !passwordValue(v) {
		return
	}
	sc.emit(d.password, vs, ve, string(v))
}
