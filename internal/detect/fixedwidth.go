package detect

// Fixed-width records (a COBOL extract, a mainframe report) whose fields run into
// each other with one blank.

// beforeNextField reads a phone number that a fixed-width record (a COBOL extract, a
// mainframe report) runs into the next field with a single blank: "+380 63 184 91 65
// 05034876374" is a 17-character number in an 18-character column and an identity
// number after it. The greedy run of phoneDet.hit reads both as one number and rejects
// it. Here the column's width comes from the records around (columnFieldEnd); without
// them the run is cut before the first group after a blank that is too long for a
// group of a phone number (6 digits or more) once the digits before it make a whole
// number. What is left has to pass the checks the whole run failed.
func (d *phoneDet) beforeNextField(sc *scanner, di, at int) {
	data := sc.data
	if end := columnFieldEnd(data, at); end > at {
		var digits [20]byte
		nd := 0
		for _, c := range data[at+1 : end] {
			switch {
			case isDigit(c):
				if nd == len(digits) {
					return
				}
				digits[nd] = c
				nd++
			case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
			default:
				return
			}
		}
		if phoneOK(digits[:nd]) && !timestampDigits(digits[:nd]) && !dummyDigits(digits[:nd]) {
			sc.emit(d.rule, at, end, string(data[at:end]))
			sc.skip[di] = end
		}
		return
	}
	p := at + 1
	var digits [20]byte
	nd, groups, end := 0, 0, -1
	for p < len(data) && p-at < 40 {
		q := p
		for q < len(data) && isDigit(data[q]) {
			q++
		}
		g := q - p
		if g == 0 {
			return
		}
		if groups > 0 && data[p-1] == ' ' && g >= 6 && nd >= 8 {
			end = p - 1
			break
		}
		if nd+g > len(digits) {
			return
		}
		copy(digits[nd:], data[p:q])
		nd += g
		groups++
		if q+1 >= len(data) || (data[q] != ' ' && data[q] != '-') || !isDigit(data[q+1]) {
			return // the run ended without a field after it: phoneDet.hit has judged it
		}
		p = q + 1
	}
	if end < 0 || groups < 2 || !phoneOK(digits[:nd]) || timestampDigits(digits[:nd]) || dummyDigits(digits[:nd]) {
		return
	}
	sc.emit(d.rule, at, end, string(data[at:end]))
	sc.skip[di] = end
}

// columnFieldEnd is the end of the fixed-width field that starts at at (a "+" in column
// c of its line), from the lines around it: a record that has a "+" in the same column
// after a blank, and whose field there is followed by two blanks or more, tells where
// the next column starts. The field's end is then that column less the blank before it
// and any padding; -1 when no line around tells, or when this line has no blank there.
func columnFieldEnd(data []byte, at int) int {
	ls := lineStartWithin(data, at, 512)
	col := at - ls
	if ls == 0 && at > 512 || col > 0 && data[at-1] != ' ' {
		return -1
	}
	le := lineEndWithin(data, at, 512)
	next := -1
	// the lines before, then the lines after, four of each
	s := ls
	for n := 0; n < 4 && s > 0 && next < 0; n++ {
		e := s - 1
		s = lineStartWithin(data, e, 512)
		next = nextColumn(data, s, e, col)
	}
	e := le
	for n := 0; n < 4 && e < len(data) && next < 0; n++ {
		s := e + 1
		e = lineEndWithin(data, s, 512)
		next = nextColumn(data, s, e, col)
	}
	if next < 0 || ls+next >= le || data[ls+next-1] != ' ' || data[ls+next] == ' ' {
		return -1
	}
	end := ls + next - 1
	for end > at && data[end-1] == ' ' {
		end--
	}
	return end
}

// nextColumn: in the line data[s:e], when a "+" stands in column col after a blank,
// the column where the next field starts after a gap of two blanks or more, the
// field before the gap holding only what a phone number is written with; else -1.
func nextColumn(data []byte, s, e, col int) int {
	p := s + col
	if p >= e || data[p] != '+' || col > 0 && data[p-1] != ' ' {
		return -1
	}
	nd := 0
	for q := p + 1; q+1 < e && q-p < 40; q++ {
		switch c := data[q]; {
		case isDigit(c):
			if nd++; nd > 15 {
				return -1 // this record's number runs into its next field too
			}
		case c != ' ' && c != '-' && c != '.' && c != '(' && c != ')':
			return -1
		}
		if data[q] == ' ' && data[q+1] == ' ' {
			r := q
			for r < e && data[r] == ' ' {
				r++
			}
			if r < e {
				return r - s
			}
			return -1
		}
	}
	return -1
}
