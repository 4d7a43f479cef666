package etcd

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// maxKeyList bounds the key names listed (keys_only) to form datasets.
const maxKeyList = 5000

// keyRange is [key, end): "\x00", "\x00" is every key.
type keyRange struct{ key, end string }

// rangeRequest is etcdserverpb.RangeRequest as the gateway reads it: keys base64,
// 64-bit integers as JSON numbers or strings.
type rangeRequest struct {
	Key          string `json:"key"`
	RangeEnd     string `json:"range_end,omitempty"`
	Limit        int64  `json:"limit,omitempty"`
	KeysOnly     bool   `json:"keys_only,omitempty"`
	CountOnly    bool   `json:"count_only,omitempty"`
	Serializable bool   `json:"serializable,omitempty"`
}

type keyValue struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// rangeResponse is what count reads of an answer (key-values are rangeKeys').
type rangeResponse struct {
	Count string `json:"count"`
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// count counts the keys in [key, end) without reading them. Serializable reads are
// answered by the member itself, without a round of consensus.
func (a *api) count(ctx context.Context, key, end string) (int64, error) {
	var out rangeResponse
	if err := a.call(ctx, "/kv/range", rangeRequest{Key: b64(key), RangeEnd: b64(end), CountOnly: true, Serializable: true}, &out); err != nil {
		return 0, err
	}
	if out.Count == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(out.Count, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: count %q", store.ErrProtocol, out.Count)
	}
	return n, nil
}

// rangeKeys reads up to limit keys of [key, end), with their values unless keysOnly.
func (a *api) rangeKeys(ctx context.Context, key, end string, limit int64, keysOnly bool) ([]keyValue, bool, error) {
	var out struct {
		KVs  json.RawMessage `json:"kvs"`
		More bool            `json:"more"`
	}
	err := a.call(ctx, "/kv/range", rangeRequest{Key: b64(key), RangeEnd: b64(end), Limit: limit, KeysOnly: keysOnly, Serializable: true}, &out)
	if err != nil {
		return nil, false, err
	}
	// At most limit key-values decoded, one at a time: a member ignoring the limit with
	// 8 MiB of empty ones (2.8 million) cost 605 MiB decoded whole before the cut.
	keep := int(limit)
	if limit <= 0 || limit > maxRangeKeys {
		keep = maxRangeKeys
	}
	var got []keyValue
	total := 0
	if len(out.KVs) > 0 {
		if got, total, err = probekit.DecodeListCounted[keyValue](out.KVs, keep); err != nil {
			return nil, false, err
		}
	}
	more := out.More || total > len(got)
	kvs := make([]keyValue, 0, len(got))
	for _, kv := range got {
		k, err := base64.StdEncoding.DecodeString(kv.Key)
		if err != nil {
			return kvs, more, fmt.Errorf("%w: key is not base64", store.ErrProtocol)
		}
		v, err := base64.StdEncoding.DecodeString(kv.Value)
		if err != nil {
			return kvs, more, fmt.Errorf("%w: value is not base64", store.ErrProtocol)
		}
		kvs = append(kvs, keyValue{Key: string(k), Value: string(v)})
	}
	return kvs, more, nil
}

// maxRangeKeys bounds the key-values decoded from a range asked without a limit.
const maxRangeKeys = 100_000

// prefixEnd is the end of the range of keys starting with prefix: the prefix with its
// last byte incremented (clientv3.GetPrefixRangeEnd), "\x00" (every key) past 0xff.
func prefixEnd(prefix string) string {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\x00"
}

// noPrefix names the dataset of keys without a separator.
const noPrefix = "(no prefix)"

// prefixOf is the dataset a key belongs to: its first path segment ("/app/"), two for
// the Kubernetes registry ("/registry/secrets/") whose second segment is the resource
// type; keys without "/" are grouped by what precedes their first ":".
func prefixOf(key string) string {
	rest, slash := strings.CutPrefix(key, "/")
	if i := strings.IndexByte(rest, '/'); i > 0 {
		first := rest[:i]
		if first == "registry" || first == "kubernetes.io" {
			if j := strings.IndexByte(rest[i+1:], '/'); j > 0 {
				return key[:len(key)-len(rest)] + rest[:i+1+j+1]
			}
		}
		return key[:len(key)-len(rest)] + rest[:i+1]
	}
	if !slash {
		if i := strings.IndexByte(key, ':'); i > 0 {
			return key[:i+1]
		}
	}
	return noPrefix
}

// explore lists key names, groups them into datasets with exact counts, samples each
// dataset and reports what the data and the access allow.
func explore(ctx context.Context, a *api, o *store.Options, res *store.Result, ranges []keyRange) error {
	svc := &res.Service
	var kvs []keyValue
	more := false
	for _, r := range ranges {
		part, m, err := a.rangeKeys(ctx, r.key, r.end, int64(maxKeyList/len(ranges)), true)
		if err != nil {
			return fmt.Errorf("listing keys: %w", err)
		}
		kvs = append(kvs, part...)
		more = more || m
	}
	if more {
		svc.Truncated = true
		svc.Details["keys_listed"] = strconv.Itoa(len(kvs))
	}
	byPrefix := map[string][]string{}
	var prefixes []string
	// Keys and prefixes past probekit.MaxNameBytes are kept cut and never sent back.
	cut, longPrefix := map[string]bool{}, map[string]bool{}
	for _, kv := range kvs {
		p, k := prefixOf(kv.Key), kv.Key
		if len(p) > probekit.MaxNameBytes {
			p = probekit.CutName(p)
			longPrefix[p] = true
		}
		if len(k) > probekit.MaxNameBytes {
			k = probekit.CutName(k)
			cut[k] = true
		}
		if _, ok := byPrefix[p]; !ok {
			prefixes = append(prefixes, p)
		}
		byPrefix[p] = append(byPrefix[p], k)
	}
	kvs = nil
	sort.Strings(prefixes)
	if len(prefixes) > o.MaxTables {
		prefixes = prefixes[:o.MaxTables]
		svc.Truncated = true
	}
	for _, p := range prefixes {
		ds := finding.Dataset{Table: p, Kind: "prefix", Rows: int64(len(byPrefix[p]))}
		if longPrefix[p] {
			ds.Error = probekit.LongName // never counted: the prefix would go back in the request
		} else if p != noPrefix && more {
			// The listing was cut: count the prefix on the server.
			if n, err := a.count(ctx, p, prefixEnd(p)); err == nil {
				ds.Rows = n
			} else {
				ds.Error = "count: " + shortErr(err)
			}
		}
		svc.Datasets = append(svc.Datasets, ds)
	}
	res.Findings = append(res.Findings, dataFindings(*svc, byPrefix)...)
	if o.SampleRows > 0 {
		for i, p := range prefixes {
			if ctx.Err() != nil {
				svc.Truncated = true
				break
			}
			svc.Datasets[i].Patterns, svc.Datasets[i].KeysListed = probekit.Patterns(byPrefix[p], probekit.PickKeys(byPrefix[p], o.SampleRows))
			if probekit.OutOfBudget(o, &svc.Datasets[i]) {
				continue
			}
			smp, err := sampleValues(ctx, a, o, p, byPrefix[p], cut)
			if err != nil {
				svc.Datasets[i].Error = "sample: " + shortErr(err)
				var ae *APIError
				if !errors.As(err, &ae) && !errors.Is(err, store.ErrTooLarge) {
					return fmt.Errorf("sampling %s: %w", p, err)
				}
			}
			if smp != nil && len(smp.Rows) > 0 {
				res.Samples = append(res.Samples, *smp)
			}
		}
	}
	return nil
}

func shortErr(err error) string { return probekit.Printable([]byte(err.Error()), 200) }

// sampleValues reads the values of up to SampleRows keys of a dataset, the interesting
// names first, one range request per key so that one huge value costs only itself.
func sampleValues(ctx context.Context, a *api, o *store.Options, prefix string, keys []string, cut map[string]bool) (*store.Sample, error) {
	picked := probekit.PickKeys(keys, o.SampleRows)
	var colKeys []string
	var cols [][]string
	total := 0
	var firstErr error
	for _, k := range picked {
		if ctx.Err() != nil || total >= o.MaxSampleBytes || o.Samples.Spent() {
			break
		}
		if cut[k] {
			continue // listed cut at decode: never sent back
		}
		kvs, _, err := a.rangeKeys(ctx, k, "", 1, false)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			var ae *APIError
			if errors.As(err, &ae) || errors.Is(err, store.ErrTooLarge) {
				continue
			}
			break
		}
		if len(kvs) != 1 {
			continue
		}
		cell := []string{valueText(kvs[0].Value)}
		n, ok := probekit.Charge(o, cell, min(o.MaxRowBytes, o.MaxSampleBytes-total))
		if !ok {
			break
		}
		total += n
		colKeys = append(colKeys, k)
		cols = append(cols, cell)
	}
	return probekit.KeySample(o.Samples, "", prefix, picked, colKeys, cols, o.MaxRowBytes), firstErr
}

