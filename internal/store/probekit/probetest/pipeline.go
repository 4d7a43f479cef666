package probetest

import (
	"context"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Pipeline runs the scan pipeline's per-endpoint stage with p alone and the default
// detection engine, as `leakwatch scan` does, and returns its findings by category.
func Pipeline(t *testing.T, p store.Prober, ep store.Endpoint) (*finding.Service, map[finding.Category][]finding.Finding) {
	t.Helper()
	cfg := scan.DefaultConfig()
	cfg.Probers = []store.Prober{p}
	cfg.Options = Options()
	cfg.Options.IOTimeout = 3 * time.Second
	cfg.Engine = detect.Default()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	o := scan.ProbeEndpoint(ctx, &cfg, ep)
	if o.Service == nil {
		t.Fatalf("pipeline did not identify the service: %+v", o.Err)
	}
	by := map[finding.Category][]finding.Finding{}
	for _, f := range o.Findings {
		by[f.Category] = append(by[f.Category], f)
	}
	return o.Service, by
}

// HasSecret reports whether findings hold a secret with the given fingerprint.
func HasSecret(fs []finding.Finding, value string) bool {
	sum := finding.Fingerprint(value)
	for _, f := range fs {
		if f.SHA256 == sum && f.Value == "" {
			return true
		}
	}
	return false
}
