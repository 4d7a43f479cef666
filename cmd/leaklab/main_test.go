package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func leaklab(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	code := run(ctx, args, &out, &errb)
	return out.String(), errb.String(), code
}

func TestUpTargetsDown(t *testing.T) {
	labtest.RequireClickHouse(t)
	labtest.RequirePostgres(t)
	labtest.RequireMariaDB(t)
	labtest.RequireRedis(t)
	labtest.RequireMemcached(t)
	labtest.RequireEtcd(t)
	labtest.RequireInfluxDB(t)
	labtest.RequirePrometheus(t)
	dir := t.TempDir()
	t.Cleanup(func() { leaklab(t, "down", "--dir", dir) }) // whatever happens, no server outlives the test

	out, errs, code := leaklab(t, "up", "--dir", dir, "--free-ports")
	if code != 0 {
		t.Fatalf("up: exit %d\n%s", code, errs)
	}
	targets := strings.Fields(out)
	if len(targets) < 8+len(servers())-2 { // ClickHouse: 4 interfaces each; the others: at least 1
		t.Fatalf("up printed %q", out)
	}
	for _, tg := range targets {
		c, err := net.DialTimeout("tcp", tg, time.Second)
		if err != nil {
			t.Fatalf("target %s: %v", tg, err)
		}
		c.Close()
	}
	st, err := os.Stat(filepath.Join(dir, lab.ManifestFile))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("lab.json: %v %v", st, err)
	}
	m, err := lab.ReadManifest(dir)
	if err != nil || len(m.Servers) != len(servers()) || m.Servers[1].Password == "" || m.Servers[0].Password != "" {
		t.Fatalf("manifest %+v %v", m, err)
	}

	// Already running: a second up starts nothing and prints the same targets.
	out2, errs, code := leaklab(t, "up", "--dir", dir, "--free-ports")
	if code != 0 || out2 != out || !strings.Contains(errs, "already running") {
		t.Fatalf("second up: exit %d, %q, %s", code, out2, errs)
	}
	tout, _, code := leaklab(t, "targets", "--dir", dir)
	if code != 0 || tout != out {
		t.Fatalf("targets: exit %d %q", code, tout)
	}

	// A server that died is restarted by up, and targets says so meanwhile.
	dead := m.Servers[0]
	if err := syscall.Kill(dead.Pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100 && dead.Running(); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if _, errs, code := leaklab(t, "targets", "--dir", dir); code == 0 || !strings.Contains(errs, "not running") {
		t.Fatalf("targets with a dead server: exit %d %s", code, errs)
	}
	if _, errs, code := leaklab(t, "up", "--dir", dir, "--free-ports"); code != 0 || !strings.Contains(errs, "clickhouse-protected already running") {
		t.Fatalf("up after a crash: exit %d %s", code, errs)
	}
	m2, _ := lab.ReadManifest(dir)
	if len(m2.Servers) != len(servers()) || !m2.Servers[1].Running() || m2.Servers[1].Pid != m.Servers[1].Pid {
		t.Fatalf("manifest after a restart lost the running server: %+v", m2.Servers)
	}
	if !m2.Servers[0].Running() || m2.Servers[0].Pid == dead.Pid {
		t.Fatalf("dead server not restarted: %+v", m2.Servers[0])
	}

	_, errs, code = leaklab(t, "down", "--dir", dir)
	if code != 0 {
		t.Fatalf("down: exit %d %s", code, errs)
	}
	for _, r := range m2.Servers {
		if r.Running() {
			t.Fatalf("%s still running after down", r.Name)
		}
		if _, err := os.Stat(r.Dir); !os.IsNotExist(err) {
			t.Fatalf("%s data left behind: %v", r.Name, err)
		}
	}
	if _, _, code := leaklab(t, "targets", "--dir", dir); code == 0 {
		t.Fatal("targets after down succeeded")
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"bogus"}, {"up", "extra"}, {"up", "--nope"}} {
		if _, _, code := leaklab(t, args...); code != 2 {
			t.Errorf("leaklab %q: exit %d, want 2", args, code)
		}
	}
	if _, errs, code := leaklab(t, "targets", "--dir", t.TempDir()); code != 1 || !strings.Contains(errs, "no lab here") {
		t.Errorf("targets on an empty dir: exit %d %s", code, errs)
	}
	if _, _, code := leaklab(t, "down", "--dir", t.TempDir()); code != 0 {
		t.Errorf("down on an empty dir: exit %d", code)
	}
}
