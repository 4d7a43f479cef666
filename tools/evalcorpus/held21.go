package main

// held21 is a twenty-second split in two halves, like held9..held20: "held21a" and
// "held21b" are both held out when first written (only their totals are read by anyone
// but their writer). Each family pairs two concrete shapes of one class; variant a goes
// to held21a and variant b to held21b, each half with its own seed. Written from the
// formats' own documentation and knowledge of real files, without reading the detector,
// its rules, their examples or the documentation of what it finds; the other splits'
// generators were read only for the framework's helpers and to choose families they do
// not cover.
//
// Shapes: airline crew systems (a fixed-width crew roster against an electronic flight
// bag's managed app configuration plist), ships (an IMO FAL Form 5 crew list CSV against
// a VSAT terminal's INI configuration), bioinformatics platforms (Galaxy's galaxy.yml
// against BaseSpace CLI and Seven Bridges credential files), laboratory instruments (a
// SCPI session log against a LIMS sample export), game build pipelines (Steamworks
// KeyValues against Godot's export_presets.cfg), marketplace sellers (an Amazon order
// report TSV against SP-API credentials YAML), Dynamics NAV and Business Central
// (CustomSettings.config against BcContainerHelper PowerShell), telephone CDRs (Asterisk
// Master.csv against an ASN.1 value-notation dump), building automation (a Niagara
// station XML against a BMS gateway TOML), Lisp-family configs (GNU Guix config.scm
// against Clojure EDN), endpoint agents (Velociraptor client config YAML against
// osquery flag files), vehicle telematics (Teltonika SMS configuration commands against
// Traccar's traccar.xml), configuration languages (CUE against a Starlark Tiltfile),
// pharmacy (NCPDP SCRIPT XML against an ASAP 4.2 prescription monitoring file),
// call-centre transcripts (Amazon Transcribe-style JSON in Dhivehi, Sorani Kurdish,
// Tibetan and Inuktitut against a QA CSV in Maltese, Kinyarwanda, Haitian Creole and
// Māori), ACH payments (a NACHA file against a Moov ACH HTTP capture), insurance (ACORD
// XML against ACORD AL3 fixed-width records), AS2 gateways (OpenAS2 partnerships.xml
// against a connector's .properties), library systems (Koha's koha-conf.xml against a
// SIP2 trace), digital signage (a Xibo player settings XML against Screenly's
// screenly.conf).
// PII: e-mails, phones of twelve countries in national and international forms,
// Luhn-valid cards, IBANs of eight countries, Swedish personnummer, Belgian national
// numbers, Canadian SINs, South African IDs, Singapore NRICs, Portuguese NIFs (all with
// valid check digits), US SSNs, passport numbers. Postal addresses are planted and
// labelled neutral (earlier splits never counted them), and so are a vessel's, a pharmacy's
// or an operations desk's phone and a system mailbox's address. Hard negatives: password hashes
// and hex digests under secret names, UUIDs, NPIs and DEA numbers (public registries:
// neutral), public keys and certificates, placeholders, ${VAR} and template references,
// masked values, documented example keys, test-mode keys, version strings, build IDs,
// checksums and base64 of non-secrets (not labelled: a report of them is a false
// positive). A value in a reversible encoding (base64 of user:password, XML entities) is
// a secret as it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h21pass is a password a person or a generator chose; its symbols survive the files'
// quoting (no quotes, backslashes, blanks, commas, <, > or &).
func (g *gen) h21pass() string {
	word := func() string {
		return g.pick("Malé", "Erbil", "Lhasa", "Iqaluit", "Valletta", "Kigali", "Jacmel", "Rotorua", "Uppsala", "Ghent", "Moncton", "Durban", "Tampines", "Braga", "Kulusuk", "Hilo", "Nuuk", "Sulaymaniyah")
	}
	ascii := func() string {
		return strings.NewReplacer("é", "e").Replace(word())
	}
	shapes := [...]func() string{
		func() string {
			return ascii() + g.pick("!", "#", "$", "%", "*", "+", "?", "@", "^", "~", "=") + g.s(digits, 2+g.r.IntN(3))
		},
		func() string {
			return strings.ToLower(ascii()) + g.pick(".", "-", "_") + strings.ToLower(ascii()) + g.pick("", "!", "7", "42")
		},
		func() string { return g.s(alnum+"!#$%*+-.?@^_~=", 14+g.r.IntN(12)) },
		func() string { return g.s(alnum, 16+g.r.IntN(16)) },
		func() string {
			return strings.NewReplacer("a", "@", "o", "0", "e", "3", "i", "1").Replace(strings.ToLower(ascii())) + g.pick("2024", "2025", "2026", "!!", "#1")
		},
		func() string {
			return g.s(upperD, 4) + "-" + g.s(lower, 4) + "-" + g.s(digits, 4) + g.pick("$", "%", "")
		},
		func() string { return word() + g.pick("_", "") + g.s(digits, 4) + g.pick("!", "?") },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h21plain is a password of letters, digits, '-', '_' and '.' only, for fixed-width
// records and delimiter-sensitive protocols.
func (g *gen) h21plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!#$%*+?@^~=é", r) {
			return -1
		}
		return r
	}, g.h21pass()) + g.s(alnum, 2)
}

