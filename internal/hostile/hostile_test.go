package hostile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// The scans below run with leakwatch's default settings: 2 s banner wait, 10 s I/O
// timeout, 60 s per target, 32 workers. Identification decides a silent port after one
// banner wait and one round of hellos (12 s), so the whole scan must end well before
// the target timeout: ceiling is the target (15 s) with room for a loaded CI machine.
const ceiling = 30 * time.Second

func scanArgs() []string {
	return []string{"scan", "--format", "json", "--no-progress", "--no-security-txt", "--fail-on", "critical"}
}

// scanOutcome is one in-process run of `leakwatch scan`.
type scanOutcome struct {
	rep      finding.Report
	code     int
	stderr   string
	wall     time.Duration
	peakHeap uint64 // largest live heap seen while the scan ran, above the heap before it
	peakRSS  uint64 // the process's peak resident set during the scan (0 when unknown)
}

// runScan runs `leakwatch scan` in-process, exactly as the command line does, and
// samples the heap while it runs.
func runScan(t testing.TB, targets []string) scanOutcome {
	t.Helper()
	return runScanWith(t, nil, targets)
}

// runScanWith is runScan with flags added to the defaults.
func runScanWith(t testing.TB, flags, targets []string) scanOutcome {
	t.Helper()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	resetPeakRSS()

	var peak uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()

	var out, errb bytes.Buffer
	start := time.Now()
	code := cli.Main(slices.Concat(scanArgs(), flags, targets), strings.NewReader(""), &out, &errb)
	wall := time.Since(start)
	close(stop)
	wg.Wait()

	o := scanOutcome{code: code, stderr: errb.String(), wall: wall, peakRSS: peakRSS()}
	if peak > before.HeapAlloc {
		o.peakHeap = peak - before.HeapAlloc
	}
	if code != cli.ExitOK && code != cli.ExitFindings {
		t.Fatalf("leakwatch scan exited %d:\n%s", code, o.stderr)
	}
	if err := json.Unmarshal(out.Bytes(), &o.rep); err != nil {
		t.Fatalf("JSON report: %v\n%.2000s", err, out.String())
	}
	return o
}

// resetPeakRSS starts a new peak-RSS measurement (Linux: /proc/self/clear_refs).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM from /proc/self/status, in bytes.
func peakRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func startLab(t testing.TB, ch *lab.ClickHouse) *Lab {
	t.Helper()
	l := New()
	t.Cleanup(l.Close)
	if err := l.StartAll(Backends{ClickHouseHTTP: ch.HTTPAddr(), ClickHouseNative: ch.NativeAddr()}); err != nil {
		t.Fatal(err)
	}
	return l
}

