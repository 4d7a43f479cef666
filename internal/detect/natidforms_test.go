package detect

import "testing"

// Identity numbers of letters and digits, written for this test with their checks
// worked out by hand from the documented algorithms: CURP and the parenthesised HKID are
// read anywhere; NRIC/FIN, Taiwan's ID and the bare HKID only after a name; a wrong check,
// date, state or a part number of the same shape are not read.
func TestIDForms(t *testing.T) {
	held5Want(t, []held5Case{
		{"GOLM850312MJCNPR09", "national-id", "GOLM850312MJCNPR09"},
		{"cliente,PEXJ010203HDFRRNA5,alta", "national-id", "PEXJ010203HDFRRNA5"},
		{"Titular: K482715(5)", "national-id", "K482715(5)"},
		{"XA305128(2)", "national-id", "XA305128(2)"},
		{"HKID: K4827155", "national-id", "K4827155"},
		{"NRIC: S8429173J", "national-id", "S8429173J"},
		{`{"nric": "F2746018Q"}`, "national-id", "F2746018Q"},
		{"nric T0312456D", "national-id", "T0312456D"},
		{"身分證字號 F228173648", "national-id", "F228173648"},
		{"national id: A123456789", "national-id", "A123456789"},
		{"RFC: GOLM850312K71", "national-id", "GOLM850312K71"},
		{`{"rfc": "RUDA7711054B1"}`, "national-id", "RUDA7711054B1"},
		{"R.F.C. del emisor TRU0503106X9", "national-id", "TRU0503106X9"},
	})
	held5Quiet(t, []string{
		"GOLM850312MJCNPR08",       // the CURP's check fails
		"GOLM851312MJCNPR09",       // no month 13
		"GOLM850312MQQNPR09",       // no state QQ
		"XGOLM850312MJCNPR09",      // part of a longer word
		"K482715(6)",               // the HKID's check fails
		"ABC482715(5)",             // three letters
		"order K4827155",           // a bare HKID without a name
		"S8429173J",                // NRIC without a name
		"NRIC: S8429173K",          // its check fails
		"part F228173648",          // Taiwan's ID without a name
		"身分證字號 F228173649",         // its check fails
		"RFC 2616 section 14.9",    // prose
		"build AB123456(7) ready",  // a build tag with a wrong check
		"ISBN 978-3-16-148410-0 x", // digits of another kind
	}, "national-id")
}
