package clickhouse

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// hiddenDatabases are the server's own; their tables are not datasets.
var hiddenDatabases = map[string]bool{"system": true, "INFORMATION_SCHEMA": true, "information_schema": true}

// serverFeatures is what this server's system tables offer, learned once: 18.16 has no
// total_rows and no access control tables; 20.x+ has both.
type serverFeatures struct {
	systemTables    map[string]bool // names in the system database
	tablesTotalRows bool            // system.tables.total_rows / total_bytes
}

// explore runs inventory, sampling and capability checks on an open session, within
// opts.InventoryTimeout. Partial results stay in res.
func explore(ctx context.Context, s *httpSession, o *store.Options, res *Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	feat, err := learnFeatures(ctx, s)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	tables, invErr := inventory(ctx, s, o, feat, &res.Service)
	// Capabilities first: they are few, cheap queries, and matter even when the data
	// part runs out of time.
	res.Findings = append(res.Findings, capabilities(ctx, s, feat, res.Service)...)
	if o.SampleRows > 0 {
		res.Samples = sampleTables(ctx, s, o, tables)
	}
	res.Service.Datasets = res.Service.Datasets[:0]
	for _, t := range tables {
		res.Service.Datasets = append(res.Service.Datasets, *t)
	}
	if invErr != nil {
		return fmt.Errorf("inventory: %w", invErr)
	}
	if ctx.Err() != nil {
		return probekit.Truncated(&res.Service, o)
	}
	return nil
}

func learnFeatures(ctx context.Context, s *httpSession) (*serverFeatures, error) {
	f := &serverFeatures{systemTables: map[string]bool{}}
	rows, err := s.rows(ctx, "SELECT name FROM system.tables WHERE database = 'system' ORDER BY name LIMIT 1000", queryLimits{maxRows: 1000})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f.systemTables[r[0]] = true
	}
	rows, err = s.rows(ctx, "SELECT name FROM system.columns WHERE database = 'system' AND table = 'tables' AND name IN ('total_rows', 'total_bytes')", queryLimits{maxRows: 10})
	if err != nil {
		return nil, err
	}
	f.tablesTotalRows = len(rows) == 2
	return f, nil
}

func quoteIdent(s string) string {
	return "`" + strings.NewReplacer(`\`, `\\`, "`", "\\`").Replace(s) + "`"
}

func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func inList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = quoteString(x)
	}
	return "(" + strings.Join(q, ", ") + ")"
}

// inventory lists databases, tables, sizes, columns and time ranges into svc.Datasets.
func inventory(ctx context.Context, s *httpSession, o *store.Options, f *serverFeatures, svc *finding.Service) ([]*finding.Dataset, error) {
	rows, err := s.rows(ctx, fmt.Sprintf("SELECT name FROM system.databases ORDER BY name LIMIT %d", o.MaxDatabases+len(hiddenDatabases)+1),
		queryLimits{maxRows: o.MaxDatabases + len(hiddenDatabases) + 1})
	if err != nil {
		return nil, err
	}
	var dbs []string
	for _, r := range rows {
		if !hiddenDatabases[r[0]] {
			dbs = append(dbs, r[0])
		}
	}
	if len(dbs) > o.MaxDatabases {
		dbs = dbs[:o.MaxDatabases]
		svc.Truncated = true
	}
	svc.Details["databases"] = strconv.Itoa(len(dbs))
	if len(dbs) == 0 {
		return nil, nil
	}

	cols := "database, name, engine"
	if f.tablesTotalRows {
		cols += ", toString(total_rows), toString(total_bytes)"
	}
	q := fmt.Sprintf("SELECT %s FROM system.tables WHERE database IN %s AND is_temporary = 0 ORDER BY database, name LIMIT %d",
		cols, inList(dbs), o.MaxTables+1)
	rows, err = s.rows(ctx, q, queryLimits{maxRows: o.MaxTables + 1})
	if err != nil {
		return nil, err
	}
	if len(rows) > o.MaxTables {
		rows = rows[:o.MaxTables]
		svc.Truncated = true
	}
	var tables []*finding.Dataset
	byName := map[string]*finding.Dataset{}
	for _, r := range rows {
		ds := &finding.Dataset{Database: r[0], Table: r[1], Engine: r[2], Kind: kindOf(r[2])}
		if f.tablesTotalRows {
			// NULL (views, engines without statistics) comes back as "".
			if n, err := strconv.ParseInt(r[3], 10, 64); err == nil {
				ds.Rows = n
			}
			if n, err := strconv.ParseInt(r[4], 10, 64); err == nil {
				ds.Bytes = n
			}
		}
		tables = append(tables, ds)
		byName[ds.Database+"\x00"+ds.Table] = ds
	}
	svc.Details["tables"] = strconv.Itoa(len(tables))
	// Sizes from active data parts: exact for MergeTree tables, and the only source on
	// servers older than total_rows.
	if !f.tablesTotalRows {
		rows, err = s.rows(ctx, fmt.Sprintf("SELECT database, table, toString(sum(rows)), toString(sum(bytes_on_disk)) FROM system.parts "+
			"WHERE active AND database IN %s GROUP BY database, table LIMIT %d", inList(dbs), 10*o.MaxTables+100),
			queryLimits{maxRows: 10*o.MaxTables + 100})
		if err != nil {
			return tables, err
		}
		for _, r := range rows {
			if t := byName[r[0]+"\x00"+r[1]]; t != nil {
				t.Rows, _ = strconv.ParseInt(r[2], 10, 64)
				t.Bytes, _ = strconv.ParseInt(r[3], 10, 64)
			}
		}
	}

	// Columns, in table order.
	rows, err = s.rows(ctx, fmt.Sprintf("SELECT database, table, name, type FROM system.columns WHERE database IN %s LIMIT %d",
		inList(dbs), 200*o.MaxTables), queryLimits{maxRows: 200 * o.MaxTables})
	if err != nil {
		return tables, err
	}
	for _, r := range rows {
		if t := byName[r[0]+"\x00"+r[1]]; t != nil {
			t.Columns = append(t.Columns, finding.Column{Name: r[2], Type: r[3]})
		}
	}

	for _, t := range tables {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		if !readable(t.Engine) {
			continue
		}
		// Small log-family and memory tables have no parts and, before 20.x, no
		// statistics: count them, which reads one column.
		if t.Rows == 0 && !strings.HasSuffix(t.Engine, "MergeTree") {
			if r, err := s.rows(ctx, "SELECT toString(count()) FROM "+quoteIdent(t.Database)+"."+quoteIdent(t.Table),
				queryLimits{maxRows: 1, timeout: min(5*time.Second, s.opts.IOTimeout)}); err == nil && len(r) == 1 {
				t.Rows, _ = strconv.ParseInt(r[0][0], 10, 64)
			} else if err != nil {
				t.Error = shortErr(err)
			}
		}
		timeRange(ctx, s, t)
	}
	return tables, nil
}

