package detect

import (
	"bytes"
	"encoding/base64"
	"path"
	"strings"
	"unsafe"
)

// Structured text is parsed into named values so that the detectors see the name a
// value is stored under, however far from it the value stands: a CSV cell under its
// header, a YAML value under its parents, an INI value in its section, an XML element's
// text, the values of an SQL INSERT under their columns. Parsing is best effort and
// bounded: what does not parse yields no spans, and the text is scanned as text anyway.

// Span is a value at [Start, End) of a text, stored under Path.
type Span struct {
	Path       string
	Start, End int
	// Raw means the bytes are the value as they are; otherwise they are the text of a
	// quoted string whose backslash escapes apply (JSON, YAML and TOML double quotes).
	Raw bool
}

// maxSpans bounds the spans one text yields.
const maxSpans = 1 << 20

// maxDepth bounds the nesting the parsers follow.
const maxDepth = 64

// FormatOf names the structure a file name suggests ("" when none).
func FormatOf(name string) string {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case base == ".env" || strings.HasPrefix(base, ".env.") || strings.HasSuffix(base, ".env"):
		return "env"
	case base == "credentials" || base == ".npmrc" || base == ".pypirc" || base == ".gitconfig" || base == "my.cnf" || base == ".my.cnf":
		return "ini"
	}
	switch strings.TrimPrefix(path.Ext(base), ".") {
	case "json", "ipynb", "har", "tfstate", "tfvars.json":
		return "json"
	case "ndjson", "jsonl":
		return "ndjson"
	case "csv", "psv", "dsv", "ssv":
		// (pipe-, delimiter- and semicolon-separated exports: csvSpans picks the delimiter)
		return "csv"
	case "tsv":
		return "tsv"
	case "yaml", "yml":
		return "yaml"
	case "ini", "cfg", "conf", "cnf", "properties", "toml", "env", "tfvars":
		return "ini"
	case "xml", "config", "csproj", "plist", "xaml", "pom", "jmx":
		return "xml"
	case "sql":
		return "sql"
	}
	return ""
}

// Structure parses data as format — one of json, ndjson, csv, tsv, yaml, ini (also env,
// properties, toml), xml and sql, or a file name whose extension says — and returns
// the named values in it. An empty format sniffs the content.
func Structure(format string, data []byte) []Span {
	return structure(format, data, false)
}

// structure is Structure; with share an INI file's keys are data's own bytes, not
// copies: for a caller that uses the spans only while it scans data, unchanged (a .env
// of 16 MiB has 475k keys, 9 MB of copies).
func structure(format string, data []byte, share bool) []Span {
	f := strings.ToLower(format)
	switch f {
	case "json", "ndjson", "csv", "tsv", "yaml", "ini", "env", "properties", "toml", "xml", "sql", "":
	default:
		f = FormatOf(format)
		if f == "" {
			f = sniff(data)
		}
	}
	if f == "" {
		f = sniff(data)
	}
	switch f {
	case "json":
		w := jsonWalker{data: data}
		w.i = skipWS(data, 0)
		if w.value("", 0) && skipWS(data, w.i) < len(data) {
			// More after the first value: JSON lines.
			return ndjsonSpans(data)
		}
		return w.spans
	case "ndjson":
		return ndjsonSpans(data)
	case "csv":
		return csvSpans(data, 0)
	case "tsv":
		return csvSpans(data, '\t')
	case "yaml":
		return yamlSpans(data)
	case "ini", "env", "properties", "toml":
		return iniSpans(data, share)
	case "xml":
		return xmlSpans(data)
	case "sql":
		return sqlSpans(data)
	}
	return nil
}

