package detect

import (
	"bytes"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/finding"
)

// Detection over records. A value stored under a name — a table column, a JSON or BSON
// path, a Redis hash field, a key in a configuration file, a CSV header — is read as if
// the text said "name = value": the name is the key the rules look at, so a 40-character
// string in an `aws_secret_access_key` column is an AWS secret although the cell holds
// nothing but the string. Names of sibling fields and their short values are context for
// the whole record (a `provider` column saying "qwen" names the provider of the key in
// the `api_key` column), like words on the same line of a log.

// Field is one value of a record and the name it is stored under.
type Field struct {
	// Path names the value: a column ("password"), a path into a document
	// ("settings.aws.secret"), a hash field or a key name. Empty when the value has no
	// name (it is then scanned as plain text).
	Path  string
	Value string
	// Format hints how to parse the value ("json", "yaml", "env", "xml", "csv", a file
	// name such as "backup/.env"); empty means sniff it from the content.
	Format string
	// Apart says the field is no part of one record with the others: a key-value
	// store's sample row holds an element of each of several keys. Fields of a row
	// with one such field do not corroborate one another (corroboratedValue).
	Apart bool
}

// FieldMatch is a match in one field of a record. Start and End are offsets in the
// field's Value.
type FieldMatch struct {
	Match
	Field int // index of the field in the record
	// Path is where in the field the value sits: the field's Path, or a longer path when
	// the field holds a document ("settings.aws.secret").
	Path string
}

// maxFieldValue bounds the value a field rule considers whole: longer values are text
// to scan, not one secret.
const maxFieldValue = 1024

// maxRecordContext bounds the sibling values read for context words: a short value
// ("qwen", "deepseek-chat") says what the record is about, a long one is content.
const maxRecordContext = 128

// fieldSpan is a value at [vs, ve) of the scanned data stored under a name. What its
// name says (pathInfo) is worked out when asked (scanner.info), not kept a field.
type fieldSpan struct {
	path string
	// the value's offsets in the text (a text with fields is under 2 GiB: setFields)
	vs, ve int32
	parent int32 // index of the span holding this one, -1 for none
	quote  byte  // '"': a JSON string (escapes apply); fieldRaw: the bytes as they are
}

// pathInfo is what a path says, worked out once per distinct path while it is cached
// (scanner.info): a JSON log repeats the same few dozen paths on every line.
type pathInfo struct {
	path    string // as given, for reports
	norm    []byte // lower-case words of the path joined by '_'
	squash  []byte // lower-case letters and digits of the path without separators
	near    []int
	cands   []*kvSpec
	own     []byte // ownName's words, when the path has more parts than two
	abbrev  abbrevKind
	held    bool // named by its holder (heldName): its value must look generated or be a policy password
	userMap bool // held by a map of users to passwords (userMapHolder): its value must be userMapValue
	// cursor: a store's field named as a cursor ("syncToken"), read as "token" for a
	// typed password only (personPassword)
	cursor bool
	letter bool // a store's field named by a letter before "key" (letterKey)
}

// fieldRaw marks a value that is taken as it is: no quotes, no escapes, never program code.
const fieldRaw = 1

