package detect

import (
	"encoding/base64"
	"testing"
)

// TestTreeRound10Classes: the classes of false positives found by triaging every
// non-test secret finding of the Go module cache, the Cloud SDK and the npm cache at
// main d7c15c4. Each example text must yield no secret; each leak text, the same text
// with only the signal the class reads changed, must still yield its rule and value.
func TestTreeRound10Classes(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	secret := func(user, pw string) string {
		return "apiVersion: v1\nkind: Secret\ntype: Opaque\ndata:\n  adminUser: \"" + b64([]byte(user)) +
			"\"\n  adminPassword: \"" + b64([]byte(pw)) + "\"\n"
	}
	blockDoc := func(open string) string {
		return "/*\n" + open + " talks to the broker.\n\nQuote values that hold blanks:\n\n" +
			"    \"user=relay password='two words'\"\n*/\npackage relay\n"
	}
	lineDoc := func(open string) string {
		return "// " + open + " talks to the broker.\n//\n// Quote values that hold blanks:\n//\n" +
			"//\t\"user=relay password='two words'\"\npackage relay\n"
	}
	checkTreeClasses(t, []treeClassCase{
		{class: "a package-qualified exception class after a key word in an error message (storage.replay's decoded base64)",
			example: "The object is encrypted by a customer-supplied encryption key.: com.google.net.rpc3.RpcException: cloud.bigstore\n",
			leak:    "The object is encrypted by a customer-supplied encryption key.: cOm.gOOgle.nEt.rpc3.RpcException: cloud.bigstore\n",
			rule:    "generic-api-key", value: "cOm.gOOgle.nEt.rpc3.RpcException:"},
		{class: "a value spelt only from hex words",
			example: "relay:\n  password: deadc0de:feedface\n",
			leak:    "relay:\n  password: d3adc0de:feedface\n",
			rule:    "password-assignment", value: "d3adc0de:feedface"},
		{class: "a metasyntactic name with digits as a URL's password",
			example: "mc alias set east http://operator:xyzzy42@10.2.0.7:9000\n",
			leak:    "mc alias set east http://operator:zephyr42@10.2.0.7:9000\n",
			rule:    "url-credentials", value: "zephyr42"},
		{class: "a password that is the user name given before it, in Markdown emphasis",
			example: "Open the console and log in with the default credentials: [**_username: curator, password: curator_**]\n",
			leak:    "Open the console and log in with the default credentials: [**_username: curator, password: quillon_**]\n",
			rule:    "password-assignment", value: "quillon_**"},
		{class: "a password that is the user name of the line above with digits added",
			example: "```sh\nexport VAULTD_ROOT_USER=heron\nexport VAULTD_ROOT_PASSWORD=heron77\nvaultd serve /data\n```\n",
			leak:    "```sh\nexport VAULTD_ROOT_USER=heron\nexport VAULTD_ROOT_PASSWORD=wrenly77\nvaultd serve /data\n```\n",
			rule:    "password-assignment", value: "wrenly77"},
		{class: "a password that is a word of its own key",
			example: "services:\n  dir:\n    environment:\n      ARCHIVE_OPERATOR_PASSWORD: \"operator\"\n",
			leak:    "services:\n  dir:\n    environment:\n      ARCHIVE_OPERATOR_PASSWORD: \"ganymede\"\n",
			rule:    "password-assignment", value: "ganymede"},
		{class: "padded base64 whose whole text is a stand-in",
			example: secret("operator", "sample-pw1"), leak: secret("operator", "Tq7-vexen9"),
			rule: "password-assignment", value: b64([]byte("Tq7-vexen9"))},
		{class: "an indented sample in a Go package comment (/* */)",
			example: blockDoc("Package relay"), leak: blockDoc("Relay"),
			rule: "password-assignment", value: "two words"},
		{class: "an indented sample in a Go package comment (//)",
			example: lineDoc("Package relay"), leak: lineDoc("Relay"),
			rule: "password-assignment", value: "two words"},
		{class: "a digest table's first column (hex of one case, two blanks, a path)",
			example: "9f2c4e8a1b7d3f605e9c2a4b8d1f7e3c  usr/lib/relay/connectors/bitbucket_server.yaml\n" +
				"4b8e1d7f3a9c2e605f1d8b4a7c3e9f2d  usr/lib/relay/connectors/github.yaml\n",
			leak: "9f2c4e8a1b7d3f605e9c2a4b8d1f7e3c  usr/lib/relay/connectors/bitbucket_server.yaml\n" +
				"4b8e1d7f3a9c2e605f1d8b4A7c3e9f2d  usr/lib/relay/connectors/github.yaml\n",
			rule: "bitbucket-client-secret", value: "4b8e1d7f3a9c2e605f1d8b4A7c3e9f2d"},
		{class: "a service table's port and protocol under a secret's key word",
			example: "telemetry\t3177/tcp\t0.000031\t# relay feed\ncommunity\t3177/tcp\t0.000031\t# relay feed\n",
			leak:    "telemetry\t3177/tcp\t0.000031\t# relay feed\ncommunity\t3177/tcq\t0.000031\t# relay feed\n",
			rule:    "generic-api-key", value: "3177/tcq"},
		{class: "a pattern's capture of anything",
			example: "rules:\n  - name: banner\n    password: \"(.-)\"\n",
			leak:    "rules:\n  - name: banner\n    password: \"(x-)\"\n",
			rule:    "password-assignment", value: "(x-)"},
		{class: "a passwd(5) entry whose password field is x",
			example: "# /etc/passwd: relayd:x:120:130:Relay Daemon\n",
			leak:    "# /etc/passwd: relayd:Qz8w:120:130:Relay Daemon\n",
			rule:    "password-assignment", value: "relayd:Qz8w:120:130:Relay"},
		{class: "an absolute file path after a password's name in prose",
			example: "Relay-k erabiltzaile-izen eta pasahitzak /var/relaydb2 datu-basean gorde ditzake.\n",
			leak:    "Relay-k erabiltzaile-izen eta pasahitzak /var/relayDB2 datu-basean gorde ditzake.\n",
			rule:    "password-assignment", value: "/var/relayDB2"},
		{class: "find(1)'s -print0 is no option -p",
			example: "#!/bin/sh\nfind $mysql_logdir ! -uid 0 -print0 -or ! -gid 0 -print0 | xargs -0 -r chown 0:0\n",
			leak:    "#!/bin/sh\nfind $mysql_logdir ! -uid 0 -prant0 -or ! -gid 0 -prant0 | xargs -0 -r chown 0:0\n",
			rule:    "password-assignment", value: "rant0"},
	})
}

