package labtest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"
)

// kvServer is one shared server of the key-value and metrics kinds (Redis, Memcached,
// etcd, InfluxDB, Prometheus), started once per test binary.
type kvServer struct {
	once sync.Once
	srv  any
	err  error
}

var kvServers = map[string]*kvServer{}

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

// kvShared starts the server named name once, in a directory of its own that StopAll
// removes, and returns it to every caller. start gets the directory and returns the
// server, its stop function and a one-line description for the log.
func kvShared[T any](t testing.TB, name string, start func(ctx context.Context, dir string) (T, func() error, string, error)) T {
	t.Helper()
	mu.Lock()
	s := kvServers[name]
	if s == nil {
		s = &kvServer{}
		kvServers[name] = s
	}
	mu.Unlock()
	s.once.Do(func() {
		t0 := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		dir, err := makeDir()
		if err != nil {
			s.err = err
			return
		}
		srv, stop, desc, err := start(ctx, dir)
		if err != nil {
			s.err = err
			return
		}
		s.srv = srv
		mu.Lock()
		// StopAll runs this with mu held.
		stops = append(stops, func() {
			_ = stop()
			delete(kvServers, name)
		})
		mu.Unlock()
		fmt.Fprintf(os.Stderr, "labtest: %s %s ready in %v\n", name, desc, time.Since(t0).Round(time.Millisecond))
	})
	if s.err != nil {
		t.Fatalf("lab %s: %v", name, s.err)
	}
	return s.srv.(T)
}

// kvFresh starts a server of its own for one test, stopped when the test ends.
func kvFresh[T any](t testing.TB, start func(ctx context.Context, dir string) (T, func() error, error)) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir := newDir(t)
	srv, stop, err := start(ctx, dir)
	if err != nil {
		t.Fatalf("starting lab server: %v", err)
	}
	t.Cleanup(func() { _ = stop(); _ = os.RemoveAll(dir) })
	return srv
}
