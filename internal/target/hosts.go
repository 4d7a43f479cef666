package target

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Hosts is a list of addresses, blocks, ranges and host names as a user gave them: the
// hosts a credential may be sent to, or where a worker may scan. An endpoint is in the
// list when its address is in one of the blocks, or when the user named the endpoint
// by one of the names (Endpoint.Hostname: the name given as a target, never one a
// server told). A name matches its own endpoints only, not the addresses it resolves
// to, unless Resolve added them.
type Hosts struct {
	r     ranges
	names map[string]bool
	wild  []string // ".example.com" for "*.example.com"
	specs []Spec
	// emb recognises the IPv6 forms of r's IPv4 addresses, which a Deny list refuses
	// too (embed.go); an Allow list does not widen to them.
	emb *embedder
}

var (
	_ store.HostScope = (*Hosts)(nil)
	_ store.HostScope = (*Set)(nil)
	_ store.HostScope = Scope{}
)

// ParseHosts parses entries as exclusions are parsed (address, CIDR block, range, host
// name or *.domain; no port or scheme). An empty list is an error: a list that allows
// nothing is a mistake, not a policy.
func ParseHosts(entries []string) (*Hosts, error) {
	var specs []Spec
	for _, e := range entries {
		if strings.TrimSpace(e) == "" {
			continue
		}
		sp, err := ParseExclude(e)
		if err != nil {
			return nil, err
		}
		specs = append(specs, sp)
	}
	return NewHosts(specs)
}

// NewHosts makes a list of specs parsed by ParseExclude.
func NewHosts(specs []Spec) (*Hosts, error) {
	if len(specs) == 0 {
		return nil, fmt.Errorf("empty host list")
	}
	h := &Hosts{names: map[string]bool{}, specs: specs}
	var iv []ival
	for _, sp := range specs {
		switch {
		case sp.Port != 0 || sp.Scheme != "":
			return nil, &SpecError{Spec: sp.Raw, Source: sp.Source, Line: sp.Line, Err: fmt.Errorf("a host list names whole hosts: drop the port or scheme")}
		case sp.Kind == KindHost && strings.HasPrefix(sp.Host, "*."):
			h.wild = append(h.wild, sp.Host[1:])
		case sp.Kind == KindHost:
			h.names[sp.Host] = true
		case sp.Kind == KindAddr || sp.Kind == KindPrefix || sp.Kind == KindRange:
			if !sp.First.IsValid() || !sp.Last.IsValid() || sp.Last.Less(sp.First) {
				return nil, &SpecError{Spec: sp.Raw, Source: sp.Source, Line: sp.Line, Err: fmt.Errorf("invalid address bounds")}
			}
			iv = append(iv, sp.ival())
		default:
			return nil, &SpecError{Spec: sp.Raw, Source: sp.Source, Line: sp.Line, Err: fmt.Errorf("invalid host")}
		}
	}
	h.r = normalize(iv)
	h.emb = newEmbedder(h.r)
	return h, nil
}

// Resolve returns a copy of h that also holds the addresses its names resolve to now
// (wildcards cannot be resolved and still match by name only). A lookup that fails for
// another reason than "no such host" is an error: a scope must not be guessed.
func (h *Hosts) Resolve(ctx context.Context, r Resolver) (*Hosts, error) {
	if h == nil || len(h.names) == 0 {
		return h, nil
	}
	if r == nil {
		r = net.DefaultResolver
	}
	names := make([]string, 0, len(h.names))
	for n := range h.names {
		names = append(names, n)
	}
	res, err := resolveAll(ctx, r, "ip", names, 5*time.Second, 16)
	if err != nil {
		return nil, err
	}
	iv := append([]ival(nil), h.r...)
	for _, n := range names {
		rr := res[n]
		if rr.err != nil && !notFound(rr.err) {
			return nil, fmt.Errorf("resolving %q: %w", n, rr.err)
		}
		for _, a := range rr.addrs {
			x := fromAddr(a.Unmap())
			iv = append(iv, ival{x, x})
		}
	}
	c := *h
	c.r = normalize(iv)
	c.emb = newEmbedder(c.r)
	return &c, nil
}

