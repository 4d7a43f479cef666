package main

// held13 is a fourteenth split in two halves, like held9..held12: "held13a" may be tuned
// on, "held13b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class; variant a goes to held13a and variant b to held13b, each
// half with its own seed. Written from the tools' own documentation of their files, not
// from ../shared/corpus/gen.py, the rules' examples or the other splits' templates.
//
// Shapes none of held..held12 cover: API gateways (Kong declarative config against APISIX
// and its Admin API), identity providers (a Keycloak realm export against Authelia and
// oauth2-proxy), mail transfer agents (Exim passwd.client against OpenSMTPD tables and
// Haraka), backup services (a Duplicati job export with its percent-encoded target URL
// and Name/Value settings against Kopia and Velero), Windows credentials on command lines
// (net use, cmdkey, sc.exe, schtasks, PsExec) against Azure publish profiles and IIS
// applicationHost.config, database GUI clients (Robo 3T, Navicat NCX against SQuirreL,
// HeidiSQL), streaming brokers (Pulsar client.conf/broker.conf against Kafka Connect
// connector JSON and rpk profiles), HTTP clients' files (HTTPie sessions with their
// name/value header lists against Hurl and REST Client .http files), APM agents (Datadog,
// New Relic, Elastic APM against Splunk HEC, Sentry CLI, Dynatrace), payment SDK configs
// (Stripe CLI, Braintree, Shopify against PayPal, Adyen, Square), artifact repository
// clients (Helm repositories.yaml, JFrog CLI against Conan and Dart pub), router firmware
// (OpenWrt UCI against an OPNsense config.xml), SQL that creates users and links (MySQL
// and PostgreSQL against SQL Server and Oracle), remote build caches (.bazelrc and
// BuildBuddy against Nx Cloud, Turborepo, Gradle), log servers (Graylog and Wazuh against
// Kibana and Elasticsearch's CLI output), self-hosted web apps (Odoo and Moodle against
// MediaWiki and Drupal), live streaming (OBS and ffmpeg stream keys against Icecast and
// Liquidsoap), blockchain nodes and dev tools (bitcoind and lnd against Hardhat and
// Foundry), and prose in Galician, Maltese, Uzbek, Marathi and Yoruba (a) and Irish,
// Macedonian, Kyrgyz, Telugu and Zulu (b). Hard negatives in the same shapes: stored
// hashes (MySQL native, SCRAM, PBKDF2, argon2, crypt, SQL Server and Oracle verifiers),
// documented defaults (APISIX's admin key, Hardhat's mnemonic), public identifiers
// (client ids, publishable keys, wallet addresses, transaction hashes, agent ids),
// encrypted values (IIS [enc:…:enc], DPAPI), environment references in each tool's own
// notation and placeholders. Labelling policy is held4's (held4.go); a value in a
// reversible encoding (percent-encoding, base64, Navicat's or HeidiSQL's obfuscation) is
// a secret as it stands.

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
)

// h13pass is a password a person or a generator chose; its symbols are safe in URLs,
// XML, INI, YAML, SQL/shell single quotes and JSON (no % @ : / # & < " ' \ ; , = $ { }
// or blank).
func (g *gen) h13pass() string {
	word := func() string {
		return g.pick("Hornbeam", "Cormorant", "Quartzite", "Valletta", "Samarkand", "Ohrid", "Bishkek", "Shannon", "Kestrel", "Lugo", "Ibadan", "Pune", "Drakensberg", "Tashkent")
	}
	shapes := [...]func() string{
		func() string {
			return word() + g.pick("!", "*", "^", "+", "~", "?") + g.s(digits, 2+g.r.IntN(3)) + word()
		},
		func() string { return strings.ToLower(word()) + "-" + strings.ToLower(word()) + "-" + g.s(digits, 2) },
		func() string {
			return g.s(alnum, 5) + g.pick("!", "*", "-", "_") + g.s(alnum, 7) + g.pick("^", "~", "+") + g.s(digits, 2)
		},
		func() string {
			return g.pick("Gozo", "Kelpie", "Tamarind", "Marula") + g.pick("2026", "2028", "88") + g.pick("!", "*", "+", "?", "^")
		},
		func() string { return g.s(alnum, 14+g.r.IntN(18)) },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h13passURL is a password with a symbol that percent-encoding changes.
func (g *gen) h13passURL() string {
	return g.pick("Gozo", "Kestrel", "Lugo") + g.pick("@", "#", "%", "&", "/") + g.s(alnum, 6) + g.pick("!", "$", "=") + g.s(digits, 2)
}

// h13rand is a machine-generated shared secret.
func (g *gen) h13rand() string { return g.s(alnum, 24+g.r.IntN(24)) }

func (g *gen) h13b64(n int) string { return base64.StdEncoding.EncodeToString(g.h8bytes(n)) }

func (g *gen) h13hexb(n int) string { return hex.EncodeToString(g.h8bytes(n)) }

var h13first = []string{"brais", "uxia", "mattea", "gorg", "dilnoza", "sardor", "aarti", "omkar", "adebayo", "folake", "aoife", "cathal", "biljana", "goran", "aibek", "nurzat", "lakshmi", "venkat", "thandiwe", "sipho"}
var h13domains = []string{"mundo-r.com", "telefonica.net", "maltanet.net", "go.net.mt", "mail.uz", "rediffmail.com", "yahoo.co.in", "eircom.net", "t-home.mk", "mail.kg", "webmail.co.za", "gmail.com", "outlook.com", "proton.me"}

func (g *gen) h13email() string {
	return g.pick(h13first...) + g.pick(".", "_", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h13domains...)
}

func (g *gen) h13phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(6) {
	case 0:
		return "+34 6" + d(2) + " " + d(3) + " " + d(3)
	case 1:
		return "+356 79" + d(2) + " " + d(4)
	case 2:
		return "+998 9" + d(1) + " " + d(3) + "-" + d(2) + "-" + d(2)
	case 3:
		return "+91 9" + d(4) + " " + d(5)
	case 4:
		return "+353 8" + d(1) + " " + d(3) + " " + d(4)
	}
	return "+27 8" + d(1) + " " + d(3) + " " + d(4)
}

func (g *gen) h13host() string {
	return g.pick("gw", "idp", "mx", "bkp", "db", "mq", "apm", "pay", "repo", "fw", "cache", "log", "wiki", "live", "node") + g.pick("1", "2", "-east", "-west") + "." + g.pick("ria", "gozo", "oxus", "deccan", "liffey") + "." + g.pick("corp.example", "internal", "lan")
}

func (g *gen) h13user() string {
	return g.pick("svc_", "app-", "ops.", "ci", "sync_") + g.s(lower, 3+g.r.IntN(4))
}

func (g *gen) h13ip() string {
	return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(250), 1+g.r.IntN(250))
}

