package main

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// held21Families pairs each family's two shapes: a goes to held21a, b to held21b.
var held21Families = []struct{ a, b template }{
	{h21CrewRoster, h21EFBPlist},
	{h21VSATConf, h21FALCrewList},
	{h21GalaxyYML, h21BioCreds},
	{h21SCPILog, h21LIMSExport},
	{h21SteamVDF, h21GodotPresets},
	{h21AmazonOrders, h21SPAPICreds},
	{h21NAVConfig, h21BCContainer},
	{h21AsteriskCDR, h21ASN1CDR},
	{h21NiagaraXML, h21BMSGateway},
	{h21GuixConfig, h21EDNConfig},
	{h21Velociraptor, h21OsqueryFlags},
	{h21TeltonikaSMS, h21TraccarXML},
	{h21CUE, h21Tiltfile},
	{h21NCPDP, h21ASAP},
	{h21TranscribeJSON, h21QACSV},
	{h21NACHA, h21MoovCapture},
	{h21AL3, h21ACORDXML},
	{h21OpenAS2, h21AS2Props},
	{h21KohaConf, h21SIP2Trace},
	{h21XiboSettings, h21ScreenlyConf},
}

var held21aTemplates, held21bTemplates = halves(held21Families)

// ---- airline crew systems ----

var h21CrewRoster = template{"aviation", "crew_roster.txt", func(g *gen, f *file) {
	f.add(fmt.Sprintf("CREW ROSTER EXPORT   ATOLL AIR   PERIOD %s   BASE MLE   GENERATED %s", g.h21date()[:7], g.h21ts()))
	key := g.h21rand()
	f.add("# exported by rosterctl "+g.h21ver()+" --api-key="+key, h15gen(key))
	f.add("EMPNO  SURNAME         GIVEN NAMES     RNK DOB        PASSPORT   NAT MOBILE              EMAIL")
	for i := 0; i < 5+g.r.IntN(5); i++ {
		first, last := g.h21name()
		pp, ph, em := g.h21passport(), g.h21phone(), g.h21email()
		f.add(fmt.Sprintf("%06d %-15.15s %-15.15s %-3s %s %-10s %-3s %-19s %s", 100000+g.r.IntN(900000), strings.ToUpper(last), strings.ToUpper(first), g.pick("CPT", "FO", "SO", "CCM", "PUR"), g.h21dob(), pp, g.pick("MDV", "SWE", "BEL", "CAN", "ZAF", "SGP", "PRT"), ph, em),
			plant{family: "passport", kind: "pii", value: pp}, h15tel(ph), h15mail(em))
	}
	f.add(fmt.Sprintf("TRAILER RECORDS %02d CRC32 %08X BUILD %s", 5+g.r.IntN(5), g.r.Uint32(), g.s(hexd, 12)))
	if g.r.IntN(2) == 0 {
		pw := g.h21plain()
		f.add("# portal login for crew scheduling: crewsched / "+pw, h15pw(pw))
	}
}}

var h21EFBPlist = template{"aviation", "com.atollair.efb.managed.plist", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">`)
	f.add(`<plist version="1.0">`)
	f.add(`<dict>`)
	kv := func(k, v string, ps ...plant) {
		f.add("\t<key>" + k + "</key>")
		f.add("\t<string>"+h21xml(v)+"</string>", h21xmlPs(ps)...)
	}
	kv("ChartServiceURL", "https://charts."+g.pick(h21orgs...)+"/v2")
	kv("ChartServiceUsername", g.h21user())
	pw, ps := g.h21pv()
	kv("ChartServicePassword", pw, ps...)
	wk, wps := g.h21gv()
	kv("WeatherAPIKey", wk, wps...)
	tk, tps := g.h21tv()
	kv("DocumentSyncToken", tk, tps...)
	em := g.h21email()
	kv("PilotEmail", em, h15mail(em))
	ph := g.h21phone()
	kv("OpsControlPhone", ph, neutral("phone", ph))
	udid := strings.ToUpper(g.s(hexd, 8)) + "-" + strings.ToUpper(g.s(hexd, 16))
	kv("DeviceUDID", udid, neutral("id", udid))
	kv("AppVersion", g.h21ver())
	kv("ManifestChecksum", g.s(hexd, 64))
	f.add("\t<key>ClientCertificate</key>")
	f.add("\t<data>")
	for i := 0; i < 3; i++ {
		f.add("\tMII" + g.s(b64, 61))
	}
	f.add("\t</data>")
	f.add("\t<key>CrewPIN</key>")
	pin := g.s(digits, 6)
	f.add("\t<string>"+pin+"</string>", neutral("pin", pin))
	f.add(`</dict>`)
	f.add(`</plist>`)
}}

// ---- ships ----

var h21VSATConf = template{"maritime", "vsat_terminal.conf", func(g *gen, f *file) {
	f.add("; VSAT terminal configuration — MV " + g.pick("VALLETTA STAR", "KIGALI TRADER", "BRAGA SPIRIT", "UPPSALA MAERSK") + fmt.Sprintf(" (IMO %d)", 9000000+g.r.IntN(999999)))
	f.add("[system]")
	f.add("hostname = vsat-" + g.s(lower, 4))
	f.add("firmware = " + g.h21ver())
	f.add("[admin]")
	f.add("username = admin")
	pw, ps := g.h21pv()
	f.add("password = "+pw, ps...)
	f.add("[snmp]")
	f.add("community_ro = public")
	rw := g.h21plain()
	f.add("community_rw = "+rw, h15pw(rw))
	f.add("[satellite]")
	f.add(fmt.Sprintf("tx_frequency_mhz = %d.%03d", 14000+g.r.IntN(500), g.r.IntN(1000)))
	f.add(fmt.Sprintf("symbol_rate_ksps = %d", 1000+g.r.IntN(9000)))
	f.add("modem_serial = " + g.s(upperD, 10))
	f.add("[crew_wifi]")
	f.add("ssid = CREW-" + g.s(upperD, 4))
	psk := g.h21pass()
	f.add(g.pick("wpa_psk", "wpa_passphrase", "clave_wifi")+" = "+psk, h15pw(psk))
	f.add("[portal]")
	tk, tps := g.h21tv()
	f.add("api_token = "+tk, tps...)
	em := g.h21email()
	f.add("noc_contact = "+em, h15mail(em))
	ph := "+8816" + g.s(digits, 8)
	f.add("bridge_iridium = "+ph, neutral("phone", ph))
	f.add("[logging]")
	f.add("level = info")
	f.add("upload_checksum = " + g.s(hexd, 40))
}}

var h21FALCrewList = template{"maritime", "fal5_crew_list.csv", func(g *gen, f *file) {
	imo := fmt.Sprint(9000000 + g.r.IntN(999999))
	f.add("IMO FAL Form 5 - Crew List")
	f.add("Name of ship,MV " + g.pick("VALLETTA STAR", "KIGALI TRADER", "BRAGA SPIRIT") + ",IMO number," + imo + ",Call sign," + g.s("ABCDEFGHJKLMNPRSTUVWXYZ", 4))
	f.add("Port of arrival," + g.pick("MTMAR", "PTLIS", "SEGOT", "ZADUR") + ",Date of arrival," + g.h21date())
	f.add("No.,Family name,Given names,Rank or rating,Nationality,Date of birth,Nature of identity document,Number of identity document,Seafarer email,Mobile")
	for i := 1; i <= 6+g.r.IntN(6); i++ {
		first, last := g.h21name()
		doc := g.pick("Passport", "Passport", "National ID")
		var id string
		var p plant
		if doc == "Passport" {
			id = g.h21passport()
			p = plant{family: "passport", kind: "pii", value: id}
		} else {
			id = g.h21nid()
			p = h15id(id)
		}
		em, ph := g.h21email(), g.h21phone()
		f.add(fmt.Sprintf("%d,%s,%s,%s,%s,%s,%s,%s,%s,%s", i, last, first, g.pick("Master", "Chief Officer", "AB", "Oiler", "Cook", "2nd Engineer"), g.pick("MT", "RW", "HT", "PT", "SE"), g.h21dob(), doc, id, em, ph), p, h15mail(em), h15tel(ph))
	}
	f.add("Signature of master,,,,Document hash," + g.s(hexd, 64))
}}

// ---- bioinformatics platforms ----

var h21GalaxyYML = template{"bio", "galaxy.yml", func(g *gen, f *file) {
	f.add("gravity:")
	f.add("  galaxy_root: /srv/galaxy/server")
	f.add("  gunicorn:")
	f.add("    bind: localhost:8080")
	f.add("galaxy:")
	dsn, dp := g.h21dsn("postgresql")
	f.add("  database_connection: "+dsn, dp)
	id, ips := g.h21gv()
	f.add("  id_secret: '"+id+"'", ips...)
	a1, a2 := g.h21email(), g.h21email()
	f.add("  admin_users: "+a1+","+a2, h15mail(a1), h15mail(a2))
	bk := g.s(hexd, 32)
	f.add("  bootstrap_admin_api_key: "+bk, h15gen(bk))
	f.add("  smtp_server: smtp." + g.pick(h21orgs...) + ":587")
	f.add("  smtp_username: " + g.h21user())
	pw, ps := g.h21pv()
	f.add("  smtp_password: '"+pw+"'", ps...)
	em := g.h21email()
	f.add("  error_email_to: "+em, h15mail(em))
	amqp, ap := g.h21dsn("amqp")
	f.add("  amqp_internal_connection: "+amqp, ap)
	f.add("  tool_data_path: /srv/galaxy/tool-data")
	f.add("  brand: " + g.pick("Uppsala Bio", "Lhasa Genomics", "Kigali Pathogen Lab"))
	f.add("  # checksum of tool_conf.xml: " + g.s(hexd, 64))
	f.add("  conda_auto_install: true")
	f.add("  interactivetools_enable: " + g.pick("true", "false"))
}}

