package main

// held6 is a seventh split, written without reading held2's, held3's, held4's or
// held5's templates, the rules' examples or ../shared/corpus/gen.py: its provider values
// come from the providers' documented token formats (many providers no other split
// uses), its files are shapes no other split uses — mobile app files (AndroidManifest
// meta-data, Info.plist, strings.xml, gradle.properties, google-services.json), IaC
// (CloudFormation with !Sub and dynamic references, Pulumi stack config, Bicep
// parameters, serverless.yml, SAM config), configuration management (Salt pillar,
// Puppet hiera, Chef data bags, Vagrantfile), proxies (Caddyfile, Traefik, Envoy),
// JVM and framework configs (Kafka JAAS, Spring application.yml, hibernate.cfg.xml,
// Rails database.yml and credentials, Django settings.py, Laravel config/database.php,
// wp-config.php), Windows scripts (.bat, .cmd), an LLM gateway's trace export with
// tool-call arguments JSON-escaped twice, curl -v output, a MySQL general log, Jupyter
// console tracebacks, PuTTY and PGP private keys, a JWK set, and chat or ticket prose in
// French, Italian, Polish, Vietnamese, Thai, Indonesian, Ukrainian and Hebrew, with
// URL-encoded, HTML-entity, base64 and double-JSON-escaped values and CRLF files. Hard
// negatives: dynamic references ({{resolve:…}}, ${ssm:…}, ENC[PKCS7,…], !Ref), vendors'
// documented example keys, masked values, test cards, hashes and UUIDs. Values that are
// public by design (a Sentry DSN's public key, a Stripe publishable key, an
// Application Insights key) are labelled neutral.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strings"
)

const (
	h6upperH = "0123456789ABCDEF"
	h6b32l   = "abcdefghijklmnopqrstuvwxyz234567"
)

