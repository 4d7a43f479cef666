package detect

import "bytes"

// natIDDet finds national identity numbers that carry a check digit: Brazil's CPF and
// CNPJ, Poland's PESEL, Turkey's T.C. Kimlik No, the Dutch BSN, Canada's SIN, India's
// Aadhaar, South Korea's resident registration number, Sweden's personnummer,
// Finland's henkilötunnus, Norway's fødselsnummer, France's NIR and Spain's DNI/NIE,
// and (natid2.go) the Estonian and Lithuanian isikukood, Latvia's personas kods,
// Iceland's kennitala, Denmark's CPR, the Czech and Slovak rodné číslo, Bulgaria's EGN,
// Romania's CNP, the Yugoslav JMBG, Croatia's OIB, Belgium's national number, Israel's
// ID, Portugal's NIF, Greece's AMKA, Switzerland's AHV and Kazakhstan's IIN.
// A check digit leaves one number in ten to one in a hundred valid, and runs of digits
// are everywhere (ids, amounts, timestamps), so a number is reported only when a key,
// a column name or the words just before it name an identity number.
type natIDDet struct{ rule *Rule }

// natIDAnchors: a run of six digits starts most forms; the punctuated CPF and CNPJ,
// the grouped SIN and Aadhaar, the spaced NIR and the dotted AHV and Belgian numbers
// have none.
var natIDAnchors = []string{"000000", "000.000.000-00", "00.000.000/0000-00", "000 000 000", "000-000-000",
	"0000 0000 0000", "0 00 00 00 000 000 00",
	// Switzerland's AHV number and Belgium's national number in their printed forms
	"000.0000.0000.00", "00.00.00-000.00",
	// Thailand's ID in its printed groups
	"0-0000-00000-00-0", "0 0000 00000 00 0",
	// Iran's national code printed 123-456789-0
	"000-000000-0",
	// Chile's RUT printed 12.345.678-5
	"0.000.000-0",
	// Italy's codice fiscale is read after its name
	"fiscal"}

func (d *natIDDet) anchors() []string { return natIDAnchors }

