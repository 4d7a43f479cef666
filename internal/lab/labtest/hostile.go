package labtest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// ClickHouseHostile returns a shared password-less ClickHouse whose only data are the
// tables of lab.HostileNames (terminal escapes, forged lines, markdown and Slack syntax
// in names), each holding lab.HostileSecret.
func ClickHouseHostile(t testing.TB) *lab.ClickHouse {
	t.Helper()
	RequireClickHouse(t)
	return shared(t, "clickhouse-hostile", func(ctx context.Context, dir string) (*lab.ClickHouse, string, error) {
		ch, err := lab.StartClickHouse(ctx, lab.ClickHouseConfig{Dir: dir})
		if err != nil {
			return nil, "", err
		}
		if err := ch.SeedHostileNames(ctx); err != nil {
			return nil, "", seedFailed(ch, err)
		}
		return ch, fmt.Sprintf("ClickHouse %s with hostile names on %s", ch.Version, strings.Join(ch.Addrs(), ",")), nil
	})
}

// PostgresHostile returns a shared PostgreSQL that trusts loopback logins, with the
// tables of lab.HostileNames in database lab.HostileDatabase.
func PostgresHostile(t testing.TB) *lab.Postgres {
	t.Helper()
	RequirePostgres(t)
	return shared(t, "postgres-hostile", func(ctx context.Context, dir string) (*lab.Postgres, string, error) {
		pg, err := lab.StartPostgres(ctx, lab.PostgresConfig{Dir: dir})
		if err != nil {
			return nil, "", err
		}
		if err := pg.SeedHostileNames(ctx); err != nil {
			return nil, "", seedFailed(pg, err)
		}
		return pg, fmt.Sprintf("PostgreSQL %s with hostile names on %s", pg.Version, pg.Addr()), nil
	})
}

// RedisHostile returns a shared password-less Redis whose only keys are
// lab.HostileNames, each holding lab.HostileSecret.
func RedisHostile(t testing.TB) *lab.Redis {
	t.Helper()
	RequireRedis(t)
	return shared(t, "redis-hostile", func(ctx context.Context, dir string) (*lab.Redis, string, error) {
		r, err := lab.StartRedis(ctx, lab.RedisConfig{Dir: dir})
		if err != nil {
			return nil, "", err
		}
		if err := r.SeedHostileNames(ctx); err != nil {
			return nil, "", seedFailed(r, err)
		}
		return r, fmt.Sprintf("Redis %s with hostile keys on %s", r.Version, r.Addr()), nil
	})
}
