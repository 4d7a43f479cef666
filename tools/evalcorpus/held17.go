package main

// held17 is an eighteenth split in two halves, like held9..held16: "held17a" may be tuned
// on, "held17b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class; variant a goes to held17a and variant b to held17b, each
// half with its own seed. Written from the formats' own documentation and knowledge of
// real files, without reading the rules, their examples or the detector's output on any
// split; the other splits' templates were read only to choose shapes they do not cover
// and to reuse the framework's helpers.
//
// Shapes: mainframe batch (JCL job cards and FTP/DB2 SYSIN against RACF TSO commands),
// scientific workflows (Fortran namelists against nextflow.config), JVM diagnostics (jcmd
// VM.system_properties with properties escapes against jps -lvm), network monitors
// (tshark -V dissections against Zeek TSV logs), fediverse servers (Mastodon
// .env.production against Discourse app.yml), small ERPs (ERPNext site_config.json
// against Dolibarr conf.php), person records (GEDCOM against DICOM dcmdump output),
// EDI (ANSI X12 837 against UN/EDIFACT PAXLST), bank messages (SWIFT MT103 against ISO
// 20022 camt.053), developer environments (direnv .envrc against pm2
// ecosystem.config.js), Kerberos (klist -kte -K against ktpass/setspn batch files), CI
// servers (Bamboo Specs YAML against Spinnaker pipeline JSON), Kubernetes extensions
// (Crossplane against Tekton), HTTP audit logs (ModSecurity serial audit log against
// varnishlog), Windows provisioning (Intune Graph JSON from ConvertTo-Json against
// Windows Configuration Designer customizations.xml), team chat exports (Zulip realm
// export in Tigrinya, Slovene, Bosnian, Tajik and Pashto against Rocket.Chat
// mongoexport lines in Kurmanji, Tagalog, Malagasy, Haitian Creole and Faroese), cloud
// CLIs (aliyun config.json against Yandex Cloud yc config.yaml), source (Crystal against
// Grails application.groovy), spreadsheet/script connectors (Power Query M against
// Google Apps Script), SMS gateways (Kannel against Gammu SMSD and getallsms output).
// PII: e-mails, phones of twelve countries, Luhn-valid cards, IBANs of seven countries,
// Swedish personnummer, Finnish henkilötunnus, US SSNs, passport numbers. Hard negatives in
// the same shapes: password hashes, keytab timestamps and KVNOs, DICOM UIDs, EDI control
// numbers, bank references, Bamboo-encrypted values (neutral, as held9 labels Jenkins'),
// test-mode Stripe keys under secret names (neutral, as in held6), Razorpay key ids
// (neutral: checkout pages carry them), Spinnaker SpEL and Tekton
// $(params.x) references, public VAPID keys, Sentry DSN keys (neutral), placeholders,
// masked values and documented example keys. Labelling policy is held4's (held4.go); a
// value in a reversible encoding (HTTP Basic base64, percent-encoding, Kubernetes data:
// base64) is a secret as it stands; a 32- or 40-hex value or a UUID under a secret name
// is neutral (it may be an id or a digest) unless the format documents it as the secret
// (Rails' SECRET_KEY_BASE, an NCBI API key, a DeepL key, a Kerberos key).

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// h17pass is a password a person or a generator chose; its symbols (! * ^ + ~ ? - _ .)
// survive the files' quoting.
func (g *gen) h17pass() string {
	word := func() string {
		return g.pick("Gondar", "Bled", "Mostar", "Pamir", "Kandahar", "Kalmar", "Oulu", "Toamasina", "Jacmel", "Torshavn", "Axum", "Ljubljana", "Dushanbe", "Tromso", "Cebu", "Antsirabe", "Vaduz", "Tbilisi", "Mekong", "Sahel")
	}
	shapes := [...]func() string{
		func() string { return word() + g.pick("!", "*", "^", "+", "~", "?") + g.s(digits, 2+g.r.IntN(3)) },
		func() string { return strings.ToLower(word()) + "-" + strings.ToLower(word()) + "-" + g.s(digits, 2) },
		func() string { return g.s(alnum, 12+g.r.IntN(16)) },
		func() string { return word() + g.pick("2024", "2026", "88", "07") + g.pick("!", "?", "*", "#") },
		func() string { return g.s(alnum, 5) + g.pick("_", "~", ".") + g.s(alnum, 5) + g.pick("!", "^", "") },
		func() string { return strings.ToUpper(g.s(lower, 2)) + strings.ToLower(word()) + g.s(digits, 4) },
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h17short is an uppercase password of at most eight characters (RACF, SMPP).
func (g *gen) h17short() string {
	return g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + g.s("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 5+g.r.IntN(3))
}

// h17rand is a machine-generated shared secret.
func (g *gen) h17rand() string {
	switch g.r.IntN(3) {
	case 0:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 1:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(30, 33, 48)))
	}
	return g.s(alnum, 24+g.r.IntN(20))
}

var h17orgs = []string{"axum-freight.et", "bled-tours.si", "mostar-banka.ba", "pamir-energy.tj", "kalmar-vard.se", "oulu-data.fi", "toamasina-port.mg", "jacmel-coop.ht", "torshavn-fisk.fo", "cebu-bpo.ph", "example.net"}

func (g *gen) h17host() string {
	return g.pick("db", "pg", "maria", "mongo", "api", "sso", "smtp", "kdc", "pacs", "erp", "smsc", "ci", "git", "s3") + g.pick("", "1", "02", "-prod", "-stg", "-hq") + "." + g.pick(h17orgs...)
}

func (g *gen) h17user() string {
	return g.pick("svc_", "app_", "batch_", "", "ci_", "ro_") + g.pick("payroll", "claims", "manifest", "pacs", "erp", "sms", "ledger", "forum")
}

var h17first = []string{"tesfay", "selam.g", "ana.kovac", "luka.novak", "lejla.h", "emir", "farrukh", "nigina.r", "zarghuna", "ahmad.w", "sigrid.l", "aino.v", "mikko", "rado", "fanja.r", "jean.baptiste", "rose.m", "joannes", "bjarta", "maria.santos", "jomar", "dilan", "rojda"}
var h17domains = []string{"gmail.com", "yahoo.com", "ethionet.et", "siol.net", "bih.net.ba", "mail.ru", "outlook.com", "telia.com", "kolumbus.fi", "moov.mg", "hotmail.fr", "olivant.fo", "yahoo.com.ph", "protonmail.com", "kalmar-vard.se", "mostar-banka.ba"}

func (g *gen) h17email() string {
	return g.pick(h17first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h17domains...)
}

func (g *gen) h17phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(12) {
	case 0:
		return "+251 91 " + d(3) + " " + d(4)
	case 1:
		return "+386 41 " + d(3) + " " + d(3)
	case 2:
		return "+387 61 " + d(3) + " " + d(3)
	case 3:
		return "+992 93 " + d(3) + " " + d(4)
	case 4:
		return "+93 70 " + d(3) + " " + d(4)
	case 5:
		return "+46 70 " + d(3) + " " + d(2) + " " + d(2)
	case 6:
		return "+358 40 " + d(3) + " " + d(4)
	case 7:
		return "+261 34 " + d(2) + " " + d(3) + " " + d(2)
	case 8:
		return "+509 " + g.pick("3", "4") + d(3) + " " + d(4)
	case 9:
		return "+298 " + d(3) + " " + d(3)
	case 10:
		return "+63 917 " + d(3) + " " + d(4)
	}
	return "+995 5" + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
}

