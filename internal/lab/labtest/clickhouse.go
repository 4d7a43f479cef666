package labtest

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on ClickHouseProtected.
const (
	ProtectedPassword = "lab-default-pw-4f1c" // the default user's
	ReaderUser        = "reader"              // profile readonly (readonly=1)
	ReaderPassword    = "reader-pw-77"
	Reader2User       = "reader2" // profile readonly2 (readonly=2)
	Reader2Password   = "reader2-pw-31"
	ShaUser           = "analyst" // password stored as sha256, read-write profile
	ShaPassword       = "analyst-pw-09"
)

// RequireClickHouse skips the test when the server binary is missing, unless CI is set,
// in which case the test fails: CI installs everything.
func RequireClickHouse(t testing.TB) {
	t.Helper()
	_, _, err := lab.ClickHouseBinary()
	requireBinary(t, err, "clickhouse-server")
}

// ClickHouseOpen returns the shared password-less server seeded like the incident, with
// HTTPS and native TLS ports open.
func ClickHouseOpen(t testing.TB) *lab.ClickHouse {
	t.Helper()
	RequireClickHouse(t)
	return shared(t, "clickhouse-open", clickHouse(lab.ClickHouseConfig{TLS: true, DisplayName: "lab-open"}, true))
}

// ClickHouseProtected returns the shared server whose default user has
// ProtectedPassword, with readonly, readonly=2 and sha256-password users, seeded like
// the incident (only its password keeps the data in).
func ClickHouseProtected(t testing.TB) *lab.ClickHouse {
	t.Helper()
	RequireClickHouse(t)
	return shared(t, "clickhouse-protected", clickHouse(lab.ClickHouseConfig{
		TLS: true, DisplayName: "lab-protected", Password: ProtectedPassword, PasswordSHA256: true,
		Users: []lab.ClickHouseUser{
			{Name: ReaderUser, Password: ReaderPassword, Profile: lab.ProfileReadonly},
			{Name: Reader2User, Password: Reader2Password, Profile: lab.ProfileReadonly2},
			{Name: ShaUser, Password: ShaPassword, SHA256: true},
		},
	}, true))
}

// ClickHouseFresh starts a server of its own for one test, seeded like the incident
// (when seed is set) and stopped when the test ends: for tests that read the server's
// query log and need nobody else's queries in it.
func ClickHouseFresh(t testing.TB, cfg lab.ClickHouseConfig, seed bool) *lab.ClickHouse {
	t.Helper()
	RequireClickHouse(t)
	return fresh(t, clickHouse(cfg, seed))
}

func clickHouse(cfg lab.ClickHouseConfig, seed bool) starter[*lab.ClickHouse] {
	return func(ctx context.Context, dir string) (*lab.ClickHouse, string, error) {
		cfg.Dir = dir
		ch, err := lab.StartClickHouse(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if seed {
			if err := ch.SeedIncident(ctx); err != nil {
				return nil, "", seedFailed(ch, err)
			}
		}
		return ch, fmt.Sprintf("ClickHouse %s on %s", ch.Version, strings.Join(ch.Addrs(), ",")), nil
	}
}
