package main

import (
	"fmt"
	"strings"
)

// held25Families pairs each family's two shapes: a goes to held25a, b to held25b.
var held25Families = []struct{ a, b template }{
	{h25PiAware, h25FR24},
	{h25ZuulConf, h25ZuulYaml},
	{h25StCmd, h25Phoebus},
	{h25IdempiereEnv, h25AdUserCopy},
	{h25Std18, h25BacsBureau},
	{h25OCConfig, h25OCDump},
	{h25TBConf, h25TBDevices},
	{h25WorldConf, h25AuthSQL},
	{h25PretixCfg, h25PretixOrders},
	{h25RetsYml, h25Listings},
	{h25TarantoolLua, h25CartridgeYml},
	{h25DotMonetdb, h25Msqldump},
	{h25JamfDB, h25JamfEnroll},
	{h25OTPRouter, h25OBADataSources},
	{h25ODConfig, h25Recall},
	{h25RunnerJSON, h25RunnerYaml},
	{h25Scmaster, h25Htpasswd},
	{h25Chilli, h25Guests},
	{h25CoworkJSON, h25CoworkThread},
	{h25FerryYaml, h25FerryEml},
}

var held25aTemplates, held25bTemplates = halves(held25Families)

// ---- ADS-B feeders ----

var h25PiAware = template{"adsb", "piaware-config.txt", func(g *gen, f *file) {
	f.add("# piaware-config.txt - PiAware SD card image settings")
	f.add("# Lines starting with # are comments. Settings take effect after a reboot.")
	fid := g.h5uuid()
	f.add("feeder-id "+fid, neutral("id", fid))
	f.add("receiver-type " + g.pick("rtlsdr", "beast", "radarcape", "relay"))
	f.add("rtlsdr-gain " + g.pick("-10", "49.6", "38.6", "max"))
	f.add("allow-auto-updates yes")
	f.add("allow-manual-updates yes")
	f.add("wired-network " + g.pick("yes", "no"))
	f.add("wireless-network yes")
	f.add("wireless-ssid " + g.pick("Mary-Airport-Ops", "ADSB_Hangar2", "TurkmenAir Crew"))
	wp, wps := g.h25ppv()
	f.add("wireless-password "+wp, wps...)
	f.add("wireless-country " + g.pick("TM", "GB", "IT", "GU"))
	f.add("flightaware-user " + g.h25user())
	fp, fps := g.h25pv()
	f.add("flightaware-password "+fp, fps...)
	if g.r.IntN(2) == 0 {
		f.add("mlat-results-format \"beast,connect,localhost:30104 beast,listen,30105 ext_basestation,listen,30106\"")
	}
	f.add("# fr24 sharing key for the second feed on this box")
	k := strings.ToLower(g.s(hexd, 16))
	f.add("# fr24key "+k, h15gen(k))
	first, last := g.h25name()
	em := g.h25email()
	f.add("# site contact: "+first+" "+last+" <"+em+">", h15mail(em))
	ph := g.h25phone()
	f.add("# hangar phone "+ph, h15tel(ph))
	v := g.h25ver()
	f.add("# image version "+v, neutral("version", v))
}}

var h25FR24 = template{"adsb", "fr24feed.ini", func(g *gen, f *file) {
	k := strings.ToLower(g.s(hexd, 16))
	f.add("receiver=\"" + g.pick("dvbt", "beast-tcp", "avr-tcp") + "\"")
	f.add("fr24key=\""+k+"\"", h15gen(k))
	f.add("host=\"" + g.privIP() + ":30005\"")
	f.add("bs=\"no\"")
	f.add("raw=\"no\"")
	f.add("logmode=\"1\"")
	f.add("logpath=\"/var/log/fr24feed\"")
	f.add("mlat=\"yes\"")
	f.add("mlat-without-gps=\"yes\"")
	sk := strings.ToUpper(g.s(hexd, 16))
	f.add("; radarbox sharing key, keep private")
	f.add("rbfeeder_key=\""+sk+"\"", h15gen(sk))
	if g.r.IntN(2) == 0 {
		ak := g.h5uuid()
		f.add("; adsbexchange uuid (public on the map)")
		f.add("adsbx_uuid=\""+ak+"\"", neutral("id", ak))
	}
	ow, ows := g.h25tv()
	f.add("; openweather + alerts webhook")
	f.add("alerts_token=\""+ow+"\"", ows...)
	mp, mps := g.h25ppv()
	f.add("mqtt_password=\""+mp+"\"", mps...)
	em := g.h25email()
	f.add("; account e-mail "+em, h15mail(em))
	sum := g.s(hexd, 40)
	f.add("; build "+sum, neutral("hash", sum))
}}

// ---- Zuul CI ----

var h25ZuulConf = template{"zuul", "zuul.conf", func(g *gen, f *file) {
	f.add("[zookeeper]")
	f.add("hosts=zk01." + g.pick(h25orgs...) + ":2281")
	f.add("tls_cert=/etc/zuul/certs/client.pem")
	f.add("tls_key=/etc/zuul/certs/client.key")
	f.add("tls_ca=/etc/zuul/certs/ca.pem")
	f.add("")
	f.add("[keystore]")
	kp, kps := g.h25pv()
	f.add("password="+kp, kps...)
	f.add("")
	f.add("[database]")
	u, us := g.h25dsn(g.pick("mysql+pymysql", "postgresql"), "zuul")
	f.add("dburi="+u, us)
	f.add("")
	f.add("[web]")
	f.add("listen_address=0.0.0.0")
	f.add("root=https://" + g.h25host() + "/")
	f.add("")
	f.add("[auth zuul_operator]")
	f.add("driver=HS256")
	f.add("allow_authz_override=true")
	f.add("realm=zuul." + g.pick(h25orgs...))
	f.add("client_id=zuul.example.com")
	f.add("issuer_id=zuul_operator")
	sec := g.h25rand()
	f.add("secret="+sec, h15gen(sec))
	f.add("")
	f.add("[connection github]")
	f.add("driver=github")
	f.add("app_id=" + fmt.Sprint(100000+g.r.IntN(900000)))
	f.add("app_key=/etc/zuul/github.pem")
	wt, wts := g.h25gv()
	f.add("webhook_token="+wt, wts...)
	at, ats := g.h25tv()
	f.add("api_token="+at, ats...)
	f.add("")
	f.add("[connection smtp]")
	f.add("driver=smtp")
	f.add("server=smtp." + g.pick(h25orgs...))
	f.add("port=587")
	em := g.h25email()
	f.add("default_from="+em, h15mail(em))
	f.add("user=zuul")
	sp, sps := g.h25pv()
	f.add("password="+sp, sps...)
}}

var h25ZuulYaml = template{"zuul", "zuul.d-secrets.yaml", func(g *gen, f *file) {
	f.add("- secret:")
	f.add("    name: " + g.pick("pypi_upload", "docs_site", "registry_creds"))
	f.add("    data:")
	f.add("      username: " + g.h25user())
	f.add("      password: !encrypted/pkcs1-oaep")
	for i := 0; i < 2+g.r.IntN(3); i++ {
		c := g.s(b64, 60)
		f.add("        - "+c, neutral("ciphertext", c))
	}
	f.add("")
	f.add("- job:")
	f.add("    name: " + g.pick("deploy-staging", "publish-docs", "nightly-upload"))
	f.add("    parent: base")
	f.add("    run: playbooks/" + g.pick("deploy", "publish", "upload") + ".yaml")
	f.add("    vars:")
	f.add("      target_host: " + g.h25host())
	dp, dps := g.h25pv()
	f.add("      db_password: \""+dp+"\"  # TODO move into a secret", dps...)
	tk, tks := g.h25tv()
	f.add("      notify_token: "+tk, tks...)
	f.add("      sonar_token: \"{{ secrets.sonar.token }}\"")
	if g.r.IntN(2) == 0 {
		f.add("      deploy_key: |")
		g.h25pemIn(f, "        ", "")
	}
	pk, pkp := g.h25pubLine()
	f.add("      authorized_key: \""+pk+"\"", pkp)
	f.add("    nodeset: ubuntu-noble")
	em := g.h25email()
	f.add("# owner: "+em, h15mail(em))
	sha := g.s(hexd, 40)
	f.add("# pinned zuul-jobs "+sha, neutral("hash", sha))
}}

// ---- EPICS ----

var h25StCmd = template{"epics", "st.cmd", func(g *gen, f *file) {
	f.add("#!../../bin/linux-x86_64/" + g.pick("vacuumIoc", "motorIoc", "bpmIoc"))
	f.add("< envPaths")
	f.add("cd \"${TOP}\"")
	f.add("epicsEnvSet(\"EPICS_CA_ADDR_LIST\", \"" + g.privIP() + "\")")
	f.add("epicsEnvSet(\"EPICS_CA_AUTO_ADDR_LIST\", \"NO\")")
	f.add("epicsEnvSet(\"IOCNAME\", \"" + g.pick("VAC-IOC-01", "MOT-IOC-07", "BPM-IOC-3") + "\")")
	f.add("dbLoadDatabase \"dbd/ioc.dbd\"")
	f.add("ioc_registerRecordDeviceDriver pdbbase")
	f.add("drvAsynIPPortConfigure(\"GAUGE1\", \"" + g.privIP() + ":4001\", 0, 0, 0)")
	ap, aps := g.h25ppv()
	f.add("epicsEnvSet(\"ARCHIVER_DB_PASS\", \""+ap+"\")", aps...)
	u, us := g.h25dsn("postgresql", "archappl")
	f.add("epicsEnvSet(\"ARCHIVER_URL\", \""+u+"\")", us)
	mp, mps := g.h25ppv()
	f.add("dbLoadRecords(\"db/plc.db\", \"P=VAC:,PLC=S7,USER=epics,PASS="+mp+"\")", mps...)
	tk, tks := g.h25tv()
	f.add("epicsEnvSet(\"ELOG_TOKEN\", \""+tk+"\")", tks...)
	f.add("iocInit")
	f.add("dbpf VAC:GAUGE1:SCAN \"1 second\"")
	f.add("# owner: beamline " + g.pick("BL-07", "BL-12", "XRD") + " controls")
	em := g.h25email()
	f.add("# on-call "+em, h15mail(em))
	ph := g.h25phone()
	f.add("# control room "+ph, h15tel(ph))
	sum := g.s(hexd, 40)
	f.add("# built from git "+sum, neutral("hash", sum))
}}

