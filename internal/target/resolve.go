package target

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"slices"
	"sync"
	"time"
)

// Resolver turns host names into addresses. *net.Resolver satisfies it; tests inject a
// resolver that answers from a table so they never leave loopback.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// ResolveError records a target name that could not be resolved. One bad name does not
// stop a scan of thousands: Build collects these and the scan reports them.
type ResolveError struct {
	Name string
	Err  error
}

func (e *ResolveError) Error() string { return fmt.Sprintf("resolving %q: %v", e.Name, e.Err) }

func (e *ResolveError) Unwrap() error { return e.Err }

// notFound reports a name that has no address at all, as opposed to a lookup that failed.
func notFound(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de) && de.IsNotFound
}

type resolved struct {
	addrs []netip.Addr
	err   error
}

// drop removes the addresses out reports. When it removes them all, the name is
// unresolved, the first of them and why named in its error.
func (r *resolved) drop(out func(netip.Addr) bool, why string) {
	keep := slices.DeleteFunc(slices.Clone(r.addrs), out)
	if len(keep) == len(r.addrs) {
		return
	}
	if len(keep) == 0 {
		r.err = fmt.Errorf("resolves to %s, %s", r.addrs[0], why)
	}
	r.addrs = keep
}

// resolveAll looks names up with bounded concurrency and a timeout per name. It returns
// ctx's error only when ctx itself ends.
func resolveAll(ctx context.Context, r Resolver, network string, names []string, timeout time.Duration, workers int) (map[string]resolved, error) {
	out := make(map[string]resolved, len(names))
	if len(names) == 0 {
		return out, nil
	}
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		sem = make(chan struct{}, workers)
	)
	for _, name := range names {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return nil, ctx.Err()
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			addrs, err := lookup(ctx, r, network, name, timeout)
			mu.Lock()
			out[name] = resolved{addrs, err}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func lookup(ctx context.Context, r Resolver, network, name string, timeout time.Duration) ([]netip.Addr, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	addrs, err := r.LookupNetIP(ctx, network, name)
	if err != nil {
		return nil, err
	}
	seen := make(map[netip.Addr]bool, len(addrs))
	var out []netip.Addr
	for _, a := range addrs {
		a = a.Unmap().WithZone("")
		if !a.IsValid() || seen[a] || (network == "ip4" && !a.Is4()) || (network == "ip6" && !a.Is6()) {
			continue
		}
		seen[a] = true
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, errors.New("no usable address")
	}
	return out, nil
}

// OnceResolver returns a Resolver that looks each name up once, for both families, and
// gives every later caller the same answer (filtered to the family asked for): one
// per scan, shared by everything that resolves for it (targets, exclusions, a subset
// built again, a worker's scope), so that a DNS answer changing between two lookups
// cannot put an address on one side of an exclusion and the scan on the other. A
// lookup cut short because its caller's context ended is not kept. r nil uses
// net.DefaultResolver; a Resolver that OnceResolver made is returned as it is.
func OnceResolver(r Resolver) Resolver {
	if o, ok := r.(*onceResolver); ok {
		return o
	}
	if r == nil {
		r = net.DefaultResolver
	}
	return &onceResolver{r: r, m: map[string]*onceAnswer{}}
}

type onceResolver struct {
	r  Resolver
	mu sync.Mutex
	m  map[string]*onceAnswer
}

type onceAnswer struct {
	done      chan struct{}
	addrs     []netip.Addr
	err       error
	cancelled bool // the lookup ended with its caller's context: not an answer
}

func (o *onceResolver) answer(ctx context.Context, host string) *onceAnswer {
	for {
		o.mu.Lock()
		a, ok := o.m[host]
		if !ok {
			a = &onceAnswer{done: make(chan struct{})}
			o.m[host] = a
			o.mu.Unlock()
			a.addrs, a.err = o.r.LookupNetIP(ctx, "ip", host)
			if a.err != nil && ctx.Err() != nil {
				a.cancelled = true
				o.mu.Lock()
				delete(o.m, host)
				o.mu.Unlock()
			}
			close(a.done)
			return a
		}
		o.mu.Unlock()
		select {
		case <-a.done:
		case <-ctx.Done():
			return &onceAnswer{err: ctx.Err()}
		}
		if !a.cancelled || ctx.Err() != nil {
			return a
		}
		// Its first caller gave up; look it up again for this one.
	}
}

func (o *onceResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	a := o.answer(ctx, host)
	if a.err != nil {
		return nil, a.err
	}
	var out []netip.Addr
	for _, x := range a.addrs {
		if network == "ip4" && !x.Unmap().Is4() || network == "ip6" && x.Unmap().Is4() {
			continue
		}
		out = append(out, x)
	}
	if len(out) == 0 {
		return nil, &net.DNSError{Err: "no " + network + " address", Name: host, IsNotFound: true}
	}
	return out, nil
}
