package main

// The held2 split: a second held-out set written in one sitting, before any result of
// it was seen, and never run for its misses while rules were tuned. It shares no
// template, file kind, key name, sentence or value generator with the dev and held
// splits: other providers' documented token formats, other file kinds (Compose,
// Terraform, .npmrc/.pypirc/.netrc, CI workflows, Helm and Ansible, TOML, Rust, C#,
// Ruby, Kotlin, PowerShell, systemd units, nginx, e-mail in quoted-printable, HTML,
// HAR, Postman collections, Slack exports, crash dumps), prose in German, French,
// Portuguese, Korean, Arabic and traditional Chinese, and the encodings values take on
// the way (JSON \u escapes, properties-file \u escapes, quoted-printable, '+' for space
// in form data, HTML entities, base64 in Kubernetes Secrets).

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"hash/crc32"
	"net/url"
	"strings"
)

const (
	alnumLower = "abcdefghijklmnopqrstuvwxyz0123456789"
	azureSecr  = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-"
)

// ---- bech32 (BIP 173), for age secret keys with a valid checksum ----

func bech32Polymod(values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	for _, v := range values {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := 0; i < 5; i++ {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	return chk
}

func bech32Encode(hrp string, data []byte) string {
	const charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
	// 8-bit groups to 5-bit groups
	var five []byte
	acc, bits := 0, 0
	for _, b := range data {
		acc = acc<<8 | int(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			five = append(five, byte(acc>>bits)&31)
		}
	}
	if bits > 0 {
		five = append(five, byte(acc<<(5-bits))&31)
	}
	var exp []byte
	for _, c := range hrp {
		exp = append(exp, byte(c)>>5)
	}
	exp = append(exp, 0)
	for _, c := range hrp {
		exp = append(exp, byte(c)&31)
	}
	mod := bech32Polymod(append(append(exp, five...), 0, 0, 0, 0, 0, 0)) ^ 1
	var sb strings.Builder
	sb.WriteString(hrp)
	sb.WriteByte('1')
	for _, v := range five {
		sb.WriteByte(charset[v])
	}
	for i := 0; i < 6; i++ {
		sb.WriteByte(charset[(mod>>(5*(5-i)))&31])
	}
	return sb.String()
}

func (g *gen) bytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.IntN(256))
	}
	return b
}

// h2token is a provider credential of the held2 split, with the names a program of
// that provider's users would keep it under.
type h2token struct {
	family string
	make   func(g *gen) string
	names  []string
}