// valueText renders a value as text: UTF-8 as it is; binary values (Kubernetes stores
// objects as protobuf behind a "k8s\x00" magic) as their printable runs of four bytes
// or more, the way strings(1) does, which keeps the secrets inside them readable.
func valueText(v string) string {
	if utf8.ValidString(v) && !strings.ContainsRune(v, 0) {
		return v
	}
	var b strings.Builder
	run := 0
	start := 0
	flush := func(end int) {
		if run >= 4 {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(v[start:end])
		}
		run = 0
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 0x20 && c < 0x7f {
			if run == 0 {
				start = i
			}
			run++
			continue
		}
		flush(i)
	}
	flush(len(v))
	return b.String()
}

// dataFindings reports Kubernetes Secrets readable from etcd, and what anyone can do
// to an etcd without authentication.
func dataFindings(svc finding.Service, byPrefix map[string][]string) []finding.Finding {
	var out []finding.Finding
	k8s := false
	for p := range byPrefix {
		if strings.HasPrefix(p, "/registry/") {
			k8s = true
		}
	}
	if secrets := byPrefix["/registry/secrets/"]; len(secrets) > 0 {
		namespaces := map[string]bool{}
		for _, k := range secrets {
			rest := strings.TrimPrefix(k, "/registry/secrets/")
			if ns, _, ok := strings.Cut(rest, "/"); ok {
				namespaces[ns] = true
			}
		}
		var ns []string
		for n := range namespaces {
			ns = append(ns, n)
		}
		sort.Strings(ns)
		sev := finding.Critical
		if !svc.Auth.Open() {
			sev = finding.High
		}
		out = append(out, probekit.Finish(finding.Finding{Severity: sev, Category: finding.Secret, Rule: "etcd-kubernetes-secrets",
			Title: fmt.Sprintf("Kubernetes Secrets are readable from etcd: %d Secrets in %d namespaces", len(secrets), len(ns)),
			Detail: "etcd is the Kubernetes cluster's database: every Secret (service-account tokens, registry credentials, " +
				"TLS keys, application passwords) is stored under /registry/secrets/, unencrypted unless the API server " +
				"uses an EncryptionConfiguration.",
			Table: "/registry/secrets/", Count: len(secrets),
			Evidence: "namespaces: " + probekit.CutText(strings.Join(ns, ", "), 500),
			Remediation: "Restrict etcd to the API servers (client certificates, firewall), enable encryption at rest for " +
				"Secrets, and rotate every Secret and service-account token that was readable."}, svc))
	}
	if svc.Auth == finding.AuthNone {
		sev, detail := finding.High, "Without authentication every client may put and delete keys, take leases, and even enable authentication with a root password of its choosing, locking the owners out."
		if k8s {
			sev = finding.Critical
			detail += " This etcd holds a Kubernetes registry: writing under /registry/ is cluster-admin — new privileged pods, role bindings, or changed Secrets take over the cluster."
		}
		out = append(out, probekit.Finish(finding.Finding{Severity: sev, Category: finding.Capability, Rule: "etcd-write-access",
			Title: "etcd lets anyone write and delete keys", Detail: detail,
			Remediation: "Enable RBAC (etcdctl auth enable) and client-certificate authentication; restrict port 2379."}, svc))
	}
	return out
}

