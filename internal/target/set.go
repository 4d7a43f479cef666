package target

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"math"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Order is the order in which a Set yields endpoints.
type Order uint8

const (
	// OrderAuto is sequential for small sets (up to AutoRandomAbove endpoints) and random
	// beyond, where spreading connections over hosts and subnets matters.
	OrderAuto Order = iota
	// OrderSequential yields named targets first (by address), then targets with their own
	// port, then the rest address by address with every port of an address together.
	OrderSequential
	// OrderRandom yields a pseudo-random permutation fixed by Config.Seed.
	OrderRandom
)

// AutoRandomAbove is the size above which OrderAuto randomises.
const AutoRandomAbove = 256

// DefaultMaxAddresses caps a scan at the size of a /8 unless the user raises it: a typo
// such as "10.0.0.0/8" for "10.0.0.0/24", or an IPv6 /64, should stop with a message
// rather than run for weeks.
const DefaultMaxAddresses = 1 << 24

// MaxNamedEndpoints caps the address:port pairs of targets given by name, which a Set
// holds one by one (about 100 bytes each while it is built): 30 names with every port,
// or 2,000 names with a thousand ports.
const MaxNamedEndpoints = 1 << 21

// maxIndexSpace keeps endpoint counts and the permutation domain inside uint64.
const maxIndexSpace = 1 << 62

// ErrTooManyAddresses is wrapped by Build when the targets exceed Config.MaxAddresses.
var ErrTooManyAddresses = errors.New("too many addresses")

// Config says how to turn specs into a Set.
type Config struct {
	// Ports apply to targets that name no port of their own.
	Ports []int
	// Exclude lists addresses, blocks, ranges and names never to touch. Excluded names
	// are also resolved and their addresses excluded; a lookup failure other than "no such
	// host" fails Build, since an exclusion we cannot honour must not be guessed around.
	Exclude []Spec
	// Resolver resolves host names; nil uses net.DefaultResolver. Build asks it once a
	// name (see OnceResolver, which a scan building several Sets shares between them).
	Resolver Resolver
	// ResolveTimeout bounds each lookup (default 5s); ResolveConcurrency bounds lookups in
	// flight (default 16).
	ResolveTimeout     time.Duration
	ResolveConcurrency int
	// Network restricts the addresses names resolve to: "ip" (default), "ip4" or "ip6".
	Network string
	// MaxAddresses caps the unique addresses after exclusions, before sharding
	// (default DefaultMaxAddresses).
	MaxAddresses uint64
	// Shard selects a part of the address space; the zero value selects all of it.
	Shard Shard
	// Order and Seed fix the iteration order. Seed 0 is a fixed default, so runs repeat.
	Order Order
	Seed  uint64
	// AllowLocalNames scans names that resolve to loopback or link-local addresses
	// (see localOnly). Without it only "localhost" and names under .localhost may.
	AllowLocalNames bool
}

// Host is a name given as a target with the addresses it resolved to that are in scope
// (not excluded, in the shard), for lookups that need the name, such as security.txt.
type Host struct {
	Name  string
	Addrs []netip.Addr
}

// hostUse is one way a name was given: with a port and scheme, or bare.
type hostUse struct {
	name   string
	scheme string
	port   int // 0: the port list
}

// namedEP is one endpoint of a named target; use indexes Set.uses.
type namedEP struct {
	addr u128
	port uint16
	use  uint32
}

func cmpNamed(a, b namedEP) int {
	if c := a.addr.cmp(b.addr); c != 0 {
		return c
	}
	if c := cmp.Compare(a.port, b.port); c != 0 {
		return c
	}
	return cmp.Compare(a.use, b.use)
}

// gkey identifies a group while Build collects it.
type gkey struct {
	port   int
	scheme string
}

// group is the addresses given with one explicit port and scheme.
type group struct {
	port   int
	scheme string
	r      indexed
}

