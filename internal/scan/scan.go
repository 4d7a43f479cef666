// Package scan runs the path of one scan after discovery: every open endpoint is first
// identified (internal/identify: one first contact shared by every product), then only
// the product identified there checks access, inventories and samples it; what was
// learned becomes findings — exposure, secrets, personal data, chat transcripts — and
// whom to tell is looked up. Ports that are no data store are named. One slow or
// hostile endpoint costs only its own deadline.
package scan

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/leakwatch/leakwatch/internal/detect"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/identify"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/verify"
)

// Config is everything the pipeline needs besides the endpoints.
type Config struct {
	// Probers in the order they are tried on a port none of them claims by default.
	Probers []store.Prober
	Options store.Options
	// Workers is how many endpoints are explored at once (access, inventory, samples).
	// Identification, which mostly waits, runs IdentifyPerWorker times as many at once.
	Workers int
	// TargetTimeout bounds everything done to one endpoint.
	TargetTimeout time.Duration
	// Reveal puts raw secret values in findings (--reveal).
	Reveal bool
	// Engine detects secrets and personal data in samples; nil disables detection.
	Engine *detect.Engine
	// Verifier asks the issuers of the secrets found whether they are live (--verify);
	// nil disables verification.
	Verifier *verify.Runner
	// Disclose looks up a host name's security.txt; nil disables the lookup. It is
	// called once per host name that has at least one identified service.
	Disclose func(ctx context.Context, hostname string) finding.Contact
	// MaxValuesPerRule caps the distinct values reported per column and rule.
	MaxValuesPerRule int
	// OnDone is called after each endpoint, for progress display.
	OnDone func(ep store.Endpoint, svc *finding.Service)
	// Stream, when set, receives each endpoint's outcome as soon as it is analysed, from
	// one goroutine at a time, and Run keeps none of them: memory stays bounded however
	// many endpoints a scan has. Each outcome is judged on its own — its exposure is
	// critical when its own samples hold secrets or chat — except that one server seen
	// on several ports is folded into one as in the buffered formats: readable services
	// with an instance name are held back (until the scan ends, or while at most maxHeld
	// wait) and written together. The returned report then holds only the counts.
	Stream func(Outcome)
	Logger *slog.Logger

	// identifier is the identification stage, built by Validate from Probers and shared
	// by every endpoint of a run (it bounds connections per host).
	identifier *identify.Identifier
	// explorers holds one token per endpoint being explored (Workers of them).
	explorers chan struct{}
}

// IdentifyPerWorker is how many endpoints are identified at once per explore worker:
// identifying a port is a few kilobytes and mostly waiting (a tarpit holds its slot
// for a banner wait and an I/O timeout), exploring one is the heavy part.
const IdentifyPerWorker = 8

// MaxWorkers bounds Config.Workers: Run starts IdentifyPerWorker goroutines a worker
// before any endpoint arrives, so a mistyped --workers must be refused, not turned into
// billions of goroutines (or, multiplied past the int range, into none, which would
// leave every open endpoint waiting forever).
const MaxWorkers = 4096

// DefaultConfig is a pipeline with leakwatch's default limits and no probers.
func DefaultConfig() Config {
	return Config{
		Options:          store.DefaultOptions(),
		Workers:          32,
		TargetTimeout:    60 * time.Second,
		MaxValuesPerRule: 20,
		Logger:           slog.New(slog.DiscardHandler),
	}
}

