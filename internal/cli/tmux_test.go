package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tmuxSession runs one command in a detached tmux session of its own (a private server
// socket, no configuration file) on a screen of cols×rows, and stops it when the test ends.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-S", s.socket, "-f", "/dev/null"}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		s.t.Fatalf("tmux %v: %v: %s", args, err, errb.String())
	}
	return out.String()
}

// TestScanHostileNamesInTmux is issue 10's terminal test: leakwatch scans the real
// servers seeded with hostile names and writes its text report straight to a terminal
// (a tmux pane, so colours are on, as for a user). The names try to set the pane's title
// (OSC 0), clear the screen and its scroll-back (CSI 2J, 3J), move the cursor home and
// forge report lines. Afterwards the pane title is what it was, and the first screen
// still shows the report from its first line to its CRITICAL findings: nothing cleared.
func TestScanHostileNamesInTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but tmux is missing (scripts/install-deps.sh installs it): %v", err)
		}
		t.Skipf("tmux is not installed: %v", err)
	}
	targets := hostileTargets(t)
	// The same scan's report, to know what the screen must show: as wide as the pane.
	t.Setenv("COLUMNS", "400")
	_, want, _ := runCLI(t, "", scanArgs("text", targets)...)
	wantLines := strings.Split(strings.TrimRight(want, "\n"), "\n")

	dir := t.TempDir()
	s := &tmuxSession{t: t, socket: filepath.Join(dir, "tmux.sock")}
	args, _ := json.Marshal(scanArgs("text", targets))
	// The test binary is leakwatch when subprocessEnv is set (see init in watchqueries_test.go).
	script := filepath.Join(dir, "run.sh")
	body := "#!/bin/sh\n" + shellQuote(os.Args[0]) + " -test.run='^$'\necho __LEAKWATCH_DONE__\nexec sleep 120\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	// A screen tall and wide enough for the whole report: what scrolls away is not lost
	// to an attack, and what the attack clears would be missing from it.
	const cols = 400
	rows := 20
	for _, l := range wantLines {
		rows += len([]rune(l))/cols + 1
	}
	s.run("new-session", "-d", "-s", "lw", "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows), "-e", subprocessEnv+"="+string(args),
		"-e", "TERM=tmux-256color", script)
	t.Cleanup(func() { _ = exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	titleBefore := strings.TrimSpace(s.run("display-message", "-p", "-t", "lw", "#{pane_title}"))

	var screen string
	deadline := time.Now().Add(60 * time.Second)
	for {
		screen = s.run("capture-pane", "-p", "-J", "-t", "lw")
		if strings.Contains(screen, "__LEAKWATCH_DONE__") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the scan did not finish in the pane; screen:\n%s", screen)
		}
		time.Sleep(200 * time.Millisecond)
	}
	titleAfter := strings.TrimSpace(s.run("display-message", "-p", "-t", "lw", "#{pane_title}"))
	if titleAfter != titleBefore || strings.Contains(titleAfter, "PWNED") {
		t.Errorf("the pane title changed from %q to %q", titleBefore, titleAfter)
	}
	history := s.run("capture-pane", "-p", "-t", "lw", "-S", "-")
	if strings.Contains(history, "PWNED") && !strings.Contains(history, `\x1b]0;PWNED-TITLE`) {
		t.Errorf("the attack ran instead of being shown")
	}
	lines := strings.Split(screen, "\n")
	if !strings.HasPrefix(lines[0], "leakwatch ") {
		t.Errorf("the first line of the screen is %q, not the report's headline: the screen was cleared or scrolled\n%s", lines[0], screen)
	}
	for _, w := range []string{"CRITICAL ClickHouse answers without a password", "CRITICAL PostgreSQL", "FOUND IN SAMPLED DATA",
		`forged\nCRITICAL FORGED line`} {
		if !strings.Contains(screen, w) {
			t.Errorf("the first screen lacks %q:\n%s", w, screen)
		}
	}
	// Every line of the report is on the screen, in order, at column 0 as written.
	at := 0
	for _, w := range wantLines {
		i := indexFrom(lines, at, strings.TrimRight(w, " "))
		if i < 0 {
			t.Errorf("the screen lacks the report line %q (after line %d):\n%s", w, at, screen)
			break
		}
		at = i + 1
	}
	for i, l := range lines {
		if strings.HasPrefix(l, "CRITICAL FORGED") {
			t.Errorf("screen line %d was forged by a server: %q", i+1, l)
		}
	}
}

// took is the one part of two runs of the same scan that differs.
var took = regexp.MustCompile(`finished in [0-9.]+[a-zµ]*s`)

func indexFrom(lines []string, from int, want string) int {
	want = took.ReplaceAllString(want, "")
	for i := from; i < len(lines); i++ {
		if took.ReplaceAllString(strings.TrimRight(lines[i], " "), "") == want {
			return i
		}
	}
	return -1
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
