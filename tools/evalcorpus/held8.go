package main

// held8 is a ninth split, written without reading held2's templates and with shapes and
// contexts no other split uses: source in languages none of the others use (Haskell,
// Zig with its \\ multi-line strings, Nix, Clojure, Erlang, F#, Nim, OCaml), secrets
// inside string concatenation, f-strings, template literals, heredocs, raw strings, text
// blocks, verbatim strings and nowdocs, and in TODO comments; CI logs (GitHub Actions
// with timestamps, GitLab with ANSI colour codes, Jenkins console output); `helm get
// values`, `kubectl describe configmap`, `reg query`, `docker inspect`, `terraform plan`,
// `git config --list` and `Get-ChildItem Env:` output; .mobileconfig profiles, an
// Android BuildConfig, a JVM hs_err file and a Node.js diagnostic report with their
// environment dumps, /proc/PID/environ; fish and PSReadLine history; mail with nested
// quoting, GitHub issues with code fences, SpreadsheetML and XLSX shared strings, rclone
// and gcloud credential files, IDE run configurations; prose where a clause stands
// between the name and the value, keys pasted alone on a line in chat, and lower- and
// camel-case names. Hard negatives in the same shapes: commit ids, lockfile integrity
// hashes, base64 fonts and images, minified identifiers, payload UUIDs, build ids,
// masked values and documented example keys. Labelling policy is held4's (held4.go).

import (
	"encoding/base64"
	"fmt"
	"strings"
)

var h8provs = []h5prov{
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"awsAccessKeyId", "aws_key_id"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "ghu_", "ghs_")) }, []string{"githubToken", "gh_token"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"ghFineGrainedPat"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"-_", 20) }, []string{"gitlabToken", "gitlab_pat"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"slackBotToken"}},
	{"slack", func(g *gen) string {
		return "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	}, []string{"slackWebhookUrl"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_", "rk_live_") + g.s(alnum, 99) }, []string{"stripeSecretKey", "stripe_key"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"openaiApiKey", "openai_key"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"anthropicApiKey", "claude_key"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"mapsApiKey", "firebaseApiKey"}},
	{"google", func(g *gen) string { return "ya29." + g.s(urlb64, 150+g.r.IntN(40)) }, []string{"googleAccessToken"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"sendgridKey"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"npmAuthToken"}},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"dockerHubPat"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"hfToken", "huggingface_token"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"groqKey"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"doApiToken"}},
	{"shopify", func(g *gen) string { return "shpat_" + g.s(hexd, 32) }, []string{"shopifyAdminToken"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"telegramBotToken"}},
	{"vault", func(g *gen) string { return "hvs.CAESI" + g.s(urlb64, 86) }, []string{"vaultToken"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"postmanApiKey"}},
	{"doppler", func(g *gen) string { return g.pick("dp.pt.", "dp.st.prd.", "dp.sa.") + g.s(alnum, 43) }, []string{"dopplerToken"}},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }, []string{"airtableToken"}},
	{"contentful", func(g *gen) string { return "CFPAT-" + g.s(urlb64, 43) }, []string{"contentfulManagementToken"}},
	{"mapbox", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return "sk." + e([]byte(fmt.Sprintf(`{"u":"%s","a":"cl%s"}`, g.s(lower, 8), g.s(h5lowerD, 23)))) + "." + g.s(urlb64, 22)
	}, []string{"mapboxSecretToken"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"tfcToken", "tfe_token"}},
	{"dynatrace", func(g *gen) string { return "dt0c01." + g.s(upperD, 24) + "." + g.s(upperD, 64) }, []string{"dynatraceApiToken"}},
	{"prefect", func(g *gen) string { return "pnu_" + g.s(alnum, 36) }, []string{"prefectApiKey"}},
	{"buildkite", func(g *gen) string { return "bkua_" + g.s(hexd, 40) }, []string{"buildkiteToken"}},
	{"discord", func(g *gen) string {
		id := base64.RawStdEncoding.EncodeToString([]byte("1" + g.s(digits, 18)))
		return id + "." + g.s(urlb64, 6) + "." + g.s(urlb64, 38)
	}, []string{"discordBotToken"}},
	{"azure-storage", func(g *gen) string { return base64.StdEncoding.EncodeToString(g.h8bytes(64)) }, []string{"storageAccountKey"}},
	{"okta", func(g *gen) string { return "00" + g.s(alnum+"-_", 40) }, []string{"oktaApiToken"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"linearApiKey"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }, []string{"databricksToken"}},
	{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.s(h5bech, 58) }, []string{"ageIdentity"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + e([]byte(fmt.Sprintf(`{"sub":"svc-%s","scope":"admin","iat":%d}`, g.s(lower, 6), 1760000000+g.r.IntN(1e7)))) + "." + g.s(urlb64, 43)
	}, []string{"serviceJwt"}},
	{"datadog", func(g *gen) string { return g.s(hexd, 32) }, []string{"datadogApiKey", "dd_api_key"}},
	{"cloudflare", func(g *gen) string { return g.s(alnum+"-_", 40) }, []string{"cloudflareApiToken", "cf_api_token"}},
	{"cohere", func(g *gen) string { return g.s(alnum, 40) }, []string{"cohereApiKey"}},
}