var h25Phoebus = template{"epics", "phoebus-settings.ini", func(g *gen, f *file) {
	f.add("# Phoebus site settings, loaded with -settings")
	f.add("org.phoebus.pv.ca/addr_list=" + g.privIP() + " " + g.privIP())
	f.add("org.phoebus.pv.ca/auto_addr_list=false")
	f.add("org.phoebus.applications.alarm/server=kafka." + g.pick(h25orgs...) + ":9092")
	f.add("org.phoebus.applications.alarm/config_names=Accelerator, Vacuum")
	kp, kps := g.h25pv()
	f.add("org.phoebus.applications.alarm/kafka_properties_password="+kp, kps...)
	f.add("org.phoebus.olog.es.api/olog_url=https://" + g.h25host() + "/Olog")
	f.add("org.phoebus.olog.es.api/username=" + g.h25user())
	op, ops := g.h25pv()
	f.add("org.phoebus.olog.es.api/password="+op, ops...)
	f.add("org.phoebus.channelfinder/serviceURL=https://" + g.h25host() + "/ChannelFinder")
	f.add("org.phoebus.channelfinder/username=" + g.h25user())
	cp, cps := g.h25pv()
	f.add("org.phoebus.channelfinder/password="+cp, cps...)
	f.add("org.phoebus.archive.reader.appliance/useStats=false")
	f.add("org.phoebus.email/mailhost=smtp." + g.pick(h25orgs...))
	em := g.h25email()
	f.add("org.phoebus.email/from="+em, h15mail(em))
	ep, eps := g.h25pv()
	f.add("org.phoebus.email/password="+ep, eps...)
	gt, gts := g.h25tv()
	f.add("org.phoebus.logbook.ui/attachment_upload_token="+gt, gts...)
	f.add("org.phoebus.ui/default_save_path=/opt/phoebus/displays")
	b := g.h25b64doc()
	f.add("org.phoebus.ui/layout_hint="+b, neutral("base64", b))
}}

// ---- iDempiere ----

var h25IdempiereEnv = template{"idempiere", "idempiereEnv.properties", func(g *gen, f *file) {
	f.add("#idempiereEnv.properties")
	f.add("#" + g.pick("Mon", "Tue", "Fri") + " Mar 0" + fmt.Sprint(1+g.r.IntN(9)) + " 10:1" + fmt.Sprint(g.r.IntN(10)) + ":00 UTC 2026")
	f.add("IDEMPIERE_HOME=/opt/idempiere-server")
	f.add("JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64")
	f.add("ADEMPIERE_DB_TYPE=PostgreSQL")
	f.add("ADEMPIERE_DB_SERVER=" + g.h25host())
	f.add("ADEMPIERE_DB_PORT=5432")
	f.add("ADEMPIERE_DB_NAME=idempiere")
	f.add("ADEMPIERE_DB_USER=adempiere")
	dp, dps := g.h25pv()
	f.add("ADEMPIERE_DB_PASSWORD="+dp, dps...)
	sp, sps := g.h25pv()
	f.add("ADEMPIERE_DB_SYSTEM="+sp, sps...)
	f.add("ADEMPIERE_APPS_SERVER=0.0.0.0")
	f.add("ADEMPIERE_WEB_PORT=8080")
	f.add("ADEMPIERE_SSL_PORT=8443")
	f.add("ADEMPIERE_KEYSTORE=/opt/idempiere-server/jettyhome/etc/keystore")
	kp, kps := g.h25ppv()
	f.add("ADEMPIERE_KEYSTOREPASS="+kp, kps...)
	f.add("ADEMPIERE_CERT_CN=" + g.h25host())
	f.add("ADEMPIERE_CERT_ORG=" + g.pick("Bgayet Shop SARL", "Udine Hub srl", "Dili Ferries"))
	f.add("ADEMPIERE_MAIL_SERVER=smtp." + g.pick(h25orgs...))
	em := g.h25email()
	f.add("ADEMPIERE_ADMIN_EMAIL="+em, h15mail(em))
	f.add("ADEMPIERE_MAIL_USER=erp-notify")
	mp, mps := g.h25pv()
	f.add("ADEMPIERE_MAIL_PASSWORD="+mp, mps...)
	v := g.h25ver()
	f.add("# build "+v, neutral("version", v))
}}

var h25AdUserCopy = template{"idempiere", "ad_user.copy.sql", func(g *gen, f *file) {
	f.add("--")
	f.add("-- Data for Name: ad_user; Type: TABLE DATA; Schema: adempiere; Owner: adempiere")
	f.add("--")
	f.add("")
	f.add("COPY adempiere.ad_user (ad_user_id, ad_client_id, name, email, phone, password, salt, isactive, ad_user_uu) FROM stdin;")
	for i := 0; i < 3+g.r.IntN(4); i++ {
		first, last := g.h25name()
		em := g.h25email()
		ph := g.h25phone()
		uu := g.h5uuid()
		ps := []plant{h15mail(em), h15tel(ph), neutral("id", uu)}
		pw, salt := "", "\\N"
		switch g.r.IntN(3) {
		case 0:
			pw = g.h25plain()
			ps = append(ps, h15pw(pw))
		case 1:
			pw = strings.ToUpper(g.s(hexd, 128))
			salt = g.s(hexd, 32)
			ps = append(ps, neutral("hash", pw), neutral("hash", salt))
		default:
			pw = "\\N"
		}
		f.add(fmt.Sprintf("%d\t11\t%s %s\t%s\t%s\t%s\t%s\tY\t%s", 1000000+g.r.IntN(90000), first, last, em, ph, pw, salt, uu), ps...)
	}
	f.add("\\.")
	f.add("")
	f.add("COPY adempiere.ad_sysconfig (name, value) FROM stdin;")
	ak, aks := g.h25tv()
	f.add("PAYMENT_GATEWAY_SECRET\t"+ak, aks...)
	f.add("MAIL_SEND_CREDENTIALS\tADMIN")
	mk, mks := g.h25gv()
	f.add("REST_TOKEN_SIGNING_KEY\t"+mk, mks...)
	f.add("\\.")
}}

// ---- UK Bacs ----

func h25pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}

var h25Std18 = template{"bacs", "STD18_SUBMISSION.txt", func(g *gen, f *file) {
	sun := g.s(digits, 6)
	f.add(h25pad("VOL1"+g.s(digits, 6)+" "+h25pad("", 20)+h25pad("HSBC", 6)+h25pad("", 4)+h25pad(sun, 6)+h25pad("", 32)+"1", 80))
	f.add(h25pad("HDR1A"+sun+"S  1"+g.s(digits, 6)+"000100010001       "+"26"+g.s(digits, 3)+" 26"+g.s(digits, 3)+" 000000", 80))
	f.add(h25pad("UHL1 "+"26"+g.s(digits, 3)+"999999    000000001 DAILY  001", 80))
	origSort, origAcct := g.s(digits, 6), g.s("123456789", 1)+g.s(digits, 7)
	total := 0
	for i := 0; i < 4+g.r.IntN(5); i++ {
		sort, acct := g.s(digits, 6), g.s("123456789", 1)+g.s(digits, 7)
		amt := 500 + g.r.IntN(300000)
		total += amt
		first, last := g.h25name()
		name := strings.ToUpper(h25pad(first[:1]+" "+last, 18))
		ref := h25pad(g.pick("RENT ", "GYM ", "LOAN ")+g.s(upperD, 8), 18)
		line := sort + acct + "0" + g.pick("17", "01", "18") + origSort + origAcct + "    " + fmt.Sprintf("%011d", amt) + h25pad("UDINE HUB LTD", 18) + ref + name
		f.add(h25pad(line, 100), plant{family: "bank-account", kind: "pii", value: sort + acct, core: acct})
	}
	f.add(h25pad(origSort+origAcct+"099"+origSort+origAcct+"    "+fmt.Sprintf("%011d", total)+h25pad("UDINE HUB LTD", 18)+h25pad("CONTRA", 18), 100), neutral("company-account", origSort+origAcct+"099"))
	f.add(h25pad("EOF1A"+sun+"S  1", 80))
	f.add(h25pad("UTL1"+fmt.Sprintf("%013d%013d", total, total), 80))
}}

