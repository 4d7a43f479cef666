package scan

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// fingerprinted is a prober identification recognises (an HTTP header), so that its
// endpoints take the identify-then-explore path; its Explore breaks on one port.
type fingerprinted struct{ brokenPort int }

func (fingerprinted) Name() string        { return "testdb" }
func (fingerprinted) DefaultPorts() []int { return nil }
func (f fingerprinted) Probe(ctx context.Context, ep store.Endpoint, o *store.Options) (*store.Result, error) {
	return f.Explore(ctx, ep, nil, o)
}
func (fingerprinted) Fingerprints() store.Fingerprints {
	return store.Fingerprints{HTTP: []store.HTTPMatch{{Protocol: "testdb-http", Match: func(r *store.HTTPReply, id *store.Identity) bool {
		return r.Header.Get("X-Testdb") != ""
	}}}}
}
func (f fingerprinted) Explore(_ context.Context, ep store.Endpoint, _ *store.Identity, _ *store.Options) (*store.Result, error) {
	if ep.Port == f.brokenPort {
		var rows [][]string
		_ = rows[0][0] // a parser trusting a count the server sent
	}
	return openResult(), nil
}

var _ store.Explorer = fingerprinted{}

// A prober's Explore that panics on one identified endpoint costs that endpoint an
// error; the other endpoint, identified and explored the same way, keeps its results.
func TestPanicInExploreIsContained(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Testdb", "1")
		w.Write([]byte("ok"))
	})
	good, bad := httptest.NewServer(h), httptest.NewServer(h)
	defer good.Close()
	defer bad.Close()
	ep := func(s *httptest.Server) store.Endpoint {
		ap := netip.MustParseAddrPort(s.Listener.Addr().String())
		return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
	}
	cfg := testConfig(nil)
	cfg.Probers = []store.Prober{fingerprinted{brokenPort: ep(bad).Port}}
	cfg.Options.BannerWait = 200 * time.Millisecond
	cfg.TargetTimeout = 10 * time.Second
	ch := make(chan store.Endpoint, 2)
	ch <- ep(good)
	ch <- ep(bad)
	close(ch)
	rep, err := Run(context.Background(), cfg, ch)
	if err != nil {
		t.Fatal(err)
	}
	// Identification decided what the broken endpoint is: it stays in the report as
	// identified, with the crash as its error and nothing read from it.
	by := map[int]int{}
	for i, s := range rep.Services {
		by[s.Port] = i
	}
	g, okG := by[ep(good).Port]
	b, okB := by[ep(bad).Port]
	if !okG || !okB || len(rep.Services) != 2 {
		t.Fatalf("services %+v; want both endpoints", rep.Services)
	}
	if s := rep.Services[g]; s.Auth != "none" || len(s.Datasets) != 1 {
		t.Errorf("good endpoint lost its results: %+v", s)
	}
	if s := rep.Services[b]; !strings.Contains(s.Error, "crashed") || s.Auth != "unknown" || len(s.Datasets) != 0 {
		t.Errorf("broken endpoint: %+v; want identified, the crash as its error", s)
	}
	for _, f := range rep.Findings {
		if f.Port != ep(good).Port {
			t.Errorf("finding for the broken endpoint: %+v", f)
		}
	}
	if len(rep.Findings) == 0 {
		t.Error("good endpoint's findings lost")
	}
}
