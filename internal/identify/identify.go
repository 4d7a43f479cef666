package identify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leakwatch/leakwatch/internal/contain"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Bounds of the stage.
const (
	// DefaultParallel is how many openings one port is sent at once beside its first
	// connection while that one awaits its answer; with it a silent port costs at most
	// 1+3 connections. A port that closed or answered in no known way gets one more at
	// once: enough that TLS, PostgreSQL, Memcached and MongoDB — each silent to some of
	// the others' openings — all get theirs in the first wave.
	DefaultParallel = 3
	// DefaultPerHost bounds those openings across all the ports of one host.
	DefaultPerHost = 6
	// minSpeakDelay is the least time a port is listened to before leakwatch speaks:
	// a banner sent at once arrives well within it on any network.
	minSpeakDelay = 100 * time.Millisecond
	// maxFollowUps bounds the extra HTTP requests sent when the answer to "GET /" is
	// one no product claims.
	maxFollowUps = 2
)

// Config tunes the stage; zero fields take the defaults.
type Config struct {
	Parallel int
	PerHost  int
}

// entry is one product or service identification knows.
type entry struct {
	name    string
	isStore bool
	fp      store.Fingerprints
	ports   []int
}

type bannerEntry struct {
	e *entry
	m store.BannerMatch
}

type httpEntry struct {
	e *entry
	m store.HTTPMatch
}

type helloEntry struct {
	e *entry
	h store.Hello
}

// Identifier runs identification with the fingerprints of a set of probers. It is safe
// for concurrent use; one serves a whole scan.
type Identifier struct {
	cfg     Config
	entries []*entry
	banners []bannerEntry
	https   []httpEntry
	follows []store.HTTPFollowUp
	hellos  []helloEntry
	hosts   hostLimits
	// Connections counts every connection opened, for tests and statistics.
	Connections atomic.Int64
}

// New builds the stage from the probers that declare fingerprints (store.Fingerprinter)
// and the built-in names of services that are not data stores.
func New(probers []store.Prober, cfg Config) *Identifier {
	if cfg.Parallel <= 0 {
		cfg.Parallel = DefaultParallel
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = DefaultPerHost
	}
	d := &Identifier{cfg: cfg, hosts: hostLimits{n: cfg.PerHost}}
	for _, p := range probers {
		f, ok := p.(store.Fingerprinter)
		if !ok {
			continue
		}
		d.add(&entry{name: p.Name(), isStore: true, fp: f.Fingerprints(), ports: p.DefaultPorts()})
	}
	for _, s := range services {
		d.add(&entry{name: s.name, fp: store.Fingerprints{Banners: s.banners, ServerFirst: s.serverFirst, TLSPorts: s.tlsPorts}, ports: s.ports})
	}
	// Hellos in the order their products were given, those of no product's port after
	// the text and handshake openings that most services answer or refuse at once.
	sort.SliceStable(d.hellos, func(i, j int) bool { return d.hellos[i].h.Rank < d.hellos[j].h.Rank })
	return d
}

func (d *Identifier) add(e *entry) {
	d.entries = append(d.entries, e)
	for _, m := range e.fp.Banners {
		d.banners = append(d.banners, bannerEntry{e, m})
	}
	for _, m := range e.fp.HTTP {
		d.https = append(d.https, httpEntry{e, m})
	}
	d.follows = append(d.follows, e.fp.FollowUps...)
	for _, h := range e.fp.Hellos {
		d.hellos = append(d.hellos, helloEntry{e, h})
	}
}

// Stores reports whether any prober declared fingerprints: without, there is nothing
// for the stage to identify.
func (d *Identifier) Stores() bool {
	for _, e := range d.entries {
		if e.isStore {
			return true
		}
	}
	return false
}

// IsStore reports whether name is a data store the stage knows.
func (d *Identifier) IsStore(name string) bool {
	for _, e := range d.entries {
		if e.isStore && e.name == name {
			return true
		}
	}
	return false
}

// claims reports whether e is the port's usual service: one of its ports (TLS ports
// included), or the URL scheme the user gave names it.
func (e *entry) claims(ep store.Endpoint) bool {
	return slices.Contains(e.ports, ep.Port) || slices.Contains(e.fp.TLSPorts, ep.Port) ||
		(ep.Scheme != "" && strings.HasPrefix(ep.Scheme, e.name))
}

// tlsSchemes are URL schemes that say the endpoint speaks TLS.
var tlsSchemes = []string{"https", "clickhouses", "rediss", "mongodb+tls", "tls"}

