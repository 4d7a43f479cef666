package querywatch

import (
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
)

func TestSQLAnalysis(t *testing.T) {
	tests := []struct {
		q      string
		funcs  []string
		tables []string
		enum   string
	}{
		{"SELECT * FROM url('http://x/', CSV, 'a String')", []string{"url"}, nil, ""},
		{"select * from FILE('/etc/passwd', 'CSV', 'l String')", []string{"file"}, nil, ""},
		{"INSERT INTO FUNCTION s3('https://b/x', 'k', 's') SELECT * FROM db.t", []string{"s3"}, []string{"db.t"}, ""},
		{"SELECT * FROM remoteSecure('h:9440', system.one) JOIN `prod`.`chats` USING id", []string{"remoteSecure"}, []string{"prod.chats"}, ""},
		{"CREATE TABLE x (a String) ENGINE = URL('http://169.254.169.254/', CSV)", []string{"url"}, nil, ""},
		{"SELECT domain(url) FROM hits WHERE url LIKE '%file(%'", nil, []string{"hits"}, ""},
		{"SELECT count() FROM log_stream -- FROM secret_table\n", nil, []string{"log_stream"}, ""},
		{"/* url( */ SELECT 1", nil, nil, ""},
		{"SELECT x.file(1) FROM t", nil, []string{"t"}, ""},
		{"SHOW DATABASES", nil, nil, "SHOW DATABASES"},
		{"show tables from prod", nil, nil, "SHOW TABLES"},
		{"DESC prod.chats", nil, nil, "DESCRIBE"},
		{"SELECT name FROM system.columns WHERE table='x'", nil, []string{"system.columns"}, "system.columns"},
		{"SELECT * FROM `system`.`tables`", nil, []string{"system.tables"}, "system.tables"},
		{"SELECT * FROM system.parts", nil, []string{"system.parts"}, ""},
		{"SELECT 'system.tables'", nil, nil, ""},
		{"SELECT * FROM (SELECT * FROM inner_t) AS s", nil, []string{"inner_t"}, ""},
	}
	for _, tt := range tests {
		toks := tokenize(tt.q)
		if got := tableFunctions(toks); !slices.Equal(got, tt.funcs) {
			t.Errorf("%q: functions %v, want %v", tt.q, got, tt.funcs)
		}
		if got := tableRefs(toks); !slices.Equal(got, tt.tables) {
			t.Errorf("%q: tables %v, want %v", tt.q, got, tt.tables)
		}
		if got := enumerationKind(toks); got != tt.enum {
			t.Errorf("%q: enumeration %q, want %q", tt.q, got, tt.enum)
		}
	}
}

