// Package prometheus probes Prometheus servers over their HTTP API: build information,
// the loaded configuration (which often carries credentials Prometheus does not
// redact: URL parameters, relabelled headers, and everything in versions before
// secrets were masked), command-line flags (admin and lifecycle APIs), scrape targets (a
// map of the internal network) and metric names. It sends only GET requests to read
// endpoints (see readPaths), and never calls the admin or lifecycle APIs it reports.
package prometheus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

const (
	product = "prometheus"
	// Proto is the protocol name in services and findings.
	Proto = "prometheus-http"
)

// Prober implements store.Prober for Prometheus.
type Prober struct {
	probekit.About
	sent func(path string) // tests: sees every path before it is requested
}

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "Prometheus",
	// Ports: Prometheus's web port.
	Ports: []int{9090},
	Remediation: "Put Prometheus behind authentication (--web.config.file with basic_auth_users and TLS, available since 2.24, " +
		"or an authenticating reverse proxy), listen on private addresses (--web.listen-address), firewall port 9090, " +
		"and keep credentials out of the configuration (use *_file settings) since /api/v1/status/config shows it.",
}

// New returns a Prometheus prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials are tried when the server asks for basic authentication.
var DefaultCredentials = []store.Credential{
	{Store: product, Username: "admin", Password: "admin"},
	{Store: product, Username: "admin", Password: "prometheus"},
	{Store: product, Username: "prometheus", Password: "prometheus"},
}

// readPaths are the only requests made, all GET.
var readPaths = []string{"/api/v1/status/buildinfo", "/api/v1/status/config", "/api/v1/status/flags",
	"/api/v1/targets", "/api/v1/label/__name__/values", "/api/v1/status/tsdb", "/-/healthy"}

// ErrNotReadOnly is returned for a path outside readPaths.
var ErrNotReadOnly = errors.New("prometheus: path is not on the read-only allow-list")

type session struct {
	h    *probekit.Session
	sent func(path string)
}

// apiResponse is the envelope of every /api/v1 answer.
type apiResponse struct {
	Status    string          `json:"status"`
	Data      json.RawMessage `json:"data"`
	ErrorType string          `json:"errorType"`
	Error     string          `json:"error"`
}

// HTTPError is a non-success answer.
type HTTPError struct {
	Status int
	Body   string
}

func (e *HTTPError) Error() string { return fmt.Sprintf("prometheus: HTTP %d: %s", e.Status, e.Body) }

// Unwrap classifies 401 as store.ErrAuth.
func (e *HTTPError) Unwrap() error {
	if e.Status == http.StatusUnauthorized {
		return store.ErrAuth
	}
	return nil
}

func (s *session) get(ctx context.Context, path string, query string, data any) (*probekit.Response, error) {
	if !slices.Contains(readPaths, path) {
		return nil, fmt.Errorf("%w: %s", ErrNotReadOnly, path)
	}
	if s.sent != nil {
		s.sent(path)
	}
	if query != "" {
		path += "?" + query
	}
	resp, err := s.h.Get(ctx, path, 0)
	if err != nil {
		return resp, err
	}
	if resp.Status != http.StatusOK {
		return resp, &HTTPError{Status: resp.Status, Body: probekit.Trim(resp.Body)}
	}
	if data == nil {
		return resp, nil
	}
	var env apiResponse
	if err := resp.JSON(&env); err != nil {
		return resp, err
	}
	if env.Status != "success" {
		return resp, fmt.Errorf("prometheus: %s: %s", env.ErrorType, probekit.Printable([]byte(env.Error), 200))
	}
	if err := json.Unmarshal(env.Data, data); err != nil {
		return resp, fmt.Errorf("%w: %s data: %v", store.ErrProtocol, path, err)
	}
	return resp, nil
}

type buildInfo struct {
	Version   string `json:"version"`
	Revision  string `json:"revision"`
	Branch    string `json:"branch"`
	GoVersion string `json:"goVersion"`
	BuildDate string `json:"buildDate"`
}

