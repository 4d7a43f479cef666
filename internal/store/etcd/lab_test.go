package etcd

import (
	"os"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real etcd members (Debian's etcd-server 3.4) started by internal/lab on
// loopback, seeded through the gateway, one with authentication enabled by the test's
// own admin client (root user, a reader role, auth enable).

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func testOptions() *store.Options { return probetest.LabOptions(5, 2048, 32<<10) }

func TestOpenServer(t *testing.T) {
	e := labtest.EtcdOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(e.Host, e.ClientPort), o)
	t.Logf("full probe of the seeded open member: %v", d)
	svc := res.Service
	if svc.Product != "etcd" || svc.Version != e.Version || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.TLS {
		t.Fatalf("service %+v", svc)
	}
	if svc.Details["api"] != "/v3" || !strings.Contains(svc.Details["members"], "lab clients=http://") || svc.Details["db_size"] == "" {
		t.Fatalf("details %v", svc.Details)
	}
	got := map[string]int64{}
	for _, ds := range svc.Datasets {
		got[ds.Table] = ds.Rows
	}
	for p, n := range lab.EtcdSeedPrefixes {
		if got[p] != n {
			t.Fatalf("dataset %s has %d keys, want %d (datasets %+v)", p, got[p], n, svc.Datasets)
		}
	}
	if len(got) != len(lab.EtcdSeedPrefixes) {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	sec := probetest.SampleOf(res, "/registry/secrets/")
	if sec == nil || len(sec.Columns) != 4 {
		t.Fatalf("secrets sample %+v", sec)
	}
	joined := ""
	for _, r := range sec.Rows {
		joined += strings.Join(r, " ")
	}
	if !strings.Contains(joined, "ghp_") || !strings.Contains(joined, "postgres://") || strings.ContainsRune(joined, 0) {
		t.Fatalf("secret values not rendered as text: %q", joined)
	}
	if app := probetest.SampleOf(res, "/app/"); app == nil || app.Columns[1] != "/app/config/prod" || len(app.Columns) != o.SampleRows+1 {
		t.Fatalf("app sample %+v", app)
	}
	if f := probetest.Finding(res.Findings, "etcd-kubernetes-secrets"); f == nil || f.Severity != finding.Critical || f.Count != 3 ||
		f.Evidence != "namespaces: default, kube-system" {
		t.Fatalf("secrets finding %+v", f)
	}
	for rule, sev := range map[string]finding.Severity{"etcd-write-access": finding.Critical, "etcd-no-tls": finding.Medium,
		"etcd-known-vulnerabilities": finding.High} {
		if f := probetest.Finding(res.Findings, rule); f == nil || f.Severity != sev || f.ID == "" || f.Remediation == "" {
			t.Fatalf("%s = %+v", rule, f)
		}
	}
}

func TestProtectedServer(t *testing.T) {
	e := labtest.EtcdProtected(t)
	ep := probetest.At(e.Host, e.ClientPort)
	res, _ := probetest.Probe(t, New(), ep, testOptions())
	svc := res.Service
	if svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 {
		t.Fatalf("without credentials: %+v", svc)
	}
	if svc.Version != e.Version || svc.Details["auth"] != "enabled" {
		t.Fatalf("details %+v", svc)
	}
	if probetest.Finding(res.Findings, "etcd-write-access") != nil || probetest.Finding(res.Findings, "etcd-kubernetes-secrets") != nil {
		t.Fatalf("findings %+v", res.Findings)
	}

	// Root: everything.
	o := testOptions()
	o.Credentials = []store.Credential{{Username: "root", Password: labtest.EtcdRootPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != "root" || len(svc.Datasets) != len(lab.EtcdSeedPrefixes) {
		t.Fatalf("root: %+v", svc)
	}
	if f := probetest.Finding(res.Findings, "etcd-kubernetes-secrets"); f == nil || f.Severity != finding.High {
		t.Fatalf("secrets with credentials: %+v", f)
	}
	if f := probetest.Finding(res.Findings, "etcd-root-access"); f == nil || f.Severity != finding.High || svc.Details["roles"] != "root" {
		t.Fatalf("root access: %+v roles %q", f, svc.Details["roles"])
	}

	// A reader of /app/ only: in, but the full range is denied.
	o.Credentials = []store.Credential{{Username: labtest.EtcdReaderUser, Password: labtest.EtcdReaderPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != labtest.EtcdReaderUser || svc.Details["keys"] != "" {
		t.Fatalf("reader: %+v", svc)
	}
	// Its role's range is inventoried instead of the whole key space.
	if len(svc.Datasets) != 1 || svc.Datasets[0].Table != "/app/" || svc.Datasets[0].Rows != lab.EtcdSeedPrefixes["/app/"] || len(res.Samples) != 1 {
		t.Fatalf("reader datasets %+v", svc.Datasets)
	}
	if probetest.Finding(res.Findings, "etcd-root-access") != nil || probetest.Finding(res.Findings, "etcd-write-grant") != nil {
		t.Fatalf("reader findings %+v", res.Findings)
	}
}

// Keys are sampled by what their names say: a credential's short name as a path
// segment of its own ("…/db/pass") ranks with the long ones, ahead of a prefix's
// two dozen other keys, when only five are read.
func TestShortCredentialNameSampledFirst(t *testing.T) {
	e := labtest.EtcdFresh(t)
	ctx := t.Context()
	const dbPass = "Granite!Puffin-8153#wold"
	for _, svc := range []string{"atlas", "birch", "cedar", "delta", "ember", "fjord", "grove", "heron", "iris", "juno", "kite", "lumen"} {
		for _, leaf := range []string{"replicas", "image"} {
			if err := e.Put(ctx, "", "/svc/"+svc+"/"+leaf, "v"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := e.Put(ctx, "", "/svc/ledger/db/pass", dbPass); err != nil {
		t.Fatal(err)
	}
	res, _ := probetest.Probe(t, New(), probetest.At(e.Host, e.ClientPort), testOptions())
	labtest.CheckFound(t, res.Samples, dbPass)
}
