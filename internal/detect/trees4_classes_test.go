package detect

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"
)

// TestTreeRound4Classes: the classes of false positives found by triaging every
// non-test secret finding of the Go module cache at 5e21637 (realtrees4.go). Each
// example text must yield no secret; each leak text, which differs from it only in the
// signal the class reads, must still yield its rule and value: the test fails without
// the class and again if the class swallows the leak.
func TestTreeRound4Classes(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString
	random32 := b64([]byte{0x8f, 0x1c, 0xa3, 0x5e, 0x77, 0x02, 0xd9, 0x4b, 0x6a, 0xe0, 0x13, 0xc8, 0x95, 0x3f, 0x41, 0xbe,
		0x0d, 0x62, 0xfa, 0x27, 0x88, 0x5c, 0xb1, 0x9e, 0x34, 0xc6, 0x70, 0x1a, 0xe5, 0x4d, 0x8b, 0x23})
	hexRandom := hex.EncodeToString([]byte{0x8f, 0x1c, 0xa3, 0x5e, 0x77, 0x02, 0xd9, 0x4b, 0x6a, 0xe0, 0x13, 0xc8, 0x95, 0x3f,
		0x41, 0xbe, 0x0d, 0x62, 0xfa, 0x27, 0x88, 0x5c, 0xb1, 0x9e, 0x34, 0xc6, 0x70, 0x1a, 0xe5, 0x4d, 0x8b, 0x23})
	localJWT := testJWT(`{"iss":"http://127.0.0.1:8088/realms/demo","sub":"ops","exp":1700000000}`)
	checkTreeClasses(t, []treeClassCase{
		{class: "base64 of digits counting up, cut short",
			example: "  WRAP_KEY=" + strings.TrimRight(b64([]byte("01234567890123456789012345678901")), "=") + " ./setup.sh\n",
			leak:    "  WRAP_KEY=" + strings.TrimRight(random32, "=") + " ./setup.sh\n",
			rule:    "generic-api-key", value: strings.TrimRight(random32, "=")},
		{class: "base64 of digits restarting at the first",
			example: "var sealingKey = \"" + b64([]byte("123456781234567812345678")) + "\"\n",
			leak:    "var sealingKey = \"" + random32 + "\"\n",
			rule:    "generic-api-key", value: random32},
		{class: "hex of a sentence after a key name",
			example: "      VAULT_MASTER_KEY: local-key:" + hex.EncodeToString([]byte("replace me with a key of yours")) + "\n",
			leak:    "      VAULT_MASTER_KEY: local-key:" + hexRandom + "\n",
			rule:    "generic-api-key", value: "local-key:" + hexRandom},
		{class: "a port and its protocol in a services table",
			example: "ntp\t\t123/udp\nkpasswd\t\t464/tcp\t\t\t# change a password\nldaps\t\t636/tcp\n",
			leak:    "ntp\t\t123/udp\nkpasswd\t\tw7Kq-2zT9\t\t\t# change a password\nldaps\t\t636/tcp\n",
			rule:    "password-assignment", value: "w7Kq-2zT9"},
		{class: "an ABNF repetition in a grammar",
			example: "#   login    = 1*VCHAR\n#   password = 1*64VCHAR ; up to 64 octets\n",
			leak:    "#   login    = 1*VCHAR\n#   password = Tq8*64VCHAR ; up to 64 octets\n",
			rule:    "password-assignment", value: "Tq8*64VCHAR"},
		{class: "minified code after a credentials word",
			example: "var h={};n.withCredentials=!1,n.onload=function(){if(n.status>=200&&n.status<300)r((0,s.ok)(p)),o({code:n.status}),(0,k.qz)(m);else{if(h[n.status])E=h[n.status];else if(n.respo\n",
			leak:    "r.withCredentials=\"Zk3J9x2Lm8Qp4Zr7Tv1Wy6\",r.send(d)\n",
			rule:    "generic-api-key", value: "Zk3J9x2Lm8Qp4Zr7Tv1Wy6"},
		{class: "a comment label naming the format of the line below",
			example: "\t// Signed request header format:\n\t// X-Signer: AKIAQ7Z3M4N5P6R7S8T2/20240101/eu-west-3\n",
			leak:    "\t// Signed request header for the nightly job:\n\t// X-Signer: AKIAQ7Z3M4N5P6R7S8T2/20240101/eu-west-3\n",
			rule:    "aws-access-key-id", value: "AKIAQ7Z3M4N5P6R7S8T2"},
		{class: "a label saying the block below is in a format, a blank line between",
			example: "  The saved profile is written in the following YAML format:\n\n  endpoint: https://store.heronworks.io\n  secret_key: \"Pz81LqW3nV6xK0tR9yB2cF5hJ7mD4sG1aE8uQo3i\"\n",
			leak:    "  The saved profile is written to the file below:\n\n  endpoint: https://store.heronworks.io\n  secret_key: \"Pz81LqW3nV6xK0tR9yB2cF5hJ7mD4sG1aE8uQo3i\"\n",
			rule:    "generic-api-key", value: "Pz81LqW3nV6xK0tR9yB2cF5hJ7mD4sG1aE8uQo3i"},
		{class: "a comment label abbreviating example",
			example: "# Ex:\n#   deploy token: Rk7vQ2mX9pL4sT8wZ1nB6cF3hJ5yD0gAe2Uo\n",
			leak:    "# Prod:\n#   deploy token: Rk7vQ2mX9pL4sT8wZ1nB6cF3hJ5yD0gAe2Uo\n",
			rule:    "generic-api-key", value: "Rk7vQ2mX9pL4sT8wZ1nB6cF3hJ5yD0gAe2Uo"},
		{class: "e.g. before the value on its line",
			example: "Point BROKER_URL at your broker (e.g. `amqp://svc:Wq7!zR2k@mq.heronworks.io:5672/`).\n",
			leak:    "Point BROKER_URL at your broker (`amqp://svc:Wq7!zR2k@mq.heronworks.io:5672/`).\n",
			rule:    "amqp-connection-string", value: "Wq7!zR2k"},
		{class: "a URL whose user and host are one letter each",
			example: "// a stray colon: postgres://u:Kq9z:Tr4@h parses \"Tr4@h\" as the port\n",
			leak:    "// a stray colon: postgres://u:Kq9z:Tr4@db7 parses \"Tr4@db7\" as the port\n",
			rule:    "postgres-connection-string", value: "Kq9z:Tr4"},
		{class: "a named list spread into a rule's test vectors",
			example: "var token_keys = []string{\n\t`HERON_TOKEN: hw1_Zk3J9x2Lm8Qp4Zr7Tv1Wy6Bc0Dd`,\n}\n\nfunc HeronToken() {\n\tfps := append(other_keys, token_keys...)\n}\n",
			leak:    "var token_keys = []string{\n\t`HERON_TOKEN: hw1_Zk3J9x2Lm8Qp4Zr7Tv1Wy6Bc0Dd`,\n}\n\nfunc HeronToken() {\n\tall := append(other_keys, token_keys...)\n}\n",
			rule:    "generic-api-key", value: "hw1_Zk3J9x2Lm8Qp4Zr7Tv1Wy6Bc0Dd"},
		{class: "user and password fields equal, on the machine itself",
			example: "var local = Conn{\n\tHost:     \"localhost\",\n\tPort:     5672,\n\tUsername: \"heron\",\n\tPassword: \"heron\",\n}\n",
			leak:    "var local = Conn{\n\tHost:     \"mq.heronworks.io\",\n\tPort:     5672,\n\tUsername: \"heron\",\n\tPassword: \"heron\",\n}\n",
			rule:    "password-assignment", value: "heron"},
		{class: "a bind DN's name as its password, on the machine itself",
			example: "export LDAP_ADDR=\"localhost:389\"\nexport LDAP_BIND_DN=\"cn=reader,dc=heron,dc=io\"\nexport LDAP_BIND_PASSWORD=\"reader\"\n",
			leak:    "export LDAP_ADDR=\"ldap.heronworks.io:389\"\nexport LDAP_BIND_DN=\"cn=reader,dc=heron,dc=io\"\nexport LDAP_BIND_PASSWORD=\"reader\"\n",
			rule:    "password-assignment", value: "reader"},
		// tried and left out, because peers' tuned-on cases count them as secrets to find
		// (trufflehog's JDBC test, trufflehog's and gitleaks' JWT examples): paired names
		// in a Go DSN on the machine itself, a JWT whose issuer is the machine itself
		{class: "control: paired names in a Go DSN on the machine itself", example: "notify_dsn=\"\"\n",
			leak: "notify_dsn=\"shopuser:shoppass@tcp(localhost:3306)/events\"\n", rule: "password-assignment", value: "shoppass"},
		{class: "control: a JWT issued by the machine itself", example: "  \"IdToken\": \"\",\n",
			leak: "  \"IdToken\": \"" + localJWT + "\",\n", rule: "jwt", value: localJWT},
	})
}