func (d *natIDDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	if natIDAnchors[tag] == "fiscal" {
		d.codiceFiscale(sc, di, at)
		return
	}
	s := runBack(data, at, cDigit, 24)
	if s < at-24 {
		return
	}
	// Spain's NIE starts with X, Y or Z.
	nie := byte(0)
	ts := s
	if s > 0 && (data[s-1] == 'X' || data[s-1] == 'Y' || data[s-1] == 'Z') {
		nie = data[s-1]
		ts = s - 1
	}
	if !leftOK(data, ts) || ts > 0 && bytes.IndexByte([]byte(".-+/"), data[ts-1]) >= 0 {
		return
	}
	// After a comma only a whole CSV cell is read (a list "1,234,567" is not).
	cell := ts > 0 && data[ts-1] == ','
	if cell && sc.fieldAt(ts, ts) == nil {
		return
	}
	// Finland: DDMMYY, a century sign (-, +, A-F, U-Y), three digits, a check character.
	if nie == 0 && s+11 <= len(data) && hetuOK(data[s:s+11]) && rightOK(data, s+11) {
		sc.skip[di] = s + 11
		d.report(sc, s, s+11, false)
		return
	}
	// Read digit groups and the single separators between them: "123.456.789-09" has
	// the pattern "3.3.3-2".
	var digits [20]byte
	var pat [24]byte
	nd, np, p, second := 0, 0, s, s
	for groups := 0; groups < 8; groups++ {
		if groups == 1 {
			second = p
		}
		q := run(data, p, cDigit, 20)
		if q == p || nd+q-p > len(digits) || np+3 > len(pat) {
			return
		}
		copy(digits[nd:], data[p:q])
		nd += q - p
		if q-p >= 10 {
			pat[np] = byte('0' + (q-p)/10)
			np++
		}
		pat[np] = byte('0' + (q-p)%10)
		np++
		p = q
		if p+1 < len(data) && bytes.IndexByte([]byte(" .-/+"), data[p]) >= 0 && isDigit(data[p+1]) {
			pat[np] = data[p]
			np++
			p++
			continue
		}
		break
	}
	end := p
	sc.skip[di] = end
	if cell {
		if f := sc.fieldAt(ts, end); f == nil || int(f.vs) != ts || int(f.ve) != end {
			return
		}
	}
	shape := string(pat[:np])
	dg := digits[:nd]
	var letter byte
	if end < len(data) && isUpper(data[end]) && rightOK(data, end+1) {
		letter = data[end]
	}
	// Finland: DDMMYY, a century sign (-, +, A-F, U-Y), three digits, a check character.
	if letter != 0 && shape == "8" && nie == 0 || letter != 0 && shape == "7" && nie != 0 {
		if dniOK(nie, dg, letter) {
			d.report(sc, ts, end+1, false)
		}
		return
	}
	if nie == 0 && rutKForm(data, shape, end) {
		if rutKOK(dg) && printedFree(data, s, end+2) {
			sc.emit(d.rule, s, end+2, string(data[s:end+2]))
		}
		return
	}
	if nie != 0 || !rightOK(data, end) || end < len(data) && (data[end] == '.' || data[end] == '-') && end+1 < len(data) && isDigit(data[end+1]) {
		return
	}
	// strong: a check digit with a date, or two, leaves few random numbers valid; such a
	// number may also be named by a column header or a command a few lines above it.
	ok, strong := false, false
	switch shape {
	case "11": // PESEL, T.C. Kimlik, CPF, fødselsnummer, isikukood, personas kods, OIB, Belgium, AMKA
		strong = peselOK(dg) || tcknOK(dg) || cpfOK(dg) || fnrOK(dg) || isikukoodOK(dg) || personasKodsOK(dg) ||
			belgianNNOK(dg) || amkaOK(dg)
		ok = strong || oibOK(dg)
	case "3.3.3-2":
		ok = cpfOK(dg)
	case "14", "2.3.3/4-2":
		ok = cnpjOK(dg)
	case "9", "3 3 3", "3-3-3": // BSN, SIN, Israel, Portugal's NIF
		ok = bsnOK(dg) || sinOK(dg) || israeliIDOK(dg) || nifPTOK(dg)
	case "12", "4 4 4", "4-4-4": // Aadhaar, or a Swedish personnummer with the century, Kazakhstan's IIN
		ok = aadhaarOK(dg) || len(dg) == 12 && personnummerOK(dg[2:]) || shape == "12" && iinOK(dg)
	case "13", "6-7": // RRN, CNP, JMBG, AHV, Thailand's ID
		ok = rrnOK(dg) || cnpOK(dg) || jmbgOK(dg) || ahvOK(dg) || shape == "13" && (thaiIDOK(dg) || zaIDOK(dg))
	case "1-4-5-2-1", "1 4 5 2 1":
		ok = thaiIDOK(dg)
	case "3-6-1":
		ok = iranCodeOK(dg)
	case "3.4.4.2":
		ok = ahvOK(dg)
	case "10", "6-4", "6+4", "8-4":
		if len(dg) == 12 {
			dg = dg[2:]
		}
		strong = personnummerOK(dg) || kennitalaOK(dg) || rodneCisloOK(dg) || egnOK(dg)
		ok = strong || cprOK(dg) || shape == "10" && (iranCodeOK(dg) || rnokppOK(dg))
	case "6/4":
		ok, strong = rodneCisloOK(dg), true
	case "1.3.3-1", "2.3.3-1": // Chile's RUT/RUN, as written: 12.345.678-5
		ok = rutOK(dg)
	case "6 5", "6-5":
		ok = fnrOK(dg) || personasKodsOK(dg)
	case "2.2.2-3.2":
		ok, strong = belgianNNOK(dg), true
	case "15", "1 2 2 2 3 3 2":
		ok = nirOK(dg)
	}
	if ok && printedForm(shape) && printedFree(data, s, end) {
		sc.emit(d.rule, s, end, string(data[s:end]))
	} else if ok {
		d.report(sc, s, end, strong)
	} else if second > s {
		// The groups read as one number were not one: a later run of them may be a
		// number of its own ("+380 63 184 91 65 05034876374" or "+380 97 064 47 38
		// 4341 2825 3218", a phone number and the column after it), so anchors from the
		// second group on are read again.
		sc.skip[di] = second
	}
}

