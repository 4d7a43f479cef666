package main

// held26 is a twenty-seventh split in two halves, like held9..held25: "held26a" and
// "held26b" are both held out when first written (only their totals are read by anyone
// but their writer). Each family pairs two concrete shapes of one class; variant a goes
// to held26a and variant b to held26b, each half with its own seed. Written from the
// formats' own documentation and knowledge of real files, without reading the detector,
// its rules, their examples or the documentation of what it finds; the other splits'
// generators were read only for the framework's helpers and to choose families they do
// not cover.
//
// Shapes: museum collections (CollectiveAccess setup.php against an Omeka S
// database.ini), PLM (Aras InnovatorServerConfig.xml against a Windchill site.xconf),
// satellite ground stations (a SatNOGS client environment file against a GNU Radio
// Companion .grc flowgraph), process historians (an OSIsoft PI AF PowerShell script
// against a .reg export of a PI ODBC DSN), insurance claims (Guidewire ClaimCenter
// database-config.xml against an FNOL intake e-mail with MIME parts), library systems
// (Evergreen opensrf.xml against a patron load CSV), help desks (osTicket ost-config.php
// against a ticket export CSV), IT asset management (a Snipe-IT .env against GLPI
// config_db.php), research repositories (DSpace local.cfg against a Dataverse deposit
// Makefile), monitoring (a Checkmk passwords.mk against a LibreNMS config.php),
// project management (a Taiga config.py against an OpenProject configuration.yml),
// threat intelligence (TheHive application.conf in HOCON against an OpenCTI
// production.json), Japanese payroll (a Zengin fixed-width transfer file against an
// employee register CSV with My Numbers), UK energy billing (a DTC data flow file
// against a meter-feed TOML of arrays of tables), elections (a Helios settings.py
// against a voter upload CSV), sports timing (a race participants CSV against a results
// uploader plist), retail POS (a uniCenta oPOS properties file against an electronic
// journal), church management (Rock RMS web.ConnectionStrings.config against a member
// directory vCard export), car rental desk messages (an Element/Matrix JSON export in
// Asturian, Sicilian, Komi and Hazaragi against a WeeChat log in Aragonese, Walloon,
// Udmurt and Newari), allotment association notes (Joplin Markdown with front matter in
// Venetian, Kashubian, Erzya and Ladino in Hebrew script against pdftotext minutes in
// Silesian, Tuvan, Bhojpuri and Mingrelian).
// PII: e-mails, phones of twelve countries in national and international forms,
// Luhn-valid cards, IBANs of eight countries, Japanese bank accounts, Japanese My
// Numbers, Brazilian CPFs, Dutch BSNs, Finnish HETUs, South African ID numbers, Belgian
// national numbers and US SSNs (all with valid check digits where the scheme has one).
// Postal addresses, UUIDs and asset tags are planted and labelled neutral. Hard
// negatives: password hashes and digests under secret names, public keys, placeholders,
// ${VAR} and template references, masked values, documented example keys, test-mode
// keys, version strings, checksums, encrypted values and base64 of non-secrets.

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

var h26words = []string{"Oviedo", "Palermo", "Syktyvkar", "Bamyan", "Huesca", "Liege", "Izhevsk", "Patan", "Mestre", "Kartuzy", "Saransk", "Salonika", "Katowice", "Kyzyl", "Ballia", "Zugdidi", "Sextant", "Aperture", "Tallboy", "Mercury", "Quarry", "Lantern"}

