package detect

import "testing"

// TestKingfisherCaseClasses: classes that the tuning half (A) of Kingfisher's rule
// examples showed missing (issue 11). Every string is written here; each class has a
// near miss that must stay quiet.
func TestKingfisherCaseClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a setting whose key and value are parted by blanks alone (.properties,
		// ssh_config and daemon configuration styles)
		{"blank-separated setting", "API_TOKEN Wd4kR8xT2mLq7Zp3Vb9Yc1Nf6Hg0Js5U", "generic-api-key", "Wd4kR8xT2mLq7Zp3Vb9Yc1Nf6Hg0Js5U"},
		{"blank-separated setting, camelCase", "  billingApiKey   Tz8Qm3Vr6Lk1Xp9Wc4Bn7Hy2Jd5Fs0Ga;", "generic-api-key", "Tz8Qm3Vr6Lk1Xp9Wc4Bn7Hy2Jd5Fs0Ga"},
		{"blank-separated setting, dotted and quoted", `mail.smtp.secret "Pn5Wx2Kv8Rt3Lq7Zm1Yb4Hc9Jd6Fg0Ts"`, "generic-api-key", "Pn5Wx2Kv8Rt3Lq7Zm1Yb4Hc9Jd6Fg0Ts"},
		{"blank-separated setting: prose after the value", "API_TOKEN Wd4kR8xT2mLq7Zp3Vb9Yc1Nf6Hg0Js5U must be rotated", "", ""},
		{"blank-separated: a Go import alias", "import (\n\tsecurity_updateapikey \"example.org/typedapi/security/updateapikey\"\n)", "", ""},
		{"blank-separated: a struct field's type", "type input struct {\n\tOneTimePassword *string\n}", "", ""},
		{"blank-separated: nginx proxy_pass", "location / {\n    proxy_pass http://registry-upstream-v2;\n}", "", ""},
		{"blank-separated: a word", "  db_password   changeme_later", "", ""},
		{"blank-separated setting: not first on its line", "see API_TOKEN Wd4kR8xT2mLq7Zp3Vb9Yc1Nf6Hg0Js5U", "", ""},
		// Microsoft's identifiable Azure DevOps PAT: zero-filled fields after the
		// random part read as runs of "A"
		{"azure devops PAT, zero-filled fields", "AZURE_DEVOPS_EXT_PAT=Hq7Vd2Xk9Lm4Rt8Wp3Zb6Nc1Yf5Gj0Ts7Ue2Io9Ka4Sb8Mn3Qr6LJQQJ99BCACAAAAAAAAAAAAASAZDO7mWq",
			"azure-devops-pat-identifiable", "Hq7Vd2Xk9Lm4Rt8Wp3Zb6Nc1Yf5Gj0Ts7Ue2Io9Ka4Sb8Mn3Qr6LJQQJ99BCACAAAAAAAAAAAAASAZDO7mWq"},
		{"azure devops PAT, no random part", "AZURE_DEVOPS_EXT_PAT=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAJQQJ99BCACAAAAAAAAAAAAASAZDO7mWq",
			"!azure-devops-pat-identifiable", ""},
		// Coinbase's v2 API key (16) and secret (32) under the provider's name
		{"coinbase api secret", "COINBASE_API_SECRET=Xr6Tn1Wq8Kd3Lv9Zp4Hb7Mc2Yg5Fs0Ja", "coinbase-api-key", "Xr6Tn1Wq8Kd3Lv9Zp4Hb7Mc2Yg5Fs0Ja"},
		{"coinbase api key", "coinbase_api_key: Bm4Qz8Wt2Rk7Xn5L", "coinbase-api-key", "Bm4Qz8Wt2Rk7Xn5L"},
		{"coinbase, a shape of neither", "COINBASE_API_KEY=Bm4Qz8Wt2Rk7Xn5", "", ""},
		// providers whose keys carry a prefix of their own
		{"easypost production key", `client = EasyPost::Client.new(api_key: "EZAKq8Vn3Rx7Lt2Wm9Kd4Hb6Yc1Zf5Gs0Jp8Tu3Ne7Qa2Xv6Ri9Lo4Mk1B")`,
			"easypost-api-key", "EZAKq8Vn3Rx7Lt2Wm9Kd4Hb6Yc1Zf5Gs0Jp8Tu3Ne7Qa2Xv6Ri9Lo4Mk1B"},
		{"easypost test key", "EASYPOST_TEST_KEY=EZTKw2Lp7Xq4Rn9Vt1Kz6Hc3Mb8Yd5Gf0Js2Ua7Ie4Ro9Tw1Qx6Lz3Mv8P",
			"easypost-test-api-key", "EZTKw2Lp7Xq4Rn9Vt1Kz6Hc3Mb8Yd5Gf0Js2Ua7Ie4Ro9Tw1Qx6Lz3Mv8P"},
		{"easypost prefix, too short", "EASYPOST_TEST_KEY=EZTKw2Lp7Xq4Rn9Vt1Kz6Hc3Mb8", "!easypost-test-api-key", ""},
		{"circleci project token", "CIRCLE_PROJECT_TOKEN=CCIPRJ_Tq8Wm3Zr6Kx1Vb9Lp4Nc7H_3f9a0c7d52b8e14a6f09d3c27b58e1a4f06b2c9d",
			"circleci-project-token", "CCIPRJ_Tq8Wm3Zr6Kx1Vb9Lp4Nc7H_3f9a0c7d52b8e14a6f09d3c27b58e1a4f06b2c9d"},
		{"circleci project token, not hex", "CIRCLE_PROJECT_TOKEN=CCIPRJ_Tq8Wm3Zr6Kx1Vb9Lp4Nc7H_3f9a0c7d52b8e14a6f09d3c27b58e1a4f06bzzzz",
			"!circleci-project-token", ""},
		{"ionic token", "IONIC_TOKEN=ion_Tq8Wm3Zr6Kx1Vb9Lp4Nc7Hy2Jd5Fs0GaRe8Uw3Io6P", "ionic-personal-access-token", "ion_Tq8Wm3Zr6Kx1Vb9Lp4Nc7Hy2Jd5Fs0GaRe8Uw3Io6P"},
		{"ionic prefix inside a word", "conversion_Tq8Wm3Zr6Kx1Vb9Lp4Nc7Hy2Jd5Fs0GaRe8Uw3Io6P", "!ionic-personal-access-token", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
