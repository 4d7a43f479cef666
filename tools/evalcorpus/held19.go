package main

// held19 is a twentieth split in two halves, like held9..held18: "held19a" may be tuned
// on, "held19b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class; variant a goes to held19a and variant b to held19b, each
// half with its own seed. Written from the formats' own documentation and knowledge of
// real files, without reading the rules, their examples or the detector's output on any
// split; the other splits' templates were read only to choose shapes they do not cover
// and to reuse the framework's helpers.
//
// Shapes: knowledge bases (a Notion Markdown export against an Obsidian vault note),
// project boards (a Trello board JSON export against an Asana CSV export), messenger
// exports (a Viber chat CSV in Bengali, Persian, Greek and Tagalog against a Threema chat
// text in Thai, Hebrew, Ukrainian and Urdu), amateur radio (Pat Winlink config.json
// against a Pi-Star MMDVMHost.ini), point of sale (a receipt journal against an ISO 8583
// terminal trace), Apple projects (an Xcode .xcscheme against an .xcconfig), publishing
// platforms (Ghost config.production.json against Wiki.js config.yml), groupware
// servers (a Domino DXL export against `zmlocalconfig -s`), COBOL (a copybook with its
// fixed-width data against a program's WORKING-STORAGE), HR exports (an HRIS CSV against
// a Workday-style worker XML), desktop app packaging (electron-builder.yml against a Tauri
// config with its signing environment and notarytool), microcontroller firmware
// (arduino_secrets.h against platformio.ini), GIS (a QGIS .qgs project against a
// GeoServer datastore.xml), plain-text accounting (Beancount against hledger), travel
// (an Amadeus PNR display against a hotel PMS reservation CSV), browser data (a Netscape
// bookmarks.html against a Firefox session store), boot loaders (an iPXE script against
// grub.cfg), Kubernetes distributions (a Talos machine config against RKE2's config and
// registries.yaml), hypervisors (a Proxmox VE shell session against govc/PowerCLI
// files), trading (a Freqtrade config.json against a QuickFIX settings file with its FIX
// message log).
// PII: e-mails (and the PNR's // notation), phones of eleven countries, Luhn-valid cards
// (plain, grouped and in track 2 data), IBANs of eleven countries, national ids with
// their check digits (Aadhaar's Verhoeff digit, Thai, Israeli, Iranian, Greek AMKA,
// Ukrainian RNOKPP, Kazakh IIN). Passwords carry & % # ; " ' \ and spaces wherever the
// host format can hold them, escaped as the format writes them (JSON, XML, YAML, CSV,
// shell, C, COBOL, libpq conninfo, PowerShell, percent-encoding); where it cannot, the
// password is of the characters it can. Hard negatives in the same shapes: masked PANs
// and test cards, PIN blocks and key check values, password hashes (Domino's, argon2,
// crypt, GRUB's PBKDF2: neutral), GeoServer crypt1/crypt2 values, public keys and
// fingerprints (Tauri's updater key, PBS fingerprints, Mapbox pk. tokens: neutral),
// the APRS-IS passcode (computable from the callsign: neutral), Winlink's documented
// CMSTelnet login, passport numbers (no check digit: neutral), UUIDs, template and
// environment references in each tool's notation, placeholders and documented example
// keys. Labelling policy is held4's (held4.go).

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h19pass is a password a person or a generator chose; it may hold any of
// & % # ; " ' \ and spaces, so every template escapes it for its format.
func (g *gen) h19pass() string {
	word := func() string {
		return g.pick("Sylhet", "Tabriz", "Patras", "Cebu", "Lampang", "Haifa", "Lviv", "Multan", "Shymkent", "Khulna", "Shiraz", "Volos", "Davao", "Udon", "Eilat", "Odesa", "Sialkot", "Taraz", "Padma", "Zagros")
	}
	sym := func() string {
		return g.pick("!", "#", "%", "&", ";", `"`, "'", `\`, "*", "?", "@", "$", "^", "+", "=")
	}
	switch g.r.IntN(8) {
	case 0:
		return word() + sym() + g.s(digits, 2+g.r.IntN(3))
	case 1:
		return strings.ToLower(word()) + " " + strings.ToLower(word()) + " " + g.s(digits, 2) + sym()
	case 2:
		return g.s(alnum, 14+g.r.IntN(10))
	case 3:
		return g.s(alnum, 4) + sym() + g.s(alnum, 6) + sym() + g.s(digits, 2)
	case 4:
		return word() + g.s(digits, 2) + "&" + strings.ToLower(word())
	case 5:
		return g.s(alnum+`!#%&;"'\*+,-./:<=>?@[]^_{|}~`, 16+g.r.IntN(8))
	case 6:
		return strings.ToUpper(g.s(lower, 1)) + g.s(lower, 5) + g.pick("#", "%", ";") + g.s(digits, 4)
	}
	return word() + g.pick("2025", "2026", "19", "77") + sym()
}

// h19passNo is a password without any of the characters in bad, for a place that cannot
// hold them (a value split on blanks, a comment marker, a delimiter).
func (g *gen) h19passNo(bad string) string {
	for {
		p := strings.Map(func(r rune) rune {
			if strings.ContainsRune(bad, r) {
				return -1
			}
			return r
		}, g.h19pass())
		if len(p) >= 8 {
			return p
		}
	}
}

// h19rand is a machine-generated shared secret.
func (g *gen) h19rand() string {
	switch g.r.IntN(3) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(32, 33, 48)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	}
	return g.s(alnum, 28+g.r.IntN(20))
}

