package clickhouse

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// sampleTables reads up to opts.SampleRows rows of every readable, non-empty table,
// within the caps on row and table bytes.
func sampleTables(ctx context.Context, s *httpSession, o *store.Options, tables []*table) []store.Sample {
	var out []store.Sample
	for _, t := range tables {
		if ctx.Err() != nil {
			break
		}
		if t.reach == reachRemote && t.full != "" {
			if smp := engineLogin(t.Database, t.Table, t.full); smp != nil {
				if _, ok := probekit.Charge(o, smp.Rows[0], o.MaxRowBytes); ok {
					out = append(out, *smp)
				}
			}
		}
		if !t.readable() || t.Rows == 0 || len(t.Columns) == 0 || probekit.OutOfBudget(o, t.Dataset) {
			continue
		}
		smp, err := sampleTable(ctx, s, o, t.Dataset, t.stored(), t.tuples)
		if err != nil {
			if t.Error == "" {
				t.Error = "sample: " + shortErr(err)
			}
		}
		if smp != nil && len(smp.Rows) > 0 {
			t.Sampled = len(smp.Rows)
			out = append(out, *smp)
		}
	}
	return out
}

// engineArgNames names the positional arguments of the table engines whose definition
// carries a login, as ClickHouse's documentation of each engine names them.
var engineArgNames = map[string][]string{
	"MySQL":                  {"host_port", "database", "table", "user", "password"},
	"PostgreSQL":             {"host_port", "database", "table", "user", "password", "schema"},
	"MaterializedPostgreSQL": {"host_port", "database", "table", "user", "password"},
	"MongoDB":                {"host_port", "database", "collection", "user", "password", "options"},
	"ExternalDistributed":    {"engine", "host_port", "database", "table", "user", "password"},
	"S3":                     {"url", "access_key_id", "secret_access_key"},
	"COSN":                   {"url", "access_key_id", "secret_access_key"},
	"OSS":                    {"url", "access_key_id", "secret_access_key"},
	"GCS":                    {"url", "hmac_key", "hmac_secret"},
	"AzureBlobStorage":       {"connection_string", "container_name", "blobpath", "account_name", "account_key"},
}

// engineLogin is the login a table's engine definition keeps for the server it reaches
// (MySQL('h:3306', 'db', 't', 'user', 'password'), S3(url, key id, secret), and
// key = value overrides of a named collection), as one record of its arguments by
// their names, so that the password is found under "password": anyone who may read
// system.tables reads it (servers before 22.x show engine_full unmasked). Nil when the
// definition names no argument as a string.
func engineLogin(db, tbl, full string) *store.Sample {
	e := parseEngine(full)
	names := engineArgNames[e.name]
	smp := &store.Sample{Database: db, Table: tbl, Rows: [][]string{nil}}
	add := func(name, v string) {
		if v == "" || len(smp.Columns) >= maxEngineArgs {
			return
		}
		smp.Columns = append(smp.Columns, "engine."+probekit.CutName(name))
		smp.Rows[0] = append(smp.Rows[0], v)
	}
	for i, a := range e.args {
		switch {
		case !a.isStr:
		case a.key != "":
			add(a.key, a.str)
		case i < len(names):
			add(names[i], a.str)
		}
	}
	if len(smp.Columns) == 0 {
		return nil
	}
	return smp
}

// maxEngineArgs bounds the arguments kept of one engine definition.
const maxEngineArgs = 32

// isStringType is true for the types whose cells substring() can cut on the server.
func isStringType(t string) bool {
	for _, w := range []string{"LowCardinality(", "Nullable("} {
		if strings.HasPrefix(t, w) && strings.HasSuffix(t, ")") {
			t = t[len(w) : len(t)-1]
		}
	}
	return t == "String" || strings.HasPrefix(t, "FixedString(")
}

