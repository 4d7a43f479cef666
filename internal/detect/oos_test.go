package detect

import "testing"

// Provider formats in the shapes a fresh evaluation split tends to put them in (issue
// 11: a documented format is a finding wherever it stands). Every value is written for
// the test.

// A provider's name in a URL's host ties the last segment of its path to the provider.
func TestOOSProviderURLPath(t *testing.T) {
	held5Want(t, []held5Case{
		{`url: "https://eth-mainnet.g.alchemy.com/v2/Qm7Tz2pWc9LxV4nR8kYs3HbJ6dFa1GeU"`, "alchemy-api-key", "Qm7Tz2pWc9LxV4nR8kYs3HbJ6dFa1GeU"},
		{`MAINNET_RPC_URL=https://mainnet.infura.io/v3/7c1e9a4b2f8d6035a7e4c9b1d2f3a608`, "infura-api-key", "7c1e9a4b2f8d6035a7e4c9b1d2f3a608"},
		{`ws = new WebSocket("wss://polygon-mainnet.infura.io/ws/v3/5b2d8e1f9a7c4036b8e2d4f6a1c3e507")`, "infura-api-key", "5b2d8e1f9a7c4036b8e2d4f6a1c3e507"},
	})
	h11Quiet(t, []string{
		// an object's id with more path after it, and a host that only mentions the name
		`https://eth-mainnet.g.alchemy.com/v2/Qm7Tz2pWc9LxV4nR8kYs3HbJ6dFa1GeU/getNFTs`,
		`https://docs.example.com/infura/7c1e9a4b2f8d6035a7e4c9b1d2f3a608`,
		// a commit of a GitLab instance: the segment before it names an object
		`# https://gitlab.corp.example/team/app/-/commit/9f2c7e1b8d4a6f0c5e9b`,
	})
}

// An AWS secret access key beside its access key ID, under a name no AWS rule reads.
func TestOOSAWSSecretBesideID(t *testing.T) {
	held5Want(t, []held5Case{
		{"Key                Value\naccess_key         AKIAZ4QW7RT2LPXK9MNB\nsecret_key         Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue7Yi2Ko4\nsecurity_token     <nil>", "aws-secret-access-key", "Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue7Yi2Ko4"},
		{"store(\"AKIAZ4QW7RT2LPXK9MNB\", \"Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue7Yi2Ko4\")", "aws-secret-access-key", "Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue7Yi2Ko4"},
		{"s3://bkp/x?id=AKIAZ4QW7RT2LPXK9MNB&key=Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue%2BYi2Ko4", "aws-secret-access-key", "Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue+Yi2Ko4"},
	})
	h11Quiet(t, []string{
		"access_key AKIAZ4QW7RT2LPXK9MNB\ncommit 3f9a2c7e1b8d4a6f0c5e9b2d7a1f4c8e3b6d0a9f",
		"AKIAZ4QW7RT2LPXK9MNB\nlogo: data:image/png;base64,QmFzZTY0IGVuY29kZWQgdGV4dCBpcyBubyBrZXkh",
		"AKIAZ4QW7RT2LPXK9MNB\npath: internal/detect/rules/cloud/provider/aws",
	})
}

// Vault's unseal key shares as `vault operator init` prints them, and tokens of the
// format before Vault 1.10.
func TestOOSVaultFormats(t *testing.T) {
	held5Want(t, []held5Case{
		{"Unseal Key 1: q8Zt3Wm+7Lp2Xv9Rk4Nc6Hb1Jd5Gf0Ts8Ya2Ue7Oi3Qa", "hashicorp-vault-unseal-key", "q8Zt3Wm+7Lp2Xv9Rk4Nc6Hb1Jd5Gf0Ts8Ya2Ue7Oi3Qa"},
		{`{"unseal_keys_b64": ["q8Zt3Wm+7Lp2Xv9Rk4Nc6Hb1Jd5Gf0Ts8Ya2Ue7Oi3Qa", "W4nR8kYs3HbJ6dFa1GeUQm7Tz2pWc9LxV4nR8kYs3Hb/"], "unseal_threshold": 2}`, "hashicorp-vault-unseal-key", "W4nR8kYs3HbJ6dFa1GeUQm7Tz2pWc9LxV4nR8kYs3Hb/"},
		{"export VAULT_TOKEN=s.Wc9LxV4nR8kYs3HbJ6dFa1Ge", "hashicorp-vault-legacy-token", "s.Wc9LxV4nR8kYs3HbJ6dFa1Ge"},
	})
	h11Quiet(t, []string{
		"Unseal Key 1: <redacted>",
		`{"unseal_keys_b64": [], "unseal_shares": 5}`,
		"VAULT_TOKEN=s.abcdefghijklmnopqrstuvwx",
	})
}

