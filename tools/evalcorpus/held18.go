package main

// held18 is a nineteenth split in two halves, like held9..held17: "held18a" may be tuned
// on, "held18b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class; variant a goes to held18a and variant b to held18b, each
// half with its own seed. Written from the formats' own documentation and knowledge of
// real files, without reading the rules, their examples or the detector's output on any
// split; the other splits' templates were read only to choose shapes they do not cover
// and to reuse the framework's helpers.
//
// Shapes: editor configs (Emacs init.el against .vimrc), notebooks (Zeppelin note.json
// against Quarto .qmd), statistics packages (Stata do-file logs against SPSS syntax),
// Python app servers (uWSGI ini against gunicorn.conf.py), programmable caches and
// proxies (Varnish VCL against OpenResty nginx.conf with Lua blocks), helpdesk exports
// (Zendesk ticket JSON in Lithuanian, Latvian, Estonian and Albanian against Freshdesk CSV
// in Sinhala, Khmer, Yoruba and Hausa), client-side app storage (a browser localStorage
// dump against Android shared_prefs XML), Java containers (WebLogic boot.properties and
// config.xml against Apache Karaf users.properties and pax-jdbc configs), query engines
// (Trino catalog properties against Oozie job.properties and workflow.xml), infrastructure
// wrappers (terragrunt.hcl against Test Kitchen .kitchen.yml), schema migrations
// (alembic.ini against sqitch.conf), PowerShell records (Start-Transcript logs against
// Export-Clixml files), language toolchains (cabal config against Julia startup.jl), BI
// and database GUIs (Tableau .tds against DBeaver data-sources.json), chat exports (Google
// Chat Takeout messages.json in Georgian, Armenian, Mongolian and Uzbek against Skype
// export messages.json in Icelandic, Welsh, Basque and Swahili), uptime monitors (Gatus
// config.yaml against Sensu Go resources), DNS and DHCP servers (Kea JSON against
// PowerDNS pdns.conf), wireless access (hostapd.conf against iwd network files), dotfile
// and tool managers (chezmoi.toml against mise.toml), task runners (justfile against
// Taskfile.yml).
// PII: e-mails, phones of fourteen countries, Luhn-valid cards, IBANs of seven countries,
// Estonian isikukood, Icelandic kennitala. Hard negatives in the same shapes: password
// hashes (Varnish, Karaf's {CRYPT}, WebLogic {AES256} ciphertext: neutral), DBeaver's
// encrypted credentials file, Export-Clixml's DPAPI SecureString hex (neutral), UUIDs and
// 40-hex values under secret names (neutral), test-mode keys (neutral), Stripe
// publishable keys, placeholders, template references ({{ .Env.X }}, get_env(),
// ${VAR}), masked values and documented example keys. Labelling policy is held4's
// (held4.go); a value in a reversible encoding (HTTP Basic base64, percent-encoding,
// HTML entities, JSON \u escapes) is a secret as it stands; a 32- or 40-hex value or a
// UUID under a secret name is neutral unless the format documents it as the secret (a
// WPA pre-shared key, a Mailchimp key).

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h18pass is a password a person or a generator chose; its symbols (! * ^ + ~ ? - _ . @ #)
// survive the files' quoting.
func (g *gen) h18pass() string {
	word := func() string {
		return g.pick("Vilnius", "Daugava", "Tartu", "Korca", "Galle", "Angkor", "Ibadan", "Kano", "Batumi", "Gyumri", "Erdenet", "Samarkand", "Akureyri", "Conwy", "Bilbo", "Mombasa", "Pokhara", "Narva", "Siauliai", "Durres")
	}
	shapes := [...]func() string{
		func() string {
			return word() + g.pick("!", "*", "^", "+", "~", "?", "@", "#") + g.s(digits, 2+g.r.IntN(3))
		},
		func() string {
			return strings.ToLower(word()) + g.pick("_", "-", ".") + strings.ToLower(word()) + g.s(digits, 2)
		},
		func() string { return g.s(alnum, 12+g.r.IntN(14)) },
		func() string { return word() + g.pick("2025", "2026", "99", "13") + g.pick("!", "?", "*", "#", "$") },
		func() string {
			return g.s(alnum, 4) + g.pick("_", "~", ".", "-") + g.s(alnum, 6) + g.pick("!", "^", "")
		},
		func() string {
			return strings.ToUpper(g.s(lower, 2)) + strings.ToLower(word()) + g.s(digits, 3) + g.pick("%", "&", "!")
		},
	}
	return shapes[g.r.IntN(len(shapes))]()
}

// h18rand is a machine-generated shared secret.
func (g *gen) h18rand() string {
	switch g.r.IntN(3) {
	case 0:
		return base64.RawURLEncoding.EncodeToString(g.h16bytes(g.pick2(24, 32)))
	case 1:
		return base64.StdEncoding.EncodeToString(g.h16bytes(g.pick2(30, 33, 48)))
	}
	return g.s(alnum, 26+g.r.IntN(18))
}

var h18orgs = []string{"vilnius-logistika.lt", "daugava-banka.lv", "tartu-andmed.ee", "korca-energji.al", "galle-tea.lk", "angkor-pay.kh", "ibadan-health.ng", "batumi-port.ge", "gyumri-soft.am", "erdenet-mining.mn", "akureyri-fiskur.is", "mombasa-cargo.ke", "example.org"}

func (g *gen) h18host() string {
	return g.pick("db", "pg", "mysql", "trino", "kafka", "api", "sso", "smtp", "radius", "dns", "ldap", "redis", "oracle", "mssql", "s3") + g.pick("", "1", "02", "-prod", "-stg", "-dr") + "." + g.pick(h18orgs...)
}

func (g *gen) h18user() string {
	return g.pick("svc_", "app_", "etl_", "", "ro_", "bi_") + g.pick("tickets", "warehouse", "billing", "dhcp", "reports", "geo", "fleet", "crm")
}

var h18first = []string{"jonas.k", "rugile", "elina.b", "janis.ozols", "kadri.tamm", "mart", "arben", "elira.h", "nimal.p", "sokha", "chenda.s", "adebayo", "folake.o", "musa.b", "nino.b", "giorgi", "anahit", "bat-erdene", "dilnoza", "gudrun", "rhys", "ane.etxeberria", "wanjiru", "ashok.t"}
var h18domains = []string{"gmail.com", "inbox.lt", "one.lt", "inbox.lv", "hot.ee", "abv.bg", "yahoo.com", "sltnet.lk", "online.com.kh", "yahoo.co.uk", "outlook.com", "mail.ru", "simnet.is", "btinternet.com", "euskaltel.net", "gmail.co.ke", "tartu-andmed.ee", "galle-tea.lk"}

func (g *gen) h18email() string {
	return g.pick(h18first...) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h18domains...)
}