// ScanRecord scans every field of a record with the fields' names as context. fn is
// called for each match, field by field.
func (e *Engine) ScanRecord(rec []Field, fn func(FieldMatch)) {
	// A form in a field is a record of its own (formfield.go).
	var forms [][]formPair
	for i, f := range rec {
		if f.Format != "" {
			continue
		}
		if pairs, ok := formPairs([]byte(f.Value)); ok {
			if forms == nil {
				forms = make([][]formPair, len(rec))
			}
			forms[i] = pairs
		}
	}
	var ctx []bool
	if e.near != nil {
		for i, f := range rec {
			ctx = e.contextWords(ctx, []byte(f.Path))
			if len(f.Value) <= maxRecordContext {
				ctx = e.contextWords(ctx, []byte(f.Value))
			}
			if forms != nil {
				for _, p := range forms[i] {
					ctx = e.contextWords(ctx, []byte(p.name))
					if len(p.value) <= maxRecordContext {
						ctx = e.contextWords(ctx, []byte(p.value))
					}
				}
			}
		}
	}
	// A name/value table (name='aws_secret_access_key', value='…') stores the value
	// under the name held by its sibling.
	nameOf := -1
	for i, f := range rec {
		// (a name column known by its words takes names, not sentences: "Q3 report"
		// beside its "content" names no setting)
		if nameKey(f.Path) && len(f.Value) > 0 && len(f.Value) <= maxKeyLen &&
			(commonNameKey(f.Path) || !strings.ContainsAny(f.Value, " \t\n")) {
			nameOf = i
			break
		}
	}
	// A field under an ambiguous name is read again, corroborated, when another field
	// gave a credential under a plain name (corroboratedValue); what it gave the first
	// time is not given twice.
	var later []int
	var given map[FieldMatch]bool
	plain := false
	for i, f := range rec {
		if f.Value == "" {
			continue
		}
		if nameOf >= 0 && valueKey(f.Path) {
			f.Path = rec[nameOf].Value
		}
		amb := len(f.Value) <= maxFieldValue && e.ambiguousName(f.Path)
		if amb {
			later = append(later, i)
		}
		e.scanField(i, f.Path, []byte(f.Value), f.Format, ctx, 0, false, func(m FieldMatch) {
			if !plain && m.Rule.Category == finding.Secret && !e.ambiguousName(m.Path) {
				plain = true
			}
			if amb {
				if given == nil {
					given = map[FieldMatch]bool{}
				}
				given[m] = true
			}
			fn(m)
		})
	}
	if plain && !slices.ContainsFunc(rec, func(f Field) bool { return f.Apart }) {
		for _, i := range later {
			f := rec[i]
			if nameOf >= 0 && valueKey(f.Path) {
				f.Path = rec[nameOf].Value
			}
			e.scanField(i, f.Path, []byte(f.Value), f.Format, ctx, 0, true, func(m FieldMatch) {
				if !given[m] {
					fn(m)
				}
			})
		}
	}
}

// maxInnerDepth bounds how deep records held inside a field's value (a form, a base64
// document) are opened: a form in a base64 document in a cell is two levels.
const maxInnerDepth = 3

// scanField scans the value of field i stored under path. A value that is a record
// held in an encoding — a form, or a document in base64 — is read as that record: its
// names are the paths of its values (innerRecord).
func (e *Engine) scanField(i int, path string, data []byte, format string, ctx []bool, depth int, corrob bool, fn func(FieldMatch)) {
	if format == "" && depth < maxInnerDepth {
		if r, ok := innerRecord(data); ok {
			e.scanInner(i, path, r, 0, len(data), ctx, depth, corrob, fn)
			return
		}
	}
	spans := Structure(format, data)
	// A document's string that holds a record is read as the record: its bytes are
	// blanked in a copy of the value, so that its raw text is not read twice.
	type inner struct {
		path       string
		r          innerRec
		start, end int
	}
	var inners []inner
	for k, s := range spans {
		if depth >= maxInnerDepth || s.Raw || s.End-s.Start < 5 || s.Start < 0 || s.End > len(data) {
			continue
		}
		if r, ok := innerRecord(data[s.Start:s.End]); ok {
			if inners == nil {
				data = bytes.Clone(data)
			}
			inners = append(inners, inner{spans[k].Path, r, s.Start, s.End})
			for j := s.Start; j < s.End; j++ {
				data[j] = ' '
			}
		}
	}
	if path != "" {
		for k := range spans {
			spans[k].Path = joinPath(path, spans[k].Path)
		}
		// An array's elements are each a value stored under the field's name (a
		// column of type text[] or Array(String), a list in a document): the array's
		// text as a whole is none. Nor is an object's, whose members are each read
		// under their paths (a sub-document a sampler hands over as JSON text).
		if !jsonArray(data, spans) && !jsonObject(data, spans) {
			spans = append(spans, Span{Path: path, Start: 0, End: len(data), Raw: true})
		}
	}
	e.scanSpans(data, spans, ctx, true, corrob, func(m Match, p string) {
		if p == "" {
			p = path
		}
		fn(FieldMatch{Match: m, Field: i, Path: p})
	})
	for _, in := range inners {
		e.scanInner(i, joinPath(path, in.path), in.r, in.start, in.end, ctx, depth, corrob, fn)
	}
}

