package main

import (
	"fmt"
	"strings"
)

// held26Families pairs each family's two shapes: a goes to held26a, b to held26b.
var held26Families = []struct{ a, b template }{
	{h26CASetup, h26OmekaIni},
	{h26ArasXML, h26WindchillXconf},
	{h26SatnogsEnv, h26GrcYaml},
	{h26PIPowerShell, h26PIReg},
	{h26GWDatabase, h26FNOLEml},
	{h26OpensrfXML, h26PatronCSV},
	{h26OstConfig, h26TicketCSV},
	{h26SnipeEnv, h26GlpiDB},
	{h26DSpaceCfg, h26DataverseMk},
	{h26CmkPasswords, h26LibreNMS},
	{h26TaigaPy, h26OpenProjectYml},
	{h26HiveConf, h26OpenCTIJSON},
	{h26Zengin, h26ShainCSV},
	{h26DTCFlow, h26MeterToml},
	{h26HeliosPy, h26VotersCSV},
	{h26RaceCSV, h26UploaderPlist},
	{h26UnicentaProps, h26Journal},
	{h26RockConn, h26MemberVcf},
	{h26RentalMatrix, h26RentalWeechat},
	{h26OrtiJoplin, h26OrtiPdftext},
}

var held26aTemplates, held26bTemplates = halves(held26Families)

// ---- museum collections ----

var h26CASetup = template{"museum", "setup.php", func(g *gen, f *file) {
	f.add("<?php")
	f.add("# CollectiveAccess Providence setup.php")
	f.add("if (!defined(\"__CA_DB_HOST__\")) {")
	f.add("\tdefine(\"__CA_DB_HOST__\", '" + g.h26host() + "');")
	f.add("}")
	f.add("if (!defined(\"__CA_DB_USER__\")) {")
	f.add("\tdefine(\"__CA_DB_USER__\", '" + g.h26user() + "');")
	f.add("}")
	pw, pws := g.h26pv()
	f.add("if (!defined(\"__CA_DB_PASSWORD__\")) {")
	f.add("\tdefine(\"__CA_DB_PASSWORD__\", '"+pw+"');", pws...)
	f.add("}")
	f.add("define(\"__CA_DB_DATABASE__\", 'collectiveaccess');")
	f.add("define(\"__CA_APP_DISPLAY_NAME__\", \"Museo de " + g.pick("Bellas Artes", "la Minería", "del Pueblo") + "\");")
	em := g.h26email()
	f.add("define(\"__CA_ADMIN_EMAIL__\", '"+em+"');", h15mail(em))
	f.add("define(\"__CA_SMTP_SERVER__\", 'smtp." + g.pick(h26orgs...) + "');")
	f.add("define(\"__CA_SMTP_AUTH__\", 'login');")
	sp, sps := g.h26pv()
	f.add("define(\"__CA_SMTP_PASSWORD__\", '"+sp+"');", sps...)
	gk, gks := g.h26tv()
	f.add("define(\"__CA_GOOGLE_MAPS_KEY__\", '"+gk+"');", gks...)
	f.add("define(\"__CA_CACHE_BACKEND__\", 'file');")
	if g.r.IntN(2) == 0 {
		h := g.s(hexd, 32)
		f.add("// install profile checksum "+h, neutral("hash", h))
	}
	f.add("require(__DIR__.\"/app/helpers/post-setup.php\");")
}}

var h26OmekaIni = template{"museum", "database.ini", func(g *gen, f *file) {
	f.add("; Omeka S database configuration (config/database.ini)")
	f.add("user     = \"" + g.h26user() + "\"")
	pw, pws := g.h26ppv()
	f.add("password = \""+pw+"\"", pws...)
	f.add("dbname   = \"omeka_s\"")
	f.add("host     = \"" + g.h26host() + "\"")
	f.add(";port     = \"3306\"")
	f.add(";unix_socket = \"/var/run/mysqld/mysqld.sock\"")
	f.add(";log_path = \"\"")
	first, last := g.h26name()
	em := g.h26email()
	f.add("; site owner: "+first+" "+last+" <"+em+">", h15mail(em))
	ph := g.h26phone()
	f.add("; after-hours contact "+ph, h15tel(ph))
	k, ks := g.h26gv()
	f.add("; API key for the CSV Import module (key_credential)")
	f.add("; key_identity = \"" + g.s(alnum, 32) + "\"")
	f.add("; key_credential = \""+k+"\"", ks...)
	v := g.h26ver()
	f.add("; omeka-s "+v, neutral("version", v))
}}

// ---- PLM ----

var h26ArasXML = template{"plm", "InnovatorServerConfig.xml", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
	f.add("<Innovator>")
	f.add("  <UI-Tailoring login_splash=\"../images/aras-innovator.svg\" branding_img=\"../images/logo.svg\"/>")
	f.add("  <operating_parameter key=\"debug_log_flag\" value=\"false\"/>")
	f.add("  <operating_parameter key=\"temp_folder\" value=\"C:\\Program Files (x86)\\Aras\\Innovator\\Innovator\\Server\\temp\\\"/>")
	pw, pws := g.h26ppv()
	db := g.pick("InnovatorSolutions", "PLM_PROD", "Komi_PLM")
	// the password stands twice (pwd and dbo_pwd): each occurrence is labelled.
	f.add(fmt.Sprintf("  <DB-Connection id=\"%s\" database=\"%s\" server=\"%s\" uid=\"innovator\" pwd=\"%s\" dbo_uid=\"innovator_regular\" dbo_pwd=\"%s\" />", db, db, g.h26host(), pw, pw), append(pws, pws...)...)
	lk := strings.ToUpper(g.s(hexd, 32))
	f.add("  <License lic_type=\"Unlimited\" company=\""+g.pick("Komi Machinery", "Zugdidi Tools", "Oviedo Aero")+"\" lic_key=\""+lk+"\" />", neutral("ambiguous", lk))
	f.add("  <Mail SMTPServer=\"smtp." + g.pick(h26orgs...) + "\" />")
	sp, sps := g.h26ppv()
	f.add("  <operating_parameter key=\"smtp_password\" value=\""+sp+"\"/>", sps...)
	ak, aks := g.h26gv()
	f.add("  <operating_parameter key=\"OAuthServerClientSecret\" value=\""+ak+"\"/>", aks...)
	em := g.h26email()
	f.add("  <!-- admin: "+em+" -->", h15mail(em))
	id := strings.ToUpper(g.s(hexd, 32))
	f.add("  <operating_parameter key=\"root_item_id\" value=\""+id+"\"/>", neutral("id", id))
	f.add("</Innovator>")
}}

var h26WindchillXconf = template{"plm", "site.xconf", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
	f.add("<!DOCTYPE Configuration SYSTEM \"xconf.dtd\">")
	f.add("<Configuration xmlns:xlink=\"http://www.w3.org/1999/xlink\">")
	f.add("  <Property name=\"wt.rmi.server.hostname\" overridable=\"true\" targetFile=\"codebase/wt.properties\" value=\"" + g.h26host() + "\"/>")
	f.add("  <Property name=\"wt.pom.dbUser\" overridable=\"true\" targetFile=\"db/db.properties\" value=\"" + g.h26user() + "\"/>")
	pw, pws := g.h26ppv()
	f.add("  <Property name=\"wt.pom.dbPassword\" overridable=\"true\" targetFile=\"db/db.properties\" value=\""+pw+"\"/>", pws...)
	f.add("  <Property name=\"wt.pom.jdbc.service\" overridable=\"true\" targetFile=\"db/db.properties\" value=\"wind\"/>")
	lp, lps := g.h26ppv()
	f.add("  <Property name=\"ie.ldap.serviceCredentials\" overridable=\"true\" targetFile=\"codebase/WEB-INF/ie.properties\" value=\""+lp+"\"/>", lps...)
	f.add("  <Property name=\"wt.mail.mailhost\" overridable=\"true\" targetFile=\"codebase/wt.properties\" value=\"smtp." + g.pick(h26orgs...) + "\"/>")
	em := g.h26email()
	f.add("  <Property name=\"wt.admin.defaultAdministratorEmail\" overridable=\"true\" targetFile=\"codebase/wt.properties\" value=\""+em+"\"/>", h15mail(em))
	tk, tks := g.h26tv()
	f.add("  <Property name=\"com.ptc.thingworx.appKey\" overridable=\"true\" targetFile=\"codebase/wt.properties\" value=\""+tk+"\"/>", tks...)
	ak := g.h5uuid()
	f.add("  <!-- ThingWorx application key ids are UUIDs; this one is the key's name, not the key: "+ak+" -->", neutral("id", ak))
	f.add("</Configuration>")
}}

