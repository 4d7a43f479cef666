package mongodb

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// internalDBs hold the server's own state, not user data.
var internalDBs = map[string]bool{"local": true, "config": true}

// maxTimeRangeDocs bounds the collections whose time range is read without an index.
const maxTimeRangeDocs = 5_000_000

// explore lists collections with counts and sizes, samples them, and checks the server's
// configuration, within opts.InventoryTimeout.
func explore(ctx context.Context, c *conn, o *store.Options, dbs []dbInfo, res *store.Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	svc.Details["databases"] = strconv.Itoa(len(dbs))
	res.Findings = append(res.Findings, configFindings(ctx, c, res)...)

	if len(dbs) > o.MaxDatabases {
		dbs = dbs[:o.MaxDatabases]
		svc.Truncated = true
	}
	var sets []finding.Dataset
	var usersVisible int64
	for _, db := range dbs {
		if internalDBs[db.Name] {
			continue
		}
		if ctx.Err() != nil || len(sets) >= o.MaxTables {
			svc.Truncated = true
			break
		}
		if len(db.Name) > probekit.MaxNameBytes {
			sets = append(sets, finding.Dataset{Database: probekit.CutName(db.Name), Kind: "database", Bytes: db.Bytes, Error: probekit.LongName})
			continue
		}
		colls, err := listCollections(ctx, c, db.Name, o.MaxTables-len(sets))
		if err != nil {
			sets = append(sets, finding.Dataset{Database: db.Name, Table: "", Kind: "database", Bytes: db.Bytes, Error: shortErr(err)})
			continue
		}
		for _, col := range colls {
			if strings.HasPrefix(col.name, "system.") {
				if db.Name == "admin" && col.name == "system.users" {
					usersVisible = count(ctx, c, db.Name, col.name)
				}
				continue
			}
			if len(col.name) > probekit.MaxNameBytes {
				sets = append(sets, finding.Dataset{Database: db.Name, Table: probekit.CutName(col.name), Kind: col.kind, Error: probekit.LongName})
				continue
			}
			ds := finding.Dataset{Database: db.Name, Table: col.name, Kind: col.kind}
			if col.kind == "collection" || col.kind == "timeseries" {
				collStats(ctx, c, db.Name, &ds)
				if ds.Rows > 0 && o.SampleRows > 0 && ctx.Err() == nil && !probekit.OutOfBudget(o, &ds) {
					if smp, err := sample(ctx, c, o, &ds); err != nil {
						ds.Error = "sample: " + shortErr(err)
					} else if smp != nil && len(smp.Rows) > 0 {
						ds.Sampled = len(smp.Rows)
						res.Samples = append(res.Samples, *smp)
					}
				}
				if ds.Rows > 0 && ctx.Err() == nil {
					timeRange(ctx, c, &ds)
				}
			}
			sets = append(sets, ds)
		}
	}
	svc.Datasets = sets
	if usersVisible > 0 {
		res.Findings = append(res.Findings, probekit.Finish(finding.Finding{Severity: finding.High, Category: finding.Capability,
			Rule: "mongodb-user-hashes", Table: "system.users", Database: "admin",
			Title:       fmt.Sprintf("MongoDB lets this session read admin.system.users: %d accounts and their SCRAM keys", usersVisible),
			Detail:      "The stored keys allow offline password guessing and, with SCRAM's design, logging in as any user whose password is weak.",
			Count:       int(usersVisible),
			Remediation: "Enable access control and keep system collections to administrators."}, *svc))
	}
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

type collInfo struct{ name, kind string }

func listCollections(ctx context.Context, c *conn, db string, max int) ([]collInfo, error) {
	reply, err := c.run(ctx, db, bson.D{{Key: "listCollections", Value: 1}, {Key: "nameOnly", Value: false},
		{Key: "cursor", Value: bson.D{{Key: "batchSize", Value: max + 1}}}})
	if err != nil {
		return nil, err
	}
	docs, cursorID, ns := firstBatch(reply)
	if cursorID != 0 {
		killCursor(ctx, c, db, ns, cursorID)
	}
	var out []collInfo
	for _, d := range docs {
		n, _ := d.Lookup("name").StringValueOK()
		if n == "" {
			continue
		}
		kind, _ := d.Lookup("type").StringValueOK()
		if kind == "" {
			kind = "collection"
		}
		out = append(out, collInfo{n, kind})
		if len(out) >= max {
			break
		}
	}
	return out, nil
}

// firstBatch reads cursor.firstBatch, the cursor id and its namespace.
func firstBatch(reply bson.Raw) ([]bson.Raw, int64, string) {
	cur, ok := reply.Lookup("cursor").DocumentOK()
	if !ok {
		return nil, 0, ""
	}
	id := int64Of(cur.Lookup("id"))
	ns, _ := cur.Lookup("ns").StringValueOK()
	arr, ok := cur.Lookup("firstBatch").ArrayOK()
	if !ok {
		return nil, id, ns
	}
	vals, err := arr.Values()
	if err != nil {
		return nil, id, ns
	}
	var out []bson.Raw
	for _, v := range vals {
		if d, ok := v.DocumentOK(); ok {
			out = append(out, d)
		}
	}
	return out, id, ns
}

// killCursor releases a cursor we will not read further (it would otherwise live on the
// server for ten minutes).
func killCursor(ctx context.Context, c *conn, db, ns string, id int64) {
	coll := ns
	if i := strings.IndexByte(ns, '.'); i >= 0 {
		coll = ns[i+1:]
	}
	if coll == "" {
		return
	}
	_, _ = c.run(ctx, db, bson.D{{Key: "killCursors", Value: coll}, {Key: "cursors", Value: bson.A{id}}})
}

// collStats reads the document count and data size; count is the fallback where
// collStats is missing or refused (it is deprecated from 6.2).
func collStats(ctx context.Context, c *conn, db string, ds *finding.Dataset) {
	reply, err := c.run(ctx, db, bson.D{{Key: "collStats", Value: ds.Table}})
	if err == nil {
		ds.Rows = int64Of(reply.Lookup("count"))
		ds.Bytes = int64Of(reply.Lookup("size"))
		return
	}
	ds.Rows = count(ctx, c, db, ds.Table)
}

// count is the metadata count of a collection (no query: read from the catalog).
func count(ctx context.Context, c *conn, db, coll string) int64 {
	reply, err := c.run(ctx, db, bson.D{{Key: "count", Value: coll}})
	if err != nil {
		return 0
	}
	return int64Of(reply.Lookup("n"))
}

// maxTimeMS bounds every query on the server side.
func maxTimeMS(c *conn) int64 {
	ms := c.timeout.Milliseconds() / 2
	if ms < 500 {
		ms = 500
	}
	return ms
}

// sample reads up to SampleRows documents in one batch; columns are the top-level
// fields in order of first appearance, typed from their first value.
func sample(ctx context.Context, c *conn, o *store.Options, ds *finding.Dataset) (*store.Sample, error) {
	reply, err := c.run(ctx, ds.Database, bson.D{{Key: "find", Value: ds.Table}, {Key: "limit", Value: o.SampleRows},
		{Key: "batchSize", Value: o.SampleRows}, {Key: "singleBatch", Value: true}, {Key: "maxTimeMS", Value: maxTimeMS(c)}})
	if err != nil {
		return nil, err
	}
	docs, _, _ := firstBatch(reply)
	smp, cols := docsToSample(ds.Database, ds.Table, docs, o)
	ds.Columns = cols
	return smp, nil
}

func docsToSample(db, coll string, docs []bson.Raw, o *store.Options) (*store.Sample, []finding.Column) {
	ds := probekit.NewDocSample(db, coll)
	for _, d := range docs {
		els, err := d.Elements()
		if err != nil {
			continue
		}
		ds.Doc()
		for _, e := range els {
			k, err := e.KeyErr()
			if err != nil {
				break
			}
			v, err := e.ValueErr()
			if err != nil {
				break
			}
			ds.Field(k, v.Type.String(), valueText(v, o.MaxRowBytes))
		}
	}
	return ds.Sample(o)
}

// valueText renders a BSON value as a cell: strings as text, dates in RFC 3339, object
// ids in hex, anything else as relaxed extended JSON.
func valueText(v bson.RawValue, max int) string {
	switch v.Type {
	case bson.TypeString:
		s, _ := v.StringValueOK()
		return probekit.Cut(s, max)
	case bson.TypeObjectID:
		if id, ok := v.ObjectIDOK(); ok {
			return id.Hex()
		}
	case bson.TypeDateTime:
		if ms, ok := v.DateTimeOK(); ok {
			return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
		}
	case bson.TypeNull, bson.TypeUndefined:
		return ""
	case bson.TypeBinary:
		// Generic and user-defined binary holding text (a key stored as bytes) is that
		// text: base64 in extended JSON hides it from detection.
		if sub, data, ok := v.BinaryOK(); ok && (sub == 0x00 || sub == 0x80) && printableText(data) {
			return probekit.Cut(string(data), max)
		}
	case bson.TypeEmbeddedDocument, bson.TypeArray:
		// The driver renders nested values recursively: a hostile server's 8 MiB reply of
		// a million nested documents would overflow the goroutine stack, a fatal error
		// that ends the whole scan. MongoDB itself stores nothing deeper than 100 levels.
		if nestedDeeper(v, maxValueDepth) {
			return fmt.Sprintf("(a %s nested deeper than %d levels, not shown)", v.Type, maxValueDepth)
		}
		if hasTextBinary(v) {
			// Binary holding text below the top level is that text too: the rest is the
			// relaxed extended JSON the driver writes.
			var b strings.Builder
			nestedText(&b, v, max)
			return probekit.Cut(b.String(), max)
		}
	}
	return probekit.Cut(v.String(), max)
}

// textBinary returns the text a generic or user-defined binary value holds.
func textBinary(v bson.RawValue) (string, bool) {
	if v.Type != bson.TypeBinary {
		return "", false
	}
	sub, data, ok := v.BinaryOK()
	if !ok || sub != 0x00 && sub != 0x80 || !printableText(data) {
		return "", false
	}
	return string(data), true
}

// container returns a document's or an array's bytes (ok false for other values).
func container(v bson.RawValue) (doc bson.Raw, ok bool) {
	switch v.Type {
	case bson.TypeEmbeddedDocument:
		doc, _ = v.DocumentOK()
		return doc, true
	case bson.TypeArray:
		arr, _ := v.ArrayOK()
		return bson.Raw(arr), true
	}
	return nil, false
}

// elements are a document's or an array's values with their keys (nil for others).
func elements(v bson.RawValue) []bson.RawElement {
	doc, ok := container(v)
	if !ok {
		return nil
	}
	els, _ := doc.Elements()
	return els
}

// hasTextBinary reports whether a document or array (already known to be nested at
// most maxValueDepth levels) holds binary text anywhere.
func hasTextBinary(v bson.RawValue) bool {
	for _, e := range elements(v) {
		ev, err := e.ValueErr()
		if err != nil {
			continue
		}
		if _, ok := textBinary(ev); ok || hasTextBinary(ev) {
			return true
		}
	}
	return false
}

// nestedText writes a document or array as relaxed extended JSON with binary text as
// JSON strings, stopping once max bytes are written.
func nestedText(b *strings.Builder, v bson.RawValue, max int) {
	if s, ok := textBinary(v); ok {
		q, _ := json.Marshal(s)
		b.Write(q)
		return
	}
	if v.Type != bson.TypeEmbeddedDocument && v.Type != bson.TypeArray {
		b.WriteString(v.String())
		return
	}
	open, end := byte('{'), byte('}')
	if v.Type == bson.TypeArray {
		open, end = '[', ']'
	}
	b.WriteByte(open)
	for i, e := range elements(v) {
		if b.Len() > max {
			break
		}
		ev, err := e.ValueErr()
		if err != nil {
			break
		}
		if i > 0 {
			b.WriteByte(',')
		}
		if v.Type == bson.TypeEmbeddedDocument {
			k, _ := e.KeyErr()
			q, _ := json.Marshal(k)
			b.Write(q)
			b.WriteByte(':')
		}
		nestedText(b, ev, max)
	}
	b.WriteByte(end)
}

// printableText reports UTF-8 text without control characters other than blanks.
func printableText(b []byte) bool {
	if len(b) == 0 || !utf8.Valid(b) {
		return false
	}
	for _, r := range string(b) {
		if r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return false
		}
	}
	return true
}

