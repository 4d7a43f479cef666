package main

// held28 is a twenty-ninth split in two halves, like held9..held27: each family pairs two
// concrete shapes of one class; variant a goes to "held28a" and variant b to "held28b",
// each half with its own seed. Written from the formats' own documentation and knowledge
// of real files, without reading the rules, their examples, the detector's output on any
// split, or the generators of held19..held27; the older splits' templates (held9..held18)
// were read only for the framework's helpers and the labelling policy.
//
// Shapes: XMPP servers (prosody.cfg.lua against ejabberd.yml), Usenet downloaders
// (sabnzbd.ini against nzbget.conf), mesh VPN control planes (headscale config.yaml
// against NetBird management.json), authenticating proxies (oauth2-proxy.cfg against
// Pomerium config.yaml), photo libraries (PhotoPrism compose files against Immich .env),
// document archives (paperless.conf against Mayan EDMS config.yml), password manager
// exports (Bitwarden JSON against KeePassXC CSV with CRLF), federated apps (lemmy.hjson
// against PeerTube production.yaml), wiki engines (DokuWiki local.protected.php and
// users.auth.php against XWiki hibernate.cfg.xml and xwiki.cfg), remote access gateways
// (Guacamole user-mapping.xml against MeshCentral config.json), fax (iaxmodem and
// HylaFAX FaxDispatch against a SignalWire fax script), game backends (Unreal
// DefaultEngine.ini with EOS against a PlayFab/Unity server .env), solar monitoring
// (OpenDTU config.json against an Enphase Envoy poller), workflow engines (Cromwell
// application.conf against an Arvados submit script), browser testing (Playwright
// storageState.json against wdio.conf.js for BrowserStack and Sauce Labs), personal
// finance (Firefly III .env against an Actual Budget and SimpleFIN sync script), push
// servers (gorush config.yml against ntfy server.yml), fitness clubs (a Windows-1252
// SEPA member export against a club API capture), wedding planners' messages (a
// WhatsApp export in Cantonese, Low German and Hiligaynon against quoted-printable mail in
// Scots, Ewe and Crimean Tatar), choir and music school notices (an HTML newsletter in
// Neapolitan, Sranan Tongo and Taiwanese Hokkien against a sign-up form CSV with a BOM
// in Alsatian, Waray and Kirundi).
// PII: e-mails, phones of twelve countries in international and national formats (the
// national ones only under a phone name or after "my number is"), Luhn-valid cards,
// IBANs of ten countries, Hong Kong identity card numbers, Taiwanese national IDs, German
// tax IDs, Italian codici fiscali, French NIR and UK National Insurance numbers.
// Hard negatives in the same shapes: password hashes (bcrypt, crypt, DokuWiki's smd5,
// Guacamole's MD5: neutral), public keys (VAPID public keys, WireGuard/Noise public
// keys, SSH public keys), UUIDs and 40-hex values under secret names (neutral), test-mode
// keys (neutral), documented default passwords (neutral), placeholders, ${VAR} and
// env() references, masked values, documented example keys and processors' test cards.
// Labelling policy is held4's (held4.go) with held18's additions (held18.go): a value in a
// reversible encoding (percent-encoding, HTTP Basic base64, JSON or HTML escapes,
// quoted-printable) is a secret as it stands; a 32- or 40-hex value or a UUID under a
// secret name is neutral unless the format documents it as the secret.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h28pass is a password a person or a generator chose; none has '=' or quotes, so it
// survives quoted-printable, INI and CSV files as it stands.
func (g *gen) h28pass() string {
	word := func() string {
		return g.pick("Kowloon", "Tamsui", "Husum", "Leith", "Posillipo", "Paramaribo", "Iloilo", "Tacloban", "Kpalime", "Bujumbura", "Colmar", "Bakhchisaray", "Dundee", "Lamma", "Sylt", "Vesuvio", "Marowijne", "Bacolod", "Gitega", "Riquewihr")
	}
	shapes := [...]func() string{
		func() string { return word() + g.pick("!", "*", "#", "@", "+", "?") + g.s(digits, 2+g.r.IntN(3)) },
		func() string {
			return strings.ToLower(word()) + g.pick("_", "-", ".") + strings.ToLower(word()) + g.s(digits, 2)
		},
		func() string { return g.s(alnum, 14+g.r.IntN(12)) },
		func() string { return word() + g.pick("2026", "1987", "77", "!!") + g.pick("$", "%", "&", "!") },
		func() string {
			return g.s(alnum, 5) + g.pick("-", "~", "_", ".") + g.s(alnum, 7) + g.pick("!", "#", "")
		},
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h28plain is a password of letters and digits only (for shells and URLs unescaped).
func (g *gen) h28plain() string {
	if g.r.IntN(2) == 0 {
		return g.s(alnum, 16+g.r.IntN(10))
	}
	return g.pick("Kowloon", "Husum", "Iloilo", "Colmar", "Gitega", "Leith") + g.s(digits, 4) + g.pick("Tide", "Fjord", "Reef", "Dune")
}

// h28rand is a machine-generated shared secret.
func (g *gen) h28rand() string {
	switch g.r.IntN(3) {
	case 0:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 1:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(30, 33, 48)))
	}
	return g.s(alnum, 28+g.r.IntN(20))
}

