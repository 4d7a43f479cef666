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

// A label of a few words that starts with the provider's name and holds a key word
// names the value after its colon, though the label's last word alone does not.
func TestGen3ProviderLabelPhrase(t *testing.T) {
	held5Want(t, []held5Case{
		{"Cloudflare token for DNS: Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7i", "cloudflare-api-token", "Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7i"},
		{"cloudflare api token for staging: Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7j", "cloudflare-api-token", "Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7j"},
		{"Okta API token for CI = 00Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7k", "okta-api-token", "00Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7k"},
	})
	held5Quiet(t, []string{
		// no key word in the label, the label names an identifier, or too many words
		"Cloudflare zone for DNS: Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7i",
		"Cloudflare token for account id: Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7i",
		"Cloudflare token rotated for the old staging build: Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7i",
		`Cloudflare token, see "DNS": Rw8Lk2Pq7Zt4Vn9Xc3Bm6Hd1Jf5Gs0Ya8Ue2To7i`,
	}, "cloudflare-api-token", "cloudflare-global-api-key")
}

// A key handed over in running text: the key's name, a few words, a copula, the key.
func TestGen3KeyProse(t *testing.T) {
	held5Want(t, []held5Case{
		{"The billing API key for your team is Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5G, keep it safe.", "generic-api-key", "Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5G"},
		{"Your new access token for the staging cluster is now Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5H.", "generic-api-key", "Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5H"},
		{`the secret key was "Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5J" until Monday`, "generic-api-key", "Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5J"},
	})
	held5Quiet(t, []string{
		"The API key is invalid for this request and must be rotated.",
		"The access token is 3 days old",
		"Your API key is ${API_KEY} here.",
		"The API key for the service is abcdefghijklmnopqrstuvwx",
		"The API key is 5f4dcc3b5aa765d61d8327deb882cf99 here.",
		"the secret key is stored in /etc/app/secret.key today",
		"The API key that we issued to the old mobile app last year is Tq4Wm8Zr2Kx6Vb1Np9Hs3Jd7Lf5G",
	}, "generic-api-key")
}

// A key named for its slot in a rotation (primary, old, new, default) holds a secret
// when its value is generated; the database's primary key stays an id.
func TestGen3KeySlotNames(t *testing.T) {
	held5Want(t, []held5Case{
		{"  primary_key: Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Ya", "generic-api-key", "Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Ya"},
		{`  "primaryKey": "Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Yb"`, "generic-api-key", "Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Yb"},
		{"old_key = Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Yc", "generic-api-key", "Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Yc"},
	})
	held5Quiet(t, []string{
		"  primary_key: id",
		"  primary_key: customer_account_id",
		"  primary_key: 5f4dcc3b5aa765d61d8327deb882cf99",
		"  default_key: ProductCategoryName",
		"  sort_key: Hb7Xq2Mv9Lz4Rt6Wc1Nd8Kp3Js5Gf0Ya",
	}, "generic-api-key")
}

// A Cloudflare Tunnel token is base64 of JSON with the account tag, the tunnel's UUID
// and its secret: found by its structure on a command line, with no key name.
func TestGen3CloudflareTunnelToken(t *testing.T) {
	tok := "eyJhIjoiMjhhYmM3MGU5MWVmYTRjOWM2NjUyODRjYjBmMDc1ODYiLCJ0IjoiYmNhY2FmZDMtYjYzYS00ZDgwLThiNWUtMDE0YmRhMzUxYjYyIiwicyI6Ii9LV0dxdk1TTW5vUmpOTEdGK2Erc09jZWJScE1lR1p4WWJzc0JOWUhKcEU9In0="
	held5Want(t, []held5Case{
		{"sudo cloudflared service install " + tok, "cloudflare-tunnel-token", tok},
		{"TUNNEL_TOKEN=" + tok, "cloudflare-tunnel-token", tok},
	})
	held5Quiet(t, []string{
		// base64 of {"a":"…"} with no tunnel id, and one whose tag is no tag
		"cloudflared service install eyJhIjoiMjhhYmM3MGU5MWVmYTRjOWM2NjUyODRjYjBmMDc1ODYiLCJzIjoiL0tXR3F2TVNNbm9Sak5MR0YrYStzT2NlYlJwTWVHWnhZYnNzQk5ZSEpwRT0ifQ==",
		"cloudflared service install eyJhIjoieHl6IiwidCI6ImJjYWNhZmQzLWI2M2EtNGQ4MC04YjVlLTAxNGJkYTM1MWI2MiIsInMiOiIvS1dHcXZNU01ub1JqTkxHRithK3NPY2ViUnBNZUdaeFlic3NCTllISnBFPSJ9",
	}, "cloudflare-tunnel-token")
}

// Terraform state lists the attributes its provider marks sensitive after each
// instance's attributes: a string attribute so marked is a secret whatever its name.
func TestGen3TerraformSensitiveAttributes(t *testing.T) {
	compact := `{"type": "random_password", "instances": [ { "attributes": { "id": "none", "length": 24,
  "result": "Kp7Wz2Qm9Xv4Lr8Tn3Bc6Hd1" }, "sensitive_attributes": [ [ { "type": "get_attr", "value": "result" } ] ] } ] }`
	pretty := "{\n  \"attributes\": {\n    \"id\": \"none\",\n    \"result\": \"Kp7Wz2Qm9Xv4Lr8Tn3Bc6Hd2\"\n  },\n  \"sensitive_attributes\": [\n    [\n      {\n        \"type\": \"get_attr\",\n        \"value\": \"result\"\n      }\n    ]\n  ]\n}"
	held5Want(t, []held5Case{
		{compact, "generic-api-key", "Kp7Wz2Qm9Xv4Lr8Tn3Bc6Hd1"},
		{pretty, "generic-api-key", "Kp7Wz2Qm9Xv4Lr8Tn3Bc6Hd2"},
	})
	held5Quiet(t, []string{
		// not marked sensitive; marked, but no string; a stand-in
		`{"attributes": {"result": "Kp7Wz2Qm9Xv4Lr8Tn3Bc6Hd1"}, "sensitive_attributes": []}`,
		`{"attributes": {"result": 24}, "sensitive_attributes": [[{"type": "get_attr", "value": "result"}]]}`,
		`{"attributes": {"result": "REPLACE_ME_LATER"}, "sensitive_attributes": [[{"type": "get_attr", "value": "result"}]]}`,
	}, "generic-api-key", "password-assignment")
}
