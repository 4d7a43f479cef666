package main

// held20 is a twenty-first split in two halves, like held9..held19: it was written by
// someone who had not read the detector (nothing under internal/, no rule tables), so
// its first run measures the detector out of sample in both halves; "held20a" and
// "held20b" are both held out. Each family pairs two concrete shapes of one class;
// variant a goes to held20a and variant b to held20b, each half with its own seed.
// Written from the formats' own documentation and knowledge of real files; the other
// splits' templates were read only to choose formats they do not cover and to reuse
// the framework's helpers and label conventions.
//
// Shapes: personal finance (an OFX 1 SGML download with its signon request against a
// QIF export), e-invoices (a Peppol BIS UBL invoice against a Factur-X CII invoice), CDN
// credentials (Akamai .edgerc against the Fastly CLI's config.toml and a fastly.toml),
// localisation platforms (crowdin.yml against .transifexrc), SAP connectivity
// (sapnwrfc.ini against a JCo .jcoDestination), HPC schedulers (slurm.conf, slurmdbd.conf
// and `scontrol token` against a PBS job script and `qstat -f`), Matrix servers (Synapse
// homeserver.yaml against an appservice registration and a mautrix bridge config),
// feature flags (an ld-relay config against an Unleash and Flagsmith .env), IPTV (an M3U
// playlist with Xtream Codes URLs against Kodi's sources.xml and passwords.xml), printing
// (CUPS printers.conf with lpadmin lines against a multifunction printer's address book
// CSV), mobile core (a SIM card batch file against an Open5GS subscriber mongoexport),
// LoRaWAN (a ChirpStack device import CSV against `ttn-lw-cli end-devices get` JSON),
// school rosters (OneRoster users.csv against IMS Enterprise XML), e-discovery (a
// Concordance DAT load file against EDRM XML), survey exports (a Qualtrics response CSV
// against a LimeSurvey VV export), live-chat transcripts (an Intercom conversation export
// in Uyghur, Sindhi, Javanese and Esperanto with \u escapes and HTML bodies against
// LiveChat text transcripts in Tatar, Xhosa, Scottish Gaelic and Cebuano), CRM
// (Salesforce Data Loader process-conf.xml against SuiteCRM config.php), SIP telephony
// (a FreeSWITCH directory XML against a Yealink provisioning .cfg), webmail (Roundcube
// config.inc.php against SOGo's sogo.conf), web analytics (Matomo config.ini.php against
// Plausible and Umami env files).
// PII: e-mails, phones of twelve countries, Luhn-valid cards, IBANs of twelve countries,
// national ids with their check digits (Dutch BSN, Belgian national number, Chilean RUT,
// Czech birth number, Norwegian fødselsnummer, Finnish HETU). Hard negatives in the same
// shapes: ICCIDs (Luhn-valid, not cards: neutral), IMSIs and device EUIs (neutral),
// encrypted Data Loader passwords and Synapse's signing key ids (neutral), MD5 and crypt
// password hashes (neutral), public client-side credentials (LaunchDarkly's client id
// and mobile keys, Unleash frontend tokens, Flagsmith's environment key), role addresses, documented example keys (the 3GPP test
// set, Unleash's insecure demo token), placeholders in each tool's notation (%p, %u,
// ${env}, changeme) and test cards. Labelling policy is held4's (held4.go).

import (
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
)

