package postgres

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real PostgreSQL servers (Debian's postgresql 15) started by internal/lab
// on loopback.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func testOptions() *store.Options { return probetest.LabOptions(5, 600, 100_000) }

func TestOpenServer(t *testing.T) {
	pg := labtest.PostgresOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	t.Logf("full probe of the seeded open server: %v", d)
	svc := res.Service
	if svc.Protocol != Protocol || svc.Product != "postgres" || svc.TLS {
		t.Fatalf("service = %s %s tls=%v", svc.Protocol, svc.Product, svc.TLS)
	}
	if svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.User != "postgres" {
		t.Fatalf("auth=%s status=%s user=%s err=%s", svc.Auth, svc.Status, svc.User, svc.Error)
	}
	if svc.Version != pg.Version || svc.Details["auth_method"] != "trust" || svc.Details["ssl"] != "refused" ||
		svc.Details["superuser"] != "true" || svc.Details["read_only_session"] != "true" {
		t.Fatalf("version=%q details=%v", svc.Version, svc.Details)
	}

	users := probetest.Dataset(svc, lab.SQLAppDatabase, "public.users")
	if users == nil {
		t.Fatalf("no public.users in %+v", svc.Datasets)
	}
	if users.Rows != lab.SeedUsersRows || !users.RowsEstimated || users.Bytes <= 0 || users.Kind != "table" || len(users.Columns) != 6 {
		t.Fatalf("users = %+v", users)
	}
	if users.TimeRange == nil || users.TimeRange.Column != "created" || users.TimeRange.Min != "2024-03-01" {
		t.Fatalf("users time range = %+v", users.TimeRange)
	}
	chat := probetest.Dataset(svc, lab.SQLAppDatabase, "public.chat_messages")
	if chat == nil || chat.Rows != lab.SeedChatRows || chat.TimeRange == nil || !strings.HasPrefix(chat.TimeRange.Min, "2025-01-06 00:00:00") {
		t.Fatalf("chat_messages = %+v", chat)
	}
	// Never analysed: reltuples is -1, so the rows are counted.
	audit := probetest.Dataset(svc, lab.SQLAppDatabase, "public.audit_log")
	if audit == nil || audit.Rows != lab.SeedAuditRows || audit.RowsEstimated {
		t.Fatalf("audit_log = %+v", audit)
	}
	if pay := probetest.Dataset(svc, lab.SQLAppDatabase, lab.SQLBilling+".payments"); pay == nil || pay.Rows != lab.SeedPaymentsRows {
		t.Fatalf("billing.payments = %+v", pay)
	}
	if v := probetest.Dataset(svc, lab.SQLAppDatabase, "public.recent_chats"); v == nil || v.Kind != "view" || v.Sampled != 0 {
		t.Fatalf("recent_chats = %+v", v)
	}
	ev := probetest.Dataset(svc, lab.SQLAnalyticsDatabase, "public.events")
	if ev == nil || ev.Rows != lab.SeedEventsRows || ev.TimeRange == nil || ev.TimeRange.Min != "2025-01-06 00:00:00" {
		t.Fatalf("analytics events = %+v", ev)
	}
	for _, ds := range svc.Datasets {
		if strings.HasPrefix(ds.Table, "pg_catalog.") || strings.HasPrefix(ds.Table, "information_schema.") {
			t.Fatalf("catalog listed: %s", ds.Table)
		}
	}

	// Samples: capped, and holding the planted secrets.
	cfg := probetest.Sample(res, lab.SQLAppDatabase, "public.app_config")
	if cfg == nil || len(cfg.Rows) != o.SampleRows || len(cfg.Columns) != 3 {
		t.Fatalf("app_config sample = %+v", cfg)
	}
	secrets := lab.SeedSecrets()
	if cfg.Rows[0][1] != secrets[cfg.Rows[0][0]] && !strings.HasPrefix(secrets[cfg.Rows[0][0]], cfg.Rows[0][1]) {
		t.Fatalf("app_config row %q does not hold the seeded value", cfg.Rows[0])
	}
	// Secrets in fields of their own are found by their column names.
	labtest.CheckFieldSecrets(t, res.Samples, lab.SeedFieldSecrets())
	cs := probetest.Sample(res, lab.SQLAppDatabase, "public.chat_messages")
	if cs == nil || len(cs.Rows) != o.SampleRows {
		t.Fatalf("chat sample = %+v", cs)
	}
	for _, s := range res.Samples {
		total := 0
		for _, r := range s.Rows {
			n := 0
			for _, c := range r {
				n += len(c)
			}
			if n > o.MaxRowBytes {
				t.Fatalf("%s: row of %d bytes, cap %d", s.Table, n, o.MaxRowBytes)
			}
			total += n
		}
		if total > o.MaxSampleBytes {
			t.Fatalf("%s: %d bytes, cap %d", s.Table, total, o.MaxSampleBytes)
		}
	}

	if f := probetest.Finding(res.Findings, "postgres-superuser"); f == nil || f.Severity != finding.Critical || f.Remediation == "" {
		t.Fatalf("no superuser finding in %+v", res.Findings)
	}
	if probetest.Finding(res.Findings, "postgres-no-tls") == nil {
		t.Fatal("no finding for a server that refuses TLS")
	}
	if probetest.Finding(res.Findings, "postgres-known-vulnerabilities") != nil && pg.Version >= "15.18" {
		t.Fatalf("CVE finding on %s: %+v", pg.Version, probetest.Finding(res.Findings, "postgres-known-vulnerabilities"))
	}
	for _, f := range res.Findings {
		if f.ID == "" || f.Host != pg.Host || f.Port != pg.Port || f.Remediation == "" || f.Category == "" {
			t.Fatalf("incomplete finding %+v", f)
		}
	}
}

func TestOpenServerLimits(t *testing.T) {
	pg := labtest.PostgresOpen(t)
	o := testOptions()
	o.MaxTables = 3
	o.MaxDatabases = 2 // analytics (one table), then appdb
	o.SampleRows = 2
	o.MaxRowBytes = 40
	o.MaxSampleBytes = 60
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	if len(res.Service.Datasets) != 3 || !res.Service.Truncated {
		t.Fatalf("%d datasets, truncated=%v", len(res.Service.Datasets), res.Service.Truncated)
	}
	for _, s := range res.Samples {
		total := 0
		for _, r := range s.Rows {
			for _, c := range r {
				total += len(c)
			}
		}
		if len(s.Rows) > 2 || total > 60 {
			t.Fatalf("%s: %d rows, %d bytes", s.Table, len(s.Rows), total)
		}
	}
	// No sampling at all.
	o = testOptions()
	o.SampleRows = 0
	res, _ = probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	if len(res.Samples) != 0 || len(res.Service.Datasets) == 0 {
		t.Fatalf("samples %d datasets %d", len(res.Samples), len(res.Service.Datasets))
	}
}

func TestProtectedServer(t *testing.T) {
	pg := labtest.PostgresProtected(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	t.Logf("probe of the protected server: %v", d)
	svc := res.Service
	if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 {
		t.Fatalf("auth=%s status=%s datasets=%d err=%s", svc.Auth, svc.Status, len(svc.Datasets), svc.Error)
	}
	if !svc.TLS || svc.Details["ssl"] != "offered" || svc.Details["auth_method"] != "scram-sha-256" || svc.Details["version_hint"] == "" {
		t.Fatalf("tls=%v details=%v", svc.TLS, svc.Details)
	}
	if probetest.Finding(res.Findings, "postgres-no-tls") != nil || probetest.Finding(res.Findings, "postgres-superuser") != nil {
		t.Fatalf("findings %+v", res.Findings)
	}
}

func TestProtectedServerCredentials(t *testing.T) {
	pg := labtest.PostgresProtected(t)
	for _, tc := range []struct {
		user, pw string
		want     []string // rules expected
		not      []string
	}{
		{"postgres", labtest.PGProtectedPassword, []string{"postgres-superuser"}, []string{"postgres-write-access"}},
		{labtest.PGReaderUser, labtest.PGReaderPassword, nil, []string{"postgres-superuser", "postgres-write-access", "postgres-execute-server-program"}},
		{labtest.PGFilesUser, labtest.PGFilesPassword, []string{"postgres-execute-server-program", "postgres-server-files"}, []string{"postgres-superuser"}},
	} {
		t.Run(tc.user, func(t *testing.T) {
			o := testOptions()
			o.NoDefaultCredentials = true
			o.Credentials = []store.Credential{{Store: "mysql", Username: tc.user, Password: "not for us"}, {Username: tc.user, Password: tc.pw}}
			res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
			svc := res.Service
			if svc.Auth != finding.AuthCredentials || svc.User != tc.user || !svc.TLS {
				t.Fatalf("auth=%s user=%s tls=%v err=%s", svc.Auth, svc.User, svc.TLS, svc.Error)
			}
			if probetest.Dataset(svc, lab.SQLAppDatabase, "public.users") == nil || probetest.Sample(res, lab.SQLAppDatabase, "public.app_config") == nil {
				t.Fatalf("no data read as %s: %+v", tc.user, svc.Datasets)
			}
			probetest.CheckRules(t, res.Findings, tc.want, tc.not, tc.user)
		})
	}
	// A wrong password stays protected.
	o := testOptions()
	o.Credentials = []store.Credential{{Username: "postgres", Password: "wrong"}}
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	if res.Service.Auth != finding.AuthRequired {
		t.Fatalf("wrong password: auth %s", res.Service.Auth)
	}
}

// A server with a default password, md5 everywhere and a trust line for a network:
// the configuration findings a superuser session can see.
func TestDefaultPassword(t *testing.T) {
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{Password: "postgres", AuthMethod: "md5",
		ExtraConf: []string{"password_encryption = md5"}, ExtraHBA: []string{"host all all 10.0.0.0/8 trust"}}, false)
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), testOptions())
	if res.Service.Auth != finding.AuthDefault || res.Service.User != "postgres" {
		t.Fatalf("auth=%s user=%s err=%s", res.Service.Auth, res.Service.User, res.Service.Error)
	}
	for _, rule := range []string{"postgres-md5-auth", "postgres-md5-passwords", "postgres-hba-trust", "postgres-superuser"} {
		if probetest.Finding(res.Findings, rule) == nil {
			t.Errorf("no %s finding", rule)
		}
	}
	if f := probetest.Finding(res.Findings, "postgres-hba-trust"); f != nil && !strings.Contains(f.Evidence, "10.0.0.0") {
		t.Errorf("hba evidence %q", f.Evidence)
	}
	if f := probetest.Finding(res.Findings, "postgres-md5-passwords"); f != nil && !strings.Contains(f.Evidence, "1 role(s) with md5") {
		t.Errorf("md5 evidence %q", f.Evidence)
	}
	if probetest.Finding(res.Findings, "postgres-trust-listen-all") != nil {
		t.Error("listen-all finding on a server bound to loopback")
	}
	o := testOptions()
	o.NoDefaultCredentials = true
	res, _ = probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	if res.Service.Auth != finding.AuthRequired {
		t.Fatalf("without defaults: auth=%s", res.Service.Auth)
	}
}

