package probekit

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/leakwatch/leakwatch/internal/store"
)

// Cut returns at most max bytes of s, never ending inside a UTF-8 sequence.
func Cut(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if len(s) <= max {
		return s
	}
	s = s[:max]
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r != utf8.RuneError || size > 1 {
			break
		}
		// A sequence cut in half decodes as RuneError of size 1; so does a lone invalid
		// byte, which is dropped too: cells are text.
		s = s[:len(s)-1]
	}
	// A copy: a substring would keep the whole value the server sent in memory for as
	// long as the cut cell lives (a sample of cut cells would hold every full response).
	return strings.Clone(s)
}

// CapRow cuts cells so the row holds at most max bytes, and returns its size. The
// longest cells are cut, each to an equal share of what the shorter ones leave: a
// row's short cells are kept whole, so that an api_key column beside an 80 KB body is
// sampled, where cutting in column order left every cell after the body empty.
func CapRow(row []string, max int) int {
	total := 0
	for _, c := range row {
		total += len(c)
	}
	if total <= max {
		return total
	}
	// The level: the largest cap per cell with the capped cells' sum within max.
	lens := make([]int, len(row))
	for i, c := range row {
		lens[i] = len(c)
	}
	slices.Sort(lens)
	rem, level := max, 0
	if rem < 0 {
		rem = 0
	}
	for i, l := range lens {
		if l*(len(lens)-i) <= rem {
			rem -= l
			continue
		}
		level = rem / (len(lens) - i)
		rem -= level * (len(lens) - i) // what the level leaves over: to the first cells cut
		break
	}
	used := 0
	for i, c := range row {
		if len(c) > level {
			extra := min(rem, len(c)-level)
			rem -= extra
			row[i] = Cut(c, level+extra)
		}
		used += len(row[i])
	}
	return used
}

// Printable makes bytes from the network safe to show in one line of an error or a
// detail: invalid UTF-8 and control characters are escaped, and the text is cut.
func Printable(b []byte, max int) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '·'
		}
		return r
	}, s)
	if len(s) > max {
		return Cut(s, max) + "…"
	}
	return s
}

// Trim cuts a body for error messages.
func Trim(b []byte) string { return strings.TrimSpace(Printable(b, 200)) }

// FirstLine is the first line of s, cut to n bytes.
func FirstLine(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		// Copied for the reason Cut copies: the rest of s may be megabytes.
		s = strings.Clone(s[:i])
	}
	if len(s) > n {
		s = Cut(s, n) + "…"
	}
	return s
}

// JSONCell renders a JSON value as a sample cell: strings as their text, null as "",
// anything else as compact JSON.
func JSONCell(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) == nil {
		return b.String()
	}
	return string(raw)
}

// Budget keeps a sample within its caps: rows up to maxRows, each row up to maxRow
// bytes, all rows together up to maxTotal bytes — and the endpoint's sample budget,
// shared with every other sample of the probe: each row kept is charged to it, and
// once it is spent the sample takes no more rows.
type Budget struct {
	ep                        *store.SampleBudget
	maxRows, maxRow, maxTotal int
	used, rows                int
}

// NewBudget returns a budget for one sample charged to the endpoint's budget ep (nil:
// none).
func NewBudget(ep *store.SampleBudget, maxRows, maxRow, maxTotal int) *Budget {
	return &Budget{ep: ep, maxRows: maxRows, maxRow: maxRow, maxTotal: maxTotal}
}

// SampleBudget is the usual budget of one table's sample under o: SampleRows rows,
// MaxRowBytes a row, MaxSampleBytes in all, charged to o.Samples.
func SampleBudget(o *store.Options) *Budget {
	return NewBudget(o.Samples, o.SampleRows, o.MaxRowBytes, o.MaxSampleBytes)
}

// Add caps row in place and reports whether it fits; once it returns false the sample
// is full (or the endpoint's budget spent).
func (b *Budget) Add(row []string) bool {
	if b.rows >= b.maxRows || b.used >= b.maxTotal || b.ep.Spent() {
		return false
	}
	n := CapRow(row, b.maxRow)
	if b.used+n > b.maxTotal {
		n = CapRow(row, b.maxTotal-b.used)
	}
	if n > 0 {
		got := b.ep.Take(n)
		if got == 0 {
			return false
		}
		if got < n {
			n = CapRow(row, got)
			b.ep.Give(got - n)
		}
	}
	b.used += n
	b.rows++
	return true
}

// Full reports whether no further row fits.
func (b *Budget) Full() bool {
	return b.rows >= b.maxRows || b.used >= b.maxTotal || b.ep.Spent()
}

// Release gives every byte the sample was charged back to the endpoint's budget and
// empties it: the rows it kept are dropped (a sample read again another way).
func (b *Budget) Release() {
	b.ep.Give(b.used)
	b.used, b.rows = 0, 0
}

// SampleCut is the characters each cell of a SQL sample query is cut to on the server:
// no more than one row keeps (MaxRowBytes), nor the table's sample (MaxSampleBytes), nor
// what is left of the endpoint's sample budget. A cell is never kept longer than that
// many bytes and a character is at least one byte, so the cut loses nothing the sample
// would keep; what crosses the network shrinks with the budget instead of being
// MaxRowBytes a cell.
func SampleCut(o *store.Options) int {
	return int(max(1, min(int64(o.MaxRowBytes), int64(o.MaxSampleBytes), o.Samples.Left())))
}