// Set is an expanded, de-duplicated, scoped set of endpoints. It holds intervals, not
// addresses, so a /8 costs a few bytes; it is safe for concurrent use once built.
//
// De-duplication works on (address, port): a named target wins over an address given with
// a port, which wins over an address taking the port list; among equals the first given
// wins. Memory is proportional to the number of specs and of resolved name addresses,
// never to the number of addresses in blocks and ranges.
type Set struct {
	ports    []int
	portSet  portSet
	shard    Shard
	order    Order
	seed     uint64
	bare     indexed
	groups   []group
	gstart   []uint64       // index of each group's first endpoint after the named ones
	byPort   map[int]ranges // union of groups per port
	named    []namedEP
	uses     []hostUse
	scope    ranges
	hosts    []Host
	unres    []error
	count    uint64
	addrs    uint64
	excluded uint64
	total    uint64 // size of the index space, duplicates and other shards included
	// ex is the exclusions the set was built with, checked again by ContainsAddr.
	ex *exclusions
	// buildDone is Build's ctx.Done() while Build counts a sharded set.
	buildDone <-chan struct{}
}

// Build expands specs into a Set: it resolves names (bounded, with a timeout each),
// applies exclusions to every path (blocks, ranges, addresses and the addresses names
// resolve to), checks the address cap and computes exact counts. Names that fail to
// resolve are not fatal; see Set.Unresolved.
func Build(ctx context.Context, specs []Spec, cfg Config) (*Set, error) {
	if len(specs) == 0 {
		return nil, errors.New("no targets given")
	}
	if err := cfg.Shard.Validate(); err != nil {
		return nil, err
	}
	switch cfg.Network {
	case "":
		cfg.Network = "ip"
	case "ip", "ip4", "ip6":
	default:
		return nil, fmt.Errorf("network %q: want ip, ip4 or ip6", cfg.Network)
	}
	// One answer per name for the whole Build (exclusions and targets alike); callers
	// that build more than one Set for a scan pass one OnceResolver to all of them.
	cfg.Resolver = OnceResolver(cfg.Resolver)
	if cfg.ResolveTimeout <= 0 {
		cfg.ResolveTimeout = 5 * time.Second
	}
	if cfg.ResolveConcurrency <= 0 {
		cfg.ResolveConcurrency = 16
	}
	if cfg.MaxAddresses == 0 {
		cfg.MaxAddresses = DefaultMaxAddresses
	}
	s := &Set{shard: cfg.Shard, order: cfg.Order, seed: cfg.Seed, byPort: map[int]ranges{}}
	for _, p := range cfg.Ports {
		if p < 1 || p > 65535 {
			return nil, fmt.Errorf("port %d out of range 1-65535", p)
		}
		s.portSet.add(p)
	}
	s.ports = s.portSet.list()

	ex, err := buildExclusions(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s.ex = ex

	var (
		bareIv  []ival
		gIv     = map[gkey][]ival{}
		gOrder  []gkey
		useIdx  = map[hostUse]int{}
		named   = map[string]bool{}
		names   []string
		largest Spec
	)
	addGroup := func(k gkey, v ival) {
		if _, ok := gIv[k]; !ok {
			gOrder = append(gOrder, k)
		}
		gIv[k] = append(gIv[k], v)
	}
	for _, sp := range specs {
		if err := s.checkSpec(sp); err != nil {
			return nil, &SpecError{Spec: redactSpec(sp.Raw), Source: sp.Source, Line: sp.Line, Err: err}
		}
		if sp.Kind == KindHost {
			if ex.nameExcluded(sp.Host) {
				continue
			}
			u := hostUse{name: sp.Host, scheme: sp.Scheme, port: sp.Port}
			if _, ok := useIdx[u]; !ok {
				if !named[u.name] {
					named[u.name] = true
					names = append(names, u.name)
				}
				useIdx[u] = len(s.uses)
				s.uses = append(s.uses, u)
			}
			continue
		}
		if sp.size() > largest.size() {
			largest = sp
		}
		v := sp.ival()
		switch {
		case sp.Port != 0:
			addGroup(gkey{sp.Port, sp.Scheme}, v)
		case sp.Scheme != "" && sp.Scheme != "tcp":
			for _, p := range s.ports {
				addGroup(gkey{p, sp.Scheme}, v)
			}
		default:
			bareIv = append(bareIv, v)
		}
	}

	res, err := resolveAll(ctx, cfg.Resolver, cfg.Network, names, cfg.ResolveTimeout, cfg.ResolveConcurrency)
	if err != nil {
		return nil, err
	}
	for name, r := range res {
		// DNS that answers 0.0.0.0 or :: points the scan at the scanning machine itself
		// (a connect to the unspecified address reaches local listeners): never a target
		// the user meant by a name.
		r.drop(isThisHost, "which would reach this machine: not scanned")
		// Whoever controls a name's DNS, which in a list of names need not be the
		// user, can point it at the scanning machine's own loopback services or at the
		// link-local cloud metadata service; their contents would then be sampled into
		// the report. A user who means them gives the address, or says so.
		if !cfg.AllowLocalNames && !localhostName(name) {
			r.drop(localOnly, "a loopback or link-local address: not scanned by name (give the address, or --allow-local-names)")
		}
		res[name] = r
	}
	var beforeIv []ival // every address named before exclusion, for the Excluded count
	for _, name := range names {
		if r := res[name]; r.err != nil {
			s.unres = append(s.unres, &ResolveError{Name: name, Err: r.err})
		}
	}
	// The exclusions' IPv4 addresses are excluded in their IPv6 spellings too (embed.go),
	// computed inside the targets only: most forms repeat in every /64 or /96.
	if err := ex.embed(bareIv, gIv, res, cfg.MaxAddresses); err != nil {
		return nil, err
	}
	// Named endpoints are held one by one (blocks and ranges are intervals): count them
	// before making any, so that many names, or a name with many addresses, times a long
	// port list stops with a message instead of taking the machine's memory.
	var namedN uint64
	for _, u := range s.uses {
		ports := uint64(len(s.ports))
		if u.port != 0 {
			ports = 1
		}
		for _, a := range res[u.name].addrs {
			if !ex.r.contains(fromAddr(a)) {
				namedN = satAdd(namedN, ports)
			}
		}
	}
	if namedN > MaxNamedEndpoints {
		return nil, fmt.Errorf("%w: the host names given resolve to %d address:port pairs, more than the limit of %d for named targets; "+
			"give fewer ports or names, or their addresses (blocks and ranges have no such limit)", ErrTooManyAddresses, namedN, MaxNamedEndpoints)
	}
	for i, u := range s.uses {
		for _, a := range res[u.name].addrs {
			x := fromAddr(a)
			beforeIv = append(beforeIv, ival{x, x})
			if ex.r.contains(x) {
				continue
			}
			ports := s.ports
			if u.port != 0 {
				ports = []int{u.port}
			}
			for _, p := range ports {
				s.named = append(s.named, namedEP{x, uint16(p), uint32(i)})
			}
		}
	}
	slices.SortFunc(s.named, cmpNamed)
	s.named = slices.CompactFunc(s.named, func(a, b namedEP) bool { return a.addr == b.addr && a.port == b.port })
	namedAt := map[int][]ival{}
	var namedIv []ival
	for _, e := range s.named {
		namedAt[int(e.port)] = append(namedAt[int(e.port)], ival{e.addr, e.addr})
		namedIv = append(namedIv, ival{e.addr, e.addr})
	}

	beforeIv = append(beforeIv, bareIv...)
	bare := normalize(bareIv).subtract(ex.r)
	s.bare = newIndexed(bare)
	slices.SortStableFunc(gOrder, func(a, b gkey) int { return cmp.Compare(a.port, b.port) })
	all := []ranges{bare, normalize(namedIv)}
	for _, k := range gOrder {
		beforeIv = append(beforeIv, gIv[k]...)
		r := normalize(gIv[k]).subtract(ex.r).subtract(s.byPort[k.port]).subtract(normalize(namedAt[k.port]))
		if len(r) == 0 {
			continue
		}
		s.groups = append(s.groups, group{port: k.port, scheme: k.scheme, r: newIndexed(r)})
		s.byPort[k.port] = union(s.byPort[k.port], r)
		all = append(all, r)
	}
	s.scope = union(all...)

	before := normalize(beforeIv).size()
	total := s.scope.size()
	s.excluded = before - min(before, total)
	if total > cfg.MaxAddresses {
		msg := fmt.Sprintf("the targets cover %s addresses after exclusions, more than the limit of %d", countText(total), cfg.MaxAddresses)
		if largest.Kind != 0 {
			msg += fmt.Sprintf(" (largest: %s, %s addresses)", largest, countText(largest.size()))
		}
		return nil, fmt.Errorf("%w: %s; raise the limit with --max-addresses if this is intended", ErrTooManyAddresses, msg)
	}
	s.total = uint64(len(s.named))
	for _, g := range s.groups {
		s.gstart = append(s.gstart, s.total-uint64(len(s.named)))
		s.total = satAdd(s.total, g.r.n)
	}
	s.total = satAdd(s.total, satMul(s.bare.n, uint64(len(s.ports))))
	if s.total > maxIndexSpace {
		return nil, fmt.Errorf("%w: %s address:port pairs", ErrTooManyAddresses, countText(s.total))
	}

	s.buildDone = ctx.Done()
	s.addrs = s.countIn(s.scope)
	s.count = s.countEndpoints()
	s.buildDone = nil
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		h := Host{Name: name}
		for _, a := range res[name].addrs {
			if x := fromAddr(a); s.scope.contains(x) && s.shard.has(x) {
				h.Addrs = append(h.Addrs, a)
			}
		}
		if len(h.Addrs) > 0 {
			s.hosts = append(s.hosts, h)
		}
	}
	return s, nil
}

