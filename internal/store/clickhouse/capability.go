package clickhouse

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// tableFunction is what a table function gives someone who can call it, and the
// source privilege it needs (src/Access/Common/AccessType.h; "" when none).
type tableFunction struct {
	risk   string
	source string
	high   bool // reaches beyond the server's own data
}

// tableFunctions lists the table functions that reach beyond the server's own data
// (docs/en/sql-reference/table-functions, up to 25.x).
var tableFunctions = map[string]tableFunction{
	"file":                    {"read (and, with writes, create) files under the server's user_files_path", "FILE", true},
	"fileCluster":             {"read files under user_files_path on every server of a cluster", "FILE", true},
	"url":                     {"make the server send HTTP requests anywhere it can reach (SSRF into internal networks and cloud metadata)", "URL", true},
	"urlCluster":              {"make every server of a cluster send HTTP requests anywhere it can reach", "URL", true},
	"remote":                  {"connect from the server to any ClickHouse server it can reach, with any credentials (pivoting)", "REMOTE", true},
	"remoteSecure":            {"connect from the server to any ClickHouse server over TLS (pivoting)", "REMOTE", true},
	"cluster":                 {"query every server of a configured cluster", "REMOTE", false},
	"clusterAllReplicas":      {"query every replica of a configured cluster", "REMOTE", false},
	"mysql":                   {"connect from the server to MySQL servers it can reach", "MYSQL", true},
	"postgresql":              {"connect from the server to PostgreSQL servers it can reach", "POSTGRES", true},
	"mongodb":                 {"connect from the server to MongoDB servers it can reach", "MONGO", true},
	"redis":                   {"connect from the server to Redis servers it can reach", "REDIS", true},
	"sqlite":                  {"open SQLite database files on the server", "SQLITE", true},
	"jdbc":                    {"reach any JDBC source through the JDBC bridge", "JDBC", true},
	"odbc":                    {"reach any ODBC source through the ODBC bridge", "ODBC", true},
	"s3":                      {"read or write S3 buckets with the server's network position and any keys given", "S3", true},
	"s3Cluster":               {"read S3 buckets from every server of a cluster", "S3", true},
	"gcs":                     {"read or write Google Cloud Storage buckets", "S3", true},
	"azureBlobStorage":        {"read or write Azure blob storage", "AZURE", true},
	"azureBlobStorageCluster": {"read Azure blob storage from every server of a cluster", "AZURE", true},
	"hdfs":                    {"read or write HDFS", "HDFS", true},
	"hdfsCluster":             {"read HDFS from every server of a cluster", "HDFS", true},
	"iceberg":                 {"read Iceberg tables in object stores the server can reach", "S3", true},
	"icebergS3":               {"read Iceberg tables in S3", "S3", true},
	"icebergAzure":            {"read Iceberg tables in Azure blob storage", "AZURE", true},
	"icebergHDFS":             {"read Iceberg tables in HDFS", "HDFS", true},
	"icebergLocal":            {"read Iceberg tables from the server's files", "FILE", true},
	"icebergCluster":          {"read Iceberg tables from every server of a cluster", "S3", true},
	"icebergS3Cluster":        {"read Iceberg tables in S3 from every server of a cluster", "S3", true},
	"icebergAzureCluster":     {"read Iceberg tables in Azure from every server of a cluster", "AZURE", true},
	"icebergHDFSCluster":      {"read Iceberg tables in HDFS from every server of a cluster", "HDFS", true},
	"deltaLake":               {"read Delta Lake tables in object stores the server can reach", "S3", true},
	"deltaLakeCluster":        {"read Delta Lake tables from every server of a cluster", "S3", true},
	"deltaLakeAzure":          {"read Delta Lake tables in Azure blob storage", "AZURE", true},
	"deltaLakeLocal":          {"read Delta Lake tables from the server's files", "FILE", true},
	"hudi":                    {"read Hudi tables in object stores the server can reach", "S3", true},
	"hudiCluster":             {"read Hudi tables from every server of a cluster", "S3", true},
	"paimon":                  {"read Paimon tables in object stores the server can reach", "S3", true},
	"hive":                    {"read Hive tables through a metastore the server can reach", "HIVE", true},
	"ytsaurus":                {"read YTsaurus tables the server can reach", "YTSAURUS", true},
	"arrowFlight":             {"connect to Apache Arrow Flight servers the server can reach", "ARROW_FLIGHT", true},
	"executable":              {"run the scripts installed in user_scripts_path", "", true},
}

type sessionFacts struct {
	profileReadonly string    // "0", "1", "2" — inferred from what the server accepted
	allowDDL        string    // the profile's
	grants          *grantSet // nil when unknown (before 20.x, or SHOW GRANTS refused)
	grantsSource    string    // how they were read
}