// sniff guesses the structure of a value from its content.
func sniff(data []byte) string {
	t := bytes.TrimSpace(data)
	if len(t) == 0 {
		return ""
	}
	switch t[0] {
	case '{', '[':
		return "json"
	case '<':
		if len(t) > 1 && (is(t[1], cLower|cUpper) || t[1] == '?') {
			return "xml"
		}
		return ""
	}
	if indexFold(t, "insert into") >= 0 || indexFold(t, "copy ") == 0 {
		return "sql"
	}
	// Lines of "key = value" or "key: value".
	lines, eq, colon, other := 0, 0, 0, 0
	for _, l := range bytes.SplitN(t, []byte{'\n'}, 64) {
		l = bytes.TrimSpace(l)
		if len(l) == 0 || l[0] == '#' || l[0] == ';' || l[0] == '[' && l[len(l)-1] == ']' || l[0] == '-' && len(l) > 1 && l[1] == ' ' {
			continue
		}
		lines++
		k := 0
		for k < len(l) && (isKeyByte(l[k]) || l[k] == ' ' && k > 0 && bytes.HasPrefix(l, []byte("export"))) {
			k++
		}
		for k < len(l) && l[k] == ' ' {
			k++
		}
		switch {
		case k == 0 || k >= len(l):
			other++
		case l[k] == '=':
			eq++
		case l[k] == ':' && (k+1 == len(l) || l[k+1] == ' '):
			colon++
		default:
			other++
		}
	}
	switch {
	case lines == 0 || other*3 > lines:
		return ""
	case eq >= colon:
		return "ini"
	}
	return "yaml"
}

func skipWS(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

func ndjsonSpans(data []byte) []Span {
	var out []Span
	for off := 0; off < len(data) && len(out) < maxSpans; {
		e := bytes.IndexByte(data[off:], '\n')
		if e < 0 {
			e = len(data)
		} else {
			e += off
		}
		i := skipWS(data[:e], off)
		if i < e && (data[i] == '{' || data[i] == '[') {
			w := jsonWalker{data: data[:e], i: i, spans: out}
			w.value("", 0)
			out = w.spans
		}
		off = e + 1
	}
	return out
}

// jsonWalker reads JSON and records the span of every scalar with its path. Arrays add
// nothing to a path. In an object that pairs a name with a value ({"name": "DB_PASSWORD",
// "value": "…"}, AWS tags, Kubernetes env lists) the value is stored under the name.
type jsonWalker struct {
	data  []byte
	i     int
	spans []Span
}

func (w *jsonWalker) value(p string, depth int) bool {
	d := w.data
	w.i = skipWS(d, w.i)
	if w.i >= len(d) || depth > maxDepth || len(w.spans) >= maxSpans {
		return false
	}
	switch c := d[w.i]; {
	case c == '{':
		w.i++
		nameVal, valueIdx := "", -1
		for {
			w.i = skipWS(d, w.i)
			if w.i >= len(d) {
				return false
			}
			if d[w.i] == '}' {
				w.i++
				break
			}
			if d[w.i] == ',' {
				w.i++
				continue
			}
			if d[w.i] != '"' {
				return false
			}
			ks, ke, ok := jsonString(d, w.i)
			if !ok {
				return false
			}
			key := string(d[ks:ke])
			if bytes.IndexByte(d[ks:ke], '\\') >= 0 {
				key = string(unescapeJSON(nil, d[ks:ke]))
			}
			w.i = skipWS(d, ke+1)
			if w.i >= len(d) || d[w.i] != ':' {
				return false
			}
			w.i++
			before := len(w.spans)
			if !w.value(joinPath(p, key), depth+1) {
				return false
			}
			if len(w.spans) == before+1 && !w.spans[before].Raw {
				switch strings.ToLower(key) {
				case "name", "key", "parametername", "parameterkey", "variable", "setting", "field", "property":
					nameVal = string(d[w.spans[before].Start:w.spans[before].End])
				case "value", "val", "parametervalue", "secret", "data":
					valueIdx = before
				}
			}
		}
		if nameVal != "" && valueIdx >= 0 && len(nameVal) <= maxKeyLen {
			w.spans[valueIdx].Path = joinPath(p, b64Name(nameVal))
		}
		return true
	case c == '[':
		w.i++
		before, elems := len(w.spans), 0
		for {
			w.i = skipWS(d, w.i)
			if w.i >= len(d) {
				return false
			}
			if d[w.i] == ']' {
				w.i++
				w.namePair(p, before, elems)
				return true
			}
			if d[w.i] == ',' {
				w.i++
				continue
			}
			elems++
			if !w.value(p, depth+1) {
				return false
			}
		}
	case c == '"':
		s, e, ok := jsonString(d, w.i)
		if !ok {
			return false
		}
		w.spans = append(w.spans, Span{Path: p, Start: s, End: e})
		w.i = e + 1
		return true
	default:
		s := w.i
		for w.i < len(d) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(d[w.i])) {
			w.i++
		}
		if w.i == s {
			return false
		}
		if isDigit(d[s]) || d[s] == '-' {
			w.spans = append(w.spans, Span{Path: p, Start: s, End: w.i, Raw: true})
		}
		return true
	}
}

