package detect

import "testing"

// TestTreeRound37Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound37Classes(t *testing.T) {
	mod := func(name, q string) string {
		return "#!/usr/bin/python\n\n" + name + " = r" + q + "\n- name: Add a user\n  community.general.ipa_user:\n    name: pinky\n    ipa_host: ipa.example.com\n    ipa_user: admin\n    ipa_pass: Zq7vRt2mWx9k\n" + q + "\n\nimport os\n"
	}
	checkNamedTreeClasses(t, "ipa_user.py", []treeClassCase{
		{class: "an Ansible module's EXAMPLES", example: mod("EXAMPLES", "'''"), leak: mod("SETTINGS", "'''"),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "a command's usage text", example: mod("CLI_USAGE", `"""`), leak: mod("CLI_CONFIG", `"""`),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
		{class: "a module's RETURN block", example: mod("RETURN", `"""`), leak: mod("RETURNED", `"""`),
			rule: "password-assignment", value: "Zq7vRt2mWx9k"},
	})
	// the string closed before the value: code after a documentation block still counts
	after := "EXAMPLES = '''\n- name: x\n'''\n\nconfig = {\n    'password': 'Zq7vRt2mWx9k',\n}\n"
	if !hasMatch(scanText(Default(), "mod.py", after), "password-assignment", "Zq7vRt2mWx9k") {
		t.Errorf("a value after a closed EXAMPLES block was dropped")
	}
	table := func(prev string) string {
		return "<?php\n\nreturn [\n    'Names' => [\n        " + prev + " => 'Portugal',\n        'PW' => 'Palau',\n        'PY' => 'Paraguay',\n    ],\n];\n"
	}
	checkNamedTreeClasses(t, "af.php", []treeClassCase{
		{class: "a country-name table keyed by region codes", example: table("'PT'"), leak: table("'USER'"),
			rule: "password-assignment", value: "Palau"},
	})
	locales := func(next string) string {
		return "<?php\nreturn [\n    'Names' => [\n        'en_PR' => 'Engels (Puerto Rico)',\n        'en_PW' => 'Engels (Palau)',\n        " + next + " => 'Engels (Rwanda)',\n    ],\n];\n"
	}
	checkNamedTreeClasses(t, "af.php", []treeClassCase{
		{class: "a locale table keyed by locale codes", example: locales("'en_RW'"), leak: locales("'RW'"),
			rule: "password-assignment", value: "Engels (Palau)"},
	})
}

// TestTreeRound37Shapes pins the name and key readers.
func TestTreeRound37Shapes(t *testing.T) {
	for n, want := range map[string]bool{
		"EXAMPLES": true, "DOCUMENTATION": true, "RETURN": true, "__doc__": true, "CLI_USAGE": true,
		"epilog": true, "RETURNED": false, "DOC_PASSWORD": false, "password": false, "EXAMPLES.x": false, "": false,
	} {
		if got := docName([]byte(n)); got != want {
			t.Errorf("docName(%q) = %v, want %v", n, got, want)
		}
	}
	for k, want := range map[string]bool{
		"PW": true, "en_PW": true, "haw-US": true, "pw": false, "EN_PW": false, "PWD": false, "english_PW": false, "e_PW": false,
	} {
		if got := regionCode([]byte(k)); got != want {
			t.Errorf("regionCode(%q) = %v, want %v", k, got, want)
		}
	}
	for line, want := range map[string]string{
		"    'PW' => 'Palau',": "PW", `  "en_PW": "x",`: "en_PW", "PW = 'x'": "", "'PW', 'x'": "",
	} {
		if got := string(lineKey([]byte(line))); got != want {
			t.Errorf("lineKey(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestTreeRound37Refs: entry points and Oracle's demonstration login.
func TestTreeRound37Refs(t *testing.T) {
	ep := func(v string) string {
		return "[keystoneauth1.plugin]\nadmin_token = keystoneauth1.loading._plugins.admin_token:AdminToken\nv3password = " + v + "\n"
	}
	checkNamedTreeClasses(t, "entry_points.txt", []treeClassCase{
		{class: "an entry point's object reference", example: ep("keystoneauth1.loading._plugins.identity.v3:Password"),
			leak: ep("Keystone.Loading-Plugins:Pw9x"), rule: "password-assignment", value: "Keystone.Loading-Plugins:Pw9x"},
	})
	url := func(user, pw string) string {
		return "engine = create_engine(\"postgresql://" + user + ":" + pw + "@db.internal/sales\")\n"
	}
	checkNamedTreeClasses(t, "db.py", []treeClassCase{
		{class: "scott:tiger (user changed)", example: url("scott", "tiger"), leak: url("scotty", "tiger"), rule: "postgres-connection-string", value: "tiger"},
		{class: "scott:tiger (password changed)", example: url("scott", "tiger"), leak: url("scott", "tiger99"), rule: "postgres-connection-string", value: "tiger99"},
	})
	for v, want := range map[string]bool{
		"keystoneclient.auth.identity.v3:Password": true, "a.b:C.d": true, "mod:Attr": false, "a.B:C": false,
		"a.b:": false, "a.1b:C": false, "a.b:C-d": false, "user:pass@host": false,
		"openstackclient.identity.v3.ec2creds:CreateEC2Creds": true, "signing.key:OYh4B40V7jWshn4EZ2djqesnApobKW": false,
		"signing.key:aZVHE4ymQV2LbH8piNfhjk": false, "signing.key:GBtQpozLBRdoKfGh": false,
	} {
		if got := objectRef(v); got != want {
			t.Errorf("objectRef(%q) = %v, want %v", v, got, want)
		}
	}
}
