package lab

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"strings"
)

// Synthetic credentials in the real formats (prefixes, lengths, alphabets, checksums) so
// that detectors fire on them as on live ones. Every value is random: none was ever a
// live credential, and none is copied from anywhere.

const (
	alphaUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	alphaLower = "abcdefghijklmnopqrstuvwxyz"
	digits     = "0123456789"
	base62     = digits + alphaUpper + alphaLower // GitHub's checksum alphabet order
	alnum      = alphaUpper + alphaLower + digits
	urlSafe    = alnum + "-_"
	hexLower   = "0123456789abcdef"
	base32AWS  = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
)

// Synth generates synthetic values from a seeded generator, so a lab seeded twice holds
// the same data and tests can name what to expect.
type Synth struct{ r *rand.Rand }

// NewSynth returns a generator for seed.
func NewSynth(seed uint64) *Synth {
	return &Synth{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// String returns n characters drawn from alphabet.
func (s *Synth) String(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[s.r.IntN(len(alphabet))]
	}
	return string(b)
}

// Pick returns one of xs.
func (s *Synth) Pick(xs ...string) string { return xs[s.r.IntN(len(xs))] }

// IntN returns a number in [0, n).
func (s *Synth) IntN(n int) int { return s.r.IntN(n) }

// OpenAIKey is a project key: sk-proj- … T3BlbkFJ … (the marker is base64 of "OpenAI").
func (s *Synth) OpenAIKey() string {
	n := 58 + 16*s.r.IntN(2)
	return "sk-proj-" + s.String(urlSafe, n) + "T3BlbkFJ" + s.String(urlSafe, n)
}

// AnthropicKey is sk-ant-api03- followed by 93 URL-safe characters and "AA".
func (s *Synth) AnthropicKey() string { return "sk-ant-api03-" + s.String(urlSafe, 93) + "AA" }

// DeepSeekKey is sk- followed by 32 lower-case hex digits.
func (s *Synth) DeepSeekKey() string { return "sk-" + s.String(hexLower, 32) }

// AWSKeyPair is an access key id and its 40-character secret.
func (s *Synth) AWSKeyPair() (id, secret string) {
	return "AKIA" + s.String(base32AWS, 16), s.String(alnum+"+/", 40)
}

// GitHubToken is ghp_ + 30 base62 characters + the 6-character base62 CRC32 of those 30,
// the checksum GitHub's own scanners verify.
func (s *Synth) GitHubToken() string {
	body := s.String(base62, 30)
	return "ghp_" + body + base62Pad(uint64(crc32.ChecksumIEEE([]byte(body))), 6)
}

func base62Pad(n uint64, width int) string {
	var b []byte
	for n > 0 {
		b = append([]byte{base62[n%62]}, b...)
		n /= 62
	}
	for len(b) < width {
		b = append([]byte{'0'}, b...)
	}
	return string(b)
}

// StripeKey is a live secret key.
func (s *Synth) StripeKey() string { return "sk_live_" + s.String(alnum, 24) }

// SlackBotToken is xoxb-<12 digits>-<13 digits>-<24 alphanumerics>.
func (s *Synth) SlackBotToken() string {
	return "xoxb-" + s.String(digits, 12) + "-" + s.String(digits, 13) + "-" + s.String(alnum, 24)
}

// JWT is an HS256 token with a plausible payload and a random signature.
func (s *Synth) JWT() string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	header := enc(map[string]string{"alg": "HS256", "typ": "JWT"})
	payload := enc(map[string]any{"sub": fmt.Sprint(100000 + s.r.IntN(900000000)), "iat": 1736150000 + s.r.IntN(1000000),
		"scope": s.Pick("chat", "admin", "billing")})
	return header + "." + payload + "." + s.String(urlSafe, 43)
}

// PrivateKeyPEM is a PEM block of random bytes shaped like an RSA private key.
func (s *Synth) PrivateKeyPEM() string {
	raw := make([]byte, 360)
	for i := range raw {
		raw[i] = byte(s.r.IntN(256))
	}
	body := base64.StdEncoding.EncodeToString(raw)
	var b strings.Builder
	b.WriteString("-----BEGIN RSA PRIVATE KEY-----\n")
	for len(body) > 64 {
		b.WriteString(body[:64] + "\n")
		body = body[64:]
	}
	b.WriteString(body + "\n-----END RSA PRIVATE KEY-----")
	return b.String()
}

// PostgresDSN is a connection string with a password.
func (s *Synth) PostgresDSN() string {
	return fmt.Sprintf("postgres://svc_%s:%s@db-%d.internal:5432/chat", s.String(alphaLower, 5), s.String(alnum, 16), 1+s.r.IntN(9))
}

var (
	firstNames = []string{"li", "wang", "zhang", "chen", "anna", "maria", "james", "olga", "omar", "yuki", "priya", "lucas"}
	lastNames  = []string{"wei", "fang", "smith", "garcia", "novak", "tanaka", "kumar", "silva", "muller", "ivanova"}
	domains    = []string{"gmail.com", "qq.com", "163.com", "outlook.com", "proton.me", "corp-example.cn", "mail.ru"}
)

// Email is a personal address.
func (s *Synth) Email() string {
	return fmt.Sprintf("%s.%s%d@%s", s.Pick(firstNames...), s.Pick(lastNames...), 1+s.r.IntN(999), s.Pick(domains...))
}

// Phone is a phone number in one of a few national formats.
func (s *Synth) Phone() string {
	switch s.r.IntN(4) {
	case 0:
		return fmt.Sprintf("+1 415-555-%04d", 1000+s.r.IntN(9000))
	case 1:
		return fmt.Sprintf("+86 1%c%d %04d %04d", "3578"[s.r.IntN(4)], s.r.IntN(10), 1000+s.r.IntN(9000), 1000+s.r.IntN(9000))
	case 2:
		return fmt.Sprintf("+44 7700 %06d", 100000+s.r.IntN(900000))
	default:
		return fmt.Sprintf("+49 151 %07d", 1000000+s.r.IntN(9000000))
	}
}
