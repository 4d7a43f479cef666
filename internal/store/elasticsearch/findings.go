package elasticsearch

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// esCVEs are published Elasticsearch vulnerabilities that matter to someone who can
// reach the REST port. Sources: the CVE records (cvelistV5) and Elastic's security
// announcements they cite (ESA pages, the 1.3.8/1.4.3 and 7.13.4 release notes).
var esCVEs = []vuln.CVE{
	{ID: "CVE-2014-3120", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("", "1.2.0")},
		Summary: "dynamic scripting is on by default: anyone who can search runs MVEL, hence Java, code on the node"},
	{ID: "CVE-2015-1427", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("1.3.0", "1.3.8"), vuln.Span("1.4.0", "1.4.3")},
		Summary: "the Groovy scripting sandbox can be escaped: remote shell commands through a search request"},
	{ID: "CVE-2015-3337", Severity: finding.High, Affected: []vuln.Range{vuln.Span("", "1.4.5"), vuln.Span("1.5.0", "1.5.2")},
		Summary: "directory traversal through site plugins reads any file the node can read"},
	{ID: "CVE-2015-5531", Severity: finding.High, Affected: []vuln.Range{vuln.Span("1.0.0", "1.6.1")},
		Summary: "directory traversal in the snapshot API reads any file the node can read"},
	{ID: "CVE-2021-44228", Severity: finding.Medium, Affected: []vuln.Range{vuln.Span("5.0.0", "6.8.21"), vuln.Span("7.0.0", "7.16.1")},
		Ref:     "https://discuss.elastic.co/t/apache-log4j2-remote-code-execution-rce-vulnerability-cve-2021-44228-esa-2021-31/291476",
		Summary: "bundled Log4j 2 (Log4Shell): the Java Security Manager blocks code execution on supported JDKs, but lookups can leak data over DNS"},
	{ID: "CVE-2021-22145", Severity: finding.Medium, Affected: []vuln.Range{vuln.Span("7.10.0", "7.13.4")},
		Ref:     "https://discuss.elastic.co/t/elasticsearch-7-13-4-security-update/279177",
		Summary: "a malformed query returns an error holding previously used buffer memory (documents, credentials)"},
	{ID: "CVE-2023-31419", Severity: finding.Medium, Affected: []vuln.Range{vuln.Span("", "7.17.13"), vuln.Span("8.0.0", "8.9.2")},
		Summary: "a crafted query string overflows the stack of the _search API and takes the node down"},
}

// osCVEs: OpenSearch's own advisories (GitHub security advisories of opensearch-project).
var osCVEs = []vuln.CVE{
	{ID: "CVE-2023-31419", Severity: finding.Medium, Affected: []vuln.Range{vuln.Span("", "1.3.14"), vuln.Span("2.0.0", "2.11.1")},
		Ref:     "https://github.com/advisories/GHSA-6g3j-p5g6-992f",
		Summary: "a crafted query string overflows the stack of the _search API and takes the node down"},
}

var (
	esReport = vuln.Report{
		Rule: "elasticsearch-known-vulnerabilities", Product: "Elasticsearch",
		DefaultRef: "https://www.elastic.co/community/security",
		Remediation: "Upgrade Elasticsearch to a supported release that includes every fix listed; until then keep port 9200 " +
			"off untrusted networks and disable dynamic scripting.",
	}
	osReport = vuln.Report{
		Rule: "opensearch-known-vulnerabilities", Product: "OpenSearch",
		DefaultRef:  "https://opensearch.org/security.html",
		Remediation: "Upgrade OpenSearch to a supported release that includes every fix listed.",
	}
)

func versionFindings(svc finding.Service) []finding.Finding {
	if svc.Product == productOS {
		return osReport.Finding(svc, osCVEs)
	}
	return esReport.Finding(svc, esCVEs)
}