var h28orgs = []string{"kowloon-media.hk", "tamsui-tech.tw", "husum-energie.de", "leith-data.co.uk", "posillipo-eventi.it", "paramaribo-net.sr", "iloilo-bpo.ph", "kpalime-coop.tg", "colmar-chorale.fr", "gitega-sante.bi", "example.net"}

func (g *gen) h28host() string {
	return g.pick("db", "pg", "mysql", "mongo", "redis", "smtp", "mail", "auth", "sso", "xmpp", "news", "vpn", "fax", "files", "photos") + g.pick("", "1", "02", "-prod", "-int", "-bk") + "." + g.pick(h28orgs...)
}

func (g *gen) h28user() string {
	return g.pick("svc_", "app_", "", "ro_", "ops_", "sync_") + g.pick("archive", "media", "choir", "members", "budget", "relay", "wiki", "fax", "builds", "telemetry")
}

var h28first = []string{"ka-wai.chan", "siu.ming", "chia-hui", "ah-bing", "hauke", "frauke.j", "ailsa", "callum.r", "gennaro", "assunta.e", "ramon.v", "joy.b", "kofi.a", "esi.m", "ayse.k", "emine", "marie-odile", "jean-luc.s", "nestor.v", "lorna", "ndayishimiye", "clarisse.n", "kwaku", "rinaldo"}
var h28domains = []string{"gmail.com", "yahoo.com.hk", "netvigator.com", "hinet.net", "gmx.de", "web.de", "btinternet.com", "libero.it", "yahoo.com.ph", "yahoo.fr", "orange.fr", "outlook.com", "proton.me", "sr.net", "ukr.net", "kowloon-media.hk", "husum-energie.de", "colmar-chorale.fr"}

func (g *gen) h28email() string {
	return g.pick(h28first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h28domains...)
}

// h28phone is a mobile number in international format.
func (g *gen) h28phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(12) {
	case 0:
		return "+852 " + g.pick("5", "6", "9") + d(3) + " " + d(4)
	case 1:
		return "+886 9" + d(2) + " " + d(3) + " " + d(3)
	case 2:
		return "+49 15" + d(1) + " " + d(8)
	case 3:
		return "+44 7" + d(3) + " " + d(6)
	case 4:
		return "+39 3" + d(2) + " " + d(3) + " " + d(4)
	case 5:
		return "+33 6 " + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 6:
		return "+63 9" + d(2) + " " + d(3) + " " + d(4)
	case 7:
		return "+597 8" + d(2) + "-" + d(4)
	case 8:
		return "+233 24 " + d(3) + " " + d(4)
	case 9:
		return "+257 79 " + d(2) + " " + d(2) + " " + d(2)
	case 10:
		return "+228 90 " + d(2) + " " + d(2) + " " + d(2)
	}
	return "+380 67 " + d(3) + " " + d(2) + " " + d(2)
}

// h28natPhone is a mobile number in one of seven countries' national formats.
func (g *gen) h28natPhone() string {
	return g.h28natPhoneOf(g.pick("hk", "tw", "de", "gb", "it", "fr", "ph"))
}

