// Command benchmonitor is the monitor's soak benchmark (make bench-monitor): it runs a
// real `leakwatch monitor` process for N minutes, scanning four lab servers
// (ClickHouse, PostgreSQL, Redis, MariaDB) every 5 s and alerting a keep-alive webhook
// receiver whenever a secret it plants in Redis comes or goes, and samples the
// process's RSS, goroutines, open file descriptors, the receiver's open connections
// and the history's size per run. A monitor that leaks shows growing goroutines, fds or
// connections after the warm-up; the summary compares the end with the end of the
// warm-up.
//
//	go run ./tools/benchmonitor -bin bin/leakwatch -minutes 10
//
// Everything listens on and talks to loopback only.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/leakwatch/leakwatch/internal/alert"
	"github.com/leakwatch/leakwatch/internal/lab"
)

type options struct {
	bin                       string
	minutes                   float64
	interval, sample, warmup  time.Duration
	toggle                    time.Duration
	keep                      bool
	retention                 string
	skipMariaDB, skipPostgres bool
}

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "bin/leakwatch", "the leakwatch binary to run")
	flag.Float64Var(&o.minutes, "minutes", 10, "how long to run the monitor")
	flag.DurationVar(&o.interval, "interval", 5*time.Second, "the group's scan interval")
	flag.DurationVar(&o.sample, "sample", 30*time.Second, "how often to sample the process")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Minute, "what counts as warm-up")
	flag.DurationVar(&o.toggle, "toggle", 30*time.Second, "how often the planted secret comes or goes (each change is an alert)")
	flag.StringVar(&o.retention, "retention", "", "history.retention for the run (empty: keep everything)")
	flag.BoolVar(&o.keep, "keep", false, "keep the working directory (history, logs)")
	flag.Parse()
	if err := run(o); err != nil {
		log.Fatalf("benchmonitor: %v", err)
	}
}

// receiver is a keep-alive webhook endpoint that counts what it gets.
type receiver struct {
	alerts, requests atomic.Int64
	newConns, open   atomic.Int64
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	_, _ = io.Copy(io.Discard, io.LimitReader(req.Body, 1<<20))
	r.requests.Add(1)
	if req.Header.Get(alert.IdempotencyHeader) != "" {
		r.alerts.Add(1)
	}
}

type sample struct {
	at                   time.Duration
	rss                  int64 // bytes
	fds, goroutines      int
	runs                 int
	dbBytes, walBytes    int64
	alerts, conns, total int64
}

