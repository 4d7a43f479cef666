package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestForeignTablesNotRead scans a real PostgreSQL 15 holding, through postgres_fdw, a
// foreign table, a partitioned table with a foreign partition and an inheritance parent
// with a foreign child, all pointing at a loopback listener that counts connections. A
// read of any of them would make the server connect there (and send the user mapping's
// password): the scan lists them, says where they reach, reads the local table, and
// causes no connection.
func TestForeignTablesNotRead(t *testing.T) {
	third, err := lab.StartCountingProxy("")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const db = "fdwlab"
	if err := pg.SeedForeign(ctx, db, third.Host, third.Port); err != nil {
		t.Fatal(err)
	}
	third.Reset()

	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	svc := res.Service
	for _, tc := range []struct{ table, want string }{
		{"public.far_users", "not sampled: reaches another host " + third.Addr() + " (foreign server far via postgres_fdw)"},
		{"public.events", "not sampled: reaches another host " + third.Addr() + " (foreign server far via postgres_fdw, through events_2025)"},
		{"public.audit_log", "not sampled: reaches another host " + third.Addr() + " (foreign server far via postgres_fdw, through audit_log_remote)"},
	} {
		ds := probetest.Dataset(svc, db, tc.table)
		if ds == nil || ds.NotSampled != tc.want || ds.Sampled != 0 {
			t.Errorf("%s: %+v\nwant not_sampled %q", tc.table, ds, tc.want)
		}
	}
	if ds := probetest.Dataset(svc, db, "public.local_notes"); ds == nil || ds.Rows != 20 || ds.Sampled == 0 || ds.NotSampled != "" || ds.TimeRange == nil {
		t.Errorf("local_notes: %+v", ds)
	}
	for _, ds := range svc.Datasets {
		if strings.Contains(ds.NotSampled, "Remote-Reader-Pw-7") {
			t.Fatalf("the user mapping's password was reported: %s", ds.NotSampled)
		}
	}

	// The listener does count: reading the partitioned table reaches it.
	_, _ = pg.Query(ctx, db, "SELECT count(*) FROM events")
	if third.Connections() == 0 {
		t.Fatal("reading the partitioned table did not reach the third host: this test proves nothing")
	}
}

// TestRowSecurityTablesNotRead: a row-level security policy is an expression the server
// evaluates for every row a non-superuser reads, and it may read a foreign table (or
// call dblink): whoever could create a table and a policy chooses a host that any
// scan with an ordinary account makes the server connect to. On a real PostgreSQL 15
// with such a policy, scanned with a non-superuser account, the scan must list the
// table but not read it, and cause no connection to the third host.
func TestRowSecurityTablesNotRead(t *testing.T) {
	third, err := lab.StartCountingProxy("")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{Password: "Admin-Pw-1",
		Users: []lab.PostgresUser{{Name: "analyst", Password: "Analyst-Pw-2"}}}, false)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const db = "rlslab"
	if err := pg.Exec(ctx, "postgres", "CREATE DATABASE "+db); err != nil {
		t.Fatal(err)
	}
	if err := pg.Exec(ctx, db, fmt.Sprintf(`CREATE EXTENSION postgres_fdw;
CREATE SERVER far FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '%s', port '%d', dbname 'remote');
CREATE USER MAPPING FOR PUBLIC SERVER far OPTIONS (user 'remote_reader', password 'Remote-Reader-Pw-7');
CREATE FOREIGN TABLE far_flags (id int) SERVER far OPTIONS (table_name 'flags');
GRANT SELECT ON far_flags TO PUBLIC;
CREATE TABLE guarded (id int, at date, note text);
INSERT INTO guarded SELECT g, '2025-01-06'::date + g, 'note ' || g FROM generate_series(1, 20) g;
ALTER TABLE guarded ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone ON guarded USING (EXISTS (SELECT 1 FROM far_flags));
GRANT SELECT ON guarded TO PUBLIC;
CREATE TABLE plain_notes (id int, at date, note text);
INSERT INTO plain_notes SELECT g, '2025-01-06'::date + g, 'note ' || g FROM generate_series(1, 20) g;
GRANT SELECT ON plain_notes TO PUBLIC;
ANALYZE guarded; ANALYZE plain_notes;`, third.Host, third.Port)); err != nil {
		t.Fatal(err)
	}
	third.Reset()

	o := testOptions()
	o.NoDefaultCredentials = true
	o.Credentials = []store.Credential{{Username: "analyst", Password: "Analyst-Pw-2"}}
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), o)
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	svc := res.Service
	if ds := probetest.Dataset(svc, db, "public.guarded"); ds == nil || ds.Sampled != 0 || ds.TimeRange != nil ||
		!strings.HasPrefix(ds.NotSampled, "not sampled: row-level security") {
		t.Errorf("guarded: %+v", ds)
	}
	if ds := probetest.Dataset(svc, db, "public.plain_notes"); ds == nil || ds.Sampled == 0 || ds.NotSampled != "" {
		t.Errorf("plain_notes: %+v", ds)
	}
}

