package verify

import (
	"context"
	"fmt"
	"net/http"

	"github.com/leakwatch/leakwatch/internal/lazyre"
)

// Messaging, payments and SaaS.
var saasVerifiers = []*Verifier{
	{
		ID: "slack", Name: "Slack",
		Rules:   []string{"slack-bot-token", "slack-user-token", "slack-legacy-token"},
		Hosts:   []string{"slack.com"},
		Request: "GET https://slack.com/api/auth.test, Authorization: Bearer",
		Doc:     "https://api.slack.com/methods/auth.test",
		Relies: "200 {\"ok\":true,…}: live (team, user, scopes from X-OAuth-Scopes); {\"ok\":false} with invalid_auth, token_revoked, " +
			"token_expired or account_inactive: revoked; 429 or error ratelimited: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			resp, err := c.do(ctx, get("slack.com", "/api/auth.test").bearer(s.Value))
			if err != nil {
				return failed(err)
			}
			if resp.status != http.StatusOK {
				return other(resp)
			}
			d := parse(resp.body)
			if ok, _ := d.boolean("ok"); ok {
				return live(join("; ", labeled("team", d.str("team")), labeled("user", d.str("user")),
					labeled("scopes", resp.header.Get("X-OAuth-Scopes"))))
			}
			switch e := d.str("error"); e {
			case "invalid_auth", "token_revoked", "token_expired", "account_inactive":
				return revoked("Slack: " + e)
			case "ratelimited":
				return rateLimited("Slack ratelimited")
			default:
				return unknown("Slack answered ok:false (" + e + ")")
			}
		},
	},
	{
		ID: "stripe", Name: "Stripe",
		Rules:   []string{"stripe-secret-key", "stripe-restricted-key", "stripe-test-secret-key"},
		Hosts:   []string{"api.stripe.com"},
		Request: "GET https://api.stripe.com/v1/account, Authorization: Bearer",
		Doc:     "https://docs.stripe.com/api/accounts/retrieve",
		Relies: "200 with the account: live (its id and display name); 401 (invalid or expired API key): revoked; 403 (a restricted key " +
			"without this permission): live; 429: unknown (https://docs.stripe.com/error-codes)",
		check: simple(bearerGET("api.stripe.com", "/v1/account"), on{restricted: []int{http.StatusForbidden}, identity: func(r *response) string {
			d := parse(r.body)
			name := d.str("settings", "dashboard", "display_name")
			if name == "" {
				name = d.str("business_profile", "name")
			}
			return labeled("account", d.str("id"), name)
		}}),
	},
	{
		ID: "twilio", Name: "Twilio",
		Rules:   []string{"twilio-auth-token"},
		Hosts:   []string{"api.twilio.com"},
		Request: "GET https://api.twilio.com/2010-04-01/Accounts/{AccountSid}.json, HTTP Basic AccountSid:AuthToken",
		Doc:     "https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource",
		Relies: "200 with friendly_name and status: live (closed: revoked); 401 (error 20003): revoked; 404: unknown; " +
			"429 (error 20429): unknown",
		Pair: "the one account SID (AC + 32 hex digits) in the same record",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			return need(rule, value, rec, "Twilio account SID", nil, reTwilioSID)
		},
		check: func(ctx context.Context, c *call, s Secret) Result {
			resp, err := c.do(ctx, get("api.twilio.com", "/2010-04-01/Accounts/"+s.Pair+".json").basic(s.Pair, s.Value))
			if err != nil {
				return failed(err)
			}
			d := parse(resp.body)
			if resp.status == http.StatusOK && d.str("status") == "closed" {
				return revoked("Twilio: the account is closed")
			}
			return on{identity: func(*response) string {
				return join("; ", labeled("account", d.str("friendly_name")), labeled("status", d.str("status")))
			}}.read(resp)
		},
	},
	{
		ID: "sendgrid", Name: "SendGrid",
		Rules:   []string{"sendgrid-api-key"},
		Hosts:   []string{"api.sendgrid.com"},
		Request: "GET https://api.sendgrid.com/v3/scopes, Authorization: Bearer",
		Doc:     "https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access",
		Relies:  "200 {\"scopes\":[…]}: live (the scopes); 401: revoked; 403: live (restricted); 429: unknown",
		check: simple(bearerGET("api.sendgrid.com", "/v3/scopes"), on{restricted: []int{http.StatusForbidden}, identity: func(r *response) string {
			if sc := strsOf(parse(r.body).list("scopes")); len(sc) > 0 {
				return fmt.Sprintf("%d scopes: %s", len(sc), names(sc, 5))
			}
			return ""
		}}),
	},
	{
		ID: "mailgun", Name: "Mailgun",
		Rules:   []string{"mailgun-api-key", "mailgun-private-key"},
		Hosts:   []string{"api.mailgun.net", "api.eu.mailgun.net"},
		Request: "GET https://api.mailgun.net/v3/domains?limit=1 (then api.eu.mailgun.net), HTTP Basic api:key",
		Doc:     "https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Domains/",
		Relies:  "200 with total_count: live (the number of domains); 401 (Forbidden) in both regions: revoked; 429: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			for _, host := range []string{"api.mailgun.net", "api.eu.mailgun.net"} {
				rq := get(host, "/v3/domains").basic("api", s.Value)
				rq.query = "limit=1"
				resp, err := c.do(ctx, rq)
				if err != nil {
					return failed(err)
				}
				switch resp.status {
				case http.StatusOK:
					region := map[string]string{"api.mailgun.net": "US", "api.eu.mailgun.net": "EU"}[host]
					return live(join("; ", "region "+region, labeled("domains:", parse(resp.body).str("total_count"))))
				case http.StatusUnauthorized:
					continue
				}
				return other(resp)
			}
			return revoked("rejected (HTTP 401) by Mailgun's US and EU regions")
		},
	},
	{
		ID: "telegram", Name: "Telegram",
		Rules:   []string{"telegram-bot-token"},
		Hosts:   []string{"api.telegram.org"},
		Request: "GET https://api.telegram.org/bot<token>/getMe (the token is part of the path; logs show it redacted)",
		Doc:     "https://core.telegram.org/bots/api#getme",
		Relies: "200 {\"ok\":true,\"result\":{\"username\":…}}: live; 401 Unauthorized or 404 Not Found: revoked; " +
			"429 with parameters.retry_after: unknown (https://core.telegram.org/bots/api#making-requests)",
		check: simple(func(s Secret) *request {
			rq := get("api.telegram.org", "/bot"+s.Value+"/getMe")
			rq.shown = "/bot<token>/getMe"
			return rq
		}, on{revoked: []int{http.StatusUnauthorized, http.StatusNotFound}, identity: func(r *response) string {
			if u := parse(r.body).str("result", "username"); u != "" {
				return "bot @" + u
			}
			return ""
		}}),
	},
	{
		ID: "discord", Name: "Discord",
		Rules: []string{"discord-bot-token", "discord-webhook-url"},
		Hosts: []string{"discord.com"},
		Request: "GET https://discord.com/api/v10/users/@me, Authorization: Bot <token>; webhook URLs: GET " +
			"https://discord.com/api/v10/webhooks/{id}/{token} (read-only, nothing is posted)",
		Doc: "https://discord.com/developers/docs/resources/user#get-current-user",
		Relies: "200 with username (webhooks: name): live; 401, or 404 Unknown Webhook (code 10015): revoked; 429: unknown " +
			"(https://discord.com/developers/docs/resources/webhook#get-webhook-with-token)",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			if rule != "discord-webhook-url" {
				return Secret{Rule: rule, Value: value}, ""
			}
			m := reDiscordWebhook.FindStringSubmatch(value)
			if m == nil {
				return Secret{Rule: rule, Value: value}, "not a Discord webhook URL leakwatch can read the id and token from; not asked"
			}
			// The host is fixed (discord.com), whatever the URL said: only id and token are kept.
			return Secret{Rule: rule, Value: m[2], Pair: m[1], PairPublic: true}, ""
		},
		check: func(ctx context.Context, c *call, s Secret) Result {
			if s.Rule == "discord-webhook-url" {
				rq := get("discord.com", "/api/v10/webhooks/"+s.Pair+"/"+s.Value)
				rq.shown = "/api/v10/webhooks/" + s.Pair + "/<token>"
				resp, err := c.do(ctx, rq)
				if err != nil {
					return failed(err)
				}
				return on{revoked: []int{http.StatusUnauthorized, http.StatusNotFound}, identity: jsonField("webhook", "name")}.read(resp)
			}
			resp, err := c.do(ctx, get("discord.com", "/api/v10/users/@me").set("Authorization", "Bot "+s.Value))
			if err != nil {
				return failed(err)
			}
			return on{identity: jsonField("bot", "username")}.read(resp)
		},
	},
	{
		ID: "shopify", Name: "Shopify",
		Rules:   []string{"shopify-access-token", "shopify-custom-app-token", "shopify-private-app-token"},
		Request: "none",
		Doc:     "https://shopify.dev/docs/api/admin-rest/latest/resources/access-scope",
		Relies:  "not asked: a Shopify token is checked at the shop's own host",
		NotAsked: "a Shopify token can only be checked at its shop's own host (<shop>.myshopify.com), named by the scanned data" +
			notFromData,
	},
	{
		ID: "square", Name: "Square",
		Rules:   []string{"square-access-token", "square-legacy-access-token"},
		Hosts:   []string{"connect.squareup.com"},
		Request: "GET https://connect.squareup.com/v2/merchants/me, Authorization: Bearer",
		Doc:     "https://developer.squareup.com/reference/square/merchants-api/retrieve-merchant",
		Relies: "200 with merchant.business_name: live; 401 (AUTHENTICATION_ERROR, UNAUTHORIZED or ACCESS_TOKEN_REVOKED/EXPIRED): revoked; " +
			"403 (insufficient scopes): live (restricted); 429 RATE_LIMITED: unknown. Sandbox tokens are not asked at the sandbox",
		check: simple(bearerGET("connect.squareup.com", "/v2/merchants/me"), on{restricted: []int{http.StatusForbidden},
			identity: jsonField("merchant", "merchant", "business_name")}),
	},
	{
		ID: "postmark", Name: "Postmark",
		Rules:   []string{"postmark-server-token"},
		Hosts:   []string{"api.postmarkapp.com"},
		Request: "GET https://api.postmarkapp.com/server with X-Postmark-Server-Token; when refused, GET /servers?count=1&offset=0 with X-Postmark-Account-Token",
		Doc:     "https://postmarkapp.com/developer/api/server-api#get-server",
		Relies:  "200 with the server's Name (or the server list for an account token): live; 401 to both: revoked; 429: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			resp, err := c.do(ctx, get("api.postmarkapp.com", "/server").set("X-Postmark-Server-Token", s.Value))
			if err != nil {
				return failed(err)
			}
			if resp.status == http.StatusOK {
				return live(labeled("server", parse(resp.body).str("Name")))
			}
			if resp.status != http.StatusUnauthorized {
				return other(resp)
			}
			rq := get("api.postmarkapp.com", "/servers").set("X-Postmark-Account-Token", s.Value)
			rq.query = "count=1&offset=0"
			if resp, err = c.do(ctx, rq); err != nil {
				return failed(err)
			}
			if resp.status == http.StatusUnauthorized {
				return revoked("Postmark rejected it as a server token and as an account token (HTTP 401)")
			}
			return on{identity: func(r *response) string {
				return join("; ", "account token", labeled("servers:", parse(r.body).str("TotalCount")))
			}}.read(resp)
		},
	},
	{
		ID: "linear", Name: "Linear",
		Rules:   []string{"linear-api-key"},
		Hosts:   []string{"api.linear.app"},
		Request: "POST https://api.linear.app/graphql, Authorization: <key>, the read-only query { organization { name } }",
		Doc:     "https://linear.app/developers/graphql#authentication",
		Relies: "200 with data.organization: live (its name); 400/401 with errors[].extensions.code AUTHENTICATION_ERROR: revoked; " +
			"RATELIMITED or 429: unknown (https://linear.app/developers/rate-limiting)",
		check: func(ctx context.Context, c *call, s Secret) Result {
			rq := &request{method: http.MethodPost, host: "api.linear.app", path: "/graphql", header: http.Header{},
				body: []byte(`{"query":"{ organization { name } }"}`)}
			rq.set("Content-Type", "application/json").set("Authorization", s.Value)
			resp, err := c.do(ctx, rq)
			if err != nil {
				return failed(err)
			}
			d := parse(resp.body)
			for _, e := range d.list("errors") {
				switch code := e.str("extensions", "code"); code {
				case "AUTHENTICATION_ERROR":
					return revoked("Linear: " + code)
				case "RATELIMITED":
					return rateLimited("Linear " + code)
				}
			}
			if resp.status == http.StatusOK && d.exists("data", "organization") {
				return live(labeled("organization", d.str("data", "organization", "name")))
			}
			return other(resp)
		},
	},
	{
		ID: "notion", Name: "Notion",
		Rules:   []string{"notion-integration-token"},
		Hosts:   []string{"api.notion.com"},
		Request: "GET https://api.notion.com/v1/users/me, Authorization: Bearer, Notion-Version: 2022-06-28",
		Doc:     "https://developers.notion.com/reference/get-self",
		Relies:  "200 with the bot user: live (its name and workspace_name); 401 code unauthorized: revoked; 429 rate_limited: unknown",
		check: simple(func(s Secret) *request {
			return get("api.notion.com", "/v1/users/me").bearer(s.Value).set("Notion-Version", "2022-06-28")
		}, on{identity: func(r *response) string {
			d := parse(r.body)
			return join("; ", labeled("integration", d.str("name")), labeled("workspace", d.str("bot", "workspace_name")))
		}}),
	},
	{
		ID: "airtable", Name: "Airtable",
		Rules:   []string{"airtable-pat"},
		Hosts:   []string{"api.airtable.com"},
		Request: "GET https://api.airtable.com/v0/meta/whoami, Authorization: Bearer",
		Doc:     "https://airtable.com/developers/web/api/get-user-id-scopes",
		Relies:  "200 with id and scopes: live (the scopes); 401: revoked; 429: unknown",
		check: simple(bearerGET("api.airtable.com", "/v0/meta/whoami"), on{identity: func(r *response) string {
			if sc := strsOf(parse(r.body).list("scopes")); len(sc) > 0 {
				return "scopes " + names(sc, 6)
			}
			return ""
		}}),
	},
}

// reDiscordWebhook reads a webhook's id and token; the host it was found with is ignored.
var reDiscordWebhook = lazyre.New(`/api/(?:v\d+/)?webhooks/(\d{15,22})/([A-Za-z0-9_-]{40,100})`)
