package cli

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
)

// testConfigHome is inherited by the test binary when it runs again as leakwatch (tmux,
// watch-queries tests), so that both processes use one fingerprint key and their
// reports match.
const testConfigHome = "LEAKWATCH_CLI_TEST_CONFIG_HOME"

func init() {
	// Commands create the user's fingerprint key on first use: keep the tests' keys out
	// of the real configuration directory.
	dir := os.Getenv(testConfigHome)
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "leakwatch-cli-test-config-"); err != nil {
			return
		}
		_ = os.Setenv(testConfigHome, dir)
	}
	_ = os.Setenv("XDG_CONFIG_HOME", dir)
}

// TestFingerprintKeyAcrossRuns is issue 10 row 10 from the command line: `detect` run
// twice with the same key file gives the same fingerprints, another key gives others,
// none is the plain SHA-256 of the value, and the default key file is created 0600
// under the user's configuration directory.
func TestFingerprintKeyAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "access.log")
	const ip, mail = "192.168.44.7", "anna.smith7@corp-example.cn"
	if err := os.WriteFile(input, []byte("GET / from "+ip+" {\"user\": {\"email\": \""+mail+"\"}}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fingerprints := func(args ...string) map[string]string {
		t.Helper()
		code, out, errOut := runCLI(t, "", append([]string{"detect", "--format", "jsonl", input}, args...)...)
		if code != ExitFindings && code != ExitOK {
			t.Fatalf("detect: exit %d\n%s", code, errOut)
		}
		got := map[string]string{}
		for _, f := range parseJSONL(t, out) {
			got[f.Rule] = f.SHA256 + " " + f.Redacted
		}
		if got["ip-address"] == "" || got["email"] == "" {
			t.Fatalf("detect found %v", got)
		}
		return got
	}
	keyA := filepath.Join(dir, "a.key")
	first, second := fingerprints("--fingerprint-key", keyA), fingerprints("--fingerprint-key", keyA)
	if fmt.Sprint(first) != fmt.Sprint(second) {
		t.Fatalf("same key, two runs, different fingerprints:\n%v\n%v", first, second)
	}
	if st, err := os.Stat(keyA); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", st, err)
	}
	other := fingerprints("--fingerprint-key", filepath.Join(dir, "b.key"))
	if other["ip-address"] == first["ip-address"] {
		t.Fatal("two keys gave the same fingerprint")
	}
	for _, v := range []string{ip, mail} {
		sum := sha256.Sum256([]byte(v))
		for _, got := range []map[string]string{first, other} {
			for _, fp := range got {
				if strings.HasPrefix(fp, hex.EncodeToString(sum[:])) {
					t.Fatalf("the plain SHA-256 of %q is in the output", v)
				}
			}
		}
	}
	if !strings.HasSuffix(first["ip-address"], " 1…(12)") || !strings.HasSuffix(first["email"], " a…(27)") {
		t.Errorf("redacted personal data shows too much: %v", first)
	}
	// The default: the user's key, made on first use, the same on every run.
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	d1, d2 := fingerprints(), fingerprints()
	if fmt.Sprint(d1) != fmt.Sprint(d2) || d1["ip-address"] == first["ip-address"] {
		t.Fatalf("default key: %v then %v", d1, d2)
	}
	if st, err := os.Stat(filepath.Join(dir, "config", "leakwatch", "fingerprint.key")); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("default key file: %v %v", st, err)
	}
	// No place to keep the user's key (XDG_CONFIG_HOME is a file here, as good as a
	// read-only file system): the run still gets keyed fingerprints, from a one-off key,
	// and says so.
	notDir := filepath.Join(dir, "not-a-dir")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", notDir)
	code, out, errOut := runCLI(t, "", "detect", "--format", "jsonl", input)
	if code != ExitFindings && code != ExitOK || !strings.Contains(errOut, "one-off key") {
		t.Fatalf("without a key file: exit %d\n%s", code, errOut)
	}
	for _, f := range parseJSONL(t, out) {
		if sum := sha256.Sum256([]byte(ip)); f.Rule == "ip-address" && (f.SHA256 == "" || f.SHA256 == hex.EncodeToString(sum[:]) ||
			f.SHA256+" "+f.Redacted == d1["ip-address"]) {
			t.Fatalf("one-off fingerprint %q", f.SHA256)
		}
	}
	// The environment names a key file too.
	t.Setenv(KeyFileEnv, keyA)
	if env := fingerprints(); fmt.Sprint(env) != fmt.Sprint(first) {
		t.Fatalf("$%s: %v, want %v", KeyFileEnv, env, first)
	}
	// A key other users can read is refused.
	if err := os.Chmod(keyA, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI(t, "", "detect", input, "--fingerprint-key", keyA); code != ExitError || !strings.Contains(errOut, "chmod 600") {
		t.Fatalf("world-readable key: exit %d %s", code, errOut)
	}
}

// startMonitorCLI runs `leakwatch monitor` in-process with config y and returns its
// stderr and a stop function.
func startMonitorCLI(t *testing.T, dir, y string) (*syncBuffer, func() error) {
	t.Helper()
	cfgPath := filepath.Join(dir, "monitor.yaml")
	if err := os.WriteFile(cfgPath, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr syncBuffer
	e := &env{stdout: &stdout, stderr: &stderr}
	root := newRoot(e)
	root.SetArgs([]string{"monitor", "--config", cfgPath})
	root.SetOut(&stdout)
	root.SetErr(&stderr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			return fmt.Errorf("monitor did not stop")
		}
	}
	t.Cleanup(func() { _ = stop() })
	return &stderr, stop
}

var dashRE = regexp.MustCompile(`dashboard on (https?://[0-9.:\[\]]+)/`)