// TestHostileScan is one scan of every hostile server at once with a real ClickHouse
// among them, with default settings: it must end well within the target timeout (no
// port costs more than one banner wait and one round of hellos to identify, a tarpit
// at most four connections), keep memory bounded, report the real server exactly as a
// scan of it alone does, identify the real server behind bad certificates and foreign
// ports, and never call a hostile server open.
func TestHostileScan(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	real := ch.Addrs()
	base := runScan(t, real)
	t.Logf("the real server alone (%d endpoints): %v", len(real), base.wall.Round(time.Millisecond))
	if len(base.rep.Services) != len(real) {
		t.Fatalf("baseline scan of the real server found %d services, want %d: %+v", len(base.rep.Services), len(real), base.rep.Errors)
	}
	primary := primaryService(t, base.rep)

	l := startLab(t, ch)
	targets := append(slices.Clone(real), l.Targets()...)
	got := runScan(t, targets)
	t.Logf("%d endpoints (%d hostile) in %v; peak heap +%d MiB, peak RSS %d MiB",
		len(targets), len(l.Servers), got.wall.Round(time.Millisecond), got.peakHeap>>20, got.peakRSS>>20)

	if got.wall > ceiling {
		t.Errorf("the scan took %v, more than %v (default target timeout 60 s)", got.wall, ceiling)
	}
	// Generous: the default limits allow 8 MiB per response, and tens of servers send
	// more than that at once.
	if got.peakHeap > 512<<20 {
		t.Errorf("peak heap grew by %d MiB during the scan", got.peakHeap>>20)
	}

	// The real server: exactly as when scanned alone.
	if d := diffReal(base.rep, got.rep, ch.Host); d != "" {
		t.Errorf("the real server's results differ from a scan of it alone:\n%s", d)
	}

	services := map[string]finding.Service{}
	for _, s := range got.rep.Services {
		services[hostPort(s.Host, s.Port)] = s
	}
	errored := map[string]bool{}
	for _, e := range got.rep.Errors {
		errored[hostPort(e.Host, e.Port)] = true
	}
	named := map[string]finding.Other{}
	for _, o := range got.rep.Others {
		named[hostPort(o.Host, o.Port)] = o
	}
	findings := map[string][]finding.Finding{}
	for _, f := range got.rep.Findings {
		findings[hostPort(f.Host, f.Port)] = append(findings[hostPort(f.Host, f.Port)], f)
	}

	for _, srv := range l.Servers {
		t.Run(srv.Name, func(t *testing.T) {
			key := srv.Target()
			svc, identified := services[key]
			other, isNamed := named[key]
			switch {
			case identified:
				t.Logf("%s: %s %s status=%s auth=%s err=%.120s (%d connections, %s)", key, svc.Product, svc.Protocol, svc.Status, svc.Auth, svc.Error, srv.Accepted(), svc.Duration)
			case isNamed:
				t.Logf("%s: named %s tls=%v %v banner %.40q (%d connections, %s)", key, other.Service, other.TLS, other.Details, other.Banner, srv.Accepted(), other.Duration)
			default:
				t.Logf("%s: %.160s (%d connections)", key, strings.Join(errorsFor(got.rep, srv), "; "), srv.Accepted())
			}
			// Discovery's connection, then at most four to identify it.
			if strings.HasPrefix(srv.Name, "tarpit-") && srv.Accepted() > 1+4 {
				t.Errorf("a tarpit got %d connections, want at most 1+4", srv.Accepted())
			}
			switch srv.Expect {
			case Refused:
				if !identified && !errored[key] && !isNamed {
					t.Fatalf("%s is neither a service, nor named, nor an error in the report", key)
				}
				if !identified {
					return
				}
				// A fake may pass the access check before it breaks (PONG, VERSION): it
				// is then reported as what it said, with the error — never as open and
				// never with data.
				if svc.Status == finding.StatusOpen || len(svc.Datasets) > 0 {
					t.Errorf("hostile server reported readable: status %s, auth %s, %d datasets (%s)", svc.Status, svc.Auth, len(svc.Datasets), svc.Product)
				}
				if svc.Auth.Open() && svc.Error == "" {
					t.Errorf("hostile server reported open without an error: %+v", svc)
				}
				for _, f := range findings[key] {
					switch f.Category {
					case finding.Secret, finding.PII, finding.Chat:
						t.Errorf("hostile server has a %s finding: %s", f.Category, f.Title)
					}
				}
			case Backend:
				if !identified {
					t.Fatalf("the real %s behind %s was not identified; errors: %v", srv.Product, key, errorsFor(got.rep, srv))
				}
				if svc.Product != srv.Product || svc.Protocol != srv.Protocol || svc.TLS != srv.TLS {
					t.Errorf("identified as %s/%s tls=%v, want %s/%s tls=%v", svc.Product, svc.Protocol, svc.TLS, srv.Product, srv.Protocol, srv.TLS)
				}
				if svc.Auth != finding.AuthNone || svc.Version != primary.Version {
					t.Errorf("auth %s version %q, want none and %q", svc.Auth, svc.Version, primary.Version)
				}
				if srv.Protocol != primary.Protocol {
					return // a native handshake lists nothing
				}
				if a, b := datasetSig(svc.Datasets), datasetSig(primary.Datasets); a != b {
					t.Errorf("datasets differ from the direct scan:\n got %s\nwant %s", a, b)
				}
				if a, b := findingSig(findings[key]), findingSig(findingsAt(base.rep, primary.Host, primary.Port)); a != b {
					t.Errorf("findings differ from the direct scan:\n got %s\nwant %s", a, b)
				}
			}
		})
	}
}

