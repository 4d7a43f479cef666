package clickhouse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// tableFunctionRisk says what a table function gives someone who can call it.
var tableFunctionRisk = map[string]string{
	"file":               "read (and, with writes, create) files under the server's user_files_path",
	"url":                "make the server send HTTP requests anywhere it can reach (SSRF into internal networks and cloud metadata)",
	"remote":             "connect from the server to any ClickHouse server it can reach, with any credentials (pivoting)",
	"remoteSecure":       "connect from the server to any ClickHouse server over TLS (pivoting)",
	"cluster":            "query every server of a configured cluster",
	"clusterAllReplicas": "query every replica of a configured cluster",
	"mysql":              "connect from the server to MySQL servers it can reach",
	"postgresql":         "connect from the server to PostgreSQL servers it can reach",
	"mongodb":            "connect from the server to MongoDB servers it can reach",
	"redis":              "connect from the server to Redis servers it can reach",
	"jdbc":               "reach any JDBC source through the JDBC bridge",
	"odbc":               "reach any ODBC source through the ODBC bridge",
	"s3":                 "read or write S3 buckets with the server's network position and any keys given",
	"s3Cluster":          "read S3 buckets from every server of a cluster",
	"gcs":                "read or write Google Cloud Storage buckets",
	"azureBlobStorage":   "read or write Azure blob storage",
	"hdfs":               "read or write HDFS",
	"executable":         "run the scripts installed in user_scripts_path",
}

// highRisk are the functions that reach beyond the server's own data.
var highRisk = map[string]bool{"file": true, "url": true, "remote": true, "remoteSecure": true, "s3": true,
	"executable": true, "mysql": true, "postgresql": true, "jdbc": true, "odbc": true, "hdfs": true}

type sessionFacts struct {
	profileReadonly string // "0", "1", "2" — inferred from what the server accepted
	allowDDL        string
	grants          []string // SHOW GRANTS lines (20.x+), nil when unknown
	grantsKnown     bool
}

// writeGranted reports whether the grants allow writing or DDL somewhere.
func (f *sessionFacts) writeGranted() bool {
	if !f.grantsKnown {
		return true
	}
	for _, g := range f.grants {
		u := strings.ToUpper(g)
		for _, w := range []string{"GRANT ALL", " INSERT", " ALTER", " CREATE", " DROP", " TRUNCATE", " OPTIMIZE", " SYSTEM"} {
			if strings.Contains(u, w) {
				return true
			}
		}
	}
	return false
}

func (f *sessionFacts) granted(privilege string) bool {
	if !f.grantsKnown {
		return true
	}
	for _, g := range f.grants {
		u := strings.ToUpper(g)
		if strings.Contains(u, "GRANT ALL") || strings.Contains(u, privilege) {
			return true
		}
	}
	return false
}

