// Command leaklab runs the lab of real servers that the demo and benchmarks scan: a
// ClickHouse left open like the incident's, seeded with chat logs and API keys, and one
// whose default user has a password; then PostgreSQL, MariaDB, Redis, Memcached, etcd,
// InfluxDB, Prometheus, FerretDB (MongoDB's protocol), Docker Engine, MinIO and
// pouchdb-server (CouchDB's API), each open and protected. The servers are detached:
// they keep running after leaklab exits, until `leaklab down`.
//
//	leaklab up --dir DIR       start and seed the servers, write DIR/lab.json, print targets
//	leaklab targets --dir DIR  print the host:port targets, one a line
//	leaklab down --dir DIR     stop the servers and remove their data
//
// A server whose binary this machine lacks (scripts/build-servers.sh builds FerretDB,
// MinIO and pouchdb-server; Debian packages the rest) is skipped with a message saying
// how to get it, unless CI is set: CI installs everything, so there it is an error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// protectedPassword guards the second server's default user. It is written to lab.json
// (mode 0600) for tests and demos that want to log in.
const protectedPassword = "leaklab-protected-3e9a"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: leaklab up|down|targets [--dir DIR] [--free-ports] [--keep] [--only NAME,…] [--parallel N]

  up       start the seeded lab servers (detached) and print the targets to scan
  targets  print the targets of a running lab, one host:port a line
  down     stop the lab servers and remove their data

  --only      up: start only the named servers (clickhouse-open, ferretdb-protected, …)
  --parallel  up: start at most N servers at once (default 4)
