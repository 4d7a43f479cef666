package detect

import (
	"bytes"
	"fmt"
	"testing"
)

// The classes the held10a evaluation split showed missing (tools/evalcorpus/held10.go;
// held10b, its held-out sibling, was only read in totals). Each test covers one general
// syntax with strings written for the test, not taken from the split, beside controls
// that must stay quiet.

// cisco7 encodes pw as IOS "password 7" does, with the table IOS publishes.
func cisco7(seed int, pw string) string {
	const xlat = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"
	var b bytes.Buffer
	fmt.Fprintf(&b, "%02d", seed)
	for i := 0; i < len(pw); i++ {
		fmt.Fprintf(&b, "%02X", pw[i]^xlat[(seed+i)%len(xlat)])
	}
	return b.String()
}

// A secret's name and its value parted by blanks, with or without more arguments and a
// type digit, whatever the daemon.
func TestHeld10Directives(t *testing.T) {
	t7 := cisco7(9, "Heron2024x")
	held5Want(t, []held5Case{
		{`rcon_password "Tern4471!gull"`, "password-assignment", "Tern4471!gull"},
		{`    AuthLDAPBindPassword "Quill-8812-moss"`, "password-assignment", "Quill-8812-moss"},
		{"SetEnv MAIL_PASS Brindle#5520", "password-assignment", "Brindle#5520"},
		{"defPrivPassphrase lark.owl.77", "password-assignment", "lark.owl.77"},
		{"keepalived_auth_pass\tKite2291x", "password-assignment", "Kite2291x"},
		{"username noc privilege 15 password 0 Osprey^4410", "password-assignment", "Osprey^4410"},
		{"username noc privilege 15 password 7 " + t7, "password-assignment", t7},
		{"enable secret 0 Corvid!2290", "generic-api-key", "Corvid!2290"},
		{"tacacs-server key 0 Pw9rT2mQx7Lk", "generic-api-key", "Pw9rT2mQx7Lk"},
		{"rocommunity Zq8mVt3LpR7wKs2N 10.20.0.0/16", "generic-api-key", "Zq8mVt3LpR7wKs2N"},
		{"snmp-server community Zq8mVt3LpR7wKs2N RO 5", "generic-api-key", "Zq8mVt3LpR7wKs2N"},
		{"set snmp community Zq8mVt3LpR7wKs2N authorization read-only;", "generic-api-key", "Zq8mVt3LpR7wKs2N"},
		// ';' ends nginx's and Junos' statements too: a snake-case directive stays a setting
		{"master_password Lynx4471x;", "password-assignment", "Lynx4471x"},
	})
	held5Quiet(t, []string{
		"enable secret 5 $1$abcd$Qw3rTy7uI9oP1aS2dF4gH5",
		"username audit secret 9 $9$Xy7zAbCdEfGh$Qw3rTy7uI9oP1aS2dF4gH5jK6lZ8xC0vB",
		"rocommunity public localhost",
		"password required pam_unix.so sha512",
		"Pass indic3 tags to USE shaper",
		"sharedSecret  func(*ecdh.PrivateKey) error",
		"Compute_shared_secret_cnt uint64",
		"extensionPreSharedKey            uint16 = 41",
		"PrivateKey crypto.PrivateKey",
		"Secret Bug4Secret",
		`rcon_password "${RCON_PASSWORD}"`,
		`AuthLDAPBindPassword "exec:/usr/local/bin/ldap-pw"`,
		"auth_basic_user_file /etc/nginx/.htpasswd;",
		"New API to set PSK Diffie-Hellman parameters:",
		"sublists in private-key S-expression.",
		"RFC is still has to pass AUTH48 at the IETF.",
		"key F5 toggles the panel",
		// C declarations: a type's name under its struct tag, a field of a key type
		"typedef struct RSAPrivateKeyStr RSAPrivateKey;",
		"typedef struct CERTAuthKeyIDStr CERTAuthKeyID;",
		"    SECKEYPrivateKeyInfo pkcs8data; /* borrowed */",
		"  spark.db.password  Olmo-4421",
	}, "password-assignment", "generic-api-key")
}

