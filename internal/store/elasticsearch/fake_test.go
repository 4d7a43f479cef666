package elasticsearch

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// fakeCluster answers as an Elasticsearch or OpenSearch node does. The answers follow
// the REST API reference pages (root API, cat indices, get mapping, search with min/max
// aggregations, X-Pack info, cat plugins, get snapshot repository, nodes info) and
// responses of real nodes as published in their docs and issue threads: the 7.x/8.x
// root document with build_flavor and "You Know, for Search", OpenSearch's
// version.distribution and its tagline, 1.x's root document with "status": 200, typed
// mappings before 7.0, and the 401s of X-Pack (WWW-Authenticate: Basic realm="security",
// a security_exception body) and of the OpenSearch security plugin (realm "OpenSearch
// Security", body "Unauthorized"). Every response is written here from those shapes.
type fakeCluster struct {
	version    string // "7.10.2", "8.12.2", "2.11.0" (OpenSearch), "1.4.2"
	opensearch bool
	// users maps user to password; empty means no security plugin.
	users map[string]string
	// anonymousRoot lets anonymous requests read GET / only (an anonymous role with
	// the monitor privilege).
	anonymousRoot bool
	// anonymousRead lets anonymous requests do everything (an anonymous role with read
	// on all indices) although security is on.
	anonymousRead bool

	indices []fakeIndex

	mu   sync.Mutex
	reqs []string // "METHOD path?query body"
}

type fakeIndex struct {
	name    string
	docs    []map[string]any
	mapping map[string]any // properties
	bytes   int64
	closed  bool
}

func (f *fakeCluster) major() int {
	n, _ := strconv.Atoi(strings.SplitN(f.version, ".", 2)[0])
	return n
}

func (f *fakeCluster) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.reqs...)
}

func (f *fakeCluster) unauthorized(w http.ResponseWriter, path string) {
	if f.opensearch {
		w.Header().Set("WWW-Authenticate", `Basic realm="OpenSearch Security"`)
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, "Unauthorized")
		return
	}
	w.Header().Set("WWW-Authenticate", `Basic realm="security" charset="UTF-8"`)
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(http.StatusUnauthorized)
	reason := fmt.Sprintf("missing authentication credentials for REST request [%s]", path)
	fmt.Fprintf(w, `{"error":{"root_cause":[{"type":"security_exception","reason":%q,"header":{"WWW-Authenticate":["Basic realm=\"security\" charset=\"UTF-8\"","ApiKey"]}}],"type":"security_exception","reason":%q,"header":{"WWW-Authenticate":["Basic realm=\"security\" charset=\"UTF-8\"","ApiKey"]}},"status":401}`, reason, reason)
}

func (f *fakeCluster) forbidden(w http.ResponseWriter, path string) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(http.StatusForbidden)
	reason := fmt.Sprintf("action [indices:monitor/settings/get] is unauthorized for user [_anonymous] with roles [monitor_only] on indices [%s]", path)
	fmt.Fprintf(w, `{"error":{"root_cause":[{"type":"security_exception","reason":%q}],"type":"security_exception","reason":%q},"status":403}`, reason, reason)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	json.NewEncoder(w).Encode(v)
}

