package labtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on the MariaDB lab servers.
const (
	MyProtectedPassword = "lab-my-root-5b7c" // root on MariaDBProtected
	MyReaderUser        = "reader"           // SELECT on the seeded databases
	MyReaderPassword    = "reader-my-pw-22"
	MyFilerUser         = "filer" // FILE on *.* and SELECT on appdb
	MyFilerPassword     = "filer-my-pw-64"
	MySocketUser        = "sockuser" // unix_socket only: can never log in over TCP
)

// MariaDBUsers are the extra accounts of both shared servers.
var MariaDBUsers = []lab.MariaDBUser{
	{Name: MyReaderUser, Password: MyReaderPassword, Grants: []string{
		"SELECT ON " + lab.SQLAppDatabase + ".*", "SELECT ON " + lab.SQLBilling + ".*", "SELECT ON " + lab.SQLAnalyticsDatabase + ".*"}},
	{Name: MyFilerUser, Password: MyFilerPassword, Grants: []string{"FILE ON *.*", "SELECT ON " + lab.SQLAppDatabase + ".*"}},
	{Name: MySocketUser, UnixSocket: true},
}

type sharedMy struct {
	once sync.Once
	m    *lab.MariaDB
	err  error
}

var (
	myMu      sync.Mutex
	myServers = map[string]*sharedMy{}
)

// RequireMariaDB skips the test when the server binaries are missing, unless CI is
// set, in which case the test fails: CI installs everything.
func RequireMariaDB(t testing.TB) {
	t.Helper()
	if _, _, err := lab.MariaDBBinaries(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %v", err)
		}
		t.Skipf("%v: install Debian's mariadb-server (make deps) to run this test", err)
	}
}

// MariaDBOpen returns the shared server whose root logs in from anywhere without a
// password, without TLS, seeded with lab.SQLSeedTables.
func MariaDBOpen(t testing.TB) *lab.MariaDB {
	return sharedMariaDB(t, "open", lab.MariaDBConfig{Users: MariaDBUsers})
}

// MariaDBProtected returns the shared server whose root has MyProtectedPassword
// (mysql_native_password), with TLS, seeded like MariaDBOpen.
func MariaDBProtected(t testing.TB) *lab.MariaDB {
	return sharedMariaDB(t, "protected", lab.MariaDBConfig{RootPassword: MyProtectedPassword, TLS: true, Users: MariaDBUsers})
}

// MariaDBFresh starts a server of its own for one test (seeded when seed is set),
// stopped when the test ends: for tests that read the server's general log.
func MariaDBFresh(t testing.TB, cfg lab.MariaDBConfig, seed bool) *lab.MariaDB {
	t.Helper()
	RequireMariaDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if cfg.Dir == "" {
		cfg.Dir = newDir(t)
	}
	m, err := lab.StartMariaDB(ctx, cfg)
	if err != nil {
		t.Fatalf("starting MariaDB: %v", err)
	}
	t.Cleanup(func() { _ = m.Stop(); _ = os.RemoveAll(cfg.Dir) })
	if seed {
		if err := m.SeedLeak(ctx); err != nil {
			t.Fatalf("seeding MariaDB: %v\n%s", err, m.Logs())
		}
	}
	return m
}

func sharedMariaDB(t testing.TB, name string, cfg lab.MariaDBConfig) *lab.MariaDB {
	t.Helper()
	RequireMariaDB(t)
	myMu.Lock()
	s := myServers[name]
	if s == nil {
		s = &sharedMy{}
		myServers[name] = s
	}
	myMu.Unlock()
	s.once.Do(func() {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		dir, err := makeDir()
		if err != nil {
			s.err = err
			return
		}
		cfg.Dir = dir
		m, err := lab.StartMariaDB(ctx, cfg)
		if err != nil {
			s.err = err
			return
		}
		if err := m.SeedLeak(ctx); err != nil {
			_ = m.Stop()
			s.err = fmt.Errorf("%w\n%s", err, m.Logs())
			return
		}
		s.m = m
		mu.Lock()
		stops = append(stops, func() {
			_ = m.Stop()
			myMu.Lock()
			delete(myServers, name)
			myMu.Unlock()
		})
		mu.Unlock()
		fmt.Fprintf(os.Stderr, "labtest: MariaDB %s %q on %s ready and seeded in %v\n",
			m.Version, name, m.Addr(), time.Since(start).Round(time.Millisecond))
	})
	if s.err != nil {
		t.Fatalf("lab MariaDB %q: %v", name, s.err)
	}
	return s.m
}
