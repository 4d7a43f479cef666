package netscan

import (
	"context"
	"errors"
	"iter"
	"math"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/time/rate"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Defaults used when a Config field is zero.
const (
	DefaultConcurrency    = 512
	DefaultPerHost        = 8
	DefaultConnectTimeout = 3 * time.Second
	// MaxConcurrency bounds Concurrency and PerHost: each attempt in flight is a
	// goroutine and a socket, and more than this many would exhaust file descriptors and
	// ephemeral ports long before it sped anything up.
	MaxConcurrency = 1 << 16
)

// DialFunc is the connect function Scanner and NewDialer build on.
type DialFunc = func(ctx context.Context, network, address string) (net.Conn, error)

// Config bounds a discovery scan.
type Config struct {
	// Concurrency bounds connection attempts in flight; PerHost bounds them per address.
	Concurrency int
	PerHost     int
	// Limiter, when set, paces connection attempts; share one Limiter between the Scanner
	// and NewDialer so that discovery and probing together honour one global rate.
	Limiter *rate.Limiter
	// ConnectTimeout bounds each attempt.
	ConnectTimeout time.Duration
	// Dial connects; nil uses a net.Dialer. Tests wrap the real dialer to observe it.
	Dial DialFunc
}

func (c Config) withDefaults() Config {
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	c.Concurrency = min(c.Concurrency, MaxConcurrency)
	if c.PerHost <= 0 {
		c.PerHost = DefaultPerHost
	}
	c.PerHost = min(c.PerHost, MaxConcurrency)
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.Dial == nil {
		d := &net.Dialer{}
		c.Dial = d.DialContext
	}
	return c
}

// NewLimiter returns a limiter for perSecond connections a second, or nil (no limit) when
// perSecond <= 0. The burst is 10 ms worth of connections (at least one), so the rate
// holds over short windows too.
func NewLimiter(perSecond float64) *rate.Limiter {
	if !(perSecond > 0) || math.IsInf(perSecond, 1) {
		return nil // NaN, zero, negative or +Inf: no limit (callers refuse NaN and Inf first)
	}
	// The burst is computed in float: converting a huge rate to int is undefined.
	return rate.NewLimiter(rate.Limit(perSecond), int(max(1, min(perSecond/100, MaxConcurrency))))
}

// Open is an endpoint that accepted a connection.
type Open struct {
	store.Endpoint
	// RTT is how long the handshake took.
	RTT time.Duration
}

// Stats counts connection attempts by outcome. Attempts cut short by cancellation are
// counted in Tried only.
type Stats struct {
	Tried       uint64
	Open        uint64
	Refused     uint64 // the host answered with a reset: up, port closed
	TimedOut    uint64 // no answer within the connect timeout: filtered, or nobody there
	Unreachable uint64 // the network said no route
	Errors      uint64 // anything else, including local resource exhaustion
}

// Scanner runs connect scans. Its Stats accumulate over runs and can be read while a scan
// runs, for progress display.
type Scanner struct {
	cfg   Config
	hosts hostLimiter
	stats struct {
		tried, open, refused, timedOut, unreachable, errors atomic.Uint64
	}
}

// New returns a Scanner with cfg's limits (zero fields take the defaults).
func New(cfg Config) *Scanner {
	cfg = cfg.withDefaults()
	return &Scanner{cfg: cfg, hosts: hostLimiter{limit: cfg.PerHost, m: map[netip.Addr]*hostSlot{}}}
}

// Stats returns a snapshot of the counters.
func (s *Scanner) Stats() Stats {
	return Stats{
		Tried:       s.stats.tried.Load(),
		Open:        s.stats.open.Load(),
		Refused:     s.stats.refused.Load(),
		TimedOut:    s.stats.timedOut.Load(),
		Unreachable: s.stats.unreachable.Load(),
		Errors:      s.stats.errors.Load(),
	}
}

// Run tries every endpoint of targets and calls onOpen for each open one as soon as it
// answers. Calls to onOpen are serialised; a slow onOpen slows the scan down rather than
// letting results pile up. Run returns when every attempt has finished, with ctx's error
// if ctx ended first.
func (s *Scanner) Run(ctx context.Context, targets iter.Seq[store.Endpoint], onOpen func(Open)) error {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		sem    = make(chan struct{}, s.cfg.Concurrency)
		report = func(o Open) {
			mu.Lock()
			defer mu.Unlock()
			onOpen(o)
		}
	)
	if onOpen == nil {
		report = func(Open) {}
	}
	for ep := range targets {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctxErr(ctx) != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if o, ok := s.try(ctx, ep); ok {
				report(o)
			}
		}()
	}
	wg.Wait()
	return ctxErr(ctx)
}

