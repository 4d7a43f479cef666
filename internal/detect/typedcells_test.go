package detect

import "testing"

// A store's list of credentials — a text[] or Array(String) column, a list in a
// document, named in the plural — holds one secret per element, each found as itself.
func TestRecordListsOfCredentials(t *testing.T) {
	const (
		k1 = "Rf5Tq9Wz2Lm7Xc4Vb8Nd1Hs6Jk3Pg0Ay"
		k2 = "Yb6Mn1Qx8Ws3Ez5Rd7Tc2Fv9Gb4Hn0Uj"
		pw = "Harbor-Quince-81-kestrel"
		hx = "e0ae7aac1ba0ee3dcab2eeca9f0aae4b"
		b6 = "Nqcz8I5dX4/t7LE6jRDihcAzw5gE+hZKYvWcV7v1ELz0"
	)
	cases := []struct {
		name string
		rec  []Field
		want []string
	}{
		{"json list of two tokens", []Field{{Path: "id", Value: "7"}, {Path: "api_key", Value: `["` + k1 + `","` + k2 + `"]`}}, []string{k1, k2}},
		{"json list of one password", []Field{{Path: "id", Value: "7"}, {Path: "password", Value: `["` + pw + `"]`}}, []string{pw}},
		{"list under a plural name", []Field{{Path: "id", Value: "7"}, {Path: "api_keys", Value: `["` + k1 + `", "` + k2 + `"]`}}, []string{k1, k2}},
		{"plural column", []Field{{Path: "id", Value: "7"}, {Path: "access_tokens", Value: k1}}, []string{k1}},
		{"plural password column", []Field{{Path: "user", Value: "ops"}, {Path: "passwords", Value: pw}}, []string{pw}},
		{"list in a document", []Field{{Path: "cfg", Value: `{"signing":{"secrets":["` + k2 + `","` + k1 + `","` + k2 + `"]}}`}}, []string{k1, k2}},
		// a digest first is no header name: the two are values of the list's own name
		{"hex first in a pair", []Field{{Path: "id", Value: "7"}, {Path: "adgangskode", Value: `["` + hx + `","` + b6 + `"]`}}, []string{b6}},
		{"hex first in a document's pair", []Field{{Path: "cfg", Value: `{"db":{"adgangskode":["` + hx + `","` + b6 + `"]}}`}}, []string{b6}},
	}
	for _, c := range cases {
		got := map[string]bool{}
		Default().ScanRecord(c.rec, func(m FieldMatch) { got[m.Value] = true })
		for _, w := range c.want {
			if !got[w] {
				t.Errorf("%s: %q not found (found %v)", c.name, w, got)
			}
		}
		for v := range got {
			if v != k1 && v != k2 && v != pw && v != hx && v != b6 {
				t.Errorf("%s: reported %q, which is no element", c.name, v)
			}
		}
	}
}

// Plural names of things that are not credentials stay so, and a list of names
// ("columns": ["id", "token"]) holds no secret.
func TestRecordPluralsNoCredential(t *testing.T) {
	recs := [][]Field{
		{{Path: "model", Value: "small"}, {Path: "max_tokens", Value: "4096"}},
		{{Path: "table", Value: "orders"}, {Path: "primary_keys", Value: `["order_id","line_no"]`}},
		{{Path: "index", Value: "by_customer"}, {Path: "sort_keys", Value: `["customer_id","created_at"]`}},
		{{Path: "id", Value: "9"}, {Path: "keys", Value: `["user:1042:profile","user:1042:settings"]`}},
	}
	for _, rec := range recs {
		Default().ScanRecord(rec, func(m FieldMatch) { t.Errorf("%v: reported %q (%s)", rec, m.Value, m.Rule.ID) })
	}
}

// A name folded to lower case (S3 metadata, a Postgres column created without quotes)
// is read as its words: "sessiontoken" as session_token, "tokenvalue" as token_value,
// with the same verdict as the spelled-out name — a pagination cursor stays one.
func TestRecordGluedLowerCaseNames(t *testing.T) {
	const v = "Xe4Rt8Yu2Io6Pa0Sd5Fg9Hj3Kl7Zx1Cv"
	verdict := func(name string) bool {
		got := false
		Default().ScanRecord([]Field{{Path: "metadata." + name, Value: v}}, func(FieldMatch) { got = true })
		return got
	}
	for _, n := range []string{"sessiontoken", "deploytoken", "uploadtoken", "signingsecret", "tokenvalue"} {
		if !verdict(n) {
			t.Errorf("%s: %q not found", n, v)
		}
	}
	for _, p := range [][2]string{{"nexttoken", "next_token"}, {"pagetoken", "page_token"}, {"sessiontoken", "session_token"}} {
		if verdict(p[0]) != verdict(p[1]) {
			t.Errorf("%s and %s read differently", p[0], p[1])
		}
	}
}

// A value that only starts and ends with brackets is no list: the whole of it stays
// under its field's name, as before lists were read element by element.
func TestRecordBracketedTextKeepsName(t *testing.T) {
	for _, v := range []string{"[2, Harbor-Quince-81-kestrel]", "[Harbor-Quince-81-kestrel] [x]"} {
		n := 0
		Default().ScanRecord([]Field{{Path: "password", Value: v}}, func(m FieldMatch) { n++ })
		if n == 0 {
			t.Errorf("%q under password: nothing found", v)
		}
	}
}
