package detect

import "testing"

// TestFalsePositiveClasses: values that stand where secrets stand but are none, one
// case a class (each class was a false positive before its fix).
func TestFalsePositiveClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct{ name, text string }{
		{"a value's own key names neither the provider nor a secret",
			`{"key_npm": "x", "etag": "dcb98abf-3ff6-442c-a190-b95fff67142a"}`},
		{"a provider's name inside a random run is no name",
			`{"blob": "Xo0slqOTxVohwJ7f3kQ9zP2mW", "v": "843c623f7a13cd3bb59faebfdf3df4703d9647d08b4eee3f28667858791fe097"}`},
		{"CSRF token", `csrf-token=Mj2qykJO5rELyHgezQ69nzUX0i3OH67V7+V4eUrLfpuyOuxmiW9rhROG/Whikle15syazJOkrjJa3U2AbhIvUw==`},
		{"authenticity token", `<input type="hidden" name="x" authenticity_token="7SWa-Fo1_hsC6oovfBsJFLGPUl2EhkSWPbJhWANwgaJWBDl1vxd9VNqX">`},
		{"a key that says fake", `fake_api_key = "q8Zt3LmN9pR2tKw7YbH4sJd6FgA1cEuV"`},
		{"a publishable token", `publicToken = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"`},
		{"a truncated prefixed token", `token := "duffel_test_abc123"`},
		{"an enum constant under a credential-ish key", `CredentialTypeOnBehalfOf = "OnBehalfOfCredential"`},
		{"a JavaScript name after a provider's name", `debounce(e){const t={key:"MainContainer",positionCache:"latestVersion"}}`},
		{"an API name under a token key", `token_scope: "YtAnalyticsReadonlyScope"`},
		{"a number in code under a constant's name", `const ERROR_ILL_FORMED_PASSWORD = 1324`},
		{"a hexadecimal constant", `_NSS_BUFLEN_PASSWD  = 0x400`},
		{"an OID", `const szOID_RSA_challengePwd = "1.2.840.113549.1.9.7"`},
		{"a version range", `"parse-passwd": "^1.0.0"`},
		{"an environment variable's name", `EnvRootPassword = "MINIO_ROOT_PASSWORD"`},
		{"a setting's name", `LookupBindPassword = "lookup_bind_password"`},
		{"a file name", `X_MASTERPASSWD = "master.passwd"`},
		{"a path", `X_PATH_MASTERPASSWD = "/etc/master.passwd"`},
		{"a template whose token is empty", `notify_webhook endpoint="http://localhost:8080" auth_token= queue_limit=10000`},
		{"an AWS SigV4 credential scope", `"Authorization": "AWS4-HMAC-SHA256 Credential=minioadmin/20240509/us-east-1/s3/aws4_request,SignedHeaders=host"`},
		{"a template whose password is empty", `# notify_mqtt enable=off broker= topic= password= username= qos=0`},
		{"a command-line flag", `args = []string{"--disabled-password", "--group", name}`},
		{"a commit id near a provider's name", "    * Sort cloudflare domains right to left\n\ncommit 950e2374d0c12b52c1b6e439f5410bbd6a1ce6bf\n"},
		{"a provider whose name is an everyday word", "\thttp: Revamp TLS API.\n\t+ commit 8412a5825c225c8ff14de3ffaad2e55e040b2eca\n"},
		{"a Cloudflare token with characters appended", `token := "cfut_ZE4CrcFhEIDXk9vL2sTLeARsFp2ZZYbydVDhhIUq8573bbfeEXTRA"`},
	} {
		if ms := scanAll(e, c.text); len(ms) > 0 {
			t.Errorf("%s: %q: got %s", c.name, c.text, describe(ms))
		}
	}
}

// TestRecallClasses: formats found whatever the case or vintage, and passwords that
// look like the classes above without being in them.
func TestRecallClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct{ text, rule, value string }{
		{`DB_PASSWORD=48213377`, "password-assignment", "48213377"},
		{`SQLPASSWORD: Password12!`, "password-assignment", "Password12!"},
		{`{"smtp_pass": "Winter.2024-Blue"}`, "password-assignment", "Winter.2024-Blue"},
		{`SLACK_TOKEN=xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1`, "slack-legacy-bot-token", "xoxb-263594206564-FGqddMF8t08v8N7Oq4i57vs1"},
		{`cfut_ZE4CrcFhEIDXk9vL2sTLeARsFp2ZZYbydVDhhIUq8573bbfe`, "cloudflare-prefixed-api-token", "cfut_ZE4CrcFhEIDXk9vL2sTLeARsFp2ZZYbydVDhhIUq8573bbfe"},
		{"loggly token: 4A7C2E90-1B3D-4F6A-8C5E-9D2B7A1F3E60", "loggly-api-key", "4A7C2E90-1B3D-4F6A-8C5E-9D2B7A1F3E60"},
	} {
		ok := false
		ms := scanAll(e, c.text)
		for _, m := range ms {
			ok = ok || m.Rule.ID == c.rule && m.Value == c.value
		}
		if !ok {
			t.Errorf("%q: want %s %q, got %s", c.text, c.rule, c.value, describe(ms))
		}
	}
}

// TestIdentifierLike: names of words are told from generated strings, which are
// rarely taken for names (the rate is a recall cost, bounded here).
func TestIdentifierLike(t *testing.T) {
	for _, s := range []string{"OnBehalfOfCredential", "UiDismissedNoEmbargo", "OAUTH2_CLIENT_CREDENTIALS",
		"YtAnalyticsReadonlyScope", "i18nLanguageListResponse", "NoOneProjectCreation", "scope-blobs-premium-2",
		"KEY_ALG_RSA_2048", "TYPE_PKCS12_FILE"} {
		if !identifierLike([]byte(s)) {
			t.Errorf("identifierLike(%q) = false", s)
		}
	}
	for _, s := range []string{"Zq8Xv3LmN9pR2tKw7YbH4sJd6FgA1cEu", "ZUJLMlexvq8UAdcA", "4af3IvWsmuRvaTuoxYuXMO",
		"bxnuavp2mzzty09genmg9anrrr8f1i6", "6fe4476ee5a1832882e326b506d14126", "qwhfkdjslaoeirutyzmx"} {
		if identifierLike([]byte(s)) {
			t.Errorf("identifierLike(%q) = true", s)
		}
	}
	const al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	g := newLineGen(5)
	for _, n := range []int{16, 24} {
		hit := 0
		for i := 0; i < 5000; i++ {
			b := make([]byte, n)
			for j := range b {
				b[j] = al[g.rng.IntN(len(al))]
			}
			if identifierLike(b) {
				hit++
			}
		}
		if hit > 5000/100 {
			t.Errorf("%d of 5000 random strings of %d characters taken for names", hit, n)
		}
	}
}
