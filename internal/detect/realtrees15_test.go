package detect

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

// signHS256 returns a JWT of the claims signed with HMAC-SHA256 under key.
func signHS256(claims, key string) string {
	enc := base64.RawURLEncoding
	s := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims))
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(s))
	return s + "." + enc.EncodeToString(mac.Sum(nil))
}

// TestTreeRound15Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound15Classes(t *testing.T) {
	claims := `{"user":"alice","azp":"alice","subordinates":[],"hr":false}`
	sample, real := signHS256(claims, "secret"), signHS256(claims, "k3Pq8Zr2Wm6Tx9Lv4Nc7")
	env := func(tok string) string { return "```shell\nexport ALICE_TOKEN=\"" + tok + "\"\n```\n" }
	bare := func(tok string) string { return "export ALICE_TOKEN=\"" + tok + "\"\n" }
	checkNamedTreeClasses(t, "README.md", []treeClassCase{
		{class: "a JWT signed with the sample key secret", example: env(sample), leak: env(real), rule: "jwt", value: real},
		// outside a fence a sample-key token stays found: the peers' cases hold them bare
		{class: "a sample-key JWT outside a fence", example: env(sample), leak: bare(sample), rule: "jwt", value: sample},
		{class: "a JWT signed with jwt.io's default key", example: env(signHS256(claims, "your-256-bit-secret")),
			leak: env(signHS256(claims, "your-256-bit-secret2")), rule: "jwt", value: signHS256(claims, "your-256-bit-secret2")},
	})
	field := func(typ string) string {
		return "type Options struct {\n\tauthV1Client " + typ + "\n\n\tctx context.Context\n}\n"
	}
	op := func(v string) string { return "const (\n\tecrGetAuthorizationTokenTarget = \"" + v + "\"\n)\n" }
	flags := func(v string) string {
		return "\tif f.Password != nil {\n\t\toverrides.AuthInfo.Password = " + v + "\n\t}\n"
	}
	checkNamedTreeClasses(t, "opts.go", []treeClassCase{
		{class: "a struct field and its qualified type", example: field("authenticationv1client.AuthenticationV1Interface"),
			leak: field("xq8Rk2Zp7Tw4.Vn3LmQ9cXs6Yb"), rule: "generic-api-key", value: "xq8Rk2Zp7Tw4.Vn3LmQ9cXs6Yb"},
		{class: "an API operation's qualified name", example: op("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"),
			leak: op("AmazonEC2ContainerRegistry_V20150921.Gq7RtkZw9PmXc2"), rule: "generic-api-key",
			value: "AmazonEC2ContainerRegistry_V20150921.Gq7RtkZw9PmXc2"},
		{class: "a selector naming a password field", example: flags("*f.Password"), leak: flags("Zt8qW2mR5kLx"),
			rule: "password-assignment", value: "Zt8qW2mR5kLx"},
	})
}

