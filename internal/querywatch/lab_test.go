package querywatch

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

// Lab accounts: the watcher's read-only user, and an application's own user.
const (
	watcherUser, watcherPassword = "watcher", "watcher-pw-5d2"
	appUser, appPassword         = "app", "app-pw-81c"
	attackerAddr                 = "127.0.0.9" // "another host": a loopback address of its own
)

func labServer(t *testing.T, seed bool) *lab.ClickHouse {
	t.Helper()
	start := time.Now()
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{Users: []lab.ClickHouseUser{
		{Name: watcherUser, Password: watcherPassword, Profile: lab.ProfileReadonly},
		{Name: appUser, Password: appPassword},
	}}, seed)
	t.Logf("ClickHouse %s started and seeded in %v", ch.Version, time.Since(start).Round(time.Millisecond))
	return ch
}

// client sends queries over HTTP from a chosen local address, as a real client would.
type client struct {
	t         *testing.T
	base      string
	user, pw  string
	userAgent string
	http      *http.Client
}

func newClient(t *testing.T, ch *lab.ClickHouse, from, user, pw, ua string) *client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 5 * time.Second}
	tr := &http.Transport{DialContext: d.DialContext, Proxy: nil}
	t.Cleanup(tr.CloseIdleConnections)
	return &client{t: t, base: "http://" + ch.HTTPAddr() + "/", user: user, pw: pw, userAgent: ua,
		http: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

// query runs q and returns the HTTP status and at most 64 KiB of the body (the rest is
// read and dropped, as a client saving a dump would).
func (c *client) query(q string) (int, string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base, strings.NewReader(q))
	if err != nil {
		c.t.Fatal(err)
	}
	req.SetBasicAuth(c.user, c.pw)
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, string(b)
}

func (c *client) ok(q string) string {
	c.t.Helper()
	code, body := c.query(q)
	if code != http.StatusOK {
		c.t.Fatalf("%s: HTTP %d %s", q, code, body)
	}
	return body
}

func watcherConfig(t *testing.T, ch *lab.ClickHouse, state string, sensitive []SensitiveTable) Config {
	cfg := DefaultConfig()
	cfg.Endpoint = store.Endpoint{Addr: netip.MustParseAddr(ch.Host), Port: ch.HTTPPort}
	cfg.Credential = &store.Credential{Username: watcherUser, Password: watcherPassword}
	cfg.StatePath = state
	cfg.Allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}
	cfg.Sensitive = sensitive
	cfg.Overlap = 5 * time.Second
	cfg.ServerLogs = []string{filepath.Join(ch.Dir, "log", "server.log")}
	cfg.Engine = detect.Default()
	return cfg
}

// scanReport writes what a previous scan would have said about the lab server: its
// log_stream holds secrets and chat transcripts.
func scanReport(t *testing.T, ch *lab.ClickHouse) string {
	rep := finding.Report{Tool: "leakwatch", Services: []finding.Service{{Host: ch.Host, Port: ch.HTTPPort,
		Protocol: clickhouse.ProtoHTTP, Product: "clickhouse", Auth: finding.AuthNone,
		Datasets: []finding.Dataset{
			{Database: lab.IncidentDatabase, Table: lab.IncidentTable, Rows: lab.IncidentRows, Classes: []string{"secrets", "chat"}},
			{Database: lab.IncidentDatabase, Table: "numbers_cache", Rows: 10},
		}}}}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "scan.json")
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// waitLogged waits until query_log holds a row whose query contains marker: 18.16's
// SYSTEM FLUSH LOGS writes what its log thread has already taken from the queue, so a
// row queued a moment earlier can miss it and land at the next flush interval.
func waitLogged(t *testing.T, ch *lab.ClickHouse, marker string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		flushLogs(t, ch)
		out, err := ch.Query(context.Background(), "SELECT count() FROM system.query_log WHERE position(query, '"+marker+"') > 0 AND http_user_agent != '"+lab.LabUserAgent+"'")
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(out) != "0" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("query %q never reached query_log", marker)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func flushLogs(t *testing.T, ch *lab.ClickHouse) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := ch.Query(ctx, "SYSTEM FLUSH LOGS"); err != nil {
		t.Fatal(err)
	}
}