// testJWT signs nothing: a header, the claims given and a signature of random-looking
// bytes, as a token in a document would read.
func testJWT(claims string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + ".Xq8vN2kR5tW0zB7mC4pL9sF1hJ6dG3yAeUo2iK8rT5w"
}

// TestTreeRound4Keys: a private key beside its own certificate for the machine itself
// only is no leak; the same key beside a certificate for a host elsewhere, or beside
// another key's certificate, is. A key in a service-account file is reported whatever
// its key id (secretlint's tuned-on cases count a file with a made-up id as a secret).
func TestTreeRound4Keys(t *testing.T) {
	e := Default()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	other, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	cert := func(pub *ecdsa.PublicKey, dns []string, ips []net.IP) string {
		tpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "dev"},
			NotBefore: time.Unix(1700000000, 0), NotAfter: time.Unix(1900000000, 0), DNSNames: dns, IPAddresses: ips}
		d, err := x509.CreateCertificate(rand.Reader, tpl, tpl, pub, key)
		if err != nil {
			t.Fatal(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: d}))
	}
	loop := []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback}
	hexID := strings.Repeat("3f9a", 10)
	sa := func(id string) string {
		return `{"type": "service_account", "project_id": "heron", "private_key_id": "` + id + `", "private_key": "` +
			strings.ReplaceAll(keyPEM, "\n", `\n`) + `", "client_email": "svc@heron.iam.gserviceaccount.com"}`
	}
	for _, c := range []struct {
		name  string
		text  string
		found bool
	}{
		{"its certificate names only the machine", cert(&key.PublicKey, []string{"localhost", "host.docker.internal"}, loop) + keyPEM, false},
		{"its certificate names a host elsewhere too", cert(&key.PublicKey, []string{"localhost", "api.heronworks.io"}, loop) + keyPEM, true},
		{"the certificate is another key's", cert(&other.PublicKey, []string{"localhost"}, loop) + keyPEM, true},
		{"no certificate beside it", keyPEM, true},
		{"a service-account file with a made-up key id", sa("abc"), true},
		{"a service-account file with Google's form of key id", sa(hexID), true},
	} {
		got := false
		for _, m := range scanText(e, "", c.text) {
			if strings.HasPrefix(m.Rule.ID, "private-key") {
				got = true
			}
		}
		if got != c.found {
			t.Errorf("%s: private key found %v, want %v", c.name, got, c.found)
		}
	}
}

