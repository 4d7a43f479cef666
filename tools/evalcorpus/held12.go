package main

// held12 is a thirteenth split in two halves, like held9, held10 and held11: "held12a"
// may be tuned on, "held12b" is held out (only its totals are ever read — never its
// per-family misses or false-positive examples, never its files against the report).
// Each family pairs two concrete shapes of one class; variant a goes to held12a and
// variant b to held12b, each half with its own seed.
//
// Shapes none of held..held11 cover: MCP server and AI coding assistant configs
// (claude_desktop_config.json against Continue/aider YAML and `claude mcp add`), LLM
// gateways and SDK scripts (LiteLLM against LangChain/LlamaIndex code), ML tracking
// credentials (databrickscfg/MLflow against DVC, the Hugging Face token file and W&B's
// netrc), workflow orchestrators (Celery/Prefect against Dagster/Rundeck), edge and PaaS
// files (wrangler.toml/.dev.vars against fly.toml, `fly secrets list` and Vercel's pulled
// env), backends as a service (Supabase against Hasura/PostgREST), telemetry pipelines
// (OpenTelemetry Collector against Promtail/Alloy), database REPL histories (.psql_history
// against .mysql_history with its \040 escapes, redis-cli and mongosh), IDE files
// (JetBrains dataSources.xml and http-client env against VS Code settings and
// sftp-config.json), PHP shops and CMSs (Joomla against Magento/PrestaShop), 3D printing
// and cameras (OctoPrint/Moonraker against Frigate/Tasmota), GitOps (Argo CD against Flux
// with base64 data), integration platforms (MuleSoft against IBM ACE/TIBCO), tunnels
// (ngrok/frp against cloudflared/Tailscale), load tests (JMeter against k6/Locust),
// search engines (Meilisearch/Typesense/Algolia against OpenSearch/Solr), mobile app
// signing (keystore.properties/fastlane against Codemagic/EAS), file sync (Syncthing
// against rsyncd), chat-ops bots (Errbot/Hubot against opsdroid/Matrix), and prose in
// Icelandic, Estonian, Slovak, Croatian and Afrikaans (a) and Latvian, Slovenian,
// Azerbaijani, Nepali and Welsh (b). Hard negatives in the same shapes: account, zone,
// namespace and tunnel ids, model digests, run ids, device ids, stored hashes (bcrypt,
// PBKDF2, Solr's salted SHA-256), environment references in each tool's own notation
// (os.environ/X, {env: X}, ${{ secrets.X }}, secure::x, ![…]), secret digests, public
// keys, values public by design (a Supabase anon key is neutral). Labelling policy is
// held4's (held4.go); a value in a reversible encoding (base64 in a Secret's data, a
// Basic header) is a secret as it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h12pass is a password a person or a generator chose; its symbols are safe in URLs,
// XML, INI, YAML, PHP/shell single quotes and JSON (no % @ : / # & < " ' \ ; , = $ { }
// or blank).
func (g *gen) h12pass() string {
	words := []string{"Puffin", "Geysir", "Tallinn", "Bratislava", "Koala", "Fynbos", "Mistral", "Basalt", "Heather", "Lagoon", "Tatra", "Velebit", "Kelp", "Skerry"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.pick("!", "*", "^", "+", "~", "?") + g.s(digits, 2+g.r.IntN(3)) + g.pick(words...)
	case 1:
		return strings.ToLower(g.pick(words...)) + "." + strings.ToLower(g.pick(words...)) + "." + g.s(digits, 3)
	case 2:
		return g.s(alnum, 6) + g.pick("!", "*", "-", "_") + g.s(alnum, 6) + g.pick("^", "~", "+") + g.s(digits, 2)
	case 3:
		return g.pick("Aurora", "Harpa", "Zebra", "Rakija") + g.pick("2025", "2027", "77") + g.pick("!", "*", "+", "?", "^")
	}
	return g.s(alnum, 16+g.r.IntN(16))
}

// h12rand is a machine-generated shared secret.
func (g *gen) h12rand() string { return g.s(alnum, 28+g.r.IntN(20)) }

func (g *gen) h12b64(n int) string { return base64.StdEncoding.EncodeToString(g.h8bytes(n)) }

var h12first = []string{"sigrun", "einar", "kadri", "tarmo", "zuzana", "marek", "ivana", "dario", "annelie", "pieter", "ilze", "janis", "spela", "rok", "aysel", "elvin", "sunita", "bikash", "rhian", "gethin"}
var h12domains = []string{"simnet.is", "visir.is", "hot.ee", "neti.ee", "azet.sk", "zoznam.sk", "net.hr", "tportal.hr", "mweb.co.za", "inbox.lv", "siol.net", "box.az", "wlink.com.np", "btinternet.com", "gmail.com", "outlook.com"}

func (g *gen) h12email() string {
	return g.pick(h12first...) + g.pick(".", "_", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h12domains...)
}