func (f *fakeCluster) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	f.mu.Lock()
	f.reqs = append(f.reqs, strings.TrimSpace(r.Method+" "+r.URL.RequestURI()+" "+string(body)))
	f.mu.Unlock()
	if f.opensearch {
		w.Header().Set("X-OpenSearch-Version", "OpenSearch/"+f.version)
	} else if f.major() >= 8 {
		w.Header().Set("X-Elastic-Product", "Elasticsearch")
	}

	path := r.URL.Path
	authed := true
	if len(f.users) > 0 {
		u, p, ok := r.BasicAuth()
		authed = ok && f.users[u] == p && p != ""
		if ok && !authed {
			f.unauthorized(w, path)
			return
		}
		if !ok && !f.anonymousRead && !(f.anonymousRoot && path == "/") {
			if f.anonymousRoot {
				f.forbidden(w, path)
			} else {
				f.unauthorized(w, path)
			}
			return
		}
	}

	q := r.URL.Query()
	switch {
	case path == "/":
		f.root(w)
	case path == "/_cat/indices":
		if f.major() < 5 && !f.opensearch {
			// 1.x ignores format=json and answers in text.
			w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
			for _, ix := range f.indices {
				fmt.Fprintf(w, "green open %s 5 1 %d 0 %d %d\n", ix.name, len(ix.docs), ix.bytes, ix.bytes)
			}
			return
		}
		var rows []map[string]string
		for _, ix := range f.indices {
			row := map[string]string{"index": ix.name, "health": "yellow", "status": "open",
				"docs.count": strconv.Itoa(len(ix.docs)), "store.size": strconv.FormatInt(ix.bytes, 10)}
			if ix.closed {
				row = map[string]string{"index": ix.name, "status": "close"}
			}
			rows = append(rows, row)
		}
		writeJSON(w, rows)
	case path == "/_stats/docs,store":
		out := map[string]any{}
		for _, ix := range f.indices {
			out[ix.name] = map[string]any{
				"primaries": map[string]any{"docs": map[string]any{"count": len(ix.docs), "deleted": 0}, "store": map[string]any{"size_in_bytes": ix.bytes}},
				"total":     map[string]any{"docs": map[string]any{"count": len(ix.docs)}, "store": map[string]any{"size_in_bytes": ix.bytes}},
			}
		}
		writeJSON(w, map[string]any{"_shards": map[string]int{"total": 10, "successful": 5, "failed": 0}, "indices": out})
	case path == "/_xpack":
		if f.opensearch || f.major() < 5 {
			w.WriteHeader(http.StatusBadRequest)
			writeJSON(w, map[string]any{"error": "no handler found for uri [/_xpack] and method [GET]"})
			return
		}
		writeJSON(w, map[string]any{"features": map[string]any{
			"security":   map[string]bool{"available": true, "enabled": len(f.users) > 0},
			"monitoring": map[string]bool{"available": true, "enabled": true},
		}})
	case path == "/_cat/plugins":
		var rows []map[string]string
		if f.opensearch && len(f.users) > 0 {
			rows = append(rows, map[string]string{"name": "node-1", "component": "opensearch-security", "version": f.version + ".0"})
		}
		rows = append(rows, map[string]string{"name": "node-1", "component": "opensearch-job-scheduler", "version": f.version + ".0"})
		writeJSON(w, rows)
	case path == "/_snapshot":
		writeJSON(w, map[string]any{"nightly": map[string]any{"type": "s3",
			"settings": map[string]string{"bucket": "corp-es-backups", "region": "eu-west-1", "access_key": testAWSKeyID, "secret_key": testAWSSecret}}})
	case path == "/_nodes/settings,os,http":
		writeJSON(w, map[string]any{"_nodes": map[string]int{"total": 1, "successful": 1, "failed": 0}, "cluster_name": "prod-logs",
			"nodes": map[string]any{"x1Nd9w": map[string]any{"name": "es-data-1", "host": "10.20.0.11", "ip": "10.20.0.11",
				"transport_address": "10.20.0.11:9300", "version": f.version,
				"settings": map[string]any{"path": map[string]any{"home": "/usr/share/elasticsearch", "data": []string{"/var/lib/elasticsearch"}, "logs": "/var/log/elasticsearch"},
					"cluster": map[string]string{"name": "prod-logs"}, "network": map[string]string{"host": "0.0.0.0"}},
				"os":   map[string]any{"name": "Linux", "pretty_name": "Ubuntu 22.04.4 LTS", "arch": "amd64"},
				"http": map[string]any{"publish_address": "10.20.0.11:9200"}}}})
	default:
		parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
		if len(parts) != 2 {
			f.notFound(w, path)
			return
		}
		ix := f.index(parts[0])
		if ix == nil {
			f.notFound(w, path)
			return
		}
		switch parts[1] {
		case "_mapping":
			f.mappingOf(w, ix)
		case "_search":
			f.search(w, r, ix, q, body)
		default:
			f.notFound(w, path)
		}
	}
}

func (f *fakeCluster) notFound(w http.ResponseWriter, path string) {
	w.WriteHeader(http.StatusNotFound)
	writeJSON(w, map[string]any{"error": map[string]string{"type": "index_not_found_exception", "reason": "no such index [" + path + "]"}, "status": 404})
}

func (f *fakeCluster) index(name string) *fakeIndex {
	for i := range f.indices {
		if f.indices[i].name == name {
			return &f.indices[i]
		}
	}
	return nil
}

func (f *fakeCluster) root(w http.ResponseWriter) {
	switch {
	case f.opensearch:
		writeJSON(w, map[string]any{"name": "os-node-1", "cluster_name": "prod-search", "cluster_uuid": "Q1w2e3r4T5y6U7i8O9p0aA",
			"version": map[string]any{"distribution": "opensearch", "number": f.version, "build_type": "tar", "build_hash": "6b1986e964d440be9137eba1413015c31c5a7752",
				"build_date": "2023-10-13T02:55:55.511945994Z", "build_snapshot": false, "lucene_version": "9.7.0",
				"minimum_wire_compatibility_version": "7.10.0", "minimum_index_compatibility_version": "7.0.0"},
			"tagline": "The OpenSearch Project: https://opensearch.org/"})
	case f.major() < 5:
		writeJSON(w, map[string]any{"status": 200, "name": "Brynocki", "cluster_name": "elasticsearch",
			"version": map[string]any{"number": f.version, "build_hash": "36a29a7144cfde87a960ba039091d40856fcb9af",
				"build_timestamp": "2015-02-11T14:23:15Z", "build_snapshot": false, "lucene_version": "4.10.3"},
			"tagline": "You Know, for Search"})
	default:
		writeJSON(w, map[string]any{"name": "es-data-1", "cluster_name": "prod-logs", "cluster_uuid": "fGJXye01S0a1jAf_66yqjw",
			"version": map[string]any{"number": f.version, "build_flavor": "default", "build_type": "deb", "build_hash": "48a287ab",
				"build_date": "2024-02-19T10:04:32.774273190Z", "build_snapshot": false, "lucene_version": "9.9.2",
				"minimum_wire_compatibility_version": "7.17.0", "minimum_index_compatibility_version": "7.0.0"},
			"tagline": "You Know, for Search"})
	}
}

