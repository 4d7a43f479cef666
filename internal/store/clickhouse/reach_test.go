package clickhouse

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestRemoteReachingTablesNotRead scans a real 18.16 server holding tables that reach a
// third host when read — a URL table, a MySQL table, a Distributed table, and Buffer
// tables over each (reading a Buffer reads its destination) — with the third host a
// loopback listener that counts connections. The scan must list them, say where they
// reach, read the local Buffer, and cause no connection at all.
func TestRemoteReachingTablesNotRead(t *testing.T) {
	third, err := lab.StartCountingProxy("")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{ThirdHost: third.Addr(), DisplayName: "lab-reach"}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := ch.SeedRemoteReaching(ctx, third.Addr(), true); err != nil {
		t.Fatal(err)
	}
	third.Reset()

	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	svc := res.Service
	for _, tc := range []struct{ table, want string }{
		{"url_feed", "not sampled: reaches another host " + third.Addr()},
		{"url_buffer", "not sampled: reaches another host " + third.Addr() + " (through Buffer federated.url_buffer → federated.url_feed (URL))"},
		{"crm_users", "not sampled: reaches another host " + third.Addr()},
		{"crm_buffer", "not sampled: reaches another host " + third.Addr() + " (through Buffer federated.crm_buffer → federated.crm_users (MySQL))"},
		{"dist_events", "not sampled: reaches another host cluster third_host"},
		{"dist_buffer", "not sampled: reaches another host cluster third_host (through Buffer federated.dist_buffer → federated.dist_events (Distributed))"},
		{"dist_local_url", "not sampled: reaches another host " + third.Addr() + " (through Distributed (local cluster local_only) federated.dist_local_url → federated.url_feed (URL))"},
	} {
		ds := probetest.Dataset(svc, lab.ReachDatabase, tc.table)
		if ds == nil || ds.NotSampled != tc.want || ds.Sampled != 0 {
			t.Errorf("%s: %+v\nwant not_sampled %q", tc.table, ds, tc.want)
		}
	}
	// What is local is read as usual, Buffer included.
	// A Distributed table over a cluster that is only this server reads its local table.
	for _, name := range []string{"local_notes", "local_buffer", "dist_local"} {
		if ds := probetest.Dataset(svc, lab.ReachDatabase, name); ds == nil || ds.Rows != 2 || ds.Sampled != 2 || ds.NotSampled != "" || ds.TimeRange == nil {
			t.Errorf("%s: %+v", name, ds)
		}
	}
	f := probetest.Finding(res.Findings, "clickhouse-remote-sources")
	if f == nil || f.Count != 7 || !strings.Contains(f.Evidence, "federated.crm_users (MySQL) → "+third.Addr()) {
		t.Fatalf("remote sources finding: %+v", f)
	}
	if strings.Contains(f.Evidence, "Crm-Reader-Pw-5") || strings.Contains(svc.Details["databases_not_listed"], "Pw") {
		t.Fatalf("a stored credential was reported: %s", f.Evidence)
	}

	// The listener does count: reading the Buffer directly reaches it.
	_, _ = ch.Query(ctx, "SELECT count() FROM "+lab.ReachDatabase+".url_buffer")
	if third.Connections() == 0 {
		t.Fatal("reading the Buffer did not reach the third host: this test proves nothing")
	}
}

