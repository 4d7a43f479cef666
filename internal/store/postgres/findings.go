package postgres

import (
	"context"
	"fmt"
	"slices"

	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// handshakeFindings are what the startup exchange shows without logging in.
func handshakeFindings(svc *finding.Service, fc *firstContact) []finding.Finding {
	var out []finding.Finding
	if fc.ssl == 'N' {
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "postgres-no-tls",
			Title:    "PostgreSQL refuses TLS: passwords and data cross the network in clear",
			Evidence: "SSLRequest answered 'N'",
			Remediation: "Set ssl = on with a certificate in postgresql.conf and use hostssl lines in pg_hba.conf, so " +
				"that clients cannot fall back to plain connections."}, *svc))
	}
	if fc.hs == nil {
		return out
	}
	switch fc.hs.AuthCode {
	case authCleartext:
		sev, detail := finding.Medium, "over TLS"
		if !fc.tls {
			sev, detail = finding.High, "over a plain connection: anyone on the path reads it"
		}
		out = append(out, probekit.Finish(finding.Finding{Severity: sev, Category: finding.Config, Rule: "postgres-cleartext-password",
			Title:  "PostgreSQL asks for the password in clear text (auth method password)",
			Detail: "The server asked for the password itself, " + detail + ".",
			Remediation: "Use scram-sha-256 in pg_hba.conf (password_encryption = scram-sha-256, then reset every " +
				"password) and require TLS."}, *svc))
	case authMD5:
		out = append(out, probekit.Finish(finding.Finding{Severity: finding.Low, Category: finding.Config, Rule: "postgres-md5-auth",
			Title:  "PostgreSQL authenticates with md5",
			Detail: "md5 challenge-response is replayable from a stolen hash and the hashes are weak; it is deprecated since PostgreSQL 18.",
			Remediation: "Set password_encryption = scram-sha-256, reset the passwords, and change md5 to scram-sha-256 " +
				"in pg_hba.conf."}, *svc))
	}
	return out
}

// capabilities learns, without changing anything, what the session could do beyond
// reading data.
func capabilities(ctx context.Context, s *session, info *serverInfo, svc finding.Service) []finding.Finding {
	var out []finding.Finding
	add := func(f finding.Finding) { out = append(out, probekit.Finish(f, svc)) }
	who := fmt.Sprintf("role %q", info.user)

	execProgram := info.superuser || slices.Contains(info.roles, "pg_execute_server_program")
	switch {
	case info.superuser:
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: "postgres-superuser",
			Title: "PostgreSQL session is a superuser (" + who + "): code execution on the server",
			Detail: "A superuser runs shell commands as the server's operating-system user with COPY … FROM/TO PROGRAM, " +
				"reads and writes any file the server can (pg_read_file, COPY … TO '/path', lo_import), loads " +
				"libraries and untrusted languages, and can change every setting and password.",
			Evidence: "rolsuper = true",
			Remediation: "Never let applications or remote users log in as a superuser: give them a role with only " +
				"the privileges they need, and require a strong password (scram-sha-256) for postgres."})
	case execProgram:
		add(finding.Finding{Severity: finding.Critical, Category: finding.Capability, Rule: "postgres-execute-server-program",
			Title:       "PostgreSQL " + who + " may run programs on the server (pg_execute_server_program)",
			Detail:      "COPY … FROM/TO PROGRAM runs any shell command as the server's operating-system user.",
			Evidence:    "member of pg_execute_server_program",
			Remediation: "REVOKE pg_execute_server_program FROM the role; no network-facing role needs it."})
	}
	if !info.superuser {
		var file []string
		for _, r := range info.roles {
			if r == "pg_read_server_files" || r == "pg_write_server_files" {
				file = append(file, r)
			}
		}
		if len(file) > 0 {
			add(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "postgres-server-files",
				Title:       "PostgreSQL " + who + " may read or write files on the server",
				Detail:      "COPY … FROM/TO a server path and pg_read_file reach every file the server's user can.",
				Evidence:    "member of " + strings.Join(file, ", "),
				Remediation: "REVOKE " + strings.Join(file, ", ") + " FROM the role."})
		}
		if info.createRole {
			add(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "postgres-createrole",
				Title: "PostgreSQL " + who + " has CREATEROLE",
				Detail: "Before PostgreSQL 16 CREATEROLE may grant itself any non-superuser role, including " +
					"pg_execute_server_program (code execution); from 16 it still creates and administers roles.",
				Evidence:    "rolcreaterole = true",
				Remediation: "ALTER ROLE … NOCREATEROLE for roles that do not administer accounts."})
		}
		if n := writableTables(ctx, s); n > 0 || slices.Contains(info.roles, "pg_write_all_data") {
			ev := fmt.Sprintf("%d tables with INSERT, UPDATE, DELETE or TRUNCATE in database %s", n, s.db)
			if slices.Contains(info.roles, "pg_write_all_data") {
				ev = "member of pg_write_all_data"
			}
			add(finding.Finding{Severity: finding.High, Category: finding.Capability, Rule: "postgres-write-access",
				Title:    "PostgreSQL " + who + " can change data",
				Evidence: ev,
				Remediation: "Give roles that only read SELECT alone (or pg_read_all_data), and keep writers on " +
					"separate, password-protected, network-restricted roles."})
		}
	}

	// Configuration.
	if svc.Auth == finding.AuthNone && listensEverywhere(info.settings["listen_addresses"]) {
		add(finding.Finding{Severity: finding.High, Category: finding.Config, Rule: "postgres-trust-listen-all",
			Title:    "PostgreSQL listens on every address and trusts network logins",
			Evidence: "listen_addresses = '" + info.settings["listen_addresses"] + "', logged in as " + svc.User + " without a password",
			Remediation: "Set listen_addresses to the private addresses that need it, and replace trust with " +
				"scram-sha-256 on every host line of pg_hba.conf."})
	}
	if info.superuser && info.atLeast(100000) {
		if r, err := s.rows(ctx, "SELECT line_number, type, array_to_string(database, ','), array_to_string(user_name, ','), "+
			"coalesce(address, ''), coalesce(netmask, '') FROM pg_catalog.pg_hba_file_rules "+
			"WHERE auth_method = 'trust' AND type LIKE 'host%' ORDER BY line_number LIMIT 50", 50); err == nil {
			var lines []string
			for _, row := range r {
				if isLoopback(row[4]) {
					continue
				}
				lines = append(lines, fmt.Sprintf("line %s: %s %s %s %s %s trust", row[0], row[1], row[2], row[3], row[4], row[5]))
			}
			if len(lines) > 0 {
				add(finding.Finding{Severity: finding.High, Category: finding.Config, Rule: "postgres-hba-trust",
					Title:    fmt.Sprintf("pg_hba.conf trusts %d network line(s): no password from those hosts", len(lines)),
					Evidence: strings.Join(lines, "\n"), Count: len(lines),
					Remediation: "Change these lines to scram-sha-256 (hostssl where possible) and reload the server."})
			}
		}
	}
	if pe := info.settings["password_encryption"]; pe == "md5" || pe == "on" {
		ev := "password_encryption = " + pe
		if info.superuser {
			if r, err := s.rows(ctx, "SELECT count(*) FROM pg_catalog.pg_authid WHERE rolpassword LIKE 'md5%'", 1); err == nil && len(r) == 1 {
				ev += ", " + r[0][0] + " role(s) with md5 hashes"
			}
		}
		add(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "postgres-md5-passwords",
			Title:    "PostgreSQL stores new passwords as md5 hashes",
			Evidence: ev,
			Remediation: "Set password_encryption = scram-sha-256 and reset every password, then switch pg_hba.conf " +
				"from md5 to scram-sha-256."})
	}
	return out
}

