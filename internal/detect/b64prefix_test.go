package detect

import "testing"

// TestBase64PrefixedTokens: a provider's token written in base64 in plain text (no parsed
// field holds it) is decoded and reported, with the decoded token as its value; base64
// that only continues a longer run, or decodes to no token, is not. The tokens were
// made up for this test.
func TestBase64PrefixedTokens(t *testing.T) {
	held5Want(t, []held5Case{
		// kubectl get secret app -o jsonpath='{.data.NETLIFY_AUTH_TOKEN}' (nfp_Q7mZ…)
		{"NETLIFY_AUTH_TOKEN: bmZwX1E3bVoya1Y5eFI0dEw4cFczbkI2Y0gxakY1c0QwZ1kyYUU3dQ==",
			"netlify-token", "nfp_Q7mZ2kV9xR4tL8pW3nB6cH1jF5sD0gY2aE7u"},
		// an audit log's Secret, its JSON broken over lines; encoded with echo's newline
		{`"requestObject":{"kind":"Secret","data":{"k":"cHBseC1IcTNWbjhMcjJUeDZXbTlLYzRaYjdZZDFGczVHajBQYThVZTNSaTZObzJYa1E0d0UK"}},`,
			"perplexity-api-key", "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"},
	})
	held5Quiet(t, []string{
		"blob: xbmZwX1E3bVoya1Y5eFI0dEw4cFczbkI2Y0gxakY1c0QwZ1kyYUU3dQ==", // not the run's start
		"NETLIFY_AUTH_TOKEN: bmZwX1E3bVoya1Y5eFI0dA==",                    // nfp_Q7mZ2kV9xR4t: too short
	}, "netlify-token")
}
