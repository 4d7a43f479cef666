package main

// held23 is a twenty-fourth split in two halves, like held9..held22: "held23a" and
// "held23b" are both held out when first written (only their totals are read by anyone
// but their writer). Each family pairs two concrete shapes of one class; variant a goes
// to held23a and variant b to held23b, each half with its own seed. Written from the
// formats' own documentation and knowledge of real files, without reading the detector,
// its rules, their examples or the documentation of what it finds; the other splits'
// generators were read only for the framework's helpers and to choose families they do
// not cover.
//
// Shapes: electronic health records (OpenEMR's sqlconf.php against OpenMRS's
// openmrs-runtime.properties), drone ground control (QGroundControl.ini against a
// MAVProxy .mavinit.scr), virtual worlds (a Second Life LSL script against a Roblox Luau
// ModuleScript), Indian GST accounting (a TallyPrime XML export against an e-invoice
// IRP client's JSON settings), SIP proxies (kamctlrc against kamailio.cfg), physical
// access control (a ZKTeco user export against a Lenel OnGuard ACS.INI), e-signature
// (a DocuSign Connect event against a DocuSign JWT app's ds_config.py), LMS integration
// (Canvas LMS database.yml against an LTI 1.3 tool registration JSON), Z-Wave (Z-Wave
// JS UI settings.json against OpenZWave options.xml), CI (bitrise.yml against a Buildbot
// master.cfg), desktop automation (Hammerspoon init.lua against a Keyboard Maestro
// .kmmacros plist), Australian payroll (an ABA direct entry file against an STP payroll
// CSV), archives (ArchivesSpace config.rb against an EAD finding aid), HTCondor
// (condor_config.local against a submit file), Snakemake (a profile config.yaml
// against a Snakefile), ROS 2 (params.yaml against a launch.py), label printers (a ZPL
// label against Link-OS SGD provisioning commands), industrial OPC (a KEPServerEX
// project JSON against a UaExpert-style client .ini), short-term rental guest messages
// (a JSON export in Breton, Chuvash, Dzongkha and N'Ko against a text thread in Sakha,
// Wolof, Santali and Adlam Fulfulde), tenant maintenance requests (a CSV export in
// Bashkir, Shona, Lingala and Tamazight against an e-mail digest in Hmong, Greenlandic,
// Northern Sami, Chechen and Meitei).
// PII: e-mails, phones of twelve countries in national and international forms,
// Luhn-valid cards, IBANs of eight countries, Australian TFNs, Belgian national register
// numbers, Croatian OIBs, Romanian CNPs, Serbian JMBGs and Indian PANs of persons (all
// but PANs with valid check digits), bank account numbers. Postal addresses, company
// GSTINs (valid check character), IFSC codes, UUIDs and client IDs are planted and
// labelled neutral. Hard negatives: password hashes and digests under secret names,
// public keys, placeholders, ${VAR} and template references, masked values, documented
// example keys, test-mode keys, version strings, build IDs, checksums and base64 of
// non-secrets.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h23pass is a password a person or a generator chose; its symbols survive the files'
// quoting (no quotes, backslashes, blanks, commas, braces, <, > or &).
func (g *gen) h23pass() string {
	word := func() string {
		return g.pick("Quimper", "Cheboksary", "Thimphu", "Bamako", "Yakutsk", "Dakar", "Ranchi", "Labe", "Ufa", "Harare", "Kinshasa", "Agadir", "Vientiane", "Nuuk", "Kautokeino", "Grozny", "Imphal", "Geelong", "Ghent", "Split", "Cluj", "Novi")
	}
	shapes := [...]func() string{
		func() string {
			return word() + g.pick("!", "#", "$", "%", "*", "+", "?", "@", "^", "=", "~") + g.s(digits, 2+g.r.IntN(3))
		},
		func() string {
			return strings.ToLower(word()) + g.pick(".", "-", "_") + strings.ToLower(word()) + g.pick("", "!", "7", "42")
		},
		func() string { return g.s(alnum+"!#$%*+-.?@^_=~", 14+g.r.IntN(12)) },
		func() string { return g.s(alnum, 16+g.r.IntN(16)) },
		func() string {
			return strings.NewReplacer("a", "@", "o", "0", "e", "3", "s", "5").Replace(strings.ToLower(word())) + g.pick("2024", "2026", "#1", "!!")
		},
		func() string { return g.s(upperD[:26], 2) + g.s(lower, 4) + g.s(digits, 4) + g.pick("!", "?", "%") },
		func() string { return g.s(digits, 2) + word() + g.pick("_", ".") + g.s(lower, 3) + g.s(digits, 2) },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h23plain is a password of letters, digits, '-', '_' and '.' only.
func (g *gen) h23plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!#$%*+?@^=~", r) {
			return -1
		}
		return r
	}, g.h23pass()) + g.s(alnum, 3)
}

