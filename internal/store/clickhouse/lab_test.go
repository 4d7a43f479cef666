package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real ClickHouse servers (Debian's clickhouse-server 18.16) started by
// internal/lab on loopback.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func endpoint(t testing.TB, host string, port int) store.Endpoint {
	t.Helper()
	return store.Endpoint{Addr: netip.MustParseAddr(host), Port: port}
}

func testOptions() *store.Options {
	o := probetest.LabOptions(5, 600, 100_000)
	o.IOTimeout = 10 * time.Second
	return o
}

func TestOpenServerHTTP(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), o)
	t.Logf("full probe of the seeded open server over HTTP: %v", d)
	svc := res.Service
	if svc.Protocol != ProtoHTTP || svc.TLS || svc.Product != "clickhouse" {
		t.Fatalf("service = %s tls=%v product=%s", svc.Protocol, svc.TLS, svc.Product)
	}
	if svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.User != "default" {
		t.Fatalf("auth=%s status=%s user=%s", svc.Auth, svc.Status, svc.User)
	}
	if svc.Version != ch.Version || !strings.HasSuffix(svc.Details["timezone"], "UTC") || svc.Details["display_name"] != "lab-open" {
		t.Fatalf("version=%q details=%v", svc.Version, svc.Details)
	}
	ls := probetest.Dataset(svc, lab.IncidentDatabase, lab.IncidentTable)
	if ls == nil {
		t.Fatalf("no log_stream in %+v", svc.Datasets)
	}
	if ls.Rows <= 1_050_000 || ls.Rows != lab.IncidentRows || ls.Bytes <= 0 || ls.Engine != "MergeTree" {
		t.Fatalf("log_stream rows=%d bytes=%d engine=%s", ls.Rows, ls.Bytes, ls.Engine)
	}
	if ls.TimeRange == nil || ls.TimeRange.Column != "timestamp" || ls.TimeRange.Min != lab.IncidentStart ||
		!strings.HasPrefix(ls.TimeRange.Max, "2025-05-") {
		t.Fatalf("time range = %+v", ls.TimeRange)
	}
	var gotCol bool
	for _, c := range ls.Columns {
		gotCol = gotCol || (c.Name == "string_tags" && c.Type == "String")
	}
	if !gotCol || len(ls.Columns) != 9 {
		t.Fatalf("columns = %+v", ls.Columns)
	}
	if ls.Sampled != o.SampleRows {
		t.Fatalf("sampled %d rows, want %d", ls.Sampled, o.SampleRows)
	}
	// Non-MergeTree tables are counted; views are listed but never read.
	if cfg := probetest.Dataset(svc, "default", "app_config"); cfg == nil || cfg.Rows != 12 || cfg.Engine != "TinyLog" || cfg.TimeRange == nil {
		t.Fatalf("app_config = %+v", cfg)
	}
	if v := probetest.Dataset(svc, "default", "recent_errors"); v == nil || v.Kind != "view" || v.Sampled != 0 || v.Rows != 0 {
		t.Fatalf("recent_errors = %+v", v)
	}
	if ev := probetest.Dataset(svc, lab.SecondDatabase, "events"); ev == nil || ev.Rows != 200000 || ev.TimeRange == nil || ev.TimeRange.Min != "2025-01-06" {
		t.Fatalf("analytics.events = %+v", ev)
	}
	for _, ds := range svc.Datasets {
		if ds.Database == "system" {
			t.Fatalf("system table listed: %s", ds.Table)
		}
	}

	// Samples: capped per row and per table, cells as text.
	var smp *store.Sample
	for i := range res.Samples {
		if res.Samples[i].Table == lab.IncidentTable {
			smp = &res.Samples[i]
		}
	}
	if smp == nil || len(smp.Rows) != o.SampleRows || len(smp.Columns) != 9 {
		t.Fatalf("log_stream sample = %+v", smp)
	}
	total := 0
	sawKey := false
	for _, row := range smp.Rows {
		n := 0
		for _, c := range row {
			n += len(c)
			sawKey = sawKey || strings.Contains(c, `"messages":[{"role":"system"`)
		}
		if n > o.MaxRowBytes {
			t.Fatalf("row of %d bytes, cap %d", n, o.MaxRowBytes)
		}
		total += n
	}
	if total > o.MaxSampleBytes {
		t.Fatalf("sample of %d bytes, cap %d", total, o.MaxSampleBytes)
	}
	if !sawKey {
		t.Fatalf("sample holds no chat transcript: %q", smp.Rows[0])
	}

	// Capabilities of an open default user on 18.16.
	if f := probetest.Finding(res.Findings, "clickhouse-write-access"); f == nil || f.Severity != finding.High || f.Remediation == "" {
		t.Fatalf("no write-access finding in %+v", res.Findings)
	} else if f.Evidence != "readonly=0, allow_ddl=1" {
		// The profile's allow_ddl comes from system.settings, which the read-only guard
		// must not mistake for a SETTINGS clause.
		t.Errorf("write-access evidence = %q", f.Evidence)
	}
	tf := probetest.Finding(res.Findings, "clickhouse-table-functions")
	if tf == nil || !strings.Contains(tf.Evidence, "url") || !strings.Contains(tf.Evidence, "file") || tf.Severity != finding.High {
		t.Fatalf("table functions finding = %+v", tf)
	}
	cv := probetest.Finding(res.Findings, "clickhouse-known-vulnerabilities")
	if cv == nil || !strings.Contains(cv.Detail, "CVE-2019-16535") || strings.Contains(cv.Detail, "CVE-2018-14672") {
		t.Fatalf("CVE finding = %+v", cv)
	}
	for _, f := range res.Findings {
		if f.ID == "" || f.Host != ch.Host || f.Port != ch.HTTPPort || f.Remediation == "" {
			t.Fatalf("incomplete finding %+v", f)
		}
	}
}