// ---- satellite ground stations ----

var h26SatnogsEnv = template{"groundstation", "satnogs-client.env", func(g *gen, f *file) {
	f.add("# /etc/default/satnogs-client - written by satnogs-setup")
	f.add("SATNOGS_API_URL=\"https://network.satnogs.org/api/\"")
	tk := g.s(hexd, 40)
	if g.r.IntN(6) == 0 {
		f.add("SATNOGS_API_TOKEN=\"<your-token-from-network.satnogs.org>\"")
	} else {
		f.add("SATNOGS_API_TOKEN=\""+tk+"\"", h15gen(tk))
	}
	st := fmt.Sprint(1000 + g.r.IntN(3000))
	f.add("SATNOGS_STATION_ID=\"" + st + "\"")
	f.add(fmt.Sprintf("SATNOGS_STATION_LAT=\"%.4f\"", 27.6+g.r.Float64()))
	f.add(fmt.Sprintf("SATNOGS_STATION_LON=\"%.4f\"", 85.3+g.r.Float64()))
	f.add("SATNOGS_STATION_ELEV=\"" + fmt.Sprint(1200+g.r.IntN(400)) + "\"")
	f.add("SATNOGS_SOAPY_RX_DEVICE=\"driver=" + g.pick("rtlsdr", "airspy", "uhd") + "\"")
	f.add("SATNOGS_RX_SAMP_RATE=\"2.048e6\"")
	f.add("SATNOGS_ROT_MODEL=\"ROT_MODEL_NETROTCTL\"")
	f.add("SATNOGS_ARTIFACTS_ENABLED=\"True\"")
	at, ats := g.h26gv()
	f.add("SATNOGS_ARTIFACTS_API_TOKEN=\""+at+"\"", ats...)
	mp, mps := g.h26ppv()
	f.add("# local telemetry forwarder")
	f.add("SATNOGS_MQTT_PASSWORD=\""+mp+"\"", mps...)
	em := g.h26email()
	f.add("# station owner "+em, h15mail(em))
	sum := g.s(hexd, 64)
	f.add("# satnogs-client image sha256 "+sum, neutral("hash", sum))
}}

var h26GrcYaml = template{"groundstation", "satnogs_fm.grc", func(g *gen, f *file) {
	f.add("options:")
	f.add("  parameters:")
	f.add("    author: " + g.h26user())
	f.add("    category: '[GRC Hier Blocks]'")
	f.add("    generate_options: no_gui")
	f.add("    id: satnogs_fm")
	f.add("    title: FM demodulator with MQTT telemetry")
	f.add("  states:")
	f.add("    coordinate: [8, 8]")
	f.add("    state: enabled")
	f.add("")
	f.add("blocks:")
	f.add("- name: mqtt_password")
	f.add("  id: variable")
	f.add("  parameters:")
	mp, mps := g.h26ppv()
	f.add("    value: '\""+mp+"\"'", mps...)
	f.add("- name: api_token")
	f.add("  id: parameter")
	f.add("  parameters:")
	f.add("    type: str")
	tk, tks := g.h26gv()
	f.add("    value: "+tk, tks...)
	f.add("- name: samp_rate")
	f.add("  id: variable")
	f.add("  parameters:")
	f.add("    value: '48000'")
	f.add("- name: blocks_message_debug_0")
	f.add("  id: blocks_message_debug")
	em := g.h26email()
	f.add("  comment: 'Operator: "+em+"'", h15mail(em))
	v := g.h26ver()
	f.add("metadata:")
	f.add("  file_format: 1")
	f.add("  grc_version: "+v, neutral("version", v))
}}

// ---- process historians ----

var h26PIPowerShell = template{"historian", "Connect-PIArchive.ps1", func(g *gen, f *file) {
	f.add("#Requires -Modules OSIsoft.PowerShell")
	f.add("# Nightly export of tag values to the billing share")
	srv := "pi" + g.pick("", "01", "-hist") + "." + g.pick(h26orgs...)
	f.add("$server = '" + srv + "'")
	f.add("$user = '" + strings.ToUpper(g.pick("ZUGDIDI", "KOMI", "PATAN")) + "\\" + g.h26user() + "'")
	pw, pws := g.h26pv()
	if strings.ContainsAny(pw, "'") {
		pw = "changeme"
		pws = nil
	}
	f.add("$secure = ConvertTo-SecureString '"+pw+"' -AsPlainText -Force", pws...)
	f.add("$cred = New-Object System.Management.Automation.PSCredential($user, $secure)")
	f.add("$con = Connect-PIDataArchive -PIDataArchiveMachineName $server -WindowsCredential $cred")
	f.add("$tags = Get-PIPoint -Connection $con -WhereClause \"tag:=CV-*.PV\"")
	ak, aks := g.h26tv()
	if g.r.IntN(4) != 0 {
		ak = g.h26jwt()
		aks = []plant{secret("jwt", ak)}
	}
	f.add("$headers = @{ Authorization = \"Bearer "+ak+"\" }", aks...)
	f.add("Invoke-RestMethod -Uri 'https://api." + g.pick(h26orgs...) + "/v1/tags' -Headers $headers -Method Post -Body ($tags | ConvertTo-Json)")
	em := g.h26email()
	from := "pi-export@" + g.pick(h26orgs...)
	f.add("Send-MailMessage -To '"+em+"' -From '"+from+"' -Subject 'PI export done' -SmtpServer 'smtp.local'", h15mail(em), neutral("role-email", from))
	th := strings.ToUpper(g.s(hexd, 40))
	f.add("# signed with certificate thumbprint "+th, neutral("hash", th))
}}

var h26PIReg = template{"historian", "PIODBC-DSN.reg", func(g *gen, f *file) {
	f.add("Windows Registry Editor Version 5.00")
	f.add("")
	dsn := g.pick("PIHist", "PI_Mill", "PISQL")
	f.add("[HKEY_LOCAL_MACHINE\\SOFTWARE\\ODBC\\ODBC.INI\\" + dsn + "]")
	f.add("\"Driver\"=\"C:\\\\Program Files\\\\PIPC\\\\SQL\\\\PISQLODBC.dll\"")
	f.add("\"Server\"=\"" + g.h26host() + "\"")
	f.add("\"UID\"=\"" + g.h26user() + "\"")
	pw, pws := g.h26ppv()
	f.add("\"PWD\"=\""+pw+"\"", pws...)
	f.add("\"Description\"=\"PI historian via PI SQL DAS\"")
	f.add("")
	f.add("[HKEY_LOCAL_MACHINE\\SOFTWARE\\PISystem\\PI-SDK\\1.0\\ServerHandles\\" + g.pick("PIHIST01", "MILL-PI") + "]")
	f.add("\"confirmed\"=dword:00000001")
	f.add("\"port\"=dword:0000159a")
	f.add("\"defaultuser\"=\"piadmin\"")
	gp, gps := g.h26ppv()
	f.add("\"defaultpassword\"=\""+gp+"\"", gps...)
	f.add("")
	f.add("[HKEY_CURRENT_USER\\Software\\MillOps\\ExportTool]")
	ek, eks := g.h26gv()
	f.add("\"SharedSecret\"=\""+ek+"\"", eks...)
	em := g.h26email()
	f.add("\"NotifyAddress\"=\""+em+"\"", h15mail(em))
	id := "{" + strings.ToUpper(g.h5uuid()) + "}"
	f.add("\"InstallId\"=\""+id+"\"", neutral("id", id))
}}

// ---- insurance claims ----

