package alert

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// TestMain (labtest.Run, for the PostgreSQL server) is in untrusted_test.go.

// lockedBuffer collects log lines from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// countingReceiver accepts every delivery and counts requests and connections.
type countingReceiver struct {
	requests atomic.Int64
	conns    atomic.Int64
	keys     sync.Map
}

func newCountingReceiver(t *testing.T) (*countingReceiver, *httptest.Server) {
	r := &countingReceiver{}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		_, _ = io.Copy(io.Discard, req.Body)
		r.requests.Add(1)
		r.keys.Store(req.Header.Get(IdempotencyHeader), true)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			r.conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return r, srv
}

// queueOne records a run with one alert for route "hook" and returns the item's key.
func queueOne(t *testing.T, db *history.DB) string {
	t.Helper()
	a, _ := sampleAlert(t)
	var key string
	_, err := db.SaveRun(context.Background(), history.RunRecord{Group: "lab", Started: time.Now(), Report: &finding.Report{}},
		func(run int64) ([]history.OutboxItem, error) {
			items, err := Outbox("lab", 0, run, a.Events, []Route{{Name: "hook"}}, "", time.Now())
			if len(items) == 1 {
				key = items[0].Key
			}
			return items, err
		})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// TestDeliveryCannotLoop is issue 17 row 1: the store can be read but not written
// (PostgreSQL with default_transaction_read_only; SQLite with another writer holding
// the lock) while one alert is due. The alert is sent once, "delivered" is not logged
// until it is recorded, the failure to record is logged with the route and key, and
// when the store takes writes again the delivery is recorded without a second send.
func TestDeliveryCannotLoop(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		pg := labtest.PostgresOpen(t)
		ctx := context.Background()
		name := fmt.Sprintf("lw_alert_ro_%d", os.Getpid())
		for _, q := range []string{"DROP DATABASE IF EXISTS " + name, "CREATE DATABASE " + name} {
			if err := pg.Exec(ctx, "postgres", q); err != nil {
				t.Fatal(err)
			}
		}
		dsn := fmt.Sprintf("postgres://postgres@%s/%s?sslmode=disable", pg.Addr(), name)
		w, err := history.Open(ctx, dsn, history.Options{})
		if err != nil {
			t.Fatal(err)
		}
		key := queueOne(t, w)
		w.Close()
		if err := pg.Exec(ctx, "postgres", "ALTER DATABASE "+name+" SET default_transaction_read_only = on"); err != nil {
			t.Fatal(err)
		}
		db, err := history.Open(ctx, dsn, history.Options{NoMigrate: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		checkNoLoop(t, db, key, func() {
			if err := pg.Exec(ctx, "postgres", "ALTER DATABASE "+name+" RESET default_transaction_read_only"); err != nil {
				t.Fatal(err)
			}
			// Sessions keep the setting they started with: end them.
			if err := pg.Exec(ctx, "postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"+name+"'"); err != nil {
				t.Fatal(err)
			}
		})
	})
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "h.db")
		db, err := history.Open(ctx, path, history.Options{BusyTimeout: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		key := queueOne(t, db)
		// Another process's long write transaction.
		other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(1000)")
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		conn, err := other.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			t.Fatal(err)
		}
		checkNoLoop(t, db, key, func() {
			if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Fatal(err)
			}
			conn.Close()
		})
	})
}

