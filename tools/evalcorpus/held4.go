package main

// held4 is a fifth split, written without reading held2's or held3's templates: its own
// file kinds (Terraform, GitHub Actions and GitLab CI, Ansible inventories, ConfigMaps
// and Helm values, Postman collections, HAR files, raw HTTP requests, stack traces,
// syslog and journald lines, systemd units, .reg and PowerShell, C/Rust/Kotlin/Swift
// source, CSV with ';', '|' and tab, pretty-printed JSON, YAML block scalars, XML
// CDATA, LLM chat transcripts, Slack and Teams exports, .eml mail), prose in French,
// Portuguese, Arabic, Hindi, Vietnamese, Turkish and Italian, encodings (percent, \u
// escapes, HTML entities, base64 of user:pass) and value generators of its own.
//
// Labelling policy:
//   - a live-looking credential (provider format, or a random value under a name that
//     says secret/password/token/key) is a "secret"; a human password under a password
//     name is a "secret" of family "password";
//   - e-mail addresses of people, phone numbers with a country code or under a phone
//     name, Luhn-valid cards, IBANs with valid check digits are "pii";
//   - addresses at the reserved example domains (RFC 2606) in documentation, public
//     bot/role addresses and IP addresses are "neutral": reporting them is neither a
//     hit nor a false positive;
//   - everything else is a negative: hashes, UUIDs, commit SHAs, versions, template
//     references (${X}, {{ .Values.x }}, $(VAR), %(x)s), placeholders (<token>,
//     changeme, your-key-here, xxxx), masked keys (sk-…****), the card numbers that
//     processors document as test cards (4242…, 4111…) and values with a bad checksum.

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// ---- held4 values ----

func (g *gen) h4gh(prefix string) string { b := g.s(alnum, 30); return prefix + b + crcSuffix(b) }

type h4tok struct {
	family string
	mk     func(g *gen) string
	names  []string
}

var h4tokens = []h4tok{
	{"openai", func(g *gen) string { return "sk-svcacct-" + g.s(urlb64, 58) + "T3BlbkFJ" + g.s(urlb64, 58) }, []string{"OPENAI_KEY", "openaiApiKey"}},
	{"openai", func(g *gen) string { return "sk-" + g.s(alnum, 20) + "T3BlbkFJ" + g.s(alnum, 20) }, []string{"OAI_TOKEN", "gpt_key"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"CLAUDE_KEY", "anthropicKey"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"DS_KEY", "deepseek_token"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"GROQ_KEY", "groqToken"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HUGGINGFACEHUB_API_TOKEN", "hfToken"}},
	{"aws", func(g *gen) string { return "ASIA" + g.s(b32, 16) }, []string{"AWS_KEY_ID", "awsAccessKey"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"FIREBASE_API_KEY", "gmapsKey"}},
	{"github", func(g *gen) string { return g.h4gh(g.pick("gho_", "ghs_", "ghu_", "ghr_")) }, []string{"GH_AUTH", "githubOauth"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "gldt-", "glrt-") + g.s(alnum+"_-", 20) }, []string{"GL_TOKEN", "gitlabDeployToken"}},
	{"slack", func(g *gen) string {
		return "xoxp-" + g.s(digits, 11) + "-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 32)
	}, []string{"SLACK_USER_TOKEN", "slackToken"}},
	{"stripe", func(g *gen) string { return g.pick("rk_live_", "sk_live_") + g.s(alnum, 99) }, []string{"STRIPE_KEY", "stripeRestricted"}},
	{"stripe", func(g *gen) string { return "whsec_" + g.s(alnum, 32) }, []string{"STRIPE_WEBHOOK_SECRET"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_KEY", "mailKey"}},
	{"npm", func(g *gen) string { return g.h4gh("npm_") }, []string{"NODE_AUTH_TOKEN"}},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 80) }, []string{"TWINE_PASSWORD"}},
	{"shopify", func(g *gen) string { return g.pick("shpss_", "shpca_") + g.s(hexd, 32) }, []string{"SHOPIFY_SECRET"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DIGITALOCEAN_ACCESS_TOKEN"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"typ":"JWT","alg":"HS256"}`)) + "." + e([]byte(fmt.Sprintf(`{"uid":%d,"role":"%s","iat":%d}`, g.r.IntN(1e6), g.pick("admin", "ops"), 1700000000+g.r.IntN(1e7)))) + "." + g.s(urlb64, 43)
	}, []string{"ACCESS_JWT", "bearerToken"}},
	{"azure", func(g *gen) string { return g.s(alnum, 3) + "8Q~" + g.s(alnum+"~_.-", 34) }, []string{"AZURE_CLIENT_SECRET", "aadClientSecret"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }, []string{"MAILGUN_API_KEY"}},
}

func (g *gen) h4token() (name, value string, p plant) {
	t := h4tokens[g.r.IntN(len(h4tokens))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.family, v)
}

// h4pass is a password a person chose.
func (g *gen) h4pass() string {
	w := []string{"Soleil", "Lagoa", "Tramonto", "Gece", "Bambu", "Mawar", "Kiraz", "Girasole", "Cajueiro", "Nuage", "Pho", "Chai"}
	switch g.r.IntN(4) {
	case 0:
		return g.pick(w...) + g.pick("@", "!", "#", ".") + g.s(digits, 4)
	case 1:
		return strings.ToLower(g.pick(w...)) + g.s(digits, 2) + g.pick(w...) + g.pick("$", "%", "*")
	case 2:
		return g.pick(w...) + "_" + g.pick(w...) + g.s(digits, 3)
	}
	return g.s(alnum+"!#%^", 14+g.r.IntN(6))
}

func (g *gen) h4rand() string { return g.s(alnum, 28+g.r.IntN(20)) }

