package influxdb

import (
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves are InfluxDB 1.x vulnerabilities its version reveals. Source: InfluxDB 1.7.6
// release notes ("Fix security vulnerability when [http] shared-secret configuration
// setting is blank") and the CVE-2019-20933 record.
var cves = []vuln.CVE{
	{ID: "CVE-2019-20933", Severity: finding.Critical, Fixed: []string{"1.7.6"},
		Ref: "https://nvd.nist.gov/vuln/detail/CVE-2019-20933",
		Summary: "authentication bypass: with the default empty [http] shared-secret, a JWT signed with an empty key is " +
			"accepted for any existing user (admin included)"},
}

var vulnReport = vuln.Report{
	Rule: "influxdb-known-vulnerabilities", Product: "InfluxDB",
	DefaultRef:  "https://docs.influxdata.com/influxdb/v1/about_the_project/release-notes/",
	Remediation: "Upgrade InfluxDB 1.x to 1.8.10 or later; until then set a long random [http] shared-secret.",
	Note:        "Matched on the self-reported version; distributions backport fixes without changing it.",
}

func versionFindings(svc finding.Service) []finding.Finding { return vulnReport.Finding(svc, cves) }
