package audit

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"
)

// exposure is how far a listener or an allow-list reaches, in increasing order.
type exposure int

const (
	expNone    exposure = iota // nobody
	expLocal                   // this host only (loopback, Unix sockets)
	expPrivate                 // private or link-local networks, or named hosts
	expPublic                  // some publicly routable addresses
	expWorld                   // every address
)

func (e exposure) String() string {
	return [...]string{"nobody", "this host only", "private networks", "public addresses", "any address"}[e]
}

// nonLocal reports whether e reaches beyond this host.
func (e exposure) nonLocal() bool { return e >= expPrivate }

var (
	loopbackPrefixes = []netip.Prefix{
		netip.MustParsePrefix("127.0.0.0/8"),
		netip.MustParsePrefix("::1/128"),
	}
	privatePrefixes = []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("172.16.0.0/12"),
		netip.MustParsePrefix("192.168.0.0/16"),
		netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
		netip.MustParsePrefix("169.254.0.0/16"),
		netip.MustParsePrefix("fc00::/7"),
		netip.MustParsePrefix("fe80::/10"),
	}
)

func within(p netip.Prefix, set []netip.Prefix) bool {
	for _, q := range set {
		if q.Bits() <= p.Bits() && q.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

// unmapPrefix turns an IPv4-mapped IPv6 prefix (::ffff:10.0.0.0/104) into its IPv4 form,
// since servers that keep their lists in IPv6 treat both alike.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	a := p.Addr()
	if a.Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(a.Unmap(), p.Bits()-96).Masked()
	}
	return p.Masked()
}

// prefixExposure classifies an allowed client network.
func prefixExposure(p netip.Prefix) exposure {
	p = unmapPrefix(p)
	switch {
	case p.Bits() == 0:
		return expWorld
	case within(p, loopbackPrefixes):
		return expLocal
	case within(p, privatePrefixes):
		return expPrivate
	}
	// Half the IPv4 Internet is not "some public addresses".
	if (p.Addr().Is4() && p.Bits() <= 4) || (p.Addr().Is6() && p.Bits() <= 8) {
		return expWorld
	}
	return expPublic
}

// parseNetwork reads an address, a CIDR block, or an address with a dotted netmask
// (10.0.0.0/255.0.0.0), as ClickHouse's <ip> and PostgreSQL's pg_hba accept them.
func parseNetwork(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '%'); i >= 0 && !strings.Contains(s[i:], "/") {
		s = s[:i] // zone
	}
	addr, mask, hasMask := strings.Cut(s, "/")
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.WithZone("")
	if !hasMask {
		return netip.PrefixFrom(a, a.BitLen()), true
	}
	if bits, err := strconv.Atoi(mask); err == nil {
		if bits < 0 || bits > a.BitLen() {
			return netip.Prefix{}, false
		}
		return netip.PrefixFrom(a, bits), true
	}
	m, err := netip.ParseAddr(mask)
	if err != nil || m.BitLen() != a.BitLen() {
		return netip.Prefix{}, false
	}
	bits, ok := maskBits(m)
	if !ok {
		return netip.Prefix{}, false
	}
	return netip.PrefixFrom(a, bits), true
}

// maskBits counts the leading ones of a contiguous netmask.
func maskBits(m netip.Addr) (int, bool) {
	b := m.AsSlice()
	n := 0
	seenZero := false
	for _, x := range b {
		for i := 7; i >= 0; i-- {
			if x&(1<<i) != 0 {
				if seenZero {
					return 0, false
				}
				n++
			} else {
				seenZero = true
			}
		}
	}
	return n, true
}

// listenExposure classifies an address a server listens on: the wildcard addresses
// listen on every interface.
func listenExposure(s string) exposure {
	s = strings.Trim(strings.TrimSpace(s), "[]")
	switch strings.ToLower(s) {
	case "", "*", "::", "0.0.0.0", "::0", "0:0:0:0:0:0:0:0", "0", "::/0", "0.0.0.0/0":
		return expWorld
	case "localhost", "localhost.localdomain", "ip6-localhost":
		return expLocal
	}
	a, err := netip.ParseAddr(strings.SplitN(s, "%", 2)[0])
	if err != nil {
		// A host name: whatever interface it names, it is not loopback by our knowledge.
		return expPrivate
	}
	a = a.Unmap()
	switch {
	case a.IsUnspecified():
		return expWorld
	case a.IsLoopback():
		return expLocal
	case a.IsPrivate() || a.IsLinkLocalUnicast() || within(netip.PrefixFrom(a, a.BitLen()), privatePrefixes):
		return expPrivate
	}
	return expPublic
}

// hostRegexpExposure classifies a ClickHouse <host_regexp>: one that matches arbitrary
// host names lets in any client whose reverse DNS the client itself controls.
func hostRegexpExposure(expr string) exposure {
	re, err := regexp.Compile(expr)
	if err != nil {
		return expPrivate
	}
	probes := []string{"attacker.example.net", "203-0-113-7.dyn.example.org", "x", "localhost"}
	for _, p := range probes {
		if !re.MatchString(p) {
			if re.MatchString("localhost") && !re.MatchString("x.example.com") {
				return expLocal
			}
			return expPrivate
		}
	}
	return expWorld
}
