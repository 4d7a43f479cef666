package detect

import (
	"strings"
	"testing"
)

// The classes of round peers41 (trufflehog's and gitleaks' own test cases, read with
// tools/peercases). The strings are written for this test.

// An Authorization header whose value is the key itself, with no scheme word: many
// APIs take their key that way. A scheme followed by its parameters, a variable, a
// template and a short or made-up value are not one.
func TestPeers41BareAuthorization(t *testing.T) {
	tok := "Wq7Lm2Tz9Rb4Kx8Vn3Pd6Hs1"
	id := "7c2e1b8d-4f6a-4c5e-9b7d-2a4f8c1e3b6d"
	held5Want(t, []held5Case{
		{`Authorization: ` + id, "bearer-token", id},
		{`curl -s --header 'Authorization:  ` + id + `' https://api.internal/v2/items`, "bearer-token", id},
		{`headers = {"Authorization": "` + tok + `"}`, "bearer-token", tok},
		{`{'Authorization': '` + tok + `', 'Accept': 'application/json'}`, "bearer-token", tok},
		{`"Authorization: ` + tok + `\r\n"`, "bearer-token", tok},
	})
	held5Quiet(t, []string{
		`Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request`,
		`Authorization: Digest username="ops", realm="api", nonce="7c2e1b8d4f6a4c5e"`,
		`headers = {"Authorization": token}`,
		`Authorization: {{ api_token }}`,
		`Authorization: YOUR_API_KEY_GOES_HERE`,
		`Authorization: ${API_TOKEN}`,
		`Authorization: abc123`,
		`the Authorization: header carries the key`,
	}, "bearer-token")
}

// Provider formats the peers' cases showed missing: Fly.io's first macaroon tokens
// (fm1r_/fm1a_, whose base64 holds runs of "A"), Flutterwave secret keys with any
// lower-case body in their frame, Checkout.com's UUID secret keys, Sourcegraph's
// 40-hex tokens under its name, Zulip Cloud's name (zulipchat).
func TestPeers41ProviderFormats(t *testing.T) {
	fly := "fm1r_lJPEAAAAAAAAAbQx7Vm2Kp9Tz4Rw8Ln3Hd6Sg1Fc5Yb0Ue7Io2Pa9Zs4Xq8Mn3Bv6Cx1Dl5Kj0Hg7Tf2Re9Wd4Qs8Ea3"
	fw := "FLWSECK-q4m9tz2kw8vplr7x3b6n5c1d0fgh8jyu-X"
	co := "sk_test_5f2c8a1e-7b3d-4e9f-a6c0-1d8e4b7a2f9c"
	sg := "9e4c1a7f3b8d2e6a0c5f9b1d7e3a8c4f2b6d0e9a"
	zu := "Hq2Wz8Lm4Tn7Rb1Kx9Vp3Sd6Fg0Jy5Uc"
	held5Want(t, []held5Case{
		{`FLY_API_TOKEN="FlyV1 ` + fly + `"`, "fly-macaroon-token", fly},
		{`flutterwave_secret: "` + fw + `"`, "flutterwave-secret-key", fw},
		{`CHECKOUT_SECRET_KEY=` + co, "checkout-secret-key", co},
		{`sourcegraph: ` + sg, "sourcegraph-api-key", sg},
		{`zulipchat api key: ` + zu, "zulip-api-key", zu},
	})
	held5Quiet(t, []string{
		`fm1r_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
		`FLWSECK-q4m9tz2kw8vplr7x3b6n5c1d0fgh8jyu`,
		`task_5f2c8a1e-7b3d-4e9f-a6c0-1d8e4b7a2f9c`,
	}, "fly-macaroon-token", "flutterwave-secret-key", "checkout-secret-key")
	// a commit in a Sourcegraph URL is no token
	held5Quiet(t, []string{`https://github.com/sourcegraph/sourcegraph/commit/` + sg}, "sourcegraph-api-key")
}

// A Docker auth value that starts like "_json_key" but is cut off at any length (no
// multiple of four) must be decoded without a panic and is no finding.
func TestPeers41JSONKeyAuthCut(t *testing.T) {
	full := gcpJSONKeyAuthExample(false)
	i := strings.Index(full, "X2pzb25fa2V5")
	for n := i + 250; n < i+262; n++ {
		in := full[:n]
		for _, m := range scanAll(Default(), in) {
			if m.Rule.ID == "gcp-json-key-docker-auth" {
				t.Errorf("cut at %d: unexpected %s", n, m.Rule.ID)
			}
		}
	}
	if !gcpJSONKeyAuth([]byte(full[i:strings.LastIndex(full, `"`)])) {
		t.Errorf("the whole auth value is not read as a key")
	}
}