func TestOpenServerOtherInterfaces(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	o := testOptions()
	o.SampleRows = 0
	for _, tc := range []struct {
		name  string
		port  int
		proto string
		tls   bool
	}{
		{"https", ch.HTTPSPort, ProtoHTTP, true},
		{"native", ch.NativePort, ProtoNative, false},
		{"native-tls", ch.NativeTLSPort, ProtoNative, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, d := probetest.Probe(t, New(), endpoint(t, ch.Host, tc.port), o)
			svc := res.Service
			t.Logf("%s: %v", tc.name, d)
			if svc.Protocol != tc.proto || svc.TLS != tc.tls || svc.Auth != finding.AuthNone || svc.Version != ch.Version {
				t.Fatalf("got %s tls=%v auth=%s version=%s", svc.Protocol, svc.TLS, svc.Auth, svc.Version)
			}
			if tc.proto == ProtoNative {
				if !strings.HasSuffix(svc.Details["timezone"], "UTC") || svc.Details["display_name"] != "lab-open" || svc.Details["revision"] == "" {
					t.Fatalf("details = %v", svc.Details)
				}
				if probetest.Finding(res.Findings, "clickhouse-known-vulnerabilities") == nil {
					t.Fatal("no CVE finding from the native version")
				}
			} else if probetest.Dataset(svc, "default", "log_stream") == nil {
				t.Fatal("no inventory over HTTPS")
			}
		})
	}
}

func TestProtectedServerRefusesEveryInterface(t *testing.T) {
	ch := labtest.ClickHouseProtected(t)
	o := testOptions()
	for _, port := range ch.Ports() {
		res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, port), o)
		svc := res.Service
		if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 {
			t.Fatalf("port %d: auth=%s status=%s datasets=%d", port, svc.Auth, svc.Status, len(svc.Datasets))
		}
		if svc.Version != "" && svc.Protocol == ProtoHTTP {
			t.Fatalf("port %d: version leaked through a refused session: %q", port, svc.Version)
		}
	}
}

func TestProtectedServerCredentials(t *testing.T) {
	ch := labtest.ClickHouseProtected(t)
	for _, tc := range []struct {
		name       string
		creds      []store.Credential
		auth       finding.Auth
		capability string
	}{
		{"admin", []store.Credential{{Store: "clickhouse", Username: "default", Password: labtest.ProtectedPassword}}, finding.AuthCredentials, "clickhouse-write-access"},
		{"other store's credential is not tried", []store.Credential{{Store: "postgres", Username: "default", Password: labtest.ProtectedPassword}}, finding.AuthRequired, ""},
		{"wrong password", []store.Credential{{Username: "default", Password: "nope"}}, finding.AuthRequired, ""},
		{"unknown user", []store.Credential{{Username: "ghost", Password: "x"}}, finding.AuthRequired, ""},
		{"readonly=1 profile", []store.Credential{{Username: labtest.ReaderUser, Password: labtest.ReaderPassword}}, finding.AuthCredentials, "clickhouse-readonly"},
		{"readonly=2 profile", []store.Credential{{Username: labtest.Reader2User, Password: labtest.Reader2Password}}, finding.AuthCredentials, "clickhouse-readonly-settings"},
		{"sha256 password", []store.Credential{{Username: labtest.ShaUser, Password: labtest.ShaPassword}}, finding.AuthCredentials, "clickhouse-write-access"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := testOptions()
			o.Credentials = tc.creds
			for _, port := range []int{ch.HTTPPort, ch.NativePort} {
				res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, port), o)
				svc := res.Service
				if svc.Auth != tc.auth {
					t.Fatalf("port %d: auth = %s, want %s (%s)", port, svc.Auth, tc.auth, svc.Error)
				}
				if tc.auth != finding.AuthCredentials {
					continue
				}
				if svc.User != tc.creds[0].Username {
					t.Fatalf("user = %q", svc.User)
				}
				if port != ch.HTTPPort {
					continue
				}
				if ls := probetest.Dataset(svc, "default", "log_stream"); ls == nil || ls.Rows != lab.IncidentRows || ls.Sampled == 0 || ls.TimeRange == nil {
					t.Fatalf("inventory as %s: %+v (error %q)", svc.User, ls, svc.Error)
				}
				if probetest.Finding(res.Findings, tc.capability) == nil {
					t.Fatalf("no %s finding in %+v", tc.capability, res.Findings)
				}
				if tc.capability != "clickhouse-write-access" && probetest.Finding(res.Findings, "clickhouse-write-access") != nil {
					t.Fatal("read-only user reported as writable")
				}
				if tc.capability == "clickhouse-readonly" && probetest.Finding(res.Findings, "clickhouse-table-functions") != nil {
					t.Fatal("table functions reported usable under readonly=1")
				}
			}
		})
	}
}

