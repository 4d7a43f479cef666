package detect

import "testing"

// National identity numbers with a check digit, named by a key, a column or the words
// before them. The values were computed for this test with a separate implementation of
// each published check; the controls change one digit, or drop the naming word.
func TestNationalIDs(t *testing.T) {
	held5Want(t, []held5Case{
		{"PESEL: 87031447215", "national-id", "87031447215"},
		{`{"pesel": "05220915387"}`, "national-id", "05220915387"},
		{"Müşteri TC Kimlik No: 38271640540", "national-id", "38271640540"},
		{"CPF 418.305.729-97", "national-id", "418.305.729-97"},
		{`{"cpf": "41830572997"}`, "national-id", "41830572997"},
		{"CNPJ: 27.491.835/0001-48", "national-id", "27.491.835/0001-48"},
		{"bsn=274936185", "national-id", "274936185"},
		{"SIN: 462 718 354", "national-id", "462 718 354"},
		{"Aadhaar: 4937 1826 5407", "national-id", "4937 1826 5407"},
		{"주민등록번호: 880512-1234568", "national-id", "880512-1234568"},
		{"personnummer 850917-5231", "national-id", "850917-5231"},
		{"HETU: 150389-274W", "national-id", "150389-274W"},
		{"fødselsnummer: 23048712398", "national-id", "23048712398"},
		{"NIR 1 88 06 75 123 042 65", "national-id", "1 88 06 75 123 042 65"},
		{"DNI: 48273615L", "national-id", "48273615L"},
		{"NIE X2749361X", "national-id", "X2749361X"},
	})
	held5Quiet(t, []string{
		"PESEL: 87031447216", // check digit off by one
		"order 87031447215",  // no word names an id
		`{"trace_id": "38271640540"}`,
		"CPF 418.305.729-98",
		"CNPJ: 27.491.835/0001-49",
		"bsn=274936187",
		"Aadhaar: 4937 1826 5406", // check digit of the mistaken table (p[4] with 6,7,8 rotated)
		"HETU: 150389-274X",
		"DNI: 48273615K",
		"version 418.305.729-97",
	}, "national-id")
}

// IBANs whose account part mixes letters and digits hold no run of six digits; every
// registry country is read, compact or in groups of four.
func TestIBANLettersAndNewCountries(t *testing.T) {
	held5Want(t, []held5Case{
		{"Konto: RO75 KXBA 0W3P J8F2 QL6N 0RTZ", "iban", "RO75KXBA0W3PJ8F2QL6N0RTZ"},
		{"iban=RO75KXBA0W3PJ8F2QL6N0RTZ", "iban", "RO75KXBA0W3PJ8F2QL6N0RTZ"},
		{"счёт RU7104452597440817810600001234567", "iban", "RU7104452597440817810600001234567"},
		{"OM61 0180 0000 0001 2345 678 ok", "iban", "OM610180000000012345678"},
		// the counterparty subfield of an MT940 statement line
		{":86:166?00GUTSCHRIFT?20RECHNUNG 4471?31RO75KXBA0W3PJ8F2QL6N0RTZ?32ANNA POPESCU", "iban", "RO75KXBA0W3PJ8F2QL6N0RTZ"},
	})
	held5Quiet(t, []string{
		"Konto: RO76 KXBA 0W3P J8F2 QL6N 0RTZ",
		"RU7104452597440817810600001234568",
		"XRO75KXBA0W3PJ8F2QL6N0RTZ",
		"4471RO75KXBA0W3PJ8F2QL6N0RTZ",
	}, "iban")
}

// GEDCOM's IDNO record (and "IdNo" fields) names an identity number; the number still
// has to pass its check digit.
func TestIDNo(t *testing.T) {
	held5Want(t, []held5Case{
		{"0 @I7@ INDI\n1 IDNO 070593-436L\n2 TYPE Henkilötunnus\n", "national-id", "070593-436L"},
		{"1 IDNO 690314-3276\n2 TYPE Personnummer\n", "national-id", "690314-3276"},
	})
	h11Quiet(t, []string{
		"1 IDNO 070593-436M\n",
		"1 IDNO 690314-3277\n",
	})
}

// TestVerhoeffPermutationTable: each row of Verhoeff's permutation table is the row
// before it composed with the second row, p(i+1, j) = p(i, p(1, j)); a row typed wrong
// (p[4] once had 6, 8, 7 as 7, 6, 8) accepts the wrong twelfth digit for Aadhaar.
func TestVerhoeffPermutationTable(t *testing.T) {
	for i := 0; i+1 < len(verhoeffP); i++ {
		for j := 0; j < 10; j++ {
			if want := verhoeffP[i][verhoeffP[1][j]]; verhoeffP[i+1][j] != want {
				t.Errorf("verhoeffP[%d][%d] = %d, want %d", i+1, j, verhoeffP[i+1][j], want)
			}
		}
	}
	// 2345 6789 0124 (check digit worked by hand) passes; its last digit changed does not.
	if !aadhaarOK([]byte("234567890124")) || aadhaarOK([]byte("234567890125")) {
		t.Error("aadhaarOK disagrees with Verhoeff on 2345 6789 0124")
	}
}

// TestNationalIDAfterPhone: a national ID one space after a phone number (a fixed-width
// row whose phone fills its column) is read on its own once the groups read together
// fail every check.
func TestNationalIDAfterPhone(t *testing.T) {
	held5Want(t, []held5Case{
		{"national id: +380 97 064 47 38 4341 2825 3218", "national-id", "4341 2825 3218"},
	})
	held5Quiet(t, []string{"national id: +380 97 064 47 38 4341 2825 3219"}, "national-id")
}
