package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// provTokens are prefixed credential formats that no other rule knew, found by
// comparing the literal prefixes of the peers' rule catalogues (trufflehog's
// detectors, Kingfisher's and gitleaks' rules) with the rules here: each is written
// from the provider's documentation of its format, its examples made up here.
var provTokens = []tk{
	// Amazon Bedrock's short-term API keys (aws-bedrock-token-generator, the console's
	// "short-term API keys"): "bedrock-api-key-" and the base64 of a presigned URL of
	// bedrock.amazonaws.com, so the first 28 characters after the prefix never change.
	{id: "aws-bedrock-short-term-api-key", title: "Amazon Bedrock short-term API key", provider: "AWS", sev: finding.Critical,
		re:  `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{100,}={0,2}`,
		ex:  []string{`AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t{b:400}`},
		nex: []string{`bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t{b:20}`, `bedrock-api-key-{b:400}`}},
	// SettleMint's access tokens: "sm_" and the kind (personal, application, service)
	// before 16 letters and digits.
	{id: "settlemint-access-token", title: "SettleMint access token", provider: "SettleMint", sev: finding.High,
		re: `sm_(?:pat|aat|sat)_[A-Za-z0-9]{16}`, lits: []string{"sm_pat_", "sm_aat_", "sm_sat_"},
		ex:  []string{`SETTLEMINT_ACCESS_TOKEN=sm_pat_{a:16}`, `token: sm_aat_{a:16}`, `"sm_sat_{a:16}"`},
		nex: []string{`sm_pat_{a:8}`, `sm_xat_{a:16}`}},
	// GitHub App installation tokens in the stateless format GitHub rolled out from April
	// 2026 (changelog "Notice about upcoming new format for GitHub App installation
	// tokens"): "ghs_", the app id, "_" and a JWT signed by GitHub, about 520 characters
	// in all; the 40-character ghs_ tokens have their own rule.
	{id: "github-app-installation-token-jwt", title: "GitHub App installation token (stateless format)", provider: "GitHub", sev: finding.High,
		re:  `ghs_[0-9]{1,20}_eyJ[A-Za-z0-9_-]{10,1000}\.eyJ[A-Za-z0-9_-]{10,1000}\.[A-Za-z0-9_-]{20,1000}`,
		ex:  []string{`GITHUB_TOKEN=ghs_{d:7}_eyJ{u:40}.eyJ{u:300}.{u:86}`},
		nex: []string{`ghs_{d:7}_eyJ{u:40}.eyJ{u:300}`, `ghs_{d:7}_{u:40}`}},
	// Packagist's API tokens name their kind after "packagist_": "o" or "u" for an
	// organization's or a user's, "r" or "u" for read or update, then "t_" and 68 hex digits.
	{id: "packagist-api-token", title: "Packagist API token", provider: "Packagist", sev: finding.High,
		re: `packagist_(?:ort|out|urt|uut)_[0-9a-f]{68}`, lits: []string{"packagist_"},
		ex:  []string{`COMPOSER_AUTH_TOKEN=packagist_out_{h:68}`, `"token": "packagist_urt_{h:68}"`},
		nex: []string{`packagist_out_{h:20}`, `packagist_abc_{h:68}`}},
}

// provPrefixed are the same kind of formats that a prefix and one run of characters
// describe (see pfx).
var provPrefixed = []tk{
	// Adobe Developer Console OAuth client secrets begin "p8e-".
	pfx("adobe-client-secret", "Adobe", "p8e-{n:32}"),
	// Frame.io developer tokens: "fio-u-" and 64 characters.
	pfx("frameio-developer-token", "Frame.io", "fio-u-{q:64}"),
	// Scalingo API tokens ("tk-us-" and 48 characters).
	pfx("scalingo-api-token", "Scalingo", "tk-us-{u:48}"),
	// OWASP Dependency-Track API keys since 4.x carry the "odt_" prefix.
	pfx("dependency-track-api-key", "Dependency-Track", "odt_{a:32-255}"),
	// MongoDB Atlas service accounts: the client id is "mdb_sa_id_" and 24 hex digits
	// (public), the client secret "mdb_sa_sk_" and 40 characters.
	pfx("mongodb-atlas-service-account-secret", "MongoDB Atlas", "mdb_sa_sk_{u:40}"),
	// StackHawk API keys: "hawk." and two runs of 20 characters joined by a dot.
	pfx("stackhawk-api-key", "StackHawk", "hawk.{u:20}.{u:20}"),
	// Sourcegraph's access tokens before instance-scoped ones: "sgp_" and 40 hex digits.
	pfx("sourcegraph-access-token-legacy", "Sourcegraph", "sgp_{x:40}"),
	// Clojars deploy tokens, prefixed "CLOJARS_".
	pfx("clojars-deploy-token", "Clojars", "CLOJARS_{L:60}"),
	// New Relic REST API keys ("NRRA-") and Pixie's API and deployment keys, a UUID after
	// "px-api-" or "px-dep-".
	pfx("newrelic-rest-api-key", "New Relic", "NRRA-{h:42}"),
	pfx("pixie-api-key", "New Relic Pixie", "px-api-{uuid}"),
	pfx("pixie-deploy-key", "New Relic Pixie", "px-dep-{uuid}"),
}
