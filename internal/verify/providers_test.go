package verify

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// fake returns prefix followed by n characters from alphabet, the same on every run.
func fake(prefix string, n int, alphabet string) string {
	r := rand.New(rand.NewPCG(uint64(len(prefix)*131+n), uint64(len(alphabet))))
	b := []byte(prefix)
	for range n {
		b = append(b, alphabet[r.IntN(len(alphabet))])
	}
	return string(b)
}

const (
	hexd   = "0123456789abcdef"
	alnum  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	urlb64 = alnum + "-_"
	upper  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

var (
	awsKeyID     = fake("AKIA", 16, upper)
	awsSecretKey = fake("", 40, alnum+"+/")
	twilioSID    = fake("AC", 32, hexd)
	twilioToken  = fake("", 32, hexd)
	discordHook  = fake("", 68, urlb64)
)

// want is the request a verifier must make: method, host, path, query, the headers that
// carry the secret (exact values) and the body (exact; empty means none at all).
type want struct {
	method, host, path, query string
	header                    map[string]string
	absent                    []string // headers that must not be sent
	body                      string
}

// vcase drives one verifier through the issuer's documented answers for a live, a
// revoked and a rate-limited key.
type vcase struct {
	id       string
	rule     string
	value    string
	record   string  // the record's text, for paired values
	found    []Found // other secrets detected in the record
	want     want
	live     reply
	identity string // expected in the live verdict's identity
	revoked  reply  // served to every request of the revoked key
	requests int    // requests a revoked key takes (default 1)
	limited  reply
	check    func(t *testing.T, s seen) // extra request checks (SigV4)
}

func bearer(v string) map[string]string { return map[string]string{"Authorization": "Bearer " + v} }

func basicAuth(u, p string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p))
}

