package detect

import (
	"bytes"
	"strconv"
)

// A fixed-width extract printed under its COBOL copybook: the record layout
// ("05  CUST-NATID  PIC X(18).") gives each field's columns, so a number that starts
// exactly where a field named for an identity number starts is in that column, however
// far the header is from the row.

// copybookLookback bounds how far above a row the copybook is looked for.
const copybookLookback = 8192

// natIDCopybook reports whether the number at s starts a field of a copybook above it
// whose name names an identity number.
func natIDCopybook(data []byte, s int) bool {
	ls := lineStartWithin(data, s, 512)
	if ls > 0 && data[ls-1] != '\n' {
		return false
	}
	lo := max(0, ls-copybookLookback)
	if bytes.Index(data[lo:ls], []byte(" PIC ")) < 0 {
		return false
	}
	col := s - ls
	// Walk up to the layout's last PIC line, then collect its lines up to the 01 level.
	type item struct {
		name []byte
		size int
	}
	var items []item
	in := false
	e := ls
	for n := 0; n < 256 && e > lo; n++ {
		b := lineStartWithin(data, e-1, 512)
		line := bytes.TrimSpace(data[b : e-1])
		e = b
		f := bytes.Fields(line)
		if len(f) == 0 || f[0][0] == '*' {
			continue
		}
		level, err := strconv.Atoi(string(f[0]))
		if err != nil || len(f) < 2 || level < 1 || level > 49 {
			if in {
				return false // the layout ended without its 01 level
			}
			continue
		}
		if level == 1 {
			if !in {
				return false
			}
			break
		}
		pic := -1
		for i := 2; i+1 < len(f); i++ {
			switch string(bytes.ToUpper(f[i])) {
			case "PIC", "PICTURE":
				pic = i + 1
			case "OCCURS", "REDEFINES", "COMP", "COMP-3", "COMPUTATIONAL", "BINARY", "PACKED-DECIMAL":
				return false // the columns are not one byte a character
			}
		}
		if pic < 0 {
			continue // a group item: its children are the columns
		}
		size, ok := picSize(bytes.TrimSuffix(f[pic], []byte(".")))
		if !ok {
			return false
		}
		in = true
		items = append(items, item{f[1], size})
	}
	if !in {
		return false
	}
	off := 0
	for i := len(items) - 1; i >= 0; i-- {
		if off == col {
			name := bytes.ReplaceAll(items[i].name, []byte("-"), []byte("_"))
			return natIDName(name) || natIDStrongName(name)
		}
		if off > col {
			return false
		}
		off += items[i].size
	}
	return false
}

// picSize is the width of a DISPLAY picture string: X(18), 9(8), XXX, S9(5)V99 (S and
// V take no byte).
func picSize(p []byte) (int, bool) {
	n := 0
	for i := 0; i < len(p); i++ {
		c := p[i] | 0x20
		switch {
		case c == 's' || c == 'v':
		case c == 'x' || c == '9' || c == 'a' || c == 'z':
			if i+1 < len(p) && p[i+1] == '(' {
				j := bytes.IndexByte(p[i:], ')')
				if j < 0 {
					return 0, false
				}
				k, err := strconv.Atoi(string(p[i+2 : i+j]))
				if err != nil || k < 1 || k > 4096 {
					return 0, false
				}
				n += k
				i += j
			} else {
				n++
			}
		default:
			return 0, false
		}
	}
	return n, n > 0
}
