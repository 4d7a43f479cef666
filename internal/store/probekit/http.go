package probekit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

// UserAgent identifies leakwatch to the HTTP services it probes.
const UserAgent = "leakwatch (+https://github.com/leakwatch/leakwatch)"

// HTTP is a session with one HTTP(S) service: a client pinned to the endpoint
// (store.HTTPClient), its base URL, and what every request carries.
type HTTP struct {
	Client *http.Client
	Base   string // "http://127.0.0.1:2379"
	Host   string // Host header: the name the user gave, else the address
	TLS    bool
	// Header is added to every request (Authorization, …).
	Header http.Header
	// Limit caps each response body.
	Limit int64
}

// Response is a read, bounded response.
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

// NewHTTP starts a session with ep over plain HTTP or TLS.
func NewHTTP(ep store.Endpoint, o *store.Options, useTLS bool) *HTTP {
	scheme := "http://"
	if useTLS {
		scheme = "https://"
	}
	host := ep.Address()
	if ep.Hostname != "" {
		host = ep.Hostname
	}
	return &HTTP{Client: store.HTTPClient(ep, o), Base: scheme + ep.Address(), Host: host, TLS: useTLS,
		Header: http.Header{}, Limit: o.MaxResponseBytes}
}

// Close releases pooled connections.
func (h *HTTP) Close() { store.CloseIdle(h.Client) }

// Do sends a request with a JSON body (when body is not nil) or the raw body given as
// []byte, and reads the response within Limit. A response over Limit returns what was
// read with an error wrapping store.ErrTooLarge.
func (h *HTTP) Do(ctx context.Context, method, path string, body any) (*Response, error) {
	var rd io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return nil, err
		}
		rd, ctype = bytes.NewReader(buf), "application/json"
	}
	req, err := http.NewRequestWithContext(ctx, method, h.Base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Host = h.Host
	req.Header.Set("User-Agent", UserAgent)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, vs := range h.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	resp, err := h.Client.Do(req)
	if err != nil {
		return nil, err
	}
	b, err := store.ReadBody(resp, h.Limit)
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: b}, err
}

// plainToTLS is what Go's and most TLS servers answer to plain HTTP.
var plainToTLS = []string{"Client sent an HTTP request to an HTTPS server", "The plain HTTP request was sent to HTTPS port"}

// OpenHTTP finds whether ep speaks HTTP or HTTPS by requesting path: TLS first when the
// endpoint's scheme says so, else plain HTTP, switching to TLS only when the plain answer
// shows TLS was expected — the 400 that Go servers and TLS proxies send, or a TLS alert
// record. A port that just closes on plain HTTP is not tried with TLS: the HTTP products
// probed this way (etcd, InfluxDB, Prometheus) are Go servers that say so, and a TLS
// handshake with a silent non-TLS server (Redis, say) costs a full timeout. It returns
// the session and the first response.
func OpenHTTP(ctx context.Context, ep store.Endpoint, o *store.Options, path string) (*HTTP, *Response, error) {
	tlsFirst := ep.Scheme == "https"
	var firstErr error
	for i, useTLS := range []bool{tlsFirst, !tlsFirst} {
		if i == 1 && !tlsFirst && firstErr != nil && !tlsAlert(firstErr) {
			break
		}
		h := NewHTTP(ep, o, useTLS)
		resp, err := h.Do(ctx, http.MethodGet, path, nil)
		if err == nil || (resp != nil && errors.Is(err, store.ErrTooLarge)) {
			if !useTLS && resp.Status == http.StatusBadRequest && containsAny(resp.Body, plainToTLS) && i == 0 {
				h.Close()
				continue
			}
			return h, resp, err
		}
		h.Close()
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

// Trim cuts a body for error messages.
func Trim(b []byte) string { return strings.TrimSpace(Printable(b, 200)) }