// ctxErr is ctx.Err, also when the deadline has passed but the context's timer has not
// fired yet: sockets time out on the deadline itself, and an attempt failing in that gap
// must count as cancelled, not as a target that timed out.
func ctxErr(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return nil
}

// Stream is Run delivering open endpoints on a channel, closed when the scan ends; wait
// blocks until then and returns Run's error. The consumer must drain the channel or
// cancel ctx.
func (s *Scanner) Stream(ctx context.Context, targets iter.Seq[store.Endpoint]) (open <-chan Open, wait func() error) {
	ch := make(chan Open, 64)
	done := make(chan error, 1)
	go func() {
		err := s.Run(ctx, targets, func(o Open) {
			select {
			case ch <- o:
			case <-ctx.Done():
			}
		})
		close(ch)
		done <- err
	}()
	var once sync.Once
	var err error
	return ch, func() error {
		once.Do(func() { err = <-done })
		return err
	}
}

func (s *Scanner) try(ctx context.Context, ep store.Endpoint) (Open, bool) {
	release, err := s.hosts.acquire(ctx, ep.Addr)
	if err != nil {
		return Open{}, false
	}
	defer release()
	if l := s.cfg.Limiter; l != nil {
		if err := l.Wait(ctx); err != nil {
			return Open{}, false
		}
	}
	if ctxErr(ctx) != nil {
		return Open{}, false
	}
	s.stats.tried.Add(1)
	start := time.Now()
	conn, err := s.dial(ctx, ep.Address())
	rtt := time.Since(start)
	if err == nil {
		if tc, ok := conn.(*net.TCPConn); ok {
			// A reset instead of a FIN: a scan of thousands of hosts must not leave
			// thousands of sockets in TIME_WAIT holding ephemeral ports.
			_ = tc.SetLinger(0)
		}
		conn.Close()
		s.stats.open.Add(1)
		return Open{Endpoint: ep, RTT: rtt}, true
	}
	if errors.Is(err, syscall.ECONNRESET) {
		// A reset before connect returned comes after the handshake completed (a reset
		// answering the SYN is ECONNREFUSED): a server accepted and hung up at once,
		// faster than the poller reported the connection. The port is open, and what
		// answers there is the probers' to find out.
		s.stats.open.Add(1)
		return Open{Endpoint: ep, RTT: rtt}, true
	}
	switch {
	case ctxErr(ctx) != nil:
	case errors.Is(err, syscall.ECONNREFUSED):
		s.stats.refused.Add(1)
	case store.IsTimeout(err):
		s.stats.timedOut.Add(1)
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		s.stats.unreachable.Add(1)
	default:
		s.stats.errors.Add(1)
	}
	return Open{}, false
}

// dial makes one attempt, retrying briefly when the failure is local: no free ephemeral
// port or file descriptor says nothing about the target.
func (s *Scanner) dial(ctx context.Context, addr string) (net.Conn, error) {
	for attempt := 0; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, s.cfg.ConnectTimeout)
		conn, err := s.cfg.Dial(actx, "tcp", addr)
		cancel()
		if err == nil || attempt == 4 || !localExhaustion(err) {
			return conn, err
		}
		select {
		case <-time.After(time.Duration(attempt+1) * 20 * time.Millisecond):
		case <-ctx.Done():
			return nil, err
		}
	}
}

func localExhaustion(err error) bool {
	return errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EMFILE) ||
		errors.Is(err, syscall.ENFILE) || errors.Is(err, syscall.ENOBUFS)
}

// hostLimiter bounds attempts in flight per address. Entries exist only while an address
// has attempts in flight or waiting, so memory follows concurrency, not the target count.
type hostLimiter struct {
	limit int
	mu    sync.Mutex
	m     map[netip.Addr]*hostSlot
}

type hostSlot struct {
	sem  chan struct{}
	refs int
}

func (h *hostLimiter) acquire(ctx context.Context, a netip.Addr) (func(), error) {
	h.mu.Lock()
	slot := h.m[a]
	if slot == nil {
		slot = &hostSlot{sem: make(chan struct{}, h.limit)}
		h.m[a] = slot
	}
	slot.refs++
	h.mu.Unlock()
	unref := func() {
		h.mu.Lock()
		if slot.refs--; slot.refs == 0 {
			delete(h.m, a)
		}
		h.mu.Unlock()
	}
	select {
	case slot.sem <- struct{}{}:
		return func() { <-slot.sem; unref() }, nil
	case <-ctx.Done():
		unref()
		return nil, ctx.Err()
	}
}
