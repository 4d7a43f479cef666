package detect

import (
	"strings"
	"testing"
)

// TestTreeRound9Classes: the classes of false positives found by triaging every non-test
// secret finding of a JDK installation (/usr/lib/jvm with its src.zip) at main 88f21ce.
// Each example text must yield no secret; each leak text, the same text with only the
// signal the class reads changed, must still yield its rule and value.
func TestTreeRound9Classes(t *testing.T) {
	bundle := func(base, rows string) string {
		return "package org.heron.text;\n\npublic final class Prompts_nl extends " + base + " {\n" +
			"    protected Object[][] getContents() {\n        return new Object[][] {\n" + rows +
			"        };\n    }\n}\n"
	}
	labelRows := "            { \"vault.unlock\", \"Kluis ontgrendelen\" },\n" +
		"            { \"vault.password\", \"Kluiswachtwoordzin\" },\n" +
		"            { \"vault.owner\", \"Eigenaar\" },\n"
	codeRows := "            { \"PN\", \"Pitcairneilanden\" },\n            { \"PW\", \"Oberlau\" },\n" +
		"            { \"PY\", \"Paraguay\" },\n"
	named := func(base string) string {
		return "public class Regions_fy extends " + base + " {\n    protected final Object[][] getContents() {\n" +
			"        final String label_PW = \"Oberlau\";\n        final String label_ko = \"Koreaansk\";\n" +
			"        final String label_haw = \"Hawaiiaansk\";\n        return new Object[][] { { \"PW\", label_PW } };\n    }\n}\n"
	}
	doc := func(open string) string {
		return "package org.heron.pool;\n\n/**\n * Opens sessions against the pool.\n" + open +
			" *     Session s = pool.sessionBuilder()\n *                   .user(\"ortolan\")\n" +
			" *                   .password(\"Wq8ztr4Lm\")\n *                   .open();\n * </pre>\n */\n" +
			"public interface SessionBuilder {}\n"
	}
	provider := func(name string) string {
		return "final class Gears extends Provider {\n    Gears() {\n        put(\"SecretKeyFactory\", \"" + name + "\",\n" +
			"                \"org.heron.crypto.KeyFactories$Derived\");\n    }\n}\n"
	}
	say := func(word string) string {
		return "class Wizard {\n    void step() {\n        out.println(\"Neues Kennwort " + word + " und best\\u00E4tigen\");\n    }\n}\n"
	}
	checkTreeClasses(t, []treeClassCase{
		{class: "prose after a password's name whose word writes a letter as an escape",
			example: say(`w\u00E4hlen`), leak: say(`w\u0024hlen`),
			rule: "password-assignment", value: "w$hlen"},
		{class: "the anonymous login's conventional password",
			example: ".PP\nLeave out the login to use the public one (login:\nanonymous\nmot de passe:\\-visitor@)\\&.\n",
			leak:    ".PP\nLeave out the login to use the public one (login:\nmaintainer\nmot de passe:\\-visitor@)\\&.\n",
			rule:    "password-assignment", value: `\-visitor@)\&`},
		{class: "a value repeated in prose after the example that showed it",
			example: "For example:\n\n    login=carmen\n    password=Hv7qtr2z\n\nThe helper then answers password=Hv7qtr2z to the client.\n",
			leak:    "For example:\n\n    login=carmen\n    password=Hv7qtr2y\n\nThe helper then answers password=Hv7qtr2z to the client.\n",
			rule:    "password-assignment", value: "Hv7qtr2z"},
		{class: "URL credentials whose password is the user's name and the word password, on a reserved host",
			example: "Thus <https://wren:wrenpassword@files.example.org:8443/> logs in as wren.\n",
			leak:    "Thus <https://wren:wrenpassword@files.heronworks.io:8443/> logs in as wren.\n",
			rule:    "url-credentials", value: "wrenpassword"},
		{class: "a resource bundle's row: a translated label under a password key",
			example: bundle("java.util.ListResourceBundle", labelRows), leak: bundle("org.heron.Settings", labelRows),
			rule: "password-assignment", value: "Kluiswachtwoordzin"},
		{class: "a resource bundle's row: a country's name under its code PW",
			example: bundle("OpenListResourceBundle", codeRows), leak: bundle("org.heron.Settings", codeRows),
			rule: "password-assignment", value: "Oberlau"},
		{class: "a resource bundle's constants named by code, one of a run (label_PW beside label_ko)",
			example: named("OpenListResourceBundle"), leak: named("org.heron.Settings"),
			rule: "password-assignment", value: "Oberlau"},
		{class: "a <pre> code sample in a Javadoc comment",
			example: doc(" * <pre>{@code\n"), leak: doc(" * <p>\n"),
			rule: "password-assignment", value: "Wq8ztr4Lm"},
		{class: "a cryptographic algorithm's standard name registered under SecretKeyFactory",
			example: provider("PBEWithSHA384AndCamellia_192"), leak: provider("Pz4Kq9Wv2Lt7Rx3Nm8"),
			rule: "generic-api-key", value: "Pz4Kq9Wv2Lt7Rx3Nm8"},
	})
}

// TestTreeRound9Shapes pins the pieces the classes are read with.
func TestTreeRound9Shapes(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"PBKDF2WithHmacSHA384", true}, {"SHA512withECDSA", true}, {"PBEWithHmacSHA512/256AndAES_256", true},
		{"HmacSHA256", false}, {"WithAnd", false}, {"PBEWithZq8Lm", false}, {"DESAndX7", false},
	} {
		if got := algorithmName(c.v); got != c.want {
			t.Errorf("algorithmName(%q) = %v, want %v", c.v, got, c.want)
		}
	}
	row := `    { "store.password", "Opslag" },`
	s := strings.Index(row, "Opslag")
	if !bundleRow([]byte(row), s, s+len("Opslag")) {
		t.Errorf("bundleRow missed the row's text")
	}
	k := strings.Index(row, "store")
	if bundleRow([]byte(row), k, k+5) {
		t.Errorf("bundleRow took the row's key for its text")
	}
	for _, r := range []string{`    call({ "store.password", "Opslag" });`, `    { "store.password", "Opslag" + suffix },`} {
		s := strings.Index(r, "Opslag")
		if bundleRow([]byte(r), s, s+len("Opslag")) {
			t.Errorf("bundleRow(%q) took a line that is not a lone row", r)
		}
	}
	closed := "/**\n * <pre>\n * a\n * </pre>\n * pass(\"x\")\n */\n"
	if javadocSample([]byte(closed), strings.Index(closed, "pass")) {
		t.Errorf("javadocSample took a line after the <pre> block closed")
	}
	plain := "/*\n * <pre>\n * pass(\"x\")\n */\n"
	if javadocSample([]byte(plain), strings.Index(plain, "pass")) {
		t.Errorf("javadocSample took a comment that is not a doc comment")
	}
}
