package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on PouchDBProtected.
const (
	PouchDBAdminPassword  = "lab-pouch-admin-7e1b" // server admin "admin"
	PouchDBMemberUser     = "shopapp"              // member of lab.PouchDBShop only
	PouchDBMemberPassword = "lab-pouch-app-3c55"
)

// RequirePouchDB skips the test when pouchdb-server is not installed, unless CI is set.
func RequirePouchDB(t testing.TB) {
	t.Helper()
	_, err := lab.PouchDBBinary()
	requireBuilt(t, err)
}

// PouchDBOpen returns the shared pouchdb-server in admin party, seeded.
func PouchDBOpen(t testing.TB) *lab.PouchDB {
	t.Helper()
	RequirePouchDB(t)
	return shared(t, "pouchdb-open", pouchDB(lab.PouchDBConfig{}))
}

// PouchDBProtected returns the shared pouchdb-server seeded like PouchDBOpen, then with
// members on every database, a member user and a server admin.
func PouchDBProtected(t testing.TB) *lab.PouchDB {
	t.Helper()
	RequirePouchDB(t)
	return shared(t, "pouchdb-protected", pouchDB(lab.PouchDBConfig{AdminPassword: PouchDBAdminPassword,
		MemberUser: PouchDBMemberUser, MemberPassword: PouchDBMemberPassword}))
}

// PouchDBFresh starts a pouchdb-server of its own for one test, seeded like
// PouchDBOpen and stopped when the test ends: for tests that add databases.
func PouchDBFresh(t testing.TB, cfg lab.PouchDBConfig) *lab.PouchDB {
	t.Helper()
	RequirePouchDB(t)
	return fresh(t, pouchDB(cfg))
}

func pouchDB(cfg lab.PouchDBConfig) starter[*lab.PouchDB] {
	return func(ctx context.Context, dir string) (*lab.PouchDB, string, error) {
		cfg.Dir = dir
		p, err := lab.StartPouchDB(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if err := p.Seed(ctx, cfg); err != nil {
			return nil, "", seedFailed(p, err)
		}
		return p, fmt.Sprintf("pouchdb-server %s on %s", p.Version, p.Addr()), nil
	}
}
