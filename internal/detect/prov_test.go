package detect

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestProvPrefixedFormats: provider formats that no rule knew (found by comparing the
// peers' rule catalogues with the rules here), each with a control that must stay
// unreported. Every value is made up here.
func TestProvPrefixedFormats(t *testing.T) {
	e := Default()
	bedrockURL := "bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256" +
		"&X-Amz-Credential=RCDW43EOCGFFYUAETWOH%2F20261206%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=20261206T143000Z" +
		"&X-Amz-Expires=43200&X-Amz-Security-Token=AqoHSDNtfyhN4hhN2d7Tx7q3LfN3av7zwehk57gJ6vvpSvmXbLU23STOguSMZ8cOS9liO0Ipxj8O04MFw6xeL3tRiH3QJPgPWFDSqn9VcnYWoCnD48Q7o4mFpobB6lJVEs6nOGsAVB5raO8HX4EPFAlF6yIEUZAZ1R5PWZD3qyW0FAmkmTstzluPyAkfNAO8XFQ3sR4Kos9CW1tQSc8DDJ1r58dQ2FkpoJwcW63Vmn4W1LlmT089Y17e4tCeDB7XPd2dZTisCUbY1Rxy8qRDv1QgM0lKAyYzYdn28UgeLS1i" +
		"&X-Amz-Signature=df5ce48b0e97a48ad9c4e1bc8d61cfe001c5914b0208874a593c088c0a401f44&X-Amz-SignedHeaders=host&Version=1"
	bedrock := "bedrock-api-key-" + base64.StdEncoding.EncodeToString([]byte(bedrockURL))
	b64u := base64.RawURLEncoding.EncodeToString
	ghsJWT := "ghs_2918374_" + b64u([]byte(`{"alg":"RS256","typ":"JWT","kid":"s2s-2026"}`)) + "." +
		b64u([]byte(`{"iss":"2918374","sub":"installation:58201937","aud":"api.github.com","exp":1796572800,"iat":1796569200,"perm":"contents:read,metadata:read","rid":"Qm7vX2rTz9kLp4Wd8NcY"}`)) + "." +
		b64u([]byte("k7Hq2Lz9Wx4Rt8Nv3Bm6Pc1Yd5Fg0Js2Vn4qT9wzRk8vQz2WmT4xLp9NHn3Jq8Zt5Vw2Xc7B"))
	for _, c := range []struct {
		class, text, rule, value string
	}{
		{"Bedrock short-term key", "export AWS_BEARER_TOKEN_BEDROCK=" + bedrock, "aws-bedrock-short-term-api-key", bedrock},
		{"Bedrock: prefix of another service", "token=bedrock-api-key-" + base64.StdEncoding.EncodeToString([]byte("sts.amazonaws.com/"+strings.Repeat("Q", 120))), "!aws-bedrock-short-term-api-key", ""},
		{"GitHub App installation token, stateless format", "export GITHUB_TOKEN=" + ghsJWT, "github-app-installation-token-jwt", ghsJWT},
		{"GitHub stateless token: no signature", "token: " + strings.Join(strings.Split(ghsJWT, ".")[:2], "."), "!github-app-installation-token-jwt", ""},
		{"Adobe client secret", `ADOBE_CLIENT_SECRET="p8e-M1eWrP3uIZ35wyVpbDO0tdDFPu2OOjUz"`, "adobe-client-secret", "p8e-M1eWrP3uIZ35wyVpbDO0tdDFPu2OOjUz"},
		{"Adobe: too short", `client_secret: p8e-M1eWrP3uIZ35`, "!adobe-client-secret", ""},
		{"Frame.io developer token", `frameio_token = "fio-u-NYAAvjIrXTa9cDxIzLjz9ilp2nM8Z4WwcdtdgJzp8P7mTohsgnrb44Ds0EXR_oxQ"`, "frameio-developer-token", "fio-u-NYAAvjIrXTa9cDxIzLjz9ilp2nM8Z4WwcdtdgJzp8P7mTohsgnrb44Ds0EXR_oxQ"},
		{"Scalingo API token", `SCALINGO_API_TOKEN=tk-us-EVybB6X22ErphBWafZa75WVaOVQMQT948pt2h91AoliUjoLF`, "scalingo-api-token", "tk-us-EVybB6X22ErphBWafZa75WVaOVQMQT948pt2h91AoliUjoLF"},
		{"Dependency-Track API key", `curl -H "X-Api-Key: odt_ikrkMNm5uQ6Y0digL0uF3mFDKhsGpDba" https://dtrack.example.org/api/v1/project`, "dependency-track-api-key", "odt_ikrkMNm5uQ6Y0digL0uF3mFDKhsGpDba"},
		{"Dependency-Track: a word", `see odt_settings_for_export in the manual`, "!dependency-track-api-key", ""},
		{"Atlas service account secret", `{"clientId": "mdb_sa_id_65f1c0a9e4b0d2a7c3f81e42", "clientSecret": "mdb_sa_sk_kFNdk07O1wqsOj25VMPLWTT2Her2RRuw3hhvOLhX"}`, "mongodb-atlas-service-account-secret", "mdb_sa_sk_kFNdk07O1wqsOj25VMPLWTT2Her2RRuw3hhvOLhX"},
		{"StackHawk API key", `HAWK_API_KEY=hawk.h9TRPgtoYGXnev5RsM2u.y7ce5vTjVgd8fQrJnW4N`, "stackhawk-api-key", "hawk.h9TRPgtoYGXnev5RsM2u.y7ce5vTjVgd8fQrJnW4N"},
		{"StackHawk: a host name", `mirror: hawk.example.org`, "!stackhawk-api-key", ""},
		{"Sourcegraph token without an instance id", `SRC_ACCESS_TOKEN=sgp_79b7706ab6151137259adf6342c785996483b5c6`, "sourcegraph-access-token-legacy", "sgp_79b7706ab6151137259adf6342c785996483b5c6"},
		{"SettleMint personal access token", `SETTLEMINT_ACCESS_TOKEN=sm_pat_dOpEQUjCytzTGvE5`, "settlemint-access-token", "sm_pat_dOpEQUjCytzTGvE5"},
		{"SettleMint: a snake-case name", `sm_pat_handler_v2 = register()`, "!settlemint-access-token", ""},
		{"Clojars deploy token", `CLOJARS_PASSWORD=CLOJARS_qw7b3pdkhx4py8gpan0rlykei2iiaannkksum8nlmytbx0kjqevtavetwt4u`, "clojars-deploy-token", "CLOJARS_qw7b3pdkhx4py8gpan0rlykei2iiaannkksum8nlmytbx0kjqevtavetwt4u"},
		{"Clojars: the variable's name alone", `env: CLOJARS_USERNAME and CLOJARS_PASSWORD from secrets`, "!clojars-deploy-token", ""},
		{"New Relic REST API key", `newrelic_rest_key: NRRA-5ff5180bc0dbc0e15637ebb8e3b91d26ab4a829a95`, "newrelic-rest-api-key", "NRRA-5ff5180bc0dbc0e15637ebb8e3b91d26ab4a829a95"},
		{"Pixie API key", `PX_API_KEY=px-api-261c374b-a076-47d6-9404-ab1ecc7c6d81`, "pixie-api-key", "px-api-261c374b-a076-47d6-9404-ab1ecc7c6d81"},
		{"Pixie deploy key", `px deploy --deploy_key px-dep-ff297d0e-4f2e-44fc-b06d-bee0b89c4e56`, "pixie-deploy-key", "px-dep-ff297d0e-4f2e-44fc-b06d-bee0b89c4e56"},
		{"Packagist API token", `composer config --global --auth http-basic.repo.packagist.com token packagist_out_f512c17b8ed411fa644d35db41d94e5efaf89fc43c5fa52f8b2b19b8f89a50f8a8e9`, "packagist-api-token", "packagist_out_f512c17b8ed411fa644d35db41d94e5efaf89fc43c5fa52f8b2b19b8f89a50f8a8e9"},
		{"Packagist: a kind it does not issue", `packagist_abc_f512c17b8ed411fa644d35db41d94e5efaf89fc43c5fa52f8b2b19b8f89a50f8a8e9`, "!packagist-api-token", ""},
		// providers of the peers' catalogues the provider catalogue lacked, known by
		// their name beside a value of their shape
		{"AppOptics token", `APPOPTICS_TOKEN=GPzEyoL8EsaJd-wyXxQPplH8ACyjkz4jmBQ2lm7knI4pShZFC8ZrXbeg-fT3pG_h8msMlc_`, "appoptics-api-key", "GPzEyoL8EsaJd-wyXxQPplH8ACyjkz4jmBQ2lm7knI4pShZFC8ZrXbeg-fT3pG_h8msMlc_"},
		{"BombBomb API key", `bombbomb_api_key: "tNQAH/ZKDQR6Le46x/M0RXqFayxSVEwMGXfC1fqJNPHUl42T6GAJ+SQSCUgELjdoKtlUN8SR6/rNY9uAkSyloWOP"`, "bombbomb-api-key", "tNQAH/ZKDQR6Le46x/M0RXqFayxSVEwMGXfC1fqJNPHUl42T6GAJ+SQSCUgELjdoKtlUN8SR6/rNY9uAkSyloWOP"},
		{"CloudSight API key", `cloudsight_key = "x47z68zqy9tfrgjixdn9d7"`, "cloudsight-api-key", "x47z68zqy9tfrgjixdn9d7"},
		{"Databox token", `DATABOX_TOKEN=b2U9LhOS0irYkPvdRHUNL`, "databox-api-key", "b2U9LhOS0irYkPvdRHUNL"},
		{"Rockset API key", `ROCKSET_APIKEY=9yf4StfxDPNV2adCV1jFzYI20eBahcyXic6YOZq0M7qO60lI5QfecJUyGTelVEnI`, "rockset-api-key", "9yf4StfxDPNV2adCV1jFzYI20eBahcyXic6YOZq0M7qO60lI5QfecJUyGTelVEnI"},
		{"Rockset: a digest under another name", `checksum: 9yf4StfxDPNV2adCV1jFzYI20eBahcyXic6YOZq0M7qO60lI5QfecJUyGTelVEnI`, "!rockset-api-key", ""},
		// a Meta app access token: the app id and the token Graph API returns for client
		// credentials joined by "|", beside the name
		{"app access token, returned form", `facebook_app_token = "731902458813047|Qm7vX2rTz9_kLp4Wd8NcY1aHsEf"`, "facebook-app-access-token", "731902458813047|Qm7vX2rTz9_kLp4Wd8NcY1aHsEf"},
		{"a pipe-joined pair under another name", `row = "731902458813047|Qm7vX2rTz9_kLp4Wd8NcY1aHsEf"`, "!facebook-app-access-token", ""},
	} {
		checkClassCase(t, e, c.class, c.text, c.rule, c.value)
	}
}
