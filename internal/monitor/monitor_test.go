package monitor

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// TestMain is in process_test.go: the test binary doubles as leakwatch there.

var engine = sync.OnceValue(detect.Default)

// hookReceiver is a local webhook endpoint that accepts only correctly signed alerts.
type hookReceiver struct {
	t      *testing.T
	secret []byte
	mu     sync.Mutex
	alerts []alert.Alert
	keys   map[string]int
	bad    int
	got    chan struct{}
	// path is the only path it answers: another test's loopback scan (or a port one
	// test freed and this server reused) may reach it, and must not count as an alert.
	path string
}

// newHookReceiver starts a receiver and returns it with the URL to post alerts to.
func newHookReceiver(t *testing.T, secret string) (*hookReceiver, string) {
	r := &hookReceiver{t: t, secret: []byte(secret), keys: map[string]int{}, got: make(chan struct{}, 16),
		path: "/hook/" + rand.Text()}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return r, srv.URL + r.path
}

func (r *hookReceiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.URL.Path != r.path {
		http.NotFound(w, req)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	if err := alert.Verify(r.secret, body, req.Header.Get(alert.SignatureHeader), time.Now(), 5*time.Minute); err != nil {
		r.mu.Lock()
		r.bad++
		r.mu.Unlock()
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	var a alert.Alert
	if err := json.Unmarshal(body, &a); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	r.alerts = append(r.alerts, a)
	r.keys[req.Header.Get(alert.IdempotencyHeader)]++
	r.mu.Unlock()
	r.got <- struct{}{}
}

func (r *hookReceiver) wait(t *testing.T, n int, within time.Duration) []alert.Alert {
	t.Helper()
	deadline := time.After(within)
	for {
		r.mu.Lock()
		if len(r.alerts) >= n {
			out := append([]alert.Alert{}, r.alerts...)
			r.mu.Unlock()
			return out
		}
		r.mu.Unlock()
		select {
		case <-r.got:
		case <-deadline:
			t.Fatalf("waited %v for %d alerts, have %d", within, n, len(r.alerts))
		}
	}
}

// seedSmall gives a fresh lab server one table holding two kinds of secret, so that a
// scan has something to find without the incident's million rows.
func seedSmall(t *testing.T, ch *lab.ClickHouse) {
	t.Helper()
	s := lab.NewSynth(7)
	ctx := context.Background()
	for _, q := range []string{
		`CREATE TABLE default.app_logs (ts DateTime, message String) ENGINE = MergeTree ORDER BY ts`,
		fmt.Sprintf(`INSERT INTO default.app_logs VALUES (now(), 'deploy with token %s'), (now(), 'llm call key=%s'), (now(), 'ok')`,
			s.GitHubToken(), s.AnthropicKey()),
	} {
		if _, err := ch.Query(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
}

func monitorConfig(t *testing.T, dir string, ch *lab.ClickHouse, hookURL, store string) *Config {
	t.Helper()
	y := fmt.Sprintf(`%s
web:
  listen: 127.0.0.1:0
groups:
  - name: lab
    targets: [%s]
    ports: "%d,%d"
    schedule:
      interval: 1h
    scan:
      timeout: 20s
alerts:
  - name: hook
    type: webhook
    url: %s
    secret_env: LW_TEST_HOOK_SECRET
delivery:
  initial_backoff: 100ms
  max_backoff: 1s
`, store, ch.Host, ch.HTTPPort, ch.NativePort, hookURL)
	p := filepath.Join(dir, "monitor.yaml")
	return loadConfigText(t, p, y)
}

func openMonitor(t *testing.T, cfg *Config, path string) (*Monitor, *history.DB) {
	t.Helper()
	dsn, err := cfg.StoreDSN(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	db, err := history.Open(context.Background(), dsn, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := New(cfg, db, Options{ConfigPath: path, Engine: engine(), Version: "test"})
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return m, db
}

// TestMonitorLab is the "done when" on a real ClickHouse: the first run finds
// the open server and alerts once; after the server gets a password the next run
// records the findings as resolved and alerts that; a restarted monitor keeps the
// history and repeats no alert.
func TestMonitorLab(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testMonitorLab(t, "store: history.db") })
	t.Run("postgres", func(t *testing.T) {
		t.Setenv("LW_TEST_STORE_URL", postgresDSN(t))
		testMonitorLab(t, "store_env: LW_TEST_STORE_URL")
	})
}

// postgresDSN makes a new database on the lab's shared open PostgreSQL server.
func postgresDSN(t *testing.T) string {
	pg := labtest.PostgresOpen(t)
	base := fmt.Sprintf("postgres://postgres@%s", pg.Addr())
	name := fmt.Sprintf("lw_monitor_%d_%d", os.Getpid(), time.Now().UnixNano())
	if err := pg.Exec(context.Background(), "postgres", "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	return base + "/" + name + "?sslmode=disable"
}

func testMonitorLab(t *testing.T, store string) {
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{DisplayName: "monitor-lab"}, false)
	seedSmall(t, ch)
	t.Setenv("LW_TEST_HOOK_SECRET", "hook-secret-1")
	hook, hookURL := newHookReceiver(t, "hook-secret-1")
	dir := t.TempDir()
	cfg := monitorConfig(t, dir, ch, hookURL, store)

	// First monitor process: run_on_start scans at once.
	m, db := openMonitor(t, cfg, filepath.Join(dir, "monitor.yaml"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	start := time.Now()
	first := hook.wait(t, 1, 60*time.Second)[0]
	t.Logf("first scan and alert took %v", time.Since(start))
	if first.Group != "lab" || first.Previous != 0 {
		t.Errorf("first alert = %+v", first)
	}
	kinds := map[string]int{}
	for _, e := range first.Events {
		kinds[e.Kind]++
		if e.Kind == alert.NewSecretKind && e.Redacted == "" {
			t.Errorf("secret-kind event without redacted evidence: %+v", e)
		}
	}
	if kinds[alert.NewExposure] == 0 || kinds[alert.NewSecretKind] < 2 {
		t.Errorf("first alert events = %v", kinds)
	}
	raw, _ := json.Marshal(first)
	for _, secret := range []string{lab.NewSynth(7).GitHubToken()} {
		if strings.Contains(string(raw), secret) {
			t.Error("raw secret in the alert")
		}
	}

	// The server gets a password: restart it on the same ports and data with a new
	// users.xml.
	if err := ch.Stop(); err != nil {
		t.Fatal(err)
	}
	sctx, scancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer scancel()
	ch2, err := lab.StartClickHouse(sctx, lab.ClickHouseConfig{Dir: ch.Dir, Host: ch.Host, HTTPPort: ch.HTTPPort,
		NativePort: ch.NativePort, Password: "now-protected-pw", DisplayName: "monitor-lab"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ch2.Stop() })

	if err := m.TriggerScan("lab", "manual"); err != nil {
		t.Fatal(err)
	}
	second := hook.wait(t, 2, 60*time.Second)[1]
	resolved := 0
	for _, e := range second.Events {
		if e.Kind != alert.Resolved {
			t.Errorf("unexpected event after the password: %+v", e)
		}
		resolved++
	}
	if resolved < 3 || second.Previous == 0 || second.Run <= first.Run {
		t.Errorf("second alert: %d resolved, previous %d, run %d", resolved, second.Previous, second.Run)
	}
	if got := testutil.ToFloat64(m.Metrics().openServices.WithLabelValues("lab")); got != 0 {
		t.Errorf("open services gauge = %v after the password", got)
	}
	// The counter moves just after the receiver answers.
	for deadline := time.Now().Add(5 * time.Second); testutil.ToFloat64(m.Metrics().deliveries.WithLabelValues("hook", "delivered")) != 2; {
		if time.Now().After(deadline) {
			t.Errorf("deliveries = %v", testutil.ToFloat64(m.Metrics().deliveries.WithLabelValues("hook", "delivered")))
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	runsBefore, _ := db.Runs(context.Background(), history.RunFilter{})
	db.Close()

	// A new monitor on the same store: nothing is lost and nothing is sent again.
	m2, db2 := openMonitor(t, cfg, filepath.Join(dir, "monitor.yaml"))
	defer db2.Close()
	ctx2, cancel2 := context.WithCancel(context.Background())
	done2 := make(chan error, 1)
	go func() { done2 <- m2.Run(ctx2) }()
	runs, err := db2.Runs(context.Background(), history.RunFilter{})
	if err != nil || len(runs) != len(runsBefore) || len(runs) != 2 {
		t.Fatalf("after restart: %d runs (had %d), %v", len(runs), len(runsBefore), err)
	}
	// The last run is recent and the interval is an hour: no scan at start.
	time.Sleep(300 * time.Millisecond)
	if st := m2.Groups(); len(st) != 1 || st[0].Next.Before(time.Now().Add(50*time.Minute)) {
		t.Errorf("after restart the next scan is due at %v", st[0].Next)
	}
	run3, err := m2.ScanNow(context.Background(), "lab", "manual")
	if err != nil {
		t.Fatal(err)
	}
	if run3.OpenServices != 0 || run3.Services != 2 {
		t.Errorf("third run = %+v", run3)
	}
	time.Sleep(500 * time.Millisecond) // give a duplicate every chance to show up
	cancel2()
	<-done2
	hook.mu.Lock()
	defer hook.mu.Unlock()
	if len(hook.alerts) != 2 || hook.bad != 0 {
		t.Errorf("receiver got %d alerts (%d badly signed), want exactly 2", len(hook.alerts), hook.bad)
	}
	for k, n := range hook.keys {
		if n != 1 {
			t.Errorf("key %s delivered %d times", k, n)
		}
	}
	// The stored history says the same.
	rep1, err := db2.Report(context.Background(), first.Run)
	if err != nil {
		t.Fatal(err)
	}
	rep2, _ := db2.Report(context.Background(), second.Run)
	d := history.Compare(rep1, rep2)
	gained := false
	for _, c := range d.Changed {
		gained = gained || c.Kind == history.ChangeAuthGained
	}
	if len(d.Resolved) < 3 || !gained {
		t.Errorf("stored diff: %d resolved, changes %+v", len(d.Resolved), d.Changed)
	}
	for _, f := range rep1.Findings {
		if f.Value != "" {
			t.Error("raw value in history")
		}
		if f.Category == finding.Exposure && f.Severity < finding.High {
			t.Errorf("exposure rated %v", f.Severity)
		}
	}
}

func TestReloadKeepsOldConfigOnError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "m.yaml")
	write := func(s string) {
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("groups:\n  - name: a\n    targets: [127.0.0.1]\n    ports: \"1\"\n    schedule: {interval: 1h, run_on_start: false}\n")
	cfg, err := LoadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	db, err := history.Open(context.Background(), filepath.Join(dir, "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := New(cfg, db, Options{ConfigPath: p, Engine: engine()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { _ = m.Run(ctx) }()

	write("groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1h}\n    bogus: 1\n")
	if err := m.Reload(); err == nil || !strings.Contains(err.Error(), "line 5") {
		t.Errorf("invalid reload: %v", err)
	}
	write("groups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1h}\n    credentials:\n      - username: u\n        password_env: LW_TEST_UNSET_VAR\n")
	if err := m.Reload(); err == nil || !strings.Contains(err.Error(), "LW_TEST_UNSET_VAR") {
		t.Errorf("reload naming a missing secret: %v", err)
	}
	if g := m.Groups(); len(g) != 1 || g[0].Name != "a" {
		t.Errorf("groups after failed reloads: %+v", g)
	}
	write("groups:\n  - name: b\n    targets: [127.0.0.1]\n    ports: \"1\"\n    schedule: {cron: \"@daily\", run_on_start: false}\n")
	if err := m.Reload(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		g := m.Groups()
		if len(g) == 1 && g[0].Name == "b" && !g[0].Next.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("groups after reload: %+v", g)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := testutil.ToFloat64(m.Metrics().reloads.WithLabelValues("error")); got != 2 {
		t.Errorf("failed reloads counted %v", got)
	}
	if err := m.TriggerScan("a", "manual"); err == nil {
		t.Error("scan of a removed group accepted")
	}
	// A scan of a closed port records a run with no services and no alert.
	run, err := m.ScanNow(context.Background(), "b", "manual")
	if err != nil || run.Status != history.StatusOK || run.Services != 0 {
		t.Errorf("scan of a closed port: %+v %v", run, err)
	}
	if n, _ := db.Pending(context.Background()); n != 0 {
		t.Errorf("%d alerts queued for a run with nothing in it", n)
	}
}

// loadConfigText writes the configuration y to p (0600: the tests' configurations name
// no secrets, but a monitor's file may) and loads it.
func loadConfigText(t *testing.T, p, y string) *Config {
	t.Helper()
	if err := os.WriteFile(p, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := LoadConfig(p)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