// h21rand is a machine-generated shared secret.
func (g *gen) h21rand() string {
	switch g.r.IntN(4) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 48)))
	case 1:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(18, 32)))
	case 2:
		return g.s(alnum, 28+g.r.IntN(20))
	}
	return g.s(hexd, 48+16*g.r.IntN(2))
}

// h21prov is a provider token written from its documented shape.
type h21prov struct {
	fam string
	mk  func(g *gen) string
}

var h21provs = []h21prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32, 16) }},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "gldt-") + g.s(alnum+"_-", 20) }},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }},
	{"google", func(g *gen) string { return "GOCSPX-" + g.s(urlb64, 28) }},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }},
	{"square", func(g *gen) string { return "EAAA" + g.s(urlb64, 60) }},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpca_") + g.s(hexd, 32) }},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum, 24) }},
	{"grafana", func(g *gen) string { return "glsa_" + g.s(alnum, 32) + "_" + g.s(hexd, 8) }},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 171) + "=" + g.s(upperD, 8) }},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }},
	{"pypi", func(g *gen) string { return "pypi-AgEIcHlwaS5vcmc" + g.s(urlb64, 70+g.r.IntN(60)) }},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }},
	{"replicate", func(g *gen) string { return "r8_" + g.s(alnum, 37) }},
	{"openrouter", func(g *gen) string { return "sk-or-v1-" + g.s(hexd, 64) }},
	{"xai", func(g *gen) string { return "xai-" + g.s(alnum, 80) }},
	{"perplexity", func(g *gen) string { return "pplx-" + g.s(alnum, 48) }},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }},
	{"planetscale", func(g *gen) string { return "pscale_tkn_" + g.s(alnum+"_", 43) }},
	{"doppler", func(g *gen) string { return "dp.st." + g.pick("prd", "stg") + "." + g.s(alnum, 40) }},
	{"age", func(g *gen) string { return "AGE-SECRET-KEY-1" + g.s("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58) }},
	{"jwt", func(g *gen) string { return g.h21jwt() }},
}

// h21tok is a provider token and its plant.
func (g *gen) h21tok() (string, plant) {
	p := h21provs[g.r.IntN(len(h21provs))]
	v := p.mk(g)
	return v, secret(p.fam, v)
}

func (g *gen) h21jwt() string {
	e := base64.RawURLEncoding.EncodeToString
	return e([]byte(`{"alg":"`+g.pick("HS256", "RS256", "ES384")+`","typ":"JWT"}`)) + "." +
		e([]byte(fmt.Sprintf(`{"sub":"%s","aud":"%s","iat":%d,"exp":%d}`, g.h21user(), g.h21host(), 1790000000+g.r.IntN(1e7), 1800000000+g.r.IntN(1e8)))) + "." + g.s(urlb64, 43+g.r.IntN(44))
}

// h21neg is a value in a secret's slot that is not one; ambiguous values (hashes,
// identifiers, public keys, test keys) carry a neutral plant, plain placeholders none.
func (g *gen) h21neg() (string, []plant) {
	switch g.r.IntN(14) {
	case 0:
		return g.pick("changeme", "CHANGE_ME", "<your-token>", "<password>", "REPLACE_ME", "TODO", "xxxxxxxx", "example", "dummy", "secret"), nil
	case 1:
		return g.pick("${DB_PASSWORD}", "${API_KEY}", "$(SECRET)", "%(password)s", "{{ secret }}", "${env:TOKEN}", "@@PASSWORD@@"), nil
	case 2:
		return g.pick("********", "••••••••", "[redacted]", "(hidden)", "****"+g.s(digits, 4)), nil
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
		return g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), nil
	case 7:
		v := g.pick("sk_test_51", "pk_test_51") + g.s(alnum, 40)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha256:" + g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 9:
		v := "pk_live_51" + g.s(alnum, 40)
		return v, []plant{neutral("public-key", v)}
	case 10:
		v := "{SSHA}" + base64.StdEncoding.EncodeToString(g.h16bytes(24))
		return v, []plant{neutral("hash", v)}
	case 11:
		return "", nil
	case 12:
		return g.pick("none", "null", "disabled", "false"), nil
	}
	return "file:/run/secrets/" + g.pick("db_password", "api_token", "smtp"), nil
}

// h21pv is a password in a password's slot, or now and then a value that is none.
func (g *gen) h21pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h21neg()
	}
	v := g.h21pass()
	return v, []plant{h15pw(v)}
}