func (g *gen) h12phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(6) {
	case 0:
		return "+354 " + g.pick("6", "7", "8") + d(2) + " " + d(4)
	case 1:
		return "+372 5" + d(3) + " " + d(4)
	case 2:
		return "+421 9" + d(2) + " " + d(3) + " " + d(3)
	case 3:
		return "+385 9" + d(1) + " " + d(3) + " " + d(4)
	case 4:
		return "+371 2" + d(3) + " " + d(4)
	}
	return "+977 98" + d(2) + "-" + d(6)
}

func (g *gen) h12host() string {
	return g.pick("mcp", "gw", "ml", "jobs", "edge", "otel", "db", "print", "argo", "esb", "srch", "sync", "bot") + g.pick("01", "02", "-a", "-b") + "." + g.pick("nord", "tatra", "karoo", "vik") + "." + g.pick("corp.example", "internal", "lan")
}

func (g *gen) h12user() string {
	return g.pick("svc-", "app_", "ops.", "bot", "etl_") + g.s(lower, 3+g.r.IntN(4))
}

func (g *gen) h12ip() string {
	return fmt.Sprintf("10.%d.%d.%d", 20+g.r.IntN(30), g.r.IntN(250), 1+g.r.IntN(250))
}

func (g *gen) h12jwt(claims string) string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + e([]byte(claims)) + "." + g.s(urlb64, 43)
}

// h12provs are provider tokens written from their documented shapes.
var h12provs = []h5prov{
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 58) + "T3BlbkFJ" + g.s(urlb64, 58) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }, []string{"OPENROUTER_API_KEY"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"GROQ_API_KEY"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"langsmith", func(g *gen) string { return "lsv2_pt_" + g.s(hexd, 32) + "_" + g.s(hexd, 10) }, []string{"LANGSMITH_API_KEY"}},
	{"tavily", func(g *gen) string { return "tvly-" + g.s(alnum, 32) }, []string{"TAVILY_API_KEY"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_")) }, []string{"GITHUB_PERSONAL_ACCESS_TOKEN"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GITHUB_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 11) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }, []string{"NOTION_TOKEN"}},
	{"stripe", func(g *gen) string { return "sk_live_51" + g.s(alnum, 97) }, []string{"STRIPE_SECRET_KEY"}},
	{"sentry", func(g *gen) string { return "sntryu_" + g.s(hexd, 64) }, []string{"SENTRY_AUTH_TOKEN"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"SUPABASE_ACCESS_TOKEN"}},
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"GRAFANA_SERVICE_ACCOUNT_TOKEN"}},
}

func (g *gen) h12tok() (name, value string, p plant) { return g.provTok(h12provs) }

// h12llm is an LLM provider key with its usual variable.
func (g *gen) h12llm() (name, value string, p plant) {
	t := h12provs[g.r.IntN(7)]
	v := t.mk(g)
	return t.names[0], v, secret(t.fam, v)
}

// h12neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h12neg() string {
	switch g.r.IntN(12) {
	case 0:
		return "os.environ/" + g.pick("AZURE_API_KEY", "OPENAI_API_KEY", "LITELLM_MASTER_KEY")
	case 1:
		return g.pick("<your-api-key>", "CHANGEME", "paste-token-here", "**********", "xxxxxxxx-xxxx", "TBD", "<redacted>")
	case 2:
		return "${" + g.pick("SUPABASE_SERVICE_KEY", "env:NGROK_AUTHTOKEN", "secrets.MATCH_PASSWORD") + "}"
	case 3:
		return "${{ secrets." + g.pick("HF_TOKEN", "CM_KEYSTORE_PASSWORD") + " }}"
	case 4:
		return g.pick("password", "secret", "admin", "changeit", "postgres", "minioadmin")
	case 5:
		return "$2y$10$" + g.s(alnum+"./", 53)
	case 6:
		return "{{ " + g.pick("vault_meili_key", "frigate_mqtt_pw", "argo_repo_token") + " }}"
	case 7:
		return "secure::" + g.pick("db.password", "sfdc.token")
	case 8:
		return g.s(hexd, 32)
	case 9:
		return "/var/run/secrets/" + g.pick("hasura_admin", "meili_master")
	case 10:
		return "env:" + g.pick("DAGSTER_PG_PASSWORD", "RUNDECK_DB_PASS")
	}
	return "sha256:" + g.s(hexd, 64)
}

// h12negSlot labels a negative where a name says secret: 32 random hex under a secret
// name may be the secret itself, so it counts neither way.
func h12negSlot(v string) []plant {
	if len(v) == 32 && strings.Trim(v, "0123456789abcdef") == "" {
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

// h12mysqlHist escapes a line as MySQL's libedit history does: blanks as \040.
func h12mysqlHist(s string) string { return strings.ReplaceAll(s, " ", `\040`) }

func (g *gen) h12epoch() int { return 1760000000 + g.r.IntN(20000000) }

func h12pw(v string) plant   { return secret("password", v) }
func h12gen(v string) plant  { return secret("generic", v) }
func h12mail(v string) plant { return pii("email", v) }
func h12tel(v string) plant  { return pii("phone", v) }
