package detect

import (
	"strings"
	"testing"
)

// The valid numbers were computed for this test with a separate implementation of each
// published check (and date) rule; each invalid one changes the check digit.
func TestNationalIDValidators(t *testing.T) {
	cases := []struct {
		name     string
		ok       func([]byte) bool
		valid    []string
		invalids []string
	}{
		{"isikukood", isikukoodOK, []string{"56307156018", "38210229083"}, []string{"56307156019", "38210229084", "96307156018", "38213229083"}},
		{"personas kods", personasKodsOK, []string{"15068218084", "12128513875"}, []string{"15068218085", "12128513876", "15138218084"}},
		{"kennitala", kennitalaOK, []string{"0708520470", "0110040759"}, []string{"0708520570", "0110040859", "0708520475"}},
		{"rodné číslo", rodneCisloOK, []string{"6060043726", "7262062016"}, []string{"6060043727", "7262062017"}},
		{"EGN", egnOK, []string{"5401227224", "6801123801"}, []string{"5401227225", "6801123802", "5413227224"}},
		{"CNP", cnpOK, []string{"1820512076780", "2720816054333"}, []string{"1820512076781", "2720816054334", "1820512996780"}},
		{"JMBG", jmbgOK, []string{"2004991761740", "2709969757628"}, []string{"2004991761741", "2709969757629"}},
		{"OIB", oibOK, []string{"60309260026", "06826512330"}, []string{"60309260027", "06826512331"}},
		{"Belgian national number", belgianNNOK, []string{"94082898016", "83100293740"}, []string{"94082898017", "83100293741"}},
		{"Israeli ID", israeliIDOK, []string{"924875818", "537152530"}, []string{"924875819", "537152531"}},
		{"Portuguese NIF", nifPTOK, []string{"193943018", "283715120"}, []string{"193943019", "283715121", "493943018"}},
		{"AMKA", amkaOK, []string{"24126410984", "13117543184"}, []string{"24126410985", "13117543185"}},
		{"AHV", ahvOK, []string{"7566891769264", "7568293691228"}, []string{"7566891769265", "7568293691229", "7576891769264"}},
		{"IIN", iinOK, []string{"840807303690", "770311460842"}, []string{"840807303691", "770311460843"}},
		{"codice fiscale", codiceFiscaleOK, []string{"RSSMRA85T10A562S", "BNCGPP80A01F205H", "RSSMRA85T10A56NH"},
			[]string{"RSSMRA85T10A562T", "BNCGPP80A01F205X", "RSSMRA85F10A562S", "RSSMRA85T10A562"}},
		{"Thai ID", thaiIDOK, []string{"3881553764037", "1119894103402"}, []string{"3881553764038", "1119894103403", "9881553764037"}},
		{"Iran national code", iranCodeOK, []string{"1997254778", "6747265068"}, []string{"1997254779", "6747265069"}},
		{"RNOKPP", rnokppOK, []string{"3813796372", "2200240855"}, []string{"3813796373", "2200240856", "9813796372"}},
		{"CPR", cprOK, []string{"0708520470", "3112991234"}, []string{"3202991234", "0013991234"}},
	}
	for _, c := range cases {
		for _, v := range c.valid {
			if !c.ok([]byte(v)) {
				t.Errorf("%s: %s should be valid", c.name, v)
			}
		}
		for _, v := range c.invalids {
			if c.ok([]byte(v)) {
				t.Errorf("%s: %s should be invalid", c.name, v)
			}
		}
	}
}