var h26GWDatabase = template{"claims", "database-config.xml", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\"?>")
	f.add("<database-config xmlns=\"http://guidewire.com/database-config\">")
	pw, pws := g.h26ppv()
	env := g.pick("prod", "uat", "dev")
	f.add(fmt.Sprintf("  <database name=\"ClaimCenterDatabase\" dbtype=\"sqlserver\" env=\"%s\" autoupgrade=\"false\">", env))
	f.add(fmt.Sprintf("    <dbcp-connection-pool jdbc-url=\"jdbc:sqlserver://%s:1433;databaseName=ClaimCenter;user=%s;password=%s\" />", g.h26host(), g.h26user(), pw), pws...)
	f.add("    <upgrade defer-create-nonessential-indexes=\"false\"/>")
	f.add("  </database>")
	f.add(fmt.Sprintf("  <archive-source name=\"archive\" env=\"%s\">", env))
	ap, aps := g.h26pv()
	if strings.ContainsAny(ap, "\"<&") {
		ap, aps = "changeme", nil
	}
	f.add("    <dbcp-connection-pool jdbc-url=\"jdbc:oracle:thin:@"+g.h26host()+":1521/CCARCH\" user=\""+g.h26user()+"\" password=\""+ap+"\"/>", aps...)
	f.add("  </archive-source>")
	f.add("  <!-- ISO ClaimSearch integration -->")
	ik, iks := g.h26gv()
	f.add("  <!-- iso.claimsearch.secret = "+ik+" -->", iks...)
	em := g.h26email()
	f.add("  <!-- DBA on call: "+em+" -->", h15mail(em))
	f.add("</database-config>")
}}

var h26FNOLEml = template{"claims", "fnol-intake.eml", func(g *gen, f *file) {
	first, last := g.h26name()
	em := g.h26email()
	f.add("Return-Path: <"+em+">", h15mail(em))
	f.add("From: "+first+" "+last+" <"+em+">", h15mail(em))
	to := "claims-intake@" + g.pick(h26orgs...)
	f.add("To: "+to, neutral("role-email", to))
	f.add("Subject: First notice of loss - policy " + g.s(upperD, 3) + "-" + g.s(digits, 8))
	f.add("Date: Tue, 1" + g.s("0123456", 1) + " Mar 2026 09:" + g.s("012345", 1) + g.s(digits, 1) + ":00 +0100")
	mid := g.s(hexd, 24)
	f.add("Message-ID: <"+mid+"@mail.gmail.com>", neutral("id", mid))
	f.add("MIME-Version: 1.0")
	b := "000000000000" + g.s(hexd, 16)
	f.add("Content-Type: multipart/mixed; boundary=\"" + b + "\"")
	f.add("")
	f.add("--" + b)
	f.add("Content-Type: text/plain; charset=\"UTF-8\"")
	f.add("")
	f.add("Hello, my parked car was hit last night on " + g.h26addr() + ".")
	ph := g.h26phone()
	f.add("You can reach me on "+ph+" during the day.", h15tel(ph))
	ib := g.h26iban()
	f.add("Please pay the repair to my account "+groupsOf4(ib)+".", h15ib(groupsOf4(ib)))
	id := g.h26nid()
	f.add("My ID number for the form: "+id, h15id(id))
	f.add("")
	f.add("--" + b)
	f.add("Content-Type: text/plain; charset=\"UTF-8\"; name=\"portal-login.txt\"")
	f.add("Content-Disposition: attachment; filename=\"portal-login.txt\"")
	f.add("")
	f.add("claims portal user: " + strings.Split(em, "@")[0])
	pw, pws := g.h26pv()
	f.add("password: "+pw, pws...)
	f.add("")
	f.add("--" + b + "--")
}}

// ---- library systems ----

var h26OpensrfXML = template{"ils", "opensrf.xml", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\"?>")
	f.add("<opensrf version=\"0.0.3\">")
	f.add("  <default>")
	f.add("    <reporter>")
	f.add("      <setup>")
	f.add("        <database>")
	f.add("          <driver>Pg</driver>")
	f.add("          <host>" + g.h26host() + "</host>")
	f.add("          <port>5432</port>")
	f.add("          <db>evergreen</db>")
	f.add("          <user>" + g.h26user() + "</user>")
	pw, pws := g.h26ppv()
	f.add("          <pw>"+pw+"</pw>", pws...)
	f.add("        </database>")
	f.add("      </setup>")
	f.add("    </reporter>")
	f.add("    <email_notify>")
	f.add("      <smtp_server>localhost</smtp_server>")
	em := g.h26email()
	f.add("      <sender_address>"+em+"</sender_address>", h15mail(em))
	f.add("    </email_notify>")
	f.add("    <z3950>")
	zp, zps := g.h26ppv()
	f.add("      <password>"+zp+"</password>", zps...)
	f.add("    </z3950>")
	sk, sks := g.h26gv()
	f.add("    <sip_shared_secret>"+sk+"</sip_shared_secret>", sks...)
	f.add("  </default>")
	f.add("</opensrf>")
}}

var h26PatronCSV = template{"ils", "patron_load.csv", func(g *gen, f *file) {
	f.add("barcode,family_name,first_given_name,dob,email,day_phone,street1,city,profile,passwd,ident_value")
	for i := 0; i < 4+g.r.IntN(5); i++ {
		first, last := g.h26name()
		em := g.h26email()
		ph := g.h26phone()
		bc := "2" + g.s(digits, 13)
		pw := g.s(digits, 4)
		ps := []plant{h15mail(em), h15tel(ph), neutral("id", bc), neutral("pin", pw)}
		if g.r.IntN(3) == 0 {
			pw = g.h26plain()
			ps[3] = h15pw(pw)
		}
		id := ""
		if g.r.IntN(2) == 0 {
			id = g.h26nid()
			ps = append(ps, h15id(id))
		}
		addr := g.h26addr()
		f.add(fmt.Sprintf("%s,%s,%s,19%02d-%02d-%02d,%s,%s,\"%s\",,Patrons,%s,%s", bc, last, first, 40+g.r.IntN(60), 1+g.r.IntN(12), 1+g.r.IntN(28), em, ph, addr, pw, id), ps...)
	}
}}

// ---- help desks ----

var h26OstConfig = template{"helpdesk", "ost-config.php", func(g *gen, f *file) {
	f.add("<?php")
	f.add("/*********************************************************************")
	f.add("    ost-config.php  - static configuration written by the installer")
	f.add("**********************************************************************/")
	f.add("if(!strcasecmp(basename($_SERVER['SCRIPT_NAME']),basename(__FILE__)) || !defined('INCLUDE_DIR'))")
	f.add("    die('kwaheri rafiki!');")
	f.add("define('OSTINSTALLED',TRUE);")
	salt := g.s(alnum, 32)
	f.add("define('SECRET_SALT','"+salt+"');", h15gen(salt))
	em := g.h26email()
	f.add("define('ADMIN_EMAIL','"+em+"');", h15mail(em))
	f.add("define('DBTYPE','mysql');")
	f.add("define('DBHOST','" + g.h26host() + "');")
	f.add("define('DBNAME','osticket');")
	f.add("define('DBUSER','" + g.h26user() + "');")
	pw, pws := g.h26pv()
	f.add("define('DBPASS','"+pw+"');", pws...)
	f.add("define('TABLE_PREFIX','ost_');")
	f.add("#define('DBSSLCA','/path/to/ca.crt');")
	ak, aks := g.h26tv()
	f.add("# inbound mail relay: "+ak, aks...)
	f.add("?>")
}}

var h26TicketCSV = template{"helpdesk", "tickets-export.csv", func(g *gen, f *file) {
	f.add("\"Ticket Number\",\"Date Created\",\"Subject\",\"From\",\"From Email\",\"Phone Number\",\"Priority\",\"Department\",\"Help Topic\",\"Last Message\"")
	for i := 0; i < 4+g.r.IntN(4); i++ {
		first, last := g.h26name()
		em := g.h26email()
		ph := g.h26phone()
		ps := []plant{h15mail(em), h15tel(ph)}
		msg := g.pick("printer on floor 2 jams again", "cannot log in after password reset", "please add me to the shared calendar", "VPN drops every hour")
		switch g.r.IntN(4) {
		case 0:
			pw := g.h26plain()
			msg = "my new password is " + pw + " but it still fails"
			ps = append(ps, h15pw(pw))
		case 1:
			tk, tp := g.h26tok()
			msg = "token in the log: " + tk
			ps = append(ps, tp)
		case 2:
			id := g.h5uuid()
			msg = "request id " + id
			ps = append(ps, neutral("id", id))
		case 3:
			ib := g.h26iban()
			msg = "please refund the licence to " + ib
			ps = append(ps, h15ib(ib))
		}
		f.add(fmt.Sprintf("\"%06d\",\"%s\",\"%s\",\"%s %s\",\"%s\",\"%s\",\"%s\",\"IT\",\"Support\",\"%s\"", 100000+g.r.IntN(900000), g.h26date(), g.pick("Help", "Access", "Hardware"), first, last, em, ph, g.pick("Low", "Normal", "High"), msg), ps...)
	}
}}