// h28natPhoneOf is a mobile number in country cc's national format.
func (g *gen) h28natPhoneOf(cc string) string {
	d := func(n int) string { return g.s(digits, n) }
	switch cc {
	case "hk":
		return g.pick("5", "6", "9") + d(3) + " " + d(4)
	case "tw":
		return "09" + d(2) + "-" + d(3) + "-" + d(3)
	case "de":
		return "015" + d(1) + " " + d(8)
	case "gb":
		return "07" + d(3) + " " + d(6)
	case "it":
		return "3" + d(2) + " " + d(3) + " " + d(4)
	case "fr":
		return "06 " + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case "gh":
		return "024 " + d(3) + " " + d(4)
	case "sr":
		return "8" + d(2) + "-" + d(4)
	case "bi":
		return "79 " + d(2) + " " + d(2) + " " + d(2)
	case "ua":
		return "067 " + d(3) + " " + d(2) + " " + d(2)
	}
	return "09" + d(2) + " " + d(3) + " " + d(4)
}

// h28anyPhone is a phone in either format, for places named as phones.
func (g *gen) h28anyPhone() string {
	if g.r.IntN(2) == 0 {
		return g.h28natPhone()
	}
	return g.h28phone()
}

// h28iban is an IBAN with valid check digits of one of ten countries.
func (g *gen) h28iban() string {
	d := func(n int) string { return g.s(digits, n) }
	U := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	switch g.r.IntN(10) {
	case 0:
		return ibanWith("DE", d(18))
	case 1:
		return ibanWith("IT", g.s(U, 1)+d(10)+d(12))
	case 2:
		return ibanWith("FR", d(23))
	case 3:
		return ibanWith("GB", g.pick("NWBK", "BARC", "LOYD", "RBOS")+d(14))
	case 4:
		return ibanWith("BE", d(12))
	case 5:
		return ibanWith("AT", d(16))
	case 6:
		return ibanWith("CH", d(17))
	case 7:
		return ibanWith("NL", g.pick("ABNA", "RABO", "INGB", "TRIO")+d(10))
	case 8:
		return ibanWith("LU", d(3)+d(13))
	}
	return ibanWith("IE", g.pick("AIBK", "BOFI")+d(14))
}

// h28hkid is a Hong Kong identity card number A123456(7): weights 9 (a blank, 36) and 8
// for the letters, 7..2 for the digits; the check is 11 - sum mod 11, 10 written 'A'.
func (g *gen) h28hkid() string {
	l := g.pick("A", "C", "D", "E", "G", "H", "K", "M", "P", "R", "V", "Y", "Z")
	ds := g.s(digits, 6)
	return l + ds + "(" + h28hkidCheck(l, ds) + ")"
}

func h28hkidCheck(l, ds string) string {
	s := 36*9 + (int(l[0]-'A')+10)*8
	for i := 0; i < 6; i++ {
		s += int(ds[i]-'0') * (7 - i)
	}
	c := (11 - s%11) % 11
	if c == 10 {
		return "A"
	}
	return fmt.Sprint(c)
}

// h28twid is a Taiwanese national ID: a letter (its two-digit code weighted 1 and 9),
// a sex digit 1 or 2, seven digits (weights 8..1 from the sex digit) and a check digit
// making the sum a multiple of ten.
func (g *gen) h28twid() string {
	const letters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
	i := g.r.IntN(len(letters))
	code := 10 + i
	body := g.pick("1", "2") + g.s(digits, 7)
	s := code/10 + (code%10)*9
	for j := 0; j < 8; j++ {
		s += int(body[j]-'0') * (8 - j)
	}
	return string(letters[i]) + body + fmt.Sprint((10-s%10)%10)
}

// h28steuerID is a German tax identification number: ten digits, the first not 0, one
// digit twice and one missing, then an ISO 7064 MOD 11,10 check digit.
func (g *gen) h28steuerID() string {
	for {
		ds := []byte(digits)
		g.r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		ds = ds[:9]
		ds = append(ds, ds[g.r.IntN(9)])
		g.r.Shuffle(len(ds), func(i, j int) { ds[i], ds[j] = ds[j], ds[i] })
		if ds[0] == '0' {
			continue
		}
		return string(ds) + fmt.Sprint(h28mod1110(string(ds)))
	}
}

