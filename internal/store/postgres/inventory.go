package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/vuln"
)

// serverInfo is what the first statements of a session learn.
type serverInfo struct {
	version    string
	versionNum int // server_version_num: 150018 for 15.18, 90624 for 9.6.24
	user       string
	superuser  bool
	createRole bool
	createDB   bool
	roles      []string          // predefined roles the user is a member of
	settings   map[string]string // from pg_settings: what the user may see
}

func (i *serverInfo) atLeast(num int) bool { return i.versionNum >= num }

// explore runs inventory, sampling and capability checks on a logged-in session, within
// opts.InventoryTimeout. Partial results stay in res.
func explore(ctx context.Context, s *session, ep store.Endpoint, o *store.Options, c cred, res *Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	info, err := learn(ctx, s)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	svc.Version = info.version
	svc.Details["version_num"] = strconv.Itoa(info.versionNum)
	svc.Details["current_user"] = info.user
	svc.Details["superuser"] = strconv.FormatBool(info.superuser)
	svc.Details["read_only_session"] = strconv.FormatBool(s.readOnly)
	for _, k := range []string{"listen_addresses", "password_encryption"} {
		if v, ok := info.settings[k]; ok {
			svc.Details[k] = v
		}
	}
	// Capabilities first: a few cheap queries that matter even when the data part runs
	// out of time.
	res.Findings = append(res.Findings, versionFindings(*svc)...)
	res.Findings = append(res.Findings, capabilities(ctx, s, info, *svc)...)

	dbs, err := databases(ctx, s, o, svc)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	budget := o.MaxTables
	var firstErr error
	var unreachable []string
	schemas := map[string]bool{}
	defer func() {
		if len(unreachable) > 0 {
			svc.Details["databases_unreadable"] = strings.Join(unreachable, "; ")
		}
		svc.Details["schemas"] = strconv.Itoa(len(schemas))
	}()
	for _, db := range dbs {
		if ctx.Err() != nil {
			break
		}
		if budget <= 0 {
			svc.Truncated = true
			break
		}
		ds := s
		if db != s.db {
			ds, err = connect(ctx, ep, o, s.link, c, db)
			if err != nil {
				unreachable = append(unreachable, db+" ("+shortErr(err)+")")
				continue
			}
		}
		tables, truncated, err := inventoryDB(ctx, ds, o, info, db, budget)
		budget -= len(tables)
		svc.Truncated = svc.Truncated || truncated
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if o.SampleRows > 0 {
			res.Samples = append(res.Samples, sampleTables(ctx, ds, o, info, tables)...)
			res.Samples = append(res.Samples, userMappings(ctx, ds, o, db)...)
			res.Samples = append(res.Samples, routineSources(ctx, ds, o, db)...)
		}
		for _, t := range tables {
			svc.Datasets = append(svc.Datasets, t.Dataset)
			schemas[db+"."+t.schema] = true
		}
		if ds != s {
			ds.close()
		}
	}
	if firstErr != nil {
		return fmt.Errorf("inventory: %w", firstErr)
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

func learn(ctx context.Context, s *session) (*serverInfo, error) {
	info := &serverInfo{settings: map[string]string{}}
	r, err := s.rows(ctx, "SHOW server_version", 1)
	if err != nil {
		return nil, err
	}
	if len(r) == 1 {
		info.version = r[0][0]
	}
	if r, err := s.rows(ctx, "SHOW server_version_num", 1); err == nil && len(r) == 1 {
		info.versionNum, _ = strconv.Atoi(r[0][0])
	} else {
		info.versionNum = versionNum(info.version)
	}
	r, err = s.rows(ctx, "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb FROM pg_catalog.pg_roles WHERE rolname = current_user", 1)
	if err != nil {
		return nil, err
	}
	if len(r) == 1 {
		// Cut at decode like a name: the server chooses what it calls the user.
		info.user, info.superuser, info.createRole, info.createDB = probekit.CutName(r[0][0]), r[0][1] == "t", r[0][2] == "t", r[0][3] == "t"
	}
	// The predefined roles exist from 11 (pg_read_all_data from 14); a name that does
	// not exist simply matches nothing.
	if r, err := s.rows(ctx, "SELECT r.rolname FROM pg_catalog.pg_roles r WHERE r.rolname IN ('pg_read_server_files', "+
		"'pg_write_server_files', 'pg_execute_server_program', 'pg_read_all_data', 'pg_write_all_data') "+
		"AND pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER') ORDER BY 1", 10); err == nil {
		for _, row := range r {
			info.roles = append(info.roles, row[0])
		}
	}
	if r, err := s.rows(ctx, "SELECT name, setting FROM pg_catalog.pg_settings WHERE name IN ('listen_addresses', 'ssl', "+
		"'password_encryption', 'log_statement', 'port') ORDER BY 1", 20); err == nil {
		for _, row := range r {
			info.settings[row[0]] = probekit.CutType(row[1])
		}
	}
	return info, nil
}

// versionNum turns "15.18 (Debian 15.18-0+deb12u1)" or "9.6.24" into server_version_num.
func versionNum(v string) int {
	major, minor, ok := parseVersion(v)
	if !ok {
		return 0
	}
	if major < 100 {
		return major*10000 + minor
	}
	// 9.6.24: major 906, minor 24.
	return major*100 + minor
}

// parseVersion splits a version into its branch and minor number: 15.18 → (15, 18),
// 9.6.24 → (906, 24). Before 10 a branch had two numbers.
func parseVersion(s string) (branch, minor int, ok bool) {
	v, ok := release(s)
	switch {
	case !ok:
		return 0, 0, false
	case v[0] >= 10:
		return v[0], v[1], true
	}
	return v[0]*100 + v[1], v[2], true
}

// release reads server_version as a vuln.Version. PostgreSQL writes a pre-release tag
// right after the number ("9.6beta1", "18rc1") and, from 10 on, names a major alone
// until its first minor release ("18beta1", "18devel"): the tag is dropped and a lone
// major reads as major.0. Numbers before 6.0, and a lone number below 10, are not
// PostgreSQL versions.
func release(s string) (vuln.Version, bool) {
	s = vuln.TrimTag(s)
	num := len(s) - len(strings.TrimLeft(s, "0123456789."))
	lone := !strings.Contains(s[:num], ".")
	if lone {
		s = s[:num] + ".0" + s[num:]
	}
	v, ok := vuln.Parse(s)
	if !ok || v[0] < 6 || (lone && v[0] < 10) {
		return vuln.Version{}, false
	}
	return v, true
}

// databases lists the databases worth connecting to, at most opts.MaxDatabases.
func databases(ctx context.Context, s *session, o *store.Options, svc *finding.Service) ([]string, error) {
	r, err := s.nullable(ctx, fmt.Sprintf("SELECT datname, datallowconn, CASE WHEN pg_catalog.has_database_privilege(oid, 'CONNECT') "+
		"THEN pg_catalog.pg_database_size(oid) END FROM pg_catalog.pg_database WHERE NOT datistemplate ORDER BY datname LIMIT %d",
		o.MaxDatabases+1), o.MaxDatabases+1)
	if err != nil {
		return nil, err
	}
	if len(r) > o.MaxDatabases {
		r = r[:o.MaxDatabases]
		svc.Truncated = true
	}
	var out []string
	var total int64
	for _, row := range r {
		if row[0] == nil {
			continue
		}
		if len(*row[0]) > probekit.MaxNameBytes {
			// Never connected to: its name would go back in the StartupMessage.
			svc.Datasets = append(svc.Datasets, finding.Dataset{Database: probekit.CutName(*row[0]), Kind: "database", Error: probekit.LongName})
			continue
		}
		if row[2] != nil {
			n, _ := strconv.ParseInt(*row[2], 10, 64)
			total += n
		}
		if row[1] != nil && *row[1] == "t" {
			out = append(out, *row[0])
		}
	}
	// The session's own database first: it is already connected.
	for i, d := range out {
		if d == s.db && i > 0 {
			out[0], out[i] = out[i], out[0]
		}
	}
	svc.Details["databases"] = strconv.Itoa(len(r))
	svc.Details["databases_bytes"] = strconv.FormatInt(total, 10)
	return out, nil
}

// table is a dataset with what inventory needs to read it.
type table struct {
	finding.Dataset
	oid      string
	schema   string
	name     string
	relkind  string
	relBytes int64 // the heap alone, to judge a count(*)
	canRead  bool
	timeCol  string
	timeIdx  bool
	// asJSON names the columns read as JSON objects: composite types and hstore, whose
	// text forms ("(a,b)", "k"=>"v") give no names or no format the detector knows.
	asJSON map[string]bool
	// reaches says where reading the relation would make the server connect: a foreign
	// table, or a parent (partitioned or by inheritance) with a foreign descendant.
	reaches string
	// cutCols holds the indexes of the columns listed under a cut name, never read
	// (known by their index: a name of invalid UTF-8 cuts to less than a real one).
	cutCols map[int]bool
	// policed: row-level security applies to this session here, so every read runs the
	// table's policies — expressions whoever made the table chose, which may read a
	// foreign table or call dblink.
	policed bool
}

func (t *table) ident() string { return quoteIdent(t.schema) + "." + quoteIdent(t.name) }

// readable is true for relations whose rows live on this server: tables, partitioned
// tables and materialized views, unless a partition or inheritance child is a foreign
// table (a scan of the parent reads it, and the server would connect to its host with
// the user mapping's password). Views run a query; foreign tables reach other servers.
func (t *table) readable() bool {
	return t.canRead && t.reaches == "" && !t.policed && (t.relkind == "r" || t.relkind == "p" || t.relkind == "m")
}

var kinds = map[string]string{"r": "table", "p": "partitioned table", "v": "view", "m": "materialized view", "f": "foreign table"}

const (
	// exactCountBytes is the heap size up to which a table with no statistics is counted.
	exactCountBytes = 64 << 20
	// maxTimeRangeRows bounds min/max over an unindexed column: above it, a full scan is
	// no longer a probe.
	maxTimeRangeRows = 5_000_000
)

// inventoryDB lists up to max tables of the session's database with their sizes,
// estimated rows, columns and time ranges.
func inventoryDB(ctx context.Context, s *session, o *store.Options, info *serverInfo, db string, max int) (tables []*table, truncated bool, err error) {
	kindsIn := "'r','v','f'"
	if info.atLeast(90300) {
		kindsIn += ",'m'"
	}
	notPartition := ""
	partRows, partBytes := "0", "0"
	policed := "false"
	if info.atLeast(90500) { // row-level security exists from 9.5
		policed = "c.relrowsecurity AND pg_catalog.row_security_active(c.oid)"
	}
	if info.atLeast(100000) {
		kindsIn += ",'p'"
		notPartition = " AND NOT c.relispartition"
		// A partitioned table holds nothing itself: add up its partitions (one level).
		partRows = "(SELECT coalesce(sum(GREATEST(p.reltuples, 0)), 0)::bigint FROM pg_catalog.pg_inherits i JOIN pg_catalog.pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = c.oid)"
		partBytes = "(SELECT coalesce(sum(pg_catalog.pg_total_relation_size(i.inhrelid)), 0)::bigint FROM pg_catalog.pg_inherits i WHERE i.inhparent = c.oid)"
	}
	q := fmt.Sprintf(`SELECT c.oid, n.nspname, c.relname, c.relkind, c.reltuples::bigint,
  pg_catalog.pg_total_relation_size(c.oid), pg_catalog.pg_relation_size(c.oid),
  pg_catalog.has_table_privilege(c.oid, 'SELECT'),
  CASE WHEN c.relkind = 'p' THEN %s ELSE 0 END, CASE WHEN c.relkind = 'p' THEN %s ELSE 0 END, %s
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN (%s)%s AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_(toast|temp_)'
ORDER BY n.nspname, c.relname LIMIT %d`, partRows, partBytes, policed, kindsIn, notPartition, max+1)
	r, err := s.rows(ctx, q, max+1)
	if err != nil {
		return nil, false, err
	}
	truncated = len(r) > max
	byOID := map[string]*table{}
	for i, row := range r {
		if i == max {
			break
		}
		t := &table{oid: row[0], schema: row[1], name: row[2], relkind: row[3], canRead: row[7] == "t"}
		if len(row) > 10 && row[10] == "t" {
			t.policed = true
			t.NotSampled = "not sampled: row-level security policies run on every read, and may reach other hosts"
		}
		t.Database = db
		t.Table = t.schema + "." + t.name
		t.Kind = kinds[t.relkind]
		reltuples, _ := strconv.ParseInt(row[4], 10, 64)
		t.Bytes, _ = strconv.ParseInt(row[5], 10, 64)
		t.relBytes, _ = strconv.ParseInt(row[6], 10, 64)
		switch t.relkind {
		case "p":
			t.Rows, _ = strconv.ParseInt(row[8], 10, 64)
			t.Bytes, _ = strconv.ParseInt(row[9], 10, 64)
			t.RowsEstimated = true
		case "v", "f":
		default:
			// -1 (14+) or 0 with pages on disk (before 14): never vacuumed or analysed.
			if reltuples > 0 || (reltuples == 0 && t.relBytes == 0) {
				t.Rows, t.RowsEstimated = reltuples, true
			} else {
				t.Rows = -1
			}
		}
		if !t.canRead && t.Kind != "view" {
			t.Error = "no SELECT privilege"
		}
		if len(t.schema) > probekit.MaxNameBytes || len(t.name) > probekit.MaxNameBytes {
			// Listed, never counted, ranged or sampled: the name would go back in each.
			t.schema, t.name, t.canRead, t.Error = probekit.CutName(t.schema), probekit.CutName(t.name), false, probekit.LongName
			t.Table = t.schema + "." + t.name
		}
		tables = append(tables, t)
		if _, err := strconv.ParseUint(t.oid, 10, 32); err != nil {
			// An oid goes back unquoted in the statements below: only a number does.
			t.oid, t.canRead = "", false
			if t.Error == "" {
				t.Error = "oid not a number: not read"
			}
			continue
		}
		byOID[t.oid] = t
	}
	if len(tables) == 0 {
		return nil, truncated, nil
	}

	oids := make([]string, 0, len(tables))
	for _, t := range tables {
		if t.oid != "" {
			oids = append(oids, t.oid)
		}
	}
	if len(oids) == 0 {
		return tables, truncated, nil
	}
	q = fmt.Sprintf(`SELECT a.attrelid, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
  EXISTS (SELECT 1 FROM pg_catalog.pg_index x WHERE x.indrelid = a.attrelid AND x.indkey[0] = a.attnum),
  y.typtype, y.typname
FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_type y ON y.oid = a.atttypid
WHERE a.attrelid IN (%s) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum LIMIT %d`, strings.Join(oids, ","), 400*len(tables))
	r, err = s.rows(ctx, q, 400*len(tables))
	if err != nil {
		return tables, truncated, err
	}
	for _, row := range r {
		t := byOID[row[0]]
		if t == nil {
			continue
		}
		if len(row[1]) > probekit.MaxNameBytes {
			// Listed cut, never read (sampleQuery leaves it out).
			if t.cutCols == nil {
				t.cutCols = map[int]bool{}
			}
			t.cutCols[len(t.Columns)] = true
			t.Columns = append(t.Columns, finding.Column{Name: probekit.CutName(row[1]), Type: probekit.CutType(row[2])})
			continue
		}
		t.Columns = append(t.Columns, finding.Column{Name: row[1], Type: probekit.CutType(row[2])})
		if len(row) > 5 && (row[4] == "c" || row[4] == "b" && row[5] == "hstore") && info.atLeast(90200) {
			if t.asJSON == nil {
				t.asJSON = map[string]bool{}
			}
			t.asJSON[row[1]] = true
		}
		if t.timeCol == "" && isTimeType(row[2]) {
			t.timeCol, t.timeIdx = row[1], row[3] == "t"
		}
	}

	if info.atLeast(90100) { // foreign tables exist from 9.1
		// An error leaves the parents unread; it shows in their not_sampled.
		_ = foreignReach(ctx, s, byOID, oids)
	}

	for _, t := range tables {
		if ctx.Err() != nil {
			break
		}
		if !t.readable() {
			if t.Rows < 0 {
				t.Rows = 0
			}
			continue
		}
		if t.Rows < 0 {
			countRows(ctx, s, info, t)
		}
		timeRange(ctx, s, t)
	}
	return tables, truncated, nil
}

// maxInheritDepth bounds how deep partitions of partitions (and inheritance children)
// are followed.
const maxInheritDepth = 8

// foreignReach marks the foreign tables among the listed relations, and the parents
// whose partitions or inheritance children include one, with the host their foreign
// server names (srvoptions host/port, as postgres_fdw and mysql_fdw spell them). The
// catalogs read here are public; the user mapping's options are not touched. Until it
// is known, every parent is treated as reaching: an error here leaves them unread.
func foreignReach(ctx context.Context, s *session, byOID map[string]*table, oids []string) error {
	var parents []string
	for _, o := range oids {
		if t := byOID[o]; t != nil && (t.relkind == "r" || t.relkind == "p" || t.relkind == "f") {
			parents = append(parents, o)
		}
	}
	if len(parents) == 0 {
		return nil
	}
	// The recursive part sits in a subquery so that the statement starts with SELECT,
	// as every statement leakwatch sends does.
	q := fmt.Sprintf(`SELECT q.* FROM (WITH RECURSIVE tree(root, rel, depth) AS (
  SELECT c.oid, c.oid, 0 FROM pg_catalog.pg_class c WHERE c.oid IN (%s)
  UNION ALL
  SELECT t.root, i.inhrelid, t.depth + 1 FROM tree t JOIN pg_catalog.pg_inherits i ON i.inhparent = t.rel WHERE t.depth < %d)
SELECT t.root, r.relname, s.srvname, w.fdwname, coalesce(array_to_string(s.srvoptions, chr(31)), ''), t.depth
FROM tree t
JOIN pg_catalog.pg_class r ON r.oid = t.rel
JOIN pg_catalog.pg_foreign_table ft ON ft.ftrelid = t.rel
JOIN pg_catalog.pg_foreign_server s ON s.oid = ft.ftserver
JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid = s.srvfdw) q
ORDER BY q.root, q.depth LIMIT %d`, strings.Join(parents, ","), maxInheritDepth, 20*len(parents)+100)
	rows, err := s.rows(ctx, q, 20*len(parents)+100)
	if err != nil {
		for _, o := range parents {
			if t := byOID[o]; t.relkind != "f" {
				// Cannot tell whether a partition is foreign: do not read the parent.
				t.reaches = "(partitions not checked: " + shortErr(err) + ")"
			}
		}
		for _, o := range parents {
			if t := byOID[o]; t.relkind == "f" {
				t.reaches = "(foreign server not shown)"
			}
		}
		markNotSampled(byOID)
		return err
	}
	for _, r := range rows {
		t := byOID[r[0]]
		if t == nil || t.reaches != "" {
			continue
		}
		where := foreignHost(r[4])
		if where == "" {
			where = "(host not shown)"
		}
		where += " (foreign server " + probekit.CutText(r[2], 100) + " via " + probekit.CutText(r[3], 100)
		if t.relkind != "f" {
			where += ", through " + probekit.CutText(r[1], 100)
		}
		t.reaches = where + ")"
	}
	for _, o := range parents {
		if t := byOID[o]; t.relkind == "f" && t.reaches == "" {
			t.reaches = "(foreign server not shown)"
		}
	}
	markNotSampled(byOID)
	return nil
}

func markNotSampled(byOID map[string]*table) {
	for _, t := range byOID {
		if t.reaches != "" {
			t.NotSampled = "not sampled: reaches another host " + t.reaches
		}
	}
}

// foreignHost reads host and port from a foreign server's options ("host=db.internal",
// "port=5432", separated by \x1f). A file_fdw server has none: its tables read files.
func foreignHost(opts string) string {
	var host, port string
	for _, kv := range strings.Split(opts, "\x1f") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "host", "hostaddr", "address", "server", "servername", "dbserver":
			if host == "" {
				host = strings.TrimSpace(v)
			}
		case "port":
			port = strings.TrimSpace(v)
		}
	}
	if host == "" {
		return ""
	}
	if port != "" && !strings.Contains(host, ",") {
		host += ":" + port
	}
	return probekit.CutText(host, 200)
}

