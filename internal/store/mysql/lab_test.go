package mysql

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

// Tests against real MariaDB servers (Debian's mariadb-server 10.11) started by
// internal/lab on loopback.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func testOptions() *store.Options { return probetest.LabOptions(5, 600, 100_000) }

func near(got int64, want int) bool {
	return float64(got) >= 0.85*float64(want) && float64(got) <= 1.15*float64(want)
}

func TestOpenServer(t *testing.T) {
	m := labtest.MariaDBOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	t.Logf("full probe of the seeded open server: %v", d)
	svc := res.Service
	if svc.Protocol != Protocol || svc.Product != "mysql" || svc.TLS {
		t.Fatalf("service = %s %s tls=%v", svc.Protocol, svc.Product, svc.TLS)
	}
	if svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.User != "root" {
		t.Fatalf("auth=%s status=%s user=%s err=%s", svc.Auth, svc.Status, svc.User, svc.Error)
	}
	if svc.Version != m.Version || svc.Details["flavor"] != "mariadb" || svc.Details["auth_plugin"] == "" ||
		svc.Details["read_only_transaction"] != "true" || svc.Details["tls"] != "not offered" {
		t.Fatalf("version=%q (lab %q) details=%v", svc.Version, m.Version, svc.Details)
	}
	users := probetest.Dataset(svc, lab.SQLAppDatabase, "users")
	if users == nil || !near(users.Rows, lab.SeedUsersRows) || users.Bytes <= 0 || users.Engine != "InnoDB" || len(users.Columns) != 6 {
		t.Fatalf("users = %+v", users)
	}
	if users.TimeRange == nil || users.TimeRange.Column != "created" || users.TimeRange.Min != "2024-03-01" {
		t.Fatalf("users time range = %+v", users.TimeRange)
	}
	chat := probetest.Dataset(svc, lab.SQLAppDatabase, "chat_messages")
	if chat == nil || !near(chat.Rows, lab.SeedChatRows) || chat.TimeRange == nil || chat.TimeRange.Min != lab.SeedChatStart {
		t.Fatalf("chat_messages = %+v", chat)
	}
	if pay := probetest.Dataset(svc, lab.SQLBilling, "payments"); pay == nil || !near(pay.Rows, lab.SeedPaymentsRows) {
		t.Fatalf("billing.payments = %+v", pay)
	}
	if v := probetest.Dataset(svc, lab.SQLAppDatabase, "recent_chats"); v == nil || v.Kind != "view" || v.Sampled != 0 {
		t.Fatalf("recent_chats = %+v", v)
	}
	if ev := probetest.Dataset(svc, lab.SQLAnalyticsDatabase, "events"); ev == nil || !near(ev.Rows, lab.SeedEventsRows) ||
		ev.TimeRange == nil || ev.TimeRange.Min != "2025-01-06 00:00:00" {
		t.Fatalf("analytics.events = %+v", ev)
	}
	for _, ds := range svc.Datasets {
		if ds.Database == "mysql" || ds.Database == "information_schema" || ds.Database == "performance_schema" || ds.Database == "sys" {
			t.Fatalf("system table listed: %s.%s", ds.Database, ds.Table)
		}
	}

	cfg := probetest.Sample(res, lab.SQLAppDatabase, "app_config")
	if cfg == nil || len(cfg.Rows) != o.SampleRows || len(cfg.Columns) != 3 {
		t.Fatalf("app_config sample = %+v", cfg)
	}
	// Secrets in fields of their own are found by their column names.
	labtest.CheckFieldSecrets(t, res.Samples, lab.SeedFieldSecrets())
	secrets := lab.SeedSecrets()
	for _, r := range cfg.Rows {
		if want := secrets[r[0]]; want == "" || !strings.HasPrefix(want, r[1]) || r[1] == "" {
			t.Fatalf("app_config row %q does not hold the seeded value", r)
		}
	}
	if cs := probetest.Sample(res, lab.SQLAppDatabase, "chat_messages"); cs == nil || len(cs.Rows) != o.SampleRows {
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
			t.Fatalf("%s: %d bytes", s.Table, total)
		}
	}

	for _, rule := range []string{"mysql-file-privilege", "mysql-admin-privileges", "mysql-no-tls", "mysql-local-infile"} {
		if f := probetest.Finding(res.Findings, rule); f == nil || f.Remediation == "" {
			t.Errorf("no %s finding in %+v", rule, res.Findings)
		}
	}
	if f := probetest.Finding(res.Findings, "mysql-file-privilege"); f != nil && f.Severity != finding.Critical {
		t.Errorf("FILE with empty secure_file_priv: %v", f.Severity)
	}
	if probetest.Finding(res.Findings, "mysql-listen-all") != nil {
		t.Error("listen-all finding on a server bound to loopback")
	}
	for _, f := range res.Findings {
		if f.ID == "" || f.Host != m.Host || f.Port != m.Port || f.Remediation == "" || f.Category == "" {
			t.Fatalf("incomplete finding %+v", f)
		}
	}
}

