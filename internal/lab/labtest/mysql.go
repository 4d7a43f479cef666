package labtest

import (
	"context"
	"fmt"
	"testing"

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

// RequireMariaDB skips the test when the server binaries are missing, unless CI is
// set, in which case the test fails: CI installs everything.
func RequireMariaDB(t testing.TB) {
	t.Helper()
	_, _, err := lab.MariaDBBinaries()
	requireBinary(t, err, "mariadb-server")
}

// MariaDBOpen returns the shared server whose root logs in from anywhere without a
// password, without TLS, seeded with lab.SQLSeedTables.
func MariaDBOpen(t testing.TB) *lab.MariaDB {
	t.Helper()
	RequireMariaDB(t)
	return shared(t, "mariadb-open", mariaDB(lab.MariaDBConfig{Users: MariaDBUsers}, true))
}

// MariaDBProtected returns the shared server whose root has MyProtectedPassword
// (mysql_native_password), with TLS, seeded like MariaDBOpen.
func MariaDBProtected(t testing.TB) *lab.MariaDB {
	t.Helper()
	RequireMariaDB(t)
	return shared(t, "mariadb-protected", mariaDB(lab.MariaDBConfig{RootPassword: MyProtectedPassword, TLS: true, Users: MariaDBUsers}, true))
}

// MariaDBFresh starts a server of its own for one test (seeded when seed is set),
// stopped when the test ends: for tests that read the server's general log.
func MariaDBFresh(t testing.TB, cfg lab.MariaDBConfig, seed bool) *lab.MariaDB {
	t.Helper()
	RequireMariaDB(t)
	return fresh(t, mariaDB(cfg, seed))
}

func mariaDB(cfg lab.MariaDBConfig, seed bool) starter[*lab.MariaDB] {
	return func(ctx context.Context, dir string) (*lab.MariaDB, string, error) {
		cfg.Dir = dir
		m, err := lab.StartMariaDB(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if seed {
			if err := m.SeedLeak(ctx); err != nil {
				return nil, "", seedFailed(m, err)
			}
		}
		return m, fmt.Sprintf("MariaDB %s on %s", m.Version, m.Addr()), nil
	}
}
