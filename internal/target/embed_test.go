package target

import (
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"
)

// carried lists every IPv4 address an IPv6 address may deliver to, read from its
// bytes independently of embed.go's offset tables: the forms documented there.
func carried(a netip.Addr) []uint32 {
	if a.Is4() || a.Is4In6() {
		return nil // the address itself, compared directly
	}
	b := a.As16()
	u32 := func(p []byte) uint32 { return binary.BigEndian.Uint32(p) }
	zero := func(p []byte) bool {
		for _, c := range p {
			if c != 0 {
				return false
			}
		}
		return true
	}
	var out []uint32
	if zero(b[:12]) {
		out = append(out, u32(b[12:])) // IPv4-compatible
	}
	if zero(b[:8]) && b[8] == 0xff && b[9] == 0xff && zero(b[10:12]) {
		out = append(out, u32(b[12:])) // IPv4-translated
	}
	if b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && zero(b[4:12]) {
		out = append(out, u32(b[12:])) // NAT64 well-known prefix
	}
	if b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1 {
		out = append(out, u32(b[12:])) // local-use, /96 layout
		if b[8] == 0 {
			out = append(out, u32(b[9:13]),
				u32([]byte{b[7], b[9], b[10], b[11]}),
				u32([]byte{b[6], b[7], b[9], b[10]}))
		}
	}
	if b[0] == 0x20 && b[1] == 0x02 {
		out = append(out, u32(b[2:6])) // 6to4
	}
	if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0 {
		out = append(out, u32(b[4:8]), ^u32(b[12:])) // Teredo server, client
	}
	if b[8] <= 3 && b[9] == 0 && b[10] == 0x5e && b[11] == 0xfe {
		out = append(out, u32(b[12:])) // ISATAP
	}
	return out
}

func v4u(s string) uint32 { return binary.BigEndian.Uint32(netip.MustParseAddr(s).AsSlice()) }

// TestExclusionCoversIPv6Forms: excluding 10.0.0.5 keeps every IPv6 spelling of it out
// of the targets, given as an address or inside a block, and leaves its neighbours in.
func TestExclusionCoversIPv6Forms(t *testing.T) {
	excl := mustExcl(t, "10.0.0.5")
	for _, c := range []struct{ name, addr string }{
		{"mapped", "::ffff:10.0.0.5"},
		{"compatible", "::10.0.0.5"},
		{"translated", "::ffff:0:10.0.0.5"},
		{"NAT64 well-known", "64:ff9b::10.0.0.5"},
		{"NAT64 local /96", "64:ff9b:1:2:3:4:a00:5"},
		{"NAT64 local /64", "64:ff9b:1:abcd:a:0:500:0"},
		{"NAT64 local /56", "64:ff9b:1:ab0a:0:5::"},
		{"NAT64 local /48", "64:ff9b:1:a00:0:500::"},
		{"6to4", "2002:a00:5:1234::1"},
		{"Teredo client", "2001:0:4136:e378:8000:63bf:f5ff:fffa"},
		{"Teredo server", "2001:0:a00:5:8000:63bf:1:2"},
		{"ISATAP", "2001:db8:1:2:0:5efe:10.0.0.5"},
		{"ISATAP global", "2001:db8::200:5efe:a00:5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := netip.MustParseAddr(c.addr)
			if !strings.HasPrefix(c.name, "mapped") && !containsU32(carried(a), v4u("10.0.0.5")) {
				t.Fatalf("test table: %s does not carry 10.0.0.5", a)
			}
			// The address alone is refused (everything excluded leaves an empty set).
			s, err := Build(context.Background(), mustSpecs(t, c.addr), Config{Ports: []int{80}, Exclude: excl})
			if err != nil {
				t.Fatal(err)
			}
			if s.Count() != 0 || s.ContainsAddr(a) {
				t.Fatalf("%s: Count %d, ContainsAddr %v; want it excluded", a, s.Count(), s.ContainsAddr(a))
			}
			// A /120 around it expands into everything but the addresses carrying 10.0.0.5.
			p := netip.PrefixFrom(a, 120).Masked()
			s, err = Build(context.Background(), mustSpecs(t, p.String()), Config{Ports: []int{80}, Exclude: excl})
			if err != nil {
				t.Fatal(err)
			}
			checkAgainstCarried(t, s, p, [][2]uint32{{v4u("10.0.0.5"), v4u("10.0.0.5")}})
		})
	}
	// Neighbours that carry another address stay in.
	for _, keep := range []string{"64:ff9b::a00:6", "64:ff9b:2::a00:5", "2002:a00:6::1", "2001:0:4136:e378:8000:63bf:f5ff:fff9",
		"2001:db8::1:5efe:a00:5", "2001:db8::5efe:a00:6", "::ffff:10.0.0.6"} {
		s, err := Build(context.Background(), mustSpecs(t, keep), Config{Ports: []int{80}, Exclude: excl})
		if err != nil {
			t.Fatal(err)
		}
		if s.Count() != 1 || !s.ContainsAddr(netip.MustParseAddr(keep)) {
			t.Errorf("%s: Count %d, want it kept", keep, s.Count())
		}
	}
}

