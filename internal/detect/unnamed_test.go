package detect

import (
	"strings"
	"testing"
)

// docRules scans data as a document of format and returns "rule=value" for each match.
func docRules(format, data string) []string {
	var out []string
	ScanDocument(Default(), format, []byte(data), func(m LineMatch) {
		out = append(out, m.Rule.ID+"="+m.Value)
	})
	return out
}

func docHas(ms []string, rule, value string) bool {
	for _, m := range ms {
		if m == rule+"="+value {
			return true
		}
	}
	return false
}

// A field whose name is in no list of credential names still holds a secret when its
// whole value is a generated token, in whatever structure the document has.
func TestUnnamedFieldGeneratedToken(t *testing.T) {
	const tok = "Vx7Rq2LmZ9bWc4NtK8hJp3Ys"
	for _, c := range []struct{ format, doc string }{
		{"yaml", "upstreams:\n  billing:\n    xMeshHeaderValue2: " + tok + "\n"},
		{"json", `{"relay": {"bridgeWord": "` + tok + `"}}`},
		{"ini", "[relay]\nhandshake_word_x = " + tok + "\n"},
		{"xml", "<conf><Relay><Handshake>" + tok + "</Handshake></Relay></conf>"},
	} {
		if ms := docRules(c.format, c.doc); !docHas(ms, "generic-api-key", tok) {
			t.Errorf("%s: %q not found in %q (got %v)", c.format, tok, c.doc, ms)
		}
	}
	// names that say what such a value is when it is no secret, values that are no
	// generated token, and the same line outside a structure
	for _, c := range []struct{ format, doc string }{
		{"yaml", "relay:\n  session_uuid: " + tok + "\n"},
		{"yaml", "relay:\n  layerSha256: " + tok + "\n"},
		{"yaml", "relay:\n  build_ref: " + tok + "\n"},
		{"yaml", "relay:\n  handler: parseRelayHandshakeFromConfig2\n"},
		{"yaml", "relay:\n  handler: 9f3a6c0e1b7d4a2f8e5c3b1a0d9e7f6c\n"},
		{"yaml", "relay:\n  handler: Vx7Rq2LmZ9bWc4NtK8hJp3Ys+abc/defg==\n"},
		{"yaml", "relay:\n  handler: VVVVVVVVVVaaaaaaaaaa1234567890\n"},
		{"", "handshake_word_x = " + tok + "\n"},
	} {
		for _, m := range docRules(c.format, c.doc) {
			if strings.HasPrefix(m, "generic-api-key=") {
				t.Errorf("%s: %q reported %s", c.format, c.doc, m)
			}
		}
	}
}

func TestGeneratedToken(t *testing.T) {
	for _, v := range []string{"Vx7Rq2LmZ9bWc4NtK8hJp3Ys", "k2JdQ9zW4mXc7RbT1vLp8NsY6hGf"} {
		if !generatedToken([]byte(v)) {
			t.Errorf("generatedToken(%q) = false", v)
		}
	}
	for _, v := range []string{"getUserAccountByIdentifier42", "ThisIsALongIdentifier2024Version1", "Vx7Rq2Lm", "abcdefghij0123456789ABCDEFGHIJ",
		"Vx7Rq2LmZ9bWc4NtK8hJp3Ys!", "AAAAbbbb11112222CCCCdddd"} {
		if generatedToken([]byte(v)) {
			t.Errorf("generatedToken(%q) = true", v)
		}
	}
}
