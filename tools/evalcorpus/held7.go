package main

// held7 is an eighth split, written without reading held2's templates and with shapes
// none of the other splits use: database client output and dumps (psql expanded
// records, mysql \G rows, ClickHouse PrettyCompact and Vertical, sqlite3 .dump,
// pg_dump COPY of a name/value table, DynamoDB JSON, etcdctl -w json and consul kv
// export with base64 values, mongosh documents, Elasticsearch hits, CSV with quoted
// multi-line cells, parquet-tools JSON rows), observability payloads (OTLP JSON spans,
// Sentry events, Datadog logs, journalctl -o export, RFC 5424 syslog with structured
// data, Kubernetes audit events, Fluent Bit stdout records, CloudWatch filter-log-events
// output), HTTP captures (Burp XML, tcpdump -A, Python http.client debug, wget -d,
// Netscape cookie jars, OAuth token bodies, Postman environments, Bruno files), data
// science files (Databricks notebooks, Julia, MATLAB, dbt profiles and models, Hadoop
// core-site.xml, spark-defaults.conf, kaggle.json, Airflow connection exports,
// Streamlit secrets), LLM files (OpenAI batch input, ShareGPT fine-tuning data,
// Anthropic tool_use requests) and chat exports (Mattermost, Facebook Messenger with its
// mojibake, Jira ADF comments) in Romanian, Hungarian, Finnish, Danish, Norwegian, Malay,
// Filipino, Swahili, Tamil, Urdu, Serbian, Bulgarian, Catalan, Georgian and Kazakh,
// patches (format-patch, a PR review's JSON-escaped diff_hunk), SMTP AUTH transcripts
// and mail headers, URL-encoded JSON and `aws secretsmanager get-secret-value` output.
// Passwords sit under names that do not say "password" (pw, pass_phrase, credential,
// secret_value, and names in a dozen languages) and keys are mentioned in prose with no
// name. Hard negatives in the same shapes: trace and span ids, Sentry event ids, blob
// ids in diff headers, DKIM signatures, ObjectIds, ULIDs, object ids of payment APIs,
// image digests, password hashes, redaction markers and documented example keys.
// Labelling policy is held4's (held4.go): values public by design (a PostHog project
// key, a Supabase publishable key) and role addresses are neutral.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

const (
	h7crock = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" // Crockford base32, as ULIDs use
)

