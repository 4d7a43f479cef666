package detect

import "bytes"

// Tables whose header names a column: a column headed by a password's or a secret's
// name holds one in each row, as a CSV column does under its header (csv.go) and a
// Markdown table's does (held16.go's mdTable). The readers here read the other table
// syntaxes a runbook, a wiki page or a query's output is written in:
//
//   - HTML: a <tr> of <th> cells (in a <thead> or not) names the columns of the <td>
//     rows below; a <th> beside a <td> in one row names that cell;
//   - MediaWiki: "{|" opens, "!" lines are header cells, "|-" starts a row, "|" lines
//     are data cells, "!!" and "||" separate cells on one line, "|}" closes; a cell's
//     attributes stand before a single '|';
//   - AsciiDoc: "|===" opens and closes; the first line's cells are the header when a
//     blank line follows it or the block's attributes say "header";
//   - ruled tables: a header line above a rule of dashes or equals signs. With '+' or
//     '|' in the rule (psql's "----+----", mysql's and reStructuredText's grid
//     "+----+----+", "+====+") the cells are split at '|'; a rule of blank-separated
//     runs ("-----  -------", reStructuredText's simple "=====  =====") gives each
//     column its run's position;
//   - org-mode's "|---+---|" rule is a Markdown table's to mdTable.
//
// Every reader keeps to tableSpan bytes and tableRows rows, and records the span it
// read so that the anchors inside it (a grid's row rules, a closing "|===") are not
// read again: a hostile text of many small tables costs each byte once.

const (
	tableRows    = 200
	tableCols    = 32
	tableCellMax = 512
	tableSpan    = 64 << 10
)

// tableKinds classes a header row's cells: 1 a password's column, 2 a secret's, 0
// neither; nil when no column names either. Beside a "Value" column, a "Key" column
// holds names.
func tableKinds(data []byte, head [][2]int) []uint8 {
	if len(head) > tableCols {
		head = head[:tableCols]
	}
	var kinds []uint8
	pairs := false // a "Key | Value" table: its keys are names
	for _, h := range head {
		if v := bytes.TrimSpace(data[h[0]:h[1]]); len(v) <= 6 && (bytes.EqualFold(v, []byte("value")) || bytes.EqualFold(v, []byte("values"))) {
			pairs = true
		}
	}
	for i, h := range head {
		if h[1]-h[0] > 64 || pairs && bytes.EqualFold(bytes.TrimSpace(data[h[0]:h[1]]), []byte("key")) {
			continue
		}
		p, s := held16Header(data[h[0]:h[1]])
		if !p && !s {
			continue
		}
		if kinds == nil {
			kinds = make([]uint8, len(head))
		}
		kinds[i] = 2
		if p {
			kinds[i] = 1
		}
	}
	return kinds
}

// tableCell emits the cell at vs:ve under its column's kind: one word without the
// markup around it (tableCellText), through the gate of a value of that kind.
func (d *held16Det) tableCell(sc *scanner, kind uint8, vs, ve int) {
	data := sc.data
	if kind == 0 || ve-vs > tableCellMax {
		return
	}
	vs, ve = tableCellText(data, vs, ve)
	if ve <= vs || bytes.IndexByte(data[vs:ve], ' ') >= 0 || bytes.IndexByte(data[vs:ve], '\t') >= 0 {
		return
	}
	if credTypeName(data[vs:ve]) {
		return
	}
	if kind == 1 {
		d.pw(sc, vs, ve)
	} else {
		d.sec(sc, vs, ve)
	}
}

// credTypeName reports a cell of letters only that holds a credential word: the name of
// a kind of credential, as a table of an SDK's credential types lists them
// (`ClientSecretCredential`, `UsernamePasswordCredential` under a "Credential" header),
// not a value of one.
func credTypeName(v []byte) bool {
	return run(v, 0, cLower|cUpper, -1) == len(v) && containsFold(v, "credential", "password", "secret", "token")
}