// writeGranted reports whether the grants allow writing or DDL somewhere.
func (f *sessionFacts) writeGranted() bool {
	return f.grants == nil || f.grants.writeLine() != ""
}

// functionGranted reports whether the grants let the session call a table function.
func (f *sessionFacts) functionGranted(tf tableFunction) bool {
	if f.grants == nil {
		return true
	}
	if tf.source == "" {
		return f.grants.globalGrant("CREATE TEMPORARY TABLE", "CREATE", "CREATE ARBITRARY TEMPORARY TABLE")
	}
	return f.grants.sourceGranted(tf.source)
}

// learnGrants reads the session's effective grants: SHOW GRANTS FINAL where the server
// has it (rights granted through roles included; ParserShowGrantsQuery reads FINAL from
// 24.x), else SHOW GRANTS plus each granted role's own. When a role's grants cannot be
// read, the user's are unknown.
func learnGrants(ctx context.Context, s *httpSession) (*grantSet, string) {
	read := func(q string) ([]string, error) {
		rows, err := s.rows(ctx, q, queryLimits{maxRows: 1000})
		if err != nil {
			return nil, err
		}
		var out []string
		for _, r := range rows {
			if len(r) > 0 {
				out = append(out, r[0])
			}
		}
		return out, nil
	}
	if lines, err := read("SHOW GRANTS FINAL"); err == nil {
		gs := parseGrants(lines)
		gs.roles = nil // FINAL has folded their rights in
		return gs, "SHOW GRANTS FINAL"
	}
	lines, err := read("SHOW GRANTS")
	if err != nil {
		return nil, ""
	}
	gs := parseGrants(lines)
	if len(gs.roles) == 0 {
		return gs, "SHOW GRANTS"
	}
	const maxRoles = 16
	if len(gs.roles) > maxRoles {
		return nil, ""
	}
	for _, r := range gs.roles {
		if len(r) > probekit.MaxNameBytes {
			return nil, "" // not sent back: a role whose rights are unknown
		}
		more, err := read("SHOW GRANTS FOR " + quoteIdent(r))
		if err != nil {
			return nil, "" // a role whose rights are unknown: so are the user's
		}
		gs.lines = append(gs.lines, parseGrants(more).lines...)
	}
	return gs, "SHOW GRANTS and its roles' grants"
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
	// The profile's readonly when our own readonly=1 was refused by a constraint.
	if s.constrained["readonly"] {
		if rows, err := s.rows(ctx, "SELECT value FROM system.settings WHERE name = 'readonly'", queryLimits{maxRows: 1}); err == nil && len(rows) == 1 {
			facts.profileReadonly = rows[0][0]
		}
	}
	if feat.systemTables["grants"] || feat.systemTables["users"] {
		facts.grants, facts.grantsSource = learnGrants(ctx, s)
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
			Evidence: writeEvidence(facts),
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

	// Table functions: forbidden under readonly=1 (code 164); on 20.x+ they also need a
	// global source privilege (READ ON <source> from 25.x).
	if feat.systemTables["table_functions"] && facts.profileReadonly != "1" {
		if rows, err := s.rows(ctx, "SELECT name FROM system.table_functions ORDER BY name", queryLimits{maxRows: 500}); err == nil {
			var usable []string
			high := false
			for _, r := range rows {
				name := r[0]
				tf, known := tableFunctions[name]
				if !known || !facts.functionGranted(tf) {
					continue
				}
				usable = append(usable, name)
				high = high || tf.high
			}
			if len(usable) > 0 {
				sort.Strings(usable)
				var lines []string
				for _, n := range usable {
					lines = append(lines, n+"(): "+tableFunctions[n].risk)
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
						"CREATE TEMPORARY TABLE and the source privileges (SOURCES, or URL, REMOTE, FILE, S3, MYSQL, …; from " +
						"25.x READ and WRITE ON each source)."})
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
	if facts.grants != nil {
		if line := facts.grants.adminLine(); line != "" {
			add(finding.Finding{Severity: finding.High, Rule: "clickhouse-admin-grants",
				Title: "ClickHouse " + who + " is an administrator: every privilege, or user and grant management, on every database",
				Detail: "With ALL or ACCESS MANAGEMENT on *.* (granted whole or privilege by privilege) the user can create " +
					"users, change any user's password and grant itself anything (grants read with " + facts.grantsSource + ").",
				Evidence: line,
				Remediation: "Grant this account only what it needs (SELECT on its databases) and keep an admin account " +
					"with a strong password and restricted networks."})
		}
	}
	return out
}

// writeEvidence says what made the session writable.
func writeEvidence(f *sessionFacts) string {
	ev := "readonly=" + f.profileReadonly + ", allow_ddl=" + f.allowDDL
	if f.grants != nil {
		if line := f.grants.writeLine(); line != "" {
			ev += "; " + line
		}
	}
	return ev
}
