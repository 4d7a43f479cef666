package detect

import "bytes"

// csvPhoneDet reads phone numbers written in their country's own form (no "+") where
// the structure says they are phone numbers though no header names them:
//
//   - a column of a headerless CSV (a PBX's call detail records) whose cells in the
//     rows around hold international numbers: its national-form cells are numbers too;
//   - a caller id, `"Display Name" <NUMBER>`, the form SIP and PBXs write it in.
type csvPhoneDet struct{ rule *Rule }

// (a digit in an anchor stands for any digit)
var csvPhoneAnchors = []string{`,"0`, `,"(`, ",0", ",(", `" <0`, `" <(`}

func (d *csvPhoneDet) anchors() []string { return csvPhoneAnchors }

func (d *csvPhoneDet) hit(sc *scanner, di, tag, at int) {
	data := sc.data
	switch tag {
	case 4, 5: // caller id
		s := at + 3
		le := lineEnd(data, s, 64)
		e := bytes.IndexByte(data[s:le], '>')
		if e < 0 {
			return
		}
		if v := data[s : s+e]; nationalPhone(v) && callerName(data, at) {
			sc.emit(d.rule, s, s+e, string(v))
		}
		return
	}
	quoted := tag < 2
	s := at + 1
	if quoted {
		s++
	}
	le := lineEnd(data, s, 1024)
	e := s
	for e < le && e-s < 32 && data[e] != ',' && data[e] != '"' {
		e++
	}
	if e < le && (quoted && data[e] != '"' || !quoted && data[e] != ',') {
		return
	}
	v := data[s:e]
	if !nationalPhone(v) {
		return
	}
	ls := lineStartWithin(data, at, 1024)
	if ls > 0 && data[ls-1] != '\n' {
		sc.skip[di] = le // (a line too long for a record: read once, not per cell)
		return
	}
	if sc.csvLine != ls+1 || at < sc.csvPos {
		// A new line (or, were hits out of order, the line read again): its cells are
		// counted from its start once, and the columns of its neighbours read once, not
		// per cell (a wide row of numbers cost a read of eleven lines per cell).
		if sc.csvLine != ls+1 {
			sc.csvCols = intlPhoneColumns(data, ls, sc.csvCols[:0])
		}
		sc.csvLine, sc.csvPos, sc.csvK, sc.csvInQ = ls+1, ls, 0, false
	}
	for ; sc.csvPos < at; sc.csvPos++ {
		switch data[sc.csvPos] {
		case '"':
			sc.csvInQ = !sc.csvInQ
		case ',':
			if !sc.csvInQ {
				sc.csvK++
			}
		}
	}
	if sc.csvInQ {
		return // inside a quoted cell
	}
	if k := sc.csvK + 1; k < 64*len(sc.csvCols) && sc.csvCols[k/64]&(1<<(k%64)) != 0 {
		sc.emit(d.rule, s, e, string(v))
	}
}

// callerName reports a quoted display name that closes at at: a name of letters and
// blanks after its opening quote, on the same line.
func callerName(data []byte, at int) bool {
	i := at - 1
	if i >= 0 && data[i] == '"' {
		at, i = at-1, i-1 // a CSV cell's doubled quote: ""Name"" <…>
	}
	for i >= 0 && at-i < 64 && data[i] != '"' && data[i] != '\n' {
		if c := data[i]; isDigit(c) || c == '<' || c == '>' || c == ',' {
			return false
		}
		i--
	}
	return i >= 0 && data[i] == '"' && at-i > 2
}

// csvCells calls fn with the index and text (quotes dropped) of each cell of the CSV
// line at ls, quotes honoured, read no further than 1024 bytes.
func csvCells(data []byte, ls int, fn func(n int, cell []byte)) {
	le := lineEnd(data, ls, 1024)
	n, inQ, cs := 0, false, ls
	for i := ls; i <= le; i++ {
		if i < le && data[i] == '"' {
			inQ = !inQ
			continue
		}
		if i == le || data[i] == ',' && !inQ {
			fn(n, bytes.Trim(data[cs:i], `"`))
			n++
			cs = i + 1
		}
	}
}

// intlPhoneColumns sets in cols (a bit a column) the columns that hold an international
// number (a "+", a country code that exists) in one of the five lines above or below
// the line at ls.
func intlPhoneColumns(data []byte, ls int, cols []uint64) []uint64 {
	set := func(n int, c []byte) {
		if intlPhone(c) {
			for len(cols) <= n/64 {
				cols = append(cols, 0)
			}
			cols[n/64] |= 1 << (n % 64)
		}
	}
	up, down := ls, ls
	for n := 0; n < 5; n++ {
		if up > 0 {
			up = lineStartWithin(data, up-1, 1024)
			csvCells(data, up, set)
		}
		if nl := nextLine(data, down); nl > 0 && nl < len(data) {
			down = nl
			csvCells(data, down, set)
		}
	}
	return cols
}

// intlPhone: "+", then digits grouped by blanks, dashes or parentheses that read as
// an E.164 number.
func intlPhone(v []byte) bool {
	if len(v) < 9 || len(v) > 24 || v[0] != '+' {
		return false
	}
	var d [16]byte
	nd := 0
	for _, c := range v[1:] {
		switch {
		case isDigit(c):
			if nd == len(d) {
				return false
			}
			d[nd] = c
			nd++
		case c == ' ' || c == '-' || c == '(' || c == ')' || c == '.':
		default:
			return false
		}
	}
	return phoneOK(d[:nd]) && !dummyDigits(d[:nd])
}