// securityState says whether the cluster runs a security plugin at all, as far as its
// own APIs tell: "disabled", "enabled" or "" (unknown).
func securityState(ctx context.Context, s *probekit.Session, product string) string {
	if product == productOS {
		type plugin struct {
			Component string `json:"component"`
		}
		// One row per plugin and node: decoded one at a time, and a listing longer
		// than maxListedMembers decides nothing (the security plugin may be past it).
		plugins, more, err := probekit.GetList[plugin](ctx, s, "/_cat/plugins?format=json", maxListedMembers)
		if err != nil || more {
			return ""
		}
		for _, p := range plugins {
			if p.Component == "opensearch-security" || p.Component == "opendistro_security" {
				return "enabled"
			}
		}
		return "disabled"
	}
	// X-Pack usage info (6.3+ default distribution): features.security.enabled.
	// Only features.security is decoded: the features decoded whole into a map cost a
	// hostile answer 93 MiB more for 8 MiB of empty members.
	r, err := s.GetJSON(ctx, "/_xpack?categories=features", nil)
	if err != nil {
		if probekit.StatusOf(err) == http.StatusBadRequest || probekit.StatusOf(err) == http.StatusNotFound {
			return "disabled" // no X-Pack: the OSS distribution or a release before 5.0
		}
		return ""
	}
	features, ok, err := probekit.ObjectMember(r.Body, "features")
	if err != nil || !ok {
		return ""
	}
	raw, ok, err := probekit.ObjectMember(features, "security")
	if err != nil || !ok {
		return ""
	}
	var sec struct {
		Available bool `json:"available"`
		Enabled   bool `json:"enabled"`
	}
	if json.Unmarshal(raw, &sec) != nil {
		return ""
	}
	if sec.Enabled {
		return "enabled"
	}
	return "disabled"
}

// clusterFindings reports what the cluster gives away beyond its documents.
func clusterFindings(ctx context.Context, s *probekit.Session, res *store.Result) []finding.Finding {
	svc := &res.Service
	var out []finding.Finding
	add := func(f finding.Finding) { out = append(out, probekit.Finish(f, *svc)) }
	name := "Elasticsearch"
	if svc.Product == productOS {
		name = "OpenSearch"
	}

	state := securityState(ctx, s, svc.Product)
	if state != "" {
		svc.Details["security"] = state
	}
	switch {
	case svc.Auth == finding.AuthNone && state != "enabled":
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: svc.Product + "-no-security",
			Title: name + " runs without a security plugin: anyone can write and delete every index",
			Detail: "With security off every request is allowed: documents can be changed, indices deleted (the " +
				"2020 'meow' attacks wiped thousands of open clusters this way) and, where scripting is on, scripts run.",
			Evidence: "anonymous requests to _cat/indices and " + name + "'s own APIs succeed; security: " + orUnknown(state),
			Remediation: "Turn security on (xpack.security.enabled: true / the OpenSearch security plugin), set " +
				"passwords, and restore from a snapshot if data may have been altered."})
	case svc.Auth == finding.AuthNone:
		add(finding.Finding{Severity: finding.High, Category: finding.Config, Rule: svc.Product + "-anonymous-access",
			Title:       name + " grants an anonymous role read access to indices",
			Evidence:    "security is enabled but unauthenticated requests may list indices",
			Remediation: "Remove anonymous access (xpack.security.authc.anonymous.* / anonymous_auth_enabled) or limit its role to nothing."})
	case svc.Auth == finding.AuthDefault:
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: svc.Product + "-default-superuser",
			Title: fmt.Sprintf("%s accepts the built-in superuser %q with its default password", name, svc.User),
			Detail: "The built-in account can read and delete every index, change security settings and create " +
				"users: whoever knows the default owns the cluster.",
			Remediation: "Change the built-in users' passwords (elasticsearch-reset-password / the security plugin's " +
				"internal_users.yml), then review the audit log for use of the default."})
	}

	if f, smp, ok := snapshots(ctx, s, svc); ok {
		add(f)
		if smp != nil {
			res.Samples = append(res.Samples, *smp)
		}
	}
	if f, smp, ok := nodes(ctx, s, svc); ok {
		add(f)
		if smp != nil {
			res.Samples = append(res.Samples, *smp)
		}
	}
	return out
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// snapshots lists snapshot repositories. Their settings name buckets, paths and — in
// releases that still accepted them — access keys, so they are sampled for detection.
func snapshots(ctx context.Context, s *probekit.Session, svc *finding.Service) (finding.Finding, *store.Sample, bool) {
	type repo struct {
		Type     string          `json:"type"`
		Settings json.RawMessage `json:"settings"`
	}
	r, err := s.GetJSON(ctx, "/_snapshot", nil)
	if err != nil {
		return finding.Finding{}, nil, false
	}
	// Decoded a member at a time up to maxListedMembers, the rest counted.
	repos, total, err := probekit.DecodeObject[repo](r.Body, nil, maxListedMembers)
	if err != nil || total == 0 {
		return finding.Finding{}, nil, false
	}
	sort.SliceStable(repos, func(i, j int) bool { return repos[i].Key < repos[j].Key })
	smp := &store.Sample{Database: "_snapshot", Table: "repositories", Columns: []string{"name", "type", "settings"}}
	// The server may list any number of them: the sample keeps to a sample's caps, and
	// the finding counts them all.
	b := sampleBudget(s.Opts)
	var ev []string
	for _, m := range repos {
		n, r := m.Key, m.Value
		row := []string{n, r.Type, probekit.JSONCell(r.Settings)}
		if !b.Add(row) {
			break
		}
		ev = append(ev, n+" ("+r.Type+")")
		smp.Rows = append(smp.Rows, row)
	}
	svc.Details["snapshot_repositories"] = fmt.Sprint(total)
	return finding.Finding{Severity: finding.Medium, Category: finding.Capability, Rule: svc.Product + "-snapshot-repositories",
		Title: fmt.Sprintf("%d snapshot repositories are visible: backups of the whole cluster can be listed and restored", total),
		Detail: "Whoever reaches this API can list snapshots, restore them into new indices and read them, or register a " +
			"repository of their own and snapshot the cluster out to it.",
		Evidence: strings.Join(ev, ", "), Count: total,
		Remediation: "Require authentication and give snapshot privileges only to backup operators; keep repository " +
			"credentials in the keystore, never in repository settings."}, smp, true
}

