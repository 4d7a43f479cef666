package detect

import (
	"encoding/base64"
	"fmt"
	"math/rand/v2"
	"strings"
)

// A generator of log lines shaped like a chat service's: JSON objects whose "tags" field
// is a JSON object serialised into a string (so its quotes are escaped), with secrets
// planted at known places among look-alike decoys. Each planted value records the span
// the engine must redact and the rule that must claim it, which lets the tests check
// redaction byte for byte.

type planted struct {
	rule       string
	start, end int    // span in the line
	value      string // the decoded secret
}

type lineGen struct {
	rng *rand.Rand
	g   *exampleGen
}

func newLineGen(seed uint64) *lineGen {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return &lineGen{rng: rng, g: &exampleGen{rng: rng}}
}

// secretKind writes a tag's key and raw (already escaped for the nested string) value
// text, and says which part of that text is the secret.
type secretKind struct {
	rule string
	make func(l *lineGen) (key, text string, s, e int, value string)
}

func whole(rule, key string, f func(l *lineGen) string) secretKind {
	return secretKind{rule, func(l *lineGen) (string, string, int, int, string) {
		v := f(l)
		return key, v, 0, len(v), v
	}}
}

var secretKinds = []secretKind{
	whole("github-pat", "token_github", func(l *lineGen) string { v, _ := l.g.expand("gh"); return "ghp_" + v }),
	whole("npm-token", "key_npm", func(l *lineGen) string { v, _ := l.g.expand("gh"); return "npm_" + v }),
	whole("aws-access-key-id", "aws_access_key_id", func(l *lineGen) string { return "AKIA" + l.g.str(exampleClasses["32"], 16) }),
	{"aws-secret-access-key", func(l *lineGen) (string, string, int, int, string) {
		v := l.g.str(exampleClasses["b"], 40)
		return "aws_secret_access_key", v, 0, 40, v
	}},
	whole("openai-project-key", "api_key_openai", func(l *lineGen) string {
		return "sk-proj-" + l.g.str(exampleClasses["u"], 58) + "T3BlbkFJ" + l.g.str(exampleClasses["u"], 58)
	}),
	whole("stripe-secret-key", "secret_stripe", func(l *lineGen) string { return "sk_live_" + l.g.str(exampleClasses["a"], 24) }),
	whole("slack-bot-token", "token_slack", func(l *lineGen) string {
		return "xoxb-" + l.g.str("0123456789", 12) + "-" + l.g.str("0123456789", 13) + "-" + l.g.str(exampleClasses["a"], 24)
	}),
	whole("jwt", "authorization_jwt", func(l *lineGen) string { v, _ := l.g.expand("jwt"); return v }),
	whole("email", "email", func(l *lineGen) string {
		return l.g.str(exampleClasses["l"], 6) + "." + l.g.str(exampleClasses["l"], 5) + "@mail.internal-corp.com"
	}),
	whole("credit-card", "credit_card", func(l *lineGen) string { v, _ := l.g.expand("card:4:16"); return v }),
	whole("iban", "iban", func(l *lineGen) string { v, _ := l.g.expand("iban:DE"); return v }),
	whole("cn-resident-id", "cn_resident_id", func(l *lineGen) string { v, _ := l.g.expand("prc"); return v }),
	{"postgres-connection-string", func(l *lineGen) (string, string, int, int, string) {
		pw := l.g.str(exampleClasses["a"], 16)
		pre := "postgres://svc_app:"
		return "dsn", pre + pw + "@db-2.internal:5432/chat", len(pre), len(pre) + len(pw), pw
	}},
	{"bearer-token", func(l *lineGen) (string, string, int, int, string) {
		v := l.g.str(exampleClasses["u"], 48)
		return "http.request.header.authorization", "Bearer " + v, 7, 7 + len(v), v
	}},
	{"basic-auth", func(l *lineGen) (string, string, int, int, string) {
		dec := "deploy:" + l.g.str(exampleClasses["a"], 14)
		v := base64.StdEncoding.EncodeToString([]byte(dec))
		return "authorization", "Basic " + v, 6, 6 + len(v), dec
	}},
	{"password-assignment", func(l *lineGen) (string, string, int, int, string) {
		v := []string{"Summer", "Dragon", "Qwerty"}[l.rng.IntN(3)] + fmt.Sprint(1000+l.rng.IntN(9000)) + "!#$%&"[l.rng.IntN(5):][:1]
		return "db_password", v, 0, len(v), v
	}},
	{"private-key-rsa", func(l *lineGen) (string, string, int, int, string) {
		// Inside the nested string, newlines are written as \\n.
		pemText := l.g.pem("RSA PRIVATE KEY", "\n", nil)
		esc := strings.ReplaceAll(pemText, "\n", `\\n`)
		return "tls_key", esc, 0, len(esc), pemText
	}},
}

