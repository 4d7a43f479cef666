package main

import (
	"fmt"
	"strings"
)

// held22Families pairs each family's two shapes: a goes to held22a, b to held22b.
var held22Families = []struct{ a, b template }{
	{h22JCAMP, h22H5Dump},
	{h22FITS, h22INDI},
	{h22Cloginrc, h22Expect},
	{h22LEDES98B, h22LEDESXML},
	{h22BAI2, h22BankConnector},
	{h22TaskData, h22FMISProps},
	{h22OCPPLog, h22ChargePointINI},
	{h22WeewxConf, h22PWSLog},
	{h22MailmanCfg, h22SympaConf},
	{h22RTFMemo, h22GroffMemo},
	{h22FirebirdSQL, h22InformixUNL},
	{h22AutoHotkey, h22AutoIt},
	{h22MirthProps, h22MirthChannel},
	{h22EdxLMS, h22Chamilo},
	{h22CasparCG, h22MOS},
	{h22Stencil, h22ShopwareEnv},
	{h22Cirrus, h22Earthfile},
	{h22Greengrass, h22IoTEdge},
	{h22VoicemailEML, h22VisualVoicemail},
	{h22ClassCSV, h22IMessageTxt},
}

var held22aTemplates, held22bTemplates = halves(held22Families)

// ---- spectroscopy data ----

var h22JCAMP = template{"spectroscopy", "sample_ir.jdx", func(g *gen, f *file) {
	f.add("##TITLE=" + g.pick("FTIR ATR polystyrene film", "Raman 785nm sample B-12", "NIR grain moisture batch "+g.s(digits, 4)))
	f.add("##JCAMP-DX=5.01")
	f.add("##DATA TYPE=INFRARED SPECTRUM")
	f.add("##ORIGIN=" + g.pick("Tampere Spectro Lab", "Recife Quimica Analitica", "Haifa Materials Core"))
	first, last := g.h22name()
	f.add("##OWNER=" + first + " " + last)
	em := g.h22email()
	f.add("##$OPERATOR EMAIL="+em, h15mail(em))
	f.add("##LONG DATE=" + strings.ReplaceAll(g.h22date(), "-", "/") + " 10:42:17")
	f.add("##SPECTROMETER/DATA SYSTEM=" + g.pick("Bruker ALPHA II", "Thermo Nicolet iS50", "Agilent Cary 630") + " fw " + g.h22ver())
	f.add("##$SERIAL=" + g.s(upperD, 10))
	up, ups := g.h22gv()
	f.add("##$LIMS UPLOAD KEY="+up, ups...)
	if g.r.IntN(2) == 0 {
		pw, ps := g.h22ppv()
		f.add("##$INSTRUMENT PC PASSWORD="+pw, ps...)
	}
	dsn, dp := g.h22dsn("postgresql")
	f.add("##$ARCHIVE DSN="+dsn, dp)
	sum := g.s(hexd, 32)
	f.add("##$FILE MD5="+sum, neutral("hash", sum))
	f.add("##XUNITS=1/CM")
	f.add("##YUNITS=ABSORBANCE")
	f.add(fmt.Sprintf("##FIRSTX=%d", 400+g.r.IntN(200)))
	f.add("##LASTX=4000")
	f.add("##XFACTOR=1.0")
	f.add("##YFACTOR=0.000001")
	f.add("##NPOINTS=1868")
	f.add("##XYDATA=(X++(Y..Y))")
	x := 400
	for i := 0; i < 6+g.r.IntN(6); i++ {
		f.add(fmt.Sprintf("%d %d %d %d %d %d", x, g.r.IntN(900000), g.r.IntN(900000), g.r.IntN(900000), g.r.IntN(900000), g.r.IntN(900000)))
		x += 5
	}
	f.add("##END=")
}}

var h22H5Dump = template{"spectroscopy", "run_0042.h5dump.txt", func(g *gen, f *file) {
	f.add(`HDF5 "run_` + g.s(digits, 4) + `.h5" {`)
	f.add(`GROUP "/" {`)
	attr := func(name, v string, ps ...plant) {
		f.add(`   ATTRIBUTE "` + name + `" {`)
		f.add(`      DATATYPE  H5T_STRING {`)
		f.add(`         STRSIZE ` + fmt.Sprint(max(1, len(v))) + `;`)
		f.add(`      }`)
		f.add(`      DATASPACE  SCALAR`)
		f.add(`      DATA {`)
		f.add(`      (0): "`+v+`"`, ps...)
		f.add(`      }`)
		f.add(`   }`)
	}
	attr("instrument", g.pick("Orbitrap Exploris 480", "timsTOF Pro 2", "Xevo G3 QTof"))
	first, last := g.h22name()
	attr("operator", first+" "+last)
	em := g.h22email()
	attr("operator_email", em, h15mail(em))
	ph := g.h22phone()
	attr("operator_mobile", ph, h15tel(ph))
	attr("software_version", g.h22ver())
	k, ks := g.h22tv()
	attr(g.pick("cloud_sync_token", "upload_token", "sync_api_key"), k, ks...)
	s3 := g.s(b64, 40)
	attr("s3_secret_access_key", s3, h15gen(s3))
	id := g.h5uuid()
	attr("acquisition_uuid", id, neutral("id", id))
	h := g.s(hexd, 64)
	attr("raw_sha256", h, neutral("hash", h))
	pw, ps := g.h22pv()
	attr(g.pick("nas_password", "smb_passwort", "kennwort_archiv"), pw, ps...)
	f.add(`   DATASET "spectrum" {`)
	f.add(`      DATATYPE  H5T_IEEE_F64LE`)
	f.add(`      DATASPACE  SIMPLE { ( 4096 ) / ( 4096 ) }`)
	f.add(`      DATA {`)
	f.add(fmt.Sprintf(`      (0): %d.%d, %d.%d, %d.%d, %d.%d,`, g.r.IntN(99), g.r.IntN(999), g.r.IntN(99), g.r.IntN(999), g.r.IntN(99), g.r.IntN(999), g.r.IntN(99), g.r.IntN(999)))
	f.add(`      }`)
	f.add(`   }`)
	f.add(`}`)
	f.add(`}`)
}}

// ---- observatories ----

// h22card is one 80-column FITS header card.
func h22card(key, val, comment string) string {
	c := fmt.Sprintf("%-8.8s= %20s", key, val)
	if comment != "" {
		c += " / " + comment
	}
	return fmt.Sprintf("%-80.80s", c)
}

// h22cardStr is a card with a string value, quoted and left-justified from column 11.
func h22cardStr(key, val, comment string) string {
	c := fmt.Sprintf("%-8.8s= %-20s", key, fmt.Sprintf("'%-8s'", val))
	if comment != "" {
		c += " / " + comment
	}
	return fmt.Sprintf("%-80.80s", c)
}

var h22FITS = template{"observatory", "m42_l_300s.fits.hdr", func(g *gen, f *file) {
	f.add(h22card("SIMPLE", "T", "file does conform to FITS standard"))
	f.add(h22card("BITPIX", "16", "number of bits per data pixel"))
	f.add(h22card("NAXIS", "2", "number of data axes"))
	f.add(h22card("NAXIS1", fmt.Sprint(4096+g.r.IntN(2000)), "length of data axis 1"))
	f.add(h22card("NAXIS2", fmt.Sprint(3000+g.r.IntN(1500)), "length of data axis 2"))
	f.add(h22cardStr("DATE-OBS", g.h22date()+"T02:11:09", "UTC start of exposure"))
	f.add(h22card("EXPTIME", "300.0", "[s] exposure time"))
	f.add(h22cardStr("TELESCOP", g.pick("PlaneWave CDK20", "Celestron C14", "RC16"), ""))
	f.add(h22cardStr("INSTRUME", g.pick("ZWO ASI6200MM", "QHY600M", "FLI ML16803"), ""))
	first, last := g.h22name()
	f.add(h22cardStr("OBSERVER", first+" "+last, ""))
	em := g.h22email()
	f.add(h22cardStr("OBSEMAIL", em, "observer contact"), h15mail(em))
	f.add(h22cardStr("SWCREATE", "N.I.N.A. "+g.h22ver(), ""))
	pw := g.h22plain()
	if len(pw) > 18 {
		pw = pw[:18]
	}
	f.add(h22cardStr("ROOFPASS", pw, "dome controller pw"), h15pw(pw))
	f.add(h22cardStr("CHECKSUM", g.s(upperD, 16), "HDU checksum"))
	f.add(h22cardStr("DATASUM", fmt.Sprint(g.r.Uint32()), "data unit checksum"))
	f.add(fmt.Sprintf("%-80s", "COMMENT   plate solved by ASTAP, upload via astrometry.net"))
	k := g.s(lower, 16)
	f.add(fmt.Sprintf("%-80s", "HISTORY   nova api key "+k), h15gen(k))
	f.add(fmt.Sprintf("%-80s", "HISTORY   archive sync "+g.h22ts()))
	f.add(fmt.Sprintf("%-80s", "END"))
}}

var h22INDI = template{"observatory", "indi_dome_config.xml", func(g *gen, f *file) {
	f.add(`<INDIDriver>`)
	f.add(`<newSwitchVector device="` + g.pick("Dome Scripting Gateway", "MaxDome II", "Talon6") + `" name="CONNECTION">`)
	f.add(`    <oneSwitch name="CONNECT">On</oneSwitch>`)
	f.add(`</newSwitchVector>`)
	f.add(`<newTextVector device="Observatory" name="DEVICE_ADDRESS">`)
	f.add(`    <oneText name="ADDRESS">` + g.h22host() + `</oneText>`)
	f.add(`    <oneText name="PORT">` + fmt.Sprint(7624+g.r.IntN(10)) + `</oneText>`)
	f.add(`</newTextVector>`)
	f.add(`<newTextVector device="Observatory" name="WEB_CREDENTIALS">`)
	f.add(`    <oneText name="USERNAME">` + g.h22user() + `</oneText>`)
	pw, ps := g.h22pv()
	f.add(`    <oneText name="PASSWORD">`+h21xml(pw)+`</oneText>`, h21xmlPs(ps)...)
	f.add(`</newTextVector>`)
	f.add(`<newTextVector device="Weather Watcher" name="WEATHER_API">`)
	wk, wks := g.h22gv()
	f.add(`    <oneText name="API_KEY">`+h21xml(wk)+`</oneText>`, h21xmlPs(wks)...)
	f.add(`</newTextVector>`)
	f.add(`<newTextVector device="Alerts" name="NOTIFY">`)
	tk, tks := g.h22tv()
	f.add(`    <oneText name="WEBHOOK_TOKEN">`+h21xml(tk)+`</oneText>`, h21xmlPs(tks)...)
	ph := g.h22phone()
	f.add(`    <oneText name="SMS_TO">`+ph+`</oneText>`, h15tel(ph))
	f.add(`</newTextVector>`)
	f.add(`<newNumberVector device="Observatory" name="GEOGRAPHIC_COORD">`)
	f.add(fmt.Sprintf(`    <oneNumber name="LAT">%d.%04d</oneNumber>`, -40+g.r.IntN(80), g.r.IntN(10000)))
	f.add(fmt.Sprintf(`    <oneNumber name="LONG">%d.%04d</oneNumber>`, g.r.IntN(360), g.r.IntN(10000)))
	f.add(`</newNumberVector>`)
	id := g.h5uuid()
	f.add(`<!-- profile `+id+` saved by ekos `+g.h22ver()+` -->`, neutral("id", id))
	f.add(`</INDIDriver>`)
}}

