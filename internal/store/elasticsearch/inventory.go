package elasticsearch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// catIndicesPath lists indices as JSON with exact byte sizes (the _cat API, 5.x+; older
// releases answer in text and are read from _stats instead).
const catIndicesPath = "/_cat/indices?format=json&bytes=b&h=index,health,status,docs.count,store.size"

// explore lists indices, reads their fields, time ranges and samples, and checks what
// else the cluster exposes, within opts.InventoryTimeout. Partial results stay in res.
func explore(ctx context.Context, s *probekit.Session, o *store.Options, res *store.Result) error {
	ctx, cancel := context.WithTimeout(ctx, o.InventoryTimeout)
	defer cancel()
	svc := &res.Service
	indices, system, more, err := listIndices(ctx, s)
	if err != nil {
		return fmt.Errorf("inventory: %w", err)
	}
	if more {
		svc.Truncated = true
	}
	svc.Details["indices"] = strconv.Itoa(len(indices))
	if system > 0 {
		svc.Details["system_indices"] = strconv.Itoa(system)
	}
	if len(indices) > o.MaxTables {
		indices = indices[:o.MaxTables]
		svc.Truncated = true
	}
	// Cluster-level checks first: few, cheap requests that matter even when the
	// per-index part runs out of time.
	res.Findings = append(res.Findings, clusterFindings(ctx, s, res)...)

	for i := range indices {
		ds := &indices[i]
		if ctx.Err() != nil {
			svc.Truncated = true
			break
		}
		if ds.Engine == "close" || ds.Error == probekit.LongName {
			continue
		}
		if err := mapping(ctx, s, ds); err != nil {
			ds.Error = "mapping: " + shortErr(err)
		}
		if ds.Rows > 0 {
			timeRange(ctx, s, o, ds)
			if o.SampleRows > 0 && !probekit.OutOfBudget(o, ds) {
				if smp, err := sample(ctx, s, o, ds); err != nil {
					if ds.Error == "" {
						ds.Error = "sample: " + shortErr(err)
					}
				} else if smp != nil && len(smp.Rows) > 0 {
					ds.Sampled = len(smp.Rows)
					res.Samples = append(res.Samples, *smp)
				}
			}
		}
	}
	svc.Datasets = indices
	if ctx.Err() != nil {
		return probekit.Truncated(svc, o)
	}
	return nil
}

// catIndex is one row of _cat/indices: every value is text.
type catIndex struct {
	Index  string `json:"index"`
	Health string `json:"health"`
	Status string `json:"status"`
	Docs   string `json:"docs.count"`
	Size   string `json:"store.size"`
}

// maxCatIndices bounds the indices decoded from one _cat/indices answer. They are all
// needed to pick the largest, but a list of empty objects decodes to ~30 times its
// bytes (8 MiB of "{}," is 2.8 million rows); the largest real clusters hold tens of
// thousands of indices.
const maxCatIndices = 100_000

// indexDataset is a listed index, its name cut (and marked, never to be requested) past
// probekit.MaxNameBytes.
func indexDataset(name, status string, rows, bytes int64) finding.Dataset {
	ds := finding.Dataset{Table: name, Kind: "index", Engine: status, Rows: rows, Bytes: bytes}
	if len(name) > probekit.MaxNameBytes {
		ds.Table, ds.Error = probekit.Cut(name, probekit.MaxNameBytes)+"…", probekit.LongName
	}
	return ds
}

// listIndices returns the user indices, largest first, and how many system indices
// (names starting with a dot: .kibana, .security, .tasks, …) were left out; more is
// set when the listing held more than maxCatIndices (the rest are not read).
func listIndices(ctx context.Context, s *probekit.Session) (_ []finding.Dataset, system int, more bool, _ error) {
	r, err := s.Get(ctx, catIndicesPath, 0)
	if err != nil {
		return nil, 0, false, err
	}
	var rows []catIndex
	if r.Status == http.StatusOK {
		rows, more, err = probekit.DecodeList[catIndex](r.Body, maxCatIndices)
	}
	if r.Status != http.StatusOK || err != nil {
		return listFromStats(ctx, s)
	}
	ds, system, err := datasetsFromCat(rows)
	return ds, system, more, err
}