// sampleTable reads rows as JSONEachRow, one line a row, so that rows are parsed as
// they stream and no row can be larger than its cap in memory. String cells are cut on
// the server already; columns get positional aliases so that no name can collide.
// tuples names, by column, the elements of Tuple columns whose type was cut.
func sampleTable(ctx context.Context, s *httpSession, o *store.Options, t *finding.Dataset, stored []finding.Column, tuples map[string][]string) (*store.Sample, error) {
	if len(stored) == 0 {
		return nil, nil
	}
	exprs := make([]string, len(stored))
	var names []string
	shape := make([]cellShape, len(stored))
	for i, c := range stored {
		e := quoteIdent(c.Name)
		if isStringType(c.Type) {
			e = fmt.Sprintf("substring(%s, 1, %d)", e, o.MaxRowBytes)
		}
		exprs[i] = fmt.Sprintf("%s AS c%d", e, i)
		if shape[i].names = tupleElements(c.Type); shape[i].names == nil {
			shape[i].names = tuples[c.Name]
		}
		shape[i].at = len(names)
		switch {
		case shape[i].names == nil:
			names = append(names, c.Name)
		case tupleNamed(shape[i].names):
			shape[i].object = true
			names = append(names, c.Name)
		default:
			// An unnamed tuple's elements are values of the column, each under its name:
			// one cell for all of them would be read as a [name, value] pair.
			for range shape[i].names {
				names = append(names, c.Name)
			}
		}
	}
	q := fmt.Sprintf("SELECT %s FROM %s.%s LIMIT %d FORMAT JSONEachRow", strings.Join(exprs, ", "),
		quoteIdent(t.Database), quoteIdent(t.Table), o.SampleRows)
	resp, err := s.do(ctx, q, queryLimits{maxRows: o.SampleRows, maxBytes: int64(o.MaxSampleBytes) + int64(o.MaxRowBytes)})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	smp := &store.Sample{Database: t.Database, Table: t.Table, Columns: names}
	// A row's JSON is longer than its text (escapes, names): allow room for that.
	lineCap := 4*o.MaxRowBytes + 64*len(names) + 1024
	br := bufio.NewReaderSize(&capReader{r: resp.Body, n: o.MaxResponseBytes}, 64<<10)
	b := probekit.SampleBudget(o)
	for !b.Full() {
		line, cut, err := readLine(br, lineCap)
		line = bytes.TrimSpace(line)
		if len(line) > 0 && !cut {
			if bytes.HasPrefix(line, []byte("Code: ")) {
				return smp, parseHTTPException(line, "")
			}
			if bytes.Equal(line, []byte("__exception__")) {
				// 25.11+: the rest is the exception block, not rows.
				return smp, readExceptionBlock(br, resp.Header.Get("X-ClickHouse-Exception-Tag"))
			}
			if se := exceptionRow(line); se != nil {
				// http_write_exception_in_output_format: the last "row" is the error. Our
				// columns are aliased c0, c1, …, so no real row has an "exception" key.
				return smp, se
			}
			row, perr := decodeRow(line, shape, len(names), o.MaxRowBytes)
			if perr != nil {
				return smp, perr
			}
			if !b.Add(row) {
				break
			}
			smp.Rows = append(smp.Rows, row)
		}
		if err != nil {
			break // EOF, or the cap: what was read stands
		}
	}
	zipParallel(smp, stored, shape, o.MaxRowBytes)
	return smp, nil
}

