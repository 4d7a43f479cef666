package monitor

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/verify"
	"github.com/leakwatch/leakwatch/internal/verify/verifytest"
)

// stand-in issuers: GitHub answers with the status in *github, everyone else 401.
func standInIssuers(t *testing.T, github *int, mu *sync.Mutex, asked map[string]int) {
	var hosts []string
	for _, v := range verify.All() {
		hosts = append(hosts, v.Hosts...)
	}
	srv := verifytest.New(t, hosts, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked[r.Host]++
		st := *github
		mu.Unlock()
		if r.Host == "api.github.com" {
			w.WriteHeader(st)
			w.Write([]byte(`{"login":"lab-user","message":"Bad credentials"}`))
			return
		}
		w.WriteHeader(401)
	}))
	old := verifyNetwork
	verifyNetwork = &verify.Network{DialContext: srv.DialContext, RootCAs: srv.RootCAs}
	t.Cleanup(func() { verifyNetwork = old })
}

func setVerify(cfg *Config, on bool, recheck time.Duration) {
	cfg.Groups[0].Scan.Verify = &on
	cfg.Groups[0].Scan.VerifyRecheck = nil
	if recheck > 0 {
		cfg.Groups[0].Scan.VerifyRecheck = &recheck
	}
}

// With verify: true the monitor asks issuers, records verdicts in history, alerts when
// a key turns live and when it turns revoked, and reuses a fresh verdict instead of
// asking again. Without it nobody is asked.
func TestMonitorVerify(t *testing.T) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "monitor-verify"}, false)
	seedSmall(t, ch)
	var mu sync.Mutex
	github := http.StatusOK
	asked := map[string]int{}
	standInIssuers(t, &github, &mu, asked)
	t.Setenv("LW_TEST_HOOK_SECRET", "hook-secret-v")
	hook, hookURL := newHookReceiver(t, "hook-secret-v")
	dir := t.TempDir()
	cfg := monitorConfig(t, dir, ch, hookURL, "store: history.db")
	ctx := context.Background()

	// Off by default: a run without verify: true asks nobody.
	m, db := openMonitor(t, cfg, filepath.Join(dir, "monitor.yaml"))
	defer db.Close()
	run, err := m.ScanNow(ctx, "lab", "manual")
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := db.Report(ctx, run.ID)
	for _, f := range rep.Findings {
		if f.Verified != "" {
			t.Errorf("verdict without verify: true: %+v", f)
		}
	}
	if len(asked) != 0 {
		t.Fatalf("issuers asked without verify: true: %v", asked)
	}

	// verify: true, recheck after a millisecond: every run asks again.
	setVerify(cfg, true, time.Millisecond)
	if err := m.Apply(cfg); err != nil {
		t.Fatal(err)
	}
	dctx, stop := context.WithCancel(ctx)
	defer stop()
	go m.Dispatcher().Run(dctx)
	if _, err := m.ScanNow(ctx, "lab", "manual"); err != nil {
		t.Fatal(err)
	}
	events := func(a []alert.Alert, kind string) []alert.Event {
		var out []alert.Event
		for _, al := range a {
			for _, e := range al.Events {
				if e.Kind == kind {
					out = append(out, e)
				}
			}
		}
		return out
	}
	// Alert 1 is the first run's (no verification); alert 2 this run's.
	got := hook.wait(t, 2, 30*time.Second)[1:]
	if len(events(got, alert.KeyLive)) == 0 {
		t.Logf("asked %v; alert %+v", asked, got)
	}
	live := events(got, alert.KeyLive)
	if len(live) != 1 || !strings.Contains(live[0].Detail, "github-pat") || !strings.Contains(live[0].Detail, "user lab-user") ||
		live[0].Severity != finding.Critical {
		t.Errorf("key-live events %+v", live)
	}
	if len(events(got, alert.KeyRevoked)) != 0 {
		t.Errorf("a key never seen live alerted as revoked: %+v", events(got, alert.KeyRevoked))
	}

	// GitHub now rejects the token: the next run alerts that it turned revoked.
	mu.Lock()
	github = http.StatusUnauthorized
	mu.Unlock()
	if _, err := m.ScanNow(ctx, "lab", "manual"); err != nil {
		t.Fatal(err)
	}
	got = hook.wait(t, 3, 30*time.Second)
	if rv := events(got[2:], alert.KeyRevoked); len(rv) != 1 || !strings.Contains(rv[0].Detail, "github-pat") {
		t.Errorf("key-revoked events %+v", rv)
	}

	// With the default recheck (24h) the verdicts of the last run are reused.
	setVerify(cfg, true, 0)
	if err := m.Apply(cfg); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	before := asked["api.github.com"]
	mu.Unlock()
	run, err = m.ScanNow(ctx, "lab", "manual")
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	after := asked["api.github.com"]
	mu.Unlock()
	if after != before {
		t.Errorf("GitHub asked again (%d → %d) within the recheck interval", before, after)
	}
	rep, _ = db.Report(ctx, run.ID)
	n := 0
	for _, f := range rep.Findings {
		if f.Rule == "github-pat" {
			n++
			if f.Verified != finding.VerifiedRevoked || f.VerifiedAt == "" {
				t.Errorf("reused verdict %q at %q", f.Verified, f.VerifiedAt)
			}
		}
	}
	if n == 0 {
		t.Error("no github-pat finding")
	}
}

func TestVerifyConfig(t *testing.T) {
	base := "groups:\n  - name: g\n    targets: [127.0.0.1]\n    schedule: {interval: 1h}\n"
	c, err := ParseConfig([]byte(base+"    scan: {verify: true, verify_timeout: 3s}\n"), "m.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s := c.settingsFor(&c.Groups[0])
	if !s.verify || s.verifyTimeout != 3*time.Second || s.verifyRecheck != 24*time.Hour {
		t.Errorf("settings %+v", s)
	}
	c, err = ParseConfig([]byte(base), "m.yaml", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if c.settingsFor(&c.Groups[0]).verify {
		t.Error("verification on by default")
	}
	if _, err := ParseConfig([]byte(base+"    scan: {verify: true, verify_timeout: 0s}\n"), "m.yaml", t.TempDir()); err == nil ||
		!strings.Contains(err.Error(), "verify_timeout") {
		t.Errorf("zero verify_timeout: %v", err)
	}
}
