package labtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on the protected FerretDB.
const (
	FerretDBUser     = "shopadmin"
	FerretDBPassword = "lab-ferret-pw-4a9c"
)

// requireBuilt skips the test when a server that scripts/build-servers.sh builds is
// missing, unless CI is set, in which case the test fails: CI builds everything.
func requireBuilt(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but %v", err)
	}
	t.Skipf("%v", err)
}

// RequireFerretDB skips the test when FerretDB is not built, unless CI is set.
func RequireFerretDB(t testing.TB) {
	t.Helper()
	_, err := lab.FerretDBBinary()
	requireBuilt(t, err)
}

// FerretDBOpen returns the shared FerretDB on SQLite without authentication, seeded.
func FerretDBOpen(t testing.TB) *lab.FerretDB {
	t.Helper()
	RequireFerretDB(t)
	return shared(t, "ferretdb-open", ferretDB(lab.FerretDBConfig{}))
}

// FerretDBProtected returns the shared FerretDB on SQLite with SCRAM authentication
// (FerretDBUser), seeded like FerretDBOpen.
func FerretDBProtected(t testing.TB) *lab.FerretDB {
	t.Helper()
	RequireFerretDB(t)
	return shared(t, "ferretdb-protected", ferretDB(lab.FerretDBConfig{User: FerretDBUser, Password: FerretDBPassword}))
}

// FerretDBFresh starts a server of its own for one test, seeded, stopped when the test
// ends: for tests that read its request log.
func FerretDBFresh(t testing.TB, cfg lab.FerretDBConfig) *lab.FerretDB {
	t.Helper()
	RequireFerretDB(t)
	return fresh(t, ferretDB(cfg))
}

func ferretDB(cfg lab.FerretDBConfig) starter[*lab.FerretDB] {
	return func(ctx context.Context, dir string) (*lab.FerretDB, string, error) {
		cfg.Dir = dir
		f, err := lab.StartFerretDB(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if err := f.Seed(ctx); err != nil {
			return nil, "", seedFailed(f, err)
		}
		return f, fmt.Sprintf("FerretDB %s (%s) on %s", f.Version, f.Backend, f.Addr()), nil
	}
}

// The PostgreSQL role FerretDBPostgres keeps its data as, and the only login there
// apart from the superuser.
const (
	FerretDBPGUser     = "shopowner"
	FerretDBPGPassword = "lab-ferret-pg-pw-2d71"
)

// FerretDBOnPostgres is a FerretDB whose backend is a PostgreSQL of its own with
// password authentication (scram-sha-256 over TCP).
type FerretDBOnPostgres struct {
	*lab.FerretDB
	Postgres *lab.Postgres
}

// Stop stops FerretDB, then its PostgreSQL.
func (f *FerretDBOnPostgres) Stop() error {
	return errors.Join(f.FerretDB.Stop(), f.Postgres.Stop())
}

// Logs are both servers' logs.
func (f *FerretDBOnPostgres) Logs() string {
	return f.FerretDB.Logs() + "\n--- postgres ---\n" + f.Postgres.Logs()
}

// FerretDBPostgres returns the shared FerretDB on a password-protected PostgreSQL, with
// a plain listener and a TLS one (the lab's self-signed certificate, CertFile), seeded
// like FerretDBOpen through PLAIN as FerretDBPGUser. FerretDB v1 offers clients only
// PLAIN there and hands their credentials to PostgreSQL.
func FerretDBPostgres(t testing.TB) *FerretDBOnPostgres {
	t.Helper()
	RequireFerretDB(t)
	RequirePostgres(t)
	return shared(t, "ferretdb-postgres", func(ctx context.Context, dir string) (*FerretDBOnPostgres, string, error) {
		pg, err := lab.StartPostgres(ctx, lab.PostgresConfig{Dir: filepath.Join(dir, "postgres"),
			Password: "lab-ferret-pg-super-5c1e", LogStatements: true})
		if err != nil {
			return nil, "", err
		}
		url, err := lab.FerretDBBackend(ctx, pg, FerretDBPGUser, FerretDBPGPassword)
		if err != nil {
			return nil, "", seedFailed(pg, err)
		}
		f, err := lab.StartFerretDB(ctx, lab.FerretDBConfig{Dir: filepath.Join(dir, "ferretdb"), PostgresURL: url, TLS: true,
			User: FerretDBPGUser, Password: FerretDBPGPassword})
		if err != nil {
			_ = pg.Stop()
			return nil, "", err
		}
		both := &FerretDBOnPostgres{FerretDB: f, Postgres: pg}
		if err := f.Seed(ctx); err != nil {
			return nil, "", seedFailed(both, err)
		}
		return both, fmt.Sprintf("FerretDB %s on PostgreSQL %s, on %s and %s (TLS)", f.Version, pg.Version, f.Addr(), f.TLSAddr()), nil
	})
}