// BenchmarkHostileScan measures a scan of the whole hostile lab with the real server:
// wall time, the heap's growth and the process's peak RSS.
func BenchmarkHostileScan(b *testing.B) {
	ch := labtest.ClickHouseOpen(b)
	l := startLab(b, ch)
	targets := append(ch.Addrs(), l.Targets()...)
	var heap, rss uint64
	for b.Loop() {
		o := runScan(b, targets)
		heap, rss = max(heap, o.peakHeap), max(rss, o.peakRSS)
	}
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
	b.ReportMetric(float64(len(targets)), "endpoints")
}

func hostPort(h string, p int) string { return h + ":" + strconv.Itoa(p) }

// primaryService is the baseline's HTTP service that carries the datasets.
func primaryService(t *testing.T, rep finding.Report) finding.Service {
	t.Helper()
	for _, s := range rep.Services {
		if s.SameAs == "" && len(s.Datasets) > 0 && s.Protocol == "clickhouse-http" && !s.TLS {
			return s
		}
	}
	t.Fatalf("no plain HTTP service with datasets in the baseline: %+v", rep.Services)
	return finding.Service{}
}

func findingsAt(rep finding.Report, host string, port int) []finding.Finding {
	var out []finding.Finding
	for _, f := range rep.Findings {
		if f.Host == host && f.Port == port {
			out = append(out, f)
		}
	}
	return out
}

func errorsFor(rep finding.Report, s *Server) []string {
	var out []string
	for _, e := range rep.Errors {
		if hostPort(e.Host, e.Port) == s.Target() {
			out = append(out, e.Stage+": "+e.Error)
		}
	}
	return out
}

// diffReal compares what two reports say about host: services (but how long they
// took) and findings.
func diffReal(a, b finding.Report, host string) string {
	pick := func(r finding.Report) (svcs []finding.Service, fs []finding.Finding) {
		for _, s := range r.Services {
			if s.Host == host {
				// What changes by itself between two scans.
				s.Duration = ""
				s.Details = maps.Clone(s.Details)
				delete(s.Details, "uptime_seconds")
				svcs = append(svcs, s)
			}
		}
		for _, f := range r.Findings {
			if f.Host == host {
				fs = append(fs, f)
			}
		}
		return
	}
	as, af := pick(a)
	bs, bf := pick(b)
	var out []string
	if x, y := mustJSON(as), mustJSON(bs); x != y {
		out = append(out, "services:\n alone: "+x+"\n among: "+y)
	}
	if x, y := mustJSON(af), mustJSON(bf); x != y {
		out = append(out, "findings:\n alone: "+x+"\n among: "+y)
	}
	return strings.Join(out, "\n")
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func datasetSig(ds []finding.Dataset) string {
	var s []string
	for _, d := range ds {
		s = append(s, fmt.Sprintf("%s.%s rows=%d cols=%d sampled=%d classes=%v", d.Database, d.Table, d.Rows, len(d.Columns), d.Sampled, d.Classes))
	}
	sort.Strings(s)
	return strings.Join(s, "; ")
}

// findingSig is what a finding says about the data, whatever port it was reached on.
func findingSig(fs []finding.Finding) string {
	var s []string
	for _, f := range fs {
		switch f.Category {
		case finding.Secret, finding.PII, finding.Chat:
			s = append(s, fmt.Sprintf("%s/%s/%s %s.%s.%s %s", f.Category, f.Rule, f.Severity, f.Database, f.Table, f.Column, f.SHA256))
		}
	}
	sort.Strings(s)
	return strings.Join(s, "\n")
}
