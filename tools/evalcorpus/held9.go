package main

// held9 is a tenth split, written without reading held2's templates, and the first one
// generated as two halves: "held9a", which may be tuned on, and "held9b", which is held
// out. Each template family below has two variants of the same class written in
// different concrete shapes (a WireGuard config against strongSwan's secrets, FileZilla's
// site manager against lftp bookmarks, a kubeconfig against gh/terraform/yarn credential
// stores, …); variant a goes to held9a and variant b to held9b, so the halves share
// classes but no template, and each half has its own seed.
//
// RULE: only held9a's per-case misses and false positives may be read. Of held9b only the
// totals (labels, recall, precision, TP, FP) are ever looked at — never its per-family
// table's "missed labels" or "false positive examples", never its files against the
// report. Tuning on held9a and reading held9b's totals before and after measures how
// much a round of tuning generalises to shapes it has not seen.
//
// Shapes none of held3..held8 cover: VPN and network secrets (WireGuard, strongSwan
// ipsec.secrets and swanctl), VoIP and RADIUS shared secrets (Asterisk pjsip,
// FreeRADIUS), Windows deployment files (unattend.xml with its base64 UTF-16 password
// encoding, Group Policy Preferences' cpassword, whose AES key Microsoft published), FTP
// and download clients (FileZilla's base64 passwords, lftp bookmarks, .curlrc, .wgetrc),
// CLI credential stores (kubeconfig with client-key-data, gh hosts.yml, .terraformrc,
// .yarnrc.yml), brokers (RabbitMQ, Mosquitto, NATS), database servers (redis.conf and
// ACL files, pgbouncer, Redis Sentinel, ClickHouse users.xml, PostgreSQL FDW/dblink and
// logical replication), HashiCorp tools (Consul, Nomad, `vault operator init` output,
// Vault Agent), API bodies (GraphQL variables, multipart/form-data), MIME mail with
// base64 and quoted-printable parts and attachments, debug dumps of objects (Go %+v and
// %#v, Rust Debug, Lombok toString, Python repr, Kotlin data classes), telegraf's TOML
// arrays of tables and Fluentd's directives, Jenkins configuration as code and job XML,
// SOAP WS-Security and JSON-RPC logins, password-manager exports (Bitwarden and Chrome
// CSV, KeePass XML), crontabs and Task Scheduler XML, Tomcat/Jetty/ActiveMQ user files,
// and prose in Tamil, Khmer, Basque, Malay and Albanian (a) and Amharic, Armenian,
// Mongolian, Lithuanian and Sinhala (b). Hard negatives in the same shapes: public keys
// (WireGuard, SSH, PGP, age recipients), certificate data, password hashes (SCRAM, md5,
// sha256, bcrypt, crypt), Jenkins' encrypted {AQAAABAAAAAQ…} values, PasswordDigest and
// nonces, documented defaults (testing123, foobared), checksums, digests, references.
// Labelling policy is held4's (held4.go); a value stored in a reversible encoding
// (base64, FileZilla, unattend.xml, GPP cpassword) is labelled a secret as it stands,
// since anyone reading the file has the password.

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
)

var h9provs = []h5prov{
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }, []string{"aws_access_key_id", "AwsKeyId"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }, []string{"github_token", "GhToken"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"gh_pat"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "glrt-") + g.s(alnum+"-_", 20) }, []string{"gitlab_token"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"slack_token"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 97) }, []string{"stripe_api_key", "StripeKey"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"openai_api_key", "OpenAiKey"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"anthropic_api_key"}},
	{"deepseek", func(g *gen) string { return "sk-" + g.s(hexd, 32) }, []string{"deepseek_api_key", "LlmKey"}},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }, []string{"openrouter_key"}},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }, []string{"xai_api_key", "GrokKey"}},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }, []string{"pplx_api_key"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"replicate_api_token"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"google_api_key", "MapsKey"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"sendgrid_api_key"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"npm_token"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"hf_token"}},
	{"tailscale", func(g *gen) string {
		return "tskey-" + g.pick("auth", "api") + "-k" + g.s(alnum, 10) + "CNTRL-" + g.s(alnum, 32)
	}, []string{"ts_authkey", "TailscaleKey"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"grafana_sa_token"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"pulumi_access_token"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"supabase_access_token"}},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum, 24) }, []string{"vault_token"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"do_token"}},
	{"jwt", func(g *gen) string {
		e := base64.RawURLEncoding.EncodeToString
		return e([]byte(`{"alg":"RS256","kid":"`+g.s(alnum, 10)+`"}`)) + "." + e([]byte(fmt.Sprintf(`{"sub":"%s","aud":"api","exp":%d}`, g.s(lower, 7), 1790000000+g.r.IntN(1e7)))) + "." + g.s(urlb64, 86)
	}, []string{"access_token", "BearerJwt"}},
}

