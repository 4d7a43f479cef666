package detect

import (
	"fmt"
	"testing"
)

// TestKeyMemo: the memo's answer for a key is the key test's own, for every rule with
// a key test, whether the key is met the first time, again, or after other keys took
// its slot; keys of the same length that differ in one byte are told apart.
func TestKeyMemo(t *testing.T) {
	e := Default()
	var specs []*kvSpec
	for _, s := range e.kvd.specs() {
		if s.keyOK != nil && s.rule != nil {
			specs = append(specs, s)
		}
	}
	if len(specs) < 5 {
		t.Fatalf("%d rules with a key test", len(specs))
	}
	keys := []string{"password", "passwore", "api_key", "api_kez", "API_KEY", "apiKey", "secret_id", "vault_secret_id",
		"discord_client_id", "discord_channel_id", "auth", "phone", "session_cookie", "max_tokens", "token", "aws_secret_access_key",
		"encryption_primary_key", "x_key", "user_salt", "hash_salt", "npm_token", "_authToken", "db_password2"}
	for i := range 600 {
		keys = append(keys, fmt.Sprintf("k%d_secret", i), fmt.Sprintf("field_%d", i))
	}
	sc := e.pool.New().(*scanner)
	yes := 0
	for round := range 2 {
		for _, k := range keys {
			key := []byte(k)
			for _, s := range specs {
				want := s.keyOK(keySegments(key, nil, nil))
				var segs [][]byte
				done := false
				if got := sc.keyOK(s, key, &segs, &done); got != want {
					t.Fatalf("round %d, %s, key %q: memo says %v, the test %v", round, s.rule.ID, k, got, want)
				}
				if want {
					yes++
				}
			}
		}
	}
	if yes == 0 {
		t.Fatal("no key passed any test: the test shows nothing")
	}
}
