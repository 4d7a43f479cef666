package detect

import (
	"strings"
	"testing"
)

// TestTreeRound40Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule
// and value.
func TestTreeRound40Classes(t *testing.T) {
	// an API examples file: the value stands 80 lines below the key (underKey reads 64)
	examples := func(key string) string {
		var b strings.Builder
		b.WriteString("{\n  \"version\": \"1.0\",\n  \"" + key + "\": {\n    \"ListWidgets\": [\n")
		for i := 0; i < 20; i++ {
			b.WriteString("      {\n        \"input\": {\n          \"Limit\": 10\n        }\n      },\n")
		}
		b.WriteString("      {\n        \"input\": {\n          \"UserName\": \"carol\",\n          \"Password\": \"Tq4$Lm9vWz2x\"\n        }\n      }\n")
		b.WriteString("    ]\n  }\n}\n")
		return b.String()
	}
	typed := func(key string) string {
		return "SCHEMAS = {\n    \"" + key + "\": \"7c41e09ab3d25f68\",\n}\n"
	}
	arn := func(v string) string {
		return "{\n  \"WidgetUserChangePassword\": \"" + v + "\"\n}\n"
	}
	enum := func(key string) string {
		return "{\n  \"AuthMode\": {\n    \"type\": \"string\",\n    \"" + key + "\": [\n      \"password\",\n      \"tokenless-sso\"\n    ]\n  }\n}\n"
	}
	shell := func(v string) string {
		return "cat <<EOS\nif test \"\\$PWD\" = \"" + v + "\"; then\n  echo same\nfi\nEOS\n"
	}
	const tok = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ3aWRnZXQtNyIsInJvbGUiOiJ2aWV3ZXIifQ.MkQiSh8PWYnxGHw0hDTmYr38B0tpSG8w2Zz8YTTzpZA"
	session := func(key string) string {
		return "Usage\n-----\n\n    >>> from orchard import tokens\n    >>> k = tokens.load_key(\"" + key + "\", \"oct\")\n" +
			"    >>> t = tokens.sign({\"sub\": \"widget-7\"}, k)\n    >>> t\n    '" + tok + "'\n"
	}
	checkNamedTreeClasses(t, "README.rst", []treeClassCase{
		{class: "a doctest's token signed with the session's key", example: session("orchard-demo-key"), leak: session("orchard-demo-kex"),
			rule: "jwt", value: tok},
	})
	dsn := func(pw string) string {
		return "DATABASE_URL = \"postgres://orchard:" + pw + "@db.internal:5432/app\"\n"
	}
	checkNamedTreeClasses(t, "settings.py", []treeClassCase{
		{class: "a password that says it is not real in look-alike symbols", example: dsn("n0t-re4l"), leak: dsn("n0t-re4p"),
			rule: "postgres-connection-string", value: "n0t-re4p"},
		{class: "the same for fake", example: dsn("F4ke_Pa55"), leak: dsn("F4ce_Pa55"),
			rule: "postgres-connection-string", value: "F4ce_Pa55"},
	})
	// look-alike letters inside a random part still count
	for _, v := range []string{"xq-bF4KEwRpRcVu5Ndfo", "Kp7vF4keGNRnNGCB8tbb"} {
		if leetFake(v) {
			t.Errorf("leetFake(%q) = true", v)
		}
	}
	checkNamedTreeClasses(t, "conf.json", []treeClassCase{
		{class: "a value deep under a JSON examples key", example: examples("examples"), leak: examples("requests"),
			rule: "password-assignment", value: "Tq4$Lm9vWz2x"},
		{class: "a key that is a qualified type name", example: typed("Acme::Gateway::ApiKey"), leak: typed("acme_gateway_api_key"),
			rule: "generic-api-key", value: "7c41e09ab3d25f68"},
		{class: "an Amazon Resource Name", example: arn("arn:aws:iam::aws:policy/WidgetUserChangePassword"), leak: arn("arn:zws:iam::aws:policy/WidgetUserChangePassword"),
			rule: "password-assignment", value: "arn:zws:iam::aws:policy/WidgetUserChangePassword"},
		{class: "an item of a JSON enum", example: enum("enum"), leak: enum("values"),
			rule: "password-assignment", value: "tokenless-sso"},
		{class: "an escaped shell variable reference", example: shell("\\$_SAVED_PWD"), leak: shell("x$_SAVED_PWD"),
			rule: "password-assignment", value: "x$_SAVED_PWD"},
	})
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"Acme::Compute::Instance", true}, {"Acme::Compute", false}, {"acme::compute::instance", false}, {"Acme::Co-mpute::X", false},
	} {
		if qualifiedType(c.v) != c.want {
			t.Errorf("qualifiedType(%q) = %v", c.v, !c.want)
		}
	}
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"\\$HOME_DIR", true}, {"\\\\${TOKEN}", true}, {"$HOME_DIR", false}, {"\\$HOME DIR", false}, {"\\$9abc", false},
	} {
		if escapedVarRef(c.v) != c.want {
			t.Errorf("escapedVarRef(%q) = %v", c.v, !c.want)
		}
	}
}

// TestExampleSpanBounded: an examples value that never closes ends the search, and a
// key past it is not read; a value after a closed span is outside it.
func TestExampleSpanBounded(t *testing.T) {
	s := "{\n  \"examples\": {\"a\": \"}\", \"b\": [1, 2]},\n\"password\": \"Zq7vRt2mWx9k\"\n}\n"
	if ms := scanText(Default(), "conf.json", s); !hasMatch(ms, "password-assignment", "Zq7vRt2mWx9k") {
		t.Errorf("a value after the examples object: want password-assignment, got %s", describe(ms))
	}
	if got := jsonKeySpans([]byte("examples: {\"a\": [1, examples: {"), []int{0, 21}); len(got) != 0 {
		t.Errorf("unclosed: want no span, got %v", got)
	}
}
