package kibana

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

var testSlackToken = lab.NewSynth(5601).SlackBotToken()

// fakeKibana answers as Kibana does, from the API reference (GET /api/status — version
// a string in 5.x, {"number":…} from 6.x, overall "state" before 8.0 and "level" after —
// GET /api/saved_objects/_find, GET /api/spaces/space) and the headers every response
// carries (kbn-name, kbn-license-sig; OpenSearch Dashboards: osd-name). With security
// on, API calls without a session get 401 {"statusCode":401,"error":"Unauthorized",
// "message":"Unauthorized"}; unknown saved-object types get 400.
type fakeKibana struct {
	version    string
	dashboards bool              // OpenSearch Dashboards
	users      map[string]string // security on when set
	mu         sync.Mutex
	reqs       []string
}

func (f *fakeKibana) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.reqs = append(f.reqs, r.Method+" "+r.URL.RequestURI())
	f.mu.Unlock()
	if f.dashboards {
		w.Header().Set("osd-name", "dash-1")
	} else {
		w.Header().Set("kbn-name", "kibana-prod")
		w.Header().Set("kbn-license-sig", "da420c53321c02c93e8b4f72c41f9e4a")
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if len(f.users) > 0 {
		u, p, ok := r.BasicAuth()
		if !ok || f.users[u] != p {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"statusCode":401,"error":"Unauthorized","message":"Unauthorized"}`))
			return
		}
	}
	enc := json.NewEncoder(w)
	switch r.URL.Path {
	case "/api/status":
		var version any = map[string]any{"number": f.version, "build_hash": "9d6a2e1f", "build_number": 70088, "build_snapshot": false}
		overall := map[string]any{"state": "green", "title": "Green", "nickname": "Looking good"}
		if strings.HasPrefix(f.version, "5.") {
			version = f.version
		}
		if strings.HasPrefix(f.version, "8.") {
			overall = map[string]any{"level": "available", "summary": "All services and plugins are available"}
		}
		enc.Encode(map[string]any{"name": "kibana-prod", "uuid": "5b2de169-2785-441b-ae8c-186a1936b17d", "version": version,
			"status": map[string]any{"overall": overall}, "metrics": map[string]any{}})
	case "/api/spaces/space":
		enc.Encode([]map[string]any{{"id": "default", "name": "Default", "disabledFeatures": []string{}}, {"id": "payments", "name": "Payments"}})
	case "/api/saved_objects/_find":
		typ := r.URL.Query().Get("type")
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		var objs []map[string]any
		switch typ {
		case "index-pattern":
			objs = append(objs, map[string]any{"id": "logs-star", "type": typ, "updated_at": "2024-02-01T10:00:00.000Z",
				"attributes": map[string]any{"title": "logs-*", "timeFieldName": "@timestamp"}})
		case "search":
			for i := range 7 {
				objs = append(objs, map[string]any{"id": fmt.Sprintf("s%d", i), "type": typ, "updated_at": "2024-02-02T10:00:00.000Z",
					"attributes": map[string]any{"title": fmt.Sprintf("errors %d", i), "kibanaSavedObjectMeta": map[string]any{
						"searchSourceJSON": `{"query":{"query":"token:` + testSlackToken + `","language":"kuery"}}`}}})
			}
		case "dashboard", "visualization", "config", "url":
		default:
			w.WriteHeader(http.StatusBadRequest)
			enc.Encode(map[string]any{"statusCode": 400, "error": "Bad Request", "message": "Unsupported saved object type(s): " + typ})
			return
		}
		total := len(objs)
		if per < len(objs) {
			objs = objs[:per]
		}
		enc.Encode(map[string]any{"page": 1, "per_page": per, "total": total, "saved_objects": objs})
	default:
		w.WriteHeader(http.StatusNotFound)
		enc.Encode(map[string]any{"statusCode": 404, "error": "Not Found", "message": "Not Found"})
	}
}

func run(t *testing.T, h http.Handler, mod func(*store.Options)) (*store.Result, error) {
	t.Helper()
	return probetest.Run(t, New(), probetest.HTTP(t, h), 20*time.Second, mod)
}

func TestOpenKibana(t *testing.T) {
	f := &fakeKibana{version: "7.17.0"}
	res, err := run(t, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "kibana" || svc.Version != "7.17.0" || svc.Auth != finding.AuthNone || svc.Details["spaces"] != "default,payments" ||
		svc.Details["overall_status"] != "green" {
		t.Fatalf("%+v", svc)
	}
	if len(svc.Datasets) != 2 || svc.Datasets[1].Table != "search" || svc.Datasets[1].Rows != 7 || svc.Datasets[1].Sampled != 5 {
		t.Fatalf("%+v", svc.Datasets)
	}
	found := false
	for _, s := range res.Samples {
		for _, r := range s.Rows {
			found = found || strings.Contains(r[3], testSlackToken)
		}
	}
	if !found {
		t.Fatal("saved search attributes not sampled")
	}
	rules := map[string]finding.Finding{}
	for _, f := range res.Findings {
		rules[f.Rule] = f
	}
	if rules["kibana-cluster-access"].Severity != finding.High || !strings.Contains(rules["kibana-known-vulnerabilities"].Detail, "CVE-2024-37287") {
		t.Fatalf("%+v", res.Findings)
	}
	for _, r := range f.reqs {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("not a GET: %s", r)
		}
	}
}

func TestProtectedKibana(t *testing.T) {
	f := &fakeKibana{version: "8.12.0", users: map[string]string{"analyst": "an-pw"}}
	res, err := run(t, f, nil)
	if err != nil || res.Service.Auth != finding.AuthRequired || res.Service.Product != "kibana" || len(res.Service.Datasets) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	res, err = run(t, f, func(o *store.Options) { o.Credentials = []store.Credential{{Username: "analyst", Password: "an-pw"}} })
	if err != nil || res.Service.Auth != finding.AuthCredentials || res.Service.Version != "8.12.0" || res.Service.Details["overall_status"] != "available" {
		t.Fatalf("%+v %v", res, err)
	}
	for _, f := range res.Findings {
		if f.Rule == "kibana-cluster-access" {
			t.Fatal("capability reported for a login the user supplied")
		}
	}
}

func TestOldKibanaAndDashboards(t *testing.T) {
	res, err := run(t, &fakeKibana{version: "5.6.0"}, nil)
	if err != nil || res.Service.Version != "5.6.0" {
		t.Fatalf("%+v %v", res, err)
	}
	cve := ""
	for _, f := range res.Findings {
		if f.Rule == "kibana-known-vulnerabilities" {
			cve = f.Detail
		}
	}
	if !strings.Contains(cve, "CVE-2019-7609") || !strings.Contains(cve, "CVE-2018-17246") {
		t.Fatalf("%q", cve)
	}
	res, err = run(t, &fakeKibana{version: "2.11.0", dashboards: true}, nil)
	if err != nil || res.Service.Product != "opensearch-dashboards" || res.Service.Details["name"] != "kibana-prod" {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestNotKibana(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"html": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>")) },
		"401":  func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) },
		"es": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(404)
			w.Write([]byte(`{"error":{"type":"index_not_found_exception"},"status":404}`))
		},
	} {
		if res, err := run(t, h, nil); !errors.Is(err, store.ErrNoMatch) || res != nil {
			t.Fatalf("%s: %+v %v", name, res, err)
		}
	}
}

func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

func TestHostileKibana(t *testing.T) {
	f := &fakeKibana{version: "7.17.0"}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("type") == "search" {
			w.Header().Set("kbn-name", "x")
			probetest.Endless(w, r, "application/json")
			return
		}
		f.ServeHTTP(w, r)
	})
	t0 := time.Now()
	res, err := run(t, h, func(o *store.Options) { o.IOTimeout = 700 * time.Millisecond })
	if time.Since(t0) > 8*time.Second || err != nil || res.Service.Auth != finding.AuthNone {
		t.Fatalf("%v %+v %v", time.Since(t0), res, err)
	}
	for _, d := range res.Service.Datasets {
		if d.Table == "search" && d.Error == "" {
			t.Fatalf("%+v", d)
		}
	}
}

func FuzzStatusVersion(f *testing.F) {
	f.Add([]byte(`{"version":"5.6.0"}`))
	f.Add([]byte(`{"version":{"number":"8.1.0"}}`))
	f.Add([]byte(`{"version":[1]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var st status
		if json.Unmarshal(b, &st) == nil {
			_ = st.version()
		}
	})
}

