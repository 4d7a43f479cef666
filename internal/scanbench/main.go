// Command scanbench measures leakwatch on many addresses: hosts per second through
// discovery alone and through the whole path (fingerprint, inventory, sample, detect),
// and peak RSS, against nmap's connect scan at equal parallelism on the same addresses.
//
// It runs inside a network namespace of its own (scripts/bench-scan.sh makes it with
// `ip netns`), where real ClickHouse, Redis and PostgreSQL servers listen on 0.0.0.0 and
// so answer on every address of 127.0.0.0/8 — and nothing outside the namespace exists.
// It refuses to run where any non-loopback interface is visible. The internet mode
// (internet.go) shapes a /16 like a real network instead: mostly closed, a few stores,
// web servers, SSH banners and tarpits.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/bits"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/target"
)

// The ports every address answers on: ClickHouse HTTP, Redis, PostgreSQL.
var ports = []int{8123, 6379, 5432}

type options struct {
	leakwatch   string
	sizes       []int
	modes       map[string]bool
	concurrency int
	workers     int
	dir         string
	keep        bool // keep the last whole-path report in dir
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("scanbench: ")
	if len(os.Args) > 1 && os.Args[1] == "discover" {
		discoverChild(os.Args[2:])
		return
	}
	if len(os.Args) > 2 && os.Args[1] == "profile" {
		os.Exit(profileScan(os.Args[2], os.Args[3:]))
	}
	var o options
	var sizes, modes string
	flag.StringVar(&o.leakwatch, "leakwatch", "bin/leakwatch", "leakwatch binary")
	flag.StringVar(&sizes, "sizes", "256,4096,65536", "address counts (powers of two up to 65536)")
	flag.StringVar(&modes, "modes", "nmap,discovery,full", "what to measure: nmap, discovery, full; or, alone, internet (the internet-shaped /16: leakwatch's whole path and nmap -sV) or targets (one port at a time: SSH banner, web server, tarpit, stores off their ports, against nmap -sV)")
	flag.IntVar(&o.concurrency, "concurrency", netscan.DefaultConcurrency, "connection attempts in flight (leakwatch --concurrency, nmap --min/--max-parallelism)")
	flag.IntVar(&o.workers, "workers", 32, "services probed at once in the whole path (leakwatch --workers)")
	flag.StringVar(&o.dir, "dir", "", "directory for the servers and reports (default: a temporary one)")
	flag.BoolVar(&o.keep, "keep", false, "keep the whole path's last JSON report (report.json in -dir)")
	flag.Parse()
	o.modes = map[string]bool{}
	for _, m := range strings.Split(modes, ",") {
		o.modes[strings.TrimSpace(m)] = true
	}
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 65536 || n&(n-1) != 0 {
			log.Fatalf("-sizes: %q is not a power of two up to 65536", s)
		}
		o.sizes = append(o.sizes, n)
	}
	if err := lab.OnlyLoopback(); err != nil {
		log.Fatalf("refusing to run: %v (run me through scripts/bench-scan.sh)", err)
	}
	if err := run(o); err != nil {
		log.Fatal(err)
	}
}

type row struct {
	addrs   int
	mode    string
	seconds float64
	rss     int64   // bytes
	found   int     // open ports (discovery) or services (full path)
	cpu     float64 // seconds of CPU the measured process used
}

func (r row) hostsPerSec() float64 { return float64(r.addrs) / r.seconds }