// run is one Identify call.
type run struct {
	d        *Identifier
	ep       store.Endpoint
	o        *store.Options
	claimed  []*entry
	silentAt time.Time    // one banner wait after the first connection
	rtt      atomic.Int64 // how long the first connection took to open (ns)
}

// Identify decides what answers on ep. It returns an error only when no connection
// could be made at all (the port closed since discovery, a timeout, scope); anything
// that answers, or accepts and stays silent, is named.
func (d *Identifier) Identify(ctx context.Context, ep store.Endpoint, opts *store.Options) (id *store.Identity, err error) {
	// Matchers parse what hostile servers send: one that panics costs this endpoint an
	// error, never the scan (see contained for the goroutines).
	defer func() {
		if p := recover(); p != nil {
			id, err = nil, fmt.Errorf("identification crashed on what the server sent: %v", p)
		}
	}()
	o := opts.WithDefaults()
	r := &run{d: d, ep: ep, o: &o}
	for _, e := range d.entries {
		if e.claims(ep) {
			r.claimed = append(r.claimed, e)
		}
	}
	r.silentAt = time.Now().Add(o.BannerWait)
	if r.tlsFirst() {
		id, err := r.layer(ctx, true, nil)
		if id != nil || ctx.Err() != nil {
			return id, err
		}
		var de *dialError
		if errors.As(err, &de) {
			return nil, err
		}
		// Not TLS after all: the same steps in plain text, within the same banner wait.
	}
	return r.layer(ctx, false, nil)
}

func (r *run) tlsFirst() bool {
	if slices.Contains(tlsSchemes, r.ep.Scheme) {
		return true
	}
	for _, e := range r.claimed {
		if slices.Contains(e.fp.TLSPorts, r.ep.Port) {
			return true
		}
	}
	return false
}

// serverFirst reports whether every product claiming the port speaks first there.
func (r *run) serverFirst() bool {
	if len(r.claimed) == 0 {
		return false
	}
	for _, e := range r.claimed {
		if !e.fp.ServerFirst {
			return false
		}
	}
	return true
}

// conv starts reading c: an answer, once it has started, gets one banner wait to
// complete.
func (r *run) conv(c net.Conn) *conv { return &conv{c: c, settle: r.o.BannerWait} }

// speakDelay is how long a connection is listened to before leakwatch speaks on a
// port whose usual service does not speak first: a few connect round trips, at least
// minSpeakDelay, at most the banner wait.
func (r *run) speakDelay() time.Duration {
	return min(max(4*time.Duration(r.rtt.Load()), minSpeakDelay), r.o.BannerWait)
}

// dialError is a failure to connect at all.
type dialError struct{ err error }

func (e *dialError) Error() string { return e.err.Error() }
func (e *dialError) Unwrap() error { return e.err }

// dial opens a connection to the endpoint (a TLS one when useTLS is set, its
// handshake bounded by the connect timeout).
func (r *run) dial(ctx context.Context, useTLS bool) (net.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, r.o.ConnectTimeout)
	defer cancel()
	t0 := time.Now()
	c, err := r.o.Dial(cctx, "tcp", r.ep.Address())
	if err != nil {
		return nil, &dialError{err}
	}
	r.d.Connections.Add(1)
	r.rtt.CompareAndSwap(0, int64(max(time.Since(t0), time.Microsecond)))
	if !useTLS {
		return c, nil
	}
	tc := tls.Client(c, tlsConfig(r.ep))
	_ = tc.SetDeadline(time.Now().Add(r.o.ConnectTimeout))
	if err := tc.HandshakeContext(cctx); err != nil {
		c.Close()
		return nil, &handshakeError{err}
	}
	_ = tc.SetDeadline(time.Time{})
	return tc, nil
}

// handshakeError is a TLS handshake that failed.
type handshakeError struct{ err error }

func (e *handshakeError) Error() string { return "TLS handshake: " + e.err.Error() }
func (e *handshakeError) Unwrap() error { return e.err }

// refusedTLS reports a TLS server that answered with an alert: it speaks TLS, and
// would not complete the handshake with leakwatch (a client certificate required, no
// common cipher, …).
func refusedTLS(err error) bool {
	return err != nil && strings.Contains(err.Error(), "remote error: tls:")
}

// opening is something said first on a connection: the HTTP request, a TLS
// ClientHello, or a product's hello.
type opening struct {
	kind  int // openHTTP, openTLS, openHello
	hello helloEntry
}

