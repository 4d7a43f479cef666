package memcached

import (
	"fmt"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// cves are Memcached's vulnerabilities that an exposed server's version reveals.
// Sources: memcached's release notes (github.com/memcached/memcached/wiki/ReleaseNotes1433,
// ReleaseNotes1439, ReleaseNotes156, ReleaseNotes1514, ReleaseNotes162) and issue #629
// for CVE-2020-10931.
var cves = []vuln.CVE{
	{ID: "CVE-2016-8704", Severity: finding.Critical, Fixed: []string{"1.4.33"},
		Summary: "integer overflow in the binary protocol's append/prepend handling lets an unauthenticated client run code"},
	{ID: "CVE-2016-8705", Severity: finding.Critical, Fixed: []string{"1.4.33"},
		Summary: "integer overflows in the binary protocol's update commands let an unauthenticated client run code"},
	{ID: "CVE-2016-8706", Severity: finding.Critical, Fixed: []string{"1.4.33"},
		Summary: "integer overflow in binary SASL authentication lets an unauthenticated client run code"},
	{ID: "CVE-2017-9951", Severity: finding.Medium, Fixed: []string{"1.4.39"},
		Summary: "incomplete fix of CVE-2016-8705: a crafted binary request crashes the server"},
	{ID: "CVE-2018-1000115", Severity: finding.High, Fixed: []string{"1.5.6"},
		Summary: "UDP listens by default, making the server a DDoS amplifier (over 50,000x); 1.5.6 turns UDP off by default"},
	{ID: "CVE-2019-11596", Severity: finding.Medium, Fixed: []string{"1.5.14"},
		Summary: "a crafted lru command dereferences a NULL pointer and crashes the server"},
	{ID: "CVE-2020-10931", Severity: finding.High, Fixed: []string{"1.6.2"}, Introduced: "1.6.0",
		Ref:     "https://github.com/memcached/memcached/issues/629",
		Summary: "a binary request with a large extras length overflows a stack buffer: unauthenticated denial of service"},
}

var vulnReport = vuln.Report{
	Rule: "memcached-known-vulnerabilities", Product: "Memcached",
	DefaultRef:  "https://github.com/memcached/memcached/wiki/ReleaseNotes",
	Remediation: "Upgrade Memcached to a current release, and keep port 11211 (TCP and UDP) reachable only from the application hosts.",
	Note:        "Matched on the self-reported version; distributions backport fixes without changing it.",
}

func versionFindings(svc finding.Service) []finding.Finding { return vulnReport.Finding(svc, cves) }

// capabilities says what anyone who reaches an open Memcached can do besides reading:
// every client may write, and settings show UDP and the shutdown command.
func capabilities(svc finding.Service, settings map[string]string) []finding.Finding {
	var out []finding.Finding
	add := func(f finding.Finding) { out = append(out, probekit.Finish(f, svc)) }
	who := "anyone"
	if svc.Auth == finding.AuthCredentials {
		who = fmt.Sprintf("user %q", svc.User)
	}
	sev := finding.High
	if !svc.Auth.Open() {
		sev = finding.Medium
	}
	detail := "Memcached has no permissions: a client that may read may also set, replace and delete any item. An " +
		"attacker can poison cached sessions, permissions or serialized objects (a common route to authentication bypass " +
		"and, with unsafe deserialization in the application, code execution)"
	if settings["flush_enabled"] != "no" {
		detail += ", and flush_all empties the whole cache"
	}
	add(finding.Finding{Severity: sev, Category: finding.Capability, Rule: "memcached-write-access",
		Title: "Memcached lets " + who + " overwrite and delete cached items", Detail: detail + ".",
		Evidence: "flush_enabled=" + settings["flush_enabled"],
		Remediation: "Keep Memcached on a private network reachable only by the application; require SASL or -Y " +
			"authentication where that is not possible; start it with -F to disable flush_all."})
	if u := settings["udpport"]; u != "" && u != "0" {
		add(finding.Finding{Severity: finding.High, Category: finding.Config, Rule: "memcached-udp-enabled",
			Title: "Memcached listens on UDP port " + u + ": usable for DDoS amplification",
			Detail: "Over UDP a 15-byte request with a spoofed source address can make the server send megabytes to a " +
				"victim (CVE-2018-1000115, the 1.7 Tbps attacks of 2018). Read from \"stats settings\"; leakwatch sends no UDP.",
			Evidence:    "udpport=" + u,
			References:  []string{"https://github.com/memcached/memcached/wiki/ReleaseNotes156"},
			Remediation: "Start Memcached with -U 0 (the default since 1.5.6) and block UDP 11211 at the firewall."})
	}
	if settings["shutdown_command"] == "yes" {
		add(finding.Finding{Severity: finding.Medium, Category: finding.Capability, Rule: "memcached-shutdown-enabled",
			Title:       "Memcached lets " + who + " shut it down (shutdown command enabled with -A)",
			Evidence:    "shutdown_command=yes",
			Remediation: "Start Memcached without -A."})
	}
	return out
}
