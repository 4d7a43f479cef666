package main

// held27 is a twenty-eighth split in two halves, like held9..held26: each family pairs
// two concrete shapes of one class; variant a goes to "held27a" and variant b to
// "held27b", each half with its own seed. Written from the formats' public
// documentation and knowledge of real files, without reading the detector, its rules,
// their examples or tests, or the generators of splits held19..held26; main.go,
// templates.go and held9..held18 were read only for the framework and the label schema.
//
// Families (a / b): Ignition SCADA (Jython project script / wrapper.log), library
// platforms (VuFind config.ini / FOLIO Okapi sync script), medical imaging (Orthanc
// orthanc.json / OHIF app-config.js), parcel shipping (Easyship integration .env /
// dispatch manifest CSV), SMS gateways (jasmin.cfg / jcli session with HTTP API log),
// Mexican payroll (CFDI 4.0 nómina XML / PAC stamping script), South African payroll
// (e@syFile IRP5 CSV / payroll API sync script), game backends (Nakama config.yml /
// Nakama docker-compose.yml), electronic lab notebooks (eLabFTW .env / openBIS
// service.properties), open-data portals (ckan.ini / ckanapi harvest script), Request
// Tracker (RT_SiteConfig.pm / ticket correspondence e-mail in six more languages),
// cross-platform apps (Flutter dart-define JSON / Capacitor config), Kamal deploys
// (config/deploy.yml / .kamal/secrets), CiviCRM (civicrm.settings.php / contact export
// CSV), listmonk (config.toml / API session), web conferencing (docker-jitsi-meet .env /
// BigBlueButton API log), card terminals (SumUp integration / checkout HTTP capture),
// website live chat (Crisp conversation export JSON in six more languages / tawk.to
// transcript e-mail in six more), radio automation (Rivendell rd.conf / LibreTime
// config.yml), translation platforms (Weblate settings-override.py / wlc config).
//
// PII: e-mails, phones of fifteen countries, Luhn-valid cards, IBANs of five countries
// (TL, IQ, SV, LY, FO), CURP and RFC (Mexico), CLABE (bank-account), South African
// identity numbers (Luhn) and bank accounts. Labelling policy is held4's and held18's:
// a value in a reversible encoding (HTTP Basic base64) is a secret as it stands; a hash,
// UUID or 40-hex value under a secret's name is neutral; role mailboxes and vendor
// support addresses are not labelled personal data; a private key is labelled at its
// header line; a value that stands in two lines is labelled in both.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

var h27words = []string{"Cusco", "Rotorua", "Apia", "Dili", "Kigali", "Cebu", "Kazan", "Mthatha", "Erbil", "Guwahati", "Asuncion", "Yogya", "Hulhumale", "Lhasa", "Kashgar", "Cuttack", "Iqaluit", "Hyderabad", "Tiraspol", "Oaxaca", "Soweto", "Valparaiso"}

// h27pass is a password a person or a generator chose. It starts with a letter or a
// digit and its symbols (! * ^ + ~ ? @ # - _ .) survive the files' quoting.
func (g *gen) h27pass() string {
	word := func() string { return g.pick(h27words...) }
	switch g.r.IntN(6) {
	case 0:
		return word() + g.pick("!", "*", "^", "+", "~", "?", "@", "#") + g.s(digits, 2+g.r.IntN(3))
	case 1:
		return strings.ToLower(word()) + g.pick("_", "-", ".") + strings.ToLower(word()) + g.s(digits, 2)
	case 2:
		return g.s(alnum, 14+g.r.IntN(12))
	case 3:
		return word() + g.pick("2026", "2027", "77", "01") + g.pick("!", "?", "*", "#")
	case 4:
		return g.s(alnum, 5) + g.pick("_", "~", ".", "-") + g.s(alnum, 7) + g.pick("!", "^", "")
	}
	return strings.ToUpper(g.s(lower, 2)) + strings.ToLower(word()) + g.s(digits, 3) + g.pick("!", "+", "*")
}

// h27plain is a password of letters, digits, - _ . only, for URLs, command lines and
// XML attributes.
func (g *gen) h27plain() string {
	switch g.r.IntN(3) {
	case 0:
		return g.s(alnum, 16+g.r.IntN(10))
	case 1:
		return g.pick(h27words...) + g.pick("-", "_", ".") + g.s(alnum, 6) + g.s(digits, 2)
	}
	return strings.ToLower(g.pick(h27words...)) + g.s(digits, 3) + g.s(alnum, 5)
}

