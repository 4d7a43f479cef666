// Package probekit holds what the store probers written on raw sockets and plain HTTP
// share: dialing through the scanner's dialer with deadlines, an HTTP session that finds
// the scheme, cutting text to byte caps, and sampling key-value stores.
package probekit

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// Dial connects to ep through o.Dial within the connect timeout and, when useTLS is set,
// completes a TLS handshake that accepts any certificate: a scanner reports TLS, it does
// not trust it. The connection's deadline is the context's, when it has one.
func Dial(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (net.Conn, error) {
	cctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout)
	defer cancel()
	conn, err := o.Dial(cctx, "tcp", ep.Address())
	if err != nil {
		return nil, err
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if !useTLS {
		return conn, nil
	}
	sni := ""
	if ep.Hostname != "" && net.ParseIP(ep.Hostname) == nil {
		sni = ep.Hostname
	}
	tc := tls.Client(conn, &tls.Config{
		InsecureSkipVerify: true, //nolint:gosec // fingerprinting, not trusting
		ServerName:         sni,
		MinVersion:         tls.VersionTLS10,
	})
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

// NewService starts the description of an identified endpoint; access is undecided.
func NewService(ep store.Endpoint, proto, product string, useTLS bool) finding.Service {
	return finding.Service{
		Host: ep.Host(), Hostname: ep.Hostname, Port: ep.Port, Protocol: proto, Product: product,
		TLS: useTLS, Auth: finding.AuthUnknown, Status: finding.StatusIdentified, Details: map[string]string{},
	}
}

// Elapsed is a duration as services report it.
func Elapsed(start time.Time) string { return time.Since(start).Round(time.Millisecond).String() }

// Cut returns at most max bytes of s, never ending inside a UTF-8 sequence.
func Cut(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if len(s) <= max {
		return s
	}
	s = s[:max]
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || size > 1 {
			break
		}
		// A sequence cut in half decodes as RuneError of size 1; so does a lone invalid
		// byte, which is dropped too: cells are text.
		s = s[:len(s)-1]
	}
	return s
}

// CapRow cuts cells, in order, so the row holds at most max bytes, and returns its size.
func CapRow(row []string, max int) int {
	used := 0
	for i, c := range row {
		room := max - used
		if room < 0 {
			room = 0
		}
		if len(c) > room {
			row[i] = Cut(c, room)
		}
		used += len(row[i])
	}
	return used
}

// Printable makes bytes from the network safe to show in one line of an error or a
// detail: invalid UTF-8 and control characters are escaped, and the text is cut.
func Printable(b []byte, max int) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '·'
		}
		return r
	}, s)
	if len(s) > max {
		return Cut(s, max) + "…"
	}
	return s
}

// Finish fills what every finding a prober returns needs: the service's location and a
// stable id.
func Finish(f finding.Finding, svc finding.Service) finding.Finding {
	if f.Host == "" {
		f.Host, f.Port = svc.Host, svc.Port
	}
	if f.Protocol == "" {
		f.Protocol = svc.Protocol
	}
	f.ComputeID()
	return f
}
