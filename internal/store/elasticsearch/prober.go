// Package elasticsearch probes Elasticsearch and OpenSearch over their REST API (HTTP or
// HTTPS): it fingerprints the cluster from GET /, decides whether it lets anyone read
// indices (no security plugin, an anonymous role, or a default password), lists indices
// with document counts, sizes, fields and time ranges, samples documents, and reports what
// else the cluster gives away. Every request is a GET, or a POST to _search with a
// size-bounded, aggregation-only body: nothing is ever written.
//
// The official Go client is not used: it refuses servers that do not send Elastic's
// product header (OpenSearch, every release before 7.14), which are most of what a scanner
// meets.
package elasticsearch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// Names used in Service.Product / Protocol.
const (
	name           = "elasticsearch"
	productES      = "elasticsearch"
	productOS      = "opensearch"
	protocolREST   = "elasticsearch-http"
	protocolOSREST = "opensearch-http"
)

// Prober implements store.Prober for Elasticsearch and OpenSearch.
type Prober struct{ probekit.About }

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: name,
	Display: "Elasticsearch/OpenSearch",
	// Ports: the REST port (HTTP or HTTPS; 8.x turns TLS on by default).
	Ports: []int{9200},
	Remediation: "Enable security (Elasticsearch: xpack.security.enabled: true, on by default since 8.0; OpenSearch: the " +
		"security plugin, never plugins.security.disabled), set strong passwords for the built-in users, turn off " +
		"anonymous access, bind network.host to private addresses and firewall port 9200.",
}

// New returns a prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials: elastic/changeme was X-Pack's built-in superuser before 6.0, and
// admin/admin the OpenSearch (and Open Distro) demo configuration before 2.12.
var DefaultCredentials = []store.Credential{
	{Username: "elastic", Password: "changeme"},
	{Username: "admin", Password: "admin"},
}

// rootInfo is GET / (Elasticsearch root API; OpenSearch adds version.distribution).
type rootInfo struct {
	Name        string `json:"name"`
	ClusterName string `json:"cluster_name"`
	ClusterUUID string `json:"cluster_uuid"`
	Version     struct {
		Number       string `json:"number"`
		Distribution string `json:"distribution"`
		BuildFlavor  string `json:"build_flavor"`
		BuildType    string `json:"build_type"`
		Lucene       string `json:"lucene_version"`
	} `json:"version"`
	Tagline string `json:"tagline"`
}

// parseRoot decides whether a 200 answer to GET / is Elasticsearch or OpenSearch.
func parseRoot(body []byte) (*rootInfo, bool) {
	var ri rootInfo
	if json.Unmarshal(body, &ri) != nil {
		return nil, false
	}
	if _, ok := vuln.Parse(ri.Version.Number); !ok {
		return nil, false
	}
	switch {
	case strings.Contains(ri.Tagline, "You Know, for Search"),
		strings.EqualFold(ri.Version.Distribution, "opensearch"),
		strings.Contains(ri.Tagline, "OpenSearch"):
		return &ri, true
	case ri.ClusterName != "" && ri.Version.Lucene != "":
		return &ri, true // a fork that changed the tagline
	}
	return nil, false
}

func (ri *rootInfo) product() string {
	if strings.EqualFold(ri.Version.Distribution, "opensearch") || strings.Contains(ri.Tagline, "OpenSearch") {
		return productOS
	}
	return productES
}

// authRealm recognises the 401 of a security plugin: X-Pack's realm "security",
// OpenSearch's "OpenSearch Security", Open Distro's and Search Guard's.
func authRealm(h http.Header, body []byte) (product string, ok bool) {
	for _, v := range h.Values("WWW-Authenticate") {
		lv := strings.ToLower(v)
		switch {
		case strings.Contains(lv, `realm="opensearch security"`):
			return productOS, true
		case strings.Contains(lv, `realm="open distro security"`), strings.Contains(lv, `realm="search guard"`):
			return productES, true
		case strings.Contains(lv, `realm="security"`):
			return productES, true
		}
	}
	if strings.Contains(string(body), `"security_exception"`) {
		return productES, true
	}
	return "", false
}

// Probe fingerprints ep and, when it is Elasticsearch or OpenSearch, decides access and
// explores what it can read.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	return probekit.TrySchemes(ctx, ep, &o, []int{443, 9243}, func(s *probekit.Session) (*store.Result, error) {
		return probe(ctx, s, ep, &o, start)
	})
}

var errWrongScheme = errors.New("plain HTTP sent to an HTTPS port")

