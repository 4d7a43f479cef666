package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
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
	labtest.RequireFerretDB(t)
	labtest.RequireDocker(t)
	labtest.RequireMinIO(t)
	labtest.RequirePouchDB(t)
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

	checkScan(t, targets, m)

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
	// dockerd's containerd, shims and containers went with it.
	for _, r := range m2.Servers {
		if r.Kind != "docker" {
			continue
		}
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			if cmd, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil && bytes.Contains(cmd, []byte(r.Dir)) {
				t.Fatalf("process %s of %s outlived down: %q", e.Name(), r.Name, cmd)
			}
		}
	}
}

// A server this machine cannot run is skipped with a message that says how to get it,
// and the rest of the lab starts; under CI, which builds everything, it is an error.
func TestUpSkipsWhatIsNotBuilt(t *testing.T) {
	labtest.RequireRedis(t)
	if _, err := exec.LookPath("ferretdb"); err == nil {
		t.Skip("a ferretdb on PATH: nothing to skip")
	}
	t.Setenv("LEAKWATCH_LAB_CACHE", t.TempDir()) // nothing built there
	t.Setenv("CI", "")
	dir := t.TempDir()
	t.Cleanup(func() { leaklab(t, "down", "--dir", dir) })

	out, errs, code := leaklab(t, "up", "--dir", dir, "--free-ports", "--only", "redis-open,ferretdb-open")
	if code != 0 || !strings.Contains(errs, "skipping ferretdb-open: ferretdb not built: run scripts/build-servers.sh ferretdb") ||
		!strings.Contains(errs, "skipped 1 server(s)") {
		t.Fatalf("up: exit %d\n%s", code, errs)
	}
	m, err := lab.ReadManifest(dir)
	if err != nil || len(m.Servers) != 1 || m.Servers[0].Name != "redis-open" || len(strings.Fields(out)) != 1 {
		t.Fatalf("manifest %+v %v, targets %q", m, err, out)
	}

	// Under CI: an error, before anything else starts, and the running server stays
	// recorded.
	t.Setenv("CI", "true")
	_, errs, code = leaklab(t, "up", "--dir", dir, "--free-ports", "--only", "memcached-open,ferretdb-open")
	if code != 1 || !strings.Contains(errs, "ferretdb-open: CI is set but ferretdb not built") {
		t.Fatalf("up under CI: exit %d\n%s", code, errs)
	}
	m2, err := lab.ReadManifest(dir)
	if err != nil || len(m2.Servers) != 1 || m2.Servers[0].Pid != m.Servers[0].Pid {
		t.Fatalf("manifest after the CI failure %+v %v", m2, err)
	}

	// --only leaves the other running servers recorded, so down still stops them.
	t.Setenv("CI", "")
	if _, errs, code = leaklab(t, "up", "--dir", dir, "--free-ports", "--only", "ferretdb-open"); code != 0 {
		t.Fatalf("up of a skipped server beside a running one: exit %d\n%s", code, errs)
	}
	if m3, _ := lab.ReadManifest(dir); len(m3.Servers) != 1 || !m3.Servers[0].Running() {
		t.Fatalf("manifest lost the running server: %+v", m3)
	}
	// Nothing at all to start is an error.
	if _, errs, code = leaklab(t, "up", "--dir", t.TempDir(), "--free-ports", "--only", "ferretdb-open"); code != 1 ||
		!strings.Contains(errs, "no server could start") {
		t.Fatalf("up of nothing that can run: exit %d\n%s", code, errs)
	}
	if _, errs, code := leaklab(t, "up", "--only", "nosuch"); code != 2 || !strings.Contains(errs, `no server named ["nosuch"]`) {
		t.Fatalf("--only nosuch: exit %d %s", code, errs)
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

// checkScan scans the lab as `make demo` does and checks what it must show: every
// protected twin protected and every open one readable; FerretDB, Docker, MinIO and
// pouchdb-server named with their versions and their planted secrets found where they
// were planted.
func checkScan(t *testing.T, targets []string, m *lab.Manifest) {
	t.Helper()
	var out, errb bytes.Buffer
	args := append([]string{"scan", "--format", "json", "--no-progress", "--no-security-txt"}, targets...)
	if code := cli.Main(args, strings.NewReader(""), &out, &errb); code != cli.ExitFindings {
		t.Fatalf("scan: exit %d\n%s", code, errb.String())
	}
	var rep finding.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	planted := map[string][]lab.Planted{"ferretdb": lab.FerretDBPlanted(), "docker": lab.DockerPlanted(),
		"minio": lab.MinIOPlanted(), "pouchdb-server": lab.PouchDBPlanted()}
	products := map[string]string{"ferretdb": "ferretdb", "docker": "docker", "minio": "minio", "pouchdb-server": "pouchdb-server"}
	for _, r := range m.Servers {
		host, port, _ := net.SplitHostPort(r.Targets[0])
		var svc *finding.Service
		for i := range rep.Services {
			if s := &rep.Services[i]; s.Host == host && fmt.Sprint(s.Port) == port {
				svc = s
			}
		}
		want, newKind := products[r.Kind]
		if svc == nil && !newKind {
			// Off its well-known port (--free-ports), a server that says nothing
			// before a login (Prometheus behind basic authentication) is not named.
			t.Logf("%s (%s): not identified off its port", r.Name, r.Targets[0])
			continue
		}
		if svc == nil {
			t.Errorf("%s (%s): not in the report", r.Name, r.Targets[0])
			continue
		}
		protected := strings.HasSuffix(r.Name, "-protected")
		if protected && svc.Auth != finding.AuthRequired || !protected && !svc.Auth.Open() {
			t.Errorf("%s: auth %s status %s err %q", r.Name, svc.Auth, svc.Status, svc.Error)
		}
		if !newKind {
			continue
		}
		// Docker and MinIO say their version to those who may ask only.
		versionShown := !protected || r.Kind == "ferretdb" || r.Kind == "pouchdb-server"
		if svc.Product != want || versionShown && svc.Version != r.Version {
			t.Errorf("%s: reported as %s %q, want %s %q", r.Name, svc.Product, svc.Version, want, r.Version)
		}
		if protected {
			continue
		}
		var fs []finding.Finding
		for _, f := range rep.Findings {
			if f.Host == host && fmt.Sprint(f.Port) == port {
				fs = append(fs, f)
			}
		}
		probetest.CheckPlanted(t, fs, planted[r.Kind])
	}
}
