package detect

import "testing"

// TestTreeRound16Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound16Classes(t *testing.T) {
	pgdoc := func(u string) string {
		return "// Connection URL:\n//\n//\tpostgres://" + u + "\n//\nfunc parse() {}\n"
	}
	checkNamedTreeClasses(t, "connector.txt", []treeClassCase{
		{class: "a URL's syntax template", example: pgdoc("[user[:pwd]@][unix-socket][:port[/dbname]]"),
			leak: pgdoc("user:Qz7rWk2pXm9T@db.internal.example:5432/app"), rule: "postgres-connection-string", value: "Qz7rWk2pXm9T"},
	})
	kind := func(v string) string {
		return "package kubeadm\n\n// Token defines a dummy, well known token for automating TLS bootstrap process\nconst Token = \"" + v + "\"\n"
	}
	checkNamedTreeClasses(t, "config.go", []treeClassCase{
		{class: "a value of ascending runs", example: kind("abcdef.0123456789abcdef"),
			leak: kind("k3x9qa.7mfw2rzp81bt0hcv"), rule: "generic-api-key", value: "k3x9qa.7mfw2rzp81bt0hcv"},
	})
	enum := func(v string) string {
		return "{\n    \"CheckResult\":{\n      \"type\":\"string\",\n      \"enum\":[\n        \"PASS\",\n        \"" + v + "\"\n      ]\n    }\n}\n"
	}
	color := func(tail string) string {
		return "def _Render():\n  pass = console_attr.Colorizer('PASS', 'green'" + tail + "\n"
	}
	todo := func(v string) string {
		return "func configure() {\n\t// TODO: Credentials: helper" + v + " alternate domain? token?\n}\n"
	}
	checkNamedTreeClasses(t, "service-2.json", []treeClassCase{
		{class: "an enum's list of status words", example: enum("FAIL"), leak: enum("Xr7kPq2mZw"),
			rule: "password-assignment", value: "Xr7kPq2mZw"},
	})
	checkNamedTreeClasses(t, "service.py", []treeClassCase{
		{class: "a call's list of words", example: color(")"), leak: color(""), rule: "password-assignment", value: "green"},
	})
	checkNamedTreeClasses(t, "hosts.go", []treeClassCase{
		{class: "a list of questions", example: todo("? name? username?"), leak: todo("? name: username Wq8rTz3kLm"),
			rule: "password-assignment", value: "helper?"},
	})
	long := func(head string) string {
		return "func NewCommand() *appcmd.Command {\n\treturn &appcmd.Command{\n\t\tLong: `This command invokes RPC endpoints.\n\n" + head +
			"\n\nIssue a client-streaming RPC, with headers in a heredoc:\n\n    $ buf curl --data @- --header @- --protocol grpcweb \\\n" +
			"         https://demo.connectrpc.com/connectrpc.eliza.v1.ElizaService/Converse \\\n       <<EOM\n" +
			"    Custom-Header-1: foo-bar-baz\n    Authorization: token jas8374hgnkvje9wpkerebncjqol4\n    EOM\n`,\n\t}\n}\n"
	}
	checkNamedTreeClasses(t, "curl.go", []treeClassCase{
		{class: "a command's long help below Examples:", example: long("Examples:"), leak: long("Headers are sent as given:"),
			rule: "bearer-token", value: "jas8374hgnkvje9wpkerebncjqol4"},
	})
	changes := func(v string) string {
		return "v3.1.1\n\n  * [jws] Coordinated RFC 7797 `b64=false` handling pass: " + v + "\n"
	}
	checkNamedTreeClasses(t, "Changes", []treeClassCase{
		{class: "a qualified name in a code span", example: changes("`jws.Verify`"), leak: changes("`jws.Vq8rTz3kLm`"),
			rule: "password-assignment", value: "jws.Vq8rTz3kLm"},
	})
}

// TestAscendingRuns: documented tokens of counting runs, and random tokens that hold a
// short run.
func TestAscendingRuns(t *testing.T) {
	for s, want := range map[string]bool{"abcdef.0123456789abcdef": true, "abcd-0123456789": true, "0123456789abcdef": false, "abcdefghijkl": false,
		"1234567890123456": false, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345": false, "012345abcdef": false,
		"abcdef.0123456789abcdeg": false, "k3x9qa.7mfw2rzp81bt0hcv": false, "abcd-1234-abcd-1234": false, "abc": false,
		"1234abcd": false} {
		if got := ascendingRuns([]byte(s)); got != want {
			t.Errorf("ascendingRuns(%q) = %v, want %v", s, got, want)
		}
	}
}
