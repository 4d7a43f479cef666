package detect

import (
	"encoding/base64"
	"testing"
)

// TestTreeRound17Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound17Classes(t *testing.T) {
	check := func(key string) string {
		return "kubernetes:\n  " + key + ":\n    - |-\n      apiVersion: v1\n      data:\n          password: Kq7vRm2xTz9w\n      kind: ConfigMap\n"
	}
	checkNamedTreeClasses(t, "configmap_with_secrets.yaml", []treeClassCase{
		{class: "a checker's bad example", example: check("bad"), leak: check("data"), rule: "password-assignment", value: "Kq7vRm2xTz9w"},
	})
	tf := func(v string) string {
		return "resource \"aws_docdb_cluster\" \"docdb\" {\n  master_username = \"foo\"\n  master_password = \"" + v + "\"\n}\n"
	}
	checkNamedTreeClasses(t, "main.tf", []treeClassCase{
		{class: "a value stating its constraint", example: tf("mustbeeightchars"), leak: tf("mustbeq8rzwxkl"), rule: "password-assignment", value: "mustbeq8rzwxkl"},
	})
	netrc := func(v string) string {
		return "n.Machine(\"api.heroku.com\").Set(\"password\", \"" + v + "\")\n"
	}
	checkNamedTreeClasses(t, "README.md", []treeClassCase{
		{class: "a value named for its slot", example: netrc("newapikey"), leak: netrc("newq8rkzwm"), rule: "password-assignment", value: "newq8rkzwm"},
	})
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tok := func(h string) string {
		return b64(`{"alg":"RS256"}`) + "." + b64(`{"files":[{"name":".manifest","hash":"`+h+`","algorithm":"SHA-256"}]}`) + "." +
			b64("Zr7Qm2kXv9Lp4Tw8Nc3Jb6Hd1Fs5Gy0Ae2Rq7Uo4Ik9Ml3Nb8Vc6Xz1Wy5Ts0Pa")
	}
	manifest := func(tok string) string {
		return "const sample = `\n{\n  \"signatures\": [\n    \"" + tok + "\"\n  ]\n}\n`\n"
	}
	checkNamedTreeClasses(t, "sign.go", []treeClassCase{
		{class: "a signed manifest", example: manifest(tok("18745de72c01e80cd9f520f418c009ac4d2c3d02b17a50e2d042158bc352a32d")),
			leak: manifest(tok("bar/data.json")), rule: "jwt", value: tok("bar/data.json")},
	})
	const hs = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzb21lIjoicGF5bG9hZCJ9.4twFt5NiznN84AWoo1d7KO1T_yoc0Z6XOpOVswacPZg"
	session := func(prompt string) string {
		return "Usage\n-----\n\n.. code-block:: pycon\n\n    " + prompt + "print(encoded)\n    " + hs + "\n"
	}
	checkNamedTreeClasses(t, "README.rst", []treeClassCase{
		{class: "a doctest's token signed with \"secret\"", example: session(">>> "), leak: session("# "), rule: "jwt", value: hs},
	})
	gen := func(opt string) string {
		return "```\ngithub_changelog_generator " + opt + " GITHUB-TOKEN -u rabbitmq -p amqp091-go --no-unreleased\n```\n"
	}
	checkNamedTreeClasses(t, "RELEASE.md", []treeClassCase{
		{class: "a -p option beside a token option", example: gen("--token"), leak: gen("--tag"), rule: "password-assignment", value: "amqp091-go"},
	})
	urlDoc := func(v string) string {
		return "-- These correspond to these parts of a URL:\n-- <code>\n-- scheme://userinfo@password:" + v + "\n-- </code>\n"
	}
	checkNamedTreeClasses(t, "url.lua", []treeClassCase{
		{class: "a URL's grammar in words", example: urlDoc("authority:port/path"), leak: urlDoc("Wq8rTz3kLm:port/path"),
			rule: "password-assignment", value: "Wq8rTz3kLm:port/path"},
	})
	call := func(v string) string {
		return "    status, data = vnc:login( nil, \"" + v + "\" )\n"
	}
	checkNamedTreeClasses(t, "vnc-brute.nse", []treeClassCase{
		{class: "a predicate's name", example: call("is_sec_mec_supported?"), leak: call("Wq8rTz3kLm?"),
			rule: "password-call-argument", value: "Wq8rTz3kLm?"},
	})
	pkg := func(cmd string) string {
		return "Description-fi.UTF-8: Poistetaanko kaikki MariaDB-tietokannat?\n Jos joku muu " + cmd + " -paketti jo käyttää tietoja.\n"
	}
	checkNamedTreeClasses(t, "mariadb-server.templates", []treeClassCase{
		{class: "a MySQL package's name before -p", example: pkg("mariadb-server"), leak: pkg("mariadb -u root"),
			rule: "password-assignment", value: "aketti"},
	})
	probe := func(group string) string {
		return "match http m|^HTTP/1\\.1 200 OK\\r\\n" + group + "Set-Cookie: JSESSIONID=9A69859878EF80D2D98913D0A75EA0CD; Path=/\\r\\n.*<html>| p/Thing/\n"
	}
	checkNamedTreeClasses(t, "service-probes", []treeClassCase{
		{class: "a line holding a regular expression", example: probe("(?:[^\\r\\n]+\\r\\n)*?"), leak: "Set-Cookie: JSESSIONID=9A69859878EF80D2D98913D0A75EA0CD; Path=/\n",
			rule: "generic-api-key", value: "9A69859878EF80D2D98913D0A75EA0CD"},
	})
}

func TestTreeRound17Values(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func([]byte) bool
		yes  []string
		no   []string
	}{
		{"constraintWords", constraintWords, []string{"mustbeeightchars", "atleast12characterslong"}, []string{"mustang2024x", "q8rzwxklmnbv"}},
		{"slotNamed", slotNamed, []string{"newapikey", "oldpassword"}, []string{"newton", "keynew", "newapikey2"}},
		{"urlGrammarWords", urlGrammarWords, []string{"authority:port/path", "host:port"}, []string{"admin:port", "path"}},
		{"wildcardPattern", wildcardPattern, []string{`.*<HTML>\n<HEAD>`, `.+\d`}, []string{`.*abc`, `Xk\nQ`}},
		{"predicateName", predicateName, []string{"is_sec_mec_supported?"}, []string{"is_ok?", "Wq8r_tz3k_lm?", "is_sec_mec_supported"}},
		{"callHead", callHead, []string{"base64Auth.toString(", "a.b.c("}, []string{"toString(", "base64Auth.toString", "9a.b("}},
	} {
		for _, v := range c.yes {
			if !c.f([]byte(v)) {
				t.Errorf("%s(%q) = false, want true", c.name, v)
			}
		}
		for _, v := range c.no {
			if c.f([]byte(v)) {
				t.Errorf("%s(%q) = true, want false", c.name, v)
			}
		}
	}
	sym := []byte(" glWindowBackBufferHintAutodesk@Base 0\n glWindowPos2dARB@Base 0\n")
	if !symbolsEntry(sym, 40, 56) || symbolsEntry([]byte("a glWindowPos2dARB@Base 0\n"), 2, 18) {
		t.Errorf("symbolsEntry: wrong answer")
	}
	doc := []byte("    >>> print(encoded)\n    eyJ\n")
	if !doctestOutput(doc, 27) || doctestOutput([]byte("    print(encoded)\n    eyJ\n"), 23) {
		t.Errorf("doctestOutput: wrong answer")
	}
}
