package detect

import (
	"strings"
	"testing"
)

// TestTreeRound39Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule
// and value.
func TestTreeRound39Classes(t *testing.T) {
	field := func(kind string) string {
		return "class Linked:\n    \"\"\"Linked service.\n\n    " + kind + " password: Zq7vRt2mWx9k\n    \"\"\"\n"
	}
	wire := func(v string) string {
		return "    _attribute_map = {\n        \"net_ipv4_neigh_default_gc_thresh1\": {\"key\": \"" + v + "\", \"type\": \"int\"},\n    }\n"
	}
	annot := func(v string) string {
		return "spec:\n  password: \"" + v + "\"\n"
	}
	sig := func(def, v string) string {
		return "    " + def + "(\n        self,\n        *,\n        url: JSON,\n        password: \"" + v + "\",\n        **kwargs\n    ):\n"
	}
	imp := func(v string) string {
		return "from .._vendor import " + v + ", _convert_request\n"
	}
	checkNamedTreeClasses(t, "models.py", []treeClassCase{
		{class: "a reST type field", example: field(":type"), leak: field(":note"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "a Sphinx vartype field", example: field(":vartype"), leak: field(":varname"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "a Sphinx paramtype field", example: field(":paramtype"), leak: field(":paramname"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "a field's wire name in camelCase", example: wire("netIpv4NeighDefaultGcThresh1"), leak: wire("netIpv4NeighDefaultGcThresh7"),
			rule: "generic-api-key", value: "netIpv4NeighDefaultGcThresh7"},
		{class: "a generic type annotation", example: annot("Optional[str]"), leak: annot("Zq7vRt2mWx9k[str]"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k[str]"},
		{class: "a string annotation in a def's parameters", example: sig("def __init__", "_models.SecretBase"), leak: sig("settings = dict", "Zq7vRt2mWx9k"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "the same in an async def", example: sig("async def connect", "SecureString"), leak: sig("async def connect", "Zq7vRt2mWx9k"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "an identifier read as an Azure key", example: imp("AzureArcVMwareManagementServiceAPIMixinABC"), leak: imp("AzureArcVMware7ManagementServiceAPIMixinABC"),
			rule: "azure-identifiable-key", value: "AzureArcVMware7ManagementServiceAPIMixinABC"},
	})
	// a command's argument list and a tuple of a name and its password still count
	for _, s := range []string{
		"cmd = ['mysql', '--user', 'app_user', '--password', 'Zq7vRt2mWx9k']\n",
		"CREDS = [('db_user', 'app_admin'), ('db_password', 'Zq7vRt2mWx9k')]\n",
		"password: \"Zq7vRt2mWx9k\"\n",
		"def connect(url):\n    return dict(user='app', password: 'Zq7vRt2mWx9k')\n",
		"def connect(url):\n    pass\n\nconf = {\n    \"user\": \"app\",\n    \"password\": \"Zq7vRt2mWx9k\",\n}\n",
		"def f(\n    user,\n    password=\"Zq7vRt2mWx9k\",\n):\n    pass\n",
	} {
		if ms := scanText(Default(), "conf.py", s); !hasMatch(ms, "password-assignment", "Zq7vRt2mWx9k") {
			t.Errorf("%q: want password-assignment Zq7vRt2mWx9k, got %s", s, describe(ms))
		}
	}
}

// TestRound39LetterKeys: a random key of letters alone, as long and as humped as an
// identifier, still counts where no declaration names it.
func TestRound39LetterKeys(t *testing.T) {
	const key = "VLSFyogSdQDWXUtoSfhfOaddRwxEqibSYYAPIMabcd"
	if !humpedName(key) {
		t.Fatalf("humpedName(%q) = false: the test reads nothing", key)
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"from ._vendor import " + key, true}, {"class " + key + "(Base):", true},
		{"AZURE_KEY=" + key, false}, {"key: " + key, false}, {"reimport " + key, false},
	} {
		at := len(c.text) - len(key)
		if i := strings.Index(c.text, key); i >= 0 {
			at = i
		}
		if got := declared([]byte(c.text), at); got != c.want {
			t.Errorf("declared(%q) = %v", c.text, got)
		}
	}
}

func TestRound39Helpers(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"Optional[str]", true}, {"Optional[List[str]]", true}, {"Dict[str, Any]", true},
		{"Zq7vRt2m[Wx9k]", false}, {"Optional[]", false}, {"optional[str]", false}, {"Optional[str", false}, {"Opt[x]y]", false},
	} {
		if got := typeExpr(c.v); got != c.want {
			t.Errorf("typeExpr(%q) = %v", c.v, got)
		}
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"x%2Fazure-sdk", true}, {"x%3Ahost", true}, {"x%20word", true}, {"x%4Fabc", false}, {"x2Fazure", false},
	} {
		if got := escapeCut([]byte(c.text), 2); got != c.want {
			t.Errorf("escapeCut(%q) = %v", c.text, got)
		}
	}
	for _, c := range []struct {
		text string
		want bool
	}{
		{"a.yml,sha256=AnHc", true}, {"a.yml,sha256=AnHc_mCdca-0ZhE", true}, {"x SHA512=ab", true}, {"md5=ab", true}, {"xsha256=ab", false}, {"sha256:ab", false}, {"token=ab", false},
	} {
		at := strings.IndexByte(c.text, '=') + 1
		if strings.IndexByte(c.text, '=') < 0 {
			at = strings.IndexByte(c.text, ':') + 1
		}
		if i := strings.IndexByte(c.text, '-'); i >= 0 {
			at = i + 1 // a value found in the digest's tail
		}
		if got := digestField([]byte(c.text), at); got != c.want {
			t.Errorf("digestField(%q) = %v", c.text, got)
		}
	}
	for _, c := range []struct {
		pre  string
		want bool
	}{
		{"    :type password: ", true}, {"  # :rtype: ", true}, {" * @type password: ", true}, {":kwtype api_key: ", true},
		{"    :param password: ", false}, {"    password: ", false}, {":type pass word=x: ", false},
	} {
		if got := docTypeField([]byte(c.pre)); got != c.want {
			t.Errorf("docTypeField(%q) = %v", c.pre, got)
		}
	}
}
