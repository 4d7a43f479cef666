package verify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Why tenant-hosted issuers are not asked.
const notFromData = "; leakwatch never sends a secret to a host taken from scanned data, so it was not asked"

// Clouds and infrastructure.
var cloudVerifiers = []*Verifier{
	{
		ID: "aws", Name: "AWS",
		Rules:   []string{ruleAWSKeyID, ruleAWSTempKeyID, ruleAWSSecret},
		Hosts:   []string{"sts.amazonaws.com"},
		Request: "GET https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15, signed with SigV4 (sts, us-east-1) with the found key pair",
		Doc:     "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
		Relies: "200 GetCallerIdentityResult with Arn: live (the ARN names account and principal); 403 InvalidClientTokenId: revoked; " +
			"403 ExpiredToken: revoked; 403 SignatureDoesNotMatch (key ID known, paired secret wrong): unknown; 400 Throttling or 429: unknown " +
			"(errors: https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html). GetCallerIdentity needs no permission and cannot be denied.",
		Pair:    "access key ID ↔ secret access key from the same record (and the session token for an ASIA… temporary key)",
		prepare: awsPrepare,
		check:   awsCheck,
	},
	{
		ID: "azure-storage", Name: "Azure Storage",
		Rules:   []string{"azure-storage-account-key"},
		Request: "none",
		Doc:     "https://learn.microsoft.com/en-us/rest/api/storageservices/authorize-with-shared-key",
		Relies:  "not asked: an account key is checked at the storage account's own host",
		NotAsked: "an Azure storage account key can only be checked at the account's own host (<account>.blob.core.windows.net), " +
			"named by the scanned data" + notFromData,
	},
	{
		ID: "digitalocean", Name: "DigitalOcean",
		Rules:   []string{"digitalocean-pat", "digitalocean-oauth-token"},
		Hosts:   []string{"api.digitalocean.com"},
		Request: "GET https://api.digitalocean.com/v2/account, Authorization: Bearer",
		Doc:     "https://docs.digitalocean.com/reference/api/digitalocean/#tag/Account/operation/account_get",
		Relies:  "200 with account.status and account.team.name: live; 401 (unauthorized): revoked; 429: unknown",
		check: simple(bearerGET("api.digitalocean.com", "/v2/account"), on{identity: func(r *response) string {
			d := parse(r.body)
			return join("; ", labeled("team", d.str("account", "team", "name")), labeled("status", d.str("account", "status")))
		}}),
	},
	{
		ID: "heroku", Name: "Heroku",
		Rules:   []string{"heroku-api-key", "heroku-api-key-legacy"},
		Hosts:   []string{"api.heroku.com"},
		Request: "GET https://api.heroku.com/account, Authorization: Bearer, Accept: application/vnd.heroku+json; version=3",
		Doc:     "https://devcenter.heroku.com/articles/platform-api-reference#account-info",
		Relies:  "200 with the account: live (no identity recorded: the account is a person's e-mail); 401 id unauthorized: revoked; 429 rate_limit: unknown",
		check: simple(func(s Secret) *request {
			return get("api.heroku.com", "/account").bearer(s.Value).set("Accept", "application/vnd.heroku+json; version=3")
		}, on{}),
	},
	{
		ID: "cloudflare", Name: "Cloudflare",
		Rules: []string{"cloudflare-api-token", "cloudflare-global-api-key"},
		Hosts: []string{"api.cloudflare.com"},
		Request: "GET https://api.cloudflare.com/client/v4/user/tokens/verify, Authorization: Bearer " +
			"(global API keys: GET /client/v4/user with X-Auth-Email and X-Auth-Key)",
		Doc: "https://developers.cloudflare.com/api/resources/user/subresources/tokens/methods/verify/",
		Relies: "200 success with result.status active: live; status disabled or expired: revoked; errors code 1000 (Invalid API Token) " +
			"or 9103 (unknown X-Auth-Key or X-Auth-Email): revoked; 429: unknown",
		Pair: "global API keys: the one e-mail address in the same record",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			if rule == "cloudflare-global-api-key" {
				return need(rule, value, rec, "e-mail address", []string{ruleEmail}, reEmail)
			}
			return Secret{Rule: rule, Value: value}, ""
		},
		check: cloudflareCheck,
	},
	{
		ID: "datadog", Name: "Datadog",
		Rules: []string{"datadog-api-key"},
		Hosts: datadogSites,
		Request: "GET https://api.datadoghq.com/api/v1/validate with DD-API-KEY, then the same on the other Datadog sites " +
			"(EU, US3, US5, AP1, US1-FED) until one accepts it; a site named in the record is asked first",
		Doc:    "https://docs.datadoghq.com/api/latest/authentication/#validate-api-key",
		Relies: "200 {\"valid\":true}: live on that site; 403 on every site: revoked; 429: unknown",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			s := Secret{Rule: rule, Value: value}
			if h := rec.hint(datadogHints); h != "" {
				s.Hint = "api." + h
			}
			return s, ""
		},
		check: datadogCheck,
	},
	{
		ID: "newrelic", Name: "New Relic",
		Rules:   []string{"newrelic-user-api-key"},
		Hosts:   []string{"api.newrelic.com", "api.eu.newrelic.com"},
		Request: "POST https://api.newrelic.com/graphql (then api.eu.newrelic.com), API-Key header, the read-only query { actor { accounts { name } } }",
		Doc:     "https://docs.newrelic.com/docs/apis/nerdgraph/get-started/introduction-new-relic-nerdgraph/",
		Relies:  "200 with data.actor: live (account names); 401/403, or errors without data, in both regions: revoked; 429: unknown",
		check:   newRelicCheck,
	},
	{
		ID: "sentry", Name: "Sentry",
		Rules:   []string{"sentry-auth-token", "sentry-user-token"},
		Hosts:   []string{"sentry.io", "us.sentry.io", "de.sentry.io"},
		Request: "GET https://sentry.io/api/0/organizations/ (an organization token's own region: us.sentry.io or de.sentry.io), Authorization: Bearer",
		Doc:     "https://docs.sentry.io/api/organizations/list-your-organizations/",
		Relies: "200 with organizations: live (their slugs); 401: revoked; 403: live (restricted); 429: unknown. " +
			"An organization token that names a self-hosted server is not sent anywhere",
		prepare: sentryPrepare,
		check: func(ctx context.Context, c *call, s Secret) Result {
			host := s.Hint
			if host == "" {
				host = "sentry.io"
			}
			resp, err := c.do(ctx, get(host, "/api/0/organizations/").bearer(s.Value))
			if err != nil {
				return failed(err)
			}
			return on{restricted: []int{http.StatusForbidden}, identity: func(r *response) string {
				d := parse(r.body)
				if orgs := strsOf(d.list(), "slug"); len(orgs) > 0 {
					return "organizations " + names(orgs, 3)
				}
				return ""
			}}.read(resp)
		},
	},
	{
		ID: "vercel", Name: "Vercel",
		Rules:   []string{"vercel-token"},
		Hosts:   []string{"api.vercel.com"},
		Request: "GET https://api.vercel.com/v2/user, Authorization: Bearer",
		Doc:     "https://vercel.com/docs/rest-api/reference/endpoints/user/get-the-user",
		Relies:  "200 with user.username: live; 401, or 403 with error.invalidToken: revoked; other 403: live (restricted); 429: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			resp, err := c.do(ctx, get("api.vercel.com", "/v2/user").bearer(s.Value))
			if err != nil {
				return failed(err)
			}
			if resp.status == http.StatusForbidden {
				if inv, _ := parse(resp.body).boolean("error", "invalidToken"); inv {
					return revoked("Vercel: invalid token (HTTP 403, invalidToken)")
				}
			}
			return on{restricted: []int{http.StatusForbidden}, identity: jsonField("user", "user", "username")}.read(resp)
		},
	},
	{
		ID: "netlify", Name: "Netlify",
		Rules:   []string{"netlify-token"},
		Hosts:   []string{"api.netlify.com"},
		Request: "GET https://api.netlify.com/api/v1/user, Authorization: Bearer",
		Doc:     "https://open-api.netlify.com/#tag/user/operation/getCurrentUser",
		Relies:  "200 with the user (slug): live; 401: revoked; 429: unknown",
		check:   simple(bearerGET("api.netlify.com", "/api/v1/user"), on{identity: jsonField("user", "slug")}),
	},
	{
		ID: "supabase", Name: "Supabase",
		Rules:   []string{"supabase-access-token", "supabase-secret-key"},
		Hosts:   []string{"api.supabase.com"},
		Request: "GET https://api.supabase.com/v1/organizations, Authorization: Bearer (personal access tokens; project secret keys are not asked)",
		Doc:     "https://supabase.com/docs/reference/api/v1-list-all-organizations",
		Relies:  "200 with organizations: live (their names); 401: revoked; 429: unknown",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			if rule == "supabase-secret-key" {
				return Secret{Rule: rule, Value: value}, "a Supabase project secret key can only be checked at the project's own host " +
					"(<ref>.supabase.co), named by the scanned data" + notFromData
			}
			return Secret{Rule: rule, Value: value}, ""
		},
		check: simple(bearerGET("api.supabase.com", "/v1/organizations"), on{identity: func(r *response) string {
			if orgs := strsOf(parse(r.body).list(), "name"); len(orgs) > 0 {
				return "organizations " + names(orgs, 3)
			}
			return ""
		}}),
	},
	{
		ID: "okta", Name: "Okta",
		Rules:   []string{"okta-api-token"},
		Request: "none",
		Doc:     "https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/getUser",
		Relies:  "not asked: an Okta API token is checked at the organization's own host",
		NotAsked: "an Okta API token can only be checked at its organization's own host (<org>.okta.com or a custom domain), " +
			"named by the scanned data" + notFromData,
	},
}