func (d *natIDDet) report(sc *scanner, s, e int, strong bool) {
	if natIDContext(sc, s, e) || strong && natIDAbove(sc.data, s) || natIDCopybook(sc.data, s) || personIdentifier(sc, s, e) || personRecordID(sc.data, s) || codeSwitchLabel(sc.data, s, e) {
		sc.emit(d.rule, s, e, string(sc.data[s:e]))
	}
}

// natIDWords are words (compared whole, in lower case) that name an identity number in
// a key, a column or the text before a number, in the languages of the formats.
var natIDWords = map[string]bool{
	"pesel": true, "tckn": true, "tckimlik": true, "kimlik": true, "tcno": true, "cpf": true, "cnpj": true,
	"bsn": true, "burgerservicenummer": true, "sofinummer": true, "sin": true, "nas": true, "aadhaar": true,
	"aadhar": true, "rrn": true, "personnummer": true, "personnr": true, "hetu": true, "henkilötunnus": true,
	"henkilotunnus": true, "fødselsnummer": true, "fodselsnummer": true, "fnr": true, "personnumer": true,
	"nir": true, "insee": true, "dni": true, "nie": true, "nif": true, "nid": true, "nationalid": true,
	"idnr": true, "steuerid": true, "cedula": true, "cédula": true, "identidad": true, "identité": true,
	"identite": true, "identity": true, "identification": true, "identificação": true, "identificacao": true,
	"ausweisnummer": true, "personalausweis": true, "kennitala": true, "isikukood": true,
	"asmens": true, "idcode": true, "personalcode": true, "egn": true, "егн": true, "ЕГН": true, "cnp": true, "oib": true,
	"jmbg": true, "јмбг": true, "ЈМБГ": true, "ембг": true, "ЕМБГ": true, "emšo": true, "emso": true, "amka": true, "αμκα": true,
	"ΑΜΚΑ": true, "ahv": true, "avs": true, "iin": true, "иин": true, "ИИН": true, "cpr": true, "rijksregisternummer": true,
	"insz": true, "niss": true, "kennitölu": true, "rodné": true, "rodne": true, "jshshir": true, "пинфл": true, "ПИНФЛ": true,
	"pinfl": true, "personalnummer": true, "contribuinte": true, "זהות": true, "isikukoodi": true, "henkilötunnuksen": true,
	// "ID No" written as one word: GEDCOM's IDNO record ("1 IDNO …", with its "2 TYPE"
	// naming the scheme on the line below) and forms' "IdNo" fields
	"idno": true,
	// Ukraine's РНОКПП (ІПН), Kazakhstan's ЖСН, Iran's "melli" code, the Philippines' PhilSys
	"рнокпп": true, "РНОКПП": true, "rnokpp": true, "іпн": true, "ІПН": true, "жсн": true, "ЖСН": true, "melli": true,
	// a record layout's field name (COBOL "CUST-NATID")
	"natid": true,
	// Singapore, Hong Kong and Mexico
	"nric": true, "hkid": true, "curp": true,
}

