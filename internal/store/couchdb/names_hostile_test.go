package couchdb

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

// TestHostileLongDatabaseName: a database name from _all_dbs was kept whole until the
// scan's final cut and sent back in every request about the database (GET /db,
// _all_docs): a 3 MiB name made request lines of 3 MiB and more. CouchDB's own names
// are at most 238 characters; a name past probekit.MaxNameBytes is now listed cut and never
// requested, and the real databases beside it are read as before.
func TestHostileLongDatabaseName(t *testing.T) {
	huge := strings.Repeat("d", 3<<20)
	dbs := seededDBs()
	dbs[huge] = dbs["orders"]
	f := &fakeCouch{version: "2.1.0", dbs: dbs}
	var longest atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := int64(len(r.URL.RawPath) + len(r.URL.Path) + len(r.URL.RawQuery)); n > longest.Load() {
			longest.Store(n)
		}
		f.ServeHTTP(w, r)
	}))
	srv.Config.MaxHeaderBytes = 64 << 20 // see every request the prober sends, however long
	srv.Start()
	t.Cleanup(srv.Close)
	p := New()
	p.epmdPort = fakeEPMD(t, "couchdb")
	res, err := probetest.Run(t, p, probetest.Endpoint(t, srv.Listener.Addr().String()), 30*time.Second,
		func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("longest request target %d bytes", longest.Load())
	if longest.Load() > 64<<10 {
		t.Errorf("a request of %d bytes sent the name back", longest.Load())
	}
	long, orders := 0, false
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("dataset kept a name of %d bytes", len(d.Database))
		}
		if strings.Contains(d.Error, "name longer than") {
			long++
		}
		if d.Database == "orders" && d.Error == "" && d.Rows > 0 {
			orders = true
		}
	}
	for _, s := range res.Samples {
		if len(s.Database) > probekit.MaxNameBytes+len("…") {
			t.Errorf("sample kept a name of %d bytes", len(s.Database))
		}
	}
	if long != 1 || !orders {
		t.Errorf("%d datasets marked as too long a name (want 1); orders read: %v", long, orders)
	}
}