// h27rand is a machine-generated shared secret.
func (g *gen) h27rand() string {
	switch g.r.IntN(3) {
	case 0:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32, 36)))
	case 1:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(30, 33, 48)))
	}
	return g.s(alnum, 28+g.r.IntN(20))
}

var h27orgs = []string{"cusco-andes.pe", "rotorua-iwi.nz", "apia-telecom.ws", "dili-saude.tl", "kigali-logistics.rw", "cebu-retail.ph", "kazan-media.ru", "mthatha-payroll.co.za", "erbil-clinic.iq", "guwahati-labs.in", "asuncion-datos.gov.py", "oaxaca-nomina.mx", "example.org"}

func (g *gen) h27host() string {
	return g.pick("db", "pg", "mysql", "maria", "redis", "amqp", "api", "sso", "smtp", "ldap", "solr", "minio", "pacs", "okapi") + g.pick("", "1", "02", "-prod", "-stg", "-dr") + "." + g.pick(h27orgs...)
}

func (g *gen) h27user() string {
	return g.pick("svc_", "app_", "etl_", "", "ro_", "gw_") + g.pick("scada", "catalog", "pacs", "dispatch", "sms", "payroll", "game", "eln", "portal", "tickets", "crm", "radio")
}

var h27first = []string{"wayra.q", "mamani", "aroha.t", "tane.w", "sina.f", "tavita", "mariana.x", "joaozito", "uwase", "mugisha.j", "rhea.c", "junjun", "rustem.g", "alsu", "siphokazi", "lwazi.m", "shvan", "dilan.k", "bhaskar.d", "pallavi", "ramon.b", "ximena.r", "ayelen", "tenzin.d", "aminath", "ibrahim.s"}
var h27domains = []string{"gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "xtra.co.nz", "bluesky.ws", "timortelecom.tl", "mtn.co.rw", "pldt.ph", "mail.ru", "yandex.ru", "webmail.co.za", "korek.iq", "rediffmail.com", "tigo.com.py", "prodigy.net.mx", "dhivehinet.net.mv"}

func (g *gen) h27email() string {
	return g.pick(h27first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h27domains...)
}

func (g *gen) h27phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(15) {
	case 0:
		return "+51 9" + d(2) + " " + d(3) + " " + d(3)
	case 1:
		return "+64 21 " + d(3) + " " + d(4)
	case 2:
		return "+685 7" + d(6)
	case 3:
		return "+670 77" + d(2) + " " + d(4)
	case 4:
		return "+250 78" + d(1) + " " + d(3) + " " + d(3)
	case 5:
		return "+63 917 " + d(3) + " " + d(4)
	case 6:
		return "+7 917 " + d(3) + "-" + d(2) + "-" + d(2)
	case 7:
		return "+27 8" + d(1) + " " + d(3) + " " + d(4)
	case 8:
		return "+964 750 " + d(3) + " " + d(4)
	case 9:
		return "+91 9" + d(4) + " " + d(5)
	case 10:
		return "+595 98" + d(1) + " " + d(3) + " " + d(3)
	case 11:
		return "+52 55 " + d(4) + " " + d(4)
	case 12:
		return "+960 7" + d(2) + "-" + d(4)
	case 13:
		return "+62 812-" + d(4) + "-" + d(4)
	}
	return "+1 867 " + d(3) + " " + d(4)
}

// h27iban is an IBAN with valid check digits of Timor-Leste, Iraq, El Salvador, Libya
// or the Faroe Islands.
func (g *gen) h27iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(5) {
	case 0:
		return ibanWith("TL", d(19))
	case 1:
		return ibanWith("IQ", g.pick("NBIQ", "RAFB", "KIBI")+d(15))
	case 2:
		return ibanWith("SV", g.pick("CENR", "BAGR", "CUSC")+d(20))
	case 3:
		return ibanWith("LY", d(21))
	}
	return ibanWith("FO", d(14))
}

// h27curpAlpha is the alphabet of the CURP check digit (RENAPO): digits, A-N, Ñ, O-Z.
var h27curpAlpha = []rune("0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ")

