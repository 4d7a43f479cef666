package main

// held11 is a twelfth split in two halves, like held9 and held10: "held11a" may be tuned
// on, "held11b" is held out (only its totals are ever read — never its per-family misses
// or false-positive examples, never its files against the report). Each family pairs two
// concrete shapes of one class (sssd/nslcd against slapd and kadmin, BIND keys against
// dhcpd and nsupdate, borgmatic/restic against Bacula/duplicity, …); variant a goes to
// held11a and variant b to held11b, each half with its own seed.
//
// Shapes none of held3..held10 cover: directory clients and servers (sssd, nslcd, slapd,
// ldap.secret, kadmin), DNS TSIG keys and dynamic DNS clients (named.conf, dhcpd.conf,
// nsupdate key files, ddclient, inadyn), backup tools (borgmatic, restic, Bacula,
// duplicity), mail clients and stores (mutt, mbsync, fetchmail, offlineimap, Dovecot
// passwd-file), IRC and XMPP clients and bouncers (WeeChat, irssi, ZNC, Prosody), CI
// systems other than Jenkins (Buildkite, Drone, Woodpecker, Concourse, TeamCity),
// package manager auth files not covered before (pip.conf, RubyGems, Cargo, Bundler,
// conda, Poetry), serialized sessions (PHP session files, WordPress options), API
// clients' exports (Insomnia, Thunder Client), Windows event logs (Sysmon XML,
// winlogbeat), auditd EXECVE records with hex arguments and shell xtrace/sudo logs,
// forward proxies (Squid, 3proxy, tinyproxy), monitoring (Nagios/NRPE, Zabbix, Icinga),
// home automation (Home Assistant, ESPHome, Zigbee2MQTT, Node-RED), media servers
// (Sonarr, SABnzbd, Plex, Transmission, qBittorrent), smaller clouds' CLI files
// (hcloud, doctl, linode-cli, OVH, Scaleway, OCI), ACME DNS plugin credentials (certbot,
// acme.sh), self-hosted apps (Gitea, Omnibus GitLab, Nextcloud, Mattermost), Windows
// credential files (DSC MOF, WinSCP's reversible encoding, .rdp) and office documents'
// XML (WordprocessingML, ODF). Hard negatives in the same shapes: {SSHA}/bcrypt/crypt
// and ZNC/Transmission/qBittorrent hashes, DPAPI blobs, fingerprints, public keys,
// UUIDs that are identifiers, template references and documented defaults. Labelling
// policy is held4's (held4.go) with held9's rule that a reversibly encoded password
// (WinSCP here) is a secret as it stands.

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// h11pass is a password a person or a generator chose; its symbols are safe in URLs,
// XML, INI, Lua/PHP/shell single quotes and serialized strings (no % @ : / # & < " ' \
// ; , = $ { } or blank).
func (g *gen) h11pass() string {
	words := []string{"Gannet", "Bramble", "Cobblestone", "Dulcimer", "Estuary", "Foxglove", "Gossamer", "Hollyhock", "Inkwell", "Jackdaw", "Kumquat", "Lodestar"}
	switch g.r.IntN(5) {
	case 0:
		return g.pick(words...) + g.pick("!", "*", "^", "+", "~") + g.s(digits, 2+g.r.IntN(3)) + g.pick(words...)
	case 1:
		return strings.ToLower(g.pick(words...)) + "_" + strings.ToLower(g.pick(words...)) + "_" + g.s(digits, 2)
	case 2:
		return g.s(alnum, 7) + g.pick("!", "*", "-", ".") + g.s(alnum, 5) + g.pick("^", "_", "~") + g.s(digits, 2)
	case 3:
		return g.pick("Drizzle", "Tempest", "Meadow", "Lantern") + g.pick("2024", "2026", "88") + g.pick("!", "*", "+", "?")
	}
	return g.s(alnum, 14+g.r.IntN(18))
}

// h11rand is a machine-generated shared secret or key.
func (g *gen) h11rand() string { return g.s(alnum, 24+g.r.IntN(20)) }

// h11b64 is n random bytes in standard base64, as key generators print them.
func (g *gen) h11b64(n int) string { return base64.StdEncoding.EncodeToString(g.h8bytes(n)) }

var h11first = []string{"siosaia", "mele", "rangi", "aroha", "giorgi", "nino", "leyla", "rashad", "bongani", "thandi", "kwame", "akosua", "pita", "sione", "dinara", "timur"}
var h11domains = []string{"xtra.co.nz", "vodafone.co.nz", "caucasus.net", "azeronline.com", "telkomsa.net", "mweb.co.za", "ghana.com", "tonga.to", "mail.tj", "yandex.kz", "posteo.de", "gmail.com", "hotmail.com"}