// zipParallel adds, for each pair of parallel arrays that hold names and their values,
// one column of the pairs as a JSON object: {"smtp_password": "…"} under "settings".
// ClickHouse before Map (21.1) kept a map so: an Array(Tuple(String, String)) — stored
// by 18.16 as settings.1 and settings.2 — or a Nested column (attrs.name, attrs.value).
// Without the pairing each value would be read apart from the name that says what it is.
func zipParallel(smp *store.Sample, stored []finding.Column, shape []cellShape, max int) {
	type pair struct {
		name string
		k, v int // indexes in the sample's columns
	}
	var pairs []pair
	byName := map[string]int{}
	for i, c := range stored {
		if shape[i].names == nil && strings.HasPrefix(c.Type, "Array(") {
			byName[c.Name] = shape[i].at
		}
	}
	for _, c := range stored {
		prefix, sub, ok := cutLast(c.Name, ".")
		if !ok || prefix == "" {
			continue
		}
		for _, kv := range [][2]string{{"1", "2"}, {"name", "value"}, {"key", "value"}, {"names", "values"}, {"keys", "values"}, {"k", "v"}} {
			if !strings.EqualFold(sub, kv[0]) {
				continue
			}
			k, okK := byName[c.Name]
			v, okV := byName[prefix+"."+kv[1]]
			if okK && okV {
				pairs = append(pairs, pair{prefix, k, v})
			}
		}
	}
	if len(pairs) == 0 || len(pairs) > 16 {
		return
	}
	for _, p := range pairs {
		smp.Columns = append(smp.Columns, p.name)
		for r, row := range smp.Rows {
			cell := ""
			// At most 256 pairs: decoded whole, a hostile row's uncut arrays were
			// hundreds of thousands of elements.
			names, nn, err1 := probekit.DecodeListCounted[json.RawMessage]([]byte(row[p.k]), 256)
			values, nv, err2 := probekit.DecodeListCounted[json.RawMessage]([]byte(row[p.v]), 256)
			if err1 == nil && err2 == nil && nn == nv && nn <= 256 && json.Valid([]byte(row[p.k])) && json.Valid([]byte(row[p.v])) {
				obj := make(map[string]json.RawMessage, len(names))
				for j, n := range names {
					var name string
					if json.Unmarshal(n, &name) == nil && name != "" {
						obj[name] = values[j]
					}
				}
				if len(obj) > 0 {
					b, _ := json.Marshal(obj)
					cell = probekit.Cut(string(b), max)
				}
			}
			smp.Rows[r] = append(row, cell)
		}
	}
}

// cutLast splits s around the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// readExceptionBlock reads the rest of an __exception__ block from a sample stream.
func readExceptionBlock(br *bufio.Reader, tag string) error {
	block := []byte("__exception__\n")
	for i := 0; i < 64 && len(block) < 16<<10; i++ {
		line, _, err := readLine(br, 8<<10)
		block = append(block, line...)
		if bytes.Equal(bytes.TrimSpace(line), []byte("__exception__")) || err != nil {
			break
		}
	}
	if se := exceptionBlock(block, tag); se != nil {
		return se
	}
	return fmt.Errorf("%w: the server reported an error it did not finish writing", store.ErrProtocol)
}