func run(o options) error {
	if o.dir == "" {
		d, err := os.MkdirTemp("", "leakwatch-scanbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		o.dir = d
	}
	if o.modes["internet"] {
		return runInternet(o)
	}
	if o.modes["targets"] {
		return runTargets(o)
	}
	ctx := context.Background()
	stop, err := startServers(ctx, o.dir)
	if err != nil {
		return err
	}
	defer stop()
	if o.modes["nmap"] {
		if _, err := exec.LookPath("nmap"); err != nil {
			return errors.New("nmap not found: install Debian's nmap (make deps)")
		}
	}

	var rows []row
	for _, n := range o.sizes {
		spec := fmt.Sprintf("127.1.0.0/%d", 32-bits.TrailingZeros(uint(n)))
		if o.modes["nmap"] {
			r, err := runNmap(o, spec, n)
			if err != nil {
				return err
			}
			rows = append(rows, r)
			report(r)
		}
		if o.modes["discovery"] {
			r, err := runDiscovery(o, spec, n)
			if err != nil {
				return err
			}
			rows = append(rows, r)
			report(r)
		}
		if o.modes["full"] {
			// Findings are streamed, so memory stays flat with the addresses; the time grows
			// linearly (about 70 ms an address on two cores with the lab servers on them).
			r, err := runFull(o, spec, n)
			if err != nil {
				return err
			}
			rows = append(rows, r)
			report(r)
		}
	}
	printTable(os.Stdout, o, rows)
	return nil
}

func report(r row) {
	log.Printf("%d addresses, %s: %.1fs (%.1fs CPU), %.0f hosts/s, peak RSS %d MiB, %d found", r.addrs, r.mode, r.seconds, r.cpu, r.hostsPerSec(), r.rss>>20, r.found)
}

// startServers starts the seeded lab servers on every address of the namespace.
func startServers(ctx context.Context, dir string) (func(), error) {
	var stops []func() error
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			_ = stops[i]()
		}
	}
	t0 := time.Now()
	ch, err := lab.StartClickHouse(ctx, lab.ClickHouseConfig{Dir: filepath.Join(dir, "clickhouse"), Host: "0.0.0.0",
		HTTPPort: 8123, NativePort: 9000, DisplayName: "bench"})
	if err != nil {
		return stop, fmt.Errorf("clickhouse: %w", err)
	}
	stops = append(stops, ch.Stop)
	if err := ch.SeedIncident(ctx); err != nil {
		return stop, fmt.Errorf("seeding clickhouse: %w", err)
	}
	pgCfg := lab.PostgresConfig{Dir: filepath.Join(dir, "postgres"), Host: "0.0.0.0", Port: 5432,
		ExtraConf: []string{"max_connections = 300"}}
	pg, err := lab.StartPostgres(ctx, pgCfg)
	if err != nil {
		stop()
		return nil, fmt.Errorf("postgres: %w", err)
	}
	stops = append(stops, pg.Stop)
	if err := pg.SeedLeak(ctx, pgCfg); err != nil {
		stop()
		return nil, fmt.Errorf("seeding postgres: %w", err)
	}
	rd, err := lab.StartRedis(ctx, lab.RedisConfig{Dir: filepath.Join(dir, "redis"), Host: "0.0.0.0", Port: 6379})
	if err != nil {
		stop()
		return nil, fmt.Errorf("redis: %w", err)
	}
	stops = append(stops, rd.Stop)
	if err := rd.Seed(ctx); err != nil {
		stop()
		return nil, fmt.Errorf("seeding redis: %w", err)
	}
	log.Printf("ClickHouse %s, PostgreSQL %s, Redis %s on 0.0.0.0 (ports %v) ready in %v",
		ch.Version, pg.Version, rd.Version, ports, time.Since(t0).Round(time.Millisecond))
	return stop, nil
}

// measure runs cmd under GNU time and returns its wall time and peak RSS; lastCPU is
// its CPU time. The rusage Go's os/exec reports cannot serve: Linux carries the parent's
// RSS high-water mark over into a child started with CLONE_VM, so every child would
// seem to use at least as much memory as this program.
func measure(cmd *exec.Cmd) (time.Duration, int64, error) {
	f, err := os.CreateTemp("", "scanbench-time-")
	if err != nil {
		return 0, 0, err
	}
	f.Close()
	defer os.Remove(f.Name())
	cmd.Args = append([]string{"/usr/bin/time", "-o", f.Name(), "-f", "%M %U %S"}, cmd.Args...)
	cmd.Path = "/usr/bin/time"
	t0 := time.Now()
	err = cmd.Run()
	d := time.Since(t0)
	lastCPU = 0
	var kb int64
	var user, sys float64
	if b, rerr := os.ReadFile(f.Name()); rerr == nil {
		// The last line: GNU time puts "Command exited with non-zero status" first.
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if _, serr := fmt.Sscanf(lines[len(lines)-1], "%d %f %f", &kb, &user, &sys); serr == nil {
			lastCPU = time.Duration((user + sys) * float64(time.Second))
		}
	}
	return d, kb << 10, err
}

