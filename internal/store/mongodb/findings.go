package mongodb

import (
	"context"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// mongoBleed is CVE-2025-14847. Source: the CVE record (cvelistV5, assigner mongodb) and
// SERVER-115508. The record lists the supported lines; the zlib code at fault dates from
// 3.6 and the rapid releases in between (4.5–4.9, 5.1–5.3, 6.1–6.3, 7.1–7.3, 8.1) never
// got the fix, so they are affected too.
var mongoBleed = vuln.CVE{ID: "CVE-2025-14847", Severity: finding.High,
	Ref: "https://jira.mongodb.org/browse/SERVER-115508",
	Affected: []vuln.Range{vuln.Span("3.6.0", "4.4.30"), vuln.Span("4.5.0", "5.0.32"),
		vuln.Span("5.1.0", "6.0.27"), vuln.Span("6.1.0", "7.0.28"), vuln.Span("7.1.0", "8.0.17"),
		vuln.Span("8.1.0", "8.2.3")},
	Summary: "\"MongoBleed\": mismatched lengths in zlib-compressed messages make the server return uninitialised heap memory (credentials, documents) to an unauthenticated client"}

// cves are the rest of the table. Source: MongoDB's security alerts and the CVE records.
var cves = []vuln.CVE{mongoBleed}

var vulnReport = vuln.Report{
	Rule: "mongodb-known-vulnerabilities", Product: "MongoDB",
	DefaultRef: "https://www.mongodb.com/resources/products/alerts",
	Remediation: "Upgrade to a release with every fix listed (for CVE-2025-14847: 8.2.3, 8.0.17, 7.0.28, 6.0.27, 5.0.32 or 4.4.30); " +
		"until then start mongod with networkMessageCompressors set without zlib (e.g. snappy,zstd or disabled).",
}

// versionFindings reports known vulnerabilities. For MongoBleed it also asks, on a
// connection of its own, whether the server agrees to zlib compression — the
// precondition of the attack; nothing compressed is ever sent.
func versionFindings(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool, svc *finding.Service) []finding.Finding {
	if svc.Product != name {
		return nil // MongoDB's flaws are not a compatible product's; its version is its own
	}
	fs := vulnReport.Finding(*svc, cves)
	if len(fs) == 0 || !slices.Contains(fs[0].Tags, mongoBleed.ID) {
		return fs
	}
	zlib, known := zlibEnabled(ctx, ep, o, useTLS)
	switch {
	case known && zlib:
		svc.Details["compression"] = "zlib"
		fs[0].Evidence = "the server agreed to zlib compression: CVE-2025-14847 is reachable before authentication"
	case known:
		fs[0].Evidence = "the server did not agree to zlib compression: CVE-2025-14847 is not reachable while zlib stays off"
		if fs[0].Severity == finding.High && len(fs[0].Tags) == 1 {
			fs[0].Severity = finding.Medium
		}
	}
	return fs
}

func zlibEnabled(ctx context.Context, ep store.Endpoint, o *store.Options, useTLS bool) (enabled, known bool) {
	c, err := dial(ctx, ep, o, useTLS)
	if err != nil {
		return false, false
	}
	defer c.Close()
	h, err := c.hello(ctx, "", []string{"zlib"})
	if err != nil {
		return false, false
	}
	return slices.Contains(h.Compression, "zlib"), true
}

// configFindings reads the server's startup options (getCmdLineOpts needs the
// clusterMonitor role, which every session has on a server without access control) and
// reports binding to every interface; the options are also sampled, since they can name
// key files, LDAP bind users and connection strings.
func configFindings(ctx context.Context, c *conn, res *store.Result) []finding.Finding {
	svc := &res.Service
	var out []finding.Finding
	add := func(f finding.Finding) { out = append(out, probekit.Finish(f, *svc)) }
	reply, err := c.run(ctx, "admin", bson.D{{Key: "getCmdLineOpts", Value: 1}})
	authz := ""
	if err == nil {
		parsed, _ := reply.Lookup("parsed").DocumentOK()
		authz, _ = parsed.Lookup("security", "authorization").StringValueOK()
		if authz != "" {
			svc.Details["authorization"] = authz
		}
		bindAll, _ := parsed.Lookup("net", "bindIpAll").BooleanOK()
		bindIP, _ := parsed.Lookup("net", "bindIp").StringValueOK()
		if bindIP != "" {
			svc.Details["bind_ip"] = bindIP
		}
		if bindAll || hasWildcard(bindIP) {
			ev := "net.bindIp: " + bindIP
			if bindAll {
				ev = "net.bindIpAll: true"
			}
			add(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "mongodb-bind-all",
				Title:       "MongoDB listens on every network interface",
				Evidence:    ev,
				Remediation: "Set net.bindIp to localhost and the private addresses clients use; never bindIpAll on a host with a public address."})
		}
		smp := &store.Sample{Database: "admin", Table: "getCmdLineOpts", Columns: []string{"argv", "parsed"}}
		row := []string{strings.Join(stringArray(reply.Lookup("argv")), " "), valueText(reply.Lookup("parsed"), c.o.MaxRowBytes)}
		// One row, charged to the endpoint's sample budget like any other.
		if probekit.NewBudget(c.o.Samples, 1, c.o.MaxRowBytes, c.o.MaxRowBytes).Add(row) {
			smp.Rows = append(smp.Rows, row)
			res.Samples = append(res.Samples, *smp)
		}
	}
	if svc.Auth == finding.AuthNone && svc.Product != name {
		dn, fix, _ := (*Prober)(nil).DescribeProduct(svc.Product)
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: svc.Product + "-no-access-control",
			Title:       dn + " runs without authentication: anyone can modify or drop every database",
			Detail:      "Every command is allowed to every client: documents can be changed, databases dropped and users created.",
			Evidence:    "listDatabases succeeded without credentials",
			Remediation: fix})
	} else if svc.Auth == finding.AuthNone && authz != "enabled" {
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: "mongodb-no-access-control",
			Title: "MongoDB runs without access control: anyone can modify or drop every database",
			Detail: "Every command is allowed to every client: documents can be changed, databases dropped and users " +
				"created. Ransom campaigns have wiped tens of thousands of open MongoDB servers this way.",
			Evidence:    "listDatabases succeeded without credentials; security.authorization: " + orUnset(authz),
			Remediation: "Create an administrator, then restart with security.authorization: enabled; restore from backup if data may have been altered."})
	}
	if svc.Auth == finding.AuthDefault {
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: "mongodb-default-admin",
			Title:       "MongoDB accepts a well-known default password for user \"" + svc.User + "\"",
			Remediation: "Change the password (db.changeUserPassword) and check system.users and the logs for other accounts created with it."})
	}
	return out
}

func hasWildcard(bindIP string) bool {
	for _, a := range strings.Split(bindIP, ",") {
		switch strings.TrimSpace(a) {
		case "0.0.0.0", "::", "*", "[::]":
			return true
		}
	}
	return false
}

func orUnset(s string) string {
	if s == "" {
		return "not set"
	}
	return s
}
