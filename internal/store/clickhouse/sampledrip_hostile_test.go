package clickhouse

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// TestHostileDrippingSampleRow: a server that answers a sample query with its headers
// and then drips one row's JSON a byte every 100 ms (each read well within the per-read
// timeout) holds the probe only until the inventory's deadline, and the table is still
// listed.
func TestHostileDrippingSampleRow(t *testing.T) {
	m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			q := strings.TrimSpace(string(body))
			answer := ""
			switch {
			case strings.Contains(q, "FROM system.databases"):
				answer = compactAnswer([]string{"default", "Atomic", "Atomic"}, []string{"system", "Atomic", "Atomic"})
			case strings.Contains(q, "FROM system.tables WHERE database = 'default' AND is_temporary = 0"):
				answer = compactAnswer([]string{"logins", "MergeTree", "MergeTree ORDER BY tuple()"})
			case strings.Contains(q, "toString(total_rows)") && strings.Contains(q, "'logins'"),
				strings.Contains(q, "FROM system.parts WHERE active AND database = 'default'"):
				answer = compactAnswer([]string{"logins", "1", "1000"})
			case strings.Contains(q, "FROM system.columns WHERE database = 'default'"):
				answer = compactAnswer([]string{"logins", "note", "String", ""})
			case strings.Contains(q, "FROM `default`.`logins`") && strings.HasSuffix(q, "FORMAT JSONEachRow"):
				w.Header().Set("X-ClickHouse-Format", "JSONEachRow")
				io.WriteString(w, `{"c0":"`)
				for r.Context().Err() == nil {
					w.(http.Flusher).Flush()
					time.Sleep(100 * time.Millisecond)
					if _, err := io.WriteString(w, "x"); err != nil {
						return
					}
				}
				return
			}
			if answer != "" {
				w.Header().Set("X-ClickHouse-Format", "JSONCompact")
				io.WriteString(w, answer)
				return
			}
			r.Body = io.NopCloser(strings.NewReader(q))
		}
		m.ServeHTTP(w, r)
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
	o := modernOptions()
	o.IOTimeout = 2 * time.Second
	o.InventoryTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	res, err := New().Probe(ctx, ep, o)
	took := time.Since(start)
	t.Logf("probe: %v, err %v", took, err)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	if took > 10*time.Second {
		t.Errorf("the dripping row held the probe %v, past its %v inventory deadline", took, o.InventoryTimeout)
	}
	listed := false
	for _, d := range res.Service.Datasets {
		listed = listed || d.Table == "logins"
	}
	if !listed {
		t.Errorf("logins not listed: %+v", res.Service.Datasets)
	}
}
