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
type Dispatcher struct {
	Store   *history.DB
	Backoff Backoff
	Logger  *slog.Logger
	// OnResult is told about every attempt (metrics).
	OnResult func(route string, err error)

	mu     sync.Mutex
	routes map[string]Sender
	wake   chan struct{}
}

// NewDispatcher returns a dispatcher over store's outbox.
func NewDispatcher(store *history.DB, routes map[string]Sender, logger *slog.Logger) *Dispatcher {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Dispatcher{Store: store, Backoff: DefaultBackoff, Logger: logger, routes: routes, wake: make(chan struct{}, 1)}
}

// SetRoutes replaces the routes (a configuration reload).
func (d *Dispatcher) SetRoutes(routes map[string]Sender) {
	d.mu.Lock()
	d.routes = routes
	d.mu.Unlock()
	d.Wake()
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

// DeliverDue tries every item due now once and reports how many were delivered and how
// many failed.
func (d *Dispatcher) DeliverDue(ctx context.Context) (delivered, failed int, err error) {
	for {
		items, err := d.Store.Due(ctx, time.Now(), 50)
		if err != nil {
			return delivered, failed, err
		}
		if len(items) == 0 {
			return delivered, failed, nil
		}
		for _, it := range items {
			if ctx.Err() != nil {
				return delivered, failed, ctx.Err()
			}
			if err := d.deliver(ctx, it); err != nil {
				failed++
			} else {
				delivered++
			}
		}
		// Items that failed were pushed into the future, so the next query moves on.
	}
}

func (d *Dispatcher) deliver(ctx context.Context, it history.OutboxItem) error {
	d.mu.Lock()
	s := d.routes[it.Route]
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
	// Recording the outcome must not fail because the caller is shutting down.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err == nil {
		d.Logger.Info("alert delivered", "route", it.Route, "key", it.Key, "run", it.RunID, "attempt", it.Attempts+1)
		return d.Store.MarkDelivered(rctx, it.ID, time.Now())
	}
	d.mu.Lock()
	backoff := d.Backoff
	d.mu.Unlock()
	next := time.Now().Add(backoff.Delay(it.Attempts + 1))
	d.Logger.Warn("alert delivery failed", "route", it.Route, "key", it.Key, "attempt", it.Attempts+1,
		"retry_at", next.Format(time.RFC3339), "err", err)
	if merr := d.Store.MarkFailed(rctx, it.ID, err.Error(), next); merr != nil {
		d.Logger.Error("recording a failed alert delivery", "err", merr)
	}
	return err
}

// Run delivers until ctx ends, waking when an item falls due or Wake is called.
func (d *Dispatcher) Run(ctx context.Context) {
	const idle = 30 * time.Second
	for {
		if _, _, err := d.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			d.Logger.Error("alert outbox", "err", err)
		}
		wait := idle
		if next, err := d.Store.NextDue(ctx); err == nil && !next.IsZero() {
			wait = min(max(time.Until(next), 10*time.Millisecond), idle)
		}
		t := time.NewTimer(wait)
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
