// Package etcd probes etcd through its HTTP JSON gateway (the v3 gRPC API mapped to
// POST /v3/…, with base64 keys), which every etcd since 3.2 serves on its client port
// next to gRPC: so the prober needs no gRPC client and goes through probekit.Client
// like every HTTP prober. It decides whether the cluster enforces authentication, counts
// the keys, groups them into datasets by prefix, samples values within byte caps, and
// reports Kubernetes Secrets it can read, what anyone could write, plain-text transport
// and known vulnerabilities. It only calls read APIs (range, status, member list,
// authenticate); see readOnlyPaths.
package etcd

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

const (
	product = "etcd"
	// Proto is the protocol name in services and findings.
	Proto = "etcd"
)

// Prober implements store.Prober for etcd.
type Prober struct {
	probekit.About
	sent func(path string) // tests: sees every API path before it is called
}

var (
	_ store.Prober    = (*Prober)(nil)
	_ store.Describer = (*Prober)(nil)
)

// about names the product and says how to close it.
var about = probekit.About{
	Product: product,
	Display: "etcd",
	// Ports: etcd's client port (its peer port, 2380, serves only members).
	Ports: []int{2379},
	Remediation: "Serve clients over TLS with client certificates (--client-cert-auth, --trusted-ca-file), enable RBAC " +
		"(etcdctl user add root; etcdctl auth enable), listen only on private addresses (--listen-client-urls), " +
		"and firewall port 2379 to the API servers and operators that need it.",
}

// New returns an etcd prober.
func New() *Prober { return &Prober{About: about} }

// DefaultCredentials are tried when authentication is enabled: the root user with the
// passwords tutorials and installers set.
var DefaultCredentials = []store.Credential{
	{Store: product, Username: "root", Password: "root"},
	{Store: product, Username: "root", Password: "etcd"},
	{Store: product, Username: "root", Password: "password"},
	{Store: product, Username: "root", Password: "123456"},
}

// readOnlyPaths are the only API calls made (after the v3 prefix). None writes:
// authenticate issues a token and changes nothing stored.
var readOnlyPaths = map[string]bool{"/kv/range": true, "/maintenance/status": true, "/cluster/member/list": true,
	"/auth/authenticate": true, "/auth/user/get": true, "/auth/role/get": true}

// ErrNotReadOnly is returned for an API call outside readOnlyPaths.
var ErrNotReadOnly = errors.New("etcd: API call is not on the read-only allow-list")

// api is a session with the v3 JSON gateway.
type api struct {
	h      *probekit.Session
	prefix string // "/v3", "/v3beta" or "/v3alpha"
	sent   func(path string)
}

// gatewayError is the gateway's error body: {"error": …, "message": …, "code": n}.
type gatewayError struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	Code    int    `json:"code"`
}

// APIError is an error answered by etcd.
type APIError struct {
	Status  int
	Code    int
	Message string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("etcd: %s (HTTP %d, code %d)", e.Message, e.Status, e.Code)
}

// Unwrap classifies refusals to an anonymous or wrongly authenticated client as
// store.ErrAuth; "permission denied" (a user without the role) is not one.
func (e *APIError) Unwrap() error {
	if e.IsAuth() {
		return store.ErrAuth
	}
	return nil
}

// IsAuth reports that the request needs (other) credentials.
func (e *APIError) IsAuth() bool {
	m := e.Message
	return strings.Contains(m, "user name is empty") || strings.Contains(m, "invalid auth token") ||
		strings.Contains(m, "authentication failed") || strings.Contains(m, "user name not found") ||
		e.Status == http.StatusUnauthorized
}

func (a *api) call(ctx context.Context, path string, req, out any) error {
	if !readOnlyPaths[path] {
		return fmt.Errorf("%w: %s", ErrNotReadOnly, path)
	}
	if a.sent != nil {
		a.sent(path)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return err
	}
	resp, err := a.h.Do(ctx, http.MethodPost, a.prefix+path, body, 0)
	if err != nil {
		return err
	}
	if resp.Status != http.StatusOK {
		var ge gatewayError
		if jerr := resp.JSON(&ge); jerr != nil || (ge.Error == "" && ge.Message == "") {
			return &APIError{Status: resp.Status, Message: probekit.Trim(resp.Body)}
		}
		msg := ge.Message
		if msg == "" {
			msg = ge.Error
		}
		return &APIError{Status: resp.Status, Code: ge.Code, Message: probekit.Printable([]byte(msg), 300)}
	}
	return resp.JSON(out)
}

