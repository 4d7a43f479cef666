package clickhouse

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// recordedServer is a 23.x–25.x ClickHouse HTTP interface replaying the responses of
// testdata/recorded (see its README for the source of each shape) and JSONCompact rows.
// Only the test's functions decide the answers; what it does not know is a syntax error.
// These tests speak to the prober only through Probe and Client, so they run against
// older code too.
type recordedServer struct {
	t       *testing.T
	version string
	answer  func(q string, settings url.Values) (status int, body string, ok bool)

	mu       sync.Mutex
	requests []recordedRequest
}

type recordedRequest struct {
	query    string
	settings url.Values
}

func recorded(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "recorded", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// compactRows renders rows as the JSONCompact a server sends.
func compactRows(rows ...[]string) string {
	var parts []string
	for _, r := range rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, fmt.Sprintf("%q", c))
		}
		parts = append(parts, "["+strings.Join(cells, ",")+"]")
	}
	return fmt.Sprintf("{\n\t\"meta\": [],\n\t\"data\":\n\t[\n\t\t%s\n\t],\n\t\"rows\": %d\n}\n", strings.Join(parts, ",\n\t\t"), len(rows))
}

func exceptionText(code int, name, msg, version string) string {
	return fmt.Sprintf("Code: %d. DB::Exception: %s. (%s) (version %s (official build))\n", code, msg, name, version)
}

func (m *recordedServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ping" {
		io.WriteString(w, "Ok.\n")
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	q := strings.TrimSuffix(strings.TrimSpace(string(body)), " FORMAT JSONCompact")
	m.mu.Lock()
	m.requests = append(m.requests, recordedRequest{query: q, settings: r.URL.Query()})
	m.mu.Unlock()
	w.Header().Set("X-ClickHouse-Server-Display-Name", "ch-prod-1")
	w.Header().Set("X-ClickHouse-Timezone", "UTC")
	if status, out, ok := m.answer(q, r.URL.Query()); ok {
		if status != http.StatusOK {
			if code := strings.TrimPrefix(strings.SplitN(out, ".", 2)[0], "Code: "); code != "" {
				w.Header().Set("X-ClickHouse-Exception-Code", code)
			}
		}
		w.WriteHeader(status)
		io.WriteString(w, out)
		return
	}
	if status, out, ok := m.common(q); ok {
		w.WriteHeader(status)
		io.WriteString(w, out)
		return
	}
	w.Header().Set("X-ClickHouse-Exception-Code", "62")
	w.WriteHeader(http.StatusBadRequest)
	io.WriteString(w, exceptionText(62, "SYNTAX_ERROR", "Syntax error: unexpected query "+q, m.version))
}