var h25BacsBureau = template{"bacs", "bacs-bureau.properties", func(g *gen, f *file) {
	f.add("# Bacstel-IP bureau software - submission settings")
	f.add("bureau.number=B" + g.s(digits, 5))
	sun := g.s(digits, 6)
	f.add("service.user.number="+sun, neutral("id", sun))
	f.add("submission.channel=" + g.pick("BACSTEL-IP", "PAYMENTS-SERVICE"))
	f.add("smartcard.reader=" + g.pick("Omnikey 3121", "ACS ACR39U"))
	pin := g.s(digits, 6+g.r.IntN(3))
	f.add("smartcard.pin="+pin, h15pw(pin))
	f.add("hsm.slot=1")
	hp, hps := g.h25pv()
	f.add("hsm.partition.password="+hp, hps...)
	f.add("sftp.host=sftp." + g.pick(h25orgs...))
	f.add("sftp.user=" + g.h25user())
	sp, sps := g.h25pv()
	f.add("sftp.password="+sp, sps...)
	if g.r.IntN(2) == 0 {
		v, p := g.h25pemOneLine()
		f.add("sftp.private.key="+v, p)
	}
	ib := g.h25iban()
	f.add("originator.iban="+ib, neutral("company-account", ib))
	sort, acct := g.s(digits, 2)+"-"+g.s(digits, 2)+"-"+g.s(digits, 2), g.s("123456789", 1)+g.s(digits, 7)
	f.add("originator.sortcode="+sort, neutral("sort-code", sort))
	f.add("originator.account="+acct, neutral("company-account", acct))
	first, last := g.h25name()
	f.add("contact.name=" + first + " " + last)
	em := g.h25email()
	f.add("contact.email="+em, h15mail(em))
	ph := g.h25phone()
	f.add("contact.phone="+ph, h15tel(ph))
	ni := g.h25nino(g.r.IntN(2) == 0)
	f.add("# approver NI number (for the sponsor form): "+ni, h15id(ni))
	tk, tks := g.h25tv()
	f.add("alerts.webhook="+tk, tks...)
}}

// ---- OpenCart ----

var h25OCConfig = template{"opencart", "opencart-config.php", func(g *gen, f *file) {
	host := g.h25host()
	f.add("<?php")
	f.add("// APPLICATION")
	f.add("define('APPLICATION', 'Catalog');")
	f.add("// HTTP")
	f.add("define('HTTP_SERVER', 'https://" + host + "/');")
	f.add("// DIR")
	f.add("define('DIR_OPENCART', '/var/www/" + g.pick("shop", "store", "catalog") + "/');")
	f.add("define('DIR_STORAGE', '/var/www/storage/');")
	f.add("// DB")
	f.add("define('DB_DRIVER', 'mysqli');")
	f.add("define('DB_HOSTNAME', '" + g.h25host() + "');")
	f.add("define('DB_USERNAME', '" + g.h25user() + "');")
	dp, dps := g.h25pv()
	f.add("define('DB_PASSWORD', '"+dp+"');", dps...)
	f.add("define('DB_DATABASE', 'opencart');")
	f.add("define('DB_PORT', '3306');")
	f.add("define('DB_PREFIX', 'oc_');")
	f.add("// extra: payment and shipping modules")
	sk, sks := g.h25tv()
	f.add("define('PAYMENT_SECRET_KEY', '"+sk+"');", sks...)
	ck, cks := g.h25gv()
	f.add("define('COURIER_API_KEY', '"+ck+"');", cks...)
	ek := g.h25rand()
	f.add("$_['encryption_key'] = '"+ek+"';", h15gen(ek))
	em := g.h25email()
	f.add("// store owner "+em, h15mail(em))
	f.add("define('SESSION_NAME', 'OCSESSID');")
	id := g.s(hexd, 26)
	f.add("// sample cookie OCSESSID="+id+" (expired)", neutral("session", id))
}}

var h25OCDump = template{"opencart", "oc_dump.sql", func(g *gen, f *file) {
	f.add("-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)")
	f.add("-- Host: " + g.h25host() + "    Database: opencart")
	f.add("LOCK TABLES `oc_customer` WRITE;")
	for i := 0; i < 2+g.r.IntN(4); i++ {
		first, last := g.h25name()
		em := g.h25email()
		ph := g.h25phone()
		h := g.s(hexd, 40)
		salt := g.s(alnum, 9)
		ip := g.pubIP()
		f.add(fmt.Sprintf("INSERT INTO `oc_customer` VALUES (%d,1,'%s','%s','%s','%s','%s','%s',0,'%s',1,'%s');", 100+i+g.r.IntN(900), first, strings.ReplaceAll(last, "'", "''"), em, ph, h, salt, ip, g.h25date()), h15mail(em), h15tel(ph), neutral("hash", h), neutral("salt", salt))
	}
	f.add("UNLOCK TABLES;")
	f.add("LOCK TABLES `oc_setting` WRITE;")
	sk, sks := g.h25tv()
	f.add(fmt.Sprintf("INSERT INTO `oc_setting` VALUES (%d,0,'payment_stripe','payment_stripe_live_secret_key','%s',0);", 3000+g.r.IntN(900), sk), sks...)
	pk := "pk_live_" + g.s(alnum, 24)
	f.add(fmt.Sprintf("INSERT INTO `oc_setting` VALUES (%d,0,'payment_stripe','payment_stripe_live_public_key','%s',0);", 3000+g.r.IntN(900), pk), neutral("public-key", pk))
	ps := g.h25rand()
	f.add(fmt.Sprintf("INSERT INTO `oc_setting` VALUES (%d,0,'payment_paypal','payment_paypal_client_secret','%s',0);", 3000+g.r.IntN(900), ps), h15gen(ps))
	mp, mps := g.h25pv()
	f.add(fmt.Sprintf("INSERT INTO `oc_setting` VALUES (%d,0,'config','config_mail_smtp_password','%s',0);", 3000+g.r.IntN(900), mp), mps...)
	f.add("UNLOCK TABLES;")
	f.add("LOCK TABLES `oc_order` WRITE;")
	first, last := g.h25name()
	cc := g.h25card()
	addr := g.h25addr()
	f.add(fmt.Sprintf("INSERT INTO `oc_order` (order_id,firstname,lastname,payment_address_1,comment) VALUES (%d,'%s','%s','%s','card %s, please charge manually');", 5000+g.r.IntN(4000), first, strings.ReplaceAll(last, "'", "''"), addr, cc), h15cc(cc), neutral("address", addr))
	f.add("UNLOCK TABLES;")
}}

// ---- ThingsBoard ----

var h25TBConf = template{"thingsboard", "thingsboard.conf", func(g *gen, f *file) {
	f.add("export JAVA_OPTS=\"$JAVA_OPTS -Dplatform=deb -Dinstall.data_dir=/usr/share/thingsboard/data\"")
	f.add("export JAVA_OPTS=\"$JAVA_OPTS -Xlog:gc*,heap*:file=/var/log/thingsboard/gc.log\"")
	f.add("export LOG_FILENAME=thingsboard.out")
	f.add("export LOADER_PATH=/usr/share/thingsboard/conf,/usr/share/thingsboard/extensions")
	f.add("# DB Configuration")
	f.add("export DATABASE_TS_TYPE=" + g.pick("sql", "timescale"))
	f.add("export SPRING_DATASOURCE_URL=jdbc:postgresql://" + g.h25host() + ":5432/thingsboard")
	f.add("export SPRING_DATASOURCE_USERNAME=postgres")
	dp, dps := g.h25pv()
	f.add("export SPRING_DATASOURCE_PASSWORD="+dp, dps...)
	jk := g.h25rand()
	f.add("export JWT_TOKEN_SIGNING_KEY="+jk, h15gen(jk))
	f.add("export MQTT_SSL_ENABLED=true")
	kp, kps := g.h25ppv()
	f.add("export MQTT_SSL_KEY_PASSWORD="+kp, kps...)
	if g.r.IntN(2) == 0 {
		pk, pkp := g.h25pemOneLine()
		f.add("export MQTT_SSL_PEM_KEY=\""+pk+"\"", pkp)
	}
	f.add("export SECURITY_OAUTH2_CLIENTS_DEFAULT_CLIENT_ID=" + g.s(digits, 12) + "-" + g.s(lower+digits, 32) + ".apps.googleusercontent.com")
	cs := "GOCSPX-" + g.s(urlb64, 28)
	f.add("export SECURITY_OAUTH2_CLIENTS_DEFAULT_CLIENT_SECRET="+cs, secret("google", cs))
	tw, tws := g.h25tv()
	f.add("export SMS_PROVIDER_TOKEN="+tw, tws...)
	f.add("export TB_QUEUE_TYPE=" + g.pick("in-memory", "kafka"))
	em := g.h25email()
	f.add("# sysadmin "+em, h15mail(em))
}}

var h25TBDevices = template{"thingsboard", "devices_import.csv", func(g *gen, f *file) {
	f.add("name,type,label,accessToken,clientId,userName,password,description")
	for i := 0; i < 4+g.r.IntN(5); i++ {
		name := g.pick("pump", "meter", "gateway", "tracker", "boiler") + "-" + g.s(upperD, 5)
		switch g.r.IntN(3) {
		case 0:
			tk := g.s(alnum, 20)
			f.add(name+",default,"+g.pick("Dock A", "Roof", "Van 3")+","+tk+",,,,", h15gen(tk))
		case 1:
			pw := g.h25plain()
			f.add(name+",mqtt-basic,,,"+g.s(lower+digits, 12)+","+g.h25user()+","+pw+",", h15pw(pw))
		default:
			x := g.pick("X509", "LWM2M")
			fp := g.s(hexd, 64)
			f.add(name+","+x+",,,,,,cert sha256 "+fp, neutral("hash", fp))
		}
	}
	first, last := g.h25name()
	ph := g.h25phone()
	f.add("installer-"+g.s(upperD, 4)+",contact,,,,,,"+first+" "+last+" "+ph, h15tel(ph))
	em := g.h25email()
	f.add("customer-portal,contact,,,,,,"+em, h15mail(em))
}}

// ---- WoW emulators ----