// ---- IT asset management ----

var h26SnipeEnv = template{"itam", "snipeit.env", func(g *gen, f *file) {
	f.add("# --------------------------------------------")
	f.add("# REQUIRED: BASIC APP SETTINGS")
	f.add("# --------------------------------------------")
	f.add("APP_ENV=production")
	f.add("APP_DEBUG=false")
	k := "base64:" + encB64(g.h16bytes(32))
	if g.r.IntN(6) == 0 {
		f.add("APP_KEY=ChangeMe")
	} else {
		f.add("APP_KEY="+k, h15gen(k))
	}
	f.add("APP_URL=https://assets." + g.pick(h26orgs...))
	f.add("APP_TIMEZONE='Europe/Brussels'")
	f.add("DB_CONNECTION=mysql")
	f.add("DB_HOST=" + g.h26host())
	f.add("DB_DATABASE=snipeit")
	f.add("DB_USERNAME=" + g.h26user())
	pw, pws := g.h26ppv()
	f.add("DB_PASSWORD="+pw, pws...)
	f.add("MAIL_MAILER=smtp")
	f.add("MAIL_HOST=smtp." + g.pick(h26orgs...))
	em := g.h26email()
	f.add("MAIL_USERNAME="+em, h15mail(em))
	mp, mps := g.h26ppv()
	f.add("MAIL_PASSWORD="+mp, mps...)
	tk, tks := g.h26tv()
	f.add("SLACK_ENDPOINT_TOKEN="+tk, tks...)
	f.add("PRIVATE_AWS_BUCKET=snipe-private")
	tag := "ASSET-" + g.s(digits, 6)
	f.add("# last imported tag "+tag, neutral("id", tag))
}}

var h26GlpiDB = template{"itam", "config_db.php", func(g *gen, f *file) {
	f.add("<?php")
	f.add("class DB extends DBmysql {")
	f.add("   public $dbhost = '" + g.h26host() + "';")
	f.add("   public $dbuser = '" + g.h26user() + "';")
	pw, pws := g.h26pv()
	f.add("   public $dbpassword = '"+pw+"';", pws...)
	f.add("   public $dbdefault = 'glpi';")
	f.add("   public $use_utf8mb4 = true;")
	f.add("   public $allow_myisam = false;")
	f.add("   public $allow_datetime = false;")
	f.add("   public $allow_signed_keys = false;")
	f.add("}")
	f.add("// glpicrypt.key lives in config/; the inventory agent token below is shared with OCS")
	tk, tks := g.h26gv()
	f.add("// agent_token: "+tk, tks...)
	em := g.h26email()
	f.add("// maintainer "+em, h15mail(em))
	h := g.s(hexd, 40)
	f.add("// schema "+h, neutral("hash", h))
}}

func encB64(b []byte) string { return h15b64(string(b)) }

// ---- research repositories ----

var h26DSpaceCfg = template{"repository", "local.cfg", func(g *gen, f *file) {
	f.add("# DSpace 7 local.cfg")
	f.add("dspace.dir = /dspace")
	f.add("dspace.server.url = https://dspace." + g.pick(h26orgs...) + "/server")
	f.add("dspace.ui.url = https://dspace." + g.pick(h26orgs...))
	f.add("dspace.name = " + g.pick("Repositorio Institucional", "Archivio Aperto", "Open Repository"))
	f.add("db.url = jdbc:postgresql://" + g.h26host() + ":5432/dspace")
	f.add("db.username = " + g.h26user())
	pw, pws := g.h26ppv()
	f.add("db.password = "+pw, pws...)
	f.add("mail.server = smtp." + g.pick(h26orgs...))
	f.add("mail.server.username = dspace-noreply")
	mp, mps := g.h26pv()
	f.add("mail.server.password = "+mp, mps...)
	em := g.h26email()
	f.add("mail.admin = "+em, h15mail(em))
	f.add("handle.prefix = 10" + g.s(digits, 3))
	ok, oks := g.h26gv()
	f.add("orcid.application-client-secret = "+ok, oks...)
	f.add("orcid.application-client-id = APP-" + g.s(upperD, 16))
	gk, gks := g.h26tv()
	f.add("google.analytics.api-secret = "+gk, gks...)
}}

