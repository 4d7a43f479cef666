package prometheus

import (
	"bufio"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHandlerCountersProveReadOnly reads the server's own request counters
// (prometheus_http_requests_total by handler) before and after full probes: only the
// read handlers may have moved, and none of the admin, lifecycle or write handlers.
func TestHandlerCountersProveReadOnly(t *testing.T) {
	p := labtest.PrometheusOpen(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	before := handlerCounts(t, ctx, "http://"+p.Addr()+"/metrics")
	var paths []string
	pr := New()
	pr.sent = func(path string) { paths = append(paths, path) }
	o := store.DefaultOptions()
	for i := 0; i < 2; i++ {
		if _, err := pr.Probe(ctx, probetest.At(p.Host, p.Port), &o); err != nil {
			t.Fatal(err)
		}
	}
	after := handlerCounts(t, ctx, "http://"+p.Addr()+"/metrics")
	allowed := map[string]bool{"/api/v1/status/buildinfo": true, "/api/v1/status/config": true, "/api/v1/status/flags": true,
		"/api/v1/targets": true, "/api/v1/label/:name/values": true, "/api/v1/status/tsdb": true, "/metrics": true, "/-/ready": true}
	moved := 0
	for h, n := range after {
		if n == before[h] {
			continue
		}
		if !allowed[h] {
			t.Fatalf("handler %s moved from %d to %d", h, before[h], n)
		}
		if h != "/metrics" {
			moved++
		}
	}
	if moved < 5 {
		t.Fatalf("only %d read handlers moved: %v → %v", moved, before, after)
	}
	for _, path := range paths {
		if !strings.HasPrefix(path, "/api/v1/") && path != "/-/healthy" {
			t.Fatalf("requested %s", path)
		}
	}
	t.Logf("%d requests; handler counters that moved are all reads: %v", len(paths), after)
}

var handlerLine = regexp.MustCompile(`^prometheus_http_requests_total\{code="(\d+)",handler="([^"]+)"\} (\d+)`)

func handlerCounts(t *testing.T, ctx context.Context, url string) map[string]int {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if m := handlerLine.FindStringSubmatch(sc.Text()); m != nil {
			n := 0
			for _, c := range m[3] {
				n = n*10 + int(c-'0')
			}
			out[m[2]] += n
		}
	}
	if len(out) == 0 {
		t.Fatal("no prometheus_http_requests_total in /metrics")
	}
	return out
}