// h21ppv is h21pv with the plain alphabet.
func (g *gen) h21ppv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		v, ps := g.h21neg()
		if strings.ContainsAny(v, " |*~$%{}()@") {
			return "CHANGEME", nil
		}
		return v, ps
	}
	v := g.h21plain()
	return v, []plant{h15pw(v)}
}

// h21tv is a provider token in a token's slot, or now and then a value that is none.
func (g *gen) h21tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h21neg()
	}
	v, p := g.h21tok()
	return v, []plant{p}
}

// h21gv is a generic machine secret in an app-specific slot, or now and then none.
func (g *gen) h21gv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h21neg()
	}
	v := g.h21rand()
	return v, []plant{h15gen(v)}
}

var h21orgs = []string{"atoll-air.mv", "erbil-cargo.krd", "lhasa-labs.cn", "nunavut-health.ca", "valletta-shipping.com.mt", "kigali-pharma.rw", "jacmel-assur.ht", "rotorua-signage.co.nz", "uppsala-bio.se", "gent-ach.be", "braga-logistica.pt", "durban-fleet.co.za", "tampines-retail.sg", "example.com"}

func (g *gen) h21host() string {
	return g.pick("db", "pg", "mssql", "mysql", "sftp", "api", "as2", "sip", "lims", "cms", "mq", "ldap", "smtp", "vault", "ingest") + g.pick("", "01", "-prod", "-dr", "2") + "." + g.pick(h21orgs...)
}

func (g *gen) h21user() string {
	return g.pick("svc_", "app_", "", "etl-", "ops.", "bms_") + g.pick("roster", "crew", "galaxy", "lims", "orders", "nav", "cdr", "bms", "fleet", "pmp", "ach", "policy", "as2", "koha", "signage")
}

var h21first = []string{"aishath", "ibrahim.n", "shilan", "karwan", "tenzin", "pema.d", "aqsarniq", "elisapie", "marija.b", "joseph.c", "uwase", "jean.p", "nadege", "wiremu", "aroha.t", "erik.l", "liesbeth", "chloe.m", "sipho", "thandiwe", "wei.ling", "rui.s", "beatriz"}
var h21domains = []string{"gmail.com", "dhiraagu.com.mv", "outlook.com", "yahoo.fr", "go.com.mt", "hotmail.com", "xtra.co.nz", "telia.com", "skynet.be", "rogers.com", "mweb.co.za", "singnet.com.sg", "sapo.pt", "protonmail.com", "icloud.com"}

func (g *gen) h21email() string {
	return g.pick(h21first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h21domains...)
}