var h26DataverseMk = template{"repository", "deposit.mk", func(g *gen, f *file) {
	f.add("# Makefile fragment: deposit the survey files into Dataverse")
	f.add("SERVER_URL ?= https://dataverse." + g.pick(h26orgs...))
	tk := g.h5uuid()
	if g.r.IntN(6) == 0 {
		f.add("API_TOKEN ?= xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
	} else {
		f.add("API_TOKEN ?= "+tk, h15gen(tk))
	}
	doi := "doi:10.5072/FK2/" + g.s(upperD, 6)
	f.add("PERSISTENT_ID := "+doi, neutral("id", doi))
	f.add("")
	f.add(".PHONY: upload")
	f.add("upload: data/survey.tab")
	f.add("\tcurl -H \"X-Dataverse-key:$(API_TOKEN)\" -X POST -F \"file=@$<\" \\")
	f.add("\t  \"$(SERVER_URL)/api/datasets/:persistentId/add?persistentId=$(PERSISTENT_ID)\"")
	f.add("")
	em := g.h26email()
	f.add("CONTACT := "+em, h15mail(em))
	s3, s3s := g.h26tv()
	f.add("S3_ACCESS := "+s3, s3s...)
	sk, sks := g.h26gv()
	f.add("S3_SECRET := "+sk, sks...)
	sum := g.s(hexd, 32)
	f.add("# data/survey.tab md5 "+sum, neutral("hash", sum))
}}

// ---- monitoring ----

var h26CmkPasswords = template{"monitoring", "passwords.mk", func(g *gen, f *file) {
	f.add("# Written by Checkmk store")
	f.add("")
	f.add("stored_passwords.update({")
	for i := 0; i < 3+g.r.IntN(3); i++ {
		pw, pws := g.h26pv()
		if strings.ContainsAny(pw, "'") {
			pw, pws = "changeme", nil
		}
		f.add(fmt.Sprintf("'%s': {'title': '%s', 'comment': '', 'docu_url': '', 'password': '%s', 'owned_by': None, 'shared_with': []},", g.pick("mysql_mon", "ipmi_root", "vsphere", "snmpv3_auth", "oracle_sys", "mssql_agent")+fmt.Sprint(i), g.pick("MySQL monitoring", "IPMI", "vCenter", "SNMP v3", "Oracle"), pw), pws...)
	}
	f.add("})")
	f.add("")
	em := g.h26email()
	f.add("# notification contact "+em, h15mail(em))
	tk, tks := g.h26tv()
	f.add("# automation secret for REST API: "+tk, tks...)
	h := g.s(hexd, 64)
	f.add("# site hash "+h, neutral("hash", h))
}}

var h26LibreNMS = template{"monitoring", "librenms-config.php", func(g *gen, f *file) {
	f.add("<?php")
	f.add("## Have a look in misc/config_definitions.json for examples of settings you can set here.")
	f.add("$config['db_host'] = '" + g.h26host() + "';")
	f.add("$config['db_user'] = '" + g.h26user() + "';")
	pw, pws := g.h26pv()
	f.add("$config['db_pass'] = '"+pw+"';", pws...)
	f.add("$config['db_name'] = 'librenms';")
	f.add("$config['user'] = 'librenms';")
	com := g.h26plain()
	f.add("$config['snmp']['community'] = array('"+com+"');", h15pw(com))
	f.add("$config['auth_mechanism'] = 'ldap';")
	lp, lps := g.h26pv()
	f.add("$config['auth_ldap_bindpassword'] = '"+lp+"';", lps...)
	tk, tks := g.h26tv()
	f.add("$config['alert']['transports']['api'] = '"+tk+"';", tks...)
	em := g.h26email()
	f.add("$config['alert']['default_mail'] = '"+em+"';", h15mail(em))
	f.add("$config['update_channel'] = 'release';")
}}

// ---- project management ----

var h26TaigaPy = template{"pm", "taiga_config.py", func(g *gen, f *file) {
	f.add("from .common import *")
	f.add("")
	f.add("DATABASES = {")
	f.add("    'default': {")
	f.add("        'ENGINE': 'django.db.backends.postgresql',")
	f.add("        'NAME': 'taiga',")
	f.add("        'USER': '" + g.h26user() + "',")
	pw, pws := g.h26pv()
	f.add("        'PASSWORD': '"+pw+"',", pws...)
	f.add("        'HOST': '" + g.h26host() + "',")
	f.add("    }")
	f.add("}")
	sk := g.s(alnum+"!@#%^*(-_=+)", 50)
	f.add("SECRET_KEY = \""+sk+"\"", h15gen(sk))
	f.add("SITES['api']['domain'] = 'taiga." + g.pick(h26orgs...) + "'")
	f.add("EMAIL_HOST = 'smtp." + g.pick(h26orgs...) + "'")
	em := g.h26email()
	f.add("EMAIL_HOST_USER = '"+em+"'", h15mail(em))
	ep, eps := g.h26pv()
	f.add("EMAIL_HOST_PASSWORD = '"+ep+"'", eps...)
	gh, ghs := g.h26tv()
	f.add("GITHUB_API_CLIENT_SECRET = \""+gh+"\"", ghs...)
	f.add("PUBLIC_REGISTER_ENABLED = False")
}}

var h26OpenProjectYml = template{"pm", "configuration.yml", func(g *gen, f *file) {
	f.add("# OpenProject configuration.yml")
	f.add("production:")
	f.add("  rails_cache_store: :memcache")
	f.add("  email_delivery_method: :smtp")
	f.add("  smtp_address: smtp." + g.pick(h26orgs...))
	f.add("  smtp_port: 587")
	em := g.h26email()
	f.add("  smtp_user_name: \""+em+"\"", h15mail(em))
	sp, sps := g.h26pv()
	f.add("  smtp_password: \""+sp+"\"", sps...)
	f.add("  attachments_storage: fog")
	f.add("  fog:")
	f.add("    directory: op-uploads")
	f.add("    credentials:")
	f.add("      provider: 'AWS'")
	ak := g.pick("AKIA", "ASIA") + g.s(b32[:26]+"234567", 16)
	f.add("      aws_access_key_id: '"+ak+"'", secret("aws", ak))
	sk := g.s(b64[:62]+"+/", 40)
	f.add("      aws_secret_access_key: '"+sk+"'", secret("aws", sk))
	f.add("      region: 'eu-west-1'")
	u, us := g.h26dsn("postgres", "openproject")
	f.add("  database_url: "+u, us)
	f.add("  omniauth_direct_login_provider: null")
}}

// ---- threat intelligence ----

var h26HiveConf = template{"threatintel", "application.conf", func(g *gen, f *file) {
	f.add("# TheHive configuration (HOCON)")
	sk := g.s(alnum, 64)
	f.add("play.http.secret.key=\""+sk+"\"", h15gen(sk))
	f.add("db.janusgraph {")
	f.add("  storage {")
	f.add("    backend = cql")
	f.add("    hostname = [\"" + g.privIP() + "\"]")
	f.add("    username = \"" + g.h26user() + "\"")
	pw, pws := g.h26pv()
	f.add("    password = \""+pw+"\"", pws...)
	f.add("    cql { cluster-name = thp, keyspace = thehive }")
	f.add("  }")
	f.add("}")
	f.add("cortex {")
	f.add("  servers = [{")
	f.add("    name = local")
	f.add("    url = \"http://cortex:9001\"")
	f.add("    auth {")
	f.add("      type = \"bearer\"")
	ck := g.s(alnum+"+/", 32)
	f.add("      key = \""+ck+"\"", h15gen(ck))
	f.add("    }")
	f.add("  }]")
	f.add("}")
	f.add("misp {")
	mk, mks := g.h26gv()
	f.add("  servers = [{ name = \"CIRCL\", url = \"https://misp."+g.pick(h26orgs...)+"\", auth { type = key, key = \""+mk+"\" } }]", mks...)
	f.add("}")
	em := g.h26email()
	f.add("# owner "+em, h15mail(em))
}}

var h26OpenCTIJSON = template{"threatintel", "production.json", func(g *gen, f *file) {
	f.add("{")
	f.add("  \"app\": {")
	f.add("    \"port\": 4000,")
	f.add("    \"base_url\": \"https://cti." + g.pick(h26orgs...) + "/\",")
	em := g.h26email()
	f.add("    \"admin\": {")
	f.add("      \"email\": \""+em+"\",", h15mail(em))
	pw, pws := g.h26pv()
	f.add("      \"password\": \""+pw+"\",", pws...)
	tk := g.h5uuid()
	f.add("      \"token\": \""+tk+"\"", h15gen(tk))
	f.add("    }")
	f.add("  },")
	f.add("  \"redis\": { \"hostname\": \"redis\", \"port\": 6379 },")
	f.add("  \"rabbitmq\": {")
	f.add("    \"hostname\": \"rabbitmq\",")
	f.add("    \"username\": \"" + g.h26user() + "\",")
	rp, rps := g.h26ppv()
	f.add("    \"password\": \""+rp+"\"", rps...)
	f.add("  },")
	f.add("  \"minio\": {")
	ak, aks := g.h26gv()
	mak := g.s(upperD, 20)
	f.add("    \"access_key\": \""+mak+"\",", neutral("ambiguous", mak))
	f.add("    \"secret_key\": \""+ak+"\"", aks...)
	f.add("  },")
	ver := g.h26ver()
	f.add("  \"version\": \""+ver+"\"", neutral("version", ver))
	f.add("}")
}}

// ---- Japanese payroll ----

var h26kana = []string{"ﾀｹﾀﾞ ﾋﾛｼ", "ｽｽﾞｷ ﾕｳｺ", "ｻﾄｳ ｹﾝｼﾞ", "ﾀﾅｶ ﾐｷ", "ﾔﾏﾓﾄ ｼｮｳﾀ", "ﾜﾀﾅﾍﾞ ｱﾔ", "ｺﾊﾞﾔｼ ﾀﾞｲｽｹ"}

func h26pad(s string, n int) string {
	w := len([]rune(s))
	if w >= n {
		return string([]rune(s)[:n])
	}
	return s + strings.Repeat(" ", n-w)
}

var h26Zengin = template{"kyuyo", "furikomi.txt", func(g *gen, f *file) {
	acct := g.s(digits, 7) // the paying company's own account, not personal data
	f.add("1210"+g.s(digits, 10)+h26pad("ｶ)ｵｵﾃﾏﾁｼｮｳｼﾞ", 40)+"0325"+"0005"+h26pad("ﾐﾂﾋﾞｼUFJ", 15)+"001"+h26pad("ﾎﾝﾃﾝ", 15)+"1"+acct+strings.Repeat(" ", 17), neutral("company-account", acct))
	total := 0
	n := 3 + g.r.IntN(5)
	for i := 0; i < n; i++ {
		a := g.s(digits, 7)
		amt := 180000 + g.r.IntN(400000)
		total += amt
		f.add("2"+g.pick("0001", "0005", "0009", "0010")+h26pad(g.pick("ﾐｽﾞﾎ", "ﾐﾂｲｽﾐﾄﾓ", "ﾘｿﾅ", "ﾕｳﾁﾖ"), 15)+fmt.Sprintf("%03d", 1+g.r.IntN(900))+h26pad(g.pick("ｼﾌﾞﾔ", "ｳﾒﾀﾞ", "ｻｶｴ"), 15)+"    "+"1"+a+h26pad(g.pick(h26kana...), 30)+fmt.Sprintf("%010d", amt)+"0"+strings.Repeat(" ", 20)+" "+" "+strings.Repeat(" ", 7), pii("bank-account", a))
	}
	f.add("8" + fmt.Sprintf("%06d%012d", n, total) + strings.Repeat(" ", 101))
	f.add("9" + strings.Repeat(" ", 119))
}}

var h26ShainCSV = template{"kyuyo", "shain_meibo.csv", func(g *gen, f *file) {
	f.add("社員番号,氏名,フリガナ,生年月日,個人番号,メールアドレス,電話番号,振込口座,住所,初期パスワード")
	names := []string{"竹田 浩", "鈴木 優子", "佐藤 健二", "田中 美紀", "山本 翔太", "渡辺 彩"}
	for i := 0; i < 4+g.r.IntN(4); i++ {
		mn := g.h26mynumber()
		em := g.h26email()
		ph := "0" + g.pick("90", "80", "70") + "-" + g.s(digits, 4) + "-" + g.s(digits, 4)
		acct := g.s(digits, 7)
		emp := fmt.Sprintf("E%05d", 1+g.r.IntN(99999))
		pw, pws := g.h26ppv()
		f.add(fmt.Sprintf("%s,%s,%s,19%02d/%02d/%02d,%s,%s,%s,普通 %s,\"%s\",%s", emp, g.pick(names...), g.pick(h26kana...), 50+g.r.IntN(50), 1+g.r.IntN(12), 1+g.r.IntN(28), mn, em, ph, acct, g.h26addr(), pw), append([]plant{h15id(mn), h15mail(em), h15tel(ph), pii("bank-account", acct), neutral("id", emp)}, pws...)...)
	}
	f.add("# 個人番号は取扱注意 (番号法)")
}}

// ---- UK energy billing ----

var h26DTCFlow = template{"energy", "D0055001.flw", func(g *gen, f *file) {
	f.add("ZHV|" + g.s(digits, 10) + "|D0055001|X|" + g.pick("EELC", "BGAS", "OVOE") + "|R|" + g.pick("UDCL", "SEEB") + "|2026" + fmt.Sprintf("%02d%02d", 1+g.r.IntN(12), 1+g.r.IntN(28)) + "120000||||OPER|")
	for i := 0; i < 2+g.r.IntN(3); i++ {
		mpan := g.s("12", 1) + g.s(digits, 12)
		f.add("026|"+mpan+"|V|", neutral("id", mpan))
		first, last := g.h26name()
		f.add("028|" + first + " " + last + "|" + g.pick("Mr", "Ms", "Dr") + "|")
		ph := "+44 " + g.pick("7700", "7911", "7488") + " " + g.s(digits, 6)
		f.add("029|"+ph+"||", h15tel(ph))
		em := g.h26email()
		f.add("030|"+em+"|", h15mail(em))
		sc := g.s(digits, 2) + "-" + g.s(digits, 2) + "-" + g.s(digits, 2)
		ac := g.s(digits, 8)
		f.add("031|DD|"+sc+"|"+ac+"|", pii("bank-account", ac))
	}
	f.add("ZPT|" + g.s(digits, 10) + "|" + fmt.Sprint(5+g.r.IntN(10)) + "||1|" + g.s(digits, 14) + "|")
}}

var h26MeterToml = template{"energy", "meter-feeds.toml", func(g *gen, f *file) {
	f.add("# meter data feeds polled by the billing engine")
	f.add("[engine]")
	f.add("tz = \"Europe/London\"")
	u, us := g.h26dsn("postgresql", "billing")
	f.add("database = \""+u+"\"", us)
	for i := 0; i < 2+g.r.IntN(3); i++ {
		f.add("")
		f.add("[[feed]]")
		f.add("name = \"" + g.pick("smets2-dcc", "half-hourly", "amr-legacy", "gas-ami") + fmt.Sprint(i) + "\"")
		f.add("host = \"sftp." + g.pick(h26orgs...) + "\"")
		f.add("user = \"" + g.h26user() + "\"")
		pw, pws := g.h26pv()
		f.add("password = \""+pw+"\"", pws...)
		if g.r.IntN(2) == 0 {
			tk, tks := g.h26tv()
			f.add("api_token = \""+tk+"\"", tks...)
		}
		fp := "SHA256:" + encB64(g.h16bytes(32))[:43]
		f.add("host_key_fingerprint = \""+fp+"\"", neutral("hash", fp))
	}
	f.add("")
	f.add("[alerts]")
	em := g.h26email()
	f.add("to = [\""+em+"\"]", h15mail(em))
}}

// ---- elections ----

var h26HeliosPy = template{"elections", "settings_local.py", func(g *gen, f *file) {
	f.add("# Helios voting server local settings")
	f.add("import os")
	f.add("DEBUG = False")
	sk := g.s(alnum+"!@#$%^&*(-_=+)", 50)
	f.add("SECRET_KEY = '"+sk+"'", h15gen(sk))
	u, us := g.h26dsn("postgres", "helios")
	f.add("DATABASES = {'default': dj_database_url.parse('"+u+"')}", us)
	f.add("URL_HOST = 'https://vote." + g.pick(h26orgs...) + "'")
	f.add("AUTH_ENABLED_SYSTEMS = ['google', 'password']")
	gc := "GOCSPX-" + g.s(urlb64, 28)
	f.add("GOOGLE_CLIENT_ID = '" + g.s(digits, 12) + "-" + g.s(lower+digits, 32) + ".apps.googleusercontent.com'")
	f.add("GOOGLE_CLIENT_SECRET = '"+gc+"'", secret("google", gc))
	em := g.h26email()
	f.add("HELP_EMAIL_ADDRESS = '"+em+"'", h15mail(em))
	ep, eps := g.h26pv()
	f.add("EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '"+ep+"')", eps...)
	f.add("CELERY_BROKER_URL = os.environ.get('CELERY_BROKER_URL', 'amqp://localhost')")
	h := g.s(hexd, 64)
	f.add("# election fingerprint "+h, neutral("hash", h))
}}

var h26VotersCSV = template{"elections", "voters.csv", func(g *gen, f *file) {
	f.add("voter_type,voter_id,email,name")
	for i := 0; i < 5+g.r.IntN(6); i++ {
		first, last := g.h26name()
		em := g.h26email()
		vid := "v" + g.s(digits, 6)
		f.add(fmt.Sprintf("password,%s,%s,%s %s", vid, em, first, last), h15mail(em))
	}
	if g.r.IntN(2) == 0 {
		em := g.h26email()
		f.add("# returning officer: "+em, h15mail(em))
	}
}}

// ---- sports timing ----

var h26RaceCSV = template{"timing", "participants.csv", func(g *gen, f *file) {
	f.add("Bib;Transponder;Lastname;Firstname;Gender;DateOfBirth;Club;Contest;Email;Phone;EmergencyContact;EmergencyPhone;RefundIBAN;Document")
	for i := 0; i < 5+g.r.IntN(5); i++ {
		first, last := g.h26name()
		em := g.h26email()
		ph := g.h26phone()
		eph := g.h26phone()
		tr := g.s(upperD, 7)
		ps := []plant{h15mail(em), h15tel(ph), h15tel(eph), neutral("id", tr)}
		ib := ""
		if g.r.IntN(2) == 0 {
			ib = g.h26iban()
			ps = append(ps, h15ib(ib))
		}
		doc := ""
		if g.r.IntN(2) == 0 {
			doc = g.h26nid()
			ps = append(ps, h15id(doc))
		}
		f.add(fmt.Sprintf("%d;%s;%s;%s;%s;%02d.%02d.19%02d;%s;%s;%s;%s;%s;%s;%s;%s", 1+g.r.IntN(2000), tr, last, first, g.pick("m", "f"), 1+g.r.IntN(28), 1+g.r.IntN(12), 50+g.r.IntN(50), g.pick("TV Liège", "ASD Palermo Run", ""), g.pick("10K", "Half", "Marathon"), em, ph, g.pick("partner", "mother", "friend"), eph, ib, doc), ps...)
	}
}}

var h26UploaderPlist = template{"timing", "com.kyzyltiming.uploader.plist", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
	f.add("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">")
	f.add("<plist version=\"1.0\">")
	f.add("<dict>")
	f.add("\t<key>EventID</key>")
	f.add("\t<string>" + g.s(digits, 6) + "</string>")
	f.add("\t<key>ResultsAPIKey</key>")
	k, ks := g.h26gv()
	f.add("\t<string>"+k+"</string>", ks...)
	f.add("\t<key>FTPHost</key>")
	f.add("\t<string>ftp." + g.pick(h26orgs...) + "</string>")
	f.add("\t<key>FTPPassword</key>")
	pw, pws := g.h26ppv()
	f.add("\t<string>"+pw+"</string>", pws...)
	f.add("\t<key>LiveFeedToken</key>")
	tk, tks := g.h26tv()
	if g.r.IntN(2) == 0 {
		tk = g.h26jwt()
		tks = []plant{secret("jwt", tk)}
	}
	f.add("\t<string>"+tk+"</string>", tks...)
	f.add("\t<key>OperatorEmail</key>")
	em := g.h26email()
	f.add("\t<string>"+em+"</string>", h15mail(em))
	f.add("\t<key>DecoderSerial</key>")
	sn := g.s(upperD, 10)
	f.add("\t<string>"+sn+"</string>", neutral("id", sn))
	f.add("</dict>")
	f.add("</plist>")
}}

// ---- retail POS ----

var h26UnicentaProps = template{"pos", "unicentaopos.properties", func(g *gen, f *file) {
	f.add("#uniCenta oPOS. The choice of free businesses.")
	f.add("#" + g.pick("Mon", "Tue", "Fri") + " Mar 0" + g.s("123456789", 1) + " 10:12:45 CET 2026")
	f.add("db.driver=com.mysql.jdbc.Driver")
	f.add("db.URL=jdbc:mysql://" + g.h26host() + ":3306/")
	f.add("db.schema=unicentaopos")
	f.add("db.user=" + g.h26user())
	if g.r.IntN(3) == 0 {
		enc := "crypt:" + strings.ToUpper(g.s(hexd, 32))
		f.add("db.password="+enc, neutral("encrypted", enc))
	} else {
		pw, pws := g.h26ppv()
		f.add("db.password="+pw, pws...)
	}
	f.add("machine.printer=epson:file,/dev/usb/lp0")
	f.add("machine.scale=Not defined")
	f.add("payment.gateway=" + g.pick("external", "PaymentsPlanet"))
	pk, pks := g.h26tv()
	f.add("payment.commerceid=" + g.s(digits, 8))
	f.add("payment.commercepassword="+pk, pks...)
	em := g.h26email()
	f.add("# store manager "+em, h15mail(em))
	f.add("swing.defaultlaf=org.pushingpixels.substance.api.skin.CremeSkin")
}}

var h26Journal = template{"pos", "ejournal.txt", func(g *gen, f *file) {
	f.add("================ ELECTRONIC JOURNAL ================")
	f.add("STORE 0" + g.s(digits, 3) + "  REG " + g.s(digits, 2) + "  " + g.h26date())
	for i := 0; i < 2+g.r.IntN(3); i++ {
		f.add("----------------------------------------------------")
		f.add(fmt.Sprintf("TRN %06d   CASHIER %s", g.r.IntN(999999), g.pick("Shyam", "Manju", "Ravi")))
		f.add(fmt.Sprintf("  %-30s %8.2f", g.pick("RICE BASMATI 5KG", "MUSTARD OIL 1L", "TEA 500G", "SOAP X3"), 50+g.r.Float64()*500))
		switch g.r.IntN(3) {
		case 0:
			c := g.h26card()
			f.add("  CARD "+c+"  AUTH "+g.s(digits, 6), h15cc(c))
		case 1:
			m := "XXXX XXXX XXXX " + g.s(digits, 4)
			f.add("  CARD " + m + "  AUTH " + g.s(digits, 6))
		default:
			f.add("  CASH")
		}
		if g.r.IntN(2) == 0 {
			ph := g.h26phone()
			f.add("  LOYALTY "+ph, h15tel(ph))
		}
		if g.r.IntN(3) == 0 {
			em := g.h26email()
			f.add("  E-RECEIPT TO "+em, h15mail(em))
		}
	}
	f.add("----------------------------------------------------")
	pw := g.h26plain()
	f.add("MGR OVERRIDE PWD ENTERED: "+pw, h15pw(pw))
	h := strings.ToUpper(g.s(hexd, 40))
	f.add("JOURNAL SHA1 "+h, neutral("hash", h))
}}

// ---- church management ----

var h26RockConn = template{"church", "web.ConnectionStrings.config", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\"?>")
	f.add("<connectionStrings>")
	pw, pws := g.h26ppv()
	f.add(fmt.Sprintf("  <add name=\"RockContext\" connectionString=\"Data Source=%s;Initial Catalog=RockRMS;User Id=%s;password=%s;MultipleActiveResultSets=true\" providerName=\"System.Data.SqlClient\"/>", g.h26host(), g.h26user(), pw), pws...)
	f.add("</connectionStrings>")
	f.add("<!-- giving gateway (NMI) -->")
	k, ks := g.h26gv()
	f.add("<!-- SecurityKey: "+k+" -->", ks...)
	em := g.h26email()
	f.add("<!-- parish office: "+em+" -->", h15mail(em))
	ph := g.h26phone()
	f.add("<!-- call "+ph+" before restarting IIS -->", h15tel(ph))
	mk := strings.ToUpper(g.s(hexd, 64))
	f.add("<!-- machineKey validationKey=\""+mk+"\" -->", h15gen(mk))
}}

