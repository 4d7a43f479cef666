package detect

import "testing"

// A map of credentials keyed by what each is for ({"secrets": {"github": …}},
// passwords.admin, api_keys[stripe]) names the credential in its holder: the value is
// found as under the holder's noun. Settings kept beside them (min_length, hashing,
// expires_at), a list's index, "keys" (ids and public keys as often), and values that
// are words or resource paths are not.
func TestHolderNamesTheCredential(t *testing.T) {
	gen := "Pw8cT3nZq5Lr0Xv7Km2Hd9Bs4Fy6Ja1G"
	pw := "Lagoon2019!Wren"
	for _, c := range []struct {
		path, value string
		want        bool
	}{
		{"secrets.github", gen, true},
		{"integrations/secrets/slack_bot", gen, true},
		{"passwords.admin", pw, true},
		{"passwords.replica", gen, true},
		{"tokens.refresh", gen, true},
		{"credentials.prod", gen, true},
		{"creds:staging", gen, true},
		{"api_keys[stripe]", gen, true},
		{"apiKeys.mailer", gen, true},
		{"passwords.min_length", gen, false},
		{"passwords.hashing", "Argon2id19", false},
		{"tokens.expires_at", gen, false},
		{"keys.primary", gen, false},
		{"passwords.admin", "enabled", false},
		{"passwords.reset_mail", "strict", false},
		{"secrets.github", "github-credentials", false},
		{"tokens.refresh", "projects/4417/secrets/refresh/versions/latest", false},
		{"settings.github", gen, false}, // no holder noun
		{"domain.disk.auth.secret.uuid", "3dae763c-027e-4777-b31e-3e522ecf487b", false},
		{"secrets.signing.thumbprint", gen, false},
	} {
		rec := []Field{{Path: "id", Value: "8"}, {Path: "region", Value: "eu-central-1"}, {Path: c.path, Value: c.value}}
		got := false
		Default().ScanRecord(rec, func(m FieldMatch) {
			if m.Value == c.value {
				got = true
			}
		})
		if got != c.want {
			t.Errorf("%s = %q: found %v, want %v", c.path, c.value, got, c.want)
		}
	}
}

// A sub-document a sampler hands over as JSON text is read member by member: the
// object's text as a whole is no value of the field's name (a "passwords" column
// holding {"admin": …, "hashing": …} was reported whole, as a password).
func TestObjectFieldIsNoValue(t *testing.T) {
	obj := `{"admin": "Lagoon2019!Wren", "hashing": "Argon2id19"}`
	for _, name := range []string{"passwords", "password", "credentials"} {
		var got []string
		Default().ScanRecord([]Field{{Path: "tenant", Value: "north"}, {Path: name, Value: obj}}, func(m FieldMatch) {
			got = append(got, m.Path+"="+m.Value)
		})
		if len(got) != 1 || got[0] != name+".admin=Lagoon2019!Wren" {
			t.Errorf("%s: got %q, want only %s.admin", name, got, name)
		}
	}
}