// countRows fills in the rows of a table the server has no statistics for: an exact
// count(*) on a small heap, a 1% block sample on a large one.
func countRows(ctx context.Context, s *session, info *serverInfo, t *table) {
	q := "SELECT count(*) FROM " + t.ident()
	estimated := false
	if t.relBytes > exactCountBytes {
		if !info.atLeast(90500) {
			t.Rows = 0
			t.Error = "rows unknown: never analysed and too large to count"
			return
		}
		q = "SELECT count(*) * 100 FROM " + t.ident() + " TABLESAMPLE SYSTEM (1)"
		estimated = true
	}
	r, err := s.rows(ctx, q, 1)
	if err != nil || len(r) != 1 {
		t.Rows = 0
		if err != nil {
			t.Error = "count: " + shortErr(err)
		}
		return
	}
	t.Rows, _ = strconv.ParseInt(r[0][0], 10, 64)
	t.RowsEstimated = estimated
}

func timeRange(ctx context.Context, s *session, t *table) {
	if t.timeCol == "" || t.Rows == 0 || (!t.timeIdx && t.Rows > maxTimeRangeRows) {
		return
	}
	c := quoteIdent(t.timeCol)
	r, err := s.rows(ctx, fmt.Sprintf("SELECT min(%[1]s)::text, max(%[1]s)::text FROM %[2]s", c, t.ident()), 1)
	if err != nil {
		if t.Error == "" {
			t.Error = "time range: " + shortErr(err)
		}
		return
	}
	if len(r) == 1 && r[0][0] != "" {
		t.TimeRange = &finding.TimeRange{Column: t.timeCol, Min: r[0][0], Max: r[0][1]}
	}
}

