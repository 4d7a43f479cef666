package couchdb

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestPipelineFindsSecrets(t *testing.T) {
	p := New()
	p.epmdPort = fakeEPMD(t)
	svc, by := probetest.Pipeline(t, p, probetest.HTTP(t, &fakeCouch{version: "3.1.0", admins: map[string]string{"admin": "password"}, dbs: seededDBs()}))
	if svc.Auth != finding.AuthDefault || len(by[finding.Exposure]) != 1 {
		t.Fatalf("%+v %+v", svc, by)
	}
	if !probetest.HasSecret(by[finding.Secret], testGitHub) {
		t.Fatalf("GitHub token in a document not detected: %+v", by[finding.Secret])
	}
}
