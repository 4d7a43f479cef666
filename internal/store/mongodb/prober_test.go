package mongodb

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func run(t *testing.T, ep store.Endpoint, mod func(*store.Options)) (*store.Result, error) {
	t.Helper()
	return probetest.Run(t, New(), ep, 30*time.Second, mod)
}

// rules indexes findings by rule.
var rules = probetest.ByRule

func dataset(t *testing.T, svc finding.Service, db, coll string) finding.Dataset {
	t.Helper()
	for _, d := range svc.Datasets {
		if d.Database == db && d.Table == coll {
			return d
		}
	}
	t.Fatalf("no dataset %s.%s in %+v", db, coll, svc.Datasets)
	return finding.Dataset{}
}

// readOnly fails on any command outside the read-only list — checked on the server side.
func readOnly(t *testing.T, f *fakeMongo) {
	t.Helper()
	for _, c := range f.commands() {
		name := c[strings.IndexByte(c, '.')+1:]
		if !readCommands[name] {
			t.Errorf("command %s reached the server", c)
		}
	}
}

func TestOpenMongo(t *testing.T) {
	f := &fakeMongo{version: "7.0.14", maxWire: 21, zlib: true, bindIP: "0.0.0.0", dbs: seededDBs()}
	res, err := run(t, f.serve(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "mongodb" || svc.Version != "7.0.14" || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.Details["role"] != "standalone" {
		t.Fatalf("%+v", svc)
	}
	if svc.Details["databases"] != "5" || len(svc.Datasets) != 3 {
		t.Fatalf("datasets (admin system collections, local and config left out): %+v", svc.Datasets)
	}
	users := dataset(t, svc, "shop", "users")
	if users.Rows != 25 || users.Bytes == 0 || users.Sampled != 5 || users.Kind != "collection" {
		t.Fatalf("users: %+v", users)
	}
	var cols []string
	for _, c := range users.Columns {
		cols = append(cols, c.Name+":"+c.Type)
	}
	if strings.Join(cols, ",") != "_id:objectID,email:string,name:string,createdAt:UTC datetime,profile:embedded document" {
		t.Fatalf("columns %v", cols)
	}
	if tr := users.TimeRange; tr == nil || tr.Column != "createdAt" || tr.Min != "2025-03-01T12:00:00Z" || tr.Max != "2025-03-02T12:00:00Z" {
		t.Fatalf("time range %+v", users.TimeRange)
	}
	if tr := dataset(t, svc, "shop", "payments").TimeRange; tr == nil || !strings.HasPrefix(tr.Column, "_id") || tr.Min != "2025-03-01T12:00:00Z" || tr.Max != "2025-03-01T12:24:00Z" {
		t.Fatalf("ObjectId time range %+v", tr)
	}
	var found struct{ stripe, email, dsn bool }
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			j := strings.Join(r, "|")
			found.stripe = found.stripe || strings.Contains(j, testStripeKey)
			found.email = found.email || strings.Contains(j, testEmail)
			found.dsn = found.dsn || strings.Contains(j, testDSN)
			n := 0
			for _, c := range r {
				n += len(c)
			}
			if n > 4<<10 {
				t.Fatalf("row of %d bytes in %s.%s", n, s.Database, s.Table)
			}
		}
	}
	if !found.stripe || !found.email || !found.dsn {
		t.Fatalf("samples miss seeded values: %+v", found)
	}
	r := rules(res.Findings)
	if r["mongodb-no-access-control"].Severity != finding.Critical || r["mongodb-bind-all"].Severity != finding.Medium {
		t.Fatalf("findings %+v", res.Findings)
	}
	cve := r["mongodb-known-vulnerabilities"]
	if cve.Severity != finding.High || cve.Tags[0] != "CVE-2025-14847" || !strings.Contains(cve.Evidence, "agreed to zlib") {
		t.Fatalf("MongoBleed finding %+v", cve)
	}
	readOnly(t, f)
}