// h20pass is a password a person or a generator chose; it may hold any of
// & % # ; " ' \ < > and spaces, so every template escapes it for its format.
func (g *gen) h20pass() string {
	word := func() string {
		return g.pick("Utrecht", "Gentse", "Brno", "Bergen", "Tampere", "Valpo", "Lagos", "Agadir", "Luxor", "Cusco", "Pecs", "Graz", "Ijssel", "Fjord", "Sauna", "Andes", "Kano", "Atlas", "Nile", "Tisza")
	}
	sym := func() string {
		return g.pick("!", "#", "%", "&", ";", `"`, "'", `\`, "*", "?", "@", "$", "<", ">", "+", "=")
	}
	switch g.r.IntN(8) {
	case 0:
		return word() + sym() + g.s(digits, 2+g.r.IntN(3))
	case 1:
		return strings.ToLower(word()) + " " + strings.ToLower(word()) + " " + g.s(digits, 2)
	case 2:
		return g.s(alnum, 14+g.r.IntN(10))
	case 3:
		return g.s(alnum, 5) + sym() + g.s(alnum, 5) + sym() + g.s(digits, 3)
	case 4:
		return word() + g.s(digits, 2) + "&" + strings.ToLower(word()) + sym()
	case 5:
		return g.s(alnum+`!#%&;"'\*+,-./:<=>?@[]^_{|}~`, 16+g.r.IntN(8))
	case 6:
		return strings.ToUpper(g.s(lower, 1)) + g.s(lower, 6) + g.pick("#", "%", ";", "<") + g.s(digits, 4)
	}
	return word() + g.pick("2026", "1987", "42", "07") + sym() + word()
}

// h20passNo is a password without any of the characters in bad.
func (g *gen) h20passNo(bad string) string {
	for {
		p := strings.Map(func(r rune) rune {
			if strings.ContainsRune(bad, r) {
				return -1
			}
			return r
		}, g.h20pass())
		if len(p) >= 8 {
			return p
		}
	}
}

// h20rand is a machine-generated shared secret.
func (g *gen) h20rand() string {
	switch g.r.IntN(3) {
	case 0:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 48)))
	case 1:
		return g.s(hexd, g.pick2(32, 40, 64))
	}
	return g.s(alnum, 24+g.r.IntN(24))
}

// ---- escapes ----

// h20php escapes s for a PHP single-quoted string.
func h20php(s string) string { return strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) }

// h20ini is s as a value an INI reader takes verbatim: quoted when it holds ; # or
// blanks at its ends, with no double quote inside (callers pass h20passNo(`"`)).
func h20ini(s string) string {
	if strings.ContainsAny(s, ";# =") {
		return `"` + s + `"`
	}
	return s
}

// h20iniIn is the part of h20ini(s) that stands for s.
func h20iniIn(s string) string { return s }

// ---- pools ----

var h20orgs = []string{"polder-logistiek.nl", "gent-retail.be", "brno-tech.cz", "bergen-fisk.no", "tampere-soft.fi", "valpo-puerto.cl", "lagos-pay.ng", "agadir-argan.ma", "luxor-tours.eg", "cusco-viajes.pe", "pecs-bor.hu", "graz-medizin.at"}

func (g *gen) h20host() string {
	return g.pick("db", "pg", "mysql", "sso", "mail", "imap", "smtp", "sip", "pbx", "hpc", "login", "matrix", "flags", "erp", "crm", "print", "lns", "epc") + g.pick("", "1", "02", "-prod", "-int", "-dr") + "." + g.pick(h20orgs...)
}

func (g *gen) h20user() string {
	return g.pick("svc_", "app_", "", "ops_", "int_", "etl_") + g.pick("billing", "print", "roster", "survey", "matrix", "relay", "sap", "slurm", "crm", "voip", "stats", "iot")
}

var h20first = []string{"daan.devries", "sanne", "lotte.peeters", "wout", "jakub.novak", "tereza", "ingrid.hansen", "magnus", "aino.virtanen", "eero", "catalina.r", "matias", "chioma.o", "emeka", "youssef.b", "salma", "ahmed.farouk", "nour", "lucia.quispe", "rodrigo.m", "zsofia", "bence.k"}
var h20domains = []string{"gmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl", "telenet.be", "skynet.be", "seznam.cz", "centrum.cz", "online.no", "elisanet.fi", "vtr.net", "yahoo.com", "menara.ma", "gmail.com", "freemail.hu", "gmx.at", "polder-logistiek.nl", "tampere-soft.fi", "lagos-pay.ng"}

func (g *gen) h20email() string {
	return g.pick(h20first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h20domains...)
}

func (g *gen) h20name() (first, last string) {
	i := g.r.IntN(12)
	return []string{"Daan", "Lotte", "Jakub", "Ingrid", "Aino", "Catalina", "Chioma", "Youssef", "Nour", "Lucía", "Zsófia", "Lukas"}[i],
		[]string{"de Vries", "Peeters", "Novák", "Hansen", "Virtanen", "Rojas", "Okafor", "Benali", "Farouk", "Quispe", "Kovács", "Gruber"}[i]
}

