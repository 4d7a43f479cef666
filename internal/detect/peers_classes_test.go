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