// h21phone is a mobile number in one of twelve countries' forms, national or
// international.
func (g *gen) h21phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(13) {
	case 0:
		return "+960 7" + d(2) + "-" + d(4)
	case 1:
		return "+964 750 " + d(3) + " " + d(4)
	case 2:
		return "07" + g.pick("0", "2", "3", "6") + "-" + d(3) + " " + d(2) + " " + d(2)
	case 3:
		return "+46 7" + g.pick("0", "2", "3", "6") + " " + d(3) + " " + d(2) + " " + d(2)
	case 4:
		return "+32 4" + g.pick("7", "8", "9") + d(1) + " " + d(2) + " " + d(2) + " " + d(2)
	case 5:
		return "+356 79" + d(2) + " " + d(4)
	case 6:
		return "+250 78" + d(1) + " " + d(3) + " " + d(3)
	case 7:
		return "+509 3" + d(1) + " " + d(2) + " " + d(4)
	case 8:
		return "021 " + d(3) + " " + d(4)
	case 9:
		a, ex, rest := 2+g.r.IntN(7), d(2), 2+g.r.IntN(7)
		if a == 8 && (ex == "00" || ex[0] == ex[1]) {
			a = 6 // 800, 833 … 888 are toll-free: not a person's number
		}
		if ex == "11" {
			ex = "21" // N11 codes are service numbers, not area codes
		}
		return fmt.Sprintf("(%d%s) %d%s-%s", a, ex, rest, d(2), d(4))
	case 10:
		return "+27 8" + g.pick("2", "3", "4") + " " + d(3) + " " + d(4)
	case 11:
		return "+65 9" + d(3) + " " + d(4)
	}
	return "+351 91" + d(1) + " " + d(3) + " " + d(3)
}

// h21iban is an IBAN with valid check digits of one of eight countries.
func (g *gen) h21iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(8) {
	case 0:
		return ibanWith("MT", g.pick("MALT", "VALL", "APSB")+d(5)+d(18))
	case 1:
		return ibanWith("BE", d(12))
	case 2:
		return ibanWith("SE", d(20))
	case 3:
		return ibanWith("PT", d(21))
	case 4:
		return ibanWith("IQ", g.pick("NBIQ", "RAFB")+d(15))
	case 5:
		return ibanWith("CH", d(17))
	case 6:
		return ibanWith("AT", d(16))
	}
	return ibanWith("NO", d(11))
}

func (g *gen) h21card() string { return g.card(g.r.IntN(2) == 0) }

// luhnOK reports whether the digits of s pass the Luhn check.
func luhnOK(s string) bool {
	sum, dbl := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if c < '0' || c > '9' {
			continue
		}
		d := int(c - '0')
		if dbl {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		dbl = !dbl
	}
	return sum%10 == 0
}

// h21personnummer is a Swedish personal identity number YYMMDD-NNNC, C by Luhn over
// the nine digits before it.
func (g *gen) h21personnummer() string {
	body := fmt.Sprintf("%02d%02d%02d%03d", g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(1000))
	return body[:6] + g.pick("-", "") + body[6:] + string(luhnDigit(body))
}

// h21belgian is a Belgian national number YY.MM.DD-NNN.CC: CC = 97 - (YYMMDDNNN mod
// 97), with a leading 2 for people born from 2000.
func (g *gen) h21belgian() string {
	yy, mm, dd, n := g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(997)
	base := int64(yy*10000000+mm*100000+dd*1000) + int64(n)
	if yy < 20 {
		base += 2000000000
	}
	cc := 97 - base%97
	return fmt.Sprintf("%02d.%02d.%02d-%03d.%02d", yy, mm, dd, n, cc)
}

// h21sin is a Canadian social insurance number (Luhn), grouped 3-3-3.
func (g *gen) h21sin() string {
	body := g.pick("1", "2", "3", "4", "5", "6", "7", "9") + g.s(digits, 7)
	n := body + string(luhnDigit(body))
	return n[:3] + " " + n[3:6] + " " + n[6:]
}

// h21saID is a South African ID number YYMMDDSSSSCAZ, Z by Luhn.
func (g *gen) h21saID() string {
	body := fmt.Sprintf("%02d%02d%02d%04d%d8", g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(10000), g.r.IntN(2))
	return body + string(luhnDigit(body))
}

