package hostile

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// honestPrometheus is an in-process Prometheus 2.45 API, open, whose configuration shows
// one scrape job's password in clear (password names the server) and whose targets name
// one host.
func honestPrometheus(password string) http.Handler {
	cfg := "global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: node\n  basic_auth:\n    username: scraper\n    password: " + password +
		"\n  static_configs:\n  - targets:\n    - 10.20.0.5:9100\n"
	config, _ := json.Marshal(map[string]any{"status": "success", "data": map[string]string{"yaml": cfg}})
	return prometheusAPI(config)
}

// prometheusAPI answers as Prometheus with config as /api/v1/status/config.
func prometheusAPI(config []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			http.Redirect(w, r, "/graph", http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/-/healthy":
			io.WriteString(w, "Prometheus Server is Healthy.\n")
		case "/api/v1/status/buildinfo":
			io.WriteString(w, `{"status":"success","data":{"version":"2.45.0","revision":"8ef767e","branch":"HEAD","buildUser":"root@host","buildDate":"20230623-15:09:49","goVersion":"go1.20.5"}}`)
		case "/api/v1/status/config":
			w.Write(config)
		case "/api/v1/status/flags":
			io.WriteString(w, `{"status":"success","data":{"config.file":"/etc/prometheus/prometheus.yml","web.enable-admin-api":"false","web.enable-lifecycle":"false"}}`)
		case "/api/v1/targets":
			io.WriteString(w, `{"status":"success","data":{"activeTargets":[{"discoveredLabels":{},"labels":{"job":"node"},"scrapePool":"node","scrapeUrl":"http://10.20.0.5:9100/metrics","health":"up","lastError":""}],"droppedTargets":[]}}`)
		case "/api/v1/label/__name__/values":
			io.WriteString(w, `{"status":"success","data":["up","node_load1"]}`)
		case "/api/v1/status/tsdb":
			io.WriteString(w, `{"status":"success","data":{"headStats":{"numSeries":2,"minTime":1700000000000,"maxTime":1700000600000}}}`)
		default:
			http.NotFound(w, r)
		}
	})
}

// hostilePrometheus is a Prometheus API whose configuration is 7 MiB of one-letter flow
// items (the densest YAML, within the 8 MiB answer cap), with a credential on its first
// line: a probe of it holds the large configuration parse for about a second.
func hostilePrometheus() http.Handler {
	var y strings.Builder
	y.WriteString("basic_auth: {username: u, password: Tr0ub4dor-hostile-1}\n")
	item := strings.Repeat("a,", 32<<10)
	for i := 0; y.Len() < 7<<20; i++ {
		fmt.Fprintf(&y, "k%d: [%sa]\n", i, item)
	}
	config, _ := json.Marshal(map[string]any{"status": "success", "data": map[string]string{"yaml": y.String()}})
	return prometheusAPI(config)
}

