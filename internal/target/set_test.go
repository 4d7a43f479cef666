package target

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"net/netip"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// tableResolver answers from a table, so name tests never leave the machine. Names
// containing "fail" fail like a timed-out server; unknown names do not exist.
type tableResolver map[string][]netip.Addr

func (r tableResolver) LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error) {
	if strings.Contains(host, "fail") {
		return nil, &net.DNSError{Err: "server misbehaving", Name: host, IsTemporary: true}
	}
	if strings.Contains(host, "slow") {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	a, ok := r[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return a, nil
}

func mustSpecs(t testing.TB, in ...string) []Spec {
	t.Helper()
	var out []Spec
	for _, s := range in {
		sp, err := ParseSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sp)
	}
	return out
}

func mustExcl(t testing.TB, in ...string) []Spec {
	t.Helper()
	var out []Spec
	for _, s := range in {
		sp, err := ParseExclude(s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sp)
	}
	return out
}

type epKey struct {
	a netip.Addr
	p int
}

type epVal struct{ host, scheme string }

// collect ranges over the set, failing on any endpoint yielded twice.
func collect(t testing.TB, s *Set) map[epKey]epVal {
	t.Helper()
	got := map[epKey]epVal{}
	for ep := range s.All() {
		k := epKey{ep.Addr, ep.Port}
		if _, dup := got[k]; dup {
			t.Fatalf("%s yielded twice", ep.Address())
		}
		got[k] = epVal{ep.Hostname, ep.Scheme}
	}
	return got
}

func TestBuildBasic(t *testing.T) {
	ctx := context.Background()
	res := tableResolver{"db.example": {netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("2001:db8::5")}}
	s, err := Build(ctx, mustSpecs(t, "10.0.0.0/30", "10.0.0.2-6", "db.example", "http://db.example:8123", "[::1]:9000"),
		Config{Ports: []int{9000, 8123}, Resolver: res, Order: OrderSequential})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for ep := range s.All() {
		got = append(got, fmt.Sprintf("%s/%s/%s", ep.Address(), ep.Hostname, ep.Scheme))
	}
	want := []string{
		// Named first, by address. The bare name and the URL both yield db.example:8123;
		// the bare name was given first, so it wins and the scheme hint is empty.
		"10.0.0.5:8123/db.example/", "10.0.0.5:9000/db.example/",
		"[2001:db8::5]:8123/db.example/", "[2001:db8::5]:9000/db.example/",
		"[::1]:9000//",
		"10.0.0.0:8123//", "10.0.0.0:9000//", "10.0.0.1:8123//", "10.0.0.1:9000//",
		"10.0.0.2:8123//", "10.0.0.2:9000//", "10.0.0.3:8123//", "10.0.0.3:9000//",
		"10.0.0.4:8123//", "10.0.0.4:9000//", "10.0.0.6:8123//", "10.0.0.6:9000//",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if s.Count() != uint64(len(want)) || s.Addresses() != 9 {
		t.Fatalf("Count %d Addresses %d", s.Count(), s.Addresses())
	}
	hosts := s.Hosts()
	if len(hosts) != 1 || hosts[0].Name != "db.example" || len(hosts[0].Addrs) != 2 {
		t.Fatalf("Hosts %+v", hosts)
	}
	if !s.Contains(netip.MustParseAddr("::1"), 9000) || s.Contains(netip.MustParseAddr("::1"), 8123) {
		t.Fatal("Contains disagrees with the port given in [::1]:9000")
	}
}

func TestBuildURLSchemeWins(t *testing.T) {
	res := tableResolver{"db.example": {netip.MustParseAddr("10.0.0.5")}}
	s, err := Build(context.Background(), mustSpecs(t, "http://db.example:8123", "db.example", "10.0.0.0/29", "clickhouse://10.0.0.1"),
		Config{Ports: []int{9000, 8123}, Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)
	checks := map[epKey]epVal{
		{netip.MustParseAddr("10.0.0.5"), 8123}: {"db.example", "http"},
		{netip.MustParseAddr("10.0.0.5"), 9000}: {"db.example", ""},
		{netip.MustParseAddr("10.0.0.1"), 9000}: {"", "clickhouse"},
		{netip.MustParseAddr("10.0.0.1"), 8123}: {"", ""},
	}
	for k, v := range checks {
		if got[k] != v {
			t.Errorf("%v: got %+v, want %+v", k, got[k], v)
		}
	}
	if len(got) != 16 || s.Count() != 16 {
		t.Fatalf("%d endpoints, Count %d; want 16", len(got), s.Count())
	}
}

func TestBuildExclusionsEveryPath(t *testing.T) {
	res := tableResolver{
		"inside.example":   {netip.MustParseAddr("10.0.0.9")},                                  // resolves into an excluded block
		"mixed.example":    {netip.MustParseAddr("10.0.0.9"), netip.MustParseAddr("10.0.1.1")}, // half excluded
		"keep.example":     {netip.MustParseAddr("10.0.1.2")},
		"db.corp.example":  {netip.MustParseAddr("10.0.1.3")}, // excluded by wildcard name
		"hr.example":       {netip.MustParseAddr("10.0.1.4")}, // excluded by name
		"payroll.internal": {netip.MustParseAddr("10.0.0.200")},
	}
	specs := mustSpecs(t, "10.0.0.0/24", "10.0.0.8:9000", "10.0.0.1-20", "inside.example", "mixed.example",
		"keep.example", "db.corp.example", "http://hr.example:8123")
	ex := mustExcl(t, "10.0.0.8/29", "10.0.0.100-150", "10.0.0.255", "*.corp.example", "hr.example",
		"payroll.internal", "gone.example")
	s, err := Build(context.Background(), specs, Config{Ports: []int{8123}, Exclude: ex, Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)
	for k := range got {
		a := k.a.As4()
		if a[2] == 0 && (a[3] >= 8 && a[3] <= 15 || a[3] >= 100 && a[3] <= 150 || a[3] == 255 || a[3] == 200) {
			t.Errorf("excluded %v yielded", k)
		}
		if k.a == netip.MustParseAddr("10.0.1.3") || k.a == netip.MustParseAddr("10.0.1.4") {
			t.Errorf("name-excluded %v yielded", k)
		}
		if !s.Contains(k.a, k.p) {
			t.Errorf("Contains(%v) false for a yielded endpoint", k)
		}
	}
	for _, a := range []string{"10.0.0.9", "10.0.0.120", "10.0.0.200", "10.0.1.3", "10.0.1.4", "10.0.0.255"} {
		if s.ContainsAddr(netip.MustParseAddr(a)) {
			t.Errorf("excluded %s in scope", a)
		}
	}
	// 256 - 8 - 51 - 1 - 1 (payroll) = 195 block addresses, plus 10.0.1.1 and 10.0.1.2.
	if s.Addresses() != 197 || uint64(len(got)) != s.Count() || s.Count() != 197 {
		t.Fatalf("Addresses %d Count %d yielded %d; want 197", s.Addresses(), s.Count(), len(got))
	}
	// Excluded counts addresses the targets named: 8+51+1+1 in the block, 10.0.0.9 is inside.
	if s.Excluded() != 61 {
		t.Fatalf("Excluded %d, want 61", s.Excluded())
	}
	if got[epKey{netip.MustParseAddr("10.0.1.1"), 8123}].host != "mixed.example" {
		t.Fatal("the non-excluded address of mixed.example is missing")
	}
	if h := s.Hosts(); len(h) != 2 || h[0].Name != "mixed.example" || len(h[0].Addrs) != 1 {
		t.Fatalf("Hosts %+v", h)
	}
}

func TestBuildExcludedNameLookupFailureStops(t *testing.T) {
	_, err := Build(context.Background(), mustSpecs(t, "10.0.0.1"),
		Config{Ports: []int{80}, Exclude: mustExcl(t, "dns-fail.example"), Resolver: tableResolver{}})
	if err == nil || !strings.Contains(err.Error(), "refusing to scan") || !strings.Contains(err.Error(), "dns-fail.example") {
		t.Fatalf("err = %v", err)
	}
}

func TestBuildUnresolvedNamesAreReported(t *testing.T) {
	res := tableResolver{"ok.example": {netip.MustParseAddr("127.0.0.1")}}
	s, err := Build(context.Background(), mustSpecs(t, "ok.example", "nx.example", "fail.example", "slow.example"),
		Config{Ports: []int{80}, Resolver: res, ResolveTimeout: 50 * time.Millisecond, AllowLocalNames: true})
	if err != nil {
		t.Fatal(err)
	}
	un := s.Unresolved()
	if len(un) != 3 {
		t.Fatalf("Unresolved %v", un)
	}
	var re *ResolveError
	if !errors.As(un[2], &re) || re.Name != "slow.example" || !errors.Is(un[2], context.DeadlineExceeded) {
		t.Fatalf("slow name: %v", un[2])
	}
	if s.Count() != 1 {
		t.Fatalf("Count %d", s.Count())
	}
}

func TestBuildCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Build(ctx, mustSpecs(t, "slow.example"), Config{Ports: []int{80}, Resolver: tableResolver{}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
}

func TestBuildRealResolverLocalhost(t *testing.T) {
	// The system resolver answers "localhost" from /etc/hosts: a real lookup that stays
	// on this machine.
	s, err := Build(context.Background(), mustSpecs(t, "localhost:8123"), Config{Network: "ip4"})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)
	if len(got) == 0 {
		t.Skip("this machine does not resolve localhost to an IPv4 address")
	}
	for k, v := range got {
		if !k.a.IsLoopback() || k.p != 8123 || v.host != "localhost" {
			t.Fatalf("localhost gave %v %+v", k, v)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		specs []string
		cfg   Config
		want  string
	}{
		{nil, Config{}, "no targets"},
		{[]string{"10.0.0.1"}, Config{}, "port list is empty"},
		{[]string{"10.0.0.1"}, Config{Ports: []int{0}}, "out of range"},
		{[]string{"10.0.0.1"}, Config{Ports: []int{80}, Shard: Shard{0, 3}}, "1-based"},
		{[]string{"10.0.0.1"}, Config{Ports: []int{80}, Network: "tcp"}, "want ip, ip4 or ip6"},
		{[]string{"10.0.0.0/7"}, Config{Ports: []int{80}}, "more than the limit of 16777216 (largest: 10.0.0.0/7, 33554432 addresses); raise the limit with --max-addresses"},
		{[]string{"::/0"}, Config{Ports: []int{80}}, "at least 2^64"},
		{[]string{"2001:db8::/64"}, Config{Ports: []int{80}, MaxAddresses: 1 << 40}, "more than the limit"},
		{[]string{"10.0.0.0/24", "10.0.1.0/24"}, Config{Ports: []int{80}, MaxAddresses: 300}, "512 addresses"},
	}
	for _, tt := range tests {
		_, err := Build(ctx, mustSpecs(t, tt.specs...), tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want %q", tt.specs, err, tt.want)
		}
	}
	// Exclusions shrink what the cap sees.
	if _, err := Build(ctx, mustSpecs(t, "10.0.0.0/23"), Config{Ports: []int{80}, MaxAddresses: 300,
		Exclude: mustExcl(t, "10.0.1.0/24")}); err != nil {
		t.Errorf("cap after exclusion: %v", err)
	}
	// A hand-made spec is checked too.
	bad := Spec{Kind: KindRange, First: netip.MustParseAddr("10.0.0.9"), Last: netip.MustParseAddr("10.0.0.1"), Raw: "x"}
	if _, err := Build(ctx, []Spec{bad}, Config{Ports: []int{80}}); err == nil {
		t.Error("reversed range accepted")
	}
	if _, err := Build(ctx, mustSpecs(t, "10.0.0.1"), Config{Ports: []int{80}, Exclude: mustSpecs(t, "10.0.0.1:80")}); err == nil {
		t.Error("exclusion with a port accepted")
	}
}

// TestBuildSlash8IsLazy checks that a /8 costs intervals, not addresses: building it and
// taking a few endpoints in random order allocates almost nothing.
func TestBuildSlash8IsLazy(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s, err := Build(context.Background(), mustSpecs(t, "10.0.0.0/8", "10.1.0.0/16", "10.1.2.3:9000"), Config{Ports: []int{8123, 9000, 9440}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range s.All() {
		if n++; n == 1000 {
			break
		}
	}
	runtime.ReadMemStats(&after)
	if s.Count() != 3<<24 || s.Addresses() != 1<<24 {
		t.Fatalf("Count %d Addresses %d", s.Count(), s.Addresses())
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("building and sampling a /8 allocated %d bytes", grew)
	}
}

// model expands specs address by address, the slow obvious way, with the precedence Set
// documents: names, then addresses with a port, then the port list; first given wins.
func model(specs []Spec, cfg Config, res tableResolver) (map[epKey]epVal, int) {
	type cand struct {
		class, prio int
		v           epVal
	}
	excluded := func(a netip.Addr) bool {
		for _, e := range cfg.Exclude {
			if e.Kind != KindHost && !a.Less(e.First) && !e.Last.Less(a) && a.Is4() == e.First.Is4() {
				return true
			}
			if e.Kind == KindHost && !strings.HasPrefix(e.Host, "*.") && slices.Contains(res[e.Host], a) {
				return true
			}
		}
		return false
	}
	nameExcluded := func(h string) bool {
		for _, e := range cfg.Exclude {
			if e.Kind == KindHost && (e.Host == h || strings.HasPrefix(e.Host, "*.") && strings.HasSuffix(h, e.Host[1:])) {
				return true
			}
		}
		return false
	}
	ports := slices.Clone(cfg.Ports)
	slices.Sort(ports)
	ports = slices.Compact(ports)
	best := map[epKey]cand{}
	before := map[netip.Addr]bool{}
	offer := func(a netip.Addr, p int, c cand) {
		before[a] = true
		if excluded(a) {
			return
		}
		k := epKey{a, p}
		if o, ok := best[k]; !ok || c.class < o.class || c.class == o.class && c.prio < o.prio {
			best[k] = c
		}
	}
	var uses, groups []string
	prio := func(list *[]string, key string) int {
		if i := slices.Index(*list, key); i >= 0 {
			return i
		}
		*list = append(*list, key)
		return len(*list) - 1
	}
	for _, sp := range specs {
		if sp.Kind == KindHost {
			if nameExcluded(sp.Host) {
				continue
			}
			pr := prio(&uses, fmt.Sprint(sp.Host, sp.Scheme, sp.Port))
			for _, a := range res[sp.Host] {
				if cfg.Network == "ip4" && !a.Is4() {
					continue
				}
				ps := ports
				if sp.Port != 0 {
					ps = []int{sp.Port}
				}
				for _, p := range ps {
					offer(a, p, cand{0, pr, epVal{sp.Host, sp.Scheme}})
				}
			}
			continue
		}
		for a := sp.First; a.IsValid() && !sp.Last.Less(a); a = a.Next() {
			switch {
			case sp.Port != 0:
				offer(a, sp.Port, cand{1, prio(&groups, fmt.Sprint(sp.Port, sp.Scheme)), epVal{"", sp.Scheme}})
			case sp.Scheme != "" && sp.Scheme != "tcp":
				for _, p := range ports {
					offer(a, p, cand{1, prio(&groups, fmt.Sprint(p, sp.Scheme)), epVal{"", sp.Scheme}})
				}
			default:
				for _, p := range ports {
					offer(a, p, cand{2, 0, epVal{}})
				}
			}
		}
	}
	out := map[epKey]epVal{}
	after := map[netip.Addr]bool{}
	for k, c := range best {
		if cfg.Shard.Has(k.a) {
			out[k] = c.v
			after[k.a] = true
		}
	}
	_ = after
	return out, len(before)
}

func randomCase(r *rand.Rand) ([]Spec, Config, tableResolver) {
	v4 := func() netip.Addr { return netip.AddrFrom4([4]byte{10, 0, 0, byte(r.IntN(64))}) }
	v6 := func() netip.Addr {
		b := netip.MustParseAddr("2001:db8::").As16()
		b[15] = byte(r.IntN(64))
		return netip.AddrFrom16(b)
	}
	addr := func() netip.Addr {
		if r.IntN(4) == 0 {
			return v6()
		}
		return v4()
	}
	res := tableResolver{}
	for i := range 6 {
		var as []netip.Addr
		for range 1 + r.IntN(3) {
			as = append(as, addr())
		}
		res[fmt.Sprintf("h%d.example", i)] = as
		res[fmt.Sprintf("x%d.sub.example", i)] = as[:1]
	}
	addrSpec := func(a netip.Addr) string {
		switch r.IntN(3) {
		case 0:
			return a.String()
		case 1:
			return netip.PrefixFrom(a, a.BitLen()-r.IntN(4)).String()
		}
		end := a
		for range r.IntN(6) {
			end = end.Next()
		}
		return a.String() + "-" + end.String()
	}
	withPort := func(s string, v6 bool) string {
		switch r.IntN(5) {
		case 0:
			if v6 {
				return "[" + s + "]:5"
			}
			return s + ":5"
		case 1:
			if v6 {
				return "[" + s + "]:2"
			}
			return s + ":2"
		}
		return s
	}
	var raw []string
	for range 1 + r.IntN(7) {
		switch r.IntN(4) {
		case 0:
			name := fmt.Sprintf("h%d.example", r.IntN(7))
			if r.IntN(3) == 0 {
				name = fmt.Sprintf("x%d.sub.example", r.IntN(6))
			}
			switch r.IntN(4) {
			case 0:
				raw = append(raw, "http://"+name+":2")
			case 1:
				raw = append(raw, name+":5")
			default:
				raw = append(raw, name)
			}
		case 1:
			a := addr()
			schemes := []string{"http://%s:2", "clickhouse://%s", "tcp://%s", "clickhouse://%s:5"}
			h := a.String()
			if a.Is6() {
				h = "[" + h + "]"
			}
			raw = append(raw, fmt.Sprintf(schemes[r.IntN(len(schemes))], h))
		default:
			a := addr()
			raw = append(raw, withPort(addrSpec(a), a.Is6()))
		}
	}
	var specs []Spec
	for _, s := range raw {
		sp, err := ParseSpec(s)
		if err != nil {
			panic(err)
		}
		specs = append(specs, sp)
	}
	cfg := Config{Resolver: res, Seed: r.Uint64()}
	for p := 1; p <= 3; p++ {
		if r.IntN(2) == 0 || p == 3 && len(cfg.Ports) == 0 {
			cfg.Ports = append(cfg.Ports, p)
		}
	}
	for range r.IntN(4) {
		var e string
		switch r.IntN(4) {
		case 0:
			e = fmt.Sprintf("h%d.example", r.IntN(7))
		case 1:
			e = "*.sub.example"
		default:
			e = addrSpec(addr())
		}
		sp, err := ParseExclude(e)
		if err != nil {
			panic(err)
		}
		cfg.Exclude = append(cfg.Exclude, sp)
	}
	if r.IntN(5) == 0 {
		cfg.Network = "ip4"
	}
	return specs, cfg, res
}

// TestSetMatchesModel compares Build against the address-by-address model on random
// mixes of overlapping specs, names, ports, schemes and exclusions, in both orders.
func TestSetMatchesModel(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := range 1500 {
		specs, cfg, res := randomCase(r)
		var names []string
		for _, s := range specs {
			names = append(names, s.String())
		}
		desc := fmt.Sprintf("case %d: %v ports %v exclude %v net %q", i, names, cfg.Ports, cfg.Exclude, cfg.Network)
		want, before := model(specs, cfg, res)
		for _, order := range []Order{OrderSequential, OrderRandom} {
			cfg.Order = order
			s, err := Build(context.Background(), specs, cfg)
			if err != nil {
				t.Fatalf("%s: %v", desc, err)
			}
			got := collect(t, s)
			if len(got) != len(want) || s.Count() != uint64(len(want)) {
				t.Fatalf("%s order %d: yielded %d, Count %d, model %d\n got %v\nwant %v", desc, order, len(got), s.Count(), len(want), got, want)
			}
			addrs := map[netip.Addr]bool{}
			for k, v := range want {
				if got[k] != v {
					t.Fatalf("%s: %v got %+v want %+v", desc, k, got[k], v)
				}
				if !s.Contains(k.a, k.p) {
					t.Fatalf("%s: Contains(%v) false", desc, k)
				}
				addrs[k.a] = true
			}
			if s.Addresses() != uint64(len(addrs)) {
				t.Fatalf("%s: Addresses %d, model %d", desc, s.Addresses(), len(addrs))
			}
			if s.Excluded() != uint64(before-len(addrs)) {
				t.Fatalf("%s: Excluded %d, model %d", desc, s.Excluded(), before-len(addrs))
			}
			// Nothing outside the model is in scope.
			for range 20 {
				a := netip.AddrFrom4([4]byte{10, 0, 0, byte(r.IntN(70))})
				p := 1 + r.IntN(6)
				if _, ok := want[epKey{a, p}]; !ok && s.Contains(a, p) {
					t.Fatalf("%s: Contains(%v:%d) true", desc, a, p)
				}
				if !addrs[a] && s.ContainsAddr(a) {
					t.Fatalf("%s: ContainsAddr(%v) true", desc, a)
				}
			}
		}
	}
}

// TestShardsPartition: for random target sets and shard counts, the shards' union is the
// whole set, they are pairwise disjoint, and each shard's Count is exact.
func TestShardsPartition(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	for i := range 300 {
		specs, cfg, _ := randomCase(r)
		whole, err := Build(context.Background(), specs, cfg)
		if err != nil {
			t.Fatal(err)
		}
		all := collect(t, whole)
		n := 1 + r.IntN(6)
		seen := map[epKey]int{}
		addrShard := map[netip.Addr]int{}
		var sum uint64
		for j := 1; j <= n; j++ {
			cfg.Shard = Shard{j, n}
			cfg.Order = Order(r.IntN(3))
			// Shuffled spec order must not move anything between shards.
			sh := slices.Clone(specs)
			r.Shuffle(len(sh), func(a, b int) { sh[a], sh[b] = sh[b], sh[a] })
			s, err := Build(context.Background(), sh, cfg)
			if err != nil {
				t.Fatal(err)
			}
			part := collect(t, s)
			if s.Count() != uint64(len(part)) {
				t.Fatalf("case %d shard %d/%d: Count %d, yielded %d", i, j, n, s.Count(), len(part))
			}
			sum += s.Addresses()
			for k := range part {
				if prev, ok := seen[k]; ok {
					t.Fatalf("case %d: %v in shards %d and %d", i, k, prev, j)
				}
				if prev, ok := addrShard[k.a]; ok && prev != j {
					t.Fatalf("case %d: address %v split over shards %d and %d", i, k.a, prev, j)
				}
				seen[k], addrShard[k.a] = j, j
				if !s.Contains(k.a, k.p) {
					t.Fatalf("case %d: shard %d does not contain its own %v", i, j, k)
				}
			}
			for k := range all {
				if _, mine := part[k]; !mine && s.ContainsAddr(k.a) {
					t.Fatalf("case %d: shard %d claims %v in scope", i, j, k.a)
				}
			}
		}
		if len(seen) != len(all) {
			t.Fatalf("case %d: shards cover %d endpoints, whole set %d", i, len(seen), len(all))
		}
		if sum != whole.Addresses() {
			t.Fatalf("case %d: shard addresses sum to %d, whole %d", i, sum, whole.Addresses())
		}
	}
}

func TestRandomOrderSpreads(t *testing.T) {
	s, err := Build(context.Background(), mustSpecs(t, "10.0.0.0/20"), Config{Ports: []int{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	// OrderAuto randomises a set this large: consecutive endpoints should rarely share an
	// address or a /24.
	var prev store.Endpoint
	same := 0
	n := 0
	for ep := range s.All() {
		if n > 0 && ep.Addr.As4()[2] == prev.Addr.As4()[2] {
			same++
		}
		prev = ep
		n++
	}
	if n != 8192 || same > n/8 {
		t.Fatalf("%d endpoints, %d consecutive pairs in the same /24", n, same)
	}
	// Same seed, same order: two passes agree.
	var a, b []store.Endpoint
	for ep := range s.All() {
		if a = append(a, ep); len(a) == 50 {
			break
		}
	}
	for ep := range s.All() {
		if b = append(b, ep); len(b) == 50 {
			break
		}
	}
	if !slices.Equal(a, b) {
		t.Fatal("two passes over one Set differ")
	}
}

func BenchmarkIterateSlash16Random(b *testing.B) {
	s, err := Build(context.Background(), mustSpecs(b, "10.0.0.0/16", "10.0.5.0/24:9000"), Config{Ports: []int{8123, 9000}, Order: OrderRandom})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for range s.All() {
			n++
		}
		if uint64(n) != s.Count() {
			b.Fatal(n)
		}
	}
	b.ReportMetric(float64(s.Count()), "endpoints/op")
}

func BenchmarkShardCountSlash8(b *testing.B) {
	for b.Loop() {
		s, err := Build(context.Background(), mustSpecs(b, "10.0.0.0/8"), Config{Ports: []int{8123}, Shard: Shard{3, 16}})
		if err != nil || s.Count() == 0 {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildList100k(b *testing.B) {
	// A list of 100k scattered single addresses with ports, the shape of an exported
	// inventory, read from text as the CLI does.
	r := rand.New(rand.NewPCG(1, 1))
	var sb strings.Builder
	for range 100_000 {
		fmt.Fprintf(&sb, "10.%d.%d.%d:%d\n", r.IntN(256), r.IntN(256), r.IntN(256), 8123+r.IntN(3))
	}
	text := sb.String()
	b.ReportAllocs()
	for b.Loop() {
		specs, err := ReadList(strings.NewReader(text), "list")
		if err != nil {
			b.Fatal(err)
		}
		s, err := Build(context.Background(), specs, Config{Order: OrderRandom})
		if err != nil || s.Count() == 0 {
			b.Fatal(err)
		}
		n := 0
		for range s.All() {
			n++
		}
		if uint64(n) != s.Count() {
			b.Fatal(n, s.Count())
		}
	}
}

// A name that resolves to many addresses, times every port, is refused before its
// endpoints are made: named endpoints are held one by one, unlike blocks. 100 addresses
// × 65535 ports used to take about 600 MB and seconds before any check ran.
func TestBuildNamedEndpointsBounded(t *testing.T) {
	var addrs []netip.Addr
	for i := range 100 {
		addrs = append(addrs, netip.AddrFrom4([4]byte{127, 9, 0, byte(i + 1)}))
	}
	res := tableResolver{"many.test": addrs}
	all := make([]int, 65535)
	for i := range all {
		all[i] = i + 1
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Build(context.Background(), mustSpecs(t, "many.test"), Config{Ports: all, Resolver: res, AllowLocalNames: true})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooManyAddresses) {
		t.Fatalf("100 addresses × 65535 ports by name: err %v, want ErrTooManyAddresses", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("refusing took %d MB", grew>>20)
	}
	// Exclusions count first: the same name with 99 of its addresses excluded fits.
	s, err := Build(context.Background(), mustSpecs(t, "many.test"), Config{Ports: all, Resolver: res, AllowLocalNames: true,
		Exclude: mustSpecs(t, "127.9.0.2-127.9.0.100")})
	if err != nil {
		t.Fatalf("one address left: %v", err)
	}
	if s.Count() != 65535 {
		t.Errorf("count %d, want 65535", s.Count())
	}
}

// Counting a sharded set hashes every address; with the address cap raised that can
// take hours, and an interrupt must still end Build.
func TestBuildShardCountIsCancellable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := Build(ctx, mustSpecs(t, "2001:db8::/68"), Config{Ports: []int{80}, MaxAddresses: math.MaxUint64,
			Shard: Shard{Index: 1, Count: 2}})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err %v, want the context's", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Build ignored its context while counting 2^60 addresses")
	}
}

// A name whose DNS answer is 0.0.0.0 (or ::, or in 0.0.0.0/8) is not scanned: a connect
// there reaches the scanning machine's own listeners, which no one names by a remote name.
func TestBuildNameResolvingToThisHost(t *testing.T) {
	res := tableResolver{
		"zero.test":  {netip.MustParseAddr("0.0.0.0")},
		"any6.test":  {netip.MustParseAddr("::")},
		"mixed.test": {netip.MustParseAddr("0.1.2.3"), netip.MustParseAddr("127.0.0.5")},
	}
	s, err := Build(context.Background(), mustSpecs(t, "zero.test", "any6.test", "mixed.test"), Config{Ports: []int{80}, Resolver: res,
		AllowLocalNames: true})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)
	if len(got) != 1 || s.ContainsAddr(netip.MustParseAddr("0.0.0.0")) || s.ContainsAddr(netip.MustParseAddr("::")) ||
		!s.ContainsAddr(netip.MustParseAddr("127.0.0.5")) {
		t.Fatalf("endpoints %v", got)
	}
	if u := s.Unresolved(); len(u) != 2 || !strings.Contains(u[0].Error(), "this machine") {
		t.Fatalf("unresolved %v", u)
	}
	// Given literally, the address is what the user asked for.
	s, err = Build(context.Background(), mustSpecs(t, "0.0.0.0"), Config{Ports: []int{80}})
	if err != nil || s.Count() != 1 {
		t.Fatalf("literal 0.0.0.0: %v", err)
	}
}

// A name that resolves to loopback or link-local addresses is not scanned unless the
// user allows it: in a list of names, whoever runs a name's DNS could otherwise point the
// scan at the scanning machine's own services or at the cloud metadata service.
// "localhost" and names under .localhost mean this machine by definition and stay; the
// same addresses given as addresses stay too.
func TestBuildNameResolvingToLocalAddresses(t *testing.T) {
	res := tableResolver{
		"loop.test":      {netip.MustParseAddr("127.0.0.7")},
		"meta.test":      {netip.MustParseAddr("169.254.169.254")},
		"ll6.test":       {netip.MustParseAddr("fe80::1")},
		"mapped.test":    {netip.MustParseAddr("::ffff:127.0.0.8")},
		"half.test":      {netip.MustParseAddr("192.0.2.10"), netip.MustParseAddr("::1")},
		"localhost":      {netip.MustParseAddr("127.0.0.1")},
		"db.localhost":   {netip.MustParseAddr("127.0.0.2")},
		"public.example": {netip.MustParseAddr("192.0.2.11")},
	}
	specs := mustSpecs(t, "loop.test", "meta.test", "ll6.test", "mapped.test", "half.test", "localhost", "db.localhost.",
		"public.example", "127.0.0.9")
	s, err := Build(context.Background(), specs, Config{Ports: []int{6379}, Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"127.0.0.7", "169.254.169.254", "fe80::1", "127.0.0.8", "::1"} {
		if s.ContainsAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s reached by a name: in scope", a)
		}
	}
	for _, a := range []string{"192.0.2.10", "127.0.0.1", "127.0.0.2", "192.0.2.11", "127.0.0.9"} {
		if !s.ContainsAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s: not in scope", a)
		}
	}
	un := s.Unresolved()
	if len(un) != 4 {
		t.Fatalf("unresolved %v, want the 4 names with only local addresses", un)
	}
	for _, e := range un {
		if !strings.Contains(e.Error(), "--allow-local-names") {
			t.Errorf("%v does not say how to scan it", e)
		}
	}
	// Allowed: every address is in scope.
	s, err = Build(context.Background(), specs, Config{Ports: []int{6379}, Resolver: res, AllowLocalNames: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"127.0.0.7", "169.254.169.254", "fe80::1", "127.0.0.8", "::1"} {
		if !s.ContainsAddr(netip.MustParseAddr(a)) {
			t.Errorf("allowed: %s not in scope", a)
		}
	}
	if un := s.Unresolved(); len(un) != 0 {
		t.Errorf("allowed: unresolved %v", un)
	}
}