// h21nric is a Singapore NRIC: S or T, seven digits, a check letter from weights
// 2,7,6,5,4,3,2 (plus 4 for T) mod 11.
func (g *gen) h21nric() string {
	pre := g.pick("S", "T")
	ds := g.s(digits, 7)
	return pre + ds + string(nricLetter(pre, ds))
}

func nricLetter(pre, ds string) byte {
	s := 0
	for i, w := range []int{2, 7, 6, 5, 4, 3, 2} {
		s += int(ds[i]-'0') * w
	}
	if pre == "T" {
		s += 4
	}
	return "JZIHGFEDCBA"[s%11]
}

// h21nif is a Portuguese NIF: eight digits and a mod-11 check digit (weights 9..2).
func (g *gen) h21nif() string {
	body := g.pick("1", "2", "3") + g.s(digits, 7)
	return body + string(byte('0'+nifCheck(body)))
}

func nifCheck(body string) int {
	s := 0
	for i := 0; i < 8; i++ {
		s += int(body[i]-'0') * (9 - i)
	}
	c := 11 - s%11
	if c >= 10 {
		c = 0
	}
	return c
}

// h21ssn is a US social security number outside the never-issued ranges.
func (g *gen) h21ssn() string {
	a := 1 + g.r.IntN(898)
	if a == 666 {
		a = 667
	}
	return fmt.Sprintf("%03d-%02d-%04d", a, 1+g.r.IntN(99), 1+g.r.IntN(9999))
}

// h21nid is one of the national identifiers above.
func (g *gen) h21nid() string {
	switch g.r.IntN(6) {
	case 0:
		return g.h21personnummer()
	case 1:
		return g.h21belgian()
	case 2:
		return g.h21sin()
	case 3:
		return g.h21saID()
	case 4:
		return g.h21nric()
	}
	return g.h21nif()
}

// h21passport is a passport number of a few countries' shapes.
func (g *gen) h21passport() string {
	switch g.r.IntN(4) {
	case 0:
		return g.s("ABCDEFGHJKLMNPRSTUVWXYZ", 2) + g.s(digits, 7)
	case 1:
		return "E" + g.s(digits, 8)
	case 2:
		return g.s(digits, 9)
	}
	return "P" + g.s(upperD, 7)
}

// h21npi is a US National Provider Identifier: nine digits and a Luhn digit computed
// with the 80840 prefix (a public registry number: neutral).
func (g *gen) h21npi() string {
	body := g.pick("1", "2") + g.s(digits, 8)
	return body + string(luhnDigit("80840"+body))
}

// h21dea is a DEA registration number: two letters, six digits and a check digit
// (d1+d3+d5 + 2*(d2+d4+d6)) mod 10.
func (g *gen) h21dea(last string) string {
	ds := g.s(digits, 6)
	s := int(ds[0]-'0') + int(ds[2]-'0') + int(ds[4]-'0') + 2*(int(ds[1]-'0')+int(ds[3]-'0')+int(ds[5]-'0'))
	return g.pick("A", "B", "F", "M") + strings.ToUpper(last[:1]) + ds + fmt.Sprint(s%10)
}

var h21names = [][2]string{{"Aishath", "Shareef"}, {"Ibrahim", "Naseem"}, {"Shilan", "Karim"}, {"Karwan", "Aziz"}, {"Tenzin", "Norbu"}, {"Pema", "Dolma"}, {"Elisapie", "Kilabuk"}, {"Marija", "Borg"}, {"Joseph", "Camilleri"}, {"Claudine", "Uwase"}, {"Jean-Pierre", "Habimana"}, {"Nadège", "Pierre-Louis"}, {"Wiremu", "Ngata"}, {"Aroha", "Tipene"}, {"Erik", "Lindqvist"}, {"Liesbeth", "Claes"}, {"Chloé", "Tremblay"}, {"Sipho", "Dlamini"}, {"Wei Ling", "Tan"}, {"Rui", "Sousa"}}

func (g *gen) h21name() (string, string) {
	n := h21names[g.r.IntN(len(h21names))]
	return n[0], n[1]
}

