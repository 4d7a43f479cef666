package main

// held15 is a sixteenth split in two halves, like held9..held14: "held15a" may be tuned
// on, "held15b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class; variant a goes to held15a and variant b to held15b, each
// half with its own seed. Written from the formats' own documentation, without reading
// ../shared/corpus/gen.py, the rules or their examples, or the other splits' templates
// (only their header comments, to choose shapes they do not cover).
//
// Shapes: an AI app's log stream (ClickHouse JSONEachRow rows against a Loki push
// payload), Ansible (INI inventory host variables against group_vars YAML), deployment
// overrides (Helm values.yaml against docker-compose.override.yml), CI YAML with inline
// secrets (Bitbucket Pipelines against CircleCI), PHP configs (wp-config.php against
// Laravel's config arrays with env() defaults), web frameworks' secrets (`rails
// credentials:show` output against Django settings.py), client credential files
// (.pgpass against rclone.conf with obscured passwords and OAuth tokens), Windows
// (.reg exports against PowerShell scripts), issue trackers (Jira against GitHub issue
// JSON with escaped bodies), chat (IRC logs with NickServ identifies against Teams
// message JSON with HTML bodies), web pages (HTML forms and inline config scripts against
// __NEXT_DATA__), RPC (grpcurl command lines against protobuf text format), BEAM configs
// (Elixir runtime.exs against Erlang sys.config and vm.args), tabular exports
// (semicolon CSV with German and Polish headers against SpreadsheetML 2003 with
// Portuguese and Turkish ones), prose (French, German, Portuguese, Polish against
// Turkish, Vietnamese, Hindi, Indonesian), server logs (RFC 3164 syslog against logfmt),
// secret managers' CLI output (AWS Secrets Manager and SSM against Azure Key Vault and
// gcloud's base64 payloads), PaaS config vars (`heroku config` against render.yaml),
// machine provisioning (cloud-init user-data against Butane with data: URLs), health
// records (HL7 v2 against FHIR JSON) and bank files (SEPA pain.001 against MT940).
// Provider tokens are of formats not in held14's list where possible (SendGrid,
// Mailchimp, Notion, Airtable, PlanetScale, Supabase, Perplexity, xAI, OpenRouter,
// Anthropic admin, OpenAI project, Atlassian, Figma, Dropbox, Square, Braintree, Shopify,
// Stripe restricted, Slack app-level, Okta, age, New Relic, Buildkite, Mailgun, Discord,
// Docker Hub). PII: e-mails, phones of eight countries, Luhn-valid cards, IBANs of six
// countries, CPF, PESEL, TC Kimlik and US SSNs. Hard negatives in the same shapes:
// placeholders, masked values, template and environment references in each tool's
// notation, hashes, UUIDs, digests, public keys, encrypted blobs (Ansible Vault),
// documented example keys and test cards. Labelling policy is held4's (held4.go); a value
// in a reversible encoding (rclone's obscured passwords, base64 payloads,
// percent-encoded data: URLs) is a secret as it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h15pass is a password a person or a generator chose; it starts with a letter or a
// digit and its symbols (! * ^ + ~ ? - _ .) survive YAML, JSON, INI, XML, SQL and shell
// quoting, URLs' userinfo and CSV unchanged.
func (g *gen) h15pass() string {
	word := func() string {
		return g.pick("Brioche", "Zugspitze", "Caravela", "Wisla", "Bosphorus", "Halong", "Ganga", "Borobudur", "Lavande", "Kranich", "Saudade", "Pierogi", "Simit", "Mekong", "Kestrel", "Obsidian")
	}
	shapes := [...]func() string{
		func() string { return word() + g.pick("!", "*", "^", "+", "~", "?") + g.s(digits, 2+g.r.IntN(3)) },
		func() string { return strings.ToLower(word()) + "_" + strings.ToLower(word()) + g.s(digits, 2) },
		func() string {
			return g.s(alnum, 5) + g.pick("!", "*", "-", "_", ".") + g.s(alnum, 5) + g.pick("^", "~", "+", "!") + g.s(digits, 2)
		},
		func() string {
			return word() + g.pick("2024", "2025", "2026", "1987", "42") + g.pick("!", "*", "?", ".")
		},
		func() string { return g.s(alnum, 14+g.r.IntN(18)) },
		func() string { return strings.ToLower(word()) + g.s(digits, 4) },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h15rand is a machine-generated shared secret.
func (g *gen) h15rand() string { return g.s(alnum, 24+g.r.IntN(22)) }

var h15orgs = []string{"lumiere-sante.fr", "bergwerk-it.de", "caravela.com.br", "wislasoft.pl", "anadolu-lojistik.com.tr", "saigonpay.vn", "ganga-fintech.in", "nusantara-data.id", "kestrel-ops.io", "example.com"}

func (g *gen) h15host() string {
	return g.pick("db", "pg", "mysql", "redis", "mq", "api", "auth", "smtp", "ldap", "mongo", "kafka", "vault") + g.pick("", "01", "-prod", "-stg", "-eu1") + "." + g.pick(h15orgs...)
}

// h15ip is a private IPv4 address.
func (g *gen) h15ip() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	case 1:
		return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(256), 1+g.r.IntN(254))
	}
	return fmt.Sprintf("192.168.%d.%d", g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *gen) h15user() string {
	return g.pick("svc_", "app_", "ro_", "", "deploy_") + g.pick("billing", "crm", "shop", "ingest", "payroll", "reports", "wiki", "erp")
}

