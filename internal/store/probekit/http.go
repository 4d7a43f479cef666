package probekit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

// UserAgent identifies leakwatch to the servers it probes, so operators can tell a scan
// from an attack in their logs.
const UserAgent = "leakwatch (+https://github.com/leakwatch/leakwatch)"

// Session talks to one HTTP(S) endpoint as one principal, through Client (pinned to
// the endpoint, no redirects, bounded): the one HTTP layer of the probers — the JSON
// APIs through Get/Do, ClickHouse's queries through Stream.
type Session struct {
	Client *http.Client
	Base   string // "http://addr" or "https://addr"
	Host   string // Host header: the name the user gave, else the address
	TLS    bool
	Opts   *store.Options
	// UserAgent names the scanner in the server's logs (UserAgent unless a product
	// wants its own: ClickHouse's query_log shows it).
	UserAgent string
	// Cred is sent as HTTP Basic authentication unless Sign is set.
	Cred *store.Credential
	// Sign, when set, authenticates each request instead of Basic authentication.
	Sign func(req *http.Request, body []byte) error
	// Header is added to every request (Authorization, Cookie, …).
	Header http.Header
}

// NewSession opens a session to ep over HTTP, or HTTPS when useTLS is set.
func NewSession(ep store.Endpoint, o *store.Options, useTLS bool) *Session {
	base := "http://" + ep.Address()
	if useTLS {
		base = "https://" + ep.Address()
	}
	host := ep.Address()
	if ep.Hostname != "" {
		host = ep.Hostname
	}
	return &Session{Client: Client(ep, o), Base: base, Host: host, TLS: useTLS, Opts: o, UserAgent: UserAgent, Header: http.Header{}}
}

// As returns a session sharing s's connections that authenticates as c.
func (s *Session) As(c *store.Credential) *Session {
	t := *s
	t.Cred = c
	return &t
}

// Close releases pooled connections.
func (s *Session) Close() { CloseIdle(s.Client) }

// Response is a bounded HTTP response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, as a protocol error when it is not JSON.
func (r *Response) JSON(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return fmt.Errorf("%w: %v (%s)", store.ErrProtocol, err, Printable(r.Body, 80))
	}
	return nil
}

// HTTPError is a response with a status outside 2xx.
type HTTPError struct {
	Method, Path string
	Status       int
	Body         string // the start of the body, one line
}

func (e *HTTPError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("%s %s: HTTP %d", e.Method, e.Path, e.Status)
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.Path, e.Status, e.Body)
}

// Unwrap classifies 401 and 403 as store.ErrAuth: the server refused this principal.
func (e *HTTPError) Unwrap() error {
	if e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden {
		return store.ErrAuth
	}
	return nil
}

// StatusOf returns the HTTP status carried by err, or 0.
func StatusOf(err error) int {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Status
	}
	return 0
}

// Get sends a GET and reads at most limit bytes of the body (opts.MaxResponseBytes when
// limit <= 0). Any status is returned without error; transport failures and oversized
// bodies are errors (the bytes read so far are returned with ErrTooLarge).
func (s *Session) Get(ctx context.Context, path string, limit int64) (*Response, error) {
	return s.Do(ctx, http.MethodGet, path, nil, limit)
}

// MaxRequestTarget bounds a request's path and query. Probers put names a server chose
// into paths (container IDs, spaces, keys, index and bucket names), and no product's real
// names come near it: a longer target is a hostile name, and is not sent back.
const MaxRequestTarget = 64 << 10

