package main

// held25 is a twenty-sixth split in two halves, like held9..held24: "held25a" and
// "held25b" are both held out when first written (only their totals are read by anyone
// but their writer). Each family pairs two concrete shapes of one class; variant a goes
// to held25a and variant b to held25b, each half with its own seed. Written from the
// formats' own documentation and knowledge of real files, without reading the detector,
// its rules, their examples or the documentation of what it finds; the other splits'
// generators were read only for the framework's helpers and to choose families they do
// not cover.
//
// Shapes: ADS-B feeders (a PiAware piaware-config.txt against an fr24feed.ini), Zuul CI
// (zuul.conf against a zuul.d secrets and job YAML), EPICS controls (an IOC st.cmd
// against Phoebus settings.ini), iDempiere ERP (idempiereEnv.properties against a
// PostgreSQL COPY dump of ad_user), UK Bacs (a Standard 18 submission file against a
// bureau properties file), OpenCart (config.php against a MySQL dump of oc_customer and
// oc_setting), ThingsBoard (thingsboard.conf against a device bulk-import CSV), WoW
// emulators (TrinityCore worldserver.conf against an auth database account dump),
// event ticketing (pretix.cfg against a pretix orders export JSON), real estate (a RETS
// client YAML against an MLS listings CSV), Tarantool (an instance init.lua against a
// Cartridge instances.yml), MonetDB (a .monetdb file against msqldump output), Jamf Pro
// (DataBase.xml against an enrolment shell script), transit (an OpenTripPlanner
// router-config.json against OneBusAway data-sources.xml), dental practice (Open
// Dental FreeDentalConfig.xml against a recall list CSV), Gitea/Forgejo runners (a
// .runner registration file against act_runner config.yaml with a registration
// transcript), seismology (SeisComP scmaster.cfg against an fdsnws htpasswd file),
// captive portals (a CoovaChilli config against a guest registrations CSV), coworking
// front-desk messages (a JSON export in Ossetian, Kabyle, Maithili and Mazandarani
// against a text thread in Friulian, Chamorro, Turkmen and Buryat), ferry booking notes
// (a YAML export in Gilaki, Tetum, Kalmyk and Konkani against an e-mail in Papiamento,
// Ilocano, Upper Sorbian and Adyghe).
// PII: e-mails, phones of thirteen countries in national and international forms,
// Luhn-valid cards, IBANs of seven countries, UK sort code and account numbers, US SSNs,
// UK National Insurance numbers, Polish PESELs, Turkish TC Kimlik numbers, Spanish DNIs,
// Swedish personnummer and Chilean RUTs (all with valid check digits where the scheme
// has one). Postal addresses, UUIDs, account SIDs, feeder and device IDs are planted and
// labelled neutral. Hard negatives: password hashes and digests under secret names,
// public keys, placeholders, ${VAR} and template references, masked values, documented
// example keys, test-mode keys, version strings, checksums, ciphertexts and base64 of
// non-secrets.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

var h25words = []string{"Tskhinval", "Bgayet", "Janakpur", "Sari", "Udine", "Hagatna", "Mary", "UlanUde", "Rasht", "Dili", "Elista", "Panaji", "Willemstad", "Vigan", "Budysin", "Maykop", "Kestrel", "Geyser", "Ferryman", "Seismo", "Bacs", "Orbit"}

// h25pass is a password a person or a generator chose; its symbols survive the files'
// quoting (no quotes, backslashes, blanks, commas, semicolons, braces, <, > or &).
func (g *gen) h25pass() string {
	w := func() string { return g.pick(h25words...) }
	switch g.r.IntN(9) {
	case 0:
		return w() + g.pick("!", "#", "$", "%", "*", "?", "@", "^", "=", "~", "+") + g.s(digits, 2+g.r.IntN(3))
	case 1:
		return strings.ToLower(w()) + g.pick("-", ".", "_") + strings.ToLower(w()) + g.pick("", "!", "7", "42")
	case 2:
		return g.s(alnum+"!#$%*+-.?@^_=~", 16+g.r.IntN(14))
	case 3:
		return g.s(alnum, 20+g.r.IntN(12))
	case 4:
		return strings.NewReplacer("a", "@", "o", "0", "i", "1", "e", "3", "s", "$").Replace(strings.ToLower(w())) + g.pick("2026", "!!", "#1", "99")
	case 5:
		return g.s(upperD[:26], 1) + g.s(lower, 6) + g.s(digits, 2) + g.pick("!", "?", "%", "#", "*")
	case 6:
		return g.s(lower+digits, 5) + "-" + g.s(lower+digits, 5) + "-" + g.s(lower+digits, 5)
	case 7:
		return w() + g.s(digits, 4) + w()
	}
	return g.s(digits, 2) + g.pick("^", "~", "=") + w() + g.s(upperD[:26], 3)
}

