package detect

import "testing"

// TestTreeRound18Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound18Classes(t *testing.T) {
	pat := func(v string) string {
		return "{\n    \"go.testEnvVars\": {\n        \"GITLAB_TOKEN\": \"" + v + "\",\n        \"GITLAB_BASE_URL\": \"http://127.0.0.1:8095/api/v4\"\n    }\n}\n"
	}
	checkNamedTreeClasses(t, "settings.json", []treeClassCase{
		{class: "a token's body spelt as test and a count", example: pat("glpat-ACCTEST1234567890123"), leak: pat("glpat-ACCTESX1234567890123"),
			rule: "gitlab-pat", value: "glpat-ACCTESX1234567890123"},
		{class: "a token's body spelt as test and a count (count broken)", example: pat("glpat-ACCTEST1234567890123"), leak: pat("glpat-ACCTEST1234567390123"),
			rule: "gitlab-pat", value: "glpat-ACCTEST1234567390123"},
	})
	compose := func(user string) string {
		return "services:\n  mysql:\n    environment:\n      - MYSQL_DATABASE=test\n      - MYSQL_USER=" + user + "\n      - MYSQL_PASSWORD=zaphod\n"
	}
	checkNamedTreeClasses(t, "docker-compose.yml", []treeClassCase{
		{class: "a test account's password", example: compose("test"), leak: compose("rekor"), rule: "password-assignment", value: "zaphod"},
	})
	script := func(user string) string {
		return "#!/bin/bash\nDB=\"test\"\nUSER=\"" + user + "\"\nPASS=\"zaphod\"\nROOTPASS=\"\"\n"
	}
	checkNamedTreeClasses(t, "createdb.sh", []treeClassCase{
		{class: "a test account's password (script)", example: script("test"), leak: script("testers"), rule: "password-assignment", value: "zaphod"},
	})
	conf := func(v string) string {
		return "```toml\nno_schema_check        = false\n# password             = \"" + v + "\" # not set by default\n```\n"
	}
	checkNamedTreeClasses(t, "csaf_uploader.md", []treeClassCase{
		{class: "a value describing its credential", example: conf("auth-key to access the provider"), leak: conf("auth-key cross across provider"),
			rule: "password-assignment", value: "auth-key cross across provider"},
	})
	span := func(v string) string {
		return "3. **Export the four internal-but-public methods** in the same pass: `" + v + "`, and add the overload.\n"
	}
	checkNamedTreeClasses(t, "2.0-restructure.md", []treeClassCase{
		{class: "a name of code in a code span", example: span("normalizeDiallableCharsOnly"), leak: span("nrmlzDllblChrsOnly"),
			rule: "password-assignment", value: "nrmlzDllblChrsOnly"},
	})
}

// TestTreeRound18Shapes pins the value readers on both sides of their bounds.
func TestTreeRound18Shapes(t *testing.T) {
	for v, want := range map[string]bool{
		"glpat-ACCTEST1234567890123": true, "glpat-1234567890123TESTING": true, "acctest1234567890": true,
		"glpat-AccTest1234567890123": false, // mixed case: not one word
		"glpat-ACCTEST123456789":     false, // nine counted digits
		"glpat-ACCXYZW1234567890123": false, // no test
		"glpat-ACCTEST1234567890124": false, // count broken
		"glpat-ACCTEST12345678901x3": false,
	} {
		if got := testCountBody(v); got != want {
			t.Errorf("testCountBody(%q) = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[string]bool{
		"auth-key to access the provider": true, "the password for your account": true,
		"correct horse battery staple": false, // no function word, no noun
		"sylhet padma the key 53":      false, // a digit
		"Key To Access The Provider":   false, // capitals
		"key to the":                   false, // three words
	} {
		if got := describedCredential(v); got != want {
			t.Errorf("describedCredential(%q) = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[string]bool{
		"`normalizeDiallableCharsOnly`": true, "`isNumberGeographical`": false, // "is": a word of two letters
		"`canBeInternationallyDialled`": false, // "Be": a word of two letters
		"`adzyvTdrQVxyz`":               false, // capitals side by side
		"`ksxNCbqaBTFKipE`":             false,
		"`normalizeDiallable2Only`":     false, // a digit
		"`NormalizeDiallableChars`":     false, // capital first
		"`normalizeDiallable`":          false, // two words
		"normalizeDiallableCharsOnly":   false, // no code span
	} {
		data := []byte(v)
		s, e := 0, len(data)
		if data[0] == '`' {
			s, e = 1, len(data)-1
		}
		if got := codeSpanCamel(data, s, e); got != want {
			t.Errorf("codeSpanCamel(%q) = %v, want %v", v, got, want)
		}
	}
	for u, want := range map[string]bool{"test": true, "TEST": true, "testuser": false, "tester": false, "tes": false} {
		if got := testAccount([]byte(u)); got != want {
			t.Errorf("testAccount(%q) = %v, want %v", u, got, want)
		}
	}
}
