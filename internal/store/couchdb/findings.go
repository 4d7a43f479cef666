package couchdb

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves: sources are the CVE records (cvelistV5, assigner apache) and CouchDB's release
// notes (docs.couchdb.org whatsnew 1.7, 2.1, 3.2, 3.3).
var cves = []vuln.CVE{
	{ID: "CVE-2017-12635", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("1.2.0", "1.7.0"), vuln.Span("2.0.0", "2.1.1")},
		Summary: "duplicate \"roles\" keys in a _users document let any user make themselves server admin"},
	{ID: "CVE-2017-12636", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("", "1.7.0"), vuln.Span("2.0.0", "2.1.1")},
		Summary: "a server admin can configure a query server through the config API and run shell commands"},
	{ID: "CVE-2018-8007", Severity: finding.High, Affected: []vuln.Range{vuln.Span("", "1.7.2"), vuln.Span("2.0.0", "2.1.2")},
		Summary: "a server admin can bypass the config blacklist and run code as the CouchDB user"},
	{ID: "CVE-2022-24706", Severity: finding.Critical, Affected: []vuln.Range{vuln.Span("", "3.2.2")},
		Ref:     "https://lists.apache.org/thread/w24wo0h8nlctfps65txvk0oc5hdcnv00",
		Summary: "packages shipped the Erlang cookie \"monster\": whoever reaches EPMD (4369) and the distribution port runs code as CouchDB, without any login"},
	{ID: "CVE-2023-26268", Severity: finding.Medium, Affected: []vuln.Range{vuln.Span("", "3.2.3"), vuln.Span("3.3.0", "3.3.2")},
		Summary: "design documents with matching IDs in different databases share a JavaScript process, leaking data between databases"},
}

var vulnReport = vuln.Report{
	Rule: "couchdb-known-vulnerabilities", Product: "CouchDB",
	DefaultRef: "https://docs.couchdb.org/en/stable/cve/index.html",
	Remediation: "Upgrade CouchDB to a supported release with every fix listed; set a unique Erlang cookie (-setcookie in vm.args) " +
		"and firewall ports 4369 and 9100-9200.",
}

func (p *Prober) versionFindings(ctx context.Context, ep store.Endpoint, o *store.Options, svc *finding.Service) []finding.Finding {
	if svc.Product != name {
		return nil // CouchDB's flaws, by CouchDB's version: not a compatible server's
	}
	fs := vulnReport.Finding(*svc, cves)
	if len(fs) == 0 || !strings.Contains(strings.Join(fs[0].Tags, ","), "CVE-2022-24706") {
		return fs
	}
	nodes, err := epmdNames(ctx, ep, o, p.epmdPort)
	if err == nil && len(nodes) > 0 {
		svc.Details["epmd_nodes"] = strings.Join(nodes, ",")
		fs[0].Evidence = fmt.Sprintf("EPMD on port %d announces %s: the Erlang distribution is reachable", p.epmdPort, strings.Join(nodes, ", "))
	}
	return fs
}

// accessFindings says what a principal that got in may do.
func accessFindings(svc finding.Service, a *accessInfo) []finding.Finding {
	var out []finding.Finding
	dn := displayName(svc.Product)
	switch {
	case a.admin && svc.Auth == finding.AuthNone:
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Capability,
			Rule:  "couchdb-admin-party",
			Title: dn + " is in \"admin party\": every anonymous request is a server admin",
			Detail: "Anonymous requests get the _admin role: anyone can read and delete every database, create admins, " +
				"and change the configuration (on releases before 2.1.2 and 1.7.2 that includes query servers, i.e. code execution).",
			Evidence:    "GET /_session without credentials: roles " + strings.Join(a.roles, ","),
			Remediation: "Create a server admin (in [admins] of local.ini); CouchDB 3.x removed admin party altogether."}, svc))
	case a.admin && svc.Auth == finding.AuthDefault:
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Critical, Category: finding.Capability,
			Rule:        "couchdb-default-admin",
			Title:       fmt.Sprintf("%s server admin %q has a well-known default password", dn, svc.User),
			Remediation: "Change the admin password in [admins] and check _users and the config for changes made with it."}, svc))
	case !a.admin && svc.Auth.Open():
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Config,
			Rule:        "couchdb-public-databases",
			Title:       dn + " databases without members are readable (and writable) by anyone",
			Detail:      "A database whose _security object names no members is public on CouchDB 2.x: anyone may read and write its documents.",
			Remediation: "Give every database a _security object with admins and members, or set [couchdb] default_security = admin_only."}, svc))
	}
	return out
}

var epmdLine = lazyre.New(`^name (\S{1,255}) at port (\d{1,5})$`)

// epmdNames sends NAMES_REQ to the Erlang port mapper and returns "name:port" of each
// node it announces. The request reads the mapper's table and changes nothing.
func epmdNames(ctx context.Context, ep store.Endpoint, o *store.Options, port int) ([]string, error) {
	cctx, cancel := context.WithTimeout(ctx, o.ConnectTimeout)
	defer cancel()
	c, err := o.Dial(cctx, "tcp", net.JoinHostPort(ep.Host(), strconv.Itoa(port)))
	if err != nil {
		return nil, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(min(o.IOTimeout, 3*time.Second)))
	if _, err := c.Write([]byte{0, 1, 'n'}); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(c, 4096))
	if err != nil && len(b) == 0 {
		return nil, err
	}
	return parseEPMDNames(b)
}

// parseEPMDNames reads a NAMES_RESP: the mapper's own port (4 bytes) and one
// "name N at port P" line per node.
func parseEPMDNames(b []byte) ([]string, error) {
	if len(b) < 4 {
		return nil, fmt.Errorf("%w: EPMD reply of %d bytes", store.ErrProtocol, len(b))
	}
	if p := binary.BigEndian.Uint32(b); p == 0 || p > 65535 {
		return nil, fmt.Errorf("%w: EPMD port %d", store.ErrProtocol, p)
	}
	var out []string
	for _, line := range strings.Split(string(b[4:]), "\n") {
		if m := epmdLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			out = append(out, m[1]+":"+m[2])
			if len(out) >= 20 {
				break
			}
		}
	}
	return out, nil
}
