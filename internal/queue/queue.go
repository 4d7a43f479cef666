// Package queue spreads a scan over many machines through a NATS JetStream work queue:
// `leakwatch scan --enqueue` splits the target set into batches and publishes them;
// each `leakwatch worker` pulls one batch at a time, scans it, stores the result, and
// only then acknowledges it. A worker that dies holding a batch never acknowledges it,
// so JetStream hands the batch to another worker once its AckWait has passed; results
// are stored under the batch's key, so a batch scanned twice is stored once.
//
// A batch is a shard of the job's target set (target.Shard): the message carries the
// target specs, exclusions and ports, never credentials, and is a few hundred bytes
// whatever the number of addresses. Workers bring their own probing limits and
// credentials.
//
// The connection authenticates (Auth; an anonymous one only when told Insecure) and
// every batch is signed with HMAC-SHA256 under a key the enqueuer and the workers share
// (auth.go): a batch whose signature is missing or wrong is dropped, logged and counted,
// never handed to a worker's handler.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/leakwatch/leakwatch/internal/target"
)

// Defaults for Config fields left zero.
const (
	DefaultStream     = "LEAKWATCH"
	DefaultConsumer   = "leakwatch-workers"
	DefaultAckWait    = 2 * time.Minute
	DefaultMaxDeliver = 5
)

// Batch is one unit of work: shard Index of Count of a job's targets.
type Batch struct {
	Job   string `json:"job"`
	Group string `json:"group"`
	Index int    `json:"index"` // 1-based
	Count int    `json:"count"`
	// Targets and Exclude are target and exclusion specs as the user gave them; Ports
	// is the port list applied to targets without one.
	Targets      []string  `json:"targets"`
	Exclude      []string  `json:"exclude,omitempty"`
	Ports        []int     `json:"ports"`
	MaxAddresses uint64    `json:"max_addresses,omitempty"`
	Created      time.Time `json:"created"`
}

// Key names the batch uniquely: the history key its result is stored under and the
// message id JetStream de-duplicates publications by.
func (b Batch) Key() string {
	return b.Job + "/" + strconv.Itoa(b.Index) + "/" + strconv.Itoa(b.Count)
}

// Shard is the part of the targets the batch covers.
func (b Batch) Shard() target.Shard { return target.Shard{Index: b.Index, Count: b.Count} }

// Validate rejects batches a worker cannot scan.
func (b Batch) Validate() error {
	switch {
	case b.Job == "":
		return errors.New("batch has no job id")
	case len(b.Targets) == 0:
		return errors.New("batch has no targets")
	case len(b.Ports) == 0:
		return errors.New("batch has no ports")
	}
	return b.Shard().Validate()
}

// Config names the stream and consumer and sets the redelivery policy.
type Config struct {
	// URL is the NATS server (nats://host:4222; credentials in the URL are used, never
	// logged).
	URL      string
	Stream   string // DefaultStream when empty
	Consumer string // DefaultConsumer when empty
	// AckWait is how long a batch may go without news from its worker before JetStream
	// hands it to another one. Workers report progress every AckWait/3 while they
	// scan, so it bounds how long a dead worker delays a batch, not how long a scan
	// may take.
	AckWait time.Duration
	// MaxDeliver bounds how often one batch is handed out (a batch that crashes every
	// worker must not cycle forever).
	MaxDeliver int
	// Auth is how the connection authenticates and checks the server.
	Auth Auth
	// Key signs published batches and verifies pulled ones (HMAC-SHA256, at least
	// MinKeyLen bytes).
	Key    []byte
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Stream == "" {
		c.Stream = DefaultStream
	}
	if c.Consumer == "" {
		c.Consumer = DefaultConsumer
	}
	if c.AckWait <= 0 {
		c.AckWait = DefaultAckWait
	}
	if c.MaxDeliver == 0 {
		c.MaxDeliver = DefaultMaxDeliver
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// subject is where the stream's batches are published.
func (c Config) subject() string { return strings.ToLower(c.Stream) + ".batches" }

// Queue is a connection to the work queue.
type Queue struct {
	cfg    Config
	nc     *nats.Conn
	js     jetstream.JetStream
	stream jetstream.Stream
	// rejected counts batches dropped for a missing or wrong signature; refused those
	// a handler refused (ErrRefused).
	rejected, refused atomic.Uint64
}

// Rejected is how many batches this connection dropped unread for a missing or wrong
// signature.
func (q *Queue) Rejected() uint64 { return q.rejected.Load() }

// Refused is how many batches a handler refused (ErrRefused).
func (q *Queue) Refused() uint64 { return q.refused.Load() }

// SafeURL is u without its password, for messages.
func SafeURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "the NATS server"
	}
	if p.User != nil {
		p.User = url.User(p.User.Username())
	}
	return p.String()
}