func h28mod1110(body string) int {
	p := 10
	for i := 0; i < len(body); i++ {
		s := (int(body[i]-'0') + p) % 10
		if s == 0 {
			s = 10
		}
		p = s * 2 % 11
	}
	c := 11 - p
	if c == 10 {
		c = 0
	}
	return c
}

// h28codiceFiscale is an Italian tax code: surname and name consonants, year, month
// letter, day (+40 for women), a Campanian comune's code and the check letter.
func (g *gen) h28codiceFiscale() string {
	cons := "BCDFGHLMNPRSTVZ"
	day := 1 + g.r.IntN(28)
	if g.r.IntN(2) == 0 {
		day += 40
	}
	body := g.s(cons, 3) + g.s(cons, 3) + fmt.Sprintf("%02d", 50+g.r.IntN(50)) + string("ABCDEHLMPRST"[g.r.IntN(12)]) + fmt.Sprintf("%02d", day) + g.pick("F839", "H703", "A783", "B963", "L245", "F799")
	return body + string(h28cfCheck(body))
}

func h28cfCheck(body string) byte {
	odd := []int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}
	s := 0
	for i := 0; i < len(body); i++ {
		c := body[i]
		v := 0
		if c >= '0' && c <= '9' {
			v = int(c - '0')
		} else {
			v = int(c - 'A')
		}
		if i%2 == 0 {
			s += odd[v]
		} else {
			s += v
		}
	}
	return byte('A' + s%26)
}

// h28nir is a French social security number with its key 97 - n mod 97, spaced as on a
// carte Vitale.
func (g *gen) h28nir() string {
	dep := g.pick("67", "68", "57", "75", "69", "13")
	body := fmt.Sprintf("%d%02d%02d%s%03d%03d", 1+g.r.IntN(2), g.r.IntN(100), 1+g.r.IntN(12), dep, 1+g.r.IntN(900), 1+g.r.IntN(999))
	n := 0
	for _, c := range body {
		n = (n*10 + int(c-'0')) % 97
	}
	key := fmt.Sprintf("%02d", 97-n)
	return body[0:1] + " " + body[1:3] + " " + body[3:5] + " " + body[5:7] + " " + body[7:10] + " " + body[10:13] + " " + key
}

// h28nino is a UK National Insurance number (no check digit; its prefix rules kept).
func (g *gen) h28nino() string {
	first, second := "ABCEGHJKLMNOPRSTWXYZ", "ABCEGHJKLMNPRSTWXYZ"
	for {
		p := g.s(first, 1) + g.s(second, 1)
		if p == "BG" || p == "GB" || p == "NK" || p == "KN" || p == "TN" || p == "NT" || p == "ZZ" {
			continue
		}
		d := g.s(digits, 6)
		if g.r.IntN(2) == 0 {
			return p + " " + d[:2] + " " + d[2:4] + " " + d[4:] + " " + g.pick("A", "B", "C", "D")
		}
		return p + d + g.pick("A", "B", "C", "D")
	}
}

// h28tskey is a Tailscale auth or API key: tskey-auth-<id with CNTRL>-<secret>.
func (g *gen) h28tskey(kind string) string {
	return "tskey-" + kind + "-k" + g.s(alnum, 11) + "CNTRL-" + g.s(alnum, 33)
}