func datasetsFromCat(rows []catIndex) ([]finding.Dataset, int, error) {
	var out []finding.Dataset
	system := 0
	for _, c := range rows {
		if c.Index == "" {
			continue
		}
		if strings.HasPrefix(c.Index, ".") {
			system++
			continue
		}
		rows, _ := strconv.ParseInt(c.Docs, 10, 64)
		size, _ := strconv.ParseInt(c.Size, 10, 64)
		out = append(out, indexDataset(c.Index, c.Status, rows, size))
	}
	sortDatasets(out)
	return out, system, nil
}

func sortDatasets(ds []finding.Dataset) {
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Rows != ds[j].Rows {
			return ds[i].Rows > ds[j].Rows
		}
		return ds[i].Table < ds[j].Table
	})
}

// indexStats is the part of one index's entry in GET /_stats/docs,store we read (every
// release since 1.x).
type indexStats struct {
	Primaries struct {
		Docs struct {
			Count int64 `json:"count"`
		} `json:"docs"`
	} `json:"primaries"`
	Total struct {
		Store struct {
			Size int64 `json:"size_in_bytes"`
		} `json:"store"`
	} `json:"total"`
}

// listFromStats lists indices from _stats, at most maxCatIndices of them as _cat's
// listing is (more says the answer held others).
func listFromStats(ctx context.Context, s *probekit.Session) (_ []finding.Dataset, system int, more bool, _ error) {
	r, err := s.GetJSON(ctx, "/_stats/docs,store", nil)
	if err != nil {
		return nil, 0, false, err
	}
	indices, total, err := probekit.DecodeObject[indexStats](r.Body, []string{"indices"}, maxCatIndices)
	if err != nil {
		return nil, 0, false, err
	}
	var out []finding.Dataset
	for _, m := range indices {
		name, ix := m.Key, m.Value
		if strings.HasPrefix(name, ".") {
			system++
			continue
		}
		out = append(out, indexDataset(name, "open", ix.Primaries.Docs.Count, ix.Total.Store.Size))
	}
	sortDatasets(out)
	return out, system, total > len(indices), nil
}

// maxFields bounds the fields recorded per index: mappings with thousands of dynamic
// fields exist, and a report needs the first few.
const maxFields = 200

// mapping reads an index's fields and their types into ds.Columns, dotted for objects.
func mapping(ctx context.Context, s *probekit.Session, ds *finding.Dataset) error {
	r, err := s.Get(ctx, "/"+url.PathEscape(ds.Table)+"/_mapping", 0)
	if err != nil {
		return err
	}
	if r.Status != http.StatusOK {
		return &probekit.HTTPError{Method: "GET", Path: "/_mapping", Status: r.Status, Body: probekit.FirstLine(string(r.Body), 200)}
	}
	cols, err := parseMapping(r.Body)
	if err != nil {
		return err
	}
	ds.Columns = cols
	return nil
}

// parseMapping reads {"<index>": {"mappings": …}} where mappings holds "properties"
// (7.x+, OpenSearch) or one object per document type holding "properties" (before 7.0).
func parseMapping(body []byte) ([]finding.Column, error) {
	type indexMapping struct {
		Mappings json.RawMessage `json:"mappings"`
	}
	// Decoded a member at a time: a mapping is one index's (a few for an alias), and
	// no object in it holds more than maxMappingMembers members in a real cluster.
	top, _, err := probekit.DecodeObject[indexMapping](body, nil, maxMappingMembers)
	if err != nil {
		return nil, fmt.Errorf("%w: mapping: %v", store.ErrProtocol, err)
	}
	top = byKey(top)
	var cols []finding.Column
	for _, ix := range top {
		m := ix.Value.Mappings
		if len(m) == 0 || string(m) == "null" {
			continue
		}
		members, _, err := probekit.DecodeObject[json.RawMessage](m, nil, maxMappingMembers)
		if err != nil {
			continue
		}
		members = byKey(members)
		props, ok := member(members, "properties")
		if ok {
			flatten(props, "", &cols, 0)
			continue
		}
		for _, t := range members {
			var typ struct {
				Properties json.RawMessage `json:"properties"`
			}
			if json.Unmarshal(t.Value, &typ) == nil && typ.Properties != nil {
				flatten(typ.Properties, "", &cols, 0)
			}
		}
	}
	return cols, nil
}

