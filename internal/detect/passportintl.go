package detect

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// passportIntlDet reads a passport's number after the word for a passport in other
// languages than English (passportDet reads "passport"): "Número de pasaporte: …",
// "Паспорт номерĕ: …", "Reisepassnummer: …", "護照號碼：…", "Niverenn ho
// tremenyezh: …" (issue 11: guest messages in many languages). The word, then at
// most six words (an inflection, "number", "please", "for the police"), then a colon
// and a number a passport book prints: passportShape, or six to nine capitals and
// digits with a digit (passportCell). The colon is required: prose that names a
// passport may cite a number that is not the person's own.
type passportIntlDet struct{ rule *Rule }

// passportIntlWords are the words for a passport: Romance, Germanic and Nordic,
// Slavic, Baltic, Finnic, Hungarian, Turkic, Greek, Hebrew, Arabic, Persian, Indic,
// Southeast and East Asian languages, Swahili, Breton ("tremenyezh", mutated after a possessive: "ma zremenyezh") and Tibetan.
var passportIntlWords = []string{
	"pasaporte", "passeport", "passaporte", "passaporto", "passaport", "pașaport", "paşaport", "pasaport",
	"reisepass", "paspoort", "paspoorte", "pasporto", "vegabréf", "vegabréfs",
	"paszport", "cestovní pas", "cestovného pasu", "cestovný pas", "cestovního pasu", "putovnica", "putovnice", "potni list",
	"паспорт", "Паспорт", "ПАСПОРТ", "пасош", "Пасош", "pasoš", "pasošu", "паспарт", "Паспарт",
	"paso numeris", "pases numurs", "útlevél", "útlevélszám", "pasaportë", "pasaporta",
	"διαβατήριο", "διαβατηρίου", "Διαβατήριο", "Διαβατηρίου", "דרכון", "جواز السفر", "جواز سفر", "گذرنامه", "پاسپورٹ", "پاسپورت",
	"पासपोर्ट", "পাসপোর্ট", "பாஸ்போர்ட்", "కడపత్రం", "ಪಾಸ್‌ಪೋರ್ಟ್", "หนังสือเดินทาง", "hộ chiếu", "Hộ chiếu", "paspor", "pasipoti",
	"pasaporti", "pasipoto", "tremenyezh", "zremenyezh", "dremenyezh", "護照", "护照", "旅券", "パスポート", "여권", "ལམ་ཡིག", "პასპორტ", "անձնագր",
}

func (d *passportIntlDet) anchors() []string { return passportIntlWords }

func (d *passportIntlDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	w := passportIntlWords[tag]
	if !hasPrefixFold(data, at, w) {
		return
	}
	if at > 0 {
		// the word starts a word (scripts written without spaces glue it to the last)
		if r, _ := utf8.DecodeLastRune(data[:at]); unicode.IsLetter(r) && !gluedScript(r) {
			return
		}
	}
	p := at + len(w)
	// a plural ("pasaportes expedidos: 1500000", "passports issued") counts books; it
	// names no one's
	if q := run(data, p, cLower, 3); q < len(data) && !is(data[q], cLower|cUpper) && (string(data[p:q]) == "s" || string(data[p:q]) == "es") {
		return
	}
	// the label's other words, up to its colon: letters of any script, blanks, a comma,
	// an apostrophe, '/', '.', '-' and '°' ("N°")
	words, inWord := 0, false
	for p < len(data) && p-at < 96 {
		r, n := utf8.DecodeRune(data[p:])
		if r == ':' || r == '：' {
			break
		}
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '\'' || r == '’' || r == '°' || r == '\u0f0b'
		if !letter && r != ' ' && r != ',' && r != '/' && r != '.' && r != '-' && r != '\u00a0' {
			return
		}
		if letter && !inWord {
			words++
		}
		inWord = letter
		p += n
	}
	if words > 6 || p >= len(data) || p-at >= 96 {
		return
	}
	if data[p] == ':' {
		p++
	} else {
		p += len("：")
	}
	for p < len(data) && (data[p] == ' ' || data[p] == '\t') {
		p++
	}
	vs := p
	for p < len(data) && isAlnum(data[p]) {
		p++
	}
	if p < len(data) && (isAlnum(data[p]) || data[p] == '-' || data[p] == '@' || data[p] == '/' || data[p] == '.' && p+1 < len(data) && isAlnum(data[p+1])) {
		return
	}
	v := data[vs:p]
	if !passportShape(v) && !(passportCell(v) && bytes.IndexFunc(v, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0) {
		return
	}
	if spanTaken(sc, vs, p) {
		return
	}
	sc.emit(d.rule, vs, p, string(v))
	sc.skip[di] = p
}
