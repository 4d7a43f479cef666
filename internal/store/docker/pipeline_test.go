package docker

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/apiprobe/apitest"
)

// Through the scan pipeline: the exposure is reported and the secrets in container
// environments are found by detection, redacted.
func TestPipelineFindsEnvironmentSecrets(t *testing.T) {
	svc, by := apitest.Pipeline(t, New(), apitest.HTTP(t, &fakeDocker{}))
	if svc.Auth != finding.AuthNone || len(by[finding.Exposure]) != 1 || len(by[finding.Capability]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !apitest.HasSecret(by[finding.Secret], testAWSSecret) && !apitest.HasSecret(by[finding.Secret], testAWSID) {
		t.Fatalf("AWS keys in the environment not detected: %+v", by[finding.Secret])
	}
}