// h17iban is an IBAN with valid check digits of one of seven countries.
func (g *gen) h17iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.pick("SI", "BA", "SE", "FI", "FO", "GE", "MG") {
	case "SI":
		return ibanWith("SI", d(15))
	case "BA":
		return ibanWith("BA", d(16))
	case "SE":
		return ibanWith("SE", d(20))
	case "FI":
		return ibanWith("FI", d(14))
	case "FO":
		return ibanWith("FO", d(14))
	case "GE":
		return ibanWith("GE", g.pick("NB", "BG", "TB")+d(16))
	}
	return ibanWith("MG", d(23))
}

// h17pnr is a Swedish personnummer YYMMDD-NNNC, C the Luhn digit of the nine before it.
func (g *gen) h17pnr() string {
	body := fmt.Sprintf("%02d%02d%02d%s", 40+g.r.IntN(60), 1+g.r.IntN(12), 1+g.r.IntN(28), g.s(digits, 3))
	return body[:6] + "-" + body[6:] + string(luhnDigit(body))
}

// h17hetu is a Finnish henkilötunnus DDMMYY-NNNC: C indexes the nine digits mod 31.
func (g *gen) h17hetu() string {
	dd, mm, yy, n := 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(100), 2+g.r.IntN(897)
	v := ((dd*100+mm)*100+yy)*1000 + n
	return fmt.Sprintf("%02d%02d%02d-%03d%c", dd, mm, yy, n, "0123456789ABCDEFHJKLMNPRSTUVWXY"[v%31])
}

