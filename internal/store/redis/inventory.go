package redis

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// KeyColumn is the first column of every Redis sample: the sampled key names.
const KeyColumn = probekit.KeyColumn

// A Redis database is a dataset and its keys are its rows. A sample is laid out with
// one column per sampled key, named after it, holding the key's elements one per row
// (a string's value, a list's items, a set's or sorted set's members, a stream's
// entries as JSON): so a secret or a chat history is reported at "db0.<key>", and the
// chat classifier sees a list of messages as one column. A hash is one record, not a
// list: its fields are one JSON object in one cell (renderHash), so that they are read
// together like a row's columns — a provider's name beside its key, a credential under
// a plain name beside a field whose name alone says less (the name/value of a setting).

// inventory lists the databases from INFO keyspace and samples their keys.
func inventory(ctx context.Context, c *client, o *store.Options, res *store.Result, in info) error {
	svc := &res.Service
	dbs := in.keyspace
	if len(dbs) == 0 && len(in.fields) == 0 {
		// INFO was refused: DBSIZE still counts the current database.
		if r, err := c.do(ctx, "DBSIZE"); err == nil && r.kind == ':' && r.n > 0 {
			dbs = []dbStats{{index: 0, keys: r.n}}
		}
	}
	if len(dbs) > o.MaxDatabases {
		dbs = dbs[:o.MaxDatabases]
		svc.Truncated = true
	}
	for _, d := range dbs {
		svc.Datasets = append(svc.Datasets, finding.Dataset{Table: d.name(), Kind: "keyspace", Rows: d.keys})
		if d.expires > 0 {
			svc.Details[d.name()+"_expires"] = strconv.FormatInt(d.expires, 10)
		}
	}
	if o.SampleRows == 0 {
		return nil
	}
	cluster := svc.Details["redis_mode"] == "cluster"
	for i, d := range dbs {
		if ctx.Err() != nil {
			svc.Truncated = true
			return nil
		}
		if d.keys == 0 || (cluster && d.index != 0) || probekit.OutOfBudget(o, &svc.Datasets[i]) {
			continue
		}
		smp, err := sampleDB(ctx, c, o, d, &svc.Datasets[i])
		if smp != nil && len(smp.Rows) > 0 {
			res.Samples = append(res.Samples, *smp)
		}
		if err != nil {
			svc.Datasets[i].Error = "sample: " + probekit.Printable([]byte(err.Error()), 200)
			if asServerError(err) == nil {
				// The connection may be out of step with its replies: stop here.
				return fmt.Errorf("sampling %s: %w", d.name(), err)
			}
		}
	}
	return nil
}

// maxScanCalls bounds the SCAN round trips spent finding key names per database, and
// maxNamePool the names collected to choose from.
const (
	maxScanCalls = 32
	maxNamePool  = 5000
)

func sampleDB(ctx context.Context, c *client, o *store.Options, d dbStats, ds *finding.Dataset) (*store.Sample, error) {
	if _, err := c.do(ctx, "SELECT", strconv.Itoa(d.index)); err != nil {
		return nil, err
	}
	want := o.SampleRows
	names, err := scanKeys(ctx, c, want, maxNamePool)
	if len(names) == 0 {
		return nil, err
	}
	keys := probekit.PickKeys(names, want)
	ds.Patterns, ds.KeysListed = probekit.Patterns(names, keys)
	var cols [][]string
	var colKeys []string
	total := 0
	for start := 0; start < len(keys); start += pipelineKeys {
		if ctx.Err() != nil || total >= o.MaxSampleBytes || o.Samples.Spent() {
			break
		}
		batch := keys[start:min(start+pipelineKeys, len(keys))]
		vals, err := readKeys(ctx, c, o, batch)
		for i, v := range vals {
			if v == nil {
				continue
			}
			n, ok := probekit.Charge(o, v, min(o.MaxRowBytes, o.MaxSampleBytes-total))
			if !ok {
				break
			}
			total += n
			colKeys = append(colKeys, batch[i])
			cols = append(cols, v)
		}
		if err != nil {
			return probekit.KeySample(o.Samples, "", d.name(), keys, colKeys, cols, o.MaxRowBytes), err
		}
	}
	return probekit.KeySample(o.Samples, "", d.name(), keys, colKeys, cols, o.MaxRowBytes), nil
}

// pipelineKeys is how many keys are read per pipeline: few enough that one oversized
// value costs little, many enough that a distant server is not read one round trip at a
// time.
const pipelineKeys = 8

// scanKeys collects up to pool distinct key names with SCAN (never KEYS), within
// maxScanCalls round trips. Servers older than SCAN (2.8) are asked RANDOMKEY.
func scanKeys(ctx context.Context, c *client, want, pool int) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	cursor := "0"
	count := strconv.Itoa(min(pool, 1000))
	for calls := 0; calls < maxScanCalls && len(out) < pool; calls++ {
		r, err := c.do(ctx, "SCAN", cursor, "COUNT", count)
		if se := asServerError(err); se != nil && se.IsUnknownCommand() && calls == 0 {
			return randomKeys(ctx, c, want)
		}
		if err != nil {
			return out, err
		}
		if r.kind != '*' || len(r.elems) != 2 || r.elems[0].kind != '$' || r.elems[1].kind != '*' {
			return out, fmt.Errorf("%w: SCAN reply is not [cursor, keys]", store.ErrProtocol)
		}
		for _, k := range r.elems[1].elems {
			// A name cut by the reader's cap could not be asked for again.
			if k.kind != '$' || k.null || k.cut || seen[k.str] {
				continue
			}
			seen[k.str] = true
			out = append(out, k.str)
		}
		cursor = r.elems[0].str
		if cursor == "0" {
			break
		}
	}
	return out, nil
}

