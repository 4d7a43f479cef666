package main

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// held20Families pairs two variants of one class in different concrete shapes: a goes
// to held20a, b to held20b (both held out; see held20.go).
var held20Families = []struct{ a, b template }{
	// Personal finance.
	{
		template{"finance", "download-2026-03.ofx", func(g *gen, f *file) {
			f.add("OFXHEADER:100")
			f.add("DATA:OFXSGML")
			f.add("VERSION:102")
			f.add("SECURITY:NONE")
			f.add("ENCODING:USASCII")
			f.add("CHARSET:1252")
			f.add("COMPRESSION:NONE")
			f.add("OLDFILEUID:NONE")
			f.add("NEWFILEUID:" + strings.ToUpper(g.s(hexd, 16)))
			f.add("")
			f.add("<OFX>")
			f.add("<SIGNONMSGSRQV1>")
			f.add("<SONRQ>")
			f.add("<DTCLIENT>20260314120000")
			f.add("<USERID>" + g.s(digits, 8+g.r.IntN(3)))
			pw, ps := g.h20pvNo("<>&")
			f.add("<USERPASS>"+pw, ps...)
			f.add("<LANGUAGE>ENG")
			f.add("<FI><ORG>" + g.pick("ING", "KBC", "DNB", "OP", "Erste") + "<FID>" + g.s(digits, 5) + "</FI>")
			f.add("<APPID>QWIN<APPVER>2700")
			f.add("</SONRQ>")
			f.add("</SIGNONMSGSRQV1>")
			f.add("<BANKMSGSRSV1><STMTTRNRS><TRNUID>" + g.h5uuid())
			f.add("<STATUS><CODE>0<SEVERITY>INFO</STATUS>")
			f.add("<STMTRS><CURDEF>EUR")
			ib := g.h20iban()
			f.add("<BANKACCTFROM><BANKID>"+ib[4:8]+"<ACCTID>"+ib+"<ACCTTYPE>CHECKING</BANKACCTFROM>", h15ib(ib))
			f.add("<BANKTRANLIST><DTSTART>20260301<DTEND>20260331")
			for i := 0; i < 3+g.r.IntN(4); i++ {
				f.add("<STMTTRN><TRNTYPE>" + g.pick("DEBIT", "CREDIT", "XFER", "POS") + "<DTPOSTED>202603" + fmt.Sprintf("%02d", 1+g.r.IntN(28)) + "<TRNAMT>-" + fmt.Sprint(5+g.r.IntN(900)) + "." + g.s(digits, 2) + "<FITID>" + g.s(digits, 14))
				fn, ln := g.h20name()
				switch g.r.IntN(4) {
				case 0:
					to := g.h20iban()
					f.add("<NAME>"+strings.ToUpper(fn+" "+ln)+"<MEMO>SEPA OVERBOEKING IBAN "+to+" KENM "+g.s(digits, 10), h15ib(to))
				case 1:
					ph := g.h20phone()
					f.add("<NAME>TIKKIE "+strings.ToUpper(ln)+"<MEMO>Tel "+ph, h15tel(ph))
				case 2:
					f.add("<NAME>CARD ****" + g.s(digits, 4) + "<MEMO>ALBERT HEIJN 1" + g.s(digits, 3))
				default:
					f.add("<NAME>" + g.pick("NETFLIX.COM", "NS GROEP", "VATTENFALL") + "<MEMO>" + g.s(upperD, 12))
				}
				f.add("</STMTTRN>")
			}
			f.add("</BANKTRANLIST>")
			f.add("</STMTRS></STMTTRNRS></BANKMSGSRSV1>")
			c := g.card(false)
			f.add("<CREDITCARDMSGSRSV1><CCSTMTTRNRS><CCSTMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>"+c+"</CCACCTFROM>", h15cc(c))
			f.add("</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>")
			f.add("</OFX>")
		}},
		template{"finance", "export-2026.qif", func(g *gen, f *file) {
			f.add("!Option:AutoSwitch")
			f.add("!Account")
			ib := g.h20iban()
			f.add("N"+g.pick("Betaalrekening", "Checking", "Girokonto")+" "+ib, h15ib(ib))
			f.add("TBank")
			fn, ln := g.h20name()
			e := g.h20email()
			f.add("D"+fn+" "+ln+" <"+e+">", h15mail(e))
			f.add("^")
			f.add("!Clear:AutoSwitch")
			f.add("!Type:Bank")
			for i := 0; i < 4+g.r.IntN(4); i++ {
				f.add(fmt.Sprintf("D%02d/%02d'26", 1+g.r.IntN(12), 1+g.r.IntN(28)))
				f.add(fmt.Sprintf("T-%d.%s", 3+g.r.IntN(700), g.s(digits, 2)))
				f.add("C*")
				a, b := g.h20name()
				f.add("P" + a + " " + b)
				switch g.r.IntN(5) {
				case 0:
					to := g.h20iban()
					f.add("MHuur maart / IBAN "+to, h15ib(to))
				case 1:
					ph := g.h20phone()
					f.add("MBetaalverzoek, tel. "+ph, h15tel(ph))
				case 2:
					c := g.card(true)
					f.add("MRefund to card "+c, h15cc(c))
				case 3:
					id, _ := g.h20nid()
					f.add("MBelastingdienst ref "+id, h15id(id))
				default:
					f.add("MRef " + g.s(upperD, 16))
				}
				f.add("L" + g.pick("Housing:Rent", "Food:Groceries", "Utilities", "[Savings]"))
				f.add("^")
			}
			f.add("!Type:CCard")
			f.add("D03/02'26")
			f.add("T-" + fmt.Sprint(10+g.r.IntN(90)) + ".00")
			f.add("PTest transaction card 4111 1111 1111 1111")
			f.add("^")
		}},
	},
	// E-invoices.
	{
		template{"einvoice", "INV-peppol-ubl.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">`)
			f.add(`  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>`)
			f.add(`  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>`)
			f.add(`  <cbc:ID>INV-` + g.s(digits, 6) + `</cbc:ID>`)
			f.add(`  <cbc:IssueDate>` + g.h20day() + `</cbc:IssueDate>`)
			f.add(`  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>`)
			f.add(`  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>`)
			f.add(`  <cbc:BuyerReference>` + g.s(upperD, 10) + `</cbc:BuyerReference>`)
			if g.r.IntN(2) == 0 {
				tok := g.s(urlb64, 43)
				f.add(`  <cac:AdditionalDocumentReference><cbc:ID>timesheet</cbc:ID><cac:Attachment><cac:ExternalReference><cbc:URI>https://portal.`+g.pick(h20orgs...)+`/files/download?id=`+g.s(digits, 7)+`&amp;access_token=`+tok+`</cbc:URI></cac:ExternalReference></cac:Attachment></cac:AdditionalDocumentReference>`, h15gen(tok))
			}
			for _, role := range []string{"AccountingSupplierParty", "AccountingCustomerParty"} {
				fn, ln := g.h20name()
				e, ph := g.h20email(), g.h20phone()
				f.add(`  <cac:` + role + `><cac:Party>`)
				f.add(`    <cbc:EndpointID schemeID="0208">0` + g.s(digits, 9) + `</cbc:EndpointID>`)
				f.add(`    <cac:PartyName><cbc:Name>` + g.pick("Polder Logistiek B.V.", "Gent Retail NV", "Brno Tech s.r.o.", "Tampere Soft Oy") + `</cbc:Name></cac:PartyName>`)
				f.add(`    <cac:PartyTaxScheme><cbc:CompanyID>` + g.pick("NL", "BE0", "CZ", "FI") + g.s(digits, 9) + `</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`)
				f.add(`    <cac:Contact>`)
				f.add(`      <cbc:Name>` + fn + " " + ln + `</cbc:Name>`)
				f.add(`      <cbc:Telephone>`+ph+`</cbc:Telephone>`, h15tel(ph))
				f.add(`      <cbc:ElectronicMail>`+e+`</cbc:ElectronicMail>`, h15mail(e))
				f.add(`    </cac:Contact>`)
				f.add(`  </cac:Party></cac:` + role + `>`)
			}
			ib := g.h20iban()
			f.add(`  <cac:PaymentMeans>`)
			f.add(`    <cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>`)
			f.add(`    <cbc:PaymentID>` + g.s(digits, 16) + `</cbc:PaymentID>`)
			f.add(`    <cac:PayeeFinancialAccount><cbc:ID>`+ib+`</cbc:ID><cac:FinancialInstitutionBranch><cbc:ID>`+g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6)+`2A</cbc:ID></cac:FinancialInstitutionBranch></cac:PayeeFinancialAccount>`, h15ib(ib))
			f.add(`  </cac:PaymentMeans>`)
			if g.r.IntN(2) == 0 {
				c := g.card(false)
				f.add(`  <cac:PaymentMeans><cbc:PaymentMeansCode>54</cbc:PaymentMeansCode><cac:CardAccount><cbc:PrimaryAccountNumberID>`+c+`</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount></cac:PaymentMeans>`, h15cc(c))
			} else {
				f.add(`  <cac:PaymentMeans><cbc:PaymentMeansCode>54</cbc:PaymentMeansCode><cac:CardAccount><cbc:PrimaryAccountNumberID>` + g.s(digits, 4) + `</cbc:PrimaryAccountNumberID><cbc:NetworkID>MC</cbc:NetworkID></cac:CardAccount></cac:PaymentMeans>`)
			}
			f.add(`  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">` + fmt.Sprint(100+g.r.IntN(9000)) + `.00</cbc:PayableAmount></cac:LegalMonetaryTotal>`)
			h := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add(`  <!-- ds:DigestValue `+h+` -->`, neutral("hash", h))
			f.add(`</Invoice>`)
		}},
		template{"einvoice", "factur-x.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">`)
			f.add(`<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>`)
			f.add(`<rsm:ExchangedDocument><ram:ID>FA-` + g.s(digits, 7) + `</ram:ID><ram:TypeCode>380</ram:TypeCode>`)
			f.add(`<ram:IssueDateTime><udt:DateTimeString format="102">2026` + fmt.Sprintf("%02d%02d", 1+g.r.IntN(12), 1+g.r.IntN(28)) + `</udt:DateTimeString></ram:IssueDateTime>`)
			if g.r.IntN(2) == 0 {
				n, v, p := g.h20tok()
				f.add(`<ram:IncludedNote><ram:Content>Portal API (`+strings.ToLower(n)+`): `+v+`</ram:Content><ram:SubjectCode>AAI</ram:SubjectCode></ram:IncludedNote>`, p)
			}
			f.add(`</rsm:ExchangedDocument>`)
			f.add(`<rsm:SupplyChainTradeTransaction><ram:ApplicableHeaderTradeAgreement>`)
			for _, role := range []string{"SellerTradeParty", "BuyerTradeParty"} {
				fn, ln := g.h20name()
				e, ph := g.h20email(), g.h20phone()
				f.add(`<ram:` + role + `><ram:GlobalID schemeID="0088">` + g.s(digits, 13) + `</ram:GlobalID><ram:Name>` + g.pick("Graz Medizin GmbH", "Pecs Bor Kft.", "Valpo Puerto SpA", "Lagos Pay Ltd") + `</ram:Name>`)
				f.add(`<ram:DefinedTradeContact><ram:PersonName>` + fn + " " + ln + `</ram:PersonName>`)
				f.add(`<ram:TelephoneUniversalCommunication><ram:CompleteNumber>`+ph+`</ram:CompleteNumber></ram:TelephoneUniversalCommunication>`, h15tel(ph))
				f.add(`<ram:EmailURIUniversalCommunication><ram:URIID>`+e+`</ram:URIID></ram:EmailURIUniversalCommunication></ram:DefinedTradeContact>`, h15mail(e))
				f.add(`<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">` + g.pick("AT", "HU", "CL", "DE") + "U" + g.s(digits, 8) + `</ram:ID></ram:SpecifiedTaxRegistration></ram:` + role + `>`)
			}
			f.add(`</ram:ApplicableHeaderTradeAgreement>`)
			f.add(`<ram:ApplicableHeaderTradeSettlement><ram:PaymentReference>RF` + g.s(digits, 12) + `</ram:PaymentReference><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>`)
			ib := g.h20iban()
			f.add(`<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>`+ib+`</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>`, h15ib(ib))
			if g.r.IntN(2) == 0 {
				db := g.h20iban()
				f.add(`<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>59</ram:TypeCode><ram:PayerPartyDebtorFinancialAccount><ram:IBANID>`+db+`</ram:IBANID></ram:PayerPartyDebtorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>`, h15ib(db))
				f.add(`<ram:CreditorReferenceID>` + g.pick("AT", "DE") + g.s(digits, 2) + "ZZZ" + g.s(digits, 8) + `</ram:CreditorReferenceID>`)
			}
			f.add(`<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:DuePayableAmount>` + fmt.Sprint(50+g.r.IntN(5000)) + `.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>`)
			f.add(`</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction>`)
			f.add(`</rsm:CrossIndustryInvoice>`)
		}},
	},
	// CDN credentials.
	{
		template{"cdn", "edgerc", func(g *gen, f *file) {
			f.add("; ~/.edgerc — EdgeGrid credentials from Identity & Access Management")
			for i, sec := range []string{"default", g.pick("ccu", "papi", "dns"), g.pick("staging", "prod-purge")} {
				if i == 2 && g.r.IntN(2) == 0 {
					break
				}
				host := "akab-" + g.s(lower+digits, 16) + "-" + g.s(lower+digits, 16)
				f.add("[" + sec + "]")
				cs := base64.StdEncoding.EncodeToString(g.h16bytes(32))
				f.add("client_secret = "+cs, secret("akamai", cs))
				f.add("host = "+host+".luna.akamaiapis.net", neutral("id", host))
				at := "akab-" + g.s(lower+digits, 16) + "-" + g.s(lower+digits, 16)
				f.add("access_token = "+at, secret("akamai", at))
				ct := "akab-" + g.s(lower+digits, 16) + "-" + g.s(lower+digits, 16)
				f.add("client_token = "+ct, secret("akamai", ct))
				if g.r.IntN(2) == 0 {
					f.add("max-body = 131072")
				}
				f.add("")
			}
			f.add("[example]")
			f.add("client_secret = xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
			f.add("host = akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx.luna.akamaiapis.net")
			f.add("access_token = akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx")
			f.add("client_token = akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx")
			e := g.h20email()
			f.add("; api client owner: "+e, h15mail(e))
		}},
		template{"cdn", "fastly-config.toml", func(g *gen, f *file) {
			f.add("# ~/.config/fastly/config.toml")
			f.add(`config_version = 5`)
			f.add("")
			f.add("[fastly]")
			f.add(`api_endpoint = "https://api.fastly.com"`)
			f.add("")
			for i := 0; i < 1+g.r.IntN(3); i++ {
				e := g.h20email()
				f.add("[profile." + g.pick("user", "ci", "purge", "staging") + fmt.Sprint(i) + "]")
				f.add(fmt.Sprintf("default = %v", i == 0))
				f.add(`email = "`+e+`"`, h15mail(e))
				tk := g.s(urlb64, 32)
				f.add(`token = "`+tk+`"`, secret("fastly", tk))
				cid := g.s(alnum, 22)
				f.add(`customer_id = "`+cid+`"`, h19id(cid))
				f.add("")
			}
			f.add("# ---- fastly.toml (compute package manifest) ----")
			f.add(`manifest_version = 3`)
			f.add(`name = "` + g.pick("edge-auth", "geo-router", "img-proxy") + `"`)
			sid := g.s(alnum, 22)
			f.add(`service_id = "`+sid+`"`, h19id(sid))
			f.add(`language = "rust"`)
			f.add("")
			f.add("[local_server.secret_stores]")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				f.add("  [[local_server.secret_stores." + g.pick("auth_store", "origin_keys") + "]]")
				f.add(`  key = "` + g.pick("ORIGIN_TOKEN", "JWT_SECRET", "DB_PASSWORD", "OPENAI_KEY", "SIGNING_KEY") + `"`)
				v, ps := g.h20tv()
				if g.r.IntN(3) == 0 {
					v, ps = g.h20pv(h19js)
				}
				f.add(`  data = "`+v+`"`, ps...)
			}
			f.add("[local_server.config_stores.settings.contents]")
			f.add(`  origin = "https://` + g.h20host() + `"`)
			f.add(`  build = "` + g.s(hexd, 40) + `"`)
		}},
	},
	// Localisation platforms.
	{
		template{"l10n", "crowdin.yml", func(g *gen, f *file) {
			f.add(`"project_id": "` + fmt.Sprint(100000+g.r.IntN(800000)) + `"`)
			if g.r.IntN(4) == 0 {
				f.add(`"api_token_env": "CROWDIN_PERSONAL_TOKEN"`)
			} else {
				tk := g.s(hexd, 80)
				f.add(`"api_token": "`+tk+`"`, secret("crowdin", tk))
			}
			f.add(`"base_path": "."`)
			f.add(`"base_url": "https://` + g.pick("api.crowdin.com", g.pick("polder", "tampere")+".api.crowdin.com") + `"`)
			f.add(`"preserve_hierarchy": true`)
			f.add("")
			f.add(`files: [`)
			f.add(`  {`)
			f.add(`    "source": "/locales/en/**/*.json",`)
			f.add(`    "translation": "/locales/%two_letters_code%/**/%original_file_name%",`)
			f.add(`  }`)
			f.add(`]`)
			f.add("")
			f.add("# CI: .github/workflows/crowdin.yml")
			f.add("#   env:")
			f.add("#     CROWDIN_PERSONAL_TOKEN: ${{ secrets.CROWDIN_PERSONAL_TOKEN }}")
			n, v, p := g.h20tok()
			f.add("#     "+n+": "+v, p)
			e := g.h20email()
			f.add("# translators' coordinator: "+e, h15mail(e))
			if g.r.IntN(2) == 0 {
				ph := g.h20phone()
				f.add("#   on call: "+ph, h15tel(ph))
			}
		}},
		template{"l10n", "transifexrc", func(g *gen, f *file) {
			f.add("[https://www.transifex.com]")
			f.add("rest_hostname = https://rest.api.transifex.com")
			tk := "1/" + g.s(hexd, 40)
			f.add("token = "+tk, secret("transifex", tk))
			f.add("hostname = https://www.transifex.com")
			f.add("username = api")
			pw := g.h20passNo(`;#" `)
			f.add("password = "+pw, h15pw(pw))
			f.add("")
			f.add("[https://tx." + g.pick(h20orgs...) + "]")
			f.add("rest_hostname = https://rest.tx." + g.pick(h20orgs...))
			v, ps := g.h20tv()
			if strings.ContainsAny(v, ";#") {
				v, ps = "<token>", nil
			}
			f.add("token = "+v, ps...)
			u := g.h20user()
			f.add("username = " + u)
			p2, ps2 := g.h20pvNo(`;#" `)
			f.add("password = "+p2, ps2...)
			f.add("")
			f.add("# .tx/config")
			f.add("[main]")
			f.add("host = https://app.transifex.com")
			f.add("[o:" + g.pick("polder", "gent-retail", "cusco") + ":p:web:r:messages]")
			f.add("file_filter = locale/<lang>/LC_MESSAGES/django.po")
			f.add("source_file = locale/en/LC_MESSAGES/django.po")
			e := g.h20email()
			f.add("# maintainer: "+e, h15mail(e))
		}},
	},
	// SAP connectivity.
	{
		template{"sap", "sapnwrfc.ini", func(g *gen, f *file) {
			f.add("/* sapnwrfc.ini — RFC destinations for the interface jobs */")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				sid := strings.ToUpper(g.s(lower, 2)) + fmt.Sprint(g.r.IntN(10))
				f.add("DEST=" + sid + "_" + g.pick("ECC", "S4", "BW", "CRM"))
				f.add("ASHOST=" + g.h20host())
				f.add(fmt.Sprintf("SYSNR=%02d", g.r.IntN(100)))
				f.add(fmt.Sprintf("CLIENT=%03d", 100*(1+g.r.IntN(8))))
				f.add("USER=" + strings.ToUpper(g.h20user()))
				if g.r.IntN(5) == 0 {
					f.add("SNC_MODE=1")
					f.add("SNC_PARTNERNAME=p:CN=" + sid + ", O=" + g.pick("Gent Retail", "Polder") + ", C=" + g.pick("BE", "NL"))
				} else {
					pw, ps := g.h20pvNo(` "`)
					f.add("PASSWD="+pw, ps...)
				}
				f.add("LANG=" + g.pick("EN", "NL", "DE"))
				f.add("TRACE=0")
				f.add("")
			}
			f.add("DEST=MSG_" + strings.ToUpper(g.s(lower, 3)))
			f.add("MSHOST=" + g.h20host())
			f.add("GROUP=PUBLIC")
			f.add("R3NAME=" + strings.ToUpper(g.s(lower, 3)))
			f.add("USER=RFC_READ")
			f.add("PASSWD=<set in Secure Store>")
			e, ph := g.h20email(), g.h20phone()
			f.add("/* basis contact: "+e+", "+ph+" */", h15mail(e), h15tel(ph))
		}},
		template{"sap", "ABAP_AS.jcoDestination", func(g *gen, f *file) {
			f.add("#for tests only !")
			f.add("#" + fmt.Sprintf("%s %s %02d %02d:%02d:%02d CET 2026", g.pick("Mon", "Tue", "Wed"), g.pick("Mar", "Apr", "May"), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)))
			f.add("jco.client.lang=en")
			f.add("jco.destination.peak_limit=10")
			f.add(fmt.Sprintf("jco.client.client=%03d", 100*(1+g.r.IntN(8))))
			f.add("jco.client.ashost=" + g.h20host())
			f.add(fmt.Sprintf("jco.client.sysnr=%02d", g.r.IntN(100)))
			f.add("jco.destination.pool_capacity=3")
			f.add("jco.client.user=" + strings.ToUpper(g.h20user()))
			pw, ps := g.h20pv(func(s string) string {
				return strings.NewReplacer(`\`, `\\`, "#", `\#`, "!", `\!`, "=", `\=`, ":", `\:`).Replace(s)
			})
			f.add("jco.client.passwd="+pw, ps...)
			if g.r.IntN(2) == 0 {
				f.add("jco.client.snc_mode=0")
			}
			f.add("jco.client.trace=0")
			f.add("")
			f.add("# ---- second destination (Cloud Connector) ----")
			f.add("jco.client.wshost=" + g.h20host())
			f.add("jco.client.wsport=443")
			f.add("jco.client.tls_client_certificate_logon=0")
			f.add("jco.client.user=" + strings.ToUpper(g.h20user()))
			p2 := g.h20passNo(`\#!=: `)
			f.add("jco.client.passwd="+p2, h15pw(p2))
			f.add("jco.client.x509cert=MII" + g.s(b64, 60) + "...")
			if g.r.IntN(2) == 0 {
				h, body, ft := g.pemBlock("PRIVATE KEY", 4, 8)
				f.add("# client key pasted by the vendor:")
				f.add("# "+h, h15key(h))
				for _, b := range body {
					f.add("# " + b)
				}
				f.add("# " + ft)
			}
			e := g.h20email()
			f.add("# owner "+e, h15mail(e))
		}},
	},
}

