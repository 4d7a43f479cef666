package prometheus

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileConfigPaths: the configuration walk built the path of every mapping entry
// and sequence item it met ("a.b.c[3]") by copying its parent's path, whole, whatever
// the value: a configuration nesting 36 mappings under 16 KiB keys, then thousands of
// small entries, cost a copy of a 576 KiB path per entry — gigabytes allocated, seconds
// of CPU no deadline could stop. A path now names each key by at most 80 bytes and is at
// most 1 KiB long, and only the paths reported are built; the password at the bottom
// of the same configuration is still found.
func TestHostileConfigPaths(t *testing.T) {
	var y strings.Builder
	const levels = 36
	for i := range levels {
		fmt.Fprintf(&y, "{? k%02d%s : ", i, strings.Repeat("k", 16<<10))
	}
	y.WriteString("{basic_auth: {username: u, password: Tr0ub4dor-config-9}, urls: [")
	for i := range 6000 {
		fmt.Fprintf(&y, "h%d, ", i)
	}
	y.WriteString("x], ")
	for i := range 6000 {
		fmt.Fprintf(&y, "a%d: 1, ", i)
	}
	y.WriteString("z: 1}")
	y.WriteString(strings.Repeat("}", levels))
	ep := serveConfig(t, y.String())
	o := store.DefaultOptions()
	o.IOTimeout = 5 * time.Second
	var res *store.Result
	var err error
	var took time.Duration
	allocated := probetest.Allocated(func() { res, err, took = probetest.Try(New(), ep, &o, 60*time.Second) })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("a %d KiB configuration: allocated %d MiB, %v", y.Len()>>10, allocated>>20, took)
	if allocated > 256<<20 {
		t.Errorf("the probe allocated %d MiB for a %d KiB configuration", allocated>>20, y.Len()>>10)
	}
	f := probetest.Finding(res.Findings, "prometheus-config-credential")
	if f == nil {
		var rules []string
		for _, f := range res.Findings {
			rules = append(rules, f.Rule)
		}
		t.Fatalf("the password in the configuration is not reported: %v", rules)
	}
	if len(f.Column) > 2<<10 {
		t.Errorf("the credential's path is %d bytes", len(f.Column))
	}
}

// TestHostileConfigsParsedOneAtATime: a configuration's YAML node tree takes about 40
// times its text, so every endpoint of a scan serving a large one held that much at
// once: four probes of 2 MiB configurations of short items, run together, peaked at
// about four times the heap of one. Configurations are now parsed one at a time in the
// process, and each probe still reports what its configuration holds. The test's
// configurations are of 512 KiB: four parsed together still peak at some four times one
// (100 MiB against 24), and it takes 7 s under -race where 2 MiB took 43.
func TestHostileConfigsParsedOneAtATime(t *testing.T) {
	var y strings.Builder
	y.WriteString("basic_auth: {username: u, password: Tr0ub4dor-config-9}\nurls: [")
	for y.Len() < 512<<10 {
		y.WriteString("a@b,")
	}
	y.WriteString("a]\n")
	ep := serveConfig(t, y.String())
	o := store.DefaultOptions()
	o.IOTimeout = 20 * time.Second
	o.InventoryTimeout = 5 * time.Minute // each waits for the others' parses (slow under -race)
	peakOf := func(n int) (uint64, int) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		stop := make(chan struct{})
		peakc := make(chan uint64)
		go func() {
			var peak uint64
			for {
				select {
				case <-stop:
					peakc <- peak
					return
				case <-time.After(5 * time.Millisecond):
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > base {
					peak = max(peak, ms.HeapInuse-base)
				}
			}
		}()
		var wg sync.WaitGroup
		var found atomic.Int32
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, _, _ := probetest.Try(New(), ep, &o, 5*time.Minute)
				if res != nil && probetest.Finding(res.Findings, "prometheus-config-credential") != nil {
					found.Add(1)
				}
			}()
		}
		wg.Wait()
		close(stop)
		return <-peakc, int(found.Load())
	}
	one, found1 := peakOf(1)
	four, found4 := peakOf(4)
	t.Logf("a %d KiB configuration: heap peak %d MiB for one probe, %d MiB for four at once", y.Len()>>10, one>>20, four>>20)
	if found1 != 1 || found4 != 4 {
		t.Fatalf("the password reported by %d of 1 and %d of 4 probes", found1, found4)
	}
	if four > 5*one/2 {
		t.Errorf("four probes at once peaked at %d MiB, one at %d MiB: their configurations were parsed together", four>>20, one>>20)
	}
}