var h15first = []string{"julien.moreau", "camille", "katrin.schmidt", "lukas.b", "joao.silva", "mariana.costa", "agnieszka.k", "tomasz.nowak", "mehmet.yilmaz", "elif", "nguyen.thu", "tran.minh", "ananya.iyer", "rahul.verma", "budi.santoso", "siti.rahma"}
var h15domains = []string{"orange.fr", "free.fr", "gmx.de", "t-online.de", "uol.com.br", "bol.com.br", "wp.pl", "onet.pl", "hotmail.com.tr", "yandex.com.tr", "gmail.com", "yahoo.com.vn", "rediffmail.com", "yahoo.co.id", "lumiere-sante.fr", "wislasoft.pl"}

func (g *gen) h15email() string {
	return g.pick(h15first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h15domains...)
}

func (g *gen) h15phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(8) {
	case 0:
		return "+33 6 " + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 1:
		return "+49 15" + d(1) + " " + d(7)
	case 2:
		return "+55 11 9" + d(4) + "-" + d(4)
	case 3:
		return "+48 5" + d(2) + " " + d(3) + " " + d(3)
	case 4:
		return "+90 5" + d(2) + " " + d(3) + " " + d(2) + " " + d(2)
	case 5:
		return "+84 9" + d(1) + " " + d(3) + " " + d(2) + " " + d(2)
	case 6:
		return "+91 9" + d(4) + " " + d(5)
	}
	return "+62 812-" + d(4) + "-" + d(4)
}

// h15iban is an IBAN of country cc ("" = any of six) with valid check digits.
func (g *gen) h15iban(cc string) string {
	if cc == "" {
		cc = g.pick("DE", "FR", "PL", "PT", "TR", "BR")
	}
	d := func(n int) string { return g.s(digits, n) }
	switch cc {
	case "DE":
		return ibanWith(cc, d(18))
	case "FR":
		return ibanWith(cc, d(10)+g.s(upperD, 11)+d(2))
	case "PL":
		return ibanWith(cc, d(24))
	case "PT":
		return ibanWith(cc, d(21))
	case "TR":
		return ibanWith(cc, d(5)+"0"+d(16))
	}
	return ibanWith("BR", d(23)+"C"+g.s(upperD, 1))
}

