package mysql

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

const systemSchemaList = "('information_schema', 'performance_schema', 'mysql', 'sys')"

// remoteEngines read other servers or consume nothing local: listed, never read.
var remoteEngines = map[string]bool{"FEDERATED": true, "CONNECT": true, "SPIDER": true, "BLACKHOLE": true}

type table struct {
	finding.Dataset
	dataBytes int64
	timeCol   string
	timeIdx   bool
}

func (t *table) ident() string { return quoteIdent(t.Database) + "." + quoteIdent(t.Table) }

func (t *table) readable() bool {
	return t.Kind == "table" && !remoteEngines[strings.ToUpper(t.Engine)]
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
		info.version, info.user = r[0][0], r[0][1]
	}
	if r, err := s.rows(ctx, "SHOW GRANTS", 200); err == nil {
		for _, row := range r {
			if len(row) > 0 {
				info.grants = append(info.grants, row[0])
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
	for _, row := range r {
		schemas[row[0]] = true
	}
	svc.Details["databases"] = strconv.Itoa(len(schemas))
	if len(schemas) == 0 {
		return nil, nil
	}

	nr, err := s.nullable(ctx, fmt.Sprintf(`SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS,
  IFNULL(DATA_LENGTH, 0) + IFNULL(INDEX_LENGTH, 0), IFNULL(DATA_LENGTH, 0)
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
			t.Engine = *row[3]
		}
		if row[4] != nil {
			t.Rows, _ = strconv.ParseInt(*row[4], 10, 64)
			// InnoDB's TABLE_ROWS is an estimate; MyISAM and Aria keep exact counts.
			t.RowsEstimated = strings.EqualFold(t.Engine, "InnoDB")
		}
		if row[5] != nil {
			t.Bytes, _ = strconv.ParseInt(*row[5], 10, 64)
		}
		if row[6] != nil {
			t.dataBytes, _ = strconv.ParseInt(*row[6], 10, 64)
		}
		tables = append(tables, t)
		byName[t.Database+"\x00"+t.Table] = t
	}
	svc.Details["tables"] = strconv.Itoa(len(tables))
	if len(tables) == 0 {
		return nil, nil
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
		t.Columns = append(t.Columns, finding.Column{Name: row[2], Type: row[3]})
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
		if !t.readable() || t.Rows == 0 || len(t.Columns) == 0 {
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

// sampleQuery cuts every cell on the server (LEFT works on any type, as text), so that
// no row can be larger than its cap when it crosses the network.
func sampleQuery(o *store.Options, t *table) (string, []string) {
	cols := t.Columns
	if len(cols) > maxSampleColumns {
		cols = cols[:maxSampleColumns]
	}
	exprs := make([]string, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		exprs[i] = fmt.Sprintf("LEFT(%s, %d)", quoteIdent(c.Name), o.MaxRowBytes)
		names[i] = c.Name
	}
	return fmt.Sprintf("SELECT %s FROM %s LIMIT %d", strings.Join(exprs, ", "), t.ident(), o.SampleRows), names
}

func sampleTable(ctx context.Context, s *session, o *store.Options, t *table) (*store.Sample, error) {
	q, names := sampleQuery(o, t)
	rows, err := s.rows(ctx, q, o.SampleRows)
	smp := &store.Sample{Database: t.Database, Table: t.Table, Columns: names}
	b := probekit.NewBudget(o.SampleRows, o.MaxRowBytes, o.MaxSampleBytes)
	for _, row := range rows {
		if !b.Add(row) {
			break
		}
		smp.Rows = append(smp.Rows, row)
	}
	return smp, err
}

func shortErr(err error) string { return probekit.FirstLine(err.Error(), 300) }
