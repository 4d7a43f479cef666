package target

import (
	"errors"
	"fmt"
	"math/bits"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Kind says what a Spec names.
type Kind uint8

const (
	KindAddr   Kind = iota + 1 // one address
	KindPrefix                 // a CIDR block
	KindRange                  // an inclusive address range
	KindHost                   // a host name, resolved when the Set is built
)

func (k Kind) String() string {
	switch k {
	case KindAddr:
		return "address"
	case KindPrefix:
		return "cidr"
	case KindRange:
		return "range"
	case KindHost:
		return "host"
	}
	return "invalid"
}

// Spec is one parsed target or exclusion.
type Spec struct {
	Kind Kind
	// First and Last bound the addresses of KindAddr, KindPrefix and KindRange (equal for
	// KindAddr). A prefix given with host bits set ("10.0.0.5/24") is masked, as nmap does.
	First, Last netip.Addr
	// Host is the lower-case name for KindHost, without a trailing dot. In exclusions it may
	// start with "*." to match every name below a domain.
	Host string
	// Port overrides the port list for this target (from "host:port" or a URL); 0 when the
	// port list applies.
	Port int
	// Scheme is the URL scheme when the target was a URL, a hint for probers.
	Scheme string
	// Open marks an address and port that another scanner reported open (a list read
	// from nmap, masscan, naabu or zmap output): the scan probes it without connecting
	// first to find out (see scan.JobConfig.Rediscover).
	Open bool

	// Raw is the text the spec was parsed from; Source and Line say where it came from
	// (empty and 0 for command-line arguments).
	Raw    string
	Source string
	Line   int
}

// String renders the spec canonically ("10.0.0.0/24", "10.0.0.1-10.0.0.20", "[::1]:9000").
func (s Spec) String() string {
	var h string
	switch s.Kind {
	case KindAddr:
		h = s.First.String()
	case KindPrefix:
		bits := s.First.BitLen() - hostBits(s.First, s.Last)
		h = netip.PrefixFrom(s.First, bits).String()
	case KindRange:
		h = s.First.String() + "-" + s.Last.String()
	case KindHost:
		h = s.Host
	default:
		return s.Raw
	}
	if s.Scheme != "" {
		if s.Kind == KindAddr && s.First.Is6() {
			h = "[" + h + "]"
		}
		if s.Port != 0 {
			h += ":" + strconv.Itoa(s.Port)
		}
		return s.Scheme + "://" + h
	}
	if s.Port != 0 {
		if s.First.Is6() {
			h = "[" + h + "]"
		}
		h += ":" + strconv.Itoa(s.Port)
	}
	return h
}

func hostBits(first, last netip.Addr) int {
	d := fromAddr(last).sub(fromAddr(first))
	if d.hi != 0 {
		return 64 + bits.Len64(d.hi)
	}
	return bits.Len64(d.lo)
}

// size is the number of addresses the spec covers (0 for a host name before resolution).
func (s Spec) size() uint64 {
	if s.Kind == KindHost {
		return 0
	}
	return s.ival().size()
}

func (s Spec) ival() ival { return ival{fromAddr(s.First), fromAddr(s.Last)} }

// SpecError reports an unusable target or exclusion, naming it and, for lists, where it is.
type SpecError struct {
	Spec   string
	Source string // file name, "-" for standard input, "" for an argument
	Line   int
	Err    error
}

func (e *SpecError) Error() string {
	loc := ""
	if e.Source != "" {
		loc = e.Source + ":" + strconv.Itoa(e.Line) + ": "
	}
	return fmt.Sprintf("%starget %q: %v", loc, e.Spec, e.Err)
}

func (e *SpecError) Unwrap() error { return e.Err }

// maxSpecLen keeps hostile list files from making us hold huge strings; the longest
// legitimate spec is a URL with a 253-byte host name.
const maxSpecLen = 2048

// SchemePorts are the URL schemes accepted in targets and the port used when a URL names
// none. A scheme mapped to 0 ("tcp") takes the port list. Add schemes as stores arrive.
var SchemePorts = map[string]int{
	"tcp":        0,
	"http":       80,
	"https":      443,
	"clickhouse": 9000,
	"postgres":   5432,
	"postgresql": 5432,
	"redis":      6379,
	"rediss":     6379,
	"mysql":      3306,
	"mongodb":    27017,
}

// ParseSpec parses one target: a host name, an IPv4 or IPv6 address, a CIDR block, a range
// ("10.0.0.1-20" on the last octet, or "10.0.0.1-10.0.0.20"), any of these followed by
// ":port" (IPv6 in brackets: "[::1]:9000", "[2001:db8::/120]:9000"), or a URL whose scheme
// is in SchemePorts ("http://db.example:8123/", "clickhouse://10.0.0.5").
func ParseSpec(s string) (Spec, error) {
	sp, err := parseSpec(s)
	if err != nil {
		return Spec{}, &SpecError{Spec: redactSpec(s), Err: err}
	}
	return sp, nil
}

// ParseExclude parses one exclusion: an address, CIDR block, range or host name, without
// port or scheme (an exclusion always covers the whole address). A host name may start
// with "*." to exclude every name below a domain.
func ParseExclude(s string) (Spec, error) {
	sp, err := parseExclude(s)
	if err != nil {
		return Spec{}, &SpecError{Spec: redactSpec(s), Err: err}
	}
	return sp, nil
}

func parseExclude(s string) (Spec, error) {
	t := strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(t, "*."); ok {
		if rest == "" || strings.ContainsAny(rest, ":/[]*") {
			return Spec{}, errors.New("invalid wildcard host name")
		}
		name, err := checkHostname(rest)
		if err != nil {
			return Spec{}, err
		}
		return Spec{Kind: KindHost, Host: "*." + name, Raw: t}, nil
	}
	sp, err := parseSpec(s)
	if err != nil {
		return Spec{}, err
	}
	if sp.Port != 0 || sp.Scheme != "" {
		return Spec{}, errors.New("an exclusion covers whole addresses: drop the port or scheme")
	}
	return sp, nil
}

func parseSpec(s string) (Spec, error) {
	raw := strings.TrimSpace(s)
	switch {
	case raw == "":
		return Spec{}, errors.New("empty target")
	case len(raw) > maxSpecLen:
		return Spec{}, fmt.Errorf("longer than %d bytes", maxSpecLen)
	case strings.ContainsFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return Spec{}, errors.New("contains spaces or control characters")
	case strings.Contains(raw, "://"):
		return parseURL(raw)
	}

	host, port := raw, 0
	bracketed := false
	if strings.HasPrefix(raw, "[") {
		end := strings.IndexByte(raw, ']')
		if end < 0 {
			return Spec{}, errors.New("missing ']'")
		}
		host, bracketed = raw[1:end], true
		if rest := raw[end+1:]; rest != "" {
			ps, ok := strings.CutPrefix(rest, ":")
			if !ok {
				return Spec{}, errors.New("unexpected text after ']'")
			}
			p, err := parsePort(ps)
			if err != nil {
				return Spec{}, err
			}
			port = p
		}
	} else if strings.Count(raw, ":") == 1 {
		h, ps, _ := strings.Cut(raw, ":")
		p, err := parsePort(ps)
		if err != nil {
			return Spec{}, err
		}
		host, port = h, p
	}
	sp, err := parseHost(host)
	if err != nil {
		return Spec{}, err
	}
	if bracketed && (sp.Kind == KindHost || !sp.First.Is6()) {
		return Spec{}, errors.New("brackets are for IPv6 addresses")
	}
	sp.Port, sp.Raw = port, raw
	return sp, nil
}

func parseURL(raw string) (Spec, error) {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Spec{}, fmt.Errorf("invalid URL: %v", err)
	}
	scheme := strings.ToLower(u.Scheme)
	defPort, ok := SchemePorts[scheme]
	if !ok {
		return Spec{}, fmt.Errorf("unknown URL scheme %q (known: %s)", u.Scheme, knownSchemes())
	}
	if u.User != nil {
		return Spec{}, errors.New("credentials in target URLs are not used; pass them with the credentials option")
	}
	if u.Opaque != "" || u.Host == "" {
		return Spec{}, errors.New("URL without a host")
	}
	h := u.Hostname()
	if strings.HasPrefix(u.Host, "[") != strings.Contains(h, ":") {
		return Spec{}, errors.New("invalid URL host")
	}
	port := defPort
	if ps := u.Port(); ps != "" {
		if port, err = parsePort(ps); err != nil {
			return Spec{}, err
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return Spec{}, errors.New("empty port")
	}
	sp, err := parseHost(h)
	if err != nil {
		return Spec{}, err
	}
	if sp.Kind != KindAddr && sp.Kind != KindHost {
		return Spec{}, errors.New("a URL names one host, not a CIDR block or range")
	}
	sp.Port, sp.Scheme, sp.Raw = port, scheme, raw
	return sp, nil
}

func knownSchemes() string {
	var k []string
	for s := range SchemePorts {
		k = append(k, s)
	}
	slices.Sort(k)
	return strings.Join(k, ", ")
}

func parsePort(s string) (int, error) {
	if s == "" {
		return 0, errors.New("empty port")
	}
	if len(s) > 5 || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("invalid port %q", s)
	}
	p, _ := strconv.Atoi(s)
	if p < 1 || p > 65535 {
		return 0, fmt.Errorf("port %d out of range 1-65535", p)
	}
	return p, nil
}