// An EVM account's private key: 0x and 64 hex digits under a private key's name, on a
// command line, or in Hardhat's accounts list.
func TestOOSEthereumPrivateKey(t *testing.T) {
	key := "0x4f8a1c9e2b7d3f6a0c5e8b1d4a7f2c9e6b3d0a8f5c2e9b7d4a1f8c6e3b0d7a2f"
	held5Want(t, []held5Case{
		{"PRIVATE_KEY=" + key, "ethereum-private-key", key},
		{"forge script Deploy.s.sol --broadcast --private-key " + key, "ethereum-private-key", key},
		{`    sepolia: { url: RPC, accounts: ["` + key + `"] },`, "ethereum-private-key", key},
	})
	h11Quiet(t, []string{
		`    sepolia: { url: RPC, accounts: ["0x71c7656ec7ab88b098defb751b7401b5f6d8976f"] },`,
		"txHash: " + key,
		"PRIVATE_KEY=0x0000000000000000000000000000000000000000000000000000000000000000",
	})
}

// Authorization schemes that carry a key as it is.
func TestOOSAuthorizationSchemes(t *testing.T) {
	held5Want(t, []held5Case{
		{`curl -H "Authorization: ApiKey TXo3UnEyVng4S3c0Tm01YlQ5Omo2SGY4VDJ4UTRyTDh2WjFuQzNwWQ==" https://es.internal:9200`, "generic-api-key", "TXo3UnEyVng4S3c0Tm01YlQ5Omo2SGY4VDJ4UTRyTDh2WjFuQzNwWQ=="},
		{`{"name": "Authorization", "value": "sso-key Hd7Wq2Lp9Vx4Kt8Zr3Mc6Fb1Ns5Gj0Ya2Ue_7Oi:Rk4Nc6Hb1Jd5Gf0Ts8Ya2U"}`, "generic-api-key", "Rk4Nc6Hb1Jd5Gf0Ts8Ya2U"},
		{`headers = {"Authorization": "SSWS 00Wq2Lp9Vx4Kt8Zr3Mc6Fb1Ns5Gj0Ya2Ue7OiRk4N"}`, "generic-api-key", "00Wq2Lp9Vx4Kt8Zr3Mc6Fb1Ns5Gj0Ya2Ue7OiRk4N"},
	})
	h11Quiet(t, []string{
		`Authorization: Digest username="ops", realm="api", nonce="9f2c7e1b8d4a6f0c5e9b2d7a1f4c8e3b"`,
		`Authorization: SharedKey storeacct:Vb7qR2mXk9Lp4Tz8Wc3Nf6Hd1Js5Ga0Ue7Yi2Ko4=`,
		"authorization header is required for every request",
		"Authorization: ApiKey ${ES_API_KEY}",
	})
}

// Elastic's service account and enrollment tokens are known by their encoding.
func TestOOSElasticTokens(t *testing.T) {
	svc := "AAEAAWVsYXN0aWMva2liYW5hL2RlcGxveS0xOmJUOXZLMnFYN3JNNHpMOGNXNW5ZM2g"
	enr := "eyJ2ZXIiOiI4LjE1LjEiLCJhZHIiOlsiMTAuNC4wLjEyOjkyMDAiXSwiZmdyIjoiNGU5YjJjN2ExZDBmOCIsImtleSI6IlBxN1J6MlZ4SzhtTjNiTDV0WTZ3OmhKNHFYOW5UMnZMN2tSNXBXOGNaM20ifQ=="
	held5Want(t, []held5Case{
		{svc, "elastic-service-account-token", svc},
		{enr, "elastic-enrollment-token", enr},
	})
}

