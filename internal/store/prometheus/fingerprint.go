package prometheus

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

// Fingerprints: "GET /" redirects to the expression browser (/graph before 2.x's new
// UI, /classic/graph beside it, /query in 3.x); with basic authentication
// (--web.config.file) a bare 401 asking for Basic, taken as Prometheus only on its own
// port.
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: Proto, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			switch r.Status {
			case http.StatusFound:
				loc := r.Header.Get("Location")
				for _, p := range []string{"/graph", "/classic/graph", "/query"} {
					if strings.HasSuffix(loc, p) && bytes.Contains(r.Body, []byte(`<a href="`+loc+`">Found</a>`)) {
						return true
					}
				}
			case http.StatusUnauthorized:
				return r.Claimed && strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Basic")
			}
			return false
		}}},
	}
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
