package probetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Probe runs p on ep with o, within a minute, and fails the test unless it returns a
// result without error. It returns the result and how long the probe took.
func Probe(t testing.TB, p store.Prober, ep store.Endpoint, o *store.Options) (*store.Result, time.Duration) {
	t.Helper()
	res, err, d := Try(p, ep, o, 60*time.Second)
	if err != nil {
		t.Fatalf("Probe(%s): %v", ep.Address(), err)
	}
	if res == nil {
		t.Fatalf("Probe(%s): nil result", ep.Address())
	}
	return res, d
}

// Try runs p on ep with o, within the given time, and returns what it returned and how
// long it took: for tests that expect an error.
func Try(p store.Prober, ep store.Endpoint, o *store.Options, within time.Duration) (*store.Result, error, time.Duration) {
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	t0 := time.Now()
	res, err := p.Probe(ctx, ep, o)
	return res, err, time.Since(t0)
}

// Finding is the first of fs with rule, or nil.
func Finding(fs []finding.Finding, rule string) *finding.Finding {
	for i := range fs {
		if fs[i].Rule == rule {
			return &fs[i]
		}
	}
	return nil
}

// Dataset is svc's dataset db.table, or nil.
func Dataset(svc finding.Service, db, table string) *finding.Dataset {
	for i := range svc.Datasets {
		if svc.Datasets[i].Database == db && svc.Datasets[i].Table == table {
			return &svc.Datasets[i]
		}
	}
	return nil
}

// Sample is res's sample of db.table, or nil.
func Sample(res *store.Result, db, table string) *store.Sample {
	return sampleWhere(res, func(s *store.Sample) bool { return s.Database == db && s.Table == table })
}

// SampleOf is the first sample of table in res, whatever its database (nil if none).
func SampleOf(res *store.Result, table string) *store.Sample {
	return sampleWhere(res, func(s *store.Sample) bool { return s.Table == table })
}

func sampleWhere(res *store.Result, match func(*store.Sample) bool) *store.Sample {
	for i := range res.Samples {
		if match(&res.Samples[i]) {
			return &res.Samples[i]
		}
	}
	return nil
}

// Column is the non-empty cells of s's column name.
func Column(s *store.Sample, name string) []string {
	for j, c := range s.Columns {
		if c == name {
			var out []string
			for _, r := range s.Rows {
				if r[j] != "" {
					out = append(out, r[j])
				}
			}
			return out
		}
	}
	return nil
}

// Run probes ep with p, within the time given, on Options with a 3 s I/O timeout changed
// by mod (nil: none), and returns what the probe returned: the prober tests that expect
// errors as well as results go through it.
func Run(t testing.TB, p store.Prober, ep store.Endpoint, within time.Duration, mod func(*store.Options)) (*store.Result, error) {
	t.Helper()
	o := Options()
	o.IOTimeout = 3 * time.Second
	if mod != nil {
		mod(&o)
	}
	ctx, cancel := context.WithTimeout(context.Background(), within)
	defer cancel()
	return p.Probe(ctx, ep, &o)
}

// ByRule indexes findings by rule (the last finding of each rule).
func ByRule(fs []finding.Finding) map[string]finding.Finding {
	m := map[string]finding.Finding{}
	for _, f := range fs {
		m[f.Rule] = f
	}
	return m
}

// Refuses probes ep, a server that is not the product or misbehaves, with o and fails
// the test unless the probe returns an error and no result within limit; the error
// must be of class want unless want is nil.
func Refuses(t testing.TB, p store.Prober, ep store.Endpoint, o *store.Options, want error, limit time.Duration) {
	t.Helper()
	res, err, d := Try(p, ep, o, limit+10*time.Second)
	if res != nil || err == nil {
		t.Fatalf("res=%+v err=%v", res, err)
	}
	if want != nil && !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	if d > limit {
		t.Fatalf("took %v", d)
	}
}

// CheckRules fails the test for each rule of want that no finding of fs has and each
// rule of not that one has; as names the principal the findings were made as.
func CheckRules(t testing.TB, fs []finding.Finding, want, not []string, as string) {
	t.Helper()
	for _, r := range want {
		if Finding(fs, r) == nil {
			t.Errorf("no %s finding as %s", r, as)
		}
	}
	for _, r := range not {
		if Finding(fs, r) != nil {
			t.Errorf("unexpected %s finding as %s", r, as)
		}
	}
}
