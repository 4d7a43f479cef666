package monitor

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"
)

// countingHandler counts the records logged.
type countingHandler struct{ n *atomic.Int64 }

func (h countingHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (h countingHandler) Handle(context.Context, slog.Record) error { h.n.Add(1); return nil }
func (h countingHandler) WithAttrs([]slog.Attr) slog.Handler        { return h }
func (h countingHandler) WithGroup(string) slog.Handler             { return h }

// A cron schedule with no date left (30 February) gives robfig/cron's zero time, which a
// timer takes as "now": the scheduler must stop scheduling the group, not scan (or fail
// to) back to back. Config validation refuses such a cron; this is the loop's own guard.
func TestScheduleNeverFiringCronDoesNotSpin(t *testing.T) {
	var logged atomic.Int64
	off := false
	g := Group{Name: "feb30", Schedule: Schedule{Cron: "0 0 30 2 *", RunOnStart: &off}}
	// The group is not in the configuration, so a scan attempt fails at once: without
	// the guard every attempt logs an error and the loop goes round again.
	m := &Monitor{cfg: &Config{}, log: slog.New(countingHandler{&logged}), running: map[string]bool{},
		next: map[string]time.Time{}, baseCtx: context.Background()}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); m.schedule(ctx, ctx, &g) }()
	<-done
	if n := logged.Load(); n > 2 {
		t.Fatalf("%d log records in 300 ms: the schedule spins", n)
	}
}