// emptySHA256 is the payload hash of a request without a body.
var emptySHA256 = func() string { s := sha256.Sum256(nil); return hex.EncodeToString(s[:]) }()

// awsPrepare pairs an access key ID with the secret access key of the same record
// (either may be the finding) and a temporary key with its session token. The secret's
// Value is always the secret access key and Pair the key ID, so both findings of a pair
// share one request.
func awsPrepare(rule, value string, rec *Record) (Secret, string) {
	var s Secret
	var missing string
	if rule == ruleAWSSecret {
		s, missing = need(rule, value, rec, "AWS access key ID", []string{ruleAWSKeyID, ruleAWSTempKeyID}, reAWSKeyID)
	} else {
		var p Secret
		p, missing = need(rule, value, rec, "AWS secret access key", []string{ruleAWSSecret})
		s = Secret{Rule: rule, Value: p.Pair, Pair: value}
	}
	if missing != "" {
		return Secret{Rule: rule, Value: value}, missing
	}
	if strings.HasPrefix(s.Pair, "ASIA") {
		tok, prob := rec.find([]string{ruleAWSSession})
		if prob != pairOK {
			return Secret{Rule: rule, Value: value}, "a temporary (ASIA…) key needs its session token from the same record; not asked"
		}
		s.Extra = tok
	}
	return s, ""
}