var h26MemberVcf = template{"church", "members.vcf", func(g *gen, f *file) {
	for i := 0; i < 2+g.r.IntN(3); i++ {
		first, last := g.h26name()
		f.add("BEGIN:VCARD")
		f.add("VERSION:3.0")
		f.add("N:" + last + ";" + first + ";;;")
		f.add("FN:" + first + " " + last)
		em := g.h26email()
		f.add("EMAIL;TYPE=HOME:"+em, h15mail(em))
		ph := g.h26phone()
		f.add("TEL;TYPE=CELL:"+ph, h15tel(ph))
		f.add("ADR;TYPE=HOME:;;" + strings.ReplaceAll(g.h26addr(), ",", ";") + ";;;;")
		switch g.r.IntN(3) {
		case 0:
			ib := g.h26iban()
			f.add("NOTE:Standing order for tithes from "+ib, h15ib(ib))
		case 1:
			id := g.h26nid()
			f.add("NOTE:Gift Aid declaration - ID "+id, h15id(id))
		default:
			f.add("NOTE:Small group leader")
		}
		uid := g.h5uuid()
		f.add("UID:"+uid, neutral("id", uid))
		f.add("END:VCARD")
	}
}}

// ---- car rental desk messages ----

type h26lang struct {
	name                         string
	hello, pw, card, mail, phone string
	bye                          string
}