var decoyKinds = []func(l *lineGen) string{
	func(l *lineGen) string { v, _ := l.g.expand("uuid"); return v },
	func(l *lineGen) string { return l.g.str(exampleClasses["h"], 40) },
	func(l *lineGen) string { return l.g.str(exampleClasses["h"], 64) },
	func(l *lineGen) string { return "sk-" + strings.Repeat("x", 32) },
	func(l *lineGen) string { return "sk-learn==1.4.2" },
	func(l *lineGen) string { return "YOUR_API_KEY_HERE" },
	func(l *lineGen) string { return "AKIAIOSFODNN7EXAMPLE" },
	func(l *lineGen) string { return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
	func(l *lineGen) string { v, _ := l.g.expand("badgh"); return "ghp_" + v },
	func(l *lineGen) string { v, _ := l.g.expand("badcard:4:16"); return v },
	func(l *lineGen) string { v, _ := l.g.expand("badiban:FR"); return v },
	func(l *lineGen) string { v, _ := l.g.expand("badprc"); return v },
	func(l *lineGen) string { return "${DB_PASSWORD}" },
	func(l *lineGen) string { return "********" },
	func(l *lineGen) string { return "<redacted>" },
	func(l *lineGen) string { return "{{ .Values.apiKey }}" },
	func(l *lineGen) string { return l.g.str("123456789", 1) + l.g.str("0123456789", 15) },
	func(l *lineGen) string { return "task-" + l.g.str(exampleClasses["h"], 32) },
	func(l *lineGen) string { return "req_" + l.g.str(exampleClasses["a"], 24) },
	func(l *lineGen) string { return "data:image/png;base64," + l.g.str(exampleClasses["b"], 160) },
}

var decoyKeys = []string{"trace", "etag", "checksum", "note", "image", "ref", "placeholder"}

// line returns one log line and what was planted in it. withSecrets plants 1–3 values.
func (l *lineGen) line(n int, withSecrets bool) (string, []planted) {
	var b strings.Builder
	fmt.Fprintf(&b, `{"timestamp": "2025-01-06 %02d:%02d:%02d", "span_name": "chat.completion", "level": "INFO", "host": "10.%d.%d.%d", "string_tags": "{`,
		n/3600%24, n/60%60, n%60, l.rng.IntN(256), l.rng.IntN(256), 1+l.rng.IntN(254))
	var ps []planted
	fmt.Fprintf(&b, `\"request_id\": \"req_%s\"`, l.g.str(exampleClasses["a"], 24))
	if withSecrets {
		k := 1 + l.rng.IntN(3)
		for _, i := range l.rng.Perm(len(secretKinds))[:k] {
			key, text, s, e, value := secretKinds[i].make(l)
			fmt.Fprintf(&b, `, \"%s\": \"`, key)
			off := b.Len()
			b.WriteString(text)
			b.WriteString(`\"`)
			ps = append(ps, planted{rule: secretKinds[i].rule, start: off + s, end: off + e, value: value})
		}
	}
	for i := l.rng.IntN(3); i > 0; i-- {
		fmt.Fprintf(&b, `, \"%s\": \"%s\"`, decoyKeys[l.rng.IntN(len(decoyKeys))], decoyKinds[l.rng.IntN(len(decoyKinds))](l))
	}
	if l.rng.IntN(3) == 0 {
		b.WriteString(`, \"messages\": [{\"role\": \"user\", \"content\": \"帮我写一封请假邮件\"}, {\"role\": \"assistant\", \"content\": \"好的，这是您的邮件。\"}]`)
	}
	fmt.Fprintf(&b, `}", "number_tags": "{\"latency_ms\": %d, \"tokens\": %d}"}`, l.rng.IntN(9000), l.rng.IntN(4000))
	return b.String(), ps
}

// corpus returns about size bytes of lines, a quarter of them with secrets.
func (l *lineGen) corpus(size int) ([]byte, [][]planted) {
	var out []byte
	var all [][]planted
	for n := 0; len(out) < size; n++ {
		s, ps := l.line(n, l.rng.IntN(4) == 0)
		out = append(out, s...)
		out = append(out, '\n')
		all = append(all, ps)
	}
	return out, all
}
