package couchdb

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileWelcomeFlood: the first contact's welcome (GET /) is decoded whole, twice
// (into the welcome and, for a server not named CouchDB, into a map of every member),
// but read at most 64 KiB, whatever the response cap (a longer one is not a welcome):
// the most a welcome can hold, 64 KiB of features or of distinct members, costs the
// probe a few MiB.
func TestHostileWelcomeFlood(t *testing.T) {
	var members strings.Builder
	for i := 0; members.Len() < 64<<10-64; i++ {
		fmt.Fprintf(&members, `"m%d":0,`, i)
	}
	for name, body := range map[string]string{
		"features":      `{"couchdb":"Welcome","version":"2.1.0","features":[` + strings.Repeat(`"",`, (64<<10-64)/3) + `""]}`,
		"members":       `{"version":"2.1.0",` + members.String() + `"x":"Welcome!"}`,
		"features-8MiB": `{"couchdb":"Welcome","version":"2.1.0","features":[` + strings.Repeat(`"",`, 8<<20/3) + `""]}`,
		"quiet":         `{"couchdb":"Welcome","version":"2.1.0","features":["a"]}`,
	} {
		t.Run(name, func(t *testing.T) {
			f := &fakeCouch{version: "2.1.0", dbs: seededDBs()}
			answer := []byte(body) // the fake's own copy, made before the measurement
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/" {
					f.ServeHTTP(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				w.Write(answer)
			})
			var err error
			allocated := probetest.Allocated(func() {
				_, err = run(t, New(), h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
			})
			t.Logf("allocated %d KiB for a welcome of %d KiB (err %v)", allocated>>10, len(body)>>10, err)
			if allocated > 8<<20 {
				t.Fatalf("the probe allocated %d MiB for a welcome of %d KiB", allocated>>20, len(body)>>10)
			}
		})
	}
}