func (g *gen) h9tok() (name, value string, p plant) {
	t := h9provs[g.r.IntN(len(h9provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.fam, v)
}

// h9prefixed is a provider value whose shape names its provider (no bare hex), for
// places where no key name stands next to it.
func (g *gen) h9prefixed() (string, plant) {
	t := h9provs[g.r.IntN(len(h9provs))]
	v := t.mk(g)
	return v, secret(t.fam, v)
}

// h9pass is a password a person or a generator chose. Its symbols are safe in URLs,
// XML, single-quoted shell and crontabs (no % @ : / # & < " ' \ or blank), so every
// template can carry it unescaped.
func (g *gen) h9pass() string {
	words := []string{"Baobab", "Cardamom", "Fjord", "Ibis", "Lichen", "Mangrove", "Ocelot", "Pelican", "Sorrel", "Tapir", "Umber", "Yarrow"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.s(digits, 2+g.r.IntN(3)) + g.pick("!", "*", "^", "+") + g.pick(words...)
	case 1:
		return strings.ToLower(g.pick(words...)) + "-" + strings.ToLower(g.pick(words...)) + "-" + g.s(digits, 3)
	case 2:
		return g.s(alnum, 5) + g.pick("!", "*", "^") + g.s(alnum, 5) + g.pick("+", "-", "_") + g.s(digits, 2)
	case 3:
		return g.pick("Harvest", "Monsoon", "Solstice", "Equinox") + g.pick("2026", "27") + g.pick("!", "*", "+")
	}
	return g.s(alnum, 18+g.r.IntN(14))
}

// h9rand is a machine-generated shared secret.
func (g *gen) h9rand() string { return g.s(alnum, 24+g.r.IntN(16)) }

var h9first = []string{"arjun", "kavya", "sokha", "dara", "itziar", "aitor", "nurul", "hafiz", "arben", "elira", "abebe", "selam", "anush", "tigran", "bat-erdene", "saraa", "rokas", "egle", "nimal", "dilini"}
var h9domains = []string{"rediffmail.com", "camnet.com.kh", "euskaltel.net", "tm.net.my", "albmail.al", "ethionet.et", "arminco.com", "mobinet.mn", "takas.lt", "sltnet.lk", "yahoo.com", "outlook.com", "gmail.com"}

func (g *gen) h9email() string {
	return g.pick(h9first...) + g.pick(".", "_", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h9domains...)
}

func (g *gen) h9phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(6) {
	case 0:
		return "+91 9" + d(4) + " " + d(5)
	case 1:
		return "+855 1" + d(1) + " " + d(3) + " " + d(3)
	case 2:
		return "+60 1" + d(1) + "-" + d(3) + " " + d(4)
	case 3:
		return "+251 9" + d(2) + " " + d(3) + " " + d(3)
	case 4:
		return "+374 9" + d(1) + " " + d(6)
	}
	return "+370 6" + d(2) + " " + d(5)
}

func (g *gen) h9host() string {
	return g.pick("vpn", "mq", "db", "cache", "ci", "sip") + "-" + g.pick("1", "2", "b") + "." + g.pick("prod", "dc1", "edge") + "." + g.pick("corp.example", "lan", "internal")
}

func (g *gen) h9user() string {
	return g.pick("svc_", "app", "ops.", "deploy", "report_") + g.s(lower, 3+g.r.IntN(3))
}

// h9neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h9neg() string {
	switch g.r.IntN(16) {
	case 0:
		return g.s(hexd, 64) // a sha256 digest
	case 1:
		return g.h5uuid()
	case 2:
		return "sha256:" + g.s(hexd, 64)
	case 3:
		return "$2b$12$" + g.s(alnum+"./", 53) // a bcrypt hash
	case 4:
		return g.pick("<password>", "CHANGE_ME", "your-api-key", "xxxxxxxxxxxxxxxx", "********", "REDACTED", "{{ vault_password }}", "%(secret)s")
	case 5:
		return "${" + g.pick("DB_PASSWORD", "env.API_TOKEN", "secrets.KEY") + "}"
	case 6:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "testing123", "foobared")
	case 7:
		return g.s(hexd, 40) // a commit id
	case 8:
		return "SCRAM-SHA-256$4096:" + base64.StdEncoding.EncodeToString(g.h8bytes(16)) + "$" + base64.StdEncoding.EncodeToString(g.h8bytes(32)) + ":" + base64.StdEncoding.EncodeToString(g.h8bytes(32))
	case 9:
		return "md5" + g.s(hexd, 32)
	case 10:
		return "v" + fmt.Sprint(1+g.r.IntN(3)) + "." + fmt.Sprint(g.r.IntN(30)) + "." + fmt.Sprint(g.r.IntN(40))
	case 11:
		return g.pick("sk-", "ghp_", "hvs.", "xoxb-") + strings.Repeat("*", 16)
	case 12:
		return "{AQAAABAAAAAQ" + base64.StdEncoding.EncodeToString(g.h8bytes(48)) + "}" // Jenkins-encrypted
	case 13:
		return "vault:secret/data/" + g.pick("prod", "ci") + "/" + g.pick("db", "smtp") + "#password"
	case 14:
		return "age1" + strings.ToLower(g.s(h5bech, 58)) // an age recipient (public)
	}
	return base64.StdEncoding.EncodeToString(g.h8bytes(32)) // e.g. a public key
}