// ---- network automation ----

var h22Cloginrc = template{"netauto", "dot_cloginrc", func(g *gen, f *file) {
	f.add("# .cloginrc -- RANCID login configuration, mode 600")
	f.add("# first match wins; keep specific hosts above the globs")
	for i := 0; i < 3+g.r.IntN(3); i++ {
		host := g.pick("core", "dist", "fw", "edge", "sw") + fmt.Sprint(1+g.r.IntN(20)) + "." + g.pick(h22orgs...)
		f.add("add user " + host + " " + g.h22user())
		p1, p2 := g.h22plain(), g.h22plain()
		if g.r.IntN(5) == 0 {
			f.add("add password "+host+" {"+p1+"}", h15pw(p1))
		} else {
			f.add("add password "+host+" {"+p1+"} {"+p2+"}", h15pw(p1), h15pw(p2))
		}
		f.add("add method " + host + " " + g.pick("ssh", "{ssh telnet}", "ssh:2222"))
	}
	f.add("add autoenable *.oob." + g.pick(h22orgs...) + " 1")
	sp := g.h22plain()
	f.add("add password *.oob.* {"+sp+"}", h15pw(sp))
	f.add("add noenable *.fw.* {1}")
	f.add("add sshcmd * {ssh -o KexAlgorithms=+diffie-hellman-group14-sha1}")
	f.add("add identity * /var/lib/rancid/.ssh/id_ed25519")
	f.add("add user * {rancid}")
	f.add("add password * {changeme} {changeme}")
	fp := "SHA256:" + g.s(b64[:64], 43)
	f.add("# host key of core1: "+fp, neutral("hash", fp))
}}

var h22Expect = template{"netauto", "backup_switches.exp", func(g *gen, f *file) {
	f.add("#!/usr/bin/expect -f")
	f.add("# nightly config pull; called from cron with the switch list")
	f.add("set timeout 30")
	u := g.h22user()
	f.add("set user " + u)
	pw, ps := g.h22ppv()
	f.add(`set pass "`+pw+`"`, ps...)
	en := g.h22plain()
	f.add(`set enable_secret "`+en+`"`, h15pw(en))
	tk, tks := g.h22tv()
	f.add(`set env(NETBOX_TOKEN) "`+tk+`"`, tks...)
	f.add("foreach host [split [exec cat /etc/switches.txt] \"\\n\"] {")
	f.add(`    spawn ssh -o StrictHostKeyChecking=no $user@$host`)
	f.add(`    expect "assword:"`)
	f.add(`    send "$pass\r"`)
	f.add(`    expect ">"`)
	f.add(`    send "enable\r"`)
	f.add(`    expect "Password:"`)
	f.add(`    send "$enable_secret\r"`)
	f.add(`    expect "#"`)
	f.add(`    send "terminal length 0\r"`)
	f.add(`    send "show running-config\r"`)
	f.add(`    expect "#"`)
	f.add(`    send "exit\r"`)
	f.add(`}`)
	if g.r.IntN(2) == 0 {
		lit := g.h22plain()
		f.add(`spawn scp backups.tgz archive@` + g.h22host() + `:/srv/net/`)
		f.add(`expect "password:" { send "`+lit+`\r" }`, h15pw(lit))
	}
	noc := g.pick("noc@", "netops@") + g.pick(h22orgs...)
	f.add("# notify: "+noc, neutral("email", noc))
	ph := g.h22phone()
	f.add("# on-call: "+ph, h15tel(ph))
	f.add("expect eof")
}}

// ---- legal billing ----

var h22LEDES98B = template{"legalbilling", "invoice_ledes98b.txt", func(g *gen, f *file) {
	f.add("LEDES1998B[]")
	f.add("INVOICE_DATE|INVOICE_NUMBER|CLIENT_ID|LAW_FIRM_MATTER_ID|INVOICE_TOTAL|BILLING_START_DATE|BILLING_END_DATE|INVOICE_DESCRIPTION|LINE_ITEM_NUMBER|EXP/FEE/INV_ADJ_TYPE|LINE_ITEM_NUMBER_OF_UNITS|LINE_ITEM_ADJUSTMENT_AMOUNT|LINE_ITEM_TOTAL|LINE_ITEM_DATE|LINE_ITEM_TASK_CODE|LINE_ITEM_EXPENSE_CODE|LINE_ITEM_ACTIVITY_CODE|TIMEKEEPER_ID|LINE_ITEM_DESCRIPTION|LAW_FIRM_ID|LINE_ITEM_UNIT_COST|TIMEKEEPER_NAME|TIMEKEEPER_CLASSIFICATION|CLIENT_MATTER_ID[]")
	inv, cl, mat := g.s(digits, 6), "C"+g.s(digits, 5), g.s(digits, 4)+"-"+g.s(digits, 3)
	ein := fmt.Sprintf("%02d-%07d", 10+g.r.IntN(89), g.r.IntN(1e7))
	tkFirst, tkLast := g.h22name()
	for i := 1; i <= 5+g.r.IntN(5); i++ {
		var desc string
		var ps []plant
		switch g.r.IntN(7) {
		case 0:
			pw := g.h22plain()
			desc, ps = "Access opposing counsel data room (password "+pw+" received by phone); review production volume 3", []plant{h15pw(pw)}
		case 1:
			ib := g.h22iban()
			desc, ps = "Prepare settlement transfer instructions to claimant account "+ib, []plant{h15ib(ib)}
		case 2:
			id := g.h22nid()
			desc, ps = "Verify identity of witness (ID "+id+") for deposition", []plant{h15id(id)}
		case 3:
			ph := g.h22phone()
			desc, ps = "Telephone conference with claimant at "+ph+" re: medical records", []plant{h15tel(ph)}
		case 4:
			em := g.h22email()
			desc, ps = "Draft and send e-mail to "+em+" regarding document hold notice", []plant{h15mail(em)}
		default:
			desc = g.pick("Review and analyze discovery responses", "Legal research re: statute of limitations", "Attend mediation session", "Revise motion to compel")
		}
		f.add(fmt.Sprintf("2026%02d%02d|%s|%s|%s|%d.%02d|20260101|20260131|Professional services|%d|F|%d.%d|0.00|%d.00|2026%02d%02d|L%d||%s|%s|%s|%s|%d.00|%s, %s|%s|%s[]", 1+g.r.IntN(12), 1+g.r.IntN(28), inv, cl, mat, 1000+g.r.IntN(90000), g.r.IntN(100), i, g.r.IntN(8), g.r.IntN(10), 100+g.r.IntN(4000), 1+g.r.IntN(12), 1+g.r.IntN(28), 100+10*g.r.IntN(60), g.pick("A101", "A102", "A103", "A104"), g.s(upperD, 4), desc, ein, 150+g.r.IntN(600), tkLast, tkFirst, g.pick("PT", "AS", "PL"), mat), ps...)
	}
}}

var h22LEDESXML = template{"legalbilling", "invoice_ledes2.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<ledesxml xmlns="http://www.ledes.org/ledes2" version="2.1">`)
	f.add(`  <firm>`)
	f.add(`    <lf_vendor_id>` + g.s(digits, 9) + `</lf_vendor_id>`)
	f.add(`    <firm_name>` + g.pick("Van Dijk &amp; Bakker Advocaten", "Rojas Fuentes Abogados", "Okafor &amp; Eze LP") + `</firm_name>`)
	ad := g.h22addr()
	f.add(`    <address_1>`+h21xml(ad)+`</address_1>`, neutral("address", h21xml(ad)))
	first, last := g.h22name()
	f.add(`    <contact_name>` + h21xml(first+" "+last) + `</contact_name>`)
	ph := g.h22phone()
	f.add(`    <contact_phone>`+ph+`</contact_phone>`, h15tel(ph))
	em := g.h22email()
	f.add(`    <contact_email>`+em+`</contact_email>`, h15mail(em))
	f.add(`    <client>`)
	f.add(`      <cl_id>C` + g.s(digits, 5) + `</cl_id>`)
	f.add(`      <invoice>`)
	f.add(`        <inv_id>` + g.s(digits, 6) + `</inv_id>`)
	f.add(`        <inv_date>` + g.h22date() + `</inv_date>`)
	f.add(`        <matter>`)
	f.add(`          <cl_matter_id>` + g.s(digits, 4) + `</cl_matter_id>`)
	for i := 0; i < 3+g.r.IntN(3); i++ {
		f.add(`          <fee>`)
		f.add(`            <fee_id>` + fmt.Sprint(i+1) + `</fee_id>`)
		var desc string
		var ps []plant
		switch g.r.IntN(5) {
		case 0:
			pw := g.h22pass()
			desc, ps = "Login to client HR portal (user "+g.h22user()+", pw "+pw+") to download personnel file", []plant{h15pw(pw)}
		case 1:
			c := g.card(true)
			desc, ps = "Pay court filing fee with firm card "+c, []plant{h15cc(c)}
		case 2:
			pp := g.h22passport()
			desc, ps = "Review expert witness travel documents, passport "+pp, []plant{{family: "passport", kind: "pii", value: pp}}
		default:
			desc = g.pick("Draft reply brief", "Conference with client regarding strategy", "Review deposition transcript")
		}
		f.add(`            <fee_desc>`+h21xml(desc)+`</fee_desc>`, h21xmlPs(ps)...)
		f.add(fmt.Sprintf(`            <units>%d.%d</units>`, g.r.IntN(6), g.r.IntN(10)))
		f.add(`          </fee>`)
	}
	f.add(`        </matter>`)
	f.add(`      </invoice>`)
	f.add(`    </client>`)
	tk, tks := g.h22tv()
	f.add(`    <!-- e-billing upload token: `+tk+` -->`, tks...)
	f.add(`  </firm>`)
	f.add(`</ledesxml>`)
}}

// ---- treasury bank files ----

var h22BAI2 = template{"treasury", "prior_day.bai", func(g *gen, f *file) {
	f.add(fmt.Sprintf("01,%s,%s,26%02d%02d,0600,%d,80,1,2/", g.s(digits, 9), g.pick("TREASURYCO", "ADAMACOLL"), 1+g.r.IntN(12), 1+g.r.IntN(28), 1+g.r.IntN(9)))
	f.add(fmt.Sprintf("02,%s,%s,1,26%02d%02d,,USD,2/", g.pick("TREASURYCO", "ADAMACOLL"), g.s(digits, 9), 1+g.r.IntN(12), 1+g.r.IntN(28)))
	acct := g.s(digits, 10)
	f.add(fmt.Sprintf("03,%s,USD,010,%d,,,015,%d,,/", acct, g.r.IntN(9e7), g.r.IntN(9e7)))
	for i := 0; i < 4+g.r.IntN(4); i++ {
		f.add(fmt.Sprintf("16,%s,%d,0,%s,%s,/", g.pick("195", "495", "165", "475"), g.r.IntN(5e6), g.s(digits, 12), g.s(upperD, 10)))
		first, last := g.h22name()
		switch g.r.IntN(3) {
		case 0:
			ib := g.h22iban()
			f.add("88,WIRE OUT BNF="+strings.ToUpper(first+" "+last)+" BNF ACCT="+ib+" OBI=PAYROLL ADVANCE", h15ib(ib))
		case 1:
			id := g.h22nid()
			f.add("88,ACH CREDIT ORIG CO NAME=PAYROLL IND NAME="+strings.ToUpper(last)+" IND ID="+id, h15id(id))
		default:
			ref := g.h5uuid()
			f.add("88,REMITTANCE REF="+ref, neutral("id", ref))
		}
	}
	f.add(fmt.Sprintf("49,%d,%d/", g.r.IntN(9e8), 10+g.r.IntN(20)))
	f.add(fmt.Sprintf("98,%d,1,%d/", g.r.IntN(9e8), 12+g.r.IntN(20)))
	f.add(fmt.Sprintf("99,%d,1,%d/", g.r.IntN(9e8), 14+g.r.IntN(20)))
}}

