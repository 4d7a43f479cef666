package detect

import (
	"strings"
	"testing"
)

// TestExampleSuppression: one case a suppression class. Each holds a value the text
// marks as an example (a false positive on real trees before the class existed: rule
// catalogues, OpenAPI documents, READMEs, example scripts in a module cache) and,
// beside it, a true positive of the same provider in the shape a real leak has (a .env
// holding several providers' keys, a config, a log line), which must still be found.
func TestExampleSuppression(t *testing.T) {
	hf := ExpandExample("hf_{B:34}")
	akia := ExpandExample("AKIA{32:16}")
	akia2 := ExpandExample("AKIA{32:16} second")[:20]
	gh := ExpandExample("ghp_{gh}")
	slack := ExpandExample("xoxb-{d:12}-{d:13}-{a:24}")
	for _, c := range []struct {
		class    string
		example  string // the value must not be found here
		leak     string // and must be found here
		rule     string
		value    string // the value both texts hold
		leakRule string // the rule that finds it in leak ("" for rule)
	}{
		{class: "a rule catalogue defines the regex whose literal prefix begins the value",
			example: "func HuggingFace() Rule {\n\tre := regexp.MustCompile(`\\bhf_(?i:[a-z]{34})\\b`)\n\ttps := []string{\n\t\t`huggingface-cli login --token " + hf + "`,\n\t}\n",
			leak:    "HF_TOKEN=" + hf + "\nAWS_ACCESS_KEY_ID=" + akia + "\nGITHUB_TOKEN=" + gh + "\n",
			rule:    "huggingface-token", value: hf},
		{class: "a rule catalogue's alternatives before a class: (?:A3T[A-Z0-9]|AKIA|ASIA)",
			example: "Regex: `\\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\\b`,\ntps := []string{\"aws_access_key_id=" + akia + "\"}\n",
			// a log line and a config whose other text holds a regular expression of
			// another shape (an nginx location)
			leak: "location ~ ^/api/[a-z0-9]+$ { proxy_pass http://app; }\n# aws_access_key_id = " + akia + "\n",
			rule: "aws-access-key-id", value: akia},
		{class: "a class followed by a group: xox[bp](?:-[0-9]{10,13})",
			example: "var slackBot = regexp.MustCompile(`xox[bp](?:-[0-9]{10,13}){2}-[a-zA-Z0-9]{24}`)\n// matches " + slack + "\n",
			leak:    `2024-05-01T10:00:01Z level=info msg="posting" token=` + slack + "\n",
			rule:    "slack-bot-token", value: slack},
		{class: "a value under a key named example (OpenAPI)",
			example: "components:\n  schemas:\n    AuthConfig:\n      type: object\n      example:\n        username: jane\n        password: \"Tq8#vLm2!pRz\"\n",
			leak:    "services:\n  db:\n    environment:\n      username: jane\n      password: \"Tq8#vLm2!pRz\"\n",
			rule:    "password-assignment", value: "Tq8#vLm2!pRz"},
		{class: "a value on the line of a key named Examples (Go catalogue)",
			example: "\t\tExamples:    []string{\"Authorization: Bearer " + akia2 + "\"},\n",
			leak:    "\t\treq.Header.Set(\"Authorization\", \"Bearer " + akia2 + "\")\n",
			rule:    "aws-access-key-id", value: akia2},
		{class: "prose introducing an example block (For example: then a code fence)",
			example: "The value is an auth configuration object. For example:\n\n```\n{\n  \"docker.example.com\": {\n    \"username\": \"janedoe\",\n    \"password\": \"Qv7!xRt2Lm9z\"\n  }\n}\n```\n",
			leak:    "# registry credentials, for example:\n# password: changeme\npassword: \"Qv7!xRt2Lm9z\"\n",
			rule:    "password-assignment", value: "Qv7!xRt2Lm9z"},
		{class: "prose introducing an indented example",
			example: "To log in, export the token. Example:\n\n    export GITHUB_TOKEN=" + gh + "\n",
			leak:    "Example:\nexport GITHUB_TOKEN=" + gh + "\n",
			rule:    "github-pat", value: gh},
		{class: "a secret scanner's inline allow marker",
			example: "slack_token = \"" + slack + "\"  // gitleaks:allow\n",
			leak:    "slack_token = \"" + slack + "\"  // TODO move to vault\n",
			rule:    "slack-bot-token", value: slack},
		{class: "URL credentials: the user name as password on the machine itself",
			example: "addr := \"amqp://guest:guest@localhost:5672/\"\n",
			leak:    "AMQP_URL=amqp://guest:guest@rabbit.prod.internal:5672/\n",
			rule:    "amqp-connection-string", value: "guest"},
		{class: "documented example passwords",
			example: "{\"username\": \"AzureDiamond\", \"password\": \"hunter2\"}\nMINIO_ROOT_PASSWORD=minioadmin\n",
			leak:    "{\"username\": \"AzureDiamond\", \"password\": \"hunter2!Q9\"}\n",
			rule:    "password-assignment", value: "hunter2!Q9"},
		{class: "credentials published for everyone's use (MinIO's play server)",
			example: "ACCESS_KEY=\"Q3AM3UQ867SPQQA43P2F\"\nSECRET_KEY=\"zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG\"\n",
			leak:    "ACCESS_KEY=\"R7KX2WQ9PLM4ZT81VNC3\"\nSECRET_KEY=\"hT4+qLw9ZbXe2RmKp7vNc0sYdFg6JaUo3iPx1WtE\"\n",
			rule:    "generic-api-key", value: "hT4+qLw9ZbXe2RmKp7vNc0sYdFg6JaUo3iPx1WtE"},
		{class: "Stripe's API reference's sample test key, printed in all its examples",
			example: "STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\ncurl https://api.stripe.com/v1/charges -u sk_test_BQokikJOvBiI2HlWgH4olfQ2:\n",
			leak:    "STRIPE_SECRET_KEY=sk_test_Wq8Lr2ZtXc5Vb7Nm1Kp4Hs9D\n",
			rule:    "stripe-test-secret-key", value: "sk_test_Wq8Lr2ZtXc5Vb7Nm1Kp4Hs9D"},
		{class: "a value that is its own key's last word, the field's name",
			example: "\"PGSSLPASSWORD\":        \"sslpassword\",\n// \"clientCertificate.passphrase\": 'passphrase' should be left unset\n",
			leak:    "PGSSLPASSWORD=Kx9mP2vQ7wZt\n",
			rule:    "password-assignment", value: "Kx9mP2vQ7wZt"},
		{class: "base64 of a stand-in: placeholder text, user:password, a JWT header alone",
			example: "    staticClients:\n    - id: example-app\n      secret: ZXhhbXBsZS1hcHAtc2VjcmV0\n" +
				"\"auth\": \"ZWlhaXM6cGFzc3dvcmQK\"\n" +
				`{"refresh_token":"kas9Da81Dfa8","access_token":"eyJhbGciOiJFUzI1NiIsInR5","expires_in":900}` + "\n",
			leak: "    staticClients:\n    - id: billing\n      secret: S3g5I21QMnZRN3daIXQ0TA==\n",
			rule: "generic-api-key", value: "S3g5I21QMnZRN3daIXQ0TA=="},
	} {
		e := Default()
		for _, m := range scanAll(e, c.example) {
			if m.Rule.Category == "secret" {
				t.Errorf("%s: example text: got %s", c.class, describe([]Match{m}))
			}
		}
		want := c.leakRule
		if want == "" {
			want = c.rule
		}
		if ms := scanAll(e, c.leak); !hasMatch(ms, want, c.value) {
			t.Errorf("%s: leak text %q: want %s %q, got %s", c.class, c.leak, want, c.value, describe(ms))
		}
	}
}