// A sample query asks for no more than the endpoint's sample budget can still keep: a
// real table of 12 long texts (5 rows of 60,000 characters a cell: 3.6 MB) probed with
// a budget of 4 KiB reads far less than the table (before: the whole 3.6 MB, every
// cell cut at MaxRowBytes, and every row held uncut until the sample was taken), and
// still samples it within the budget.
func TestSampleReadBoundedByBudget(t *testing.T) {
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	cols := make([]string, 12)
	vals := make([]string, 12)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d text", i)
		vals[i] = fmt.Sprintf("repeat('%c', 60000)", 'a'+i)
	}
	sql := "CREATE TABLE docs (id int PRIMARY KEY, " + strings.Join(cols, ", ") + ");"
	for i := range 5 {
		sql += fmt.Sprintf("INSERT INTO docs VALUES (%d, %s);", i, strings.Join(vals, ", "))
	}
	if err := pg.Exec(t.Context(), "postgres", sql+"ANALYZE docs;"); err != nil {
		t.Fatal(err)
	}
	const budget = 4 << 10
	o := probetest.LabOptions(5, 64<<10, 1<<20)
	o.Samples = store.NewSampleBudget(budget)
	read := probetest.CountReads(o)
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	d := probetest.Dataset(res.Service, "postgres", "public.docs")
	if d == nil {
		for _, ds := range res.Service.Datasets {
			t.Logf("dataset %q.%q", ds.Database, ds.Table)
		}
		t.Fatalf("no docs dataset (error %q)", res.Service.Error)
	}
	if d.Sampled == 0 || d.Error != "" {
		t.Fatalf("docs: %+v", d)
	}
	if got := probetest.SampleBytes(res); got > budget {
		t.Fatalf("sampled %d bytes with a budget of %d", got, budget)
	}
	t.Logf("read %d bytes from the server; the table holds %d", read.Load(), 5*12*60000)
	if read.Load() > 1<<20 {
		t.Fatalf("read %d bytes from the server to keep a sample of at most %d", read.Load(), budget)
	}
}