func TestRedactCredentials(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT * FROM remote('db:9000', prod.t, 'admin', 'S3cr3t!')", "SELECT * FROM remote('db:9000', prod.t, '***', '***')"},
		{"SELECT * FROM mysql('h:3306', 'db', 't', 'root', 'pw''x')", "SELECT * FROM mysql('h:3306', '***', '***', '***', '***')"},
		{"SELECT * FROM url('https://user:p4ss@host/x', CSV)", "SELECT * FROM url('https://user:***@host/x', CSV)"},
		{"SELECT * FROM s3('https://b/k', 'AKIA', 'sec', 'CSV') WHERE x = 'keep'", "SELECT * FROM s3('https://b/k', '***', '***', '***') WHERE x = 'keep'"},
		{"SELECT * FROM file('a.csv')", "SELECT * FROM file('a.csv')"},
	}
	for _, tt := range tests {
		if got := redactCredentials(tt.in, tokenize(tt.in)); got != tt.want {
			t.Errorf("%q\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

// events builds query_log-like events at base+offset seconds.
func ev(offset int, kind Kind, addr, user, q string) Event {
	e := Event{Source: "query_log", Time: time.Unix(1_700_000_000+int64(offset), 0), Kind: kind, User: user, Query: q,
		Initial: true, QueryID: "q" + time.Unix(int64(offset), 0).String() + q, Interface: "http"}
	if addr != "" {
		e.Addr = netip.MustParseAddr(addr)
	}
	return e
}

func newDetector(cfg *Config) *detector {
	return &detector{cfg: cfg, st: &detectorState{}, host: "db", port: 8123, proto: "clickhouse-http", engine: detect.Default()}
}

func rulesOf(fs []finding.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	slices.Sort(out)
	return out
}

func TestDetectorRules(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Allow = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	cfg.Sensitive = []SensitiveTable{{Database: "default", Table: "log_stream"}}

	t.Run("enumeration needs three distinct queries in the window", func(t *testing.T) {
		d := newDetector(&cfg)
		got := d.process([]Event{ev(0, QueryStart, "10.1.1.1", "bi", "SHOW DATABASES"), ev(1, QueryStart, "10.1.1.1", "bi", "show  databases")})
		if len(got) != 0 {
			t.Fatalf("two copies of one query: %v", rulesOf(got))
		}
		// Eleven minutes later the first hits have left the window.
		got = d.process([]Event{ev(700, QueryStart, "10.1.1.1", "bi", "SHOW TABLES"), ev(701, QueryStart, "10.1.1.1", "bi", "DESC t")})
		if len(got) != 0 {
			t.Fatalf("hits outside the window counted: %v", rulesOf(got))
		}
		got = d.process([]Event{ev(702, QueryStart, "10.1.1.1", "bi", "SELECT * FROM system.columns")})
		if !slices.Equal(rulesOf(got), []string{ruleEnumeration.ID}) || got[0].Severity != finding.Medium || got[0].Count != 3 {
			t.Fatalf("third distinct query: %+v", got)
		}
		// Quiet for the window after alerting.
		if got := d.process([]Event{ev(703, QueryStart, "10.1.1.1", "bi", "SHOW USERS")}); len(got) != 0 {
			t.Fatalf("repeat alert: %v", rulesOf(got))
		}
	})

	t.Run("address rules", func(t *testing.T) {
		d := newDetector(&cfg)
		got := d.process([]Event{
			ev(0, QueryStart, "203.0.113.5", "default", "SELECT 1"),
			ev(1, QueryStart, "203.0.113.5", "default", "SELECT 2"),
			ev(2, QueryStart, "10.2.2.2", "default", "SELECT 1"),
			ev(3, QueryStart, "127.0.0.1", "default", "SELECT 1"),
		})
		want := []string{ruleNotAllowed.ID, ruleDefaultRemote.ID, ruleDefaultRemote.ID} // 127.0.0.1 is local, hence allowed
		slices.Sort(want)
		if !slices.Equal(rulesOf(got), want) {
			t.Fatalf("got %v, want %v", rulesOf(got), want)
		}
		// Distributed sub-queries carry another server's address.
		sub := ev(5, QueryStart, "203.0.113.99", "default", "SELECT 1")
		sub.Initial = false
		if got := d.process([]Event{sub}); len(got) != 0 {
			t.Fatalf("non-initial query flagged: %v", rulesOf(got))
		}
	})

	t.Run("bulk reads of sensitive tables only", func(t *testing.T) {
		d := newDetector(&cfg)
		big := ev(0, QueryFinish, "10.3.3.3", "etl", "SELECT * FROM log_stream")
		big.ResultRows = 50_000
		small := ev(1, QueryFinish, "10.3.3.4", "app", "SELECT * FROM log_stream LIMIT 10")
		small.ResultRows = 10
		other := ev(2, QueryFinish, "10.3.3.5", "etl", "SELECT * FROM default.events")
		other.ResultRows = 1_000_000
		bytes := ev(3, QueryFinish, "10.3.3.6", "etl", "SELECT blob FROM default.log_stream")
		bytes.ResultBytes = 50 << 20
		got := d.process([]Event{big, small, other, bytes})
		if !slices.Equal(rulesOf(got), []string{ruleBulkRead.ID, ruleBulkRead.ID}) || got[0].Severity != finding.High {
			t.Fatalf("%+v", got)
		}
	})

	t.Run("table functions, and auth failures from query_log", func(t *testing.T) {
		d := newDetector(&cfg)
		fail := func(o int) Event {
			e := ev(o, ExceptionBeforeStart, "198.51.100.1", "default", "SELECT 1")
			e.Exception = "Code: 516. DB::Exception: default: Authentication failed"
			return e
		}
		got := d.process([]Event{
			ev(0, QueryStart, "10.0.0.1", "reports", "SELECT * FROM url('http://x', CSV, 'a String')"),
			ev(1, ExceptionBeforeStart, "10.0.0.1", "reports", "SELECT * FROM file('/etc/passwd')"),
			fail(2), fail(3), fail(4), fail(5),
		})
		sev := map[string]finding.Severity{}
		for _, f := range got {
			sev[f.Rule] = max(sev[f.Rule], f.Severity)
			if f.Rule == ruleAuthFailures.ID && f.Count != 4 {
				t.Errorf("auth failures counted %d in one poll, want 4", f.Count)
			}
		}
		// url(), file(), and one burst: refused logins are not queries, so no address rule.
		if want := []string{ruleAuthFailures.ID, ruleTableFunction.ID, ruleTableFunction.ID}; !slices.Equal(rulesOf(got), want) {
			t.Fatalf("got %v, want %v", rulesOf(got), want)
		}
		if sev[ruleTableFunction.ID] != finding.High || sev[ruleAuthFailures.ID] != finding.High {
			t.Fatalf("%v", sev)
		}
	})

	t.Run("leakwatch's own queries, and forged ones", func(t *testing.T) {
		d := newDetector(&cfg)
		d.ownPrefix = "leakwatch-abc-"
		mk := func(o int, id, ua, q string) Event {
			e := ev(o, QueryStart, "203.0.113.9", "default", q)
			e.QueryID, e.UserAgent = id, ua
			return e
		}
		got := d.process([]Event{
			mk(0, "leakwatch-abc-1", "leakwatch", "SELECT * FROM system.query_log"),
			mk(1, "leakwatch-f00-1", "leakwatch", "SHOW DATABASES"),
			mk(2, "leakwatch-f00-2", "leakwatch", "SELECT * FROM system.tables"),
			mk(3, "leakwatch-f00-3", "leakwatch", "SELECT * FROM system.columns"),
		})
		if len(got) != 0 || d.self != 4 {
			t.Fatalf("own queries flagged: %v (self %d)", rulesOf(got), d.self)
		}
		got = d.process([]Event{mk(4, "leakwatch-f00-4", "leakwatch", "SELECT * FROM url('http://169.254.169.254/')")})
		if !slices.Contains(rulesOf(got), ruleTableFunction.ID) {
			t.Fatalf("a url() call hid behind leakwatch's marker: %v", rulesOf(got))
		}
		cfg2 := cfg
		cfg2.NoIgnoreSelf = true
		d2 := newDetector(&cfg2)
		if got := d2.process([]Event{mk(0, "leakwatch-f00-1", "leakwatch", "SELECT 1")}); len(got) == 0 {
			t.Fatal("NoIgnoreSelf still ignores scans")
		}
	})
}

func TestServerLog(t *testing.T) {
	lines := []string{
		// ClickHouse 18.16 at information level (captured from the lab server).
		"2026.11.22 02:17:47.850616 [ 22 ] {} <Error> HTTPHandler: Code: 193, e.displayText() = DB::Exception: Wrong password for user default, e.what() = DB::Exception, Stack trace:",
		"0. clickhouse-server(StackTrace::StackTrace()+0x16) [0x56]",
		"2026.11.22 02:17:47.852766 [ 22 ] {} <Error> HTTPHandler: Code: 192, e.displayText() = DB::Exception: Unknown user nobody, e.what() = DB::Exception, Stack trace:",
		"2026.11.22 02:17:47.854686 [ 22 ] {08f81efd} <Error> executeQuery: Poco::Exception. Code: 1000, e.code() = 111, e.displayText() = Connection refused (from 127.0.0.9:60761)",
		// At trace level the request line gives the address to the next error of the thread.
		"2026.11.22 02:17:48.000001 [ 31 ] {} <Trace> HTTPHandler-factory: HTTP Request for HTTPHandler-factory. Method: POST, Address: 127.0.0.9:60800, User-Agent: curl",
		"2026.11.22 02:17:48.000002 [ 31 ] {} <Error> HTTPHandler: Code: 194, e.displayText() = DB::Exception: Password required for user app, e.what() = DB::Exception",
		"2026.11.22 02:17:49.000000 [ 40 ] {} <Error> TCPHandler: Code: 195, e.displayText() = DB::Exception: User app is not allowed to connect from address ::ffff:192.0.2.44, e.what() = DB::Exception",
		// 20.x+ wording.
		"2026.11.22 02:17:50.123456 [ 41 ] {} <Error> TCPHandler: Code: 516. DB::Exception: admin: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED), Stack trace (when copying this message, always include the lines below):",
		"not a log line",
	}
	lt := &logTail{path: "server.log"}
	evs := lt.events(lines, time.Time{}, time.UTC)
	var got []string
	for _, e := range evs {
		got = append(got, e.User+"@"+e.Addr.String()+"#"+itoa(e.ExceptionCode))
	}
	want := []string{"default@invalid IP#193", "nobody@invalid IP#192", "app@127.0.0.9#194", "app@192.0.2.44#195", "admin@invalid IP#516"}
	if !slices.Equal(got, want) {
		t.Errorf("\n got %v\nwant %v", got, want)
	}
	if evs[0].Time != time.Date(2026, 11, 22, 2, 17, 47, 0, time.UTC) || evs[0].Kind != LoginFailure {
		t.Errorf("first event %+v", evs[0])
	}
	if n := len(lt.events(lines, time.Date(2026, 11, 22, 2, 17, 49, 0, time.UTC), time.UTC)); n != 2 {
		t.Errorf("since filter kept %d", n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestModernTableFunctions: the table functions of 23.x–25.x that reach outside the
// server (docs/en/sql-reference/table-functions) are recognised in a query, in the
// server's used_table_functions, and by the fragment pattern the server runs on long
// queries; their key arguments are hidden.
func TestModernTableFunctions(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"SELECT * FROM urlCluster('c', 'http://169.254.169.254/latest/meta-data/')", "urlCluster"},
		{"SELECT * FROM fileCluster('c', '/etc/passwd', 'LineAsString')", "fileCluster"},
		{"SELECT count() FROM azureBlobStorageCluster('c', 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k', 'x', '*')", "azureBlobStorageCluster"},
		{"SELECT * FROM icebergS3('https://b.s3.amazonaws.com/t/', 'AKIA', 'secret')", "icebergS3"},
		{"SELECT * FROM deltaLake('https://b.s3.amazonaws.com/t/')", "deltaLake"},
		{"SELECT * FROM hudi('https://b.s3.amazonaws.com/t/')", "hudi"},
		{"SELECT * FROM sqlite('/var/lib/app.db', 'users')", "sqlite"},
	} {
		got := tableFunctions(tokenize(tc.q))
		if !slices.Equal(got, []string{tc.want}) {
			t.Errorf("%s: %v, want %s", tc.q, got, tc.want)
		}
		// A long query reaches the watcher as the fragments the server extracted.
		frags := regexp.MustCompile(fragmentRE).FindAllString("SELECT 1 UNION ALL "+tc.q, -1)
		if a := newDetector(&Config{}).analyse(&Event{Fragments: frags}); !slices.Equal(a.funcs, []string{tc.want}) {
			t.Errorf("fragments %q: %v", frags, a.funcs)
		}
		a := newDetector(&Config{}).analyse(&Event{TableFunctions: []string{tc.want}})
		if !slices.Equal(a.funcs, []string{tc.want}) {
			t.Errorf("used_table_functions %s not recognised: %v", tc.want, a.funcs)
		}
	}
	if r := redactCredentials("SELECT * FROM icebergS3('https://b/t/', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI')",
		tokenize("SELECT * FROM icebergS3('https://b/t/', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI')")); strings.Contains(r, "AKIA") || strings.Contains(r, "wJalr") {
		t.Errorf("icebergS3 keys shown: %s", r)
	}
}

// TestServerLogAddresses: on 20.x+ the AccessControl line carries the client's address
// at error level (stock servers have no session_log), and the handler's line about the
// same refusal is not counted twice.
func TestServerLogAddresses(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "serverlog", "auth-failed-25.x.log"))
	if err != nil {
		t.Fatal(err)
	}
	lt := &logTail{path: "clickhouse-server.err.log"}
	evs := lt.events(strings.Split(string(b), "\n"), time.Time{}, time.UTC)
	var got []string
	for _, e := range evs {
		got = append(got, e.User+"@"+e.Addr.String()+"#"+itoa(e.ExceptionCode))
	}
	want := []string{"default@203.0.113.7#193", "admin@198.51.100.9#192", "etl@192.0.2.44#195"}
	if !slices.Equal(got, want) {
		t.Fatalf("\n got %v\nwant %v", got, want)
	}
	for _, e := range evs {
		if e.Kind != LoginFailure || e.Time.IsZero() {
			t.Errorf("event %+v", e)
		}
	}
}

func TestLogTailFollowsRotation(t *testing.T) {
	p := filepath.Join(t.TempDir(), "server.log")
	write := func(s string, flag int) {
		f, err := os.OpenFile(p, flag|os.O_WRONLY|os.O_CREATE, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(s); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	write("a\nb\npartial", os.O_TRUNC)
	pos := &logPos{}
	lt := &logTail{path: p, pos: pos}
	lines, err := lt.read(true)
	if err != nil || !slices.Equal(lines, []string{"a", "b"}) {
		t.Fatalf("%q %v", lines, err)
	}
	write(" line\nc\n", os.O_APPEND)
	if lines, _ = lt.read(false); !slices.Equal(lines, []string{"partial line", "c"}) {
		t.Fatalf("after append: %q", lines)
	}
	if lines, _ = lt.read(false); len(lines) != 0 {
		t.Fatalf("nothing new: %q", lines)
	}
	// Rotation: a new file (new inode) is read from its start.
	if err := os.Rename(p, p+".1"); err != nil {
		t.Fatal(err)
	}
	write("d\n", os.O_TRUNC)
	if lines, _ = lt.read(false); !slices.Equal(lines, []string{"d"}) {
		t.Fatalf("after rotation: %q", lines)
	}
	// Truncation in place is a rotation too.
	write("e\nf\n", os.O_APPEND)
	write("g\n", os.O_TRUNC)
	if lines, _ = lt.read(false); !slices.Equal(lines, []string{"g"}) {
		t.Fatalf("after truncation: %q", lines)
	}
}

func TestStateRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := &stateStore{path: filepath.Join(dir, "sub", "state.json")}
	ss, err := s.load("a")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		ss.QueryLog.add(uint64(i), int64(1000+i))
	}
	ss.QueryLog.prune(10 * time.Second) // keeps t >= 1099-10-1
	ss.Detector.Alerted = map[string]int64{"r|k": 5}
	if err := s.save("a", ss); err != nil {
		t.Fatal(err)
	}
	other, _ := s.load("b")
	other.QueryLog.add(7, 7)
	if err := s.save("b", other); err != nil {
		t.Fatal(err)
	}
	back, err := s.load("a")
	if err != nil {
		t.Fatal(err)
	}
	if back.QueryLog.Watermark != 1099 || len(back.QueryLog.seen) != 12 || !back.QueryLog.has(99) || back.QueryLog.has(50) {
		t.Errorf("cursor after reload: watermark %d, %d keys", back.QueryLog.Watermark, len(back.QueryLog.seen))
	}
	if back.Detector.Alerted["r|k"] != 5 {
		t.Errorf("detector state lost: %+v", back.Detector)
	}
	if b, _ := s.load("b"); !b.QueryLog.has(7) {
		t.Error("saving one server lost another's state")
	}
	st, err := os.Stat(s.path)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v %v", st.Mode(), err)
	}
	if err := os.WriteFile(s.path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := s.load("a"); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged state: %v", err)
	}
}

func TestSensitiveFromReport(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.json")
	body := `{"tool":"leakwatch","services":[{"host":"h","port":8123,"datasets":[
	  {"database":"default","table":"log_stream","classes":["secrets","chat"]},
	  {"database":"default","table":"plain","classes":[]}]}],
	 "findings":[{"category":"pii","database":"crm","table":"people","rule":"email"},
	             {"category":"exposure","database":"x","table":"y"}]}`
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := SensitiveFromReport(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Table != "log_stream" || !slices.Equal(got[0].Classes, []string{"secrets", "chat"}) || got[1].Table != "people" {
		t.Errorf("%+v", got)
	}
	if err := os.WriteFile(p, []byte("nope"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := SensitiveFromReport(p); err == nil {
		t.Error("garbage report accepted")
	}
	for in, ok := range map[string]bool{"db.t": true, "t": true, "": false, "a b": false, "db.": false} {
		if _, err := ParseTable(in); (err == nil) != ok {
			t.Errorf("ParseTable(%q): %v", in, err)
		}
	}
}

func TestEvidenceQuery(t *testing.T) {
	d := newDetector(&Config{})
	e := ev(0, QueryStart, "203.0.113.1", "default",
		"/* "+strings.Repeat("pad ", 100)+" */ SELECT  *\n FROM remote('h:9000', db.t, 'admin', 'S3cr3tPassw0rd') -- done")
	got := d.redactQuery(d.analyse(&e))
	if got != "SELECT * FROM remote('h:9000', db.t, '***', '***')" {
		t.Errorf("evidence %q", got)
	}
	long := ev(0, QueryStart, "203.0.113.1", "default", "SELECT 1 /* "+strings.Repeat("x", 9000))
	long.Fragments = []string{"FROM url('http://u:pw@h/', CSV"}
	got = d.redactQuery(d.analyse(&long))
	if !strings.Contains(got, "[further in the query: FROM url('http://u:***@h/', CSV]") || strings.Contains(got, "pw@") {
		t.Errorf("evidence %q", got)
	}
	if fs := d.analyse(&long).funcs; !slices.Equal(fs, []string{"url"}) {
		t.Errorf("functions from fragments: %v", fs)
	}
}
