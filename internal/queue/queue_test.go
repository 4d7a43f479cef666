package queue

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/leakwatch/leakwatch/internal/lab/labtest"
)

func testBatches(job string, n int) []Batch {
	return Split(job, "g", n, nil, []string{"127.0.0.1"}, []string{"127.0.0.2"}, []int{5432}, 0)
}

// testKey signs the batches of these tests.
var testKey = []byte("0123456789abcdef0123456789abcdef-test")

func openQueue(t *testing.T, url string, ackWait time.Duration) *Queue {
	t.Helper()
	q, err := Open(context.Background(), Config{URL: url, AckWait: ackWait, MaxDeliver: 3, Key: testKey, Auth: Auth{Insecure: true}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(q.Close)
	return q
}

// Publishing a job twice (an enqueue retried after a lost reply) queues it once; a
// batch whose handler fails is handed out again; a stored batch leaves the queue; an
// unusable one is dropped, not retried.
func TestEnqueueWorkRedeliver(t *testing.T) {
	n := labtest.NATSFresh(t)
	q := openQueue(t, n.URL(), 3*time.Second)
	ctx := context.Background()
	batches := testBatches("job-a", 4)
	for range 2 {
		if err := q.Enqueue(ctx, batches); err != nil {
			t.Fatal(err)
		}
	}
	if p, err := q.Pending(ctx); err != nil || p != 4 {
		t.Fatalf("pending %d (%v), want 4: publications must be de-duplicated by batch key", p, err)
	}
	// A malformed message from someone else on the subject.
	nc, err := nats.Connect(n.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if err := nc.Publish("leakwatch.batches", []byte(`{"job":`)); err != nil {
		t.Fatal(err)
	}
	nc.Flush()

	var mu sync.Mutex
	attempts := map[string][]uint64{}
	done := map[string]bool{}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workErr := make(chan error, 1)
	go func() {
		workErr <- q.Work(wctx, func(_ context.Context, b Batch, d Delivery) error {
			mu.Lock()
			defer mu.Unlock()
			attempts[b.Key()] = append(attempts[b.Key()], d.Attempt)
			if b.Index == 2 && d.Attempt == 1 {
				return errors.New("scan failed")
			}
			if b.Index == 3 {
				return ErrBadBatch
			}
			done[b.Key()] = true
			if len(done) == 3 {
				cancel()
			}
			return nil
		})
	}()
	select {
	case err := <-workErr:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(40 * time.Second):
		t.Fatalf("worker did not finish: attempts %v", attempts)
	}
	mu.Lock()
	defer mu.Unlock()
	if a := attempts["job-a/2/4"]; len(a) != 2 || a[0] != 1 || a[1] != 2 {
		t.Errorf("failed batch attempts %v, want [1 2]", a)
	}
	if a := attempts["job-a/3/4"]; len(a) != 1 {
		t.Errorf("unusable batch attempts %v, want one", a)
	}
	for _, k := range []string{"job-a/1/4", "job-a/4/4"} {
		if a := attempts[k]; len(a) != 1 || !done[k] {
			t.Errorf("batch %s attempts %v", k, a)
		}
	}
	// Everything was acknowledged or dropped.
	deadline := time.Now().Add(10 * time.Second)
	for {
		p, err := q.Pending(ctx)
		if err == nil && p == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("pending %d (%v) after the work, want 0", p, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A worker that takes a batch and goes silent loses it to another worker after
// AckWait; one that reports progress keeps it however long it scans.
func TestAckWaitRedeliversOnlySilentBatches(t *testing.T) {
	n := labtest.NATSFresh(t)
	const ackWait = 3 * time.Second
	ctx := context.Background()
	q := openQueue(t, n.URL(), ackWait)
	if err := q.Enqueue(ctx, testBatches("job-b", 1)); err != nil {
		t.Fatal(err)
	}
	// Two workers on the same consumer; the first scans for 2.5×AckWait, reporting
	// progress, so the second must never see the batch.
	var mu sync.Mutex
	var seen []string
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for range 2 {
		wq := openQueue(t, n.URL(), ackWait)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = wq.Work(wctx, func(hctx context.Context, b Batch, d Delivery) error {
				mu.Lock()
				seen = append(seen, b.Key())
				mu.Unlock()
				select {
				case <-time.After(ackWait * 5 / 2):
				case <-hctx.Done():
					return hctx.Err()
				}
				cancel()
				return nil
			})
		}()
	}
	wg.Wait()
	if len(seen) != 1 {
		t.Fatalf("the batch was handed out %d times while its worker reported progress: %v", len(seen), seen)
	}

	// A silent holder: fetch without acknowledging or reporting, as a killed worker.
	if err := q.Enqueue(ctx, testBatches("job-c", 1)); err != nil {
		t.Fatal(err)
	}
	js, err := nats.Connect(n.URL())
	if err != nil {
		t.Fatal(err)
	}
	defer js.Close()
	sub, err := js.SubscribeSync("_INBOX.silent")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(map[string]any{"batch": 1, "expires": int64(2 * time.Second)})
	if err := js.PublishRequest("$JS.API.CONSUMER.MSG.NEXT.LEAKWATCH.leakwatch-workers", "_INBOX.silent", req); err != nil {
		t.Fatal(err)
	}
	if _, err := sub.NextMsg(5 * time.Second); err != nil {
		t.Fatalf("the silent holder got no batch: %v", err)
	}
	taken := time.Now()
	var got Delivery
	wctx2, cancel2 := context.WithTimeout(ctx, 20*time.Second)
	defer cancel2()
	_ = q.Work(wctx2, func(_ context.Context, b Batch, d Delivery) error {
		got = d
		cancel2()
		return nil
	})
	if got.Attempt != 2 {
		t.Fatalf("redelivered batch attempt %d, want 2", got.Attempt)
	}
	if el := time.Since(taken); el < ackWait-500*time.Millisecond {
		t.Fatalf("redelivered after %v, before AckWait %v", el, ackWait)
	}
}

func TestBatchValidate(t *testing.T) {
	good := testBatches("j", 2)[1]
	if err := good.Validate(); err != nil || good.Key() != "j/2/2" {
		t.Fatalf("%v %s", err, good.Key())
	}
	for name, mut := range map[string]func(*Batch){
		"no job":     func(b *Batch) { b.Job = "" },
		"no targets": func(b *Batch) { b.Targets = nil },
		"no ports":   func(b *Batch) { b.Ports = nil },
		"index 0":    func(b *Batch) { b.Index = 0 },
		"index > n":  func(b *Batch) { b.Index = 3 },
	} {
		b := good
		mut(&b)
		if b.Validate() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	// Empty shards are left out.
	if got := Split("j", "g", 3, []uint64{2, 0, 1}, []string{"x"}, nil, []int{1}, 0); len(got) != 2 || got[1].Index != 3 {
		t.Fatalf("split %+v", got)
	}
	if _, err := Open(context.Background(), Config{URL: "http://example.invalid", Key: testKey, Auth: Auth{Insecure: true}}); err == nil {
		t.Fatal("a non-NATS URL was accepted")
	}
}