func (f *fakeCluster) mappingOf(w http.ResponseWriter, ix *fakeIndex) {
	m := map[string]any{"properties": ix.mapping}
	if f.major() < 7 && !f.opensearch {
		m = map[string]any{"doc": map[string]any{"properties": ix.mapping}}
	}
	writeJSON(w, map[string]any{ix.name: map[string]any{"mappings": m}})
}

func (f *fakeCluster) search(w http.ResponseWriter, r *http.Request, ix *fakeIndex, q map[string][]string, body []byte) {
	size := 10
	if v := q["size"]; len(v) > 0 {
		size, _ = strconv.Atoi(v[0])
	}
	total := any(map[string]any{"value": len(ix.docs), "relation": "eq"})
	if f.major() < 7 && !f.opensearch {
		total = len(ix.docs)
	}
	out := map[string]any{"took": 3, "timed_out": false, "_shards": map[string]int{"total": 1, "successful": 1, "skipped": 0, "failed": 0}}
	var hits []map[string]any
	for i, d := range ix.docs {
		if i >= size {
			break
		}
		hits = append(hits, map[string]any{"_index": ix.name, "_id": fmt.Sprintf("doc-%d", i), "_score": 1.0, "_source": d})
	}
	out["hits"] = map[string]any{"total": total, "max_score": 1.0, "hits": hits}
	if len(body) > 0 {
		var req struct {
			Aggs map[string]map[string]struct {
				Field string `json:"field"`
			} `json:"aggs"`
		}
		json.Unmarshal(body, &req)
		aggs := map[string]any{}
		for name, a := range req.Aggs {
			for kind, spec := range a {
				var vals []time.Time
				for _, d := range ix.docs {
					if s, ok := d[spec.Field].(string); ok {
						if t, err := time.Parse(time.RFC3339, s); err == nil {
							vals = append(vals, t)
						}
					}
				}
				sort.Slice(vals, func(i, j int) bool { return vals[i].Before(vals[j]) })
				if len(vals) == 0 {
					aggs[name] = map[string]any{"value": nil}
					continue
				}
				v := vals[0]
				if kind == "max" {
					v = vals[len(vals)-1]
				}
				aggs[name] = map[string]any{"value": float64(v.UnixMilli()), "value_as_string": v.UTC().Format("2006-01-02T15:04:05.000Z")}
			}
		}
		out["aggregations"] = aggs
	}
	writeJSON(w, out)
}

// Synthetic values the tests expect the sample to carry.
var (
	synth                       = lab.NewSynth(4200)
	testOpenAIKey               = synth.OpenAIKey()
	testAWSKeyID, testAWSSecret = synth.AWSKeyPair()
	testEmail                   = synth.Email()
)

// seededIndices: chat logs holding a key and personal data, customers, and a system
// index that must not become a dataset.
func seededIndices() []fakeIndex {
	s := lab.NewSynth(7)
	base := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	var chat []map[string]any
	for i := range 30 {
		msg := fmt.Sprintf("user: how do I call the API?\nassistant: set the header with key %s", testOpenAIKey)
		if i%2 == 1 {
			msg = fmt.Sprintf("user: my email is %s, can you reset my password?\nassistant: I sent a link to your inbox.", s.Email())
		}
		chat = append(chat, map[string]any{
			"timestamp": base.Add(time.Duration(i) * time.Hour).Format(time.RFC3339),
			"user":      map[string]any{"email": testEmail, "id": i},
			"message":   msg,
			"model":     "gpt-4o",
		})
	}
	var customers []map[string]any
	for i := range 12 {
		customers = append(customers, map[string]any{"name": fmt.Sprintf("Customer %d", i), "email": s.Email(), "phone": s.Phone(),
			"notes": strings.Repeat("long note ", 2000)})
	}
	return []fakeIndex{
		{name: "chat-logs-2025.01", docs: chat, bytes: 1_234_567, mapping: map[string]any{
			"timestamp": map[string]string{"type": "date"},
			"user":      map[string]any{"properties": map[string]any{"email": map[string]string{"type": "keyword"}, "id": map[string]string{"type": "long"}}},
			"message":   map[string]string{"type": "text"},
			"model":     map[string]string{"type": "keyword"},
		}},
		{name: "customers", docs: customers, bytes: 98_765, mapping: map[string]any{
			"name": map[string]string{"type": "text"}, "email": map[string]string{"type": "keyword"},
			"phone": map[string]string{"type": "keyword"}, "notes": map[string]string{"type": "text"},
		}},
		{name: ".kibana_1", docs: []map[string]any{{"type": "config"}}, bytes: 5000, mapping: map[string]any{"type": map[string]string{"type": "keyword"}}},
		{name: "archive-2019", closed: true},
	}
}
