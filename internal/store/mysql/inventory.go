package mysql

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lazyre"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const systemSchemaList = "('information_schema', 'performance_schema', 'mysql', 'sys')"

// remoteEngines read other servers (FEDERATED, CONNECT, SPIDER) or keep no rows
// (BLACKHOLE): listed, never read. Not even their statistics are asked for: filling
// TABLE_ROWS makes a FEDERATED table ask its remote server (ha_federatedx::info).
var remoteEngines = map[string]bool{"FEDERATED": true, "CONNECT": true, "SPIDER": true, "BLACKHOLE": true}

// reachesElsewhere reports engines whose reads go to another server.
func reachesElsewhere(engine string) bool {
	switch strings.ToUpper(engine) {
	case "FEDERATED", "CONNECT", "SPIDER":
		return true
	}
	return false
}

type table struct {
	finding.Dataset
	dataBytes int64
	timeCol   string
	timeIdx   bool
	// long: listed under a name cut at probekit.MaxNameBytes; never sent back.
	long bool
	// cutCols holds the indexes of the columns listed under a cut name, never read
	// (known by their index: a name of invalid UTF-8 cuts to less than a real one).
	cutCols map[int]bool
	// connection is the CONNECTION URL of a table that reaches another server, when it
	// carries a login ("mysql://user:password@host/…"): sampled as the table's one cell
	// (remoteLogins).
	connection string
}

func (t *table) ident() string { return quoteIdent(t.Database) + "." + quoteIdent(t.Table) }

func (t *table) readable() bool {
	return t.Kind == "table" && !t.long && !remoteEngines[strings.ToUpper(t.Engine)]
}

// serverInfo is what the first statements of a session learn.
type serverInfo struct {
	version, user string
	grants        []string
	vars          map[string]*string // global variables; nil value for NULL
}