// h27curpCheck is the CURP check digit of the first seventeen characters: the sum of
// each value times (18 - position), then (10 - sum mod 10) mod 10.
func h27curpCheck(body string) int {
	s := 0
	for i, c := range []rune(body) {
		v := 0
		for j, a := range h27curpAlpha {
			if a == c {
				v = j
			}
		}
		s += v * (18 - i)
	}
	return (10 - s%10) % 10
}

var h27states = []string{"DF", "OC", "JC", "NL", "PL", "VZ", "YN", "CS", "GR", "MC"}

// h27curp is a CURP: four letters, birth date, sex, state, three consonants, a digit
// (born before 2000) and the check digit.
func (g *gen) h27curp() string {
	cons := "BCDFGHJKLMNPQRSTVWXYZ"
	body := g.s("ABCDEFGHIJKLMNOPRSTUVZ", 1) + g.pick("A", "E", "I", "O", "U") + g.s("ABCDEFGHJLMNOPRSTV", 2) +
		fmt.Sprintf("%02d%02d%02d", 40+g.r.IntN(59), 1+g.r.IntN(12), 1+g.r.IntN(28)) + g.pick("H", "M") + g.pick(h27states...) + g.s(cons, 3) + g.s(digits, 1)
	return body + fmt.Sprint(h27curpCheck(body))
}

// h27rfcAlpha is the alphabet of the RFC check digit (SAT).
const h27rfcAlpha = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"

// h27rfcCheck is the RFC check digit of a person's twelve characters: the sum of each
// value times (13 - position) mod 11; 0 gives 0, 1 gives A, r gives 11 - r.
func h27rfcCheck(body string) string {
	s := 0
	for i, c := range []rune(body) {
		s += strings.IndexRune(h27rfcAlpha, c) * (13 - i)
	}
	switch r := s % 11; r {
	case 0:
		return "0"
	case 1:
		return "A"
	default:
		return fmt.Sprint(11 - r)
	}
}

// h27rfc is a person's RFC: the CURP's first ten characters, a two-character
// homoclave and the check digit.
func (g *gen) h27rfc(curp string) string {
	body := curp[:10] + g.s("ABCDEFGHIJKLMNPQRSTUVWXYZ123456789", 2)
	return body + h27rfcCheck(body)
}

// h27clabe is an 18-digit CLABE: bank, plaza, account, check digit with weights 3,7,1.
func (g *gen) h27clabe() string {
	body := g.pick("002", "012", "014", "021", "072", "127", "137") + g.s(digits, 3) + g.s(digits, 11)
	return body + fmt.Sprint(h27clabeCheck(body))
}

func h27clabeCheck(body string) int {
	s := 0
	for i := 0; i < 17; i++ {
		s += (int(body[i]-'0') * []int{3, 7, 1}[i%3]) % 10
	}
	return (10 - s%10) % 10
}

// h27saID is a South African identity number YYMMDD SSSS C A Z, Z a Luhn digit.
func (g *gen) h27saID() string {
	body := fmt.Sprintf("%02d%02d%02d%04d%d8", g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(10000), g.r.IntN(2))
	return body + string(luhnDigit(body))
}

// h27saAcct is a South African bank account number.
func (g *gen) h27saAcct() string { return g.pick("62", "10", "40", "1") + g.s(digits, 8+g.r.IntN(2)) }

func h27acct(v string) plant { return pii("bank-account", v) }

