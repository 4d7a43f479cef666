package main

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// held24Families pairs each family's two shapes: a goes to held24a, b to held24b.
var held24Families = []struct{ a, b template }{
	{h24XKNX, h24KNXKeys},
	{h24GenieEnv, h24CWMPSet},
	{h24JDEIni, h24JDBJIni},
	{h24BalenaCfg, h24MenderSh},
	{h24CruiseCfg, h24GoCDYaml},
	{h24GuruxDev, h24DSMREnv},
	{h24EAdaptor, h24CarrierYml},
	{h24XRoadDB, h24XRoadSOAP},
	{h24OmeroCfg, h24OmeroPy},
	{h24ZellijKDL, h24Tmuxinator},
	{h24CNAB, h24PixEnv},
	{h24Bootstrap, h24TSVars},
	{h24BTEQ, h24Netezza},
	{h24RedcapDB, h24RedcapCSV},
	{h24ZMConf, h24ShinobiConf},
	{h24SignalKSec, h24SignalKPlugins},
	{h24Mopidy, h24Navidrome},
	{h24PSPlugin, h24PSExport},
	{h24VetJSON, h24VetLog},
	{h24DriverXML, h24DriverMD},
}

var held24aTemplates, held24bTemplates = halves(held24Families)

// ---- KNX ----

var h24XKNX = template{"knx", "xknx.yaml", func(g *gen, f *file) {
	f.add("# xknx configuration, gateway " + g.pick("Chur office", "Ljouwert depot", "Haifa marina") + " (ETS project " + g.s(upperD, 6) + ")")
	f.add("general:")
	f.add("  own_address: \"15.15.25" + fmt.Sprint(g.r.IntN(10)) + "\"")
	f.add("  rate_limit: " + fmt.Sprint(10+g.r.IntN(30)))
	f.add("connection:")
	f.add("  type: " + g.pick("tunneling_tcp_secure", "routing_secure"))
	f.add("  gateway_ip: " + g.privIP())
	f.add("  individual_address: \"1.1.2" + fmt.Sprint(40+g.r.IntN(10)) + "\"")
	f.add("  secure:")
	f.add("    user_id: " + fmt.Sprint(2+g.r.IntN(6)))
	up, ups := g.h24ppv()
	f.add("    user_password: "+up, ups...)
	dp, dps := g.h24ppv()
	f.add("    device_authentication_password: "+dp, dps...)
	f.add("    knxkeys_file_path: /config/.storage/knx/" + g.pick("chur", "depot", "marina") + ".knxkeys")
	kp := g.h24plain()
	f.add("    knxkeys_password: "+kp, h15pw(kp))
	if g.r.IntN(2) == 0 {
		bk := strings.ToUpper(g.s(hexd, 32))
		f.add("    backbone_key: "+bk, h15gen(bk))
	} else {
		f.add("    backbone_key: 000102030405060708090A0B0C0D0E0F  # ETS sample key, replace")
	}
	f.add("groups:")
	f.add("  light:")
	for i := 0; i < 2+g.r.IntN(3); i++ {
		f.add(fmt.Sprintf("    - name: %s", g.pick("Büro Licht", "Sala", "Kitchen", "Gang", "Deck lights")))
		f.add(fmt.Sprintf("      group_address_switch: \"1/%d/%d\"", g.r.IntN(8), g.r.IntN(255)))
	}
	first, last := g.h24name()
	ph := g.h24phone()
	f.add("# integrator: "+first+" "+last+", "+ph, h15tel(ph))
	em := g.h24email()
	f.add("# alerts to "+em, h15mail(em))
	sum := g.s(hexd, 64)
	f.add("# project export sha256: "+sum, neutral("hash", sum))
}}

var h24KNXKeys = template{"knx", "project.knxkeys", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	sig := g.s(b64, 22) + "=="
	f.add(`<Keyring Project="`+g.pick("Wohnhaus Caduff", "Depot Ljouwert", "Marina Haifa")+`" CreatedBy="ETS 6.`+fmt.Sprint(g.r.IntN(3))+`.`+fmt.Sprint(g.r.IntN(9))+`" Created="`+g.h24ts()+`" Signature="`+sig+`" xmlns="http://knx.org/xml/keyring/1">`, neutral("hash", sig))
	bk := g.s(b64, 22) + "=="
	f.add(`  <Backbone MulticastAddress="224.0.23.12" Latency="1000" Key="`+bk+`" />`, neutral("ciphertext", bk))
	for i := 0; i < 1+g.r.IntN(3); i++ {
		pw, au := g.s(b64, 43)+"=", g.s(b64, 43)+"="
		f.add(fmt.Sprintf(`  <Interface Type="Tunneling" Host="1.1.%d" IndividualAddress="1.1.%d" UserID="%d" Password="%s" Authentication="%s" />`, 1+g.r.IntN(9), 240+i, 2+i, pw, au), neutral("ciphertext", pw), neutral("ciphertext", au))
	}
	f.add("  <GroupAddresses>")
	for i := 0; i < 2+g.r.IntN(4); i++ {
		k := g.s(b64, 22) + "=="
		f.add(fmt.Sprintf(`    <Group Address="%d" Key="%s" />`, 2048+g.r.IntN(4000), k), neutral("ciphertext", k))
	}
	f.add("  </GroupAddresses>")
	f.add("  <Devices>")
	tk := g.s(b64, 22) + "=="
	f.add(fmt.Sprintf(`    <Device IndividualAddress="1.1.%d" ToolKey="%s" SequenceNumber="%d" />`, 1+g.r.IntN(9), tk, g.r.IntN(1e9)), neutral("ciphertext", tk))
	f.add("  </Devices>")
	kp := g.h24pass()
	f.add("  <!-- keyring password for the service laptop: "+kp+" -->", h15pw(kp))
	first, last := g.h24name()
	em := g.h24email()
	f.add("  <!-- exported by "+first+" "+last+" <"+em+"> -->", h15mail(em))
	if g.r.IntN(2) == 0 {
		ph := g.h24phone()
		f.add("  <!-- commissioning hotline "+ph+" -->", h15tel(ph))
	}
	f.add("</Keyring>")
}}

// ---- TR-069 ----

var h24GenieEnv = template{"tr069", "genieacs.env", func(g *gen, f *file) {
	f.add("GENIEACS_CWMP_ACCESS_LOG_FILE=/var/log/genieacs/genieacs-cwmp-access.log")
	f.add("GENIEACS_NBI_ACCESS_LOG_FILE=/var/log/genieacs/genieacs-nbi-access.log")
	f.add("GENIEACS_FS_ACCESS_LOG_FILE=/var/log/genieacs/genieacs-fs-access.log")
	f.add("GENIEACS_UI_ACCESS_LOG_FILE=/var/log/genieacs/genieacs-ui-access.log")
	f.add("GENIEACS_DEBUG_FILE=/var/log/genieacs/genieacs-debug.yaml")
	f.add("GENIEACS_EXT_DIR=/opt/genieacs/ext")
	js, jss := g.h24gv()
	f.add("GENIEACS_UI_JWT_SECRET="+js, jss...)
	u, us := g.h24dsn("mongodb")
	f.add("GENIEACS_MONGODB_CONNECTION_URL="+u+"?authSource=admin", us)
	f.add("GENIEACS_CWMP_SSL_CERT=/opt/genieacs/certs/cwmp.crt")
	f.add("GENIEACS_CWMP_SSL_KEY=/opt/genieacs/certs/cwmp.key")
	f.add("# ext/provision.js reads these")
	cr, crs := g.h24ppv()
	f.add("ACS_CONNECTION_REQUEST_PASSWORD="+cr, crs...)
	pp, pps := g.h24pv()
	f.add("PPPOE_DEFAULT_PASSWORD="+pp, pps...)
	rs := g.h24plain()
	f.add("RADIUS_SHARED_SECRET="+rs, h15pw(rs))
	if g.r.IntN(2) == 0 {
		tk, tks := g.h24tv()
		f.add("BILLING_API_TOKEN="+tk, tks...)
	}
	ph := g.h24phone()
	f.add("NOC_ONCALL_PHONE="+ph, h15tel(ph))
	v := g.h24ver()
	f.add("GENIEACS_VERSION="+v, neutral("version", v))
}}

var h24CWMPSet = template{"tr069", "set_parameter_values.xml", func(g *gen, f *file) {
	f.add(`<soap-env:Envelope xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">`)
	f.add(`  <soap-env:Header>`)
	f.add(`    <cwmp:ID soap-env:mustUnderstand="1">` + g.s(hexd, 8) + `</cwmp:ID>`)
	f.add(`  </soap-env:Header>`)
	f.add(`  <soap-env:Body>`)
	f.add(`    <cwmp:SetParameterValues>`)
	f.add(`      <ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[6]">`)
	pv := func(name, val string, ps ...plant) {
		f.add(`        <ParameterValueStruct><Name>`+name+`</Name><Value xsi:type="xsd:string">`+val+`</Value></ParameterValueStruct>`, ps...)
	}
	pr := "InternetGatewayDevice."
	if g.r.IntN(2) == 0 {
		pr = "Device."
	}
	cr, crs := g.h24ppv()
	pv(pr+"ManagementServer.ConnectionRequestPassword", cr, crs...)
	ms := g.h24plain()
	pv(pr+"ManagementServer.Password", ms, h15pw(ms))
	pp, pps := g.h24ppv()
	pv(pr+"WANDevice.1.WANConnectionDevice.1.WANPPPConnection.1.Password", pp, pps...)
	wk := g.h24plain()
	pv(pr+"LANDevice.1.WLANConfiguration.1.PreSharedKey.1.KeyPassphrase", wk, h15pw(wk))
	pv(pr+"LANDevice.1.WLANConfiguration.1.SSID", g.pick("Mascom-", "Ziggo", "Home-")+g.s(upperD, 4))
	pv(pr+"ManagementServer.PeriodicInformInterval", fmt.Sprint(g.pick2(300, 3600, 86400)))
	ph := g.h24phone()
	pv(pr+"DeviceInfo.X_ISP_SubscriberPhone", ph, h15tel(ph))
	f.add(`      </ParameterList>`)
	pk := g.s(hexd, 16)
	f.add(`      <ParameterKey>`+pk+`</ParameterKey>`, neutral("id", pk))
	f.add(`    </cwmp:SetParameterValues>`)
	f.add(`  </soap-env:Body>`)
	f.add(`</soap-env:Envelope>`)
}}