// explore runs inventory, sampling and capability checks in a read-only transaction,
// within opts.InventoryTimeout. Partial results stay in res.
func explore(ctx context.Context, s *session, o *store.Options, res *Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	s.begin(ctx)
	svc.Details["read_only_transaction"] = strconv.FormatBool(s.readOnly)
	info, err := learn(ctx, s)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if info.version != "" {
		svc.Version = CleanVersion(info.version)
	}
	svc.Details["current_user"] = info.user
	for _, k := range []string{"version_comment", "bind_address", "secure_file_priv", "local_infile", "have_ssl", "require_secure_transport"} {
		if v, ok := info.vars[k]; ok {
			if v == nil {
				svc.Details[k] = "NULL"
			} else {
				svc.Details[k] = *v
			}
		}
	}
	// Version findings came from the greeting already.
	res.Findings = append(res.Findings, capabilities(info, *svc)...)

	tables, invErr := inventory(ctx, s, o, svc)
	if o.SampleRows > 0 {
		res.Samples = sampleTables(ctx, s, o, tables)
		res.Samples = append(res.Samples, remoteLogins(ctx, s, o, tables)...)
		res.Samples = append(res.Samples, routineSources(ctx, s, o)...)
	}
	for _, t := range tables {
		svc.Datasets = append(svc.Datasets, t.Dataset)
	}
	if invErr != nil {
		return fmt.Errorf("inventory: %w", invErr)
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

func learn(ctx context.Context, s *session) (*serverInfo, error) {
	info := &serverInfo{vars: map[string]*string{}}
	r, err := s.rows(ctx, "SELECT VERSION(), CURRENT_USER()", 1)
	if err != nil {
		return nil, err
	}
	if len(r) == 1 {
		// Cut at decode like a name: the server chooses what it calls the user.
		info.version, info.user = r[0][0], probekit.CutName(r[0][1])
	}
	if r, err := s.rows(ctx, "SHOW GRANTS", 200); err == nil {
		for _, row := range r {
			if len(row) > 0 {
				info.grants = append(info.grants, boundGrant(row[0]))
			}
		}
	}
	if r, err := s.nullable(ctx, "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('version_comment', 'bind_address', "+
		"'skip_networking', 'secure_file_priv', 'local_infile', 'have_ssl', 'require_secure_transport')", 20); err == nil {
		for _, row := range r {
			if len(row) == 2 && row[0] != nil {
				info.vars[*row[0]] = row[1]
			}
		}
	}
	// SHOW VARIABLES prints a NULL secure_file_priv as an empty value on some versions;
	// the variable itself tells NULL (file operations off) from "" (anywhere).
	if r, err := s.nullable(ctx, "SELECT @@GLOBAL.secure_file_priv", 1); err == nil && len(r) == 1 {
		info.vars["secure_file_priv"] = r[0][0]
	}
	return info, nil
}

// boundGrant cuts a SHOW GRANTS line past probekit.MaxTypeBytes, keeping what
// globalPrivileges and schemaWrites read of it: the privileges (up to the last whole one
// within the bound) and what follows " ON ", each cut. Real lines are that long only
// with column lists; a hostile server's were kept whole, up to the answer's cap, for the
// whole exploration.
func boundGrant(g string) string {
	if len(g) <= probekit.MaxTypeBytes {
		return g
	}
	u := strings.ToUpper(g)
	on := strings.Index(u, " ON ")
	if !strings.HasPrefix(u, "GRANT ") || on < 0 || len(u) != len(g) {
		return probekit.CutType(g)
	}
	privs := g[len("GRANT "):on]
	if len(privs) > probekit.MaxTypeBytes/2 {
		privs = dropColumnLists(privs)
	}
	if len(privs) > probekit.MaxTypeBytes/2 {
		privs = privs[:strings.LastIndexByte(privs[:probekit.MaxTypeBytes/2], ',')+1]
		privs = strings.TrimSuffix(privs, ",") + ",…"
	}
	return "GRANT " + probekit.Cut(privs, probekit.MaxTypeBytes/2+4) + probekit.Cut(g[on:], probekit.MaxNameBytes) + "…"
}

// dropColumnLists shows each column list of a grant's privileges, "SELECT (`a`, `b`)",
// as "SELECT (…)": MySQL prints a table's privileges in their order, each column-level
// one followed by its list, so a wide table's list comes before the table-level writes
// that follow it ("SELECT (…), INSERT, UPDATE"); a list is what makes a real line long.
func dropColumnLists(privs string) string {
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(privs); i++ {
		c := privs[i]
		switch {
		case depth == 0 && c == '(':
			b.WriteString("(…")
			depth++
		case depth == 0:
			b.WriteByte(c)
		case c == '`':
			quoted = !quoted // a doubled backquote in a name toggles twice
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			if depth--; depth == 0 {
				b.WriteByte(')')
			}
		}
	}
	return b.String()
}

// inventory lists schemas, tables, sizes, columns and time ranges.
func inventory(ctx context.Context, s *session, o *store.Options, svc *finding.Service) ([]*table, error) {
	r, err := s.rows(ctx, fmt.Sprintf("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN %s "+
		"ORDER BY SCHEMA_NAME LIMIT %d", systemSchemaList, o.MaxDatabases+1), o.MaxDatabases+1)
	if err != nil {
		return nil, err
	}
	if len(r) > o.MaxDatabases {
		r = r[:o.MaxDatabases]
		svc.Truncated = true
	}
	schemas := map[string]bool{}
	long := 0
	for _, row := range r {
		if len(row[0]) > probekit.MaxNameBytes {
			// Its tables are not listed: the name would go back in every statement.
			svc.Datasets = append(svc.Datasets, finding.Dataset{Database: probekit.CutName(row[0]), Kind: "database", Error: probekit.LongName})
			long++
			continue
		}
		schemas[row[0]] = true
	}
	svc.Details["databases"] = strconv.Itoa(len(schemas) + long)
	if len(schemas) == 0 {
		return nil, nil
	}

	// Names, types and engines come from the table definitions alone; sizes are asked
	// for separately, and never for tables that reach another server.
	nr, err := s.nullable(ctx, fmt.Sprintf(`SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE
FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN %s
ORDER BY TABLE_SCHEMA, TABLE_NAME LIMIT %d`, systemSchemaList, o.MaxTables+1), o.MaxTables+1)
	if err != nil {
		return nil, err
	}
	var tables []*table
	byName := map[string]*table{}
	for _, row := range nr {
		if len(tables) == o.MaxTables {
			svc.Truncated = true
			break
		}
		if row[0] == nil || row[1] == nil || !schemas[*row[0]] {
			continue
		}
		t := &table{}
		t.Database, t.Table = *row[0], *row[1]
		t.Kind = "table"
		if row[2] != nil && strings.Contains(*row[2], "VIEW") {
			t.Kind = "view"
		}
		if row[3] != nil {
			t.Engine = probekit.CutName(*row[3])
		}
		tables = append(tables, t)
		if len(t.Table) > probekit.MaxNameBytes {
			// Listed, never sized, counted, shown, ranged or sampled.
			t.Table, t.Error, t.long = probekit.CutName(t.Table), probekit.LongName, true
			continue
		}
		byName[t.Database+"\x00"+t.Table] = t
	}
	svc.Details["tables"] = strconv.Itoa(len(tables))
	if len(tables) == 0 {
		return nil, nil
	}
	tableSizes(ctx, s, tables)
	for _, t := range tables {
		if ctx.Err() != nil {
			break
		}
		switch {
		case t.long:
		case reachesElsewhere(t.Engine):
			t.NotSampled = "not sampled: reaches another host " + remoteTarget(ctx, s, t) + " (" + t.Engine + ")"
		case remoteEngines[strings.ToUpper(t.Engine)]:
			t.NotSampled = "not sampled: the " + t.Engine + " engine keeps no rows"
		}
	}

	inDB := map[string]bool{}
	var lits []string
	for _, t := range tables {
		if !inDB[t.Database] {
			inDB[t.Database] = true
			lits = append(lits, quoteString(strings.ReplaceAll(t.Database, `\`, `\\`)))
		}
	}
	r, err = s.rows(ctx, fmt.Sprintf(`SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE, COLUMN_KEY
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (%s)
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION LIMIT %d`, strings.Join(lits, ", "), 400*len(tables)), 400*len(tables))
	if err != nil {
		return tables, err
	}
	for _, row := range r {
		t := byName[row[0]+"\x00"+row[1]]
		if t == nil {
			continue
		}
		if len(row[2]) > probekit.MaxNameBytes {
			// Listed cut, never read (sampleQuery leaves it out).
			if t.cutCols == nil {
				t.cutCols = map[int]bool{}
			}
			t.cutCols[len(t.Columns)] = true
			t.Columns = append(t.Columns, finding.Column{Name: probekit.CutName(row[2]), Type: probekit.CutType(row[3])})
			continue
		}
		t.Columns = append(t.Columns, finding.Column{Name: row[2], Type: probekit.CutType(row[3])})
		if t.timeCol == "" && isTimeType(row[4]) {
			t.timeCol, t.timeIdx = row[2], row[5] != ""
		}
	}

	for _, t := range tables {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		if !t.readable() {
			continue
		}
		// Statistics can be missing or stale (MySQL 8 caches them for a day): count
		// small tables that claim to be empty.
		if t.Rows == 0 && t.dataBytes > 0 && t.dataBytes <= exactCountBytes {
			if r, err := s.rows(ctx, "SELECT COUNT(*) FROM "+t.ident(), 1); err == nil && len(r) == 1 {
				t.Rows, _ = strconv.ParseInt(r[0][0], 10, 64)
				t.RowsEstimated = false
			} else if err != nil {
				t.Error = "count: " + shortErr(err)
			}
		}
		timeRange(ctx, s, t)
	}
	return tables, nil
}

// tableSizes fills rows and bytes from information_schema.TABLES. A schema holding a
// table that reaches another server, or a view, is asked one table at a time by name
// (the server then opens only that table), so that filling its statistics opens no
// FEDERATED table; other schemas in one query.
func tableSizes(ctx context.Context, s *session, tables []*table) {
	bySchema := map[string][]*table{}
	var order []string
	careful := map[string]bool{}
	for _, t := range tables {
		if t.long {
			continue
		}
		if _, ok := bySchema[t.Database]; !ok {
			order = append(order, t.Database)
		}
		bySchema[t.Database] = append(bySchema[t.Database], t)
		if remoteEngines[strings.ToUpper(t.Engine)] || t.Kind == "view" {
			careful[t.Database] = true
		}
	}
	lit := func(v string) string { return quoteString(strings.ReplaceAll(v, `\`, `\\`)) }
	apply := func(t *table, row []*string) {
		if row[1] != nil {
			t.Rows, _ = strconv.ParseInt(*row[1], 10, 64)
			// InnoDB's TABLE_ROWS is an estimate; MyISAM and Aria keep exact counts.
			t.RowsEstimated = strings.EqualFold(t.Engine, "InnoDB")
		}
		if row[2] != nil {
			t.Bytes, _ = strconv.ParseInt(*row[2], 10, 64)
		}
		if row[3] != nil {
			t.dataBytes, _ = strconv.ParseInt(*row[3], 10, 64)
		}
	}
	const cols = "TABLE_NAME, TABLE_ROWS, IFNULL(DATA_LENGTH, 0) + IFNULL(INDEX_LENGTH, 0), IFNULL(DATA_LENGTH, 0)"
	for _, db := range order {
		if ctx.Err() != nil {
			return
		}
		ts := bySchema[db]
		if !careful[db] {
			rows, err := s.nullable(ctx, fmt.Sprintf("SELECT %s FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s LIMIT %d",
				cols, lit(db), len(ts)+1), len(ts)+1)
			if err != nil {
				continue
			}
			byName := map[string]*table{}
			for _, t := range ts {
				byName[t.Table] = t
			}
			for _, row := range rows {
				if len(row) == 4 && row[0] != nil && byName[*row[0]] != nil {
					apply(byName[*row[0]], row)
				}
			}
			continue
		}
		for _, t := range ts {
			if remoteEngines[strings.ToUpper(t.Engine)] || t.Kind == "view" || ctx.Err() != nil {
				continue
			}
			rows, err := s.nullable(ctx, fmt.Sprintf("SELECT %s FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s",
				cols, lit(db), lit(t.Table)), 1)
			if err == nil && len(rows) == 1 && len(rows[0]) == 4 {
				apply(t, rows[0])
			}
		}
	}
}

// remoteTarget finds where a FEDERATED, CONNECT or SPIDER table connects: the host of
// its CONNECTION URL ("mysql://user:password@host:port/db/table" — only the host is
// kept), or the host and port named in a SPIDER comment, or the server name of a
// CREATE SERVER definition. SHOW CREATE TABLE reads the definition without opening a
// connection to the remote server.
func remoteTarget(ctx context.Context, s *session, t *table) string {
	rows, err := s.rows(ctx, "SHOW CREATE TABLE "+t.ident(), 1)
	if err != nil || len(rows) != 1 || len(rows[0]) < 2 {
		return "(host not shown)"
	}
	if m := connectionRE.FindStringSubmatch(rows[0][1]); m != nil && strings.Contains(m[1], "://") && strings.Contains(m[1], "@") {
		t.connection = probekit.CutText(m[1], maxConnectionBytes)
	}
	if h := connectionHost(rows[0][1]); h != "" {
		return h
	}
	return "(host not shown)"
}

// maxConnectionBytes bounds a CONNECTION URL kept for sampling.
const maxConnectionBytes = 1024

// remoteLogins samples the logins a server keeps for reaching others, in plain text for
// whoever may read its definitions: the CONNECTION URL of a FEDERATED, CONNECT or
// SPIDER table that carries one (read by SHOW CREATE TABLE, which connects nowhere), as
// the table's one cell "connection"; and CREATE SERVER definitions (mysql.servers, when
// the account may read it), each a record of its columns, Password among them. At most
// SampleRows servers, every row charged to the sample budget.
func remoteLogins(ctx context.Context, s *session, o *store.Options, tables []*table) []store.Sample {
	var out []store.Sample
	for _, t := range tables {
		if t.connection == "" {
			continue
		}
		row := []string{t.connection}
		if _, ok := probekit.Charge(o, row, o.MaxRowBytes); !ok {
			return out
		}
		out = append(out, store.Sample{Database: t.Database, Table: t.Table, Columns: []string{"connection"}, Rows: [][]string{row}})
	}
	if ctx.Err() != nil {
		return out
	}
	cols := []string{"Server_name", "Host", "Db", "Username", "Password", "Port", "Socket", "Wrapper", "Owner"}
	r, err := s.rows(ctx, fmt.Sprintf("SELECT %s FROM mysql.servers LIMIT %d", strings.Join(cols, ", "), o.SampleRows), o.SampleRows)
	if err != nil || len(r) == 0 {
		return out
	}
	smp := store.Sample{Database: "mysql", Table: "servers", Columns: cols, Rows: probekit.ChargeRows(o, r, len(cols))}
	if len(smp.Rows) > 0 {
		out = append(out, smp)
	}
	return out
}

var (
	connectionRE  = lazyre.New(`(?i)\bCONNECTION\s*=\s*'((?:[^'\\]|\\.|'')*)'`)
	spiderHostRE  = lazyre.New(`(?i)\bhost\s+"([^"]{1,200})"`)
	spiderPortRE  = lazyre.New(`(?i)\bport\s+"?(\d{1,5})"?`)
	urlUserinfoRE = lazyre.New(`^[^@/]*@`)
)

// connectionHost reads the remote host out of a table definition.
func connectionHost(def string) string {
	if m := connectionRE.FindStringSubmatch(def); m != nil {
		c := m[1]
		if i := strings.Index(c, "://"); i >= 0 {
			rest := urlUserinfoRE.ReplaceAllString(c[i+3:], "")
			if j := strings.IndexAny(rest, "/?"); j >= 0 {
				rest = rest[:j]
			}
			return probekit.CutText(rest, 200)
		}
		// CONNECTION='server_name' or 'server_name/table': a CREATE SERVER definition,
		// whose host only mysql.servers knows.
		if name, _, _ := strings.Cut(c, "/"); name != "" && !strings.ContainsAny(name, "=;") {
			return "(server " + probekit.CutText(name, 100) + ")"
		}
	}
	if m := spiderHostRE.FindStringSubmatch(def); m != nil {
		h := m[1]
		if p := spiderPortRE.FindStringSubmatch(def); p != nil {
			h += ":" + p[1]
		}
		return probekit.CutText(h, 200)
	}
	return ""
}

const (
	exactCountBytes  = 64 << 20
	maxTimeRangeRows = 5_000_000
)

func isTimeType(dataType string) bool {
	switch strings.ToLower(dataType) {
	case "date", "datetime", "timestamp":
		return true
	}
	return false
}

func timeRange(ctx context.Context, s *session, t *table) {
	if t.timeCol == "" || t.Rows == 0 || (!t.timeIdx && t.Rows > maxTimeRangeRows) {
		return
	}
	c := quoteIdent(t.timeCol)
	r, err := s.rows(ctx, fmt.Sprintf("SELECT MIN(%[1]s), MAX(%[1]s) FROM %[2]s", c, t.ident()), 1)
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

const maxSampleColumns = 100

func sampleTables(ctx context.Context, s *session, o *store.Options, tables []*table) []store.Sample {
	var out []store.Sample
	for _, t := range tables {
		if ctx.Err() != nil {
			break
		}
		if !t.readable() || t.Rows == 0 || len(t.Columns) == 0 || probekit.OutOfBudget(o, &t.Dataset) {
			continue
		}
		smp, err := sampleTable(ctx, s, o, t)
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

// sampleQuery cuts every cell on the server (LEFT works on any type, as text) to cut
// characters, so that no row can be larger than its cap when it crosses the network.
func sampleQuery(o *store.Options, t *table, cut int) (string, []string) {
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
		exprs = append(exprs, fmt.Sprintf("LEFT(%s, %d)", quoteIdent(c.Name), cut))
		names = append(names, c.Name)
	}
	return fmt.Sprintf("SELECT %s FROM %s LIMIT %d", strings.Join(exprs, ", "), t.ident(), o.SampleRows), names
}

// sampleReadBound is the bytes a sample query's answer may take: its rows of cells cut
// to cut characters, up to 4 bytes each in utf8mb4, and the usual per-answer allowance
// for the packets around them.
func sampleReadBound(o *store.Options, columns, cut int) int64 {
	return min(int64(o.SampleRows)*int64(columns)*int64(cut)*4, 1<<30) + o.MaxResponseBytes
}

func sampleTable(ctx context.Context, s *session, o *store.Options, t *table) (*store.Sample, error) {
	cut := probekit.SampleCut(o)
	q, names := sampleQuery(o, t, cut)
	if len(names) == 0 {
		return nil, nil // every column listed under a cut name
	}
	// The query bounds its answer: a wide table of long texts is read as far as its
	// sample can keep; only an answer past that bound, which no real server sends,
	// ends the connection. Each row is cut to the sample's caps and charged to the
	// endpoint's budget as it arrives, so the answer is never held whole.
	smp := &store.Sample{Database: t.Database, Table: t.Table, Columns: names}
	b := probekit.SampleBudget(o)
	err := s.eachRow(ctx, q, o.SampleRows, sampleReadBound(o, len(names), cut), func(r []*string) bool {
		row := make([]string, len(r))
		for i, c := range r {
			if c != nil {
				row[i] = probekit.Cut(*c, cut)
			}
		}
		if !b.Add(row) {
			return false
		}
		smp.Rows = append(smp.Rows, row)
		return true
	})
	return smp, err
}

func shortErr(err error) string { return probekit.FirstLine(err.Error(), 300) }

// routineSources reads the bodies of stored procedures, functions and events
// (information_schema.ROUTINES and EVENTS, outside the system schemas; the server shows
// a body to its definer and to readers of mysql.proc): a password set in a body, a
// CONNECTION or an account's login, is kept there. One record per routine, its name
// beside its body, at most SampleRows of each, cut on the server to the row's bytes
// and charged to the sample budget. Nothing is called.
func routineSources(ctx context.Context, s *session, o *store.Options) []store.Sample {
	var out []store.Sample
	for _, q := range []struct{ table, sql string }{
		{"ROUTINES", "SELECT CONCAT(ROUTINE_SCHEMA, '.', ROUTINE_NAME), LEFT(ROUTINE_DEFINITION, %d) FROM information_schema.ROUTINES " +
			"WHERE ROUTINE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') AND ROUTINE_DEFINITION IS NOT NULL LIMIT %d"},
		{"EVENTS", "SELECT CONCAT(EVENT_SCHEMA, '.', EVENT_NAME), LEFT(EVENT_DEFINITION, %d) FROM information_schema.EVENTS " +
			"WHERE EVENT_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') AND EVENT_DEFINITION IS NOT NULL LIMIT %d"},
	} {
		if ctx.Err() != nil {
			break
		}
		r, err := s.rows(ctx, fmt.Sprintf(q.sql, o.MaxRowBytes, o.SampleRows), o.SampleRows)
		if err != nil || len(r) == 0 {
			continue
		}
		smp := store.Sample{Database: "information_schema", Table: q.table, Columns: []string{"routine", "source"}, Rows: probekit.ChargeRows(o, r, 2)}
		if len(smp.Rows) > 0 {
			out = append(out, smp)
		}
	}
	return out
}