func cases() []vcase {
	openai := fake("sk-proj-", 64, urlb64) + "T3BlbkFJ" + fake("", 64, urlb64)
	openaiAdmin := fake("sk-admin-", 58, urlb64) + "T3BlbkFJ" + fake("x", 58, urlb64)
	anthropic := fake("sk-ant-api03-", 93, urlb64) + "AA"
	anthropicAdmin := fake("sk-ant-admin01-", 93, urlb64) + "AA"
	deepseek := fake("sk-", 32, hexd)
	google := fake("AIza", 35, urlb64)
	hf := fake("hf_", 34, alnum)
	mistral := fake("", 32, alnum)
	groq := fake("gsk_", 52, alnum)
	cohere := fake("", 40, alnum)
	replicate := fake("r8_", 37, alnum)
	gh := fake("ghp_", 36, alnum)
	gl := fake("glpat-", 20, urlb64)
	slack := fake("xoxb-", 50, alnum+"-")
	stripe := fake("sk_live_", 99, alnum)
	sendgrid := fake("SG.", 22, urlb64) + "." + fake("", 43, urlb64)
	mailgun := fake("key-", 32, hexd)
	telegram := "123456789:AA" + fake("", 33, urlb64)
	discordBot := fake("M", 25, urlb64) + "." + fake("", 6, urlb64) + "." + fake("", 38, urlb64)
	npm := fake("npm_", 36, alnum)
	docker := fake("dckr_pat_", 27, urlb64)
	datadog := fake("", 32, hexd)
	newrelic := fake("NRAK-", 27, upper)
	sentry := fake("sntryu_", 64, hexd)
	cfToken := fake("", 40, urlb64)
	do := fake("dop_v1_", 64, hexd)
	heroku := fake("HRKU-", 60, urlb64)
	square := fake("EAAA", 60, urlb64)
	postmark := "1f0e3c4a-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
	linear := fake("lin_api_", 40, alnum)
	notion := fake("ntn_", 46, alnum)
	airtable := fake("pat", 14, alnum) + "." + fake("", 64, hexd)
	bitbucket := fake("ATBB", 32, alnum)
	vercel := fake("", 24, alnum)
	netlify := fake("nfp_", 36, alnum)
	supabase := fake("sbp_", 40, hexd)

	return []vcase{
		{id: "openai", rule: "openai-project-key", value: openai,
			want:     want{method: "GET", host: "api.openai.com", path: "/v1/models", header: bearer(openai)},
			live:     reply{200, map[string]string{"openai-organization": "acme-research"}, `{"object":"list","data":[{"id":"gpt-4o","object":"model","owned_by":"system"}]}`},
			revoked:  reply{401, nil, `{"error":{"message":"Incorrect API key provided: sk-proj-****.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`},
			limited:  reply{429, nil, `{"error":{"message":"Rate limit reached for requests","type":"requests","code":"rate_limit_exceeded"}}`},
			identity: "organization acme-research"},
		{id: "openai", rule: "openai-admin-key", value: openaiAdmin,
			want:     want{method: "GET", host: "api.openai.com", path: "/v1/organization/projects", query: "limit=1", header: bearer(openaiAdmin)},
			live:     reply{200, map[string]string{"openai-organization": "acme-research"}, `{"object":"list","data":[{"id":"proj_abc","object":"organization.project","name":"Default"}],"has_more":false}`},
			revoked:  reply{401, nil, `{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}`},
			limited:  reply{429, nil, `{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}`},
			identity: "organization acme-research"},
		{id: "anthropic", rule: "anthropic-api-key", value: anthropic,
			want: want{method: "GET", host: "api.anthropic.com", path: "/v1/models", query: "limit=1",
				header: map[string]string{"x-api-key": anthropic, "anthropic-version": "2023-06-01"}, absent: []string{"Authorization"}},
			live:    reply{200, nil, `{"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5","created_at":"2025-09-29T00:00:00Z"}],"has_more":true,"first_id":"claude-sonnet-4-5","last_id":"claude-sonnet-4-5"}`},
			revoked: reply{401, nil, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`},
			limited: reply{429, map[string]string{"retry-after": "20"}, `{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}`}},
		{id: "anthropic", rule: "anthropic-admin-key", value: anthropicAdmin,
			want: want{method: "GET", host: "api.anthropic.com", path: "/v1/organizations/me",
				header: map[string]string{"x-api-key": anthropicAdmin, "anthropic-version": "2023-06-01"}},
			live:     reply{200, nil, `{"id":"12345678-1234-5678-1234-567812345678","type":"organization","name":"Acme Research"}`},
			revoked:  reply{401, nil, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`},
			limited:  reply{429, nil, `{"type":"error","error":{"type":"rate_limit_error","message":"rate limited"}}`},
			identity: "organization Acme Research"},
		{id: "deepseek", rule: "deepseek-api-key", value: deepseek,
			want:    want{method: "GET", host: "api.deepseek.com", path: "/models", header: bearer(deepseek)},
			live:    reply{200, nil, `{"object":"list","data":[{"id":"deepseek-chat","object":"model","owned_by":"deepseek"}]}`},
			revoked: reply{401, nil, `{"error":{"message":"Authentication Fails, Your api key: ****abcd is invalid","type":"authentication_error","param":null,"code":"invalid_request_error"}}`},
			limited: reply{429, nil, `{"error":{"message":"Rate Limit Reached","type":"rate_limit_error"}}`}},
		{id: "google", rule: "google-api-key", value: google,
			want: want{method: "GET", host: "generativelanguage.googleapis.com", path: "/v1beta/models", query: "pageSize=1",
				header: map[string]string{"x-goog-api-key": google}, absent: []string{"Authorization"}},
			live: reply{200, nil, `{"models":[{"name":"models/gemini-2.5-flash","displayName":"Gemini 2.5 Flash"}],"nextPageToken":"x"}`},
			revoked: reply{400, nil, `{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT",` +
				`"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}`},
			limited:  reply{429, nil, `{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`},
			identity: "Gemini API enabled"},
		{id: "huggingface", rule: "huggingface-token", value: hf,
			want: want{method: "GET", host: "huggingface.co", path: "/api/whoami-v2", header: bearer(hf)},
			live: reply{200, nil, `{"type":"user","id":"62f264b9f3c90f4b6514a269","name":"acme-bot","fullname":"Acme Bot","email":"bot@acme.test",` +
				`"orgs":[],"auth":{"type":"access_token","accessToken":{"displayName":"ci-read","role":"read"}}}`},
			revoked:  reply{401, nil, `{"error":"Invalid credentials in Authorization header"}`},
			limited:  reply{429, nil, `{"error":"You have exceeded our hourly quotas for action: whoami."}`},
			identity: "user acme-bot; token ci-read; role read"},
		{id: "mistral", rule: "mistral-api-key", value: mistral,
			want:    want{method: "GET", host: "api.mistral.ai", path: "/v1/models", header: bearer(mistral)},
			live:    reply{200, nil, `{"object":"list","data":[{"id":"mistral-large-latest","object":"model","owned_by":"mistralai"}]}`},
			revoked: reply{401, nil, `{"message":"Unauthorized","request_id":"0f1e2d3c"}`},
			limited: reply{429, nil, `{"message":"Requests rate limit exceeded"}`}},
		{id: "groq", rule: "groq-api-key", value: groq,
			want:    want{method: "GET", host: "api.groq.com", path: "/openai/v1/models", header: bearer(groq)},
			live:    reply{200, nil, `{"object":"list","data":[{"id":"llama-3.3-70b-versatile","object":"model","owned_by":"Meta"}]}`},
			revoked: reply{401, nil, `{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}`},
			limited: reply{429, nil, `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`}},
		{id: "cohere", rule: "cohere-api-key", value: cohere,
			want:    want{method: "GET", host: "api.cohere.com", path: "/v1/models", query: "page_size=1", header: bearer(cohere)},
			live:    reply{200, nil, `{"models":[{"name":"command-r-plus","endpoints":["chat"]}],"next_page_token":"x"}`},
			revoked: reply{401, nil, `{"id":"9c2b","message":"invalid api token"}`},
			limited: reply{429, nil, `{"id":"9c2c","message":"You are using a Trial key, which is limited to 1000 API calls / month."}`}},
		{id: "replicate", rule: "replicate-api-token", value: replicate,
			want:     want{method: "GET", host: "api.replicate.com", path: "/v1/account", header: bearer(replicate)},
			live:     reply{200, nil, `{"type":"organization","username":"acme","name":"Acme Research","github_url":"https://github.com/acme"}`},
			revoked:  reply{401, nil, `{"title":"Unauthenticated","detail":"You did not pass a valid authentication token","status":401}`},
			limited:  reply{429, nil, `{"title":"Request was throttled.","detail":"Request was throttled. Expected available in 1 second.","status":429}`},
			identity: "organization acme"},
		{id: "aws", rule: "aws-secret-access-key", value: awsSecretKey,
			record: "aws_access_key_id = " + awsKeyID + "\naws_secret_access_key = " + awsSecretKey,
			found:  []Found{{ruleAWSKeyID, awsKeyID}, {ruleAWSSecret, awsSecretKey}},
			want: want{method: "GET", host: "sts.amazonaws.com", path: "/", query: "Action=GetCallerIdentity&Version=2011-06-15",
				absent: []string{"X-Amz-Security-Token"}},
			live: reply{200, map[string]string{"Content-Type": "text/xml"}, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/ci-deployer</Arn>
    <UserId>AIDASAMPLEUSERID12345</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`},
			revoked: reply{403, map[string]string{"Content-Type": "text/xml"}, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>`},
			limited: reply{400, map[string]string{"Content-Type": "text/xml"}, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>`},
			identity: "arn:aws:iam::123456789012:user/ci-deployer",
			check:    func(t *testing.T, s seen) { checkSigV4(t, s, awsKeyID, awsSecretKey, "") }},
		{id: "github", rule: "github-pat", value: gh,
			want: want{method: "GET", host: "api.github.com", path: "/user",
				header: map[string]string{"Authorization": "Bearer " + gh, "X-GitHub-Api-Version": "2022-11-28", "Accept": "application/vnd.github+json"}},
			live:     reply{200, map[string]string{"X-OAuth-Scopes": "repo, read:org"}, `{"login":"octocat","id":1,"type":"User","site_admin":false}`},
			revoked:  reply{401, nil, `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`},
			limited:  reply{403, map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000000"}, `{"message":"API rate limit exceeded for user ID 1."}`},
			identity: "user octocat; scopes repo, read:org"},
		{id: "gitlab", rule: "gitlab-pat", value: gl,
			want: want{method: "GET", host: "gitlab.com", path: "/api/v4/personal_access_tokens/self",
				header: map[string]string{"PRIVATE-TOKEN": gl}, absent: []string{"Authorization"}},
			live: reply{200, nil, `{"id":42,"name":"ci-token","revoked":false,"created_at":"2025-01-06T00:00:00.000Z","scopes":["api","read_user"],` +
				`"user_id":3,"last_used_at":null,"active":true,"expires_at":"2026-12-31"}`},
			revoked: reply{401, map[string]string{"WWW-Authenticate": `Bearer realm="", error="invalid_token", error_description="Token was revoked. You have to re-authorize from the user."`},
				`{"error":"invalid_token","error_description":"Token was revoked. You have to re-authorize from the user."}`},
			limited:  reply{429, map[string]string{"Retry-After": "60"}, `Retry later`},
			identity: "token ci-token; scopes api, read_user"},
		{id: "slack", rule: "slack-bot-token", value: slack,
			want: want{method: "GET", host: "slack.com", path: "/api/auth.test", header: bearer(slack)},
			live: reply{200, map[string]string{"X-OAuth-Scopes": "chat:write,channels:read"},
				`{"ok":true,"url":"https://acme.slack.com/","team":"Acme","user":"deploy-bot","team_id":"T12345","user_id":"W12345","bot_id":"B12345","is_enterprise_install":false}`},
			revoked:  reply{200, nil, `{"ok":false,"error":"invalid_auth"}`},
			limited:  reply{429, map[string]string{"Retry-After": "30"}, `{"ok":false,"error":"ratelimited"}`},
			identity: "team Acme; user deploy-bot; scopes chat:write,channels:read"},
		{id: "stripe", rule: "stripe-secret-key", value: stripe,
			want:     want{method: "GET", host: "api.stripe.com", path: "/v1/account", header: bearer(stripe)},
			live:     reply{200, nil, `{"id":"acct_1Nv0FGQ9RKHgCVdK","object":"account","country":"US","email":"billing@acme.test","settings":{"dashboard":{"display_name":"Acme Shop","timezone":"Etc/UTC"}}}`},
			revoked:  reply{401, nil, `{"error":{"message":"Invalid API Key provided: sk_live_****abcd","type":"invalid_request_error"}}`},
			limited:  reply{429, nil, `{"error":{"code":"rate_limit","message":"Too many requests hit the API too quickly.","type":"invalid_request_error"}}`},
			identity: "account acct_1Nv0FGQ9RKHgCVdK Acme Shop"},
		{id: "twilio", rule: "twilio-auth-token", value: twilioToken,
			record: "TWILIO_ACCOUNT_SID=" + twilioSID + "\nTWILIO_AUTH_TOKEN=" + twilioToken,
			want: want{method: "GET", host: "api.twilio.com", path: "/2010-04-01/Accounts/" + twilioSID + ".json",
				header: map[string]string{"Authorization": basicAuth(twilioSID, twilioToken)}},
			live:     reply{200, nil, `{"sid":"` + twilioSID + `","friendly_name":"Acme Production","status":"active","type":"Full","owner_account_sid":"` + twilioSID + `"}`},
			revoked:  reply{401, nil, `{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}`},
			limited:  reply{429, nil, `{"code":20429,"message":"Too Many Requests","more_info":"https://www.twilio.com/docs/errors/20429","status":429}`},
			identity: "account Acme Production; status active"},
		{id: "sendgrid", rule: "sendgrid-api-key", value: sendgrid,
			want:     want{method: "GET", host: "api.sendgrid.com", path: "/v3/scopes", header: bearer(sendgrid)},
			live:     reply{200, nil, `{"scopes":["mail.send","alerts.read"]}`},
			revoked:  reply{401, nil, `{"errors":[{"field":null,"message":"authorization required"}]}`},
			limited:  reply{429, nil, `{"errors":[{"field":null,"message":"too many requests"}]}`},
			identity: "2 scopes: mail.send, alerts.read"},
		{id: "mailgun", rule: "mailgun-api-key", value: mailgun,
			want: want{method: "GET", host: "api.mailgun.net", path: "/v3/domains", query: "limit=1",
				header: map[string]string{"Authorization": basicAuth("api", mailgun)}},
			live:     reply{200, nil, `{"total_count":2,"items":[{"name":"mg.acme.test","state":"active"}]}`},
			revoked:  reply{401, map[string]string{"Content-Type": "text/plain"}, `Forbidden`},
			requests: 2,
			limited:  reply{429, nil, `{"message":"Too many requests"}`},
			identity: "region US; domains: 2"},
		{id: "telegram", rule: "telegram-bot-token", value: telegram,
			want:     want{method: "GET", host: "api.telegram.org", path: "/bot" + telegram + "/getMe", absent: []string{"Authorization"}},
			live:     reply{200, nil, `{"ok":true,"result":{"id":123456789,"is_bot":true,"first_name":"Acme Alerts","username":"acme_alerts_bot","can_join_groups":true}}`},
			revoked:  reply{401, nil, `{"ok":false,"error_code":401,"description":"Unauthorized"}`},
			limited:  reply{429, nil, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}`},
			identity: "bot @acme_alerts_bot"},
		{id: "discord", rule: "discord-bot-token", value: discordBot,
			want:     want{method: "GET", host: "discord.com", path: "/api/v10/users/@me", header: map[string]string{"Authorization": "Bot " + discordBot}},
			live:     reply{200, nil, `{"id":"80351110224678912","username":"acme-bot","discriminator":"0","bot":true,"verified":true}`},
			revoked:  reply{401, nil, `{"message":"401: Unauthorized","code":0}`},
			limited:  reply{429, nil, `{"message":"You are being rate limited.","retry_after":1.5,"global":false}`},
			identity: "bot acme-bot"},
		{id: "discord", rule: "discord-webhook-url",
			// The URL's own host is never used: only its id and token go to discord.com.
			value: "https://evil.example/api/webhooks/123456789012345678/" + discordHook,
			want: want{method: "GET", host: "discord.com", path: "/api/v10/webhooks/123456789012345678/" + discordHook,
				absent: []string{"Authorization"}},
			live:     reply{200, nil, `{"type":1,"id":"123456789012345678","name":"deploys","channel_id":"199737254929760256","guild_id":"199737254929760256"}`},
			revoked:  reply{404, nil, `{"message":"Unknown Webhook","code":10015}`},
			limited:  reply{429, nil, `{"message":"You are being rate limited.","retry_after":0.5,"global":false}`},
			identity: "webhook deploys"},
		{id: "npm", rule: "npm-token", value: npm,
			want:     want{method: "GET", host: "registry.npmjs.org", path: "/-/whoami", header: bearer(npm)},
			live:     reply{200, nil, `{"username":"acme-ci"}`},
			revoked:  reply{401, nil, `{"error":"Unauthorized"}`},
			limited:  reply{429, nil, `{"error":"Too Many Requests"}`},
			identity: "user acme-ci"},
		{id: "dockerhub", rule: "dockerhub-pat", value: docker,
			record: "DOCKER_USERNAME=acmeci\nDOCKER_PASSWORD=" + docker,
			want: want{method: "POST", host: "hub.docker.com", path: "/v2/auth/token",
				header: map[string]string{"Content-Type": "application/json"}, absent: []string{"Authorization"},
				body: `{"identifier":"acmeci","secret":"` + docker + `"}`},
			live:     reply{200, nil, `{"access_token":"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhY21lY2kifQ.c2lnbmF0dXJl"}`},
			revoked:  reply{401, nil, `{"errinfo":{},"detail":"incorrect username or password","message":"incorrect username or password"}`},
			limited:  reply{429, nil, `{"detail":"too many requests"}`},
			identity: "user acmeci"},
		{id: "datadog", rule: "datadog-api-key", value: datadog,
			want:     want{method: "GET", host: "api.datadoghq.com", path: "/api/v1/validate", header: map[string]string{"DD-API-KEY": datadog}},
			live:     reply{200, nil, `{"valid":true}`},
			revoked:  reply{403, nil, `{"errors":["Forbidden"]}`},
			requests: 6,
			limited:  reply{429, nil, `{"errors":["Rate limit exceeded"]}`},
			identity: "site datadoghq.com"},
		{id: "newrelic", rule: "newrelic-user-api-key", value: newrelic,
			want: want{method: "POST", host: "api.newrelic.com", path: "/graphql",
				header: map[string]string{"API-Key": newrelic, "Content-Type": "application/json"}, body: newRelicQuery},
			live:     reply{200, nil, `{"data":{"actor":{"accounts":[{"name":"Acme Production"}]}}}`},
			revoked:  reply{200, nil, `{"data":{"actor":null},"errors":[{"extensions":{"errorClass":"UNAUTHORIZED"},"message":"Invalid API key"}]}`},
			requests: 2,
			limited:  reply{429, nil, `{"errors":[{"message":"Too many requests"}]}`},
			identity: "region US; accounts Acme Production"},
		{id: "sentry", rule: "sentry-user-token", value: sentry,
			want:     want{method: "GET", host: "sentry.io", path: "/api/0/organizations/", header: bearer(sentry)},
			live:     reply{200, nil, `[{"id":"2","slug":"acme","name":"Acme","dateCreated":"2025-01-06T00:00:00Z","status":{"id":"active","name":"active"}}]`},
			revoked:  reply{401, nil, `{"detail":"Invalid token"}`},
			limited:  reply{429, nil, `{"detail":"You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds"}`},
			identity: "organizations acme"},
		{id: "cloudflare", rule: "cloudflare-api-token", value: cfToken,
			want: want{method: "GET", host: "api.cloudflare.com", path: "/client/v4/user/tokens/verify", header: bearer(cfToken)},
			live: reply{200, nil, `{"result":{"id":"f267e341f3dd4697bd3b9f71dd96247f","status":"active","expires_on":"2030-01-01T00:00:00Z"},` +
				`"success":true,"errors":[],"messages":[{"code":10000,"message":"This API Token is valid and active","type":null}]}`},
			revoked:  reply{401, nil, `{"success":false,"errors":[{"code":1000,"message":"Invalid API Token"}],"messages":[],"result":null}`},
			limited:  reply{429, nil, `{"success":false,"errors":[{"code":971,"message":"Please wait and consider throttling your request speed"}],"messages":[],"result":null}`},
			identity: "token status active"},
		{id: "digitalocean", rule: "digitalocean-pat", value: do,
			want: want{method: "GET", host: "api.digitalocean.com", path: "/v2/account", header: bearer(do)},
			live: reply{200, nil, `{"account":{"droplet_limit":25,"floating_ip_limit":5,"email":"ops@acme.test","name":"Ops","uuid":"b6fr89dbf6d9156cace5f3c78dc9851d957381ef",` +
				`"email_verified":true,"status":"active","status_message":"","team":{"uuid":"5df3e3004a17e242b7c20ca6c9fc25b701a47ece","name":"Acme Ops"}}}`},
			revoked:  reply{401, nil, `{"id":"unauthorized","message":"Unable to authenticate you."}`},
			limited:  reply{429, nil, `{"id":"too_many_requests","message":"API Rate limit exceeded."}`},
			identity: "team Acme Ops; status active"},
		{id: "heroku", rule: "heroku-api-key", value: heroku,
			want: want{method: "GET", host: "api.heroku.com", path: "/account",
				header: map[string]string{"Authorization": "Bearer " + heroku, "Accept": "application/vnd.heroku+json; version=3"}},
			live:    reply{200, nil, `{"allow_tracking":true,"beta":false,"email":"dev@acme.test","id":"01234567-89ab-cdef-0123-456789abcdef","name":"Ada Dev","verified":true}`},
			revoked: reply{401, nil, `{"id":"unauthorized","message":"Invalid credentials provided."}`},
			limited: reply{429, nil, `{"id":"rate_limit","message":"Your account reached the API rate limit"}`}},
		{id: "square", rule: "square-access-token", value: square,
			want:     want{method: "GET", host: "connect.squareup.com", path: "/v2/merchants/me", header: bearer(square)},
			live:     reply{200, nil, `{"merchant":{"id":"MLEFBHHSJGVHD","business_name":"Acme Coffee","country":"US","language_code":"en-US","currency":"USD","status":"ACTIVE"}}`},
			revoked:  reply{401, nil, `{"errors":[{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"This request could not be authorized."}]}`},
			limited:  reply{429, nil, `{"errors":[{"category":"RATE_LIMIT_ERROR","code":"RATE_LIMITED","detail":"Rate limited."}]}`},
			identity: "merchant Acme Coffee"},
		{id: "postmark", rule: "postmark-server-token", value: postmark,
			want: want{method: "GET", host: "api.postmarkapp.com", path: "/server",
				header: map[string]string{"X-Postmark-Server-Token": postmark, "Accept": "application/json"}},
			live:     reply{200, nil, `{"ID":1,"Name":"Acme Transactional","Color":"red","SmtpApiActivated":true,"ServerLink":"https://account.postmarkapp.com/servers/1/streams"}`},
			revoked:  reply{401, nil, `{"ErrorCode":10,"Message":"The Server Token you provided in the X-Postmark-Server-Token request header was invalid."}`},
			requests: 2,
			limited:  reply{429, nil, `{"ErrorCode":429,"Message":"Rate limit exceeded"}`},
			identity: "server Acme Transactional"},
		{id: "linear", rule: "linear-api-key", value: linear,
			want: want{method: "POST", host: "api.linear.app", path: "/graphql",
				header: map[string]string{"Authorization": linear, "Content-Type": "application/json"}, body: `{"query":"{ organization { name } }"}`},
			live: reply{200, nil, `{"data":{"organization":{"name":"Acme"}}}`},
			revoked: reply{400, nil, `{"errors":[{"message":"Authentication required, not authenticated","extensions":{"type":"authentication error",` +
				`"code":"AUTHENTICATION_ERROR","userPresentableMessage":"You need to authenticate to access this operation."}}]}`},
			limited:  reply{400, nil, `{"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED"}}]}`},
			identity: "organization Acme"},
		{id: "notion", rule: "notion-integration-token", value: notion,
			want: want{method: "GET", host: "api.notion.com", path: "/v1/users/me",
				header: map[string]string{"Authorization": "Bearer " + notion, "Notion-Version": "2022-06-28"}},
			live: reply{200, nil, `{"object":"user","id":"16d84278-ab0e-484c-9bdd-b35da3bd8905","name":"Acme Sync","avatar_url":null,"type":"bot",` +
				`"bot":{"owner":{"type":"workspace","workspace":true},"workspace_name":"Acme"}}`},
			revoked:  reply{401, nil, `{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid."}`},
			limited:  reply{429, nil, `{"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited."}`},
			identity: "integration Acme Sync; workspace Acme"},
		{id: "airtable", rule: "airtable-pat", value: airtable,
			want:     want{method: "GET", host: "api.airtable.com", path: "/v0/meta/whoami", header: bearer(airtable)},
			live:     reply{200, nil, `{"id":"usrL2PNC5o3H4lBEi","scopes":["data.records:read","schema.bases:read"]}`},
			revoked:  reply{401, nil, `{"error":{"type":"AUTHENTICATION_REQUIRED","message":"Authentication required"}}`},
			limited:  reply{429, nil, `{"errors":[{"error":"RATE_LIMIT_REACHED","message":"Rate limit exceeded."}]}`},
			identity: "scopes data.records:read, schema.bases:read"},
		{id: "atlassian", rule: "bitbucket-app-password", value: bitbucket,
			record: "BITBUCKET_USERNAME=acme-ci\nBITBUCKET_APP_PASSWORD=" + bitbucket,
			want: want{method: "GET", host: "api.bitbucket.org", path: "/2.0/user",
				header: map[string]string{"Authorization": basicAuth("acme-ci", bitbucket)}},
			live:     reply{200, nil, `{"type":"user","username":"acme-ci","display_name":"Acme CI","uuid":"{d301aafa-d676-4ee0-88be-962be7417567}"}`},
			revoked:  reply{401, map[string]string{"Content-Type": "text/plain"}, ``},
			limited:  reply{429, nil, `{"type":"error","error":{"message":"Rate limit for this resource has been exceeded"}}`},
			identity: "Bitbucket user acme-ci"},
		{id: "vercel", rule: "vercel-token", value: vercel,
			want:     want{method: "GET", host: "api.vercel.com", path: "/v2/user", header: bearer(vercel)},
			live:     reply{200, nil, `{"user":{"id":"AEIIDYVk59zbFF2Sxfyxxmua","email":"dev@acme.test","name":"Ada","username":"acme-dev"}}`},
			revoked:  reply{403, nil, `{"error":{"code":"forbidden","message":"Not authorized","invalidToken":true}}`},
			limited:  reply{429, nil, `{"error":{"code":"rate_limited","message":"Rate limit exceeded"}}`},
			identity: "user acme-dev"},
		{id: "netlify", rule: "netlify-token", value: netlify,
			want:     want{method: "GET", host: "api.netlify.com", path: "/api/v1/user", header: bearer(netlify)},
			live:     reply{200, nil, `{"id":"5b8bb3f0","uid":null,"full_name":"Ada Dev","avatar_url":null,"email":"dev@acme.test","slug":"acme-ops"}`},
			revoked:  reply{401, nil, `{"code":401,"message":"Access Denied: your token is invalid"}`},
			limited:  reply{429, nil, `{"code":429,"message":"Too many requests"}`},
			identity: "user acme-ops"},
		{id: "supabase", rule: "supabase-access-token", value: supabase,
			want:     want{method: "GET", host: "api.supabase.com", path: "/v1/organizations", header: bearer(supabase)},
			live:     reply{200, nil, `[{"id":"vercel_icfg_x","name":"Acme"}]`},
			revoked:  reply{401, nil, `{"message":"Unauthorized"}`},
			limited:  reply{429, nil, `{"message":"Too many requests"}`},
			identity: "organizations Acme"},
	}
}