// jsonArray reports a value that is a JSON array, whole, whose elements were read into
// spans (not text that starts and ends with brackets).
func jsonArray(data []byte, spans []Span) bool {
	t := bytes.TrimSpace(data)
	return len(spans) > 0 && len(t) >= 2 && t[0] == '[' && t[len(t)-1] == ']' && json.Valid(t)
}

// jsonObject reports a value that is a JSON object, whole, whose members were read
// into spans.
func jsonObject(data []byte, spans []Span) bool {
	t := bytes.TrimSpace(data)
	return len(spans) > 0 && len(t) >= 2 && t[0] == '{' && t[len(t)-1] == '}' && json.Valid(t)
}

// innerRec is a record held in one value: a form's pairs, or a decoded document.
type innerRec struct {
	pairs []formPair
	doc   []byte
}

// innerRecord reads v as a form, or as base64 of a structured document (JSON, YAML,
// XML, "key=value" lines).
func innerRecord(v []byte) (innerRec, bool) {
	if pairs, ok := formPairs(v); ok {
		return innerRec{pairs: pairs}, true
	}
	if len(v) < 24 || len(v) > maxWrapped {
		return innerRec{}, false
	}
	if dec := decodeB64Text(v); dec != nil && sniff(dec) != "" {
		return innerRec{doc: dec}, true
	}
	return innerRec{}, false
}

// scanInner scans the record r held at [start, end) of field i's value below path. A
// form's match is placed on the raw value it was decoded from; a base64 document's on
// the characters that encode it (b64Span).
func (e *Engine) scanInner(i int, path string, r innerRec, start, end int, ctx []bool, depth int, corrob bool, fn func(FieldMatch)) {
	if r.doc != nil {
		var ms []FieldMatch
		secrets := 0
		e.scanField(i, path, r.doc, "", ctx, depth+1, corrob, func(m FieldMatch) {
			ms = append(ms, m)
			if m.Rule.Category == finding.Secret {
				secrets++
			}
		})
		for _, m := range ms {
			m.Start, m.End = b64Span(start, end, m.Start, m.End, secrets)
			fn(m)
		}
		return
	}
	for _, p := range r.pairs {
		if p.value == "" {
			continue
		}
		e.scanField(i, joinPath(path, formName(p.name)), []byte(p.value), "", ctx, depth+1, corrob, func(m FieldMatch) {
			if p.ve-p.vs == len(p.value) {
				m.Start, m.End = start+p.vs+m.Start, start+p.vs+m.End
			} else {
				m.Start, m.End = start+p.vs, start+p.ve
			}
			fn(m)
		})
	}
}

// ScanFields scans data like Scan, reading each span as a value stored under its path.
// fn gets the path of the innermost span holding the match ("" when none does).
func (e *Engine) ScanFields(data []byte, spans []Span, fn func(m Match, path string)) {
	e.scanSpans(data, spans, nil, false, false, fn)
}