// h20phone is a mobile number of one of twelve countries in its international form.
func (g *gen) h20phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(12) {
	case 0:
		return "+31 6 " + d(4) + " " + d(4)
	case 1:
		return "+32 4" + g.pick("7", "8", "9") + d(1) + " " + d(2) + " " + d(2) + " " + d(2)
	case 2:
		return "+420 " + g.pick("6", "7") + d(2) + " " + d(3) + " " + d(3)
	case 3:
		return "+47 " + g.pick("4", "9") + d(2) + " " + d(2) + " " + d(3)
	case 4:
		return "+358 4" + g.pick("0", "4", "5") + " " + d(3) + " " + d(4)
	case 5:
		return "+56 9 " + d(4) + " " + d(4)
	case 6:
		return "+234 80" + g.pick("3", "5", "7") + " " + d(3) + " " + d(4)
	case 7:
		return "+212 6" + d(2) + "-" + d(6)
	case 8:
		return "+20 1" + g.pick("0", "1", "2") + " " + d(4) + " " + d(4)
	case 9:
		return "+51 9" + d(2) + " " + d(3) + " " + d(3)
	case 10:
		return "+36 " + g.pick("20", "30", "70") + " " + d(3) + " " + d(4)
	}
	return "+43 664 " + d(7)
}

// h20phoneNat is a mobile number in a national form (under a phone column).
func (g *gen) h20phoneNat() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(4) {
	case 0:
		return "06-" + d(8)
	case 1:
		return "04" + g.pick("7", "8", "9") + d(1) + " " + d(2) + " " + d(2) + " " + d(2)
	case 2:
		return "040 " + d(3) + " " + d(4)
	}
	return "0664 " + d(7)
}

