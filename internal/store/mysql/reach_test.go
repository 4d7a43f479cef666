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

// The logins a server keeps for reaching others are found where any reader of its
// definitions sees them: a FEDERATED table's CONNECTION URL (SHOW CREATE TABLE, which
// connects nowhere) and a CREATE SERVER definition's password (mysql.servers).
func TestRemoteLoginsFound(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{}, false)
	third, err := lab.StartCountingProxy(m.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	const (
		fedPw    = "Saffron-Kayak-3390!dune"
		serverPw = "Quartz#Pelican-8812-vale"
	)
	rows, err := m.Query(ctx, "SELECT SUPPORT FROM information_schema.ENGINES WHERE ENGINE = 'FEDERATED'")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || (rows[0][0] != "YES" && rows[0][0] != "DEFAULT") {
		if err := m.Exec(ctx, "INSTALL SONAME 'ha_federatedx'"); err != nil {
			t.Skipf("no FEDERATED engine in this mariadb-server: %v", err)
		}
	}
	host, port, _ := strings.Cut(third.Addr(), ":")
	if err := m.Exec(ctx,
		"CREATE DATABASE ledger_src",
		"CREATE TABLE ledger_src.entries (id INT, amount INT) ENGINE=InnoDB",
		"CREATE USER 'ledger_fed'@'%' IDENTIFIED BY '"+fedPw+"'",
		"GRANT SELECT ON ledger_src.* TO 'ledger_fed'@'%'",
		"CREATE DATABASE reports",
		"CREATE TABLE reports.far_entries (id INT, amount INT) ENGINE=FEDERATED CONNECTION='mysql://ledger_fed:"+fedPw+"@"+host+":"+port+"/ledger_src/entries'",
		"CREATE SERVER archive_srv FOREIGN DATA WRAPPER mysql OPTIONS (HOST '192.0.2.10', DATABASE 'archive', USER 'archiver', PASSWORD '"+serverPw+"', PORT 3306)",
	); err != nil {
		t.Fatal(err)
	}
	third.Reset()
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), testOptions())
	if n := third.Connections(); n != 0 {
		t.Fatalf("the scan made the server connect to the third host %d times", n)
	}
	labtest.CheckFound(t, res.Samples, fedPw, serverPw)
}

// A stored procedure that sets an account's password keeps it in its body, which
// information_schema.ROUTINES shows to the definer: it is found, and nothing is called.
func TestRoutineSourcePasswordFound(t *testing.T) {
	m := labtest.MariaDBFresh(t, lab.MariaDBConfig{}, false)
	const relayPw = "Thistle#Badger-5064!cove"
	if err := m.Exec(t.Context(), "CREATE DATABASE ops",
		"CREATE TABLE ops.calls (at DATETIME)",
		"CREATE PROCEDURE ops.rotate_relay() BEGIN INSERT INTO ops.calls VALUES (NOW()); "+
			"ALTER USER IF EXISTS 'relay'@'%' IDENTIFIED BY '"+relayPw+"'; END"); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), testOptions())
	labtest.CheckFound(t, res.Samples, relayPw)
	if rows, err := m.Query(t.Context(), "SELECT COUNT(*) FROM ops.calls"); err != nil || len(rows) != 1 || rows[0][0] != "0" {
		t.Fatalf("the procedure ran: %q %v", rows, err)
	}
}
