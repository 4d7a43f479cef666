package detect

import "testing"

// TestURIReferencePassword: a password key holding a secret manager's or a store's
// reference (scheme://…) reports nothing; the same key holding a password does.
func TestURIReferencePassword(t *testing.T) {
	for _, v := range []string{"op://vault/item/field", "s3://bucket/creds/pw.txt", "bws://1234", "k8s-secret://ns/name/key",
		"secretsmanager://prod/db", "gcpsm://proj/pw"} {
		for _, text := range []string{"DB_PASSWORD=" + v + "\n", "password: \"" + v + "\"\n"} {
			if ms := scanAll(Default(), text); hasRule(ms, "password-assignment") {
				t.Errorf("%q: got %s", text, describe(ms))
			}
		}
	}
	for _, v := range []string{"Kx9#mP2vQ7wZ", "op:/Kx9mP2vQ7wZ", "9op//Kx9mP2vQ7"} {
		text := "DB_PASSWORD=" + v + "\n"
		if ms := scanAll(Default(), text); !hasMatch(ms, "password-assignment", v) {
			t.Errorf("%q: want password-assignment %q, got %s", text, v, describe(ms))
		}
	}
}

func hasRule(ms []Match, rule string) bool {
	for _, m := range ms {
		if m.Rule.ID == rule {
			return true
		}
	}
	return false
}