// TestExampleSuppressionLeakShapes: the shapes real leaks take keep every value however
// many providers stand together, whatever else the text holds.
func TestExampleSuppressionLeakShapes(t *testing.T) {
	e := Default()
	vals := map[string]string{
		"huggingface-token": ExpandExample("hf_{B:34}"),
		"aws-access-key-id": ExpandExample("AKIA{32:16}"),
		"github-pat":        ExpandExample("ghp_{gh}"),
		"slack-bot-token":   ExpandExample("xoxb-{d:12}-{d:13}-{a:24}"),
	}
	env := "HF_TOKEN=" + vals["huggingface-token"] + "\nAWS_ACCESS_KEY_ID=" + vals["aws-access-key-id"] +
		"\nGITHUB_TOKEN=" + vals["github-pat"] + "\nSLACK_BOT_TOKEN=" + vals["slack-bot-token"] + "\n"
	for _, text := range []string{
		env,
		"# copied from .env.example\n" + env,
		"  config:\n    samples: 10\n    sample_rate: 0.5\n" + strings.ReplaceAll(env, "\n", "\n    "),
		`{"level":"error","msg":"upstream rejected key","examples_seen":3,"hf":"` + vals["huggingface-token"] + `","aws":"` +
			vals["aws-access-key-id"] + `","gh":"` + vals["github-pat"] + `","slack":"` + vals["slack-bot-token"] + `"}`,
	} {
		got := map[string]bool{}
		for _, m := range scanAll(e, text) {
			got[m.Rule.ID+" "+m.Value] = true
		}
		for r, v := range vals {
			if !got[r+" "+v] {
				t.Errorf("%q: %s %q not found", text, r, v)
			}
		}
	}
}
