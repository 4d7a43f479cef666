package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/report/htmltest"
	"github.com/leakwatch/leakwatch/internal/report/summary"
)

func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but tmux is missing (scripts/install-deps.sh installs it): %v", err)
		}
		t.Skipf("tmux is not installed: %v", err)
	}
}

// reportTargets are the lab servers the report tests scan: the incident's open
// ClickHouse, the key-value stores whose findings are grouped by key pattern, and the
// servers seeded with hostile names (whose escaping lengthens lines).
func reportTargets(t *testing.T) []string {
	t.Helper()
	ch := labtest.ClickHouseOpen(t)
	return append([]string{"http://" + ch.HTTPAddr(), "redis://" + labtest.RedisOpen(t).Addr(),
		"http://" + labtest.EtcdOpen(t).Addr(), labtest.MemcachedOpen(t).Addr()}, hostileTargets(t)...)
}

// inTmux runs leakwatch with args in a detached tmux pane of cols columns (its own
// server, no configuration, a long scroll-back) and returns the whole pane history with
// the lines the terminal wrapped joined again (capture-pane -J): a line wider than the
// pane shows up as one line wider than the pane.
func inTmux(t *testing.T, cols int, args []string) []string {
	t.Helper()
	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: filepath.Join(dir, "tmux.sock")}
	a, _ := json.Marshal(args)
	script := filepath.Join(dir, "run.sh")
	body := "#!/bin/sh\n" + shellQuote(os.Args[0]) + " -test.run='^$'\necho __LEAKWATCH_DONE__\nexec sleep 300\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	s.run("start-server", ";", "set-option", "-g", "history-limit", "100000", ";",
		"new-session", "-d", "-s", "lw", "-x", strconv.Itoa(cols), "-y", "50", "-e", subprocessEnv+"="+string(a),
		"-e", "TERM=tmux-256color", "-e", "COLUMNS=", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	if w := strings.TrimSpace(s.run("display-message", "-p", "-t", "lw", "#{pane_width}")); w != strconv.Itoa(cols) {
		t.Fatalf("pane is %s columns wide, want %d", w, cols)
	}
	deadline := time.Now().Add(3 * time.Minute)
	for {
		out := s.run("capture-pane", "-p", "-J", "-S", "-", "-t", "lw")
		if strings.Contains(out, "__LEAKWATCH_DONE__") {
			return strings.Split(strings.TrimRight(out, "\n"), "\n")
		}
		if time.Now().After(deadline) {
			t.Fatalf("the scan did not finish in the pane; screen:\n%s", out)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

var keyLine = regexp.MustCompile(`db0\.user:\d`)

// TestTextReportFitsTmux is issue 14's width test: a scan of real lab servers (the
// incident's ClickHouse, Redis, etcd, Memcached, and servers with hostile names, whose
// escaping makes strings longer) writes its text report to a terminal of 80 and of 120
// columns; no line of it is wider than the terminal (display width, as the terminal
// draws it), the report starts with its headline block per exposed service, and the
// key-value stores' findings are grouped by key pattern.
func TestTextReportFitsTmux(t *testing.T) {
	requireTmux(t)
	args := scanArgs("text", reportTargets(t))
	widths := []int{80, 120}
	screens := make([][]string, len(widths))
	var wg sync.WaitGroup
	for i, cols := range widths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			screens[i] = inTmux(t, cols, args)
		}()
	}
	wg.Wait()
	for i, cols := range widths {
		lines := screens[i]
		widest := 0
		for n, l := range lines {
			w := runewidth.StringWidth(l)
			widest = max(widest, w)
			if w > cols {
				t.Errorf("%d columns: line %d is %d wide: %q", cols, n+1, w, l)
			}
		}
		text := strings.Join(lines, "\n")
		exposed, services := strings.Index(text, "\nEXPOSED\n"), strings.Index(text, "\nSERVICES\n")
		if !strings.HasPrefix(strings.TrimSpace(text), "leakwatch ") || exposed < 0 || services < exposed {
			t.Errorf("%d columns: the report does not start with its headline blocks:\n%.3000s", cols, text)
		}
		for _, want := range []string{"— open to anyone", "rows of chat logs in default.log_stream from 2025-01-06",
			"kinds of secrets", "db0.user:{n}", "/app/users/{n}", "items.user:profile:{n}"} {
			if !strings.Contains(text, want) {
				t.Errorf("%d columns: the report lacks %q", cols, want)
			}
		}
		if keyLine.MatchString(text) || strings.Contains(text, "/./") || strings.Contains(text, "(s)") {
			t.Errorf("%d columns: a key listed one by one, an etcd key shown twice, or a (s) plural:\n%s", cols, text)
		}
		t.Logf("%d columns: %d lines, the widest %d columns", cols, len(lines), widest)
	}
}