const (
	openHTTP = iota
	openTLS
	openHello
)

func (p opening) key() string {
	switch p.kind {
	case openHTTP:
		return "http"
	case openTLS:
		return "tls"
	}
	return p.hello.e.name + "/" + p.hello.h.Protocol
}

// openings lists, in order, what to say on the port: the first is said on the first
// connection, the rest are the round of hellos.
func (r *run) openings(useTLS bool) []opening {
	var out []opening
	seen := map[string]bool{}
	add := func(p opening) {
		if !seen[p.key()] {
			seen[p.key()] = true
			out = append(out, p)
		}
	}
	httpFirst := false
	var own, claimed []opening
	for _, e := range r.claimed {
		if len(e.fp.HTTP) > 0 || e.name == NameHTTP {
			httpFirst = true
		}
		for _, h := range e.fp.Hellos {
			switch {
			case useTLS && h.PlainOnly:
			case h.Own(r.ep):
				own = append(own, opening{kind: openHello, hello: helloEntry{e, h}})
			case !h.Restricted():
				claimed = append(claimed, opening{kind: openHello, hello: helloEntry{e, h}})
			}
		}
	}
	// A product's own opening for this very endpoint comes first; then HTTP, unless
	// only binary products claim the port (their hellos first: Redis on 6379 is sent
	// PING, never an HTTP request).
	for _, p := range own {
		add(p)
	}
	if httpFirst || len(claimed) == 0 {
		add(opening{kind: openHTTP})
	}
	for _, p := range claimed {
		add(p)
	}
	add(opening{kind: openHTTP})
	if !useTLS {
		add(opening{kind: openTLS})
	}
	for _, h := range r.d.hellos {
		if !(useTLS && h.h.PlainOnly) && !h.h.Restricted() {
			add(opening{kind: openHello, hello: h})
		}
	}
	return out
}

// event is what one connection's exchange came to.
type event struct {
	id      *store.Identity // decided
	tlsConn net.Conn        // a TLS handshake succeeded: identify inside it
	tlsHint bool            // the answer says TLS was expected
	named   *store.Identity // a service that is no data store, named from a foreign answer
	data    []byte          // bytes received that decided nothing
	closed  bool            // the peer closed or reset
	err     error
}