var h22BankConnector = template{"treasury", "bank_sftp_connector.yml", func(g *gen, f *file) {
	f.add("# treasury bank connectivity: statement pull and payment push")
	f.add("connector:")
	f.add("  name: " + g.pick("bofa-cashpro", "jpm-access", "wells-ceo", "itau-sftp"))
	f.add("  schedule: \"0 6 * * 1-5\"")
	f.add("  sftp:")
	f.add("    host: " + g.h22host())
	f.add("    port: 22")
	f.add("    username: " + g.h22user())
	pw, ps := g.h22pv()
	f.add("    password: \""+pw+"\"", ps...)
	fp := "SHA256:" + g.s(b64[:64], 43)
	f.add("    host_key_fingerprint: \""+fp+"\"", neutral("hash", fp))
	f.add("  pgp:")
	f.add("    bank_public_key_id: \"0x" + strings.ToUpper(g.s(hexd, 16)) + "\"")
	pp := g.h22pass()
	f.add("    private_key_passphrase: \""+pp+"\"", h15pw(pp))
	f.add("    private_key: |")
	g.h22pemIn(f, "      ", "")
	f.add("  api:")
	f.add("    base_url: https://api." + g.pick(h22orgs...) + "/treasury/v1")
	cid := g.h5uuid()
	f.add("    client_id: "+cid, neutral("id", cid))
	cs, css := g.h22gv()
	f.add("    client_secret: \""+cs+"\"", css...)
	f.add("  alerts:")
	em := g.h22email()
	f.add("    analyst_email: "+em, h15mail(em))
	ph := g.h22phone()
	f.add("    analyst_phone: \""+ph+"\"", h15tel(ph))
	f.add("  formats: [BAI2, MT940, CAMT053]")
}}

// ---- precision agriculture ----

var h22TaskData = template{"agriculture", "TASKDATA.XML", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<ISO11783_TaskData VersionMajor="4" VersionMinor="3" ManagementSoftwareManufacturer="` + g.pick("AgroSync", "FarmWorks", "CampoNet") + `" ManagementSoftwareVersion="` + g.h22ver() + `" DataTransferOrigin="1">`)
	first, last := g.h22name()
	ph, em := g.h22phone(), g.h22email()
	mob := g.h22phone()
	f.add(`<CTR A="CTR1" B="`+h21xml(last)+`" C="`+h21xml(first)+`" F="`+g.s(digits, 5)+`" G="`+g.pick("Valdivia", "Konya", "Adama", "Recife")+`" J="`+ph+`" K="`+mob+`" M="`+em+`"/>`, h15tel(ph), h15tel(mob), h15mail(em))
	f.add(`<FRM A="FRM1" B="` + g.pick("Fundo Los Robles", "Çiftlik Meram", "Boerderij De Linde") + `" I="CTR1"/>`)
	for i := 1; i <= 2+g.r.IntN(3); i++ {
		wf, wl := g.h22name()
		lic := g.s(upperD[:26], 1) + g.s(digits, 7+g.r.IntN(3))
		wph := g.h22phone()
		f.add(fmt.Sprintf(`<WKR A="WKR%d" B="%s" C="%s" K="%s" N="%s"/>`, i, h21xml(wl), h21xml(wf), wph, lic), h15tel(wph), plant{family: "driver-licence", kind: "pii", value: lic})
	}
	for i := 1; i <= 3+g.r.IntN(4); i++ {
		f.add(fmt.Sprintf(`<PFD A="PFD%d" C="Lote %d" D="%d" E="CTR1" F="FRM1"/>`, i, i, 10000+g.r.IntN(900000)))
	}
	f.add(`<TSK A="TSK1" B="Spraying ` + g.h22date() + `" C="CTR1" D="FRM1" E="PFD1" G="1">`)
	f.add(`<WAN A="WKR1"/>`)
	f.add(`<TIM A="` + g.h22ts() + `" D="4"/>`)
	f.add(`</TSK>`)
	id := g.h5uuid()
	f.add(`<!-- export `+id+` -->`, neutral("id", id))
	f.add(`</ISO11783_TaskData>`)
}}

var h22FMISProps = template{"agriculture", "fmis_sync.properties", func(g *gen, f *file) {
	f.add("# Farm management sync service")
	f.add("# generated " + g.h22ts())
	f.add("deere.api.base=https://sandboxapi.deere.com/platform")
	dcid := g.s(alnum, 24)
	f.add("deere.oauth.client-id="+dcid, neutral("id", dcid))
	cs, css := g.h22gv()
	f.add("deere.oauth.client-secret="+cs, css...)
	rt := g.s(urlb64, 60)
	f.add("deere.oauth.refresh-token="+rt, h15gen(rt))
	f.add("climate.fieldview.api-key=" + g.pick("", "${CLIMATE_KEY}"))
	mq := g.h22plain()
	f.add("telemetry.mqtt.url=ssl://" + g.h22host() + ":8883")
	f.add("telemetry.mqtt.username=" + g.h22user())
	f.add("telemetry.mqtt.password="+mq, h15pw(mq))
	dsn, dp := g.h22dsn("postgresql")
	f.add("spring.datasource.url=jdbc:"+dsn, dp)
	tk, tks := g.h22tv()
	f.add("alerts.webhook.token="+tk, tks...)
	em := g.h22email()
	f.add("farm.owner.email="+em, h15mail(em))
	ph := g.h22phone()
	f.add("farm.owner.phone="+ph, h15tel(ph))
	f.add("farm.boundary.checksum=" + g.s(hexd, 40))
	f.add("app.version=" + g.h22ver())
	lpw := g.h22plain()
	f.add(g.pick("wachtwoord.portaal", "senha.portal", "contrasena.cooperativa", "parola.kooperatif")+"="+lpw, h15pw(lpw))
}}

// ---- EV charging ----

var h22OCPPLog = template{"evcharging", "ocpp_ws.log", func(g *gen, f *file) {
	cp := "CP-" + strings.ToUpper(g.s(lower, 3)) + "-" + g.s(digits, 4)
	ts := func() string { return g.h22ts()[:19] + "." + g.s(digits, 3) + "Z" }
	basic := base64StdUserPass(cp, g)
	f.add(ts()+" INFO  ws: connecting wss://"+g.h22host()+"/ocpp16/"+cp+" subprotocol=ocpp1.6 Authorization: Basic "+basic.value, basic)
	f.add(ts() + " INFO  ws: connected, tls=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384")
	mid := func() string { return g.h5uuid() }
	f.add(ts() + ` >> [2,"` + mid() + `","BootNotification",{"chargePointVendor":"` + g.pick("Alfen", "Wallbox", "ABB", "Zaptec") + `","chargePointModel":"` + g.pick("Eve Single", "Pulsar Plus", "Terra AC") + `","chargePointSerialNumber":"` + g.s(upperD, 12) + `","firmwareVersion":"` + g.h22ver() + `"}]`)
	f.add(ts() + ` << [3,"` + mid() + `",{"status":"Accepted","currentTime":"` + g.h22ts() + `","interval":300}]`)
	for i := 0; i < 2+g.r.IntN(3); i++ {
		tag := strings.ToUpper(g.s(hexd, 8+6*g.r.IntN(2)))
		f.add(ts()+` >> [2,"`+mid()+`","Authorize",{"idTag":"`+tag+`"}]`, neutral("id", tag))
		f.add(ts() + ` << [3,"` + mid() + `",{"idTagInfo":{"status":"` + g.pick("Accepted", "Blocked", "Invalid") + `"}}]`)
		f.add(fmt.Sprintf(`%s >> [2,"%s","MeterValues",{"connectorId":1,"transactionId":%d,"meterValue":[{"timestamp":"%s","sampledValue":[{"value":"%d","measurand":"Energy.Active.Import.Register","unit":"Wh"}]}]}]`, ts(), mid(), g.r.IntN(1e6), g.h22ts(), g.r.IntN(1e6)))
	}
	ak := g.s(hexd, 40)
	f.add(ts()+` << [2,"`+mid()+`","ChangeConfiguration",{"key":"AuthorizationKey","value":"`+ak+`"}]`, h15gen(ak))
	f.add(ts() + ` >> [3,"` + mid() + `",{"status":"Accepted"}]`)
	em, ph := g.h22email(), g.h22phone()
	f.add(ts()+` >> [2,"`+mid()+`","DataTransfer",{"vendorId":"com.konya-sarj","messageId":"driverProfile","data":"{\"email\":\"`+em+`\",\"phone\":\"`+ph+`\"}"}]`, h15mail(em), h15tel(ph))
	mask := g.pick("4", "5") + g.s(digits, 5) + "******" + g.s(digits, 4)
	f.add(ts()+` >> [2,"`+mid()+`","DataTransfer",{"vendorId":"payter","messageId":"receipt","data":"{\"maskedPan\":\"`+mask+`\",\"amount\":\"12.40\"}"}]`, neutral("card-masked", mask))
	tk, tks := g.h22tv()
	f.add(ts()+` DEBUG diag upload: curl -H "Authorization: Bearer `+tk+`" -F file=@diag.zip https://`+g.h22host()+`/diagnostics`, tks...)
	f.add(ts() + " INFO  ws: heartbeat interval 300s")
}}

// base64StdUserPass is HTTP Basic credentials of user with a fresh password.
func base64StdUserPass(user string, g *gen) plant {
	v := h15b64(user + ":" + g.h22pass())
	return h15pw(v)
}

var h22ChargePointINI = template{"evcharging", "chargepoint.ini", func(g *gen, f *file) {
	f.add("; charge point configuration export " + g.h22ts())
	f.add("[ocpp]")
	cp := "CP-" + g.s(digits, 6)
	f.add("ChargePointId=" + cp)
	f.add("CentralSystemURL=wss://" + g.h22host() + "/ocpp/")
	f.add("SecurityProfile=" + g.pick("1", "2", "3"))
	ak, aks := g.h22gv()
	f.add("AuthorizationKey="+ak, aks...)
	f.add("HeartbeatInterval=300")
	f.add("[network]")
	f.add("WifiSSID=" + g.pick("Depot-EV", "Garagem_Recarga", "Otopark"))
	psk := g.h22pass()
	f.add("WifiPSK="+psk, h15pw(psk))
	f.add("[modem]")
	f.add("APN=" + g.pick("iot.1nce.net", "m2m.vodafone.nl", "internet.turkcell"))
	f.add("APNUser=" + g.pick("", "m2m"))
	ap, aps := g.h22ppv()
	f.add("APNPassword="+ap, aps...)
	f.add("ICCID=89" + g.s(digits, 18))
	f.add("[webui]")
	f.add("AdminUser=admin")
	wp, wps := g.h22pv()
	f.add(g.pick("AdminPassword", "Passwort", "Sifre", "Wachtwoord")+"="+wp, wps...)
	pin := g.s(digits, 4)
	f.add("InstallerPIN="+pin, neutral("pin", pin))
	f.add("[backend]")
	tk, tks := g.h22tv()
	f.add("PaymentTerminalApiKey="+tk, tks...)
	f.add("FirmwareChecksum=sha256:" + g.s(hexd, 64))
	f.add("[owner]")
	first, last := g.h22name()
	f.add("Name=" + first + " " + last)
	em := g.h22email()
	f.add("Email="+em, h15mail(em))
	ib := g.h22iban()
	f.add("PayoutIBAN="+ib, h15ib(ib))
}}

