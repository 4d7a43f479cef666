package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// The root account of MinIOProtected.
const (
	MinIORootUser     = "lab-root"
	MinIORootPassword = "lab-minio-root-pw-9d3f"
)

// RequireMinIO skips the test when MinIO is not built, unless CI is set.
func RequireMinIO(t testing.TB) {
	t.Helper()
	_, err := lab.MinIOBinary()
	requireBuilt(t, err)
}

// MinIOOpen returns the shared MinIO with its built-in root account
// minioadmin/minioadmin, seeded, its audit log sent to this process.
func MinIOOpen(t testing.TB) *lab.MinIO {
	t.Helper()
	RequireMinIO(t)
	return shared(t, "minio-open", minIO(lab.MinIOConfig{Audit: true}))
}

// MinIOProtected returns the shared MinIO with its own root account, seeded like
// MinIOOpen.
func MinIOProtected(t testing.TB) *lab.MinIO {
	t.Helper()
	RequireMinIO(t)
	return shared(t, "minio-protected", minIO(lab.MinIOConfig{RootUser: MinIORootUser, RootPassword: MinIORootPassword, Audit: true}))
}

func minIO(cfg lab.MinIOConfig) starter[*lab.MinIO] {
	return func(ctx context.Context, dir string) (*lab.MinIO, string, error) {
		cfg.Dir = dir
		m, err := lab.StartMinIO(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if err := m.Seed(ctx); err != nil {
			return nil, "", seedFailed(m, err)
		}
		return m, fmt.Sprintf("MinIO %s on %s", m.Version, m.Addr()), nil
	}
}

// MinIOFresh starts a MinIO of its own for one test, seeded like MinIOOpen, stopped
// when the test ends: for tests that add to what it holds.
func MinIOFresh(t testing.TB, cfg lab.MinIOConfig) *lab.MinIO {
	t.Helper()
	RequireMinIO(t)
	return fresh(t, minIO(cfg))
}