// checkNoLoop runs a dispatcher for 3 s over a store that cannot record, then calls
// recover and waits for the delivery to be recorded.
func checkNoLoop(t *testing.T, db *history.DB, key string, recover func()) {
	t.Helper()
	rec, srv := newCountingReceiver(t)
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	d := NewDispatcher(db, map[string]Sender{"hook": &Webhook{URL: srv.URL}}, logger)
	d.Backoff = Backoff{Initial: 100 * time.Millisecond, Max: 400 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	time.Sleep(3 * time.Second)
	if n := rec.requests.Load(); n != 1 {
		t.Fatalf("the alert was sent %d times in 3 s while the store could not record it; want once\n%s", n, logs.String())
	}
	l := logs.String()
	if strings.Contains(l, `msg="alert delivered"`) {
		t.Fatalf("\"delivered\" logged before the delivery was recorded:\n%s", l)
	}
	if !strings.Contains(l, "level=ERROR") || !strings.Contains(l, "route=hook") || !strings.Contains(l, "key="+key) {
		t.Fatalf("the failure to record is not logged with route and key:\n%s", l)
	}

	recover()
	deadline := time.Now().Add(15 * time.Second)
	for {
		items, err := db.Outbox(context.Background(), 5)
		if err == nil && len(items) == 1 && items[0].Delivered != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the delivery was never recorded: %+v %v\n%s", items, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if n := rec.requests.Load(); n != 1 {
		t.Fatalf("the alert was sent %d times in all, want once", n)
	}
	if !strings.Contains(logs.String(), `msg="alert delivered"`) || d.Held() != 0 {
		t.Fatalf("after recovery: held %d\n%s", d.Held(), logs.String())
	}
}

// TestWebhookReusesItsConnection is issue 17 row 2: a route keeps one client, so 40
// alerts to a keep-alive receiver use one connection and leave no goroutine behind.
func TestWebhookReusesItsConnection(t *testing.T) {
	rec, srv := newCountingReceiver(t)
	a, payload := sampleAlert(t)
	w := &Webhook{URL: srv.URL, Secret: []byte("k")}
	ctx := context.Background()
	// One delivery first, so that the client's own goroutines count as the baseline.
	if err := w.Send(ctx, a, payload); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	base := runtime.NumGoroutine()
	for range 40 {
		if err := w.Send(ctx, a, payload); err != nil {
			t.Fatal(err)
		}
	}
	if n := rec.requests.Load(); n != 41 {
		t.Fatalf("%d requests, want 41", n)
	}
	if c := rec.conns.Load(); c > 2 {
		t.Fatalf("41 alerts opened %d connections: the route does not keep its client", c)
	}
	if g := runtime.NumGoroutine(); g > base+2 {
		t.Fatalf("goroutines %d → %d after 40 alerts", base, g)
	}
	w.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > base-1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > base-1 {
		t.Errorf("closing the route's idle connections left %d goroutines (baseline with one connection: %d)", g, base)
	}
}

// TestRouteTimeoutIsHonoured is issue 17 row 3: a route's timeout bounds a delivery,
// in both directions: a receiver answering after 16 s is waited for under a 20 s
// timeout (not given up at a hard-coded 15 s), and a 1 s timeout gives up at 1 s.
func TestRouteTimeoutIsHonoured(t *testing.T) {
	a, payload := sampleAlert(t)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(16 * time.Second):
		}
	}))
	t.Cleanup(slow.Close)
	t.Run("long", func(t *testing.T) {
		t.Parallel()
		start := time.Now()
		err := (&Webhook{URL: slow.URL, Timeout: 20 * time.Second}).Send(context.Background(), a, payload)
		if err != nil {
			t.Fatalf("gave up after %v under a 20 s timeout: %v", time.Since(start).Round(100*time.Millisecond), err)
		}
	})
	t.Run("short", func(t *testing.T) {
		t.Parallel()
		start := time.Now()
		err := (&Slack{URL: slow.URL, Timeout: time.Second}).Send(context.Background(), a, payload)
		if took := time.Since(start); err == nil || took > 3*time.Second {
			t.Fatalf("1 s timeout: %v after %v", err, took)
		}
	})
}