// ---- weather stations ----

var h22WeewxConf = template{"weather", "weewx.conf", func(g *gen, f *file) {
	f.add("# WEEWX CONFIGURATION FILE")
	f.add("debug = 0")
	f.add("WEEWX_ROOT = /home/weewx")
	f.add("version = " + g.h22ver())
	f.add("[Station]")
	f.add("    location = \"" + g.pick("Cusco, Peru", "Hilo, Hawaii", "Tampere, Finland", "Adama, Ethiopia") + "\"")
	f.add(fmt.Sprintf("    latitude = %d.%03d", -30+g.r.IntN(90), g.r.IntN(1000)))
	f.add("    station_type = " + g.pick("Vantage", "FineOffsetUSB", "WeatherLink Live"))
	f.add("[StdRESTful]")
	f.add("    [[StationRegistry]]")
	f.add("        register_this_station = false")
	f.add("    [[AWEKAS]]")
	f.add("        enable = true")
	f.add("        username = " + g.h22user())
	pw, ps := g.h22ppv()
	f.add("        password = "+pw, ps...)
	f.add("    [[PWSweather]]")
	f.add("        station = " + strings.ToUpper(g.s(lower, 6)))
	pw2 := g.h22plain()
	f.add("        password = "+pw2, h15pw(pw2))
	f.add("    [[WOW]]")
	f.add("        station = " + g.h5uuid())
	wow := g.s(digits, 6)
	f.add("        password = "+wow, h15pw(wow))
	f.add("    [[Wunderground]]")
	f.add("        station = I" + strings.ToUpper(g.s(lower, 6)) + fmt.Sprint(g.r.IntN(20)))
	wu := g.h22plain()
	f.add("        password = "+wu, h15pw(wu))
	wk := g.s(hexd, 32)
	f.add("        api_key = "+wk, secret("wunderground", wk))
	f.add("        rapidfire = True")
	f.add("[StdReport]")
	f.add("    [[FTP]]")
	f.add("        user = " + g.h22user())
	fp, fps := g.h22pv()
	f.add("        password = \""+fp+"\"", fps...)
	f.add("        server = " + g.h22host())
	f.add("[DatabaseTypes]")
	f.add("    [[MySQL]]")
	f.add("        host = localhost")
	f.add("        user = weewx")
	mp := g.h22plain()
	f.add("        password = "+mp, h15pw(mp))
	f.add("[Alarm]")
	em := g.h22email()
	f.add("    mailto = "+em, h15mail(em))
	sp := g.h22plain()
	f.add("    smtp_password = "+sp, h15pw(sp))
}}

var h22PWSLog = template{"weather", "pws_upload_access.log", func(g *gen, f *file) {
	ip := func() string { return g.pubIP() }
	ts := func() string {
		return fmt.Sprintf("[%02d/%s/2026:%02d:%02d:%02d +0000]", 1+g.r.IntN(28), g.pick("Jan", "Mar", "Jun", "Sep", "Nov"), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
	}
	for i := 0; i < 5+g.r.IntN(4); i++ {
		var line string
		var ps []plant
		switch g.r.IntN(5) {
		case 0, 1:
			pw := g.h22plain()
			line = "GET /weatherstation/updateweatherstation.php?ID=I" + strings.ToUpper(g.s(lower, 6)) + "2&PASSWORD=" + pw + fmt.Sprintf("&dateutc=now&tempf=%d.%d&humidity=%d&action=updateraw HTTP/1.1", 30+g.r.IntN(60), g.r.IntN(10), g.r.IntN(100))
			ps = []plant{h15pw(pw)}
		case 2:
			k := g.s(digits, 6)
			line = "GET /automaticreading?siteid=" + g.h5uuid() + "&siteAuthenticationKey=" + k + "&dateutc=2026-03-01+10%3A00%3A00&softwaretype=weewx HTTP/1.1"
			ps = []plant{h15pw(k)}
		case 3:
			pk := strings.ToUpper(g.s(hexd, 32))
			line = "POST /data/report/ HTTP/1.1 PASSKEY=" + pk + "&stationtype=EasyWeatherPro_V5.1.1"
			ps = []plant{neutral("id", pk)}
		default:
			k := g.h22jwt()
			line = "GET /api/v2/update?station=0&apikey=" + k + "&temp=12.3 HTTP/1.1"
			ps = []plant{secret("jwt", k)}
		}
		f.add(ip()+" - - "+ts()+" \""+line+"\" 200 "+fmt.Sprint(g.r.IntN(40))+" \"-\" \""+g.pick("WeeWX/", "meteobridge/", "CumulusMX/")+g.h22ver()+"\"", ps...)
	}
	f.add(ip() + " - - " + ts() + " \"GET /weatherstation/updateweatherstation.php?ID=KXXTEST1&PASSWORD=PASSWORD&action=updateraw HTTP/1.1\" 401 12 \"-\" \"curl/8.5.0\"")
}}

// ---- mailing list managers ----

var h22MailmanCfg = template{"mailinglists", "mailman.cfg", func(g *gen, f *file) {
	f.add("# /etc/mailman3/mailman.cfg")
	f.add("[mailman]")
	f.add("layout: debian")
	em := g.h22email()
	f.add("site_owner: "+em, h15mail(em))
	f.add("[paths.debian]")
	f.add("var_dir: /var/lib/mailman3")
	f.add("[database]")
	f.add("class: mailman.database.postgresql.PostgreSQLDatabase")
	dsn, dp := g.h22dsn("postgres")
	f.add("url: "+dsn, dp)
	f.add("[webservice]")
	f.add("hostname: localhost")
	f.add("port: 8001")
	f.add("admin_user: restadmin")
	ap, aps := g.h22pv()
	f.add("admin_pass: "+ap, aps...)
	f.add("[mta]")
	f.add("incoming: mailman.mta.postfix.LMTP")
	f.add("smtp_host: " + g.h22host())
	f.add("smtp_user: " + g.h22user())
	sp, sps := g.h22pv()
	f.add("smtp_pass: "+sp, sps...)
	f.add("[archiver.hyperkitty]")
	f.add("class: mailman_hyperkitty.Archiver")
	f.add("enable: yes")
	f.add("configuration: /etc/mailman3/mailman-hyperkitty.cfg")
	f.add("# mailman-hyperkitty.cfg holds:")
	ak := g.h22rand()
	f.add("#   api_key: "+ak, h15gen(ak))
	f.add("[ARC]")
	f.add("enabled: no")
	f.add("privkey: /etc/mailman3/arc.pem")
}}

var h22SympaConf = template{"mailinglists", "sympa.conf", func(g *gen, f *file) {
	f.add("###\\\\\\\\ sympa.conf: global configuration ////")
	org := g.pick(h22orgs...)
	f.add("domain\tlists." + org)
	e1, e2 := g.h22email(), g.h22email()
	f.add("listmaster\t"+e1+","+e2, h15mail(e1), h15mail(e2))
	f.add("lang\t" + g.pick("fi", "pt-BR", "he", "nl", "es", "tr"))
	f.add("db_type\tPostgreSQL")
	f.add("db_host\t" + g.h22host())
	f.add("db_name\tsympa")
	f.add("db_user\tsympa")
	pw, ps := g.h22ppv()
	f.add("db_passwd\t"+pw, ps...)
	ck := g.s(alnum, 24+g.r.IntN(16))
	f.add("cookie\t"+ck, h15gen(ck))
	kp := g.h22plain()
	f.add("key_passwd\t"+kp, h15pw(kp))
	f.add("wwsympa_url\thttps://lists." + org + "/sympa")
	f.add("dkim_feature\ton")
	f.add("dkim_private_key_path\t/etc/sympa/dkim.key")
	f.add("dkim_selector\tsympa" + g.s(digits, 4))
	f.add("sympa_priority\t1")
	f.add("max_size\t5242880")
	f.add("# SOAP client for the portal")
	tk, tks := g.h22tv()
	f.add("# soap_trusted_app_token\t"+tk, tks...)
	f.add("log_level\t0")
}}

// ---- word processor documents ----

// h22rtfText escapes s for RTF: non-ASCII as \'hh in cp1252 where possible.
func h22rtfText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 128 {
			b.WriteRune(r)
		} else if r < 256 {
			fmt.Fprintf(&b, "\\'%02x", r)
		} else {
			fmt.Fprintf(&b, "\\u%d?", r)
		}
	}
	return b.String()
}

var h22RTFMemo = template{"wordproc", "handover_memo.rtf", func(g *gen, f *file) {
	first, last := g.h22name()
	f.add(`{\rtf1\ansi\ansicpg1252\deff0\nouicompat{\fonttbl{\f0\fnil\fcharset0 Calibri;}{\f1\fmodern Consolas;}}`)
	f.add(`{\info{\author ` + h22rtfText(first+" "+last) + `}{\creatim\yr2026\mo` + fmt.Sprint(1+g.r.IntN(12)) + `\dy` + fmt.Sprint(1+g.r.IntN(28)) + `}}`)
	f.add(`\viewkind4\uc1\pard\sa200\sl276\slmult1\f0\fs22\lang1033 {\b Handover memo \endash  ` + g.pick("IT operations", "Clinic front desk", "Finance") + `}\par`)
	f.add(`Prepared by ` + h22rtfText(first+" "+last) + ` before leave; please read and then delete.\par`)
	pw := g.h22pass()
	f.add(`Server room PC: local admin is {\f1 admin} / {\f1 `+pw+`}\par`, h15pw(pw))
	dsn, dp := g.h22dsn("mysql")
	f.add(`Reporting database: {\f1 `+dsn+`}\par`, dp)
	tk, tks := g.h22tv()
	f.add(`The integration token (do not share): {\f1 `+tk+`}\par`, tks...)
	ph := g.h22phone()
	f.add(`My mobile while away: `+ph+`\par`, h15tel(ph))
	id := g.h22nid()
	f.add(`Payroll needs my ID number `+id+` for the leave form.\par`, h15id(id))
	ib := g.h22iban()
	f.add(`Refund the deposit to `+ib+`.\par`, h15ib(ib))
	f.add(`Wi-Fi for guests is {\f1 changeme} until facilities rotate it.\par`)
	f.add(`Document checksum: ` + g.s(hexd, 40) + `\par`)
	f.add(`}`)
}}

var h22GroffMemo = template{"wordproc", "handover.ms", func(g *gen, f *file) {
	first, last := g.h22name()
	f.add(`.\" handover notes, format with: groff -ms -Tpdf handover.ms > handover.pdf`)
	f.add(`.TL`)
	f.add(g.pick("Operations handover", "Lab handover notes", "Front office handover"))
	f.add(`.AU`)
	f.add(first + " " + last)
	f.add(`.AI`)
	f.add(g.pick("Tampere Spectro Oy", "Recife Observatorio", "Enugu Health Services"))
	f.add(`.NH`)
	f.add(`Accounts`)
	f.add(`.PP`)
	u := g.h22user()
	f.add(`The backup service logs in as \f(CW` + u + `\fP.`)
	pw, ps := g.h22pv()
	f.add(`Its password is \f(CW`+pw+`\fP and lives in the safe too.`, ps...)
	f.add(`.IP \(bu 2`)
	k, ks := g.h22gv()
	f.add(`Monitoring shared secret: \f(CW`+k+`\fP`, ks...)
	f.add(`.IP \(bu 2`)
	tk, tks := g.h22tv()
	f.add(`Deploy token: \f(CW`+tk+`\fP`, tks...)
	f.add(`.NH`)
	f.add(`Contacts`)
	f.add(`.TS`)
	f.add(`tab(;);`)
	f.add(`l l l.`)
	for i := 0; i < 2+g.r.IntN(3); i++ {
		cf, cl := g.h22name()
		ph, em := g.h22phone(), g.h22email()
		f.add(cf+" "+cl+";"+ph+";"+em, h15tel(ph), h15mail(em))
	}
	f.add(`.TE`)
	f.add(`.PP`)
	f.add(`Version ` + g.h22ver() + `, build ` + g.s(hexd, 12) + `.`)
}}

