// Package probekit holds what the store probers share below the product level: dialing
// through the scanner's dialer with deadlines (Dial, TLSConfig), a bounded HTTP session
// pinned to one endpoint and the choice of HTTP or HTTPS (http.go), recording what a
// service is, how it let us in and whether its inventory was cut short (service.go),
// keeping sample cells and error text within byte caps (cells.go), laying out documents
// (docs.go) and the keys of key-value stores (keys.go) as samples.
//
// It holds no product knowledge: each prober keeps its own fingerprints, access rules
// and findings.
package probekit

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Dial connects to ep through o.Dial within the connect timeout and, when useTLS is set,
// completes a TLS handshake that accepts any certificate: a scanner reports TLS, it does
// not trust it. The connection's deadline is the context's, when it has one, and the
// connection is closed when ctx is cancelled, so a stopping scan (SIGTERM of the
// monitor, Ctrl-C) does not wait out the I/O timeout of a probe blocked on a silent
// server. ctx must be the probe's, not longer-lived: the close stays registered until
// ctx ends.
func Dial(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (net.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout)
	defer cancel()
	conn, err := o.Dial(cctx, "tcp", ep.Address())
	if err != nil {
		return nil, err
	}
	// Not a wrapper: probers look at the concrete type (*tls.Conn). Closing twice is harmless.
	context.AfterFunc(ctx, func() { _ = conn.Close() })
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if !useTLS {
		return conn, nil
	}
	tc := tls.Client(conn, TLSConfig(ep))
	_ = tc.SetDeadline(time.Now().Add(o.ConnectTimeout))
	if err := tc.HandshakeContext(cctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("TLS handshake: %w", err)
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = tc.SetDeadline(deadline)
	} else {
		_ = tc.SetDeadline(time.Time{})
	}
	return tc, nil
}

// TLSConfig is how probers speak TLS to ep: any certificate is accepted (a scanner
// reports TLS, it does not trust it), old versions too, and the name the user gave, when
// it is a name, is sent as SNI.
func TLSConfig(ep store.Endpoint) *tls.Config {
	sni := ""
	if ep.Hostname != "" && net.ParseIP(ep.Hostname) == nil {
		sni = ep.Hostname
	}
	return &tls.Config{
		InsecureSkipVerify: true, //nolint:gosec // fingerprinting and reading, not trusting
		ServerName:         sni,
		MinVersion:         tls.VersionTLS10,
	}
}
