package main

// held5 is a sixth split, written without reading held2's, held3's or held4's templates
// and without the rule examples: its provider values come from the providers' documented
// token formats, its files are shapes none of the other splits use — state files and
// CLI output (terraform.tfstate, `kubectl get secret -o json`, `kubectl describe`,
// `aws sts`, `az ad sp`), credential dotfiles (.netrc, .git-credentials, Docker's
// config.json, .npmrc, .pypirc, .pgpass, .s3cfg, rclone, cargo, NuGet, composer),
// CI and ops files (Jenkinsfile, CircleCI, Azure Pipelines, cloud-init, Prometheus,
// Alertmanager, Grafana, Logstash, nginx, HAProxy, supervisord, Postfix, wpa_supplicant),
// server logs (Redis MONITOR, PostgreSQL, mongod JSON, ClickHouse query_log, an LLM
// request log stream, strace, ps, Rails, Python tracebacks, Node inspect, logfmt, IIS
// W3C, CloudTrail, PHP var_dump), data (LDIF, vCard, iCalendar, mongoexport, Elasticsearch
// bulk, redis-cli HGETALL, a CRM export with a BOM and CRLF), documents (AsciiDoc,
// reStructuredText, Confluence markup, org-mode, LaTeX, an mbox in quoted-printable),
// chats (WhatsApp, IRC, Discord and Telegram exports) in Polish, Dutch, Indonesian, Thai,
// Ukrainian, Hebrew, Persian, Greek, Swedish, Czech, Bengali and traditional Chinese
// besides Korean, Arabic, German, Portuguese, Hindi and Turkish; source in Elixir, Dart,
// Lua, R, Perl, Scala and Gradle. Hard negatives: lock-file integrity hashes, go.sum
// lines, SOPS/ansible-vault/sealed-secrets ciphertext, documented example keys, masked
// values, template references. Ambiguous values (role addresses, a placeholder phone,
// client IPs) are labelled neutral, so reporting them counts neither way.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf16"
)

const (
	h5lowerD = "abcdefghijklmnopqrstuvwxyz0123456789"
	h5bech   = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"
)

type h5prov struct {
	fam   string
	mk    func(g *gen) string
	names []string
}

func (g *gen) h5gh(prefix string) string { b := g.s(alnum, 30); return prefix + b + crcSuffix(b) }

func (g *gen) h5uuid() string {
	h := g.s(hexd, 32)
	return h[:8] + "-" + h[8:12] + "-4" + h[13:16] + "-" + g.pick("8", "9", "a", "b") + h[17:20] + "-" + h[20:]
}