// scanJSONFile scans targets with --reveal and returns the JSON report and its path.
func scanJSONFile(t *testing.T, targets []string, extra ...string) (*finding.Report, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "scan.json")
	args := append(append(scanArgs("json", targets), "-o", path), extra...)
	if code, _, stderr := runCLI(t, "", args...); code != ExitFindings {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var rep finding.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	return &rep, path
}

// TestHTMLReportOfLabInChromium: the HTML report of a real lab scan, written with
// --reveal, opened in headless Chromium: the ClickHouse headline is there, the Redis
// findings are grouped, no raw value is on the page, and the screenshot shows a page.
func TestHTMLReportOfLabInChromium(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	targets := []string{"http://" + ch.HTTPAddr(), "redis://" + labtest.RedisOpen(t).Addr()}
	rep, _ := scanJSONFile(t, targets, "--reveal")
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if code, _, stderr := runCLI(t, "", append(scanArgs("html", targets), "--reveal", "-o", page)...); code != ExitFindings {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	raws := rawValues(t, rep)
	for _, v := range raws {
		if strings.Contains(string(b), v) {
			t.Fatalf("the HTML report holds a raw value (%s…)", v[:4])
		}
	}
	p := htmltest.Open(t, page)
	heads := htmltest.Eval[string](p, `Array.from(document.querySelectorAll('#exposed .headline')).map(e => e.innerText).join('\n')`)
	if !strings.Contains(heads, "ClickHouse "+ch.HTTPAddr()+" — open to anyone") || !strings.Contains(heads, "Redis ") {
		t.Errorf("headlines: %q", heads)
	}
	if data := p.Text("#data"); !strings.Contains(data, "db0.user:{n}") || keyLine.MatchString(data) {
		t.Errorf("the Redis findings are not grouped by key pattern:\n%.2000s", data)
	}
	p.Screenshot(dir, "lab-report.png")
}

// rawValues are the secret values of a --reveal report: the planted values it found.
func rawValues(t *testing.T, rep *finding.Report) []string {
	t.Helper()
	var raws []string
	for _, f := range rep.Findings {
		if f.Category == finding.Secret && len(f.Value) >= 8 {
			raws = append(raws, f.Value)
		}
	}
	if len(raws) < 10 {
		t.Fatalf("only %d raw secrets in a --reveal report of the lab", len(raws))
	}
	return raws
}

// TestDiscloseLabReport is issue 14's disclosure test: scan the lab's open ClickHouse
// and Redis with --reveal, write the JSON report, and run leakwatch disclose on it in
// both formats. The notice names the table, its rows and its time range, says how it
// was observed and whom it tried to reach, and holds none of the raw values — neither
// those in the report nor those planted in the server (read back from it).
func TestDiscloseLabReport(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	rep, path := scanJSONFile(t, []string{"http://" + ch.HTTPAddr(), "redis://" + labtest.RedisOpen(t).Addr()}, "--reveal")
	raws := rawValues(t, rep)
	planted, err := ch.Query(t.Context(), "SELECT value FROM default.app_config FORMAT TSVRaw")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range strings.Split(planted, "\n") {
		if len(v) >= 12 {
			raws = append(raws, v)
		}
	}
	var logStream *finding.Dataset
	for i := range rep.Services {
		for j, d := range rep.Services[i].Datasets {
			if d.Table == "log_stream" {
				logStream = &rep.Services[i].Datasets[j]
			}
		}
	}
	if logStream == nil || logStream.TimeRange == nil {
		t.Fatal("log_stream not in the report")
	}
	for _, format := range []string{"markdown", "text"} {
		code, out, stderr := runCLI(t, "", "disclose", path, "--host", "127.0.0.1", "--format", format)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		// Markdown escapes what could be markup ({, }, @, …): compare the text it shows.
		flat := strings.ReplaceAll(strings.Join(strings.Fields(out), " "), `\`, "")
		for _, want := range []string{
			"ClickHouse at 127.0.0.1:", "Redis at 127.0.0.1:", "default.log_stream: " + summary.Count(logStream.Rows, "row", "rows"),
			"from " + logStream.TimeRange.Min + " to " + logStream.TimeRange.Max, "rows of chat logs in default.log_stream",
			"db0.user:{n}", "read-only", "RDAP abuse contact of 127.0.0.1: a loopback address", "How to fix it",
		} {
			if !strings.Contains(flat, want) && !strings.Contains(flat, strings.ToUpper(want)) {
				t.Errorf("%s notice lacks %q", format, want)
			}
		}
		for _, v := range raws {
			if strings.Contains(out, v) {
				t.Errorf("%s notice holds a raw value (%s…, %d bytes)", format, v[:4], len(v))
			}
		}
		if format == "markdown" && !strings.HasPrefix(out, "# Security notice: ") {
			t.Errorf("markdown notice starts %.80q", out)
		}
	}
	// -o writes a private file; --host with a port keeps to that service.
	notice := filepath.Join(t.TempDir(), "notice.md")
	if code, _, stderr := runCLI(t, "", "disclose", path, "--host", ch.HTTPAddr(), "--no-rdap", "-o", notice); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	st, err := os.Stat(notice)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("notice file: %v %v", st, err)
	}
	b, _ := os.ReadFile(notice)
	if strings.Contains(string(b), "Redis at") || !strings.Contains(string(b), "not asked (--no-rdap)") {
		t.Errorf("notice for one service:\n%s", b)
	}
}

func TestDiscloseUsageErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "x.json")
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(notJSON, []byte("not json"), 0o600)
	os.WriteFile(empty, []byte(`{"services":[],"findings":[]}`), 0o600)
	other := filepath.Join(dir, "other.json")
	rep := finding.Report{Services: []finding.Service{{Host: "10.0.0.1", Port: 6379, Product: "redis", Auth: finding.AuthNone}}}
	b, _ := json.Marshal(rep)
	os.WriteFile(other, b, 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"disclose"}, "one report file"},
		{[]string{"disclose", notJSON}, "--host is required"},
		{[]string{"disclose", notJSON, "--host", "h"}, "not a JSON report"},
		{[]string{"disclose", empty, "--host", "h"}, "holds no services"},
		{[]string{"disclose", filepath.Join(dir, "missing.json"), "--host", "h"}, "no such file"},
		{[]string{"disclose", other, "--host", "10.0.0.2"}, "no service of this host in the report"},
		{[]string{"disclose", other, "--host", "10.0.0.1", "--format", "pdf"}, "want markdown or text"},
	} {
		code, _, stderr := runCLI(t, "", c.args...)
		if code != ExitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	// A report of an open Redis without data is still something to tell its owner.
	if code, out, stderr := runCLI(t, "", "disclose", other, "--host", "10.0.0.1", "--no-rdap", "--format", "text"); code != ExitOK ||
		!strings.Contains(out, "Redis at 10.0.0.1:6379") {
		t.Errorf("exit %d: %s%s", code, out, stderr)
	}
}
