package mysql

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// greetingFindings are what the greeting shows before any login: known vulnerabilities
// of the version, end of life, and no TLS.
func greetingFindings(svc finding.Service, g *Greeting) []finding.Finding {
	if g.Err != nil {
		return nil
	}
	out := versionFindings(svc)
	if !g.TLS() {
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "mysql-no-tls",
			Title:    "MySQL server offers no TLS: passwords and data cross the network in clear",
			Evidence: "CLIENT_SSL not in the greeting's capabilities",
			Remediation: "Configure ssl_cert and ssl_key (MariaDB: ssl=ON) and set require_secure_transport=ON so that " +
				"clients cannot connect in clear."}, svc))
	}
	return out
}

// globalPrivileges returns the privileges granted ON *.* by SHOW GRANTS lines.
func globalPrivileges(grants []string) map[string]bool {
	out := map[string]bool{}
	for _, g := range grants {
		u := strings.ToUpper(g)
		if !strings.HasPrefix(u, "GRANT ") {
			continue
		}
		on := strings.Index(u, " ON *.* TO ")
		if on < 0 {
			continue
		}
		for _, p := range strings.Split(u[len("GRANT "):on], ",") {
			p = strings.TrimSpace(p)
			if p == "ALL" {
				p = "ALL PRIVILEGES"
			}
			out[p] = true
		}
	}
	return out
}

// writePrivileges are those that change data or schema.
var writePrivileges = []string{"INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "CREATE", "INDEX"}

// schemaWrites lists the grants that allow writing somewhere (any level).
func schemaWrites(grants []string) []string {
	var out []string
	for _, g := range grants {
		u := strings.ToUpper(g)
		if !strings.HasPrefix(u, "GRANT ") {
			continue
		}
		on := strings.Index(u, " ON ")
		if on < 0 {
			continue
		}
		for _, p := range strings.Split(u[len("GRANT "):on], ",") {
			p = strings.TrimSpace(p)
			if p == "ALL" || p == "ALL PRIVILEGES" || slices.Contains(writePrivileges, p) {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// capabilities reports, from the grants and variables already read, what the account
// could do beyond reading.
func capabilities(info *serverInfo, svc finding.Service) []finding.Finding {
	var out []finding.Finding
	add := func(f finding.Finding) { out = append(out, probekit.Finish(f, svc)) }
	who := fmt.Sprintf("account %s", info.user)
	priv := globalPrivileges(info.grants)
	all := priv["ALL PRIVILEGES"]

	if all || priv["FILE"] {
		sfp, known := info.vars["secure_file_priv"]
		// MySQL reads NULL as "file operations off"; MariaDB as "not set", which
		// restricts nothing.
		anywhere := known && ((sfp != nil && *sfp == "") || (sfp == nil && flavorOf(svc.Version) == "mariadb"))
		switch {
		case anywhere:
			add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: "mysql-file-privilege",
				Title: "MySQL " + who + " can read and write any file the server can (FILE, empty secure_file_priv)",
				Detail: "LOAD_FILE() and LOAD DATA INFILE read files such as configuration and keys; SELECT … INTO " +
					"OUTFILE/DUMPFILE writes files (web shells, plugin libraries for code execution).",
				Evidence: "FILE on *.*, secure_file_priv unset",
				Remediation: "Revoke FILE from accounts that do not need it, and set secure_file_priv to a dedicated " +
					"directory (or NULL to disable file operations) in the server configuration."})
		case known && sfp != nil:
			add(finding.Finding{Severity: finding.Medium, Category: finding.Capability, Rule: "mysql-file-privilege",
				Title:       "MySQL " + who + " can read and write files in " + *sfp + " (FILE)",
				Evidence:    "FILE on *.*, secure_file_priv = '" + *sfp + "'",
				Remediation: "Revoke FILE from accounts that do not need it."})
		}
	}
	if all || priv["SUPER"] {
		ev := "SUPER on *.*"
		if all {
			ev = "ALL PRIVILEGES on *.*"
		}
		add(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "mysql-admin-privileges",
			Title: "MySQL " + who + " is an administrator",
			Detail: "It can change global settings, read every database, manage accounts and kill sessions; with " +
				"FILE it can plant a plugin library and run code.",
			Evidence: ev,
			Remediation: "Keep administrative accounts local (root@localhost), with strong passwords, and give " +
				"applications only the privileges they need on their own schema."})
	}
	if w := schemaWrites(info.grants); len(w) > 0 && !all {
		add(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "mysql-write-access",
			Title:       "MySQL " + who + " can change data",
			Evidence:    strings.Join(w, "\n"),
			Remediation: "Give read-only users SELECT alone; keep writers on separate, password-protected accounts."})
	}

	if v := info.vars["bind_address"]; v != nil && listensEverywhere(*v) && !isOn(info.vars["skip_networking"]) {
		add(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "mysql-listen-all",
			Title:       "MySQL listens on every network address",
			Evidence:    "bind_address = '" + *v + "', skip_networking = OFF",
			Remediation: "Set bind_address to the private address the applications use, and firewall port 3306."})
	}
	if isOn(info.vars["local_infile"]) {
		add(finding.Finding{Severity: finding.Low, Category: finding.Config, Rule: "mysql-local-infile",
			Title: "MySQL accepts LOAD DATA LOCAL INFILE (local_infile = ON)",
			Detail: "Any account with INSERT can load files from the client's machine; a rogue server can make " +
				"connecting clients send their files.",
			Evidence:    "local_infile = ON",
			Remediation: "Set local_infile = OFF unless an application needs it."})
	}
	return out
}