// maxMappingMembers bounds the members read of any object of a mapping: Elasticsearch
// allows 1,000 fields in an index by default (index.mapping.total_fields.limit).
const maxMappingMembers = 10_000

// byKey sorts members by name, and keeps the last of members of the same name, as a map
// decoded from them would.
func byKey[T any](ms []probekit.Member[T]) []probekit.Member[T] {
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Key < ms[j].Key })
	out := ms[:0]
	for i, m := range ms {
		if i+1 < len(ms) && ms[i+1].Key == m.Key {
			continue
		}
		out = append(out, m)
	}
	return out
}

// member is the value of the member named key.
func member[T any](ms []probekit.Member[T], key string) (T, bool) {
	for _, m := range ms {
		if m.Key == key {
			return m.Value, true
		}
	}
	var zero T
	return zero, false
}

// flatten walks "properties" in name order, recording leaf fields as dotted names.
func flatten(props json.RawMessage, prefix string, cols *[]finding.Column, depth int) {
	if depth > 20 || len(*cols) >= maxFields {
		return
	}
	type field struct {
		Type       string          `json:"type"`
		Properties json.RawMessage `json:"properties"`
	}
	fields, _, err := probekit.DecodeObject[field](props, nil, maxMappingMembers)
	if err != nil {
		return
	}
	for _, m := range byKey(fields) {
		if len(*cols) >= maxFields {
			return
		}
		n, f := m.Key, m.Value
		full := prefix + n
		if f.Properties != nil && (f.Type == "" || f.Type == "object" || f.Type == "nested") {
			flatten(f.Properties, full+".", cols, depth+1)
			continue
		}
		typ := f.Type
		if typ == "" {
			typ = "object"
		}
		*cols = append(*cols, finding.Column{Name: full, Type: typ})
	}
}

func isDateType(t string) bool { return t == "date" || t == "date_nanos" }

// maxTimeRangeDocs bounds the indices whose time range is aggregated.
const maxTimeRangeDocs = 1_000_000_000

// timeRange aggregates min and max of the first date field: size=0, a server-side
// timeout, and no request cache so that nothing is stored on the cluster.
func timeRange(ctx context.Context, s *probekit.Session, o *store.Options, ds *finding.Dataset) {
	if ds.Rows > maxTimeRangeDocs {
		return
	}
	field := ""
	for _, c := range ds.Columns {
		if isDateType(c.Type) {
			field = c.Name
			break
		}
	}
	if field == "" {
		return
	}
	body, _ := json.Marshal(map[string]any{
		"size": 0,
		"aggs": map[string]any{
			"lw_min": map[string]any{"min": map[string]string{"field": field}},
			"lw_max": map[string]any{"max": map[string]string{"field": field}},
		},
	})
	// Only the two aggregations asked for are decoded: a map of every member the
	// answer holds was 800,000 entries for 8 MiB of empty ones, for each index.
	path := "/" + url.PathEscape(ds.Table) + "/_search?size=0&request_cache=false&timeout=" + serverTimeout(o)
	r, err := s.DoJSON(ctx, http.MethodPost, path, body, nil)
	var aggs []byte
	if err == nil {
		aggs, _, err = probekit.ObjectMember(r.Body, "aggregations")
	}
	if err != nil {
		if ds.Error == "" {
			ds.Error = "time range: " + shortErr(err)
		}
		return
	}
	text := func(k string) string {
		if aggs == nil {
			return ""
		}
		raw, ok, err := probekit.ObjectMember(aggs, k)
		if err != nil || !ok {
			return ""
		}
		var a struct {
			Value         *float64 `json:"value"`
			ValueAsString string   `json:"value_as_string"`
		}
		switch {
		case json.Unmarshal(raw, &a) != nil:
			return ""
		case a.ValueAsString != "":
			return a.ValueAsString
		case a.Value != nil:
			return time.UnixMilli(int64(*a.Value)).UTC().Format(time.RFC3339)
		}
		return ""
	}
	if mn, mx := text("lw_min"), text("lw_max"); mn != "" || mx != "" {
		ds.TimeRange = &finding.TimeRange{Column: field, Min: mn, Max: mx}
	}
}

