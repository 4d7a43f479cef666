package detect

import (
	"testing"
)

// TestRealTreeClasses: one case a false-positive class found by triaging every non-test
// finding on a Go module cache (3.5 GB) and /usr/share/doc, trees with no live secret.
// Each case holds text of that class (written here, in the class's shape, not copied
// from the trees), where nothing may be found, and beside it a leak of the same rule in
// the shape a real one has, which must still be found: the class is dropped for its
// reason, not for the provider or the key's name.
func TestRealTreeClasses(t *testing.T) {
	gh := ExpandExample("ghp_{gh}")
	azure := ExpandExample("{b:76}AZSt{b:6}==")
	cohere := ExpandExample("{a:40}")
	awsSecret := ExpandExample("{a:40}")
	cfToken := ExpandExample("{u:40}")
	slack := ExpandExample("xoxb-{d:12}-{d:13}-{a:24}")
	kmsKey := ExpandExample("{b:43}=")
	for _, c := range []struct {
		class   string
		example string // nothing secret may be found here
		leak    string // and rule must find value here
		rule    string
		value   string
		format  string // scan as this structured format (ScanDocument), as the CLI does a file of it
	}{
		{class: "a secret scanner's test vectors: a list named tps",
			example: "func AcmeDeployToken() *config.Rule {\n\tr := config.Rule{RuleID: \"acme-deploy-token\"}\n\n\t// validate\n\ttps := []string{\n\t\t`GITHUB_TOKEN=" + gh + "`, // bare\n\t\t\"token: '" + gh + "'\",\n\t}\n\treturn utils.Validate(r, tps, nil)\n}\n",
			// a list of that name closed above the value does not hold it
			leak: "tps := []string{\"warmup\"}\nfps := 60\nclient := github.NewClient(\"" + gh + "\")\n",
			rule: "github-pat", value: gh},
		{class: "a secret scanner's test vectors: append to tps, a sample generator's call",
			example: "\ttps = append(tps, utils.GenerateSampleSecrets(\"slack\", \"" + slack + "\")...)\n" +
				"\tfps := map[string]string{\n\t\t\"notes.yml\": `bot: " + slack + "`,\n\t}\n",
			leak: "\ttps = computeRate(window)\n\tbot := slack.New(\"" + slack + "\")\n",
			rule: "slack-bot-token", value: slack},
		{class: "an operation on a password named as a call's argument (RPC name, span name)",
			example: "log.DebugContext(ctx, \"api call\", \"rpcName\", \"billing.members.resetPassword\", \"phase\", req)\n" +
				"sp := tr.StartSpan(parent, \"admin_members_change_password\", \"billing\")\n" +
				"err := cli.UpdatePasswd(\"mynewpassword\")\n",
			// the same names as a field keep their value, and a setter's literal is found
			leak: "this.resetPassword = 'Tb7$pL3qW9x';\nprops.setProperty(\"admin.password\", \"Vq8#mZ2!kTr\")\n",
			rule: "password-assignment", value: "Vq8#mZ2!kTr"},
		{class: "a type name where a password's value would stand",
			example: "- message: 'limit in query must be of type password: \"float32\"'\n",
			leak:    "- smtp:\n    password: \"fl0at32-Kq9!\"\n",
			rule:    "password-assignment", value: "fl0at32-Kq9!"},
		{class: "code between two string literals where a password's value would stand",
			example: "out.Print(style.Dim(\"   AdminPass: \") + style.Bold(\"%s\", creds.Secret))\n",
			leak:    "out.Print(\"AdminPass: \" + \"Mx4%rQ8zLp\")\nADMIN_PASS=\"Mx4%rQ8zLp\"\n",
			rule:    "password-assignment", value: "Mx4%rQ8zLp"},
		{class: "a host name where a password's value would stand (URL forms in an API's docs)",
			example: "// Forms: `https://www.shop.org/x#y` * `https://admin@password:www.shop.org/`\n",
			leak:    "# proxy\npassword: \"www-Kq9!zT7m\"\n",
			rule:    "password-assignment", value: "www-Kq9!zT7m"},
		{class: "a field's name where a password's value would stand (a list of option names)",
			example: "switch opt {\ncase \"smtpCertificateKeyFilePassword\", \"tlsClientCertificateKeyPassword\":\n}\n",
			leak:    "relayAuthKeyPassword: \"relayClientCertPassword7!\"\n",
			rule:    "password-assignment", value: "relayClientCertPassword7!"},
		{class: "prose about the password where its value would stand (a flag's help, a doc comment)",
			example: "flag.StringVar(&pwFile, \"passwd\", \".htpasswd\", \"Passwd database\")\n// AdminPassword: Admin/password login.\n",
			leak:    "db_passwd: \"Lw9#qT3 file\"\n",
			rule:    "password-assignment", value: "Lw9#qT3 file"},
		{class: "a name built of words and vowel-less code abbreviations (Http, Kms, Msg, Ok)",
			example: "ReasonIdTokenHTTPRejected  LoginAuthRequestReason = \"IdTokenHttpRejected\"\n" +
				"msgUserAuthPubKeyOk:    \"userAuthPubKeyOkMsg\",\n" +
				"SealedEncryptionKey = \"X-Store-Internal-Encryption-S3-Kms-Sealed-Key\"\n",
			leak: "SealedEncryptionKey = \"X7Kms9QwPz2LmRt4VbNc8Yd\"\n",
			rule: "generic-api-key", value: "X7Kms9QwPz2LmRt4VbNc8Yd"},
		{class: "a provider's key word followed by an English word of its keys' length",
			example: "return \"Mockaroo builds fake rows for tests. Mockaroo API keys can be used to fetch and generate such rows.\"\n",
			leak:    "MOCKAROO_API_KEY=7f3a9c2e\n",
			rule:    "mockaroo-api-key", value: "7f3a9c2e"},
		{class: "an htpasswd entry (user name and bcrypt hash) where a password's value would stand",
			example: "userpasswd := \"alice:$2y$05$Qm4vT8zKp1LrX7sWc9bN2eYhJd6gFa3uVi0oRt5kMnBpLqZxCwE1a\"\n",
			leak:    "userpasswd := \"alice:Qm4vT8$zKp1!\"\n",
			rule:    "password-assignment", value: "alice:Qm4vT8$zKp1!"},
		{class: "a pagination cursor named like a token (pageToken, nextPageToken)",
			example: "GET /storage/v1/b/bkt/o?maxResults=2&pageToken=Cg1vYmplY3QtMDAwMTI4Mw&prefix=logs\n" +
				"{\"URL\": \"https://store.example/v1/o?alt=json\\u0026pageToken=Cg1vYmplY3QtMDAwMTI4Mw\\u0026prefix=x\"}\n" +
				"{\"kind\": \"list\", \"nextPageToken\": \"Cg1vYmplY3QtMDAwMTI4Mw\"}\n",
			leak: "{\"kind\": \"list\", \"page_access_token\": \"Cg1vYmplY3QtMDAwMTI4Mw9Xq\"}\n",
			rule: "generic-api-key", value: "Cg1vYmplY3QtMDAwMTI4Mw9Xq"},
		{class: "a list introduced as examples at the introducing line's own indentation",
			example: "Braces quote a value. Examples:\n\n* `odbc:server=db;user id=app;password={Tq8;x}` // password is \"Tq8;x\"\n" +
				"* `odbc:server=db;user id=app;password={Tq8}}x}` // password is \"Tq8}x\"\n",
			// a list that no "Examples:" introduces keeps its values
			leak: "Connection strings in use:\n\n* `odbc:server=db;user id=app;password={Tq8;x}` // password is \"Tq8;x\"\n",
			rule: "password-in-prose", value: "Tq8;x"},
		{class: "a Subresource Integrity digest (sha512-…) that fits a provider's alphabet and length",
			example: "    \"node_modules/left-pad\": {\n      \"integrity\": \"sha512-" + azure + "\",\n",
			leak:    "AZURE_STORAGE_KEY=" + azure + "\n",
			rule:    "azure-identifiable-key", value: azure},
		{class: "a schema's name that holds the provider's own key word (Cohere in …CoherenceInstance)",
			example: "{\n  \"schemas\": {\n    \"AcmeCloudEvalPlatformV2CoherenceInput\": {\n      \"description\": \"Input for coherence metric.\",\n      \"id\": \"AcmeCloudEvalPlatformV2CoherenceInput\",\n      \"properties\": {\n        \"instance\": {\n          \"$ref\": \"AcmeCloudEvalPlatformV2CoherenceInstance\",\n          \"description\": \"Required. Coherence instance.\"\n        }\n      },\n      \"type\": \"object\"\n    }\n  }\n}\n",
			leak:    "{\"COHERE_API_KEY\": \"" + cohere + "\"}\n",
			rule:    "cohere-api-key", value: cohere, format: "json"},
		{class: "a URL password that is only the word for one (pwd, mypassword)",
			example: "// e.g. \"mongodb://user:pwd@localhost:27017\" or amqp://myuser:mypassword@localhost:5672\n",
			leak:    "MONGO=mongodb://app:Kx9!mPz2@db.internal:27017/prod\n",
			rule:    "mongodb-connection-string", value: "Kx9!mPz2"},
		{class: "a fenced block in a Markdown section headed as an example or a sample",
			example: "## Sample Response\n\nThe service answers:\n\n```xml\n<AssumeRoleResult>\n  <Credentials>\n    <SecretAccessKey>" + awsSecret +
				"</SecretAccessKey>\n  </Credentials>\n</AssumeRoleResult>\n```\n",
			// a section of another name keeps its values (TestExampleSection: the rest)
			leak: "## Sample Response\n\n```\nok\n```\n\n## Rotating keys\n\n```xml\n<Credentials>\n  <SecretAccessKey>" + awsSecret + "</SecretAccessKey>\n</Credentials>\n```\n",
			rule: "aws-secret-access-key", value: awsSecret},
		{class: "a SHA-1 in hex where the provider's shape is mixed-case base64url (an ignore file's fingerprint)",
			example: "9f2c1e7a44b0d3e8a1c5b6f70812a3b4c5d6e7f8:deploy/cloudflare.tf:cloudflare-api-token:12\n" +
				"0a4d55e1f2b3c4d5e6f708192a3b4c5d6e7f8091:deploy/cloudflare.tf:cloudflare-api-token:30\n",
			leak: "# cloudflare\nCLOUDFLARE_API_TOKEN=" + cfToken + "\n",
			rule: "cloudflare-api-token", value: cfToken},
		{class: "a URL password that is only the word for a secret (accessKey:secretKey@)",
			example: "mc replicate add src/bkt --remote-bucket https://accessKey:secretKey@replica:9000/dst\n",
			leak:    "mc replicate add src/bkt --remote-bucket https://replicator:Wq7!zK2mPx@replica:9000/dst\n",
			rule:    "url-credentials", value: "Wq7!zK2mPx"},
		{class: "URL credentials on the machine itself whose password is the user name with digits",
			example: "export MC_HOST_a=http://svcuser:svcuser123@localhost:9001\nexport MC_HOST_b=http://svcuser2:svcuser123@127.0.0.1:9002\n",
			// the same pair for a host elsewhere is a weak credential in use
			leak: "export MC_HOST_a=http://svcuser:svcuser123@minio.prod.internal:9001\n",
			rule: "url-credentials", value: "svcuser123"},
		{class: "a qualified type name after the word bearer (a struct field's declaration)",
			example: "type tokenTransport struct {\n\tinner  http.RoundTripper\n\tbearer authn.RegistryAuthConfig\n}\n",
			leak:    "req.Header.Set(\"Authorization\", \"Bearer Zk8qT2mXw9LpR4vB7nC1\")\n",
			rule:    "bearer-token", value: "Zk8qT2mXw9LpR4vB7nC1"},
		{class: "Google's fixed PKCS#12 password, printed in its API docs",
			example: "// The password for the PKCS12 bundle is `notasecret`.\n",
			leak:    "// The password for the PKCS12 bundle is `n0tAs3cr3t!Q`.\n",
			rule:    "password-in-prose", value: "n0tAs3cr3t!Q"},
		{class: "the KMS master keys MinIO's docs and setup scripts export",
			example: "export MINIO_KMS_SECRET_KEY=my-minio-key:OSMM+vkKUTCvQs9YL/CVMIMt43HFhkUpqJxTmGl6rYw=\n" +
				"MINIO_KMS_SECRET_KEY: minio-default-key:IyqsU3kMFloCNup4BsZtf/rmfHVcTgznO2F25CkEH1g=\n",
			// a key of the operator's own under the same name is found
			leak: "export MINIO_KMS_SECRET_KEY=my-minio-key:" + kmsKey + "\n",
			rule: "generic-api-key", value: "my-minio-key:" + kmsKey},
	} {
		e := Default()
		for _, m := range scanText(e, c.format, c.example) {
			if m.Rule.Category == "secret" {
				t.Errorf("%s: example text: got %s", c.class, describe([]Match{m}))
			}
		}
		if ms := scanText(e, c.format, c.leak); !hasMatch(ms, c.rule, c.value) {
			t.Errorf("%s: leak text %q: want %s %q, got %s", c.class, c.leak, c.rule, c.value, describe(ms))
		}
	}
}

