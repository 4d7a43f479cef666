package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Account on PrometheusProtected.
const (
	PrometheusUser     = "ops"
	PrometheusPassword = "lab-prometheus-pw-4a"
)

// RequirePrometheus skips the test when prometheus is missing, unless CI is set.
func RequirePrometheus(t testing.TB) {
	t.Helper()
	_, err := lab.PrometheusBinary()
	requireBinary(t, err, "prometheus")
}

// PrometheusOpen returns the shared Prometheus without authentication, with the admin
// and lifecycle APIs enabled and credentials in its configuration.
func PrometheusOpen(t testing.TB) *lab.Prometheus {
	t.Helper()
	RequirePrometheus(t)
	return shared(t, "prometheus-open", prometheus(lab.PrometheusConfig{AdminAPIs: true}))
}

// PrometheusProtected returns the shared Prometheus behind basic authentication
// (--web.config.file).
func PrometheusProtected(t testing.TB) *lab.Prometheus {
	t.Helper()
	RequirePrometheus(t)
	return shared(t, "prometheus-protected", prometheus(lab.PrometheusConfig{User: PrometheusUser, Password: PrometheusPassword}))
}

// prometheus starts a server; its configuration is its seed.
func prometheus(cfg lab.PrometheusConfig) starter[*lab.Prometheus] {
	return func(ctx context.Context, dir string) (*lab.Prometheus, string, error) {
		cfg.Dir = dir
		p, err := lab.StartPrometheus(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		return p, fmt.Sprintf("Prometheus %s on %s", p.Version, p.Addr()), nil
	}
}
