package detect

import (
	"slices"
	"testing"
)

// scanValues returns what the default engine finds in text, by rule.
func scanValues(text string) map[string][]string {
	data := []byte(text)
	got := map[string][]string{}
	Default().Scan(data, func(m Match) {
		got[m.Rule.ID] = append(got[m.Rule.ID], string(data[m.Start:m.End]))
	})
	return got
}

// ISOBUS task data: the customer's and the worker's phone codes in any national
// notation, the worker's licence number; a field's name (B, C) and ids stay unread.
func TestISOXMLPersonRecords(t *testing.T) {
	doc := `<ISO11783_TaskData VersionMajor="4">
<CTR A="CTR1" B="Taufa" C="Mele" F="17537" G="Adama" J="0981 076 566" K="(11) 91696-1556" M="x@example.org"/>
<WKR A="WKR1" B="Gemechu" C="Tolera" K="0 (532) 366 33 13" L="D1234-5678-901"/>
<WKR A="WKR2" B="de Vries" C="Sanne" K="06-95266267" N="C790929210"/>
<PFD A="PFD1" C="Lote 1" D="4559831" E="CTR1"/>
</ISO11783_TaskData>`
	got := scanValues(doc)
	for _, want := range []string{"0981 076 566", "(11) 91696-1556", "0 (532) 366 33 13", "06-95266267"} {
		if !slices.Contains(got["phone-number"], want) {
			t.Errorf("phone %q not found: %q", want, got["phone-number"])
		}
	}
	if dl := got["driver-licence-number"]; len(dl) != 1 || !slices.Contains(dl, "D1234-5678-901") {
		t.Errorf("licences %q, want D1234-5678-901 only (N is no code of the standard)", dl)
	}
	if v := got["phone-number"]; slices.Contains(v, "4559831") || slices.Contains(v, "17537") {
		t.Errorf("a field's area or postal code read as a phone: %q", v)
	}
}

// A caller named by number in a PBX notification; a duration in parentheses after
// an international number no longer hides it.
func TestCallerNotification(t *testing.T) {
	for text, want := range map[string]string{
		"Subject: New voicemail from 06-05314053 (102s)":                 "06-05314053",
		"Subject: New voicemail from (11) 92125-5738 (37s)":              "(11) 92125-5738",
		"Subject: New voicemail from 0 (542) 456 47 70 (37s)":            "0 (542) 456 47 70",
		"Subject: New voicemail from +679 980 3329 (111s)":               "+679 980 3329",
		"Missed call from (960) 379-2292":                                "(960) 379-2292",
		"::;tel::0 (541) 046 99 97":                                      "0 (541) 046 99 97",
		"::;tel::(11) 93687-7395":                                        "(11) 93687-7395",
		"My mobile while away: 040 693 0449\\par":                        "040 693 0449",
		"Telephone conference with claimant at 054-866-4002 re: records": "054-866-4002",
	} {
		if got := scanValues(text)["phone-number"]; len(got) != 1 || got[0] != want {
			t.Errorf("%q: phone %q, want %q", text, got, want)
		}
	}
	if got := scanValues("::;em::ayesha.m@yahoo.com\n")["email"]; len(got) != 1 {
		t.Errorf("hotstring: email %q, want the address", got)
	}
	for _, text := range []string{"(412) 268-4387, fax: (412) 268-7395", "phone support hours are 0800 to 1700 daily", "emit a message and fail.\n\n2022-04-04  Jakub", "got a call from 2 people at 10.30", "voicemail from 12345 (3s)", "call from 2024-11-05 12:00"} {
		if got := scanValues(text)["phone-number"]; len(got) != 0 {
			t.Errorf("%q: phone %q, want none", text, got)
		}
	}
}

// ACH's individual identification number in a BAI2 detail record names an identity
// number; "kind id" does not.
func TestACHIndividualID(t *testing.T) {
	if got := scanValues("88,ACH CREDIT ORIG CO NAME=PAYROLL IND NAME=DE VRIES IND ID=939.857.452-77\n")["national-id"]; len(got) != 1 {
		t.Errorf("IND ID: national-id %q, want the CPF", got)
	}
	// (the bare digits: the CPF's printed form is read without a naming word)
	if got := scanValues("kind id=93985745277\n")["national-id"]; len(got) != 0 {
		t.Errorf("kind id: national-id %q, want none", got)
	}
}
