package verify

import (
	"context"
	"net/http"
	"strings"
)

// AI model providers.
var aiVerifiers = []*Verifier{
	{
		ID: "openai", Name: "OpenAI",
		Rules:   []string{"openai-project-key", "openai-service-account-key", "openai-api-key", "openai-admin-key"},
		Hosts:   []string{"api.openai.com"},
		Request: "GET https://api.openai.com/v1/models (admin keys: GET /v1/organization/projects?limit=1), Authorization: Bearer",
		Doc:     "https://platform.openai.com/docs/api-reference/models/list",
		Relies: "200: live (organization from the openai-organization header); 401 (invalid_api_key): revoked; " +
			"403 for a key without the models permission: live (restricted); 403 unsupported_country_region_territory: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			rq := get("api.openai.com", "/v1/models").bearer(s.Value)
			if s.Rule == "openai-admin-key" {
				rq = get("api.openai.com", "/v1/organization/projects")
				rq.query = "limit=1"
				rq.bearer(s.Value)
			}
			resp, err := c.do(ctx, rq)
			if err != nil {
				return failed(err)
			}
			if resp.status == http.StatusForbidden && parse(resp.body).str("error", "code") == "unsupported_country_region_territory" {
				return unknown("OpenAI refuses requests from this location (unsupported_country_region_territory)")
			}
			return on{restricted: []int{http.StatusForbidden}, identity: func(r *response) string {
				if org := r.header.Get("Openai-Organization"); org != "" {
					return "organization " + org
				}
				return ""
			}}.read(resp)
		},
	},
	{
		ID: "anthropic", Name: "Anthropic",
		Rules:   []string{"anthropic-api-key", "anthropic-admin-key"},
		Hosts:   []string{"api.anthropic.com"},
		Request: "GET https://api.anthropic.com/v1/models?limit=1 (admin keys: GET /v1/organizations/me), x-api-key, anthropic-version: 2023-06-01",
		Doc:     "https://docs.anthropic.com/en/api/models-list",
		Relies: "200: live (admin keys: the organization's name); 401 authentication_error: revoked; " +
			"403 permission_error: live (restricted); 429 rate_limit_error: unknown",
		check: func(ctx context.Context, c *call, s Secret) Result {
			rq := get("api.anthropic.com", "/v1/models")
			rq.query = "limit=1"
			if s.Rule == "anthropic-admin-key" {
				rq = get("api.anthropic.com", "/v1/organizations/me")
			}
			rq.set("x-api-key", s.Value).set("anthropic-version", "2023-06-01")
			resp, err := c.do(ctx, rq)
			if err != nil {
				return failed(err)
			}
			return on{restricted: []int{http.StatusForbidden}, identity: jsonField("organization", "name")}.read(resp)
		},
	},
	{
		ID: "deepseek", Name: "DeepSeek",
		Rules:   []string{"deepseek-api-key"},
		Hosts:   []string{"api.deepseek.com"},
		Request: "GET https://api.deepseek.com/models, Authorization: Bearer",
		Doc:     "https://api-docs.deepseek.com/api/list-models",
		Relies:  "200 with the model list: live; 401 (authentication fails): revoked; 429: unknown",
		check:   simple(bearerGET("api.deepseek.com", "/models"), on{}),
	},
	{
		ID: "google", Name: "Google",
		Rules:   []string{"google-api-key"},
		Hosts:   []string{"generativelanguage.googleapis.com"},
		Request: "GET https://generativelanguage.googleapis.com/v1beta/models?pageSize=1, x-goog-api-key",
		Doc:     "https://ai.google.dev/api/models#method:-models.list",
		Relies: "200: live (Gemini API enabled); 400 INVALID_ARGUMENT with reason API_KEY_INVALID: revoked; " +
			"403 PERMISSION_DENIED (API not enabled for the key's project, or the key restricted): live, restricted; 429: unknown " +
			"(error shape: https://cloud.google.com/apis/design/errors)",
		check: func(ctx context.Context, c *call, s Secret) Result {
			rq := get("generativelanguage.googleapis.com", "/v1beta/models").set("x-goog-api-key", s.Value)
			rq.query = "pageSize=1"
			resp, err := c.do(ctx, rq)
			if err != nil {
				return failed(err)
			}
			d := parse(resp.body)
			reason := googleReason(d)
			switch resp.status {
			case http.StatusOK:
				return live("Gemini API enabled for this key")
			case http.StatusBadRequest:
				if reason == "API_KEY_INVALID" || strings.Contains(d.str("error", "message"), "API key not valid") {
					return revoked("Google: API key not valid (API_KEY_INVALID)")
				}
			case http.StatusForbidden:
				return live(join(": ", "key exists but this API is not enabled for it or the key is restricted", reason))
			}
			return other(resp)
		},
	},
	{
		ID: "huggingface", Name: "Hugging Face",
		Rules:   []string{"huggingface-token", "huggingface-org-token"},
		Hosts:   []string{"huggingface.co"},
		Request: "GET https://huggingface.co/api/whoami-v2, Authorization: Bearer",
		Doc:     "https://huggingface.co/docs/hub/en/api#get-apiwhoami-v2",
		Relies:  "200 with name, type and auth.accessToken.role: live; 401: revoked; 429: unknown",
		check: simple(bearerGET("huggingface.co", "/api/whoami-v2"), on{identity: func(r *response) string {
			d := parse(r.body)
			return join("; ", join(" ", d.str("type"), d.str("name")), labeled("token", d.str("auth", "accessToken", "displayName")),
				labeled("role", d.str("auth", "accessToken", "role")))
		}}),
	},
	{
		ID: "mistral", Name: "Mistral AI",
		Rules:   []string{"mistral-api-key"},
		Hosts:   []string{"api.mistral.ai"},
		Request: "GET https://api.mistral.ai/v1/models, Authorization: Bearer",
		Doc:     "https://docs.mistral.ai/api/#tag/models/operation/list_models_v1_models_get",
		Relies:  "200 with the model list: live; 401 Unauthorized: revoked; 429: unknown",
		check:   simple(bearerGET("api.mistral.ai", "/v1/models"), on{}),
	},
	{
		ID: "groq", Name: "Groq",
		Rules:   []string{"groq-api-key"},
		Hosts:   []string{"api.groq.com"},
		Request: "GET https://api.groq.com/openai/v1/models, Authorization: Bearer",
		Doc:     "https://console.groq.com/docs/api-reference#models-list",
		Relies:  "200 with the model list: live; 401 invalid_api_key: revoked; 429: unknown",
		check:   simple(bearerGET("api.groq.com", "/openai/v1/models"), on{}),
	},
	{
		ID: "cohere", Name: "Cohere",
		Rules:   []string{"cohere-api-key"},
		Hosts:   []string{"api.cohere.com"},
		Request: "GET https://api.cohere.com/v1/models?page_size=1, Authorization: Bearer",
		Doc:     "https://docs.cohere.com/reference/list-models",
		Relies:  "200 with the model list: live; 401 (invalid api token): revoked; 429: unknown",
		check: simple(func(s Secret) *request {
			rq := get("api.cohere.com", "/v1/models").bearer(s.Value)
			rq.query = "page_size=1"
			return rq
		}, on{}),
	},
	{
		ID: "replicate", Name: "Replicate",
		Rules:   []string{"replicate-api-token"},
		Hosts:   []string{"api.replicate.com"},
		Request: "GET https://api.replicate.com/v1/account, Authorization: Bearer",
		Doc:     "https://replicate.com/docs/reference/http#account.get",
		Relies:  "200 with type and username: live; 401: revoked; 429: unknown",
		check: simple(bearerGET("api.replicate.com", "/v1/account"), on{identity: func(r *response) string {
			d := parse(r.body)
			return join(" ", d.str("type"), d.str("username"))
		}}),
	},
}

// googleReason is the reason of a Google API error (error.details[].reason).
func googleReason(d doc) string {
	for _, det := range d.list("error", "details") {
		if r := det.str("reason"); r != "" {
			return r
		}
	}
	return d.str("error", "status")
}