// A credential pair in one argument: Oracle's user/password@connect, Samba's
// -U user%password, user:password under a name that says auth.
func TestHeld10CredentialPairs(t *testing.T) {
	held5Want(t, []held5Case{
		{"sqlplus -s hr/Falcon7731!x@//db.example.net:1521/PDB1 @x.sql", "password-assignment", "Falcon7731!x"},
		{"rman target sys/Otter2290Q@PRODDB", "password-assignment", "Otter2290Q"},
		{"expdp system/heron.lupin.55@ORCL schemas=HR", "password-assignment", "heron.lupin.55"},
		{"sqlplus scott/tiger99@//db1:1521/XE", "password-assignment", "tiger99"},
		{`smbclient //fs1/share -U CORP\alice%Marten*5510 -c ls`, "password-assignment", "Marten*5510"},
		{`rpcclient -U "bob%Vole^2281x" 10.0.0.5`, "password-assignment", "Vole^2281x"},
		{`cloud.auth: "elastic:Plover#4410"`, "password-assignment", "Plover#4410"},
		{"addauth digest admin:Egret!7781q", "password-assignment", "Egret!7781q"},
		{`curl_setopt($ch, CURLOPT_USERPWD, "svc:Gannet^3301x");`, "password-assignment", "Gannet^3301x"},
	})
	held5Quiet(t, []string{
		"go get golang.org/x/mod@v0.20.0",
		"go install example.com/tool/cmd@latest",
		"uses: actions/checkout@v4",
		"npm i @scope/pkg@1.2.3",
		"/Times-Roman@0 ENC0/Times-Roman RE/Times-Italic@0",
		"git clone git@github.com:org/repo.git",
		"go mod download rsc.io/needgo121@latest",
		"see docs/intro2@1x.png",
		"smbclient -U alice //fs/share",
		"smbclient -U guest% //fs/share",
		`auth: "oauth2:${TOKEN}"`,
		`basic_auth: "user:<password>"`,
		`cloud.auth: "https://example.org/login"`,
	}, "password-assignment", "generic-api-key")
}

// A raw symmetric key (base64 of 16, 24, 32 or 64 bytes) under a name ending in "key",
// and key-length base64 that starts with '+' or '/'.
func TestHeld10RawKeys(t *testing.T) {
	held5Want(t, []held5Case{
		{"export AIRFLOW__CORE__FERNET_KEY=BRUET9qqfzfotbrP0oyniLIglFTeny6Smm4-qaO-j9E=", "generic-api-key", "BRUET9qqfzfotbrP0oyniLIglFTeny6Smm4-qaO-j9E="},
		{`cookie_key: "oW+iY0RZxLdw8ljCV56vrymFF7k6e/5hNYKJvTr992w="`, "generic-api-key", "oW+iY0RZxLdw8ljCV56vrymFF7k6e/5hNYKJvTr992w="},
		{`ClientSecret="+mjD+8HK57h3S0PNTjxPJK9F1O7JcyQ7IofkXfkH9nw"`, "generic-api-key", "+mjD+8HK57h3S0PNTjxPJK9F1O7JcyQ7IofkXfkH9nw"},
		{`client_secret: "/+sNCtnUOa7T8jxXxw4BMqBcnE5KLDGqaj88a6cEUdU"`, "generic-api-key", "/+sNCtnUOa7T8jxXxw4BMqBcnE5KLDGqaj88a6cEUdU"},
	})
	held5Quiet(t, []string{
		"PublicKey = oW+iY0RZxLdw8ljCV56vrymFF7k6e/5hNYKJvTr992w=",
		"server_public_key: oW+iY0RZxLdw8ljCV56vrymFF7k6e/5hNYKJvTr992w=",
		"cache_key: oW+iY0RZxLdw8ljCV56vrymFF7k6e/5hNYKJvTr992w=",
		"idempotency_key=IIADTVVRYBGfwfM2LBEo2Q==",
		"FERNET_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
		`DOWNLOAD_DIR="/+sNCtnUOa7T8jxXxw4BMqBcnE5KLDGqaj88a6cEUdU/x"`,
	}, "generic-api-key")
}

// A reference to a file holding the password is no password.
func TestHeld10FileReference(t *testing.T) {
	held5Quiet(t, []string{
		"smtp_password: file:///run/secrets/smtp",
		"DB_PASSWORD=file:/etc/app/db.pw",
	}, "password-assignment")
	held5Want(t, []held5Case{{"smtp_password: Fieldfare!2231", "password-assignment", "Fieldfare!2231"}})
}
