package clickhouse

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net/http"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the HTTP interface answers "GET /" with "Ok." (and X-ClickHouse-*
// headers on most answers); the native port, plain or TLS, answers any HTTP request with
// a 400 that names clickhouse-client, and a native Hello with its own.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{
			{Protocol: ProtoNative, Match: func(r *store.HTTPReply, id *store.Identity) bool {
				return nativeRedirect.Match(r.Body)
			}},
			{Protocol: ProtoHTTP, Match: func(r *store.HTTPReply, id *store.Identity) bool {
				if hasClickHouseHeader(r.Header) {
					id.SetDetail("display_name", r.Header.Get("X-ClickHouse-Server-Display-Name"))
					return true
				}
				return r.Status == http.StatusOK && string(bytes.TrimSpace(r.Body)) == "Ok."
			}},
		},
		Hellos: []store.Hello{{
			Protocol: ProtoNative, Rank: 40,
			Payload: func(store.Endpoint) []byte { return appendClientHello(nil, "default", "") },
			Match:   matchNativeReply,
		}},
		TLSPorts: []int{8443, 9440},
	}
}

// matchNativeReply reads the answer to a native Hello: the server's Hello, or its
// exception (a refused login is still ClickHouse).
func matchNativeReply(b []byte, final bool, id *store.Identity) store.Verdict {
	h, err := readServerReply(bufio.NewReader(bytes.NewReader(b)))
	var se *ServerError
	switch {
	case err == nil:
		id.Version = h.Version()
		id.SetDetail("server_name", h.Name)
		id.SetDetail("display_name", h.DisplayName)
		return store.Match
	case errors.As(err, &se):
		id.SetDetail("hello_error", se.Error())
		return store.Match
	case errors.Is(err, store.ErrProtocol) && !final && len(b) < store.MaxBanner:
		return store.NeedMore // cut short so far
	}
	return store.NoMatch
}

// Explore runs the HTTP or native probe that identification's protocol calls for.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	switch {
	case id.Protocol == ProtoNative:
		return probeNative(ctx, ep, &o, id.TLS)
	case id.Protocol == ProtoHTTP:
		return probeHTTP(ctx, ep, &o, id.TLS)
	}
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), &o)
}
