package main

// held14 is a fifteenth split in two halves, like held9..held13: "held14a" may be tuned
// on, "held14b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples). Each family pairs two concrete shapes of one class;
// variant a goes to held14a and variant b to held14b, each half with its own seed.
// Written from the formats' own documentation, not from ../shared/corpus/gen.py, the
// rules' examples or the other splits' templates.
//
// The classes are machine-written artefacts that carry credentials as data rather than
// as configuration: infrastructure state (Terraform state against `terraform show -json`
// plan output), Kubernetes Secrets (base64 data in a manifest against `kubectl get -o
// json` and `create secret --from-literal`), CI logs (GitHub Actions raw logs with their
// timestamps, groups and *** masking against Azure Pipelines logs), browser captures (HAR
// entries against DevTools' "Copy as fetch"/"Copy as cURL"), API collections (Postman
// v2.1 auth arrays against Bruno .bru files and Postman environments), notebooks (Jupyter
// outputs against Databricks source exports), shell histories (zsh extended history and
// fish against PowerShell's PSReadLine), container builds (Dockerfiles against `docker
// inspect`/`docker history`), service managers (systemd units against supervisord and
// launchd), crash reports (Python tracebacks with locals and Node's util.inspect against
// Go panics, Rust Debug output and JVM hs_err files), mail (quoted-printable plain text
// against quoted-printable HTML), chat exports (Slack against Telegram Desktop), LLM chat
// logs (fine-tuning JSONL with tool calls against content-block messages and a
// conversations.json export), database query logs (PostgreSQL log_statement against
// ClickHouse's query_log), SQL dumps (pg_dump COPY blocks against sqlite .dump), private
// keys inside other formats (JSON-escaped and YAML block scalars against .env with \n and
// Java properties with line continuations), connection strings (ADO.NET/JDBC/ODBC against
// libpq keywords, SQLAlchemy and broker URLs), front-end bundles (minified webpack chunks
// against source maps' sourcesContent), personal-data records (CRM NDJSON against
// Elasticsearch hits), and prose in Chinese, Japanese and Russian (a) against Spanish,
// Arabic and Korean (b). Hard negatives in the same shapes: masked and redacted values
// (***, sk-…****, [REDACTED]), CI and template references, lockfile integrity hashes,
// image digests, UUIDs, build ids, commit SHAs, public keys, documented example keys,
// publishable/test identifiers and placeholders. Hosts are ordinary company-looking names
// mostly, example.com sometimes; a credential is labelled by what a person would call a
// leak whatever the host. Labelling policy is held4's (held4.go); a value in a reversible
// encoding (base64 in a Secret's data, percent-encoding, quoted-printable) is a secret as
// it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h14pass is a password a person or a generator chose; its symbols survive JSON, YAML,
// INI, URLs, SQL single quotes and shell double quotes unchanged (no % @ : / # & < " '
// \ ; , = $ { } ` or blank).
func (g *gen) h14pass() string {
	word := func() string {
		return g.pick("Lantern", "Wisteria", "Granite", "Hokkaido", "Volga", "Yangtze", "Sevilla", "Qamar", "Busan", "Tundra", "Magnolia", "Cobblestone", "Harbinger", "Sakura")
	}
	shapes := [...]func() string{
		func() string { return word() + g.pick("!", "*", "^", "+", "~", "?") + g.s(digits, 2+g.r.IntN(3)) },
		func() string { return strings.ToLower(word()) + "." + strings.ToLower(word()) + "." + g.s(digits, 3) },
		func() string {
			return g.s(alnum, 6) + g.pick("!", "*", "-", "_") + g.s(alnum, 6) + g.pick("^", "~", "+") + g.s(digits, 1)
		},
		func() string { return word() + g.pick("2025", "2026", "77") + g.pick("!", "*", "?") },
		func() string { return g.s(alnum, 16+g.r.IntN(16)) },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h14rand is a machine-generated shared secret.
func (g *gen) h14rand() string { return g.s(alnum, 26+g.r.IntN(20)) }

var h14orgs = []string{"northwind-logistics.net", "kestrelpay.io", "brightfield.cloud", "orchardhealth.com", "tessera-labs.dev", "mapleridge.co", "fjordline-data.no", "sunbird-retail.com", "qilin-tech.cn", "hanabi-games.jp", "volgatrans.ru", "aguamarina.es", "nakheel-apps.ae", "haneul-soft.kr", "example.com"}

func (g *gen) h14host() string {
	return g.pick("db", "pg-prod", "api", "auth", "cache", "mq", "ci", "vault", "search", "billing", "etl", "crm") + g.pick("", "-1", "-2", "-eu", "-ap") + "." + g.pick(h14orgs...)
}

func (g *gen) h14user() string {
	return g.pick("svc_", "app_", "etl-", "deploy", "report_", "") + g.pick("orders", "billing", "ledger", "ingest", "sync", "admin", "analytics")
}

var h14first = []string{"li.wei", "zhang.min", "haruto", "yui.tanaka", "dmitry", "anastasia", "javier", "lucia.r", "omar", "fatima.a", "jiwoo", "minseo", "tom", "priya"}
var h14domains = []string{"qq.com", "163.com", "yahoo.co.jp", "docomo.ne.jp", "yandex.ru", "mail.ru", "gmail.com", "hotmail.es", "outlook.com", "naver.com", "daum.net", "icloud.com", "sunbird-retail.com", "kestrelpay.io"}

func (g *gen) h14email() string {
	return g.pick(h14first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h14domains...)
}

func (g *gen) h14phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(6) {
	case 0:
		return "+86 13" + d(1) + " " + d(4) + " " + d(4)
	case 1:
		return "+81 90-" + d(4) + "-" + d(4)
	case 2:
		return "+7 916 " + d(3) + "-" + d(2) + "-" + d(2)
	case 3:
		return "+34 6" + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 4:
		return "+971 50 " + d(3) + " " + d(4)
	}
	return "+82 10-" + d(4) + "-" + d(4)
}

// h14cnid is a PRC resident identity number with its ISO 7064 check character.
func (g *gen) h14cnid() string {
	body := g.pick("110105", "310104", "440305", "510107") + fmt.Sprintf("19%02d%02d%02d", 60+g.r.IntN(39), 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.s(digits, 3)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range body {
		sum += int(c-'0') * w[i]
	}
	return body + string("10X98765432"[sum%11])
}

// h14provs are provider tokens written from their documented shapes.
var h14provs = []h5prov{
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GH_TOKEN"}},
	{"doppler", func(g *gen) string { return "dp.st.prd." + g.s(alnum, 43) }, []string{"DOPPLER_TOKEN"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY"}},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum, 24) }, []string{"VAULT_TOKEN"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"TFE_TOKEN"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"PULUMI_ACCESS_TOKEN"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }, []string{"DATABRICKS_TOKEN"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"GRAFANA_SA_TOKEN"}},
	{"stripe", func(g *gen) string { return "sk_live_51" + g.s(alnum, 96) }, []string{"STRIPE_SECRET_KEY"}},
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_API_KEY"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"REPLICATE_API_TOKEN"}},
	{"npm", func(g *gen) string { b := g.s(alnum, 30); return "npm_" + b + crcSuffix(b) }, []string{"NPM_TOKEN"}},
}

func (g *gen) h14tok() (name, value string, p plant) { return g.provTok(h14provs) }

// h14awsSecret is an AWS secret access key's shape.
func (g *gen) h14awsSecret() string { return g.s(b64[:62]+"+/", 40) }

// h14neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h14neg() string {
	switch g.r.IntN(13) {
	case 0:
		return "sk-" + g.s(alnum, 3) + strings.Repeat("*", 16+g.r.IntN(8))
	case 1:
		return g.pick("[REDACTED]", "***", "<redacted>", "********", "[FILTERED]", "(sensitive value)")
	case 2:
		return "${{ secrets." + g.pick("DEPLOY_TOKEN", "DB_PASSWORD", "NPM_TOKEN") + " }}"
	case 3:
		return g.pick("<YOUR_API_KEY>", "your-password-here", "changeme", "REPLACE_ME", "TODO", "xxxxxxxxxxxxxxxxxxxx", "dummy")
	case 4:
		return "{{ .Values." + g.pick("db.password", "smtp.pass", "api.key") + " }}"
	case 5:
		return "$2b$12$" + g.s(b64[:62]+"./", 53)
	case 6:
		return "sha256:" + g.s(hexd, 64)
	case 7:
		return "AKIAIOSFODNN7EXAMPLE"
	case 8:
		return g.s(hexd, 32)
	case 9:
		return "$(" + g.pick("cat /run/secrets/db_password", "vault kv get -field=password secret/app", "op read op://prod/db/password") + ")"
	case 10:
		return "pk_test_" + g.s(alnum, 24)
	case 11:
		return g.h5uuid()
	}
	return "%" + g.pick("DB_PASS", "API_TOKEN") + "%"
}

// h14negSlot labels a negative where a name says secret: 32 random hex or a UUID under a
// secret name may be the secret itself (many services issue both as keys), so it counts
// neither way.
func h14negSlot(v string) []plant {
	if (len(v) == 32 || len(v) == 36) && strings.Trim(v, "0123456789abcdef-") == "" {
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

// h14b64part labels the part of b64 (the base64 of plain) that encodes inner: the
// base64 characters fixed by inner's bytes alone, which any report of it contains.
func h14b64part(fam, b64, plain, inner string) plant {
	i := strings.Index(plain, inner)
	s, e := (i+2)/3*4, (i+len(inner))/3*4
	return plant{family: fam, kind: "secret", value: b64[s:e]}
}

func h14pw(v string) plant   { return secret("password", v) }
func h14gen(v string) plant  { return secret("generic", v) }
func h14mail(v string) plant { return pii("email", v) }
func h14tel(v string) plant  { return pii("phone", v) }

func h14b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// h14pem is a private key block: header, body lines, footer.
func (g *gen) h14pem(kind string) (string, []string, string) { return g.pemBlock(kind, 5, 12) }

func (g *gen) h14pemKind() string {
	return g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY")
}

// h14ts is an RFC 3339 timestamp with the 7 fractional digits of a CI runner.
func (g *gen) h14ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%07dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(10000000))
}

func (g *gen) h14epoch() int { return 1767000000 + g.r.IntN(20000000) }

// h14sshpub is an OpenSSH public key line (a negative).
func (g *gen) h14sshpub() string {
	return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64[:62], 43) + " " + g.pick("deploy@ci", "haruto@laptop", "ops")
}
