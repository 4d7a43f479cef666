// Package memcached probes Memcached over its text protocol, with a hand-written,
// bounded client: it fingerprints the server ("version", "stats"), decides access
// (open; ASCII authentication of -Y servers; SASL of -S servers, detected over the
// binary protocol), lists what the cache holds, samples a bounded number of keys
// (lru_crawler metadump, or stats cachedump on old servers) and their values (mg
// without bumping the LRU, or get), and reports what an intruder could do. It sends
// nothing that stores, deletes or changes anything (see readOnly), and it never
// speaks UDP: the amplification risk is read from "stats settings".
package memcached

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const (
	product = "memcached"
	// Proto is the protocol name in services and findings.
	Proto = "memcached"
)

// Prober implements store.Prober for Memcached.
type Prober struct {
	probekit.About
	sent func(line string) // tests: sees every command before it is sent
}

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "Memcached",
	// Ports: Memcached's TCP port.
	Ports: []int{11211},
	Remediation: "Bind Memcached to private addresses (-l), firewall TCP and UDP port 11211, keep UDP off (-U 0, the default " +
		"since 1.5.6), and where clients cross networks require authentication (SASL with -S, or -Y on 1.5.15+) and TLS (-Z).",
}

// New returns a Memcached prober.
func New() *Prober { return &Prober{About: about} }

// textWait bounds how long a silent text "version" is waited for before the binary
// protocol is tried: SASL servers never answer text commands.
const textWait = 1500 * time.Millisecond

// Probe fingerprints ep and, when it is Memcached, decides access and, once in, lists
// and samples what it holds within opts.InventoryTimeout.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	c, line, useTLS, err := p.textHello(ctx, ep, &o)
	if err != nil {
		if errors.Is(err, store.ErrNoMatch) || ctx.Err() != nil {
			return nil, err
		}
		// Silent or closed in text: a SASL server answers only the binary protocol.
		res, berr := p.probeBinary(ctx, ep, &o, start)
		if res != nil || !errors.Is(berr, store.ErrNoMatch) {
			return res, berr
		}
		return nil, fmt.Errorf("%w: no answer to text or binary version (%v)", store.ErrNoMatch, err)
	}
	defer c.Close()

	res := &store.Result{Service: probekit.NewService(ep, Proto, product, useTLS)}
	svc := &res.Service
	var used *store.Credential
	if v, ok := strings.CutPrefix(line, "VERSION "); ok {
		svc.Version = probekit.Printable([]byte(v), 64)
	} else {
		// An -Y server: ASCII authentication.
		svc.Details["auth"] = "ascii (-Y)"
		// [1:]: no credentials at all was tried already.
		for _, cred := range store.CredentialsToTry(&o, product)[1:] {
			if err := c.authenticate(ctx, cred.Username, cred.Password); err == nil {
				used = cred
				break
			} else if !errors.Is(err, store.ErrAuth) {
				return probekit.Done(res, start, err)
			}
		}
		if used == nil {
			svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
			return probekit.Done(res, start, nil)
		}
		svc.User = used.Username
		v, err := c.version(ctx)
		if err != nil {
			return probekit.Done(res, start, err)
		}
		svc.Version = v
	}
	svc.Auth, svc.Status = store.AuthOf(used), finding.StatusOpen
	ictx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	err = p.explore(ictx, c, ep, &o, res, used)
	if err != nil && ctx.Err() == nil && ictx.Err() != nil {
		err = probekit.Truncated(svc, &o)
	}
	return probekit.Done(res, start, err)
}

