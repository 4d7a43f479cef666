package main

// The "held3" split: a fourth evaluation written after held2, again from the providers'
// documented token formats and from what real files of each kind look like. Nothing in
// it is shared with templates.go or held2.go — templates, file kinds, key names, prose
// (German, Korean, Chinese, Japanese, Russian, Spanish), value generators and decoys are
// its own — so its first run measures detection out of sample. A share of its lines are
// hard negatives (UUIDs, digests, commit ids, versions, placeholders, redacted values,
// documented test card numbers, private addresses, inline images) so precision means
// something.

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
)

const (
	b62h3  = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	upperH = "0123456789ABCDEF"
)

// h3tok is a provider credential of a documented shape with the names a program of
// this split's world would keep it under.
type h3tok struct {
	family string
	mk     func(g *gen) string
	names  []string
}

// ghChecksum is the base62 CRC-32 suffix GitHub and npm tokens carry.
func ghChecksum(body string) string { return crcSuffix(body) }

var h3toks = []h3tok{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32, 16) }, []string{"aws_key_id", "S3_ACCESS_KEY", "awsAccessKeyId"}},
	{"github", func(g *gen) string {
		p := g.pick("ghp_", "gho_", "ghs_", "ghu_")
		b := g.s(alnum, 30)
		return p + b + ghChecksum(b)
	}, []string{"GH_TOKEN", "githubToken", "repo_token"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"-_", 20) }, []string{"GL_TOKEN", "gitlab_api_token"}},
	{"slack", func(g *gen) string {
		return "xoxp-" + g.s(digits, 11) + "-" + g.s(digits, 11) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 32)
	}, []string{"SLACK_USER_TOKEN", "slackToken"}},
	{"slack-webhook", func(g *gen) string {
		return "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	}, []string{"SLACK_WEBHOOK_URL", "alert_hook"}},
	{"stripe", func(g *gen) string { return g.pick("rk_live_", "sk_live_") + g.s(alnum, 99) }, []string{"STRIPE_KEY", "stripeSecret"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 58) + "T3BlbkFJ" + g.s(urlb64, 58) }, []string{"OPENAI_KEY", "openaiApiKey"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"CLAUDE_KEY", "anthropic_key"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"DEEPSEEK_KEY", "llm_api_key"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"FIREBASE_API_KEY", "googleMapsKey"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"TWILIO_API_KEY", "twilioKeySid"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }, []string{"MAILGUN_KEY", "mailgunApiKey"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_KEY", "mail_api_key"}},
	{"npm", func(g *gen) string { b := g.s(alnum, 30); return "npm_" + b + ghChecksum(b) }, []string{"NPM_AUTH_TOKEN", "npmToken"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HUGGING_FACE_HUB_TOKEN", "hfToken"}},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_", "shpca_") + g.s(hexd, 32) }, []string{"SHOPIFY_ADMIN_TOKEN", "shopSecret"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 8+g.r.IntN(2)) + ":AA" + g.s(urlb64, 33) }, []string{"TG_BOT_TOKEN", "telegramBotToken"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"SQUARE_ACCESS_TOKEN", "squareToken"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }, []string{"DATABRICKS_TOKEN", "dbxToken"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY", "postmanKey"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"GRAFANA_SA_TOKEN", "grafanaToken"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY", "linearKey"}},
	{"doppler", func(g *gen) string { return "dp.pt." + g.s(alnum, 43) }, []string{"DOPPLER_TOKEN", "dopplerServiceToken"}},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 80) }, []string{"TWINE_PASSWORD", "pypiToken"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		h := e([]byte(g.pick(`{"typ":"JWT","alg":"HS256"}`, `{"alg":"ES256","kid":"`+g.s(hexd, 8)+`"}`)))
		p := e([]byte(fmt.Sprintf(`{"iss":"auth.%s","uid":%d,"iat":%d}`, g.pick("corp", "svc", "id"), g.r.IntN(1e6), 1700000000+g.r.IntN(1e7))))
		return h + "." + p + "." + g.s(urlb64, 43)
	}, []string{"ACCESS_JWT", "sessionToken"}},
}

func (g *gen) h3token() (string, string, plant) {
	t := h3toks[g.r.IntN(len(h3toks))]
	v := t.mk(g)
	p := secret(t.family, v)
	// a webhook URL is found by its host and path; the scheme is no part of the secret
	p.core = strings.TrimPrefix(v, "https://")
	return t.names[g.r.IntN(len(t.names))], v, p
}

// h3pass is a password a person or a generator picked.
func (g *gen) h3pass() string {
	w := []string{"Kestrel", "Lantern", "Marigold", "Obsidian", "Pelican", "Rosewood", "Sparrow", "Thistle", "Walnut", "Zephyr", "Birch", "Copper"}
	switch g.r.IntN(4) {
	case 0:
		return g.pick(w...) + g.pick("@", "!", "#", "+", "^") + g.s(digits, 4)
	case 1:
		return strings.ToLower(g.pick(w...)) + g.s(digits, 2) + strings.ToUpper(g.pick(w...)[:3]) + g.pick("!", "%", "~")
	case 2:
		return g.s(alnum, 16) + g.pick("", "=", "!")
	}
	return g.pick(w...) + "_" + g.pick(w...) + "_" + g.s(digits, 3)
}