// Validate rejects configurations that would scan nothing or without bounds.
func (c *Config) Validate() error {
	switch {
	case len(c.Probers) == 0:
		return errors.New("no probers configured")
	case c.Workers < 1:
		return errors.New("workers must be at least 1")
	case c.Workers > MaxWorkers:
		return fmt.Errorf("workers must be at most %d", MaxWorkers)
	case c.TargetTimeout <= 0:
		return errors.New("target timeout must be positive")
	case c.Options.ConnectTimeout <= 0:
		return errors.New("connect timeout must be positive")
	case c.Options.SampleRows < 0:
		return errors.New("sample rows must not be negative")
	case c.Options.MaxResponseBytes <= 0:
		return errors.New("max response bytes must be positive")
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.MaxValuesPerRule <= 0 {
		c.MaxValuesPerRule = 20
	}
	if c.identifier == nil {
		c.identifier = identify.New(c.Probers, identify.Config{})
	}
	if c.explorers == nil {
		c.explorers = make(chan struct{}, c.Workers)
	}
	return nil
}

// Outcome is what probing one endpoint produced.
type Outcome struct {
	Endpoint store.Endpoint
	Service  *finding.Service // nil when no prober recognised the endpoint
	// Other names what answered when it is not a data store (ssh, http, …, unknown).
	Other    *finding.Other
	Findings []finding.Finding
	Err      *finding.ProbeError
}

// Run probes every endpoint received until the channel closes or ctx ends, and returns
// the report (Stats other than Services are the caller's to fill from discovery).
func Run(ctx context.Context, cfg Config, endpoints <-chan store.Endpoint) (*finding.Report, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	rep := &finding.Report{Tool: "leakwatch", Started: time.Now().UTC()}
	outcomes := make(chan Outcome)
	var wg sync.WaitGroup
	for range cfg.Workers * IdentifyPerWorker {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ep := range endpoints {
				o := ProbeEndpoint(ctx, &cfg, ep)
				if cfg.OnDone != nil {
					cfg.OnDone(ep, o.Service)
				}
				select {
				case outcomes <- o:
				case <-ctx.Done():
					// Keep draining so that the producer is never blocked forever.
				}
			}
		}()
	}
	go func() { wg.Wait(); close(outcomes) }()

	var fold *folder
	if cfg.Stream != nil {
		fold = newFolder(&cfg, rep)
	}
	for o := range outcomes {
		if fold != nil {
			fold.add(o)
			continue
		}
		if o.Service != nil {
			rep.Services = append(rep.Services, *o.Service)
		}
		rep.Findings = append(rep.Findings, o.Findings...)
		if o.Err != nil {
			rep.Errors = append(rep.Errors, *o.Err)
		}
		if o.Other != nil {
			rep.Others = append(rep.Others, *o.Other)
		}
	}
	if fold != nil {
		fold.close()
		rep.Finished = time.Now().UTC()
		return rep, ctx.Err()
	}
	escalate(rep)
	mergeSameServer(rep)
	if cfg.Disclose != nil {
		rep.Contacts = lookupContacts(ctx, &cfg, rep)
	}
	finalize(rep)
	rep.Finished = time.Now().UTC()
	return rep, ctx.Err()
}

// streamOutcome finalises one outcome on its own, hands it to cfg.Stream and keeps only
// its counts in rep.
func streamOutcome(cfg *Config, rep *finding.Report, o Outcome) {
	one := &finding.Report{Findings: o.Findings}
	if o.Service != nil {
		one.Services = []finding.Service{*o.Service}
	}
	escalate(one)
	o.Findings = one.Findings
	emit(cfg, rep, o)
}

// emit gives an outcome's findings their ids and order, counts it in rep and hands it
// to cfg.Stream.
func emit(cfg *Config, rep *finding.Report, o Outcome) {
	one := &finding.Report{Findings: o.Findings}
	if o.Service != nil {
		rep.Stats.Services++
	}
	for i := range one.Findings {
		if one.Findings[i].ID == "" {
			one.Findings[i].ComputeID()
		}
	}
	finding.Sort(one.Findings)
	o.Findings = one.Findings
	for _, f := range o.Findings {
		rep.Stats.Findings[f.Severity]++
	}
	if o.Err != nil {
		rep.Stats.Errors++
	}
	if o.Other != nil {
		rep.Stats.Others++
	}
	cfg.Stream(o)
}

// claims reports whether p lists ep's port as its own or the URL scheme names it.
func claims(p store.Prober, ep store.Endpoint) bool {
	return slices.Contains(p.DefaultPorts(), ep.Port) || (ep.Scheme != "" && strings.HasPrefix(ep.Scheme, p.Name()))
}

// candidates orders the probers for an endpoint: those claiming its port (or named by
// the URL scheme) first, then the others.
func candidates(probers []store.Prober, ep store.Endpoint) []store.Prober {
	var first, rest []store.Prober
	for _, p := range probers {
		if claims(p, ep) {
			first = append(first, p)
		} else {
			rest = append(rest, p)
		}
	}
	return append(first, rest...)
}

