package verify

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

const (
	// maxBody is how much of a response body is read: identity endpoints answer in a few
	// kilobytes, and a hostile or broken answer must not cost more.
	maxBody     = 64 << 10
	maxHeader   = 32 << 10
	maxIdentity = 200
	maxReason   = 300
	maxRedirect = 2
)

var (
	errOffline  = errors.New("no issuer reachable from this machine (several failed, none answered); not asked")
	errHostDown = errors.New("issuer unreachable earlier in this run; not asked again")
)

func newClient(cfg Config) *http.Client {
	dial := (&net.Dialer{Timeout: min(cfg.Timeout, 10*time.Second)}).DialContext
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.Network != nil {
		if cfg.Network.DialContext != nil {
			dial = cfg.Network.DialContext
		}
		tlsCfg.RootCAs = cfg.Network.RootCAs
	}
	tr := &http.Transport{
		// No proxy: a proxy that terminates TLS would see the secret.
		Proxy:                  nil,
		DialContext:            dial,
		TLSClientConfig:        tlsCfg,
		TLSHandshakeTimeout:    cfg.Timeout,
		ResponseHeaderTimeout:  cfg.Timeout,
		MaxResponseHeaderBytes: maxHeader,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        30 * time.Second,
		ForceAttemptHTTP2:      true,
	}
	return &http.Client{
		Transport: tr,
		// A redirect is followed only to the same host over HTTPS; anything else is
		// returned as is and the verdict is unknown.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirect || req.URL.Scheme != "https" || req.URL.Host != via[0].URL.Host {
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
}

// request is one call to an issuer. Host must be one of the verifier's Hosts.
type request struct {
	method string
	host   string
	path   string
	query  string
	header http.Header
	body   []byte
	// shown replaces path in logs and reports when the path holds the secret.
	shown string
	// sign, when set, signs the finished request (AWS SigV4).
	sign func(*http.Request) error
}

func get(host, path string) *request {
	return &request{method: http.MethodGet, host: host, path: path, header: http.Header{}}
}

func (rq *request) set(k, v string) *request { rq.header.Set(k, v); return rq }

func (rq *request) bearer(tok string) *request { return rq.set("Authorization", "Bearer "+tok) }

func (rq *request) basic(user, pass string) *request {
	r := &http.Request{Header: http.Header{}}
	r.SetBasicAuth(user, pass)
	return rq.set("Authorization", r.Header.Get("Authorization"))
}

func (rq *request) describe() string {
	p := rq.path
	if rq.shown != "" {
		p = rq.shown
	} else if rq.query != "" {
		p += "?" + rq.query
	}
	return rq.method + " https://" + rq.host + p
}

// response is what an issuer answered, the body cut at maxBody.
type response struct {
	status int
	header http.Header
	body   []byte
	// location is where a redirect that was not followed pointed (host only).
	location string
}

// call is one verification: it carries the secrets to scrub from every text and the
// first request made, for Result.By.
type call struct {
	r       *Runner
	v       *Verifier
	secrets []string
	by      string
	// send replaces the network (fuzz tests).
	send func(*request) (*response, error)
}

func (c *call) do(ctx context.Context, rq *request) (*response, error) {
	if !slices.Contains(c.v.Hosts, rq.host) {
		// A programming error, caught by the tests: never send a secret elsewhere.
		return nil, fmt.Errorf("verifier %s may not contact %s", c.v.ID, rq.host)
	}
	if c.by == "" {
		c.by = rq.describe()
	}
	if c.send != nil {
		return c.send(rq)
	}
	r := c.r
	r.mu.Lock()
	offline, why := r.offline, r.down[rq.host]
	r.mu.Unlock()
	if offline {
		return nil, errOffline
	}
	if why != "" {
		return nil, fmt.Errorf("%w (%s)", errHostDown, why)
	}

	sem := r.sems[c.v.ID]
	select {
	case sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-sem }()
	// The issuer host's own limit first: a request waiting for it does not hold a
	// token of the global one that another issuer's request could use.
	if l := r.hostLimits[rq.host]; l != nil {
		if err := l.Wait(ctx); err != nil {
			return nil, fmt.Errorf("rate limit: %w", err)
		}
	}
	if err := r.limiter.Wait(ctx); err != nil {
		return nil, fmt.Errorf("rate limit: %w", err)
	}
	// Another request may have found the host down while this one waited.
	r.mu.Lock()
	offline, why = r.offline, r.down[rq.host]
	r.mu.Unlock()
	if offline {
		return nil, errOffline
	}
	if why != "" {
		return nil, fmt.Errorf("%w (%s)", errHostDown, why)
	}

	rctx, cancel := context.WithTimeout(ctx, r.cfg.Timeout)
	defer cancel()
	u := &url.URL{Scheme: "https", Host: rq.host, Path: rq.path, RawQuery: rq.query}
	var body io.Reader
	if rq.body != nil {
		body = bytes.NewReader(rq.body)
	}
	req, err := http.NewRequestWithContext(rctx, rq.method, u.String(), body)
	if err != nil {
		return nil, errors.New(c.scrub(err.Error()))
	}
	req.Header = rq.header.Clone()
	if req.Header == nil {
		req.Header = http.Header{}
	}
	req.Header.Set("User-Agent", r.cfg.UserAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "application/json")
	}
	if rq.sign != nil {
		if err := rq.sign(req); err != nil {
			return nil, errors.New(c.scrub("signing: " + err.Error()))
		}
	}
	start := time.Now()
	resp, err := r.client.Do(req)
	took := time.Since(start).Round(time.Millisecond)
	if err != nil {
		msg := c.scrub(netError(err))
		if ctx.Err() == nil {
			// The issuer, not the caller, failed: do not try this host again this run.
			r.markDown(rq.host, msg)
		}
		r.cfg.Logger.Info("verify request failed", "verifier", c.v.ID, "request", rq.describe(), "took", took, "err", msg)
		return nil, errors.New(msg)
	}
	defer resp.Body.Close()
	b, rerr := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	r.mu.Lock()
	r.answered++
	r.mu.Unlock()
	r.cfg.Logger.Info("verify request", "verifier", c.v.ID, "request", rq.describe(), "status", resp.StatusCode, "took", took)
	if rerr != nil && len(b) == 0 && resp.StatusCode == http.StatusOK {
		return nil, errors.New(c.scrub("reading the answer: " + netError(rerr)))
	}
	out := &response{status: resp.StatusCode, header: resp.Header, body: b}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		if loc, err := resp.Location(); err == nil {
			out.location = loc.Host
		}
	}
	return out, nil
}

