package scan

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/identify"
	"github.com/leakwatch/leakwatch/internal/store"
)

// identifyThenExplore is the path of one endpoint: identification names what answers;
// a data store is explored by its own prober alone; anything else is named in the
// report. Probers that declare no fingerprints are tried in turn, as before the split,
// on ports identification did not attribute to a store.
//
// The target timeout bounds identification and exploration together, not the wait for
// an exploration slot in between.
func identifyThenExplore(scanCtx context.Context, cfg *Config, ep store.Endpoint, start time.Time) Outcome {
	out := Outcome{Endpoint: ep}
	ictx, cancel := context.WithTimeout(scanCtx, cfg.TargetTimeout)
	defer cancel()
	// Only the credentials meant for this endpoint reach identification or a prober.
	epOpts := cfg.Options.ForEndpoint(ep)
	id, err := cfg.identifier.Identify(ictx, ep, &epOpts)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || ictx.Err() != nil {
			err = fmt.Errorf("%w after %s", store.ErrTimeout, cfg.TargetTimeout)
		}
		out.Err = &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: "identify", Error: err.Error()}
		return out
	}
	defer id.Close()
	cfg.Logger.Debug("identified", "endpoint", ep.Address(), "product", id.Product, "protocol", id.Protocol,
		"tls", id.TLS, "by", id.By, "after", time.Since(start))

	identified := time.Since(start)
	p := cfg.explorer(id.Product)
	legacy := cfg.unfingerprinted()
	if p == nil && len(legacy) == 0 {
		out.Other = otherOf(ep, id, start)
		return out
	}
	release, err := cfg.exploreSlot(scanCtx)
	if err != nil {
		out.Err = &finding.ProbeError{Host: ep.Host(), Port: ep.Port, Stage: "explore", Error: err.Error()}
		return out
	}
	defer release()
	ctx, cancel := context.WithTimeout(scanCtx, max(cfg.TargetTimeout-identified, time.Second))
	defer cancel()
	if p == nil {
		if o := probeInTurn(scanCtx, ctx, cfg, ep, legacy, start); o.Service != nil {
			return o
		}
		out.Other = otherOf(ep, id, start)
		return out
	}
	opts := epOpts
	res, err := safeExplore(ctx, p, ep, id, &opts)
	if res == nil {
		if err == nil || errors.Is(err, store.ErrNoMatch) {
			// The product's own checks disagree with identification (a server that
			// looked like it): name what identification saw.
			out.Other = otherOf(ep, notConfirmed(id, err), start)
			return out
		}
		// Identified, but nothing more could be decided: report the service with why.
		res = &store.Result{Service: serviceOf(ep, id)}
		if ctx.Err() != nil && errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("%w after %s: %w", store.ErrTimeout, cfg.TargetTimeout, err)
		}
	}
	if res.Service.Details == nil {
		res.Service.Details = map[string]string{}
	}
	if res.Service.Details["identified_by"] == "" {
		res.Service.Details["identified_by"] = id.By
	}
	finish(scanCtx, cfg, &out, p, res, err, start, opts.Samples)
	return out
}

// explorer is the prober named name, as an Explorer (a prober without Explore is
// explored with its Probe).
func (c *Config) explorer(name string) store.Explorer {
	for _, p := range c.Probers {
		if p.Name() != name {
			continue
		}
		if _, ok := p.(store.Fingerprinter); !ok {
			return nil
		}
		if e, ok := p.(store.Explorer); ok {
			return e
		}
		return probeExplorer{p}
	}
	return nil
}

// unfingerprinted lists the probers identification cannot name.
func (c *Config) unfingerprinted() []store.Prober {
	var out []store.Prober
	for _, p := range c.Probers {
		if _, ok := p.(store.Fingerprinter); !ok {
			out = append(out, p)
		}
	}
	return out
}

// probeExplorer explores with Probe.
type probeExplorer struct{ store.Prober }

func (p probeExplorer) Explore(ctx context.Context, ep store.Endpoint, _ *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep, opts)
}

func safeExplore(ctx context.Context, p store.Explorer, ep store.Endpoint, id *store.Identity, opts *store.Options) (res *store.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%s prober crashed: %v", p.Name(), r)
		}
	}()
	return p.Explore(ctx, ep, id, opts)
}

// serviceOf is the service identification found, before any access decision.
func serviceOf(ep store.Endpoint, id *store.Identity) finding.Service {
	svc := finding.Service{Host: ep.Host(), Hostname: ep.Hostname, Port: ep.Port, Product: id.Product,
		Protocol: id.Protocol, Version: id.Version, TLS: id.TLS, Auth: finding.AuthUnknown,
		Status: finding.StatusIdentified, Details: map[string]string{}}
	if svc.Protocol == "" {
		svc.Protocol = id.Product
	}
	for k, v := range id.Details {
		svc.Details[k] = v
	}
	return svc
}

// notConfirmed is what to name a port whose explorer found no product after all.
func notConfirmed(id *store.Identity, err error) *store.Identity {
	name := identify.NameUnknown
	switch {
	case id.By == "http" || len(id.By) > 5 && id.By[:5] == "http ":
		name = identify.NameHTTP
	case id.TLS:
		name = identify.NameTLS
	}
	n := &store.Identity{Product: name, TLS: id.TLS, Banner: id.Banner, By: id.By}
	n.SetDetail("looked_like", id.Product)
	if err != nil {
		n.SetDetail("not_confirmed", err.Error())
	}
	return n
}

// otherOf names what answered on a port that is not a data store.
func otherOf(ep store.Endpoint, id *store.Identity, start time.Time) *finding.Other {
	o := &finding.Other{Host: ep.Host(), Hostname: ep.Hostname, Port: ep.Port, Service: id.Product, TLS: id.TLS,
		Version: id.Version, Details: id.Details, Duration: time.Since(start).Round(time.Millisecond).String()}
	if id.By != "" {
		if o.Details == nil {
			o.Details = map[string]string{}
		}
		o.Details["identified_by"] = id.By
	}
	b := id.Banner
	if len(b) > finding.MaxOtherBanner {
		b = b[:finding.MaxOtherBanner]
	}
	if utf8.Valid(b) {
		o.Banner = string(b)
	} else {
		o.Banner = string([]rune(string(b))) // readable, invalid bytes replaced
		o.BannerBase64 = base64.StdEncoding.EncodeToString(b)
	}
	return o
}
