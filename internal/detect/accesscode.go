package detect

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// accessCodeDet reads the code that opens a door, a gate or a building's entrance
// given in a message: "Door code: 482913", "Code de la porte : 482913", "Код
// подъезда: 482913", "Türcode: 482913", "玄関の暗証番号：482913". A guest's or a
// tenant's message hands it over like a password, and it opens the same thing a
// key does (issue 11: maintenance requests and guest messages in many languages).
//
// A run of six to eight digits (with a keypad's '#' or '*' after it) is a code when:
//   - a colon (ASCII or full-width) stands before it, and it ends its utterance or
//     its clause (a quote, a line's end, a tag, a sentence's mark or a blank);
//   - the words of the label before the colon — the utterance back to its start, a
//     quote, a field's comma or a sentence's end, at most eight words — hold a word
//     for a code or a PIN and a word for a door, a gate or an entrance in some
//     language, or one word that is both ("digicode", "Türcode", "portkod").
//
// The word lists are the languages' own (accessDoorWords, accessCodeWords); a number
// after a code word alone ("Error code: 104233", "PIN code: 560001", a postal code) is
// not read.
type accessCodeDet struct{ password *Rule }

func (d *accessCodeDet) anchors() []string {
	return []string{": 000000", ":000000", "： 000000", "：000000"}
}

// accessCodeWords name a code, a PIN or a keypad's number; accessDoorWords a door, a
// gate, an entrance, an intercom or a building's lobby; accessBothWords are compounds
// and words that name a door's code alone. Each is matched as a whole word of the
// label (lower-cased, combining marks dropped), or inside the label for the scripts
// written without spaces (gluedScript).
var accessCodeWords = []string{
	"code", "codes", "passcode", "pin", "pincode", "pinkode", "pinkod", "combination",
	// Romance
	"código", "codigo", "codi", "codice", "cod", "codul", "codului", "cód", "clave",
	// Germanic, Nordic, Baltic, Finnic, Slavic and others in Latin letters
	"kode", "koden", "koder", "kod", "koda", "kodu", "kody", "kodi", "kodhi", "kodo", "kood", "koodi", "koodia", "kóði", "kóðinn",
	"kód", "kódja", "kódot", "kodas", "kodą", "kods", "kodu", "kodun", "kodunu", "šifra", "sifra", "pinkodi",
	// Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian, Tatar, Bashkir, Kazakh, Kyrgyz, Chuvash)
	"код", "кода", "коды", "коду", "кодот", "кодът", "кодын", "кодi", "коді", "кодун", "кочĕ", "коче", "шифр", "пин", "пин-код",
	// Greek, Hebrew, Arabic, Persian, Urdu, Georgian, Armenian
	"κωδικός", "κωδικό", "κωδικός", "קוד", "הקוד", "קוד_הכניסה", "رمز", "الرمز", "كود", "الكود", "کد", "کود", "კოდი", "კოდს", "կոդ", "կոդը",
	// Indic, Ethiopic, Tifinagh, N'Ko, Tibetan
	"कोड", "কোড", "ਕੋਡ", "કોડ", "குறியீடு", "கோட்", "కోడ్", "ಕೋಡ್", "കോഡ്", "කේතය", "ኮድ", "ኮዱ", "ⴰⴽⵓⴷ", "ⴽⵓⴷ", "ⵓⴽⵓⴷ", "ⵜⴰⵏⴳⵍⴰ",
	"ߞߏߘ", "ཨང", "གསང་ཨང",
	// Southeast Asian, African languages in Latin letters
	"mã", "kòd",
	// glued scripts
	"暗証番号", "コード", "暗号", "密码", "密碼", "代码", "代碼", "编码", "비밀번호", "코드", "รหัส", "លេខកូដ", "កូដ", "ລະຫັດ", "ကုဒ်",
}

