package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// No ClickHouse newer than 18.16 can run here, so the modern dialect (20.x+) is covered
// by a server that replays recorded answers of a 23.8 server. The answers are built from
// ClickHouse's documentation and sources as read for this project: the HTTP interface
// page (X-ClickHouse-* headers, /ping), src/Server/HTTP/exceptionCodeToHTTPStatus.cpp
// (516 → 403, 194 → 401), getExceptionMessage's "Code: N. DB::Exception: … (NAME)
// (version …)" text, system.tables' total_rows/total_bytes, system.users and SHOW GRANTS.
type modernServer struct {
	password        string // the default user's; "" = open
	readonlyProfile int    // the default user's profile readonly level
	grants          string

	mu       sync.Mutex
	requests []string // "query | settings"
}

const modernVersion = "23.8.2.7"

func (m *modernServer) fail(w http.ResponseWriter, status, code int, name, msg string) {
	w.Header().Set("X-ClickHouse-Exception-Code", fmt.Sprint(code))
	w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "Code: %d. DB::Exception: %s. (%s) (version %s (official build))\n", code, msg, name, modernVersion)
}

func (m *modernServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-ClickHouse-Server-Display-Name", "ch-prod-1")
	if r.URL.Path == "/ping" {
		io.WriteString(w, "Ok.\n")
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	q := strings.TrimSpace(string(body))
	settings := r.URL.Query()
	m.mu.Lock()
	// Settings in the order the client sent them (not map order), so the setting the
	// server refuses first is the same in every run.
	var names []string
	for _, kv := range strings.Split(r.URL.RawQuery, "&") {
		k, _, _ := strings.Cut(kv, "=")
		if k, err := url.QueryUnescape(k); err == nil && k != "" && k != "query_id" && !slices.Contains(names, k) {
			names = append(names, k)
		}
	}
	m.requests = append(m.requests, q+" | "+strings.Join(names, ","))
	m.mu.Unlock()

	user, pass, ok := r.BasicAuth()
	if !ok {
		user, pass = "default", ""
	}
	if user != "default" || pass != m.password {
		if m.password != "" && pass == "" && user == "default" {
			m.fail(w, http.StatusUnauthorized, 194, "REQUIRED_PASSWORD", "Password required for user default")
			return
		}
		m.fail(w, http.StatusForbidden, 516, "AUTHENTICATION_FAILED", user+": Authentication failed: password is incorrect, or there is no user with such name")
		return
	}
	if m.readonlyProfile == 1 {
		for _, n := range names {
			m.fail(w, http.StatusInternalServerError, 164, "READONLY", "Cannot modify '"+n+"' setting in readonly mode")
			return
		}
	}
	w.Header().Set("X-ClickHouse-Query-Id", settings.Get("query_id"))
	w.Header().Set("X-ClickHouse-Timezone", "UTC")
	w.Header().Set("X-ClickHouse-Format", "JSONCompact")
	w.Header().Set("X-ClickHouse-Summary", `{"read_rows":"1","read_bytes":"1","written_rows":"0","written_bytes":"0","total_rows_to_read":"0","result_rows":"1","result_bytes":"1"}`)
	compact := func(rows ...[]any) {
		var parts []string
		for _, r := range rows {
			var cells []string
			for _, c := range r {
				if c == nil {
					cells = append(cells, "null")
				} else {
					cells = append(cells, fmt.Sprintf("%q", c))
				}
			}
			parts = append(parts, "["+strings.Join(cells, ",")+"]")
		}
		fmt.Fprintf(w, "{\n\t\"meta\": [],\n\t\"data\":\n\t[\n\t\t%s\n\t],\n\t\"rows\": %d,\n\t\"statistics\": {\"elapsed\": 0.0001, \"rows_read\": 1, \"bytes_read\": 1}\n}\n",
			strings.Join(parts, ",\n\t\t"), len(rows))
	}
	switch {
	case strings.HasPrefix(q, "SELECT version(), timezone()"):
		compact([]any{modernVersion, "UTC", "86400", "ch-prod-1.internal"})
	case strings.Contains(q, "FROM system.tables WHERE database = 'system'"):
		var rows [][]any
		for _, n := range []string{"columns", "databases", "grants", "parts", "query_log", "roles", "settings", "table_functions", "tables", "users"} {
			rows = append(rows, []any{n})
		}
		compact(rows...)
	case strings.Contains(q, "table IN ('tables', 'databases') AND name IN"):
		compact([]any{"tables", "total_rows"}, []any{"tables", "total_bytes"}, []any{"tables", "engine"}, []any{"tables", "engine_full"},
			[]any{"databases", "engine"}, []any{"databases", "engine_full"})
	case strings.Contains(q, "FROM system.databases"):
		compact([]any{"INFORMATION_SCHEMA", "Memory", ""}, []any{"default", "Atomic", "Atomic"},
			[]any{"information_schema", "Memory", ""}, []any{"system", "Atomic", "Atomic"})
	case strings.Contains(q, "FROM system.tables WHERE database = 'default' AND is_temporary = 0"):
		compact([]any{"chat_logs", "MergeTree", "MergeTree ORDER BY ts SETTINGS index_granularity = 8192"},
			[]any{"queue", "Kafka", "Kafka SETTINGS kafka_broker_list = 'kafka-1.internal:9092', kafka_topic_list = 'chat', kafka_group_name = 'ch', kafka_format = 'JSONEachRow'"},
			[]any{"v_errors", "View", ""})
	case strings.Contains(q, "FROM system.tables WHERE database = 'default' AND name IN"):
		compact([]any{"chat_logs", "5000000", "123456789"})
	case strings.Contains(q, "FROM system.columns WHERE database = 'default'"):
		compact([]any{"chat_logs", "ts", "DateTime64(3, 'UTC')"}, []any{"chat_logs", "body", "String"},
			[]any{"queue", "msg", "String"}, []any{"v_errors", "body", "String"})
	case strings.HasPrefix(q, "SELECT toString(min(`ts`))"):
		compact([]any{"2024-01-01 00:00:00.000", "2024-06-30 23:59:59.999"})
	case strings.Contains(q, "FROM system.settings"):
		compact([]any{"allow_ddl", "1"}, []any{"readonly", "0"})
	case strings.HasPrefix(q, "SHOW GRANTS"):
		compact([]any{m.grants})
	case strings.Contains(q, "FROM system.table_functions"):
		compact([]any{"executable"}, []any{"file"}, []any{"numbers"}, []any{"remote"}, []any{"s3"}, []any{"url"})
	case strings.Contains(q, "FROM system.users"):
		compact([]any{"default"}, []any{"etl"})
	case strings.HasPrefix(q, "SELECT `ts` AS c0, substring(`body`, 1,") && strings.HasSuffix(q, "FORMAT JSONEachRow"):
		w.Header().Set("X-ClickHouse-Format", "JSONEachRow")
		io.WriteString(w, `{"c0":"2024-01-01 00:00:00.000","c1":"{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"}`+"\n")
		io.WriteString(w, `{"c0":"2024-01-01 00:00:01.000","c1":"key sk-0123456789abcdef0123456789abcdef"}`+"\n")
	default:
		m.fail(w, http.StatusNotFound, 62, "SYNTAX_ERROR", "Syntax error: unexpected query "+q)
	}
}

func startModern(t *testing.T, m *modernServer) store.Endpoint {
	t.Helper()
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

func modernOptions() *store.Options {
	o := store.DefaultOptions()
	o.SampleRows = 5
	o.IOTimeout = 3 * time.Second
	return &o
}

func TestModernOpenServer(t *testing.T) {
	m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
	ep := startModern(t, m)
	res, err := New().Probe(context.Background(), ep, modernOptions())
	if err != nil {
		t.Fatal(err)
	}
	svc := res.Service
	if svc.Protocol != ProtoHTTP || svc.Auth != finding.AuthNone || svc.Version != modernVersion ||
		svc.Details["display_name"] != "ch-prod-1" || svc.Details["hostname"] != "ch-prod-1.internal" {
		t.Fatalf("service = %+v", svc)
	}
	if len(svc.Datasets) != 3 {
		t.Fatalf("datasets = %+v", svc.Datasets)
	}
	cl := probetest.Dataset(svc, "default", "chat_logs")
	if cl == nil || cl.Rows != 5000000 || cl.Bytes != 123456789 || cl.TimeRange == nil ||
		cl.TimeRange.Column != "ts" || cl.TimeRange.Min != "2024-01-01 00:00:00.000" || cl.Sampled != 2 {
		t.Fatalf("chat_logs = %+v", cl)
	}
	if len(res.Samples) != 1 || res.Samples[0].Rows[0][1] != `{"messages":[{"role":"user","content":"hi"}]}` {
		t.Fatalf("samples = %+v", res.Samples)
	}
	for _, rule := range []string{"clickhouse-write-access", "clickhouse-table-functions", "clickhouse-user-list", "clickhouse-admin-grants", "clickhouse-known-vulnerabilities"} {
		if probetest.Finding(res.Findings, rule) == nil {
			t.Errorf("no %s finding", rule)
		}
	}
	if cv := probetest.Finding(res.Findings, "clickhouse-known-vulnerabilities"); cv == nil || !strings.Contains(cv.Detail, "CVE-2023-47118") || strings.Contains(cv.Detail, "CVE-2021-43304") {
		t.Fatalf("CVE finding = %+v", cv)
	}
	// The modern server gave total_rows: no system.parts query; a Kafka table and a
	// view are listed but never read (reading Kafka would consume its messages).
	for _, r := range m.requests {
		if strings.Contains(r, "system.parts") || strings.Contains(r, "`queue`") || strings.Contains(r, "`v_errors`") {
			t.Errorf("unexpected query %q", r)
		}
		if !strings.Contains(r, "readonly") || !strings.Contains(r, "max_result_rows") {
			t.Errorf("query sent without readonly and limits: %q", r)
		}
	}
}

func TestModernAuthentication(t *testing.T) {
	m := &modernServer{password: "s3cret", grants: "GRANT SELECT ON default.* TO default"}
	ep := startModern(t, m)
	o := modernOptions()
	res, err := New().Probe(context.Background(), ep, o)
	if err != nil || res.Service.Auth != finding.AuthRequired || res.Service.Status != finding.StatusAuthRequired || len(res.Service.Datasets) != 0 {
		t.Fatalf("protected modern server: %+v, %v", res, err)
	}
	o.Credentials = []store.Credential{{Username: "default", Password: "s3cret"}}
	res, err = New().Probe(context.Background(), ep, o)
	if err != nil || res.Service.Auth != finding.AuthCredentials || len(res.Service.Datasets) != 3 {
		t.Fatalf("with credentials: %+v, %v", res, err)
	}
	// SELECT-only grants: not writable, and no table function is usable.
	if probetest.Finding(res.Findings, "clickhouse-write-access") != nil || probetest.Finding(res.Findings, "clickhouse-table-functions") != nil {
		t.Fatalf("SELECT-only grants reported as more: %+v", res.Findings)
	}
}

func TestModernReadonlyProfileRetry(t *testing.T) {
	m := &modernServer{readonlyProfile: 1, grants: "GRANT SELECT ON *.* TO default"}
	ep := startModern(t, m)
	res, err := New().Probe(context.Background(), ep, modernOptions())
	if err != nil || res.Service.Auth != finding.AuthNone || len(res.Service.Datasets) != 3 {
		t.Fatalf("readonly modern server: %+v, %v", res, err)
	}
	if probetest.Finding(res.Findings, "clickhouse-readonly") == nil {
		t.Fatalf("no read-only finding: %+v", res.Findings)
	}
	// First with every setting, then with readonly only, then with none; never again
	// with settings once the server said no.
	if len(m.requests) < 3 || !strings.Contains(m.requests[0], "max_result_rows") ||
		m.requests[1] != strings.SplitN(m.requests[0], " | ", 2)[0]+" | readonly" || strings.HasSuffix(m.requests[2], "readonly") {
		t.Fatalf("retry sequence: %q", m.requests[:min(3, len(m.requests))])
	}
	for _, r := range m.requests[3:] {
		if !strings.HasSuffix(r, " | ") {
			t.Fatalf("settings sent after the server refused them: %q", r)
		}
	}
}

// TestNotClickHouseHTTP: HTTP servers that are not ClickHouse — MinIO on 9000, a web
// server that answers "Ok." to everything — must not be claimed.
func TestNotClickHouseHTTP(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"minio": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Server", "MinIO")
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>`)
		},
		"ok to everything": func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "Ok.\n") },
		"json api": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"data":[["1.2.3","x","y"]]}`)
		},
		"404": http.NotFound,
	} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(h)
			defer srv.Close()
			ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
			t0 := time.Now()
			res, err := New().Probe(context.Background(), store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}, modernOptions())
			if !errors.Is(err, store.ErrNoMatch) || res != nil {
				t.Fatalf("Probe = %+v, %v; want ErrNoMatch", res, err)
			}
			if d := time.Since(t0); d > 2500*time.Millisecond {
				t.Fatalf("took %v to decide", d)
			}
		})
	}
}

