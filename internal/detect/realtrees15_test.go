package detect

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

// signHS256 returns a JWT of the claims signed with HMAC-SHA256 under key.
func signHS256(claims, key string) string {
	enc := base64.RawURLEncoding
	s := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims))
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(s))
	return s + "." + enc.EncodeToString(mac.Sum(nil))
}

// TestTreeRound15Classes: each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound15Classes(t *testing.T) {
	claims := `{"user":"alice","azp":"alice","subordinates":[],"hr":false}`
	sample, real := signHS256(claims, "secret"), signHS256(claims, "k3Pq8Zr2Wm6Tx9Lv4Nc7")
	env := func(tok string) string { return "```shell\nexport ALICE_TOKEN=\"" + tok + "\"\n```\n" }
	checkNamedTreeClasses(t, "README.md", []treeClassCase{
		{class: "a JWT signed with the sample key secret", example: env(sample), leak: env(real), rule: "jwt", value: real},
		{class: "a JWT signed with jwt.io's default key", example: env(signHS256(claims, "your-256-bit-secret")),
			leak: env(signHS256(claims, "your-256-bit-secret2")), rule: "jwt", value: signHS256(claims, "your-256-bit-secret2")},
	})
	field := func(typ string) string {
		return "type Options struct {\n\tauthV1Client " + typ + "\n\n\tctx context.Context\n}\n"
	}
	op := func(v string) string { return "const (\n\tecrGetAuthorizationTokenTarget = \"" + v + "\"\n)\n" }
	flags := func(v string) string {
		return "\tif f.Password != nil {\n\t\toverrides.AuthInfo.Password = " + v + "\n\t}\n"
	}
	checkNamedTreeClasses(t, "opts.go", []treeClassCase{
		{class: "a struct field and its qualified type", example: field("authenticationv1client.AuthenticationV1Interface"),
			leak: field("xq8Rk2Zp7Tw4.Vn3LmQ9cXs6Yb"), rule: "generic-api-key", value: "xq8Rk2Zp7Tw4.Vn3LmQ9cXs6Yb"},
		{class: "an API operation's qualified name", example: op("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken"),
			leak: op("AmazonEC2ContainerRegistry_V20150921.Gq7RtkZw9PmXc2"), rule: "generic-api-key",
			value: "AmazonEC2ContainerRegistry_V20150921.Gq7RtkZw9PmXc2"},
		{class: "a selector naming a password field", example: flags("*f.Password"), leak: flags("Zt8qW2mR5kLx"),
			rule: "password-assignment", value: "Zt8qW2mR5kLx"},
	})
}

// TestExportedWords: camel-case names of words, with versions between them, and shapes
// a random token takes.
func TestExportedWords(t *testing.T) {
	for s, want := range map[string]bool{"AuthenticationV1Interface": true, "AuthenticationV1alpha1Interface": true,
		"GetAuthorizationToken": true, "Verify": false, "Vn3LmQ9cXs6Yb": false, "XkcdTrn": false, "JzfQuOxe": false,
		"Gq7RtkZw9PmXc2": false, "SelfSubjectReview": true} {
		if got := exportedWords([]byte(s)); got != want {
			t.Errorf("exportedWords(%q) = %v, want %v", s, got, want)
		}
	}
}
