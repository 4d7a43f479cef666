package report

import (
	"io"
	"slices"
	"strings"

	"github.com/jedib0t/go-pretty/v6/table"
	"github.com/jedib0t/go-pretty/v6/text"
)

// The text report fits the terminal: every line it writes is at most Options.Width
// columns wide as the terminal draws it (wide East Asian characters count two). Cells
// are wrapped at spaces (or cut inside a word longer than the cell), or truncated with
// "…" where a second line would not help; when even the narrowest useful widths do not
// fit, the columns of least value are left out. The text passes through untrusted.Text
// before it is measured: escaping makes a string longer, never shorter, and what is
// measured is what is written.

// DefaultWidth is the width used when the output is not a terminal and COLUMNS is unset.
const DefaultWidth = 100

// minWidth is the narrowest width the layout honours; a narrower terminal gets lines of
// this width.
const minWidth = 40

// displayWidth is how many terminal columns s takes, escape sequences aside.
func displayWidth(s string) int { return text.StringWidthWithoutEscSequences(s) }

// wrap breaks s into lines of at most width columns, at spaces where it can and inside
// a word longer than a line. width <= 0 means no limit.
func wrap(s string, width int) []string {
	if width <= 0 || displayWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	var cur strings.Builder
	curW := 0
	flush := func() {
		lines = append(lines, cur.String())
		cur.Reset()
		curW = 0
	}
	for _, word := range strings.Split(s, " ") {
		ww := displayWidth(word)
		switch {
		case curW > 0 && curW+1+ww <= width:
			cur.WriteByte(' ')
			cur.WriteString(word)
			curW += 1 + ww
			continue
		case curW > 0:
			flush()
		}
		if ww <= width {
			cur.WriteString(word)
			curW = ww
			continue
		}
		// A word longer than a line: cut it after the last '.', '/', ':', '_', '-' or
		// ',' that fits on the line, else where the line is full.
		rs := []rune(word)
		for len(rs) > 0 {
			n, w, cut := 0, 0, 0
			for n < len(rs) && w+text.RuneWidth(rs[n]) <= width {
				w += text.RuneWidth(rs[n])
				if strings.ContainsRune("./:_-,", rs[n]) {
					cut = n + 1
				}
				n++
			}
			if n == len(rs) {
				cur.WriteString(string(rs))
				curW = w
				break
			}
			if cut == 0 || cut < n/2 {
				cut = max(n, 1) // no break worth taking: cut where the line is full
			}
			cur.WriteString(string(rs[:cut]))
			flush()
			rs = rs[cut:]
		}
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// truncate cuts s to at most width columns, ending it with "…" when cut.
func truncate(s string, width int) string {
	if width <= 0 || displayWidth(s) <= width {
		return s
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := text.RuneWidth(r)
		if w+rw > width-1 {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return b.String() + "…"
}

// width is the width lines must fit in, or 0 for no limit (--wide).
func (t *Text) width() int {
	switch {
	case t.Wide:
		return 0
	case t.Width <= 0:
		return DefaultWidth
	case t.Width < minWidth:
		return minWidth
	}
	return t.Width
}

// para writes s wrapped to the width, the first line after lead and the others after
// as many spaces as lead is wide, two at least (lead may be coloured): a line the
// wrapping starts never starts at column 0, so text a server chose cannot pass for a line
// of the report's own (a severity, a heading). paint colours each line after it is cut,
// so that no colour sequence is split.
func (t *Text) para(w io.Writer, lead, s string, paint func(string) string) {
	indent := max(displayWidth(lead), 2)
	width := t.width()
	avail := 0
	if width > 0 {
		avail = max(width-indent, 10)
	}
	pad := strings.Repeat(" ", indent)
	for i, l := range wrap(s, avail) {
		if paint != nil {
			l = paint(l)
		}
		if i == 0 {
			io.WriteString(w, lead+l+"\n")
		} else {
			io.WriteString(w, pad+l+"\n")
		}
	}
}

// column describes one column of a text table.
type column struct {
	header string
	// min is the narrowest width the column is worth showing at; want, for a column
	// never left out, the width it gets before others are left out (0: its natural one).
	min  int
	want int
	// drop orders the columns left out when the table does not fit: the highest first;
	// 0 is never left out.
	drop int
	// truncate cuts the cell to one line instead of wrapping it.
	truncate bool
	right    bool
}

// cell is a table cell: its text (already made safe with untrusted.Text, uncoloured)
// and the colour to paint each of its lines with.
type cell struct {
	s string
	c text.Colors
}

// tableOverhead is what the light box style adds to a row of n columns: a border
// before each column and after the last, and a space of padding on each side.
func tableOverhead(n int) int { return 3*n + 1 }

// layout decides which columns to show and how wide. Natural widths when they fit (or
// there is no limit). Otherwise the columns that are never left out keep the width they
// want if they can, the others shrink to their narrowest useful widths and, while even
// that does not fit, are left out in their drop order; what room is left goes first to
// the columns never left out, then to the others, most valuable first.
func layout(cols []column, rows [][]cell, width int) (show []int, widths []int) {
	natural := make([]int, len(cols))
	for i, c := range cols {
		natural[i] = displayWidth(c.header)
		for _, r := range rows {
			if i < len(r) {
				for _, l := range strings.Split(r[i].s, "\n") {
					natural[i] = max(natural[i], displayWidth(l))
				}
			}
		}
	}
	for i := range cols {
		show = append(show, i)
	}
	minOf := func(i int) int { return min(natural[i], max(cols[i].min, 1)) }
	wantOf := func(i int) int {
		if cols[i].want > 0 {
			return max(minOf(i), min(natural[i], cols[i].want))
		}
		return natural[i]
	}
	if width > 0 {
		for {
			need := tableOverhead(len(show))
			for _, i := range show {
				if cols[i].drop == 0 {
					need += wantOf(i)
				} else {
					need += minOf(i)
				}
			}
			if need <= width {
				break
			}
			drop, at := 0, -1
			for k, i := range show {
				if cols[i].drop > drop {
					drop, at = cols[i].drop, k
				}
			}
			if at < 0 {
				break
			}
			show = append(show[:at], show[at+1:]...)
		}
	}
	widths = make([]int, len(show))
	total := 0
	for k, i := range show {
		widths[k] = natural[i]
		total += natural[i]
	}
	if width <= 0 || total+tableOverhead(len(show)) <= width {
		return show, widths
	}
	avail := width - tableOverhead(len(show))
	used := 0
	for k, i := range show {
		widths[k] = minOf(i)
		used += widths[k]
	}
	if used > avail {
		// Narrower than the narrowest useful widths: shrink them all alike.
		for k := range widths {
			widths[k] = max(1, widths[k]*avail/used)
		}
		return show, widths
	}
	// Share out what is left: to the columns never left out first, a column at a time
	// so that they grow alike, then to the others in order of value.
	left := avail - used
	for {
		gave := false
		for k, i := range show {
			if left > 0 && cols[i].drop == 0 && widths[k] < natural[i] {
				widths[k]++
				left--
				gave = true
			}
		}
		if !gave || left == 0 {
			break
		}
	}
	order := make([]int, 0, len(show))
	for k, i := range show {
		if cols[i].drop > 0 {
			order = append(order, k)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cols[show[a]].drop - cols[show[b]].drop })
	for _, k := range order {
		add := min(left, natural[show[k]]-widths[k])
		widths[k] += add
		left -= add
	}
	return show, widths
}

// table writes a light box table fitted to the width.
func (t *Text) table(w io.Writer, cols []column, rows [][]cell) {
	width := t.width()
	show, widths := layout(cols, rows, width)
	fit := func(c cell, k int) string {
		i := show[k]
		var lines []string
		for _, l := range strings.Split(c.s, "\n") {
			if cols[i].truncate {
				lines = append(lines, truncate(l, widths[k]))
			} else {
				lines = append(lines, wrap(l, widths[k])...)
			}
		}
		for j, l := range lines {
			if t.Color && len(c.c) > 0 {
				lines[j] = c.c.Sprint(l)
			}
		}
		return strings.Join(lines, "\n")
	}
	tw := table.NewWriter()
	tw.SetOutputMirror(w)
	style := table.StyleLight
	style.Options.SeparateRows = false
	style.Format.Header = text.FormatUpper
	if t.Color {
		style.Color.Header = text.Colors{text.Bold}
	}
	tw.SetStyle(style)
	header := make(table.Row, len(show))
	var cfgs []table.ColumnConfig
	for k, i := range show {
		header[k] = fit(cell{s: cols[i].header}, k)
		cfg := table.ColumnConfig{Number: k + 1}
		if cols[i].right {
			cfg.Align = text.AlignRight
		}
		cfgs = append(cfgs, cfg)
	}
	tw.AppendHeader(header)
	tw.SetColumnConfigs(cfgs)
	for _, r := range rows {
		row := make(table.Row, len(show))
		for k, i := range show {
			if i < len(r) {
				row[k] = fit(r[i], k)
			}
		}
		tw.AppendRow(row)
	}
	if width > 0 {
		// The widths above already fit; this only guards against a miscount.
		tw.SetAllowedRowLength(width)
	}
	tw.Render()
}