// normalWorkload is an application's usual traffic: its own user, from this host,
// writing and reading its table, reading a few rows of log_stream, one SHOW TABLES at
// start-up and health checks.
func normalWorkload(t *testing.T, ch *lab.ClickHouse) {
	app := newClient(t, ch, "127.0.0.1", appUser, appPassword, "app-backend/3.2")
	app.ok("CREATE TABLE IF NOT EXISTS default.app_events (ts DateTime, kind String, n UInt32) ENGINE = MergeTree ORDER BY ts")
	app.ok("SHOW TABLES")
	for i := range 25 {
		app.ok(fmt.Sprintf("INSERT INTO default.app_events VALUES (now(), 'click', %d), (now(), 'view', %d)", i, i+1))
		app.ok("SELECT count() FROM default.app_events WHERE kind = 'click'")
		app.ok("SELECT 1")
		if i%5 == 0 {
			app.ok("SELECT timestamp, string_tags FROM default.log_stream ORDER BY timestamp DESC LIMIT 50 FORMAT TSV")
		}
	}
}

// attack replays the incident's steps from another address, as the default user.
func attack(t *testing.T, ch *lab.ClickHouse) {
	c := newClient(t, ch, attackerAddr, "default", "", "python-requests/2.31.0")
	c.ok("SHOW DATABASES")
	c.ok("SELECT database, name, engine FROM system.tables")
	c.ok("SELECT database, table, name, type FROM system.columns WHERE table = 'log_stream'")
	c.ok("SELECT * FROM log_stream LIMIT 200000 FORMAT TSV")
	if code, _ := c.query("SELECT * FROM url('http://admin:Hunter2-Exfil@127.0.0.1:1/collect', CSV, 'a String')"); code == http.StatusOK {
		t.Fatal("url() to a closed port succeeded")
	}
	if code, _ := c.query("SELECT * FROM file('/etc/passwd', CSV, 'line String')"); code == http.StatusOK {
		t.Fatal("file() outside user_files succeeded")
	}
	for _, pw := range []string{"admin", "clickhouse", "123456", "password", "default"} {
		if code, _ := c.query("SELECT 1"); code != http.StatusOK {
			t.Fatalf("SELECT 1 as default failed")
		}
		guess := newClient(t, ch, attackerAddr, "default", pw, "python-requests/2.31.0")
		if code, _ := guess.query("SELECT 1"); code == http.StatusOK {
			t.Fatalf("wrong password %q accepted", pw)
		}
	}
}

// collector gathers what the watcher emits, with when.
type collector struct {
	mu  sync.Mutex
	got []finding.Finding
	at  []time.Time
}

func (c *collector) emit(fs []finding.Finding) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range fs {
		c.got = append(c.got, f)
		c.at = append(c.at, time.Now())
	}
	return nil
}

func (c *collector) snapshot() ([]finding.Finding, []time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.got), slices.Clone(c.at)
}

// pollOnce starts a watcher on cfg (closed when the test ends), polls once and returns
// the watcher and what it found.
func pollOnce(t *testing.T, cfg Config) (*Watcher, []finding.Finding) {
	t.Helper()
	w, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	var c collector
	if err := w.Poll(context.Background(), c.emit); err != nil {
		t.Fatal(err)
	}
	got, _ := c.snapshot()
	return w, got
}

func tagValue(f finding.Finding, name string) string {
	for _, t := range f.Tags {
		if v, ok := strings.CutPrefix(t, name+":"); ok {
			return v
		}
	}
	return ""
}

