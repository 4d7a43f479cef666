package mongodb

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Managed MongoDB-compatible services (none runs here) are named from the endpoint
// names their hello carries; buildInfo's version is then the MongoDB release they
// imitate, not theirs.
func TestCompatibleProducts(t *testing.T) {
	for _, tc := range []struct {
		hello   bson.D
		product string
		version string
	}{
		{bson.D{{Key: "me", Value: "docdb-1.cluster-abc.eu-west-1.docdb.amazonaws.com:27017"}}, productDocumentDB, ""},
		{bson.D{{Key: "hosts", Value: bson.A{"acct.mongo.cosmos.azure.com:10255"}}}, productCosmosDB, ""},
		{bson.D{{Key: "hosts", Value: bson.A{"db-0.internal:27017"}}}, name, "5.0.0"},
	} {
		raw, _ := bson.Marshal(tc.hello)
		svc := finding.Service{Product: name, Details: map[string]string{}}
		applyHello(&svc, &helloInfo{Raw: raw})
		bi, _ := bson.Marshal(bson.D{{Key: "version", Value: "5.0.0"}})
		applyBuildInfo(&svc, bi)
		if svc.Product != tc.product || svc.Version != tc.version || svc.Details["mongodb_compatible"] == "" && tc.product != name {
			t.Errorf("%v: %s %q %v", tc.hello, svc.Product, svc.Version, svc.Details)
		}
	}
	// FerretDB says its own version in buildInfo.
	svc := finding.Service{Product: name, Details: map[string]string{}}
	bi, _ := bson.Marshal(bson.D{{Key: "version", Value: "7.0.42"}, {Key: "ferretdbVersion", Value: "v1.24.2"}})
	applyBuildInfo(&svc, bi)
	if svc.Product != productFerretDB || svc.Version != "1.24.2" || svc.Details["mongodb_compatible"] != "7.0.42" {
		t.Fatalf("%+v", svc)
	}
}

// A server offering only SASL PLAIN gets no password over a connection that is not
// TLS with a valid certificate (unless the user allowed it).
func TestPlainOnlyOverVerifiedTLS(t *testing.T) {
	c := &conn{}
	if err := c.authenticate(t.Context(), "u", "p", []string{"PLAIN"}); err != errPlainRefused {
		t.Fatalf("PLAIN over plain TCP: %v", err)
	}
}
