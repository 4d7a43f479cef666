package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

// The test binary doubles as the leakwatch binary for tests that need a real process
// (signals): with this variable set it runs Main on the JSON-encoded arguments.
const subprocessEnv = "LEAKWATCH_CLI_TEST_ARGS"

func init() {
	if a := os.Getenv(subprocessEnv); a != "" {
		var args []string
		if err := json.Unmarshal([]byte(a), &args); err != nil {
			os.Exit(99)
		}
		os.Exit(Main(args, os.Stdin, os.Stdout, os.Stderr))
	}
}

// attacker runs queries on the lab server from 127.0.0.9, as the default user.
func attacker(t *testing.T, ch *lab.ClickHouse, queries ...string) {
	t.Helper()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP("127.0.0.9")}}
	c := &http.Client{Transport: &http.Transport{DialContext: d.DialContext, Proxy: nil}, Timeout: 30 * time.Second}
	defer c.CloseIdleConnections()
	for _, q := range queries {
		req, _ := http.NewRequest(http.MethodPost, "http://"+ch.HTTPAddr()+"/", strings.NewReader(q))
		req.Header.Set("User-Agent", "sqlmap/1.7")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	// 18.16 writes query_log rows at its flush interval (500 ms in the lab).
	time.Sleep(700 * time.Millisecond)
	if _, err := ch.Query(context.Background(), "SYSTEM FLUSH LOGS"); err != nil {
		t.Fatal(err)
	}
}

func watchLab(t *testing.T) *lab.ClickHouse {
	return labtest.ClickHouseFresh(t, lab.ClickHouseConfig{Users: []lab.ClickHouseUser{
		{Name: "watcher", Password: "w-pw", Profile: lab.ProfileReadonly}}}, false)
}

// TestWatchQueriesOnce: --once reports the new findings, exits 1, and a second run on
// the same state file reports nothing and exits 0.
func TestWatchQueriesOnce(t *testing.T) {
	ch := watchLab(t)
	state := filepath.Join(t.TempDir(), "state.json")
	t.Setenv("LW_TEST_WATCHER_PW", "w-pw")
	args := []string{"watch-queries", "--once", "--format", "jsonl", "--user", "watcher", "--password-env", "LW_TEST_WATCHER_PW",
		"--state", state, "--allow", "127.0.0.1", "http://" + ch.HTTPAddr()}
	attacker(t, ch, "SHOW DATABASES", "SELECT name FROM system.tables", "SELECT name FROM system.columns",
		"SELECT * FROM url('http://127.0.0.1:1/x', CSV, 'a String')")

	code, stdout, stderr := runCLI(t, "", args...)
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1; stderr %s", code, stderr)
	}
	rules := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(stdout))
	for sc.Scan() {
		var f finding.Finding
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			t.Fatalf("jsonl line %q: %v", sc.Text(), err)
		}
		if f.Category != finding.Intrusion || f.Port != ch.HTTPPort {
			t.Errorf("finding %+v", f)
		}
		rules[f.Rule] = true
	}
	for _, r := range []string{"querywatch-client-not-allowed", "querywatch-default-user-remote", "querywatch-enumeration", "querywatch-table-function"} {
		if !rules[r] {
			t.Errorf("missing %s in\n%s", r, stdout)
		}
	}
	code, stdout, stderr = runCLI(t, "", args...)
	if code != ExitOK || stdout != "" {
		t.Errorf("second run: exit %d, output %q, stderr %s", code, stdout, stderr)
	}
	if st, err := os.Stat(state); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("state file %v", err)
	}

	// Mistakes are exit 2 with a clear message.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"watch-queries", "--once", "--state", state, "--allow", "10.0.0.0/33", ch.HTTPAddr()}, "--allow"},
		{[]string{"watch-queries", "--once", "--state", state, "--sensitive", "a b", ch.HTTPAddr()}, "--sensitive"},
		{[]string{"watch-queries", "--once", "--state", state, "ftp://x"}, "scheme"},
		{[]string{"watch-queries", "--once", "--state", state, "--user", "watcher", "--password", "wrong", ch.HTTPAddr()}, "193"},
		{[]string{"watch-queries", "--once", "--state", state, "--alert-webhook", "not a url", ch.HTTPAddr()}, "--alert-webhook"},
	} {
		code, _, stderr := runCLI(t, "", tc.args...)
		if code != ExitError || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d stderr %q, want 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
}

// TestWatchQueriesContinuous runs leakwatch as a process: it streams jsonl findings to
// a file as they appear, posts them to a signed webhook, and exits 0 on SIGTERM.
func TestWatchQueriesContinuous(t *testing.T) {
	ch := watchLab(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "alerts.jsonl")

	var mu sync.Mutex
	var hooks [][]byte
	secret := "hook-secret-1"
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if err := alert.Verify([]byte(secret), b, r.Header.Get(alert.SignatureHeader), time.Now(), time.Minute); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		mu.Lock()
		hooks = append(hooks, b)
		mu.Unlock()
	}))
	defer hook.Close()

	args, _ := json.Marshal([]string{"watch-queries", "--interval", "1s", "--format", "jsonl", "-o", out,
		"--state", filepath.Join(dir, "state.json"), "--user", "watcher", "--password", "w-pw",
		"--alert-webhook", hook.URL, "--alert-webhook-secret-env", "LW_HOOK_SECRET", ch.HTTPAddr()})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), subprocessEnv+"="+string(args), "LW_HOOK_SECRET="+secret)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
		}
	}()

	time.Sleep(1500 * time.Millisecond) // first poll done
	attacker(t, ch, "SELECT * FROM file('/etc/passwd', CSV, 'a String')")
	deadline := time.Now().Add(10 * time.Second)
	var lines []string
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(out)
		lines = strings.Split(strings.TrimSpace(string(b)), "\n")
		mu.Lock()
		n := len(hooks)
		mu.Unlock()
		if strings.Contains(string(b), "querywatch-table-function") && n > 0 {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "querywatch-table-function") {
		t.Fatalf("no finding streamed to %s: %q\nstderr: %s", out, lines, stderr.String())
	}
	mu.Lock()
	if len(hooks) == 0 {
		t.Errorf("webhook got nothing")
	} else {
		var a alert.Alert
		if err := json.Unmarshal(hooks[0], &a); err != nil || len(a.Events) == 0 || a.Events[0].Kind != "intrusion" {
			t.Errorf("webhook payload %s: %v", hooks[0], err)
		}
	}
	mu.Unlock()
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("output file %v", err)
	}

	start := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("after SIGTERM: %v (stderr %s)", err, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watch-queries did not stop on SIGTERM")
	}
	t.Logf("stopped %v after SIGTERM; %d finding line(s) streamed", time.Since(start).Round(time.Millisecond), len(lines))
}
