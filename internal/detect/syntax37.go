package detect

// makeAppend reports make's (and BitBake's, qmake's) "NAME += value": a variable
// written in capitals opening its line, a blank before "+=", and the rest of the line
// its text — the value is a word, not code's expression, so an unquoted one is read
// (code's "x += y" appends to a lower-case variable, indented, or ends with ';').
func makeAppend(data []byte, ks, ke, sepAt int) bool {
	if data[sepAt] != '+' || ks > 0 && data[ks-1] != '\n' || sepAt == ke || data[ke] != ' ' && data[ke] != '\t' {
		return false
	}
	upper := false
	for _, c := range data[ks:ke] {
		switch {
		case isUpper(c):
			upper = true
		case isDigit(c) || c == '_':
		default:
			return false
		}
	}
	if !upper {
		return false
	}
	e := sepAt + 2
	for e < len(data) && data[e] != '\n' && data[e] != '\r' {
		e++
	}
	return e == sepAt+2 || data[e-1] != ';'
}
