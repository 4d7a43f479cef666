package target

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// requireTool skips when a scanner is not installed, except in CI, which installs it
// (scripts/install-deps.sh).
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but %s is missing (make deps installs it)", name)
	}
	t.Skipf("%s not installed (make deps installs it)", name)
	return ""
}

func listen(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

// nmap's own XML and grepable output of a loopback scan read back as the ports it found
// open.
func TestReadListRealNmap(t *testing.T) {
	nmap := requireTool(t, "nmap")
	p1, p2 := listen(t), listen(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().(*net.TCPAddr).Port
	l.Close()
	dir := t.TempDir()
	xmlOut, grepOut := filepath.Join(dir, "scan.xml"), filepath.Join(dir, "scan.gnmap")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nmap, "-sT", "-Pn", "-n", "-p", fmt.Sprintf("%d,%d,%d", p1, p2, closed),
		"-oX", xmlOut, "-oG", grepOut, "127.0.0.1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nmap: %v\n%s", err, out)
	}
	want := []string{fmt.Sprintf("127.0.0.1:%d open", p1), fmt.Sprintf("127.0.0.1:%d open", p2)}
	slices.Sort(want)
	for _, f := range []string{xmlOut, grepOut} {
		specs, err := LoadList(f, nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if got := endpoints(specs); !slices.Equal(got, want) {
			t.Errorf("%s: got %q, want %q", filepath.Base(f), got, want)
		}
	}
}

// netPair makes two network namespaces joined by a veth pair — a scanner side at
// 10.201.X.1 and a target side at 10.201.X.2 — for scanners that send raw packets, which
// loopback does not answer. Everything stays inside namespaces the test created.
type netPair struct {
	scanNS, targetNS, scanIf, targetMAC, scanIP, targetIP string
}

func newNetPair(t *testing.T) *netPair {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but the test does not run as root (network namespaces)")
		}
		t.Skip("network namespaces need root")
	}
	requireTool(t, "ip")
	id := strconv.Itoa(os.Getpid() % 200)
	p := &netPair{scanNS: "lwimp-s" + id, targetNS: "lwimp-t" + id, scanIf: "lwis" + id,
		scanIP: "10.201." + id + ".1", targetIP: "10.201." + id + ".2"}
	tif := "lwit" + id
	ip := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("ip", args...).CombinedOutput()
		if err != nil {
			t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	exec.Command("ip", "netns", "del", p.scanNS).Run()
	exec.Command("ip", "netns", "del", p.targetNS).Run()
	ip("netns", "add", p.scanNS)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", p.scanNS).Run() })
	ip("netns", "add", p.targetNS)
	t.Cleanup(func() { exec.Command("ip", "netns", "del", p.targetNS).Run() })
	ip("link", "add", p.scanIf, "netns", p.scanNS, "type", "veth", "peer", "name", tif, "netns", p.targetNS)
	ip("-n", p.scanNS, "addr", "add", p.scanIP+"/24", "dev", p.scanIf)
	ip("-n", p.targetNS, "addr", "add", p.targetIP+"/24", "dev", tif)
	for _, ns := range [][2]string{{p.scanNS, p.scanIf}, {p.targetNS, tif}, {p.scanNS, "lo"}, {p.targetNS, "lo"}} {
		ip("-n", ns[0], "link", "set", ns[1], "up")
	}
	for _, f := range strings.Fields(ip("-n", p.targetNS, "link", "show", tif)) {
		if _, err := net.ParseMAC(f); err == nil && f != "ff:ff:ff:ff:ff:ff" {
			p.targetMAC = f
			break
		}
	}
	if p.targetMAC == "" {
		t.Fatal("no MAC address on the target side")
	}
	return p
}

