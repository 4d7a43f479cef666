package labtest

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// RequireDocker skips the test when dockerd or a static busybox is missing, unless CI
// is set.
func RequireDocker(t testing.TB) {
	t.Helper()
	_, err := lab.DockerBinary()
	requireBinary(t, err, "docker.io")
	_, err = lab.StaticBusybox()
	requireBinary(t, err, "busybox-static")
}

// DockerOpen returns the shared daemon that answers on plain TCP without
// authentication, seeded with images and running containers (lab.DockerSeed).
func DockerOpen(t testing.TB) *lab.Docker {
	t.Helper()
	RequireDocker(t)
	return shared(t, "docker-open", docker(lab.DockerConfig{}))
}

// DockerProtected returns the shared daemon with --tlsverify (client certificates of
// the lab's CA only), seeded like DockerOpen through the lab's client certificate.
func DockerProtected(t testing.TB) *lab.Docker {
	t.Helper()
	RequireDocker(t)
	return shared(t, "docker-protected", docker(lab.DockerConfig{TLSVerify: true}))
}

func docker(cfg lab.DockerConfig) starter[*lab.Docker] {
	return func(ctx context.Context, dir string) (*lab.Docker, string, error) {
		cfg.Dir = dir
		d, err := lab.StartDocker(ctx, cfg)
		if err != nil {
			return nil, "", err
		}
		if err := d.Seed(ctx); err != nil {
			return nil, "", seedFailed(d, err)
		}
		return d, fmt.Sprintf("dockerd %s on %s (tlsverify=%v)", d.Version, d.Addr(), d.TLSVerify), nil
	}
}
