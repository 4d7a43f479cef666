package detect

import "testing"

// TestDetectSecretsSecretlintClasses: classes of credentials, of the ways they are
// written and of their look-alikes that the tuned-on halves of detect-secrets' plugin
// tests and secretlint's rule snapshots showed (every string written here), each next
// to a control that must stay as it was.
func TestDetectSecretsSecretlintClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a generated password whose punctuation holds "${" or "{{" but whose brackets
		// do not nest as a template's would
		{"template markers in punctuation", `db_password = "Zq{{w}r)T${k]v8(n[j>-_$#Lm}}"`, "password-assignment", "Zq{{w}r)T${k]v8(n[j>-_$#Lm}}"},
		{"template markers: a real template", `db_password = "{{ lookup('env', 'DB_PW')[0] }}"`, "", ""},
		{"template markers: a template inside a value", `db_password = "pw-{{ .Values.db.suffix }}"`, "", ""},
		// a hard-wired password compared with its name written after it (Yoda style)
		{"literal before comparison", `if ("Vx8rT2mQ9pLw" == userPassword) {`, "password-assignment", "Vx8rT2mQ9pLw"},
		{"literal before strict inequality", `if ('Vx8rT2mQ9pLw' !== db_passwd) return;`, "password-assignment", "Vx8rT2mQ9pLw"},
		{"literal before comparison: not a credential's name", `if ("Vx8rT2mQ9pLw" == userName) {`, "", ""},
		// Objective-C's and C#'s @"…" string literals
		{"@-string literal", `NSString *smtpPassword = @"Hw7kP3qZ9vRt";`, "password-assignment", "Hw7kP3qZ9vRt"},
		{"@-string literal: a format", `NSString *label = @"password: %@";`, "", ""},
		// a C array declarator between the name and '='
		{"C array declarator", `static const char admin_pass[16] = "Kt4mW8xQ2rLz";`, "password-assignment", "Kt4mW8xQ2rLz"},
		{"C array declarator, no size", `char ftp_password[] = "Kt4mW8xQ2rLz";`, "password-assignment", "Kt4mW8xQ2rLz"},
		{"C array declarator: a character constant", `char ftp_password[] = 'Kt4mW8xQ2rLz';`, "", ""},
		{"C array: an element assigned", `passwords[i] = "Kt4mW8xQ2rLz";`, "", ""},
		// a password given as a directive's one quoted argument on its own line
		{"password directive", "user 'deploy' do\n  password \"Wm4xQ9rTz7Kp\"\nend", "password-assignment", "Wm4xQ9rTz7Kp"},
		{"password directive with ';'", `password 'Wm4xQ9rTz7Kp';`, "password-assignment", "Wm4xQ9rTz7Kp"},
		{"password directive: prose quoting a word", `Enter your password "twice" to confirm it.`, "", ""},
		{"password directive: more on the line", `password "Wm4xQ9rTz7Kp" is rejected by the server`, "", ""},
		// placeholders: a name in single braces, a value called fake, "replace with",
		// one character repeated
		{"brace placeholder in a URL", `const u = "https://deploy:{SMTP_PASS}@mail.example.net/";`, "", ""},
		{"brace placeholder: braces around a real password", `const u = "https://deploy:{Qz7$kP2w}@mail.example.net/";`, "url-credentials", "{Qz7$kP2w}"},
		{"value called fake", `api_password = "not-a-fake-one"`, "", ""},
		{"fake inside a word", `api_password = "Fakerly9Tq2Wm"`, "password-assignment", "Fakerly9Tq2Wm"},
		{"fake glued to digits", `api_password = "Tq29fake-Wm7Zr4"`, "password-assignment", "Tq29fake-Wm7Zr4"},
		{"replace-with placeholder", `amqp://ops:REPLACE_WITH_BROKER_PW@rabbit.internal:5672/`, "", ""},
		{"one character repeated", `redis://cache:7777@10.1.2.3:6379/0`, "", ""},
		{"one character repeated: a real short password", `redis://cache:7x9q@10.1.2.3:6379/0`, "redis-connection-string", "7x9q"},
		// Shopify's longer letters-and-digits tokens next to the hex ones
		{"shopify mixed-case token", `SHOPIFY_TOKEN=shpat_Wq8Rt3Zk9Lm2Vx7Nb4Yc6Hd1Fg5Js0Pa`, "shopify-access-token", "shpat_Wq8Rt3Zk9Lm2Vx7Nb4Yc6Hd1Fg5Js0Pa"},
		{"shopify app secret, 38 characters", `shpss_Wq8Rt3Zk9Lm2Vx7Nb4Yc6Hd1Fg5Js0PaQe4T`, "shopify-shared-secret", "shpss_Wq8Rt3Zk9Lm2Vx7Nb4Yc6Hd1Fg5Js0PaQe4T"},
		{"shopify hex token", `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`, "shopify-custom-app-token", "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"},
		{"shopify: letters only", `shpat_WqRtZkLmVxNbYcHdFgJsPaQeTuIoPaSd`, "!shopify-access-token", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
