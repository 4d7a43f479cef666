package clickhouse

import (
	"context"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestHostileLongNames: database, table and column names from system.databases,
// system.tables and system.columns were kept whole until the scan's final cut and sent
// back in the POST body of every later query (the table listing, sizes' name IN (…),
// counts, time ranges, samples), which no request-target bound covers. A name past
// probekit.MaxNameBytes is now listed cut and never queried, a Buffer's destination named past
// it is not looked up, and the real tables beside them are read as before.
func TestHostileLongNames(t *testing.T) {
	const n = 512 << 10
	longDB, longTable, longCol := strings.Repeat("d", n), strings.Repeat("t", n), strings.Repeat("c", n)
	m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
	var mu sync.Mutex
	longest, queries := 0, 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			q := strings.TrimSpace(string(body))
			mu.Lock()
			longest, queries = max(longest, len(q)), queries+1
			mu.Unlock()
			answer := ""
			switch {
			case strings.Contains(q, "FROM system.databases"):
				answer = compactAnswer([]string{longDB, "Atomic", "Atomic"}, []string{"default", "Atomic", "Atomic"}, []string{"system", "Atomic", "Atomic"})
			case strings.Contains(q, "FROM system.tables WHERE database = 'default' AND is_temporary = 0"):
				answer = compactAnswer([]string{"chat_logs", "MergeTree", "MergeTree ORDER BY ts SETTINGS index_granularity = 8192"},
					[]string{"buf", "Buffer", "Buffer('default', '" + strings.Repeat("b", 4<<10) + "', 16, 10, 100, 10000, 1000000, 10000000, 100000000)"},
					[]string{longTable, "MergeTree", "MergeTree ORDER BY tuple()"})
			case strings.Contains(q, "FROM system.parts WHERE active AND database = 'default'"):
				// The Buffer, its destination unknown, has sizes read from the parts.
				answer = compactAnswer([]string{"chat_logs", "5000000", "123456789"})
			case strings.Contains(q, "FROM system.columns WHERE database = 'default'"):
				answer = compactAnswer([]string{"chat_logs", longCol, "DateTime", ""}, []string{"chat_logs", "ts", "DateTime64(3, 'UTC')", ""},
					// cut at a rune's boundary to 1,021 bytes + "…": no longer than a real name
					[]string{"chat_logs", strings.Repeat("a", 1021) + strings.Repeat("\U0001F600", 100), "String", ""},
					[]string{"chat_logs", "body", "String", ""}, []string{longTable, "x", "String", ""})
			}
			if answer != "" {
				w.Header().Set("X-ClickHouse-Server-Display-Name", "ch-prod-1")
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
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, ep, o)
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	mu.Lock()
	t.Logf("%d queries, the longest %d bytes; err %v", queries, longest, err)
	if longest > 8<<10 {
		t.Errorf("a query of %d bytes was sent back", longest)
	}
	mu.Unlock()
	marked := map[string]bool{}
	for _, d := range res.Service.Datasets {
		if len(d.Database) > probekit.MaxNameBytes+len("…") || len(d.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("a name of %d/%d bytes kept", len(d.Database), len(d.Table))
		}
		for _, c := range d.Columns {
			if len(c.Name) > probekit.MaxNameBytes+len("…") {
				t.Errorf("%s: a column name of %d bytes kept", d.Table, len(c.Name))
			}
		}
		if d.Error == probekit.LongName {
			marked[d.Kind] = true
		}
	}
	if !marked["database"] || !marked["table"] {
		t.Errorf("long names not listed cut and marked: %v", marked)
	}
	var sampled bool
	for _, s := range res.Samples {
		if s.Table == "chat_logs" && len(s.Rows) == 2 {
			sampled = true
		}
		if len(s.Table) > probekit.MaxNameBytes+len("…") {
			t.Errorf("a table of a %d-byte name sampled", len(s.Table))
		}
	}
	if !sampled {
		t.Errorf("chat_logs not sampled as before: %+v", res.Samples)
	}
}

// compactAnswer is a JSONCompact answer of string cells.
func compactAnswer(rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`{"meta":[],"data":[`)
	for i, r := range rows {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("[")
		for j, c := range r {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString(`"` + c + `"`)
		}
		b.WriteString("]")
	}
	b.WriteString(`],"rows":` + strconv.Itoa(len(rows)) + `}`)
	return b.String()
}

// TestHostileLongEnginesAndTypes: database and table engines, their engine_full
// definitions and column types were kept whole (each up to the answer's cap) until the
// scan's final cut; they are now cut when decoded (an engine like a name, a definition
// to what is parsed of it, a type to what the final cut keeps), and the tables read the
// same: the URL table's host is still found, chat_logs still sampled.
func TestHostileLongEnginesAndTypes(t *testing.T) {
	pad := strings.Repeat("p", 512<<10)
	m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(r.Body)
			q := strings.TrimSpace(string(body))
			answer := ""
			switch {
			case strings.Contains(q, "FROM system.databases"):
				answer = compactAnswer([]string{"odd", "Atom" + pad, "Atom" + pad}, []string{"default", "Atomic", "Atomic"}, []string{"system", "Atomic", "Atomic"})
			case strings.Contains(q, "FROM system.tables WHERE database = 'default' AND is_temporary = 0"):
				answer = compactAnswer([]string{"chat_logs", "MergeTree", "MergeTree ORDER BY ts SETTINGS index_granularity = 8192"},
					[]string{"odd", "Merge" + pad, "Merge" + pad},
					[]string{"u", "URL", "URL('http://127.0.0.9:1/x', 'CSV') SETTINGS " + pad})
			case strings.Contains(q, "FROM system.parts WHERE active AND database = 'default'"):
				answer = compactAnswer([]string{"chat_logs", "5000000", "123456789"})
			case strings.Contains(q, "FROM system.columns WHERE database = 'default'"):
				answer = compactAnswer([]string{"chat_logs", "ts", "DateTime64(3, 'UTC')", ""}, []string{"chat_logs", "body", "String", ""},
					[]string{"odd", "x", "Enum8('" + pad + "' = 1)", ""}, []string{"u", "x", "Enum8('" + pad + "' = 1)", ""})
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
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := New().Probe(ctx, ep, modernOptions())
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	kept := probetest.KeptBytes(res)
	t.Logf("the result keeps %d bytes of strings (err %v)", kept, err)
	if kept > 128<<10 {
		t.Errorf("the result keeps %d bytes of strings: the server's long strings were not cut at decode", kept)
	}
	var sampled, urlHost bool
	for _, s := range res.Samples {
		if s.Table == "chat_logs" && len(s.Rows) == 2 {
			sampled = true
		}
	}
	for _, d := range res.Service.Datasets {
		if d.Table == "u" && strings.Contains(d.NotSampled, "127.0.0.9:1") {
			urlHost = true
		}
	}
	if !sampled || !urlHost {
		t.Errorf("chat_logs sampled %v, the URL table's host found %v: %+v", sampled, urlHost, res.Service.Datasets)
	}
}