// ---- niche databases ----

var h22FirebirdSQL = template{"nichedb", "create_users_fb.sql", func(g *gen, f *file) {
	f.add("/* Firebird 4 setup script, run with: isql -i create_users_fb.sql */")
	f.add("SET SQL DIALECT 3;")
	pw := g.h22plain()
	f.add("CONNECT '"+g.h22host()+":/srv/firebird/erp.fdb' USER 'SYSDBA' PASSWORD '"+pw+"';", h15pw(pw))
	for i := 0; i < 2+g.r.IntN(3); i++ {
		up, ups := g.h22ppv()
		f.add("CREATE OR ALTER USER "+strings.ToUpper(g.h22user())+fmt.Sprint(i)+" PASSWORD '"+up+"' USING PLUGIN Srp;", ups...)
	}
	f.add("COMMIT;")
	f.add("CREATE TABLE CUSTOMERS (ID INTEGER NOT NULL PRIMARY KEY, NAME VARCHAR(80), EMAIL VARCHAR(120), PHONE VARCHAR(30), TAX_ID VARCHAR(20));")
	for i := 0; i < 3+g.r.IntN(4); i++ {
		first, last := g.h22name()
		em, ph, id := g.h22email(), g.h22phone(), g.h22nid()
		f.add(fmt.Sprintf("INSERT INTO CUSTOMERS VALUES (%d, '%s', '%s', '%s', '%s');", 100+i, strings.ReplaceAll(first+" "+last, "'", "''"), em, ph, id), h15mail(em), h15tel(ph), h15id(id))
	}
	f.add("CREATE TABLE APP_SETTINGS (SKEY VARCHAR(40), SVALUE VARCHAR(400));")
	tk, tks := g.h22tv()
	f.add("INSERT INTO APP_SETTINGS VALUES ('"+g.pick("sms_gateway_token", "nfe_api_token", "erp_sync_key")+"', '"+tk+"');", tks...)
	h := g.s(hexd, 64)
	f.add("INSERT INTO APP_SETTINGS VALUES ('schema_hash', '"+h+"');", neutral("hash", h))
	f.add("INSERT INTO APP_SETTINGS VALUES ('smtp_password', '<set at install>');")
	f.add("COMMIT;")
}}

var h22InformixUNL = template{"nichedb", "users.unl", func(g *gen, f *file) {
	// UNLOAD TO 'users.unl' SELECT * FROM app_user: one row a line, fields ending in |
	for i := 0; i < 6+g.r.IntN(6); i++ {
		first, last := g.h22name()
		em, ph := g.h22email(), g.h22phone()
		var pwField string
		var ps []plant
		switch g.r.IntN(4) {
		case 0:
			pwField = "$6$" + g.s(b64[:62]+"./", 16) + "$" + g.s(b64[:62]+"./", 86)
			ps = []plant{neutral("hash", pwField)}
		case 1:
			pwField = ""
		default:
			pwField = g.h22plain()
			ps = []plant{h15pw(pwField)}
		}
		line := fmt.Sprintf("%d|%s|%s|%s|%s|%s|%s|%d|", 1000+i, strings.ToLower(first[:1]+last), last, first, em, ph, pwField, g.r.IntN(2))
		f.add(line, append(ps, h15mail(em), h15tel(ph))...)
	}
	c := g.card(false)
	f.add(fmt.Sprintf("%d|card_on_file|%s|%02d/%02d|||||", 9000+g.r.IntN(999), c, 1+g.r.IntN(12), 27+g.r.IntN(5)), h15cc(c))
	k := g.h22rand()
	batch := "batch@" + g.pick(h22orgs...)
	f.add("9999|svc_batch|Batch|Service|"+batch+"||"+k+"|1|", h15gen(k), neutral("email", batch))
}}

// ---- Windows automation ----

var h22AutoHotkey = template{"winauto", "login_helper.ahk", func(g *gen, f *file) {
	f.add("#Requires AutoHotkey v2.0")
	f.add("#SingleInstance Force")
	f.add("; hotkeys for the front desk PC")
	u := g.h22user()
	f.add(`user := "` + u + `"`)
	pw, ps := g.h22pv()
	f.add(`pass := "`+pw+`"`, ps...)
	f.add("^!l:: {")
	f.add(`    Send user "{Tab}"`)
	f.add(`    Send pass "{Enter}"`)
	f.add("}")
	sp := g.h22plain()
	f.add("::;pw::"+sp, h15pw(sp))
	em := g.h22email()
	f.add("::;em::"+em, h15mail(em))
	ph := g.h22phone()
	f.add("::;tel::"+ph, h15tel(ph))
	ib := g.h22iban()
	f.add("::;iban::"+ib, h15ib(ib))
	tk, tks := g.h22tv()
	f.add(`apiKey := "`+tk+`"`, tks...)
	f.add(`whr := ComObject("WinHttp.WinHttpRequest.5.1")`)
	f.add(`whr.Open("POST", "https://` + g.h22host() + `/v1/checkin", true)`)
	f.add(`whr.SetRequestHeader("Authorization", "Bearer " apiKey)`)
	f.add(`; build ` + g.s(hexd, 40))
	f.add(`RunAs "Administrator", "` + g.pick("${ADMIN_PW}", "changeme", "") + `"`)
}}

var h22AutoIt = template{"winauto", "deploy_client.au3", func(g *gen, f *file) {
	f.add("#include <MsgBoxConstants.au3>")
	f.add("#RequireAdmin")
	f.add("; silent install of the clinic client on new PCs")
	u := g.h22user()
	f.add(`Local $sUser = "` + u + `"`)
	pw, ps := g.h22pv()
	f.add(`Local $sPassword = "`+pw+`"`, ps...)
	f.add(`Local $sDomain = "` + strings.ToUpper(g.s(lower, 5)) + `"`)
	f.add(`RunAsWait($sUser, $sDomain, $sPassword, $RUN_LOGON_NETWORK, "msiexec /i \\fs01\deploy\client.msi /qn")`)
	lic := strings.ToUpper(g.s(alnum, 5) + "-" + g.s(alnum, 5) + "-" + g.s(alnum, 5) + "-" + g.s(alnum, 5))
	f.add(`Local $sLicense = "` + lic + `"`)
	k, ks := g.h22gv()
	f.add(`IniWrite(@ProgramFilesDir & "\Client\client.ini", "server", "shared_secret", "`+k+`")`, ks...)
	dsn, dp := g.h22dsn("sqlserver")
	f.add(`RegWrite("HKLM\SOFTWARE\Client", "Db", "REG_SZ", "`+dsn+`")`, dp)
	f.add(`Send("{F5}")`)
	em := g.h22email()
	f.add(`; maintainer: `+em, h15mail(em))
	f.add(`; version ` + g.h22ver() + ` sha1 ` + g.s(hexd, 40))
	if g.r.IntN(2) == 0 {
		f.add(`; key header kept for the signing step`)
		g.h22pemIn(f, "; ", "")
	}
	f.add(`MsgBox($MB_OK, "Deploy", "Done")`)
}}

// ---- healthcare integration engines ----

var h22MirthProps = template{"integration", "mirth.properties", func(g *gen, f *file) {
	f.add("# Mirth Connect configuration file")
	f.add("dir.appdata = appdata")
	f.add("http.port = 8080")
	f.add("https.port = 8443")
	f.add("keystore.path = ${dir.appdata}/keystore.jks")
	ks := g.h22plain()
	f.add("keystore.storepass = "+ks, h15pw(ks))
	kp := g.h22plain()
	f.add("keystore.keypass = "+kp, h15pw(kp))
	f.add("keystore.type = JCEKS")
	f.add("database = postgres")
	f.add("database.url = jdbc:postgresql://" + g.h22host() + ":5432/mirthdb")
	f.add("database.username = " + g.h22user())
	dp, dps := g.h22pv()
	f.add("database.password = "+dp, dps...)
	f.add("database.max-connections = 20")
	f.add("server.api.require-requested-with = true")
	f.add("configurationmap.location = database")
	f.add("# configuration map values exported for the DR site")
	tk, tks := g.h22tv()
	f.add("configmap.fax_api_token = "+tk, tks...)
	hl := g.h22rand()
	f.add("configmap.hie_shared_key = "+hl, h15gen(hl))
	em := g.h22email()
	f.add("configmap.alert_to = "+em, h15mail(em))
	f.add("encryption.algorithm = AES")
	f.add("digest.algorithm = SHA256")
	f.add("server.id = " + g.h5uuid())
}}

var h22MirthChannel = template{"integration", "channel_adt_outbound.xml", func(g *gen, f *file) {
	f.add(`<channel version="` + g.h22ver() + `">`)
	f.add(`  <id>` + g.h5uuid() + `</id>`)
	f.add(`  <name>ADT outbound to HIE</name>`)
	f.add(`  <sourceConnector version="4.5.0">`)
	f.add(`    <properties class="com.mirth.connect.connectors.jdbc.DatabaseReceiverProperties">`)
	f.add(`      <url>jdbc:sqlserver://` + g.h22host() + `:1433;databaseName=EHR</url>`)
	f.add(`      <username>` + g.h22user() + `</username>`)
	pw, ps := g.h22pv()
	f.add(`      <password>`+h21xml(pw)+`</password>`, h21xmlPs(ps)...)
	f.add(`    </properties>`)
	f.add(`  </sourceConnector>`)
	f.add(`  <destinationConnectors>`)
	f.add(`    <connector version="4.5.0">`)
	f.add(`      <properties class="com.mirth.connect.connectors.file.FileDispatcherProperties">`)
	f.add(`        <scheme>SFTP</scheme>`)
	f.add(`        <host>` + g.h22host() + `/inbound</host>`)
	f.add(`        <username>` + g.h22user() + `</username>`)
	sp, sps := g.h22pv()
	f.add(`        <password>`+h21xml(sp)+`</password>`, h21xmlPs(sps)...)
	f.add(`      </properties>`)
	f.add(`      <transformer>`)
	f.add(`        <steps>`)
	f.add(`          <step><script>`)
	tk, tks := g.h22tv()
	f.add(`channelMap.put('authHeader', 'Bearer `+h21xml(tk)+`');`, h21xmlPs(tks)...)
	f.add(`          </script></step>`)
	f.add(`        </steps>`)
	f.add(`        <inboundTemplate>`)
	first, last := g.h22name()
	id, ph := g.h22nid(), g.h22phone()
	f.add(`MSH|^~\&amp;|EHR|CLINIC|HIE|STATE|202601011200||ADT^A04|` + g.s(digits, 8) + `|P|2.5.1`)
	f.add(`PID|1||`+g.s(digits, 8)+`^^^MRN||`+h21xml(strings.ToUpper(last+"^"+first))+`||19`+g.s(digits, 2)+`0101|F|||`+h21xml(g.h22addr())+`||`+ph+`|||||`+id, h15tel(ph), h15id(id))
	f.add(`        </inboundTemplate>`)
	f.add(`      </transformer>`)
	f.add(`    </connector>`)
	f.add(`  </destinationConnectors>`)
	f.add(`  <exportData><metadata><lastModified><time>` + fmt.Sprint(1790000000000+g.r.IntN(1e10)) + `</time></lastModified></metadata></exportData>`)
	f.add(`</channel>`)
}}