var h21BioCreds = template{"bio", "bio-credentials.cfg", func(g *gen, f *file) {
	f.add("# ~/.basespace/default.cfg and ~/.sevenbridges/credentials merged for the pipeline runner")
	f.add("[basespace]")
	f.add("apiServer   = https://api.basespace.illumina.com")
	at := g.s(hexd, 32)
	f.add("accessToken = "+at, h15gen(at))
	f.add("[sbg-default]")
	f.add("api_endpoint = https://api.sbgenomics.com/v2")
	st := g.s(hexd, 32)
	f.add("auth_token = "+st, h15gen(st))
	f.add("[cavatica]")
	f.add("api_endpoint = https://cavatica-api.sbgenomics.com/v2")
	f.add("auth_token = <paste-your-token>")
	f.add("[dnanexus]")
	tk, tps := g.h21tv()
	f.add("token = "+tk, tps...)
	em := g.h21email()
	f.add("owner_email = "+em, h15mail(em))
	f.add("[run]")
	f.add("flowcell = " + g.s(upperD, 9))
	f.add("run_id = " + g.h5uuid())
	f.add("reference_md5 = " + g.s(hexd, 32))
}}

// ---- laboratory instruments ----

var h21SCPILog = template{"lab", "scpi-session.log", func(g *gen, f *file) {
	ts := func() string {
		return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d.%03d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
	}
	ip := "10." + fmt.Sprint(g.r.IntN(250)) + "." + fmt.Sprint(g.r.IntN(250)) + "." + fmt.Sprint(1+g.r.IntN(250))
	f.add(ts() + " INFO  open TCPIP0::" + ip + "::hislip0::INSTR")
	f.add(ts() + " TX> *IDN?")
	f.add(ts() + " RX< " + g.pick("Keysight Technologies,DSOX3024T,MY", "Rohde&Schwarz,RTB2004,1333.1005K04/", "Tektronix,MSO54,B0") + g.s(digits, 8) + "," + g.h21ver())
	f.add(ts() + " TX> :SYST:COMM:LAN:HOST \"lab-" + g.s(lower, 4) + "\"")
	pw := g.h21plain()
	f.add(ts()+" TX> SYST:PASS:CEN \""+pw+"\"", h15pw(pw))
	f.add(ts() + " RX< 1")
	fpw := g.h21plain()
	f.add(ts()+" TX> :MMEM:NETW:MAP 'Z:','\\\\fs01\\results','"+g.h21user()+"','"+fpw+"'", h15pw(fpw))
	f.add(ts() + " TX> :MEAS:VPP? CHAN1")
	f.add(ts() + fmt.Sprintf(" RX< %.4E", g.r.Float64()*3))
	tk, tps := g.h21tv()
	f.add(ts()+" INFO  POST https://"+g.h21host()+"/api/v2/results Authorization: Bearer "+tk, tps...)
	f.add(ts() + " INFO  201 Created result_id=" + g.h5uuid())
	em := g.h21email()
	f.add(ts()+" INFO  operator="+em+" calibration_due="+g.h21date(), h15mail(em))
	f.add(ts() + " TX> :SYST:ERR?")
	f.add(ts() + " RX< +0,\"No error\"")
	f.add(ts() + " INFO  firmware image sha256=" + g.s(hexd, 64))
}}

var h21LIMSExport = template{"lab", "lims_samples.csv", func(g *gen, f *file) {
	f.add("SampleID,ClientSampleID,PatientName,DateOfBirth,NationalID,Phone,Email,Address,Analysis,Result,Units,Analyst")
	for i := 0; i < 5+g.r.IntN(6); i++ {
		first, last := g.h21name()
		id, ph, em, ad := g.h21nid(), g.h21phone(), g.h21email(), g.h21addr()
		f.add(fmt.Sprintf("%s-%05d,%s,%s %s,%s,%s,%s,%s,\"%s\",%s,%.2f,%s,%s", g.pick("WB", "SER", "UR"), g.r.IntN(100000), g.s(upperD, 8), first, last, g.h21dob(), id, ph, em, ad, g.pick("HbA1c", "CRP", "TSH", "Ferritin"), g.r.Float64()*100, g.pick("mg/L", "%", "mIU/L"), g.h21user()),
			h15id(id), h15tel(ph), h15mail(em), neutral("address", ad))
	}
	key := g.h21rand()
	f.add("# exported via senaite.jsonapi; X-API-Key "+key, h15gen(key))
}}

// ---- game build pipelines ----

var h21SteamVDF = template{"game", "steam_deploy.vdf", func(g *gen, f *file) {
	app := 1000000 + g.r.IntN(2000000)
	f.add(`"AppBuild"`)
	f.add(`{`)
	f.add(fmt.Sprintf("\t\"AppID\"\t\t\"%d\"", app))
	f.add(fmt.Sprintf("\t\"Desc\"\t\t\"nightly %s (build %d)\"", g.h21ver(), 1000+g.r.IntN(9000)))
	f.add("\t\"BuildOutput\"\t\"..\\output\\\"")
	f.add("\t\"ContentRoot\"\t\"..\\content\\\"")
	f.add("\t\"SetLive\"\t\"" + g.pick("beta", "internal", "qa") + "\"")
	f.add("\t\"Depots\"")
	f.add("\t{")
	f.add(fmt.Sprintf("\t\t\"%d\"\t\"depot_build_%d.vdf\"", app+1, app+1))
	f.add("\t}")
	f.add(`}`)
	f.add(`"Deploy"`)
	f.add(`{`)
	f.add("\t\"SteamLogin\"\t\"" + g.h21user() + "\"")
	pw, ps := g.h21pv()
	f.add("\t\"SteamPassword\"\t\""+pw+"\"", ps...)
	ss := base64.StdEncoding.EncodeToString(g.h16bytes(20))
	f.add("\t\"SteamGuardSharedSecret\"\t\""+ss+"\"", h15gen(ss))
	pk := strings.ToUpper(g.s(hexd, 32))
	f.add("\t\"WebAPIPublisherKey\"\t\""+pk+"\"", h15gen(pk))
	id, tok := g.s(digits, 19), g.s(urlb64, 68)
	wh := "https://discord.com/api/webhooks/" + id + "/" + tok
	f.add("\t\"NotifyWebhook\"\t\""+wh+"\"", plant{family: "discord", kind: "secret", value: wh, core: tok})
	f.add("\t// build machine fingerprint " + g.s(hexd, 40))
	f.add(`}`)
}}

var h21GodotPresets = template{"game", "export_presets.cfg", func(g *gen, f *file) {
	f.add(`[preset.0]`)
	f.add(``)
	f.add(`name="Android"`)
	f.add(`platform="Android"`)
	f.add(`runnable=true`)
	f.add(`export_path="build/android/` + g.pick("atoll", "kigali", "braga") + `.aab"`)
	f.add(`script_export_mode=2`)
	k := g.s(hexd, 64)
	f.add(`script_encryption_key="`+k+`"`, h15gen(k))
	f.add(``)
	f.add(`[preset.0.options]`)
	f.add(``)
	f.add(`gradle_build/use_gradle_build=true`)
	f.add(`keystore/release="/home/ci/keys/upload.keystore"`)
	f.add(`keystore/release_user="upload"`)
	pw, ps := g.h21pv()
	f.add(`keystore/release_password="`+pw+`"`, ps...)
	f.add(`package/unique_name="nz.rotorua.` + g.s(lower, 6) + `"`)
	f.add(fmt.Sprintf(`version/code=%d`, 1+g.r.IntN(400)))
	f.add(`version/name="` + g.h21ver() + `"`)
	f.add(``)
	f.add(`[preset.1]`)
	f.add(``)
	f.add(`name="iOS"`)
	f.add(`platform="iOS"`)
	f.add(`[preset.1.options]`)
	team := g.s(upperD, 10)
	f.add(`application/app_store_team_id="`+team+`"`, neutral("id", team))
	u := g.h5uuid()
	f.add(`application/provisioning_profile_uuid_release="`+u+`"`, neutral("id", u))
	em := g.h21email()
	f.add(`application/export_method_release=0 ; contact `+em, h15mail(em))
}}

// ---- marketplace sellers ----

var h21AmazonOrders = template{"market", "AllOrdersReport.txt", func(g *gen, f *file) {
	f.add("amazon-order-id\tmerchant-order-id\tpurchase-date\torder-status\tbuyer-email\tbuyer-name\tbuyer-phone-number\tsku\tquantity\titem-price\tship-address-1\tship-city\tship-postal-code\tship-country")
	for i := 0; i < 6+g.r.IntN(6); i++ {
		first, last := g.h21name()
		em := g.s(lower+digits, 16) + "@marketplace.amazon." + g.pick("com", "se", "ca", "com.be", "sg")
		ph := g.h21phone()
		ad := g.h21addr()
		street := strings.SplitN(ad, ",", 2)[0]
		f.add(fmt.Sprintf("%03d-%07d-%07d\t%s\t%s\t%s\t%s\t%s %s\t%s\t%s\t%d\t%d.%02d\t%s\t%s\t%s\t%s", g.r.IntN(1000), g.r.IntN(10000000), g.r.IntN(10000000), g.s(upperD, 10), g.h21ts(), g.pick("Shipped", "Pending", "Unshipped"), em, first, last, ph, g.s(upperD, 3)+"-"+g.s(digits, 4), 1+g.r.IntN(3), g.r.IntN(300), g.r.IntN(100), street, g.pick("Uppsala", "Ghent", "Moncton", "Singapore"), g.s(digits, 5), g.pick("SE", "BE", "CA", "SG")),
			h15mail(em), h15tel(ph), neutral("address", street))
	}
}}

