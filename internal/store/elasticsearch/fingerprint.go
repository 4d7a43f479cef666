package elasticsearch

import (
	"context"
	"net/http"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the root document ("You Know, for Search", OpenSearch's distribution),
// or a security plugin's 401.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocolREST, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if r.Status == http.StatusOK {
				if ri, ok := parseRoot(r.Body); ok {
					id.Version = ri.Version.Number
					if ri.product() == productOS {
						id.Protocol = protocolOSREST
					}
					return true
				}
			}
			if r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden {
				if p, ok := authRealm(r.Header, r.Body); ok {
					if p == productOS {
						id.Protocol = protocolOSREST
					}
					return true
				}
			}
			return r.Header.Get("X-Elastic-Product") == "Elasticsearch"
		}}},
		TLSPorts: []int{9243},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
