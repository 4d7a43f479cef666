package couchdb

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
)

var (
	_ store.Fingerprinter = (*Prober)(nil)
	_ store.Explorer      = (*Prober)(nil)
)

// Fingerprints: the welcome document, the Server header every CouchDB answer carries
// (a 401 of require_valid_user too), and the welcome of CouchDB-compatible servers
// (pouchdb-server: {"express-pouchdb":"Welcome!", …}).
func (*Prober) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		HTTP: []store.HTTPMatch{{Protocol: protocol, Match: func(r *store.HTTPReply, id *store.Identity) bool {
			if r.Status == http.StatusOK {
				if w, ok := parseWelcome(r.Body); ok {
					id.Version = w.Version
					return true
				}
				if v, ok := compatibleWelcome(r.Body); ok {
					id.Version = v
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

// compatibleWelcome recognises the root document of servers that speak CouchDB's API
// under another name: a "<name>": "Welcome…" field and a version.
func compatibleWelcome(b []byte) (string, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil || len(m) > 64 {
		return "", false
	}
	var version string
	if json.Unmarshal(m["version"], &version) != nil || version == "" {
		return "", false
	}
	for k, v := range m {
		var s string
		if (k == "couchdb" || strings.Contains(k, "pouchdb")) && json.Unmarshal(v, &s) == nil && strings.HasPrefix(s, "Welcome") {
			return version, true
		}
	}
	return "", false
}

// Explore runs the probe in the scheme identification found.
func (p *Prober) Explore(ctx context.Context, ep store.Endpoint, id *store.Identity, opts *store.Options) (*store.Result, error) {
	return p.Probe(ctx, ep.WithScheme("http", "https", id.TLS), opts)
}
