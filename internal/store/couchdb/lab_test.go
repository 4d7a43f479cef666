package couchdb

import (
	"encoding/base64"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real pouchdb-server 4.2.0 (express-pouchdb, the CouchDB HTTP API over
// LevelDB; npm, installed once by scripts/build-servers.sh) on loopback: one in admin
// party, one with a server admin, a member user and members on every database.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func TestPouchDBOpen(t *testing.T) {
	p := labtest.PouchDBOpen(t)
	before := p.LogSize()
	svc, fs := probetest.Scan(t, New(), probetest.At(p.Host, p.Port))
	if svc.Product != "pouchdb-server" || svc.Version != p.Version || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	probetest.CheckPlanted(t, fs, lab.PouchDBPlanted())
	if f := probetest.Finding(fs, "couchdb-admin-party"); f == nil || !strings.HasPrefix(f.Title, "PouchDB Server") {
		t.Fatalf("admin party finding %+v", f)
	}
	if e := probetest.Finding(fs, "pouchdb-server-no-auth"); e == nil || !strings.HasPrefix(e.Title, "PouchDB Server") {
		t.Fatalf("exposure finding %+v", e)
	}
	if f := probetest.Finding(fs, "couchdb-known-vulnerabilities"); f != nil {
		t.Fatalf("CouchDB CVEs matched against pouchdb-server: %+v", f)
	}
	reqs := p.RequestsSince(before)
	if len(reqs) < 4 {
		t.Fatalf("the server logged %d requests: %q", len(reqs), reqs)
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r, "GET ") {
			t.Fatalf("the scan sent %q (all: %q)", r, reqs)
		}
	}
}

func TestPouchDBProtected(t *testing.T) {
	p := labtest.PouchDBProtected(t)
	ep := probetest.At(p.Host, p.Port)
	svc, fs := probetest.Scan(t, New(), ep)
	if svc.Product != "pouchdb-server" || svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	for _, f := range fs {
		if f.Category == finding.Secret || f.Category == finding.Exposure {
			t.Fatalf("protected server leaked: %+v", f)
		}
	}

	// A member of the shop database: reads it, and says why it could not read the vault.
	svc, fs = probetest.Scan(t, New(), ep, store.Credential{Username: labtest.PouchDBMemberUser, Password: labtest.PouchDBMemberPassword})
	if svc.Auth != finding.AuthCredentials || svc.Status != finding.StatusOpen {
		t.Fatalf("as the member: auth=%s status=%s err=%s", svc.Auth, svc.Status, svc.Error)
	}
	probetest.CheckPlanted(t, fs, lab.PouchDBPlanted()[:2])
	vault := probetest.Dataset(*svc, lab.PouchDBVault, lab.PouchDBVault)
	if vault == nil || !strings.Contains(vault.Error, "not readable") || !strings.Contains(vault.Error, "not authorized") {
		t.Fatalf("vault dataset %+v", vault)
	}

	// The admin's password given too: the vault is read with it.
	svc, fs = probetest.Scan(t, New(), ep, store.Credential{Username: labtest.PouchDBMemberUser, Password: labtest.PouchDBMemberPassword},
		store.Credential{Username: "admin", Password: labtest.PouchDBAdminPassword})
	probetest.CheckPlanted(t, fs, lab.PouchDBPlanted())
	if vault := probetest.Dataset(*svc, lab.PouchDBVault, lab.PouchDBVault); vault == nil || vault.Error != "" || vault.Rows != 2 {
		t.Fatalf("vault dataset with the admin's password %+v", vault)
	}
}

// A text attachment (a .env uploaded beside a document, a JSON file by its media type)
// is read and parsed by its name: its secrets are found under their own names, and
// binary attachments are not read. The scan only sends GETs.
func TestAttachmentsSampled(t *testing.T) {
	p := labtest.PouchDBFresh(t, lab.PouchDBConfig{})
	const (
		envToken = "Qa3Ws7Ed1Rf5Tg9Yh2Uj6Ik0Ol4Pz8Xc"
		jsonKey  = "Mn6Bv0Cx4Zl8Kj2Hg7Fd1Sa5Qw9Er3Ty"
		pngLike  = "Ty3Ui7Op1As5Df9Gh2Jk6Lz0Xc4Vb8Nm"
	)
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	docs := []map[string]any{{"_id": "tenant-42", "plan": "pro", "_attachments": map[string]any{
		"deploy.env":  map[string]any{"content_type": "application/octet-stream", "data": b64("REGION=eu-west\nDEPLOY_TOKEN=" + envToken + "\n")},
		"client":      map[string]any{"content_type": "application/json", "data": b64(`{"endpoint":"https://api.example.test","api_key":"` + jsonKey + `"}`)},
		"picture.png": map[string]any{"content_type": "image/png", "data": b64("\x89PNG\r\n\x1a\napi_key=" + pngLike)},
	}}}
	if err := p.PutDocs(t.Context(), "tenants", docs); err != nil {
		t.Fatal(err)
	}
	before := p.LogSize()
	res, _ := probetest.Probe(t, New(), probetest.At(p.Host, p.Port), probetest.LabOptions(5, 600, 100_000))
	labtest.CheckFound(t, res.Samples, envToken, jsonKey)
	if labtest.FoundValues(res.Samples)[pngLike] != "" {
		t.Errorf("a binary attachment was read")
	}
	for _, r := range p.RequestsSince(before) {
		if !strings.HasPrefix(r, "GET ") {
			t.Fatalf("the scan sent %q", r)
		}
	}
}

// A database larger than its sample is read by what its documents' ids say, one of
// each family of ids: the settings document listed after thirty orders is read when
// only five documents are.
func TestDocumentsChosenByID(t *testing.T) {
	p := labtest.PouchDBFresh(t, lab.PouchDBConfig{})
	const smtpPw = "Bramble#Osprey-4620!tarn"
	docs := []map[string]any{{"_id": "zz-mail-settings", "smtp_host": "mail.example.org", "smtp_password": smtpPw}}
	for i := range 30 {
		docs = append(docs, map[string]any{"_id": fmt.Sprintf("order:%04d", i), "total": i * 7, "status": "shipped"})
	}
	if err := p.PutDocs(t.Context(), "storefront", docs); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(p.Host, p.Port), probetest.LabOptions(5, 2048, 64<<10))
	labtest.CheckFound(t, res.Samples, smtpPw)
	for _, s := range res.Samples {
		if s.Table == "storefront" && len(s.Rows) > 5 {
			t.Fatalf("%d documents sampled, 5 asked", len(s.Rows))
		}
	}
}