// ---- JD Edwards ----

var h24JDEIni = template{"jdedwards", "jde.ini", func(g *gen, f *file) {
	env := g.pick("JPD920", "JPY920", "JDV920")
	f.add("[DB SYSTEM SETTINGS]")
	f.add("Version=43")
	f.add("Default User=JDE")
	f.add("Default Role=*ALL")
	f.add("Default Env=" + env)
	f.add("Default PathCode=" + env[1:])
	f.add("Base Datasource=System - 920")
	f.add("Object Owner=SY920")
	f.add("Server=" + g.pick("jdeent01", "jdeent02", g.h24host()))
	f.add("Database=JDEORA")
	f.add("Load Library=libora64.so")
	f.add("Secured=Y")
	f.add("Type=O")
	f.add("")
	f.add("[SECURITY]")
	f.add("SecurityServer=" + g.pick("jdeent01", "jdesec"))
	f.add("User=JDE")
	pw, ps := g.h24ppv()
	f.add("Password="+pw, ps...)
	f.add("DefaultEnvironment=" + env)
	f.add("DataSource=System - 920")
	f.add("History=0")
	f.add("")
	f.add("[JDEMAIL]")
	f.add("mailServer=smtp." + g.pick(h24orgs...))
	em := g.h24email()
	f.add("MAILFROM="+em, h15mail(em))
	mp, mps := g.h24pv()
	f.add("SMTPPassword="+mp, mps...)
	f.add("")
	f.add("[JDENET]")
	f.add("serviceNameListen=6017")
	f.add("serviceNameConnect=6017")
	f.add("maxNetProcesses=" + fmt.Sprint(2+g.r.IntN(8)))
	f.add("")
	f.add("[INTEROPERABILITY]")
	ak, aks := g.h24gv()
	f.add("AIS_Shared_Secret="+ak, aks...)
	first, last := g.h24name()
	ph := g.h24phone()
	f.add("; CNC contact "+first+" "+last+" "+ph, h15tel(ph))
}}

var h24JDBJIni = template{"jdedwards", "jdbj.ini", func(g *gen, f *file) {
	f.add("#=======================================================================")
	f.add("# JDBj configuration (HTML server " + g.pick("JAS_PD", "JAS_PY", "AIS_PD") + ")")
	f.add("#=======================================================================")
	f.add("[JDBj-BOOTSTRAP SESSION]")
	f.add("user=JDE")
	pw, ps := g.h24ppv()
	f.add("password="+pw, ps...)
	f.add("environment=" + g.pick("JPD920", "JPY920"))
	f.add("role=*ALL")
	f.add("")
	f.add("[JDBj-BOOTSTRAP DATA SOURCE]")
	f.add("name=System - 920")
	f.add("databaseType=O")
	f.add("server=" + g.h24host())
	f.add("serverPort=1521")
	f.add("database=JDEORA")
	f.add("owner=SY920")
	f.add("unicode=true")
	f.add("")
	f.add("[JDBj-JDBC DRIVERS]")
	f.add("ORACLE=oracle.jdbc.driver.OracleDriver")
	f.add("")
	f.add("[JDBj-SPEC DATA SOURCE]")
	f.add("name=Central Objects - PD920")
	u := g.h24user()
	f.add("user=" + u)
	p2, p2s := g.h24pv()
	f.add("password="+p2, p2s...)
	f.add("")
	f.add("[JDBj-RUNTIME PROPERTIES]")
	f.add("resultSetTimeout=60000")
	f.add("transactionTimeout=120000")
	if g.r.IntN(2) == 0 {
		jd := fmt.Sprintf("jdbc:oracle:thin:%s/%s@//%s:1521/JDEORA", u, g.h24plain(), g.h24host())
		pwd := jd[strings.Index(jd, "/")+1 : strings.Index(jd, "@")]
		f.add("# old direct URL: "+jd, plant{family: "password", kind: "secret", value: jd, core: pwd})
	}
	em := g.h24email()
	f.add("# owner: "+em, h15mail(em))
	b := g.s(hexd, 40)
	f.add("# tools release 9.2."+fmt.Sprint(5+g.r.IntN(4))+" build "+b, neutral("hash", b))
}}

// ---- device fleets ----

var h24BalenaCfg = template{"fleet", "config.json", func(g *gen, f *file) {
	f.add("{")
	f.add(fmt.Sprintf(`  "applicationId": %d,`, 1000000+g.r.IntN(8999999)))
	f.add(`  "deviceType": "` + g.pick("raspberrypi4-64", "jetson-nano", "intel-nuc", "raspberrypi3") + `",`)
	f.add(fmt.Sprintf(`  "userId": %d,`, 10000+g.r.IntN(90000)))
	f.add(`  "appUpdatePollInterval": 900000,`)
	f.add(`  "listenPort": 48484,`)
	f.add(`  "vpnPort": 443,`)
	f.add(`  "apiEndpoint": "https://api.balena-cloud.com",`)
	f.add(`  "vpnEndpoint": "cloudlink.balena-cloud.com",`)
	f.add(`  "registryEndpoint": "registry2.balena-cloud.com",`)
	f.add(`  "deltaEndpoint": "https://delta.balena-cloud.com",`)
	mx := g.s(hexd, 32)
	f.add(`  "mixpanelToken": "`+mx+`",`, neutral("id", mx))
	uu := g.s(hexd, 32)
	f.add(`  "uuid": "`+uu+`",`, neutral("id", uu))
	dk := g.s(alnum, 32)
	f.add(`  "deviceApiKey": "`+dk+`",`, h15gen(dk))
	if g.r.IntN(2) == 0 {
		pk, pks := g.h24gv()
		f.add(`  "apiKey": "`+pk+`",`, pks...)
	}
	f.add(`  "os": {`)
	f.add(`    "sshKeys": [`)
	sk := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64, 43)
	f.add(`      "`+sk+` `+g.pick("ops@fleet", "wayan@laptop", "ci")+`"`, neutral("public-key", sk))
	f.add(`    ],`)
	f.add(`    "network": {`)
	f.add(`      "wifi": {"ssid": "` + g.pick("depot", "Zomba-Lab", "ubud-clinic") + `",`)
	wk, wks := g.h24ppv()
	f.add(`        "psk": "`+wk+`"}`, wks...)
	f.add(`    }`)
	f.add(`  },`)
	f.add(`  "installer": {`)
	first, last := g.h24name()
	f.add(`    "name": "` + first + ` ` + last + `",`)
	em := g.h24email()
	f.add(`    "email": "`+em+`"`, h15mail(em))
	f.add(`  },`)
	f.add(`  "persistentLogging": false,`)
	f.add(`  "hostname": "` + g.s(hexd, 7) + `"`)
	f.add("}")
}}

var h24MenderSh = template{"fleet", "mender-provision.sh", func(g *gen, f *file) {
	f.add("#!/bin/sh")
	f.add("# provision a device for hosted Mender; run once on first boot")
	f.add("set -eu")
	tt := g.h24jwt()
	f.add(`TENANT_TOKEN="`+tt+`"`, secret("jwt", tt))
	f.add(`MENDER_SERVER_URL="https://` + g.pick("hosted.mender.io", "eu.hosted.mender.io", "mender."+g.pick(h24orgs...)) + `"`)
	f.add("mkdir -p /etc/mender")
	f.add("cat > /etc/mender/mender.conf <<EOF")
	f.add("{")
	f.add(`  "ServerURL": "$MENDER_SERVER_URL",`)
	f.add(`  "TenantToken": "$TENANT_TOKEN",`)
	f.add(`  "InventoryPollIntervalSeconds": 28800,`)
	f.add(`  "UpdatePollIntervalSeconds": 1800,`)
	f.add(`  "RetryPollIntervalSeconds": 300`)
	f.add("}")
	f.add("EOF")
	em := g.h24email()
	pw := g.h24plain()
	f.add("mender-cli login --server \"$MENDER_SERVER_URL\" --username "+em+" --password '"+pw+"'", h15mail(em), h15pw(pw))
	wk := g.h24plain()
	f.add(`wpa_passphrase "`+g.pick("depot", "FleetNet", "warehouse-5")+`" '`+wk+`' >> /etc/wpa_supplicant/wpa_supplicant.conf`, h15pw(wk))
	rp, rps := g.h24pv()
	if strings.ContainsAny(rp, ":'") || rp == "" {
		rp, rps = g.h24plain(), nil
		rps = append(rps, h15pw(rp))
	}
	f.add("echo 'root:"+rp+"' | chpasswd", rps...)
	if g.r.IntN(2) == 0 {
		tk, tks := g.h24tv()
		f.add("export SENTRY_AUTH="+tk, tks...)
	}
	sum := g.s(hexd, 64)
	f.add("# artifact "+g.pick("release-", "rootfs-")+g.h24ver()+".mender sha256 "+sum, neutral("hash", sum))
	f.add("systemctl enable --now mender-updated")
}}

// ---- GoCD ----

