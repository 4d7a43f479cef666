package probetest

import (
	"context"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Scan runs the scan pipeline's per-endpoint stage with p alone, the default detection
// engine and the given credentials, as `leakwatch scan` does, and returns the service
// and every finding.
func Scan(t testing.TB, p store.Prober, ep store.Endpoint, creds ...store.Credential) (*finding.Service, []finding.Finding) {
	t.Helper()
	return ScanWith(t, p, ep, nil, creds...)
}

// ScanWith is Scan with the options changed by edit first (RootCAs, AllowPlaintextAuth,
// …); nil changes nothing.
func ScanWith(t testing.TB, p store.Prober, ep store.Endpoint, edit func(*store.Options), creds ...store.Credential) (*finding.Service, []finding.Finding) {
	t.Helper()
	cfg := scan.DefaultConfig()
	cfg.Probers = []store.Prober{p}
	cfg.Options.IOTimeout = 5 * time.Second
	cfg.Options.Credentials = creds
	if edit != nil {
		edit(&cfg.Options)
	}
	cfg.Engine = detect.Default()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	o := scan.ProbeEndpoint(ctx, &cfg, ep)
	if o.Service == nil {
		t.Fatalf("the scan did not identify the service at %s: %v", ep.Address(), o.Err)
	}
	return o.Service, o.Findings
}

// CheckPlanted fails t unless every planted secret is reported as a secret finding at
// its own database, table and column (by fingerprint: the report holds no raw value).
// A secret only its field's name gives away (Planted.FieldContext) must be found too:
// detection reads field names as context.
func CheckPlanted(t testing.TB, fs []finding.Finding, planted []lab.Planted) {
	t.Helper()
	for _, p := range planted {
		sum := finding.Fingerprint(p.Value)
		var elsewhere []string
		found := false
		for _, f := range fs {
			if f.Category != finding.Secret || f.SHA256 != sum {
				continue
			}
			if f.Database == p.Database && f.Table == p.Table && f.Column == p.Column {
				found = true
				break
			}
			elsewhere = append(elsewhere, f.Database+" / "+f.Table+" / "+f.Column+" ("+f.Rule+")")
		}
		if !found {
			t.Errorf("planted secret at %s not reported there (reported at %q)", p, elsewhere)
		}
	}
	if t.Failed() {
		for _, f := range fs {
			if f.Category == finding.Secret {
				t.Logf("reported: %s at %s / %s / %s: %s", f.Rule, f.Database, f.Table, f.Column, f.Redacted)
			}
		}
	}
}
