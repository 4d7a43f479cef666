package queue_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/hostile"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/queue"
)

// The test binary doubles as the leakwatch binary: run with this variable set, it is
// `leakwatch` with the arguments given, so workers are real processes that a test can
// SIGKILL, without building anything.
const beLeakwatch = "LEAKWATCH_TEST_BE_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(beLeakwatch) == "1" {
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(labtest.Run(m))
}

// worker is one `leakwatch worker` process and what it logged.
type worker struct {
	name string
	cmd  *exec.Cmd
	mu   sync.Mutex
	log  bytes.Buffer
	// started receives the key of every batch the worker starts.
	started chan string
	exited  chan struct{}
}

var startedRE = regexp.MustCompile(`msg="batch started".* batch=(\S+)`)

func startWorker(t *testing.T, name string, args ...string) *worker {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	w := &worker{name: name, started: make(chan string, 100), exited: make(chan struct{})}
	w.cmd = exec.Command(exe, append([]string{"worker", "--log-level", "info"}, args...)...)
	w.cmd.Env = append(os.Environ(), beLeakwatch+"=1")
	stderr, err := w.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	w.cmd.Stdout = io.Discard
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			w.mu.Lock()
			w.log.WriteString(line + "\n")
			w.mu.Unlock()
			if m := startedRE.FindStringSubmatch(line); m != nil {
				w.started <- m[1]
			}
		}
		_ = w.cmd.Wait()
		close(w.exited)
	}()
	t.Cleanup(func() {
		_ = w.cmd.Process.Kill()
		<-w.exited
	})
	return w
}

func (w *worker) logs() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.log.String()
}

