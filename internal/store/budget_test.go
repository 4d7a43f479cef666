package store

import (
	"sync"
	"testing"
)

func TestSampleBudget(t *testing.T) {
	b := NewSampleBudget(100)
	if got := b.Take(60); got != 60 || b.Cut() {
		t.Fatalf("Take(60) = %d, cut %v", got, b.Cut())
	}
	b.Give(10) // 10 of them were not used
	if b.Used() != 50 || b.Left() != 50 {
		t.Fatalf("used %d left %d, want 50 50", b.Used(), b.Left())
	}
	if b.Spent() {
		t.Fatal("spent with 50 left")
	}
	if got := b.Take(80); got != 50 || !b.Cut() {
		t.Fatalf("Take(80) with 50 left = %d, cut %v", got, b.Cut())
	}
	if got := b.Take(1); got != 0 || !b.Spent() || b.Left() != 0 || b.Used() != 100 {
		t.Fatalf("spent budget granted %d (left %d, used %d)", got, b.Left(), b.Used())
	}

	// Exactly spending it cuts nothing; asking once more does.
	e := NewSampleBudget(10)
	if e.Take(10) != 10 || e.Cut() {
		t.Fatal("an exact fit counted as cut")
	}
	if !e.Spent() || !e.Cut() {
		t.Fatal("a skipped sample after the budget was spent is not a cut")
	}

	// No budget grants everything.
	var none *SampleBudget
	if none.Take(1<<30) != 1<<30 || none.Spent() || none.Cut() || none.Used() != 0 {
		t.Fatal("a nil budget limited something")
	}
}

// Probers may sample in parallel: the grants never add up to more than the budget.
func TestSampleBudgetConcurrent(t *testing.T) {
	b := NewSampleBudget(1 << 20)
	var wg sync.WaitGroup
	var mu sync.Mutex
	granted := 0
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := 0
			for range 1000 {
				g := b.Take(100)
				if g > 50 {
					b.Give(g - 50) // keep half of what was granted
					g = 50
				}
				mine += g
			}
			mu.Lock()
			granted += mine
			mu.Unlock()
		}()
	}
	wg.Wait()
	if granted > 1<<20 || int64(granted) != b.Used() {
		t.Fatalf("granted %d, budget %d, used %d", granted, 1<<20, b.Used())
	}
	if granted != 16*1000*50 {
		t.Fatalf("granted %d, want all %d (the budget was large enough)", granted, 16*1000*50)
	}
}

func TestForEndpointGivesEachEndpointItsOwnBudget(t *testing.T) {
	o := DefaultOptions()
	a, b := o.ForEndpoint(Endpoint{Port: 1}), o.ForEndpoint(Endpoint{Port: 2})
	if a.Samples == nil || a.Samples == b.Samples || a.Samples.Total() != DefaultMaxEndpointSampleBytes {
		t.Fatalf("budgets %p %p (total %d)", a.Samples, b.Samples, a.Samples.Total())
	}
	o.MaxEndpointSampleBytes = 5
	if c := o.ForEndpoint(Endpoint{}); c.Samples.Total() != 5 {
		t.Fatalf("--max-endpoint-sample-bytes 5 gave a budget of %d", c.Samples.Total())
	}
	// WithDefaults keeps an endpoint's budget (every copy shares it) and makes one
	// when there is none.
	w := a.WithDefaults()
	if w.Samples != a.Samples {
		t.Fatal("WithDefaults replaced the endpoint's budget")
	}
	if n := (&Options{}).WithDefaults(); n.Samples == nil || n.Samples.Total() != DefaultMaxEndpointSampleBytes {
		t.Fatalf("WithDefaults without a budget: %+v", n.Samples)
	}
}
