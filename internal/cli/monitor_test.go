package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// syncBuffer is a bytes.Buffer safe for the command and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestMonitorCommand runs `leakwatch monitor` as a user would against the seeded open
// lab server: it alerts once to a signed webhook, shows the exposure behind the token,
// reloads on SIGHUP (keeping the old configuration when the new one is invalid), and
// its runs are then listed by `leakwatch history` and compared by `leakwatch diff`.
func TestMonitorCommand(t *testing.T) {
	open := labtest.ClickHouseOpen(t)
	var mu sync.Mutex
	var alerts []alert.Alert
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := alert.Verify([]byte("cli-hook-secret"), body, r.Header.Get(alert.SignatureHeader), time.Now(), time.Minute); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		var a alert.Alert
		_ = json.Unmarshal(body, &a)
		mu.Lock()
		alerts = append(alerts, a)
		mu.Unlock()
	}))
	defer hook.Close()

	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "monitor.yaml")
	config := func(interval string) string {
		return fmt.Sprintf(`store: history.db
web:
  listen: 127.0.0.1:0
  token_env: LW_TEST_WEB_TOKEN
groups:
  - name: lab
    targets: [%s]
    ports: "%d,%d"
    schedule:
      interval: %s
alerts:
  - name: local
    type: webhook
    url: %s
    secret_env: LW_TEST_HOOK_SECRET
`, open.Host, open.HTTPPort, open.NativePort, interval, hook.URL)
	}
	if err := os.WriteFile(cfgPath, []byte(config("1h")), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("LW_TEST_WEB_TOKEN", "cli-test-token-0123456789")
	t.Setenv("LW_TEST_HOOK_SECRET", "cli-hook-secret")

	var stdout, stderr syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
	root := newRoot(e)
	root.SetArgs([]string{"monitor", "--config", cfgPath})
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- root.ExecuteContext(ctx) }()

	addrRE := regexp.MustCompile(`dashboard on (http://127\.0\.0\.1:\d+)/`)
	waitFor(t, "the dashboard address", 30*time.Second, func() bool { return addrRE.MatchString(stderr.String()) })
	base := addrRE.FindStringSubmatch(stderr.String())[1]
	waitFor(t, "the first alert", 90*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(alerts) == 1 })
	t.Logf("first scan and alert after %v", time.Since(start))

	get := func(path, token string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/api/summary", ""); code != 401 {
		t.Errorf("summary without token: %d", code)
	}
	code, body := get("/api/summary", "cli-test-token-0123456789")
	var sum struct {
		BySeverity   map[string]int `json:"by_severity"`
		OpenServices int            `json:"open_services"`
	}
	if err := json.Unmarshal([]byte(body), &sum); err != nil || code != 200 || sum.BySeverity["critical"] == 0 || sum.OpenServices == 0 {
		t.Errorf("summary: %d %s", code, body)
	}
	if code, body := get("/metrics", "cli-test-token-0123456789"); code != 200 || !strings.Contains(body, `leakwatch_scans_total{group="lab",status="ok"} 1`) {
		t.Errorf("metrics: %d\n%s", code, body)
	}

	// SIGHUP with an invalid file: the running configuration stays.
	if err := os.WriteFile(cfgPath, []byte(config("1h")+"bogus: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reload error", 10*time.Second, func() bool { return strings.Contains(stderr.String(), "keeping the running configuration") })
	if !regexp.MustCompile(`line \d+: field bogus not found`).MatchString(stderr.String()) {
		t.Errorf("reload error without a line number:\n%s", stderr.String())
	}
	// A valid one takes over.
	if err := os.WriteFile(cfgPath, []byte(config("2h")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reload", 10*time.Second, func() bool {
		_, body := get("/api/summary", "cli-test-token-0123456789")
		return strings.Contains(body, "every 2h0m0s")
	})

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("monitor: %v\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("monitor did not stop")
	}
	if strings.Contains(stderr.String(), "cli-hook-secret") || strings.Contains(stderr.String(), "cli-test-token-0123456789") {
		t.Error("a secret was logged")
	}
	if st, err := os.Stat(filepath.Join(dir, "history.db")); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("history file: %v %v", st, err)
	}

	code2, out, errOut := runCLI(t, "", "history", "--config", cfgPath)
	if code2 != 0 || !strings.Contains(out, "RUN") || !strings.Contains(out, "lab") {
		t.Errorf("history: %d\n%s\n%s", code2, out, errOut)
	}
	code2, out, errOut = runCLI(t, "", "diff", "1", "1", "--store", filepath.Join(dir, "history.db"), "--format", "markdown")
	if code2 != 0 || !strings.Contains(out, "# leakwatch diff: run 1 → run 1") || !strings.Contains(out, "No changes.") {
		t.Errorf("diff: %d\n%s\n%s", code2, out, errOut)
	}
}

func TestHistoryAndDiffUsageErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"history"}, "--store"},
		{[]string{"history", "--store", filepath.Join(dir, "none.db")}, "no history store"},
		{[]string{"diff", "1"}, "accepts 2 arg"},
		{[]string{"diff", "a", "b", "--store", "x.db"}, "not a run number"},
		{[]string{"diff", "1", "2", "--store", "x.db", "--format", "xml"}, "--format"},
		{[]string{"monitor"}, "--config is required"},
		{[]string{"monitor", "--config", filepath.Join(dir, "missing.yaml")}, "missing.yaml"},
	}
	for _, c := range cases {
		code, _, stderr := runCLI(t, "", c.args...)
		if code != ExitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q)", c.args, code, stderr, c.want)
		}
	}
	// A remote listen address without opt-in is refused before anything starts.
	p := filepath.Join(dir, "m.yaml")
	_ = os.WriteFile(p, []byte("web:\n  listen: 0.0.0.0:8080\ngroups:\n  - name: a\n    targets: [127.0.0.1]\n    schedule: {interval: 1h}\n"), 0o600)
	code, _, stderr := runCLI(t, "", "monitor", "--config", p)
	if code != ExitError || !strings.Contains(stderr, "line 2") || !strings.Contains(stderr, "allow_remote") {
		t.Errorf("remote listen: exit %d, %q", code, stderr)
	}
}
