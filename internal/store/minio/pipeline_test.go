package minio

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/apiprobe/apitest"
)

func TestPipelineFindsSecretsInObjects(t *testing.T) {
	f := &fakeMinIO{keys: map[string]string{"minioadmin": "minioadmin"}, buckets: seededBuckets()}
	svc, by := apitest.Pipeline(t, New(), apitest.HTTP(t, f))
	if svc.Auth != finding.AuthDefault || len(by[finding.Exposure]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !apitest.HasSecret(by[finding.Secret], testSlack) {
		t.Fatalf("Slack token in a log object not detected: %+v", by[finding.Secret])
	}
}
