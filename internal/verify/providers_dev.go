package verify

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
)

// Code hosting, registries and developer tools.
var devVerifiers = []*Verifier{
	{
		ID: "github", Name: "GitHub",
		Rules: []string{"github-pat", "github-oauth-token", "github-user-to-server-token", "github-app-installation-token",
			"github-fine-grained-pat"},
		Hosts:   []string{"api.github.com"},
		Request: "GET https://api.github.com/user, Authorization: Bearer, X-GitHub-Api-Version: 2022-11-28",
		Doc:     "https://docs.github.com/en/rest/users/users#get-the-authenticated-user",
		Relies: "200 with login: live (scopes from X-OAuth-Scopes); 401 Bad credentials: revoked; 403 or 429 with " +
			"X-RateLimit-Remaining: 0: unknown (rate-limited); other 403 (an app installation token cannot read /user): live " +
			"(https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api)",
		check: func(ctx context.Context, c *call, s Secret) Result {
			rq := get("api.github.com", "/user").bearer(s.Value).
				set("Accept", "application/vnd.github+json").set("X-GitHub-Api-Version", "2022-11-28")
			resp, err := c.do(ctx, rq)
			if err != nil {
				return failed(err)
			}
			if (resp.status == http.StatusForbidden || resp.status == http.StatusTooManyRequests) &&
				resp.header.Get("X-RateLimit-Remaining") == "0" {
				return rateLimited("GitHub, X-RateLimit-Remaining: 0")
			}
			return on{restricted: []int{http.StatusForbidden}, identity: func(r *response) string {
				scopes := r.header.Get("X-OAuth-Scopes")
				return join("; ", labeled("user", parse(r.body).str("login")), labeled("scopes", scopes))
			}}.read(resp)
		},
	},
	{
		ID: "gitlab", Name: "GitLab",
		Rules:   []string{"gitlab-pat"},
		Hosts:   []string{"gitlab.com"},
		Request: "GET https://gitlab.com/api/v4/personal_access_tokens/self, PRIVATE-TOKEN header",
		Doc:     "https://docs.gitlab.com/api/personal_access_tokens/",
		Relies: "200 with name, scopes, active, revoked: live (or revoked when revoked is true or active false); " +
			"401 whose error_description says the token was revoked or has expired: revoked; any other 401: unknown " +
			"(the token may belong to a self-managed GitLab, which is not asked); 429: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			resp, err := c.do(ctx, get("gitlab.com", "/api/v4/personal_access_tokens/self").set("PRIVATE-TOKEN", s.Value))
			if err != nil {
				return failed(err)
			}
			d := parse(resp.body)
			switch resp.status {
			case http.StatusOK:
				if rv, _ := d.boolean("revoked"); rv {
					return revoked("GitLab: the token is revoked")
				}
				if act, ok := d.boolean("active"); ok && !act {
					return revoked("GitLab: the token is not active (expired or revoked)")
				}
				return live(join("; ", labeled("token", d.str("name")), labeled("scopes", names(strsOf(d.list("scopes")), 8))))
			case http.StatusUnauthorized:
				why := strings.ToLower(d.str("error_description") + " " + resp.header.Get("WWW-Authenticate"))
				switch {
				case strings.Contains(why, "revoked"):
					return revoked("GitLab: token was revoked")
				case strings.Contains(why, "expired"):
					return revoked("GitLab: token has expired")
				}
				return unknown("gitlab.com does not accept it; it may belong to a self-managed GitLab instance, which is not asked")
			}
			return on{restricted: []int{http.StatusForbidden}}.read(resp)
		},
	},
	{
		ID: "npm", Name: "npm",
		Rules:   []string{"npm-token", "npm-legacy-auth-token"},
		Hosts:   []string{"registry.npmjs.org"},
		Request: "GET https://registry.npmjs.org/-/whoami, Authorization: Bearer",
		Doc:     "https://docs.npmjs.com/cli/v11/commands/npm-whoami",
		Relies:  "200 {\"username\":…}: live; 401: revoked; 429: unknown (the registry endpoint npm whoami calls)",
		check:   simple(bearerGET("registry.npmjs.org", "/-/whoami"), on{identity: jsonField("user", "username")}),
	},
	{
		ID: "pypi", Name: "PyPI",
		Rules:   []string{"pypi-token"},
		Request: "none",
		Doc:     "https://docs.pypi.org/api/upload/",
		Relies:  "not asked: PyPI has no read-only endpoint that authenticates an API token",
		NotAsked: "PyPI has no read-only endpoint that checks an API token (only an upload authenticates one), " +
			"and leakwatch makes no upload attempts; not asked",
	},
	{
		ID: "dockerhub", Name: "Docker Hub",
		Rules: []string{"dockerhub-pat", "dockerhub-oat"},
		Hosts: []string{"hub.docker.com"},
		Request: "POST https://hub.docker.com/v2/auth/token with {\"identifier\": user or organization, \"secret\": token} " +
			"(exchanges the token for a short-lived access token, which is discarded)",
		Doc:    "https://docs.docker.com/reference/api/hub/latest/#tag/authentication-api/operation/AuthCreateAccessToken",
		Relies: "200 with access_token: live; 401: revoked (for that user name); 429: unknown",
		Pair:   "the Docker Hub user (or organization) name from the same record (DOCKER_USERNAME=…, docker login -u …)",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			s, missing := need(rule, value, rec, "Docker Hub user name", nil, reDockerUser, reDockerLogin)
			s.Pair, s.PairPublic = strings.ToLower(s.Pair), true
			return s, missing
		},
		check: func(ctx context.Context, c *call, s Secret) Result {
			body, _ := json.Marshal(map[string]string{"identifier": s.Pair, "secret": s.Value})
			rq := &request{method: http.MethodPost, host: "hub.docker.com", path: "/v2/auth/token", header: http.Header{}, body: body}
			rq.set("Content-Type", "application/json")
			resp, err := c.do(ctx, rq)
			if err != nil {
				return failed(err)
			}
			// The answer holds a fresh access token: only its presence is looked at.
			if resp.status == http.StatusOK && parse(resp.body).str("access_token") == "" {
				return unknown("Docker Hub answered 200 without an access token")
			}
			return on{identity: func(*response) string {
				if s.Rule == "dockerhub-oat" {
					return "organization " + s.Pair
				}
				return "user " + s.Pair
			}}.read(resp)
		},
	},
	{
		ID: "atlassian", Name: "Atlassian",
		Rules:   []string{"bitbucket-app-password", "atlassian-api-token"},
		Hosts:   []string{"api.bitbucket.org"},
		Request: "GET https://api.bitbucket.org/2.0/user, HTTP Basic (user name or e-mail : app password or API token)",
		Doc:     "https://developer.atlassian.com/cloud/bitbucket/rest/api-group-users/#api-user-get",
		Relies: "200 with username: live; 401 for an app password: revoked; 401 for an API token: unknown (a Jira or Confluence " +
			"token is only checked at its site's own host, which is not asked); 403: live (restricted); 429: unknown",
		Pair: "app passwords: the Bitbucket user name from the same record (BITBUCKET_USERNAME=…); API tokens: the one e-mail address in it",
		prepare: func(rule, value string, rec *Record) (Secret, string) {
			if rule == "atlassian-api-token" {
				return need(rule, value, rec, "e-mail address", []string{ruleEmail}, reEmail)
			}
			s, missing := need(rule, value, rec, "Bitbucket user name", nil, reBitbucketUser)
			s.PairPublic = true
			return s, missing
		},
		check: func(ctx context.Context, c *call, s Secret) Result {
			resp, err := c.do(ctx, get("api.bitbucket.org", "/2.0/user").basic(s.Pair, s.Value))
			if err != nil {
				return failed(err)
			}
			if resp.status == http.StatusUnauthorized && s.Rule == "atlassian-api-token" {
				return unknown("Bitbucket does not accept it; an Atlassian API token for Jira or Confluence can only be checked at " +
					"its site's own host, named by the scanned data" + notFromData)
			}
			return on{restricted: []int{http.StatusForbidden}, identity: jsonField("Bitbucket user", "username")}.read(resp)
		},
	},
}
