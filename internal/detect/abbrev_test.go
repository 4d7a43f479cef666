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
		{"sk", "Kestrel4410^Moorland", true},              // typed by a person: no sort key or id (personPassword)
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

// TestRecordNumberedNames: a field whose name ends in a number — one of several of the
// same kind — is read without it; short names keep theirs ("x509", "s3").
func TestRecordNumberedNames(t *testing.T) {
	e := Default()
	pw := "Holunder5581@Steg"
	for _, c := range []struct {
		field string
		want  bool
	}{
		{"RELAY_TOKEN3", true},
		{"backupSecret2", true},
		{"deploy_token_12", true},
		{"session_tok_1", true},
		{"sha256", false},
		{"s3", false},
	} {
		got := false
		e.ScanRecord([]Field{{Path: "id", Value: "4"}, {Path: c.field, Value: pw}}, func(m FieldMatch) {
			got = got || m.Rule.Category == "secret" && m.Value == pw
		})
		if got != c.want {
			t.Errorf("%s=%q: found %v, want %v", c.field, pw, got, c.want)
		}
	}
	for _, c := range []struct{ in, out string }{
		{"cfg.RELAY_TOKEN3", "cfg.relay_token"}, {"a:deploy_token_12", "a:deploy_token"}, {"x509", "x509"}, {"key_v2", "key_v2"},
	} {
		if got, _ := fieldAbbrev(c.in); got != c.out {
			t.Errorf("fieldAbbrev(%q) = %q, want %q", c.in, got, c.out)
		}
	}
}
