// Package kibana probes Kibana (and OpenSearch Dashboards) over HTTP(S): it fingerprints
// the server from /api/status and its kbn-name / osd-name headers, decides whether its
// API answers without a login, and reads what that exposes — saved objects (index
// patterns, dashboards, visualizations, saved searches) and spaces. Kibana holds
// credentials for Elasticsearch, so an open Kibana is an open cluster: that is reported
// as a capability. Only GETs are sent.
package kibana

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

const (
	name     = "kibana"
	protocol = "kibana-http"
	productK = "kibana"
	productD = "opensearch-dashboards"
)

// Prober implements store.Prober for Kibana and OpenSearch Dashboards.
type Prober struct{ probekit.About }

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: name,
	Display: "Kibana",
	// Ports: Kibana's and OpenSearch Dashboards' port.
	Ports: []int{5601},
	Remediation: "Enable Elasticsearch security so that Kibana requires a login (xpack.security, on by default since 8.0; the " +
		"security plugin for OpenSearch Dashboards), turn off anonymous access, bind server.host to private addresses " +
		"and put Kibana behind an authenticating proxy.",
}

// New returns a prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials: the X-Pack built-in superuser before 6.0.
var DefaultCredentials = []store.Credential{{Username: "elastic", Password: "changeme"}}

// status is /api/status: version is a string before 6.0 and an object after.
type status struct {
	Name    string          `json:"name"`
	UUID    string          `json:"uuid"`
	Version json.RawMessage `json:"version"`
	Status  struct {
		Overall struct {
			State string `json:"state"` // before 8.0
			Level string `json:"level"` // 8.0+
		} `json:"overall"`
	} `json:"status"`
}

func (s *status) version() string {
	var str string
	if json.Unmarshal(s.Version, &str) == nil {
		return str
	}
	var obj struct {
		Number string `json:"number"`
	}
	if json.Unmarshal(s.Version, &obj) == nil {
		return obj.Number
	}
	return ""
}

func productOf(h http.Header) (string, bool) {
	switch {
	case h.Get("kbn-name") != "" || h.Get("kbn-license-sig") != "" || h.Get("kbn-version") != "":
		return productK, true
	case h.Get("osd-name") != "" || h.Get("osd-version") != "":
		return productD, true
	}
	return "", false
}

// Probe fingerprints ep and, when it is Kibana, decides access and reads what is open.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	return probekit.TrySchemes(ctx, ep, &o, []int{443}, func(s *probekit.Session) (*store.Result, error) {
		return probe(ctx, s, ep, &o, start)
	})
}

func probe(ctx context.Context, s *probekit.Session, ep store.Endpoint, o *store.Options, start time.Time) (*store.Result, error) {
	r, err := s.Get(ctx, "/api/status", 1<<20)
	if err != nil {
		if r != nil && !errors.Is(err, store.ErrTooLarge) {
			return nil, fmt.Errorf("%w: GET /api/status: %v", store.ErrNoMatch, err)
		}
		if r == nil {
			return nil, err
		}
	}
	product, byHeader := productOf(r.Header)
	var st status
	parsed := json.Unmarshal(r.Body, &st) == nil && st.version() != ""
	switch {
	case r.Status == http.StatusBadRequest && !s.TLS && strings.Contains(strings.ToLower(string(r.Body)), "https"):
		return nil, errors.New("plain HTTP sent to an HTTPS port")
	case byHeader:
	case parsed && st.Status.Overall.State+st.Status.Overall.Level != "":
		product = productK
	case r.Status == http.StatusServiceUnavailable && strings.Contains(string(r.Body), "Kibana server is not ready yet"):
		product = productK
	default:
		return nil, fmt.Errorf("%w: /api/status is not Kibana's (HTTP %d)", store.ErrNoMatch, r.Status)
	}
	res := &store.Result{Service: probekit.NewService(ep, protocol, product, s.TLS)}
	svc := &res.Service
	applyStatus(svc, r.Header, &st, parsed)

	cred, err := access(ctx, s, o)
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
	sess := s.As(cred)
	if !parsed {
		if r, err := sess.Get(ctx, "/api/status", 1<<20); err == nil && r.Status == http.StatusOK {
			var st status
			if json.Unmarshal(r.Body, &st) == nil {
				applyStatus(svc, r.Header, &st, true)
			}
		}
	}
	probekit.SetAccess(svc, cred)
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	res.Findings = append(res.Findings, capabilityFindings(*svc)...)
	err = explore(ctx, sess, o, res)
	svc.Duration = probekit.Elapsed(start)
	if err != nil {
		svc.Error = err.Error()
	}
	return res, err
}