func joinPath(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// contextWords marks in ctx (indexed by context word) the words that occur in text.
func (e *Engine) contextWords(ctx []bool, text []byte) []bool {
	if len(text) == 0 {
		return ctx
	}
	e.ac.run(text, func(pat int32, end int) {
		at := end - e.ac.patLen[pat]
		for _, t := range e.dispatch[pat] {
			if t.di != e.nearDI {
				continue
			}
			if hasPrefixFold(text, at, e.near.words[t.tag]) {
				if ctx == nil {
					ctx = make([]bool, len(e.near.words))
				}
				ctx[t.tag] = true
			}
		}
	})
	return ctx
}

// normPath splits a path into lower-case words — at separators, dots and camelCase
// humps — and joins them with '_': "settings.aws.secretAccessKey" becomes
// "settings_aws_secret_access_key", "x-api-key" "x_api_key". Letters outside ASCII are
// kept ("密钥"). squash is the same without separators.
func normPath(path string) (norm, squash []byte) {
	// DynamoDB's JSON types every attribute's value ({"pw": {"S": "…"}}): the value is
	// the attribute's, not a field named "S"'s
	path = strings.TrimSuffix(path, ".S")
	norm = make([]byte, 0, len(path)+8)
	squash = make([]byte, 0, len(path))
	sep := false
	for i := 0; i < len(path); {
		c := path[i]
		if c >= 0x80 {
			_, n := utf8.DecodeRuneInString(path[i:])
			if sep && len(norm) > 0 {
				norm = append(norm, '_')
			}
			sep = false
			norm = append(norm, path[i:i+n]...)
			squash = append(squash, path[i:i+n]...)
			i += n
			continue
		}
		if !is(c, cAlnum) {
			sep = true
			i++
			continue
		}
		if isUpper(c) && i > 0 && (is(path[i-1], cLower) || i+1 < len(path) && is(path[i+1], cLower) && isUpper(path[i-1])) {
			sep = true
		}
		if sep && len(norm) > 0 {
			norm = append(norm, '_')
		}
		sep = false
		norm = append(norm, lowerASCII(c))
		squash = append(squash, lowerASCII(c))
		i++
	}
	return norm, squash
}

// scanSpans is Scan with field spans: the spans' paths are keys for the values at them,
// ctx marks context words of the record.
// rec says the spans are a store's record, whose fields' names may be abbreviated
// (fieldAbbrev).
//
// corrob says the record holds a credential under a plain name, outside these spans
// (ScanRecord): the fields under ambiguous names take corroboratedValue.
func (e *Engine) scanSpans(data []byte, spans []Span, ctx []bool, rec, corrob bool, fn func(Match, string)) {
	if len(data) == 0 {
		return
	}
	sc := e.pool.Get().(*scanner)
	sc.reset(data)
	sc.ctx = ctx
	sc.setFields(spans, rec)
	sc.corrob = rec && corrob
	sc.pass()
	sc.evalFields()
	if !rec {
		sc.unnamedFields()
	}
	sc.base64Fields()
	sc.conclude()
	for _, m := range sc.ms {
		path := ""
		if f := sc.fieldAt(m.start, m.end); f != nil {
			path = f.path
		}
		fn(Match{Rule: m.r, Start: m.start, End: m.end, Value: sc.handOut(m.value)}, path)
	}
	sc.dropMatches()
	sc.data = nil
	sc.ctx = nil
	sc.corrob = false
	if cap(sc.fields) > scratchKeep {
		sc.fields = nil // (a file of 400k lines had the pool keep 17 MB of them)
	} else {
		clear(sc.fields[:cap(sc.fields)]) // (their paths may share the text: structure)
		sc.fields = sc.fields[:0]
	}
	if len(sc.infos) > 256 {
		sc.infos = nil // (clearing a large map costs its size, scan after scan of small records)
	} else {
		clear(sc.infos)
	}
	e.pool.Put(sc)
}

// setFields sets the fields of the scan to the valid spans, sorted, each with its
// parent; rec says they are a store's record.
func (sc *scanner) setFields(spans []Span, rec bool) {
	data := sc.data
	sc.infoRec = rec
	if len(sc.infos) > 0 {
		clear(sc.infos)
	}
	if cap(sc.fields) < len(spans) {
		sc.fields = make([]fieldSpan, 0, len(spans)) // (no room lost to growth)
	}
	if !packable(len(data)) || !packable(len(spans)) {
		spans = nil // (offsets are kept as int32; no text read whole comes near)
	}
	for _, s := range spans {
		if s.Start < 0 || s.End > len(data) || s.Start >= s.End {
			continue
		}
		fs := fieldSpan{path: sc.internPath(s.Path), vs: int32(s.Start), ve: int32(s.End), quote: '"', parent: -1}
		if s.Raw {
			fs.quote = fieldRaw
		}
		sc.fields = append(sc.fields, fs)
	}
	// Parents before children: the innermost span holding a position is the last one
	// that starts at or before it and still holds it.
	if !slices.IsSortedFunc(sc.fields, cmpSpan) {
		slices.SortStableFunc(sc.fields, cmpSpan)
	}
	clear(sc.paths)
	stack := sc.spanStack[:0]
	for i := range sc.fields {
		f := &sc.fields[i]
		for len(stack) > 0 && sc.fields[stack[len(stack)-1]].ve < f.ve {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			f.parent = int32(stack[len(stack)-1])
		}
		stack = append(stack, i)
	}
	sc.spanStack = stack
}

// internPath returns the copy of p the fields already hold, if any: a document's
// parsers spell a path once a value (the 160k objects of a 16 MiB JSON array held 10 MB
// of equal paths), and the fields hold one of each. At most maxPathInfos are kept.
func (sc *scanner) internPath(p string) string {
	if q, ok := sc.paths[p]; ok {
		return q
	}
	if sc.paths == nil {
		sc.paths = map[string]string{}
	}
	if len(sc.paths) < maxPathInfos {
		sc.paths[p] = p
	}
	return p
}

// maxPathInfos bounds the paths whose pathInfo a scan keeps at once. A JSON log or a
// store's records repeat a few dozen paths, all kept; a file of distinct names (a .env
// of 400k lines, each its own key) kept one a line, 150 bytes and more each (a 16 MiB
// .env: 100 MB of 200 live), and now works a name out again when asked again after the
// cache was emptied.
const maxPathInfos = 4096

// info is what the field's path says.
func (sc *scanner) info(f *fieldSpan) *pathInfo {
	if pi := sc.infos[f.path]; pi != nil {
		return pi
	}
	if sc.infos == nil {
		sc.infos = map[string]*pathInfo{}
	} else if len(sc.infos) >= maxPathInfos {
		clear(sc.infos)
	}
	pi := sc.e.pathInfo(f.path, sc.infoRec)
	sc.infos[f.path] = pi
	return pi
}

func cmpSpan(a, b fieldSpan) int {
	if a.vs != b.vs {
		return int(a.vs) - int(b.vs)
	}
	return int(b.ve) - int(a.ve)
}

// pathInfo works out what a path says: its words, its context words and the key-name
// rules it wakes up.
func (e *Engine) pathInfo(path string, rec bool) *pathInfo {
	pi := &pathInfo{path: path}
	pi.norm, pi.squash = normPath(path)
	// (a number ending a name is read without it in any structure: "password2" in a
	// YAML file as in a store's field; the abbreviations are a store's only)
	if full, kind := fieldAbbrev(path); kind != abbrevNone && (rec || kind == abbrevNumbered) {
		pi.norm, pi.squash = normPath(full)
		pi.abbrev = kind
	}
	if o := ownName(path); len(o) < len(path) {
		pi.own, _ = normPath(o)
	}
	if e.near != nil && path != "" {
		for id, ok := range e.contextWords(nil, []byte(path)) {
			if ok {
				pi.near = append(pi.near, id)
			}
		}
	}
	if e.kvd != nil && len(pi.norm) > 0 {
		ci := pi
		if parent, ok := changeHolder(path); ok {
			c := *pi
			c.norm, c.squash = normPath(parent)
			ci = &c
		}
		pi.cands = e.fieldCands(ci)
		if rec {
			segs := keySegments(pi.norm, nil, nil)
			pi.letter = letterKey(segs)
			if len(pi.cands) == 0 && cursorKey(segs) {
				c := *ci
				c.norm, c.squash = []byte("token"), []byte("token")
				if c.cands = e.fieldCands(&c); len(c.cands) > 0 {
					pi.cands, pi.cursor = c.cands, true
				}
			}
		}
		if held, leaf := heldName(path); held != "" {
			// the holder names the credential; the leaf, naming none, qualifies it
			l, c := pathInfo{}, *pi
			l.norm, l.squash = normPath(leaf)
			c.norm, c.squash = normPath(held)
			if len(e.fieldCands(&l)) == 0 {
				if c.cands = e.fieldCands(&c); len(c.cands) > 0 {
					pi.norm, pi.squash, pi.cands, pi.held = c.norm, c.squash, c.cands, true
					pi.userMap = userMapHolder(path)
				}
			}
		}
	}
	return pi
}

// ownName is the part of a field's path that names the field itself: its last two
// parts (the name and the object holding it). The parts before them are where the
// field is kept — a key-value store's key prefix ("/harvest-57/svc-2"), a container
// of the application's own naming — and a provider's name there ("harvest",
// "courier") does not say that a token three levels down is that provider's and must
// have its shape. Parts are separated by '.', '/' and ':' (Redis's "tenant:7:cfg").
func ownName(path string) string {
	n := 0
	for i := len(path) - 1; i >= 0; i-- {
		switch path[i] {
		case '.', '/', ':':
			if i == len(path)-1 {
				continue
			}
			if n++; n == 2 {
				return path[i+1:]
			}
		}
	}
	return path
}

// changeHolder reads the path of a value in a change record — an audit log's
// {"smtp.password": {"old": "…", "new": "…"}} — as the path of what changed: the last
// component names the side of the change, the one before it the setting.
func changeHolder(path string) (string, bool) {
	i := strings.LastIndexByte(path, '.')
	if i <= 0 {
		return "", false
	}
	switch strings.ToLower(path[i+1:]) {
	case "new", "old", "previous", "current", "before", "after", "new_value", "old_value", "newvalue", "oldvalue":
		return path[:i], true
	}
	return "", false
}

// fieldAt returns the innermost field span holding [start, end), or nil.
func (sc *scanner) fieldAt(start, end int) *fieldSpan {
	fs := sc.fields
	if len(fs) == 0 {
		return nil
	}
	i := sort.Search(len(fs), func(i int) bool { return int(fs[i].vs) > start })
	for j := i - 1; j >= 0 && j >= i-64; j-- {
		if int(fs[j].vs) <= start && end <= int(fs[j].ve) {
			return &fs[j]
		}
	}
	return nil
}

// fieldHas reports whether a field holding [start, end) — or one holding that field —
// has a name containing one of words.
func (sc *scanner) fieldHas(start, end int, words []string) bool {
	for f := sc.fieldAt(start, end); f != nil; f = sc.parentOf(f) {
		if pi := sc.info(f); containsFold(pi.norm, words...) || containsFold(pi.squash, words...) {
			return true
		}
	}
	return false
}

func (sc *scanner) parentOf(f *fieldSpan) *fieldSpan {
	if f.parent < 0 {
		return nil
	}
	return &sc.fields[f.parent]
}

// keyHas is keyBeforeHas for the text, or the name of the field holding the value.
func (sc *scanner) keyHas(start, end int, words []string) bool {
	return keyBeforeHas(sc.data, start, words) || sc.fieldHas(start, end, words)
}

// contextNear reports whether one of the ids is a context word of the record or in the
// name of a field holding [start, end).
func (sc *scanner) contextNear(ids []int, start, end int) bool {
	for _, id := range ids {
		if id < len(sc.ctx) && sc.ctx[id] {
			return true
		}
	}
	for f := sc.fieldAt(start, end); f != nil; f = sc.parentOf(f) {
		near := sc.info(f).near
		for _, id := range ids {
			if slices.Contains(near, id) {
				return true
			}
		}
	}
	return false
}

// evalFields offers each field's whole value to the key-name rules its name wakes up,
// as if the text had said "name = value".
func (sc *scanner) evalFields() {
	e := sc.e
	if e.kvd == nil {
		return
	}
	// Fields under ambiguous names whose value only a credential beside them makes
	// one are evaluated again, corroborated, after every other field (later).
	var later []int
	eval := func(j int, corrob bool) {
		f := &sc.fields[j]
		pi := sc.info(f)
		if len(pi.cands) == 0 {
			return
		}
		vs, ve := trimSpan(sc.data, int(f.vs), int(f.ve))
		if ve <= vs || ve-vs > maxFieldValue || len(pi.norm) == 0 {
			return
		}
		quote := f.quote
		if quote == fieldRaw && ve-vs >= 2 && (sc.data[vs] == '"' || sc.data[vs] == '\'') && sc.data[ve-1] == sc.data[vs] {
			vs, ve = vs+1, ve-1 // a quoted value in a configuration file
		}
		cands := pi.cands
		if len(cands) == 0 {
			return
		}
		// (the value tests of the names below read the value, not the way JSON writes
		// it: ClickHouse's JSON escapes '/', "VyU1…\\/YcAh…")
		val := sc.data[vs:ve]
		if (pi.abbrev == abbrevKeyPair || pi.cursor) && quote == '"' && bytes.IndexByte(val, '\\') >= 0 {
			val = unescapeJSON(nil, val)
		}
		if pi.abbrev == abbrevKeyPair && !pairKeyValue(val) && !personPassword(val) && !(corrob && corroboratedValue(val)) {
			if !corrob && corroboratedValue(val) {
				later = append(later, j)
			}
			return
		}
		if pi.cursor && !personPassword(val) {
			return // a cursor's name: a person's password only (personPassword)
		}
		a := assignment{keyStart: vs, keyEnd: vs, valStart: vs, valEnd: ve, quote: quote, own: pi.own, field: true, storeRec: sc.infoRec, weakLeaf: weakLeafName([]byte(f.path)), corrob: corrob}
		n := len(sc.ms)
		sc.heldField = pi.held
		e.kvd.evaluate(sc, a, pi.norm, cands, false)
		sc.heldField = false
		if pi.letter && !corrob && len(sc.ms) == n && corroboratedValue(val) {
			later = append(later, j)
		}
		if pi.held {
			kept := sc.ms[:n]
			for _, m := range sc.ms[n:] {
				if heldValue([]byte(m.value)) || pi.userMap && userMapValue([]byte(m.value)) {
					kept = append(kept, m)
				}
			}
			sc.ms = keepFirst(sc.ms, len(kept))
		}
	}
	for j := range sc.fields {
		eval(j, sc.corrob)
	}
	if len(later) > 0 && sc.plainCredential() {
		for _, j := range later {
			eval(j, true)
		}
	}
}

// corroboratedValue is what a field under an ambiguous name (the access-key pair's
// short names, a letter before "key") takes in a record that holds a credential
// under a plain name (plainCredential): hex of 128 bits or more and a password as a
// policy asks for it. Alone such a name refuses both (digests and ids, composite
// sort keys); beside an api_key or a password the record is one of credentials, and
// its "sk" the secret half of a key pair, not a sort key.
func corroboratedValue(v []byte) bool {
	return len(v) >= 32 && len(v)%2 == 0 && allHex(v) || policyPassword(v)
}

// plainCredential reports a secret found in the scan under a name that is not an
// ambiguous one (ambiguousName), or in no field.
func (sc *scanner) plainCredential() bool {
	for _, m := range sc.ms {
		if m.r.Category != finding.Secret {
			continue
		}
		if f := sc.fieldAt(m.start, m.end); f == nil || !sc.info(f).ambiguous() {
			return true
		}
	}
	return false
}

// ambiguous reports a name that reads as a credential only in some of its uses: the
// access-key pair's short names, a letter before "key", a cursor's.
func (pi *pathInfo) ambiguous() bool { return pi.abbrev == abbrevKeyPair || pi.letter || pi.cursor }

// ambiguousName is pathInfo.ambiguous for a store's field name, from the name alone.
func (e *Engine) ambiguousName(path string) bool {
	if _, kind := fieldAbbrev(path); kind == abbrevKeyPair {
		return true
	}
	norm, _ := normPath(path)
	segs := keySegments(norm, nil, nil)
	return letterKey(segs) || cursorKey(segs)
}

func trimSpan(data []byte, vs, ve int) (int, int) {
	for vs < ve && (data[vs] == ' ' || data[vs] == '\t' || data[vs] == '\r' || data[vs] == '\n') {
		vs++
	}
	for ve > vs && (data[ve-1] == ' ' || data[ve-1] == '\t' || data[ve-1] == '\r' || data[ve-1] == '\n') {
		ve--
	}
	return vs, ve
}

// fieldCands lists the key-name rules that the field's name wakes up and accepts.
func (e *Engine) fieldCands(f *pathInfo) []*kvSpec {
	var out []*kvSpec
	var segs [][]byte
	segsDone := false
	for _, key := range [][]byte{f.norm, f.squash} {
		e.ac.run(key, func(pat int32, end int) {
			at := end - e.ac.patLen[pat]
			for _, t := range e.dispatch[pat] {
				if t.di != e.kvDI || !hasPrefixFold(key, at, e.kvd.lits[t.tag]) {
					continue
				}
				for _, s := range e.kvd.byTag[t.tag] {
					if !e.on[s.rule.idx] || slices.Contains(out, s) {
						continue
					}
					if len(s.all) > 0 && !containsAll(f.norm, s.all) && !containsAll(f.squash, s.all) {
						continue
					}
					if s.keyOK != nil {
						if !segsDone {
							segs = keySegments(f.norm, nil, nil)
							segsDone = true
						}
						if !s.keyOK(segs) {
							continue
						}
					}
					out = append(out, s)
				}
			}
		})
	}
	if len(out) == 0 {
		out = e.lexCands(f.norm)
	}
	return out
}

// lexCands are the generic rules for a field named in the lexicon by a word too short
// to be an anchor in text ("mdp", French for a password; "鍵" and "키" in "暗号鍵",
// "액세스키"): a field's name is all name, so it is looked up whole.
func (e *Engine) lexCands(norm []byte) []*kvSpec {
	if len(norm) > maxKeyLen {
		return nil
	}
	segs := keySegments(norm, nil, nil)
	if len(segs) == 0 || asciiOnly(segs[len(segs)-1]) && len(segs[len(segs)-1]) > 8 {
		return nil // (the lexicon's short words are short)
	}
	var s *kvSpec
	switch k, _, _ := lexName(segs); k {
	case lexPassword:
		s = e.kvd.password
	case lexSecret, lexKey:
		s = e.kvd.secret
	}
	if s == nil || !e.on[s.rule.idx] || s.keyOK != nil && !s.keyOK(segs) {
		return nil
	}
	return []*kvSpec{s}
}

// nameKey and valueKey recognise the columns of a name/value table: the names seen
// most ("name", "setting_value"), and any name made of the words such columns are
// named with, ending in a name word ("setting_key", "optName", "attr") or a value word
// ("opt_val", "content"): see nvColumn.
func nameKey(p string) bool { return commonNameKey(p) || nvColumn(p, nvNameHeads) }

func commonNameKey(p string) bool {
	switch strings.ToLower(p) {
	case "name", "key", "parameter", "parameter_name", "param", "setting", "setting_name", "variable", "var", "property", "field", "option", "option_name", "config_key", "k":
		return true
	}
	return false
}

func valueKey(p string) bool {
	switch strings.ToLower(p) {
	case "value", "val", "parameter_value", "setting_value", "option_value", "config_value", "v", "data":
		return true
	}
	return nvColumn(p, nvValueHeads)
}

// The words of name/value columns: what the last word of the name column or of the
// value column is, and what may stand before it ("setting", "opt", "config"). A name
// with any other word ("api_key", "user_name", "file_content") is a column of its own.
var (
	nvNameHeads  = map[string]bool{"key": true, "name": true, "attr": true, "attribute": true, "param": true, "parameter": true, "prop": true, "property": true, "setting": true, "option": true, "opt": true, "var": true, "variable": true, "field": true}
	nvValueHeads = map[string]bool{"value": true, "val": true, "v": true, "content": true, "contents": true, "data": true}
	nvQualifiers = map[string]bool{"setting": true, "settings": true, "config": true, "cfg": true, "conf": true, "option": true, "options": true, "opt": true,
		"param": true, "parameter": true, "prop": true, "property": true, "attr": true, "attribute": true, "var": true, "variable": true, "env": true,
		"field": true, "entry": true, "item": true, "pref": true, "preference": true, "meta": true, "key": true, "name": true}
)

// nvColumn says whether column name p is at most three words, the last one of heads
// and the others qualifiers.
func nvColumn(p string, heads map[string]bool) bool {
	if len(p) > 40 {
		return false
	}
	var buf [4][]byte
	var text [40]byte
	segs := keySegments([]byte(p), buf[:0], text[:0])
	if len(segs) == 0 || len(segs) > 3 || !heads[string(segs[len(segs)-1])] {
		return false
	}
	for _, s := range segs[:len(segs)-1] {
		if !nvQualifiers[string(s)] {
			return false
		}
	}
	return true
}
