package main

// held24 is a twenty-fifth split in two halves, like held9..held23: "held24a" and
// "held24b" are both held out when first written (only their totals are read by anyone
// but their writer). Each family pairs two concrete shapes of one class; variant a goes
// to held24a and variant b to held24b, each half with its own seed. Written from the
// formats' own documentation and knowledge of real files, without reading the detector,
// its rules, their examples or the documentation of what it finds; the other splits'
// generators were read only for the framework's helpers and to choose families they do
// not cover.
//
// Shapes: KNX (an xknx YAML connection against a .knxkeys keyring), TR-069 (a GenieACS
// environment file against a CWMP SetParameterValues envelope), JD Edwards (jde.ini
// against jdbj.ini), device fleets (a balenaOS config.json against a Mender
// provisioning script), GoCD (cruise-config.xml against a .gocd.yaml config repo),
// smart metering (a Gurux DLMS device file against a DSMR-reader environment with P1
// telegrams), freight forwarding (a CargoWise eAdaptor connection XML against a carrier
// accounts YAML), X-Road (a security server local.ini against a logged X-Road SOAP
// request), microscopy (OMERO server config output against an OMERO Python script),
// terminal workspaces (a Zellij KDL layout against a tmuxinator project), Brazilian
// banking (a CNAB 240 remittance file against a Pix API .env), OS deployment (an MDT
// Bootstrap.ini against a task sequence variable dump), warehouse scripts (a Teradata
// BTEQ script against a Netezza nzsql shell script), clinical research (REDCap
// database.php against a REDCap records export), video surveillance (ZoneMinder zm.conf
// against a Shinobi conf.json), marine data (Signal K security.json against Signal K
// plugin settings), music servers (mopidy.conf against navidrome.toml), school
// information systems (a PowerSchool plugin.xml against a student export), veterinary
// appointment messages (a JSON export in Syriac, Romansh, Setswana and Balinese against
// a text log in Judeo-Spanish, West Frisian, Maori and Chichewa), driver support notes
// (an XML export in Occitan, Corsican, Sesotho, Cornish and Luganda against Markdown
// notes in Sardinian, Manx, Kikuyu, Aymara and Bislama).
// PII: e-mails, phones of fourteen countries in national and international forms,
// Luhn-valid cards, IBANs of seven countries, Brazilian CPFs, Dutch BSNs, Swiss AHV
// numbers, New Zealand IRD numbers and Israeli ID numbers (all with valid check digits),
// bank account numbers. Postal addresses, service mailboxes, company CNPJs, meter
// serials, UUIDs, client IDs and notification user keys are planted and labelled
// neutral. Hard negatives: password hashes and digests under secret names, public keys,
// placeholders, ${VAR} and template references, masked values, documented example keys,
// test-mode keys, version strings, build IDs, checksums and base64 of non-secrets.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

var h24words = []string{"Aramaic", "Chur", "Gaborone", "Ubud", "Salonika", "Ljouwert", "Rotorua", "Zomba", "Tolosa", "Bastia", "Maseru", "Kernow", "Kampala", "Cagliari", "Douglas", "Nyeri", "Oruro", "Vila", "Tallinn", "Recife", "Delft", "Haifa"}

// h24pass is a password a person or a generator chose; its symbols survive the files'
// quoting (no quotes, backslashes, blanks, commas, braces, <, > or &).
func (g *gen) h24pass() string {
	w := func() string { return g.pick(h24words...) }
	switch g.r.IntN(8) {
	case 0:
		return w() + g.pick("!", "#", "$", "%", "*", "?", "@", "^", "=", "~", "+") + g.s(digits, 2+g.r.IntN(3))
	case 1:
		return strings.ToLower(w()) + g.pick("-", ".", "_") + strings.ToLower(w()) + g.pick("", "!", "9", "77")
	case 2:
		return g.s(alnum+"!#$%*+-.?@^_=~", 14+g.r.IntN(14))
	case 3:
		return g.s(alnum, 18+g.r.IntN(14))
	case 4:
		return strings.NewReplacer("a", "4", "o", "0", "i", "1", "e", "3").Replace(strings.ToLower(w())) + g.pick("2025", "2026", "!1", "$$")
	case 5:
		return g.s(upperD[:26], 1) + g.s(lower, 5) + g.s(digits, 3) + g.pick("!", "?", "%", "#")
	case 6:
		return g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(lower, 4) + "-" + g.s(digits, 2)
	}
	return g.s(digits, 3) + w() + g.pick("_", ".") + g.s(upperD[:26], 2) + g.s(digits, 1)
}