// TestDialIsUsed: every connection goes through opts.Dial.
func TestDialIsUsed(t *testing.T) {
	m := &modernServer{grants: "GRANT SELECT ON *.* TO default"}
	ep := startModern(t, m)
	o := modernOptions()
	var mu sync.Mutex
	dials := 0
	o.Dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
		mu.Lock()
		dials++
		mu.Unlock()
		if addr != ep.Address() {
			return nil, fmt.Errorf("dial to %s outside the endpoint", addr)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	if _, err := New().Probe(context.Background(), ep, o); err != nil {
		t.Fatal(err)
	}
	if dials == 0 {
		t.Fatal("opts.Dial never called")
	}
	o.Dial = func(context.Context, string, string) (net.Conn, error) { return nil, errors.New("out of scope") }
	if res, err := New().Probe(context.Background(), ep, o); err == nil || res != nil {
		t.Fatalf("probe without a working dialer succeeded: %+v", res)
	}
}

// TestHostileRowFlood: a server that answers every inventory query with 8 MiB of rows,
// whatever max_result_rows and LIMIT asked for. JSONCompact answers were decoded whole
// (127,000 rows of 16 cells; 2.8 million empty rows cost 502 MiB): 481 MiB allocated for
// each answer, 5 answers read before the 20 s inventory time ran out; they are now read
// a row at a time up to the rows the query asked for (the column listing asks for
// 40,000): 83 MiB each, 24 answers in the same time (one run each).
func TestHostileRowFlood(t *testing.T) {
	m := &modernServer{grants: "GRANT ALL ON *.* TO default WITH GRANT OPTION"}
	row := `["` + strings.Repeat(`x","`, 15) + `x"]`
	flood := `{"meta":[],"data":[` + strings.Repeat(row+",", (8<<20-4096)/(len(row)+1)) + row + `]}`
	var floods atomic.Int64
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
			q := string(body)
			if !strings.HasPrefix(q, "SELECT version()") && strings.HasSuffix(strings.TrimSpace(q), "FORMAT JSONCompact") {
				floods.Add(1)
				w.Header().Set("X-ClickHouse-Server-Display-Name", "ch-prod-1")
				w.Header().Set("X-ClickHouse-Format", "JSONCompact")
				io.WriteString(w, flood)
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
	o.InventoryTimeout = 20 * time.Second
	var res *store.Result
	var err error
	allocated := probetest.Allocated(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		res, err = New().Probe(ctx, ep, o)
	})
	if res == nil {
		t.Fatalf("no result: %v", err)
	}
	n := uint64(max(floods.Load(), 1))
	t.Logf("allocated %d MiB for %d flooded answers, %d datasets, err %v", allocated>>20, n, len(res.Service.Datasets), err)
	if res.Service.Version != modernVersion {
		t.Errorf("version %q", res.Service.Version)
	}
	// Each answer is read whole (8 MiB, in a buffer that grows to hold it): what it
	// may cost beyond that is what the query asked for.
	if allocated/n > 160<<20 {
		t.Fatalf("the probe allocated %d MiB for each 8 MiB answer", allocated/n>>20)
	}
}