// A user mapping keeps the login the server uses on another host in plain text, and a
// superuser reads it in pg_user_mappings: the mapping is a record of its options, its
// password found by its name. Reading the catalog connects nowhere.
func TestUserMappingPasswordFound(t *testing.T) {
	third, err := lab.StartCountingProxy("")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	const (
		publicPw  = "Lantern#Walrus-6218!moss"
		billingPw = "Cobalt-Heron-9047-ridge!"
	)
	sql := fmt.Sprintf(`CREATE EXTENSION postgres_fdw;
CREATE SERVER ledger_remote FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '%s', port '%d', dbname 'ledger');
CREATE USER MAPPING FOR PUBLIC SERVER ledger_remote OPTIONS (user 'ledger_ro', password '%s');
CREATE ROLE billing_etl;
CREATE USER MAPPING FOR billing_etl SERVER ledger_remote OPTIONS (user 'etl', password '%s');`, third.Host, third.Port, publicPw, billingPw)
	if err := pg.Exec(t.Context(), "postgres", sql); err != nil {
		t.Fatal(err)
	}
	third.Reset()
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	labtest.CheckFound(t, res.Samples, publicPw, billingPw)
	found := labtest.FoundValues(res.Samples)
	for _, v := range []string{"ledger_ro", "etl", "ledger_remote"} {
		if found[v] != "" {
			t.Errorf("%q reported as %s", v, found[v])
		}
	}
}

// A function that logs in elsewhere keeps its connection string in its source, which
// pg_proc shows: the password in a dblink_connect's "password=…" is found, and reading
// the catalog calls nothing (the function would connect: a counting listener proves it
// is not run).
func TestRoutineSourcePasswordFound(t *testing.T) {
	third, err := lab.StartCountingProxy("")
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	const syncPw = "Walnut#Crane-7713!bay"
	sql := fmt.Sprintf(`CREATE EXTENSION dblink;
CREATE FUNCTION pull_ledger() RETURNS bigint AS $$
DECLARE n bigint;
BEGIN
  PERFORM dblink_connect('ledger', 'host=%s port=%d dbname=ledger user=sync password=%s');
  SELECT count(*) INTO n FROM dblink('ledger', 'SELECT 1') AS t(x int);
  RETURN n;
END $$ LANGUAGE plpgsql;`, third.Host, third.Port, syncPw)
	if err := pg.Exec(t.Context(), "postgres", sql); err != nil {
		t.Fatal(err)
	}
	third.Reset()
	res, _ := probetest.Probe(t, New(), probetest.At(pg.Host, pg.Port), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	labtest.CheckFound(t, res.Samples, syncPw)
	for _, s := range res.Samples {
		if s.Table != "pg_proc" {
			continue
		}
		for _, row := range s.Rows {
			if !strings.HasPrefix(row[0], "public.") {
				t.Errorf("routine %q sampled: an extension's or the system's", row[0])
			}
		}
	}
	// The listener does count: running the function reaches it.
	_, _ = pg.Query(t.Context(), "postgres", "SELECT pull_ledger()")
	if third.Connections() == 0 {
		t.Fatal("running the function did not reach the third host: this test proves nothing")
	}
}
