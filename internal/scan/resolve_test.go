package scan

import (
	"context"
	"net/netip"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/redis"
	"github.com/leakwatch/leakwatch/internal/target"
	"github.com/leakwatch/leakwatch/internal/target/targettest"
)

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
	dns := targettest.NewFlakyDNS(map[string][]string{"db.localhost": {"127.0.0.2", "127.0.0.3"}, "app.localhost": {"127.0.0.4"}})
	pipe := DefaultConfig()
	pipe.Probers = []store.Prober{redis.New()}
	job, err := NewJob(context.Background(), JobConfig{Targets: specs, Concurrency: 1, PerHost: 1, Pipeline: pipe,
		Target: target.Config{Ports: []int{9000}, Exclude: []target.Spec{ex}, Resolver: dns}})
	if err != nil {
		t.Fatalf("NewJob: %v", err)
	}
	if dns.Calls("db.localhost") != 1 || dns.Calls("app.localhost") != 1 {
		t.Fatalf("lookups: db %d, app %d; want one a name", dns.Calls("db.localhost"), dns.Calls("app.localhost"))
	}
	if job.Set.ContainsAddr(netip.MustParseAddr("127.0.0.2")) || !job.Set.ContainsAddr(netip.MustParseAddr("127.0.0.3")) ||
		job.known.Contains(netip.MustParseAddr("127.0.0.2"), 9000) || !job.known.Contains(netip.MustParseAddr("127.0.0.3"), 9000) {
		t.Fatal("the two Sets disagree on the excluded address")
	}
}