// h15cpf is a Brazilian CPF with its two check digits, formatted.
func (g *gen) h15cpf() string {
	n := make([]int, 0, 11)
	for i := 0; i < 9; i++ {
		n = append(n, g.r.IntN(10))
	}
	n[0] = 1 + g.r.IntN(9)
	for len(n) < 11 {
		sum := 0
		for i, v := range n {
			sum += v * (len(n) + 1 - i)
		}
		c := sum * 10 % 11
		if c == 10 {
			c = 0
		}
		n = append(n, c)
	}
	s := ""
	for _, v := range n {
		s += fmt.Sprint(v)
	}
	return s[:3] + "." + s[3:6] + "." + s[6:9] + "-" + s[9:]
}

// h15pesel is a Polish PESEL with its check digit.
func (g *gen) h15pesel() string {
	body := fmt.Sprintf("%02d%02d%02d", 50+g.r.IntN(49), 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.s(digits, 4)
	w := []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := 0
	for i, c := range body {
		sum += int(c-'0') * w[i]
	}
	return body + fmt.Sprint((10-sum%10)%10)
}

// h15tckn is a Turkish identity number (T.C. Kimlik No) with its two check digits.
func (g *gen) h15tckn() string {
	d := make([]int, 9)
	d[0] = 1 + g.r.IntN(9)
	for i := 1; i < 9; i++ {
		d[i] = g.r.IntN(10)
	}
	odd := d[0] + d[2] + d[4] + d[6] + d[8]
	even := d[1] + d[3] + d[5] + d[7]
	d10 := ((odd*7-even)%10 + 10) % 10
	sum := d10
	for _, v := range d {
		sum += v
	}
	s := ""
	for _, v := range d {
		s += fmt.Sprint(v)
	}
	return s + fmt.Sprint(d10) + fmt.Sprint(sum%10)
}

// h15provs are provider tokens written from their documented shapes.
var h15provs = []h5prov{
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }, []string{"MAILCHIMP_API_KEY"}},
	{"notion", func(g *gen) string { return "secret_" + g.s(alnum, 43) }, []string{"NOTION_TOKEN"}},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }, []string{"AIRTABLE_PAT"}},
	{"planetscale", func(g *gen) string { return "pscale_tkn_" + g.s(alnum+"_-", 43) }, []string{"PLANETSCALE_SERVICE_TOKEN"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"SUPABASE_ACCESS_TOKEN"}},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }, []string{"PERPLEXITY_API_KEY"}},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }, []string{"XAI_API_KEY"}},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }, []string{"OPENROUTER_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-admin01-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_ADMIN_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 170) + "=" + g.s(upperD[:10]+"ABCDEF", 8) }, []string{"JIRA_API_TOKEN"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"FIGMA_TOKEN"}},
	{"dropbox", func(g *gen) string { return "sl." + g.s(urlb64, 136) }, []string{"DROPBOX_ACCESS_TOKEN"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"SQUARE_ACCESS_TOKEN"}},
	{"braintree", func(g *gen) string {
		return "access_token$production$" + g.s(lower+digits, 16) + "$" + g.s(hexd, 32)
	}, []string{"BRAINTREE_ACCESS_TOKEN"}},
	{"shopify", func(g *gen) string { return g.pick("shpca_", "shppa_", "shpat_") + g.s(hexd, 32) }, []string{"SHOPIFY_ADMIN_TOKEN"}},
	{"stripe", func(g *gen) string { return "rk_live_51" + g.s(alnum, 97) }, []string{"STRIPE_RESTRICTED_KEY"}},
	{"slack", func(g *gen) string {
		return "xapp-1-A" + g.s(upperD, 10) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 64)
	}, []string{"SLACK_APP_TOKEN"}},
	{"okta", func(g *gen) string { return "00" + g.s(alnum+"-_", 40) }, []string{"OKTA_API_TOKEN"}},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }, []string{"NEW_RELIC_API_KEY"}},
	{"buildkite", func(g *gen) string { return "bkua_" + g.s(hexd, 40) }, []string{"BUILDKITE_API_TOKEN"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }, []string{"MAILGUN_API_KEY"}},
	{"dockerhub", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKERHUB_TOKEN"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"GROQ_API_KEY"}},
	{"age", func(g *gen) string { return g.h15age() }, []string{"SOPS_AGE_KEY"}},
	{"github", func(g *gen) string { return g.h5gh("ghp_") }, []string{"GITHUB_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"discord", func(g *gen) string {
		id := base64.RawStdEncoding.EncodeToString([]byte(fmt.Sprint(100000000000000000 + g.r.Int64N(900000000000000000))))
		return id + "." + g.s(urlb64, 6) + "." + g.s(urlb64, 38)
	}, []string{"DISCORD_BOT_TOKEN"}},
}