var h2tokens = []h2token{
	{"aws", func(g *gen) string { return "ASIA" + g.s(b32, 16) }, []string{"AwsAccessKeyId", "aws.accessKeyId"}},
	{"github", func(g *gen) string { b := g.s(alnum, 30); return "gho_" + b + crcSuffix(b) }, []string{"GH_OAUTH", "githubOauthToken"}},
	{"github", func(g *gen) string { b := g.s(alnum, 30); return "ghs_" + b + crcSuffix(b) }, []string{"GITHUB_APP_INSTALLATION", "installation_token"}},
	{"gitlab", func(g *gen) string { return "glrt-" + g.s(urlb64, 20) }, []string{"RUNNER_AUTH", "gitlab_runner"}},
	{"gitlab", func(g *gen) string { return "glptt-" + g.s(hexd, 40) }, []string{"TRIGGER_TOKEN", "gitlabTrigger"}},
	{"slack", func(g *gen) string {
		return "xapp-1-A" + g.s(upperD, 10) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 64)
	}, []string{"SLACK_SOCKET_TOKEN", "slackAppLevel"}},
	{"stripe", func(g *gen) string { return "rk_live_" + g.s(alnum, 99) }, []string{"STRIPE_RESTRICTED", "stripeRk"}},
	{"stripe", func(g *gen) string { return "whsec_" + g.s(alnum, 32) }, []string{"STRIPE_ENDPOINT_SECRET", "stripeWebhook"}},
	{"openai", func(g *gen) string {
		return "sk-svcacct-" + g.s(urlb64, 58) + "T3BlbkFJ" + g.s(urlb64, 58)
	}, []string{"OPENAI_SVC", "llm.openai.key"}},
	{"anthropic", func(g *gen) string { return "sk-ant-admin01-" + g.s(urlb64, 93) + "AA" }, []string{"CLAUDE_ADMIN", "anthropicAdmin"}},
	{"google", func(g *gen) string { return "GOCSPX-" + g.s(urlb64, 28) }, []string{"GOOGLE_OAUTH_CLIENT_SECRET", "googleClientSecret"}},
	{"azure", func(g *gen) string { return g.s(alnum, 3) + "8Q~" + g.s(azureSecr, 34) }, []string{"AZURE_CLIENT_SECRET", "aadAppSecret"}},
	{"azure-storage", func(g *gen) string { return base64.StdEncoding.EncodeToString(g.bytes(64)) }, []string{"AZURE_STORAGE_KEY", "blobAccountKey"}},
	{"shopify", func(g *gen) string { return g.pick("shpca_", "shppa_") + g.s(hexd, 32) }, []string{"SHOPIFY_ADMIN", "shopifyApp"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }, []string{"DATABRICKS_HOST_TOKEN", "dbxToken"}},
	{"doppler", func(g *gen) string { return "dp.pt." + g.s(alnum, 43) }, []string{"DOPPLER_PERSONAL", "dopplerPat"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_KEY", "linearApi"}},
	{"notion", func(g *gen) string { return "secret_" + g.s(alnum, 43) }, []string{"NOTION_INTEGRATION", "notionKey"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_KEY", "postmanApi"}},
	{"grafana", func(g *gen) string {
		b := "glsa_" + g.s(alnum, 32)
		return b + "_" + fmt.Sprintf("%08x", crc32.ChecksumIEEE([]byte(b)))
	}, []string{"GRAFANA_SA", "grafanaServiceAccount"}},
	{"vault", func(g *gen) string { return "hvs." + g.s(urlb64, 24) }, []string{"VAULT_CLIENT_TOKEN", "vaultToken"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"TFC_TOKEN", "terraformCloud"}},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }, []string{"AIRTABLE_PAT", "airtableToken"}},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }, []string{"NEW_RELIC_USER_KEY", "nrUserKey"}},
	{"dockerhub", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKERHUB_PAT", "registryPat"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"PULUMI_TOKEN", "pulumiAccess"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"SUPABASE_MGMT", "supabasePat"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"FIGMA_PAT", "figmaToken"}},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }, []string{"PPLX_KEY", "perplexityKey"}},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }, []string{"GROK_KEY", "xaiKey"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"REPLICATE_KEY", "replicateToken"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"SQUARE_PROD", "squareAccess"}},
	{"braintree", func(g *gen) string {
		return "access_token$production$" + g.s(alnum_lower(), 16) + "$" + g.s(hexd, 32)
	}, []string{"BRAINTREE_ACCESS", "btAccessToken"}},
	{"age", func(g *gen) string { return strings.ToUpper(bech32Encode("age-secret-key-", g.bytes(32))) }, []string{"AGE_IDENTITY", "sopsAgeKey"}},
	{"discord", func(g *gen) string {
		id := g.s("123456789", 1) + g.s(digits, 17)
		return base64.RawURLEncoding.EncodeToString([]byte(id)) + "." + g.s(urlb64, 6) + "." + g.s(urlb64, 38)
	}, []string{"DISCORD_BOT", "discordToken"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HUGGINGFACEHUB_API_TOKEN", "hfHubToken"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"MAIL_PROVIDER_KEY", "sendgridKey"}},
	{"npm", func(g *gen) string { b := g.s(alnum, 30); return "npm_" + b + crcSuffix(b) }, []string{"NODE_AUTH_TOKEN", "npmPublish"}},
}

func alnum_lower() string { return alnumLower }

func (g *gen) h2tok() (name, value string, p plant) {
	t := h2tokens[g.r.IntN(len(h2tokens))]
	v := t.make(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.family, v)
}

// ---- passwords, generic secrets and personal data in shapes of their own ----

func (g *gen) h2password() string {
	switch g.r.IntN(5) {
	case 0: // a word with substitutions
		w := g.pick("Sunflower", "Lighthouse", "Snowdrift", "Pinecone", "Marigold", "Riverbank", "Thunder", "Meadow")
		w = strings.NewReplacer("o", "0", "e", "3", "i", "1").Replace(w)
		return w + g.pick("@", "!", "_", "+", "=") + g.s(digits, 2+g.r.IntN(3))
	case 1: // generated with symbols
		return g.s(alnum+"!@#%^*-_=+", 14+g.r.IntN(10))
	case 2: // season and year
		return g.pick("Fruehling", "Verano", "Automne", "Inverno", "Autumn") + fmt.Sprint(2019+g.r.IntN(7)) + g.pick("!", "#", "$", "?")
	case 3: // words joined
		return g.pick("purple", "copper", "silent", "lucky", "frozen") + g.pick(".", "_", "-") + g.pick("tiger", "canyon", "violin", "harbor", "comet") + "." + g.s(digits, 3)
	}
	return g.s(alnum, 10) + g.pick("%", "&", "~", "$") + g.s(alnum, 4)
}

// h2generic is a machine-made secret of a shape generated secrets commonly take.
func (g *gen) h2generic() string {
	switch g.r.IntN(4) {
	case 0:
		return hex.EncodeToString(g.bytes(32)) // HMAC and signing secrets
	case 1:
		return base64.StdEncoding.EncodeToString(g.bytes(32)) // 44 base64 characters
	case 2:
		return base64.RawURLEncoding.EncodeToString(g.bytes(32)) // 43 URL-safe characters
	}
	return g.s(alnum, 28+g.r.IntN(20))
}

var h2domains = []string{"posteo.de", "orange.fr", "uol.com.br", "naver.com", "hotmail.co.uk", "libero.it", "mail.ch", "seznam.cz", "icloud.com", "qq.com"}

func (g *gen) h2email() string {
	first := g.pick("lena", "pierre", "joao", "minji", "omar", "chiara", "tomas", "ingrid", "hiroshi", "amara")
	last := g.pick("schulz", "dubois", "silva", "kim", "haddad", "rossi", "novak", "berg", "tanaka", "okafor")
	switch g.r.IntN(4) {
	case 0:
		return first + "." + last + "@" + g.pick(h2domains...)
	case 1:
		return first + "+" + g.pick("shop", "news", "bills") + "@" + g.pick(h2domains...)
	case 2:
		return strings.ToUpper(first[:1]) + first[1:] + "." + strings.ToUpper(last[:1]) + last[1:] + g.s(digits, 2) + "@" + g.pick(h2domains...)
	}
	return last + "_" + first[:1] + "@" + g.pick("mail", "smtp", "mx") + "." + g.pick("uni-leipzig.de", "example-corp.co.jp", "tele2.se")
}

func (g *gen) h2phone() string {
	switch g.r.IntN(7) {
	case 0:
		return "+49 15" + g.s(digits, 1) + " " + g.s(digits, 8)
	case 1:
		return "+33 6 " + g.s(digits, 2) + " " + g.s(digits, 2) + " " + g.s(digits, 2) + " " + g.s(digits, 2)
	case 2:
		return "+55 11 9" + g.s(digits, 4) + "-" + g.s(digits, 4)
	case 3:
		return "+91 9" + g.s(digits, 4) + " " + g.s(digits, 5)
	case 4:
		return "+81 90-" + g.s(digits, 4) + "-" + g.s(digits, 4)
	case 5:
		return "+82 10-" + g.s(digits, 4) + "-" + g.s(digits, 4)
	}
	return "+39 3" + g.s(digits, 2) + " " + g.s(digits, 3) + " " + g.s(digits, 4)
}

// h2card writes a Luhn-valid number of another issuer mix and grouping.
func (g *gen) h2card(sep string) string {
	var body string
	switch g.r.IntN(5) {
	case 0: // Mastercard 2-series
		body = fmt.Sprintf("22%d", 21+g.r.IntN(50))[:4] + g.s(digits, 11)
	case 1: // Discover
		body = "6011" + g.s(digits, 11)
	case 2: // JCB
		body = fmt.Sprintf("35%d", 28+g.r.IntN(62)) + g.s(digits, 11)
	case 3: // Visa
		body = "4" + g.s(digits, 14)
	default: // Amex
		body = g.pick("34", "37") + g.s(digits, 12)
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

func (g *gen) h2iban(grouped bool) string {
	type cc struct {
		code string
		bban func() string
	}
	cs := []cc{
		{"GB", func() string { return g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4) + g.s(digits, 14) }},
		{"IT", func() string { return g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + g.s(digits, 10) + g.s(upperD, 12) }},
		{"PL", func() string { return g.s(digits, 24) }},
		{"BE", func() string { return g.s(digits, 12) }},
		{"AT", func() string { return g.s(digits, 16) }},
		{"SE", func() string { return g.s(digits, 20) }},
	}
	c := cs[g.r.IntN(len(cs))]
	bban := c.bban()
	s := bban + c.code + "00"
	rem := 0
	for _, ch := range s {
		if ch >= 'A' && ch <= 'Z' {
			rem = (rem*100 + int(ch-'A') + 10) % 97
		} else {
			rem = (rem*10 + int(ch-'0')) % 97
		}
	}
	ib := fmt.Sprintf("%s%02d%s", c.code, 98-rem, bban)
	if !grouped {
		return ib
	}
	var parts []string
	for i := 0; i < len(ib); i += 4 {
		parts = append(parts, ib[i:min(i+4, len(ib))])
	}
	return strings.Join(parts, " ")
}

// h2decoy is a value that looks like a secret and is not one.
func (g *gen) h2decoy() string {
	switch g.r.IntN(18) {
	case 0:
		return "sha512-" + base64.StdEncoding.EncodeToString(g.bytes(64)) // npm integrity
	case 1:
		return "sha256:" + hex.EncodeToString(g.bytes(32))
	case 2:
		return hex.EncodeToString(g.bytes(20)) // a commit
	case 3:
		u := hex.EncodeToString(g.bytes(16))
		return u[:8] + "-" + u[8:12] + "-7" + u[13:16] + "-a" + u[17:20] + "-" + u[20:]
	case 4:
		return g.pick("<YOUR_TOKEN>", "{{ secrets.deploy_token }}", "%(password)s", "REDACTED", "********", "xxxx-xxxx-xxxx-xxxx", "your-api-key-here", "$(cat /run/secrets/api)")
	case 5:
		return "$2y$10$" + g.s(alnum+"./", 53) // bcrypt
	case 6:
		return "AKIAIOSFODNN7EXAMPLE"
	case 7:
		return "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64, 43) + " deploy@ci"
	case 8:
		return fmt.Sprintf("%d-%02d-%02d %02d:%02d:%02d", 2024, 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
	case 9:
		return "INV-" + g.s(digits, 16) // invoice number with a card's length
	case 10:
		return base64.StdEncoding.EncodeToString([]byte(g.pick("username and password required", "application/json; charset=utf-8", "the quick brown fox")))
	case 11:
		return "com.example.security.TokenRefreshHandler"
	case 12:
		return "projects/" + g.s(lower, 8) + "/secrets/" + g.pick("db-password", "api-key") + "/versions/latest"
	case 13:
		return "arn:aws:secretsmanager:eu-central-1:" + g.s(digits, 12) + ":secret:prod/db-" + g.s(alnum, 6)
	case 14:
		return "4111111111111111" // a documentation card number
	case 15:
		return "eyJhbGciOiJub25lIn0" // a header alone
	case 16:
		return "v" + fmt.Sprint(1+g.r.IntN(4)) + "." + fmt.Sprint(g.r.IntN(40)) + "." + fmt.Sprint(g.r.IntN(20)) + "-rc." + fmt.Sprint(g.r.IntN(9))
	}
	return "#" + g.s(hexd, 6) + ";" // a colour
}

// h2placeholder is what documentation and templates put where a secret goes.
func (g *gen) h2placeholder() string {
	return g.pick("<YOUR_TOKEN>", "{{ .Values.apiKey }}", "%(secret)s", "REDACTED", "********", "xxxx-xxxx-xxxx-xxxx",
		"your-api-key-here", "$(cat /run/secrets/api)", "${PARTNER_KEY:?unset}", "TODO-fill-me", "<insert secret>", "changeit")
}

// h2ref names where a secret is kept, not the secret.
func (g *gen) h2ref() string {
	return g.pick("projects/"+g.s(lower, 8)+"/secrets/api-key/versions/3",
		"arn:aws:secretsmanager:eu-central-1:"+g.s(digits, 12)+":secret:partner-"+g.s(alnum, 6),
		"vault:secret/data/partner#api_key", "azurekeyvault://kv-prod/partner-key")
}

func (g *gen) h2jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"typ":"JWT","alg":"ES256","kid":"`+g.s(alnum, 8)+`"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"iss":"https://login.%s","aud":"api","uid":%d,"iat":%d}`, g.pick("contoso.net", "acme.io"), g.r.IntN(1e6), 1700000000+g.r.IntN(1e7)))) + "." +
		g.s(urlb64, 86)
}

func (g *gen) h2ecKey() string {
	// from a seeded scalar, so the corpus is the same every run
	var k *ecdsa.PrivateKey
	for k == nil {
		k, _ = ecdsa.ParseRawPrivateKey(elliptic.P256(), g.bytes(32))
	}
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der}))
}

func (g *gen) h2edKey() string {
	seed := g.bytes(32)
	der, err := x509.MarshalPKCS8PrivateKey(ed25519.NewKeyFromSeed(seed))
	if err != nil {
		panic(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// pemLines adds a PEM block line by line; the label sits on its BEGIN line, and a
// report must hold the block's first line of base64 (the key, not only its frame).
func pemLines(f *file, prefix, block, family string) {
	lines := strings.Split(strings.TrimSpace(block), "\n")
	for i, l := range lines {
		if i == 0 {
			f.add(prefix+l, plant{family: family, kind: "secret", value: l, core: lines[1]})
			continue
		}
		f.add(prefix + l)
	}
}

// qp encodes text as quoted-printable does (without soft line breaks).
func qp(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' || c >= 0x7f || c < 0x20 {
			fmt.Fprintf(&b, "=%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// htmlEnt writes some characters as HTML entities, as templating engines do.
func htmlEnt(s string) string {
	return strings.NewReplacer("@", "&#64;", "&", "&amp;", `"`, "&quot;", "'", "&#39;", "<", "&lt;", ">", "&gt;", "+", "&#43;", "=", "&#61;").Replace(s)
}

// jsonU escapes characters as \u sequences, as Go's encoder does for HTML-special ones
// and some other encoders do for all punctuation.
func jsonU(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch c {
		case '&', '<', '>', '+', '=', '@', '/', '$', '%', '!', '#':
			fmt.Fprintf(&b, `\u%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// longestPlain returns the longest run of s that the encodings above leave alone: the
// part a report must contain.
func longestPlain(s string) string {
	best, cur := "", ""
	for _, c := range s {
		if strings.ContainsRune(`&<>+=@/$%!#"'~^*?`, c) || c >= 0x7f {
			if len(cur) > len(best) {
				best = cur
			}
			cur = ""
			continue
		}
		cur += string(c)
	}
	if len(cur) > len(best) {
		best = cur
	}
	return best
}

func encPlant(fam, kind, encoded, plain string) plant {
	return plant{family: fam, kind: kind, value: encoded, core: longestPlain(plain)}
}

func (g *gen) h2pw() (string, plant) {
	pw := g.h2password()
	return pw, secret("password", pw)
}

func (g *gen) h2key() (string, plant) {
	k := g.h2generic()
	return k, secret("generic", k)
}

var held2Templates = []template{
	{"compose", "docker-compose.yml", func(g *gen, f *file) {
		f.add("services:")
		f.add("  db:")
		f.add("    image: postgres:16")
		f.add("    environment:")
		pw, p := g.h2pw()
		f.add("      - POSTGRES_PASSWORD="+pw, p)
		f.add("      - POSTGRES_DB=orders")
		f.add("  api:")
		f.add("    image: ghcr.io/acme/api@" + "sha256:" + g.s(hexd, 64))
		f.add("    environment:")
		n, v, tp := g.h2tok()
		f.add("      "+n+": \""+v+"\"", tp)
		pw2, p2 := g.h2pw()
		f.add("      DATABASE_URL: postgresql://orders:"+url.QueryEscape(pw2)+"@db:5432/orders", encPlant("password", "secret", url.QueryEscape(pw2), pw2))
		_ = p2
		f.add("      SENTRY_RELEASE: " + g.h2decoy())
	}},
	{"infra", "prod.tfvars", func(g *gen, f *file) {
		f.add(`region          = "eu-central-1"`)
		pw, p := g.h2pw()
		f.add(`rds_master_password = "`+pw+`"`, p)
		k, kp := g.h2key()
		f.add(`cloudflare_origin_secret = "`+k+`"`, kp)
		f.add(`ami_id          = "ami-` + g.s(hexd, 17) + `"`)
		f.add(`tags = { owner = "platform", cost_center = "` + g.s(digits, 6) + `" }`)
	}},
	{"infra", "main.tf", func(g *gen, f *file) {
		f.add(`provider "aws" {`)
		f.add(`  region     = "us-west-2"`)
		ak := "AKIA" + g.s(b32, 16)
		f.add(`  access_key = "`+ak+`"`, secret("aws", ak))
		sk := g.awsSecret()
		f.add(`  secret_key = "`+sk+`"`, secret("aws-secret", sk))
		f.add(`}`)
		f.add(`resource "random_password" "db" { length = 24 }`)
		f.add(`output "db_password" { value = random_password.db.result, sensitive = true }`)
	}},
	{"home", ".npmrc", func(g *gen, f *file) {
		b := g.s(alnum, 30)
		t := "npm_" + b + crcSuffix(b)
		f.add("//registry.npmjs.org/:_authToken="+t, secret("npm", t))
		f.add("@acme:registry=https://npm.pkg.github.com")
		b2 := g.s(alnum, 30)
		t2 := "ghp_" + b2 + crcSuffix(b2)
		f.add("//npm.pkg.github.com/:_authToken="+t2, secret("github", t2))
		f.add("save-exact=true")
	}},
	{"home", ".pypirc", func(g *gen, f *file) {
		f.add("[distutils]")
		f.add("index-servers = pypi private")
		f.add("[pypi]")
		f.add("username = __token__")
		t := "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 120)
		f.add("password = "+t, secret("pypi", t))
		f.add("[private]")
		f.add("repository = https://nexus.corp.local/repository/pypi/")
		f.add("username = uploader")
		pw, p := g.h2pw()
		f.add("password = "+pw, p)
	}},
	{"home", ".netrc", func(g *gen, f *file) {
		pw, p := g.h2pw()
		f.add("machine ftp.partner-files.net login exchange password "+pw, p)
		_, v, tp := g.h2tok()
		f.add("machine api.heroku.com")
		f.add("  login ops@" + g.pick("acme.io", "contoso.net"))
		f.add("  password "+v, tp)
	}},
	{"home", ".git-credentials", func(g *gen, f *file) {
		b := g.s(alnum, 30)
		t := "ghp_" + b + crcSuffix(b)
		f.add("https://"+g.pick("ci-bot", "jdoe")+":"+t+"@github.com", secret("github", t))
		pw, p := g.h2pw()
		enc := url.QueryEscape(pw)
		f.add("https://deploy:"+enc+"@git.corp.local", encPlant("password", "secret", enc, pw))
		_ = p
	}},
	{"ci", "release.yml", func(g *gen, f *file) {
		f.add("name: release")
		f.add("on: { push: { tags: ['v*'] } }")
		f.add("env:")
		f.add("  REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}")
		n, v, tp := g.h2tok()
		f.add("  "+n+": "+v, tp)
		f.add("jobs:")
		f.add("  publish:")
		f.add("    runs-on: ubuntu-latest")
		f.add("    steps:")
		f.add("      - uses: actions/checkout@" + g.s(hexd, 40))
		pw, p := g.h2pw()
		f.add("      - run: echo '"+pw+"' | docker login -u robot --password-stdin quay.io", p)
	}},
	{"ci", ".gitlab-ci.yml", func(g *gen, f *file) {
		f.add("variables:")
		k, kp := g.h2key()
		f.add("  SIGNING_SECRET: \""+k+"\"", kp)
		f.add("  GIT_DEPTH: \"10\"")
		f.add("deploy:")
		f.add("  script:")
		pw, p := g.h2pw()
		f.add("    - sshpass -p '"+pw+"' ssh deploy@10.20.0.5 ./release.sh", p)
		f.add("    - echo $CI_JOB_TOKEN")
	}},
	{"helm", "values.yaml", func(g *gen, f *file) {
		f.add("replicaCount: 2")
		f.add("redis:")
		f.add("  auth:")
		f.add("    enabled: true")
		pw, p := g.h2pw()
		f.add("    password: \""+pw+"\"", p)
		f.add("smtp:")
		f.add("  user: mailer")
		pw2, p2 := g.h2pw()
		f.add("  secret: '"+pw2+"'", p2)
		f.add("externalSecrets:")
		f.add("  apiKeyRef: " + g.h2ref())
		k, kp := g.h2key()
		f.add("oidc:")
		f.add("  clientId: " + g.s(alnumLower, 20))
		f.add("  clientSecret: "+k, kp)
	}},
	{"ansible", "group_vars_all.yml", func(g *gen, f *file) {
		pw, p := g.h2pw()
		f.add("ansible_become_password: "+pw, p)
		f.add("mysql_root_password: !vault |")
		f.add("  $ANSIBLE_VAULT;1.1;AES256")
		for i := 0; i < 3; i++ {
			f.add("  " + g.s(hexd, 80))
		}
		pw2, p2 := g.h2pw()
		f.add("keycloak_admin_pass: \""+pw2+"\"", p2)
		f.add("ntp_servers: [0.pool.ntp.org, 1.pool.ntp.org]")
	}},
	{"config", "config.toml", func(g *gen, f *file) {
		f.add("[server]")
		f.add("bind = \"0.0.0.0:8443\"")
		f.add("[database]")
		f.add("user = \"svc_reports\"")
		pw, p := g.h2pw()
		f.add("password = \""+pw+"\"", p)
		f.add("[integrations.mail]")
		_, v, tp := g.h2tok()
		f.add("token = \""+v+"\"", tp)
		f.add("[integrations.cdn]")
		f.add("purge_hash = \"" + g.s(hexd, 32) + "\"")
	}},
	{"rust", "main.rs", func(g *gen, f *file) {
		f.add("use std::env;")
		_, v, tp := g.h2tok()
		f.add(fmt.Sprintf(`const UPSTREAM_TOKEN: &str = "%s";`, v), tp)
		f.add("fn main() {")
		f.add(`    let region = env::var("REGION").unwrap_or_default();`)
		k, kp := g.h2key()
		f.add(fmt.Sprintf(`    let hmac_secret = "%s";`, k), kp)
		f.add(`    let nonce = "` + g.s(hexd, 24) + `";`)
		f.add("}")
	}},
	{"dotnet", "Startup.cs", func(g *gen, f *file) {
		f.add("public class Startup {")
		pw, p := g.h2pw()
		f.add(fmt.Sprintf(`    var conn = "Host=pg.internal;Username=shop;Password=%s;Database=shop";`, pw), p)
		k, kp := g.h2key()
		f.add(fmt.Sprintf(`    options.ClientSecret = "%s";`, k), kp)
		f.add(`    options.ClientId = "` + g.h2decoy() + `";`)
		pw2, p2 := g.h2pw()
		f.add(fmt.Sprintf(`    var cred = new NetworkCredential("mailer", "%s");`, pw2), p2)
		f.add("}")
	}},
	{"ruby", "initializers.rb", func(g *gen, f *file) {
		f.add("Rails.application.configure do")
		f.add(`  config.x.api_key = ENV.fetch("API_KEY")`)
		t := "sk_live_" + g.s(alnum, 24)
		f.add(`Stripe.api_key = "`+t+`"`, secret("stripe", t))
		k := hex.EncodeToString(g.bytes(64))
		f.add(`  config.secret_key_base = "`+k+`"`, secret("generic", k))
		f.add("end")
	}},
	{"android", "ApiClient.kt", func(g *gen, f *file) {
		f.add("object ApiClient {")
		_, v, tp := g.h2tok()
		f.add(fmt.Sprintf(`    private const val SERVICE_TOKEN = "%s"`, v), tp)
		k, kp := g.h2key()
		f.add(fmt.Sprintf(`    private val appSecret: String = "%s"`, k), kp)
		f.add(`    private val buildId = "` + g.h2decoy() + `"`)
		f.add("}")
	}},
	{"ops", "deploy.ps1", func(g *gen, f *file) {
		pw, p := g.h2pw()
		f.add(fmt.Sprintf(`$secure = ConvertTo-SecureString "%s" -AsPlainText -Force`, pw), p)
		_, v, tp := g.h2tok()
		f.add(fmt.Sprintf(`$env:DEPLOY_TOKEN = "%s"`, v), tp)
		f.add(`Invoke-RestMethod -Uri $api -Headers @{ "X-Request-Id" = "` + g.h2decoy() + `" }`)
	}},
	{"ops", "backup.sh", func(g *gen, f *file) {
		f.add("#!/bin/sh")
		pw, p := g.h2pw()
		f.add("curl -fsS -u backup:'"+pw+"' https://nas.local/api/snapshot", p)
		pw2, p2 := g.h2pw()
		f.add("PGPASSWORD='"+pw2+"' pg_dump -h db -U reports reports > /tmp/r.sql", p2)
		f.add("sha256sum /tmp/r.sql # " + g.s(hexd, 64))
		_, v, tp := g.h2tok()
		f.add("export SYNC_TOKEN="+v, tp)
	}},
	{"ops", "worker.service", func(g *gen, f *file) {
		f.add("[Service]")
		f.add("ExecStart=/usr/local/bin/worker")
		_, v, tp := g.h2tok()
		f.add(`Environment="QUEUE_TOKEN=`+v+`"`, tp)
		pw, p := g.h2pw()
		f.add("Environment=SMTP_PASSWORD="+pw, p)
		f.add("User=worker")
	}},
	{"ops", "nginx.conf", func(g *gen, f *file) {
		f.add("server {")
		f.add("  listen 443 ssl;")
		user, pw := "svc", g.h2password()
		b := base64.StdEncoding.EncodeToString([]byte(user + ":" + pw))
		f.add(`  proxy_set_header Authorization "Basic `+b+`";`, plant{family: "password", kind: "secret", value: b})
		f.add("  ssl_session_ticket_key /etc/nginx/ticket.key;")
		f.add("  add_header ETag \"" + g.s(hexd, 32) + "\";")
		f.add("}")
	}},
	{"mail", "reset.eml", func(g *gen, f *file) {
		to := g.h2email()
		f.add("From: Support <no-reply@" + g.pick("service.example", "mailer.contoso.net") + ">")
		f.add("To: "+to, pii("email", to))
		f.add("Subject: =?UTF-8?Q?Ihr_neues_Passwort?=")
		f.add("Content-Transfer-Encoding: quoted-printable")
		f.add("")
		f.add("Hallo,")
		pw := g.h2password()
		enc := qp(pw)
		f.add("Ihr tempor=C3=A4res Passwort lautet: "+enc, encPlant("password", "secret", enc, pw))
		ph := g.h2phone()
		f.add("R=C3=BCckfragen unter "+ph, pii("phone", ph))
		f.add("Ticket-ID: " + g.h2decoy())
	}},
	{"web", "account.html", func(g *gen, f *file) {
		f.add("<!doctype html>")
		e := g.h2email()
		ee := htmlEnt(e)
		f.add(`<p>Contact: <a href="mailto:`+ee+`">`+ee+`</a></p>`, encPlant("email", "pii", ee, e), encPlant("email", "pii", ee, e))
		k, _ := g.h2key()
		cfg := `{"apiKey":"` + k + `","env":"prod"}`
		f.add(`<div id="app" data-config="`+htmlEnt(cfg)+`"></div>`, encPlant("generic", "secret", htmlEnt(k), k))
		_, v, tp := g.h2tok()
		f.add(`<input type="hidden" name="access_token" value="`+v+`">`, tp)
		f.add(`<script integrity="` + "sha384-" + base64.StdEncoding.EncodeToString(g.bytes(48)) + `" src="/app.js"></script>`)
	}},
	{"api", "response.json", func(g *gen, f *file) {
		e := g.h2email()
		f.add("{")
		f.add(`  "user": {"email": "`+jsonU(e)+`", "locale": "de-DE"},`, encPlant("email", "pii", jsonU(e), e))
		_, v, tp := g.h2tok()
		cb := "https://app.example.org/cb?code=" + g.s(alnum, 10) + "&token=" + v
		f.add(`  "redirect": "`+jsonU(cb)+`",`, plant{family: tp.family, kind: "secret", value: jsonU(v), core: longestPlain(v)})
		pw := g.h2password()
		f.add(`  "debug": {"form": {"login": "kim", "passwd": "`+jsonU(pw)+`"}},`, encPlant("password", "secret", jsonU(pw), pw))
		f.add(`  "requestId": "` + g.h2decoy() + `"`)
		f.add("}")
	}},
	{"logs", "search.log", func(g *gen, f *file) {
		for i := 0; i < 5; i++ {
			ts := fmt.Sprintf("2025-06-%02d %02d:%02d:%02d", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			switch g.r.IntN(3) {
			case 0:
				e := g.h2email()
				q := url.QueryEscape(e)
				f.add(fmt.Sprintf("%s INFO  http GET /accounts/find?name=%s+%s&mail=%s 200", ts, g.pick("Lena", "Omar"), g.pick("Berg", "Haddad"), q),
					encPlant("email", "pii", q, e))
			case 1:
				pw := g.h2password()
				q := url.QueryEscape(pw)
				f.add(fmt.Sprintf("%s WARN  http POST /login body=user=kim&pass=%s&remember=on 302", ts, q), encPlant("password", "secret", q, pw))
			default:
				c := g.h2card("+")
				f.add(fmt.Sprintf("%s INFO  http POST /checkout form=amount=12.50&cardnumber=%s&cvc=*** 402", ts, c),
					plant{family: "card", kind: "pii", value: c, core: c[len(c)-4:]})
			}
		}
	}},
	{"logs", "syslog", func(g *gen, f *file) {
		f.add("Jun  3 10:15:01 web1 CRON[2211]: (root) CMD (/usr/lib/php/sessionclean)")
		pw, p := g.h2pw()
		f.add("Jun  3 10:15:07 web1 sudo:  deploy : TTY=pts/0 ; PWD=/srv ; USER=root ; COMMAND=/usr/bin/mysql -uroot -p"+pw, p)
		f.add("Jun  3 10:15:09 web1 sshd[3021]: Accepted publickey for deploy from 10.1.4.7 port 52214 ssh2: ED25519 SHA256:" + g.s(b64, 43))
		_, v, tp := g.h2tok()
		f.add("Jun  3 10:16:44 web1 app[981]: upstream auth ok token="+v, tp)
	}},
	{"logs", "error_log", func(g *gen, f *file) {
		pw, p := g.h2pw()
		f.add("[Tue Jun 03 11:02:13.221 2025] [php:warn] [pid 4410] PHP Warning:  mysqli_connect(): (HY000/1045): Access denied for user 'shop'@'localhost' (using password: YES) in /var/www/db.php on line 12")
		f.add("[Tue Jun 03 11:02:13.222 2025] [php:notice] [pid 4410] DSN mysql://shop:"+url.QueryEscape(pw)+"@localhost/shop", encPlant("password", "secret", url.QueryEscape(pw), pw))
		_ = p
		f.add("[Tue Jun 03 11:02:14.003 2025] [ssl:info] [pid 4410] AH01964: Connection to child 3 established (server www:443)")
	}},
	{"k8s", "secret.yaml", func(g *gen, f *file) {
		f.add("apiVersion: v1")
		f.add("kind: Secret")
		f.add("metadata: { name: app-credentials }")
		f.add("type: Opaque")
		f.add("stringData:")
		_, v, tp := g.h2tok()
		f.add("  upstream-token: "+v, tp)
		f.add("data:")
		pw := g.h2password()
		b := base64.StdEncoding.EncodeToString([]byte(pw))
		f.add("  db-password: "+b, plant{family: "password", kind: "secret", value: b})
		f.add("  ca.crt: " + base64.StdEncoding.EncodeToString([]byte("-----BEGIN CERTIFICATE-----\nMIIB")))
	}},
	{"api", "collection.postman.json", func(g *gen, f *file) {
		f.add(`{"info": {"name": "Partner API", "_postman_id": "` + g.h2decoy() + `"},`)
		k, kp := g.h2key()
		f.add(` "auth": {"type": "apikey", "apikey": [{"key": "value", "value": "`+k+`"}, {"key": "key", "value": "X-Partner-Key"}]},`, kp)
		pw, p := g.h2pw()
		f.add(` "variable": [{"key": "adminPassword", "value": "`+pw+`"}, {"key": "baseUrl", "value": "https://partner.example.net"}]}`, p)
	}},
	{"api", "session.har", func(g *gen, f *file) {
		f.add(`{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.example.net/v2/me",`)
		_, v, tp := g.h2tok()
		f.add(`  "headers": [{"name": "Authorization", "value": "Bearer `+v+`"}, {"name": "Accept", "value": "application/json"}]},`, tp)
		j := g.h2jwt()
		f.add(`  "response": {"status": 200, "content": {"text": "{\"id_token\":\"`+j+`\"}"}}}]}}`, secret("jwt", j))
	}},
	{"chat", "slack_export.json", func(g *gen, f *file) {
		f.add("[")
		e := g.h2email()
		f.add(`  {"type": "message", "user": "U0`+g.s(upperD, 8)+`", "text": "can someone invite `+e+` to the channel?", "ts": "1717400000.000200"},`, pii("email", e))
		_, v, tp := g.h2tok()
		f.add(`  {"type": "message", "user": "U0`+g.s(upperD, 8)+`", "text": "here is the key for staging `+v+` pls rotate after", "ts": "1717400100.000300"},`, tp)
		f.add(`  {"type": "message", "user": "U0` + g.s(upperD, 8) + `", "text": "merged ` + g.s(hexd, 40) + `", "ts": "1717400200.000100"}`)
		f.add("]")
	}},
	{"exports", "kunden.csv", func(g *gen, f *file) {
		f.add("Kundennummer;Name;E-Mail;Telefon;IBAN;Geburtsdatum")
		for i := 0; i < 4; i++ {
			e, ph, ib := g.h2email(), g.h2phone(), g.h2iban(g.r.IntN(2) == 0)
			f.add(fmt.Sprintf("%d;%s;%s;%s;%s;19%d-0%d-1%d", 50000+g.r.IntN(9999), g.pick("Schulz, Lena", "Berg, Ingrid", "Novak, Tomas"), e, ph, ib, 50+g.r.IntN(49), 1+g.r.IntN(9), g.r.IntN(9)),
				pii("email", e), pii("phone", ph), pii("iban", ib))
		}
	}},
	{"exports", "payments.tsv", func(g *gen, f *file) {
		f.add("txn\tholder\tpan\texpiry\tstatus")
		for i := 0; i < 4; i++ {
			c := g.h2card(g.pick("", " ", "-"))
			f.add(fmt.Sprintf("T%s\t%s\t%s\t%02d/%d\t%s", g.s(digits, 9), g.pick("J. Silva", "M. Kim", "C. Rossi"), c, 1+g.r.IntN(12), 26+g.r.IntN(5), g.pick("settled", "refunded")), pii("card", c))
		}
		f.add("T" + g.s(digits, 9) + "\tN. N.\t" + g.h2decoy() + "\t00/00\tvoid")
	}},
	{"chat", "de.txt", func(g *gen, f *file) {
		f.add("Kunde: Guten Tag, ich komme nicht mehr in mein Konto.")
		pw, p := g.h2pw()
		f.add("Kunde: Mein altes Kennwort war "+pw+" – bitte zurücksetzen.", p)
		c := g.h2card(" ")
		f.add("Kunde: Abgebucht wurde von der Karte "+c+", das war nicht ich.", pii("card", c))
		ph := g.h2phone()
		f.add("Kunde: Rückruf bitte unter "+ph, pii("phone", ph))
		f.add("Support: Danke, Vorgangsnummer " + g.s(digits, 10) + ".")
	}},
	{"chat", "fr.txt", func(g *gen, f *file) {
		e := g.h2email()
		f.add("Client : bonjour, je n'arrive pas à me connecter.")
		f.add("Client : mon adresse est "+e, pii("email", e))
		pw, p := g.h2pw()
		f.add("Client : j'ai essayé le mot de passe « "+pw+" » sans succès", p)
		ib := g.h2iban(true)
		f.add("Client : le remboursement sur l'IBAN "+ib+" svp", pii("iban", ib))
	}},
	{"chat", "pt.txt", func(g *gen, f *file) {
		f.add("Cliente: olá, preciso de ajuda com a integração.")
		_, v, tp := g.h2tok()
		f.add("Cliente: a chave de API que estou usando é "+v, tp)
		ph := g.h2phone()
		f.add("Cliente: meu WhatsApp é "+ph, pii("phone", ph))
		pw, p := g.h2pw()
		f.add("Cliente: e a senha do painel: "+pw, p)
	}},
	{"chat", "ko.txt", func(g *gen, f *file) {
		f.add("고객: 안녕하세요, 로그인이 안 됩니다.")
		pw, p := g.h2pw()
		f.add("고객: 비밀번호는 "+pw+" 입니다", p)
		e := g.h2email()
		f.add("고객: 이메일은 "+e+" 이고요", pii("email", e))
		c := g.h2card("-")
		f.add("고객: 결제 카드 "+c+" 로 두 번 청구됐어요", pii("card", c))
	}},
	{"chat", "ar.txt", func(g *gen, f *file) {
		f.add("العميل: مرحبا، لا أستطيع الدخول إلى الحساب.")
		pw, p := g.h2pw()
		f.add("العميل: كلمة المرور هي "+pw, p)
		ph := g.h2phone()
		f.add("العميل: رقم هاتفي "+ph, pii("phone", ph))
		_, v, tp := g.h2tok()
		f.add("العميل: مفتاح API الخاص بي: "+v, tp)
	}},
	{"chat", "zh_tw.txt", func(g *gen, f *file) {
		f.add("客戶：您好，我的帳號被鎖住了。")
		pw, p := g.h2pw()
		f.add("客戶：我的密碼是 "+pw+" ，請幫我重設", p)
		_, v, tp := g.h2tok()
		f.add("客戶：這是我們的存取權杖 "+v, tp)
		c := g.h2card(" ")
		f.add("客戶：信用卡號 "+c, pii("card", c))
	}},
	{"crash", "panic.txt", func(g *gen, f *file) {
		f.add("panic: runtime error: invalid memory address or nil pointer dereference")
		f.add("environment:")
		f.add("  HOME=/home/app")
		pw := g.h2password()
		dsn := "mysql://app:" + url.QueryEscape(pw) + "@tcp(db:3306)/app"
		f.add("  DATABASE_URL="+dsn, encPlant("password", "secret", url.QueryEscape(pw), pw))
		_, v, tp := g.h2tok()
		f.add("  UPSTREAM_API_TOKEN="+v, tp)
		f.add("goroutine 1 [running]:")
		f.add("main.main()")
		f.add("\t/src/main.go:42 +0x" + g.s(hexd, 3))
	}},
	{"config", "messages.properties", func(g *gen, f *file) {
		f.add("app.name=Reports")
		pw := g.h2password()
		var esc strings.Builder
		for _, c := range pw {
			if strings.ContainsRune("@!#$%=:", c) {
				fmt.Fprintf(&esc, `\u%04X`, c)
			} else {
				esc.WriteRune(c)
			}
		}
		f.add("mail.smtp.password="+esc.String(), encPlant("password", "secret", esc.String(), pw))
		f.add("report.footer=\\u00A9 2025 Reports GmbH")
	}},
	{"config", "beans.xml", func(g *gen, f *file) {
		f.add(`<beans>`)
		f.add(`  <bean id="ds" class="org.apache.commons.dbcp2.BasicDataSource">`)
		f.add(`    <property name="username" value="reporting"/>`)
		pw, p := g.h2pw()
		f.add(`    <property name="password" value="`+htmlEnt(pw)+`"/>`, encPlant("password", "secret", htmlEnt(pw), pw))
		_ = p
		f.add(`  </bean>`)
		k, kp := g.h2key()
		f.add(`  <bean id="signer"><constructor-arg name="secret" value="`+k+`"/></bean>`, kp)
		f.add(`</beans>`)
	}},
	{"sql", "migrate.sql", func(g *gen, f *file) {
		pw, p := g.h2pw()
		f.add("ALTER USER reporting WITH PASSWORD '"+pw+"';", p)
		pw2, p2 := g.h2pw()
		f.add("CREATE USER 'etl'@'%' IDENTIFIED BY '"+pw2+"';", p2)
		e, e2 := g.h2email(), g.h2email()
		f.add(fmt.Sprintf("INSERT INTO contacts (id, email, note) VALUES (1, '%s', 'vip'), (2, '%s', NULL);", e, e2), pii("email", e), pii("email", e2))
		f.add("UPDATE settings SET value = '" + g.h2decoy() + "' WHERE name = 'release';")
	}},
	{"keys", "service.pem", func(g *gen, f *file) {
		f.add("# issued by the ops CA for the billing service")
		pemLines(f, "", g.h2ecKey(), "private-key")
	}},
	{"keys", "signing_key.json", func(g *gen, f *file) {
		blk := strings.TrimSpace(g.h2edKey())
		esc := strings.ReplaceAll(blk, "\n", `\n`)
		body := strings.Split(blk, "\n")[1]
		f.add(`{"kid": "`+g.s(alnum, 10)+`", "alg": "EdDSA", "private_pem": "`+esc+`"}`, plant{family: "private-key", kind: "secret", value: body})
	}},
	{"keys", "age.txt", func(g *gen, f *file) {
		f.add("# created: 2025-05-01T10:00:00Z")
		f.add("# public key: age1" + g.s("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58))
		k := strings.ToUpper(bech32Encode("age-secret-key-", g.bytes(32)))
		f.add(k, secret("age", k))
	}},
	{"docs", "SETUP.rst", func(g *gen, f *file) {
		f.add("Setup")
		f.add("=====")
		f.add("Export your key first::")
		f.add("")
		f.add("    export PARTNER_API_KEY=" + g.h2placeholder())
		f.add("")
		f.add("The token looks like ``" + g.pick("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_...", "xoxb-your-token", "AKIAIOSFODNN7EXAMPLE") + "``.")
		f.add("Never commit ``.env``; the CI reads ``${{ secrets.PARTNER_API_KEY }}``.")
	}},
	{"config", ".env.example", func(g *gen, f *file) {
		f.add("# copy to .env and fill in")
		f.add("DATABASE_URL=postgres://user:password@localhost:5432/app")
		f.add("STRIPE_SECRET_KEY=sk_test_" + strings.Repeat("x", 24))
		f.add("OPENAI_API_KEY=")
		f.add("JWT_SECRET=change-me-in-production")
		f.add("REDIS_URL=redis://localhost:6379/0")
		f.add("SESSION_SECRET=" + g.h2placeholder())
	}},
	{"logs", "service.log", func(g *gen, f *file) {
		for i := 0; i < 5; i++ {
			ts := fmt.Sprintf("2025-07-%02dT%02d:%02d:%02d,%03d", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
			switch g.r.IntN(4) {
			case 0:
				k, kp := g.h2key()
				f.add(fmt.Sprintf("%s INFO  [pool-2] c.a.b.PartnerClient - using api_secret=%s for tenant=%d", ts, k, g.r.IntN(500)), kp)
			case 1:
				e := g.h2email()
				f.add(fmt.Sprintf("%s INFO  [http-9] c.a.b.Signup - new account email=%s plan=pro", ts, e), pii("email", e))
			case 2:
				f.add(fmt.Sprintf("%s DEBUG [http-3] c.a.b.Cache - key=session:%s ttl=3600", ts, g.h2decoy()))
			default:
				ph := g.h2phone()
				f.add(fmt.Sprintf("%s INFO  [sms-1] c.a.b.Otp - sent code to %s", ts, ph), pii("phone", ph))
			}
		}
	}},
}