// textHello sends "version" over plain TCP, then over TLS when the plain connection was
// closed without a word. It returns the connection and the answer line: "VERSION …",
// or "CLIENT_ERROR unauthenticated" from a server with ASCII authentication.
func (p *Prober) textHello(ctx context.Context, ep store.Endpoint, o *store.Options) (*conn, string, bool, error) {
	var firstErr error
	for _, useTLS := range []bool{false, true} {
		nc, err := probekit.Dial(ctx, ep, o, useTLS)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			if !useTLS && store.IsTimeout(err) {
				return nil, "", false, err
			}
			continue
		}
		c := newConn(nc, min(o.IOTimeout, textWait), 4096)
		c.sent = p.sent
		if err := c.send(ctx, "version"); err != nil {
			c.Close()
			return nil, "", false, err
		}
		line, err := c.readLine(ctx)
		switch {
		case err == nil && strings.HasPrefix(line, "VERSION "):
			c.timeout, c.budget = o.IOTimeout, o.MaxResponseBytes
			return c, line, useTLS, nil
		case err == nil && strings.HasPrefix(line, "CLIENT_ERROR") && strings.Contains(line, "unauthenticated"):
			c.timeout, c.budget = o.IOTimeout, o.MaxResponseBytes
			c.refused = true
			return c, line, useTLS, nil
		case err == nil:
			c.Close()
			return nil, "", false, fmt.Errorf("%w: version answered %q", store.ErrNoMatch, probekit.Printable([]byte(line), 60))
		case errors.Is(err, store.ErrTooLarge) || errors.Is(err, store.ErrProtocol):
			c.Close()
			return nil, "", false, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
		}
		c.Close()
		if firstErr == nil {
			firstErr = err
		}
		if store.IsTimeout(err) {
			// Silent: not a TLS matter; the binary protocol decides.
			return nil, "", false, err
		}
	}
	return nil, "", false, firstErr
}

// probeBinary identifies a server that answers only the binary protocol, and logs in
// with SASL PLAIN when it asks for authentication.
func (p *Prober) probeBinary(ctx context.Context, ep store.Endpoint, o *store.Options, start time.Time) (*store.Result, error) {
	nc, err := probekit.Dial(ctx, ep, o, false)
	if err != nil {
		return nil, err
	}
	defer nc.Close()
	b := &binConn{c: nc, timeout: o.IOTimeout, sent: p.sent}
	if err := b.request(ctx, opVersion, nil, nil); err != nil {
		return nil, err
	}
	r, err := b.response(ctx)
	if err != nil {
		if errors.Is(err, store.ErrProtocol) || errors.Is(err, store.ErrTooLarge) {
			return nil, fmt.Errorf("%w: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	if r.opcode != opVersion || r.status != statusOK {
		return nil, fmt.Errorf("%w: unexpected binary response %#x/%#x", store.ErrNoMatch, r.opcode, r.status)
	}
	res := &store.Result{Service: probekit.NewService(ep, ProtoBinary, product, false)}
	svc := &res.Service
	svc.Version = printable(r.value)
	finish := func(err error) (*store.Result, error) {
		svc.Duration = probekit.Elapsed(start)
		if err != nil {
			svc.Error = err.Error()
			svc.Status = store.StatusOf(err)
		}
		return res, err
	}
	// Mechanisms: a server without SASL answers "unknown command".
	if err := b.request(ctx, opSASLList, nil, nil); err != nil {
		return finish(err)
	}
	mech, err := b.response(ctx)
	if err != nil {
		return finish(err)
	}
	var used *store.Credential
	if mech.status == statusOK {
		svc.Details["sasl_mechanisms"] = printable(mech.value)
		ok := false
		if strings.Contains(" "+string(mech.value)+" ", " PLAIN ") {
			// [1:]: no credentials at all was tried already.
			for _, cred := range store.CredentialsToTry(o, product)[1:] {
				err := b.saslPlain(ctx, cred.Username, cred.Password)
				if err == nil {
					used, ok = cred, true
					break
				}
				if !errors.Is(err, store.ErrAuth) {
					return finish(err)
				}
			}
		}
		if !ok {
			svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
			return finish(nil)
		}
		svc.User = used.Username
	}
	svc.Auth, svc.Status = store.AuthOf(used), finding.StatusOpen
	st, err := b.stats(ctx)
	applyStats(svc, st)
	if err == nil {
		res.Service.Datasets = []finding.Dataset{cacheDataset(st)}
		res.Findings = append(res.Findings, versionFindings(*svc)...)
		svc.Details["keys"] = "not listable over the binary protocol"
	}
	return finish(err)
}

// ProtoBinary is the protocol name of a server probed over the binary protocol.
const ProtoBinary = "memcached-binary"

func printable(b []byte) string { return probekit.Printable(b, 200) }
