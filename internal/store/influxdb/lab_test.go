package influxdb

import (
	"context"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real InfluxDB 1.x servers (Debian's influxdb 1.6.7) started by
// internal/lab on loopback: without authentication, with an admin and a reader, and
// with authentication but no user yet.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func testOptions() *store.Options { return probetest.LabOptions(6, 2048, 32<<10) }

func datasets(svc finding.Service) map[string]finding.Dataset {
	m := map[string]finding.Dataset{}
	for _, d := range svc.Datasets {
		m[d.Database+"."+d.Table] = d
	}
	return m
}

func TestOpenServer(t *testing.T) {
	s := labtest.InfluxDBOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(s.Host, s.Port), o)
	t.Logf("full probe of the seeded open server: %v", d)
	svc := res.Service
	if svc.Product != "influxdb" || svc.Protocol != Proto || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen {
		t.Fatalf("service %+v", svc)
	}
	if svc.Version != s.Version || svc.Details["build"] != "OSS" || svc.Details["auth"] != "disabled" || svc.Details["databases"] != "2" {
		t.Fatalf("version %q details %v", svc.Version, svc.Details)
	}
	got := datasets(svc)
	if len(got) != len(lab.InfluxSeedSeries) {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	for name, series := range lab.InfluxSeedSeries {
		ds, ok := got[name]
		if !ok || ds.Rows != series || ds.Kind != "measurement" || len(ds.Columns) == 0 {
			t.Fatalf("%s = %+v, want %d series", name, ds, series)
		}
	}
	cpu := got[lab.InfluxDBTelemetry+".cpu"]
	if cpu.TimeRange == nil || cpu.TimeRange.Min != "2025-01-06T00:00:00Z" || cpu.TimeRange.Max != "2025-01-06T01:39:00Z" {
		t.Fatalf("cpu time range %+v", cpu.TimeRange)
	}
	if cols := got[lab.InfluxDBApp+".logins"].Columns; len(cols) != 4 || cols[3] != (finding.Column{Name: "email", Type: "tag"}) {
		t.Fatalf("logins columns %+v", cols)
	}
	if len(res.Samples) != 4 {
		t.Fatalf("samples %d", len(res.Samples))
	}
	for _, smp := range res.Samples {
		if len(smp.Rows) == 0 || len(smp.Rows) > o.SampleRows || smp.Columns[0] != "time" {
			t.Fatalf("sample %s.%s: %d rows, columns %q", smp.Database, smp.Table, len(smp.Rows), smp.Columns)
		}
		if smp.Table == "http_requests" && !strings.Contains(strings.Join(smp.Rows[0], " "), "Bearer eyJ") {
			t.Fatalf("http_requests row %q", smp.Rows[0])
		}
	}
	for rule, sev := range map[string]finding.Severity{"influxdb-write-access": finding.High, "influxdb-no-tls": finding.Low,
		"influxdb-known-vulnerabilities": finding.Critical} {
		if f := probetest.Finding(res.Findings, rule); f == nil || f.Severity != sev || f.ID == "" {
			t.Fatalf("%s = %+v", rule, f)
		}
	}
}

func TestProtectedServer(t *testing.T) {
	s := labtest.InfluxDBProtected(t)
	ep := probetest.At(s.Host, s.Port)
	res, _ := probetest.Probe(t, New(), ep, testOptions())
	svc := res.Service
	if svc.Auth != finding.AuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 || svc.Details["auth"] != "enabled" {
		t.Fatalf("without credentials: %+v", svc)
	}
	if probetest.Finding(res.Findings, "influxdb-write-access") != nil {
		t.Fatal("write access reported for a protected server")
	}

	o := testOptions()
	o.Credentials = []store.Credential{{Username: "admin", Password: labtest.InfluxAdminPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != "admin" || len(svc.Datasets) != len(lab.InfluxSeedSeries) {
		t.Fatalf("admin: %+v", svc)
	}
	if f := probetest.Finding(res.Findings, "influxdb-admin-access"); f == nil || f.Count != 2 || f.Evidence != "admin (admin), grafana" {
		t.Fatalf("admin finding %+v", f)
	}

	o.Credentials = []store.Credential{{Username: labtest.InfluxReaderUser, Password: labtest.InfluxReaderPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	got := datasets(svc)
	if svc.Auth != finding.AuthCredentials || len(res.Samples) != 2 || got[lab.InfluxDBApp+".logins"].Rows != lab.InfluxSeedSeries[lab.InfluxDBApp+".logins"] {
		t.Fatalf("reader: %+v samples %d", svc, len(res.Samples))
	}
	if probetest.Finding(res.Findings, "influxdb-admin-access") != nil {
		t.Fatal("reader reported as admin")
	}
}

func TestNoAdminUser(t *testing.T) {
	s := labtest.InfluxDBFresh(t, lab.InfluxDBConfig{Auth: true})
	res, _ := probetest.Probe(t, New(), probetest.At(s.Host, s.Port), testOptions())
	if res.Service.Auth != finding.AuthRequired || probetest.Finding(res.Findings, "influxdb-no-admin-user") == nil {
		t.Fatalf("service %+v findings %+v", res.Service, res.Findings)
	}
}

// TestQueryLogProvesReadOnly reads the server's own query log (query-log-enabled): every
// statement it executed during full probes must be a SHOW or a SELECT without INTO,
// and the data directory must hold no more databases or measurements than before.
func TestQueryLogProvesReadOnly(t *testing.T) {
	s := labtest.InfluxDBFresh(t, lab.InfluxDBConfig{})
	before, err := os.ReadFile(s.LogPath())
	if err != nil {
		t.Fatal(err)
	}
	var sent []string
	p := New()
	p.sent = func(q string) { sent = append(sent, q) }
	o := store.DefaultOptions()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if res, err := p.Probe(ctx, probetest.At(s.Host, s.Port), &o); err != nil || len(res.Samples) != 4 {
		t.Fatalf("probe: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // the log is written asynchronously
	after, err := os.ReadFile(s.LogPath())
	if err != nil {
		t.Fatal(err)
	}
	logged := regexp.MustCompile(`Executing query.*query="((?:[^"\\]|\\.)*)"`).FindAllStringSubmatch(string(after[len(before):]), -1)
	if len(logged) != len(sent) || len(logged) < 20 {
		t.Fatalf("the server logged %d queries, the prober sent %d", len(logged), len(sent))
	}
	verb := regexp.MustCompile(`^(SHOW|SELECT) `)
	for _, m := range logged {
		q, err := strconv.Unquote(`"` + m[1] + `"`)
		if err != nil {
			q = m[1]
		}
		if !verb.MatchString(q) || strings.Contains(strings.ToUpper(q), " INTO ") {
			t.Fatalf("server executed %q", q)
		}
	}
	out, err := s.Exec(ctx, "", "SHOW DATABASES")
	if err != nil || strings.Count(out, `],[`)+1 != 2 {
		t.Fatalf("databases after probing: %s %v", out, err)
	}
	t.Logf("%d statements logged by the server, all SHOW/SELECT", len(logged))
}