var h25WorldConf = template{"wow-emu", "worldserver.conf", func(g *gen, f *file) {
	f.add("###############################################")
	f.add("# Trinity Core World Server configuration file #")
	f.add("###############################################")
	f.add("[worldserver]")
	f.add("")
	f.add("#    LoginDatabaseInfo")
	f.add("#        Description: Database connection settings for the realm server.")
	f.add("#        Example:     \"hostname;port;username;password;database\"")
	f.add("#        Default:     \"127.0.0.1;3306;trinity;trinity;auth\"")
	host := g.privIP()
	for _, db := range []string{"Login", "World", "Character"} {
		pw := g.h25plain()
		v := host + ";3306;" + g.pick("trinity", "tc_"+strings.ToLower(db), "acore") + ";" + pw + ";" + map[string]string{"Login": "auth", "World": "world", "Character": "characters"}[db]
		f.add(db+"DatabaseInfo = \""+v+"\"", plant{family: "password", kind: "secret", value: v, core: pw})
	}
	f.add("")
	f.add("RealmID = 1")
	f.add("DataDir = \"/opt/trinitycore/data\"")
	f.add("SOAP.Enabled = 1")
	f.add("SOAP.IP = \"127.0.0.1\"")
	f.add("SOAP.Port = 7878")
	f.add("Ra.Enable = 0")
	f.add("# Warden + motd")
	f.add("Motd = \"Welcome to " + g.pick("Udine", "Elista", "Vigan") + " realm!\"")
	wk, wks := g.h25gv()
	f.add("Discord.Bridge.Token = \""+wk+"\"", wks...)
	f.add("PlayerSave.Interval = 900000")
	em := g.h25email()
	f.add("# GM team: "+em, h15mail(em))
}}

var h25AuthSQL = template{"wow-emu", "auth_account.sql", func(g *gen, f *file) {
	f.add("-- auth.account dump (" + g.h25date() + ")")
	f.add("USE `auth`;")
	for i := 0; i < 3+g.r.IntN(4); i++ {
		user := strings.ToUpper(g.pick("ARTHAS", "JAINA", "THRALL", "SYLVANAS", "VARIAN", "MALFURION")) + g.s(digits, 2)
		salt, ver := "0x"+strings.ToUpper(g.s(hexd, 64)), "0x"+strings.ToUpper(g.s(hexd, 64))
		em := g.h25email()
		ip := g.pubIP()
		f.add(fmt.Sprintf("INSERT INTO `account` (`id`,`username`,`salt`,`verifier`,`email`,`reg_mail`,`last_ip`) VALUES (%d,'%s',%s,%s,'%s','%s','%s');", 1+i+g.r.IntN(5000), user, salt, ver, em, em, ip), neutral("salt", salt), neutral("hash", ver), h15mail(em), h15mail(em))
	}
	f.add("-- web shop")
	sk, sks := g.h25tv()
	f.add("UPDATE `web_settings` SET `value`='"+sk+"' WHERE `name`='paypal_secret';", sks...)
	f.add("-- SOAP call used by the web shop (basic auth, GM level 3 account)")
	u, pw := "SHOPBOT", g.h25pass()
	f.add("-- curl -u "+u+":"+pw+" -d @send_item.xml http://127.0.0.1:7878/", h15pw(pw))
	first, last := g.h25name()
	cc := g.h25card()
	f.add("-- refund request from "+first+" "+last+", card "+cc, h15cc(cc))
}}

// ---- ticketing ----

var h25PretixCfg = template{"ticketing", "pretix.cfg", func(g *gen, f *file) {
	f.add("[pretix]")
	f.add("instance_name=" + g.pick("Rasht Tickets", "Udine Festival", "Willemstad Jazz"))
	f.add("url=https://" + g.h25host())
	f.add("currency=EUR")
	f.add("datadir=/data")
	f.add("")
	f.add("[django]")
	sk := g.s(alnum+"!@#%^*(-_=+)", 50)
	f.add("secret="+sk, h15gen(sk))
	f.add("")
	f.add("[database]")
	f.add("backend=postgresql")
	f.add("name=pretix")
	f.add("user=pretix")
	dp, dps := g.h25pv()
	f.add("password="+dp, dps...)
	f.add("host=" + g.h25host())
	f.add("")
	f.add("[mail]")
	em := g.h25email()
	f.add("from="+em, h15mail(em))
	f.add("host=smtp." + g.pick(h25orgs...))
	f.add("user=tickets")
	mp, mps := g.h25pv()
	f.add("password="+mp, mps...)
	f.add("port=587")
	f.add("tls=on")
	f.add("")
	f.add("[redis]")
	rp := g.h25plain()
	v := "redis://:" + rp + "@" + g.h25host() + ":6379/0"
	f.add("location="+v, plant{family: "password", kind: "secret", value: v, core: rp})
	f.add("sessions=true")
	f.add("")
	f.add("[celery]")
	bp := g.h25plain()
	bv := "amqp://pretix:" + bp + "@" + g.h25host() + "/pretix"
	f.add("broker="+bv, plant{family: "password", kind: "secret", value: bv, core: bp})
}}

var h25PretixOrders = template{"ticketing", "orders_export.json", func(g *gen, f *file) {
	f.add("{")
	f.add("  \"event\": \"" + g.pick("jazz26", "fest-udine", "rasht-expo") + "\",")
	f.add("  \"orders\": [")
	n := 2 + g.r.IntN(3)
	for i := 0; i < n; i++ {
		first, last := g.h25name()
		em := g.h25email()
		ph := g.h25phone()
		f.add("    {")
		f.add("      \"code\": \"" + g.s("ABCDEFGHJKLMNPQRSTUVWXYZ3789", 5) + "\",")
		f.add("      \"status\": \"" + g.pick("p", "n", "c") + "\",")
		f.add("      \"email\": \""+em+"\",", h15mail(em))
		f.add("      \"phone\": \""+ph+"\",", h15tel(ph))
		sec := g.s(lower+digits, 32)
		f.add("      \"secret\": \""+sec+"\",", h15gen(sec))
		f.add("      \"invoice_address\": {\"name\": \"" + first + " " + last + "\", \"street\": \"" + g.h25addr() + "\"},")
		if g.r.IntN(2) == 0 {
			id := g.h25nid()
			f.add("      \"answers\": [{\"question\": \"ID number (for the guest list)\", \"answer\": \""+id+"\"}],", h15id(id))
		}
		ps := g.s(lower+digits, 32)
		f.add("      \"positions\": [{\"item\": 1, \"attendee_name\": \""+first+"\", \"secret\": \""+ps+"\"}],", h15gen(ps))
		f.add("      \"total\": \"" + fmt.Sprintf("%d.00", 15+g.r.IntN(200)) + "\"")
		if i < n-1 {
			f.add("    },")
		} else {
			f.add("    }")
		}
	}
	f.add("  ]")
	f.add("}")
}}

// ---- real estate ----

var h25RetsYml = template{"real-estate", "rets-client.yml", func(g *gen, f *file) {
	f.add("# MLS feed sync (RETS 1.8 + RESO Web API)")
	f.add("rets:")
	f.add("  login_url: https://rets." + g.pick("willemstadmls.cw", "guam-mls.com", "vigan-realty.ph") + "/contact/rets/login")
	f.add("  username: " + g.h25user())
	rp, rps := g.h25pv()
	f.add("  password: \""+rp+"\"", rps...)
	f.add("  user_agent: " + g.pick("ListingSync/2.1", "RetsRabbit/1.0"))
	up, ups := g.h25ppv()
	f.add("  user_agent_password: "+up, ups...)
	f.add("  version: RETS/1.8")
	f.add("reso:")
	f.add("  token_url: https://api." + g.pick(h25orgs...) + "/oauth2/token")
	f.add("  client_id: " + g.s(lower+digits, 24))
	cs, css := g.h25gv()
	f.add("  client_secret: "+cs, css...)
	bt, bts := g.h25tv()
	f.add("  static_bearer: "+bt, bts...)
	f.add("photos:")
	f.add("  bucket: listing-photos")
	if g.r.IntN(2) == 0 {
		pk, pkp := g.h25pemOneLine()
		f.add("  gcs_private_key: \""+pk+"\"", pkp)
	}
	ak := "AKIA" + g.s(b32[:26]+"234567", 16)
	f.add("  access_key_id: "+ak, secret("aws", ak))
	sk := g.s(b64[:62]+"+/", 40)
	f.add("  secret_access_key: "+sk, secret("aws", sk))
	first, last := g.h25name()
	em := g.h25email()
	f.add("# broker of record: "+first+" "+last+" <"+em+">", h15mail(em))
}}

var h25Listings = template{"real-estate", "listings_export.csv", func(g *gen, f *file) {
	f.add("ListingId,StandardStatus,ListPrice,UnparsedAddress,ListAgentFullName,ListAgentEmail,ListAgentDirectPhone,OwnerName,OwnerPhone,ShowingContactPhone,LockBoxSerialNumber,PublicRemarks")
	for i := 0; i < 2+g.r.IntN(3); i++ {
		af, al := g.h25name()
		of, ol := g.h25name()
		em := g.h25email()
		ph1, ph2, ph3 := g.h25phone(), g.h25phone(), g.h25phone()
		addr := g.h25addr()
		lb := g.s(digits, 8)
		f.add(fmt.Sprintf("%s,%s,%d,\"%s\",%s %s,%s,%s,%s %s,%s,%s,%s,\"%s\"", g.s(upperD, 9), g.pick("Active", "Pending", "Closed"), 90000+g.r.IntN(900000), addr, af, al, em, ph1, of, ol, ph2, ph3, lb, g.pick("Sea view, walk to ferry", "Renovated kitchen", "Corner lot")), neutral("address", addr), h15mail(em), h15tel(ph1), h15tel(ph2), h15tel(ph3), neutral("id", lb))
	}
}}

// ---- Tarantool ----

