package elasticsearch

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestPipelineFindsSecretsAndPII(t *testing.T) {
	svc, by := probetest.Pipeline(t, New(), probetest.HTTP(t, &fakeCluster{version: "7.10.2", indices: seededIndices()}))
	if svc.Auth != finding.AuthNone || len(by[finding.Exposure]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !probetest.HasSecret(by[finding.Secret], testOpenAIKey) {
		t.Fatalf("OpenAI key in documents not detected: %+v", by[finding.Secret])
	}
	if !probetest.HasSecret(by[finding.PII], testEmail) {
		t.Fatalf("email in documents not detected: %+v", by[finding.PII])
	}
}
