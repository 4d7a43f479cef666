package minio

import (
	"context"
	"net/http"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: MinIO's Server header, and the S3 shape of "GET /" (a bucket list, or
// an S3 <Error> document) that any S3-compatible server answers with. Tried after every
// other HTTP product: an S3 error is the loosest of the signs.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocol, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if isMinIO(r.Header) {
				if v := r.Header.Get("Server"); strings.Contains(v, "/") {
					id.Version = v[strings.IndexByte(v, '/')+1:]
				}
				return true
			}
			if r.Status == http.StatusOK {
				if _, err := parseListBuckets(r.Body); err == nil {
					return true
				}
			}
			return parseError(r.Body) != nil
		}}},
		TLSPorts: []int{9443},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
