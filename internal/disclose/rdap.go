package disclose

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/mail"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"
)

// rirHosts are the five Regional Internet Registries' RDAP services. A lookup starts at
// ARIN, which redirects a query for another registry's address to that registry (as all
// five do); a redirect anywhere else is refused, so an answer cannot send the query —
// and the address scanned — to a host of its choosing.
var rirHosts = []string{"rdap.arin.net", "rdap.db.ripe.net", "rdap.apnic.net", "rdap.lacnic.net", "rdap.afrinic.net"}

const rdapStart = "https://rdap.arin.net/registry/ip/"

// RDAPOptions bound an abuse-contact lookup.
type RDAPOptions struct {
	// Timeout bounds the whole lookup (default 10s).
	Timeout time.Duration
	// MaxBytes caps each response body (default 256 KiB).
	MaxBytes int64

	// dial and roots replace the network and the system's roots in tests, which map the
	// registries' host names to local servers; the binary never sets them.
	dial  func(ctx context.Context, network, addr string) (net.Conn, error)
	roots *x509.CertPool
}

// Abuse is what a registry says about an address: whom to tell about abuse from it.
type Abuse struct {
	Addr string `json:"address"`
	// Registry is the RDAP server that answered; Network the registered block and its name.
	Registry string `json:"registry,omitempty"`
	Network  string `json:"network,omitempty"`
	Name     string `json:"name,omitempty"`
	// Emails are the abuse contacts' addresses, checked to be addresses.
	Emails []string `json:"emails,omitempty"`
	// Err says why none was found.
	Err string `json:"error,omitempty"`
}

// LookupAbuse asks the registries' RDAP services (RFC 9083) for the abuse contact of a
// public address. Private, loopback and other special addresses are answered without a
// query: no public registry knows them. Every text the registry returns is checked or
// bounded (e-mail addresses must parse as such; names lose control characters).
func LookupAbuse(ctx context.Context, addr netip.Addr, opts RDAPOptions) Abuse {
	addr = addr.Unmap()
	res := Abuse{Addr: addr.String()}
	if why := notPublic(addr); why != "" {
		res.Err = why + ": no public registry knows it"
		return res
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = 256 << 10
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()

	dialer := &net.Dialer{Timeout: 5 * time.Second}
	dial := opts.dial
	if dial == nil {
		dial = dialer.DialContext
	}
	tr := &http.Transport{
		DialContext:            dial,
		TLSClientConfig:        &tls.Config{RootCAs: opts.roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout:    5 * time.Second,
		ResponseHeaderTimeout:  5 * time.Second,
		MaxResponseHeaderBytes: 64 << 10,
		DisableKeepAlives:      true,
	}
	defer tr.CloseIdleConnections()
	client := &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("too many redirects")
			}
			if req.URL.Scheme != "https" || !slices.Contains(rirHosts, req.URL.Hostname()) || req.URL.Port() != "" {
				return fmt.Errorf("redirect to %q refused: not a registry's RDAP service", clip(req.URL.Host))
			}
			return nil
		},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rdapStart+url.PathEscape(addr.String()), nil)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	req.Header.Set("Accept", "application/rdap+json")
	req.Header.Set("User-Agent", "leakwatch-disclose")
	resp, err := client.Do(req)
	if err != nil {
		res.Err = "RDAP lookup failed: " + err.Error()
		return res
	}
	defer resp.Body.Close()
	res.Registry = resp.Request.URL.Hostname()
	if resp.StatusCode != http.StatusOK {
		res.Err = fmt.Sprintf("RDAP lookup failed: %s answered %d", res.Registry, resp.StatusCode)
		return res
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, opts.MaxBytes+1))
	if err != nil {
		res.Err = "RDAP lookup failed: " + err.Error()
		return res
	}
	if int64(len(body)) > opts.MaxBytes {
		res.Err = fmt.Sprintf("RDAP lookup failed: answer longer than %d bytes", opts.MaxBytes)
		return res
	}
	var ipn rdapObject
	if err := json.Unmarshal(body, &ipn); err != nil {
		res.Err = "RDAP lookup failed: not an RDAP answer: " + err.Error()
		return res
	}
	if ipn.StartAddress != "" && ipn.EndAddress != "" {
		res.Network = clip(cleanText(ipn.StartAddress)) + " - " + clip(cleanText(ipn.EndAddress))
	}
	res.Name = clip(cleanText(ipn.Name))
	seen := map[string]bool{}
	ipn.walk(0, func(e *rdapObject) {
		if !slices.Contains(e.Roles, "abuse") {
			return
		}
		for _, m := range e.emails() {
			if !seen[m] && len(res.Emails) < 8 {
				seen[m] = true
				res.Emails = append(res.Emails, m)
			}
		}
	})
	if len(res.Emails) == 0 {
		res.Err = "the registry names no abuse e-mail address"
	}
	return res
}

// notPublic says why an address has no registry entry worth asking for, or "".
func notPublic(a netip.Addr) string {
	switch {
	case !a.IsValid():
		return "not an address"
	case a.IsLoopback():
		return "a loopback address"
	case a.IsPrivate():
		return "a private address"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		return "a link-local address"
	case a.IsUnspecified(), a.IsMulticast(), a.IsInterfaceLocalMulticast():
		return "a special address"
	}
	// Shared (CGN), benchmarking, documentation and reserved IPv4 blocks.
	for _, p := range []string{"100.64.0.0/10", "198.18.0.0/15", "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4", "0.0.0.0/8", "2001:db8::/32"} {
		if netip.MustParsePrefix(p).Contains(a) {
			return "a reserved address"
		}
	}
	return ""
}

// rdapObject is the part of an RDAP ip network or entity object (RFC 9083 §5) read here.
type rdapObject struct {
	StartAddress string            `json:"startAddress"`
	EndAddress   string            `json:"endAddress"`
	Name         string            `json:"name"`
	Roles        []string          `json:"roles"`
	VCard        []json.RawMessage `json:"vcardArray"`
	Entities     []rdapObject      `json:"entities"`
}

// walk visits the object's entities, nested ones included (registries put the abuse
// contact under the registrant), to a bounded depth and count.
func (o *rdapObject) walk(depth int, fn func(*rdapObject)) {
	if depth > 4 {
		return
	}
	for i := range o.Entities {
		if i >= 64 {
			return
		}
		fn(&o.Entities[i])
		o.Entities[i].walk(depth+1, fn)
	}
}

// emails reads the "email" properties of a jCard (RFC 7095): ["vcard", [[name, params,
// type, value], …]]. Only values that parse as a bare address are kept.
func (o *rdapObject) emails() []string {
	if len(o.VCard) != 2 {
		return nil
	}
	var props [][]json.RawMessage
	if json.Unmarshal(o.VCard[1], &props) != nil {
		return nil
	}
	var out []string
	for _, p := range props {
		if len(p) < 4 {
			continue
		}
		var name, value string
		if json.Unmarshal(p[0], &name) != nil || !strings.EqualFold(name, "email") || json.Unmarshal(p[3], &value) != nil {
			continue
		}
		if m, ok := checkEmail(value); ok {
			out = append(out, m)
		}
	}
	return out
}

// checkEmail accepts a bare e-mail address of printable ASCII, nothing a mail client or a
// terminal could read as more than an address.
func checkEmail(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "mailto:"))
	if len(s) > 254 || s == "" {
		return "", false
	}
	for _, r := range s {
		if r <= ' ' || r > '~' || strings.ContainsRune(`<>()[]\,;:"`, r) {
			return "", false
		}
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", false
	}
	return s, true
}

// cleanText drops control and format characters from a registry's free text.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}

func clip(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
