package elasticsearch

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileNodePathsFlood: a node's settings.path was decoded whole into a map of
// which four members are read (home, data, logs, repo): 8 MiB of distinct members
// (650,000) cost far more than the answer. Only those four are decoded now, and the
// node's evidence is what it was.
func TestHostileNodePathsFlood(t *testing.T) {
	var flood strings.Builder
	flood.WriteString(`{"nodes":{"a":{"name":"es-1","transport_address":"10.0.0.1:9300","settings":{"path":{"home":"/usr/share/es","data":"/var/es"`)
	for i := 0; flood.Len() < 8<<20-4096; i++ {
		fmt.Fprintf(&flood, `,"k%07d":1`, i)
	}
	flood.WriteString(`}}}}}`)
	small := `{"nodes":{"a":{"name":"es-1","transport_address":"10.0.0.1:9300","settings":{"path":{"home":"/usr/share/es","data":"/var/es","k1":1}}}}}`
	probe := func(body string) (*store.Result, uint64) {
		f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/_nodes/settings,os,http" {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(body))
				return
			}
			f.ServeHTTP(w, r)
		})
		ep := probetest.HTTP(t, h)
		var res *store.Result
		var err error
		allocated := probetest.Allocated(func() {
			res, err = run(t, ep, func(o *store.Options) {
				o.MaxResponseBytes = 8 << 20
				o.InventoryTimeout = 25 * time.Second
			})
		})
		if res == nil {
			t.Fatalf("no result: %v", err)
		}
		return res, allocated
	}
	_, base := probe(small)
	res, allocated := probe(flood.String())
	t.Logf("allocated %d MiB with an 8 MiB path object, %d MiB with a small one", allocated>>20, base>>20)
	f, ok := findingRules(res.Findings)["elasticsearch-node-info"]
	if !ok || !strings.Contains(f.Evidence, "es-1 10.0.0.1:9300 home=/usr/share/es data=/var/es") {
		t.Errorf("node evidence %+v", f)
	}
	// What is left is linear in the answer's bytes: its copies, and the node's
	// settings compacted for the sample before the row is cut.
	if allocated > base+96<<20 {
		t.Fatalf("the probe allocated %d MiB with an 8 MiB path object, %d MiB with a small one", allocated>>20, base>>20)
	}
}
