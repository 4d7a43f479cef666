package detect

import (
	"strconv"
	"strings"
	"testing"
)

// obfuscateJetty encodes s the way Jetty's OBF: passwords are written: each byte b,
// with the byte r mirrored from the other end of s, becomes the base-36 number
// (127+b+r)*256 + (127+b-r) in four digits.
func obfuscateJetty(s string) string {
	var sb strings.Builder
	sb.WriteString("OBF:")
	for i := 0; i < len(s); i++ {
		b, r := int(s[i]), int(s[len(s)-1-i])
		d := strconv.FormatInt(int64((127+b+r)*256+(127+b-r)), 36)
		sb.WriteString(strings.Repeat("0", 4-len(d)) + d)
	}
	return sb.String()
}

// TestTreeRound11Classes: the classes of false positives found by triaging the non-test
// secret findings of the composite tuning tree, the Cloud SDK and the Go module cache
// at main 3526e7c. Each example text must yield no secret; each leak text, the same text
// with only the signal the class reads changed, must still yield its rule and value.
func TestTreeRound11Classes(t *testing.T) {
	table := func(heading string) string {
		return "-- " + heading + "\n" +
			"-- * accounts: the pairs to try\n\nfingerprints[#fingerprints + 1] = {\n" +
			"  name = \"Heron gateway\",\n  accounts = {\n" +
			"    {user = \"operator\", password = \"heronops\"},\n" +
			"    {user = \"service\", password = \"gw-maint7\"},\n  },\n}\n" +
			"fingerprints[#fingerprints + 1] = {\n  name = \"Kestrel NAS\",\n  accounts = {\n" +
			"    {user = \"root\", password = \"kestrel99\"},\n  },\n}\n"
	}
	lone := func(heading string) string {
		return "-- " + heading + "\nlocal accounts = {\n  {user = \"service\", password = \"gw-maint7\"},\n}\n"
	}
	nse := func(tag string) string {
		return "---\n-- @usage\n-- nmap --script relay-config -p 8000 <host>\n--\n-- " + tag + "\n" +
			"-- PORT     STATE SERVICE\n-- 8000/tcp open  http\n-- | relay-config:\n" +
			"-- |   Hostname: relay\n-- |   Backup Password: Qz7mW2pk9x\n-- |_  Gateway: 10.1.1.1\n"
	}
	jsdoc := func(tag string) string {
		return "/**\n * Opens the relay.\n *\n * " + tag + "\n * relay.open({ user: 'ops', password: 'Hr5tLq8vZe' })\n */\n"
	}
	checkTreeClasses(t, []treeClassCase{
		{class: "a doc comment's sample output section (NSE @output)",
			example: nse("@output"),
			leak:    nse("@param"),
			rule:    "password-assignment", value: "Qz7mW2pk9x"},
		{class: "a doc comment's example section (JSDoc @example)",
			example: jsdoc("@example"),
			leak:    jsdoc("@see relay.close"),
			rule:    "password-assignment", value: "Hr5tLq8vZe"},
		{class: "a table of logins that calls them default credentials",
			example: table("Login table: the default credential pairs of each product"),
			leak:    table("Login table: the credential pairs of each product"),
			rule:    "password-assignment", value: "gw-maint7"},
		{class: "a lone login beside the words is no table",
			example: lone("Login table: the default credential pairs of each product") + lone("") + lone(""),
			leak:    lone("Login table: the default credential pairs of each product"),
			rule:    "password-assignment", value: "gw-maint7"},
		{class: "a password the prose calls a default",
			example: "match http m|^HTTP/1\\.0 401 \\r\\nWWW-Authenticate: Basic realm=\"Default password:7315\"| p/Heron print server/\n",
			leak:    "match http m|^HTTP/1\\.0 401 \\r\\nWWW-Authenticate: Basic realm=\"Admin password:7315\"| p/Heron print server/\n",
			rule:    "password-assignment", value: "7315"},
		{class: "an organisation's own default password is policy-shaped, not a factory default",
			example: "match http m|^HTTP/1\\.0 401 \\r\\nWWW-Authenticate: Basic realm=\"Default password:7315\"| p/Heron print server/\n",
			leak:    "Onboarding of new accounts. Default password: Heron#Spring26\n",
			rule:    "password-assignment", value: "Heron#Spring26"},
		{class: "a Jetty obfuscated password that decodes to the words of its key",
			example: "relay.tls.trustStorePassword=" + obfuscateJetty("trustpwd") + "\n",
			leak:    "relay.tls.trustStorePassword=" + obfuscateJetty("trvstpwd") + "\n",
			rule:    "password-assignment", value: obfuscateJetty("trvstpwd")},
		{class: "a Jetty obfuscated password that decodes to a placeholder",
			example: "relay.tls.keyStorePassword=" + obfuscateJetty("changeme") + "\n",
			leak:    "relay.tls.keyStorePassword=" + obfuscateJetty("Hq4zWm8rTe") + "\n",
			rule:    "password-assignment", value: obfuscateJetty("Hq4zWm8rTe")},
	})
}

// TestTreeRound11Shapes: the value grammars of the round, on their edges.
func TestTreeRound11Shapes(t *testing.T) {
	for _, s := range []string{"storepwd", "a", "Hq4zWm8rTe", "~ !"} {
		if got, ok := deobfuscate(obfuscateJetty(s)); !ok || got != s {
			t.Errorf("deobfuscate(obfuscateJetty(%q)) = %q, %v", s, got, ok)
		}
	}
	for _, v := range []string{"OBF:", "OBF:1vn", "OBF:1VNY", "OBF:zzzz", "1vny1zlo", "OBF:1vny1zl!"} {
		if got, ok := deobfuscate(v); ok {
			t.Errorf("deobfuscate(%q) = %q, want refused", v, got)
		}
	}
	for _, c := range []struct {
		key, plain string
		want       bool
	}{
		{"jetty.sslContext.keyManagerPassword", "keypwd", true},
		{"keyStorePassword", "STOREPASS", true},
		{"keyStorePassword", "store", true},
		{"keyStorePassword", "pwd", false},
		{"keyStoreType", "storepwd", false},
		{"keyStorePassword", "storeroom", false},
	} {
		if got := keyWordsPassword([]byte(c.key), c.plain); got != c.want {
			t.Errorf("keyWordsPassword(%q, %q) = %v, want %v", c.key, c.plain, got, c.want)
		}
	}
	for _, c := range []struct {
		line string
		want bool
	}{
		{`{username = "a", password = "b"}`, true},
		{`{"login": "a", "pass": "b"}`, true},
		{`user_name: a password: b`, true},
		{`{userid = "a", password = "b"}`, false},
		{`{name = "a", password = "b"}`, false},
	} {
		at := strings.LastIndexByte(c.line[:len(c.line)-1], '"')
		if at < 0 {
			at = len(c.line) - 1
		}
		if got := userKeyOnLine([]byte(c.line), at); got != c.want {
			t.Errorf("userKeyOnLine(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