func (g *gen) h18phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(14) {
	case 0:
		return "+370 6" + d(2) + " " + d(5)
	case 1:
		return "+371 2" + d(3) + " " + d(4)
	case 2:
		return "+372 5" + d(3) + " " + d(4)
	case 3:
		return "+355 69 " + d(3) + " " + d(4)
	case 4:
		return "+94 77 " + d(3) + " " + d(4)
	case 5:
		return "+855 12 " + d(3) + " " + d(3)
	case 6:
		return "+234 803 " + d(3) + " " + d(4)
	case 7:
		return "+995 599 " + d(2) + " " + d(2) + " " + d(2)
	case 8:
		return "+374 91 " + d(6)
	case 9:
		return "+976 9" + d(3) + " " + d(4)
	case 10:
		return "+998 90 " + d(3) + "-" + d(2) + "-" + d(2)
	case 11:
		return "+354 " + g.pick("6", "7", "8") + d(2) + " " + d(4)
	case 12:
		return "+254 7" + d(2) + " " + d(3) + " " + d(3)
	}
	return "+44 7" + d(3) + " " + d(6)
}

// h18iban is an IBAN with valid check digits of one of seven countries.
func (g *gen) h18iban() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.pick("LT", "LV", "EE", "AL", "IS", "KZ", "MK") {
	case "LT":
		return ibanWith("LT", d(16))
	case "LV":
		return ibanWith("LV", g.pick("HABA", "UNLA", "PARX", "RIKO")+d(13))
	case "EE":
		return ibanWith("EE", d(16))
	case "AL":
		return ibanWith("AL", d(8)+d(16))
	case "IS":
		return ibanWith("IS", d(22))
	case "KZ":
		return ibanWith("KZ", d(3)+d(13))
	}
	return ibanWith("MK", d(3)+d(10)+d(2))
}

// h18isikukood is an Estonian personal code GYYMMDDSSSC: C from weights 1..9,1 mod 11,
// then 3..9,1,2,3 when that gives 10, and 0 when both do.
func (g *gen) h18isikukood() string {
	body := fmt.Sprintf("%d%02d%02d%02d%03d", g.pick2(3, 4, 5, 6), g.r.IntN(100), 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(1000))
	return body + string(byte('0'+h18ikCheck(body)))
}