// TestTreeRound10Shapes: the value grammars of the round, on their edges.
func TestTreeRound10Shapes(t *testing.T) {
	for _, c := range []struct {
		name string
		got  bool
		want bool
	}{
		{"hex words joined", hexspeak("deadbeef-cafebabe"), true},
		{"short hex words only", hexspeak("deadbeef"[:4] + "cafe"), false},
		{"a hex word and random hex", hexspeak("deadbeef:9c41e07a"), false},
		{"a metasyntactic name alone", metasyntactic([]byte("Quux")), true},
		{"a name holding one", metasyntactic([]byte("foolish1")), false},
		{"stems with user and pass are left to uri.go", echoes("ledgeruser", "ledgerpass"), false},
		{"the user's name with digits", echoes("ledger", "ledger"), true},
		{"a user with punctuation is no word", echoes("op-erator", "operator"), false},
		{"a digest with ': ' and a name", digestColumn([]byte("89AB32FCC47CF4CA3FAADB0CFDEF89CF: Relay DVR\n"), 0, 32), true},
		{"a digest inside a line", digestColumn([]byte("x 89AB32FCC47CF4CA3FAADB0CFDEF89CF  a/b\n"), 2, 34), false},
		{"a salt's random punctuation holding [^", patternSyntax([]byte("Qe<Hk>}R5^[^w_Z;m2")), false},
		{"an escaped line break", patternSyntax([]byte(`^Server: relay\r\n`)), true},
		{"a path with a capital", filePath([]byte("/etc/Sasl")), false},
		{"a path of one segment", filePath([]byte("/relaydb")), false},
		{"a home directory among colon fields", passwdEntry([]byte("relayd:*:120:130::/var/lib/relayd:/usr/sbin/nologin")), true},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}