// layer runs the first contact in plain text or inside TLS, on a (nil: dial one).
func (r *run) layer(parent context.Context, useTLS bool, a net.Conn) (*store.Identity, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	t0 := time.Now()
	if a == nil {
		var err error
		if a, err = r.dial(ctx, useTLS); err != nil {
			var he *handshakeError
			if errors.As(err, &he) && refusedTLS(err) {
				return r.tlsRefused(err), nil
			}
			return nil, err
		}
	}
	keep := false
	defer func() {
		if !keep {
			a.Close()
		}
	}()
	stop := context.AfterFunc(ctx, func() { a.Close() })

	delay := r.speakDelay()
	speakAt := t0.Add(delay)
	silentAt := r.silentAt
	if useTLS {
		// Inside TLS the port has had its banner wait already (or is a TLS port):
		// listen briefly for a TLS-wrapped banner, then speak.
		silentAt = latest(silentAt, t0.Add(2*delay))
	} else if r.serverFirst() {
		speakAt = silentAt
	}

	// 1. Listen.
	cv := r.conv(a)
	cv.fill(speakAt, store.MaxBanner, nil)
	if len(cv.data) > 0 {
		v, id, k := r.matchBanners(cv, time.Now().Add(r.o.IOTimeout))
		if v == store.Match {
			id.TLS = useTLS
			id.By = "banner"
			if k && stop() {
				keep = true
				id.Keep(a, cv.data)
			}
			return id, nil
		}
		return r.unknown(useTLS, cv.data, "banner"), nil
	}
	if cv.eof {
		if useTLS && refusedTLS(cv.err) {
			return r.tlsRefused(cv.err), nil
		}
		id := r.unknown(useTLS, nil, "")
		id.SetDetail("reason", "closed the connection before anything was sent")
		return id, nil
	}

	// 2. Speak.
	open := r.openings(useTLS)
	first, rest := open[0], open[1:]
	events := make(chan event, len(open)+1)
	pending := 1
	sendAt := time.Now()
	go func() {
		events <- contained(func() event { return r.exchange(ctx, a, cv, useTLS, first, sendAt.Add(r.o.IOTimeout)) })
	}()

	// 3. The round: when the first answer decided nothing, or at the end of the banner
	// wait while it is still awaited.
	var fb fallback
	started := false
	// The first request gets a head start on the round even where it was said only
	// at the end of the banner wait (a port whose usual service speaks first).
	timer := time.NewTimer(time.Until(latest(silentAt, sendAt.Add(delay))))
	defer timer.Stop()
	// The round has Parallel connections beside the first while that one still waits
	// for its answer (a silent port: at most 1+Parallel connections in all), one more
	// when the first is done.
	startRound := func(firstDone bool) {
		if started {
			return
		}
		started = true
		pending += len(rest)
		n := r.d.cfg.Parallel
		if firstDone {
			n++
		}
		// One round per port: it ends one I/O timeout after the banner wait (a round
		// that starts late, after a late answer or inside TLS, still gets a banner
		// wait), or one I/O timeout after it starts, whichever is first.
		now := time.Now()
		deadline := earliest(now.Add(r.o.IOTimeout), latest(r.silentAt.Add(r.o.IOTimeout), now.Add(r.o.BannerWait)))
		go r.round(ctx, useTLS, rest, n, deadline, events)
	}
	defer func() {
		// Exchanges still running end with ctx; close what they open after the fact.
		go func(n int) {
			for ; n > 0; n-- {
				if ev := <-events; ev.tlsConn != nil {
					ev.tlsConn.Close()
				}
			}
		}(pending)
	}()
	for pending > 0 {
		select {
		case ev := <-events:
			pending--
			switch {
			case ev.id != nil:
				ev.id.TLS = ev.id.TLS || useTLS
				return ev.id, nil
			case ev.tlsConn != nil && !useTLS:
				cancel()
				return r.layer(parent, true, ev.tlsConn)
			case ev.tlsHint && !useTLS:
				cancel()
				id, err := r.layer(parent, true, nil)
				if id == nil && err != nil {
					id = r.unknown(false, ev.data, "")
					id.SetDetail("tls_error", errText(err))
				}
				return id, nil
			}
			fb.note(ev)
			startRound(true)
		case <-timer.C:
			// Silence ends the wait for the first answer — unless one has started:
			// then it is awaited (within its own deadline and settle time).
			if !cv.talking.Load() {
				startRound(false)
			}
		case <-parent.Done():
			return nil, parent.Err()
		}
	}
	return fb.identity(r, useTLS), nil
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// round sends the openings parallel at a time, each on a connection of its own, all
// within deadline, and reports one event per opening.
func (r *run) round(ctx context.Context, useTLS bool, open []opening, parallel int, deadline time.Time, events chan<- event) {
	slots := make(chan struct{}, parallel)
	for _, p := range open {
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			events <- event{err: ctx.Err()}
			continue
		}
		release, ok := r.d.hosts.acquire(ctx, r.ep.Addr)
		if !ok || !time.Now().Before(deadline) {
			if ok {
				release()
			}
			<-slots
			events <- event{}
			continue
		}
		go func(p opening) {
			defer func() { <-slots }()
			defer release()
			events <- contained(func() event { return r.open(ctx, useTLS, p, deadline) })
		}(p)
	}
}

// contained runs one exchange of identification on its own goroutine's behalf: a
// matcher that panics on what a server sent makes it an error event instead of ending
// the process, which a recover in Identify could not prevent from another goroutine.
func contained(f func() event) (ev event) {
	if err := contain.Call("identification", func() error { ev = f(); return nil }); err != nil {
		ev = event{err: err}
	}
	return ev
}

// open makes one connection of the round and says p on it.
func (r *run) open(ctx context.Context, useTLS bool, p opening, deadline time.Time) event {
	dctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	if p.kind == openTLS {
		return r.tryTLS(dctx, deadline)
	}
	c, err := r.dial(dctx, useTLS)
	if err != nil {
		if refusedTLS(err) {
			return event{id: r.tlsRefused(err)}
		}
		return event{err: err}
	}
	defer c.Close()
	// Closed when the layer is done; the read deadline ends a silent exchange, as a
	// timeout rather than a close.
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	return r.exchange(dctx, c, r.conv(c), useTLS, p, deadline)
}

