package target

import (
	"context"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingResolver answers from a table after a pause, counting lookups; a lookup
// whose context ends first returns the context's error.
type countingResolver struct {
	table tableResolver
	pause time.Duration
	n     atomic.Int32
}

func (c *countingResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	c.n.Add(1)
	select {
	case <-time.After(c.pause):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return c.table.LookupNetIP(ctx, network, host)
}

// TestOnceResolver: concurrent callers share one lookup, each family gets its part of
// the one answer, errors are kept, and a lookup abandoned by its caller is not.
func TestOnceResolver(t *testing.T) {
	c := &countingResolver{table: tableResolver{"both.test": {netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("2001:db8::1")}},
		pause: 20 * time.Millisecond}
	o := OnceResolver(c)
	if OnceResolver(o) != o {
		t.Fatal("wrapping a OnceResolver again makes a second cache")
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			network := [...]string{"ip", "ip4", "ip6"}[i%3]
			addrs, err := o.LookupNetIP(context.Background(), network, "both.test")
			want := map[string]int{"ip": 2, "ip4": 1, "ip6": 1}[network]
			if err != nil || len(addrs) != want {
				t.Errorf("%s: %v %v, want %d addresses", network, addrs, err, want)
			}
		}()
	}
	wg.Wait()
	if _, err := o.LookupNetIP(context.Background(), "ip", "gone.test"); err == nil {
		t.Fatal("unknown name resolved")
	}
	o.LookupNetIP(context.Background(), "ip", "gone.test")
	if n := c.n.Load(); n != 2 {
		t.Fatalf("%d lookups, want 2 (one a name, errors kept)", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if _, err := o.LookupNetIP(ctx, "ip", "late.test"); err == nil {
		t.Fatal("abandoned lookup answered")
	}
	c.table["late.test"] = []netip.Addr{netip.MustParseAddr("10.0.0.9")}
	if addrs, err := o.LookupNetIP(context.Background(), "ip", "late.test"); err != nil || len(addrs) != 1 {
		t.Fatalf("after an abandoned lookup: %v %v", addrs, err)
	}
}
