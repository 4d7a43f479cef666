package disclose

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// Options bound a lookup.
type Options struct {
	// Dial must be the scan's scoped dialer (netscan.NewDialer without StrictPorts), so
	// that the lookup connects only to the host's own in-scope addresses.
	Dial store.DialFunc
	// Timeout bounds the whole lookup of one host (default 15s); ConnectTimeout and
	// IOTimeout bound each connection and each exchange (defaults 3s and 5s).
	Timeout        time.Duration
	ConnectTimeout time.Duration
	IOTimeout      time.Duration
	// MaxBytes caps the body read (default 64 KiB; real files are a few hundred bytes).
	MaxBytes int64
	// HTTPSPort and HTTPPort default to 443 and 80; tests point them at loopback servers.
	HTTPSPort, HTTPPort int
	// MaxRedirects bounds redirects followed on the same host (default 3).
	MaxRedirects int
	// Now dates the expiry check (default time.Now).
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	def := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Timeout, 15*time.Second)
	def(&o.ConnectTimeout, 3*time.Second)
	def(&o.IOTimeout, 5*time.Second)
	if o.MaxBytes <= 0 {
		o.MaxBytes = 64 << 10
	}
	if o.HTTPSPort <= 0 {
		o.HTTPSPort = 443
	}
	if o.HTTPPort <= 0 {
		o.HTTPPort = 80
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 3
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Result is the outcome of looking up one host.
type Result struct {
	Host string
	// URL is where the file was found (after same-host redirects).
	URL  string
	File *File
	// Err says why nothing usable was found; nil when File is set.
	Err error
}

// Contact converts the result for the report.
func (r *Result) Contact() finding.Contact {
	c := finding.Contact{Host: r.Host, URL: r.URL}
	if r.File != nil {
		c.Contact = r.File.Contact
		c.Policy = r.File.Policy
		if !r.File.Expires.IsZero() {
			c.Expires = r.File.Expires.UTC().Format(time.RFC3339)
		} else {
			c.Expires = r.File.ExpiresRaw
		}
	}
	if r.Err != nil {
		c.Error = r.Err.Error()
	}
	return c
}

// paths in the order RFC 9116 §3 gives them: the well-known location, then the legacy one.
var paths = []string{"/.well-known/security.txt", "/security.txt"}

// Lookup fetches host's security.txt over HTTPS, then HTTP, from the well-known path and
// then the legacy /security.txt. Every connection goes to one of addrs — the addresses
// the scan resolved host to and has in scope — through opts.Dial, with host used only
// for SNI and the Host header. Redirects are followed only when they stay on host (and
// on http or https); anything else ends that attempt. It never returns nil.
func Lookup(ctx context.Context, host string, addrs []netip.Addr, opts Options) *Result {
	opts = opts.withDefaults()
	res := &Result{Host: host}
	if len(addrs) == 0 {
		res.Err = errors.New("no address in scope for this host")
		return res
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	l := &lookup{host: host, addrs: addrs, opts: opts}
	var notes []string
	for _, scheme := range []string{"https", "http"} {
		for _, p := range paths {
			u := &url.URL{Scheme: scheme, Host: l.hostPort(scheme), Path: p}
			f, final, err := l.fetch(ctx, u)
			if err == nil {
				res.File, res.URL = f, final
				if len(f.Canonical) > 0 && !canonicalMatches(f.Canonical, final, host) {
					f.problem("fetched from %s, which none of its Canonical fields names", final)
				}
				return res
			}
			notes = append(notes, u.Scheme+" "+p+": "+err.Error())
			if ctx.Err() != nil {
				res.Err = fmt.Errorf("no security.txt found: %s", strings.Join(notes, "; "))
				return res
			}
			var ce *connError
			if errors.As(err, &ce) {
				break // this port is unreachable: the other path will not fare better
			}
		}
	}
	res.Err = fmt.Errorf("no security.txt found: %s", strings.Join(notes, "; "))
	return res
}

type lookup struct {
	host  string
	addrs []netip.Addr
	opts  Options
}

func (l *lookup) hostPort(scheme string) string {
	p, def := l.opts.HTTPSPort, 443
	if scheme == "http" {
		p, def = l.opts.HTTPPort, 80
	}
	if p == def {
		return l.host
	}
	return l.host + ":" + strconv.Itoa(p)
}

// connError marks a failure to reach any address, as opposed to an answer we did not like.
type connError struct{ err error }

func (e *connError) Error() string { return e.err.Error() }
func (e *connError) Unwrap() error { return e.err }

// fetch gets u and follows same-host redirects.
func (l *lookup) fetch(ctx context.Context, u *url.URL) (*File, string, error) {
	for hop := 0; ; hop++ {
		resp, err := l.get(ctx, u)
		if err != nil {
			return nil, "", err
		}
		switch {
		case resp.StatusCode == http.StatusOK:
			f, err := l.read(resp)
			return f, u.String(), err
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			resp.Body.Close()
			loc, err := u.Parse(resp.Header.Get("Location"))
			if err != nil || resp.Header.Get("Location") == "" {
				return nil, "", fmt.Errorf("status %d with an unusable Location", resp.StatusCode)
			}
			if !l.onHost(loc) {
				return nil, "", fmt.Errorf("redirected off the host to %s; not followed", shorten(loc.Redacted()))
			}
			if hop >= l.opts.MaxRedirects {
				return nil, "", fmt.Errorf("more than %d redirects", l.opts.MaxRedirects)
			}
			u = loc
		default:
			resp.Body.Close()
			return nil, "", fmt.Errorf("status %d", resp.StatusCode)
		}
	}
}

// onHost reports whether a redirect to u stays where the lookup goes anyway: the same
// host, over http or https, on that scheme's own port. The lookup's dialer allows any
// port of an in-scope address, so a redirect naming another port would make the host's
// web server the one that picks which of its other services (a database, a mail
// server) the scan sends HTTP to.
func (l *lookup) onHost(u *url.URL) bool {
	if u.Scheme != "http" && u.Scheme != "https" || u.User != nil {
		return false
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n != l.schemePort(u.Scheme) {
			return false
		}
	}
	return strings.EqualFold(strings.TrimSuffix(u.Hostname(), "."), l.host)
}

// schemePort is the port the lookup uses for scheme.
func (l *lookup) schemePort(scheme string) int {
	if scheme == "http" {
		return l.opts.HTTPPort
	}
	return l.opts.HTTPSPort
}

// get tries each address in turn until one answers.
func (l *lookup) get(ctx context.Context, u *url.URL) (*http.Response, error) {
	// Only the scheme's own port: onHost refuses redirects that name another.
	port := l.schemePort(u.Scheme)
	sopts := store.Options{Dial: l.opts.Dial, ConnectTimeout: l.opts.ConnectTimeout, IOTimeout: l.opts.IOTimeout}
	var last error
	for _, a := range l.addrs {
		c := probekit.Client(store.Endpoint{Addr: a, Port: port, Hostname: l.host}, &sopts)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("User-Agent", "leakwatch (security.txt lookup for disclosure)")
		req.Header.Set("Accept", "text/plain")
		// One request per client: closing the connection with the body leaves nothing
		// pooled behind.
		req.Close = true
		resp, err := c.Do(req)
		probekit.CloseIdle(c)
		if err == nil {
			return resp, nil
		}
		var oe *net.OpError
		if !errors.As(err, &oe) || oe.Op != "dial" {
			// The address answered, badly: another address of the same host is unlikely
			// to do better, and the next path may.
			return nil, err
		}
		last = err
		if ctx.Err() != nil {
			break
		}
	}
	return nil, &connError{last}
}

func (l *lookup) read(resp *http.Response) (*File, error) {
	ct := resp.Header.Get("Content-Type")
	body, err := probekit.ReadBody(resp, l.opts.MaxBytes)
	if err != nil {
		return nil, err
	}
	if mt, _, perr := mime.ParseMediaType(ct); ct != "" && (perr != nil || mt != "text/plain") {
		// RFC 9116 requires text/plain; a site answering every path with its HTML page
		// must not have that page read as a contact list.
		if f, err := Parse(body, l.opts.Now()); err == nil && mt != "text/html" {
			f.problem("served as %q, not text/plain", mt)
			return f, nil
		}
		return nil, fmt.Errorf("served as %q, not a security.txt", shorten(ct))
	}
	f, err := Parse(body, l.opts.Now())
	if err != nil {
		return nil, err
	}
	if ct == "" {
		f.problem("served without a Content-Type")
	}
	return f, nil
}

func canonicalMatches(canon []string, fetched, host string) bool {
	for _, c := range canon {
		if strings.EqualFold(strings.TrimSuffix(c, "/"), strings.TrimSuffix(fetched, "/")) {
			return true
		}
		// Tests and non-default ports aside, compare without the port we added.
		if u, err := url.Parse(c); err == nil && strings.EqualFold(u.Hostname(), host) {
			if f, err := url.Parse(fetched); err == nil && u.Scheme == f.Scheme && u.Path == f.Path {
				return true
			}
		}
	}
	return false
}

func shorten(s string) string {
	s = strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}