// localOnly reports the addresses that reach only the scanning machine or its link:
// loopback, and link-local (169.254.0.0/16 with the cloud metadata service, fe80::/10).
func localOnly(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsLoopback() || a.IsLinkLocalUnicast()
}

// localhostName reports the names that mean this machine by definition (RFC 6761):
// "localhost" and names under it.
func localhostName(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	return name == "localhost" || strings.HasSuffix(name, ".localhost")
}

// isThisHost reports the addresses a connect sends to the local machine whatever the
// network: the unspecified addresses, and 0.0.0.0/8 ("this network").
func isThisHost(a netip.Addr) bool {
	return a.IsUnspecified() || (a.Is4() && a.As4()[0] == 0)
}

func (s *Set) checkSpec(sp Spec) error {
	switch sp.Kind {
	case KindHost:
		if _, err := checkHostname(sp.Host); err != nil || strings.HasPrefix(sp.Host, "*") {
			return errors.New("invalid host name")
		}
	case KindAddr, KindPrefix, KindRange:
		if !sp.First.IsValid() || !sp.Last.IsValid() || sp.First.Is4() != sp.Last.Is4() || sp.Last.Less(sp.First) {
			return errors.New("invalid address bounds")
		}
	default:
		return errors.New("invalid target kind")
	}
	if sp.Port < 0 || sp.Port > 65535 {
		return fmt.Errorf("port %d out of range 1-65535", sp.Port)
	}
	if sp.Port == 0 && len(s.ports) == 0 {
		return errors.New("no port given and the port list is empty")
	}
	return nil
}