// h20iban is an IBAN with valid check digits of one of twelve countries; Belgian ones
// also carry their national mod-97 check.
func (g *gen) h20iban() string {
	d := func(n int) string { return g.s(digits, n) }
	L := func(n int) string { return g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", n) }
	A := func(n int) string { return g.s(upperD, n) }
	switch g.r.IntN(12) {
	case 0:
		return ibanWith("NL", L(4)+d(10))
	case 1:
		b := d(10)
		r, _ := strconv.ParseInt(b, 10, 64)
		c := r % 97
		if c == 0 {
			c = 97
		}
		return ibanWith("BE", b+fmt.Sprintf("%02d", c))
	case 2:
		return ibanWith("CZ", d(20))
	case 3:
		return ibanWith("NO", d(11))
	case 4:
		return ibanWith("FI", d(14))
	case 5:
		return ibanWith("AT", d(16))
	case 6:
		return ibanWith("HU", d(24))
	case 7:
		return ibanWith("CH", d(5)+A(12))
	case 8:
		return ibanWith("LU", d(3)+A(13))
	case 9:
		return ibanWith("PT", d(21))
	case 10:
		return ibanWith("SK", d(20))
	}
	return ibanWith("HR", d(17))
}

// ---- national ids, each with its check digits ----

// h20bsn is a Dutch BSN: nine digits with 9*d1+8*d2+...+2*d8-d9 divisible by 11.
func (g *gen) h20bsn() string {
	for {
		b := g.s("123456", 1) + g.s(digits, 7)
		s := 0
		for i := 0; i < 8; i++ {
			s += int(b[i]-'0') * (9 - i)
		}
		if c := s % 11; c < 10 {
			return b + fmt.Sprint(c)
		}
	}
}

// h20rrn is a Belgian national number YY.MM.DD-SSS.CC: CC = 97 - (YYMMDDSSS mod 97),
// with a 2 put before the nine digits for births from 2000.
func (g *gen) h20rrn() string {
	y := 50 + g.r.IntN(59)
	b := fmt.Sprintf("%02d%02d%02d%03d", y%100, 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(997))
	n, _ := strconv.ParseInt(b, 10, 64)
	if y >= 100 {
		n += 2000000000
	}
	c := 97 - n%97
	return b[:2] + "." + b[2:4] + "." + b[4:6] + "-" + b[6:9] + "." + fmt.Sprintf("%02d", c)
}

// h20rut is a Chilean RUT NN.NNN.NNN-C: weights 2..7 from the right, C = 11 - sum mod
// 11, with 11 written 0 and 10 written K.
func (g *gen) h20rut() string {
	n := 5000000 + g.r.IntN(22000000)
	b := fmt.Sprint(n)
	s, w := 0, 2
	for i := len(b) - 1; i >= 0; i-- {
		s += int(b[i]-'0') * w
		w++
		if w > 7 {
			w = 2
		}
	}
	c := fmt.Sprint((11 - s%11) % 11)
	if c == "10" {
		c = "K"
	}
	return fmt.Sprintf("%d.%03d.%03d-%s", n/1000000, n/1000%1000, n%1000, c)
}

// h20rc is a Czech birth number YYMMDD/SSSC (women's months + 50) divisible by 11.
func (g *gen) h20rc() string {
	for {
		m := 1 + g.r.IntN(12)
		if g.r.IntN(2) == 0 {
			m += 50
		}
		b := fmt.Sprintf("%02d%02d%02d%03d", 55+g.r.IntN(45), m, 1+g.r.IntN(28), g.r.IntN(1000))
		n, _ := strconv.ParseInt(b, 10, 64)
		if c := n % 11; c < 10 {
			return b[:6] + "/" + b[6:] + fmt.Sprint(c)
		}
	}
}

// h20fnr is a Norwegian fødselsnummer DDMMYYIIIKK with its two mod-11 check digits.
func (g *gen) h20fnr() string {
	for {
		b := fmt.Sprintf("%02d%02d%02d%03d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(100), g.r.IntN(500))
		k1 := h20mod11(b, []int{3, 7, 6, 1, 8, 9, 4, 5, 2})
		if k1 == 10 {
			continue
		}
		b += fmt.Sprint(k1)
		k2 := h20mod11(b, []int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2})
		if k2 == 10 {
			continue
		}
		return b + fmt.Sprint(k2)
	}
}

// h20mod11 is 11 - (sum(d_i*w_i) mod 11), with 11 written 0.
func h20mod11(b string, w []int) int {
	s := 0
	for i, x := range w {
		s += int(b[i]-'0') * x
	}
	return (11 - s%11) % 11
}

// h20hetu is a Finnish HETU DDMMYY-NNNC (A for births from 2000): C is the 31-character
// table's entry for DDMMYYNNN mod 31.
func (g *gen) h20hetu() string {
	y := 40 + g.r.IntN(68)
	b := fmt.Sprintf("%02d%02d%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), y%100)
	nnn := fmt.Sprintf("%03d", 2+g.r.IntN(897))
	n, _ := strconv.Atoi(b + nnn)
	sep := "-"
	if y >= 100 {
		sep = "A"
	}
	return b + sep + nnn + string("0123456789ABCDEFHJKLMNPRSTUVWXY"[n%31])
}

// h20nid is a national id of one of six countries and its id type's name.
func (g *gen) h20nid() (string, string) {
	switch g.r.IntN(6) {
	case 0:
		return g.h20bsn(), "NL_BSN"
	case 1:
		return g.h20rrn(), "BE_RRN"
	case 2:
		return g.h20rut(), "CL_RUT"
	case 3:
		return g.h20rc(), "CZ_RC"
	case 4:
		return g.h20fnr(), "NO_FNR"
	}
	return g.h20hetu(), "FI_HETU"
}

// ---- provider tokens from their documented shapes ----

func (g *gen) h20uuid() string { return g.h5uuid() }

var h20provs = []h5prov{
	{"akamai", func(g *gen) string { return "akab-" + g.s(lower+digits, 16) + "-" + g.s(lower+digits, 16) }, []string{"AKAMAI_ACCESS_TOKEN"}},
	{"fastly", func(g *gen) string { return g.s(urlb64, 32) }, []string{"FASTLY_API_TOKEN"}},
	{"crowdin", func(g *gen) string { return g.s(hexd, 80) }, []string{"CROWDIN_PERSONAL_TOKEN"}},
	{"transifex", func(g *gen) string { return "1/" + g.s(hexd, 40) }, []string{"TX_TOKEN"}},
	{"launchdarkly", func(g *gen) string { return "sdk-" + g.h20uuid() }, []string{"LD_SDK_KEY"}},
	{"launchdarkly", func(g *gen) string { return "api-" + g.h20uuid() }, []string{"LD_API_KEY"}},
	{"unleash", func(g *gen) string { return g.pick("*", "default") + ":production." + g.s(hexd, 56) }, []string{"UNLEASH_API_TOKEN"}},
	{"flagsmith", func(g *gen) string { return "ser." + g.s(alnum, 22) }, []string{"FLAGSMITH_SERVER_KEY"}},
	{"ttn", func(g *gen) string { return g.h20ttn() }, []string{"TTN_API_KEY"}},
	{"matrix", func(g *gen) string { return g.h20syt(g.h20user()) }, []string{"MATRIX_ACCESS_TOKEN"}},
	{"airtable", func(g *gen) string { return "pat" + g.s(alnum, 14) + "." + g.s(hexd, 64) }, []string{"AIRTABLE_TOKEN"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }, []string{"NOTION_TOKEN"}},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }, []string{"NEW_RELIC_API_KEY"}},
	{"dockerhub", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKERHUB_TOKEN"}},
	{"doppler", func(g *gen) string { return "dp.st.prd." + g.s(alnum, 40) }, []string{"DOPPLER_TOKEN"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"TWILIO_API_KEY"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"PULUMI_ACCESS_TOKEN"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"TFE_TOKEN"}},
}

// h20tok is a provider token: one of this split's providers or of held19's.
func (g *gen) h20tok() (name, value string, p plant) {
	if g.r.IntN(2) == 0 {
		return g.h19tok()
	}
	t := h20provs[g.r.IntN(len(h20provs))]
	v := t.mk(g)
	return t.names[g.r.IntN(len(t.names))], v, secret(t.fam, v)
}

// h20ttn is a The Things Stack API key: NNSXS, the key id and the secret, both base32.
func (g *gen) h20ttn() string {
	return "NNSXS." + g.s(b32, 39) + "." + g.s(b32, 52)
}

// h20syt is a Synapse access token: syt_, the base64 localpart, twenty random
// characters and a base62 CRC32 of what precedes it.
func (g *gen) h20syt(local string) string {
	body := "syt_" + base64.RawURLEncoding.EncodeToString([]byte(local)) + "_" + g.s(alnum, 20)
	n := crc32.ChecksumIEEE([]byte(body))
	const a = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	out := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		out[i] = a[n%62]
		n /= 62
	}
	return body + "_" + string(out)
}