// exceptionRow recognises {"exception": "Code: …"} in a JSONEachRow stream.
func exceptionRow(line []byte) *ServerError {
	if !bytes.HasPrefix(line, []byte(`{"exception"`)) {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(line, &m) != nil || len(m) != 1 {
		return nil
	}
	var msg string
	if json.Unmarshal(m["exception"], &msg) != nil {
		return nil
	}
	if se := parseHTTPException([]byte(msg), ""); se != nil {
		return se
	}
	return &ServerError{Name: "DB::Exception", Message: firstLine(msg)}
}

// cellShape is how a selected column's JSON becomes cells: one cell at index at, or,
// for a Tuple, its elements (names: the type's element names, "" for unnamed ones)
// as one object (named elements) or one cell each from at on (unnamed ones).
type cellShape struct {
	at     int
	names  []string
	object bool
}

// decodeRow reads {"c0":…,"c1":…} into n cells by position and shape. Cells not cut on
// the server (tuple elements) are cut to max bytes here. Only the members named after
// a column are decoded (a line of the sample's line cap can hold tens of thousands of
// others, which decoded whole into a map cost some 17 times the line), and of a tuple
// only as many elements as its type has.
func decodeRow(line []byte, shape []cellShape, n, max int) ([]string, error) {
	if !json.Valid(line) {
		var m map[string]json.RawMessage
		err := json.Unmarshal(line, &m) // the error's text
		return nil, fmt.Errorf("%w: JSONEachRow: %v", store.ErrProtocol, err)
	}
	cells := make([]json.RawMessage, len(shape))
	err := probekit.EachMember(line, func(name, value []byte) bool {
		if i, ok := columnIndex(name); ok && i < len(shape) {
			cells[i] = value
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("%w: JSONEachRow: %v", store.ErrProtocol, err)
	}
	row := make([]string, n)
	for i, sh := range shape {
		raw := cells[i]
		if raw == nil || sh.at >= n {
			continue
		}
		if sh.names == nil {
			row[sh.at] = cellText(raw)
			continue
		}
		elems, total, err := probekit.DecodeListCounted[json.RawMessage](raw, len(sh.names))
		if err != nil || total != len(sh.names) {
			// Not the array of the type's elements: a named tuple the server already
			// wrote as an object (output_format_json_named_tuples_as_objects), as it is.
			row[sh.at] = probekit.Cut(cellText(raw), max)
			continue
		}
		if sh.object {
			obj := make(map[string]json.RawMessage, len(elems))
			for j, name := range sh.names {
				obj[name] = elems[j]
			}
			b, _ := json.Marshal(obj)
			row[sh.at] = probekit.Cut(string(b), max)
			continue
		}
		for j, e := range elems {
			if sh.at+j < n {
				row[sh.at+j] = probekit.Cut(cellText(e), max)
			}
		}
	}
	return row, nil
}

// columnIndex reads the i of a column's alias, "c<i>" (no leading zero).
func columnIndex(name []byte) (int, bool) {
	if len(name) < 2 || len(name) > 8 || name[0] != 'c' || (name[1] == '0' && len(name) > 2) {
		return 0, false
	}
	i := 0
	for _, c := range name[1:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int(c-'0')
	}
	return i, true
}

// tupleElements returns the elements of a Tuple type as their names ("" for unnamed
// ones), or nil for any other type. Nullable and LowCardinality wrappers are looked
// through; a Tuple nested in another type (an Array of Tuples) is not a tuple cell.
func tupleElements(t string) []string {
	t = strings.TrimSpace(t)
	if !strings.HasPrefix(t, "Tuple(") || !strings.HasSuffix(t, ")") {
		return nil
	}
	inner := t[len("Tuple(") : len(t)-1]
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i <= len(inner); i++ {
		if i < len(inner) {
			c := inner[i]
			switch {
			case quote != 0:
				if c == '\\' {
					i++
				} else if c == quote {
					quote = 0
				}
				continue
			case c == '\'' || c == '`' || c == '"':
				quote = c
				continue
			case c == '(':
				depth++
				continue
			case c == ')':
				depth--
				continue
			case c != ',' || depth > 0:
				continue
			}
		}
		out = append(out, elementName(strings.TrimSpace(inner[start:i])))
		start = i + 1
		if len(out) > 64 {
			return nil // no table of ours needs more; a hostile type string gets no cells
		}
	}
	return out
}

// elementName is the name of a named tuple element ("password String", "`pass word`
// String"), "" for an unnamed one ("String", "Decimal(9, 2)").
func elementName(el string) string {
	name, rest := "", ""
	if strings.HasPrefix(el, "`") {
		end := strings.IndexByte(el[1:], '`')
		if end < 0 {
			return ""
		}
		name, rest = el[1:1+end], el[2+end:]
	} else {
		sp := strings.IndexByte(el, ' ')
		if sp <= 0 || strings.ContainsAny(el[:sp], "()'\"") {
			return ""
		}
		name, rest = el[:sp], el[sp:]
	}
	if name == "" || !strings.HasPrefix(rest, " ") || strings.TrimSpace(rest) == "" {
		return ""
	}
	return name
}

// tupleNamed reports whether every element of a tuple has a name.
func tupleNamed(names []string) bool {
	for _, n := range names {
		if n == "" {
			return false
		}
	}
	return len(names) > 0
}

// capReader stops after n bytes: no response, however streamed, is read past the cap.
type capReader struct {
	r interface{ Read([]byte) (int, error) }
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, fmt.Errorf("%w: response cap reached", store.ErrTooLarge)
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	k, err := c.r.Read(p)
	c.n -= int64(k)
	return k, err
}
