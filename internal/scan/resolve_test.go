package scan

import (
	"context"
	"net"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/redis"
	"github.com/leakwatch/leakwatch/internal/target"
)

// flakyDNS answers each name from a list, one answer per lookup in turn, then fails
// like a server that stopped answering; it counts lookups.
type flakyDNS struct {
	mu      sync.Mutex
	answers map[string][]string
	calls   map[string]int
}

func (d *flakyDNS) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := d.calls[host]
	d.calls[host]++
	if n >= len(d.answers[host]) {
		return nil, &net.DNSError{Err: "server misbehaving", Name: host, IsTemporary: true}
	}
	return []netip.Addr{netip.MustParseAddr(d.answers[host][n])}, nil
}

// TestNewJobResolvesEachNameOnce: a job with ports another scanner reported open builds
// two Sets; the excluded name is looked up once for both, so a changed answer (or a
// failing server) on a second lookup neither moves the exclusion nor fails the scan.
func TestNewJobResolvesEachNameOnce(t *testing.T) {
	list := "#masscan\nopen tcp 9000 127.0.0.2 1796423139\nopen tcp 9000 127.0.0.3 1796423139\n# end\n"
	specs, err := target.ReadList(strings.NewReader(list), "scan.lst")
	if err != nil {
		t.Fatal(err)
	}
	name, _ := target.ParseSpec("app.localhost")
	specs = append(specs, name)
	ex, _ := target.ParseExclude("db.localhost")
	dns := &flakyDNS{answers: map[string][]string{"db.localhost": {"127.0.0.2", "127.0.0.3"}, "app.localhost": {"127.0.0.4"}},
		calls: map[string]int{}}
	pipe := DefaultConfig()
	pipe.Probers = []store.Prober{redis.New()}
	job, err := NewJob(context.Background(), JobConfig{Targets: specs, Concurrency: 1, PerHost: 1, Pipeline: pipe,
		Target: target.Config{Ports: []int{9000}, Exclude: []target.Spec{ex}, Resolver: dns}})
	if err != nil {
		t.Fatalf("NewJob: %v", err)
	}
	if dns.calls["db.localhost"] != 1 || dns.calls["app.localhost"] != 1 {
		t.Fatalf("lookups %v, want one a name", dns.calls)
	}
	if job.Set.ContainsAddr(netip.MustParseAddr("127.0.0.2")) || !job.Set.ContainsAddr(netip.MustParseAddr("127.0.0.3")) ||
		job.known.Contains(netip.MustParseAddr("127.0.0.2"), 9000) || !job.known.Contains(netip.MustParseAddr("127.0.0.3"), 9000) {
		t.Fatal("the two Sets disagree on the excluded address")
	}
}