// common answers the queries every scan sends, as a server with one local database
// holding one MergeTree table.
func (m *recordedServer) common(q string) (int, string, bool) {
	switch {
	case strings.HasPrefix(q, "SELECT version(), timezone()"):
		return 200, compactRows([]string{m.version, "UTC", "86400", "ch-prod-1.internal"}), true
	case strings.Contains(q, "FROM system.tables WHERE database = 'system'"):
		var rows [][]string
		for _, n := range []string{"columns", "databases", "grants", "parts", "query_log", "roles", "settings", "table_functions", "tables", "users"} {
			rows = append(rows, []string{n})
		}
		return 200, compactRows(rows...), true
	case strings.Contains(q, "table IN ('tables', 'databases') AND name IN"):
		return 200, compactRows([]string{"tables", "total_rows"}, []string{"tables", "total_bytes"}, []string{"tables", "engine"},
			[]string{"tables", "engine_full"}, []string{"databases", "engine"}, []string{"databases", "engine_full"}), true
	case strings.Contains(q, "table = 'tables' AND name IN ('total_rows', 'total_bytes')"):
		return 200, compactRows([]string{"total_rows"}, []string{"total_bytes"}), true
	case strings.HasPrefix(q, "SELECT name FROM system.databases"):
		return 200, compactRows([]string{"app"}, []string{"system"}), true
	case strings.Contains(q, "FROM system.databases"):
		return 200, compactRows([]string{"app", "Atomic", "Atomic"}, []string{"system", "Atomic", "Atomic"}), true
	case strings.Contains(q, "FROM system.tables WHERE database = 'app' AND is_temporary = 0"):
		return 200, compactRows([]string{"events", "MergeTree", "MergeTree ORDER BY ts"}), true
	case strings.Contains(q, "FROM system.tables WHERE database = 'app' AND name IN"):
		return 200, compactRows([]string{"events", "1000", "65536"}), true
	case strings.Contains(q, "FROM system.tables WHERE database IN ('app')"):
		return 200, compactRows([]string{"app", "events", "MergeTree", "1000", "65536"}), true
	case strings.Contains(q, "FROM system.columns WHERE database = 'app'"):
		return 200, compactRows([]string{"events", "ts", "DateTime"}, []string{"events", "body", "String"}), true
	case strings.Contains(q, "FROM system.columns WHERE database IN ('app')"):
		return 200, compactRows([]string{"app", "events", "ts", "DateTime"}, []string{"app", "events", "body", "String"}), true
	case strings.HasPrefix(q, "SELECT toString(min(`ts`))"):
		return 200, compactRows([]string{"2025-01-06 00:00:00", "2025-02-01 00:00:00"}), true
	case strings.HasSuffix(q, "FORMAT JSONEachRow"):
		return 200, `{"c0":"2025-01-06 00:00:00","c1":"hello"}` + "\n", true
	case strings.Contains(q, "FROM system.settings"):
		return 200, compactRows([]string{"allow_ddl", "1"}, []string{"readonly", "0"}), true
	case strings.Contains(q, "FROM system.table_functions"):
		return 200, compactRows([]string{"file"}, []string{"mongodb"}, []string{"numbers"}, []string{"s3"}, []string{"url"}), true
	case strings.Contains(q, "FROM system.users"):
		return 200, compactRows([]string{"default"}), true
	}
	return 0, "", false
}

func (m *recordedServer) start(t *testing.T) store.Endpoint {
	t.Helper()
	srv := httptest.NewServer(m)
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

func grantRows(t *testing.T, name string) string {
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(recorded(t, filepath.Join("grants", name))), "\n") {
		rows = append(rows, []string{l})
	}
	return compactRows(rows...)
}

func findingByRule(fs []finding.Finding, rule string) *finding.Finding {
	for i := range fs {
		if fs[i].Rule == rule {
			return &fs[i]
		}
	}
	return nil
}

// TestRecordedRemoteDatabaseEngines (issue 16 row 1): a database with the MySQL engine
// fetches its table list from the remote server whenever system.tables or
// system.columns look into it (DatabaseMySQL::fetchTablesIntoLocalCache), and a dead
// remote fails the query. The server below counts such looks and fails them; one more
// database fails on its own. The scan must list the others, say where the remote ones
// reach, and never look into them.
func TestRecordedRemoteDatabaseEngines(t *testing.T) {
	var remoteLooks int
	m := &recordedServer{t: t, version: "24.8.4.13"}
	m.answer = func(q string, _ url.Values) (int, string, bool) {
		inspects := strings.Contains(q, "FROM system.tables") || strings.Contains(q, "FROM system.columns") || strings.Contains(q, "FROM system.parts")
		scoped := strings.Contains(q, "database = 'app'") || strings.Contains(q, "database = 'broken'") || strings.Contains(q, "database = 'system'")
		switch {
		case strings.Contains(q, "FROM system.databases"):
			return 200, compactRows([]string{"app", "Atomic", "Atomic"},
				[]string{"broken", "Atomic", "Atomic"},
				[]string{"crm", "MySQL", "MySQL('10.20.0.5:3306', 'crm', 'app', '[HIDDEN]')"},
				[]string{"lake", "DataLakeCatalog", "DataLakeCatalog('http://catalog.internal:8181/v1', 'admin', '[HIDDEN]') SETTINGS catalog_type = 'rest'"},
				[]string{"system", "Atomic", "Atomic"}), true
		case inspects && (!scoped || strings.Contains(q, "'crm'") || strings.Contains(q, "'lake'")):
			remoteLooks++
			return 500, exceptionText(1000, "POCO_EXCEPTION", "Poco::Exception. Code: 1000, e.code() = 111, Connection refused (10.20.0.5:3306)", "24.8.4.13"), true
		case inspects && strings.Contains(q, "database = 'broken'"):
			return 500, exceptionText(81, "UNKNOWN_DATABASE", "Database broken does not exist", "24.8.4.13"), true
		}
		return 0, "", false
	}
	ep := m.start(t)
	res, err := New().Probe(context.Background(), ep, modernOptions())
	if remoteLooks != 0 {
		t.Fatalf("the scan looked into remote databases %d times (each a connection to 10.20.0.5 on a real server)", remoteLooks)
	}
	if err != nil || res == nil {
		t.Fatalf("probe: %v", err)
	}
	svc := res.Service
	if ds := probetest.Dataset(svc, "app", "events"); ds == nil || ds.Rows != 1000 || ds.Sampled != 1 {
		t.Fatalf("app.events: %+v (datasets %+v)", ds, svc.Datasets)
	}
	if nl := svc.Details["databases_not_listed"]; !strings.Contains(nl, "crm (MySQL): not listed: reaches another host 10.20.0.5:3306") ||
		!strings.Contains(nl, "lake (DataLakeCatalog): not listed: reaches another host catalog.internal:8181") {
		t.Fatalf("databases_not_listed = %q", nl)
	}
	if !strings.Contains(svc.Details["databases_unreadable"], "broken") || svc.Details["databases"] != "4" {
		t.Fatalf("details = %v", svc.Details)
	}
	if f := findingByRule(res.Findings, "clickhouse-remote-sources"); f == nil || !strings.Contains(f.Evidence, "database crm (MySQL) → 10.20.0.5:3306") {
		t.Fatalf("remote sources finding: %+v", f)
	}
}

