// Package labtest gives tests real, seeded lab servers. Each server kind is started once
// per test binary and shared by its tests; call Run from TestMain so the servers are
// stopped and their directories removed when the tests end (a crashed test binary takes
// its servers with it, and the next run sweeps the directories it left).
//
//	func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }
//
//	func TestX(t *testing.T) {
//		ch := labtest.ClickHouseOpen(t) // skips only when clickhouse-server is missing and CI is unset
//		…
//	}
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

// Accounts on ClickHouseProtected.
const (
	ProtectedPassword = "lab-default-pw-4f1c" // the default user's
	ReaderUser        = "reader"              // profile readonly (readonly=1)
	ReaderPassword    = "reader-pw-77"
	Reader2User       = "reader2" // profile readonly2 (readonly=2)
	Reader2Password   = "reader2-pw-31"
	ShaUser           = "analyst" // password stored as sha256, read-write profile
	ShaPassword       = "analyst-pw-09"
)

type shared struct {
	once sync.Once
	ch   *lab.ClickHouse
	err  error
}

var (
	mu      sync.Mutex
	servers = map[string]*shared{}
	dirs    []string
	// stops are the stop functions of servers of other kinds, registered by their files.
	stops []func()
)

const dirPrefix = "leakwatch-labtest-"

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
	for _, s := range servers {
		if s.ch != nil {
			_ = s.ch.Stop()
		}
	}
	for _, stop := range stops {
		stop()
	}
	stops = nil
	for _, d := range dirs {
		_ = os.RemoveAll(d)
	}
	servers = map[string]*shared{}
	dirs = nil
}

// RequireClickHouse skips the test when the server binary is missing, unless CI is set,
// in which case the test fails: CI installs everything.
func RequireClickHouse(t testing.TB) {
	t.Helper()
	if _, _, err := lab.ClickHouseBinary(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but %v (install Debian's clickhouse-server)", err)
		}
		t.Skipf("%v: install Debian's clickhouse-server (make deps) to run this test", err)
	}
}

// ClickHouseOpen returns the shared password-less server seeded like the incident, with
// HTTPS and native TLS ports open.
func ClickHouseOpen(t testing.TB) *lab.ClickHouse {
	return sharedClickHouse(t, "open", lab.ClickHouseConfig{TLS: true, DisplayName: "lab-open"})
}

// ClickHouseProtected returns the shared server whose default user has
// ProtectedPassword, with readonly, readonly=2 and sha256-password users, seeded like
// the incident (only its password keeps the data in).
func ClickHouseProtected(t testing.TB) *lab.ClickHouse {
	return sharedClickHouse(t, "protected", lab.ClickHouseConfig{
		TLS: true, DisplayName: "lab-protected", Password: ProtectedPassword, PasswordSHA256: true,
		Users: []lab.ClickHouseUser{
			{Name: ReaderUser, Password: ReaderPassword, Profile: lab.ProfileReadonly},
			{Name: Reader2User, Password: Reader2Password, Profile: lab.ProfileReadonly2},
			{Name: ShaUser, Password: ShaPassword, SHA256: true},
		},
	})
}

// ClickHouseFresh starts a server of its own for one test, seeded like the incident
// (when seed is set) and stopped when the test ends: for tests that read the server's
// query log and need nobody else's queries in it.
func ClickHouseFresh(t testing.TB, cfg lab.ClickHouseConfig, seed bool) *lab.ClickHouse {
	t.Helper()
	RequireClickHouse(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if cfg.Dir == "" {
		cfg.Dir = newDir(t)
	}
	ch, err := lab.StartClickHouse(ctx, cfg)
	if err != nil {
		t.Fatalf("starting ClickHouse: %v", err)
	}
	t.Cleanup(func() { _ = ch.Stop(); _ = os.RemoveAll(cfg.Dir) })
	if seed {
		if err := ch.SeedIncident(ctx); err != nil {
			t.Fatalf("seeding ClickHouse: %v\n%s", err, ch.Logs())
		}
	}
	return ch
}

func sharedClickHouse(t testing.TB, name string, cfg lab.ClickHouseConfig) *lab.ClickHouse {
	t.Helper()
	RequireClickHouse(t)
	mu.Lock()
	s := servers[name]
	if s == nil {
		s = &shared{}
		servers[name] = s
	}
	mu.Unlock()
	s.once.Do(func() {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		dir, err := makeDir()
		if err != nil {
			s.err = err
			return
		}
		cfg.Dir = dir
		ch, err := lab.StartClickHouse(ctx, cfg)
		if err != nil {
			s.err = err
			return
		}
		if err := ch.SeedIncident(ctx); err != nil {
			_ = ch.Stop()
			s.err = fmt.Errorf("%w\n%s", err, ch.Logs())
			return
		}
		s.ch = ch
		fmt.Fprintf(os.Stderr, "labtest: ClickHouse %s %q on %s ready and seeded in %v\n",
			ch.Version, name, strings.Join(ch.Addrs(), ","), time.Since(start).Round(time.Millisecond))
	})
	if s.err != nil {
		t.Fatalf("lab ClickHouse %q: %v", name, s.err)
	}
	return s.ch
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