// Probe fingerprints ep with GET /version and, when it is etcd, decides access and lists
// and samples what it holds within opts.InventoryTimeout.
func (p *Prober) Probe(ctx context.Context, ep store.Endpoint, opts *store.Options) (*store.Result, error) {
	o := opts.WithDefaults()
	start := time.Now()
	h, resp, err := probekit.OpenSession(ctx, ep, &o, "/version")
	if err != nil {
		if h != nil {
			h.Close()
		}
		if errors.Is(err, store.ErrTooLarge) {
			return nil, fmt.Errorf("%w: GET /version: %v", store.ErrNoMatch, err)
		}
		return nil, err
	}
	defer h.Close()
	ver, err := parseVersion(resp)
	if err != nil {
		return nil, err
	}
	res := &store.Result{Service: probekit.NewService(ep, Proto, product, h.TLS)}
	svc := &res.Service
	svc.Version = ver.Server
	if ver.Cluster != "" {
		svc.Details["cluster_version"] = ver.Cluster
	}
	prefix, ok := apiPrefix(ver.Server)
	if !ok {
		// etcd 2.x has no v3 API; its v2 key space is a different product line.
		svc.Details["api"] = "v2 only"
		return probekit.Done(res, start, probeV2(ctx, h, res))
	}
	a := &api{h: h, prefix: prefix, sent: p.sent}
	svc.Details["api"] = prefix
	clusterFacts(ctx, a, svc)
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	if !h.TLS {
		res.Findings = append(res.Findings, plainTextFinding(*svc))
	}

	total, err := a.count(ctx, "\x00", "\x00")
	var used *store.Credential
	if err != nil {
		var ae *APIError
		if !errors.As(err, &ae) || !ae.IsAuth() {
			return probekit.Done(res, start, fmt.Errorf("range: %w", err))
		}
		svc.Details["auth"] = "enabled"
		used, total, err = p.login(ctx, a, &o)
		if err != nil {
			return probekit.Done(res, start, err)
		}
		if used == nil {
			svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
			return probekit.Done(res, start, nil)
		}
		svc.User = used.Username
	}
	svc.Auth, svc.Status = store.AuthOf(used), finding.StatusOpen
	ranges := []keyRange{{"\x00", "\x00"}}
	if used != nil {
		g := a.grants(ctx, used.Username)
		svc.Details["roles"] = probekit.CutText(strings.Join(g.roles, ", "), 300)
		if !g.root && total < 0 && len(g.read) > 0 {
			// The user may not read every key: inventory what its roles allow.
			ranges = g.read
		}
		res.Findings = append(res.Findings, grantFindings(*svc, g)...)
	}
	if total >= 0 {
		svc.Details["keys"] = fmt.Sprint(total)
	}
	ictx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	err = explore(ictx, a, &o, res, ranges)
	if err != nil && ctx.Err() == nil && ictx.Err() != nil {
		err = probekit.Truncated(svc, &o)
	}
	return probekit.Done(res, start, err)
}

// login tries the default and the user's credentials with /auth/authenticate, and the
// token it gets on a count of every key. It returns the credential that read, or nil
// when every one was refused.
func (p *Prober) login(ctx context.Context, a *api, o *store.Options) (*store.Credential, int64, error) {
	// [1:]: no credentials at all was tried already.
	for _, c := range store.CredentialsToTry(o, product, DefaultCredentials...)[1:] {
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		var out struct {
			Token string `json:"token"`
		}
		err := a.call(ctx, "/auth/authenticate", map[string]string{"name": c.Username, "password": c.Password}, &out)
		var ae *APIError
		if errors.As(err, &ae) {
			continue // wrong user or password
		}
		if err != nil {
			return nil, 0, err
		}
		if out.Token == "" {
			continue
		}
		a.h.Header.Set("Authorization", out.Token)
		total, err := a.count(ctx, "\x00", "\x00")
		if err != nil {
			if errors.As(err, &ae) {
				// Logged in, but the user may not read every key: still in.
				if strings.Contains(ae.Message, "permission denied") {
					return c, -1, nil
				}
				a.h.Header.Del("Authorization")
				continue
			}
			return nil, 0, err
		}
		return c, total, nil
	}
	return nil, 0, nil
}

