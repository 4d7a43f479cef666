package main

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// held16Families pairs two variants of one class in different concrete shapes: a goes
// to held16a (may be tuned on), b to held16b (held out; totals only — see held16.go).
var held16Families = []struct{ a, b template }{
	// Wire protocols.
	{
		template{"redis", "appendonly.aof", func(g *gen, f *file) {
			h16resp(f, nil, "SELECT", "0")
			for i := 0; i < 6+g.r.IntN(3); i++ {
				c := g.r.IntN(9)
				if i == 0 {
					c = g.r.IntN(2)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					h16resp(f, map[int][]plant{2: {h15pw(pw)}}, "SET", "cfg:"+g.pick("smtp", "ldap", "sftp")+":password", pw)
				case 1:
					_, v, p := g.h16tokPlain()
					h16resp(f, map[int][]plant{3: {p}}, "HSET", "integration:"+g.pick("billing", "crm", "search"), "api_key", v, "enabled", "1")
				case 2:
					tok := g.h16jwt()
					h16resp(f, map[int][]plant{2: {secret("jwt", tok)}}, "SET", "oauth:"+g.h5uuid(), `{"access_token":"`+tok+`","token_type":"Bearer","expires_in":3600}`)
					h16resp(f, nil, "PEXPIREAT", "oauth:"+g.h5uuid(), fmt.Sprint(1767000000000+g.r.Int64N(1e10)))
				case 3:
					e, ph := g.h16email(), g.h16phone()
					h16resp(f, map[int][]plant{3: {h15mail(e)}, 5: {h15tel(ph)}}, "HSET", "customer:"+g.s(digits, 6), "email", e, "phone", ph, "country", g.pick("IN", "BY", "LU", "NG"))
				case 4:
					h16resp(f, nil, "SET", "cache:etag:/v2/catalog", g.s(hexd, 40))
				case 5:
					h16resp(f, nil, "SET", "lock:job:"+g.s(digits, 5), g.h5uuid(), "PX", "30000", "NX")
				case 6:
					k := g.h16rand()
					h16resp(f, map[int][]plant{2: {h15gen(k)}}, "SET", "webhook:"+g.pick("github", "shopify", "stripe")+":signing_secret", k)
				case 7:
					js, ps := g.h16sa()
					h16resp(f, map[int][]plant{2: ps}, "SET", "integration:gcs:credentials", js)
				default:
					h16resp(f, nil, "SET", "session:"+g.s(hexd, 32), `{"user_id":`+g.s(digits, 5)+`,"csrf":"`+g.s(hexd, 32)+`"}`)
				}
			}
		}},
		template{"mail", "imap-session.txt", func(g *gen, f *file) {
			host := g.pick("imap", "mail", "pop") + "." + g.pick(h16orgs...)
			for i := 0; i < 3; i++ {
				switch g.r.IntN(4) {
				case 0:
					u, pw := g.h16email(), g.h16pass()
					f.add("$ openssl s_client -quiet -crlf -connect " + host + ":993")
					f.add("* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN] Dovecot ready.")
					f.add(fmt.Sprintf(`a1 LOGIN %s "%s"`, u, pw), h15mail(u), h15pw(pw))
					f.add("a1 OK [CAPABILITY IMAP4rev1 SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN] Logged in")
					f.add("a2 SELECT INBOX")
					f.add(fmt.Sprintf("* %d EXISTS", g.r.IntN(4000)))
					f.add("a2 OK [READ-WRITE] Select completed (0.002 + 0.000 secs).")
				case 1:
					u, pw := g.h16user(), g.h16pass()
					b := base64.StdEncoding.EncodeToString([]byte("\x00" + u + "\x00" + pw))
					f.add("$ openssl s_client -quiet -crlf -starttls imap -connect " + host + ":143")
					f.add("a001 AUTHENTICATE PLAIN "+b, h15pw(b))
					f.add("a001 OK Logged in")
				case 2:
					u, pw := g.h16user(), g.h16pass()
					f.add("$ openssl s_client -quiet -crlf -connect " + host + ":995")
					f.add("+OK Dovecot ready.")
					f.add("USER " + u)
					f.add("+OK")
					f.add("PASS "+pw, h15pw(pw))
					f.add(fmt.Sprintf("+OK Logged in. %d messages", g.r.IntN(90)))
					f.add("STAT")
					f.add("QUIT")
				default:
					pw := g.h16pass()
					f.add("$ telnet ftp." + g.pick(h16orgs...) + " 21")
					f.add("220 (vsFTPd 3.0.5)")
					f.add("USER " + g.h16user())
					f.add("331 Please specify the password.")
					f.add("PASS "+pw, h15pw(pw))
					f.add("230 Login successful.")
				}
				f.add("")
			}
			f.add("a9 LOGIN " + g.h16user() + " \"" + g.pick("********", "<password>", "$IMAP_PASS") + "\"")
			f.add("a9 NO [AUTHENTICATIONFAILED] Authentication failed.")
		}},
	},
	// OS installer answer files.
	{
		template{"install", "preseed.cfg", func(g *gen, f *file) {
			f.add("### Localization")
			f.add("d-i debian-installer/locale string en_US.UTF-8")
			f.add("d-i keyboard-configuration/xkb-keymap select us")
			f.add("### Network")
			f.add("d-i netcfg/get_hostname string " + g.pick("node", "kiosk", "edge") + g.s(digits, 2))
			if g.r.IntN(2) == 0 {
				psk := g.h16pass()
				f.add("d-i netcfg/wireless_essid string " + g.pick("Warehouse-5G", "POS-Net", "Clinic-WLAN"))
				f.add("d-i netcfg/wireless_wpa string "+psk, h15pw(psk))
			}
			pw, h := g.h16pass(), g.h16host()
			f.add(fmt.Sprintf("d-i mirror/http/proxy string http://%s:%s@%s:3128/", g.h16user(), pw, h), h15pw(pw))
			f.add("### Accounts")
			if g.r.IntN(2) == 0 {
				rp := g.h16pass()
				f.add("d-i passwd/root-password password "+rp, h15pw(rp))
				f.add("d-i passwd/root-password-again password "+rp, h15pw(rp))
			} else {
				f.add("d-i passwd/root-login boolean false")
			}
			f.add("d-i passwd/user-fullname string " + g.h16name())
			f.add("d-i passwd/username string " + g.pick("ops", "kiosk", "admin"))
			if g.r.IntN(2) == 0 {
				up := g.h16pass()
				f.add("d-i passwd/user-password password "+up, h15pw(up))
				f.add("d-i passwd/user-password-again password "+up, h15pw(up))
			} else {
				f.add("d-i passwd/user-password-crypted password " + g.h16crypt())
			}
			f.add("### Finishing up")
			_, v, p := g.h16tokPlain()
			f.add(fmt.Sprintf(`d-i preseed/late_command string in-target sh -c 'curl -fsS -H "Authorization: Bearer %s" https://%s/enroll | sh'`, v, g.h16host()), p)
			f.add("d-i grub-installer/password-crypted password grub.pbkdf2.sha512.10000." + strings.ToUpper(g.s(hexd, 64)) + "." + strings.ToUpper(g.s(hexd, 128)))
			e := g.h16email()
			f.add("popularity-contest popularity-contest/participate boolean false")
			f.add("# contact: "+e, h15mail(e))
		}},
		template{"install", "anaconda-ks.cfg", func(g *gen, f *file) {
			f.add("#version=RHEL9")
			f.add("text")
			f.add("lang en_US.UTF-8")
			f.add("keyboard --xlayouts='us'")
			f.add("timezone Africa/Lagos --utc")
			if g.r.IntN(2) == 0 {
				pw := g.h16pass()
				f.add("network --bootproto=dhcp --device=wlp2s0 --essid="+g.pick("Depot", "Lab-WiFi")+" --wpakey="+pw+" --activate", h15pw(pw))
			} else {
				ip := g.h15ip()
				f.add("network --bootproto=static --device=ens192 --ip="+ip+" --netmask=255.255.255.0 --activate", h16ip(ip))
			}
			pw, h := g.h16pass(), g.h16host()
			f.add(fmt.Sprintf("url --url=\"https://%s:%s@%s/rhel9/BaseOS/x86_64/os/\"", g.h16user(), pw, h), h15pw(pw))
			switch g.r.IntN(3) {
			case 0:
				rp := g.h16pass()
				f.add("rootpw --plaintext "+rp, h15pw(rp))
			case 1:
				rp := g.h16pass()
				f.add("rootpw "+rp, h15pw(rp))
			default:
				f.add("rootpw --iscrypted " + g.h16crypt())
			}
			up := g.h16pass()
			f.add(fmt.Sprintf("user --name=%s --groups=wheel --password=%s --plaintext --gecos=\"%s\"", g.pick("ansible", "ops", "admin"), up, g.h16name()), h15pw(up))
			f.add("user --name=backup --iscrypted --password=" + g.h16crypt())
			ak := g.h16rand()
			f.add(fmt.Sprintf("rhsm --organization=\"%s\" --activation-key=\"%s\"", g.s(digits, 8), ak), h15gen(ak))
			f.add("bootloader --iscrypted --password=grub.pbkdf2.sha512.10000." + strings.ToUpper(g.s(hexd, 64)) + "." + strings.ToUpper(g.s(hexd, 128)))
			f.add("%packages")
			f.add("@^minimal-environment")
			f.add("%end")
			f.add("%post --log=/root/ks-post.log")
			sp := g.h16pass()
			se := g.h16email()
			f.add(fmt.Sprintf("subscription-manager register --username=%s --password='%s' --auto-attach", se, sp), h15mail(se), h15pw(sp))
			_, v, p := g.h16tokPlain()
			f.add("echo '"+v+"' > /etc/agent/token", p)
			f.add("chmod 600 /etc/agent/token")
			f.add("%end")
		}},
	},
	// Desktop keyrings.
	{
		template{"keychain", "dump-keychain.txt", func(g *gen, f *file) {
			f.add(`keychain: "/Users/` + g.pick("hetal", "arun", "claudine") + `/Library/Keychains/login.keychain-db"`)
			for i := 0; i < 3+g.r.IntN(2); i++ {
				f.add("version: 512")
				c := g.r.IntN(4)
				if i == 0 {
					c = g.r.IntN(3)
				}
				switch c {
				case 0:
					srv, acct, pw := g.h16host(), g.h16email(), g.h16pass()
					f.add(`class: "inet"`)
					f.add("attributes:")
					f.add(`    "acct"<blob>="`+acct+`"`, h15mail(acct))
					f.add(`    "atyp"<blob>="dflt"`)
					f.add(`    "cdat"<timedate>=0x32303236303130353130313531325A00  "20260105101512Z\000"`)
					f.add(`    "ptcl"<uint>="` + g.pick("imap", "smtp", "htps") + `"`)
					f.add(`    "srvr"<blob>="` + srv + `"`)
					f.add("data:")
					f.add(`"`+pw+`"`, h15pw(pw))
				case 1:
					k := base64.StdEncoding.EncodeToString([]byte(g.s(alnum, 16)))
					app := g.pick("Chrome", "Slack", "Signal", "Brave")
					f.add(`class: "genp"`)
					f.add("attributes:")
					f.add(`    0x00000007 <blob>="` + app + ` Safe Storage"`)
					f.add(`    "acct"<blob>="` + app + `"`)
					f.add(`    "svce"<blob>="` + app + ` Safe Storage"`)
					f.add("data:")
					f.add(`"`+k+`"`, h15gen(k))
				case 2:
					_, v, p := g.h16tokPlain()
					f.add(`class: "genp"`)
					f.add("attributes:")
					f.add(`    "acct"<blob>="` + g.h16user() + `"`)
					f.add(`    "svce"<blob>="` + g.pick("gh:github.com", "docker-credential-desktop", "npm-cli", "vault-cli") + `"`)
					f.add("data:")
					f.add(`"`+v+`"`, p)
				default:
					f.add(`class: 0x80001000`)
					f.add("attributes:")
					f.add(`    "alis"<blob>="` + g.pick("Apple Development", "Developer ID Application") + `: ` + g.h16name() + `"`)
					f.add(`    "hpky"<blob>=0x` + strings.ToUpper(g.s(hexd, 40)))
					f.add(`    "snbr"<blob>=0x` + strings.ToUpper(g.s(hexd, 16)))
				}
			}
		}},
		template{"keychain", "kdewallet.xml", func(g *gen, f *file) {
			f.add("<!DOCTYPE KWallet>")
			f.add(`<wallet name="kdewallet">`)
			f.add(`<folder name="Network Management">`)
			psk := g.h16pass()
			f.add(`<map name="{`+g.h5uuid()+`};802-11-wireless-security"><mapentry name="psk">`+psk+`</mapentry></map>`, h15pw(psk))
			if g.r.IntN(2) == 0 {
				vp := g.h16pass()
				f.add(`<map name="{`+g.h5uuid()+`};vpn"><mapentry name="password">`+vp+`</mapentry><mapentry name="username">`+g.h16user()+`</mapentry></map>`, h15pw(vp))
			}
			f.add("</folder>")
			f.add(`<folder name="Passwords">`)
			for i := 0; i < 2+g.r.IntN(2); i++ {
				switch g.r.IntN(3) {
				case 0:
					pw := g.h16pass()
					acct := g.h16user() + "@" + g.h16host()
					f.add(`<password name="`+g.pick("imap", "smtp", "caldav")+`-`+acct+`">`+pw+`</password>`, neutral("ambiguous", acct), h15pw(pw))
				case 1:
					pw, e := g.h16pass(), g.h16email()
					f.add(`<map name="https://`+g.h16host()+`/login"><mapentry name="login">`+e+`</mapentry><mapentry name="password">`+pw+`</mapentry></map>`, h15mail(e), h15pw(pw))
				default:
					_, v, p := g.h16tokPlain()
					f.add(`<password name="`+g.pick("kdeconnect-api", "nextcloud-app-token", "gitlab-pat")+`">`+v+`</password>`, p)
				}
			}
			if g.r.IntN(3) == 0 {
				js, ps := g.h16sa()
				f.add(`<password name="gcloud-adc">`+js+`</password>`, ps...)
			}
			f.add(`<password name="last-sync">` + g.h5uuid() + `</password>`)
			f.add("</folder>")
			f.add(`<folder name="ksshaskpass">`)
			pp := g.h16pass()
			f.add(`<password name="/home/`+g.pick("arun", "palina")+`/.ssh/id_ed25519">`+pp+`</password>`, h15pw(pp))
			f.add("</folder>")
			f.add("</wallet>")
		}},
	},
	// Java application servers' datasources.
	{
		template{"appserver", "standalone.xml", func(g *gen, f *file) {
			f.add(`<subsystem xmlns="urn:jboss:domain:datasources:7.1">`)
			f.add("    <datasources>")
			for i := 0; i < 2; i++ {
				name := g.pick("LedgerDS", "ClaimsDS", "FleetDS", "HrDS")
				f.add(fmt.Sprintf(`        <datasource jndi-name="java:jboss/datasources/%s" pool-name="%s" enabled="true">`, name, name))
				drv, port := "postgresql", "5432"
				if g.r.IntN(2) == 0 {
					drv, port = "mysql", "3306"
				}
				f.add(fmt.Sprintf("            <connection-url>jdbc:%s://%s:%s/%s</connection-url>", drv, g.h16host(), port, strings.ToLower(name)))
				f.add("            <driver>" + drv + "</driver>")
				switch g.r.IntN(4) {
				case 0:
					pw := g.h16pass()
					f.add("            <security>")
					f.add("                <user-name>" + g.h16user() + "</user-name>")
					f.add("                <password>"+pw+"</password>", h15pw(pw))
					f.add("            </security>")
				case 1:
					pw := g.h16pass()
					f.add(fmt.Sprintf(`            <security user-name="%s" password="%s"/>`, g.h16user(), pw), h15pw(pw))
				case 2:
					pw := g.h16pass()
					f.add("            <security user-name=\"" + g.h16user() + "\">")
					f.add(`                <credential-reference clear-text="`+pw+`"/>`, h15pw(pw))
					f.add("            </security>")
				default:
					f.add("            <security>")
					f.add("                <user-name>" + g.h16user() + "</user-name>")
					f.add("                <password>" + g.pick("${VAULT::ds_"+name+"::password::1}", "${env.DB_PASSWORD}", "${DB_PASS:changeme}") + "</password>")
					f.add("            </security>")
				}
				f.add("        </datasource>")
			}
			f.add("    </datasources>")
			f.add("</subsystem>")
			f.add(`<subsystem xmlns="urn:jboss:domain:mail:4.0">`)
			f.add(`    <mail-session name="default" jndi-name="java:jboss/mail/Default">`)
			mp := g.h16pass()
			me := g.h16email()
			f.add(fmt.Sprintf(`        <smtp-server outbound-socket-binding-ref="mail-smtp" tls="true" username="%s" password="%s"/>`, me, mp), h15mail(me), h15pw(mp))
			f.add("    </mail-session>")
			f.add("</subsystem>")
			f.add(`<credential-store name="cs" relative-to="jboss.server.data.dir" path="cs.jceks" create="true">`)
			cp := g.h16pass()
			f.add(`    <credential-reference clear-text="`+cp+`"/>`, h15pw(cp))
			f.add("</credential-store>")
		}},
		template{"appserver", "server.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<server description="` + g.pick("claims", "payouts", "fleet") + ` service">`)
			f.add("    <featureManager>")
			f.add("        <feature>jdbc-4.3</feature>")
			f.add("        <feature>appSecurity-5.0</feature>")
			f.add("    </featureManager>")
			f.add(`    <variable name="db.host" value="` + g.h16host() + `"/>`)
			if g.r.IntN(2) == 0 {
				_, v, p := g.h16tokPlain()
				f.add(`    <variable name="`+g.pick("payments.api.key", "search.token", "notify.secret")+`" value="`+v+`"/>`, p)
			} else {
				k := g.h16rand()
				f.add(`    <variable name="jwt.signing.secret" value="`+k+`"/>`, h15gen(k))
			}
			pw := g.h16pass()
			f.add(`    <dataSource id="DefaultDataSource" jndiName="jdbc/` + g.pick("claims", "payouts") + `">`)
			f.add(`        <jdbcDriver libraryRef="PostgresLib"/>`)
			f.add(fmt.Sprintf(`        <properties.postgresql serverName="${db.host}" portNumber="5432" databaseName="%s" user="%s" password="%s"/>`, g.pick("claims", "payouts"), g.h16user(), pw), h15pw(pw))
			f.add("    </dataSource>")
			xp := g.h16pass()
			x := h16xor(xp)
			f.add(fmt.Sprintf(`    <authData id="mqAuth" user="%s" password="%s"/>`, g.h16user(), x), h15pw(x))
			kp := g.h16pass()
			f.add(`    <keyStore id="defaultKeyStore" location="key.p12" type="PKCS12" password="`+kp+`"/>`, h15pw(kp))
			f.add("    <basicRegistry id=\"basic\" realm=\"BasicRealm\">")
			ap := g.h16pass()
			f.add(`        <user name="admin" password="`+ap+`"/>`, h15pw(ap))
			f.add(`        <user name="reader" password="{hash}ATAAAAAIbRbrmPsRzK1AAAAAI` + g.s(b64, 44) + `"/>`)
			f.add("    </basicRegistry>")
			f.add(`    <authData id="ldapAuth" user="cn=bind" password="${env.LDAP_BIND_PASSWORD}"/>`)
			f.add("</server>")
		}},
	},
	// Access logs with credentials in query strings and headers.
	{
		template{"logs", "alb-access.log", func(g *gen, f *file) {
			lb := "app/" + g.pick("api-prod", "edge-lb", "partner-gw") + "/" + g.s(hexd, 16)
			host := "api." + g.pick(h16orgs...)
			for i := 0; i < 6+g.r.IntN(3); i++ {
				var path string
				var ps []plant
				c := g.r.IntN(7)
				if i == 0 {
					c = g.r.IntN(2)
				}
				switch c {
				case 0:
					_, v, p := g.h16tokPlain()
					path = "/v1/export?" + g.pick("api_key", "token", "access_token") + "=" + v + "&format=csv"
					ps = append(ps, p)
				case 1:
					pw := g.h16pass()
					path = "/legacy/login.php?user=" + g.h16user() + "&password=" + pw
					ps = append(ps, h15pw(pw))
				case 2:
					e := g.h16email()
					path = "/newsletter/confirm?email=" + e + "&ref=" + g.s(hexd, 12)
					ps = append(ps, h15mail(e))
				case 3:
					k := g.h16rand()
					if strings.ContainsAny(k, "+/=") {
						k = g.s(alnum, 32)
					}
					path = "/hooks/inbound?secret=" + k
					ps = append(ps, h15gen(k))
				case 4:
					path = "/v1/items/" + g.h5uuid() + "?expand=owner"
				case 5:
					path = "/static/app." + g.s(hexd, 20) + ".js"
				default:
					path = "/v1/search?q=" + g.pick("invoice", "tyres", "claims") + "&api_key=" + g.pick("YOUR_API_KEY", "%3Capi-key%3E", "${KEY}")
				}
				f.add(fmt.Sprintf(`https 2026-%02d-%02dT%02d:%02d:%02d.%06dZ %s %s:%d %s:8080 0.00%d 0.0%d 0.000 200 200 %d %d "GET https://%s:443%s HTTP/1.1" "%s" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:eu-west-1:%s:targetgroup/api/%s "Root=1-%s-%s" "%s" "arn:aws:acm:eu-west-1:%s:certificate/%s" 0 2026-01-05T10:15:12.000000Z "forward" "-" "-" "%s:8080" "200" "-" "-"`,
					1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1e6), lb, g.pubIP(), 1024+g.r.IntN(60000), g.h15ip(), g.r.IntN(9), g.r.IntN(90), 200+g.r.IntN(900), 300+g.r.IntN(9000), host, path, g.pick("curl/8.5.0", "python-requests/2.32.3", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"), g.s(digits, 12), g.s(hexd, 16), g.s(hexd, 8), g.s(hexd, 24), host, g.s(digits, 12), g.h5uuid(), g.h15ip()), ps...)
			}
		}},
		template{"logs", "envoy-access.log", func(g *gen, f *file) {
			for i := 0; i < 6+g.r.IntN(3); i++ {
				method, path, auth := "GET", "/api/v2/orders?page="+fmt.Sprint(1+g.r.IntN(9)), `"-"`
				var ps []plant
				c := g.r.IntN(7)
				if i == 0 {
					c = g.r.IntN(4)
				}
				switch c {
				case 0:
					_, v, p := g.h16tokPlain()
					auth = `"Bearer ` + v + `"`
					ps = append(ps, p)
				case 1:
					cs := g.s(alnum, 40)
					method, path = "POST", "/oauth/token?grant_type=client_credentials&client_id="+g.s(lower+digits, 20)+"&client_secret="+cs
					ps = append(ps, h15gen(cs))
				case 2:
					u, pw := g.h16user(), g.h16pass()
					b := base64.StdEncoding.EncodeToString([]byte(u + ":" + pw))
					auth = `"Basic ` + b + `"`
					ps = append(ps, h15pw(b))
				case 3:
					pw := g.h16pass()
					path = "/cgi-bin/status?user=admin&pass=" + pw
					ps = append(ps, h15pw(pw))
				case 4:
					auth = `"Bearer ` + g.pick("<token>", "REDACTED", "eyJ...", "$TOKEN") + `"`
				case 5:
					path = "/healthz"
				default:
					e := g.h16email()
					path = "/api/v2/users/lookup?email=" + e
					ps = append(ps, h15mail(e))
				}
				f.add(fmt.Sprintf(`[2026-%02d-%02dT%02d:%02d:%02d.%03dZ] "%s %s HTTP/1.1" %d - %d %d %d %d "%s" "%s" "%s" "%s" "%s:8080" %s`,
					1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000), method, path, g.pick2(200, 200, 201, 401, 503), g.r.IntN(900), 100+g.r.IntN(9000), g.r.IntN(400), g.r.IntN(390), g.h15ip(), g.pick("okhttp/4.12.0", "Go-http-client/2.0", "axios/1.7.2"), g.h5uuid(), "api."+g.pick(h16orgs...), g.h15ip(), auth), ps...)
			}
		}},
	},
	// Process listings.
	{
		template{"ops", "systemctl-status.txt", func(g *gen, f *file) {
			svc := g.pick("ledger-worker", "metrics-exporter", "cache", "sync-agent")
			pid := 1000 + g.r.IntN(90000)
			f.add("● " + svc + ".service - " + g.pick("Ledger worker", "Prometheus exporter", "Cache server", "Sync agent"))
			f.add("     Loaded: loaded (/etc/systemd/system/" + svc + ".service; enabled; preset: enabled)")
			f.add("     Active: active (running) since Mon 2026-01-05 10:15:12 UTC; 2h 3min ago")
			f.add(fmt.Sprintf("   Main PID: %d (%s)", pid, g.pick("java", "node", "redis-server", "rclone")))
			f.add(fmt.Sprintf("      Tasks: %d (limit: 9401)", 4+g.r.IntN(60)))
			f.add("     Memory: " + fmt.Sprint(20+g.r.IntN(900)) + ".0M")
			f.add("     CGroup: /system.slice/" + svc + ".service")
			for i := 0; i < 2; i++ {
				pre := fmt.Sprintf("             ├─%d ", pid+i)
				if i == 1 {
					pre = fmt.Sprintf("             └─%d ", pid+i)
				}
				c := g.r.IntN(5)
				if i == 0 {
					c = g.r.IntN(4)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					f.add(pre+"/usr/bin/java -Xmx1g -Dspring.datasource.url=jdbc:postgresql://"+g.h16host()+"/ledger -Dspring.datasource.password="+pw+" -jar /opt/ledger/app.jar", h15pw(pw))
				case 1:
					pw := g.h16pass()
					f.add(pre+"/usr/bin/redis-server 127.0.0.1:6379 --requirepass "+pw+" --appendonly yes", h15pw(pw))
				case 2:
					_, v, p := g.h16tokPlain()
					f.add(pre+"/usr/bin/node /srv/sync/index.js --api-key "+v+" --interval 60", p)
				case 3:
					pw := g.h16pass()
					f.add(pre+"/usr/local/bin/postgres_exporter --web.listen-address=:9187 --extend.query-path=/etc/q.yaml --db.dsn=postgresql://exporter:"+pw+"@"+g.h16host()+":5432/postgres?sslmode=require", h15pw(pw))
				default:
					f.add(pre + "/usr/bin/rclone mount remote:backup /mnt/backup --config /etc/rclone.conf --vfs-cache-mode full")
				}
			}
			f.add("")
			f.add(fmt.Sprintf("Jan 05 10:15:12 %s systemd[1]: Started %s.service.", g.pick("app01", "edge02"), svc))
			f.add(fmt.Sprintf("Jan 05 10:15:13 %s %s[%d]: build %s ready", g.pick("app01", "edge02"), svc, pid, g.s(hexd, 40)))
		}},
		template{"ops", "docker-ps.txt", func(g *gen, f *file) {
			f.add("$ docker ps --no-trunc --format 'table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.Status}}\\t{{.Names}}'")
			f.add("CONTAINER ID                                                       IMAGE                     COMMAND                                                                                STATUS          NAMES")
			for i := 0; i < 4+g.r.IntN(2); i++ {
				id := g.s(hexd, 64)
				var img, cmd string
				var ps []plant
				c := g.r.IntN(5)
				if i == 0 {
					c = g.r.IntN(3)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					img, cmd = "redis:7.4-alpine", "\"docker-entrypoint.sh redis-server --requirepass "+pw+"\""
					ps = append(ps, h15pw(pw))
				case 1:
					ak, sk := "AKIA"+g.s(b32[:26]+"234567", 16), g.h16awsSecret()
					img, cmd = "minio/mc:latest", "\"/bin/sh -c 'mc alias set s3 https://s3.amazonaws.com "+ak+" "+sk+" && mc mirror /data s3/backups'\""
					ps = append(ps, secret("aws", ak), secret("aws-secret", sk))
				case 2:
					_, v, p := g.h16tokPlain()
					img, cmd = "ghcr.io/"+g.pick("tamarind", "zanzi")+"/agent:1.9", "\"/agent run --token="+v+" --labels=linux\""
					ps = append(ps, p)
				case 3:
					img, cmd = "mongo:7", "\"docker-entrypoint.sh mongod --auth --keyFile /etc/mongo/key\""
				default:
					img, cmd = "postgres:16", "\"docker-entrypoint.sh postgres -c password_encryption=scram-sha-256\""
				}
				f.add(fmt.Sprintf("%s   %-25s %-86s Up %d hours    %s", id, img, cmd, 1+g.r.IntN(70), g.pick("cache", "mirror", "runner", "db", "mongo")+"-"+fmt.Sprint(1+i)), ps...)
			}
		}},
	},
	// Settings tables in database dumps.
	{
		template{"sql", "settings-dump.sql", func(g *gen, f *file) {
			f.add("-- MySQL dump 10.13  Distrib 8.0.40, for Linux (x86_64)")
			f.add("-- Host: " + g.h16host() + "    Database: " + g.pick("shop", "portal", "erp"))
			f.add("DROP TABLE IF EXISTS `app_settings`;")
			f.add("CREATE TABLE `app_settings` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(191) NOT NULL, `value` text, `updated_at` datetime DEFAULT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;")
			f.add("LOCK TABLES `app_settings` WRITE;")
			f.add("/*!40000 ALTER TABLE `app_settings` DISABLE KEYS */;")
			var rows []string
			var ps []plant
			for i := 1; i <= 7+g.r.IntN(3); i++ {
				var name, val string
				c := g.r.IntN(7)
				if i == 0 {
					c = g.r.IntN(3)
				}
				switch c {
				case 0:
					name, val = g.pick("smtp_password", "mail.smtp.pass", "ldap_bind_password"), g.h16pass()
					ps = append(ps, h15pw(val))
				case 1:
					var p plant
					_, val, p = g.h16tok()
					name = g.pick("payment_gateway_key", "search_api_key", "chat_bot_token", "storage_connection")
					ps = append(ps, p)
				case 2:
					name, val = g.pick("recaptcha_secret", "app_key", "session_secret"), g.h16rand()
					ps = append(ps, h15gen(val))
				case 3:
					name, val = "support_email", g.h16email()
					ps = append(ps, h15mail(val))
				case 4:
					name, val = "theme_color", "#"+g.s(hexd, 6)
				case 5:
					name, val = "smtp_host", g.h16host()
				default:
					name, val = "assets_version", g.s(hexd, 40)
				}
				rows = append(rows, fmt.Sprintf("(%d,'%s','%s','%s')", i, name, val, g.h16date()))
			}
			f.add("INSERT INTO `app_settings` VALUES "+strings.Join(rows, ",")+";", ps...)
			f.add("/*!40000 ALTER TABLE `app_settings` ENABLE KEYS */;")
			f.add("UNLOCK TABLES;")
			var urows []string
			var ups []plant
			for i := 1; i <= 3; i++ {
				e, ph := g.h16email(), g.h16phone()
				urows = append(urows, fmt.Sprintf("(%d,'%s','%s','%s','%s')", i, e, ph, "$2y$10$"+g.s(b64[:62]+"./", 53), g.h16date()))
				ups = append(ups, h15mail(e), h15tel(ph))
			}
			f.add("INSERT INTO `users` VALUES "+strings.Join(urows, ",")+";", ups...)
		}},
		template{"sql", "sqlplus-output.txt", func(g *gen, f *file) {
			f.add("SQL> SET LINESIZE 200")
			f.add("SQL> COLUMN param_name FORMAT A30")
			f.add("SQL> SELECT param_name, param_value FROM app_config WHERE module = '" + g.pick("INTEGRATION", "MAIL", "PAYMENTS") + "';")
			f.add("")
			f.add(fmt.Sprintf("%-30s %s", "PARAM_NAME", "PARAM_VALUE"))
			f.add(strings.Repeat("-", 30) + " " + strings.Repeat("-", 60))
			n := 6 + g.r.IntN(3)
			for i := 0; i < n; i++ {
				c := g.r.IntN(6)
				if i == 0 {
					c = g.r.IntN(3)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					f.add(fmt.Sprintf("%-30s %s", g.pick("smtp.password", "sftp.pass", "ws.basic.password"), pw), h15pw(pw))
				case 1:
					_, v, p := g.h16tok()
					f.add(fmt.Sprintf("%-30s %s", g.pick("gateway.api.key", "crm.token", "notify.bearer", "blob.connection"), v), p)
				case 2:
					k := g.h16rand()
					f.add(fmt.Sprintf("%-30s %s", g.pick("hmac.secret", "sso.client.secret"), k), h15gen(k))
				case 3:
					f.add(fmt.Sprintf("%-30s %s", "sso.client.id", g.h5uuid()))
				case 4:
					f.add(fmt.Sprintf("%-30s %s", "batch.cron", "0 */15 * * * ?"))
				default:
					f.add(fmt.Sprintf("%-30s %s", g.pick("smtp.password", "gateway.api.key"), g.pick("{AES}"+g.s(b64, 44), "<set in vault>", "CHANGE_ME")))
				}
			}
			f.add("")
			f.add(fmt.Sprintf("%d rows selected.", n))
			f.add("")
			f.add("SQL> SELECT full_name, email, phone, iban FROM customers WHERE ROWNUM <= 2;")
			f.add("")
			f.add(fmt.Sprintf("%-22s %-34s %-20s %s", "FULL_NAME", "EMAIL", "PHONE", "IBAN"))
			f.add(strings.Repeat("-", 22) + " " + strings.Repeat("-", 34) + " " + strings.Repeat("-", 20) + " " + strings.Repeat("-", 34))
			for i := 0; i < 2; i++ {
				e, ph, ib := g.h16email(), g.h16phone(), g.h16iban()
				f.add(fmt.Sprintf("%-22s %-34s %-20s %s", g.h16name(), e, ph, ib), h15mail(e), h15tel(ph), h15ib(ib))
			}
		}},
	},
	// Legacy enterprise source.
	{
		template{"src", "modDatabase.bas", func(g *gen, f *file) {
			f.add(`Attribute VB_Name = "modDatabase"`)
			f.add("Option Explicit")
			f.add("")
			f.add(`Private Const DB_SERVER As String = "` + g.h16host() + `"`)
			pw := g.h16pass()
			f.add(`Private Const `+g.pick("DB_PASSWORD", "DB_PWD", "SQL_PASS")+` As String = "`+pw+`"`, h15pw(pw))
			_, v, p := g.h16tokPlain()
			f.add(`Public Const `+g.pick("API_TOKEN", "REST_KEY", "BEARER")+` As String = "`+v+`"`, p)
			f.add("")
			f.add("Public Function OpenConn() As ADODB.Connection")
			f.add("    Dim cn As New ADODB.Connection")
			pw2 := g.h16pass()
			f.add(`    cn.ConnectionString = "Provider=SQLOLEDB;Data Source=" & DB_SERVER & ";Initial Catalog=Sales;User ID=`+g.h16user()+`;Password=`+pw2+`;"`, h15pw(pw2))
			f.add("    cn.Open")
			f.add("    Set OpenConn = cn")
			f.add("End Function")
			f.add("")
			f.add("Public Sub PostInvoice(ByVal body As String)")
			f.add(`    Dim http As Object: Set http = CreateObject("MSXML2.XMLHTTP")`)
			u, pw3 := g.h16user(), g.h16pass()
			f.add(`    http.Open "POST", "https://`+g.h16host()+`/api/invoices", False, "`+u+`", "`+pw3+`"`, h15pw(pw3))
			f.add(`    http.setRequestHeader "X-Request-Id", "` + g.h5uuid() + `"`)
			f.add("    http.send body")
			f.add("End Sub")
			e := g.h16email()
			f.add("' maintainer: "+e, h15mail(e))
		}},
		template{"src", "zfi_export.abap", func(g *gen, f *file) {
			f.add("REPORT zfi_export_payments.")
			f.add("")
			_, v, p := g.h16tokPlain()
			f.add("CONSTANTS: lc_api_key  TYPE string VALUE '"+v+"',", p)
			f.add("           lc_endpoint TYPE string VALUE 'https://" + g.h16host() + "/v1/payments'.")
			pw := g.h16pass()
			f.add("DATA: lv_password TYPE string VALUE `"+pw+"`,", h15pw(pw))
			f.add("      lv_user     TYPE string VALUE '" + g.h16user() + "',")
			f.add("      lo_client   TYPE REF TO if_http_client.")
			f.add("")
			f.add("cl_http_client=>create_by_url( EXPORTING url = lc_endpoint IMPORTING client = lo_client ).")
			pw2 := g.h16pass()
			f.add("lo_client->authenticate( username = 'RFC_"+strings.ToUpper(g.h16user())+"' password = '"+pw2+"' ).", h15pw(pw2))
			k := g.h16rand()
			if strings.ContainsAny(k, "'") {
				k = g.s(alnum, 32)
			}
			f.add("lo_client->request->set_header_field( name = 'X-Signature-Secret' value = '"+k+"' ).", h15gen(k))
			f.add("lo_client->request->set_header_field( name = 'X-Correlation-Id' value = '" + strings.ToUpper(g.s(hexd, 32)) + "' ).")
			f.add("lo_client->request->set_header_field( name = 'Authorization' value = |Bearer { lv_token }| ).")
			ib := g.h16iban()
			f.add("\" test payee: "+ib+" / "+g.h16name(), h15ib(ib))
		}},
	},
	// Native app source.
	{
		template{"src", "APIClient.m", func(g *gen, f *file) {
			f.add(`#import "APIClient.h"`)
			f.add("")
			_, v, p := g.h16tokPlain()
			f.add(`static NSString * const kAPIKey = @"`+v+`";`, p)
			f.add(`static NSString * const kBaseURL = @"https://` + g.h16host() + `/v3";`)
			k := g.h16rand()
			f.add(`#define HMAC_SECRET @"`+k+`"`, h15gen(k))
			f.add("")
			f.add("@implementation APIClient")
			f.add("- (NSURLRequest *)loginRequest {")
			pw := g.h16pass()
			f.add(`    NSDictionary *body = @{ @"username": @"`+g.h16user()+`", @"password": @"`+pw+`" };`, h15pw(pw))
			f.add(`    NSMutableURLRequest *req = [NSMutableURLRequest requestWithURL:[NSURL URLWithString:[kBaseURL stringByAppendingString:@"/login"]]];`)
			_, v2, p2 := g.h16tokPlain()
			f.add(`    [req setValue:[NSString stringWithFormat:@"Bearer %@", @"`+v2+`"] forHTTPHeaderField:@"Authorization"];`, p2)
			f.add(`    [req setValue:@"` + g.h5uuid() + `" forHTTPHeaderField:@"X-Install-Id"];`)
			f.add(`    req.HTTPBody = [NSJSONSerialization dataWithJSONObject:body options:0 error:nil];`)
			f.add("    return req;")
			f.add("}")
			f.add(`// NSString *legacyKey = @"` + g.pick("<paste key>", "YOUR_KEY_HERE", "xxxxxxxxxxxx") + `";`)
			f.add("@end")
		}},
		template{"src", "uConfig.pas", func(g *gen, f *file) {
			f.add("unit uConfig;")
			f.add("")
			f.add("interface")
			f.add("")
			f.add("const")
			pw := g.h16pass()
			f.add("  DB_PASSWORD = '"+pw+"';", h15pw(pw))
			_, v, p := g.h16tokPlain()
			f.add("  API_TOKEN: string = '"+v+"';", p)
			f.add("  BUILD_ID = '" + g.s(hexd, 40) + "';")
			f.add("")
			f.add("implementation")
			f.add("")
			f.add("procedure TdmMain.DataModuleCreate(Sender: TObject);")
			f.add("begin")
			f.add("  FDConnection1.Params.Values['Server'] := '" + g.h16host() + "';")
			pw2 := g.h16pass()
			f.add("  FDConnection1.Params.Values['Password'] := '"+pw2+"';", h15pw(pw2))
			pw3 := g.h16pass()
			f.add("  ADOConnection1.ConnectionString := 'Provider=MSOLEDBSQL;Data Source="+g.h16host()+";User ID="+g.h16user()+";Password="+pw3+";';", h15pw(pw3))
			k := g.h16rand()
			if strings.ContainsAny(k, "'") {
				k = g.s(alnum, 32)
			}
			f.add("  IdHTTP1.Request.CustomHeaders.Values['X-Api-Key'] := '"+k+"';", h15gen(k))
			sp := g.h16pass()
			se := g.h16email()
			f.add("  IdSMTP1.Username := '"+se+"';", h15mail(se))
			f.add("  IdSMTP1.Password := '"+sp+"';", h15pw(sp))
			f.add("  IdSMTP1.Host := 'smtp." + g.pick(h16orgs...) + "';")
			f.add("  // FDConnection1.Params.Values['Password'] := GetEnvironmentVariable('DB_PASSWORD');")
			f.add("end;")
			f.add("")
			f.add("end.")
		}},
	},
	// HA clusters.
	{
		template{"ha", "keepalived.conf", func(g *gen, f *file) {
			f.add("global_defs {")
			f.add("    notification_email {")
			e := g.h16email()
			f.add("        "+e, h15mail(e))
			f.add("    }")
			from := "keepalived@" + g.pick(h16orgs...)
			f.add("    notification_email_from "+from, neutral("role-email", from))
			f.add("    smtp_server " + g.h15ip())
			f.add("    router_id " + g.pick("LB01", "LB02"))
			f.add("}")
			pw := g.h16pass()
			f.add("vrrp_script chk_api {")
			f.add(`    script "/usr/bin/curl -sf -u monitor:`+pw+` http://127.0.0.1:8080/health"`, h15pw(pw))
			f.add("    interval 2")
			f.add("}")
			for i := 0; i < 1+g.r.IntN(2); i++ {
				f.add(fmt.Sprintf("vrrp_instance VI_%d {", i+1))
				f.add("    state " + g.pick("MASTER", "BACKUP"))
				f.add("    interface eth0")
				f.add(fmt.Sprintf("    virtual_router_id %d", 50+g.r.IntN(200)))
				f.add(fmt.Sprintf("    priority %d", 90+g.r.IntN(60)))
				f.add("    authentication {")
				f.add("        auth_type PASS")
				ap := g.h16short()
				f.add("        auth_pass "+ap, h15pw(ap))
				f.add("    }")
				vip := g.h15ip()
				f.add("    virtual_ipaddress {")
				f.add("        "+vip+"/24 dev eth0", h16ip(vip))
				f.add("    }")
				f.add("    track_script {")
				f.add("        chk_api")
				f.add("    }")
				f.add("}")
			}
		}},
		template{"ha", "pcs-setup.sh", func(g *gen, f *file) {
			f.add("#!/bin/bash")
			f.add("set -euo pipefail")
			hp := g.h16pass()
			f.add("echo '"+hp+"' | passwd --stdin hacluster", h15pw(hp))
			f.add("pcs host auth node1 node2 -u hacluster -p '"+hp+"'", h15pw(hp))
			f.add("pcs cluster setup " + g.pick("ledger", "claims") + "_cluster node1 node2 --start --enable")
			for i := 0; i < 2; i++ {
				switch g.r.IntN(3) {
				case 0:
					pw, ip := g.h16pass(), g.h15ip()
					f.add(fmt.Sprintf("pcs stonith create fence-node%d fence_ipmilan ip=%s username=%s password='%s' lanplus=1 pcmk_host_list=node%d", i+1, ip, g.pick("ADMIN", "root", "fence"), pw, i+1), h16ip(ip), h15pw(pw))
				case 1:
					ak, sk := "AKIA"+g.s(b32[:26]+"234567", 16), g.h16awsSecret()
					f.add(fmt.Sprintf("pcs stonith create fence-aws fence_aws access_key=%s secret_key=%s region=eu-west-1 pcmk_host_map=\"node1:i-%s;node2:i-%s\"", ak, sk, g.s(hexd, 17), g.s(hexd, 17)), secret("aws", ak), secret("aws-secret", sk))
				default:
					cs := g.s(alnum+"~._-", 40)
					f.add(fmt.Sprintf("pcs stonith create fence-azure fence_azure_arm username=%s password='%s' tenantId=%s subscriptionId=%s resourceGroup=rg-ha", g.h5uuid(), cs, g.h5uuid(), g.h5uuid()), h15gen(cs))
				}
			}
			vp := g.h16pass()
			f.add(fmt.Sprintf("pcs stonith create fence-vmware fence_vmware_rest ip=vcenter.%s username='ha@vsphere.local' password=%s ssl_insecure=1", g.pick(h16orgs...), vp), neutral("role-email", "ha@vsphere.local"), h15pw(vp))
			f.add("pcs resource create vip ocf:heartbeat:IPaddr2 ip=" + g.h15ip() + " cidr_netmask=24 op monitor interval=30s")
			f.add("pcs property set stonith-enabled=true")
		}},
	},
	// Storage.
	{
		template{"storage", "iscsid.conf", func(g *gen, f *file) {
			f.add("# /etc/iscsi/iscsid.conf")
			f.add("iscsid.startup = /bin/systemctl start iscsid.socket")
			f.add("node.startup = automatic")
			f.add("node.session.auth.authmethod = CHAP")
			f.add("node.session.auth.username = iqn.2026-01." + strings.Join(reverse(strings.Split(g.pick(h16orgs...), ".")), ".") + ":" + g.pick("node1", "esx02"))
			pw := g.s(alnum, 12+g.r.IntN(5))
			f.add("node.session.auth.password = "+pw, h15pw(pw))
			if g.r.IntN(2) == 0 {
				pw2 := g.s(alnum, 12+g.r.IntN(5))
				f.add("node.session.auth.username_in = target-" + g.pick("a", "b"))
				f.add("node.session.auth.password_in = "+pw2, h15pw(pw2))
			}
			f.add("discovery.sendtargets.auth.authmethod = CHAP")
			f.add("discovery.sendtargets.auth.username = discovery")
			pw3 := g.h16pass()
			f.add("discovery.sendtargets.auth.password = "+pw3, h15pw(pw3))
			f.add("node.session.timeo.replacement_timeout = 120")
			f.add("")
			f.add("# applied by hand on the second host:")
			ip := g.h15ip()
			pw4 := g.s(alnum, 14)
			f.add("iscsiadm -m node -T iqn.2026-01.local.san:lun"+fmt.Sprint(g.r.IntN(9))+" -p "+ip+" -o update -n node.session.auth.password -v "+pw4, h16ip(ip), h15pw(pw4))
			f.add("# initiator name: InitiatorName=iqn.1994-05.com.redhat:" + g.s(hexd, 12))
		}},
		template{"storage", "ceph-keys.txt", func(g *gen, f *file) {
			cephKey := func() string {
				return base64.StdEncoding.EncodeToString(append([]byte{1, 0}, g.h16bytes(26)...))
			}
			f.add("$ cat /etc/ceph/ceph.client.admin.keyring")
			for _, c := range []string{"client.admin", "client." + g.pick("cinder", "glance", "k8s-rbd")} {
				k := cephKey()
				f.add("[" + c + "]")
				f.add("\tkey = "+k, h15gen(k))
				f.add("\tcaps mon = \"allow *\"")
				f.add("\tcaps osd = \"allow *\"")
			}
			f.add("$ radosgw-admin user info --uid=" + g.h16user())
			ak, sk := g.s(upperD, 20), g.s(alnum, 40)
			f.add("{")
			f.add(`    "user_id": "` + g.h16user() + `",`)
			f.add(`    "display_name": "` + g.h16name() + `",`)
			e := g.h16email()
			f.add(`    "email": "`+e+`",`, h15mail(e))
			f.add(`    "keys": [`)
			f.add("        {")
			f.add(`            "user": "` + g.h16user() + `",`)
			f.add(`            "access_key": "`+ak+`",`, neutral("key-id", ak))
			f.add(`            "secret_key": "`+sk+`"`, h15gen(sk))
			f.add("        }")
			f.add("    ],")
			f.add(`    "swift_keys": [],`)
			f.add(`    "default_placement": "",`)
			f.add(`    "mfa_ids": [],`)
			f.add(`    "temp_url_keys": []`)
			f.add("}")
			f.add("$ ceph config-key get mgr/dashboard/" + g.pick("jwt_secret", "crt") + " | sha256sum")
			f.add(g.s(hexd, 64) + "  -")
		}},
	},
	// Virtualisation.
	{
		template{"virt", "domain.xml", func(g *gen, f *file) {
			name := g.pick("win2022-ad", "k8s-cp1", "pbx", "erp-app")
			f.add("<domain type='kvm'>")
			f.add("  <name>" + name + "</name>")
			f.add("  <uuid>" + g.h5uuid() + "</uuid>")
			f.add("  <memory unit='KiB'>" + fmt.Sprint(1048576*(2+g.r.IntN(14))) + "</memory>")
			f.add("  <sysinfo type='smbios'>")
			f.add("    <oemStrings>")
			if g.r.IntN(2) == 0 {
				pw := g.h16pass()
				f.add("      <entry>io.systemd.credential:passwd.plaintext-password.root="+pw+"</entry>", h15pw(pw))
			} else {
				k := g.h16rand()
				f.add("      <entry>io.systemd.credential:"+g.pick("agent.token", "db.secret")+"="+k+"</entry>", h15gen(k))
			}
			f.add("    </oemStrings>")
			f.add("  </sysinfo>")
			f.add("  <devices>")
			f.add("    <disk type='network' device='disk'>")
			f.add("      <source protocol='rbd' name='vms/" + name + "'>")
			f.add("        <host name='" + g.h16host() + "' port='6789'/>")
			f.add("      </source>")
			f.add("      <auth username='libvirt'>")
			f.add("        <secret type='ceph' uuid='" + g.h5uuid() + "'/>")
			f.add("      </auth>")
			f.add("      <target dev='vda' bus='virtio'/>")
			f.add("    </disk>")
			f.add("    <interface type='bridge'>")
			f.add("      <mac address='52:54:00:" + g.s(hexd, 2) + ":" + g.s(hexd, 2) + ":" + g.s(hexd, 2) + "'/>")
			f.add("      <source bridge='br0'/>")
			f.add("    </interface>")
			vp := g.s(alnum, 8)
			f.add("    <graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' passwd='"+vp+"'/>", h15pw(vp))
			if g.r.IntN(2) == 0 {
				sp := g.h16pass()
				f.add("    <graphics type='spice' autoport='yes' passwd='"+sp+"'>", h15pw(sp))
				f.add("      <listen type='address'/>")
				f.add("    </graphics>")
			}
			f.add("  </devices>")
			f.add("</domain>")
		}},
		template{"virt", "clouds.yaml", func(g *gen, f *file) {
			f.add("clouds:")
			f.add("  " + g.pick("prod", "ovh-gra", "infomaniak") + ":")
			f.add("    auth:")
			f.add("      auth_url: https://keystone." + g.pick(h16orgs...) + ":5000/v3")
			f.add("      username: " + g.pick(h16first...))
			pw := g.h16pass()
			q := g.pick("", "'", "\"")
			f.add("      password: "+q+pw+q, h15pw(pw))
			f.add("      project_id: " + g.s(hexd, 32))
			f.add("      user_domain_name: Default")
			f.add("    region_name: " + g.pick("RegionOne", "GRA11", "dc3-a"))
			f.add("    interface: public")
			f.add("    identity_api_version: 3")
			f.add("  ci:")
			f.add("    auth_type: v3applicationcredential")
			f.add("    auth:")
			f.add("      auth_url: https://keystone." + g.pick(h16orgs...) + ":5000/v3")
			acid := g.s(hexd, 32)
			f.add("      application_credential_id: "+acid, neutral("key-id", acid))
			acs := g.s(urlb64, 86)
			f.add("      application_credential_secret: "+acs, h15gen(acs))
			f.add("  devstack:")
			f.add("    auth:")
			f.add("      auth_url: http://" + g.h15ip() + "/identity")
			f.add("      username: demo")
			f.add("      password: " + g.pick("${OS_PASSWORD}", "secretpassword", "<devstack admin password>"))
			f.add("      project_name: demo")
		}},
	},
	// Infrastructure as code in a programming or data language.
	{
		template{"iac", "stack.ts", func(g *gen, f *file) {
			f.add("import * as cdk from 'aws-cdk-lib';")
			f.add("import * as rds from 'aws-cdk-lib/aws-rds';")
			f.add("import * as lambda from 'aws-cdk-lib/aws-lambda';")
			f.add("import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';")
			f.add("")
			f.add("export class " + g.pick("Ledger", "Claims", "Fleet") + "Stack extends cdk.Stack {")
			f.add("  constructor(scope: cdk.App, id: string, props?: cdk.StackProps) {")
			f.add("    super(scope, id, props);")
			pw := g.h16pass()
			f.add("    const db = new rds.DatabaseInstance(this, 'Db', {")
			f.add("      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),")
			f.add("      credentials: rds.Credentials.fromPassword('"+g.h16user()+"', cdk.SecretValue.unsafePlainText('"+pw+"')),", h15pw(pw))
			f.add("    });")
			_, v, p := g.h16tokPlain()
			f.add("    new secretsmanager.Secret(this, 'PartnerKey', { secretStringValue: cdk.SecretValue.unsafePlainText('"+v+"') });", p)
			f.add("    const dbSecret = cdk.SecretValue.secretsManager('prod/" + g.pick("ledger", "claims") + "/db');")
			f.add("    new lambda.Function(this, 'Worker', {")
			f.add("      runtime: lambda.Runtime.NODEJS_20_X,")
			f.add("      handler: 'index.handler',")
			f.add("      code: lambda.Code.fromAsset('dist'),")
			f.add("      environment: {")
			k := g.h16rand()
			f.add("        "+g.pick("WEBHOOK_SECRET", "SIGNING_KEY", "HMAC_KEY")+": '"+k+"',", h15gen(k))
			pw2 := g.h16pass()
			f.add("        CACHE_URL: `redis://default:"+pw2+"@${cache.attrRedisEndpointAddress}:6379`,", h15pw(pw2))
			f.add("        DB_SECRET_ARN: db.secret!.secretArn,")
			f.add("        BUILD_SHA: '" + g.s(hexd, 40) + "',")
			f.add("      },")
			f.add("    });")
			f.add("  }")
			f.add("}")
		}},
		template{"iac", "environments/prod/main.jsonnet", func(g *gen, f *file) {
			f.add("local k = import 'k.libsonnet';")
			f.add("local secret = k.core.v1.secret;")
			f.add("")
			f.add("local creds = {")
			pw := g.h16pass()
			f.add("  dbPassword: '"+pw+"',", h15pw(pw))
			gp := g.h16pass()
			f.add("  grafanaAdminPassword: \""+gp+"\",", h15pw(gp))
			wh := "https://hooks.slack.com/services/T" + g.s(upperD, 8) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
			f.add("  alertWebhook: '"+wh+"',", plant{family: "slack-webhook", kind: "secret", value: wh, core: wh[strings.LastIndex(wh, "/")+1:]})
			f.add("  ldapBindPassword: std.extVar('LDAP_BIND_PASSWORD'),")
			f.add("};")
			f.add("")
			f.add("{")
			f.add("  _config+:: {")
			f.add("    namespace: '" + g.pick("ledger", "claims") + "-prod',")
			rp := g.h16pass()
			f.add("    redis+: { host: '"+g.h16host()+"', password: '"+rp+"' },", h15pw(rp))
			f.add("  },")
			_, v, p := g.h16tokPlain()
			f.add("  appSecret: secret.new('app-keys', {")
			f.add("    API_KEY: std.base64('"+v+"'),", p)
			f.add("    DB_PASSWORD: std.base64(creds.dbPassword),")
			f.add("  }),")
			if g.r.IntN(2) == 0 {
				h, body, ft := g.h16pem()
				f.add("  sshKey:: |||")
				f.add("    "+h, h15key(h))
				for _, b := range body {
					f.add("    " + b)
				}
				f.add("    " + ft)
				f.add("  |||,")
			}
			f.add("  image:: 'registry." + g.pick(h16orgs...) + "/app@sha256:" + g.s(hexd, 64) + "',")
			f.add("}")
		}},
	},
	// Desktop application preferences.
	{
		template{"prefs", "prefs.js", func(g *gen, f *file) {
			f.add("// Mozilla User Preferences")
			f.add("")
			f.add("// DO NOT EDIT THIS FILE.")
			f.add(`user_pref("app.update.lastUpdateTime.background-update-timer", ` + fmt.Sprint(1767000000+g.r.IntN(1e7)) + `);`)
			f.add(`user_pref("browser.startup.homepage", "https://intranet.` + g.pick(h16orgs...) + `/");`)
			e := g.h16email()
			f.add(`user_pref("mail.identity.id1.useremail", "`+e+`");`, h15mail(e))
			f.add(`user_pref("mail.server.server2.hostname", "` + g.h16host() + `");`)
			_, v, p := g.h16tokPlain()
			f.add(`user_pref("extensions.`+g.pick("deepl-translate", "ai-compose", "jira-helper")+`.apiKey", "`+v+`");`, p)
			pw := g.h16pass()
			f.add(fmt.Sprintf(`user_pref("network.proxy.autoconfig_url", "https://%s:%s@proxy.%s/proxy.pac");`, g.h16user(), pw, g.pick(h16orgs...)), h15pw(pw))
			if g.r.IntN(2) == 0 {
				pw2 := g.h16pass()
				f.add(`user_pref("extensions.`+g.pick("caldav-sync", "owncloud")+`.password", "`+pw2+`");`, h15pw(pw2))
			}
			f.add(`user_pref("toolkit.telemetry.cachedClientID", "` + g.h5uuid() + `");`)
			f.add(`user_pref("services.sync.client.GUID", "` + g.s(urlb64, 12) + `");`)
			// an add-on id in the shape of an address: not a person's, reporting it is neutral
			f.add(`user_pref("extensions.webextensions.uuids", "{\"ublock@raymondhill.net\":\"`+g.h5uuid()+`\"}");`, neutral("ambiguous", "ublock@raymondhill.net"))
			k := g.h16rand()
			f.add(`user_pref("extensions.`+g.pick("webhook-notifier", "sso-bridge")+`.sharedSecret", "`+k+`");`, h15gen(k))
		}},
		template{"prefs", "defaults-read.txt", func(g *gen, f *file) {
			app := g.pick("com.tamarind.sync", "io.zanzi.desktop", "com.fleetops.agent")
			f.add("$ defaults read " + app)
			f.add("{")
			f.add(`    NSNavLastRootDirectory = "~/Documents";`)
			f.add("    SUEnableAutomaticChecks = 1;")
			f.add(`    "NSWindow Frame MainWindow" = "120 240 1024 720 0 0 1728 1079 ";`)
			_, v, p := g.h16tokPlain()
			f.add(`    apiToken = "`+v+`";`, p)
			e := g.h16email()
			f.add(`    lastSignedInUser = "`+e+`";`, h15mail(e))
			pw := g.s(alnum, 10+g.r.IntN(10))
			f.add("    proxyPassword = "+pw+";", h15pw(pw))
			f.add(`    proxyServer = "` + g.h16host() + `";`)
			f.add(`    deviceIdentifier = "` + strings.ToUpper(g.h5uuid()) + `";`)
			k := g.h16rand()
			f.add(`    "webhook_secret" = "`+k+`";`, h15gen(k))
			f.add("    recentServers =     (")
			f.add(`        "` + g.h16host() + `",`)
			f.add(`        "` + g.h16host() + `"`)
			f.add("    );")
			f.add(`    licenseKeyMasked = "` + g.pick("XXXX-XXXX-XXXX-", "****-****-") + strings.ToUpper(g.s(hexd, 4)) + `";`)
			f.add("}")
		}},
	},
	// CI files of services not covered before.
	{
		template{"ci", ".travis.yml", func(g *gen, f *file) {
			f.add("language: " + g.pick("node_js", "python", "ruby"))
			f.add("dist: jammy")
			f.add("env:")
			f.add("  global:")
			pw := g.h16pass()
			f.add("    - DB_PASSWORD="+pw, h15pw(pw))
			f.add("    - secure: \"" + g.s(b64, 340) + "=\"")
			_, v, p := g.h16tokPlain()
			f.add("    - "+g.pick("CODECOV_TOKEN", "SENTRY_AUTH_TOKEN", "API_TOKEN")+"="+v, p)
			f.add("  jobs:")
			f.add("    - NODE_ENV=test")
			f.add("deploy:")
			switch g.r.IntN(3) {
			case 0:
				e, t := g.h16email(), g.h5gh("npm_")
				f.add("  provider: npm")
				f.add("  email: "+e, h15mail(e))
				f.add("  api_key: "+t, secret("npm", t))
			case 1:
				ak, sk := "AKIA"+g.s(b32[:26]+"234567", 16), g.h16awsSecret()
				f.add("  provider: s3")
				f.add("  access_key_id: "+ak, secret("aws", ak))
				f.add("  secret_access_key: \""+sk+"\"", secret("aws-secret", sk))
				f.add("  bucket: " + g.pick("ledger", "claims") + "-artifacts")
			default:
				hk := g.h5uuid()
				f.add("  provider: heroku")
				f.add("  api_key: "+hk, secret("heroku", hk))
				f.add("  app: " + g.pick("ledger", "claims") + "-staging")
			}
			f.add("notifications:")
			st := g.s(alnum, 24)
			f.add("  slack: "+g.pick("tamarind", "zanziops")+":"+st, secret("slack", st))
			f.add("  email:")
			f.add("    recipients:")
			e2 := g.h16email()
			f.add("      - "+e2, h15mail(e2))
		}},
		template{"ci", "appveyor.yml", func(g *gen, f *file) {
			f.add("version: 1.0.{build}")
			f.add("image: Visual Studio 2022")
			f.add("environment:")
			_, v, p := g.h16tokPlain()
			f.add("  "+g.pick("COVERALLS_REPO_TOKEN", "SONAR_TOKEN", "SIGNING_API_KEY")+": "+v, p)
			pw := g.h16pass()
			f.add("  DB_PASSWORD: "+pw, h15pw(pw))
			f.add("  api_key:")
			f.add("    secure: " + g.s(b64, 64) + "==")
			f.add("  matrix:")
			f.add("    - PYTHON: \"C:\\\\Python312-x64\"")
			f.add("deploy:")
			nk := "oy2" + g.s(lower+digits, 43)
			f.add("  - provider: NuGet")
			f.add("    api_key: "+nk, secret("nuget", nk))
			f.add("    skip_symbols: true")
			gh := g.h5gh("ghp_")
			f.add("  - provider: GitHub")
			f.add("    auth_token: "+gh, secret("github", gh))
			f.add("    artifact: /.*\\.nupkg/")
			fp := g.h16pass()
			f.add("  - provider: FTP")
			f.add("    host: ftp." + g.pick(h16orgs...))
			f.add("    username: " + g.h16user())
			f.add("    password: "+fp, h15pw(fp))
			f.add("on_success:")
			wh := "https://hooks.slack.com/services/T" + g.s(upperD, 8) + "/B" + g.s(upperD, 10) + "/" + g.s(alnum, 24)
			f.add("  - ps: Invoke-RestMethod -Method Post -Uri \""+wh+"\" -Body '{\"text\":\"build ok\"}'", plant{family: "slack-webhook", kind: "secret", value: wh, core: wh[strings.LastIndex(wh, "/")+1:]})
			f.add("cache:")
			f.add("  - packages -> **\\packages.config")
		}},
	},
	// Phone and chat exports in more languages.
	{
		template{"chat", "sms-20260105.xml", func(g *gen, f *file) {
			f.add("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>")
			n := 6 + g.r.IntN(3)
			f.add(fmt.Sprintf(`<smses count="%d" backup_set="%s" backup_date="%d" type="full">`, n, g.h5uuid(), 1767000000000+g.r.Int64N(1e10)))
			for i := 0; i < n; i++ {
				ph := g.h16phone()
				var body string
				ps := []plant{h15tel(ph)}
				c := g.r.IntN(8)
				if i == 0 {
					c = g.r.IntN(2)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					body = g.pick("ਸਰਵਰ ਦਾ ਪਾਸਵਰਡ "+pw+" ਹੈ, ਕਿਸੇ ਨਾਲ ਸਾਂਝਾ ਨਾ ਕਰਨਾ", "ಡೇಟಾಬೇಸ್ ಪಾಸ್‌ವರ್ಡ್ "+pw+" — ಯಾರಿಗೂ ಹೇಳಬೇಡಿ", "Пароль ад роўтара: "+pw+", змяні яго пасля ўваходу", "Erayga sirta ah ee serverka waa "+pw, "D'Passwuert fir de Server ass "+pw)
					ps = append(ps, h15pw(pw))
				case 1:
					_, v, p := g.h16tokPlain()
					body = g.pick("ਨਵੀਂ API ਕੁੰਜੀ: "+v, "API ಕೀ ಇಲ್ಲಿದೆ: "+v, "Токен для API: "+v, "Furaha API-ga cusub waa "+v, "Hei ass den API-Schlëssel: "+v)
					ps = append(ps, p)
				case 2:
					e := g.h16email()
					body = g.pick("ਮੇਰਾ ਈਮੇਲ "+e+" ਹੈ", "ನನ್ನ ಇಮೇಲ್ "+e, "Мая пошта "+e, "Iimaylkaygu waa "+e, "Meng E-Mail ass "+e)
					ps = append(ps, h15mail(e))
				case 3:
					ib := g.h16iban()
					body = g.pick("ਪੈਸੇ ਇਸ ਖਾਤੇ ਵਿੱਚ ਭੇਜੋ: "+ib, "ಈ ಖಾತೆಗೆ ಹಣ ಕಳುಹಿಸಿ: "+ib, "Перавядзі грошы на "+ib, "Lacagta u dir "+ib, "Iwwerweis op "+ib+" w.e.g.")
					ps = append(ps, h15ib(ib))
				case 4:
					c := g.card(g.r.IntN(2) == 0)
					body = g.pick("ਕਾਰਡ ਨੰਬਰ "+c+" ਹੈ", "Нумар карткі "+c, "Kaardnummer "+c)
					ps = append(ps, h15cc(c))
				case 5:
					body = g.pick("ਤੁਹਾਡਾ OTP "+g.s(digits, 6)+" ਹੈ। ਇਹ 10 ਮਿੰਟ ਲਈ ਵੈਧ ਹੈ।", "Ваш код пацверджання: "+g.s(digits, 6), "Koodhkaaga xaqiijinta waa "+g.s(digits, 6), "Äre Code: "+g.s(digits, 6))
				case 6:
					body = g.pick("ਪਾਸਵਰਡ ਬਦਲ ਦਿੱਤਾ ਗਿਆ ਹੈ", "Пароль: ********", "Erayga sirta ah waa <qarsoon>", "Passwuert: CHANGEME")
				default:
					pw := g.h16pass()
					body = g.pick("wifi "+g.pick("Gharwala", "Kantoor")+" / ਪਾਸਵਰਡ: "+pw, "ವೈಫೈ ಪಾಸ್‌ವರ್ಡ್: "+pw, "WLAN Passwuert: "+pw)
					ps = append(ps, h15pw(pw))
				}
				f.add(fmt.Sprintf(`  <sms protocol="0" address="%s" date="%d" type="%d" subject="null" body="%s" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="%d" sub_id="1" readable_date="5 Jan 2026 %02d:%02d:%02d" contact_name="%s" />`, ph, 1767000000000+g.r.Int64N(1e10), 1+g.r.IntN(2), body, 1767000000000+g.r.Int64N(1e10), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.h16name()), ps...)
			}
			f.add("</smses>")
		}},
		template{"chat", "line-history.txt", func(g *gen, f *file) {
			a, b := g.h16name(), g.h16name()
			f.add("[LINE] Chat history with " + b)
			f.add("Saved on: 2026/01/05 21:14")
			f.add("")
			f.add(fmt.Sprintf("2026/01/%02d(Mon)", 1+g.r.IntN(28)))
			for i := 0; i < 7+g.r.IntN(3); i++ {
				who := a
				if i%2 == 1 {
					who = b
				}
				ts := fmt.Sprintf("%02d:%02d", 8+g.r.IntN(12), g.r.IntN(60))
				msg := func(s string, ps ...plant) { f.add(ts+"\t"+who+"\t"+s, ps...) }
				c := g.r.IntN(8)
				if i == 0 {
					c = g.r.IntN(2)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					msg(g.pick("സെർവർ പാസ്‌വേഡ് "+pw+" ആണ്, ആരോടും പറയരുത്", "ડેટાબેઝનો પાસવર્ડ "+pw+" છે", "ລະຫັດຜ່ານຂອງເຊີບເວີແມ່ນ "+pw, "ဆာဗာ စကားဝှက်က "+pw+" ပါ", "Kalmar sirri ta sabar ita ce "+pw), h15pw(pw))
				case 1:
					_, v, p := g.h16tokPlain()
					msg(g.pick("പുതിയ API കീ: "+v, "નવી API કી "+v+" છે", "API key ໃໝ່: "+v, "API key အသစ်: "+v, "Ga sabon API key: "+v), p)
				case 2:
					e, ph := g.h16email(), g.h16phone()
					msg(g.pick("എന്റെ ഇമെയിൽ "+e+", ഫോൺ "+ph, "મારું ઇમેઇલ "+e+" અને ફોન "+ph+" છે", "ອີເມວຂອງຂ້ອຍ "+e+" ເບີໂທ "+ph, "ကျွန်တော့် အီးမေးလ် "+e+" ဖုန်း "+ph, "Imel dina shine "+e+", lambar waya "+ph), h15mail(e), h15tel(ph))
				case 3:
					ib := g.h16iban()
					msg(g.pick("ഈ അക്കൗണ്ടിലേക്ക് അയയ്ക്കൂ: "+ib, "આ ખાતામાં મોકલો: "+ib, "ໂອນເງິນເຂົ້າ "+ib, "ဒီအကောင့်ကို လွှဲပါ "+ib, "A tura kudi zuwa "+ib), h15ib(ib))
				case 4:
					c := g.card(true)
					msg(g.pick("കാർഡ് നമ്പർ "+c, "કાર્ડ નંબર "+c, "Lambar kati "+c), h15cc(c))
				case 5:
					msg(g.pick("[Photo]", "[Sticker]", "OK 👍", "ശരി", "ઠીક છે", "ໄດ້", "ဟုတ်ကဲ့", "To shikenan"))
				case 6:
					msg(g.pick("പാസ്‌വേഡ് ******** ആക്കി മാറ്റി", "commit "+g.s(hexd, 40)+" ડિપ્લોય થયું", "ລະຫັດ OTP: "+g.s(digits, 6), "ticket "+g.h5uuid()+" ပိတ်ပြီ", "API key: <sabon key>"))
				default:
					pw := g.h16pass()
					msg(g.pick("wifi: "+g.pick("Office-5G", "Kada")+" pass "+pw, "Wi-Fi ပါ့စ်ဝေါ့ "+pw, "વાઇફાઇ પાસવર્ડ: "+pw), h15pw(pw))
				}
			}
		}},
	},
	// Credential tables in wikis.
	{
		template{"wiki", "runbook.md", func(g *gen, f *file) {
			f.add("# Runbook: " + g.pick("payments cluster", "claims platform", "fleet telemetry"))
			f.add("")
			f.add("## Access")
			f.add("")
			f.add("| System | Host | User | Password / key | Notes |")
			f.add("|--------|------|------|----------------|-------|")
			for i := 0; i < 4+g.r.IntN(2); i++ {
				c := g.r.IntN(5)
				if i == 0 {
					c = g.r.IntN(3)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					f.add(fmt.Sprintf("| %s | %s | %s | `%s` | rotate quarterly |", g.pick("Postgres primary", "MySQL replica", "Oracle ERP"), g.h16host(), g.h16user(), pw), h15pw(pw))
				case 1:
					pw := g.h16pass()
					f.add(fmt.Sprintf("| %s | https://%s | admin | %s | |", g.pick("Grafana", "Jenkins", "Keycloak"), g.h16host(), pw), h15pw(pw))
				case 2:
					_, v, p := g.h16tokPlain()
					f.add(fmt.Sprintf("| %s | — | — | %s | service key |", g.pick("Payments API", "Search", "LLM gateway"), v), p)
				case 3:
					f.add(fmt.Sprintf("| %s | %s | %s | see Vault `secret/%s` | |", g.pick("RabbitMQ", "Redis"), g.h16host(), g.h16user(), g.pick("mq", "cache")))
				default:
					f.add(fmt.Sprintf("| Backup S3 | s3://%s-bk | — | `%s` | |", g.pick("ledger", "claims"), g.pick("<ask #ops>", "********", "${BACKUP_KEY}")))
				}
			}
			f.add("")
			f.add("## On-call contacts")
			f.add("")
			f.add("| Name | E-mail | Phone |")
			f.add("|---|---|---|")
			for i := 0; i < 2; i++ {
				e, ph := g.h16email(), g.h16phone()
				f.add(fmt.Sprintf("| %s | %s | %s |", g.h16name(), e, ph), h15mail(e), h15tel(ph))
			}
			f.add("")
			f.add("Last verified with commit `" + g.s(hexd, 12) + "`.")
		}},
		template{"wiki", "Zugangsdaten.wiki", func(g *gen, f *file) {
			f.add("== Zugangsdaten " + g.pick("Produktion", "Staging") + " ==")
			f.add("{| class=\"wikitable sortable\"")
			f.add("! Dienst !! Benutzer !! Passwort !! Bemerkung")
			for i := 0; i < 4+g.r.IntN(2); i++ {
				f.add("|-")
				c := g.r.IntN(5)
				if i == 0 {
					c = g.r.IntN(3)
				}
				switch c {
				case 0:
					pw := g.h16pass()
					f.add(fmt.Sprintf("| %s || %s || %s || ", g.pick("Jenkins", "Nexus", "pgAdmin"), g.h16user(), pw), h15pw(pw))
				case 1:
					pw := g.h16pass()
					se := g.h16email()
					f.add(fmt.Sprintf("| SMTP-Relay || %s || <code>%s</code> || TLS 587", se, pw), h15mail(se), h15pw(pw))
				case 2:
					_, v, p := g.h16tokPlain()
					f.add(fmt.Sprintf("| %s || ''Token'' || <code>%s</code> || läuft 2027 ab", g.pick("GitLab CI", "Zahlungsanbieter", "Monitoring"), v), p)
				case 3:
					f.add(fmt.Sprintf("| %s || %s || ''siehe Passbolt'' || ", g.pick("VPN", "Firewall"), g.h16user()))
				default:
					f.add(fmt.Sprintf("| Hash-Prüfsumme || — || %s || nur Checksumme", g.s(hexd, 64)))
				}
			}
			f.add("|}")
			f.add("")
			f.add("== Ansprechpartner ==")
			for i := 0; i < 2; i++ {
				e, ph := g.h16email(), g.h16phone()
				// the address once: the scorer places a label at its value's first
				// occurrence, so a second copy on the line would count as a false positive
				f.add(fmt.Sprintf("* [mailto:%s %s], Tel. %s", e, g.h16name(), ph), h15mail(e), h15tel(ph))
			}
			f.add("[[Kategorie:Betrieb]]")
		}},
	},
	// Configuration languages.
	{
		template{"conf", "app.dhall", func(g *gen, f *file) {
			f.add("let Prelude =")
			f.add("      https://prelude.dhall-lang.org/v23.0.0/package.dhall")
			f.add("        sha256:" + g.s(hexd, 64))
			f.add("")
			pw := g.h16pass()
			f.add("let db =")
			f.add("      { host = \"" + g.h16host() + "\"")
			f.add("      , port = 5432")
			f.add("      , user = \"" + g.h16user() + "\"")
			f.add("      , password = \""+pw+"\"", h15pw(pw))
			f.add("      }")
			f.add("")
			_, v, p := g.h16tokPlain()
			f.add("let apiKey : Text = \""+v+"\"", p)
			f.add("")
			f.add("in  { database = db")
			f.add("    , apiKey")
			sp := g.h16pass()
			se := g.h16email()
			f.add("    , smtp = { user = \""+se+"\", password = env:SMTP_PASSWORD as Text ? \""+sp+"\" }", h15mail(se), h15pw(sp))
			k := g.h16rand()
			f.add("    , sessionSecret = \""+k+"\"", h15gen(k))
			if g.r.IntN(2) == 0 {
				h, body, ft := g.h16pem()
				f.add("    , deployKey =")
				f.add("        ''")
				f.add("        "+h, h15key(h))
				for _, b := range body {
					f.add("        " + b)
				}
				f.add("        " + ft)
				f.add("        ''")
			}
			f.add("    , featureFlags = [ \"new-ledger\", \"beta-export\" ]")
			f.add("    }")
		}},
		template{"conf", "AppConfig.pkl", func(g *gen, f *file) {
			f.add("amends \"package://pkg.pkl-lang.org/pkl-k8s/k8s@1.2.0#/K8sResource.pkl\"")
			f.add("")
			f.add("database {")
			f.add("  host = \"" + g.h16host() + "\"")
			f.add("  username = \"" + g.h16user() + "\"")
			pw := g.h16pass()
			f.add("  password = \""+pw+"\"", h15pw(pw))
			f.add("}")
			f.add("")
			_, v, p := g.h16tokPlain()
			f.add("apiKey = \""+v+"\"", p)
			f.add("webhookSecret = read(\"env:WEBHOOK_SECRET\")")
			f.add("listeners {")
			f.add("  new {")
			f.add("    name = \"" + g.pick("alerts", "audit") + "\"")
			k := g.h16rand()
			f.add("    token = \""+k+"\"", h15gen(k))
			f.add("  }")
			f.add("}")
			f.add("imageDigest = \"sha256:" + g.s(hexd, 64) + "\"")
			e := g.h16email()
			f.add("owner = \""+e+"\"", h15mail(e))
		}},
	},
	// Data-encryption key configs.
	{
		template{"crypto", "keyset.json", func(g *gen, f *file) {
			pid := 100000000 + g.r.IntN(1900000000)
			raw := make([]byte, 34)
			raw[0], raw[1] = 0x1a, 0x20
			for i := 2; i < len(raw); i++ {
				raw[i] = byte(g.r.IntN(256))
			}
			val := base64.StdEncoding.EncodeToString(raw)
			f.add("{")
			f.add(fmt.Sprintf(`  "primaryKeyId": %d,`, pid))
			f.add(`  "key": [`)
			f.add("    {")
			f.add(`      "keyData": {`)
			f.add(`        "typeUrl": "type.googleapis.com/google.crypto.tink.AesGcmKey",`)
			f.add(`        "value": "`+val+`",`, h15gen(val))
			f.add(`        "keyMaterialType": "SYMMETRIC"`)
			f.add("      },")
			f.add(`      "status": "ENABLED",`)
			f.add(fmt.Sprintf(`      "keyId": %d,`, pid))
			f.add(`      "outputPrefixType": "TINK"`)
			f.add("    }")
			f.add("  ]")
			f.add("}")
			f.add("")
			f.add("// wrapped copy, for the record:")
			f.add(`{"encryptedKeyset": "` + g.s(b64, 200) + `==", "keysetInfo": {"primaryKeyId": ` + fmt.Sprint(pid) + `, "keyInfo": [{"typeUrl": "type.googleapis.com/google.crypto.tink.AesGcmKey", "status": "ENABLED", "keyId": ` + fmt.Sprint(pid) + `, "outputPrefixType": "TINK"}]}}`)
			f.add(`{"primaryKeyId": ` + fmt.Sprint(pid+1) + `, "key": [{"keyData": {"typeUrl": "type.googleapis.com/google.crypto.tink.EcdsaPublicKey", "value": "` + g.s(b64, 108) + `", "keyMaterialType": "ASYMMETRIC_PUBLIC"}, "status": "ENABLED", "keyId": ` + fmt.Sprint(pid+1) + `, "outputPrefixType": "TINK"}]}`)
		}},
		template{"crypto", "encryption-config.yaml", func(g *gen, f *file) {
			f.add("apiVersion: apiserver.config.k8s.io/v1")
			f.add("kind: EncryptionConfiguration")
			f.add("resources:")
			f.add("  - resources:")
			f.add("      - secrets")
			f.add("      - configmaps")
			f.add("    providers:")
			k1 := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add("      - aescbc:")
			f.add("          keys:")
			f.add("            - name: key-" + g.s(digits, 8))
			f.add("              secret: "+k1, h15gen(k1))
			if g.r.IntN(2) == 0 {
				k2 := base64.StdEncoding.EncodeToString(g.h16bytes(32))
				f.add("      - secretbox:")
				f.add("          keys:")
				f.add("            - name: key2")
				f.add("              secret: "+k2, h15gen(k2))
			}
			f.add("      - kms:")
			f.add("          apiVersion: v2")
			f.add("          name: " + g.pick("vault-kms", "aws-kms"))
			f.add("          endpoint: unix:///var/run/kms-provider.sock")
			f.add("      - identity: {}")
			f.add("# previous key, still needed to read old data; do not remove until rewrite done")
			f.add("#            - name: key-old")
			f.add("#              secret: " + g.pick("<base64 of 32 random bytes>", "${ENCRYPTION_KEY}", "c2VjcmV0IGlzIHNlY3VyZQ=="))
		}},
	},
	// Network AAA.
	{
		template{"netauth", "tac_plus.conf", func(g *gen, f *file) {
			k := g.h16pass()
			f.add("key = \""+k+"\"", h15pw(k))
			f.add("accounting file = /var/log/tac_plus.acct")
			f.add("group = netadmins {")
			f.add("    default service = permit")
			f.add("    service = exec { priv-lvl = 15 }")
			f.add("}")
			for i := 0; i < 2+g.r.IntN(2); i++ {
				f.add("user = " + g.pick("aliaksei", "hetal", "kyaw", "claudine", "aminu") + fmt.Sprint(i) + " {")
				switch g.r.IntN(3) {
				case 0:
					pw := g.h16pass()
					f.add("    login = cleartext \""+pw+"\"", h15pw(pw))
					if g.r.IntN(2) == 0 {
						ep := g.h16pass()
						f.add("    enable = cleartext \""+ep+"\"", h15pw(ep))
					}
				case 1:
					f.add("    login = des " + g.s(b64[:62]+"./", 13))
				default:
					f.add("    login = PAM")
				}
				f.add("    name = \"" + g.h16name() + "\"")
				f.add("    member = netadmins")
				f.add("}")
			}
		}},
		template{"netauth", "vyos-config.txt", func(g *gen, f *file) {
			u := g.pick("ops", "noc", "backup")
			pw := g.h16pass()
			f.add("set system login user "+u+" authentication plaintext-password '"+pw+"'", h15pw(pw))
			f.add("set system login user vyos authentication encrypted-password '" + g.h16crypt() + "'")
			f.add("set system login user " + u + " authentication public-keys ops@laptop key 'AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64[:62], 43) + "'")
			peer := g.pubIP()
			psk := g.h16pass()
			f.add("set vpn ipsec authentication psk "+g.pick("branch", "dc2")+" id '"+peer+"'", h16ip(peer))
			f.add("set vpn ipsec authentication psk "+g.pick("branch", "dc2")+" secret '"+psk+"'", h15pw(psk))
			comm := g.s(alnum, 12)
			f.add("set service snmp community '"+comm+"' authorization 'ro'", h15pw(comm))
			f.add("set service snmp community public authorization ro")
			bp := g.h16pass()
			nb := g.h15ip()
			f.add("set protocols bgp neighbor "+nb+" password '"+bp+"'", h16ip(nb), h15pw(bp))
			wk := base64.StdEncoding.EncodeToString(g.h16bytes(32))
			f.add("set interfaces wireguard wg0 private-key '"+wk+"'", secret("wireguard", wk))
			f.add("set interfaces wireguard wg0 peer hub public-key '" + base64.StdEncoding.EncodeToString(g.h16bytes(32)) + "'")
			if g.r.IntN(2) == 0 {
				_, v, p := g.h16tokPlain()
				f.add("set service dns dynamic name cf address interface eth0")
				f.add("set service dns dynamic name cf password '"+v+"'", p)
			} else {
				f.add("set service dns dynamic name cf password '" + g.pick("<api-token>", "CHANGE-ME") + "'")
			}
		}},
	},
}

var held16aTemplates, held16bTemplates = halves(held16Families)

func reverse(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[len(xs)-1-i] = x
	}
	return out
}