func (g *gen) h4awsSecret() string { return g.s(alnum+"+/", 40) }

var h4domains = []string{"laposte.net", "uol.com.br", "libero.it", "yahoo.com.vn", "rediffmail.com", "hotmail.com.tr", "orange.fr", "terra.com.br", "virgilio.it", "zoho.in"}

func (g *gen) h4email() string {
	n := g.pick("camille", "joao", "giulia", "ahmed", "priya", "nguyen", "elif", "mathieu", "beatriz", "rania", "arjun", "thao")
	return n + g.pick(".", "-", "") + g.pick("dubois", "silva", "rossi", "haddad", "sharma", "tran", "yilmaz", "moreau", "costa") + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h4domains...)
}

func (g *gen) h4phone() string {
	switch g.r.IntN(6) {
	case 0:
		return "+33 6 " + g.s(digits, 2) + " " + g.s(digits, 2) + " " + g.s(digits, 2) + " " + g.s(digits, 2)
	case 1:
		return "+55 11 9" + g.s(digits, 4) + "-" + g.s(digits, 4)
	case 2:
		return "+39 3" + g.s(digits, 2) + " " + g.s(digits, 3) + " " + g.s(digits, 4)
	case 3:
		return "+90 5" + g.s(digits, 2) + " " + g.s(digits, 3) + " " + g.s(digits, 2) + " " + g.s(digits, 2)
	case 4:
		return "+91 9" + g.s(digits, 4) + " " + g.s(digits, 5)
	}
	return "+84 9" + g.s(digits, 1) + " " + g.s(digits, 3) + " " + g.s(digits, 4)
}

func (g *gen) h4card() string {
	var body string
	switch g.r.IntN(3) {
	case 0:
		body = "4" + g.s("012356789", 1) + g.s(digits, 13)
	case 1:
		body = fmt.Sprintf("2%d", 3+g.r.IntN(4)) + g.s(digits, 13) // 2300–2699, inside Mastercard's 2221–2720
	default:
		body = "6011" + g.s(digits, 11)
	}
	n := body + string(luhnDigit(body))
	switch g.r.IntN(3) {
	case 0:
		return n[:4] + " " + n[4:8] + " " + n[8:12] + " " + n[12:]
	case 1:
		return n[:4] + "-" + n[4:8] + "-" + n[8:12] + "-" + n[12:]
	}
	return n
}

func (g *gen) h4iban() string {
	cc := g.pick("FR", "IT", "PT", "TR", "BE")
	var bban string
	switch cc {
	case "FR":
		bban = g.s(digits, 23)
	case "IT":
		bban = g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + g.s(digits, 22)
	case "PT":
		bban = g.s(digits, 21)
	case "TR":
		bban = g.s(digits, 22)
	default:
		bban = g.s(digits, 12)
	}
	if g.r.IntN(2) == 0 {
		return groupsOf4(ibanWith(cc, bban))
	}
	return ibanWith(cc, bban)
}

// h4neg is a look-alike that must stay quiet.
func (g *gen) h4neg() string {
	switch g.r.IntN(16) {
	case 0:
		return g.s(hexd, 40)
	case 1:
		h := g.s(hexd, 32)
		return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
	case 2:
		return "sha512-" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 48)))
	case 3:
		return fmt.Sprintf("%d.%d.%d-rc.%d", g.r.IntN(5), g.r.IntN(40), g.r.IntN(20), g.r.IntN(9))
	case 4:
		return g.pick("<token>", "${SECRET}", "{{ .Values.apiKey }}", "$(API_KEY)", "%(password)s", "your-key-here", "changeme", "<YOUR_PASSWORD>", "xxxxxxxxxxxxxxxxxxxxxxxx", "{{ secrets.DEPLOY_KEY }}")
	case 5:
		return "sk-" + g.s(alnum, 4) + "..." + strings.Repeat("*", 8)
	case 6:
		return g.pick("4242 4242 4242 4242", "4111111111111111", "5555555555554444")
	case 7:
		return "md5:" + g.s(hexd, 32)
	case 8:
		return "ami-" + g.s(hexd, 17)
	case 9:
		return "arn:aws:iam::" + g.s(digits, 12) + ":role/" + g.pick("deployer", "reader")
	case 10:
		return "projects/" + g.s(lower, 8) + "/locations/europe-west1"
	case 11:
		return "ghp_" + g.s(alnum, 30) + "000000"
	case 12:
		return "sha256-" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 32)))
	case 13:
		return "trace-" + g.s(hexd, 16)
	case 14:
		return "1.2.840.113549.1.1." + fmt.Sprint(g.r.IntN(14))
	}
	return "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
}

func (g *gen) h4ip() string {
	return fmt.Sprintf("%d.%d.%d.%d", g.pick2(41, 102, 177, 185, 203), g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250))
}

func neutral(fam, v string) plant { return plant{family: fam, kind: "neutral", value: v} }

func (g *gen) h4pem() (string, []string) {
	kind := g.pick("RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY")
	var body []string
	for i := 0; i < 4+g.r.IntN(4); i++ {
		body = append(body, g.s(b64, 64))
	}
	body = append(body, g.s(b64, 20)+"==")
	return "-----BEGIN " + kind + "-----", append(body, "-----END "+kind+"-----")
}

