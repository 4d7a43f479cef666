package detect

import "testing"

// treeClassCase is one class of a real-tree round: its example text must yield no
// secret, and its leak text, which differs only in the signal the class reads, must
// still yield rule and value.
type treeClassCase struct {
	class   string
	example string // nothing secret may be found here
	leak    string // and rule must find value here
	rule    string
	value   string
}

// checkTreeClasses fails for each case whose example yields a secret or whose leak
// does not yield its rule and value.
func checkTreeClasses(t *testing.T, cases []treeClassCase) {
	t.Helper()
	checkNamedTreeClasses(t, "", cases)
}

// TestTreeRoundClasses: the classes of false positives found by triaging every non-test
// secret finding of /usr/share/doc and the Go module cache at 3605bfc. Each example
// text must yield no secret, and each leak text, which differs from it only in the
// signal the class reads, must still yield its rule and value: the test fails without
// the class and fails again if the class swallows the leak.
func TestTreeRoundClasses(t *testing.T) {
	sf := ExpandExample("{y:64}")
	checkTreeClasses(t, []treeClassCase{
		{class: "a fenced block under a section whose enclosing heading names an example",
			example: "## Example Workflow\n\nLet us walk through it.\n\n### Create root role\n\n```\nPUT /v2/auth/users/root\n    {\"user\": \"root\", \"password\": \"Kq9!zT7mWx\"}\n```\n",
			leak:    "## Deployment\n\n### Create root role\n\n```\nPUT /v2/auth/users/root\n    {\"user\": \"root\", \"password\": \"Kq9!zT7mWx\"}\n```\n",
			rule:    "password-assignment", value: "Kq9!zT7mWx"},
		{class: "a fenced block under a section whose first paragraph says the following are examples",
			example: "## Using the gateway\n\nThe following examples use `curl`.\n\n### Authenticate\n\n```bash\ncurl -d '{\"name\": \"root\", \"password\": \"Kq9!zT7mWx\"}' http://localhost:2379/v3/auth/authenticate\n```\n",
			leak:    "## Using the gateway\n\nThe gateway listens on 2379.\n\n### Authenticate\n\n```bash\ncurl -d '{\"name\": \"root\", \"password\": \"Kq9!zT7mWx\"}' http://localhost:2379/v3/auth/authenticate\n```\n",
			rule:    "password-assignment", value: "Kq9!zT7mWx"},
		{class: "a fenced block that the paragraph right above introduces as an example",
			example: "As an example, for a user `deploy` the URL with credentials would look\nlike:\n\n```\nhttps://deploy:Zr8%2Fq2x@pypi.corp.internal/simple\n```\n",
			leak:    "Log in with the URL below:\n\n```\nhttps://deploy:Zr8%2Fq2x@pypi.corp.internal/simple\n```\n",
			rule:    "url-credentials", value: "Zr8/q2x"},
		{class: "the key= parameter of a Google Docs address is the document's id",
			example: "results: https://docs.google.com/spreadsheet/ccc?key=0Bk3tQ9xW2mZpLr7sVn4yHc8dFg1JqE6uTo5&usp=sharing\n",
			leak:    "results: https://api.internal/v1/items?key=0Bk3tQ9xW2mZpLr7sVn4yHc8dFg1JqE6uTo5&usp=sharing\n",
			rule:    "generic-api-key", value: "0Bk3tQ9xW2mZpLr7sVn4yHc8dFg1JqE6uTo5"},
		{class: "an indented code block that a label naming an example introduces",
			example: "Join an existing swarm\n\n**Example request**:\n\n    POST /v1.24/swarm/join HTTP/1.1\n\n    {\n      \"RemoteAddrs\": [\"node1:2377\"],\n      \"Password\": \"Kq9!zT7mWx\"\n    }\n\n**Example response**:\n",
			leak:    "Join an existing swarm\n\n**Request**:\n\n    POST /v1.24/swarm/join HTTP/1.1\n\n    {\n      \"RemoteAddrs\": [\"node1:2377\"],\n      \"Password\": \"Kq9!zT7mWx\"\n    }\n\n**Example response**:\n",
			rule:    "password-assignment", value: "Kq9!zT7mWx"},
		{class: "URL credentials that are one name followed by the words user and password",
			example: "#     // \"mongodb://ldap-user:ldap-pwd@localhost:27017/?authMechanism=PLAIN\"\nexport MC_HOST_a=https://adminuser:adminpassword@minio1.example.com\n",
			leak:    "export MC_HOST_a=https://adminuser:adminpassw0rd7@minio1.example.com\n",
			rule:    "url-credentials", value: "adminpassw0rd7"},
		{class: "URL credentials of paired names on a host that is not reserved stay",
			example: "export MC_HOST_a=https://adminuser:adminpassword@minio1.example.com\n",
			leak:    "mongodb://db-user:db-password@mongodb-instance:27017/db-name\n",
			rule:    "mongodb-connection-string", value: "db-password"},
		{class: "the name table Go's stringer generates",
			example: "const (\n\t_token_name_5 = \"tokenSSPItokenFedAuthInfo\"\n\t_token_name_6 = \"tokenDonetokenDoneProctokenDoneInProc\"\n)\n",
			// the same key holding one name, random after it: a secret's shape
			leak: "const (\n\t_token_name_5 = \"tokenSSPIxq7RFedAu9hInf0\"\n)\n",
			rule: "generic-api-key", value: "tokenSSPIxq7RFedAu9hInf0"},
		{class: "an SQL column type with its size in a password column",
			example: "| password | varchar(100) | NO   |     | NULL    |                |\n",
			leak:    "| password | Vq8#mZ2!kTr | NO   |     | NULL    |                |\n",
			rule:    "password-assignment", value: "Vq8#mZ2!kTr"},
		{class: "a dereferenced variable in a struct literal",
			example: "\tcfg := sources.S3Config{\n\t\tKey:       *s3ScanKey,\n\t\tCloudCred: *s3ScanCloudEnv,\n\t}\n\tg := sources.GCSConfig{\n\t\tCloudCred: *gcsCloudEnv,\n\t}\n",
			leak:    "\tcfg := sources.S3Config{\n\t\tKey:       *s3ScanKey,\n\t\tCloudCred: \"*s3Sc4nCl0udEnv!\",\n\t}\n",
			rule:    "password-assignment", value: "*s3Sc4nCl0udEnv!"},
		{class: "a provider's capitalised name followed by an English word of its keys' length",
			example: "\treturn \"Nexmo provides APIs for SMS, voice, phone verifications, and more.\"\n",
			leak:    "\treturn \"Nexmo key a7Kq2m9x for SMS.\"\n",
			rule:    "nexmo-api-key", value: "a7Kq2m9x"},
		{class: "a package's import path near a provider's name",
			// (64 characters, the length of the rule's shape)
			example: "\t\"github.com/acmesecuritycos/scannerhog/v3/pkg/detectors/salesforce\"\n\t\"github.com/acmesecuritycos/scannerhog/v3/pkg/detectors/salesmate\"\n",
			leak:    "\t\"github.com/acmesecuritycos/scannerhog/v3/pkg/detectors/salesforce\"\n\tsalesforce_token = \"" + sf + "\"\n",
			rule:    "salesforce-api-key", value: sf},
	})
}