// h27provs are provider tokens written from their documented shapes.
var h27provs = []h5prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghs_")) }, []string{"GITHUB_TOKEN"}},
	{"gitlab", func(g *gen) string { return "glpat-" + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"slack", func(g *gen) string {
		return "xoxb-" + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }, []string{"STRIPE_SECRET_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_API_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"mapbox", func(g *gen) string {
		return "sk.eyJ1Ijoi" + g.s(alnum, 10) + "IiwiYSI6Ij" + g.s(alnum, 15) + "In0." + g.s(urlb64, 22)
	}, []string{"MAPBOX_SECRET_TOKEN"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DIGITALOCEAN_TOKEN"}},
	{"sentry", func(g *gen) string { return "sntryu_" + g.s(hexd, 64) }, []string{"SENTRY_AUTH_TOKEN"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"NPM_TOKEN"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"telegram", func(g *gen) string { return g.s("123456789", 1) + g.s(digits, 9) + ":AA" + g.s(urlb64, 33) }, []string{"TELEGRAM_BOT_TOKEN"}},
	{"twilio", func(g *gen) string { return "SK" + g.s(hexd, 32) }, []string{"TWILIO_API_KEY"}},
	{"jwt", func(g *gen) string { return g.h16jwt() }, []string{"SERVICE_JWT"}},
}

func (g *gen) h27tok() (name, value string, p plant) { return g.provTok(h27provs) }

// h27neg is a value in a secret's slot that is not one; the plants label the ambiguous
// ones (a hash or an identifier there) neutral.
func (g *gen) h27neg() (string, []plant) {
	switch g.r.IntN(12) {
	case 0:
		return g.pick("sk_live_", "glpat-", "AKIA", "xoxb-", "prod_") + g.s(alnum, 4) + strings.Repeat("*", 10+g.r.IntN(10)), nil
	case 1:
		return g.pick("[REDACTED]", "********", "<hidden>", "(masked)", "xxxxxxxx"), nil
	case 2:
		return g.pick("<password>", "changeme", "CHANGE_ME_BEFORE_DEPLOY", "your-secret-here", "TODO", "example"), nil
	case 3:
		v := "$2y$12$" + g.s(b64[:62]+"./", 53)
		return v, []plant{neutral("hash", v)}
	case 4:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 5:
		v := g.s(hexd, 40)
		return v, []plant{neutral("hash", v)}
	case 6:
		return "${" + g.pick("DB_PASSWORD", "API_TOKEN", "SECRET_KEY", "SMTP_PASS") + "}", nil
	case 7:
		v := g.pick("sk_test_", "rk_test_") + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha256:" + g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 9:
		return "{{ " + g.pick("vault_db_password", "lookup('env','API_KEY')", "secrets.token") + " }}", nil
	case 10:
		return "%(" + g.pick("DB_PASS", "api_key") + ")s", nil
	}
	return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", nil
}

// h27pv is a password in a password's slot, or now and then a value that is none.
func (g *gen) h27pv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h27neg()
	}
	pw := g.h27pass()
	return pw, []plant{h15pw(pw)}
}

// h27tv is a provider token in a token's slot, or now and then a value that is none.
func (g *gen) h27tv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h27neg()
	}
	_, v, p := g.h27tok()
	return v, []plant{p}
}

// h27rv is a machine secret in a generic secret's slot, or now and then none.
func (g *gen) h27rv() (string, []plant) {
	if g.r.IntN(7) == 0 {
		return g.h27neg()
	}
	v := g.h27rand()
	return v, []plant{h15gen(v)}
}

func (g *gen) h27date() string {
	return fmt.Sprintf("2026-%02d-%02d", 1+g.r.IntN(12), 1+g.r.IntN(28))
}

