package prometheus

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func serve(t *testing.T, h http.HandlerFunc) store.Endpoint {
	t.Helper()
	return probetest.HTTP(t, h)
}

// serveConfig answers as a Prometheus older than 2.14 (no buildinfo) whose only other
// answer is the configuration yaml.
func serveConfig(t *testing.T, yaml string) store.Endpoint {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"status": "success", "data": map[string]string{"yaml": yaml}})
	return serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/-/healthy":
			io.WriteString(w, "Prometheus is Healthy.\n")
		case "/api/v1/status/config":
			w.Write(body)
		default:
			http.NotFound(w, r)
		}
	})
}

func probeFast(t *testing.T, ep store.Endpoint) (*store.Result, error) {
	t.Helper()
	o := store.DefaultOptions()
	o.IOTimeout = time.Second
	o.MaxResponseBytes = 64 << 10
	res, err, _ := probetest.Try(New(), ep, &o, 10*time.Second)
	return res, err
}

func TestNotPrometheus(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"404": func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) },
		"other api": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"status":"success","data":{"version":"x"}}`)
		},
		"401 elsewhere": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("WWW-Authenticate", `Basic realm="x"`)
			w.WriteHeader(http.StatusUnauthorized)
		},
		"huge": func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, strings.Repeat("{", 200_000)) },
	} {
		t.Run(name, func(t *testing.T) {
			if res, err := probeFast(t, serve(t, h)); res != nil || !errors.Is(err, store.ErrNoMatch) {
				t.Fatalf("res=%v err=%v", res, err)
			}
		})
	}
}

// A Prometheus 2.13 (no buildinfo, no tsdb status) whose configuration predates the
// masking of some fields: the shapes of the 2.x HTTP API documentation.
func TestOldPrometheusCapture(t *testing.T) {
	cfg := "global:\n  scrape_interval: 15s\nscrape_configs:\n- job_name: consul\n  consul_sd_configs:\n  - server: consul:8500\n    token: 3f1c2b6a-1111-2222-3333-444455556666\n" +
		"- job_name: blackbox\n  params:\n    module: [http_2xx]\n    access_token: [abcdef0123456789abcdef]\n  basic_auth:\n    username: u\n    password: <secret>\n    password_file: /etc/prom/pw\n" +
		"- job_name: federate\n  static_configs:\n  - targets: ['https://fed:hunter2hunter2@10.1.2.3:9090']\n"
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/status/buildinfo", "/api/v1/status/tsdb":
			http.NotFound(w, r)
		case "/-/healthy":
			io.WriteString(w, "Prometheus is Healthy.\n")
		case "/api/v1/status/config":
			b, _ := jsonString(cfg)
			io.WriteString(w, `{"status":"success","data":{"yaml":`+b+`}}`)
		case "/api/v1/status/flags":
			io.WriteString(w, `{"status":"success","data":{"web.enable-admin-api":"false","web.enable-lifecycle":"true"}}`)
		case "/api/v1/targets":
			io.WriteString(w, `{"status":"success","data":{"activeTargets":[{"discoveredLabels":{},"labels":{"job":"blackbox"},"scrapePool":"blackbox","scrapeUrl":"http://10.0.0.5:9115/probe?access_token=abcdef0123456789abcdef","health":"up","lastError":""}],"droppedTargets":[]}}`)
		case "/api/v1/label/__name__/values":
			io.WriteString(w, `{"status":"success","data":["up","scrape_duration_seconds"]}`)
		default:
			http.NotFound(w, r)
		}
	})
	res, err := probeFast(t, ep)
	if err != nil || res.Service.Auth != finding.AuthNone || res.Service.Version != "" {
		t.Fatalf("res=%+v err=%v", res, err)
	}
	var cols []string
	for _, f := range res.Findings {
		if f.Rule == "prometheus-config-credential" {
			cols = append(cols, f.Column)
		}
	}
	want := "scrape_configs[job_name=consul].consul_sd_configs[0].token scrape_configs[job_name=blackbox].params.access_token " +
		"scrape_configs[job_name=federate].static_configs[0].targets[0] (URL password)"
	if strings.Join(cols, " ") != want {
		t.Fatalf("credential findings at %q", cols)
	}
	if len(findingsByRule(res.Findings, "prometheus-lifecycle-api")) != 1 || len(findingsByRule(res.Findings, "prometheus-admin-api")) != 0 {
		t.Fatalf("flag findings %+v", res.Findings)
	}
}

func jsonString(s string) (string, error) {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String(), nil
}

// TestHostileTargetFloods: the target listing was decoded whole — dropped targets
// (which the probe does not ask for: state=active) each into a map, and every active
// target kept and grouped by job although the sample keeps a few of each job. 8 MiB of
// empty targets (2.8 million) is now decoded a target at a time: the dropped ones are
// skipped, and the active ones are counted (rows, hosts, endpoints, down) beyond the
// first maxTargets, which alone are kept: 410 MiB (dropped) and 2,697 MiB in 26 s
// (active) allocated before, 32 and 145 MiB after (one run each).
func TestHostileTargetFloods(t *testing.T) {
	one := `{"labels":{"job":"node"},"scrapePool":"node","scrapeUrl":"http://10.0.0.5:9100/metrics","health":"up","lastError":""}`
	flood := strings.Repeat("{},", (8<<20-4096)/3) + "{}"
	for name, body := range map[string]string{
		"dropped": `{"status":"success","data":{"activeTargets":[` + one + `],"droppedTargets":[` + flood + `]}}`,
		"active":  `{"status":"success","data":{"activeTargets":[` + one + "," + flood + `],"droppedTargets":[]}}`,
	} {
		t.Run(name, func(t *testing.T) {
			ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/-/healthy":
					io.WriteString(w, "Prometheus is Healthy.\n")
				case "/api/v1/targets":
					io.WriteString(w, body)
				default:
					http.NotFound(w, r)
				}
			})
			o := store.DefaultOptions()
			o.IOTimeout = 5 * time.Second
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() { res, err, _ = probetest.Try(New(), ep, &o, 30*time.Second) })
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			t.Logf("allocated %d MiB", allocated>>20)
			ds := probetest.Dataset(res.Service, "", "targets")
			if ds == nil || (name == "active" && ds.Rows < 2_000_000) || (name == "dropped" && ds.Rows != 1) {
				t.Fatalf("targets %+v", ds)
			}
			// 100,000 active targets are kept, as _cat/indices keeps Elasticsearch's.
			limit := uint64(96 << 20)
			if name == "active" {
				limit = 256 << 20
			}
			if allocated > limit {
				t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
			}
		})
	}
}

// TestHostileRaw: servers that stall, trickle, never end their headers, promise a huge
// body or close at once cost an error within the time given, never an open service.
func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

// TestHostileStallAfterIdentification: a server that answers as Prometheus and then
// lets every other request stall costs one I/O timeout per request, within the
// inventory's deadline, and is still reported as the Prometheus it said it was.
func TestHostileStallAfterIdentification(t *testing.T) {
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/status/buildinfo" {
			io.WriteString(w, `{"status":"success","data":{"version":"2.45.0","revision":"x","branch":"HEAD","buildUser":"","buildDate":"","goVersion":"go1.20.5"}}`)
			return
		}
		probetest.Stall(r)
	})
	o := store.DefaultOptions()
	o.IOTimeout = 500 * time.Millisecond
	o.InventoryTimeout = 2 * time.Second
	res, err, took := probetest.Try(New(), ep, &o, 30*time.Second)
	t.Logf("probe: %v, err %v", took, err)
	if res == nil || res.Service.Product != "prometheus" || res.Service.Version != "2.45.0" {
		t.Fatalf("the identified server is not reported: %+v, %v", res, err)
	}
	if limit := o.InventoryTimeout + 2*(o.IOTimeout+o.ConnectTimeout); took > limit {
		t.Errorf("the probe took %v, past its inventory deadline and one exchange (%v)", took, limit)
	}
}
