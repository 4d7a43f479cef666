package store

import (
	"fmt"
	"math"
	"sync/atomic"
)

// DefaultMaxEndpointSampleBytes is the sample bytes one endpoint may hold in all when the
// user sets none (--max-endpoint-sample-bytes). The per-table caps alone allow MaxTables
// × MaxSampleBytes (200 MiB) an endpoint; the seeded lab's busiest endpoint samples far
// below this (see docs/safety.md), so real findings are not cut while a hostile endpoint
// with thousands of readable tables or objects costs at most this much.
const DefaultMaxEndpointSampleBytes = 32 << 20

// SampleBudget is the bytes of sampled cells one endpoint's samples may hold together,
// shared by every table, object or key the prober samples there. The scan makes one per
// explored endpoint (Options.ForEndpoint), so at most Workers × the budget are held at
// once however many hostile endpoints a scan meets. It is safe for concurrent use.
//
// A nil budget grants everything: callers need not check.
type SampleBudget struct {
	total int64
	left  atomic.Int64
	// cut records that a sample was shortened or skipped for want of budget: the
	// service's result is then truncated.
	cut atomic.Bool
}

// NewSampleBudget returns a budget of total bytes (at least 0).
func NewSampleBudget(total int64) *SampleBudget {
	b := &SampleBudget{total: max(total, 0)}
	b.left.Store(b.total)
	return b
}

// Take grants up to n bytes and returns how many were granted; fewer than n (0 once
// spent) means the sample must be cut to that or not read at all, and marks the budget
// as having cut one.
func (b *SampleBudget) Take(n int) int {
	if b == nil || n <= 0 {
		return max(n, 0)
	}
	for {
		left := b.left.Load()
		got := min(int64(n), max(left, 0))
		if b.left.CompareAndSwap(left, left-got) {
			if got < int64(n) {
				b.cut.Store(true)
			}
			return int(got)
		}
	}
}

// Give returns n granted bytes that were not used (a cell cut shorter than granted, an
// object smaller than the range asked for).
func (b *SampleBudget) Give(n int) {
	if b == nil || n <= 0 {
		return
	}
	b.left.Add(int64(n))
}

// Spent reports whether nothing is left. Ask it just before reading a sample, to skip
// the read itself: a true answer counts as a sample not taken (the result is truncated).
func (b *SampleBudget) Spent() bool {
	if b == nil {
		return false
	}
	if b.left.Load() <= 0 {
		b.cut.Store(true)
		return true
	}
	return false
}

// Left is the bytes still available (MaxInt64 for a nil budget).
func (b *SampleBudget) Left() int64 {
	if b == nil {
		return math.MaxInt64
	}
	return max(b.left.Load(), 0)
}

// Used is the bytes granted and not given back.
func (b *SampleBudget) Used() int64 {
	if b == nil {
		return 0
	}
	return b.total - b.Left()
}

// Total is the budget's size.
func (b *SampleBudget) Total() int64 {
	if b == nil {
		return math.MaxInt64
	}
	return b.total
}

// Cut reports whether some sample was shortened or skipped for want of budget.
func (b *SampleBudget) Cut() bool { return b != nil && b.cut.Load() }

// Reason says, for a service's truncation, that the budget cut its samples.
func (b *SampleBudget) Reason() string {
	return fmt.Sprintf("sample budget of %d bytes per endpoint spent: later tables, objects or keys were listed and counted but not sampled; raise it with --max-endpoint-sample-bytes (monitor: max_endpoint_sample_bytes)", b.Total())
}