// Stream sends one request and returns the response, its body for the caller to read
// (within its own caps) and close. The request carries the session's Host, User-Agent,
// headers and credentials, header (which may override them), and asks for an
// uncompressed body: the byte caps then bound what is decoded, and no gzip bomb can be
// sent back inflated.
func (s *Session) Stream(ctx context.Context, method, path string, body []byte, header http.Header) (*http.Response, error) {
	if len(path) > MaxRequestTarget {
		return nil, fmt.Errorf("%w: %s request target of %d bytes not sent (past %d: a name the server chose?)",
			store.ErrProtocol, method, len(path), MaxRequestTarget)
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, s.Base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Host = s.Host
	ua := s.UserAgent
	if ua == "" {
		ua = UserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept-Encoding", "identity")
	for k, v := range s.Header {
		req.Header[k] = v
	}
	for k, v := range header {
		req.Header[k] = v
	}
	switch {
	case s.Sign != nil:
		if err := s.Sign(req, body); err != nil {
			return nil, err
		}
	case s.Cred != nil:
		req.SetBasicAuth(s.Cred.Username, s.Cred.Password)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		if store.IsTimeout(err) {
			return nil, fmt.Errorf("%w: %s %s: %w", store.ErrTimeout, method, path, err)
		}
		return nil, err
	}
	return resp, nil
}

// jsonHeaders are what Do adds: it reads JSON APIs, and sends JSON.
var (
	acceptJSON     = http.Header{"Accept": {"application/json"}}
	acceptSendJSON = http.Header{"Accept": {"application/json"}, "Content-Type": {"application/json"}}
)

// Do sends one request, a body when given as JSON, and reads at most limit bytes of the
// answer (opts.MaxResponseBytes when limit <= 0).
func (s *Session) Do(ctx context.Context, method, path string, body []byte, limit int64) (*Response, error) {
	if limit <= 0 || limit > s.Opts.MaxResponseBytes {
		limit = s.Opts.MaxResponseBytes
	}
	h := acceptJSON
	if body != nil {
		h = acceptSendJSON
	}
	// The session's own headers (an Accept of its own: S3's XML) win over Do's.
	hdr := http.Header{}
	for k, v := range h {
		if _, set := s.Header[k]; !set {
			hdr[k] = v
		}
	}
	resp, err := s.Stream(ctx, method, path, body, hdr)
	if err != nil {
		return nil, err
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		resp.Body.Close()
		return &Response{Status: resp.StatusCode, Header: resp.Header},
			fmt.Errorf("%w: %s %s: unrequested Content-Encoding %q", store.ErrProtocol, method, path, ce)
	}
	b, err := ReadBody(resp, limit)
	r := &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}
	if err != nil && store.IsTimeout(err) {
		err = fmt.Errorf("%w: %s %s: %w", store.ErrTimeout, method, path, err)
	}
	return r, err
}

// GetJSON sends a GET and decodes a 2xx JSON body into v. Other statuses are *HTTPError.
func (s *Session) GetJSON(ctx context.Context, path string, v any) (*Response, error) {
	return s.DoJSON(ctx, http.MethodGet, path, nil, v)
}

// DoJSON sends one request and decodes a 2xx JSON body into v.
func (s *Session) DoJSON(ctx context.Context, method, path string, body []byte, v any) (*Response, error) {
	r, err := s.Do(ctx, method, path, body, 0)
	if err != nil {
		return r, err
	}
	if r.Status < 200 || r.Status > 299 {
		return r, &HTTPError{Method: method, Path: path, Status: r.Status, Body: FirstLine(string(r.Body), 200)}
	}
	if v != nil {
		if err := json.Unmarshal(r.Body, v); err != nil {
			return r, fmt.Errorf("%w: %s %s: %v", store.ErrProtocol, method, path, err)
		}
	}
	return r, nil
}

// SchemeOrder says which of plain HTTP and HTTPS to try on ep, in order: HTTPS only when
// the user (or identification) said so, HTTPS first when the port is conventionally TLS.
func SchemeOrder(ep store.Endpoint, tlsPorts ...int) []bool {
	return ep.TLSModes(ep.Scheme != "http" && slices.Contains(tlsPorts, ep.Port))
}

// TrySchemes runs probe on ep over HTTP and HTTPS in SchemeOrder(ep, tlsPorts...), with
// a session of its own each, until an attempt decides: it returned a result, or found
// another product, or timed out, or the context is done. Any other failure (a TLS
// handshake answered in plain text, a plain request reset by a TLS server) leaves the
// other scheme to decide; when neither does, the error wraps store.ErrNoMatch.
func TrySchemes(ctx context.Context, ep store.Endpoint, o *store.Options, tlsPorts []int,
	probe func(s *Session) (*store.Result, error)) (*store.Result, error) {
	var firstErr error
	for _, useTLS := range SchemeOrder(ep, tlsPorts...) {
		s := NewSession(ep, o, useTLS)
		res, err := probe(s)
		s.Close()
		if res != nil || errors.Is(err, store.ErrNoMatch) || store.IsTimeout(err) || ctx.Err() != nil {
			return res, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("%w: no HTTP answer (%v)", store.ErrNoMatch, firstErr)
}

// plainToTLS is what Go's and most TLS servers answer to plain HTTP.
var plainToTLS = []string{"Client sent an HTTP request to an HTTPS server", "The plain HTTP request was sent to HTTPS port"}

// OpenSession finds whether ep speaks HTTP or HTTPS by requesting path: TLS first when
// the endpoint's scheme says so, else plain HTTP, switching to TLS only when the plain
// answer shows TLS was expected — the 400 that Go servers and TLS proxies send, or a TLS
// alert record. A port that just closes on plain HTTP is not tried with TLS: the HTTP
// products probed this way (etcd, InfluxDB, Prometheus) are Go servers that say so, and
// a TLS handshake with a silent non-TLS server (Redis, say) costs a full timeout. It
// returns the session and the first response.
func OpenSession(ctx context.Context, ep store.Endpoint, o *store.Options, path string) (*Session, *Response, error) {
	tlsFirst := ep.Scheme == "https"
	var firstErr error
	for i, useTLS := range ep.TLSModes(tlsFirst) {
		if i == 1 && !tlsFirst && firstErr != nil && !tlsAlert(firstErr) {
			break
		}
		s := NewSession(ep, o, useTLS)
		resp, err := s.Get(ctx, path, 0)
		if err == nil || (resp != nil && errors.Is(err, store.ErrTooLarge)) {
			if !useTLS && resp.Status == http.StatusBadRequest && containsAny(resp.Body, plainToTLS) && i == 0 {
				s.Close()
				continue
			}
			return s, resp, err
		}
		s.Close()
		if firstErr == nil {
			firstErr = err
		}
		if store.IsTimeout(err) || ctx.Err() != nil {
			return nil, nil, err
		}
		// A TLS handshake answered by plain text, or plain text by a TLS alert: the
		// other scheme decides.
	}
	return nil, nil, fmt.Errorf("%w: no HTTP answer (%v)", store.ErrNoMatch, firstErr)
}

// tlsAlert reports a plain HTTP request answered by a TLS alert record (0x15 0x03 …),
// which Go's HTTP client reports as a malformed response.
func tlsAlert(err error) bool {
	s := err.Error()
	return strings.Contains(s, "malformed HTTP response") && strings.Contains(s, `\x15\x03`)
}

func containsAny(b []byte, subs []string) bool {
	for _, s := range subs {
		if bytes.Contains(b, []byte(s)) {
			return true
		}
	}
	return false
}