var h21SPAPICreds = template{"market", "sp_api_credentials.yml", func(g *gen, f *file) {
	f.add("version: '1.0'")
	f.add("default:")
	rt := "Atzr|IwEBI" + g.s(urlb64, 300+g.r.IntN(60))
	f.add("  refresh_token: '"+rt+"'", secret("amazon", rt))
	cid := "amzn1.application-oa2-client." + g.s(hexd, 32)
	f.add("  lwa_app_id: '"+cid+"'", neutral("id", cid))
	cs := "amzn1.oa2-cs.v1." + g.s(hexd, 64)
	f.add("  lwa_client_secret: '"+cs+"'", secret("amazon", cs))
	ak := "AKIA" + g.s(b32, 16)
	f.add("  aws_access_key: '"+ak+"'", secret("aws", ak))
	sk := g.s(b64[:62]+"+/", 40)
	f.add("  aws_secret_key: '"+sk+"'", secret("aws", sk))
	f.add("  role_arn: 'arn:aws:iam::" + g.s(digits, 12) + ":role/sp-api-role'")
	f.add("  marketplace: " + g.pick("SE", "BE", "CA", "SG"))
	f.add("sandbox:")
	f.add("  refresh_token: 'Atzr|<sandbox-token>'")
	f.add("  lwa_app_id: 'amzn1.application-oa2-client.<id>'")
	f.add("  lwa_client_secret: '${LWA_CLIENT_SECRET}'")
	em := g.h21email()
	f.add("# seller central login: "+em, h15mail(em))
}}

// ---- Dynamics NAV and Business Central ----

var h21NAVConfig = template{"erp", "CustomSettings.config", func(g *gen, f *file) {
	add := func(k, v string, ps ...plant) {
		f.add(`  <add key="`+k+`" value="`+h21xml(v)+`" />`, h21xmlPs(ps)...)
	}
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	f.add(`<appSettings>`)
	add("DatabaseServer", g.h21host())
	add("DatabaseInstance", g.pick("", "BC", "NAVDEMO"))
	add("DatabaseName", g.pick("CRONUS", "Production", "BC_Live"))
	add("ServerInstance", g.pick("BC230", "NAV2018", "BC240"))
	add("ClientServicesCredentialType", g.pick("NavUserPassword", "Windows", "AccessControlService"))
	add("ServicesCertificateThumbprint", strings.ToUpper(g.s(hexd, 40)))
	ct := base64.StdEncoding.EncodeToString(g.h16bytes(256))
	add("ProtectedDatabasePassword", ct, neutral("ciphertext", ct))
	ik := g.h5uuid()
	add("ApplicationInsightsConnectionString", "InstrumentationKey="+ik+";IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/", neutral("id", ik))
	az := g.h18azure()
	add("AzureActiveDirectoryClientSecret", az, secret("azure", az))
	add("AzureActiveDirectoryClientId", g.h5uuid())
	add("DeveloperServicesEnabled", "true")
	pw, ps := g.h21pv()
	add("SmtpPassword", pw, ps...)
	em := g.h21email()
	f.add(`  <!-- migrated from NAV 2018 by `+em+` on `+g.h21date()+` -->`, h15mail(em))
	if g.r.IntN(2) == 0 {
		old := g.h21plain()
		f.add(`  <!-- old sa password was `+old+`, rotated -->`, h15pw(old))
	}
	f.add(`</appSettings>`)
}}

var h21BCContainer = template{"erp", "New-BcDevContainer.ps1", func(g *gen, f *file) {
	f.add("# Business Central dev container for " + g.pick("Uppsala", "Ghent", "Braga") + " — run as admin")
	f.add("Import-Module BcContainerHelper")
	f.add("$containerName = 'bc" + fmt.Sprint(20+g.r.IntN(6)) + "'")
	pw := g.h21pass()
	f.add("$password = '"+pw+"'", h15pw(pw))
	f.add("$securePassword = ConvertTo-SecureString -String $password -AsPlainText -Force")
	f.add("$credential = New-Object pscredential 'admin', $securePassword")
	sig := base64.StdEncoding.EncodeToString(g.h16bytes(32))
	esig := strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(sig)
	url := "https://" + g.s(lower, 10) + ".blob.core.windows.net/licenses/dev.bclicense?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31T23:59:59Z&sig=" + esig
	f.add("$licenseFile = '"+url+"'", plant{family: "azure", kind: "secret", value: url, core: esig})
	f.add("$artifactUrl = Get-BCArtifactUrl -type Sandbox -country " + g.pick("se", "be", "dk", "pt") + " -select Latest")
	f.add("New-BcContainer -accept_eula -containerName $containerName -credential $credential -auth UserPassword -artifactUrl $artifactUrl -licenseFile $licenseFile -updateHosts")
	cs := g.h18azure()
	f.add("$authContext = New-BcAuthContext -clientID '"+g.h5uuid()+"' -clientSecret '"+cs+"' -tenantID '"+g.h5uuid()+"'", secret("azure", cs))
	tk, tps := g.h21tv()
	f.add("$env:NUGET_FEED_TOKEN = '"+tk+"'", tps...)
	f.add("Publish-BcContainerApp -containerName $containerName -appFile '.\\output\\App_" + g.h21ver() + ".app' -skipVerification -sync -install")
	em := g.h21email()
	f.add("Send-MailMessage -To '"+em+"' -Subject 'container ready' -SmtpServer smtp.office365.com", h15mail(em))
	f.add("# app package sha256 " + g.s(hexd, 64))
}}

// ---- telephone CDRs ----

var h21AsteriskCDR = template{"cdr", "Master.csv", func(g *gen, f *file) {
	n := 6 + g.r.IntN(6)
	iax := g.r.IntN(n)
	for i := 0; i < n; i++ {
		first, last := g.h21name()
		src, dst := g.h21phone(), g.h21phone()
		app, data := "Dial", "PJSIP/"+g.pick("trunk-mt", "trunk-se", "ext")+"/"+g.s(digits, 4)+",30,tT"
		var ps []plant
		if i == iax {
			pw := g.h21plain()
			app, data = "Dial", "IAX2/"+g.h21user()+":"+pw+"@iax."+g.pick(h21orgs...)+"/"+g.s(digits, 8)+",60"
			ps = append(ps, h15pw(pw))
		}
		ts := fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
		ps = append(ps, h15tel(src), h15tel(dst), h15tel(src))
		f.add(fmt.Sprintf(`"%s","%s","%s","from-internal","""%s %s"" <%s>","PJSIP/%s-%08x","","%s","%s","%s","%s","%s",%d,%d,"%s","DOCUMENTATION","%d.%d",""`,
			g.pick("", "sales", "noc"), src, dst, first, last, src, g.s(digits, 3), g.r.Uint32(), app, data, ts, ts, ts, g.r.IntN(900), g.r.IntN(800), g.pick("ANSWERED", "NO ANSWER", "BUSY"), 1767000000+g.r.IntN(9000000), g.r.IntN(900)), ps...)
	}
}}

var h21ASN1CDR = template{"cdr", "cdr_dump.asn1.txt", func(g *gen, f *file) {
	f.add(fmt.Sprintf("-- decoded by asn1dec %s from CDR_%s_%04d.ber (3GPP TS 32.298)", g.h21ver(), strings.ReplaceAll(g.h21date(), "-", ""), g.r.IntN(10000)))
	for r := 0; r < 2+g.r.IntN(3); r++ {
		f.add(fmt.Sprintf("-- record %d", r+1))
		f.add("value CallEventRecord ::= " + g.pick("moCallRecord", "mtCallRecord") + " : {")
		f.add("  recordType " + g.pick("moCallRecord", "mtCallRecord") + ",")
		imsi := g.pick("24201", "20601", "27801", "65501") + g.s(digits, 10)
		f.add(`  servedIMSI "`+imsi+`",`, pii("imsi", imsi))
		body := g.s(digits, 14)
		imei := body + string(luhnDigit(body))
		f.add(`  servedIMEI "`+imei+`",`, pii("imei", imei))
		ms := g.h21phone()
		f.add(`  servedMSISDN "`+ms+`",`, h15tel(ms))
		cn := g.h21phone()
		f.add(`  calledNumber "`+cn+`",`, h15tel(cn))
		f.add("  recordingEntity '" + strings.ToUpper(g.s(hexd, 12)) + "'H,")
		f.add("  location { locationAreaCode '" + strings.ToUpper(g.s(hexd, 4)) + "'H, cellIdentifier '" + strings.ToUpper(g.s(hexd, 4)) + "'H },")
		f.add(fmt.Sprintf("  seizureTime '26%02d%02d%02d%02d%02d2B0100'H,", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)))
		f.add(fmt.Sprintf("  callDuration %d,", g.r.IntN(3600)))
		f.add("  causeForTerm " + g.pick("normalRelease", "partialRecord", "abnormalRelease") + ",")
		f.add("  callReference '" + strings.ToUpper(g.s(hexd, 8)) + "'H,")
		f.add(fmt.Sprintf("  sequenceNumber %d", g.r.IntN(100000)))
		f.add("}")
	}
}}

// ---- building automation ----

