package mongodb

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestPipelineFindsSecrets(t *testing.T) {
	f := &fakeMongo{version: "7.0.14", maxWire: 21, dbs: seededDBs()}
	svc, by := probetest.Pipeline(t, New(), f.serve(t))
	if svc.Auth != finding.AuthNone || len(by[finding.Exposure]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !probetest.HasSecret(by[finding.Secret], testStripeKey) {
		t.Fatalf("Stripe key in documents not detected: %+v", by[finding.Secret])
	}
}