func h18ikCheck(body string) int {
	for _, w := range [][]int{{1, 2, 3, 4, 5, 6, 7, 8, 9, 1}, {3, 4, 5, 6, 7, 8, 9, 1, 2, 3}} {
		s := 0
		for i := 0; i < 10; i++ {
			s += int(body[i]-'0') * w[i]
		}
		if s%11 < 10 {
			return s % 11
		}
	}
	return 0
}

// h18kennitala is an Icelandic kennitala DDMMYY-RRCM: C = 11 - (weighted sum mod 11)
// with weights 3,2,7,6,5,4,3,2 (a remainder giving 10 is never issued), M the century.
func (g *gen) h18kennitala() string {
	for {
		body := fmt.Sprintf("%02d%02d%02d%d%d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(100), 2+g.r.IntN(8), g.r.IntN(10))
		s := 0
		for i, w := range []int{3, 2, 7, 6, 5, 4, 3, 2} {
			s += int(body[i]-'0') * w
		}
		c := 11 - s%11
		if c == 11 {
			c = 0
		}
		if c == 10 {
			continue
		}
		return body[:6] + "-" + body[6:] + fmt.Sprint(c) + g.pick("9", "0")
	}
}

// h18provs are provider tokens written from their documented shapes.
var h18provs = []h5prov{
	{"aws", func(g *gen) string { return g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16) }, []string{"AWS_ACCESS_KEY_ID"}},
	{"github", func(g *gen) string { return g.h5gh(g.pick("ghp_", "gho_", "ghu_", "ghr_")) }, []string{"GITHUB_TOKEN"}},
	{"gitlab", func(g *gen) string { return g.pick("glpat-", "glrt-") + g.s(alnum+"_-", 20) }, []string{"GITLAB_TOKEN"}},
	{"slack", func(g *gen) string {
		return g.pick("xoxb-", "xoxp-") + g.s(digits, 12) + "-" + g.s(digits, 13) + "-" + g.s(alnum, 24)
	}, []string{"SLACK_TOKEN"}},
	{"stripe", func(g *gen) string { return g.pick("sk_live_51", "rk_live_51") + g.s(alnum, 96) }, []string{"STRIPE_SECRET_KEY"}},
	{"openai", func(g *gen) string { return "sk-proj-" + g.s(urlb64, 74) + "T3BlbkFJ" + g.s(urlb64, 74) }, []string{"OPENAI_API_KEY"}},
	{"anthropic", func(g *gen) string { return "sk-ant-api03-" + g.s(urlb64, 93) + "AA" }, []string{"ANTHROPIC_API_KEY"}},
	{"google", func(g *gen) string { return "AIza" + g.s(urlb64, 35) }, []string{"GOOGLE_API_KEY"}},
	{"sendgrid", func(g *gen) string { return "SG." + g.s(urlb64, 22) + "." + g.s(urlb64, 43) }, []string{"SENDGRID_API_KEY"}},
	{"npm", func(g *gen) string { return g.h5gh("npm_") }, []string{"NPM_TOKEN"}},
	{"huggingface", func(g *gen) string { return "hf_" + g.s(alnum[:52], 34) }, []string{"HF_TOKEN"}},
	{"docker", func(g *gen) string { return "dckr_pat_" + g.s(urlb64, 27) }, []string{"DOCKER_PAT"}},
	{"pulumi", func(g *gen) string { return "pul-" + g.s(hexd, 40) }, []string{"PULUMI_ACCESS_TOKEN"}},
	{"postman", func(g *gen) string { return "PMAK-" + g.s(hexd, 24) + "-" + g.s(hexd, 34) }, []string{"POSTMAN_API_KEY"}},
	{"rubygems", func(g *gen) string { return "rubygems_" + g.s(hexd, 48) }, []string{"GEM_HOST_API_KEY"}},
	{"linear", func(g *gen) string { return "lin_api_" + g.s(alnum, 40) }, []string{"LINEAR_API_KEY"}},
	{"shopify", func(g *gen) string { return g.pick("shpat_", "shpss_") + g.s(hexd, 32) }, []string{"SHOPIFY_ADMIN_TOKEN"}},
	{"terraform", func(g *gen) string { return g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67) }, []string{"TFE_TOKEN"}},
	{"doppler", func(g *gen) string { return "dp.st." + g.pick("prd", "stg", "dev") + "." + g.s(alnum, 40) }, []string{"DOPPLER_TOKEN"}},
	{"mailchimp", func(g *gen) string { return g.s(hexd, 32) + "-us" + fmt.Sprint(1+g.r.IntN(21)) }, []string{"MAILCHIMP_API_KEY"}},
	{"newrelic", func(g *gen) string { return "NRAK-" + g.s(upperD, 27) }, []string{"NEW_RELIC_API_KEY"}},
	{"age", func(g *gen) string { return g.h15age() }, []string{"SOPS_AGE_KEY"}},
	{"jwt", func(g *gen) string { return g.h16jwt() }, []string{"AUTH_JWT"}},
}