var h21NiagaraXML = template{"bms", "config.bog.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<bajaObjectGraph version="4.0" reversibleEncryptionKeyVersion="2" FIPSEnabled="false">`)
	f.add(`<p m="b=baja" t="b:Station">`)
	f.add(`<p n="Services" t="b:ServiceContainer">`)
	f.add(` <p n="UserService" m="u=baja" t="b:UserService">`)
	for i := 0; i < 1+g.r.IntN(3); i++ {
		f.add(`  <p n="` + g.pick("admin", "operator", "tech", "viewer") + fmt.Sprint(i) + `" t="b:User">`)
		em := g.h21email()
		f.add(`   <p n="email" v="`+em+`"/>`, h15mail(em))
		h := "pbkdf2hmacsha256/$1$" + base64.StdEncoding.EncodeToString(g.h16bytes(16)) + "$" + base64.StdEncoding.EncodeToString(g.h16bytes(32))
		f.add(`   <p n="password" v="`+h+`"/>`, neutral("hash", h))
		f.add(`  </p>`)
	}
	f.add(` </p>`)
	f.add(` <p n="EmailService" m="email=email" t="email:EmailService">`)
	f.add(`  <p n="account" t="email:SmtpAccount"><p n="hostname" v="smtp.` + g.pick(h21orgs...) + `"/></p>`)
	enc := "[aes256pbkdf2sha256]" + g.s(hexd, 96)
	f.add(`  <p n="password" v="`+enc+`"/>`, neutral("ciphertext", enc))
	f.add(` </p>`)
	f.add(`</p>`)
	f.add(`<p n="Drivers" t="b:DriverContainer">`)
	f.add(` <p n="BmsCloud" m="obix=obixDriver" t="obix:ObixClient">`)
	f.add(`  <p n="username" v="` + g.h21user() + `"/>`)
	pw, ps := g.h21pv()
	f.add(`  <p n="password" v="`+h21xml(pw)+`"/>`, h21xmlPs(ps)...)
	f.add(` </p>`)
	f.add(` <p n="MqttBridge" m="mqtt=abstractMqttDriver" t="mqtt:MqttDevice">`)
	f.add(`  <p n="clientId" v="` + g.h5uuid() + `"/>`)
	mp := g.h21pass()
	f.add(`  <p n="brokerPassword" v="`+h21xml(mp)+`"/>`, h15pw(h21xml(mp)))
	tk, tps := g.h21tv()
	f.add(`  <p n="cloudToken" v="`+h21xml(tk)+`"/>`, h21xmlPs(tps)...)
	f.add(` </p>`)
	ph := g.h21phone()
	f.add(` <!-- commissioning engineer `+ph+` -->`, h15tel(ph))
	f.add(`</p>`)
	f.add(`</p>`)
	f.add(`</bajaObjectGraph>`)
}}

var h21BMSGateway = template{"bms", "bms-gateway.toml", func(g *gen, f *file) {
	f.add("# BACnet/IP and Modbus to MQTT bridge, plant room " + g.pick("B2", "L4", "roof"))
	f.add("[site]")
	f.add(`name = "` + g.pick("Uppsala Hospital Wing C", "Ghent Campus Noord", "Tampines Hub") + `"`)
	em := g.h21email()
	f.add(`contact_email = "`+em+`"`, h15mail(em))
	ph := g.h21phone()
	f.add(`on_call = "`+ph+`"`, h15tel(ph))
	f.add("[bacnet]")
	f.add(fmt.Sprintf("device_instance = %d", 300000+g.r.IntN(99999)))
	f.add(`interface = "eth1"`)
	f.add(`bbmd = "10.40.0.5:47808"`)
	rp := g.h21plain()
	f.add(`reinitialize_password = "`+rp+`"`, h15pw(rp))
	f.add("[modbus]")
	f.add(`port = "/dev/ttyUSB0"`)
	f.add("baud = 19200")
	f.add("[mqtt]")
	f.add(`url = "mqtts://broker.` + g.pick(h21orgs...) + `:8883"`)
	f.add(`username = "` + g.h21user() + `"`)
	pw, ps := g.h21pv()
	f.add(g.pick("password", "passwort", "wachtwoord", "lösenord", "senha")+` = "`+pw+`"`, ps...)
	f.add("[cloud]")
	ak, aps := g.h21gv()
	f.add(`api_key = "`+ak+`"`, aps...)
	f.add(`firmware_sha256 = "` + g.s(hexd, 64) + `"`)
	f.add("[tls]")
	f.add(`client_key = """`)
	g.h21pemIn(f, "", "")
	f.add(`"""`)
}}

// ---- Lisp-family configs ----

var h21GuixConfig = template{"lisp", "config.scm", func(g *gen, f *file) {
	first, last := g.h21name()
	user := strings.ToLower(strings.ReplaceAll(first, " ", ""))
	em := g.h21email()
	f.add(";; Guix System configuration for " + g.pick("lhasa-ws", "erbil-srv", "kigali-lab"))
	f.add("(use-modules (gnu) (gnu services networking) (gnu services ssh) (gnu services databases))")
	f.add("(operating-system")
	f.add(`  (host-name "` + g.s(lower, 6) + `")`)
	f.add(`  (timezone "` + g.pick("Asia/Baghdad", "Asia/Thimphu", "Indian/Maldives", "Africa/Kigali") + `")`)
	f.add("  (users (cons* (user-account")
	f.add(`                 (name "` + user + `")`)
	f.add(`                 (comment "`+first+" "+last+" <"+em+`>")`, h15mail(em))
	f.add(`                 (group "users")`)
	pw := g.h21pass()
	f.add(`                 (password (crypt "`+pw+`" "$6$`+g.s(lower, 4)+`")))`, h15pw(pw))
	f.add("                %base-user-accounts))")
	f.add("  (services (cons* (service openssh-service-type")
	f.add("                    (openssh-configuration")
	f.add(`                      (authorized-keys ` + "`" + `(("` + user + `" ,(plain-file "` + user + `.pub" "` + g.h14sshpub() + `"))))))`)
	f.add("                   (service wpa-supplicant-service-type)")
	psk := g.h21pass()
	f.add(`                   ;; wifi: ssid "LAB-5G" psk "`+psk+`"`, h15pw(psk))
	f.add("                   (simple-service 'backup mcron-service-type")
	rp := g.h21plain()
	f.add(`                     (list #~(job "0 3 * * *" "env RESTIC_PASSWORD=`+rp+` restic backup /home")))`, h15pw(rp))
	f.add("                   %base-services)))")
	f.add(";; channels pinned to commit " + g.s(hexd, 40))
}}

var h21EDNConfig = template{"lisp", "config.edn", func(g *gen, f *file) {
	f.add(";; Aero config, profile " + g.pick(":prod", ":staging"))
	f.add("{:server {:port #long #or [#env PORT 8080]}")
	f.add(` :db {:dbtype "postgresql"`)
	f.add(`      :host "` + g.h21host() + `"`)
	f.add(`      :user "` + g.h21user() + `"`)
	pw, ps := g.h21pv()
	f.add(`      :password #or [#env DB_PASSWORD "`+pw+`"]}`, ps...)
	js, jps := g.h21gv()
	f.add(` :jwt-secret "`+js+`"`, jps...)
	f.add(` :smtp {:host "smtp.` + g.pick(h21orgs...) + `" :user "` + g.h21user() + `"`)
	sp := g.h21pass()
	f.add(`        :pass "`+sp+`"}`, h15pw(sp))
	tk, tps := g.h21tv()
	f.add(` :payments {:secret-key "`+tk+`"}`, tps...)
	a1 := g.h21email()
	f.add(` :admins ["`+a1+`"]`, h15mail(a1))
	ph := g.h21phone()
	f.add(` :support-phone "`+ph+`"`, h15tel(ph))
	f.add(` :session-key #env SESSION_KEY`)
	f.add(` :build {:sha "` + g.s(hexd, 40) + `" :version "` + g.h21ver() + `"}}`)
}}

// ---- endpoint agents ----

var h21Velociraptor = template{"agent", "client.config.yaml", func(g *gen, f *file) {
	f.add("version:")
	f.add("  name: velociraptor")
	f.add("  version: " + g.h21ver())
	f.add("  commit: " + g.s(hexd, 9))
	f.add("  build_time: \"" + g.h21ts() + "\"")
	f.add("Client:")
	f.add("  server_urls:")
	f.add("  - https://velo." + g.pick(h21orgs...) + ":8000/")
	f.add("  ca_certificate: |")
	g.h21cert(f, "    ", "")
	nonce := base64.StdEncoding.EncodeToString(g.h16bytes(9))
	f.add("  nonce: "+nonce, h15gen(nonce))
	f.add("  writeback_linux: /etc/velociraptor.writeback.yaml")
	f.add("  max_poll: 60")
	em := g.h21email()
	f.add("# deployed by "+em, h15mail(em))
	f.add("---")
	f.add("# /etc/velociraptor.writeback.yaml")
	f.add("client_id: C." + g.s(hexd, 16))
	f.add("private_key: |")
	g.h21pemIn(f, "  ", "")
	if g.r.IntN(2) == 0 {
		pw, ps := g.h21pv()
		f.add("# GUI admin password for the server: "+pw, ps...)
	}
}}

var h21OsqueryFlags = template{"agent", "osquery.flags", func(g *gen, f *file) {
	es := g.h21rand()
	f.add("# provisioned: printf '%s' '"+es+"' > /etc/osquery/enroll_secret", h15gen(es))
	em := g.h21email()
	pw := g.h21pass()
	f.add("# fleetctl login --email "+em+" --password '"+pw+"'", h15mail(em), h15pw(pw))
	f.add("--config_plugin=tls")
	f.add("--logger_plugin=tls")
	f.add("--tls_hostname=fleet." + g.pick(h21orgs...) + ":443")
	f.add("--tls_server_certs=/etc/osquery/fleet.pem")
	f.add("--enroll_secret_path=/etc/osquery/enroll_secret")
	f.add("--enroll_tls_endpoint=/api/osquery/enroll")
	f.add("--host_identifier=uuid")
	f.add("--database_path=/var/osquery/osquery.db")
	f.add("--distributed_interval=" + fmt.Sprint(10*(1+g.r.IntN(6))))
	f.add("--watchdog_memory_limit=350")
	tk, tps := g.h21tv()
	f.add("--logger_kafka_brokers=kafka."+g.pick(h21orgs...)+":9093 # sasl token "+tk, tps...)
	f.add("# package checksum " + g.s(hexd, 64))
}}

