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

// serverFeatures is what this server's system tables offer, learned once: 18.16 has
// databases.engine and tables.engine_full but no total_rows and no access control
// tables; 20.x+ has total_rows, 21.x+ databases.engine_full.
type serverFeatures struct {
	systemTables     map[string]bool // names in the system database
	tablesTotalRows  bool            // system.tables.total_rows / total_bytes
	tablesEngineFull bool            // system.tables.engine_full
	dbEngine         bool            // system.databases.engine
	dbEngineFull     bool            // system.databases.engine_full
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
	inv, invErr := inventory(ctx, s, o, feat, &res.Service)
	// Capabilities first: they are few, cheap queries, and matter even when the data
	// part runs out of time.
	res.Findings = append(res.Findings, capabilities(ctx, s, feat, res.Service)...)
	if inv != nil {
		if f := inv.remoteFinding(res.Service); f != nil {
			res.Findings = append(res.Findings, *f)
		}
		if o.SampleRows > 0 {
			res.Samples = sampleTables(ctx, s, o, inv.tables)
		}
	}
	res.Service.Datasets = res.Service.Datasets[:0]
	if inv != nil {
		for _, t := range inv.tables {
			res.Service.Datasets = append(res.Service.Datasets, *t.Dataset)
		}
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
	rows, err = s.rows(ctx, "SELECT table, name FROM system.columns WHERE database = 'system' AND table IN ('tables', 'databases') "+
		"AND name IN ('total_rows', 'total_bytes', 'engine', 'engine_full')", queryLimits{maxRows: 20})
	if err != nil {
		return nil, err
	}
	cols := map[string]bool{}
	for _, r := range rows {
		if len(r) == 2 {
			cols[r[0]+"."+r[1]] = true
		}
	}
	f.tablesTotalRows = cols["tables.total_rows"] && cols["tables.total_bytes"]
	f.tablesEngineFull = cols["tables.engine_full"]
	f.dbEngine = cols["databases.engine"]
	f.dbEngineFull = cols["databases.engine_full"]
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

// table is one listed table with what reading it would do.
type table struct {
	*finding.Dataset
	full   string     // engine_full, as the server showed it
	reach  tableReach // resolved through Buffer destinations
	target string     // where it reaches, when visible
	via    string     // "through Buffer default.b → default.u (URL)"
	// computed names the ALIAS columns: computed by an expression whenever they are
	// read, and the expression may query another host (a subquery over url() or
	// remote(), dictGet of a dictionary with a remote source). They are listed, never
	// read.
	computed map[string]bool
	// long: listed under a name cut at probekit.MaxNameBytes; never queried.
	long bool
	// cutCols holds the indexes of the columns listed under a cut name (known by their
	// index: a cut name may be no longer than a real one).
	cutCols map[int]bool
	// tuples holds, by column name, the elements of a Tuple column whose type was cut
	// at probekit.MaxTypeBytes: read from the whole type when it was decoded, since the
	// cut one no longer names them all (TestLongTupleTypeSampledByItsElements).
	tuples map[string][]string
}

// maxElementName bounds the name of a tuple element kept from a cut type (at most 64
// of them a column); real ones are a few words.
const maxElementName = 128

// stored returns the columns whose values are kept in the table, in order, but for
// those listed under a name cut at probekit.MaxNameBytes (never queried).
func (t *table) stored() []finding.Column {
	var out []finding.Column
	for i, c := range t.Columns {
		if t.computed[c.Name] || t.cutCols[i] {
			if out == nil {
				out = append([]finding.Column{}, t.Columns[:i]...)
			}
			continue
		}
		if out != nil {
			out = append(out, c)
		}
	}
	if out == nil {
		return t.Columns
	}
	return out
}

func (t *table) key() string { return t.Database + "\x00" + t.Table }

// readableTable: the rows live here, so counting, time ranges and samples read only
// this server's data.
func (t *table) readable() bool { return t.reach == reachLocal }

// skippedDB is a database whose tables were not listed, and why.
type skippedDB struct {
	name, engine, target, why string
}

// inv is what inventory found.
type inv struct {
	tables  []*table
	skipped []skippedDB
}

// maxBufferDepth bounds how far Buffer → Buffer → … destinations are followed.
const maxBufferDepth = 4

// maxExtraLookups bounds the single-table lookups made to resolve destinations that
// the listing did not cover.
const maxExtraLookups = 16

// inventory lists databases with their engines, then the tables of every database whose
// engine keeps them on this server, one database at a time, so that neither a database
// that would make the server connect elsewhere (a MySQL or PostgreSQL database engine
// fetches its table list from the remote server) nor one that fails costs the rest.
func inventory(ctx context.Context, s *httpSession, o *store.Options, f *serverFeatures, svc *finding.Service) (*inv, error) {
	cols := "name"
	if f.dbEngine {
		cols += ", engine"
	}
	if f.dbEngineFull {
		cols += ", engine_full"
	}
	limit := o.MaxDatabases + len(hiddenDatabases) + 1
	rows, err := s.rows(ctx, fmt.Sprintf("SELECT %s FROM system.databases ORDER BY name LIMIT %d", cols, limit), queryLimits{maxRows: limit})
	if err != nil {
		return nil, err
	}
	out := &inv{}
	var dbs []string
	var longDBs []*table
	skipped := map[string]*skippedDB{}
	for _, r := range rows {
		if len(r) == 0 || hiddenDatabases[r[0]] {
			continue
		}
		if len(dbs)+len(out.skipped)+len(longDBs) >= o.MaxDatabases {
			svc.Truncated = true
			break
		}
		if len(r[0]) > probekit.MaxNameBytes {
			longDBs = append(longDBs, &table{Dataset: &finding.Dataset{Database: probekit.CutName(r[0]), Kind: "database", Error: probekit.LongName},
				reach: reachUnknown, long: true})
			continue
		}
		name, engine, full := r[0], "", ""
		if f.dbEngine && len(r) > 1 {
			engine = probekit.CutName(r[1])
		}
		if f.dbEngineFull && len(r) > 2 {
			full = cutEngineText(r[2])
		}
		// Servers without databases.engine predate every remote database engine.
		if engine == "" || localDatabaseEngines[engine] {
			dbs = append(dbs, name)
			continue
		}
		sk := skippedDB{name: name, engine: engine, target: targetOf(parseEngine(full))}
		switch remoteDatabaseEngines[engine] {
		case "remote":
			sk.why = "reaches another host"
		case "files":
			sk.why = "reads files outside the server's data"
		case "dictionaries":
			sk.why = "its tables are dictionaries, which reading may load from their sources"
		default:
			sk.why = "database engine not known to keep its tables on this server"
		}
		out.skipped = append(out.skipped, sk)
		skipped[name] = &out.skipped[len(out.skipped)-1]
	}
	svc.Details["databases"] = strconv.Itoa(len(dbs) + len(out.skipped) + len(longDBs))
	if len(out.skipped) > 0 {
		var parts []string
		for _, sk := range out.skipped {
			parts = append(parts, sk.describe())
		}
		svc.Details["databases_not_listed"] = strings.Join(parts, "; ")
	}

	var unreadable []string
	var firstErr error
	budget := o.MaxTables
	byName := map[string]*table{}
	for _, db := range dbs {
		if ctx.Err() != nil {
			break
		}
		if budget <= 0 {
			svc.Truncated = true
			break
		}
		ts, truncated, err := listTables(ctx, s, f, db, budget)
		if err != nil {
			unreadable = append(unreadable, db+" ("+shortErr(err)+")")
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		svc.Truncated = svc.Truncated || truncated
		budget -= len(ts)
		for _, t := range ts {
			out.tables = append(out.tables, t)
			byName[t.key()] = t
		}
	}
	if len(unreadable) > 0 {
		svc.Details["databases_unreadable"] = strings.Join(unreadable, "; ")
	}
	svc.Details["tables"] = strconv.Itoa(len(out.tables))
	out.tables = append(out.tables, longDBs...)

	r := &resolver{s: s, byName: byName, skipped: skipped, local: map[string]bool{}}
	for _, db := range dbs {
		r.local[db] = true
	}
	for _, t := range out.tables {
		if t.long {
			continue
		}
		r.resolve(ctx, t, 0)
		t.NotSampled = notSampledReason(t)
	}

	// Sizes and columns, one database at a time.
	for _, db := range dbs {
		if ctx.Err() != nil {
			break
		}
		var ts []*table
		for _, t := range out.tables {
			if t.Database == db {
				ts = append(ts, t)
			}
		}
		if len(ts) == 0 {
			continue
		}
		if err := sizes(ctx, s, o, f, db, ts); err != nil && firstErr == nil {
			firstErr = err
		}
		if err := columns(ctx, s, o, db, ts); err != nil && firstErr == nil {
			firstErr = err
		}
	}

	for _, t := range out.tables {
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		if !t.readable() {
			continue
		}
		// Small log-family and memory tables have no parts and, before 20.x, no
		// statistics: count them, which reads one column.
		if t.Rows == 0 && !strings.HasSuffix(t.Engine, "MergeTree") {
			from := quoteIdent(t.Database) + "." + quoteIdent(t.Table)
			if st := t.stored(); len(t.computed) > 0 && len(st) > 0 {
				// count() may pick an ALIAS column to read (18.16 does): count the rows
				// of a stored one.
				from = "(SELECT " + quoteIdent(st[0].Name) + " FROM " + from + ")"
			}
			if r, err := s.rows(ctx, "SELECT toString(count()) FROM "+from,
				queryLimits{maxRows: 1, timeout: min(5*time.Second, s.opts.IOTimeout)}); err == nil && len(r) == 1 {
				t.Rows, _ = strconv.ParseInt(r[0][0], 10, 64)
			} else if err != nil {
				t.Error = shortErr(err)
			}
		}
		timeRange(ctx, s, t.Dataset, t.stored())
	}
	// One database failing is reported with the others' results; only when nothing could
	// be listed at all is it the inventory's error.
	if firstErr != nil && len(out.tables) == 0 {
		return out, firstErr
	}
	return out, nil
}

func (sk skippedDB) describe() string {
	s := fmt.Sprintf("%s (%s): not listed: %s", sk.name, sk.engine, sk.why)
	if sk.target != "" {
		s += " " + sk.target
	}
	return s
}

// listTables lists up to max tables of one database with their engines.
func listTables(ctx context.Context, s *httpSession, f *serverFeatures, db string, max int) ([]*table, bool, error) {
	cols := "name, engine"
	if f.tablesEngineFull {
		cols += ", engine_full"
	}
	rows, err := s.rows(ctx, fmt.Sprintf("SELECT %s FROM system.tables WHERE database = %s AND is_temporary = 0 ORDER BY name LIMIT %d",
		cols, quoteString(db), max+1), queryLimits{maxRows: max + 1})
	if err != nil {
		return nil, false, err
	}
	truncated := len(rows) > max
	if truncated {
		rows = rows[:max]
	}
	var out []*table
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		engine := probekit.CutName(r[1])
		t := &table{Dataset: &finding.Dataset{Database: db, Table: r[0], Engine: engine, Kind: kindOf(engine)}}
		if len(r[0]) > probekit.MaxNameBytes {
			// Listed, never counted, sized, resolved or sampled.
			t.Table, t.Error, t.reach, t.long = probekit.CutName(r[0]), probekit.LongName, reachUnknown, true
			out = append(out, t)
			continue
		}
		if len(r) > 2 {
			t.full = cutEngineText(r[2])
		}
		out = append(out, t)
	}
	return out, truncated, nil
}

// resolver decides what reading each table would do, following Buffer tables to their
// destination.
type resolver struct {
	s       *httpSession
	byName  map[string]*table
	skipped map[string]*skippedDB
	local   map[string]bool // databases whose tables were listed
	lookups int
	done    map[*table]bool
	// clusters: whether each Distributed cluster named so far is this server only.
	clusters map[string]bool
}

func (r *resolver) resolve(ctx context.Context, t *table, depth int) {
	if r.done == nil {
		r.done = map[*table]bool{}
	}
	if r.done[t] {
		return
	}
	r.done[t] = true
	switch t.Engine {
	case "Buffer":
		r.resolveBuffer(ctx, t, depth)
	case "Distributed":
		r.resolveDistributed(ctx, t, depth)
	default:
		t.reach = tableEngineReach(t.Engine)
		if t.reach == reachRemote || t.reach == reachConsume {
			t.target = targetOf(parseEngine(t.full))
		}
		if t.reach == reachLocal {
			if remote, where := diskReach(t.full); remote {
				t.reach, t.target = reachRemote, where
			}
		}
	}
}

// resolveBuffer: a Buffer table's reads also read its destination table, so it is only
// as local as that table (Buffer(db, table, …); an empty destination keeps rows in
// memory only).
func (r *resolver) resolveBuffer(ctx context.Context, t *table, depth int) {
	if t.full == "" {
		t.reach = reachUnknown // 18.16+ show engine_full; older servers cannot tell us
		return
	}
	e := parseEngine(t.full)
	if len(e.args) < 2 {
		t.reach = reachUnknown
		return
	}
	db, tbl := argName(e.args[0]), argName(e.args[1])
	if db == "" && tbl == "" {
		t.reach = reachLocal
		return
	}
	if db == "" {
		db = t.Database
	}
	r.follow(ctx, t, "Buffer", db, tbl, depth)
}

// resolveDistributed: Distributed(cluster, db, table, …) reads table on every replica
// the server's <remote_servers> name for cluster. It stays on this server only when
// system.clusters says each of them is this server (is_local: its own address and
// native port), and then it is as local as its destination table; anything else — a
// host elsewhere, another port on this host, a cluster the server does not list, a
// database or table given as an expression — reaches another host.
func (r *resolver) resolveDistributed(ctx context.Context, t *table, depth int) {
	t.reach = reachRemote
	e := parseEngine(t.full)
	if len(e.args) == 0 {
		return
	}
	cluster := argName(e.args[0])
	if cluster == "" {
		return
	}
	t.target = "cluster " + capHost(cluster)
	if len(e.args) < 3 {
		return
	}
	db, tbl := argName(e.args[1]), argName(e.args[2])
	if db == "" || tbl == "" || !r.localCluster(ctx, cluster) {
		return
	}
	t.target = ""
	r.follow(ctx, t, "Distributed (local cluster "+capHost(cluster)+")", db, tbl, depth)
}

// localCluster reports whether every replica of cluster is this server, as
// system.clusters reports it; the answer is asked once per cluster.
func (r *resolver) localCluster(ctx context.Context, cluster string) bool {
	if v, ok := r.clusters[cluster]; ok {
		return v
	}
	if r.clusters == nil {
		r.clusters = map[string]bool{}
	}
	local := false
	if r.lookups < maxExtraLookups && ctx.Err() == nil && len(cluster) <= probekit.MaxNameBytes {
		r.lookups++
		rows, err := r.s.rows(ctx, "SELECT count(), toUInt64(countIf(is_local = 0)) FROM system.clusters WHERE cluster = "+quoteString(cluster),
			queryLimits{maxRows: 1})
		local = err == nil && len(rows) == 1 && len(rows[0]) == 2 && rows[0][0] != "0" && rows[0][1] == "0"
	}
	r.clusters[cluster] = local
	return local
}

func argName(a engineArg) string {
	if a.isStr {
		return a.str
	}
	return a.ident
}

// follow makes t, whose reads read db.tbl (through a Buffer or a local Distributed
// table), as local as that table.
func (r *resolver) follow(ctx context.Context, t *table, kind, db, tbl string, depth int) {
	dest := probekit.CutName(db) + "." + probekit.CutName(tbl)
	through := "through " + kind + " " + t.Database + "." + t.Table + " → " + dest
	if len(db) > probekit.MaxNameBytes || len(tbl) > probekit.MaxNameBytes {
		// Not a name this server lists (those are cut at decode): not looked up.
		t.reach, t.via = reachUnknown, through+" ("+probekit.LongName+")"
		return
	}
	if depth >= maxBufferDepth {
		t.reach, t.via = reachUnknown, through+" (too many tables deep)"
		return
	}
	d := r.byName[db+"\x00"+tbl]
	if d == nil && r.local[db] && r.lookups < maxExtraLookups && ctx.Err() == nil {
		// Listed past the table limit: ask for that one table.
		r.lookups++
		cols := "engine, engine_full"
		if rows, err := r.s.rows(ctx, fmt.Sprintf("SELECT %s FROM system.tables WHERE database = %s AND name = %s LIMIT 1",
			cols, quoteString(db), quoteString(tbl)), queryLimits{maxRows: 1}); err == nil && len(rows) == 1 && len(rows[0]) == 2 {
			d = &table{Dataset: &finding.Dataset{Database: db, Table: tbl, Engine: probekit.CutName(rows[0][0])}, full: cutEngineText(rows[0][1])}
			r.byName[d.key()] = d
		}
	}
	switch {
	case d != nil:
		r.resolve(ctx, d, depth+1)
		t.reach, t.target = d.reach, d.target
		if d.reach != reachLocal {
			t.via = through + " (" + d.Engine + ")"
			if d.via != "" {
				t.via += ", " + d.via
			}
		}
	case r.skipped[db] != nil:
		sk := r.skipped[db]
		t.reach, t.target = reachRemote, sk.target
		t.via = through + " (database engine " + sk.engine + ")"
	default:
		t.reach, t.via = reachUnknown, through+" (not found)"
	}
}

// notSampledReason says why a table is listed but not read; "" when it is read.
func notSampledReason(t *table) string {
	var why string
	switch t.reach {
	case reachLocal:
		return ""
	case reachRemote:
		why = "not sampled: reaches another host"
	case reachConsume:
		why = "not sampled: reading would consume its queue's messages (and reaches another host)"
	case reachQuery:
		switch t.Engine {
		case "View", "MaterializedView", "LiveView", "WindowView":
			why = "not sampled: a view runs its query"
		case "Dictionary":
			why = "not sampled: reading may load the dictionary from its source"
		default:
			why = "not sampled: reads other tables"
		}
	case reachFiles:
		why = "not sampled: reads files or runs programs outside the server's data"
	default:
		why = "not sampled: engine not known to keep its rows on this server"
	}
	if t.target != "" {
		why += " " + t.target
	}
	if t.via != "" {
		why += " (" + t.via + ")"
	}
	return why
}

// sizes fills rows and bytes: system.tables.total_rows on 20.x+, active parts before.
// total_rows asks each table's storage, and a Buffer's asks its destination, which a
// database engine elsewhere would fetch from its remote server: where a database holds
// such a Buffer, its sizes come from the parts instead.
func sizes(ctx context.Context, s *httpSession, o *store.Options, f *serverFeatures, db string, ts []*table) error {
	byName := map[string]*table{}
	var names []string
	safe := true
	for _, t := range ts {
		byName[t.Table] = t
		if t.readable() {
			names = append(names, t.Table)
		}
		if (t.Engine == "Buffer" || t.Engine == "MaterializedView") && t.reach != reachLocal {
			safe = false
		}
	}
	if f.tablesTotalRows && safe {
		if len(names) == 0 {
			return nil
		}
		rows, err := s.rows(ctx, fmt.Sprintf("SELECT name, toString(total_rows), toString(total_bytes) FROM system.tables "+
			"WHERE database = %s AND name IN %s LIMIT %d", quoteString(db), inList(names), len(names)+1), queryLimits{maxRows: len(names) + 1})
		if err != nil {
			return err
		}
		for _, r := range rows {
			if t := byName[r[0]]; t != nil && len(r) == 3 {
				// NULL (views, engines without statistics) comes back as "".
				t.Rows, _ = strconv.ParseInt(r[1], 10, 64)
				t.Bytes, _ = strconv.ParseInt(r[2], 10, 64)
			}
		}
		return nil
	}
	// Sizes from active data parts: exact for MergeTree tables, and the only source on
	// servers older than total_rows.
	rows, err := s.rows(ctx, fmt.Sprintf("SELECT table, toString(sum(rows)), toString(sum(bytes_on_disk)) FROM system.parts "+
		"WHERE active AND database = %s GROUP BY table LIMIT %d", quoteString(db), 10*o.MaxTables+100),
		queryLimits{maxRows: 10*o.MaxTables + 100})
	if err != nil {
		return err
	}
	for _, r := range rows {
		if t := byName[r[0]]; t != nil && len(r) == 3 {
			t.Rows, _ = strconv.ParseInt(r[1], 10, 64)
			t.Bytes, _ = strconv.ParseInt(r[2], 10, 64)
		}
	}
	return nil
}

// columns fills the listed tables' columns, in table order.
func columns(ctx context.Context, s *httpSession, o *store.Options, db string, ts []*table) error {
	byName := map[string]*table{}
	for _, t := range ts {
		byName[t.Table] = t
	}
	q := "SELECT table, name, type, default_kind FROM system.columns WHERE database = %s LIMIT %d"
	rows, err := s.rows(ctx, fmt.Sprintf(q, quoteString(db), 200*o.MaxTables), queryLimits{maxRows: 200 * o.MaxTables})
	var se *ServerError
	if errors.As(err, &se) && ctx.Err() == nil {
		// Servers from before 2018 name the column default_type.
		q = "SELECT table, name, type, default_type FROM system.columns WHERE database = %s LIMIT %d"
		rows, err = s.rows(ctx, fmt.Sprintf(q, quoteString(db), 200*o.MaxTables), queryLimits{maxRows: 200 * o.MaxTables})
	}
	if err != nil {
		return err
	}
	for _, r := range rows {
		if t := byName[r[0]]; t != nil && len(r) >= 3 {
			// A name past probekit.MaxNameBytes is listed cut and never read (stored leaves it out).
			if len(r[1]) > probekit.MaxNameBytes {
				if t.cutCols == nil {
					t.cutCols = map[int]bool{}
				}
				t.cutCols[len(t.Columns)] = true
			}
			if len(r[2]) > probekit.MaxTypeBytes {
				if elems := tupleElements(r[2]); elems != nil {
					// A copy of each, cut: a substring would keep the whole type.
					for i, e := range elems {
						elems[i] = strings.Clone(probekit.CutText(e, maxElementName))
					}
					if t.tuples == nil {
						t.tuples = map[string][]string{}
					}
					t.tuples[probekit.CutName(r[1])] = elems
				}
			}
			t.Columns = append(t.Columns, finding.Column{Name: probekit.CutName(r[1]), Type: probekit.CutType(r[2])})
			if len(r) >= 4 && r[3] == "ALIAS" {
				if t.computed == nil {
					t.computed = map[string]bool{}
				}
				t.computed[probekit.CutName(r[1])] = true
			}
		}
	}
	return nil
}

// maxTimeRangeRows bounds the tables whose time range is computed: min/max reads the
// whole column, which on billions of rows is no longer a probe.
const maxTimeRangeRows = 500_000_000

func timeRange(ctx context.Context, s *httpSession, t *finding.Dataset, stored []finding.Column) {
	if t.Rows == 0 || t.Rows > maxTimeRangeRows {
		return
	}
	col := ""
	for _, c := range stored {
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

// readable reports whether an engine keeps its rows on this server by its name alone.
// Engines that reach out (URL, S3, MySQL, Distributed, …), consume messages (Kafka,
// RabbitMQ, NATS: reading commits offsets, a side effect) or run a query (views,
// dictionaries) are listed but never counted or sampled; Buffer depends on its
// destination (see resolver).
func readable(engine string) bool { return localTableEngine(engine) }

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

// remoteFinding reports the databases and tables that reach other servers: whoever can
// query this server can read those servers through it, with the credentials it stores.
// They were listed (or not) but never read by the scan.
func (v *inv) remoteFinding(svc finding.Service) *finding.Finding {
	var items []string
	for _, sk := range v.skipped {
		if remoteDatabaseEngines[sk.engine] != "remote" {
			continue
		}
		items = append(items, fmt.Sprintf("database %s (%s) → %s", sk.name, sk.engine, orUnknown(sk.target)))
	}
	for _, t := range v.tables {
		if t.reach != reachRemote && t.reach != reachConsume {
			continue
		}
		items = append(items, fmt.Sprintf("%s.%s (%s) → %s", t.Database, t.Table, t.Engine, orUnknown(t.target)))
	}
	if len(items) == 0 {
		return nil
	}
	n := len(items)
	if len(items) > 10 {
		items = append(items[:10], fmt.Sprintf("… and %d more", n-10))
	}
	f := finding.Finding{Category: finding.Capability, Severity: finding.Medium, Rule: "clickhouse-remote-sources",
		Title: fmt.Sprintf("ClickHouse holds %d databases or tables that read other servers", n),
		Detail: "These engines (MySQL, PostgreSQL, URL, S3, Kafka, Distributed, …) make the server connect to the hosts " +
			"named in their definitions, with the credentials stored there: whoever can query this server reads those " +
			"servers through it. leakwatch listed them but read none of them, so its scan caused no connection elsewhere.",
		Evidence: strings.Join(items, "; "), Count: n,
		Remediation: "Protect this server (password, <networks>), give the remote connections their own least-privileged " +
			"accounts, and keep credentials in named collections that ordinary users cannot show.",
		Host: svc.Host, Port: svc.Port, Protocol: svc.Protocol}
	f.ComputeID()
	return &f
}

func orUnknown(h string) string {
	if h == "" {
		return "(host not shown)"
	}
	return h
}