// listenIn starts a TCP listener on the target side (python3, which the project's
// dependencies install, holding the socket until the test ends).
func (p *netPair) listenIn(t *testing.T, port int) {
	t.Helper()
	py := requireTool(t, "python3")
	cmd := exec.Command("ip", "netns", "exec", p.targetNS, py, "-c",
		`import socket,sys,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], int(sys.argv[2]))); s.listen(16); print("ready", flush=True)
while True:
    c,_=s.accept(); c.close()`, p.targetIP, strconv.Itoa(port))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	ready := make(chan bool, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- strings.HasPrefix(line, "ready")
		io.Copy(io.Discard, stdout)
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("listener did not start")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("listener did not start in 10s")
	}
}

// scanUntil runs a raw-packet scanner a few times until its output, as output(-oL)
// gives it, names every wanted endpoint: a first probe can be lost while the veth link
// comes up.
func scanUntil(t *testing.T, output func(string) string, want []string, run func() error) {
	t.Helper()
	for attempt := 1; ; attempt++ {
		if err := run(); err != nil {
			// zmap 2.1.1 (Debian's) aborts now and then on a tiny target set: its
			// shard iterator can run past the last element and trip an assertion
			// (zmap issue 310, fixed upstream in 2024). That is the scanner's bug, not
			// the reader's: scan again, up to the same three attempts.
			if attempt < 3 && strings.Contains(err.Error(), "constraint_lookup_index") {
				t.Logf("attempt %d: %v", attempt, err)
				continue
			}
			t.Fatalf("scanner: %v", err)
		}
		out := output("-oL")
		specs, err := LoadList(out, nil)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(out), err)
		}
		got := endpoints(specs)
		if slices.Equal(got, want) {
			return
		}
		if attempt == 3 {
			b, _ := os.ReadFile(out)
			t.Fatalf("%s: got %q, want %q\n%s", filepath.Base(out), got, want, b)
		}
	}
}

// masscan's JSON, list and grepable output, and zmap's CSV, written by the real tools
// scanning a namespace of the test's own, read back as the ports they found open.
func TestReadListRealMasscanZmap(t *testing.T) {
	masscan, zmap := requireTool(t, "masscan"), requireTool(t, "zmap")
	p := newNetPair(t)
	p.listenIn(t, 18123)
	p.listenIn(t, 16379)
	dir := t.TempDir()
	run := func(args ...string) func() error {
		return func() error {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			out, err := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", p.scanNS}, args...)...).CombinedOutput()
			if err != nil {
				return fmt.Errorf("%v: %v\n%s", args[0], err, out)
			}
			return nil
		}
	}
	both := []string{p.targetIP + ":16379 open", p.targetIP + ":18123 open"}
	// One scan in masscan's binary format, written out in each text format by masscan
	// itself (--readscan), which is how masscan users convert a scan.
	bin := filepath.Join(dir, "masscan.bin")
	convert := func(o string) string {
		out := filepath.Join(dir, "masscan"+o)
		if err := run(masscan, "--readscan", bin, o, out)(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	scanUntil(t, convert, both, run(masscan, p.targetIP, "-p16379,16380,18123", "--router-mac", p.targetMAC,
		"-e", p.scanIf, "--rate", "100", "--wait", "1", "-oB", bin))
	for _, o := range []string{"-oJ", "-oD", "-oG"} {
		out := convert(o)
		specs, err := LoadList(out, nil)
		if err != nil {
			t.Fatalf("%s: %v", o, err)
		}
		if got := endpoints(specs); !slices.Equal(got, both) {
			t.Errorf("%s: got %q, want %q", o, got, both)
		}
	}
	empty := filepath.Join(dir, "blocklist.conf")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "zmap.csv")
	scanUntil(t, func(string) string { return out }, both[1:], run(zmap, "-p", "18123", "-i", p.scanIf, "-G", p.targetMAC, "-S", p.scanIP,
		"-b", empty, "-O", "csv", "-f", "saddr,sport,success,repeat,classification", "-o", out, "-c", "2", p.targetIP+"/32"))
}
