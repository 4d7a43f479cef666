package detect

import "testing"

// A password word followed by words that are no attribute of a password names a
// password ("…_password_v3", "passwordReplica"); its value must read as one alone.
func TestTailedPasswordKey(t *testing.T) {
	for _, c := range []struct{ line, value string }{
		{"mailer_password_v3: Kt8#vRw2Lq!m", "Kt8#vRw2Lq!m"},
		{`{"passwordReplica": "Hb4$Qz9pWd2x"}`, "Hb4$Qz9pWd2x"},
		{"RELAY_PASSWORD_EU2=Qm7/vT2k+Lp9XwR4nZ8bYc3HdFs1Ja6=", "Qm7/vT2k+Lp9XwR4nZ8bYc3HdFs1Ja6="},
	} {
		if !scanFinds(c.line, "password-assignment", c.value) {
			t.Errorf("%q: password %q not found", c.line, c.value)
		}
	}
	for _, line := range []string{
		"mailer_password_sha256_hex: 5d41402abc4b2a76b9719d911017c592aa01bb52e4f1c2d3e4f5a6b7c8d9e0f1",
		"mailer_password_field: loginFormInput",
		"mailer_password_prompt: Enter the relay password",
		"mailer_password_v3: relay",
		"mailer_password_reset: Kt8#vRw2Lq!m",
	} {
		Default().Scan([]byte(line), func(m Match) {
			if m.Rule.ID == "password-assignment" {
				t.Errorf("%q: reported %q", line, m.Value)
			}
		})
	}
	if !tailedPasswordKey(keySegments([]byte("smtp_password_v4"), nil, nil)) || tailedPasswordKey(keySegments([]byte("password_policy_v4"), nil, nil)) {
		t.Error("tailedPasswordKey")
	}
}

// What follows the password word may name the value's digest or encryption scheme in
// a lock file or a server setting: no password there.
func TestTailedPasswordKeyMetadata(t *testing.T) {
	for _, c := range []struct{ format, doc string }{
		{"json", `{"packages": {"node_modules/read-passwd": {"version": "2.0.1", "integrity": "sha1-Kq3vWz8LmR2pXc7NbT4hJd9YsQ0="}}}`},
		{"", "set password_encryption = 'scram-sha-512';\n"},
	} {
		for _, m := range docRules(c.format, c.doc) {
			t.Errorf("%q: reported %s", c.doc, m)
		}
	}
}

// scanFinds says whether scanning text as plain text reports value under rule.
func scanFinds(text, rule, value string) bool {
	found := false
	Default().Scan([]byte(text), func(m Match) {
		if m.Rule.ID == rule && m.Value == value {
			found = true
		}
	})
	return found
}
