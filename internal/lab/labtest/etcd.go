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
func EtcdOpen(t testing.TB) *lab.Etcd { return sharedEtcd(t, "etcd-open", lab.EtcdConfig{}) }

// EtcdProtected returns the shared etcd seeded like EtcdOpen, then with a root user and
// a reader of /app/, and authentication enabled.
func EtcdProtected(t testing.TB) *lab.Etcd {
	return sharedEtcd(t, "etcd-protected", lab.EtcdConfig{RootPassword: EtcdRootPassword,
		Users: []lab.EtcdUser{{Name: EtcdReaderUser, Password: EtcdReaderPassword, ReadPrefix: "/app/"}}})
}

func sharedEtcd(t testing.TB, name string, cfg lab.EtcdConfig) *lab.Etcd {
	t.Helper()
	RequireEtcd(t)
	return kvShared(t, name, func(ctx context.Context, dir string) (*lab.Etcd, func() error, string, error) {
		cfg.Dir = dir
		e, err := lab.StartEtcd(ctx, cfg)
		if err != nil {
			return nil, nil, "", err
		}
		if err := e.Seed(ctx, cfg); err != nil {
			_ = e.Stop()
			return nil, nil, "", fmt.Errorf("%w\n%s", err, e.Logs())
		}
		return e, e.Stop, fmt.Sprintf("etcd %s on %s, seeded", e.Version, e.Addr()), nil
	})
}
