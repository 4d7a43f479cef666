package detect

import "testing"

// A hand-typed password may repeat its word around the digits and the symbol: it is
// varied (many distinct characters) though its entropy is low, and a secret's or a
// key's name still keeps it. A value with few distinct characters is still refused.
func TestPolicyPasswordRepeatedWord(t *testing.T) {
	for _, v := range []string{"tulip3071#tulip", "Gravel8824+gravel", "otter5512!otter"} {
		for _, name := range []string{"secretKey", "metadata.secretkey", "signing_secret"} {
			if !foundUnder(name, v) {
				t.Errorf("%s=%q: not found", name, v)
			}
		}
	}
	for _, v := range []string{"abab1212!abab", "xxxxxx11+xxxx"} {
		if policyPassword([]byte(v)) {
			t.Errorf("policyPassword(%q) = true: too few distinct characters", v)
		}
	}
}

// Base64 that begins with '/' under a password's name is the password even without
// padding or a '+'; a path under the same name is not.
func TestSlashFirstRandomPassword(t *testing.T) {
	for _, v := range []string{"/Tq8wLm3ZpX7rKc2Vn9YbHs4Df6Gj1Ae5RuWo0Is", "/k3Pz9QmW2xRt7Lv4Nc8Bh1Jd/Ys6Fg0Ua5Ee"} {
		for _, name := range []string{"password", "wachtwoord", "metadata.db_password"} {
			if !foundUnder(name, v) {
				t.Errorf("%s=%q: not found", name, v)
			}
		}
	}
	for _, v := range []string{"/var/lib/Secrets2024/ServiceAccountKey", "/Users/Admin/Documents/Passwords2023", "/Volumes/Backup2/AppSupportFolder", "/api/v2/Sessions/Xy7Kp2Lm9Qr4Tv8Wz1"} {
		Default().ScanRecord([]Field{{Path: "user", Value: "ops"}, {Path: "password_file", Value: v}}, func(m FieldMatch) {
			t.Errorf("password_file=%q: reported %q (%s)", v, m.Value, m.Rule.ID)
		})
		Default().ScanRecord([]Field{{Path: "user", Value: "ops"}, {Path: "password", Value: v}}, func(m FieldMatch) {
			t.Errorf("password=%q: reported %q (%s)", v, m.Value, m.Rule.ID)
		})
	}
}

// foundUnder says whether the default engine reports v in a record that has it under name.
func foundUnder(name, v string) bool {
	found := false
	Default().ScanRecord([]Field{{Path: "id", Value: "4"}, {Path: name, Value: v}}, func(m FieldMatch) {
		found = found || m.Value == v
	})
	return found
}
