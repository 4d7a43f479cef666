package postgres

import (
	"context"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: SSLRequest, which PostgreSQL (and its poolers) answer with one byte, S
// or N, and then wait.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		Hellos: []store.Hello{{
			Protocol: Protocol, Rank: 20, PlainOnly: true,
			Payload: func(store.Endpoint) []byte { return sslRequest() },
			Match: func(b []byte, final bool, id *store.Identity) store.Verdict {
				if len(b) != 1 || (b[0] != 'S' && b[0] != 'N') {
					return store.NoMatch
				}
				id.SetDetail("ssl", map[byte]string{'S': "offered", 'N': "refused"}[b[0]])
				return store.Match
			},
		}},
	}
}

// Explore runs the probe, on a port taken for PostgreSQL's whatever its number.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, _ *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("postgres", "postgres", false), opts)
}
