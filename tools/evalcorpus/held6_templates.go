package main

import (
	"encoding/base64"
	"fmt"
	"html"
	"net/url"
	"strings"
)

var held6Templates = []template{
	{"mobile", "AndroidManifest.xml", func(g *gen, f *file) {
		f.add(`<?xml version="1.0" encoding="utf-8"?>`)
		f.add(`<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.` + g.pick("shopline", "ridego", "medibook") + `.app">`)
		f.add(`    <uses-permission android:name="android.permission.INTERNET" />`)
		f.add(`    <application android:name=".App" android:label="@string/app_name">`)
		k := "AIza" + g.s(urlb64, 35)
		f.add(`        <meta-data android:name="com.google.android.geo.API_KEY" android:value="`+k+`" />`, secret("google", k))
		n, v, p := g.h6tok()
		f.add(`        <meta-data android:name="io.vendor.`+strings.ToLower(n)+`" android:value="`+v+`" />`, p)
		f.add(`        <meta-data android:name="com.facebook.sdk.ApplicationId" android:value="@string/facebook_app_id" />`)
		f.add(`        <meta-data android:name="io.sentry.dsn" android:value="https://` + g.s(hexd, 32) + `@o` + g.s(digits, 6) + `.ingest.sentry.io/` + g.s(digits, 7) + `" />`)
		neg := g.h6neg()
		f.add(`        <meta-data android:name="com.vendor.analytics.KEY" android:value="` + neg + `" />`)
		f.add(`    </application>`)
		f.add(`</manifest>`)
	}},
	{"mobile", "Info.plist", func(g *gen, f *file) {
		f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
		f.add(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">`)
		f.add(`<plist version="1.0">`)
		f.add(`<dict>`)
		f.add(`	<key>CFBundleIdentifier</key>`)
		f.add(`	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>`)
		for i := 0; i < 2+g.r.IntN(2); i++ {
			n, v, p := g.h6tok()
			f.add(`	<key>` + n + `</key>`)
			f.add(`	<string>`+v+`</string>`, p)
		}
		f.add(`	<key>GADApplicationIdentifier</key>`)
		f.add(`	<string>ca-app-pub-` + g.s(digits, 16) + `~` + g.s(digits, 10) + `</string>`)
		f.add(`	<key>BackendPassword</key>`)
		bn := g.h6neg()
		f.add(`	<string>`+bn+`</string>`, h6negSlot(bn)...)
		f.add(`</dict>`)
		f.add(`</plist>`)
	}},
	{"mobile", "res/values/strings.xml", func(g *gen, f *file) {
		f.add(`<resources>`)
		f.add(`    <string name="app_name">` + g.pick("Piatto", "Zamów", "ĐặtXe") + `</string>`)
		v, p := g.h6prefixed()
		f.add(`    <string name="backend_token" translatable="false">`+v+`</string>`, p)
		pw := g.h6pass()
		f.add(`    <string name="debug_admin_password" translatable="false">`+html.EscapeString(pw)+`</string>`, h6pw(html.EscapeString(pw)))
		e := g.h6email()
		f.add(`    <string name="support_contact">Scrivici a `+e+`</string>`, h6mail(e))
		f.add(`    <string name="placeholder_key">` + g.pick("YOUR_API_KEY", "xxxxxxxx", "TODO") + `</string>`)
		f.add(`</resources>`)
	}},
	{"mobile", "gradle.properties", func(g *gen, f *file) {
		f.add("org.gradle.jvmargs=-Xmx4g -Dfile.encoding=UTF-8")
		f.add("android.useAndroidX=true")
		pw := g.h6pass()
		f.add("RELEASE_STORE_PASSWORD="+pw, h6pw(pw))
		pw2 := g.h6pass()
		f.add("RELEASE_KEY_PASSWORD="+pw2, h6pw(pw2))
		f.add("RELEASE_KEY_ALIAS=upload")
		u := g.h6user()
		tok := g.s(alnum, 36)
		f.add("mavenCentralUsername=" + u)
		f.add("mavenCentralPassword="+tok, h6pw(tok))
		f.add("signing.keyId=" + strings.ToUpper(g.s(hexd, 8)))
		sn := g.h6neg()
		f.add("signing.password="+sn, h6negSlot(sn)...)
	}},
	{"mobile", "google-services.json", func(g *gen, f *file) {
		k := "AIza" + g.s(urlb64, 35)
		f.add(`{`)
		f.add(`  "project_info": {`)
		f.add(`    "project_number": "` + g.s(digits, 12) + `",`)
		f.add(`    "project_id": "` + g.pick("kedai", "giaohang", "sklep") + "-" + g.s(h5lowerD, 5) + `",`)
		f.add(`    "storage_bucket": "` + g.s(h5lowerD, 8) + `.appspot.com"`)
		f.add(`  },`)
		f.add(`  "client": [{`)
		f.add(`    "client_info": {"mobilesdk_app_id": "1:` + g.s(digits, 12) + `:android:` + g.s(hexd, 16) + `"},`)
		f.add(`    "oauth_client": [{"client_id": "` + g.s(digits, 12) + `-` + g.s(h5lowerD, 32) + `.apps.googleusercontent.com", "client_type": 3}],`)
		f.add(`    "api_key": [{"current_key": "`+k+`"}]`, secret("google", k))
		f.add(`  }]`)
		f.add(`}`)
	}},
	{"iac", "cloudformation.yaml", func(g *gen, f *file) {
		f.add("AWSTemplateFormatVersion: '2010-09-09'")
		f.add("Parameters:")
		f.add("  DbPassword:")
		f.add("    Type: String")
		f.add("    NoEcho: true")
		pw := g.h6pass()
		f.add("    Default: '"+pw+"'", h6pw(pw))
		f.add("Resources:")
		f.add("  Fn:")
		f.add("    Type: AWS::Lambda::Function")
		f.add("    Properties:")
		f.add("      Environment:")
		f.add("        Variables:")
		n, v, p := g.h6tok()
		f.add("          "+strings.ToUpper(n)+": "+v, p)
		f.add("          DB_URL: !Sub 'postgres://app:${DbPassword}@${Db.Endpoint.Address}:5432/app'")
		f.add("          SECRET_REF: '" + g.pick("{{resolve:secretsmanager:prod/api:SecretString:key}}", "{{resolve:ssm-secure:/prod/db/password:1}}") + "'")
		hs := g.h6neg()
		f.add("          HASH_SEED: "+hs, h6negSlot(hs)...)
	}},
	{"iac", "template.json", func(g *gen, f *file) {
		n, v, p := g.h6tok()
		pw := g.h6pass()
		f.add(`{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{`)
		f.add(`  "Name": "web",`)
		f.add(`  "Environment": [`)
		f.add(`    {"Name": "`+strings.ToUpper(n)+`", "Value": "`+v+`"},`, p)
		f.add(`    {"Name": "SPRING_DATASOURCE_PASSWORD", "Value": "`+pw+`"},`, h6pw(pw))
		f.add(`    {"Name": "API_KEY", "Value": {"Fn::Sub": "{{resolve:secretsmanager:${Env}/api}}"}},`)
		f.add(`    {"Name": "BUILD_SHA", "Value": "` + g.s(hexd, 40) + `"}`)
		f.add(`  ]}]}}}}`)
	}},
	{"iac", "Pulumi.prod.yaml", func(g *gen, f *file) {
		f.add("encryptionsalt: v1:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 8))) + ":v1:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 12))) + ":" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 30))))
		f.add("config:")
		f.add("  aws:region: eu-central-1")
		f.add("  app:dbPassword:")
		f.add("    secure: v1:" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 12))) + ":" + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 40))))
		n, v, p := g.h6tok()
		f.add("  app:"+strings.ToLower(n[:1])+n[1:]+": "+v, p)
		pw := g.h6pass()
		f.add("  app:adminPassword: \""+pw+"\"", h6pw(pw))
	}},
	{"iac", "main.bicepparam", func(g *gen, f *file) {
		f.add("using './main.bicep'")
		f.add("param location = 'westeurope'")
		pw := g.h6pass()
		f.add("param sqlAdministratorLoginPassword = '"+pw+"'", h6pw(pw))
		k := g.s(b64, 86) + "=="
		f.add("param storageConnection = 'DefaultEndpointsProtocol=https;AccountName="+g.s(h5lowerD, 10)+";AccountKey="+k+";EndpointSuffix=core.windows.net'", secret("azure", k))
		f.add("param kvSecret = az.getSecret('" + g.h5uuid() + "', 'rg-prod', 'kv-prod', 'sql-password')")
		f.add("param instrumentationKey = '" + g.h5uuid() + "'")
	}},
	{"iac", "serverless.yml", func(g *gen, f *file) {
		f.add("service: " + g.pick("orders-api", "notify", "ingest"))
		f.add("provider:")
		f.add("  name: aws")
		f.add("  runtime: nodejs20.x")
		f.add("  environment:")
		n, v, p := g.h6tok()
		f.add("    "+strings.ToUpper(n)+": "+v, p)
		f.add("    DB_PASSWORD: ${ssm:/prod/db/password}")
		f.add("    STRIPE_KEY: ${env:STRIPE_KEY}")
		pw := g.h6pass()
		f.add("    MONGO_URI: mongodb://api:"+url.QueryEscape(pw)+"@"+g.h6host()+":27017/app", h6pw(url.QueryEscape(pw)))
		sa := g.h6neg()
		f.add("    SALT: "+sa, h6negSlot(sa)...)
	}},
	{"iac", "samconfig.toml", func(g *gen, f *file) {
		f.add("version = 0.1")
		f.add("[default.deploy.parameters]")
		f.add(`stack_name = "` + g.pick("sam-app", "billing") + `"`)
		n, v, p := g.h6tok()
		pw := g.h6pass()
		f.add(`parameter_overrides = "Stage=prod `+n+`=`+v+` DbPass=`+pw+`"`, p, h6pw(pw))
		f.add(`s3_prefix = "sam-app"`)
	}},
	{"cfgmgmt", "pillar/db.sls", func(g *gen, f *file) {
		f.add("postgres:")
		f.add("  users:")
		for i := 0; i < 2; i++ {
			pw := g.h6pass()
			f.add("    " + g.h6user() + ":")
			f.add("      password: '"+pw+"'", h6pw(pw))
		}
		f.add("  replication_password: {{ salt['vault'].read_secret('db/repl')['pw'] }}")
		n, v, p := g.h6tok()
		f.add("monitoring:")
		f.add("  "+strings.ToLower(n)+": "+v, p)
	}},
	{"cfgmgmt", "hieradata/common.yaml", func(g *gen, f *file) {
		f.add("---")
		f.add("profile::db::root_password: >")
		f.add("    ENC[PKCS7," + base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 60))) + "]")
		pw := g.h6pass()
		f.add("profile::mq::admin_password: '"+pw+"'", h6pw(pw))
		n, v, p := g.h6tok()
		f.add("profile::alerts::"+strings.ToLower(n)+": '"+v+"'", p)
		e := g.h6email()
		f.add("profile::alerts::oncall_email: '"+e+"'", h6mail(e))
		f.add("profile::web::session_secret: '%{lookup(\"vault_session\")}'")
	}},
	{"cfgmgmt", "data_bags/creds/prod.json", func(g *gen, f *file) {
		pw := g.h6pass()
		n, v, p := g.h6tok()
		f.add(`{`)
		f.add(`  "id": "prod",`)
		f.add(`  "mysql_root": "`+pw+`",`, h6pw(pw))
		f.add(`  "`+strings.ToLower(n)+`": "`+v+`",`, p)
		f.add(`  "deploy_key_fingerprint": "SHA256:` + g.s(b64, 43) + `"`)
		f.add(`}`)
	}},
	{"cfgmgmt", "Vagrantfile", func(g *gen, f *file) {
		f.add(`Vagrant.configure("2") do |config|`)
		f.add(`  config.vm.box = "debian/bookworm64"`)
		pw := g.h6pass()
		f.add(`  config.vm.provision "shell", inline: "echo 'root:`+pw+`' | chpasswd"`, h6pw(pw))
		n, v, p := g.h6tok()
		f.add(`  config.vm.provision "shell", env: {"`+strings.ToUpper(n)+`" => "`+v+`"}, path: "bootstrap.sh"`, p)
		f.add(`  config.vm.provider "virtualbox" do |vb|`)
		f.add(`    vb.memory = "2048"`)
		f.add(`  end`)
		f.add(`end`)
	}},
	{"proxy", "Caddyfile", func(g *gen, f *file) {
		f.add(g.pick("api", "admin", "grafana") + ".example.net {")
		f.add("  basicauth /admin/* {")
		f.add("    ops $2a$14$" + g.s(alnum+"./", 53))
		f.add("  }")
		n, v, p := g.h6tok()
		_ = n
		f.add("  reverse_proxy localhost:8080 {")
		f.add("    header_up Authorization \"Bearer "+v+"\"", p)
		f.add("  }")
		te := g.h6email()
		f.add("  tls "+te, h6mail(te))
		f.add("}")
	}},
	{"proxy", "traefik-dynamic.yml", func(g *gen, f *file) {
		f.add("http:")
		f.add("  middlewares:")
		f.add("    auth:")
		f.add("      basicAuth:")
		f.add("        users:")
		f.add("          - \"admin:$apr1$" + g.s(alnum, 8) + "$" + g.s(alnum+"./", 22) + "\"")
		f.add("    upstream-key:")
		f.add("      headers:")
		f.add("        customRequestHeaders:")
		v, p := g.h6prefixed()
		f.add("          X-Api-Key: \""+v+"\"", p)
		f.add("  serversTransports:")
		f.add("    mtls:")
		f.add("      certificates:")
		f.add("        - certFile: /certs/client.crt")
	}},
	{"proxy", "envoy.yaml", func(g *gen, f *file) {
		f.add("static_resources:")
		f.add("  clusters:")
		f.add("  - name: upstream")
		f.add("    typed_extension_protocol_options: {}")
		f.add("  listeners:")
		f.add("  - name: edge")
		f.add("    filter_chains:")
		f.add("    - filters:")
		f.add("      - name: envoy.filters.network.http_connection_manager")
		f.add("        typed_config:")
		f.add("          request_headers_to_add:")
		f.add("          - header:")
		f.add("              key: authorization")
		v, p := g.h6prefixed()
		f.add("              value: \"Bearer "+v+"\"", p)
		f.add("          - header: {key: x-trace-id, value: \"" + g.s(hexd, 32) + "\"}")
	}},
	{"framework", "kafka_server_jaas.conf", func(g *gen, f *file) {
		pw, pw2 := g.h6pass(), g.h6pass()
		f.add("KafkaServer {")
		f.add("   org.apache.kafka.common.security.plain.PlainLoginModule required")
		f.add(`   username="admin"`)
		f.add(`   password="`+pw+`"`, h6pw(pw))
		f.add(`   user_admin="`+pw+`"`, h6pw(pw))
		f.add(`   user_`+g.pick("producer", "connect")+`="`+pw2+`";`, h6pw(pw2))
		f.add("};")
		f.add("Client {")
		f.add("   org.apache.zookeeper.server.auth.DigestLoginModule required")
		f.add(`   username="kafka"`)
		f.add(`   password="${file:/etc/kafka/secrets.properties:zk.password}";`)
		f.add("};")
	}},
	{"framework", "application-prod.yml", func(g *gen, f *file) {
		pw := g.h6pass()
		f.add("spring:")
		f.add("  datasource:")
		f.add("    url: jdbc:sqlserver://" + g.h6host() + ":1433;databaseName=orders;encrypt=true")
		f.add("    username: " + g.h6user())
		f.add("    password: "+pw, h6pw(pw))
		f.add("  mail:")
		e := g.h6email()
		f.add("    username: "+e, h6mail(e))
		f.add("    password: ${MAIL_PASSWORD:}")
		f.add("app:")
		n, v, p := g.h6tok()
		f.add("  "+strings.ToLower(strings.ReplaceAll(n, "_", "-"))+": "+v, p)
		js := base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 48)))
		f.add("  jwt-secret: "+js, h6gen(js))
	}},
	{"framework", "hibernate.cfg.xml", func(g *gen, f *file) {
		pw := g.h6pass()
		f.add(`<!DOCTYPE hibernate-configuration PUBLIC "-//Hibernate/Hibernate Configuration DTD 3.0//EN" "http://www.hibernate.org/dtd/hibernate-configuration-3.0.dtd">`)
		f.add(`<hibernate-configuration><session-factory>`)
		f.add(`  <property name="hibernate.connection.url">jdbc:oracle:thin:@//` + g.h6host() + `:1521/ORCLPDB1</property>`)
		f.add(`  <property name="hibernate.connection.username">` + g.h6user() + `</property>`)
		f.add(`  <property name="hibernate.connection.password">`+html.EscapeString(pw)+`</property>`, h6pw(html.EscapeString(pw)))
		f.add(`  <property name="hibernate.dialect">org.hibernate.dialect.OracleDialect</property>`)
		f.add(`</session-factory></hibernate-configuration>`)
	}},
	{"framework", "config/database.yml", func(g *gen, f *file) {
		pw := g.h6pass()
		f.add("default: &default")
		f.add("  adapter: postgresql")
		f.add("  pool: <%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>")
		f.add("development:")
		f.add("  <<: *default")
		f.add("  password: <%= ENV['DEV_DB_PASSWORD'] %>")
		f.add("production:")
		f.add("  <<: *default")
		f.add("  host: " + g.h6host())
		f.add("  username: " + g.h6user())
		f.add("  password: "+pw, h6pw(pw))
	}},
	{"framework", "credentials.yml.dec", func(g *gen, f *file) {
		skb := g.s(hexd, 128)
		f.add("secret_key_base: "+skb, h6gen(skb))
		n, v, p := g.h6tok()
		f.add("aws:")
		f.add("  access_key_id: " + g.pick("AKIAIOSFODNN7EXAMPLE", "<%= ENV['AWS_KEY'] %>"))
		f.add(strings.ToLower(n)+": "+v, p)
		f.add("active_record_encryption:")
		pk := g.s(alnum, 32)
		f.add("  primary_key: "+pk, h6gen(pk))
	}},
	{"framework", "settings.py", func(g *gen, f *file) {
		sk := "django-insecure-" + g.s("abcdefghijklmnopqrstuvwxyz0123456789!@#%^&*(-_=+)", 50)
		f.add("import os")
		f.add("SECRET_KEY = '"+sk+"'", h6gen(sk))
		pw := g.h6pass()
		f.add("DATABASES = {")
		f.add("    'default': {")
		f.add("        'ENGINE': 'django.db.backends.postgresql',")
		f.add("        'HOST': '" + g.h6host() + "',")
		f.add("        'PASSWORD': '"+pw+"',", h6pw(pw))
		f.add("    }")
		f.add("}")
		pw2 := g.h6pass()
		f.add("EMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '"+pw2+"')", h6pw(pw2))
		f.add("SENTRY_DSN = os.getenv('SENTRY_DSN')")
		e := g.h6email()
		f.add("ADMINS = [('"+strings.Title(strings.SplitN(e, "@", 2)[0])+"', '"+e+"')]", h6mail(e))
	}},
	{"framework", "config/database.php", func(g *gen, f *file) {
		pw := g.h6pass()
		f.add("<?php")
		f.add("return [")
		f.add("    'default' => env('DB_CONNECTION', 'mysql'),")
		f.add("    'connections' => [")
		f.add("        'mysql' => [")
		f.add("            'host' => env('DB_HOST', '" + g.h6host() + "'),")
		f.add("            'username' => env('DB_USERNAME', 'forge'),")
		f.add("            'password' => env('DB_PASSWORD', '"+pw+"'),", h6pw(pw))
		f.add("        ],")
		f.add("        'redis' => ['password' => env('REDIS_PASSWORD', null)],")
		f.add("    ],")
		f.add("];")
	}},
	{"framework", "laravel.env", func(g *gen, f *file) {
		f.add("APP_NAME=Laravel")
		ak := "base64:" + b64s(g.s(alnum, 32))
		f.add("APP_KEY="+ak, h6gen(ak))
		pw := g.h6pass()
		f.add("DB_PASSWORD="+pw, h6pw(pw))
		f.add("MAIL_PASSWORD=null")
		n, v, p := g.h6tok()
		f.add(strings.ToUpper(n)+"="+v, p)
		f.add("PUSHER_APP_SECRET=")
		f.add("VITE_PUSHER_APP_KEY=\"${PUSHER_APP_KEY}\"")
	}},
	{"framework", "wp-config.php", func(g *gen, f *file) {
		pw := g.h6pass()
		f.add("<?php")
		f.add("define( 'DB_NAME', 'wp_" + g.s(lower, 5) + "' );")
		f.add("define( 'DB_USER', '" + g.h6user() + "' );")
		f.add("define( 'DB_PASSWORD', '"+pw+"' );", h6pw(pw))
		f.add("define( 'DB_HOST', 'localhost' );")
		for _, k := range []string{"AUTH_KEY", "SECURE_AUTH_KEY", "NONCE_SALT"} {
			v := g.s("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#%()*+,-.:;<=>?@[]^_{|}~", 64)
			f.add("define( '"+k+"', '"+v+"' );", h6gen(v))
		}
		f.add("define( 'LOGGED_IN_KEY', 'put your unique phrase here' );")
		f.add("$table_prefix = 'wp_';")
	}},
	{"win", "deploy.bat", func(g *gen, f *file) {
		f.add("@echo off\r")
		f.add("setlocal\r")
		pw := g.h6pass()
		pwb := strings.NewReplacer("%", "%%", "&", "^&", "^", "^^", ")", "^)").Replace(pw)
		f.add("set SQLPASS="+pwb+"\r", h6pw(pwb))
		n, v, p := g.h6tok()
		f.add("set "+strings.ToUpper(n)+"="+v+"\r", p)
		f.add("net use Z: \\\\"+g.pick("fs01", "nas")+"\\deploy /user:CORP\\svc_deploy "+pwb+"\r", h6pw(pwb))
		f.add("sqlcmd -S " + g.h6host() + " -U sa -P %SQLPASS% -i migrate.sql\r")
		f.add("endlocal\r")
	}},
	{"win", "install.cmd", func(g *gen, f *file) {
		pw := g.h6pass()
		f.add("REM installs the agent as a service\r")
		f.add("sc.exe create AgentSvc binPath= \"C:\\Program Files\\Agent\\agent.exe\" obj= \".\\svc_agent\" password= \""+pw+"\"\r", h6pw(pw))
		v, p := g.h6prefixed()
		f.add("setx AGENT_ENROLL_TOKEN \""+v+"\" /M\r", p)
		f.add("schtasks /Create /TN Backup /TR backup.cmd /RU SYSTEM /SC DAILY\r")
	}},
	{"llm", "gateway-traces.jsonl", func(g *gen, f *file) {
		for i := 0; i < 4+g.r.IntN(3); i++ {
			ts := h6ts(g)
			tid := g.s(hexd, 32)
			switch g.r.IntN(5) {
			case 0:
				v, p := g.h6prefixed()
				args := `{"url":"https://api.vendor.example/v2/items","headers":{"Authorization":"Bearer ` + v + `"}}`
				f.add(`{"ts":"`+ts+`","trace_id":"`+tid+`","span":"tool_call","name":"http_request","arguments":"`+h6jsq(args)+`"}`, p)
			case 1:
				_, v, p := g.h6tok()
				msg := "Hi, here is my key for the integration: " + v + " — why does it return 401?"
				inner := `{"role":"user","content":"` + h6jsq(msg) + `"}`
				f.add(`{"ts":"`+ts+`","trace_id":"`+tid+`","span":"llm","input":"`+h6jsq(inner)+`"}`, p)
			case 2:
				e, ph := g.h6email(), g.h6phone()
				msg := "Mon email est " + e + " et mon numéro " + ph + ", merci de me rappeler."
				f.add(`{"ts":"`+ts+`","trace_id":"`+tid+`","span":"llm","messages":[{"role":"user","content":"`+h6jsq(msg)+`"}]}`, h6mail(e), h6tel(ph))
			case 3:
				pw := g.h6pass()
				args := `{"dsn":"mysql://root:` + pw + `@` + g.h6host() + `:3306/crm","query":"SELECT count(*) FROM leads"}`
				f.add(`{"ts":"`+ts+`","trace_id":"`+tid+`","span":"tool_call","name":"sql_query","arguments":"`+h6jsq(args)+`"}`, h6pw(h6jsq(pw)))
			default:
				f.add(`{"ts":"` + ts + `","trace_id":"` + tid + `","span":"llm","usage":{"prompt_tokens":` + fmt.Sprint(g.r.IntN(4000)) + `},"request_id":"req_` + g.s(alnum, 24) + `"}`)
			}
		}
	}},
	{"http", "curl-verbose.txt", func(g *gen, f *file) {
		host := g.pick("api.payments.example", "graph.vendor.example", "hooks.internal.example")
		f.add("*   Trying " + g.h5ip() + ":443...")
		f.add("* Connected to " + host + " port 443")
		f.add("> POST /v1/charges HTTP/2")
		f.add("> Host: " + host)
		f.add("> user-agent: curl/8.9.1")
		v, p := g.h6prefixed()
		f.add("> authorization: Bearer "+v, p)
		u, pw := g.h6user(), g.h6pass()
		ba := b64s(u + ":" + pw)
		f.add("> proxy-authorization: Basic "+ba, plant{family: "password", kind: "secret", value: ba})
		f.add("> content-type: application/x-www-form-urlencoded")
		f.add(">")
		e := g.h6email()
		f.add("} [62 bytes data]")
		f.add("< HTTP/2 200")
		f.add("< set-cookie: session=" + g.s(hexd, 16) + "; HttpOnly")
		f.add("< x-request-id: " + g.h5uuid())
		f.add(`{"id":"ch_`+g.s(alnum, 24)+`","receipt_email":"`+e+`","status":"succeeded"}`, h6mail(e))
	}},
	{"http", "form-request.http", func(g *gen, f *file) {
		pw := g.h6pass()
		e := g.h6email()
		body := "email=" + url.QueryEscape(e) + "&password=" + url.QueryEscape(pw) + "&remember=1"
		f.add("### login")
		f.add("POST https://shop.example/login")
		f.add("Content-Type: application/x-www-form-urlencoded")
		f.add("")
		f.add(body, h6pw(url.QueryEscape(pw)), plant{family: "email", kind: "pii", value: url.QueryEscape(e), core: strings.SplitN(e, "@", 2)[0]})
		f.add("")
		f.add("### with a variable")
		f.add("GET https://shop.example/api/me")
		f.add("Authorization: Bearer {{token}}")
	}},
	{"dblog", "mysql-general.log", func(g *gen, f *file) {
		f.add("/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:")
		f.add("Time                 Id Command    Argument")
		for i := 0; i < 4+g.r.IntN(3); i++ {
			ts := "2026-0" + fmt.Sprint(1+g.r.IntN(9)) + "-1" + fmt.Sprint(g.r.IntN(9)) + "T0" + fmt.Sprint(g.r.IntN(9)) + ":1" + fmt.Sprint(g.r.IntN(9)) + ":22.1" + g.s(digits, 5) + "Z"
			id := fmt.Sprint(10 + g.r.IntN(900))
			switch g.r.IntN(5) {
			case 0:
				pw := g.h6pass()
				pwq := strings.ReplaceAll(pw, "'", "''")
				f.add(ts+"\t   "+id+" Query\tCREATE USER '"+g.h6user()+"'@'%' IDENTIFIED BY '"+pwq+"'", h6pw(pwq))
			case 1:
				e, ph := g.h6email(), g.h6phone()
				f.add(ts+"\t   "+id+" Query\tINSERT INTO customers (email, phone) VALUES ('"+e+"', '"+ph+"')", h6mail(e), h6tel(ph))
			case 2:
				c := g.h6card("")
				f.add(ts+"\t   "+id+" Query\tUPDATE payment_methods SET pan='"+c+"' WHERE id="+g.s(digits, 5), h6card(c))
			case 3:
				_, v, p := g.h6tok()
				f.add(ts+"\t   "+id+" Query\tUPDATE integrations SET api_token='"+v+"' WHERE name='crm'", p)
			default:
				f.add(ts + "\t   " + id + " Query\tSELECT id FROM sessions WHERE token_hash='" + g.s(hexd, 64) + "'")
			}
		}
	}},
	{"notebook", "jupyter-console.txt", func(g *gen, f *file) {
		_, v, p := g.h6tok()
		f.add("In [3]: client = Client(api_key=\""+v+"\")", p)
		f.add("In [4]: client.list()")
		f.add("---------------------------------------------------------------------------")
		f.add("HTTPError                                 Traceback (most recent call last)")
		f.add("Cell In[4], line 1")
		f.add("----> 1 client.list()")
		pw := g.h6pass()
		f.add("File /opt/conda/lib/python3.11/site-packages/vendor/client.py:88, in Client.list(self)")
		f.add("HTTPError: 403 for url: https://svc:"+url.QueryEscape(pw)+"@"+g.h6host()+"/v1/list", h6pw(url.QueryEscape(pw)))
		an := g.h6neg()
		f.add("In [5]: os.environ['API_KEY'] = '"+an+"'", h6negSlot(an)...)
	}},
	{"keys", "deploy.ppk", func(g *gen, f *file) {
		f.add("PuTTY-User-Key-File-3: ssh-ed25519", secret("private-key", "PuTTY-User-Key-File-3: ssh-ed25519"))
		f.add("Encryption: none")
		f.add("Comment: " + g.h6user() + "@build")
		f.add("Public-Lines: 2")
		f.add("AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64, 43))
		f.add("Private-Lines: 1")
		f.add("AAAAI" + g.s(b64, 39) + "=")
		f.add("Private-MAC: " + g.s(hexd, 64))
	}},
	{"keys", "signing-key.asc", func(g *gen, f *file) {
		f.add("-----BEGIN PGP PRIVATE KEY BLOCK-----", secret("private-key", "-----BEGIN PGP PRIVATE KEY BLOCK-----"))
		f.add("")
		for i := 0; i < 5; i++ {
			f.add(g.s(b64, 64))
		}
		f.add("=" + g.s(b64, 4))
		f.add("-----END PGP PRIVATE KEY BLOCK-----")
	}},
	{"keys", "jwks-private.json", func(g *gen, f *file) {
		d := g.s(urlb64, 43)
		f.add(`{"keys": [`)
		f.add(`  {"kty": "EC", "crv": "P-256", "kid": "` + g.s(hexd, 8) + `", "x": "` + g.s(urlb64, 43) + `", "y": "` + g.s(urlb64, 43) + `",`)
		f.add(`   "d": "`+d+`"}`, secret("private-key", d))
		f.add(`]}`)
	}},
	{"keys", "app-store-connect.p8.txt", func(g *gen, f *file) {
		f.add("# AuthKey_" + g.s(upperD, 10) + ".p8")
		pem := g.h6pem("PRIVATE KEY")
		f.add(pem[0], secret("private-key", pem[0]))
		for _, l := range pem[1:] {
			f.add(l)
		}
	}},
	{"chat", "fr-support.txt", func(g *gen, f *file) {
		e, ph := g.h6email(), g.h6phone()
		f.add("[09:12] Client : Bonjour, je n'arrive plus à me connecter.")
		f.add("[09:13] Client : Mon adresse est "+e+" et vous pouvez m'appeler au "+ph, h6mail(e), h6tel(ph))
		pw := g.h6pass()
		f.add("[09:15] Client : Le mot de passe que j'utilise est « "+pw+" »", h6pw(pw))
		f.add("[09:16] Agent : Merci, ne partagez jamais votre mot de passe. Réinitialisation envoyée.")
		tk := g.pick("sk_test_"+g.s(alnum, 24), "AKIAIOSFODNN7EXAMPLE")
		var tp []plant
		if strings.HasPrefix(tk, "sk_test_") {
			// a test-mode secret: reporting it is defensible, missing it too
			tp = append(tp, neutral("stripe-test", tk))
		}
		f.add("[09:17] Client : La clé de test dans la doc ("+tk+") ne marche pas non plus.", tp...)
	}},
	{"chat", "it-ticket.txt", func(g *gen, f *file) {
		_, v, p := g.h6tok()
		f.add("Oggetto: integrazione bloccata")
		f.add("Buongiorno, vi incollo la chiave che usiamo in produzione: "+v, p)
		ib := g.h6iban()
		f.add("Per il rimborso usate l'IBAN "+ib+", intestato alla ditta.", pii("iban", ib))
		ph := g.h6phone()
		f.add("Referente tecnico raggiungibile al "+ph+" dalle 9 alle 18.", h6tel(ph))
		f.add("Numero pratica: " + g.s(digits, 8))
	}},
	{"chat", "pl-czat.txt", func(g *gen, f *file) {
		c := g.h6card(" ")
		f.add("Klient: Dzień dobry, płatność kartą nie przeszła.")
		f.add("Klient: numer karty "+c+", ważna do 09/28", h6card(c))
		pw := g.h6pass()
		f.add("Klient: hasło do panelu to "+pw+" jeśli to pomoże", h6pw(pw))
		f.add("Konsultant: Proszę natychmiast zmienić hasło. Numer zgłoszenia " + g.h5uuid())
	}},
	{"chat", "vi-hotro.txt", func(g *gen, f *file) {
		e, ph := g.h6email(), g.h6phone()
		f.add("Khách hàng: Chào bạn, tôi cần hỗ trợ đổi mật khẩu.")
		f.add("Khách hàng: email của tôi là "+e+", số điện thoại "+ph, h6mail(e), h6tel(ph))
		_, v, p := g.h6tok()
		f.add("Khách hàng: đây là khóa API cũ: "+v, p)
		f.add("Nhân viên: Cảm ơn, chúng tôi đã thu hồi khóa. Mã băm: " + g.s(hexd, 40))
	}},
	{"chat", "th-line.txt", func(g *gen, f *file) {
		e, ph := g.h6email(), g.h6phone()
		f.add("ลูกค้า: สวัสดีค่ะ เข้าสู่ระบบไม่ได้")
		f.add("ลูกค้า: อีเมล "+e+" เบอร์โทร "+ph, h6mail(e), h6tel(ph))
		pw := g.h6pass()
		f.add("ลูกค้า: รหัสผ่านคือ "+pw, h6pw(pw))
		f.add("เจ้าหน้าที่: ขอบคุณค่ะ กรุณาอย่าส่งรหัสผ่านทางแชท")
	}},
	{"chat", "id-whatsapp.txt", func(g *gen, f *file) {
		ts := fmt.Sprintf("%02d/%02d/26 %02d.%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(24), g.r.IntN(60))
		_, v, p := g.h6tok()
		f.add(ts+" - Budi: ini token server kita ya "+v, p)
		ph := g.h6phone()
		f.add(ts+" - Budi: kalau ada masalah hubungi "+ph, h6tel(ph))
		pw := g.h6pass()
		f.add(ts+" - Sari: kata sandi VPN: "+pw, h6pw(pw))
		f.add(ts + " - Sari: <Media tidak disertakan>")
	}},
	{"chat", "uk-telegram.txt", func(g *gen, f *file) {
		e := g.h6email()
		f.add("Олена: Привіт! Ось доступ до тестового сервера.")
		u, pw := g.h6user(), g.h6pass()
		f.add("Олена: логін "+u+", пароль "+pw, h6pw(pw))
		f.add("Олена: пишіть на "+e+" якщо щось не так", h6mail(e))
		ib := g.h6iban()
		f.add("Богдан: рахунок для оплати "+ib, pii("iban", ib))
		f.add("Богдан: ключ у документації " + g.pick("<YOUR_KEY>", "xxxx-xxxx", "AKIAIOSFODNN7EXAMPLE") + " не працює")
	}},
	{"chat", "he-ticket.txt", func(g *gen, f *file) {
		ph := g.h6phone()
		f.add("לקוח: שלום, אני לא מצליח להתחבר לחשבון")
		f.add("לקוח: הטלפון שלי "+ph, h6tel(ph))
		_, v, p := g.h6tok()
		f.add("לקוח: המפתח שלי הוא "+v+" האם הוא עדיין פעיל?", p)
		f.add("נציג: תודה, המפתח בוטל. מספר פנייה " + g.s(digits, 7))
	}},
	{"encoded", "html-export.html", func(g *gen, f *file) {
		pw := g.h6pass()
		e := g.h6email()
		f.add("<table class=\"config\">")
		f.add("<tr><td>smtp_password</td><td>"+html.EscapeString(pw)+"</td></tr>", h6pw(html.EscapeString(pw)))
		f.add("<tr><td>contact</td><td>"+strings.ReplaceAll(e, "@", "&#64;")+"</td></tr>", plant{family: "email", kind: "pii", value: strings.ReplaceAll(e, "@", "&#64;"), core: strings.SplitN(e, "@", 2)[0]})
		v, p := g.h6prefixed()
		f.add("<tr><td>token</td><td><code>"+v+"</code></td></tr>", p)
		f.add("<tr><td>checksum</td><td>" + g.s(hexd, 64) + "</td></tr>")
		f.add("</table>")
	}},
	{"encoded", "double-escaped.json", func(g *gen, f *file) {
		n, v, p := g.h6tok()
		inner := `{"env":{"` + n + `":"` + v + `"}}`
		outer := `{"payload":"` + h6jsq(inner) + `"}`
		f.add(`{"event":"config.saved","body":"`+h6jsq(outer)+`"}`, p)
		pw := g.h6pass()
		inner2 := `{"password":"` + pw + `"}`
		f.add(`{"event":"user.login","body":"`+h6jsq(h6jsq(inner2))+`"}`, h6pw(h6jsq(h6jsq(pw))))
		f.add(`{"event":"noop","body":"` + h6jsq(h6jsq(`{"token":"${TOKEN}"}`)) + `"}`)
	}},
	{"encoded", "k8s-env-b64.txt", func(g *gen, f *file) {
		n, v, p := g.h6tok()
		enc := b64s(v)
		f.add("# decoded with: kubectl get secret app -o jsonpath='{.data." + n + "}'")
		f.add(n+": "+enc, plant{family: p.family, kind: "secret", value: enc})
		f.add("BUILD_ID: " + b64s(g.s(digits, 6)))
	}},
	{"data", "leads-crlf.csv", func(g *gen, f *file) {
		f.add("nom;prénom;email;téléphone;carte\r")
		for i := 0; i < 3+g.r.IntN(3); i++ {
			e, ph, c := g.h6email(), g.h6phone(), g.h6card(g.pick("", "-", " "))
			f.add(g.pick("Martin", "Rossi", "Nowak", "Tran")+";"+g.pick("Léa", "Marco", "Anna", "Minh")+";"+e+";"+ph+";"+c+"\r", h6mail(e), h6tel(ph), h6card(c))
		}
		f.add("Test;Test;test@example.com;+33 1 00 00 00 00;4111 1111 1111 1111\r", neutral("phone", "+33 1 00 00 00 00"))
	}},
	{"data", "payroll.sql", func(g *gen, f *file) {
		f.add("-- payroll export")
		for i := 0; i < 3; i++ {
			ib, e := g.h6iban(), g.h6email()
			f.add("INSERT INTO employees VALUES ("+fmt.Sprint(i+1)+", '"+e+"', '"+ib+"', "+fmt.Sprint(2000+g.r.IntN(5000))+");", h6mail(e), pii("iban", ib))
		}
		f.add("INSERT INTO audit VALUES ('" + g.h5uuid() + "', '" + g.s(hexd, 64) + "');")
	}},
	{"ci", "Makefile.deploy", func(g *gen, f *file) {
		n, v, p := g.h6tok()
		f.add(".PHONY: publish")
		f.add(strings.ToUpper(n)+" ?= "+v, p)
		pw := g.h6pass()
		f.add("publish:")
		f.add("\tdocker login -u ci -p '"+pw+"' registry.example.net", h6pw(pw))
		f.add("\tREGISTRY_TOKEN=$(REGISTRY_TOKEN) ./scripts/push.sh")
	}},
	{"ci", "Dockerfile.build", func(g *gen, f *file) {
		f.add("FROM node:20-alpine AS build")
		_, v, p := g.h6tok()
		f.add("ARG NPM_TOKEN="+v, p)
		f.add("ENV NODE_ENV=production")
		pw := g.h6pass()
		f.add("ENV PGPASSWORD="+pw, h6pw(pw))
		f.add("RUN --mount=type=secret,id=npmrc npm ci")
		f.add("ARG CACHE_BUST=" + g.s(hexd, 12))
	}},
	{"negatives", "docs-examples.md", func(g *gen, f *file) {
		f.add("# Configuration")
		f.add("Set `API_KEY` to your key, e.g. `API_KEY=" + g.pick("<YOUR_KEY>", "xxxxxxxxxxxxxxxx", "your-api-key") + "`.")
		f.add("AWS example credentials: `AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`.")
		f.add("Test card: 4242 4242 4242 4242, any CVC.")
		f.add("Your key will look like `sk-...` followed by 48 characters, shown once as `sk-...` + `" + g.s(alnum, 4) + "`.")
		f.add("Release checksum: `" + g.s(hexd, 64) + "`, commit " + g.s(hexd, 40) + ".")
		f.add("Request id " + g.h5uuid() + ", trace 00-" + g.s(hexd, 32) + "-" + g.s(hexd, 16) + "-01.")
		f.add("Values: `" + g.h6neg() + "`, `" + g.h6neg() + "`, `" + g.h6neg() + "`.")
		pk := "pk_live_" + g.s(alnum, 24)
		f.add("Publishable key (safe in the browser): "+pk, neutral("stripe-publishable", pk))
	}},
}
