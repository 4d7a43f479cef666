package main

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.yaml.in/yaml/v3"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// planted is one labelled leaf written into a store.
type planted struct {
	Store, Half, Shape, Container string
	Name, Value, Role, Family     string
	Record                        int // which planted record (a row, a document, a blob)
}

// ev collects what was planted.
type ev struct {
	g     *gen
	cases []planted
	// containers maps store → container → half.
	containers map[string]map[string]string
	records    int
}

func (e *ev) plant(store, shape, container string, r record) {
	if e.containers[store] == nil {
		e.containers[store] = map[string]string{}
	}
	e.containers[store][container] = r.Half
	e.records++
	for _, l := range r.leaves() {
		if l.Role == "fill" {
			continue
		}
		e.cases = append(e.cases, planted{Store: store, Half: r.Half, Shape: shape, Container: container,
			Name: l.Name, Value: l.Value, Role: l.Role, Family: l.Family, Record: e.records})
	}
}

func jsonText(v any) string { return lab.JSONText(v) }

func yamlText(v any) string {
	b, err := yaml.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// envText renders the record's leaves as KEY=value lines (dots and dashes become
// underscores); values with spaces or specials are double-quoted.
func envText(r record) string {
	var b strings.Builder
	for _, p := range r.flatPairs() {
		k := strings.NewReplacer(".", "_", "-", "_").Replace(p[0])
		v := p[1]
		if strings.ContainsAny(v, " #\"'$") {
			v = `"` + strings.ReplaceAll(v, `"`, `\"`) + `"`
		}
		fmt.Fprintf(&b, "%s=%s\n", k, v)
	}
	return b.String()
}

// propsText renders the record as Java properties (a) or INI (b).
func propsText(r record, ini bool) string {
	var b strings.Builder
	if ini {
		b.WriteString("[main]\n")
	}
	for _, p := range r.flatPairs() {
		if ini {
			fmt.Fprintf(&b, "%s = %s\n", p[0], p[1])
		} else {
			fmt.Fprintf(&b, "%s=%s\n", p[0], p[1])
		}
	}
	return b.String()
}

// ---- SQL stores (PostgreSQL, MariaDB, ClickHouse) ----

// sqlTable is a table to create: column names and rows of text.
type sqlTable struct {
	Name string
	Cols []string
	Rows [][]string
}

// kvColumns are the name/value column pairs of settings tables, by half.
var kvColumns = map[string][][2]string{
	"a": {{"setting_key", "setting_value"}, {"opt_name", "opt_val"}, {"attr", "content"}},
	"b": {{"param", "value"}, {"nombre", "valor"}, {"k", "v"}},
}

// docColumns are neutral names of JSON text columns.
var docColumns = []string{"payload", "settings_json", "meta", "attrs", "config", "extra", "body", "props"}

// sqlTables are the tables of one SQL store, for both halves.
func (e *ev) sqlTables(store string) []sqlTable {
	g := e.g
	var out []sqlTable
	for _, h := range []string{"a", "b"} {
		// Columns: secrets in columns of their own, 4 rows per table.
		for range 3 {
			name := g.container("_")
			first := g.newRecord(h, 3, 2, "flat")
			ls := first.leaves()
			t := sqlTable{Name: name, Cols: []string{"id"}}
			for _, l := range ls {
				t.Cols = append(t.Cols, l.Name)
			}
			for i := range 4 {
				rec := first
				if i > 0 {
					rec = g.sameShape(first)
				}
				row := []string{fmt.Sprint(i + 1)}
				for _, l := range rec.leaves() {
					row = append(row, l.Value)
				}
				t.Rows = append(t.Rows, row)
				e.plant(store, "column", name, rec)
			}
			out = append(out, t)
		}
		// A JSON document column.
		for range 2 {
			name := g.container("_")
			dc := g.pick(docColumns)
			t := sqlTable{Name: name, Cols: []string{"id", "kind", dc}}
			for i := range 4 {
				rec := g.newRecord(h, 2, 2, "")
				t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), g.pick(containerWords), jsonText(rec.tree())})
				e.plant(store, "json-column", name, rec)
			}
			out = append(out, t)
		}
		// Name/value settings tables.
		for range 2 {
			name := g.container("_")
			kv := g.pickKV(h)
			t := sqlTable{Name: name, Cols: []string{kv[0], kv[1]}}
			for range 3 {
				rec := g.newRecord(h, 2, 2, "flat")
				for _, p := range rec.flatPairs() {
					t.Rows = append(t.Rows, []string{p[0], p[1]})
				}
				e.plant(store, "name-value", name, rec)
			}
			out = append(out, t)
		}
		// One encoded record per row.
		name := g.container("_")
		enc := g.pick(halfEncodings[h])
		t := sqlTable{Name: name, Cols: []string{"id", g.pick([]string{"blob", "data", "packed", "state"})}}
		for i := range 4 {
			rec := g.newRecord(h, 2, 1, "flat")
			t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), encode(rec, enc)})
			e.plant(store, "encoded-"+enc, name, rec)
		}
		out = append(out, t)
	}
	return out
}