// h21addr is a postal address (planted neutral).
func (g *gen) h21addr() string {
	return g.pick(
		fmt.Sprintf("%d Rue Pavée, Jacmel", 1+g.r.IntN(90)),
		fmt.Sprintf("Triq il-Kbira %d, Mosta MST %d", 1+g.r.IntN(200), 1000+g.r.IntN(8000)),
		fmt.Sprintf("KG %d St, Kigali", 1+g.r.IntN(700)),
		fmt.Sprintf("%d Fenton Street, Rotorua %d", 1+g.r.IntN(300), 3010),
		fmt.Sprintf("Svartbäcksgatan %d, %d %02d Uppsala", 1+g.r.IntN(80), 753, 20+g.r.IntN(60)),
		fmt.Sprintf("%d Main Street, Moncton NB E1C %dA%d", 1+g.r.IntN(900), g.r.IntN(10), g.r.IntN(10)),
		fmt.Sprintf("Blk %d Tampines St %d, #%02d-%02d, Singapore 52%04d", 100+g.r.IntN(800), 10+g.r.IntN(80), 2+g.r.IntN(12), 1+g.r.IntN(40), g.r.IntN(10000)),
		fmt.Sprintf("%d Anton Lembede St, Durban %d", 1+g.r.IntN(400), 4001),
	)
}

func (g *gen) h21date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h21ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func (g *gen) h21dob() string {
	return fmt.Sprintf("%d-%02d-%02d", 1950+g.r.IntN(55), 1+g.r.IntN(12), 1+g.r.IntN(28))
}

// h21pemIn writes a private key block into f, each line after indent and ending with
// end, the header labelled.
func (g *gen) h21pemIn(f *file, indent, end string) {
	h, body, ft := g.pemBlock(g.pick("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"), 4, 10)
	f.add(indent+h+end, h15key(h))
	for _, b := range body {
		f.add(indent + b + end)
	}
	f.add(indent + ft + end)
}

// h21cert writes a certificate block (a negative) into f.
func (g *gen) h21cert(f *file, indent, end string) {
	f.add(indent + "-----BEGIN CERTIFICATE-----" + end)
	for i := 0; i < 3+g.r.IntN(3); i++ {
		f.add(indent + "MII" + g.s(b64, 61) + end)
	}
	f.add(indent + g.s(b64, 20+g.r.IntN(30)) + "=" + end)
	f.add(indent + "-----END CERTIFICATE-----" + end)
}

// h21xml escapes s for XML text and attributes.
func h21xml(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;").Replace(s)
}

// h21xmlPs rewrites plants for a line where each value was XML-escaped.
func h21xmlPs(ps []plant) []plant { return h18esc(h21xml, ps) }

// h21basic is base64 of user:password (HTTP Basic) and its plant.
func (g *gen) h21basic() (string, plant) {
	v := base64.StdEncoding.EncodeToString([]byte(g.h21user() + ":" + g.h21pass()))
	return v, h15pw(v)
}

// h21dsn is a connection URL with a password and its plant (core: the password).
func (g *gen) h21dsn(scheme string) (string, plant) {
	pw := g.h21plain()
	v := fmt.Sprintf("%s://%s:%s@%s:%d/%s", scheme, g.h21user(), pw, g.h21host(), map[string]int{"postgresql": 5432, "mysql": 3306, "redis": 6379, "amqp": 5672, "mongodb": 27017, "sqlserver": 1433}[scheme], g.pick("prod", "galaxy", "traccar", "koha", "app"))
	return v, plant{family: "password", kind: "secret", value: v, core: pw}
}

// h21b64doc is base64 of a harmless document (a negative).
func (g *gen) h21b64doc() string {
	return base64.StdEncoding.EncodeToString([]byte(g.pick(`{"theme":"dark","lang":"dv"}`, "<svg xmlns='http://www.w3.org/2000/svg'/>", "hello from the build farm", `{"layout":"portrait","zones":3}`)))
}

// h21ver is a version string (a negative).
func (g *gen) h21ver() string {
	return fmt.Sprintf("%d.%d.%d", g.r.IntN(12), g.r.IntN(40), g.r.IntN(300))
}