// A spaces answer of 8 MiB of empty spaces (2.8 million) is decoded only up to
// maxSpaces.
func TestHostileSpacesFlood(t *testing.T) {
	body := `[{"id":"default","name":"Default"},` + strings.Repeat("{},", (8<<20-4096)/3) + "{}]"
	f := &fakeKibana{version: "7.17.0"}
	h := probetest.ServeJSONAt("/api/spaces/space", body, f)
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("allocated %d MiB for an answer of 8 MiB", allocated>>20)
	if sp := res.Service.Details["spaces"]; !strings.HasPrefix(sp, "default,") || !strings.HasSuffix(sp, ",…") {
		t.Fatalf("spaces %.100q", sp)
	}
	if allocated > 96<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
	}
}

// TestHostileSavedObjectsFlood: a server that ignores per_page and lists 8 MiB of empty
// saved objects (2.8 million) for each type had every one decoded; they are now decoded
// one at a time up to the page asked for: 787 MiB allocated for each answer before,
// 24 MiB after (3 and 7 answers; one run each).
func TestHostileSavedObjectsFlood(t *testing.T) {
	body := `{"page":1,"per_page":5,"total":3,"saved_objects":[` + strings.Repeat("{},", (8<<20-4096)/3) + "{}]}"
	f := &fakeKibana{version: "7.17.0"}
	var floods atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/saved_objects/_find" {
			floods.Add(1)
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(body))
			return
		}
		f.ServeHTTP(w, r)
	})
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, h, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	n := uint64(max(floods.Load(), 1))
	t.Logf("allocated %d MiB for %d answers of 8 MiB", allocated>>20, n)
	if allocated/n > 48<<20 {
		t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
	}
}