var held20aTemplates, held20bTemplates = halves(append(append(held20Families, held20Families2...), held20Families3...))

var held20Families2 = []struct{ a, b template }{
	// HPC schedulers.
	{
		template{"hpc", "slurm-confs.txt", func(g *gen, f *file) {
			f.add("# /etc/slurm/slurm.conf (excerpt)")
			f.add("ClusterName=" + g.pick("kuro", "aurora", "andes", "tisza"))
			f.add("SlurmctldHost=" + g.pick("ctl1", "head") + "(" + g.h20ip() + ")")
			f.add("AuthType=auth/munge")
			f.add("AuthAltTypes=auth/jwt")
			f.add("AuthAltParameters=jwt_key=/var/spool/slurm/statesave/jwt_hs256.key")
			f.add("AccountingStorageType=accounting_storage/slurmdbd")
			f.add("AccountingStorageHost=" + g.h20host())
			f.add("JobCompType=jobcomp/elasticsearch")
			pw := g.h20passNo(` "#@:/`)
			f.add("JobCompLoc=https://elastic:"+url.PathEscape(pw)+"@"+g.h20host()+":9200/slurm/jobcomp", h15pw(url.PathEscape(pw)))
			f.add("")
			f.add("# /etc/slurm/slurmdbd.conf")
			f.add("DbdHost=" + g.h20host())
			f.add("StorageType=accounting_storage/mysql")
			f.add("StorageHost=" + g.h20host())
			f.add("StorageUser=slurm")
			sp, ps := g.h20pvNo(` "#`)
			f.add("StoragePass="+sp, ps...)
			f.add("StorageLoc=slurm_acct_db")
			f.add("LogFile=/var/log/slurm/slurmdbd.log")
			f.add("")
			u := g.pick("aino", "jakub", "lotte", "magnus")
			f.add("$ scontrol token username=" + u + " lifespan=" + fmt.Sprint(3600*(1+g.r.IntN(24))))
			e := base64.RawURLEncoding.EncodeToString
			jwt := e([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + e([]byte(fmt.Sprintf(`{"exp":%d,"iat":%d,"sun":"%s"}`, 1790000000+g.r.IntN(1e7), 1780000000+g.r.IntN(1e7), u))) + "." + g.s(urlb64, 43)
			f.add("SLURM_JWT="+jwt, secret("jwt", jwt))
			f.add("$ curl -s -H \"X-SLURM-USER-NAME: " + u + "\" -H \"X-SLURM-USER-TOKEN: $SLURM_JWT\" http://" + g.h20host() + ":6820/slurm/v0.0.40/jobs")
			f.add("$ sacctmgr show user " + u + " withassoc format=user,account,partition")
			em := g.h20email()
			f.add("# account requests: "+em, h15mail(em))
		}},
		template{"hpc", "train.pbs-and-qstat.txt", func(g *gen, f *file) {
			f.add("#!/bin/bash")
			f.add("#PBS -N " + g.pick("finetune", "cfd-run", "genome-align"))
			f.add("#PBS -l select=1:ncpus=" + fmt.Sprint(8*(1+g.r.IntN(8))) + ":ngpus=" + fmt.Sprint(g.r.IntN(5)) + ":mem=" + fmt.Sprint(32*(1+g.r.IntN(8))) + "gb")
			f.add("#PBS -l walltime=" + fmt.Sprintf("%02d:00:00", 1+g.r.IntN(48)))
			em := g.h20email()
			f.add("#PBS -M "+em, h15mail(em))
			f.add("#PBS -m abe")
			f.add("#PBS -V")
			f.add("module load " + g.pick("cuda/12.4", "openmpi/4.1.6", "python/3.12"))
			var envs []string
			var eps []plant
			for i := 0; i < 2+g.r.IntN(2); i++ {
				n, v, p := g.h20tok()
				f.add("export "+n+"="+v, p)
				envs = append(envs, n+"="+v)
				eps = append(eps, p)
			}
			pw := g.h20passNo(` "'$,=` + "`\\")
			f.add("export PGPASSWORD='"+pw+"'", h15pw(pw))
			envs = append(envs, "PGPASSWORD="+pw)
			eps = append(eps, h15pw(pw))
			f.add("cd $PBS_O_WORKDIR && python train.py --data /scratch/$USER/ds")
			f.add("")
			jid := fmt.Sprint(100000+g.r.IntN(900000)) + ".pbs01"
			f.add("$ qstat -f " + jid)
			f.add("Job Id: " + jid)
			f.add("    Job_Name = finetune")
			f.add("    Job_Owner = " + g.pick("aino", "jakub", "lotte") + "@login01")
			f.add("    job_state = R")
			f.add("    queue = gpu")
			f.add("    Mail_Users = "+em, h15mail(em))
			f.add("    Variable_List = PBS_O_HOME=/home/u,PBS_O_LANG=en_US.UTF-8,PBS_O_LOGNAME=u,")
			for i, kv := range envs {
				f.add("\t"+kv+",", eps[i])
			}
			f.add("\tPBS_O_WORKDIR=/home/u/run,PBS_O_SYSTEM=Linux,PBS_O_QUEUE=gpu,PBS_O_HOST=login01")
			f.add("    Submit_arguments = train.pbs")
			f.add("    project = _pbs_project_default")
			f.add("    run_version = 1")
			f.add("    Stageout_status = 1")
			f.add("    credential_id = " + g.h5uuid())
		}},
	},
	// Matrix servers.
	{
		template{"matrix", "homeserver.yaml", func(g *gen, f *file) {
			dom := g.pick(h20orgs...)
			f.add("server_name: \"" + dom + "\"")
			f.add("pid_file: /data/homeserver.pid")
			f.add("listeners:")
			f.add("  - port: 8008")
			f.add("    tls: false")
			f.add("    type: http")
			f.add("    x_forwarded: true")
			f.add("    resources:")
			f.add("      - names: [client, federation]")
			f.add("database:")
			f.add("  name: psycopg2")
			f.add("  args:")
			f.add("    user: synapse")
			pw, ps := g.h20pv(h19js)
			f.add(`    password: "`+pw+`"`, ps...)
			f.add("    database: synapse")
			f.add("    host: " + g.h20host())
			f.add("    cp_min: 5")
			f.add("log_config: \"/data/" + dom + ".log.config\"")
			f.add("media_store_path: /data/media_store")
			for _, k := range []string{"registration_shared_secret", "macaroon_secret_key", "form_secret"} {
				v := g.s(alnum+"~;:,.^&=@#", 50)
				v = strings.NewReplacer("#", "~", "@", "^", "&", ".").Replace(v)
				f.add(k+": \""+v+"\"", h15gen(v))
			}
			f.add("report_stats: false")
			f.add("signing_key_path: \"/data/" + dom + ".signing.key\"")
			f.add("trusted_key_servers:")
			f.add("  - server_name: \"matrix.org\"")
			f.add("turn_uris: [\"turn:turn." + dom + ":3478?transport=udp\"]")
			ts := g.s(alnum, 40)
			f.add("turn_shared_secret: \""+ts+"\"", h15gen(ts))
			f.add("email:")
			f.add("  smtp_host: " + g.h20host())
			f.add("  smtp_user: \"matrix@"+dom+"\"", neutral("role-email", "matrix@"+dom))
			sp, sps := g.h20pv(h19js)
			f.add("  smtp_pass: \""+sp+"\"", sps...)
			f.add("  notif_from: \"Your Friendly %(app)s homeserver <noreply@"+dom+">\"", neutral("role-email", "noreply@"+dom))
			e := g.h20email()
			f.add("admin_contact: 'mailto:"+e+"'", h15mail(e))
			vk := base64.RawStdEncoding.EncodeToString(g.h16bytes(32))
			f.add("# ed25519 a_"+g.s(alnum, 4)+" "+vk+"  <- public verify key, published at /_matrix/key/v2/server", neutral("public-key", vk))
		}},
		template{"matrix", "bridge-registration.yaml", func(g *gen, f *file) {
			dom := g.pick(h20orgs...)
			br := g.pick("whatsapp", "telegram", "signal", "discord")
			f.add("# registration.yaml (generated by mautrix-" + br + " -g)")
			f.add("id: " + br)
			f.add("url: http://localhost:29318")
			as, hs := g.s(alnum, 64), g.s(alnum, 64)
			f.add("as_token: "+as, h15gen(as))
			f.add("hs_token: "+hs, h15gen(hs))
			sl := g.s(alnum, 32)
			f.add("sender_localpart: "+sl, h19id(sl))
			f.add("rate_limited: false")
			f.add("namespaces:")
			f.add("  users:")
			f.add("    - regex: ^@" + br + "_.*:" + strings.ReplaceAll(dom, ".", `\.`) + "$")
			f.add("      exclusive: true")
			f.add("de.sorunome.msc2409.push_ephemeral: true")
			f.add("")
			f.add("# config.yaml (mautrix-" + br + ")")
			f.add("homeserver:")
			f.add("  address: https://matrix." + dom)
			f.add("  domain: " + dom)
			f.add("appservice:")
			pw := g.h20passNo(`@:/?# "'` + "\\")
			f.add("  database:")
			f.add("    type: postgres")
			f.add("    uri: postgres://mautrix:"+pw+"@"+g.h20host()+"/mautrix_"+br+"?sslmode=disable", h15pw(pw))
			f.add("  as_token: "+as, h15gen(as))
			f.add("  hs_token: "+hs, h15gen(hs))
			f.add("bridge:")
			f.add("  double_puppet_server_map: {}")
			f.add("  login_shared_secret_map:")
			lp := g.s(alnum, 48)
			f.add("    "+dom+": as_token:"+lp, plant{family: "generic", kind: "secret", value: "as_token:" + lp, core: lp})
			f.add("  provisioning:")
			sh := g.s(alnum, 64)
			f.add("    shared_secret: "+sh, h15gen(sh))
			f.add("  permissions:")
			e := g.h20email()
			f.add("    \"@admin:" + dom + "\": admin")
			f.add("# owner of the bridge bot: "+e, h15mail(e))
			tok := g.h20syt(g.pick("admin", "ops", "bridgebot"))
			f.add("# curl -H 'Authorization: Bearer "+tok+"' https://matrix."+dom+"/_matrix/client/v3/account/whoami", secret("matrix", tok))
		}},
	},
	// Feature flags.
	{
		template{"flags", "ld-relay.conf", func(g *gen, f *file) {
			f.add("[Main]")
			f.add("port = 8030")
			f.add("baseUri = https://sdk.launchdarkly.com")
			f.add("")
			if g.r.IntN(3) == 0 {
				f.add("[AutoConfig]")
				k := "rel-" + g.h5uuid()
				f.add("key = "+k, secret("launchdarkly", k))
				f.add("")
			}
			for _, env := range []string{"Production", "Staging", "Dev"}[:2+g.r.IntN(2)] {
				f.add(`[Environment "` + env + `"]`)
				sk := "sdk-" + g.h5uuid()
				f.add("sdkKey = "+sk, secret("launchdarkly", sk))
				mk := "mob-" + g.h5uuid()
				f.add("mobileKey = "+mk, neutral("public-key", mk))
				cid := g.s(hexd, 24)
				f.add("envId = "+cid, neutral("id", cid))
				f.add("secureMode = " + g.pick("true", "false"))
				f.add("")
			}
			f.add("[Redis]")
			f.add("host = " + g.h20host())
			f.add("port = 6379")
			pw, ps := g.h20pvNo(`;#" `)
			f.add("password = "+pw, ps...)
			f.add("tls = true")
			f.add("localTtl = 30s")
			f.add("")
			f.add("[Events]")
			f.add("sendEvents = true")
			f.add("")
			f.add("; example from the docs, not ours: sdkKey = sdk-00000000-0000-0000-0000-000000000000")
			e := g.h20email()
			f.add("; owner: "+e, h15mail(e))
		}},
		template{"flags", "flags.env", func(g *gen, f *file) {
			f.add("# Unleash (self-hosted) + Flagsmith proxy for the storefront")
			dp := g.h20passNo(`@:/?# "'$` + "`\\")
			f.add("DATABASE_URL=postgres://unleash:"+dp+"@"+g.h20host()+":5432/unleash", h15pw(dp))
			f.add("DATABASE_SSL=false")
			at := "*:*." + g.s(hexd, 56)
			f.add("INIT_ADMIN_API_TOKENS="+at, secret("unleash", at))
			ct := "default:production." + g.s(hexd, 56)
			f.add("INIT_CLIENT_API_TOKENS="+ct, secret("unleash", ct))
			f.add("UNLEASH_URL=https://flags." + g.pick(h20orgs...) + "/api")
			if g.r.IntN(3) == 0 {
				f.add("UNLEASH_API_TOKEN=default:development.unleash-insecure-api-token")
			} else {
				v := g.pick("*", "default") + ":" + g.pick("production", "development") + "." + g.s(hexd, 56)
				f.add("UNLEASH_API_TOKEN="+v, secret("unleash", v))
			}
			fk := "*:production." + g.s(hexd, 56)
			f.add("UNLEASH_FRONTEND_API_TOKEN="+fk, neutral("public-key", fk))
			f.add("")
			sk := "ser." + g.s(alnum, 22)
			f.add("FLAGSMITH_SERVER_KEY="+sk, secret("flagsmith", sk))
			ck := g.s(alnum, 22)
			f.add("NEXT_PUBLIC_FLAGSMITH_ENVIRONMENT_ID="+ck, neutral("public-key", ck))
			dj := g.s(alnum+"!@%^*(-_=+)", 50)
			f.add("DJANGO_SECRET_KEY='"+dj+"'", h15gen(dj))
			f.add("EMAIL_HOST=" + g.h20host())
			ep, eps := g.h20pv(h19sh)
			f.add("EMAIL_HOST_PASSWORD='"+ep+"'", eps...)
			e := g.h20email()
			f.add("SENDER_EMAIL="+e, h15mail(e))
			n, v, p := g.h20tok()
			f.add(n+"="+v, p)
		}},
	},
	// IPTV.
	{
		template{"iptv", "playlist.m3u", func(g *gen, f *file) {
			host := g.pick("line.", "tv.", "cdn.") + g.pick("superiptv", "gold4k", "maxtv") + g.pick(".xyz", ".cc", ".me") + ":" + g.pick("8080", "80", "25461")
			user := g.s(alnum, 8+g.r.IntN(5))
			pw := g.s(alnum, 8+g.r.IntN(6))
			f.add(`#EXTM3U url-tvg="http://`+host+`/xmltv.php?username=`+user+`&password=`+pw+`" x-tvg-url=""`, h15pw(pw))
			for i := 0; i < 5+g.r.IntN(6); i++ {
				id := fmt.Sprint(1000 + g.r.IntN(90000))
				name := g.pick("NPO 1", "VRT 1", "ČT1", "NRK1", "Yle TV1", "TVN Chile", "Channels TV", "2M Maroc", "CBC Egypt", "América TV", "M1", "ORF 1") + g.pick("", " HD", " FHD")
				f.add(`#EXTINF:-1 tvg-id="` + strings.ToLower(strings.ReplaceAll(name, " ", "")) + `" tvg-logo="http://` + host + `/logos/` + id + `.png" group-title="` + g.pick("NL", "BE", "CZ", "NO", "FI", "LATAM", "AFRICA") + `",` + name)
				f.add("http://"+host+"/live/"+user+"/"+pw+"/"+id+".ts", h15pw(pw))
			}
			f.add("#EXTINF:-1,Portal")
			f.add("http://"+host+"/get.php?username="+user+"&password="+pw+"&type=m3u_plus&output=ts", h15pw(pw))
			if g.r.IntN(2) == 0 {
				f.add("#EXTINF:-1,Demo stream")
				f.add("http://" + host + "/live/demo/demo/1.ts")
			}
			e := g.h20email()
			f.add("# reseller: "+e, h15mail(e))
		}},
		template{"iptv", "kodi-userdata.xml", func(g *gen, f *file) {
			f.add("<!-- userdata/sources.xml -->")
			f.add("<sources>")
			f.add("    <programs><default pathversion=\"1\"></default></programs>")
			f.add("    <video>")
			f.add("        <default pathversion=\"1\"></default>")
			for i := 0; i < 2+g.r.IntN(3); i++ {
				pw := g.h20pass()
				enc := url.QueryEscape(pw)
				enc = strings.ReplaceAll(enc, "+", "%20")
				nm := g.pick("Movies", "Series", "Kids", "Music", "Photos")
				f.add("        <source>")
				f.add("            <name>" + nm + "</name>")
				f.add("            <path pathversion=\"1\">"+g.pick("smb", "nfs", "ftp", "davs")+"://"+g.pick("kodi", "media", "htpc")+":"+h19text(enc)+"@"+g.pick("nas", "diskstation", g.h20ip())+"/"+nm+"/</path>", h15pw(h19text(enc)))
				f.add("            <allowsharing>true</allowsharing>")
				f.add("        </source>")
			}
			f.add("    </video>")
			f.add("</sources>")
			f.add("<!-- userdata/passwords.xml -->")
			f.add("<passwords>")
			for i := 0; i < 1+g.r.IntN(2); i++ {
				pw := g.h20passNo(`@:/?#%&<>"' ` + "\\")
				f.add("    <path>")
				f.add("        <from pathversion=\"1\">smb://nas/" + g.pick("Backup", "Docs") + "</from>")
				f.add("        <to pathversion=\"1\">smb://"+g.pick("ingrid", "daan", "aino")+":"+pw+"@nas/"+g.pick("Backup", "Docs")+"/</to>", h15pw(pw))
				f.add("    </path>")
			}
			f.add("</passwords>")
			f.add("<!-- userdata/advancedsettings.xml -->")
			f.add("<advancedsettings version=\"1.0\">")
			f.add("    <videodatabase>")
			f.add("        <type>mysql</type>")
			f.add("        <host>" + g.h20ip() + "</host>")
			f.add("        <user>kodi</user>")
			dp, dps := g.h20pv(h19text)
			f.add("        <pass>"+dp+"</pass>", dps...)
			f.add("    </videodatabase>")
			f.add("    <services><webserverpassword>kodi</webserverpassword></services>", neutral("ambiguous", "kodi"))
			f.add("</advancedsettings>")
			e := g.h20email()
			f.add("<!-- trakt account: "+e+" -->", h15mail(e))
		}},
	},
	// Printing.
	{
		template{"printing", "printers.conf", func(g *gen, f *file) {
			f.add("# Printer configuration file for CUPS v2.4.7")
			f.add("# Written by cupsd")
			f.add("# DO NOT EDIT THIS FILE WHEN CUPSD IS RUNNING")
			f.add("NextPrinterId " + fmt.Sprint(2+g.r.IntN(20)))
			for i := 0; i < 2+g.r.IntN(3); i++ {
				nm := g.pick("Finance", "Floor2", "Label", "Plotter", "Reception") + "_" + g.pick("HP", "Ricoh", "Kyocera", "Canon")
				f.add("<Printer " + nm + ">")
				f.add("PrinterId " + fmt.Sprint(1+i))
				f.add("UUID urn:uuid:" + g.h5uuid())
				f.add("Info " + nm)
				f.add("Location " + g.pick("Brno office", "Gent HQ", "Bergen kai 3"))
				f.add("MakeModel " + g.pick("HP LaserJet M507", "Ricoh IM C3000", "Kyocera ECOSYS M3655idn"))
				switch g.r.IntN(3) {
				case 0:
					pw := g.h20pass()
					enc := url.PathEscape(pw)
					enc = strings.NewReplacer("@", "%40", ":", "%3A", "&", "%26", "=", "%3D", "+", "%2B", "$", "%24").Replace(enc)
					f.add("DeviceURI smb://"+g.pick("CORP", "GENT")+"%5C"+g.h20user()+":"+enc+"@"+g.pick("print01", "fs02")+"/"+nm, h15pw(enc))
				case 1:
					pw := g.h20passNo(`@:/?#%&<> "'` + "\\")
					f.add("DeviceURI ipps://"+g.h20user()+":"+pw+"@"+g.h20host()+":443/ipp/print", h15pw(pw))
				default:
					f.add("DeviceURI socket://" + g.h20ip() + ":9100")
				}
				f.add("State Idle")
				f.add("StateTime " + fmt.Sprint(1780000000+g.r.IntN(1e7)))
				f.add("Type 8564812")
				f.add("Accepting Yes")
				f.add("Shared No")
				f.add("JobSheets none none")
				f.add("QuotaPeriod 0")
				f.add("</Printer>")
			}
			f.add("# --- root's history ---")
			pw := g.h20passNo(`@:/?#%&<> "'$` + "`\\")
			f.add("# lpadmin -p Scan_Room -E -v 'smb://scanner:"+pw+"@fs02/scan' -m everywhere", h15pw(pw))
			e := g.h20email()
			f.add("# contact: "+e, h15mail(e))
		}},
		template{"printing", "mfp-addressbook.csv", func(g *gen, f *file) {
			f.add("# Address Book export — " + g.pick("Kyocera TASKalfa 4054ci", "Ricoh IM C4500", "Canon iR-ADV C5840") + " — " + g.h20day())
			f.add("No.,Name,Furigana,E-mail Address,FAX Number,Protocol,Host Name,Path,Port,Login User Name,Login Password,Group")
			for i := 0; i < 4+g.r.IntN(5); i++ {
				fn, ln := g.h20name()
				e := g.h20email()
				var proto, host, path, port, user, pw string
				var ps []plant
				switch g.r.IntN(3) {
				case 0:
					proto, host, path, port, user = "SMB", g.pick("fs01", "nas", g.h20ip()), `\scans\`+strings.ToLower(fn), "445", g.pick("CORP\\", "")+strings.ToLower(fn)
					p := g.h20pass()
					pw = h19csv(p)
					ps = []plant{h15pw(h19csvIn(p))}
				case 1:
					proto, host, path, port, user = "FTP", g.h20host(), "/incoming", "21", "scan"
					p, pps := g.h20pvNo(`,"`)
					pw, ps = p, pps
				default:
					proto = "E-mail"
				}
				fax := ""
				var fps []plant
				if g.r.IntN(3) == 0 {
					fax = g.h20phone()
					fps = []plant{h15tel(fax)}
				}
				f.add(fmt.Sprintf("%d,%s,,%s,%s,%s,%s,%s,%s,%s,%s,%s", i+1, h19csv(fn+" "+ln), e, fax, proto, host, h19csv(path), port, h19csv(user), pw, g.pick("Finance", "HR", "Frequent")), append(append([]plant{h15mail(e)}, fps...), ps...)...)
			}
			sh, su := g.h20host(), "scanner@"+g.pick(h20orgs...)
			f.add("# SMTP server: "+sh+" user "+su, neutral("role-email", su))
			ap := g.h20passNo(` ,"`)
			f.add("# admin (Device Management) password: "+ap, h15pw(ap))
		}},
	},
}

var held20Families3 = []struct{ a, b template }{
	// Mobile core.
	{
		template{"simcore", "sim-batch-0042.csv", func(g *gen, f *file) {
			f.add("# SIM batch delivery — " + g.pick("sysmoISIM-SJA5", "SJA2", "programmable USIM") + " — keys: Milenage, OPc")
			f.add("# default test set from the docs (TS 35.208 set 1): K=465b5ce8b199b49faa5f0a2ee238a6bc OPc=cd63cb71954a9f4e48a5994e37a02baf")
			f.add("name,iccid,mcc,mnc,imsi,msisdn,ki,opc,pin1,puk1,adm1")
			mcc := g.pick("204", "206", "242", "244", "730")
			mnc := fmt.Sprintf("%02d", 1+g.r.IntN(99))
			for i := 0; i < 4+g.r.IntN(5); i++ {
				ic := g.h20iccid()
				imsi := mcc + mnc + g.s(digits, 10)
				ki, opc := strings.ToUpper(g.s(hexd, 32)), strings.ToUpper(g.s(hexd, 32))
				ph := strings.NewReplacer(" ", "", "-", "", "+", "").Replace(g.h20phone())
				pin, puk, adm := g.s(digits, 4), g.s(digits, 8), g.s(digits, 8)
				f.add(fmt.Sprintf("sim%04d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", g.r.IntN(10000), ic, mcc, mnc, imsi, ph, ki, opc, pin, puk, adm),
					neutral("id", ic), neutral("id", imsi), h15tel(ph), secret("sim-key", ki), secret("sim-key", opc), neutral("pin", puk), neutral("pin", adm))
			}
			e := g.h20email()
			f.add("# delivered to "+e, h15mail(e))
		}},
		template{"simcore", "open5gs-subscribers.json", func(g *gen, f *file) {
			f.add("// mongoexport --db open5gs --collection subscribers --jsonArray")
			f.add("[")
			n := 2 + g.r.IntN(4)
			for i := 0; i < n; i++ {
				imsi := g.pick("99970", "00101", "24201", "73001") + g.s(digits, 10)
				sp := func(h string) string { return h[:8] + " " + h[8:16] + " " + h[16:24] + " " + h[24:] }
				k := sp(strings.ToUpper(g.s(hexd, 32)))
				opc := sp(strings.ToUpper(g.s(hexd, 32)))
				ph := strings.NewReplacer(" ", "", "-", "", "+", "").Replace(g.h20phone())
				f.add(`  {"_id": {"$oid": "` + g.s(hexd, 24) + `"},`)
				f.add(`   "imsi": "`+imsi+`",`, neutral("id", imsi))
				f.add(`   "msisdn": ["`+ph+`"],`, h15tel(ph))
				f.add(`   "imeisv": "` + g.s(digits, 16) + `",`)
				if g.r.IntN(6) == 0 {
					f.add(`   "security": {"k": "465B5CE8 B199B49F AA5F0A2E E238A6BC", "amf": "8000", "op": null, "opc": "E8ED289D EBA952E4 283B54E8 8E6183CA",`)
				} else {
					f.add(`   "security": {"k": "`+k+`", "amf": "8000", "op": null, "opc": "`+opc+`",`, secret("sim-key", k), secret("sim-key", opc))
				}
				f.add(`                "sqn": {"$numberLong": "` + fmt.Sprint(32*g.r.IntN(1000)) + `"}},`)
				f.add(`   "ambr": {"downlink": {"value": 1, "unit": 3}, "uplink": {"value": 1, "unit": 3}},`)
				f.add(`   "slice": [{"sst": 1, "default_indicator": true, "session": [{"name": "internet", "type": 3}]}],`)
				f.add(`   "access_restriction_data": 32, "subscriber_status": 0, "network_access_mode": 0, "__v": 0}` + map[bool]string{true: ",", false: ""}[i < n-1])
			}
			f.add("]")
			f.add("// webui login: admin / 1423 (default — changed?)")
			mp := g.h20passNo(`@:/?# "'` + "\\")
			f.add("// DB_URI=mongodb://open5gs:"+mp+"@"+g.h20host()+":27017/open5gs?authSource=admin", h15pw(mp))
		}},
	},
	// LoRaWAN.
	{
		template{"lorawan", "chirpstack-devices.csv", func(g *gen, f *file) {
			f.add("# chirpstack device import — application " + g.h5uuid())
			f.add("dev_eui,join_eui,name,description,device_profile_id,app_key,nwk_key,tags")
			for i := 0; i < 4+g.r.IntN(5); i++ {
				de, je := g.s(hexd, 16), g.s(hexd, 16)
				ak := g.s(hexd, 32)
				ps := []plant{neutral("id", de), neutral("id", je), secret("lorawan", ak)}
				nk := ""
				if g.r.IntN(2) == 0 {
					nk = g.s(hexd, 32)
					ps = append(ps, secret("lorawan", nk))
				}
				f.add(fmt.Sprintf("%s,%s,%s,%s,%s,%s,%s,%s", de, je, g.pick("soil-", "tank-", "door-", "meter-")+g.s(digits, 3), g.pick("field A", "silo 2", "Bergen kai"), g.h5uuid(), ak, nk, "site="+g.pick("nl", "fi", "cl")), ps...)
			}
			tk := g.h19jwt()
			f.add("# import run with: chirpstack-cli --api-token "+tk, secret("jwt", tk))
			e := g.h20email()
			f.add("# field tech: "+e, h15mail(e))
		}},
		template{"lorawan", "ttn-end-device.json", func(g *gen, f *file) {
			app := g.pick("water-meters", "cold-chain", "parking")
			f.add("$ ttn-lw-cli end-devices get " + app + " " + g.pick("eui-", "dev-") + g.s(hexd, 16) + " --root-keys --session")
			de, je := strings.ToUpper(g.s(hexd, 16)), strings.ToUpper(g.s(hexd, 16))
			f.add("{")
			f.add(`  "ids": {`)
			f.add(`    "device_id": "eui-` + strings.ToLower(de) + `",`)
			f.add(`    "application_ids": {"application_id": "` + app + `"},`)
			f.add(`    "dev_eui": "`+de+`",`, neutral("id", de))
			f.add(`    "join_eui": "`+je+`"`, neutral("id", je))
			f.add(`  },`)
			f.add(`  "created_at": "` + g.h20date() + `",`)
			f.add(`  "lorawan_version": "MAC_V1_0_3",`)
			f.add(`  "root_keys": {`)
			ak := strings.ToUpper(g.s(hexd, 32))
			f.add(`    "app_key": {"key": "`+ak+`"}`, secret("lorawan", ak))
			f.add(`  },`)
			f.add(`  "session": {`)
			f.add(`    "dev_addr": "` + strings.ToUpper(g.s(hexd, 8)) + `",`)
			f.add(`    "keys": {`)
			sk := strings.ToUpper(g.s(hexd, 32))
			f.add(`      "app_s_key": {"key": "`+sk+`"},`, secret("lorawan", sk))
			nk := strings.ToUpper(g.s(hexd, 32))
			f.add(`      "f_nwk_s_int_key": {"key": "`+nk+`"}`, secret("lorawan", nk))
			f.add(`    }`)
			f.add(`  }`)
			f.add("}")
			f.add("")
			f.add("$ cat ~/.config/ttn-mqtt.env")
			f.add("MQTT_HOST=eu1.cloud.thethings.network")
			f.add("MQTT_USER=" + app + "@ttn")
			k := g.h20ttn()
			f.add("MQTT_PASSWORD="+k, secret("ttn", k))
			if g.r.IntN(2) == 0 {
				f.add("# old key (revoked): NNSXS.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")
			}
			e := g.h20email()
			f.add("# collaborator: "+e, h15mail(e))
		}},
	},
	// School rosters.
	{
		template{"roster", "oneroster-users.csv", func(g *gen, f *file) {
			f.add("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password")
			for i := 0; i < 5+g.r.IntN(6); i++ {
				fn, ln := g.h20name()
				role := g.pick("student", "student", "teacher", "parent")
				e := g.h20email()
				var ps []plant
				ps = append(ps, h15mail(e))
				sms, phone := "", ""
				if role != "student" || g.r.IntN(3) == 0 {
					sms = g.h20phone()
					ps = append(ps, h15tel(sms))
				}
				if g.r.IntN(3) == 0 {
					phone = g.h20phoneNat()
					ps = append(ps, h15tel(phone))
				}
				id := ""
				if g.r.IntN(3) == 0 {
					id, _ = g.h20nid()
					ps = append(ps, h15id(id))
				}
				pw := ""
				if g.r.IntN(3) != 0 {
					p := g.h20pass()
					pw = h19csv(p)
					ps = append(ps, h15pw(h19csvIn(p)))
				}
				f.add(fmt.Sprintf("%s,active,%s,true,%s,%s,%s,{SIS:%s},%s,%s,,%s,%s,%s,%s,,%s,%s", g.h5uuid(), g.h20date(), g.h5uuid(), role, strings.ToLower(fn)+"."+strings.ToLower(strings.ReplaceAll(ln, " ", ""))+g.s(digits, 2), g.s(digits, 7), h19csv(fn), h19csv(ln), id, e, sms, phone, g.pick("09", "10", "11", "KG", ""), pw), ps...)
			}
		}},
		template{"roster", "ims-enterprise.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<enterprise>`)
			f.add(`  <properties><datasource>` + g.pick("Magister", "Smartschool", "Wilma", "Bakaláři") + ` SIS</datasource><datetime>` + g.h20date() + `</datetime></properties>`)
			for i := 0; i < 3+g.r.IntN(4); i++ {
				fn, ln := g.h20name()
				f.add(`  <person recstatus="1">`)
				f.add(`    <sourcedid><source>SIS</source><id>` + g.s(digits, 8) + `</id></sourcedid>`)
				u := strings.ToLower(fn) + "." + strings.ToLower(strings.ReplaceAll(ln, " ", ""))
				switch g.r.IntN(3) {
				case 0:
					h := g.s(hexd, 32)
					f.add(`    <userid password="`+h+`" pwencryption="MD5">`+u+`</userid>`, neutral("hash", h))
				case 1:
					f.add(`    <userid>` + u + `</userid>`)
				default:
					pw, ps := g.h20pv(h19attr)
					f.add(`    <userid password="`+pw+`">`+u+`</userid>`, ps...)
				}
				f.add(`    <name><fn>` + fn + " " + ln + `</fn><n><family>` + ln + `</family><given>` + fn + `</given></n></name>`)
				e := g.h20email()
				f.add(`    <email>`+e+`</email>`, h15mail(e))
				if g.r.IntN(2) == 0 {
					ph := g.h20phone()
					f.add(`    <tel teltype="`+g.pick("1", "3")+`">`+ph+`</tel>`, h15tel(ph))
				}
				if g.r.IntN(3) == 0 {
					id, _ := g.h20nid()
					f.add(`    <extension><nationalid>`+id+`</nationalid></extension>`, h15id(id))
				}
				f.add(`    <institutionrole primaryrole="Yes" institutionroletype="` + g.pick("Student", "Faculty", "Staff") + `"/>`)
				f.add(`  </person>`)
			}
			f.add(`  <group><sourcedid><source>SIS</source><id>` + g.pick("MATH-10A", "BIO-2", "NL-4") + `</id></sourcedid><description><short>` + g.pick("Wiskunde 10A", "Biologie", "Nederlands") + `</short></description></group>`)
			f.add(`</enterprise>`)
		}},
	},
	// E-discovery.
	{
		template{"ediscovery", "VOL001.dat", func(g *gen, f *file) {
			const q, d = "\u00fe", "\x14"
			row := func(fs ...string) string { return q + strings.Join(fs, q+d+q) + q }
			f.add(row("BEGDOC", "ENDDOC", "CUSTODIAN", "FROM", "TO", "CC", "SUBJECT", "DATESENT", "MD5HASH", "SNIPPET", "NATIVEPATH"))
			for i := 0; i < 4+g.r.IntN(5); i++ {
				b := fmt.Sprintf("ABC%07d", 1+g.r.IntN(9000000))
				fr, to := g.h20email(), g.h20email()
				ps := []plant{h15mail(fr), h15mail(to)}
				cc := ""
				if g.r.IntN(2) == 0 {
					cc = g.h20email()
					ps = append(ps, h15mail(cc))
				}
				var snip string
				switch g.r.IntN(6) {
				case 0:
					pw := g.h20passNo(q + d + "\u00ae")
					snip = "Hi,\u00aethe new VPN password is " + pw + "\u00aeplease don't forward"
					ps = append(ps, h15pw(pw))
				case 1:
					n, v, p := g.h20tok()
					snip = "config for the vendor:\u00ae" + n + "=" + v
					ps = append(ps, p)
				case 2:
					ph := g.h20phone()
					snip = "Call me on " + ph + "\u00aeRegards"
					ps = append(ps, h15tel(ph))
				case 3:
					ib := g.h20iban()
					snip = "Please wire to " + groupsOf4(ib) + " today"
					ps = append(ps, h15ib(groupsOf4(ib)))
				case 4:
					id, _ := g.h20nid()
					snip = "Employee id number: " + id
					ps = append(ps, h15id(id))
				default:
					snip = "See attached draft v" + fmt.Sprint(1+g.r.IntN(9))
				}
				h := g.s(hexd, 32)
				ps = append(ps, neutral("hash", h))
				fn, ln := g.h20name()
				f.add(row(b, b, ln+", "+fn, fr, to, cc, g.pick("RE: contract", "FW: access", "Q1 numbers", "Overdracht"), fmt.Sprintf("%02d/%02d/2026", 1+g.r.IntN(12), 1+g.r.IntN(28)), h, snip, `NATIVES\VOL001\`+b+".msg"), ps...)
			}
		}},
		template{"ediscovery", "edrm-export.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<Root DataInterchangeType="Update" Description="Production ` + g.pick("PROD002", "PROD007") + `">`)
			f.add(`  <Batch name="` + g.pick("Custodian-A", "Mailboxes") + `"><Documents>`)
			for i := 0; i < 3+g.r.IntN(3); i++ {
				id := fmt.Sprintf("DEF%07d", 1+g.r.IntN(9000000))
				f.add(`    <Document DocID="` + id + `" DocType="Message" MimeType="message/rfc822">`)
				f.add(`      <Tags>`)
				fr, to := g.h20email(), g.h20email()
				f.add(`        <Tag TagName="#From" TagDataType="Text" TagValue="`+fr+`"/>`, h15mail(fr))
				f.add(`        <Tag TagName="#To" TagDataType="Text" TagValue="`+to+`"/>`, h15mail(to))
				f.add(`        <Tag TagName="#Subject" TagDataType="Text" TagValue="` + g.pick("Toegang portal", "Login details", "Bank details", "Minutes") + `"/>`)
				f.add(`        <Tag TagName="#DateSent" TagDataType="DateTime" TagValue="` + g.h20date() + `"/>`)
				h := g.s(hexd, 40)
				f.add(`        <Tag TagName="#HashSHA1" TagDataType="Text" TagValue="`+h+`"/>`, neutral("hash", h))
				switch g.r.IntN(5) {
				case 0, 1:
					pw, ps := g.h20pv(h19attr)
					f.add(`        <Tag TagName="Body Excerpt" TagDataType="Text" TagValue="username `+g.h20user()+`&#13;&#10;password: `+pw+`"/>`, ps...)
				case 2:
					ph := g.h20phone()
					f.add(`        <Tag TagName="Body Excerpt" TagDataType="Text" TagValue="my mobile is `+ph+`"/>`, h15tel(ph))
				case 3:
					c := g.card(true)
					f.add(`        <Tag TagName="Body Excerpt" TagDataType="Text" TagValue="corporate card `+c+` exp 09/28"/>`, h15cc(c))
				default:
					_, v, p := g.h20tok()
					f.add(`        <Tag TagName="Body Excerpt" TagDataType="Text" TagValue="token: `+v+`"/>`, p)
				}
				f.add(`      </Tags>`)
				f.add(`      <Files><File FileType="Native"><ExternalFile FilePath="NATIVES" FileName="` + id + `.eml" FileSize="` + fmt.Sprint(1000+g.r.IntN(90000)) + `" Hash="` + g.s(hexd, 32) + `"/></File></Files>`)
				f.add(`    </Document>`)
			}
			f.add(`  </Documents></Batch>`)
			f.add(`</Root>`)
		}},
	},
	// Survey exports.
	{
		template{"survey", "qualtrics-responses.csv", func(g *gen, f *file) {
			f.add("StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientLastName,RecipientFirstName,RecipientEmail,ExternalReference,LocationLatitude,LocationLongitude,DistributionChannel,UserLanguage,Q1,Q2,Q3_TEXT")
			f.add(`Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Last Name,Recipient First Name,Recipient Email,External Data Reference,Location Latitude,Location Longitude,Distribution Channel,User Language,How satisfied are you?,"Contact phone (optional)",Anything else you want to tell us?`)
			f.add(`"{""ImportId"":""startDate"",""timeZone"":""Europe/Amsterdam""}","{""ImportId"":""endDate"",""timeZone"":""Europe/Amsterdam""}","{""ImportId"":""status""}","{""ImportId"":""ipAddress""}","{""ImportId"":""progress""}","{""ImportId"":""duration""}","{""ImportId"":""finished""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""recipientLastName""}","{""ImportId"":""recipientFirstName""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""locationLatitude""}","{""ImportId"":""locationLongitude""}","{""ImportId"":""distributionChannel""}","{""ImportId"":""userLanguage""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2_TEXT""}","{""ImportId"":""QID3_TEXT""}"`)
			for i := 0; i < 4+g.r.IntN(5); i++ {
				fn, ln := g.h20name()
				e := g.h20email()
				ip := g.pubIP()
				ps := []plant{neutral("ip", ip), h15mail(e)}
				ph := ""
				if g.r.IntN(2) == 0 {
					ph = g.h20phone()
					ps = append(ps, h15tel(ph))
				}
				var txt string
				switch g.r.IntN(5) {
				case 0:
					p := g.h20pass()
					txt = "I could not log in with my password " + p + " — please reset"
					ps = append(ps, h15pw(h19csvIn(p)))
				case 1:
					ib := g.h20iban()
					txt = "Refund to " + ib + " please"
					ps = append(ps, h15ib(ib))
				case 2:
					c := g.card(false)
					txt = "You charged my card " + c + " twice"
					ps = append(ps, h15cc(c))
				default:
					txt = g.pick("Prima service", "Hyvä palvelu", "Muy bien, gracias", "Dobrý den, vše OK")
				}
				d := g.h20day() + " " + fmt.Sprintf("%02d:%02d:%02d", g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
				rid := "R_" + g.s(alnum, 15)
				ps = append(ps, neutral("id", rid))
				f.add(fmt.Sprintf("%s,%s,IP Address,%s,100,%d,True,%s,%s,%s,%s,%s,,%.4f,%.4f,email,%s,%d,%s,%s", d, d, ip, 30+g.r.IntN(900), d, rid, h19csv(ln), h19csv(fn), e, 40+g.r.Float64()*20, g.r.Float64()*20, g.pick("NL", "FI", "ES-ES", "CS"), 1+g.r.IntN(5), h19csv(ph), h19csv(txt)), ps...)
			}
		}},
		template{"survey", "limesurvey-vv.tsv", func(g *gen, f *file) {
			sid := fmt.Sprint(100000 + g.r.IntN(800000))
			f.add("Response ID\tDate submitted\tLast page\tStart language\tAccess code\tFirst name\tLast name\tEmail address\tPhone\tYour comment\tBank account for the reward")
			f.add("id\tsubmitdate\tlastpage\tstartlanguage\ttoken\tfirstname\tlastname\temail\t" + sid + "X12X101\t" + sid + "X12X102\t" + sid + "X12X103")
			for i := 0; i < 4+g.r.IntN(5); i++ {
				fn, ln := g.h20name()
				e := g.h20email()
				tok := g.s(alnum, 15)
				ps := []plant{neutral("id", tok), h15mail(e)}
				ph := ""
				if g.r.IntN(2) == 0 {
					ph = g.h20phone()
					ps = append(ps, h15tel(ph))
				}
				var txt string
				switch g.r.IntN(5) {
				case 0:
					p := g.h20passNo("\t\\")
					txt = "mijn wachtwoord voor het portaal is " + p
					ps = append(ps, h15pw(p))
				case 1:
					id, _ := g.h20nid()
					txt = "henkilötunnus " + id
					ps = append(ps, h15id(id))
				case 2:
					n, v, p := g.h20tok()
					txt = "the " + strings.ToLower(n) + " you asked for: " + v
					ps = append(ps, p)
				default:
					txt = g.pick("Ok", "Prima", "Kiitos", "Děkuji")
				}
				ib := ""
				if g.r.IntN(2) == 0 {
					ib = g.h20iban()
					ps = append(ps, h15ib(ib))
				}
				f.add(fmt.Sprintf("%d\t%s 10:%02d:00\t3\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s", 1+i, g.h20day(), g.r.IntN(60), g.pick("nl", "fi", "cs", "es"), tok, fn, ln, e, ph, txt, ib), ps...)
			}
		}},
	},
	// Live-chat transcripts.
	{
		template{"livechat", "intercom-conversation.json", func(g *gen, f *file) {
			f.add("{")
			f.add(`  "type": "conversation",`)
			f.add(`  "id": "` + g.s(digits, 12) + `",`)
			f.add(`  "created_at": ` + fmt.Sprint(1780000000+g.r.IntN(1e7)) + `,`)
			e := g.h20email()
			f.add(`  "source": {"type": "conversation", "delivered_as": "customer_initiated", "author": {"type": "user", "id": "`+g.s(hexd, 24)+`", "name": "`+g.pick("Aynur", "Sajid", "Wulan", "Karlo")+`", "email": "`+e+`"}},`, h15mail(e))
			f.add(`  "conversation_parts": {"type": "conversation_part.list", "conversation_parts": [`)
			n := 4 + g.r.IntN(5)
			for i := 0; i < n; i++ {
				msg, ps := g.h20say(h20intercomLangs)
				esc := func(s string) string { return h18jsonU(h18html(s)) }
				body := h18jsonU("<p>") + esc(msg) + h18jsonU("</p>")
				ps = h18esc(esc, ps)
				who := g.pick("user", "admin")
				f.add(`    {"type": "conversation_part", "part_type": "comment", "body": "`+body+`", "author": {"type": "`+who+`", "id": "`+g.s(digits, 7)+`"}}`+map[bool]string{true: ",", false: ""}[i < n-1], ps...)
			}
			f.add(`  ]},`)
			f.add(`  "tags": {"type": "tag.list", "tags": []}`)
			f.add("}")
		}},
		template{"livechat", "livechat-transcript.txt", func(g *gen, f *file) {
			agent := g.pick("Alsu", "Lwazi", "Mòrag", "Jun-jun")
			fn, ln := g.h20name()
			e := g.h20email()
			f.add("Chat transcript")
			f.add("Visitor: " + fn + " " + ln)
			f.add("Visitor email: "+e, h15mail(e))
			f.add("Agent: " + agent)
			f.add("Chat started: " + g.h20day() + " " + fmt.Sprintf("%02d:%02d", g.r.IntN(24), g.r.IntN(60)) + " (UTC)")
			ip := g.pubIP()
			f.add("Visitor IP: "+ip, neutral("ip", ip))
			f.add("")
			for i := 0; i < 6+g.r.IntN(6); i++ {
				ts := fmt.Sprintf("(%d:%02d:%02d %s)", 1+g.r.IntN(12), g.r.IntN(60), g.r.IntN(60), g.pick("AM", "PM"))
				who := g.pick(fn, agent)
				if g.r.IntN(7) == 0 {
					f.add(ts + " " + who + ": [file] screenshot.png")
					continue
				}
				msg, ps := g.h20say(h20livechatLangs)
				f.add(ts+" "+who+": "+msg, ps...)
			}
			f.add("")
			f.add("Chat ID: " + strings.ToUpper(g.s(upperD, 10)))
			f.add("Rating: " + g.pick("good", "bad", "not rated"))
		}},
	},
	// CRM.
	{
		template{"crm", "process-conf.xml", func(g *gen, f *file) {
			f.add(`<!DOCTYPE beans PUBLIC "-//SPRING//DTD BEAN//EN" "http://www.springframework.org/dtd/spring-beans.dtd">`)
			f.add(`<beans>`)
			for i := 0; i < 2; i++ {
				nm := g.pick("accountExtract", "contactUpsert", "leadInsert", "caseExport")
				f.add(`  <bean id="` + nm + `" class="com.salesforce.dataloader.process.ProcessRunner" scope="prototype">`)
				f.add(`    <property name="name" value="` + nm + `"/>`)
				f.add(`    <property name="configOverrideMap">`)
				f.add(`      <map>`)
				f.add(`        <entry key="sfdc.endpoint" value="https://` + g.pick("login", "test", "polder.my") + `.salesforce.com"/>`)
				u := g.h20email()
				f.add(`        <entry key="sfdc.username" value="`+u+`"/>`, h15mail(u))
				switch g.r.IntN(3) {
				case 0:
					c := g.s(hexd, 64)
					f.add(`        <entry key="sfdc.password" value="`+c+`"/>`, neutral("ciphertext", c))
					f.add(`        <entry key="process.encryptionKeyFile" value="C:\dataloader\dataLoader.key"/>`)
				default:
					pw := g.h20pass()
					st := g.s(alnum, 24)
					v := h19attr(pw + st)
					f.add(`        <entry key="sfdc.password" value="`+v+`"/>`, h15pw(v))
				}
				f.add(`        <entry key="process.operation" value="` + g.pick("extract", "upsert", "insert") + `"/>`)
				f.add(`        <entry key="sfdc.entity" value="` + g.pick("Account", "Contact", "Lead", "Case") + `"/>`)
				f.add(`        <entry key="dataAccess.type" value="databaseRead"/>`)
				f.add(`      </map>`)
				f.add(`    </property>`)
				f.add(`  </bean>`)
			}
			f.add(`  <bean id="dbDataSource" class="org.apache.commons.dbcp2.BasicDataSource" destroy-method="close">`)
			f.add(`    <property name="url" value="jdbc:sqlserver://` + g.h20host() + `:1433;databaseName=crm_stage"/>`)
			f.add(`    <property name="username" value="` + g.h20user() + `"/>`)
			dp, dps := g.h20pv(h19attr)
			f.add(`    <property name="password" value="`+dp+`"/>`, dps...)
			f.add(`  </bean>`)
			f.add(`  <bean id="jwtKey" class="java.lang.String">`)
			f.add(`    <constructor-arg><value>`)
			g.h18pemIn(f, "")
			f.add(`    </value></constructor-arg>`)
			f.add(`  </bean>`)
			f.add(`</beans>`)
			f.add(`<!-- session id from the last run (debug): `)
			sid := "00D" + g.s(alnum, 12) + "!AQ" + g.s(alnum, 4) + "." + g.s(alnum+"._", 90)
			f.add(sid, secret("salesforce", sid))
			f.add(`-->`)
		}},
		template{"crm", "suitecrm-config.php", func(g *gen, f *file) {
			f.add("<?php")
			f.add("$sugar_config = array (")
			f.add("  'cache_dir' => 'cache/',")
			f.add("  'dbconfig' => ")
			f.add("  array (")
			f.add("    'db_host_name' => '" + g.h20host() + "',")
			f.add("    'db_user_name' => 'suitecrm',")
			pw, ps := g.h20pv(h20php)
			f.add("    'db_password' => '"+pw+"',", ps...)
			f.add("    'db_name' => 'suitecrm',")
			f.add("    'db_type' => 'mysql',")
			f.add("  ),")
			f.add("  'host_name' => '" + g.pick("crm.", "suite.") + g.pick(h20orgs...) + "',")
			e := g.h20email()
			f.add("  'passwordsetting' => array ('SystemGeneratedPasswordON' => '0', 'minpwdlength' => 8),")
			uk := g.s(hexd, 32)
			f.add("  'unique_key' => '"+uk+"',", h15gen(uk))
			f.add("  'site_url' => 'https://crm." + g.pick(h20orgs...) + "',")
			f.add("  'suitecrm_version' => '7.14." + fmt.Sprint(g.r.IntN(6)) + "',")
			f.add("  'default_email_from' => '"+e+"',", h15mail(e))
			f.add(");")
			f.add("// config_override.php")
			f.add("$sugar_config['outbound_email']['mail_smtpserver'] = '" + g.h20host() + "';")
			sp, sps := g.h20pv(h20php)
			f.add("$sugar_config['outbound_email']['mail_smtppass'] = '"+sp+"';", sps...)
			n, v, p := g.h20tok()
			f.add("$sugar_config['integrations']['"+strings.ToLower(n)+"'] = '"+v+"';", p)
			f.add("// Api/V8/OAuth2/private.key")
			f.add("/*")
			g.h18pemIn(f, "")
			f.add("*/")
		}},
	},
	// SIP telephony.
	{
		template{"telephony", "directory-default.xml", func(g *gen, f *file) {
			f.add(`<include>`)
			for i := 0; i < 2+g.r.IntN(3); i++ {
				ext := fmt.Sprint(1000 + g.r.IntN(9000))
				fn, ln := g.h20name()
				f.add(`  <user id="` + ext + `">`)
				f.add(`    <params>`)
				if g.r.IntN(4) == 0 {
					h := g.s(hexd, 32)
					f.add(`      <param name="a1-hash" value="`+h+`"/>`, neutral("hash", h))
				} else {
					pw, ps := g.h20pv(h19attr)
					f.add(`      <param name="password" value="`+pw+`"/>`, ps...)
				}
				vm := g.s(digits, 4)
				f.add(`      <param name="vm-password" value="`+vm+`"/>`, neutral("pin", vm))
				f.add(`    </params>`)
				f.add(`    <variables>`)
				f.add(`      <variable name="effective_caller_id_name" value="` + fn + " " + ln + `"/>`)
				f.add(`      <variable name="effective_caller_id_number" value="` + ext + `"/>`)
				ph := g.h20phone()
				f.add(`      <variable name="outbound_caller_id_number" value="`+ph+`"/>`, h15tel(ph))
				e := g.h20email()
				f.add(`      <variable name="vm_email" value="`+e+`"/>`, h15mail(e))
				f.add(`    </variables>`)
				f.add(`  </user>`)
			}
			f.add(`  <!-- sip_profiles/external/trunk.xml -->`)
			f.add(`  <gateway name="` + g.pick("voipgrid", "telnyx", "didww") + `">`)
			f.add(`    <param name="username" value="` + g.s(digits, 9) + `"/>`)
			tp, tps := g.h20pv(h19attr)
			f.add(`    <param name="password" value="`+tp+`"/>`, tps...)
			f.add(`    <param name="proxy" value="sip.` + g.pick(h20orgs...) + `"/>`)
			f.add(`    <param name="register" value="true"/>`)
			f.add(`  </gateway>`)
			f.add(`  <!-- event_socket.conf.xml: <param name="password" value="ClueCon"/> (default, changed in prod) -->`)
			f.add(`</include>`)
		}},
		template{"telephony", "y0000000000xx.cfg", func(g *gen, f *file) {
			f.add("#!version:1.0.0.1")
			f.add("## Yealink auto-provisioning template for " + g.pick("T54W", "T46U", "W73P"))
			f.add("static.auto_provision.server.url = https://prov." + g.pick(h20orgs...) + "/yealink/")
			f.add("static.auto_provision.server.username = prov")
			pp := g.h20passNo(" \t")
			f.add("static.auto_provision.server.password = "+pp, h15pw(pp))
			ap := g.h20passNo(" :")
			f.add("static.security.user_password = admin:"+ap, h15pw(ap))
			for i := 1; i <= 1+g.r.IntN(3); i++ {
				fn, ln := g.h20name()
				ext := fmt.Sprint(200 + g.r.IntN(700))
				f.add(fmt.Sprintf("account.%d.enable = 1", i))
				f.add(fmt.Sprintf("account.%d.label = %s", i, ext))
				f.add(fmt.Sprintf("account.%d.display_name = %s %s", i, fn, ln))
				f.add(fmt.Sprintf("account.%d.auth_name = %s", i, ext))
				f.add(fmt.Sprintf("account.%d.user_name = %s", i, ext))
				pw, ps := g.h20pvNo(" \t")
				f.add(fmt.Sprintf("account.%d.password = %s", i, pw), ps...)
				f.add(fmt.Sprintf("account.%d.sip_server.1.address = pbx.%s", i, g.pick(h20orgs...)))
				f.add(fmt.Sprintf("account.%d.sip_server.1.transport_type = 2", i))
			}
			f.add("phone_setting.backgrounds = Config:logo.png")
			if g.r.IntN(2) == 0 {
				f.add("static.network.802_1x.mode = 1")
				f.add("static.network.802_1x.identity = " + g.h20user())
				xp := g.h20passNo(" \t")
				f.add("static.network.802_1x.md5_password = "+xp, h15pw(xp))
			}
			for i := 1; i <= 2; i++ {
				fn, ln := g.h20name()
				ph := g.h20phone()
				f.add(fmt.Sprintf("remote_phonebook.data.%d.name = %s %s", i, fn, ln))
				f.add(fmt.Sprintf("local_contact.data.%d = %s %s,%s", i, fn, ln, ph), h15tel(ph))
			}
			f.add("static.firmware.url = https://prov." + g.pick(h20orgs...) + "/fw/T54W-96.86.0.70.rom")
		}},
	},
	// Webmail.
	{
		template{"webmail", "config.inc.php", func(g *gen, f *file) {
			f.add("<?php")
			f.add("/* Local configuration for Roundcube Webmail */")
			f.add("$config = [];")
			dp := g.h20passNo(`@:/?#'"\ %`)
			f.add("$config['db_dsnw'] = 'mysql://roundcube:"+dp+"@"+g.h20host()+"/roundcubemail';", h15pw(dp))
			f.add("$config['imap_host'] = 'ssl://" + g.h20host() + ":993';")
			f.add("$config['smtp_host'] = 'tls://" + g.h20host() + ":587';")
			f.add("$config['smtp_user'] = '%u';")
			f.add("$config['smtp_pass'] = '%p';")
			f.add("$config['support_url'] = 'https://help." + g.pick(h20orgs...) + "';")
			dk := g.s(alnum+"!-_.", 24)
			f.add("$config['des_key'] = '"+dk+"';", h15gen(dk))
			f.add("$config['product_name'] = '" + g.pick("Webmail", "Posta", "Correo") + "';")
			f.add("$config['plugins'] = ['archive', 'zipdownload', 'managesieve', 'password'];")
			f.add("// plugins/password/config.inc.php")
			f.add("$config['password_driver'] = 'sql';")
			pp := g.h20passNo(`@:/?#'"\ %`)
			f.add("$config['password_db_dsn'] = 'mysql://mailadmin:"+pp+"@localhost/postfix';", h15pw(pp))
			f.add("$config['password_query'] = 'UPDATE mailbox SET password=%P WHERE username=%u';")
			f.add("$config['password_algorithm'] = 'dovecot';")
			f.add("$config['password_dovecotpw_method'] = 'BLF-CRYPT';")
			lp, lps := g.h20pv(h20php)
			f.add("$config['ldap_public']['corp']['bind_pass'] = '"+lp+"';", lps...)
			if g.r.IntN(2) == 0 {
				h := "{BLF-CRYPT}$2y$05$" + g.s(b64[:62]+"./", 53)
				f.add("// test account: postmaster '"+h+"'", neutral("hash", h))
			}
			e := g.h20email()
			f.add("// admin: "+e, h15mail(e))
		}},
		template{"webmail", "sogo.conf", func(g *gen, f *file) {
			f.add("{")
			dp := g.h20passNo(`@:/?#'"\ %;`)
			host := g.h20host()
			f.add(`  SOGoProfileURL = "postgresql://sogo:`+dp+`@`+host+`:5432/sogo/sogo_user_profile";`, h15pw(dp))
			f.add(`  OCSFolderInfoURL = "postgresql://sogo:`+dp+`@`+host+`:5432/sogo/sogo_folder_info";`, h15pw(dp))
			f.add(`  OCSSessionsFolderURL = "postgresql://sogo:`+dp+`@`+host+`:5432/sogo/sogo_sessions_folder";`, h15pw(dp))
			f.add(`  SOGoIMAPServer = "imaps://` + g.h20host() + `:993";`)
			f.add(`  SOGoSMTPServer = "smtp://` + g.h20host() + `:587/?tls=YES";`)
			f.add(`  SOGoSMTPAuthenticationType = PLAIN;`)
			f.add(`  SOGoMailDomain = ` + g.pick(h20orgs...) + `;`)
			f.add(`  SOGoUserSources = (`)
			f.add(`    {`)
			f.add(`      type = ldap;`)
			f.add(`      CNFieldName = cn;`)
			f.add(`      baseDN = "ou=people,dc=` + g.pick("polder", "gent", "brno") + `,dc=local";`)
			f.add(`      bindDN = "cn=sogo,ou=services,dc=local";`)
			bp, bps := g.h20pv(h19js)
			f.add(`      bindPassword = "`+bp+`";`, bps...)
			f.add(`      hostname = "ldaps://` + g.h20host() + `";`)
			f.add(`      canAuthenticate = YES;`)
			f.add(`      id = directory;`)
			f.add(`    }`)
			f.add(`  );`)
			f.add(`  SOGoSuperUsernames = (sogo-admin);`)
			f.add(`  SOGoTimeZone = "Europe/` + g.pick("Amsterdam", "Brussels", "Prague", "Oslo", "Helsinki") + `";`)
			f.add(`  SOGoEnableEMailAlarms = YES;`)
			f.add(`  SOGoTrustProxyAuthentication = NO;`)
			if g.r.IntN(2) == 0 {
				f.add(`  NGImap4ConnectionStringSeparator = "/";`)
			}
			e := g.h20email()
			f.add(`  /* support: `+e+` */`, h15mail(e))
			f.add("}")
		}},
	},
	// Web analytics.
	{
		template{"analytics", "config.ini.php", func(g *gen, f *file) {
			f.add("; <?php exit; ?> DO NOT REMOVE THIS LINE")
			f.add("; file automatically generated or modified by Matomo; you can manually override the default values in global.ini.php by redefining them in this file.")
			f.add("[database]")
			f.add(`host = "` + g.h20host() + `"`)
			f.add(`username = "matomo"`)
			dp, dps := g.h20pvNo(`"\`)
			f.add(`password = "`+dp+`"`, dps...)
			f.add(`dbname = "matomo"`)
			f.add(`tables_prefix = "matomo_"`)
			f.add(`charset = "utf8mb4"`)
			f.add("")
			f.add("[General]")
			sl := g.s(hexd, 32)
			f.add(`salt = "`+sl+`"`, h15gen(sl))
			f.add(`trusted_hosts[] = "stats.` + g.pick(h20orgs...) + `"`)
			f.add(`force_ssl = 1`)
			f.add("")
			f.add("[mail]")
			f.add(`transport = "smtp"`)
			f.add(`host = "` + g.h20host() + `"`)
			ru := "stats@" + g.pick(h20orgs...)
			f.add(`username = "`+ru+`"`, neutral("role-email", ru))
			mp, mps := g.h20pvNo(`"\`)
			f.add(`password = "`+mp+`"`, mps...)
			f.add("")
			f.add("[Plugins]")
			f.add(`Plugins[] = "CoreHome"`)
			f.add("")
			f.add("; cron: ./console core:archive --url=https://stats." + g.pick(h20orgs...))
			ta := g.s(hexd, 32)
			f.add("; report link: https://stats."+g.pick(h20orgs...)+"/index.php?module=API&method=VisitsSummary.get&idSite="+fmt.Sprint(1+g.r.IntN(9))+"&period=day&date=today&format=JSON&token_auth="+ta, h15gen(ta))
			e := g.h20email()
			f.add("; superuser: "+e, h15mail(e))
		}},
		template{"analytics", "plausible-umami.env", func(g *gen, f *file) {
			f.add("# plausible-conf.env")
			f.add("BASE_URL=https://plausible." + g.pick(h20orgs...))
			kb := base64.StdEncoding.EncodeToString(g.h16bytes(48))
			f.add("SECRET_KEY_BASE="+kb, h15gen(kb))
			tv := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add("TOTP_VAULT_KEY="+tv, h15gen(tv))
			dp := g.h20passNo(`@:/?#'"\ %$` + "`")
			f.add("DATABASE_URL=postgres://postgres:"+dp+"@plausible_db:5432/plausible_db", h15pw(dp))
			f.add("CLICKHOUSE_DATABASE_URL=http://plausible_events_db:8123/plausible_events_db")
			me := "stats@" + g.pick(h20orgs...)
			f.add("MAILER_EMAIL="+me, neutral("role-email", me))
			f.add("SMTP_HOST_ADDR=" + g.h20host())
			sp, sps := g.h20pvNo(` '"$#` + "`\\")
			f.add("SMTP_USER_PWD="+sp, sps...)
			f.add("GOOGLE_CLIENT_ID=" + g.s(digits, 12) + "-" + g.s(lower+digits, 32) + ".apps.googleusercontent.com")
			gs := "GOCSPX-" + g.s(urlb64, 28)
			f.add("GOOGLE_CLIENT_SECRET="+gs, secret("google", gs))
			f.add("")
			f.add("# umami/.env")
			up := g.h20passNo(`@:/?#'"\ %$` + "`")
			f.add("DATABASE_URL=postgresql://umami:"+up+"@db:5432/umami", h15pw(up))
			as := g.h20rand()
			f.add("APP_SECRET="+as, h15gen(as))
			f.add("TRACKER_SCRIPT_NAME=stats.js")
			f.add(`# <script defer src="https://umami.` + g.pick(h20orgs...) + `/script.js" data-website-id="` + g.h5uuid() + `"></script>`)
			e := g.h20email()
			f.add("# admin: "+e, h15mail(e))
		}},
	},
}
