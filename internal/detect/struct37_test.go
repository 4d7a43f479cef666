package detect

import (
	"strings"
	"testing"
)

// A tab-separated export with a note under it (a blank line, '#' comment lines) is
// still a table: its header names the password column.
func TestStruct37TabTableWithNotes(t *testing.T) {
	tables := []string{
		"uid\tlogin\tpasswd\tshell\n101\tmira\tQv7!tern22\t/bin/sh\n102\tosk\tBx4lark#90\t/bin/bash\n\n# exported by tool 2.1\n# host=alpha\n",
		"Id\tLabel\tPassword\tNotes\n1\tfront gate\t730145\tnone\n2\tgarage\t551902\tnone\n3\tshed\t118374\tn/a\n# end of list\n",
	}
	for _, tb := range tables {
		if !tabTable([]byte(tb)) {
			t.Errorf("not read as a table: %q", tb)
		}
	}
	for _, no := range []string{
		"a\tb\tc\nx\ty\tz\nsome prose line\nanother prose line\nmore prose\nand more\n",
		"one line only\n",
	} {
		if tabTable([]byte(no)) {
			t.Errorf("read as a table: %q", no)
		}
	}
	var got []string
	ScanDocument(Default(), "", []byte(tables[0]), func(m LineMatch) {
		if m.Rule.ID == "password-assignment" {
			got = append(got, m.Value)
		}
	})
	if strings.Join(got, ",") != "Qv7!tern22,Bx4lark#90" {
		t.Errorf("tab table with notes: got %v", got)
	}
}

// A PEM block commented out line by line is read through its comment marks.
func TestStruct37CommentedPEM(t *testing.T) {
	body := []string{"MIIEowIBAAKCAQEAq8Zr2mV1xT4pL9sW3dNb7YcKf0uJh5eR6gQ1tPz8nXoC4lBv",
		"Hd2Ks9Wm3Qp7Rt5Lx1Zc8Vb4Nf6Gj0Ya2Ue9Io7Pk3Ms5Dh1Fw8Eq4Ri6Tl2Yn0Cb",
		"Xu7Ga3Jv9Ow5Sz1Km8Lp4Nd6Hf2Qc0Re7Tb3Vy9Iu5Mx1Wn8Gk4Zs6Ej2Ao0Pl7Dv"}
	for _, lead := range []string{"# ", "// ", "-- ", "; ", " * ", "#"} {
		in := lead + "-----BEGIN RSA PRIVATE KEY-----\n"
		for _, b := range body {
			in += lead + b + "\n"
		}
		in += lead + "-----END RSA PRIVATE KEY-----\n"
		found := false
		for _, m := range scanAll(Default(), in) {
			if m.Rule.ID == "private-key-rsa" && strings.Contains(m.Value, body[2]) {
				found = true
			}
		}
		if !found {
			t.Errorf("lead %q: commented key not read whole: %s", lead, describe(scanAll(Default(), in)))
		}
	}
	for _, in := range []string{"x = 1 # -----BEGIN RSA PRIVATE KEY-----\n", "abc -----BEGIN"} {
		if pemLead([]byte(in), strings.Index(in, "-----BEGIN")) != nil {
			t.Errorf("%q: a lead read where the line does not start with a comment mark", in)
		}
	}
}

// PINs and access codes are passwords under names that say neither.
func TestStruct37CodeNames(t *testing.T) {
	held5Want(t, []held5Case{
		{`const USER_PIN = "48213907";`, "password-assignment", "48213907"},
		{`{"doorCode": "7H4K2Q"}`, "password-assignment", "7H4K2Q"},
		{"alarm_code: 90417\n", "password-assignment", "90417"},
		{`<gateCode>ZK5531</gateCode>`, "password-assignment", "ZK5531"},
		{`$admin_pin = 'rook.vale83';`, "password-assignment", "rook.vale83"},
		{"SIM_PIN=4471", "password-assignment", "4471"},
		{`access-code = "Q2W7-9XKL"`, "password-assignment", "Q2W7-9XKL"},
		{"[lock]\npin_code = \"20931\"\n", "password-assignment", "20931"},
	})
	h11Quiet(t, []string{
		"LED_PIN = 13", `BUTTON_PIN = "GPIO17"`, `RESET_PIN = 27`, `cert_pin = "sha256/Yh7c0rQ2PzWk9b1v3u5T8m6nJx4sA0dLfEgHiKlMnOp="`,
		`"accessCode": "none"`, `door_code: true`, "const IDC_PIN = 32671", "CKF_EXCLUDE_PIN = 0x00000010L;",
		`"safety_pin": "\U0001f9f7",`, `pin_version = "3.2.1"`, "PIN\tName\n", `spi_cs_pin: 5`, "ap_pin=04226931\n", `io_pin = "77410032"`,
	})
	for _, k := range []string{"pin", "mapping", "pins", "pinned_version", "led_pin", "code", "country_code"} {
		if codeCredKeyBytes([]byte(k)) {
			t.Errorf("%q read as a code's name", k)
		}
	}
}