func writableTables(ctx context.Context, s *session) int {
	r, err := s.rows(ctx, `SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'
  AND (pg_catalog.has_table_privilege(c.oid, 'INSERT') OR pg_catalog.has_table_privilege(c.oid, 'UPDATE')
    OR pg_catalog.has_table_privilege(c.oid, 'DELETE') OR pg_catalog.has_table_privilege(c.oid, 'TRUNCATE'))`, 1)
	if err != nil || len(r) != 1 {
		return 0
	}
	n, _ := strconv.Atoi(r[0][0])
	return n
}

func listensEverywhere(v string) bool {
	for _, a := range strings.Split(v, ",") {
		switch strings.TrimSpace(a) {
		case "*", "0.0.0.0", "::":
			return true
		}
	}
	return false
}

func isLoopback(addr string) bool {
	return addr == "::1" || strings.HasPrefix(addr, "127.")
}

// vulns is a small table of PostgreSQL server vulnerabilities that matter to a network
// scan: privilege escalation to superuser (which means code execution) by any role that
// can log in, and memory corruption reachable from SQL. Fixed versions are those of the
// PostgreSQL security announcements: each branch they list is affected below its fix,
// and every older branch (which never got one) with the oldest listed.
var vulns = []vuln.CVE{
	{ID: "CVE-2026-6473", Severity: finding.High, Summary: "integer wraparound in size computations lets any SQL user write out of bounds (code execution)",
		Affected: []vuln.Range{vuln.Span("", "14.23"), vuln.Span("15.0", "15.18"), vuln.Span("16.0", "16.14"), vuln.Span("17.0", "17.10"),
			vuln.Span("18.0", "18.4")}},
	{ID: "CVE-2024-10979", Severity: finding.High, Summary: "PL/Perl environment variable changes let an unprivileged user run code",
		Affected: []vuln.Range{vuln.Span("", "12.21"), vuln.Span("13.0", "13.17"), vuln.Span("14.0", "14.14"), vuln.Span("15.0", "15.9"),
			vuln.Span("16.0", "16.5"), vuln.Span("17.0", "17.1")}},
	{ID: "CVE-2024-0985", Severity: finding.High, Summary: "REFRESH MATERIALIZED VIEW CONCURRENTLY runs a crafted function as the owner (privilege escalation)",
		Affected: []vuln.Range{vuln.Span("", "12.18"), vuln.Span("13.0", "13.14"), vuln.Span("14.0", "14.11"), vuln.Span("15.0", "15.6"),
			vuln.Span("16.0", "16.2")}},
	{ID: "CVE-2023-39417", Severity: finding.High, Summary: "extension scripts with @substitutions@ allow SQL injection to superuser",
		Affected: []vuln.Range{vuln.Span("", "11.21"), vuln.Span("12.0", "12.16"), vuln.Span("13.0", "13.12"), vuln.Span("14.0", "14.9"),
			vuln.Span("15.0", "15.4")}},
	{ID: "CVE-2023-2454", Severity: finding.High, Summary: "CREATE SCHEMA … schema_element defeats protective search_path (privilege escalation)",
		Affected: []vuln.Range{vuln.Span("", "11.20"), vuln.Span("12.0", "12.15"), vuln.Span("13.0", "13.11"), vuln.Span("14.0", "14.8"),
			vuln.Span("15.0", "15.3")}},
	{ID: "CVE-2022-1552", Severity: finding.High, Summary: "autovacuum, REINDEX and others run code as the table owner outside the security sandbox",
		Affected: []vuln.Range{vuln.Span("", "10.21"), vuln.Span("11.0", "11.16"), vuln.Span("12.0", "12.11"), vuln.Span("13.0", "13.7"),
			vuln.Span("14.0", "14.3")}},
	{ID: "CVE-2020-25695", Severity: finding.High, Summary: "a role that can create objects escalates to superuser through maintenance commands",
		Affected: []vuln.Range{vuln.Span("", "9.5.24"), vuln.Span("9.6.0", "9.6.20"), vuln.Span("10.0", "10.15"), vuln.Span("11.0", "11.10"),
			vuln.Span("12.0", "12.5"), vuln.Span("13.0", "13.1")}},
	{ID: "CVE-2019-10164", Severity: finding.High, Summary: "stack overflow when a user sets a crafted SCRAM password (crash, possibly code execution)",
		Affected: []vuln.Range{vuln.Span("10.0", "10.9"), vuln.Span("11.0", "11.4")}},
	{ID: "CVE-2018-1058", Severity: finding.Medium, Summary: "the public schema and search_path let users plant objects that others run",
		Affected: []vuln.Range{vuln.Span("", "9.3.22"), vuln.Span("9.4.0", "9.4.17"), vuln.Span("9.5.0", "9.5.12"), vuln.Span("9.6.0", "9.6.8"),
			vuln.Span("10.0", "10.3")}},
}

