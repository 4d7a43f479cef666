package detect

import "testing"

// The classes the held16a evaluation split showed missing or misreported (held16b, its
// held-out sibling, was only read in totals). Each test covers one structure with
// strings written for the test, beside controls that must stay quiet.

// A debconf preseed question of type "password" holds a password whatever its name;
// the installer's WPA passphrase is a "string" question.
func TestHeld16Preseed(t *testing.T) {
	held5Want(t, []held5Case{
		{"d-i passwd/root-password password Kestrel-4471Dune", "password-assignment", "Kestrel-4471Dune"},
		{"d-i passwd/user-password-again password Quill^8820Marsh", "password-assignment", "Quill^8820Marsh"},
		{"d-i netcfg/wireless_wpa string Lark7734Fen!", "password-assignment", "Lark7734Fen!"},
	})
	h11Quiet(t, []string{
		"d-i passwd/username string operator",
		"d-i passwd/root-password-crypted password $6$saltsalt$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ",
		"d-i netcfg/get_hostname string gateway7",
	})
}

// tac_plus writes a password as "= cleartext VALUE" and its shared secret as a
// top-level "key = VALUE".
func TestHeld16TacPlus(t *testing.T) {
	held5Want(t, []held5Case{
		{"user = ops7 {\n    login = cleartext \"Heron.5531.Pond\"\n}", "password-assignment", "Heron.5531.Pond"},
		{"    enable = cleartext Wren*8812Moss", "password-assignment", "Wren*8812Moss"},
		{"key = \"Tern.6620.Cove\"\ngroup = admins {\n    default service = permit\n}", "password-assignment", "Tern.6620.Cove"},
	})
	h11Quiet(t, []string{
		"key = \"Tern.6620.Cove\"\n[package]\nname = \"demo\"",
		"    login = PAM",
	})
}

// A name above its value: Redis's append-only file writes each argument of SET and
// HSET on a line of its own after its length.
func TestHeld16RESP(t *testing.T) {
	held5Want(t, []held5Case{
		{"*3\n$3\nSET\n$22\nsvc:billing:api_secret\n$30\nZq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1\n", "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"},
		{"*4\r\n$4\r\nHSET\r\n$8\r\nuser:42\r\n$8\r\npassword\r\n$13\r\nSloe^4471Haw!\r\n", "password-assignment", "Sloe^4471Haw!"},
	})
	h11Quiet(t, []string{
		"*3\n$3\nSET\n$9\nsession:7\n$30\nZq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1\n",
		"*3\n$3\nSET\n$12\nlock:job:881\n$36\n0b8f9c1e-6a2d-4c3b-9e7f-1a2b3c4d5e6f\n",
	})
}

// security dump-keychain -d prints an item's secret on the line after "data:".
func TestHeld16Keychain(t *testing.T) {
	held5Want(t, []held5Case{
		{"class: \"inet\"\nattributes:\n    \"acct\"<blob>=\"ops\"\n    \"srvr\"<blob>=\"mail.example.net\"\ndata:\n\"Plover9921Reed\"\n", "password-assignment", "Plover9921Reed"},
		{"class: \"genp\"\nattributes:\n    \"svce\"<blob>=\"deploy\"\ndata:\n\"Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1\"\n", "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"},
	})
	h11Quiet(t, []string{
		"class: \"genp\"\nattributes:\n    \"svce\"<blob>=\"deploy\"\ndata:\n<NULL>\n",
	})
}

// A Markdown table's column named by its header holds the named value in each row.
func TestHeld16MarkdownTable(t *testing.T) {
	held5Want(t, []held5Case{
		{"| Host | User | Password |\n|---|---|---|\n| db1 | admin | Bittern-7712Ash |\n", "password-assignment", "Bittern-7712Ash"},
		{"| Service | API key |\n| :-- | :-- |\n| billing | `Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1` |\n", "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"},
	})
	h11Quiet(t, []string{
		"| Host | User | Password |\n|---|---|---|\n| db1 | admin | see the vault |\n| db2 | admin | `<ask ops>` |\n",
		"| Host | Notes |\n|---|---|\n| db1 | Bittern-7712Ash |\n",
	})
}

// Code that names a value by the statement's structure: VBA's Const and XMLHTTP's
// Open (user and password are its fourth and fifth arguments), a C #define, Elytron's
// clear-text, CDK's unsafePlainText, Dhall's env fallback.
func TestHeld16CodeForms(t *testing.T) {
	held5Want(t, []held5Case{
		{`Private Const SMTP_PASSWORD As String = "Gannet!3390Wold"`, "password-assignment", "Gannet!3390Wold"},
		{`    req.Open "GET", "https://api.example.net/v1", False, "svc", "Gannet!3390Wold"`, "password-assignment", "Gannet!3390Wold"},
		{`#define UPLOAD_SECRET @"Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"`, "generic-api-key", "Zq8mVt3LpR7wKs2NbX4cY6dEzM0aJ1"},
		{`<credential-reference clear-text="Gannet!3390Wold"/>`, "password-assignment", "Gannet!3390Wold"},
		{`credentials: rds.Credentials.fromPassword('app', SecretValue.unsafePlainText('Gannet!3390Wold')),`, "password-assignment", "Gannet!3390Wold"},
		{`, smtp = { password = env:MAIL_PASSWORD as Text ? "Gannet!3390Wold" }`, "password-assignment", "Gannet!3390Wold"},
	})
	h11Quiet(t, []string{
		`Private Const BASE_URL As String = "https://api.example.net"`,
		`    req.Open "GET", "https://api.example.net/v1", False`,
		`#define VERSION_STRING @"2.4.1-release"`,
		`#define CIPHER_TXT_kPSK "kPSK"`,
		"service = exec {\n        key = interface_name + '.' + self._suffix",
		"named_service = kw.pop('named_service')\nkey = self._method_name",
		`, smtp = { password = env:MAIL_PASSWORD as Text ? "" }`,
	})
}