// natIDPhrases name an identity number in several words.
var natIDPhrases = []string{
	// Esperanto, Indonesian (the KTP card), Uyghur and Sindhi
	"identiga numero", "nomer ktp", "nomor ktp", "no ktp", "no. ktp", "كىملىك نومۇرى", "سڃاڻپ نمبر",
	"national id", "national_id", "national identity", "nationalidentity", "id number", "id_number",
	"idnumber", "id no", "id_no", "personal id", "personal_id", "personalid", "personal number", "personal_number",
	"citizen id", "citizen_id", "social insurance", "social_insurance", "sécurité sociale", "securite sociale",
	"seguridad social", "seguro social", "sécu", "numero de identidad", "número de identidad", "tc kimlik", "t.c. kimlik",
	"kimlik no", "身份证", "身分證", "주민등록", "주민번호", "personnummer", "numer pesel", "documento", "tax id", "tax_id",
	"steuer-id", "steuer_id", "steueridentifikationsnummer", "henkilötunnus", "fødselsnummer", "aadhaar",
	// the personal code or number in the languages around the Baltic, the Balkans, the
	// Caucasus and Central Asia
	"personal code", "personal_code", "id code", "id_code", "personas kods", "asmens kodas", "numri personal",
	"shaxsiy raqam", "პირადი ნომერი", "регистрийн дугаар", "Регистрийн дугаар", "личный номер", "Личный номер",
	"идентификационный номер", "Идентификационный номер", "персональный номер", "Персональный номер",
	"cod numeric personal", "codul numeric personal", "osobni identifikacijski", "matični broj", "maticni broj", "матични број",
	"rodné číslo", "rodne cislo", "rodného čísla", "személyi szám", "személyi azonosító", "codice fiscale",
	"registre national", "rijksregister", "numéro national", "cpr-nr", "cpr nr", "cpr-nummer", "ת.ז", "תעודת זהות",
	"αριθμός ταυτότητας", "マイナンバー",
	// the national ID card or code in Bengali, Persian, Urdu, Thai, Hebrew, Ukrainian,
	// Kazakh and Tagalog, and the AMKA spelled out in Greek
	"জাতীয় পরিচয়", "পরিচয়পত্র নম্বর", "کد ملی", "کدملی", "شماره ملی", "شناسه ملی", "قومی شناختی", "شناختی کارڈ",
	"شناختی نمبر", "เลขประจำตัวประชาชน", "บัตรประชาชน", "מספר זהות", "מס' זהות", "ідентифікаційний номер",
	"Ідентифікаційний номер", "податковий номер", "Податковий номер",
	"numero ng pagkakakilanlan", "numero ng id", "pambansang id", "αριθμός μητρώου κοινωνικής", "Αριθμός Μητρώου Κοινωνικής",
	"national code", "national_code", "nationalcode", "teudat zehut", "mispar zehut",
	// the identity number in Yiddish, Assamese and Syriac
	"אידענטיטעט", "পৰিচয় নম্বৰ", "ܡܢܝܢܐ ܕܗܝܝܘܬ",
	// the identity card or number in languages of Africa and Brittany: Shona "chitupa"
	// ("nhamba yechitupa"), Swahili "kitambulisho", Zulu "umazisi", Xhosa "isazisi",
	// Kinyarwanda "indangamuntu", Malagasy "karapanondro", Amharic "መታወቂያ", Somali
	// "aqoonsi", Igbo "njirimara", Breton "identelezh"
	"chitupa", "kitambulisho", "umazisi", "isazisi", "indangamuntu", "karapanondro", "መታወቂያ", "aqoonsi", "njirimara", "identelezh",
	// a passport's number, where the number passes an identity number's check
	"passport", "pasaport", "pasaporte", "passaporte", "passeport", "passaporto", "reisepass", "paspoort", "paszport",
	"паспорт", "Паспорт", "անձնագր", "Անձնագր", "პასპორტ", "διαβατήρι", "個人番号", "kimlik numarası", "numer ewidencyjny", "henkilötunnu"}