func parseAddr(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, err
	}
	if a.Zone() != "" {
		return netip.Addr{}, errors.New("zoned IPv6 addresses are not supported")
	}
	return a.Unmap(), nil
}

// parseHost parses the part of a spec that names addresses, without port.
func parseHost(h string) (Spec, error) {
	if h == "" {
		return Spec{}, errors.New("empty host")
	}
	if strings.Contains(h, "/") {
		p, err := netip.ParsePrefix(h)
		if err != nil {
			return Spec{}, fmt.Errorf("invalid CIDR block: %v", trimNetipErr(err))
		}
		if p.Addr().Zone() != "" {
			return Spec{}, errors.New("zoned IPv6 addresses are not supported")
		}
		if p.Addr().Is4In6() {
			// ::ffff:10.0.0.0/104 is 10.0.0.0/8.
			if p.Bits() < 96 {
				return Spec{}, errors.New("IPv4-mapped prefix shorter than /96")
			}
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		v := prefixIval(p)
		return Spec{Kind: KindPrefix, First: v.lo.addr(), Last: v.hi.addr()}, nil
	}
	if lo, hi, ok := strings.Cut(h, "-"); ok {
		if first, err := parseAddr(lo); err == nil {
			last, err := parseRangeEnd(first, hi)
			if err != nil {
				return Spec{}, err
			}
			if last.Less(first) {
				return Spec{}, errors.New("range ends before it starts")
			}
			return Spec{Kind: KindRange, First: first, Last: last}, nil
		}
	}
	if a, err := parseAddr(h); err == nil {
		return Spec{Kind: KindAddr, First: a, Last: a}, nil
	} else if strings.Contains(h, ":") {
		return Spec{}, fmt.Errorf("invalid IPv6 address: %v", trimNetipErr(err))
	}
	name, err := checkHostname(h)
	if err != nil {
		return Spec{}, err
	}
	return Spec{Kind: KindHost, Host: name}, nil
}

func parseRangeEnd(first netip.Addr, s string) (netip.Addr, error) {
	if a, err := parseAddr(s); err == nil {
		if a.Is4() != first.Is4() {
			return netip.Addr{}, errors.New("range mixes IPv4 and IPv6")
		}
		return a, nil
	}
	if first.Is4() && s != "" && len(s) <= 3 && strings.Trim(s, "0123456789") == "" {
		n, _ := strconv.Atoi(s)
		if n > 255 {
			return netip.Addr{}, fmt.Errorf("range end %d is not an octet", n)
		}
		b := first.As4()
		b[3] = byte(n)
		return netip.AddrFrom4(b), nil
	}
	return netip.Addr{}, fmt.Errorf("invalid range end %q", s)
}

// checkHostname validates a DNS name (RFC 1123 letters, digits and hyphens, plus the
// underscore found in real internal names) and returns it in canonical form.
func checkHostname(h string) (string, error) {
	name := strings.ToLower(strings.TrimSuffix(h, "."))
	if name == "" || len(name) > 253 {
		return "", errors.New("invalid host name length")
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return "", errors.New("invalid host name: empty or over-long label")
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return "", errors.New("invalid host name: label starts or ends with '-'")
		}
		for _, c := range l {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_':
			case c >= utf8.RuneSelf:
				// Unicode names (and look-alikes of ASCII ones, "раураl") are refused
				// rather than converted: the name scanned must be the one the user can read.
				return "", fmt.Errorf("non-ASCII character %q in host name: give an internationalised name in its xn-- (punycode) form", c)
			default:
				return "", fmt.Errorf("invalid character %q in host name", c)
			}
		}
	}
	// A top-level label of digits only is a mistyped address, not a name ("10.0.0.300").
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return "", errors.New("invalid IPv4 address")
	}
	// inet_aton's spellings ("0x7f.0x1", "0x7f000001") are addresses to the C resolver
	// (getaddrinfo, which Go uses on some systems) and names to DNS: refuse them, so what
	// is scanned and what is excluded never depends on the resolver.
	if len(labels) <= 4 && !slices.ContainsFunc(labels, func(l string) bool { return !isInetNumber(l) }) {
		return "", errors.New("invalid IPv4 address (hex, octal and integer forms are not accepted)")
	}
	return name, nil
}

// isInetNumber reports a label inet_aton reads as a number: decimal, octal or 0x hex.
func isInetNumber(l string) bool {
	if h, ok := strings.CutPrefix(l, "0x"); ok {
		return strings.Trim(h, "0123456789abcdef") == ""
	}
	return l != "" && strings.Trim(l, "0123456789") == ""
}

func trimNetipErr(err error) string {
	// netip errors repeat the whole input; the SpecError already shows it.
	msg := err.Error()
	if i := strings.LastIndex(msg, "): "); i >= 0 {
		return msg[i+3:]
	}
	return msg
}

// redactSpec hides a URL password in error messages: the spec is echoed back to the user
// and to logs.
func redactSpec(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 256 {
		s = s[:256] + "…"
	}
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 && !strings.ContainsAny(rest[:at], "/?#") {
			return s[:i+3] + "REDACTED@" + rest[at+1:]
		}
	}
	return s
}
