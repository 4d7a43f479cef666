package postgres

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestStatementLogProvesReadOnly runs full probes (trusted superuser, then a reader and a
// role with server-file privileges) on a fresh seeded server that logs every statement,
// then reads the server's own log: every statement of a session whose application_name
// is leakwatch must be a SELECT, SHOW, SET, BEGIN READ ONLY, COMMIT or ROLLBACK, and
// every one of its sessions must have run read-only.
func TestStatementLogProvesReadOnly(t *testing.T) {
	t0 := time.Now()
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{LogStatements: true, Users: []lab.PostgresUser{
		{Name: "reader", Password: "r-pw", Select: true},
		{Name: "etl", Password: "e-pw", Select: true, Roles: []string{"pg_execute_server_program"}},
	}}, true)
	t.Logf("fresh server started and seeded in %v", time.Since(t0))

	ep := probetest.At(pg.Host, pg.Port)
	// Reach the block-sampling path on the seed's 50,000-row events table.
	defer func(n int64) { blockSampleRows = n }(blockSampleRows)
	blockSampleRows = 10_000
	res, _ := probetest.Probe(t, New(), ep, testOptions())
	if s := probetest.Sample(res, lab.SQLAnalyticsDatabase, "public.events"); s == nil || len(s.Rows) != testOptions().SampleRows {
		t.Fatalf("block-sampled events: %+v", s)
	}
	if res.Service.Details["schemas"] != "3" {
		t.Fatalf("schemas = %q", res.Service.Details["schemas"])
	}
	if res.Service.Auth != finding.AuthNone || len(res.Samples) == 0 {
		t.Fatalf("open probe: auth %s, %d samples", res.Service.Auth, len(res.Samples))
	}
	// The reader and etl roles log in with passwords only where trust does not apply:
	// here trust lets them in as themselves, which is what the probe then reports.
	for _, c := range []store.Credential{{Username: "reader", Password: "r-pw"}, {Username: "etl", Password: "e-pw"}} {
		o := testOptions()
		o.NoDefaultCredentials = true
		o.Credentials = []store.Credential{c}
		s, err := connect(t.Context(), ep, o, link{}, cred{Credential: c}, lab.SQLAppDatabase)
		if err != nil {
			t.Fatal(err)
		}
		r := &store.Result{Service: finding.Service{Details: map[string]string{}}}
		err = explore(t.Context(), s, ep, o, cred{Credential: c}, r)
		s.close()
		if err != nil || len(r.Samples) == 0 {
			t.Fatalf("explore as %s: %v, %d samples", c.Username, err, len(r.Samples))
		}
	}

	// The server's logging collector writes behind the sessions: under load the last
	// session's lines (etl's) can reach the file after explore has returned, so the log is
	// read until every session this test opened shows in it (at most 15 s).
	var b []byte
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var err error
		if b, err = os.ReadFile(pg.LogFile); err != nil {
			t.Fatal(err)
		}
		if loggedFor(b, "etl") && loggedFor(b, "reader") || time.Now().After(deadline) {
			break
		}
	}
	entry := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`)
	var entries []string
	for _, line := range strings.Split(string(b), "\n") {
		if entry.MatchString(line) || len(entries) == 0 {
			entries = append(entries, line)
		} else {
			entries[len(entries)-1] += "\n" + line
		}
	}
	allowed := regexp.MustCompile(`(?is)^\s*(SELECT|SHOW|SET|BEGIN\s+(TRANSACTION\s+)?READ\s+ONLY|COMMIT|ROLLBACK)\b`)
	stmt := regexp.MustCompile(`(?s)LOG:\s+(statement|execute [^:]*):\s(.*)$`)
	n, sampled := 0, 0
	verbs := map[string]int{}
	users := map[string]bool{}
	for _, e := range entries {
		if !strings.Contains(e, " app="+AppName+" user=") {
			if strings.Contains(e, "app="+AppName) && !strings.Contains(e, "app="+lab.LabAppName) {
				t.Fatalf("unparsed leakwatch entry: %q", e)
			}
			continue
		}
		if m := regexp.MustCompile(` user=(\S+) `).FindStringSubmatch(e); m != nil {
			users[m[1]] = true
		}
		m := stmt.FindStringSubmatch(e)
		if m == nil {
			continue // connection and error lines
		}
		n++
		q := m[2]
		if !allowed.MatchString(q) {
			t.Errorf("leakwatch ran a statement that is not read-only: %q", q)
		}
		verbs[strings.ToUpper(strings.Fields(q)[0])]++
		if strings.Contains(q, "TABLESAMPLE SYSTEM") {
			sampled++
		}
		if strings.Contains(strings.ToUpper(q), "INTO ") && !strings.Contains(strings.ToUpper(q), "SELECT") {
			t.Errorf("write-like statement %q", q)
		}
	}
	if n < 30 || verbs["SELECT"] < 20 || verbs["SHOW"] < 2 {
		t.Fatalf("only %d leakwatch statements in the log (%v): is log_statement on?", n, verbs)
	}
	if sampled == 0 {
		t.Error("no TABLESAMPLE statement in the log")
	}
	for _, u := range []string{"postgres", "reader", "etl"} {
		if !users[u] {
			t.Errorf("no statement logged for %s (users seen: %v)", u, users)
		}
	}
	t.Logf("%d leakwatch statements, all read-only: %v", n, verbs)
}

// loggedFor reports whether the statement log holds a statement of leakwatch's run as
// user.
func loggedFor(log []byte, user string) bool {
	for _, line := range strings.Split(string(log), "\n") {
		if strings.Contains(line, " app="+AppName+" user="+user+" ") && (strings.Contains(line, "LOG:  statement:") || strings.Contains(line, "LOG:  execute ")) {
			return true
		}
	}
	return false
}