// isTimeType matches date, timestamp and timestamptz as format_type() writes them.
func isTimeType(t string) bool {
	return t == "date" || strings.HasPrefix(t, "timestamp")
}

// maxSampleColumns bounds the columns read per table; the rest are listed, not read.
const maxSampleColumns = 100

// sampleTables reads up to opts.SampleRows rows of every readable, non-empty table.
func sampleTables(ctx context.Context, s *session, o *store.Options, info *serverInfo, tables []*table) []store.Sample {
	var out []store.Sample
	for _, t := range tables {
		if ctx.Err() != nil {
			break
		}
		if !t.readable() || t.Rows == 0 || len(t.Columns) == 0 || probekit.OutOfBudget(o, &t.Dataset) {
			continue
		}
		smp, err := sampleTable(ctx, s, o, info, t)
		if err != nil && t.Error == "" {
			t.Error = "sample: " + shortErr(err)
		}
		if smp != nil && len(smp.Rows) > 0 {
			t.Sampled = len(smp.Rows)
			out = append(out, *smp)
		}
	}
	return out
}

// sampleQuery builds the sample statement: every cell cast to text and cut on the
// server, and on large tables a block sample so that rows come from all over the table
// rather than its first pages.
func sampleQuery(o *store.Options, info *serverInfo, t *table, blockSample bool, cut int) (string, []string) {
	cols := t.Columns
	if len(cols) > maxSampleColumns {
		cols = cols[:maxSampleColumns]
	}
	exprs := make([]string, 0, len(cols))
	names := make([]string, 0, len(cols))
	for i, c := range cols {
		if t.cutCols[i] {
			continue // listed cut at decode: never sent back
		}
		e := cellText(info, c)
		if t.asJSON[c.Name] {
			// to_json names a composite's fields; hstore's extension casts it to an object.
			e = fmt.Sprintf("to_json(%s)::text", quoteIdent(c.Name))
		}
		exprs = append(exprs, fmt.Sprintf("left(%s, %d)", e, cut))
		names = append(names, c.Name)
	}
	from := t.ident()
	if blockSample {
		pct := 100 * float64(50*o.SampleRows) / float64(t.Rows)
		pct = max(0.01, min(pct, 100))
		from += " TABLESAMPLE SYSTEM (" + strconv.FormatFloat(pct, 'f', 4, 64) + ")"
	}
	return fmt.Sprintf("SELECT %s FROM %s LIMIT %d", strings.Join(exprs, ", "), from, o.SampleRows), names
}