func (g *gen) h8tok() (name, value string, p plant) {
	t := h8provs[g.r.IntN(len(h8provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, h8secret(t.fam, v)
}

// h8secret labels a provider value; a webhook URL's core is the URL without its
// scheme, as the other splits label it (held3.go).
func h8secret(fam, v string) plant {
	p := secret(fam, v)
	if strings.HasPrefix(v, "https://hooks.") {
		p.core = strings.TrimPrefix(v, "https://")
	}
	return p
}

// h8prefixed is a provider value whose shape names its provider, for places where no
// key name stands next to it.
func (g *gen) h8prefixed() (string, plant) {
	for {
		t := h8provs[g.r.IntN(len(h8provs))]
		switch t.fam {
		case "datadog", "cloudflare", "cohere", "azure-storage", "okta", "terraform", "discord", "telegram":
			continue
		}
		v := t.mk(g)
		return v, h8secret(t.fam, v)
	}
}

// h8name writes a key name in one of the cases programs use.
func (g *gen) h8name(n string) string {
	switch g.r.IntN(4) {
	case 0:
		return h8snake(n)
	case 1:
		return strings.ToUpper(h8snake(n))
	case 2:
		return strings.ReplaceAll(h8snake(n), "_", "-")
	}
	return n
}

// h8snake turns camelCase into snake_case.
func h8snake(n string) string {
	var b strings.Builder
	for i, c := range n {
		if c >= 'A' && c <= 'Z' {
			if i > 0 && n[i-1] != '_' && n[i-1] != '.' && !(n[i-1] >= 'A' && n[i-1] <= 'Z') {
				b.WriteByte('_')
			}
			b.WriteRune(c - 'A' + 'a')
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (g *gen) h8pass() string {
	words := []string{"Quokka", "Tamarind", "Glacier", "Heron", "Monsoon", "Obsidian", "Paprika", "Sequoia", "Wombat", "Zephyr", "Kumquat", "Nautilus"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.s(digits, 3) + g.pick("!", "#", "$", "&", "^")
	case 1:
		return strings.ToLower(g.pick(words...)) + "." + strings.ToLower(g.pick(words...)) + "." + g.s(digits, 2)
	case 2:
		return g.s(alnum, 4) + g.pick("!", "%", "@", "+") + g.s(alnum, 6) + g.pick("?", "#", "*") + g.s(digits, 2)
	case 3:
		return g.pick("Autumn", "Winter", "Spring", "Summer") + g.pick("2026", "26") + g.pick("!", "$", "@") + g.pick(words...)
	}
	return g.s(alnum, 16+g.r.IntN(12))
}

var h8first = []string{"tevita", "siosaia", "keanu", "aroha", "mateo", "valentina", "isidora", "thiago", "camila", "alibek", "dilnoza", "farhod", "bolat", "nargiza", "oisin", "siobhan", "gwen", "rhys"}
var h8domains = []string{"xtra.co.nz", "bigpond.com", "speedy.com.ar", "vtr.net", "uol.com.br", "mail.uz", "eircom.net", "btinternet.com", "icloud.com", "protonmail.com", "zoho.com", "gmx.net"}

func (g *gen) h8email() string {
	return g.pick(h8first...) + g.pick(".", "-", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h8domains...)
}

func (g *gen) h8phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(6) {
	case 0:
		return "+64 21 " + d(3) + " " + d(4)
	case 1:
		return "+61 4" + d(2) + " " + d(3) + " " + d(3)
	case 2:
		return "+54 9 11 " + d(4) + "-" + d(4)
	case 3:
		return "+56 9 " + d(4) + " " + d(4)
	case 4:
		return "+353 8" + g.pick("3", "5", "7") + " " + d(3) + " " + d(4)
	}
	return "+44 7" + d(3) + " " + d(6)
}

// h8neg is a value in the shapes these files carry that looks like a credential and is
// not one.
func (g *gen) h8neg() string {
	switch g.r.IntN(18) {
	case 0:
		return g.s(hexd, 40) // a commit id
	case 1:
		return "sha512-" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 64))) // a lockfile integrity hash
	case 2:
		return g.h5uuid()
	case 3:
		return strings.ToUpper(g.h5uuid()) // a PayloadUUID
	case 4:
		return "build-" + g.s(digits, 5) + "-" + g.s(hexd, 7)
	case 5:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc", "xoxb-not-a-real-token-this-will-not-work")
	case 6:
		return g.pick("<YOUR_API_KEY>", "your-token-here", "xxxxxxxxxxxxxxxxxxxx", "REDACTED", "********", "$(cat /run/secrets/token)", "${{ secrets.DEPLOY_TOKEN }}", "***")
	case 7:
		return "$6$" + g.s(alnum+"./", 16) + "$" + g.s(alnum+"./", 86) // a crypt(3) hash
	case 8:
		return g.s(hexd, 64) // a sha256 digest
	case 9:
		return "v" + fmt.Sprint(1+g.r.IntN(4)) + "." + fmt.Sprint(g.r.IntN(20)) + "." + fmt.Sprint(g.r.IntN(30)) + "-rc." + fmt.Sprint(1+g.r.IntN(5))
	case 10:
		return g.pick("sk_live_", "ghp_", "glpat-", "AKIA") + strings.Repeat("*", 12) + g.s(alnum, 4)
	case 11:
		return g.s(lower, 1) + g.s(alnum, 1) + "." + g.s(lower, 2) + "(" + g.s(lower, 1) + ")" // a minified identifier
	case 12:
		return "data:font/woff2;base64," + base64.StdEncoding.EncodeToString([]byte("wOF2"+g.s(alnum, 60)))
	case 13:
		return "iVBORw0KGgoAAAANSUhEUgAAA" + g.s(b64, 60) + "=="
	case 14:
		return "projects/" + g.s(lower, 6) + "-" + g.s(digits, 6) + "/secrets/" + g.s(lower, 8) + "/versions/latest"
	case 15:
		return "arn:aws:secretsmanager:eu-west-1:" + g.s(digits, 12) + ":secret:prod/" + g.s(lower, 6) + "-" + g.s(alnum, 6)
	case 16:
		return g.s(hexd, 7) // a short commit id
	}
	return "op://" + g.pick("Prod", "Shared") + "/" + g.pick("Stripe", "Postgres", "GitHub") + "/credential"
}

// h8negSlot labels a negative put where a name says "secret": random hex or a UUID
// there may be the secret itself, so it counts neither way; a publishable key is
// neutral. Placeholders, hashes, references and markers stay unlabelled.
func h8negSlot(v string) []plant {
	switch {
	case strings.HasPrefix(v, "pk_live_"):
		return []plant{neutral("public-key", v)}
	case len(v) >= 16 && strings.Trim(strings.ToLower(v), "0123456789abcdef-") == "":
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

func (g *gen) h8ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h8host() string {
	return g.pick("db", "pg", "cache", "api", "queue") + "-" + g.pick("1", "2", "a") + "." + g.pick("prod", "stg", "ops") + "." + g.pick("internal", "corp.lan", "svc.cluster.local")
}

func h8pw(v string) plant   { return secret("password", v) }
func h8gen(v string) plant  { return secret("generic", v) }
func h8mail(v string) plant { return pii("email", v) }
func h8tel(v string) plant  { return pii("phone", v) }

func (g *gen) h8bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}