func TestDefaultPassword(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{Password: "clickhouse"}, false)
	o := testOptions()
	for _, port := range []int{ch.HTTPPort, ch.NativePort} {
		res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, port), o)
		if res.Service.Auth != finding.AuthDefault {
			t.Fatalf("port %d: auth = %s, want default-credentials", port, res.Service.Auth)
		}
	}
	o.NoDefaultCredentials = true
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), o)
	if res.Service.Auth != finding.AuthRequired {
		t.Fatalf("with NoDefaultCredentials: auth = %s", res.Service.Auth)
	}
}

func TestLimitsTruncate(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	o := testOptions()
	o.MaxTables = 2
	o.SampleRows = 0
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), o)
	if len(res.Service.Datasets) != 2 || !res.Service.Truncated {
		t.Fatalf("MaxTables=2: %d datasets, truncated=%v", len(res.Service.Datasets), res.Service.Truncated)
	}
	// A table's sample stops at MaxSampleBytes, cutting the last row.
	o = testOptions()
	o.MaxSampleBytes = 1000
	res, _ = probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), o)
	for _, smp := range res.Samples {
		n := 0
		for _, row := range smp.Rows {
			for _, c := range row {
				n += len(c)
			}
		}
		if n > o.MaxSampleBytes {
			t.Fatalf("%s: %d bytes sampled, cap %d", smp.Table, n, o.MaxSampleBytes)
		}
		if smp.Table == lab.IncidentTable && (len(smp.Rows) < 2 || len(smp.Rows) >= o.SampleRows) {
			t.Fatalf("log_stream: %d rows within %d bytes of 600-byte rows", len(smp.Rows), o.MaxSampleBytes)
		}
	}

	o = testOptions()
	o.MaxDatabases = 1
	res, _ = probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), o)
	for _, ds := range res.Service.Datasets {
		if ds.Database != lab.SecondDatabase { // "analytics" sorts first
			t.Fatalf("MaxDatabases=1 listed %s.%s", ds.Database, ds.Table)
		}
	}
	if !res.Service.Truncated {
		t.Fatal("not marked truncated")
	}
}

func TestInventoryTimeoutKeepsIdentification(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	o := testOptions()
	o.InventoryTimeout = time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, endpoint(t, ch.Host, ch.HTTPPort), o)
	if err == nil || !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, store.ErrTimeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if res == nil || res.Service.Auth != finding.AuthNone || res.Service.Version == "" {
		t.Fatalf("partial result lost: %+v", res)
	}
}