// h28provs are provider tokens written from their documented shapes.
var h28provs = []h5prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }, []string{"GITHUB_TOKEN"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GH_PAT"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }, []string{"STRIPE_SECRET_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_API_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKERHUB_TOKEN"}},
	{"tailscale", func(g *gen) string { return g.h28tskey("api") }, []string{"TS_API_KEY"}},
	{"ntfy", func(g *gen) string { return "tk_" + g.s(h5lowerD, 29) }, []string{"NTFY_TOKEN"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DIGITALOCEAN_TOKEN"}},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }, []string{"NOTION_TOKEN"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"FIGMA_TOKEN"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"TELEGRAM_BOT_TOKEN"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }, []string{"MAILGUN_API_KEY"}},
	{"age", func(g *gen) string { return g.h15age() }, []string{"SOPS_AGE_KEY"}},
}

func (g *gen) h28tok() (name, value string, p plant) { return g.provTok(h28provs) }

// h28neg is a value in a secret's slot that is not one; the plants label the ones that
// are ambiguous (a hash, an identifier or a test key there) neutral.
func (g *gen) h28neg() (string, []plant) {
	switch g.r.IntN(12) {
	case 0:
		return g.pick("sk_live_", "glpat-", "AKIA", "tskey-auth-", "hf_") + g.s(alnum, 4) + strings.Repeat("*", 10+g.r.IntN(10)), nil
	case 1:
		return g.pick("[REDACTED]", "********", "<hidden>", "(masked)", "•••••••••", "xxxxxxxx"), nil
	case 2:
		return g.pick("<password>", "YOUR_SECRET_HERE", "change-me", "replace-me", "TODO", "secret", "example-password"), nil
	case 3:
		v := "$2b$12$" + g.s(b64[:62]+"./", 53)
		return v, []plant{neutral("hash", v)}
	case 4:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 5:
		v := g.s(hexd, 40)
		return v, []plant{neutral("hash", v)}
	case 6:
		return "AKIAIOSFODNN7EXAMPLE", nil
	case 7:
		v := g.pick("sk_test_", "rk_test_") + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		return "${" + g.pick("DB_PASSWORD", "API_TOKEN", "SMTP_PASS", "SECRET_KEY") + "}", nil
	case 9:
		return "4111111111111111", nil
	case 10:
		v := "pk_live_" + g.s(alnum, 24)
		return v, []plant{neutral("public-key", v)}
	}
	return "", nil
}

// h28pv is a password in a password's slot, or now and then a value that is none.
func (g *gen) h28pv() (string, []plant) {
	if g.r.IntN(5) == 0 {
		return g.h28neg()
	}
	pw := g.h28pass()
	return pw, []plant{h15pw(pw)}
}

// h28rv is a generated secret in a secret's slot, or now and then a value that is none.
func (g *gen) h28rv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h28neg()
	}
	v := g.h28rand()
	return v, []plant{h15gen(v)}
}

// h28tv is a provider token in a token's slot, or now and then a value that is none.
func (g *gen) h28tv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h28neg()
	}
	_, v, p := g.h28tok()
	return v, []plant{p}
}

func (g *gen) h28name() (first, last string) {
	i := g.r.IntN(12)
	return []string{"Ka-wai", "Chia-hui", "Hauke", "Frauke", "Ailsa", "Callum", "Gennaro", "Assunta", "Ramon", "Kofi", "Ayşe", "Marie-Odile"}[i],
		[]string{"Chan", "Lin", "Petersen", "Jensen", "MacLeod", "Robertson", "Esposito", "Russo", "Villanueva", "Mensah", "Kurtseitova", "Schaeffer"}[i]
}

func (g *gen) h28date() string {
	return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

// h28pemIn writes a private key block into f, each line after indent, the header
// labelled.
func (g *gen) h28pemIn(f *file, indent string) {
	h, body, ft := g.pemBlock(g.h14pemKind(), 4, 8)
	f.add(indent+h, h15key(h))
	for _, b := range body {
		f.add(indent + b)
	}
	f.add(indent + ft)
}

// h28pemOneLine is a private key block joined with "\n" escapes (as JSON stores it) and
// its header.
func (g *gen) h28pemOneLine() (string, string) {
	h, body, ft := g.pemBlock(g.h14pemKind(), 4, 8)
	return h + `\n` + strings.Join(body, `\n`) + `\n` + ft + `\n`, h
}

// h28pemB64 is a private key file base64-encoded whole (as gorush's key_base64 takes it).
func (g *gen) h28pemB64() string {
	h, body, ft := g.pemBlock("PRIVATE KEY", 2, 20)
	return base64.StdEncoding.EncodeToString([]byte(h + "\n" + strings.Join(body, "\n") + "\n" + ft + "\n"))
}

// h28slack is a Slack incoming webhook URL and its plant (the last part is the secret).
func (g *gen) h28slack() (string, plant) {
	wh := "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	return wh, plant{family: "slack", kind: "secret", value: wh, core: wh[strings.LastIndex(wh, "/")+1:]}
}

// h28discord is a Discord webhook URL and its plant (the token part is the secret).
func (g *gen) h28discord() (string, plant) {
	tok := g.s(urlb64, 68)
	wh := "https://discord.com/api/webhooks/" + g.s("123456789", 1) + g.s(digits, 18) + "/" + tok
	return wh, plant{family: "discord", kind: "secret", value: wh, core: tok}
}

// h28basic is an HTTP Basic credential and its plant.
func (g *gen) h28basic() (string, plant) {
	v := base64.StdEncoding.EncodeToString([]byte(g.h28user() + ":" + g.h28plain()))
	return v, h15pw(v)
}

// h28cp1252 writes s in Windows-1252 (every rune of s below U+0100), as a German club's
// software exports CSV.
func h28cp1252(s string) string {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r < 0x100 {
			b = append(b, byte(r))
		} else {
			b = append(b, '?')
		}
	}
	return string(b)
}

