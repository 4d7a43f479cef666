package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on the protected Memcached servers.
const (
	MemcachedUser     = "cacheuser"
	MemcachedPassword = "lab-memcached-pw-3d"
)

// RequireMemcached skips the test when memcached is missing, unless CI is set.
func RequireMemcached(t testing.TB) {
	t.Helper()
	_, err := lab.MemcachedBinary()
	requireBinary(t, err, "memcached")
}

// MemcachedOpen returns the shared open Memcached, seeded.
func MemcachedOpen(t testing.TB) *lab.Memcached {
	t.Helper()
	RequireMemcached(t)
	return shared(t, "memcached-open", memcached(lab.MemcachedConfig{}, true))
}

// MemcachedASCIIAuth returns the shared Memcached with ASCII authentication (-Y),
// seeded through an authenticated connection.
func MemcachedASCIIAuth(t testing.TB) *lab.Memcached {
	t.Helper()
	RequireMemcached(t)
	return shared(t, "memcached-ascii-auth", memcached(lab.MemcachedConfig{AuthUser: MemcachedUser, AuthPassword: MemcachedPassword}, true))
}

// MemcachedSASL returns the shared Memcached with SASL (-S), seeded over the binary
// protocol. It needs saslpasswd2 (Debian's sasl2-bin).
func MemcachedSASL(t testing.TB) *lab.Memcached {
	t.Helper()
	_, err := lab.Saslpasswd2()
	requireBinary(t, err, "sasl2-bin")
	RequireMemcached(t)
	return shared(t, "memcached-sasl", memcached(lab.MemcachedConfig{AuthUser: MemcachedUser, AuthPassword: MemcachedPassword, SASL: true}, true))
}

// MemcachedFresh starts a server of its own for one test.
func MemcachedFresh(t testing.TB, cfg lab.MemcachedConfig, seed bool) *lab.Memcached {
	t.Helper()
	RequireMemcached(t)
	return fresh(t, memcached(cfg, seed))
}

func memcached(cfg lab.MemcachedConfig, seed bool) starter[*lab.Memcached] {
	return func(ctx context.Context, dir string) (*lab.Memcached, string, error) {
		cfg.Dir = dir
		m, err := lab.StartMemcached(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if seed {
			if err := m.Seed(ctx); err != nil {
				return nil, "", seedFailed(m, err)
			}
		}
		return m, fmt.Sprintf("Memcached %s on %s", m.Version, m.Addr()), nil
	}
}