// ---- learning platforms ----

var h22EdxLMS = template{"lms", "lms.yml", func(g *gen, f *file) {
	f.add("# /edx/etc/lms.yml")
	f.add("PLATFORM_NAME: " + g.pick("Adama Online", "Chinle Learn", "Apia Open Campus"))
	f.add("LMS_BASE: lms." + g.pick(h22orgs...))
	sk := g.s(alnum+"!@#%^*-_=+", 50)
	f.add("SECRET_KEY: '"+sk+"'", h15gen(sk))
	f.add("DATABASES:")
	f.add("  default:")
	f.add("    ENGINE: django.db.backends.mysql")
	f.add("    HOST: " + g.h22host())
	f.add("    NAME: edxapp")
	f.add("    USER: edxapp001")
	dp, dps := g.h22pv()
	f.add("    PASSWORD: '"+dp+"'", dps...)
	f.add("CONTENTSTORE:")
	f.add("  DOC_STORE_CONFIG:")
	mongo, mp := g.h22dsn("mongodb")
	f.add("    host: '"+mongo+"'", mp)
	ak := "AKIA" + g.s(b32, 16)
	f.add("AWS_ACCESS_KEY_ID: "+ak, secret("aws", ak))
	as := g.s(b64, 40)
	f.add("AWS_SECRET_ACCESS_KEY: "+as, secret("aws", as))
	f.add("EMAIL_HOST_USER: " + g.h22user())
	ep, eps := g.h22pv()
	f.add("EMAIL_HOST_PASSWORD: '"+ep+"'", eps...)
	f.add("SOCIAL_AUTH_OAUTH_SECRETS:")
	gs := "GOCSPX-" + g.s(urlb64, 28)
	f.add("  google-oauth2: "+gs, secret("google", gs))
	f.add("JWT_AUTH:")
	jw := g.s(alnum, 32)
	f.add("  JWT_SECRET_KEY: "+jw, h15gen(jw))
	f.add("  JWT_ISSUER: https://lms." + g.pick(h22orgs...) + "/oauth2")
	em := g.h22email()
	f.add("TECH_SUPPORT_EMAIL: "+em, h15mail(em))
	f.add("EDXAPP_VERSION: " + g.h22ver())
}}

var h22Chamilo = template{"lms", "configuration.php", func(g *gen, f *file) {
	f.add("<?php")
	f.add("// Chamilo main configuration, written by the installer")
	f.add("$_configuration['db_host'] = '" + g.h22host() + "';")
	f.add("$_configuration['db_port'] = '3306';")
	f.add("$_configuration['main_database'] = 'chamilo';")
	f.add("$_configuration['db_user'] = '" + g.h22user() + "';")
	pw, ps := g.h22pv()
	f.add("$_configuration['db_password'] = '"+pw+"';", ps...)
	f.add("$_configuration['root_web'] = 'https://campus." + g.pick(h22orgs...) + "/';")
	f.add("$_configuration['root_sys'] = '/var/www/chamilo/';")
	sk := g.s(hexd, 32)
	f.add("$_configuration['security_key'] = '"+sk+"';", h15gen(sk))
	f.add("$_configuration['password_encryption'] = 'bcrypt';")
	f.add("$_configuration['system_version'] = '" + g.h22ver() + "';")
	f.add("$_configuration['session_lifetime'] = 360000;")
	f.add("// mail")
	f.add("$platform_email['SMTP_HOST'] = '" + g.h22host() + "';")
	f.add("$platform_email['SMTP_USER'] = '" + g.h22user() + "';")
	sp, sps := g.h22pv()
	f.add("$platform_email['SMTP_PASS'] = '"+sp+"';", sps...)
	tk, tks := g.h22tv()
	f.add("$_configuration['webservice_token'] = '"+tk+"';", tks...)
	em := g.h22email()
	f.add("$_configuration['admin_email'] = '"+em+"';", h15mail(em))
	ph := g.h22phone()
	f.add("$_configuration['admin_phone'] = '"+ph+"';", h15tel(ph))
	f.add("$_configuration['bbb_secret'] = '" + g.pick("", "CHANGE-THIS") + "';")
}}

// ---- broadcast ----

var h22CasparCG = template{"broadcast", "casparcg.config", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	f.add(`<configuration>`)
	f.add(`  <paths>`)
	f.add(`    <media-path>media/</media-path>`)
	f.add(`    <template-path>template/</template-path>`)
	f.add(`  </paths>`)
	f.add(`  <channels>`)
	f.add(`    <channel>`)
	f.add(`      <video-mode>` + g.pick("1080i5000", "1080p5994", "720p5000") + `</video-mode>`)
	f.add(`      <consumers>`)
	f.add(`        <decklink><device>1</device><embedded-audio>true</embedded-audio></decklink>`)
	k := g.h22plain()
	url := "srt://" + g.h22host() + ":9000?mode=caller&passphrase=" + k
	f.add(`        <ffmpeg><path>`+h21xml(url)+`</path><args>-codec:v libx264 -f mpegts</args></ffmpeg>`, h15pw(k))
	sk := "live_" + g.s(digits, 9) + "_" + g.s(alnum, 30)
	f.add(`        <ffmpeg><path>rtmp://live.twitch.tv/app/`+sk+`</path></ffmpeg>`, secret("twitch", sk))
	f.add(`      </consumers>`)
	f.add(`    </channel>`)
	f.add(`  </channels>`)
	f.add(`  <controllers>`)
	f.add(`    <tcp><port>5250</port><protocol>AMCP</protocol></tcp>`)
	f.add(`  </controllers>`)
	f.add(`  <amcp>`)
	f.add(`    <media-server><host>` + g.h22host() + `</host><port>8000</port></media-server>`)
	f.add(`  </amcp>`)
	f.add(`  <html><remote-debugging-port>0</remote-debugging-port></html>`)
	mp, mps := g.h22pv()
	f.add(`  <!-- media share \\`+g.h22host()+`\media user `+g.h22user()+` pw `+h21xml(mp)+` -->`, h21xmlPs(mps)...)
	tk, tks := g.h22tv()
	f.add(`  <!-- graphics data feed token `+h21xml(tk)+` -->`, h21xmlPs(tks)...)
	f.add(`  <!-- build ` + g.s(hexd, 40) + ` -->`)
	f.add(`</configuration>`)
}}

var h22MOS = template{"broadcast", "mos_roStorySend.xml", func(g *gen, f *file) {
	f.add(`<mos>`)
	f.add(`  <mosID>` + g.pick("caspar.mos.apia-radio.ws", "gfx.mos.recife-tv.br") + `</mosID>`)
	f.add(`  <ncsID>` + g.pick("ENPS", "iNEWS", "OpenMedia") + `</ncsID>`)
	f.add(`  <messageID>` + g.s(digits, 6) + `</messageID>`)
	f.add(`  <roStorySend>`)
	f.add(`    <roID>` + g.s(upperD, 8) + `;RUNDOWN;` + g.h22date() + `</roID>`)
	f.add(`    <storyID>` + g.h5uuid() + `</storyID>`)
	f.add(`    <storySlug>` + g.pick("FLOOD UPDATE", "ELECTION LIVE", "SPORTS WRAP") + `</storySlug>`)
	f.add(`    <storyBody>`)
	first, last := g.h22name()
	ph := g.h22phone()
	f.add(`      <p>Reporter live from the field. Contributor `+h21xml(first+" "+last)+` on `+ph+` (do not air).</p>`, h15tel(ph))
	em := g.h22email()
	f.add(`      <p>Viewer tip from `+em+`, verify before use.</p>`, h15mail(em))
	f.add(`      <storyItem>`)
	f.add(`        <itemID>` + fmt.Sprint(1+g.r.IntN(20)) + `</itemID>`)
	f.add(`        <objID>` + g.s(hexd, 32) + `</objID>`)
	f.add(`        <mosID>caspar.mos</mosID>`)
	f.add(`        <mosExternalMetadata>`)
	f.add(`          <mosScope>PLAYLIST</mosScope>`)
	f.add(`          <mosPayload>`)
	sp, sps := g.h22pv()
	f.add(`            <feedPassword>`+h21xml(sp)+`</feedPassword>`, h21xmlPs(sps)...)
	k, ks := g.h22gv()
	f.add(`            <weatherDataKey>`+h21xml(k)+`</weatherDataKey>`, h21xmlPs(ks)...)
	f.add(`            <template>lower_third_v` + g.h22ver() + `</template>`)
	f.add(`          </mosPayload>`)
	f.add(`        </mosExternalMetadata>`)
	f.add(`      </storyItem>`)
	f.add(`    </storyBody>`)
	f.add(`  </roStorySend>`)
	f.add(`</mos>`)
}}

// ---- storefronts ----

var h22Stencil = template{"storefront", "dot_stencil", func(g *gen, f *file) {
	store := g.pick("bandung-shop", "konya-kilim", "recife-cafe", "utrecht-fiets")
	f.add("{")
	f.add(`  "normalStoreUrl": "https://` + store + `.mybigcommerce.com",`)
	f.add(`  "storeUrl": "https://store-` + g.s(lower+digits, 10) + `.mybigcommerce.com",`)
	at := g.s(lower+digits, 31)
	f.add(`  "accessToken": "`+at+`",`, secret("bigcommerce", at))
	f.add(`  "port": 3000,`)
	f.add(`  "customLayouts": {"product": {}, "brand": {}, "category": {}, "page": {}},`)
	cid := g.s(lower+digits, 31)
	f.add(`  "clientId": "`+cid+`",`, neutral("id", cid))
	cs := g.s(hexd, 64)
	f.add(`  "clientSecret": "`+cs+`",`, h15gen(cs))
	f.add(`  "themeUuid": "` + g.h5uuid() + `",`)
	tk, tks := g.h22tv()
	f.add(`  "klaviyoPrivateKey": "`+tk+`",`, tks...)
	em := g.h22email()
	f.add(`  "ownerEmail": "`+em+`",`, h15mail(em))
	f.add(`  "googleMapsKey": "` + g.pick("", "YOUR_KEY") + `",`)
	f.add(`  "version": "` + g.h22ver() + `"`)
	f.add("}")
}}

var h22ShopwareEnv = template{"storefront", "shopware.env.local", func(g *gen, f *file) {
	f.add("###> symfony/framework-bundle ###")
	f.add("APP_ENV=prod")
	as := g.s(hexd, 64)
	f.add("APP_SECRET="+as, h15gen(as))
	iid := g.s(alnum, 32)
	f.add("INSTANCE_ID="+iid, neutral("id", iid))
	f.add("APP_URL=https://shop." + g.pick(h22orgs...))
	f.add("###< symfony/framework-bundle ###")
	dsn, dp := g.h22dsn("mysql")
	f.add("DATABASE_URL="+dsn, dp)
	mpw := g.h22plain()
	mdsn := "smtp://" + g.h22user() + ":" + mpw + "@" + g.h22host() + ":587"
	f.add("MAILER_DSN="+mdsn, plant{family: "password", kind: "secret", value: mdsn, core: mpw})
	f.add("OPENSEARCH_URL=http://opensearch:9200")
	f.add("SHOPWARE_HTTP_CACHE_ENABLED=1")
	f.add("SHOPWARE_ES_ENABLED=0")
	f.add("JWT_PRIVATE_KEY_PASSPHRASE=" + g.pick("shopware", "${JWT_PASSPHRASE}"))
	pp := "E" + g.s(urlb64, 79)
	f.add("PAYPAL_CLIENT_SECRET="+pp, h15gen(pp))
	tk, tks := g.h22tv()
	f.add("SHOPWARE_STORE_TOKEN="+tk, tks...)
	sk := "sk_live_" + g.s(alnum, 99)
	f.add("STRIPE_SECRET_KEY="+sk, secret("stripe", sk))
	pk := "pk_live_" + g.s(alnum, 99)
	f.add("STRIPE_PUBLIC_KEY="+pk, neutral("public-key", pk))
	em := g.h22email()
	f.add("SHOP_OWNER_EMAIL="+em, h15mail(em))
	f.add("COMPOSER_HOME=/var/www/.composer")
}}

