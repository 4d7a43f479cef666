package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// The typed set (-typed): the same labelled records, each secret still in a field of
// its own, but held in the stores' own types rather than text — arrays (text[],
// Array(String), a JSON array in a JSON column, BSON and CouchDB arrays), bytes (bytea,
// BLOB, FixedString, BSON binary), Redis sets and streams, CouchDB attachments and S3
// object metadata. Both halves use the same types; their names differ as in the field
// set. etcd and Memcached hold bytes only and have no typed cases.

// pair is a record and a second one of the same names (an array holds both values).
func (g *gen) pair(h string, npos, nneg int) (record, record) {
	first := g.newRecord(h, npos, nneg, "flat")
	return first, g.sameShape(first)
}

// typedSQL are the statements that create and fill the typed tables of one SQL store.
func (e *ev) typedSQL(store string) []string {
	g := e.g
	var out []string
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	id := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	if store != "postgres" {
		q = func(s string) string { return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'" }
		id = func(s string) string { return "`" + strings.NewReplacer(`\`, `\\`, "`", "\\`").Replace(s) + "`" }
	}
	for _, h := range []string{"a", "b"} {
		// Arrays: every cell holds the values of two records under one column name.
		name := g.container("_")
		var cols, rows []string
		first, _ := g.pair(h, 3, 2)
		cols = []string{id("id") + " " + map[string]string{"postgres": "int", "mariadb": "INT", "clickhouse": "UInt32"}[store]}
		for _, l := range first.leaves() {
			t := map[string]string{"postgres": "text[]", "mariadb": "JSON", "clickhouse": "Array(String)"}[store]
			cols = append(cols, id(l.Name)+" "+t)
		}
		for r := range 3 {
			// the same names in every row: fresh values of the first record's shape
			a, b := g.sameShape(first), g.sameShape(first)
			la, lb := a.leaves(), b.leaves()
			cells := []string{fmt.Sprint(r + 1)}
			for j := range la {
				v1, v2 := la[j].Value, lb[j].Value
				switch store {
				case "postgres":
					cells = append(cells, "ARRAY["+q(v1)+", "+q(v2)+"]")
				case "mariadb":
					cells = append(cells, q(jsonText([]any{v1, v2})))
				default:
					cells = append(cells, "["+q(v1)+", "+q(v2)+"]")
				}
			}
			rows = append(rows, "("+strings.Join(cells, ", ")+")")
			e.plant(store, "typed-array", name, a)
			e.plant(store, "typed-array", name, b)
		}
		out = append(out, createTable(store, name, cols), insertRows(store, name, rows))
		// Bytes: bytea, BLOB, FixedString (zero-padded).
		name = g.container("_")
		first = g.newRecord(h, 3, 2, "flat")
		cols = []string{id("id") + " " + map[string]string{"postgres": "int", "mariadb": "INT", "clickhouse": "UInt32"}[store]}
		for _, l := range first.leaves() {
			t := map[string]string{"postgres": "bytea", "mariadb": "BLOB", "clickhouse": "FixedString(160)"}[store]
			cols = append(cols, id(l.Name)+" "+t)
		}
		rows = nil
		for r := range 4 {
			rec := first
			if r > 0 {
				rec = g.sameShape(first)
			}
			cells := []string{fmt.Sprint(r + 1)}
			for _, l := range rec.leaves() {
				if store == "postgres" {
					cells = append(cells, "convert_to("+q(l.Value)+", 'UTF8')")
				} else {
					cells = append(cells, q(l.Value))
				}
			}
			rows = append(rows, "("+strings.Join(cells, ", ")+")")
			e.plant(store, "typed-bytes", name, rec)
		}
		out = append(out, createTable(store, name, cols), insertRows(store, name, rows))
	}
	return out
}

func createTable(store, name string, cols []string) string {
	switch store {
	case "postgres":
		return fmt.Sprintf(`CREATE TABLE "%s" (%s)`, name, strings.Join(cols, ", "))
	case "mariadb":
		return fmt.Sprintf("CREATE TABLE %s.`%s` (%s)", sqlDatabase, name, strings.Join(cols, ", "))
	}
	return fmt.Sprintf("CREATE TABLE %s.`%s` (%s) ENGINE = Log", sqlDatabase, name, strings.Join(cols, ", "))
}

func insertRows(store, name string, rows []string) string {
	switch store {
	case "postgres":
		return fmt.Sprintf(`INSERT INTO "%s" VALUES %s`, name, strings.Join(rows, ", "))
	}
	return fmt.Sprintf("INSERT INTO %s.`%s` VALUES %s", sqlDatabase, name, strings.Join(rows, ", "))
}

// typedRedis are the commands of the typed set: sets of two records' values, one key
// per name, and streams of records.
func (e *ev) typedRedis() map[int][][]string {
	g := e.g
	out := map[int][][]string{}
	for hi, h := range []string{"a", "b"} {
		base := 1 + 7*hi
		for range 2 {
			c := g.container(":")
			a, b := g.pair(h, 3, 2)
			pa, pb := a.flatPairs(), b.flatPairs()
			for j := range pa {
				out[base] = append(out[base], []string{"SADD", c + ":" + pa[j][0], pa[j][1], pb[j][1]})
			}
			e.plant("redis", "typed-set", c, a)
			e.plant("redis", "typed-set", c, b)
		}
		for range 4 {
			k := g.container(":")
			for range 3 {
				rec := g.newRecord(h, 2, 2, "flat")
				cmd := []string{"XADD", k, "*"}
				for _, p := range rec.flatPairs() {
					cmd = append(cmd, p[0], p[1])
				}
				out[base+1] = append(out[base+1], cmd)
				e.plant("redis", "typed-stream", k, rec)
			}
		}
	}
	return out
}

// typedDocs are the typed set's document groups: arrays of two records' values, and
// (MongoDB) binary values or (CouchDB) .env attachments.
func (e *ev) typedDocs(store, sep string) map[string][]map[string]any {
	g := e.g
	out := map[string][]map[string]any{}
	for _, h := range []string{"a", "b"} {
		c := g.container(sep)
		for i := range 4 {
			a, b := g.pair(h, 2, 2)
			pa, pb := a.flatPairs(), b.flatPairs()
			doc := map[string]any{"seq": fmt.Sprint(i)}
			for j := range pa {
				doc[pa[j][0]] = []any{pa[j][1], pb[j][1]}
			}
			out[c] = append(out[c], doc)
			e.plant(store, "typed-array", c, a)
			e.plant(store, "typed-array", c, b)
		}
		c = g.container(sep)
		for i := range 8 {
			rec := g.newRecord(h, 2, 2, "flat")
			doc := map[string]any{"seq": fmt.Sprint(i)}
			if store == "mongodb" {
				for _, p := range rec.flatPairs() {
					doc[p[0]] = bson.Binary{Subtype: 0, Data: []byte(p[1])}
				}
				e.plant(store, "typed-binary", c, rec)
			} else {
				doc["_attachments"] = map[string]any{"settings.env": map[string]any{"content_type": "application/octet-stream",
					"data": base64.StdEncoding.EncodeToString([]byte(envText(rec)))}}
				e.plant(store, "typed-attachment", c, rec)
			}
			out[c] = append(out[c], doc)
		}
	}
	return out
}

// headerName is a name S3 metadata can carry.
var headerName = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// typedObjects are binary objects whose user metadata holds a record.
func (e *ev) typedObjects(ctx context.Context, m *lab.MinIO) error {
	g := e.g
	for _, h := range []string{"a", "b"} {
		bucket := g.container("-")
		for i := range 8 {
			var rec record
			for range 100 {
				rec = g.newRecord(h, 2, 2, "flat")
				ok := true
				for _, p := range rec.flatPairs() {
					ok = ok && headerName.MatchString(p[0])
				}
				if ok {
					break
				}
			}
			meta := map[string]string{}
			for _, p := range rec.flatPairs() {
				meta[p[0]] = p[1]
			}
			if err := m.PutObjectMeta(ctx, bucket, fmt.Sprintf("scans/page-%03d.bin", i), []byte{0x89, 'B', 'I', 'N', 0, 1, 2, 3}, meta); err != nil {
				return err
			}
			e.plant("minio", "typed-metadata", bucket, rec)
		}
	}
	return nil
}

// startTyped starts one store and seeds it with the typed set.
func (e *ev) startTyped(ctx context.Context, store, dir string) (*running, error) {
	switch store {
	case "postgres":
		pg, err := lab.StartPostgres(ctx, lab.PostgresConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		err = pg.Exec(ctx, "postgres", "CREATE DATABASE "+sqlDatabase)
		if err == nil {
			err = pg.Exec(ctx, sqlDatabase, strings.Join(e.typedSQL(store), ";\n"))
		}
		return done(store, pg.Addr(), pg.Stop, err)
	case "mariadb":
		m, err := lab.StartMariaDB(ctx, lab.MariaDBConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, m.Addr(), m.Stop, m.Exec(ctx, append([]string{"CREATE DATABASE " + sqlDatabase + " CHARACTER SET utf8mb4"}, e.typedSQL(store)...)...))
	case "clickhouse":
		ch, err := lab.StartClickHouse(ctx, lab.ClickHouseConfig{Dir: dir, DisplayName: "storeeval"})
		if err != nil {
			return nil, err
		}
		_, err = ch.Query(ctx, "CREATE DATABASE "+sqlDatabase)
		for _, s := range e.typedSQL(store) {
			if err == nil {
				_, err = ch.Query(ctx, s)
			}
		}
		return done(store, ch.HTTPAddr(), ch.Stop, err)
	case "redis":
		r, err := lab.StartRedis(ctx, lab.RedisConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, r.Addr(), r.Stop, seedRedis(ctx, r, e.typedRedis()))
	case "minio":
		m, err := lab.StartMinIO(ctx, lab.MinIOConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, m.Addr(), m.Stop, e.typedObjects(ctx, m))
	case "couchdb":
		p, err := lab.StartPouchDB(ctx, lab.PouchDBConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, p.Addr(), p.Stop, seedPouch(ctx, p, e.typedDocs(store, "_")))
	case "mongodb":
		f, err := lab.StartFerretDB(ctx, lab.FerretDBConfig{Dir: dir})
		if err != nil {
			return nil, err
		}
		return done(store, f.Addr(), f.Stop, seedFerret(ctx, f, e.typedDocs(store, "_")))
	}
	return nil, fmt.Errorf("no typed cases for %q", store)
}

// typedStores are the stores of the typed set.
var typedStores = []string{"postgres", "mariadb", "clickhouse", "redis", "minio", "couchdb", "mongodb"}
