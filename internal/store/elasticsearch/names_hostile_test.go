package elasticsearch

import (
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongIndexName: an index name from _cat/indices was kept whole until the
// scan's final cut and sent back in every request about the index (mapping, time range,
// sample): a 3 MiB name made request lines of 3 MiB. Elasticsearch's own names are at
// most 255 bytes; a name past probekit.MaxNameBytes is now listed cut and never requested, and
// the real index beside it is read as before.
func TestHostileLongIndexName(t *testing.T) {
	huge := strings.Repeat("i", 3<<20)
	body := `[{"index":"customers","health":"green","status":"open","docs.count":"5","store.size":"100"},` +
		`{"index":"` + huge + `","health":"green","status":"open","docs.count":"5","store.size":"100"}]`
	f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
	var longest atomic.Int64
	h := probetest.ServeJSONAt("/_cat/indices", body, f)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := int64(len(r.URL.Path) + len(r.URL.RawQuery)); n > longest.Load() {
			longest.Store(n)
		}
		h.ServeHTTP(w, r)
	}))
	srv.Config.MaxHeaderBytes = 64 << 20 // see every request the prober sends, however long
	srv.Start()
	t.Cleanup(srv.Close)
	res, err := run(t, probetest.Endpoint(t, srv.Listener.Addr().String()), func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("longest request target %d bytes", longest.Load())
	if longest.Load() > 64<<10 {
		t.Errorf("a request of %d bytes sent the name back", longest.Load())
	}
	long := 0
	for _, d := range res.Service.Datasets {
		if len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("dataset kept a name of %d bytes", len(d.Table))
		}
		if strings.Contains(d.Error, "name longer than") {
			long++
		}
	}
	for _, s := range res.Samples {
		if len(s.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("sample kept a name of %d bytes", len(s.Table))
		}
	}
	if d := probetest.Dataset(res.Service, "", "customers"); long != 1 || d == nil || d.Error != "" || d.Sampled == 0 {
		t.Errorf("%d datasets marked as too long a name (want 1); customers %+v", long, d)
	}
}