// ---- escapes, each as the format writes it ----

var (
	h19jsR   = strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	h19attrR = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")
	h19textR = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
)

// h19js escapes s for a JSON, YAML double-quoted or C string.
func h19js(s string) string { return h19jsR.Replace(s) }

// h19attr escapes s for an XML attribute.
func h19attr(s string) string { return h19attrR.Replace(s) }

// h19text escapes s for XML character data.
func h19text(s string) string { return h19textR.Replace(s) }

// h19sq doubles single quotes (YAML single-quoted scalars, COBOL and PowerShell literals).
func h19sq(s string) string { return strings.ReplaceAll(s, "'", "''") }

// h19sh is s inside a POSIX shell single-quoted word (without the outer quotes).
func h19sh(s string) string { return strings.ReplaceAll(s, "'", `'\''`) }

// h19csv is a CSV field: quoted with doubled quotes when it holds , " ; or a blank.
func h19csv(s string) string {
	if strings.ContainsAny(s, `,";' `) {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// h19csvIn is the part of a CSV field that stands for s (its quotes left out).
func h19csvIn(s string) string { return strings.ReplaceAll(s, `"`, `""`) }

// h19pct percent-encodes every byte but the unreserved ones, as encodeURIComponent
// and most URL builders write a userinfo password.
func h19pct(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// h19conninfo escapes s for a libpq keyword/value conninfo value in single quotes.
func h19conninfo(s string) string { return strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) }

// ---- pools ----

var h19orgs = []string{"dhaka-textiles.com.bd", "shiraz-pakhsh.ir", "patras-ferries.gr", "cebu-logistics.ph", "lampang-tea.co.th", "haifa-robotics.co.il", "lviv-soft.com.ua", "multan-pay.pk", "shymkent-grain.kz", "example.net"}

func (g *gen) h19host() string {
	return g.pick("db", "pg", "mysql", "api", "vc", "pve", "smtp", "mail", "ldap", "gis", "pos", "fix", "reg", "boot", "wiki") + g.pick("", "1", "02", "-prod", "-dr", "-lab") + "." + g.pick(h19orgs...)
}

// h19ip is a private IPv4 address.
func (g *gen) h19ip() string {
	return fmt.Sprintf("%s.%d.%d.%d", g.pick("10", "172", "192"), g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250))
}

func (g *gen) h19user() string {
	return g.pick("svc_", "app_", "", "ops_", "int_", "gis_") + g.pick("payroll", "pos", "ledger", "booking", "maps", "boards", "fleet", "wiki", "deploy", "trader")
}

var h19first = []string{"rahim.uddin", "tasnim", "farhad", "niloufar.r", "dimitris.p", "eleni.k", "jose.reyes", "maricel", "somchai.k", "nattaya", "yossi.c", "noa.levi", "oksana.h", "taras", "ayesha.k", "bilal.q", "aigerim", "nurlan.s", "shirin", "kostas"}
var h19domains = []string{"gmail.com", "yahoo.com", "outlook.com", "grameenphone.com", "chmail.ir", "otenet.gr", "yahoo.com.ph", "hotmail.co.th", "walla.co.il", "ukr.net", "i.ua", "cyber.net.pk", "mail.kz", "proton.me", "lviv-soft.com.ua", "cebu-logistics.ph"}

func (g *gen) h19email() string {
	return g.pick(h19first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h19domains...)
}

func (g *gen) h19phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(11) {
	case 0:
		return "+880 1" + g.pick("7", "8", "9", "5") + d(2) + "-" + d(6)
	case 1:
		return "+98 9" + d(2) + " " + d(3) + " " + d(4)
	case 2:
		return "+30 69" + d(1) + " " + d(3) + " " + d(4)
	case 3:
		return "+63 9" + d(2) + " " + d(3) + " " + d(4)
	case 4:
		return "+66 8" + d(1) + " " + d(3) + " " + d(4)
	case 5:
		return "+972 5" + d(1) + "-" + d(3) + "-" + d(4)
	case 6:
		return "+380 " + g.pick("67", "50", "63", "97") + " " + d(3) + " " + d(2) + " " + d(2)
	case 7:
		return "+92 3" + d(2) + " " + d(7)
	case 8:
		return "+91 " + g.pick("9", "8", "7") + d(4) + " " + d(5)
	case 9:
		return "+7 7" + d(2) + " " + d(3) + " " + d(4)
	}
	return "+62 8" + d(2) + "-" + d(4) + "-" + d(4)
}