var h24CruiseCfg = template{"gocd", "cruise-config.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	f.add(`<cruise xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="cruise-config.xsd" schemaVersion="` + fmt.Sprint(130+g.r.IntN(10)) + `">`)
	ak, wh, sid, tg := g.s(hexd, 32), g.s(hexd, 32), g.h5uuid(), g.h5uuid()
	f.add(`  <server agentAutoRegisterKey="`+ak+`" webhookSecret="`+wh+`" serverId="`+sid+`" tokenGenerationKey="`+tg+`">`, h15gen(ak), h15gen(wh), neutral("id", sid), h15gen(tg))
	f.add(`    <security>`)
	f.add(`      <authConfigs>`)
	f.add(`        <authConfig id="ldap" pluginId="cd.go.authentication.ldap">`)
	f.add(`          <property><key>ManagerDN</key><value>cn=gocd,ou=svc,dc=` + g.pick("chur", "rotorua", "recife") + `,dc=local</value></property>`)
	lp, lps := g.h24pv()
	f.add(`          <property><key>Password</key><value>`+lp+`</value></property>`, lps...)
	f.add(`        </authConfig>`)
	f.add(`      </authConfigs>`)
	f.add(`    </security>`)
	mp := g.h24plain()
	em := g.h24email()
	from := "gocd@" + g.pick(h24orgs...)
	f.add(`    <mailhost hostname="smtp.`+g.pick(h24orgs...)+`" port="587" username="gocd" password="`+mp+`" tls="true" from="`+from+`" admin="`+em+`" />`, h15pw(mp), h15mail(em), neutral("role-email", from))
	f.add(`  </server>`)
	f.add(`  <pipelines group="` + g.pick("metering", "rides", "clinic") + `">`)
	f.add(`    <pipeline name="deploy-` + g.pick("api", "web", "etl") + `">`)
	f.add(`      <environmentvariables>`)
	tk, tks := g.h24tv()
	f.add(`        <variable name="DEPLOY_TOKEN"><value>`+tk+`</value></variable>`, tks...)
	enc := "AES:" + g.s(b64, 22) + "==:" + g.s(b64, 22) + "=="
	f.add(`        <variable name="DB_PASSWORD" secure="true"><encryptedValue>`+enc+`</encryptedValue></variable>`, neutral("ciphertext", enc))
	f.add(`      </environmentvariables>`)
	f.add(`      <materials>`)
	gp := g.h24plain()
	gu := "https://" + g.h24user() + ":" + gp + "@git." + g.pick(h24orgs...) + "/ops/deploy.git"
	f.add(`        <git url="`+gu+`" />`, plant{family: "password", kind: "secret", value: gu, core: gp})
	f.add(`      </materials>`)
	f.add(`      <stage name="deploy"><jobs><job name="run"><tasks><exec command="make"><arg>deploy</arg></exec></tasks></job></jobs></stage>`)
	f.add(`    </pipeline>`)
	f.add(`  </pipelines>`)
	f.add(`</cruise>`)
}}

var h24GoCDYaml = template{"gocd", "ci.gocd.yaml", func(g *gen, f *file) {
	f.add("format_version: 10")
	f.add("pipelines:")
	f.add("  build-" + g.pick("hes", "pix", "omero", "signalk") + ":")
	f.add("    group: " + g.pick("metering", "payments", "imaging"))
	f.add("    label_template: ${COUNT}")
	f.add("    environment_variables:")
	tk, tks := g.h24tv()
	f.add("      SONAR_TOKEN: "+tk, tks...)
	f.add("      RELEASE_CHANNEL: stable")
	f.add("    secure_variables:")
	enc := "AES:" + g.s(b64, 22) + "==:" + g.s(b64, 43) + "="
	f.add("      DB_PASSWORD: \""+enc+"\"", neutral("ciphertext", enc))
	f.add("    materials:")
	f.add("      app:")
	f.add("        git: https://git." + g.pick(h24orgs...) + "/app.git")
	f.add("        username: " + g.h24user())
	enc2 := "AES:" + g.s(b64, 22) + "==:" + g.s(b64, 22) + "=="
	f.add("        encrypted_password: \""+enc2+"\"", neutral("ciphertext", enc2))
	f.add("    stages:")
	f.add("      - test:")
	f.add("          jobs:")
	f.add("            unit:")
	f.add("              tasks:")
	f.add("                - exec: {command: make, arguments: [test]}")
	f.add("      - publish:")
	f.add("          jobs:")
	f.add("            push:")
	f.add("              tasks:")
	pw := g.h24plain()
	f.add("                - exec: {command: bash, arguments: [\"-c\", \"docker login -u ci -p "+pw+" registry."+g.pick(h24orgs...)+"\"]}", h15pw(pw))
	gv, gvs := g.h24gv()
	f.add("                - exec: {command: ./notify.sh, arguments: [\"--hmac\", \""+gv+"\"]}", gvs...)
	em := g.h24email()
	f.add("# maintainer: "+em, h15mail(em))
}}

// ---- smart metering ----

var h24GuruxDev = template{"smart-metering", "meter.gxc", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	f.add(`<Objects>`)
	f.add(`  <GXDLMSMeter>`)
	f.add(`    <Name>` + g.pick("ISK AM550", "Landis+Gyr E360", "Kamstrup Omnipower", "Iskra MT174") + ` ` + g.s(digits, 4) + `</Name>`)
	f.add(`    <MediaType>Net</MediaType>`)
	f.add(`    <HostName>` + g.privIP() + `</HostName>`)
	f.add(`    <Port>4059</Port>`)
	f.add(`    <Authentication>` + g.pick("High", "HighGMAC", "Low") + `</Authentication>`)
	pw, ps := g.h24ppv()
	f.add(`    <Password>`+pw+`</Password>`, ps...)
	f.add(`    <Security>AuthenticationEncryption</Security>`)
	st := "4D4D4D" + strings.ToUpper(g.s(hexd, 10))
	f.add(`    <SystemTitle>`+st+`</SystemTitle>`, neutral("id", st))
	if g.r.IntN(3) == 0 {
		f.add(`    <BlockCipherKey>000102030405060708090A0B0C0D0E0F</BlockCipherKey>`)
		f.add(`    <AuthenticationKey>D0D1D2D3D4D5D6D7D8D9DADBDCDDDEDF</AuthenticationKey>`)
	} else {
		bc, ak := strings.ToUpper(g.s(hexd, 32)), strings.ToUpper(g.s(hexd, 32))
		f.add(`    <BlockCipherKey>`+bc+`</BlockCipherKey>`, h15gen(bc))
		f.add(`    <AuthenticationKey>`+ak+`</AuthenticationKey>`, h15gen(ak))
	}
	f.add(`    <ClientAddress>` + fmt.Sprint(g.pick2(1, 16, 32)) + `</ClientAddress>`)
	f.add(`    <ServerAddress>1</ServerAddress>`)
	f.add(`    <InterfaceType>WRAPPER</InterfaceType>`)
	f.add(`    <Customer>`)
	first, last := g.h24name()
	f.add(`      <Name>` + first + ` ` + last + `</Name>`)
	ad := g.h24addr()
	f.add(`      <Address>`+ad+`</Address>`, neutral("address", ad))
	ph := g.h24phone()
	f.add(`      <Phone>`+ph+`</Phone>`, h15tel(ph))
	ib := g.h24iban()
	f.add(`      <DirectDebitIBAN>`+ib+`</DirectDebitIBAN>`, h15ib(ib))
	f.add(`    </Customer>`)
	f.add(`  </GXDLMSMeter>`)
	f.add(`</Objects>`)
}}

var h24DSMREnv = template{"smart-metering", "dsmrreader.env", func(g *gen, f *file) {
	f.add("# dsmr-reader (docker) environment")
	f.add("DJANGO_DATABASE_ENGINE=django.db.backends.postgresql")
	f.add("DJANGO_DATABASE_HOST=" + g.pick("dsmrdb", "localhost", g.h24host()))
	f.add("DJANGO_DATABASE_NAME=dsmrreader")
	f.add("DJANGO_DATABASE_USER=dsmrreader")
	dp, dps := g.h24ppv()
	f.add("DJANGO_DATABASE_PASSWORD="+dp, dps...)
	f.add("DSMRREADER_ADMIN_USER=admin")
	ap := g.h24pass()
	f.add("DSMRREADER_ADMIN_PASSWORD="+ap, h15pw(ap))
	sk := g.s(lower+digits+"!@#%^*(-_=+)", 50)
	f.add("DJANGO_SECRET_KEY="+sk, h15gen(sk))
	if g.r.IntN(2) == 0 {
		dk := strings.ToUpper(g.s(hexd, 32))
		f.add("DSMRREADER_DATALOGGER_DECRYPTION_KEY="+dk, h15gen(dk))
	}
	rk, rks := g.h24gv()
	f.add("DSMRREADER_REMOTE_DATALOGGER_API_KEY="+rk, rks...)
	f.add("DSMRREADER_OPERATION_MODE=standalone")
	f.add("")
	f.add("# last telegram (debug), " + g.h24ts())
	f.add("# /ISK5\\2M550E-1011")
	f.add("# 1-3:0.2.8(50)")
	f.add(fmt.Sprintf("# 0-0:1.0.0(26%02d%02d%02d%02d%02dW)", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60)))
	eq := strings.ToUpper(fmt.Sprintf("%x", "E0044007"+g.s(digits, 8)))
	f.add("# 0-0:96.1.1("+eq+")", neutral("id", eq))
	f.add(fmt.Sprintf("# 1-0:1.8.1(%06d.%03d*kWh)", g.r.IntN(50000), g.r.IntN(1000)))
	f.add(fmt.Sprintf("# 1-0:1.8.2(%06d.%03d*kWh)", g.r.IntN(50000), g.r.IntN(1000)))
	f.add(fmt.Sprintf("# 1-0:1.7.0(%02d.%03d*kW)", g.r.IntN(9), g.r.IntN(1000)))
	crc := strings.ToUpper(g.s(hexd, 4))
	f.add("# !" + crc)
	em := g.h24email()
	f.add("# PVOutput account: "+em, h15mail(em))
}}

// ---- freight forwarding ----

var h24EAdaptor = template{"freight", "eadaptor-connection.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="utf-8"?>`)
	f.add(`<EAdaptorConnection xmlns="http://www.cargowise.com/Schemas/Universal/2011/11">`)
	code := g.s(upperD[:26], 3) + g.pick("AKL", "REC", "TLS", "HFA")
	f.add(`  <ServiceUrl>https://` + strings.ToLower(code) + `trnservices.wisegrid.net/eAdaptor</ServiceUrl>`)
	u := g.h24user()
	f.add(`  <Username>` + u + `</Username>`)
	pw, ps := g.h24pv()
	f.add(`  <Password>`+pw+`</Password>`, ps...)
	f.add(`  <EnterpriseID>` + code[:3] + `</EnterpriseID>`)
	f.add(`  <ServerID>` + g.pick("TRN", "PRD") + `</ServerID>`)
	f.add(`  <CompanyCode>` + code[3:] + `</CompanyCode>`)
	cp := g.h24plain()
	f.add(`  <ClientCertificatePassword>`+cp+`</ClientCertificatePassword>`, h15pw(cp))
	bp := g.h24plain()
	ba := base64.StdEncoding.EncodeToString([]byte(u + ":" + bp))
	f.add(`  <!-- curl test: -H "Authorization: Basic `+ba+`" -->`, plant{family: "password", kind: "secret", value: ba})
	em := g.h24email()
	f.add(`  <NotifyOnError>`+em+`</NotifyOnError>`, h15mail(em))
	f.add(`  <PollingIntervalSeconds>` + fmt.Sprint(g.pick2(30, 60, 300)) + `</PollingIntervalSeconds>`)
	mid := g.h5uuid()
	f.add(`  <MessageTrackingID>`+mid+`</MessageTrackingID>`, neutral("id", mid))
	f.add(`</EAdaptorConnection>`)
}}