// ProbeEndpoint identifies one endpoint and has the product that answers explore it,
// within the target timeout, and turns the result into findings. It never panics on a
// prober's behalf: a panicking prober is reported as an error for that endpoint only.
func ProbeEndpoint(ctx context.Context, cfg *Config, ep store.Endpoint) (o Outcome) {
	defer func() {
		scrubOutcome(&o, credentialTexts(cfg.Options.ForEndpoint(ep).Credentials))
		boundOutcome(&o)
	}()
	start := time.Now()
	if cfg.identifier == nil || cfg.explorers == nil {
		if err := cfg.Validate(); err != nil {
			return Outcome{Endpoint: ep, Err: &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: "config", Error: err.Error()}}
		}
	}
	if cfg.identifier.Stores() {
		return identifyThenExplore(ctx, cfg, ep, start)
	}
	release, err := cfg.exploreSlot(ctx)
	if err != nil {
		return Outcome{Endpoint: ep, Err: &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: "fingerprint", Error: err.Error()}}
	}
	defer release()
	// Verification asks issuers, not the target: the target's deadline does not bound it.
	runCtx := ctx
	ctx, cancel := context.WithTimeout(ctx, cfg.TargetTimeout)
	defer cancel()
	return probeInTurn(runCtx, ctx, cfg, ep, cfg.Probers, start)
}

// exploreSlot waits for one of the Workers exploration tokens.
func (c *Config) exploreSlot(ctx context.Context) (func(), error) {
	select {
	case c.explorers <- struct{}{}:
		return func() { <-c.explorers }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// probeInTurn tries probers one after another, those claiming the port first: the path
// of probers that declare no fingerprints. ctx bounds the probes; runCtx, the scan's,
// what analysis asks of third parties (verification).
func probeInTurn(runCtx, ctx context.Context, cfg *Config, ep store.Endpoint, probers []store.Prober, start time.Time) (out Outcome) {
	out.Endpoint = ep
	// The error worth reporting is that of the prober the port belongs to (PostgreSQL's
	// on 5432), not whichever prober happened to be tried last.
	var lastErr, claimedErr error
	claimedBy := ""
	for _, p := range candidates(probers, ep) {
		if ctx.Err() != nil {
			lastErr = ctx.Err()
			break
		}
		// Only the credentials meant for this endpoint reach the prober.
		opts := cfg.Options.ForEndpoint(ep)
		res, err := safeProbe(ctx, p, ep, &opts)
		if res == nil {
			if err != nil && !errors.Is(err, store.ErrNoMatch) {
				cfg.Logger.Debug("probe failed", "prober", p.Name(), "endpoint", ep.Address(),
					"err", scrubText(err.Error(), credentialTexts(opts.Credentials)))
				lastErr = err
				if claimedErr == nil && claims(p, ep) {
					claimedErr, claimedBy = err, p.Name()
				}
			}
			continue
		}
		finish(runCtx, cfg, &out, p, res, err, start, opts.Samples)
		return out
	}
	stage := "fingerprint"
	if claimedErr != nil && !errors.Is(lastErr, context.DeadlineExceeded) {
		lastErr, stage = claimedErr, claimedBy
	}
	if lastErr != nil {
		if errors.Is(lastErr, context.DeadlineExceeded) {
			lastErr = fmt.Errorf("%w after %s", store.ErrTimeout, cfg.TargetTimeout)
		}
		out.Err = &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: stage, Error: lastErr.Error()}
	} else {
		out.Err = &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: "fingerprint",
			Error: "port open, but no known data store answered"}
	}
	return out
}

// finish completes the service a prober returned and analyses it into out; ctx is the
// scan's (verification is not bounded by the target's deadline). samples is the
// endpoint's sample budget: a service whose samples it cut is truncated.
func finish(ctx context.Context, cfg *Config, out *Outcome, p store.Prober, res *store.Result, err error, start time.Time, samples *store.SampleBudget) {
	ep := out.Endpoint
	// Analysis runs on what the server sent (detectors over its values, the prober's
	// own naming of its product) after the probe's recovery: a panic here would end
	// the whole scan and every other endpoint's results with it.
	defer func() {
		if r := recover(); r != nil {
			out.Service, out.Findings = nil, nil
			out.Err = &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: p.Name(),
				Error: fmt.Sprintf("%s analysis crashed: %v", p.Name(), r)}
		}
	}()
	boundResult(res)
	svc := res.Service
	svc.Host = ep.Host()
	svc.Port = ep.Port
	if svc.Hostname == "" {
		svc.Hostname = ep.Hostname
	}
	if svc.Product == "" {
		svc.Product = p.Name()
	}
	if svc.Auth == "" {
		svc.Auth = finding.AuthUnknown
	}
	if err != nil {
		svc.Error = err.Error()
		bound(&svc.Error, maxErrorLen)
		if svc.Status == "" {
			svc.Status = store.StatusOf(err)
		}
		out.Err = &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: p.Name(), Error: err.Error()}
	}
	if svc.Status == "" {
		switch svc.Auth {
		case finding.AuthRequired:
			svc.Status = finding.StatusAuthRequired
		case finding.AuthUnknown:
			svc.Status = finding.StatusIdentified
		default:
			svc.Status = finding.StatusOpen
		}
	}
	svc.Duration = time.Since(start).Round(time.Millisecond).String()
	if samples.Cut() {
		// The budget cuts samples, never the listing: when the prober listed in full
		// (nothing else truncated it, no error stopped it), diffs may still call a
		// dataset missing from it gone.
		svc.ListingComplete = !svc.Truncated && err == nil
		svc.Truncated = true
		svc.TruncatedBy = samples.Reason()
	}
	cfg.Logger.Debug("sampled", "endpoint", ep.Address(), "product", svc.Product, "bytes", samples.Used(),
		"budget", samples.Total(), "cut", samples.Cut())
	out.Findings = analyze(ctx, cfg, p, &svc, res)
	// Detection adds what it found where: the path of a match inside a document is the
	// server's words too.
	for i := range out.Findings {
		boundFinding(&out.Findings[i])
	}
	out.Service = &svc
}