type versionInfo struct {
	Server  string `json:"etcdserver"`
	Cluster string `json:"etcdcluster"`
}

// parseVersion accepts only etcd's /version answer.
func parseVersion(resp *probekit.Response) (versionInfo, error) {
	var v versionInfo
	if resp.Status != http.StatusOK {
		return v, fmt.Errorf("%w: GET /version answered HTTP %d", store.ErrNoMatch, resp.Status)
	}
	if err := resp.JSON(&v); err != nil {
		return v, fmt.Errorf("%w: GET /version is not etcd's", store.ErrNoMatch)
	}
	if _, ok := vuln.Parse(v.Server); !ok {
		return v, fmt.Errorf("%w: GET /version has no etcd server version", store.ErrNoMatch)
	}
	v.Server = probekit.CutText(v.Server, 64)
	v.Cluster = probekit.CutText(v.Cluster, 64)
	return v, nil
}

// apiPrefix is where the JSON gateway serves the v3 API: /v3alpha in 3.2, /v3beta in
// 3.3, /v3 from 3.4 (3.4 keeps /v3beta as an alias; 3.5 drops it).
func apiPrefix(version string) (string, bool) {
	v, ok := vuln.Parse(version)
	switch {
	case !ok || v[0] < 3:
		return "", false
	case v[0] == 3 && v[1] <= 2:
		return "/v3alpha", true
	case v[0] == 3 && v[1] == 3:
		return "/v3beta", true
	}
	return "/v3", true
}

// clusterFacts records the member's status and the cluster's members: their client and
// peer URLs map the internal network. Both calls work without credentials on 3.4.
func clusterFacts(ctx context.Context, a *api, svc *finding.Service) {
	var st struct {
		Version   string `json:"version"`
		DBSize    string `json:"dbSize"`
		Leader    string `json:"leader"`
		RaftIndex string `json:"raftIndex"`
		Header    struct {
			MemberID string `json:"member_id"`
		} `json:"header"`
	}
	if err := a.call(ctx, "/maintenance/status", struct{}{}, &st); err == nil {
		if st.DBSize != "" {
			svc.Details["db_size"] = probekit.CutText(st.DBSize, 20)
		}
		if st.Leader != "" {
			svc.Details["is_leader"] = fmt.Sprint(st.Leader == st.Header.MemberID)
		}
		if st.RaftIndex != "" {
			svc.Details["raft_index"] = probekit.CutText(st.RaftIndex, 20)
		}
	}
	// Members, and each member's URLs, are decoded an element at a time up to what is
	// shown (20 members, 20 URLs a list), the rest counted: 4 MiB of empty members and
	// 4 MiB of one member's URLs cost 653 MiB decoded whole.
	var ml struct {
		Members json.RawMessage `json:"members"`
	}
	if err := a.call(ctx, "/cluster/member/list", struct{}{}, &ml); err != nil || len(ml.Members) == 0 {
		return
	}
	members, total, err := probekit.DecodeListCounted[struct {
		Name       string          `json:"name"`
		PeerURLs   json.RawMessage `json:"peerURLs"`
		ClientURLs json.RawMessage `json:"clientURLs"`
	}](ml.Members, 20)
	if err != nil || total == 0 {
		return
	}
	urls := func(list json.RawMessage) string {
		us, more, err := decodeSome[string](list, 20)
		if err != nil {
			return "?"
		}
		s := strings.Join(us, ",")
		if more {
			s += ",…"
		}
		return s
	}
	var parts []string
	for _, m := range members {
		parts = append(parts, fmt.Sprintf("%s clients=%s peers=%s", m.Name, urls(m.ClientURLs), urls(m.PeerURLs)))
	}
	if total > len(members) {
		parts = append(parts, fmt.Sprintf("… %d more", total-len(members)))
	}
	svc.Details["members"] = probekit.Printable([]byte(strings.Join(parts, "; ")), 2000)
}

func plainTextFinding(svc finding.Service) finding.Finding {
	return probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "etcd-no-tls",
		Title: "etcd serves its client API over plain HTTP",
		Detail: "Keys, values, passwords sent to /auth/authenticate and the tokens that follow cross the network in clear; " +
			"for Kubernetes this includes every Secret.",
		Remediation: "Serve clients over TLS (--cert-file, --key-file) and require client certificates (--client-cert-auth)."}, svc)
}
