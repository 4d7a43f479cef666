package couchdb

import (
	"context"
	"net/http"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the welcome document — CouchDB's, or that of a server answering its API
// under another name (pouchdb-server: {"express-pouchdb":"Welcome!", …}; the probe then
// confirms the API) — and the Server header every CouchDB answer carries (a 401 of
// require_valid_user too).
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocol, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if r.Status == http.StatusOK {
				if w, product, ok := parseWelcome(r.Body); ok {
					id.Version = w.Version
					id.SetDetail("product", product)
					return true
				}
			}
			if v, ok := serverHeader(r.Header); ok {
				id.Version = v
				return true
			}
			return false
		}}},
		TLSPorts: []int{6984},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