// TestRecordedVendorVersion (row 2): Altinity's stable builds answer version() with a
// flavour suffix; they are ClickHouse, and their CVEs are judged on the numbers.
func TestRecordedVendorVersion(t *testing.T) {
	for _, v := range []string{"25.3.12.10001.altinitystable", "24.3.5.47.altinitystable", "23.8.16.42.altinitystable"} {
		t.Run(v, func(t *testing.T) {
			m := &recordedServer{t: t, version: v, answer: func(string, url.Values) (int, string, bool) { return 0, "", false }}
			res, err := New().Probe(context.Background(), m.start(t), modernOptions())
			if err != nil || res == nil || res.Service.Version != v || res.Service.Auth != finding.AuthNone {
				t.Fatalf("probe: %+v, %v", res, err)
			}
			cve := findingByRule(res.Findings, "clickhouse-known-vulnerabilities")
			switch v {
			case "23.8.16.42.altinitystable": // after 23.8.15.35, which fixed CVE-2024-6873
				if cve != nil && strings.Contains(cve.Detail, "CVE-2024-6873") {
					t.Errorf("23.8.16 reported with a CVE fixed in 23.8.15.35: %s", cve.Detail)
				}
			case "24.3.5.47.altinitystable":
				if cve == nil || !strings.Contains(cve.Detail, "CVE-2025-1385") {
					t.Errorf("24.3.5 without CVE-2025-1385 (fixed in 24.3.18.6): %+v", cve)
				}
			}
		})
	}
}

// TestRecordedSettingConstraints (row 3): a profile with <constraints> answers 452 to
// the settings it pins, for readonly=0 users too. The scan drops each refused setting
// once and keeps the others, readonly=1 above all.
func TestRecordedSettingConstraints(t *testing.T) {
	m := &recordedServer{t: t, version: "24.8.4.13"}
	m.answer = func(_ string, s url.Values) (int, string, bool) {
		if n, err := strconv.Atoi(s.Get("max_execution_time")); err == nil && n > 5 {
			return 500, recorded(t, "error-452-max.txt"), true
		}
		if s.Has("result_overflow_mode") {
			return 500, recorded(t, "error-452-const.txt"), true
		}
		return 0, "", false
	}
	o := modernOptions()
	o.IOTimeout = 10 * time.Second // queries ask for max_execution_time=10, above the profile's 5
	res, err := New().Probe(context.Background(), m.start(t), o)
	if err != nil || res == nil || res.Service.Auth != finding.AuthNone || probetest.Dataset(res.Service, "app", "events") == nil {
		t.Fatalf("probe of a server with settings constraints: %+v, %v", res, err)
	}
	last := m.requests[len(m.requests)-1].settings
	if last.Get("readonly") != "1" || last.Get("max_result_rows") == "" || last.Has("max_execution_time") || last.Has("result_overflow_mode") {
		t.Fatalf("settings after the refusals: %v", last)
	}
	// The constraints pin limits, not readonly: the profile still lets this user write.
	if w := findingByRule(res.Findings, "clickhouse-write-access"); w == nil || !strings.HasPrefix(w.Evidence, "readonly=0") {
		t.Fatalf("write access of a readonly=0 profile: %+v", w)
	}
}

