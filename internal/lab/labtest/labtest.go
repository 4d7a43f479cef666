// Package labtest gives tests real, seeded lab servers. Each server is started once per
// test binary and shared by its tests; call Run from TestMain so the servers are
// stopped and their directories removed when the tests end (a crashed test binary takes
// its servers with it, and the next run sweeps the directories it left).
//
//	func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }
//
//	func TestX(t *testing.T) {
//		ch := labtest.ClickHouseOpen(t) // skips only when clickhouse-server is missing and CI is unset
//		…
//	}
//
// Every kind of server goes through the same helpers: requireBinary (skip or, under CI,
// fail), a starter of the kind, and shared (one server per name and test binary) or
// fresh (one server per test).
package labtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// labServer is what every lab server has.
type labServer interface {
	Stop() error
	Logs() string
}

// starter starts a lab server in dir (and seeds it, as the kind's tests need) and
// describes it in one line for the log.
type starter[T labServer] func(ctx context.Context, dir string) (srv T, desc string, err error)

// server is one shared server, started once per test binary.
type server struct {
	once sync.Once
	srv  any
	err  error
}

var (
	mu      sync.Mutex
	servers = map[string]*server{}
	dirs    []string
	// stops are the stop functions of the shared servers started so far.
	stops []func()
)

const dirPrefix = "leakwatch-labtest-"

// startTimeout bounds starting and seeding one server. Seeding ClickHouse's 1.1M rows
// took 85 s on this project's 2-core machine while other builds ran on it (load 20), and
// twice that under -race with several test binaries seeding at once.
const startTimeout = 5 * time.Minute

// Run runs the tests and then stops every shared server. Use it from TestMain.
func Run(m *testing.M) int {
	code := m.Run()
	StopAll()
	return code
}

// StopAll stops the shared servers and removes their directories.
func StopAll() {
	mu.Lock()
	defer mu.Unlock()
	for _, stop := range stops {
		stop()
	}
	stops = nil
	for _, d := range dirs {
		_ = os.RemoveAll(d)
	}
	dirs = nil
}

// requireBinary skips the test when a server binary is missing, unless CI is set, in
// which case the test fails: CI installs everything.
func requireBinary(t testing.TB, err error, pkg string) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set but %v (install Debian's %s)", err, pkg)
	}
	t.Skipf("%v: install Debian's %s (make deps) to run this test", err, pkg)
}

// shared starts the server named name once, in a directory of its own that StopAll
// removes, and returns it to every caller.
func shared[T labServer](t testing.TB, name string, start starter[T]) T {
	t.Helper()
	mu.Lock()
	s := servers[name]
	if s == nil {
		s = &server{}
		servers[name] = s
	}
	mu.Unlock()
	s.once.Do(func() {
		t0 := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
		defer cancel()
		dir, err := makeDir()
		if err != nil {
			s.err = err
			return
		}
		srv, desc, err := start(ctx, dir)
		if err != nil {
			s.err = err
			return
		}
		s.srv = srv
		mu.Lock()
		// StopAll runs this with mu held.
		stops = append(stops, func() {
			_ = srv.Stop()
			delete(servers, name)
		})
		mu.Unlock()
		fmt.Fprintf(os.Stderr, "labtest: %s: %s ready in %v\n", name, desc, time.Since(t0).Round(time.Millisecond))
	})
	if s.err != nil {
		t.Fatalf("lab %s: %v", name, s.err)
	}
	return s.srv.(T)
}

// fresh starts a server of its own for one test, in a directory of its own, stopped
// and removed when the test ends.
func fresh[T labServer](t testing.TB, start starter[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	dir := newDir(t)
	srv, _, err := start(ctx, dir)
	if err != nil {
		t.Fatalf("starting lab server: %v", err)
	}
	t.Cleanup(func() { _ = srv.Stop(); _ = os.RemoveAll(dir) })
	return srv
}

// seedFailed stops a server that could not be seeded and returns err with its log.
func seedFailed(s labServer, err error) error {
	_ = s.Stop()
	return fmt.Errorf("%w\n%s", err, s.Logs())
}

func newDir(t testing.TB) string {
	d, err := makeDir()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// makeDir creates a directory named after our pid, after removing those of test
// binaries that died without cleaning up.
func makeDir() (string, error) {
	sweep()
	d, err := os.MkdirTemp("", dirPrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return "", err
	}
	mu.Lock()
	dirs = append(dirs, d)
	mu.Unlock()
	return d, nil
}

var sweepOnce sync.Once

func sweep() {
	sweepOnce.Do(func() {
		matches, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*"))
		for _, m := range matches {
			rest := strings.TrimPrefix(filepath.Base(m), dirPrefix)
			pid, err := strconv.Atoi(strings.SplitN(rest, "-", 2)[0])
			if err != nil || pid == os.Getpid() || lab.ProcessAlive(pid) {
				continue
			}
			_ = os.RemoveAll(m)
		}
	})
}
