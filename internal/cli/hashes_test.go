package cli

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// detect reports stored password hashes only with --hashes, in their own category and
// at medium severity: the default exit status (--fail-on high) does not change.
func TestDetectHashesFlag(t *testing.T) {
	h := "$2b$12$" + detect.ExpandExample("{a:53}")
	p := filepath.Join(t.TempDir(), "users.csv")
	if err := os.WriteFile(p, []byte("id,login,password_hash\n7,n.ferreira,"+h+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errb := runLeakwatch(t, "", "detect", "--format", "jsonl", "--reveal", p)
	if code != ExitOK || strings.TrimSpace(out) != "" {
		t.Fatalf("without --hashes: exit %d, output %q %s", code, out, errb)
	}
	code, out, errb = runLeakwatch(t, "", "detect", "--hashes", "--format", "jsonl", "--reveal", p)
	fs := parseJSONL(t, out)
	if code != ExitOK || len(fs) != 1 || fs[0].Rule != "password-hash-bcrypt" || fs[0].Category != "credential-hash" || fs[0].Severity != "medium" || fs[0].Value != h {
		t.Fatalf("with --hashes: exit %d, %+v %s", code, fs, errb)
	}
}

// scan reports a users table's hashes (unless --hashes=false) as credential-hash
// findings that neither count as secrets nor raise the exposure to critical.
func TestScanReportsPasswordHashes(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "users"}, false)
	h := "$argon2id$v=19$m=19456,t=2,p=1$" + detect.ExpandExample("{a:22}") + "$" + detect.ExpandExample("{a:43}")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, q := range []string{"CREATE DATABASE app",
		"CREATE TABLE app.users (id UInt32, email String, password_hash String) ENGINE = Log",
		"INSERT INTO app.users VALUES (1, 'r.haddad@example.org', '" + h + "')"} {
		if _, err := ch.Query(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, on := range []bool{true, false} {
		args := []string{"scan", "--format", "json", "--reveal", "--no-progress", "--no-security-txt", ch.HTTPAddr()}
		if !on {
			args = append(args, "--hashes=false")
		}
		_, out, errb := runCLI(t, "", args...)
		var rep finding.Report
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("JSON: %v\n%s", err, errb)
		}
		n := 0
		for _, f := range rep.Findings {
			switch {
			case f.Category == finding.CredentialHash:
				n++
				if f.Rule != "password-hash-argon2" || f.Value != h || f.Column != "password_hash" || f.Severity != finding.Medium {
					t.Errorf("hash finding %+v", f)
				}
			case f.Category == finding.Exposure && f.Severity == finding.Critical:
				t.Errorf("a hash raised the exposure to critical: %s", f.Title)
			case f.Category == finding.Secret:
				t.Errorf("secret finding %s %q", f.Rule, f.Value)
			}
		}
		if want := map[bool]int{true: 1, false: 0}[on]; n != want {
			t.Errorf("--hashes=%v: %d hash findings, want %d", on, n, want)
		}
	}
}

// scan reports the hashes of a MySQL 8 account dump (caching_sha2_password, its salt
// holding control characters, and the hex literal SHOW CREATE USER writes) and of an
// LDAP directory export (userPassword in RFC 2307 schemes, and LDIF's base64 of one)
// as credential-hash findings, each by its column, and no secret.
func TestScanReportsAccountAndDirectoryHashes(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "directory"}, false)
	a43 := func(s string) string { return detect.ExpandExample("{a:43}" + s)[:43] }
	salt := "\x05Tq;7\x1bN-r0'm9\x7fZp%w#u" // any ASCII but NUL and '$'
	sha2 := "$A$005$" + salt + a43("acct")
	sha2hex := "0x" + strings.ToUpper(hex.EncodeToString([]byte("$A$005$"+"Ld0~j!3Qz;W9&b2Kx7Mp"+a43("hex"))))
	ssha := "{SSHA}" + base64.StdEncoding.EncodeToString([]byte(detect.ExpandExample("{a:20}f3Wq")))
	ssha512 := "{SSHA512}" + base64.StdEncoding.EncodeToString([]byte(detect.ExpandExample("{a:64}Zk81")))
	cryptV := "{CRYPT}$6$Hr2vX9pQ$" + detect.ExpandExample("{a:86}")
	ldif := base64.StdEncoding.EncodeToString([]byte("{SSHA256}" + base64.StdEncoding.EncodeToString([]byte(detect.ExpandExample("{a:32}q7Yt0e")))))
	chString := func(s string) string { // a ClickHouse string literal, control bytes escaped
		var b strings.Builder
		b.WriteByte('\'')
		for _, c := range []byte(s) {
			switch {
			case c < 0x20 || c == 0x7f || c == '\'' || c == '\\':
				fmt.Fprintf(&b, `\x%02X`, c)
			default:
				b.WriteByte(c)
			}
		}
		return b.String() + "'"
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, q := range []string{"CREATE DATABASE idm",
		"CREATE TABLE idm.mysql_user (Host String, User String, plugin String, authentication_string String) ENGINE = Log",
		"INSERT INTO idm.mysql_user VALUES ('%', 'billing', 'caching_sha2_password', " + chString(sha2) + "), ('%', 'etl', 'caching_sha2_password', '" + sha2hex + "')",
		"CREATE TABLE idm.ldap_people (dn String, uid String, userPassword String) ENGINE = Log",
		"INSERT INTO idm.ldap_people VALUES ('uid=ana,ou=people,dc=lab,dc=test', 'ana', '" + ssha + "'), " +
			"('uid=bo,ou=people,dc=lab,dc=test', 'bo', '" + ssha512 + "'), ('uid=cy,ou=people,dc=lab,dc=test', 'cy', '" + cryptV + "'), " +
			"('uid=di,ou=people,dc=lab,dc=test', 'di', '" + ldif + "')"} {
		if _, err := ch.Query(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	_, out, errb := runCLI(t, "", "scan", "--format", "json", "--reveal", "--no-progress", "--no-security-txt", ch.HTTPAddr())
	var rep finding.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("JSON: %v\n%s", err, errb)
	}
	ldifPlain, _ := base64.StdEncoding.DecodeString(ldif)
	want := map[string]string{sha2: "password-hash-mysql-sha2", sha2hex: "password-hash-mysql-sha2",
		ssha: "password-hash-ldap", ssha512: "password-hash-ldap", cryptV: "password-hash-ldap", string(ldifPlain): "password-hash-ldap"}
	got := map[string]string{}
	for _, f := range rep.Findings {
		switch f.Category {
		case finding.CredentialHash:
			got[f.Value] = f.Rule + " " + f.Column
		case finding.Secret:
			t.Errorf("secret finding %s %q", f.Rule, f.Value)
		}
	}
	for v, rule := range want {
		col := "userPassword"
		if rule == "password-hash-mysql-sha2" {
			col = "authentication_string"
		}
		if got[v] != rule+" "+col {
			t.Errorf("%q: got %q, want %s in %s (all: %q)", v, got[v], rule, col, got)
		}
	}
}