// Probe fingerprints ep and, when it is Prometheus, decides access and reads its
// configuration, flags, targets and metric names within opts.InventoryTimeout.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	h, resp, err := probekit.OpenSession(ctx, ep, &o, "/api/v1/status/buildinfo")
	if err != nil {
		if h != nil {
			h.Close()
		}
		if errors.Is(err, store.ErrTooLarge) {
			return nil, fmt.Errorf("%w: buildinfo: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	defer h.Close()
	s := &session{h: h, sent: p.sent}
	var bi buildInfo
	identified, protected := false, false
	switch {
	case resp.Status == http.StatusOK:
		identified = parseBuildInfo(resp, &bi)
	case resp.Status == http.StatusUnauthorized:
		// Basic authentication (--web.config.file) hides everything, the build too. A
		// 401 asking for Basic on Prometheus's API path at its own port is taken as
		// Prometheus; elsewhere it is not claimed.
		protected = strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Basic") &&
			(slices.Contains(p.DefaultPorts(), ep.Port) || ep.Scheme == product)
	case resp.Status == http.StatusNotFound:
		// Before 2.14 there is no buildinfo: the health endpoint names the product.
		if r, err := s.get(ctx, "/-/healthy", "", nil); err == nil && strings.Contains(string(r.Body), "Prometheus") {
			identified = true
		}
	}
	if !identified && !protected {
		return nil, fmt.Errorf("%w: not a Prometheus API (HTTP %d)", store.ErrNoMatch, resp.Status)
	}
	res := &store.Result{Service: probekit.NewService(ep, Proto, product, h.TLS)}
	svc := &res.Service
	var used *store.Credential
	if protected {
		svc.Details["auth"] = "basic"
		// [1:]: no credentials at all was tried already.
		for _, c := range store.CredentialsToTry(&o, product, DefaultCredentials...)[1:] {
			h.Header.Set("Authorization", basicAuth(c.Username, c.Password))
			r, err := s.get(ctx, "/api/v1/status/buildinfo", "", nil)
			if err == nil && parseBuildInfo(r, &bi) {
				used = c
				break
			}
			if err != nil && !errors.Is(err, store.ErrAuth) {
				h.Header.Del("Authorization")
				return probekit.Done(res, start, err)
			}
		}
		if used == nil {
			h.Header.Del("Authorization")
			svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
			svc.Details["identified_by"] = "HTTP 401 with Basic authentication on /api/v1/status/buildinfo at Prometheus's port"
			return probekit.Done(res, start, nil)
		}
		svc.User = used.Username
	}
	svc.Auth, svc.Status = store.AuthOf(used), finding.StatusOpen
	applyBuild(svc, bi)
	res.Findings = append(res.Findings, vulnReport.Finding(*svc, cves)...)
	ictx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	err = s.explore(ictx, &o, res)
	if err != nil && ctx.Err() == nil && ictx.Err() != nil {
		err = probekit.Truncated(svc, &o)
	}
	return probekit.Done(res, start, err)
}

func parseBuildInfo(r *probekit.Response, bi *buildInfo) bool {
	var env apiResponse
	if r.Status != http.StatusOK || json.Unmarshal(r.Body, &env) != nil || env.Status != "success" {
		return false
	}
	if json.Unmarshal(env.Data, bi) != nil {
		return false
	}
	_, ok := vuln.Parse(bi.Version)
	return ok && bi.GoVersion != ""
}

func applyBuild(svc *finding.Service, bi buildInfo) {
	if bi.Version == "" {
		return
	}
	svc.Version = probekit.CutText(bi.Version, 64)
	for k, v := range map[string]string{"revision": bi.Revision, "branch": bi.Branch, "go_version": bi.GoVersion, "build_date": bi.BuildDate} {
		if v != "" {
			svc.Details[k] = probekit.Printable([]byte(v), 100)
		}
	}
}

func basicAuth(user, password string) string {
	r, _ := http.NewRequest(http.MethodGet, "/", nil)
	r.SetBasicAuth(user, password)
	return r.Header.Get("Authorization")
}
