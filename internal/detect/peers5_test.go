package detect

import "testing"

// A provider's key-name rule reads a key that names the provider and then an
// identifier (HEROKU_APP_ID, vultrSnapshotId), a name, a region or a digest, or says
// the value is public, as naming no credential: ids and digests share the shapes of
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
		"HEROKU_APP_NAME=" + uuid,
		"HEROKU_TEAM_UUID=" + uuid,
		"heroku_org_guid: " + uuid,
		"HEROKU_RELEASE_VERSION=" + uuid,
		"LINODE_REGION_HASH=" + hex64,
		"LINODE_PUBLIC_KEY=" + hex64,
		"CLOUDFLARE_ACCOUNT_IDENTIFIER=Zq8mVt3LpR7wKs2NbX4cY6dE1fG9hJ0kLmN2pQ4r",
	}, "heroku-api-key-legacy", "linode-token", "vultr-api-key", "cloudflare-api-token")
	// the same values under the keys that name the credential stay findings, and rules
	// that look for an identifier still find it under an id key
	held5Want(t, []held5Case{
		{"HEROKU_API_KEY=" + uuid, "heroku-api-key-legacy", uuid},
		{"LINODE_TOKEN=" + hex64, "linode-token", hex64},
		{"VULTR_API_KEY=" + up36, "vultr-api-key", up36},
		{"CLOUDFLARE_API_TOKEN=Zq8mVt3LpR7wKs2NbX4cY6dE1fG9hJ0kLmN2pQ4r", "cloudflare-api-token", "Zq8mVt3LpR7wKs2NbX4cY6dE1fG9hJ0kLmN2pQ4r"},
		{"heroku: " + uuid, "heroku-api-key-legacy", uuid},
		// an id that is one half of a provider's credential pair stays a finding
		{`bulksmsID := "5C9E31B7A04D62F8E1A93B7C0-DE4F19A2C-3"`, "bulksms-api-key", "5C9E31B7A04D62F8E1A93B7C0-DE4F19A2C-3"},
		{"ASANA_CLIENT_ID=4829173650192837", "asana-client-id", "4829173650192837"},
	})
}