// natIDContext reports whether a key, a column or the words before s (on its line)
// name an identity number.
func natIDContext(sc *scanner, s, e int) bool {
	data := sc.data
	ls := s
	for ls > 0 && s-ls < 64 && data[ls-1] != '\n' {
		ls--
	}
	if ks, ke, ok := keyBefore(data, s); ok {
		// The key names it, or the words just before a key such as "No" or "Nr"
		// ("TC Kimlik No: …") do.
		return natIDName(data[ks:ke]) || natIDName(data[max(ls, ks-24):ke])
	}
	if f := sc.fieldAt(s, e); f != nil && len(sc.info(f).norm) > 0 {
		if norm := sc.info(f).norm; natIDName(norm) || bytes.IndexByte(norm, '_') >= 0 && natIDName(bytes.ReplaceAll(norm, []byte("_"), []byte(" "))) {
			// (a header of several words, "کد ملی", is read as the phrase it is)
			return true
		}
		if !proseField(data, int(f.vs), int(f.ve)) {
			// the cell's own words before the number ("ΑΜΚΑ: …" in a chat export's
			// Text column), not the other cells of its row
			return int(f.vs) < s && natIDName(data[max(ls, int(f.vs)):s])
		}
	}
	return natIDName(data[ls:s])
}

// natIDAbove reports whether one of the three lines above s names an identity number
// with a word that names nothing else: the header of a table whose rows follow, or a
// command that lists the columns ("list idcode iban"). It is asked only for a number
// whose check digits leave few random ones valid, and never when a key of another
// name holds the number.
func natIDAbove(data []byte, s int) bool {
	if _, _, ok := keyBefore(data, s); ok {
		return false
	}
	ls := s
	for ls > 0 && s-ls < 256 && data[ls-1] != '\n' {
		ls--
	}
	if ls > 0 && data[ls-1] != '\n' {
		return false
	}
	e := ls
	for n := 0; n < 3 && e > 0; n++ {
		b := e - 1 // the newline ending the line above
		for b > 0 && e-b < 512 && data[b-1] != '\n' {
			b--
		}
		if b > 0 && data[b-1] != '\n' {
			return false
		}
		if natIDStrongName(data[b : e-1]) {
			return true
		}
		e = b
	}
	return false
}

// natIDStrongWords name an identity number and nothing else (unlike "id", "sin", "nas",
// "identity" or "documento").
var natIDStrongWords = map[string]bool{
	"pesel": true, "tckn": true, "tckimlik": true, "cpf": true, "bsn": true, "burgerservicenummer": true,
	"aadhaar": true, "personnummer": true, "hetu": true, "henkilötunnus": true, "fødselsnummer": true,
	"fodselsnummer": true, "kennitala": true, "isikukood": true, "idcode": true, "personalcode": true, "egn": true,
	"егн": true, "ЕГН": true, "cnp": true, "oib": true, "jmbg": true, "јмбг": true, "ЈМБГ": true, "emšo": true,
	"emso": true, "amka": true, "αμκα": true, "ΑΜΚΑ": true, "iin": true, "иин": true, "ИИН": true, "rijksregisternummer": true,
	"pinfl": true, "jshshir": true, "nationalid": true, "national_id": true, "personal_code": true, "id_code": true,
	"asmens_kodas": true, "personas_kods": true, "personal_id": true, "personalid": true, "ssn": true,
}

func natIDStrongName(b []byte) bool {
	var low [64]byte
	for i := 0; i < len(b); {
		for i < len(b) && !natWordByte(b[i]) && b[i] != '_' {
			i++
		}
		j := i
		for j < len(b) && (natWordByte(b[j]) || b[j] == '_') {
			j++
		}
		if j > i && j-i <= len(low) {
			w := low[:0]
			for _, c := range b[i:j] {
				w = append(w, lowerASCII(c))
			}
			if natIDStrongWords[string(w)] {
				return true
			}
		}
		i = j
	}
	return false
}

