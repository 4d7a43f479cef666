package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on EtcdProtected.
const (
	EtcdRootPassword   = "lab-etcd-root-pw-6b"
	EtcdReaderUser     = "app-reader" // may read /app/ only
	EtcdReaderPassword = "lab-etcd-reader-pw-2f"
)

// RequireEtcd skips the test when etcd is missing, unless CI is set.
func RequireEtcd(t testing.TB) {
	t.Helper()
	_, err := lab.EtcdBinary()
	requireBinary(t, err, "etcd-server")
}

// EtcdOpen returns the shared etcd without authentication, seeded.
func EtcdOpen(t testing.TB) *lab.Etcd {
	t.Helper()
	RequireEtcd(t)
	return shared(t, "etcd-open", etcd(lab.EtcdConfig{}))
}

// EtcdProtected returns the shared etcd seeded like EtcdOpen, then with a root user and
// a reader of /app/, and authentication enabled.
func EtcdProtected(t testing.TB) *lab.Etcd {
	t.Helper()
	RequireEtcd(t)
	return shared(t, "etcd-protected", etcd(lab.EtcdConfig{RootPassword: EtcdRootPassword,
		Users: []lab.EtcdUser{{Name: EtcdReaderUser, Password: EtcdReaderPassword, ReadPrefix: "/app/"}}}))
}

// EtcdFresh starts a member of its own for one test, seeded like EtcdOpen, stopped when
// the test ends: for tests that add to what it holds.
func EtcdFresh(t testing.TB) *lab.Etcd {
	t.Helper()
	RequireEtcd(t)
	return fresh(t, etcd(lab.EtcdConfig{}))
}

// etcd starts a member and seeds it (then adds cfg's users and enables authentication).
func etcd(cfg lab.EtcdConfig) starter[*lab.Etcd] {
	return func(ctx context.Context, dir string) (*lab.Etcd, string, error) {
		cfg.Dir = dir
		e, err := lab.StartEtcd(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if err := e.Seed(ctx, cfg); err != nil {
			return nil, "", seedFailed(e, err)
		}
		return e, fmt.Sprintf("etcd %s on %s", e.Version, e.Addr()), nil
	}
}
