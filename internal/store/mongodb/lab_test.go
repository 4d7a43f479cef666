package mongodb

import (
	"os"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real FerretDB servers (v1.24.2, built once by scripts/build-servers.sh)
// on loopback: MongoDB's wire protocol over SQLite, one without authentication and one
// with SCRAM users, seeded through the official driver.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func TestFerretDBOpen(t *testing.T) {
	f := labtest.FerretDBOpen(t)
	svc, fs := probetest.Scan(t, New(), probetest.At(f.Host, f.Port))
	if svc.Product != "ferretdb" || svc.Version != f.Version || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	if svc.Details["mongodb_compatible"] != f.CompatVersion {
		t.Fatalf("details %v (server claims MongoDB %s)", svc.Details, f.CompatVersion)
	}
	if ds := probetest.Dataset(*svc, lab.FerretDBDatabase, "customers"); ds == nil || ds.Rows != lab.FerretDBUsers {
		t.Fatalf("customers %+v", ds)
	}
	probetest.CheckPlanted(t, fs, lab.FerretDBPlanted())
	for _, f := range fs {
		if f.Rule == "mongodb-known-vulnerabilities" {
			t.Fatalf("MongoDB CVEs matched against FerretDB: %+v", f)
		}
	}
	if e := probetest.Finding(fs, "ferretdb-no-auth"); e == nil || e.Title != "FerretDB answers without a password" {
		t.Fatalf("exposure finding %+v", e)
	}
}

func TestFerretDBProtected(t *testing.T) {
	f := labtest.FerretDBProtected(t)
	ep := probetest.At(f.Host, f.Port)
	svc, fs := probetest.Scan(t, New(), ep)
	if svc.Product != "ferretdb" || svc.Version != f.Version || svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	for _, f := range fs {
		if f.Category == finding.Secret || f.Category == finding.Exposure {
			t.Fatalf("protected server leaked: %+v", f)
		}
	}
	// The account reads everything.
	svc, fs = probetest.Scan(t, New(), ep, store.Credential{Username: labtest.FerretDBUser, Password: labtest.FerretDBPassword})
	if svc.Auth != finding.AuthCredentials || svc.Status != finding.StatusOpen {
		t.Fatalf("with the account: auth=%s status=%s err=%s", svc.Auth, svc.Status, svc.Error)
	}
	probetest.CheckPlanted(t, fs, lab.FerretDBPlanted())
}

// A scan sends only read commands: FerretDB's debug log has every request it got.
func TestFerretDBReadOnly(t *testing.T) {
	f := labtest.FerretDBFresh(t, lab.FerretDBConfig{})
	before := f.LogSize()
	probetest.Scan(t, New(), probetest.At(f.Host, f.Port))
	cmds := f.RequestCommandsSince(before)
	if len(cmds) < 5 {
		t.Fatalf("the log shows %d requests: %q", len(cmds), cmds)
	}
	for _, c := range cmds {
		if !readCommands[c] {
			t.Fatalf("the scan sent %q (all: %q)", c, cmds)
		}
	}
	t.Logf("%d requests: %q", len(cmds), cmds)
}
