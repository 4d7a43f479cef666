package labtest

import (
	"context"
	"fmt"
	"os"
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
