package detect

import "testing"

// TestAllowMarks: every secret scanner's inline suppression drops the value it reaches, and the
// same value where the marker does not reach it (another line, a word that only holds
// the marker's letters, after secretlint-enable) or where a code linter's suppression
// stands is found.
func TestAllowMarks(t *testing.T) {
	tok := ExpandExample("{a:32}7")
	pw := "Kq7#vLm2!pRz"
	for _, c := range []struct {
		name       string
		text       string
		rule, want string
		found      bool
	}{
		{"gitleaks", "api_token = \"" + tok + "\"  // gitleaks:allow\n", "generic-api-key", tok, false},
		{"kingfisher", "api_token = \"" + tok + "\"  #NOKINGFISHER\n", "generic-api-key", tok, false},
		{"ggshield", "api_token = \"" + tok + "\"  # ggignore\n", "generic-api-key", tok, false},
		{"checkov", "api_token = \"" + tok + "\"  # checkov:skip=CKV_SECRET_6 test fixture\n", "generic-api-key", tok, false},
		{"detect-secrets nextline", "# pragma: allowlist nextline secret\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},
		{"secretlint line", "api_token = \"" + tok + "\" // secretlint-disable-line\n", "generic-api-key", tok, false},
		{"secretlint next line", "// secretlint-disable-next-line -- fixture\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},
		{"secretlint block", "/* secretlint-disable */\nname = \"x\"\napi_token = \"" + tok + "\"\n/* secretlint-enable */\n", "generic-api-key", tok, false},
		{"secretlint block in markdown", "<!-- secretlint-disable -->\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},
		{"secretlint block after #", "#secretlint-disable\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},

		{"marker on another line", "api_token = \"" + tok + "\"\nother = 1  // gitleaks:allow\n", "generic-api-key", tok, true},
		{"nextline marker two lines up", "# pragma: allowlist nextline secret\nname = \"x\"\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"a linter's suppression", "db_password = \"" + pw + "\"  # noqa: S105\n", "password-assignment", pw, true},
		{"bandit's", "db_password = \"" + pw + "\"  # nosec B105\n", "password-assignment", pw, true},
		{"kingfisher's letters in a name", "api_token = \"" + tok + "\"  # see NOKINGFISHERS\n", "generic-api-key", tok, true},
		{"after secretlint-enable", "// secretlint-disable\nname = \"x\"\n// secretlint-enable\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"secretlint-disable named in prose", "Add `secretlint-disable` to silence it.\n\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"secretlint-disable in a sentence", "secretlint-disable comments are honoured.\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"secretlint-disable-other", "api_token = \"" + tok + "\" // secretlint-disable-foo\n", "generic-api-key", tok, true},
	} {
		ms := scanAll(Default(), c.text)
		if got := hasMatch(ms, c.rule, c.want); got != c.found {
			t.Errorf("%s: %q: found %v, want %v (%s)", c.name, c.text, got, c.found, describe(ms))
		}
	}
}
