package detect

import "testing"

// A name that reads as a credential only in some uses — the access-key pair's short
// names, a letter before "key", a cursor's name — takes a password a person typed
// (personPassword) in a store's record: sort keys, ids, digests and cursors are written
// by programs and carry none of a typed password's punctuation. Values that programs
// write stay refused under those names, and text is not read this way.
func TestPersonPasswordUnderAmbiguousNames(t *testing.T) {
	typed := []string{"Kestrel4410^Moorland", "hollow5517&Pebble", "vrak62TQD-bXmnQe~", "ember3306!thicket", "Pebble8124+Drifter"}
	for _, name := range []string{"sk", "akey", "x_key", "syncToken", "doc.sync_token", "nextPageToken"} {
		for _, v := range typed {
			if !foundUnder(name, v) {
				t.Errorf("%s=%q: not found", name, v)
			}
		}
	}
	for _, c := range []struct{ name, value string }{
		{"sk", "ORDER#2024-05-01#Vb7qLx2Rk9WmT4"},      // a composite sort key
		{"sk", "harbor5517#pebble"},                    // '#' joins a composite key's parts
		{"syncToken", "CPDAl+vWDx70CEPDAlvWDx70CGAU="}, // base64 of a position
		{"syncToken", "Gx7+kQ2mZp9wLc4Rt8Vb"},          // a '+' between no words
		{"syncToken", "3f9a0c1e5b7d2f4a6c8e0b1d3f5a7c9e"},
		{"pageToken", "Vb7qLx2Rk9WmT4zN8cPd3HsJ6"}, // a generated cursor: still a cursor
		{"x_key", "3f9a0c1e5b7d2f4a6c8e0b1d3f5a7c9e5b7d2f4a"},
	} {
		Default().ScanRecord([]Field{{Path: "id", Value: "4"}, {Path: c.name, Value: c.value}}, func(m FieldMatch) {
			t.Errorf("%s=%q: reported %q (%s)", c.name, c.value, m.Value, m.Rule.ID)
		})
	}
	for _, text := range []string{"syncToken = \"ember3306!thicket\"\n", "sk: Kestrel4410^Moorland\n"} {
		Default().Scan([]byte(text), func(m Match) {
			t.Errorf("text %q: %s reported %q; these names are read so in records only", text, m.Rule.ID, m.Value)
		})
	}
	for v, want := range map[string]bool{"meadow928+Velvet": true, "Saffron4338&Maple": true, "river2295#river": false,
		"aB3+xYz9Qw2+LmN4": false, "etcd-cluster-01": false} {
		if got := personPassword([]byte(v)); got != want {
			t.Errorf("personPassword(%q) = %v, want %v", v, got, want)
		}
	}
}

// The value tests of the access-key pair's short names read a JSON string's value,
// not its escapes: ClickHouse writes '/' as "\/", and a 40-character secret key in
// base64 ("…Cj/YcAh…") was refused for the backslash.
func TestPairNameEscapedSlash(t *testing.T) {
	const v = "VyU1NaPH9UG1TmuCj/YcAh15iKY6eLosSKHFobi0"
	for _, cell := range []string{`["9ea03cf6ebc4964c384c08ca988c2171","VyU1NaPH9UG1TmuCj\/YcAh15iKY6eLosSKHFobi0"]`,
		`{"sk":"VyU1NaPH9UG1TmuCj\/YcAh15iKY6eLosSKHFobi0"}`} {
		name := "sk"
		if cell[0] == '{' {
			name = "cfg"
		}
		found := false
		Default().ScanRecord([]Field{{Path: "id", Value: "3"}, {Path: name, Value: cell}}, func(m FieldMatch) {
			found = found || m.Value == v
		})
		if !found {
			t.Errorf("%s=%s: %q not found", name, cell, v)
		}
	}
}

// A record that holds a credential under a plain name corroborates the fields under
// ambiguous names beside it (the access-key pair's short names, a letter before
// "key"): they then take hex of 128 bits or more and policy passwords, which alone
// they refuse. A cursor's name is not corroborated, nor does an ambiguous name, a
// placeholder or a field that names no credential corroborate anything.
func TestCorroboratedAmbiguousNames(t *testing.T) {
	const gen = "Vb7qLx2Rk9WmT4zN8cPd3HsJ6"
	const hex = "b80d2334f1907ac310b6c9ebe8543921"
	const hex48 = "592ba7f745c275ee227ae0c4d6a4f7f513dfaf78daf67cac"
	found := func(rec []Field, v string) bool {
		got := false
		Default().ScanRecord(rec, func(m FieldMatch) { got = got || m.Value == v })
		return got
	}
	for _, c := range []struct {
		rec  []Field
		want string
	}{
		{[]Field{{Path: "id", Value: "4"}, {Path: "sk", Value: hex}, {Path: "api_key", Value: gen}}, hex},
		{[]Field{{Path: "x_key", Value: hex48}, {Path: "masterPassword", Value: "Saffron4338&Maple"}}, hex48},
		{[]Field{{Path: "x_key", Value: "river2295#river"}, {Path: "token", Value: gen}}, "river2295#river"},
		{[]Field{{Path: "doc", Value: `{"akey":"` + hex48 + `","SECRET_KEY_BASE":"` + gen + gen + `"}`}}, hex48},
		{[]Field{{Path: "accessToken", Value: `["` + gen + `"]`}, {Path: "sk", Value: `["` + hex + `","osS8NjxF8ItAddX4v8DKb97TMef0C5"]`}}, hex},
	} {
		if !found(c.rec, c.want) {
			t.Errorf("%v: %q not found", c.rec, c.want)
		}
	}
	for _, rec := range [][]Field{
		{{Path: "id", Value: "4"}, {Path: "sk", Value: hex}},
		{{Path: "pk", Value: "USER#1"}, {Path: "sk", Value: hex}, {Path: "etag", Value: gen}},
		{{Path: "sk", Value: hex}, {Path: "password", Value: "changeme"}},
		{{Path: "sk", Value: hex}, {Path: "akey", Value: gen}},
		{{Path: "syncToken", Value: hex}, {Path: "api_key", Value: gen}},
		{{Path: "sk", Value: "ORDER#2024-05-01#17"}, {Path: "api_key", Value: gen}},
		{{Path: "doc", Value: `{"x_key":"` + hex48 + `","build_sha":"` + gen + `"}`}},
	} {
		Default().ScanRecord(rec, func(m FieldMatch) {
			if m.Value != gen {
				t.Errorf("%v: reported %q (%s)", rec, m.Value, m.Rule.ID)
			}
		})
	}
}