var accessDoorWords = []string{
	"door", "doors", "gate", "gates", "entrance", "entry", "lobby", "garage", "intercom", "keypad", "lockbox", "keybox", "keysafe", "buzzer", "building",
	// Romance
	"porte", "portail", "immeuble", "entrée", "entree", "interphone", "puerta", "portal", "portón", "porton", "entrada", "edificio", "portero",
	"porta", "portão", "portao", "portaria", "prédio", "predio", "portone", "cancello", "ingresso", "citofono", "portal", "ușă", "ușa", "uşă", "uşa",
	"poartă", "poarta", "poartei", "ușii", "interfon", "blocului", "intrare", "intrării",
	// Germanic and Nordic
	"tür", "tuer", "türe", "haustür", "haustuer", "tor", "tors", "eingang", "eingangs", "hoftor", "garagentor", "deur", "voordeur", "poort", "ingang",
	"dør", "døra", "døren", "døra", "port", "porten", "porte", "dörr", "dörren", "ytterdörr", "entré", "hurð", "hurðar", "hlið", "hliðs", "inngang", "inngangen",
	// Finnic, Baltic, Hungarian, Basque, Celtic, Maltese, Albanian, Esperanto
	"ovi", "oven", "oveen", "ulko-ovi", "portti", "portin", "uks", "ukse", "värav", "värava", "durvis", "durvju", "vārti", "vārtu", "durys", "durų", "duru", "vartai",
	"vartų", "ajtó", "ajtó", "ajto", "kapu", "kapu", "bejárati", "atea", "atearen", "atari", "nor", "dor", "drws", "doras", "geata", "bieb",
	"il-bieb", "dera", "derës", "deres", "portë", "porte", "pordo", "pordego",
	// Slavic in Latin letters
	"drzwi", "brama", "bramy", "domofon", "domofonu", "klatki", "klatka", "vrata", "vrat", "ulaz", "ulaza", "ulazna", "ulaznih", "dveře", "dveří", "dvere",
	"dverí", "brána", "brány", "vchod", "vchodu", "vhod", "vhoda",
	// Cyrillic
	"дверь", "двери", "дверей", "ворота", "ворот", "подъезд", "подъезда", "подъезде", "подъезду", "домофон", "домофона", "вход", "входа", "входной",
	"калитка", "калитки", "двері", "дверей", "під'їзд", "під’їзд", "під'їзду", "під’їзду", "брама", "брами", "хвіртка", "врата", "вратата", "входа",
	"вход", "входната", "влез", "влезот", "улаз", "улаза", "ишек", "ишеге", "ишекнең", "подъездның", "ишекнен", "алăк", "алăкĕ", "алăкăн", "есік",
	"есіктің", "кіреберіс", "эшик", "эшиктин", "подъезддин", "хаалга", "хаалганы", "орц", "эшек", "ишеге", "дарвоза",
	// Turkic and others in Latin letters
	"kapı", "kapi", "kapının", "kapinin", "kapısı", "giriş", "giris", "bina", "qapı", "qapi", "qapının", "eshik", "eshikning", "darvoza", "gapy", "gapynyň",
	"cửa", "cổng", "pintu", "gerbang", "pagar", "lawang", "pinto", "pintuan", "tarangkahan", "mlango", "lango", "geti", "gedhi", "musuo", "umnyango",
	"isango", "ilẹ̀kùn", "ilekun", "ƙofa", "kofa", "ọnụ", "albaab", "iridda", "varavarana", "vavahady", "punku", "tawwurt", "tewwurt", "tabburt",
	// Greek, Hebrew, Arabic, Persian, Georgian, Armenian, Ethiopic
	"πόρτα", "πόρτας", "πόρτες", "εισόδου", "είσοδος", "αυλόπορτα", "θυροτηλέφωνο", "דלת", "הדלת", "שער", "השער", "כניסה", "הכניסה", "האינטרקום",
	"باب", "الباب", "البوابة", "بوابة", "المدخل", "مدخل", "در", "درب", "دروازه", "ورودی", "دروازے", "دروازہ", "კარი", "კარის", "ჭიშკარი", "ჭიშკრის",
	"სადარბაზოს", "դուռ", "դռան", "դարպաս", "մուտքի", "በር", "በሩ",
	// Indic and Southeast Asian
	"दरवाज़ा", "दरवाजा", "दरवाज़े", "दरवाजे", "गेट", "দরজা", "দরজার", "গেট", "ਦਰਵਾਜ਼ਾ", "ਦਰਵਾਜ਼ੇ", "દરવાજો", "દરવાજા", "கதவு", "கதவின்", "வாயில்",
	"తలుపు", "ಬಾಗಿಲು", "ಬಾಗಿಲಿನ", "വാതിൽ", "ദොරටුව", "දොර", "ประตู", "ទ្វារ", "ປະຕູ", "တံခါး",
	// Tifinagh, N'Ko, Tibetan
	"ⵜⴰⵡⵓⵔⵜ", "ⵜⵡⵓⵔⵜ", "ⵜⴰⵡⵡⵓⵔⵜ", "ⵜⵡⵡⵓⵔⵜ", "ߘߊ", "ߘߊߟߊ", "སྒོ", "སྒོ་ར",
	// glued scripts
	"门", "門", "ドア", "玄関", "オートロック", "문", "현관", "도어",
}