// h26pass is a password a person or a generator chose; its symbols survive the files'
// quoting (no quotes, backslashes, blanks, commas, semicolons, braces, <, > or &).
func (g *gen) h26pass() string {
	w := func() string { return g.pick(h26words...) }
	switch g.r.IntN(9) {
	case 0:
		return w() + g.pick("!", "#", "$", "%", "*", "?", "@", "^", "=", "~", "+") + g.s(digits, 2+g.r.IntN(3))
	case 1:
		return strings.ToLower(w()) + g.pick("-", ".", "_") + strings.ToLower(w()) + g.pick("", "!", "3", "88")
	case 2:
		return g.s(alnum+"!#$%*+-.?@^_=~", 14+g.r.IntN(16))
	case 3:
		return g.s(alnum, 18+g.r.IntN(14))
	case 4:
		return strings.NewReplacer("a", "4", "o", "0", "i", "!", "e", "3", "s", "5").Replace(strings.ToLower(w())) + g.pick("2025", "!?", "#7", "00")
	case 5:
		return g.s(upperD[:26], 2) + g.s(lower, 5) + g.s(digits, 3) + g.pick("!", "?", "%", "#", "*", "@")
	case 6:
		return g.s(lower+digits, 4) + "-" + g.s(lower+digits, 4) + "-" + g.s(lower+digits, 4) + "-" + g.s(lower+digits, 4)
	case 7:
		return w() + "." + g.s(digits, 3) + "." + w()
	}
	return g.s(digits, 3) + g.pick("^", "~", "=", "@") + w() + g.s(upperD[:26], 2)
}

// h26plain is a password of letters, digits, '-', '_' and '.' only.
func (g *gen) h26plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!#$%*+?@^=~", r) {
			return -1
		}
		return r
	}, g.h26pass()) + g.s(alnum, 3)
}

// h26rand is a machine-generated shared secret.
func (g *gen) h26rand() string {
	switch g.r.IntN(6) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(18, 32, 45, 64)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(32, 40)))
	case 2:
		return g.s(alnum, 28+g.r.IntN(24))
	case 3:
		return g.s(hexd, g.pick2(32, 40, 64))
	case 4:
		return strings.ToUpper(g.s(hexd, 32))
	}
	return g.s(alnum+"-_.~", 36+g.r.IntN(20))
}

type h26prov struct {
	fam string
	mk  func(g *gen) string
}

var h26provs = []h26prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "ghu_", "ghr_")) }},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "glrt-", "gldt-") + g.s(alnum+"_-", 20) }},
	{"slack", func(g *gen) string {
		return "xoxp-" + g.s(digits, 11) + "-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 32)
	}},
	{"slack", func(g *gen) string { return "xapp-1-A" + g.s(upperD, 10) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 64) }},
	{"stripe", func(g *gen) string { return "rk_live_" + g.s(alnum, 99) }},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }},
	{"square", func(g *gen) string { return "sq0csp-" + g.s(urlb64, 43) }},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }},
	{"digitalocean", func(g *gen) string { return g.pick("dop_v1_", "doo_v1_") + g.s(hexd, 64) }},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }},
	{"netlify", func(g *gen) string { return "nfp_" + g.s(alnum, 36) }},
	{"typeform", func(g *gen) string { return h26typeform(g.s(alnum+"_-", 44)) }},
	{"sentry", func(g *gen) string { return "sntrys_eyJpYXQiOjE3" + g.s(alnum, 60) + "_" + g.s(alnum+"+/", 43) }},
	{"openai", func(g *gen) string { return "sk-svcacct-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }},
	{"anthropic", func(g *gen) string { return "sk-ant-admin01-" + g.s(urlb64, 93) + "AA" }},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }},
	{"google", func(g *gen) string { return "GOCSPX-" + g.s(urlb64, 28) }},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum+"_-", 90) }},
	{"shopify", func(g *gen) string { return g.pick("shpss_", "shpca_") + g.s(hexd, 32) }},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }},
	{"mapbox", func(g *gen) string {
		return "sk.eyJ1IjoiI" + g.s(alnum, 20) + "iLCJhIjoi" + g.s(alnum, 24) + "In0." + g.s(urlb64, 22)
	}},
	{"linear", func(g *gen) string { return "lin_oauth_" + g.s(hexd, 64) }},
	{"jwt", func(g *gen) string { return g.h26jwt() }},
}

// h26typeform is a Typeform personal access token, tfp_ and 59 characters (44, '_' and
// 14), its tail derived from the drawn head so that the draws stay as they were.
func h26typeform(head string) string {
	sum := sha256.Sum256([]byte(head))
	tail := make([]byte, 14)
	for i := range tail {
		tail[i] = alnum[int(sum[i])%len(alnum)]
	}
	return "tfp_" + head + "_" + string(tail)
}

