package detect

import "testing"

// TestRecordAbbreviatedNames: a record's field named with an abbreviation of a token
// or of an access-key pair holds that credential; the pair's short names take only
// generated values, and text is not read this way.
func TestRecordAbbreviatedNames(t *testing.T) {
	e := Default()
	gen := "Vb7qLx2Rk9WmT4zN8cPd3HsJ6"
	for _, c := range []struct {
		field, value string
		want         bool
	}{
		{"sessionTok", gen, true},
		{"refresh_tok2", "Kestrel4410^Moorland", true},
		{"skey", gen, true},
		{"sk", gen, true},
		{"ak1", gen, true},
		{"tok", gen, false},                               // a bare "tok": a lexer's token
		{"sk", "ORDER#2024-05-01#Vb7qLx2Rk9WmT4", false},  // DynamoDB's composite sort key
		{"sk", "Kestrel4410^Moorland", false},             // typed by hand: the pair's keys are generated
		{"sk", "3f9a0c1e5b7d2f4a6c8e0b1d3f5a7c9e", false}, // hex: a digest or an id
	} {
		got := false
		e.ScanRecord([]Field{{Path: "id", Value: "9"}, {Path: "doc." + c.field, Value: c.value}}, func(m FieldMatch) {
			if m.Rule.Category == "secret" && m.Value == c.value {
				got = true
			}
		})
		if got != c.want {
			t.Errorf("%s=%q: found %v, want %v", c.field, c.value, got, c.want)
		}
	}
	for _, text := range []string{"sessionTok = \"" + gen + "\"\n", "sk: " + gen + "\n"} {
		e.Scan([]byte(text), func(m Match) {
			if m.Value == gen {
				t.Errorf("text %q: %s found; abbreviations are read in records only", text, m.Rule.ID)
			}
		})
	}
}
