package minio

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestPipelineFindsSecretsInObjects(t *testing.T) {
	f := &fakeMinIO{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: seededBuckets()}
	svc, by := probetest.Pipeline(t, New(), probetest.HTTP(t, f))
	if svc.Auth != finding.AuthDefault || len(by[finding.Exposure]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !probetest.HasSecret(by[finding.Secret], testSlack) {
		t.Fatalf("Slack token in a log object not detected: %+v", by[finding.Secret])
	}
}