// h13qs percent-encodes as a query string value does.
func h13qs(s string) string { return url.QueryEscape(s) }

// h13provs are provider tokens written from their documented shapes.
var h13provs = []h5prov{
	{"stripe", func(g *gen) string { return "rk_live_51" + g.s(alnum, 97) }, []string{"STRIPE_RESTRICTED_KEY"}},
	{"stripe", func(g *gen) string { return "whsec_" + g.s(alnum, 32) }, []string{"STRIPE_WEBHOOK_SECRET"}},
	{"shopify", func(g *gen) string { return "shpat_" + g.s(hexd, 32) }, []string{"SHOPIFY_ACCESS_TOKEN"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "ghs_")) }, []string{"GITHUB_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"-_", 20) }, []string{"GITLAB_TOKEN"}},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }, []string{"NEW_RELIC_API_KEY"}},
	{"dynatrace", func(g *gen) string { return "dt0c01." + g.s(upperD, 24) + "." + g.s(upperD, 64) }, []string{"DT_API_TOKEN"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"SQUARE_ACCESS_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 58) + "T3BlbkFJ" + g.s(urlb64, 58) }, []string{"OPENAI_API_KEY"}},
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"TWILIO_API_KEY_SID"}},
	{"kong", func(g *gen) string { return "kpat_" + g.s(alnum, 46) }, []string{"KONNECT_TOKEN"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DIGITALOCEAN_TOKEN"}},
	{"npm", func(g *gen) string { b := g.s(alnum, 36)[:30]; return "npm_" + b + crcSuffix(b) }, []string{"NPM_TOKEN"}},
}

func (g *gen) h13tok() (name, value string, p plant) { return g.provTok(h13provs) }

// h13awsSecret is an AWS secret access key's shape.
func (g *gen) h13awsSecret() string { return g.s(b64[:62]+"+/", 40) }

// h13neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h13neg() string {
	switch g.r.IntN(12) {
	case 0:
		return "${" + g.pick("KONG_PG_PASSWORD", "AUTHELIA_SESSION_SECRET", "DUPLICATI_PASSPHRASE") + "}"
	case 1:
		return g.pick("<change-me>", "REPLACE_ME", "your_api_key_here", "********", "XXXXXXXXXXXXXXXX", "n/a", "<hidden>")
	case 2:
		return "{env://" + g.pick("PULSAR_TOKEN", "GRAYLOG_SECRET") + "}"
	case 3:
		return "$argon2id$v=19$m=65536,t=3,p=4$" + g.s(b64[:62], 22) + "$" + g.s(b64[:62], 43)
	case 4:
		return g.pick("password", "secret", "letmein", "guest", "root", "hackme")
	case 5:
		return "*" + strings.ToUpper(g.s(hexd, 40))
	case 6:
		return "{{ " + g.pick("vault_kong_pg", "odoo_admin_passwd", "graylog_secret") + " }}"
	case 7:
		return "[enc:IISCngProvider:" + g.h13b64(48) + ":enc]"
	case 8:
		return g.s(hexd, 32)
	case 9:
		return "/run/secrets/" + g.pick("authelia_jwt", "kibana_es_password")
	case 10:
		return "%(ENV_" + g.pick("ODOO_DB_PASSWORD", "EXIM_RELAY_PW") + ")s"
	}
	return "SCRAM-SHA-256$4096:" + g.h13b64(16) + "$" + g.h13b64(32) + ":" + g.h13b64(32)
}

// h13negSlot labels a negative where a name says secret: 32 random hex under a secret
// name may be the secret itself, so it counts neither way.
func h13negSlot(v string) []plant {
	if len(v) == 32 && strings.Trim(v, "0123456789abcdef") == "" {
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

func h13pw(v string) plant   { return secret("password", v) }
func h13gen(v string) plant  { return secret("generic", v) }
func h13mail(v string) plant { return pii("email", v) }
func h13tel(v string) plant  { return pii("phone", v) }

// h13navicat stands for Navicat's reversible password obfuscation: upper-case hex.
func (g *gen) h13navicat() string { return strings.ToUpper(g.h13hexb(16 + 8*g.r.IntN(2))) }

// h13heidi stands for HeidiSQL's reversible encoding: hex digits shifted by one digit.
func (g *gen) h13heidi(pw string) string {
	var b strings.Builder
	for _, c := range []byte(pw) {
		fmt.Fprintf(&b, "%02x", c+3)
	}
	return b.String() + "3"
}

func (g *gen) h13epoch() int { return 1765000000 + g.r.IntN(20000000) }
