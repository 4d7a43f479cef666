package kibana

import (
	"bytes"
	"context"
	"net/http"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the kbn-* (osd-* for OpenSearch Dashboards) headers on every answer, and
// the 503 of a Kibana still starting.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocol, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if _, ok := productOf(r.Header); ok {
				id.Version = r.Header.Get("kbn-version")
				return true
			}
			return r.Status == http.StatusServiceUnavailable && bytes.Contains(r.Body, []byte("Kibana server is not ready yet"))
		}}},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