// h24plain is a password of letters, digits, '-', '_' and '.' only.
func (g *gen) h24plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!#$%*+?@^=~", r) {
			return -1
		}
		return r
	}, g.h24pass()) + g.s(alnum, 2)
}

// h24rand is a machine-generated shared secret.
func (g *gen) h24rand() string {
	switch g.r.IntN(6) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 33, 48)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 2:
		return g.s(alnum, 30+g.r.IntN(20))
	case 3:
		return g.s(hexd, g.pick2(32, 40, 64))
	case 4:
		return strings.ToUpper(g.s(hexd, 32))
	}
	return g.s(alnum, 12) + g.s(hexd, 20)
}

type h24prov struct {
	fam string
	mk  func(g *gen) string
}

var h24provs = []h24prov{
	{"aws", func(g *gen) string { return "AKIA" + g.s(b32, 16) }},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "ghu_", "ghr_")) }},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }},
	{"slack", func(g *gen) string {
		return "xoxp-" + g.s(digits, 11) + "-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(hexd, 32)
	}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_", "rk_live_") + g.s(alnum, g.pick2(24, 99)) }},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }},
	{"tailscale", func(g *gen) string { return "tskey-auth-k" + g.s(alnum, 10) + "CNTRL-" + g.s(alnum, 33) }},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum, 24) }},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_") + g.s(hexd, 32) }},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 8+g.r.IntN(2)) + ":AA" + g.s(urlb64, 33) }},
	{"discord", func(g *gen) string {
		return base64.RawStdEncoding.EncodeToString([]byte("1"+g.s(digits, 17))) + "." + g.s(urlb64, 6) + "." + g.s(urlb64, 38)
	}},
	{"mapbox", func(g *gen) string {
		return "sk." + base64.RawURLEncoding.EncodeToString([]byte(`{"u":"`+g.pick("recife-ops", "ubud-maps", "zomba")+`","a":"`+g.s(lower+digits, 25)+`"}`)) + "." + g.s(urlb64, 22)
	}},
	{"jwt", func(g *gen) string { return g.h24jwt() }},
}

func (g *gen) h24tok() (string, plant) {
	p := h24provs[g.r.IntN(len(h24provs))]
	v := p.mk(g)
	return v, secret(p.fam, v)
}

