package etcd

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestRevisionProvesReadOnly: every write to etcd (put, delete, transaction, lease
// attach) raises the store's revision and the member's mvcc write counters; full probes
// of the open and the protected member must move neither.
func TestRevisionProvesReadOnly(t *testing.T) {
	for _, tc := range []struct {
		name  string
		creds []store.Credential
		open  bool
	}{{"open", nil, true}, {"protected", []store.Credential{{Username: "root", Password: labtest.EtcdRootPassword}}, false}} {
		t.Run(tc.name, func(t *testing.T) {
			e := labtest.EtcdOpen(t)
			if !tc.open {
				e = labtest.EtcdProtected(t)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			state := func() (string, map[string]string) {
				tok, err := e.AdminToken(ctx)
				if err != nil {
					t.Fatal(err)
				}
				var out struct {
					Header struct {
						Revision string `json:"revision"`
					} `json:"header"`
				}
				if err := e.Call(ctx, tok, "/v3/kv/range", map[string]any{"key": "AA==", "count_only": true}, &out); err != nil {
					t.Fatal(err)
				}
				return out.Header.Revision, mvccCounters(t, ctx, "http://"+e.Addr()+"/metrics")
			}
			rev0, m0 := state()
			var paths []string
			p := New()
			p.sent = func(path string) { paths = append(paths, path) }
			o := store.DefaultOptions()
			o.Credentials = tc.creds
			res, err := p.Probe(ctx, probetest.At(e.Host, e.ClientPort), &o)
			if err != nil || len(res.Samples) == 0 {
				t.Fatalf("probe: %v", err)
			}
			rev1, m1 := state()
			if rev0 == "" || rev0 != rev1 {
				t.Fatalf("revision moved from %s to %s", rev0, rev1)
			}
			for k, v := range m0 {
				if m1[k] != v {
					t.Fatalf("%s moved from %s to %s", k, v, m1[k])
				}
			}
			for _, path := range paths {
				if !readOnlyPaths[path] {
					t.Fatalf("called %s", path)
				}
			}
			t.Logf("%d API calls; revision %s and %v unchanged", len(paths), rev1, m1)
		})
	}
}

// mvccCounters reads the member's write counters from its Prometheus metrics.
func mvccCounters(t *testing.T, ctx context.Context, url string) map[string]string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 2 && (f[0] == "etcd_mvcc_put_total" || f[0] == "etcd_mvcc_delete_total" || f[0] == "etcd_mvcc_txn_total") {
			out[f[0]] = f[1]
		}
	}
	if len(out) != 3 {
		t.Fatalf("mvcc counters not found in /metrics: %v", out)
	}
	return out
}
