package scan

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"sync"
	"sync/atomic"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/netscan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/target"
)

// JobConfig describes one whole scan, from target specs to findings: what `leakwatch
// scan` builds from its flags and `leakwatch monitor` from each target group, so that
// both run exactly the same discovery and pipeline.
type JobConfig struct {
	Targets []target.Spec
	// Target carries ports, exclusions, sharding, order and the address cap.
	Target target.Config
	// Discovery: connection attempts in flight, per address, and per second (0: no limit).
	Concurrency int
	PerHost     int
	Rate        float64
	// Pipeline is the probe/detect configuration; its Options.Dial is replaced by a
	// dialer that may only reach the job's own endpoints.
	Pipeline Config
	// SecurityTxt looks up disclosure contacts of host names (HTTPS then HTTP on the
	// addresses the scan resolved them to).
	SecurityTxt bool
	// Rediscover connects to the ports that another scanner's output reported open
	// (target.Spec.Open) to find out whether they are, like any other target. Off, they
	// are probed as given, with no connection made first.
	Rediscover bool
	// CredentialScope, when set, bounds where any credential may be sent (a worker's
	// --scope), on top of each credential's own scope.
	CredentialScope store.HostScope
}

// CheckDiscovery validates discovery limits as JobConfig takes them (0 means the
// default for concurrency and per-host, and no limit for rate). A rate that is not a
// finite number is refused: NaN compares false with everything, so it would pass a
// "negative?" check and then stall the limiter, scanning nothing while reporting every
// port as not open; +Inf would silently mean "no limit", which is spelled 0.
func CheckDiscovery(concurrency, perHost int, rate float64) error {
	switch {
	case math.IsNaN(rate) || math.IsInf(rate, 0):
		return fmt.Errorf("rate %v is not a number of connections a second (0: no limit)", rate)
	case rate < 0:
		return errors.New("rate must not be negative")
	case concurrency < 0 || concurrency > netscan.MaxConcurrency:
		return fmt.Errorf("concurrency must be between 1 and %d", netscan.MaxConcurrency)
	case perHost < 0 || perHost > netscan.MaxConcurrency:
		return fmt.Errorf("per-host concurrency must be between 1 and %d", netscan.MaxConcurrency)
	}
	return nil
}

// Job is a validated scan whose targets are resolved, ready to Run.
type Job struct {
	// Set is every endpoint of the job, whether it needs discovery or not.
	Set *target.Set
	// known holds the endpoints reported open by another scanner, probed without
	// discovery; nil when there are none or Rediscover is set.
	known   *target.Set
	disc    netscan.Config
	pipe    Config
	scanner atomic.Pointer[netscan.Scanner]
}

// NewJob resolves the targets and wires the scoped dialers. Errors wrapping
// target.ErrTooManyAddresses or from Pipeline.Validate are the caller's input errors.
func NewJob(ctx context.Context, cfg JobConfig) (*Job, error) {
	if err := CheckDiscovery(cfg.Concurrency, cfg.PerHost, cfg.Rate); err != nil {
		return nil, err
	}
	// Both Builds below see one answer per name: the exclusions of the second must be
	// those of the first, not a second lookup that DNS may answer differently.
	cfg.Target.Resolver = target.OnceResolver(cfg.Target.Resolver)
	set, err := target.Build(ctx, cfg.Targets, cfg.Target)
	if err != nil {
		return nil, err
	}
	var known *target.Set
	if !cfg.Rediscover {
		var open []target.Spec
		for _, s := range cfg.Targets {
			if s.Open && s.Port != 0 {
				open = append(open, s)
			}
		}
		if len(open) > 0 {
			// The same exclusions, shard and order as the whole set; these are addresses
			// with ports, and excluded names take the answers the first Build had.
			if known, err = target.Build(ctx, open, cfg.Target); err != nil {
				return nil, err
			}
		}
	}
	pipe := cfg.Pipeline
	// A credential goes only where its user meant it to: the hosts it names, else the
	// targets given — never a host a server pointed at — and never outside
	// CredentialScope.
	creds := make([]store.Credential, len(pipe.Options.Credentials))
	for i, c := range pipe.Options.Credentials {
		if c.Scope == nil {
			c.Scope = set
		}
		c.Scope = store.ScopeAll(c.Scope, cfg.CredentialScope)
		creds[i] = c
	}
	pipe.Options.Credentials = creds
	connect := pipe.Options.ConnectTimeout
	limiter := netscan.NewLimiter(cfg.Rate)
	// Probers may connect only to the scan's own endpoints; the security.txt lookup also
	// needs ports 443 and 80 of in-scope addresses.
	pipe.Options.Dial = netscan.NewDialer(netscan.DialerConfig{Scope: set, StrictPorts: true, Limiter: limiter, ConnectTimeout: connect})
	if cfg.SecurityTxt {
		pipe.Disclose = securityTxtLookup(set, netscan.NewDialer(netscan.DialerConfig{
			Scope: set, Limiter: limiter, ConnectTimeout: connect}), pipe.Options)
	}
	if err := pipe.Validate(); err != nil {
		return nil, err
	}
	return &Job{
		Set:   set,
		known: known,
		disc:  netscan.Config{Concurrency: cfg.Concurrency, PerHost: cfg.PerHost, Limiter: limiter, ConnectTimeout: connect},
		pipe:  pipe,
	}, nil
}

