package apiprobe

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// CapRow cuts cells, in order, so that the row holds at most max bytes, at rune
// boundaries; it returns the row's size afterwards.
func CapRow(row []string, max int) int {
	used := 0
	for i := range row {
		room := max - used
		if room < 0 {
			room = 0
		}
		if len(row[i]) > room {
			row[i] = CutString(row[i], room)
		}
		used += len(row[i])
	}
	return used
}

// CutString returns at most n bytes of s without splitting a rune.
func CutString(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if r == utf8.RuneError && size <= 1 {
			s = s[:len(s)-1]
			continue
		}
		break
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
// bytes, all rows together up to maxTotal bytes.
type Budget struct {
	maxRows, maxRow, maxTotal int
	used, rows                int
}

// NewBudget returns a budget for one sample.
func NewBudget(maxRows, maxRow, maxTotal int) *Budget {
	return &Budget{maxRows: maxRows, maxRow: maxRow, maxTotal: maxTotal}
}

// Add caps row in place and reports whether it fits; once it returns false the sample
// is full.
func (b *Budget) Add(row []string) bool {
	if b.rows >= b.maxRows || b.used >= b.maxTotal {
		return false
	}
	n := CapRow(row, b.maxRow)
	if b.used+n > b.maxTotal {
		n = CapRow(row, b.maxTotal-b.used)
	}
	b.used += n
	b.rows++
	return true
}

// Full reports whether no further row fits.
func (b *Budget) Full() bool { return b.rows >= b.maxRows || b.used >= b.maxTotal }
