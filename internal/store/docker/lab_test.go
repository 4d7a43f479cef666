package docker

import (
	"os"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real Docker Engines (Debian's docker.io 20.10) started by internal/lab
// on loopback with their own data and exec roots: one on plain TCP, one with
// --tlsverify; seeded with images built FROM scratch around a static busybox and
// running containers, with credentials in ENV, image LABELs and container labels.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func TestDockerOpen(t *testing.T) {
	d := labtest.DockerOpen(t)
	before := d.LogSize()
	p := New()
	svc, fs := probetest.Scan(t, p, probetest.At(d.Host, d.Port))
	if svc.Product != "docker" || svc.Version != d.Version || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen {
		t.Fatalf("service %s %s auth=%s status=%s err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.Error)
	}
	images := 0
	for _, ds := range svc.Datasets {
		if ds.Database == "images" {
			images++
		}
	}
	if images != 2 || svc.Details["containers"] != "3" || svc.Details["containers_running"] != "2" {
		t.Fatalf("details %v", svc.Details)
	}
	if probetest.Dataset(*svc, "images", "lab/billing-api:1.4") == nil || probetest.Dataset(*svc, "containers", "ops-debug") == nil {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	probetest.CheckPlanted(t, fs, lab.DockerPlanted())
	if f := probetest.Finding(fs, "docker-privileged-containers"); f == nil || !strings.Contains(f.Evidence, "ops-debug (privileged)") {
		t.Fatalf("privileged finding %+v", f)
	}
	// Read-only: dockerd's debug log names every call it served.
	calls := d.APICallsSince(before)
	if len(calls) < 5 {
		t.Fatalf("dockerd logged %d calls: %q", len(calls), calls)
	}
	for _, c := range calls {
		if !strings.HasPrefix(c, "GET ") {
			t.Fatalf("the scan sent %q (all: %q)", c, calls)
		}
	}
	t.Logf("%d calls: %q", len(calls), calls)
}

func TestDockerProtected(t *testing.T) {
	d := labtest.DockerProtected(t)
	before := d.LogSize()
	p := New()
	p.tlsPort = d.Port
	svc, fs := probetest.Scan(t, p, probetest.At(d.Host, d.Port))
	if svc.Product != "docker" || svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || !svc.TLS {
		t.Fatalf("service %s %s auth=%s status=%s tls=%v err=%s", svc.Product, svc.Version, svc.Auth, svc.Status, svc.TLS, svc.Error)
	}
	for _, f := range fs {
		if f.Category == finding.Secret || f.Category == finding.Exposure {
			t.Fatalf("protected daemon leaked: %+v", f)
		}
	}
	if calls := d.APICallsSince(before); len(calls) != 0 {
		t.Fatalf("a daemon that wants client certificates served %q", calls)
	}
}

// Once the endpoint's sample budget is spent, no container or image is inspected any
// more (their inspect payloads are the samples): a real daemon with 3 containers and 2
// images, probed with a budget the first container's sample spends, serves exactly
// one inspect call, and still sees every container and image listed, counted and
// marked not sampled.
func TestSampleBudgetStopsInspect(t *testing.T) {
	d := labtest.DockerOpen(t)
	before := d.LogSize()
	res := probetest.CheckSampleBudget(t, New(), probetest.At(d.Host, d.Port), 1, nil)
	var inspects []string
	for _, c := range d.APICallsSince(before) {
		if strings.HasSuffix(c, "/json") && (strings.HasPrefix(c, "GET /containers/") || strings.HasPrefix(c, "GET /images/")) &&
			c != "GET /containers/json" && c != "GET /images/json" {
			inspects = append(inspects, c)
		}
	}
	// Two probes (CheckSampleBudget probes, then scans): one inspect each.
	if len(inspects) != 2 {
		t.Errorf("%d inspect calls with a spent budget, want 2 (one a probe): %q", len(inspects), inspects)
	}
	containers, images, marked := 0, 0, 0
	for _, ds := range res.Service.Datasets {
		switch ds.Database {
		case "containers":
			containers++
		case "images":
			images++
		}
		if ds.NotSampled == probekit.NotSampledBudget {
			marked++
		}
	}
	if containers != 3 || images != 2 || marked != 4 {
		t.Fatalf("%d containers, %d images listed, %d marked not sampled; want 3, 2, 4: %+v", containers, images, marked, res.Service.Datasets)
	}
}
