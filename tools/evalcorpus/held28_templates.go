package main

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// held28Families pairs two variants of one class in different concrete shapes: a goes
// to held28a, b to held28b (see held28.go).
var held28Families = []struct{ a, b template }{
	// XMPP servers.
	{
		template{"xmpp", "prosody.cfg.lua", func(g *gen, f *file) {
			dom := "chat." + g.pick(h28orgs...)
			f.add("-- Prosody XMPP server configuration for " + dom)
			f.add("-- syntax check: prosodyctl check config")
			f.add(`admins = { "admin@`+dom+`" }`, h28role("admin@"+dom))
			f.add(`modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "carbons"; "pep"; "mam"; "smacks"; "turn_external"; }`)
			f.add(`c2s_require_encryption = true`)
			f.add(`authentication = "internal_hashed"`)
			f.add(`storage = "sql"`)
			pw, ps := g.h28pv()
			f.add(fmt.Sprintf(`sql = { driver = "PostgreSQL", database = "prosody", username = "%s", password = "%s", host = "%s" }`, g.h28user(), pw, g.h28host()), ps...)
			f.add(`turn_external_host = "turn.` + dom + `"`)
			ts, tps := g.h28rv()
			f.add(`turn_external_secret = "`+ts+`"`, tps...)
			e := g.h28email()
			f.add(`contact_info = {`)
			f.add(`  abuse = { "mailto:abuse@`+dom+`" };`, h28role("abuse@"+dom))
			f.add(`  admin = { "xmpp:admin@`+dom+`", "mailto:`+e+`" };`, h28role("admin@"+dom), h15mail(e))
			f.add(`}`)
			f.add(`VirtualHost "` + dom + `"`)
			f.add(`  ssl = { key = "/etc/prosody/certs/` + dom + `.key"; certificate = "/etc/prosody/certs/` + dom + `.crt"; }`)
			f.add(`Component "conference.` + dom + `" "muc"`)
			f.add(`Component "gateway.` + dom + `"`)
			cs := g.h28rand()
			f.add(`  component_secret = "`+cs+`"`, h15gen(cs))
			if g.r.IntN(2) == 0 {
				lp := g.h28pass()
				f.add(`-- bridge account was created with: prosodyctl register bridge `+dom+` `+lp, h15pw(lp))
			}
			f.add(`-- checksum of the last deployed file: sha1 ` + g.s(hexd, 40))
		}},
		template{"xmpp", "ejabberd.yml", func(g *gen, f *file) {
			dom := "xmpp." + g.pick(h28orgs...)
			f.add("###")
			f.add("###  ejabberd configuration file")
			f.add("hosts:")
			f.add("  - " + dom)
			f.add("loglevel: info")
			f.add("certfiles:")
			f.add("  - /etc/ejabberd/certs/" + dom + ".pem")
			f.add("sql_type: " + g.pick("pgsql", "mysql"))
			f.add("sql_server: " + g.h28host())
			f.add("sql_database: ejabberd")
			f.add("sql_username: " + g.h28user())
			pw, ps := g.h28pv()
			f.add(`sql_password: "`+pw+`"`, ps...)
			f.add("auth_method: [sql, ldap]")
			f.add("ldap_servers: [ldap." + g.pick(h28orgs...) + "]")
			f.add("ldap_encrypt: tls")
			f.add(`ldap_rootdn: "cn=ejabberd,ou=services,dc=example,dc=net"`)
			lp := g.h28pass()
			f.add(`ldap_password: "`+lp+`"`, h15pw(lp))
			f.add("acme:")
			e := g.h28email()
			f.add("  contact: \"mailto:"+e+"\"", h15mail(e))
			f.add("  ca_url: https://acme-v02.api.letsencrypt.org/directory")
			f.add("listen:")
			f.add("  - port: 5443")
			f.add("    module: ejabberd_http")
			f.add("    tls: true")
			f.add("modules:")
			f.add("  mod_stun_disco:")
			f.add("    secret: " + g.pick("", "\"\""))
			sec := g.h28rand()
			f.add("    services:")
			f.add("      - host: turn." + dom)
			f.add("        type: turns")
			f.add("        restricted: true")
			f.add("  mod_turn_secret: \""+sec+"\"  # shared with coturn static-auth-secret", h15gen(sec))
			f.add("  mod_mam:")
			f.add("    assume_mam_usage: true")
			if g.r.IntN(2) == 0 {
				v, ps := g.h28tv()
				f.add("  # push relay token for the mobile app gateway: "+v, ps...)
			}
		}},
	},
	// Usenet downloaders.
	{
		template{"usenet", "sabnzbd.ini", func(g *gen, f *file) {
			f.add("__version__ = 19")
			f.add("__encoding__ = utf-8")
			f.add("[misc]")
			f.add("host = 0.0.0.0")
			f.add("port = 8080")
			ak := g.s(hexd, 32)
			f.add("api_key = "+ak, h15gen(ak))
			nk := g.s(hexd, 32)
			f.add("nzb_key = "+nk, h15gen(nk))
			f.add("username = " + g.pick("admin", "sab", g.h28user()))
			pw, ps := g.h28pv()
			f.add("password = "+pw, ps...)
			f.add("download_dir = /downloads/incomplete")
			f.add("complete_dir = /downloads/complete")
			f.add("email_server = " + g.h28host() + ":587")
			e := g.h28email()
			f.add("email_to = "+e+",", h15mail(e))
			ef := "sabnzbd@" + g.pick(h28orgs...)
			f.add("email_from = "+ef, h28role(ef))
			ea := "sabnzbd@" + g.pick(h28orgs...)
			f.add("email_account = "+ea, h28role(ea))
			ep, eps := g.h28pv()
			f.add("email_pwd = "+ep, eps...)
			f.add("[servers]")
			for i := 0; i < 1+g.r.IntN(2); i++ {
				h := g.pick("news.eweka.nl", "news.newshosting.com", "news.frugalusenet.com", "reader.usenetexpress.com")
				f.add("[[" + h + "]]")
				f.add("name = " + h)
				f.add("displayname = " + h)
				f.add("host = " + h)
				f.add("port = 563")
				f.add("timeout = 60")
				f.add("username = " + g.s(lower, 6) + g.s(digits, 3))
				sp := g.h28pass()
				f.add("password = "+sp, h15pw(sp))
				f.add("connections = " + fmt.Sprint(8+g.r.IntN(40)))
				f.add("ssl = 1")
			}
			f.add("[apprise]")
			f.add("apprise_enable = 1")
			id, tok := g.s("123456789", 1)+g.s(digits, 18), g.s(urlb64, 68)
			v := "discord://" + id + "/" + tok
			f.add("apprise_urls = "+v, plant{family: "discord", kind: "secret", value: v, core: tok})
		}},
		template{"usenet", "nzbget.conf", func(g *gen, f *file) {
			f.add("# Configuration file for NZBGet")
			f.add("MainDir=/data/usenet")
			f.add("DestDir=${MainDir}/completed")
			f.add("ControlIP=0.0.0.0")
			f.add("ControlPort=6789")
			f.add("ControlUsername=nzbget")
			pw, ps := g.h28pv()
			f.add("ControlPassword="+pw, ps...)
			f.add("RestrictedUsername=")
			f.add("RestrictedPassword=")
			f.add("AddUsername=" + g.pick("", "sonarr"))
			ap := g.h28plain()
			f.add("AddPassword="+ap, h15pw(ap))
			for i := 1; i <= 1+g.r.IntN(2); i++ {
				h := g.pick("news.usenetserver.com", "news.giganews.com", "eu.newsdemon.com", "news.tweaknews.eu")
				f.add(fmt.Sprintf("Server%d.Active=yes", i))
				f.add(fmt.Sprintf("Server%d.Name=%s", i, h))
				f.add(fmt.Sprintf("Server%d.Level=%d", i, i-1))
				f.add(fmt.Sprintf("Server%d.Host=%s", i, h))
				f.add(fmt.Sprintf("Server%d.Port=563", i))
				f.add(fmt.Sprintf("Server%d.Username=%s", i, g.s(lower, 5)+g.s(digits, 4)))
				sp := g.h28pass()
				f.add(fmt.Sprintf("Server%d.Password=%s", i, sp), h15pw(sp))
				f.add(fmt.Sprintf("Server%d.Encryption=yes", i))
				f.add(fmt.Sprintf("Server%d.Connections=%d", i, 10+g.r.IntN(40)))
			}
			f.add("# Extension scripts")
			f.add("Extensions=EMail.py, Pushover.py")
			f.add("EMail.py:Server=" + g.h28host())
			f.add("EMail.py:Port=587")
			e := g.h28email()
			f.add("EMail.py:Username="+e, h15mail(e))
			mp, mps := g.h28pv()
			f.add("EMail.py:Password="+mp, mps...)
			e2 := g.h28email()
			f.add("EMail.py:To="+e2, h15mail(e2))
			pt := "a" + g.s(h5lowerD, 29)
			f.add("Pushover.py:AppToken="+pt, secret("pushover", pt))
			f.add("Pushover.py:UserKey=u" + g.s(h5lowerD, 29))
			f.add("# UserKey is the account id; the AppToken is the credential")
		}},
	},
	// Mesh VPN control planes.
	{
		template{"vpn", "headscale-config.yaml", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add("---")
			f.add("server_url: https://vpn." + org + ":443")
			f.add("listen_addr: 0.0.0.0:8080")
			f.add("metrics_listen_addr: 127.0.0.1:9090")
			f.add("noise:")
			f.add("  private_key_path: /var/lib/headscale/noise_private.key")
			f.add("# control server public key (safe to share): mkey:" + g.s(hexd, 64))
			f.add("prefixes:")
			f.add("  v4: 100.64.0.0/10")
			f.add("database:")
			f.add("  type: postgres")
			f.add("  postgres:")
			f.add("    host: " + g.h28host())
			f.add("    port: 5432")
			f.add("    name: headscale")
			f.add("    user: " + g.h28user())
			pw, ps := g.h28pv()
			f.add("    pass: "+pw, ps...)
			f.add("oidc:")
			f.add("  issuer: \"https://sso." + org + "/realms/staff\"")
			f.add("  client_id: \"headscale\"")
			cs, cps := g.h28rv()
			f.add("  client_secret: \""+cs+"\"", cps...)
			f.add("  allowed_users:")
			for i := 0; i < 1+g.r.IntN(3); i++ {
				e := g.h28email()
				f.add("    - "+e, h15mail(e))
			}
			f.add("dns:")
			f.add("  magic_dns: true")
			f.add("  base_domain: ts." + org)
			pk := g.s(hexd, 48)
			f.add("# kiosk fleet: tailscale up --login-server=https://vpn."+org+" --auth-key="+pk, h15gen(pk))
			if g.r.IntN(2) == 0 {
				tk := g.h28tskey("api")
				f.add("# the old tailnet's ACL pusher still uses TS_API_KEY="+tk, secret("tailscale", tk))
			}
		}},
		template{"vpn", "management.json", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add("{")
			f.add(`    "Stuns": [`)
			f.add(`        { "Proto": "udp", "URI": "stun:vpn.` + org + `:3478", "Username": "", "Password": null }`)
			f.add(`    ],`)
			f.add(`    "TURNConfig": {`)
			tp, tps := g.h28pv()
			f.add(`        "Turns": [ { "Proto": "udp", "URI": "turn:vpn.`+org+`:3478", "Username": "self", "Password": "`+tp+`" } ],`, tps...)
			f.add(`        "CredentialsTTL": "12h0m0s",`)
			ts := g.h28rand()
			f.add(`        "Secret": "`+ts+`",`, h15gen(ts))
			f.add(`        "TimeBasedCredentials": false`)
			f.add(`    },`)
			f.add(`    "Relay": {`)
			f.add(`        "Addresses": [ "rels://vpn.` + org + `:443/relay" ],`)
			f.add(`        "CredentialsTTL": "24h0m0s",`)
			rs, rps := g.h28rv()
			f.add(`        "Secret": "`+rs+`"`, rps...)
			f.add(`    },`)
			f.add(`    "Datadir": "/var/lib/netbird/",`)
			dk := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add(`    "DataStoreEncryptionKey": "`+dk+`",`, h15gen(dk))
			f.add(`    "HttpConfig": {`)
			f.add(`        "Address": "0.0.0.0:33073",`)
			f.add(`        "AuthIssuer": "https://sso.` + org + `/realms/netbird",`)
			f.add(`        "AuthAudience": "netbird-client",`)
			f.add(`        "OIDCConfigEndpoint": "https://sso.` + org + `/realms/netbird/.well-known/openid-configuration"`)
			f.add(`    },`)
			f.add(`    "IdpManagerConfig": {`)
			f.add(`        "ManagerType": "keycloak",`)
			f.add(`        "ClientConfig": {`)
			f.add(`            "Issuer": "https://sso.` + org + `/realms/netbird",`)
			f.add(`            "ClientID": "netbird-backend",`)
			cs, cps := g.h28rv()
			f.add(`            "ClientSecret": "`+cs+`",`, cps...)
			f.add(`            "GrantType": "client_credentials"`)
			f.add(`        }`)
			f.add(`    },`)
			f.add(`    "DeviceAuthorizationFlow": {`)
			f.add(`        "Provider": "hosted",`)
			f.add(`        "ProviderConfig": { "ClientID": "netbird-client", "ClientSecret": "", "UseIDToken": false }`)
			f.add(`    },`)
			wg := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add(`    "_comment": "signal server WireGuard public key ` + wg + `"`)
			f.add("}")
		}},
	},
	// Authenticating proxies.
	{
		template{"authproxy", "oauth2-proxy.cfg", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add(`## OAuth2 Proxy in front of Grafana`)
			f.add(`http_address = "0.0.0.0:4180"`)
			f.add(`upstreams = [ "http://127.0.0.1:3000/" ]`)
			f.add(`provider = "oidc"`)
			f.add(`oidc_issuer_url = "https://sso.` + org + `/realms/main"`)
			f.add(`client_id = "grafana-proxy"`)
			cs, cps := g.h28rv()
			f.add(`client_secret = "`+cs+`"`, cps...)
			ck := base64.URLEncoding.EncodeToString(g.h16bytes(32))
			f.add(`cookie_secret = "`+ck+`"`, h15gen(ck))
			f.add(`cookie_secure = true`)
			f.add(`cookie_domains = [ ".` + org + `" ]`)
			f.add(`email_domains = [ "` + org + `" ]`)
			f.add(`session_store_type = "redis"`)
			rp := g.h28plain()
			f.add(`redis_connection_url = "redis://:`+rp+`@`+g.h28host()+`:6379/0"`, h15pw(rp))
			f.add(`skip_auth_routes = [ "GET=^/api/health$" ]`)
			f.add(`htpasswd_file = "/etc/oauth2-proxy/htpasswd"`)
			f.add(`# htpasswd entry for the break-glass user: ops:{SHA}` + base64.StdEncoding.EncodeToString(g.h16bytes(20)))
			if g.r.IntN(2) == 0 {
				e := g.h28email()
				f.add(`# owner: `+e, h15mail(e))
			}
		}},
		template{"authproxy", "pomerium-config.yaml", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add("# Pomerium all-in-one")
			f.add("authenticate_service_url: https://authenticate." + org)
			f.add("idp_provider: google")
			f.add("idp_client_id: " + g.s(digits, 12) + "-" + g.s(h5lowerD, 32) + ".apps.googleusercontent.com")
			gs := "GOCSPX-" + g.s(urlb64, 28)
			f.add("idp_client_secret: "+gs, secret("google", gs))
			ss := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add("shared_secret: "+ss, h15gen(ss))
			cs := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add("cookie_secret: "+cs, h15gen(cs))
			h, body, ft := g.pemBlock("EC PRIVATE KEY", 2, 8)
			sk := base64.StdEncoding.EncodeToString([]byte(h + "\n" + strings.Join(body, "\n") + "\n" + ft + "\n"))
			f.add("signing_key: "+sk, h15key(sk))
			f.add("databroker_storage_type: postgres")
			pw := g.h28pass()
			f.add("databroker_storage_connection_string: postgresql://pomerium:"+url.QueryEscape(pw)+"@"+g.h28host()+":5432/pomerium?sslmode=require", h15pw(url.QueryEscape(pw)))
			f.add("routes:")
			f.add("  - from: https://grafana." + org)
			f.add("    to: http://grafana:3000")
			f.add("    policy:")
			f.add("      - allow:")
			f.add("          or:")
			e := g.h28email()
			f.add("            - email:")
			f.add("                is: "+e, h15mail(e))
			f.add("  - from: https://legacy." + org)
			f.add("    to: http://10.20.0.15:8080")
			f.add("    set_request_headers:")
			b, bp := g.h28basic()
			f.add("      Authorization: Basic "+b, bp)
			f.add("    allow_any_authenticated_user: true")
		}},
	},
	// Photo libraries.
	{
		template{"photos", "photoprism-compose.yml", func(g *gen, f *file) {
			fn, ln := g.h28name()
			f.add("services:")
			f.add("  photoprism:")
			f.add("    image: photoprism/photoprism:" + g.pick("latest", "240915", "250426"))
			f.add("    ports: [\"2342:2342\"]")
			f.add("    environment:")
			f.add("      PHOTOPRISM_ADMIN_USER: \"admin\"")
			ap, aps := g.h28pv()
			f.add("      PHOTOPRISM_ADMIN_PASSWORD: \""+ap+"\"", aps...)
			f.add("      PHOTOPRISM_SITE_URL: \"https://photos." + g.pick(h28orgs...) + "/\"")
			f.add("      PHOTOPRISM_SITE_AUTHOR: \"" + fn + " " + ln + "\"")
			f.add("      PHOTOPRISM_DATABASE_DRIVER: \"mysql\"")
			f.add("      PHOTOPRISM_DATABASE_SERVER: \"mariadb:3306\"")
			f.add("      PHOTOPRISM_DATABASE_USER: \"photoprism\"")
			dp := g.h28plain()
			f.add("      PHOTOPRISM_DATABASE_PASSWORD: \""+dp+"\"", h15pw(dp))
			f.add("      PHOTOPRISM_DISABLE_TLS: \"false\"")
			f.add("    volumes:")
			f.add("      - \"/srv/photos:/photoprism/originals\"")
			f.add("  mariadb:")
			f.add("    image: mariadb:11")
			f.add("    environment:")
			f.add("      MARIADB_AUTO_UPGRADE: \"1\"")
			f.add("      MARIADB_DATABASE: \"photoprism\"")
			f.add("      MARIADB_USER: \"photoprism\"")
			f.add("      MARIADB_PASSWORD: \""+dp+"\"", h15pw(dp))
			rp, rps := g.h28pv()
			f.add("      MARIADB_ROOT_PASSWORD: \""+rp+"\"", rps...)
			f.add("  # nightly upload from the phone via WebDAV:")
			wp := g.h28plain()
			f.add("  #   https://admin:"+wp+"@photos."+g.pick(h28orgs...)+"/originals/", h15pw(wp))
		}},
		template{"photos", "immich.env", func(g *gen, f *file) {
			f.add("# You can find documentation for all the supported env variables at https://immich.app/docs/install/environment-variables")
			f.add("UPLOAD_LOCATION=/mnt/tank/immich/library")
			f.add("DB_DATA_LOCATION=./postgres")
			f.add("TZ=" + g.pick("Asia/Hong_Kong", "Europe/Berlin", "Asia/Manila", "Europe/Paris"))
			f.add("IMMICH_VERSION=" + g.pick("release", "v1.132.3", "v1.135.0"))
			f.add("# The values below this line do not need to be changed")
			f.add("# Please use only the characters `A-Za-z0-9`, without special characters or spaces")
			dp := g.h28plain()
			if g.r.IntN(5) == 0 {
				f.add("DB_PASSWORD=postgres")
			} else {
				f.add("DB_PASSWORD="+dp, h15pw(dp))
			}
			f.add("DB_USERNAME=postgres")
			f.add("DB_DATABASE_NAME=immich")
			f.add("")
			f.add("# immich-go / public proxy")
			f.add("IMMICH_URL=https://photos." + g.pick(h28orgs...))
			ak := g.s(alnum, 43)
			f.add("IMMICH_API_KEY="+ak, h15gen(ak))
			f.add("PUBLIC_BASE_URL=https://share." + g.pick(h28orgs...))
			f.add("# OAuth (settings also in the admin UI)")
			f.add("OAUTH_CLIENT_ID=immich")
			cs, cps := g.h28rv()
			f.add("OAUTH_CLIENT_SECRET="+cs, cps...)
			e := g.h28email()
			f.add("# admin account: "+e, h15mail(e))
			f.add("NOTIFICATIONS_SMTP_HOST=" + g.h28host())
			sp, sps := g.h28pv()
			f.add("NOTIFICATIONS_SMTP_PASSWORD="+sp, sps...)
		}},
	},
	// Document archives.
	{
		template{"docs", "paperless.conf", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add("# Paperless-ngx configuration")
			rp := g.h28plain()
			f.add("PAPERLESS_REDIS=redis://:"+rp+"@redis:6379", h15pw(rp))
			f.add("PAPERLESS_DBHOST=" + g.h28host())
			f.add("PAPERLESS_DBUSER=paperless")
			dp, dps := g.h28pv()
			f.add("PAPERLESS_DBPASS="+dp, dps...)
			sk := g.s(alnum+"!@#%^*(-_+)", 50)
			f.add("PAPERLESS_SECRET_KEY="+sk, h15gen(sk))
			f.add("PAPERLESS_URL=https://docs." + org)
			f.add("PAPERLESS_OCR_LANGUAGE=" + g.pick("deu+eng", "ita+eng", "fra+deu", "chi_tra+eng"))
			f.add("PAPERLESS_ADMIN_USER=" + g.h28user())
			e := g.h28email()
			f.add("PAPERLESS_ADMIN_MAIL="+e, h15mail(e))
			ap, aps := g.h28pv()
			f.add("PAPERLESS_ADMIN_PASSWORD="+ap, aps...)
			f.add("PAPERLESS_EMAIL_HOST=" + g.h28host())
			f.add("PAPERLESS_EMAIL_PORT=587")
			f.add("PAPERLESS_EMAIL_HOST_USER=scanner@"+org, h28role("scanner@"+org))
			mp := g.h28pass()
			f.add("PAPERLESS_EMAIL_HOST_PASSWORD="+mp, h15pw(mp))
			cs := g.h28rand()
			f.add(`PAPERLESS_SOCIALACCOUNT_PROVIDERS={"openid_connect":{"APPS":[{"provider_id":"authentik","name":"SSO","client_id":"paperless","secret":"`+cs+`","settings":{"server_url":"https://sso.`+org+`/application/o/paperless/.well-known/openid-configuration"}}]}}`, h15gen(cs))
			if g.r.IntN(2) == 0 {
				wh, wp := g.h28discord()
				f.add("# post-consume hook posts to "+wh, wp)
			}
			f.add("PAPERLESS_CONSUMER_POLLING=60")
		}},
		template{"docs", "mayan-config.yml", func(g *gen, f *file) {
			f.add("COMMON_PROJECT_TITLE: " + g.pick("Archiv", "Dossiers", "Records"))
			f.add("DATABASES:")
			f.add("  default:")
			f.add("    ENGINE: django.db.backends.postgresql")
			f.add("    HOST: " + g.h28host())
			f.add("    NAME: mayan")
			dp, dps := g.h28pv()
			f.add("    PASSWORD: '"+dp+"'", dps...)
			f.add("    PORT: '5432'")
			f.add("    USER: mayan")
			sk := g.s(alnum+"!@#%^*(-_+)", 50)
			f.add("SECRET_KEY: '"+sk+"'", h15gen(sk))
			bp := g.h28pass()
			f.add("CELERY_BROKER_URL: amqp://mayan:"+url.QueryEscape(bp)+"@rabbitmq:5672/mayan", h15pw(url.QueryEscape(bp)))
			rp := g.h28plain()
			f.add("CELERY_RESULT_BACKEND: redis://:"+rp+"@redis:6379/1", h15pw(rp))
			f.add("DOCUMENTS_STORAGE_BACKEND: mayan.apps.storage.backends.s3.S3Storage")
			f.add("DOCUMENTS_STORAGE_BACKEND_ARGUMENTS:")
			ak := "AKIA" + g.s(b32[:26]+"234567", 16)
			f.add("  access_key: "+ak, secret("aws", ak))
			sa := g.h16awsSecret()
			f.add("  secret_key: "+sa, secret("aws", sa))
			f.add("  bucket_name: mayan-documents")
			f.add("  endpoint_url: https://s3." + g.pick("eu-central-1", "ap-east-1") + ".amazonaws.com")
			f.add("MAILER_BACKEND_ARGUMENTS:")
			f.add("  host: " + g.h28host())
			e := g.h28email()
			f.add("  user: "+e, h15mail(e))
			mp, mps := g.h28pv()
			f.add("  password: '"+mp+"'", mps...)
			f.add("SEARCH_BACKEND: mayan.apps.dynamic_search.backends.whoosh.WhooshSearchBackend")
		}},
	},
	// Password manager exports.
	{
		template{"vault", "bitwarden_export.json", func(g *gen, f *file) {
			f.add("{")
			f.add(`  "encrypted": false,`)
			fid := g.h5uuid()
			f.add(`  "folders": [ { "id": "` + fid + `", "name": "` + g.pick("Werk", "工作", "Trabaho", "Lavoro") + `" } ],`)
			f.add(`  "items": [`)
			n := 3 + g.r.IntN(2)
			for i := 0; i < n; i++ {
				f.add(`    {`)
				f.add(`      "id": "` + g.h5uuid() + `",`)
				f.add(`      "folderId": "` + fid + `",`)
				switch i % 4 {
				case 0:
					f.add(`      "type": 1,`)
					f.add(`      "name": "` + g.pick("Hochtiet-Siet", "Bank", "Router", "NAS", "Choir site") + `",`)
					f.add(`      "login": {`)
					f.add(`        "uris": [ { "match": null, "uri": "https://` + g.h28host() + `/login" } ],`)
					e := g.h28email()
					f.add(`        "username": "`+e+`",`, h15mail(e))
					pw, ps := g.h28pv()
					f.add(`        "password": "`+pw+`",`, ps...)
					if g.r.IntN(2) == 0 {
						ts := g.s(b32, 32)
						f.add(`        "totp": "otpauth://totp/`+g.pick("GitHub", "Proton", "Hetzner")+`:`+url.PathEscape(e)+`?secret=`+ts+`&issuer=`+g.pick("GitHub", "Proton", "Hetzner")+`"`, secret("totp", ts))
					} else {
						f.add(`        "totp": null`)
					}
					f.add(`      },`)
				case 1:
					f.add(`      "type": 2,`)
					f.add(`      "name": "` + g.pick("deploy key", "SSH nas", "server key") + `",`)
					k, h := g.h28pemOneLine()
					f.add(`      "notes": "`+k+`",`, h15key(h))
					f.add(`      "secureNote": { "type": 0 },`)
				case 2:
					f.add(`      "type": 3,`)
					fn, ln := g.h28name()
					c := g.card(false)
					brand := map[byte]string{'4': "Visa", '5': "Mastercard", '3': "Amex"}[c[0]]
					f.add(`      "name": "` + brand + ` ` + g.pick("privat", "business", "家用") + `",`)
					f.add(`      "card": { "cardholderName": "`+fn+" "+ln+`", "brand": "`+brand+`", "number": "`+c+`", "expMonth": "`+fmt.Sprint(1+g.r.IntN(12))+`", "expYear": "20`+fmt.Sprint(27+g.r.IntN(5))+`", "code": "`+g.s(digits, 3)+`" },`, h15cc(c))
				default:
					f.add(`      "type": 4,`)
					f.add(`      "name": "ID",`)
					fn, ln := g.h28name()
					id := g.pick("hk", "tw", "de", "it")
					var v string
					switch id {
					case "hk":
						v = g.h28hkid()
					case "tw":
						v = g.h28twid()
					case "de":
						v = g.h28steuerID()
					default:
						v = g.h28codiceFiscale()
					}
					ph := g.h28phone()
					f.add(`      "identity": { "firstName": "`+fn+`", "lastName": "`+ln+`", "phone": "`+ph+`", "ssn": "`+v+`", "passportNumber": null },`, h15tel(ph), h15id(v))
				}
				f.add(`      "favorite": false,`)
				f.add(`      "reprompt": 0`)
				if i == n-1 {
					f.add(`    }`)
				} else {
					f.add(`    },`)
				}
			}
			f.add(`  ]`)
			f.add("}")
		}},
		template{"vault", "keepassxc-export.csv", func(g *gen, f *file) {
			add := func(line string, ps ...plant) { f.add(line+"\r", ps...) }
			add(`"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"`)
			for i := 0; i < 4+g.r.IntN(3); i++ {
				grp := g.pick("Root/Email", "Root/Banking", "Root/Servers", "Root/Internet", "Root/Recycle Bin")
				date := fmt.Sprintf("2026-%02d-%02dT%02d:%02d:00Z", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60))
				var ps []plant
				user := g.h28user()
				if g.r.IntN(2) == 0 {
					user = g.h28email()
					ps = append(ps, h15mail(user))
				}
				pw, pps := g.h28pv()
				ps = append(ps, pps...)
				notes := ""
				switch g.r.IntN(4) {
				case 0:
					ib := g.h28iban()
					notes = "IBAN " + ib
					ps = append(ps, h15ib(ib))
				case 1:
					ph := g.h28anyPhone()
					notes = "recovery phone " + ph
					ps = append(ps, h15tel(ph))
				case 2:
					notes = "expires " + date[:10]
				}
				totp := ""
				if g.r.IntN(3) == 0 {
					ts := g.s(b32, 16)
					totp = "otpauth://totp/" + user + "?secret=" + ts + "&period=30&digits=6&issuer=" + g.pick("Kraken", "Nextcloud", "AWS")
					ps = append(ps, secret("totp", ts))
				}
				add(fmt.Sprintf(`"%s","%s","%s","%s","https://%s","%s","%s","%d","%s","%s"`, grp, g.pick("Mail", "Sparkasse", "NAS", "VPS", "Forum", "Router"), user, pw, g.h28host(), notes, totp, g.r.IntN(60), date, date), ps...)
			}
		}},
	},
	// Federated apps.
	{
		template{"fedi", "lemmy.hjson", func(g *gen, f *file) {
			dom := "lemmy." + g.pick(h28orgs...)
			f.add("{")
			f.add("  # for more info about the config, check out the documentation")
			f.add("  # https://join-lemmy.org/docs/en/administration/configuration.html")
			f.add("  database: {")
			pw := g.h28pass()
			f.add(`    connection: "postgres://lemmy:`+url.QueryEscape(pw)+`@`+g.h28host()+`:5432/lemmy"`, h15pw(url.QueryEscape(pw)))
			f.add("  }")
			f.add(`  hostname: "` + dom + `"`)
			f.add("  pictrs: {")
			f.add(`    url: "http://pictrs:8080/"`)
			pk, pks := g.h28rv()
			f.add(`    api_key: "`+pk+`"`, pks...)
			f.add("  }")
			f.add("  email: {")
			f.add(`    smtp_server: "` + g.h28host() + `:587"`)
			f.add(`    smtp_login: "noreply@`+dom+`"`, h28role("noreply@"+dom))
			sp, sps := g.h28pv()
			f.add(`    smtp_password: "`+sp+`"`, sps...)
			f.add(`    smtp_from_address: "noreply@`+dom+`"`, h28role("noreply@"+dom))
			f.add(`    tls_type: "starttls"`)
			f.add("  }")
			f.add("  setup: {")
			f.add(`    admin_username: "` + g.pick("admin", "mod", g.s(lower, 6)) + `"`)
			ap, aps := g.h28pv()
			f.add(`    admin_password: "`+ap+`"`, aps...)
			e := g.h28email()
			f.add(`    admin_email: "`+e+`"`, h15mail(e))
			f.add(`    site_name: "` + g.pick("Kowloon Talk", "Husum Snack", "Iloilo Hambal", "Colmar Forum") + `"`)
			f.add("  }")
			f.add("}")
		}},
		template{"fedi", "peertube-production.yaml", func(g *gen, f *file) {
			dom := "video." + g.pick(h28orgs...)
			f.add("listen:")
			f.add("  hostname: '0.0.0.0'")
			f.add("  port: 9000")
			f.add("webserver:")
			f.add("  https: true")
			f.add("  hostname: '" + dom + "'")
			f.add("  port: 443")
			f.add("secrets:")
			f.add("  # Generate one using `openssl rand -hex 32`")
			sec := g.s(hexd, 64)
			f.add("  peertube: '"+sec+"'", h15gen(sec))
			f.add("database:")
			f.add("  hostname: '" + g.h28host() + "'")
			f.add("  port: 5432")
			f.add("  username: 'peertube'")
			dp, dps := g.h28pv()
			f.add("  password: '"+dp+"'", dps...)
			f.add("redis:")
			f.add("  hostname: 'redis'")
			rp := g.h28plain()
			f.add("  auth: '"+rp+"'", h15pw(rp))
			f.add("smtp:")
			f.add("  transport: smtp")
			f.add("  hostname: '" + g.h28host() + "'")
			f.add("  port: 465")
			f.add("  username: 'peertube@"+dom+"'", h28role("peertube@"+dom))
			sp, sps := g.h28pv()
			f.add("  password: '"+sp+"'", sps...)
			f.add("  tls: true")
			f.add("  from_address: 'noreply@"+dom+"'", h28role("noreply@"+dom))
			f.add("admin:")
			e := g.h28email()
			f.add("  email: '"+e+"'", h15mail(e))
			f.add("object_storage:")
			f.add("  enabled: true")
			f.add("  endpoint: 's3.eu-west-3.amazonaws.com'")
			f.add("  credentials:")
			ak := "AKIA" + g.s(b32[:26]+"234567", 16)
			f.add("    access_key_id: '"+ak+"'", secret("aws", ak))
			sa := g.h16awsSecret()
			f.add("    secret_access_key: '"+sa+"'", secret("aws", sa))
		}},
	},
	// Wiki engines.
	{
		template{"wiki", "local.protected.php", func(g *gen, f *file) {
			f.add("<?php")
			f.add("/*")
			f.add(" * Dokuwiki's protected settings, not touched by the configuration manager")
			f.add(" */")
			f.add("$conf['title'] = '" + g.pick("Vereinswiki", "維基", "Wiki sang Opisina", "Wiki d\\'o coro") + "';")
			f.add("$conf['authtype'] = 'authldap';")
			f.add("$conf['superuser'] = '@admin';")
			f.add("$conf['plugin']['authldap']['server'] = 'ldaps://ldap." + g.pick(h28orgs...) + "';")
			f.add("$conf['plugin']['authldap']['binddn'] = 'cn=dokuwiki,ou=services,dc=example,dc=net';")
			bp := g.h28pass()
			if g.r.IntN(2) == 0 {
				enc := "<b>" + base64.StdEncoding.EncodeToString([]byte(bp))
				f.add("$conf['plugin']['authldap']['bindpw'] = '"+enc+"';", h15pw(enc))
			} else {
				f.add("$conf['plugin']['authldap']['bindpw'] = '"+bp+"';", h15pw(bp))
			}
			f.add("$conf['plugin']['smtp']['smtp_host'] = '" + g.h28host() + "';")
			f.add("$conf['plugin']['smtp']['smtp_port'] = 587;")
			e := g.h28email()
			f.add("$conf['plugin']['smtp']['auth_user'] = '"+e+"';", h15mail(e))
			sp, sps := g.h28pv()
			f.add("$conf['plugin']['smtp']['auth_pass'] = '"+sp+"';", sps...)
			site := "6L" + g.s(urlb64, 38)
			f.add("$conf['plugin']['recaptcha']['publickey'] = '"+site+"';", neutral("public-key", site))
			rk := "6L" + g.s(urlb64, 38)
			f.add("$conf['plugin']['recaptcha']['privatekey'] = '"+rk+"';", secret("recaptcha", rk))
			f.add("// users.auth.php line kept for the local admin:")
			hash := "$1$" + g.s(b64[:62]+"./", 8) + "$" + g.s(b64[:62]+"./", 22)
			e2 := g.h28email()
			f.add("// admin:"+hash+":Wiki Admin:"+e2+":admin,user", neutral("hash", hash), h15mail(e2))
		}},
		template{"wiki", "hibernate.cfg.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<!DOCTYPE hibernate-configuration PUBLIC "-//Hibernate/Hibernate Configuration DTD//EN" "http://www.hibernate.org/dtd/hibernate-configuration-3.0.dtd">`)
			f.add(`<hibernate-configuration>`)
			f.add(`  <session-factory>`)
			f.add(`    <property name="show_sql">false</property>`)
			f.add(`    <property name="use_outer_join">true</property>`)
			f.add(`    <property name="hibernate.connection.url">jdbc:postgresql://` + g.h28host() + `:5432/xwiki</property>`)
			f.add(`    <property name="hibernate.connection.username">xwiki</property>`)
			pw, ps := g.h28pv()
			f.add(`    <property name="hibernate.connection.password">`+h18html(pw)+`</property>`, h18esc(h18html, ps)...)
			f.add(`    <property name="hibernate.connection.driver_class">org.postgresql.Driver</property>`)
			f.add(`    <property name="hibernate.jdbc.use_streams_for_binary">false</property>`)
			f.add(`    <!-- migrated from MySQL on ` + g.h28date()[:10] + `; the old URL was`)
			op := g.h28plain()
			f.add(`         jdbc:mysql://`+g.h28host()+`/xwiki?user=xwiki&amp;password=`+op+`&amp;useSSL=false -->`, h15pw(op))
			f.add(`    <!-- xwiki.cfg holds the cookie keys:`)
			vk := g.s(alnum, 32)
			f.add(`         xwiki.authentication.validationKey=`+vk, h15gen(vk))
			ek := g.s(alnum, 32)
			f.add(`         xwiki.authentication.encryptionKey=`+ek+` -->`, h15gen(ek))
			f.add(`    <mapping resource="xwiki.postgresql.hbm.xml"/>`)
			f.add(`    <mapping resource="feeds.hbm.xml"/>`)
			f.add(`  </session-factory>`)
			f.add(`</hibernate-configuration>`)
		}},
	},
	// Remote access gateways.
	{
		template{"remote", "user-mapping.xml", func(g *gen, f *file) {
			f.add(`<user-mapping>`)
			md := g.s(hexd, 32)
			f.add(`    <!-- password hashed with: echo -n pass | md5sum -->`)
			f.add(`    <authorize username="`+g.pick("helpdesk", "ops", "lab")+`" password="`+md+`" encoding="md5">`, neutral("hash", md))
			f.add(`        <connection name="` + g.pick("reception-pc", "fax-server", "kiosk") + `">`)
			f.add(`            <protocol>vnc</protocol>`)
			f.add(`            <param name="hostname">` + g.privIP() + `</param>`)
			f.add(`            <param name="port">5900</param>`)
			vp := g.s(alnum, 8)
			f.add(`            <param name="password">`+vp+`</param>`, h15pw(vp))
			f.add(`        </connection>`)
			f.add(`    </authorize>`)
			ap, aps := g.h28pv()
			f.add(`    <authorize username="`+g.h28user()+`" password="`+h18html(ap)+`">`, h18esc(h18html, aps)...)
			f.add(`        <connection name="` + g.pick("dc01", "erp", "accounting") + `">`)
			f.add(`            <protocol>rdp</protocol>`)
			f.add(`            <param name="hostname">` + g.privIP() + `</param>`)
			f.add(`            <param name="username">Administrator</param>`)
			rp := g.h28pass()
			f.add(`            <param name="password">`+h18html(rp)+`</param>`, h15pw(h18html(rp)))
			f.add(`            <param name="domain">` + strings.ToUpper(g.s(lower, 5)) + `</param>`)
			f.add(`            <param name="ignore-cert">true</param>`)
			f.add(`        </connection>`)
			f.add(`        <connection name="bastion">`)
			f.add(`            <protocol>ssh</protocol>`)
			f.add(`            <param name="hostname">` + g.h28host() + `</param>`)
			h, body, ft := g.pemBlock(g.pick("RSA PRIVATE KEY", "OPENSSH PRIVATE KEY"), 4, 8)
			f.add(`            <param name="private-key">`+h, h15key(h))
			for _, b := range body {
				f.add(b)
			}
			f.add(ft + `</param>`)
			if g.r.IntN(2) == 0 {
				pp := g.h28pass()
				f.add(`            <param name="passphrase">`+h18html(pp)+`</param>`, h15pw(h18html(pp)))
			}
			f.add(`        </connection>`)
			f.add(`    </authorize>`)
			f.add(`</user-mapping>`)
		}},
		template{"remote", "meshcentral-config.json", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add(`{`)
			f.add(`  "$schema": "https://raw.githubusercontent.com/Ylianst/MeshCentral/master/meshcentral-config-schema.json",`)
			f.add(`  "settings": {`)
			f.add(`    "cert": "mesh.` + org + `",`)
			f.add(`    "port": 443,`)
			f.add(`    "_redirPort": 80,`)
			mp := g.h28pass()
			f.add(`    "mongoDb": "mongodb://mesh:`+url.QueryEscape(mp)+`@mongo:27017/meshcentral?authSource=admin",`, h15pw(url.QueryEscape(mp)))
			f.add(`    "mongoDbName": "meshcentral",`)
			sk, sks := g.h28rv()
			f.add(`    "sessionKey": "`+sk+`",`, sks...)
			dk := g.h28rand()
			f.add(`    "dbEncryptKey": "`+dk+`",`, h15gen(dk))
			f.add(`    "_WANonly": true`)
			f.add(`  },`)
			f.add(`  "domains": {`)
			f.add(`    "": {`)
			f.add(`      "title": "` + g.pick("Support", "Fernwartung", "IT") + `",`)
			f.add(`      "newAccounts": false,`)
			f.add(`      "authStrategies": { "oidc": { "issuer": "https://sso.` + org + `", "clientid": "meshcentral",`)
			cs := g.h28rand()
			f.add(`        "clientsecret": "`+cs+`" } }`, h15gen(cs))
			f.add(`    }`)
			f.add(`  },`)
			e := g.h28email()
			f.add(`  "letsencrypt": { "email": "`+e+`", "names": "mesh.`+org+`", "production": true },`, h15mail(e))
			sp, sps := g.h28pv()
			f.add(`  "smtp": { "host": "`+g.h28host()+`", "port": 587, "from": "mesh@`+org+`", "user": "mesh@`+org+`", "pass": "`+sp+`", "tls": false },`, append(sps, h28role("mesh@"+org))...)
			sid := "AC" + g.s(hexd, 32)
			at := g.s(hexd, 32)
			f.add(`  "sms": { "provider": "twilio", "sid": "`+sid+`", "auth": "`+at+`", "from": "+1 `+fmt.Sprint(2+g.r.IntN(7))+g.s(digits, 2)+` 555 0`+g.s(digits, 3)+`" }`, neutral("id", sid), secret("twilio", at))
			f.add(`}`)
		}},
	},
}