// h19iban is an IBAN with valid check digits of one of eleven countries.
func (g *gen) h19iban() string {
	d := func(n int) string { return g.s(digits, n) }
	L := func(n int) string { return g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", n) }
	switch g.r.IntN(11) {
	case 0:
		return ibanWith("GR", d(7)+d(16))
	case 1:
		return ibanWith("UA", d(6)+d(19))
	case 2:
		return ibanWith("IL", d(19))
	case 3:
		return ibanWith("PK", L(4)+d(16))
	case 4:
		return ibanWith("AE", d(19))
	case 5:
		return ibanWith("SA", d(2)+d(18))
	case 6:
		return ibanWith("QA", L(4)+d(21))
	case 7:
		return ibanWith("CY", d(8)+d(16))
	case 8:
		return ibanWith("RO", L(4)+d(16))
	case 9:
		return ibanWith("JO", L(4)+d(4)+d(18))
	}
	return ibanWith("IR", d(22))
}

// ---- national ids, each with its check digit ----

var (
	h19vD = [10][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}}
	h19vP = [8][10]int{{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}}
	h19vI = [10]int{0, 4, 3, 2, 1, 5, 6, 7, 8, 9}
)

// h19verhoeff is the Verhoeff check digit of body.
func h19verhoeff(body string) int {
	c := 0
	for i := 0; i < len(body); i++ {
		c = h19vD[c][h19vP[(i+1)%8][body[len(body)-1-i]-'0']]
	}
	return h19vI[c]
}

// h19aadhaar is an Indian Aadhaar number (first digit 2-9, Verhoeff check) in groups of four.
func (g *gen) h19aadhaar() string {
	b := g.s("23456789", 1) + g.s(digits, 10)
	n := b + fmt.Sprint(h19verhoeff(b))
	return n[:4] + " " + n[4:8] + " " + n[8:]
}

// h19thai is a Thai national id N-NNNN-NNNNN-NN-C, C = (11 - sum(d_i * (13-i)) mod 11) mod 10.
func (g *gen) h19thai() string {
	b := g.s("12345678", 1) + g.s(digits, 11)
	s := 0
	for i := 0; i < 12; i++ {
		s += int(b[i]-'0') * (13 - i)
	}
	n := b + fmt.Sprint((11-s%11)%10)
	return n[:1] + "-" + n[1:5] + "-" + n[5:10] + "-" + n[10:12] + "-" + n[12:]
}

// h19israeli is an Israeli Teudat Zehut: eight digits and a Luhn check digit.
func (g *gen) h19israeli() string {
	b := g.s("0123", 1) + g.s(digits, 7)
	return b + string(luhnDigit(b))
}

// h19melli is an Iranian national code NNN-NNNNNN-C: r = sum(d_i * (10-i)) mod 11,
// C = r when r < 2, else 11 - r.
func (g *gen) h19melli() string {
	b := g.s("0123456789", 1) + g.s(digits, 8)
	s := 0
	for i := 0; i < 9; i++ {
		s += int(b[i]-'0') * (10 - i)
	}
	c := s % 11
	if c >= 2 {
		c = 11 - c
	}
	n := b + fmt.Sprint(c)
	return n[:3] + "-" + n[3:9] + "-" + n[9:]
}

