package detect

import "testing"

// TestShortGeneratedKey: a device's or an application's own key of 10 to 19 random
// letters and digits is taken under a "<word>_key" name (secretKey's or namedKey's
// strict ones) in several syntaxes; words, identifiers, hex, versions and the like,
// and short values under names that are no such key's, stay quiet.
func TestShortGeneratedKey(t *testing.T) {
	e := Default()
	found := []struct{ in, v string }{
		{"<Player>\n  <ServerKey>pT4xQm9LwZ2v</ServerKey>\n</Player>\n", "pT4xQm9LwZ2v"},
		{"[device]\nCommKey=Rb7kWq2XnT5\n", "Rb7kWq2XnT5"},
		{`{"server_key": "hVq8Tz3LkP1m"}`, "hVq8Tz3LkP1m"},
		{"device:\n  access_key: Mz6pKw2RtY9bQ\n", "Mz6pKw2RtY9bQ"},
		{"LICENSE_KEY=Xf3Jk9PqW2mZtL\n", "Xf3Jk9PqW2mZtL"},
		{"<add key=\"ClientKey\" value=\"gW5nRz8YqK2c\" />\n", "gW5nRz8YqK2c"},
		{"signage:\n  server_key: TqLxWbZrKmNp\n", "TqLxWbZrKmNp"},
	}
	for _, c := range found {
		ok := false
		for _, m := range scanAll(e, c.in) {
			if m.Value == c.v {
				ok = true
			}
		}
		if !ok {
			t.Errorf("missed %q in %q: got %s", c.v, c.in, describe(scanAll(e, c.in)))
		}
	}
	quiet := []struct{ in, v string }{
		{"<ServerKey>Win32Handle</ServerKey>\n", "Win32Handle"}, // a name of words
		{"server_key: getUserById2\n", "getUserById2"},          // camelCase identifier
		{"CommKey=HelloWorld123\n", "HelloWorld123"},            // words and a number
		{`{"server_key": "a3f9c2e17b4d"}`, "a3f9c2e17b4d"},      // hex: a digest's prefix
		{"api_key = \"v2.14.3-beta\"\n", "v2.14.3-beta"},        // a version
		{`{"cache_key": "Tq8LxWbZ3rKm"}`, "Tq8LxWbZ3rKm"},       // an owner that is no secret
		{`{"key": "Tq8LxWbZ3rKm"}`, "Tq8LxWbZ3rKm"},             // a bare key
		{`{"token": "Tq8LxWbZ3rKm"}`, "Tq8LxWbZ3rKm"},           // not a key's name
		{`{"nonce": "Tq8LxWbZ3rKm"}`, "Tq8LxWbZ3rKm"},           // not a credential's name
		{"server_key: MyApp2024Key\n", "MyApp2024Key"},          // words and a year
		{"<ServerKey>abcdefghij</ServerKey>\n", "abcdefghij"},   // one case, no digit
		{"<ServerKey>Tq8Lx</ServerKey>\n", "Tq8Lx"},
		{`{"raw_key": "someRawKeyID"}`, "someRawKeyID"},
		{"[ovh-eu]\napplication_key=Kq7mWz2RtY9bQx4L\n", "Kq7mWz2RtY9bQx4L"}, // 16 and more: namedKeyValue's, an app's id here // camelCase and an acronym
		{"cf-api-key: Q0hBTkdFTUUh\n", "Q0hBTkdFTUUh"},                       // base64 of a word             // too short
	}
	for _, c := range quiet {
		for _, m := range scanAll(e, c.in) {
			if m.Value == c.v {
				t.Errorf("quiet %q in %q: got %s", c.v, c.in, m.Rule.ID)
			}
		}
	}
	for _, v := range []string{"uM50knowIq", "TKnYFALokWMacT", "Quimper85HbH"} {
		if !shortGeneratedKey([]byte(v)) {
			t.Errorf("shortGeneratedKey(%q) = false", v)
		}
	}
	for _, v := range []string{"Win32Handle", "getUserById2", "base64Encode", "x509Certificate", "iPhone12ProMax", "ABCdef123456", "0123456789ab"} {
		if shortGeneratedKey([]byte(v)) {
			t.Errorf("shortGeneratedKey(%q) = true", v)
		}
	}
}