func (g *gen) h27time() string {
	return fmt.Sprintf("%s %02d:%02d:%02d", g.h27date(), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h27name() (first, last string) {
	i := g.r.IntN(14)
	return []string{"Wayra", "Aroha", "Sina", "Mariana", "Uwase", "Rhea", "Rüstəm", "Siphokazi", "Shvan", "Bhaskar", "Ximena", "Tenzin", "Aminath", "Ayelén"}[i],
		[]string{"Mamani", "Te Whata", "Faleolo", "Ximenes", "Mukamana", "Cabahug", "Galiev", "Ndlovu", "Barzani", "Das", "Hernández", "Dorje", "Shareef", "Benítez"}[i]
}

// h27ll is a latitude and longitude (a negative).
func (g *gen) h27ll() string {
	return fmt.Sprintf("%.6f,%.6f", -40+80*g.r.Float64(), -170+340*g.r.Float64())
}

func (g *gen) h27basic(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

func (g *gen) h27pool() sayPool {
	return sayPool{g.h27pass, g.h27phone, g.h27email, g.h27iban, g.h27saID, g.h27tok}
}

// Request Tracker correspondence: Dhivehi, Tibetan, Uyghur, Odia, Yiddish, Inuktitut.
var h27rtLangs = []h18lang{
	{"ސިސްޓަމަށް ވަދެވޭކަށް ނެތް، ޕާސްވޯޑަކީ", "އަހަރެންގެ ފޯން ނަންބަރަކީ", "އީމެއިލް ކުރައްވާ", "ބޭންކް އެކައުންޓް (IBAN):", "API ކީ:", "ކާޑު ނަންބަރު:", "އައިޑީ ކާޑު ނަންބަރު:", "ޕާސްވޯޑު ރައްކާތެރި ގޮތަކަށް ފޮނުވިން"},
	{"ང་ནང་འཛུལ་མ་ཐུབ། གསང་ཚིག་ནི", "ངའི་ཁ་པར་ཨང་གྲངས།", "གློག་འཕྲིན་གཏོང་རོགས།", "དངུལ་ཁང་ཐོ་ཨང་(IBAN):", "API ལྡེ་མིག:", "ཁཱཌ་ཨང་གྲངས།", "ངོ་སྤྲོད་ཨང་གྲངས།", "གསང་ཚིག་བདེ་འཇགས་ལམ་ནས་བསྐུར་ཡོད།"},
	{"كىرەلمىدىم، پارول:", "تېلېفون نومۇرۇم:", "ئېلخەت ئەۋەتىڭ:", "بانكا ھېساباتى (IBAN):", "API ئاچقۇچى:", "كارتا نومۇرى:", "كىملىك نومۇرى:", "پارولنى بىخەتەر قانال ئارقىلىق ئەۋەتتىم"},
	{"ମୁଁ ଲଗଇନ୍ କରିପାରୁନାହିଁ, ପାସୱାର୍ଡ ହେଉଛି", "ମୋ ଫୋନ୍ ନମ୍ବର:", "ମୋତେ ଇମେଲ୍ କରନ୍ତୁ:", "ବ୍ୟାଙ୍କ ଆକାଉଣ୍ଟ (IBAN):", "API କି:", "କାର୍ଡ ନମ୍ବର:", "ପରିଚୟ ନମ୍ବର:", "ପାସୱାର୍ଡ ସୁରକ୍ଷିତ ଚ୍ୟାନେଲରେ ପଠାଇଛି"},
	{"איך קען זיך נישט אַרײַנלאָגירן, דאָס פּאַראָל איז", "מײַן טעלעפֿאָן־נומער:", "שרײַבט מיר אויף", "באַנק־חשבון (IBAN):", "דער API־שליסל:", "קאַרטל־נומער:", "אידענטיטעט־נומער:", "דאָס פּאַראָל האָב איך געשיקט דורך אַ זיכערן קאַנאַל"},
	{"ᐃᓯᕈᓐᓇᙱᑦᑐᖓ, ᐊᑐᐊᒐᖅ ᑕᒪᓐᓇ", "ᐅᖃᓘᑎᒃᑯᑦ ᓈᓴᐅᑖᕋ", "ᖃᕆᓴᐅᔭᒃᑯᑦ ᑎᑎᖃᓕᐊᕆᓂᐊ", "ᐆᒻᒪᖅᑐᓕᕆᕝᕕᒃ (IBAN):", "API ᐃᒪᖅᑐᖅ:", "ᑲᑦ ᓈᓴᐅᑖ:", "ᐃᓚᒋᔭᐅᓂᕐᒧᑦ ᓈᓴᐅᑖ:", "ᐊᑐᐊᒐᖅ ᐊᐃᑦᑐᕐᓂᖅ ᖃᐅᔨᔭᐅᙱᑦᑐᒃᑯᑦ"},
}

// Crisp conversations: Quechua, Māori, Samoan, Tetum, Kinyarwanda, Cebuano.
var h27crispLangs = []h18lang{
	{"Manam yaykuyta atinichu, pakasqa simiyqa", "Telefono yupayniy:", "Correo nisqaman qillqamuway:", "Qullqi wasi yupay (IBAN):", "API llave:", "Tarjeta yupay:", "DNI yupay:", "pakasqa simita allin ñanninta apachimuni"},
	{"Kāore e taea te takiuru, ko te kupuhipa ko", "Ko taku nama waea:", "Tukuna he īmēra ki", "Pūkete pēke (IBAN):", "Te kī API:", "Nama kāri:", "Nama tuakiri:", "kua tukuna te kupuhipa mā te ara haumaru"},
	{"Ou te le mafai ona ulufale, o le upu faalilolilo o", "Lo'u numera telefoni:", "Imeli mai ia te a'u i", "Teugatupe (IBAN):", "Ki API:", "Numera o le kata:", "Numera faasinomaga:", "ua ou auina atu le upu faalilolilo i se ala saogalemu"},
	{"Ha'u la bele tama, liafuan-segredu mak", "Ha'u-nia numeru telefone:", "Haruka email ba", "Konta banku (IBAN):", "Xave API:", "Numeru kartaun:", "Numeru eleitorál:", "ha'u haruka ona liafuan-segredu liuhusi dalan seguru"},
	{"Sinshobora kwinjira, ijambo ry'ibanga ni", "Nimero ya telefoni yanjye:", "Nyandikira kuri", "Konti ya banki (IBAN):", "Urufunguzo rwa API:", "Nimero y'ikarita:", "Nimero y'indangamuntu:", "ijambo ry'ibanga nararyohereje mu nzira itekanye"},
	{"Dili ko maka-login, ang password kay", "Ang akong numero sa telepono:", "I-email ko sa", "Account sa bangko (IBAN):", "Ang API key:", "Numero sa card:", "Numero sa ID:", "gipadala na nako ang password sa luwas nga paagi"},
}

// tawk.to transcripts: Tatar, Xhosa, Sorani Kurdish, Assamese, Guarani, Javanese.
var h27tawkLangs = []h18lang{
	{"Керә алмыйм, серсүз:", "Телефон номерым:", "Миңа электрон почтага языгыз:", "Банк счеты (IBAN):", "API ачкычы:", "Карта номеры:", "Шәхес номеры:", "серсүзне куркынычсыз канал аша җибәрдем"},
	{"Andikwazi ukungena, igama lokugqitha ngu", "Inombolo yam yefowuni:", "Ndithumelele i-imeyile ku", "I-akhawunti yebhanki (IBAN):", "Isitshixo se-API:", "Inombolo yekhadi:", "Inombolo yesazisi:", "igama lokugqitha ndilithumele ngendlela ekhuselekileyo"},
	{"ناتوانم بچمە ژوورەوە، وشەی نهێنی:", "ژمارەی تەلەفۆنەکەم:", "ئیمەیڵم بۆ بنێرە بۆ", "هەژماری بانک (IBAN):", "کلیلی API:", "ژمارەی کارت:", "ژمارەی ناسنامە:", "وشەی نهێنیم بە ڕێگایەکی پارێزراو نارد"},
	{"মই লগইন কৰিব পৰা নাই, পাছৱৰ্ড হৈছে", "মোৰ ফোন নম্বৰ:", "মোলৈ ইমেইল কৰক:", "বেংক একাউণ্ট (IBAN):", "API চাবি:", "কাৰ্ড নম্বৰ:", "পৰিচয় নম্বৰ:", "পাছৱৰ্ড সুৰক্ষিত পথেৰে পঠিয়াইছোঁ"},
	{"Ndaikatúi ake, ñe'ẽñemi ha'e", "Che pumbyry papapy:", "Emondo chéve ñanduti veve", "Viru ñongatuha (IBAN):", "API ñemboty:", "Tarjeta papapy:", "Cédula papapy:", "amondo ñe'ẽñemi tape hekorosãvape"},
	{"Aku ora bisa mlebu, sandhiné yaiku", "Nomer telponku:", "Kirimi email menyang", "Rekening bank (IBAN):", "Kunci API:", "Nomer kertu:", "NIK:", "sandhiné wis dak kirim liwat dalan sing aman"},
}

// h27contact adds a comment line after mark naming an on-call person with an e-mail
// address and a phone number, both labelled.
func (g *gen) h27contact(f *file, mark string) {
	first, last := g.h27name()
	em, ph := g.h27email(), g.h27phone()
	f.add(fmt.Sprintf("%s %s: %s %s, %s, %s", mark, g.pick("on-call", "contact", "owner", "maintainer"), first, last, em, ph), h15mail(em), h15tel(ph))
}

// h27priv is a private IPv4 address.
func (g *gen) h27priv() string {
	switch g.r.IntN(3) {
	case 0:
		return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	case 1:
		return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(256), 1+g.r.IntN(254))
	}
	return fmt.Sprintf("192.168.%d.%d", g.r.IntN(256), 1+g.r.IntN(254))
}

// h27nss is a Mexican social security number: ten digits and a Luhn check digit.
func (g *gen) h27nss() string {
	body := g.s(digits, 2) + fmt.Sprintf("%02d", g.r.IntN(100)) + fmt.Sprintf("%02d", 40+g.r.IntN(59)) + g.s(digits, 4)
	return body + string(luhnDigit(body))
}

// h27role is an organisation's role mailbox (not personal data: labelled neutral, as
// held4's policy has it) and its plant.
func (g *gen) h27role(local string) (string, plant) {
	a := local + "@" + g.pick(h27orgs...)
	return a, neutral("role-email", a)
}
