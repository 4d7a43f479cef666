package lab

import (
	"context"
	"crypto/tls"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestChildDiesWithParent proves the Pdeathsig wiring: a helper process starts a child
// through StartProcess and exits without stopping it; the child must die too.
func TestChildDiesWithParent(t *testing.T) {
	if os.Getenv("LAB_HELPER_DIR") != "" {
		p, err := StartProcess(context.Background(), ProcessSpec{Name: "sleeper", Path: "sleep", Args: []string{"60"}, Dir: os.Getenv("LAB_HELPER_DIR")})
		if err != nil {
			fmt.Println("ERR", err)
			os.Exit(3)
		}
		fmt.Println("PID", p.Pid())
		os.Exit(0) // no Stop: the kernel must clean up
	}
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep binary")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildDiesWithParent$")
	cmd.Env = append(os.Environ(), "LAB_HELPER_DIR="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	f := strings.Fields(string(out))
	if len(f) < 2 || f[0] != "PID" {
		t.Fatalf("helper said %q", out)
	}
	pid, err := strconv.Atoi(f[1])
	if err != nil || pid <= 0 {
		t.Fatalf("helper said %q", out)
	}
	deadline := time.Now().Add(5 * time.Second)
	for ProcessAlive(pid) {
		if time.Now().After(deadline) {
			_ = exec.Command("kill", "-9", strconv.Itoa(pid)).Run()
			t.Fatalf("child %d outlived its parent", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestProcessReadyAndStop(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "ready")
	p, err := StartProcess(context.Background(), ProcessSpec{
		Name: "sh", Path: "sh", Args: []string{"-c", "echo hello; touch " + marker + "; exec sleep 60"}, Dir: dir,
		Ready: func(context.Context) error {
			if _, err := os.Stat(marker); err != nil {
				return err
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ProcessAlive(p.Pid()) || !p.LogContains("hello") {
		t.Fatalf("alive=%v logs=%q", ProcessAlive(p.Pid()), p.Logs())
	}
	if err := p.Stop(); err != nil {
		t.Fatal(err)
	}
	if ProcessAlive(p.Pid()) {
		t.Fatal("still alive after Stop")
	}
	if err := p.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}

	// A process that exits before it is ready fails fast, with its output in the error.
	t0 := time.Now()
	_, err = StartProcess(context.Background(), ProcessSpec{Name: "dies", Path: "sh", Args: []string{"-c", "echo boom >&2; exit 4"}, Dir: dir,
		Ready: func(context.Context) error { return fmt.Errorf("never") }, ReadyTimeout: 20 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "boom") || time.Since(t0) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(t0))
	}
}

func TestPorts(t *testing.T) {
	p, err := FreePort("127.0.0.1")
	if err != nil || p <= 0 || !PortFree("127.0.0.1", p) {
		t.Fatalf("FreePort = %d, %v", p, err)
	}
	if ProcessAlive(0) || ProcessAlive(1<<30) || !ProcessAlive(os.Getpid()) {
		t.Fatal("ProcessAlive wrong")
	}
}

func TestManifestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	m, err := ReadManifest(dir)
	if err != nil || len(m.Servers) != 0 {
		t.Fatalf("empty dir: %+v %v", m, err)
	}
	in := &Manifest{Servers: []ServerRecord{{Name: "a", Kind: "clickhouse", Pid: os.Getpid(), Dir: "/nonexistent-dir-xyz", Targets: []string{"127.0.0.1:1"}}}}
	if err := WriteManifest(dir, in); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(dir, ManifestFile))
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v", st.Mode())
	}
	out, err := ReadManifest(dir)
	if err != nil || out.Servers[0].Name != "a" || out.Servers[0].Targets[0] != "127.0.0.1:1" {
		t.Fatalf("round trip: %+v %v", out, err)
	}
	// Our own pid with another directory is not that server: a recycled pid is never
	// signalled.
	if out.Servers[0].Running() {
		t.Fatal("recycled pid taken for the server")
	}
	if err := StopRecord(out.Servers[0], time.Second); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, ManifestFile), []byte("{"), 0o600)
	if _, err := ReadManifest(dir); err == nil {
		t.Fatal("broken manifest read")
	}
}

func TestSelfSignedCert(t *testing.T) {
	c, k, err := WriteSelfSignedCert(t.TempDir(), "127.0.0.2")
	if err != nil {
		t.Fatal(err)
	}
	pair, err := tls.LoadX509KeyPair(c, k)
	if err != nil || len(pair.Certificate) != 1 {
		t.Fatalf("key pair: %v", err)
	}
}

func TestSyntheticFormats(t *testing.T) {
	s := NewSynth(1)
	for range 50 {
		g := s.GitHubToken()
		body, sum := g[4:34], g[34:]
		if !strings.HasPrefix(g, "ghp_") || len(g) != 40 || base62Pad(uint64(crc32.ChecksumIEEE([]byte(body))), 6) != sum {
			t.Fatalf("bad GitHub token %q", g)
		}
		if o := s.OpenAIKey(); !strings.HasPrefix(o, "sk-proj-") || !strings.Contains(o, "T3BlbkFJ") {
			t.Fatalf("bad OpenAI key %q", o)
		}
		if a := s.AnthropicKey(); len(a) != 108 || !strings.HasSuffix(a, "AA") {
			t.Fatalf("bad Anthropic key %q (%d)", a, len(a))
		}
		if d := s.DeepSeekKey(); len(d) != 35 {
			t.Fatalf("bad DeepSeek key %q", d)
		}
		id, sec := s.AWSKeyPair()
		if len(id) != 20 || !strings.HasPrefix(id, "AKIA") || len(sec) != 40 {
			t.Fatalf("bad AWS pair %q %q", id, sec)
		}
		if j := s.JWT(); strings.Count(j, ".") != 2 || !strings.HasPrefix(j, "eyJ") {
			t.Fatalf("bad JWT %q", j)
		}
	}
	if NewSynth(7).OpenAIKey() != NewSynth(7).OpenAIKey() {
		t.Fatal("not deterministic")
	}
	if q := sqlString(`a'b\c`); q != `'a\'b\\c'` {
		t.Fatalf("sqlString = %s", q)
	}
}
