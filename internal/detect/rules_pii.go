package detect

import "github.com/leakwatch/leakwatch/internal/finding"

// piiRules are personal data. IP addresses are a rule of their own with low severity:
// they identify people only in combination with other data.
func piiRules() []*Rule {
	pii := func(id, title string, sev finding.Severity, prio int, rem string, ex, nex []string) *Rule {
		return &Rule{ID: id, Title: title, Provider: "PII", Category: finding.PII, Severity: sev, prio: prio,
			Remediation: rem, Examples: ex, NotExamples: nex}
	}
	const rem = "Personal data is exposed: restrict access, delete or mask what is not needed, and check whether the " +
		"exposure must be reported under the privacy law that applies (GDPR, PIPL, CCPA, …)."
	email := pii("email", "E-mail address", finding.Medium, prioPII, rem,
		[]string{"li.wei12@qq.com", `{"user": {"email": "anna.smith7@corp-example.cn"}}`, `contact: "Maria Garcia" <maria.garcia@mail.ru>`, `\nomar.tanaka3@proton.me`},
		[]string{"user@example.com", "postgres://svc:pw@db.internal/x", "icon@2x.png", "npm i @scope/pkg", "pkg@1.2.3", "git+ssh://git@host.internal/r.git"})
	email.Keywords, email.det = []string{"@"}, &emailDet{rule: email}
	phone := pii("phone-number", "Phone number (international format)", finding.Medium, prioPII, rem,
		[]string{"+1 415-555-0134", `{"phone": "+86 139 1234 5678"}`, "+44 7700 900123", "+49 151 2345678", "tel:+4915123456789"},
		[]string{"+0 123 456 789", "+1 123", "2025-01-06T00:00:00+08:00", "a+49 151 2345678", "x/+4915123456789", "+999 1234 5678",
			"clang 14.0.0~+20191229111838"})
	phone.Keywords, phone.det = []string{"+"}, &phoneDet{rule: phone}
	phone.extra = append(phone.extra, &phrasePhoneDet{rule: phone}) // (gates41.go)
	card := pii("credit-card", "Payment card number", finding.High, prioPII, "Card data must never be stored in the clear: "+
		"purge it, tell the card owners' bank or your payment processor, and review PCI DSS scope.",
		[]string{`{"credit_card": "{card:4:16}"}`, "card number {card:51:16}", "paid with {cards:4:16}", "{cardd:55:16}", `{"cc_num": "{card:37:15}"}`},
		[]string{`{"credit_card": "{badcard:4:16}"}`, `{"checksum": "{card:4:16}"}`, `{"trace": "{card:6011:16}"}`, "4111 1111 1111 1112",
			"1234 5678 9012 3456", "4111 1111 1111 1111", `{"card": "4242424242424242"}`, "36075914-1812-7964-a8f1-0123456789ab",
			`{"credit_card": "4444444444444448"}`})
	iban := pii("iban", "International bank account number (IBAN)", finding.Medium, prioPII, rem,
		[]string{`{"iban": "{iban:DE}"}`, "{iban:GB}", "{iban:FR}", "{ibans:DE}", "{iban:NL}", "{ibans:ES}"},
		[]string{"{badiban:DE}", "{badiban:FR}", "DE89 3704 0044 0532 0130 01", "XX12345678901234567890"})
	prc := pii("cn-resident-id", "PRC resident identity card number", finding.High, prioPII, rem,
		[]string{`{"cn_resident_id": "{prc}"}`, "身份证号 {prc}"},
		[]string{"{badprc}", "110105199913451234", "{prc}1"})
	ssn := pii("us-ssn", "US Social Security number", finding.High, prioPII, rem,
		[]string{"SSN: 536-22-8819", `{"ssn": "536228819"}`},
		[]string{"000-12-3456", "666-12-3456", "900-12-3456", "536-00-1234", "123-45-6789", "536228819", "1536-22-8819"})
	nino := pii("uk-nino", "UK National Insurance number", finding.Medium, prioPII, rem,
		[]string{"NI number: AB123456C", "JG 10 37 82 B"},
		[]string{"NI number: BG123456C", "NI number: AB123456E", "nino DA123456C", "XAB123456C", "the MC146818A real-time clock"})
	natid := pii("national-id", "National identity number with a check digit (CPF, CNPJ, PESEL, T.C. Kimlik, BSN, SIN, Aadhaar, RRN, personnummer, HETU, fødselsnummer, NIR, DNI/NIE, isikukood, personas kods, kennitala, CPR, rodné číslo, EGN, CNP, JMBG, OIB, Belgian national number, Israeli ID, Portuguese NIF, AMKA, AHV, IIN, CURP, HKID, NRIC/FIN, Taiwan ID)",
		finding.High, prioPII, rem,
		[]string{"PESEL: 87031447215", `{"cpf": "418.305.729-97"}`, "numer PESEL 05220915387", "TC Kimlik No 38271640540", `{"bsn": "274936185"}`},
		[]string{"PESEL: 87031447216", "order 87031447215", `{"cpf": "418.305.729-98"}`, `{"trace_id": "38271640540"}`, `{"bsn": "274936187"}`})
	natid.Keywords, natid.det = natIDAnchors, &natIDDet{rule: natid}
	natid.extra = append(natid.extra, &idFormDet{rule: natid})
	dd := &digitsDet{card: card, prc: prc, iban: iban, nino: nino, ssn: ssn}
	for _, r := range []*Rule{card, iban, prc, nino} {
		r.Keywords, r.det = []string{"000000", "0000 0000", "0000-0000"}, dd
	}
	iband := &ibanDet{rule: iban}
	iban.Keywords = append(append([]string(nil), iban.Keywords...), ibanAnchors...)
	iban.extra = append(iban.extra, iband)
	ssnD := &ssnDet{rule: ssn}
	ssn.Keywords, ssn.det = []string{"000-00-0000"}, ssnD
	// IP addresses are infrastructure, not personal data: a server's or a private
	// network's address identifies no one. The one exception is the client address an
	// access log starts its lines with when it is public: that is a visitor's.
	ip := pii("ip-address", "IPv4 address", finding.Low, prioLow,
		"An IP address says which machines exist; review it together with what else the record holds.",
		[]string{"client 10.162.15.6 connected", `{"host": "203.0.113.9"}`, "192.168.1.20 - - [06/Jan/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512"},
		[]string{"version 1.4.2", "0.0.0.0", "1.2.3.4.5", "10.256.1.1", "v1.2.3.4"})
	ip.Category = finding.Infrastructure
	client := pii("client-ip-address", "Public client IP address in an access log", finding.Low, prioLow+1, rem,
		[]string{"81.2.69.160 - - [06/Jan/2025:10:00:00 +0000] \"GET /index.html HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"",
			"x\n81.2.69.142 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif HTTP/1.0\" 200 2326"},
		[]string{"10.1.2.3 - - [06/Jan/2025:10:00:00 +0000] \"GET / HTTP/1.1\" 200 512", "192.168.0.7 - - [x] \"GET /\"",
			"server 81.2.69.160 - - up", "host 81.2.69.160 connected"})
	ipd := &ipDet{rule: ip, client: client}
	ip.Keywords, ip.det = []string{"0.0"}, ipd
	client.Keywords, client.det = []string{"0.0"}, ipd
	// us-ssn runs from two detectors: the dashed form, and bare digits next to an "ssn"
	// key (found by the digits detector that the other rules enable).
	return []*Rule{email, phone, card, iban, prc, ssn, nino, natid, ip, client}
}
