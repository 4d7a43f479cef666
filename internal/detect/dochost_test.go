package detect

import "testing"

// Hosts reserved for documentation (example.com, *.example, *.test: RFC 2606) mark a
// credential as a sample only when the credential itself reads like one. A generated or
// chosen password next to such a host is still found; generated corpora and real
// configuration alike use the reserved names wherever a host goes.
func TestDocHostRealSecretFound(t *testing.T) {
	held5Want(t, []held5Case{
		// the last label of a host before " :" or ":port" is no "example:" key
		{"  client_send = : mailer@smtp.lagoon.example : Tq7vWm2zK9pRx4sB", "password-assignment", "Tq7vWm2zK9pRx4sB"},
		{`target = "webdav://files.branch.example:8443/bk?auth-username=bk&auth-password=Rw8kLm2Qz7tY4cVn"`, "generic-api-key", "Rw8kLm2Qz7tY4cVn"},
		{"proxy: http://example:8080 api_key=Lq7zR2mT9vXk4Wn8Bp3c", "generic-api-key", "Lq7zR2mT9vXk4Wn8Bp3c"},
		// an MTA's HOST:LOGIN:PASSWORD line
		{"smtp.mail.example:alerts@mail.example:Wq4-Tz8mKp!r", "password-assignment", "Wq4-Tz8mKp!r"},
		// a .netrc entry for a reserved host whose password shows itself a real one
		{"machine nexus.build.example login ci password Fq9-Lw3zTm!k", "netrc-password", "Fq9-Lw3zTm!k"},
		{"machine example.com\n  login mirror\n  password Harbour~4471Quince\n", "netrc-password", "Harbour~4471Quince"},
	})
}

// Documentation's own samples beside a reserved host stay quiet, and so does a value
// under the key "example:".
func TestDocHostSampleQuiet(t *testing.T) {
	held5Quiet(t, []string{
		"machine example.com login user password mypassword",
		"machine ftp.example.org\n  login anna\n  password Anna#2024x\n",
		"machine api.example.net login deploy password P@ssw0rd99",
		"machine git.test login bot password Demo-Key-2024",
		"machine example.com login daniel password Secret-2024",
		"smtp.example.com:user@example.com:Secret-2024",
		"curl https://user:password@example.com/api",
		"Example:\n  token: Zr8kTq2mVx7LpW4nBc9d\n",
	}, "netrc-password", "password-assignment", "generic-api-key", "url-credentials")
}