func TestOpenServerLimits(t *testing.T) {
	m := labtest.MariaDBOpen(t)
	o := testOptions()
	o.MaxTables = 3
	o.SampleRows = 2
	o.MaxRowBytes = 40
	o.MaxSampleBytes = 60
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
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
}

func TestProtectedServer(t *testing.T) {
	m := labtest.MariaDBProtected(t)
	res, d := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), testOptions())
	t.Logf("probe of the protected server: %v", d)
	svc := res.Service
	if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 {
		t.Fatalf("auth=%s status=%s datasets=%d err=%s", svc.Auth, svc.Status, len(svc.Datasets), svc.Error)
	}
	if !svc.TLS || svc.Version != m.Version || svc.Details["flavor"] != "mariadb" {
		t.Fatalf("tls=%v version=%q details=%v", svc.TLS, svc.Version, svc.Details)
	}
	if probetest.Finding(res.Findings, "mysql-no-tls") != nil {
		t.Fatal("no-tls finding on a TLS server")
	}
}

func TestProtectedServerCredentials(t *testing.T) {
	m := labtest.MariaDBProtected(t)
	for _, tc := range []struct {
		user, pw string
		want     []string
		not      []string
	}{
		{"root", labtest.MyProtectedPassword, []string{"mysql-admin-privileges", "mysql-file-privilege"}, nil},
		{labtest.MyReaderUser, labtest.MyReaderPassword, nil, []string{"mysql-admin-privileges", "mysql-file-privilege", "mysql-write-access"}},
		{labtest.MyFilerUser, labtest.MyFilerPassword, []string{"mysql-file-privilege"}, []string{"mysql-admin-privileges"}},
	} {
		t.Run(tc.user, func(t *testing.T) {
			o := testOptions()
			o.NoDefaultCredentials = true
			o.Credentials = []store.Credential{{Store: "postgres", Username: tc.user, Password: "not for us"}, {Username: tc.user, Password: tc.pw}}
			res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
			svc := res.Service
			if svc.Auth != finding.AuthCredentials || svc.User != tc.user || !svc.TLS {
				t.Fatalf("auth=%s user=%s tls=%v err=%s", svc.Auth, svc.User, svc.TLS, svc.Error)
			}
			if probetest.Dataset(svc, lab.SQLAppDatabase, "users") == nil || probetest.Sample(res, lab.SQLAppDatabase, "app_config") == nil {
				t.Fatalf("no data read as %s: %+v", tc.user, svc.Datasets)
			}
			probetest.CheckRules(t, res.Findings, tc.want, tc.not, tc.user)
		})
	}
	// Wrong password, and an account that only logs in through the unix socket, stay
	// protected over TCP.
	for _, c := range []store.Credential{{Username: "root", Password: "wrong"}, {Username: labtest.MySocketUser}} {
		o := testOptions()
		o.NoDefaultCredentials = true
		o.Credentials = []store.Credential{c}
		res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
		if res.Service.Auth != finding.AuthRequired || len(res.Service.Datasets) != 0 {
			t.Fatalf("%s: auth %s err %s", c.Username, res.Service.Auth, res.Service.Error)
		}
	}
}

func TestDefaultPassword(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{RootPassword: "root"}, false)
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), testOptions())
	if res.Service.Auth != finding.AuthDefault || res.Service.User != "root" {
		t.Fatalf("auth=%s user=%s err=%s", res.Service.Auth, res.Service.User, res.Service.Error)
	}
}

