package detect

import "testing"

// TestAnchoredPlaceholder: a value that runs through the digits or the alphabet is
// still reported where its context ties it to one provider's credential (the
// provider's name and its key's shape, a key that names the provider, an issuer's
// prefix), and not under a generic key; words, masks and references stay placeholders
// everywhere. Every string is written here.
func TestAnchoredPlaceholder(t *testing.T) {
	e := Default()
	for _, c := range []struct {
		class, text, rule, value string
	}{
		{"catalogue shape beside the name, digit run", "dandelion token: 9c4e2f8a1234567890d6e0f3a9c8b1d2", "dandelion-api-key", "9c4e2f8a1234567890d6e0f3a9c8b1d2"},
		{"catalogue shape under the provider's key, letter run", `tomtom_secret = "Qw7ZxK2mNp4RsT8vLb3ABCDEFGHIJ9c6"`, "tomtom-api-key", "Qw7ZxK2mNp4RsT8vLb3ABCDEFGHIJ9c6"},
		{"issuer prefix, digit run", "DIGITALOCEAN_TOKEN=dop_v1_3fa8c2d9e1b71234567890a0e9d2b5f8137c4e6a9d0b2f5c8e1a3d7b9f2c4e6a",
			"digitalocean-pat", "dop_v1_3fa8c2d9e1b71234567890a0e9d2b5f8137c4e6a9d0b2f5c8e1a3d7b9f2c4e6a"},
		{"provider key rule, digit run", "DD_API_KEY=5e8a1c9f1234567890b7e2a6c3f81b4d", "datadog-api-key", "5e8a1c9f1234567890b7e2a6c3f81b4d"},
		{"issuer anchor at the head of a rule's pattern, digit run", "STRIPE_KEY=sk_test_9fQ2xL7mR4tV1234567890bN8cK3wJ6hY", "stripe-test-secret-key", "sk_test_9fQ2xL7mR4tV1234567890bN8cK3wJ6hY"},
		// "private" is a key word beside a provider's name, as "secret" is
		{"hex shape after the name and private", "lemlist private 4c7e1a9f2b8d3e6a0f5c9b1d7e2a4f8c", "lemlist-api-key", "4c7e1a9f2b8d3e6a0f5c9b1d7e2a4f8c"},
		// controls
		{"private without a provider's name", "deploy private 4c7e1a9f2b8d3e6a0f5c9b1d7e2a4f8c", "", ""},
		{"catalogue shape, says fake", "dandelion token: fake2f8a1234567890d6e0f3a9c8b1d2", "", ""},
		{"issuer prefix, example word", "DIGITALOCEAN_TOKEN=dop_v1_example9e1b71234567890a0e9d2b5f8137c4e6a9d0b2f5c8e1a3d7b9f2c4e6", "", ""},
		{"generic key, digit run", "api_key = 9c4e2f8a1234567890d6e0f3a9c8b1d2", "", ""},
		{"provider key, one letter repeated", "DD_API_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "", ""},
		{"provider key, reference", "DD_API_KEY=${DATADOG_API_KEY}", "", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
