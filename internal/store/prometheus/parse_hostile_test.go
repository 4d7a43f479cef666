package prometheus

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// hostileLines is a configuration of about n bytes whose every line is a top-level key
// holding a flow list of one-letter items: the densest node tree YAML can be asked to
// build (a parse of 8 MiB took 3–5 s of CPU that no deadline could stop). The credential
// is on its first line.
func hostileLines(n int) string {
	var y strings.Builder
	y.WriteString("basic_auth: {username: u, password: Tr0ub4dor-config-9}\n")
	item := strings.Repeat("a,", 32<<10)
	for i := 0; y.Len() < n; i++ {
		fmt.Fprintf(&y, "k%d: [%sa]\n", i, item)
	}
	return y.String()
}

// TestHostileConfigParseBounded: the whole configuration an answer held (up to 8 MiB)
// was parsed, so a hostile one cost some eight times what 1 MiB costs. Only the first
// maxConfigParse bytes (whole lines) are parsed now: the credential on the first line is
// still found, and 7 MiB costs about what 1 MiB does.
func TestHostileConfigParseBounded(t *testing.T) {
	svc := finding.Service{Host: "127.0.0.1", Port: 9090}
	cost := func(text string) (time.Duration, []finding.Finding) {
		best := time.Duration(1 << 62)
		var fs []finding.Finding
		for range 2 {
			start := time.Now()
			fs = configFindings(svc, text)
			best = min(best, time.Since(start))
		}
		return best, fs
	}
	small, big := hostileLines(1<<20), hostileLines(7<<20)
	cs, _ := cost(small)
	cb, fs := cost(big)
	t.Logf("configuration of %d KiB: %v; of %d KiB: %v", len(small)>>10, cs, len(big)>>10, cb)
	if probetest.Finding(fs, "prometheus-config-credential") == nil {
		t.Errorf("the credential on the first line of the large configuration is not reported")
	}
	if cb > 3*cs {
		t.Errorf("a 7 MiB configuration cost %v to check, 1 MiB %v: its parse is not bounded", cb, cs)
	}
}

// TestHostileConfigsDoNotStarveHonest: every configuration waited for one parse slot, so
// a few hostile endpoints, each holding it for seconds of a large parse, made an honest
// endpoint probed at the same time run out of its deadline before its turn and skip its
// credential check. The honest endpoint's small configuration is now checked within its
// own deadline.
func TestHostileConfigsDoNotStarveHonest(t *testing.T) {
	hostile := serveConfig(t, hostileLines(7<<20)) // within the 8 MiB answer cap
	honest := serveConfig(t, "global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: node\n  basic_auth:\n    username: u\n    password: Tr0ub4dor-honest-7\n")
	o := store.DefaultOptions()
	o.IOTimeout = 20 * time.Second
	o.InventoryTimeout = time.Minute
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			probetest.Try(New(), hostile, &o, 2*time.Minute)
		}()
	}
	time.Sleep(500 * time.Millisecond) // the hostile configurations fetched and parsing
	oh := o
	oh.InventoryTimeout = 2 * time.Second
	res, err, took := probetest.Try(New(), honest, &oh, 30*time.Second)
	wg.Wait()
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("honest probe: %v", took)
	if probetest.Finding(res.Findings, "prometheus-config-credential") == nil {
		t.Errorf("the honest endpoint's credential was not checked: three hostile endpoints held the parse slot past its deadline")
	}
}

// A real configuration past maxConfigParse (Prometheus writes scrape_configs' items at
// column 0) is parsed in whole jobs: the part is valid YAML, and a credential in clear
// in its first job is reported.
func TestLongRealConfigParsedInWholeJobs(t *testing.T) {
	var y strings.Builder
	y.WriteString("global:\n  scrape_interval: 15s\nscrape_configs:\n")
	for i := 0; y.Len() < 3<<20; i++ {
		pw := "<secret>"
		if i == 0 {
			pw = "Tr0ub4dor-first-job-3"
		}
		fmt.Fprintf(&y, "- job_name: job-%d\n  scrape_interval: 15s\n  basic_auth:\n    username: admin\n    password: %s\n  static_configs:\n  - targets:\n    - 10.0.%d.%d:9100\n", i, pw, i/256%256, i%256)
	}
	text := y.String()
	part := configPart(text)
	if len(part) > maxConfigParse || len(part) < maxConfigParse/2 || !strings.HasPrefix(text[len(part):], "- job_name: ") {
		t.Fatalf("part of %d bytes, followed by %.20q", len(part), text[len(part):])
	}
	if _, _, _, _, err := scanConfig(text); err != nil {
		t.Fatalf("the part does not parse: %v", err)
	}
	if f := probetest.Finding(configFindings(finding.Service{Host: "127.0.0.1", Port: 9090}, text), "prometheus-config-credential"); f == nil {
		t.Errorf("the first job's credential is not reported")
	}
}

// TestLongEntryAtTheBoundCheckedInItsFirstLines: past maxConfigParse the text was cut
// before the last line at column 0, whatever that left, so a scrape job longer than the
// bound (its credentials first, as Prometheus writes them, then tens of thousands of
// static targets) was dropped whole with its credential, and a configuration with no
// top-level line but its first one was not checked at all while its detail said it was
// ("in the first 0 of its … bytes"). An entry crossing the bound that is longer than
// half of it is now cut at its last line within the bound, so its first lines are
// checked; a text without a line break within the bound is not parsed, and its detail
// says so.
func TestLongEntryAtTheBoundCheckedInItsFirstLines(t *testing.T) {
	probe := func(cfg string) *store.Result {
		ep := serveConfig(t, cfg)
		o := store.DefaultOptions()
		o.IOTimeout = 10 * time.Second
		res, err, _ := probetest.Try(New(), ep, &o, time.Minute)
		if res == nil {
			t.Fatalf("no result: %v", err)
		}
		return res
	}

	var y strings.Builder
	y.WriteString("global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: fleet\n  basic_auth:\n    username: admin\n    password: Tr0ub4dor-fleet-5\n  static_configs:\n  - targets:\n")
	for i := 0; y.Len() < 2*maxConfigParse; i++ {
		fmt.Fprintf(&y, "    - 10.%d.%d.%d:9100\n", i>>16&255, i>>8&255, i&255)
	}
	y.WriteString("- job_name: node\n  static_configs:\n  - targets: [10.1.0.1:9100]\n")
	res := probe(y.String())
	t.Logf("one long job: %s", res.Service.Details["config_checked"])
	if probetest.Finding(res.Findings, "prometheus-config-credential") == nil {
		t.Errorf("the credential of a job longer than %d bytes is not reported", maxConfigParse)
	}
	if d := res.Service.Details["config_checked"]; !strings.Contains(d, "first 1048") {
		t.Errorf("config_checked = %q, want the first MiB of it checked", d)
	}

	line := "a: [" + strings.Repeat("x,", maxConfigParse) + "password: Tr0ub4dor-line-6]\n"
	res = probe(line)
	d := res.Service.Details["config_checked"]
	t.Logf("one long line: %s", d)
	if !strings.HasPrefix(d, "credentials not looked for") {
		t.Errorf("config_checked = %q for a configuration none of which was parsed", d)
	}
}
