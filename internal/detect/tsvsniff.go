package detect

import "bytes"

// tabTable reports text that is a tab-separated table with a header, whatever the file
// is called (a marketplace's "AllOrdersReport.txt", a report saved as .txt or .dat): a
// first line of at least three tab-separated names (letters, none a number) and rows
// below with as many tabs, at least two and four in five of the first twenty. The table
// ends at its first blank line once two rows are read, and '#' comment lines are not
// rows: a device's user export with a note under it is still a table.
func tabTable(data []byte) bool {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 || nl > 4096 {
		return false
	}
	head := bytes.TrimRight(data[:nl], "\r")
	tabs := bytes.Count(head, []byte{'\t'})
	if tabs < 2 {
		return false
	}
	for _, c := range bytes.Split(head, []byte{'\t'}) {
		c = bytes.TrimSpace(c)
		if len(c) == 0 || len(c) > 64 || !is(c[0], cLower|cUpper) && c[0] != '"' && c[0] != '_' {
			return false
		}
	}
	rows, same := 0, 0
	p := nl + 1
	for rows < 20 && p < len(data) {
		e := bytes.IndexByte(data[p:], '\n')
		if e < 0 {
			e = len(data) - p
		}
		l := bytes.TrimRight(data[p:p+e], "\r")
		p += e + 1
		if len(l) == 0 {
			if rows >= 2 {
				break
			}
			continue
		}
		if l[0] == '#' {
			continue
		}
		rows++
		if bytes.Count(l, []byte{'\t'}) == tabs {
			same++
		}
	}
	return rows >= 2 && same*5 >= rows*4
}