// TestCommandGetsMinimalEnvironment is issue 10 row 11: a command hook sees PATH,
// HOME, LANG, the variables its route lists, and the alert's key and route, never the
// monitor's secrets. The command is env itself.
func TestCommandGetsMinimalEnvironment(t *testing.T) {
	a, payload := sampleAlert(t)
	t.Setenv("LW_TEST_HOOK_SECRET", "hmac-secret-the-hook-must-not-see")
	t.Setenv("LEAKWATCH_STORE_URL", "postgres://lw:db-password-xyz@db/leakwatch")
	t.Setenv("LANG", "C.UTF-8")
	out := filepath.Join(t.TempDir(), "env.txt")
	c := &Command{Argv: []string{"/bin/sh", "-c", `exec env > "$1"`, "sh", out}, Env: []string{"PAGER_TEAM=security"}}
	if err := c.Send(context.Background(), a, payload); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	env := string(b)
	for _, secret := range []string{"hmac-secret-the-hook-must-not-see", "db-password-xyz", "LW_TEST_HOOK_SECRET", "LEAKWATCH_STORE_URL"} {
		if strings.Contains(env, secret) {
			t.Fatalf("the hook's environment holds %q:\n%s", secret, env)
		}
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(env), "\n") {
		k, v, _ := strings.Cut(line, "=")
		got[k] = v
	}
	allowed := map[string]bool{"PATH": true, "HOME": true, "LANG": true, "PAGER_TEAM": true, "LEAKWATCH_ALERT_KEY": true,
		"LEAKWATCH_ALERT_ROUTE": true, "PWD": true, "SHLVL": true, "_": true} // the last three are the shell's own
	for k := range got {
		if !allowed[k] {
			t.Errorf("unexpected variable %s in the hook's environment", k)
		}
	}
	if got["PAGER_TEAM"] != "security" || got["LEAKWATCH_ALERT_KEY"] != a.Key || got["LANG"] != "C.UTF-8" || got["PATH"] == "" {
		t.Errorf("environment %v", got)
	}
}

// TestStoreErrorDoesNotIdle: when reading the outbox's next due time fails (the server
// ended the connection, the database went away), the loop looks again after one
// back-off step and says why, instead of sleeping the 30 s idle wait in silence — which
// held a recovered store's delivery past TestDeliveryCannotLoop's deadline.
func TestStoreErrorDoesNotIdle(t *testing.T) {
	ctx := context.Background()
	db, err := history.Open(ctx, filepath.Join(t.TempDir(), "h.db"), history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close() // every query now fails
	var logs lockedBuffer
	d := NewDispatcher(db, nil, slog.New(slog.NewTextHandler(&logs, nil)))
	d.Backoff = Backoff{Initial: 200 * time.Millisecond, Max: time.Second}
	if got := d.nextWake(ctx, 30*time.Second); got > 250*time.Millisecond {
		t.Fatalf("after a store error the loop waits %v; want one back-off step (≤ 240ms)", got)
	}
	if !strings.Contains(logs.String(), "level=ERROR") {
		t.Fatalf("the store error was not logged: %q", logs.String())
	}
}

// A Slack webhook's URL is its secret (whoever has it posts to the channel), and a
// webhook's may carry a token in its query; the HTTP client's errors quote the whole
// URL, and a failed delivery's error goes to the log and into the outbox. Each failure
// (refused, timed out, redirected in a loop) names the host alone.
func TestDeliveryErrorsHideTheRouteURL(t *testing.T) {
	a, payload := sampleAlert(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer hang.Close()
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.String(), http.StatusTemporaryRedirect)
	}))
	defer loop.Close()
	const secret = "T0AAAAAAA/B0BBBBBBB/XyZsEcReTtOkEn123"
	for _, base := range []string{"http://" + closed, hang.URL, loop.URL} {
		for _, r := range []Sender{
			&Slack{URL: base + "/services/" + secret, Timeout: 300 * time.Millisecond},
			&Webhook{URL: base + "/hook?token=" + url.QueryEscape(secret), Timeout: 300 * time.Millisecond},
		} {
			err := r.Send(context.Background(), a, payload)
			if err == nil {
				t.Fatalf("%s: delivered", base)
			}
			if strings.Contains(err.Error(), "XyZsEcReT") || !strings.Contains(err.Error(), strings.TrimPrefix(base, "http://")) {
				t.Errorf("%T to %s: %v", r, base, err)
			}
		}
	}
}
