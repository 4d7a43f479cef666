package elasticsearch

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

func TestHostileRaw(t *testing.T) { probetest.CheckRawCases(t, New(), 6*time.Second) }

// A node that answers GET / like Elasticsearch and then misbehaves on one API: the
// probe returns in time, keeps what it learned, and reads no more than its caps.
func TestHostileCluster(t *testing.T) {
	probetest.PrepareBomb()
	for _, tc := range []struct {
		name    string
		path    string
		handle  func(w http.ResponseWriter, r *http.Request)
		wantErr error
	}{
		{"root gzip bomb", "/", func(w http.ResponseWriter, r *http.Request) { probetest.GzipBomb(w, "application/json") }, store.ErrNoMatch},
		{"root endless", "/", func(w http.ResponseWriter, r *http.Request) { probetest.Endless(w, r, "application/json") }, store.ErrNoMatch},
		{"cat indices endless", "/_cat/indices", func(w http.ResponseWriter, r *http.Request) { probetest.Endless(w, r, "application/json") }, store.ErrTooLarge},
		{"cat indices stalls", "/_cat/indices", func(w http.ResponseWriter, r *http.Request) { probetest.Stall(r) }, store.ErrTimeout},
		{"cat indices garbage", "/_cat/indices", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("\x00\xff[[[")) }, nil},
		{"search endless", "/_search", func(w http.ResponseWriter, r *http.Request) { probetest.Endless(w, r, "application/json") }, nil},
		{"mapping garbage", "/_mapping", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{{{{")) }, nil},
		{"mapping deep", "/_mapping", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"x":{"mappings":{"properties":` + strings.Repeat(`{"a":{"properties":`, 5000) + "{}" + strings.Repeat("}}", 5000) + "}}}"))
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if (tc.path == "/" && r.URL.Path == "/") || (tc.path != "/" && strings.HasSuffix(r.URL.Path, tc.path)) {
					tc.handle(w, r)
					return
				}
				f.ServeHTTP(w, r)
			})
			t0 := time.Now()
			res, err := run(t, probetest.HTTP(t, h), func(o *store.Options) {
				o.IOTimeout = 700 * time.Millisecond
				o.MaxResponseBytes = 1 << 20
			})
			if time.Since(t0) > 8*time.Second {
				t.Fatalf("took %v", time.Since(t0))
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if errors.Is(tc.wantErr, store.ErrNoMatch) {
				if res != nil {
					t.Fatalf("claimed: %+v", res.Service)
				}
				return
			}
			if res == nil || res.Service.Product != "elasticsearch" {
				t.Fatalf("lost the identification: %+v %v", res, err)
			}
			// Access is decided on _cat/indices: when it stalls, nothing is decided.
			wantAuth := finding.AuthNone
			if tc.name == "cat indices stalls" {
				wantAuth = finding.AuthUnknown
			}
			if res.Service.Auth != wantAuth {
				t.Fatalf("auth %s, want %s (%v)", res.Service.Auth, wantAuth, err)
			}
		})
	}
}

// A cluster listing tens of thousands of snapshot repositories and nodes (what no real
// cluster has, but any server can send within the response cap): each becomes a sample
// row, and the samples are held to the caps every other sample keeps (rows up to
// MaxTables, bytes up to MaxSampleBytes), while the findings still count them all.
func TestHostileSnapshotAndNodeFloods(t *testing.T) {
	const n = 30_000
	pad := strings.Repeat("p", 100)
	var repos, nodes strings.Builder
	repos.WriteString("{")
	nodes.WriteString(`{"nodes":{`)
	for i := range n {
		if i > 0 {
			repos.WriteByte(',')
			nodes.WriteByte(',')
		}
		fmt.Fprintf(&repos, `"r%d":{"type":"fs","settings":{"location":"/b/%d/%s"}}`, i, i, pad)
		fmt.Fprintf(&nodes, `"n%d":{"name":"n%d","transport_address":"10.0.0.1:9300","settings":{"path":{"home":"/h/%s"}}}`, i, i, pad)
	}
	repos.WriteString("}")
	nodes.WriteString("}}")
	f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/_snapshot":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(repos.String()))
		case "/_nodes/settings,os,http":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(nodes.String()))
		default:
			f.ServeHTTP(w, r)
		}
	})
	var opts store.Options
	res, err := run(t, probetest.HTTP(t, h), func(o *store.Options) {
		o.MaxResponseBytes = 8 << 20
		// Decoding the two 4 MB floods takes seconds under -race on a loaded machine:
		// the test's 5 s inventory time cut the second check short there.
		o.InventoryTimeout = 25 * time.Second
		opts = *o
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	seen := 0
	for _, s := range res.Samples {
		if s.Database != "_snapshot" && s.Database != "_nodes" {
			continue
		}
		seen++
		bytes := 0
		for _, row := range s.Rows {
			for _, c := range row {
				bytes += len(c)
			}
		}
		if len(s.Rows) > opts.MaxTables || bytes > opts.MaxSampleBytes {
			t.Errorf("%s sample: %d rows, %d bytes; caps %d rows, %d bytes", s.Database, len(s.Rows), bytes, opts.MaxTables, opts.MaxSampleBytes)
		}
	}
	if seen != 2 {
		t.Fatalf("%d of the two samples found", seen)
	}
	for _, rule := range []string{"elasticsearch-snapshot-repositories", "elasticsearch-node-info"} {
		f, ok := findingRules(res.Findings)[rule]
		if !ok || f.Count != n {
			t.Errorf("%s: %+v, want a count of %d", rule, f, n)
		}
	}
}

// A _cat/indices answer of 8 MiB of empty rows (2.8 million) costs its bytes and the
// rows kept, not millions of decoded structs: the list is decoded one row at a time up
// to maxCatIndices and the service marked truncated. Before, the whole list was
// decoded (about 1 GiB allocated for the one answer).
func TestHostileCatIndicesFlood(t *testing.T) {
	body := `[{"index":"orders","health":"green","status":"open","docs.count":"5","store.size":"100"},` +
		strings.Repeat("{},", (8<<20-4096)/3) + "{}]"
	f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
	h := probetest.ServeJSONAt("/_cat/indices", body, f)
	ep := probetest.HTTP(t, h)
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, ep, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("allocated %d MiB for an answer of 8 MiB", allocated>>20)
	if !res.Service.Truncated || probetest.Dataset(res.Service, "", "orders") == nil {
		t.Fatalf("truncated %v, datasets %+v", res.Service.Truncated, res.Service.Datasets)
	}
	if allocated > 256<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
	}
}

// objectFlood is a JSON object of about 8 MiB of distinct empty members ("0":{},…)
// between head and tail.
func objectFlood(head, tail string) string {
	var b strings.Builder
	b.WriteString(head)
	for i := 0; b.Len() < 8<<20-len(tail)-64; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"%d":{}`, i)
	}
	b.WriteString(tail)
	return b.String()
}

// TestHostileObjectFloods: the answers read as JSON objects (snapshot repositories,
// nodes, index statistics, mappings) were decoded whole into maps, whatever was kept of
// them: 8 MiB of empty members is 800,000 entries, 100-170 MiB allocated for each
// answer, and index statistics became one dataset per member before the list was cut
// to --max-tables. They are now decoded a member at a time up to their bounds and the
// rest counted (a mapping's fields up to what a real mapping may hold): 180, 203, 898
// and 188 MiB before, 31, 36, 175 and 47 MiB after (one run each).
func TestHostileObjectFloods(t *testing.T) {
	for _, tc := range []struct {
		name, path, body string
		check            func(t *testing.T, res *store.Result)
		limit            uint64 // bytes the probe may allocate; 64 MiB when 0
	}{
		{"snapshot repositories", "/_snapshot", objectFlood(`{"nightly":{"type":"fs","settings":{"location":"/b"}},`, `}`),
			func(t *testing.T, res *store.Result) {
				// Every repository is still counted.
				if n, _ := strconv.Atoi(res.Service.Details["snapshot_repositories"]); n < 700_000 {
					t.Errorf("snapshot_repositories %q", res.Service.Details["snapshot_repositories"])
				}
			}, 0},
		{"nodes", "/_nodes/settings,os,http", objectFlood(`{"cluster_name":"c","nodes":{"a":{"name":"es-1","transport_address":"10.0.0.1:9300"},`, `}}`),
			func(t *testing.T, res *store.Result) {
				if n, _ := strconv.Atoi(res.Service.Details["nodes"]); n < 700_000 {
					t.Errorf("nodes %q", res.Service.Details["nodes"])
				}
			}, 0},
		{"index statistics", "/_stats/docs,store", objectFlood(`{"_shards":{"total":1},"indices":{"orders":{"primaries":{"docs":{"count":5}}},`, `}}`),
			func(t *testing.T, res *store.Result) {
				if !res.Service.Truncated || probetest.Dataset(res.Service, "", "orders") == nil {
					t.Errorf("truncated %v, %d datasets", res.Service.Truncated, len(res.Service.Datasets))
				}
			}, 256 << 20}, // 100,000 indices are kept, as from _cat/indices (TestHostileCatIndicesFlood)
		{"mapping", "/customers/_mapping", objectFlood(`{"customers":{"mappings":{"properties":{`, `}}}}`), nil,
			96 << 20}, // the body is read, and its mappings and properties are each copied once
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.URL.Path == tc.path:
					w.Header().Set("Content-Type", "application/json")
					w.Write([]byte(tc.body))
				case tc.path == "/_stats/docs,store" && r.URL.Path == "/_cat/indices":
					w.WriteHeader(http.StatusNotFound)
				default:
					f.ServeHTTP(w, r)
				}
			})
			ep := probetest.HTTP(t, h)
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() {
				res, err = run(t, ep, func(o *store.Options) {
					o.MaxResponseBytes = 8 << 20
					o.InventoryTimeout = 25 * time.Second
				})
			})
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			t.Logf("allocated %d MiB for an answer of 8 MiB", allocated>>20)
			if tc.check != nil {
				tc.check(t, res)
			}
			limit := tc.limit
			if limit == 0 {
				limit = 64 << 20
			}
			if allocated > limit {
				t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
			}
		})
	}
}

// TestHostilePluginsFlood: OpenSearch's plugin listing was decoded whole (8 MiB of
// empty rows is 2.8 million); it is now decoded a row at a time, and a listing too long
// to read decides nothing about the security plugin: 283 MiB allocated before, 26 MiB
// after (one run each).
func TestHostilePluginsFlood(t *testing.T) {
	body := "[" + strings.Repeat("{},", (8<<20-4096)/3) + `{"component":"opensearch-security"}]`
	f := &fakeCluster{version: "2.11.0", opensearch: true, indices: seededIndices()}
	ep := probetest.HTTP(t, probetest.ServeJSONAt("/_cat/plugins", body, f))
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		res, err = run(t, ep, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("allocated %d MiB for an answer of 8 MiB", allocated>>20)
	if s := res.Service.Details["security"]; s == "disabled" {
		t.Errorf("security %q from a listing that was not read to its end", s)
	}
	if allocated > 96<<20 {
		t.Fatalf("the probe allocated %d MiB for an 8 MiB answer", allocated>>20)
	}
}

// TestHostileXPackFlood: GET /_xpack's features were decoded whole into a map, though
// only "security" is read: 8 MiB of empty features is 800,000 map entries. Only that
// member is decoded now.
func TestHostileXPackFlood(t *testing.T) {
	body := objectFlood(`{"features":{"security":{"available":true,"enabled":false},`, "}}")
	f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
	quiet := probetest.HTTP(t, probetest.ServeJSONAt("/_xpack", `{"features":{"security":{"available":true,"enabled":false}}}`, f))
	flood := probetest.HTTP(t, probetest.ServeJSONAt("/_xpack", body, f))
	var res *store.Result
	var err error
	opts := func(o *store.Options) { o.MaxResponseBytes = 8 << 20 }
	base := probetest.Allocated(func() { res, err = run(t, quiet, opts) })
	if res == nil || res.Service.Details["security"] != "disabled" {
		t.Fatalf("the quiet cluster's security state is not read: %+v %v", res, err)
	}
	allocated := probetest.Allocated(func() { res, err = run(t, flood, opts) })
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	t.Logf("allocated %d MiB for an 8 MiB _xpack answer, %d MiB for a small one", allocated>>20, base>>20)
	if res.Service.Details["security"] != "disabled" {
		t.Errorf("security %q, want disabled", res.Service.Details["security"])
	}
	if allocated > base+48<<20 {
		t.Fatalf("the probe allocated %d MiB more for the 8 MiB _xpack answer", (allocated-base)>>20)
	}
}

// TestHostileSearchFloods: a search answer's hits were decoded whole, however many the
// query asked for, and every one parsed for fields; a time range's aggregations were
// decoded into a map of every member. A server sending 8 MiB of empty ones costs each
// index sampled (up to --max-tables of them) the bytes and what was asked for now.
func TestHostileSearchFloods(t *testing.T) {
	hits := []byte(`{"hits":{"total":{"value":3},"hits":[{"_id":"1","_source":{"msg":"hello"}},` +
		strings.Repeat("{},", (8<<20-4096)/3) + `{}]}}`)
	aggs := []byte(objectFlood(`{"aggregations":{"lw_min":{"value_as_string":"2024-01-01T00:00:00Z"},`+
		`"lw_max":{"value_as_string":"2024-06-30T00:00:00Z"},`, "}}"))
	for name, answer := range map[string][]byte{"hits": hits, "aggregations": aggs} {
		t.Run(name, func(t *testing.T) {
			f := &fakeCluster{version: "7.17.0", indices: seededIndices()}
			floods := 0
			h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				isAggs := r.Method == http.MethodPost
				if strings.HasSuffix(r.URL.Path, "/_search") && !strings.HasPrefix(r.URL.Path, "/_") && isAggs == (name == "aggregations") {
					floods++
					w.Header().Set("Content-Type", "application/json")
					w.Write(answer)
					return
				}
				f.ServeHTTP(w, r)
			})
			ep := probetest.HTTP(t, h)
			var res *store.Result
			var err error
			allocated := probetest.Allocated(func() {
				res, err = run(t, ep, func(o *store.Options) { o.MaxResponseBytes = 8 << 20 })
			})
			if res == nil {
				t.Fatalf("no result: %v", err)
			}
			n := uint64(max(floods, 1))
			t.Logf("allocated %d MiB for %d answers of 8 MiB", allocated>>20, n)
			if floods == 0 {
				t.Fatal("no flooded answer was asked for")
			}
			if allocated/n > 48<<20 {
				t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
			}
		})
	}
}