func (g *gen) pickKV(h string) [2]string { return kvColumns[h][g.r.IntN(len(kvColumns[h]))] }

// sameShape is a record with first's names and layout and fresh values of the same
// families.
func (g *gen) sameShape(first record) record {
	out := record{Half: first.Half, Layout: first.Layout}
	for _, l := range first.leaves() {
		n := *l
		switch l.Role {
		case "pos":
			n.Value, _ = g.secretValue()
		case "neg":
			for {
				x := g.negative(first.Half)
				if x.Family == l.Family || l.Family == "neg-placeholder" && x.Family == "neg-placeholder" {
					n.Value = x.Value
					break
				}
			}
		}
		nn := n
		out.Entries = append(out.Entries, entry{Name: n.Name, Leaf: &nn})
	}
	return out
}

const sqlDatabase = "crm"

func seedPostgres(ctx context.Context, pg *lab.Postgres, tables []sqlTable) error {
	if err := pg.Exec(ctx, "postgres", "CREATE DATABASE "+sqlDatabase); err != nil {
		return err
	}
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	id := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	var b strings.Builder
	for _, t := range tables {
		cols := make([]string, len(t.Cols))
		for i, c := range t.Cols {
			cols[i] = id(c) + " text"
		}
		fmt.Fprintf(&b, "CREATE TABLE %s (%s);\n", id(t.Name), strings.Join(cols, ", "))
		for _, r := range t.Rows {
			vals := make([]string, len(r))
			for i, v := range r {
				vals[i] = q(v)
			}
			fmt.Fprintf(&b, "INSERT INTO %s VALUES (%s);\n", id(t.Name), strings.Join(vals, ", "))
		}
	}
	return pg.Exec(ctx, sqlDatabase, b.String())
}

