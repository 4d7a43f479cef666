package docker

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Through the scan pipeline: the exposure is reported and the secrets in container
// environments are found by detection, redacted.
func TestPipelineFindsEnvironmentSecrets(t *testing.T) {
	svc, by := probetest.Pipeline(t, New(), probetest.HTTP(t, &fakeDocker{}))
	if svc.Auth != finding.AuthNone || len(by[finding.Exposure]) != 1 || len(by[finding.Capability]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !probetest.HasSecret(by[finding.Secret], testAWSSecret) && !probetest.HasSecret(by[finding.Secret], testAWSID) {
		t.Fatalf("AWS keys in the environment not detected: %+v", by[finding.Secret])
	}
}
