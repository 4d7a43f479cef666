package cli

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// peakLiveHeap samples the live heap (after a collection) every interval until stop is
// called, and returns the most it saw above what was live at the start.
func peakLiveHeap(interval time.Duration) (stop func() uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			runtime.GC()
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		if peak < base {
			return 0
		}
		return peak - base
	}
}

// TestDetectVerifyStreams: detect --verify kept every finding of its input (and, per
// finding, the secret to ask about and its line's record) in memory until verification
// ended, while detect without it spills sorted runs to disk: 300,000 token lines took
// 700–920 MB. Findings now take the spill path with --verify too, verification keeping
// one entry per distinct secret (at most the run's bound of them) and each verdict
// joined to its findings when the report is written.
func TestDetectVerifyStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 60,000 token lines")
	}
	offline(t)
	old := spillLimit
	spillLimit = 1 << 20
	t.Cleanup(func() { spillLimit = old })
	const n = 60000
	s := lab.NewSynth(36)
	var b strings.Builder
	for range n {
		b.WriteString("GITHUB_TOKEN=" + s.GitHubToken() + "\n")
	}
	path := filepath.Join(t.TempDir(), "tokens.env")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	b = strings.Builder{}
	// The rules are built on first use: not what this measures.
	if code, _, stderr := runCLI(t, "GITHUB_TOKEN="+s.GitHubToken()+"\n", "detect", "--format", "json", "-"); code != ExitFindings {
		t.Fatalf("warm-up: exit %d: %s", code, stderr)
	}
	stop := peakLiveHeap(25 * time.Millisecond)
	if code, _, stderr := runCLI(t, "", "detect", "--format", "json", "-o", filepath.Join(t.TempDir(), "out.json"), path); code != ExitFindings {
		t.Fatalf("without --verify: exit %d: %s", code, stderr)
	}
	plain := stop()
	stop = peakLiveHeap(25 * time.Millisecond)
	code, stdout, stderr := runCLI(t, "", "detect", "--verify", "--format", "json", "-o", filepath.Join(t.TempDir(), "out.json"), path)
	peak := stop()
	if code != ExitFindings {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	t.Logf("%d token lines: %d MiB live at most with --verify, %d MiB without", n, peak>>20, plain>>20)
	if peak > plain+16<<20 {
		t.Errorf("detect --verify of %d token lines held %d MiB, %d MiB without --verify", n, peak>>20, plain>>20)
	}
}

// verifiedAt masks when an issuer answered (to the second: two runs may differ).
var verifiedAt = regexp.MustCompile(`"verified_at": ?"[^"]*"`)

// TestDetectVerifySpillMatchesHeld: with --verify, a report whose findings were spilled
// to disk (a limit of a few findings) is byte for byte the report held in memory, in
// every format: verdicts joined to the right findings, live ones raised to critical and
// revoked ones lowered (which moves them in the sorted report), each distinct secret
// asked once. The issuers are a loopback stand-in.
func TestDetectVerifySpillMatchesHeld(t *testing.T) {
	var mu sync.Mutex
	asked := map[string]int{}
	withIssuers(t, func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		mu.Lock()
		asked[auth]++
		mu.Unlock()
		switch {
		case r.Host == "api.github.com" && len(auth)%2 == 0 || strings.HasSuffix(auth, "0") || strings.HasSuffix(auth, "5"):
			w.WriteHeader(401)
		case r.Host == "api.github.com":
			w.Write([]byte(`{"login":"octo<cat>"}`))
		default:
			w.WriteHeader(401)
			w.Write([]byte(`{"error":{"code":"invalid_api_key"}}`))
		}
	})
	s := lab.NewSynth(7)
	var toks []string
	for range 30 {
		toks = append(toks, s.GitHubToken())
	}
	openai := s.OpenAIKey()
	var b strings.Builder
	for i := range 600 {
		switch i % 4 {
		case 0, 1:
			fmt.Fprintf(&b, "GITHUB_TOKEN=%s user=li.wei%d@qq.com\n", toks[(i*7)%len(toks)], i%9)
		case 2:
			fmt.Fprintf(&b, "OPENAI_API_KEY=%s db_password = Winter%d!Secret\n", openai, i%5)
		default:
			b.WriteString("nothing here\n")
		}
	}
	path := filepath.Join(t.TempDir(), "keys.log")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	old := spillLimit
	t.Cleanup(func() { spillLimit = old })
	for _, format := range []string{"text", "json", "jsonl", "markdown", "html", "sarif"} {
		var outs [2]string
		for k, limit := range []int64{old, 4 << 10} {
			spillLimit = limit
			mu.Lock()
			clear(asked)
			mu.Unlock()
			code, stdout, stderr := runCLI(t, "", "detect", "--verify", "--verify-rate", "1000", "--verify-host-rate", "1000", "--format", format, path)
			if code != ExitFindings {
				t.Fatalf("%s: exit %d: %s", format, code, stderr)
			}
			outs[k] = verifiedAt.ReplaceAllString(timed.ReplaceAllString(stdout, ""), "")
			mu.Lock()
			if len(asked) != len(toks)+1 {
				t.Errorf("%s: %d distinct secrets asked, want %d", format, len(asked), len(toks)+1)
			}
			for a, n := range asked {
				if n != 1 {
					t.Errorf("%s: a secret asked %d times (%d chars)", format, n, len(a))
				}
			}
			mu.Unlock()
		}
		if outs[0] != outs[1] {
			t.Errorf("%s: spilled report differs from the one held:\n%s\n----\n%s", format, outs[0][:min(len(outs[0]), 3000)], outs[1][:min(len(outs[1]), 3000)])
		}
		if format == "text" && (!strings.Contains(outs[0], "LIVE") || !strings.Contains(outs[0], "REVOKED")) {
			t.Errorf("text: verdicts missing:\n%s", outs[0])
		}
	}
}

// TestVerifyHostRateFlag: --verify-host-rate must be positive.
func TestVerifyHostRateFlag(t *testing.T) {
	for _, v := range []string{"0", "-1"} {
		if code, _, stderr := runCLI(t, "", "detect", "--verify", "--verify-host-rate", v, "-"); code != ExitError || !strings.Contains(stderr, "--verify-host-rate") {
			t.Errorf("--verify-host-rate %s: exit %d: %s", v, code, stderr)
		}
	}
}
