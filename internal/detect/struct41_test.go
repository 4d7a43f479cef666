package detect

import "testing"

// A holder named "<kind> keys" (securityKeys, encryptionKeys) says its members are
// secret keys whatever their own names; a column of such keys is the holder's set, not a
// table of digests. A bare "keys", or "keys" that a non-credential word qualifies, says
// nothing.
func TestStruct41KeyKindHolder(t *testing.T) {
	e := Default()
	for _, c := range []struct{ format, doc, value string }{
		{"json", `{"radio": {"securityKeys": {"S0_Old": "9A41C07E2B5D83F16E0A47BC92D5E318",` +
			` "S2_Lock": "4C7E19A0D3B2F58E61A9C04D7B3E2F95", "S2_Door": "E5206B9C1D84A37F02C6B58E9A1D3F74"}}}`,
			"4C7E19A0D3B2F58E61A9C04D7B3E2F95"},
		{"yaml", "mesh:\n  encryption_keys:\n    current: c1f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6\n    previous: 5e8a1c7d3b9f02e6a4d8c1b7e3f95a20\n",
			"5e8a1c7d3b9f02e6a4d8c1b7e3f95a20"},
		{"ini", "[signing_keys]\nalpha = Rq4Zt8Wm2Lx7Kp3Vn9Bc6Hy1\n", "Rq4Zt8Wm2Lx7Kp3Vn9Bc6Hy1"},
	} {
		if ms := scanText(e, c.format, c.doc); !hasMatch(ms, "generic-api-key", c.value) {
			t.Errorf("%q: want generic-api-key %q, got %s", c.doc, c.value, describe(ms))
		}
	}
	for _, c := range []struct{ format, doc string }{
		// a bare "keys" and index keys: ids and digests
		{"json", `{"keys": {"a": "9A41C07E2B5D83F16E0A47BC92D5E318", "b": "4C7E19A0D3B2F58E61A9C04D7B3E2F95", "c": "E5206B9C1D84A37F02C6B58E9A1D3F74"}}`},
		{"json", `{"cacheKeys": {"a": "9A41C07E2B5D83F16E0A47BC92D5E318", "b": "4C7E19A0D3B2F58E61A9C04D7B3E2F95", "c": "E5206B9C1D84A37F02C6B58E9A1D3F74"}}`},
		// a member naming metadata, and a value that is no key
		{"json", `{"securityKeys": {"algorithm": "aes-128-ccm-0123", "note": "rotated by the controller"}}`},
	} {
		for _, m := range scanText(e, c.format, c.doc) {
			if m.Rule.ID == "generic-api-key" {
				t.Errorf("%q: unexpected %s %q", c.doc, m.Rule.ID, m.Value)
			}
		}
	}
	for in, want := range map[string]string{
		"zwave.securityKeys.S0_Legacy": "security_key",
		"app.encryptionKeys.v2":        "encryption_key",
		"app.keys.v2":                  "",
		"app.sortKeys.v2":              "",
		"app.securityKeys.key_id":      "",
	} {
		if got, _ := heldName(in); got != want {
			t.Errorf("heldName(%q) = %q, want %q", in, got, want)
		}
	}
}

// A map of users to passwords ("RegisteredUsers", "basic_auth_users") holds each
// user's password under the user's name; a role, an address or a word there is none,
// and a plain "users" map says nothing.
func TestStruct41UserMap(t *testing.T) {
	e := Default()
	doc := `{"HttpPort": 8042, "RegisteredUsers": {"reader": "Tallinn-77", "ops": "Pq2xWv9LmZt4"}}`
	for _, v := range []string{"Tallinn-77", "Pq2xWv9LmZt4"} {
		if ms := scanText(e, "json", doc); !hasMatch(ms, "password-assignment", v) {
			t.Errorf("%q: want password-assignment %q, got %s", doc, v, describe(ms))
		}
	}
	for _, doc := range []string{
		`{"RegisteredUsers": {"reader": "viewer", "ops": "ops@clinic.example", "x": "read-only"}}`,
		`{"users": {"reader": "Tallinn-77"}}`,
		`{"basic_auth_users": {"username": "Tallinn-77"}}`,
	} {
		for _, m := range scanText(e, "json", doc) {
			if m.Rule.ID == "password-assignment" {
				t.Errorf("%q: unexpected %s %q", doc, m.Rule.ID, m.Value)
			}
		}
	}
	for in, want := range map[string]bool{
		"RegisteredUsers.admin": true, "web.basic_auth_users.alice": true, "app.users.alice": false, "cfg.userGroups.a": false,
	} {
		if got := userMapHolder(in); got != want {
			t.Errorf("userMapHolder(%q) = %v, want %v", in, got, want)
		}
	}
}
