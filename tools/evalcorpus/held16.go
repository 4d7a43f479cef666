package main

// held16 is a seventeenth split in two halves, like held9..held15: "held16a" may be tuned
// on, "held16b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class; variant a goes to held16a and variant b to held16b, each
// half with its own seed. Written from the formats' own documentation and knowledge of
// real files, without reading ../shared/corpus/gen.py, the rules or their examples, the
// detector's output on any split, or the other splits' templates (only their header
// comments and shape lists, to choose shapes they do not cover).
//
// Shapes: wire protocols (a Redis append-only file in RESP against IMAP/POP3/FTP
// sessions typed into openssl s_client), OS installer answer files (Debian preseed
// against Kickstart), desktop keyrings (macOS `security dump-keychain -d` against a
// KWallet XML export), Java application servers' datasources (WildFly standalone.xml
// against Open Liberty server.xml with {xor} passwords), access logs with credentials in
// query strings and headers (AWS ALB against Envoy's default format), process listings
// (`systemctl status` CGroup trees against `docker ps --no-trunc`), settings tables
// (mysqldump's one-line extended INSERTs against SQL*Plus column output), legacy
// enterprise source (VBA modules against ABAP reports), native app source (Objective-C
// against Delphi), HA clusters (keepalived against Pacemaker's pcs fence agents), storage
// (open-iscsi CHAP against Ceph keyrings and radosgw-admin JSON), virtualisation
// (libvirt domain XML with VNC passwords and SMBIOS credentials against OpenStack
// clouds.yaml), infrastructure as code in general-purpose or data languages (AWS CDK
// TypeScript against Jsonnet), desktop application preferences (Mozilla prefs.js against
// `defaults read` old-style plists), CI files of services not covered before (Travis CI
// against AppVeyor), phone and chat exports (SMS Backup & Restore XML in Punjabi,
// Kannada, Belarusian, Somali and Luxembourgish against LINE's text history in
// Malayalam, Gujarati, Lao, Burmese and Hausa), credential tables in wikis (Markdown
// runbooks against MediaWiki wikitables), configuration languages (Dhall against Pkl),
// data-encryption key configs (Tink cleartext keysets against Kubernetes
// EncryptionConfiguration), and network AAA (tac_plus.conf against VyOS set commands).
// PII: e-mails, phones of ten countries, Luhn-valid cards, IBANs of six countries, US
// SSNs. Hard negatives in the same shapes: password hashes (crypt, DES, bcrypt), RESP
// lengths and cache digests, container ids, trace ids and ARNs, libvirt secret UUIDs,
// application-credential ids, encrypted keysets and Travis/AppVeyor `secure:` blobs,
// one-time codes in SMS, template and environment references in each tool's notation
// (${VAULT::…}, ${env.X}, env:X as Text, read("env:X"), std.extVar, $(VAR)),
// placeholders, masked values and documented example keys. Labelling policy is held4's
// (held4.go); a value in a reversible encoding (Liberty's {xor}, base64 in IMAP
// AUTHENTICATE PLAIN, std.base64 of a literal's input) is a secret as it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h16pass is a password a person or a generator chose. Its symbols (! * ^ + ~ ? - _ .)
// survive YAML, JSON, INI, XML attributes, SQL and shell quoting and URLs' userinfo.
func (g *gen) h16pass() string {
	word := func() string {
		return g.pick("Tamarind", "Kilimanjaro", "Zanzibar", "Fjordland", "Marrakech", "Halloumi", "Sequoia", "Narwhal", "Baobab", "Monsoon", "Cardamom", "Tiramisu", "Pelican", "Quokka", "Ember", "Lagos", "Mekelle", "Vientiane", "Kochi", "Minsk")
	}
	shapes := [...]func() string{
		func() string { return word() + g.pick("!", "*", "^", "+", "~", "?") + g.s(digits, 2+g.r.IntN(3)) },
		func() string { return strings.ToLower(word()) + "." + strings.ToLower(word()) + "." + g.s(digits, 2) },
		func() string { return g.s(alnum, 10+g.r.IntN(18)) },
		func() string { return word() + g.pick("2025", "2026", "1999", "77") + g.pick("!", "?", "*") },
		func() string {
			return g.s(alnum, 4) + g.pick("-", "_", "~") + g.s(alnum, 4) + g.pick("-", "_", "~") + g.s(alnum, 4)
		},
		func() string { return strings.ToLower(word()) + g.s(digits, 3) + strings.ToUpper(g.s(lower, 2)) },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h16bytes is n random bytes (key material).
func (g *gen) h16bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

// h16short is a password of at most eight characters (VRRP PASS authentication).
func (g *gen) h16short() string { return g.s(alnum, 6+g.r.IntN(3)) }

// h16rand is a machine-generated shared secret.
func (g *gen) h16rand() string {
	switch g.r.IntN(3) {
	case 0:
		return g.s(hexd, g.pick2(32, 48, 64))
	case 1:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 33)))
	}
	return g.s(alnum, 22+g.r.IntN(24))
}

