package prometheus

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// denseSmallConfig is a configuration of about n bytes (past tinyConfig, within
// smallConfig) of one-letter flow items, the costliest node tree per byte, with a
// credential on its first line.
func denseSmallConfig(n int) string {
	var y strings.Builder
	y.WriteString("basic_auth: {username: u, password: Tr0ub4dor-dense-2}\n")
	line := "k: [" + strings.Repeat("a,", 8<<10) + "a]\n"
	for y.Len()+len(line) <= n {
		y.WriteString(line)
	}
	return y.String()
}

// realConfig is a configuration of about n bytes as Prometheus writes one: scrape jobs
// with their targets, the first one's password in clear.
func realConfig(n int) string {
	var y strings.Builder
	y.WriteString("global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\nscrape_configs:\n")
	for i := 0; y.Len() < n; i++ {
		pw := "<secret>"
		if i == 0 {
			pw = "Tr0ub4dor-honest-waits-4"
		}
		fmt.Fprintf(&y, "- job_name: svc-%d\n  honor_timestamps: true\n  scrape_interval: 30s\n  metrics_path: /metrics\n  scheme: https\n  basic_auth:\n    username: scraper\n    password: %s\n  static_configs:\n  - targets:\n", i, pw)
		for j := range 12 {
			fmt.Fprintf(&y, "    - 10.%d.%d.%d:9100\n", i/256%256, i%256, j)
		}
	}
	return y.String()
}

// countingConfig is serveConfig counting the configuration's fetches.
func countingConfig(t *testing.T, yaml string, fetched *atomic.Int32) store.Endpoint {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"status": "success", "data": map[string]string{"yaml": yaml}})
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/-/healthy":
			io.WriteString(w, "Prometheus is Healthy.\n")
		case "/api/v1/status/config":
			fetched.Add(1)
			w.Write(body)
		default:
			http.NotFound(w, r)
		}
	})
}

// TestHonestConfigWaitBehindHostileOnes: configurations of 16–256 KiB wait for their
// bytes of the small parses' budget, first come first served, so an honest configuration
// of 100 KiB fetched after 30 hostile ones of 240 KiB (each holding half the budget for
// a parse of its densest node tree) waited for all 30 parses.
func TestHonestConfigWaitBehindHostileOnes(t *testing.T) {
	const hostiles = 30
	var fetched atomic.Int32
	honestYAML := realConfig(100 << 10)
	honest := countingConfig(t, honestYAML, new(atomic.Int32))
	hostileYAML := denseSmallConfig(240 << 10)
	if len(honestYAML) <= tinyConfig || len(hostileYAML) > smallConfig {
		t.Fatalf("configurations of %d and %d bytes", len(honestYAML), len(hostileYAML))
	}
	o := store.DefaultOptions()
	o.IOTimeout = 30 * time.Second
	o.InventoryTimeout = 5 * time.Minute

	probeHonest := func() time.Duration {
		t.Helper()
		res, err, took := probetest.Try(New(), honest, &o, 5*time.Minute)
		if res == nil {
			t.Fatalf("no result for the honest endpoint: %v", err)
		}
		if probetest.Finding(res.Findings, "prometheus-config-credential") == nil {
			t.Errorf("the honest configuration's credential was not found (%s)", res.Service.Details["config_checked"])
		}
		return took
	}
	alone := probeHonest()

	var wg sync.WaitGroup
	var hostileFound atomic.Int32
	for range hostiles {
		ep := countingConfig(t, hostileYAML, &fetched)
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, _, _ := probetest.Try(New(), ep, &o, 5*time.Minute)
			if res != nil && probetest.Finding(res.Findings, "prometheus-config-credential") != nil {
				hostileFound.Add(1)
			}
		}()
	}
	for fetched.Load() < hostiles {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond) // the hostile configurations queued for their turns
	behind := probeHonest()
	start := time.Now()
	wg.Wait()
	t.Logf("honest %d KiB configuration: probe %v alone, %v behind %d hostile ones of %d KiB (they ended %v later; %d of them had their credential found)",
		len(honestYAML)>>10, alone.Round(time.Millisecond), behind.Round(time.Millisecond), hostiles, len(hostileYAML)>>10,
		time.Since(start).Round(time.Millisecond), hostileFound.Load())
	if hostileFound.Load() != hostiles {
		t.Errorf("the credential of %d of %d hostile configurations was found", hostileFound.Load(), hostiles)
	}
	if wait := behind - alone; wait > configWait+2*time.Second {
		t.Errorf("the honest configuration waited %v behind the hostile ones (its wait is bounded at %v)", wait.Round(time.Millisecond), configWait)
	}
}
