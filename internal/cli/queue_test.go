package cli

import (
	"bytes"
	"context"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/queue"
	"github.com/leakwatch/leakwatch/internal/target"
	"github.com/leakwatch/leakwatch/internal/target/targettest"
)

// A sharded scan records its run in the shard's group; a run key records a retried job
// once.
func TestScanRecordsShardRuns(t *testing.T) {
	ch := labtest.ClickHouseOpen(t)
	db := filepath.Join(t.TempDir(), "history.db")
	shard := target.ShardOf(netip.MustParseAddr(ch.Host), 3)
	args := []string{"scan", "--format", "json", "--no-progress", "--no-security-txt", "--store", db,
		"--group", "nightly", "--shard", target.Shard{Index: shard, Count: 3}.String(), "--run-key", "job-42", ch.HTTPAddr()}
	for i := range 2 {
		code, _, stderr := runCLI(t, "", args...)
		if code != ExitFindings {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
		if i == 1 && !strings.Contains(stderr, "already recorded") {
			t.Errorf("second run with the same key: stderr %q", stderr)
		}
	}
	d, err := history.Open(context.Background(), db, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	runs, err := d.Runs(context.Background(), history.RunFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := "nightly#" + target.Shard{Index: shard, Count: 3}.String()
	if len(runs) != 1 || runs[0].Group != want || runs[0].Services != 1 || runs[0].Findings == 0 {
		t.Fatalf("runs %+v, want one run of group %s with the service and its findings", runs, want)
	}
	if r, err := d.RunByKey(context.Background(), "job-42/"+target.Shard{Index: shard, Count: 3}.String()); err != nil || r.ID != runs[0].ID {
		t.Fatalf("run by key: %+v %v", r, err)
	}
}

func TestDistributedFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"scan", "--enqueue", "nats://127.0.0.1:1", "--shard", "1/2", "127.0.0.1"},
		{"scan", "--enqueue", "nats://127.0.0.1:1", "--store", "x.db", "127.0.0.1"},
		{"scan", "--enqueue", "nats://127.0.0.1:1", "--batch-size", "0", "127.0.0.1"},
		{"scan", "--run-key", "k", "127.0.0.1"},
		{"worker", "--store", "x.db"},
		{"worker", "--queue", "nats://127.0.0.1:1"},
		{"worker", "--queue", "nats://127.0.0.1:1", "--store", "x.db", "--ack-wait", "1s"},
		{"worker", "--queue", "nats://127.0.0.1:1", "--store", "x.db", "extra-arg"},
		{"worker", "--queue", "nats://127.0.0.1:1", "--store", "x.db", "--scope", "10.0.0.0/33", "--insecure-queue"},
		{"worker", "--queue", "nats://127.0.0.1:1", "--store", "x.db", "--scope", "10.0.0.1:80", "--insecure-queue"},
		{"scan", "--enqueue", "nats://127.0.0.1:1", "--insecure-queue", "--queue-key-file", "/nonexistent", "127.0.0.1"},
		{"scan", "--enqueue", "nats://127.0.0.1:1", "--insecure-queue", "--queue-password-env", "X", "127.0.0.1"},
		{"scan", "--tls-ca", "/nonexistent", "127.0.0.1"},
		{"scan", "--tls-ca", "/dev/null", "127.0.0.1"},
	} {
		code, _, stderr := runCLI(t, "", args...)
		if code != ExitError || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

// A worker resolves its --scope and --exclude and the batch's targets and exclusions
// with one answer per name: the excluded name is asked once, so a second answer (here a
// failure) can neither move the exclusion nor refuse the batch. Nothing is connected to.
func TestWorkerBatchResolvesEachNameOnce(t *testing.T) {
	var stdout, stderr bytes.Buffer
	cmd, w := workerCmd(&env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr})
	if err := cmd.ParseFlags([]string{"--scope", "127.0.0.0/29,app.localhost", "--exclude", "db.localhost"}); err != nil {
		t.Fatal(err)
	}
	dns := targettest.NewFlakyDNS(map[string][]string{"db.localhost": {"127.0.0.2"}, "app.localhost": {"127.0.0.4"}})
	w.scan.resolver = dns
	b := queue.Batch{Job: "j", Index: 1, Count: 1, Targets: []string{"127.0.0.0/29", "app.localhost"}, Exclude: []string{"db.localhost"}, Ports: []int{9000}}
	plan, err := batchPlan(context.Background(), &env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}, w, b)
	if err != nil {
		t.Fatalf("batchPlan: %v", err)
	}
	if dns.Calls("db.localhost") != 1 || dns.Calls("app.localhost") != 1 {
		t.Fatalf("lookups: db %d, app %d; want one a name", dns.Calls("db.localhost"), dns.Calls("app.localhost"))
	}
	if plan.job.Set.ContainsAddr(netip.MustParseAddr("127.0.0.2")) || !plan.job.Set.ContainsAddr(netip.MustParseAddr("127.0.0.4")) {
		t.Fatal("the excluded address is in the batch, or the named target is not")
	}
}
