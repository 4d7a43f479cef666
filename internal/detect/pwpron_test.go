package detect

import "testing"

// Random letters are no program's name: a value without digits under a password key is
// read as an identifier unless its camelCase words are unpronounceable.
func TestUnpronounceablePassword(t *testing.T) {
	for _, c := range []struct{ line, value string }{
		{"  password: QwtZPLkrvdHsnmJ\n", "QwtZPLkrvdHsnmJ"},
		{"db_pass = vBnrtKqzwPsdmXh\n", "vBnrtKqzwPsdmXh"},
	} {
		if !scanFinds(c.line, "password-assignment", c.value) {
			t.Errorf("%q: password %q not found", c.line, c.value)
		}
	}
	for _, line := range []string{"  password: getUserPasswordFromStore\n", "db_pass = nextPtrMgrValue\n"} {
		Default().Scan([]byte(line), func(m Match) {
			if m.Rule.ID == "password-assignment" {
				t.Errorf("%q: reported %q", line, m.Value)
			}
		})
	}
	if unpronounceable([]byte("getHTTPResponseCode")) || !unpronounceable([]byte("QwtZPLkrvdHsnmJ")) {
		t.Error("unpronounceable")
	}
}

// scanFinds says whether the default engine reports value under rule in text.
func scanFinds(text, rule, value string) bool {
	found := false
	Default().Scan([]byte(text), func(m Match) {
		if m.Rule.ID == rule && m.Value == value {
			found = true
		}
	})
	return found
}