var h24CarrierYml = template{"freight", "carrier_accounts.yml", func(g *gen, f *file) {
	f.add("# carrier credentials for the rating service (" + g.pick("production", "staging") + ")")
	f.add("fedex:")
	an := "7" + g.s(digits, 8)
	f.add("  account_number: \""+an+"\"", neutral("id", an))
	fk := "l7" + g.s(hexd, 32)
	f.add("  api_key: "+fk, h15gen(fk))
	fs, fss := g.h24gv()
	f.add("  secret_key: "+fs, fss...)
	f.add("ups:")
	cid := g.s(alnum, 48)
	f.add("  client_id: "+cid, neutral("id", cid))
	cs := g.s(alnum, 64)
	f.add("  client_secret: "+cs, h15gen(cs))
	f.add("  shipper_number: " + g.s(upperD, 6))
	f.add("dhl_express:")
	f.add("  username: " + g.h24user())
	dp, dps := g.h24pv()
	f.add("  password: \""+dp+"\"", dps...)
	f.add("easypost:")
	if g.r.IntN(2) == 0 {
		ek := "EZAK" + g.s(hexd, 32) + g.s(alnum, 22)
		f.add("  api_key: "+ek, h15gen(ek))
	} else {
		ek := "EZTK" + g.s(hexd, 32) + g.s(alnum, 22)
		f.add("  api_key: "+ek+"  # test mode", neutral("test-key", ek))
	}
	f.add("ops:")
	em := g.h24email()
	f.add("  alert_email: "+em, h15mail(em))
	ph := g.h24phone()
	f.add("  duty_phone: \""+ph+"\"", h15tel(ph))
	ad := g.h24addr()
	f.add("  warehouse_address: \""+ad+"\"", neutral("address", ad))
}}

// ---- X-Road ----

var h24XRoadDB = template{"xroad", "db.properties", func(g *gen, f *file) {
	f.add("# /etc/xroad/db.properties")
	f.add("serverconf.hibernate.jdbc.use_streams_for_binary = true")
	f.add("serverconf.hibernate.dialect = ee.ria.xroad.common.db.CustomPostgreSQLDialect")
	f.add("serverconf.hibernate.connection.driver_class = org.postgresql.Driver")
	f.add("serverconf.hibernate.connection.url = jdbc:postgresql://127.0.0.1:5432/serverconf")
	f.add("serverconf.hibernate.connection.username = serverconf")
	p1, p1s := g.h24ppv()
	f.add("serverconf.hibernate.connection.password = "+p1, p1s...)
	f.add("messagelog.hibernate.connection.url = jdbc:postgresql://127.0.0.1:5432/messagelog")
	f.add("messagelog.hibernate.connection.username = messagelog")
	p2 := g.h24plain()
	f.add("messagelog.hibernate.connection.password = "+p2, h15pw(p2))
	f.add("op-monitor.hibernate.connection.url = jdbc:postgresql://127.0.0.1:5432/op-monitor")
	f.add("op-monitor.hibernate.connection.username = opmonitor")
	p3, p3s := g.h24ppv()
	f.add("op-monitor.hibernate.connection.password = "+p3, p3s...)
	f.add("# softtoken PIN kept for xroad-autologin (ticket " + g.s(digits, 5) + ")")
	pin := g.s(digits, 4) + g.s(alnum, 6+g.r.IntN(4))
	f.add("# autologin="+pin, h15pw(pin))
	ph := g.h24phone()
	f.add("# security officer on call: "+ph, h15tel(ph))
	b := g.s(hexd, 40)
	f.add("# package build "+b, neutral("hash", b))
}}

var h24XRoadSOAP = template{"xroad", "request.soap.log", func(g *gen, f *file) {
	f.add(g.h24ts() + " INFO  [xroad-proxy] Received request from client")
	jwt := g.h24jwt()
	f.add("Authorization: Bearer "+jwt, secret("jwt", jwt))
	f.add(`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xrd="http://x-road.eu/xsd/xroad.xsd" xmlns:id="http://x-road.eu/xsd/identifiers">`)
	f.add(`  <SOAP-ENV:Header>`)
	f.add(`    <xrd:client id:objectType="SUBSYSTEM"><id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>COM</id:memberClass><id:memberCode>` + g.s(digits, 8) + `</id:memberCode><id:subsystemCode>` + g.pick("rides", "clinic", "billing") + `</id:subsystemCode></xrd:client>`)
	f.add(`    <xrd:service id:objectType="SERVICE"><id:xRoadInstance>EE</id:xRoadInstance><id:memberClass>GOV</id:memberClass><id:memberCode>70000310</id:memberCode><id:subsystemCode>` + g.pick("rr", "emta", "ehis") + `</id:subsystemCode><id:serviceCode>` + g.pick("RR434", "personData", "getCertificate") + `</id:serviceCode><id:serviceVersion>v1</id:serviceVersion></xrd:service>`)
	mid := g.h5uuid()
	f.add(`    <xrd:id>`+mid+`</xrd:id>`, neutral("id", mid))
	ik := g.h18isikukood()
	f.add(`    <xrd:userId>EE`+ik+`</xrd:userId>`, plant{family: "national-id", kind: "pii", value: "EE" + ik, core: ik})
	f.add(`    <xrd:protocolVersion>4.0</xrd:protocolVersion>`)
	f.add(`  </SOAP-ENV:Header>`)
	f.add(`  <SOAP-ENV:Body>`)
	f.add(`    <ns1:request xmlns:ns1="http://` + g.pick("rr", "emta") + `.x-road.eu">`)
	ik2 := g.h18isikukood()
	f.add(`      <isikukood>`+ik2+`</isikukood>`, h15id(ik2))
	em := g.h24email()
	f.add(`      <kontaktEpost>`+em+`</kontaktEpost>`, h15mail(em))
	ph := g.h24phone()
	f.add(`      <kontaktTelefon>`+ph+`</kontaktTelefon>`, h15tel(ph))
	ak, aks := g.h24gv()
	f.add(`      <apiVoti>`+ak+`</apiVoti>`, aks...)
	f.add(`    </ns1:request>`)
	f.add(`  </SOAP-ENV:Body>`)
	f.add(`</SOAP-ENV:Envelope>`)
	sum := base64.StdEncoding.EncodeToString(g.h16bytes(32))
	f.add(g.h24ts()+" INFO  [xroad-proxy] Request hash "+sum, neutral("hash", sum))
}}

// ---- microscopy ----

var h24OmeroCfg = template{"microscopy", "omero-config.txt", func(g *gen, f *file) {
	f.add("$ /opt/omero/server/OMERO.server/bin/omero config get")
	f.add("omero.client.ui.menu.dropdown.colleagues.enabled=true")
	f.add("omero.data.dir=/OMERO")
	f.add("omero.db.host=" + g.pick("localhost", g.h24host()))
	f.add("omero.db.name=omero_server")
	dp, dps := g.h24pv()
	f.add("omero.db.pass="+dp, dps...)
	f.add("omero.db.user=omero_server")
	f.add("omero.ldap.config=true")
	f.add("omero.ldap.urls=ldaps://ldap." + g.pick(h24orgs...) + ":636")
	f.add("omero.ldap.username=cn=omero,ou=services,dc=" + g.pick("cagliari", "chur") + ",dc=lab")
	lp, lps := g.h24pv()
	f.add("omero.ldap.password="+lp, lps...)
	f.add("omero.mail.config=true")
	f.add("omero.mail.host=smtp." + g.pick(h24orgs...))
	mp := g.h24pass()
	f.add("omero.mail.password="+mp, h15pw(mp))
	em := g.h24email()
	f.add("omero.mail.from="+em, h15mail(em))
	ks, kss := g.h24ppv()
	f.add("omero.glacier2.IceSSL.Password="+ks, kss...)
	ws := g.s(alnum+"!@#%^&*(-_=+)", 50)
	f.add("omero.web.secret_key="+ws, h15gen(ws))
	f.add("omero.web.public.enabled=" + g.pick("true", "false"))
	f.add("omero.web.public.user=public-user")
	f.add("omero.web.public.password=" + g.pick("public-user", "changeme"))
	f.add("omero.server.nodedescriptors=master:Blitz-0,Indexer-0,Processor-0,Storm,Tables-0")
}}

var h24OmeroPy = template{"microscopy", "export_rois.py", func(g *gen, f *file) {
	f.add("#!/usr/bin/env python3")
	f.add(`"""Export ROIs of a dataset to CSV for the ` + g.pick("confocal", "light-sheet", "histology") + ` facility."""`)
	f.add("import csv")
	f.add("from omero.gateway import BlitzGateway")
	f.add("")
	f.add(`HOST = "omero.` + g.pick(h24orgs...) + `"`)
	f.add(`USERNAME = "` + g.h24user() + `"`)
	pw, ps := g.h24pv()
	f.add(`PASSWORD = "`+pw+`"`, ps...)
	f.add(fmt.Sprintf("DATASET_ID = %d", 100+g.r.IntN(9000)))
	f.add("")
	f.add("conn = BlitzGateway(USERNAME, PASSWORD, host=HOST, port=4064, secure=True)")
	f.add("conn.connect()")
	sk := g.h5uuid()
	f.add(`# session key for omero-marshal debugging: `+sk, neutral("id", sk))
	f.add(`ds = conn.getObject("Dataset", DATASET_ID)`)
	f.add("with open('rois.csv', 'w') as fh:")
	f.add("    w = csv.writer(fh)")
	f.add("    for img in ds.listChildren():")
	f.add("        w.writerow([img.getId(), img.getName(), img.getROICount()])")
	ak := "AKIA" + g.s(b32, 16)
	f.add(`S3_KEY_ID = "`+ak+`"`, secret("aws", ak))
	as := g.s(b64, 40)
	f.add(`S3_SECRET = "`+as+`"`, h15gen(as))
	first, last := g.h24name()
	em := g.h24email()
	f.add(`# results go to the PI, `+first+" "+last+" <"+em+">", h15mail(em))
	f.add("conn.close()")
}}