func run(o options) error {
	bin, err := filepath.Abs(o.bin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%w (build it first: make build)", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, err := os.MkdirTemp("", "leakwatch-bench-monitor-")
	if err != nil {
		return err
	}
	if o.keep {
		log.Printf("working directory: %s", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	// Four real servers, each seeded.
	sctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	var targets []string
	ch, err := lab.StartClickHouse(sctx, lab.ClickHouseConfig{Dir: filepath.Join(dir, "clickhouse"), DisplayName: "bench"})
	if err != nil {
		return err
	}
	defer ch.Stop()
	syn := lab.NewSynth(17)
	for _, q := range []string{
		`CREATE TABLE default.app_logs (ts DateTime, message String) ENGINE = MergeTree ORDER BY ts`,
		fmt.Sprintf(`INSERT INTO default.app_logs VALUES (now(), 'deploy with token %s'), (now(), 'llm call key=%s'), (now(), 'ok')`,
			syn.GitHubToken(), syn.AnthropicKey()),
	} {
		if _, err := ch.Query(sctx, q); err != nil {
			return err
		}
	}
	targets = append(targets, "clickhouse://"+ch.HTTPAddr())
	pg, err := lab.StartPostgres(sctx, lab.PostgresConfig{Dir: filepath.Join(dir, "postgres")})
	if err != nil {
		return err
	}
	defer pg.Stop()
	if err := pg.SeedLeak(sctx, lab.PostgresConfig{}); err != nil {
		return err
	}
	targets = append(targets, "postgres://"+pg.Addr())
	rd, err := lab.StartRedis(sctx, lab.RedisConfig{Dir: filepath.Join(dir, "redis"), Unsafe: true})
	if err != nil {
		return err
	}
	defer rd.Stop()
	if err := rd.Seed(sctx); err != nil {
		return err
	}
	targets = append(targets, "redis://"+rd.Addr())
	servers := "ClickHouse " + ch.Version + ", PostgreSQL " + pg.Version + ", Redis " + rd.Version
	if md, err := lab.StartMariaDB(sctx, lab.MariaDBConfig{Dir: filepath.Join(dir, "mariadb")}); err != nil {
		log.Printf("MariaDB not started (%v): three servers only", err)
	} else {
		defer md.Stop()
		if err := md.SeedLeak(sctx); err != nil {
			return err
		}
		targets = append(targets, "mysql://"+md.Addr())
		servers += ", MariaDB " + md.Version
	}
	cancel()
	log.Printf("lab: %s", servers)

	// The receiver keeps connections alive (HTTP/1.1 default) and counts them.
	rec := &receiver{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hsrv := &http.Server{Handler: rec, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Hour,
		ConnState: func(_ net.Conn, s http.ConnState) {
			switch s {
			case http.StateNew:
				rec.newConns.Add(1)
				rec.open.Add(1)
			case http.StateClosed, http.StateHijacked:
				rec.open.Add(-1)
			}
		}}
	go func() { _ = hsrv.Serve(ln) }()
	defer hsrv.Close()

	const token = "bench-monitor-token-0123456789"
	quoted := make([]string, len(targets))
	for i, t := range targets {
		quoted[i] = strconv.Quote(t)
	}
	retention := ""
	if o.retention != "" {
		retention = "history:\n  retention: " + strconv.Quote(o.retention) + "\n"
	}
	cfg := fmt.Sprintf(`store: history.db
%sweb:
  listen: 127.0.0.1:0
  token_env: LW_BENCH_TOKEN
groups:
  - name: lab
    targets: [%s]
    schedule: {interval: %s}
alerts:
  - name: hook
    type: webhook
    url: http://%s/hook
    secret_env: LW_BENCH_HOOK_SECRET
delivery: {initial_backoff: 1s, max_backoff: 30s}
`, retention, strings.Join(quoted, ", "), o.interval, ln.Addr())
	cfgPath := filepath.Join(dir, "monitor.yaml")
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		return err
	}
	logf, err := os.OpenFile(filepath.Join(dir, "monitor.log"), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command(bin, "monitor", "--config", cfgPath)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LW_BENCH_TOKEN="+token, "LW_BENCH_HOOK_SECRET=bench-hook-secret",
		"XDG_CONFIG_HOME="+filepath.Join(dir, "xdg"))
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); pw.Close() }()
	addr := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`dashboard on (http://127\.0\.0\.1:\d+)/`)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			fmt.Fprintln(logf, sc.Text())
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
	}()
	var base string
	select {
	case base = <-addr:
	case err := <-exited:
		return fmt.Errorf("the monitor exited: %v (see %s)", err, logf.Name())
	case <-time.After(time.Minute):
		return errors.New("the monitor did not start its dashboard within a minute")
	}
	log.Printf("monitor pid %d, dashboard %s, %d targets every %v, for %.1f minutes", cmd.Process.Pid, base, len(targets), o.interval, o.minutes)

	// The planted secret comes and goes: each change is an alert.
	admin, err := rd.Admin(ctx)
	if err != nil {
		return err
	}
	defer admin.Close()
	planted := "deploy with " + lab.NewSynth(99).GitHubToken()
	var wg sync.WaitGroup
	tctx, tcancel := context.WithCancel(ctx)
	defer tcancel()
	wg.Add(1)
	go func() {
		defer wg.Done()
		on := false
		t := time.NewTicker(o.toggle)
		defer t.Stop()
		for {
			select {
			case <-tctx.Done():
				return
			case <-t.C:
			}
			on = !on
			args := []string{"DEL", "bench:deploy"}
			if on {
				args = []string{"SET", "bench:deploy", planted}
			}
			if _, err := admin.Do(tctx, args...); err != nil && tctx.Err() == nil {
				log.Printf("toggling the planted secret: %v", err)
			}
		}
	}()

	var samples []sample
	end := start.Add(time.Duration(o.minutes * float64(time.Minute)))
	tick := time.NewTicker(o.sample)
	defer tick.Stop()
	take := func() {
		s := sample{at: time.Since(start).Round(time.Second), alerts: rec.alerts.Load(), conns: rec.open.Load(), total: rec.newConns.Load()}
		s.rss, s.fds = procStats(cmd.Process.Pid)
		s.goroutines, s.runs = metrics(base, token)
		s.dbBytes = fileSize(filepath.Join(dir, "history.db"))
		s.walBytes = fileSize(filepath.Join(dir, "history.db-wal"))
		samples = append(samples, s)
		log.Printf("%6v  rss %6.1f MiB  goroutines %3d  fds %3d  runs %4d  history %6.1f KiB (+wal %6.1f)  alerts %3d  receiver conns open %d (opened %d)",
			s.at, float64(s.rss)/(1<<20), s.goroutines, s.fds, s.runs, float64(s.dbBytes)/1024, float64(s.walBytes)/1024, s.alerts, s.conns, s.total)
	}