func (g *gen) h24jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"`+g.pick("HS256", "RS256", "HS512")+`","typ":"JWT"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"sub":"%s","iss":"https://%s","iat":%d,"exp":%d,"scope":"%s"}`, g.h24user(), g.h24host(), 1797000000+g.r.IntN(1e7), 1807000000+g.r.IntN(1e8), g.pick("read write", "admin", "device")))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h24neg is a value in a secret's slot that is not one; ambiguous values carry a
// neutral plant, plain placeholders none.
func (g *gen) h24neg() (string, []plant) {
	switch g.r.IntN(14) {
	case 0:
		return g.pick("changeme", "change-me", "<your-token>", "<password>", "PUT_PASSWORD_HERE", "xxxxxxxxxxxx", "example", "password", "TBD"), nil
	case 1:
		return g.pick("${PASSWORD}", "${SECRET_KEY}", "$(TOKEN)", "{{ .Secret }}", "{{ vault_password }}", "${env:API_KEY}", "%(password)s", "#{secret}"), nil
	case 2:
		return g.pick("********", "●●●●●●●●", "<hidden>", "[REDACTED]", "****"+g.s(digits, 4)), nil
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
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"), nil
	case 7:
		v := "sk_test_" + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha1:" + g.s(hexd, 40)
		return v, []plant{neutral("hash", v)}
	case 9:
		v := "pk_live_" + g.s(alnum, 24)
		return v, []plant{neutral("public-key", v)}
	case 10:
		v := "$argon2id$v=19$m=65536,t=3,p=4$" + g.s(b64[:64], 22) + "$" + g.s(b64[:64], 43)
		return v, []plant{neutral("hash", v)}
	case 11:
		return "", nil
	case 12:
		v := "v" + g.h24ver()
		return v, []plant{neutral("version", v)}
	}
	return g.pick("none", "null", "false", "off"), nil
}

func (g *gen) h24pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h24neg()
	}
	v := g.h24pass()
	return v, []plant{h15pw(v)}
}

// h24ppv is h24pv with the plain alphabet (no blanks or symbols in the negatives).
func (g *gen) h24ppv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		v, ps := g.h24neg()
		if v == "" || strings.ContainsAny(v, " |*$%{}()@#:<>[]●/,=+") {
			return "changeme", nil
		}
		return v, ps
	}
	v := g.h24plain()
	return v, []plant{h15pw(v)}
}

func (g *gen) h24tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h24neg()
	}
	v, p := g.h24tok()
	return v, []plant{p}
}

func (g *gen) h24gv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h24neg()
	}
	v := g.h24rand()
	return v, []plant{h15gen(v)}
}

var h24orgs = []string{"chur-knx.ch", "gaborone-isp.co.bw", "ubud-vet.id", "ljouwert-meters.nl", "rotorua-freight.co.nz", "zomba-clinic.mw", "tolosa-transports.fr", "maseru-rides.co.ls", "kampala-schools.ug", "cagliari-lab.it", "recife-pagamentos.com.br", "tallinn-xroad.ee", "haifa-marine.co.il", "example.org"}

func (g *gen) h24host() string {
	return g.pick("db", "acs", "jde", "fleet", "go", "hes", "edi", "ss1", "omero", "nvr", "signalk", "music", "sis", "redcap", "td", "nz", "api", "pg") + g.pick("", "2", "-prod", "-dr", "01") + "." + g.pick(h24orgs...)
}

func (g *gen) h24user() string {
	return g.pick("svc_", "app-", "", "ops.", "int_", "etl_") + g.pick("knx", "genieacs", "jde", "balena", "gocd", "dlms", "cargowise", "xroad", "omero", "zellij", "pix", "mdt", "bteq", "redcap", "zm", "signalk", "mopidy", "powerschool", "vetdesk", "rides")
}

var h24first = []string{"shemon", "ninos.y", "gian-andrea", "mirta", "kagiso", "lesedi.m", "wayan", "ketut.s", "rivka", "yakov.a", "sjoerd", "wytske", "aroha", "tane.w", "chikondi", "thoko", "peire", "ghjuvanni", "lerato", "kenan", "jory.p", "nakato", "ssemakula", "bachisio", "illiam", "wanjiru", "kimani.k", "wayra", "jeanine.t", "noa.levi"}
var h24domains = []string{"gmail.com", "bluewin.ch", "mascom.bw", "telkom.net.id", "walla.co.il", "ziggo.nl", "xtra.co.nz", "yahoo.com", "free.fr", "uol.com.br", "hotmail.com", "proton.me", "mail.ee", "libero.it", "manx.net", "outlook.com"}

func (g *gen) h24email() string {
	return g.pick(h24first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h24domains...)
}

// h24phone is a mobile number in one of fourteen countries' forms.
func (g *gen) h24phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(15) {
	case 0:
		return "(" + g.pick("11", "21", "81", "71") + ") 9" + h24lead(d(4), "6789") + "-" + d(4)
	case 1:
		return "+55 " + g.pick("11", "81", "61") + " 9" + h24lead(d(4), "6789") + "-" + d(4)
	case 2:
		return "06-" + h24lead(d(8), "12345")
	case 3:
		return "+31 6 " + h24lead(d(4), "12345") + " " + d(4)
	case 4:
		return "07" + g.pick("6", "7", "8", "9") + " " + d(3) + " " + d(2) + " " + d(2)
	case 5:
		return "+41 7" + g.pick("6", "7", "8", "9") + " " + d(3) + " " + d(2) + " " + d(2)
	case 6:
		return "+267 7" + g.pick("1", "2", "4", "7") + " " + d(3) + " " + d(3)
	case 7:
		return "021 " + d(3) + " " + d(4)
	case 8:
		return "+64 2" + g.pick("1", "2", "7") + " " + d(3) + " " + d(4)
	case 9:
		return "05" + g.pick("0", "2", "4", "8") + "-" + d(3) + "-" + d(4)
	case 10:
		return "+972 5" + g.pick("0", "2", "4") + "-" + d(3) + "-" + d(4)
	case 11:
		return "+265 99" + d(1) + " " + d(3) + " " + d(3)
	case 12:
		return "+256 7" + g.pick("0", "5", "7", "8") + d(1) + " " + d(6)
	case 13:
		return "+372 5" + d(3) + " " + d(4)
	}
	return "08" + g.pick("12", "13", "57", "77") + "-" + d(4) + "-" + d(4)
}

// h24lead maps the first digit of ds into the digits a numbering plan allows there
// (Dutch mobiles are 06-1 to 06-5, Brazilian ones 9 and then 6 to 9).
func h24lead(ds, allowed string) string {
	return string(allowed[int(ds[0]-'0')%len(allowed)]) + ds[1:]
}

// h24iban is an IBAN with valid check digits of one of seven countries.
func (g *gen) h24iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(7) {
	case 0:
		return ibanWith("NL", g.pick("ABNA", "INGB", "RABO", "SNSB", "TRIO")+d(10))
	case 1:
		return ibanWith("CH", d(5)+g.s(upperD, 12))
	case 2:
		return ibanWith("BR", d(8)+d(5)+d(10)+g.pick("C", "P")+"1")
	case 3:
		return ibanWith("EE", d(16))
	case 4:
		return ibanWith("IL", d(19))
	case 5:
		return ibanWith("IT", g.s(upperD[:26], 1)+d(10)+g.s(upperD, 12))
	}
	return ibanWith("DE", d(18))
}

// h24cpf is a Brazilian CPF NNN.NNN.NNN-DD: two mod-11 check digits over the nine
// digits with weights 10..2 and then 11..2.
func (g *gen) h24cpf(punct bool) string {
	ds := g.s("123456789", 1) + g.s(digits, 8)
	for len(ds) < 11 {
		s := 0
		for i := range ds {
			s += int(ds[i]-'0') * (len(ds) + 1 - i)
		}
		c := 11 - s%11
		if c >= 10 {
			c = 0
		}
		ds += fmt.Sprint(c)
	}
	if !punct {
		return ds
	}
	return ds[:3] + "." + ds[3:6] + "." + ds[6:9] + "-" + ds[9:]
}

// h24cnpj is a Brazilian company number (planted neutral: it names a company).
func (g *gen) h24cnpj() string {
	ds := g.s(digits, 8) + "0001"
	for len(ds) < 14 {
		ws := []int{5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2}
		if len(ds) == 13 {
			ws = append([]int{6}, ws...)
		}
		s := 0
		for i := range ds {
			s += int(ds[i]-'0') * ws[i]
		}
		c := 11 - s%11
		if c >= 10 {
			c = 0
		}
		ds += fmt.Sprint(c)
	}
	return ds[:2] + "." + ds[2:5] + "." + ds[5:8] + "/" + ds[8:12] + "-" + ds[12:]
}

// h24bsn is a Dutch BSN: nine digits passing the eleven test (9..2 and -1).
func (g *gen) h24bsn() string {
	for {
		ds := g.s("123456789", 1) + g.s(digits, 7)
		s := 0
		for i := range ds {
			s += int(ds[i]-'0') * (9 - i)
		}
		// s - d9 ≡ 0 (mod 11)
		if c := s % 11; c < 10 {
			return ds + fmt.Sprint(c)
		}
	}
}

// h24ahv is a Swiss AHV number 756.NNNN.NNNN.NC with its EAN-13 check digit.
func (g *gen) h24ahv() string {
	ds := "756" + g.s(digits, 9)
	s := 0
	for i := range ds {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		s += int(ds[i]-'0') * w
	}
	ds += fmt.Sprint((10 - s%10) % 10)
	return ds[:3] + "." + ds[3:7] + "." + ds[7:11] + "." + ds[11:]
}

// h24ird is a New Zealand IRD number NNN-NNN-NNN (weights 3 2 7 6 5 4 3 2, check 11 -
// remainder, the secondary weights when it is 10).
func (g *gen) h24ird() string {
	for {
		ds := fmt.Sprintf("%08d", 10000000+g.r.IntN(89999999))
		c := h24irdCheck(ds, []int{3, 2, 7, 6, 5, 4, 3, 2})
		if c == 10 {
			c = h24irdCheck(ds, []int{7, 4, 3, 2, 5, 2, 7, 6})
		}
		if c == 10 {
			continue
		}
		v := "0" + ds + fmt.Sprint(c)
		v = v[1:]
		return v[:3] + "-" + v[3:6] + "-" + v[6:]
	}
}

func h24irdCheck(ds string, w []int) int {
	s := 0
	for i := range ds {
		s += int(ds[i]-'0') * w[i]
	}
	r := s % 11
	if r == 0 {
		return 0
	}
	return 11 - r
}

// h24tz is an Israeli ID number: eight digits and a Luhn-style check digit (weights 1 2
// alternating, digits of products summed).
func (g *gen) h24tz() string {
	ds := g.s("0123", 1) + g.s(digits, 7)
	s := 0
	for i := range ds {
		p := int(ds[i]-'0') * (1 + i%2)
		s += p/10 + p%10
	}
	return ds + fmt.Sprint((10-s%10)%10)
}

func (g *gen) h24nid() string {
	switch g.r.IntN(5) {
	case 0:
		return g.h24cpf(true)
	case 1:
		return g.h24bsn()
	case 2:
		return g.h24ahv()
	case 3:
		return g.h24ird()
	}
	return g.h24tz()
}

var h24names = [][2]string{{"Shemon", "Yacoub"}, {"Ninos", "Youkhana"}, {"Gian-Andrea", "Caduff"}, {"Mirta", "Derungs"}, {"Kagiso", "Molefe"}, {"Lesedi", "Mokgosi"}, {"Wayan", "Sudarsana"}, {"Ketut", "Suryani"}, {"Rivka", "Alhadeff"}, {"Yakov", "Benveniste"}, {"Sjoerd", "de Vries"}, {"Wytske", "Hoekstra"}, {"Aroha", "Ngata"}, {"Tāne", "Whaanga"}, {"Chikondi", "Banda"}, {"Thoko", "Phiri"}, {"Peire", "Castanhièr"}, {"Ghjuvanni", "Santucci"}, {"Lerato", "Mofokeng"}, {"Jory", "Pascoe"}, {"Nakato", "Ssemakula"}, {"Bachisio", "Murgia"}, {"Illiam", "Quayle"}, {"Wanjiru", "Kamau"}, {"Wayra", "Mamani"}, {"Jeanine", "Tari"}, {"João", "Cavalcanti"}, {"Kadri", "Tamm"}}

func (g *gen) h24name() (string, string) {
	n := h24names[g.r.IntN(len(h24names))]
	return n[0], n[1]
}

// h24addr is a postal address (planted neutral).
func (g *gen) h24addr() string {
	return g.pick(
		fmt.Sprintf("Reichsgasse %d, 7000 Chur", 1+g.r.IntN(80)),
		fmt.Sprintf("Plot %d, Broadhurst, Gaborone", 100+g.r.IntN(9000)),
		fmt.Sprintf("Jl. Monkey Forest No. %d, Ubud, Bali", 1+g.r.IntN(120)),
		fmt.Sprintf("Nieuwestad %d, 8911 CK Leeuwarden", 1+g.r.IntN(150)),
		fmt.Sprintf("%d Fenton St, Rotorua 3010", 1+g.r.IntN(900)),
		fmt.Sprintf("Rua da Aurora %d, Recife - PE, 50050-000", 1+g.r.IntN(1500)),
		fmt.Sprintf("Narva mnt %d, 10117 Tallinn", 1+g.r.IntN(90)),
		fmt.Sprintf("Via Roma %d, 09124 Cagliari", 1+g.r.IntN(200)),
		fmt.Sprintf("Plot %d Kampala Road, Kampala", 1+g.r.IntN(99)),
	)
}

func (g *gen) h24date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h24ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h24ver() string {
	return fmt.Sprintf("%d.%d.%d", 1+g.r.IntN(9), g.r.IntN(40), g.r.IntN(100))
}

// h24pemIn writes a private key block into f, each line after indent and ending with
// end, the header labelled.
func (g *gen) h24pemIn(f *file, indent, end string) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"), 4, 10)
	f.add(indent+h+end, h15key(h))
	for _, b := range body {
		f.add(indent + b + end)
	}
	f.add(indent + ft + end)
}

// h24pemOneLine is a private key block with its line breaks written \n (the plant's
// core is the header).
func (g *gen) h24pemOneLine() (string, plant) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "EC PRIVATE KEY"), 4, 10)
	v := h + `\n` + strings.Join(body, `\n`) + `\n` + ft + `\n`
	return v, plant{family: "private-key", kind: "secret", value: v, core: h}
}

// h24pubIn writes a public key block (neutral, first body line labelled).
func (g *gen) h24pubIn(f *file, indent, end string) {
	f.add(indent + "-----BEGIN PUBLIC KEY-----" + end)
	first := "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + g.s(b64, 20)
	f.add(indent+first+end, neutral("public-key", first))
	for i := 0; i < 4; i++ {
		f.add(indent + g.s(b64, 64) + end)
	}
	f.add(indent + g.s(b64, 6) + "IDAQAB" + end)
	f.add(indent + "-----END PUBLIC KEY-----" + end)
}

// h24dsn is a connection URL with a password and its plant (core: the password).
func (g *gen) h24dsn(scheme string) (string, plant) {
	pw := g.h24plain()
	v := fmt.Sprintf("%s://%s:%s@%s/%s", scheme, g.h24user(), pw, g.h24host(), g.pick("genieacs", "jde_prod", "gocd", "dsmrreader", "omero", "redcap", "zm", "navidrome", "rides"))
	return v, plant{family: "password", kind: "secret", value: v, core: pw}
}

func (g *gen) h24b64doc() string {
	return base64.StdEncoding.EncodeToString([]byte(g.pick(`{"theme":"dark","lang":"rm"}`, "meter reading export v2", `{"layout":"compact"}`, "<?xml version=\"1.0\"?><settings/>", "hello from the fleet")))
}

// h24acct is a bank account number (personal data).
func (g *gen) h24acct() string { return g.s("123456789", 1) + g.s(digits, 7+g.r.IntN(5)) }

// h24mac is a MAC address (not personal data here: device inventory).
func (g *gen) h24mac() string {
	return strings.ToUpper(g.s(hexd, 2) + ":" + g.s(hexd, 2) + ":" + g.s(hexd, 2) + ":" + g.s(hexd, 2) + ":" + g.s(hexd, 2) + ":" + g.s(hexd, 2))
}
