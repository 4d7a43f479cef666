package main

// held10 is an eleventh split in two halves, like held9: "held10a" may be tuned on,
// "held10b" is held out (only its totals are ever read — never its per-family misses or
// false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class (NetworkManager profiles against wpa_supplicant, Cisco IOS
// against Juniper/MikroTik, Alertmanager against grafana.ini, …); variant a goes to held10a
// and variant b to held10b, each half with its own seed.
//
// Shapes none of held3..held9 cover: Wi-Fi profiles, VPN client credential files (OpenVPN
// auth-user-pass, PPP chap-secrets), network device configurations (IOS with type 0 and
// reversible type 7 passwords and SNMP communities, Junos and RouterOS), SNMP and IPMI
// (snmpd.conf, net-snmp and ipmitool command lines), alerting (Alertmanager, grafana.ini),
// Apache and Caddy authentication, systemd Environment=/SetCredential= and
// /etc/default//conf.d files, ASP.NET appsettings.json and web.config, Flyway/Liquibase and
// Maven/sbt credentials, Kafka client JAAS, cqlshrc and Neo4j, Oracle sqlplus/tnsnames/
// mkstore and SQL Server from PowerShell, Vagrantfiles and Packer HCL, game servers'
// rcon/server passwords (Source, Minecraft, Factorio), Unreal and Unity configuration,
// Android logcat and iOS console logs, SMTP relays (postfix sasl_passwd, msmtp, ssmtp),
// Filebeat and Vector outputs, CIFS credentials and fstab/autofs, Airflow and
// Superset/Metabase. Hard negatives in the same shapes: Cisco type 5/8/9 and crypt
// hashes, htpasswd and bcrypt lines, SNMP defaults (public/private), documented sample
// values, environment references, engine IDs, fingerprints and public keys. Labelling
// policy is held4's (held4.go) with held9's rule that a reversibly encoded password
// (Cisco type 7 here) is a secret as it stands.

import (
	"fmt"
	"strings"
)

// h10pass is a password a person or a generator chose; its symbols are safe in URLs,
// XML, INI, shell single quotes, fstab options and ODBC strings (no % @ : / # & < " ' \
// ; , = $ or blank).
func (g *gen) h10pass() string {
	words := []string{"Quokka", "Juniper", "Narwhal", "Saffron", "Tundra", "Walrus", "Zephyr", "Kestrel", "Obsidian", "Paprika", "Vervain", "Marlin"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.pick("!", "*", "^", "+", "~") + g.s(digits, 2+g.r.IntN(3)) + g.pick(words...)
	case 1:
		return strings.ToLower(g.pick(words...)) + "." + strings.ToLower(g.pick(words...)) + "." + g.s(digits, 2)
	case 2:
		return g.s(alnum, 6) + g.pick("!", "*", "-") + g.s(alnum, 6) + g.pick("^", "_", "~") + g.s(digits, 2)
	case 3:
		return g.pick("Autumn", "Blizzard", "Sunrise", "Harbor") + g.pick("2025", "2026", "77") + g.pick("!", "*", "+")
	}
	return g.s(alnum, 16+g.r.IntN(16))
}

// h10rand is a machine-generated shared secret or key.
func (g *gen) h10rand() string { return g.s(alnum, 22+g.r.IntN(18)) }

var h10first = []string{"oksana", "taras", "ayesha", "bilal", "luana", "kaimana", "freya", "magnus", "chioma", "emeka", "paulo", "teuila", "nadia", "yerlan", "aigerim", "mateus"}
var h10domains = []string{"ukr.net", "i.ua", "ptcl.net.pk", "hawaii.rr.com", "online.no", "telia.no", "yahoo.com.ng", "mtnonline.com", "samoa.ws", "mail.kz", "bol.com.br", "gmail.com", "proton.me"}

func (g *gen) h10email() string {
	return g.pick(h10first...) + g.pick(".", "-", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h10domains...)
}

func (g *gen) h10phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(5) {
	case 0:
		return "+380 6" + d(1) + " " + d(3) + " " + d(4)
	case 1:
		return "+92 3" + d(2) + " " + d(7)
	case 2:
		return "+47 9" + d(2) + " " + d(2) + " " + d(3)
	case 3:
		return "+234 80" + d(1) + " " + d(3) + " " + d(4)
	}
	return "+7 70" + d(1) + " " + d(3) + " " + d(4)
}

func (g *gen) h10host() string {
	return g.pick("srv", "nas", "edge", "sql", "mail", "gw") + g.pick("01", "02", "-a", "-b") + "." + g.pick("hq", "branch", "dc2") + "." + g.pick("acme.internal", "corp.example", "home.arpa")
}

func (g *gen) h10user() string {
	return g.pick("svc-", "app_", "admin.", "etl", "backup") + g.s(lower, 3+g.r.IntN(3))
}

func (g *gen) h10ip() string {
	return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(250), g.r.IntN(250), 1+g.r.IntN(250))
}

// h10neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h10neg() string {
	switch g.r.IntN(12) {
	case 0:
		return "$6$" + g.s(alnum+"./", 16) + "$" + g.s(alnum+"./", 86) // sha512-crypt
	case 1:
		return g.pick("<changeme>", "CHANGEME", "PUT_PASSWORD_HERE", "your_password", "********", "xxxxxxxx", "[REDACTED]", "<%= @db_password %>")
	case 2:
		return "${" + g.pick("DB_PASS", "env:SMTP_PASSWORD", "SECRET_KEY") + "}"
	case 3:
		return "%" + g.pick("DB_PASSWORD", "env(APP_SECRET)") + "%"
	case 4:
		return g.pick("public", "private", "secret", "password", "admin", "guest")
	case 5:
		return "$apr1$" + g.s(alnum+"./", 8) + "$" + g.s(alnum+"./", 22) // htpasswd md5
	case 6:
		return "{{ " + g.pick("wifi_psk", "vault_rcon", "smtp.password") + " }}"
	case 7:
		return "$(" + g.pick("DB_PASSWORD", "cat /run/secrets/db") + ")"
	case 8:
		return g.s(hexd, 40)
	case 9:
		return "file:///run/secrets/" + g.pick("db_password", "smtp")
	case 10:
		return g.pick("sk-", "AKIA", "glpat-") + "..." // truncated in docs
	}
	return "env:" + g.pick("DB_PASSWORD", "SMTP_PASS")
}

// h10negSlot labels a negative where a name says secret: a 40-hex value may be the
// secret itself, so it counts neither way.
func h10negSlot(v string) []plant {
	if len(v) == 40 && strings.Trim(v, "0123456789abcdef") == "" {
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

// h10cisco7 encodes pw as IOS "password 7" does: a reversible XOR with a published
// table, so the stored value is the password to anyone reading the configuration.
func (g *gen) h10cisco7(pw string) string {
	const xlat = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"
	seed := g.r.IntN(16)
	var b strings.Builder
	fmt.Fprintf(&b, "%02d", seed)
	for i := 0; i < len(pw); i++ {
		fmt.Fprintf(&b, "%02X", pw[i]^xlat[(seed+i)%len(xlat)])
	}
	return b.String()
}

func (g *gen) h10ts() string {
	return fmt.Sprintf("2026-%02d-%02d %02d:%02d:%02d", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}