func applyStatus(svc *finding.Service, h http.Header, st *status, parsed bool) {
	if n := h.Get("kbn-name"); n != "" {
		svc.Details["name"] = n
	}
	if n := h.Get("osd-name"); n != "" {
		svc.Details["name"] = n
	}
	if v := h.Get("kbn-version"); v != "" && svc.Version == "" {
		svc.Version = v
	}
	if !parsed {
		return
	}
	if v := st.version(); v != "" {
		svc.Version = v
	}
	if st.Name != "" {
		svc.Details["name"] = st.Name
	}
	if st.UUID != "" {
		svc.Details["uuid"] = st.UUID
	}
	if lv := st.Status.Overall.Level + st.Status.Overall.State; lv != "" {
		svc.Details["overall_status"] = lv
	}
}

// savedObjectsProbe is the read that decides access: listing saved objects needs a
// session whenever security is on.
const savedObjectsProbe = "/api/saved_objects/_find?type=index-pattern&per_page=1"

func access(ctx context.Context, s *probekit.Session, o *store.Options) (*store.Credential, error) {
	var lastErr error
	for _, c := range store.CredentialsToTry(o, name, DefaultCredentials...) {
		_, err := s.As(c).GetJSON(ctx, savedObjectsProbe, nil)
		if err == nil {
			return c, nil
		}
		if !errors.Is(err, store.ErrAuth) {
			return nil, err
		}
		lastErr = err
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, lastErr
}

// savedTypes are the saved-object types every release since 6.x knows; an unknown type
// fails the whole request, so each is asked for on its own.
var savedTypes = []string{"index-pattern", "dashboard", "visualization", "search", "config", "url"}

// maxSpaces bounds the spaces decoded from one answer (their ids become one detail).
const maxSpaces = 1000

func explore(ctx context.Context, s *probekit.Session, o *store.Options, res *store.Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	type space struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	// Decoded one at a time up to maxSpaces: 8 MiB of empty spaces is 2.8 million.
	if spaces, more, err := probekit.GetList[space](ctx, s, "/api/spaces/space", maxSpaces); err == nil && len(spaces) > 0 {
		var names []string
		for _, sp := range spaces {
			names = append(names, probekit.CutName(sp.ID))
		}
		if more {
			names = append(names, "…")
		}
		svc.Details["spaces"] = strings.Join(names, ",")
	}
	for _, typ := range savedTypes {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		n := max(o.SampleRows, 1)
		type savedObject struct {
			ID         string          `json:"id"`
			Type       string          `json:"type"`
			UpdatedAt  string          `json:"updated_at"`
			Attributes json.RawMessage `json:"attributes"`
		}
		var out struct {
			Total        int64 `json:"total"`
			SavedObjects []savedObject
		}
		ds := finding.Dataset{Database: "saved_objects", Table: typ, Kind: "saved-object",
			Columns: []finding.Column{{Name: "id", Type: "string"}, {Name: "title", Type: "string"}, {Name: "updated_at", Type: "date"}, {Name: "attributes", Type: "json"}}}
		r, err := s.GetJSON(ctx, "/api/saved_objects/_find?type="+typ+"&per_page="+strconv.Itoa(n), nil)
		if err == nil {
			// The page asked for, decoded one object at a time: a server ignoring
			// per_page with 8 MiB of empty objects (2.8 million) cost 787 MiB decoded
			// whole.
			if v, ok, _ := probekit.ObjectMember(r.Body, "total"); ok {
				_ = json.Unmarshal(v, &out.Total)
			}
			if raw, ok, oerr := probekit.ObjectMember(r.Body, "saved_objects"); oerr != nil {
				err = oerr
			} else if ok {
				out.SavedObjects, _, err = probekit.DecodeList[savedObject](raw, n)
			}
		}
		if err != nil {
			if probekit.StatusOf(err) == http.StatusBadRequest {
				continue // a type this release does not have
			}
			ds.Error = probekit.FirstLine(err.Error(), 300)
			svc.Datasets = append(svc.Datasets, ds)
			continue
		}
		ds.Rows = out.Total
		if ds.Rows == 0 {
			continue
		}
		if o.SampleRows > 0 && !probekit.OutOfBudget(o, &ds) {
			smp := &store.Sample{Database: "saved_objects", Table: typ, Columns: []string{"id", "title", "updated_at", "attributes"}}
			b := probekit.SampleBudget(o)
			for _, so := range out.SavedObjects {
				var t struct {
					Title string `json:"title"`
				}
				_ = json.Unmarshal(so.Attributes, &t)
				row := []string{so.ID, t.Title, so.UpdatedAt, probekit.JSONCell(so.Attributes)}
				if !b.Add(row) {
					break
				}
				smp.Rows = append(smp.Rows, row)
			}
			ds.Sampled = len(smp.Rows)
			res.Samples = append(res.Samples, *smp)
		}
		svc.Datasets = append(svc.Datasets, ds)
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

func capabilityFindings(svc finding.Service) []finding.Finding {
	if svc.Auth != finding.AuthNone && svc.Auth != finding.AuthDefault {
		return nil
	}
	return []finding.Finding{probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Capability,
		Rule:  svc.Product + "-cluster-access",
		Title: "Kibana answers without a login: its Console reaches Elasticsearch with Kibana's own credentials",
		Detail: "Dev Tools → Console (/api/console/proxy) forwards any request to the cluster behind Kibana: every index " +
			"can be read, and usually changed or deleted. Saved objects, dashboards and index patterns show what is there.",
		Remediation: "Turn on security in Elasticsearch and Kibana (or the OpenSearch security plugin) so that Kibana requires a login."}, svc)}
}

// cves: sources are the CVE records (cvelistV5, assigner elastic) and Elastic's security
// announcements they cite.
var cves = []vuln.CVE{
	{ID: "CVE-2019-7609", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("", "5.6.15"), vuln.Span("6.0.0", "6.6.1")},
		Ref:     "https://discuss.elastic.co/t/elastic-stack-6-6-1-and-5-6-15-security-update/169077",
		Summary: "prototype pollution in Timelion runs code on the Kibana host for anyone who can use Timelion"},
	{ID: "CVE-2018-17246", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("", "5.6.13"), vuln.Span("6.0.0", "6.4.3")},
		Ref:     "https://discuss.elastic.co/t/elastic-stack-6-4-3-and-5-6-13-security-update/155594",
		Summary: "file inclusion in the Console plugin can run JavaScript files on the host"},
	{ID: "CVE-2024-37287", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("7.7.0", "7.17.23"), vuln.Span("8.0.0", "8.14.2")},
		Summary: "prototype pollution through ML and alerting connectors runs code on the Kibana host"},
	{ID: "CVE-2025-25015", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("8.15.0", "8.16.6"), vuln.Span("8.17.0", "8.17.3")},
		Summary: "prototype pollution through a crafted file upload runs code on the Kibana host (Viewer role suffices before 8.17.1)"},
}

func versionFindings(svc finding.Service) []finding.Finding {
	if svc.Product != productK {
		return nil
	}
	return vulnReport.Finding(svc, cves)
}

var vulnReport = vuln.Report{
	Rule: "kibana-known-vulnerabilities", Product: "Kibana",
	DefaultRef:  "https://www.elastic.co/community/security",
	Remediation: "Upgrade Kibana to a supported release that includes every fix listed.",
}