// h23rand is a machine-generated shared secret.
func (g *gen) h23rand() string {
	switch g.r.IntN(5) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 48)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 2:
		return g.s(alnum, 28+g.r.IntN(24))
	case 3:
		return g.s(hexd, 32+32*g.r.IntN(2))
	}
	return g.s(hexd, 8) + g.s(alnum, 24)
}

type h23prov struct {
	fam string
	mk  func(g *gen) string
}

var h23provs = []h23prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32, 16) }},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }},
	{"doppler", func(g *gen) string { return "dp.st." + g.pick("prd", "stg", "dev") + "." + g.s(alnum, 43) }},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 170) + "=" + g.s("0123456789ABCDEF", 8) }},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }},
	{"shopify", func(g *gen) string { return "shpat_" + g.s(hexd, 32) }},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 70) }},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }},
	{"planetscale", func(g *gen) string { return "pscale_tkn_" + g.s(urlb64, 43) }},
	{"shippo", func(g *gen) string { return "shippo_live_" + g.s(hexd, 40) }},
	{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.s("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) }},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }},
	{"azure", func(g *gen) string { return g.h18azure() }},
	{"jwt", func(g *gen) string { return g.h23jwt() }},
}

func (g *gen) h23tok() (string, plant) {
	p := h23provs[g.r.IntN(len(h23provs))]
	v := p.mk(g)
	return v, secret(p.fam, v)
}

func (g *gen) h23jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"`+g.pick("HS256", "RS256", "ES256")+`","typ":"JWT"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"sub":"%s","aud":"%s","iat":%d,"exp":%d}`, g.h23user(), g.h23host(), 1796000000+g.r.IntN(1e7), 1806000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h23neg is a value in a secret's slot that is not one; ambiguous values carry a
// neutral plant, plain placeholders none.
func (g *gen) h23neg() (string, []plant) {
	switch g.r.IntN(13) {
	case 0:
		return g.pick("changeme", "CHANGE_ME", "<your-password>", "<api-key>", "REPLACE_ME", "xxxxxxxx", "example", "secret", "TODO"), nil
	case 1:
		return g.pick("${DB_PASSWORD}", "${API_KEY}", "$(SECRET)", "%{password}", "{{ secret }}", "${env:TOKEN}", "@@PASSWORD@@"), nil
	case 2:
		return g.pick("********", "•••••••", "<redacted>", "[hidden]", "xxxx"+g.s(digits, 4)), nil
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
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), nil
	case 7:
		v := "sk_test_51" + g.s(alnum, 40)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha256:" + g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 9:
		v := "pk_live_51" + g.s(alnum, 40)
		return v, []plant{neutral("public-key", v)}
	case 10:
		v := "$6$" + g.s(alnum, 16) + "$" + g.s("./"+alnum, 86)
		return v, []plant{neutral("hash", v)}
	case 11:
		return "", nil
	}
	return g.pick("none", "null", "false", "disabled"), nil
}

func (g *gen) h23pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h23neg()
	}
	v := g.h23pass()
	return v, []plant{h15pw(v)}
}

// h23ppv is h23pv with the plain alphabet (no blanks or symbols in the negatives).
func (g *gen) h23ppv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		v, ps := g.h23neg()
		if v == "" || strings.ContainsAny(v, " |*$%{}()@#:<>[]•/,=+") {
			return "changeme", nil
		}
		return v, ps
	}
	v := g.h23plain()
	return v, []plant{h15pw(v)}
}

func (g *gen) h23tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h23neg()
	}
	v, p := g.h23tok()
	return v, []plant{p}
}

func (g *gen) h23gv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h23neg()
	}
	v := g.h23rand()
	return v, []plant{h15gen(v)}
}

var h23orgs = []string{"quimper-sante.fr", "chuvash-uav.ru", "thimphu-gst.bt", "ranchi-traders.in", "geelong-payroll.com.au", "ghent-archief.be", "split-lab.hr", "cluj-robotics.ro", "novi-access.rs", "dakar-stays.sn", "harare-homes.co.zw", "example.com"}

func (g *gen) h23host() string {
	return g.pick("db", "emr", "sip", "acs", "lms", "ci", "condor", "ros", "opc", "print", "api", "mysql", "pg", "files") + g.pick("", "1", "-prod", "-dr", "02") + "." + g.pick(h23orgs...)
}

func (g *gen) h23user() string {
	return g.pick("svc_", "app_", "", "ops-", "int.", "sys_") + g.pick("openemr", "openmrs", "gcs", "tally", "kamailio", "onguard", "docusign", "canvas", "zwave", "bitrise", "aspace", "condor", "snakemake", "ros", "kepware", "payroll")
}

var h23first = []string{"maiwenn", "yann.l", "ilya", "marina.v", "tashi", "pema.d", "mamadou", "aissatou.b", "nyurgun", "sardana", "fatou", "ousmane.d", "birsa", "sonamuni", "rustam", "gulnara.k", "tendai", "rudo.m", "mbuyi", "kalala", "yamina", "idir", "pa.vang", "nanoq", "aile.s", "magomed", "thoiba"}
var h23domains = []string{"gmail.com", "orange.fr", "yandex.ru", "mail.ru", "druknet.bt", "rediffmail.com", "bigpond.com", "telenet.be", "t-com.hr", "yahoo.ro", "outlook.com", "proton.me", "icloud.com"}

func (g *gen) h23email() string {
	return g.pick(h23first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h23domains...)
}

// h23phone is a mobile number in one of twelve countries' forms.
func (g *gen) h23phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(13) {
	case 0:
		return "04" + d(2) + " " + d(3) + " " + d(3)
	case 1:
		return "+61 4" + d(2) + " " + d(3) + " " + d(3)
	case 2:
		return "+91 9" + d(4) + " " + d(5)
	case 3:
		return "0" + g.pick("98", "97", "70", "81") + d(3) + " " + d(5)
	case 4:
		return "04" + g.pick("7", "8", "9") + d(1) + " " + d(2) + " " + d(2) + " " + d(2)
	case 5:
		return "+385 9" + g.pick("1", "2", "5", "8") + " " + d(3) + " " + d(4)
	case 6:
		return "07" + g.pick("2", "4", "5") + d(1) + " " + d(3) + " " + d(3)
	case 7:
		return "+381 6" + d(1) + " " + d(3) + " " + d(4)
	case 8:
		return "+221 7" + g.pick("0", "6", "7", "8") + " " + d(3) + " " + d(2) + " " + d(2)
	case 9:
		return "+263 7" + g.pick("1", "3", "7", "8") + " " + d(3) + " " + d(4)
	case 10:
		return "+33 6 " + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 11:
		return "+7 9" + d(2) + " " + d(3) + "-" + d(2) + "-" + d(2)
	}
	return "+975 17 " + d(3) + " " + d(3)
}

// h23iban is an IBAN with valid check digits of one of eight countries.
func (g *gen) h23iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(8) {
	case 0:
		return ibanWith("BE", d(12))
	case 1:
		return ibanWith("HR", d(17))
	case 2:
		return ibanWith("RO", g.pick("BTRL", "RNCB", "BRDE", "INGB")+g.s(upperD, 16))
	case 3:
		return ibanWith("RS", d(18))
	case 4:
		return ibanWith("FR", d(10)+g.s(upperD, 11)+d(2))
	case 5:
		return ibanWith("SN", "SN"+d(3)+d(19))
	case 6:
		return ibanWith("MT", g.s(upperD[:26], 4)+d(5)+g.s(upperD, 18))
	}
	return ibanWith("LU", d(3)+g.s(upperD, 13))
}

// h23tfn is an Australian tax file number: nine digits whose weighted sum (1 4 3 7 5
// 8 6 9 10) is a multiple of eleven, printed in threes.
func (g *gen) h23tfn() string {
	w := []int{1, 4, 3, 7, 5, 8, 6, 9}
	for {
		ds := g.s("123456789", 1) + g.s(digits, 7)
		s := 0
		for i := range ds {
			s += int(ds[i]-'0') * w[i]
		}
		// 10*d9 ≡ -s (mod 11) and 10 ≡ -1, so d9 ≡ s (mod 11)
		if c := s % 11; c < 10 {
			v := ds + fmt.Sprint(c)
			return v[:3] + " " + v[3:6] + " " + v[6:]
		}
	}
}

// h23rrn is a Belgian national register number YY.MM.DD-SSS.CC of someone born in the
// twentieth century: CC = 97 - (YYMMDDSSS mod 97).
func (g *gen) h23rrn() string {
	yy, mm, dd, seq := 40+g.r.IntN(60), 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(997)
	n := ((yy*100+mm)*100+dd)*1000 + seq
	return fmt.Sprintf("%02d.%02d.%02d-%03d.%02d", yy, mm, dd, seq, 97-n%97)
}

// h23oib is a Croatian OIB: ten digits and an ISO 7064 MOD 11,10 check digit.
func (g *gen) h23oib() string {
	ds := g.s("123456789", 1) + g.s(digits, 9)
	a := 10
	for i := range ds {
		a = (a + int(ds[i]-'0')) % 10
		if a == 0 {
			a = 10
		}
		a = a * 2 % 11
	}
	c := 11 - a
	if c == 10 {
		c = 0
	}
	return ds + fmt.Sprint(c)
}

// h23cnp is a Romanian CNP SYYMMDDJJNNNC, C the weighted sum (279146358279) mod 11, 10
// written 1.
func (g *gen) h23cnp() string {
	ds := fmt.Sprintf("%d%02d%02d%02d%02d%03d", 1+g.r.IntN(2), 50+g.r.IntN(50), 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(46), 1+g.r.IntN(998))
	s := 0
	for i, w := range "279146358279" {
		s += int(ds[i]-'0') * int(w-'0')
	}
	c := s % 11
	if c == 10 {
		c = 1
	}
	return ds + fmt.Sprint(c)
}

// h23jmbg is a Serbian JMBG DDMMYYYRRBBBK with its mod-11 control digit.
func (g *gen) h23jmbg() string {
	for {
		ds := fmt.Sprintf("%02d%02d%03d%02d%03d", 1+g.r.IntN(28), 1+g.r.IntN(12), 950+g.r.IntN(50), 71+g.r.IntN(9), g.r.IntN(1000))
		d := func(i int) int { return int(ds[i] - '0') }
		m := 11 - (7*(d(0)+d(6))+6*(d(1)+d(7))+5*(d(2)+d(8))+4*(d(3)+d(9))+3*(d(4)+d(10))+2*(d(5)+d(11)))%11
		if m == 10 {
			continue
		}
		if m == 11 {
			m = 0
		}
		return ds + fmt.Sprint(m)
	}
}

// h23pan is an Indian PAN of a person: three letters, P, the surname's initial, four
// digits, a letter.
func (g *gen) h23pan(ent byte) string {
	const up = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	return g.s(up, 3) + string(ent) + g.s(up, 1) + g.s(digits, 4) + g.s(up, 1)
}

// h23gstin is a GSTIN: state code, the holder's PAN, entity number, Z and a check
// character (Luhn mod 36 over the first fourteen).
func (g *gen) h23gstin(pan string) string {
	body := fmt.Sprintf("%02d", 1+g.r.IntN(37)) + pan + g.s("123456789", 1) + "Z"
	return body + string(h23mod36(body))
}

func h23mod36(body string) byte {
	const cs = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	factor, sum := 2, 0
	for i := len(body) - 1; i >= 0; i-- {
		a := factor * strings.IndexByte(cs, body[i])
		if factor == 2 {
			factor = 1
		} else {
			factor = 2
		}
		sum += a/36 + a%36
	}
	return cs[(36-sum%36)%36]
}

func (g *gen) h23nid() string {
	switch g.r.IntN(5) {
	case 0:
		return g.h23tfn()
	case 1:
		return g.h23rrn()
	case 2:
		return g.h23oib()
	case 3:
		return g.h23cnp()
	}
	return g.h23jmbg()
}

var h23names = [][2]string{{"Maiwenn", "Le Gall"}, {"Yann", "Kerjean"}, {"Ilya", "Petrov"}, {"Marina", "Vasilyeva"}, {"Tashi", "Dorji"}, {"Pema", "Wangmo"}, {"Mamadou", "Keita"}, {"Aissatou", "Bah"}, {"Nyurgun", "Sivtsev"}, {"Fatou", "Ndiaye"}, {"Birsa", "Murmu"}, {"Rustam", "Gabdrakhmanov"}, {"Tendai", "Moyo"}, {"Mbuyi", "Kalala"}, {"Yamina", "Ait Ali"}, {"Pa", "Vang"}, {"Nanoq", "Kleist"}, {"Áile", "Somby"}, {"Magomed", "Dudayev"}, {"Thoiba", "Singh"}, {"Jack", "O'Brien"}, {"Ana", "Horvat"}, {"Ioana", "Popescu"}, {"Milica", "Jovanović"}, {"Lotte", "Peeters"}}

func (g *gen) h23name() (string, string) {
	n := h23names[g.r.IntN(len(h23names))]
	return n[0], n[1]
}

// h23addr is a postal address (planted neutral).
func (g *gen) h23addr() string {
	return g.pick(
		fmt.Sprintf("%d rue Kéréon, 29000 Quimper", 1+g.r.IntN(60)),
		fmt.Sprintf("%d Moorabool St, Geelong VIC 3220", 1+g.r.IntN(300)),
		fmt.Sprintf("Veldstraat %d, 9000 Gent", 1+g.r.IntN(150)),
		fmt.Sprintf("Marmontova %d, 21000 Split", 1+g.r.IntN(40)),
		fmt.Sprintf("Str. Memorandumului %d, Cluj-Napoca", 1+g.r.IntN(40)),
		fmt.Sprintf("Bulevar oslobođenja %d, Novi Sad", 1+g.r.IntN(120)),
		fmt.Sprintf("%d Main Road, Ranchi 834001", 1+g.r.IntN(400)),
		fmt.Sprintf("%d Samora Machel Ave, Harare", 1+g.r.IntN(200)),
	)
}

func (g *gen) h23date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h23ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h23ver() string {
	return fmt.Sprintf("%d.%d.%d", g.r.IntN(10), g.r.IntN(30), g.r.IntN(200))
}

// h23pemIn writes a private key block into f, each line after indent and ending with
// end, the header labelled.
func (g *gen) h23pemIn(f *file, indent, end string) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"), 4, 10)
	f.add(indent+h+end, h15key(h))
	for _, b := range body {
		f.add(indent + b + end)
	}
	f.add(indent + ft + end)
}

// h23pemOneLine is a private key block with its line breaks written \n, as JSON holds it
// (the plant's core is the header).
func (g *gen) h23pemOneLine() (string, plant) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY"), 4, 10)
	v := h + `\n` + strings.Join(body, `\n`) + `\n` + ft + `\n`
	return v, plant{family: "private-key", kind: "secret", value: v, core: h}
}

// h23pub is a public key block's first body line (neutral).
func (g *gen) h23pubIn(f *file, indent, end string) {
	f.add(indent + "-----BEGIN PUBLIC KEY-----" + end)
	first := "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA" + g.s(b64, 20)
	f.add(indent+first+end, neutral("public-key", first))
	for i := 0; i < 4; i++ {
		f.add(indent + g.s(b64, 64) + end)
	}
	f.add(indent + g.s(b64, 6) + "IDAQAB" + end)
	f.add(indent + "-----END PUBLIC KEY-----" + end)
}

// h23dsn is a connection URL with a password and its plant (core: the password).
func (g *gen) h23dsn(scheme string) (string, plant) {
	pw := g.h23plain()
	v := fmt.Sprintf("%s://%s:%s@%s/%s", scheme, g.h23user(), pw, g.h23host(), g.pick("openemr", "kamailio", "canvas_production", "aspace", "ros_logs", "payroll"))
	return v, plant{family: "password", kind: "secret", value: v, core: pw}
}

func (g *gen) h23b64doc() string {
	return base64.StdEncoding.EncodeToString([]byte(g.pick(`{"locale":"br","tz":"Europe/Paris"}`, "readme for the label printer", `{"node":"talker","rate":10}`, "<?xml version=\"1.0\"?><cfg/>")))
}

// h23acct is a bank account number (personal data).
func (g *gen) h23acct() string { return g.s("123456789", 1) + g.s(digits, 8+g.r.IntN(6)) }
