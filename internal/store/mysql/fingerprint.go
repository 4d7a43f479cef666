package mysql

import (
	"context"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the greeting every connection starts with. Its connection is kept for
// the first login: a client that reads the greeting and hangs up counts as a handshake
// error against its host (max_connect_errors), and enough of those block it.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		Banners:     []store.BannerMatch{{Protocol: Protocol, Match: matchGreeting, Keep: true}},
		ServerFirst: true,
	}
}

func matchGreeting(b []byte, final bool, id *store.Identity) store.Verdict {
	if len(b) >= 4 {
		if n := int(b[0]) | int(b[1])<<8 | int(b[2])<<16; n == 0 || n > maxGreeting || b[3] != 0 {
			return store.NoMatch
		}
	}
	if len(b) >= 5 && b[4] != 10 && b[4] != 9 && b[4] != 0xff {
		return store.NoMatch
	}
	if !packetComplete(b) {
		if final {
			return store.NoMatch
		}
		return store.NeedMore
	}
	g, err := ParseGreeting(b)
	if err != nil {
		return store.NoMatch
	}
	if g.Err != nil {
		id.SetDetail("greeting_error", g.Err.Error())
		return store.Match
	}
	id.Version = CleanVersion(g.Version)
	id.SetDetail("flavor", g.Flavor())
	return store.Match
}

// Explore logs in on the connection identification read the greeting from, then on
// new ones.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.probe(ctx, ep, opts, true, id.TakeConn())
}
