package influxdb

import (
	"context"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the X-Influxdb-Version header InfluxDB puts on every answer.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: Proto, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			v := r.Header.Get("X-Influxdb-Version")
			if v == "" {
				return false
			}
			id.Version = strings.TrimPrefix(v, "v")
			id.SetDetail("build", r.Header.Get("X-Influxdb-Build"))
			return true
		}}},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
