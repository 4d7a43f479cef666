package influxdb

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// ProtoV2 is the protocol name of an InfluxDB 2.x service.
const ProtoV2 = "influxdb2-http"

// v2Paths are the only InfluxDB 2.x API calls made; all are reads, and signin opens a
// session without changing anything stored.
var v2Paths = map[string]bool{"/health": true, "/api/v2/setup": true, "/api/v2/buckets": true, "/api/v2/signin": true}

// probeV2 reports an InfluxDB 2.x: whether it is still waiting for its first user
// (onboarding open to anyone), whether it refuses anonymous API calls, and, with a
// token (a credential without user name) or a user and password, its buckets.
// Shapes from the InfluxDB 2 API reference (GET /health, GET /api/v2/setup,
// GET /api/v2/buckets, POST /api/v2/signin).
func (p *Prober) probeV2(ctx context.Context, h *probekit.Session, o *store.Options, res *store.Result) error {
	svc := &res.Service
	call := func(method, path string, query url.Values) (*probekit.Response, error) {
		if !v2Paths[path] {
			return nil, fmt.Errorf("%w: %s", ErrNotReadOnly, path)
		}
		if p.sent != nil {
			p.sent(method + " " + path)
		}
		if len(query) > 0 {
			path += "?" + query.Encode()
		}
		return h.Do(ctx, method, path, nil, 0)
	}
	var health struct {
		Status, Version, Commit string
	}
	if r, err := call(http.MethodGet, "/health", nil); err == nil && r.Status == http.StatusOK && r.JSON(&health) == nil {
		if health.Commit != "" {
			svc.Details["commit"] = probekit.CutText(health.Commit, 64)
		}
		svc.Details["health"] = probekit.CutText(health.Status, 32)
	}
	var setup struct {
		Allowed bool `json:"allowed"`
	}
	if r, err := call(http.MethodGet, "/api/v2/setup", nil); err == nil && r.Status == http.StatusOK && r.JSON(&setup) == nil && setup.Allowed {
		svc.Auth, svc.Status = finding.AuthNone, finding.StatusOpen
		svc.Details["setup"] = "not done: onboarding open"
		res.Findings = append(res.Findings, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Capability,
			Rule:  "influxdb-setup-open",
			Title: "InfluxDB 2 has not been set up: anyone can create its first user, organization and operator token",
			Detail: "GET /api/v2/setup answers allowed=true: POST /api/v2/setup from any client creates the initial admin " +
				"and an all-access operator token.",
			Remediation: "Run the initial setup (influx setup) now from a trusted host, or stop the service until it is."}, *svc))
		return nil
	}
	q := url.Values{"limit": {strconv.Itoa(min(o.MaxTables, 100))}}
	r, err := call(http.MethodGet, "/api/v2/buckets", q)
	if err != nil {
		return err
	}
	var used *store.Credential
	if r.Status == http.StatusUnauthorized || r.Status == http.StatusForbidden {
		// [1:]: no credentials at all was tried already.
		for _, c := range store.CredentialsToTry(o, product)[1:] {
			if c.Username == "" {
				h.Header.Set("Authorization", "Token "+c.Password)
			} else {
				h.Header.Set("Authorization", basicAuth(c.Username, c.Password))
				sr, err := call(http.MethodPost, "/api/v2/signin", nil)
				if err != nil {
					return err
				}
				h.Header.Del("Authorization")
				cookie := ""
				for _, ck := range (&http.Response{Header: sr.Header}).Cookies() {
					if ck.Name == "influxdb-oss-session" || ck.Name == "session" {
						cookie = ck.Name + "=" + ck.Value
					}
				}
				if sr.Status != http.StatusNoContent || cookie == "" {
					continue
				}
				h.Header.Set("Cookie", cookie)
			}
			r, err = call(http.MethodGet, "/api/v2/buckets", q)
			if err != nil {
				return err
			}
			if r.Status == http.StatusOK {
				used = c
				break
			}
			h.Header.Del("Authorization")
			h.Header.Del("Cookie")
		}
		if used == nil {
			svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
			return nil
		}
		svc.User = used.Username
	}
	if r.Status != http.StatusOK {
		return fmt.Errorf("GET /api/v2/buckets answered HTTP %d: %s", r.Status, probekit.Trim(r.Body))
	}
	svc.Auth, svc.Status = store.AuthOf(used), finding.StatusOpen
	// The server may answer with more buckets than the limit asked for: list at most
	// MaxTables of them, as every store does, and count the rest from the bytes (a
	// system bucket is one whose element names "system"): 8 MiB of empty buckets cost
	// 804 MiB decoded whole.
	list, ok, err := probekit.ObjectMember(r.Body, "buckets")
	if err != nil {
		return err
	}
	if !ok {
		list = []byte("[]") // no member: no bucket, as when the answer was decoded whole
	}
	type bucket struct {
		Name  string `json:"name"`
		OrgID string `json:"orgID"`
		Type  string `json:"type"`
	}
	listed := 0
	var bad error
	err = probekit.EachElement(list, func(elem []byte) bool {
		full := len(svc.Datasets) >= o.MaxTables
		if full && !bytes.Contains(elem, []byte("system")) {
			listed++ // not a system bucket: counted, not decoded
			return true
		}
		var b bucket
		if full {
			var t struct {
				Type string `json:"type"`
			}
			bad = json.Unmarshal(elem, &t)
			b.Type = t.Type
		} else {
			bad = json.Unmarshal(elem, &b)
		}
		if bad != nil {
			return false
		}
		if b.Type == "system" {
			return true
		}
		listed++
		if full {
			svc.Truncated = true
			return true
		}
		svc.Datasets = append(svc.Datasets, finding.Dataset{Database: probekit.CutText(b.OrgID, 64), Table: probekit.CutText(b.Name, 200), Kind: "bucket"})
		return true
	})
	if err == nil && bad != nil {
		err = fmt.Errorf("%w: GET /api/v2/buckets: %v", store.ErrProtocol, bad)
	}
	if err != nil {
		return err
	}
	if listed > len(svc.Datasets) {
		svc.Truncated = true
	}
	svc.Details["buckets"] = strconv.Itoa(listed)
	return nil
}
