package probetest

import (
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// SampleBytes is the bytes of every cell of res's samples: what a probe holds of what
// it read.
func SampleBytes(res *store.Result) int64 {
	var n int64
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			for _, c := range r {
				n += int64(len(c))
			}
		}
	}
	return n
}

// CheckSampleBudget probes ep, which holds far more readable data than budget bytes of
// samples, with an endpoint sample budget of budget bytes (edit, when not nil, changes
// the options first), and fails t unless the samples stay within it, the datasets
// after it are still listed and counted but marked as not sampled, and the scan
// pipeline reports the service as truncated by the budget. It returns the probe's
// result.
func CheckSampleBudget(t *testing.T, p store.Prober, ep store.Endpoint, budget int64, edit func(*store.Options)) *store.Result {
	t.Helper()
	o := store.DefaultOptions()
	o.IOTimeout = 5 * time.Second
	if edit != nil {
		edit(&o)
	}
	o.MaxEndpointSampleBytes = budget
	o = o.ForEndpoint(ep)
	res, _ := Probe(t, p, ep, &o)
	got := SampleBytes(res)
	notSampled := 0
	for _, ds := range res.Service.Datasets {
		if ds.NotSampled == probekit.NotSampledBudget {
			notSampled++
		}
	}
	t.Logf("%s: %d datasets, %d not sampled for want of budget, %d bytes sampled of a budget of %d",
		p.Name(), len(res.Service.Datasets), notSampled, got, budget)
	if got > budget || o.Samples.Used() > budget {
		t.Fatalf("%s sampled %d bytes (budget charged %d) with a budget of %d", p.Name(), got, o.Samples.Used(), budget)
	}
	if !o.Samples.Cut() || notSampled == 0 {
		t.Fatalf("%s: the budget of %d bytes cut nothing (cut=%v, %d datasets marked not sampled): the test's server does not hold enough",
			p.Name(), budget, o.Samples.Cut(), notSampled)
	}
	svc, _ := ScanWith(t, p, ep, func(so *store.Options) {
		if edit != nil {
			edit(so)
		}
		so.MaxEndpointSampleBytes = budget
	})
	if !svc.Truncated || !strings.Contains(svc.TruncatedBy, "sample budget") {
		t.Fatalf("the scan's service is not truncated by the budget: truncated=%v by %q", svc.Truncated, svc.TruncatedBy)
	}
	// The budget cuts samples, not the listing: diffs may call a missing dataset gone.
	if !svc.ListingComplete {
		t.Fatalf("the scan's service, cut only by the budget, is not marked as listed in full (error %q)", svc.Error)
	}
	if len(svc.Datasets) != len(res.Service.Datasets) {
		t.Fatalf("the scan listed %d datasets, the probe %d", len(svc.Datasets), len(res.Service.Datasets))
	}
	for _, ds := range svc.Datasets {
		if ds.NotSampled == probekit.NotSampledBudget && ds.Sampled != 0 {
			t.Fatalf("dataset %s.%s marked not sampled has %d sampled rows", ds.Database, ds.Table, ds.Sampled)
		}
	}
	return res
}
