package netscan

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

func TestScanOpenAndClosed(t *testing.T) {
	a, na := listen(t, "127.0.0.1:0")
	b, nb := listen(t, "127.0.0.1:0")
	closed := closedPort(t)
	set := buildSet(t, []int{portOf(a), portOf(b), closed}, "127.0.0.1")
	s := New(Config{ConnectTimeout: time.Second})
	var got []int
	if err := s.Run(context.Background(), set.All(), func(o Open) { got = append(got, o.Port) }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	want := []int{portOf(a), portOf(b)}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("open %v, want %v", got, want)
	}
	st := s.Stats()
	if st != (Stats{Tried: 3, Open: 2, Refused: 1}) {
		t.Fatalf("stats %+v", st)
	}
	// The listeners really were connected to, once each.
	time.Sleep(50 * time.Millisecond)
	if na.Load() != 1 || nb.Load() != 1 {
		t.Fatalf("accepts %d, %d", na.Load(), nb.Load())
	}
}

func TestScanIPv6Loopback(t *testing.T) {
	ln := v6OnlyPort(t)
	defer ln.Close()
	set := buildSet(t, []int{portOf(ln)}, "::1", "127.0.0.1")
	s := New(Config{ConnectTimeout: time.Second})
	var got []string
	if err := s.Run(context.Background(), set.All(), func(o Open) { got = append(got, o.Address()) }); err != nil {
		t.Fatal(err)
	}
	if want := ln.Addr().String(); len(got) != 1 || got[0] != want {
		t.Fatalf("open %v, want [%s]", got, want)
	}
	if st := s.Stats(); st.Tried != 2 || st.Refused != 1 {
		t.Fatalf("stats %+v", st)
	}
}

// v6OnlyPort listens on a port of ::1 whose 127.0.0.1 twin is free: tests running
// beside this one listen on ephemeral ports of 127.0.0.1, and the twin must refuse.
func v6OnlyPort(t *testing.T) net.Listener {
	t.Helper()
	for range 20 {
		ln, err := net.Listen("tcp", "[::1]:0")
		if err != nil {
			t.Skipf("no IPv6 loopback here: %v", err)
		}
		if v4, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(portOf(ln)))); err == nil {
			v4.Close()
			return ln
		}
		ln.Close()
	}
	t.Fatal("no port free on both ::1 and 127.0.0.1")
	return nil
}

func TestScanManyLoopbackAddresses(t *testing.T) {
	// 127.0.9.0/24: listeners on every 8th address, the rest refuse.
	var open []netip.Addr
	for i := 1; i < 256; i += 8 {
		open = append(open, netip.AddrFrom4([4]byte{127, 0, 9, byte(i)}))
	}
	port := listenMany(t, open)
	set := buildSet(t, []int{port}, "127.0.9.0/24")
	s := New(Config{Concurrency: 64, ConnectTimeout: 2 * time.Second})
	var got []netip.Addr
	if err := s.Run(context.Background(), set.All(), func(o Open) { got = append(got, o.Addr) }); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(got, netip.Addr.Compare)
	if !slices.Equal(got, open) {
		t.Fatalf("open %v\nwant %v", got, open)
	}
	if st := s.Stats(); st.Tried != 256 || st.Open != 32 || st.Refused != 224 {
		t.Fatalf("stats %+v", st)
	}
}

func TestScanConnectTimeout(t *testing.T) {
	tp := tarpit(t)
	set := buildSet(t, []int{int(tp.Port())}, "127.0.0.1")
	s := New(Config{ConnectTimeout: 200 * time.Millisecond})
	start := time.Now()
	if err := s.Run(context.Background(), set.All(), func(o Open) { t.Errorf("tarpit reported open: %v", o) }); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 190*time.Millisecond || el > 2*time.Second {
		t.Fatalf("took %v with a 200ms connect timeout", el)
	}
	if st := s.Stats(); st != (Stats{Tried: 1, TimedOut: 1}) {
		t.Fatalf("stats %+v", st)
	}
}