// ---- vehicle telematics ----

var h21TeltonikaSMS = template{"telematics", "fmb-sms-config.txt", func(g *gen, f *file) {
	login := g.pick("fleet", "adm", "cfg")
	pw := g.h21plain()
	body := g.s(digits, 14)
	imei := body + string(luhnDigit(body))
	f.add("# FMB920 batch config, IMEI "+imei+", sent through the SMS gateway "+g.h21date(), neutral("id", imei))
	f.add("# SMS format: <login> <password> <command>")
	cmd := func(c string, ps ...plant) { f.add(login+" "+pw+" "+c, append([]plant{h15pw(pw)}, ps...)...) }
	ap := g.h21plain()
	cmd("setparam 2001:"+g.pick("internet.vodacom.za", "web.tele2.se", "internet.proximus.be")+";2002:"+g.h21user()+";2003:"+ap, h15pw(ap))
	cmd(fmt.Sprintf("setparam 2004:gps.%s;2005:%d;2006:0", g.pick(h21orgs...), 5000+g.r.IntN(100)))
	ph := strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(g.h21phone())
	cmd("setparam 4000:"+ph, h15tel(ph))
	cmd("getinfo")
	cmd("getver")
	first, last := g.h21name()
	dph := g.h21phone()
	f.add("# driver: "+first+" "+last+", "+dph, h15tel(dph))
	cmd("cpureset")
}}

var h21TraccarXML = template{"telematics", "traccar.xml", func(g *gen, f *file) {
	e := func(k, v string, ps ...plant) {
		f.add("    <entry key='"+k+"'>"+h21xml(v)+"</entry>", h21xmlPs(ps)...)
	}
	f.add(`<?xml version='1.0' encoding='UTF-8'?>`)
	f.add(`<!DOCTYPE properties SYSTEM 'http://java.sun.com/dtd/properties.dtd'>`)
	f.add(`<properties>`)
	e("database.driver", "org.postgresql.Driver")
	e("database.url", "jdbc:postgresql://"+g.h21host()+":5432/traccar")
	e("database.user", "traccar")
	pw, ps := g.h21pv()
	e("database.password", pw, ps...)
	e("mail.smtp.host", "smtp."+g.pick(h21orgs...))
	em := g.h21email()
	e("mail.smtp.username", em, h15mail(em))
	mp, mps := g.h21pv()
	e("mail.smtp.password", mp, mps...)
	e("notificator.types", "web,mail,sms")
	sid := "AC" + g.s(hexd, 32)
	e("sms.http.user", sid, neutral("id", sid))
	at := g.s(hexd, 32)
	e("sms.http.password", at, secret("twilio", at))
	gk := "AIza" + g.s(urlb64, 35)
	e("geocoder.key", gk, secret("google", gk))
	e("openid.clientId", g.h5uuid())
	os, ops := g.h21gv()
	e("openid.clientSecret", os, ops...)
	e("web.port", "8082")
	f.add(`</properties>`)
}}

// ---- configuration languages ----

var h21CUE = template{"conflang", "deploy.cue", func(g *gen, f *file) {
	f.add("package deploy")
	f.add("")
	f.add("#Service: {name: string, replicas: int | *1, env: [string]: string}")
	f.add("")
	f.add("services: api: #Service & {")
	f.add(`	name:     "api"`)
	f.add(fmt.Sprintf("	replicas: %d", 2+g.r.IntN(4)))
	f.add("	env: {")
	dsn, dp := g.h21dsn(g.pick("postgresql", "mysql", "redis"))
	f.add(`		DATABASE_URL:       "`+dsn+`"`, dp)
	tk, tps := g.h21tv()
	f.add(`		PAYMENT_KEY:        "`+tk+`"`, tps...)
	js, jps := g.h21gv()
	f.add(`		JWT_SIGNING_SECRET: "`+js+`"`, jps...)
	f.add(`		SENTRY_RELEASE:     "` + g.s(hexd, 40) + `"`)
	em := g.h21email()
	f.add(`		ADMIN_EMAIL:        "`+em+`"`, h15mail(em))
	f.add("	}")
	f.add("}")
	pw := g.h21pass()
	f.add(`secrets: smtp: password: *"`+pw+`" | string`, h15pw(pw))
	f.add(`image: "registry.` + g.pick(h21orgs...) + `/api@sha256:` + g.s(hexd, 64) + `"`)
	f.add(`version: "` + g.h21ver() + `"`)
}}

var h21Tiltfile = template{"conflang", "Tiltfile", func(g *gen, f *file) {
	f.add("# -*- mode: Python -*-")
	f.add("load('ext://secret', 'secret_from_dict')")
	f.add("allow_k8s_contexts('kind-dev')")
	f.add("k8s_yaml(secret_from_dict('api-secrets', inputs = {")
	pw, ps := g.h21pv()
	f.add("    'DB_PASSWORD': '"+pw+"',", ps...)
	tk, tps := g.h21tv()
	f.add("    'UPSTREAM_TOKEN': '"+tk+"',", tps...)
	f.add("}))")
	nt := g.h5gh("npm_")
	f.add("docker_build('registry.local/api', '.', build_args={'NPM_TOKEN': '"+nt+"'})", secret("npm", nt))
	dsn, dp := g.h21dsn("postgresql")
	f.add("local_resource('seed', cmd='psql "+dsn+" -f seed.sql')", dp)
	vt := "hvs." + g.s(alnum, 24)
	f.add("os.putenv('VAULT_TOKEN', '"+vt+"')", secret("vault", vt))
	f.add("os.putenv('VAULT_ADDR', 'https://vault." + g.pick(h21orgs...) + ":8200')")
	em := g.h21email()
	f.add("# owner: "+em, h15mail(em))
	f.add("k8s_resource('api', port_forwards=8080)")
	f.add("# image digest sha256:" + g.s(hexd, 64))
}}

// ---- pharmacy ----