func (g *gen) h18tok() (name, value string, p plant) { return g.provTok(h18provs) }

// h18neg is a value in a secret's slot that is not one; the plants label the ones that
// are ambiguous (a hash or an identifier there) neutral.
func (g *gen) h18neg() (string, []plant) {
	switch g.r.IntN(13) {
	case 0:
		return g.pick("sk_live_", "glpat-", "AKIA", "xoxp-", "hf_") + g.s(alnum, 4) + strings.Repeat("*", 8+g.r.IntN(12)), nil
	case 1:
		return g.pick("[REDACTED]", "********", "<hidden>", "(masked)", "●●●●●●●●", "xxxx-xxxx"), nil
	case 2:
		return g.pick("<password>", "YOUR_TOKEN_HERE", "change-me", "replace-with-real-key", "TBD", "secret", "example"), nil
	case 3:
		v := "$2y$10$" + g.s(b64[:62]+"./", 53)
		return v, []plant{neutral("hash", v)}
	case 4:
		v := g.h5uuid()
		return v, []plant{neutral("id", v)}
	case 5:
		v := g.s(hexd, 40)
		return v, []plant{neutral("hash", v)}
	case 6:
		return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", nil
	case 7:
		v := g.pick("sk_test_", "rk_test_") + g.s(alnum, 24)
		return v, []plant{neutral("test-key", v)}
	case 8:
		v := "sha256:" + g.s(hexd, 64)
		return v, []plant{neutral("hash", v)}
	case 9:
		return "5555555555554444", nil
	case 10:
		v := "pk_live_" + g.s(alnum, 24)
		return v, []plant{neutral("public-key", v)}
	case 11:
		return "{{ .Env." + g.pick("DB_PASSWORD", "API_TOKEN", "SECRET") + " }}", nil
	}
	return "", nil
}

func (g *gen) h18name() (first, last string) {
	i := g.r.IntN(12)
	return []string{"Jonas", "Rūgilė", "Elīna", "Kadri", "Arben", "Nimal", "Sokha", "Adebayo", "Nino", "Anahit", "Guðrún", "Wanjiru"}[i],
		[]string{"Kazlauskas", "Petrauskaitė", "Bērziņa", "Tamm", "Hoxha", "Perera", "Chan", "Okafor", "Beridze", "Hakobyan", "Sigurðardóttir", "Kamau"}[i]
}

func (g *gen) h18date() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

func (g *gen) h18pem() (string, []string, string) { return g.pemBlock(g.h14pemKind(), 4, 8) }

// h18pemIn writes a private key block into f, each line after indent, the header
// labelled.
func (g *gen) h18pemIn(f *file, indent string) {
	h, body, ft := g.h18pem()
	f.add(indent+h, h15key(h))
	for _, b := range body {
		f.add(indent + b)
	}
	f.add(indent + ft)
}

// h18lang is one language's phrases for a message that carries a value.
type h18lang struct{ pw, phone, email, iban, key, card, id, safe string }

// h18say is a message in one of langs and the plants of what it carries.
func (g *gen) h18say(langs []h18lang, idn func() string) (string, []plant) {
	return g.sayIn(langs, sayPool{g.h18pass, g.h18phone, g.h18email, g.h18iban, idn, g.h18tok})
}

// sayPool is a split's generators for the values a chat message carries.
type sayPool struct {
	pass, phone, email, iban, id func() string
	tok                          func() (string, string, plant)
}

