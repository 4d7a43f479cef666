package probekit

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
)

// TestHostileNameNotSentBack: probers put names a server chose into request paths (a
// container ID, a space, an etcd v2 key, an index or bucket name) and nothing bounded
// how long a path could get: a 4 MiB name from a listing went back to the server as a
// 4 MiB request line. A request target past MaxRequestTarget is now refused before
// anything is sent (a protocol error for that request only); real targets pass.
func TestHostileNameNotSentBack(t *testing.T) {
	var longest atomic.Int64
	var hits atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if n := int64(len(r.URL.EscapedPath()) + len(r.URL.RawQuery)); n > longest.Load() {
			longest.Store(n)
		}
		w.Write([]byte(`{}`))
	}))
	srv.Config.MaxHeaderBytes = 64 << 20 // see every request, however long
	srv.Start()
	defer srv.Close()
	o := (*store.Options)(nil).WithDefaults()
	s := NewSession(endpointOf(t, srv.URL), &o, false)
	defer s.Close()
	ctx := context.Background()
	huge := strings.Repeat("n", 4<<20)
	for _, path := range []string{"/containers/" + url.PathEscape(huge) + "/json", "/v2/keys/x?key=" + huge} {
		_, err := s.Get(ctx, path, 0)
		if !errors.Is(err, store.ErrProtocol) {
			t.Errorf("%d-byte target: %v, want a protocol error", len(path), err)
		}
	}
	t.Logf("%d requests reached the server, the longest target %d bytes", hits.Load(), longest.Load())
	if longest.Load() > MaxRequestTarget {
		t.Errorf("a request target of %d bytes was sent", longest.Load())
	}
	if _, err := s.Get(ctx, "/containers/"+strings.Repeat("a", 64)+"/json", 0); err != nil || hits.Load() != 1 {
		t.Errorf("a real target: %v (%d requests)", err, hits.Load())
	}
}
