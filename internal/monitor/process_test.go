package monitor_test

// Tests with real `leakwatch monitor` processes: the test binary doubles as the
// leakwatch binary (built from this tree, with the race detector), so a test can send
// it SIGTERM or SIGKILL, run it as another user, and start it again on the same store.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

const beLeakwatch = "LEAKWATCH_TEST_BE_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(beLeakwatch) == "1" {
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(labtest.Run(m))
}

// proc is one leakwatch process and what it printed.
type proc struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	out    bytes.Buffer
	exited chan struct{}
	code   int
}

type procOpts struct {
	exe  string // the binary (default: this test binary)
	dir  string
	env  []string
	cred *syscall.Credential
}

func startLeakwatch(t *testing.T, o procOpts, args ...string) *proc {
	t.Helper()
	exe := o.exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			t.Fatal(err)
		}
	}
	p := &proc{exited: make(chan struct{})}
	p.cmd = exec.Command(exe, args...)
	p.cmd.Dir = o.dir
	p.cmd.Env = append(append(os.Environ(), beLeakwatch+"=1"), o.env...)
	// The monitor dies with the test binary, however that dies.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Credential: o.cred}
	pr, pw := io.Pipe()
	p.cmd.Stdout, p.cmd.Stderr = pw, pw
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			p.mu.Lock()
			p.out.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
		}
	}()
	go func() {
		err := p.cmd.Wait()
		pw.Close()
		p.code = p.cmd.ProcessState.ExitCode()
		if err != nil && p.code == 0 {
			p.code = -1
		}
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			_ = p.cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("leakwatch %v output:\n%s", args, p.logs())
		}
	})
	return p
}

func (p *proc) logs() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

func (p *proc) waitLog(t *testing.T, re string, within time.Duration) []string {
	t.Helper()
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(within)
	for {
		if m := rx.FindStringSubmatch(p.logs()); m != nil {
			return m
		}
		select {
		case <-p.exited:
			if m := rx.FindStringSubmatch(p.logs()); m != nil {
				return m
			}
			t.Fatalf("leakwatch exited (%d) before logging %q:\n%s", p.code, re, p.logs())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %q:\n%s", within, re, p.logs())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (p *proc) wait(t *testing.T, within time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
		return p.code
	case <-time.After(within):
		t.Fatalf("leakwatch did not exit within %v:\n%s", within, p.logs())
		return 0
	}
}

// run runs leakwatch to completion and returns its exit code and output.
func run(t *testing.T, o procOpts, args ...string) (int, string) {
	t.Helper()
	p := startLeakwatch(t, o, args...)
	code := p.wait(t, 2*time.Minute)
	<-time.After(50 * time.Millisecond) // the output reader catches up
	return code, p.logs()
}

// tarpit accepts connections and never says anything: a scan of it is still in flight
// seconds later.
func tarpit(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	})
	return ln.Addr().(*net.TCPAddr).Port
}

func writeConfig(t *testing.T, dir, y string) string {
	t.Helper()
	p := filepath.Join(dir, "monitor.yaml")
	if err := os.WriteFile(p, []byte(y), 0o644); err != nil { // no secrets in it; other users read it in one test
		t.Fatal(err)
	}
	return p
}