// h25plain is a password of letters, digits, '-', '_' and '.' only.
func (g *gen) h25plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!#$%*+?@^=~", r) {
			return -1
		}
		return r
	}, g.h25pass()) + g.s(alnum, 3)
}

// h25rand is a machine-generated shared secret.
func (g *gen) h25rand() string {
	switch g.r.IntN(6) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 48, 64)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 2:
		return g.s(alnum, 32+g.r.IntN(20))
	case 3:
		return g.s(hexd, g.pick2(32, 48, 64))
	case 4:
		return strings.ToUpper(g.s(hexd, 40))
	}
	return g.s(alnum+"-_", 40)
}

type h25prov struct {
	fam string
	mk  func(g *gen) string
}

const h25bech = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"

var h25provs = []h25prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}},
	{"slack", func(g *gen) string {
		return "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	}},
	{"discord", func(g *gen) string {
		return "https://discord.com/api/webhooks/1" + g.s(digits, 18) + "/" + g.s(urlb64, 68)
	}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_", "rk_live_") + g.s(alnum, g.pick2(24, 99)) }},
	{"stripe", func(g *gen) string { return "whsec_" + g.s(alnum, 32) }},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }},
	{"doppler", func(g *gen) string { return "dp.pt." + g.s(alnum, 43) }},
	{"planetscale", func(g *gen) string { return "pscale_tkn_" + g.s(alnum+"_", 43) }},
	{"notion", func(g *gen) string { return "secret_" + g.s(alnum, 43) }},
	{"atlassian", func(g *gen) string {
		return "ATATT3xFfGF0" + g.s(urlb64, 170) + "=" + strings.ToUpper(g.s(hexd, 8))
	}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }},
	{"dropbox", func(g *gen) string { return "sl." + g.s(urlb64, 138) }},
	{"alibaba", func(g *gen) string { return "LTAI" + g.s(alnum, 20) }},
	{"firebase", func(g *gen) string { return "AAAA" + g.s(urlb64, 7) + ":APA91b" + g.s(urlb64, 134) }},
	{"newrelic", func(g *gen) string { return g.s(hexd, 36) + "NRAL" }},
	{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.s(h25bech, 58) }},
	{"rubygems", func(g *gen) string { return "rubygems_" + g.s(hexd, 48) }},
	{"dockerhub", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 140) }},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum+"_-", 90) }},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }},
	{"shopify", func(g *gen) string { return "shpat_" + g.s(hexd, 32) }},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }},
	{"grafana", func(g *gen) string {
		return "glc_" + base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf(`{"o":"%d","n":"%s","k":"%s","m":{"r":"prod-eu-west-2"}}`, 100000+g.r.IntN(899999), g.pick("stack-ferry", "otp-metrics", "seismo"), g.s(alnum, 24))))
	}},
	{"jwt", func(g *gen) string { return g.h25jwt() }},
}

func (g *gen) h25tok() (string, plant) {
	p := h25provs[g.r.IntN(len(h25provs))]
	v := p.mk(g)
	return v, h25webhookCore(secret(p.fam, v))
}

// h25webhookCore sets a webhook URL's core to its secret path token: a report of the
// token alone, or of the URL without its scheme, is a correct report.
func h25webhookCore(p plant) plant {
	for _, pre := range []string{"https://hooks.slack.com/services/", "https://discord.com/api/webhooks/"} {
		if strings.HasPrefix(p.value, pre) {
			p.core = p.value[strings.LastIndex(p.value, "/")+1:]
		}
	}
	return p
}

