package scan

import (
	"context"
	"fmt"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// spender spends the endpoint's sample budget, as a prober sampling a large store
// does; on port 2 its own listing is cut too (a tables limit), on port 3 it spends
// nothing.
type spender struct{}

func (spender) Name() string        { return "testdb" }
func (spender) DefaultPorts() []int { return []int{1, 2, 3} }
func (spender) Probe(_ context.Context, ep store.Endpoint, o *store.Options) (*store.Result, error) {
	if ep.Port > 3 {
		return nil, fmt.Errorf("port %d: %w", ep.Port, store.ErrNoMatch)
	}
	res := openResult()
	if ep.Port != 3 {
		o.Samples.Take(int(o.Samples.Total()) + 1)
	}
	res.Service.Truncated = ep.Port == 2
	return res, nil
}

// A service cut by the sample budget alone is marked as listed in full (diffs may then
// call a missing table gone); one whose listing was cut too is not.
func TestBudgetCutKeepsListingComplete(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Probers = []store.Prober{spender{}}
	cfg.Options.MaxEndpointSampleBytes = 1000
	rep := run(t, cfg, 1, 2, 3)
	got := map[int]finding.Service{}
	for _, s := range rep.Services {
		got[s.Port] = s
	}
	for port, want := range map[int]struct{ truncated, complete bool }{1: {true, true}, 2: {true, false}, 3: {false, false}} {
		s := got[port]
		if s.Truncated != want.truncated || s.ListingComplete != want.complete || (s.TruncatedBy != "") != (port != 3) {
			t.Errorf("port %d: truncated %v (by %q), listing complete %v; want %v, %v", port, s.Truncated, s.TruncatedBy, s.ListingComplete, want.truncated, want.complete)
		}
	}
}