// Command lines and configurations whose argument positions are documented:
// iscsiadm's -n/-v, open-iscsi's mutual CHAP key, keepalived's auth_pass (at most 8
// characters), redis-server's --requirepass, Travis's slack ACCOUNT:TOKEN, a Tink
// keyset's key value.
func TestHeld16Documented(t *testing.T) {
	held5Want(t, []held5Case{
		{"iscsiadm -m node -T iqn.2025-03.net.example:t1 -o update -n node.session.auth.password -v Avocet77Reed", "password-assignment", "Avocet77Reed"},
		{"node.session.auth.password_in = Avocet77Reed", "password-assignment", "Avocet77Reed"},
		{"    authentication {\n        auth_type PASS\n        auth_pass Rk7pQz\n    }", "password-assignment", "Rk7pQz"},
		{"  └─812 /usr/bin/redis-server 127.0.0.1:6379 --requirepass Avocet77Reed --appendonly yes", "password-assignment", "Avocet77Reed"},
		{"notifications:\n  slack: acme-eng:Qm4xT8vZ2kLp9WnB3sYd7Rfa", "generic-api-key", "Qm4xT8vZ2kLp9WnB3sYd7Rfa"},
		{"{\"keyData\": {\"typeUrl\": \"type.googleapis.com/google.crypto.tink.AesSivKey\", \"value\": \"EkCq3vR9pL2mX7kT4nB8sY1dF6hJ0wQzA5cE2gU9iO3rT7yP1aS4dG8fH2jK6lZ0xC3vB7nM1qW5eR9tY3uI==\", \"keyMaterialType\": \"SYMMETRIC\"}}", "generic-api-key", "EkCq3vR9pL2mX7kT4nB8sY1dF6hJ0wQzA5cE2gU9iO3rT7yP1aS4dG8fH2jK6lZ0xC3vB7nM1qW5eR9tY3uI=="},
	})
	h11Quiet(t, []string{
		"iscsiadm -m node -o update -n node.startup -v automatic",
		"{\"keyData\": {\"typeUrl\": \"type.googleapis.com/google.crypto.tink.EcdsaPublicKey\", \"value\": \"EkCq3vR9pL2mX7kT4nB8sY1dF6hJ0wQzA5cE2gU9iO3rT7yP1aS4dG8fH2jK6lZ0xC3vB7nM1qW5eR9tY3uI==\", \"keyMaterialType\": \"ASYMMETRIC_PUBLIC\"}}",
	})
}

// WireGuard keys: `wg show … dump` lines and a key printed after the command that
// prints it.
func TestHeld16WireGuard(t *testing.T) {
	const priv = "kPq3vR9pL2mX7kT4nB8sY1dF6hJ0wQzA5cE2gU9iO3s="
	const pub = "Lz0xC3vB7nM1qW5eR9tY3uIaS4dG8fH2jK6lZ0xC3vA="
	const psk = "rT7yP1aS4dG8fH2jK6lZ0xC3vB7nM1qW5eR9tY3uI8k="
	held5Want(t, []held5Case{
		{"wg0\t" + priv + "\t" + pub + "\t51820\toff", "generic-api-key", priv},
		{"wg0\t" + pub + "\t" + psk + "\t198.51.100.7:51820\t10.9.0.2/32\t1700000000\t4000\t9000\toff", "generic-api-key", psk},
		{"$ wg genkey\n" + priv + "\n", "generic-api-key", priv},
		{"set interfaces wireguard wg3 private-key '" + priv + "'", "generic-api-key", priv},
		{"config interface 'wg0'\n\toption preshared_key '" + psk + "'", "generic-api-key", psk},
	})
	h11Quiet(t, []string{
		"wg0\t" + pub + "\t(none)\t198.51.100.7:51820\t10.9.0.2/32\t0\t0\t0\toff",
		"$ wg genkey | tee private.key | wg pubkey\n" + pub + "\n",
		"peer: " + pub + "\n  public key: " + pub,
		"wg set wg3 private-key /etc/wireguard/wg3.key\n" + pub,
	})
}

// Names that are not secrets under a secret's key: an iSCSI qualified name (the CHAP
// user name) and a UUID under a key ending in "uuid" (libvirt's reference to a secret).
func TestHeld16NotSecret(t *testing.T) {
	h11Quiet(t, []string{
		"node.session.auth.authmethod = CHAP\nnode.session.auth.username = iqn.2025-03.org.kestrel-data:host7",
		"<domain>\n  <devices>\n    <disk type='network' device='disk'>\n      <auth username='libvirt'>\n        <secret type='ceph' uuid='5f1e2d3c-4b5a-4697-8a8b-9c0d1e2f3a4b'/>\n      </auth>\n    </disk>\n  </devices>\n</domain>\n",
	})
}