// serverTimeout is the search timeout sent to the cluster: shorter than ours, so it
// answers with partial results rather than making us wait.
func serverTimeout(o *store.Options) string {
	d := o.IOTimeout / 2
	if d < time.Second {
		d = time.Second
	}
	return strconv.Itoa(int(d/time.Millisecond)) + "ms"
}

// sample reads up to opts.SampleRows documents. Columns are _id and the top-level source
// fields in order of first appearance; nested values are JSON.
func sample(ctx context.Context, s *probekit.Session, o *store.Options, ds *finding.Dataset) (*store.Sample, error) {
	n := o.SampleRows
	var hits []hit
	for {
		path := fmt.Sprintf("/%s/_search?size=%d&timeout=%s", url.PathEscape(ds.Table), n, serverTimeout(o))
		r, err := s.GetJSON(ctx, path, nil)
		if errors.Is(err, store.ErrTooLarge) && n > 1 {
			n = max(1, n/10) // a few huge documents: ask for fewer
			continue
		}
		if err != nil {
			return nil, err
		}
		// Only the hits asked for are decoded (a server may send more: 8 MiB of
		// empty ones decoded whole were 2.8 million, each parsed for fields).
		if hits, err = decodeHits(r.Body, n); err != nil {
			return nil, fmt.Errorf("GET %s: %w", path, err)
		}
		break
	}
	return hitsToSample(ds.Table, hits, o), nil
}

// decodeHits decodes up to n of a search answer's hits.hits.
func decodeHits(body []byte, n int) ([]hit, error) {
	outer, ok, err := probekit.ObjectMember(body, "hits")
	if err != nil || !ok {
		return nil, err
	}
	list, ok, err := probekit.ObjectMember(outer, "hits")
	if err != nil || !ok {
		return nil, err
	}
	hits, _, err := probekit.DecodeListCounted[hit](list, n)
	return hits, err
}

type hit struct {
	ID     string          `json:"_id"`
	Source json.RawMessage `json:"_source"`
}

func hitsToSample(index string, hits []hit, o *store.Options) *store.Sample {
	smp := &store.Sample{Table: index, Columns: []string{"_id"}}
	pos := map[string]int{}
	parsed := make([][]probekit.Field, 0, len(hits))
	for _, h := range hits {
		fields, _ := probekit.Fields(h.Source)
		for _, f := range fields {
			if _, ok := pos[f.Key]; !ok && len(smp.Columns) < maxFields+1 {
				pos[f.Key] = len(smp.Columns)
				smp.Columns = append(smp.Columns, f.Key)
			}
		}
		parsed = append(parsed, fields)
	}
	b := probekit.SampleBudget(o)
	for i, h := range hits {
		row := make([]string, len(smp.Columns))
		row[0] = h.ID
		for _, f := range parsed[i] {
			if j, ok := pos[f.Key]; ok {
				row[j] = probekit.JSONCell(f.Value)
			}
		}
		if !b.Add(row) {
			break
		}
		smp.Rows = append(smp.Rows, row)
	}
	return smp
}

func shortErr(err error) string { return probekit.FirstLine(err.Error(), 300) }