var vulnReport = vuln.Report{
	Rule: "postgres-known-vulnerabilities", Product: "PostgreSQL", Short: true, Parse: release,
	DefaultRef: "https://www.postgresql.org/support/security/",
	Remediation: "Upgrade to the latest minor release of a supported branch (minor upgrades need only a " +
		"package update and a restart).",
}

// rank orders branches across the change of numbering in 10: 9.6 (906) before 10.
func rank(branch int) int {
	if branch < 100 {
		return branch * 100
	}
	return branch
}

// eol is the end of community support for each branch.
var eol = map[int]string{
	905: "2021-02-11", 906: "2021-11-11", 10: "2022-11-10", 11: "2023-11-09", 12: "2024-11-21", 13: "2025-11-13",
	14: "2026-11-12", 15: "2027-11-11", 16: "2028-11-09", 17: "2029-11-08", 18: "2030-11-14",
}

func branchName(b int) string {
	if b >= 100 {
		return fmt.Sprintf("%d.%d", b/100, b%100)
	}
	return strconv.Itoa(b)
}

// versionFindings reports known vulnerabilities and end of life from the version.
func versionFindings(svc finding.Service) []finding.Finding {
	return versionFindingsAt(svc, time.Now())
}

func versionFindingsAt(svc finding.Service, now time.Time) []finding.Finding {
	branch, _, ok := parseVersion(svc.Version)
	if !ok {
		return nil
	}
	out := vulnReport.Finding(svc, vulns)
	end, known := eol[branch]
	switch {
	case known:
		if t, err := time.Parse("2006-01-02", end); err == nil && now.After(t) {
			out = append(out, eolFinding(svc, branch, "since "+end))
		}
	case rank(branch) < 905:
		out = append(out, eolFinding(svc, branch, "for years"))
	}
	return out
}

func eolFinding(svc finding.Service, branch int, since string) finding.Finding {
	return probekit.Finish(finding.Finding{Severity: finding.Medium, Category: finding.Config, Rule: "postgres-end-of-life",
		Title:       fmt.Sprintf("PostgreSQL %s is out of support %s: no more security fixes", branchName(branch), since),
		Evidence:    "server_version " + svc.Version,
		Remediation: "Upgrade to a supported major version (pg_upgrade or dump and restore).",
		References:  []string{"https://www.postgresql.org/support/versioning/"}}, svc)
}