// verifyOne runs one finding through a fresh runner.
func verifyOne(t *testing.T, r *Runner, rule, value, record string, found []Found) finding.Finding {
	t.Helper()
	fs := []finding.Finding{{Category: finding.Secret, Severity: finding.High, Rule: rule}}
	fs[0].SetSecret(value, false)
	b := r.NewBatch()
	b.Add(0, rule, value, &Record{Text: []string{record}, Found: found})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	b.Apply(ctx, fs)
	return fs[0]
}

func TestVerifiers(t *testing.T) {
	is := newIssuers(t)
	for _, tc := range cases() {
		v := ForRule(tc.rule)
		if v == nil || v.ID != tc.id {
			t.Fatalf("rule %s: verifier %v, want %s", tc.rule, v, tc.id)
		}
		for _, sc := range []struct {
			name  string
			rep   reply
			want  finding.Verified
			check func(t *testing.T, f finding.Finding)
		}{
			{"live", tc.live, finding.VerifiedLive, func(t *testing.T, f finding.Finding) {
				if !strings.Contains(f.VerifiedIdentity, tc.identity) {
					t.Errorf("identity %q, want it to contain %q", f.VerifiedIdentity, tc.identity)
				}
				if strings.Contains(f.VerifiedIdentity, "@acme.test") {
					t.Errorf("identity %q holds an e-mail address", f.VerifiedIdentity)
				}
				if f.Severity != finding.Critical {
					t.Errorf("severity %s, want critical for a live key", f.Severity)
				}
				if f.VerifiedAt == "" {
					t.Error("no verified_at")
				}
			}},
			{"revoked", tc.revoked, finding.VerifiedRevoked, func(t *testing.T, f finding.Finding) {
				if f.Severity != finding.Low {
					t.Errorf("severity %s, want low for a revoked key", f.Severity)
				}
			}},
			{"rate-limited", tc.limited, finding.VerifiedUnknown, func(t *testing.T, f finding.Finding) {
				if !strings.Contains(f.VerifiedReason, "rate-limited") || !strings.Contains(f.VerifiedReason, "not retried") {
					t.Errorf("reason %q, want a rate limit, not retried", f.VerifiedReason)
				}
				if f.Severity != finding.High {
					t.Errorf("severity %s changed for an unknown verdict", f.Severity)
				}
			}},
		} {
			t.Run(tc.rule+"/"+sc.name, func(t *testing.T) {
				is.reset()
				is.answer(sc.rep)
				f := verifyOne(t, is.runner(t, nil), tc.rule, tc.value, tc.record, tc.found)
				if f.Verified != sc.want {
					t.Fatalf("verified %q (%s), want %q", f.Verified, f.VerifiedReason, sc.want)
				}
				sc.check(t, f)
				reqs := is.requests()
				wantN := 1
				if sc.name == "revoked" && tc.requests > 0 {
					wantN = tc.requests
				}
				if len(reqs) != wantN {
					t.Fatalf("%d requests, want %d", len(reqs), wantN)
				}
				checkRequest(t, v, tc.want, reqs[0])
				if tc.check != nil {
					tc.check(t, reqs[0])
				}
				for _, rq := range reqs {
					if !slices.Contains(v.Hosts, rq.host) {
						t.Errorf("request to %s, not one of %v", rq.host, v.Hosts)
					}
				}
				for _, d := range is.dialed() {
					h, port, _ := strings.Cut(d, ":")
					if port != "443" || !slices.Contains(v.Hosts, h) {
						t.Errorf("dialed %s, want one of %v on port 443", d, v.Hosts)
					}
				}
				wantBy := tc.want.method + " https://" + tc.want.host
				if !strings.HasPrefix(f.VerifiedBy, wantBy) {
					t.Errorf("verified_by %q, want it to start with %q", f.VerifiedBy, wantBy)
				}
				for _, field := range []string{f.VerifiedBy, f.VerifiedReason, f.VerifiedIdentity} {
					if strings.Contains(field, tc.value) || (len(tc.value) > 20 && strings.Contains(field, tc.value[len(tc.value)-12:])) {
						t.Errorf("verdict text %q holds the secret", field)
					}
				}
			})
		}
	}
}

