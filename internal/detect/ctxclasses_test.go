package detect

import (
	"strings"
	"testing"
)

// TestContextClasses covers the classes of issue 11 found in Nosey Parker's half-A rule
// examples: each positive with a near miss that must stay quiet. The strings are
// written here, not copied from any peer.
func TestContextClasses(t *testing.T) {
	e := Default()
	cases := []struct {
		name, in, rule, value string // rule "" : nothing of the secret category
	}{
		// passwords in forms that have their own grammar
		{"psexec -p", `psexec \\10.4.4.4 -u Administrator -p Kangaroo9 cmd`, "command-line-password", "Kangaroo9"},
		{"psexec -p variable", `psexec \\10.4.4.4 -u Administrator -p %ADMINPW% cmd`, "", ""},
		{"powershell -Password", `Connect-VIServer -Server vc01 -User ops@vsphere.local -Password Gr33nT3a!`, "command-line-password", "Gr33nT3a!"},
		{"powershell -Password variable", `Connect-VIServer $vc -User $u -Password $vcPass`, "", ""},
		{"netrc one line", `machine git.corp.internal login carol password Qz7mPx2wLk`, "netrc-password", "Qz7mPx2wLk"},
		{"netrc lines", "machine api.corp.internal\n  login carol\n  password Qz7mPx2wLk\n", "netrc-password", "Qz7mPx2wLk"},
		{"netrc documentation host", "machine example.com\n  login carol\n  password carol-2024\n", "", ""},
		{"netrc documentation host, real password", "machine example.com\n  login carol\n  password Qz7mPx2wLk\n", "netrc-password", "Qz7mPx2wLk"},
		{"netrc prose", `a machine login password form`, "", ""},
		{"DirectoryEntry", `$d = New-Object DirectoryServices.DirectoryEntry("LDAP://dc01","corp\svc", "Pumpkin77")`, "password-call-argument", "Pumpkin77"},
		{"getConnection", "c = DriverManager.getConnection(url,\n  \"report\", \"Lp4x9Qm2\");", "password-call-argument", "Lp4x9Qm2"},
		{"getConnection variables", `c = DriverManager.getConnection(url, user, pass);`, "", ""},
		{"prose", `echo "The password is 'Wombat2020'"`, "password-in-prose", "Wombat2020"},
		{"prose for user", `Make sure the password for user 'postgres' is 'Hx8qTr' first.`, "password-in-prose", "Hx8qTr"},
		{"prose unquoted", `The password is incorrect, try again`, "", ""},
		{"comparison", `if username == "jojo" and password == "tea10x":`, "password-assignment", "tea10x"},
		{"comparison strict", `if (password === 'Marmalade42') {`, "password-assignment", "Marmalade42"},
		{"comparison empty", `if password != "" {`, "", ""},
		{"user pair bare word", "user = bertie\npassword = jam_tomorrow\n", "password-assignment", "jam_tomorrow"},
		{"bare word without user", "password = jam_tomorrow\n", "", ""},
		{"user pair stand-in", "[site]\nUsername=someone\nPassword=someonespassword\n", "", ""},
		{"connection string spaced key", `conn.Open("Provider=SQLOLEDB.1;User ID=billing; " & "Password =Qx7pLm2w;Initial Catalog=B;")`, "password-assignment", "Qx7pLm2w"},
		{"code statement", "password = hashedValue;\n", "", ""},
		{"aligned assignment", `apiKey:              "0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5",`, "generic-api-key", "0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5"},
		{"buildConfigField", `buildConfigField 'String', 'API_KEY', '"0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5"'`, "generic-api-key", "0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5"},
		{"buildConfigField name", `buildConfigField 'String', 'API_HOST', '"api.internal"'`, "", ""},
		{"jvm property", `mvn verify -Dsonar.login=9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6`, "sonar-api-key", "9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6"},
		// provider formats
		{"vault hvs short", `apikey: hvs.CAESIK9mQ2xPz7vRt4Lw8YbN3cHj6Uf1Da5Ge0Ks`, "hashicorp-vault-token", "hvs.CAESIK9mQ2xPz7vRt4Lw8YbN3cHj6Uf1Da5Ge0Ks"},
		{"vault hvs words", `see hvs.service_token_placeholder_here`, "", ""},
		{"doppler service token with config", `DOPPLER_TOKEN=dp.st.prd.Kq3mX8vN2pL7wR4tY9bH6jF1dS5gA0zC3eU8iO2kMnB`, "doppler-token", "dp.st.prd.Kq3mX8vN2pL7wR4tY9bH6jF1dS5gA0zC3eU8iO2kMnB"},
		{"teams office 365 webhook", `url = 'https://outlook.office.com/webhook/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0@1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809/IncomingWebhook/a1b2c3d4e5f60718293a4b5c6d7e8f90/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'`, "teams-legacy-webhook-url", ""},
		{"code climate reporter id", `CC_TEST_REPORTER_ID: 3f9a8b7c6d5e4f3021a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f30211a0b9c8`, "codeclimate-reporter-id", "3f9a8b7c6d5e4f3021a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f30211a0b9c8"},
		{"figma four-digit id", `--header='X-Figma-Token: 2741-3c9d1e0f-7a6b-4c5d-8e9f-0a1b2c3d4e5f'`, "figma-legacy-token", "2741-3c9d1e0f-7a6b-4c5d-8e9f-0a1b2c3d4e5f"},
		{"truenas", `{"method": "auth.login_with_api_key", "params": ["7-Zq3mX8vN2pL7wR4tY9bH6jF1dS5gA0zC3eU8iO2kMnBqW4eR7tY1uI5oP9aS3dF6"]}`, "truenas-api-key", "7-Zq3mX8vN2pL7wR4tY9bH6jF1dS5gA0zC3eU8iO2kMnBqW4eR7tY1uI5oP9aS3dF6"},
		{"twitter legacy consumer secret", `TWITTER_API_SECRET = 'Tz8kQm2vXr4Lp9WbN3cYh6JfDs1GaE7uKo5iVq0MzX'`, "twitter-api-key", "Tz8kQm2vXr4Lp9WbN3cYh6JfDs1GaE7uKo5iVq0MzX"},
		{"pem as concatenated literals", pemLiterals(" +\n    ", "RSA PRIVATE KEY"), "private-key-rsa", ""},
		{"pem as adjacent literals", pemLiterals("\n", "EC PRIVATE KEY"), "private-key-ec", ""},
		{"pem label alone", `key = "-----BEGIN RSA PRIVATE KEY-----" + body + "-----END RSA PRIVATE KEY-----"`, "", ""},
		// false positives no longer reported
		{"lockfile digest", `sonarqube-scanner/-/sonarqube-scanner-3.1.0.tgz#0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5a7c9e2d4`, "", ""},
		{"label string", `usernameLabel:"User name:",passwordLabel:"Password:",rememberLabel:"Keep me in:"`, "", ""},
		{"php concatenation", `echo 'password = '.$cfg['daemon']['pw'].";\n";`, "", ""},
		{"css selector", `this.resetPassword = '#reset-password';`, "", ""},
		{"css selector near miss", `this.resetPassword = '#reset-Pa55word9';`, "password-assignment", "#reset-Pa55word9"},
		{"aws secret name, wrong length", `export AWS_SECRET_ACCESS_KEY=0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5a7c9e2d4f6`, "", ""},
		{"aws secret name, 40 hex", `export AWS_SECRET_ACCESS_KEY=0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5a7c9e2d4`, "generic-api-key", "0c5e2b8a7f3d9164e0b2c8a4f6d1e3b5a7c9e2d4"},
		{"anonymous login", "srv->user = \"anonymous\";\nsrv->password = \"ftpuser@\";\n", "", ""},
		{"anonymous near miss", "srv->user = \"operator\";\nsrv->password = \"ftpuser@\";\n", "password-assignment", "ftpuser@"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := scanAll(e, c.in)
			var secrets []Match
			for _, m := range ms {
				if m.Rule.Category == "secret" {
					secrets = append(secrets, m)
				}
			}
			if c.rule == "" {
				if len(secrets) > 0 {
					t.Errorf("%q: want no secret, got %s", c.in, describe(secrets))
				}
				return
			}
			for _, m := range secrets {
				if m.Rule.ID == c.rule && (c.value == "" || m.Value == c.value) {
					return
				}
			}
			t.Errorf("%q: want %s %q, got %s", c.in, c.rule, c.value, describe(ms))
		})
	}
}

// pemLiterals writes a PEM block as one string literal a line, joined by joint.
func pemLiterals(joint, label string) string {
	body := ExpandExample("{b:320}")
	parts := []string{`"-----BEGIN ` + label + `-----"`}
	for len(body) > 0 {
		n := min(64, len(body))
		parts = append(parts, `"`+body[:n]+`"`)
		body = body[n:]
	}
	parts = append(parts, `"-----END `+label+`-----"`)
	return "String key = " + strings.Join(parts, joint) + ";"
}