func (g *gen) h26tok() (string, plant) {
	p := h26provs[g.r.IntN(len(h26provs))]
	v := p.mk(g)
	return v, secret(p.fam, v)
}

func (g *gen) h26jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"`+g.pick("HS512", "RS256", "EdDSA")+`","typ":"JWT"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"sub":"%s","iss":"https://%s","scope":"%s","iat":%d,"exp":%d}`, g.h26user(), g.h26host(), g.pick("read write", "claims", "uploads"), 1790000000+g.r.IntN(1e7), 1800000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h26neg is a value in a secret's slot that is not one; ambiguous values carry a
// neutral plant, plain placeholders none.
func (g *gen) h26neg() (string, []plant) {
	switch g.r.IntN(15) {
	case 0:
		return g.pick("changeme", "change-me", "<password>", "<your-api-token>", "REPLACE_ME", "xxxxxxxxxxxx", "password", "secret", "dummy"), nil
	case 1:
		return g.pick("${DB_PASS}", "${SECRET_KEY}", "$(vault read -field=pw kv/app)", "{{ vault_password }}", "${env.TOKEN}", "%(password)s", "#{ENV['API_KEY']}", "__SECRET__"), nil
	case 2:
		return g.pick("********", "●●●●●●●●", "<hidden>", "[FILTERED]", "****"+g.s(digits, 4)), nil
	case 3:
		v := "$2y$10$" + g.s("./"+alnum, 53)
		return v, []plant{neutral("hash", v)}
	case 4:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 5:
		v := g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 6:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_BQokikJOvBiI2HlWgH4olfQ2"), nil
	case 7:
		v := "pk_test_" + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "md5:" + g.s(hexd, 32)
		return v, []plant{neutral("hash", v)}
	case 9:
		v := "pk.eyJ1IjoiI" + g.s(alnum, 20) + "iLCJhIjoi" + g.s(alnum, 24) + "In0." + g.s(urlb64, 22)
		return v, []plant{neutral("public-key", v)}
	case 10:
		v := "pbkdf2_sha256$600000$" + g.s(alnum, 22) + "$" + base64.StdEncoding.EncodeToString(g.h16bytes(32))
		return v, []plant{neutral("hash", v)}
	case 11:
		return "", nil
	case 12:
		v := g.h26ver()
		return v, []plant{neutral("version", v)}
	case 13:
		v := "ENC(" + base64.StdEncoding.EncodeToString(g.h16bytes(24)) + ")"
		return v, []plant{neutral("encrypted", v)}
	}
	return g.pick("none", "null", "off", "n/a"), nil
}

func (g *gen) h26pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h26neg()
	}
	v := g.h26pass()
	return v, []plant{h15pw(v)}
}

// h26ppv is h26pv with the plain alphabet (no blanks or symbols in the negatives).
func (g *gen) h26ppv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		v, ps := g.h26neg()
		if v == "" || strings.ContainsAny(v, " |*$%{}()@#:<>[]●/,=+'\"") {
			return "changeme", nil
		}
		return v, ps
	}
	v := g.h26plain()
	return v, []plant{h15pw(v)}
}

func (g *gen) h26tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h26neg()
	}
	v, p := g.h26tok()
	return v, []plant{p}
}

func (g *gen) h26gv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h26neg()
	}
	v := g.h26rand()
	return v, []plant{h15gen(v)}
}

var h26orgs = []string{"oviedo-museo.es", "palermo-rent.it", "komi-plm.ru", "bamyan-relief.af", "liege-claims.be", "izhevsk-lib.ru", "patan-ground.np", "mestre-orti.it", "kartuzy-parish.pl", "kyzyl-timing.ru", "ballia-retail.in", "zugdidi-grid.ge", "example.org"}

func (g *gen) h26host() string {
	return g.pick("db", "pg", "sql", "pi", "plm", "cc", "ils", "helpdesk", "assets", "dspace", "cmk", "taiga", "hive", "pay", "dtc", "vote", "timing", "pos", "rock", "api") + g.pick("", "1", "-prd", "-test", "03") + "." + g.pick(h26orgs...)
}

func (g *gen) h26user() string {
	return g.pick("svc_", "app-", "", "ops.", "sa_", "etl_") + g.pick("collect", "innovator", "satnogs", "piadmin", "claimcenter", "evergreen", "osticket", "snipe", "dspace", "cmkadmin", "taiga", "thehive", "kyuyo", "dtcflow", "helios", "timing", "unicenta", "rock", "rental", "orti")
}

var h26first = []string{"xuan.alvarez", "covadonga", "salvo.russo", "rosalia.b", "vanya.komi", "olga.sz", "zahra.h", "ali.rezai", "inigo.l", "pilar.g", "jules.m", "josee", "lyudmila.k", "ermak", "sujan.s", "rajani", "piero.z", "nane.b", "kaszeb", "ania.k", "mokshin", "elena.e", "rivka", "avram.s", "tomek.s", "urszula", "choduraa", "aylan", "shyam.y", "manju", "giorgi.k", "nino.ch", "hiroshi.t", "yuko.s"}
var h26domains = []string{"gmail.com", "yahoo.es", "libero.it", "mail.ru", "outlook.com", "telenet.be", "yandex.ru", "proton.me", "ntlworld.com", "o2.pl", "rediffmail.com", "gmx.net", "icloud.com", "docomo.ne.jp", "uol.com.br", "ziggo.nl"}

func (g *gen) h26email() string {
	return g.pick(h26first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h26domains...)
}

// h26phone is a mobile or landline number in one of twelve countries' forms.
func (g *gen) h26phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(16) {
	case 0:
		return "090-" + d(4) + "-" + d(4)
	case 1:
		return "+81 " + g.pick("80", "90", "70") + "-" + d(4) + "-" + d(4)
	case 2:
		return "(11) 9" + d(4) + "-" + d(4)
	case 3:
		return "+55 21 9" + d(4) + "-" + d(4)
	case 4:
		return "3" + g.pick("33", "47", "28", "91") + " " + d(3) + " " + d(4)
	case 5:
		return "+39 3" + g.pick("20", "35", "48", "92") + " " + d(7)
	case 6:
		return "06-" + g.pick("1", "2", "4", "5") + d(7)
	case 7:
		return "+31 6 " + g.pick("1", "2", "4", "5") + d(7)
	case 8:
		return "04" + d(2) + " " + d(3) + " " + d(3)
	case 9:
		return "+61 4" + d(2) + " " + d(3) + " " + d(3)
	case 10:
		return "08" + g.pick("2", "3", "4", "1") + " " + d(3) + " " + d(4)
	case 11:
		return "+32 4" + g.pick("70", "75", "86", "95") + " " + d(2) + " " + d(2) + " " + d(2)
	case 12:
		return "+7 912 " + d(3) + "-" + d(2) + "-" + d(2)
	case 13:
		return "+995 5" + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 14:
		return "+44 20 " + "7" + d(3) + " " + d(4)
	}
	return "+1 (" + g.pick("312", "415", "617", "206", "303") + ") " + g.pick("2", "4", "5", "7") + d(2) + "-" + d(4)
}

// h26iban is an IBAN with valid check digits of one of eight countries.
func (g *gen) h26iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(8) {
	case 0:
		return ibanWith("NL", g.pick("ABNA", "RABO", "INGB", "TRIO")+d(10))
	case 1:
		return ibanWith("BE", d(12))
	case 2:
		return ibanWith("FR", d(10)+g.s(upperD, 11)+d(2))
	case 3:
		return ibanWith("DE", d(18))
	case 4:
		return ibanWith("AT", d(16))
	case 5:
		return ibanWith("PT", d(21))
	case 6:
		return ibanWith("NO", d(11))
	}
	return ibanWith("FI", d(14))
}

// h26mynumber is a Japanese Individual Number: eleven digits and a check digit with
// weights 2..7, 2..6 from the right, 11 - remainder (0 when the remainder is 0 or 1).
func (g *gen) h26mynumber() string {
	body := g.s("123456789", 1) + g.s(digits, 10)
	s := 0
	for n := 1; n <= 11; n++ {
		p := int(body[11-n] - '0')
		q := n + 1
		if n >= 7 {
			q = n - 5
		}
		s += p * q
	}
	c := 0
	if r := s % 11; r > 1 {
		c = 11 - r
	}
	return body + fmt.Sprint(c)
}

// h26cpf is a Brazilian CPF NNN.NNN.NNN-DD with its two mod-11 check digits.
func (g *gen) h26cpf() string {
	d := make([]int, 0, 11)
	for i := 0; i < 9; i++ {
		d = append(d, g.r.IntN(10))
	}
	for k := 0; k < 2; k++ {
		s := 0
		for i, x := range d {
			s += x * (len(d) + 1 - i)
		}
		c := s * 10 % 11
		if c == 10 {
			c = 0
		}
		d = append(d, c)
	}
	var b strings.Builder
	for i, x := range d {
		if i == 3 || i == 6 {
			b.WriteByte('.')
		}
		if i == 9 {
			b.WriteByte('-')
		}
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

// h26bsn is a Dutch BSN passing the eleven test (weights 9..2 and -1).
func (g *gen) h26bsn() string {
	for {
		ds := g.s("123456789", 1) + g.s(digits, 7)
		s := 0
		for i := range ds {
			s += int(ds[i]-'0') * (9 - i)
		}
		if c := s % 11; c < 10 {
			return ds + fmt.Sprint(c)
		}
	}
}

// h26hetu is a Finnish personal identity code DDMMYYCZZZQ.
func (g *gen) h26hetu() string {
	y := 1950 + g.r.IntN(60)
	sep := "-"
	if y >= 2000 {
		sep = "A"
	}
	n := 2 + g.r.IntN(897)
	ds := fmt.Sprintf("%02d%02d%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), y%100)
	num, _ := strconv.Atoi(ds + fmt.Sprintf("%03d", n))
	return ds + sep + fmt.Sprintf("%03d", n) + string("0123456789ABCDEFHJKLMNPRSTUVWXY"[num%31])
}

// h26said is a South African ID number YYMMDD SSSS C 8 Z, Z its Luhn digit.
func (g *gen) h26said() string {
	body := fmt.Sprintf("%02d%02d%02d%04d%d8", g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(10000), g.r.IntN(2))
	return body + string(luhnDigit(body))
}

// h26bnn is a Belgian national number YY.MM.DD-SSS.CC of someone born in the 1900s.
func (g *gen) h26bnn() string {
	yy, mm, dd, sss := 40+g.r.IntN(60), 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(998)
	n := ((yy*100+mm)*100+dd)*1000 + sss
	return fmt.Sprintf("%02d.%02d.%02d-%03d.%02d", yy, mm, dd, sss, 97-n%97)
}

// h26ssn is a US social security number outside the never-issued areas.
func (g *gen) h26ssn() string {
	a := 1 + g.r.IntN(899)
	for a == 666 {
		a = 1 + g.r.IntN(899)
	}
	return fmt.Sprintf("%03d-%02d-%04d", a, 1+g.r.IntN(99), 1+g.r.IntN(9999))
}

func (g *gen) h26nid() string {
	switch g.r.IntN(6) {
	case 0:
		return g.h26cpf()
	case 1:
		return g.h26bsn()
	case 2:
		return g.h26hetu()
	case 3:
		return g.h26said()
	case 4:
		return g.h26bnn()
	}
	return g.h26ssn()
}

var h26names = [][2]string{{"Xuan", "Álvarez"}, {"Covadonga", "Menéndez"}, {"Salvo", "Russo"}, {"Rosalia", "Lo Bianco"}, {"Vanya", "Kanev"}, {"Olga", "Lytkina"}, {"Zahra", "Hazara"}, {"Ali", "Rezai"}, {"Pilar", "Lanuza"}, {"Jules", "Mathot"}, {"Josée", "Lambert"}, {"Lyudmila", "Korepanova"}, {"Sujan", "Shakya"}, {"Rajani", "Maharjan"}, {"Piero", "Zanon"}, {"Elena", "Kirdyashkina"}, {"Rivka", "Benveniste"}, {"Tomasz", "Szlezak"}, {"Choduraa", "Ondar"}, {"Shyam", "Yadav"}, {"Giorgi", "Kvaratskhelia"}, {"Nino", "Chikovani"}, {"Hiroshi", "Takeda"}, {"Pieter", "de Vries"}, {"Sipho", "Dlamini"}, {"Aino", "Virtanen"}, {"Marcos", "Pereira"}, {"Brooke", "Callahan"}}

func (g *gen) h26name() (string, string) {
	n := h26names[g.r.IntN(len(h26names))]
	return n[0], n[1]
}

// h26addr is a postal address (planted neutral).
func (g *gen) h26addr() string {
	return g.pick(
		fmt.Sprintf("Calle Uría %d, 33003 Oviedo", 1+g.r.IntN(80)),
		fmt.Sprintf("Via Maqueda %d, 90133 Palermo", 1+g.r.IntN(300)),
		fmt.Sprintf("ул. Коммунистическая, д. %d, Сыктывкар", 1+g.r.IntN(90)),
		fmt.Sprintf("Rue Saint-Gilles %d, 4000 Liège", 1+g.r.IntN(200)),
		fmt.Sprintf("Mangal Bazaar %d, Lalitpur 44700", 1+g.r.IntN(40)),
		fmt.Sprintf("Kerkstraat %d, 1017 GC Amsterdam", 1+g.r.IntN(400)),
		fmt.Sprintf("Mannerheimintie %d, 00100 Helsinki", 1+g.r.IntN(120)),
		fmt.Sprintf("%d Long Street, Cape Town 8001", 1+g.r.IntN(300)),
		fmt.Sprintf("東京都千代田区丸の内%d-%d-%d", 1+g.r.IntN(3), 1+g.r.IntN(9), 1+g.r.IntN(20)),
		fmt.Sprintf("Rua Augusta %d, São Paulo - SP, 01305-000", 100+g.r.IntN(2000)),
		fmt.Sprintf("%d N Clark St, Chicago, IL 60610", 100+g.r.IntN(3000)),
	)
}

func (g *gen) h26date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h26ver() string {
	return fmt.Sprintf("%d.%d.%d", 1+g.r.IntN(9), g.r.IntN(20), g.r.IntN(40))
}

// h26pemIn writes a private key block into f, each line after indent and ending with
// end, the header labelled.
func (g *gen) h26pemIn(f *file, indent, end string) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY"), 4, 10)
	f.add(indent+h+end, h15key(h))
	for _, b := range body {
		f.add(indent + b + end)
	}
	f.add(indent + ft + end)
}

// h26dsn is a connection URL with a password and its plant (core: the password).
func (g *gen) h26dsn(scheme, db string) (string, plant) {
	pw := g.h26plain()
	v := fmt.Sprintf("%s://%s:%s@%s/%s", scheme, g.h26user(), pw, g.h26host(), db)
	return v, plant{family: "password", kind: "secret", value: v, core: pw}
}

func (g *gen) h26b64doc() string {
	return base64.StdEncoding.EncodeToString([]byte(g.pick(`{"room":"lobby","lang":"ast"}`, "pass schedule ok", `{"plot":17,"crop":"fava"}`, "<asset tag=\"A-1\"/>", "meter feed ready")))
}

// h26card is a Luhn-valid payment card number, grouped or not.
func (g *gen) h26card() string {
	if g.r.IntN(4) == 0 {
		body := "35" + g.pick("28", "41", "66", "89") + g.s(digits, 11)
		n := body + string(luhnDigit(body))
		sep := g.pick(" ", "-", "")
		return n[:4] + sep + n[4:8] + sep + n[8:12] + sep + n[12:]
	}
	return g.card(g.r.IntN(2) == 0)
}

// h26pii is one piece of personal data with its plant.
func (g *gen) h26pii() (string, plant) {
	switch g.r.IntN(6) {
	case 0:
		v := g.h26email()
		return v, h15mail(v)
	case 1:
		v := g.h26phone()
		return v, h15tel(v)
	case 2:
		v := g.h26iban()
		return v, h15ib(v)
	case 3:
		v := g.h26card()
		return v, h15cc(v)
	case 4:
		v := g.h26nid()
		return v, h15id(v)
	}
	v := g.h26mynumber()
	return v, h15id(v)
}
