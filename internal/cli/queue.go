package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/history"
	"github.com/leakwatch/leakwatch/internal/queue"
	"github.com/leakwatch/leakwatch/internal/target"
	"github.com/leakwatch/leakwatch/internal/untrusted"
)

// Running one scan on many machines: sharded jobs that all record their runs in one
// history (--shard with --store), or a work queue (--enqueue, `leakwatch worker`).

const defaultBatchSize = 256

// addDistributedFlags registers scan's history and queue flags.
func (f *scanFlags) addDistributedFlags(fl *pflag.FlagSet) {
	addHistoryFlags(fl, &f.history, "also record the run in this history `STORE`: a SQLite file or a postgres:// URL shared by every shard")
	fl.StringVar(&f.group, "group", "scan", "target group the run is recorded under (with --shard, one group per shard: NAME#I/N)")
	fl.StringVar(&f.runKey, "run-key", "", "record the run at most once under `ID` (once per shard with --shard): give every retry of a job the same ID")
	fl.StringVar(&f.enqueue, "enqueue", "", "do not scan: split the targets into batches on this NATS JetStream work queue (`URL` nats://host:4222) for `leakwatch worker`")
	fl.Uint64Var(&f.batchSize, "batch-size", defaultBatchSize, "endpoints per queued batch, roughly (--enqueue)")
	fl.StringVar(&f.queueStream, "queue-stream", queue.DefaultStream, "JetStream stream of the work queue")
}

// addHistoryFlags registers --store (as `leakwatch monitor` names it) and its alias
// --history on one variable.
func addHistoryFlags(fl *pflag.FlagSet, v *string, usage string) {
	fl.StringVar(v, "store", "", usage)
	fl.StringVar(v, "history", "", "same as --store")
	_ = fl.MarkHidden("history")
}

func openHistory(ctx context.Context, f *scanFlags) (*history.DB, error) {
	if f.history == "" {
		if f.runKey != "" {
			return nil, usagef("--run-key needs --store")
		}
		return nil, nil
	}
	if strings.TrimSpace(f.group) == "" {
		return nil, usagef("--group must not be empty")
	}
	return history.Open(ctx, f.history, history.Options{})
}

// shardGroup names the group a part of a target set is recorded under: each shard is a
// target set of its own, stable across runs, so its runs compare with each other.
func shardGroup(group string, sh target.Shard) string {
	if sh.All() {
		return group
	}
	return group + "#" + sh.String()
}

func saveHistory(ctx context.Context, e *env, f *scanFlags, plan *scanPlan, hist *history.DB, started time.Time, rep *finding.Report, runErr error) error {
	rec := history.RunRecord{Group: shardGroup(f.group, plan.tcfg.Shard), Trigger: "manual", Started: started,
		Report: rep, Err: runErr}
	if f.runKey != "" {
		rec.Key = f.runKey
		if !plan.tcfg.Shard.All() {
			rec.Key += "/" + plan.tcfg.Shard.String()
		}
	}
	// A finished scan is stored even when an interrupt arrives now.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	run, err := hist.SaveRun(sctx, rec, nil)
	switch {
	case errors.Is(err, history.ErrDuplicateKey):
		fmt.Fprintf(e.stderr, "leakwatch: run key %s was already recorded as run %d in %s; not recorded again\n", untrusted.Text(rec.Key), run.ID, hist)
	case err != nil:
		return err
	default:
		e.logger.Info("run recorded", "run", run.ID, "group", run.Group, "store", hist.String())
	}
	return nil
}

// runEnqueue splits the plan's targets into batches and publishes them.
func runEnqueue(ctx context.Context, e *env, f *scanFlags, plan *scanPlan) error {
	switch {
	case f.shard != "":
		return usagef("--shard and --enqueue do not combine: the queue splits the targets itself")
	case f.history != "":
		return usagef("--store is the workers' to give (leakwatch worker --store): --enqueue scans nothing")
	case f.batchSize < 1:
		return usagef("--batch-size must be at least 1")
	case strings.TrimSpace(f.group) == "":
		return usagef("--group must not be empty")
	}
	n := plan.job.Set.Count()
	count := max(1, min(1<<20, (n+f.batchSize-1)/f.batchSize))
	counts := make([]uint64, count)
	for ep := range plan.job.Set.All() {
		counts[target.ShardOf(ep.Addr, int(count))-1]++
	}
	job, err := newJobID()
	if err != nil {
		return err
	}
	raw := func(ss []target.Spec) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = s.Raw
		}
		return out
	}
	batches := queue.Split(job, f.group, int(count), counts, raw(plan.specs), raw(plan.exclude), plan.tcfg.Ports, f.maxAddresses)
	q, err := queue.Open(ctx, queue.Config{URL: f.enqueue, Stream: f.queueStream, Logger: e.logger})
	if err != nil {
		return err
	}
	defer q.Close()
	if err := q.Enqueue(ctx, batches); err != nil {
		return err
	}
	summary := struct {
		Job       string `json:"job"`
		Group     string `json:"group"`
		Batches   int    `json:"batches"`
		Shards    uint64 `json:"shards"`
		Endpoints uint64 `json:"endpoints"`
		Stream    string `json:"stream"`
	}{job, f.group, len(batches), count, n, f.queueStream}
	if f.format == "json" {
		return json.NewEncoder(e.stdout).Encode(summary)
	}
	fmt.Fprintf(e.stdout, "job %s: %d endpoints in %d batches queued on %s (stream %s); workers record them in group %s#I/%d\n",
		job, n, len(batches), queue.SafeURL(f.enqueue), f.queueStream, f.group, count)
	return nil
}