// h19amka is a Greek AMKA: the birth date DDMMYY, four digits and a Luhn check digit.
func (g *gen) h19amka() string {
	b := fmt.Sprintf("%02d%02d%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(100)) + g.s(digits, 4)
	return b + string(luhnDigit(b))
}

// h19rnokpp is a Ukrainian RNOKPP: days since 1899-12-31, four digits and
// C = (sum(d_i * w_i) mod 11) mod 10 with w = -1 5 7 9 4 6 10 5 7.
func (g *gen) h19rnokpp() string {
	b := fmt.Sprint(20000+g.r.IntN(19000)) + g.s(digits, 4)
	s := 0
	for i, w := range []int{-1, 5, 7, 9, 4, 6, 10, 5, 7} {
		s += int(b[i]-'0') * w
	}
	return b + fmt.Sprint(((s%11)+11)%11%10)
}

// h19iin is a Kazakh IIN YYMMDD C NNNN K: K from weights 1..11 mod 11, then 3..11,1,2
// when that gives 10; a body giving 10 twice is never issued.
func (g *gen) h19iin() string {
	for {
		b := fmt.Sprintf("%02d%02d%02d", g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.s("3456", 1) + g.s(digits, 4)
		if c := h19iinCheck(b); c < 10 {
			return b + fmt.Sprint(c)
		}
	}
}

func h19iinCheck(b string) int {
	for _, start := range []int{1, 3} {
		s := 0
		for i := 0; i < 11; i++ {
			s += int(b[i]-'0') * ((start+i-1)%11 + 1)
		}
		if s%11 != 10 {
			return s % 11
		}
	}
	return 10
}

// h19nid is a national id of one of seven countries and its id type's name.
func (g *gen) h19nid() (string, string) {
	switch g.r.IntN(7) {
	case 0:
		return g.h19aadhaar(), "IN_AADHAAR"
	case 1:
		return g.h19thai(), "TH_NATIONAL_ID"
	case 2:
		return g.h19israeli(), "IL_TZ"
	case 3:
		return g.h19melli(), "IR_MELLI"
	case 4:
		return g.h19amka(), "GR_AMKA"
	case 5:
		return g.h19rnokpp(), "UA_RNOKPP"
	}
	return g.h19iin(), "KZ_IIN"
}

// ---- provider tokens from their documented shapes ----

var h19provs = []h5prov{
	{"aws", func(g *gen) string { return g.h15awsID() }, []string{"AWS_ACCESS_KEY_ID"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }, []string{"GITHUB_TOKEN", "GH_TOKEN"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GH_PAT"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xapp-1-A" + g.s(upperD, 10) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 64)
	}, []string{"SLACK_APP_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }, []string{"STRIPE_SECRET_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_API_KEY"}},
	{"discord", func(g *gen) string {
		return base64.RawStdEncoding.EncodeToString([]byte(fmt.Sprint(1+g.r.IntN(9))+g.s(digits, 17+g.r.IntN(2)))) + "." + g.s(urlb64, 6) + "." + g.s(urlb64, 38)
	}, []string{"DISCORD_BOT_TOKEN"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"TELEGRAM_BOT_TOKEN"}},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }, []string{"SQUARE_ACCESS_TOKEN"}},
	{"paypal", func(g *gen) string {
		return "access_token$production$" + g.s(lower+digits, 16) + "$" + g.s(hexd, 32)
	}, []string{"BRAINTREE_ACCESS_TOKEN"}},
	{"mapbox", func(g *gen) string {
		return "sk.eyJ1Ijoi" + base64.RawURLEncoding.EncodeToString([]byte(g.h19user()+`","a":"`+g.s(lower+digits, 25)+`"}`)) + "." + g.s(urlb64, 22)
	}, []string{"MAPBOX_SECRET_TOKEN"}},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 180) + "=" + strings.ToUpper(g.s(hexd, 8)) }, []string{"JIRA_API_TOKEN"}},
	{"okta", func(g *gen) string { return "00" + g.s(urlb64, 40) }, []string{"OKTA_API_TOKEN"}},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }, []string{"REPLICATE_API_TOKEN"}},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }, []string{"XAI_API_KEY"}},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }, []string{"PPLX_API_KEY"}},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }, []string{"OPENROUTER_API_KEY"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"FIGMA_TOKEN"}},
	{"netlify", func(g *gen) string { return "nfp_" + g.s(alnum, 36) }, []string{"NETLIFY_AUTH_TOKEN"}},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }, []string{"GRAFANA_TOKEN"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(lower+digits, 32) }, []string{"MAILGUN_API_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"NPM_TOKEN"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DIGITALOCEAN_TOKEN"}},
	{"shopify", func(g *gen) string { return "shpat_" + g.s(hexd, 32) }, []string{"SHOPIFY_ACCESS_TOKEN"}},
	{"jwt", func(g *gen) string { return g.h19jwt() }, []string{"ACCESS_JWT"}},
}