// capabilities learns, without changing anything, what the session could do beyond
// reading: write, change settings, call table functions, read the user list.
func capabilities(ctx context.Context, s *httpSession, feat *serverFeatures, svc finding.Service) []finding.Finding {
	facts := &sessionFacts{}
	// What the server accepted of our settings tells the profile's readonly level:
	// readonly=1 refuses every setting, readonly=2 refuses only readonly itself.
	switch s.mode {
	case modeFull:
		facts.profileReadonly = "0"
	case modeLimitsOnly:
		facts.profileReadonly = "2"
	default:
		facts.profileReadonly = "1"
	}
	// allow_ddl is not among the settings we send, so this is the profile's value.
	if rows, err := s.rows(ctx, "SELECT name, value FROM system.settings WHERE name IN ('allow_ddl', 'readonly')", queryLimits{maxRows: 10}); err == nil {
		for _, r := range rows {
			if r[0] == "allow_ddl" {
				facts.allowDDL = r[1]
			}
		}
	}
	if feat.systemTables["grants"] || feat.systemTables["users"] {
		if rows, err := s.rows(ctx, "SHOW GRANTS", queryLimits{maxRows: 1000}); err == nil {
			facts.grantsKnown = true
			for _, r := range rows {
				if len(r) > 0 {
					facts.grants = append(facts.grants, r[0])
				}
			}
		}
	}

	var out []finding.Finding
	add := func(f finding.Finding) {
		f.Category = finding.Capability
		f.Host, f.Port, f.Protocol = svc.Host, svc.Port, svc.Protocol
		f.ComputeID()
		out = append(out, f)
	}
	who := fmt.Sprintf("user %q", svc.User)

	writable := facts.profileReadonly == "0" && facts.writeGranted()
	switch {
	case writable:
		detail := "The profile does not set readonly"
		if facts.allowDDL != "0" {
			detail += " and allows DDL: anyone reaching this port can INSERT, ALTER … DELETE, DROP and TRUNCATE tables."
		} else {
			detail += " (allow_ddl=0): anyone reaching this port can INSERT and ALTER … DELETE rows."
		}
		add(finding.Finding{Severity: finding.High, Rule: "clickhouse-write-access",
			Title: "ClickHouse session can write data (" + who + ")", Detail: detail,
			Evidence: "readonly=" + facts.profileReadonly + ", allow_ddl=" + facts.allowDDL,
			Remediation: "Give this user a profile with <readonly>1</readonly> (or grant only SELECT on 20.x+), " +
				"and a password; keep writers on separate, network-restricted accounts."})
	case facts.profileReadonly == "2":
		add(finding.Finding{Severity: finding.Low, Rule: "clickhouse-readonly-settings",
			Title:       "ClickHouse session is read-only but may change settings (readonly=2, " + who + ")",
			Detail:      "No writes; the user can still raise limits such as max_memory_usage or max_execution_time and run table functions.",
			Remediation: "Use readonly=1 for accounts that only read, or constrain settings with <constraints> (20.x+)."})
	default:
		add(finding.Finding{Severity: finding.Info, Rule: "clickhouse-readonly",
			Title:       "ClickHouse session is read-only (" + who + ")",
			Detail:      "The profile sets readonly; data can still be read by anyone who reaches the port.",
			Remediation: "Read-only does not protect the data: set a password and restrict <networks>."})
	}

	// Table functions: forbidden under readonly=1 (code 164); on 20.x+ they also need
	// CREATE TEMPORARY TABLE and a per-source grant.
	if feat.systemTables["table_functions"] && facts.profileReadonly != "1" {
		if rows, err := s.rows(ctx, "SELECT name FROM system.table_functions ORDER BY name", queryLimits{maxRows: 500}); err == nil {
			var usable []string
			high := false
			for _, r := range rows {
				name := r[0]
				if _, known := tableFunctionRisk[name]; !known {
					continue
				}
				if facts.grantsKnown && !facts.granted(grantFor(name)) {
					continue
				}
				usable = append(usable, name)
				high = high || highRisk[name]
			}
			if len(usable) > 0 {
				sort.Strings(usable)
				var lines []string
				for _, n := range usable {
					lines = append(lines, n+"(): "+tableFunctionRisk[n])
				}
				sev := finding.Medium
				if high {
					sev = finding.High
				}
				add(finding.Finding{Severity: sev, Rule: "clickhouse-table-functions",
					Title:    fmt.Sprintf("ClickHouse lets %s call %d table functions that reach beyond its data", who, len(usable)),
					Detail:   strings.Join(lines, "\n"),
					Evidence: strings.Join(usable, ", "), Count: len(usable),
					Remediation: "Set readonly=1 for this user (table functions are then forbidden) or, on 20.x+, revoke " +
						"CREATE TEMPORARY TABLE and the source privileges (URL, REMOTE, FILE, S3, MYSQL, …)."})
			}
		}
	}

	if feat.systemTables["users"] {
		if rows, err := s.rows(ctx, "SELECT name FROM system.users ORDER BY name LIMIT 1000", queryLimits{maxRows: 1000}); err == nil && len(rows) > 0 {
			var names []string
			for _, r := range rows {
				names = append(names, r[0])
			}
			add(finding.Finding{Severity: finding.Medium, Rule: "clickhouse-user-list",
				Title:    fmt.Sprintf("ClickHouse lets %s list its %d users", who, len(names)),
				Evidence: strings.Join(names, ", "), Count: len(names),
				Remediation: "Revoke SHOW USERS / ACCESS MANAGEMENT from accounts that do not administer ClickHouse, and " +
					"remove access_management from users.xml for the default user."})
		}
	}
	for _, g := range facts.grants {
		if strings.Contains(strings.ToUpper(g), "GRANT ALL ON *.*") {
			add(finding.Finding{Severity: finding.High, Rule: "clickhouse-admin-grants",
				Title: "ClickHouse " + who + " has every privilege on every database", Evidence: g,
				Remediation: "Grant this account only what it needs (SELECT on its databases) and keep an admin account " +
					"with a strong password and restricted networks."})
			break
		}
	}
	return out
}

// grantFor is the 20.x+ privilege a table function needs.
func grantFor(fn string) string {
	switch fn {
	case "remoteSecure", "cluster", "clusterAllReplicas":
		return "REMOTE"
	case "postgresql":
		return "POSTGRES"
	case "s3Cluster", "gcs":
		return "S3"
	case "azureBlobStorage":
		return "AZURE"
	}
	return strings.ToUpper(fn)
}
