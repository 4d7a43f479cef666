package detect

import "testing"

// TestTreeRound41Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound41Classes(t *testing.T) {
	fixture := func(name string) string {
		return "class OrchardIE(Extractor):\n    " + name + " = [{\n        'url': 'https://media.orchard.net/v/81',\n" +
			"        'params': {\n            'videopassword': 'plum-Kestrel7',\n        },\n    }, {\n" +
			"        'url': 'https://media.orchard.net/v/82',  # a ] in a comment\n        'note': \"it's [open\",\n    }]\n"
	}
	doc := func(header string) string {
		return "class Client:\n" + header + "\n        # type: (Client) -> Any\n        \"\"\"\n" +
			"        curl -X POST https://api.orchard.net/upload -F user=carol -F password=Lantern42\n        \"\"\"\n        return self.form\n"
	}
	prompt := func(p string) string {
		return "Usage::\n\n    >>> import orchard\n    " + p + "c = orchard.api(\n    ...     'https://dcim.orchard.net',\n" +
			"    " + p + "token='4c1f0e92b7d3a5e8f6017c2d9b84e3a6f5d0c7b1'\n    ... )\n"
	}
	seq := func(v string) string {
		return "def handle(self, key):\n    if key in (\"STARTED\", \"GOOD_PASSPHRASE\", \"" + v + "\"):\n        pass\n"
	}
	checkNamedTreeClasses(t, "extractor.py", []treeClassCase{
		{class: "a value in a test-named literal", example: fixture("_TESTS"), leak: fixture("_SITES"),
			rule: "password-assignment", value: "plum-Kestrel7"},
		{class: "the same in a lower-case test name", example: fixture("url_tests"), leak: fixture("url_latest"),
			rule: "password-assignment", value: "plum-Kestrel7"},
		{class: "a value in a method's docstring", example: doc("    async def form(self):"), leak: doc("    FORM = {"),
			rule: "password-assignment", value: "Lantern42"},
		{class: "a token on a doctest's prompt line", example: prompt("... "), leak: prompt(""),
			rule: "generic-api-key", value: "4c1f0e92b7d3a5e8f6017c2d9b84e3a6f5d0c7b1"},
		{class: "two constant names in a tuple", example: seq("NOFILE"), leak: seq("Nofile42x"),
			rule: "password-assignment", value: "Nofile42x"},
	})
	// a man page from docutils: the sample sits in its literal block
	page := func(open string) string {
		return ".TH VDIRSYNCER 1\n.SH CONFIGURATION\nThe following example syncs contacts:\n.sp\n" + open +
			"[storage contacts_remote]\ntype = \"carddav\"\nurl = \"https://dav.orchard.net/carddav/\"\nusername = \"bob\"\npassword = \"Lantern42\"\n.ft P\n.fi\n.SH FILES\n"
	}
	checkNamedTreeClasses(t, "vdirsyncer.1", []treeClassCase{
		{class: "a password in docutils' literal block", example: page(".nf\n.ft C\n"), leak: page(".ft C\n"),
			rule: "password-assignment", value: "Lantern42"},
	})
	// after the block's .fi the text is no example
	if ms := scanText(Default(), "vdirsyncer.1", page(".nf\n.ft C\n")+"[storage r]\npassword = \"Tq4mLz9vWx\"\n"); !hasMatch(ms, "password-assignment", "Tq4mLz9vWx") {
		t.Errorf("a password after .fi: got %s", describe(ms))
	}
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"_TESTS", true}, {"test", true}, {"TEST_CASES", true}, {"latest", false}, {"contest_urls", false}, {"testing", false},
	} {
		if testName([]byte(c.v)) != c.want {
			t.Errorf("testName(%q) = %v", c.v, !c.want)
		}
	}
	po := func(v string) string {
		return "msgid \"\"\n\"<nick> [<password>]\\n\"\n\"Sets the password.\\n\"\nmsgstr \"\"\n\"<Nick> [<Passwort>]" + v + "\"\n\"Setzt das Passwort.\\n\"\n"
	}
	checkNamedTreeClasses(t, "de.po", []treeClassCase{
		{class: "a catalogue's markup and escapes after a password word", example: po("\\\\n\\n"), leak: po("\\\\n\\nQx7"),
			rule: "password-assignment", value: "]\\\\n\\nQx7\""},
	})
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"NODATA", true}, {"userId", true}, {"KerberosKeytab", true}, {"driver_use_ssl", false}, {"hunter", false},
		{"jWRkcoVGVJeUIEojFv", false}, {"z9EY2g4R8NwuyFED", false}, {"Nofile42x", false}, {"_private", false},
	} {
		if seqName(c.v) != c.want {
			t.Errorf("seqName(%q) = %v", c.v, !c.want)
		}
	}
	// a literal that never closes marks nothing after it
	if sp := testLiteralSpans([]byte("_TESTS = [{\n 'a': 'b',\n")); len(sp) != 0 {
		t.Errorf("unclosed literal: got spans %v", sp)
	}
}