var h21NCPDP = template{"pharmacy", "NewRx.xml", func(g *gen, f *file) {
	first, last := g.h21name()
	pf, pl := g.h21name()
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<Message xmlns="http://www.ncpdp.org/schema/SCRIPT" DatatypesVersion="20170715" TransportVersion="20170715" TransactionDomain="SCRIPT" TransactionVersion="20170715" StructuresVersion="20170715" ECLVersion="20170715">`)
	f.add(`  <Header>`)
	f.add(`    <To Qualifier="P">` + g.s(digits, 7) + `</To>`)
	f.add(`    <From Qualifier="C">` + g.s(digits, 10) + `</From>`)
	f.add(`    <MessageID>` + g.s(hexd, 32) + `</MessageID>`)
	f.add(`    <SentTime>` + g.h21ts() + `</SentTime>`)
	f.add(`    <Security>`)
	f.add(`      <UsernameToken><Username>` + g.h21user() + `</Username>`)
	pw, ps := g.h21pv()
	f.add(`      <Password Type="PasswordText">`+h21xml(pw)+`</Password></UsernameToken>`, h21xmlPs(ps)...)
	f.add(`    </Security>`)
	f.add(`  </Header>`)
	f.add(`  <Body><NewRx>`)
	f.add(`    <Patient><HumanPatient>`)
	f.add(`      <Name><LastName>` + last + `</LastName><FirstName>` + first + `</FirstName></Name>`)
	f.add(`      <DateOfBirth><Date>` + g.h21dob() + `</Date></DateOfBirth>`)
	ssn := g.h21ssn()
	f.add(`      <Identification><SocialSecurity>`+ssn+`</SocialSecurity></Identification>`, h15id(ssn))
	ad := g.h21addr()
	f.add(`      <Address><AddressLine1>`+ad+`</AddressLine1></Address>`, neutral("address", ad))
	ph := g.h21phone()
	f.add(`      <CommunicationNumbers><PrimaryTelephone><Number>`+ph+`</Number></PrimaryTelephone>`, h15tel(ph))
	em := g.h21email()
	f.add(`      <ElectronicMail>`+em+`</ElectronicMail></CommunicationNumbers>`, h15mail(em))
	f.add(`    </HumanPatient></Patient>`)
	f.add(`    <Prescriber><NonVeterinarian>`)
	npi, dea := g.h21npi(), g.h21dea(pl)
	f.add(`      <Identification><NPI>`+npi+`</NPI><DEANumber>`+dea+`</DEANumber></Identification>`, neutral("id", npi), neutral("id", dea))
	f.add(`      <Name><LastName>` + pl + `</LastName><FirstName>` + pf + `</FirstName></Name>`)
	f.add(`    </NonVeterinarian></Prescriber>`)
	f.add(`    <MedicationPrescribed><DrugDescription>` + g.pick("Amoxicillin 500 MG Oral Capsule", "Metformin 850 MG Oral Tablet", "Oxycodone 5 MG Oral Tablet") + `</DrugDescription>`)
	f.add(`      <DrugCoded><ProductCode><Code>` + g.s(digits, 11) + `</Code><Qualifier>ND</Qualifier></ProductCode></DrugCoded>`)
	f.add(`    </MedicationPrescribed>`)
	f.add(`  </NewRx></Body>`)
	f.add(`</Message>`)
}}

var h21ASAP = template{"pharmacy", "pmp_upload.dat", func(g *gen, f *file) {
	ctl := g.s(digits, 6)
	d := strings.ReplaceAll(g.h21date(), "-", "")
	f.add("TH*4.2*" + ctl + "*01**" + d + "*223000*P**\\\\~")
	iph := strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", "+", "").Replace(g.h21phone())
	f.add("IS*"+iph+"*KIGALI COMPOUNDING PHARMACY*#"+d+"#~", neutral("phone", iph))
	pnpi := g.h21npi()
	f.add("PHA*"+pnpi+"*"+g.s(digits, 7)+"*"+g.h21dea("K")+"~", neutral("id", pnpi))
	n := 2 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		first, last := g.h21name()
		ssn := strings.ReplaceAll(g.h21ssn(), "-", "")
		ph := strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", "+", "").Replace(g.h21phone())
		f.add("PAT*******"+ssn+"*"+strings.ToUpper(last)+"*"+strings.ToUpper(first)+"****"+fmt.Sprintf("%d MAIN ST", 1+g.r.IntN(900))+"**MONCTON*NB*E1C4A5*"+ph+"*"+strings.ReplaceAll(g.h21dob(), "-", "")+"*"+g.pick("F", "M")+"~", h15id(ssn), h15tel(ph))
		f.add(fmt.Sprintf("DSP*00*%07d*%s*0*%s*01*%s*%d*%d*01*", g.r.IntN(10000000), d, d, g.s(digits, 11), 10+g.r.IntN(80), 7+g.r.IntN(24)) + "~")
		pn := g.h21npi()
		_, pl := g.h21name()
		f.add("PRE*"+pn+"*"+g.h21dea(pl)+"**"+strings.ToUpper(pl)+"~", neutral("id", pn))
	}
	f.add(fmt.Sprintf("TP*%d~", 3+3*n))
	f.add(fmt.Sprintf("TT*%s*%d~", ctl, 5+3*n))
}}

// ---- call-centre transcripts ----

// Transcribe's half: Dhivehi, Sorani Kurdish, Tibetan, Inuktitut.
var h21transcribeLangs = []h18lang{
	{"އަހަރެންގެ ޕާސްވޯޑަކީ", "އަހަރެންގެ ފޯނު ނަންބަރަކީ", "އީމެއިލް ކުރައްވާ:", "ބޭންކް އެކައުންޓް (IBAN):", "API ކީ:", "ކާޑު ނަންބަރު:", "އައިޑީ ކާޑު ނަންބަރު:", "ޕާސްވޯޑް ފޮނުވާނީ ރައްކާތެރި ގޮތަކުން"},
	{"وشەی نهێنییەکەم ئەمەیە:", "ژمارەی مۆبایلەکەم:", "ئیمەیڵەکەم:", "ژمارەی حسابی بانک (IBAN):", "کلیلی API:", "ژمارەی کارت:", "ژمارەی ناسنامە:", "وشەی نهێنی لە ڤۆڵتدایە، لێرە نایینێرم"},
	{"ངའི་གསང་ཚིག་ནི", "ངའི་ཁ་པར་ཨང་གྲངས་ནི", "གློག་འཕྲིན་ཁ་བྱང་ནི", "དངུལ་ཁང་རྩིས་ཁྲ (IBAN):", "API ལྡེ་མིག:", "ལག་ཁྱེར་ཨང་གྲངས:", "ངོ་སྤྲོད་ལག་ཁྱེར་ཨང་:", "གསང་ཚིག་བདེ་འཇགས་ལམ་ནས་བཏང་ཡོད"},
	{"ᐃᓯᖅᑐᑦ ᐅᖃᐅᓯᕋ ᐅᓇ:", "ᐅᖄᓚᐅᑦ ᓈᓴᐅᑎᒋᓇ:", "ᖃᕆᓴᐅᔭᒃᑯᑦ ᑎᑎᖅᑲᐅᑎᒋᓇ:", "ᑮᓇᐅᔭᓕᕆᕕᒻᒥ ᓈᓴᐅᑎ (IBAN):", "API ᐃᒪᖅ:", "ᑳᑦ ᓈᓴᐅᑎ:", "ᐃᓕᓐᓂᐊᕐᕕᒃ ᓈᓴᐅᑎ:", "ᐃᓯᖅᑐᑦ ᐅᖃᐅᓯᖅ ᐊᑦᑕᕐᓇᖏᑦᑐᒃᑯᑦ ᑎᑎᖅᑲᐅᓚᐅᖅᑐᖅ"},
}

// QA CSV's half: Maltese, Kinyarwanda, Haitian Creole, Māori.
var h21qaLangs = []h18lang{
	{"Il-password tiegħi hija", "In-numru tat-telefon tiegħi huwa", "Ibgħatli email fuq", "Il-kont bankarju (IBAN):", "Iċ-ċavetta tal-API:", "In-numru tal-karta:", "In-numru tal-karta tal-identità:", "il-password qiegħda fil-vault, mhux se nibgħatha hawn"},
	{"Ijambo ry'ibanga ryanjye ni", "Nimero yanjye ya telefone ni", "Nyandikira kuri", "Konti ya banki (IBAN):", "Urufunguzo rwa API:", "Nimero y'ikarita:", "Nimero y'indangamuntu:", "ijambo ry'ibanga riri muri vault, sinzaryohereza hano"},
	{"Modpas mwen se", "Nimewo telefòn mwen se", "Voye yon imèl ban mwen nan", "Kont labank (IBAN):", "Kle API a:", "Nimewo kat la:", "Nimewo kat idantite:", "modpas la nan vault la, m pap voye l la a"},
	{"Ko taku kupuhipa ko", "Ko taku nama waea ko", "Tukuna he īmēra ki", "Pūkete pēke (IBAN):", "Te kī API:", "Te nama kāri:", "Te nama tuakiri:", "kei te vault te kupuhipa, kāore au e tuku i konei"},
}

func (g *gen) h21pool() sayPool {
	return sayPool{g.h21pass, g.h21phone, g.h21email, g.h21iban, g.h21nid, func() (string, string, plant) {
		v, p := g.h21tok()
		return "", v, p
	}}
}

var h21TranscribeJSON = template{"callcentre", "transcript.json", func(g *gen, f *file) {
	f.add("{")
	f.add(`  "Version": "1.1.0", "AWSAccountId": "` + g.s(digits, 12) + `", "InstanceId": "` + g.h5uuid() + `",`)
	f.add(`  "Channel": "VOICE", "LanguageCode": "` + g.pick("dv-MV", "ckb-IQ", "bo-CN", "iu-CA") + `",`)
	f.add(`  "Participants": [{"ParticipantId": "AGENT"}, {"ParticipantId": "CUSTOMER"}],`)
	f.add(`  "Transcript": [`)
	off := 0
	n := 6 + g.r.IntN(6)
	for i := 0; i < n; i++ {
		txt, ps := g.sayIn(h21transcribeLangs, g.h21pool())
		sep := ","
		if i == n-1 {
			sep = ""
		}
		f.add(fmt.Sprintf(`    {"ParticipantId": "%s", "Id": "%s", "Content": "%s", "BeginOffsetMillis": %d, "EndOffsetMillis": %d, "Sentiment": "%s"}%s`, g.pick("AGENT", "CUSTOMER", "CUSTOMER"), g.h5uuid(), txt, off, off+1500+g.r.IntN(4000), g.pick("NEUTRAL", "NEGATIVE", "POSITIVE"), sep), ps...)
		off += 6000
	}
	f.add(`  ],`)
	f.add(`  "ContentMetadata": {"Output": "Raw", "RedactionTypes": []}`)
	f.add("}")
}}

var h21QACSV = template{"callcentre", "qa_review.csv", func(g *gen, f *file) {
	f.add("contact_id,agent,queue,started_at,language,speaker,utterance,qa_flag")
	cid := g.h5uuid()
	for i := 0; i < 6+g.r.IntN(6); i++ {
		txt, ps := g.sayIn(h21qaLangs, g.h21pool())
		flag := ""
		if len(ps) > 0 {
			flag = "PII_SPOKEN"
		}
		f.add(fmt.Sprintf(`%s,%s,%s,%s,%s,%s,"%s",%s`, cid, g.h21user(), g.pick("billing", "support", "claims"), g.h21ts(), g.pick("mt", "rw", "ht", "mi"), g.pick("agent", "customer", "customer"), txt, flag), ps...)
	}
}}

// ---- ACH payments ----

// abaCheck is an ABA routing number's check digit over its first eight digits
// (weights 3, 7, 1).
func abaCheck(r string) byte {
	s := 0
	for i := 0; i < 8; i++ {
		s += int(r[i]-'0') * []int{3, 7, 1}[i%3]
	}
	return byte('0' + (10-s%10)%10)
}

func (g *gen) h21aba() string {
	r := g.pick("0", "1", "2", "3") + g.s(digits, 7)
	return r + string(abaCheck(r))
}

var h21NACHA = template{"ach", "PPD_payroll.ach", func(g *gen, f *file) {
	dest, orig := g.h21aba(), g.h21aba()
	d := strings.ReplaceAll(g.h21date(), "-", "")[2:]
	co := g.pick("ATOLL AIR INC", "BRAGA LOGISTICS", "GENT ACH CLIENT")
	f.add(fmt.Sprintf("101 %s%10s%s%04dA094101%-23s%-23s%-8s", dest, "1"+g.s(digits, 9), d, g.r.IntN(2400), "FIRST FEDERAL BANK", co, ""))
	f.add(fmt.Sprintf("5200%-16s%-20s%10s%s%-10s%6s%6s%3s1%s%07d", co, "", "1"+g.s(digits, 9), "PPD", "PAYROLL", d, d, "", orig[:8], 1))
	n := 3 + g.r.IntN(6)
	for i := 0; i < n; i++ {
		first, last := g.h21name()
		acct := g.s(digits, 8+g.r.IntN(6))
		r := g.h21aba()
		f.add(fmt.Sprintf("6%s%s%-17s%010d%-15s%-22.22s  0%s%07d", g.pick("22", "32"), r, acct, g.r.IntN(500000), g.s(upperD, 8), strings.ToUpper(last+" "+first), orig[:8], i+1),
			pii("bank-account", acct))
	}
	f.add(fmt.Sprintf("8200%06d%010d%012d%012d%10s%-19s%-6s%s%07d", n, g.r.IntN(1e9), 0, g.r.IntN(1e9), "1"+g.s(digits, 9), "", "", orig[:8], 1))
	f.add(fmt.Sprintf("9000001%06d%08d%010d%012d%012d%-39s", 1, 2+n, g.r.IntN(1e9), 0, g.r.IntN(1e9), ""))
	for i := 0; i < g.r.IntN(4); i++ {
		f.add(strings.Repeat("9", 94))
	}
}}

var h21MoovCapture = template{"ach", "ach-create.http", func(g *gen, f *file) {
	f.add("POST /files/create HTTP/1.1")
	f.add("Host: ach." + g.pick(h21orgs...) + ":8080")
	switch g.r.IntN(3) {
	case 0:
		b, p := g.h21basic()
		f.add("Authorization: Basic "+b, p)
	case 1:
		j := g.h21jwt()
		f.add("Authorization: Bearer "+j, secret("jwt", j))
	default:
		k := g.h21rand()
		f.add("X-Api-Key: "+k, h15gen(k))
	}
	f.add("Content-Type: application/json")
	f.add("X-Request-ID: " + g.h5uuid())
	f.add("")
	f.add("{")
	f.add(`  "id": "` + g.s(hexd, 40) + `",`)
	f.add(`  "fileHeader": {"immediateOrigin": "` + g.h21aba() + `", "immediateDestination": "` + g.h21aba() + `", "fileCreationDate": "` + strings.ReplaceAll(g.h21date(), "-", "")[2:] + `", "immediateDestinationName": "FIRST FEDERAL BANK", "immediateOriginName": "GENT ACH CLIENT"},`)
	f.add(`  "batches": [{"batchHeader": {"serviceClassCode": 220, "companyName": "GENT ACH CLIENT", "standardEntryClassCode": "PPD", "companyEntryDescription": "PAYROLL"},`)
	f.add(`    "entryDetails": [`)
	n := 2 + g.r.IntN(4)
	for i := 0; i < n; i++ {
		first, last := g.h21name()
		r := g.h21aba()
		acct := g.s(digits, 8+g.r.IntN(6))
		sep := ","
		if i == n-1 {
			sep = ""
		}
		f.add(fmt.Sprintf(`      {"transactionCode": 22, "RDFIIdentification": "%s", "checkDigit": "%c", "DFIAccountNumber": "%s", "amount": %d, "identificationNumber": "%s", "individualName": "%s %s", "traceNumber": "%s%07d"}%s`, r[:8], r[8], acct, g.r.IntN(500000), g.s(upperD, 8), first, last, r[:8], i+1, sep), pii("bank-account", acct))
	}
	f.add(`    ]}]`)
	f.add("}")
}}

// ---- insurance ----

var h21AL3 = template{"insurance", "download.al3", func(g *gen, f *file) {
	f.add(fmt.Sprintf("1MHG200 IVANS    %-10s%s%04d  P  AL3 %s", g.s(upperD, 10), strings.ReplaceAll(g.h21date(), "-", ""), g.r.IntN(2400), g.h21ver()))
	f.add(fmt.Sprintf("2TRG170 3PERSAUTO%-6sRWL%s", "", strings.ReplaceAll(g.h21date(), "-", "")))
	first, last := g.h21name()
	f.add(fmt.Sprintf("5BIS172 B10001    P  %-30.30s%-20.20s", strings.ToUpper(last+" "+first), ""))
	ad := g.h21addr()
	street := strings.SplitN(ad, ",", 2)[0]
	f.add(fmt.Sprintf("9BIS184 B10001    %-30.30s%-20s", street, g.pick("MONCTON NB", "KIGALI", "JACMEL")), neutral("address", street))
	ph := strings.NewReplacer(" ", "", "-", "", "(", "", ")", "").Replace(g.h21phone())
	em := g.h21email()
	f.add(fmt.Sprintf("9BIS184 B10002    %-15s%-40s", ph, em), h15tel(ph), h15mail(em))
	ssn := strings.ReplaceAll(g.h21ssn(), "-", "")
	f.add(fmt.Sprintf("5ISI200 B10001    %s%s", ssn, strings.ReplaceAll(g.h21dob(), "-", "")), h15id(ssn))
	f.add(fmt.Sprintf("5BPI312 B10001    %-25s%s%s", g.s(upperD, 12), strings.ReplaceAll(g.h21date(), "-", ""), g.pick("AUTOP", "HOME ", "UMBRC")))
	for i := 0; i < 1+g.r.IntN(3); i++ {
		vin := g.s("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 17)
		dl := g.s("ABCDEFGHJKLMNPRSTUVWXYZ", 1) + g.s(digits, 12)
		f.add(fmt.Sprintf("6PDR187 B10001    %-25.25s%-20s%s", strings.ToUpper(first+" "+last), dl, strings.ReplaceAll(g.h21dob(), "-", "")), pii("driver-licence", dl))
		f.add(fmt.Sprintf("5PVH238 B10001    %04d%-20s%s", 2010+g.r.IntN(16), g.pick("TOYOTA", "FORD", "KIA"), vin))
	}
	f.add(fmt.Sprintf("3MTG100 %08d", g.r.IntN(1e8)))
}}

var h21ACORDXML = template{"insurance", "acord_quote_rq.xml", func(g *gen, f *file) {
	first, last := g.h21name()
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<ACORD>`)
	f.add(`  <SignonRq>`)
	f.add(`    <SignonPswd>`)
	f.add(`      <CustId><SPName>com.jacmel-assur</SPName><CustLoginId>` + g.h21user() + `</CustLoginId></CustId>`)
	pw, ps := g.h21pv()
	f.add(`      <CustPswd><EncryptionTypeCd>NONE</EncryptionTypeCd><Pswd>`+h21xml(pw)+`</Pswd></CustPswd>`, h21xmlPs(ps)...)
	f.add(`    </SignonPswd>`)
	f.add(`    <ClientDt>` + g.h21ts() + `</ClientDt><CustLangPref>` + g.pick("fr-HT", "en-CA", "mi-NZ") + `</CustLangPref>`)
	f.add(`    <ClientApp><Org>Jacmel Assurances</Org><Name>RaterPro</Name><Version>` + g.h21ver() + `</Version></ClientApp>`)
	f.add(`  </SignonRq>`)
	f.add(`  <InsuranceSvcRq>`)
	f.add(`    <RqUID>` + g.h5uuid() + `</RqUID>`)
	f.add(`    <PersAutoPolicyQuoteInqRq>`)
	f.add(`      <InsuredOrPrincipal><GeneralPartyInfo>`)
	f.add(`        <NameInfo><PersonName><Surname>` + last + `</Surname><GivenName>` + first + `</GivenName></PersonName>`)
	tid := g.h21nid()
	f.add(`        <TaxIdentity><TaxIdTypeCd>`+g.pick("SIN", "NID")+`</TaxIdTypeCd><TaxId>`+tid+`</TaxId></TaxIdentity></NameInfo>`, h15id(tid))
	ad := g.h21addr()
	f.add(`        <Addr><Addr1>`+ad+`</Addr1></Addr>`, neutral("address", ad))
	ph := g.h21phone()
	f.add(`        <Communications><PhoneInfo><PhoneNumber>`+ph+`</PhoneNumber></PhoneInfo>`, h15tel(ph))
	em := g.h21email()
	f.add(`        <EmailInfo><EmailAddr>`+em+`</EmailAddr></EmailInfo></Communications>`, h15mail(em))
	f.add(`      </GeneralPartyInfo></InsuredOrPrincipal>`)
	f.add(`      <PersPolicy><PolicyNumber>` + g.s(upperD, 10) + `</PolicyNumber>`)
	if g.r.IntN(2) == 0 {
		c := g.h21card()
		f.add(`        <PaymentOption><MethodPaymentCd>CC</MethodPaymentCd><CreditCardNumber>`+c+`</CreditCardNumber></PaymentOption>`, h15cc(c))
	} else {
		ib := g.h21iban()
		f.add(`        <PaymentOption><MethodPaymentCd>EFT</MethodPaymentCd><AccountNumberId>`+ib+`</AccountNumberId></PaymentOption>`, h15ib(ib))
	}
	f.add(`      </PersPolicy>`)
	dl := g.s("ABCDEFGHJKLMNPRSTUVWXYZ", 1) + g.s(digits, 12)
	f.add(`      <PersDriver><DriverInfo><DriversLicense><DriversLicenseNumber>`+dl+`</DriversLicenseNumber></DriversLicense></DriverInfo></PersDriver>`, pii("driver-licence", dl))
	f.add(`      <PersVeh><VehIdentificationNumber>` + g.s("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", 17) + `</VehIdentificationNumber></PersVeh>`)
	f.add(`    </PersAutoPolicyQuoteInqRq>`)
	f.add(`  </InsuranceSvcRq>`)
	f.add(`</ACORD>`)
}}

