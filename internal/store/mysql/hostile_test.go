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
	ep := probetest.EndlessMySQLRow(t, "8.0.36", 0, &sent)
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

// A server that drips an endless row, one byte within every read timeout: the driver
// reads the rest of a result it was told to close without watching the query's context,
// so the probe used to stay with the server for as long as it kept dripping (past
// InventoryTimeout and the target's deadline). The connection is now closed when the
// query's time is up.
func TestHostileDrippingRow(t *testing.T) {
	var sent atomic.Int64
	ep := probetest.EndlessMySQLRow(t, "8.0.36", 200*time.Millisecond, &sent)
	o := probetest.Options()
	o.IOTimeout = time.Second
	o.InventoryTimeout = 4 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	start := time.Now()
	res, _ := New().Probe(ctx, ep, &o)
	if took := time.Since(start); took > 10*time.Second {
		t.Fatalf("the probe stayed %v with a dripping server (inventory timeout %v)", took, o.InventoryTimeout)
	}
	if res == nil || res.Service.Version != "8.0.36" || !res.Service.Auth.Open() {
		t.Fatalf("res %+v", res)
	}
}