func (g *gen) h25jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"typ":"JWT","alg":"`+g.pick("HS256", "RS256", "ES256")+`"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"iss":"%s","sub":"%s","aud":"%s","iat":%d,"exp":%d}`, g.h25host(), g.h25user(), g.pick("api", "devices", "otp"), 1798000000+g.r.IntN(1e7), 1808000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h25neg is a value in a secret's slot that is not one; ambiguous values carry a
// neutral plant, plain placeholders none.
func (g *gen) h25neg() (string, []plant) {
	switch g.r.IntN(15) {
	case 0:
		return g.pick("changeme", "change_me", "<your-password>", "<token>", "YOUR_API_KEY_HERE", "xxxxxxxxxxxxxxxx", "example", "secret", "TODO"), nil
	case 1:
		return g.pick("${DB_PASSWORD}", "${API_TOKEN}", "$(cat /run/secrets/token)", "{{ secret }}", "{{ lookup('env','PASS') }}", "${env:SECRET}", "%(pass)s", "@@PASSWORD@@"), nil
	case 2:
		return g.pick("********", "•••••••", "<redacted>", "[MASKED]", "xxxx"+g.s(digits, 4)), nil
	case 3:
		v := "$2b$12$" + g.s("./"+alnum, 53)
		return v, []plant{neutral("hash", v)}
	case 4:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 5:
		v := g.s(hexd, 40)
		return v, []plant{neutral("hash", v)}
	case 6:
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"), nil
	case 7:
		v := "sk_test_" + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha256:" + g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 9:
		v := "pk_live_" + g.s(alnum, 24)
		return v, []plant{neutral("public-key", v)}
	case 10:
		v := "$6$" + g.s("./"+alnum, 16) + "$" + g.s("./"+alnum, 86)
		return v, []plant{neutral("hash", v)}
	case 11:
		return "", nil
	case 12:
		v := g.h25ver()
		return v, []plant{neutral("version", v)}
	case 13:
		v := "{SSHA}" + base64.StdEncoding.EncodeToString(g.h16bytes(24))
		return v, []plant{neutral("hash", v)}
	}
	return g.pick("none", "null", "false", "disabled"), nil
}

func (g *gen) h25pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h25neg()
	}
	v := g.h25pass()
	return v, []plant{h15pw(v)}
}

// h25ppv is h25pv with the plain alphabet (no blanks or symbols in the negatives).
func (g *gen) h25ppv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		v, ps := g.h25neg()
		if v == "" || strings.ContainsAny(v, " |*$%{}()@#:<>[]•/,=+'") {
			return "changeme", nil
		}
		return v, ps
	}
	v := g.h25plain()
	return v, []plant{h15pw(v)}
}

func (g *gen) h25tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h25neg()
	}
	v, p := g.h25tok()
	return v, []plant{p}
}

func (g *gen) h25gv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h25neg()
	}
	v := g.h25rand()
	return v, []plant{h15gen(v)}
}

var h25orgs = []string{"udine-hub.it", "dili-ferries.tl", "elista-seismo.ru", "panaji-cowork.in", "willemstad-realty.cw", "vigan-transit.ph", "budysin-dental.de", "rasht-tickets.ir", "hagatna-wifi.gu", "bgayet-shop.dz", "mary-adsb.tm", "example.net"}

func (g *gen) h25host() string {
	return g.pick("db", "zuul", "ioc", "erp", "bacs", "shop", "tb", "auth", "pretix", "rets", "tt", "monet", "jamf", "otp", "dental", "runner", "seiscomp", "hotspot", "api", "mysql") + g.pick("", "1", "-prod", "-stg", "02") + "." + g.pick(h25orgs...)
}

func (g *gen) h25user() string {
	return g.pick("svc_", "app-", "", "ops.", "adm_", "sync_") + g.pick("piaware", "zuul", "epics", "idempiere", "bacs", "opencart", "thingsboard", "trinity", "pretix", "rets", "tarantool", "monetdb", "jamf", "otp", "opendental", "runner", "sysop", "chilli", "frontdesk", "ferry")
}

var h25first = []string{"alan.dzasokhov", "zaur", "lounes", "tassadit", "sita.jha", "ramesh.m", "parisa", "mehdi.r", "giulia.d", "nadia.f", "juan.taitano", "rosa.c", "myrat", "aygul.b", "bair", "dulma.z", "reza.g", "maria.xim", "sanal", "dorji.o", "anant.n", "shweta", "shayenne", "rigoberto", "juanito", "marites", "jan.krawc", "hanka.s", "aslan.k", "saida.t"}
var h25domains = []string{"gmail.com", "mail.ru", "yahoo.fr", "outlook.com", "rediffmail.com", "yahoo.it", "guam.net", "hotmail.com", "proton.me", "yandex.ru", "timor-telecom.tl", "gmx.de", "icloud.com", "setarnet.aw", "wp.pl", "btinternet.com"}

func (g *gen) h25email() string {
	return g.pick(h25first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h25domains...)
}

// h25phone is a mobile or landline number in one of thirteen countries' forms.
func (g *gen) h25phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(16) {
	case 0:
		return "07" + g.pick("4", "5", "7", "8", "9") + d(2) + " " + d(6)
	case 1:
		return "+44 7" + g.pick("4", "5", "7", "8", "9") + d(2) + " " + d(6)
	case 2:
		return fmt.Sprintf("(%s) %d%s-%s", h25area(2+g.r.IntN(8), d(2)), 2+g.r.IntN(8), g.pick("23", "47", "81", "39"), d(4))
	case 3:
		return fmt.Sprintf("+1 %s %d%s %s", h25area(2+g.r.IntN(8), d(2)), 2+g.r.IntN(8), g.pick("12", "64", "90", "38"), d(4))
	case 4:
		return "08" + g.pick("3", "5", "6", "7", "9") + " " + d(3) + " " + d(4)
	case 5:
		return "+48 " + g.pick("5", "6", "7", "8") + d(2) + " " + d(3) + " " + d(3)
	case 6:
		return "0 (5" + d(2) + ") " + d(3) + " " + d(2) + " " + d(2)
	case 7:
		return "+90 5" + d(2) + " " + d(3) + " " + d(2) + " " + d(2)
	case 8:
		return "6" + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 9:
		return "07" + g.pick("0", "2", "3", "6") + "-" + d(3) + " " + d(2) + " " + d(2)
	case 10:
		return "+56 9 " + d(4) + " " + d(4)
	case 11:
		return "+91 " + g.pick("9", "8", "7") + d(4) + " " + d(5)
	case 12:
		return "+254 7" + d(2) + " " + d(3) + " " + d(3)
	case 13:
		return "09" + g.pick("17", "18", "27", "99") + " " + d(3) + " " + d(4)
	case 14:
		return "+52 55 " + d(4) + " " + d(4)
	}
	return "+7 9" + d(2) + " " + d(3) + "-" + d(2) + "-" + d(2)
}

// h25areas are assigned North American area codes (US states and Guam).
var h25areas = []string{"201", "202", "206", "212", "213", "214", "217", "305", "312", "313", "404", "415", "503", "512", "602", "617", "671", "702", "713", "718", "773", "808", "907", "917", "925"}

// h25area maps a drawn first digit and two more onto an assigned area code.
func h25area(first int, rest string) string {
	n := first*100 + int(rest[0]-'0')*10 + int(rest[1]-'0')
	return h25areas[n%len(h25areas)]
}

// h25iban is an IBAN with valid check digits of one of seven countries.
func (g *gen) h25iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(7) {
	case 0:
		return ibanWith("GB", g.pick("NWBK", "BARC", "LOYD", "HBUK", "MONZ")+d(14))
	case 1:
		return ibanWith("PL", d(24))
	case 2:
		return ibanWith("TR", d(5)+"0"+d(16))
	case 3:
		return ibanWith("ES", d(20))
	case 4:
		return ibanWith("SE", d(20))
	case 5:
		return ibanWith("IE", g.pick("AIBK", "BOFI", "IPBS")+d(14))
	}
	return ibanWith("IT", g.s(upperD[:26], 1)+d(10)+d(12))
}

// h25pesel is a Polish PESEL: birth date (month +20 after 2000), serial, and the check
// digit with weights 1 3 7 9 repeated.
func (g *gen) h25pesel() string {
	y := 1950 + g.r.IntN(60)
	m := 1 + g.r.IntN(12)
	if y >= 2000 {
		m += 20
	}
	ds := fmt.Sprintf("%02d%02d%02d%04d", y%100, m, 1+g.r.IntN(28), g.r.IntN(10000))
	w := []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	s := 0
	for i := range ds {
		s += int(ds[i]-'0') * w[i]
	}
	return ds + fmt.Sprint((10-s%10)%10)
}

// h25tckn is a Turkish TC Kimlik number: ten digits from the first nine and the
// eleventh from the first ten.
func (g *gen) h25tckn() string {
	d := []int{1 + g.r.IntN(9)}
	for i := 0; i < 8; i++ {
		d = append(d, g.r.IntN(10))
	}
	odd := d[0] + d[2] + d[4] + d[6] + d[8]
	even := d[1] + d[3] + d[5] + d[7]
	d10 := ((odd*7-even)%10 + 10) % 10
	d = append(d, d10)
	s := 0
	for _, x := range d {
		s += x
	}
	d = append(d, s%10)
	var b strings.Builder
	for _, x := range d {
		b.WriteByte(byte('0' + x))
	}
	return b.String()
}

// h25dni is a Spanish DNI: eight digits and the letter of their remainder mod 23.
func (g *gen) h25dni() string {
	n := 10000000 + g.r.IntN(89999999)
	return fmt.Sprintf("%08d%c", n, "TRWAGMYFPDXBNJZSQVHLCKE"[n%23])
}

// h25pnr is a Swedish personnummer YYMMDD-NNNC with its Luhn check digit.
func (g *gen) h25pnr() string {
	ds := fmt.Sprintf("%02d%02d%02d%03d", g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(1000))
	s := 0
	for i := range ds {
		v := int(ds[i]-'0') * (2 - i%2)
		s += v/10 + v%10
	}
	return ds[:6] + g.pick("-", "") + ds[6:] + fmt.Sprint((10-s%10)%10)
}

// h25rut is a Chilean RUT NN.NNN.NNN-D: weights 2..7 from the right, 11 - remainder,
// K for 10 and 0 for 11.
func (g *gen) h25rut() string {
	n := 5000000 + g.r.IntN(20000000)
	ds := fmt.Sprint(n)
	s, w := 0, 2
	for i := len(ds) - 1; i >= 0; i-- {
		s += int(ds[i]-'0') * w
		w++
		if w > 7 {
			w = 2
		}
	}
	dv := ""
	switch c := 11 - s%11; c {
	case 11:
		dv = "0"
	case 10:
		dv = "K"
	default:
		dv = fmt.Sprint(c)
	}
	return fmt.Sprintf("%d.%03d.%03d-%s", n/1000000, n/1000%1000, n%1000, dv)
}

// h25ssn is a US social security number outside the never-issued areas.
func (g *gen) h25ssn() string {
	a := 1 + g.r.IntN(899)
	for a == 666 {
		a = 1 + g.r.IntN(899)
	}
	return fmt.Sprintf("%03d-%02d-%04d", a, 1+g.r.IntN(99), 1+g.r.IntN(9999))
}

// h25nino is a UK National Insurance number with an allowed prefix and suffix.
func (g *gen) h25nino(spaced bool) string {
	for {
		a, b := g.s("ABCEGHJKLMNOPRSTWXYZ", 1), g.s("ABCEGHJKLMNPRSTWXYZ", 1)
		switch a + b {
		case "BG", "GB", "NK", "KN", "TN", "NT", "ZZ":
			continue
		}
		n := g.s(digits, 6)
		c := g.s("ABCD", 1)
		if spaced {
			return a + b + " " + n[:2] + " " + n[2:4] + " " + n[4:] + " " + c
		}
		return a + b + n + c
	}
}

func (g *gen) h25nid() string {
	switch g.r.IntN(5) {
	case 0:
		return g.h25pesel()
	case 1:
		return g.h25tckn()
	case 2:
		return g.h25dni()
	case 3:
		return g.h25pnr()
	}
	return g.h25rut()
}

var h25names = [][2]string{{"Alan", "Dzasokhov"}, {"Zarina", "Gagloeva"}, {"Lounès", "Aït Ali"}, {"Tassadit", "Yacine"}, {"Sita", "Jha"}, {"Ramesh", "Mishra"}, {"Parisa", "Rezaei"}, {"Mehdi", "Tabari"}, {"Giulia", "Del Fabbro"}, {"Nadia", "Furlan"}, {"Juan", "Taitano"}, {"Rosa", "Camacho"}, {"Myrat", "Orazow"}, {"Aýgul", "Berdiýewa"}, {"Bair", "Tsydenov"}, {"Dulma", "Zhamsoeva"}, {"Sanal", "Ochirov"}, {"Anant", "Naik"}, {"Shweta", "Kamat"}, {"Shayenne", "Martina"}, {"Rigoberto", "Isenia"}, {"Marites", "Agbayani"}, {"Jan", "Krawc"}, {"Hanka", "Šołćina"}, {"Aslan", "Khatkov"}, {"Oliver", "Pemberton"}, {"Emily", "Hargreaves"}, {"Kayla", "Ortiz"}}

func (g *gen) h25name() (string, string) {
	n := h25names[g.r.IntN(len(h25names))]
	return n[0], n[1]
}

// h25addr is a postal address (planted neutral).
func (g *gen) h25addr() string {
	return g.pick(
		fmt.Sprintf("Via Mercatovecchio %d, 33100 Udine", 1+g.r.IntN(60)),
		fmt.Sprintf("Rua de Coimbra %d, Dili", 1+g.r.IntN(90)),
		fmt.Sprintf("ul. Lenina %d, Elista 358000", 1+g.r.IntN(200)),
		fmt.Sprintf("%d Marine Corps Dr, Hagåtña, GU 96910", 100+g.r.IntN(800)),
		fmt.Sprintf("Handelskade %d, Willemstad", 1+g.r.IntN(50)),
		fmt.Sprintf("%d Crisologo St, Vigan City, Ilocos Sur", 1+g.r.IntN(120)),
		fmt.Sprintf("Reichenstraße %d, 02625 Bautzen", 1+g.r.IntN(70)),
		fmt.Sprintf("%d Kingsway, Manchester M19 2LL", 1+g.r.IntN(400)),
		fmt.Sprintf("%d Elm Street, Springfield, IL 62704", 100+g.r.IntN(900)),
		fmt.Sprintf("Rua de Ourem %d, Panaji, Goa 403001", 1+g.r.IntN(99)),
	)
}

func (g *gen) h25date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h25ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h25ver() string {
	return fmt.Sprintf("%d.%d.%d", 1+g.r.IntN(12), g.r.IntN(30), g.r.IntN(60))
}

// h25pemIn writes a private key block into f, each line after indent and ending with
// end, the header labelled.
func (g *gen) h25pemIn(f *file, indent, end string) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"), 4, 10)
	f.add(indent+h+end, h15key(h))
	for _, b := range body {
		f.add(indent + b + end)
	}
	f.add(indent + ft + end)
}

// h25pemOneLine is a private key block with its line breaks written \n (the plant's
// core is the header).
func (g *gen) h25pemOneLine() (string, plant) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY"), 4, 10)
	v := h + `\n` + strings.Join(body, `\n`) + `\n` + ft + `\n`
	return v, plant{family: "private-key", kind: "secret", value: v, core: h}
}

// h25pubLine is an OpenSSH public key (neutral).
func (g *gen) h25pubLine() (string, plant) {
	v := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64, 43) + " " + g.h25user() + "@" + g.pick("laptop", "ci", "bastion")
	return v, neutral("public-key", v)
}

// h25dsn is a connection URL with a password and its plant (core: the password).
func (g *gen) h25dsn(scheme, db string) (string, plant) {
	pw := g.h25plain()
	v := fmt.Sprintf("%s://%s:%s@%s/%s", scheme, g.h25user(), pw, g.h25host(), db)
	return v, plant{family: "password", kind: "secret", value: v, core: pw}
}

func (g *gen) h25b64doc() string {
	return base64.StdEncoding.EncodeToString([]byte(g.pick(`{"station":"ELT1","net":"GE"}`, "feeder status ok", `{"theme":"light","lang":"fur"}`, "<config version=\"2\"/>", "departures board v3")))
}

// h25card is a Luhn-valid payment card number, grouped or not.
func (g *gen) h25card() string {
	if g.r.IntN(4) == 0 {
		body := "6011" + g.s(digits, 11)
		n := body + string(luhnDigit(body))
		sep := g.pick(" ", "-", "")
		return n[:4] + sep + n[4:8] + sep + n[8:12] + sep + n[12:]
	}
	return g.card(g.r.IntN(2) == 0)
}