// TestTreeRoundHelpers: each content check against its near misses.
func TestTreeRoundHelpers(t *testing.T) {
	const doc, api = "see https://docs.google.com/spreadsheet/ccc?key=", "https://maps.googleapis.com/maps/api/js?key="
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"varchar", sqlSizedType([]byte("VARCHAR(255)")), true},
		{"varchar with a word", sqlSizedType([]byte("varchar(x1)")), false},
		{"password with parentheses", sqlSizedType([]byte("Kq9(100)")), false},
		{"import path", goImportPath("github.com/org/repo/pkg"), true},
		{"base64 with slashes", goImportPath("Kq9zT7mW/xRb2Lp4/Nc8Vd1Fg"), false},
		{"host and one segment", goImportPath("example.com/x"), false},
		{"webhook path", goImportPath("hooks.slack.com/services/qajlaxjzrtxw13z09thv97037"), false},
		{"paired names", pairedNames([]byte("db_user"), []byte("db_pass"), []byte("localhost:5432")), true},
		{"paired names, documentation host", pairedNames([]byte("db_user"), []byte("db_pass"), []byte("db.example.org/x")), true},
		{"paired names, another host", pairedNames([]byte("db_user"), []byte("db_pass"), []byte("db.corp.internal")), false},
		{"paired names, other stems", pairedNames([]byte("ldap-user"), []byte("db-pwd"), []byte("localhost")), false},
		{"paired names, a real password", pairedNames([]byte("adminuser"), []byte("Kq9pass"), []byte("localhost")), false},
		{"example.com is no prose", exampleWords([]byte("url := \"https://api.example.com/v1\"")), false},
		{"an address is no prose", exampleWords([]byte("$mail->Username = 'ops@example.com';")), false},
		{"stringer", stringerNames("tokenOrdertokenErrortokenInfo"), true},
		{"one name", stringerNames("tokenOrder"), false},
		{"a repeat in random text", stringerNames("abcdXq7abcdRt"), true}, // accepted: rare at random
		{"random, no capital after a repeat", stringerNames("abcdXq7abcd9t"), false},
		{"camel name", camelName([]byte("gcsCloudEnv")), true},
		{"camel name with a symbol", camelName([]byte("gcsCloud!Env")), false},
		{"example in prose", exampleWords([]byte("As an example, for a user")), true},
		{"samples in prose", exampleWords([]byte("Samples below.")), true},
		{"placeholder in inline code", exampleWords([]byte("looks like `xoxb-0000000000-EXAMPLE`")), false},
		{"placeholder in capitals", exampleWords([]byte("looks like xoxb-0000-EXAMPLE")), false},
		{"counterexample", exampleWords([]byte("a counterexample")), false},
		{"google doc", googleDocKey([]byte(doc+"K"), len(doc)), true},
		{"googleapis key", googleDocKey([]byte(api+"K"), len(api)), false},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}
