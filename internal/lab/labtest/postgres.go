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

type sharedPG struct {
	once sync.Once
	pg   *lab.Postgres
	err  error
}

var (
	pgMu      sync.Mutex
	pgServers = map[string]*sharedPG{}
)

// RequirePostgres skips the test when the server binaries are missing, unless CI is
// set, in which case the test fails: CI installs everything.
func RequirePostgres(t testing.TB) {
	t.Helper()
	if _, err := lab.PostgresBinDir(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %v", err)
		}
		t.Skipf("%v: install Debian's postgresql (make deps) to run this test", err)
	}
}

// PostgresOpen returns the shared server that trusts every TCP login from loopback,
// without TLS, seeded with lab.SQLSeedTables.
func PostgresOpen(t testing.TB) *lab.Postgres {
	return sharedPostgres(t, "open", lab.PostgresConfig{Users: pgUsers})
}

// PostgresProtected returns the shared server that wants scram-sha-256 passwords over
// TCP (postgres: PGProtectedPassword), with TLS, seeded like PostgresOpen.
func PostgresProtected(t testing.TB) *lab.Postgres {
	return sharedPostgres(t, "protected", lab.PostgresConfig{Password: PGProtectedPassword, TLS: true, Users: pgUsers})
}

// PostgresFresh starts a server of its own for one test (seeded when seed is set),
// stopped when the test ends: for tests that read the server's statement log.
func PostgresFresh(t testing.TB, cfg lab.PostgresConfig, seed bool) *lab.Postgres {
	t.Helper()
	RequirePostgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if cfg.Dir == "" {
		cfg.Dir = newDir(t)
	}
	pg, err := lab.StartPostgres(ctx, cfg)
	if err != nil {
		t.Fatalf("starting PostgreSQL: %v", err)
	}
	t.Cleanup(func() { _ = pg.Stop(); _ = os.RemoveAll(cfg.Dir) })
	if seed {
		if err := pg.SeedLeak(ctx, cfg); err != nil {
			t.Fatalf("seeding PostgreSQL: %v\n%s", err, pg.Logs())
		}
	}
	return pg
}

func sharedPostgres(t testing.TB, name string, cfg lab.PostgresConfig) *lab.Postgres {
	t.Helper()
	RequirePostgres(t)
	pgMu.Lock()
	s := pgServers[name]
	if s == nil {
		s = &sharedPG{}
		pgServers[name] = s
	}
	pgMu.Unlock()
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
		pg, err := lab.StartPostgres(ctx, cfg)
		if err != nil {
			s.err = err
			return
		}
		if err := pg.SeedLeak(ctx, cfg); err != nil {
			_ = pg.Stop()
			s.err = fmt.Errorf("%w\n%s", err, pg.Logs())
			return
		}
		s.pg = pg
		mu.Lock()
		stops = append(stops, func() {
			_ = pg.Stop()
			pgMu.Lock()
			delete(pgServers, name)
			pgMu.Unlock()
		})
		mu.Unlock()
		fmt.Fprintf(os.Stderr, "labtest: PostgreSQL %s %q on %s ready and seeded in %v\n",
			pg.Version, name, pg.Addr(), time.Since(start).Round(time.Millisecond))
	})
	if s.err != nil {
		t.Fatalf("lab PostgreSQL %q: %v", name, s.err)
	}
	return s.pg
}
