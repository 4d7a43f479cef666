package detect

import (
	"encoding/base64"
	"testing"
)

// TestJWTClaimsOK: a token whose claims decode to a JSON object is reported; the
// same token with its claims cut short or not JSON's object is not.
func TestJWTClaimsOK(t *testing.T) {
	b := base64.RawURLEncoding.EncodeToString
	h := b([]byte(`{"alg":"HS256","typ":"JWT"}`))
	p := b([]byte(`{"sub":"1234567890","name":"Jane","iat":1516239022}`))
	sig := "Xq9vLm2pRz7KcT4wYb8NfH3jD6gA1sE0uI5oP2qW9eR"
	ok := h + "." + p + "." + sig
	if ms := scanAll(Default(), "token = "+ok+"\n"); !hasMatch(ms, "jwt", ok) {
		t.Fatalf("whole token: got %s", describe(ms))
	}
	for _, bad := range []string{h + "." + p[:len(p)-7] + "." + sig, h + "." + p[:len(p)-8] + "." + sig,
		h + "." + b([]byte(`{"sub":"1","name":"J`)) + "fQ." + sig, h + "." + b([]byte(`["sub", 1]`)) + "." + sig} {
		if ms := scanAll(Default(), "token = "+bad+"\n"); hasRule(ms, "jwt") {
			t.Errorf("cut claims %q: got %s", bad, describe(ms))
		}
	}
}