// probe runs the whole path over one scheme. A nil result with a transport error means
// "try the other scheme".
func probe(ctx context.Context, s *probekit.Session, ep store.Endpoint, o *store.Options, start time.Time) (*store.Result, error) {
	r, err := s.Get(ctx, "/", 64<<10)
	if err != nil {
		if r != nil {
			return nil, fmt.Errorf("%w: GET /: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	var (
		root    *rootInfo
		product string
	)
	switch r.Status {
	case http.StatusOK:
		ri, ok := parseRoot(r.Body)
		if !ok {
			return nil, fmt.Errorf("%w: GET / is not Elasticsearch's root API", store.ErrNoMatch)
		}
		root, product = ri, ri.product()
	case http.StatusUnauthorized, http.StatusForbidden:
		pr, ok := authRealm(r.Header, r.Body)
		if !ok {
			return nil, fmt.Errorf("%w: HTTP %d without a security realm", store.ErrNoMatch, r.Status)
		}
		product = pr
	case http.StatusBadRequest:
		if !s.TLS && strings.Contains(strings.ToLower(string(r.Body)), "https") {
			// "Client sent an HTTP request to an HTTPS server": the other scheme decides.
			return nil, errWrongScheme
		}
		return nil, fmt.Errorf("%w: GET / answered HTTP %d", store.ErrNoMatch, r.Status)
	default:
		return nil, fmt.Errorf("%w: GET / answered HTTP %d", store.ErrNoMatch, r.Status)
	}

	res := &store.Result{Service: probekit.NewService(ep, protocolOf(product), product, s.TLS)}
	svc := &res.Service
	if root != nil {
		applyRoot(svc, root)
	}
	c, err := access(ctx, s, o, svc, root == nil)
	svc.Duration = probekit.Elapsed(start)
	switch {
	case errors.Is(err, store.ErrAuth):
		probekit.SetProtected(svc)
		res.Findings = append(res.Findings, versionFindings(*svc)...)
		return res, nil
	case err != nil:
		probekit.SetUndecided(svc, err)
		res.Findings = append(res.Findings, versionFindings(*svc)...)
		return res, err
	}
	sess := s.As(c)
	if svc.Version == "" {
		if r, err := sess.Get(ctx, "/", 64<<10); err == nil && r.Status == http.StatusOK {
			if ri, ok := parseRoot(r.Body); ok {
				applyRoot(svc, ri)
			}
		}
	}
	probekit.SetAccess(svc, c)
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	err = explore(ctx, sess, o, res)
	svc.Duration = probekit.Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
	}
	return res, err
}

func protocolOf(product string) string {
	if product == productOS {
		return protocolOSREST
	}
	return protocolREST
}

func applyRoot(svc *finding.Service, ri *rootInfo) {
	svc.Product = ri.product()
	svc.Protocol = protocolOf(svc.Product)
	svc.Version = ri.Version.Number
	set := func(k, v string) {
		if v != "" {
			svc.Details[k] = v
		}
	}
	set("cluster_name", ri.ClusterName)
	set("cluster_uuid", ri.ClusterUUID)
	set("node_name", ri.Name)
	set("build_flavor", ri.Version.BuildFlavor)
	set("build_type", ri.Version.BuildType)
	set("lucene_version", ri.Version.Lucene)
}

// access finds the first principal that may list indices: anonymous first (no security
// plugin, or an anonymous role), then default and user credentials. Listing indices, not
// GET /, decides: an anonymous role may see the root API and nothing else. needRoot
// means GET / itself refused us. It returns ErrAuth when every principal was refused.
func access(ctx context.Context, s *probekit.Session, o *store.Options, svc *finding.Service, needRoot bool) (*store.Credential, error) {
	var lastErr error
	for _, c := range store.CredentialsToTry(o, svc.Product, DefaultCredentials...) {
		if c == nil && needRoot {
			lastErr = store.ErrAuth
			continue
		}
		r, err := s.As(c).Get(ctx, catIndicesPath, 0)
		switch {
		case err != nil && store.IsTimeout(err):
			return nil, err
		case err != nil && r == nil:
			return nil, err
		case r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden:
			lastErr = fmt.Errorf("%w: %s refused (HTTP %d)", store.ErrAuth, who(c), r.Status)
		default:
			// Anything else — the list, a body too large to keep, an error of an old
			// release without format=json — means this principal got past security.
			return c, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	if lastErr == nil {
		lastErr = store.ErrAuth
	}
	return nil, lastErr
}

func who(c *store.Credential) string {
	if c == nil {
		return "anonymous access"
	}
	return fmt.Sprintf("user %q", c.Username)
}