// TestAliasColumnsNotRead: an ALIAS column is computed whenever it is read, and its
// expression may be a subquery over url() or remote() (or dictGet of a dictionary with
// a remote source): anyone who can create a table on an open server can add one. Our
// readonly=1 makes 18.16 refuse the table function, but a user whose profile has
// readonly=2 cannot be sent readonly=1 — a BI account the scan was given — and then
// reading the column makes the real 18.16 server below fetch from the host it names.
// The scan must list the columns but read only the stored ones — to count, for the time
// range and in the sample — and cause no request to the third host, a loopback HTTP
// listener that counts requests.
func TestAliasColumnsNotRead(t *testing.T) {
	var hits atomic.Int64
	third := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "fetched from the third host\n")
	}))
	defer third.Close()
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "lab-alias", Password: "Admin-Pw-1",
		Users: []lab.ClickHouseUser{{Name: "analyst", Password: "Analyst-Pw-2", Profile: lab.ProfileReadonly2}}}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	feed := "url('" + third.URL + "/feed.csv', CSV, 'line String')"
	for _, q := range []string{
		"CREATE TABLE default.alias_feed (body String, seen DateTime ALIAS (SELECT toDateTime('2025-01-06 00:00:00') FROM " + feed +
			" LIMIT 1), fetched String ALIAS (SELECT any(line) FROM " + feed + ")) ENGINE = TinyLog",
		"INSERT INTO default.alias_feed (body) VALUES ('stored one'), ('stored two')",
	} {
		if _, err := ch.Query(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// The listener does count: reading the column as that user reaches it.
	hits.Store(0)
	if _, err := ch.QueryAs(ctx, "analyst", "Analyst-Pw-2", "SELECT body, fetched FROM default.alias_feed LIMIT 1"); err != nil || hits.Load() == 0 {
		t.Fatalf("reading the ALIAS column did not reach the third host (%v): this test proves nothing", err)
	}
	hits.Store(0)

	o := testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: "analyst", Password: "Analyst-Pw-2"}}
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), o)
	if n := hits.Load(); n != 0 {
		t.Fatalf("the scan made the server fetch from the third host %d times", n)
	}
	ds := probetest.Dataset(res.Service, "default", "alias_feed")
	if ds == nil || ds.Rows != 2 || ds.Sampled != 2 || len(ds.Columns) != 3 || ds.TimeRange != nil {
		t.Fatalf("alias_feed: %+v", ds)
	}
	for _, s := range res.Samples {
		if s.Table == "alias_feed" && (len(s.Columns) != 1 || s.Columns[0] != "body") {
			t.Fatalf("sampled columns %v, want only the stored one", s.Columns)
		}
	}
}

// A table engine's definition keeps the login for the server it reaches, and whoever
// reads system.tables reads it (18.16 shows engine_full unmasked): the arguments are a
// record by the engine's names for them, so the password is found under "password".
// Reading the definition connects nowhere.
func TestEngineLoginFound(t *testing.T) {
	third, err := lab.StartCountingProxy("")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "lab-engine-login"}, false)
	const mysqlPw = "Juniper#Otter-2286!glen"
	run(t, ch, "CREATE DATABASE bridge",
		"CREATE TABLE bridge.orders (id UInt32, total Float64) ENGINE = MySQL('"+third.Addr()+"', 'shop', 'orders', 'bi_reader', '"+mysqlPw+"')")
	third.Reset()
	res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, ch.HTTPPort), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	labtest.CheckFound(t, res.Samples, mysqlPw)
	if found := labtest.FoundValues(res.Samples); found["bi_reader"] != "" || found["shop"] != "" {
		t.Fatalf("names reported: %q", found)
	}
}

// engineLogin names each engine's arguments as its documentation does, and keeps key =
// value overrides under their keys; engines that keep no login give nothing.
func TestEngineLoginArgs(t *testing.T) {
	for _, tc := range []struct{ full, want string }{
		{"MySQL('db1:3306', 'shop', 'orders', 'bi', 'pw-1')", "engine.host_port=db1:3306 engine.database=shop engine.table=orders engine.user=bi engine.password=pw-1"},
		{"PostgreSQL('pg:5432', 'app', 'users', 'ro', 'pw-2', 'public')", "engine.host_port=pg:5432 engine.database=app engine.table=users engine.user=ro engine.password=pw-2 engine.schema=public"},
		{"S3('https://b.s3.amazonaws.com/x/*.csv', 'AKID', 'sec/ret', 'CSV')", "engine.url=https://b.s3.amazonaws.com/x/*.csv engine.access_key_id=AKID engine.secret_access_key=sec/ret"},
		{"MySQL(mysql_coll, password = 'pw-3', table = 't')", "engine.password=pw-3 engine.table=t"},
		{"MergeTree() ORDER BY id", ""},
		{"Log", ""},
	} {
		smp := engineLogin("d", "t", tc.full)
		var got []string
		if smp != nil {
			for i, c := range smp.Columns {
				got = append(got, c+"="+smp.Rows[0][i])
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %q, want %q", tc.full, got, tc.want)
		}
	}
}