// ---- terminal workspaces ----

var h24ZellijKDL = template{"workspaces", "ops.kdl", func(g *gen, f *file) {
	f.add("// zellij layout for the " + g.pick("rides", "metering", "clinic") + " on-call shift")
	f.add("layout {")
	f.add("    default_tab_template {")
	f.add("        pane size=1 borderless=true {")
	f.add("            plugin location=\"zellij:tab-bar\"")
	f.add("        }")
	f.add("        children")
	f.add("    }")
	f.add("    tab name=\"db\" focus=true {")
	u, us := g.h24dsn("postgresql")
	f.add("        pane command=\"psql\" {")
	f.add("            args \""+u+"\"", us)
	f.add("        }")
	rp := g.h24plain()
	f.add("        pane command=\"redis-cli\" {")
	f.add("            args \"-h\" \""+g.h24host()+"\" \"-a\" \""+rp+"\"", h15pw(rp))
	f.add("        }")
	f.add("    }")
	f.add("    tab name=\"deploy\" {")
	tk, tks := g.h24tv()
	if tk == "" || strings.ContainsAny(tk, "\"") {
		var p plant
		tk, p = g.h24tok()
		tks = []plant{p}
	}
	f.add("        pane command=\"bash\" {")
	f.add("            args \"-c\" \"export API_TOKEN="+tk+"; ./watch-deploys.sh\"", tks...)
	f.add("        }")
	f.add("        pane command=\"ssh\" {")
	f.add("            args \"ops@" + g.privIP() + "\"")
	f.add("        }")
	f.add("    }")
	f.add("}")
	em := g.h24email()
	f.add("// maintained by "+em, h15mail(em))
}}

var h24Tmuxinator = template{"workspaces", "tmuxinator-ops.yml", func(g *gen, f *file) {
	f.add("# ~/.config/tmuxinator/ops.yml")
	f.add("name: ops")
	f.add("root: ~/src/" + g.pick("rides", "hes", "clinic"))
	pw, ps := g.h24ppv()
	f.add("pre_window: export PGPASSWORD="+pw, ps...)
	f.add("windows:")
	f.add("  - editor: nvim")
	dp := g.h24plain()
	f.add("  - db: psql \"host="+g.h24host()+" user="+g.h24user()+" password="+dp+" dbname=app\"", h15pw(dp))
	f.add("  - logs:")
	f.add("      layout: main-vertical")
	f.add("      panes:")
	f.add("        - ssh ops@" + g.privIP() + " journalctl -fu app")
	tk, tk2 := g.h24tok()
	f.add("        - export DEPLOY_KEY="+tk+" && ./tail-deploys", tk2)
	gv, gvs := g.h24gv()
	f.add("        - WEBHOOK_SECRET="+gv+" ./relay", gvs...)
	ph := g.h24phone()
	f.add("# pager: "+ph, h15tel(ph))
}}

// ---- Brazilian banking ----

func h24pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat(" ", n-len(s))
}

func h24zero(s string, n int) string {
	if len(s) >= n {
		return s[len(s)-n:]
	}
	return strings.Repeat("0", n-len(s)) + s
}

var h24CNAB = template{"br-banking", "REMESSA_PAG.rem", func(g *gen, f *file) {
	bank := g.pick("341", "237", "001", "033", "104")
	cnpj := g.h24cnpj()
	cd := strings.NewReplacer(".", "", "/", "", "-", "").Replace(cnpj)
	hdr := bank + "0000" + "0" + strings.Repeat(" ", 9) + "2" + cd + h24pad(g.s(digits, 6), 20) + h24zero(g.s(digits, 4), 5) + g.s(digits, 1) + h24zero(g.s(digits, 7), 12) + g.s(digits, 1) + " " + h24pad(g.pick("RECIFE PAGAMENTOS LTDA", "TRANSPORTES OLINDA SA"), 30) + h24pad(g.pick("BANCO ITAU SA", "BRADESCO", "BANCO DO BRASIL"), 30) + strings.Repeat(" ", 10) + "1" + fmt.Sprintf("%02d%02d2026", 1+g.r.IntN(28), 1+g.r.IntN(12)) + "101500" + h24zero(g.s(digits, 3), 6) + "089" + "01600"
	f.add(h24pad(hdr, 240), neutral("id", cd))
	n := 0
	for i := 0; i < 2+g.r.IntN(4); i++ {
		acct := h24zero(g.h24acct(), 12)
		first, last := g.h24name()
		n++
		segA := bank + "0001" + "3" + h24zero(fmt.Sprint(n), 5) + "A" + "000" + "018" + g.pick("341", "237", "001", "260") + h24zero(g.s(digits, 4), 5) + g.s(digits, 1) + acct + g.s(digits, 1) + " " + h24pad(strings.ToUpper(first+" "+last), 30) + h24pad("PAG"+g.s(digits, 8), 20) + fmt.Sprintf("%02d%02d2026", 1+g.r.IntN(28), 1+g.r.IntN(12)) + "BRL" + strings.Repeat("0", 15) + h24zero(fmt.Sprint(1000+g.r.IntN(900000)), 15)
		f.add(h24pad(segA, 240), plant{family: "bank-account", kind: "pii", value: acct, core: strings.TrimLeft(acct, "0")})
		n++
		cpf := g.h24cpf(false)
		key := g.pick("email", "phone", "cpf")
		var kv string
		var kp plant
		switch key {
		case "email":
			kv = g.h24email()
			kp = h15mail(kv)
		case "phone":
			kv = "+55" + g.pick("11", "81", "21") + "9" + g.s(digits, 8)
			kp = h15tel(kv)
		default:
			kv = cpf
		}
		segB := bank + "0001" + "3" + h24zero(fmt.Sprint(n), 5) + "B" + g.pick("01", "02", "03") + " " + "1" + h24zero(cpf, 14) + h24pad("", 35) + h24pad(kv, 99)
		if key == "cpf" {
			f.add(h24pad(segB, 240), h15id(cpf))
		} else {
			f.add(h24pad(segB, 240), h15id(cpf), kp)
		}
	}
	f.add(h24pad(bank+"0001"+"5"+strings.Repeat(" ", 9)+h24zero(fmt.Sprint(n+2), 6), 240))
	f.add(h24pad(bank+"9999"+"9"+strings.Repeat(" ", 9)+"000001"+h24zero(fmt.Sprint(n+4), 6), 240))
}}

var h24PixEnv = template{"br-banking", "pix.env", func(g *gen, f *file) {
	f.add("# Pix API (PSP " + g.pick("Efí", "Inter", "Sicoob") + ") - produção")
	cid := "Client_Id_" + g.s(hexd, 40)
	f.add("PIX_CLIENT_ID="+cid, neutral("id", cid))
	if g.r.IntN(5) == 0 {
		f.add("PIX_CLIENT_SECRET=Client_Secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")
	} else {
		cs := "Client_Secret_" + g.s(hexd, 40)
		f.add("PIX_CLIENT_SECRET="+cs, h15gen(cs))
	}
	f.add("PIX_CERT_PATH=./certs/producao-" + g.s(digits, 6) + ".p12")
	cp, cps := g.h24ppv()
	f.add("PIX_CERT_PASSWORD="+cp, cps...)
	switch g.r.IntN(3) {
	case 0:
		em := g.h24email()
		f.add("PIX_CHAVE="+em, h15mail(em))
	case 1:
		k := g.h5uuid()
		f.add("PIX_CHAVE="+k, neutral("id", k))
	default:
		c := g.h24cpf(false)
		f.add("PIX_CHAVE="+c, h15id(c))
	}
	wh, whs := g.h24gv()
	f.add("PIX_WEBHOOK_HMAC="+wh, whs...)
	u, us := g.h24dsn("postgres")
	f.add("DATABASE_URL="+u, us)
	cn := g.h24cnpj()
	f.add("RECEBEDOR_CNPJ="+cn, neutral("id", cn))
	ph := g.h24phone()
	f.add("SUPORTE_TELEFONE=\""+ph+"\"", h15tel(ph))
	cpf := g.h24cpf(true)
	f.add("# responsável técnico CPF "+cpf, h15id(cpf))
}}

// ---- OS deployment ----

var h24Bootstrap = template{"osd", "Bootstrap.ini", func(g *gen, f *file) {
	f.add("[Settings]")
	f.add("Priority=Default")
	f.add("Properties=MyCustomProperty")
	f.add("")
	f.add("[Default]")
	f.add(`DeployRoot=\\` + g.pick("MDT01", "WDS02", "DEPLOY") + `\MDTProduction$`)
	f.add("UserDomain=" + g.pick("CORP", "CHUR", "LAB"))
	f.add("UserID=" + g.pick("svc_mdt", "MDT_BA", "deploy"))
	pw, ps := g.h24ppv()
	f.add("UserPassword="+pw, ps...)
	f.add("KeyboardLocale=" + g.pick("de-CH", "nl-NL", "pt-BR", "en-NZ"))
	f.add("SkipBDDWelcome=YES")
	f.add("")
	f.add("; CustomSettings carried over")
	f.add("JoinDomain=" + g.pick("corp.local", "lab.local"))
	f.add("DomainAdmin=svc_join")
	dp, dps := g.h24pv()
	if strings.ContainsAny(dp, ";") {
		dp, dps = g.h24plain(), nil
		dps = append(dps, h15pw(dp))
	}
	f.add("DomainAdminPassword="+dp, dps...)
	ap := g.h24pass()
	f.add("AdminPassword="+ap, h15pw(ap))
	gv := g.pick("NPPR9-FWDCX-D2C8J-H872K-2YT43", "W269N-WFGWX-YVC9B-4J6C9-T83GX", "M7XTQ-FN8P6-TTKYV-9D4CC-J462D")
	f.add("ProductKey="+gv+"  ; KMS client setup key", neutral("example", gv))
	if g.r.IntN(2) == 0 {
		pin := g.s(digits, 6+g.r.IntN(3))
		f.add("BDEPin="+pin, h15pw(pin))
	}
	ph := g.h24phone()
	f.add("; helpdesk "+ph, h15tel(ph))
}}

