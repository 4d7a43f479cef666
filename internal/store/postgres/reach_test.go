package postgres

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
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