// checkRequest holds a request to the shape the issuer documents.
func checkRequest(t *testing.T, v *Verifier, w want, s seen) {
	t.Helper()
	if s.method != w.method || s.host != w.host || s.path != w.path || s.query != w.query {
		t.Errorf("request %s https://%s%s?%s, want %s https://%s%s?%s", s.method, s.host, s.path, s.query, w.method, w.host, w.path, w.query)
	}
	for k, want := range w.header {
		if got := s.header.Get(k); got != want {
			t.Errorf("header %s = %q, want %q", k, got, want)
		}
	}
	for _, k := range w.absent {
		if s.header.Get(k) != "" {
			t.Errorf("header %s sent (%q), want none", k, s.header.Get(k))
		}
	}
	if w.body == "" {
		if len(s.body) != 0 || s.contentLength > 0 {
			t.Errorf("%s request has a body %q", s.method, s.body)
		}
		if s.method != http.MethodGet {
			t.Errorf("method %s without a body", s.method)
		}
	} else {
		var got, exp any
		if json.Unmarshal(s.body, &got) != nil || json.Unmarshal([]byte(w.body), &exp) != nil || !reflect.DeepEqual(got, exp) {
			t.Errorf("body %s, want %s", s.body, w.body)
		}
	}
	if ua := s.header.Get("User-Agent"); !strings.HasPrefix(ua, "leakwatch") {
		t.Errorf("User-Agent %q", ua)
	}
}