// tableCellText is a cell's text without the markup around it: inline tags (<code>,
// <nowiki>, <span …>) and the same run of emphasis or code marks at both ends
// (Markdown's `…` and **…**, MediaWiki's ”'…”', AsciiDoc's *…* and +…+).
func tableCellText(data []byte, s, e int) (int, int) {
	for n := 0; n < 8; n++ {
		s, e = htmlCellText(data, s, e)
		if e-s < 3 || !bytes.ContainsRune([]byte("`*_'+~="), rune(data[s])) || data[e-1] != data[s] {
			return s, e
		}
		k := 0
		for s+k < e-k-1 && data[s+k] == data[s] && data[e-1-k] == data[s] {
			k++
		}
		s, e = s+k, e-k
	}
	return s, e
}

// tableRead reports whether at lies in the table read last.
func tableRead(sc *scanner, at int) bool { return at >= sc.tableLo && at < sc.tableHi }

// splitCells splits s:e at each sep, trimmed, at most tableCols cells (appended to out).
func splitCells(data []byte, s, e int, sep string, out [][2]int) [][2]int {
	for len(out) < tableCols {
		i := bytes.Index(data[s:e], []byte(sep))
		t := e
		if i >= 0 {
			t = s + i
		}
		a, b := trimSpan(data, s, t)
		out = append(out, [2]int{a, b})
		if i < 0 {
			break
		}
		s = t + len(sep)
	}
	return out
}

// nextLine is the start of the line after the one at p, or -1 when that line is longer
// than a table's (or the text ends).
func nextLine(data []byte, p int) int {
	e := lineEndWithin(data, p, 4096)
	if e >= len(data) || data[e] != '\n' {
		return -1
	}
	return e + 1
}

// pipeRow splits a line at '|' into cells, dropping the empty text before a leading
// '|' and after a trailing one.
func pipeRow(data []byte, ls, le int) [][2]int {
	s, e := trimSpan(data, ls, le)
	if s < e && data[s] == '|' {
		s++
	}
	if e > s && data[e-1] == '|' {
		e--
	}
	if s >= e || bytes.IndexByte(data[s:e], '|') < 0 {
		return nil
	}
	return splitCells(data, s, e, "|", nil)
}

// ruleLine reports whether ls:le is a table's rule (dashes or equals signs, '+', '|',
// ':' and blanks, at least three dashes or equals signs), and whether it holds '+' or
// '|'.
func ruleLine(data []byte, ls, le int) (ok, pipes bool) {
	n := 0
	for i := ls; i < le; i++ {
		switch data[i] {
		case '-', '=':
			n++
		case '+', '|':
			pipes = true
		case ':', ' ', '\t', '\r':
		default:
			return false, false
		}
	}
	return n >= 3, pipes
}

// ruledTable reads a table at the rule under its header line.
func (d *held16Det) ruledTable(sc *scanner, at, _ int) {
	data := sc.data
	if !atLineStart(data, at) || tableRead(sc, at) {
		return
	}
	ls := lineStartWithin(data, at, 256)
	if ls < 2 || data[skipSpaces(data, ls)] == '|' {
		return // a Markdown or org table's rule: mdTable's
	}
	le := lineEnd(data, at, 4096)
	ok, pipes := ruleLine(data, ls, le)
	if !ok {
		return
	}
	hs := lineStartWithin(data, ls-1, 2048)
	he := ls - 1
	var kinds []uint8
	var runs [][2]int
	if pipes {
		head := pipeRow(data, hs, he)
		if len(head) < 2 {
			return
		}
		kinds = tableKinds(data, head)
	} else {
		runs = ruleRuns(data, ls, le)
		if len(runs) < 2 {
			return
		}
		head, ok := runCells(data, hs, he, runs)
		if !ok {
			return
		}
		kinds = tableKinds(data, head)
	}
	if kinds == nil {
		return
	}
	p := nextLine(data, at)
	for rows := 0; rows < tableRows && p > 0 && p-at < tableSpan; rows++ {
		re := lineEnd(data, p, 4096)
		if s, e := trimSpan(data, p, re); s >= e {
			break
		}
		if ok, _ := ruleLine(data, p, re); ok {
			if !pipes {
				p = nextLine(data, p)
				break // reStructuredText's closing rule
			}
			p = nextLine(data, p)
			continue // a grid's rule between rows
		}
		var cells [][2]int
		if pipes {
			cells = pipeRow(data, p, re)
			if len(cells) < 2 {
				break
			}
		} else if cells, ok = runCells(data, p, re, runs); !ok {
			p = nextLine(data, p)
			continue
		}
		for i, c := range cells {
			if i < len(kinds) {
				d.tableCell(sc, kinds[i], c[0], c[1])
			}
		}
		p = nextLine(data, p)
	}
	if p < 0 {
		p = len(data)
	}
	sc.tableLo, sc.tableHi = at, p
}