var h24TSVars = template{"osd", "TSEnv-dump.log", func(g *gen, f *file) {
	f.add("Task sequence variable dump " + g.h24ts() + " on " + g.pick("MININT-", "WIN-") + g.s(upperD, 7))
	f.add("_SMSTSAdvertID=" + g.pick("PS1", "CH2", "LAB") + g.s(digits, 5))
	f.add("_SMSTSBootImageID=PS1" + g.s(digits, 5))
	f.add("_SMSTSPackageName=Windows 11 " + g.pick("23H2", "24H2") + " - Standard")
	f.add("_SMSTSMediaType=" + g.pick("BootMedia", "FullMedia", "OEMMedia"))
	f.add("OSDComputerName=" + g.pick("PC-", "LT-", "KIOSK-") + g.s(upperD, 6))
	f.add("OSDDomainName=corp.local")
	f.add("OSDJoinAccount=CORP\\svc_join")
	jp := g.h24pass()
	f.add("OSDJoinPassword="+jp, h15pw(jp))
	lp, lps := g.h24pv()
	f.add("OSDLocalAdminPassword="+lp, lps...)
	r1, r2 := strings.ToUpper(g.s(hexd, 64)), strings.ToUpper(g.s(hexd, 96))
	f.add("_SMSTSReserved1-000="+r1, neutral("ciphertext", r1))
	f.add("_SMSTSReserved2-000="+r2, neutral("ciphertext", r2))
	first, last := g.h24name()
	f.add("OSDRegisteredUserName=" + first + " " + last)
	em := g.h24email()
	f.add("OSDPrimaryUserEmail="+em, h15mail(em))
	if g.r.IntN(2) == 0 {
		pin := g.s(digits, 8)
		f.add("OSDBitLockerPIN="+pin, h15pw(pin))
	}
	wk, wks := g.h24gv()
	f.add("WSUSApiKey="+wk, wks...)
	f.add("SMSTSAssignUsersMode=Auto")
	id := g.h5uuid()
	f.add("_SMSTSClientGUID="+id, neutral("id", id))
}}

// ---- warehouse scripts ----

var h24BTEQ = template{"warehouse", "nightly_load.bteq", func(g *gen, f *file) {
	f.add(".SET ERROROUT STDOUT;")
	f.add(".SET WIDTH 250;")
	u := g.pick("etl_loader", "svc_bteq", g.h24user())
	if g.r.IntN(2) == 0 {
		pw, ps := g.h24ppv()
		if pw == "" {
			pw = g.h24plain()
			ps = []plant{h15pw(pw)}
		}
		f.add(".LOGON "+g.pick("tdprod01", "tdpid1", "td.recife")+"/"+u+","+pw+";", ps...)
	} else {
		f.add(".LOGMECH LDAP;")
		pw := g.h24plain()
		f.add(`.LOGDATA "authcid=`+u+` password=`+pw+`";`, h15pw(pw))
		f.add(".LOGON " + g.pick("tdprod01", "tdpid1") + "/;")
	}
	f.add("-- nightly load of the " + g.pick("trips", "meter_reads", "appointments") + " stage")
	f.add("DATABASE STG_" + g.pick("RIDES", "METER", "VET") + ";")
	f.add("DELETE FROM STG_CUSTOMER ALL;")
	for i := 0; i < 1+g.r.IntN(3); i++ {
		first, last := g.h24name()
		em, ph := g.h24email(), g.h24phone()
		f.add(fmt.Sprintf("INSERT INTO STG_CUSTOMER VALUES (%d, '%s', '%s', '%s', '%s');", 1000+g.r.IntN(9000), first, strings.ReplaceAll(last, "'", "''"), em, ph), h15mail(em), h15tel(ph))
	}
	f.add(".IF ERRORCODE <> 0 THEN .QUIT 8;")
	f.add("COLLECT STATISTICS ON STG_CUSTOMER COLUMN (CUST_ID);")
	h := g.s(hexd, 32)
	f.add("-- script md5 "+h, neutral("hash", h))
	f.add(".LOGOFF;")
	f.add(".QUIT 0;")
}}

var h24Netezza = template{"warehouse", "nz_load.sh", func(g *gen, f *file) {
	f.add("#!/bin/bash")
	f.add("# load the daily extract into Netezza")
	f.add("export NZ_HOST=" + g.pick("nzprod01", "nz.recife", g.h24host()))
	f.add("export NZ_DATABASE=" + g.pick("RIDES", "METER", "CLINIC"))
	u := g.pick("etl", "nzadmin", "loader")
	f.add("export NZ_USER=" + u)
	pw, ps := g.h24pv()
	if strings.Contains(pw, "'") {
		pw = g.h24plain()
		ps = []plant{h15pw(pw)}
	}
	f.add("export NZ_PASSWORD='"+pw+"'", ps...)
	f.add(`nzsql -c "SELECT COUNT(*) FROM TRIPS"`)
	p2 := g.h24plain()
	f.add("nzload -u "+u+" -pw '"+p2+"' -db RIDES -t STAGE_TRIPS -df /data/in/trips.csv -delim '|'", h15pw(p2))
	hook := "T" + g.s(upperD, 8) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
	if g.r.IntN(2) == 0 {
		f.add(`curl -s -X POST -H 'Content-type: application/json' --data '{"text":"nz load done"}' https://hooks.slack.com/services/`+hook, plant{family: "slack", kind: "secret", value: "https://hooks.slack.com/services/" + hook, core: hook[strings.LastIndex(hook, "/")+1:]})
	} else {
		em := g.h24email()
		f.add(`echo "nz load done" | mail -s "nz load" `+em, h15mail(em))
	}
	f.add("exit 0")
}}

// ---- clinical research ----

var h24RedcapDB = template{"redcap", "database.php", func(g *gen, f *file) {
	f.add("<?php")
	f.add("")
	f.add("global $log_all_errors;")
	f.add("$log_all_errors = FALSE;")
	f.add("")
	f.add("//********************************************************************************************************************")
	f.add("// MYSQL DATABASE CONNECTION:")
	f.add("")
	f.add("$hostname \t= '" + g.pick("localhost", "127.0.0.1", g.h24host()) + "';")
	f.add("$db \t\t= 'redcap';")
	f.add("$username \t= '" + g.pick("redcap_user", "redcap", g.h24user()) + "';")
	pw, ps := g.h24ppv()
	f.add("$password \t= '"+pw+"';", ps...)
	f.add("")
	f.add("$db_ssl_key  \t= '';")
	f.add("$db_ssl_cert \t= '';")
	f.add("$db_ssl_ca   \t= '';")
	f.add("")
	f.add("// Add a random value for the $salt variable below, preferably alpha-numeric with 8 characters or more.")
	salt := g.s(alnum, 12+g.r.IntN(20))
	f.add("$salt = '"+salt+"';", h15gen(salt))
	em := g.h24email()
	f.add("// installed by "+em+" on "+g.h24date(), h15mail(em))
	if g.r.IntN(2) == 0 {
		tk := strings.ToUpper(g.s(hexd, 32))
		f.add("// API token of the data-pull user: "+tk, h15gen(tk))
	}
}}

var h24RedcapCSV = template{"redcap", "records_export.csv", func(g *gen, f *file) {
	f.add("record_id,redcap_event_name,first_name,last_name,dob,email,phone,national_id,address,consent_complete")
	for i := 0; i < 3+g.r.IntN(6); i++ {
		first, last := g.h24name()
		em, ph, nid, ad := g.h24email(), g.h24phone(), g.h24nid(), g.h24addr()
		f.add(fmt.Sprintf("%d,%s,%s,%s,%d-%02d-%02d,%s,%s,%s,\"%s\",2", 1+i, g.pick("baseline_arm_1", "week_4_arm_1", "screening_arm_1"), first, last, 1950+g.r.IntN(55), 1+g.r.IntN(12), 1+g.r.IntN(28), em, ph, nid, ad), h15mail(em), h15tel(ph), h15id(nid), neutral("address", ad))
	}
}}

// ---- video surveillance ----

var h24ZMConf = template{"nvr", "zm.conf", func(g *gen, f *file) {
	f.add("# ZoneMinder database type: so far only mysql is supported")
	f.add("ZM_DB_TYPE=mysql")
	f.add("# ZoneMinder database hostname or ip address and optionally port or unix socket")
	f.add("ZM_DB_HOST=" + g.pick("localhost", g.h24host()))
	f.add("ZM_DB_NAME=zm")
	f.add("ZM_DB_USER=zmuser")
	pw, ps := g.h24ppv()
	f.add("ZM_DB_PASS="+pw, ps...)
	f.add("ZM_DB_SSL_CA_CERT=")
	f.add("")
	f.add("# /etc/zm/conf.d/03-custom.conf")
	hs, hss := g.h24gv()
	f.add("ZM_AUTH_HASH_SECRET="+hs, hss...)
	f.add("ZM_OPT_USE_AUTH=1")
	for i := 0; i < 1+g.r.IntN(3); i++ {
		cp := g.h24plain()
		f.add(fmt.Sprintf("# Monitor %d Path=rtsp://%s:%s@%s:554/Streaming/Channels/101", i+1, g.pick("admin", "viewer", "zm"), cp, g.privIP()), h15pw(cp))
	}
	em := g.h24email()
	f.add("ZM_EMAIL_ADDRESS="+em, h15mail(em))
	v := g.h24ver()
	f.add("# generated for zoneminder "+v, neutral("version", v))
}}

var h24ShinobiConf = template{"nvr", "shinobi-conf.json", func(g *gen, f *file) {
	f.add("{")
	f.add(`  "port": 8080,`)
	f.add(`  "passwordType": "sha256",`)
	f.add(`  "detectorMergePamRegionTriggers": true,`)
	f.add(`  "wallClockTimestampAsDefault": true,`)
	f.add(`  "addStorage": [{"name": "second", "path": "__DIR__/videos2"}],`)
	f.add(`  "db": {`)
	f.add(`    "host": "` + g.pick("127.0.0.1", g.h24host()) + `",`)
	f.add(`    "user": "majesticflame",`)
	pw, ps := g.h24ppv()
	f.add(`    "password": "`+pw+`",`, ps...)
	f.add(`    "database": "ccio",`)
	f.add(`    "port": 3306`)
	f.add(`  },`)
	em := g.h24email()
	mp := g.h24plain()
	f.add(`  "mail": {"service": "gmail", "auth": {"user": "`+em+`", "pass": "`+mp+`"}},`, h15mail(em), h15pw(mp))
	ck, cks := g.h24gv()
	f.add(`  "cron": {"key": "`+ck+`"},`, cks...)
	pk := g.s(alnum, 30)
	f.add(`  "pluginKeys": {"Motion": "`+pk+`"},`, h15gen(pk))
	f.add(`  "databaseType": "mysql"`)
	f.add("}")
}}