loop:
	for time.Now().Before(end) {
		select {
		case <-ctx.Done():
			break loop
		case err := <-exited:
			return fmt.Errorf("the monitor exited during the soak: %v (see %s)", err, logf.Name())
		case <-tick.C:
			take()
		}
	}
	take()
	tcancel()
	wg.Wait()
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
	}
	summarize(o, servers, samples, logf.Name())
	return nil
}

func procStats(pid int) (rss int64, fds int) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
				rss = kb << 10
			}
		}
	}
	ents, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	return rss, len(ents)
}

var (
	goroutinesRE = regexp.MustCompile(`(?m)^go_goroutines (\S+)$`)
	scansRE      = regexp.MustCompile(`(?m)^leakwatch_scans_total\{[^}]*\} (\S+)$`)
)

// metrics reads the monitor's goroutines and the number of scans recorded (or
// spooled) from /metrics.
func metrics(base, token string) (goroutines, runs int) {
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return -1, -1
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if m := goroutinesRE.FindSubmatch(b); m != nil {
		g, _ := strconv.ParseFloat(string(m[1]), 64)
		goroutines = int(g)
	}
	for _, m := range scansRE.FindAllSubmatch(b, -1) {
		n, _ := strconv.ParseFloat(string(m[1]), 64)
		runs += int(n)
	}
	return goroutines, runs
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return st.Size()
}

func summarize(o options, servers string, samples []sample, logPath string) {
	if len(samples) == 0 {
		return
	}
	fmt.Printf("\n## leakwatch monitor soak: %.1f min, scans every %v of %s\n\n", o.minutes, o.interval, servers)
	fmt.Println("| time | RSS MiB | goroutines | fds | runs | history KiB (db+wal) | bytes/run | alerts | receiver conns open (opened) |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, s := range samples {
		per := "-"
		if s.runs > 0 {
			per = strconv.FormatInt((s.dbBytes+s.walBytes)/int64(s.runs), 10)
		}
		fmt.Printf("| %v | %.1f | %d | %d | %d | %.1f | %s | %d | %d (%d) |\n", s.at, float64(s.rss)/(1<<20), s.goroutines, s.fds,
			s.runs, float64(s.dbBytes+s.walBytes)/1024, per, s.alerts, s.conns, s.total)
	}
	// The first sample at or after the warm-up against the last.
	w := samples[0]
	for _, s := range samples {
		if s.at >= o.warmup {
			w = s
			break
		}
	}
	last := samples[len(samples)-1]
	fmt.Printf("\nafter warm-up (%v) → end (%v):\n", w.at, last.at)
	fmt.Printf("  RSS         %.1f → %.1f MiB\n", float64(w.rss)/(1<<20), float64(last.rss)/(1<<20))
	fmt.Printf("  goroutines  %d → %d\n", w.goroutines, last.goroutines)
	fmt.Printf("  fds         %d → %d\n", w.fds, last.fds)
	fmt.Printf("  receiver    %d → %d connections open, %d → %d opened in all, for %d → %d alerts\n", w.conns, last.conns, w.total, last.total, w.alerts, last.alerts)
	if dr := last.runs - w.runs; dr > 0 {
		db := float64(last.dbBytes - w.dbBytes)
		fmt.Printf("  history     %d runs after warm-up added %.1f KiB to the database file: %.0f bytes per run\n", dr, db/1024, math.Max(0, db)/float64(dr))
	}
	fmt.Printf("  (monitor log: %s)\n", logPath)
}