// natIDName reports whether b holds a word or phrase that names an identity number.
func natIDName(b []byte) bool {
	if containsFold(b, natIDPhrases...) || achIndividualID(b) {
		return true
	}
	var low [64]byte
	for i := 0; i < len(b); {
		for i < len(b) && !natWordByte(b[i]) {
			i++
		}
		j := i
		for j < len(b) && natWordByte(b[j]) {
			j++
		}
		if j > i && j-i <= len(low) {
			w := low[:0]
			for _, c := range b[i:j] {
				w = append(w, lowerASCII(c))
			}
			if natIDWords[string(w)] {
				return true
			}
		}
		i = j
	}
	return false
}

// natWordByte: digits belong to the word, so that a random key ("OIB78rSz8VzJ") does
// not spell an identity number's name.
func natWordByte(c byte) bool { return is(c, cLower|cUpper|cDigit) || c >= 0x80 }

func digitVal(d []byte, i int) int { return int(d[i] - '0') }

func allSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return true
}

// peselOK: weights 1,3,7,9 repeated, and a birth date whose month carries the century.
func peselOK(d []byte) bool {
	if len(d) != 11 || allSame(d) {
		return false
	}
	w := [10]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := weightedSum(d, w[:])
	if (10-sum%10)%10 != digitVal(d, 10) {
		return false
	}
	yy, mm, dd := digitVal(d, 0)*10+digitVal(d, 1), digitVal(d, 2)*10+digitVal(d, 3), digitVal(d, 4)*10+digitVal(d, 5)
	century := 1900
	switch mm / 20 {
	case 1:
		century = 2000
	case 2:
		century = 2100
	case 3:
		century = 2200
	case 4:
		century = 1800
	}
	mm %= 20
	return mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysIn(century+yy, mm)
}

// tcknOK: Turkey's T.C. Kimlik No — no leading zero, the tenth digit from the odd and
// even position sums, the eleventh the sum of the first ten.
func tcknOK(d []byte) bool {
	if len(d) != 11 || d[0] == '0' || allSame(d) {
		return false
	}
	odd := digitVal(d, 0) + digitVal(d, 2) + digitVal(d, 4) + digitVal(d, 6) + digitVal(d, 8)
	even := digitVal(d, 1) + digitVal(d, 3) + digitVal(d, 5) + digitVal(d, 7)
	if ((odd*7-even)%10+10)%10 != digitVal(d, 9) {
		return false
	}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += digitVal(d, i)
	}
	return sum%10 == digitVal(d, 10)
}

// mod11Check is the check digit of Brazil's CPF and CNPJ: the weighted sum modulo 11,
// 0 when the remainder is below 2, else 11 minus it.
func mod11Check(d []byte, w []int) int {
	sum := weightedSum(d, w[:])
	if r := sum % 11; r >= 2 {
		return 11 - r
	}
	return 0
}

func cpfOK(d []byte) bool {
	return len(d) == 11 && !allSame(d) && mod11Check(d, []int{10, 9, 8, 7, 6, 5, 4, 3, 2}) == digitVal(d, 9) &&
		mod11Check(d, []int{11, 10, 9, 8, 7, 6, 5, 4, 3, 2}) == digitVal(d, 10)
}

func cnpjOK(d []byte) bool {
	return len(d) == 14 && !allSame(d) && mod11Check(d, []int{5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}) == digitVal(d, 12) &&
		mod11Check(d, []int{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}) == digitVal(d, 13)
}

// fnrOK: Norway's fødselsnummer — DDMMYY (a D-number adds 4 to the first digit), two
// check digits modulo 11.
func fnrOK(d []byte) bool {
	if len(d) != 11 || allSame(d) {
		return false
	}
	dd, mm := digitVal(d, 0)*10+digitVal(d, 1), digitVal(d, 2)*10+digitVal(d, 3)
	if dd > 40 {
		dd -= 40
	}
	if !dayMonthOK(dd, mm) {
		return false
	}
	k := func(w []int) int {
		sum := weightedSum(d, w)
		c := 11 - sum%11
		if c == 11 {
			c = 0
		}
		return c
	}
	return k([]int{3, 7, 6, 1, 8, 9, 4, 5, 2}) == digitVal(d, 9) && k([]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}) == digitVal(d, 10)
}

