package etcd

import (
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves are etcd's published vulnerabilities that its version reveals. Sources: the
// etcd-io/etcd security advisories (GHSA-… linked below) and CHANGELOG-3.4/3.5; the
// 2020 audit fixes shipped in 3.3.23 and 3.4.10.
var cves = []vuln.CVE{
	{ID: "CVE-2021-28235", Severity: finding.High, Fixed: []string{"3.4.25", "3.5.8"}, Introduced: "3.4.10",
		Ref:     "https://github.com/advisories/GHSA-gmph-wf7j-9gcm",
		Summary: "with debug logging, authentication requests (with their passwords) leak through the debug endpoint"},
	{ID: "CVE-2023-32082", Severity: finding.Low, Fixed: []string{"3.4.26", "3.5.9"},
		Ref:     "https://github.com/etcd-io/etcd/security/advisories/GHSA-3p4g-rcw5-8298",
		Summary: "LeaseTimeToLive returns the names of keys the user may not read"},
	{ID: "CVE-2020-15115", Severity: finding.Medium, Fixed: []string{"3.3.23", "3.4.10"},
		Ref:     "https://github.com/etcd-io/etcd/security/advisories/GHSA-4993-m7g5-r9hh",
		Summary: "no minimum password length: users can be given trivially guessable passwords"},
	{ID: "CVE-2020-15136", Severity: finding.Medium, Fixed: []string{"3.3.23", "3.4.10"},
		Summary: "the gateway checks TLS authentication only against the first endpoint"},
	{ID: "CVE-2020-15114", Severity: finding.Medium, Fixed: []string{"3.3.23", "3.4.10"},
		Summary: "the gateway can be made to reflect traffic to endpoints of an attacker's choosing (DDoS)"},
	{ID: "CVE-2020-15112", Severity: finding.Medium, Fixed: []string{"3.3.23", "3.4.10"},
		Summary: "a crafted WAL entry makes the server allocate without bound (denial of service)"},
	{ID: "CVE-2020-15106", Severity: finding.Medium, Fixed: []string{"3.3.23", "3.4.10"},
		Summary: "a crafted WAL entry crashes the server"},
	{ID: "CVE-2020-15113", Severity: finding.Low, Fixed: []string{"3.3.23", "3.4.10"},
		Summary: "data directories are created with loose permissions"},
}

var vulnReport = vuln.Report{
	Rule: "etcd-known-vulnerabilities", Product: "etcd",
	DefaultRef:  "https://github.com/etcd-io/etcd/security/advisories",
	Remediation: "Upgrade etcd to a current 3.5 or 3.6 release; keep the client port reachable only by the API servers and operators.",
	Note:        "Matched on the self-reported version; distributions backport fixes without changing it.",
}

func versionFindings(svc finding.Service) []finding.Finding { return vulnReport.Finding(svc, cves) }
