package prometheus

import (
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves are Prometheus vulnerabilities its version reveals. Sources: the
// prometheus/prometheus and prometheus/exporter-toolkit security advisories linked
// below and the Prometheus CHANGELOG entries of the fixed releases.
var cves = []vuln.CVE{
	{ID: "CVE-2022-46146", Severity: finding.High, Fixed: []string{"2.37.4", "2.40.4"}, Introduced: "2.24.0",
		Ref: "https://github.com/prometheus/exporter-toolkit/security/advisories/GHSA-7rg2-cxvp-9p7p",
		Summary: "basic authentication of --web.config.file can be bypassed by someone who knows the bcrypt hash, " +
			"through the hash cache"},
	{ID: "CVE-2021-29622", Severity: finding.Medium, Fixed: []string{"2.26.1", "2.27.1"}, Introduced: "2.23.0",
		Ref:     "https://github.com/prometheus/prometheus/security/advisories/GHSA-vx57-7f4q-fpc7",
		Summary: "open redirect under the /new endpoint"},
	{ID: "CVE-2019-3826", Severity: finding.Medium, Fixed: []string{"2.7.1"},
		Summary: "stored DOM cross-site scripting in the query history of the web UI"},
}

var vulnReport = vuln.Report{
	Rule: "prometheus-known-vulnerabilities", Product: "Prometheus",
	DefaultRef:  "https://github.com/prometheus/prometheus/security/advisories",
	Remediation: "Upgrade Prometheus to a current release.",
	Note:        "Matched on the self-reported version; distributions backport fixes without changing it.",
}
