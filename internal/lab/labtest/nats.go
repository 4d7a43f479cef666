package labtest

import (
	"context"
	"testing"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// RequireNATS skips the test when nats-server is missing, unless CI is set.
func RequireNATS(t testing.TB) {
	t.Helper()
	_, err := lab.NATSBinary()
	requireBinary(t, err, "nats-server")
}

// NATSFresh starts a NATS server with JetStream of its own for one test, stopped when
// the test ends: queues and their streams start empty.
func NATSFresh(t testing.TB) *lab.NATS {
	t.Helper()
	RequireNATS(t)
	return fresh(t, func(ctx context.Context, dir string) (*lab.NATS, string, error) {
		n, err := lab.StartNATS(ctx, lab.NATSConfig{Dir: dir})
		if err != nil {
			return nil, "", err
		}
		return n, "NATS on " + n.Addr(), nil
	})
}

// NATSWith starts a NATS server with JetStream and the configuration conf (see
// lab.NATSConfig.Conf) for one test, stopped when the test ends.
func NATSWith(t testing.TB, conf string) *lab.NATS {
	t.Helper()
	RequireNATS(t)
	return fresh(t, func(ctx context.Context, dir string) (*lab.NATS, string, error) {
		n, err := lab.StartNATS(ctx, lab.NATSConfig{Dir: dir, Conf: conf})
		if err != nil {
			return nil, "", err
		}
		return n, "NATS on " + n.Addr(), nil
	})
}
