package querywatch

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// fakeModern answers the watcher's queries the way a 23.x server would, from the
// responses in testdata/modern, and checks that the queries fit that server's schema.
type fakeModern struct {
	t   *testing.T
	now int64
	// logQueriesConst is how many profile elements make log_queries CONST.
	logQueriesConst int
	mu              sync.Mutex
	seen            []string
}

var (
	relTime  = regexp.MustCompile(`@T(-\d+)?`)
	cursorRE = regexp.MustCompile(`event_time > toDateTime\((\d+)\)`)
	rowTime  = regexp.MustCompile(`^\s*\[(\d+),`)
)

func (f *fakeModern) load(name string) string {
	b, err := os.ReadFile(filepath.Join("testdata", "modern", name))
	if err != nil {
		f.t.Fatal(err)
	}
	return relTime.ReplaceAllStringFunc(string(b), func(m string) string {
		d, _ := strconv.Atoi(strings.TrimPrefix(m, "@T"))
		return strconv.FormatInt(f.now+int64(d), 10)
	})
}

// rowsSince keeps the data rows at or after the query's cursor, as the server would.
func rowsSince(body, sql string) string {
	m := cursorRE.FindStringSubmatch(sql)
	if m == nil {
		return body
	}
	from, _ := strconv.ParseInt(m[1], 10, 64)
	var out []string
	for _, line := range strings.Split(body, "\n") {
		if tm := rowTime.FindStringSubmatch(line); tm != nil {
			if t, _ := strconv.ParseInt(tm[1], 10, 64); t < from {
				continue
			}
		}
		out = append(out, line)
	}
	s := strings.Join(out, "\n")
	// Keep the JSON valid when the last row went.
	return regexp.MustCompile(`,\s*\n\]`).ReplaceAllString(s, "\n]")
}

func (f *fakeModern) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	sql := string(b)
	f.mu.Lock()
	f.seen = append(f.seen, sql)
	f.mu.Unlock()
	if r.URL.Query().Get("readonly") != "1" || !strings.HasPrefix(r.URL.Query().Get("query_id"), "leakwatch-") {
		http.Error(w, "Code: 164. DB::Exception: test: the watcher must send readonly=1 and its query id", 500)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.Contains(sql, "table = 'settings_profile_elements'"):
		// 22.x+: system.settings_profile_elements.writability Enum8('WRITABLE', 'CONST',
		// 'CHANGEABLE_IN_READONLY') (docs operations/system-tables/settings_profile_elements).
		io.WriteString(w, `{"meta":[],"data":[["writability"]],"rows":1}`)
	case strings.Contains(sql, "FROM system.settings_profile_elements WHERE setting_name = 'log_queries' AND writability = 'CONST'"):
		io.WriteString(w, `{"meta":[],"data":[["`+strconv.Itoa(f.logQueriesConst)+`"]],"rows":1}`)
	case strings.Contains(sql, "FROM system.columns"):
		io.WriteString(w, f.load("columns.json"))
	case strings.HasPrefix(sql, "SELECT count() FROM system."):
		// The fake sends every row at once: nothing lies beyond.
		io.WriteString(w, `{"meta":[],"data":[["0"]],"rows":1}`)
	case strings.Contains(sql, "toUInt32(now())"):
		io.WriteString(w, `{"meta":[],"data":[[`+strconv.FormatInt(f.now, 10)+`]],"rows":1}`)
	case strings.Contains(sql, "FROM system.query_log"):
		if !strings.Contains(sql, "toString(address)") || !strings.Contains(sql, "used_table_functions") || !strings.Contains(sql, "exception_code") {
			http.Error(w, "Code: 47. DB::Exception: test: query_log read without the 23.x columns: "+sql, 500)
			return
		}
		io.WriteString(w, rowsSince(f.load("query_log.json"), sql))
	case strings.Contains(sql, "FROM system.session_log"):
		if !strings.Contains(sql, "ifNull(user, '')") || !strings.Contains(sql, "toString(client_address)") {
			http.Error(w, "Code: 47. DB::Exception: test: session_log read without its 23.x types: "+sql, 500)
			return
		}
		io.WriteString(w, rowsSince(f.load("session_log.json"), sql))
	default:
		http.Error(w, "Code: 62. DB::Exception: test: unexpected query "+sql, 400)
	}
}

func fakeServer(t *testing.T, f http.Handler) store.Endpoint {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().(*net.TCPAddr).String())
	return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

