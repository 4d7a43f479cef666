package docker

import (
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongIDs: a container's or an image's ID from the listings went back in the
// path of its inspect request, bounded only by the request-target guard (64 KiB); its
// name or tag was kept whole until the scan's final cut. dockerd's IDs are 64 hex
// digits (71 bytes with "sha256:"): one past probekit.MaxNameBytes is now listed cut and never
// inspected, and the container beside it is inspected as before.
func TestHostileLongIDs(t *testing.T) {
	longID, longN := strings.Repeat("a", 32<<10), strings.Repeat("n", 32<<10)
	var mu sync.Mutex
	longest, inspects := 0, 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		longest = max(longest, len(r.URL.RequestURI()))
		mu.Unlock()
		w.Header().Set("Server", "Docker/24.0.7 (linux)")
		w.Header().Set("Api-Version", "1.43")
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/version":
			io.WriteString(w, `{"Version":"24.0.7","ApiVersion":"1.43","Os":"linux","Arch":"amd64","KernelVersion":"6.1.0"}`)
		case r.URL.Path == "/containers/json":
			io.WriteString(w, `[{"Id":"c1","Names":["/web"],"Image":"nginx"},{"Id":"`+longID+`","Names":["/`+longN+`"],"Image":"nginx"}]`)
		case r.URL.Path == "/images/json":
			io.WriteString(w, `[{"Id":"sha256:`+longID+`","RepoTags":["`+longN+`:latest"]},{"Id":"sha256:i1","RepoTags":["nginx:latest"]}]`)
		case r.URL.Path == "/containers/c1/json" || r.URL.Path == "/images/sha256:i1/json":
			mu.Lock()
			inspects++
			mu.Unlock()
			io.WriteString(w, `{"Name":"/web","Config":{"Image":"nginx","Env":["A=B"]}}`)
		case strings.HasPrefix(r.URL.Path, "/containers/") || strings.HasPrefix(r.URL.Path, "/images/"):
			io.WriteString(w, `{"Name":"/x","Config":{"Image":"nginx","Env":["A=B"]}}`)
		default:
			io.WriteString(w, "{}")
		}
	})
	ep := probetest.HTTP(t, h)
	o := store.DefaultOptions().ForEndpoint(ep)
	o.IOTimeout = 5 * time.Second
	res, _ := probetest.Probe(t, New(), ep, &o)
	mu.Lock()
	t.Logf("the longest request target %d bytes, %d short ones inspected", longest, inspects)
	if longest > 1<<10+64 {
		t.Errorf("a request target of %d bytes was sent", longest)
	}
	if inspects != 2 {
		t.Errorf("%d of the container and image with short IDs inspected, want 2", inspects)
	}
	mu.Unlock()
	marked := map[string]int{}
	for _, d := range res.Service.Datasets {
		if len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("%s: a name of %d bytes kept", d.Database, len(d.Table))
		}
		if d.Error == probekit.LongName {
			marked[d.Kind]++
		}
	}
	if marked["container"] != 1 || marked["image"] != 1 {
		t.Errorf("long IDs not listed cut and marked: %v", marked)
	}
}