// A server with many readable tables, each within the per-table caps, costs a scan no
// more than the endpoint's sample budget: a real ClickHouse holding 30 tables of 20
// rows of 8 KiB (about 4.7 MiB sampled without a budget) is scanned with a budget of
// 256 KiB. Every table is still listed with its row count.
func TestSampleBudgetBoundsManyTables(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "sample-budget"}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	const tables = 30
	if _, err := ch.Query(ctx, "CREATE DATABASE flood"); err != nil {
		t.Fatal(err)
	}
	for i := range tables {
		// 18.16 has neither CREATE … AS SELECT with an engine nor repeat().
		for _, q := range []string{
			fmt.Sprintf("CREATE TABLE flood.t%02d (id UInt64, body String) ENGINE = MergeTree ORDER BY id", i),
			fmt.Sprintf("INSERT INTO flood.t%02d SELECT number, arrayStringConcat(arrayMap(x -> 'flood filler, nothing secret. ', "+
				"range(270))) FROM system.numbers LIMIT 20", i),
		} {
			if _, err := ch.Query(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
	}
	res := probetest.CheckSampleBudget(t, New(), endpoint(t, ch.Host, ch.HTTPPort), 256<<10, func(o *store.Options) {
		o.IOTimeout = 10 * time.Second
	})
	n := 0
	for _, ds := range res.Service.Datasets {
		if ds.Database == "flood" {
			n++
			if ds.Rows != 20 {
				t.Fatalf("flood.%s counted %d rows, want 20", ds.Table, ds.Rows)
			}
		}
	}
	if n != tables {
		t.Fatalf("%d flood tables listed, want %d", n, tables)
	}
}

// Secrets in ClickHouse's composite and wrapped types are found as the values they
// hold: each element of an Array(String), a Nullable(String), and a FixedString without the zero bytes that pad it.
func TestTypedColumnsSampled(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "typed"}, false)
	const (
		key1   = "Mk3Wq8Zr5Tn1Xv7Lc2Bp9Hd4Js6Fg0Ya"
		key2   = "Gv5Rb0Yn7Qm2Wx9Kc4Tz6Lp1Hd8Js3Fa"
		token  = "Pz4Xc8Vb2Nm6Lk0Jh5Gf9Ds3Aq7Ww1Er"
		signer = "Uq2Wr6Ty0Io4Pa8Sd3Fg7Hj1Kl5Zx9Cv"
	)
	run(t, ch, "CREATE DATABASE vault",
		"CREATE TABLE vault.integrations (id UInt32, api_keys Array(String), "+
			"session_token Nullable(String), signing_secret FixedString(40)) ENGINE = Log",
		"INSERT INTO vault.integrations VALUES (1, ['"+key1+"', '"+key2+"'], '"+token+"', '"+signer+"')")
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), testOptions())
	labtest.CheckFound(t, res.Samples, key1, key2, token, signer)
}

// An unnamed Tuple's elements are values of its column: ('relay-ops', '<password>')
// under admin_password is that column's password, not a pair naming it "relay-ops".
func TestTupleColumnsSampled(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "tuples"}, false)
	const (
		pass  = "Ember!Quarry-6204-lynx"
		token = "Rb8Nw3Kq6Zt1Xm5Vc9Lp2Hs7Jd4Fg0Ty"
	)
	run(t, ch, "CREATE DATABASE relay",
		"CREATE TABLE relay.accounts (id UInt32, admin_password Tuple(String, String), "+
			"api_token Tuple(String, String, UInt16)) ENGINE = Log",
		"INSERT INTO relay.accounts VALUES (1, ('relay-ops', '"+pass+"'), ('billing', '"+token+"', 3))")
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), testOptions())
	labtest.CheckFound(t, res.Samples, pass, token)
}

// run runs statements on a lab server, failing the test at the first error.
func run(t *testing.T, ch *lab.ClickHouse, stmts ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, q := range stmts {
		if _, err := ch.Query(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
}

// ClickHouse before 21.1 has no Map type (18.16 refuses to create one): a map of
// settings was an Array of (name, value) Tuples — what Map is underneath — or a
// Nested column; 18.16 stores both as parallel arrays (settings.1 and settings.2,
// attrs.name and attrs.value). Either way the value is found under the name it pairs
// with.
func TestMapShapesBeforeMap(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "premap"}, false)
	const (
		pass1 = "Birch7390~Lantern"
		pass2 = "Cobalt4471^heron"
	)
	run(t, ch, "CREATE DATABASE cfg",
		"CREATE TABLE cfg.services (id UInt32, settings Array(Tuple(String, String)), "+
			"attrs Nested(name String, value String)) ENGINE = Log",
		"INSERT INTO cfg.services VALUES (1, ['region', 'smtp_password'], ['eu-west-3', '"+pass1+"'], "+
			"['owner', 'db_password'], ['team-ops', '"+pass2+"'])")
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), testOptions())
	labtest.CheckFound(t, res.Samples, pass1, pass2)
}

// A row longer than the row cap loses the end of its longest cell, not the cells after
// it: an api_key column beside a long text body is sampled whole.
func TestShortCellBesideLongOneSampled(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "helpdesk"}, false)
	const apiKey = "Zx4Cv9Bn2Mq7Wl5Ek0Rj3Th8Yg6Uf1Id"
	run(t, ch, "CREATE DATABASE helpdesk",
		"CREATE TABLE helpdesk.tickets (id UInt32, body String, api_key String) ENGINE = Log",
		"INSERT INTO helpdesk.tickets VALUES (1, '"+strings.Repeat("the printer on floor three jams again. ", 100)+"', '"+apiKey+"')")
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), testOptions())
	labtest.CheckFound(t, res.Samples, apiKey)
}