// Provider names that tools spell their own way: acme.sh's GD_Key, a Pinecone key of
// the UUID format.
func TestOOSProviderNames(t *testing.T) {
	held5Want(t, []held5Case{
		{"SAVED_GD_Key='Hd7Wq2Lp9Vx4Kt8Zr3Mc6Fb1Ns5Gj0Ya2U_7'", "godaddy-api-key", "Hd7Wq2Lp9Vx4Kt8Zr3Mc6Fb1Ns5Gj0Ya2U_7"},
		{`pc = Pinecone(api_key="3f9a2c7e-1b8d-4a6f-8c5e-9b2d7a1f4c8e")`, "pinecone-legacy-api-key", "3f9a2c7e-1b8d-4a6f-8c5e-9b2d7a1f4c8e"},
		{`CF_Key="9f2c7e1b8d4a6f0c5e9b2d7a1f4c8e3b6d0a9"`, "cloudflare-global-api-key", "9f2c7e1b8d4a6f0c5e9b2d7a1f4c8e3b6d0a9"},
	})
}

// A JSON object that names its value in a member of its own ({"name": "API_TOKEN",
// "value": "…"}: Postman environments and headers, container definitions' environment,
// CI variables) holds the named secret on one line as it does over several; the next
// member's key is no argument after the name.
func TestOOSJSONNameValueOneLine(t *testing.T) {
	held5Want(t, []held5Case{
		{`{"key": "deploy_token", "value": "Rk4Nc6Hb1Jd5Gf0Ts8Ya2Ue7Oi3QaW", "enabled": true}`, "generic-api-key", "Rk4Nc6Hb1Jd5Gf0Ts8Ya2Ue7Oi3QaW"},
		{`"environment": [{"name": "SERVICE_API_KEY", "value": "Ts8Ya2Ue7Oi3QaWRk4Nc6Hb1Jd5Gf0"}]`, "generic-api-key", "Ts8Ya2Ue7Oi3QaWRk4Nc6Hb1Jd5Gf0"},
		{`{"key": "X-Auth-Token", "value": "Hb1Jd5Gf0Ts8Ya2Ue7Oi3QaWRk4Nc6", "type": "text"}`, "generic-api-key", "Hb1Jd5Gf0Ts8Ya2Ue7Oi3QaWRk4Nc6"},
	})
	h11Quiet(t, []string{
		`{"key": "deploy_token", "value": "", "enabled": true}`,
		`{"name": "SERVICE_API_KEY", "value": "{{service_api_key}}"}`,
		`buildConfigField("String", "API_KEY", "\"\"")`,
	})
}

// "x = y" with y an identifier reads as code, but not when y is 32 hex digits or a long
// mix of cases and digits spread like a generator's: INI files put spaces around '='.
func TestOOSSpacedINIValue(t *testing.T) {
	held5Want(t, []held5Case{
		{"[server]\napi-key = Wq2LpVxKtZrMcFbNsGjYaUeOiRkNcHbJdGfTsYaUe9\n", "generic-api-key", "Wq2LpVxKtZrMcFbNsGjYaUeOiRkNcHbJdGfTsYaUe9"},
		{"[misc]\napi_key = 9f2c7e1b8d4a6f0c5e9b2d7a1f4c8e3b\n", "generic-api-key", "9f2c7e1b8d4a6f0c5e9b2d7a1f4c8e3b"},
	})
	h11Quiet(t, []string{
		"token = tokenProviderConfigurationFactoryImpl",
		"secret = HTTPServerURLConfigurationBuilder2",
		"pairs = append(pairs, &Pair{Key: X509CertSha256ThumbprintKey, Value: v})",
	})
}
