package prometheus

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real Prometheus servers (Debian's prometheus 2.42) started by
// internal/lab on loopback: open with the admin and lifecycle APIs enabled, and behind
// basic authentication (--web.config.file). Their scrape jobs point at loopback ports.

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func findingsByRule(fs []finding.Finding, rule string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestOpenServer(t *testing.T) {
	p := labtest.PrometheusOpen(t)
	o := store.DefaultOptions()
	res, d := probetest.Probe(t, New(), probetest.At(p.Host, p.Port), &o)
	t.Logf("full probe of the open server: %v", d)
	svc := res.Service
	if svc.Product != "prometheus" || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || !strings.HasPrefix(svc.Version, "2.") {
		t.Fatalf("service %+v", svc)
	}
	if svc.Details["web.enable-admin-api"] != "true" || svc.Details["go_version"] == "" {
		t.Fatalf("details %v", svc.Details)
	}
	byName := map[string]finding.Dataset{}
	for _, ds := range svc.Datasets {
		byName[ds.Table] = ds
	}
	if byName["targets"].Rows != 6 || byName["config"].Rows < 20 || byName["metrics"].Rows == 0 {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	// The API key in scrape parameters is shown in clear; the basic-auth password and the
	// bearer token are masked by Prometheus and must not be reported as seen.
	creds := findingsByRule(res.Findings, "prometheus-config-credential")
	if len(creds) != 1 || creds[0].Column != "scrape_configs[job_name=payments].params.apikey" || creds[0].Severity != finding.Critical ||
		creds[0].SHA256 != sha(p.Secrets.ParamAPIKey) || creds[0].Value != "" || strings.Contains(creds[0].Redacted, p.Secrets.ParamAPIKey) {
		t.Fatalf("credential findings %+v", creds)
	}
	var cfgText strings.Builder
	for _, smp := range res.Samples {
		if smp.Table == "config" {
			for _, r := range smp.Rows {
				cfgText.WriteString(r[0])
			}
		}
	}
	if !strings.Contains(cfgText.String(), p.Secrets.ParamAPIKey) || strings.Contains(cfgText.String(), p.Secrets.BasicAuthPassword) {
		t.Fatalf("config sample does not hold what the API shows: %q", cfgText.String())
	}
	for rule, sev := range map[string]finding.Severity{"prometheus-admin-api": finding.High, "prometheus-lifecycle-api": finding.Medium,
		"prometheus-targets": finding.Low} {
		fs := findingsByRule(res.Findings, rule)
		if len(fs) != 1 || fs[0].Severity != sev || fs[0].ID == "" {
			t.Fatalf("%s = %+v", rule, fs)
		}
	}
	if tf := findingsByRule(res.Findings, "prometheus-targets")[0]; !strings.Contains(tf.Title, "6 scrape targets on 2 hosts in 4 jobs") {
		t.Fatalf("targets finding %q", tf.Title)
	}
}

func TestProtectedServer(t *testing.T) {
	p := labtest.PrometheusProtected(t)
	ep := probetest.At(p.Host, p.Port)
	// Basic auth hides the build: a 401 on the API path is taken as Prometheus only
	// at its default port, which the lab's free port is not; a URL scheme says so.
	o := store.DefaultOptions()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if res, err := New().Probe(ctx, ep, &o); res != nil || err == nil {
		t.Fatalf("a 401 on a non-default port was claimed: %+v %v", res, err)
	}
	ep.Scheme = "prometheus"
	res, _ := probetest.Probe(t, New(), ep, &o)
	if res.Service.Auth != finding.AuthRequired || len(res.Service.Datasets) != 0 || len(res.Findings) != 0 || res.Service.Version != "" {
		t.Fatalf("without credentials: %+v %+v", res.Service, res.Findings)
	}
	o.Credentials = []store.Credential{{Username: labtest.PrometheusUser, Password: "wrong"}, {Username: labtest.PrometheusUser, Password: labtest.PrometheusPassword}}
	res, _ = probetest.Probe(t, New(), ep, &o)
	if res.Service.Auth != finding.AuthCredentials || res.Service.User != labtest.PrometheusUser || len(res.Service.Datasets) != 3 {
		t.Fatalf("with credentials: %+v", res.Service)
	}
	if len(findingsByRule(res.Findings, "prometheus-admin-api")) != 0 || len(findingsByRule(res.Findings, "prometheus-config-credential")) != 1 {
		t.Fatalf("findings %+v", res.Findings)
	}
}

func sha(s string) string { return finding.Fingerprint(s) }