var h25TarantoolLua = template{"tarantool", "init.lua", func(g *gen, f *file) {
	f.add("#!/usr/bin/env tarantool")
	f.add("-- instance " + g.pick("orders", "sessions", "queue") + ", managed by tt")
	f.add("box.cfg{")
	f.add("    listen = '" + g.privIP() + ":3301',")
	f.add("    memtx_memory = " + fmt.Sprint(256+g.r.IntN(4)*256) + " * 1024 * 1024,")
	rp := g.h25plain()
	v := "replicator:" + rp + "@" + g.privIP() + ":3301"
	f.add("    replication = {'"+v+"'},", plant{family: "password", kind: "secret", value: v, core: rp})
	f.add("    log_level = 5,")
	f.add("}")
	f.add("box.once('bootstrap_v1', function()")
	ap, aps := g.h25pv()
	f.add("    box.schema.user.create('"+g.h25user()+"', {password = '"+ap+"', if_not_exists = true})", aps...)
	f.add("    box.schema.user.grant('app', 'read,write,execute', 'universe')")
	f.add("    box.schema.user.create('replicator', {password = '"+rp+"'})", h15pw(rp))
	f.add("    box.schema.user.grant('replicator', 'replication')")
	f.add("end)")
	adm, adms := g.h25pv()
	f.add("box.schema.user.passwd('admin', '"+adm+"')", adms...)
	f.add("local http_client = require('http.client').new()")
	tk, tks := g.h25tv()
	f.add("local WEBHOOK_TOKEN = '"+tk+"'", tks...)
	f.add("local SALT = '" + g.s(hexd, 16) + "' -- public, part of the schema migration id")
	em := g.h25email()
	f.add("-- maintainer: "+em, h15mail(em))
	ph := g.h25phone()
	f.add("-- pager: "+ph, h15tel(ph))
}}

var h25CartridgeYml = template{"tarantool", "instances.yml", func(g *gen, f *file) {
	f.add("---")
	app := g.pick("orders", "billing", "geo")
	ck, cks := g.h25gv()
	for i := 1; i <= 2+g.r.IntN(3); i++ {
		f.add(fmt.Sprintf("%s.router-%d:", app, i))
		f.add(fmt.Sprintf("  advertise_uri: %s:%d", g.privIP(), 3300+i))
		f.add(fmt.Sprintf("  http_port: %d", 8080+i))
		f.add("")
	}
	f.add(app + ".storage-1:")
	f.add("  advertise_uri: " + g.privIP() + ":3311")
	f.add("  memtx_memory: 1073741824")
	f.add("")
	f.add("# cartridge.cfg defaults")
	f.add("all:")
	f.add("  cluster_cookie: '"+ck+"'", cks...)
	f.add("  auth_enabled: true")
	bp, bps := g.h25pv()
	f.add("  auth_backend_default_password: '"+bp+"'", bps...)
	f.add("  vshard:")
	f.add("    bucket_count: 30000")
	f.add("  metrics:")
	f.add("    export: prometheus")
	u, us := g.h25dsn("postgres", "ledger")
	f.add("  sync_source_dsn: \""+u+"\"", us)
	em := g.h25email()
	f.add("# owner "+em, h15mail(em))
	uu := g.h5uuid()
	f.add("# replicaset uuid "+uu, neutral("id", uu))
}}

// ---- MonetDB ----

var h25DotMonetdb = template{"monetdb", "dot_monetdb", func(g *gen, f *file) {
	f.add("# ~/.monetdb - read by mclient and msqldump")
	f.add("user=" + g.pick("monetdb", g.h25user()))
	pw, pws := g.h25ppv()
	f.add("password="+pw, pws...)
	f.add("language=sql")
	f.add("host=" + g.h25host())
	f.add("port=50000")
	f.add("save_history=true")
	f.add("format=" + g.pick("sql", "csv", "trash"))
	f.add("width=" + fmt.Sprint(80+g.r.IntN(120)))
	f.add("# second farm (monetdbd) admin passphrase, see `monetdbd get passphrase`")
	pp := g.h25plain()
	f.add("# passphrase="+pp, h15pw(pp))
	f.add("# old entry, rotated:")
	h := "{SHA512}" + g.s(hexd, 128)
	f.add("# password_hash="+h, neutral("hash", h))
	em := g.h25email()
	f.add("# ask "+em+" for access", h15mail(em))
}}

var h25Msqldump = template{"monetdb", "msqldump.sql", func(g *gen, f *file) {
	f.add("START TRANSACTION;")
	f.add("SET SCHEMA \"sys\";")
	u := g.h25user()
	pw := g.h25pass()
	f.add("CREATE USER \""+u+"\" WITH UNENCRYPTED PASSWORD '"+pw+"' NAME '"+g.pick("ETL loader", "Report reader")+"' SCHEMA \"sys\";", h15pw(pw))
	h := strings.ToUpper(g.s(hexd, 128))
	f.add("CREATE USER \"report\" WITH ENCRYPTED PASSWORD '"+h+"' NAME 'Reports' SCHEMA \"sys\";", neutral("hash", h))
	f.add("CREATE TABLE \"sys\".\"customers\" (")
	f.add("\t\"id\"      INTEGER       NOT NULL,")
	f.add("\t\"name\"    VARCHAR(120),")
	f.add("\t\"email\"   VARCHAR(200),")
	f.add("\t\"phone\"   VARCHAR(40),")
	f.add("\t\"iban\"    VARCHAR(34),")
	f.add("\tCONSTRAINT \"customers_id_pkey\" PRIMARY KEY (\"id\")")
	f.add(");")
	f.add("COPY " + fmt.Sprint(3+g.r.IntN(3)) + " RECORDS INTO \"sys\".\"customers\"(\"id\", \"name\", \"email\", \"phone\", \"iban\") FROM STDIN USING DELIMITERS '\\t','\\n','\"';")
	for i := 0; i < 3+g.r.IntN(3); i++ {
		first, last := g.h25name()
		em, ph, ib := g.h25email(), g.h25phone(), g.h25iban()
		f.add(fmt.Sprintf("%d\t\"%s %s\"\t\"%s\"\t\"%s\"\t\"%s\"", 10+i, first, last, em, ph, ib), h15mail(em), h15tel(ph), h15ib(ib))
	}
	f.add("CREATE TABLE \"sys\".\"integrations\" (\"name\" VARCHAR(40), \"secret\" VARCHAR(200));")
	tk, tks := g.h25tv()
	f.add("INSERT INTO \"sys\".\"integrations\" VALUES ('"+g.pick("crm", "mailer", "billing")+"', '"+tk+"');", tks...)
	f.add("COMMIT;")
}}

// ---- Jamf Pro ----

var h25JamfDB = template{"jamf", "DataBase.xml", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
	f.add("<DataBase>")
	f.add("  <DataBaseType>mysql</DataBaseType>")
	f.add("  <DataBaseDriver>org.mariadb.jdbc.Driver</DataBaseDriver>")
	f.add("  <ServerName>" + g.h25host() + "</ServerName>")
	f.add("  <ServerPort>3306</ServerPort>")
	f.add("  <DataBaseName>jamfsoftware</DataBaseName>")
	f.add("  <DataBaseUser>jamfsoftware</DataBaseUser>")
	pw, pws := g.h25pv()
	f.add("  <DataBasePassword>"+pw+"</DataBasePassword>", pws...)
	f.add("  <MinPoolSize>5</MinPoolSize>")
	f.add("  <MaxPoolSize>90</MaxPoolSize>")
	f.add("  <MaxIdleTimeExcessConnectionsInMinutes>1</MaxIdleTimeExcessConnectionsInMinutes>")
	f.add("  <MaxConnectionAgeInMinutes>5</MaxConnectionAgeInMinutes>")
	f.add("  <NumFailedLoginsToRestart>2</NumFailedLoginsToRestart>")
	f.add("  <UseSSL>true</UseSSL>")
	ts, tss := g.h25ppv()
	f.add("  <TrustStorePassword>"+ts+"</TrustStorePassword>", tss...)
	f.add("</DataBase>")
	f.add("<!-- migrated " + g.h25date() + " -->")
	em := g.h25email()
	f.add("<!-- Jamf admin: "+em+" -->", h15mail(em))
	ph := g.h25phone()
	f.add("<!-- escalation "+ph+" -->", h15tel(ph))
	sum := g.s(hexd, 64)
	f.add("<!-- ROOT.war sha256 "+sum+" -->", neutral("hash", sum))
}}

var h25JamfEnroll = template{"jamf", "jamf_enroll.sh", func(g *gen, f *file) {
	f.add("#!/bin/zsh")
	f.add("# Policy script: rename Mac and report to inventory. Parameters 4-7 set in the policy.")
	f.add("jamfURL=\"https://" + g.pick("udinehub", "vigan-transit", "budysin-dental") + ".jamfcloud.com\"")
	cid := g.h5uuid()
	f.add("client_id=\""+cid+"\"", neutral("id", cid))
	cs, css := g.h25gv()
	f.add("client_secret=\"${5:-"+cs+"}\"", css...)
	f.add("apiUser=\"" + g.h25user() + "\"")
	ap, aps := g.h25pv()
	f.add("apiPass=\""+ap+"\"", aps...)
	f.add("token=$(curl -s -X POST \"$jamfURL/api/oauth/token\" \\")
	f.add("  --data-urlencode \"client_id=$client_id\" --data-urlencode \"grant_type=client_credentials\" \\")
	f.add("  --data-urlencode \"client_secret=$client_secret\" | plutil -extract access_token raw -)")
	f.add("serial=$(system_profiler SPHardwareDataType | awk '/Serial/ {print $4}')")
	f.add("/usr/local/bin/jamf setComputerName -name \"MAC-${serial}\"")
	lp := g.h25pass()
	f.add("dscl . -passwd /Users/localadmin '"+lp+"'", h15pw(lp))
	f.add("/usr/local/bin/jamf recon -endUsername \"$3\"")
	sk, sks := g.h25tv()
	f.add("curl -s -H \"Authorization: Bearer "+sk+"\" https://hooks."+g.pick(h25orgs...)+"/enrolled", sks...)
	em := g.h25email()
	f.add("# questions: "+em, h15mail(em))
	v := g.h25ver()
	f.add("# script version "+v, neutral("version", v))
}}

