package influxdb

import (
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongNames: a database, measurement or key name was kept whole until the
// scan's final cut, and a database or measurement name was sent back to the server in
// every later query (a 3 MiB name made each request line 3 MiB). Names are now cut at
// decode to probekit.MaxNameBytes; a database or measurement whose name is longer is listed cut
// and marked, never queried; the real names beside them are read as before.
func TestHostileLongNames(t *testing.T) {
	huge := strings.Repeat("d", 3<<20)
	hugeM := strings.Repeat("m", 2<<20)
	hugeK := strings.Repeat("k", 1<<20)
	var longest atomic.Int64
	var queries atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := int64(len(r.URL.RawQuery)); n > longest.Load() {
			longest.Store(n)
		}
		w.Header().Set("X-Influxdb-Version", "1.8.10")
		if r.URL.Path == "/ping" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		queries.Add(1)
		q := r.URL.Query().Get("q")
		switch {
		case strings.HasPrefix(q, "SHOW DATABASES"):
			io.WriteString(w, `{"results":[{"series":[{"name":"databases","columns":["name"],"values":[["metrics"],["`+huge+`"]]}]}]}`)
		case strings.HasPrefix(q, "SHOW MEASUREMENTS"):
			io.WriteString(w, `{"results":[{"series":[{"name":"measurements","columns":["name"],"values":[["cpu"],["`+hugeM+`"]]}]}]}`)
		case strings.HasPrefix(q, "SHOW FIELD KEYS"):
			io.WriteString(w, `{"results":[{"series":[{"name":"cpu","columns":["fieldKey","fieldType"],"values":[["usage","float"],["`+hugeK+`","string"]]}]}]}`)
		case strings.HasPrefix(q, "SELECT * FROM"):
			io.WriteString(w, `{"results":[{"series":[{"name":"cpu","columns":["time","usage","`+hugeK+`"],"values":[["2020-01-01T00:00:00Z",1,"x"]]}]}]}`)
		default:
			io.WriteString(w, `{"results":[{"statement_id":0}]}`)
		}
	}))
	srv.Config.MaxHeaderBytes = 64 << 20 // see every query the prober sends, however long
	srv.Start()
	t.Cleanup(srv.Close)
	ep := probetest.Endpoint(t, srv.Listener.Addr().String())
	o := shortOptions()
	o.MaxResponseBytes = 8 << 20
	o.IOTimeout = 5 * time.Second
	res, err, _ := probetest.Try(New(), ep, o, 30*time.Second)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("%d queries, longest query string %d bytes", queries.Load(), longest.Load())
	if longest.Load() > 64<<10 {
		t.Errorf("a query string of %d bytes was sent back to the server", longest.Load())
	}
	read := false
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("dataset kept a name of %d/%d bytes", len(d.Database), len(d.Table))
		}
		for _, c := range d.Columns {
			if len(c.Name) > probekit.MaxNameBytes+len("…") {
				t.Errorf("column name of %d bytes kept", len(c.Name))
			}
		}
		if d.Database == "metrics" && d.Table == "cpu" && d.Error == "" && len(d.Columns) == 2 {
			read = true
		}
	}
	if !read {
		t.Errorf("the real database and measurement were not read: %+v", res.Service.Datasets)
	}
	for _, s := range res.Samples {
		for _, c := range s.Columns {
			if len(c) > probekit.MaxNameBytes+len("…") {
				t.Errorf("sample column name of %d bytes kept", len(c))
			}
		}
	}
	var long int
	for _, d := range res.Service.Datasets {
		if strings.Contains(d.Error, "name longer than") {
			long++
		}
	}
	if long != 2 {
		t.Errorf("%d datasets marked as too long a name, want 2 (the database and the measurement)", long)
	}
}
