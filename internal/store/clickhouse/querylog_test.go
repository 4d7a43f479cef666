package clickhouse

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// TestQueryLogProvesReadOnly runs full probes (every stage, every capability check) on
// every interface of a fresh seeded server, then reads the server's own query_log: every
// query that did not come from the lab's administrative channel must be leakwatch's,
// start with a read-only verb, write nothing, and carry readonly=1 and the limits —
// except for the readonly-profile user, whose server refuses setting changes.
func TestQueryLogProvesReadOnly(t *testing.T) {
	t0 := time.Now()
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{TLS: true, Users: []lab.ClickHouseUser{
		{Name: "reader", Password: "r-pw", Profile: lab.ProfileReadonly},
		{Name: "reader2", Password: "r2-pw", Profile: lab.ProfileReadonly2},
	}}, true)
	t.Logf("fresh server started and seeded in %v", time.Since(t0))
	o := store.DefaultOptions()
	for _, port := range ch.Ports() {
		res, _ := probetest.Probe(t, New(), endpoint(t, ch.Host, port), &o)
		if res.Service.Auth != finding.AuthNone {
			t.Fatalf("port %d: auth %s", port, res.Service.Auth)
		}
	}
	for _, c := range []store.Credential{{Username: "reader", Password: "r-pw"}, {Username: "reader2", Password: "r2-pw"}} {
		o := store.DefaultOptions()
		o.NoDefaultCredentials = true
		o.Credentials = []store.Credential{c}
		// The open default user would answer first; probe as the reader by asking the
		// server with the reader's credentials only.
		s := newHTTPSession(endpoint(t, ch.Host, ch.HTTPPort), &o, false, &c)
		res := &store.Result{Service: probekit.NewService(endpoint(t, ch.Host, ch.HTTPPort), ProtoHTTP, product, false)}
		res.Service.User = c.Username
		if err := explore(context.Background(), s, &o, res); err != nil {
			t.Fatalf("explore as %s: %v", c.Username, err)
		}
		if len(res.Service.Datasets) == 0 || len(res.Samples) == 0 {
			t.Fatalf("explore as %s found nothing", c.Username)
		}
	}

	t.Logf("probes done at %v", time.Since(t0))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := ch.Query(ctx, "SYSTEM FLUSH LOGS"); err != nil {
		t.Fatal(err)
	}
	out, err := ch.Query(ctx, `SELECT type, user, query, query_id, http_user_agent, client_name, interface, written_rows,
  Settings.Names, Settings.Values, exception
FROM system.query_log WHERE http_user_agent != '`+lab.LabUserAgent+`' ORDER BY event_time, query_id FORMAT JSONEachRow`)
	if err != nil {
		t.Fatal(err)
	}
	verb := regexp.MustCompile(`(?i)^\s*(SELECT|SHOW|DESCRIBE|DESC|EXISTS)\s`)
	queries := map[string]bool{}
	users := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Type         json.Number `json:"type"`
			User         string      `json:"user"`
			Query        string      `json:"query"`
			QueryID      string      `json:"query_id"`
			UA           string      `json:"http_user_agent"`
			ClientName   string      `json:"client_name"`
			Interface    json.Number `json:"interface"`
			WrittenRows  json.Number `json:"written_rows"`
			SettingNames []string    `json:"Settings.Names"`
			SettingVals  []string    `json:"Settings.Values"`
			Exception    string      `json:"exception"`
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("query_log line %q: %v", line, err)
		}
		if r.UA != UserAgent || !strings.HasPrefix(r.QueryID, QueryIDPrefix) {
			t.Errorf("a query not from leakwatch ran: %+v", r)
			continue
		}
		if !verb.MatchString(r.Query) || strings.Contains(r.Query, ";") {
			t.Errorf("leakwatch ran a query that is not read-only: %q", r.Query)
		}
		if r.WrittenRows.String() != "0" {
			t.Errorf("leakwatch's query wrote %s rows: %q", r.WrittenRows, r.Query)
		}
		settings := map[string]string{}
		for i, n := range r.SettingNames {
			if i < len(r.SettingVals) {
				settings[n] = r.SettingVals[i]
			}
		}
		switch r.User {
		case "default", "reader2":
			want := map[string]string{"max_result_rows": "", "max_result_bytes": "", "max_execution_time": "", "result_overflow_mode": "break"}
			if r.User == "default" {
				want["readonly"] = "1"
			} else {
				want["readonly"] = "2" // the profile's, which the server keeps
			}
			for k, v := range want {
				got, ok := settings[k]
				if !ok || (v != "" && got != v) {
					t.Errorf("%s's query %q ran with %s=%q (present %v), want %q", r.User, r.Query, k, got, ok, v)
				}
			}
		case "reader":
			if settings["readonly"] != "1" {
				t.Errorf("reader's query ran without the profile's readonly=1: %v", settings)
			}
		default:
			t.Errorf("query as unexpected user %q: %q", r.User, r.Query)
		}
		if r.Type.String() == "2" {
			queries[r.Query] = true
			users[r.User]++
		}
	}
	if len(queries) < 10 || users["default"] == 0 || users["reader"] == 0 || users["reader2"] == 0 {
		t.Fatalf("query_log holds too few of leakwatch's queries: %d distinct, per user %v\n%s", len(queries), users, out)
	}
	t.Logf("%d distinct read-only queries, finished per user: %v", len(queries), users)

	// The log does record writes: the lab's own seeding shows up with its written rows,
	// so their absence above means something.
	w, err := ch.Query(ctx, "SELECT sum(written_rows) FROM system.query_log WHERE http_user_agent = '"+lab.LabUserAgent+"' AND type = 2 AND query LIKE 'INSERT%'")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(w) == "0" || strings.TrimSpace(w) == "" {
		t.Fatalf("query_log shows no written rows for the seeding INSERTs (%q): the check above proves nothing", w)
	}
}