// tryTLS opens a connection and attempts a TLS handshake on it.
func (r *run) tryTLS(ctx context.Context, deadline time.Time) event {
	cctx, cancel := context.WithTimeout(ctx, r.o.ConnectTimeout)
	defer cancel()
	c, err := r.o.Dial(cctx, "tcp", r.ep.Address())
	if err != nil {
		return event{err: err}
	}
	r.d.Connections.Add(1)
	rec := &recorder{Conn: c}
	tc := tls.Client(rec, tlsConfig(r.ep))
	_ = tc.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { c.Close() })
	err = tc.HandshakeContext(ctx)
	if !stop() || err != nil {
		c.Close()
		switch {
		case err == nil:
			return event{err: ctx.Err()}
		case refusedTLS(err):
			return event{id: r.tlsRefused(err)}
		case len(rec.data) > 0:
			// Not TLS: what the service answered a ClientHello with may still name it.
			cv := &conv{c: c, data: rec.data, eof: true}
			if v, id, _ := r.matchBanners(cv, time.Now()); v == store.Match {
				id.By = "hello:tls"
				if !r.d.IsStore(id.Product) {
					// As in answered: an HTTP 400 for a ClientHello names the port only
					// if the HTTP request, racing in the same round, finds no store.
					return event{named: id, data: rec.data, closed: true}
				}
				return event{id: id}
			}
			return event{data: rec.data, closed: true}
		}
		return event{closed: !store.IsTimeout(err), err: err}
	}
	_ = tc.SetDeadline(time.Time{})
	rec.stop()
	return event{tlsConn: tc}
}

// tlsRefused names a port whose TLS server would not complete a handshake with us:
// the product whose TLS port it is, when one claims it (dockerd --tlsverify on 2376
// demands a client certificate), else "tls".
func (r *run) tlsRefused(err error) *store.Identity {
	for _, e := range r.claimed {
		if e.isStore && slices.Contains(e.fp.TLSPorts, r.ep.Port) {
			id := &store.Identity{Product: e.name, TLS: true, By: "port"}
			id.SetDetail("tls_error", errText(err))
			return id
		}
	}
	id := &store.Identity{Product: NameTLS, TLS: true, By: "tls"}
	id.SetDetail("tls_error", errText(err))
	return id
}

