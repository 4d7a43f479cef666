package influxdb

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileV2BucketBytesFlood: the bucket list was decoded whole before being cut to
// --max-tables: 8 MiB of empty buckets (2.8 million) cost hundreds of MiB. They are now
// decoded up to the cut and the rest counted from the bytes, system buckets apart as
// before.
func TestHostileV2BucketBytesFlood(t *testing.T) {
	const head = `{"buckets":[{"id":"s","orgID":"o","type":"system","name":"_monitoring"},{"id":"b","orgID":"o","type":"user","name":"app"},` +
		`{"id":"t","orgID":"o", "type" : "system","name":"_tasks"},`
	n := (8<<20 - 4096) / 3
	body := head + strings.Repeat("{},", n) + "{}]}"
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Influxdb-Version", "v2.7.1")
		switch r.URL.Path {
		case "/ping":
			w.WriteHeader(http.StatusNoContent)
		case "/api/v2/setup":
			io.WriteString(w, `{"allowed":false}`)
		case "/api/v2/buckets":
			io.WriteString(w, body)
		default:
			http.NotFound(w, r)
		}
	})
	o := shortOptions()
	o.MaxResponseBytes = 8 << 20
	o.IOTimeout = 5 * time.Second
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, o, 30*time.Second) })
	if res == nil || err != nil {
		t.Fatalf("res=%v err=%v", res, err)
	}
	t.Logf("allocated %d MiB for an 8 MiB bucket list", allocated>>20)
	if len(res.Service.Datasets) != o.MaxTables || res.Service.Datasets[0].Table != "app" || !res.Service.Truncated {
		t.Errorf("%d datasets, first %+v, truncated %v", len(res.Service.Datasets), res.Service.Datasets[0], res.Service.Truncated)
	}
	if got, want := res.Service.Details["buckets"], strconv.Itoa(n+2); got != want {
		t.Errorf("buckets detail %q, want %s (the system buckets not counted)", got, want)
	}
	if allocated > 64<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB bucket list", allocated>>20)
	}
}

// TestV2BucketsMemberMissing: an answer without a "buckets" member lists no bucket, as
// it did when the answer was decoded whole; the element-at-a-time reader must not take
// the missing list for a malformed one and fail the probe.
func TestV2BucketsMemberMissing(t *testing.T) {
	for _, body := range []string{`{"links":{"self":"/api/v2/buckets"}}`, `{"buckets":null}`, `{"buckets":[]}`} {
		ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Influxdb-Version", "v2.7.1")
			switch r.URL.Path {
			case "/ping":
				w.WriteHeader(http.StatusNoContent)
			case "/api/v2/setup":
				io.WriteString(w, `{"allowed":false}`)
			case "/api/v2/buckets":
				io.WriteString(w, body)
			default:
				http.NotFound(w, r)
			}
		})
		res, err, _ := probetest.Try(New(), ep, shortOptions(), 30*time.Second)
		if res == nil || err != nil {
			t.Fatalf("%s: res=%v err=%v", body, res, err)
		}
		if got := res.Service.Details["buckets"]; got != "0" || len(res.Service.Datasets) != 0 {
			t.Errorf("%s: buckets detail %q, %d datasets; want 0 and none", body, got, len(res.Service.Datasets))
		}
	}
}