var h6provs = []h5prov{
	{"aws", func(g *gen) string { return "ASIA" + g.s(b32, 16) }, []string{"AwsAccessKeyId", "aws.accessKeyId"}},
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"S3_UPLOAD_KEY_ID", "awsKeyId"}},
	{"github", func(g *gen) string { b := g.s(alnum, 30); return "ghr_" + b + crcSuffix(b) }, []string{"GithubRefreshToken"}},
	{"github", func(g *gen) string { b := g.s(alnum, 30); return "ghp_" + b + crcSuffix(b) }, []string{"gitHubPat", "GH_RELEASE_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glrt-" + g.s(alnum+"-_", 20) }, []string{"RUNNER_REGISTRATION", "gitlabRunnerToken"}},
	{"gitlab", func(g *gen) string { return "gloas-" + g.s(hexd, 64) }, []string{"GITLAB_OAUTH_SECRET"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 13) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"slackBotToken", "SLACK_BOT_OAUTH"}},
	{"slack", func(g *gen) string {
		return "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	}, []string{"SLACK_ALERT_WEBHOOK"}},
	{"stripe", func(g *gen) string { return "sk_live_51" + g.s(alnum, 97) }, []string{"stripeSecret", "STRIPE_SK"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"openaiApiKey", "OPENAI_TOKEN"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"anthropicKey", "CLAUDE_API_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"mapsApiKey", "GOOGLE_PLACES_KEY"}},
	{"google", func(g *gen) string { return "ya29.a0" + g.s(urlb64, 150) }, []string{"googleAccessToken"}},
	{"google", func(g *gen) string { return "GOCSPX-" + g.s(urlb64, 28) }, []string{"oauthClientSecret"}},
	{"azure", func(g *gen) string { return g.s(b64, 86) + "==" }, []string{"StorageAccountKey", "AZURE_STORAGE_KEY"}},
	{"azure", func(g *gen) string { return g.s(alnum, 3) + "8Q~" + g.s(alnum+"~_.-", 34) }, []string{"ClientSecret", "AAD_APP_SECRET"}},
	{"azure-devops", func(g *gen) string { return g.s(h6b32l, 52) }, []string{"AZDO_PAT", "AzureDevOpsPat"}},
	{"twilio", func(g *gen) string { return g.s(hexd, 32) }, []string{"TWILIO_AUTH_TOKEN", "twilioAuthToken"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_TOKEN"}},
	{"datadog", func(g *gen) string { return g.s(hexd, 32) }, []string{"DD_API_KEY", "datadogApiKey"}},
	{"datadog", func(g *gen) string { return g.s(hexd, 40) }, []string{"DD_APP_KEY", "DATADOG_APPLICATION_KEY"}},
	{"okta", func(g *gen) string { return "00" + g.s(urlb64, 40) }, []string{"OKTA_API_TOKEN", "oktaToken"}},
	{"dynatrace", func(g *gen) string { return "dt0c01." + g.s(upperD, 24) + "." + g.s(upperD, 64) }, []string{"DT_API_TOKEN"}},
	{"pinecone", func(g *gen) string { return "pcsk_" + g.s(alnum, 5) + "_" + g.s(alnum, 63) }, []string{"PINECONE_API_KEY"}},
	{"elevenlabs", func(g *gen) string { return "sk_" + g.s(hexd, 48) }, []string{"ELEVENLABS_API_KEY", "xiApiKey"}},
	{"together", func(g *gen) string { return "tgp_v1_" + g.s(urlb64, 43) }, []string{"TOGETHER_API_KEY"}},
	{"fireworks", func(g *gen) string { return "fw_" + g.s(alnum, 24) }, []string{"FIREWORKS_API_KEY"}},
	{"cerebras", func(g *gen) string { return "csk-" + g.s(h5lowerD, 48) }, []string{"CEREBRAS_API_KEY"}},
	{"mistral", func(g *gen) string { return g.s(alnum, 32) }, []string{"MISTRAL_API_KEY", "mistralKey"}},
	{"cohere", func(g *gen) string { return g.s(alnum, 40) }, []string{"COHERE_API_KEY", "CO_API_KEY"}},
	{"voyage", func(g *gen) string { return "pa-" + g.s(urlb64, 43) }, []string{"VOYAGE_API_KEY"}},
	{"resend", func(g *gen) string { return "re_" + g.s(alnum, 8) + "_" + g.s(alnum, 24) }, []string{"RESEND_API_KEY"}},
	{"netlify", func(g *gen) string { return "nfp_" + g.s(alnum, 36) }, []string{"NETLIFY_AUTH_TOKEN"}},
	{"render", func(g *gen) string { return "rnd_" + g.s(alnum, 32) }, []string{"RENDER_API_KEY"}},
	{"cloudflare", func(g *gen) string { return g.s(urlb64, 40) }, []string{"CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"}},
	{"hubspot", func(g *gen) string { return "pat-" + g.pick("na1", "eu1") + "-" + g.h5uuid() }, []string{"HUBSPOT_PRIVATE_APP_TOKEN"}},
	{"clickup", func(g *gen) string { return "pk_" + g.s(digits, 8) + "_" + g.s(upperD, 32) }, []string{"CLICKUP_TOKEN"}},
	{"asana", func(g *gen) string { return "2/" + g.s(digits, 16) + "/" + g.s(digits, 16) + ":" + g.s(hexd, 32) }, []string{"ASANA_PAT"}},
	{"sonar", func(g *gen) string { return g.pick("sqp_", "squ_") + g.s(hexd, 40) }, []string{"SONAR_TOKEN"}},
	{"artifactory", func(g *gen) string { return "AKCp" + g.s(alnum, 69) }, []string{"ARTIFACTORY_API_KEY"}},
	{"octopus", func(g *gen) string { return "API-" + g.s(upperD, 27) }, []string{"OCTOPUS_API_KEY"}},
	{"scaleway", func(g *gen) string { return g.h5uuid() }, []string{"SCW_SECRET_KEY"}},
	{"linode", func(g *gen) string { return g.s(hexd, 64) }, []string{"LINODE_TOKEN"}},
	{"hetzner", func(g *gen) string { return g.s(alnum, 64) }, []string{"HCLOUD_TOKEN"}},
	{"backblaze", func(g *gen) string { return "K00" + g.s("0123456789", 1) + g.s(alnum+"+/", 27) }, []string{"B2_APPLICATION_KEY"}},
	{"razorpay", func(g *gen) string { return "rzp_live_" + g.s(alnum, 14) }, []string{"RAZORPAY_KEY_ID"}},
	{"paystack", func(g *gen) string { return "sk_live_" + g.s(hexd, 40) }, []string{"PAYSTACK_SECRET_KEY"}},
	{"mollie", func(g *gen) string { return "live_" + g.s(alnum, 30) }, []string{"MOLLIE_API_KEY"}},
	{"shippo", func(g *gen) string { return "shippo_live_" + g.s(hexd, 40) }, []string{"SHIPPO_API_TOKEN"}},
	{"square", func(g *gen) string { return "sq0csp-" + g.s(urlb64, 43) }, []string{"SQUARE_OAUTH_SECRET"}},
	{"paypal", func(g *gen) string { return "E" + g.s(urlb64, 79) }, []string{"PAYPAL_CLIENT_SECRET"}},
	{"plaid", func(g *gen) string { return g.s(hexd, 30) }, []string{"PLAID_SECRET"}},
	{"shopify", func(g *gen) string { return "shppa_" + g.s(hexd, 32) }, []string{"SHOPIFY_PRIVATE_APP_PASSWORD"}},
	{"discord", func(g *gen) string {
		return "https://discord.com/api/webhooks/" + g.s("123456789", 1) + g.s(digits, 17) + "/" + g.s(urlb64, 68)
	}, []string{"DISCORD_WEBHOOK_URL"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"TELEGRAM_BOT_TOKEN"}},
	{"neon", func(g *gen) string { return "napi_" + g.s(h5lowerD, 64) }, []string{"NEON_API_KEY"}},
	{"clerk", func(g *gen) string { return "sk_live_" + g.s(alnum, 42) }, []string{"CLERK_SECRET_KEY"}},
	{"auth0", func(g *gen) string { return g.s(urlb64, 64) }, []string{"AUTH0_CLIENT_SECRET"}},
	{"rollbar", func(g *gen) string { return g.s(hexd, 32) }, []string{"ROLLBAR_ACCESS_TOKEN"}},
	{"mailjet", func(g *gen) string { return g.s(hexd, 32) }, []string{"MJ_APIKEY_PRIVATE"}},
	{"telnyx", func(g *gen) string { return "KEY" + g.s(h6upperH, 32) + "_" + g.s(alnum, 22) }, []string{"TELNYX_API_KEY"}},
	{"harness", func(g *gen) string { return "pat." + g.s(alnum, 22) + "." + g.s(hexd, 24) + "." + g.s(alnum, 20) }, []string{"HARNESS_PAT"}},
	{"circleci", func(g *gen) string { return "CCIPAT_" + g.s(alnum, 22) + "_" + g.s(hexd, 40) }, []string{"CIRCLE_TOKEN"}},
	{"doppler", func(g *gen) string { return "dp.pt." + g.s(alnum, 43) }, []string{"DOPPLER_PERSONAL_TOKEN"}},
	{"1password", func(g *gen) string {
		return "ops_" + base64.RawStdEncoding.EncodeToString([]byte(fmt.Sprintf(`{"signInAddress":"my.1password.com","userAuth":{"method":"SRPg-4096","alg":"PBES2g-HS256","iterations":650000,"salt":"%s"},"email":"%s@1passwordserviceaccounts.com","srpX":"%s","muk":{"alg":"A256GCM","ext":true,"k":"%s","key_ops":["encrypt","decrypt"],"kty":"oct","kid":"mp"},"secretKey":"A3-%s","throttleSecret":{"seed":"%s","deviceUuid":"%s"},"deviceUuid":"%s"}`, g.s(urlb64, 22), g.s(h5lowerD, 13), g.s(hexd, 64), g.s(urlb64, 43), g.s(upperD, 26), g.s(hexd, 64), g.s(h5lowerD, 26), g.s(h5lowerD, 26))))
	}, []string{"OP_SERVICE_ACCOUNT_TOKEN"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_API_TOKEN"}},
	{"npm", func(g *gen) string { b := g.s(alnum, 30); return "npm_" + b + crcSuffix(b) }, []string{"NPM_PUBLISH_TOKEN"}},
	{"intercom", func(g *gen) string { return b64s("tok:" + g.h5uuid() + ":1:0") }, []string{"INTERCOM_ACCESS_TOKEN"}},
	{"jfrog", func(g *gen) string { return "cmVmdGtuOjAxOj" + g.s(alnum, 50) }, []string{"JFROG_IDENTITY_TOKEN"}},
}

func (g *gen) h6tok() (name, value string, p plant) {
	t := h6provs[g.r.IntN(len(h6provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, h6secret(t.fam, v)
}

// h6secret labels v; a webhook URL's core leaves out the scheme, which no report needs.
func h6secret(fam, v string) plant {
	p := secret(fam, v)
	p.core = strings.TrimPrefix(v, "https://")
	return p
}

// h6prefixed is a provider value with a recognisable shape of its own (no bare hex or
// alphanumerics), for places where no key name stands next to it.
func (g *gen) h6prefixed() (string, plant) {
	for {
		t := h6provs[g.r.IntN(len(h6provs))]
		switch t.fam {
		case "twilio", "datadog", "mistral", "cohere", "cloudflare", "scaleway", "linode", "hetzner", "paypal", "plaid", "auth0", "rollbar", "mailjet", "azure-devops":
			continue
		}
		if t.fam == "azure" && !strings.Contains(t.names[0], "Client") {
			continue
		}
		v := t.mk(g)
		return v, h6secret(t.fam, v)
	}
}

func (g *gen) h6pass() string {
	words := []string{"Cormoran", "Tramonto", "Jesion", "Hoa", "Mangga", "Kalyna", "Zayit", "Lumiere", "Borsuk", "Gelso", "Rambutan", "Sakura"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.s(digits, 3) + g.pick("!", "@", "#", "&") + g.pick(words...)
	case 1:
		return strings.ToLower(g.pick(words...)) + "." + strings.ToLower(g.pick(words...)) + "." + g.s(digits, 4)
	case 2:
		return g.s(alnum, 4) + g.pick("$", "%", "^", ")") + g.s(alnum, 6) + g.pick("!", "?", "*") + g.s(digits, 2)
	case 3:
		return g.pick("Printemps", "Estate", "Wiosna", "Mua", "Musim") + g.pick("2025", "2026", "24") + g.pick("!", "#", "$$")
	}
	return g.s(alnum, 16+g.r.IntN(14))
}

var h6first = []string{"camille", "giulia", "katarzyna", "nguyen", "thanawat", "siti", "bohdan", "yael", "matteo", "pierre", "anh", "wayan", "olena", "avi", "zofia", "chiara"}
var h6domains = []string{"orange.fr", "libero.it", "onet.pl", "fpt.vn", "true.th", "telkom.net.id", "i.ua", "bezeqint.net", "free.fr", "tiscali.it", "interia.pl", "vnn.vn", "gmail.com", "icloud.com", "hey.com"}

func (g *gen) h6email() string {
	return g.pick(h6first...) + g.pick(".", "_", "-", "") + g.s(lower, 2+g.r.IntN(5)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h6domains...)
}

func (g *gen) h6phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(8) {
	case 0:
		return "+33 6 " + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 1:
		return "+39 3" + d(2) + " " + d(3) + " " + d(4)
	case 2:
		return "+48 " + g.pick("50", "60", "69", "79") + d(1) + "-" + d(3) + "-" + d(3)
	case 3:
		return "+84 9" + d(1) + " " + d(3) + " " + d(4)
	case 4:
		return "+66 8" + d(1) + " " + d(3) + " " + d(4)
	case 5:
		return "+62 81" + d(1) + " " + d(4) + " " + d(4)
	case 6:
		return "+380 " + g.pick("50", "67", "93") + " " + d(3) + " " + d(2) + " " + d(2)
	}
	return "+972 5" + d(1) + "-" + d(3) + "-" + d(4)
}

func (g *gen) h6card(sep string) string {
	var body string
	switch g.r.IntN(4) {
	case 0:
		body = "4" + g.s(digits, 14)
	case 1:
		body = fmt.Sprint(51+g.r.IntN(5)) + g.s(digits, 13)
	case 2:
		body = "37" + g.s(digits, 12)
	default:
		body = "6011" + g.s(digits, 11)
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

func (g *gen) h6iban() string {
	var cc, bban string
	switch g.r.IntN(4) {
	case 0:
		cc, bban = "FR", g.s(digits, 10)+g.s(upperD, 11)+g.s(digits, 2)
	case 1:
		cc, bban = "IT", g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)+g.s(digits, 10)+g.s(upperD, 12)
	case 2:
		cc, bban = "PL", g.s(digits, 24)
	default:
		cc, bban = "UA", g.s(digits, 6)+g.s(digits, 19)
	}
	return fmt.Sprintf("%s%02d%s", cc, 98-h5mod97(bban+cc+"00"), bban)
}

// h6negSlot labels a value from h6neg put where a key name says "secret": random hex, a
// UUID or a publishable key there is ambiguous (it may be the secret), so it counts
// neither way; placeholders, references and documented examples stay unlabelled.
func h6negSlot(v string) []plant {
	switch {
	case strings.HasPrefix(v, "pk_test_"), strings.HasPrefix(v, "0x"), strings.HasPrefix(v, "sha1:"),
		len(v) >= 32 && strings.Trim(v, "0123456789abcdef-") == "":
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

// h6neg is a value that looks like a credential and is not one.
func (g *gen) h6neg() string {
	switch g.r.IntN(18) {
	case 0:
		return g.s(hexd, 64)
	case 1:
		return g.h5uuid()
	case 2:
		return "{{resolve:secretsmanager:" + g.pick("prod/db", "app/api") + ":SecretString:password}}"
	case 3:
		return "${ssm:/" + g.pick("prod", "shared") + "/" + g.pick("stripe", "db") + "/key}"
	case 4:
		return "ENC[PKCS7," + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 90))) + "]"
	case 5:
		return g.pick("<YOUR_KEY>", "xxxxxxxxxxxxxxxxxxxx", "changeme", "your-secret-here", "INSERT_TOKEN", "TBD", "dummy")
	case 6:
		return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	case 7:
		return "AKIAIOSFODNN7EXAMPLE"
	case 8:
		return g.pick("sk-...", "ghp_...", "xoxb-****", "AIza****") + g.s(alnum, 4)
	case 9:
		return "4111111111111111"
	case 10:
		return "5555555555554444"
	case 11:
		return "sha1:" + g.s(hexd, 40)
	case 12:
		return "${" + g.pick("DB_PASSWORD", "API_KEY", "env:SECRET") + "}"
	case 13:
		return "{{ .Values." + g.pick("db.password", "stripe.key") + " }}"
	case 14:
		return "$" + g.s(hexd, 8) + g.pick("", "-", "_") + "build"
	case 15:
		return "********"
	case 16:
		return "pk_test_" + g.s(alnum, 24)
	}
	return "0x" + g.s(hexd, 40)
}

func (g *gen) h6host() string {
	return g.pick("pg", "mysql", "mssql", "kafka", "mq", "ldap") + g.pick("01", "02", "-a", "-b") + "." + g.pick("prod", "stg", "dc1") + "." + g.pick("acme.local", "intra.example", "svc")
}

func (g *gen) h6user() string {
	return g.pick("app", "svc", "api", "etl", "") + g.pick("_writer", "_reader", "user", "_admin", "deploy")
}

func h6pw(v string) plant   { return secret("password", v) }
func h6gen(v string) plant  { return secret("generic", v) }
func h6mail(v string) plant { return pii("email", v) }
func h6tel(v string) plant  { return pii("phone", v) }
func h6card(v string) plant { return pii("card", v) }

func h6ts(g *gen) string {
	return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

// h6jsq returns s JSON-escaped (no quotes).
func h6jsq(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func (g *gen) h6pem(kind string) []string {
	out := []string{"-----BEGIN " + kind + "-----"}
	for i := 0; i < 4+g.r.IntN(4); i++ {
		out = append(out, g.s(b64, 64))
	}
	out = append(out, g.s(b64, 20+g.r.IntN(30))+"=")
	return append(out, "-----END "+kind+"-----")
}

var _ = url.QueryEscape
var _ = html.EscapeString