// The per-query read cap must not cost a real wide table its sample: a sample of long
// texts in several columns (600 KB here) is larger than MaxResponseBytes (16 KiB here),
// and is still read, since its query bounds every cell; the catalog queries keep the
// usual cap.
func TestWideSampleWithinItsOwnBound(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{Users: labtest.MariaDBUsers}, false)
	stmts := []string{"CREATE DATABASE wide", "CREATE TABLE wide.docs (id INT PRIMARY KEY, a LONGTEXT, b LONGTEXT, c LONGTEXT, d LONGTEXT)"}
	for i := range 5 {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO wide.docs VALUES (%d, REPEAT('a', 30000), REPEAT('b', 30000), REPEAT('c', 30000), REPEAT('d', 30000))", i))
	}
	if err := m.Exec(t.Context(), stmts...); err != nil {
		t.Fatal(err)
	}
	o := probetest.LabOptions(5, 64<<10, 4<<20)
	o.MaxResponseBytes = 16 << 10
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	for _, d := range res.Service.Datasets {
		if d.Database == "wide" && d.Table == "docs" {
			if d.Sampled != 5 || d.Error != "" {
				t.Fatalf("wide.docs: sampled %d, error %q", d.Sampled, d.Error)
			}
			return
		}
	}
	t.Fatalf("no wide.docs in %+v", res.Service.Datasets)
}

// A sample query asks for no more than the endpoint's sample budget can still keep: a
// real table of 12 long texts (5 rows of 60,000 characters a cell: 3.6 MB) probed with
// a budget of 4 KiB reads far less than the table (before: the whole 3.6 MB, every
// cell cut at MaxRowBytes), and still samples it within the budget.
func TestSampleReadBoundedByBudget(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{Users: labtest.MariaDBUsers}, false)
	cols := make([]string, 12)
	vals := make([]string, 12)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d LONGTEXT", i)
		vals[i] = fmt.Sprintf("REPEAT('%c', 60000)", 'a'+i)
	}
	stmts := []string{"CREATE DATABASE wide", "CREATE TABLE wide.docs (id INT PRIMARY KEY, " + strings.Join(cols, ", ") + ")"}
	for i := range 5 {
		stmts = append(stmts, fmt.Sprintf("INSERT INTO wide.docs VALUES (%d, %s)", i, strings.Join(vals, ", ")))
	}
	if err := m.Exec(t.Context(), stmts...); err != nil {
		t.Fatal(err)
	}
	const budget = 4 << 10
	o := probetest.LabOptions(5, 64<<10, 1<<20)
	o.Samples = store.NewSampleBudget(budget)
	read := probetest.CountReads(o)
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	d := probetest.Dataset(res.Service, "wide", "docs")
	if d == nil || d.Sampled == 0 || d.Error != "" {
		t.Fatalf("wide.docs: %+v", d)
	}
	if got := probetest.SampleBytes(res); got > budget {
		t.Fatalf("sampled %d bytes with a budget of %d", got, budget)
	}
	t.Logf("read %d bytes from the server; the table holds %d", read.Load(), 5*12*60000)
	if read.Load() > 1<<20 {
		t.Fatalf("read %d bytes from the server to keep a sample of at most %d", read.Load(), budget)
	}
}

// A row longer than the row cap loses the end of its longest cell, not the cells after
// it: an api_key column beside a long text body is sampled whole.
func TestShortCellBesideLongOneSampled(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{}, false)
	const apiKey = "Hy7Uj2Ik9Ol4Pz6Xc1Vb8Nm3Qa5Ws0Ed"
	if err := m.Exec(t.Context(), "CREATE DATABASE helpdesk",
		"CREATE TABLE helpdesk.tickets (id INT PRIMARY KEY, body TEXT, api_key VARCHAR(64))",
		"INSERT INTO helpdesk.tickets VALUES (1, REPEAT('the printer on floor three jams again. ', 100), '"+apiKey+"')"); err != nil {
		t.Fatal(err)
	}
	o := testOptions()
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	labtest.CheckFound(t, res.Samples, apiKey)
}