// maxListedMembers bounds the snapshot repositories and nodes decoded from one answer
// (the rest are counted): real clusters have a handful of each, and the samples keep
// --max-tables of them.
const maxListedMembers = 10_000

// sampleBudget bounds a sample of one listing the server chose the length of: rows up
// to MaxTables, and the usual row and sample byte caps.
func sampleBudget(o *store.Options) *probekit.Budget {
	return probekit.NewBudget(o.Samples, o.MaxTables, o.MaxRowBytes, o.MaxSampleBytes)
}

// nodes reads node addresses, paths and settings (GET /_nodes/settings,os,http).
func nodes(ctx context.Context, s *probekit.Session, svc *finding.Service) (finding.Finding, *store.Sample, bool) {
	type node struct {
		Name      string          `json:"name"`
		Host      string          `json:"host"`
		IP        string          `json:"ip"`
		Transport string          `json:"transport_address"`
		Settings  json.RawMessage `json:"settings"`
		OS        struct {
			PrettyName string `json:"pretty_name"`
			Name       string `json:"name"`
		} `json:"os"`
		HTTP struct {
			Publish string `json:"publish_address"`
		} `json:"http"`
	}
	r, err := s.GetJSON(ctx, "/_nodes/settings,os,http", nil)
	if err != nil {
		return finding.Finding{}, nil, false
	}
	nodeList, total, err := probekit.DecodeObject[node](r.Body, []string{"nodes"}, maxListedMembers)
	if err != nil || total == 0 {
		return finding.Finding{}, nil, false
	}
	sort.SliceStable(nodeList, func(i, j int) bool { return nodeList[i].Key < nodeList[j].Key })
	smp := &store.Sample{Database: "_nodes", Table: "settings", Columns: []string{"node", "address", "os", "settings"}}
	b := sampleBudget(s.Opts)
	var ev []string
	for _, m := range nodeList {
		if b.Full() {
			break
		}
		n := m.Value
		// Only the four paths read are picked out of settings.path: 8 MiB of
		// distinct members cost 165 MiB decoded whole into a map.
		var paths []string
		if path, ok, err := probekit.ObjectMember(n.Settings, "path"); err == nil && ok {
			found := map[string]json.RawMessage{}
			err := probekit.EachMember(path, func(name, value []byte) bool {
				switch k := string(name); k {
				case "home", "data", "logs", "repo":
					found[k] = value
				}
				return true
			})
			if err == nil {
				for _, k := range []string{"home", "data", "logs", "repo"} {
					if v, ok := found[k]; ok {
						paths = append(paths, k+"="+probekit.JSONCell(v))
					}
				}
			}
		}
		addr := n.Transport
		if n.HTTP.Publish != "" {
			addr = n.HTTP.Publish
		}
		osName := n.OS.PrettyName
		if osName == "" {
			osName = n.OS.Name
		}
		ev = append(ev, strings.TrimSpace(fmt.Sprintf("%s %s %s", n.Name, addr, strings.Join(paths, " "))))
		row := []string{n.Name, addr, osName, probekit.JSONCell(n.Settings)}
		if !b.Add(row) {
			break
		}
		smp.Rows = append(smp.Rows, row)
	}
	svc.Details["nodes"] = fmt.Sprint(total)
	return finding.Finding{Severity: finding.Low, Category: finding.Config, Rule: svc.Product + "-node-info",
		Title:    fmt.Sprintf("Node information of %d nodes is readable: internal addresses, paths and settings", total),
		Evidence: probekit.CutText(strings.Join(ev, "; "), 2000), Count: total,
		Remediation: "Require authentication; the monitor privilege should go only to monitoring accounts."}, smp, true
}