func TestMongoBleedNeedsZlib(t *testing.T) {
	f := &fakeMongo{version: "8.0.16", maxWire: 25, bindIP: "127.0.0.1", dbs: seededDBs()}
	res, err := run(t, f.serve(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	cve := rules(res.Findings)["mongodb-known-vulnerabilities"]
	if cve.Severity != finding.Medium || !strings.Contains(cve.Evidence, "did not agree") {
		t.Fatalf("%+v", cve)
	}
	if _, ok := rules(res.Findings)["mongodb-bind-all"]; ok {
		t.Fatal("bind-all on 127.0.0.1")
	}
	f = &fakeMongo{version: "8.0.17", maxWire: 25, zlib: true, dbs: seededDBs()}
	res, _ = run(t, f.serve(t), nil)
	if _, ok := rules(res.Findings)["mongodb-known-vulnerabilities"]; ok {
		t.Fatal("fixed release flagged")
	}
}

func TestProtectedMongo(t *testing.T) {
	f := &fakeMongo{version: "6.0.5", maxWire: 17, users: map[string]string{"app": "app-pw-1"}, dbs: seededDBs()}
	ep := f.serve(t)
	res, err := run(t, ep, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthRequired || res.Service.Status != finding.StatusAuthRequired || len(res.Service.Datasets) != 0 || len(res.Samples) != 0 {
		t.Fatalf("%+v", res.Service)
	}
	if res.Service.Version != "6.0.5" {
		t.Fatalf("buildInfo is answered without auth: %+v", res.Service)
	}
	res, err = run(t, ep, func(o *store.Options) {
		o.Credentials = []store.Credential{{Store: "mongodb", Username: "app", Password: "app-pw-1"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthCredentials || res.Service.User != "app" || len(res.Service.Datasets) != 3 {
		t.Fatalf("%+v", res.Service)
	}
	readOnly(t, f)
}

func TestDefaultPasswordSCRAMSHA1(t *testing.T) {
	// 3.6: OP_MSG, SCRAM-SHA-1 only.
	f := &fakeMongo{version: "3.6.23", maxWire: 6, users: map[string]string{"root": "example"}, dbs: seededDBs()}
	res, err := run(t, f.serve(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthDefault || res.Service.User != "root" || len(res.Service.Datasets) != 3 {
		t.Fatalf("%+v", res.Service)
	}
	if rules(res.Findings)["mongodb-default-admin"].Severity != finding.Critical {
		t.Fatalf("%+v", res.Findings)
	}
}

func TestLegacyOpQuery(t *testing.T) {
	f := &fakeMongo{version: "3.4.24", maxWire: 5, dbs: seededDBs()}
	res, err := run(t, f.serve(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Version != "3.4.24" || res.Service.Auth != finding.AuthNone || len(res.Service.Datasets) != 3 {
		t.Fatalf("%+v", res.Service)
	}
	if _, ok := rules(res.Findings)["mongodb-known-vulnerabilities"]; ok {
		t.Fatal("3.4 predates the zlib code of CVE-2025-14847")
	}
}

// An empty listDatabases that nothing corroborates is not "open".
func TestEmptyListIsNotOpen(t *testing.T) {
	f := &fakeMongo{version: "7.0.2", maxWire: 21, emptyList: true, dbs: seededDBs()}
	res, err := run(t, f.serve(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthRequired || res.Service.Auth.Open() {
		t.Fatalf("%+v", res.Service)
	}
}

func TestWrongPasswordIsNotAccepted(t *testing.T) {
	f := &fakeMongo{version: "7.0.2", maxWire: 21, users: map[string]string{"admin": "not-admin"}, dbs: seededDBs()}
	res, err := run(t, f.serve(t), nil)
	if err != nil || res.Service.Auth != finding.AuthRequired {
		t.Fatalf("%+v %v", res.Service, err)
	}
}

func TestGuardRefusesWrites(t *testing.T) {
	c := &conn{}
	for _, cmd := range []string{"insert", "drop", "dropDatabase", "shutdown", "eval", "update", "createUser", "aggregate"} {
		if _, err := c.run(context.Background(), "x", bsonCmd(cmd)); !errors.Is(err, errNotReadOnly) {
			t.Errorf("%s: %v", cmd, err)
		}
	}
}