// ruleRuns are the columns of a rule of blank-separated runs, as offsets in its line.
func ruleRuns(data []byte, ls, le int) [][2]int {
	var runs [][2]int
	for i := ls; i < le && len(runs) < tableCols; {
		if data[i] != '-' && data[i] != '=' {
			i++
			continue
		}
		j := i
		for j < le && data[j] == data[i] {
			j++
		}
		runs = append(runs, [2]int{i - ls, j - ls})
		i = j
	}
	return runs
}

// runCells cuts the line ls:le at the columns of runs: a column's text starts at its
// run and ends before the next run; false when text crosses a column's start (the line
// is no row of the table).
func runCells(data []byte, ls, le int, runs [][2]int) ([][2]int, bool) {
	n := le - ls
	for i := ls; i < le && i-ls < runs[0][0]; i++ {
		if data[i] != ' ' {
			return nil, false
		}
	}
	cells := make([][2]int, len(runs))
	for i, r := range runs {
		s, e := r[0], n
		if i+1 < len(runs) {
			e = min(n, runs[i+1][0])
			if e > 0 && e < n && data[ls+e-1] != ' ' {
				return nil, false
			}
		}
		if s >= e {
			cells[i] = [2]int{ls + e, ls + e}
			continue
		}
		a, b := trimSpan(data, ls+s, ls+e)
		cells[i] = [2]int{a, b}
	}
	return cells, true
}

// wikiTable reads a MediaWiki table from its "{|".
func (d *held16Det) wikiTable(sc *scanner, at, _ int) {
	data := sc.data
	if !atLineStart(data, at) || tableRead(sc, at) {
		return
	}
	var head [][2]int
	var kinds []uint8
	var g tableGrid
	p := nextLine(data, at)
	for n := 0; n < 4*tableRows && p > 0 && p-at < tableSpan; n++ {
		le := lineEnd(data, p, 4096)
		s := skipSpaces(data, p)
		next := nextLine(data, p)
		if s >= le {
			p = next
			continue
		}
		switch {
		case hasPrefixFold(data, s, "|}"), hasPrefixFold(data, s, "{|"):
			sc.tableLo, sc.tableHi = at, s
			return
		case hasPrefixFold(data, s, "|-"):
			if kinds == nil && len(head) > 0 {
				if kinds = tableKinds(data, head); kinds == nil {
					return
				}
			}
			g.row()
		case hasPrefixFold(data, s, "|+"):
		case data[s] == '!':
			var cells [][2]int
			for _, c := range splitCells(data, s+1, le, "!!", nil) {
				cells = splitCells(data, c[0], c[1], "||", cells)
			}
			for _, c := range cells {
				t, attrs := wikiCell(data, c)
				head = g.placeHead(head, kinds == nil, t, attrs)
			}
		case data[s] == '|':
			if kinds == nil {
				if len(head) == 0 {
					return // a row before any header
				}
				if kinds = tableKinds(data, head); kinds == nil {
					return
				}
			}
			for _, c := range splitCells(data, s+1, le, "||", nil) {
				t, attrs := wikiCell(data, c)
				if col := g.place(attrs); col < len(kinds) {
					d.tableCell(sc, kinds[col], t[0], t[1])
				}
			}
		default:
			if kinds == nil && len(head) == 0 && n > 8 {
				return
			}
		}
		p = next
	}
	if p < 0 {
		p = len(data)
	}
	sc.tableLo, sc.tableHi = at, p
}

// wikiCell is a MediaWiki cell's text and attributes: what follows and precedes its
// attributes' '|' (text with a '=' and no markup before a single '|').
func wikiCell(data []byte, c [2]int) ([2]int, []byte) {
	i := bytes.IndexByte(data[c[0]:c[1]], '|')
	if i < 0 {
		return c, nil
	}
	attrs := data[c[0] : c[0]+i]
	if bytes.IndexByte(attrs, '=') < 0 || bytes.ContainsAny(attrs, "<[{'") {
		return c, nil
	}
	a, b := trimSpan(data, c[0]+i+1, c[1])
	return [2]int{a, b}, attrs
}