// TestMonitorDashboardSafety is issue 10 rows 12 and 13 from the command line: the
// first-start token goes to its 0600 file and only the path is printed; TLS gives
// Secure cookies; allow_remote without TLS needs insecure_http and is loudly warned
// about.
func TestMonitorDashboardSafety(t *testing.T) {
	dir := t.TempDir()
	cert, key, err := lab.WriteSelfSignedCert(dir, "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	const groups = "groups:\n  - name: a\n    targets: [127.0.0.1]\n    ports: \"1\"\n    schedule: {interval: 1h, run_on_start: false}\n"
	stderr, stop := startMonitorCLI(t, dir, fmt.Sprintf("store: h.db\nweb:\n  listen: 127.0.0.1:0\n  token_store: state/token\n"+
		"  tls_cert: %s\n  tls_key: %s\n%s", cert, key, groups))
	waitFor(t, "the dashboard", 30*time.Second, func() bool { return dashRE.MatchString(stderr.String()) })
	base := dashRE.FindStringSubmatch(stderr.String())[1]
	tokenPath := filepath.Join(dir, "state", "token")
	b, err := os.ReadFile(tokenPath)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(string(b))
	if st, _ := os.Stat(tokenPath); len(token) < 40 || st.Mode().Perm() != 0o600 {
		t.Fatalf("token file: %d characters, mode %v", len(token), st.Mode())
	}
	if strings.Contains(stderr.String(), token) {
		t.Fatalf("the dashboard token was printed:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), tokenPath) {
		t.Fatalf("the token file's path was not printed:\n%s", stderr.String())
	}
	if !strings.HasPrefix(base, "https://") {
		t.Fatalf("dashboard at %s with tls_cert", base)
	}
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}} // our own self-signed lab certificate
	resp, err := client.Get(base + "/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cs := resp.Cookies(); len(cs) == 0 || !cs[0].Secure || resp.Header.Get("Strict-Transport-Security") == "" {
		t.Fatalf("cookies under TLS: %+v", cs)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	// A second start reads the token and prints nothing about it.
	stderr2, stop2 := startMonitorCLI(t, dir, fmt.Sprintf("store: h.db\nweb:\n  listen: 127.0.0.1:0\n  token_store: state/token\n%s", groups))
	waitFor(t, "the dashboard", 30*time.Second, func() bool { return dashRE.MatchString(stderr2.String()) })
	if strings.Contains(stderr2.String(), token) || strings.Contains(stderr2.String(), "generated") {
		t.Fatalf("second start:\n%s", stderr2.String())
	}
	_ = stop2()

	// allow_remote on 0.0.0.0 without TLS: refused, unless insecure_http, then warned.
	code, _, errOut := runCLI(t, "", "monitor", "--config", writeFile(t, dir, "remote.yaml",
		"store: h.db\nweb:\n  listen: 0.0.0.0:0\n  allow_remote: true\n  token_store: state/token\n"+groups))
	if code != ExitError || !strings.Contains(errOut, "tls_cert") {
		t.Fatalf("allow_remote without TLS: exit %d %s", code, errOut)
	}
	stderr3, stop3 := startMonitorCLI(t, dir, "store: h.db\nweb:\n  listen: 0.0.0.0:0\n  allow_remote: true\n  insecure_http: true\n"+
		"  token_store: state/token\n"+groups)
	waitFor(t, "the warning", 30*time.Second, func() bool { return strings.Contains(stderr3.String(), "WARNING") })
	if !strings.Contains(stderr3.String(), "WITHOUT TLS") || !strings.Contains(stderr3.String(), "level=WARN") {
		t.Fatalf("insecure_http start:\n%s", stderr3.String())
	}
	_ = stop3()
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHistoryPrune is issue 10 row 14 from the command line: `leakwatch history prune`
// with an explicit retention, a dry run, and the configuration's retention.
func TestHistoryPrune(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "h.db")
	db, err := history.Open(context.Background(), path, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		if _, err := db.SaveRun(context.Background(), history.RunRecord{Group: fmt.Sprint("g", i%2), Trigger: "t",
			Started: time.Now(), Err: fmt.Errorf("run %d", i)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	count := func() int {
		d, err := history.Open(context.Background(), path, history.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		runs, _ := d.Runs(context.Background(), history.RunFilter{Limit: 100})
		return len(runs)
	}
	code, out, errOut := runCLI(t, "", "history", "prune", "--store", path, "--keep", "2", "--dry-run")
	if code != 0 || !strings.Contains(out, "would delete 4 runs of 2 groups") || count() != 8 {
		t.Fatalf("dry run: %d %q %s, %d runs left", code, out, errOut, count())
	}
	code, out, errOut = runCLI(t, "", "history", "prune", "--store", path, "--keep", "3", "--vacuum")
	if code != 0 || !strings.Contains(out, "deleted 2 runs of 2 groups") || count() != 6 {
		t.Fatalf("keep 3: %d %q %s, %d runs left", code, out, errOut, count())
	}
	cfg := writeFile(t, dir, "m.yaml", "store: h.db\nhistory:\n  retention: 1 runs\n"+
		"groups:\n  - name: g0\n    targets: [127.0.0.1]\n    schedule: {interval: 1h}\n")
	if code, out, errOut = runCLI(t, "", "history", "prune", "--config", cfg); code != 0 || count() != 2 {
		t.Fatalf("configured retention: %d %q %s, %d runs left", code, out, errOut, count())
	}
	if code, _, errOut = runCLI(t, "", "history", "prune", "--store", path); code != ExitError || !strings.Contains(errOut, "--older-than") {
		t.Fatalf("no retention: %d %s", code, errOut)
	}
}