// TestExportedWords: camel-case names of words, with versions between them, and shapes
// a random token takes.
func TestExportedWords(t *testing.T) {
	for s, want := range map[string]bool{"AuthenticationV1Interface": true, "AuthenticationV1alpha1Interface": true,
		"GetAuthorizationToken": true, "Verify": false, "Vn3LmQ9cXs6Yb": false, "XkcdTrn": false, "JzfQuOxe": false,
		"Gq7RtkZw9PmXc2": false, "SelfSubjectReview": true} {
		if got := exportedWords([]byte(s)); got != want {
			t.Errorf("exportedWords(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestTreeRound15Shapes: values inside encoded data and drawing commands, names and
// format slots; each leak is the same text with the signal changed.
func TestTreeRound15Shapes(t *testing.T) {
	blob := "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+P+/HgAFhAJ/wlseKgAAAABJRU5Erk/g/" // 96 base64 characters
	fb := "EAAAqvVc55zCZlIQAnAYSkIAIiIuKAp5otXujIfzBwEAoGqenFOoKGwIBSEAh6UkBOAJRSFRnD94QRI"
	img := func(gap string) string { return "icon = \"" + blob + gap + fb + gap + blob + blob + "\"\n" }
	glyph := func(attr string) string {
		return "<glyph glyph-name=\"linkedin\" unicode=\"&#xf0e1;\"\n" + attr + "=\"M349 911v-991h-330v991h330zM370 1217q1 -73 -50.5 -122t\" />\n"
	}
	checkNamedTreeClasses(t, "favicon.svg", []treeClassCase{
		{class: "a provider's prefix inside a base64 blob", example: img(""), leak: img("\"\nfb = \""), rule: "generic-api-key", value: fb},
	})
	// the leak is the same glyph with the path in an attribute of another name
	if ms := scanText(Default(), "font.svg", glyph("d")); len(secretsOf(ms)) != 0 {
		t.Errorf("SVG path data: got %s", describe(ms))
	}
	if ms := scanText(Default(), "font.svg", glyph("linkedin_key")); len(secretsOf(ms)) == 0 {
		t.Errorf("SVG path data under another attribute: want a secret, got none")
	}
	uri := func(v string) string { return "const redirectURIAuthCodeInTitleBar = \"" + v + "\"\n" }
	pf := func(v string) string {
		return "\tdefault:\n\t\tpanic(fmt.Sprintf(\"unexpected v1beta1.BasicAuthPassword: " + v + " Please report\", p))\n"
	}
	compose := func(v string) string {
		return "    environment:\n      'POSTGRES_USER':     'pqgo'\n      'POSTGRES_PASSWORD': '" + v + "'\n"
	}
	checkNamedTreeClasses(t, "login.go", []treeClassCase{
		{class: "a URN", example: uri("urn:ietf:wg:oauth:2.0:oob"), leak: uri("uRn8ietfWg3oauth2Q0oob"),
			rule: "generic-api-key", value: "uRn8ietfWg3oauth2Q0oob"},
		{class: "a printf verb with flags", example: pf("%#v."), leak: pf("Rq7%#vZk2."), rule: "password-assignment", value: "Rq7%#vZk2"},
	})
	checkNamedTreeClasses(t, "compose.yaml", []treeClassCase{
		{class: "a password that says it is unused", example: compose("unused"), leak: compose("unused8Kq"),
			rule: "password-assignment", value: "unused8Kq"},
	})
}

func secretsOf(ms []Match) []Match {
	var out []Match
	for _, m := range ms {
		if m.Rule.Category == "secret" {
			out = append(out, m)
		}
	}
	return out
}

// TestMultipleAssignmentValue: in a multiple assignment the key's place among the names
// on the left picks its value on the right, not the first literal.
func TestMultipleAssignmentValue(t *testing.T) {
	pair := func(pw string) string {
		return "func NewServer() {\n\ttestUsername, testPassword := \"username\", \"" + pw + "\"\n\t_ = testUsername\n}\n"
	}
	checkNamedTreeClasses(t, "server.go", []treeClassCase{
		{class: "the second name takes the second value", example: pair("password"), leak: pair("Zq8rT5wL2x"),
			rule: "password-assignment", value: "Zq8rT5wL2x"},
		{class: "a declaration keyword before the names", example: "var user, pass = \"admin\", \"password\"\n",
			leak: "var user, pass = \"admin\", \"Zq8rT5wL2x\"\n", rule: "password-assignment", value: "Zq8rT5wL2x"},
	})
	// keyword arguments are no multiple assignment
	if ms := scanText(Default(), "client.py", "connect(host, password=\"Zq8rT5wL2x\")\n"); !hasMatch(ms, "password-assignment", "Zq8rT5wL2x") {
		t.Errorf("keyword argument: got %s", describe(ms))
	}
	// nor are a call's arguments continued on a line of their own
	cont := "        private_key = serialization.load_pem_private_key(\n            key, password=None, backend=_BACKEND\n        )\n"
	if ms := scanText(Default(), "rsa.py", cont); len(secretsOf(ms)) != 0 {
		t.Errorf("continued call arguments: got %s", describe(ms))
	}
}

// TestTestingComment: a password whose trailing comment says it is for testing.
func TestTestingComment(t *testing.T) {
	env := func(c string) string {
		return "env:\n  AZURE_DEFAULT_LOCATION: westeurope\n  PASSWORD: Passw0rdAdmin # " + c + "\n  DEFAULT_ADMIN_USERNAME: azureuser\n"
	}
	checkNamedTreeClasses(t, "periodic.yml", []treeClassCase{
		{class: "a trailing comment saying for testing", example: env("temp for testing, will be generated"),
			leak: env("temp, will be generated"), rule: "password-assignment", value: "Passw0rdAdmin"},
	})
}

// TestGoDeclDocSample: an indented line of a doc comment above a declaration is a
// sample godoc renders; the same line in a comment above a statement is read.
func TestGoDeclDocSample(t *testing.T) {
	doc := func(decl string) string {
		return "// For key=value strings, use single quotes:\n//\n//\t\"user=pqgo password='Wq7r9Lz2x'\"\n//\n" + decl + "\n"
	}
	checkNamedTreeClasses(t, "connector.go", []treeClassCase{
		{class: "a doc comment's code block above a func", example: doc("func NewConfig(dsn string) (Config, error) {"),
			leak: doc("\tcfg, err := NewConfig(dsn)"), rule: "password-assignment", value: "Wq7r9Lz2x"},
	})
}

// TestSQLUserEchoed: a password that repeats the account the SQL statement names.
func TestSQLUserEchoed(t *testing.T) {
	grant := func(user string) string {
		return "before_script:\n- mysql -u root -e \"GRANT ALL ON gorptest.* TO " + user + "@localhost IDENTIFIED BY 'gorptest'\"\n"
	}
	create := func(user string) string {
		return "- psql -c \"CREATE USER \\\"" + user + "\\\" WITH SUPERUSER PASSWORD 'gorptest';\" -U postgres\n"
	}
	checkNamedTreeClasses(t, ".travis.yml", []treeClassCase{
		{class: "GRANT … TO the account named as its password", example: grant("gorptest"), leak: grant("gorpapp"),
			rule: "password-assignment", value: "gorptest"},
		{class: "CREATE USER named as its password", example: create("gorptest"), leak: create("gorptester"),
			rule: "password-assignment", value: "gorptest"},
	})
}

// TestGoHelpExamples: a raw string a Go program prints as its examples.
func TestGoHelpExamples(t *testing.T) {
	ex := func(label string) string {
		return "var (\n\t" + label + "`\n\t\t# Set basic auth for the \"cluster-admin\" entry\n\t\tkubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif\n\t`)\n)\n"
	}
	checkNamedTreeClasses(t, "set_credentials.go", []treeClassCase{
		{class: "templates.Examples(i18n.T(`…`))", example: ex("setCredentialsExample = templates.Examples(i18n.T("),
			leak: ex("setCredentialsScript = templates.Script(i18n.T("), rule: "password-assignment", value: "uXFGweU9l35qcif"},
		{class: "cobra's Example field", example: ex("Example: ("), leak: ex("Run: ("), rule: "password-assignment", value: "uXFGweU9l35qcif"},
	})
}

// inFenceAt must answer as inFence does for every position, asked in any order: it
// carries its count of fence lines forward and starts again when asked about an earlier
// position.
func TestInFenceAtMatchesInFence(t *testing.T) {
	text := []byte("intro\n```go\ncode a\n   ```\nprose b\n    ```\nstill prose\n~~~\nin c\n" +
		"```x```\nafter\n  ~~~\nend")
	sc := Default().pool.New().(*scanner)
	sc.reset(text)
	sc.marksHas |= 1 << markFence // what the pass notes of a text with a fence
	order := make([]int, 0, 3*(len(text)+1))
	for p := 0; p <= len(text); p++ {
		order = append(order, p)
	}
	for p := len(text); p >= 0; p-- {
		order = append(order, p)
	}
	for p := 0; p <= len(text); p += 7 {
		order = append(order, p, len(text)-p)
	}
	odd := 0
	for _, p := range order {
		want := inFence(text, p)
		if want {
			odd++
		}
		if got := sc.inFenceAt(p); got != want {
			t.Fatalf("inFenceAt(%d) = %v, inFence %v (line %q)", p, got, want, text[lineStartWithin(text, p, 1024):p])
		}
	}
	if odd == 0 {
		t.Fatal("no position inside a fence: the test compares nothing")
	}
	sc.reset([]byte("no fence here\n" + string(text[12:])))
	sc.marksHas |= 1 << markFence
	if sc.inFenceAt(len(sc.data)) != inFence(sc.data, len(sc.data)) {
		t.Fatal("a new text reused the last text's count")
	}
}

// A Markdown file of many tokens signed with a sample key inside one fence: each token's
// fence test used to read the text from its start (a 1 MB file of them took minutes).
func TestScanLinearOnSampleTokensInFence(t *testing.T) {
	skipTiming(t)
	line := "token: " + signHS256(`{"sub":"alice","role":"admin"}`, "secret") + "\n"
	build := func(n int) []byte {
		return append([]byte("# Tutorial\n\n```\n"), bytes.Repeat([]byte(line), n/len(line))...)
	}
	small, large := build(64<<10), build(1<<20)
	var found int
	Default().Scan(small, func(m Match) {
		if m.Rule.ID == "jwt" {
			found++
		}
	})
	if found != 0 {
		t.Fatalf("%d sample-key tokens in a fence reported: the test would time the wrong path", found)
	}
	assertLinear(t, Default(), "sample-key tokens in a fence", small, large, 64)
}