// ---- marine data ----

var h24SignalKSec = template{"signalk", "security.json", func(g *gen, f *file) {
	f.add("{")
	f.add(`  "allow_readonly": ` + g.pick("true", "false") + `,`)
	f.add(`  "expiration": "` + g.pick("1d", "NEVER", "7d") + `",`)
	sk := g.s(hexd, 64)
	f.add(`  "secretKey": "`+sk+`",`, h15gen(sk))
	f.add(`  "users": [`)
	for i := 0; i < 1+g.r.IntN(3); i++ {
		h := "$2a$10$" + g.s("./"+alnum, 53)
		sep := ","
		f.add(`    {"username": "`+g.pick("admin", "skipper", "crew", "nav")+fmt.Sprint(i)+`", "type": "`+g.pick("admin", "readwrite", "read")+`", "password": "`+h+`"}`+sep, neutral("hash", h))
	}
	f.add(`    {"username": "guest", "type": "read", "password": "` + "$2a$10$" + g.s("./"+alnum, 53) + `"}`)
	f.add(`  ],`)
	f.add(`  "devices": [`)
	cid := g.h5uuid()
	f.add(`    {"clientId": "`+cid+`", "permissions": "readwrite", "description": "`+g.pick("autopilot tablet", "wind display", "AIS bridge")+`"}`, neutral("id", cid))
	f.add(`  ],`)
	f.add(`  "immutableConfig": false,`)
	f.add(`  "acls": [],`)
	f.add(`  "allowDeviceAccessRequests": true,`)
	f.add(`  "allowNewUserRegistration": false`)
	f.add("}")
}}

var h24SignalKPlugins = template{"signalk", "plugin-config-data.json", func(g *gen, f *file) {
	f.add("{")
	f.add(`  "signalk-to-influxdb2": {`)
	f.add(`    "enabled": true,`)
	it := base64.URLEncoding.EncodeToString(g.h16bytes(64))
	f.add(`    "configuration": {"influxes": [{"url": "http://`+g.privIP()+`:8086", "token": "`+it+`", "org": "`+g.pick("haifa-marine", "boat")+`", "bucket": "signalk"}]}`, h15gen(it))
	f.add(`  },`)
	f.add(`  "signalk-anchoralarm-plugin": {`)
	f.add(`    "enabled": true,`)
	uk, at := g.s(lower+digits, 30), g.s(lower+digits, 30)
	f.add(`    "configuration": {"pushover": {"userKey": "`+uk+`", "apiToken": "`+at+`"}, "radius": 40}`, neutral("id", uk), h15gen(at))
	f.add(`  },`)
	f.add(`  "signalk-openweather": {`)
	ow, ows := g.h24gv()
	f.add(`    "configuration": {"apiKey": "`+ow+`", "interval": 15}`, ows...)
	f.add(`  },`)
	f.add(`  "vessel": {`)
	mmsi := g.pick("235", "211", "428", "244") + g.s(digits, 6)
	f.add(`    "mmsi": "`+mmsi+`",`, neutral("id", mmsi))
	f.add(`    "name": "` + g.pick("Aroha", "Kernow Star", "Salonika", "Tāne") + `",`)
	first, last := g.h24name()
	ph, em := g.h24phone(), g.h24email()
	f.add(`    "owner": {"name": "`+first+` `+last+`", "phone": "`+ph+`", "email": "`+em+`"}`, h15tel(ph), h15mail(em))
	f.add(`  }`)
	f.add("}")
}}

// ---- music servers ----

var h24Mopidy = template{"music", "mopidy.conf", func(g *gen, f *file) {
	f.add("[core]")
	f.add("cache_dir = $XDG_CACHE_DIR/mopidy")
	f.add("data_dir = $XDG_DATA_DIR/mopidy")
	f.add("")
	f.add("[spotify]")
	f.add("enabled = true")
	cid := g.h5uuid()
	f.add("client_id = "+cid, neutral("id", cid))
	cs := base64.StdEncoding.EncodeToString(g.h16bytes(33))
	f.add("client_secret = "+cs, h15gen(cs))
	f.add("")
	f.add("[scrobbler]")
	f.add("username = " + g.pick("wytske", "aroha_music", "jory"))
	sp, sps := g.h24pv()
	f.add("password = "+sp, sps...)
	f.add("")
	f.add("[mpd]")
	f.add("hostname = ::")
	mp, mps := g.h24ppv()
	f.add("password = "+mp, mps...)
	f.add("")
	f.add("[youtube]")
	yk := "AIza" + g.s(urlb64, 35)
	f.add("youtube_api_key = "+yk, secret("google", yk))
	f.add("")
	f.add("[subidy]")
	f.add("url = https://music." + g.pick(h24orgs...))
	f.add("username = " + g.h24user())
	su := g.h24plain()
	f.add("password = "+su, h15pw(su))
	f.add("")
	f.add("[http]")
	f.add("hostname = 0.0.0.0")
	f.add("port = 6680")
}}

var h24Navidrome = template{"music", "navidrome.toml", func(g *gen, f *file) {
	f.add(`MusicFolder = "/music"`)
	f.add(`DataFolder = "/var/lib/navidrome"`)
	f.add(`LogLevel = "` + g.pick("info", "debug", "warn") + `"`)
	f.add(`ScanSchedule = "@every 24h"`)
	f.add(`EnableSharing = ` + g.pick("true", "false"))
	pk, pks := g.h24gv()
	if pk == "" {
		pk, pks = g.h24rand(), nil
		pks = append(pks, h15gen(pk))
	}
	f.add(`PasswordEncryptionKey = "`+pk+`"`, pks...)
	lk := g.s(hexd, 32)
	f.add(`LastFM.ApiKey = "`+lk+`"`, h15gen(lk))
	ls := g.s(hexd, 32)
	f.add(`LastFM.Secret = "`+ls+`"`, h15gen(ls))
	sid := g.s(hexd, 32)
	f.add(`Spotify.ID = "`+sid+`"`, neutral("id", sid))
	ss := g.s(hexd, 32)
	f.add(`Spotify.Secret = "`+ss+`"`, h15gen(ss))
	ap, aps := g.h24pv()
	f.add(`DevAutoCreateAdminPassword = "`+ap+`"`, aps...)
	f.add(`ReverseProxyWhitelist = "` + g.privIP() + `/32"`)
	em := g.h24email()
	f.add(`# admin contact `+em, h15mail(em))
}}

// ---- school information systems ----

var h24PSPlugin = template{"sis", "plugin.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<plugin xmlns="http://plugin.powerschool.pearson.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://plugin.powerschool.pearson.com plugin.xsd" name="` + g.pick("Transport Sync", "Library Roster", "Lunch Accounts") + `" version="` + g.h24ver() + `" description="Nightly sync">`)
	f.add(`  <publisher name="` + g.pick("Kampala Schools IT", "Rotorua Kura Tech", "Cagliari Scuole") + `">`)
	em := g.h24email()
	f.add(`    <contact email="`+em+`"/>`, h15mail(em))
	f.add(`  </publisher>`)
	f.add(`  <oauth></oauth>`)
	f.add(`  <access_request>`)
	for _, fl := range []string{"STUDENTS.DOB", "STUDENTS.HOME_PHONE", "STUDENTS.STREET", "U_DEF_EXT_STUDENTS.BUS_ROUTE"} {
		p := strings.Split(fl, ".")
		f.add(`    <field table="` + p[0] + `" field="` + p[1] + `" access="ViewOnly"/>`)
	}
	f.add(`  </access_request>`)
	cid := g.h5uuid()
	f.add(`  <!-- test server credentials: client_id=`+cid+` -->`, neutral("id", cid))
	cs := g.h5uuid()
	f.add(`  <!-- client_secret=`+cs+` (rotate after go-live) -->`, h15gen(cs))
	if g.r.IntN(2) == 0 {
		ph := g.h24phone()
		f.add(`  <!-- support line `+ph+` -->`, h15tel(ph))
	}
	f.add(`</plugin>`)
}}

var h24PSExport = template{"sis", "student_export.txt", func(g *gen, f *file) {
	f.add("Student_Number\tLastFirst\tDOB\tGrade_Level\tMother_Email\tHome_Phone\tStreet\tState_StudentNumber")
	for i := 0; i < 3+g.r.IntN(6); i++ {
		first, last := g.h24name()
		em, ph, ad, nid := g.h24email(), g.h24phone(), g.h24addr(), g.h24nid()
		f.add(fmt.Sprintf("%d\t%s, %s\t%02d/%02d/%d\t%d\t%s\t%s\t%s\t%s", 20000+g.r.IntN(9000), last, first, 1+g.r.IntN(12), 1+g.r.IntN(28), 2008+g.r.IntN(12), 1+g.r.IntN(12), em, ph, ad, nid), h15mail(em), h15tel(ph), neutral("address", ad), h15id(nid))
	}
}}

// ---- prose ----

type h24lang struct {
	code, hello, tel, mail, pw, card, iban, id string
}

// h24say is one utterance of a language carrying personal data or a password (plants
// labelled), or a placeholder password (unlabelled).
func (g *gen) h24say(l h24lang) (string, []plant) {
	switch g.r.IntN(8) {
	case 0, 1:
		ph := g.h24phone()
		return l.hello + " " + l.tel + " " + ph, []plant{h15tel(ph)}
	case 2:
		em := g.h24email()
		return l.mail + " " + em, []plant{h15mail(em)}
	case 3:
		pw := g.h24pass()
		return l.pw + " " + pw, []plant{h15pw(pw)}
	case 4:
		c := g.card(g.r.IntN(2) == 0)
		return l.card + " " + c, []plant{h15cc(c)}
	case 5:
		ib := g.h24iban()
		if g.r.IntN(2) == 0 {
			ib = groupsOf4(ib)
		}
		return l.iban + " " + ib, []plant{h15ib(ib)}
	case 6:
		id := g.h24nid()
		return l.id + " " + id, []plant{h15id(id)}
	}
	return l.pw + " " + g.pick("********", "(sent separately)", "<in the SMS>", "—"), nil
}

