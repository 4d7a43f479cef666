package prometheus

import (
	"context"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// heapPeak runs f and samples the heap above what it was before, every 2 ms. The
// collector runs at GOGC=10 meanwhile, so that the heap sampled is close to what is live
// rather than up to twice it.
func heapPeak(f func()) uint64 {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	stop, peakc := make(chan struct{}), make(chan uint64)
	go func() {
		var peak uint64
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base {
				peak = max(peak, ms.HeapAlloc-base)
			}
			select {
			case <-stop:
				peakc <- peak
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	return <-peakc
}

// TestHostileSmallConfigsMemoryBounded measures what the small configurations parsed at
// once hold. The pool of four small slots was estimated at some 50 MiB; measured, sixteen
// parses of the densest configuration a small slot takes (240 KiB of one-letter flow
// items) peaked at 67–76 MiB of heap (GOGC=10; 95–121 MiB at the default GOGC), 3.4–3.8
// times one parse (20 MiB). The small parses at once are now bounded by their bytes of
// text (smallParseBytes, two such configurations): 44–47 MiB, and a real configuration of
// a few KiB still waits for no more than a parse of two.
func TestHostileSmallConfigsMemoryBounded(t *testing.T) {
	// The densest small configuration: a credential, then lines of 8 Ki one-letter items
	// up to smallConfig.
	var y strings.Builder
	y.WriteString("basic_auth: {username: u, password: Tr0ub4dor-config-9}\n")
	line := "k: [" + strings.Repeat("a,", 8<<10) + "a]\n"
	for y.Len()+len(line) <= smallConfig {
		y.WriteString(line)
	}
	text := y.String()
	svc := finding.Service{Host: "127.0.0.1", Port: 9090}
	run := func(n int) (uint64, int) {
		var found atomic.Int32
		peak := heapPeak(func() {
			var wg sync.WaitGroup
			for range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					fs, _ := checkConfig(context.Background(), svc, text)
					if probetest.Finding(fs, "prometheus-config-credential") != nil {
						found.Add(1)
					}
				}()
			}
			wg.Wait()
		})
		return peak, int(found.Load())
	}
	one, found1 := run(1)
	many, found16 := run(16)
	t.Logf("%d KiB configurations of one-letter items: heap peak %d MiB for one parse, %d MiB for 16 at once", len(text)>>10, one>>20, many>>20)
	if found1 != 1 || found16 != 16 {
		t.Fatalf("the credential found by %d of 1 and %d of 16 parses", found1, found16)
	}
	if many > 3*one {
		t.Errorf("16 small configurations at once peaked at %d MiB, one at %d MiB: more than %d KiB of small configurations parsed at once", many>>20, one>>20, smallParseBytes>>10)
	}
}

// TestRealConfigNeverWaitsForHostileOnes: with the small parses' bytes all taken (here
// by the test; in a scan by hostile configurations of 240 KiB each holding its share for
// a parse of up to a second, queued first-come first-served), a real configuration of a
// few KiB waited for all of them: behind 31 such parses, 13.7 s on this machine under
// load, and had its probe's deadline come first its credentials went unchecked. A
// configuration of at most tinyConfig bytes (at most about 1.6 MiB of node tree, one per
// worker) is now parsed at once.
func TestRealConfigNeverWaitsForHostileOnes(t *testing.T) {
	if !smallConfigParses.TryAcquire(smallParseBytes) {
		t.Fatal("small parses running before the test")
	}
	defer smallConfigParses.Release(smallParseBytes)
	if configParses.Acquire(context.Background(), 1) != nil {
		t.Fatal("no turn to parse")
	}
	defer configParses.Release(1)

	honest := "global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: node\n  basic_auth:\n    username: u\n    password: Tr0ub4dor-honest-7\n"
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	var fs []finding.Finding
	parseConfig(ctx, len(honest), func() { fs = configFindings(finding.Service{Host: "127.0.0.1", Port: 9090}, honest) })
	if probetest.Finding(fs, "prometheus-config-credential") == nil {
		t.Errorf("a %d-byte configuration was not checked while other configurations held every parse slot", len(honest))
	}
	// Past tinyConfig, a configuration still waits for its turn.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	ran := false
	parseConfig(ctx2, tinyConfig+1, func() { ran = true })
	if ran {
		t.Errorf("a configuration of %d bytes was parsed without its turn", tinyConfig+1)
	}
}