// h9negSlot labels a negative put where a name says secret: random hex, a UUID or a
// digest may be the secret itself there, and Jenkins' {AQAAAB…} values are encrypted
// with a key kept on the same controller (leakwatch reports them on purpose), so these
// count neither way.
func h9negSlot(v string) []plant {
	switch {
	case strings.HasPrefix(v, "{AQAAAB"):
		return []plant{neutral("encrypted", v)}
	case strings.HasPrefix(v, "sha256:"):
		return []plant{neutral("ambiguous", v)}
	case len(v) >= 16 && strings.Trim(strings.ToLower(v), "0123456789abcdef-") == "":
		return []plant{neutral("ambiguous", v)}
	case len(v) == 44 && strings.HasSuffix(v, "="):
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

// h9wgKey is a Curve25519 key as wg(8) prints it: 32 bytes in standard base64.
func (g *gen) h9wgKey() string { return base64.StdEncoding.EncodeToString(g.h8bytes(32)) }

// h9utf16b64 is base64 of s in UTF-16LE, as unattend.xml stores a password (with the
// element name appended) when PlainText is false.
func h9utf16b64(s string) string {
	u := utf16.Encode([]rune(s))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// h9gppKey is the AES-256 key Microsoft published for Group Policy Preferences
// passwords ([MS-GPPREF] 2.2.1.1.4), which makes every cpassword readable.
var h9gppKey = []byte{
	0x4e, 0x99, 0x06, 0xe8, 0xfc, 0xb6, 0x6c, 0xc9, 0xfa, 0xf4, 0x93, 0x10, 0x62, 0x0f, 0xfe, 0xe8,
	0xf4, 0x96, 0xe8, 0x06, 0xcc, 0x05, 0x79, 0x90, 0x20, 0x9b, 0x09, 0xa4, 0x33, 0xb6, 0x6c, 0x1b,
}

// h9cpassword encrypts pw as GPP does: UTF-16LE, AES-256-CBC with a zero IV, PKCS#7
// padding, base64 without its trailing '='.
func h9cpassword(pw string) string {
	u := utf16.Encode([]rune(pw))
	b := make([]byte, 2*len(u))
	for i, c := range u {
		binary.LittleEndian.PutUint16(b[2*i:], c)
	}
	pad := aes.BlockSize - len(b)%aes.BlockSize
	for i := 0; i < pad; i++ {
		b = append(b, byte(pad))
	}
	blk, err := aes.NewCipher(h9gppKey)
	if err != nil {
		panic(err) // a fixed 32-byte key
	}
	cipher.NewCBCEncrypter(blk, make([]byte, aes.BlockSize)).CryptBlocks(b, b)
	return strings.TrimRight(base64.StdEncoding.EncodeToString(b), "=")
}

// h9pemB64 is a PEM private key base64-encoded as one string, as kubeconfig's
// client-key-data holds it.
func (g *gen) h9pemB64() string {
	return base64.StdEncoding.EncodeToString([]byte(strings.Join(g.h6pem(g.pick("RSA PRIVATE KEY", "EC PRIVATE KEY")), "\n") + "\n"))
}

// h9certB64 is a certificate base64-encoded the same way: public, not a secret.
func (g *gen) h9certB64() string {
	return base64.StdEncoding.EncodeToString([]byte(strings.Join(g.h6pem("CERTIFICATE"), "\n") + "\n"))
}

func (g *gen) h9ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func h9pw(v string) plant   { return secret("password", v) }
func h9gen(v string) plant  { return secret("generic", v) }
func h9mail(v string) plant { return pii("email", v) }
func h9tel(v string) plant  { return pii("phone", v) }

// h9wrap splits s into lines of n characters, as MIME base64 bodies are written.
func h9wrap(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}