// checkSigV4 verifies the request's AWS Signature Version 4: the credential scope names
// the key ID, us-east-1 and sts, and signing the same request with the secret key gives
// the same signature.
func checkSigV4(t *testing.T, s seen, keyID, secret, session string) {
	t.Helper()
	auth := s.header.Get("Authorization")
	date := s.header.Get("X-Amz-Date")
	if len(date) != 16 {
		t.Fatalf("X-Amz-Date %q", date)
	}
	scope := "AWS4-HMAC-SHA256 Credential=" + keyID + "/" + date[:8] + "/us-east-1/sts/aws4_request, SignedHeaders="
	if !strings.HasPrefix(auth, scope) {
		t.Fatalf("Authorization %q, want prefix %q", auth, scope)
	}
	if got := s.header.Get("X-Amz-Security-Token"); got != session {
		t.Errorf("X-Amz-Security-Token %q, want %q", got, session)
	}
	signed := auth[len(scope):]
	signed = signed[:strings.Index(signed, ",")]
	req, _ := http.NewRequest(s.method, "https://"+s.host+s.rawPath+"?"+s.query, nil)
	for _, h := range strings.Split(signed, ";") {
		if h == "host" {
			continue
		}
		req.Header.Set(h, s.header.Get(h))
	}
	req.Header.Del("X-Amz-Date")
	req.Header.Del("X-Amz-Security-Token")
	when, err := time.Parse("20060102T150405Z", date)
	if err != nil {
		t.Fatal(err)
	}
	creds := aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: session}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, emptySHA256, "sts", "us-east-1", when); err != nil {
		t.Fatal(err)
	}
	if got := req.Header.Get("Authorization"); got != auth {
		t.Errorf("signature does not verify with the secret key:\n sent %s\n want %s", auth, got)
	}
}

// Every verifier that asks an issuer is in the table above.
func TestEveryVerifierHasCases(t *testing.T) {
	have := map[string]bool{}
	for _, c := range cases() {
		have[c.id] = true
	}
	for _, v := range registry {
		if v.NotAsked == "" && !have[v.ID] {
			t.Errorf("verifier %s has no live/revoked/rate-limited case", v.ID)
		}
	}
}