// sayIn is a message in one of langs carrying a value from p (or none), and its plants.
func (g *gen) sayIn(langs []h18lang, p sayPool) (string, []plant) {
	l := langs[g.r.IntN(len(langs))]
	switch g.r.IntN(9) {
	case 0, 1:
		pw := p.pass()
		return l.pw + " " + pw, []plant{h15pw(pw)}
	case 2:
		ph := p.phone()
		return l.phone + " " + ph, []plant{h15tel(ph)}
	case 3:
		e := p.email()
		return l.email + " " + e, []plant{h15mail(e)}
	case 4:
		ib := p.iban()
		if g.r.IntN(2) == 0 {
			ib = groupsOf4(ib)
		}
		return l.iban + " " + ib, []plant{h15ib(ib)}
	case 5:
		_, v, pl := p.tok()
		return l.key + " " + v, []plant{pl}
	case 6:
		c := g.card(g.r.IntN(2) == 0)
		return l.card + " " + c, []plant{h15cc(c)}
	case 7:
		id := p.id()
		return l.id + " " + id, []plant{h15id(id)}
	}
	return l.safe, nil
}

// Zendesk's half: Lithuanian, Latvian, Estonian, Albanian.
var h18zendeskLangs = []h18lang{
	{"Negaliu prisijungti, mano slaptažodis:", "Mano telefono numeris:", "Rašykite man el. paštu", "Sąskaitos numeris (IBAN):", "Produkcijos API raktas:", "Kortelės numeris:", "Asmens kodas:", "slaptažodį išsiunčiau per saugų kanalą"},
	{"Nevaru pieslēgties, parole ir", "Mans tālruņa numurs:", "Rakstiet uz e-pastu", "Konta numurs (IBAN):", "API atslēga ražošanai:", "Kartes numurs:", "Personas kods:", "paroli nosūtīju drošā kanālā"},
	{"Ei saa sisse logida, parool on", "Minu telefoninumber:", "Kirjutage mulle aadressil", "Arveldusarve (IBAN):", "Tootmise API võti:", "Kaardi number:", "Isikukood:", "parooli saatsin turvalise kanali kaudu"},
	{"Nuk mund të hyj, fjalëkalimi është", "Numri im i telefonit:", "Më shkruani në", "Llogaria bankare (IBAN):", "Çelësi API për prodhim:", "Numri i kartës:", "Numri personal:", "fjalëkalimin e dërgova në kanal të sigurt"},
}

// Freshdesk's half: Sinhala, Khmer, Yoruba, Hausa.
var h18freshLangs = []h18lang{
	{"මට ලොග් වෙන්න බැහැ, මුරපදය:", "මගේ දුරකථන අංකය:", "මට ඊමේල් කරන්න:", "බැංකු ගිණුම (IBAN):", "API යතුර:", "කාඩ්පත් අංකය:", "හැඳුනුම් අංකය:", "මුරපදය ආරක්ෂිත නාලිකාවෙන් යැව්වා"},
	{"ខ្ញុំចូលមិនបាន ពាក្យសម្ងាត់គឺ", "លេខទូរស័ព្ទរបស់ខ្ញុំ:", "ផ្ញើអ៊ីមែលមកខ្ញុំ:", "គណនីធនាគារ (IBAN):", "សោ API:", "លេខកាត:", "លេខអត្តសញ្ញាណ:", "ពាក្យសម្ងាត់ផ្ញើតាមឆានែលសុវត្ថិភាព"},
	{"Mi ò lè wọlé, ọ̀rọ̀ aṣínà mi ni", "Nọ́mbà fóònù mi:", "Fi ímeèlì ránṣẹ́ sí", "Àkáǹtì báńkì (IBAN):", "Kọ́kọ́rọ́ API:", "Nọ́mbà káàdì:", "Nọ́mbà ìdánimọ̀:", "mo fi ọ̀rọ̀ aṣínà ránṣẹ́ ní ọ̀nà ààbò"},
	{"Ba zan iya shiga ba, kalmar sirri ita ce", "Lambar wayata:", "Aiko min imel a", "Asusun banki (IBAN):", "Mabuɗin API:", "Lambar kati:", "Lambar shaida:", "na aika kalmar sirri ta hanyar tsaro"},
}