// tableGrid places a row's cells in columns around the cells of the rows above that
// span rows (rowspan), a cell spanning columns (colspan) taking them all, as HTML and
// MediaWiki tables do.
type tableGrid struct {
	left [tableCols]uint8 // the rows a cell from above still covers, a column
	occ  [tableCols]bool  // the columns cells from above cover in this row
	col  int
}

// row starts a row.
func (g *tableGrid) row() {
	g.col = 0
	for c := range g.left {
		g.occ[c] = g.left[c] > 0
		if g.left[c] > 0 {
			g.left[c]--
		}
	}
}

// place puts a cell with the attributes attrs in the row and returns its column.
func (g *tableGrid) place(attrs []byte) int {
	cols, rows := spanAttr(attrs, "colspan"), spanAttr(attrs, "rowspan")
	for g.col < tableCols && g.occ[g.col] {
		g.col++
	}
	c := g.col
	for k := 0; k < cols && c+k < tableCols; k++ {
		g.left[c+k] = uint8(rows - 1)
	}
	g.col += cols
	return c
}

// placeHead places a header cell t, adding it to head (at each column it spans) while
// the header is read.
func (g *tableGrid) placeHead(head [][2]int, reading bool, t [2]int, attrs []byte) [][2]int {
	c := g.place(attrs)
	if !reading {
		return head
	}
	for k := c; k < min(g.col, tableCols); k++ {
		for len(head) <= k {
			head = append(head, [2]int{})
		}
		head[k] = t
	}
	return head
}

// spanAttr is the number attribute name ("colspan", "rowspan") gives in attrs: 1 when
// none, at most tableCols.
func spanAttr(attrs []byte, name string) int {
	i := indexFold(attrs, name)
	if i < 0 {
		return 1
	}
	p := i + len(name)
	for p < len(attrs) && (attrs[p] == ' ' || attrs[p] == '=' || attrs[p] == '"' || attrs[p] == '\'') {
		p++
	}
	n := 0
	for p < len(attrs) && attrs[p] >= '0' && attrs[p] <= '9' && n <= tableCols {
		n = n*10 + int(attrs[p]-'0')
		p++
	}
	return min(max(n, 1), tableCols)
}

// adocTable reads an AsciiDoc table from its "|===".
func (d *held16Det) adocTable(sc *scanner, at, _ int) {
	data := sc.data
	if !atLineStart(data, at) || tableRead(sc, at) {
		return
	}
	hs := nextLine(data, at)
	if hs < 0 {
		return
	}
	he := lineEnd(data, hs, 4096)
	s := skipSpaces(data, hs)
	if s >= he || data[s] != '|' {
		return
	}
	head := splitCells(data, s+1, he, "|", nil)
	if len(head) < 2 {
		return
	}
	explicit := false
	if ls := lineStartWithin(data, at, 256); ls >= 2 {
		as := lineStartWithin(data, ls-1, 512)
		if a := data[as : ls-1]; len(a) > 0 && a[0] == '[' && indexFold(a, "header") >= 0 {
			explicit = true
		}
	}
	p := nextLine(data, hs)
	if !explicit {
		if p < 0 {
			return
		}
		if a, b := trimSpan(data, p, lineEnd(data, p, 4096)); a < b {
			return // no blank line after the first: no header row
		}
	}
	kinds := tableKinds(data, head)
	if kinds == nil {
		return
	}
	idx := 0
	for n := 0; n < 4*tableRows && p > 0 && p-at < tableSpan && idx < tableRows*len(kinds); n++ {
		le := lineEnd(data, p, 4096)
		s := skipSpaces(data, p)
		if hasPrefixFold(data, s, "|===") {
			p = nextLine(data, p)
			break
		}
		if s < le && data[s] == '|' {
			for _, c := range splitCells(data, s+1, le, "|", nil) {
				d.tableCell(sc, kinds[idx%len(kinds)], c[0], c[1])
				idx++
			}
		}
		p = nextLine(data, p)
	}
	if p < 0 {
		p = len(data)
	}
	sc.tableLo, sc.tableHi = at, p
}

