package queue_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/leakwatch/leakwatch/internal/cli"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/queue"
)

// The queue of these tests authenticates with a user and password; batches are signed
// with queueKey. Secrets reach the command line through the environment, as in use.
const (
	natsUser        = "leakwatch"
	natsPassword    = "nats-pw-7f3a9c21"
	natsPasswordEnv = "LEAKWATCH_TEST_NATS_PASSWORD"
	queueKey        = "5b0e3f7a9c41d2e8b6a0f3c7d9e1a4b2-test-key"
	queueKeyEnv     = "LEAKWATCH_TEST_QUEUE_KEY"
)

func authNATS(t *testing.T) *lab.NATS {
	t.Helper()
	return labtest.NATSWith(t, fmt.Sprintf("authorization { user: %q, password: %q }", natsUser, natsPassword))
}

// queueAuthArgs sets the environment the flags it returns name (worker processes
// inherit it).
func queueAuthArgs(t *testing.T) []string {
	t.Setenv(natsPasswordEnv, natsPassword)
	t.Setenv(queueKeyEnv, queueKey)
	return []string{"--queue-user", natsUser, "--queue-password-env", natsPasswordEnv, "--queue-key-env", queueKeyEnv}
}

func testQueueConfig(url, key string) queue.Config {
	return queue.Config{URL: url, Key: []byte(key), Auth: queue.Auth{User: natsUser, Password: natsPassword}}
}

// countingServer accepts TCP connections on addr and counts them: a stand-in for a
// server an attacker wants the worker to reach.
func countingServer(t *testing.T, addr string) (net.Listener, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	t.Cleanup(func() { ln.Close() })
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			_, _ = c.Write([]byte("N")) // PostgreSQL's answer to SSLRequest
			c.Close()
		}
	}()
	return ln, &n
}

