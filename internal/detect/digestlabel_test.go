package detect

import "testing"

// TestLabeledDigest: a module's or an archive's digest after its algorithm's label is
// no provider's key however near the provider's name; the same characters under the
// provider's key are.
func TestLabeledDigest(t *testing.T) {
	v := "zc5exVPKm2tP2Qh81sm2JnI1POsMv17lPPJgA2kv3Qa"
	for _, text := range []string{
		"github.com/contentful/contentful-go v1.2.3 h1:+" + v + "=\n",
		"contentful/contentful-go v1.2.3/go.mod h1:" + v + "=\n",
		"docker pull contentful/agent@sha256:" + v + "\n",
	} {
		if ms := scanAll(Default(), text); hasRule(ms, "contentful-delivery-token") {
			t.Errorf("%q: got %s", text, describe(ms))
		}
	}
	text := "contentful:\n  token: \"" + v + "\"\n"
	if ms := scanAll(Default(), text); !hasMatch(ms, "contentful-delivery-token", v) {
		t.Errorf("%q: want contentful-delivery-token, got %s", text, describe(ms))
	}
}
