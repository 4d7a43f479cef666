package elasticsearch

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// FuzzParseRoot: any body either is a root document with a version or is refused.
func FuzzParseRoot(f *testing.F) {
	f.Add([]byte(`{"name":"n","cluster_name":"c","version":{"number":"7.2.0","lucene_version":"8.0.0"},"tagline":"You Know, for Search"}`))
	f.Add([]byte(`{"version":{"distribution":"opensearch","number":"2.11.0"},"tagline":"The OpenSearch Project: https://opensearch.org/"}`))
	f.Add([]byte(`{"couchdb":"Welcome"}`))
	f.Add([]byte(`[1,2]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ri, ok := parseRoot(b)
		if ok && (ri == nil || ri.Version.Number == "") {
			t.Fatalf("accepted %q", b)
		}
		if ok {
			_ = ri.product()
		}
	})
}

// FuzzParseMapping: mappings of any shape give at most maxFields columns, never panic.
func FuzzParseMapping(f *testing.F) {
	f.Add([]byte(`{"i":{"mappings":{"properties":{"a":{"type":"date"},"o":{"properties":{"b":{"type":"keyword"}}}}}}}`))
	f.Add([]byte(`{"i":{"mappings":{"doc":{"properties":{"a":{"type":"long"}}}}}}`))
	f.Add([]byte(`{"i":{"mappings":{}}}`))
	f.Add([]byte(`{"i":{"mappings":{"properties":{"a":{"properties":{"b":{"properties":{}}}}}}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		cols, err := parseMapping(b)
		if err == nil && len(cols) > maxFields {
			t.Fatalf("%d columns", len(cols))
		}
	})
}

// FuzzHitsToSample: documents of any shape stay within the sample's caps.
func FuzzHitsToSample(f *testing.F) {
	f.Add([]byte(`[{"_id":"1","_source":{"a":"x","b":{"c":[1,2]}}},{"_id":"2","_source":{"a":null,"d":"y"}}]`), 3, 10, 25)
	f.Add([]byte(`[{"_id":"1","_source":[1,2]}]`), 1, 1, 1)
	f.Fuzz(func(t *testing.T, b []byte, rows, rowBytes, total int) {
		if rows <= 0 || rows > 100 || rowBytes <= 0 || total <= 0 {
			return
		}
		var hits []hit
		if json.Unmarshal(b, &hits) != nil {
			return
		}
		o := probetest.Options()
		o.SampleRows, o.MaxRowBytes, o.MaxSampleBytes = rows, rowBytes, total
		smp := hitsToSample("i", hits, &o)
		if len(smp.Rows) > rows {
			t.Fatalf("%d rows", len(smp.Rows))
		}
		sum := 0
		for _, r := range smp.Rows {
			n := 0
			for _, c := range r {
				n += len(c)
			}
			if n > rowBytes {
				t.Fatalf("row of %d bytes, cap %d", n, rowBytes)
			}
			sum += n
		}
		if sum > total {
			t.Fatalf("sample of %d bytes, cap %d", sum, total)
		}
	})
}

// FuzzAuthRealm: only the security plugins' realms and error type are recognised.
func FuzzAuthRealm(f *testing.F) {
	f.Add(`Basic realm="security" charset="UTF-8"`, []byte(`{"error":{"type":"security_exception"}}`))
	f.Add(`Basic realm="Restricted"`, []byte(`nope`))
	f.Fuzz(func(t *testing.T, hdr string, body []byte) {
		h := http.Header{}
		h.Add("WWW-Authenticate", hdr)
		if p, ok := authRealm(h, body); ok && p != productES && p != productOS {
			t.Fatalf("product %q", p)
		}
	})
}