func jsonEsc(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// uEsc writes some characters of s as \u escapes, as JSON encoders for HTML do.
func uEsc(s string) string {
	r := strings.NewReplacer("@", `\u0040`, "&", `\u0026`, "<", `\u003c`, ">", `\u003e`, "=", `\u003d`)
	return r.Replace(s)
}

func h4ent(s string) string {
	r := strings.NewReplacer("@", "&#64;", "&", "&amp;", "+", "&#43;", "/", "&#x2F;")
	return r.Replace(s)
}

var held4Templates = []template{
	{"infra", "main.tf", func(g *gen, f *file) {
		f.add(`provider "aws" {`)
		f.add(`  region     = "` + g.pick("eu-west-3", "sa-east-1", "ap-south-1") + `"`)
		ak := "AKIA" + g.s(b32, 16)
		f.add(`  access_key = "`+ak+`"`, secret("aws", ak))
		sk := g.h4awsSecret()
		f.add(`  secret_key = "`+sk+`"`, secret("aws-secret", sk))
		f.add(`}`)
		f.add(`resource "aws_db_instance" "` + g.pick("orders", "ledger") + `" {`)
		f.add(`  engine         = "postgres"`)
		f.add(`  engine_version = "` + fmt.Sprintf("%d.%d", 13+g.r.IntN(4), g.r.IntN(9)) + `"`)
		f.add(`  username       = "dbadmin"`)
		pw := g.h4pass()
		f.add(`  password       = "`+pw+`"`, secret("password", pw))
		f.add(`  snapshot_identifier = "` + g.h4neg() + `"`)
		f.add(`}`)
		f.add(`variable "` + g.pick("api_token", "db_password") + `" {`)
		f.add(`  default = "` + g.pick("${var.x}", "changeme", "<token>", "") + `"`)
		f.add(`  sensitive = true`)
		f.add(`}`)
	}},
	{"infra", "terraform.tfvars", func(g *gen, f *file) {
		f.add(`cluster_name = "` + g.pick("prod", "edge") + `-` + g.s(lower, 4) + `"`)
		n, v, p := g.h4token()
		f.add(strings.ToLower(n)+` = "`+v+`"`, p)
		// each name with a value in its provider's documented shape
		kn, k := "vault_unseal_key", g.s(b64, 44)
		switch g.r.IntN(3) {
		case 0:
			kn, k = "cloudflare_api_token", g.s(urlb64, 40)
		case 1:
			kn, k = "datadog_app_key", g.s(hexd, 40)
		}
		f.add(kn+` = "`+k+`"`, secret("generic", k))
		tw := g.s(hexd, 32)
		f.add(`twilio_auth_token = "`+tw+`"`, secret("twilio", tw))
		f.add(`image_digest = "sha256:` + g.s(hexd, 64) + `"`)
		f.add(`tags = { owner = "platform", cost_center = "` + g.s(digits, 5) + `" }`)
	}},
	{"ci", ".github/workflows/deploy.yml", func(g *gen, f *file) {
		f.add("name: deploy")
		f.add("on: [push]")
		f.add("env:")
		f.add("  REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}")
		n, v, p := g.h4token()
		f.add("  "+n+": "+v, p)
		f.add("jobs:")
		f.add("  ship:")
		f.add("    runs-on: ubuntu-24.04")
		f.add("    steps:")
		f.add("      - uses: actions/checkout@" + g.s(hexd, 40))
		f.add("      - name: login")
		pw := g.h4pass()
		f.add("        run: echo '"+pw+"' | docker login -u ci --password-stdin registry."+g.pick("corp.lan", "internal"), secret("password", pw))
		f.add("      - name: notify")
		k := g.h4rand()
		f.add("        run: curl -fsS -H \"X-Api-Key: "+k+"\" https://hooks."+g.pick("ops", "deploy")+".internal/done", secret("generic", k))
	}},
	{"ci", ".gitlab-ci.yml", func(g *gen, f *file) {
		f.add("variables:")
		f.add("  DOCKER_DRIVER: overlay2")
		pw := g.h4pass()
		f.add("  SONAR_PASSWORD: \""+pw+"\"", secret("password", pw))
		f.add("  IMAGE_TAG: \"$CI_COMMIT_SHORT_SHA\"")
		f.add("deploy:")
		f.add("  stage: deploy")
		f.add("  script:")
		n, v, p := g.h4token()
		f.add("    - export "+n+"="+v, p)
		u := g.pick("deploy", "release")
		pw2 := g.h4pass()
		f.add("    - git push https://"+u+":"+url.QueryEscape(pw2)+"@gitlab."+g.pick("corp.lan", "intra")+"/app.git HEAD:main", plant{family: "password", kind: "secret", value: url.QueryEscape(pw2), core: url.QueryEscape(pw2)})
		f.add("    - echo \"commit " + g.s(hexd, 40) + "\"")
	}},
	{"ansible", "inventory.ini", func(g *gen, f *file) {
		f.add("[db]")
		pw := g.h4pass()
		f.add(fmt.Sprintf("db%d.%s ansible_host=10.%d.%d.%d ansible_user=root ansible_password=%s", g.r.IntN(9), g.pick("par", "gru"), g.r.IntN(250), g.r.IntN(250), g.r.IntN(250), pw), secret("password", pw))
		f.add("[web]")
		f.add(fmt.Sprintf("web%d ansible_host=192.168.%d.%d ansible_ssh_private_key_file=~/.ssh/id_ed25519", g.r.IntN(9), g.r.IntN(250), g.r.IntN(250)))
		f.add("[all:vars]")
		pw2 := g.h4pass()
		f.add("ansible_become_pass="+pw2, secret("password", pw2))
		f.add("ntp_server=" + g.pick("pool.ntp.org", "time.cloudflare.com"))
	}},
	{"ansible", "group_vars/all.yml", func(g *gen, f *file) {
		f.add("---")
		pw := g.h4pass()
		f.add("mysql_root_password: "+pw, secret("password", pw))
		f.add("app_secret: \"{{ vault_app_secret }}\"")
		n, v, p := g.h4token()
		f.add(strings.ToLower(n)+": '"+v+"'", p)
		f.add("deploy_version: " + g.h4neg())
		e := g.h4email()
		f.add("admin_contact: "+e, pii("email", e))
	}},
	{"k8s", "configmap.yaml", func(g *gen, f *file) {
		f.add("apiVersion: v1")
		f.add("kind: ConfigMap")
		f.add("metadata:")
		f.add("  name: app-config")
		f.add("data:")
		f.add("  LOG_FORMAT: json")
		db := g.pick("postgresql", "mysql", "mongodb")
		pw := g.h4pass()
		pwe := url.QueryEscape(pw)
		f.add(fmt.Sprintf("  DATABASE_URL: %s://svc_app:%s@%s.db.svc.cluster.local/app", db, pwe, g.pick("primary", "main")), secret("password", pwe))
		f.add("  application.properties: |")
		f.add("    server.port=8080")
		k := g.h4rand()
		f.add("    partner.api.secret="+k, secret("generic", k))
		f.add("    build.hash=" + g.s(hexd, 40))
		f.add("  RELEASE: " + g.h4neg())
	}},
	{"helm", "values-prod.yaml", func(g *gen, f *file) {
		f.add("image:")
		f.add("  repository: ghcr.io/acme/api")
		f.add("  tag: " + g.h4neg())
		f.add("redis:")
		f.add("  auth:")
		pw := g.h4pass()
		f.add("    password: "+pw, secret("password", pw))
		f.add("externalSecrets:")
		f.add("  apiKey: {{ .Values.global.apiKey }}")
		f.add("smtp:")
		sg := "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43)
		f.add("  credentials: "+sg, secret("sendgrid", sg))
		f.add("podAnnotations:")
		f.add("  checksum/config: " + g.s(hexd, 64))
	}},
	{"yaml", "certs.yaml", func(g *gen, f *file) {
		f.add("tls:")
		f.add("  enabled: true")
		f.add("  key: |")
		b, rest := g.h4pem()
		f.add("    "+b, secret("private-key", b))
		for _, l := range rest {
			f.add("    " + l)
		}
		f.add("  note: >")
		f.add("    rotated on " + fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28)))
		k := g.h4rand()
		f.add("    with the backup token "+k+" kept offline", secret("generic", k))
	}},
	{"api", "collection.postman_collection.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`  "info": {"_postman_id": "` + g.h4neg() + `", "name": "Partner API"},`)
		f.add(`  "item": [{`)
		f.add(`    "name": "list orders",`)
		f.add(`    "request": {`)
		f.add(`      "method": "GET",`)
		f.add(`      "header": [`)
		k := g.h4rand()
		f.add(`        {"key": "X-Api-Key", "value": "`+k+`", "type": "text"},`, secret("generic", k))
		f.add(`        {"key": "Accept", "value": "application/json"}`)
		f.add(`      ],`)
		_, v, p := g.h4token()
		f.add(`      "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "`+v+`", "type": "string"}]},`, p)
		f.add(`      "url": "https://api.partner.io/v2/orders?page=1"`)
		f.add(`    }`)
		f.add(`  }],`)
		f.add(`  "variable": [{"key": "baseUrl", "value": "https://api.partner.io"}, {"key": "token", "value": "{{token}}"}]`)
		f.add("}")
	}},
	{"api", "session.har", func(g *gen, f *file) {
		f.add(`{"log": {"version": "1.2", "entries": [`)
		f.add(`  {"request": {"method": "POST", "url": "https://shop.example.org/api/login",`)
		f.add(`   "headers": [`)
		u := g.pick("martina", "duc", "kemal")
		pw := g.h4pass()
		bb := base64.StdEncoding.EncodeToString([]byte(u + ":" + pw))
		f.add(`     {"name": "Authorization", "value": "Basic `+bb+`"},`, plant{family: "password", kind: "secret", value: bb})
		sess := g.s(urlb64, 40)
		f.add(`     {"name": "Cookie", "value": "sessionid=`+sess+`; theme=dark"}],`, secret("generic", sess))
		e := g.h4email()
		f.add(`   "postData": {"mimeType": "application/x-www-form-urlencoded", "text": "email=`+url.QueryEscape(e)+`&remember=1"}},`, plant{family: "email", kind: "pii", value: url.QueryEscape(e), core: strings.SplitN(e, "@", 2)[0]})
		f.add(`   "response": {"status": 200, "headers": [{"name": "ETag", "value": "W/\"` + g.s(hexd, 32) + `\""}]}}`)
		f.add(`]}}`)
	}},
	{"http", "request.txt", func(g *gen, f *file) {
		f.add("POST /v1/chat/completions HTTP/1.1")
		f.add("Host: api." + g.pick("groq.com", "deepseek.com", "openai.com"))
		_, v, p := g.h4token()
		f.add("Authorization: Bearer "+v, p)
		f.add("Content-Type: application/json")
		f.add("X-Request-Id: " + g.h4neg())
		sid := g.s(alnum, 32)
		f.add("Cookie: _ga=GA1.2."+g.s(digits, 9)+"."+g.s(digits, 10)+"; auth_session="+sid, secret("generic", sid))
		f.add("")
		f.add(`{"model": "` + g.pick("llama-3.1-70b", "deepseek-chat") + `", "messages": [{"role": "user", "content": "hi"}]}`)
	}},
	{"http", "curl.sh", func(g *gen, f *file) {
		k := g.h4rand()
		f.add("curl -sS https://api.mistral.ai/v1/models -H 'Authorization: Bearer "+k+"'", secret("generic", k))
		u := g.pick("svc-report", "etl")
		pw := g.h4pass()
		f.add("curl -u "+u+":"+pw+" https://jenkins.corp.lan/job/build/api/json", secret("password", pw))
		k2 := g.h4rand()
		f.add("curl 'https://maps.partner.io/geocode?address=Rua+Augusta&api_key="+k2+"'", secret("generic", k2))
		f.add("curl -H 'If-None-Match: \"" + g.s(hexd, 40) + "\"' https://cdn.partner.io/app.js")
	}},
	{"logs", "trace.log", func(g *gen, f *file) {
		f.add(fmt.Sprintf("2026-03-%02d 10:%02d:11,402 ERROR [main] c.a.billing.Client - request failed", 1+g.r.IntN(28), g.r.IntN(60)))
		db := g.h4pass()
		f.add("org.postgresql.util.PSQLException: FATAL: connection to jdbc:postgresql://db.lan:5432/pay?user=billing&password="+db+" refused", secret("password", db))
		f.add("\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:" + fmt.Sprint(100+g.r.IntN(300)) + ")")
		f.add("\tat com.acme.billing.Client.<init>(Client.java:42)")
		f.add("Traceback (most recent call last):")
		f.add(`  File "/srv/app/sync.py", line 88, in push`)
		k := g.h4rand()
		f.add(`    resp = session.post(url, headers={"Authorization": "Token `+k+`"})`, secret("generic", k))
		f.add("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.partner.io', port=443)")
	}},
	{"logs", "syslog", func(g *gen, f *file) {
		for i := 0; i < 6; i++ {
			ts := fmt.Sprintf("Mar %2d %02d:%02d:%02d", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			host := g.pick("edge01", "db-par-2")
			switch g.r.IntN(5) {
			case 0:
				ip := g.h4ip()
				f.add(fmt.Sprintf("%s %s sshd[%d]: Failed password for invalid user admin from %s port %d ssh2", ts, host, 1000+g.r.IntN(9000), ip, 30000+g.r.IntN(30000)), neutral("ip", ip))
			case 1:
				_, v, p := g.h4token()
				f.add(fmt.Sprintf("%s %s deployd[%d]: using token %s for registry pull", ts, host, 100+g.r.IntN(900), v), p)
			case 2:
				e := g.h4email()
				f.add(fmt.Sprintf("%s %s postfix/smtp[%d]: %s: to=<%s>, relay=mx.%s, status=sent", ts, host, 100+g.r.IntN(900), strings.ToUpper(g.s(hexd, 10)), e, g.pick("orange.fr", "uol.com.br")), pii("email", e))
			case 3:
				pw := g.h4pass()
				f.add(fmt.Sprintf("%s %s app[%d]: DEBUG connecting redis://:%s@cache.lan:6379/0", ts, host, 100+g.r.IntN(900), pw), secret("password", pw))
			default:
				f.add(fmt.Sprintf("%s %s kernel: [%d.%06d] EXT4-fs (sda1): mounted filesystem %s", ts, host, g.r.IntN(99999), g.r.IntN(999999), g.h4neg()))
			}
		}
	}},
	{"logs", "journal.json", func(g *gen, f *file) {
		for i := 0; i < 4; i++ {
			pre := fmt.Sprintf(`{"__REALTIME_TIMESTAMP":"%d","_SYSTEMD_UNIT":"%s.service","PRIORITY":"6","MESSAGE":"`, 1741000000000000+g.r.IntN(1e9), g.pick("worker", "api"))
			switch i % 4 {
			case 0:
				_, v, p := g.h4token()
				f.add(pre+`loaded credentials: key=`+v+`"}`, p)
			case 1:
				ph := g.h4phone()
				f.add(pre+`sms queued for `+ph+`"}`, pii("phone", ph))
			case 2:
				f.add(pre + `job ` + g.h4neg() + ` finished in 52ms"}`)
			default:
				e := g.h4email()
				f.add(pre+`password reset requested by \u003c`+uEsc(e)+`\u003e"}`, plant{family: "email", kind: "pii", value: uEsc(e), core: strings.SplitN(e, "@", 2)[0]})
			}
		}
	}},
	{"systemd", "app.service", func(g *gen, f *file) {
		f.add("[Unit]")
		f.add("Description=Order worker")
		f.add("[Service]")
		f.add("ExecStart=/usr/local/bin/worker --config /etc/worker.toml")
		pw := g.h4pass()
		f.add("Environment=\"PGPASSWORD="+pw+"\"", secret("password", pw))
		n, v, p := g.h4token()
		f.add("Environment="+n+"="+v, p)
		f.add("Environment=GOMAXPROCS=2 RELEASE=" + g.h4neg())
		f.add("[Install]")
		f.add("WantedBy=multi-user.target")
	}},
	{"windows", "settings.reg", func(g *gen, f *file) {
		f.add("Windows Registry Editor Version 5.00")
		f.add(`[HKEY_LOCAL_MACHINE\SOFTWARE\Acme\Agent]`)
		pw := g.h4pass()
		f.add(`"ProxyPassword"="`+pw+`"`, secret("password", pw))
		k := g.h4rand()
		f.add(`"LicenseSecret"="`+k+`"`, secret("generic", k))
		f.add(`"InstallId"="{` + strings.ToUpper(g.h4neg()) + `}"`)
		f.add(`"Version"=dword:0000000` + fmt.Sprint(g.r.IntN(9)))
	}},
	{"windows", "deploy.ps1", func(g *gen, f *file) {
		pw := g.h4pass()
		f.add(`$securePwd = ConvertTo-SecureString "`+pw+`" -AsPlainText -Force`, secret("password", pw))
		f.add(`$cred = New-Object System.Management.Automation.PSCredential ("CORP\svc_deploy", $securePwd)`)
		n, v, p := g.h4token()
		f.add(`$env:`+n+` = "`+v+`"`, p)
		ak := "AccountKey=" + g.s(b64, 86) + "=="
		f.add(`$conn = "DefaultEndpointsProtocol=https;AccountName=`+g.s(lower, 10)+`;`+ak+`;EndpointSuffix=core.windows.net"`, plant{family: "azure", kind: "secret", value: ak[len("AccountKey="):]})
		f.add(`Write-Host "build ` + g.s(hexd, 40) + `"`)
	}},
	{"windows", "app.ini", func(g *gen, f *file) {
		f.add("[database]")
		f.add("server = SQL01\\PROD")
		pw := g.h4pass()
		f.add("pwd = "+pw, secret("password", pw))
		f.add("[smtp]")
		e := g.h4email()
		f.add("reply_to = "+e, pii("email", e))
		f.add("[licence]")
		f.add("serial = " + g.h4neg())
	}},
	{"src", "client.c", func(g *gen, f *file) {
		f.add("#include <stdio.h>")
		k := g.h4rand()
		f.add(`static const char *API_SECRET = "`+k+`";`, secret("generic", k))
		pw := g.h4pass()
		f.add(`#define MQTT_PASSWORD "`+pw+`"`, secret("password", pw))
		f.add(`static const char *BUILD_ID = "` + g.s(hexd, 40) + `";`)
		f.add(`int main(void) { return connect_broker("mqtt.lan", MQTT_PASSWORD); }`)
	}},
	{"src", "main.rs", func(g *gen, f *file) {
		f.add("use std::env;")
		_, v, p := g.h4token()
		f.add(`const API_TOKEN: &str = "`+v+`";`, p)
		pw := g.h4pass()
		f.add(`let db_url = "mysql://app:`+pw+`@127.0.0.1:3306/shop";`, secret("password", pw))
		f.add(`let checksum = "` + g.s(hexd, 64) + `";`)
		f.add(`let key = env::var("API_KEY").unwrap_or_else(|_| "` + g.pick("<token>", "changeme", "dev-only") + `".into());`)
	}},
	{"src", "Config.kt", func(g *gen, f *file) {
		f.add("object Config {")
		k := g.h4rand()
		f.add(`    const val CLIENT_SECRET = "`+k+`"`, secret("generic", k))
		_, v, p := g.h4token()
		f.add(`    val headers = mapOf("Authorization" to "Bearer `+v+`")`, p)
		f.add(`    const val SCHEMA_VERSION = "` + g.h4neg() + `"`)
		f.add("}")
	}},
	{"src", "Secrets.swift", func(g *gen, f *file) {
		f.add("enum Secrets {")
		_, v, p := g.h4token()
		f.add(`    static let apiKey = "`+v+`"`, p)
		pw := g.h4pass()
		f.add(`    static let keychainPassword: String = "`+pw+`"`, secret("password", pw))
		f.add(`    static let bundleHash = "` + g.s(hexd, 40) + `"`)
		f.add("}")
	}},
	{"src", "client.go", func(g *gen, f *file) {
		f.add("package client")
		k := g.h4rand()
		f.add(`const signingSecret = "`+k+`"`, secret("generic", k))
		pw := g.h4pass()
		f.add(`cfg := &Config{User: "ops", Password: "`+pw+`"}`, secret("password", pw))
		f.add(`req.Header.Set("X-Trace", "` + g.h4neg() + `")`)
	}},
	{"data", "export-semicolon.csv", func(g *gen, f *file) {
		f.add("nom;prenom;courriel;telephone;carte")
		for i := 0; i < 4; i++ {
			e, ph, c := g.h4email(), g.h4phone(), g.h4card()
			f.add(fmt.Sprintf("%s;%s;%s;%s;%s", g.pick("Dubois", "Moreau", "Lefevre"), g.pick("Camille", "Hugo", "Lea"), e, ph, c), pii("email", e), pii("phone", ph), pii("card", c))
		}
		f.add("total;;;;" + fmt.Sprint(g.r.IntN(900)))
	}},
	{"data", "accounts.psv", func(g *gen, f *file) {
		f.add("id|titular|iban|senha")
		for i := 0; i < 3; i++ {
			ib, pw := g.h4iban(), g.h4pass()
			f.add(fmt.Sprintf("%d|%s|%s|%s", 1000+g.r.IntN(9000), g.pick("Beatriz Costa", "Joao Silva"), ib, pw), pii("iban", ib), secret("password", pw))
		}
		f.add(fmt.Sprintf("%d|%s|%s|%s", 9999, "Teste", g.h4neg(), "changeme"))
	}},
	{"data", "keys.tsv", func(g *gen, f *file) {
		f.add("service\tkey_id\tsecret\tcreated")
		for i := 0; i < 3; i++ {
			_, v, p := g.h4token()
			f.add(fmt.Sprintf("%s\t%s\t%s\t2026-0%d-1%d", g.pick("billing", "search", "mail"), g.h4neg(), v, 1+g.r.IntN(9), g.r.IntN(9)), p)
		}
		f.add("docs\t" + g.s(hexd, 40) + "\t<token>\t2026-01-01")
	}},
	{"json", "service-account.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`  "type": "service_account",`)
		f.add(`  "project_id": "` + g.s(lower, 6) + `-` + g.s(digits, 6) + `",`)
		f.add(`  "private_key_id": "` + g.s(hexd, 40) + `",`)
		b := "-----BEGIN PRIVATE KEY-----"
		var body []string
		for i := 0; i < 6; i++ {
			body = append(body, g.s(b64, 64))
		}
		f.add(`  "private_key": "`+b+`\n`+strings.Join(body, `\n`)+`\n-----END PRIVATE KEY-----\n",`, secret("private-key", b))
		sa := "deployer@" + g.s(lower, 6) + ".iam.gserviceaccount.com"
		f.add(`  "client_email": "`+sa+`",`, neutral("service-account", sa))
		f.add(`  "client_id": "` + g.s(digits, 21) + `"`)
		f.add("}")
	}},
	{"json", "settings.pretty.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`  "database": {`)
		f.add(`    "host": "db.lan",`)
		pw := g.h4pass()
		f.add(`    "password": "`+jsonEsc(pw)+`"`, secret("password", jsonEsc(pw)))
		f.add(`  },`)
		f.add(`  "integrations": {`)
		f.add(`    "mistral": {`)
		k := g.h4rand()
		f.add(`      "key": "`+k+`",`, secret("generic", k))
		f.add(`      "model": "mistral-large-latest"`)
		f.add(`    },`)
		f.add(`    "sentry_release": "` + g.h4neg() + `"`)
		f.add(`  }`)
		f.add("}")
	}},
	{"xml", "beans.xml", func(g *gen, f *file) {
		f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
		f.add(`<config>`)
		pw := g.h4pass()
		f.add(`  <datasource url="jdbc:oracle:thin:@db:1521/ORCL" user="app" password="`+h4ent(pw)+`"/>`, secret("password", h4ent(pw)))
		k := g.h4rand()
		f.add(`  <apiSecret><![CDATA[`+k+`]]></apiSecret>`, secret("generic", k))
		_, v, p := g.h4token()
		f.add(`  <property name="auth.token" value="`+v+`"/>`, p)
		f.add(`  <checksum>` + g.s(hexd, 64) + `</checksum>`)
		f.add(`</config>`)
	}},
	{"chat", "transcript.json", func(g *gen, f *file) {
		f.add(`{"model": "gpt-4o", "messages": [`)
		f.add(`  {"role": "system", "content": "You are a helpful assistant for ` + g.pick("DevOps", "billing") + `."},`)
		_, v, p := g.h4token()
		f.add(`  {"role": "user", "content": "`+g.pick("Pourquoi ma clé ", "Por que a chave ", "Perché la chiave ", "Neden bu anahtar ")+v+g.pick(" ne marche pas ?", " não funciona?", " non funziona?", " çalışmıyor?")+`"},`, p)
		f.add(`  {"role": "assistant", "content": "Never share keys. Rotate it and use an env var like ${OPENAI_API_KEY}."},`)
		pw := g.h4pass()
		f.add(`  {"role": "user", "content": "`+g.pick("mật khẩu database là ", "डेटाबेस का पासवर्ड है ", "كلمة المرور هي ", "la password del db è ")+pw+`"},`, secret("password", pw))
		c := g.h4card()
		f.add(`  {"role": "user", "content": "`+g.pick("carte bancaire ", "cartão ", "بطاقتي ", "thẻ của tôi ")+c+`"}`, pii("card", c))
		f.add(`]}`)
	}},
	{"chat", "slack-export.json", func(g *gen, f *file) {
		f.add("[")
		for i := 0; i < 3; i++ {
			ts := fmt.Sprintf("%d.%06d", 1741000000+g.r.IntN(9e6), g.r.IntN(999999))
			u := "U0" + g.s(upperD, 9)
			switch i {
			case 0:
				_, v, p := g.h4token()
				f.add(fmt.Sprintf(`  {"type": "message", "user": "%s", "ts": "%s", "text": "temporary key until Friday: %s"},`, u, ts, v), p)
			case 1:
				e := g.h4email()
				f.add(fmt.Sprintf(`  {"type": "message", "user": "%s", "ts": "%s", "text": "contact: <mailto:%s|%s>"},`, u, ts, e, g.pick("Giulia", "Thao", "Kemal")), pii("email", e))
			default:
				f.add(fmt.Sprintf(`  {"type": "message", "user": "%s", "ts": "%s", "text": "merged %s, thanks"}`, u, ts, g.s(hexd, 40)))
			}
		}
		f.add("]")
	}},
	{"chat", "teams.json", func(g *gen, f *file) {
		f.add(`{"messages": [`)
		ph := g.h4phone()
		f.add(`  {"from": {"user": {"displayName": "Rania Haddad"}}, "body": {"contentType": "html", "content": "<p>`+g.pick("رقمي ", "मेरा नंबर ", "số của tôi ", "il mio numero ")+ph+`</p>"}},`, pii("phone", ph))
		pw := g.h4pass()
		f.add(`  {"from": {"user": {"displayName": "Arjun Sharma"}}, "body": {"contentType": "text", "content": "wifi password: `+pw+`"}},`, secret("password", pw))
		f.add(`  {"from": {"user": {"displayName": "Bot"}}, "body": {"content": "build ` + g.h4neg() + ` ok"}}`)
		f.add(`]}`)
	}},
	{"mail", "message.eml", func(g *gen, f *file) {
		from := g.h4email()
		f.add("From: "+g.pick("Camille Dubois", "Elif Yilmaz")+" <"+from+">", pii("email", from))
		to := g.h4email()
		f.add("To: "+to, pii("email", to))
		f.add("Subject: =?UTF-8?B?" + base64.StdEncoding.EncodeToString([]byte(g.pick("Accès VPN", "Acesso ao servidor"))) + "?=")
		f.add("Message-ID: <" + g.s(hexd, 24) + "@mail.corp.lan>")
		f.add("Content-Type: text/plain; charset=utf-8")
		f.add("")
		f.add(g.pick("Bonjour,", "Olá,", "Ciao,", "Merhaba,"))
		pw := g.h4pass()
		f.add(g.pick("voici le mot de passe du VPN : ", "a senha do VPN é: ", "la password della VPN è: ", "VPN şifresi: ")+pw, secret("password", pw))
		ph := g.h4phone()
		f.add(g.pick("Appelez-moi au ", "Me ligue no ", "Chiamami al ", "Beni arayın: ")+ph, pii("phone", ph))
		f.add("-- ")
		f.add("Docs: https://docs.example.com/vpn (support@example.com)", neutral("example", "support@example.com"))
	}},
	{"docs", "README.md", func(g *gen, f *file) {
		f.add("## Configuration")
		f.add("Set `OPENAI_API_KEY` to your key, e.g. `sk-...` (never commit it).")
		f.add("Test cards: use `" + g.pick("4242 4242 4242 4242", "4000 0566 5566 5556", "4111 1111 1111 1111") + "` with any future date.")
		ex := g.pick("jane.doe", "user") + "@example.com"
		f.add("Login as `"+ex+"` with password `<password>`.", neutral("example", ex))
		f.add("| variable | default |")
		f.add("|---|---|")
		f.add("| `API_TOKEN` | `" + g.h4neg() + "` |")
		f.add("| `DB_PASSWORD` | `" + g.pick("changeme", "${DB_PASSWORD}", "<secret>", "password") + "` |")
		f.add("Commit " + g.s(hexd, 40) + " bumped the version to " + g.h4neg() + ".")
	}},
	{"prose", "notes-multilingue.txt", func(g *gen, f *file) {
		e := g.h4email()
		f.add(g.pick("Pour toute question, écrivez à ", "Dúvidas: escreva para ", "Per domande scrivete a ", "لأي سؤال راسلني على ", "किसी भी प्रश्न के लिए लिखें ", "Mọi thắc mắc xin gửi về ")+e, pii("email", e))
		ib := g.h4iban()
		f.add(g.pick("Virement sur l'IBAN ", "Transferência para o IBAN ", "Bonifico su IBAN ", "Havale IBAN: ")+ib+g.pick(" merci.", " obrigado.", " grazie.", " teşekkürler."), pii("iban", ib))
		_, v, p := g.h4token()
		f.add(g.pick("La clé API de production est ", "A chave da API é ", "La chiave API è ", "مفتاح API هو ", "API कुंजी है ", "Khóa API là ", "API anahtarı: ")+v, p)
		f.add(g.pick("Version ", "Versão ", "Sürüm ") + g.h4neg() + g.pick(" publiée.", " publicada.", " yayınlandı."))
		pw := g.h4pass()
		f.add(g.pick("mot de passe : ", "senha: ", "password: ", "şifre: ", "mật khẩu: ")+pw, secret("password", pw))
	}},
	{"encoded", "redirects.log", func(g *gen, f *file) {
		for i := 0; i < 4; i++ {
			ip := g.h4ip()
			ts := fmt.Sprintf("[%02d/Mar/2026:%02d:%02d:00 +0100]", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60))
			switch i {
			case 0:
				ph := g.h4phone()
				enc := url.QueryEscape(ph)
				f.add(fmt.Sprintf(`%s - - %s "GET /otp?telefone=%s HTTP/1.1" 200 12`, ip, ts, enc), plant{family: "phone", kind: "pii", value: enc, core: enc[len(enc)-4:]}, neutral("ip", ip))
			case 1:
				pw := g.h4pass()
				dsn := "postgres://rpt:" + pw + "@db.lan/pay"
				enc := url.QueryEscape(dsn)
				f.add(fmt.Sprintf(`%s - - %s "GET /admin/test-conn?dsn=%s HTTP/1.1" 500 0`, ip, ts, enc), plant{family: "password", kind: "secret", value: url.QueryEscape(pw), core: url.QueryEscape(pw)}, neutral("ip", ip))
			case 2:
				_, v, p := g.h4token()
				f.add(fmt.Sprintf(`%s - - %s "GET /cb?access_token=%s&state=%s HTTP/1.1" 302 0`, ip, ts, v, g.s(hexd, 16)), p, neutral("ip", ip))
			default:
				f.add(fmt.Sprintf(`%s - - %s "GET /assets/app.%s.css HTTP/1.1" 200 9911`, ip, ts, g.s(hexd, 20)), neutral("ip", ip))
			}
		}
	}},
	{"encoded", "page.html", func(g *gen, f *file) {
		f.add("<html><body>")
		e := g.h4email()
		f.add(`<a href="mailto:`+h4ent(e)+`">`+g.pick("Contato", "Contattaci", "اتصل بنا")+`</a>`, plant{family: "email", kind: "pii", value: h4ent(e), core: strings.SplitN(e, "@", 2)[0]})
		k := g.h4rand()
		f.add(`<script>window.__CONFIG__ = {"apiSecret":"`+k+`","release":"`+g.h4neg()+`"};</script>`, secret("generic", k))
		f.add(`<meta name="csrf-token" content="` + g.s(hexd, 32) + `">`)
		f.add("</body></html>")
	}},
	{"sql", "dump.sql", func(g *gen, f *file) {
		f.add("-- MariaDB dump 10.19")
		f.add("INSERT INTO `clientes` (`id`,`nome`,`email`,`telefone`,`cpf_hash`) VALUES")
		for i := 0; i < 3; i++ {
			e, ph := g.h4email(), g.h4phone()
			f.add(fmt.Sprintf("(%d,'%s','%s','%s','%s')%s", i+1, g.pick("Ana Costa", "Rui Lima"), e, ph, g.s(hexd, 64), map[bool]string{true: ";", false: ","}[i == 2]), pii("email", e), pii("phone", ph))
		}
		k := g.h4rand()
		f.add("INSERT INTO `settings` (`name`,`value`) VALUES ('smtp_api_secret','"+k+"');", secret("generic", k))
	}},
}