// Secrets in typed columns are read as the values they hold: bytea as its bytes (not
// the "\x…" hex that ::text writes) and arrays element by element under the column's
// name (not as one "{a,b}" literal).
func TestTypedColumnsSampled(t *testing.T) {
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	const (
		key1   = "Tq4wZr8KbN2vXc6PmL0sHd3Jf7Gy9Ae5"
		key2   = "Wn2Vb7Rk5Xq8Lz3Mc9Pd4Ht6Jf1Gs0Ya"
		signer = "Hx8Pq2Lm6Wv4Zt9Rc3Nb7Ks5Dj1Fg0Yu"
		passwd = "Copper-Falcon-42-lantern"
	)
	sql := `CREATE TABLE integrations (id int PRIMARY KEY, label text, api_keys text[], signing_key bytea,
		admin_passwords varchar(64)[]);
		INSERT INTO integrations VALUES (1, 'billing', ARRAY['` + key1 + `', '` + key2 + `'],
		convert_to('` + signer + `', 'UTF8'), '{"` + passwd + `"}');`
	if err := pg.Exec(t.Context(), "postgres", sql); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), testOptions())
	labtest.CheckFound(t, res.Samples, key1, key2, signer, passwd)
}

// A composite type's cell is read as an object of its fields: its text form "(a,b)"
// gives them no names. An hstore is read as an object of its keys (its "k"=>"v" text
// was read already; the check keeps it so).
func TestCompositeAndHstoreSampled(t *testing.T) {
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	const (
		rowPass   = "Birch-Otter-5831-quarry"
		storePass = "Kettle!Marsh7093-lumen"
	)
	sql := `CREATE EXTENSION IF NOT EXISTS hstore;
		CREATE TYPE login_pair AS (username text, passwd text);
		CREATE TABLE relays (id int PRIMARY KEY, login login_pair, opts hstore);
		INSERT INTO relays VALUES (1, ROW('relay-ops', '` + rowPass + `'),
		'region=>north, smtp_password=>"` + storePass + `"');`
	if err := pg.Exec(t.Context(), "postgres", sql); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), testOptions())
	labtest.CheckFound(t, res.Samples, rowPass, storePass)
}

// A row longer than the row cap loses the end of its longest cell, not the cells after
// it: an api_key column beside a long text body is sampled whole.
func TestShortCellBesideLongOneSampled(t *testing.T) {
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	const apiKey = "Rf6Tg1Yh8Uj3Ik5Ol0Pz2Xc7Vb4Nm9Qa"
	sql := `CREATE TABLE tickets (id int PRIMARY KEY, body text, api_key text);
		INSERT INTO tickets VALUES (1, repeat('the printer on floor three jams again. ', 100), '` + apiKey + `');`
	if err := pg.Exec(t.Context(), "postgres", sql); err != nil {
		t.Fatal(err)
	}
	o := testOptions()
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	labtest.CheckFound(t, res.Samples, apiKey)
	for _, s := range res.Samples {
		for _, row := range s.Rows {
			if n := len(strings.Join(row, "")); n > o.MaxRowBytes {
				t.Fatalf("%s: a row of %d bytes, cap %d", s.Table, n, o.MaxRowBytes)
			}
		}
	}
}
