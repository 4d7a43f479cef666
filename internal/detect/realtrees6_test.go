package detect

import "testing"

// TestTreeRound6Classes: the classes of false positives found by triaging every non-test
// secret finding of the Google Cloud SDK and the npm cache with main's binary at 9e74073
// (realtrees6.go). Each example text must yield no secret; each leak text, the same text
// with only the signal the class reads changed, must still yield its rule and value:
// the test fails without the class and again if the class swallows the leak.
func TestTreeRound6Classes(t *testing.T) {
	endpoints := func(host string) string {
		return "{\n  \"partitions\" : [ {\n    \"services\" : {\n      \"kv-auth\" : {\n        \"endpoints\" : {\n" +
			"          \"r1\" : {\n            \"hostname\" : \"" + host + "\"\n          }\n        }\n      }\n    }\n  } ]\n}\n"
	}
	model := func(ref, defined string) string {
		return "{\n  \"shapes\":{\n    \"SignInRequest\":{\n      \"type\":\"structure\",\n      \"members\":{\n" +
			"        \"clientSecret\":{\n          \"shape\":\"" + ref + "\",\n          \"documentation\":\"<p>The client secret.</p>\"\n        }\n      }\n    },\n" +
			"    \"" + defined + "\":{\n      \"type\":\"string\",\n      \"max\":2048,\n      \"sensitive\":true\n    }\n  }\n}\n"
	}
	// botocore-style models and endpoint tables are read as JSON documents
	checkNamedTreeClasses(t, "service-2.json", []treeClassCase{
		{class: "a type reference that the same model defines as an object",
			example: model("Utf8Max1024Sensitive", "Utf8Max1024Sensitive"),
			leak:    model("Utf8Max1024Sensitive", "Utf8Max1024Opaque"),
			rule:    "generic-api-key", value: "Utf8Max1024Sensitive"},
		{class: "a field's pattern, a regular expression with a character range and a count",
			example: "{\"shapes\":{\"SessionToken\":{\n  \"type\":\"string\",\n  \"pattern\":\"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{3}=)?$\"\n}}}\n",
			leak:    "{\"shapes\":{\"SessionToken\":{\n  \"type\":\"string\",\n  \"pattern\":\"Qm7xZ2kL9pW4vB8nT3rY+/4a\"\n}}}\n",
			rule:    "generic-api-key", value: "Qm7xZ2kL9pW4vB8nT3rY+/4a"},
		{class: "a host name under a parent whose name holds a secret word",
			example: endpoints("kv-auth.ap-south-2.api.dev"),
			leak:    endpoints("kv-auth.ap-south-2.API.dev"),
			rule:    "generic-api-key", value: "kv-auth.ap-south-2.API.dev"},
	})
	checkTreeClasses(t, []treeClassCase{
		{class: "a name in a list of three or more names, after a name holding the word password",
			example: "\t\t\"pass\": {\n\t\t\tRequiredWith: []string{\"vault_login.0.password\", \"vault_login.0.account\", \"vault_login.0.tls_config\"},\n\t\t},\n",
			leak:    "\t\t\"pass\": {\n\t\t\tRequiredWith: []string{\"vault_login.0.password\", \"vault_login.0.account\"},\n\t\t},\n",
			rule:    "password-assignment", value: "vault_login.0.account"},
		{class: "an API group and version",
			example: "AUTH_VERSION_3_BETA = 'identity.heron.dev/v3beta1'\n",
			leak:    "AUTH_VERSION_3_BETA = 'identity.heron.dev/x3beta1'\n",
			rule:    "generic-api-key", value: "identity.heron.dev/x3beta1"},
		{class: "an upper-case constant's name written without quotes",
			example: "            headers = {\n                \"X-heron-metadata-token-ttl-seconds\": _HERONV2_SESSION_TOKEN_TTL_SECONDS\n            }\n",
			leak:    "            headers = {\n                \"X-heron-metadata-token-ttl-seconds\": '_HERONV2_SESSION_TOKEN_TTL_SECONDS'\n            }\n",
			rule:    "generic-api-key", value: "_HERONV2_SESSION_TOKEN_TTL_SECONDS"},
		{class: "a bundled library's artifact and version",
			example: "  * Heron Auth Library - Credentials (dev.heron.auth:heron-auth-library-credentials:2.4.1 - https://heron.dev/auth)\n",
			leak:    "  * Heron Auth Library - Credentials (dev.heron.auth:heron-auth-library-credentials:2.4.1x - https://heron.dev/auth)\n",
			rule:    "generic-api-key", value: "heron-auth-library-credentials:2.4.1x"},
		{class: "a documentation tag glued to a sentence's last word",
			example: "  Fields:\n    vaultClientSecret: the client secret of the vault login flow. The\n      hash of the value is returned in the\n      vault_client_secret_sha256 field.@InputOnly\n",
			leak:    "  Fields:\n    vaultClientSecret: the client secret of the vault login flow. The\n      hash of the value is returned in the\n      vault_client_secret_sha256 field.Kq9@InputOnly\n",
			rule:    "generic-api-key", value: "field.Kq9@InputOnly"},
		{class: "base64 of a user and a password that says it is not real",
			example: "const arb = new Arborist({\n  '//npm.heron.dev:_auth': 'ZGV2b3BzOnRoaXMgaXMgbm90IGEgcmVhbCBwYXNzd29yZA==',\n})\n",
			leak:    "const arb = new Arborist({\n  '//npm.heron.dev:_auth': 'ZGV2b3BzOmNvcnJlY3QgaG9yc2UgYmF0dGVyeSBzdGFwbGU=',\n})\n",
			rule:    "npm-legacy-auth-token", value: "ZGV2b3BzOmNvcnJlY3QgaG9yc2UgYmF0dGVyeSBzdGFwbGU="},
		{class: "what an interactive Python session prints, its credentials given as placeholders",
			example: "    \"\"\"Fetch a token.\n\n    >>> sess = Session('app-id', client_secret='secret')\n    >>> sess.fetch_request_token(token_url)\n    {\n        'oauth_token': 'kd83jd8s9w',\n        'oauth_token_secret': '9fjw83kdls0q2mzx',\n    }\n    \"\"\"\n",
			leak:    "    \"\"\"Fetch a token.\n\n    >>> sess = Session('app-id', client_secret='Wq8zT3mKx7')\n    >>> sess.fetch_request_token(token_url)\n    {\n        'oauth_token': 'kd83jd8s9w',\n        'oauth_token_secret': '9fjw83kdls0q2mzx',\n    }\n    \"\"\"\n",
			rule:    "generic-api-key", value: "9fjw83kdls0q2mzx"},
		{class: "a passing assertion's message",
			example: "  cache.get = function (k, cb) {\n    t.pass('cache.get called twice')\n    cb()\n  }\n",
			leak:    "  cache.get = function (k, cb) {\n    t.pass('cache.get!called7twice')\n    cb()\n  }\n",
			rule:    "password-assignment", value: "cache.get!called7twice"},
		{class: "a status badge's image token",
			example: "# heron-pack\n\n[![Build Status](https://ci.heron.dev/heron/pack.svg?token=Qz7kW2mX9pLv4Bn8Tr&branch=main)](https://ci.heron.dev/heron/pack)\n",
			leak:    "# heron-pack\n\n[Build Status](https://ci.heron.dev/heron/pack?token=Qz7kW2mX9pLv4Bn8Tr&branch=main)\n",
			rule:    "generic-api-key", value: "Qz7kW2mX9pLv4Bn8Tr"},
	})
}

// checkNamedTreeClasses is checkTreeClasses for texts read under a file name (whose
// extension selects the structure they are parsed as; "" sniffs it).
func checkNamedTreeClasses(t *testing.T, name string, cases []treeClassCase) {
	t.Helper()
	e := Default()
	for _, c := range cases {
		for _, m := range scanText(e, name, c.example) {
			if m.Rule.Category == "secret" {
				t.Errorf("%s: example text: got %s", c.class, describe([]Match{m}))
			}
		}
		if ms := scanText(e, name, c.leak); !hasMatch(ms, c.rule, c.value) {
			t.Errorf("%s: leak text %q: want %s %q, got %s", c.class, c.leak, c.rule, c.value, describe(ms))
		}
	}
}