var h26rentalA = []h26lang{
	{"ast", "Bones, el coche ta llistu nel aparcamientu.", "La contraseña de la wifi de la oficina ye", "La tarxeta pal depósitu:", "Manda'l contratu a", "El míu teléfonu:", "Gracies, hasta mañana."},
	{"scn", "Salutamu, la machina è pronta ô parcheggiu.", "A password dô portali è", "A carta pû depositu:", "Mannati u cuntrattu a", "U me nummaru:", "Grazzi, a dumani."},
	{"kpv", "Видза оланныд, машина парковкаын виччысьӧ.", "Офисса вайфай пароль:", "Залог вылӧ карта:", "Договорсӧ ыстӧй", "Менам телефон:", "Аттьӧ, аски аддзысьлам."},
	{"haz", "سلام، موتر د پارکینگ تیار اس.", "پاسورد وای‌فای دفتر", "کارت بلدی ضمانت:", "قرارداد ره روان کو به", "شماره مه:", "تشکر، صبا مینگرم."},
}

var h26rentalB = []h26lang{
	{"arg", "Bonas, o coche ye parato en o parking.", "A clau d'o wifi de l'oficina ye", "A tarcheta ta la fianza:", "Ninvía o contrato a", "O mío telefono:", "Grazias, dica mañana."},
	{"wa", "Bondjoû, l' oto est prète å parking.", "Li scret do wifi do burô c' est", "Li carte po l' waranteye:", "Evoyîz l' contrat a", "Mi limero d' telefone:", "Gråces, a dmwin."},
	{"udm", "Ӟечбуресь, машина парковкаын возьма.", "Офислэн вайфай пароль:", "Залоглы карта:", "Договорез ыстэ", "Мынам телефоно:", "Тау, чуказе пумиськом."},
	{"new", "ज्वजलपा, मोटर पार्किङय् तयार दु।", "अफिसया वाइफाइया पासवर्ड", "धरौटीया कार्ड:", "सम्झौता छ्वयादिसँ", "जिगु फोन:", "सुभाय्, कन्हे नापलाये।"},
}