// maxValueDepth bounds the nesting of a value rendered as a cell (MongoDB's own limit
// for stored documents is 100).
const maxValueDepth = 100

// nestedDeeper reports whether v holds documents or arrays nested more than left levels
// deep, recursing at most left levels.
func nestedDeeper(v bson.RawValue, left int) bool {
	doc, ok := container(v)
	if !ok {
		return false
	}
	if left <= 0 {
		return true
	}
	els, err := doc.Elements()
	if err != nil {
		return true
	}
	for _, e := range els {
		if ev, err := e.ValueErr(); err != nil || nestedDeeper(ev, left-1) {
			return true
		}
	}
	return false
}

// timeRange reads the span of the first date field, or, when documents have ObjectId
// ids, of their creation times through the _id index — one indexed lookup each way.
func timeRange(ctx context.Context, c *conn, ds *finding.Dataset) {
	field, byID := "", false
	for _, col := range ds.Columns {
		if col.Type == bson.TypeDateTime.String() {
			field = col.Name
			break
		}
	}
	if field == "" || ds.Rows > maxTimeRangeDocs {
		if len(ds.Columns) > 0 && ds.Columns[0].Name == "_id" && ds.Columns[0].Type == bson.TypeObjectID.String() {
			field, byID = "_id", true
		} else {
			return
		}
	}
	edge := func(dir int) string {
		cmd := bson.D{{Key: "find", Value: ds.Table}, {Key: "sort", Value: bson.D{{Key: field, Value: dir}}},
			{Key: "projection", Value: bson.D{{Key: field, Value: 1}}}, {Key: "limit", Value: 1},
			{Key: "singleBatch", Value: true}, {Key: "maxTimeMS", Value: maxTimeMS(c)}}
		if !byID {
			cmd = append(cmd[:1], append(bson.D{{Key: "filter", Value: bson.D{{Key: field, Value: bson.D{{Key: "$type", Value: 9}}}}}}, cmd[1:]...)...)
		}
		reply, err := c.run(ctx, ds.Database, cmd)
		if err != nil {
			return ""
		}
		docs, _, _ := firstBatch(reply)
		if len(docs) == 0 {
			return ""
		}
		v := docs[0].Lookup(field)
		if byID {
			if id, ok := v.ObjectIDOK(); ok {
				return id.Timestamp().UTC().Format(time.RFC3339)
			}
			return ""
		}
		if ms, ok := v.DateTimeOK(); ok {
			return time.UnixMilli(ms).UTC().Format(time.RFC3339Nano)
		}
		return ""
	}
	mn, mx := edge(1), edge(-1)
	if mn == "" && mx == "" {
		return
	}
	col := field
	if byID {
		col = "_id (ObjectId creation time)"
	}
	ds.TimeRange = &finding.TimeRange{Column: col, Min: mn, Max: mx}
}

func shortErr(err error) string { return probekit.FirstLine(err.Error(), 300) }
