package etcd

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// goNotFound is the body of a Go server's bare 404 — what etcd answers "GET /" with.
var goNotFound = []byte("404 page not found\n")

// Fingerprints: etcd's /version document, asked for when "GET /" got a Go server's
// bare 404.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: Proto, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if r.Path != "/version" || r.Status != http.StatusOK {
				return false
			}
			var v versionInfo
			if json.Unmarshal(r.Body, &v) != nil {
				return false
			}
			if _, ok := vuln.Parse(v.Server); !ok {
				return false
			}
			id.Version = v.Server
			return true
		}}},
		FollowUps: []store.HTTPFollowUp{{Path: "/version", When: func(r *store.HTTPReply) bool {
			return r.Status == http.StatusNotFound && bytes.Equal(r.Body, goNotFound)
		}}},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
