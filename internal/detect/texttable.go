package detect

import "bytes"

// Text tables as database clients print them: psql's expanded display ("-[ RECORD 1 ]"
// then "name | value" rows), its aligned output, mysql's and ClickHouse's boxes ("| name
// | value |", "│ name │ value │"). A row whose first cell is a key name holds that
// key's value in the second cell (found by the held7 evaluation split).

var boxBar = []byte("│") // U+2502, ClickHouse's Pretty formats

// cellBar reports a cell border at data[p] and its length: '|' or "│".
func cellBar(data []byte, p int) int {
	if p < len(data) && data[p] == '|' {
		return 1
	}
	if bytes.HasPrefix(data[p:], boxBar) {
		return len(boxBar)
	}
	return 0
}

// textTableValue reads the value cell of a row whose first cell is the key at
// [ks, p): the key must open its line (after blanks and a border) and a border with a
// blank on each side must follow it. The value is the second cell, one word.
func textTableValue(data []byte, ks, p int) (int, int, bool) {
	// the key opens the row
	b := ks
	for b > 0 && (data[b-1] == ' ' || data[b-1] == '\t') {
		b--
	}
	lead := 0 // the row's leading border, if any: '|' or "│"
	if b >= 1 && data[b-1] == '|' {
		lead = 1
	} else if b >= len(boxBar) && bytes.Equal(data[b-len(boxBar):b], boxBar) {
		lead = len(boxBar)
	}
	b -= lead
	if b > 0 && data[b-1] != '\n' {
		return 0, 0, false
	}
	if lead > 0 && ks == b+lead { // "|pw" or "│pw" without a blank is no drawn table
		return 0, 0, false
	}
	q := skipSpaces(data, p)
	if q == 0 || data[q-1] != ' ' {
		return 0, 0, false
	}
	n := cellBar(data, q)
	if n == 0 || q+n >= len(data) || data[q+n] != ' ' {
		return 0, 0, false
	}
	vs := skipSpaces(data, q+n)
	ve := vs
	for ve < len(data) && ve-vs < maxUnquoted && data[ve] != ' ' && data[ve] != '\n' && data[ve] != '\r' && data[ve] != '\t' {
		ve++
	}
	if ve == vs {
		return 0, 0, false
	}
	// the cell ends there: a border, the line's end, or blanks up to either
	e := ve
	for e < len(data) && e-ve < 256 && (data[e] == ' ' || data[e] == '\t') {
		e++ // (a wide column pads its cells far)
	}
	if e < len(data) && data[e] != '\n' && data[e] != '\r' && cellBar(data, e) == 0 {
		return 0, 0, false // words: a description, not a value
	}
	return vs, ve, true
}

// blankSepValue reads "dotted.key<blanks>value" on a line of its own, as
// spark-defaults.conf and Java properties files write it: the key opens the line and
// holds a dot, a tab or two blanks follow it, and the value is one word that ends the
// line.
func blankSepValue(data []byte, ks, ke, p int) (int, int, bool) {
	if ks > 0 && data[ks-1] != '\n' || bytes.IndexByte(data[ks:ke], '.') < 0 || p >= len(data) {
		return 0, 0, false
	}
	q := ke
	for q < len(data) && q-ke < 64 && (data[q] == ' ' || data[q] == '\t') {
		q++
	}
	if q-ke < 2 && !(q-ke == 1 && data[ke] == '\t') {
		return 0, 0, false
	}
	ve := q
	for ve < len(data) && ve-q < maxUnquoted && data[ve] > ' ' && data[ve] < 0x7f {
		ve++
	}
	e := ve
	for e < len(data) && (data[e] == ' ' || data[e] == '\t' || data[e] == '\r') {
		e++
	}
	if ve == q || e < len(data) && data[e] != '\n' {
		return 0, 0, false
	}
	return q, ve, true
}