var lastCPU time.Duration

func portList() string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ",")
}

func runNmap(o options, spec string, n int) (row, error) {
	out := filepath.Join(o.dir, "nmap.gnmap")
	p := strconv.Itoa(o.concurrency)
	cmd := exec.Command("nmap", "-sT", "-n", "-Pn", "-T5", "--min-parallelism", p, "--max-parallelism", p,
		"-p", portList(), "-oG", out, spec)
	cmd.Stdout = io.Discard
	var stderr strings.Builder
	cmd.Stderr = &stderr
	d, rss, err := measure(cmd)
	if err != nil {
		return row{}, fmt.Errorf("nmap: %w: %s", err, stderr.String())
	}
	found, err := countNmapOpen(out)
	if err != nil {
		return row{}, err
	}
	return row{addrs: n, mode: "discovery (nmap -sT)", seconds: d.Seconds(), rss: rss, found: found, cpu: lastCPU.Seconds()}, nil
}

func countNmapOpen(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		n += strings.Count(sc.Text(), "/open/tcp/")
	}
	return n, sc.Err()
}

// runDiscovery runs leakwatch's discovery (the scan job's own target set and connect
// scanner) in a child process, so that its peak RSS is its own.
func runDiscovery(o options, spec string, n int) (row, error) {
	self, err := os.Executable()
	if err != nil {
		return row{}, err
	}
	cmd := exec.Command(self, "discover", spec, strconv.Itoa(o.concurrency))
	var out strings.Builder
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	d, rss, err := measure(cmd)
	cpu := lastCPU.Seconds()
	if err != nil {
		return row{}, fmt.Errorf("discovery: %w", err)
	}
	var st netscan.Stats
	if err := json.Unmarshal([]byte(out.String()), &st); err != nil {
		return row{}, fmt.Errorf("discovery output %q: %w", out.String(), err)
	}
	log.Printf("leakwatch discovery stats: %+v", st)
	return row{addrs: n, mode: "discovery (leakwatch)", seconds: d.Seconds(), rss: rss, found: int(st.Open), cpu: cpu}, nil
}