// TestConfigParseWaitKeepsTheRestOfTheInventory: a probe whose turn to parse its
// configuration does not come (another endpoint's large configuration parsing) waited
// for it until the inventory's deadline, then read its flags, targets and metric names
// with that deadline gone: all of them were lost to the wait, not only the
// configuration's credentials. The wait now comes after them.
func TestConfigParseWaitKeepsTheRestOfTheInventory(t *testing.T) {
	// Past tinyConfig (a comment pads it), so that it waits for a turn.
	cfg, _ := json.Marshal("basic_auth: {username: u, password: Tr0ub4dor-config-9}\n# " + strings.Repeat("x", tinyConfig) + "\n")
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/-/healthy":
			io.WriteString(w, "Prometheus is Healthy.\n")
		case "/api/v1/status/config":
			io.WriteString(w, `{"status":"success","data":{"yaml":`+string(cfg)+`}}`)
		case "/api/v1/status/flags":
			io.WriteString(w, `{"status":"success","data":{"web.enable-admin-api":"false","web.enable-lifecycle":"true"}}`)
		case "/api/v1/targets":
			io.WriteString(w, `{"status":"success","data":{"activeTargets":[{"discoveredLabels":{},"labels":{"job":"node"},"scrapePool":"node","scrapeUrl":"http://10.0.0.5:9100/metrics","health":"up","lastError":""}],"droppedTargets":[]}}`)
		case "/api/v1/label/__name__/values":
			io.WriteString(w, `{"status":"success","data":["up","scrape_duration_seconds"]}`)
		default:
			http.NotFound(w, r)
		}
	})
	// Other endpoints' parses, never ending within this probe, in every slot.
	if configParses.Acquire(context.Background(), 1) != nil {
		t.Fatal("no turn to parse")
	}
	defer configParses.Release(1)
	if !smallConfigParses.TryAcquire(smallParseBytes) {
		t.Fatal("small parses running before the test")
	}
	defer smallConfigParses.Release(smallParseBytes)
	o := store.DefaultOptions()
	o.IOTimeout = 5 * time.Second
	o.InventoryTimeout = 2 * time.Second // the four fetches on loopback, within it under load and -race
	res, err, took := probetest.Try(New(), ep, &o, 30*time.Second)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	if took > 15*time.Second {
		t.Errorf("the probe took %v waiting for its turn, past its %v inventory deadline", took, o.InventoryTimeout)
	}
	// No turn came: the configuration is read line by line (configWait), and its
	// credential still found.
	if res.Service.Details["config_read"] == "" {
		t.Errorf("the configuration was parsed while another parse held the turn")
	}
	if probetest.Finding(res.Findings, "prometheus-config-credential") == nil {
		t.Errorf("the configuration read line by line: its credential is not reported")
	}
	for _, d := range res.Service.Datasets {
		if (d.Table == "targets" || d.Table == "metrics") && (d.Error != "" || d.Rows == 0) {
			t.Errorf("dataset %s lost to the wait: rows %d, error %q", d.Table, d.Rows, d.Error)
		}
	}
	if res.Service.Details["web.enable-lifecycle"] == "" {
		t.Errorf("the flags were lost to the wait: %v", res.Service.Details)
	}
}

// A configuration is never parsed once its probe's deadline has passed: the turn, free
// at that moment, was taken in half the calls.
func TestConfigParseSlotAfterTheDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 64 {
		if release, ok := parseSlot(ctx, configParses, 1); ok {
			release()
			t.Fatal("the turn to parse was taken with the probe's deadline passed")
		}
	}
}

// The turn to parse is given back when a parse panics (the probe's recover goes on to
// the next endpoint): one panic would otherwise have left every later configuration of
// the process unchecked.
func TestConfigParseTurnGivenBackOnPanic(t *testing.T) {
	func() {
		defer func() { recover() }()
		parseConfig(context.Background(), maxConfigParse, func() { panic("parser") })
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	release, ok := parseSlot(ctx, configParses, 1)
	if !ok {
		t.Fatal("the turn to parse was kept by a parse that panicked")
	}
	release()
}

// TestHostileConfigEntriesUnderALongPath: the walk still built a path, up to 1 KiB, for
// entries it never reports (a masked credential, only counted; a URL without a password,
// only matched) and kept one for every credential file, where the report shows a count
// and 500 bytes of them: entries a few bytes long under a path just short of the bound
// cost some 50 times their text over what the same entries cost at the top.
func TestHostileConfigEntriesUnderALongPath(t *testing.T) {
	build := func(deep bool) string {
		var y strings.Builder
		if deep {
			for i := range 13 { // 13 keys of 73 bytes: a path of 960 bytes
				fmt.Fprintf(&y, "k%02d%s:\n%s", i, strings.Repeat("k", 70), strings.Repeat(" ", i+1))
			}
		}
		y.WriteString("x: [")
		for range 12000 {
			y.WriteString(`{password_file: a}, {password: ""}, a@b, `)
		}
		y.WriteString("a]\n")
		return y.String()
	}
	var n [2]int
	var alloc [2]uint64
	var title [2]string
	for i, deep := range []bool{false, true} {
		text := build(deep)
		alloc[i] = probetest.Allocated(func() {
			fs := configFindings(finding.Service{Host: "127.0.0.1", Port: 9090}, text)
			if f := probetest.Finding(fs, "prometheus-config-secrets-masked"); f != nil {
				n[i], title[i] = f.Count, f.Title
			}
		})
	}
	t.Logf("entries at the top: %d MiB allocated; under a 960-byte path: %d MiB (%s)", alloc[0]>>20, alloc[1]>>20, title[1])
	if n[0] == 0 || n[1] != n[0] || title[1] != title[0] {
		t.Fatalf("counted %d (%q) at the top, %d (%q) under the path", n[0], title[0], n[1], title[1])
	}
	if alloc[1] > alloc[0]*3/2 {
		t.Errorf("under a 960-byte path the walk allocated %d MiB, at the top %d MiB", alloc[1]>>20, alloc[0]>>20)
	}
}

// A path of exactly maxConfigPath bytes, not cut, was taken for a cut one: an entry below
// it was named by its parent's path, whole and without the mark of a cut.
func TestConfigPathAtItsBound(t *testing.T) {
	parent := strings.Repeat("a", maxConfigPath-2) + ".b"
	got := configPath(parent, ".password")
	if got == parent || !strings.HasSuffix(got, "…") || len(got) > maxConfigPath+len("…") {
		t.Errorf("the entry below a %d-byte path is named %d bytes ending %q", len(parent), len(got), got[max(0, len(got)-12):])
	}
	if again := configPath(got, ".x"); again != got {
		t.Errorf("a cut path grew: %d -> %d bytes", len(got), len(again))
	}
}
