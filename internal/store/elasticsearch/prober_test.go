package elasticsearch

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func run(t *testing.T, ep store.Endpoint, mod func(*store.Options)) (*store.Result, error) {
	t.Helper()
	return probetest.Run(t, New(), ep, 30*time.Second, mod)
}

// findingRules indexes findings by rule.
var findingRules = probetest.ByRule

func dataset(t *testing.T, svc finding.Service, name string) finding.Dataset {
	t.Helper()
	for _, d := range svc.Datasets {
		if d.Table == name {
			return d
		}
	}
	t.Fatalf("no dataset %q in %+v", name, svc.Datasets)
	return finding.Dataset{}
}

// readOnly fails the test on any request that could change the cluster: only GETs, and
// POSTs to _search whose body asks for no documents.
func readOnly(t *testing.T, f *fakeCluster) {
	t.Helper()
	for _, r := range f.requests() {
		switch {
		case strings.HasPrefix(r, "GET "):
		case strings.HasPrefix(r, "POST ") && strings.Contains(r, "/_search?size=0") && strings.Contains(r, `"size":0`):
		default:
			t.Errorf("request that is not plainly read-only: %.200s", r)
		}
	}
}

func TestOpenElasticsearch7(t *testing.T) {
	f := &fakeCluster{version: "7.10.2", indices: seededIndices()}
	res, err := run(t, probetest.HTTP(t, f), nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "elasticsearch" || svc.Protocol != "elasticsearch-http" || svc.Version != "7.10.2" || svc.TLS {
		t.Fatalf("fingerprint: %+v", svc)
	}
	if svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen || svc.Details["cluster_name"] != "prod-logs" {
		t.Fatalf("access: %+v", svc)
	}
	if len(svc.Datasets) != 3 || svc.Details["system_indices"] != "1" {
		t.Fatalf("datasets: %+v details %v", svc.Datasets, svc.Details)
	}
	chat := dataset(t, svc, "chat-logs-2025.01")
	if chat.Rows != 30 || chat.Bytes != 1_234_567 || chat.Kind != "index" {
		t.Fatalf("chat index: %+v", chat)
	}
	var cols []string
	for _, c := range chat.Columns {
		cols = append(cols, c.Name+":"+c.Type)
	}
	if strings.Join(cols, ",") != "message:text,model:keyword,timestamp:date,user.email:keyword,user.id:long" {
		t.Fatalf("columns %v", cols)
	}
	if chat.TimeRange == nil || chat.TimeRange.Column != "timestamp" || chat.TimeRange.Min != "2025-01-06T00:00:00.000Z" || chat.TimeRange.Max != "2025-01-07T05:00:00.000Z" {
		t.Fatalf("time range %+v", chat.TimeRange)
	}
	if chat.Sampled != 5 {
		t.Fatalf("sampled %d, want SampleRows=5", chat.Sampled)
	}
	if d := dataset(t, svc, "archive-2019"); d.Engine != "close" || d.Sampled != 0 {
		t.Fatalf("closed index: %+v", d)
	}

	var chatSample, custSample *store.Sample
	for i := range res.Samples {
		switch res.Samples[i].Table {
		case "chat-logs-2025.01":
			chatSample = &res.Samples[i]
		case "customers":
			custSample = &res.Samples[i]
		}
	}
	if chatSample == nil || custSample == nil {
		t.Fatalf("samples: %+v", res.Samples)
	}
	if strings.Join(chatSample.Columns, ",") != "_id,message,model,timestamp,user" {
		t.Fatalf("sample columns %v", chatSample.Columns)
	}
	if !strings.Contains(chatSample.Rows[0][1], testOpenAIKey) || !strings.Contains(chatSample.Rows[0][4], testEmail) {
		t.Fatalf("sample lost the secret or the email: %q", chatSample.Rows[0])
	}
	total := 0
	for _, r := range custSample.Rows {
		n := 0
		for _, c := range r {
			n += len(c)
		}
		if n > 4<<10 {
			t.Fatalf("row of %d bytes over MaxRowBytes", n)
		}
		total += n
	}
	if total > 16<<10 {
		t.Fatalf("sample of %d bytes over MaxSampleBytes", total)
	}

	rules := findingRules(res.Findings)
	if f := rules["elasticsearch-known-vulnerabilities"]; f.Severity != finding.Medium || !strings.Contains(f.Detail, "CVE-2021-22145") {
		t.Fatalf("CVE finding: %+v", f)
	}
	if f := rules["elasticsearch-no-security"]; f.Severity != finding.Critical || f.Category != finding.Capability || svc.Details["security"] != "disabled" {
		t.Fatalf("no-security finding: %+v (%v)", f, svc.Details)
	}
	if f := rules["elasticsearch-snapshot-repositories"]; f.Count != 1 || !strings.Contains(f.Evidence, "nightly (s3)") {
		t.Fatalf("snapshot finding: %+v", f)
	}
	if f := rules["elasticsearch-node-info"]; !strings.Contains(f.Evidence, "10.20.0.11:9200") || !strings.Contains(f.Evidence, "/var/lib/elasticsearch") {
		t.Fatalf("node finding: %+v", f)
	}
	snap := false
	for _, s := range res.Samples {
		if s.Database == "_snapshot" && strings.Contains(strings.Join(s.Rows[0], " "), testAWSSecret) {
			snap = true
		}
	}
	if !snap {
		t.Fatal("snapshot settings with keys were not sampled for detection")
	}
	readOnly(t, f)
}

func TestProtectedElasticsearch8(t *testing.T) {
	f := &fakeCluster{version: "8.12.2", users: map[string]string{"elastic": "S3cure-elastic!", "analyst": "an-pw"}, indices: seededIndices()}
	ep := probetest.HTTP(t, f)
	res, err := run(t, ep, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Product != "elasticsearch" || svc.Auth != finding.AuthRequired || svc.Status != finding.StatusAuthRequired || len(svc.Datasets) != 0 || len(res.Samples) != 0 {
		t.Fatalf("protected cluster: %+v", svc)
	}
	// Defaults were tried and refused: two attempts beyond anonymous.
	tried := 0
	for _, r := range f.requests() {
		if strings.HasPrefix(r, "GET /_cat/indices") {
			tried++
		}
	}
	if tried != 2 {
		t.Fatalf("tried %d principals on _cat/indices, want elastic/changeme and admin/admin", tried)
	}

	res, err = run(t, ep, func(o *store.Options) {
		o.Credentials = []store.Credential{{Store: "redis", Username: "x", Password: "y"}, {Username: "analyst", Password: "an-pw"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != "analyst" || svc.Version != "8.12.2" || len(svc.Datasets) != 3 || svc.Details["security"] != "enabled" {
		t.Fatalf("with credentials: %+v", svc)
	}
	if _, ok := findingRules(res.Findings)["elasticsearch-no-security"]; ok {
		t.Fatal("no-security reported on a cluster with security")
	}

	res, _ = run(t, ep, func(o *store.Options) { o.NoDefaultCredentials = true })
	if res.Service.Auth != finding.AuthRequired {
		t.Fatalf("%+v", res.Service)
	}
}

func TestDefaultPasswords(t *testing.T) {
	for _, tc := range []struct {
		f       *fakeCluster
		user    string
		product string
	}{
		{&fakeCluster{version: "6.8.0", users: map[string]string{"elastic": "changeme"}, indices: seededIndices()}, "elastic", "elasticsearch"},
		{&fakeCluster{version: "2.11.0", opensearch: true, users: map[string]string{"admin": "admin"}, indices: seededIndices()}, "admin", "opensearch"},
	} {
		t.Run(tc.product, func(t *testing.T) {
			res, err := run(t, probetest.HTTP(t, tc.f), nil)
			if err != nil {
				t.Fatal(err)
			}
			svc := res.Service
			if svc.Auth != finding.AuthDefault || svc.User != tc.user || svc.Product != tc.product || len(svc.Datasets) != 3 {
				t.Fatalf("%+v", svc)
			}
			if f := findingRules(res.Findings)[tc.product+"-default-superuser"]; f.Severity != finding.Critical {
				t.Fatalf("findings %+v", res.Findings)
			}
			if tc.product == "opensearch" && (svc.Protocol != "opensearch-http" || svc.Details["security"] != "enabled") {
				t.Fatalf("%+v", svc)
			}
			readOnly(t, tc.f)
		})
	}
}

func TestOpenSearchOpen(t *testing.T) {
	f := &fakeCluster{version: "2.11.0", opensearch: true, indices: seededIndices()}
	res, err := run(t, probetest.HTTP(t, f), nil)
	if err != nil {
		t.Fatal(err)
	}
	rules := findingRules(res.Findings)
	if res.Service.Product != "opensearch" || res.Service.Auth != finding.AuthNone || rules["opensearch-no-security"].Severity != finding.Critical {
		t.Fatalf("%+v %+v", res.Service, res.Findings)
	}
	if f := rules["opensearch-known-vulnerabilities"]; !strings.Contains(f.Detail, "CVE-2023-31419") {
		t.Fatalf("%+v", f)
	}
}

// An anonymous role that may read GET / but not the indices is protected, not open.
func TestAnonymousRootOnly(t *testing.T) {
	f := &fakeCluster{version: "8.12.2", users: map[string]string{"elastic": "x-long-pw"}, anonymousRoot: true, indices: seededIndices()}
	res, err := run(t, probetest.HTTP(t, f), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthRequired || res.Service.Version != "8.12.2" || len(res.Service.Datasets) != 0 {
		t.Fatalf("%+v", res.Service)
	}
	// An anonymous role with read access is open, and said to be a misconfiguration.
	f = &fakeCluster{version: "8.12.2", users: map[string]string{"elastic": "x-long-pw"}, anonymousRead: true, indices: seededIndices()}
	res, err = run(t, probetest.HTTP(t, f), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Service.Auth != finding.AuthNone || findingRules(res.Findings)["elasticsearch-anonymous-access"].Severity != finding.High {
		t.Fatalf("%+v %+v", res.Service, res.Findings)
	}
}

func TestOldElasticsearch1(t *testing.T) {
	f := &fakeCluster{version: "1.4.2", indices: seededIndices()[:3]}
	res, err := run(t, probetest.HTTP(t, f), nil)
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Version != "1.4.2" || len(svc.Datasets) != 2 || dataset(t, svc, "chat-logs-2025.01").Rows != 30 {
		t.Fatalf("%+v", svc)
	}
	if len(dataset(t, svc, "customers").Columns) != 4 {
		t.Fatalf("typed mapping not read: %+v", dataset(t, svc, "customers"))
	}
	cve := findingRules(res.Findings)["elasticsearch-known-vulnerabilities"]
	if cve.Severity != finding.Critical || cve.Tags[0] != "CVE-2015-1427" && cve.Tags[0] != "CVE-2014-3120" {
		t.Fatalf("%+v", cve)
	}
	if !strings.Contains(cve.Detail, "CVE-2015-1427") || strings.Contains(cve.Detail, "CVE-2014-3120") {
		t.Fatalf("1.4.2 has the Groovy escape and not the MVEL one: %s", cve.Detail)
	}
	readOnly(t, f)
}

func TestHTTPS(t *testing.T) {
	f := &fakeCluster{version: "8.12.2", users: map[string]string{"elastic": "pw-1234"}, indices: seededIndices()}
	res, err := run(t, probetest.HTTPS(t, f), func(o *store.Options) {
		o.Credentials = []store.Credential{{Username: "elastic", Password: "pw-1234"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Service.TLS || res.Service.Auth != finding.AuthCredentials || len(res.Service.Datasets) != 3 {
		t.Fatalf("%+v", res.Service)
	}
}

func TestOtherHTTPServers(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"plain page": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>hello</html>")) },
		"other json": func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"couchdb":"Welcome","version":"3.3.3"}`))
		},
		"basic auth elsewhere": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("WWW-Authenticate", `Basic realm="Restricted"`)
			w.WriteHeader(401)
		},
		"clickhouse native": func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(400)
			w.Write([]byte("Port 9000 is for clickhouse-client program.\r\n"))
		},
	} {
		t.Run(name, func(t *testing.T) {
			res, err := run(t, probetest.HTTP(t, h), nil)
			if !errors.Is(err, store.ErrNoMatch) || res != nil {
				t.Fatalf("claimed: %+v %v", res, err)
			}
		})
	}
}