// bsnOK: the Dutch "elfproef" — 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11.
func bsnOK(d []byte) bool {
	if len(d) != 9 || allSame(d) {
		return false
	}
	sum := -digitVal(d, 8)
	for i := 0; i < 8; i++ {
		sum += (9 - i) * digitVal(d, i)
	}
	return sum%11 == 0 && sum > 0
}

// sinOK: Canada's SIN passes Luhn; 0 and 8 start no SIN.
func sinOK(d []byte) bool {
	return len(d) == 9 && d[0] != '0' && d[0] != '8' && !allSame(d) && luhnOK(d)
}

// aadhaarOK: twelve digits not starting with 0 or 1, Verhoeff check digit.
func aadhaarOK(d []byte) bool {
	if len(d) != 12 || d[0] < '2' || allSame(d) {
		return false
	}
	c := 0
	for i := len(d) - 1; i >= 0; i-- {
		c = verhoeffD[c][verhoeffP[(len(d)-1-i)%8][digitVal(d, i)]]
	}
	return c == 0
}

var verhoeffD = [10][10]int{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}

var verhoeffP = [8][10]int{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}

// rrnOK: South Korea's resident registration number — YYMMDD, a sex/century digit, and
// a check digit from weights 2…9,2…5 modulo 11.
func rrnOK(d []byte) bool {
	if len(d) != 13 || allSame(d) {
		return false
	}
	mm, dd := digitVal(d, 2)*10+digitVal(d, 3), digitVal(d, 4)*10+digitVal(d, 5)
	if !dayMonthOK(dd, mm) {
		return false
	}
	w := []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := weightedSum(d, w[:])
	return (11-sum%11)%10 == digitVal(d, 12)
}

// personnummerOK: Sweden's YYMMDDNNNN passes Luhn; a coordination number adds 60 to
// the day.
func personnummerOK(d []byte) bool {
	if len(d) != 10 || allSame(d) {
		return false
	}
	mm, dd := digitVal(d, 2)*10+digitVal(d, 3), digitVal(d, 4)*10+digitVal(d, 5)
	if dd > 60 {
		dd -= 60
	}
	return dayMonthOK(dd, mm) && luhnOK(d)
}

// hetuOK checks Finland's DDMMYYCZZZQ: the check character is the nine digits modulo
// 31 read in the alphabet 0-9 and letters without G, I, O, Q, Z.
func hetuOK(b []byte) bool {
	if len(b) != 11 || bytes.IndexByte([]byte("+-ABCDEFUVWXY"), b[6]) < 0 {
		return false
	}
	n := 0
	for i, c := range b[:10] {
		if i == 6 {
			continue
		}
		if !isDigit(c) {
			return false
		}
		n = n*10 + int(c-'0')
	}
	dd, mm := n/10000000, n/100000%100
	if !dayMonthOK(dd, mm) {
		return false
	}
	return "0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31] == b[10]
}

// nirOK: France's NIR — sex 1 or 2, then YY MM, and a key of 97 minus the first
// thirteen digits modulo 97. (Corsica's 2A/2B départements are not read.)
func nirOK(d []byte) bool {
	if len(d) != 15 || d[0] != '1' && d[0] != '2' {
		return false
	}
	mm := digitVal(d, 3)*10 + digitVal(d, 4)
	if mm < 1 || mm > 12 && mm < 20 || mm > 42 {
		return false
	}
	n := 0
	for i := 0; i < 13; i++ {
		n = (n*10 + digitVal(d, i)) % 97
	}
	return 97-n == digitVal(d, 13)*10+digitVal(d, 14)
}

