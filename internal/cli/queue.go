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
	f.queueAuth.add(fl)
}

// queueAuthFlags are how `scan --enqueue` and `worker` authenticate to NATS and sign or
// check batches. Secrets come from the environment or files, never from a flag's value
// (which every local user can read in the process list).
type queueAuthFlags struct {
	creds, nkey                     string
	user, passwordEnv, passwordFile string
	tokenEnv, tokenFile             string
	ca, cert, certKey               string
	tls, insecure                   bool
	keyEnv, keyFile                 string
}

func (q *queueAuthFlags) add(fl *pflag.FlagSet) {
	fl.StringVar(&q.creds, "queue-creds", "", "NATS credentials `FILE` (user JWT and NKey seed)")
	fl.StringVar(&q.nkey, "queue-nkey", "", "NATS NKey seed `FILE`")
	fl.StringVar(&q.user, "queue-user", "", "NATS user `NAME` (password from --queue-password-env or --queue-password-file)")
	fl.StringVar(&q.passwordEnv, "queue-password-env", "", "read the NATS password from environment variable `NAME`")
	fl.StringVar(&q.passwordFile, "queue-password-file", "", "read the NATS password from `FILE`")
	fl.StringVar(&q.tokenEnv, "queue-token-env", "", "read a NATS token from environment variable `NAME`")
	fl.StringVar(&q.tokenFile, "queue-token-file", "", "read a NATS token from `FILE`")
	fl.StringVar(&q.ca, "queue-ca", "", "PEM `FILE` of the CA that verifies the NATS server's certificate (turns TLS on)")
	fl.StringVar(&q.cert, "queue-cert", "", "client certificate `FILE` for NATS (with --queue-cert-key; turns TLS on)")
	fl.StringVar(&q.certKey, "queue-cert-key", "", "key `FILE` of --queue-cert")
	fl.BoolVar(&q.tls, "queue-tls", false, "require TLS to NATS, verified against the system's roots (also: a tls:// URL)")
	fl.BoolVar(&q.insecure, "insecure-queue", false, "accept an unauthenticated NATS connection (anyone who can publish on it chooses what is scanned)")
	fl.StringVar(&q.keyEnv, "queue-key-env", "", "read the batch-signing key (at least 32 bytes, shared by the enqueuer and the workers) from environment variable `NAME`")
	fl.StringVar(&q.keyFile, "queue-key-file", "", "read the batch-signing key from `FILE`")
}

// config resolves the flags into the queue's Auth and batch-signing key.
func (q *queueAuthFlags) config(getenv func(string) string) (queue.Auth, []byte, error) {
	a := queue.Auth{CredsFile: q.creds, NKeyFile: q.nkey, User: q.user, CAFile: q.ca, CertFile: q.cert, KeyFile: q.certKey,
		RequireTLS: q.tls, Insecure: q.insecure}
	secret := func(flag, envName, file string) (string, error) {
		if envName != "" && file != "" {
			return "", usagef("give only one of %s-env and %s-file", flag, flag)
		}
		v, err := resolvePassword("", envName, file, getenv)
		if err != nil {
			return "", usagef("%s: %v", flag, err)
		}
		return strings.TrimSpace(v), nil
	}
	var err error
	if a.Password, err = secret("--queue-password", q.passwordEnv, q.passwordFile); err != nil {
		return a, nil, err
	}
	if a.Password != "" && a.User == "" {
		return a, nil, usagef("a NATS password needs --queue-user")
	}
	if a.Token, err = secret("--queue-token", q.tokenEnv, q.tokenFile); err != nil {
		return a, nil, err
	}
	key, err := secret("--queue-key", q.keyEnv, q.keyFile)
	if err != nil {
		return a, nil, err
	}
	switch {
	case key == "":
		return a, nil, usagef("batches are signed: give the shared key with --queue-key-env or --queue-key-file (at least %d bytes, e.g. openssl rand -hex 32)", queue.MinKeyLen)
	case len(key) < queue.MinKeyLen:
		return a, nil, usagef("the batch-signing key is %d bytes; at least %d are needed (e.g. openssl rand -hex 32)", len(key), queue.MinKeyLen)
	}
	return a, []byte(key), nil
}

// openQueue opens the queue, turning an anonymous connection into a usage error.
func openQueue(ctx context.Context, cfg queue.Config) (*queue.Queue, error) {
	q, err := queue.Open(ctx, cfg)
	if errors.Is(err, queue.ErrAnonymous) {
		return nil, usageError{err}
	}
	return q, err
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
	auth, key, err := f.queueAuth.config(os.Getenv)
	if err != nil {
		return err
	}
	q, err := openQueue(ctx, queue.Config{URL: f.enqueue, Stream: f.queueStream, Auth: auth, Key: key, Logger: e.logger})
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
	auth       queueAuthFlags
	scope      []string
	exclude    []string
	queue      string
	history    string
	stream     string
	consumer   string
	ackWait    time.Duration
	maxDeliver int
}

func newWorkerCmd(e *env) *cobra.Command {
	cmd, _ := workerCmd(e)
	return cmd
}