// h20neg is a value in a secret's slot that is not one; the plants label the ambiguous
// ones (a hash, an identifier, a public key there) neutral.
func (g *gen) h20neg() (string, []plant) {
	switch g.r.IntN(12) {
	case 0:
		return g.pick("akab-", "NNSXS.", "sdk-", "ser.", "syt_", "lin_api_", "PMAK-") + g.s(alnum, 3) + strings.Repeat(g.pick("*", "x", "X"), 10+g.r.IntN(12)), nil
	case 1:
		return g.pick("<your-password>", "CHANGE_ME", "changeme", "wachtwoord-hier", "heslo123-vzor", "********", "REPLACE", "xxxxxxxx", "<secret>", "TODO-rotate"), nil
	case 2:
		v := "$2y$10$" + g.s(b64[:62]+"./", 53)
		return v, []plant{neutral("hash", v)}
	case 3:
		v := g.h5uuid()
		return v, []plant{h19id(v)}
	case 4:
		v := g.s(hexd, 32)
		return v, []plant{neutral("hash", v)}
	case 5:
		v := g.pick("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "default:development.unleash-insecure-api-token", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")
		if strings.HasPrefix(v, "sk_test_") {
			return v, []plant{neutral("test-key", v)}
		}
		return v, nil
	case 6:
		return g.pick("${DB_PASSWORD}", "%env(DB_PASS)%", "{{ vault \"secret/db\" }}", "$__file{/run/secrets/db}", "env:SMTP_PASS", "${file:/etc/secret}"), nil
	case 7:
		v := "pk_live_" + g.s(alnum, 24)
		return v, []plant{neutral("public-key", v)}
	case 8:
		return g.pick("4111111111111111", "4000056655665556", "5200828282828210"), nil
	case 9:
		v := g.h16crypt()
		return v, []plant{neutral("hash", v)}
	case 10:
		v := "sha256:" + g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	}
	return g.h19neg()
}

// h20pv is a password in a password's slot, or now and then a value that is none;
// esc is the format's escape, applied to both.
func (g *gen) h20pv(esc func(string) string) (string, []plant) {
	if g.r.IntN(5) == 0 {
		v, ps := g.h20neg()
		return esc(v), h18esc(esc, ps)
	}
	pw := esc(g.h20pass())
	return pw, []plant{h15pw(pw)}
}