// Google Chat's half: Georgian, Armenian, Mongolian, Uzbek.
var h18gchatLangs = []h18lang{
	{"სერვერის პაროლი:", "ჩემი ტელეფონის ნომერი:", "მომწერე ფოსტაზე", "საბანკო ანგარიში (IBAN):", "API გასაღები:", "ბარათის ნომერი:", "პირადი ნომერი:", "პაროლი vault-შია, აქ არ გამოვაგზავნი"},
	{"Սերվերի գաղտնաբառը՝", "Իմ հեռախոսահամարը՝", "Գրիր ինձ", "Բանկային հաշիվ (IBAN)՝", "API բանալին՝", "Քարտի համարը՝", "Անձնագրի համարը՝", "գաղտնաբառը vault-ում է"},
	{"Серверийн нууц үг:", "Миний утасны дугаар:", "Над руу имэйл бичээрэй:", "Банкны данс (IBAN):", "API түлхүүр:", "Картын дугаар:", "Регистрийн дугаар:", "нууц үг vault-д байгаа"},
	{"Server paroli:", "Telefon raqamim:", "Menga yozing:", "Bank hisobi (IBAN):", "API kaliti:", "Karta raqami:", "Shaxsiy raqam:", "parol vault ichida, bu yerga yubormayman"},
}

// Skype's half: Icelandic, Welsh, Basque, Swahili.
var h18skypeLangs = []h18lang{
	{"Lykilorðið á þjóninum er", "Símanúmerið mitt er", "Sendu mér póst á", "Bankareikningur (IBAN):", "API lykillinn:", "Kortanúmer:", "Kennitalan mín er", "lykilorðið er í hvelfingunni"},
	{"Cyfrinair y gweinydd yw", "Fy rhif ffôn yw", "Anfonwch e-bost ataf yn", "Cyfrif banc (IBAN):", "Allwedd API:", "Rhif y cerdyn:", "Rhif adnabod:", "mae'r cyfrinair yn y gladdgell"},
	{"Zerbitzariaren pasahitza:", "Nire telefono zenbakia:", "Idatzi iezadazu helbide honetara:", "Banku kontua (IBAN):", "API gakoa:", "Txartelaren zenbakia:", "NAN zenbakia:", "pasahitza kutxa gotorrean dago"},
	{"Nenosiri la seva ni", "Namba yangu ya simu ni", "Nitumie barua pepe kwa", "Akaunti ya benki (IBAN):", "Ufunguo wa API:", "Namba ya kadi:", "Namba ya kitambulisho:", "nenosiri liko kwenye vault"},
}

// h18jsonU writes s as a JSON string body with every non-ASCII character \u-escaped,
// as Python's json.dumps does by default.
func h18jsonU(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xffff:
			r -= 0x10000
			fmt.Fprintf(&b, "\\u%04x\\u%04x", 0xd800+(r>>10), 0xdc00+(r&0x3ff))
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// h18html escapes s as an HTML attribute or text.
func h18html(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;").Replace(s)
}

// h18basic is an HTTP Basic credential and its plant.
func (g *gen) h18basic() (string, plant) {
	v := base64.StdEncoding.EncodeToString([]byte(g.h18user() + ":" + g.h18pass()))
	return v, h15pw(v)
}

// h18pv is a password in a password's slot, or now and then a value that is none.
func (g *gen) h18pv() (string, []plant) {
	if g.r.IntN(5) == 0 {
		return g.h18neg()
	}
	pw := g.h18pass()
	return pw, []plant{h15pw(pw)}
}

// h18tv is a provider token in a token's slot, or now and then a value that is none.
func (g *gen) h18tv() (string, []plant) {
	if g.r.IntN(6) == 0 {
		return g.h18neg()
	}
	_, v, p := g.h18tok()
	return v, []plant{p}
}

// h18slack is a Slack incoming webhook URL and its plant (the last part is the secret).
func (g *gen) h18slack() (string, plant) {
	wh := "https://hooks.slack.com/services/T" + g.s(upperD, 10) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	return wh, plant{family: "slack", kind: "secret", value: wh, core: wh[strings.LastIndex(wh, "/")+1:]}
}

// h18esc rewrites plants for a line where every value was passed through esc.
func h18esc(esc func(string) string, ps []plant) []plant {
	out := make([]plant, len(ps))
	for i, p := range ps {
		p.value = esc(p.value)
		if p.core != "" {
			p.core = esc(p.core)
		}
		out[i] = p
	}
	return out
}

// h18azure is an Azure AD client secret: three characters, "8Q~", thirty-one more.
func (g *gen) h18azure() string {
	return g.s(alnum, 3) + "8Q~" + g.s(alnum+"_.~-", 31)
}

// h18plain is a password of letters, digits and - _ . only, for places that expand
// other symbols (Vim's :! commands, Stata's macros, a command split on blanks).
func (g *gen) h18plain() string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune("!*^+~?@#$%&", r) {
			return -1
		}
		return r
	}, g.h18pass()) + g.s(digits, 2)
}