// workerCmd is the worker command and the flags it fills in.
func workerCmd(e *env) (*cobra.Command, *workerFlags) {
	w := &workerFlags{}
	cmd := &cobra.Command{
		Use:   "worker --queue URL --store STORE --scope CIDR,... [flags]",
		Short: "Scan target batches from a NATS JetStream work queue into a shared history",
		Long: `Pull target batches queued by 'leakwatch scan --enqueue' one at a time, scan each
with this worker's probing flags and credentials, record the result in the history store,
and acknowledge the batch only once it is recorded. A batch whose worker dies is handed to
another worker after --ack-wait; results are recorded under the batch's key, so a batch
scanned twice is recorded once. Stops on SIGINT/SIGTERM, handing back the batch in hand.

Whoever can publish on the queue would choose what this worker scans and where its
credentials go, so: the NATS connection must authenticate (--queue-creds, --queue-nkey,
--queue-user, --queue-token-*, or a TLS client certificate; --insecure-queue to accept an
anonymous one); every batch must be signed with the key given to 'scan --enqueue' too
(--queue-key-env or --queue-key-file), and one that is not is dropped unscanned, logged and
counted; a batch reaching outside --scope, or into --exclude, is refused whole; and
credentials are sent only to endpoints inside --scope.`,
		Example: `  export LEAKWATCH_QUEUE_KEY=$(cat /run/secrets/queue-key)
  leakwatch scan --enqueue tls://nats:4222 --queue-creds scan.creds --queue-key-env LEAKWATCH_QUEUE_KEY 10.0.0.0/16
  leakwatch worker --queue tls://nats:4222 --queue-creds worker.creds --queue-key-env LEAKWATCH_QUEUE_KEY \
      --scope 10.0.0.0/16 --exclude 10.0.9.9 --store postgres://leakwatch@db/leakwatch`,
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
	fl.StringSliceVar(&w.scope, "scope", nil, "addresses, CIDR blocks, ranges and host names this worker may scan (required; comma-separated, repeatable): a batch reaching outside is refused whole")
	fl.StringSliceVar(&w.exclude, "exclude", nil, "never scan these addresses, blocks or names: a batch reaching into them, or into an IPv6 form of an IPv4 address among them, is refused whole (*.example.com: names under example.com, not example.com itself)")
	w.auth.add(fl)
	w.scan.addProbeFlags(fl)
	return cmd, w
}

// workerScope is where a worker may scan, with the names it lists resolved now by r
// (nil: the system's resolver).
func workerScope(ctx context.Context, w *workerFlags, r target.Resolver) (target.Scope, error) {
	allow, err := target.ParseHosts(w.scope)
	if err != nil {
		return target.Scope{}, usagef("--scope: %v", err)
	}
	var deny *target.Hosts
	if len(w.exclude) > 0 {
		if deny, err = target.ParseHosts(w.exclude); err != nil {
			return target.Scope{}, usagef("--exclude: %v", err)
		}
	}
	if allow, err = allow.Resolve(ctx, r); err != nil {
		return target.Scope{}, fmt.Errorf("--scope: %w", err)
	}
	if deny, err = deny.Resolve(ctx, r); err != nil {
		return target.Scope{}, fmt.Errorf("--exclude: %w; refusing to work without honouring it", err)
	}
	return target.Scope{Allow: allow, Deny: deny}, nil
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
	case len(w.scope) == 0:
		return usagef("--scope is required: the addresses, blocks and names this worker may scan (a batch reaching outside is refused)")
	}
	if _, err := workerScope(ctx, w, w.scan.resolver); err != nil {
		return err
	}
	auth, key, err := w.auth.config(os.Getenv)
	if err != nil {
		return err
	}
	hist, err := history.Open(ctx, w.history, history.Options{})
	if err != nil {
		return err
	}
	defer hist.Close()
	q, err := openQueue(ctx, queue.Config{URL: w.queue, Stream: w.stream, Consumer: w.consumer,
		AckWait: w.ackWait, MaxDeliver: w.maxDeliver, Auth: auth, Key: key, Logger: e.logger})
	if err != nil {
		return err
	}
	defer q.Close()
	name, _ := os.Hostname()
	log := e.logger.With("worker", name+"/"+strconv.Itoa(os.Getpid()))
	if auth.Insecure {
		log.Warn("--insecure-queue: the NATS connection may be anonymous; only the batch signatures stand between the queue and this worker")
	}
	log.Info("worker started", "queue", queue.SafeURL(w.queue), "history", hist.String(), "scope", strings.Join(w.scope, ","))
	err = q.Work(ctx, func(ctx context.Context, b queue.Batch, d queue.Delivery) error {
		return scanBatch(ctx, e, log, w, hist, b)
	})
	log.Info("worker stopped", "rejected_unsigned", q.Rejected(), "refused_out_of_scope", q.Refused())
	return err
}

// scanBatch scans one batch with the worker's probing flags and records the result
// under the batch's key.
func scanBatch(ctx context.Context, e *env, log *slog.Logger, w *workerFlags, hist *history.DB, b queue.Batch) error {
	plan, err := batchPlan(ctx, e, w, b)
	if err != nil {
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

// batchPlan resolves the worker's scope and the batch's targets and exclusions, one
// answer per name for all of them, and refuses a batch that reaches outside the scope.
func batchPlan(ctx context.Context, e *env, w *workerFlags, b queue.Batch) (*scanPlan, error) {
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
	// The scope is resolved for each batch, since names in it may move, and with the
	// batch's own names in one pass: a name answered once for the scope's --exclude and
	// again for the batch could let DNS put a target on either side of it.
	f.resolver = target.OnceResolver(w.scan.resolver)
	scope, err := workerScope(ctx, w, f.resolver)
	if err != nil {
		return nil, err
	}
	f.credScope = scope
	plan, err := buildScan(ctx, e, &f, b.Targets)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return nil, fmt.Errorf("%w: %v", queue.ErrBadBatch, err)
		}
		return nil, err
	}
	// Nothing is touched before the whole batch is known to be inside the scope.
	if err := scope.Check(plan.job.Set); err != nil {
		return nil, fmt.Errorf("%w: %v (this worker's --scope is %s)", queue.ErrRefused, err, strings.Join(w.scope, ","))
	}
	return plan, nil
}