func (h *Hosts) nameIn(name string) bool {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	if name == "" {
		return false
	}
	if h.names[name] {
		return true
	}
	for _, w := range h.wild {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

// AllowsEndpoint reports whether ep is in the list.
func (h *Hosts) AllowsEndpoint(ep store.Endpoint) bool {
	if h == nil {
		return false
	}
	if ep.Hostname != "" && h.nameIn(ep.Hostname) {
		return true
	}
	return ep.Addr.IsValid() && ep.Addr.Zone() == "" && h.r.contains(fromAddr(ep.Addr.Unmap()))
}

// String lists the entries as given.
func (h *Hosts) String() string {
	if h == nil {
		return ""
	}
	parts := make([]string, len(h.specs))
	for i, s := range h.specs {
		parts[i] = s.String()
	}
	return strings.Join(parts, ",")
}

// AllowsEndpoint reports whether ep is one of the set's endpoints: the default scope of
// a user's credentials is the targets they gave.
func (s *Set) AllowsEndpoint(ep store.Endpoint) bool { return s.Contains(ep.Addr, ep.Port) }

// Scope is where a worker may scan: the endpoints Allow holds and Deny does not.
type Scope struct {
	Allow, Deny *Hosts
}

// AllowsEndpoint reports whether ep is inside the scope.
func (sc Scope) AllowsEndpoint(ep store.Endpoint) bool {
	return sc.Allow.AllowsEndpoint(ep) && !sc.Deny.denies(ep)
}

// denies reports whether a Deny list keeps ep out: listed, or an IPv6 form of a listed
// IPv4 address.
func (h *Hosts) denies(ep store.Endpoint) bool {
	if h == nil {
		return false
	}
	return h.AllowsEndpoint(ep) || ep.Addr.IsValid() && ep.Addr.Zone() == "" && h.emb.has(fromAddr(ep.Addr.Unmap()))
}

// Check returns an error naming the first part of s (every shard of it) that is outside
// the scope, nil when all of s is inside: a batch of work that reaches anywhere else is
// refused whole, not trimmed.
func (sc Scope) Check(s *Set) error {
	if sc.Allow == nil {
		return fmt.Errorf("no scope configured")
	}
	deny := sc.Deny
	if deny == nil {
		deny = &Hosts{}
	}
	for _, e := range s.named {
		name := s.uses[e.use].name
		ep := store.Endpoint{Addr: e.addr.addr(), Port: int(e.port), Hostname: name}
		switch {
		case !sc.Allow.AllowsEndpoint(ep):
			return fmt.Errorf("%s (%s) is outside the scope", name, ep.Addr)
		case deny.denies(ep):
			return fmt.Errorf("%s (%s) is excluded from the scope", name, ep.Addr)
		}
	}
	var unnamed []ranges
	unnamed = append(unnamed, s.bare.r)
	for _, g := range s.groups {
		unnamed = append(unnamed, g.r.r)
	}
	all := union(unnamed...)
	if out := all.subtract(sc.Allow.r); len(out) > 0 {
		return fmt.Errorf("%s is outside the scope", ivalString(out[0]))
	}
	if in := all.intersect(deny.r); len(in) > 0 {
		return fmt.Errorf("%s is excluded from the scope", ivalString(in[0]))
	}
	in, err := deny.emb.within(all)
	if err != nil {
		return err
	}
	if len(in) > 0 {
		return fmt.Errorf("%s is excluded from the scope (it carries an excluded IPv4 address)", ivalString(in[0]))
	}
	return nil
}

func ivalString(v ival) string {
	if v.lo == v.hi {
		return v.lo.addr().String()
	}
	return v.lo.addr().String() + "-" + v.hi.addr().String()
}