// dniOK: Spain's DNI (eight digits) and NIE (X, Y or Z and seven digits) end in the
// letter the number modulo 23 picks.
func dniOK(nie byte, d []byte, letter byte) bool {
	n := 0
	if nie != 0 {
		n = int(nie - 'X')
	}
	for _, c := range d {
		n = n*10 + int(c-'0')
	}
	return !allSame(d) && "TRWAGMYFPDXBNJZSQVHLCKE"[n%23] == letter
}

// dayMonthOK reports a day of a month in some year (29 February included).
func dayMonthOK(dd, mm int) bool { return mm >= 1 && mm <= 12 && dd >= 1 && dd <= daysIn(2000, mm) }

// rutOK: Chile's RUT — the body's digits from the right weighted 2 to 7 and again, and
// 11 less the sum modulo 11 as the check digit (11 is 0; 10, written K, is not read here).
func rutOK(d []byte) bool {
	if len(d) < 8 || len(d) > 9 {
		return false
	}
	body, check := d[:len(d)-1], int(d[len(d)-1]-'0')
	sum, w := 0, 2
	for i := len(body) - 1; i >= 0; i-- {
		sum += int(body[i]-'0') * w
		if w++; w > 7 {
			w = 2
		}
	}
	r := 11 - sum%11
	if r == 11 {
		r = 0
	}
	return r == check
}

// personIdentifier: the number stands alone in a column named "identifier" of a table
// of people — a OneRoster/IMS users.csv, whose identifier is the person's state or
// national id ("For example, the student's state ID") beside givenName and familyName.
func personIdentifier(sc *scanner, s, e int) bool {
	f := sc.fieldAt(s, e)
	if f == nil || int(f.vs) != s || int(f.ve) != e {
		return false
	}
	norm := sc.info(f).norm
	if string(norm) != "identifier" {
		return false
	}
	head := sc.data[:min(len(sc.data), 2048)]
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("givenname")) && bytes.Contains(bytes.ToLower(head), []byte("familyname"))
}

// personRecordID: the number is the value of an employee's or a person's ID field
// ("EmployeeID", "employee_id", "PersonNumber") on its line, in a record that names
// the person just before it (a first and a last name field within personRecordSpan
// bytes): a directory or HR export (Domino's DXL Person documents, LDIF, vCard-like
// dumps) keeps the national number its checksum passes there. A bare "employee id"
// elsewhere is a company's own numbering and stays unread.
func personRecordID(data []byte, s int) bool {
	ls := s
	for ls > 0 && s-ls < 96 && data[ls-1] != '\n' {
		ls--
	}
	pre := data[ls:s]
	if !containsFold(pre, "employeeid", "employee_id", "employee id", "employee-id", "employeenumber", "employee_number",
		"personid", "person_id", "personnumber", "person_number", "staffid", "staff_id") {
		return false
	}
	back := data[max(0, ls-personRecordSpan):ls]
	return containsFold(back, "firstname", "first_name", "givenname", "given_name") &&
		containsFold(back, "lastname", "last_name", "familyname", "family_name", "surname")
}

// personRecordSpan bounds how far before an ID field its record's name fields are
// looked for.
const personRecordSpan = 1024

// achIndividualID: NACHA's "Individual Identification Number" of an ACH entry (the
// payee's own number, often a national ID), as a bank's BAI2 or statement detail
// prints it: "IND ID=", "INDIVIDUAL ID:", "INDIV ID" — the words whole.
func achIndividualID(b []byte) bool {
	for _, w := range []string{"ind id", "indiv id", "individual id", "individual identification"} {
		for off := 0; ; {
			i := indexFold(b[off:], w)
			if i < 0 {
				break
			}
			i += off
			if (i == 0 || !is(b[i-1], cAlnum)) && (i+len(w) == len(b) || !is(b[i+len(w)], cLower|cUpper)) {
				return true
			}
			off = i + 1
		}
	}
	return false
}