// probeV2 decides access to an etcd 2.x (v2 API only): its top-level directory, read
// without credentials, answers 200 when open and 401 when authentication is on.
func probeV2(ctx context.Context, h *probekit.Session, res *store.Result) error {
	resp, err := h.Get(ctx, "/v2/keys/", 0)
	if err != nil {
		return err
	}
	svc := &res.Service
	switch resp.Status {
	case http.StatusOK:
		// The listing is read a node at a time up to 200 and the rest counted: decoded
		// whole, 8 MiB of empty nodes allocated 391 MiB.
		type node struct {
			Key string `json:"key"`
			Dir bool   `json:"dir"`
		}
		top, _, err := probekit.ObjectMember(resp.Body, "node")
		if err != nil {
			return err
		}
		var nodes []node
		total := 0
		if top != nil {
			list, _, err := probekit.ObjectMember(top, "nodes")
			if err != nil {
				return err
			}
			if list != nil {
				if nodes, total, err = probekit.DecodeListCounted[node](list, 200); err != nil {
					return err
				}
			}
		}
		svc.Auth, svc.Status = finding.AuthNone, finding.StatusOpen
		svc.Truncated = total > len(nodes)
		for _, n := range nodes {
			kind := "key"
			if n.Dir {
				kind = "directory"
			}
			svc.Datasets = append(svc.Datasets, finding.Dataset{Table: probekit.CutText(n.Key, 200), Kind: kind})
		}
		return nil
	case http.StatusUnauthorized, http.StatusForbidden:
		svc.Auth, svc.Status = finding.AuthRequired, finding.StatusAuthRequired
		return nil
	}
	return fmt.Errorf("GET /v2/keys/ answered HTTP %d", resp.Status)
}