// ---- AS2 gateways ----

var h21OpenAS2 = template{"as2", "openas2-config.xml", func(g *gen, f *file) {
	f.add(`<openas2>`)
	f.add(`  <properties storageBaseDir="%home%/../data" as2_keystore="%home%/as2_certs.p12"/>`)
	pw, ps := g.h21pv()
	f.add(`  <certificates classname="org.openas2.cert.PKCS12CertificateFactory" filename="%home%/as2_certs.p12" password="`+h21xml(pw)+`" interval="300"/>`, h21xmlPs(ps)...)
	f.add(`  <partnerships classname="org.openas2.partner.XMLPartnershipFactory" filename="%home%/partnerships.xml"/>`)
	em := g.h21email()
	sp := g.h21pass()
	from := "openas2@" + g.pick(h21orgs...)
	f.add(`  <loggers><logger classname="org.openas2.logging.EmailLogger" to="`+em+`" from="`+from+`" smtpserver="smtp.`+g.pick(h21orgs...)+`" smtpport="587" smtpauth="true" smtpuser="`+g.h21user()+`" smtppwd="`+h21xml(sp)+`"/></loggers>`, h15mail(em), neutral("role-email", from), h15pw(h21xml(sp)))
	f.add(`  <commandProcessors><commandProcessor classname="org.openas2.cmd.processor.RestCommandProcessor" baseuri="http://localhost:8080" userid="` + g.h21user() + `" password="%rest.password%"/></commandProcessors>`)
	f.add(`  <processor classname="org.openas2.processor.DefaultProcessor">`)
	f.add(`    <module classname="org.openas2.processor.receiver.AS2ReceiverModule" port="4080"/>`)
	f.add(`    <module classname="org.openas2.processor.sender.AS2SenderModule" retries="3"/>`)
	f.add(`  </processor>`)
	f.add(`  <!-- partner cert fingerprint SHA-256 ` + strings.ToUpper(g.s(hexd, 64)) + ` -->`)
	f.add(`</openas2>`)
}}