// TestModernServerLogs covers 21.x+ servers: typed columns (IPv6 addresses, enum types,
// tables and used_table_functions), failed logins from session_log, and a forged
// leakwatch marker that must not hide a url() call.
func TestModernServerLogs(t *testing.T) {
	fake := &fakeModern{t: t, now: time.Now().Unix()}
	cfg := DefaultConfig()
	cfg.Endpoint = fakeServer(t, fake)
	cfg.StatePath = filepath.Join(t.TempDir(), "state.json")
	cfg.Sensitive = []SensitiveTable{{Database: "prod", Table: "chats", Classes: []string{"chat", "pii"}}}
	cfg.Engine = detect.Default()
	w, got := pollOnce(t, cfg)
	var sum []string
	for _, f := range got {
		sum = append(sum, f.Severity.String()+" "+f.Rule+" "+tagValue(f, "client")+" "+tagValue(f, "user"))
	}
	slices.Sort(sum)
	want := []string{
		"critical querywatch-sensitive-bulk-read 203.0.113.7 default",
		"critical querywatch-table-function 203.0.113.7 default",
		"high querywatch-auth-failures 198.51.100.23 root",
		"high querywatch-client-not-allowed 203.0.113.7 default",
		"high querywatch-default-user-remote 203.0.113.7 default",
		"high querywatch-enumeration 203.0.113.7 default",
		"high querywatch-table-function 10.0.0.5 reports",
		// No profile pins log_queries: any user who may change settings can hide its queries.
		"low querywatch-log-queries-can-be-disabled  ",
	}
	if !slices.Equal(sum, want) {
		t.Errorf("findings:\n got %s\nwant %s", strings.Join(sum, "\n     "), strings.Join(want, "\n     "))
	}
	for _, f := range got {
		for _, secret := range []string{"wJalrXUtnFEMI", "AKIAIOSFODNN7EXAMPLE"} {
			if strings.Contains(f.Evidence, secret) || strings.Contains(f.Detail, secret) {
				t.Errorf("%s shows a credential: %s", f.Rule, f.Evidence)
			}
		}
		if f.Rule == ruleBulkRead.ID && (f.Database != "prod" || f.Table != "chats" || f.Count != 500000) {
			t.Errorf("bulk read: %+v", f)
		}
		if f.Rule == ruleAuthFailures.ID && (f.Count != 4 || !strings.Contains(f.Detail, "admin, root, default")) {
			t.Errorf("auth failures: %+v", f)
		}
	}
	if w.Stats().Self != 3 {
		t.Errorf("%d of leakwatch's own queries ignored, want 3", w.Stats().Self)
	}

	// The next poll re-reads the overlap and reports nothing again.
	fake.now += 5
	var again collector
	if err := w.Poll(context.Background(), again.emit); err != nil {
		t.Fatal(err)
	}
	if g, _ := again.snapshot(); len(g) != 0 {
		t.Errorf("second poll repeated %d findings", len(g))
	}
}

// TestLogQueriesBlindSpot: the watcher says once that users may turn query logging off,
// and stays quiet when every profile pins log_queries.
func TestLogQueriesBlindSpot(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pinned int
		want   bool
	}{{"unconstrained", 0, true}, {"pinned by a CONST constraint", 2, false}} {
		t.Run(tc.name, func(t *testing.T) {
			fake := &fakeModern{t: t, now: time.Now().Unix(), logQueriesConst: tc.pinned}
			cfg := DefaultConfig()
			cfg.Endpoint = fakeServer(t, fake)
			cfg.StatePath = filepath.Join(t.TempDir(), "state.json")
			_, got := pollOnce(t, cfg)
			var blind *finding.Finding
			for i := range got {
				if got[i].Rule == ruleLogQueriesOff.ID {
					blind = &got[i]
				}
			}
			if (blind != nil) != tc.want {
				t.Fatalf("log_queries blind spot reported: %v, want %v", blind != nil, tc.want)
			}
			if blind != nil && (blind.Severity != finding.Low || !strings.Contains(blind.Detail, "log_queries=0")) {
				t.Fatalf("finding %+v", blind)
			}
			// A later run of the same state says nothing again.
			w2, _ := New(cfg)
			defer w2.Close()
			var again collector
			fake.now += 60
			if err := w2.Poll(context.Background(), again.emit); err != nil {
				t.Fatal(err)
			}
			for _, f := range func() []finding.Finding { g, _ := again.snapshot(); return g }() {
				if f.Rule == ruleLogQueriesOff.ID {
					t.Fatal("blind spot repeated")
				}
			}
		})
	}
}

// TestReadOnlyGuard: whatever a hostile server puts in query ids, the watcher's paging
// query stays one read-only statement that the store's guard accepts.
func TestReadOnlyGuard(t *testing.T) {
	cols := map[string]string{"address": "FixedString(16)"}
	for _, id := range []string{"x'; DROP TABLE t; --", `\'`, "a\\", "SETTINGS readonly=0", "'/*", "\x00'\n"} {
		q := queryLogTable(cols).pageSQL(1, id, 2, 10)
		toks := tokenize(q)
		for _, tk := range toks {
			if tk.kind == 'i' && (strings.EqualFold(tk.text, "DROP") || strings.EqualFold(tk.text, "SETTINGS")) {
				t.Errorf("id %q escaped its literal: %s", id, q)
			}
			if tk.isPunct(";") {
				t.Errorf("id %q added a statement: %s", id, q)
			}
		}
		var lit string
		for _, tk := range toks {
			if tk.kind == 's' && tk.text != "" {
				lit = tk.text
			}
		}
		if lit != id {
			t.Errorf("id %q quoted as %q", id, lit)
		}
	}
}

func TestSeverityOfDefaultUser(t *testing.T) {
	// Findings name the watched server, not the client.
	fake := &fakeModern{t: t, now: time.Now().Unix()}
	cfg := DefaultConfig()
	cfg.Endpoint = fakeServer(t, fake)
	cfg.StatePath = filepath.Join(t.TempDir(), "s.json")
	_, got := pollOnce(t, cfg)
	for _, f := range got {
		if f.Host != cfg.Endpoint.Host() || f.Port != cfg.Endpoint.Port || f.Category != finding.Intrusion {
			t.Errorf("finding location: %s %s:%d %s", f.Rule, f.Host, f.Port, f.Category)
		}
	}
}
