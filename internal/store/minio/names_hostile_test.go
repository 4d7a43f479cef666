package minio

import (
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongNames: a bucket name or object key from a listing was sent back to the
// server in every request about it (ListObjectsV2, ranged GET, HEAD) and a bucket name
// kept whole until the scan's final cut: a 2 MiB name made request lines of 2 MiB. S3
// names are at most 63 bytes and keys 1,024; a bucket name past probekit.MaxNameBytes is now
// listed cut and never requested, and an object key past maxKeyBytes stays in the key
// listing (its text is a sample) but its object is not requested. The real buckets
// beside them are read as before.
func TestHostileLongNames(t *testing.T) {
	buckets := seededBuckets()
	t0 := time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC)
	buckets[strings.Repeat("b", 2<<20)] = []fakeObject{{key: "x.env", body: "A=1\n", modified: t0}}
	buckets["backups"] = append(buckets["backups"], fakeObject{key: strings.Repeat("k", 2<<20) + ".env", body: "B=2\n", modified: t0})
	f := &fakeMinIO{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: buckets}
	var longest atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := int64(len(r.URL.EscapedPath()) + len(r.URL.RawQuery)); n > longest.Load() {
			longest.Store(n)
		}
		f.ServeHTTP(w, r)
	}))
	srv.Config.MaxHeaderBytes = 64 << 20 // see every request the prober sends, however long
	srv.Start()
	t.Cleanup(srv.Close)
	res, err := probetest.Run(t, New(), probetest.Endpoint(t, srv.Listener.Addr().String()), 30*time.Second, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("longest request target %d bytes", longest.Load())
	if longest.Load() > 64<<10 {
		t.Errorf("a request of %d bytes sent a name back", longest.Load())
	}
	long := 0
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("dataset kept a name of %d bytes", len(d.Table))
		}
		if strings.Contains(d.Error, "name longer than") {
			long++
		}
	}
	if long != 1 {
		t.Errorf("%d datasets marked as too long a name, want 1", long)
	}
	if txt := samplesText(res); !strings.Contains(txt, testAWSSecret) || !strings.Contains(txt, testSlack) {
		t.Errorf("the real objects were not read:\n%.500s", txt)
	}
}