// ---- CI ----

var h22Cirrus = template{"ci", "dot_cirrus.yml", func(g *gen, f *file) {
	f.add("env:")
	f.add("  CIRRUS_CLONE_DEPTH: 1")
	enc := strings.ToLower(g.s(hexd, 128))
	f.add("  CODECOV_TOKEN: ENCRYPTED["+enc+"]", neutral("encrypted", enc))
	tk, tks := g.h22tv()
	f.add("  DEPLOY_TOKEN: "+tk, tks...)
	f.add("")
	f.add("test_task:")
	f.add("  container:")
	f.add("    image: " + g.pick("golang:1.23", "python:3.12-slim", "node:22"))
	f.add("    cpu: 2")
	f.add("  env:")
	dp, dps := g.h22pv()
	f.add("    POSTGRES_PASSWORD: \""+dp+"\"", dps...)
	f.add("  test_script: make test")
	f.add("")
	f.add("publish_task:")
	f.add("  only_if: $CIRRUS_TAG != ''")
	f.add("  depends_on: test")
	f.add("  env:")
	k, ks := g.h22gv()
	f.add("    SIGNING_KEY_SECRET: "+k, ks...)
	enc2 := g.s(hexd, 96)
	f.add("    REGISTRY_PASSWORD: ENCRYPTED["+enc2+"]", neutral("encrypted", enc2))
	b, bp := g.h22basic()
	f.add("  upload_script: curl -fsS -H \"Authorization: Basic "+b+"\" -T dist/app.tgz https://"+g.h22host()+"/releases/", bp)
	em := g.h22email()
	f.add("  # release manager: "+em, h15mail(em))
	f.add("  # cache fingerprint " + g.s(hexd, 64))
}}

var h22Earthfile = template{"ci", "Earthfile", func(g *gen, f *file) {
	f.add("VERSION 0.8")
	f.add("FROM " + g.pick("node:22-alpine", "golang:1.23-alpine", "python:3.12-alpine"))
	f.add("WORKDIR /src")
	f.add("")
	f.add("deps:")
	f.add("    COPY package.json package-lock.json ./")
	nt := g.h5gh("npm_")
	f.add("    RUN echo \"//registry.npmjs.org/:_authToken="+nt+"\" > .npmrc && npm ci", secret("npm", nt))
	f.add("    RUN --secret NPM_TOKEN npm ci --ignore-scripts")
	f.add("")
	f.add("build:")
	f.add("    FROM +deps")
	tk, tks := g.h22tv()
	f.add("    ARG SENTRY_AUTH_TOKEN="+tk, tks...)
	f.add("    ARG VERSION=" + g.h22ver())
	f.add("    RUN npm run build")
	f.add("    SAVE ARTIFACT dist AS LOCAL ./dist")
	f.add("")
	f.add("integration:")
	f.add("    FROM earthly/dind:alpine")
	dp, dps := g.h22ppv()
	f.add("    ENV DB_PASSWORD="+dp, dps...)
	dsn, dpl := g.h22dsn("postgresql")
	f.add("    ENV DATABASE_URL="+dsn, dpl)
	f.add("    WITH DOCKER --pull postgres:16")
	f.add("        RUN npm run test:integration")
	f.add("    END")
	f.add("")
	f.add("image:")
	f.add("    FROM +build")
	rp := g.h22pass()
	f.add("    RUN --push echo '"+rp+"' | docker login -u ci --password-stdin registry."+g.pick(h22orgs...), h15pw(rp))
	f.add("    SAVE IMAGE --push registry." + g.pick(h22orgs...) + "/app:latest")
	d := "sha256:" + g.s(hexd, 64)
	f.add("    # last digest "+d, neutral("hash", d))
}}

// ---- IoT edge runtimes ----

var h22Greengrass = template{"iotedge", "greengrass_config.yaml", func(g *gen, f *file) {
	f.add("---")
	f.add("system:")
	f.add("  certificateFilePath: \"/greengrass/v2/thingCert.crt\"")
	f.add("  privateKeyPath: \"/greengrass/v2/privKey.key\"")
	f.add("  rootCaPath: \"/greengrass/v2/rootCA.pem\"")
	f.add("  rootpath: \"/greengrass/v2\"")
	f.add("  thingName: \"" + g.pick("pump-station-", "greenhouse-", "kiosk-") + g.s(digits, 3) + "\"")
	f.add("services:")
	f.add("  aws.greengrass.Nucleus:")
	f.add("    componentType: \"NUCLEUS\"")
	f.add("    version: \"" + g.h22ver() + "\"")
	f.add("    configuration:")
	f.add("      awsRegion: \"" + g.pick("eu-north-1", "sa-east-1", "il-central-1", "ap-southeast-3") + "\"")
	f.add("      iotCredEndpoint: \"" + g.s(lower+digits, 14) + ".credentials.iot.eu-north-1.amazonaws.com\"")
	f.add("      iotDataEndpoint: \"" + g.s(lower+digits, 14) + "-ats.iot.eu-north-1.amazonaws.com\"")
	f.add("      iotRoleAlias: \"GreengrassCoreTokenExchangeRoleAlias\"")
	f.add("  com.example.Telemetry:")
	f.add("    configuration:")
	f.add("      influxUrl: \"http://localhost:8086\"")
	it := g.s(urlb64, 86) + "=="
	f.add("      influxToken: \""+it+"\"", h15gen(it))
	mp, mps := g.h22pv()
	f.add("      modbusGatewayPassword: \""+mp+"\"", mps...)
	f.add("      setenv:")
	ak := "AKIA" + g.s(b32, 16)
	f.add("        AWS_ACCESS_KEY_ID: \""+ak+"\"", secret("aws", ak))
	sk := g.s(b64, 40)
	f.add("        AWS_SECRET_ACCESS_KEY: \""+sk+"\"", secret("aws", sk))
	tk, tks := g.h22tv()
	f.add("        ALERT_TOKEN: \""+tk+"\"", tks...)
	f.add("  aws.greengrass.clientdevices.Auth:")
	f.add("    configuration:")
	f.add("      deviceGroups:")
	f.add("        formatVersion: \"2021-03-05\"")
	em := g.h22email()
	f.add("# site contact: "+em, h15mail(em))
	if g.r.IntN(2) == 0 {
		f.add("# claim key pasted during provisioning:")
		g.h22pemIn(f, "# ", "")
	}
}}

var h22IoTEdge = template{"iotedge", "aziot_config.toml", func(g *gen, f *file) {
	f.add("# Azure IoT Edge /etc/aziot/config.toml")
	f.add(`hostname = "edge-` + g.s(digits, 3) + `"`)
	f.add("")
	key := h15b64(string(g.h16bytes(32)))
	if g.r.IntN(2) == 0 {
		f.add("[provisioning]")
		f.add(`source = "manual"`)
		f.add(`connection_string = "HostName=`+g.pick("plant-hub", "farm-iot", "clinic-hub")+`.azure-devices.net;DeviceId=edge`+g.s(digits, 2)+`;SharedAccessKey=`+key+`"`, secret("azure", key))
	} else {
		f.add("[provisioning]")
		f.add(`source = "dps"`)
		sc := "0ne" + strings.ToUpper(g.s(hexd, 8))
		f.add(`global_endpoint = "https://global.azure-devices-provisioning.net"`)
		f.add(`id_scope = "`+sc+`"`, neutral("id", sc))
		f.add("[provisioning.attestation]")
		f.add(`method = "symmetric_key"`)
		f.add(`registration_id = "edge-` + g.s(digits, 4) + `"`)
		f.add(`symmetric_key = { value = "`+key+`" }`, secret("azure", key))
	}
	f.add("")
	f.add("[agent]")
	f.add(`name = "edgeAgent"`)
	f.add(`type = "docker"`)
	f.add("[agent.config]")
	f.add(`image = "mcr.microsoft.com/azureiotedge-agent:1.5"`)
	f.add("[agent.config.auth]")
	f.add(`serveraddress = "` + g.pick("plantacr", "farmacr") + `.azurecr.io"`)
	f.add(`username = "` + g.pick("plantacr", "farmacr") + `"`)
	pw, ps := g.h22pv()
	f.add(`password = "`+pw+`"`, ps...)
	f.add("[agent.env]")
	tk, tks := g.h22tv()
	f.add(`"OTA_WEBHOOK_TOKEN" = "`+tk+`"`, tks...)
	f.add(`"RuntimeLogLevel" = "warn"`)
	f.add("")
	f.add("[connect]")
	f.add(`workload_uri = "unix:///var/run/iotedge/workload.sock"`)
	f.add("# thumbprint " + strings.ToUpper(g.s(hexd, 40)))
	ph := g.h22phone()
	f.add("# installer: "+ph, h15tel(ph))
}}

// ---- voicemail transcripts ----

