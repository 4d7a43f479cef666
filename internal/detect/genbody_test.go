package detect

import "testing"

// TestGeneratedBodyBase64URL: a Vault token's base64url body, split by '-' into random
// pieces about half lower case, is no stand-in of words; a body of plain words still is.
// The token was made up for this test.
func TestGeneratedBodyBase64URL(t *testing.T) {
	held5Want(t, []held5Case{
		{"aroha: hvs.CAESI6kHY8BrzwSlBuYDJW2sjScRvIzsR1qs9LyG4WMa2ah7Sjh-RvS0xve6edQNYqSCfebh-mm2fCnOoba65hbYk17",
			"hashicorp-vault-token", "hvs.CAESI6kHY8BrzwSlBuYDJW2sjScRvIzsR1qs9LyG4WMa2ah7Sjh-RvS0xve6edQNYqSCfebh-mm2fCnOoba65hbYk17"},
	})
	held5Quiet(t, []string{"VAULT_TOKEN=hvs.Your-Vault-Service-Token-Goes-Here-Please"}, "hashicorp-vault-token")
	for _, c := range []struct {
		in   string
		want bool
	}{{"your-API-key-here", true}, {"Token_Goes_Here", true}, {"RvS0xve6edQNYqSCfebh-mm2f-Cn0o", false}, {"abcDef-ghiJkl-mnoPqr", false}} {
		if got := plainWordy([]byte(c.in)); got != c.want {
			t.Errorf("plainWordy(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
