package clickhouse

import (
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves are ClickHouse's published vulnerabilities. Sources: ClickHouse's security
// changelog (clickhouse-docs docs/whats-new/security-changelog.md, and the
// resources/changelogs/security-changelog page for CVE-2025-1385) and the GitHub
// advisories it links. Fixed lists the first fixed release of each branch.
var cves = []vuln.CVE{
	{ID: "CVE-2018-14670", Severity: finding.High, Fixed: []string{"1.1.54131"},
		Summary: "incorrect configuration in the deb package allowed unauthorised use of the database"},
	{ID: "CVE-2018-14668", Severity: finding.High, Fixed: []string{"1.1.54388"},
		Summary: "the remote() table function accepted arbitrary symbols in user, password and default_database, enabling cross-protocol request forgery"},
	{ID: "CVE-2018-14669", Severity: finding.High, Fixed: []string{"1.1.54390"},
		Summary: "the MySQL client had LOAD DATA LOCAL INFILE enabled, so a malicious MySQL server could read files from the ClickHouse server"},
	{ID: "CVE-2018-14671", Severity: finding.Critical, Fixed: []string{"18.10.3"},
		Summary: "unixODBC allowed loading arbitrary shared objects, leading to remote code execution"},
	{ID: "CVE-2018-14672", Severity: finding.High, Fixed: []string{"18.12.13"},
		Summary: "CatBoost model loading allowed path traversal and reading arbitrary files through error messages"},
	{ID: "CVE-2019-18657", Severity: finding.Medium, Fixed: []string{"19.13.6.1"},
		Summary: "the url() table function allowed injecting arbitrary HTTP headers"},
	{ID: "CVE-2019-15024", Severity: finding.Medium, Fixed: []string{"19.14.3.3"},
		Summary: "a rogue replica registered in ZooKeeper could make the server write to arbitrary paths"},
	{ID: "CVE-2019-16535", Severity: finding.Critical, Fixed: []string{"19.14.3.3"},
		Summary: "out-of-bounds read/write and integer underflow in decompression, reachable over the native protocol: RCE or DoS"},
	{ID: "CVE-2019-16536", Severity: finding.Medium, Fixed: []string{"19.14.3.3"},
		Summary: "stack overflow (DoS) triggerable by an authenticated client"},
	{ID: "CVE-2021-25263", Severity: finding.Medium, Fixed: []string{"20.8.18.32", "21.1.9.41", "21.2.9.41", "21.3.6.55", "21.4.3.21"},
		Summary: "a user with CREATE DICTIONARY could read arbitrary files outside the permitted directory"},
	{ID: "CVE-2021-43304", Severity: finding.High, Fixed: []string{"21.10.2.15"},
		Summary: "heap buffer overflow in the LZ4 codec when parsing a malicious query"},
	{ID: "CVE-2021-43305", Severity: finding.High, Fixed: []string{"21.10.2.15"},
		Summary: "heap buffer overflow in the LZ4 codec (second copy operation) when parsing a malicious query"},
	{ID: "CVE-2021-42387", Severity: finding.Medium, Fixed: []string{"21.10.2.15"},
		Summary: "heap out-of-bounds read in the LZ4 codec (upper bound) when parsing a malicious query"},
	{ID: "CVE-2021-42388", Severity: finding.Medium, Fixed: []string{"21.10.2.15"},
		Summary: "heap out-of-bounds read in the LZ4 codec (lower bound) when parsing a malicious query"},
	{ID: "CVE-2021-42389", Severity: finding.Medium, Fixed: []string{"21.10.2.15"},
		Summary: "divide-by-zero in the Delta codec (DoS)"},
	{ID: "CVE-2021-42390", Severity: finding.Medium, Fixed: []string{"21.10.2.15"},
		Summary: "divide-by-zero in the DeltaDouble codec (DoS)"},
	{ID: "CVE-2021-42391", Severity: finding.Medium, Fixed: []string{"21.10.2.15"},
		Summary: "divide-by-zero in the Gorilla codec (DoS)"},
	{ID: "CVE-2022-44010", Severity: finding.High, Fixed: []string{"22.3.12.19", "22.6.6.16", "22.7.4.16", "22.8.2.11", "22.9.1.2603"},
		Summary: "heap buffer overflow crashing the server from an unauthenticated HTTP request"},
	{ID: "CVE-2022-44011", Severity: finding.Medium, Fixed: []string{"22.3.12.19", "22.6.6.16", "22.7.4.16", "22.8.2.11", "22.9.1.2603"},
		Summary: "heap buffer overflow crashing the server on a malformed CapnProto insert"},
	{ID: "CVE-2023-47118", Severity: finding.High, Fixed: []string{"23.3.16.7", "23.8.6.16", "23.9.4.11", "23.10.2.13"},
		Ref:     "https://github.com/ClickHouse/ClickHouse/security/advisories/GHSA-g22g-p6q2-x39v",
		Summary: "heap buffer overflow in the T64 codec crashing the server over the native port without authentication"},
	{ID: "CVE-2023-48298", Severity: finding.High, Fixed: []string{"23.3.17.13", "23.8.7.24", "23.9.5.29", "23.10.4.25"},
		Ref:     "https://github.com/ClickHouse/ClickHouse/security/advisories/GHSA-qw9f-qv29-8938",
		Summary: "integer underflow in the FPC codec crashing the server without authentication"},
	{ID: "CVE-2023-48704", Severity: finding.High, Fixed: []string{"23.3.18.15", "23.8.8.20", "23.9.6.20", "23.10.5.20"},
		Ref:     "https://github.com/ClickHouse/ClickHouse/security/advisories/GHSA-5rmf-5g48-xv63",
		Summary: "heap buffer overflow in the Gorilla codec crashing the server over the native port without authentication"},
	{ID: "CVE-2024-22412", Severity: finding.Low, Fixed: []string{"23.3.22.3", "23.8.12.13", "23.12.6.19", "24.1.1.2048"},
		Introduced: "23.1", Ref: "https://github.com/ClickHouse/ClickHouse/security/advisories/GHSA-45h5-f7g3-gr8r",
		Summary: "the query cache could return data across roles when a session switches roles"},
	{ID: "CVE-2024-6873", Severity: finding.Critical, Fixed: []string{"23.8.15.35", "24.3.4.147", "24.4.2.141", "24.5.1.1763"},
		Ref:     "https://github.com/ClickHouse/ClickHouse/security/advisories/GHSA-432f-r822-j66f",
		Summary: "an unauthenticated request to the native interface can redirect the server's execution flow"},
	{ID: "CVE-2025-1385", Severity: finding.Medium, Fixed: []string{"24.3.18.6", "24.8.14.27", "24.11.5.34", "24.12.5.65", "25.1.5.5"},
		Ref:     "https://github.com/ClickHouse/ClickHouse/security/advisories/GHSA-5phv-x8x4-83x5",
		Summary: "with the library bridge enabled, a user with access to the right table engines can run code on the server"},
}

var vulnReport = vuln.Report{
	Rule: "clickhouse-known-vulnerabilities", Product: "ClickHouse",
	// Vendor builds carry upstream's numbers before their flavour; the tweak of
	// Altinity's stable builds (10001 and up) sorts after upstream's of the same patch,
	// whose fixes they include.
	Parse: func(v string) (vuln.Version, bool) {
		num, _ := splitVersion(v)
		return vuln.Parse(num)
	},
	DefaultRef: "https://clickhouse.com/docs/whats-new/security-changelog",
	Remediation: "Upgrade ClickHouse to a supported release that includes every fix listed (see the security changelog); " +
		"until then keep the HTTP and native ports off untrusted networks.",
}

// versionFindings turns the server's version into one finding listing its known CVEs.
func versionFindings(svc finding.Service) []finding.Finding { return vulnReport.Finding(svc, cves) }
