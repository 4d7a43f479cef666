package mongodb

import (
	"bytes"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
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
// TLS with a valid certificate, unless the user allowed it or the password is a
// well-known default (public anyway).
func TestPlainOnlyOverVerifiedTLS(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cred     store.Credential
		allow    bool
		wantSent bool
	}{
		{"user's password", store.Credential{Username: "u", Password: "Pw-never-in-clear"}, false, false},
		{"--allow-plaintext-auth", store.Credential{Username: "u", Password: "Pw-allowed-in-clear"}, true, true},
		{"well-known default", store.Credential{Username: "admin", Password: "admin", Default: true}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := make(chan []byte, 1)
			ep := probetest.Serve(t, func(c net.Conn) {
				_ = c.SetReadDeadline(time.Now().Add(time.Second))
				b, _ := io.ReadAll(c)
				got <- b
			})
			o := probetest.Options()
			o.IOTimeout = 300 * time.Millisecond
			o.AllowPlaintextAuth = tc.allow
			c, err := dial(t.Context(), ep, &o, false)
			if err != nil {
				t.Fatal(err)
			}
			err = c.authenticate(t.Context(), &tc.cred, []string{"PLAIN"})
			c.Close()
			if refused := errors.Is(err, errPlainRefused); refused == tc.wantSent || refused && !errors.Is(err, store.ErrAuth) {
				t.Fatalf("refused: %v (%v)", refused, err)
			}
			if sent := bytes.Contains(<-got, []byte(tc.cred.Password)); sent != tc.wantSent {
				t.Fatalf("password sent: %v, want %v", sent, tc.wantSent)
			}
		})
	}
}
