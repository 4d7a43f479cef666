package detect

import "testing"

// TestPeerCaseClasses: classes of credentials and of the ways they are written that
// peers' test suites showed missing (one case a class, every string written here),
// each with a near miss that must stay quiet.
func TestPeerCaseClasses(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		// a provider's name glued to a key word in one lower- or upper-case identifier
		{"glued name", `spotifykey = "Qm7rT2vX9kLp4sWz8bN3cY6hJ1dF5gA0"`, "spotify-api-key", "Qm7rT2vX9kLp4sWz8bN3cY6hJ1dF5gA0"},
		{"glued name", `TRELLOAPIKEY: Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a`, "trello-api-key", "Hq3ZkV8pR2mW7xT4nB9cL6sY1dF5gJ0a"},
		{"glued name: not key words", `spotifykeyboard = "Qm7rT2vX9kLp4sWz8bN3cY6hJ1dF5gA0"`, "", ""},
		// a Docker config.json as written by docker login: "auths" lines above "auth"
		{"docker auths over lines", "{\n  \"auths\": {\n    \"registry.example.org\": {\n      \"auth\": \"YnVpbGRlcjpSdDd2UTJ4THA5V3o=\"\n    }\n  }\n}",
			"docker-config-auth", "builder:Rt7vQ2xLp9Wz"},
		{"docker auths: a how-to's placeholder", "{\n  \"auths\": {\n    \"registry.example.org\": {\n      \"auth\": \"bXlfdXNlcjpteV9wYXNzd29yZA==\"\n    }\n  }\n}", "", ""},
		// Jenkins' hudson.util.Secret in credentials.xml and in configuration as code
		{"jenkins secret", "<com.cloudbees.plugins.credentials.impl.StringCredentialsImpl>\n  <id>deploy</id>\n  <secret>{AQAAABAAAAAQm3Vx8Kq2Lr7Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7=}</secret>\n",
			"jenkins-encrypted-secret", "AQAAABAAAAAQm3Vx8Kq2Lr7Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7="},
		{"jenkins secret in YAML", `      password: "{AQAAABAAAAAwT4rW9xLq2Zm7Kp3Vb8Yc1Nd6Hf0Gj5Su2Ia9Eo4Ru7Tw3Qx8Lz1Mv6Pk}"`,
			"jenkins-encrypted-secret", "AQAAABAAAAAwT4rW9xLq2Zm7Kp3Vb8Yc1Nd6Hf0Gj5Su2Ia9Eo4Ru7Tw3Qx8Lz1Mv6Pk"},
		{"jenkins header outside braces", "see AQAAABAAAAAQm3Vx8Kq2Lr7Tz9Wp4Yb6Nc1Hd5Fg0Js2Ua8Ie3Ro7= in the dump", "", ""},
		// JSON nested in a JSON string, written without spaces
		{"escaped JSON, no space", `cfg = "{\"db\":{\"password\":\"Vq8#rT2mLx9p\"}}"`, "password-assignment", "Vq8#rT2mLx9p"},
		{"escaped URL is no assignment", `{"next": "https:\/\/example.org\/pass\/Vq8rT2mLx9pW"}`, "", ""},
	} {
		ms := scanAll(e, c.text)
		if c.rule == "" {
			for _, m := range ms {
				if m.Rule.Category == "secret" {
					t.Errorf("%s: %q: want nothing, got %s", c.class, c.text, describe(ms))
					break
				}
			}
			continue
		}
		ok := false
		for _, m := range ms {
			ok = ok || m.Rule.ID == c.rule && m.Value == c.value
		}
		if !ok {
			t.Errorf("%s: %q: want %s %q, got %s", c.class, c.text, c.rule, c.value, describe(ms))
		}
	}
}