func (g *gen) h15tok() (name, value string, p plant) { return g.provTok(h15provs) }

// h15age is an age X25519 identity: bech32 upper case.
func (g *gen) h15age() string {
	return "AGE-SECRET-KEY-1" + g.s("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58)
}

// h15awsSecret is an AWS secret access key's shape.
func (g *gen) h15awsSecret() string { return g.s(b64[:62]+"+/", 40) }

// h15awsID is an AWS access key id.
func (g *gen) h15awsID() string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }

// h15neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h15neg() string {
	switch g.r.IntN(14) {
	case 0:
		return g.pick("sk-", "SG.", "xoxb-", "ghp_") + g.s(alnum, 4) + strings.Repeat("*", 12+g.r.IntN(10))
	case 1:
		return g.pick("[REDACTED]", "********", "<masked>", "[hidden]", "(redacted)", "••••••••")
	case 2:
		return g.pick("<your-api-key>", "your_password_here", "CHANGE_ME", "replace-me", "xxxxxxxxxxxxxxxxxxxxxxxx", "TBD", "secret", "password")
	case 3:
		return "$2y$10$" + g.s(b64[:62]+"./", 53)
	case 4:
		return "sha256:" + g.s(hexd, 64)
	case 5:
		return "AKIAIOSFODNN7EXAMPLE"
	case 6:
		return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	case 7:
		return g.h5uuid()
	case 8:
		return g.s(hexd, 40)
	case 9:
		return "pk_test_" + g.s(alnum, 24)
	case 10:
		return "4242424242424242"
	case 11:
		return "$6$" + g.s(b64[:62]+"./", 16) + "$" + g.s(b64[:62]+"./", 86)
	case 12:
		return "v" + fmt.Sprint(1+g.r.IntN(5)) + "." + fmt.Sprint(g.r.IntN(20)) + "." + fmt.Sprint(g.r.IntN(40))
	}
	return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64[:62], 43)
}

// h15pem is a private key block: header, body lines, footer.
func (g *gen) h15pem() (string, []string, string) { return g.pemBlock(g.h14pemKind(), 4, 8) }

// h15time is an RFC 3339 timestamp with milliseconds.
func (g *gen) h15time() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func (g *gen) h15name() string {
	return g.pick("Julien Moreau", "Katrin Schmidt", "João Silva", "Agnieszka Kowalska", "Mehmet Yılmaz", "Nguyễn Thu Hà", "Ananya Iyer", "Budi Santoso", "Camille Laurent", "Tomasz Nowak")
}

func h15pw(v string) plant   { return secret("password", v) }
func h15gen(v string) plant  { return secret("generic", v) }
func h15mail(v string) plant { return pii("email", v) }
func h15tel(v string) plant  { return pii("phone", v) }
func h15ib(v string) plant   { return pii("iban", v) }
func h15id(v string) plant   { return pii("national-id", v) }
func h15cc(v string) plant   { return pii("card", v) }
func h15key(v string) plant  { return secret("private-key", v) }

func h15b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
