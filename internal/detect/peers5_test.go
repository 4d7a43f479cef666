package detect

import "testing"

// A provider's key-name rule reads a key that names the provider and an identifier
// (HEROKU_APP_ID, vultrSnapshotId) as naming no credential: ids share the shapes of
// keys (UUIDs, hex, upper-case alphanumerics) but are no secret. Values written for
// this test.
func TestPeers5IdentifierKeys(t *testing.T) {
	uuid := "7c2e9a41-5b3d-4f08-9e6a-d1c8b0f7a352"
	hex64 := "9f2c7e4a1b8d3f6e0a5c9b2d7e1f4a8c3b6d0e9f2a5c8b1d4e7f0a3c6b9d2e5f"
	up36 := "Q7RT4WX2LMZ9PK3F8ZB6NC1VD5HJ0GSYAE2U"
	held5Quiet(t, []string{
		"HEROKU_APP_ID=" + uuid,
		`herokuPipelineId: "` + uuid + `"`,
		"LINODE_IMAGE_ID=" + hex64,
		"VULTR_SNAPSHOT_ID=" + up36,
	}, "heroku-api-key-legacy", "linode-token", "vultr-api-key")
	// the same values under the keys that name the credential stay findings, and rules
	// that look for an identifier still find it under an id key
	held5Want(t, []held5Case{
		{"HEROKU_API_KEY=" + uuid, "heroku-api-key-legacy", uuid},
		{"LINODE_TOKEN=" + hex64, "linode-token", hex64},
		{"VULTR_API_KEY=" + up36, "vultr-api-key", up36},
		{"ASANA_CLIENT_ID=4829173650192837", "asana-client-id", "4829173650192837"},
	})
}
