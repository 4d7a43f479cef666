package probekit

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Client returns the HTTP client every HTTP conversation of a scan goes through (each
// product's Session, ClickHouse's queries among them, and security.txt lookups). For
// ep, it dials only through opts.Dial to ep's own address whatever URL it is given (a
// server cannot redirect a scan out of scope), follows no redirects, ignores proxy
// environment variables, accepts any certificate (a scanner reports TLS, it does not
// trust it) and bounds every step.
func Client(ep store.Endpoint, opts *store.Options) *http.Client {
	dial := opts.Dial
	if dial == nil {
		d := &net.Dialer{Timeout: opts.ConnectTimeout}
		dial = d.DialContext
	}
	addr := ep.Address()
	pinned := func(ctx context.Context, network, _ string) (net.Conn, error) {
		ctx, cancel := context.WithTimeout(ctx, nonZero(opts.ConnectTimeout, 3*time.Second))
		defer cancel()
		return dial(ctx, network, addr)
	}
	sni := ep.Hostname
	tr := &http.Transport{
		Proxy:       nil,
		DialContext: pinned,
		TLSClientConfig: &tls.Config{
			InsecureSkipVerify: true, //nolint:gosec // fingerprinting, not trusting
			ServerName:         sni,
			MinVersion:         tls.VersionTLS10,
		},
		TLSHandshakeTimeout:    nonZero(opts.ConnectTimeout, 3*time.Second),
		ResponseHeaderTimeout:  nonZero(opts.IOTimeout, 10*time.Second),
		MaxResponseHeaderBytes: 64 << 10,
		MaxIdleConnsPerHost:    2,
		IdleConnTimeout:        10 * time.Second,
		ForceAttemptHTTP2:      false,
	}
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Timeout: nonZero(opts.IOTimeout, 10*time.Second) + nonZero(opts.ConnectTimeout, 3*time.Second),
	}
}

// CloseIdle releases a client's pooled connections.
func CloseIdle(c *http.Client) {
	if t, ok := c.Transport.(*http.Transport); ok {
		t.CloseIdleConnections()
	}
}

// ReadBody reads at most limit bytes of a response body and closes it. It returns
// store.ErrTooLarge (with the bytes read so far) when the body is longer.
func ReadBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	if limit <= 0 {
		limit = 8 << 20
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return b, fmt.Errorf("reading response: %w", err)
	}
	if int64(len(b)) > limit {
		return b[:limit], fmt.Errorf("%w: more than %d bytes", store.ErrTooLarge, limit)
	}
	return b, nil
}

func nonZero(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