func seedMariaDB(ctx context.Context, m *lab.MariaDB, tables []sqlTable) error {
	q := func(s string) string {
		return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(s) + "'"
	}
	id := func(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
	stmts := []string{"CREATE DATABASE " + sqlDatabase + " CHARACTER SET utf8mb4"}
	for _, t := range tables {
		cols := make([]string, len(t.Cols))
		for i, c := range t.Cols {
			cols[i] = id(c) + " TEXT"
		}
		stmts = append(stmts, fmt.Sprintf("CREATE TABLE %s.%s (%s)", sqlDatabase, id(t.Name), strings.Join(cols, ", ")))
		for _, r := range t.Rows {
			vals := make([]string, len(r))
			for i, v := range r {
				vals[i] = q(v)
			}
			stmts = append(stmts, fmt.Sprintf("INSERT INTO %s.%s VALUES (%s)", sqlDatabase, id(t.Name), strings.Join(vals, ", ")))
		}
	}
	return m.Exec(ctx, stmts...)
}

func seedClickHouse(ctx context.Context, ch *lab.ClickHouse, tables []sqlTable) error {
	q := func(s string) string { return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'" }
	id := func(s string) string { return "`" + strings.NewReplacer(`\`, `\\`, "`", "\\`").Replace(s) + "`" }
	if _, err := ch.Query(ctx, "CREATE DATABASE "+sqlDatabase); err != nil {
		return err
	}
	for _, t := range tables {
		cols := make([]string, len(t.Cols))
		for i, c := range t.Cols {
			cols[i] = id(c) + " String"
		}
		if _, err := ch.Query(ctx, fmt.Sprintf("CREATE TABLE %s.%s (%s) ENGINE = Log", sqlDatabase, id(t.Name), strings.Join(cols, ", "))); err != nil {
			return err
		}
		var rows []string
		for _, r := range t.Rows {
			vals := make([]string, len(r))
			for i, v := range r {
				vals[i] = q(v)
			}
			rows = append(rows, "("+strings.Join(vals, ", ")+")")
		}
		if _, err := ch.Query(ctx, fmt.Sprintf("INSERT INTO %s.%s VALUES %s", sqlDatabase, id(t.Name), strings.Join(rows, ", "))); err != nil {
			return err
		}
	}
	return nil
}

// ---- Redis ----

// redisCommands are the commands that seed Redis, by database: half a in 1-6, half b
// in 8-13, at most 20 keys each (the default sample reads 20 keys per database).
func (e *ev) redisCommands() map[int][][]string {
	g := e.g
	out := map[int][][]string{}
	for hi, h := range []string{"a", "b"} {
		base := 1 + 7*hi
		// Hashes: one record's leaves as fields.
		for d := range 2 {
			for range 8 {
				k := g.container(":")
				rec := g.newRecord(h, 2, 2, "flat")
				cmd := []string{"HSET", k}
				for _, p := range rec.flatPairs() {
					cmd = append(cmd, p[0], p[1])
				}
				out[base+d] = append(out[base+d], cmd)
				e.plant("redis", "hash", k, rec)
			}
		}
		// A key per leaf: <container>:<name>.
		for range 3 {
			c := g.container(":")
			rec := g.newRecord(h, 2, 2, "")
			for _, p := range rec.flatPairs() {
				out[base+2] = append(out[base+2], []string{"SET", c + ":" + p[0], p[1]})
			}
			e.plant("redis", "key-per-field", c, rec)
		}
		// A JSON document per key.
		for range 8 {
			k := g.container(":")
			rec := g.newRecord(h, 2, 2, "")
			out[base+3] = append(out[base+3], []string{"SET", k, jsonText(rec.tree())})
			e.plant("redis", "json-string", k, rec)
		}
		// Lists of JSON documents.
		for range 5 {
			k := g.container(":")
			cmd := []string{"RPUSH", k}
			for range 3 {
				rec := g.newRecord(h, 1, 1, "")
				cmd = append(cmd, jsonText(rec.tree()))
				e.plant("redis", "list-json", k, rec)
			}
			out[base+4] = append(out[base+4], cmd)
		}
		// Encoded records.
		enc := g.pick(halfEncodings[h])
		for range 6 {
			k := g.container(":")
			rec := g.newRecord(h, 2, 1, "flat")
			out[base+5] = append(out[base+5], []string{"SET", k, encode(rec, enc)})
			e.plant("redis", "encoded-"+enc, k, rec)
		}
	}
	return out
}

func seedRedis(ctx context.Context, r *lab.Redis, cmds map[int][][]string) error {
	c, err := r.Admin(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	for _, d := range slices.Sorted(maps.Keys(cmds)) {
		if _, err := c.Do(ctx, "SELECT", fmt.Sprint(d)); err != nil {
			return err
		}
		for _, cmd := range cmds[d] {
			if _, err := c.Do(ctx, cmd...); err != nil {
				return fmt.Errorf("redis %s: %w", cmd[0], err)
			}
		}
	}
	return nil
}

// ---- Memcached (one dataset of 20 sampled keys: 10 per half) ----

func (e *ev) memcachedItems() [][2]string {
	g := e.g
	var out [][2]string
	for _, h := range []string{"a", "b"} {
		for range 4 {
			k := g.container(":")
			rec := g.newRecord(h, 2, 1, "")
			out = append(out, [2]string{k, jsonText(rec.tree())})
			e.plant("memcached", "json-value", k, rec)
		}
		c := g.container(":")
		rec := g.newRecord(h, 2, 1, "flat")
		for _, p := range rec.flatPairs()[:min(6, len(rec.flatPairs()))] {
			out = append(out, [2]string{c + ":" + p[0], p[1]})
		}
		e.plant("memcached", "key-per-field", c, rec)
	}
	return out
}

// ---- etcd ----

func (e *ev) etcdItems() [][2]string {
	g := e.g
	var out [][2]string
	for _, h := range []string{"a", "b"} {
		// A key per leaf under /<container>/.
		for range 3 {
			c := g.container("-")
			rec := g.newRecord(h, 2, 2, "")
			for _, p := range rec.flatPairs() {
				out = append(out, [2]string{"/" + c + "/" + strings.ReplaceAll(p[0], ".", "/"), p[1]})
			}
			e.plant("etcd", "key-per-field", c, rec)
		}
		// JSON and YAML documents.
		c := g.container("-")
		for i := range 6 {
			rec := g.newRecord(h, 2, 2, "")
			out = append(out, [2]string{fmt.Sprintf("/%s/svc-%d", c, i), jsonText(rec.tree())})
			e.plant("etcd", "json-value", c, rec)
		}
		c = g.container("-")
		for i := range 4 {
			rec := g.newRecord(h, 2, 2, "")
			out = append(out, [2]string{fmt.Sprintf("/%s/app-%d.yaml", c, i), yamlText(rec.tree())})
			e.plant("etcd", "yaml-value", c, rec)
		}
		c = g.container("-")
		enc := g.pick(halfEncodings[h])
		for i := range 4 {
			rec := g.newRecord(h, 2, 1, "flat")
			out = append(out, [2]string{fmt.Sprintf("/%s/blob-%d", c, i), encode(rec, enc)})
			e.plant("etcd", "encoded-"+enc, c, rec)
		}
	}
	return out
}

func seedEtcd(ctx context.Context, et *lab.Etcd, items [][2]string) error {
	for _, kv := range items {
		if err := et.Put(ctx, "", kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// ---- MinIO ----

// minioObjects are objects by bucket: two buckets per half, at most 20 objects each.
func (e *ev) minioObjects() map[string]map[string]string {
	g := e.g
	out := map[string]map[string]string{}
	for _, h := range []string{"a", "b"} {
		for range 2 {
			bucket := g.container("-")
			objs := map[string]string{}
			for i := range 4 {
				svc := g.pick(containerWords) + fmt.Sprint(i)
				rec := g.newRecord(h, 2, 2, "")
				objs[svc+"/config.json"] = jsonText(rec.tree()) + "\n"
				e.plant("minio", "json-object", bucket, rec)
				rec = g.newRecord(h, 2, 2, "")
				objs[svc+"/values.yaml"] = yamlText(rec.tree())
				e.plant("minio", "yaml-object", bucket, rec)
				rec = g.newRecord(h, 2, 1, "flat")
				objs[svc+"/.env"] = envText(rec)
				e.plant("minio", "env-object", bucket, rec)
				rec = g.newRecord(h, 2, 1, "")
				if h == "a" {
					objs[svc+"/app.properties"] = propsText(rec, false)
					e.plant("minio", "properties-object", bucket, rec)
				} else {
					objs[svc+"/settings.ini"] = propsText(rec, true)
					e.plant("minio", "ini-object", bucket, rec)
				}
			}
			out[bucket] = objs
		}
	}
	return out
}

func seedMinIO(ctx context.Context, m *lab.MinIO, objs map[string]map[string]string) error {
	for bucket, os := range objs {
		for k, body := range os {
			if err := m.PutObject(ctx, bucket, k, []byte(body)); err != nil {
				return err
			}
		}
	}
	return nil
}

// ---- CouchDB (pouchdb-server) and MongoDB (FerretDB): documents ----

// docGroups are groups of documents (a database or a collection) by name: two of
// native documents and one of encoded fields per half, 8 documents each.
func (e *ev) docGroups(store, sep string) map[string][]map[string]any {
	g := e.g
	out := map[string][]map[string]any{}
	for _, h := range []string{"a", "b"} {
		for range 2 {
			c := g.container(sep)
			for range 8 {
				rec := g.newRecord(h, 2, 2, "")
				out[c] = append(out[c], rec.tree())
				e.plant(store, "document", c, rec)
			}
		}
		c := g.container(sep)
		enc := g.pick(halfEncodings[h])
		for i := range 8 {
			rec := g.newRecord(h, 2, 1, "flat")
			out[c] = append(out[c], map[string]any{"seq": fmt.Sprint(i), g.pick([]string{"blob", "data", "packed", "state"}): encode(rec, enc)})
			e.plant(store, "encoded-"+enc, c, rec)
		}
	}
	return out
}

func seedPouch(ctx context.Context, p *lab.PouchDB, groups map[string][]map[string]any) error {
	for db, docs := range groups {
		if err := p.PutDocs(ctx, db, docs); err != nil {
			return err
		}
	}
	return nil
}

const mongoDatabase = "inventory"

func seedFerret(ctx context.Context, f *lab.FerretDB, groups map[string][]map[string]any) error {
	for coll, docs := range groups {
		var in []any
		for _, d := range docs {
			in = append(in, toBSON(d))
		}
		if err := f.InsertDocs(ctx, mongoDatabase, coll, in); err != nil {
			return err
		}
	}
	return nil
}

// toBSON keeps key order stable (sorted) so runs are reproducible.
func toBSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		d := bson.D{}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			d = append(d, bson.E{Key: k, Value: toBSON(x[k])})
		}
		return d
	case []any:
		a := bson.A{}
		for _, y := range x {
			a = append(a, toBSON(y))
		}
		return a
	}
	return v
}

// ---- starting ----

// running is a started, seeded store and the target to scan.
type running struct {
	Store  string
	Target string
	Stop   func() error
}

// startStore starts and seeds one store in dir.
func (e *ev) startStore(ctx context.Context, store, dir string) (*running, error) {
	dir = filepath.Join(dir, store)
	switch store {
	case "postgres":
		pg, err := lab.StartPostgres(ctx, lab.PostgresConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, pg.Addr(), pg.Stop, seedPostgres(ctx, pg, e.sqlTables(store)))
	case "mariadb":
		m, err := lab.StartMariaDB(ctx, lab.MariaDBConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, m.Addr(), m.Stop, seedMariaDB(ctx, m, e.sqlTables(store)))
	case "clickhouse":
		ch, err := lab.StartClickHouse(ctx, lab.ClickHouseConfig{Dir: dir, DisplayName: "storeeval"})
		if err != nil {
			return nil, err
		}
		return done(store, ch.HTTPAddr(), ch.Stop, seedClickHouse(ctx, ch, e.sqlTables(store)))
	case "redis":
		r, err := lab.StartRedis(ctx, lab.RedisConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, r.Addr(), r.Stop, seedRedis(ctx, r, e.redisCommands()))
	case "memcached":
		m, err := lab.StartMemcached(ctx, lab.MemcachedConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		a, err := m.Admin(ctx)
		if err == nil {
			for _, kv := range e.memcachedItems() {
				if err = a.Set(kv[0], kv[1], 0); err != nil {
					break
				}
			}
			_ = a.Close()
		}
		return done(store, m.Addr(), m.Stop, err)
	case "etcd":
		et, err := lab.StartEtcd(ctx, lab.EtcdConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, et.Addr(), et.Stop, seedEtcd(ctx, et, e.etcdItems()))
	case "minio":
		m, err := lab.StartMinIO(ctx, lab.MinIOConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, m.Addr(), m.Stop, seedMinIO(ctx, m, e.minioObjects()))
	case "couchdb":
		p, err := lab.StartPouchDB(ctx, lab.PouchDBConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, p.Addr(), p.Stop, seedPouch(ctx, p, e.docGroups(store, "_")))
	case "mongodb":
		f, err := lab.StartFerretDB(ctx, lab.FerretDBConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, f.Addr(), f.Stop, seedFerret(ctx, f, e.docGroups(store, "_")))
	}
	return nil, fmt.Errorf("unknown store %q", store)
}

func done(store, addr string, stop func() error, seedErr error) (*running, error) {
	if seedErr != nil {
		_ = stop()
		return nil, fmt.Errorf("seeding %s: %w", store, seedErr)
	}
	return &running{Store: store, Target: addr, Stop: stop}, nil
}

// allStores in the order they are run.
var allStores = []string{"postgres", "mariadb", "clickhouse", "redis", "memcached", "etcd", "minio", "couchdb", "mongodb"}