func containsU32(s []uint32, v uint32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// checkAgainstCarried compares a one-port Set built from the block p with the addresses
// of p that carry no address of the excluded IPv4 ranges ex.
func checkAgainstCarried(t *testing.T, s *Set, p netip.Prefix, ex [][2]uint32) {
	t.Helper()
	got := collect(t, s)
	var want uint64
	for a := p.Addr(); p.Contains(a); a = a.Next() {
		out := false
		for _, v := range carried(a) {
			for _, r := range ex {
				out = out || v >= r[0] && v <= r[1]
			}
		}
		if a.Is4In6() || a.Is4() {
			v := binary.BigEndian.Uint32(a.Unmap().AsSlice())
			for _, r := range ex {
				out = out || v >= r[0] && v <= r[1]
			}
		}
		_, yielded := got[epKey{a.Unmap(), 80}]
		if yielded == out || s.ContainsAddr(a) == out {
			t.Fatalf("%s in %s: yielded %v, ContainsAddr %v, excluded %v", a, p, yielded, s.ContainsAddr(a), out)
		}
		if !out {
			want++
		}
		if !a.Next().IsValid() {
			break
		}
	}
	if s.Count() != want || uint64(len(got)) != want {
		t.Fatalf("%s: Count %d yielded %d, want %d", p, s.Count(), len(got), want)
	}
}

// TestExclusionIPv6FormsRandom: random IPv4 exclusion ranges and random blocks in the
// spaces of every form agree with carried, address by address.
func TestExclusionIPv6FormsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	v4 := func() uint32 { return 0x0a000000 | rng.Uint32N(64) } // 10.0.0.0-63: ranges overlap often
	put := func(b []byte, v uint32) { binary.BigEndian.PutUint32(b, v) }
	for i := range 300 {
		var b [16]byte
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		x := v4()
		switch i % 10 {
		case 0:
			clear(b[:12])
			put(b[12:], x)
		case 1:
			copy(b[:], []byte{0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})
			put(b[12:], x)
		case 2:
			copy(b[:], []byte{0, 0x64, 0xff, 0x9b, 0, 1})
			b[8] = 0
			put(b[9:], x)
		case 3:
			copy(b[:], []byte{0, 0x64, 0xff, 0x9b, 0, 1})
			b[8] = 0
			b[7], b[9], b[10], b[11] = byte(x>>24), byte(x>>16), byte(x>>8), byte(x)
		case 4:
			copy(b[:], []byte{0, 0x64, 0xff, 0x9b, 0, 1})
			b[8] = 0
			b[6], b[7], b[9], b[10] = byte(x>>24), byte(x>>16), byte(x>>8), byte(x)
		case 5:
			b[0], b[1] = 0x20, 0x02
			put(b[2:], x)
		case 6:
			copy(b[:], []byte{0x20, 0x01, 0, 0})
			put(b[12:], ^x)
		case 7:
			copy(b[:], []byte{0x20, 0x01, 0, 0})
			put(b[4:], x)
		case 8:
			b[8], b[9], b[10], b[11] = byte(rng.Uint32N(4)), 0, 0x5e, 0xfe
			put(b[12:], x)
		case 9:
			clear(b[:10])
			b[8], b[9] = 0xff, 0xff
			clear(b[10:12])
			put(b[12:], x)
		}
		p := netip.PrefixFrom(netip.AddrFrom16(b), 118+rng.IntN(11)).Masked()
		var ex [][2]uint32
		var specs []Spec
		for range 1 + rng.IntN(3) {
			lo, hi := v4(), v4()
			if hi < lo {
				lo, hi = hi, lo
			}
			ex = append(ex, [2]uint32{lo, hi})
			sp := mustExcl(t, netip.AddrFrom4([4]byte{byte(lo >> 24), byte(lo >> 16), byte(lo >> 8), byte(lo)}).String()+"-"+
				netip.AddrFrom4([4]byte{byte(hi >> 24), byte(hi >> 16), byte(hi >> 8), byte(hi)}).String())
			specs = append(specs, sp...)
		}
		s, err := Build(context.Background(), mustSpecs(t, p.String()), Config{Ports: []int{80}, Exclude: specs})
		if err != nil {
			t.Fatal(err)
		}
		checkAgainstCarried(t, s, p, ex)
	}
}

