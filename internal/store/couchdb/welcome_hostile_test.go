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

// TestHostileSessionRolesFlood: GET /_session's roles were decoded whole: 8 MiB of empty
// ones are 2.8 million strings. They are read up to maxRoles now, "_admin" among them
// still making the principal an admin.
func TestHostileSessionRolesFlood(t *testing.T) {
	answer := []byte(`{"ok":true,"userCtx":{"name":null,"roles":["_admin",` + strings.Repeat(`"",`, (8<<20-4096)/3) + `""]},"info":{}}`)
	f := &fakeCouch{version: "2.1.0", dbs: seededDBs()}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/_session" {
			f.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	})
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, New(), h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("allocated %d MiB for an 8 MiB session (err %v)", allocated>>20, err)
	if res.Service.Status != "open" {
		t.Errorf("status %s", res.Service.Status)
	}
	if allocated > 64<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB session", allocated>>20)
	}
}