type exclusions struct {
	r     ranges
	names map[string]bool
	wild  []string // ".example.com" for "*.example.com"
	// emb recognises the IPv6 forms of r's IPv4 addresses; embed adds those inside the
	// targets to r.
	emb *embedder
}

// embed adds to e.r the addresses of the targets (blocks, ranges, and the addresses
// names resolved to) that carry an excluded IPv4 address. Targets that exceed cap
// before this are refused by Build anyway, so they are not searched.
func (e *exclusions) embed(bare []ival, groups map[gkey][]ival, res map[string]resolved, limit uint64) error {
	if !e.emb.any {
		return nil
	}
	all := slices.Clone(bare)
	for _, g := range groups {
		all = append(all, g...)
	}
	for _, r := range res {
		for _, a := range r.addrs {
			x := fromAddr(a)
			all = append(all, ival{x, x})
		}
	}
	t := normalize(all).subtract(e.r)
	if t.size() > limit {
		return nil
	}
	in, err := e.emb.within(t)
	if err != nil {
		return err
	}
	e.r = union(e.r, in)
	return nil
}

// excludes reports whether x is excluded, directly or as an IPv6 form of an excluded
// IPv4 address.
func (e *exclusions) excludes(x u128) bool { return e != nil && (e.r.contains(x) || e.emb.has(x)) }

func (e *exclusions) nameExcluded(h string) bool {
	if e.names[h] {
		return true
	}
	for _, w := range e.wild {
		if strings.HasSuffix(h, w) {
			return true
		}
	}
	return false
}

