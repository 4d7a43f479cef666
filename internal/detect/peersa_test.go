package detect

import (
	"encoding/base64"
	"testing"
)

// An IBM Cloud Object Storage HMAC secret is 48 hex digits under the key names AWS's
// 40-character secret uses (secret_access_key): AWS's rule refuses it by its length
// and claims the key from the generic rule, so it went unreported. Values written for
// this test.
func TestPeersAIBMCOSHMACSecret(t *testing.T) {
	h48 := "3f9a0c1d7e2b4a6c8d0e1f2a3b4c5d6e7f8091a2b3c4d5e6"
	held5Want(t, []held5Case{
		{"secret_access_key=" + h48, "ibm-cos-hmac-secret-key", h48},
		{`"secret_access_key": "` + h48 + `"`, "ibm-cos-hmac-secret-key", h48},
		{`COS_HMAC_SECRET_ACCESS_KEY = "` + h48 + `"`, "ibm-cos-hmac-secret-key", h48},
		{`ibm_cos_secret_key = "` + h48 + `"`, "ibm-cos-hmac-secret-key", h48},
		{"{\n  \"cos_hmac_keys\": {\n    \"access_key_id\": \"7d2c9e41a05b4f38b1e6c0a9d3f2e817\",\n    \"secret_access_key\": \"" + h48 + "\"\n  }\n}", "ibm-cos-hmac-secret-key", h48},
		// a run through the hex digits in the slot is still reported (anchoredPlaceholder)
		{"ibm_cos_secret_key = 1234567890abcdef1234567890abcdef1234567890abcdef", "ibm-cos-hmac-secret-key", "1234567890abcdef1234567890abcdef1234567890abcdef"},
		// AWS's 40-character secret stays AWS's
		{"aws_secret_access_key = Zx8kP2mQ7vN4rT1wY6bH3jL9cF5dS0gA2eK7uR4i", "aws-secret-access-key", "Zx8kP2mQ7vN4rT1wY6bH3jL9cF5dS0gA2eK7uR4i"},
	})
	held5Quiet(t, []string{
		"secret_access_key=" + h48[:40] + "ab",      // 42: neither
		"cos_hmac_access_key_id = " + h48,           // the key names no secret
		"secret_access_key = " + h48 + "0a1b2c3d4e", // longer than 48
	}, "ibm-cos-hmac-secret-key")
}

// The W&B CLI takes its API key by position, "wandb login [OPTIONS] [KEY]": the tool
// and subcommand name the key, in a script, a CI step or a notebook's shell escape.
// Values written for this test.
func TestPeersAWandbLogin(t *testing.T) {
	h := "7d3f0a9c2b8e41f6a05d9c3b7e2f81a4c6d09b5e"
	held5Want(t, []held5Case{
		{"wandb login " + h, "wandb-api-key", h},
		{"  - run: wandb login --relogin " + h, "wandb-api-key", h},
		{"!wandb login " + h, "wandb-api-key", h},
		{`{"source": ["!pip install wandb\n", "!wandb login ` + h + `\n"]}`, "wandb-api-key", h},
		{"wandb login --host https://wandb.acme-corp.com local-" + h, "wandb-api-key", "local-" + h},
	})
	held5Quiet(t, []string{
		"wandb login",
		"wandb login $WANDB_API_KEY",
		"wandb login " + h + "ab",     // not the key's length
		"wandb login " + h[:39] + "g", // not hex
		"mywandb login " + h,          // another tool
		"wandb sync " + h,             // another subcommand
		"wandb login 1234567890abcdef1234567890abcdef1234567x",
	}, "wandb-api-key")
}

// The words between a password's word and the mark that introduces its value in prose
// stay in one sentence: after "password combination." the next sentence's label
// ("R5:", "Note:") names something else. Values written for this test.
func TestPeersAProseSentenceEnd(t *testing.T) {
	held5Quiet(t, []string{
		"password combination. R5: Regulatory--21",
		"Choose a strong password combination. R5: Kx8-Lm2q-Zt",
		"See the password policy. Note: Kx8-Lm2q-Zt",
		"Reset your password now! Code: Kx8-Lm2q-Zt",
	}, "password-in-prose", "password-assignment")
	held5Want(t, []held5Case{
		{"the new password is Kx8-Lm2q-Zt", "password-in-prose", "Kx8-Lm2q-Zt"},
		{"the password for the guest net: Kx8-Lm2q-Zt", "password-assignment", "Kx8-Lm2q-Zt"},
		{"password for db.acme-corp.com: Kx8-Lm2q-Zt", "password-assignment", "Kx8-Lm2q-Zt"},
	})
}

// A JWT's first part decodes to a JSON object that closes: one that breaks off
// mid-object is a sample with characters dropped, no token a server issued. A header
// with a character changed inside a closed object still reads as a token. Values
// written for this test.
func TestPeersAJWTHeaderCloses(t *testing.T) {
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	payload := b64(`{"sub":"4f2a9c71","iat":1733529600,"exp":1733616000,"scope":"read write"}`)
	sig := "Qm7R2x9vLw4HbNp0Zt8kdJ3sYf6Gc1UaK5eT0oPqW2s"
	whole := b64(`{"alg":"HS256","typ":"JWT"}`) + "." + payload + "." + sig
	closedOdd := b64(`{"alg":"HS512.w"typ":"JWT"}`) + "." + payload + "." + sig
	cut := b64(`{"alg":"HS256","typ%B'`) + "." + payload + "." + sig
	held5Want(t, []held5Case{
		{"token = " + whole, "jwt", whole},
		{"token = " + closedOdd, "jwt", closedOdd},
	})
	held5Quiet(t, []string{"token = " + cut, "kontent_personal_api_key = " + cut}, "jwt")
	if !jwtHeaderCloses([]byte(`{"alg":"none"} `)) || jwtHeaderCloses([]byte(`{"alg":"HS256","typ`)) {
		t.Error("jwtHeaderCloses")
	}
}

// A value that begins with a token rule's prefix at another length is a mangled token
// of that rule and left out of the generic rules, unless it has the whole shape of a
// provider's key that opens with the same prefix but is reported only beside the
// provider's name (Lob's "live_" and 35 hex digits): then it is a key, its name just
// absent. Publishable keys ("live_pub_…") stay out. Values written for this test.
func TestPeersAPrefixedProviderShape(t *testing.T) {
	h35 := "7d3f0a9c2b8e41f6a05d9c3b7e2f81a4c6d"
	held5Want(t, []held5Case{
		{"token = 'live_" + h35 + "'", "generic-api-key", "live_" + h35},
	})
	held5Quiet(t, []string{
		"token = 'live_" + h35[:34] + "'",         // no shape of any rule or provider
		"token = 'live_pub_" + h35[:31] + "'",     // a publishable key
		"token = 'live_" + h35[:20] + "xyz" + "'", // not hex
	}, "generic-api-key")
	if !pvPrefixedFit([]byte("live_"+h35)) || pvPrefixedFit([]byte("live_pub_"+h35[:31])) {
		t.Error("pvPrefixedFit")
	}
}
