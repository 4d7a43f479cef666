package main

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// held9Families pairs two variants of one class in different concrete shapes: a goes to
// held9a (may be tuned on), b to held9b (held out; totals only — see held9.go).
var held9Families = []struct{ a, b template }{
	// VPN and network pre-shared keys.
	{
		template{"vpn", "wg0.conf", func(g *gen, f *file) {
			f.add("# wg-quick config for " + g.pick(h9first...) + "'s laptop")
			f.add("[Interface]")
			f.add(fmt.Sprintf("Address = 10.%d.0.%d/32", g.r.IntN(250), 2+g.r.IntN(200)))
			k := g.h9wgKey()
			f.add("PrivateKey = "+k, secret("wireguard", k))
			f.add("DNS = 10.0.0.53")
			f.add("")
			f.add("[Peer]")
			f.add("PublicKey = " + g.h9wgKey())
			if g.r.IntN(2) == 0 {
				psk := g.h9wgKey()
				f.add("PresharedKey = "+psk, secret("wireguard", psk))
			}
			f.add("Endpoint = " + g.h9host() + ":51820")
			f.add("AllowedIPs = 0.0.0.0/0, ::/0")
			f.add("PersistentKeepalive = 25")
			f.add("")
			f.add("[Peer]")
			f.add("# office gateway, public key only")
			f.add("PublicKey = " + g.h9wgKey())
			f.add("AllowedIPs = 10.20.0.0/16")
		}},
		template{"vpn", "ipsec.secrets", func(g *gen, f *file) {
			f.add("# /etc/ipsec.secrets - strongSwan IPsec secrets file")
			psk := g.h9rand()
			f.add(fmt.Sprintf("203.0.113.%d 198.51.100.%d : PSK \"%s\"", 1+g.r.IntN(250), 1+g.r.IntN(250), psk), h9gen(psk))
			f.add("@" + g.h9host() + " : RSA " + g.pick("moonKey.pem", "gw.key.pem"))
			pw := g.h9pass()
			f.add(g.h9user()+" : XAUTH \""+pw+"\"", h9pw(pw))
			pw2 := g.h9pass()
			f.add(g.pick(h9first...)+" : EAP \""+pw2+"\"", h9pw(pw2))
			f.add("")
			f.add("# /etc/swanctl/conf.d/secrets.conf")
			f.add("secrets {")
			f.add("    ike-site" + fmt.Sprint(1+g.r.IntN(9)) + " {")
			f.add("        id = " + g.h9host())
			b := "0s" + base64.StdEncoding.EncodeToString(g.h8bytes(24))
			f.add("        secret = "+b, h9gen(b))
			f.add("    }")
			f.add("    eap-" + g.pick(h9first...) + " {")
			f.add("        id = " + g.h9user())
			pw3 := g.h9pass()
			f.add("        secret = \""+pw3+"\"", h9pw(pw3))
			f.add("    }")
			f.add("}")
		}},
	},
	// VoIP and RADIUS shared secrets.
	{
		template{"voip", "pjsip.conf", func(g *gen, f *file) {
			ext := fmt.Sprint(6000 + g.r.IntN(999))
			f.add("[transport-udp]")
			f.add("type=transport")
			f.add("protocol=udp")
			f.add("bind=0.0.0.0")
			f.add("")
			f.add("[" + ext + "]")
			f.add("type=auth")
			f.add("auth_type=userpass")
			pw := g.h9pass()
			f.add("password="+pw, h9pw(pw))
			f.add("username=" + ext)
			f.add("")
			f.add("[trunk-" + g.pick("voipms", "twilio", "sipgate") + "-auth]")
			f.add("type=auth")
			f.add("auth_type=userpass")
			f.add("username=" + g.s(digits, 6))
			pw2 := g.h9rand()
			f.add("password="+pw2, h9pw(pw2))
			f.add("")
			f.add("[" + fmt.Sprint(7000+g.r.IntN(999)) + "]")
			f.add("type=auth")
			f.add("auth_type=md5")
			// An HA1 digest authenticates SIP digest requests by itself: ambiguous.
			md5 := g.s(hexd, 32)
			f.add("md5_cred="+md5, neutral("ambiguous", md5))
			f.add("realm=asterisk")
		}},
		template{"radius", "clients.conf", func(g *gen, f *file) {
			f.add("# FreeRADIUS clients.conf")
			f.add("client localhost {")
			f.add("\tipaddr = 127.0.0.1")
			f.add("\tsecret = testing123")
			f.add("}")
			f.add("client nas-" + g.pick("ap", "vpn", "sw") + fmt.Sprint(g.r.IntN(20)) + " {")
			f.add(fmt.Sprintf("\tipaddr = 10.%d.%d.0/24", g.r.IntN(250), g.r.IntN(250)))
			s := g.h9rand()
			f.add("\tsecret = "+s, h9gen(s))
			f.add("\tshortname = " + g.pick("wifi", "vpn", "core"))
			f.add("}")
			f.add("")
			f.add("# mods-available/ldap")
			f.add("ldap {")
			f.add("\tserver = 'ldaps://" + g.h9host() + "'")
			f.add("\tidentity = 'cn=" + g.pick("radius", "svc-auth") + ",ou=services,dc=corp,dc=example'")
			pw := g.h9pass()
			f.add("\tpassword = "+pw, h9pw(pw))
			f.add("\tbase_dn = 'dc=corp,dc=example'")
			f.add("}")
		}},
	},
	// Windows deployment files.
	{
		template{"windows", "unattend.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="utf-8"?>`)
			f.add(`<unattend xmlns="urn:schemas-microsoft-com:unattend">`)
			f.add(`  <settings pass="oobeSystem">`)
			f.add(`    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">`)
			f.add(`      <UserAccounts>`)
			f.add(`        <AdministratorPassword>`)
			pw := g.h9pass()
			v := h9utf16b64(pw + "AdministratorPassword")
			f.add(`          <Value>`+v+`</Value>`, h9pw(v))
			f.add(`          <PlainText>false</PlainText>`)
			f.add(`        </AdministratorPassword>`)
			f.add(`        <LocalAccounts>`)
			f.add(`          <LocalAccount wcm:action="add">`)
			pw2 := g.h9pass()
			f.add(`            <Password><Value>`+pw2+`</Value><PlainText>true</PlainText></Password>`, h9pw(pw2))
			f.add(`            <Name>` + g.h9user() + `</Name>`)
			f.add(`            <Group>Administrators</Group>`)
			f.add(`          </LocalAccount>`)
			f.add(`        </LocalAccounts>`)
			f.add(`      </UserAccounts>`)
			f.add(`      <AutoLogon>`)
			pw3 := g.h9pass()
			v3 := h9utf16b64(pw3 + "Password")
			f.add(`        <Password><Value>`+v3+`</Value><PlainText>false</PlainText></Password>`, h9pw(v3))
			f.add(`        <Enabled>true</Enabled>`)
			f.add(`      </AutoLogon>`)
			f.add(`      <ProductKey>` + g.pick("W269N-WFGWX-YVC9B-4J6C3-T2HXM", "NPPR9-FWDCX-D2C8J-H872K-2YT43", "VK7JG-NPHTM-C97JM-9MPGT-3V66T") + `</ProductKey>`)
			f.add(`    </component>`)
			f.add(`  </settings>`)
			f.add(`</unattend>`)
		}},
		template{"windows", "Groups.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="utf-8"?>`)
			f.add(`<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">`)
			pw := g.h9pass()
			c := h9cpassword(pw)
			f.add(`  <User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="Administrator (built-in)" image="2" changed="2026-0`+fmt.Sprint(1+g.r.IntN(9))+`-12 08:14:03" uid="{`+strings.ToUpper(g.h5uuid())+`}">`, nil...)
			f.add(`    <Properties action="U" newName="" fullName="" description="" cpassword="`+c+`" changeLogon="0" noChange="1" neverExpires="1" acctDisabled="0" userName="Administrator (built-in)"/>`, h9pw(c))
			f.add(`  </User>`)
			f.add(`  <User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="` + g.h9user() + `" image="0" uid="{` + strings.ToUpper(g.h5uuid()) + `}">`)
			f.add(`    <Properties action="C" fullName="Kiosk" cpassword="" changeLogon="1" userName="kiosk"/>`)
			f.add(`  </User>`)
			f.add(`</Groups>`)
			f.add(`<!-- ScheduledTasks.xml -->`)
			pw2 := g.h9pass()
			c2 := h9cpassword(pw2)
			f.add(`<Task clsid="{2DEECB1C-261F-4e13-9B21-16FB83BC03BD}" name="nightly-backup"><Properties action="U" name="nightly-backup" runAs="CORP\`+g.h9user()+`" cpassword="`+c2+`" logonType="Password"/></Task>`, h9pw(c2))
		}},
	},
	// FTP and download clients' saved logins.
	{
		template{"ftp", "sitemanager.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>`)
			f.add(`<FileZilla3 version="3.67.1" platform="windows">`)
			f.add(`	<Servers>`)
			for i := 0; i < 1+g.r.IntN(2); i++ {
				f.add(`		<Server>`)
				f.add(`			<Host>` + g.pick("ftp.", "files.", "upload.") + g.pick("agency.example", "printshop.example", "partner.example") + `</Host>`)
				f.add(`			<Port>21</Port>`)
				f.add(`			<Protocol>0</Protocol>`)
				f.add(`			<Type>0</Type>`)
				f.add(`			<User>` + g.h9user() + `</User>`)
				b := base64.StdEncoding.EncodeToString([]byte(g.h9pass()))
				f.add(`			<Pass encoding="base64">`+b+`</Pass>`, h9pw(b))
				f.add(`			<Logontype>1</Logontype>`)
				f.add(`			<Name>` + g.pick("Website", "Print", "Backups") + `</Name>`)
				f.add(`		</Server>`)
			}
			f.add(`		<Server>`)
			f.add(`			<Host>` + g.h9host() + `</Host>`)
			f.add(`			<Port>22</Port>`)
			f.add(`			<Protocol>1</Protocol>`)
			f.add(`			<User>deploy</User>`)
			f.add(`			<Keyfile>C:\Users\` + g.pick(h9first...) + `\.ssh\id_ed25519.ppk</Keyfile>`)
			f.add(`			<Logontype>5</Logontype>`)
			f.add(`		</Server>`)
			f.add(`	</Servers>`)
			f.add(`</FileZilla3>`)
		}},
		template{"ftp", "lftp-bookmarks", func(g *gen, f *file) {
			f.add("# ~/.local/share/lftp/bookmarks")
			pw := g.h9pass()
			f.add(g.pick("backup", "site", "media")+" ftp://"+g.h9user()+":"+pw+"@"+g.h9host()+"/"+g.pick("backups/", "htdocs/", ""), h9pw(pw))
			f.add("mirror sftp://deploy@" + g.h9host() + "/srv/mirror/")
			f.add("")
			f.add("# ~/.curlrc")
			f.add("silent")
			pw2 := g.h9pass()
			f.add(`user = "`+g.h9user()+`:`+pw2+`"`, h9pw(pw2))
			f.add(`header = "X-Request-Source: cron"`)
			f.add("")
			f.add("# ~/.wgetrc")
			f.add("http_user = " + g.h9user())
			pw3 := g.h9pass()
			f.add("http_password = "+pw3, h9pw(pw3))
			f.add("ftp_user = anonymous")
			f.add("ftp_password = " + g.pick("guest", "anonymous@"))
		}},
	},
	// CLI credential stores.
	{
		template{"cli", "kubeconfig", func(g *gen, f *file) {
			f.add("apiVersion: v1")
			f.add("clusters:")
			f.add("- cluster:")
			f.add("    certificate-authority-data: " + g.h9certB64())
			f.add(fmt.Sprintf("    server: https://10.%d.%d.%d:6443", g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250)))
			f.add("  name: " + g.pick("prod", "kind-dev", "gke_corp_europe-west1_main"))
			f.add("contexts:")
			f.add("- context:")
			f.add("    cluster: prod")
			f.add("    user: admin")
			f.add("  name: prod")
			f.add("current-context: prod")
			f.add("kind: Config")
			f.add("users:")
			f.add("- name: admin")
			f.add("  user:")
			f.add("    client-certificate-data: " + g.h9certB64())
			k := g.h9pemB64()
			f.add("    client-key-data: "+k, secret("private-key", k))
			f.add("- name: ci-bot")
			f.add("  user:")
			e := base64.RawURLEncoding.EncodeToString
			t := e([]byte(`{"alg":"RS256","kid":"`+g.s(urlb64, 43)+`"}`)) + "." + e([]byte(`{"iss":"kubernetes/serviceaccount","kubernetes.io/serviceaccount/namespace":"ci","sub":"system:serviceaccount:ci:`+g.s(lower, 6)+`"}`)) + "." + g.s(urlb64, 342)
			f.add("    token: "+t, secret("jwt", t))
		}},
		template{"cli", "gh-terraform-yarn.txt", func(g *gen, f *file) {
			f.add("# ~/.config/gh/hosts.yml")
			f.add("github.com:")
			f.add("    users:")
			u := g.h9user()
			f.add("        " + u + ":")
			t := g.h5gh("gho_")
			f.add("            oauth_token: "+t, secret("github", t))
			f.add("    git_protocol: https")
			f.add("    user: " + u)
			f.add("")
			f.add("# ~/.terraformrc")
			f.add(`credentials "app.terraform.io" {`)
			tf := g.s(alnum, 14) + ".atlasv1." + g.s(alnum, 67)
			f.add(`  token = "`+tf+`"`, secret("terraform", tf))
			f.add("}")
			f.add("")
			f.add("# .yarnrc.yml")
			f.add("nodeLinker: node-modules")
			f.add("npmScopes:")
			f.add("  corp:")
			n := g.h5gh("npm_")
			f.add("    npmAuthToken: "+n, secret("npm", n))
			f.add(`    npmRegistryServer: "https://npm.corp.example"`)
			pw := g.h9pass()
			f.add(`npmAuthIdent: "`+g.h9user()+`:`+pw+`"`, h9pw(pw))
		}},
	},
	// Message brokers.
	{
		template{"mq", "rabbitmq.conf", func(g *gen, f *file) {
			f.add("# /etc/rabbitmq/rabbitmq.conf")
			f.add("listeners.tcp.default = 5672")
			f.add("default_vhost = /")
			f.add("default_user = " + g.pick("admin", "mq_admin"))
			pw := g.h9pass()
			f.add("default_pass = "+pw, h9pw(pw))
			f.add("management.tcp.port = 15672")
			f.add("")
			f.add("# definitions.json (excerpt)")
			f.add(`{"users":[{"name":"` + g.h9user() + `","password_hash":"` + base64.StdEncoding.EncodeToString(g.h8bytes(36)) + `","hashing_algorithm":"rabbit_password_hashing_sha256","tags":["administrator"]}],`)
			pw2 := g.h9pass()
			f.add(` "parameters":[{"value":{"src-uri":"amqp://`+g.h9user()+`:`+pw2+`@`+g.h9host()+`:5672/%2f","src-queue":"orders","dest-uri":"amqp://"},"vhost":"/","component":"shovel","name":"orders-to-dr"}]}`, h9pw(pw2))
		}},
		template{"mq", "mosquitto-nats.conf", func(g *gen, f *file) {
			f.add("# /etc/mosquitto/conf.d/bridge.conf")
			f.add("connection bridge-to-cloud")
			f.add("address " + g.h9host() + ":8883")
			f.add("topic sensors/# out 1")
			f.add("remote_username " + g.h9user())
			pw := g.h9pass()
			f.add("remote_password "+pw, h9pw(pw))
			f.add("bridge_cafile /etc/mosquitto/ca.crt")
			f.add("password_file /etc/mosquitto/passwd")
			f.add("# passwd: " + g.h9user() + ":$7$101$" + base64.StdEncoding.EncodeToString(g.h8bytes(12)) + "$" + base64.StdEncoding.EncodeToString(g.h8bytes(64)))
			f.add("")
			f.add("# nats-server.conf")
			f.add("authorization {")
			f.add("  users = [")
			pw2 := g.h9pass()
			f.add(`    {user: `+g.h9user()+`, password: "`+pw2+`"}`, h9pw(pw2))
			f.add(`    {user: admin, password: "$2a$11$` + g.s(alnum+"./", 53) + `"}`)
			f.add("  ]")
			f.add("}")
			pw3 := g.h9pass()
			f.add(`leafnodes { remotes = [ { url: "nats-leaf://`+g.h9user()+`:`+pw3+`@`+g.h9host()+`:7422" } ] }`, h9pw(pw3))
		}},
	},
	// Database servers' own configuration.
	{
		template{"db", "redis.conf", func(g *gen, f *file) {
			f.add("bind 127.0.0.1 -::1")
			f.add("port 6379")
			f.add("# requirepass foobared")
			pw := g.h9pass()
			f.add("requirepass "+pw, h9pw(pw))
			f.add("masteruser replica")
			pw2 := g.h9pass()
			f.add("masterauth "+pw2, h9pw(pw2))
			f.add("aclfile /etc/redis/users.acl")
			f.add("")
			f.add("# /etc/redis/users.acl")
			f.add("user default off")
			pw3 := g.h9pass()
			f.add("user "+g.pick("app", "worker", "sessions")+" on >"+pw3+" ~app:* &* +@all -@dangerous", h9pw(pw3))
			f.add("user metrics on #" + g.s(hexd, 64) + " ~* +info +ping")
			neg := g.h9neg()
			f.add("# replica-announce-token "+neg, h9negSlot(neg)...)
		}},
		template{"db", "pgbouncer-sentinel.txt", func(g *gen, f *file) {
			f.add(";; /etc/pgbouncer/userlist.txt")
			f.add(`"app" "SCRAM-SHA-256$4096:` + base64.StdEncoding.EncodeToString(g.h8bytes(16)) + `$` + base64.StdEncoding.EncodeToString(g.h8bytes(32)) + `:` + base64.StdEncoding.EncodeToString(g.h8bytes(32)) + `"`)
			f.add(`"legacy" "md5` + g.s(hexd, 32) + `"`)
			pw := g.h9pass()
			f.add(`"`+g.h9user()+`" "`+pw+`"`, h9pw(pw))
			f.add("")
			f.add(";; /etc/pgbouncer/pgbouncer.ini")
			f.add("[databases]")
			pw2 := g.h9pass()
			f.add("orders = host="+g.h9host()+" port=5432 dbname=orders user=app password="+pw2, h9pw(pw2))
			f.add("[pgbouncer]")
			f.add("auth_type = scram-sha-256")
			f.add("auth_file = /etc/pgbouncer/userlist.txt")
			f.add("")
			f.add("# /etc/redis/sentinel.conf")
			f.add(fmt.Sprintf("sentinel monitor mymaster 10.0.%d.%d 6379 2", g.r.IntN(250), 1+g.r.IntN(250)))
			pw3 := g.h9pass()
			f.add("sentinel auth-pass mymaster "+pw3, h9pw(pw3))
			f.add("sentinel down-after-milliseconds mymaster 5000")
			neg := g.h9neg()
			f.add("# sentinel auth-pass standby "+neg, h9negSlot(neg)...)
		}},
	},
	// HashiCorp tools.
	{
		template{"hashicorp", "consul-nomad.hcl", func(g *gen, f *file) {
			f.add("# /etc/consul.d/consul.hcl")
			f.add(`datacenter = "dc1"`)
			f.add(`data_dir = "/opt/consul"`)
			k := base64.StdEncoding.EncodeToString(g.h8bytes(32))
			f.add(`encrypt = "`+k+`"`, h9gen(k))
			f.add("acl {")
			f.add("  enabled = true")
			f.add("  tokens {")
			u := g.h5uuid()
			f.add(`    initial_management = "`+u+`"`, neutral("ambiguous", u))
			f.add("  }")
			f.add("}")
			f.add("")
			f.add("# jobs/billing.nomad.hcl")
			f.add(`job "billing" {`)
			f.add(`  group "api" {`)
			f.add(`    task "server" {`)
			f.add(`      driver = "docker"`)
			f.add("      env {")
			pw := g.h9pass()
			f.add(`        DB_PASSWORD = "`+pw+`"`, h9pw(pw))
			name, v, p := g.h9tok()
			f.add(`        `+strings.ToUpper(h8snake(name))+` = "`+v+`"`, p)
			neg := g.h9neg()
			f.add(`        SESSION_SECRET = "`+neg+`"`, h9negSlot(neg)...)
			f.add(`        LOG_LEVEL = "info"`)
			f.add("      }")
			f.add("      template {")
			f.add("        data = <<EOH")
			f.add(`{{ with secret "kv/data/billing" }}STRIPE_KEY={{ .Data.data.stripe_key }}{{ end }}`)
			f.add("EOH")
			f.add(`        destination = "secrets/app.env"`)
			f.add("        env = true")
			f.add("      }")
			f.add("    }")
			f.add("  }")
			f.add("}")
		}},
		template{"hashicorp", "vault-session.txt", func(g *gen, f *file) {
			f.add("$ vault operator init -key-shares=3 -key-threshold=2")
			for i := 1; i <= 3; i++ {
				k := base64.StdEncoding.EncodeToString(g.h8bytes(33))
				f.add(fmt.Sprintf("Unseal Key %d: %s", i, k), secret("vault", k))
			}
			f.add("")
			t := "hvs." + g.s(alnum, 24)
			f.add("Initial Root Token: "+t, secret("vault", t))
			f.add("")
			f.add("Vault initialized with 3 key shares and a key threshold of 2.")
			f.add("")
			f.add("$ vault kv get -mount=secret " + g.pick("billing", "crm", "etl"))
			f.add("====== Data ======")
			f.add("Key         Value")
			f.add("---         -----")
			name, v, p := g.h9tok()
			f.add(fmt.Sprintf("%-11s %s", h8snake(name), v), p)
			pw := g.h9pass()
			f.add(fmt.Sprintf("%-11s %s", "password", pw), h9pw(pw))
			f.add(fmt.Sprintf("%-11s %s", "username", g.h9user()))
			neg := g.h9neg()
			f.add(fmt.Sprintf("%-11s %s", "api_secret", neg), h9negSlot(neg)...)
			f.add("")
			f.add("$ vault write -f auth/approle/role/web/secret-id")
			f.add("Key                   Value")
			f.add("---                   -----")
			sid := g.h5uuid()
			f.add("secret_id             "+sid, neutral("ambiguous", sid))
			f.add("secret_id_accessor    " + g.h5uuid())
			f.add("secret_id_ttl         24h")
		}},
	},
	// API request bodies.
	{
		template{"api", "graphql-requests.ndjson", func(g *gen, f *file) {
			for i := 0; i < 4+g.r.IntN(3); i++ {
				ts := g.h9ts()
				switch g.r.IntN(4) {
				case 0:
					e, pw := g.h9email(), g.h9pass()
					f.add(`{"ts":"`+ts+`","operationName":"Login","query":"mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }","variables":{"email":"`+e+`","password":"`+pw+`"}}`, h9mail(e), h9pw(pw))
				case 1:
					s := g.h9rand()
					f.add(`{"ts":"`+ts+`","operationName":"CreateWebhook","variables":{"input":{"url":"https://hooks.partner.example/in","signingSecret":"`+s+`","events":["order.paid"]}}}`, h9gen(s))
				case 2:
					f.add(`{"ts":"` + ts + `","operationName":"GetOrder","variables":{"id":"` + g.h5uuid() + `"},"extensions":{"persistedQuery":{"version":1,"sha256Hash":"` + g.s(hexd, 64) + `"}}}`)
				default:
					p := g.h9phone()
					f.add(`{"ts":"`+ts+`","operationName":"UpdateProfile","variables":{"input":{"displayName":"`+g.pick(h9first...)+`","phone":"`+p+`"}}}`, h9tel(p))
				}
			}
		}},
		template{"http", "multipart-upload.txt", func(g *gen, f *file) {
			bd := "----WebKitFormBoundary" + g.s(alnum, 16)
			f.add("POST /api/v1/integrations HTTP/1.1")
			f.add("Host: " + g.h9host())
			f.add("Content-Type: multipart/form-data; boundary=" + bd)
			f.add("")
			f.add("--" + bd)
			f.add(`Content-Disposition: form-data; name="username"`)
			f.add("")
			f.add(g.h9user())
			f.add("--" + bd)
			f.add(`Content-Disposition: form-data; name="password"`)
			f.add("")
			pw := g.h9pass()
			f.add(pw, h9pw(pw))
			f.add("--" + bd)
			f.add(`Content-Disposition: form-data; name="api_key"`)
			f.add("")
			v, p := g.h9prefixed()
			f.add(v, p)
			f.add("--" + bd)
			f.add(`Content-Disposition: form-data; name="file"; filename="contacts.csv"`)
			f.add("Content-Type: text/csv")
			f.add("")
			f.add("id,email,note")
			e := g.h9email()
			f.add("1,"+e+",vip", h9mail(e))
			f.add("--" + bd + "--")
		}},
	},
	// MIME mail with encoded parts.
	{
		template{"mail", "welcome-b64.eml", func(g *gen, f *file) {
			e := g.h9email()
			bd := "b1_" + g.s(hexd, 32)
			f.add("From: IT Helpdesk <helpdesk@corp.example>", neutral("role-address", "helpdesk@corp.example"))
			f.add("To: "+strings.Title(g.pick(h9first...))+" <"+e+">", h9mail(e))
			f.add("Subject: =?UTF-8?B?" + base64.StdEncoding.EncodeToString([]byte("Ihr neues Konto")) + "?=")
			f.add("Message-ID: <" + g.s(hexd, 24) + "@mail.corp.example>")
			f.add("MIME-Version: 1.0")
			f.add(`Content-Type: multipart/alternative; boundary="` + bd + `"`)
			f.add("")
			f.add("--" + bd)
			f.add("Content-Type: text/plain; charset=UTF-8")
			f.add("Content-Transfer-Encoding: base64")
			f.add("")
			pw := g.h9pass()
			for len(pw) > 30 {
				pw = g.h9pass()
			}
			b := base64.StdEncoding.EncodeToString([]byte("Ihr Passwort: " + pw + "\r\n"))
			f.add(b, h9pw(b))
			f.add("")
			f.add("--" + bd)
			f.add("Content-Type: text/html; charset=UTF-8")
			f.add("Content-Transfer-Encoding: base64")
			f.add("")
			b2 := base64.StdEncoding.EncodeToString([]byte("<p>Passwort: <b>" + pw + "</b></p>"))
			f.add(b2, h9pw(b2))
			f.add("")
			f.add("--" + bd + "--")
		}},
		template{"mail", "handover-qp.eml", func(g *gen, f *file) {
			e := g.h9email()
			bd := "=_Part_" + g.s(digits, 6) + "_" + g.s(digits, 10)
			f.add("From: "+strings.Title(g.pick(h9first...))+" <"+e+">", h9mail(e))
			f.add("To: ops-team@corp.example", neutral("role-address", "ops-team@corp.example"))
			f.add("Subject: =?UTF-8?Q?=C3=9Cbergabe_Zug=C3=A4nge?=")
			f.add("MIME-Version: 1.0")
			f.add(`Content-Type: multipart/mixed; boundary="` + bd + `"`)
			f.add("")
			f.add("--" + bd)
			f.add("Content-Type: text/html; charset=utf-8")
			f.add("Content-Transfer-Encoding: quoted-printable")
			f.add("")
			f.add(`<p style=3D"font-family:Arial">Hallo zusammen,</p>`)
			v, p := g.h9prefixed()
			f.add(`<p>API-Schl=C3=BCssel f=C3=BCr das Dashboard: <code>`+v+`</code></p>`, p)
			pw := g.h9pass()
			f.add(`<p>Passwort f=C3=BCr den Admin: <b>`+pw+`</b></p>`, h9pw(pw))
			f.add(`<p>Pr=C3=BCfsumme des Exports: ` + g.s(hexd, 40) + `</p>`)
			f.add("--" + bd)
			f.add(`Content-Type: application/octet-stream; name=".env"`)
			f.add(`Content-Disposition: attachment; filename=".env"`)
			f.add("Content-Transfer-Encoding: base64")
			f.add("")
			pw2 := g.h9pass()
			for len(pw2) > 40 {
				pw2 = g.h9pass()
			}
			b := base64.StdEncoding.EncodeToString([]byte("DB_PASSWORD=" + pw2 + "\n"))
			f.add(b, h9pw(b))
			f.add("--" + bd + "--")
		}},
	},
	// Debug dumps of configuration objects in logs.
	{
		template{"logs", "go-rust-dumps.log", func(g *gen, f *file) {
			pw := g.h9pass()
			_, v, p := g.h9tok()
			f.add("2026/03/0"+fmt.Sprint(1+g.r.IntN(9))+" 08:1"+fmt.Sprint(g.r.IntN(10))+":02 config loaded: {Addr::8080 DB:{Host:"+g.h9host()+" User:app Password:"+pw+" Name:orders} APIKey:"+v+" Debug:false}", h9pw(pw), p)
			e, pw2 := g.h9email(), g.h9pass()
			f.add(`2026/03/02 08:12:02 smtp: &mail.Config{Host:"smtp.corp.example", Port:587, Username:"`+e+`", Password:"`+pw2+`", TLS:true}`, h9mail(e), h9pw(pw2))
			f.add(`2026/03/02 08:12:02 build: main.BuildInfo{Commit:"` + g.s(hexd, 40) + `", Version:"` + g.pick("v1.4.2", "v2.0.0-rc.1") + `"}`)
			pw3 := g.h9pass()
			_, v2, p2 := g.h9tok()
			f.add("["+g.h9ts()+" DEBUG app::config] Settings { database_url: \"postgres://app:"+pw3+"@"+g.h9host()+"/app\", api_token: \""+v2+"\", retries: 3 }", h9pw(pw3), p2)
			neg := g.h9neg()
			f.add("2026/03/02 08:12:03 webhook: {URL:https://hooks.partner.example/in Secret:"+neg+" Retries:3}", h9negSlot(neg)...)
			f.add("[" + g.h9ts() + " DEBUG app::cache] CacheKey { digest: \"" + g.s(hexd, 64) + "\", ttl: 300s }")
		}},
		template{"logs", "jvm-python-dumps.log", func(g *gen, f *file) {
			pw := g.h9pass()
			f.add("2026-03-02 08:12:02.114  INFO 1 --- [main] c.e.Boot : Loaded DataSourceProperties(url=jdbc:postgresql://"+g.h9host()+":5432/app, username=app, password="+pw+", driverClassName=org.postgresql.Driver)", h9pw(pw))
			_, v, p := g.h9tok()
			f.add("2026-03-02 08:12:02.190 DEBUG 1 --- [main] c.e.Client : ClientConfig(apiKey="+v+", timeout=PT30S, retries=3)", p)
			e, pw2 := g.h9email(), g.h9pass()
			f.add("2026-03-02 08:12:02.201  INFO 1 --- [main] c.e.Mail : SmtpSettings(host=smtp.corp.example, user="+e+", password="+pw2+")", h9mail(e), h9pw(pw2))
			_, v2, p2 := g.h9tok()
			f.add("INFO:app.settings:Settings(api_key='"+v2+"', db_password=SecretStr('**********'), debug=False)", p2)
			pw3 := g.h9pass()
			f.add("DEBUG:auth:Credentials(username='svc-sync', password='"+pw3+"', token_uri='https://oauth2.googleapis.com/token')", h9pw(pw3))
			f.add("DEBUG:cache:Entry(key='" + g.s(hexd, 40) + "', size=4096)")
			neg := g.h9neg()
			f.add("2026-03-02 08:12:03.010 DEBUG 1 --- [main] c.e.Hooks : WebhookConfig(url=https://hooks.partner.example/in, secret="+neg+")", h9negSlot(neg)...)
		}},
	},
	// Prose in languages no other split uses.
	{
		template{"prose", "ta-km-eu-ms-sq.txt", func(g *gen, f *file) {
			for i := 0; i < 3+g.r.IntN(3); i++ {
				switch g.r.IntN(7) {
				case 0:
					pw := g.h9pass()
					f.add("சர்வர் கடவுச்சொல்: "+pw, h9pw(pw))
				case 1:
					v, p := g.h9prefixed()
					f.add("இந்த விசையை யாருக்கும் அனுப்ப வேண்டாம்: "+v, p)
				case 2:
					pw := g.h9pass()
					f.add("ពាក្យសម្ងាត់ថ្មីគឺ "+pw+" សូមកុំចែករំលែក។", h9pw(pw))
				case 3:
					pw := g.h9pass()
					f.add("Datu-basearen pasahitza: "+pw+" (ez partekatu)", h9pw(pw))
				case 4:
					ph := g.h9phone()
					f.add("Kata laluan telah dihantar; hubungi saya di "+ph+" jika ada masalah.", h9tel(ph))
				case 5:
					e := g.h9email()
					f.add("Ju lutem më shkruani në "+e+" për fjalëkalimin e ri.", h9mail(e))
				default:
					f.add("Hash-i i commit-it është " + g.s(hexd, 40) + "; fjalëkalimi shembull: <password>.")
				}
			}
		}},
		template{"prose", "am-hy-mn-lt-si.txt", func(g *gen, f *file) {
			for i := 0; i < 3+g.r.IntN(3); i++ {
				switch g.r.IntN(7) {
				case 0:
					pw := g.h9pass()
					f.add("የይለፍ ቃሉ "+pw+" ነው፤ ለማንም አትስጡ።", h9pw(pw))
				case 1:
					pw := g.h9pass()
					f.add("Սերվերի գաղտնաբառը՝ "+pw, h9pw(pw))
				case 2:
					v, p := g.h9prefixed()
					f.add("Энэ түлхүүрийг хэнд ч бүү өг: "+v, p)
				case 3:
					pw := g.h9pass()
					f.add("Duomenų bazės slaptažodis yra "+pw+", nesidalink.", h9pw(pw))
				case 4:
					ph := g.h9phone()
					f.add("ගැටලුවක් ඇත්නම් "+ph+" අමතන්න.", h9tel(ph))
				case 5:
					e := g.h9email()
					f.add("Խնդրում եմ գրել "+e+" հասցեին։", h9mail(e))
				default:
					f.add("Commit-ի հեշը " + g.s(hexd, 40) + " է; slaptažodžio pavyzdys: <password>.")
				}
			}
		}},
	},
	// Metrics and log shippers.
	{
		template{"agents", "telegraf.conf", func(g *gen, f *file) {
			f.add("[agent]")
			f.add(`  interval = "10s"`)
			f.add("")
			f.add("[[outputs.influxdb_v2]]")
			f.add(`  urls = ["https://` + g.h9host() + `:8086"]`)
			t := g.s(urlb64, 86) + "=="
			f.add(`  token = "`+t+`"`, secret("influxdb", t))
			f.add(`  organization = "ops"`)
			f.add(`  bucket = "telegraf"`)
			f.add("")
			f.add("[[inputs.mysql]]")
			pw := g.h9pass()
			f.add(`  servers = ["monitor:`+pw+`@tcp(`+g.h9host()+`:3306)/?tls=false"]`, h9pw(pw))
			f.add("")
			f.add("[[inputs.postgresql]]")
			pw2 := g.h9pass()
			f.add(`  address = "host=`+g.h9host()+` user=telegraf password=`+pw2+` sslmode=disable"`, h9pw(pw2))
			f.add("")
			f.add("[[outputs.http]]")
			f.add(`  url = "https://metrics.partner.example/v1/ingest"`)
			f.add("  [outputs.http.headers]")
			v, p := g.h9prefixed()
			f.add(`    Authorization = "Bearer `+v+`"`, p)
			f.add(`    X-Request-Id = "` + g.h5uuid() + `"`)
			neg := g.h9neg()
			f.add(`    X-Api-Key = "`+neg+`"`, h9negSlot(neg)...)
		}},
		template{"agents", "td-agent.conf", func(g *gen, f *file) {
			f.add("<source>")
			f.add("  @type forward")
			f.add("  port 24224")
			f.add("  <security>")
			f.add("    self_hostname agg-" + fmt.Sprint(1+g.r.IntN(4)))
			s := g.h9rand()
			f.add("    shared_key "+s, h9gen(s))
			f.add("  </security>")
			f.add("</source>")
			f.add("<match app.**>")
			f.add("  @type elasticsearch")
			f.add("  host " + g.h9host())
			f.add("  user elastic")
			pw := g.h9pass()
			f.add("  password "+pw, h9pw(pw))
			f.add("</match>")
			f.add("<match audit.**>")
			f.add("  @type s3")
			ak, sk := "AKIA"+g.s(b32, 16), g.s(b64, 40)
			f.add("  aws_key_id "+ak, secret("aws", ak))
			f.add("  aws_sec_key "+sk, secret("aws", sk))
			f.add("  s3_bucket audit-logs")
			neg := g.h9neg()
			f.add("  sse_customer_key "+neg, h9negSlot(neg)...)
			f.add("  <buffer time>")
			f.add("    path /var/log/td-agent/s3/" + g.s(hexd, 12))
			f.add("  </buffer>")
			f.add("</match>")
		}},
	},
	// Jenkins.
	{
		template{"ci", "jenkins.yaml", func(g *gen, f *file) {
			f.add("jenkins:")
			f.add(`  systemMessage: "Managed by JCasC — do not edit in the UI"`)
			f.add("  securityRealm:")
			f.add("    local:")
			f.add("      users:")
			f.add(`        - id: "admin"`)
			pw := g.h9pass()
			f.add(`          password: "`+pw+`"`, h9pw(pw))
			f.add("credentials:")
			f.add("  system:")
			f.add("    domainCredentials:")
			f.add("      - credentials:")
			f.add("          - usernamePassword:")
			f.add("              scope: GLOBAL")
			f.add(`              id: "nexus"`)
			f.add(`              username: "deploy"`)
			pw2 := g.h9pass()
			f.add(`              password: "`+pw2+`"`, h9pw(pw2))
			f.add("          - string:")
			f.add(`              id: "` + g.pick("slack", "openai", "sentry") + `-token"`)
			v, p := g.h9prefixed()
			f.add(`              secret: "`+v+`"`, p)
			f.add("          - string:")
			f.add(`              id: "sonar"`)
			neg := g.h9neg()
			f.add(`              secret: "`+neg+`"`, h9negSlot(neg)...)
			f.add("          - basicSSHUserPrivateKey:")
			f.add(`              id: "deploy-key"`)
			f.add("              privateKeySource:")
			f.add("                directEntry:")
			f.add(`                  privateKey: "${readFile:/run/secrets/deploy_key}"`)
			f.add("unclassified:")
			f.add("  location:")
			e := g.h9email()
			f.add(`    adminAddress: "`+e+`"`, h9mail(e))
		}},
		template{"ci", "job-config.xml", func(g *gen, f *file) {
			f.add(`<?xml version='1.1' encoding='UTF-8'?>`)
			f.add(`<project>`)
			f.add(`  <properties>`)
			f.add(`    <hudson.model.ParametersDefinitionProperty>`)
			f.add(`      <parameterDefinitions>`)
			f.add(`        <hudson.model.StringParameterDefinition>`)
			f.add(`          <name>DEPLOY_TOKEN</name>`)
			v, p := g.h9prefixed()
			f.add(`          <defaultValue>`+v+`</defaultValue>`, p)
			f.add(`        </hudson.model.StringParameterDefinition>`)
			f.add(`        <hudson.model.PasswordParameterDefinition>`)
			f.add(`          <name>DB_PASSWORD</name>`)
			enc := `{AQAAABAAAAAQ` + base64.StdEncoding.EncodeToString(g.h8bytes(48)) + `}`
			f.add(`          <defaultValue>`+enc+`</defaultValue>`, h9negSlot(enc)...)
			f.add(`        </hudson.model.PasswordParameterDefinition>`)
			f.add(`        <hudson.model.StringParameterDefinition>`)
			f.add(`          <name>API_SECRET</name>`)
			neg := g.h9neg()
			f.add(`          <defaultValue>`+neg+`</defaultValue>`, h9negSlot(neg)...)
			f.add(`        </hudson.model.StringParameterDefinition>`)
			f.add(`      </parameterDefinitions>`)
			f.add(`    </hudson.model.ParametersDefinitionProperty>`)
			f.add(`  </properties>`)
			f.add(`  <scm class="hudson.plugins.git.GitSCM" plugin="git@5.2.1">`)
			f.add(`    <userRemoteConfigs>`)
			f.add(`      <hudson.plugins.git.UserRemoteConfig>`)
			t := g.h5gh("ghp_")
			f.add(`        <url>https://`+g.h9user()+`:`+t+`@github.com/corp/billing.git</url>`, secret("github", t))
			f.add(`      </hudson.plugins.git.UserRemoteConfig>`)
			f.add(`    </userRemoteConfigs>`)
			f.add(`  </scm>`)
			f.add(`  <builders>`)
			f.add(`    <hudson.tasks.Shell>`)
			pw := g.h9pass()
			f.add(`      <command>mysqldump --user=backup --password=`+pw+` --single-transaction orders &gt; orders.sql</command>`, h9pw(pw))
			f.add(`    </hudson.tasks.Shell>`)
			f.add(`  </builders>`)
			f.add(`</project>`)
		}},
	},
	// Database users and links.
	{
		template{"db", "clickhouse-users.xml", func(g *gen, f *file) {
			f.add("<clickhouse>")
			f.add("  <users>")
			f.add("    <default>")
			f.add("      <password></password>")
			f.add("      <networks><ip>::1</ip><ip>127.0.0.1</ip></networks>")
			f.add("    </default>")
			u := g.pick("etl", "ingest", "writer")
			f.add("    <" + u + ">")
			pw := g.h9pass()
			f.add("      <password>"+pw+"</password>", h9pw(pw))
			f.add("      <profile>default</profile>")
			f.add("    </" + u + ">")
			f.add("    <probe>")
			// Whatever stands in <password> is the password itself, so no look-alike goes
			// there; the probe reads its password from the environment.
			f.add(`      <password from_env="CH_PROBE_PASSWORD"/>`)
			f.add("    </probe>")
			f.add("    <analyst>")
			f.add("      <password_sha256_hex>" + g.s(hexd, 64) + "</password_sha256_hex>")
			f.add("    </analyst>")
			f.add("    <bi>")
			f.add("      <password_double_sha1_hex>" + g.s(hexd, 40) + "</password_double_sha1_hex>")
			f.add("    </bi>")
			f.add("  </users>")
			f.add("  <remote_servers><logs><shard><replica>")
			pw2 := g.h9pass()
			f.add("    <host>"+g.h9host()+"</host><port>9000</port><user>repl</user><password>"+pw2+"</password>", h9pw(pw2))
			f.add("  </replica></shard></logs></remote_servers>")
			f.add("  <named_collections><s3_logs>")
			ak, sk := "AKIA"+g.s(b32, 16), g.s(b64, 40)
			f.add("    <access_key_id>"+ak+"</access_key_id>", secret("aws", ak))
			f.add("    <secret_access_key>"+sk+"</secret_access_key>", secret("aws", sk))
			f.add("  </s3_logs></named_collections>")
			f.add("</clickhouse>")
		}},
		template{"db", "pg-links.sql", func(g *gen, f *file) {
			f.add("CREATE EXTENSION IF NOT EXISTS postgres_fdw;")
			h := g.h9host()
			f.add("CREATE SERVER legacy_srv FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '" + h + "', port '5432', dbname 'legacy');")
			pw := g.h9pass()
			f.add("CREATE USER MAPPING FOR app SERVER legacy_srv OPTIONS (user 'fdw_reader', password '"+pw+"');", h9pw(pw))
			pw2 := g.h9pass()
			f.add("SELECT * FROM dblink('host="+h+" user=report password="+pw2+" dbname=dw', 'select count(*) from orders') AS t(n bigint);", h9pw(pw2))
			pw3 := g.h9pass()
			f.add("CREATE SUBSCRIPTION orders_sub CONNECTION 'host="+h+" port=5432 user=repl password="+pw3+" dbname=orders' PUBLICATION orders_pub;", h9pw(pw3))
			f.add("ALTER ROLE app_ro WITH LOGIN PASSWORD 'SCRAM-SHA-256$4096:" + base64.StdEncoding.EncodeToString(g.h8bytes(16)) + "$" + base64.StdEncoding.EncodeToString(g.h8bytes(32)) + ":" + base64.StdEncoding.EncodeToString(g.h8bytes(32)) + "';")
			pw4 := g.h9pass()
			f.add("ALTER ROLE legacy_sync WITH PASSWORD '"+pw4+"';", h9pw(pw4))
			e := g.h9email()
			f.add("COMMENT ON ROLE legacy_sync IS 'owner: "+e+"';", h9mail(e))
		}},
	},
	// XML and JSON-RPC logins.
	{
		template{"soap", "ws-security.xml", func(g *gen, f *file) {
			f.add(`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">`)
			f.add(` <soapenv:Header>`)
			f.add(`  <wsse:Security soapenv:mustUnderstand="1">`)
			f.add(`   <wsse:UsernameToken wsu:Id="UsernameToken-` + strings.ToUpper(g.s(hexd, 32)) + `">`)
			f.add(`    <wsse:Username>` + g.h9user() + `</wsse:Username>`)
			pw := g.h9pass()
			f.add(`    <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">`+pw+`</wsse:Password>`, h9pw(pw))
			f.add(`    <wsse:Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">` + base64.StdEncoding.EncodeToString(g.h8bytes(16)) + `</wsse:Nonce>`)
			f.add(`    <wsu:Created>` + g.h9ts() + `</wsu:Created>`)
			f.add(`   </wsse:UsernameToken>`)
			f.add(`  </wsse:Security>`)
			f.add(` </soapenv:Header>`)
			f.add(` <soapenv:Body>`)
			e := g.h9email()
			f.add(`  <ns:GetCustomer xmlns:ns="urn:crm"><ns:Email>`+e+`</ns:Email></ns:GetCustomer>`, h9mail(e))
			f.add(` </soapenv:Body>`)
			f.add(`</soapenv:Envelope>`)
			f.add(`<!-- the next call used a digest -->`)
			f.add(`<wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">` + base64.StdEncoding.EncodeToString(g.h8bytes(20)) + `</wsse:Password>`)
		}},
		template{"api", "jsonrpc.log", func(g *gen, f *file) {
			f.add("> POST /api_jsonrpc.php HTTP/1.1")
			pw := g.h9pass()
			f.add(`{"jsonrpc":"2.0","method":"user.login","params":{"username":"Admin","password":"`+pw+`"},"id":1}`, h9pw(pw))
			sess := g.s(hexd, 32)
			f.add(`< {"jsonrpc":"2.0","result":"`+sess+`","id":1}`, neutral("ambiguous", sess))
			f.add(`{"jsonrpc":"2.0","method":"host.get","params":{"output":["hostid","name"]},"auth":"`+sess+`","id":2}`, neutral("ambiguous", sess))
			f.add("")
			f.add("> POST /xmlrpc/2/common HTTP/1.1")
			e, pw2 := g.h9email(), g.h9pass()
			f.add(`<?xml version="1.0"?><methodCall><methodName>authenticate</methodName><params><param><value><string>prod</string></value></param><param><value><string>`+e+`</string></value></param><param><value><string>`+pw2+`</string></value></param><param><value><struct></struct></value></param></params></methodCall>`, h9mail(e), h9pw(pw2))
			f.add(`<?xml version="1.0"?><methodResponse><params><param><value><int>` + fmt.Sprint(2+g.r.IntN(90)) + `</int></value></param></params></methodResponse>`)
		}},
	},
	// Password-manager exports.
	{
		template{"export", "passwords.csv", func(g *gen, f *file) {
			if g.r.IntN(2) == 0 {
				f.add("folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp")
				for i := 0; i < 3+g.r.IntN(3); i++ {
					e, pw := g.h9email(), g.h9pass()
					totp := g.s(b32, 32)
					f.add(fmt.Sprintf(",,login,%s,,,0,https://%s/login,%s,%s,%s", g.pick("GitHub", "Shop", "Bank", "Forum"), g.pick("github.com", "shop.example", "bank.example"), e, pw, totp), h9mail(e), h9pw(pw), h9gen(totp))
				}
				pw := g.h9pass()
				f.add(",,note,Office Wi-Fi,\"Office wifi password is "+pw+"\",,0,,,,", h9pw(pw))
				return
			}
			f.add("name,url,username,password,note")
			for i := 0; i < 3+g.r.IntN(3); i++ {
				e, pw := g.h9email(), g.h9pass()
				f.add(fmt.Sprintf("%s,https://%s/,%s,%s,", g.pick("accounts.google.com", "login.live.com", "portal.example"), g.pick("accounts.google.com", "login.live.com", "portal.example"), e, pw), h9mail(e), h9pw(pw))
			}
		}},
		template{"export", "keepass.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>`)
			f.add(`<KeePassFile>`)
			f.add(`	<Meta><Generator>KeePass</Generator><DatabaseName>Ops</DatabaseName></Meta>`)
			f.add(`	<Root><Group><Name>Servers</Name>`)
			for i := 0; i < 2+g.r.IntN(2); i++ {
				f.add(`		<Entry>`)
				f.add(`			<UUID>` + base64.StdEncoding.EncodeToString(g.h8bytes(16)) + `</UUID>`)
				f.add(`			<String>`)
				f.add(`				<Key>Title</Key>`)
				f.add(`				<Value>` + g.h9host() + `</Value>`)
				f.add(`			</String>`)
				f.add(`			<String>`)
				f.add(`				<Key>UserName</Key>`)
				if g.r.IntN(2) == 0 {
					e := g.h9email()
					f.add(`				<Value>`+e+`</Value>`, h9mail(e))
				} else {
					f.add(`				<Value>` + g.h9user() + `</Value>`)
				}
				f.add(`			</String>`)
				f.add(`			<String>`)
				f.add(`				<Key>Password</Key>`)
				pw := g.h9pass()
				f.add(`				<Value ProtectInMemory="True">`+pw+`</Value>`, h9pw(pw))
				f.add(`			</String>`)
				f.add(`			<String>`)
				f.add(`				<Key>Notes</Key>`)
				v, p := g.h9prefixed()
				f.add(`				<Value>API key: `+v+`</Value>`, p)
				f.add(`			</String>`)
				f.add(`		</Entry>`)
			}
			f.add(`	</Group></Root>`)
			f.add(`</KeePassFile>`)
		}},
	},
	// Scheduled jobs.
	{
		template{"cron", "crontab.txt", func(g *gen, f *file) {
			f.add("# m h  dom mon dow   command")
			e := g.h9email()
			f.add("MAILTO="+e, h9mail(e))
			pw := g.h9pass()
			f.add("PGPASSWORD="+pw, h9pw(pw))
			f.add("15 2 * * * pg_dump -h " + g.h9host() + " -U backup orders | gzip > /backup/orders.sql.gz")
			pw2 := g.h9pass()
			f.add("30 3 * * 0 mysqldump --user=root --password="+pw2+" --all-databases > /backup/all.sql", h9pw(pw2))
			pw3 := g.h9pass()
			f.add("*/5 * * * * curl -fsS -u monitor:"+pw3+" https://status.corp.example/ping > /dev/null", h9pw(pw3))
			ak, sk := "AKIA"+g.s(b32, 16), g.s(b64, 40)
			f.add("0 4 * * * AWS_ACCESS_KEY_ID="+ak+" AWS_SECRET_ACCESS_KEY="+sk+" aws s3 sync /backup s3://corp-backup", secret("aws", ak), secret("aws", sk))
			v, p := g.h9prefixed()
			f.add("@reboot /opt/app/run.sh --token "+v, p)
			f.add("0 * * * * /usr/bin/sha256sum /etc/passwd > /var/tmp/" + g.s(hexd, 16))
		}},
		template{"windows", "task-export.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<Task version="1.4" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">`)
			f.add(`  <RegistrationInfo><Author>CORP\` + g.h9user() + `</Author><URI>\Backup nightly</URI></RegistrationInfo>`)
			f.add(`  <Principals><Principal id="Author"><UserId>S-1-5-21-` + g.s(digits, 10) + `-` + g.s(digits, 9) + `-` + g.s(digits, 10) + `-1104</UserId><LogonType>Password</LogonType></Principal></Principals>`)
			f.add(`  <Actions Context="Author">`)
			f.add(`    <Exec>`)
			f.add(`      <Command>C:\Program Files\7-Zip\7z.exe</Command>`)
			pw := g.h9pass()
			f.add(`      <Arguments>a -p`+pw+` -mhe=on D:\backup\db.7z D:\data</Arguments>`, h9pw(pw))
			f.add(`    </Exec>`)
			f.add(`    <Exec>`)
			f.add(`      <Command>powershell.exe</Command>`)
			v, p := g.h9prefixed()
			f.add(`      <Arguments>-NoProfile -File C:\ops\upload.ps1 -ApiKey `+v+`</Arguments>`, p)
			f.add(`    </Exec>`)
			f.add(`    <Exec>`)
			f.add(`      <Command>sqlcmd.exe</Command>`)
			pw2 := g.h9pass()
			f.add(`      <Arguments>-S `+g.h9host()+` -U sa -P `+pw2+` -Q "BACKUP DATABASE Orders TO DISK='D:\backup\orders.bak'"</Arguments>`, h9pw(pw2))
			f.add(`    </Exec>`)
			f.add(`  </Actions>`)
			f.add(`</Task>`)
		}},
	},
	// Application servers' user files.
	{
		template{"appserver", "tomcat-users.xml", func(g *gen, f *file) {
			f.add(`<?xml version="1.0" encoding="UTF-8"?>`)
			f.add(`<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">`)
			f.add(`  <role rolename="manager-gui"/>`)
			f.add(`  <!-- <user username="tomcat" password="<must-be-changed>" roles="tomcat"/> -->`)
			pw := g.h9pass()
			f.add(`  <user username="`+g.pick("admin", "manager", "ops")+`" password="`+pw+`" roles="manager-gui,admin-gui"/>`, h9pw(pw))
			f.add(`  <user username="deployer" password="` + g.s(hexd, 32) + `$20000$` + g.s(hexd, 64) + `" roles="manager-script"/>`)
			pw2 := g.h9pass()
			f.add(`  <user name="`+g.h9user()+`" password="`+pw2+`" roles="manager-jmx"/>`, h9pw(pw2))
			f.add(`</tomcat-users>`)
		}},
		template{"appserver", "realm.properties", func(g *gen, f *file) {
			f.add("# Jetty HashLoginService: username: password[,rolename ...]")
			pw := g.h9pass()
			f.add("admin: "+pw+", server-administrator, content-administrator", h9pw(pw))
			f.add(g.h9user() + ": MD5:" + g.s(hexd, 32) + ", user")
			f.add(g.h9user() + ": CRYPT:" + g.s(alnum+"./", 13) + ", admin")
			f.add("")
			f.add("# activemq/conf/credentials.properties")
			f.add("activemq.username=system")
			pw2 := g.h9pass()
			f.add("activemq.password="+pw2, h9pw(pw2))
			pw3 := g.h9pass()
			f.add("guest.password="+pw3, h9pw(pw3))
			f.add("")
			f.add("# jmxremote.password")
			pw4 := g.h9pass()
			f.add("monitorRole "+pw4, h9pw(pw4))
			f.add("controlRole " + g.pick("R&D", "<password>", "changeit"))
		}},
	},
	// Negatives only: digests, checksums and public keys in these files' shapes.
	{
		template{"negatives", "checksums-and-digests.txt", func(g *gen, f *file) {
			f.add("# SHA256SUMS")
			for i := 0; i < 3; i++ {
				f.add(g.s(hexd, 64) + "  leakwatch_1." + fmt.Sprint(g.r.IntN(9)) + ".0_" + g.pick("linux_amd64", "darwin_arm64", "windows_amd64") + ".tar.gz")
			}
			f.add("# docker images --digests")
			f.add("registry.corp.example/billing   v" + fmt.Sprint(g.r.IntN(9)) + ".2   sha256:" + g.s(hexd, 64) + "   " + g.s(hexd, 12) + "   3 days ago   212MB")
			f.add(`<script src="/static/app.js" integrity="sha384-` + base64.StdEncoding.EncodeToString(g.h8bytes(48)) + `" crossorigin="anonymous"></script>`)
			f.add("# .terraform.lock.hcl")
			f.add(`    "h1:` + base64.StdEncoding.EncodeToString(g.h8bytes(32)) + `",`)
			f.add(`    "zh:` + g.s(hexd, 64) + `",`)
			f.add(g.s(hexd, 7) + " fix: rotate nothing, just docs")
			f.add("X-Request-Id: " + g.h5uuid())
			f.add("ETag: \"" + g.s(hexd, 32) + "\"")
		}},
		template{"negatives", "public-keys.txt", func(g *gen, f *file) {
			f.add("# ~/.ssh/known_hosts")
			f.add(g.h9host() + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.s(b64, 43))
			f.add("# ~/.ssh/authorized_keys")
			f.add("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" + g.s(b64, 340) + " " + g.pick(h9first...) + "@laptop")
			f.add("-----BEGIN PGP PUBLIC KEY BLOCK-----")
			f.add("")
			for i := 0; i < 3; i++ {
				f.add("mQINBF" + g.s(b64, 58))
			}
			f.add("=" + g.s(b64, 4))
			f.add("-----END PGP PUBLIC KEY BLOCK-----")
			f.add("# age recipients")
			f.add("age1" + strings.ToLower(g.s(h5bech, 58)))
			f.add("# minisign public key")
			f.add("RWQ" + g.s(b64, 53))
			f.add("PublicKey = " + g.h9wgKey())
		}},
	},
}

var held9aTemplates, held9bTemplates = func() ([]template, []template) {
	var a, b []template
	for _, fam := range held9Families {
		a = append(a, fam.a)
		b = append(b, fam.b)
	}
	return a, b
}()