func (g *gen) h19tok() (name, value string, p plant) {
	t := h19provs[g.r.IntN(len(h19provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.fam, v)
}

// h19jwt is a signed JWT of one of these services.
func (g *gen) h19jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"`+g.pick("HS256", "RS256", "ES256", "EdDSA")+`","typ":"JWT"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"sub":"%s","aud":"%s","iat":%d}`, g.h19user(), g.h19host(), 1780000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h19neg is a value in a secret's slot that is not one; the plants label the ones that
// are ambiguous (a hash, an identifier, a public key there) neutral.
func (g *gen) h19neg() (string, []plant) {
	switch g.r.IntN(12) {
	case 0:
		return g.pick("xai-", "pplx-", "sk-or-v1-", "figd_", "nfp_", "EAAA", "r8_") + g.s(alnum, 3) + strings.Repeat(g.pick("*", "x", "•"), 10+g.r.IntN(12)), nil
	case 1:
		return g.pick("<ENTER_PASSWORD>", "your-password-here", "PASSWORD_HERE", "set-in-vault", "REPLACE_ME", "N/A", "changeit", "<redacted>", "**********"), nil
	case 2:
		v := "$argon2id$v=19$m=65536,t=3,p=4$" + g.s(b64[:62], 22) + "$" + g.s(b64[:62], 43)
		return v, []plant{neutral("hash", v)}
	case 3:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 4:
		v := g.s(hexd, 40)
		return v, []plant{neutral("hash", v)}
	case 5:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "xoxb-not-a-real-token", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), nil
	case 6:
		return g.pick("${DB_PASSWORD}", "%DB_PASSWORD%", "{{ secrets.API_TOKEN }}", "$(cat /run/secrets/db)", "env:API_KEY", "${env:SECRET_KEY}"), nil
	case 7:
		v := "pk.eyJ1Ijoi" + base64.RawURLEncoding.EncodeToString([]byte(g.h19user()+`","a":"`+g.s(lower+digits, 25)+`"}`)) + "." + g.s(urlb64, 22)
		return v, []plant{neutral("public-key", v)}
	case 8:
		return g.pick("4111111111111111", "4242424242424242", "5555555555554444"), nil
	case 9:
		v := g.h16crypt()
		return v, []plant{neutral("hash", v)}
	case 10:
		v := g.pick("sk_test_", "rk_test_") + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	}
	return g.h18neg()
}

// h19pv is a password in a password's slot, or now and then a value that is none;
// esc is the format's escape, applied to both.
func (g *gen) h19pv(esc func(string) string) (string, []plant) {
	if g.r.IntN(5) == 0 {
		v, ps := g.h19neg()
		return esc(v), h18esc(esc, ps)
	}
	pw := esc(g.h19pass())
	return pw, []plant{h15pw(pw)}
}

// h19tv is a provider token in a token's slot, or now and then a value that is none.
func (g *gen) h19tv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h19neg()
	}
	_, v, p := g.h19tok()
	return v, []plant{p}
}

func h19id(v string) plant { return neutral("id", v) }

func (g *gen) h19name() (first, last string) {
	i := g.r.IntN(12)
	return []string{"Rahim", "Tasnim", "Farhad", "Niloufar", "Dimitris", "Eleni", "Maricel", "Somchai", "Noa", "Oksana", "Ayesha", "Aigerim"}[i],
		[]string{"Uddin", "Akter", "Rezaei", "Karimi", "Papadopoulos", "Konstantinou", "Dela Cruz", "Kittisak", "Levi", "Hnatyuk", "Qureshi", "Nurlanovna"}[i]
}

func (g *gen) h19date() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

// h19say is a message in one of langs and the plants of what it carries.
func (g *gen) h19say(langs []h18lang) (string, []plant) {
	nid := func() string { id, _ := g.h19nid(); return id }
	return g.sayIn(langs, sayPool{g.h19pass, g.h19phone, g.h19email, g.h19iban, nid, g.h19tok})
}