// h20pvNo is h20pv with a password free of the characters in bad (and no escape).
func (g *gen) h20pvNo(bad string) (string, []plant) {
	if g.r.IntN(5) == 0 {
		v, ps := g.h20neg()
		if !strings.ContainsAny(v, bad) {
			return v, ps
		}
	}
	pw := g.h20passNo(bad)
	return pw, []plant{h15pw(pw)}
}

// h20tv is a provider token in a token's slot, or now and then a value that is none.
func (g *gen) h20tv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h20neg()
	}
	_, v, p := g.h20tok()
	return v, []plant{p}
}

func (g *gen) h20date() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h20day() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

// h20ip is a private IPv4 address.
func (g *gen) h20ip() string {
	return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250))
}

// h20say is a chat message in one of langs and the plants of what it carries.
func (g *gen) h20say(langs []h18lang) (string, []plant) {
	nid := func() string { id, _ := g.h20nid(); return id }
	return g.sayIn(langs, sayPool{g.h20pass, g.h20phone, g.h20email, g.h20iban, nid, g.h20tok})
}

// Intercom's half: Uyghur, Sindhi, Javanese, Esperanto.
var h20intercomLangs = []h18lang{
	{"مۇلازىمېتىرنىڭ پارولى:", "تېلېفون نومۇرۇم:", "ماڭا ئېلخەت ئەۋەتىڭ:", "بانكا ھېساباتى (IBAN):", "API ئاچقۇچى:", "كارتا نومۇرى:", "كىملىك نومۇرى:", "پارولنى بىخەتەر قانال ئارقىلىق ئەۋەتتىم"},
	{"سرور جو پاسورڊ آهي", "منهنجو فون نمبر:", "مون کي اي ميل ڪريو:", "بئنڪ اڪائونٽ (IBAN):", "API ڪنجي:", "ڪارڊ نمبر:", "سڃاڻپ نمبر:", "پاسورڊ محفوظ چينل ذريعي موڪليو"},
	{"Sandhi server-e yaiku", "Nomer HP kula:", "Kirim email dhateng", "Rekening bank (IBAN):", "Kunci API:", "Nomer kertu:", "Nomer KTP:", "sandhine wis tak kirim lewat jalur aman"},
	{"La pasvorto de la servilo estas", "Mia telefonnumero:", "Skribu al mi ĉe", "Bankkonto (IBAN):", "API-ŝlosilo:", "Kartnumero:", "Identiga numero:", "la pasvorton mi sendis per sekura kanalo"},
}

// LiveChat's half: Tatar, Xhosa, Scottish Gaelic, Cebuano.
var h20livechatLangs = []h18lang{
	{"Серверның серсүзе:", "Минем телефон номерым:", "Миңа электрон почтага языгыз:", "Банк счеты (IBAN):", "API ачкычы:", "Карта номеры:", "Шәхси номер:", "серсүзне куркынычсыз канал аша җибәрдем"},
	{"Igama lokugqithisa leseva ngu", "Inombolo yam yefowuni:", "Ndithumelele i-imeyile ku", "Iakhawunti yebhanki (IBAN):", "Isitshixo se-API:", "Inombolo yekhadi:", "Inombolo yesazisi:", "igama lokugqithisa ndilithumele ngendlela ekhuselekileyo"},
	{"Is e facal-faire an fhrithealaiche", "Is e m' àireamh fòn", "Cuir post-d thugam aig", "Cunntas banca (IBAN):", "Iuchair API:", "Àireamh na cairt:", "Àireamh-aithne:", "chuir mi am facal-faire tro shianal tèarainte"},
	{"Ang password sa server kay", "Akong numero sa telepono:", "I-email ko sa", "Account sa bangko (IBAN):", "Yawe sa API:", "Numero sa kard:", "Numero sa ID:", "gipadala nako ang password pinaagi sa luwas nga channel"},
}

// h20iccid is a SIM's ICCID: 89, a country code, an issuer, a serial and a Luhn digit
// (nineteen digits in all; not a payment card).
func (g *gen) h20iccid() string {
	b := "89" + g.pick("31", "32", "47", "358", "420") + g.s(digits, 2)
	b += g.s(digits, 18-len(b))
	return b + string(luhnDigit(b))
}
