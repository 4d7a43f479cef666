package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Accounts on InfluxDBProtected.
const (
	InfluxAdminPassword  = "lab-influx-admin-pw-8e"
	InfluxReaderUser     = "grafana"
	InfluxReaderPassword = "lab-influx-reader-pw-1c"
)

// RequireInfluxDB skips the test when influxd is missing, unless CI is set.
func RequireInfluxDB(t testing.TB) {
	t.Helper()
	_, err := lab.InfluxDBBinary()
	requireBinary(t, err, "influxdb")
}

// InfluxDBOpen returns the shared InfluxDB without authentication, seeded.
func InfluxDBOpen(t testing.TB) *lab.InfluxDB {
	t.Helper()
	RequireInfluxDB(t)
	return shared(t, "influxdb-open", influxDB(lab.InfluxDBConfig{}))
}

// InfluxDBProtected returns the shared InfluxDB with authentication, an admin user and a
// reader of app_events, seeded like InfluxDBOpen.
func InfluxDBProtected(t testing.TB) *lab.InfluxDB {
	t.Helper()
	RequireInfluxDB(t)
	return shared(t, "influxdb-protected", influxDB(lab.InfluxDBConfig{Auth: true, AdminPassword: InfluxAdminPassword,
		ReaderUser: InfluxReaderUser, ReaderPassword: InfluxReaderPassword}))
}

// InfluxDBFresh starts a server of its own for one test, seeded.
func InfluxDBFresh(t testing.TB, cfg lab.InfluxDBConfig) *lab.InfluxDB {
	t.Helper()
	RequireInfluxDB(t)
	return fresh(t, influxDB(cfg))
}

// influxDB starts a server and seeds it (with cfg's users when it has any).
func influxDB(cfg lab.InfluxDBConfig) starter[*lab.InfluxDB] {
	return func(ctx context.Context, dir string) (*lab.InfluxDB, string, error) {
		cfg.Dir = dir
		s, err := lab.StartInfluxDB(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if err := s.Seed(ctx, cfg); err != nil {
			return nil, "", seedFailed(s, err)
		}
		return s, fmt.Sprintf("InfluxDB %s on %s", s.Version, s.Addr()), nil
	}
}