func safeProbe(ctx context.Context, p store.Prober, ep store.Endpoint, opts *store.Options) (res *store.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%s prober crashed: %v", p.Name(), r)
		}
	}()
	return p.Probe(ctx, ep, opts)
}

// finalize gives every finding its id and puts services and findings in a stable order.
func finalize(rep *finding.Report) {
	for i := range rep.Findings {
		if rep.Findings[i].ID == "" {
			rep.Findings[i].ComputeID()
		}
	}
	finding.Sort(rep.Findings)
	sort.SliceStable(rep.Services, func(i, j int) bool {
		a, b := rep.Services[i], rep.Services[j]
		if a.Host != b.Host {
			return hostLess(a.Host, b.Host)
		}
		return a.Port < b.Port
	})
	sort.SliceStable(rep.Errors, func(i, j int) bool {
		a, b := rep.Errors[i], rep.Errors[j]
		if a.Host != b.Host {
			return hostLess(a.Host, b.Host)
		}
		return a.Port < b.Port
	})
	rep.Stats.Services = len(rep.Services)
}

// lookupContacts asks each host name with an identified service for its security.txt,
// once per name, contactLookups at a time and all within contactBudget: a lookup is
// bounded by its own deadline (15 s), and one after another, names whose web server
// accepts and never answers (a hostile server behind many names) added a whole deadline
// each to the end of the scan (12 such names with 2 s lookups: 24 s,
// TestTarpitContactLookupsBounded). A name not looked up within the budget gets a contact
// that says so.
func lookupContacts(ctx context.Context, cfg *Config, rep *finding.Report) []finding.Contact {
	seen := map[string]bool{}
	var hosts []string
	for _, s := range rep.Services {
		if s.Hostname == "" || seen[s.Hostname] {
			continue
		}
		seen[s.Hostname] = true
		hosts = append(hosts, s.Hostname)
	}
	out := make([]finding.Contact, len(hosts))
	ctx, cancel := context.WithTimeout(ctx, contactBudget)
	defer cancel()
	turns := make(chan struct{}, contactLookups)
	var wg sync.WaitGroup
	for i, h := range hosts {
		if ctx.Err() == nil {
			select {
			case turns <- struct{}{}:
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			out[i] = finding.Contact{Host: h, Error: fmt.Sprintf("security.txt not looked up: the scan's lookups took their %v, or the scan was stopped", contactBudget)}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-turns }()
			out[i] = safeDisclose(ctx, cfg, h)
		}()
	}
	wg.Wait()
	return out
}

// contactLookups is how many security.txt lookups run at once, and contactBudget the
// time all of them may take together (a variable for tests).
const contactLookups = 8

var contactBudget = 2 * time.Minute

// safeDisclose looks up one host's security.txt. The lookup parses what the host's web
// server sent, once every endpoint is done: a panic there must cost that host's contact,
// not the report of the whole scan.
func safeDisclose(ctx context.Context, cfg *Config, host string) (c finding.Contact) {
	defer func() {
		if r := recover(); r != nil {
			c = finding.Contact{Host: host, Error: fmt.Sprintf("security.txt lookup crashed: %v", r)}
		}
	}()
	return cfg.Disclose(ctx, host)
}
