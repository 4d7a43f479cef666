package detect

import (
	"bytes"
	"strconv"
	"strings"
)

// spreadsheetMLNS marks an Excel 2003 XML workbook (SpreadsheetML), as spreadsheets
// exported "as XML" are written.
var spreadsheetMLNS = []byte("urn:schemas-microsoft-com:office:spreadsheet")

// spreadsheetMLSpans reads a SpreadsheetML worksheet as a table: each cell of a row
// after the first is a value stored under the text of the first row's cell in its
// column, as csvSpans reads a CSV file under its header. A cell's ss:Index attribute
// moves it to that column. Cells are read from <Data> elements; their text is XML as
// written (Raw).
func spreadsheetMLSpans(data []byte) []Span {
	var out []Span
	var header []string
	for i := 0; i < len(data) && len(out) < maxSpans; {
		r := bytes.Index(data[i:], []byte("<Row"))
		if r < 0 {
			break
		}
		r += i
		re := bytes.Index(data[r:], []byte("</Row>"))
		if re < 0 {
			break
		}
		re += r
		row := data[r:re]
		col := 0
		var cells []Span
		for j := 0; j < len(row); {
			c := bytes.Index(row[j:], []byte("<Cell"))
			if c < 0 {
				break
			}
			c += j
			gt := bytes.IndexByte(row[c:], '>')
			if gt < 0 {
				break
			}
			tag := row[c : c+gt]
			if k := bytes.Index(tag, []byte(`ss:Index="`)); k >= 0 {
				v := tag[k+len(`ss:Index="`):]
				if q := bytes.IndexByte(v, '"'); q > 0 {
					if n, err := strconv.Atoi(string(v[:q])); err == nil && n >= 1 && n <= 16384 {
						col = n - 1
					}
				}
			}
			if gt > 0 && row[c+gt-1] == '/' {
				col++ // an empty cell written self-closed (<Cell ss:StyleID="s1"/>)
				j = c + gt + 1
				continue
			}
			ce := bytes.Index(row[c:], []byte("</Cell>"))
			if ce < 0 {
				ce = len(row) - c // a self-closed last cell
			}
			ce += c
			cell := row[c:ce]
			if d := bytes.Index(cell, []byte("<Data")); d >= 0 {
				if dg := bytes.IndexByte(cell[d:], '>'); dg >= 0 {
					ts := d + dg + 1
					if te := bytes.Index(cell[ts:], []byte("</Data>")); te >= 0 {
						s, e := trimSpan(data, r+c+ts, r+c+ts+te)
						cells = append(cells, Span{Path: strconv.Itoa(col), Start: s, End: e, Raw: true})
					}
				}
			}
			col++
			j = ce + 1
		}
		if header == nil {
			header = make([]string, 0, len(cells))
			for _, c := range cells {
				n, _ := strconv.Atoi(c.Path)
				for len(header) <= n {
					header = append(header, "")
				}
				header[n] = strings.TrimSpace(string(data[c.Start:c.End]))
			}
		} else {
			for _, c := range cells {
				n, _ := strconv.Atoi(c.Path)
				if n < len(header) && header[n] != "" && len(header[n]) <= maxKeyLen && c.End > c.Start {
					out = append(out, Span{Path: header[n], Start: c.Start, End: c.End, Raw: true})
				}
			}
		}
		i = re + len("</Row>")
	}
	return out
}