var h21AS2Props = template{"as2", "as2-connector.properties", func(g *gen, f *file) {
	f.add("# AS2 connector, partner " + g.pick("GENTACH", "BRAGALOG", "TAMPINESRTL"))
	f.add("as2.local.id=" + g.s(upperD, 8))
	f.add("as2.partner.id=" + g.s(upperD, 8))
	f.add("as2.partner.url=https://" + g.h21host() + ":4080/as2/HttpReceiver")
	f.add("as2.keystore.path=/opt/as2/keystore.p12")
	kp, kps := g.h21pv()
	f.add("as2.keystore.password="+kp, kps...)
	f.add("as2.key.alias=" + g.s(lower, 6))
	kk := g.h21pass()
	f.add("as2.key.password="+kk, h15pw(kk))
	f.add("as2.partner.basic.user=" + g.h21user())
	bp, bps := g.h21pv()
	f.add("as2.partner.basic.password="+bp, bps...)
	em := g.h21email()
	f.add("as2.mdn.email="+em, h15mail(em))
	f.add("as2.partner.cert.sha256=" + strings.ToUpper(g.s(hexd, 64)))
	dsn, dp := g.h21dsn("sqlserver")
	f.add("archive.jdbc.url="+dsn, dp)
	f.add("as2.version=" + g.h21ver())
}}

// ---- library systems ----

var h21KohaConf = template{"library", "koha-conf.xml", func(g *gen, f *file) {
	f.add(`<yazgfs>`)
	f.add(`<listen id="biblioserver">unix:/var/run/koha/lib/bibliosocket</listen>`)
	zp := g.h21plain()
	f.add(`<serverinfo id="biblioserver"><ccl2rpn>/etc/koha/zebradb/ccl.properties</ccl2rpn><user>kohauser</user><password>`+zp+`</password></serverinfo>`, h15pw(zp))
	f.add(`<config>`)
	f.add(` <db_scheme>mysql</db_scheme>`)
	f.add(` <database>koha_lib</database>`)
	f.add(` <hostname>` + g.h21host() + `</hostname>`)
	f.add(` <port>3306</port>`)
	f.add(` <user>koha_lib</user>`)
	pw, ps := g.h21pv()
	f.add(` <pass>`+h21xml(pw)+`</pass>`, h21xmlPs(ps)...)
	ap := g.h21rand()
	f.add(` <api_secret_passphrase>`+ap+`</api_secret_passphrase>`, h15gen(ap))
	ek := g.h21rand()
	f.add(` <encryption_key>`+ek+`</encryption_key>`, h15gen(ek))
	f.add(` <memcached_servers>127.0.0.1:11211</memcached_servers>`)
	f.add(` <smtp_server><host>smtp.` + g.pick(h21orgs...) + `</host><port>587</port><user_name>` + g.h21user() + `</user_name>`)
	sp, sps := g.h21pv()
	f.add(`  <password>`+h21xml(sp)+`</password><ssl_mode>STARTTLS</ssl_mode></smtp_server>`, h21xmlPs(sps)...)
	em := g.h21email()
	f.add(` <!-- sysadmin: `+em+` -->`, h15mail(em))
	f.add(` <zebra_max_record_size>1024</zebra_max_record_size>`)
	f.add(`</config>`)
	f.add(`</yazgfs>`)
}}

var h21SIP2Trace = template{"library", "sip2-trace.log", func(g *gen, f *file) {
	ts := func() string {
		return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
	}
	az := func() string { return strings.ToUpper(g.s(hexd, 4)) }
	d := strings.ReplaceAll(g.h21date(), "-", "")
	lu, lp := "selfcheck"+g.s(digits, 2), g.h21plain()
	f.add(ts()+" [sip2] >> 9300CN"+lu+"|CO"+lp+"|CPMAIN|AY0AZ"+az(), h15pw(lp))
	f.add(ts() + " [sip2] << 941AY0AZ" + az())
	for i := 0; i < 2+g.r.IntN(3); i++ {
		first, last := g.h21name()
		bc := "2" + g.s(digits, 13)
		pin, pp := g.h21plain(), plant{}
		if g.r.IntN(2) == 0 {
			pin = g.s(digits, 4)
			pp = neutral("pin", pin)
		} else {
			pp = h15pw(pin)
		}
		f.add(ts()+" [sip2] >> 6300120"+d+"    101502          AOMAIN|AA"+bc+"|AC|AD"+pin+"|AY"+fmt.Sprint(i+1)+"AZ"+az(), pp)
		em, ph, ad := g.h21email(), g.h21phone(), g.h21addr()
		f.add(ts()+" [sip2] << 64              001"+d+"    101502000000000000000000AOMAIN|AA"+bc+"|AE"+first+" "+last+"|BLY|CQY|BD"+ad+"|BE"+em+"|BF"+ph+"|PB"+strings.ReplaceAll(g.h21dob(), "-", "")+"|AY"+fmt.Sprint(i+1)+"AZ"+az(),
			neutral("address", ad), h15mail(em), h15tel(ph))
	}
	f.add(ts() + " [sip2] >> 9900302.00AY9AZ" + az())
}}

// ---- digital signage ----

var h21XiboSettings = template{"signage", "cmsSettings.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	f.add(`<ApplicationSettings xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	f.add(`  <XmdsVersion>7</XmdsVersion>`)
	f.add(`  <ServerUri>https://cms.` + g.pick(h21orgs...) + `</ServerUri>`)
	sk := g.s(alnum, 8+g.r.IntN(8))
	f.add(`  <ServerKey>`+sk+`</ServerKey>`, h15gen(sk))
	hk := g.s(hexd, 32)
	f.add(`  <HardwareKey>`+hk+`</HardwareKey>`, neutral("id", hk))
	f.add(`  <DisplayName>` + g.pick("Lobby", "Ward-C", "Canteen") + "-" + g.s(upperD, 3) + `</DisplayName>`)
	f.add(`  <ProxyUser>` + g.h21user() + `</ProxyUser>`)
	pw, ps := g.h21pv()
	f.add(`  <ProxyPassword>`+h21xml(pw)+`</ProxyPassword>`, h21xmlPs(ps)...)
	f.add(`  <ProxyDomain>` + g.pick("CORP", "HOSP", "") + `</ProxyDomain>`)
	f.add(`  <LibraryPath>C:\Users\signage\Documents\Xibo Library</LibraryPath>`)
	f.add(`  <XmrNetworkAddress>tcp://cms.` + g.pick(h21orgs...) + `:9505</XmrNetworkAddress>`)
	f.add(`  <ClientVersion>` + g.h21ver() + `</ClientVersion>`)
	em := g.h21email()
	f.add(`  <!-- installed by `+em+` -->`, h15mail(em))
	f.add(`</ApplicationSettings>`)
}}

var h21ScreenlyConf = template{"signage", "screenly.conf", func(g *gen, f *file) {
	f.add("[main]")
	f.add("analytics_opt_out = False")
	f.add("assetdir = screenly_assets")
	f.add("database = .screenly/screenly.db")
	f.add("date_format = mm/dd/yyyy")
	f.add("use_24_hour_clock = " + g.pick("True", "False"))
	f.add("use_ssl = False")
	f.add("auth_backend = auth_basic")
	f.add("[viewer]")
	f.add("audio_output = hdmi")
	f.add("shuffle_playlist = False")
	f.add("[auth_basic]")
	f.add("user = " + g.pick("admin", "signage", "pi"))
	if g.r.IntN(3) == 0 {
		h := g.s(hexd, 64)
		f.add("password = "+h, neutral("hash", h))
	} else {
		pw, ps := g.h21pv()
		f.add("password = "+pw, ps...)
	}
	f.add("[content_sync]")
	f.add("url = https://cms." + g.pick(h21orgs...) + "/api/v1/playlist")
	tk, tps := g.h21tv()
	f.add("token = "+tk, tps...)
	em := g.h21email()
	f.add("alert_email = "+em, h15mail(em))
	f.add("playlist_etag = " + g.s(hexd, 32))
}}