// h17provs are provider tokens written from their documented shapes.
var h17provs = []h5prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghu_")) }, []string{"GITHUB_TOKEN"}},
	{"github", func(g *gen) string { return "github_pat_11" + g.s(upperD, 20) + "_" + g.s(alnum, 59) }, []string{"GH_TOKEN"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "gldt-") + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"slack", func(g *gen) string {
		return g.pick("xoxb-", "xoxp-") + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_BOT_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }, []string{"STRIPE_API_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_MAPS_API_KEY"}},
	{"digitalocean", func(g *gen) string { return "dop_v1_" + g.s(hexd, 64) }, []string{"DIGITALOCEAN_TOKEN"}},
	{"sonarqube", func(g *gen) string { return g.pick("squ_", "sqp_", "sqa_") + g.s(hexd, 40) }, []string{"SONAR_TOKEN"}},
	{"atlassian", func(g *gen) string { return "ATATT3xFfGF0" + g.s(urlb64, 170) + "=" + g.s(upperD[:16], 8) }, []string{"JIRA_API_TOKEN"}},
	{"databricks", func(g *gen) string { return "dapi" + g.s(hexd, 32) }, []string{"DATABRICKS_TOKEN"}},
	{"supabase", func(g *gen) string { return "sbp_" + g.s(hexd, 40) }, []string{"SUPABASE_ACCESS_TOKEN"}},
	{"notion", func(g *gen) string { return "ntn_" + g.s(digits, 11) + g.s(alnum, 35) }, []string{"NOTION_TOKEN"}},
	{"figma", func(g *gen) string { return "figd_" + g.s(urlb64, 40) }, []string{"FIGMA_TOKEN"}},
	{"mailgun", func(g *gen) string { return "key-" + g.s(hexd, 32) }, []string{"MAILGUN_API_KEY"}},
	{"telegram", func(g *gen) string { return fmt.Sprint(1000000000+g.r.IntN(8e9)) + ":AA" + g.s(urlb64, 33) }, []string{"TELEGRAM_BOT_TOKEN"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"NPM_TOKEN"}},
	{"vault", func(g *gen) string { return "hvs." + g.s(alnum+"_-", 90+g.r.IntN(20)) }, []string{"VAULT_TOKEN"}},
	{"groq", func(g *gen) string { return "gsk_" + g.s(alnum, 52) }, []string{"GROQ_API_KEY"}},
	{"planetscale", func(g *gen) string { return "pscale_tkn_" + g.s(alnum+"_-", 43) }, []string{"PLANETSCALE_TOKEN"}},
	{"jwt", func(g *gen) string { return g.h16jwt() }, []string{"API_JWT"}},
}

func (g *gen) h17tok() (name, value string, p plant) { return g.provTok(h17provs) }

// h17neg is a value in a secret's slot that is not one; the plants label the ones that
// are ambiguous (a hash or an identifier there) neutral.
func (g *gen) h17neg() (string, []plant) {
	switch g.r.IntN(12) {
	case 0:
		v := g.pick("sk-", "ghp_", "AKIA", "xoxb-") + g.s(alnum, 4) + strings.Repeat("*", 10+g.r.IntN(10))
		return v, nil
	case 1:
		return g.pick("[REDACTED]", "********", "<redacted>", "(hidden)", "••••••", "xxxxxxxx"), nil
	case 2:
		return g.pick("<your-token>", "YOUR_API_KEY", "changeme", "replace_me", "TODO", "dummy", "example"), nil
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
		// a test-mode Stripe key under a secret's name is neutral, as in held6
		v := "pk_test_" + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha512:" + g.s(hexd, 128)
		return v, []plant{neutral("hash", v)}
	case 9:
		return "4111111111111111", nil
	case 10:
		return "0000000000000000", nil
	}
	return "", nil
}

// h17ref is a reference to a secret kept elsewhere, in a shell's notation.
func (g *gen) h17ref(name string) string {
	return g.pick("${"+name+"}", "$"+name, "${"+name+":?missing}")
}

func (g *gen) h17name() (first, last string) {
	i := g.r.IntN(12)
	return []string{"Tesfay", "Selam", "Ana", "Luka", "Lejla", "Farrukh", "Zarghuna", "Sigrid", "Aino", "Fanja", "Jean-Baptiste", "Jóannes"}[i],
		[]string{"Gebremedhin", "Haile", "Kovač", "Novak", "Hodžić", "Rahimov", "Wardak", "Lindqvist", "Virtanen", "Rakotomalala", "Pierre-Louis", "Joensen"}[i]
}

func (g *gen) h17date() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

// h17basic is an HTTP Basic credential and its plant: the base64 stands for the
// password (a reversible encoding is a secret as it stands).
func (g *gen) h17basic() (string, plant) {
	v := base64.StdEncoding.EncodeToString([]byte(g.h17user() + ":" + g.h17pass()))
	return v, h15pw(v)
}

// h17pct is s percent-encoded as a form field.
func h17pct(s string) string { return url.QueryEscape(s) }

func (g *gen) h17pem() (string, []string, string) { return g.pemBlock(g.h14pemKind(), 4, 8) }