// h28qp is s quoted-printable (RFC 2045) without soft line breaks: '=' and every byte
// outside printable ASCII written =XX.
func h28qp(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c >= 33 && c <= 126 && c != '=') || c == ' ' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}

// h28lang is one language's phrases for a message that carries a value; id names the
// national identifier its speakers would quote.
type h28lang struct {
	pw, phone, email, iban, key, card, id, wifi, safe string
	idGen                                             func(g *gen) string
	// cc is the country whose national phone format the speakers write.
	cc string
}

// h28say is a message in one of langs and the plants of what it carries.
func (g *gen) h28say(langs []h28lang) (string, []plant) {
	l := langs[g.r.IntN(len(langs))]
	switch g.r.IntN(10) {
	case 0:
		pw := g.h28pass()
		return l.pw + " " + pw, []plant{h15pw(pw)}
	case 1:
		pw := g.h28plain()
		return l.wifi + " " + pw, []plant{h15pw(pw)}
	case 2:
		ph := g.h28phone()
		if g.r.IntN(2) == 0 {
			ph = g.h28natPhoneOf(l.cc)
		}
		return l.phone + " " + ph, []plant{h15tel(ph)}
	case 3:
		e := g.h28email()
		return l.email + " " + e, []plant{h15mail(e)}
	case 4:
		ib := g.h28iban()
		if g.r.IntN(2) == 0 {
			ib = groupsOf4(ib)
		}
		return l.iban + " " + ib, []plant{h15ib(ib)}
	case 5:
		_, v, pl := g.h28tok()
		return l.key + " " + v, []plant{pl}
	case 6:
		c := g.card(g.r.IntN(2) == 0)
		return l.card + " " + c, []plant{h15cc(c)}
	case 7:
		if l.idGen == nil {
			// no checkable national number for this language's speakers here
			ph := g.h28natPhoneOf(l.cc)
			return l.phone + " " + ph, []plant{h15tel(ph)}
		}
		id := l.idGen(g)
		return l.id + " " + id, []plant{h15id(id)}
	}
	return l.safe, nil
}