var h16orgs = []string{"tamarind-pay.com", "zanzi-cloud.io", "kochi-logistics.in", "minsk-soft.by", "vientiane-net.la", "lagos-fintech.ng", "mogadishu-telecom.so", "lux-assurances.lu", "nordfjord.no", "example.org"}

func (g *gen) h16host() string {
	return g.pick("db", "pg", "mysql", "ora", "redis", "mq", "api", "sso", "smtp", "imap", "ldap", "vault", "ceph", "nas") + g.pick("", "1", "02", "-prod", "-dr", "-eu") + "." + g.pick(h16orgs...)
}

func (g *gen) h16user() string {
	return g.pick("svc_", "app_", "etl_", "", "bot_", "ro_") + g.pick("ledger", "claims", "fleet", "tickets", "payouts", "inventory", "hr", "telemetry")
}

var h16first = []string{"gurpreet.kaur", "harjit", "nandini.rao", "shivakumar", "aliaksei.k", "palina", "abdirahman", "hodan.ali", "jang.muller", "claudine.w", "arun.nair", "anjali.menon", "hetal.patel", "bhavesh", "souphanh", "kyaw.zin", "aung.myat", "aminu.bello", "zainab.y"}
var h16domains = []string{"gmail.com", "yahoo.co.in", "rediffmail.com", "tut.by", "mail.ru", "hotmail.com", "pt.lu", "outlook.com", "laotel.com", "yahoo.com", "tamarind-pay.com", "lux-assurances.lu"}

func (g *gen) h16email() string {
	return g.pick(h16first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h16domains...)
}

func (g *gen) h16phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(10) {
	case 0:
		return "+91 98" + d(3) + " " + d(5)
	case 1:
		return "+375 29 " + d(3) + "-" + d(2) + "-" + d(2)
	case 2:
		return "+252 61 " + d(3) + " " + d(4)
	case 3:
		return "+352 621 " + d(3) + " " + d(3)
	case 4:
		return "+856 20 " + d(4) + " " + d(4)
	case 5:
		return "+95 9 " + d(3) + " " + d(3) + " " + d(3)
	case 6:
		return "+234 803 " + d(3) + " " + d(4)
	case 7:
		return "+47 4" + d(2) + " " + d(2) + " " + d(3)
	case 8:
		return "+1 (" + fmt.Sprint(2+g.r.IntN(8)) + d(2) + ") " + fmt.Sprint(2+g.r.IntN(8)) + d(2) + "-" + d(4)
	}
	return "+44 7" + d(3) + " " + d(3) + " " + d(3)
}

// h16iban is an IBAN with valid check digits of one of six countries.
func (g *gen) h16iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.pick("LU", "BE", "NO", "IT", "GB", "AT") {
	case "LU":
		return ibanWith("LU", d(3)+g.s(upperD, 13))
	case "BE":
		return ibanWith("BE", d(12))
	case "NO":
		return ibanWith("NO", d(11))
	case "IT":
		return ibanWith("IT", g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1)+d(10)+g.s(upperD, 12))
	case "GB":
		return ibanWith("GB", g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)+d(14))
	}
	return ibanWith("AT", d(16))
}

// h16provs are provider tokens written from their documented shapes.
var h16provs = []h5prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }, []string{"GITHUB_TOKEN"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GH_PAT"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "glptt-", "gldt-") + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"slack", func(g *gen) string {
		return g.pick("xoxb-", "xoxp-") + g.s(digits, 11) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }, []string{"STRIPE_SECRET_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"DEEPSEEK_API_KEY"}},
	{"cloudflare", func(g *gen) string { return g.s(alnum+"_-", 40) }, []string{"CLOUDFLARE_API_TOKEN"}},
	{"pinecone", func(g *gen) string { return "pcsk_" + g.s(alnum[:62], 5) + "_" + g.s(alnum, 64) }, []string{"PINECONE_API_KEY"}},
	{"okta", func(g *gen) string { return "00" + g.s(alnum+"-_", 40) }, []string{"OKTA_API_TOKEN"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"TWILIO_API_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"datadog", func(g *gen) string { return g.s(hexd, 32) }, []string{"DD_API_KEY"}},
	{"datadog", func(g *gen) string { return g.s(hexd, 40) }, []string{"DD_APP_KEY"}},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum+"_-", 90+g.r.IntN(20)) }, []string{"VAULT_TOKEN"}},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_") + g.s(hexd, 32) }, []string{"SHOPIFY_ACCESS_TOKEN"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"NPM_TOKEN"}},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 120) }, []string{"PYPI_API_TOKEN"}},
	{"dockerhub", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKER_PASSWORD"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"GRAFANA_SA_TOKEN"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"REPLICATE_API_TOKEN"}},
	{"langsmith", func(g *gen) string { return "lsv2_pt_" + g.s(hexd, 32) + "_" + g.s(hexd, 10) }, []string{"LANGSMITH_API_KEY"}},
	{"doppler", func(g *gen) string { return "dp.st." + g.pick("prd.", "stg.") + g.s(alnum, 40) }, []string{"DOPPLER_TOKEN"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"TFE_TOKEN"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"PULUMI_ACCESS_TOKEN"}},
	{"tavily", func(g *gen) string { return "tvly-" + g.pick("prod-", "dev-", "") + g.s(alnum, 32) }, []string{"TAVILY_API_KEY"}},
	{"azure", func(g *gen) string {
		return "DefaultEndpointsProtocol=https;AccountName=" + g.pick("stledger", "stclaims", "stfleet") + g.s(digits, 3) + ";AccountKey=" + g.s(b64, 86) + "==;EndpointSuffix=core.windows.net"
	}, []string{"AZURE_STORAGE_CONNECTION_STRING"}},
	{"jwt", func(g *gen) string { return g.h16jwt() }, []string{"SERVICE_JWT"}},
}