func errText(err error) string {
	s := err.Error()
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// exchange says p on c (whose reading so far is cv) and reads the answer until
// deadline.
func (r *run) exchange(ctx context.Context, c net.Conn, cv *conv, useTLS bool, p opening, deadline time.Time) event {
	_ = c.SetWriteDeadline(deadline)
	switch p.kind {
	case openHTTP:
		if _, err := c.Write(r.httpRequest("/")); err != nil {
			return event{closed: true, err: err}
		}
		return r.readHTTP(ctx, cv, useTLS, deadline)
	case openHello:
		if _, err := c.Write(p.hello.h.Payload(r.ep)); err != nil {
			return event{closed: true, err: err}
		}
		var own *store.Identity
		decide := func(data []byte, final bool) store.Verdict {
			id := &store.Identity{Product: p.hello.e.name, Protocol: p.hello.h.Protocol}
			v := p.hello.h.Match(data, final, id)
			if v == store.Match {
				own = id
			}
			return v
		}
		v := cv.fill(deadline, store.MaxBanner, decide)
		if v == store.Match {
			own.By = "hello:" + p.hello.h.Protocol
			own.TLS = useTLS
			return event{id: own}
		}
		return r.answered(cv, useTLS, "hello:"+p.hello.h.Protocol)
	}
	return event{}
}

// answered is what bytes that were no answer to what was said tell: another product's
// (or service's) banner, a TLS alert, or nothing.
func (r *run) answered(cv *conv, useTLS bool, by string) event {
	if len(cv.data) == 0 {
		if useTLS && refusedTLS(cv.err) {
			return event{id: r.tlsRefused(cv.err)}
		}
		return event{closed: cv.eof, err: cv.err}
	}
	if !useTLS && isTLSAlert(cv.data) {
		return event{tlsHint: true, data: cv.data}
	}
	if v, id, _ := r.matchBanners(cv, time.Now()); v == store.Match {
		id.By = by
		id.TLS = useTLS
		if !r.d.IsStore(id.Product) {
			// A service's line in answer to another protocol's opening (an HTTP 400
			// for a ClientHello) names the port only if nothing better comes: the
			// request in its own protocol may still find a data store there.
			return event{named: id, data: cv.data, closed: cv.eof}
		}
		return event{id: id}
	}
	return event{data: cv.data, closed: cv.eof}
}

// isTLSAlert recognises a TLS alert record (what TLS servers answer plain text with).
func isTLSAlert(b []byte) bool {
	return len(b) >= 3 && b[0] == 0x15 && b[1] == 0x03 && b[2] <= 0x04
}

// matchBanners runs every banner matcher over what cv holds, reading on (until
// deadline) while one may still match.
func (r *run) matchBanners(cv *conv, deadline time.Time) (store.Verdict, *store.Identity, bool) {
	var got *store.Identity
	keep := false
	decide := func(data []byte, final bool) store.Verdict {
		undecided := false
		for _, b := range r.d.banners {
			id := &store.Identity{Product: b.e.name, Protocol: b.m.Protocol}
			switch b.m.Match(data, final, id) {
			case store.Match:
				got, keep = id, b.m.Keep
				return store.Match
			case store.NeedMore:
				undecided = true
			}
		}
		if undecided && !final {
			return store.NeedMore
		}
		return store.NoMatch
	}
	v := cv.fill(deadline, store.MaxBanner, decide)
	if v != store.Match {
		return store.NoMatch, nil, false
	}
	got.Banner = cut(cv.data, store.MaxBanner)
	return store.Match, got, keep
}

// unknown names a service no matcher knows, with the first bytes it said.
func (r *run) unknown(useTLS bool, data []byte, by string) *store.Identity {
	name := NameUnknown
	if useTLS {
		name = NameTLS
	}
	id := &store.Identity{Product: name, TLS: useTLS, By: by, Banner: cut(data, store.MaxBanner)}
	if len(data) == 0 {
		id.By = "silence"
	}
	return id
}

// fallback keeps what the exchanges that decided nothing saw, to name the port.
type fallback struct {
	named  *store.Identity
	data   []byte
	closed bool
	err    error
}

func (f *fallback) note(ev event) {
	if f.named == nil && ev.named != nil {
		f.named = ev.named
	}
	if len(f.data) == 0 && len(ev.data) > 0 {
		f.data = ev.data
	}
	f.closed = f.closed || ev.closed
	if f.err == nil && ev.err != nil && !errors.Is(ev.err, context.Canceled) {
		f.err = ev.err
	}
}

func (f *fallback) identity(r *run, useTLS bool) *store.Identity {
	if f.named != nil {
		return f.named
	}
	id := r.unknown(useTLS, f.data, "answer")
	switch {
	case len(f.data) > 0:
		id.SetDetail("reason", "answered in no protocol leakwatch knows")
	case f.closed:
		id.SetDetail("reason", "closed the connection on every opening")
	default:
		id.SetDetail("reason", fmt.Sprintf("silent: no banner within %v and no answer to any opening within %v", r.o.BannerWait, r.o.IOTimeout))
	}
	return id
}

// recorder keeps the first bytes read through it (a TLS handshake's peer).
type recorder struct {
	net.Conn
	mu   sync.Mutex
	data []byte
	off  bool
}

func (c *recorder) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	if !c.off && n > 0 && len(c.data) < store.MaxBanner {
		c.data = append(c.data, p[:min(n, store.MaxBanner-len(c.data))]...)
	}
	c.mu.Unlock()
	return n, err
}

func (c *recorder) stop() {
	c.mu.Lock()
	c.off, c.data = true, nil
	c.mu.Unlock()
}

// tlsConfig accepts any certificate (a scanner reports TLS, it does not trust it) and
// sends the name the user gave as SNI.
func tlsConfig(ep store.Endpoint) *tls.Config {
	sni := ""
	if ep.Hostname != "" && net.ParseIP(ep.Hostname) == nil {
		sni = ep.Hostname
	}
	return &tls.Config{
		InsecureSkipVerify: true, //nolint:gosec // identifying, not trusting
		ServerName:         sni,
		MinVersion:         tls.VersionTLS10,
	}
}

// hostLimits bounds the round's connections per host across its ports.
type hostLimits struct {
	n  int
	mu sync.Mutex
	m  map[netip.Addr]*hostSem
}

type hostSem struct {
	ch   chan struct{}
	refs int
}

func (h *hostLimits) acquire(ctx context.Context, addr netip.Addr) (func(), bool) {
	h.mu.Lock()
	if h.m == nil {
		h.m = map[netip.Addr]*hostSem{}
	}
	s := h.m[addr]
	if s == nil {
		s = &hostSem{ch: make(chan struct{}, h.n)}
		h.m[addr] = s
	}
	s.refs++
	h.mu.Unlock()
	unref := func() {
		h.mu.Lock()
		if s.refs--; s.refs == 0 {
			delete(h.m, addr)
		}
		h.mu.Unlock()
	}
	select {
	case s.ch <- struct{}{}:
		return func() { <-s.ch; unref() }, true
	case <-ctx.Done():
		unref()
		return nil, false
	}
}