var h24vetA = []h24lang{
	{"syr", "ܫܠܡܐ، ܟܠܒܐ ܕܝܠܝ ܟܪܝܗ ܗܘ.", "ܡܢܝܢܐ ܕܬܠܝܦܘܢ ܕܝܠܝ:", "ܒܪܝܕܐ ܐܠܩܛܪܘܢܝܐ ܕܝܠܝ:", "ܡܠܬܐ ܕܟܣܝܘܬܐ ܕܦܘܪܬܠ:", "ܡܢܝܢܐ ܕܟܪܛܝܣܐ:", "IBAN ܕܝܠܝ:", "ܡܢܝܢܐ ܕܗܘܝܬܐ:"},
	{"rm", "Allegra! Noss chaun è malsaun, pudain nus vegnir damaun?", "Mes numer da telefon:", "Mia adressa d'e-mail:", "Il pled-clav dal portal è", "Mia carta da credit:", "Per la restituziun, IBAN:", "Mes numer AHV/ID:"},
	{"tn", "Dumela! Ntša ya me e a lwala, a re ka tla kamoso?", "Nomoro ya me ya mogala ke", "Imeile ya me ke", "Lefoko la sephiri la portal ke", "Nomoro ya karata ya me ke", "Go busetsa madi, IBAN:", "Nomoro ya boitshupo ke"},
	{"ban", "ᬒᬁᬲ᭄ᬯᬲ᭄ᬢ᭄ᬬᬲ᭄ᬢᬸ, asu tiange sungkan, dados rauh benjang?", "Nomer telepon tiange:", "Surel tiange:", "Kata sandi portal:", "Nomer kartu:", "Anggen ngwaliang jinah, IBAN:", "Nomer identitas:"},
}

var h24vetB = []h24lang{
	{"lad", "שאלום! מי פירו איסטה חאזינו, פואידימוס ביניר מאנייאנה?", "מי נומירו די טילים:", "מי אימייל:", "לה פאלאבדה סיקריטה דיל פורטאל:", "מי קארטה די קרידיטו:", "פארה טורנאר לה פלאטה, IBAN:", "מי נומירו די אידינטידאד:"},
	{"fy", "Goeie! Us hûn is siik, kinne wy moarn komme?", "Myn telefoannûmer:", "Myn e-mailadres:", "It wachtwurd fan it portaal is", "Myn kredytkaart:", "Werom op IBAN:", "Myn BSN:"},
	{"mi", "Kia ora! Kei te māuiui taku kurī, ka taea e mātou te haere mai āpōpō?", "Ko taku nama waea:", "Ko taku īmēra:", "Ko te kupuhipa mō te tomokanga:", "Ko taku kāri nama:", "Whakahokia ki te IBAN:", "Ko taku nama IRD:"},
	{"ny", "Moni! Galu wanga akudwala, tingabwere mawa?", "Nambala yanga ya foni ndi", "Imelo yanga ndi", "Mawu achinsinsi a portal ndi", "Nambala ya khadi langa:", "Kubweza ndalama, IBAN:", "Nambala ya chiphaso:"},
}

var h24drvA = []h24lang{
	{"oc", "Adieu! Lo client a oblidat son telefòn dins la veitura.", "Son numèro:", "Adreça electronica:", "Lo senhal del compte es", "Carta bancària:", "Remborsament sus IBAN:", "Numèro d'identitat:"},
	{"co", "Bonghjornu! U cliente hà lasciatu u so telefuninu in vittura.", "U so numeru:", "Indirizzu e-mail:", "A parolla d'intrata hè", "Carta di creditu:", "Rimborsu nant'à l'IBAN:", "Numeru d'identità:"},
	{"st", "Dumela! Moeti o lebetse fono ya hae koloing.", "Nomoro ya hae ke", "Imeile ya hae ke", "Phasewete ya akhaonto ke", "Karete ya banka:", "Ho kgutlisetsa tjhelete, IBAN:", "Nomoro ya boitsebiso:"},
	{"kw", "Dydh da! An passenjer a ankevis y bellgowser y'n karr.", "Y niver:", "E-bost:", "Ger-tremena an akont yw", "Karten gresys:", "Attal dhe'n IBAN:", "Niver aswonvos:"},
	{"lg", "Gyebale ko! Omusaabaze yerabidde essimu ye mu mmotoka.", "Ennamba ye:", "Email ye:", "Ekigambo ky'ekyama kya akawunti:", "Kaadi ye eya bbanka:", "Okuzzaayo ssente ku IBAN:", "Ennamba y'endagamuntu:"},
}

var h24drvB = []h24lang{
	{"sc", "Salude! Su passizeri at iscarèsciu su telèfonu in sa màchina.", "Su nùmeru:", "Posta eletrònica:", "Sa paràula segreta de su contu est", "Carta de crèditu:", "Torrare su dinari a s'IBAN:", "Nùmeru de identidade:"},
	{"gv", "Moghrey mie! Ta'n fer-shiaulee er jarrood e chellvane 'sy charr.", "E earroo:", "Post-l:", "Yn fockle follit:", "Kaart creidjys:", "Cur yn argid er ash gys IBAN:", "Earroo enney:"},
	{"ki", "Wĩ mwega! Mũthabiri nĩ ariganĩirwo nĩ thimũ yake ngaarĩ-inĩ.", "Namba yake:", "Imeili:", "Kiugo kĩa hitho kĩa akaunti:", "Kadi ya banki:", "Gũcookia mbeeca IBAN:", "Namba ya kĩbandi:"},
	{"ay", "Kamisaki! Pasajirux telefonop carron armasi.", "Jupan numeropa:", "Correo:", "Imata aru:", "Tarjeta:", "Qullqi kutt'ayañataki IBAN:", "Identidad numero:"},
	{"bi", "Halo! Pasenja i fogetem fon blong hem long trak.", "Namba blong hem:", "Imel:", "Pasword blong akaon blong hem", "Kad blong bank:", "Sanem mane i go bak long IBAN:", "Namba blong aedentiti:"},
}

var h24VetJSON = template{"vet-messages", "clinic_messages.json", func(g *gen, f *file) {
	f.add("{")
	f.add(`  "clinic": "` + g.pick("Ubud Vet Care", "Tierarztpraxis Chur", "Gaborone Animal Clinic", "Klinik Hewan Sanur") + `",`)
	f.add(`  "exported_at": "` + g.h24ts() + `",`)
	f.add(`  "messages": [`)
	n := 4 + g.r.IntN(6)
	for i := 0; i < n; i++ {
		l := h24vetA[g.r.IntN(len(h24vetA))]
		txt, ps := g.h24say(l)
		sep := ","
		if i == n-1 && g.r.IntN(3) > 0 {
			sep = ""
		}
		f.add(fmt.Sprintf(`    {"id": %d, "lang": "%s", "ts": "%s", "text": "%s"}%s`, 9000+i, l.code, g.h24ts(), txt, sep), ps...)
		if sep == "" {
			break
		}
		if i == n-1 {
			tk, tks := g.h24tok()
			f.add(`    {"id": 0, "lang": "en", "ts": "`+g.h24ts()+`", "text": "staff note: SMS gateway key `+tk+`"}`, tks)
		}
	}
	f.add(`  ]`)
	f.add("}")
}}

var h24VetLog = template{"vet-messages", "sms_log.txt", func(g *gen, f *file) {
	f.add("=== SMS log, " + g.pick("Dierenklinyk Ljouwert", "Rotorua Vets", "Zomba Animal Care") + ", exported " + g.h24date() + " ===")
	for i := 0; i < 5+g.r.IntN(6); i++ {
		l := h24vetB[g.r.IntN(len(h24vetB))]
		txt, ps := g.h24say(l)
		f.add(fmt.Sprintf("[%s %02d:%02d] (%s) %s", g.h24date(), g.r.IntN(24), g.r.IntN(60), l.code, txt), ps...)
	}
	pw := g.h24pass()
	f.add("[staff] reminder: front desk login is frontdesk / "+pw, h15pw(pw))
	id := g.h5uuid()
	f.add("--- export id "+id+" ---", neutral("id", id))
}}

var h24DriverXML = template{"driver-support", "support_export.xml", func(g *gen, f *file) {
	f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
	f.add(`<supportExport generated="` + g.h24ts() + `" region="` + g.pick("Tolosa", "Bastia", "Maseru", "Kernow", "Kampala") + `">`)
	for i := 0; i < 2+g.r.IntN(3); i++ {
		first, last := g.h24name()
		f.add(fmt.Sprintf(`  <ticket id="%d" driver="%s %s" channel="%s">`, 40000+g.r.IntN(9999), first, last, g.pick("app", "phone", "email")))
		for j := 0; j < 1+g.r.IntN(3); j++ {
			l := h24drvA[g.r.IntN(len(h24drvA))]
			txt, ps := g.h24say(l)
			txt = strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(txt)
			f.add(`    <note lang="`+l.code+`">`+txt+`</note>`, ps...)
		}
		f.add(`  </ticket>`)
	}
	tk, tks := g.h24tok()
	f.add(`  <!-- integration: dispatch API token `+tk+` -->`, tks)
	f.add(`</supportExport>`)
}}

var h24DriverMD = template{"driver-support", "shift_notes.md", func(g *gen, f *file) {
	f.add("# Driver support — shift notes " + g.h24date())
	f.add("")
	for i := 0; i < 2+g.r.IntN(3); i++ {
		l := h24drvB[g.r.IntN(len(h24drvB))]
		f.add(fmt.Sprintf("## Ticket %d (%s)", 40000+g.r.IntN(9999), l.code))
		f.add("")
		for j := 0; j < 1+g.r.IntN(3); j++ {
			txt, ps := g.h24say(l)
			f.add("- "+txt, ps...)
		}
		f.add("")
	}
	pw := g.h24pass()
	f.add("> Shared dispatch console password this week: `"+pw+"`", h15pw(pw))
	b := g.s(hexd, 7)
	f.add("_build "+b+"_", neutral("id", b))
}}
