package detect

import "testing"

// TestAllowMarks: every tool's inline suppression drops the value it reaches, and the
// same value where the marker does not reach it (another line, a word that only holds
// the marker's letters, a noqa for other checks, after secretlint-enable) is found.
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
		{"bandit", "db_password = \"" + pw + "\"  # nosec B105\n", "password-assignment", pw, false},
		{"sonar", "String dbPassword = \"" + pw + "\"; // NOSONAR\n", "password-assignment", pw, false},
		{"semgrep same line", "api_token = \"" + tok + "\"  # nosemgrep\n", "generic-api-key", tok, false},
		{"semgrep line above", "# nosemgrep: generic.secrets.security.detected-generic-api-key\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},
		{"checkov", "api_token = \"" + tok + "\"  # checkov:skip=CKV_SECRET_6 test fixture\n", "generic-api-key", tok, false},
		{"noqa S105", "db_password = \"" + pw + "\"  # noqa: E501, S105\n", "password-assignment", pw, false},
		{"detect-secrets nextline", "# pragma: allowlist nextline secret\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},
		{"secretlint line", "api_token = \"" + tok + "\" // secretlint-disable-line\n", "generic-api-key", tok, false},
		{"secretlint next line", "// secretlint-disable-next-line -- fixture\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, false},
		{"secretlint block", "/* secretlint-disable */\nname = \"x\"\napi_token = \"" + tok + "\"\n/* secretlint-enable */\n", "generic-api-key", tok, false},

		{"marker on another line", "api_token = \"" + tok + "\"\nother = 1  // gitleaks:allow\n", "generic-api-key", tok, true},
		{"nextline marker two lines up", "# pragma: allowlist nextline secret\nname = \"x\"\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"semgrep after code above", "x = 1  # nosemgrep\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"nosec inside a word", "db_password = \"" + pw + "\"  # nosecurity review pending\n", "password-assignment", pw, true},
		{"noqa bare", "db_password = \"" + pw + "\"  # noqa\n", "password-assignment", pw, true},
		{"noqa for other checks", "db_password = \"" + pw + "\"  # noqa: E501\n", "password-assignment", pw, true},
		{"after secretlint-enable", "// secretlint-disable\nname = \"x\"\n// secretlint-enable\napi_token = \"" + tok + "\"\n", "generic-api-key", tok, true},
		{"secretlint-disable-other", "api_token = \"" + tok + "\" // secretlint-disable-foo\n", "generic-api-key", tok, true},
	} {
		ms := scanAll(Default(), c.text)
		if got := hasMatch(ms, c.rule, c.want); got != c.found {
			t.Errorf("%s: %q: found %v, want %v (%s)", c.name, c.text, got, c.found, describe(ms))
		}
	}
}