// Open connects to NATS and creates the work-queue stream when it does not exist.
func Open(ctx context.Context, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults()
	if cfg.URL == "" {
		return nil, errors.New("queue: no NATS URL")
	}
	if u, err := url.Parse(cfg.URL); err != nil || (u.Scheme != "nats" && u.Scheme != "tls") || u.Host == "" {
		return nil, fmt.Errorf("queue: want a nats://host:port URL, not %q", SafeURL(cfg.URL))
	}
	if len(cfg.Key) < MinKeyLen {
		return nil, fmt.Errorf("queue: the batch-signing key must be at least %d bytes (e.g. openssl rand -hex 32)", MinKeyLen)
	}
	authOpts, err := cfg.Auth.options(cfg.URL)
	if err != nil {
		return nil, err
	}
	opts := append([]nats.Option{nats.Name("leakwatch"), nats.Timeout(10 * time.Second),
		nats.MaxReconnects(-1), nats.ReconnectWait(time.Second)}, authOpts...)
	nc, err := nats.Connect(cfg.URL, opts...)
	if err != nil {
		return nil, fmt.Errorf("queue: connecting to %s: %w", SafeURL(cfg.URL), err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %w", err)
	}
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	st, err := js.CreateOrUpdateStream(sctx, jetstream.StreamConfig{
		Name:     cfg.Stream,
		Subjects: []string{cfg.subject()},
		// Work-queue retention: a batch leaves the stream when a worker acknowledges it.
		Retention: jetstream.WorkQueuePolicy,
		Storage:   jetstream.FileStorage,
		// Publishing the same batch twice (an enqueue retried after a lost reply) is
		// de-duplicated by its key within this window.
		Duplicates: 10 * time.Minute,
	})
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: stream %s on %s: %w", cfg.Stream, SafeURL(cfg.URL), err)
	}
	return &Queue{cfg: cfg, nc: nc, js: js, stream: st}, nil
}

// Close closes the connection.
func (q *Queue) Close() { q.nc.Close() }

// Enqueue publishes batches, waiting for JetStream to store each.
func (q *Queue) Enqueue(ctx context.Context, batches []Batch) error {
	for _, b := range batches {
		if err := b.Validate(); err != nil {
			return fmt.Errorf("queue: batch %s: %w", b.Key(), err)
		}
		data, err := json.Marshal(b)
		if err != nil {
			return fmt.Errorf("queue: %w", err)
		}
		msg := &nats.Msg{Subject: q.cfg.subject(), Data: data, Header: nats.Header{}}
		msg.Header.Set(sigHeader, sign(q.cfg.Key, q.cfg.Stream, data))
		pctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		_, err = q.js.PublishMsg(pctx, msg, jetstream.WithMsgID(b.Key()))
		cancel()
		if err != nil {
			return fmt.Errorf("queue: publishing batch %s: %w", b.Key(), err)
		}
	}
	return nil
}

// Pending is how many batches are not done: waiting for a worker, or handed out and
// not acknowledged yet. Dropped batches do not count.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	cons, err := q.stream.Consumer(ctx, q.cfg.Consumer)
	if errors.Is(err, jetstream.ErrConsumerNotFound) {
		// No worker has started yet: everything in the stream waits.
		info, err := q.stream.Info(ctx)
		if err != nil {
			return 0, fmt.Errorf("queue: %w", err)
		}
		return info.State.Msgs, nil
	}
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: %w", err)
	}
	return info.NumPending + uint64(info.NumAckPending), nil
}

// drop terminates a batch no worker can process and deletes it from the stream (a
// work-queue stream keeps terminated messages on older servers).
func (q *Queue) drop(msg jetstream.Msg, reason string) {
	_ = msg.TermWithReason(reason)
	md, err := msg.Metadata()
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = q.stream.DeleteMsg(ctx, md.Sequence.Stream)
}

// Delivery is what a handler learns about the batch besides its content.
type Delivery struct {
	// Attempt is 1 the first time the batch is handed out, more on redelivery.
	Attempt uint64
}

// Handler scans and stores one batch. It returns nil once the result is stored (or was
// stored by an earlier delivery); any error hands the batch back for another attempt.
type Handler func(ctx context.Context, b Batch, d Delivery) error