// TestRecordedExceptionsInOutput (row 4): a query failing after its response began
// reports the error inside the output — an "exception" member of the JSON document, a
// {"exception": …} object in JSONEachRow, or the 25.11 __exception__ block after which
// the server breaks the HTTP framing. Neither becomes data.
func TestRecordedExceptionsInOutput(t *testing.T) {
	for _, tc := range []struct {
		name, file string
		broken     bool // the server cuts the chunked body after the block
		code       int
	}{
		{"JSONCompact exception member (23.8)", "jsoncompact-exception-23.8.json", false, 159},
		{"JSONCompact __exception__ block (25.11)", "jsoncompact-exception-block-25.11.txt", true, 159},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-ClickHouse-Exception-Tag", "QX7TAG0001")
				body := recorded(t, tc.file)
				if !tc.broken {
					io.WriteString(w, body)
					return
				}
				// Send the block in a chunk, then end the connection without the final chunk.
				conn, bw, err := w.(http.Hijacker).Hijack()
				if err != nil {
					t.Error(err)
					return
				}
				defer conn.Close()
				fmt.Fprintf(bw, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-ClickHouse-Exception-Tag: QX7TAG0001\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(body), body)
				bw.Flush()
			}))
			defer srv.Close()
			ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
			c := NewClient(store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}, false, nil, modernOptions())
			defer c.Close()
			rows, err := c.Rows(context.Background(), "SELECT name FROM system.databases", 10)
			var se *ServerError
			if !errorsAs(err, &se) || se.Code != tc.code {
				t.Fatalf("rows %q, err %v; want the server's code %d", rows, err, tc.code)
			}
		})
	}
	for _, tc := range []struct{ name, file, tag string }{
		{"JSONEachRow exception row (23.8)", "jsoneachrow-exception-23.8.txt", ""},
		{"JSONEachRow __exception__ block (25.11)", "jsoneachrow-exception-block-25.11.txt", "PU1FNUFH98"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &recordedServer{t: t, version: "24.8.4.13"}
			m.answer = func(q string, _ url.Values) (int, string, bool) {
				if strings.HasSuffix(q, "FORMAT JSONEachRow") {
					return 200, recorded(t, tc.file), true
				}
				return 0, "", false
			}
			res, err := New().Probe(context.Background(), m.start(t), modernOptions())
			if err != nil || res == nil {
				t.Fatalf("probe: %v", err)
			}
			ds := probetest.Dataset(res.Service, "app", "events")
			if ds == nil || ds.Sampled != 1 || !strings.Contains(ds.Error, "code") {
				t.Fatalf("app.events: %+v", ds)
			}
			for _, s := range res.Samples {
				for _, row := range s.Rows {
					for _, cell := range row {
						if strings.Contains(cell, "DB::Exception") || cell == "" {
							t.Fatalf("an error became a sampled row: %q", row)
						}
					}
				}
			}
		})
	}
}