func runs(t *testing.T, dsn string) []history.Run {
	t.Helper()
	d, err := history.Open(context.Background(), dsn, history.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rs, err := d.Runs(context.Background(), history.RunFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestSIGTERMIsAnOrderlyStop is issue 17 row 5: SIGTERM during a scan stops the
// monitor with exit 0, logs the stop at INFO and nothing at ERROR, and stores no
// partial run for the scan it cut short.
func TestSIGTERMIsAnOrderlyStop(t *testing.T) {
	dir := t.TempDir()
	port := tarpit(t)
	cfg := writeConfig(t, dir, fmt.Sprintf(`store: h.db
web: {disabled: true}
groups:
  - name: slow
    targets: [127.0.0.1]
    ports: "%d"
    schedule: {interval: 1h}
    scan: {timeout: 60s, io_timeout: 30s, connect_timeout: 5s}
`, port))
	p := startLeakwatch(t, procOpts{dir: dir, env: []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg")}}, "monitor", "--config", cfg)
	p.waitLog(t, `msg="scan started"`, 30*time.Second)
	time.Sleep(500 * time.Millisecond)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	code := p.wait(t, 20*time.Second)
	logs := p.logs()
	if code != 0 {
		t.Fatalf("exit %d after SIGTERM:\n%s", code, logs)
	}
	if strings.Contains(logs, "level=ERROR") {
		t.Fatalf("an orderly stop logged errors:\n%s", logs)
	}
	if !strings.Contains(logs, `level=INFO msg="scan stopped by shutdown; not recorded"`) || !strings.Contains(logs, `msg=stopped`) {
		t.Fatalf("the stop is not logged at INFO:\n%s", logs)
	}
	if rs := runs(t, filepath.Join(dir, "h.db")); len(rs) != 0 {
		t.Fatalf("a scan cut short by SIGTERM was stored: %+v", rs)
	}
}

// TestKill9MidScan: SIGKILL in the middle of a scan leaves a store that opens, holds
// no half-written run, and is scanned into again by the next start.
func TestKill9MidScan(t *testing.T) {
	dir := t.TempDir()
	port := tarpit(t)
	cfg := writeConfig(t, dir, fmt.Sprintf(`store: h.db
web: {disabled: true}
groups:
  - name: slow
    targets: [127.0.0.1]
    ports: "%d"
    schedule: {interval: 1h}
    scan: {timeout: 3s, io_timeout: 2s, connect_timeout: 1s}
`, port))
	o := procOpts{dir: dir, env: []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg")}}
	p := startLeakwatch(t, o, "monitor", "--config", cfg)
	p.waitLog(t, `msg="scan started"`, 30*time.Second)
	time.Sleep(300 * time.Millisecond)
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 10*time.Second)
	if rs := runs(t, filepath.Join(dir, "h.db")); len(rs) != 0 {
		t.Fatalf("a killed scan left runs: %+v", rs)
	}
	p2 := startLeakwatch(t, o, "monitor", "--config", cfg)
	p2.waitLog(t, `msg="scan recorded"`, 60*time.Second)
	_ = p2.cmd.Process.Signal(syscall.SIGTERM)
	if code := p2.wait(t, 20*time.Second); code != 0 {
		t.Fatalf("second monitor exit %d", code)
	}
	if rs := runs(t, filepath.Join(dir, "h.db")); len(rs) != 1 || rs[0].Status != history.StatusOK {
		t.Fatalf("after restart: %+v", rs)
	}
}

// hook is a webhook receiver that can be told to hang.
type hook struct {
	mu      sync.Mutex
	hang    bool
	keys    []string
	arrived chan string
	release chan struct{}
}

func newHook(t *testing.T) (*hook, string) {
	h := &hook{arrived: make(chan string, 16), release: make(chan struct{})}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		h.mu.Lock()
		if h.hang {
			close(h.release)
			h.hang = false
		}
		h.mu.Unlock()
		_ = srv.Close()
	})
	return h, "http://" + ln.Addr().String() + "/hook"
}

func (h *hook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	key := r.Header.Get(alert.IdempotencyHeader)
	h.mu.Lock()
	hang := h.hang
	h.keys = append(h.keys, key)
	h.mu.Unlock()
	h.arrived <- key
	if hang {
		select {
		case <-h.release:
		case <-r.Context().Done():
		}
		http.Error(w, "gone", http.StatusServiceUnavailable)
	}
}

// TestKill9MidDelivery: a monitor SIGKILLed while its receiver holds an alert's
// request loses nothing: the next start delivers the alert (same idempotency key),
// records it once, and does not scan again before the schedule says.
func TestKill9MidDelivery(t *testing.T) {
	rd := labtest.RedisOpen(t)
	h, url := newHook(t)
	h.hang = true
	dir := t.TempDir()
	cfg := writeConfig(t, dir, fmt.Sprintf(`store: h.db
web: {disabled: true}
groups:
  - name: cache
    targets: ["redis://%s"]
    schedule: {interval: 1h}
alerts:
  - name: hook
    type: webhook
    url: %s
    timeout: 60s
delivery: {initial_backoff: 200ms, max_backoff: 1s}
`, rd.Addr(), url))
	o := procOpts{dir: dir, env: []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg")}}
	p := startLeakwatch(t, o, "monitor", "--config", cfg, "--log-level", "info")
	var key string
	select {
	case key = <-h.arrived:
	case <-time.After(90 * time.Second):
		t.Fatalf("no alert arrived:\n%s", p.logs())
	}
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 10*time.Second)
	h.mu.Lock()
	h.hang = false
	close(h.release)
	h.mu.Unlock()

	p2 := startLeakwatch(t, o, "monitor", "--config", cfg, "--log-level", "info")
	select {
	case again := <-h.arrived:
		if again != key {
			t.Fatalf("the redelivery has key %q, the first attempt %q", again, key)
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("the alert was not delivered after the restart:\n%s", p2.logs())
	}
	p2.waitLog(t, `msg="alert delivered"`, 30*time.Second)
	time.Sleep(time.Second) // a duplicate would arrive now
	_ = p2.cmd.Process.Signal(syscall.SIGTERM)
	if code := p2.wait(t, 20*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	h.mu.Lock()
	keys := append([]string(nil), h.keys...)
	h.mu.Unlock()
	if len(keys) != 2 || keys[0] != keys[1] {
		t.Fatalf("receiver saw %v, want the one key twice (the killed attempt and the delivery)", keys)
	}
	d, err := history.Open(context.Background(), filepath.Join(dir, "h.db"), history.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rs, _ := d.Runs(context.Background(), history.RunFilter{})
	items, _ := d.Outbox(context.Background(), 10)
	if len(rs) != 1 || len(items) != 1 || items[0].Delivered == nil || items[0].Key != key {
		t.Fatalf("runs %+v, outbox %+v", rs, items)
	}
	if strings.Contains(p2.logs(), `msg="scan started"`) {
		t.Fatalf("the restarted monitor scanned again before the schedule:\n%s", p2.logs())
	}
}

// readOnlyStore makes dir unwritable for the leakwatch processes the test starts: as
// root (whom permissions do not stop) by running them as nobody, with the store's files
// readable by nobody and the directory still root's; otherwise by taking away the
// directory's write permission. It returns the options to start leakwatch with.
func readOnlyStore(t *testing.T, base, storeDir string) procOpts {
	t.Helper()
	xdg := filepath.Join(base, "xdg")
	if err := os.MkdirAll(xdg, 0o700); err != nil {
		t.Fatal(err)
	}
	o := procOpts{dir: base, env: []string{"XDG_CONFIG_HOME=" + xdg}}
	if os.Geteuid() != 0 {
		if err := os.Chmod(storeDir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(storeDir, 0o755) })
		return o
	}
	const nobody = 65534
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(base, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	o.exe = filepath.Join(bin, "leakwatch")
	in, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.OpenFile(o.exe, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	in.Close()
	out.Close()
	ents, _ := os.ReadDir(storeDir)
	for _, e := range ents {
		if err := os.Chown(filepath.Join(storeDir, e.Name()), nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chown(xdg, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{base, storeDir} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	o.cred = &syscall.Credential{Uid: nobody, Gid: nobody, NoSetGroups: true}
	return o
}

// TestReadOnlySQLiteStore is issue 17 row 4: with the store's directory read-only, the
// monitor refuses to start with an error naming the directory and the permission
// problem, while `history` and `diff` (which only read) work.
func TestReadOnlySQLiteStore(t *testing.T) {
	base, err := os.MkdirTemp("", "leakwatch-ro-store-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(base, "store"), 0o755); _ = os.RemoveAll(base) })
	storeDir := filepath.Join(base, "store")
	path := filepath.Join(storeDir, "history.db")
	db, err := history.Open(context.Background(), path, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if _, err := db.SaveRun(context.Background(), history.RunRecord{Group: "lab", Trigger: "schedule", Started: time.Now(),
			Err: fmt.Errorf("run %d", i)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	cfg := writeConfig(t, base, "store: store/history.db\nweb: {disabled: true}\ngroups:\n  - name: lab\n    targets: [127.0.0.1]\n"+
		"    ports: \"1\"\n    schedule: {interval: 1h}\n")
	o := readOnlyStore(t, base, storeDir)

	code, out := run(t, o, "monitor", "--config", cfg)
	if code != 2 || !strings.Contains(out, storeDir) || !strings.Contains(out, "not writable") {
		t.Fatalf("monitor on a read-only store: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "(1544)") && !strings.Contains(out, storeDir) {
		t.Fatalf("SQLite's bare message:\n%s", out)
	}
	code, out = run(t, o, "history", "--store", path)
	if code != 0 || !regexp.MustCompile(`(?m)^2\s+lab\s`).MatchString(out) {
		t.Fatalf("history on a read-only store: exit %d\n%s", code, out)
	}
	code, out = run(t, o, "history", "--config", cfg, "--format", "json")
	if code != 0 || !strings.Contains(out, `"group": "lab"`) {
		t.Fatalf("history --config on a read-only store: exit %d\n%s", code, out)
	}
	code, out = run(t, o, "diff", "1", "2", "--store", path)
	if code != 0 || !strings.Contains(out, "1") {
		t.Fatalf("diff on a read-only store: exit %d\n%s", code, out)
	}
	if ents, _ := os.ReadDir(storeDir); len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("reading left files in the store's directory: %v", names)
	}
}

var metricRE = func(name string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `(?:\{[^}]*\})? (\S+)$`)
}

// scrape reads one metric from the monitor's /metrics.
func scrape(t *testing.T, base, token, name string) (float64, bool) {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := metricRE(name).FindStringSubmatch(string(b))
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	return v, err == nil
}

// TestStoreDownSpoolsRuns is issue 17 row 6: the PostgreSQL history store goes away for
// a while; the monitor keeps scanning, spools every finished run (0600), reports
// leakwatch_store_up 0 and leakwatch_spooled_runs, never a negative metric; it is then
// SIGKILLed, the store comes back, and the next start records every spooled run, in
// order. No scan is lost.
func TestStoreDownSpoolsRuns(t *testing.T) {
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	ctx := context.Background()
	if err := pg.Exec(ctx, "postgres", "CREATE DATABASE lw_spool"); err != nil {
		t.Fatal(err)
	}
	dsn := fmt.Sprintf("postgres://postgres@%s/lw_spool?sslmode=disable&connect_timeout=2", pg.Addr())
	dir := t.TempDir()
	spoolDir := filepath.Join(dir, "spool")
	const token = "spool-test-token-0123456789"
	cfg := writeConfig(t, dir, fmt.Sprintf(`store_env: LW_TEST_STORE
spool: {dir: spool, max_runs: 500}
web:
  listen: 127.0.0.1:0
  token_env: LW_TEST_TOKEN
groups:
  - name: closed
    targets: [127.0.0.1]
    ports: "1"
    schedule: {interval: 1s}
`))
	o := procOpts{dir: dir, env: []string{"XDG_CONFIG_HOME=" + filepath.Join(dir, "xdg"), "LW_TEST_STORE=" + dsn, "LW_TEST_TOKEN=" + token}}
	p := startLeakwatch(t, o, "monitor", "--config", cfg)
	base := p.waitLog(t, `dashboard on (http://127\.0\.0\.1:\d+)/`, 30*time.Second)[1]
	waitRuns := func(n int, within time.Duration) []history.Run {
		deadline := time.Now().Add(within)
		for {
			if rs := runs(t, dsn); len(rs) >= n {
				return rs
			}
			if time.Now().After(deadline) {
				t.Fatalf("fewer than %d runs after %v:\n%s", n, within, p.logs())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitRuns(2, 30*time.Second)
	if up, ok := scrape(t, base, token, "leakwatch_store_up"); !ok || up != 1 {
		t.Fatalf("leakwatch_store_up = %v %v with the store up", up, ok)
	}

	if err := pg.Pause(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	var spooled float64
	for spooled < 4 {
		if time.Now().After(deadline) {
			t.Fatalf("runs spooled: %v\n%s", spooled, p.logs())
		}
		time.Sleep(200 * time.Millisecond)
		for _, name := range []string{"leakwatch_alerts_pending", "leakwatch_store_up", "leakwatch_spooled_runs"} {
			if v, ok := scrape(t, base, token, name); ok && v < 0 {
				t.Fatalf("%s = %v while the store is down", name, v)
			}
		}
		spooled, _ = scrape(t, base, token, "leakwatch_spooled_runs")
	}
	if up, ok := scrape(t, base, token, "leakwatch_store_up"); !ok || up != 0 {
		t.Fatalf("leakwatch_store_up = %v %v with the store down", up, ok)
	}
	ents, err := os.ReadDir(spoolDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if info, _ := e.Info(); info.Mode().Perm() != 0o600 {
			t.Fatalf("spooled run %s has mode %v", e.Name(), info.Mode())
		}
	}
	if st, _ := os.Stat(spoolDir); st.Mode().Perm() != 0o700 {
		t.Fatalf("spool directory mode %v", st.Mode())
	}
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	p.wait(t, 10*time.Second)
	logs1 := p.logs()
	recorded1 := strings.Count(logs1, `msg="scan recorded"`)
	spooled1 := strings.Count(logs1, "the run waits in the spool")
	files, _ := os.ReadDir(spoolDir)
	if spooled1 < 4 || len(files) != spooled1 {
		t.Fatalf("%d runs reported spooled, %d files in the spool", spooled1, len(files))
	}

	if err := pg.Resume(ctx); err != nil {
		t.Fatal(err)
	}
	p2 := startLeakwatch(t, o, "monitor", "--config", cfg)
	p2.waitLog(t, `msg="spooled runs recorded"`, 60*time.Second)
	time.Sleep(2 * time.Second)
	_ = p2.cmd.Process.Signal(syscall.SIGTERM)
	if code := p2.wait(t, 20*time.Second); code != 0 {
		t.Fatalf("second monitor: exit %d", code)
	}
	logs2 := p2.logs()
	recorded2 := strings.Count(logs2, `msg="scan recorded"`) + strings.Count(logs2, "the run waits in the spool")
	rs := runs(t, dsn)
	if want := recorded1 + spooled1 + recorded2; len(rs) != want {
		t.Fatalf("%d runs in the store, want %d (%d recorded, %d spooled, then %d by the second monitor)",
			len(rs), want, recorded1, spooled1, recorded2)
	}
	// In the order they finished.
	for i := 1; i < len(rs); i++ { // newest first
		if rs[i].Finished.After(rs[i-1].Finished) {
			t.Fatalf("run %d finished after run %d", rs[i].ID, rs[i-1].ID)
		}
	}
	if files, _ := os.ReadDir(spoolDir); len(files) != 0 {
		t.Fatalf("%d runs left in the spool", len(files))
	}
}
