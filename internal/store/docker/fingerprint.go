package docker

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// notFound is the Engine API's answer to a path it does not serve ("GET /").
var notFound = []byte(`{"message":"page not found"}`)

// Fingerprints: the Engine API's Server and Api-Version headers, and its version
// document, asked for when "GET /" got its JSON 404 (which carries no header of its
// own).
func (p *Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocol, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if r.Path == "/version" && r.Status == http.StatusOK {
				if v, ok := parseVersion(r.Body); ok {
					id.Version = v.Version
					return true
				}
			}
			if s := r.Header.Get("Server"); strings.HasPrefix(s, "Docker/") {
				id.Version = strings.TrimPrefix(strings.Fields(s)[0], "Docker/")
				return true
			}
			return r.Header.Get("Api-Version") != "" && r.Header.Get("Ostype") != ""
		}}},
		FollowUps: []store.HTTPFollowUp{{Path: "/version", When: func(r *store.HTTPReply) bool {
			return r.Status == http.StatusNotFound && bytes.Equal(bytes.TrimSpace(r.Body), notFound)
		}}},
		TLSPorts: []int{p.tlsPort},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