// cellText is the text a column's cell is read as: bytea as its bytes, printable ones
// as they are (the "\x…" hex that ::text writes hides a secret stored as bytes), and
// arrays as JSON, whose elements the detector reads one by one under the column's name
// ("{a,b}" is no format it knows).
func cellText(info *serverInfo, c finding.Column) string {
	switch {
	case c.Type == "bytea":
		return fmt.Sprintf("encode(%s, 'escape')", quoteIdent(c.Name))
	case strings.HasSuffix(c.Type, "[]") && info.atLeast(90200):
		return fmt.Sprintf("array_to_json(%s)::text", quoteIdent(c.Name))
	}
	return quoteIdent(c.Name) + "::text"
}

// blockSampleRows is the table size above which samples are drawn with TABLESAMPLE
// (a variable so that tests can reach that path on small tables).
var blockSampleRows int64 = 100_000

func sampleTable(ctx context.Context, s *session, o *store.Options, info *serverInfo, t *table) (*store.Sample, error) {
	block := t.Rows > blockSampleRows && info.atLeast(90500) && (t.relkind == "r" || t.relkind == "m")
	cut := probekit.SampleCut(o)
	q, names := sampleQuery(o, info, t, block, cut)
	if len(names) == 0 {
		return nil, nil // every column listed under a cut name
	}
	smp, seen, err := readSample(ctx, s, o, t, q, names, cut)
	if block && err == nil && seen < o.SampleRows {
		// Too few blocks picked (statistics were stale): read the first rows instead,
		// giving back what the first try charged.
		smp.release()
		q, _ = sampleQuery(o, info, t, false, cut)
		smp, _, err = readSample(ctx, s, o, t, q, names, cut)
	}
	return smp.Sample, err
}