// h26chat is one message of a desk conversation in language l and its plants.
func (g *gen) h26chat(l h26lang) (string, []plant) {
	switch g.r.IntN(7) {
	case 0:
		pw := g.h26plain()
		return l.pw + " " + pw, []plant{h15pw(pw)}
	case 1:
		c := g.h26card()
		return l.card + " " + c, []plant{h15cc(c)}
	case 2:
		em := g.h26email()
		return l.mail + " " + em, []plant{h15mail(em)}
	case 3:
		ph := g.h26phone()
		return l.phone + " " + ph, []plant{h15tel(ph)}
	case 4:
		v, p := g.h26pii()
		return l.hello + " " + v, []plant{p}
	case 5:
		id := g.h5uuid()
		return l.hello + " #" + id, []plant{neutral("id", id)}
	}
	return l.bye, nil
}

func h26jsonEsc(s string) string {
	return strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(s)
}

var h26RentalMatrix = template{"rental", "element-export.json", func(g *gen, f *file) {
	l := h26rentalA[g.r.IntN(len(h26rentalA))]
	f.add("{")
	f.add("  \"room_name\": \"Rent desk " + l.name + "\",")
	f.add("  \"room_creator\": \"@desk:" + g.pick(h26orgs...) + "\",")
	f.add("  \"export_date\": \"" + g.h26date() + "\",")
	f.add("  \"messages\": [")
	n := 4 + g.r.IntN(5)
	for i := 0; i < n; i++ {
		txt, ps := g.h26chat(l)
		if i == n-1 && !h26hasPos(ps) {
			em := g.h26email()
			txt, ps = l.mail+" "+em, []plant{h15mail(em)}
		}
		sep := ","
		if i == n-1 {
			sep = ""
		}
		f.add(fmt.Sprintf("    {\"type\": \"m.room.message\", \"sender\": \"@%s:%s\", \"origin_server_ts\": 17%011d, \"content\": {\"msgtype\": \"m.text\", \"body\": \"%s\"}, \"event_id\": \"$%s\"}%s", g.pick("desk", "guest", "manager"), g.pick(h26orgs...), g.r.IntN(1e11), h26jsonEsc(txt), g.s(urlb64, 43), sep), ps...)
	}
	f.add("  ]")
	f.add("}")
}}

func h26hasPos(ps []plant) bool {
	for _, p := range ps {
		if p.kind != "neutral" {
			return true
		}
	}
	return false
}

var h26RentalWeechat = template{"rental", "irc.libera.#rentdesk.weechatlog", func(g *gen, f *file) {
	l := h26rentalB[g.r.IntN(len(h26rentalB))]
	n := 5 + g.r.IntN(6)
	f.add(g.h26date() + " 08:00:01\t-->\t" + g.pick("desk", "marco") + " (~u@" + g.privIP() + ") has joined #rentdesk")
	for i := 0; i < n; i++ {
		txt, ps := g.h26chat(l)
		if i == n-1 && !h26hasPos(ps) {
			ph := g.h26phone()
			txt, ps = l.phone+" "+ph, []plant{h15tel(ph)}
		}
		f.add(fmt.Sprintf("%s %02d:%02d:%02d\t%s\t%s", g.h26date(), 8+g.r.IntN(10), g.r.IntN(60), g.r.IntN(60), g.pick("desk", "@manager", "guest42", "marco"), txt), ps...)
	}
}}

// ---- allotment association notes ----

var h26ortiA = []h26lang{
	{"vec", "Verbale de l'asenblea dei orti.", "La password del lucheto del capanon xe", "Carta par la quota:", "Scriveghe a", "Tel. del tesorier:", "Se vedemo domenega."},
	{"csb", "Protokół z zebraniô ògródków.", "Parolô do kłódczi ò szopie to", "Kôrta do płacënku:", "Piszëta do", "Telefón skarbnika:", "Do òbaczeniô w niedzelã."},
	{"myv", "Садонь вейсэндязоронь промкс.", "Сараень панжомань пароль:", "Пандомань карта:", "Сёрмадодо", "Казначеень телефон:", "Недлязо неяткшнэсынек."},
	{"lad", "אקטה די לה אסמבליאה די לוס גואירטוס.", "לה פאלאבריטה דיל קאנדאדו איס", "לה טארזשיטה פארה לה קואוטה:", "איסקריבי אה", "איל טילפון דיל טיזוריירו:", "מוס וימוס איל דומינגו."},
}

var h26ortiB = []h26lang{
	{"szl", "Protokōł z zebraniŏ działkowcōw.", "Hasło do kłōdki ôd szopy to", "Karta do płacynio:", "Piszcie do", "Telefōn skarbnika:", "Widzymy sie w niydziela."},
	{"tyv", "Ажык-тарымал шевергилерниң чыыжының протоколу.", "Сарайның шоожунуң пароль:", "Төлевир карта:", "Бижип чорудуңар", "Казначейниң телефону:", "Улуг-хүнде көрүжер бис."},
	{"bho", "बगइचा समिति के बइठक के बिबरन।", "गोदाम के ताला के पासवर्ड बा", "चंदा खातिर कार्ड:", "एह पता पर लिखीं", "खजांची के फोन:", "एतवार के भेंट होई।"},
	{"xmf", "ბაღეფიშ საზოგადოებაშ კრებაშ ოქმი.", "ბოსელიშ კლიტეშ პაროლი რე", "ბარათი ხარჯიშო:", "ჭარით", "ხაზინადარიშ ტელეფონი:", "ჟაშხაშ ქოძირათ."},
}

var h26OrtiJoplin = template{"orti", "verbale.md", func(g *gen, f *file) {
	l := h26ortiA[g.r.IntN(len(h26ortiA))]
	f.add("---")
	f.add("title: " + l.hello)
	f.add("created: " + g.h26date() + " 19:30:00Z")
	id := g.s(hexd, 32)
	f.add("id: "+id, neutral("id", id))
	f.add("tags: [orti, " + l.name + "]")
	f.add("---")
	f.add("")
	f.add("# " + l.hello)
	f.add("")
	n := 4 + g.r.IntN(4)
	at := g.r.IntN(n)
	for i := 0; i < n; i++ {
		txt, ps := g.h26chat(l)
		if i == at {
			pw := g.h26plain()
			txt, ps = l.pw+" "+pw, []plant{h15pw(pw)}
		}
		f.add("- "+txt, ps...)
	}
	f.add("")
	f.add("> " + l.bye)
}}

var h26OrtiPdftext = template{"orti", "verbale-pdftotext.txt", func(g *gen, f *file) {
	l := h26ortiB[g.r.IntN(len(h26ortiB))]
	f.add("                                   " + l.hello)
	f.add("")
	f.add(g.h26date())
	f.add("")
	n := 4 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		txt, ps := g.h26chat(l)
		if i == n-1 && !h26hasPos(ps) {
			ph := g.h26phone()
			txt, ps = l.phone+" "+ph, []plant{h15tel(ph)}
		}
		f.add(fmt.Sprint(i+1)+". "+txt, ps...)
		if i == 2 {
			f.add("")
			f.add("                                                            " + fmt.Sprint(1))
			f.add("\f")
		}
	}
	f.add("")
	f.add(l.bye)
	f.add("                                                            2")
}}