// TestKillAWorker is the acceptance test of the work-queue mode: three worker
// processes share a job through a real NATS JetStream server and record into a real
// PostgreSQL; one is SIGKILLed in the middle of a batch; every target must end up
// recorded exactly once, the dead worker's batch included.
func TestKillAWorker(t *testing.T) {
	nats := authNATS(t)
	pg := labtest.PostgresOpen(t)
	dsn := newDatabase(t, fmt.Sprintf("postgres://postgres@%s", pg.Addr()))

	// Targets: one real PostgreSQL seen at 40 loopback addresses.
	const targets = 40
	lab := hostile.New()
	t.Cleanup(lab.Close)
	for i := range targets {
		if _, err := lab.StartRelay(fmt.Sprintf("pg-%d", i), 5432, pg.Addr()); err != nil {
			t.Fatal(err)
		}
	}
	first, last := lab.Servers[0].Addr.Addr(), lab.Servers[targets-1].Addr.Addr()
	if first.As4()[2] != last.As4()[2] {
		t.Fatalf("relays span two /24s: %s-%s", first, last)
	}
	rangeSpec := fmt.Sprintf("%s-%d", first, last.As4()[3])

	// Enqueue in-process, through the command line.
	var out, errb bytes.Buffer
	code := cli.Main(append([]string{"scan", "--enqueue", nats.URL(), "--batch-size", "3", "--group", "kill", "-p", "5432",
		"--format", "json", rangeSpec}, queueAuthArgs(t)...), strings.NewReader(""), &out, &errb)
	if code != 0 {
		t.Fatalf("enqueue exited %d: %s", code, errb.String())
	}
	var job struct {
		Job       string `json:"job"`
		Batches   int    `json:"batches"`
		Endpoints int    `json:"endpoints"`
	}
	if err := json.Unmarshal(out.Bytes(), &job); err != nil || job.Batches < 6 || job.Endpoints != targets {
		t.Fatalf("enqueue summary %q (%v)", out.String(), err)
	}

	args := append([]string{"--queue", nats.URL(), "--store", dsn, "--ack-wait", "4s", "--no-security-txt",
		"--timeout", "30s", "--io-timeout", "5s", "--sample-rows", "3", "--workers", "4", "--scope", "127.0.0.0/8"}, queueAuthArgs(t)...)
	victim := startWorker(t, "victim", args...)
	// The victim takes the first batch alone; the others join once it holds one, so
	// that the SIGKILL lands in the middle of a scan.
	var held string
	select {
	case held = <-victim.started:
	case <-victim.exited:
		t.Fatalf("the victim exited early:\n%s", victim.logs())
	case <-time.After(30 * time.Second):
		t.Fatalf("the victim started no batch:\n%s", victim.logs())
	}
	if err := victim.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-victim.exited
	killedAt := time.Now()
	t.Logf("killed the victim holding batch %s", held)

	a := startWorker(t, "a", args...)
	b := startWorker(t, "b", args...)

	// Wait for every batch to be recorded and acknowledged.
	ctx := context.Background()
	store, err := history.Open(ctx, dsn, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	q, err := queue.Open(ctx, testQueueConfig(nats.URL(), queueKey))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	deadline := time.Now().Add(60 * time.Second)
	var runs []history.Run
	for {
		all, err := store.Runs(ctx, history.RunFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		runs = runs[:0]
		for _, r := range all {
			if strings.HasPrefix(r.Group, "kill#") {
				runs = append(runs, r)
			}
		}
		pending, perr := q.Pending(ctx)
		if len(runs) >= job.Batches && perr == nil && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d batches recorded, %d pending (%v)\nworker a:\n%s\nworker b:\n%s", len(runs), job.Batches, pending, perr, a.logs(), b.logs())
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Stop the survivors gracefully.
	for _, w := range []*worker{a, b} {
		_ = w.cmd.Process.Signal(syscall.SIGTERM)
	}
	for _, w := range []*worker{a, b} {
		select {
		case <-w.exited:
		case <-time.After(20 * time.Second):
			t.Errorf("worker %s ignored SIGTERM", w.name)
		}
	}

	// Exactly one run per batch, and every target in exactly one of them.
	if len(runs) != job.Batches {
		t.Errorf("%d runs recorded for %d batches", len(runs), job.Batches)
	}
	groups := map[string]int{}
	seen := map[string]int{}
	for _, r := range runs {
		groups[r.Group]++
		if r.Status != history.StatusOK {
			t.Errorf("run %d (%s) status %s: %s", r.ID, r.Group, r.Status, r.Error)
		}
		rep, err := store.Report(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range rep.Services {
			seen[fmt.Sprintf("%s:%d", s.Host, s.Port)]++
			if s.Product != "postgres" {
				t.Errorf("%s:%d identified as %q", s.Host, s.Port, s.Product)
			}
		}
	}
	for g, n := range groups {
		if n != 1 {
			t.Errorf("group %s recorded %d times", g, n)
		}
	}
	for _, srv := range lab.Servers {
		if n := seen[srv.Target()]; n != 1 {
			t.Errorf("%s recorded %d times, want exactly once", srv.Target(), n)
		}
	}
	if len(seen) != targets {
		t.Errorf("%d endpoints recorded, want %d", len(seen), targets)
	}
	if _, err := store.RunByKey(ctx, held); err != nil {
		t.Errorf("the killed worker's batch %s: %v", held, err)
	}
	// The dead worker's batch went to a survivor as a redelivery, after AckWait.
	redelivered := regexp.MustCompile(`msg="batch started" .*batch=` + regexp.QuoteMeta(held) + ` attempt=2`)
	if !redelivered.MatchString(a.logs()) && !redelivered.MatchString(b.logs()) {
		t.Errorf("no survivor took over batch %s as a second delivery\nworker a:\n%s\nworker b:\n%s", held, a.logs(), b.logs())
	}
	t.Logf("%d batches, %d endpoints recorded once each; %v from the kill to the end", job.Batches, len(seen), time.Since(killedAt).Round(time.Millisecond))
}

// newDatabase creates an empty database on the server at base and returns its URL.
func newDatabase(t *testing.T, base string) string {
	t.Helper()
	name := fmt.Sprintf("lw_queue_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6)
	db, err := sql.Open("pgx", base+"/postgres?sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return base + "/" + name + "?sslmode=disable"
}