func isOn(v *string) bool {
	if v == nil {
		return false
	}
	switch strings.ToUpper(*v) {
	case "ON", "1", "TRUE", "YES":
		return true
	}
	return false
}

func listensEverywhere(v string) bool {
	for _, a := range strings.Split(v, ",") {
		switch strings.TrimSpace(a) {
		case "", "*", "0.0.0.0", "::":
			return true
		}
	}
	return false
}

// parseVersion splits "10.11.19-MariaDB-0+deb12u1" or "8.0.36-log" into numbers.
func parseVersion(s string) (major, minor, patch int, ok bool) {
	v, ok := release(s)
	return v[0], v[1], v[2], ok
}

// release reads a greeting's version, without the "5.5.5-" MariaDB puts before it or a
// tag right after the number.
func release(s string) (vuln.Version, bool) {
	return vuln.Parse(vuln.TrimTag(CleanVersion(strings.TrimSpace(s))))
}

// vulns are, for each flavor, server vulnerabilities that matter to a network scan:
// authentication bypass and paths from an account to code execution as the server. Each
// series listed is affected below its fix, and older series with the oldest listed.
var vulns = map[string][]vuln.CVE{
	"mysql": {
		{ID: "CVE-2012-2122", Severity: finding.Critical,
			Summary:  "authentication bypass: a wrong password is accepted about once in 256 tries",
			Affected: []vuln.Range{vuln.Span("5.1.0", "5.1.63"), vuln.Span("5.5.0", "5.5.24")}},
		{ID: "CVE-2016-6662", Severity: finding.Critical,
			Summary:  "an account with FILE or SUPER rewrites my.cnf and runs code as root at the next restart",
			Affected: []vuln.Range{vuln.Span("", "5.5.53"), vuln.Span("5.6.0", "5.6.34"), vuln.Span("5.7.0", "5.7.16")}},
	},
	"mariadb": {
		{ID: "CVE-2012-2122", Severity: finding.Critical,
			Summary: "authentication bypass: a wrong password is accepted about once in 256 tries",
			Affected: []vuln.Range{vuln.Span("5.1.0", "5.1.62"), vuln.Span("5.2.0", "5.2.12"), vuln.Span("5.3.0", "5.3.6"),
				vuln.Span("5.5.0", "5.5.23")}},
		{ID: "CVE-2016-6662", Severity: finding.Critical,
			Summary:  "an account with FILE or SUPER rewrites my.cnf and runs code as root at the next restart",
			Affected: []vuln.Range{vuln.Span("", "5.5.51"), vuln.Span("10.0.0", "10.0.27"), vuln.Span("10.1.0", "10.1.17")}},
		{ID: "CVE-2021-27928", Severity: finding.High,
			Summary: "SUPER can load any library through wsrep_provider (code execution as the server)",
			Affected: []vuln.Range{vuln.Span("10.2.0", "10.2.37"), vuln.Span("10.3.0", "10.3.28"), vuln.Span("10.4.0", "10.4.18"),
				vuln.Span("10.5.0", "10.5.9")}},
	},
}

// eol is the end of support of each series.
var eol = map[string]map[[2]int]string{
	"mysql": {{5, 5}: "2018-12-31", {5, 6}: "2021-02-28", {5, 7}: "2023-10-31", {8, 0}: "2026-04-30", {8, 4}: "2032-04-30"},
	"mariadb": {{5, 5}: "2020-04-11", {10, 0}: "2019-03-31", {10, 1}: "2020-10-17", {10, 2}: "2022-05-23",
		{10, 3}: "2023-05-25", {10, 4}: "2024-06-18", {10, 5}: "2025-06-24", {10, 6}: "2026-07-06",
		{10, 11}: "2028-02-16", {11, 4}: "2029-05-29"},
}

func versionFindings(svc finding.Service) []finding.Finding {
	return versionFindingsAt(svc, time.Now())
}

func versionFindingsAt(svc finding.Service, now time.Time) []finding.Finding {
	major, minor, _, ok := parseVersion(svc.Version)
	if !ok {
		return nil
	}
	flavor := flavorOf(svc.Version)
	series := [2]int{major, minor}
	report := vuln.Report{Rule: "mysql-known-vulnerabilities", Product: displayFlavor(flavor), Short: true, Parse: release,
		Remediation: "Upgrade to the latest release of a supported series."}
	out := report.Finding(svc, vulns[flavor])
	if end, ok := eol[flavor][series]; ok {
		if t, err := time.Parse("2006-01-02", end); err == nil && now.After(t) {
			out = append(out, probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "mysql-end-of-life",
				Title:       fmt.Sprintf("%s %d.%d is out of support since %s: no more security fixes", displayFlavor(flavor), major, minor, end),
				Evidence:    "version " + svc.Version,
				Remediation: "Upgrade to a supported series."}, svc))
		}
	}
	return out
}

func displayFlavor(f string) string {
	switch f {
	case "mariadb":
		return "MariaDB"
	case "tidb":
		return "TiDB"
	}
	return "MySQL"
}