// TestExclusionIPv6FormsOfNames: a name whose DNS (a DNS64 resolver, say) answers an
// IPv6 form of an excluded IPv4 address is not scanned at that address; an excluded
// name's IPv4 address is excluded in its IPv6 forms too.
func TestExclusionIPv6FormsOfNames(t *testing.T) {
	res := tableResolver{
		"db.example":  {netip.MustParseAddr("64:ff9b::10.0.0.5"), netip.MustParseAddr("64:ff9b::10.0.0.7")},
		"hr.example":  {netip.MustParseAddr("10.0.0.9")},
		"app.example": {netip.MustParseAddr("2002:a00:9::1")},
	}
	s, err := Build(context.Background(), mustSpecs(t, "db.example", "app.example", "64:ff9b::a00:0/120"),
		Config{Ports: []int{80}, Exclude: mustExcl(t, "10.0.0.5", "hr.example"), Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"64:ff9b::a00:5", "64:ff9b::a00:9", "2002:a00:9::1"} {
		if s.ContainsAddr(netip.MustParseAddr(a)) {
			t.Errorf("%s in scope", a)
		}
	}
	if !s.ContainsAddr(netip.MustParseAddr("64:ff9b::a00:7")) || s.Addresses() != 254 {
		t.Fatalf("Addresses %d, want 254 (the block less two)", s.Addresses())
	}
	if h := s.Hosts(); len(h) != 1 || h[0].Name != "db.example" || len(h[0].Addrs) != 1 {
		t.Fatalf("Hosts %+v", h)
	}
}

// TestExclusionIPv6FormsTooWide: a block too wide to search for the forms is refused,
// not scanned unchecked, when the address cap was raised far enough to allow it.
func TestExclusionIPv6FormsTooWide(t *testing.T) {
	_, err := Build(context.Background(), mustSpecs(t, "2001:0:1:2::/72"),
		Config{Ports: []int{80}, Exclude: mustExcl(t, "10.0.0.5"), MaxAddresses: 1 << 60})
	if !errors.Is(err, ErrTooManyAddresses) || !strings.Contains(err.Error(), "Teredo") {
		t.Fatalf("err %v, want too wide to check", err)
	}
	// Without an IPv4 exclusion nothing needs checking, and the cap decides.
	if _, err := Build(context.Background(), mustSpecs(t, "2001:0:1:2::/72"),
		Config{Ports: []int{80}, Exclude: mustExcl(t, "2001:db8::1"), MaxAddresses: 1 << 60}); err != nil {
		t.Fatal(err)
	}
}

// TestWildcardExclusionLeavesTheDomain pins the documented rule: *.example.com excludes
// the names under example.com, whatever their case or trailing dot, and not example.com.
func TestWildcardExclusionLeavesTheDomain(t *testing.T) {
	res := tableResolver{
		"example.com":      {netip.MustParseAddr("192.0.2.1")},
		"db.example.com":   {netip.MustParseAddr("192.0.2.2")},
		"a.b.example.com":  {netip.MustParseAddr("192.0.2.3")},
		"notexample.com":   {netip.MustParseAddr("192.0.2.4")},
		"example.com.evil": {netip.MustParseAddr("192.0.2.5")},
	}
	s, err := Build(context.Background(), mustSpecs(t, "example.com", "DB.Example.COM.", "http://a.b.example.com:8123/",
		"notexample.com", "example.com.evil"), Config{Ports: []int{80}, Exclude: mustExcl(t, "*.example.com"), Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, h := range s.Hosts() {
		names = append(names, h.Name)
	}
	if strings.Join(names, ",") != "example.com,notexample.com,example.com.evil" {
		t.Fatalf("scanned %v", names)
	}
}