// h3secret is a random service secret: hex, base64 or alphanumeric.
func (g *gen) h3secret() string {
	switch g.r.IntN(3) {
	case 0:
		return g.s(hexd, 40+8*g.r.IntN(3))
	case 1:
		return base64.StdEncoding.EncodeToString([]byte(g.s(alnum+"!#%", 30)))
	}
	return g.s(alnum, 28+g.r.IntN(12))
}

func (g *gen) azureKey() string { return base64.StdEncoding.EncodeToString([]byte(g.s(b64, 64))) }

func (g *gen) h3email() string {
	u := g.pick("hans", "min-jun", "xiaoming", "haruto", "dmitri", "carmen", "greta", "jiwoo", "pablo", "sakura", "ivan", "lena")
	d := g.pick("gmx.de", "t-online.de", "naver.com", "daum.net", "qq.com", "126.com", "yahoo.co.jp", "mail.ru", "rambler.ru", "hotmail.es", "icloud.com", "posteo.de")
	return u + g.pick(".", "_", "-", "") + g.s(lower, 2+g.r.IntN(5)) + g.s(digits, g.r.IntN(4)) + "@" + d
}

func (g *gen) h3phone() string {
	switch g.r.IntN(6) {
	case 0:
		return "+49 1" + g.pick("51", "60", "70", "76") + " " + g.s(digits, 8)
	case 1:
		return "+82 10-" + g.s(digits, 4) + "-" + g.s(digits, 4)
	case 2:
		return "+81 90-" + g.s(digits, 4) + "-" + g.s(digits, 4)
	case 3:
		return "+86 1" + g.pick("39", "58", "86") + "-" + g.s(digits, 4) + "-" + g.s(digits, 4)
	case 4:
		return "+7 (9" + g.s(digits, 2) + ") " + g.s(digits, 3) + "-" + g.s(digits, 2) + "-" + g.s(digits, 2)
	}
	return "+52 55 " + g.s(digits, 4) + " " + g.s(digits, 4)
}

func (g *gen) h3card(sep string) string {
	var b string
	switch g.r.IntN(5) {
	case 0:
		b = "4" + g.s(digits, 14)
	case 1:
		b = fmt.Sprint(2221+g.r.IntN(500)) + g.s(digits, 11)
	case 2:
		b = "6011" + g.s(digits, 11)
	case 3:
		b = "35" + fmt.Sprint(28+g.r.IntN(62)) + g.s(digits, 11)
	default:
		b = g.pick("34", "37") + g.s(digits, 12)
	}
	n := b + string(luhnDigit(b))
	if sep == "" {
		return n
	}
	if len(n) == 15 {
		return n[:4] + sep + n[4:10] + sep + n[10:]
	}
	return n[:4] + sep + n[4:8] + sep + n[8:12] + sep + n[12:]
}

func mod97(s string) int {
	rem := 0
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			rem = (rem*100 + int(c-'A') + 10) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem
}

func (g *gen) h3iban(spaced bool) string {
	var cc, bban string
	switch g.r.IntN(4) {
	case 0:
		cc, bban = "GB", g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 4)+g.s(digits, 14)
	case 1:
		cc, bban = "AT", g.s(digits, 16)
	case 2:
		cc, bban = "BE", g.s(digits, 12)
	default:
		cc, bban = "PL", g.s(digits, 24)
	}
	v := fmt.Sprintf("%s%02d%s", cc, 98-mod97(bban+cc+"00"), bban)
	if !spaced {
		return v
	}
	var parts []string
	for i := 0; i < len(v); i += 4 {
		parts = append(parts, v[i:min(i+4, len(v))])
	}
	return strings.Join(parts, " ")
}

// h3neg is a value that looks like a credential and is not one.
func (g *gen) h3neg() string {
	switch g.r.IntN(18) {
	case 0:
		h := g.s(hexd, 32)
		return h[:8] + "-" + h[8:12] + "-" + g.pick("1", "4", "7") + h[13:16] + "-a" + h[17:20] + "-" + h[20:]
	case 1:
		return g.s(hexd, 40)
	case 2:
		return "sha512-" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 64)))
	case 3:
		return fmt.Sprintf("%d.%d.%d-rc.%d+build.%d", g.r.IntN(5), g.r.IntN(40), g.r.IntN(20), g.r.IntN(9), g.r.IntN(9999))
	case 4:
		return g.pick("<your-key>", "<INSERT_TOKEN_HERE>", "your_api_key_here", "changeme", "xxxx-xxxx-xxxx", "${{ secrets.DEPLOY_TOKEN }}", "{{ .Values.apiKey }}", "%(password)s", "********")
	case 5:
		return "sk-" + strings.Repeat("*", 4+g.r.IntN(12)) + g.s(hexd, 4)
	case 6:
		return "AKIA" + strings.Repeat("X", 16)
	case 7:
		return g.pick("4111 1111 1111 1111", "4242424242424242", "5555 5555 5555 4444", "378282246310005")
	case 8:
		return "10." + fmt.Sprint(g.r.IntN(255)) + "." + fmt.Sprint(g.r.IntN(255)) + "." + fmt.Sprint(1+g.r.IntN(254))
	case 9:
		return "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA" + g.s(b64, 60) + "=="
	case 10:
		return g.s(hexd, 7)
	case 11:
		return "$2b$12$" + g.s(alnum+"./", 53)[:0] + "REDACTED"
	case 12:
		return "ghp_" + strings.Repeat("x", 36)
	case 13:
		return "arn:aws:iam::" + g.s(digits, 12) + ":role/" + g.pick("deploy", "reader")
	case 14:
		return "i-0" + g.s(hexd, 16)
	case 15:
		return "sha256:" + g.s(hexd, 64)
	case 16:
		return fmt.Sprintf("%d", 1600000000000+g.r.IntN(1e11))
	}
	return "xoxb-" + strings.Repeat("0", 10) + "-EXAMPLE"
}