// serveHTTP serves h on a fresh address of the lab at port.
func (l *Lab) serveHTTP(t *testing.T, port int, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(l.nextAddr().String(), strconv.Itoa(port)))
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// TestOneHostileAmongManyHonest scans twenty honest servers (in-process Prometheus APIs,
// each showing a password in its configuration) with one hostile server among them,
// one kind of hostile server at a time, with four workers, so that the hostile one
// shares the scan's workers, identification and process-wide parse slots with the
// honest ones. Every honest server must be reported exactly as in a scan of the twenty
// alone — service, datasets and findings, its own password among them — and the scan
// must end within the hostile server's one deadline of the honest scan's time.
func TestOneHostileAmongManyHonest(t *testing.T) {
	const honestN = 20
	l := New()
	t.Cleanup(l.Close)
	honest := map[string]string{} // address -> its password
	var targets []string
	for i := range honestN {
		pw := fmt.Sprintf("Tr0ub4dor-honest-%02d-x7", i)
		addr := l.serveHTTP(t, 9090, honestPrometheus(pw))
		honest[addr] = pw
		targets = append(targets, addr)
	}
	args := []string{"--workers", "4"}
	alone := runScanWith(t, args, targets)
	t.Logf("%d honest servers alone: %v", honestN, alone.wall.Round(time.Millisecond))
	want := honestSigs(t, alone.rep, honest)
	if len(want) != honestN {
		t.Fatalf("the scan of the honest servers alone reported %d of %d", len(want), honestN)
	}
	for k, sig := range want {
		if strings.Contains(sig, "NOT found") || !strings.Contains(sig, "prometheus open") {
			t.Fatalf("the scan of the honest servers alone: %s: %s", k, sig)
		}
	}
	t.Logf("an honest server alone: %s", want[targets[0]])

	hostiles := map[string]func() string{
		"prometheus-dense-config": func() string { return l.serveHTTP(t, 9090, hostilePrometheus()) },
	}
	byName := map[string]Spec{}
	for _, sp := range l.Catalogue(Backends{}) {
		byName[sp.Name] = sp
	}
	for _, name := range []string{"tarpit-http", "drip-http", "endless-http-body", "gzip-bomb-json", "malformed-http-chunked"} {
		sp := byName[name]
		sp.Port = 9090
		hostiles[name] = func() string {
			s, err := l.Start(sp)
			if err != nil {
				t.Fatal(err)
			}
			return s.Target()
		}
	}
	for name, start := range hostiles {
		t.Run(name, func(t *testing.T) {
			bad := start()
			// The hostile server first, so it takes a worker before the honest ones.
			got := runScanWith(t, args, append([]string{bad}, targets...))
			t.Logf("with %s: %v; peak heap +%d MiB; the hostile server: %s", name, got.wall.Round(time.Millisecond), got.peakHeap>>20, describe(got.rep, bad))
			if d := diffSigs(want, honestSigs(t, got.rep, honest)); d != "" {
				t.Errorf("the honest servers' results differ from a scan of them alone:\n%s", d)
			}
			// One hostile server costs at most one banner wait and one round of hellos
			// (12 s) or one probe deadline's share, never the honest servers' results.
			if limit := alone.wall + ceiling; got.wall > limit {
				t.Errorf("the scan took %v, more than %v", got.wall, limit)
			}
		})
	}
}

// honestSigs is, for every honest server, what the report says of it: product, status,
// datasets and findings, and whether its own password was found.
func honestSigs(t *testing.T, rep finding.Report, honest map[string]string) map[string]string {
	t.Helper()
	sigs := map[string]string{}
	for _, s := range rep.Services {
		key := hostPort(s.Host, s.Port)
		if _, ok := honest[key]; !ok {
			continue
		}
		sigs[key] = fmt.Sprintf("%s %s %s %s", s.Product, s.Status, s.Auth, datasetSig(s.Datasets))
	}
	for _, f := range rep.Findings {
		key := hostPort(f.Host, f.Port)
		if _, ok := honest[key]; ok {
			sigs[key] += "\n  " + f.Rule + " " + f.Title
		}
	}
	for key, pw := range honest {
		found := false
		for _, f := range rep.Findings {
			if hostPort(f.Host, f.Port) == key && f.Rule == "prometheus-config-credential" && f.SHA256 == finding.Fingerprint(pw) {
				found = true
			}
		}
		if !found {
			sigs[key] += "\n  own password NOT found"
		}
	}
	return sigs
}

func diffSigs(want, got map[string]string) string {
	var b strings.Builder
	for k, w := range want {
		if g := got[k]; g != w {
			fmt.Fprintf(&b, "%s:\n got %s\nwant %s\n", k, g, w)
		}
	}
	return b.String()
}

// describe says what the report holds about the server at addr.
func describe(rep finding.Report, addr string) string {
	for _, s := range rep.Services {
		if hostPort(s.Host, s.Port) == addr {
			return fmt.Sprintf("%s %s, %d datasets, error %.100q", s.Product, s.Status, len(s.Datasets), s.Error)
		}
	}
	for _, o := range rep.Others {
		if hostPort(o.Host, o.Port) == addr {
			return "named " + o.Service
		}
	}
	for _, e := range rep.Errors {
		if hostPort(e.Host, e.Port) == addr {
			return fmt.Sprintf("error %.100q", e.Error)
		}
	}
	return "not in the report"
}