func (g *gen) h11email() string {
	return g.pick(h11first...) + g.pick(".", "_", "") + g.s(lower, 3+g.r.IntN(4)) + g.s(digits, g.r.IntN(3)) + "@" + g.pick(h11domains...)
}

func (g *gen) h11phone() string {
	d := func(n int) string { return g.s(digits, n) }
	switch g.r.IntN(5) {
	case 0:
		return "+64 21 " + d(3) + " " + d(4)
	case 1:
		return "+995 5" + d(2) + " " + d(2) + " " + d(2) + " " + d(2)
	case 2:
		return "+994 50 " + d(3) + " " + d(2) + " " + d(2)
	case 3:
		return "+27 8" + d(1) + " " + d(3) + " " + d(4)
	}
	return "+233 2" + d(1) + " " + d(3) + " " + d(4)
}

func (g *gen) h11host() string {
	return g.pick("ldap", "ns", "bkp", "imap", "ci", "mon", "hass", "git") + g.pick("1", "2", "-x", "-y") + "." + g.pick("ops", "site", "lab") + "." + g.pick("kiwi.internal", "corp.example", "home.arpa")
}

func (g *gen) h11user() string {
	return g.pick("svc_", "bind-", "ops.", "auto", "relay") + g.s(lower, 3+g.r.IntN(3))
}

func (g *gen) h11ip() string {
	return fmt.Sprintf("172.%d.%d.%d", 16+g.r.IntN(16), g.r.IntN(250), 1+g.r.IntN(250))
}

// h11neg is a value in these files' shapes that looks like a credential and is not one.
func (g *gen) h11neg() string {
	switch g.r.IntN(11) {
	case 0:
		return "{SSHA}" + g.h11b64(24)
	case 1:
		return g.pick("<secret>", "CHANGE_ME", "your-token-here", "********", "xxxxxxxxxxxx", "REPLACE_ME", "<% password %>")
	case 2:
		return "${" + g.pick("BACKUP_PASS", "env.RPC_SECRET", "LDAP_BIND_PW") + "}"
	case 3:
		return "!secret " + g.pick("mqtt_password", "wifi_password")
	case 4:
		return g.pick("password", "secret", "admin", "changeit", "default")
	case 5:
		return "$2b$12$" + g.s(alnum+"./", 53) // bcrypt
	case 6:
		return "{{ " + g.pick("vault_bind_pw", "restic_password", "ci.token") + " }}"
	case 7:
		return "%(" + g.pick("DB_PASSWORD", "env.SMTP_PASS") + ")s"
	case 8:
		return g.s(hexd, 40)
	case 9:
		return "/run/secrets/" + g.pick("bind_pw", "borg_passphrase")
	}
	return "secretRef:" + g.pick("db-creds", "smtp")
}

// h11negSlot labels a negative where a name says secret: a 40-hex value may be the
// secret itself, so it counts neither way.
func h11negSlot(v string) []plant {
	if len(v) == 40 && strings.Trim(v, "0123456789abcdef") == "" {
		return []plant{neutral("ambiguous", v)}
	}
	return nil
}

// h11winscp encodes pw as WinSCP.ini stores it: user and host prepended, each byte
// complemented and XORed with a published constant, written as hex — reversible by
// anyone who reads the file.
func (g *gen) h11winscp(user, host, pw string) string {
	const magic = 0xA3
	enc := func(b byte) string { return fmt.Sprintf("%02X", ^(b^magic)&0xff) }
	var sb strings.Builder
	plain := user + host + pw
	sb.WriteString(enc(0xFF))
	sb.WriteString(enc(0x00))
	sb.WriteString(enc(byte(len(plain))))
	sb.WriteString(enc(0))
	for i := 0; i < len(plain); i++ {
		sb.WriteString(enc(plain[i]))
	}
	return sb.String()
}

func (g *gen) h11ts() string {
	return fmt.Sprintf("2026-%02d-%02dT%02d:%02d:%02d", 1+g.r.IntN(11), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60))
}

// h11hexArg is an auditd EXECVE argument: quoted when plain, hex when it holds a blank,
// a quote or a byte outside printable ASCII.
func h11hexArg(s string) string {
	if strings.ContainsAny(s, " \"'") {
		return strings.ToUpper(fmt.Sprintf("%x", s))
	}
	return `"` + s + `"`
}

func h11pw(v string) plant   { return secret("password", v) }
func h11gen(v string) plant  { return secret("generic", v) }
func h11mail(v string) plant { return pii("email", v) }
func h11tel(v string) plant  { return pii("phone", v) }