var h7provs = []h5prov{
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"aws_access_key_id", "AccessKeyId"}},
	{"aws", func(g *gen) string { return "ASIA" + g.s(b32, 16) }, []string{"aws_session_key_id"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }, []string{"github_token", "GH_BOT_PAT"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"github_fine_grained"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "glft-", "glimt-", "glagent-") + g.s(alnum+"-_", 20) }, []string{"gitlab_token", "GITLAB_FEED_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glcbt-" + g.s(hexd, 2) + "_" + g.s(alnum+"-_", 20) }, []string{"CI_JOB_TOKEN_COPY"}},
	{"slack", func(g *gen) string {
		return "xoxe.xoxp-1-" + g.s(urlb64, 150)
	}, []string{"slack_rotating_token"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"slack_bot", "SLACK_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 97) }, []string{"stripe_api_key", "StripeSecret"}},
	{"stripe", func(g *gen) string { return "whsec_" + g.s(alnum, 32) }, []string{"stripe_endpoint_secret"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"openai_api_key", "OPENAI_KEY"}},
	{"openai", func(g *gen) string { return "sk-admin-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_ADMIN_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"anthropic_api_key", "ANTHROPIC_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"gemini_api_key", "GOOGLE_KEY"}},
	{"google", func(g *gen) string { return "GOCSPX-" + g.s(urlb64, 28) }, []string{"google_client_secret"}},
	{"google", func(g *gen) string { return "1//0" + g.s(urlb64, 99) }, []string{"google_refresh_token"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"twilio_api_key_sid"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"sendgrid_api_key"}},
	{"mailgun", func(g *gen) string { return g.s(hexd, 32) + "-" + g.s(hexd, 8) + "-" + g.s(hexd, 8) }, []string{"MAILGUN_SENDING_KEY"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"npm_token"}},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmcCJ" + g.s(urlb64, 120) }, []string{"pypi_api_token"}},
	{"crates", func(g *gen) string { return "cio" + g.s(alnum, 32) }, []string{"CARGO_REGISTRY_TOKEN"}},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"docker_hub_token"}},
	{"vault", func(g *gen) string { return g.pick("hvs.", "hvb.") + "CAESI" + g.s(urlb64, 86) }, []string{"vault_token"}},
	{"sentry", func(g *gen) string {
		j := fmt.Sprintf(`{"iat":%d.%d,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"%s"}`, 1700000000+g.r.IntN(9e7), g.r.IntN(999999), g.s(lower, 7))
		return "sntrys_" + base64.RawStdEncoding.EncodeToString([]byte(j)) + "_" + g.s(urlb64, 43)
	}, []string{"SENTRY_ORG_TOKEN"}},
	{"newrelic", func(g *gen) string { return g.pick("NRAK-", "NRII-") + g.s(upperD, 27) }, []string{"new_relic_key"}},
	{"honeycomb", func(g *gen) string { return "hcaik_01" + g.s(h5lowerD[26:]+"abcdefghjkmnpqrstvwxyz", 56) }, []string{"HONEYCOMB_INGEST_KEY"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"grafana_token"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"hf_token", "HUGGINGFACEHUB_API_TOKEN"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"replicate_token"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"groq_api_key"}},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }, []string{"XAI_KEY"}},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }, []string{"openrouter_key"}},
	{"tavily", func(g *gen) string { return "tvly-" + g.pick("dev-", "prod-", "") + g.s(alnum, 32) }, []string{"TAVILY_API_KEY"}},
	{"firecrawl", func(g *gen) string { return "fc-" + g.s(hexd, 32) }, []string{"FIRECRAWL_API_KEY"}},
	{"jina", func(g *gen) string { return "jina_" + g.s(hexd, 32) + g.s(alnum, 28) }, []string{"JINA_API_KEY"}},
	{"e2b", func(g *gen) string { return "e2b_" + g.s(hexd, 40) }, []string{"E2B_API_KEY"}},
	{"modal", func(g *gen) string { return "as-" + g.s(alnum, 22) }, []string{"MODAL_TOKEN_SECRET"}},
	{"browserbase", func(g *gen) string { return "bb_live_" + g.s(urlb64, 27) }, []string{"BROWSERBASE_API_KEY"}},
	{"posthog", func(g *gen) string { return "phx_" + g.s(alnum, 47) }, []string{"POSTHOG_PERSONAL_API_KEY"}},
	{"typeform", func(g *gen) string { return "tfp_" + g.s(alnum, 44) + "_" + g.s(alnum, 14) }, []string{"TYPEFORM_TOKEN"}},
	{"stytch", func(g *gen) string { return "secret-live-" + g.s(urlb64, 36) + "=" }, []string{"STYTCH_SECRET"}},
	{"supabase", func(g *gen) string { return "sb_secret_" + g.s(urlb64, 22) + "_" + g.s(hexd, 8) }, []string{"SUPABASE_SECRET_KEY"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"SUPABASE_ACCESS_TOKEN"}},
	{"bitwarden", func(g *gen) string {
		return "0." + g.h5uuid() + "." + g.s(alnum, 30) + ":" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 16)))
	}, []string{"BWS_ACCESS_TOKEN"}},
	{"akamai", func(g *gen) string { return "akab-" + g.s(h5lowerD, 16) + "-" + g.s(h5lowerD, 16) }, []string{"akamai_client_token"}},
	{"confluent", func(g *gen) string { return g.s(b64, 64) }, []string{"confluent_api_secret", "CCLOUD_SECRET"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"linear_key"}},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }, []string{"notion_token"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"figma_pat"}},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 170) + "=" + strings.ToUpper(g.s(hexd, 8)) }, []string{"jira_token"}},
	{"heroku", func(g *gen) string { return "HRKU-AA" + g.s(urlb64, 58) }, []string{"heroku_key"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"do_token"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) + g.pick("", "-2", "-3") }, []string{"DATABRICKS_TOKEN", "databricks_pat"}},
	{"planetscale", func(g *gen) string { return "pscale_pw_" + g.s(urlb64, 43) }, []string{"planetscale_password"}},
	{"neon", func(g *gen) string { return "napi_" + g.s(h5lowerD, 64) }, []string{"neon_key"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"pulumi_token"}},
	{"tailscale", func(g *gen) string { return "tskey-api-k" + g.s(alnum, 10) + "CNTRL-" + g.s(alnum, 33) }, []string{"tailscale_api_key"}},
	{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.s(h5bech, 58) }, []string{"age_identity"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"square_token"}},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_") + g.s(hexd, 32) }, []string{"shopify_token"}},
	{"brevo", func(g *gen) string { return "xkeysib-" + g.s(hexd, 64) + "-" + g.s(alnum, 16) }, []string{"brevo_key"}},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }, []string{"mailchimp_api_key"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"telegram_bot_token"}},
	{"langsmith", func(g *gen) string { return "lsv2_pt_" + g.s(hexd, 32) + "_" + g.s(hexd, 10) }, []string{"LANGSMITH_KEY"}},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }, []string{"perplexity_key"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"deepseek_api_key"}},
	{"wandb", func(g *gen) string { return g.s(hexd, 40) }, []string{"WANDB_API_KEY"}},
	{"azure-openai", func(g *gen) string { return g.s(hexd, 32) }, []string{"AZURE_OPENAI_API_KEY"}},
	{"algolia", func(g *gen) string { return g.s(hexd, 32) }, []string{"ALGOLIA_ADMIN_KEY"}},
	{"deepgram", func(g *gen) string { return g.s(hexd, 40) }, []string{"DEEPGRAM_API_KEY"}},
	{"mistral", func(g *gen) string { return g.s(alnum, 32) }, []string{"MISTRAL_API_KEY"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + e([]byte(fmt.Sprintf(`{"iss":"supabase","ref":"%s","role":"service_role","iat":%d,"exp":%d}`, g.s(lower, 20), 1700000000+g.r.IntN(1e7), 2000000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43)
	}, []string{"SUPABASE_SERVICE_ROLE_KEY"}},
}

func (g *gen) h7tok() (name, value string, p plant) {
	t := h7provs[g.r.IntN(len(h7provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.fam, v)
}

// h7prefixed is a provider value whose shape names its provider (no bare hex, base64 or
// alphanumerics), for places where no key name stands next to it.
func (g *gen) h7prefixed() (string, plant) {
	for {
		t := h7provs[g.r.IntN(len(h7provs))]
		switch t.fam {
		case "confluent", "wandb", "azure-openai", "algolia", "deepgram", "mistral", "mailgun", "modal":
			continue
		}
		v := t.mk(g)
		return v, secret(t.fam, v)
	}
}

// h7pwNames are names a password is stored under that do not say "password".
var h7pwNames = []string{"pw", "pwd", "passwd", "pass_phrase", "passphrase", "credential", "secret_value", "db_pass", "login_secret", "userpass", "auth_pass",
	"kennwort", "contrasena", "senha", "parola", "jelszo", "salasana", "adgangskode", "passord", "wachtwoord", "haslo", "heslo", "sifre", "lozinka", "mot_de_passe", "parool", "geslo"}

func (g *gen) h7pwName() string { return g.pick(h7pwNames...) }

func (g *gen) h7pass() string {
	words := []string{"Brumar", "Fecske", "Revontuli", "Havfrue", "Fjellbris", "Kenari", "Bituin", "Simba", "Malligai", "Chinar", "Javor", "Zdravets", "Garriga", "Mtvare", "Dala"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.pick("#", "!", "@", "*", "-") + g.s(digits, 3+g.r.IntN(2))
	case 1:
		return strings.ToLower(g.pick(words...)) + g.s(digits, 2) + strings.ToLower(g.pick(words...)) + g.pick("!", "?", "%")
	case 2:
		return g.s(alnum, 5) + g.pick("&", "+", "=", "~") + g.s(alnum, 7) + g.s(digits, 2)
	case 3:
		return g.pick("Toamna", "Nyar", "Kesa", "Vinter", "Hujan") + g.pick("2025", "2026", "99") + g.pick("!", "#", "$")
	}
	return g.s(alnum, 14+g.r.IntN(16))
}

var h7first = []string{"andrei", "zsofia", "aino", "mads", "ingrid", "nurul", "maricel", "baraka", "karthik", "ayesha", "milos", "desislava", "jordi", "nino", "aruzhan", "ioana", "bence", "eero"}
var h7domains = []string{"yahoo.ro", "freemail.hu", "luukku.com", "jubii.dk", "online.no", "yahoo.com.my", "yahoo.com.ph", "gmail.com", "rediffmail.com", "hotmail.com", "eunet.rs", "abv.bg", "telefonica.net", "mail.ge", "mail.kz", "citromail.hu", "outlook.com"}

func (g *gen) h7email() string {
	return g.pick(h7first...) + g.pick(".", "_", "") + g.s(lower, 2+g.r.IntN(5)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h7domains...)
}

func (g *gen) h7phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(10) {
	case 0:
		return "+40 7" + d(2) + " " + d(3) + " " + d(3)
	case 1:
		return "+36 " + g.pick("20", "30", "70") + " " + d(3) + " " + d(4)
	case 2:
		return "+358 4" + d(1) + " " + d(3) + " " + d(4)
	case 3:
		return "+45 " + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 4:
		return "+47 " + g.pick("4", "9") + d(2) + " " + d(2) + " " + d(3)
	case 5:
		return "+60 1" + d(1) + "-" + d(3) + " " + d(4)
	case 6:
		return "+63 9" + d(2) + " " + d(3) + " " + d(4)
	case 7:
		return "+254 7" + d(2) + " " + d(3) + " " + d(3)
	case 8:
		return "+381 6" + d(1) + " " + d(3) + " " + d(4)
	}
	return "+7 7" + d(2) + " " + d(3) + " " + d(2) + " " + d(2)
}

func (g *gen) h7iban() string {
	var cc, bban string
	switch g.r.IntN(4) {
	case 0:
		cc, bban = "RO", g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)+g.s(upperD, 16)
	case 1:
		cc, bban = "HU", g.s(digits, 24)
	case 2:
		cc, bban = "DK", g.s(digits, 14)
	default:
		cc, bban = "FI", g.s(digits, 14)
	}
	return fmt.Sprintf("%s%02d%s", cc, 98-h5mod97(bban+cc+"00"), bban)
}

// h7neg is a value in the shapes these files carry that looks like a credential and is
// not one.
func (g *gen) h7neg() string {
	switch g.r.IntN(20) {
	case 0:
		return g.s(hexd, 32) // a trace id
	case 1:
		return g.s(hexd, 16) // a span id
	case 2:
		return g.s(hexd, 24) // an ObjectId
	case 3:
		return "01" + g.s(h7crock, 24) // a ULID
	case 4:
		return g.pick("cus_", "pi_", "ch_", "evt_", "sub_") + g.s(alnum, 14+g.r.IntN(10))
	case 5:
		return "sha256:" + g.s(hexd, 64)
	case 6:
		return "$argon2id$v=19$m=65536,t=3,p=4$" + g.s(urlb64[:62]+"+/", 22) + "$" + g.s(urlb64[:62]+"+/", 43)
	case 7:
		return "$2b$12$" + g.s(alnum+"./", 53)
	case 8:
		return g.pick("[Filtered]", "[REDACTED]", "<redacted>", "***REMOVED***", "********", "(sensitive)")
	case 9:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
	case 10:
		return g.pick("<your-api-key>", "YOUR_TOKEN_HERE", "changeme", "sk-xxxxxxxxxxxxxxxxxxxxxxxx", "REPLACE_ME", "{{ api_key }}", "${SECRET}")
	case 11:
		return g.h5uuid()
	case 12:
		return g.s(hexd, 40) // a commit id
	case 13:
		return "md5:" + g.s(hexd, 32)
	case 14:
		return "pbkdf2_sha256$600000$" + g.s(alnum, 22) + "$" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 32)))
	case 15:
		return "v1." + g.s(digits, 2) + "." + g.s(digits, 3)
	case 16:
		return g.pick("sk_live_", "ghp_", "AIza", "xoxb-") + "…" + g.s(alnum, 4)
	case 17:
		return "vault:v1:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 40)))
	case 18:
		return "phc_" + g.s(alnum, 43) // a PostHog project key: public by design
	}
	return "W/\"" + g.s(hexd, 8) + "-" + g.s(hexd, 20) + "\""
}