func (g *gen) h16tok() (name, value string, p plant) {
	t := h16provs[g.r.IntN(len(h16provs))]
	v := t.mk(g)
	p = secret(t.fam, v)
	if t.fam == "azure" {
		i := strings.Index(v, "AccountKey=") + len("AccountKey=")
		p.core = v[i : i+88]
	}
	return t.names[g.r.IntN(len(t.names))], v, p
}

// h16tokPlain is a provider token that is one word (no ';' or '='), for places such as
// XML attributes, URLs and shell words.
func (g *gen) h16tokPlain() (name, value string, p plant) {
	for {
		n, v, p := g.h16tok()
		if !strings.ContainsAny(v, ";=") {
			return n, v, p
		}
	}
}

func (g *gen) h16jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"`+g.pick("HS256", "RS256", "ES256")+`","typ":"JWT"}`)) + "." + e([]byte(fmt.Sprintf(`{"sub":"%s","iss":"https://%s","exp":%d}`, g.h16user(), g.h16host(), 1790000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

func (g *gen) h16awsSecret() string { return g.s(b64[:62]+"+/", 40) }

// h16crypt is a SHA-512 crypt hash.
func (g *gen) h16crypt() string {
	return "$6$" + g.s(b64[:62]+"./", 16) + "$" + g.s(b64[:62]+"./", 86)
}

func (g *gen) h16date() string {
	return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h16name() string {
	return g.pick("Gurpreet Kaur", "Nandini Rao", "Aliaksei Kavalenka", "Hodan Ali", "Claudine Weber", "Arun Nair", "Hetal Patel", "Souphanh Vongsa", "Kyaw Zin Htet", "Aminu Bello")
}

func h16ip(v string) plant { return neutral("ip", v) }

// h16xor is WebSphere/Liberty's {xor} encoding: each byte XOR '_', then base64.
func h16xor(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] ^= '_'
	}
	return "{xor}" + base64.StdEncoding.EncodeToString(b)
}

// h16resp writes one RESP array (a command in a Redis append-only file); labels maps an
// argument's index to the plants on its line.
func h16resp(f *file, labels map[int][]plant, args ...string) {
	f.add(fmt.Sprintf("*%d", len(args)))
	for i, a := range args {
		f.add(fmt.Sprintf("$%d", len(a)))
		f.add(a, labels[i]...)
	}
}

// h16pem is a private key block: header, body lines, footer.
func (g *gen) h16pem() (string, []string, string) { return g.pemBlock(g.h14pemKind(), 4, 8) }

// h16sa is a Google service-account key file on one line (the private key with \n
// escapes) and the plants of its private key and of its key id (an identifier,
// neutral as in held14).
func (g *gen) h16sa() (string, []plant) {
	proj := g.pick("ledger", "claims", "fleet") + "-" + g.s(digits, 6)
	h, body, ft := g.pemBlock("PRIVATE KEY", 4, 8)
	pem := h + "\\n" + strings.Join(body, "\\n") + "\\n" + ft + "\\n"
	kid := g.s(hexd, 40)
	js := `{"type":"service_account","project_id":"` + proj + `","private_key_id":"` + kid + `","private_key":"` + pem + `","client_email":"` + g.pick("etl", "exporter") + "@" + proj + `.iam.gserviceaccount.com","client_id":"` + g.s(digits, 21) + `","token_uri":"https://oauth2.googleapis.com/token"}`
	return js, []plant{{family: "private-key", kind: "secret", value: pem, core: h}, neutral("key-id", kid)}
}