// grantsInfo is what a user's roles allow, read from its own user and roles (etcd lets
// a user read those without the root role).
type grantsInfo struct {
	roles []string
	root  bool
	read  []keyRange // ranges the user may read
	write []keyRange // ranges the user may write
}

func (a *api) grants(ctx context.Context, user string) grantsInfo {
	var g grantsInfo
	// The roles and each role's permissions are decoded an element at a time up to
	// what is read of them (50 roles, 100 permissions): a server answering with 8 MiB
	// of empty elements cost 274 MiB (roles) and 804 MiB (permissions) decoded whole.
	var u struct {
		Roles json.RawMessage `json:"roles"`
	}
	if err := a.call(ctx, "/auth/user/get", map[string]string{"name": user}, &u); err != nil {
		return g
	}
	roles, _, err := decodeSome[string](u.Roles, 50)
	if err != nil {
		return g
	}
	for _, role := range roles {
		g.roles = append(g.roles, probekit.CutText(role, 100))
		if role == "root" {
			g.root = true
			continue
		}
		var r struct {
			Perm json.RawMessage `json:"perm"`
		}
		if err := a.call(ctx, "/auth/role/get", map[string]string{"role": role}, &r); err != nil {
			continue
		}
		perms, _, err := decodeSome[permission](r.Perm, 100)
		if err != nil {
			continue
		}
		for _, p := range perms {
			k, err1 := base64.StdEncoding.DecodeString(p.Key)
			e, err2 := base64.StdEncoding.DecodeString(p.RangeEnd)
			if err1 != nil || err2 != nil || len(k) == 0 {
				continue
			}
			kr := keyRange{string(k), string(e)}
			// The gateway omits the enum's zero value, READ.
			if p.PermType == "" || p.PermType == "READ" || p.PermType == "READWRITE" {
				g.read = append(g.read, kr)
			}
			if p.PermType == "WRITE" || p.PermType == "READWRITE" {
				g.write = append(g.write, kr)
			}
		}
	}
	return g
}

// permission is one permission of a role.
type permission struct {
	PermType string `json:"permType"`
	Key      string `json:"key"`
	RangeEnd string `json:"range_end"`
}

// decodeSome decodes the first max elements of a JSON list (probekit.DecodeList); a
// list missing from its answer is empty.
func decodeSome[T any](list json.RawMessage, max int) ([]T, bool, error) {
	if len(list) == 0 {
		return nil, false, nil
	}
	return probekit.DecodeList[T](list, max)
}

// grantFindings reports a session that may write: the root role (everything, including
// users and authentication), or write permissions on key ranges.
func grantFindings(svc finding.Service, g grantsInfo) []finding.Finding {
	who := fmt.Sprintf("user %q", svc.User)
	switch {
	case g.root:
		sev := finding.High
		if svc.Auth.Open() {
			sev = finding.Critical
		}
		return []finding.Finding{probekit.Finish(finding.Finding{Severity: sev, Category: finding.Capability, Rule: "etcd-root-access",
			Title:       "etcd " + who + " has the root role: every key, user and role can be changed",
			Remediation: "Give applications users with roles limited to their key prefixes; keep root for operators, with a strong password."}, svc)}
	case len(g.write) > 0:
		var rs []string
		for _, r := range g.write {
			rs = append(rs, fmt.Sprintf("[%q, %q)", r.key, r.end))
		}
		return []finding.Finding{probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Capability, Rule: "etcd-write-grant",
			Title:       fmt.Sprintf("etcd %s may write %d key ranges", who, len(g.write)),
			Evidence:    probekit.CutText(strings.Join(rs, ", "), 500),
			Remediation: "Grant write permissions only to the services that own the keys."}, svc)}
	}
	return nil
}
