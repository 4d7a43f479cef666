package alert

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/history"
)

// Backoff says how long to wait before the next attempt after n failed ones:
// Initial·2^(n-1), at most Max, with up to 20% jitter so that many alerts failing
// together do not retry in lockstep.
type Backoff struct {
	Initial time.Duration
	Max     time.Duration
}

// DefaultBackoff retries after 5 s, 10 s, 20 s … up to once an hour, forever.
var DefaultBackoff = Backoff{Initial: 5 * time.Second, Max: time.Hour}

// Delay is the wait after attempts failed attempts (attempts ≥ 1).
func (b Backoff) Delay(attempts int) time.Duration {
	if b.Initial <= 0 {
		b.Initial = DefaultBackoff.Initial
	}
	if b.Max < b.Initial {
		b.Max = b.Initial
	}
	d := b.Initial
	for i := 1; i < attempts && d < b.Max; i++ {
		d *= 2
	}
	d = min(d, b.Max)
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// Dispatcher delivers the outbox: every due item is sent on its route, recorded as
// delivered, or rescheduled with back-off. Nothing is ever dropped: an item whose route
// is no longer configured waits for the route to come back.
//
// Recording an attempt can fail (the store went read-only, a lock is held, the
// database is down). The dispatcher then remembers the item in memory: one that was
// sent is not sent again, only its delivery recorded once the store takes writes; one
// that failed waits out its back-off even though the store still says it is due. After
// a crash the store's word holds, so delivery is at least once, and the
// Idempotency-Key lets receivers drop the repeat.
type Dispatcher struct {
	Store   *history.DB
	Backoff Backoff
	Logger  *slog.Logger
	// OnResult is told about every attempt (metrics).
	OnResult func(route string, err error)

	mu     sync.Mutex
	routes map[string]Sender
	wake   chan struct{}
	// held are items whose last outcome could not be recorded, by outbox id.
	held map[int64]*heldItem
}

// heldItem is what the store failed to learn about an item.
type heldItem struct {
	until time.Time // no attempt before
	// sent is set when the item was delivered and only the record of it is missing.
	sent     bool
	failures int // attempts to record that failed in a row
}

// NewDispatcher returns a dispatcher over store's outbox.
func NewDispatcher(store *history.DB, routes map[string]Sender, logger *slog.Logger) *Dispatcher {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Dispatcher{Store: store, Backoff: DefaultBackoff, Logger: logger, routes: routes, wake: make(chan struct{}, 1),
		held: map[int64]*heldItem{}}
}

// SetRoutes replaces the routes (a configuration reload). The old routes' idle
// connections are closed.
func (d *Dispatcher) SetRoutes(routes map[string]Sender) {
	d.mu.Lock()
	old := d.routes
	d.routes = routes
	d.mu.Unlock()
	for name, s := range old {
		if routes[name] != s {
			closeIdle(s)
		}
	}
	d.Wake()
}

// Close closes the idle connections of every route.
func (d *Dispatcher) Close() {
	d.mu.Lock()
	routes := d.routes
	d.mu.Unlock()
	for _, s := range routes {
		closeIdle(s)
	}
}

func closeIdle(s Sender) {
	if c, ok := s.(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// SetBackoff replaces the back-off policy (a configuration reload).
func (d *Dispatcher) SetBackoff(b Backoff) {
	d.mu.Lock()
	d.Backoff = b
	d.mu.Unlock()
}

// Wake asks the loop to look at the outbox now (new alerts were queued).
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Held is how many items wait in memory because their outcome could not be recorded.
func (d *Dispatcher) Held() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.held)
}

// duePage is how many due items one query reads.
const duePage = 50

// DeliverDue tries every item due now at most once and reports how many were delivered
// and how many failed. Items held in memory are skipped until their time comes.
func (d *Dispatcher) DeliverDue(ctx context.Context) (delivered, failed int, err error) {
	now := time.Now()
	seen := map[int64]bool{}
	for limit := duePage; ; limit += duePage {
		// Items whose outcome could not be recorded stay due in the store; asking for
		// more each time, and skipping what this pass has seen, moves past them.
		items, err := d.Store.Due(ctx, now, limit)
		if err != nil {
			return delivered, failed, err
		}
		fresh := 0
		for _, it := range items {
			if seen[it.ID] {
				continue
			}
			seen[it.ID] = true
			fresh++
			if ctx.Err() != nil {
				return delivered, failed, ctx.Err()
			}
			d.mu.Lock()
			h := d.held[it.ID]
			d.mu.Unlock()
			if h != nil && time.Now().Before(h.until) {
				continue
			}
			if d.deliver(ctx, it, h) {
				delivered++
			} else {
				failed++
			}
		}
		if fresh == 0 || len(items) < limit {
			break
		}
	}
	// Forget held items the store no longer lists as due (delivered by another
	// monitor, or recorded after all).
	d.mu.Lock()
	for id := range d.held {
		if !seen[id] {
			delete(d.held, id)
		}
	}
	d.mu.Unlock()
	return delivered, failed, nil
}

// hold keeps an item in memory after a failure to record its outcome.
func (d *Dispatcher) hold(it history.OutboxItem, sent bool, attempts int) time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	h := d.held[it.ID]
	if h == nil {
		h = &heldItem{}
		d.held[it.ID] = h
	}
	h.sent = h.sent || sent
	h.failures++
	h.until = time.Now().Add(d.Backoff.Delay(max(attempts, h.failures)))
	return h.until
}