var h5provs = []h5prov{
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"AWS_ACCESS_KEY_ID", "aws_access_key_id"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_", "ghu_")) }, []string{"GH_TOKEN", "GITHUB_PAT", "github_oauth"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GH_FINE_GRAINED"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "gldt-") + g.s(alnum+"-_", 20) }, []string{"GITLAB_PRIVATE_TOKEN", "GL_DEPLOY_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glptt-" + g.s(hexd, 40) }, []string{"GITLAB_TRIGGER"}},
	{"slack", func(g *gen) string {
		return "xoxp-" + g.s(digits, 11) + "-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 32)
	}, []string{"SLACK_USER_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xapp-1-A" + g.s(upperD, 10) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 64)
	}, []string{"SLACK_APP_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 97) }, []string{"STRIPE_API_KEY", "stripe_restricted"}},
	{"stripe", func(g *gen) string { return "whsec_" + g.s(alnum, 32) }, []string{"STRIPE_WEBHOOK_SECRET"}},
	{"openai", func(g *gen) string { return "sk-svcacct-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_KEY"}},
	{"openai", func(g *gen) string { return "sk-" + g.s(alnum, 20) + "T3BlbkFJ" + g.s(alnum, 20) }, []string{"OPENAI_LEGACY_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-admin01-" + g.s(urlb64, 93) + "AA" }, []string{"CLAUDE_ADMIN_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"CLAUDE_KEY"}},
	{"google", func(g *gen) string { return "GOCSPX-" + g.s(urlb64, 28) }, []string{"GOOGLE_CLIENT_SECRET"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"FIREBASE_SERVER_KEY", "GEMINI_KEY"}},
	{"azure", func(g *gen) string { return g.s(alnum, 3) + "8Q~" + g.s(alnum+"~_.-", 34) }, []string{"AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"TWILIO_API_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_KEY"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }, []string{"MAILGUN_API_KEY"}},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }, []string{"MAILCHIMP_KEY"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"NODE_AUTH_TOKEN"}},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmcCJ" + g.s(urlb64, 120) }, []string{"TWINE_PASSWORD"}},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKERHUB_TOKEN"}},
	{"vault", func(g *gen) string { return "hvs.CAESI" + g.s(urlb64, 86) }, []string{"VAULT_TOKEN"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"TFE_TOKEN", "TF_TOKEN_app_terraform_io"}},
	{"digitalocean", func(g *gen) string { return g.pick("dop_v1_", "doo_v1_", "dor_v1_") + g.s(hexd, 64) }, []string{"DIGITALOCEAN_ACCESS_TOKEN"}},
	{"heroku", func(g *gen) string { return "HRKU-AA" + g.s(urlb64, 58) }, []string{"HEROKU_API_KEY"}},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_", "shpca_") + g.s(hexd, 32) }, []string{"SHOPIFY_ADMIN_TOKEN"}},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 170) + "=" + strings.ToUpper(g.s(hexd, 8)) }, []string{"JIRA_API_TOKEN", "CONFLUENCE_TOKEN"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }, []string{"NOTION_TOKEN"}},
	{"notion", func(g *gen) string { return "secret_" + g.s(alnum, 43) }, []string{"NOTION_INTEGRATION_SECRET"}},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }, []string{"AIRTABLE_PAT"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"FIGMA_TOKEN"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY"}},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }, []string{"NEW_RELIC_API_KEY"}},
	{"sentry", func(g *gen) string { return "sntryu_" + g.s(hexd, 64) }, []string{"SENTRY_AUTH_TOKEN"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"GRAFANA_SA_TOKEN"}},
	{"grafana", func(g *gen) string {
		j := fmt.Sprintf(`{"o":"%d","n":"stack-%d-%s","k":"%s","m":{"r":"%s"}}`, 100000+g.r.IntN(900000), g.r.IntN(999999), g.s(lower, 6), g.s(alnum, 24), g.pick("eu", "us", "au"))
		return "glc_" + base64.StdEncoding.EncodeToString([]byte(j))
	}, []string{"GRAFANA_CLOUD_TOKEN"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HUGGING_FACE_HUB_TOKEN"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"REPLICATE_API_TOKEN"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"GROQ_KEY"}},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }, []string{"PPLX_API_KEY"}},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }, []string{"XAI_API_KEY", "GROK_KEY"}},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }, []string{"OPENROUTER_API_KEY"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"DEEPSEEK_KEY"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"TG_BOT_TOKEN"}},
	{"discord", func(g *gen) string {
		id := base64.RawStdEncoding.EncodeToString([]byte(g.s("123456789", 1) + g.s(digits, 18)))
		return id + "." + g.s(urlb64, 6) + "." + g.s(urlb64, 38)
	}, []string{"DISCORD_BOT_TOKEN"}},
	{"doppler", func(g *gen) string { return "dp.st." + g.pick("prd", "stg") + "." + g.s(alnum, 40) }, []string{"DOPPLER_TOKEN"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"PULUMI_ACCESS_TOKEN"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"SUPABASE_ACCESS_TOKEN"}},
	{"planetscale", func(g *gen) string { return g.pick("pscale_tkn_", "pscale_pw_") + g.s(urlb64, 43) }, []string{"PLANETSCALE_TOKEN"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"SQUARE_ACCESS_TOKEN"}},
	{"braintree", func(g *gen) string { return "access_token$production$" + g.s(h5lowerD, 16) + "$" + g.s(hexd, 32) }, []string{"BRAINTREE_TOKEN"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }, []string{"DATABRICKS_TOKEN"}},
	{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.s(h5bech, 58) }, []string{"SOPS_AGE_KEY"}},
	{"contentful", func(g *gen) string { return "CFPAT-" + g.s(urlb64, 43) }, []string{"CONTENTFUL_MANAGEMENT_TOKEN"}},
	{"bitbucket", func(g *gen) string { return "ATBB" + g.s(alnum, 32) }, []string{"BITBUCKET_APP_PASSWORD"}},
	{"dropbox", func(g *gen) string { return "sl." + g.s(urlb64, 136) }, []string{"DROPBOX_ACCESS_TOKEN"}},
	{"launchdarkly", func(g *gen) string { return g.pick("api-", "sdk-") + g.h5uuid() }, []string{"LAUNCHDARKLY_KEY"}},
	{"mapbox", func(g *gen) string {
		u := base64.RawURLEncoding.EncodeToString([]byte(fmt.Sprintf(`{"u":"%s","a":"%s"}`, g.s(lower, 7), g.s(h5lowerD, 25))))
		return "sk." + u + "." + g.s(urlb64, 22)
	}, []string{"MAPBOX_SECRET_TOKEN"}},
	{"firebase", func(g *gen) string { return "AAAA" + g.s(urlb64, 7) + ":APA91b" + g.s(urlb64, 134) }, []string{"FCM_SERVER_KEY"}},
	{"alibaba", func(g *gen) string { return "LTAI" + g.s(alnum, 20) }, []string{"ALIBABA_CLOUD_ACCESS_KEY_ID"}},
	{"tencent", func(g *gen) string { return "AKID" + g.s(alnum, 32) }, []string{"TENCENTCLOUD_SECRET_ID"}},
	{"yandex", func(g *gen) string { return "AQVN" + g.s(urlb64, 36) }, []string{"YC_API_KEY"}},
	{"buildkite", func(g *gen) string { return "bkua_" + g.s(hexd, 40) }, []string{"BUILDKITE_API_TOKEN"}},
	{"prefect", func(g *gen) string { return "pnu_" + g.s(alnum, 36) }, []string{"PREFECT_API_KEY"}},
	{"tailscale", func(g *gen) string { return "tskey-auth-k" + g.s(alnum, 10) + "CNTRL-" + g.s(alnum, 33) }, []string{"TS_AUTHKEY"}},
	{"infracost", func(g *gen) string { return "ico-" + g.s(alnum, 32) }, []string{"INFRACOST_API_KEY"}},
	{"duffel", func(g *gen) string { return "duffel_live_" + g.s(urlb64, 43) }, []string{"DUFFEL_TOKEN"}},
	{"easypost", func(g *gen) string { return "EZAK" + g.s(alnum, 54) }, []string{"EASYPOST_API_KEY"}},
	{"flutterwave", func(g *gen) string { return "FLWSECK-" + g.s(hexd, 32) + "-X" }, []string{"FLW_SECRET_KEY"}},
	{"brevo", func(g *gen) string { return "xkeysib-" + g.s(hexd, 64) + "-" + g.s(alnum, 16) }, []string{"BREVO_API_KEY", "SENDINBLUE_KEY"}},
	{"clojars", func(g *gen) string { return "CLOJARS_" + g.s(hexd, 60) }, []string{"CLOJARS_TOKEN"}},
	{"rubygems", func(g *gen) string { return "rubygems_" + g.s(hexd, 48) }, []string{"GEM_HOST_API_KEY"}},
	{"nuget", func(g *gen) string { return "oy2" + g.s(h5lowerD, 43) }, []string{"NUGET_API_KEY"}},
	{"langsmith", func(g *gen) string { return g.pick("lsv2_pt_", "lsv2_sk_") + g.s(hexd, 32) + "_" + g.s(hexd, 10) }, []string{"LANGSMITH_API_KEY", "LANGCHAIN_API_KEY"}},
	{"langfuse", func(g *gen) string { return "sk-lf-" + g.h5uuid() }, []string{"LANGFUSE_SECRET_KEY"}},
	{"readme", func(g *gen) string { return "rdme_" + g.s(h5lowerD, 70) }, []string{"README_API_KEY"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"typ":"JWT","alg":"HS256"}`)) + "." + e([]byte(fmt.Sprintf(`{"iss":"auth.%s.internal","uid":%d,"scope":"admin","iat":%d}`, g.s(lower, 5), g.r.IntN(1e6), 1760000000+g.r.IntN(1e7)))) + "." + g.s(urlb64, 43)
	}, []string{"INTERNAL_SERVICE_JWT"}},
}

func (g *gen) h5tok() (name, value string, p plant) { return g.provTok(h5provs) }

// provTok draws a provider of provs, one of its value's names and its value, planted
// as a secret of its family.
func (g *gen) provTok(provs []h5prov) (name, value string, p plant) {
	t := provs[g.r.IntN(len(provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.family(), v)
}

func (t h5prov) family() string { return t.fam }

// h5pass is a human-chosen password in styles of its own.
func (g *gen) h5pass() string {
	words := []string{"Kestrel", "Lantern", "Meadow", "Ginger", "Basalt", "Thistle", "Copper", "Willow", "Ember", "Lagoon", "Spruce", "Marlin"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.pick("@", "+", "^", "=", ".") + g.s(digits, 4)
	case 1:
		return strings.ToLower(g.pick(words...)) + "_" + strings.ToLower(g.pick(words...)) + g.pick("!!", "77", "#1", "2026")
	case 2:
		return g.s(alnum, 6) + g.pick("%", "!", "~", "*") + g.s(alnum, 8)
	case 3:
		return g.pick("Sommer", "Zima", "Primavera", "Invierno") + g.s(digits, 4) + g.pick("!", "?", "$")
	}
	return g.s(alnum, 20+g.r.IntN(12))
}

// h5rand is an unprefixed random credential (a generic API key or shared secret).
func (g *gen) h5rand() string { return g.s(alnum, 30+g.r.IntN(24)) }

var h5first = []string{"jiwoo", "omar", "agnieszka", "daan", "putri", "somchai", "oksana", "noa", "dariush", "eleni", "astrid", "tomas", "ananya", "mehmet", "beatriz", "lukas", "rahul", "yuna"}
var h5domains = []string{"naver.com", "daum.net", "wp.pl", "ziggo.nl", "yahoo.co.id", "hotmail.co.th", "ukr.net", "walla.co.il", "chmail.ir", "otenet.gr", "telia.se", "seznam.cz", "gmx.at", "bol.com.br", "mynet.com", "sify.com"}

func (g *gen) h5email() string {
	return g.pick(h5first...) + g.pick(".", "-", "_", "") + g.s(lower, 2+g.r.IntN(5)) + g.s(digits, g.r.IntN(4)) + "@" + g.pick(h5domains...)
}

func (g *gen) h5phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(10) {
	case 0:
		return "+55 11 9" + d(4) + "-" + d(4)
	case 1:
		return "+91 " + g.pick("9", "8", "7") + d(4) + " " + d(5)
	case 2:
		return "+82 10-" + d(4) + "-" + d(4)
	case 3:
		return "+49 15" + d(1) + " " + d(7)
	case 4:
		return "+48 " + g.pick("5", "6", "7") + d(2) + " " + d(3) + " " + d(3)
	case 5:
		return "+90 5" + d(2) + " " + d(3) + " " + d(2) + " " + d(2)
	case 6:
		return "+62 812-" + d(4) + "-" + d(4)
	case 7:
		return "+31 6 " + d(8)
	case 8:
		return "+61 4" + d(2) + " " + d(3) + " " + d(3)
	}
	return "+52 55 " + d(4) + " " + d(4)
}

func (g *gen) h5card(sep string) string {
	var body string
	switch g.r.IntN(5) {
	case 0:
		body = "4" + g.s(digits, 14)
	case 1:
		body = fmt.Sprint(2221+g.r.IntN(500)) + g.s(digits, 11)
	case 2:
		body = g.pick("34", "37") + g.s(digits, 12)
	case 3:
		body = "6011" + g.s(digits, 11)
	default:
		body = fmt.Sprint(3528+g.r.IntN(60)) + g.s(digits, 11)
	}
	n := body + string(luhnDigit(body))
	if sep == "" {
		return n
	}
	if len(n) == 15 {
		return n[:4] + sep + n[4:10] + sep + n[10:]
	}
	return n[:4] + sep + n[4:8] + sep + n[8:12] + sep + n[12:]
}

func h5mod97(s string) int {
	rem := 0
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z':
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		default:
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem
}

func (g *gen) h5iban() string {
	var cc, bban string
	switch g.r.IntN(4) {
	case 0:
		cc, bban = "GB", g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)+g.s(digits, 14)
	case 1:
		cc, bban = "PL", g.s(digits, 24)
	case 2:
		cc, bban = "TR", g.s(digits, 5)+"0"+g.s(digits, 16)
	default:
		cc, bban = "BE", g.s(digits, 12)
	}
	return fmt.Sprintf("%s%02d%s", cc, 98-h5mod97(bban+cc+"00"), bban)
}

// h5neg is a value that looks like a credential and is not one.
func (g *gen) h5neg() string {
	switch g.r.IntN(16) {
	case 0:
		return g.s(hexd, 40)
	case 1:
		return g.h5uuid()
	case 2:
		return "sha512-" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 64)))
	case 3:
		return "h1:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 32)))
	case 4:
		return "00-" + g.s(hexd, 32) + "-" + g.s(hexd, 16) + "-01"
	case 5:
		return g.pick("${{ secrets.DEPLOY_KEY }}", "{{ .Values.auth.token }}", "{{ vault_db_password }}", "$(SERVICE_PASSWORD)", "%(API_SECRET)s", "#{ENV['TOKEN']}")
	case 6:
		return g.pick("<paste-token-here>", "YOUR_API_KEY_HERE", "replace-me", "[FILTERED]", "**redacted**", "xxxx-xxxx-xxxx", "none")
	case 7:
		return g.pick("sk_live_", "ghp_", "xoxb-", "AKIA") + strings.Repeat("*", 12) + g.s(alnum, 4)
	case 8:
		return "AKIAIOSFODNN7EXAMPLE"
	case 9:
		return "sha256:" + g.s(hexd, 64)
	case 10:
		return "ENC[AES256_GCM,data:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 18))) + ",iv:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 24))) + ",tag:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 12))) + ",type:str]"
	case 11:
		return "arn:aws:iam::" + g.s(digits, 12) + ":role/" + g.pick("deploy", "ci-runner", "readonly")
	case 12:
		return "4242424242424242"
	case 13:
		return g.s(hexd, 12)
	case 14:
		return "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 30)))
	}
	return "W/\"" + g.s(hexd, 16) + "\""
}

func (g *gen) h5ip() string {
	return fmt.Sprintf("%d.%d.%d.%d", g.pick2(37, 89, 109, 188, 217), g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250))
}

func (g *gen) h5host() string {
	return g.pick("db", "pg", "cache", "mq", "search", "warehouse") + "-" + fmt.Sprint(1+g.r.IntN(9)) + "." + g.pick("prod", "eu1", "svc", "internal") + "." + g.pick("lan", "corp", "cluster.local")
}

func (g *gen) h5user() string {
	return g.pick("svc_", "app_", "etl_", "") + g.pick("billing", "orders", "ingest", "reports", "admin", "backup")
}

// h5dsn is a connection string and the password in it.
func (g *gen) h5dsn() (string, string) {
	pw := g.h5pass()
	u, h := g.h5user(), g.h5host()
	esc := url.QueryEscape(pw)
	switch g.r.IntN(6) {
	case 0:
		return "postgresql://" + u + ":" + esc + "@" + h + ":5432/" + g.pick("orders", "crm", "events"), esc
	case 1:
		return "mongodb+srv://" + u + ":" + esc + "@" + g.pick("cluster0", "prod-shard") + "." + g.s(h5lowerD, 5) + ".mongodb.net/?retryWrites=true", esc
	case 2:
		return "redis://default:" + esc + "@" + h + ":6380/0", esc
	case 3:
		return "amqps://" + u + ":" + esc + "@" + h + ":5671/%2F", esc
	case 4:
		return "clickhouse://" + u + ":" + esc + "@" + h + ":9440/default?secure=true", esc
	}
	return "mysql://" + u + ":" + esc + "@" + h + ":3306/" + g.pick("shop", "wp"), esc
}

func (g *gen) h5pem() []string {
	kind := g.pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY")
	out := []string{"-----BEGIN " + kind + "-----"}
	n := 3 + g.r.IntN(5)
	for i := 0; i < n; i++ {
		out = append(out, g.s(b64, 64))
	}
	out = append(out, g.s(b64, 10+g.r.IntN(40))+g.pick("=", "==", ""))
	return append(out, "-----END "+kind+"-----")
}

func b64s(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// h5qp encodes s as quoted-printable without soft line breaks.
func h5qp(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' || c > 126 || (c < 32 && c != '\t') {
			fmt.Fprintf(&b, "=%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// h5js JSON-encodes s (without the quotes) as Go's encoder does, with non-ASCII
// characters escaped as \u too.
func h5js(s string) string { return h5jsEnc(s, false) }

// h5jsSlash is h5js with "/" escaped as "\/", as PHP's json_encode writes it.
func h5jsSlash(s string) string { return h5jsEnc(s, true) }

func h5jsEnc(s string, slash bool) string {
	b, _ := json.Marshal(s)
	var w strings.Builder
	for _, r := range string(b[1 : len(b)-1]) {
		switch {
		case r == '/' && slash:
			w.WriteString(`\/`)
		case r > 126:
			if r > 0xffff {
				r1, r2 := utf16.EncodeRune(r)
				fmt.Fprintf(&w, `\u%04x\u%04x`, r1, r2)
				continue
			}
			fmt.Fprintf(&w, `\u%04x`, r)
		default:
			w.WriteRune(r)
		}
	}
	return w.String()
}

func h5pw(v string) plant   { return secret("password", v) }
func h5gen(v string) plant  { return secret("generic", v) }
func h5mail(v string) plant { return pii("email", v) }
func h5tel(v string) plant  { return pii("phone", v) }

func h5ts(g *gen) string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}
