package mysql

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// A server whose answer to a query never ends used to be read whole by the driver, which
// joins a split packet in memory with no cap: 931 MiB in 30 s here, past the query's
// deadline, enough to end the process and every other target's results. Each query now
// reads at most MaxResponseBytes (and the connection's buffers), and the service says
// the answer was too large.
func TestHostileEndlessRow(t *testing.T) {
	var sent atomic.Int64
	ep := probetest.EndlessMySQLRow(t, "8.0.36", &sent)
	o := probetest.Options()
	o.IOTimeout = 3 * time.Second
	o.InventoryTimeout = 10 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	res, _ := New().Probe(ctx, ep, &o)
	if res == nil || res.Service.Version != "8.0.36" {
		t.Fatalf("not identified: %+v", res)
	}
	if n := sent.Load(); n > 32<<20 {
		t.Fatalf("the client read %d MiB of one answer (cap %d MiB) in %v", n>>20, o.MaxResponseBytes>>20, time.Since(start))
	}
	if !strings.Contains(res.Service.Error, store.ErrTooLarge.Error()) {
		t.Fatalf("the error does not say the answer was too large: %q", res.Service.Error)
	}
	t.Logf("server sent %d KiB; probe took %v; auth %s", sent.Load()>>10, time.Since(start), res.Service.Auth)
}
