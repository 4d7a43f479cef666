package detect

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
)

// TestTreeRound12Classes: the classes of false positives found by triaging every
// non-test secret finding of the module cache, the Cloud SDK, nmap, dpkg and the npm
// cache at main 22cc1a6. Each example text must yield no secret; each leak text, the
// same text with only the signal the class reads changed, must still yield its rule and
// value.
func TestTreeRound12Classes(t *testing.T) {
	// 128 bytes of stand-in ciphertext (an RSA-1024 block), written out as a CI's
	// encryption tool prints it.
	var block []byte
	for h := sha256.Sum256([]byte("relay")); len(block) < 128; h = sha256.Sum256(h[:]) {
		block = append(block, h[:]...)
	}
	cipher := base64.StdEncoding.EncodeToString(block)
	deploy := func(key string) string {
		return "deploy:\n  provider: pypi\n  user: relaybot\n  password:\n    " + key + ": \"" + cipher + "\"\n  on:\n    tags: true\n"
	}
	checkNamedTreeClasses(t, "deploy.yml", []treeClassCase{
		{class: "a CI's encrypted variable under the key secure",
			example: deploy("secure"), leak: deploy("value"),
			rule: "password-assignment", value: cipher},
	})
}

// TestCISecureValue: the key and the value's shape on their edges.
func TestCISecureValue(t *testing.T) {
	long := "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w"
	bent := long[:30] + "!" + long[31:]
	for _, c := range []struct {
		line, value string
		want        bool
	}{
		{"    secure: \"" + long + "\"", long, true},
		{"  - secure: " + long, long, true},
		{"\"secure\": \"" + long + "\"", long, true},
		{"{\"secure\": \"" + long + "\"", long, false}, // the key is not the line's first word
		{"    insecure: " + long, long, false},
		{"    secure: hunter2hunter2", "hunter2hunter2", false}, // short: judged as before
		{"    secure: " + bent, bent, false},                    // not base64
	} {
		i := strings.LastIndex(c.line, c.value)
		if got := ciSecureValue([]byte(c.line), i, i+len(c.value)); got != c.want {
			t.Errorf("ciSecureValue(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