// keptSample is a sample with the budget it was charged to.
type keptSample struct {
	*store.Sample
	b *probekit.Budget
}

func (k keptSample) release() { k.b.Release() }

// readSample runs a sample query, cutting each row to the sample's caps and charging
// it to the endpoint's budget as it arrives; seen is how many rows the server sent.
func readSample(ctx context.Context, s *session, o *store.Options, t *table, q string, names []string, cut int) (keptSample, int, error) {
	smp := &store.Sample{Database: t.Database, Table: t.Table, Columns: names}
	b := probekit.SampleBudget(o)
	seen, err := s.eachRow(ctx, q, o.SampleRows, s.o.IOTimeout, func(vals [][]byte) bool {
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = probekit.Cut(string(v[:min(len(v), cut)]), cut)
		}
		if !b.Add(row) {
			return false
		}
		smp.Rows = append(smp.Rows, row)
		return true
	})
	return keptSample{smp, b}, seen, err
}

func shortErr(err error) string { return probekit.FirstLine(err.Error(), 300) }

// userMappings reads the database's user mappings (postgres_fdw, dblink_fdw, …): the
// user and password the server logs in to another with are kept as options in plain
// text, and pg_user_mappings shows them to a superuser, to the mapped user and, for a
// PUBLIC mapping, to the server's owner. Each mapping is a record of its options by
// name ("password"), located at pg_user_mappings of the database. A catalog SELECT,
// at most SampleRows mappings, each row charged to the sample budget.
func userMappings(ctx context.Context, s *session, o *store.Options, db string) []store.Sample {
	r, err := s.rows(ctx, fmt.Sprintf(`SELECT srvname, COALESCE(usename, 'public'), array_to_json(umoptions)
FROM pg_catalog.pg_user_mappings WHERE umoptions IS NOT NULL ORDER BY srvname, usename LIMIT %d`, o.SampleRows), o.SampleRows)
	if err != nil {
		return nil
	}
	var out []store.Sample
	for _, row := range r {
		if len(row) != 3 {
			continue
		}
		var opts []string
		if json.Unmarshal([]byte(row[2]), &opts) != nil || len(opts) == 0 {
			continue
		}
		smp := store.Sample{Database: db, Table: "pg_user_mappings", Columns: []string{"srvname", "usename"}}
		cells := []string{row[0], row[1]}
		for _, kv := range opts {
			k, v, ok := strings.Cut(kv, "=")
			if !ok || k == "" || len(smp.Columns) >= 2+maxMappingOptions {
				continue
			}
			smp.Columns = append(smp.Columns, probekit.CutName(k))
			cells = append(cells, v)
		}
		if _, ok := probekit.Charge(o, cells, o.MaxRowBytes); !ok {
			break
		}
		smp.Rows = [][]string{cells}
		out = append(out, smp)
	}
	return out
}

