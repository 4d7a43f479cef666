package influxdb

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileCellFloods: each row of a query answer was decoded whole into a []any,
// and each cell into what it holds: one row of 8 MiB of cells (2.8 million), or one
// cell holding an object of 8 MiB of distinct members (650,000), cost far more than
// the answer (TestHostileResultFloods floods rows, series and results, each of them
// small). A row's cells are now read up to the most columns listed and a cell past
// 64 KiB is kept as its JSON text; a real row reads as before.
func TestHostileCellFloods(t *testing.T) {
	var obj strings.Builder
	obj.WriteString(`{"a":1`)
	for i := 0; obj.Len() < 8<<20-4096; i++ {
		fmt.Fprintf(&obj, `,"k%07d":1`, i)
	}
	obj.WriteString("}")
	want := map[string]string{"cells": "1", "object": "1"}
	for name, body := range map[string]string{
		"cells":  `{"results":[{"series":[{"name":"databases","columns":["name"],"values":[["metrics",` + strings.Repeat(`"",`, (8<<20-4096)/3) + `""]]}]}]}`,
		"object": `{"results":[{"series":[{"name":"databases","columns":["name","x"],"values":[["metrics",` + obj.String() + `]]}]}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			var floods atomic.Int64
			ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Influxdb-Version", "1.8.10")
				if r.URL.Path == "/ping" {
					w.WriteHeader(http.StatusNoContent)
					return
				}
				if !strings.Contains(r.URL.Query().Get("q"), "SHOW DATABASES") {
					io.WriteString(w, `{"results":[{"statement_id":0}]}`)
					return
				}
				floods.Add(1)
				io.WriteString(w, body)
			})
			o := shortOptions()
			o.MaxResponseBytes = 8 << 20
			o.IOTimeout = 5 * time.Second
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, o, 30*time.Second) })
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			n := uint64(max(floods.Load(), 1))
			t.Logf("allocated %d MiB for %d answers of 8 MiB (err %v)", allocated>>20, n, err)
			if got := res.Service.Details["databases"]; got != want[name] {
				t.Errorf("databases %q, want %s", got, want[name])
			}
			if allocated/n > 64<<20 {
				t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
			}
		})
	}
}