// ErrBadBatch marks a batch no worker can ever process; it is dropped, not retried.
var ErrBadBatch = errors.New("unusable batch")

// ErrRefused marks a batch this worker will not scan (outside its scope); it is
// dropped, not retried, and counted.
var ErrRefused = errors.New("refused batch")

// Work pulls batches one at a time and hands each to h until ctx ends. A batch is
// acknowledged only after h returns nil, and the acknowledgement is confirmed by the
// server before the next batch is pulled.
func (q *Queue) Work(ctx context.Context, h Handler) error {
	cfg := q.cfg
	cctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	cons, err := q.js.CreateOrUpdateConsumer(cctx, cfg.Stream, jetstream.ConsumerConfig{
		Durable:       cfg.Consumer,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.AckWait,
		MaxDeliver:    cfg.MaxDeliver,
		FilterSubject: cfg.subject(),
	})
	cancel()
	if err != nil {
		return fmt.Errorf("queue: consumer %s: %w", cfg.Consumer, err)
	}
	for ctx.Err() == nil {
		msgs, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			cfg.Logger.Warn("fetching a batch", "err", err)
			sleep(ctx, time.Second)
			continue
		}
		for msg := range msgs.Messages() {
			q.handle(ctx, msg, h)
		}
		if err := msgs.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
			cfg.Logger.Warn("fetching a batch", "err", err)
			sleep(ctx, time.Second)
		}
	}
	return nil
}

func (q *Queue) handle(ctx context.Context, msg jetstream.Msg, h Handler) {
	log := q.cfg.Logger
	// Nothing of an unverified message is read, logged or acted on: its content,
	// group and key are whoever published it's to choose.
	if err := verify(q.cfg.Key, q.cfg.Stream, msg.Data(), msg.Headers()); err != nil {
		n := q.rejected.Add(1)
		var seq uint64
		if md, merr := msg.Metadata(); merr == nil {
			seq = md.Sequence.Stream
		}
		log.Error("rejected a batch that is not signed with this worker's key; dropped unscanned", "err", err,
			"stream_seq", seq, "bytes", len(msg.Data()), "rejected_total", n)
		q.drop(msg, "bad signature")
		return
	}
	var b Batch
	if err := json.Unmarshal(msg.Data(), &b); err != nil || b.Validate() != nil {
		if err == nil {
			err = b.Validate()
		}
		log.Error("dropping an unusable batch", "err", err)
		q.drop(msg, "unusable batch")
		return
	}
	var d Delivery
	if md, err := msg.Metadata(); err == nil {
		d.Attempt = md.NumDelivered
	}
	log = log.With("batch", b.Key(), "attempt", d.Attempt)
	log.Info("batch started")

	// Tell JetStream the batch is in hand while the scan runs, so that only a dead
	// worker's batch outlives AckWait.
	hctx, stopBeat := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(q.cfg.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-hctx.Done():
				return
			case <-t.C:
				if err := msg.InProgress(); err != nil {
					log.Warn("reporting progress", "err", err)
				}
			}
		}
	}()
	err := h(hctx, b, d)
	stopBeat()
	wg.Wait()

	switch {
	case errors.Is(err, ErrRefused):
		n := q.refused.Add(1)
		log.Error("refusing a batch; dropped unscanned", "err", err, "refused_total", n)
		q.drop(msg, "refused")
	case errors.Is(err, ErrBadBatch):
		log.Error("dropping an unusable batch", "err", err)
		q.drop(msg, err.Error())
	case err != nil:
		log.Warn("batch failed; handing it back", "err", err)
		// A short delay, so that a batch that fails at once does not spin.
		_ = msg.NakWithDelay(2 * time.Second)
	default:
		actx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := msg.DoubleAck(actx); err != nil {
			// The result is stored under the batch key: a redelivery stores nothing.
			log.Warn("acknowledging a stored batch", "err", err)
			return
		}
		log.Info("batch done")
	}
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// Split makes the batches of a job: count shards of the target set, leaving out those
// that hold no address (counts[i] is shard i+1's number of endpoints; nil keeps all).
func Split(job, group string, count int, counts []uint64, targets, exclude []string, ports []int, maxAddrs uint64) []Batch {
	now := time.Now().UTC().Truncate(time.Second)
	var out []Batch
	for i := 1; i <= count; i++ {
		if counts != nil && counts[i-1] == 0 {
			continue
		}
		out = append(out, Batch{Job: job, Group: group, Index: i, Count: count, Targets: targets,
			Exclude: exclude, Ports: ports, MaxAddresses: maxAddrs, Created: now})
	}
	return out
}
