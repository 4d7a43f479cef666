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
		// The MySQL interface (9004) speaks first, with "<version>-ClickHouse".
		Banners: []store.BannerMatch{{Protocol: ProtoMySQL, Match: matchMySQLWire}},
		Hellos: []store.Hello{{
			Protocol: ProtoNative, Rank: 40,
			Payload: func(store.Endpoint) []byte { return appendClientHello(nil, "default", "") },
			Match:   matchNativeReply,
		}, {
			// The PostgreSQL interface (9005) waits for a startup message; an HTTP
			// request there reads as a huge startup packet.
			Protocol: ProtoPostgres, Ports: []int{postgresPort}, Schemes: []string{"clickhouse+postgresql"}, PlainOnly: true,
			Payload: func(store.Endpoint) []byte { return pgStartup("default") },
			Match:   matchPGWire,
		}},
		TLSPorts: []int{8443, 9440},
	}
}

// matchMySQLWire recognises the greeting of ClickHouse's MySQL interface.
func matchMySQLWire(b []byte, final bool, id *store.Identity) store.Verdict {
	if len(b) >= 4 {
		if n := int(b[0]) | int(b[1])<<8 | int(b[2])<<16; n < 2 || n > 1024 || b[3] != 0 {
			return store.NoMatch
		}
	}
	g, err := parseMySQLGreeting(b)
	if err != nil {
		if !final && (len(b) < 4 || len(b) < 4+(int(b[0])|int(b[1])<<8|int(b[2])<<16)) {
			return store.NeedMore
		}
		return store.NoMatch
	}
	v := clickHouseMySQLVersion(g)
	if v == "" {
		return store.NoMatch
	}
	id.Version = v
	return store.Match
}

// matchPGWire reads the answer to a startup message for "default" on ClickHouse's own
// PostgreSQL port: ClickHouse's parameters, its refusal, or the cleartext password
// request it makes (the probe answers it).
func matchPGWire(b []byte, final bool, id *store.Identity) store.Verdict {
	rep, err := readStartupReply(bytes.NewReader(b))
	switch {
	case err != nil && !final && len(b) < store.MaxBanner && !errors.Is(err, store.ErrProtocol):
		return store.NeedMore
	case err != nil && !(rep != nil && rep.authCode == 3):
		return store.NoMatch
	case rep.authCode == 3, rep.isClickHouse(), rep.clickHouseAuthError():
		id.Version = rep.params["server_version"]
		return store.Match
	}
	return store.NoMatch
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
	case id.Protocol == ProtoMySQL:
		return probeMySQLWire(ctx, ep, &o, id.Banner)
	case id.Protocol == ProtoPostgres:
		return probePGWire(ctx, ep, &o)
	case id.Protocol == ProtoNative:
		return probeNative(ctx, ep, &o, id.TLS)
	case id.Protocol == ProtoHTTP:
		return probeHTTP(ctx, ep, &o, id.TLS)
	}
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), &o)
}