// h7negSlot labels a negative put where a name says "secret": random hex, a UUID, a
// ULID or a payment API's object id there may be the secret itself, so it counts
// neither way; a public project key is neutral too. Placeholders, hashes and markers
// stay unlabelled.
func h7negSlot(v string) []plant {
	switch {
	case strings.HasPrefix(v, "phc_"):
		return []plant{neutral("public-key", v)}
	case strings.HasPrefix(v, "cus_"), strings.HasPrefix(v, "pi_"), strings.HasPrefix(v, "ch_"), strings.HasPrefix(v, "evt_"), strings.HasPrefix(v, "sub_"):
		return []plant{neutral("ambiguous", v)}
	case len(v) >= 16 && strings.Trim(v, "0123456789abcdef-") == "":
		return []plant{neutral("ambiguous", v)}
	case len(v) == 26 && strings.Trim(v, h7crock) == "":
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

func (g *gen) h7host() string {
	return g.pick("pg", "ch", "mysql", "mongo", "es", "redis") + "-" + g.pick("a", "b", "1", "2") + "." + g.pick("prod", "dwh", "eu") + "." + g.pick("corp.internal", "svc.local", "lan")
}

func (g *gen) h7user() string {
	return g.pick("etl", "dbt", "svc", "analyst", "app", "airflow") + g.pick("_ro", "_rw", "_prod", "")
}

func (g *gen) h7ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func (g *gen) h7unixNano() string { return fmt.Sprint(1760000000+g.r.IntN(9e6)) + g.s(digits, 9) }

func h7pw(v string) plant   { return secret("password", v) }
func h7gen(v string) plant  { return secret("generic", v) }
func h7mail(v string) plant { return pii("email", v) }
func h7tel(v string) plant  { return pii("phone", v) }