func (d *Dispatcher) release(id int64) {
	d.mu.Lock()
	delete(d.held, id)
	d.mu.Unlock()
}

// deliver makes one attempt at it and reports whether it was delivered. h is what is
// held in memory about it, if anything.
func (d *Dispatcher) deliver(ctx context.Context, it history.OutboxItem, h *heldItem) bool {
	// Recording the outcome must not fail because the caller is shutting down.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	log := d.Logger.With("route", it.Route, "key", it.Key, "run", it.RunID)

	if h != nil && h.sent {
		// Sent before; only the record is missing. Never send it again for that.
		if err := d.Store.MarkDelivered(rctx, it.ID, time.Now()); err != nil {
			retry := d.hold(it, true, 0)
			log.Error("recording an alert delivery failed again; it will not be sent again", "retry_at", retry.Format(time.RFC3339), "err", err)
			return false
		}
		d.release(it.ID)
		log.Info("alert delivered", "attempt", it.Attempts+1, "recorded_late", true)
		return true
	}

	d.mu.Lock()
	s := d.routes[it.Route]
	backoff := d.Backoff
	d.mu.Unlock()
	var err error
	var a Alert
	switch {
	case s == nil:
		err = fmt.Errorf("route %q is not configured", it.Route)
	default:
		if err = json.Unmarshal(it.Payload, &a); err == nil {
			err = s.Send(ctx, &a, it.Payload)
		}
	}
	if d.OnResult != nil {
		d.OnResult(it.Route, err)
	}
	if err == nil {
		if merr := d.Store.MarkDelivered(rctx, it.ID, time.Now()); merr != nil {
			retry := d.hold(it, true, 0)
			log.Error("alert sent, but recording the delivery failed; it will not be sent again, only recorded",
				"attempt", it.Attempts+1, "retry_at", retry.Format(time.RFC3339), "err", merr)
			return true
		}
		d.release(it.ID)
		log.Info("alert delivered", "attempt", it.Attempts+1)
		return true
	}
	next := time.Now().Add(backoff.Delay(it.Attempts + 1))
	log.Warn("alert delivery failed", "attempt", it.Attempts+1, "retry_at", next.Format(time.RFC3339), "err", err)
	if merr := d.Store.MarkFailed(rctx, it.ID, err.Error(), next); merr != nil {
		retry := d.hold(it, false, it.Attempts+1)
		log.Error("recording a failed alert delivery failed; holding the alert back in memory", "retry_at", retry.Format(time.RFC3339), "err", merr)
		return false
	}
	d.release(it.ID)
	return false
}

// nextWake is when the loop should look again: the store's next due item, unless what
// is due now is held in memory, in which case the earliest release.
func (d *Dispatcher) nextWake(ctx context.Context, idle time.Duration) time.Duration {
	next, err := d.Store.NextDue(ctx)
	if err != nil {
		// The store failed (a connection the server ended, say): look again after the
		// first back-off step, not after the idle wait, so a blip does not hold alerts.
		if ctx.Err() == nil {
			d.Logger.Error("alert outbox: reading when the next item is due", "err", err)
		}
		d.mu.Lock()
		wait := d.Backoff.Delay(1)
		d.mu.Unlock()
		return min(wait, idle)
	}
	if next.IsZero() {
		return idle
	}
	wait := time.Until(next)
	if wait > 0 {
		return min(wait, idle)
	}
	d.mu.Lock()
	var earliest time.Time
	for _, h := range d.held {
		if earliest.IsZero() || h.until.Before(earliest) {
			earliest = h.until
		}
	}
	d.mu.Unlock()
	if earliest.IsZero() {
		// Due, not held: it fell due during the pass.
		return 10 * time.Millisecond
	}
	return min(max(time.Until(earliest), 100*time.Millisecond), idle)
}

// Run delivers until ctx ends, waking when an item falls due or Wake is called.
func (d *Dispatcher) Run(ctx context.Context) {
	const idle = 30 * time.Second
	for {
		if _, _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			d.Logger.Error("alert outbox", "err", err)
		}
		t := time.NewTimer(d.nextWake(ctx, idle))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-d.wake:
		case <-t.C:
		}
		t.Stop()
	}
}