// accessBothWords name a door's code in one word: compounds of door and code, and
// the words for the keypad of a building's entrance.
var accessBothWords = []string{
	"digicode", "doorcode", "gatecode", "türcode", "tuercode", "torcode", "haustürcode", "deurcode", "poortcode", "portkod", "dörrkod", "portkode",
	"dørkode", "portkoden", "dørkoden", "portkoden", "ovikoodi", "porttikoodi", "uksekood", "kapukód", "kapukódja", "ajtókód", "kapıkodu",
	"кодовый_замок", "домофона", "門禁密碼", "门禁密码", "门禁码", "門禁碼", "대문비번", "현관비번",
}

type accessLexT struct {
	code, door, both map[string]bool
	// the words of the scripts written without spaces, read inside a label
	gluedCode, gluedDoor, gluedBoth []string
}

var accessLex = sync.OnceValue(func() *accessLexT {
	t := &accessLexT{code: map[string]bool{}, door: map[string]bool{}, both: map[string]bool{}}
	add := func(m map[string]bool, glued *[]string, words []string) {
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if gluedScript(r) {
				*glued = append(*glued, w)
				continue
			}
			for _, part := range []string{w, strings.ReplaceAll(w, "_", "")} {
				m[accessNorm(part)] = true
			}
		}
	}
	add(t.code, &t.gluedCode, accessCodeWords)
	add(t.door, &t.gluedDoor, accessDoorWords)
	add(t.both, &t.gluedBoth, accessBothWords)
	return t
})

