package audit

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// summary prints each finding as "severity rule file:line", the way the expectations
// below are written.
func summary(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %s:%d", f.Severity, f.Rule, filepath.ToSlash(f.File), f.Line))
	}
	slices.Sort(out)
	return out
}

func run(t *testing.T, paths ...string) *Result {
	t.Helper()
	r, err := Run(context.Background(), paths, Options{})
	if err != nil {
		t.Fatalf("Run(%v): %v", paths, err)
	}
	if len(r.Errors) > 0 {
		t.Fatalf("Run(%v) errors: %v", paths, r.Errors)
	}
	return r
}

// TestFixtures pins every finding, with its file and line, on hand-made configurations
// that exercise merges, includes, YAML and each product's rules.
func TestFixtures(t *testing.T) {
	tests := []struct {
		path string
		want []string
	}{
		{"testdata/clickhouse/overrides", []string{
			// users.d/50 empties default's password and opens its networks; it also removes
			// the password-less "legacy" user, which must not be reported.
			"critical clickhouse-user-no-password testdata/clickhouse/overrides/users.d/50-open-default.xml:5",
			"high clickhouse-user-networks-open testdata/clickhouse/overrides/users.d/50-open-default.xml:7",
			"high clickhouse-passwordless-user-writable testdata/clickhouse/overrides/users.xml:11",
			// config.d/10 turns the first listen_host (::1) into 0.0.0.0.
			"high clickhouse-listen-all-plaintext testdata/clickhouse/overrides/config.d/10-listen.xml:3",
			"medium clickhouse-compat-port testdata/clickhouse/overrides/config.d/20-mysql.yaml:1",
			// app's networks come from metrika.xml through incl with replace.
			"medium clickhouse-user-networks-open testdata/clickhouse/overrides/metrika.xml:3",
			"medium clickhouse-plaintext-password testdata/clickhouse/overrides/users.xml:15",
			"info clickhouse-value-not-visible testdata/clickhouse/overrides/users.d/60-env.xml:4",
		}},
		{"testdata/clickhouse/yaml", []string{
			"critical clickhouse-user-no-password testdata/clickhouse/yaml/users.yaml:6",
			"high clickhouse-access-management testdata/clickhouse/yaml/users.yaml:10",
			"high clickhouse-listen-all-plaintext testdata/clickhouse/yaml/config.yaml:4",
			"high clickhouse-passwordless-user-writable testdata/clickhouse/yaml/users.yaml:9",
			"high clickhouse-user-networks-open testdata/clickhouse/yaml/users.yaml:8",
		}},
		{"testdata/postgres/open", []string{
			"critical postgres-hba-trust testdata/postgres/open/pg_hba.conf:4",
			"high postgres-ssl-off testdata/postgres/open/postgresql.conf:5",
			"low postgres-hba-md5 testdata/postgres/open/pg_hba.conf:6",
			"medium postgres-hba-password testdata/postgres/open/pg_hba.conf:5",
			"medium postgres-hba-trust testdata/postgres/open/pg_hba.conf:2",
			"medium postgres-listen-all testdata/postgres/open/conf.d/90-remote.conf:2",
			"medium postgres-password-encryption-md5 testdata/postgres/open/postgresql.conf:6",
		}},
		{"testdata/redis/redis-open.conf", []string{
			"critical redis-no-password testdata/redis/redis-open.conf:2",
			"medium redis-bind-all testdata/redis/redis-open.conf:2",
			"medium redis-dangerous-commands testdata/redis/redis-open.conf:2",
			"medium redis-protected-mode-off testdata/redis/redis-open.conf:4",
		}},
		{"testdata/redis/redis-nobind.conf", []string{
			"medium redis-dangerous-commands testdata/redis/redis-nobind.conf:1",
			"medium redis-no-password testdata/redis/redis-nobind.conf:1",
		}},
		{"testdata/redis/redis-acl-nopass.conf", []string{
			// The ACL line comes after requirepass and resets the default user to nopass.
			"high redis-no-password testdata/redis/redis-acl-nopass.conf:1",
			"medium redis-dangerous-commands testdata/redis/redis-acl-nopass.conf:1",
		}},
		{"testdata/mongodb/mongod.conf", []string{
			"critical mongodb-no-authorization testdata/mongodb/mongod.conf:6",
		}},
		{"testdata/mongodb/legacy", []string{
			"critical mongodb-no-authorization testdata/mongodb/legacy/mongodb.conf:2",
		}},
		{"testdata/elasticsearch/open", []string{
			"critical elasticsearch-security-disabled testdata/elasticsearch/open/elasticsearch.yml:3",
		}},
		{"testdata/elasticsearch/nested", []string{
			"high elasticsearch-security-disabled testdata/elasticsearch/nested/elasticsearch.yml:7",
		}},
		{"testdata/elasticsearch/unset", []string{
			"medium elasticsearch-security-unset testdata/elasticsearch/unset/elasticsearch.yml:1",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got := summary(run(t, tt.path).Findings)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("findings\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// TestModernClickHouseConfigs pins how configurations of 20.x–25.x are read, each as the
// server's source reads it (see testdata/clickhouse/modern/README.md).
func TestModernClickHouseConfigs(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		want []string
	}{
		// Users without an authentication element, or with two, are refused at load, never
		// open; SCRAM hashes and <auth_methods> authenticate; a no_password auth method is open.
		{"auth", []string{
			"critical clickhouse-user-no-password testdata/clickhouse/modern/auth/users.xml:25",
			"high clickhouse-user-networks-open testdata/clickhouse/modern/auth/users.xml:29",
			"low clickhouse-user-refused testdata/clickhouse/modern/auth/users.xml:32",
			"low clickhouse-user-refused testdata/clickhouse/modern/auth/users.xml:8",
		}},
		// An override with another root is refused by the server; the rest is still audited.
		{"root-mismatch", []string{
			"medium clickhouse-config-merge-refused testdata/clickhouse/modern/root-mismatch/config.d/10-keeper.xml:1",
			"medium clickhouse-listen-all-plaintext testdata/clickhouse/modern/root-mismatch/config.d/20-listen.xml:2",
			"medium clickhouse-passwordless-user-writable testdata/clickhouse/modern/root-mismatch/users.xml:8",
			"medium clickhouse-user-no-password testdata/clickhouse/modern/root-mismatch/users.xml:6",
		}},
		// A .conf override that does not start with "<" is YAML.
		{"conf-yaml", []string{
			"medium clickhouse-listen-all-plaintext testdata/clickhouse/modern/conf-yaml/config.d/listen.conf:2",
			"medium clickhouse-passwordless-user-writable testdata/clickhouse/modern/conf-yaml/users.xml:8",
			"medium clickhouse-user-no-password testdata/clickhouse/modern/conf-yaml/users.xml:6",
		}},
		// Neither users_config nor user_directories: users come from config.xml, and the
		// users.xml beside it is not live.
		{"no-users-config", []string{
			"critical clickhouse-user-no-password testdata/clickhouse/modern/no-users-config/config.xml:9",
			"high clickhouse-passwordless-user-writable testdata/clickhouse/modern/no-users-config/config.xml:11",
			"high clickhouse-user-networks-open testdata/clickhouse/modern/no-users-config/config.xml:10",
			"info clickhouse-users-file-unused testdata/clickhouse/modern/no-users-config/users.xml:0",
		}},
		// Users created with SQL, from the local access directory.
		{"sql-users", []string{
			"critical clickhouse-user-no-password testdata/clickhouse/modern/sql-users/access/8a1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d02.sql:1",
			"high clickhouse-passwordless-user-writable testdata/clickhouse/modern/sql-users/access/8a1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d02.sql:1",
			"high clickhouse-user-networks-open testdata/clickhouse/modern/sql-users/access/8a1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d02.sql:1",
			"low clickhouse-access-management testdata/clickhouse/modern/sql-users/users.xml:9",
			"medium clickhouse-plaintext-password testdata/clickhouse/modern/sql-users/access/c0ffee00-1234-4abc-9def-0123456789ab.sql:1",
		}},
	} {
		t.Run(tt.dir, func(t *testing.T) {
			r := run(t, "testdata/clickhouse/modern/"+tt.dir)
			if got := summary(r.Findings); !slices.Equal(got, tt.want) {
				t.Errorf("findings\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
			for _, f := range r.Findings {
				if strings.Contains(f.Evidence+f.Detail, "Hunter2-plain") {
					t.Errorf("plaintext password shown: %s", f.Evidence)
				}
			}
		})
	}
}

// TestHardenedVariants: configurations that follow the remediations produce nothing
// above low.
func TestHardenedVariants(t *testing.T) {
	for _, p := range []string{
		"testdata/clickhouse/hardened",
		"testdata/postgres/hardened",
		"testdata/redis/redis-hardened.conf",
		"testdata/mongodb/hardened",
		"testdata/mongodb/keyfile",
		"testdata/elasticsearch/hardened",
	} {
		t.Run(p, func(t *testing.T) {
			r := run(t, p)
			if len(r.Files) == 0 {
				t.Fatal("no file audited")
			}
			for _, f := range r.Findings {
				if f.Severity > finding.Low {
					t.Errorf("%s %s %s:%d: %s", f.Severity, f.Rule, f.File, f.Line, f.Detail)
				}
			}
		})
	}
}

// lineAt returns line n (1-based) of a file.
func lineAt(t *testing.T, path string, n int) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan(); i++ {
		if i == n {
			return sc.Text()
		}
	}
	t.Fatalf("%s has no line %d", path, n)
	return ""
}

// requireFiles skips when a Debian package's files are missing, unless CI is set: CI
// installs the packages, so there the test must run.
func requireFiles(t *testing.T, pkg string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI is set but %s is missing: install Debian's %s", p, pkg)
			}
			t.Skipf("%s missing: install Debian's %s to run this test", p, pkg)
		}
	}
}

// TestStockClickHouse audits the configuration Debian's clickhouse-server package
// installs: its default user has no password and accepts any address, and the audit must
// say so with the file and line that do it.
func TestStockClickHouse(t *testing.T) {
	const dir = "/etc/clickhouse-server"
	requireFiles(t, "clickhouse-server", dir+"/config.xml", dir+"/users.xml")
	r := run(t, dir)
	var noPass, nets *finding.Finding
	for i := range r.Findings {
		f := &r.Findings[i]
		if !strings.Contains(f.Detail, `user "default"`) {
			continue
		}
		switch f.Rule {
		case "clickhouse-user-no-password":
			noPass = f
		case "clickhouse-user-networks-open":
			nets = f
		}
	}
	if noPass == nil || nets == nil {
		t.Fatalf("stock users.xml: want the password-less default user and its open networks, got %v", summary(r.Findings))
	}
	if noPass.Severity != finding.Critical || noPass.File != dir+"/users.xml" {
		t.Errorf("no-password finding: %s in %s", noPass.Severity, noPass.File)
	}
	if l := lineAt(t, noPass.File, noPass.Line); !strings.Contains(l, "<password>") {
		t.Errorf("no-password finding points at line %d: %q", noPass.Line, l)
	}
	if l := lineAt(t, nets.File, nets.Line); !strings.Contains(l, "<ip>") || !strings.Contains(l, "/0") {
		t.Errorf("networks finding points at line %d: %q", nets.Line, l)
	}
	// The stock server listens on localhost only: no listen finding, and the details say so.
	for _, f := range r.Findings {
		if f.Rule == "clickhouse-listen-all-plaintext" {
			t.Errorf("stock config listens on localhost, but: %s:%d", f.File, f.Line)
		}
	}
	if !strings.Contains(noPass.Detail, "this host only") {
		t.Errorf("detail does not mention that the stock server listens locally: %s", noPass.Detail)
	}
	t.Logf("stock ClickHouse: %s", strings.Join(summary(r.Findings), "; "))
}

// TestStockPostgreSQL: PostgreSQL 15's Debian defaults listen on localhost with peer and
// scram-sha-256: nothing above low.
func TestStockPostgreSQL(t *testing.T) {
	dirs, _ := filepath.Glob("/etc/postgresql/*/main")
	if len(dirs) == 0 {
		requireFiles(t, "postgresql", "/etc/postgresql")
		t.Skip("no /etc/postgresql/*/main")
	}
	for _, d := range dirs {
		r := run(t, d)
		if !slices.ContainsFunc(r.Files, func(f string) bool { return strings.HasSuffix(f, "pg_hba.conf") }) {
			t.Errorf("%s: pg_hba.conf not audited (files %v)", d, r.Files)
		}
		for _, f := range r.Findings {
			if f.Severity > finding.Low {
				t.Errorf("%s: %s %s %s:%d", d, f.Severity, f.Rule, f.File, f.Line)
			}
		}
	}
}

// TestStockRedis: Debian's redis.conf binds to loopback with protected mode on.
func TestStockRedis(t *testing.T) {
	requireFiles(t, "redis-server", "/etc/redis/redis.conf")
	r := run(t, "/etc/redis/redis.conf")
	for _, f := range r.Findings {
		if f.Severity > finding.Low {
			t.Errorf("%s %s %s:%d", f.Severity, f.Rule, f.File, f.Line)
		}
	}
}

func TestPartialFragmentAuditedOnItsOwn(t *testing.T) {
	// A users.d file given alone: only what it sets is judged.
	r := run(t, "testdata/clickhouse/overrides/users.d/50-open-default.xml")
	got := summary(r.Findings)
	want := []string{
		"critical clickhouse-user-no-password testdata/clickhouse/overrides/users.d/50-open-default.xml:5",
		"high clickhouse-user-networks-open testdata/clickhouse/overrides/users.d/50-open-default.xml:7",
	}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// A fragment that empties a password but leaves networks to its base still counts.
	dir := filepath.Join(t.TempDir(), "users.d")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	frag := filepath.Join(dir, "open.xml")
	if err := os.WriteFile(frag, []byte("<clickhouse><users><default>\n<password></password>\n</default></users></clickhouse>\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = run(t, frag)
	if got := summary(r.Findings); len(got) != 1 || got[0] != "high clickhouse-user-no-password "+filepath.ToSlash(frag)+":2" {
		t.Errorf("fragment without networks: %q", got)
	}
}

// TestUnspecifiedNetwork: <ip>::</ip> reads like "any address" but is one address no
// client has; the user it guards cannot log in, and the entry is pointed out.
func TestUnspecifiedNetwork(t *testing.T) {
	p := filepath.Join(t.TempDir(), "users.xml")
	body := "<yandex><users><u>\n<password></password>\n<networks><ip>::</ip>\n<ip>0.0.0.0</ip></networks><profile>default</profile></u></users></yandex>\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	got := summary(run(t, p).Findings)
	f := filepath.ToSlash(p)
	want := []string{"info clickhouse-network-entry-matches-nothing " + f + ":3", "info clickhouse-network-entry-matches-nothing " + f + ":4"}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	// Nothing we know.
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), []string{dir}, Options{}); !errors.Is(err, ErrNothingToAudit) {
		t.Errorf("empty dir: %v", err)
	}
	// A missing path is an error result, not a panic.
	r, err := Run(context.Background(), []string{filepath.Join(dir, "missing")}, Options{})
	if err != nil || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "no such file") {
		t.Errorf("missing path: %v %v", r, err)
	}
	// Broken XML names its file and line.
	bad := filepath.Join(dir, "config.xml")
	if err := os.WriteFile(bad, []byte("<yandex>\n  <listen_host>::</listen_host>\n  <oops>\n</yandex>\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err = Run(context.Background(), []string{bad}, Options{})
	if err != nil || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "config.xml:4") {
		t.Errorf("broken XML: %v %v", r.Errors, err)
	}
	// Unreadable files named like configurations are errors with a hint.
	if os.Geteuid() != 0 {
		locked := filepath.Join(dir, "locked", "users.xml")
		if err := os.MkdirAll(filepath.Dir(locked), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(locked, []byte("<yandex/>"), 0o000); err != nil {
			t.Fatal(err)
		}
		r, err = Run(context.Background(), []string{filepath.Dir(locked)}, Options{})
		if err != nil || len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "permission denied") {
			t.Errorf("unreadable file: %v %v", r.Errors, err)
		}
	}
}

func TestSecretsRedacted(t *testing.T) {
	r := run(t, "testdata/clickhouse/overrides")
	for _, f := range r.Findings {
		for _, s := range []string{f.Detail, f.Evidence, f.Redacted, f.Value, f.Title} {
			if strings.Contains(s, "app-secret-1") {
				t.Errorf("%s shows the password: %q", f.Rule, s)
			}
		}
		if f.Rule == "clickhouse-plaintext-password" && (f.SHA256 != finding.Fingerprint("app-secret-1") || f.Redacted == "") {
			t.Errorf("plaintext password finding without fingerprint: %+v", f)
		}
	}
	r2, err := Run(context.Background(), []string{"testdata/clickhouse/overrides"}, Options{Reveal: true})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(r2.Findings, func(f finding.Finding) bool { return f.Value == "app-secret-1" }) {
		t.Error("--reveal does not show the password")
	}
}

// TestPGIncludeDir reads include_dir as PostgreSQL does, in postgresql.conf and in
// pg_hba.conf: the directory's *.conf files, not hidden ones, in name order (a later file
// overrides an earlier one); a missing directory is an error.
func TestPGIncludeDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("postgresql.conf", "port = 5432\ninclude_dir 'conf.d'\n")
	write("conf.d/20-listen.conf", "listen_addresses = '*'\n")
	write("conf.d/10-listen.conf", "listen_addresses = 'localhost'\nssl = on\n")
	write("conf.d/.30-hidden.conf", "ssl = off\n")
	write("conf.d/40-ignored.txt", "port = 1\n")
	settings, files, err := parsePGConf(filepath.Join(dir, "postgresql.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if settings["listen_addresses"].Value != "*" || settings["ssl"].Value != "on" || settings["port"].Value != "5432" {
		t.Errorf("settings %v", settings)
	}
	if len(files) != 3 || filepath.Base(files[1]) != "10-listen.conf" || filepath.Base(files[2]) != "20-listen.conf" {
		t.Errorf("files %v", files)
	}

	write("pg_hba.conf", "local all all peer\ninclude_dir hba.d\n")
	write("hba.d/b.conf", "host all all 0.0.0.0/0 trust\n")
	write("hba.d/a.conf", "host all all 10.0.0.0/8 scram-sha-256\n")
	write("hba.d/.c.conf", "host all all ::/0 trust\n")
	recs, _, err := parseHBA(filepath.Join(dir, "pg_hba.conf"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.Address+" "+r.Method)
	}
	if want := []string{" peer", "10.0.0.0/8 scram-sha-256", "0.0.0.0/0 trust"}; !slices.Equal(got, want) {
		t.Errorf("hba records %q, want %q", got, want)
	}

	write("broken.conf", "include_dir 'missing.d'\n")
	if _, _, err := parsePGConf(filepath.Join(dir, "broken.conf")); err == nil {
		t.Error("include_dir of a missing directory: no error")
	}
}

// An include that names a FIFO (or a path given as one) used to hang the audit for
// ever: opening a FIFO for reading waits for a writer. Each now ends in an error that
// names the file, and the other includes are still read.
func TestIncludeOfAFIFOIsAnError(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "trap.conf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	write := func(name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pg := write("postgresql.conf", "listen_addresses = '*'\ninclude_if_exists 'trap.conf'\nssl = on\n")
	redis := write("redis.conf", "bind 0.0.0.0\ninclude "+fifo+"\n")
	done := make(chan struct{})
	var r *Result
	var err error
	go func() {
		defer close(done)
		r, err = Run(context.Background(), []string{pg, redis, fifo}, Options{})
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		// Release the blocked open so that the test binary can end.
		if w, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
			w.Close()
		}
		t.Fatal("the audit hangs on a FIFO")
	}
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Error())
	}
	if len(msgs) == 0 || !strings.Contains(strings.Join(msgs, "\n"), "not a regular file") {
		t.Errorf("errors: %q", msgs)
	}
}