// SetOnDone installs a per-endpoint callback (progress display); call it before Run.
func (j *Job) SetOnDone(fn func(store.Endpoint, *finding.Service)) { j.pipe.OnDone = fn }

// SetStream makes Run hand each endpoint's outcome to fn as soon as it is analysed and
// keep none of them (see Config.Stream); call it before Run.
func (j *Job) SetStream(fn func(Outcome)) { j.pipe.Stream = fn }

// DiscoveryStats reports discovery's progress while Run runs, and its totals after.
func (j *Job) DiscoveryStats() netscan.Stats {
	if s := j.scanner.Load(); s != nil {
		return s.Stats()
	}
	return netscan.Stats{}
}

// Run discovers open endpoints and probes them as they are found. The report is
// returned whenever one was produced, with the error that cut the scan short, if any
// (an interrupted scan still reports what it saw).
func (j *Job) Run(ctx context.Context) (*finding.Report, error) {
	scanner := netscan.New(j.disc)
	j.scanner.Store(scanner)
	toDiscover := j.Set.All()
	if j.known != nil {
		toDiscover = func(yield func(store.Endpoint) bool) {
			for ep := range j.Set.All() {
				if !j.known.Contains(ep.Addr, ep.Port) && !yield(ep) {
					return
				}
			}
		}
	}
	open, wait := scanner.Stream(ctx, toDiscover)
	endpoints := make(chan store.Endpoint)
	// The feeders stop handing endpoints over once Run has returned, whatever the reason,
	// so discovery is never left blocked on a pipeline that is gone.
	feedCtx, stopFeeding := context.WithCancel(ctx)
	defer stopFeeding()
	var feeders sync.WaitGroup
	feeders.Add(1)
	go func() {
		defer feeders.Done()
		for o := range open {
			select {
			case endpoints <- o.Endpoint:
			case <-feedCtx.Done():
			}
		}
	}()
	var knownOpen int
	if j.known != nil {
		feeders.Add(1)
		go func() {
			defer feeders.Done()
			for ep := range j.known.All() {
				select {
				case endpoints <- ep:
					knownOpen++
				case <-feedCtx.Done():
					return
				}
			}
		}()
	}
	go func() { feeders.Wait(); close(endpoints) }()
	rep, runErr := Run(ctx, j.pipe, endpoints)
	stopFeeding()
	discErr := wait()
	if rep == nil {
		return nil, runErr
	}
	st := scanner.Stats()
	rep.Stats.Targets = int(j.Set.Addresses())
	rep.Stats.Excluded = int(j.Set.Excluded())
	rep.Stats.PortsTried = int(st.Tried)
	feeders.Wait()
	rep.Stats.OpenPorts = int(st.Open) + knownOpen
	for _, u := range j.Set.Unresolved() {
		rep.Errors = append(rep.Errors, finding.ProbeError{Host: hostOfResolveError(u), Stage: "resolve", Error: u.Error()})
	}
	if ctx.Err() != nil {
		return rep, fmt.Errorf("scan interrupted: %w", ctx.Err())
	}
	if discErr != nil && !errors.Is(discErr, context.Canceled) {
		return rep, fmt.Errorf("discovery: %w", discErr)
	}
	return rep, nil
}

// securityTxtLookup finds whom to tell about a host name, connecting only to the
// addresses the scan resolved it to.
func securityTxtLookup(set *target.Set, dial store.DialFunc, opts store.Options) func(context.Context, string) finding.Contact {
	addrs := map[string][]netip.Addr{}
	for _, h := range set.Hosts() {
		addrs[h.Name] = h.Addrs
	}
	return func(ctx context.Context, host string) finding.Contact {
		return disclose.Lookup(ctx, host, addrs[host], disclose.Options{
			Dial: dial, ConnectTimeout: opts.ConnectTimeout, IOTimeout: opts.IOTimeout,
		}).Contact()
	}
}

func hostOfResolveError(err error) string {
	var re *target.ResolveError
	if errors.As(err, &re) {
		return re.Name
	}
	return ""
}