// h22vmLine is a voicemail message in one of four languages with a planted value.
func (g *gen) h22vmLine(langs int) (string, string, []plant) {
	first, last := g.h22name()
	name := first + " " + last
	pw := g.h22plain()
	ph := g.h22phone()
	ib := g.h22iban()
	id := g.h22nid()
	var lang, text string
	var ps []plant
	kind := g.r.IntN(4)
	switch langs*4 + g.r.IntN(4) {
	case 0:
		lang = "yi"
		text = []string{
			"שלום, דאָ רעדט " + name + ". מײַן נײַער פּאַראָל פֿאַרן סיסטעם איז " + pw + ", ביטע טוישט אים נאָך מאָרגן.",
			"שלום, דאָ רעדט " + name + ". רופֿט מיך צוריק אויף " + ph + " ביז פֿינף אַ זייגער.",
			"שלום, דאָ רעדט " + name + ". שיקט דאָס געלט צו מײַן חשבון " + ib + ", אַ דאַנק.",
			"שלום, דאָ רעדט " + name + ". מײַן אידענטיטעט־נומער איז " + id + ", פֿאַר דעם פֿאָרמולאַר.",
		}[kind]
	case 1:
		lang = "aii"
		text = []string{
			"ܫܠܡܐ، ܐܢܐ " + name + " ܝܘܢ. ܡܠܬܐ ܕܥܒܪܐ ܚܕܬܐ ܝܠܗ̇ " + pw + "، ܠܐ ܡܫܬܥܝܬ ܠܚܕ ܐܢܫ.",
			"ܫܠܡܐ، ܐܢܐ " + name + " ܝܘܢ. ܩܪܝ ܠܝ ܥܠ " + ph + " ܒܪܡܫܐ.",
			"ܫܠܡܐ، ܐܢܐ " + name + " ܝܘܢ. ܡܫܕܪ ܠܟܣܦܐ ܠ " + ib + " ܒܣܝܡܘܬܐ.",
			"ܫܠܡܐ، ܐܢܐ " + name + " ܝܘܢ. ܡܢܝܢܐ ܕܗܝܝܘܬܝ ܝܠܗ " + id + ".",
		}[kind]
	case 2:
		lang = "bal"
		text = []string{
			"سلام، من " + name + " اوں. منی نوکیں پاسورڈ " + pw + " اِنت، اے کسّے ءَ مہ دئے.",
			"سلام، من " + name + " اوں. منا " + ph + " ءَ تیلیفون کن.",
			"سلام، من " + name + " اوں. زر ءَ منی حساب " + ib + " ءَ راہ دئے.",
			"سلام، من " + name + " اوں. منی شناختی نمبر " + id + " اِنت.",
		}[kind]
	case 3:
		lang = "as"
		text = []string{
			"নমস্কাৰ, মই " + name + "। মোৰ নতুন পাছৱৰ্ড হৈছে " + pw + ", কাকো নক'ব।",
			"নমস্কাৰ, মই " + name + "। মোক " + ph + " নম্বৰত ফোন কৰিব।",
			"নমস্কাৰ, মই " + name + "। টকাখিনি মোৰ একাউণ্ট " + ib + " লৈ পঠিয়াব।",
			"নমস্কাৰ, মই " + name + "। মোৰ পৰিচয় নম্বৰ " + id + "।",
		}[kind]
	case 4:
		lang = "qu"
		text = []string{
			"Allillanchu, " + name + " kani. Musuq contraseñayqa " + pw + " kachkan, ama pimanpas willaychu.",
			"Allillanchu, " + name + " kani. Kay " + ph + " yupayman waqyamuway.",
			"Allillanchu, " + name + " kani. Qullqita " + ib + " cuentayman kachamuway.",
			"Allillanchu, " + name + " kani. DNI yupayniyqa " + id + ".",
		}[kind]
	case 5:
		lang = "gn"
		text = []string{
			"Mba'éichapa, che ha'e " + name + ". Che contraseña pyahu ha'e " + pw + ", ani remombe'u avavépe.",
			"Mba'éichapa, che ha'e " + name + ". Ehenói chéve " + ph + "-pe.",
			"Mba'éichapa, che ha'e " + name + ". Emondo pirapire che cuenta " + ib + "-pe.",
			"Mba'éichapa, che ha'e " + name + ". Che cédula papapy ha'e " + id + ".",
		}[kind]
	case 6:
		lang = "ig"
		text = []string{
			"Ndewo, abụ m " + name + ". Okwuntughe ọhụrụ m bụ " + pw + ", egwela onye ọ bụla.",
			"Ndewo, abụ m " + name + ". Kpọọ m na " + ph + " ka ọ dị ngwa.",
			"Ndewo, abụ m " + name + ". Zite ego ahụ na akaụntụ m " + ib + ".",
			"Ndewo, abụ m " + name + ". Nọmba njirimara m bụ " + id + ".",
		}[kind]
	default:
		lang = "om"
		text = []string{
			"Akkam, ani " + name + ". Jecha darbii koo haaraan " + pw + ", nama biraatti hin himinaa.",
			"Akkam, ani " + name + ". Lakkoofsa " + ph + " irratti na bilbilaa.",
			"Akkam, ani " + name + ". Maallaqa herrega koo " + ib + " tti ergaa.",
			"Akkam, ani " + name + ". Lakkoofsi eenyummaa koo " + id + ".",
		}[kind]
	}
	ps = []plant{[]plant{h15pw(pw), h15tel(ph), h15ib(ib), h15id(id)}[kind]}
	return lang, text, ps
}

var h22VoicemailEML = template{"voicemail", "voicemail_msg.eml", func(g *gen, f *file) {
	to := g.h22email()
	caller := g.h22phone()
	vm := "voicemail@pbx." + g.pick(h22orgs...)
	f.add("From: Voicemail <"+vm+">", neutral("email", vm))
	f.add("To: "+to, h15mail(to))
	f.add("Subject: New voicemail from "+caller+" ("+fmt.Sprint(10+g.r.IntN(120))+"s)", h15tel(caller))
	f.add("Date: " + g.pick("Mon", "Tue", "Wed", "Thu") + ", " + fmt.Sprint(1+g.r.IntN(28)) + " Mar 2026 09:" + fmt.Sprintf("%02d", g.r.IntN(60)) + ":00 +0000")
	f.add("Message-ID: <" + g.s(hexd, 24) + "@pbx>")
	f.add("MIME-Version: 1.0")
	f.add("Content-Type: text/plain; charset=UTF-8")
	f.add("Content-Transfer-Encoding: 8bit")
	f.add("X-Voicemail-Box: " + fmt.Sprint(100+g.r.IntN(800)))
	f.add("")
	f.add("Transcription (automatic, may contain errors):")
	for i := 0; i < 1+g.r.IntN(3); i++ {
		lang, text, ps := g.h22vmLine(0)
		f.add("["+lang+"] "+text, ps...)
	}
	f.add("")
	f.add("Listen: https://pbx." + g.pick(h22orgs...) + "/vm/" + g.h5uuid() + ".wav")
}}

var h22VisualVoicemail = template{"voicemail", "visual_voicemail_export.json", func(g *gen, f *file) {
	f.add(`{"exportedAt":"` + g.h22ts() + `","mailbox":"` + g.s(digits, 4) + `","messages":[`)
	n := 2 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		lang, text, ps := g.h22vmLine(1)
		caller := g.h22phone()
		end := ","
		if i == n-1 {
			end = ""
		}
		f.add(`  {"id":"`+g.h5uuid()+`","from":"`+caller+`","durationSec":`+fmt.Sprint(5+g.r.IntN(100))+`,"language":"`+lang+`","transcript":"`+text+`","heard":false}`+end, append(ps, h15tel(caller))...)
	}
	f.add(`],`)
	tk, tks := g.h22tv()
	f.add(`"syncToken":"`+tk+`"}`, tks...)
}}

// ---- school messaging ----

func (g *gen) h22schoolMsg(set int) (string, string, []plant) {
	first, last := g.h22name()
	name := first + " " + last
	pw, ph, em := g.h22plain(), g.h22phone(), g.h22email()
	kind := g.r.IntN(3)
	var lang, text string
	switch set*4 + g.r.IntN(4) {
	case 0:
		lang = "chr"
		text = []string{
			"ᎣᏏᏲ! " + name + " ᎠᏴ. ᏣᎳᎩ ᎠᏕᎶᏆᏍᏗ password: " + pw + " ᏙᎯᏱ.",
			"ᎣᏏᏲ! " + name + " ᎠᏴ. ᏫᏍᎩᏯᏅᎲᎦ " + ph + ".",
			"ᎣᏏᏲ! " + name + " ᎠᏴ. ᏗᎪᏪᎵ ᏫᏍᎩᏅᏓ " + em + ".",
		}[kind]
	case 1:
		lang = "nv"
		text = []string{
			"Yáʼátʼééh, shí éí " + name + " yinishyé. Naaltsoos bee password " + pw + " átʼé.",
			"Yáʼátʼééh, shí éí " + name + " yinishyé. " + ph + " bee shichʼį́ʼ hólne.",
			"Yáʼátʼééh, shí éí " + name + " yinishyé. " + em + " bee shichʼį́ʼ naaltsoos ádíílííł.",
		}[kind]
	case 2:
		lang = "sm"
		text = []string{
			"Talofa, o aʻu o " + name + ". O le upu faʻalilolilo fou o " + pw + ".",
			"Talofa, o aʻu o " + name + ". Faʻamolemole valaʻau mai i le " + ph + ".",
			"Talofa, o aʻu o " + name + ". Imeli mai i le " + em + ".",
		}[kind]
	case 3:
		lang = "to"
		text = []string{
			"Mālō e lelei, ko au ko " + name + ". Ko e lea fufū foʻou ko " + pw + ".",
			"Mālō e lelei, ko au ko " + name + ". Kātaki ʻo tā mai ki he " + ph + ".",
			"Mālō e lelei, ko au ko " + name + ". ʻImeili mai ki he " + em + ".",
		}[kind]
	case 4:
		lang = "haw"
		text = []string{
			"Aloha, ʻo " + name + " kēia. ʻO ka ʻōlelo huna hou: " + pw + ".",
			"Aloha, ʻo " + name + " kēia. E kelepona mai iaʻu ma " + ph + ".",
			"Aloha, ʻo " + name + " kēia. E leka uila mai iaʻu ma " + em + ".",
		}[kind]
	case 5:
		lang = "fj"
		text = []string{
			"Bula vinaka, o yau o " + name + ". Na password vou ni kalasi: " + pw + ".",
			"Bula vinaka, o yau o " + name + ". Qiri mai ena " + ph + ".",
			"Bula vinaka, o yau o " + name + ". Vakau imeli mai ki na " + em + ".",
		}[kind]
	case 6:
		lang = "su"
		text = []string{
			"Wilujeng énjing, abdi " + name + ". Kecap konci anyar nyaéta " + pw + ".",
			"Wilujeng énjing, abdi " + name + ". Mangga telepon abdi di " + ph + ".",
			"Wilujeng énjing, abdi " + name + ". Kirim surélék ka " + em + ".",
		}[kind]
	default:
		lang = "ks"
		text = []string{
			"السلام علیکم، بٕہ چھُس " + name + "۔ نوٚو پاس ورڈ چھُ " + pw + "۔",
			"السلام علیکم، بٕہ چھُس " + name + "۔ مےٚ کٔرِو " + ph + " پؠٹھ فون۔",
			"السلام علیکم، بٕہ چھُس " + name + "۔ ای میل سوزِو " + em + " پؠٹھ۔",
		}[kind]
	}
	return lang, text, []plant{[]plant{h15pw(pw), h15tel(ph), h15mail(em)}[kind]}
}

var h22ClassCSV = template{"schoolmsg", "class_messages_export.csv", func(g *gen, f *file) {
	f.add("sent_at,class,sender_role,sender,language,message,read_count")
	for i := 0; i < 4+g.r.IntN(5); i++ {
		lang, text, ps := g.h22schoolMsg(0)
		first, _ := g.h22name()
		f.add(fmt.Sprintf(`%s,%s,%s,%s,%s,"%s",%d`, g.h22ts(), g.pick("Grade 3B", "Algebra I", "Kindergarten"), g.pick("teacher", "parent", "admin"), first, lang, text, g.r.IntN(30)), ps...)
	}
	tk, tks := g.h22tv()
	f.add(`# export api token `+tk, tks...)
}}

var h22IMessageTxt = template{"schoolmsg", "imessage_export.txt", func(g *gen, f *file) {
	peer := g.h22phone()
	f.add("Conversation with "+peer, h15tel(peer))
	f.add("")
	for i := 0; i < 3+g.r.IntN(4); i++ {
		_, text, ps := g.h22schoolMsg(1)
		f.add(fmt.Sprintf("%s %02d, 2026 %2d:%02d:%02d %s", g.pick("Jan", "Feb", "Mar", "Aug", "Sep"), 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(60), g.r.IntN(60), g.pick("AM", "PM")))
		if g.r.IntN(2) == 0 {
			f.add("Me")
		} else {
			f.add(peer, h15tel(peer))
		}
		f.add(text, ps...)
		f.add("")
	}
	if g.r.IntN(2) == 0 {
		k, ks := g.h22gv()
		f.add("Me")
		f.add("the gradebook sync key is "+k, ks...)
	}
}}