// held28More are the second ten families.
var held28More = []struct{ a, b template }{
	// Fax lines.
	{
		template{"fax", "iaxmodem-ttyIAX0", func(g *gen, f *file) {
			f.add("# /etc/iaxmodem/ttyIAX0 -- fax line for HylaFAX+ (faxgetty ttyIAX0)")
			f.add("device          /dev/ttyIAX0")
			f.add("owner           uucp:uucp")
			f.add("mode            660")
			f.add("port            " + fmt.Sprint(4570+g.r.IntN(4)))
			f.add("refresh         60")
			f.add("server          " + g.privIP())
			f.add("peername        iaxmodem" + fmt.Sprint(g.r.IntN(4)))
			pw, ps := g.h28pv()
			f.add("secret          "+pw, ps...)
			f.add("cidname         " + g.pick("Praxis Petersen", "Studio Esposito", "Villanueva Law", "Chan & Co"))
			ph := g.h28phone()
			f.add("cidnumber       "+ph, h15tel(ph))
			f.add("codec           slinear")
			f.add("#")
			f.add("# etc/FaxDispatch on the HylaFAX side routes received faxes by caller:")
			f.add("#   FILETYPE=pdf")
			e := g.h28email()
			f.add("#   SENDTO="+e, h15mail(e))
			ph2 := g.h28phone()
			e2 := g.h28email()
			f.add(`#   case "$CIDNUMBER" in "`+ph2+`") SENDTO=`+e2+`;; esac`, h15tel(ph2), h15mail(e2))
			if g.r.IntN(2) == 0 {
				rp := g.h28pass()
				fh := g.h28host()
				fa := "fax@" + g.pick(h28orgs...)
				f.add("# faxmail relays through "+fh+":587 as "+fa+" / "+rp, h15pw(rp), h28role(fa))
			}
		}},
		template{"fax", "send_consent_fax.py", func(g *gen, f *file) {
			org := g.pick(h28orgs...)
			f.add("#!/usr/bin/env python3")
			f.add(`"""Fax the signed consent forms to the clinics (SignalWire Compatibility API)."""`)
			f.add("import os")
			f.add("from signalwire.rest import Client as signalwire_client")
			f.add("")
			pid := g.h5uuid()
			f.add(`PROJECT_ID = "`+pid+`"`, neutral("id", pid))
			tok := "PT" + g.s(hexd, 48)
			f.add(`API_TOKEN = os.environ.get("SIGNALWIRE_TOKEN", "`+tok+`")`, secret("signalwire", tok))
			f.add(`SPACE_URL = "` + strings.Split(org, ".")[0] + `.signalwire.com"`)
			f.add("")
			f.add("RECIPIENTS = {")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				fn, ln := g.h28name()
				ph := g.h28phone()
				f.add(`    "Dr. `+fn+" "+ln+`": "`+ph+`",`, h15tel(ph))
			}
			f.add(`    "test line": "+1 202 555 0147",  # fictional number for dry runs`)
			f.add("}")
			f.add("")
			f.add("client = signalwire_client(PROJECT_ID, API_TOKEN, signalwire_space_url=SPACE_URL)")
			f.add("for name, number in RECIPIENTS.items():")
			f.add("    fax = client.fax.faxes.create(")
			f.add(`        from_="+1` + fmt.Sprint(2+g.r.IntN(7)) + g.s(digits, 9) + `", to=number,`)
			mt := g.s(alnum, 32)
			f.add(`        media_url="https://files.`+org+`/consent/latest.pdf?access_token=`+mt+`",`, h15gen(mt))
			f.add("    )")
			f.add(`    print(name, fax.sid, fax.status)`)
			e := g.h28email()
			f.add(`# failures are mailed to `+e, h15mail(e))
			sp, sps := g.h28pv()
			f.add(`SMTP = ("`+g.h28host()+`", 587, "fax@`+org+`", "`+sp+`")`, append(sps, h28role("fax@"+org))...)
		}},
	},
	// Game backends.
	{
		template{"game", "DefaultEngine.ini", func(g *gen, f *file) {
			f.add("[/Script/EngineSettings.GameMapsSettings]")
			f.add("GameDefaultMap=/Game/Maps/MainMenu.MainMenu")
			f.add("[OnlineSubsystem]")
			f.add("DefaultPlatformService=EOS")
			f.add("[OnlineSubsystemEOS]")
			f.add("bEnabled=true")
			f.add("[/Script/OnlineSubsystemEOS.EOSSettings]")
			f.add("CacheDir=CacheDir")
			f.add("DefaultArtifactName=Live")
			cs := g.s(alnum+"+/", 43)
			ek := g.s(hexd, 64)
			f.add(fmt.Sprintf(`+Artifacts=(ArtifactName="Live",ClientId="xyza7891%s",ClientSecret="%s",ProductId="%s",SandboxId="%s",DeploymentId="%s",EncryptionKey="%s")`, g.s(alnum, 24), cs, g.s(hexd, 32), g.s(hexd, 32), g.s(hexd, 32), ek), h15gen(cs), h15gen(ek))
			f.add("bUseEAS=True")
			f.add("bUseEOSConnect=True")
			f.add("[/Script/SentryUnreal.SentrySettings]")
			dsn := "https://" + g.s(hexd, 32) + "@o" + g.s(digits, 6) + ".ingest.sentry.io/" + g.s(digits, 7)
			f.add(`Dsn="`+dsn+`"`, neutral("dsn", dsn))
			f.add("[/Script/AndroidRuntimeSettings.AndroidRuntimeSettings]")
			f.add("PackageName=com." + g.pick("kowloonmedia", "tamsuitech", "leithdata") + ".game")
			f.add("KeyStore=release.keystore")
			f.add("KeyAlias=upload")
			kp, kps := g.h28pv()
			f.add("KeyStorePassword="+kp, kps...)
			kp2 := g.h28plain()
			f.add("KeyPassword="+kp2, h15pw(kp2))
			f.add("[/Script/Engine.Engine]")
			f.add("+ActiveGameNameRedirects=(OldGameName=\"TP_Blank\",NewGameName=\"/Script/Game\")")
		}},
		template{"game", "dedicated-server.env", func(g *gen, f *file) {
			f.add("# Dedicated server environment (PlayFab Multiplayer / Unity Gaming Services)")
			f.add("PLAYFAB_TITLE_ID=" + strings.ToUpper(g.s(hexd, 5)))
			pk := g.s(upperD, 46)
			f.add("PLAYFAB_DEV_SECRET_KEY="+pk, secret("playfab", pk))
			pid := g.h5uuid()
			f.add("UGS_PROJECT_ID="+pid, neutral("id", pid))
			kid := g.h5uuid()
			f.add("UGS_SERVICE_ACCOUNT_KEY_ID="+kid, neutral("id", kid))
			us := g.s(alnum+"_-", 32)
			f.add("UGS_SERVICE_ACCOUNT_SECRET="+us, h15gen(us))
			sk := strings.ToUpper(g.s(hexd, 32))
			f.add("STEAM_WEB_API_KEY="+sk, secret("steam", sk))
			rp := g.h28plain()
			f.add("MATCHMAKER_REDIS_URL=redis://default:"+rp+"@"+g.h28host()+":6379/2", h15pw(rp))
			ap, aps := g.h28pv()
			f.add("RCON_PASSWORD="+ap, aps...)
			js, jss := g.h28rv()
			f.add("BACKEND_JWT_SECRET="+js, jss...)
			f.add("SENTRY_DSN=https://" + g.s(hexd, 32) + "@o" + g.s(digits, 6) + ".ingest.sentry.io/" + g.s(digits, 7))
			f.add("GAME_VERSION=" + fmt.Sprintf("%d.%d.%d", g.r.IntN(3), g.r.IntN(20), g.r.IntN(200)))
			n, v, p := g.h28tok()
			f.add(n+"="+v, p)
		}},
	},
	// Solar monitoring.
	{
		template{"solar", "opendtu-config.json", func(g *gen, f *file) {
			f.add("{")
			f.add(`  "cfg": { "version": 196608, "save_count": ` + fmt.Sprint(g.r.IntN(90)) + ` },`)
			wp := g.h28plain()
			f.add(`  "wifi": { "ssid": "`+g.pick("FRITZ!Box 7590 XY", "Husum-Hof", "Casa Esposito", "PLDT_HOME")+`", "password": "`+wp+`", "dhcp": true, "hostname": "OpenDTU-`+g.s(hexd, 6)+`", "aptimeout": 3 },`, h15pw(wp))
			f.add(`  "mdns": { "enabled": true },`)
			f.add(`  "ntp": { "server": "pool.ntp.org", "timezone": "CET-1CEST,M3.5.0,M10.5.0/3", "timezone_descr": "Europe/Berlin" },`)
			mp, mps := g.h28pv()
			f.add(`  "mqtt": { "enabled": true, "hostname": "`+g.h28host()+`", "port": 1883, "username": "opendtu", "password": "`+mp+`", "topic": "solar/", "retain": true },`, mps...)
			f.add(`  "dtu": { "serial": 1999800` + g.s(digits, 5) + `, "poll_interval": 5, "nrf_pa_level": 0 },`)
			if g.r.IntN(2) == 0 {
				f.add(`  "security": { "password": "openDTU42", "allow_readonly": true },`, neutral("default-password", "openDTU42"))
			} else {
				sp := g.h28pass()
				f.add(`  "security": { "password": "`+sp+`", "allow_readonly": false },`, h15pw(sp))
			}
			f.add(`  "inverters": [ { "serial": 1161` + g.s(digits, 8) + `, "name": "` + g.pick("Dach Süd", "Garage", "Balkon") + `", "poll_enable": true } ]`)
			f.add("}")
		}},
		template{"solar", "envoy_poller.py", func(g *gen, f *file) {
			f.add("#!/usr/bin/env python3")
			f.add("# polls the IQ Gateway every minute and writes to InfluxDB")
			f.add("import requests, time")
			f.add("from influxdb_client import InfluxDBClient, Point")
			e := g.h28email()
			f.add(`ENLIGHTEN_USER = "`+e+`"`, h15mail(e))
			pw, ps := g.h28pv()
			f.add(`ENLIGHTEN_PASSWORD = "`+pw+`"`, ps...)
			serial := "1221" + g.s(digits, 8)
			f.add(`ENVOY_SERIAL = "` + serial + `"`)
			f.add(`ENVOY_HOST = "https://envoy.local"`)
			f.add("# owner token from https://entrez.enphaseenergy.com/tokens (valid one year)")
			enc := base64.RawURLEncoding.EncodeToString
			jwt := enc([]byte(`{"kid":"`+g.s(hexd, 8)+`","typ":"JWT","alg":"ES256"}`)) + "." + enc([]byte(fmt.Sprintf(`{"aud":"%s","iss":"Entrez","enphaseUser":"owner","exp":%d,"iat":%d,"jti":"%s","username":"%s"}`, serial, 1800000000+g.r.IntN(1e7), 1770000000+g.r.IntN(1e7), g.h5uuid(), e))) + "." + g.s(urlb64, 86)
			f.add(`ENVOY_TOKEN = "`+jwt+`"`, secret("jwt", jwt))
			f.add(`INFLUX_URL = "http://` + g.privIP() + `:8086"`)
			it := g.s(urlb64, 86) + "=="
			f.add(`INFLUX_TOKEN = "`+it+`"`, secret("influxdb", it))
			f.add(`HEADERS = {"Authorization": f"Bearer {ENVOY_TOKEN}"}`)
			f.add("while True:")
			f.add(`    r = requests.get(f"{ENVOY_HOST}/production.json?details=1", headers=HEADERS, verify=False, timeout=10)`)
			f.add("    time.sleep(60)")
		}},
	},
	// Workflow engines.
	{
		template{"workflow", "cromwell-application.conf", func(g *gen, f *file) {
			f.add(`include required(classpath("application"))`)
			f.add(`webservice { port = 8000, interface = 0.0.0.0 }`)
			f.add(`database {`)
			f.add(`  profile = "slick.jdbc.MySQLProfile$"`)
			f.add(`  db {`)
			f.add(`    driver = "com.mysql.cj.jdbc.Driver"`)
			f.add(`    url = "jdbc:mysql://` + g.h28host() + `/cromwell?rewriteBatchedStatements=true&useSSL=true"`)
			f.add(`    user = "cromwell"`)
			pw, ps := g.h28pv()
			f.add(`    password = "`+pw+`"`, ps...)
			f.add(`    connectionTimeout = 5000`)
			f.add(`  }`)
			f.add(`}`)
			f.add(`aws {`)
			f.add(`  application-name = "cromwell"`)
			ak := "AKIA" + g.s(b32[:26]+"234567", 16)
			sa := g.h16awsSecret()
			f.add(`  auths = [{`)
			f.add(`    name = "default"`)
			f.add(`    scheme = "custom_keys"`)
			f.add(`    access-key = "`+ak+`"`, secret("aws", ak))
			f.add(`    secret-key = "`+sa+`"`, secret("aws", sa))
			f.add(`  }]`)
			f.add(`  region = "eu-central-1"`)
			f.add(`}`)
			f.add(`backend {`)
			f.add(`  default = "AWSBatch"`)
			f.add(`  providers.AWSBatch.config {`)
			f.add(`    root = "s3://cromwell-runs/executions"`)
			b, bp := g.h28basic()
			f.add(`    dockerhub { token = "`+b+`" }`, bp)
			f.add(`  }`)
			f.add(`}`)
			if g.r.IntN(2) == 0 {
				e := g.h28email()
				f.add(`# maintainer: `+e, h15mail(e))
			}
		}},
		template{"workflow", "submit-arvados.sh", func(g *gen, f *file) {
			cl := g.s(h5lowerD, 5)
			f.add("#!/bin/bash")
			f.add("# submit the joint-calling workflow to the Arvados cluster")
			f.add("set -euo pipefail")
			f.add("export ARVADOS_API_HOST=" + cl + ".arvados." + g.pick(h28orgs...))
			tok := "v2/" + cl + "-gj3su-" + g.s(h5lowerD, 15) + "/" + g.s(h5lowerD, 50)
			f.add("export ARVADOS_API_TOKEN="+tok, secret("arvados", tok))
			f.add("export ARVADOS_API_HOST_INSECURE=false")
			f.add("cat > job.yml <<'EOF'")
			f.add("reference: {class: File, location: keep:" + g.s(hexd, 32) + "+" + fmt.Sprint(1000000+g.r.IntN(9000000)) + "/GRCh38.fa}")
			f.add("sample_sheet: {class: File, location: samples.tsv}")
			e := g.h28email()
			f.add("notify_email: "+e, h15mail(e))
			ak := "AKIA" + g.s(b32[:26]+"234567", 16)
			f.add("aws_access_key_id: "+ak, secret("aws", ak))
			sa := g.h16awsSecret()
			f.add("aws_secret_access_key: "+sa, secret("aws", sa))
			f.add("EOF")
			f.add("arvados-cwl-runner --api=containers --project-uuid " + cl + "-j7d0g-" + g.s(h5lowerD, 15) + " \\")
			f.add("  joint-calling.cwl job.yml")
			if g.r.IntN(2) == 0 {
				pw := g.h28plain()
				f.add("# results are copied to the collaborator's SFTP: sftp://upload:"+pw+"@sftp."+g.pick(h28orgs...)+"/incoming", h15pw(pw))
			}
		}},
	},
	// Browser testing.
	{
		template{"e2e", "storageState.json", func(g *gen, f *file) {
			dom := "app." + g.pick(h28orgs...)
			f.add("{")
			f.add(`  "cookies": [`)
			sid := g.s(h5lowerD, 32)
			f.add(`    { "name": "sessionid", "value": "`+sid+`", "domain": "`+dom+`", "path": "/", "expires": 1790`+g.s(digits, 6)+`.`+g.s(digits, 3)+`, "httpOnly": true, "secure": true, "sameSite": "Lax" },`, secret("session", sid))
			ct := g.s(alnum, 32)
			f.add(`    { "name": "csrftoken", "value": "`+ct+`", "domain": "`+dom+`", "path": "/", "expires": 1820`+g.s(digits, 6)+`, "httpOnly": false, "secure": true, "sameSite": "Lax" },`, neutral("csrf", ct))
			f.add(`    { "name": "_ga", "value": "GA1.1.` + g.s(digits, 10) + `.` + g.s(digits, 10) + `", "domain": ".` + dom + `", "path": "/", "expires": 1820000000, "httpOnly": false, "secure": false, "sameSite": "Lax" }`)
			f.add(`  ],`)
			f.add(`  "origins": [`)
			f.add(`    {`)
			f.add(`      "origin": "https://` + dom + `",`)
			f.add(`      "localStorage": [`)
			jwt := g.h16jwt()
			f.add(`        { "name": "auth.accessToken", "value": "`+jwt+`" },`, secret("jwt", jwt))
			e := g.h28email()
			ph := g.h28phone()
			f.add(`        { "name": "auth.user", "value": "{\"email\":\"`+e+`\",\"phone\":\"`+ph+`\",\"role\":\"staff\"}" },`, h15mail(e), h15tel(ph))
			f.add(`        { "name": "theme", "value": "dark" }`)
			f.add(`      ]`)
			f.add(`    }`)
			f.add(`  ]`)
			f.add("}")
		}},
		template{"e2e", "wdio.conf.js", func(g *gen, f *file) {
			fn, ln := g.h28name()
			bu := strings.ToLower(fn+ln) + "_" + g.s(alnum, 6)
			bu = strings.Map(func(r rune) rune {
				if r < 0x80 && r != '-' {
					return r
				}
				return -1
			}, bu)
			f.add("exports.config = {")
			f.add("    user: process.env.BROWSERSTACK_USERNAME || '" + bu + "',")
			bk := g.s(alnum, 20)
			f.add("    key: process.env.BROWSERSTACK_ACCESS_KEY || '"+bk+"',", secret("browserstack", bk))
			f.add("    hostname: 'hub.browserstack.com',")
			f.add("    services: [['browserstack', { testObservability: true, browserstackLocal: true }]],")
			f.add("    capabilities: [{ browserName: 'chrome', 'bstack:options': { os: 'Windows', osVersion: '11' } }],")
			f.add("    // nightly run on Sauce Labs instead:")
			f.add("    //   user: 'oauth-" + strings.ToLower(ln) + "-" + g.s(hexd, 5) + "',")
			sk := g.h5uuid()
			f.add("    //   key: '"+sk+"',", secret("saucelabs", sk))
			f.add("    baseUrl: 'https://staging." + g.pick(h28orgs...) + "',")
			f.add("    framework: 'mocha',")
			f.add("    before: async function () {")
			f.add("        await browser.url('/login');")
			e := g.h28email()
			f.add("        await $('#email').setValue('"+e+"');", h15mail(e))
			pw, ps := g.h28pv()
			f.add("        await $('#password').setValue('"+pw+"');", ps...)
			f.add("        await $('button[type=submit]').click();")
			f.add("    },")
			f.add("    // fixture account for the signup spec: test@example.com / Passw0rd!", neutral("email", "test@example.com"))
			f.add("};")
		}},
	},
	// Personal finance.
	{
		template{"finance", "firefly.env", func(g *gen, f *file) {
			f.add("APP_ENV=production")
			f.add("APP_DEBUG=false")
			e := g.h28email()
			f.add("SITE_OWNER="+e, h15mail(e))
			ak := g.s(alnum, 32)
			f.add("APP_KEY="+ak, h15gen(ak))
			f.add("DEFAULT_LANGUAGE=" + g.pick("de_DE", "it_IT", "zh_TW", "en_GB"))
			f.add("TZ=Europe/Berlin")
			f.add("DB_CONNECTION=pgsql")
			f.add("DB_HOST=" + g.h28host())
			f.add("DB_PORT=5432")
			f.add("DB_DATABASE=firefly")
			f.add("DB_USERNAME=firefly")
			dp, dps := g.h28pv()
			f.add("DB_PASSWORD="+dp, dps...)
			f.add("MAIL_MAILER=smtp")
			f.add("MAIL_HOST=" + g.h28host())
			mu := "firefly@" + g.pick(h28orgs...)
			f.add("MAIL_USERNAME="+mu, h28role(mu))
			mp, mps := g.h28pv()
			f.add("MAIL_PASSWORD="+mp, mps...)
			ct := g.s(alnum, 32)
			f.add("STATIC_CRON_TOKEN="+ct, h15gen(ct))
			f.add("# --- data importer (.importer.env) ---")
			f.add("FIREFLY_III_URL=http://firefly:8080")
			jwt := g.h16jwt()
			f.add("FIREFLY_III_ACCESS_TOKEN="+jwt, secret("jwt", jwt))
			nid := g.h5uuid()
			f.add("NORDIGEN_ID="+nid, neutral("id", nid))
			nk := g.s(hexd, 128)
			f.add("NORDIGEN_KEY="+nk, secret("gocardless", nk))
			ib := g.h28iban()
			f.add("# default import account: "+groupsOf4(ib), h15ib(groupsOf4(ib)))
		}},
		template{"finance", "actual-sync.mjs", func(g *gen, f *file) {
			f.add("// sync.mjs -- pull SimpleFIN transactions into Actual Budget every night")
			f.add("import * as api from '@actual-app/api';")
			u, p := g.s(hexd, 64), g.s(hexd, 64)
			au := "https://" + u + ":" + p + "@beta-bridge.simplefin.org/simplefin"
			f.add("const SIMPLEFIN_ACCESS_URL = '"+au+"';", plant{family: "password", kind: "secret", value: au, core: p})
			pw, ps := g.h28pv()
			f.add("await api.init({ dataDir: '/data/actual', serverURL: 'https://budget."+g.pick(h28orgs...)+"', password: '"+pw+"' });", ps...)
			bid := g.h5uuid()
			ep := g.h28pass()
			f.add("await api.downloadBudget('"+bid+"', { password: '"+ep+"' }); // end-to-end encryption key", neutral("id", bid), h15pw(ep))
			f.add("const ACCOUNTS = {")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				ib := g.h28iban()
				aid := g.h5uuid()
				f.add("  '"+ib+"': '"+aid+"',", h15ib(ib), neutral("id", aid))
			}
			f.add("  'Visa •••• " + g.s(digits, 4) + "': '" + g.h5uuid() + "',")
			f.add("};")
			f.add("const res = await fetch(`${SIMPLEFIN_ACCESS_URL}/accounts?start-date=${since}`);")
			e := g.h28email()
			f.add("// report failures to "+e, h15mail(e))
		}},
	},
	// Push servers.
	{
		template{"push", "gorush-config.yml", func(g *gen, f *file) {
			f.add("core:")
			f.add("  enabled: true")
			f.add("  address: \"\"")
			f.add("  port: \"8088\"")
			f.add("  worker_num: 0")
			f.add("  queue_num: 0")
			f.add("  mode: \"release\"")
			f.add("android:")
			f.add("  enabled: true")
			fk := "AAAA" + g.s(alnum+"_-", 7) + ":APA91b" + g.s(alnum+"_-", 134)
			f.add("  apikey: \""+fk+"\"", secret("firebase", fk))
			f.add("  max_retry: 0")
			f.add("huawei:")
			f.add("  enabled: " + g.pick("true", "false"))
			hs := g.s(hexd, 64)
			f.add("  appsecret: \""+hs+"\"", h15gen(hs))
			f.add("  appid: \"10" + g.s(digits, 7) + "\"")
			f.add("ios:")
			f.add("  enabled: true")
			f.add("  key_path: \"\"")
			kb := g.h28pemB64()
			f.add("  key_base64: \""+kb+"\"", h15key(kb))
			f.add("  key_type: \"p8\"")
			f.add("  password: \"\"")
			f.add("  production: true")
			f.add("  key_id: \"" + g.s(upperD, 10) + "\"")
			f.add("  team_id: \"" + g.s(upperD, 10) + "\"")
			f.add("queue:")
			f.add("  engine: redis")
			f.add("  redis:")
			f.add("    addr: " + g.h28host() + ":6379")
			rp, rps := g.h28pv()
			f.add("    password: \""+rp+"\"", rps...)
		}},
		template{"push", "ntfy-server.yml", func(g *gen, f *file) {
			dom := "ntfy." + g.pick(h28orgs...)
			f.add("# ntfy server config file")
			f.add("base-url: \"https://" + dom + "\"")
			f.add("listen-http: \":80\"")
			f.add("cache-file: \"/var/cache/ntfy/cache.db\"")
			f.add("auth-file: \"/var/lib/ntfy/user.db\"")
			f.add("auth-default-access: \"deny-all\"")
			f.add("auth-users:")
			bh := "$2a$10$" + g.s(b64[:62]+"./", 53)
			f.add("  - \"admin:"+bh+":admin\"", neutral("hash", bh))
			f.add("auth-tokens:")
			tk := "tk_" + g.s(h5lowerD, 29)
			f.add("  - \"backup:"+tk+":Nightly backups\"", secret("ntfy", tk))
			f.add("upstream-base-url: \"https://ntfy.sh\"")
			f.add("smtp-sender-addr: \"" + g.h28host() + ":587\"")
			f.add("smtp-sender-user: \"ntfy@"+dom+"\"", h28role("ntfy@"+dom))
			sp, sps := g.h28pv()
			f.add("smtp-sender-pass: \""+sp+"\"", sps...)
			f.add("smtp-sender-from: \"ntfy@"+dom+"\"", h28role("ntfy@"+dom))
			f.add("web-push-public-key: B" + g.s(urlb64, 86))
			wk := g.s(urlb64, 43)
			f.add("web-push-private-key: "+wk, h15gen(wk))
			e := g.h28email()
			f.add("web-push-email-address: "+e, h15mail(e))
			sid := "AC" + g.s(hexd, 32)
			f.add("twilio-account: \""+sid+"\"", neutral("id", sid))
			at := g.s(hexd, 32)
			f.add("twilio-auth-token: \""+at+"\"", secret("twilio", at))
			ph := g.h28phone()
			f.add("twilio-phone-number: \""+ph+"\"", h15tel(ph))
			f.add("# test: curl -H \"Authorization: Bearer "+tk+"\" -d \"backup done\" https://"+dom+"/backups", secret("ntfy", tk))
		}},
	},
	// Fitness clubs.
	{
		template{"club", "mitglieder_export.csv", func(g *gen, f *file) {
			add := func(line string, ps ...plant) {
				f.add(h28cp1252(line)+"\r", h18esc(h28cp1252, ps)...)
			}
			add("Mitgliedsnummer;Anrede;Vorname;Nachname;Straße;PLZ;Ort;Geburtsdatum;E-Mail;Telefon;IBAN;BIC;Kontoinhaber;Mandatsreferenz;Tarif;Beitrag;Notiz")
			firsts := []string{"Jürgen", "Sönke", "Frauke", "Hauke", "Björn", "Maren", "Gesa", "Thies", "Käthe", "Jörn"}
			lasts := []string{"Petersen", "Jensen", "Hansen", "Thomsen", "Lorenzen", "Carstensen", "Clausen", "Nissen", "Brodersen", "Möller"}
			for i := 0; i < 4+g.r.IntN(4); i++ {
				fn, ln := g.pick(firsts...), g.pick(lasts...)
				var ps []plant
				e := strings.ToLower(strings.NewReplacer("ü", "ue", "ö", "oe", "ä", "ae").Replace(fn+"."+ln)) + "@" + g.pick("gmx.de", "web.de", "t-online.de", "husum-energie.de")
				ps = append(ps, h15mail(e))
				var ph string
				if g.r.IntN(2) == 0 {
					ph = "+49 15" + g.s(digits, 1) + " " + g.s(digits, 8)
				} else {
					ph = "015" + g.s(digits, 1) + " " + g.s(digits, 8)
				}
				ps = append(ps, h15tel(ph))
				ib := ibanWith("DE", g.s(digits, 18))
				ps = append(ps, h15ib(ib))
				note := ""
				switch g.r.IntN(5) {
				case 0:
					c := g.card(false)
					note = "zahlt per Karte " + c
					ps = append(ps, h15cc(c))
				case 1:
					note = "Testkarte 4242424242424242 im Kassensystem"
				case 2:
					note = "Beitrag ruht bis 03/2027"
				}
				add(fmt.Sprintf("%d;%s;%s;%s;%s;%d;%s;%02d.%02d.%d;%s;%s;%s;%s;%s %s;MREF-%s;%s;%s;%s",
					10000+g.r.IntN(9000), g.pick("Herr", "Frau"), fn, ln, g.pick("Süderstraße ", "Große Straße ", "Norderstraße ")+fmt.Sprint(1+g.r.IntN(90)), 25800+g.r.IntN(100), g.pick("Husum", "Bredstedt", "Niebüll"), 1+g.r.IntN(28), 1+g.r.IntN(12), 1950+g.r.IntN(55),
					e, ph, ib, g.pick("NOLADE21NOS", "GENODEF1HUM", "COBADEFFXXX"), fn, ln, g.s(digits, 8), g.pick("Basic", "Premium", "Familie"), g.pick("29,90", "39,90", "54,00"), note), ps...)
			}
		}},
		template{"club", "members_api_capture.txt", func(g *gen, f *file) {
			f.add("GET /v2/clubs/" + g.s(digits, 4) + "/members?updatedSince=2026-01-01T00:00:00Z HTTP/1.1")
			f.add("Host: api.clubdesk-cloud.com")
			jwt := g.h16jwt()
			f.add("Authorization: Bearer "+jwt, secret("jwt", jwt))
			ak := g.s(alnum, 40)
			f.add("X-Api-Key: "+ak, h15gen(ak))
			f.add("Accept: application/json")
			f.add("")
			f.add("HTTP/1.1 200 OK")
			f.add("Content-Type: application/json; charset=utf-8")
			f.add("X-Request-Id: " + g.h5uuid())
			f.add("")
			f.add("{")
			f.add(`  "members": [`)
			n := 2 + g.r.IntN(3)
			for i := 0; i < n; i++ {
				fn, ln := g.h28name()
				f.add("    {")
				f.add(`      "id": ` + fmt.Sprint(100000+g.r.IntN(900000)) + `,`)
				f.add(`      "firstName": "` + fn + `", "lastName": "` + ln + `",`)
				e := g.h28email()
				f.add(`      "email": "`+e+`",`, h15mail(e))
				ph := g.h28phone()
				f.add(`      "mobilePhone": "`+ph+`",`, h15tel(ph))
				ec := g.h28anyPhone()
				f.add(`      "emergencyContact": { "name": "`+g.pick("Mum", "Partner", "Ailsa", "Kofi")+`", "phone": "`+ec+`" },`, h15tel(ec))
				if g.r.IntN(2) == 0 {
					ib := g.h28iban()
					f.add(`      "paymentMethod": { "type": "sepa_debit", "iban": "`+ib+`", "mandateId": "MD`+g.s(upperD, 10)+`" },`, h15ib(ib))
				} else {
					f.add(`      "paymentMethod": { "type": "card", "brand": "visa", "last4": "` + g.s(digits, 4) + `", "expYear": 2029 },`)
				}
				if g.r.IntN(3) == 0 {
					ni := g.h28nino()
					f.add(`      "customFields": { "nationalInsuranceNumber": "`+ni+`" },`, h15id(ni))
				}
				f.add(`      "accessPin": "` + g.s(digits, 4) + `"`)
				if i == n-1 {
					f.add("    }")
				} else {
					f.add("    },")
				}
			}
			f.add("  ]")
			f.add("}")
		}},
	},
	// Wedding planners' messages.
	{
		template{"wedding", "WhatsApp Chat - Hochzeit.txt", func(g *gen, f *file) {
			langs := []h28lang{h28langCantonese, h28langLowGerman, h28langHiligaynon}
			names := []string{"Ka-wai Chan", "Frauke Jensen", "Ramon Villanueva", "Planner ✿ Joy", "Hauke"}
			f.add("[" + fmt.Sprintf("%02d/%02d/2026, 09:%02d:%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(60), g.r.IntN(60)) + "] " + names[3] + ": Messages and calls are end-to-end encrypted.")
			for i := 0; i < 8+g.r.IntN(6); i++ {
				ts := fmt.Sprintf("%02d/%02d/2026, %02d:%02d:%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), 8+g.r.IntN(14), g.r.IntN(60), g.r.IntN(60))
				msg, ps := g.h28say(langs)
				f.add("["+ts+"] "+g.pick(names...)+": "+msg, ps...)
			}
			if g.r.IntN(2) == 0 {
				f.add("[" + fmt.Sprintf("%02d/%02d/2026, 18:%02d:%02d", 1+g.r.IntN(28), 1+g.r.IntN(12), g.r.IntN(60), g.r.IntN(60)) + "] " + names[3] + ": <Media omitted>")
			}
		}},
		template{"wedding", "planner-message.eml", func(g *gen, f *file) {
			langs := []h28lang{h28langScots, h28langEwe, h28langCrimeanTatar}
			from, to := g.h28email(), g.h28email()
			fn, ln := g.h28name()
			f.add("From: \""+fn+" "+ln+"\" <"+from+">", h15mail(from))
			f.add("To: <"+to+">", h15mail(to))
			f.add("Subject: =?UTF-8?Q?" + g.pick("Waddin_plans", "Srɔ̃ɖeɖe", "Toy") + "?=")
			f.add("Date: Sat, " + fmt.Sprintf("%d %s 2026 %02d:%02d:00 +0000", 1+g.r.IntN(28), g.pick("Mar", "Jun", "Sep"), g.r.IntN(24), g.r.IntN(60)))
			f.add("Message-ID: <" + g.s(hexd, 16) + "@" + g.pick(h28orgs...) + ">")
			f.add("MIME-Version: 1.0")
			f.add("Content-Type: text/plain; charset=\"utf-8\"")
			f.add("Content-Transfer-Encoding: quoted-printable")
			f.add("")
			for i := 0; i < 5+g.r.IntN(5); i++ {
				msg, ps := g.h28say(langs)
				f.add(h28qp(msg), h18esc(h28qp, ps)...)
			}
			f.add("")
			f.add("-- ")
			f.add(h28qp(fn + " " + ln))
		}},
	},
	// Choir and music school notices.
	{
		template{"choir", "newsletter.html", func(g *gen, f *file) {
			langs := []h28lang{h28langNeapolitan, h28langSranan, h28langHokkien}
			f.add("<!DOCTYPE html>")
			f.add(`<html lang="` + g.pick("nap", "srn", "nan") + `">`)
			f.add(`<head><meta charset="utf-8"><title>` + h18html(g.pick("Coro d'o Vommero", "Koor fu Paramaribo", "Tâi-lâm Ha̍p-chhiùⁿ-thoân")) + `</title></head>`)
			f.add("<body>")
			f.add("<h1>Newsletter</h1>")
			for i := 0; i < 5+g.r.IntN(5); i++ {
				msg, ps := g.h28say(langs)
				f.add("<p>"+h18html(msg)+"</p>", h18esc(h18html, ps)...)
			}
			e := g.h28email()
			f.add(`<p><a href="mailto:`+e+`">`+h18html(g.pick("Scriveme", "Seni e-mail", "Kià e-mail"))+`</a></p>`, h15mail(e))
			f.add("<!-- template v" + fmt.Sprintf("%d.%d.%d", 1+g.r.IntN(4), g.r.IntN(10), g.r.IntN(30)) + " -->")
			f.add("</body></html>")
		}},
		template{"choir", "inscription-responses.csv", func(g *gen, f *file) {
			type col struct{ ts, mail, name, phone, iban, id, note string }
			heads := []col{
				{"Zitstempel", "E-Mail-Adress", "Nàme", "Telefonnummere", "IBAN fer dr Beitrag", "Sozialversicherungsnummere", "Bemerkunge"},
				{"Timestamp", "Email Address", "Ngaran", "Numero han telepono", "IBAN para han bayad", "ID numero", "Mga komento"},
				{"Igihe", "Aderesi ya imeyili", "Izina", "Inomero ya terefone", "IBAN yo kwishyura", "Inomero y'indangamuntu", "Ivyiyongereye"},
			}
			li := g.r.IntN(3)
			h := heads[li]
			lang := []h28lang{h28langAlsatian, h28langWaray, h28langKirundi}[li]
			f.add("\ufeff" + strings.Join([]string{h.ts, h.mail, h.name, h.phone, h.iban, h.id, h.note}, ","))
			for i := 0; i < 4+g.r.IntN(4); i++ {
				var ps []plant
				e := g.h28email()
				ps = append(ps, h15mail(e))
				fn, ln := g.h28name()
				ph := g.h28anyPhone()
				ps = append(ps, h15tel(ph))
				ib := ""
				if g.r.IntN(3) > 0 {
					ib = g.h28iban()
					ps = append(ps, h15ib(ib))
				}
				id := ""
				if li == 0 && g.r.IntN(2) == 0 {
					id = g.h28nir()
					ps = append(ps, h15id(id))
				}
				msg, mps := g.h28say([]h28lang{lang})
				ps = append(ps, mps...)
				f.add(fmt.Sprintf(`%d/%d/2026 %d:%02d:%02d,%s,%s %s,%s,%s,%s,"%s"`, 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), e, fn, ln, ph, ib, id, msg), ps...)
			}
		}},
	},
}

// h28role labels a role or service address (admin@, noreply@, fax@ …) neutral, as
// held4's policy has it.
func h28role(v string) plant { return neutral("role-email", v) }

var held28aTemplates, held28bTemplates = halves(append(held28Families, held28More...))