// Viber's half: Bengali, Persian, Greek, Tagalog.
var h19viberLangs = []h18lang{
	{"সার্ভারের পাসওয়ার্ড হলো", "আমার ফোন নম্বর:", "আমাকে ইমেইল করুন:", "ব্যাংক অ্যাকাউন্ট (IBAN):", "API কী:", "কার্ড নম্বর:", "জাতীয় পরিচয়পত্র নম্বর:", "পাসওয়ার্ড ভল্টে রাখা আছে, এখানে দেব না"},
	{"رمز عبور سرور:", "شماره تلفن من:", "به این ایمیل بفرستید:", "شماره شبا (IBAN):", "کلید API:", "شماره کارت:", "کد ملی:", "رمز را در گاوصندوق گذاشتم، اینجا نمی‌فرستم"},
	{"Ο κωδικός του διακομιστή είναι", "Το τηλέφωνό μου:", "Στείλε μου email στο", "Λογαριασμός (IBAN):", "Κλειδί API:", "Αριθμός κάρτας:", "ΑΜΚΑ:", "ο κωδικός είναι στο vault, δεν τον στέλνω εδώ"},
	{"Ang password ng server ay", "Ang numero ko:", "I-email mo ako sa", "Bank account (IBAN):", "API key:", "Numero ng card:", "ID number:", "nasa vault ang password, hindi ko ipapadala dito"},
}

// Threema's half: Thai, Hebrew, Ukrainian, Urdu.
var h19threemaLangs = []h18lang{
	{"รหัสผ่านเซิร์ฟเวอร์คือ", "เบอร์โทรของฉัน:", "ส่งอีเมลมาที่", "บัญชีธนาคาร (IBAN):", "คีย์ API:", "เลขบัตร:", "เลขบัตรประชาชน:", "รหัสผ่านอยู่ในตู้เซฟ ไม่ส่งในแชท"},
	{"הסיסמה לשרת היא", "הטלפון שלי:", "שלחו לי מייל ל-", "חשבון בנק (IBAN):", "מפתח API:", "מספר כרטיס:", "תעודת זהות:", "הסיסמה בכספת, לא שולח פה"},
	{"Пароль до сервера:", "Мій номер телефону:", "Напишіть мені на", "Рахунок (IBAN):", "Ключ API:", "Номер картки:", "РНОКПП:", "пароль у сховищі, сюди не надсилаю"},
	{"سرور کا پاس ورڈ ہے", "میرا فون نمبر:", "مجھے ای میل کریں:", "بینک اکاؤنٹ (IBAN):", "API کلید:", "کارڈ نمبر:", "شناختی نمبر:", "پاس ورڈ والٹ میں ہے، یہاں نہیں بھیجوں گا"},
}

// h19aprs is the APRS-IS passcode of a callsign (public algorithm: not a secret).
func h19aprs(call string) int {
	call = strings.ToUpper(call)
	if i := strings.IndexByte(call, '-'); i >= 0 {
		call = call[:i]
	}
	h := 0x73e2
	for i := 0; i < len(call); i += 2 {
		h ^= int(call[i]) << 8
		if i+1 < len(call) {
			h ^= int(call[i+1])
		}
	}
	return h & 0x7fff
}

func (g *gen) h19call() string {
	return g.pick("S2", "EP", "SV", "DU", "HS", "4X", "UR", "AP", "UN") + fmt.Sprint(g.r.IntN(10)) + strings.ToUpper(g.s(lower, 2+g.r.IntN(2)))
}

// h19track2 is a card's track 2 equivalent data (PAN, '=', YYMM, service code,
// discretionary data) and the card.
func (g *gen) h19track2(sep string) (string, string) {
	c := g.card(false)
	return c + sep + fmt.Sprintf("%02d%02d", 27+g.r.IntN(4), 1+g.r.IntN(12)) + g.pick("101", "201", "221") + g.s(digits, 8+g.r.IntN(6)), c
}

// h19k3s is a K3s/RKE2 cluster token: K10, the CA's SHA-256, ::server: and the secret.
func (g *gen) h19k3s(role string) (string, plant) {
	pw := g.s(hexd, 32)
	v := "K10" + g.s(hexd, 64) + "::" + role + ":" + pw
	return v, plant{family: "k3s", kind: "secret", value: v, core: pw}
}