func randomKeys(ctx context.Context, c *client, want int) ([]string, error) {
	cmds := make([][]string, want)
	for i := range cmds {
		cmds[i] = []string{"RANDOMKEY"}
	}
	rs, err := c.pipeline(ctx, cmds)
	seen := map[string]bool{}
	var out []string
	for _, r := range rs {
		if r.kind == '$' && !r.null && !r.cut && !seen[r.str] {
			seen[r.str] = true
			out = append(out, r.str)
		}
	}
	return out, err
}

// readKeys learns each key's type, then reads a bounded part of its value. A nil entry
// is a key that vanished or whose type is not readable (module types).
func readKeys(ctx context.Context, c *client, o *store.Options, keys []string) ([][]string, error) {
	cmds := make([][]string, len(keys))
	for i, k := range keys {
		cmds[i] = []string{"TYPE", k}
	}
	types, err := c.pipeline(ctx, cmds)
	if err != nil {
		return nil, err
	}
	n := strconv.Itoa(o.SampleRows)
	var valueCmds [][]string
	var idx []int
	kinds := make([]string, len(keys))
	for i, t := range types {
		kinds[i] = t.text()
		var cmd []string
		switch kinds[i] {
		case "string":
			cmd = []string{"GETRANGE", keys[i], "0", strconv.Itoa(o.MaxRowBytes - 1)}
		case "hash":
			cmd = []string{"HSCAN", keys[i], "0", "COUNT", strconv.Itoa(max(o.SampleRows, maxHashFields))}
		case "set":
			cmd = []string{"SSCAN", keys[i], "0", "COUNT", n}
		case "zset":
			cmd = []string{"ZSCAN", keys[i], "0", "COUNT", n}
		case "list":
			cmd = []string{"LRANGE", keys[i], "0", strconv.Itoa(o.SampleRows - 1)}
		case "stream":
			cmd = []string{"XRANGE", keys[i], "-", "+", "COUNT", n}
		default:
			continue
		}
		valueCmds = append(valueCmds, cmd)
		idx = append(idx, i)
	}
	out := make([][]string, len(keys))
	if len(valueCmds) == 0 {
		return out, nil
	}
	vals, err := c.pipeline(ctx, valueCmds)
	for j, r := range vals {
		i := idx[j]
		if r.isError() {
			continue
		}
		out[i] = render(kinds[i], r, o.SampleRows, o.MaxRowBytes)
	}
	return out, err
}

// maxHashFields is the fields of a hash read (one HSCAN page asked for that many: a
// small hash, kept compact by the server, answers whole): a hash's fields are the
// columns of one record, which a row of a table gives whole too.
const maxHashFields = 256

// render turns a value reply into at most limit cells; a hash's fields into one
// object of at most maxBytes (renderHash).
func render(kind string, r reply, limit, maxBytes int) []string {
	var out []string
	switch kind {
	case "string":
		if r.kind == '$' && !r.null {
			out = append(out, r.str)
		}
	case "list":
		for _, e := range r.elems {
			out = append(out, e.text())
		}
	case "hash", "set", "zset":
		// *SCAN replies are [cursor, [elements]]; hashes pair fields with values, sorted
		// sets members with scores.
		if len(r.elems) != 2 {
			return nil
		}
		el := r.elems[1].elems
		switch kind {
		case "hash":
			if h := renderHash(el, maxBytes); h != "" {
				out = append(out, h)
			}
		case "zset":
			for i := 0; i+1 < len(el); i += 2 {
				out = append(out, el[i].text())
			}
		default:
			for _, e := range el {
				out = append(out, e.text())
			}
		}
	case "stream":
		for _, entry := range r.elems {
			if len(entry.elems) != 2 {
				continue
			}
			pairs := [][2]string{{"id", entry.elems[0].text()}}
			fv := entry.elems[1].elems
			for i := 0; i+1 < len(fv); i += 2 {
				pairs = append(pairs, [2]string{fv[i].text(), fv[i+1].text()})
			}
			out = append(out, jsonObject(pairs))
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// renderHash writes a hash's fields and values (HSCAN's flat list) as one JSON object
// of at most maxBytes: fields are added while they fit, so that the object stays a
// document the detectors can read, whole fields rather than a cut one; a first field
// longer than that alone is kept with its value cut.
func renderHash(el []reply, maxBytes int) string {
	var pairs [][2]string
	size := 2
	for i := 0; i+1 < len(el) && len(pairs) < maxHashFields; i += 2 {
		p := [2]string{el[i].text(), el[i+1].text()}
		n := len(jsonObject([][2]string{p})) - 1 // with its comma
		if size+n > maxBytes {
			if len(pairs) == 0 {
				p[1] = probekit.Cut(p[1], max(0, maxBytes-n+len(p[1])-1))
				pairs = append(pairs, p)
			}
			break
		}
		size += n
		pairs = append(pairs, p)
	}
	if len(pairs) == 0 {
		return ""
	}
	return jsonObject(pairs)
}

// jsonObject writes pairs as a JSON object in order, without HTML escaping, so the
// detectors see field names next to values as they would in an application's JSON.
func jsonObject(pairs [][2]string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		_ = enc.Encode(p[0])
		b.Truncate(b.Len() - 1) // Encode's newline
		b.WriteByte(':')
		_ = enc.Encode(p[1])
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.String()
}
