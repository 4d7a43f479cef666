package prometheus

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileNamesAndFlagsFloods: the metric names were decoded whole only to be
// counted, and the command-line flags whole into a map of which eight are read; an
// 8 MiB answer of empty names (2.8 million) or of distinct flags (650,000) cost far
// more than its bytes. The names are now counted from the bytes and only the flags read
// are decoded; the count, the flags' details and findings are what they were.
func TestHostileNamesAndFlagsFloods(t *testing.T) {
	var flags strings.Builder
	flags.WriteString(`{"status":"success","data":{"web.enable-admin-api":"true","storage.tsdb.path":"/prometheus"`)
	for i := 0; flags.Len() < 8<<20-4096; i++ {
		fmt.Fprintf(&flags, `,"k%07d":""`, i)
	}
	flags.WriteString("}}")
	names := `{"status":"success","data":["up",` + strings.Repeat(`"",`, (8<<20-4096)/3) + `""]}`
	wantNames := int64((8<<20-4096)/3 + 2)
	probe := func(t *testing.T, namesBody, flagsBody string) (*store.Result, uint64) {
		ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/-/healthy":
				io.WriteString(w, "Prometheus is Healthy.\n")
			case "/api/v1/label/__name__/values":
				io.WriteString(w, namesBody)
			case "/api/v1/status/flags":
				io.WriteString(w, flagsBody)
			default:
				http.NotFound(w, r)
			}
		})
		o := store.DefaultOptions()
		o.IOTimeout = 5 * time.Second
		var res *store.Result
		var err error
		allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, &o, 30*time.Second) })
		if res == nil {
			t.Fatalf("no result: %v", err)
		}
		return res, allocated
	}
	smallNames := `{"status":"success","data":["up","x"]}`
	smallFlags := `{"status":"success","data":{"web.enable-admin-api":"true","storage.tsdb.path":"/prometheus"}}`
	_, base := probe(t, smallNames, smallFlags)
	t.Logf("small answers: allocated %d MiB", base>>20)
	for _, tc := range []struct {
		name         string
		names, flags string
		rows         int64
	}{
		{"names", names, smallFlags, wantNames},
		{"flags", smallNames, flags.String(), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, allocated := probe(t, tc.names, tc.flags)
			t.Logf("allocated %d MiB", allocated>>20)
			if ds := probetest.Dataset(res.Service, "", "metrics"); ds == nil || ds.Rows != tc.rows {
				t.Errorf("metrics %+v, want %d rows", ds, tc.rows)
			}
			if res.Service.Details["storage.tsdb.path"] != "/prometheus" || res.Service.Details["web.enable-admin-api"] != "true" {
				t.Errorf("details %v", res.Service.Details)
			}
			if probetest.Finding(res.Findings, "prometheus-admin-api") == nil {
				t.Errorf("the admin API is not reported: %v", res.Findings)
			}
			if allocated > base+64<<20 {
				t.Fatalf("the probe allocated %d MiB for an 8 MiB answer, %d MiB for small ones", allocated>>20, base>>20)
			}
		})
	}
}