// Each class is reported where a word, a key or a column names it, and not without.
func TestNationalIDsMoreCountries(t *testing.T) {
	held5Want(t, []held5Case{
		{"Isikukood: 56307156018", "national-id", "56307156018"},
		{`{"text": "Asmens kodas: 38210229083"}`, "national-id", "38210229083"},
		{"Personas kods: 150682-18084", "national-id", "150682-18084"},
		{"kennitala 070852-0470", "national-id", "070852-0470"},
		{"rodné číslo: 606004/3726", "national-id", "606004/3726"},
		{"ЕГН: 5401227224", "national-id", "5401227224"},
		{"CNP 1820512076780", "national-id", "1820512076780"},
		{"JMBG: 2004991761740", "national-id", "2004991761740"},
		{"OIB: 60309260026", "national-id", "60309260026"},
		{"rijksregisternummer 94.08.28-980.16", "national-id", "94.08.28-980.16"},
		{"תעודת זהות: 924875818", "national-id", "924875818"},
		{"NIF: 193943018", "national-id", "193943018"},
		{"ΑΜΚΑ: 24126410984", "national-id", "24126410984"},
		{"AHV-Nr. 756.6891.7692.64", "national-id", "756.6891.7692.64"},
		{"ИИН 840807303690", "national-id", "840807303690"},
		{"CPR-nr: 311299-1234", "national-id", "311299-1234"},
		{"codice fiscale: RSSMRA85T10A562S", "national-id", "RSSMRA85T10A562S"},
		{`{"codiceFiscale": "BNCGPP80A01F205H"}`, "national-id", "BNCGPP80A01F205H"},
		{"Numri personal: 56307156018", "national-id", "56307156018"},
		{"Shaxsiy raqam: 56307156018", "national-id", "56307156018"},
		{"პირადი ნომერი: 56307156018", "national-id", "56307156018"},
		{"Регистрийн дугаар: 56307156018", "national-id", "56307156018"},
		{"کد ملی: 199-725477-8", "national-id", "199-725477-8"},
		{"জাতীয় পরিচয়পত্র নম্বর: 3813796372", "national-id", "3813796372"},
		{"เลขประจำตัวประชาชน 3-8815-53764-03-7", "national-id", "3-8815-53764-03-7"},
		{"РНОКПП 2200240855", "national-id", "2200240855"},
		{" 10 RM NATIONAL ID 674-726506-8 FOR VISA LETTER", "national-id", "674-726506-8"},
		// a table's rows under a command or a header that names the column
		{". list idcode iban in 1/2, noobs\n\n  | 56307156018   EE382200221020145685 |", "national-id", "56307156018"},
	})
	held5Quiet(t, []string{
		"Isikukood: 56307156019",
		"order 56307156018",
		"Personas kods: 150682-18085",
		"kennitala 320852-0470", // no such day (the CPR has no check digit left to test)
		"rodné číslo: 606004/3727",
		"ЕГН: 5401227225",
		"CNP 1820512076781",
		"JMBG: 2004991761741",
		"OIB: 60309260027",
		"rijksregisternummer 94.08.28-980.17",
		"NIF: 193943019",
		"AHV-Nr. 756.6891.7692.65",
		"ИИН 840807303691",
		"کد ملی: 199-725477-9",
		"เลขประจำตัวประชาชน 3-8815-53764-03-8",
		"РНОКПП 2200240857",
		"order 3-8815-53764-03-7",
		"1,3813796372",
		"version 756.6891.7692.64",
		"codice fiscale: RSSMRA85T10A562T",
		"fiscal RSSMRA85T10A562SX",
		"build RSSMRA85T10A562S",
		// a random key that starts like a name
		`{"OIB78rSz8VzJ":60309260026}`,
		// a check-digit class alone (OIB, one digit in ten) is not read from a header
		". list idcode\n\n  | 06826512330 |",
		// a key of another name holds the number
		". list idcode\n\n  order_id: 56307156018",
	}, "national-id")
}

// A fixed-width extract under its COBOL copybook: the number in the column the layout
// names for an identity number is one; the same number in another column, or with an
// altered check digit, is not.
func TestNationalIDCopybookColumn(t *testing.T) {
	layout := "       01  CUST-REC.\n" +
		"           05  CUST-ID      PIC 9(8).\n" +
		"           05  CUST-NAME    PIC X(12).\n" +
		"           05  CUST-NATID   PIC X(14).\n" +
		"           05  CUST-REF     PIC X(12).\n" +
		"      * ---- extract ----\n"
	held5Want(t, []held5Case{
		{layout + "58519091NOA LEVI    3813796372    X1\n", "national-id", "3813796372"},
		{layout + "58519091NOA LEVI    199-725477-8  X1\n", "national-id", "199-725477-8"},
		// a phone column filled to its last byte but one: the number after it is read on its own
		{strings.Replace(layout, "CUST-NAME    PIC X(12)", "CUST-PHONE   PIC X(18)", 1) +
			"58519091+380 63 184 91 65 05034876374   X1\n", "national-id", "05034876374"},
	})
	held5Quiet(t, []string{
		layout + "58519091NOA LEVI    3813796373    X1\n",
		layout + "58519091NOA LEVI    X1            3813796372\n",
		strings.Replace(layout, "NATID", "PHONE", 1) + "58519091NOA LEVI    3813796372    X1\n",
	}, "national-id")
}

// A CSV column named for an identity number, in one word or several, holds one in each
// row, a cell after a comma included; a column of another name does not.
func TestNationalIDCSVColumn(t *testing.T) {
	e := Default()
	found := func(csv string) bool {
		data := []byte(csv)
		hit := false
		e.ScanFields(data, csvSpans(data, 0), func(m Match, _ string) {
			if m.Rule.ID == "national-id" {
				hit = true
			}
		})
		return hit
	}
	for _, h := range []string{"national_id", "کد ملی", "জাতীয় পরিচয়পত্র নম্বর", "Ідентифікаційний номер", "ΑΜΚΑ"} {
		if !found("name," + h + ",x\nNoa,3813796372,y\n") {
			t.Errorf("%q column: no national-id", h)
		}
	}
	for _, in := range []string{"name,order id,x\nNoa,3813796372,y\n", "name,national_id,x\nNoa,3813796373,y\n"} {
		if found(in) {
			t.Errorf("%q: unexpected national-id", in)
		}
	}
}
