package detect

import (
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Stored password hashes are reported in a category of their own, only by the engine
// that asks for them: a users table's column, a shadow line, a roasting tool's output.
// The default engine reports none of them, as a secret or otherwise.
func TestPasswordHashesOptIn(t *testing.T) {
	cases := []struct{ rule, field, value string }{
		{"password-hash-bcrypt", "password_hash", "$2b$11$" + ExpandExample("{a:53}")},
		{"password-hash-sha512crypt", "passwd", "$6$Pq7Zt2Wm$" + ExpandExample("{a:86}")},
		{"password-hash-md5crypt", "htpasswd", "$apr1$Ux4Kd9Qa$" + ExpandExample("{a:22}")},
		{"password-hash-argon2", "password", "$argon2id$v=19$m=19456,t=2,p=1$" + ExpandExample("{a:22}") + "$" + ExpandExample("{a:43}")},
		{"password-hash-pbkdf2", "password", "pbkdf2_sha256$870000$Rk4wPz8Lq2Xn$" + ExpandExample("{b:43}") + "="},
		{"password-hash-scram", "rolpassword", "SCRAM-SHA-256$4096:" + ExpandExample("{b:22}") + "==$" + ExpandExample("{b:43}") + "=:" + ExpandExample("{b:43}") + "="},
		{"password-hash-mysql", "authentication_string", "*" + ExpandExample("{H:40}")},
		{"password-hash-postgres-md5", "rolpassword", "md5" + ExpandExample("{h:32}")},
		{"password-hash-krb5tgs", "ticket", "$krb5tgs$23$*websvc$LAB.TEST$HTTP/web.lab.test*$" + ExpandExample("{h:32}") + "$" + ExpandExample("{h:500}")},
		{"password-hash-mysql-sha2", "authentication_string", "$A$005$" + "\x05Lq;7\x1b~rT0'm\\9\x7fZp%w#" + ExpandExample("{a:43}")},
		{"password-hash-mysql-sha2", "authentication_string", "0x" + strings.ToUpper(hex.EncodeToString([]byte("$A$005$"+"k3\x02;Vx9\"Pq~0Wm!z4Rd7"+ExpandExample("{a:43}"))))},
		{"password-hash-ldap", "userPassword", "{SSHA}" + b64(ExpandExample("{a:20}tg8Q"))},
		{"password-hash-ldap", "userpassword", "{SSHA256}" + b64(ExpandExample("{a:32}7Lw2x0Pk"))},
		{"password-hash-ldap", "userPassword", "{SSHA512}" + b64(ExpandExample("{a:64}M4vq"))},
		{"password-hash-ldap", "userPassword", "{CRYPT}$6$Wt3mQz8R$" + ExpandExample("{a:86}")},
		{"password-hash-ldap", "userPassword", "{crypt}" + ExpandExample("{a:13}")},
		{"password-hash-ldap", "userPassword", b64("{SSHA}" + b64(ExpandExample("{a:20}pz5K")))},
	}
	for _, c := range cases {
		rec := []Field{{Path: "id", Value: "31"}, {Path: "login", Value: "m.okafor"}, {Path: c.field, Value: c.value}}
		var got []string
		WithHashes().ScanRecord(rec, func(m FieldMatch) {
			got = append(got, m.Rule.ID)
			// (a field holding base64 is read decoded: LDIF's "userPassword:: e1NTSEF9…")
			d, err := base64.StdEncoding.DecodeString(c.value)
			ok := m.Value == c.value || err == nil && m.Value == string(d)
			if m.Rule.ID == c.rule && (!ok || m.Rule.Category != finding.CredentialHash || m.Rule.Severity != finding.Medium) {
				t.Errorf("%s: value %q, category %s, severity %s", c.rule, m.Value, m.Rule.Category, m.Rule.Severity)
			}
		})
		if strings.Join(got, ",") != c.rule {
			t.Errorf("%s=%s: WithHashes reported %v, want only %s", c.field, c.value, got, c.rule)
		}
		Default().ScanRecord(rec, func(m FieldMatch) {
			t.Errorf("%s=%s: the default engine reported %s %q", c.field, c.value, m.Rule.ID, m.Value)
		})
		line := "user m.okafor " + c.value + " updated"
		n := 0
		WithHashes().Scan([]byte(line), func(m Match) {
			if m.Rule.ID == c.rule && m.Value == c.value {
				n++
			}
		})
		if n != 1 {
			t.Errorf("%q: WithHashes found it %d times in text", line, n)
		}
		Default().Scan([]byte(line), func(m Match) { t.Errorf("%q: the default engine reported %s", line, m.Rule.ID) })
	}
	// A secretsdump line reports the NT hash; the empty password's is none.
	nt := ExpandExample("{h:32}")
	dump := "LAB\\svc_sql:1107:aad3b435b51404eeaad3b435b51404ee:" + nt + ":::\nGuest:501:aad3b435b51404eeaad3b435b51404ee:31d6cfe0d16ae931b73c59d7e0c089c0:::\n"
	var vals []string
	WithHashes().Scan([]byte(dump), func(m Match) { vals = append(vals, m.Rule.ID+" "+m.Value) })
	if strings.Join(vals, ";") != "password-hash-ntlm "+nt {
		t.Errorf("secretsdump: got %v", vals)
	}
}

// An LDAP scheme's body must be its digest (and salt) in base64, a MySQL hex literal
// must decode to the caching_sha2 notation: other values after the same marks are none.
func TestPasswordHashesNotation(t *testing.T) {
	for _, v := range []string{
		"{SHA}" + b64(ExpandExample("{a:24}")),        // 24 bytes: no SHA-1
		"{SSHA}" + b64(ExpandExample("{a:20}")),       // no salt
		"{SSHA512}" + b64(ExpandExample("{a:40}")),    // shorter than its digest
		"{CRYPT}$6$" + ExpandExample("{a:30}"),        // no salt and hash
		b64("{SSHA}" + ExpandExample("{a:40}") + "!"), // LDIF of no hash
		"0x" + hex.EncodeToString([]byte("$A$005$"+ExpandExample("{a:20}")+ExpandExample("{a:42}")+"!")),
		"0x" + hex.EncodeToString([]byte("$A$005$"+ExpandExample("{a:19}")+"$"+ExpandExample("{a:43}"))),
		"$A$005$" + ExpandExample("{a:19}") + "$" + ExpandExample("{a:43}"),
	} {
		WithHashes().Scan([]byte("userPassword: "+v+"\n"), func(m Match) {
			if m.Rule.Category == finding.CredentialHash {
				t.Errorf("%q: %s %q", v, m.Rule.ID, m.Value)
			}
		})
	}
}

// Naming a hash rule selects it even from the default engine.
func TestSelectOptInRule(t *testing.T) {
	e, err := Default().Select([]string{"password-hash-bcrypt"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := "$2y$10$" + ExpandExample("{a:53}")
	n := 0
	e.Scan([]byte("hash="+v), func(m Match) { n++ })
	if n != 1 {
		t.Errorf("selected bcrypt rule found %d", n)
	}
	for _, r := range Default().Rules() {
		if r.Category == finding.CredentialHash {
			t.Errorf("default engine runs %s", r.ID)
		}
	}
}