var (
	h28langCantonese    = h28lang{"場地網站嘅密碼係", "我電話號碼係", "電郵我：", "訂金入呢個戶口 (IBAN)：", "攝影師個 API key：", "信用卡號：", "身份證號碼：", "酒店 Wi-Fi 密碼：", "密碼我稍後用 Signal 俾你，唔好喺度貼", func(g *gen) string { return g.h28hkid() }, "hk"}
	h28langLowGerman    = h28lang{"Dat Passwoort för de Hochtiet-Siet is", "Mien Telefonnummer is", "Schriev mi an", "De Anzahlung op dit Konto (IBAN):", "De API-Slötel för de Fotobox:", "Kortennummer:", "Mien Steer-ID:", "WLAN-Passwoort in'n Saal:", "Dat Passwoort schick ik di later över Signal", func(g *gen) string { return g.h28steuerID() }, "de"}
	h28langHiligaynon   = h28lang{"Ang password sang website sang kasal amo ang", "Ang numero sang telepono ko:", "I-email ako sa", "Ang down payment sa sini nga account (IBAN):", "Ang API key sang photobooth:", "Numero sang kard:", "Numero sang akon ID:", "Password sang Wi-Fi sa venue:", "Ipadala ko lang ang password sa Signal", nil, "ph"}
	h28langScots        = h28lang{"The passwird fur the waddin website is", "Ma phone nummer is", "Email me at", "Pit the deposit in this accoont (IBAN):", "The API key fur the photie booth:", "Caird nummer:", "Ma National Insurance nummer is", "The wifi passwird at the venue:", "A'll send the passwird ower Signal efter", func(g *gen) string { return g.h28nino() }, "gb"}
	h28langEwe          = h28lang{"Srɔ̃ɖeɖe ƒe nyatakakadzraɖoƒe ƒe nyagbe ɣaɣla enye", "Nye fon nɔmba enye", "Ŋlɔ email nam le", "Tsɔ ga la de akɔnta sia me (IBAN):", "Foto mɔ̃ ƒe API safui:", "Kad nɔmba:", "Nye ID nɔmba:", "Wi-Fi ƒe nyagbe ɣaɣla le teƒea:", "Madɔ nyagbe ɣaɣla la ɖe Signal dzi emegbe", nil, "gh"}
	h28langCrimeanTatar = h28lang{"Toy saytınıñ parolı:", "Telefon nomeram:", "Maña yazıñız:", "Depozitni bu esapqa keçiriñiz (IBAN):", "Foto budkanıñ API açarı:", "Kart nomerası:", "Şahsiy nomerim:", "Zaldaki Wi-Fi parolı:", "Parolnı soñra Signal arqalı yiberirim", nil, "ua"}
	h28langNeapolitan   = h28lang{"'A password d'o sito d'o coro è", "'O nummero 'e telefono mio è", "Scriveme a", "'A quota va ncopp'a stu cunto (IBAN):", "'A chiave API d'o sito:", "Nummero d'a carta:", "'O codice fiscale mio è", "'A password d'o Wi-Fi d'a sala è", "'A password v'a manno aroppo ncopp'a Signal", func(g *gen) string { return g.h28codiceFiscale() }, "it"}
	h28langSranan       = h28lang{"A paswortu fu a koor website na", "Mi telefon nomru na", "Seni wan e-mail gi mi na", "Pai a moni na tapu a konto disi (IBAN):", "A API sroto fu a website:", "Karta nomru:", "Mi ID nomru na", "A Wi-Fi paswortu fu a zaal na", "Mi o seni a paswortu baka na tapu Signal", nil, "sr"}
	h28langHokkien      = h28lang{"Ha̍p-chhiùⁿ-thoân bāng-chām ê bi̍t-bé sī", "Goá ê tiān-ōe hō-bé sī", "Kià e-mail hō͘ goá:", "Hōe-hùi lo̍h chit ê kháu-chō (IBAN):", "Bāng-chām ê API só-sî:", "Sìn-iōng-khah hō-bé:", "Goá ê sin-hūn-chèng hō-bé sī", "Kàu-sek ê Wi-Fi bi̍t-bé:", "Bi̍t-bé goá āu-piah iōng Signal kià hō͘ lí", func(g *gen) string { return g.h28twid() }, "tw"}
	h28langAlsatian     = h28lang{"S'Passwort fer d'Chorseit isch", "Mini Telefonnummere isch", "Schrib mr an", "Dr Beitrag uf des Konto (IBAN):", "Dr API-Schlüssel fer d'Seit:", "Kartenummere:", "Mini Sozialversicherungsnummere:", "S'WLAN-Passwort im Saal:", "S'Passwort schick i dr speter iwer Signal", func(g *gen) string { return g.h28nir() }, "fr"}
	h28langWaray        = h28lang{"An password han website han koro amo an", "An akon numero han telepono:", "I-email ako ha", "Ibayad an kontribusyon ha sini nga account (IBAN):", "An API key han website:", "Numero han kard:", "An akon ID numero:", "An password han Wi-Fi ha hall:", "Ipapadara ko la an password ha Signal", nil, "ph"}
	h28langKirundi      = h28lang{"Ijambo ry'ibanga ry'urubuga rwa korali ni", "Inomero yanje ya terefone ni", "Nyandikira kuri", "Amafaranga yishyurwe kuri iyi konti (IBAN):", "Urufunguzo rwa API rw'urubuga:", "Inomero y'ikarata:", "Inomero y'indangamuntu yanje:", "Ijambo ry'ibanga rya Wi-Fi mu cumba:", "Ijambo ry'ibanga nzorirungika kuri Signal", nil, "bi"}
)