func errorsAs(err error, target **ServerError) bool {
	for err != nil {
		if se, ok := err.(*ServerError); ok {
			*target = se
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}

// TestRecordedGrants (rows 5–7): capabilities read from grants as ClickHouse prints
// them — through roles (SHOW GRANTS FINAL on 24.x+, the roles' own grants before), the
// SOURCES group, MONGO, privileges listed one by one with ACCESS MANAGEMENT, and grants
// on one database, which give no source.
func TestRecordedGrants(t *testing.T) {
	type want struct {
		write, admin bool
		functions    string // evidence of clickhouse-table-functions, "" for none
	}
	for _, tc := range []struct {
		name   string
		final  string            // SHOW GRANTS FINAL; "" = a server without FINAL (syntax error)
		plain  string            // SHOW GRANTS
		roles  map[string]string // SHOW GRANTS FOR `role`
		expect want
	}{
		{name: "rights through a role, with FINAL (24.8)", final: "reader-final-24.8.txt", plain: "reader-with-role-24.3.txt",
			expect: want{write: true, functions: "s3, url"}},
		{name: "rights through a role, before FINAL (24.3)", plain: "reader-with-role-24.3.txt",
			roles: map[string]string{"etl_role": "etl-role-24.3.txt"}, expect: want{write: true, functions: "s3, url"}},
		{name: "Docker image default user, rights listed one by one", final: "docker-default-24.8.txt",
			expect: want{write: true, admin: true, functions: "file, mongodb, s3, url"}},
		{name: "users.xml default without access_management", final: "stock-default-23.8.txt",
			expect: want{write: true, functions: "file, mongodb, s3, url"}},
		{name: "ALL on one database gives no source; SETTINGS PROFILE is no FILE", final: "db-level-all-24.8.txt",
			expect: want{write: true}},
		{name: "MONGO", final: "mongo-24.8.txt", expect: want{functions: "mongodb"}},
		{name: "READ and WRITE ON sources (25.8)", final: "read-write-sources-25.8.txt", expect: want{functions: "s3, url"}},
		{name: "SOURCES with URL revoked", final: "revoked-sources-24.8.txt", expect: want{functions: "file, mongodb, s3"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := &recordedServer{t: t, version: "24.8.4.13"}
			m.answer = func(q string, _ url.Values) (int, string, bool) {
				switch {
				case q == "SHOW GRANTS FINAL" && tc.final != "":
					return 200, grantRows(t, tc.final), true
				case q == "SHOW GRANTS" && tc.plain != "":
					return 200, grantRows(t, tc.plain), true
				case q == "SHOW GRANTS" && tc.final != "":
					return 200, grantRows(t, tc.final), true
				case strings.HasPrefix(q, "SHOW GRANTS FOR "):
					for role, file := range tc.roles {
						if strings.Contains(q, role) {
							return 200, grantRows(t, file), true
						}
					}
				}
				return 0, "", false
			}
			res, err := New().Probe(context.Background(), m.start(t), modernOptions())
			if err != nil || res == nil {
				t.Fatalf("probe: %v", err)
			}
			got := want{write: findingByRule(res.Findings, "clickhouse-write-access") != nil,
				admin: findingByRule(res.Findings, "clickhouse-admin-grants") != nil}
			if f := findingByRule(res.Findings, "clickhouse-table-functions"); f != nil {
				got.functions = f.Evidence
			}
			if got != tc.expect {
				t.Fatalf("got %+v, want %+v", got, tc.expect)
			}
		})
	}
}

// TestRecordedTableFunctions (row 8): the table functions of 23.x–25.x that reach out.
func TestRecordedTableFunctions(t *testing.T) {
	m := &recordedServer{t: t, version: "25.3.2.39"}
	m.answer = func(q string, _ url.Values) (int, string, bool) {
		switch {
		case strings.HasPrefix(q, "SHOW GRANTS"):
			return 200, compactRows([]string{"GRANT ALL ON *.* TO default WITH GRANT OPTION"}), true
		case strings.Contains(q, "FROM system.table_functions"):
			var rows [][]string
			for _, n := range []string{"azureBlobStorageCluster", "deltaLake", "fileCluster", "generateRandom", "hudi", "icebergS3",
				"numbers", "sqlite", "urlCluster"} {
				rows = append(rows, []string{n})
			}
			return 200, compactRows(rows...), true
		}
		return 0, "", false
	}
	res, err := New().Probe(context.Background(), m.start(t), modernOptions())
	if err != nil || res == nil {
		t.Fatalf("probe: %v", err)
	}
	f := findingByRule(res.Findings, "clickhouse-table-functions")
	if f == nil || f.Evidence != "azureBlobStorageCluster, deltaLake, fileCluster, hudi, icebergS3, sqlite, urlCluster" || f.Severity != finding.High {
		t.Fatalf("table functions: %+v", f)
	}
}

// TestRecordedRemoteDiskTablesNotRead: since 23.x a table may define its own disk in
// SETTINGS; a MergeTree or Log table on a web or S3 disk is read from the host the disk
// names, as a URL table is. Anyone who can create a table on an open server can point
// one at a host of their choosing, so such tables are listed and reported but never
// read (neither sampled nor asked for a time range); a table on an inline local disk
// is read as usual.
func TestRecordedRemoteDiskTablesNotRead(t *testing.T) {
	tables := [][]string{
		{"events", "MergeTree", "MergeTree ORDER BY ts SETTINGS index_granularity = 8192"},
		{"local_disk", "MergeTree", "MergeTree ORDER BY ts SETTINGS disk = disk(type = local, path = '/var/lib/clickhouse/disks/d/'), index_granularity = 8192"},
		{"s3_logs", "Log", "Log SETTINGS disk = disk(type = s3, endpoint = 'https://bucket.s3.amazonaws.com/logs/', access_key_id = 'AKIA', secret_access_key = '[HIDDEN]')"},
		{"web_hits", "MergeTree", "MergeTree ORDER BY ts SETTINGS disk = disk(type = web, endpoint = 'http://third.example:8080/web/'), index_granularity = 8192"},
	}
	var mu sync.Mutex
	var reads []string
	m := &recordedServer{t: t, version: "24.8.4.13"}
	m.answer = func(q string, _ url.Values) (int, string, bool) {
		for _, tb := range tables {
			if strings.Contains(q, "`app`.`"+tb[0]+"`") && (tb[0] == "s3_logs" || tb[0] == "web_hits") {
				mu.Lock()
				reads = append(reads, q)
				mu.Unlock()
			}
		}
		switch {
		case strings.Contains(q, "FROM system.tables WHERE database = 'app' AND is_temporary = 0"):
			return 200, compactRows(tables...), true
		case strings.Contains(q, "FROM system.tables WHERE database = 'app' AND name IN"),
			strings.Contains(q, "FROM system.tables WHERE database IN ('app')"):
			var rows [][]string
			for _, tb := range tables {
				if strings.Contains(q, "database IN") {
					rows = append(rows, []string{"app", tb[0], tb[1], "1000", "65536"})
				} else {
					rows = append(rows, []string{tb[0], "1000", "65536"})
				}
			}
			return 200, compactRows(rows...), true
		case strings.Contains(q, "FROM system.columns WHERE database = 'app'"):
			var rows [][]string
			for _, tb := range tables {
				rows = append(rows, []string{tb[0], "ts", "DateTime"}, []string{tb[0], "body", "String"})
			}
			return 200, compactRows(rows...), true
		}
		return 0, "", false
	}
	ep := m.start(t)
	res, err := New().Probe(context.Background(), ep, modernOptions())
	if err != nil || res == nil {
		t.Fatalf("probe: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reads) != 0 {
		t.Fatalf("the scan read tables on remote disks (each a request to their host on a real server):\n%s", strings.Join(reads, "\n"))
	}
	svc := res.Service
	for name, want := range map[string]string{
		"web_hits": "not sampled: reaches another host third.example:8080",
		"s3_logs":  "not sampled: reaches another host bucket.s3.amazonaws.com",
	} {
		if ds := probetest.Dataset(svc, "app", name); ds == nil || ds.NotSampled != want || ds.Sampled != 0 {
			t.Errorf("%s: %+v\nwant not_sampled %q", name, ds, want)
		}
	}
	for _, name := range []string{"events", "local_disk"} {
		if ds := probetest.Dataset(svc, "app", name); ds == nil || ds.NotSampled != "" || ds.Sampled == 0 {
			t.Errorf("%s (local) not read: %+v", name, ds)
		}
	}
	if f := findingByRule(res.Findings, "clickhouse-remote-sources"); f == nil || !strings.Contains(f.Evidence, "app.web_hits (MergeTree) → third.example:8080") {
		t.Fatalf("remote sources finding: %+v", f)
	}
}