func discoverChild(args []string) {
	if len(args) != 2 {
		log.Fatal("usage: scanbench discover SPEC CONCURRENCY")
	}
	conc, _ := strconv.Atoi(args[1])
	sp, err := target.ParseSpec(args[0])
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	set, err := target.Build(ctx, []target.Spec{sp}, target.Config{Ports: ports})
	if err != nil {
		log.Fatal(err)
	}
	// What scan.Job's discovery does with the default --per-host and timeouts.
	s := netscan.New(netscan.Config{Concurrency: conc, PerHost: netscan.DefaultPerHost, ConnectTimeout: 3 * time.Second})
	if err := s.Run(ctx, set.All(), nil); err != nil {
		log.Fatal(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(s.Stats()); err != nil {
		log.Fatal(err)
	}
}

// runFull runs `leakwatch scan` over the addresses: discovery, fingerprint, inventory,
// sample and detection of every service, with findings streamed as JSON lines (the mode
// meant for whole networks: memory holds what is in flight, not every finding). The
// findings go to /dev/null: at 65536 addresses they would fill gigabytes of disk.
func runFull(o options, spec string, n int) (row, error) {
	bin, pre := o.leakwatch, []string{}
	if p := os.Getenv("SCANBENCH_PROFILE"); p != "" {
		// This binary runs the scan in-process and profiles its heap.
		self, err := os.Executable()
		if err != nil {
			return row{}, err
		}
		bin, pre = self, []string{"profile", p}
	}
	cmd := exec.Command(bin, append(pre, "scan", "--format", "jsonl", "-o", os.DevNull, "--no-progress", "--no-security-txt",
		"--concurrency", strconv.Itoa(o.concurrency), "--workers", strconv.Itoa(o.workers),
		"-p", portList(), "--max-addresses", "16777216", spec)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if os.Getenv("SCANBENCH_VERBOSE") != "" {
		cmd.Stderr = io.MultiWriter(&stderr, os.Stderr)
	}
	d, rss, err := measure(cmd)
	cpu := lastCPU.Seconds()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 1) { // 1: findings, as expected
		return row{}, fmt.Errorf("leakwatch scan: %w: %s", err, stderr.String())
	}
	services, err := streamedServices(stderr.String())
	if err != nil {
		return row{}, err
	}
	if services != len(ports)*n {
		log.Printf("warning: %d services identified of %d endpoints", services, len(ports)*n)
	}
	return row{addrs: n, mode: "whole path (leakwatch)", seconds: d.Seconds(), rss: rss, found: services, cpu: cpu}, nil
}

// streamedServices reads the count of identified services from the summary line a
// streamed scan writes to stderr ("leakwatch: 768 service(s), …").
func streamedServices(stderr string) (int, error) {
	m := regexp.MustCompile(`leakwatch: (\d+) service\(s\)`).FindStringSubmatch(stderr)
	if m == nil {
		return 0, fmt.Errorf("no summary line in leakwatch's stderr: %.500s", stderr)
	}
	return strconv.Atoi(m[1])
}

// profileScan runs `leakwatch scan args` in-process and writes a heap profile taken at
// the peak of the live heap to path: where the whole path's memory goes.
func profileScan(path string, args []string) int {
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var peak uint64
		var ms runtime.MemStats
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak+peak/10 {
				peak = ms.HeapAlloc
				if f, err := os.Create(path); err == nil {
					_ = pprof.Lookup("heap").WriteTo(f, 0)
					f.Close()
				}
			}
		}
	}()
	code := cli.Main(args, os.Stdin, os.Stdout, os.Stderr)
	close(stop)
	<-done
	return code
}

func printTable(w io.Writer, o options, rows []row) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(w, "\nleakwatch scan benchmark: ports %s on every address, --concurrency %d (nmap --min/--max-parallelism %d), --workers %d; %d CPUs, load %s\n",
		portList(), o.concurrency, o.concurrency, o.workers, runtime.NumCPU(), strings.Join(strings.Fields(string(load))[:3], " "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "addresses\tmode\thosts/s\tseconds\tCPU s\tpeak RSS\tfound\tratio to nmap\t")
	nmap := map[int]float64{}
	full := map[int]float64{}
	for _, r := range rows {
		if strings.Contains(r.mode, "nmap") {
			nmap[r.addrs] = r.hostsPerSec()
		}
	}
	for _, r := range rows {
		ratio := "-"
		if v, ok := nmap[r.addrs]; ok && !strings.Contains(r.mode, "nmap") {
			ratio = fmt.Sprintf("%.2f×", r.hostsPerSec()/v)
		}
		if strings.HasPrefix(r.mode, "whole") {
			full[r.addrs] = r.seconds
		}
		fmt.Fprintf(tw, "%d\t%s\t%.0f\t%.1f\t%.1f\t%d MiB\t%d\t%s\t\n", r.addrs, r.mode, r.hostsPerSec(), r.seconds, r.cpu, r.rss>>20, r.found, ratio)
	}
	tw.Flush()
	// Linear growth: the whole path's cost per address at each size.
	var line []string
	for _, n := range o.sizes {
		if s, ok := full[n]; ok {
			line = append(line, fmt.Sprintf("%d: %.2f ms", n, 1000*s/float64(n)))
		}
	}
	if len(line) > 0 {
		fmt.Fprintf(w, "whole path, time per address: %s\n", strings.Join(line, ", "))
	}
}