// scanText scans text as the CLI scans a file of format ("" for plain text).
func scanText(e *Engine, format, text string) []Match {
	if format == "" {
		return scanAll(e, text)
	}
	var ms []Match
	ScanDocument(e, format, []byte(text), func(l LineMatch) { ms = append(ms, Match{Rule: l.Rule, Value: l.Value}) })
	return ms
}

// TestInTestVectors: the list must enclose the value; a closed one, a scalar of that
// name or none at all does not.
func TestInTestVectors(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"tps := []string{\n\t\"K\",\n", true},
		{"tps := map[string][]string{\"a\": {\"K", true},
		{"\ttps = append(tps, `x := \"K", true},
		{"tps := utils.GenerateSampleSecrets(\"x\", \"K", true},
		{"tps := []string{\"a\"}\nkey := \"K", false},
		{"tps = 40\nkey := \"K", false},
		{"stps := []string{\"K", false},
		{"key := \"K", false},
		{"tps == []string{\"K", false},
	} {
		if got := inTestVectors([]byte(c.text), len(c.text)-1); got != c.want {
			t.Errorf("inTestVectors(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestExampleSection: only a fenced block under a "##"-or-deeper heading that names an
// example or a sample.
func TestExampleSection(t *testing.T) {
	const v = "VALUE"
	for _, c := range []struct {
		text string
		want bool
	}{
		{"## Example\n\n```\nkey=" + v, true},
		{"### Sample `POST` Request\n```sh\n# a comment\n## a shell comment too\ncurl -d key=" + v, true},
		{"## Examples\n\n```\na\n```\nkey=" + v, false},              // after the fence closed
		{"## Example\n```\na\n```\n## Deploy\n```\nkey=" + v, false}, // another section
		{"# Example\nAPI_KEY=" + v, false},                           // a comment in a .env
		{"# Example\n```\nAPI_KEY=" + v, false},                      // one '#'
		{"## Counterexample\n```\nkey=" + v, false},
		{"key=" + v, false},
		// an enclosing section names the example (etcd's "## Example Workflow", docker's
		// "## Examples" above each case)
		{"## Example Workflow\n\nLet's walk through it.\n\n### Create root role\n\n```\n{\"password\": \"" + v, true},
		{"## Examples\n\n### Join a node\n\n```console\n$ docker swarm join --token " + v, true},
		{"## Examples\n\n## Deploy\n\n### Production\n```\nkey=" + v, false}, // a sibling, not an ancestor
		// the section's first paragraph says its blocks are examples
		{"## Using the gateway\n\nThe following examples use curl.\n\n### Notes\n\n```bash\n# {\"token\":\"" + v, true},
		{"## Setup\n\nSet it, for example in a .env file.\n\n### Keys\n\n```\nkey=" + v, false},                  // "for example" is an aside
		{"## Setup\n\nInstall it.\n\nThe sample app reads its key.\n\n### Keys\n\nRun:\n\n```\nkey=" + v, false}, // not the first paragraph
		// the paragraph right above the fence introduces it
		{"## Credentials\n\nAs an example, for a user `user` the URL would look\nlike:\n\n```\nhttps://user:" + v, true},
		{"## Testing\n\nTesting with an example\n> Obtain a client id first\n\n```\n$ go run x.go\nkey=" + v, true},
		{"## Setup\n\nSee the examples.\n\nPut your key in the file:\n\n```\nkey=" + v, false}, // an earlier paragraph
		{"## Setup\n\nAn example:\n\n```\na\n```\n\n```\nkey=" + v, false},
		// an indented block after a paragraph naming an example, and one after another paragraph
		{"**Example request**:\n\n    POST /x HTTP/1.1\n\n    {\"key\": \"" + v, true},
		{"**Request**:\n\n    POST /x HTTP/1.1\n\n    {\"key\": \"" + v, false},
		{"**Example request**:\n\n    POST /x\n\nThen:\n\n    key=" + v, false}, // a later paragraph
		{"database:\n\n    password: " + v, false},
		// code: indented lines after a blank one, the line above mentioning an example
		{"    $mail->Username = 'ops@example.com';\n\n\n    $mail->Password = '" + v, false},
		{"    // an example of the call\n    f()\n\n    key := \"" + v, false},
		// a placeholder token above the fence is no introduction
		{"## Runbook\n\n1. Get a token (looks like `xoxb-0000000000-EXAMPLE`).\n2. Never paste AKIA****EXAMPLE.\n\n```yaml\nadmin_password: " + v, false}, // the next fence
	} {
		if got := exampleSection([]byte(c.text), len(c.text)-len(v)); got != c.want {
			t.Errorf("exampleSection(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestHexDigestInWideShape: a fingerprint line's leading SHA only; the same hex after a
// key keeps its provider (some providers' keys are 40 or 64 hex digits).
func TestHexDigestInWideShape(t *testing.T) {
	var wide [256]bool
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") {
		wide[c] = true
	}
	sha := "9f2c1e7a44b0d3e8a1c5b6f70812a3b4c5d6e7f8"
	for _, c := range []struct {
		text string
		s    int
		want bool
	}{
		{sha + ":deploy/cf.tf:cloudflare-api-token:12\n", 0, true},
		{"x\n" + sha + ":a.go:rule:1\n", 2, true},
		{"GROOVE_KEY=" + sha + "\n", 11, false},
		{sha + "\n", 0, false},
		{"4815162342481516234248151623424815162342:a:b:1\n", 0, false}, // digits alone
	} {
		if got := hexDigestInWideShape([]byte(c.text), c.s, c.s+40, &wide); got != c.want {
			t.Errorf("hexDigestInWideShape(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
