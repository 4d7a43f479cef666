package detect

import (
	"fmt"
	"slices"
	"testing"
)

// Numbers in their countries' own notation in prose with no cue word the phone rule
// knows: found when the numbering plan accepts them and groups them so.
func TestPhoneShapeProse(t *testing.T) {
	for text, want := range map[string]string{
		"Ring mig på 070-412 38 95 efter fem.":                "070-412 38 95", // Sweden
		"Bel me terug op 06-41283957 vanavond.":               "06-41283957",   // Netherlands
		"Biko kpọọ m na 0803 412 7789.":                       "0803 412 7789", // Nigeria
		"Me liga no (21) 98765-4321 amanhã.":                  "(21) 98765-4321",
		"Beni arayın: 0 (532) 417 28 93.":                     "0 (532) 417 28 93",
		"תתקשר אליי 052-418-3927 בערב":                        "052-418-3927", // Israel
		"Skakel my by 082 415 3927.":                          "082 415 3927", // South Africa
		"Appelez-moi au (416) 634-8127.":                      "(416) 634-8127",
		"Llamame al 0981 417 263 por favor":                   "0981 417 263",
		"ご連絡ください 090-4172-8836 まで":                            "090-4172-8836", // Japan
		"<!-- site engineer 021 462 8837 -->":                 "021 462 8837",
		"# driver: Aroha Ngata, 027 418 3391":                 "027 418 3391",
		`{"text": "Номер для связи: 073-415 27 68"}`:          "073-415 27 68",
		"O le igoa o Sina. 040 734 1189 lo'u numera":          "040 734 1189",
		"Nipigie simu kwa 0712 345 678 kesho asubuhi, asante": "0712 345 678", // Tanzania
	} {
		if got := scanValues(text)["phone-number"]; !slices.Contains(got, want) {
			t.Errorf("%q: phone %q, want %q", text, got, want)
		}
	}
}

// Digit runs shaped like a national number that are not one: no valid plan, no prose,
// a word that names an id, a filler, a table's column, a date or an amount.
func TestPhoneShapeRefused(t *testing.T) {
	for _, text := range []string{
		"Appelez-moi au (123) 456-7890.", // no North American area code 123
		"Marketplace order 067-1028414",
		"Invoice 021 649 7113 is due",
		"Ticket No. 021 649 7114",
		"x = 040 434 7632",
		`"id": "040 434 7632"`,
		"call 040 000 0000 now",
		"row 021 649 7111 22",
		"released on 2026-10-03 at 12:00 by ops",
		"total 1 234 567 items",
		"parts 0 1 2 3 4 5 6",
		"offset 0040 0000 1234 here",
		"see 12 040 434 7632",
		"sqlite3_db_config_lookaside db 0 100 1000",
		"a number such as (416) 634-8127 x302",
		"two numbers, (416) 634-8127 x2303 and more",
		"reception, 082 415 3927 ext. 12",
		"would be locally dialled as 09 345 3456 in Auckland",
		"Acme Widgets Inc., 12 Harbour St, Springfield\n or call (416) 634-8127 for details",
		"Dial 0800 412 7789 toll free", // a freephone is a business's line
	} {
		if got := scanValues(text)["phone-number"]; len(got) != 0 {
			t.Errorf("%q: phone %q, want none", text, got)
		}
	}
}

// The plan test alone: valid numbers of several countries in their own grouping, and
// the same digits grouped as no country writes them, or digits no plan assigns.
func TestPhoneLibValid(t *testing.T) {
	for v, want := range map[string]bool{
		"070-412 38 95":     true,  // Sweden
		"06-41283957":       true,  // Netherlands
		"(21) 98765-4321":   true,  // Brazil
		"0 (532) 417 28 93": true,  // Turkey
		"(416) 634-8127":    true,  // Canada
		"082 415 3927":      true,  // South Africa
		"0803 412 7789":     true,  // Nigeria
		"090-4172-8836":     true,  // Japan
		"(123) 456-7890":    false, // no such area code
		"(21) 9876-54321":   false, // grouped as no plan writes it
		"0803-41-27-789":    false,
		"(21) 18765-4321":   false, // no Brazilian range starts so
	} {
		if got := phoneLibValid([]byte(v)); got != want {
			t.Errorf("phoneLibValid(%q) = %v, want %v", v, got, want)
		}
	}
}

// A Teltonika tracker's authorised numbers (parameters 4000 to 4199) in any notation;
// other parameters' digits stay unread.
func TestTeltonikaAuthorisedNumbers(t *testing.T) {
	got := scanValues("sms 1234 setparam 4000:0701234987;4001:31612345678\nsms 1234 setparam 2005:5042;2006:0;4200:0701234987\nsms 1234 setparam 4002:0000000000\n")["phone-number"]
	if len(got) != 2 || !slices.Contains(got, "0701234987") || !slices.Contains(got, "31612345678") {
		t.Errorf("phones %q, want 0701234987 and 31612345678 only", got)
	}
}

// AL3: a contact line's phone number before its e-mail address; a driver's licence
// after a name with a two-byte letter (columns count characters).
func TestAL3ContactAndAccentedName(t *testing.T) {
	doc := "1MHG200 IVANS    OCGTRH8QX1202606281717  P  AL3 5.15.34\n" +
		"9BIS184 B10001    KG 12 Rue Haute               NAMUR\n" +
		"9BIS184 B10002    0471829364     a.dupont@example.be\n" +
		"9BIS184 B10003    20260101       no address here\n" +
		"6PDR187 B10001    AURÉLIE DUPONT           K730418825116       19840312\n"
	got := scanValues(doc)
	if p := got["phone-number"]; len(p) != 1 || p[0] != "0471829364" {
		t.Errorf("phones %q, want 0471829364 only", p)
	}
	if dl := got["driver-licence-number"]; len(dl) != 1 || dl[0] != "K730418825116" {
		t.Errorf("licences %q, want K730418825116", dl)
	}
}

// TestPhoneShapeCostBounded: each number phoneShapeDet hands to the numbering plans costs
// a parse and a validation under every plan its digits might be written in (a hundred of
// them, up to a millisecond), so a text of nothing but numbers in prose took 27 s a MiB (base:
// 0.1 s). The plans are asked about a bounded number of numbers a scan, in proportion to
// the text: such a text costs no more than some twenty times as much as prose without
// numbers of the same length.
func TestPhoneShapeCostBounded(t *testing.T) {
	skipTiming(t)
	e := Default()
	var phones, prose []byte
	r := uint32(1)
	next := func(n uint32) uint32 { r = r*1664525 + 1013904223; return (r >> 8) % n }
	for len(phones) < 64<<10 {
		phones = fmt.Appendf(phones, "Please call me at (%03d) %03d-%04d.\n", 201+next(788), 200+next(800), next(10000))
		prose = append(prose, "Please call me at the office after lunch.\n"...)
	}
	prose = prose[:len(phones)]
	n := 0
	e.Scan(phones[:4<<10], func(m Match) {
		if m.Rule.ID == "phone-number" {
			n++
		}
	})
	if n == 0 {
		t.Fatal("no number found in prose: the test reads nothing")
	}
	assertLinear(t, e, "numbers in prose against prose", prose, phones, 20)
}