func buildExclusions(ctx context.Context, cfg Config) (*exclusions, error) {
	ex := &exclusions{names: map[string]bool{}}
	var iv []ival
	var names []string
	for _, sp := range cfg.Exclude {
		switch {
		case sp.Port != 0 || sp.Scheme != "":
			return nil, &SpecError{Spec: sp.Raw, Source: sp.Source, Line: sp.Line, Err: errors.New("an exclusion covers whole addresses: drop the port or scheme")}
		case sp.Kind == KindHost && strings.HasPrefix(sp.Host, "*."):
			ex.wild = append(ex.wild, sp.Host[1:])
		case sp.Kind == KindHost:
			if !ex.names[sp.Host] {
				ex.names[sp.Host] = true
				names = append(names, sp.Host)
			}
		case sp.Kind == KindAddr || sp.Kind == KindPrefix || sp.Kind == KindRange:
			if !sp.First.IsValid() || !sp.Last.IsValid() || sp.Last.Less(sp.First) {
				return nil, &SpecError{Spec: sp.Raw, Source: sp.Source, Line: sp.Line, Err: errors.New("invalid address bounds")}
			}
			iv = append(iv, sp.ival())
		default:
			return nil, &SpecError{Spec: sp.Raw, Source: sp.Source, Line: sp.Line, Err: errors.New("invalid exclusion")}
		}
	}
	// Exclusions cover both families whatever Config.Network says.
	res, err := resolveAll(ctx, cfg.Resolver, "ip", names, cfg.ResolveTimeout, cfg.ResolveConcurrency)
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		r := res[name]
		if r.err != nil && !notFound(r.err) {
			return nil, fmt.Errorf("cannot resolve excluded host %q: %w; refusing to scan without honouring the exclusion", name, r.err)
		}
		for _, a := range r.addrs {
			x := fromAddr(a)
			iv = append(iv, ival{x, x})
		}
	}
	ex.r = normalize(iv)
	ex.emb = newEmbedder(ex.r)
	return ex, nil
}

func countText(n uint64) string {
	if n == math.MaxUint64 {
		return "at least 2^64"
	}
	return fmt.Sprint(n)
}

func (s *Set) hasPort(p int) bool { return s.portSet.has(p) }

// countIn counts the addresses of r in the shard. Without a shard it is a sum over
// intervals; with one it hashes every address once, which is linear in time but takes no
// memory (about 10 ns an address).
func (s *Set) countIn(r ranges) uint64 {
	if s.shard.All() {
		return r.size()
	}
	var n, seen uint64
	r.all(func(x u128) bool {
		if s.shard.has(x) {
			n++
		}
		// A raised --max-addresses makes this long (2^40 addresses: hours): let the
		// build's context end it, so an interrupt is heard. Build checks ctx after.
		if seen++; seen%(1<<16) == 0 && s.buildDone != nil {
			select {
			case <-s.buildDone:
				return false
			default:
			}
		}
		return true
	})
	return n
}

func (s *Set) countEndpoints() uint64 {
	var n uint64
	for _, e := range s.named {
		if s.shard.has(e.addr) {
			n++
		}
	}
	for _, g := range s.groups {
		n += s.countIn(g.r.r)
	}
	if len(s.ports) == 0 || len(s.bare.r) == 0 {
		return n
	}
	bare := s.countIn(s.bare.r) * uint64(len(s.ports))
	// Remove the bare pairs that a group or a name already yields.
	for _, p := range s.ports {
		bare -= s.countIn(s.bare.r.intersect(s.byPort[p]))
	}
	for _, e := range s.named {
		if s.hasPort(int(e.port)) && s.bare.r.contains(e.addr) && s.shard.has(e.addr) {
			bare--
		}
	}
	return n + bare
}

// Count is the exact number of endpoints All yields (in the shard, duplicates removed).
func (s *Set) Count() uint64 { return s.count }

// Addresses is the number of unique addresses in scope (in the shard).
func (s *Set) Addresses() uint64 { return s.addrs }

// Excluded is the number of unique addresses the exclusions removed from the targets (all
// shards; names excluded by name are skipped unresolved and not counted).
func (s *Set) Excluded() uint64 { return s.excluded }

// Ports is the port list applied to targets without a port of their own.
func (s *Set) Ports() []int { return slices.Clone(s.ports) }

// Hosts lists the names given as targets with their in-scope addresses, in the order given.
func (s *Set) Hosts() []Host { return slices.Clone(s.hosts) }

// Unresolved lists the target names that could not be resolved, as *ResolveError.
func (s *Set) Unresolved() []error { return slices.Clone(s.unres) }

// ContainsAddr reports whether a is in scope: produced by the targets, not excluded, in the
// shard. A scoped dialer uses it to refuse anything else.
func (s *Set) ContainsAddr(a netip.Addr) bool {
	if !a.IsValid() || a.Zone() != "" {
		return false
	}
	x := fromAddr(a.Unmap())
	// The scope has the exclusions taken out already; asking them again costs little
	// and keeps an IPv6 form of an excluded IPv4 address out whatever produced it.
	return s.scope.contains(x) && s.shard.has(x) && !s.ex.excludes(x)
}

