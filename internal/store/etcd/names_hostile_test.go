package etcd

import (
	"encoding/base64"
	"encoding/json"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongKeys: key names from a keys-only listing went back in the body of later
// range requests (a prefix's count, each sampled key's value), bounded only by the
// answer's size. A key past probekit.MaxNameBytes is now listed cut and its value never read, a
// prefix past it never counted, and the keys beside them are read as before.
func TestHostileLongKeys(t *testing.T) {
	long := strings.Repeat("k", 32<<10)
	keys := []string{"/app/db_password", "/" + long + "/x", "/app/" + long}
	var mu sync.Mutex
	longest, reads := 0, map[string]bool{}
	b64 := base64.StdEncoding.EncodeToString
	ep := serve(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/version":
			io.WriteString(w, `{"etcdserver":"3.5.9","etcdcluster":"3.5.0"}`)
		case "/v3/kv/range":
			body, _ := io.ReadAll(r.Body)
			var req struct {
				Key       string `json:"key"`
				KeysOnly  bool   `json:"keys_only"`
				CountOnly bool   `json:"count_only"`
			}
			_ = json.Unmarshal(body, &req)
			mu.Lock()
			longest = max(longest, len(body))
			mu.Unlock()
			k, _ := base64.StdEncoding.DecodeString(req.Key)
			switch {
			case req.CountOnly:
				io.WriteString(w, `{"count":"5"}`)
			case req.KeysOnly:
				var kvs []string
				for _, k := range keys {
					kvs = append(kvs, `{"key":"`+b64([]byte(k))+`"}`)
				}
				io.WriteString(w, `{"count":"10","more":true,"kvs":[`+strings.Join(kvs, ",")+`]}`)
			default:
				mu.Lock()
				reads[string(k)] = true
				mu.Unlock()
				io.WriteString(w, `{"count":"1","kvs":[{"key":"`+req.Key+`","value":"`+b64([]byte("hunter2"))+`"}]}`)
			}
		default:
			http.NotFound(w, r)
		}
	})
	o := shortOptions()
	o.MaxResponseBytes = 1 << 20
	o.IOTimeout = 5 * time.Second
	res, err, _ := probetest.Try(New(), ep, o, 30*time.Second)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	mu.Lock()
	t.Logf("the longest request body %d bytes; values read of %d keys", longest, len(reads))
	if longest > 2<<10 {
		t.Errorf("a request of %d bytes was sent", longest)
	}
	if !reads["/app/db_password"] {
		t.Errorf("/app/db_password not read as before: %d keys read", len(reads))
	}
	mu.Unlock()
	marked := 0
	for _, d := range res.Service.Datasets {
		if len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("a prefix of %d bytes kept", len(d.Table))
		}
		if d.Error == probekit.LongName {
			marked++
		}
	}
	for _, s := range res.Samples {
		for _, c := range s.Columns {
			if len(c) > probekit.MaxNameBytes+len("…") {
				t.Errorf("a sample column of %d bytes kept", len(c))
			}
		}
	}
	if marked != 1 {
		t.Errorf("%d prefixes listed cut and marked, want 1", marked)
	}
}