// markDown records an unreachable host, and concludes the machine is offline when
// several hosts failed and none answered.
func (r *Runner) markDown(host, why string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.down[host]; ok {
		return
	}
	r.down[host] = why
	if !r.offline && r.answered == 0 && len(r.down) >= offlineAfter {
		r.offline = true
		r.cfg.Logger.Warn("verification: no issuer reachable; remaining secrets are reported unknown without asking",
			"unreachable", len(r.down))
	}
}

// netError is an error's text without the request URL net/http puts in front of it
// (a URL may hold the secret).
func netError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out"
	}
	return err.Error()
}

// scrub replaces every secret of the call in s.
func (c *call) scrub(s string) string {
	for _, x := range c.secrets {
		if len(x) < 4 {
			continue
		}
		s = strings.ReplaceAll(s, x, finding.Redact(x))
		if e := url.PathEscape(x); e != x {
			s = strings.ReplaceAll(s, e, finding.Redact(x))
		}
		if e := url.QueryEscape(x); e != x {
			s = strings.ReplaceAll(s, e, finding.Redact(x))
		}
	}
	return s
}

// clip keeps text from an issuer printable and short.
func clip(s string, n int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	count := 0
	space := false
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) {
			// Control and format characters (including bidi overrides) and line breaks
			// become one space.
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
				count++
			}
			space = true
			continue
		}
		space = false
		if count >= n {
			b.WriteString("…")
			break
		}
		b.WriteRune(r)
		count++
	}
	return strings.TrimSpace(b.String())
}

// Verdict helpers.

func live(identity string) Result { return Result{Status: finding.VerifiedLive, Identity: identity} }

func revoked(reason string) Result { return Result{Status: finding.VerifiedRevoked, Reason: reason} }

func unknown(reason string) Result { return Result{Status: finding.VerifiedUnknown, Reason: reason} }

// failed turns a request error into an unknown verdict.
func failed(err error) Result { return unknown(err.Error()) }

// other is the verdict for an answer a verifier has no rule for: rate limits,
// redirects, server errors and anything unexpected are all unknown.
func other(resp *response) Result {
	switch s := resp.status; {
	case s == http.StatusTooManyRequests:
		reason := "rate-limited by the issuer (HTTP 429)"
		if ra := resp.header.Get("Retry-After"); ra != "" {
			if _, err := strconv.Atoi(ra); err == nil {
				reason += ", retry after " + ra + "s"
			}
		}
		return unknown(reason + "; not retried")
	case s >= 300 && s < 400:
		where := "elsewhere"
		if resp.location != "" {
			where = "to " + resp.location
		}
		return unknown(fmt.Sprintf("the issuer redirected (HTTP %d) %s; not followed", s, where))
	case s >= 500:
		return unknown(fmt.Sprintf("issuer error (HTTP %d)", s))
	}
	return unknown(fmt.Sprintf("unexpected answer (HTTP %d)", resp.status))
}

func rateLimited(what string) Result {
	return unknown("rate-limited by the issuer (" + what + "); not retried")
}