// maxTimeRangeRows bounds the tables whose time range is computed: min/max reads the
// whole column, which on billions of rows is no longer a probe.
const maxTimeRangeRows = 500_000_000

func timeRange(ctx context.Context, s *httpSession, t *finding.Dataset) {
	if t.Rows == 0 || t.Rows > maxTimeRangeRows {
		return
	}
	col := ""
	for _, c := range t.Columns {
		if isTimeType(c.Type) {
			col = c.Name
			break
		}
	}
	if col == "" {
		return
	}
	q := fmt.Sprintf("SELECT toString(min(%[1]s)), toString(max(%[1]s)) FROM %[2]s.%[3]s", quoteIdent(col), quoteIdent(t.Database), quoteIdent(t.Table))
	r, err := s.rows(ctx, q, queryLimits{maxRows: 1, timeout: min(5*time.Second, s.opts.IOTimeout)})
	if err != nil {
		if t.Error == "" {
			t.Error = "time range: " + shortErr(err)
		}
		return
	}
	if len(r) == 1 && len(r[0]) == 2 {
		t.TimeRange = &finding.TimeRange{Column: col, Min: r[0][0], Max: r[0][1]}
	}
}

// isTimeType matches Date, Date32, DateTime, DateTime('tz'), DateTime64(…), also inside
// Nullable(…) and LowCardinality(…).
func isTimeType(t string) bool {
	for _, w := range []string{"Nullable(", "LowCardinality("} {
		if strings.HasPrefix(t, w) && strings.HasSuffix(t, ")") {
			t = t[len(w) : len(t)-1]
		}
	}
	return t == "Date" || t == "Date32" || t == "DateTime" || strings.HasPrefix(t, "DateTime(") || strings.HasPrefix(t, "DateTime64")
}

// readable reports whether reading the table only reads this server's own data. Engines
// that reach out (URL, S3, MySQL, Distributed, …), consume messages (Kafka, RabbitMQ,
// NATS: reading commits offsets, a side effect) or run a query (views, dictionaries) are
// listed but never counted or sampled.
func readable(engine string) bool {
	if strings.HasSuffix(engine, "MergeTree") {
		return true
	}
	switch engine {
	case "Memory", "Log", "TinyLog", "StripeLog", "Buffer":
		return true
	}
	return false
}

func kindOf(engine string) string {
	switch {
	case engine == "View" || engine == "MaterializedView" || engine == "LiveView" || engine == "WindowView":
		return "view"
	case engine == "Dictionary":
		return "dictionary"
	default:
		return "table"
	}
}

func shortErr(err error) string {
	var se *ServerError
	if errors.As(err, &se) {
		return fmt.Sprintf("code %d: %s", se.Code, se.Message)
	}
	return firstLine(err.Error())
}