// TestTreeRound4Passphrase: a passphrase in base64, as a Kubernetes secret holds it, is
// still found though its decoding is a sentence; only hex is read for one.
func TestTreeRound4Passphrase(t *testing.T) {
	v := base64.StdEncoding.EncodeToString([]byte("tangerine harbour seven lanterns"))
	if encodedFiller([]byte(v)) {
		t.Errorf("%s (a passphrase in base64) read as filler", v)
	}
	if !encodedFiller([]byte(hex.EncodeToString([]byte("tangerine harbour seven lanterns")))) {
		t.Error("the same sentence in hex not read as filler")
	}
}

// A weak password is still a password: "123456" under a password name in a real
// configuration is a credential anyone can use, so the module cache's README fillers of
// that shape are left reported (round 4 dropped them; the coordinator put them back).
func TestWeakPasswordStaysFound(t *testing.T) {
	for _, c := range []struct{ text, value string }{
		{"DB_PASSWORD=123456\n", "123456"},
		{"ftp:\n  user: ops\n  password: 1234567\n", "1234567"},
	} {
		if ms := scanText(Default(), "", c.text); !hasMatch(ms, "password-assignment", c.value) {
			t.Errorf("%q: want password-assignment %q, got %s", c.text, c.value, describe(ms))
		}
	}
}