// accessNorm lower-cases a word and drops its combining marks (N'Ko's tones, a
// decomposed accent) and its tsheg (Tibetan's syllable mark).
func accessNorm(w string) string {
	var b strings.Builder
	for _, r := range w {
		if unicode.Is(unicode.Mn, r) && !unicode.In(r, unicode.Tibetan, unicode.Devanagari, unicode.Bengali, unicode.Tamil, unicode.Telugu,
			unicode.Kannada, unicode.Malayalam, unicode.Gujarati, unicode.Gurmukhi, unicode.Sinhala, unicode.Thai, unicode.Khmer, unicode.Lao, unicode.Myanmar) {
			continue
		}
		if r == '\u0f0b' || r == '\u0f0c' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func (d *accessCodeDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	p := at
	switch {
	case data[p] == ':':
		p++
	case bytes.HasPrefix(data[p:], []byte("：")):
		p += 3
	default:
		return
	}
	colon := at
	for p < len(data) && data[p] == ' ' {
		p++
	}
	vs := p
	ve := run(data, vs, cDigit, 12)
	sc.skip[di] = ve
	if ve-vs < 6 || ve-vs > 8 {
		return
	}
	end := ve
	if end < len(data) && (data[end] == '#' || data[end] == '*') {
		end++
	}
	if !accessValueEnds(data, end) {
		return
	}
	if !accessLabel(data, colon) || spanTaken(sc, vs, ve) {
		return
	}
	sc.emit(d.password, vs, ve, string(data[vs:ve]))
}

// accessValueEnds reports a code that ends its utterance or clause at e: the data's
// or a line's end, a quote, a tag, an escaped line break, a blank, or a sentence's
// mark not followed by a digit.
func accessValueEnds(data []byte, e int) bool {
	if e >= len(data) {
		return true
	}
	switch c := data[e]; c {
	case '\n', '\r', '"', '\'', '<', ' ', '\t', '\\', ')', ';', '!', '?':
		return true
	case '.', ',':
		return e+1 >= len(data) || !isDigit(data[e+1])
	default:
		if c >= 0x80 {
			r, _ := utf8.DecodeRune(data[e:])
			return unicode.IsPunct(r) || unicode.IsSpace(r)
		}
	}
	return false
}

// accessLabel reads the label that ends at the colon at c: back to its utterance's
// start (a line's start, a quote, a tag, a field's comma or tab, a sentence's end),
// at most 96 bytes and eight words, and reports whether it names a door's code.
func accessLabel(data []byte, c int) bool {
	s := c
	for s > 0 && c-s < 96 {
		b := data[s-1]
		if b == '\n' || b == '\r' || b == '>' || b == '\t' || b == '|' || b == ',' || b == ';' || b == '"' && escapeBefore(data, s-1) == 0 {
			break
		}
		if (b == '.' || b == '!' || b == '?') && s < c && data[s] == ' ' {
			break
		}
		s--
	}
	if s > 0 && c-s >= 96 {
		return false
	}
	label := data[s:c]
	t := accessLex()
	var code, door bool
	for _, w := range t.gluedBoth {
		if bytes.Contains(label, []byte(w)) {
			return true
		}
	}
	for _, w := range t.gluedCode {
		if bytes.Contains(label, []byte(w)) {
			code = true
			break
		}
	}
	for _, w := range t.gluedDoor {
		if bytes.Contains(label, []byte(w)) {
			door = true
			break
		}
	}
	words := 0
	for i := 0; i < len(label); {
		// a word: letters, marks and the apostrophes and hyphens inside it
		j := i
		for j < len(label) {
			r, n := utf8.DecodeRune(label[j:])
			if r == '\u0f0b' || r == '\u0f0c' || !(unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || r == '\'' || r == '’' || r == '-' && j > i) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRune(label[i:])
			i += n
			continue
		}
		words++
		if words > 8 {
			return false
		}
		w := accessNorm(string(label[i:j]))
		switch {
		case t.both[w]:
			return true
		case t.code[w]:
			code = true
		case t.door[w]:
			door = true
		case accessPrefixed(t.door, w):
			door = true
		default:
			// a compound of the two with a hyphen ("Tür-Code", "ulko-ovi", "пин-код")
			if k := strings.IndexByte(w, '-'); k > 0 {
				a, b := w[:k], w[k+1:]
				code = code || t.code[a] || t.code[b]
				door = door || t.door[a] || t.door[b]
			}
		}
		i = j
	}
	return code && door
}

// accessPrefixed reports a door word of five bytes or more that a prefix of up to three
// bytes is glued to: the concord of the Bantu languages ("yegedhi", "of the gate";
// "wamlango"), an article or a preposition of others ("l-bieb").
func accessPrefixed(door map[string]bool, w string) bool {
	for k := 1; k <= 3 && k < len(w); k++ {
		if rest := w[k:]; len(rest) >= 5 && door[rest] {
			return true
		}
	}
	return false
}