// TestWatchFlagsReplayedIntrusion is issue 6's acceptance test for watch-queries: a
// normal workload and a real leakwatch scan stay quiet; the incident's steps, replayed
// from another address, are all flagged within one polling interval.
func TestWatchFlagsReplayedIntrusion(t *testing.T) {
	ch := labServer(t, true)
	state := filepath.Join(t.TempDir(), "state", "querywatch.json")
	sensitive, err := SensitiveFromReport(scanReport(t, ch))
	if err != nil {
		t.Fatal(err)
	}
	cfg := watcherConfig(t, ch, state, sensitive)

	// Quiet phase: the application, and leakwatch scanning the server (it lists every
	// table and samples log_stream: enumeration and a read of a sensitive table, which
	// must not alert on itself).
	normalWorkload(t, ch)
	o := store.DefaultOptions()
	ep := store.Endpoint{Addr: netip.MustParseAddr(ch.Host), Port: ch.HTTPPort}
	if res, err := clickhouse.New().Probe(context.Background(), ep, &o); err != nil || len(res.Service.Datasets) == 0 {
		t.Fatalf("leakwatch scan of the lab: %v", err)
	}
	time.Sleep(700 * time.Millisecond) // past the lab's 500 ms query_log flush interval (see waitLogged)
	flushLogs(t, ch)
	w, got0 := pollOnce(t, cfg)
	got0, blind := splitBlindSpots(got0)
	for _, f := range got0 {
		t.Errorf("normal workload flagged: %s %s: %s | %s", f.Severity, f.Rule, f.Detail, f.Evidence)
	}
	// 18.16 has no settings constraints: any user may send log_queries=0, and the
	// watcher says so once (it reads the text log here, so failed logins are visible).
	if len(blind) != 1 || blind[0].Rule != ruleLogQueriesOff.ID || !strings.Contains(blind[0].Evidence, "could not be read") {
		t.Errorf("blind spots on 18.16: %+v", blind)
	}
	st := w.Stats()
	if st.Events < 100 || st.Self < 10 {
		t.Fatalf("the quiet phase was not seen: %+v", st)
	}
	t.Logf("quiet phase: %d events, %d of leakwatch's own queries ignored, poll took %v", st.Events, st.Self, st.LastPoll)

	// Attack phase, with the watcher running every interval.
	const interval = 2 * time.Second
	ctx, cancel := context.WithCancel(context.Background())
	var alerts collector
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, interval, alerts.emit) }()
	time.Sleep(300 * time.Millisecond) // let the first Run poll pass
	attack(t, ch)
	attackEnd := time.Now()

	want := map[string]bool{ruleNotAllowed.ID: false, ruleDefaultRemote.ID: false, ruleEnumeration.ID: false,
		ruleBulkRead.ID: false, ruleTableFunction.ID + ":url": false, ruleTableFunction.ID + ":file": false,
		ruleAuthFailures.ID: false}
	// One polling interval, plus the server's query_log flush interval (500 ms in the lab)
	// and a poll's own time.
	deadline := attackEnd.Add(interval + 500*time.Millisecond + 2*time.Second)
	var got []finding.Finding
	var at []time.Time
	for time.Now().Before(deadline) {
		got, at = alerts.snapshot()
		for _, f := range got {
			k := f.Rule
			if f.Rule == ruleTableFunction.ID {
				k += ":" + strings.SplitN(strings.TrimPrefix(f.Detail, attackerAddr+" called "), "(", 2)[0]
			}
			if _, ok := want[k]; ok {
				want[k] = true
			}
		}
		if !slices.Contains(slices.Collect(mapValues(want)), false) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	for k, seen := range want {
		if !seen {
			t.Errorf("not flagged within one interval: %s", k)
		}
	}
	var latest time.Duration
	for i, f := range got {
		latest = max(latest, at[i].Sub(attackEnd))
		client := tagValue(f, "client")
		if f.Rule == ruleAuthFailures.ID {
			// 18.x logs refused logins in its text log, without the address.
			if !strings.Contains(f.Detail, "default") || f.Count < 3 {
				t.Errorf("auth failures: %+v", f)
			}
		} else if client != attackerAddr {
			t.Errorf("finding about %q, not the attacker: %s %s", client, f.Rule, f.Evidence)
		}
		if f.Category != finding.Intrusion || f.Remediation == "" || f.Evidence == "" || f.ID == "" {
			t.Errorf("incomplete finding: %+v", f)
		}
		if strings.Contains(f.Evidence, "Hunter2-Exfil") {
			t.Errorf("evidence shows a password: %s", f.Evidence)
		}
		switch f.Rule {
		case ruleBulkRead.ID:
			if f.Severity != finding.Critical || f.Table != lab.IncidentTable || f.Count < 100_000 {
				t.Errorf("bulk read: %+v", f)
			}
		case ruleTableFunction.ID:
			if f.Severity != finding.Critical {
				t.Errorf("table function from an unknown address: %s", f.Severity)
			}
		}
		t.Logf("%-8s %-32s +%v %s", f.Severity, f.Rule, at[i].Sub(attackEnd).Round(time.Millisecond), truncate(f.Evidence, 160))
	}
	t.Logf("all %d findings within %v of the attack's last step (interval %v)", len(got), latest.Round(time.Millisecond), interval)

	// Nothing about the application, even over the whole run.
	for _, f := range got {
		if tagValue(f, "user") == appUser {
			t.Errorf("application flagged: %s", f.Rule)
		}
	}
	fi, err := os.Stat(state)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("state file: %v, mode %v", err, fi.Mode())
	}
}