// ---- transit ----

var h25OTPRouter = template{"transit", "router-config.json", func(g *gen, f *file) {
	f.add("{")
	f.add("  \"configVersion\": \"" + g.h25ver() + "\",")
	f.add("  \"routingDefaults\": { \"walkSpeed\": 1.3, \"numItineraries\": 5 },")
	f.add("  \"updaters\": [")
	k1, k1s := g.h25gv()
	f.add("    { \"type\": \"stop-time-updater\", \"feedId\": \"VGN\", \"url\": \"https://gtfsrt."+g.pick(h25orgs...)+"/trip-updates?key="+k1+"\" },", k1s...)
	tk, tks := g.h25tv()
	f.add("    { \"type\": \"vehicle-positions\", \"feedId\": \"VGN\", \"url\": \"https://gtfsrt." + g.pick(h25orgs...) + "/vehicle-positions\",")
	f.add("      \"headers\": { \"Authorization\": \"Bearer "+tk+"\" } },", tks...)
	k2, k2s := g.h25gv()
	f.add("    { \"type\": \"vehicle-rental\", \"sourceType\": \"gbfs\", \"url\": \"https://gbfs."+g.pick(h25orgs...)+"/gbfs.json\", \"headers\": { \"x-api-key\": \""+k2+"\" } },", k2s...)
	jw := g.h25jwt()
	f.add("    { \"type\": \"siri-sx-updater\", \"url\": \"https://siri."+g.pick(h25orgs...)+"/sx\", \"headers\": { \"Authorization\": \"Bearer "+jw+"\" } },", secret("jwt", jw))
	f.add("    { \"type\": \"real-time-alerts\", \"feedId\": \"FERRY\", \"url\": \"https://alerts.example.org/alerts.pb\", \"headers\": { \"x-api-key\": \"<your-api-key>\" } }")
	f.add("  ],")
	gk := "AIza" + g.s(urlb64, 35)
	f.add("  \"geocoder\": { \"type\": \"google\", \"apiKey\": \""+gk+"\" },", secret("google", gk))
	f.add("  \"transmodelApi\": { \"hideFeedId\": true },")
	em := g.h25email()
	f.add("  \"contact\": \""+em+"\",", h15mail(em))
	sum := g.s(hexd, 40)
	f.add("  \"graphChecksum\": \""+sum+"\"", neutral("hash", sum))
	f.add("}")
}}

var h25OBADataSources = template{"transit", "data-sources.xml", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
	f.add("<beans xmlns=\"http://www.springframework.org/schema/beans\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">")
	f.add("  <bean id=\"dataSource\" class=\"org.springframework.jdbc.datasource.DriverManagerDataSource\">")
	f.add("    <property name=\"driverClassName\" value=\"org.postgresql.Driver\" />")
	f.add("    <property name=\"url\" value=\"jdbc:postgresql://" + g.h25host() + "/onebusaway\" />")
	f.add("    <property name=\"username\" value=\"" + g.h25user() + "\" />")
	pw, pws := g.h25pv()
	f.add("    <property name=\"password\" value=\""+pw+"\" />", pws...)
	f.add("  </bean>")
	f.add("  <bean class=\"org.onebusaway.transit_data_federation.impl.realtime.gtfs_realtime.GtfsRealtimeSource\">")
	f.add("    <property name=\"tripUpdatesUrl\" value=\"https://gtfsrt." + g.pick(h25orgs...) + "/tripupdates\" />")
	f.add("    <property name=\"headersMap\">")
	f.add("      <map>")
	k, ks := g.h25gv()
	f.add("        <entry key=\"x-api-key\" value=\""+k+"\" />", ks...)
	f.add("      </map>")
	f.add("    </property>")
	f.add("    <property name=\"agencyId\" value=\"" + g.pick("VGN", "DFT", "HAG") + "\" />")
	f.add("  </bean>")
	f.add("  <bean id=\"apiKeyValidationService\" class=\"org.onebusaway.users.impl.validation.KeyValidationServiceImpl\">")
	ak := g.s(hexd, 8) + "-" + g.s(hexd, 4) + "-" + g.s(hexd, 4) + "-" + g.s(hexd, 4) + "-" + g.s(hexd, 12)
	f.add("    <!-- public test key for the sample app: "+ak+" -->", neutral("id", ak))
	f.add("  </bean>")
	sp, sps := g.h25pv()
	f.add("  <bean id=\"smtp\" class=\"org.springframework.mail.javamail.JavaMailSenderImpl\"><property name=\"password\" value=\""+sp+"\" /></bean>", sps...)
	em := g.h25email()
	f.add("  <!-- feed contact "+em+" -->", h15mail(em))
	f.add("</beans>")
}}

// ---- dental practice ----

var h25ODConfig = template{"dental", "FreeDentalConfig.xml", func(g *gen, f *file) {
	f.add("<?xml version=\"1.0\"?>")
	f.add("<ConnectionSettings>")
	f.add("  <DatabaseConnection>")
	f.add("    <ComputerName>" + g.pick("OD-SERVER", "FRONTDESK01", g.privIP()) + "</ComputerName>")
	f.add("    <Database>opendental</Database>")
	f.add("    <User>root</User>")
	pw, pws := g.h25pv()
	f.add("    <Password>"+pw+"</Password>", pws...)
	f.add("    <UserLow>odlow</UserLow>")
	lp, lps := g.h25ppv()
	f.add("    <PasswordLow>"+lp+"</PasswordLow>", lps...)
	f.add("    <MySQLUser>root</MySQLUser>")
	hp := g.s(b64, 24) + "=="
	f.add("    <MySQLPassHash>"+hp+"</MySQLPassHash>", neutral("ciphertext", hp))
	f.add("    <NoShowOnStartup>True</NoShowOnStartup>")
	f.add("  </DatabaseConnection>")
	f.add("  <DatabaseType>MySql</DatabaseType>")
	f.add("  <UseDynamicMode>false</UseDynamicMode>")
	f.add("</ConnectionSettings>")
	f.add("<!-- eClipboard/eServices -->")
	tk, tks := g.h25tv()
	f.add("<!-- texting integration token: "+tk+" -->", tks...)
	ph := g.h25phone()
	f.add("<!-- IT vendor support line "+ph+" -->", h15tel(ph))
	em := g.h25email()
	f.add("<!-- office manager "+em+" -->", h15mail(em))
}}

