package main

// held22 is a twenty-third split in two halves, like held9..held21: "held22a" and
// "held22b" are both held out when first written (only their totals are read by anyone
// but their writer). Each family pairs two concrete shapes of one class; variant a goes
// to held22a and variant b to held22b, each half with its own seed. Written from the
// formats' own documentation and knowledge of real files, without reading the detector,
// its rules, their examples or the documentation of what it finds; the other splits'
// generators were read only for the framework's helpers and to choose families they do
// not cover.
//
// Shapes: spectroscopy data (a JCAMP-DX spectrum against an h5dump of an instrument's
// HDF5 file), observatories (FITS header cards against an INDI driver configuration
// XML), network automation (a RANCID .cloginrc against an Expect script), legal billing
// (LEDES 1998B against LEDES XML), treasury bank files (a BAI2 prior-day file against a
// bank SFTP connector's YAML), precision agriculture (an ISO 11783-10 TASKDATA.XML
// against a farm management system's sync .properties), EV charging (an OCPP 1.6J
// WebSocket log against a charge point's INI configuration), weather stations (weewx.conf
// against a personal weather station upload access log), mailing list managers (Mailman
// 3's mailman.cfg against sympa.conf), word processor documents (an RTF memo against a
// groff ms memo), niche databases (a Firebird isql script against an Informix UNLOAD
// file), Windows automation (AutoHotkey against AutoIt), healthcare integration engines
// (Mirth Connect's mirth.properties against a channel export XML), learning platforms
// (Open edX lms.yml against Chamilo's configuration.php), broadcast (CasparCG's
// casparcg.config against a MOS protocol message), storefronts (BigCommerce Stencil
// files against a Shopware 6 .env.local), CI (.cirrus.yml against an Earthfile), IoT
// edge runtimes (AWS IoT Greengrass v2 config.yaml against Azure IoT Edge config.toml),
// voicemail transcripts (voicemail-to-e-mail messages in Yiddish, Assyrian Neo-Aramaic,
// Balochi and Assamese against a visual voicemail JSON export in Quechua, Guarani, Igbo
// and Oromo), school messaging (a class messaging CSV export in Cherokee, Navajo, Samoan
// and Tongan against an iMessage text export in Hawaiian, Fijian, Sundanese and
// Kashmiri).
// PII: e-mails, phones of sixteen countries in national and international forms,
// Luhn-valid cards, IBANs of eight countries, Finnish henkilötunnus, Brazilian CPFs,
// Israeli identity numbers, Dutch BSNs, Spanish DNIs, Chilean RUTs and Turkish TC
// numbers (all with valid check digits), passport numbers, bank account numbers.
// Postal addresses, organisations' switchboard numbers, system mailboxes, OAuth client
// IDs and CI-encrypted values are planted and labelled neutral. Hard negatives: password hashes and digests under secret names, UUIDs,
// public keys and certificates, placeholders, ${VAR} and template references, masked
// values, documented example keys, test-mode keys, version strings, build IDs, checksums
// and base64 of non-secrets. A value in a reversible encoding (base64 of user:password,
// XML or RTF escapes) is a secret as it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h22pass is a password a person or a generator chose; its symbols survive the files'
// quoting (no quotes, backslashes, blanks, commas, braces, <, > or &).
func (g *gen) h22pass() string {
	word := func() string {
		return g.pick("Tampere", "Recife", "Haifa", "Utrecht", "Valdivia", "Konya", "Cusco", "Encarnacion", "Enugu", "Adama", "Tahlequah", "Chinle", "Apia", "Nukualofa", "Suva", "Bandung", "Srinagar", "Quetta", "Jorhat", "Hilo")
	}
	shapes := [...]func() string{
		func() string {
			return word() + g.pick("!", "#", "$", "%", "*", "+", "?", "@", "^", "=") + g.s(digits, 2+g.r.IntN(3))
		},
		func() string {
			return strings.ToLower(word()) + g.pick(".", "-", "_") + strings.ToLower(word()) + g.pick("", "!", "9", "77")
		},
		func() string { return g.s(alnum+"!#$%*+-.?@^_=", 14+g.r.IntN(12)) },
		func() string { return g.s(alnum, 16+g.r.IntN(16)) },
		func() string {
			return strings.NewReplacer("a", "4", "o", "0", "e", "3", "i", "!").Replace(strings.ToLower(word())) + g.pick("2025", "2026", "#2", "$$")
		},
		func() string { return g.s(lower, 5) + g.s(digits, 3) + g.s(upperD[:26], 3) + g.pick("!", "@", "#") },
		func() string { return word() + g.s(digits, 4) + word()[:3] },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h22plain is a password of letters, digits, '-', '_' and '.' only.
func (g *gen) h22plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!#$%*+?@^=", r) {
			return -1
		}
		return r
	}, g.h22pass()) + g.s(alnum, 3)
}