// h17card is a Luhn-valid card number without separators.
func (g *gen) h17card() string { return g.card(false) }

// h17lang is one language's phrases for a chat message that carries a value.
type h17lang struct{ pw, phone, email, iban, key, card, otp, vault string }

// Zulip's half: Tigrinya, Slovene, Bosnian, Tajik, Pashto.
var h17zulipLangs = []h17lang{
	{"ሰላም፡ ናይ ዳታቤዝ መሕለፊ ቃል እዚ እዩ:", "ቁጽሪ ስልከይ", "ኢመይለይ", "ናይ ባንኪ ሕሳብ (IBAN)", "ናይ API መፍትሕ", "ቁጽሪ ካርድ", "ናይ ምርግጋጽ ኮድ", "መሕለፊ ቃል ኣብ vault ኣሎ"},
	{"Geslo za bazo je", "Moja telefonska številka je", "Piši mi na", "IBAN za nakazilo:", "API žeton za produkcijo:", "Številka kartice:", "Potrditvena koda je", "geslo je v trezorju, ne pošiljam ga sem"},
	{"Lozinka za server je", "Moj broj telefona:", "Javi mi se na mail", "Broj računa (IBAN):", "API ključ za produkciju:", "Broj kartice:", "Kod za potvrdu je", "lozinka je u vaultu, ne šaljem je ovdje"},
	{"Рамзи сервер инҳо:", "Рақами телефони ман:", "Почтаи электронии ман:", "Рақами ҳисоб (IBAN):", "Калиди API барои истеҳсолот:", "Рақами корт:", "Рамзи тасдиқ:", "рамз дар vault аст, инҷо намефиристам"},
	{"د سرور پټنوم دا دی:", "زما د تلیفون شمیره:", "ما ته برېښنالیک ولیږئ:", "د بانک حساب (IBAN):", "د API کیلي:", "د کارت شمیره:", "د تایید کوډ:", "پټنوم په vault کې دی"},
}

// Rocket.Chat's half: Kurmanji, Tagalog, Malagasy, Haitian Creole, Faroese.
var h17rocketLangs = []h17lang{
	{"Şîfreya serverê ev e:", "Hejmara min a telefonê:", "E-nameya min:", "Hesabê bankê (IBAN):", "Kilîta API ya hilberînê:", "Hejmara kartê:", "Koda pejirandinê:", "şîfre di vault de ye, li vir naşînim"},
	{"Ito ang password ng database:", "Ang numero ko ay", "I-email mo ako sa", "Ang IBAN para sa bayad:", "Ang API key sa production:", "Numero ng card:", "Ang verification code ay", "nasa vault ang password, hindi ko ipapadala dito"},
	{"Ity ny teny miafina ho an'ny server:", "Ny laharan-telefaonina:", "Alefaso any amin'ny", "Kaonty banky (IBAN):", "Ny fanalahidy API:", "Laharan'ny karatra:", "Ny kaody fanamarinana:", "ao amin'ny vault ny teny miafina"},
	{"Men modpas sèvè a:", "Nimewo telefòn mwen se", "Voye imèl ban mwen nan", "Kont labank (IBAN):", "Kle API pou pwodiksyon an:", "Nimewo kat la:", "Kòd verifikasyon an se", "modpas la nan vault la, mwen p ap voye l isit la"},
	{"Loyniorðið til servaran er", "Telefonnummarið hjá mær er", "Send mær teldupost á", "Bankakonta (IBAN):", "API lykilin til framleiðslu:", "Kortnummar:", "Váttanarkodan er", "loyniorðið er í vault, eg sendi tað ikki her"},
}

// h17chat is a chat message in one of langs and the plants of what it carries.
func (g *gen) h17chat(langs []h17lang) (string, []plant) {
	l := langs[g.r.IntN(len(langs))]
	switch g.r.IntN(8) {
	case 0:
		pw := g.h17pass()
		return l.pw + " " + pw, []plant{h15pw(pw)}
	case 1:
		ph := g.h17phone()
		return l.phone + " " + ph, []plant{h15tel(ph)}
	case 2:
		e := g.h17email()
		return l.email + " " + e, []plant{h15mail(e)}
	case 3:
		ib := g.h17iban()
		if g.r.IntN(2) == 0 {
			ib = groupsOf4(ib)
		}
		return l.iban + " " + ib, []plant{h15ib(ib)}
	case 4:
		_, v, p := g.h17tok()
		return l.key + " " + v, []plant{p}
	case 5:
		c := g.h17card()
		return l.card + " " + c, []plant{h15cc(c)}
	case 6:
		return l.otp + " " + g.s(digits, 6), nil
	}
	return l.vault + " 🙂", nil
}
