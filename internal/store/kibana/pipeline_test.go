package kibana

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestPipelineFindsSecretsInSavedObjects(t *testing.T) {
	svc, by := probetest.Pipeline(t, New(), probetest.HTTP(t, &fakeKibana{version: "7.17.0"}))
	if svc.Auth != finding.AuthNone || len(by[finding.Exposure]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !probetest.HasSecret(by[finding.Secret], testSlackToken) {
		t.Fatalf("Slack token in a saved search not detected: %+v", by[finding.Secret])
	}
}
