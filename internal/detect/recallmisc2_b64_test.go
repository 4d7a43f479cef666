package detect

import (
	"encoding/base64"
	"testing"
)

// A key that names a provider, holding the provider's token in base64 (a Kubernetes
// Secret's data, an env dump): the decoded text has the provider's shape, so the key's
// provider does not contradict the value. Base64 of something else under the same key
// still does.
func TestB64ProviderValue(t *testing.T) {
	tok := "sk_" + ExpandExample("{h:48}")
	enc := base64.StdEncoding.EncodeToString([]byte(tok))
	held5Want(t, []held5Case{
		{"  ELEVENLABS_API_KEY: " + enc, "generic-api-key", enc},
	})
	other := base64.StdEncoding.EncodeToString([]byte("https://api.elevenlabs.io/v1/voices"))
	held5Quiet(t, []string{"  ELEVENLABS_API_KEY: " + other}, "generic-api-key")
}