// Contains reports whether the endpoint a:port is one the Set yields.
func (s *Set) Contains(a netip.Addr, port int) bool {
	if port < 1 || port > 65535 || !s.ContainsAddr(a) {
		return false
	}
	x := fromAddr(a.Unmap())
	return s.namedAt(x, port) >= 0 || s.byPort[port].contains(x) || (s.hasPort(port) && s.bare.r.contains(x))
}

func (s *Set) namedAt(x u128, port int) int {
	i, ok := slices.BinarySearchFunc(s.named, namedEP{addr: x, port: uint16(port)}, func(e, t namedEP) int {
		if c := e.addr.cmp(t.addr); c != 0 {
			return c
		}
		return cmp.Compare(e.port, t.port)
	})
	if !ok {
		return -1
	}
	return i
}

// dup reports whether a bare (x, port) pair is yielded elsewhere.
func (s *Set) dup(x u128, port int) bool {
	return s.byPort[port].contains(x) || (len(s.named) > 0 && s.namedAt(x, port) >= 0)
}

func (s *Set) namedEndpoint(e namedEP) store.Endpoint {
	u := s.uses[e.use]
	return store.Endpoint{Addr: e.addr.addr(), Port: int(e.port), Hostname: u.name, Scheme: u.scheme}
}

// All yields the endpoints in the configured order. It allocates nothing per address and
// can be ranged over any number of times, each time in the same order.
func (s *Set) All() iter.Seq[store.Endpoint] {
	random := s.order == OrderRandom || (s.order == OrderAuto && s.count > AutoRandomAbove)
	if random {
		return s.random
	}
	return s.sequential
}

func (s *Set) sequential(yield func(store.Endpoint) bool) {
	for _, e := range s.named {
		if s.shard.has(e.addr) && !yield(s.namedEndpoint(e)) {
			return
		}
	}
	for _, g := range s.groups {
		ok := true
		g.r.r.all(func(x u128) bool {
			if s.shard.has(x) {
				ok = yield(store.Endpoint{Addr: x.addr(), Port: g.port, Scheme: g.scheme})
			}
			return ok
		})
		if !ok {
			return
		}
	}
	checkDup := len(s.byPort) > 0 || len(s.named) > 0
	s.bare.r.all(func(x u128) bool {
		if !s.shard.has(x) {
			return true
		}
		a := x.addr()
		for _, p := range s.ports {
			if checkDup && s.dup(x, p) {
				continue
			}
			if !yield(store.Endpoint{Addr: a, Port: p}) {
				return false
			}
		}
		return true
	})
}

// randomSeed is used when Config.Seed is 0, so that runs repeat unless asked otherwise.
const randomSeed = 0x6c65616b77617463 // "leakwatc"

func (s *Set) random(yield func(store.Endpoint) bool) {
	seed := s.seed
	if seed == 0 {
		seed = randomSeed
	}
	p := newPerm(s.total, seed)
	p.all(func(k uint64) bool {
		ep, ok := s.at(k)
		return !ok || yield(ep)
	})
}

// at maps an index of the space [named | groups | bare addresses × ports] to its endpoint;
// ok is false for a duplicate or an address of another shard.
func (s *Set) at(k uint64) (store.Endpoint, bool) {
	if k < uint64(len(s.named)) {
		e := s.named[k]
		return s.namedEndpoint(e), s.shard.has(e.addr)
	}
	k -= uint64(len(s.named))
	if n := len(s.groups); n > 0 && k < s.gstart[n-1]+s.groups[n-1].r.n {
		i, found := slices.BinarySearch(s.gstart, k)
		if !found {
			i--
		}
		g := &s.groups[i]
		x := g.r.at(k - s.gstart[i])
		return store.Endpoint{Addr: x.addr(), Port: g.port, Scheme: g.scheme}, s.shard.has(x)
	}
	if n := len(s.groups); n > 0 {
		k -= s.gstart[n-1] + s.groups[n-1].r.n
	}
	np := uint64(len(s.ports))
	x, p := s.bare.at(k/np), s.ports[k%np]
	if !s.shard.has(x) || s.dup(x, p) {
		return store.Endpoint{}, false
	}
	return store.Endpoint{Addr: x.addr(), Port: p}, true
}