// TestWorkerRefusesForgedBatches is row 1 of issue 10: someone who can publish on the
// queue names a fake PostgreSQL. Unsigned, forged (signed with another key) and
// out-of-scope batches must never make the worker connect anywhere nor record
// anything; a batch signed with the key and inside --scope is scanned and recorded.
func TestWorkerRefusesForgedBatches(t *testing.T) {
	n := authNATS(t)
	pg := labtest.PostgresOpen(t)
	dsn := newDatabase(t, fmt.Sprintf("postgres://postgres@%s", pg.Addr()))
	args := queueAuthArgs(t)

	// The attacker's fake inside the worker's scope (only the signature keeps the
	// worker away), and one outside it.
	fakeIn, inConns := countingServer(t, "127.0.0.1:0")
	fakeOut, outConns := countingServer(t, "127.0.0.3:0")
	port := func(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }

	ctx := context.Background()
	good := queue.Split("good-job", "nightly", 1, nil, []string{pg.Addr()}, nil, []int{pg.Port}, 0)
	forged := queue.Split("forged-job", "attacker", 1, nil, []string{fakeIn.Addr().String()}, nil, []int{port(fakeIn)}, 0)
	outside := queue.Split("outside-job", "nightly", 1, nil, []string{fakeOut.Addr().String()}, nil, []int{port(fakeOut)}, 0)

	// 1. Forged: a publisher with queue access but another key.
	fq, err := queue.Open(ctx, testQueueConfig(n.URL(), "a-different-key-of-32-bytes-or-more!"))
	if err != nil {
		t.Fatal(err)
	}
	if err := fq.Enqueue(ctx, forged); err != nil {
		t.Fatal(err)
	}
	fq.Close()
	// 2. Unsigned: a plain JetStream publication of a well-formed batch.
	nc, err := nats.Connect(n.URL(), nats.UserInfo(natsUser, natsPassword))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	raw := fmt.Sprintf(`{"job":"unsigned-job","group":"attacker","index":1,"count":1,"targets":[%q],"ports":[%d],"created":"2026-01-01T00:00:00Z"}`,
		fakeIn.Addr().String(), port(fakeIn))
	if _, err := js.Publish(ctx, "leakwatch.batches", []byte(raw)); err != nil {
		t.Fatal(err)
	}
	// 3. Signed, but outside the worker's scope; 4. signed and inside.
	q, err := queue.Open(ctx, testQueueConfig(n.URL(), queueKey))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if err := q.Enqueue(ctx, outside); err != nil {
		t.Fatal(err)
	}
	if err := q.Enqueue(ctx, good); err != nil {
		t.Fatal(err)
	}

	w := startWorker(t, "scoped", append([]string{"--queue", n.URL(), "--store", dsn, "--ack-wait", "4s", "--no-security-txt",
		"--timeout", "20s", "--io-timeout", "5s", "--sample-rows", "1", "--scope", "127.0.0.1/32"}, args...)...)

	store, err := history.Open(ctx, dsn, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, rerr := store.RunByKey(ctx, good[0].Key())
		pending, perr := q.Pending(ctx)
		if rerr == nil && perr == nil && pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the signed batch was not recorded (%v), %d pending (%v)\n%s", rerr, pending, perr, w.logs())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if in, out := inConns.Load(), outConns.Load(); in != 0 || out != 0 {
		t.Fatalf("the worker connected to the attacker's servers: %d (in scope, unsigned/forged), %d (out of scope)\n%s", in, out, w.logs())
	}
	runs, err := store.Runs(ctx, history.RunFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Group != "nightly" || runs[0].Services != 1 {
		t.Fatalf("runs %+v, want only the signed in-scope batch", runs)
	}
	logs := w.logs()
	if c := strings.Count(logs, "rejected a batch that is not signed"); c != 2 {
		t.Errorf("%d rejections logged, want 2 (forged, unsigned):\n%s", c, logs)
	}
	if !strings.Contains(logs, "refusing a batch") || !strings.Contains(logs, "outside the scope") {
		t.Errorf("the out-of-scope batch was not refused with a reason:\n%s", logs)
	}
	for _, leak := range []string{"attacker", "unsigned-job", "forged-job"} {
		if strings.Contains(logs, leak) {
			t.Errorf("the worker logged %q from an unverified batch:\n%s", leak, logs)
		}
	}
}

// A connection that would not authenticate is refused before anything is sent, with
// a message that says what to give; --insecure-queue accepts it. Batches must be
// signed: no key, no queue.
func TestAnonymousQueueRefused(t *testing.T) {
	n := labtest.NATSFresh(t) // accepts anyone: the refusal must be leakwatch's own
	t.Setenv(queueKeyEnv, queueKey)
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := cli.Main(args, strings.NewReader(""), &out, &errb)
		return code, errb.String()
	}
	key := []string{"--queue-key-env", queueKeyEnv}
	worker := []string{"worker", "--queue", n.URL(), "--store", t.TempDir() + "/h.db", "--scope", "127.0.0.1"}
	enqueue := []string{"scan", "--enqueue", n.URL(), "-p", "5432", "127.0.0.1"}
	for _, args := range [][]string{append(worker, key...), append(enqueue, key...)} {
		code, stderr := run(args...)
		if code != cli.ExitError || !strings.Contains(stderr, "refusing an unauthenticated NATS connection") || !strings.Contains(stderr, "--insecure-queue") {
			t.Errorf("%s: exit %d, stderr %q", args[0], code, stderr)
		}
	}
	// Without a key, or with a short one.
	t.Setenv("LEAKWATCH_TEST_SHORT_KEY", "short")
	for _, extra := range [][]string{{"--insecure-queue"}, {"--insecure-queue", "--queue-key-env", "LEAKWATCH_TEST_SHORT_KEY"}} {
		code, stderr := run(append(enqueue, extra...)...)
		if code != cli.ExitError || !strings.Contains(stderr, "key") {
			t.Errorf("%v: exit %d, stderr %q", extra, code, stderr)
		}
	}
	// A worker without --scope.
	if code, stderr := run("worker", "--queue", n.URL(), "--store", "x.db", "--insecure-queue", "--queue-key-env", queueKeyEnv); code != cli.ExitError || !strings.Contains(stderr, "--scope") {
		t.Errorf("no scope: exit %d, stderr %q", code, stderr)
	}
	// Told to accept it, the enqueuer does.
	if code, stderr := run(append(enqueue, append(key, "--insecure-queue")...)...); code != cli.ExitOK {
		t.Errorf("--insecure-queue: exit %d, stderr %q", code, stderr)
	}
}