var h25Recall = template{"dental", "recall_list.csv", func(g *gen, f *file) {
	f.add("\"PatNum\",\"LName\",\"FName\",\"Birthdate\",\"SSN\",\"HmPhone\",\"WirelessPhone\",\"Email\",\"Address\",\"RecallType\",\"DueDate\",\"Note\"")
	for i := 0; i < 3+g.r.IntN(3); i++ {
		first, last := g.h25name()
		ssn := g.h25ssn()
		p1, p2 := g.h25phone(), g.h25phone()
		em := g.h25email()
		addr := g.h25addr()
		note, ps := g.pick("", "prefers text", "nervous patient", "insurance changed"), []plant{}
		if g.r.IntN(4) == 0 {
			cc := g.h25card()
			note = "card on file " + cc
			ps = append(ps, h15cc(cc))
		}
		ps = append(ps, h15id(ssn), h15tel(p1), h15tel(p2), h15mail(em), neutral("address", addr))
		f.add(fmt.Sprintf("\"%d\",\"%s\",\"%s\",\"%d-%02d-%02d\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"", 1000+g.r.IntN(90000), last, first, 1940+g.r.IntN(70), 1+g.r.IntN(12), 1+g.r.IntN(28), ssn, p1, p2, em, addr, g.pick("Prophy", "Perio", "BW"), g.h25date(), note), ps...)
	}
}}

// ---- Gitea/Forgejo runners ----

var h25RunnerJSON = template{"ci-runners", "dot_runner.json", func(g *gen, f *file) {
	f.add("{")
	f.add("  \"WARNING\": \"This file is automatically generated by act-runner. Do not edit it manually unless you know what you are doing. Removing this file will cause act runner to re-register as a new runner.\",")
	f.add("  \"id\": " + fmt.Sprint(1+g.r.IntN(400)) + ",")
	uu := g.h5uuid()
	f.add("  \"uuid\": \""+uu+"\",", neutral("id", uu))
	f.add("  \"name\": \"" + g.pick("runner-ci1", "forgejo-arm64", "build-vm-3") + "\",")
	tk := g.s(hexd, 40)
	f.add("  \"token\": \""+tk+"\",", h15gen(tk))
	f.add("  \"address\": \"https://" + g.pick("git.", "forgejo.", "code.") + g.pick(h25orgs...) + "\",")
	f.add("  \"labels\": [")
	f.add("    \"ubuntu-latest:docker://node:20-bookworm\",")
	f.add("    \"ubuntu-22.04:docker://catthehacker/ubuntu:act-22.04\"")
	f.add("  ]")
	f.add("}")
}}

var h25RunnerYaml = template{"ci-runners", "act_runner-config.yaml", func(g *gen, f *file) {
	f.add("# $ forgejo-runner register --no-interactive --instance https://code." + g.pick(h25orgs...) + " \\")
	rt := g.s(alnum, 40)
	f.add("#     --token "+rt+" --name build-vm", h15gen(rt))
	f.add("log:")
	f.add("  level: info")
	f.add("runner:")
	f.add("  file: .runner")
	f.add("  capacity: " + fmt.Sprint(1+g.r.IntN(4)))
	f.add("  envs:")
	np, nps := g.h25tv()
	f.add("    NPM_CONFIG_TOKEN: "+np, nps...)
	rp, rps := g.h25pv()
	f.add("    REGISTRY_PASSWORD: \""+rp+"\"", rps...)
	f.add("    GOPROXY: https://proxy.golang.org")
	f.add("  env_file: .env")
	f.add("  timeout: 3h")
	f.add("cache:")
	f.add("  enabled: true")
	f.add("  host: " + g.privIP())
	cs, css := g.h25gv()
	f.add("  secret: "+cs, css...)
	f.add("container:")
	f.add("  network: bridge")
	f.add("  options: --add-host=git.local:" + g.privIP())
	f.add("  valid_volumes: []")
	sha := g.s(hexd, 64)
	f.add("# image digest sha256:"+sha, neutral("hash", sha))
	em := g.h25email()
	f.add("# admin "+em, h15mail(em))
}}

// ---- seismology ----

var h25Scmaster = template{"seismology", "scmaster.cfg", func(g *gen, f *file) {
	f.add("# SeisComP scmaster configuration")
	f.add("queues = production, playback")
	f.add("queues.production.groups = AMPLITUDE, PICK, LOCATION, MAGNITUDE, EVENT, QC, CONFIG")
	f.add("queues.production.processors.messages = dbstore")
	f.add("queues.production.processors.messages.dbstore.driver = " + g.pick("mysql", "postgresql"))
	pw := g.h25plain()
	v := "sysop:" + pw + "@" + g.h25host() + "/seiscomp"
	f.add("queues.production.processors.messages.dbstore.read = "+v, plant{family: "password", kind: "secret", value: v, core: pw})
	f.add("queues.production.processors.messages.dbstore.write = "+v, plant{family: "password", kind: "secret", value: v, core: pw})
	f.add("# global.cfg (FDSNWS and FTP)")
	f.add("connection.server = localhost/production")
	f.add("database.inventory = " + g.pick("mysql", "postgresql") + "://sysop:${SC_DB_PASS}@localhost/seiscomp")
	fp, fps := g.h25pv()
	f.add("fdsnws.restricted.ftp.password = "+fp, fps...)
	tk, tks := g.h25tv()
	f.add("scevtlog.notify.token = "+tk, tks...)
	em := g.h25email()
	f.add("# network operator "+em, h15mail(em))
	ph := g.h25phone()
	f.add("# duty seismologist "+ph, h15tel(ph))
	sum := g.s(hexd, 32)
	f.add("# inventory md5 "+sum, neutral("hash", sum))
}}

var h25Htpasswd = template{"seismology", "fdsnws.htpasswd", func(g *gen, f *file) {
	f.add("# fdsnws restricted data users (user:password), see fdsnws.cfg htpasswd")
	for i := 0; i < 3+g.r.IntN(4); i++ {
		u := g.pick("eida", "ingv", "geofon", "kalmyk-net", "udine-obs", "tl-seis") + g.s(digits, 2)
		switch g.r.IntN(3) {
		case 0, 1:
			pw := g.h25plain()
			f.add(u+":"+pw, h15pw(pw))
		default:
			h := "$apr1$" + g.s(alnum, 8) + "$" + g.s("./"+alnum, 22)
			f.add(u+":"+h, neutral("hash", h))
		}
	}
	em := g.h25email()
	f.add("# token holder list: "+em, h15mail(em))
	f.add("# auth token for /fdsnws/dataselect/1/auth (PGP-signed):")
	f.add("# -----BEGIN PGP MESSAGE-----")
	c := g.s(b64, 64)
	f.add("# "+c, neutral("ciphertext", c))
	f.add("# -----END PGP MESSAGE-----")
}}

// ---- captive portals ----

var h25Chilli = template{"captive-portal", "chilli-config", func(g *gen, f *file) {
	f.add("# /etc/chilli/config - CoovaChilli hotspot settings")
	f.add("HS_WANIF=eth0")
	f.add("HS_LANIF=wlan0")
	f.add("HS_NETWORK=10.1.0.0")
	f.add("HS_NETMASK=255.255.255.0")
	f.add("HS_UAMLISTEN=10.1.0.1")
	f.add("HS_NASID=" + g.pick("hagatna-lobby", "dili-port", "ferry-deck"))
	f.add("HS_RADIUS=" + g.h25host())
	f.add("HS_RADIUS2=" + g.h25host())
	rs, rss := g.h25ppv()
	f.add("HS_RADSECRET="+rs, rss...)
	us, uss := g.h25ppv()
	f.add("HS_UAMSECRET="+us, uss...)
	f.add("HS_UAMSERVER=https://portal." + g.pick(h25orgs...) + "/hotspotlogin")
	f.add("HS_UAMALLOW=www.coova.org,portal." + g.pick(h25orgs...))
	f.add("HS_ADMUSR=chillispot")
	ap, aps := g.h25ppv()
	f.add("HS_ADMPWD="+ap, aps...)
	f.add("HS_MACAUTH=on")
	f.add("HS_LOC_NAME=\"" + g.pick("Hagåtña Marina Lobby", "Dili Ferry Terminal", "Vigan Plaza") + "\"")
	em := g.h25email()
	f.add("HS_PROVIDER_EMAIL="+em, h15mail(em))
	ph := g.h25phone()
	f.add("HS_LOC_PHONE=\""+ph+"\"", h15tel(ph))
}}

var h25Guests = template{"captive-portal", "guest_registrations.csv", func(g *gen, f *file) {
	f.add("timestamp;mac;first_name;last_name;email;phone;room;voucher;consent")
	for i := 0; i < 3+g.r.IntN(3); i++ {
		first, last := g.h25name()
		em, ph := g.h25email(), g.h25phone()
		mac := strings.ToLower(g.s(hexd, 2) + "-" + g.s(hexd, 2) + "-" + g.s(hexd, 2) + "-" + g.s(hexd, 2) + "-" + g.s(hexd, 2) + "-" + g.s(hexd, 2))
		vo := g.s("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8)
		f.add(g.h25ts()+";"+mac+";"+first+";"+last+";"+em+";"+ph+";"+fmt.Sprint(100+g.r.IntN(400))+";"+vo+";yes", h15mail(em), h15tel(ph), neutral("voucher", vo))
	}
	f.add("# exported by portal admin; api key for the PMS sync:")
	tk, tks := g.h25tv()
	f.add("# "+tk, tks...)
}}

// ---- prose: coworking front desk and ferry bookings ----

// h25lang holds one language's sentences: pw takes a password, contact a phone and an
// e-mail, pay an IBAN, card a card number, id a national ID, plain nothing planted.
type h25lang struct {
	name, code                        string
	pw, contact, pay, card, id, plain string
}

var h25coworkA = []h25lang{
	{"Ossetian", "os", "Дæ бон хорз! Абон уæлейы уатты Wi-Fi-йы пароль у %s — ма йæ радт æддагон адæмæн.", "Мæ телефоны номыр у %s, фыстæг та мын рарвит %s-мæ.", "Фæстаг хыгъд бафид ацы IBAN-мæ: %s.", "Карты номыр: %s, гæнæн ис ныр бафидын.", "Мæ паспорты номыр: %s.", "Райсом нæ зал уыдзæн æхгæд сыгъдæгкæныны тыххæй."},
	{"Kabyle", "kab", "Azul! Awal uffir n Wi-Fi n texxamt tamoqrant d %s, ur t-id-fkeṭ i yimerza.", "Siwel-iyi-d ɣer %s neɣ azen-iyi-d izen ɣer %s.", "Ma ulac aɣilif, xelṣet ɣer IBAN-agi: %s.", "Uṭṭun n tkarḍa: %s, ad xelṣeɣ tura.", "Uṭṭun n tkarḍa n tmagit: %s.", "Azekka tazeqqa n usemlil ad tettwamdel i usfaḍ."},
	{"Maithili", "mai", "प्रणाम! पैघ कोठरीक वाई-फाई पासवर्ड %s अछि, बाहरी लोक केँ नहि देब।", "हमर फोन नम्बर %s अछि, ईमेल %s पर पठाउ।", "कृपया एहि IBAN पर भुगतान करू: %s।", "कार्ड नम्बर %s, एखने भुगतान क' सकैत छी।", "हमर पहिचान संख्या %s अछि।", "काल्हि सभा-कक्ष सफाइ लेल बन्द रहत।"},
	{"Mazandarani", "mzn", "سلام! گت اتاق وای‌فای رمز %s هسه، غریبه‌ها ره ندین.", "مه تلفن شماره %s هسه، ایمیل ره %s سر بفرسین.", "خواهش کمبه این IBAN سر پول بریزین: %s.", "مه کارت شماره %s هسه، الان پول دمبه.", "مه ملی کد %s هسه.", "فردا جلسه اتاق تمیزکاری وسه دوسته."},
}

var h25coworkB = []h25lang{
	{"Friulian", "fur", "Mandi! La peraule clâf dal Wi-Fi de sale grande e je %s, no stait a dâle a forescj.", "Il gno numar di telefon al è %s, scrivêtmi a %s.", "Par plasê, paiait su chest IBAN: %s.", "Numar de cjarte: %s, o pues paiâ cumò.", "Il gno numar di identitât al è %s.", "Doman la sale riunions e reste sierade pes netisiis."},
	{"Chamorro", "ch", "Håfa adai! I password para i Wi-Fi gi dankolo na kuåtto %s, cha'-mu nana'i i taotao hiyong.", "I numirun telefon-hu %s, tågo' yu' mensåhi gi %s.", "Put fabot, åpas gi este na IBAN: %s.", "I numirun kåtta %s, siña hu åpas på'go.", "I numirun ID-hu %s.", "Agupa' mamaipe' i kuåtton inetnon put para mana'gasgas."},
	{"Turkmen", "tk", "Salam! Uly otagyň Wi-Fi paroly %s, ony daşky adamlara bermäň.", "Meniň telefon belgim %s, hat ýazjak bolsaňyz %s.", "Haýyş edýärin, şu IBAN-a töläň: %s.", "Kart belgisi %s, häzir töläp bilerin.", "Meniň şahsyýet belgim %s.", "Ertir maslahat otagy arassalamak üçin ýapyk bolar."},
	{"Buryat", "bxr", "Сайн байна! Томо таһалгын Wi-Fi нюуса үгэ %s, гадна хүнүүдтэ бү үгыт.", "Минии утасанай дугаар %s, бэшэг %s руу эльгээгыт.", "Энэ IBAN руу түлэгыт: %s.", "Картын дугаар %s, мүнөө түлэжэ болохоб.", "Минии паспортын дугаар %s.", "Үглөөдэр хуралдаанай таһалга сэбэрлэгын түлөө хаалтатай."},
}

var h25ferryA = []h25lang{
	{"Gilaki", "glk", "سلام! می رزرو حساب رمز %s ایسه، بلیط ره عوض کونید.", "می شماره %s ایسه، ایمیل %s.", "پول ره این IBAN سر وگردانید: %s.", "می کارت شماره %s.", "می ملی کد %s ایسه.", "لنج ساعت هشت ره حرکت کونه."},
	{"Tetum", "tet", "Bondia! Password ba ha'u-nia konta reserva mak %s, favor troka bilete.", "Ha'u-nia númeru telefone %s, email %s.", "Favór transfere osan ba IBAN ida-ne'e: %s.", "Númeru kartaun %s.", "Ha'u-nia númeru identidade %s.", "Ró Berlin-Nakroma sai tuku ualu dadeer."},
	{"Kalmyk", "xal", "Мендвт! Мини захалтын нууц үг %s, билетм сольтн.", "Мини утсна номер %s, электр бичг %s.", "Эн IBAN-д мөңг шилҗүлтн: %s.", "Картин номер %s.", "Мини паспортин номер %s.", "Онгоц өрүн нәәмн часд һарна."},
	{"Konkani", "gom", "नमस्कार! म्हज्या बुकिंग खात्याचो पासवर्ड %s, तिकेट बदलात.", "म्हजो फोन नंबर %s, ईमेल %s.", "पयशे ह्या IBAN चेर धाडात: %s.", "कार्ड नंबर %s.", "म्हजो ओळख क्रमांक %s.", "फेरी सकाळीं आठ वरांचेर सुटता."},
}

var h25ferryB = []h25lang{
	{"Papiamento", "pap", "Bon dia! E kontraseña di mi kuenta di reservashon ta %s, por fabor kambia e biyete.", "Mi number di telefòn ta %s, email %s.", "Por fabor transferí e plaka na e IBAN aki: %s.", "Number di karchi %s.", "Mi number di sédula ta %s.", "E ferry ta sali 8'or di mainta."},
	{"Ilocano", "ilo", "Naimbag nga aldaw! Ti password ti account-ko iti reserbasion ket %s, pangngaasiyo ta sukatanyo ti tiket.", "Ti numero ti teleponok ket %s, email %s.", "Pangngaasiyo ta ipatulodyo ti kuarta iti daytoy nga IBAN: %s.", "Numero ti kard %s.", "Ti numero ti ID-k ket %s.", "Rumuar ti barko iti alas otso iti bigat."},
	{"Upper Sorbian", "hsb", "Dobry dźeń! Hesło za moje rezerwaciske konto je %s, prošu změńće tiket.", "Moje telefonowe čisło je %s, e-mejl %s.", "Prošu přepokazajće pjenjezy na tutón IBAN: %s.", "Čisło karty %s.", "Moje čisło wosobneho wupokaza je %s.", "Čołm wotjědźe w wosmich rano."},
	{"Adyghe", "ady", "Уимафэ шIу! Сибронированиеу аккаунтым ипароль %s, билетыр зэблэхъун.", "Ситэлефон номерыр %s, электрон пос %s.", "Мы IBAN-м ахъщэр къыхэфэн: %s.", "Картэм иномер %s.", "Сипаспорт иномер %s.", "Кхъухьыр пчэдыжьым сыхьатыр ирэ къежьэ."},
}

// h25say fills one sentence of l: a password, a contact, an IBAN, a card, an ID or
// nothing, with its plants.
func (g *gen) h25say(l h25lang) (string, []plant) {
	switch g.r.IntN(7) {
	case 0, 1:
		pw := g.h25plain()
		return fmt.Sprintf(l.pw, pw), []plant{h15pw(pw)}
	case 2:
		ph, em := g.h25phone(), g.h25email()
		return fmt.Sprintf(l.contact, ph, em), []plant{h15tel(ph), h15mail(em)}
	case 3:
		ib := g.h25iban()
		if g.r.IntN(2) == 0 {
			ib = groupsOf4(ib)
		}
		return fmt.Sprintf(l.pay, ib), []plant{h15ib(ib)}
	case 4:
		cc := g.h25card()
		return fmt.Sprintf(l.card, cc), []plant{h15cc(cc)}
	case 5:
		id := g.h25nid()
		return fmt.Sprintf(l.id, id), []plant{h15id(id)}
	}
	return l.plain, nil
}

var h25CoworkJSON = template{"coworking-messages", "frontdesk_messages.json", func(g *gen, f *file) {
	f.add("{")
	f.add("  \"workspace\": \"" + g.pick("Udine Hub", "Panaji Cowork", "Elista Commons") + "\",")
	f.add("  \"exported_at\": \"" + g.h25ts() + "\",")
	f.add("  \"messages\": [")
	n := 7 + g.r.IntN(5)
	for i := 0; i < n; i++ {
		l := h25coworkA[g.r.IntN(len(h25coworkA))]
		text, ps := g.h25say(l)
		if i == 0 {
			tk, tp := g.h25tok()
			text = "Printer cloud key for the kiosk: " + tk
			ps = []plant{tp}
		}
		sep := ","
		if i == n-1 {
			sep = ""
		}
		id := g.h5uuid()
		f.add(fmt.Sprintf("    {\"id\": \"%s\", \"lang\": \"%s\", \"from\": \"%s\", \"text\": \"%s\"}%s", id, l.code, g.pick("member", "front-desk", "community-manager"), text, sep), append(ps, neutral("id", id))...)
	}
	f.add("  ]")
	f.add("}")
}}

var h25CoworkThread = template{"coworking-messages", "frontdesk_thread.txt", func(g *gen, f *file) {
	f.add("=== Front desk thread, " + g.pick("Hagåtña", "Mary", "Ulan-Ude", "Udine") + " space ===")
	n := 6 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		l := h25coworkB[g.r.IntN(len(h25coworkB))]
		text, ps := g.h25say(l)
		first, _ := g.h25name()
		f.add(fmt.Sprintf("[%s] %s (%s): %s", g.h25ts(), first, l.name, text), ps...)
	}
	pw := g.h25pass()
	f.add("[staff note] door panel admin PIN changed, new master password "+pw, h15pw(pw))
	f.add("[staff note] guest wifi: see the sign at reception (password: <ask staff>)")
}}

var h25FerryYaml = template{"ferry-notes", "booking_notes.yaml", func(g *gen, f *file) {
	f.add("# booking desk notes export")
	f.add("operator: " + g.pick("Dili Ferries", "Rasht Caspian Lines", "Goa River Boats", "Elista Lake Shuttle"))
	f.add("notes:")
	for i := 0; i < 6+g.r.IntN(5); i++ {
		l := h25ferryA[g.r.IntN(len(h25ferryA))]
		text, ps := g.h25say(l)
		ref := g.s("ABCDEFGHJKLMNPQRSTUVWXYZ", 2) + g.s(digits, 6)
		f.add("  - booking: " + ref)
		f.add("    lang: " + l.code)
		f.add("    text: \""+text+"\"", ps...)
	}
	f.add("  - booking: internal")
	f.add("    lang: en")
	tk, tks := g.h25tv()
	f.add("    text: \"Payment gateway key rotated, new one: "+tk+"\"", tks...)
}}

var h25FerryEml = template{"ferry-notes", "booking_notes.eml", func(g *gen, f *file) {
	em := g.h25email()
	f.add("From: "+em, h15mail(em))
	to := "bookings@" + g.pick(h25orgs...)
	f.add("To: "+to, neutral("mailbox", to))
	f.add("Subject: " + g.pick("Re: reserva", "Re: reserbasion", "Re: rezerwacija", "booking change"))
	f.add("Date: " + g.pick("Mon", "Tue", "Wed") + ", 0" + fmt.Sprint(1+g.r.IntN(9)) + " Mar 2026 09:1" + fmt.Sprint(g.r.IntN(10)) + ":00 +0100")
	mid := g.s(hexd, 24)
	f.add("Message-ID: <"+mid+"@mail.gmail.com>", neutral("id", mid))
	f.add("Content-Type: text/plain; charset=UTF-8")
	f.add("")
	for i := 0; i < 4+g.r.IntN(4); i++ {
		l := h25ferryB[g.r.IntN(len(h25ferryB))]
		text, ps := g.h25say(l)
		f.add(text, ps...)
		f.add("")
	}
	first, last := g.h25name()
	ph := g.h25phone()
	f.add("-- ")
	f.add(first+" "+last+" | "+ph, h15tel(ph))
}}