// h22rand is a machine-generated shared secret.
func (g *gen) h22rand() string {
	switch g.r.IntN(5) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 48)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 2:
		return g.s(alnum, 30+g.r.IntN(20))
	case 3:
		return g.s(hexd, 32+32*g.r.IntN(2))
	}
	return g.s(alnum, 8) + "-" + g.s(alnum, 8) + "-" + g.s(alnum, 8) + "-" + g.s(alnum, 8)
}

type h22prov struct {
	fam string
	mk  func(g *gen) string
}

var h22provs = []h22prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32, 16) }},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "ghu_", "ghr_", "gho_")) }},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "glrt-") + g.s(alnum+"_-", 20) }},
	{"gitlab", func(g *gen) string { return "glptt-" + g.s(hexd, 40) }},
	{"slack", func(g *gen) string {
		return g.pick("xoxb-", "xoxp-") + g.s(digits, 11) + "-" + g.s(digits, 12) + "-" + g.s(alnum, 24)
	}},
	{"slack", func(g *gen) string {
		return "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }},
	{"dynatrace", func(g *gen) string {
		return "dt0c01." + g.s(upperD[:26]+"234567", 24) + "." + g.s(upperD[:26]+"234567", 64)
	}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_") + g.s(hexd, 32) }},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum, 24) }},
	{"grafana", func(g *gen) string { return "glc_" + g.s(alnum, 56) + "==" }},
	{"azure", func(g *gen) string { return g.h18azure() }},
	{"jwt", func(g *gen) string { return g.h22jwt() }},
}

func (g *gen) h22tok() (string, plant) {
	p := h22provs[g.r.IntN(len(h22provs))]
	v := p.mk(g)
	pl := secret(p.fam, v)
	if strings.HasPrefix(v, "https://hooks.slack.com/") {
		pl.core = v[strings.LastIndex(v, "/")+1:] // the webhook's secret path segment
	}
	return v, pl
}

func (g *gen) h22jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"typ":"JWT","alg":"`+g.pick("HS256", "RS256", "ES256", "PS256")+`"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"iss":"https://%s","sub":"%s","iat":%d,"exp":%d,"scope":"%s"}`, g.h22host(), g.h22user(), 1795000000+g.r.IntN(1e7), 1805000000+g.r.IntN(1e8), g.pick("read", "write admin", "upload")))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h22neg is a value in a secret's slot that is not one; ambiguous values carry a
// neutral plant, plain placeholders none.
func (g *gen) h22neg() (string, []plant) {
	switch g.r.IntN(14) {
	case 0:
		return g.pick("changeme", "ChangeMe", "<your-token>", "<secret>", "PUT_PASSWORD_HERE", "TBD", "xxxxxxxxxx", "example", "dummy", "password"), nil
	case 1:
		return g.pick("${SECRET}", "${API_TOKEN}", "$(PASSWORD)", "%(pw)s", "{{ .Values.password }}", "${env:API_KEY}", "#{password}"), nil
	case 2:
		return g.pick("********", "●●●●●●●●", "[MASKED]", "(not shown)", "****"+g.s(digits, 4)), nil
	case 3:
		v := "$argon2id$v=19$m=65536,t=3,p=4$" + g.s(b64[:64], 22) + "$" + g.s(b64[:64], 43)
		return v, []plant{neutral("hash", v)}
	case 4:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 5:
		v := g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 6:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), nil
	case 7:
		v := g.pick("sk_test_51", "rk_test_51") + g.s(alnum, 40)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "md5:" + g.s(hexd, 32)
		return v, []plant{neutral("hash", v)}
	case 9:
		v := "pk_live_51" + g.s(alnum, 40)
		return v, []plant{neutral("public-key", v)}
	case 10:
		v := "{SSHA512}" + base64.StdEncoding.EncodeToString(g.h16bytes(72))
		return v, []plant{neutral("hash", v)}
	case 11:
		return "", nil
	case 12:
		return g.pick("none", "null", "false", "off"), nil
	}
	return "/run/secrets/" + g.pick("db_pass", "api_key", "mail_pw"), nil
}

func (g *gen) h22pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h22neg()
	}
	v := g.h22pass()
	return v, []plant{h15pw(v)}
}

// h22ppv is h22pv with the plain alphabet (no blanks or symbols in the negatives).
func (g *gen) h22ppv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		v, ps := g.h22neg()
		if v == "" || strings.ContainsAny(v, " |*$%{}()@#:<>[]●/,=+") {
			return "changeme", nil
		}
		return v, ps
	}
	v := g.h22plain()
	return v, []plant{h15pw(v)}
}

func (g *gen) h22tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h22neg()
	}
	v, p := g.h22tok()
	return v, []plant{p}
}

func (g *gen) h22gv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h22neg()
	}
	v := g.h22rand()
	return v, []plant{h15gen(v)}
}

var h22orgs = []string{"tampere-spectro.fi", "recife-obs.br", "haifa-netops.co.il", "utrecht-advocaten.nl", "valdivia-agro.cl", "konya-sarj.com.tr", "cusco-meteo.pe", "enugu-health.ng", "adama-college.et", "chinle-usd.org", "apia-radio.ws", "bandung-shop.id", "example.org"}

func (g *gen) h22host() string {
	return g.pick("db", "fb", "ifx", "mirth", "lms", "api", "sftp", "ocpp", "wx", "lists", "ci", "edge", "media", "shop", "vault") + g.pick("", "1", "-prod", "-stg", "02") + "." + g.pick(h22orgs...)
}

func (g *gen) h22user() string {
	return g.pick("svc_", "app_", "", "int-", "ops.", "sys_") + g.pick("spectra", "obs", "rancid", "billing", "treasury", "agri", "csms", "weewx", "mailman", "sysdba", "informix", "mirth", "edxapp", "playout", "stencil", "cirrus", "greengrass")
}

var h22first = []string{"aino", "veikko.k", "joao.p", "thais", "noa", "yossi.b", "sanne", "daan.v", "camila", "matias.r", "elif", "burak.y", "wayra", "nusta.q", "chinedu", "ngozi.a", "tolera", "chaltu", "hyrum", "nizhoni", "sina.f", "mele.t", "kainoa", "asenaca", "dadan", "ayesha.m", "rupjyoti", "shahdad"}
var h22domains = []string{"gmail.com", "luukku.com", "uol.com.br", "walla.co.il", "ziggo.nl", "gmail.cl", "hotmail.com.tr", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "ymail.com", "live.com"}

func (g *gen) h22email() string {
	return g.pick(h22first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h22domains...)
}

// h22phone is a mobile number in one of sixteen countries' forms.
func (g *gen) h22phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(16) {
	case 0:
		return "040 " + d(3) + " " + d(4)
	case 1:
		return "+358 50 " + d(3) + " " + d(4)
	case 2:
		return "(11) 9" + d(4) + "-" + d(4)
	case 3:
		return "05" + g.pick("0", "2", "3", "4", "8") + "-" + d(3) + "-" + d(4)
	case 4:
		return "06-" + d(8)
	case 5:
		return "+56 9 " + d(4) + " " + d(4)
	case 6:
		return "0 (5" + g.pick("3", "4", "5") + d(1) + ") " + d(3) + " " + d(2) + " " + d(2)
	case 7:
		return "+51 9" + d(2) + " " + d(3) + " " + d(3)
	case 8:
		return "0981 " + d(3) + " " + d(3)
	case 9:
		return "080" + g.pick("3", "6", "5") + " " + d(3) + " " + d(4)
	case 10:
		return "+251 91 " + d(3) + " " + d(4)
	case 11:
		return "+685 7" + d(6)
	case 12:
		return "+676 7" + d(2) + " " + d(4)
	case 13:
		return "+679 9" + d(2) + " " + d(4)
	case 14:
		return "+91 9" + d(4) + " " + d(5)
	}
	// a US number: area code NXX with X in the middle below 9 (N9X is reserved), not
	// N11 or 8XX (toll-free); exchange NXX without N11 or 555
	a := g.pick("2", "3", "4", "5", "6", "7", "9") + g.s("012345678", 1) + d(1)
	if a[1:] == "11" {
		a = a[:2] + "2"
	}
	ex := fmt.Sprint(2+g.r.IntN(8)) + g.pick("2", "3", "4", "6", "7", "8", "9") + d(1)
	return fmt.Sprintf("(%s) %s-%s", a, ex, d(4))
}

// h22iban is an IBAN with valid check digits of one of eight countries.
func (g *gen) h22iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(8) {
	case 0:
		return ibanWith("FI", d(14))
	case 1:
		return ibanWith("NL", g.pick("INGB", "RABO", "ABNA", "TRIO")+d(10))
	case 2:
		return ibanWith("TR", d(5)+"0"+d(16))
	case 3:
		return ibanWith("IL", d(19))
	case 4:
		return ibanWith("DK", d(14))
	case 5:
		return ibanWith("PL", d(24))
	case 6:
		return ibanWith("BR", d(23)+"C"+g.s("123", 1))
	}
	return ibanWith("IS", d(22))
}

// h22hetu is a Finnish personal identity code DDMMYYCNNNX, X the remainder of
// DDMMYYNNN mod 31 looked up in the documented alphabet.
func (g *gen) h22hetu() string {
	dd, mm, yy := 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(100)
	n := 2 + g.r.IntN(897)
	sep := "-"
	if yy < 10 {
		sep = "A"
	}
	num := (dd*10000+mm*100+yy)*1000 + n
	return fmt.Sprintf("%02d%02d%02d%s%03d%c", dd, mm, yy, sep, n, "0123456789ABCDEFHJKLMNPRSTUVWXY"[num%31])
}

// h22cpf is a Brazilian CPF with both mod-11 check digits.
func (g *gen) h22cpf() string {
	ds := g.s(digits, 9)
	for ds == strings.Repeat(ds[:1], 9) {
		ds = g.s(digits, 9)
	}
	chk := func(s string) byte {
		sum := 0
		for i := range s {
			sum += int(s[i]-'0') * (len(s) + 1 - i)
		}
		r := sum % 11
		if r < 2 {
			return '0'
		}
		return byte('0' + 11 - r)
	}
	ds += string(chk(ds))
	ds += string(chk(ds))
	return ds[:3] + "." + ds[3:6] + "." + ds[6:9] + "-" + ds[9:]
}

// h22teudat is an Israeli identity number: nine digits, the last by the Luhn rule.
func (g *gen) h22teudat() string {
	body := g.s("0123", 1) + g.s(digits, 7)
	return body + string(luhnDigit(body))
}

// h22bsn is a Dutch citizen service number passing the eleven test.
func (g *gen) h22bsn() string {
	for {
		ds := g.s("123456", 1) + g.s(digits, 7)
		s := 0
		for i := 0; i < 8; i++ {
			s += int(ds[i]-'0') * (9 - i)
		}
		if c := s % 11; c < 10 {
			return ds + fmt.Sprint(c)
		}
	}
}

// h22dni is a Spanish DNI: eight digits and the mod-23 letter.
func (g *gen) h22dni() string {
	n := 10000000 + g.r.IntN(89999999)
	return fmt.Sprintf("%08d%c", n, "TRWAGMYFPDXBNJZSQVHLCKE"[n%23])
}

// h22rut is a Chilean RUT with its mod-11 verifier, written with dots.
func (g *gen) h22rut() string {
	n := 5000000 + g.r.IntN(20000000)
	s, m := 0, 2
	for x := n; x > 0; x /= 10 {
		s += (x % 10) * m
		m++
		if m > 7 {
			m = 2
		}
	}
	dv := 11 - s%11
	c := fmt.Sprint(dv)
	if dv == 11 {
		c = "0"
	} else if dv == 10 {
		c = "K"
	}
	str := fmt.Sprint(n)
	return str[:len(str)-6] + "." + str[len(str)-6:len(str)-3] + "." + str[len(str)-3:] + "-" + c
}

// h22tckn is a Turkish identity number with its two check digits.
func (g *gen) h22tckn() string {
	ds := g.s("123456789", 1) + g.s(digits, 8)
	d := func(i int) int { return int(ds[i] - '0') }
	odd := d(0) + d(2) + d(4) + d(6) + d(8)
	even := d(1) + d(3) + d(5) + d(7)
	c10 := ((odd*7-even)%10 + 10) % 10
	ds += fmt.Sprint(c10)
	s := 0
	for i := 0; i < 10; i++ {
		s += d(i)
	}
	return ds + fmt.Sprint(s%10)
}

func (g *gen) h22nid() string {
	switch g.r.IntN(7) {
	case 0:
		return g.h22hetu()
	case 1:
		return g.h22cpf()
	case 2:
		return g.h22teudat()
	case 3:
		return g.h22bsn()
	case 4:
		return g.h22dni()
	case 5:
		return g.h22rut()
	}
	return g.h22tckn()
}

func (g *gen) h22passport() string {
	switch g.r.IntN(4) {
	case 0:
		return g.s("ABCDEFGHJKLMNPRSTUVWXYZ", 2) + g.s(digits, 7)
	case 1:
		return "U" + g.s(digits, 8)
	case 2:
		return g.s(digits, 9)
	}
	// Dutch: two letters, six letters or digits, a digit; no letter O
	const noO = "ABCDEFGHIJKLMNPQRSTUVWXYZ"
	return g.s(noO, 2) + g.s(noO+digits, 6) + g.s(digits, 1)
}

var h22names = [][2]string{{"Aino", "Virtanen"}, {"Veikko", "Korhonen"}, {"João", "Pereira"}, {"Thaís", "Albuquerque"}, {"Noa", "Ben-David"}, {"Yossi", "Mizrahi"}, {"Sanne", "de Vries"}, {"Daan", "Bakker"}, {"Camila", "Fuentes"}, {"Matías", "Rojas"}, {"Elif", "Yılmaz"}, {"Burak", "Demir"}, {"Wayra", "Quispe"}, {"Chinedu", "Okafor"}, {"Ngozi", "Eze"}, {"Tolera", "Gemechu"}, {"Nizhoni", "Begay"}, {"Sina", "Faleolo"}, {"Mele", "Taufa"}, {"Kainoa", "Kahananui"}, {"Asenaca", "Ravuvu"}, {"Rupjyoti", "Bora"}}

func (g *gen) h22name() (string, string) {
	n := h22names[g.r.IntN(len(h22names))]
	return n[0], n[1]
}

// h22addr is a postal address (planted neutral).
func (g *gen) h22addr() string {
	return g.pick(
		fmt.Sprintf("Hämeenkatu %d, 33100 Tampere", 1+g.r.IntN(60)),
		fmt.Sprintf("Rua da Aurora %d, Recife - PE, 50050-000", 1+g.r.IntN(900)),
		fmt.Sprintf("Oudegracht %d, 3511 AB Utrecht", 1+g.r.IntN(300)),
		fmt.Sprintf("Av. Ramón Picarte %d, Valdivia", 100+g.r.IntN(3000)),
		fmt.Sprintf("Mevlana Cd. No:%d, Karatay/Konya", 1+g.r.IntN(200)),
		fmt.Sprintf("%d Ogui Road, Enugu", 1+g.r.IntN(150)),
		fmt.Sprintf("Jl. Braga No. %d, Bandung 40111", 1+g.r.IntN(120)),
		fmt.Sprintf("%d Kamehameha Ave, Hilo, HI 96720", 1+g.r.IntN(900)),
	)
}

func (g *gen) h22date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h22ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h22ver() string {
	return fmt.Sprintf("%d.%d.%d", g.r.IntN(10), g.r.IntN(30), g.r.IntN(200))
}

// h22pemIn writes a private key block into f, each line after indent and ending with
// end, the header labelled.
func (g *gen) h22pemIn(f *file, indent, end string) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"), 4, 10)
	f.add(indent+h+end, h15key(h))
	for _, b := range body {
		f.add(indent + b + end)
	}
	f.add(indent + ft + end)
}

// h22basic is base64 of user:password and its plant.
func (g *gen) h22basic() (string, plant) {
	v := base64.StdEncoding.EncodeToString([]byte(g.h22user() + ":" + g.h22pass()))
	return v, h15pw(v)
}

// h22dsn is a connection URL with a password and its plant (core: the password).
func (g *gen) h22dsn(scheme string) (string, plant) {
	pw := g.h22plain()
	v := fmt.Sprintf("%s://%s:%s@%s/%s", scheme, g.h22user(), pw, g.h22host(), g.pick("prod", "mirth", "edxapp", "mailman", "shop", "csms"))
	return v, plant{family: "password", kind: "secret", value: v, core: pw}
}

func (g *gen) h22b64doc() string {
	return base64.StdEncoding.EncodeToString([]byte(g.pick(`{"units":"metric","lang":"fi"}`, "plain text readme for the spectrometer", `{"station":"wx-01","interval":300}`, "<?xml version='1.0'?><x/>")))
}
