package detect

import "testing"

// TestTreeRound13Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound13Classes(t *testing.T) {
	vendor := func(v string) string { return "# Vonage " + v + " VoIP adapter\n" }
	doc := func(cut string) string {
		return "def load(path):\n    \"\"\"Reads a digest file. For example, with realm 'harbor', user 'kim'" + cut +
			"\n    and password 'Tq7mw2zR9', the line holds their hash.\n    \"\"\"\n"
	}
	checkNamedTreeClasses(t, "notes.py", []treeClassCase{
		{class: "for example wrapped onto the line above", example: doc(","), leak: doc(". Then"),
			rule: "password-assignment", value: "Tq7mw2zR9"},
	})
	page := func(v string) string { return "<form>Wachtwoord: " + v + " <input type=submit></form>\n" }
	scan := func(v string) string {
		return "sudo nmap -sU --script smb-psexec.nse --script-args=smbuser=<user>,smbpass=<pass> -p " + v + " <host>\n"
	}
	probe := func(pw string) string { return "  ok, resp = helper:login( db, \"probe7731\", \"" + pw + "\" )\n" }
	deps := func(v string) string { return "dependencies = {\"redis-empty-password\", \"" + v + "\"}\n" }
	vt := func(k string) string {
		return "-- nmap --script-args='http-virustotal." + k + "=\"5d1e0b9f3a7c2e84f6b0d9a1c3e5f7082b4d6f8a0c2e4f6a8b0d2f4a6c8e0b2d\"'\n"
	}
	checkNamedTreeClasses(t, "probe.nse", []treeClassCase{
		{class: "an HTML tag's opening after a password's name", example: page("<input"), leak: page("Zq8rw2Lk"),
			rule: "password-assignment", value: "Zq8rw2Lk"},
		{class: "a port list after -p", example: scan("U:137,T:139"), leak: scan("Gv7tq2Lm"),
			rule: "command-line-password", value: "Gv7tq2Lm"},
		{class: "the login echoed in a call's arguments", example: probe("probe7731"), leak: probe("probe7732"),
			rule: "password-call-argument", value: "probe7731"},
		{class: "sibling names in a list", example: deps("redis-brute"), leak: deps("Kp4v9mQz"),
			rule: "password-assignment", value: "Kp4v9mQz"},
		{class: "a call's key and value are no list", example: deps("redis-brute"),
			leak: "System.setProperty(\"acme-password\", \"acme-7Rq2x9Lm\")\n", rule: "password-assignment", value: "acme-7Rq2x9Lm"},
		{class: "a key whose last word names a digest", example: vt("checksum"), leak: vt("apikey"),
			rule: "virustotal-api-key", value: "5d1e0b9f3a7c2e84f6b0d9a1c3e5f7082b4d6f8a0c2e4f6a8b0d2f4a6c8e0b2d"},
	})
	checkNamedTreeClasses(t, "notes.txt", []treeClassCase{
		{class: "a capitalised word after a provider's name", example: vendor("Gateways"), leak: vendor("Gq4tew7s"),
			rule: "nexmo-api-key", value: "Gq4tew7s"},
	})
}

// TestPortList: port lists and what only resembles one.
func TestPortList(t *testing.T) {
	for v, want := range map[string]bool{"22,80": true, "U:53,T:53": true, "8000-8100": true, "1-65535,T:22": true,
		"8080": false, "22,x": false, "123456,1": false, "a-b": false, "T:": false, ",": false} {
		if got := portList([]byte(v)); got != want {
			t.Errorf("portList(%q) = %v, want %v", v, got, want)
		}
	}
}

// TestSpelledWord: how words are written, and how generated values are not.
func TestSpelledWord(t *testing.T) {
	for _, c := range []struct {
		v    string
		want bool
	}{
		{"embedded", true}, {"Holdings", true}, {"V-Portal", true}, {"snake_case_name", true},
		{"HoldingS", false}, {"hOldings", false}, {"Hold1ngs", false}, {"ab--cd", false}, {"-abc", false},
		{"x", false}, {"ABCDEFGH", false},
	} {
		if got := spelledWord([]byte(c.v)); got != c.want {
			t.Errorf("spelledWord(%q) = %v, want %v", c.v, got, c.want)
		}
	}
}