func TestScanCancelIsPrompt(t *testing.T) {
	tp := tarpit(t)
	// Many hanging attempts with a long timeout; cancelling must end them all at once.
	set := buildSet(t, []int{int(tp.Port())}, "127.0.0.1")
	eps := func(yield func(store.Endpoint) bool) {
		for range 100 {
			for ep := range set.All() {
				if !yield(ep) {
					return
				}
			}
		}
	}
	s := New(Config{Concurrency: 10, PerHost: 10, ConnectTimeout: 30 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.Run(ctx, eps, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, stats %+v, after %v", err, s.Stats(), time.Since(start))
	}
	if el := time.Since(start); el > 2*time.Second {
		t.Fatalf("cancel took %v", el)
	}
	if st := s.Stats(); st.TimedOut != 0 || st.Tried > 10 {
		t.Fatalf("stats after cancel %+v: cancelled attempts are not timeouts, and only 10 may start", st)
	}
}

func TestScanStreamsResultsEarly(t *testing.T) {
	tp := tarpit(t)
	ln, _ := listen(t, "127.0.0.1:0")
	set := buildSet(t, []int{int(tp.Port()), portOf(ln)}, "127.0.0.1")
	s := New(Config{ConnectTimeout: 1500 * time.Millisecond})
	start := time.Now()
	ch, wait := s.Stream(context.Background(), set.All())
	o, ok := <-ch
	if !ok || o.Port != portOf(ln) {
		t.Fatalf("first result %+v %v", o, ok)
	}
	if el := time.Since(start); el > 1400*time.Millisecond {
		t.Fatalf("the open port was reported after %v, behind the tarpit", el)
	}
	if o.RTT <= 0 || o.RTT > time.Second {
		t.Fatalf("RTT %v", o.RTT)
	}
	for range ch {
		t.Error("more than one open endpoint")
	}
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 1400*time.Millisecond {
		t.Fatalf("scan ended after %v, before the tarpit's timeout", el)
	}
}

func TestScanStreamCancelUnblocks(t *testing.T) {
	ln, _ := listen(t, "127.0.0.1:0")
	set := buildSet(t, []int{portOf(ln)}, "127.0.0.1-20")
	ctx, cancel := context.WithCancel(context.Background())
	s := New(Config{})
	ch, wait := s.Stream(ctx, set.All())
	<-ch // read one, then walk away
	cancel()
	done := make(chan error)
	go func() { done <- wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stream blocked on an undrained channel after cancel")
	}
}

func TestScanLimits(t *testing.T) {
	var (
		mu        sync.Mutex
		global    int
		maxGlobal int
		perHost   = map[string]int{}
		maxHost   int
	)
	real := &net.Dialer{}
	dial := func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		mu.Lock()
		global++
		perHost[host]++
		maxGlobal = max(maxGlobal, global)
		maxHost = max(maxHost, perHost[host])
		mu.Unlock()
		// Hold the slot a little so that overlapping attempts are visible.
		time.Sleep(5 * time.Millisecond)
		c, err := real.DialContext(ctx, network, addr)
		mu.Lock()
		global--
		perHost[host]--
		mu.Unlock()
		return c, err
	}
	ports := closedPorts(t, 10)
	set := buildSet(t, ports, "127.0.0.1-4")
	s := New(Config{Concurrency: 6, PerHost: 2, Dial: dial, ConnectTimeout: time.Second})
	if err := s.Run(context.Background(), set.All(), nil); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.Tried != 40 || st.Refused+st.Open != 40 {
		t.Fatalf("stats %+v", st)
	}
	if maxGlobal > 6 || maxHost > 2 {
		t.Fatalf("in flight: %d global (limit 6), %d per host (limit 2)", maxGlobal, maxHost)
	}
	if maxGlobal < 3 {
		t.Fatalf("only %d attempts ever overlapped: the limits serialise the scan", maxGlobal)
	}
	if len(s.hosts.m) != 0 {
		t.Fatalf("per-host state left behind for %d hosts", len(s.hosts.m))
	}
}

func TestScanRateLimit(t *testing.T) {
	ports := closedPorts(t, 5)
	set := buildSet(t, ports, "127.0.0.1-4") // 20 endpoints
	lim := NewLimiter(50)
	s := New(Config{Limiter: lim})
	start := time.Now()
	if err := s.Run(context.Background(), set.All(), nil); err != nil {
		t.Fatal(err)
	}
	// One token up front, then 19 more at 50/s: at least 380ms.
	if el := time.Since(start); el < 370*time.Millisecond || el > 3*time.Second {
		t.Fatalf("20 connections at 50/s took %v", el)
	}
	if NewLimiter(0) != nil {
		t.Fatal("NewLimiter(0) must mean no limit")
	}
	if b := NewLimiter(10000).Burst(); b != 100 {
		t.Fatalf("burst %d", b)
	}
}

func TestScanStopsEarlyWithoutLeaks(t *testing.T) {
	// A consumer that stops ranging: Run ends on cancel without leaking goroutines that
	// keep dialling.
	ln, _ := listen(t, "127.0.0.1:0")
	set := buildSet(t, []int{portOf(ln)}, "127.0.0.1-200")
	ctx, cancel := context.WithCancel(context.Background())
	s := New(Config{Concurrency: 4, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		// Slow every refused attempt so that the open one (first in order) is found
		// while the rest are still waiting to start.
		if addr != ln.Addr().String() {
			time.Sleep(20 * time.Millisecond)
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}})
	err := s.Run(ctx, set.All(), func(Open) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	tried := s.Stats().Tried
	time.Sleep(100 * time.Millisecond)
	if s.Stats().Tried != tried || tried > 1+4 {
		t.Fatalf("attempts went on after cancel (%d, then %d after Run returned)", tried, s.Stats().Tried)
	}
}

func BenchmarkDiscovery4096(b *testing.B) {
	// 4096 loopback addresses, one port, a listener on every 16th: the mix a real sweep
	// sees (mostly closed, some open), on addresses the kernel answers itself.
	var open []netip.Addr
	for i := 0; i < 4096; i += 16 {
		open = append(open, netip.AddrFrom4([4]byte{127, 1, byte(i >> 8), byte(i)}))
	}
	port := listenMany(b, open)
	set := buildSet(b, []int{port}, "127.1.0.0/20")
	for _, conc := range []int{64, 256} {
		b.Run("concurrency="+strconv.Itoa(conc), func(b *testing.B) {
			var found int
			for b.Loop() {
				s := New(Config{Concurrency: conc, ConnectTimeout: 2 * time.Second})
				found = 0
				if err := s.Run(context.Background(), set.All(), func(Open) { found++ }); err != nil {
					b.Fatal(err)
				}
				if st := s.Stats(); found != len(open) || st.Errors != 0 {
					b.Fatal(fmt.Sprintf("found %d of %d, stats %+v", found, len(open), st))
				}
			}
			b.ReportMetric(float64(set.Count())*float64(b.N)/b.Elapsed().Seconds(), "endpoints/s")
		})
	}
}
