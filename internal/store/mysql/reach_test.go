package mysql

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestFederatedTablesNotRead scans a real MariaDB 10.11 holding a FEDERATED table (and
// a view over it) that reaches a third host: a loopback proxy, counting connections, to
// the same server. Reading the table, or even asking information_schema for its row
// count, makes MariaDB connect there: the scan lists it with its host, reads the local
// table, and causes no connection.
func TestFederatedTablesNotRead(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{}, false)
	third, err := lab.StartCountingProxy(m.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const db = "fedlab"
	if err := m.SeedFederated(ctx, db, third.Addr()); errors.Is(err, lab.ErrNoFederated) {
		t.Skipf("no FEDERATED engine in this mariadb-server: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	third.Reset()

	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	svc := res.Service
	want := "not sampled: reaches another host " + third.Addr() + " (FEDERATED)"
	if ds := probetest.Dataset(svc, db, "far_users"); ds == nil || ds.NotSampled != want || ds.Sampled != 0 {
		t.Errorf("far_users: %+v\nwant not_sampled %q", ds, want)
	}
	if ds := probetest.Dataset(svc, db, "far_view"); ds == nil || ds.Kind != "view" || ds.Sampled != 0 {
		t.Errorf("far_view: %+v", ds)
	}
	if ds := probetest.Dataset(svc, db, "local_notes"); ds == nil || ds.Rows != 2 || ds.Sampled != 2 || ds.TimeRange == nil {
		t.Errorf("local_notes: %+v", ds)
	}
	for _, ds := range svc.Datasets {
		if strings.Contains(ds.NotSampled, "Fed-Reader-Pw-3") || strings.Contains(ds.NotSampled, "federated_reader") {
			t.Fatalf("the federated table's credentials were reported: %s", ds.NotSampled)
		}
	}

	// The proxy does count: reading the table reaches it.
	_, _ = m.Query(ctx, "SELECT count(*) FROM "+db+".far_users")
	if third.Connections() == 0 {
		t.Fatal("reading the FEDERATED table did not reach the third host: this test proves nothing")
	}
}