`)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd := args[0]
	fs := flag.NewFlagSet("leaklab "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", ".lab", "lab directory (data, logs, lab.json)")
	keep := fs.Bool("keep", false, "down: keep the data directories")
	freePorts := fs.Bool("free-ports", false, "up: never take the well-known ports, even when free (tests)")
	parallel := fs.Int("parallel", 4, "up: start at most `N` servers at once")
	only := fs.String("only", "", "up: comma-separated `NAMES` of the servers to start (default: all)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "leaklab %s: unexpected arguments %q\n", cmd, fs.Args())
		return 2
	}
	abs, err := filepath.Abs(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "leaklab: %v\n", err)
		return 2
	}
	switch cmd {
	case "up":
		var list []server
		if list, err = selectServers(*only); err != nil {
			fmt.Fprintf(stderr, "leaklab up: %v\n", err)
			return 2
		}
		err = up(ctx, abs, list, *parallel, !*freePorts, stdout, stderr)
	case "down":
		err = down(abs, *keep, stderr)
	case "targets":
		err = targets(abs, stdout)
	default:
		fmt.Fprintf(stderr, "leaklab: unknown command %q\n", cmd)
		usage(stderr)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "leaklab %s: %v\n", cmd, err)
		return 1
	}
	return 0
}

// server is one lab server leaklab knows how to start.
type server struct {
	name string
	note string
	// missing, when set, says why this machine cannot run the server (its binary is
	// not installed or built), or nil.
	missing func() error
	start   func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error)
}

// selectServers is the lab, or the servers named in the comma-separated list only.
func selectServers(only string) ([]server, error) {
	all := servers()
	if strings.TrimSpace(only) == "" {
		return all, nil
	}
	want := map[string]bool{}
	for _, n := range strings.Split(only, ",") {
		if n = strings.TrimSpace(n); n != "" {
			want[n] = true
		}
	}
	var out []server
	for _, s := range all {
		if want[s.name] {
			out = append(out, s)
			delete(want, s.name)
		}
	}
	if len(want) > 0 {
		var names, unknown []string
		for _, s := range all {
			names = append(names, s.name)
		}
		for n := range want {
			unknown = append(unknown, n)
		}
		return nil, fmt.Errorf("--only: no server named %q (the lab has %s)", unknown, strings.Join(names, ", "))
	}
	return out, nil
}

// servers is the lab, in start order. New kinds (PostgreSQL, Redis, …) are added here.
func servers() []server {
	return append([]server{
		{name: "clickhouse-open", note: "default user without password, seeded like the incident",
			start: func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error) {
				return startClickHouse(ctx, dir, "clickhouse-open", "127.0.0.1", "", wellKnown)
			}},
		{name: "clickhouse-protected", note: "default user with a password (see lab.json), same data",
			start: func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error) {
				host := "127.0.0.2"
				if !lab.PortFree(host, 0) {
					host = "127.0.0.1" // systems without the whole 127/8 on lo
				}
				return startClickHouse(ctx, dir, "clickhouse-protected", host, protectedPassword, wellKnown)
			}},
		{name: "postgres-open", note: "trusts every TCP login from 127.0.0.0/8 (postgres is a superuser), seeded app data",
			start: func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error) {
				return startPostgres(ctx, dir, "postgres-open", "127.0.0.1", "", wellKnown)
			}},
		{name: "postgres-protected", note: "scram-sha-256 passwords and TLS (see lab.json), same data",
			start: func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error) {
				return startPostgres(ctx, dir, "postgres-protected", protectedHost(), postgresProtectedPassword, wellKnown)
			}},
		{name: "mariadb-open", note: "root without a password from any host, seeded app data",
			start: func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error) {
				return startMariaDB(ctx, dir, "mariadb-open", "127.0.0.1", "", wellKnown)
			}},
		{name: "mariadb-protected", note: "root with a mysql_native_password password and TLS (see lab.json), same data",
			start: func(ctx context.Context, dir string, wellKnown bool) (lab.ServerRecord, error) {
				return startMariaDB(ctx, dir, "mariadb-protected", protectedHost(), mariadbProtectedPassword, wellKnown)
			}},
	}, append(kvServers(), builtServers()...)...)
}

// startClickHouse starts a seeded, detached ClickHouse on host, on the well-known ports
// where they are free (and wellKnown is set) so the demo scans exactly what a real scan
// would.
func startClickHouse(ctx context.Context, dir, name, host, password string, wellKnown bool) (lab.ServerRecord, error) {
	port := func(p int) int { return wellKnownPort(host, p, wellKnown) }
	cfg := lab.ClickHouseConfig{
		Dir: fresh(dir, name), Host: host, TLS: true, Detach: true, DisplayName: name,
		HTTPPort: port(8123), NativePort: port(9000), HTTPSPort: port(8443), NativeTLSPort: port(9440),
		Password: password, PasswordSHA256: password != "",
	}
	ch, err := lab.StartClickHouse(ctx, cfg)
	return seeded(ctx, name, ch, err, ch.SeedIncident)
}

func up(ctx context.Context, dir string, list []server, parallel int, wellKnown bool, stdout, stderr io.Writer) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	claimed.Lock()
	claimed.m = map[string]bool{} // a new run: what is taken now shows in PortFree
	claimed.Unlock()
	m, err := lab.ReadManifest(dir)
	if err != nil {
		return err
	}
	running := map[string]lab.ServerRecord{}
	for _, r := range m.Servers {
		if r.Running() {
			running[r.Name] = r
		}
	}
	// Running servers that --only left out stay recorded: `down` must still stop them.
	inList := map[string]bool{}
	for _, s := range list {
		inList[s.name] = true
	}
	var others []*lab.ServerRecord
	for _, r := range m.Servers {
		if !inList[r.Name] && r.Running() {
			others = append(others, &r)
		}
	}
	// Servers start a few at a time: most of a start is waiting (for a process to
	// listen, for ClickHouse to take its seed), and the demo waits for all of them.
	var (
		mu       sync.Mutex
		recs     = make([]*lab.ServerRecord, len(list))
		errs     []error
		skipped  []string
		wg       sync.WaitGroup
		sem      = make(chan struct{}, max(1, parallel))
		manifest = func() *lab.Manifest { // with mu held
			out := &lab.Manifest{}
			for _, r := range append(recs, others...) {
				if r != nil {
					out.Servers = append(out.Servers, *r)
				}
			}
			return out
		}
	)
	var todo []int
	for i, s := range list {
		if r, ok := running[s.name]; ok {
			fmt.Fprintf(stderr, "leaklab: %s already running (pid %d)\n", s.name, r.Pid)
			recs[i] = &r
			continue
		}
		if s.missing != nil {
			if err := s.missing(); err != nil {
				if os.Getenv("CI") != "" {
					// CI installs and builds every server: a missing one is a broken setup.
					errs = append(errs, fmt.Errorf("%s: CI is set but %w", s.name, err))
					continue
				}
				fmt.Fprintf(stderr, "leaklab: skipping %s: %v\n", s.name, err)
				skipped = append(skipped, s.name)
				continue
			}
		}
		todo = append(todo, i)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, i := range todo {
		s := list[i]
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			t0 := time.Now()
			r, err := s.start(ctx, dir, wellKnown)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", s.name, err))
				return
			}
			r.Note = s.note
			recs[i] = &r
			// Recorded as soon as it runs, so that `down` can stop it whatever happens next.
			if err := lab.WriteManifest(dir, manifest()); err != nil {
				errs = append(errs, err)
			}
			fmt.Fprintf(stderr, "leaklab: %s %s up and seeded on %s in %v (pid %d)\n",
				s.name, r.Version, strings.Join(r.Targets, " "), time.Since(t0).Round(time.Millisecond), r.Pid)
		}()
	}
	wg.Wait()
	out := manifest()
	if len(errs) > 0 {
		// Keep what did start recorded, so `down` can stop it.
		_ = lab.WriteManifest(dir, out)
		return errors.Join(errs...)
	}
	if err := lab.WriteManifest(dir, out); err != nil {
		return err
	}
	if len(out.Servers) == 0 {
		return errors.New("no server could start here (see the messages above)")
	}
	if len(skipped) > 0 {
		fmt.Fprintf(stderr, "leaklab: skipped %d server(s) this machine cannot run: %s\n", len(skipped), strings.Join(skipped, ", "))
	}
	fmt.Fprintf(stderr, "leaklab: lab recorded in %s; scan it with:\n  leakwatch scan %s\n",
		filepath.Join(dir, lab.ManifestFile), strings.Join(allTargets(out), " "))
	return targets(dir, stdout)
}

func allTargets(m *lab.Manifest) []string {
	var t []string
	for _, r := range m.Servers {
		t = append(t, r.Targets...)
	}
	return t
}

func targets(dir string, stdout io.Writer) error {
	m, err := lab.ReadManifest(dir)
	if err != nil {
		return err
	}
	if len(m.Servers) == 0 {
		return errors.New("no lab here: run leaklab up --dir " + dir)
	}
	for _, r := range m.Servers {
		if !r.Running() {
			return fmt.Errorf("%s (pid %d) is not running: run leaklab up --dir %s", r.Name, r.Pid, dir)
		}
	}
	for _, t := range allTargets(m) {
		fmt.Fprintln(stdout, t)
	}
	return nil
}

func down(dir string, keep bool, stderr io.Writer) error {
	m, err := lab.ReadManifest(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, r := range m.Servers {
		err := lab.StopRecord(r, 10*time.Second)
		if r.Kind == "docker" {
			// A stopped (or crashed) daemon can leave its containerd, shims and
			// containers running and its mounts in place: all named after its directory.
			lab.ReapDocker(r.Dir)
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stderr, "leaklab: %s stopped\n", r.Name)
		if !keep && r.Dir != "" && strings.HasPrefix(r.Dir, dir+string(filepath.Separator)) {
			_ = os.RemoveAll(r.Dir)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if err := os.Remove(filepath.Join(dir, lab.ManifestFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}