func awsCheck(ctx context.Context, c *call, s Secret) Result {
	rq := get("sts.amazonaws.com", "/")
	rq.query = "Action=GetCallerIdentity&Version=2011-06-15"
	rq.set("Accept", "application/xml")
	rq.sign = func(req *http.Request) error {
		creds := aws.Credentials{AccessKeyID: s.Pair, SecretAccessKey: s.Value, SessionToken: s.Extra}
		return v4.NewSigner().SignHTTP(ctx, creds, req, emptySHA256, "sts", "us-east-1", c.r.cfg.now().UTC())
	}
	resp, err := c.do(ctx, rq)
	if err != nil {
		return failed(err)
	}
	if resp.status == http.StatusOK {
		var id awsIdentity
		if parseXML(resp.body, &id) && id.Arn != "" {
			return live(id.Arn)
		}
		return unknown("AWS answered 200 without a caller identity")
	}
	var e awsError
	parseXML(resp.body, &e)
	switch e.Code {
	case "InvalidClientTokenId":
		return revoked("AWS: the access key ID is not valid (InvalidClientTokenId)")
	case "ExpiredToken":
		return revoked("AWS: the temporary credentials have expired (ExpiredToken)")
	case "SignatureDoesNotMatch":
		return unknown("AWS knows the access key ID, but the secret key paired with it from the same record does not match (SignatureDoesNotMatch)")
	case "Throttling", "ThrottlingException", "RequestLimitExceeded":
		return rateLimited("AWS " + e.Code)
	}
	return other(resp)
}

func cloudflareCheck(ctx context.Context, c *call, s Secret) Result {
	var rq *request
	if s.Rule == "cloudflare-global-api-key" {
		rq = get("api.cloudflare.com", "/client/v4/user").set("X-Auth-Email", s.Pair).set("X-Auth-Key", s.Value)
	} else {
		rq = get("api.cloudflare.com", "/client/v4/user/tokens/verify").bearer(s.Value)
	}
	resp, err := c.do(ctx, rq)
	if err != nil {
		return failed(err)
	}
	d := parse(resp.body)
	if resp.status == http.StatusOK {
		if ok, _ := d.boolean("success"); ok {
			if s.Rule == "cloudflare-global-api-key" {
				return live("global API key of the account of the e-mail address in the same record")
			}
			switch st := d.str("result", "status"); st {
			case "active", "":
				return live(labeled("token status", st))
			default:
				return revoked("Cloudflare: token status " + st)
			}
		}
	}
	for _, e := range d.list("errors") {
		switch e.str("code") {
		case "1000":
			return revoked("Cloudflare: invalid API token (code 1000)")
		case "9103":
			return revoked("Cloudflare: unknown X-Auth-Key or X-Auth-Email (code 9103)")
		}
	}
	return other(resp)
}

