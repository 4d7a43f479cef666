package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on the PostgreSQL lab servers.
const (
	PGProtectedPassword = "lab-pg-postgres-8d2e" // postgres on PostgresProtected
	PGReaderUser        = "reader"               // SELECT on the seeded tables only
	PGReaderPassword    = "reader-pg-pw-51"
	PGFilesUser         = "etl" // member of pg_read_server_files and pg_execute_server_program
	PGFilesPassword     = "etl-pg-pw-73"
)

// pgUsers are the extra roles of both shared servers.
var pgUsers = []lab.PostgresUser{
	{Name: PGReaderUser, Password: PGReaderPassword, Select: true},
	{Name: PGFilesUser, Password: PGFilesPassword, Select: true, Roles: []string{"pg_read_server_files", "pg_execute_server_program"}},
}

// RequirePostgres skips the test when the server binaries are missing, unless CI is
// set, in which case the test fails: CI installs everything.
func RequirePostgres(t testing.TB) {
	t.Helper()
	_, err := lab.PostgresBinDir()
	requireBinary(t, err, "postgresql")
}

// PostgresOpen returns the shared server that trusts every TCP login from loopback,
// without TLS, seeded with lab.SQLSeedTables.
func PostgresOpen(t testing.TB) *lab.Postgres {
	t.Helper()
	RequirePostgres(t)
	return shared(t, "postgres-open", postgres(lab.PostgresConfig{Users: pgUsers}, true))
}

// PostgresProtected returns the shared server that wants scram-sha-256 passwords over
// TCP (postgres: PGProtectedPassword), with TLS, seeded like PostgresOpen.
func PostgresProtected(t testing.TB) *lab.Postgres {
	t.Helper()
	RequirePostgres(t)
	return shared(t, "postgres-protected", postgres(lab.PostgresConfig{Password: PGProtectedPassword, TLS: true, Users: pgUsers}, true))
}

// PostgresFresh starts a server of its own for one test (seeded when seed is set),
// stopped when the test ends: for tests that read the server's statement log.
func PostgresFresh(t testing.TB, cfg lab.PostgresConfig, seed bool) *lab.Postgres {
	t.Helper()
	RequirePostgres(t)
	return fresh(t, postgres(cfg, seed))
}

func postgres(cfg lab.PostgresConfig, seed bool) starter[*lab.Postgres] {
	return func(ctx context.Context, dir string) (*lab.Postgres, string, error) {
		cfg.Dir = dir
		pg, err := lab.StartPostgres(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if seed {
			if err := pg.SeedLeak(ctx, cfg); err != nil {
				return nil, "", seedFailed(pg, err)
			}
		}
		return pg, fmt.Sprintf("PostgreSQL %s on %s", pg.Version, pg.Addr()), nil
	}
}