// An HTTP header's "X-" does not hide what the header names; a word two places before
// "secret" does not make the secret public.
func TestStruct37HeaderAndPublicWords(t *testing.T) {
	v := "Rb7mQ2xT9kLp4Wz8Nc3Vh6Yd1Fs5Jg0Ue"
	held5Want(t, []held5Case{
		{`curl -s -H "X-Upload-Key: ` + v + `" https://files.internal/up`, "generic-api-key", v},
		{`wget --header='X-Ingest-Key: ` + v + `' https://logs.internal/`, "generic-api-key", v},
		{`req.Header.Set("X-Relay-Key", "` + v + `")`, "generic-api-key", v},
		{`Settings[:public_app_secret] = "` + v + `"`, "generic-api-key", v},
		{`PUBLIC_CLIENT_SECRET=` + v, "generic-api-key", v},
	})
	held5Quiet(t, []string{
		`publicKey: "` + v + `"`, `"public_token": "` + v + `"`, `X-Cache-Key: 7f3a9c`,
	}, "generic-api-key")
}

// make's "NAME += value" appends a word to a variable: an unquoted value is read there,
// not in code's "x += y".
func TestStruct37MakeAppend(t *testing.T) {
	held5Want(t, []held5Case{
		{"SMTP_PASSWORD += Wq8!marsh71\n", "password-assignment", "Wq8!marsh71"},
		{"DEPLOY_TOKEN\t+= Hc4Tz9Lq2Rv7Xm1Bn6Kd3Fs8Yp0Wg5Ja\n", "generic-api-key", "Hc4Tz9Lq2Rv7Xm1Bn6Kd3Fs8Yp0Wg5Ja"},
	})
	h11Quiet(t, []string{
		"CFLAGS += -O2 -Wall\n", "DB_PASSWORD += $(EXTRA_PW)\n", "    password += chunk\n",
		"api_token += suffix;\n", "TOKEN += nextToken;\n",
	})
}

// A name,value table written as CSV in text no CSV reader parsed: the row's first cell
// names the value in its second.
func TestStruct37NameValueRows(t *testing.T) {
	held5Want(t, []held5Case{
		{"Setting,Value\nhost,db3.internal\nsmtp_pass,Gull$ward772\n", "password-assignment", "Gull$ward772"},
		{"key,value\r\nSESSION_SECRET,\"Mv3Qx8Tz1Kp6Wr9Ly4Nc7Bd2Hf5Js0Ga\"\r\n", "generic-api-key", "Mv3Qx8Tz1Kp6Wr9Ly4Nc7Bd2Hf5Js0Ga"},
		{"\"name\",\"val\"\nretries,3\nadmin_password,Fjord-7731!x\n", "password-assignment", "Fjord-7731!x"},
	})
	h11Quiet(t, []string{
		"db_password,Gull$ward772\n",                                    // no header
		"name,value,comment\ndb_password,Gull$ward772,old\n",            // three cells
		"user,role\nadmin_password,Gull$ward772\n",                      // the header names no values
		"name,value\nnotes, here, and more\ndb_password,Gull$ward772\n", // not one table
	})
}

// A wireless network's key under a network word and a word for key, in any language
// the lexicon knows, is a password.
func TestStruct37WifiKey(t *testing.T) {
	held5Want(t, []held5Case{
		{`wifi_key = "Tr0ut-lake88"`, "password-assignment", "Tr0ut-lake88"},
		{"WLAN_KEY=Fjord5523x\n", "password-assignment", "Fjord5523x"},
		{"wlan_schluessel: Quark7719\n", "password-assignment", "Quark7719"},
		{`{"chave_wifi": "mangue#2291"}`, "password-assignment", "mangue#2291"},
	})
	h11Quiet(t, []string{`wifi_ssid = "HomeNet5"`, `wifi_key_mgmt = "WPA-PSK"`, `{"wifi_key": "none"}`, "wifi_enabled = true"})
	for _, k := range []string{"wifi_ssid", "cache_key", "wifi", "key_wifi_ssid_list"} {
		var buf [12][]byte
		var text [maxKeyLen]byte
		if wifiKey(keySegments([]byte(k), buf[:0], text[:0])) {
			t.Errorf("%q read as a wireless key", k)
		}
	}
}

// KeyValues lines: a quoted key, blanks, a quoted value.
func TestStruct37QuotedPairs(t *testing.T) {
	held5Want(t, []held5Case{
		{"\"Config\"\n{\n\t\"shared_secret\"\t\"/Nq4Vx8Lm2Tz6Rb0Kc9Hw3Yd7Q0=\"\n}\n", "generic-api-key", "/Nq4Vx8Lm2Tz6Rb0Kc9Hw3Yd7Q0="},
		{"  \"rcon_password\"   \"Ember!4471q\"\n", "password-assignment", "Ember!4471q"},
	})
	h11Quiet(t, []string{
		"\t\"password\"\t\"\"\n", "\t\"password\"\t\"%PASSWORD%\"\n",
		`x = "password" "Ember!4471q"` + "\n", // not a line of its own
	})
}

// A template's "@NAME@" and "@@NAME@@" markers are placeholders.
func TestStruct37AtMarkers(t *testing.T) {
	h11Quiet(t, []string{
		"\t\"password\"\t\"@@PASSWORD@@\"\n", "db_password = @DB_PASSWORD@\n", `{"api_secret": "@@api.secret@@"}`,
	})
	held5Want(t, []held5Case{{`db_password = "@rk7!Lm2q@"`, "password-assignment", "@rk7!Lm2q@"}})
	for _, v := range []string{"@@PASSWORD@@", "@db_pass@", "@@x-y.z1@@"} {
		if !atMarker([]byte(v)) {
			t.Errorf("%q not read as a marker", v)
		}
	}
	for _, v := range []string{"@rk7!lm2q@", "@@", "@a@", "user@example.com", "@@@@"} {
		if atMarker([]byte(v)) {
			t.Errorf("%q read as a marker", v)
		}
	}
}