// Datadog's sites, US1 first (the default), and the host names records mention them by.
var (
	datadogSites = []string{"api.datadoghq.com", "api.datadoghq.eu", "api.us3.datadoghq.com", "api.us5.datadoghq.com",
		"api.ap1.datadoghq.com", "api.ddog-gov.com"}
	datadogHints = []string{"us3.datadoghq.com", "us5.datadoghq.com", "ap1.datadoghq.com", "datadoghq.eu", "ddog-gov.com"}
)

func datadogCheck(ctx context.Context, c *call, s Secret) Result {
	sites := datadogSites
	if s.Hint != "" && slices.Contains(sites, s.Hint) {
		sites = append([]string{s.Hint}, slices.DeleteFunc(slices.Clone(sites), func(h string) bool { return h == s.Hint })...)
	}
	for _, host := range sites {
		resp, err := c.do(ctx, get(host, "/api/v1/validate").set("DD-API-KEY", s.Value))
		if err != nil {
			return failed(err)
		}
		switch resp.status {
		case http.StatusOK:
			if ok, _ := parse(resp.body).boolean("valid"); ok {
				return live("site " + strings.TrimPrefix(host, "api."))
			}
			return unknown("Datadog answered 200 without valid:true")
		case http.StatusForbidden:
			continue
		}
		return other(resp)
	}
	return revoked(fmt.Sprintf("rejected (HTTP 403) by all %d Datadog sites", len(sites)))
}

const newRelicQuery = `{"query":"{ actor { accounts { name } } }"}`

func newRelicCheck(ctx context.Context, c *call, s Secret) Result {
	for _, host := range []string{"api.newrelic.com", "api.eu.newrelic.com"} {
		rq := &request{method: http.MethodPost, host: host, path: "/graphql", header: http.Header{}, body: []byte(newRelicQuery)}
		rq.set("Content-Type", "application/json").set("API-Key", s.Value)
		resp, err := c.do(ctx, rq)
		if err != nil {
			return failed(err)
		}
		d := parse(resp.body)
		switch {
		case resp.status == http.StatusOK && d.exists("data", "actor"):
			id := "region " + map[string]string{"api.newrelic.com": "US", "api.eu.newrelic.com": "EU"}[host]
			if accts := strsOf(d.list("data", "actor", "accounts"), "name"); len(accts) > 0 {
				id += "; accounts " + names(accts, 3)
			}
			return live(id)
		case resp.status == http.StatusUnauthorized || resp.status == http.StatusForbidden ||
			(resp.status == http.StatusOK && len(d.list("errors")) > 0):
			continue
		}
		return other(resp)
	}
	return revoked("rejected by New Relic's US and EU regions")
}

// sentryPrepare reads the region an organization token names (sntrys_<base64 JSON>_…):
// the token is sent to that region's fixed host, and a token of a self-hosted server is
// not sent at all.
func sentryPrepare(rule, value string, rec *Record) (Secret, string) {
	s := Secret{Rule: rule, Value: value}
	if !strings.HasPrefix(value, "sntrys_") {
		return s, ""
	}
	body := strings.TrimPrefix(value, "sntrys_")
	if i := strings.LastIndexByte(body, '_'); i > 0 {
		body = body[:i]
	}
	raw, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(body, "="))
	}
	if err != nil || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
		return s, ""
	}
	d := parse(raw)
	for _, k := range []string{"region_url", "url"} {
		u, err := url.Parse(d.str(k))
		if err != nil || u.Host == "" {
			continue
		}
		switch h := strings.ToLower(u.Host); h {
		case "sentry.io", "us.sentry.io", "de.sentry.io":
			s.Hint = h
			return s, ""
		default:
			return s, "the token names a self-hosted Sentry server, not sentry.io" + notFromData
		}
	}
	return s, ""
}

// strsOf collects a string field of each element.
func strsOf(arr []doc, path ...string) []string {
	var out []string
	for _, e := range arr {
		if s := e.str(path...); s != "" {
			out = append(out, s)
		}
	}
	return out
}