// jsonString returns the bounds of the text of the string whose quote is at i.
func jsonString(d []byte, i int) (int, int, bool) {
	for j := i + 1; j < len(d); j++ {
		switch d[j] {
		case '\\':
			j++
		case '"':
			return i + 1, j, true
		case '\n':
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// lineIter walks the lines of data.
func eachLine(data []byte, fn func(s, e int) bool) {
	for off := 0; off < len(data); {
		e := bytes.IndexByte(data[off:], '\n')
		if e < 0 {
			e = len(data)
		} else {
			e += off
		}
		le := e
		if le > off && data[le-1] == '\r' {
			le--
		}
		if !fn(off, le) {
			return
		}
		off = e + 1
	}
}

// csvSpans reads a header and records, quoting as RFC 4180 has it. delim 0 picks the
// most frequent of , ; | and tab in the header line.
func csvSpans(data []byte, delim byte) []Span {
	// Exports and batch files often open with '#' comment lines (the batch, the
	// generator, the date) or blank lines: the header is the first line after them.
	p0 := csvPreamble(data)
	hdrEnd := bytes.IndexByte(data[p0:], '\n')
	if hdrEnd < 0 {
		return nil
	}
	hdrEnd += p0
	if delim == 0 {
		var n int
		if delim, n = csvDelim(data[p0:hdrEnd]); n == 0 {
			return nil
		}
	}
	var header []string
	var out []Span
	nameCol, valueCol := -1, -1
	row := 0
	var cells [][2]int
	for p := p0; p < len(data) && len(out) < maxSpans; {
		cells = cells[:0]
		// one record
		for {
			cs, ce := p, p
			if p < len(data) && data[p] == '"' {
				q := p + 1
				for q < len(data) {
					if data[q] == '"' {
						if q+1 < len(data) && data[q+1] == '"' {
							q += 2
							continue
						}
						break
					}
					q++
				}
				cs, ce = p+1, q
				p = q + 1
				for p < len(data) && data[p] != delim && data[p] != '\n' {
					p++
				}
			} else {
				for p < len(data) && data[p] != delim && data[p] != '\n' {
					p++
				}
				ce = p
				if ce > cs && data[ce-1] == '\r' {
					ce--
				}
			}
			cells = append(cells, [2]int{cs, ce})
			if p < len(data) && data[p] == delim {
				p++
				continue
			}
			p++ // newline
			break
		}
		if row == 0 {
			for i, c := range cells {
				h := strings.TrimSpace(string(data[c[0]:c[1]]))
				header = append(header, h)
				switch strings.ToLower(h) {
				case "name", "key", "parameter", "setting", "variable", "field", "property":
					nameCol = i
				case "value", "val", "secret":
					valueCol = i
				}
			}
		} else {
			for i, c := range cells {
				if i >= len(header) || c[1] <= c[0] {
					continue
				}
				pth := header[i]
				if i == valueCol && nameCol >= 0 && nameCol < len(cells) {
					if n := cells[nameCol]; n[1]-n[0] <= maxKeyLen {
						pth = string(data[n[0]:n[1]])
					}
				}
				out = append(out, Span{Path: pth, Start: c[0], End: c[1], Raw: true})
			}
		}
		row++
	}
	return out
}

// csvPreamble is where a CSV's header starts: past up to 20 leading lines that are
// blank or start with '#', as long as a line follows them. The last such line stays
// the header when it has as many separators as the line after it ("#id,name,mail",
// VCF's "#CHROM\tPOS"): a commented-out header, not a note.
func csvPreamble(data []byte) int {
	p, last := 0, -1
	for n := 0; n < 20 && p < len(data); n++ {
		q := p
		for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
			q++
		}
		if q < len(data) && data[q] != '#' && data[q] != '\n' && data[q] != '\r' {
			if last >= 0 {
				if _, n := csvDelim(data[last:p]); n > 0 {
					if _, next := csvDelim(csvLineAt(data, p)); n >= next {
						return last
					}
				}
			}
			return p
		}
		e := bytes.IndexByte(data[p:], '\n')
		if e < 0 {
			return 0
		}
		if q < len(data) && data[q] == '#' {
			last = p
		}
		p += e + 1
	}
	return 0
}

// csvDelim is a CSV line's separator, the most frequent of , ; tab and | (the first of
// them on a tie), and how many times it stands in the line (0: none of them).
func csvDelim(line []byte) (delim byte, n int) {
	for _, c := range []byte{',', ';', '\t', '|'} {
		if k := bytes.Count(line, []byte{c}); k > n {
			n, delim = k, c
		}
	}
	return delim, n
}

// csvLineAt is the line starting at p.
func csvLineAt(data []byte, p int) []byte {
	if e := bytes.IndexByte(data[p:], '\n'); e >= 0 {
		return data[p : p+e]
	}
	return data[p:]
}

// yamlSpans reads block YAML line by line: keys and their parents by indentation, list
// items, quoted and plain scalars, and block scalars (| and >) as one span.
func yamlSpans(data []byte) []Span {
	type level struct {
		indent int
		key    string
	}
	var stack []level
	var out []Span
	itemName := map[int]string{} // "- name: X" then "value: Y" at the same indent
	block := -1                  // indent of the key that opened a block scalar
	var blockPath string
	blockStart, blockEnd := -1, -1
	flush := func() {
		if blockStart >= 0 && blockEnd > blockStart {
			out = append(out, Span{Path: blockPath, Start: blockStart, End: blockEnd, Raw: true})
		}
		blockStart, blockEnd, block = -1, -1, -1
	}
	eachLine(data, func(s, e int) bool {
		if len(out) >= maxSpans {
			return false
		}
		line := data[s:e]
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		if block >= 0 {
			if ind > block || ind == len(line) {
				if blockStart < 0 && ind < len(line) {
					blockStart = s + ind
				}
				if ind < len(line) {
					blockEnd = e
				}
				return true
			}
			flush()
		}
		if ind == len(line) || line[ind] == '#' || bytes.HasPrefix(line[ind:], []byte("---")) {
			return true
		}
		for ind < len(line) && line[ind] == '-' && ind+1 < len(line) && line[ind+1] == ' ' {
			ind += 2
			for ind < len(line) && line[ind] == ' ' {
				ind++
			}
			delete(itemName, ind)
		}
		k := ind
		var key string
		if k < len(line) && (line[k] == '"' || line[k] == '\'') {
			q := bytes.IndexByte(line[k+1:], line[k])
			if q < 0 {
				return true
			}
			key = string(line[k+1 : k+1+q])
			k += q + 2
		} else {
			for k < len(line) && line[k] != ':' && line[k] != '#' {
				k++
			}
			key = strings.TrimSpace(string(line[ind:k]))
		}
		if k >= len(line) || line[k] != ':' || key == "" || k+1 < len(line) && line[k+1] != ' ' && line[k+1] != '\t' {
			return true
		}
		for len(stack) > 0 && stack[len(stack)-1].indent >= ind {
			stack = stack[:len(stack)-1]
		}
		if len(stack) >= maxDepth {
			return true
		}
		var parent string
		for _, l := range stack {
			parent = joinPath(parent, l.key)
		}
		vs := k + 1
		for vs < len(line) && (line[vs] == ' ' || line[vs] == '\t') {
			vs++
		}
		if vs >= len(line) || line[vs] == '#' {
			stack = append(stack, level{ind, key})
			return true
		}
		pth := joinPath(parent, key)
		if line[vs] == '|' || line[vs] == '>' {
			block, blockPath = ind, pth
			return true
		}
		ve := len(line)
		raw := true
		switch line[vs] {
		case '"', '\'':
			q := vs + 1
			for q < len(line) && (line[q] != line[vs] || line[vs] == '"' && line[q-1] == '\\') {
				q++
			}
			if q >= len(line) {
				return true
			}
			raw = line[vs] == '\''
			vs, ve = vs+1, q
		default:
			if c := bytes.Index(line[vs:], []byte(" #")); c >= 0 {
				ve = vs + c
			}
			for ve > vs && (line[ve-1] == ' ' || line[ve-1] == '\t') {
				ve--
			}
		}
		lk := strings.ToLower(key)
		switch lk {
		case "name", "key":
			itemName[ind] = string(line[vs:ve])
		case "value":
			if n := itemName[ind]; n != "" && len(n) <= maxKeyLen {
				pth = joinPath(parent, n)
			}
		}
		out = append(out, Span{Path: pth, Start: s + vs, End: s + ve, Raw: raw})
		return true
	})
	if block >= 0 {
		flush()
	}
	return out
}

// iniSpans reads INI, TOML, .env and Java properties files: [sections], "key = value",
// "key: value", "export KEY=value"; a value runs to the end of its line (spaces and
// all), less a trailing comment after whitespace when it is not quoted.
func iniSpans(data []byte, share bool) []Span {
	var out []Span
	section := ""
	eachLine(data, func(s, e int) bool {
		if len(out) >= maxSpans {
			return false
		}
		line := data[s:e]
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i == len(line) || line[i] == '#' || line[i] == ';' || line[i] == '!' {
			return true
		}
		if line[i] == '[' {
			if c := bytes.IndexByte(line, ']'); c > i {
				section = strings.Trim(string(line[i:c]), "[] \"")
			}
			return true
		}
		if bytes.HasPrefix(line[i:], []byte("export ")) {
			i += len("export ")
		}
		k := i
		for k < len(line) && (isKeyByte(line[k]) || line[k] == '"' || line[k] == '\'' || line[k] >= 0x80) {
			k++
		}
		kb := bytes.Trim(line[i:k], "\"'")
		var key string
		if share {
			key = unsafe.String(unsafe.SliceData(kb), len(kb))
		} else {
			key = string(kb)
		}
		for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
			k++
		}
		if key == "" || k >= len(line) || line[k] != '=' && line[k] != ':' {
			return true
		}
		k++
		for k < len(line) && (line[k] == ' ' || line[k] == '\t') {
			k++
		}
		vs, ve := k, len(line)
		raw := true
		if vs < ve && (line[vs] == '"' || line[vs] == '\'') {
			if q := bytes.LastIndexByte(line[vs+1:], line[vs]); q >= 0 {
				raw = line[vs] == '\''
				vs, ve = vs+1, vs+1+q
			}
		} else {
			for _, cm := range []string{" #", "\t#", " ;"} {
				if c := bytes.Index(line[vs:ve], []byte(cm)); c >= 0 {
					ve = vs + c
				}
			}
			for ve > vs && (line[ve-1] == ' ' || line[ve-1] == '\t') {
				ve--
			}
		}
		if ve > vs {
			out = append(out, Span{Path: joinPath(section, key), Start: s + vs, End: s + ve, Raw: raw})
		}
		return true
	})
	return out
}

// xmlSpans reads elements and attributes: the text of an element with no children is
// stored under the element's path, an attribute under the element's path and its
// name, and the value of an element that pairs a name with a value (<add key="ApiKey"
// value="…"/>, <property name="password" value="…"/>) under that name.
func xmlSpans(data []byte) []Span {
	if bytes.Contains(data[:min(len(data), 4096)], spreadsheetMLNS) {
		return spreadsheetMLSpans(data)
	}
	var out []Span
	var stack []string
	var pairParent, pairName string // the last <name> element's text and where it stood
	textStart := -1
	for i := 0; i < len(data) && len(out) < maxSpans; {
		lt := bytes.IndexByte(data[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		switch {
		case bytes.HasPrefix(data[lt:], []byte("<!--")):
			end := bytes.Index(data[lt:], []byte("-->"))
			if end < 0 {
				return out
			}
			i = lt + end + 3
			continue
		case bytes.HasPrefix(data[lt:], []byte("<![CDATA[")):
			end := bytes.Index(data[lt:], []byte("]]>"))
			if end < 0 {
				return out
			}
			if len(stack) > 0 {
				out = append(out, Span{Path: strings.Join(stack, "."), Start: lt + 9, End: lt + end, Raw: true})
			}
			i = lt + end + 3
			textStart = -1
			continue
		case bytes.HasPrefix(data[lt:], []byte("<?")) || bytes.HasPrefix(data[lt:], []byte("<!")):
			end := bytes.IndexByte(data[lt:], '>')
			if end < 0 {
				return out
			}
			i = lt + end + 1
			continue
		}
		gt := bytes.IndexByte(data[lt:], '>')
		if gt < 0 {
			break
		}
		gt += lt
		tag := data[lt+1 : gt]
		if len(tag) > 0 && tag[0] == '/' {
			name := string(bytes.TrimSpace(tag[1:]))
			if textStart >= 0 && len(stack) > 0 && stack[len(stack)-1] == name {
				if s, e := trimSpan(data, textStart, lt); e > s {
					pth := strings.Join(stack, ".")
					// Hadoop's, Hive's and Spark's <property><name>…</name><value>…</value>:
					// the value stands under the name its sibling element holds.
					parent := strings.Join(stack[:len(stack)-1], ".")
					switch {
					case nameKey(name) && e-s <= maxKeyLen:
						pairParent, pairName = parent, string(data[s:e])
					case valueKey(name) && pairName != "" && pairParent == parent:
						pth = joinPath(parent, pairName)
						pairName = ""
					}
					out = append(out, Span{Path: pth, Start: s, End: e, Raw: true})
				}
			}
			for k := len(stack) - 1; k >= 0; k-- {
				if stack[k] == name {
					stack = stack[:k]
					break
				}
			}
			textStart = -1
			i = gt + 1
			continue
		}
		selfClose := len(tag) > 0 && tag[len(tag)-1] == '/'
		if selfClose {
			tag = tag[:len(tag)-1]
		}
		// (names are letters of any script: <密码>, <Пароль>; bytes past ASCII are
		// parts of a UTF-8 letter)
		n := 0
		for n < len(tag) && (isKeyByte(tag[n]) || tag[n] == ':' || tag[n] >= 0x80) {
			n++
		}
		if n == 0 {
			i = lt + 1
			continue
		}
		name := string(tag[:n])
		elem := strings.Join(append(stack, name), ".")
		if elem == pairParent {
			pairName = "" // a new sibling: the name read belongs to the one before
		}
		// attributes
		nameAttr, valueIdx := "", -1
		for a := n; a < len(tag); {
			for a < len(tag) && (tag[a] == ' ' || tag[a] == '\t' || tag[a] == '\n' || tag[a] == '\r') {
				a++
			}
			as := a
			for a < len(tag) && (isKeyByte(tag[a]) || tag[a] == ':' || tag[a] >= 0x80) {
				a++
			}
			if a == as || a >= len(tag) || tag[a] != '=' || a+1 >= len(tag) || tag[a+1] != '"' && tag[a+1] != '\'' {
				break
			}
			q := tag[a+1]
			vs := a + 2
			ve := bytes.IndexByte(tag[vs:], q)
			if ve < 0 {
				break
			}
			ve += vs
			attr := string(tag[as:a])
			base := lt + 1
			switch strings.ToLower(attr) {
			case "name", "key", "id":
				nameAttr = string(tag[vs:ve])
			case "value":
				valueIdx = len(out)
			}
			out = append(out, Span{Path: joinPath(elem, attr), Start: base + vs, End: base + ve, Raw: true})
			a = ve + 1
		}
		if nameAttr != "" && valueIdx >= 0 && len(nameAttr) <= maxKeyLen {
			out[valueIdx].Path = joinPath(strings.Join(stack, "."), nameAttr)
		}
		if !selfClose && len(stack) < maxDepth {
			stack = append(stack, name)
			textStart = gt + 1
		} else {
			textStart = -1
		}
		i = gt + 1
	}
	return out
}

// sqlSpans reads the values of INSERT statements under their columns: those named in
// the statement, or those of the table's CREATE TABLE earlier in the dump; and the rows
// of PostgreSQL COPY … FROM stdin blocks.
func sqlSpans(data []byte) []Span {
	var out []Span
	tables := map[string][]string{}
	for i := 0; i < len(data) && len(out) < maxSpans; {
		nl := bytes.IndexByte(data[i:], '\n')
		le := len(data)
		if nl >= 0 {
			le = i + nl
		}
		line := bytes.TrimLeft(data[i:le], " \t")
		lo := i + (le - i - len(line))
		switch {
		case hasPrefixFold(line, 0, "create table"):
			name, cols, end := sqlCreate(data, lo)
			end = min(end, len(data))
			if name != "" {
				tables[name] = cols
			}
			if end > le {
				le = end
				if n := bytes.IndexByte(data[end:], '\n'); n >= 0 {
					le = end + n
				} else {
					le = len(data)
				}
			}
		case hasPrefixFold(line, 0, "insert into") || hasPrefixFold(line, 0, "replace into") || hasPrefixFold(line, 0, "insert ignore into"):
			var end int
			out, end = sqlInsert(data, lo, tables, out)
			end = min(end, len(data)) // an unterminated last value ends with the data
			if end > le {
				le = end
				if n := bytes.IndexByte(data[end:], '\n'); n >= 0 {
					le = end + n
				} else {
					le = len(data)
				}
			}
		case hasPrefixFold(line, 0, "copy "):
			name, cols := sqlCopyHead(line)
			if name == "" || !bytes.Contains(bytes.ToLower(line), []byte("from stdin")) {
				break
			}
			p := le + 1
			for p < len(data) && len(out) < maxSpans {
				e := bytes.IndexByte(data[p:], '\n')
				if e < 0 {
					e = len(data)
				} else {
					e += p
				}
				if bytes.Equal(data[p:e], []byte(`\.`)) {
					break
				}
				c, cs := 0, p
				row := len(out)
				for q := p; q <= e; q++ {
					if q == e || data[q] == '\t' {
						if c < len(cols) && q > cs && !bytes.Equal(data[cs:q], []byte(`\N`)) {
							out = append(out, Span{Path: cols[c], Start: cs, End: q, Raw: true})
						}
						c++
						cs = q + 1
					}
				}
				pairNameValue(data, out[row:])
				p = e + 1
			}
			le = p
		}
		i = le + 1
	}
	return out
}

// sqlIdent reads an identifier, quoted with `, " or [ ] or bare, from p.
func sqlIdent(d []byte, p int) (string, int) {
	p = skipWS(d, p)
	if p >= len(d) {
		return "", p
	}
	switch d[p] {
	case '`', '"', '[':
		cl := d[p]
		if cl == '[' {
			cl = ']'
		}
		e := bytes.IndexByte(d[p+1:], cl)
		if e < 0 || e > 128 {
			return "", p
		}
		return string(d[p+1 : p+1+e]), p + e + 2
	}
	e := p
	for e < len(d) && (is(d[e], cWord) || d[e] == '$' || d[e] >= 0x80) {
		e++
	}
	return string(d[p:e]), e
}

// sqlName reads a possibly qualified table name and returns its last part.
func sqlName(d []byte, p int) (string, int) {
	name, p := sqlIdent(d, p)
	for p < len(d) && d[p] == '.' {
		name, p = sqlIdent(d, p+1)
	}
	return name, p
}

func sqlCreate(d []byte, p int) (string, []string, int) {
	p += len("create table")
	p = skipWS(d, p)
	if hasPrefixFold(d, p, "if not exists") {
		p += len("if not exists")
	}
	name, p := sqlName(d, p)
	p = skipWS(d, p)
	if p >= len(d) || d[p] != '(' || name == "" {
		return "", nil, p
	}
	p++
	var cols []string
	depth := 0
	lineStart := true
	for p < len(d) && p-len(name) < len(d) {
		c := d[p]
		switch {
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return name, cols, p
			}
			depth--
		case c == ',' && depth == 0:
			lineStart = true
			p++
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p++
			continue
		}
		if lineStart && depth == 0 {
			col, q := sqlIdent(d, p)
			lineStart = false
			switch strings.ToUpper(col) {
			case "PRIMARY", "KEY", "UNIQUE", "CONSTRAINT", "INDEX", "FOREIGN", "CHECK", "FULLTEXT", "SPATIAL", "":
			default:
				cols = append(cols, col)
			}
			if q > p {
				p = q
				continue
			}
		}
		if c == '\'' {
			if e := bytes.IndexByte(d[p+1:], '\''); e >= 0 {
				p += e + 2
				continue
			}
		}
		p++
	}
	return name, cols, p
}

func sqlCopyHead(line []byte) (string, []string) {
	name, p := sqlName(line, len("copy "))
	p = skipWS(line, p)
	if p >= len(line) || line[p] != '(' {
		return "", nil
	}
	e := bytes.IndexByte(line[p:], ')')
	if e < 0 {
		return "", nil
	}
	var cols []string
	for _, c := range bytes.Split(line[p+1:p+e], []byte{','}) {
		col, _ := sqlIdent(c, 0)
		cols = append(cols, col)
	}
	return name, cols
}

// sqlInsert reads one INSERT statement from p and appends its values' spans.
func sqlInsert(d []byte, p int, tables map[string][]string, out []Span) ([]Span, int) {
	into := indexFold(d[p:min(len(d), p+32)], "into")
	if into < 0 {
		return out, p
	}
	name, q := sqlName(d, p+into+4)
	q = skipWS(d, q)
	cols := tables[name]
	if q < len(d) && d[q] == '(' {
		e := bytes.IndexByte(d[q:], ')')
		if e < 0 {
			return out, q
		}
		cols = cols[:0:0]
		for _, c := range bytes.Split(d[q+1:q+e], []byte{','}) {
			col, _ := sqlIdent(c, 0)
			cols = append(cols, col)
		}
		q = skipWS(d, q+e+1)
	}
	if !hasPrefixFold(d, q, "values") {
		return out, q
	}
	q += len("values")
	for len(out) < maxSpans {
		q = skipWS(d, q)
		if q >= len(d) || d[q] != '(' {
			return out, q
		}
		q++
		c := 0
		for q < len(d) {
			q = skipWS(d, q)
			if q >= len(d) {
				return out, q
			}
			switch d[q] {
			case '\'':
				vs := q + 1
				r := vs
				for r < len(d) {
					if d[r] == '\\' {
						r += 2
						continue
					}
					if d[r] == '\'' {
						if r+1 < len(d) && d[r+1] == '\'' {
							r += 2
							continue
						}
						break
					}
					r++
				}
				r = min(r, len(d)) // a backslash at the very end steps past it
				if c < len(cols) && r > vs {
					out = append(out, Span{Path: cols[c], Start: vs, End: r, Raw: true})
				}
				q = r + 1
			default:
				vs := q
				depth := 0
				for q < len(d) && (depth > 0 || d[q] != ',' && d[q] != ')') {
					if d[q] == '(' {
						depth++
					} else if d[q] == ')' {
						depth--
					}
					q++
				}
				if c < len(cols) && q > vs && isDigit(d[vs]) {
					out = append(out, Span{Path: cols[c], Start: vs, End: q, Raw: true})
				}
			}
			q = skipWS(d, q)
			if q < len(d) && d[q] == ',' {
				c++
				q++
				continue
			}
			if q < len(d) && d[q] == ')' {
				q++
			}
			break
		}
		q = skipWS(d, q)
		if q < len(d) && d[q] == ',' {
			q++
			continue
		}
		return out, q
	}
	return out, q
}

// pairNameValue gives the value cell of a name/value row (a COPY block of a settings
// table: "ldap.bind_pw\t…") the name its sibling cell holds as its path.
func pairNameValue(data []byte, row []Span) {
	name := -1
	for i, sp := range row {
		if nameKey(sp.Path) && sp.End-sp.Start <= maxKeyLen {
			name = i
			break
		}
	}
	if name < 0 {
		return
	}
	for i := range row {
		if i != name && valueKey(row[i].Path) {
			row[i].Path = string(data[row[name].Start:row[name].End])
		}
	}
}

// namePair gives the second string of a two-string array the first as its name:
// Sentry's request headers and cookies and Python's header lists are [name, value]
// pairs (["X-Api-Key", "…"], ["sessionid", "…"]).
func (w *jsonWalker) namePair(p string, before, elems int) {
	if elems != 2 || len(w.spans) != before+2 || w.spans[before].Raw || w.spans[before+1].Raw {
		return
	}
	n := w.spans[before]
	name := w.data[n.Start:n.End]
	if len(name) == 0 || len(name) > maxKeyLen {
		return
	}
	for _, c := range name {
		if !isKeyByte(c) {
			return // words or a sentence, not a name
		}
	}
	if generatedLooking(name) || generatedIdent(name) {
		// a list of two tokens (["<token>", "<token>"]) or a digest and a token, not a
		// name and its value: both are values of the list's own name
		return
	}
	w.spans[before+1].Path = joinPath(p, string(name))
}

// b64Name returns the name a key stored in base64 stands for: etcdctl's JSON output
// writes every key that way ("L2NvbmZpZy9kYi9wYXNzd29yZA==" for /config/db/password).
// A name that does not decode to a path of printable characters is returned as it is.
func b64Name(n string) string {
	if len(n) < 8 || len(n)%4 != 0 {
		return n
	}
	dec, err := base64.StdEncoding.DecodeString(n)
	if err != nil || len(dec) == 0 || dec[0] != '/' {
		return n
	}
	for _, c := range dec {
		if !isKeyByte(c) && c != '/' {
			return n
		}
	}
	return string(dec)
}