// newJobID is sortable by time and unique across machines.
func newJobID() (string, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return time.Now().UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:]), nil
}

// workerFlags are `leakwatch worker`'s own flags; the probing flags are scan's.
type workerFlags struct {
	scan       scanFlags
	queue      string
	history    string
	stream     string
	consumer   string
	ackWait    time.Duration
	maxDeliver int
}

func newWorkerCmd(e *env) *cobra.Command {
	w := &workerFlags{}
	cmd := &cobra.Command{
		Use:   "worker --queue URL --store STORE [flags]",
		Short: "Scan target batches from a NATS JetStream work queue into a shared history",
		Long: `Pull target batches queued by 'leakwatch scan --enqueue' one at a time, scan each
with this worker's probing flags and credentials, record the result in the history store,
and acknowledge the batch only once it is recorded. A batch whose worker dies is handed to
another worker after --ack-wait; results are recorded under the batch's key, so a batch
scanned twice is recorded once. Stops on SIGINT/SIGTERM, handing back the batch in hand.`,
		Example: `  leakwatch scan --enqueue nats://nats:4222 10.0.0.0/16
  leakwatch worker --queue nats://nats:4222 --store postgres://leakwatch@db/leakwatch`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWorker(cmd.Context(), e, w)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&w.queue, "queue", "", "NATS server of the work queue (`URL` nats://host:4222)")
	addHistoryFlags(fl, &w.history, "history `STORE` the results are recorded in: a postgres:// URL shared by the workers (or a SQLite file)")
	fl.StringVar(&w.stream, "queue-stream", queue.DefaultStream, "JetStream stream of the work queue")
	fl.StringVar(&w.consumer, "consumer", queue.DefaultConsumer, "durable consumer the workers share")
	fl.DurationVar(&w.ackWait, "ack-wait", queue.DefaultAckWait, "hand a batch to another worker when its worker has been silent this long")
	fl.IntVar(&w.maxDeliver, "max-deliver", queue.DefaultMaxDeliver, "times one batch is handed out at most")
	fl.BoolVar(&w.scan.noSecTxt, "no-security-txt", false, "do not look up security.txt contacts for host names")
	fl.StringVar(&w.scan.order, "order", "auto", "address order: auto, sequential or random")
	w.scan.addProbeFlags(fl)
	return cmd
}

func runWorker(ctx context.Context, e *env, w *workerFlags) error {
	switch {
	case w.queue == "":
		return usagef("--queue is required")
	case w.history == "":
		return usagef("--store is required: results are recorded there")
	case w.ackWait < 3*time.Second:
		return usagef("--ack-wait must be at least 3s")
	case w.maxDeliver < 1:
		return usagef("--max-deliver must be at least 1")
	}
	hist, err := history.Open(ctx, w.history, history.Options{})
	if err != nil {
		return err
	}
	defer hist.Close()
	q, err := queue.Open(ctx, queue.Config{URL: w.queue, Stream: w.stream, Consumer: w.consumer,
		AckWait: w.ackWait, MaxDeliver: w.maxDeliver, Logger: e.logger})
	if err != nil {
		return err
	}
	defer q.Close()
	name, _ := os.Hostname()
	log := e.logger.With("worker", name+"/"+strconv.Itoa(os.Getpid()))
	log.Info("worker started", "queue", queue.SafeURL(w.queue), "history", hist.String())
	err = q.Work(ctx, func(ctx context.Context, b queue.Batch, d queue.Delivery) error {
		return scanBatch(ctx, e, log, w, hist, b)
	})
	log.Info("worker stopped")
	return err
}

// scanBatch scans one batch with the worker's probing flags and records the result
// under the batch's key.
func scanBatch(ctx context.Context, e *env, log *slog.Logger, w *workerFlags, hist *history.DB, b queue.Batch) error {
	f := w.scan
	f.exclude = b.Exclude
	ports := make([]string, len(b.Ports))
	for i, p := range b.Ports {
		ports[i] = strconv.Itoa(p)
	}
	f.ports = strings.Join(ports, ",")
	f.shard = b.Shard().String()
	f.maxAddresses = target.DefaultMaxAddresses
	if b.MaxAddresses > 0 {
		f.maxAddresses = b.MaxAddresses
	}
	f.format, f.failOn, f.maxPerGroup = "json", "high", 5
	plan, err := buildScan(ctx, e, &f, b.Targets)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return fmt.Errorf("%w: %v", queue.ErrBadBatch, err)
		}
		return err
	}
	started := time.Now()
	rep, runErr := plan.job.Run(ctx)
	if ctx.Err() != nil {
		return ctx.Err() // interrupted: hand the batch back rather than record a part
	}
	if rep == nil {
		return runErr
	}
	rep.Version = Version
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	run, err := hist.SaveRun(sctx, history.RunRecord{Group: shardGroup(b.Group, b.Shard()), Trigger: "queue",
		Started: started, Report: rep, Err: runErr, Key: b.Key()}, nil)
	switch {
	case errors.Is(err, history.ErrDuplicateKey):
		log.Info("batch already recorded", "batch", b.Key(), "run", run.ID)
		return nil
	case err != nil:
		return err
	}
	log.Info("batch recorded", "batch", b.Key(), "run", run.ID, "services", len(rep.Services), "findings", len(rep.Findings))
	return nil
}
