package detect

import "testing"

// Provider keys and generic keys in shapes the rules had not read (issue 11): each test
// is one general mechanism, with strings written for the test and controls that must
// stay quiet.

// A provider whose keys are UUIDs is not contradicted by the same UUID written
// without its dashes: the key that names the provider keeps its value.
func TestGen3CompactUUIDFitsProvider(t *testing.T) {
	held5Want(t, []held5Case{
		{"PINECONE_API_KEY=7c1e04b2d93a4f6e8b25a0c9f31d7e48", "generic-api-key", "7c1e04b2d93a4f6e8b25a0c9f31d7e48"},
		{`pinecone_api_key: "7C1E04B2D93A4F6E8B25A0C9F31D7E48"`, "generic-api-key", "7C1E04B2D93A4F6E8B25A0C9F31D7E48"},
		{"PINECONE_API_KEY=7c1e04b2-d93a-4f6e-8b25-a0c9f31d7e48", "pinecone-legacy-api-key", "7c1e04b2-d93a-4f6e-8b25-a0c9f31d7e48"},
	})
	h11Quiet(t, []string{
		// 31 or 34 hex digits: no UUID, so still not a Pinecone key
		"PINECONE_API_KEY=7c1e04b2d93a4f6e8b25a0c9f31d7e4",
		"PINECONE_API_KEY=7c1e04b2d93a4f6e8b25a0c9f31d7e48aa",
	})
}
