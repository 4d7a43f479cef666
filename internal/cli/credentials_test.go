package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
)

func writeCreds(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "creds.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// scanJSON scans with args and returns the report.
func scanJSON(t *testing.T, args ...string) *finding.Report {
	t.Helper()
	code, stdout, stderr := runCLI(t, "", append([]string{"scan", "--format", "json", "--no-progress", "--no-security-txt"}, args...)...)
	if code != ExitOK && code != ExitFindings {
		t.Fatalf("scan %v: exit %d: %s", args, code, stderr)
	}
	var rep finding.Report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("scan output: %v\n%s", err, stdout)
	}
	return &rep
}

// A credential that names hosts: is never offered to another one. Proved on a real
// Redis by its ACL log, which records every AUTH that fails: a wrong password scoped
// to 127.0.0.2 must leave no trace on 127.0.0.1, and the right one must not get in.
func TestCredentialHostsLimitWhereTheyGo(t *testing.T) {
	r := labtest.RedisProtected(t)
	ctx := context.Background()
	admin, err := r.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	aclLog := func() string {
		v, err := admin.Do(ctx, "ACL", "LOG", "128")
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(v)
	}
	for _, tc := range []struct {
		hosts string
		sent  bool
	}{
		{"[127.0.0.2]", false},
		{"[127.0.0.2/32, other.example]", false},
		{"[" + r.Host + "]", true},
		{"[127.0.0.0/8]", true},
	} {
		probe := fmt.Sprintf("scoped%d", time.Now().UnixNano())
		creds := writeCreds(t, fmt.Sprintf(`credentials:
  - store: redis
    username: %s
    password: not-the-password
    hosts: %s
  - store: redis
    username: %s
    password: %s
    hosts: %s
`, probe, tc.hosts, labtest.RedisReaderUser, labtest.RedisReaderPassword, tc.hosts))
		rep := scanJSON(t, "--no-default-credentials", "--credentials", creds, "redis://"+r.Addr())
		if len(rep.Services) != 1 {
			t.Fatalf("hosts %s: services %+v", tc.hosts, rep.Services)
		}
		svc := rep.Services[0]
		logged := strings.Contains(aclLog(), probe)
		if tc.sent {
			if svc.Auth != finding.AuthCredentials || svc.User != labtest.RedisReaderUser || !logged {
				t.Errorf("hosts %s: auth %s user %q, wrong password logged %v: the credentials were not used", tc.hosts, svc.Auth, svc.User, logged)
			}
			continue
		}
		if svc.Auth != finding.AuthRequired || logged {
			t.Errorf("hosts %s: auth %s, wrong password logged %v: a credential reached a host it does not name", tc.hosts, svc.Auth, logged)
		}
	}
}

func TestCredentialsFileHosts(t *testing.T) {
	p := writeCreds(t, `credentials:
  - username: a
    password: x
    hosts: [10.0.0.0/8, db.internal, "*.corp.example"]
  - username: b
    password: y
`)
	cs, err := loadCredentials(p, os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	in := store.Endpoint{Hostname: "db.internal"}
	if len(cs) != 2 || cs[0].Scope == nil || !cs[0].AllowedAt(in) || cs[0].AllowedAt(store.Endpoint{Hostname: "other"}) || cs[1].Scope != nil {
		t.Fatalf("credentials %+v", cs)
	}
	for _, bad := range []string{"hosts: []", "hosts: [10.0.0.1:5432]", "hosts: [\"bad name!\"]", "hosts: 10.0.0.1"} {
		p := writeCreds(t, "credentials:\n  - username: a\n    password: x\n    "+bad+"\n")
		if _, err := loadCredentials(p, os.Getenv); err == nil || strings.Contains(err.Error(), "x") && strings.Contains(err.Error(), "password: x") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// The same over plain HTTP, where the password crosses the wire readable (ClickHouse's
// HTTP interface, as CouchDB, Elasticsearch and the other HTTP stores): the protocol
// has no other way, so the credential's hosts are all that stands between it and other
// servers. Proved by ClickHouse's own log of failed logins.
func TestCredentialHostsOverPlainHTTP(t *testing.T) {
	ch := labtest.ClickHouseProtected(t)
	logFile := filepath.Join(ch.Dir, "log", "server.log")
	for _, tc := range []struct {
		hosts string
		sent  bool
	}{
		{"[127.0.0.2]", false},
		{"[" + ch.Host + "]", true},
	} {
		canary := fmt.Sprintf("canary%d", time.Now().UnixNano())
		creds := writeCreds(t, fmt.Sprintf(`credentials:
  - store: clickhouse
    username: %s
    password: not-the-password
    hosts: %s
  - store: clickhouse
    username: %s
    password: %s
    hosts: %s
`, canary, tc.hosts, labtest.ReaderUser, labtest.ReaderPassword, tc.hosts))
		rep := scanJSON(t, "--no-default-credentials", "--sample-rows", "1", "--credentials", creds, "http://"+ch.HTTPAddr())
		if len(rep.Services) != 1 {
			t.Fatalf("hosts %s: services %+v", tc.hosts, rep.Services)
		}
		svc := rep.Services[0]
		logged := false
		for range 30 {
			b, _ := os.ReadFile(logFile)
			if logged = strings.Contains(string(b), canary); logged || !tc.sent {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if tc.sent {
			if svc.Auth != finding.AuthCredentials || !logged {
				t.Errorf("hosts %s: auth %s, wrong password logged %v: the credentials were not used", tc.hosts, svc.Auth, logged)
			}
			continue
		}
		if svc.Auth != finding.AuthRequired || logged {
			t.Errorf("hosts %s: auth %s, wrong password logged %v: a credential reached a host it does not name", tc.hosts, svc.Auth, logged)
		}
	}
}
