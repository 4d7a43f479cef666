package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on RedisProtected.
const (
	RedisPassword       = "lab-redis-pw-5c2e" // requirepass: the default user's password
	RedisReaderUser     = "reader"            // ACL user: read commands only
	RedisReaderPassword = "reader-redis-pw-81"
	RedisAdminUser      = "admin" // ACL user: +@all
	RedisAdminPassword  = "admin-redis-pw-17"
)

// RequireRedis skips the test when redis-server is missing, unless CI is set.
func RequireRedis(t testing.TB) {
	t.Helper()
	_, err := lab.RedisBinary()
	requireBinary(t, err, "redis-server")
}

// RedisOpen returns the shared password-less Redis, seeded, with protected mode off and
// the Redis 7 protections of CONFIG SET dir and MODULE LOAD lifted (Unsafe), as on
// servers configured from old tutorials.
func RedisOpen(t testing.TB) *lab.Redis {
	t.Helper()
	RequireRedis(t)
	return shared(t, "redis-open", redis(lab.RedisConfig{Unsafe: true}, true))
}

// RedisProtected returns the shared Redis with RedisPassword, a read-only ACL user and
// an admin user, seeded like RedisOpen.
func RedisProtected(t testing.TB) *lab.Redis {
	t.Helper()
	RequireRedis(t)
	return shared(t, "redis-protected", redis(ProtectedRedisConfig(), true))
}

// ProtectedRedisConfig is the configuration of RedisProtected.
func ProtectedRedisConfig() lab.RedisConfig {
	return lab.RedisConfig{Password: RedisPassword, Users: []lab.RedisUser{
		{Name: RedisReaderUser, Password: RedisReaderPassword, Rules: "~* &* +@read +@connection -@dangerous +info +acl|whoami"},
		{Name: RedisAdminUser, Password: RedisAdminPassword, Rules: "~* &* +@all"},
	}}
}

// RedisFresh starts a server of its own for one test, seeded when seed is set.
func RedisFresh(t testing.TB, cfg lab.RedisConfig, seed bool) *lab.Redis {
	t.Helper()
	RequireRedis(t)
	return fresh(t, redis(cfg, seed))
}

func redis(cfg lab.RedisConfig, seed bool) starter[*lab.Redis] {
	return func(ctx context.Context, dir string) (*lab.Redis, string, error) {
		cfg.Dir = dir
		r, err := lab.StartRedis(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if seed {
			if err := r.Seed(ctx); err != nil {
				return nil, "", seedFailed(r, err)
			}
		}
		return r, fmt.Sprintf("Redis %s on %s", r.Version, r.Addr()), nil
	}
}
