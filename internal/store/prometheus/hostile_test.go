package prometheus

import (
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
