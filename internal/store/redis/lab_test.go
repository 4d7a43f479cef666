package redis

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real Redis servers (Debian's redis-server) started by internal/lab on
// loopback and seeded by lab.RedisSeedCommands.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func testOptions() *store.Options { return probetest.LabOptions(10, 4096, 64<<10) }

func TestOpenServer(t *testing.T) {
	r := labtest.RedisOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(r.Host, r.Port), o)
	t.Logf("full probe of the seeded open server: %v", d)
	svc := res.Service
	if svc.Product != "redis" || svc.Protocol != Proto || svc.TLS {
		t.Fatalf("service %+v", svc)
	}
	if svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.User != "default" {
		t.Fatalf("auth=%s status=%s user=%q err=%q", svc.Auth, svc.Status, svc.User, svc.Error)
	}
	if svc.Version != r.Version || svc.Details["redis_mode"] != "standalone" || svc.Details["flavor"] != "redis" {
		t.Fatalf("version %q details %v", svc.Version, svc.Details)
	}
	// Datasets: the seeded databases with their exact key counts.
	got := map[string]finding.Dataset{}
	for _, ds := range svc.Datasets {
		got[ds.Table] = ds
	}
	for db, keys := range lab.RedisSeedKeys {
		name := "db" + string(rune('0'+db))
		if ds, ok := got[name]; !ok || ds.Rows != keys || ds.Kind != "keyspace" {
			t.Fatalf("%s = %+v, want %d keys (datasets %+v)", name, ds, keys, svc.Datasets)
		}
	}
	if len(got) != len(lab.RedisSeedKeys) {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	if svc.Details["db1_expires"] != "200" {
		t.Fatalf("details %v", svc.Details)
	}

	// Secrets in fields of their own — hash fields, a nested document path — are found
	// by their names.
	labtest.CheckFieldSecrets(t, res.Samples, lab.RedisFieldSecrets())

	// Samples: db0's interesting keys come first, by type, within the caps.
	s0 := probetest.SampleOf(res, "db0")
	if s0 == nil || s0.Columns[0] != KeyColumn {
		t.Fatalf("db0 sample %+v", s0)
	}
	if len(s0.Columns)-1 != o.SampleRows {
		t.Fatalf("db0 sample has %d keys, want %d: %q", len(s0.Columns)-1, o.SampleRows, s0.Columns)
	}
	// One key of each family, the interesting families first: the 3,000 cache
	// entries get one column.
	families := map[string]bool{}
	for _, c := range s0.Columns[1:] {
		families[probekit.Family(c)] = true
	}
	if len(families) != o.SampleRows || !families["cache:page:#"] || s0.Columns[1] != "config:app" {
		t.Fatalf("sampled keys %q", s0.Columns)
	}
	total := 0
	for _, row := range s0.Rows {
		for _, cell := range row {
			total += len(cell)
		}
	}
	if total > o.MaxSampleBytes {
		t.Fatalf("db0 sample of %d bytes, cap %d", total, o.MaxSampleBytes)
	}
	if cfg := probetest.Column(s0, "config:app"); len(cfg) != 1 || !strings.Contains(cfg[0], "aws_secret_access_key") {
		t.Fatalf("config:app = %q", cfg)
	}
	var user, chat []string
	for _, c := range s0.Columns {
		switch {
		case strings.HasPrefix(c, "chat:history:"):
			chat = probetest.Column(s0, c)
		case strings.HasPrefix(c, "user:"):
			user = probetest.Column(s0, c)
		}
	}
	// A hash is one record: its fields one object in one cell.
	if len(user) != 1 || !strings.HasPrefix(user[0], `{"`) || !strings.Contains(user[0], `"email":"`) || strings.Count(user[0], `":"`) < 4 {
		t.Fatalf("user hash = %q", user)
	}
	if len(chat) != 3 || !strings.Contains(chat[1], `"role":"user"`) {
		t.Fatalf("chat history = %q", chat)
	}
	s3 := probetest.SampleOf(res, "db3")
	if s3 == nil || len(probetest.Column(s3, "tls:server_key")) != 1 || !strings.Contains(strings.Join(probetest.Column(s3, "deploy:github"), ""), "ghp_") {
		t.Fatalf("db3 sample %+v", s3)
	}

	// Capabilities of an open, unsafe Redis 7.
	for _, rule := range []string{"redis-config-write-files", "redis-module-load"} {
		if f := probetest.Finding(res.Findings, rule); f == nil || f.Severity != finding.Critical || f.Category != finding.Capability {
			t.Fatalf("%s = %+v in %+v", rule, f, res.Findings)
		}
	}
	if f := probetest.Finding(res.Findings, "redis-replicaof"); f == nil || f.Severity != finding.High {
		t.Fatalf("replicaof = %+v", f)
	}
	if f := probetest.Finding(res.Findings, "redis-protected-mode-off"); f == nil || f.Evidence != "protected-mode=no" {
		t.Fatalf("protected mode = %+v", f)
	}
	cv := probetest.Finding(res.Findings, "redis-known-vulnerabilities")
	if cv == nil || !strings.Contains(cv.Detail, "CVE-2025-49844") || strings.Contains(cv.Detail, "CVE-2023-41056") {
		t.Fatalf("CVE finding = %+v", cv)
	}
	for _, f := range res.Findings {
		if f.ID == "" || f.Host != r.Host || f.Port != r.Port || f.Remediation == "" || f.Title == "" {
			t.Fatalf("incomplete finding %+v", f)
		}
	}
}

func TestProtectedServer(t *testing.T) {
	r := labtest.RedisProtected(t)
	ep := probetest.At(r.Host, r.Port)

	// No credentials that work: protected, nothing listed, no capability findings.
	res, _ := probetest.Probe(t, New(), ep, testOptions())
	svc := res.Service
	if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 {
		t.Fatalf("protected server: auth=%s status=%s datasets=%d err=%q", svc.Auth, svc.Status, len(svc.Datasets), svc.Error)
	}
	if svc.Version != "" || len(res.Findings) != 0 {
		t.Fatalf("learned too much without a password: version %q findings %+v", svc.Version, res.Findings)
	}

	// The default user's password, given by the user.
	o := testOptions()
	o.Credentials = []store.Credential{{Store: "clickhouse", Username: "x", Password: "not-for-redis"}, {Password: labtest.RedisPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != "default" || len(svc.Datasets) != 3 || svc.Version != r.Version {
		t.Fatalf("with requirepass: auth=%s user=%q datasets=%+v err=%q", svc.Auth, svc.User, svc.Datasets, svc.Error)
	}
	if f := probetest.Finding(res.Findings, "redis-config-set"); f == nil || f.Severity != finding.Medium {
		// Redis 7 defaults protect dir and dbfilename: CONFIG SET is still there.
		t.Fatalf("config-set = %+v in %+v", f, res.Findings)
	}
	if probetest.Finding(res.Findings, "redis-config-write-files") != nil || probetest.Finding(res.Findings, "redis-module-load") != nil {
		t.Fatalf("protected configs ignored: %+v", res.Findings)
	}
	if f := probetest.Finding(res.Findings, "redis-replicaof"); f == nil || f.Severity != finding.High {
		t.Fatalf("replicaof with user credentials = %+v", f)
	}

	// A read-only ACL user: inventory and samples, no admin capability, rules unknown.
	o = testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Store: "redis", Username: labtest.RedisReaderUser, Password: labtest.RedisReaderPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != labtest.RedisReaderUser || len(svc.Datasets) != 3 || len(res.Samples) != 3 {
		t.Fatalf("reader: auth=%s user=%q datasets=%d samples=%d err=%q", svc.Auth, svc.User, len(svc.Datasets), len(res.Samples), svc.Error)
	}
	for _, f := range res.Findings {
		if f.Category == finding.Capability {
			t.Fatalf("reader got capability %+v", f)
		}
	}
	if svc.Details["acl"] != "rules not readable by this user" {
		t.Fatalf("details %v", svc.Details)
	}

	// The admin user reads its own rules: +@all.
	o.Credentials = []store.Credential{{Username: labtest.RedisAdminUser, Password: labtest.RedisAdminPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	if res.Service.Details["acl_rules"] != "+@all" || probetest.Finding(res.Findings, "redis-config-set") == nil {
		t.Fatalf("admin: details %v findings %+v", res.Service.Details, res.Findings)
	}
}

func TestDefaultPassword(t *testing.T) {
	r := labtest.RedisFresh(t, lab.RedisConfig{Password: "foobared"}, false)
	res, _ := probetest.Probe(t, New(), probetest.At(r.Host, r.Port), testOptions())
	if res.Service.Auth != finding.AuthDefault || res.Service.User != "default" {
		t.Fatalf("auth=%s user=%q err=%q", res.Service.Auth, res.Service.User, res.Service.Error)
	}
	o := testOptions()
	o.NoDefaultCredentials = true
	res, _ = probetest.Probe(t, New(), probetest.At(r.Host, r.Port), o)
	if res.Service.Auth != finding.AuthRequired {
		t.Fatalf("without defaults: auth=%s", res.Service.Auth)
	}
}

// A TLS-only Redis (tls-port): the plain PING is refused by closing, and the prober
// retries with TLS.
func TestTLSServer(t *testing.T) {
	r := labtest.RedisFresh(t, lab.RedisConfig{TLS: true}, false)
	res, d := probetest.Probe(t, New(), probetest.At(r.Host, r.Port), testOptions())
	if !res.Service.TLS || res.Service.Auth != finding.AuthNone || res.Service.Version != r.Version {
		t.Fatalf("service %+v", res.Service)
	}
	t.Logf("TLS probe: %v", d)
}

// Key-value probers charge the endpoint's sample budget too: a real Redis with 16
// databases of 40 keys of 8 KiB (about 2.5 MiB sampled without a budget) is scanned
// with a budget of 64 KiB; every database is still listed with its key count.
func TestSampleBudgetBoundsKeyspaces(t *testing.T) {
	r, c := freshAdmin(t)
	ctx := t.Context()
	const dbs, keys = 16, 40
	value := strings.Repeat("flood filler, nothing secret. ", 8<<10/30)
	for db := range dbs {
		cmds := [][]string{{"SELECT", strconv.Itoa(db)}}
		for k := range keys {
			cmds = append(cmds, []string{"SET", fmt.Sprintf("flood:%d:%d", db, k), value})
		}
		if err := c.Pipeline(ctx, cmds); err != nil {
			t.Fatal(err)
		}
	}
	res := probetest.CheckSampleBudget(t, New(), probetest.At(r.Host, r.Port), 64<<10, nil)
	if len(res.Service.Datasets) != dbs {
		t.Fatalf("%d keyspaces listed, want %d", len(res.Service.Datasets), dbs)
	}
	for _, ds := range res.Service.Datasets {
		if ds.Rows != keys {
			t.Fatalf("%s counted %d keys, want %d", ds.Table, ds.Rows, keys)
		}
	}
}

// Credentials kept in Redis's collections are found under the key that holds them: a
// set or list of tokens named in the plural, a sorted set of secrets, a stream entry's
// field.
func TestCollectionsOfCredentials(t *testing.T) {
	r, c := freshAdmin(t)
	ctx := t.Context()
	const (
		k1 = "Hb4Nm8Qx2Wz6Lr0Tc5Vp9Jd3Fs7Gk1Ya"
		k2 = "Zq7Wx1Er5Ty9Ui3Op8As2Df6Gh0Jk4Lm"
		k3 = "Vc2Bn6Mq0Wl4Ek8Rt3Yu7Io1Pa5Sd9Fg"
		k4 = "Lp9Ko3Ji7Hu1Gy5Ft0Dr4Se8Wa2Qz6Xc"
	)
	if err := c.Pipeline(ctx, [][]string{
		{"SADD", "billing:api_keys", k1},
		{"RPUSH", "deploy:tokens", k2, "n/a"},
		{"ZADD", "rotation:signing_secrets", "1", k3},
		{"XADD", "integrations:events", "*", "service", "crm", "api_key", k4},
	}); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(r.Host, r.Port), testOptions())
	labtest.CheckFound(t, res.Samples, k1, k2, k3, k4)
}

// freshAdmin starts a Redis of the test's own and opens an admin connection to it,
// closed when the test ends.
func freshAdmin(t *testing.T) (*lab.Redis, *lab.RespConn) {
	t.Helper()
	r := labtest.RedisFresh(t, lab.RedisConfig{}, false)
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	c, err := r.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return r, c
}

// A hash is one record: its fields are read together, like a row's columns, and all of
// them, not sample-rows of them. Hex under a field whose name alone says little (x_key)
// is a secret beside an api_key of the same hash; a password after a dozen settings is
// read.
func TestHashReadAsOneRecord(t *testing.T) {
	r, c := freshAdmin(t)
	ctx := t.Context()
	const (
		hexKey = "5e0b9c2d7a4f18e36b0d5c9a2f7e4b1d8c3a6f0e9b2d5c7a"
		apiKey = "Gt8Hy3Ju6Ki1Lo9Pz4Xc7Vb2Nm5Qa0Ws"
		smtpPw = "Harbor#Quill-7341!fern"
	)
	settings := []string{"HSET", "settings:mail"}
	for i := range 14 {
		settings = append(settings, fmt.Sprintf("opt_%02d", i), "on")
	}
	settings = append(settings, "smtp_password", smtpPw)
	if err := c.Pipeline(ctx, [][]string{
		{"HSET", "partner:acme", "x_key", hexKey, "api_key", apiKey, "region", "eu-west"},
		settings,
	}); err != nil {
		t.Fatal(err)
	}
	o := testOptions()
	res, _ := probetest.Probe(t, New(), probetest.At(r.Host, r.Port), o)
	labtest.CheckFound(t, res.Samples, hexKey, apiKey, smtpPw)
	s := probetest.SampleOf(res, "db0")
	if s == nil {
		t.Fatal("no db0 sample")
	}
	if col := probetest.Column(s, "settings:mail"); len(col) != 1 || !strings.HasSuffix(col[0], `"smtp_password":"`+smtpPw+`"}`) {
		t.Fatalf("settings:mail = %q", col)
	}
}