// htmlTable reads an HTML table from its "<table".
func (d *held16Det) htmlTable(sc *scanner, at, p int) {
	data := sc.data
	if tableRead(sc, at) || p >= len(data) || (data[p] != '>' && data[p] != ' ' && data[p] != '\n' && data[p] != '\t' && data[p] != '\r') {
		return
	}
	end := min(len(data), at+tableSpan)
	var head [][2]int
	var kinds []uint8
	var g tableGrid
	rows := 0
	rowHead := -1 // in a row, the kind a <th> before a <td> gives it (-1: none)
	for p < end {
		i := bytes.IndexByte(data[p:end], '<')
		if i < 0 {
			break
		}
		t := p + i
		name, closing, after := htmlTag(data, t, end)
		if after < 0 {
			break
		}
		attrs := data[t:after]
		p = after
		if closing {
			if name == "table" {
				break
			}
			continue
		}
		switch name {
		case "table":
			p = end // a nested table: not read
		case "tr":
			if rows++; rows > tableRows {
				p = end
				break
			}
			if kinds == nil && len(head) >= 2 {
				kinds = tableKinds(data, head)
			}
			head = head[:0]
			g.row()
			rowHead = -1
		case "th", "td":
			ce := htmlCellEnd(data, after, end)
			vs, ve := htmlCellText(data, after, ce)
			p = ce
			if name == "th" {
				head = g.placeHead(head, kinds == nil, [2]int{vs, ve}, attrs)
				rowHead = -1
				if ve-vs <= 64 {
					if pw, s := held16Header(data[vs:ve]); pw {
						rowHead = 1
					} else if s {
						rowHead = 2
					}
				}
				continue
			}
			col := g.place(attrs)
			switch {
			case rowHead > 0:
				d.tableCell(sc, uint8(rowHead), vs, ve) // <th>Password</th><td>…</td>
			case kinds != nil && col < len(kinds):
				d.tableCell(sc, kinds[col], vs, ve)
			}
			rowHead = -1
		}
	}
	sc.tableLo, sc.tableHi = at, max(p, at+1)
}

// htmlTag reads the tag at t ('<'): its name in lower case (letters and digits, at most
// 8), whether it closes, and the offset after its '>' (-1 when none before end).
func htmlTag(data []byte, t, end int) (string, bool, int) {
	s := t + 1
	closing := s < end && data[s] == '/'
	if closing {
		s++
	}
	e := s
	for e < end && e-s < 8 && (is(data[e], cWord)) {
		e++
	}
	var buf [8]byte
	n := copy(buf[:], data[s:e])
	name := bytes.ToLower(buf[:n])
	g := bytes.IndexByte(data[e:end], '>')
	if g < 0 {
		return "", false, -1
	}
	return string(name), closing, e + g + 1
}

// htmlCellEnd is where the cell whose text starts at p ends: at the next tag that opens
// or closes a cell, a row, a table section or the table.
func htmlCellEnd(data []byte, p, end int) int {
	for p < end {
		i := bytes.IndexByte(data[p:end], '<')
		if i < 0 {
			return end
		}
		t := p + i
		s := t + 1
		if s < end && data[s] == '/' {
			s++
		}
		for _, n := range [...]string{"td", "th", "tr", "table", "thead", "tbody", "tfoot"} {
			if hasPrefixFold(data, s, n) && s+len(n) < end && !is(data[s+len(n)], cWord) {
				return t
			}
		}
		p = t + 1
	}
	return end
}

// htmlCellText is a cell's text without the blanks and the inline tags (<code>, <kbd>,
// <span …>) around it.
func htmlCellText(data []byte, s, e int) (int, int) {
	for n := 0; n < 8; n++ {
		s, e = trimSpan(data, s, e)
		switch {
		case s < e && data[s] == '<':
			g := bytes.IndexByte(data[s:e], '>')
			if g < 0 {
				return s, s
			}
			s += g + 1
		case e > s && data[e-1] == '>':
			l := bytes.LastIndexByte(data[s:e], '<')
			if l < 0 {
				return s, s
			}
			e = s + l
		default:
			return s, e
		}
	}
	return s, s
}