// maxMappingOptions bounds the options kept of one user mapping (postgres_fdw knows a
// handful).
const maxMappingOptions = 32

// routineSources reads the source of the database's own functions and procedures
// (pg_proc.prosrc outside the system schemas and extensions, languages other than
// internal and C):
// a body that logs in elsewhere keeps its connection string there, a dblink_connect's
// "password=…" for anyone who may read the catalog. One record per routine, its name
// beside its source, at most SampleRows of them, each cut to the row's bytes and
// charged to the sample budget. A catalog SELECT: nothing is called.
func routineSources(ctx context.Context, s *session, o *store.Options, db string) []store.Sample {
	r, err := s.rows(ctx, fmt.Sprintf(`SELECT n.nspname || '.' || p.proname, left(p.prosrc, %d)
FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%%'
AND l.lanname NOT IN ('internal', 'c') AND p.prosrc IS NOT NULL
AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY p.oid LIMIT %d`, o.MaxRowBytes, o.SampleRows), o.SampleRows)
	if err != nil || len(r) == 0 {
		return nil
	}
	smp := store.Sample{Database: db, Table: "pg_proc", Columns: []string{"routine", "source"}, Rows: probekit.ChargeRows(o, r, 2)}
	if len(smp.Rows) == 0 {
		return nil
	}
	return []store.Sample{smp}
}