func h3pw(v string) plant  { return secret("password", v) }
func h3gen(v string) plant { return secret("generic", v) }

var held3Templates = []template{
	{"exports", "users_export.csv", func(g *gen, f *file) {
		f.add(g.pick("user_id;vorname;e_mail;handy;kreditkarte;iban", "\"id\",\"이름\",\"이메일\",\"전화\",\"카드\",\"계좌\""))
		sep := ";"
		if strings.HasPrefix(f.lines[0], "\"") {
			sep = ","
		}
		for i := 0; i < 4; i++ {
			e, ph, c, ib := g.h3email(), g.h3phone(), g.h3card(g.pick("", " ", "-")), g.h3iban(false)
			nm := g.pick("Müller", "김민준", "Schmidt", "이서연", "Weber", "박지호")
			if sep == "," {
				f.add(fmt.Sprintf(`"%d","%s","%s","%s","%s","%s"`, 500+i, nm, e, ph, c, ib), pii("email", e), pii("phone", ph), pii("card", c), pii("iban", ib))
			} else {
				f.add(fmt.Sprintf(`%d;%s;%s;%s;%s;%s`, 500+i, nm, e, ph, c, ib), pii("email", e), pii("phone", ph), pii("card", c), pii("iban", ib))
			}
		}
		f.add(fmt.Sprintf("%d%s%s%s%s%s%s", 999, sep, "Test", sep, "test@example.com"+sep+"+49 30 0000000", sep, g.pick("4111 1111 1111 1111", "4242424242424242")+sep+"-"))
	}},
	{"exports", "api_credentials.csv", func(g *gen, f *file) {
		f.add("service,client_id,credential,rotated_at,owner")
		for i := 0; i < 3; i++ {
			svc := g.pick("billing", "crm", "search", "sms", "geo")
			s := g.h3secret()
			f.add(fmt.Sprintf("%s,%s,%s,2025-%02d-%02d,platform", svc, g.s(hexd, 8)+"-"+svc, s, 1+g.r.IntN(12), 1+g.r.IntN(28)), h3gen(s))
		}
		_, v, p := g.h3token()
		f.add(fmt.Sprintf("vendor,%s,%s,2025-01-02,ops", g.s(digits, 6), v), p)
		f.add(fmt.Sprintf("legacy,%s,%s,2019-01-01,ops", g.s(hexd, 8), g.h3neg()))
	}},
	{"logs", "service.ndjson", func(g *gen, f *file) {
		for i := 0; i < 7; i++ {
			ts := fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d+02:00", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			switch g.r.IntN(6) {
			case 0:
				e := g.h3email()
				f.add(fmt.Sprintf(`{"@timestamp":"%s","severity":"INFO","logger":"auth","message":"login ok","ctx":{"account":"%s","remote":"%s"}}`, ts, e, g.privIP()), pii("email", e))
			case 1:
				n, v, p := g.h3token()
				f.add(fmt.Sprintf(`{"@timestamp":"%s","severity":"DEBUG","logger":"cfg","message":"loaded env","env":{"%s":"%s","TZ":"UTC"}}`, ts, n, v), p)
			case 2:
				pw := g.h3pass()
				f.add(fmt.Sprintf(`{"@timestamp":"%s","severity":"WARN","logger":"http","message":"POST /login","form":{"login":"%s","kennwort":"%s"}}`, ts, g.pick("jkim", "hweber"), pw), h3pw(pw))
			case 3:
				f.add(fmt.Sprintf(`{"@timestamp":"%s","severity":"INFO","logger":"deploy","message":"rollout","revision":"%s","trace_id":"%s","image":"%s"}`, ts, g.s(hexd, 40), g.s(hexd, 32), "sha256:"+g.s(hexd, 64)))
			case 4:
				ph := g.h3phone()
				f.add(fmt.Sprintf(`{"@timestamp":"%s","severity":"INFO","logger":"sms","message":"otp sent to %s","code_len":6}`, ts, ph), pii("phone", ph))
			default:
				s := g.h3secret()
				f.add(fmt.Sprintf(`{"@timestamp":"%s","severity":"ERROR","logger":"webhook","message":"bad signature","headers":{"X-Hub-Signature-256":"sha256=%s","x-api-key":"%s"}}`, ts, g.s(hexd, 64), s), h3gen(s))
			}
		}
	}},
	{"logs", "nginx_access.log", func(g *gen, f *file) {
		for i := 0; i < 7; i++ {
			ip := g.pubIP()
			ts := fmt.Sprintf("[%02d/Oct/2026:%02d:%02d:%02d +0200]", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			ua := g.pick(`"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15"`, `"python-requests/2.32.3"`, `"Go-http-client/2.0"`)
			ipl := plant{family: "ip", kind: "neutral", value: ip}
			switch g.r.IntN(5) {
			case 0:
				e := g.h3email()
				enc := url.QueryEscape(e)
				f.add(fmt.Sprintf(`%s - - %s "GET /newsletter/confirm?addr=%s&lang=de HTTP/2.0" 302 0 "-" %s`, ip, ts, enc, ua), plant{family: "email", kind: "pii", value: enc, core: strings.SplitN(e, "@", 2)[0]}, ipl)
			case 1:
				_, v, p := g.h3token()
				f.add(fmt.Sprintf(`%s - - %s "GET /v1/export.csv?apikey=%s&format=csv HTTP/1.1" 200 %d "-" %s`, ip, ts, url.QueryEscape(v), g.r.IntN(90000), ua), ipl, plant{family: p.family, kind: "secret", value: url.QueryEscape(v), core: url.QueryEscape(v)[:min(len(v), 20)]})
			case 2:
				ph := g.h3phone()
				enc := url.QueryEscape(ph)
				f.add(fmt.Sprintf(`%s - - %s "POST /callback?tel=%s HTTP/1.1" 204 0 "-" %s`, ip, ts, enc, ua), ipl, plant{family: "phone", kind: "pii", value: enc, core: enc[len(enc)-4:]})
			case 3:
				pw := g.h3pass()
				enc := url.QueryEscape(pw)
				f.add(fmt.Sprintf(`%s - - %s "GET /cgi-bin/login?user=admin&passwd=%s HTTP/1.0" 401 17 "-" %s`, ip, ts, enc, ua), ipl, plant{family: "password", kind: "secret", value: enc, core: enc[:4]})
			default:
				f.add(fmt.Sprintf(`%s - - %s "GET /assets/%s/main.%s.css?v=%s HTTP/1.1" 200 %d "https://shop.example.org/" %s`, ip, ts, g.s(hexd, 40), g.s(hexd, 10), g.h3neg(), g.r.IntN(20000), ua), ipl)
			}
		}
	}},
	{"logs", "apache_combined.log", func(g *gen, f *file) {
		for i := 0; i < 5; i++ {
			ip := g.pubIP()
			ipl := plant{family: "ip", kind: "neutral", value: ip}
			ts := fmt.Sprintf("[%02d/Jan/2026:%02d:%02d:%02d -0500]", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
			if g.r.IntN(2) == 0 {
				s := g.h3secret()
				enc := url.QueryEscape(s)
				f.add(fmt.Sprintf(`%s - %s %s "GET /api/report?client_secret=%s&from=2026-01-01 HTTP/1.1" 200 5120 "-" "Apache-HttpClient/4.5.14"`, ip, g.pick("-", "svc"), ts, enc), ipl, plant{family: "generic", kind: "secret", value: enc, core: enc[:8]})
			} else {
				f.add(fmt.Sprintf(`%s - - %s "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.30"`, ip, ts), ipl)
			}
		}
	}},
	{"helm", "values.yaml", func(g *gen, f *file) {
		f.add("replicaCount: " + fmt.Sprint(1+g.r.IntN(4)))
		f.add("image:")
		f.add("  repository: ghcr.io/acme/" + g.pick("orders", "ledger", "notifier"))
		f.add("  tag: \"" + g.h3neg() + "\"")
		f.add("postgresql:")
		f.add("  auth:")
		f.add("    username: orders")
		pw := g.h3pass()
		f.add("    "+g.pick("password", "postgresPassword")+": "+quoted(g, pw), h3pw(pw))
		f.add("redis:")
		pw2 := g.h3pass()
		f.add("  auth: {enabled: true, password: \""+pw2+"\"}", h3pw(pw2))
		f.add("secrets:")
		n, v, p := g.h3token()
		f.add("  "+n+": "+v, p)
		f.add("  existingSecret: \"\"")
		f.add("  placeholder: " + g.pick("\"<your-key>\"", "changeme", "\"REPLACE_ME\""))
	}},
	{"k8s", "secret.yaml", func(g *gen, f *file) {
		f.add("apiVersion: v1")
		f.add("kind: Secret")
		f.add("metadata:")
		f.add("  name: " + g.pick("db-creds", "api-keys", "smtp"))
		f.add("type: Opaque")
		f.add("data:")
		pw := g.h3pass()
		e := base64.StdEncoding.EncodeToString([]byte(pw))
		f.add("  "+g.pick("password", "DB_PASS", "smtp-password")+": "+e, plant{family: "password", kind: "secret", value: e})
		_, v, _ := g.h3token()
		e2 := base64.StdEncoding.EncodeToString([]byte(v))
		f.add("  "+g.pick("token", "API_KEY", "access-token")+": "+e2, plant{family: "generic", kind: "secret", value: e2})
		f.add("  username: " + base64.StdEncoding.EncodeToString([]byte(g.pick("admin", "svc-orders"))))
		f.add("stringData:")
		s := g.h3secret()
		f.add("  signing-key: "+s, h3gen(s))
	}},
	{"config", "prod.env", func(g *gen, f *file) {
		f.add("# " + g.pick("Produktionswerte", "운영 환경", "生产环境配置"))
		f.add("NODE_ENV=production")
		n, v, p := g.h3token()
		f.add(strings.ToUpper(n)+"="+quoted(g, v), p)
		pw := g.h3pass()
		f.add(g.pick("MARIADB_PASSWORD", "PG_PASS", "RABBITMQ_DEFAULT_PASS", "LDAP_BIND_PW")+"="+quoted(g, pw), h3pw(pw))
		s := g.h3secret()
		f.add(g.pick("SESSION_SECRET", "COOKIE_SIGNING_KEY", "ENCRYPTION_KEY", "JWT_SIGNING_SECRET")+"="+s, h3gen(s))
		f.add("SENTRY_RELEASE=" + g.s(hexd, 40))
		f.add("CORRELATION_NAMESPACE=" + g.h3neg())
		f.add(g.pick("STRIPE_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "OPENAI_KEY=sk-...", "TOKEN=<paste here>"))
	}},
	{"config", "settings.ini", func(g *gen, f *file) {
		f.add("; " + g.pick("Einstellungen", "설정", "настройки"))
		f.add("[database]")
		f.add("host = 10.20." + fmt.Sprint(g.r.IntN(250)) + ".5")
		pw := g.h3pass()
		f.add("pass_word = "+pw, h3pw(pw))
		f.add("[mail]")
		pw2 := g.h3pass()
		f.add(g.pick("smtp_pass", "Password", "auth_pass")+"="+pw2, h3pw(pw2))
		f.add("[api]")
		s := g.h3secret()
		f.add(g.pick("key", "secret", "credentials", "auth")+" = "+s, h3gen(s))
		f.add("cache_digest = " + g.s(hexd, 64))
	}},
	{"config", "config.toml", func(g *gen, f *file) {
		f.add("[server]")
		f.add(`listen = "0.0.0.0:8443"`)
		f.add("[storage.azure]")
		f.add(`account_name = "acme` + g.s(lower, 6) + `"`)
		k := g.azureKey()
		f.add(g.pick("account_key", "storageAccountKey", "shared_key")+` = "`+k+`"`, secret("azure", k))
		f.add("[upstream]")
		_, v, p := g.h3token()
		f.add(`token = "`+v+`"`, p)
		f.add(`version = "` + g.h3neg() + `"`)
	}},
	{"config", "app.properties", func(g *gen, f *file) {
		f.add("# " + g.pick("Datenbank", "データベース", "base de datos"))
		f.add("jdbc.url=jdbc:mysql://db.internal:3306/erp?useSSL=true")
		pw := g.h3pass()
		f.add(g.pick("jdbc.password", "datasource.pwd", "ldap.credentials")+g.pick("=", ":", " = ")+pw, h3pw(pw))
		pw2 := g.h3pass()
		f.add("db.url=jdbc:postgresql://pg.internal:5432/erp?user=erp&password="+pw2+"&ssl=true", h3pw(pw2))
		s := g.h3secret()
		f.add(g.pick("oauth.client-secret", "app.encryption.key", "crm.apikey")+"="+s, h3gen(s))
		f.add("app.build.commit=" + g.s(hexd, 40))
		f.add("app.placeholder.token=${CRM_TOKEN}")
	}},
	{"config", "context.xml", func(g *gen, f *file) {
		f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
		f.add("<Context>")
		pw := g.h3pass()
		f.add(`  <Resource name="jdbc/erp" auth="Container" type="javax.sql.DataSource" username="erp" password="`+pw+`" url="jdbc:mysql://db:3306/erp"/>`, h3pw(pw))
		s := g.h3secret()
		f.add(`  <Parameter name="`+g.pick("apiSecret", "clientSecret", "signingKey")+`" value="`+s+`" override="false"/>`, h3gen(s))
		_, v, p := g.h3token()
		tag := g.pick("accessKey", "ApiKey", "credentials")
		f.add("  <"+tag+">"+v+"</"+tag+">", p)
		f.add(`  <Environment name="buildId" value="` + g.s(hexd, 40) + `" type="java.lang.String"/>`)
		f.add("</Context>")
	}},
	{"dumps", "mysql_dump.sql", func(g *gen, f *file) {
		f.add("-- MySQL dump 10.13  Distrib 8.0.36")
		f.add("LOCK TABLES `integrations` WRITE;")
		var vals []string
		var ps []plant
		for i := 0; i < 3; i++ {
			_, v, p := g.h3token()
			vals = append(vals, fmt.Sprintf("(%d,'%s','%s','%s')", i+1, g.pick("slack", "stripe", "github", "mail"), v, g.s(hexd, 40)))
			ps = append(ps, p)
		}
		f.add("INSERT INTO `integrations` (`id`, `provider`, `credential`, `checksum`) VALUES "+strings.Join(vals, ",")+";", ps...)
		var vals2 []string
		var ps2 []plant
		for i := 0; i < 3; i++ {
			e, ph := g.h3email(), g.h3phone()
			vals2 = append(vals2, fmt.Sprintf("(%d,'%s','%s',NULL)", 10+i, e, ph))
			ps2 = append(ps2, pii("email", e), pii("phone", ph))
		}
		f.add("INSERT INTO `customers` VALUES "+strings.Join(vals2, ",")+";", ps2...)
		f.add("UNLOCK TABLES;")
		pw := g.h3pass()
		f.add("INSERT INTO settings (name, value) VALUES ('"+g.pick("smtp_password", "ldap_bind_password", "aws_secret_access_key")+"', '"+pw+"');", h3pw(pw))
	}},
	{"build", "Dockerfile", func(g *gen, f *file) {
		f.add("FROM python:3.12-slim")
		f.add("ARG " + g.pick("PIP_INDEX_URL", "BUILD_REF") + "=" + g.h3neg())
		n, v, p := g.h3token()
		f.add("ENV "+strings.ToUpper(n)+" "+v, p)
		pw := g.h3pass()
		f.add("ENV DB_USER=app DB_PASSWORD="+pw+" DB_HOST=db", h3pw(pw))
		f.add("RUN pip install --no-cache-dir -r requirements.txt")
		pw2 := g.h3pass()
		f.add("RUN curl -u deploy:"+pw2+" https://artifacts.internal/get.sh | sh", h3pw(pw2))
	}},
	{"shell", ".bash_history", func(g *gen, f *file) {
		f.add("cd ~/src/ledger && git pull")
		pw := g.h3pass()
		f.add("mysqldump -h 10.1.2.3 -u backup --password="+pw+" erp > erp.sql", h3pw(pw))
		_, v, p := g.h3token()
		f.add(g.pick("curl -sS -H 'X-API-Key: ", "http GET api.example.net Authorization:'Token ")+v+"' https://api.example.net/v2/me", p)
		pw2 := g.h3pass()
		f.add("sshpass -p '"+pw2+"' ssh ops@bastion", h3pw(pw2))
		f.add("docker login -u ci -p "+pw+" registry.internal", h3pw(pw))
		f.add("echo " + g.s(hexd, 40) + " | git cat-file -p")
		s := g.h3secret()
		f.add("redis-cli -a "+s+" -h cache.internal info", h3gen(s))
	}},
	{"notebooks", "explore.ipynb", func(g *gen, f *file) {
		f.add("{")
		f.add(` "cells": [{"cell_type": "code", "execution_count": 3, "metadata": {}, "source": [`)
		_, v, p := g.h3token()
		f.add(`    "client = Client(token=\"`+v+`\")\n",`, p)
		pw := g.h3pass()
		f.add(`    "engine = create_engine(\"postgresql+psycopg2://analyst:`+pw+`@warehouse:5432/dw\")\n"`, h3pw(pw))
		f.add(`   ], "outputs": [{"output_type": "execute_result", "data": {"text/plain": [`)
		e := g.h3email()
		ue := strings.Replace(e, "@", `\u0040`, 1)
		f.add(`     "   user_id  email\n", "0  4411  `+ue+`\n"`, plant{family: "email", kind: "pii", value: ue, core: strings.SplitN(e, "@", 2)[0]})
		f.add(`   ], "image/png": "iVBORw0KGgoAAAANSUhEUgAA` + g.s(b64, 120) + `"}}]}`)
		f.add(` ], "metadata": {"language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5`)
		f.add("}")
	}},
	{"docs", "RUNBOOK.md", func(g *gen, f *file) {
		f.add("# " + g.pick("Störungsbehebung", "장애 대응", "Incident runbook"))
		f.add("")
		f.add("1. Get a token from the vault: `vault kv get -field=token secret/ci` (looks like `" + g.h3neg() + "`).")
		f.add("2. Never paste keys such as `sk-****` or `AKIA****************` into tickets.")
		f.add("")
		f.add("```yaml")
		pw := g.h3pass()
		f.add("admin_password: "+pw+"   # TODO rotate", h3pw(pw))
		f.add("```")
		_, v, p := g.h3token()
		f.add("Emergency key (rotate after use): "+v, p)
		e := g.h3email()
		f.add("On-call: "+e+", test card for checkout: 4111 1111 1111 1111", pii("email", e))
	}},
	{"src", "store.go", func(g *gen, f *file) {
		f.add("package store")
		f.add("")
		_, v, p := g.h3token()
		f.add(fmt.Sprintf(`var %s = "%s"`, g.pick("upstreamCredential", "defaultAuth", "svcKey"), v), p)
		pw := g.h3pass()
		f.add(fmt.Sprintf(`	dsn := fmt.Sprintf("host=db user=app password=%s dbname=ledger", "%s")`, "%s", pw), h3pw(pw))
		s := g.h3secret()
		f.add(fmt.Sprintf(`	cfg := Config{Endpoint: "https://api.internal", Secret: "%s"}`, s), h3gen(s))
		f.add(`	id := "` + g.h3neg() + `"`)
	}},
	{"src", "Client.java", func(g *gen, f *file) {
		f.add("package com.acme.ledger;")
		pw := g.h3pass()
		f.add(fmt.Sprintf(`    DataSource ds = DataSourceBuilder.create().username("ledger").password("%s").build();`, pw), h3pw(pw))
		_, v, p := g.h3token()
		f.add(fmt.Sprintf(`    request.addHeader("Authorization", "Bearer %s");`, v), p)
		s := g.h3secret()
		f.add(fmt.Sprintf(`    private final String %s = "%s";`, g.pick("hmacKey", "clientSecret", "encryptionKey"), s), h3gen(s))
		f.add(`    private static final String UUID_NS = "` + g.h3neg() + `";`)
	}},
	{"src", "settings.php", func(g *gen, f *file) {
		f.add("<?php")
		pw := g.h3pass()
		f.add(fmt.Sprintf(`$databases['default']['default'] = ['username' => 'drupal', 'password' => '%s', 'host' => 'db'];`, pw), h3pw(pw))
		s := g.h3secret()
		f.add(fmt.Sprintf(`$settings['hash_salt'] = '%s';`, s), h3gen(s))
		_, v, p := g.h3token()
		f.add(fmt.Sprintf(`$client = new ApiClient(['api_key' => "%s"]);`, v), p)
		f.add(`$version = '` + g.h3neg() + `';`)
	}},
	{"src", "tasks.py", func(g *gen, f *file) {
		f.add("from celery import Celery")
		pw := g.h3pass()
		f.add(fmt.Sprintf(`app = Celery("tasks", broker="amqp://worker:%s@rabbit:5672//")`, pw), h3pw(pw))
		_, v, p := g.h3token()
		f.add(fmt.Sprintf(`HEADERS = {"Authorization": f"token %s"}`, v), p)
		s := g.h3secret()
		f.add(fmt.Sprintf(`SECRET_KEY = os.getenv("DJANGO_SECRET", "%s")`, s), h3gen(s))
		f.add(`DEFAULT_ID = "` + g.h3neg() + `"`)
	}},
	{"src", "index.mjs", func(g *gen, f *file) {
		f.add(`import { S3Client } from "@aws-sdk/client-s3";`)
		ak := "AKIA" + g.s(b32, 16)
		sk := g.s(b64, 40)
		f.add(fmt.Sprintf(`const s3 = new S3Client({ credentials: { accessKeyId: "%s", secretAccessKey: "%s" } });`, ak, sk), secret("aws", ak), secret("aws-secret", sk))
		_, v, p := g.h3token()
		f.add(fmt.Sprintf("const url = `https://api.example.net/v1?key=%s`;", v), p)
		f.add(`const integrity = "` + g.h3neg() + `";`)
	}},
	{"src", "api_client.rb", func(g *gen, f *file) {
		f.add("require 'net/http'")
		_, v, p := g.h3token()
		f.add(fmt.Sprintf(`  config.api_token = '%s'`, v), p)
		pw := g.h3pass()
		f.add(fmt.Sprintf(`  Net::SMTP.start('smtp.internal', 587, 'mail', 'mailer', '%s', :login)`, pw), h3pw(pw))
		s := g.h3secret()
		f.add(fmt.Sprintf(`  ENV['RAILS_MASTER_KEY'] ||= "%s"`, s), h3gen(s))
	}},
	{"src", "Startup.cs", func(g *gen, f *file) {
		f.add("namespace Acme.Ledger;")
		pw := g.h3pass()
		f.add(fmt.Sprintf(`    var cs = "Host=pg;Username=ledger;Password=%s;Database=ledger";`, pw), h3pw(pw))
		k := g.azureKey()
		f.add(fmt.Sprintf(`    var blob = "DefaultEndpointsProtocol=https;AccountName=acme%s;AccountKey=%s;EndpointSuffix=core.windows.net";`, g.s(lower, 4), k), secret("azure", k))
		_, v, p := g.h3token()
		f.add(fmt.Sprintf(`    client.DefaultRequestHeaders.Add("X-Api-Key", "%s");`, v), p)
		f.add(`    const string Correlation = "` + g.h3neg() + `";`)
	}},
	{"chat", "de.txt", func(g *gen, f *file) {
		f.add("Kunde: Hallo, ich komme nicht mehr in mein Konto.")
		pw := g.h3pass()
		f.add(g.pick("Kunde: Mein Passwort ist ", "Kunde: Passwort: ", "Kunde: das Kennwort lautet ")+pw+g.pick("", " – bitte prüfen"), h3pw(pw))
		ib := g.h3iban(true)
		f.add("Kunde: Meine IBAN: "+ib, pii("iban", ib))
		e := g.h3email()
		f.add("Kunde: Erreichbar unter "+e+" oder telefonisch.", pii("email", e))
		f.add("Support: Danke, Ticket " + g.h3neg())
	}},
	{"chat", "ko.txt", func(g *gen, f *file) {
		f.add("고객: 안녕하세요, 결제가 안 돼요.")
		c := g.h3card(g.pick(" ", "-"))
		f.add("고객: 카드번호는 "+c+" 입니다", pii("card", c))
		pw := g.h3pass()
		f.add("고객: 비밀번호는 "+pw+" 예요", h3pw(pw))
		ph := g.h3phone()
		f.add("고객: 연락처 "+ph, pii("phone", ph))
		f.add("상담원: 확인했습니다. 주문번호 " + g.s(digits, 14))
	}},
	{"chat", "zh_support.txt", func(g *gen, f *file) {
		v := "sk-" + g.s(hexd, 32)
		f.add("客户：我们的接口一直返回401，密钥是"+v+"，麻烦看一下", secret("deepseek", v))
		e := g.h3email()
		f.add("客户：我的邮箱："+e, pii("email", e))
		c := g.h3card("")
		f.add("客户：用的信用卡"+c+"扣款两次", pii("card", c))
		f.add("客服：好的，工单号 " + g.h3neg())
	}},
	{"chat", "ja_support.txt", func(g *gen, f *file) {
		_, v, p := g.h3token()
		f.add("ユーザー：このトークン（"+v+"）でエラーになります", p)
		ph := g.h3phone()
		f.add("ユーザー：電話番号は"+ph+"です", pii("phone", ph))
		f.add("サポート：バージョン " + g.h3neg() + " で修正済みです")
	}},
	{"chat", "ru_support.txt", func(g *gen, f *file) {
		pw := g.h3pass()
		f.add("Клиент: вот логин admin и пароль "+pw+", проверьте", h3pw(pw))
		c := g.h3card(" ")
		f.add("Клиент: списали дважды с карты "+c+" вчера", pii("card", c))
		f.add("Оператор: номер заявки " + g.h3neg())
	}},
	{"chat", "es_support.txt", func(g *gen, f *file) {
		_, v, p := g.h3token()
		f.add("Usuario: la clave de la API es "+v+" y no funciona", p)
		ph := g.h3phone()
		f.add("Usuario: mi teléfono es el "+ph, pii("phone", ph))
		e := g.h3email()
		f.add("Usuario: escríbeme a "+e+", gracias", pii("email", e))
	}},
	{"mail", "reset.eml", func(g *gen, f *file) {
		f.add("Content-Type: text/plain; charset=utf-8")
		f.add("Content-Transfer-Encoding: quoted-printable")
		f.add("")
		pw := g.h3pass()
		qp := strings.ReplaceAll(pw, "=", "=3D")
		f.add("Ihr neues Passwort: "+qp, plant{family: "password", kind: "secret", value: qp, core: qp[:min(6, len(qp))]})
		_, v, p := g.h3token()
		f.add("api_key=3D"+v, p)
		e := g.h3email()
		f.add("An: "+e, pii("email", e))
	}},
	{"web", "account.html", func(g *gen, f *file) {
		f.add("<!doctype html>")
		e := g.h3email()
		ent := strings.Replace(e, "@", "&#64;", 1)
		f.add(`<p>Kontakt: <a href="mailto:`+ent+`">`+g.pick("E-Mail", "メール", "이메일")+`</a></p>`, plant{family: "email", kind: "pii", value: ent, core: strings.SplitN(e, "@", 2)[0]})
		s := g.h3secret()
		f.add(`<pre>{&quot;client_secret&quot;: &quot;`+s+`&quot;}</pre>`, h3gen(s))
		f.add(`<img src="` + "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA" + g.s(b64, 80) + `" alt="logo">`)
		f.add(`<meta name="csrf-nonce" content="` + g.s(hexd, 32) + `">`)
	}},
	{"config", "b64-config.txt", func(g *gen, f *file) {
		pw := g.h3pass()
		cfg := fmt.Sprintf(`{"user":"etl","password":"%s"}`, pw)
		e := base64.StdEncoding.EncodeToString([]byte(cfg))
		f.add("CONFIG_B64="+e, plant{family: "password", kind: "secret", value: e})
		f.add("CHECKSUM=" + hex.EncodeToString([]byte(g.s(alnum, 20))))
	}},
	{"config", "docker-compose.yml", func(g *gen, f *file) {
		f.add("services:")
		f.add("  db:")
		f.add("    image: postgres:16.2")
		f.add("    environment:")
		pw := g.h3pass()
		f.add("      - POSTGRES_PASSWORD="+pw, h3pw(pw))
		f.add("  app:")
		f.add("    environment:")
		_, v, p := g.h3token()
		f.add("      "+g.pick("API_TOKEN", "UPSTREAM_KEY", "VENDOR_CREDENTIALS")+": "+v, p)
		f.add("      REDIS_URL: redis://:"+pw+"@cache:6379/0", h3pw(pw))
		f.add("      BUILD: " + g.h3neg())
	}},
	{"config", "service-account.json", func(g *gen, f *file) {
		f.add("{")
		f.add(`  "type": "service_account",`)
		f.add(`  "project_id": "acme-` + g.s(lower, 6) + `",`)
		f.add(`  "private_key_id": "` + g.s(hexd, 40) + `",`)
		body := base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 120)))
		pk := `-----BEGIN PRIVATE KEY-----\n` + body[:64] + `\n` + body[64:] + `\n-----END PRIVATE KEY-----\n`
		f.add(`  "private_key": "`+pk+`",`, plant{family: "private-key", kind: "secret", value: pk, core: body[:40]})
		sa := "etl@acme-proj.iam.gserviceaccount.com"
		f.add(`  "client_email": "`+sa+`",`, plant{family: "role-address", kind: "neutral", value: sa})
		f.add(`  "client_id": "` + g.s(digits, 21) + `"`)
		f.add("}")
	}},
	{"chat", "transcript.jsonl", func(g *gen, f *file) {
		for i := 0; i < 4; i++ {
			switch g.r.IntN(3) {
			case 0:
				_, v, p := g.h3token()
				f.add(fmt.Sprintf(`{"role":"user","content":"why does %s return 403?"}`, v), p)
			case 1:
				e := g.h3email()
				ph := g.h3phone()
				f.add(fmt.Sprintf(`{"role":"user","content":"contact me at %s or %s"}`, e, ph), pii("email", e), pii("phone", ph))
			default:
				f.add(fmt.Sprintf(`{"role":"assistant","content":"Please rotate it. Request id %s."}`, g.h3neg()))
			}
		}
	}},
}