func mapValues(m map[string]bool) func(func(bool) bool) {
	return func(yield func(bool) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}

// TestWatchIncremental: a second run after more queries reports only the new ones, and
// a restart (a new watcher on the same state file) repeats nothing.
// splitBlindSpots separates what the logs cannot show, said once per server, from what
// they showed.
func splitBlindSpots(fs []finding.Finding) (seen, blind []finding.Finding) {
	for _, f := range fs {
		if f.Rule == ruleLogQueriesOff.ID || f.Rule == ruleNoLoginLog.ID {
			blind = append(blind, f)
		} else {
			seen = append(seen, f)
		}
	}
	return seen, blind
}

func TestWatchIncremental(t *testing.T) {
	ch := labServer(t, false)
	state := filepath.Join(t.TempDir(), "qw.json")
	cfg := watcherConfig(t, ch, state, nil)
	cfg.ServerLogs = nil
	attacker := newClient(t, ch, attackerAddr, "default", "", "curl/8.5.0")

	poll := func(w *Watcher) []finding.Finding {
		t.Helper()
		flushLogs(t, ch)
		var c collector
		if err := w.Poll(context.Background(), c.emit); err != nil {
			t.Fatal(err)
		}
		got, _ := c.snapshot()
		return got
	}
	rules := func(fs []finding.Finding) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule)
		}
		slices.Sort(out)
		return out
	}

	w1, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	attacker.query("SELECT * FROM url('http://127.0.0.1:1/a', CSV, 'a String')")
	waitLogged(t, ch, "127.0.0.1:1/a")
	first, _ := splitBlindSpots(poll(w1))
	if !slices.Equal(rules(first), []string{ruleNotAllowed.ID, ruleDefaultRemote.ID, ruleTableFunction.ID}) {
		t.Fatalf("first run: %v", rules(first))
	}
	if again := poll(w1); len(again) != 0 {
		t.Errorf("second poll repeated: %v", rules(again))
	}
	w1.Close()

	// Restart: the saved position and seen rows keep the overlap from repeating.
	w2, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if again := poll(w2); len(again) != 0 {
		t.Errorf("after a restart: %v", rules(again))
	}
	if w2.Stats().Rows == 0 {
		t.Error("the restarted watcher read nothing: the overlap re-read was not exercised")
	}
	// New activity: only it is reported.
	fcode, fbody := attacker.query("SELECT * FROM file('/etc/hostname', CSV, 'a String')")
	waitLogged(t, ch, "/etc/hostname")
	newer := poll(w2)
	if len(newer) != 1 || newer[0].Rule != ruleTableFunction.ID || !strings.Contains(newer[0].Detail, "file()") {
		out, _ := ch.Query(context.Background(), "SELECT toUInt32(event_time), type, query_id, IPv6NumToString(address), query FROM system.query_log WHERE http_user_agent != 'leakwatch' ORDER BY event_time FORMAT TSV")
		b, _ := os.ReadFile(state)
		t.Errorf("after new queries (file(): %d %s): %v\nquery_log:\n%s\nstate: %s\nstats %+v", fcode, fbody, newer, out, b, w2.Stats())
	}
	w2.Close()

	// A fresh state file starts again from --since: the same events are reported anew.
	cfg.StatePath = filepath.Join(t.TempDir(), "other.json")
	w3, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer w3.Close()
	if seen, _ := splitBlindSpots(poll(w3)); len(seen) < 4 {
		t.Errorf("a new state file should report everything again, got %d findings", len(seen))
	}

	b, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil || len(sf.Servers) != 1 {
		t.Fatalf("state file: %v %s", err, b)
	}
	for k, s := range sf.Servers {
		if !strings.Contains(k, strconv.Itoa(ch.HTTPPort)) || s.QueryLog.Watermark == 0 {
			t.Errorf("state %q: %+v", k, s.QueryLog)
		}
	}
}

// TestWatchLongQueries: a url() call hidden after 12 KiB of padding is still seen (the
// server extracts the fragments that matter from the whole text), and pages of long
// queries larger than the response limit are read in smaller pages, none lost.
func TestWatchLongQueries(t *testing.T) {
	ch := labServer(t, false)
	app := newClient(t, ch, "127.0.0.1", appUser, appPassword, "app/1")
	pad := strings.Repeat("x", 3000)
	for i := range 200 {
		app.ok(fmt.Sprintf("SELECT length('%s') + %d", pad, i))
	}
	attacker := newClient(t, ch, attackerAddr, "default", "", "curl/8.5.0")
	attacker.query("/* " + strings.Repeat("padding ", 1536) + " */ SELECT * FROM url('http://127.0.0.1:1/hidden', CSV, 'a String')")
	waitLogged(t, ch, "127.0.0.1:1/hidden")

	cfg := watcherConfig(t, ch, filepath.Join(t.TempDir(), "s.json"), nil)
	cfg.ServerLogs = nil
	cfg.Options.MaxResponseBytes = 96 << 10 // a page of 1000 such rows is ~3 MiB
	w, got := pollOnce(t, cfg)
	found := false
	for _, f := range got {
		if f.Rule == ruleTableFunction.ID && strings.Contains(f.Detail, "url()") {
			found = true
		}
	}
	if !found {
		t.Errorf("padded url() call not flagged: %v", got)
	}
	if st := w.Stats(); st.Events < 400 {
		t.Errorf("rows lost to small pages: %+v", st)
	}
}
