package cli

import (
	"context"
	"encoding/json"
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
