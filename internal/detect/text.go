package detect

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

// Byte classes used by every detector. A table beats a chain of comparisons in the
// loops that walk tokens.
const (
	cLower = 1 << iota
	cUpper
	cDigit
	cUnder // _
	cDash  // -
	cDot   // .
	cPlus  // +
	cSlash // /
	cEq    // =
	cTilde // ~
	cBlank // ' ' and '\t': the blanks between the words of a line
	cBreak // '\n' and '\r': a line's end
)

var ctype [256]uint16

func init() {
	for b := 'a'; b <= 'z'; b++ {
		ctype[b] |= cLower
	}
	for b := 'A'; b <= 'Z'; b++ {
		ctype[b] |= cUpper
	}
	for b := '0'; b <= '9'; b++ {
		ctype[b] |= cDigit
	}
	ctype['_'] |= cUnder
	ctype['-'] |= cDash
	ctype['.'] |= cDot
	ctype['+'] |= cPlus
	ctype['/'] |= cSlash
	ctype['='] |= cEq
	ctype['~'] |= cTilde
	ctype[' '] |= cBlank
	ctype['\t'] |= cBlank
	ctype['\n'] |= cBreak
	ctype['\r'] |= cBreak
}

const (
	cAlnum   = cLower | cUpper | cDigit
	cWord    = cAlnum | cUnder
	cURLSafe = cAlnum | cUnder | cDash
	cB64     = cAlnum | cPlus | cSlash
)

func is(b byte, mask uint16) bool { return ctype[b]&mask != 0 }

// classesOf returns the byte classes that occur in v, ORed.
func classesOf(v []byte) uint16 {
	var m uint16
	for _, c := range v {
		m |= ctype[c]
	}
	return m
}

// lettersDigits counts v's ASCII letters and digits.
func lettersDigits(v []byte) (letters, digits int) {
	for _, c := range v {
		switch {
		case isDigit(c):
			digits++
		case is(c, cLower|cUpper):
			letters++
		}
	}
	return letters, digits
}

func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isUpper(b byte) bool { return 'A' <= b && b <= 'Z' }

// escapeBefore returns how many bytes before i form an escape sequence that ends right
// at i: "\n" (and the other one-letter JSON escapes), "\u00e9" or "%3D". Logs are full of
// such sequences, and the letter or digit they end with must not glue a token to the
// text before it.
func escapeBefore(data []byte, i int) int {
	if i > len(data) {
		return 0
	}
	if i >= 2 && data[i-2] == '\\' {
		switch data[i-1] {
		case 'n', 't', 'r', 'b', 'f', '/', '"', '\'':
			return 2
		}
	}
	if i >= 6 && data[i-6] == '\\' && data[i-5] == 'u' &&
		isHex(data[i-4]) && isHex(data[i-3]) && isHex(data[i-2]) && isHex(data[i-1]) {
		return 6
	}
	if i >= 3 && data[i-3] == '%' && isHex(data[i-2]) && isHex(data[i-1]) {
		return 3
	}
	return 0
}

// leftOK reports whether a token may start at i: it is not the tail of a longer word.
func leftOK(data []byte, i int) bool {
	if i == 0 || !is(data[i-1], cWord) {
		return true
	}
	return escapeBefore(data, i) > 0
}

// rightOK reports whether a token may end at j.
func rightOK(data []byte, j int) bool {
	return j >= len(data) || !is(data[j], cWord)
}

// run returns the end of the run of bytes of class mask that starts at i, reading at most
// max bytes.
func run(data []byte, i int, mask uint16, max int) int {
	end := len(data)
	if max >= 0 && i+max < end {
		end = i + max
	}
	j := i
	for j < end && ctype[data[j]]&mask != 0 {
		j++
	}
	return j
}

// runBack returns the start of the run of bytes of class mask that ends at i.
func runBack(data []byte, i int, mask uint16, max int) int {
	lo := 0
	if max >= 0 && i-max > lo {
		lo = i - max
	}
	j := i
	for j > lo && ctype[data[j-1]]&mask != 0 {
		j--
	}
	return j
}

func lowerASCII(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 32
	}
	return b
}

// hasPrefixFold reports whether data[i:] starts with lit (lit is lower case ASCII).
func hasPrefixFold(data []byte, i int, lit string) bool {
	if i < 0 || len(data)-i < len(lit) {
		return false
	}
	for k := 0; k < len(lit); k++ {
		if lowerASCII(data[i+k]) != lit[k] {
			return false
		}
	}
	return true
}

// indexFold finds lit (lower case ASCII) in data, ignoring ASCII case.
func indexFold(data []byte, lit string) int {
	if len(lit) == 0 {
		return 0
	}
	c0 := lit[0]
	if len(data) >= indexFoldScan {
		return indexFoldLong(data, lit)
	}
	for i := 0; i+len(lit) <= len(data); i++ {
		if lowerASCII(data[i]) == c0 && hasPrefixFold(data, i, lit) {
			return i
		}
	}
	return -1
}

// indexFoldScan is the text length from which indexFold finds the candidates for
// lit's first byte with the library's vector search (both of its cases, each searched
// for again only once passed) rather than a byte at a time: the callers ask a line or
// a window of hundreds of bytes for a phrase that is mostly not there.
const indexFoldScan = 64

// indexFoldLong is indexFold by searches for lit's first byte: a byte whose ASCII
// lower case is lit[0] is lit[0] itself or, for a small letter, its capital (an upper
// case lit[0] matches nothing).
func indexFoldLong(data []byte, lit string) int {
	c0 := lit[0]
	if 'A' <= c0 && c0 <= 'Z' {
		return -1
	}
	up := c0
	if 'a' <= c0 && c0 <= 'z' {
		up = c0 - 32
	}
	n := len(data) - len(lit) + 1 // the candidate starts are [0, n)
	lo, hi := -1, -1              // the next candidates of each case at or after i (n: none)
	if up == c0 {
		hi = n
	}
	for i := 0; i < n; {
		if lo < i {
			if lo = bytes.IndexByte(data[i:n], c0); lo < 0 {
				lo = n
			} else {
				lo += i
			}
		}
		if hi < i {
			if hi = bytes.IndexByte(data[i:n], up); hi < 0 {
				hi = n
			} else {
				hi += i
			}
		}
		p := min(lo, hi)
		if p >= n {
			return -1
		}
		if hasPrefixFold(data, p, lit) {
			return p
		}
		i = p + 1
	}
	return -1
}

func containsFold(data []byte, lits ...string) bool {
	for _, l := range lits {
		if indexFold(data, l) >= 0 {
			return true
		}
	}
	return false
}

// window returns data[i-before : j+after] clipped to the input.
func window(data []byte, i, j, before, after int) []byte {
	lo, hi := i-before, j+after
	if lo < 0 {
		lo = 0
	}
	if hi > len(data) {
		hi = len(data)
	}
	return data[lo:hi]
}

// unescapeJSON undoes one level of JSON string escaping. Malformed escapes are kept as
// they are: a detector wants the best reading of the text, not a validation error.
func unescapeJSON(dst, s []byte) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			dst = append(dst, c)
			continue
		}
		switch e := s[i+1]; e {
		case '"', '\\', '/', '\'':
			dst = append(dst, e)
			i++
		case 'n':
			dst = append(dst, '\n')
			i++
		case 'r':
			dst = append(dst, '\r')
			i++
		case 't':
			dst = append(dst, '\t')
			i++
		case 'b':
			dst = append(dst, '\b')
			i++
		case 'f':
			dst = append(dst, '\f')
			i++
		case 'u':
			if i+6 <= len(s) {
				if v, err := strconv.ParseUint(string(s[i+2:i+6]), 16, 32); err == nil {
					r := rune(v)
					// A surrogate pair spells one rune in two escapes.
					if 0xd800 <= r && r < 0xdc00 && i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
						if v2, err := strconv.ParseUint(string(s[i+8:i+12]), 16, 32); err == nil && 0xdc00 <= v2 && v2 < 0xe000 {
							r = (r-0xd800)<<10 + (rune(v2) - 0xdc00) + 0x10000
							i += 6
						}
					}
					dst = utf8.AppendRune(dst, r)
					i += 5
					continue
				}
			}
			dst = append(dst, c)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// unescapeLevels undoes n levels of JSON escaping (JSON inside a JSON string is two).
func unescapeLevels(s []byte, n int) []byte {
	out := s
	for k := 0; k < n; k++ {
		if indexByte(out, '\\') < 0 {
			break
		}
		out = unescapeJSON(make([]byte, 0, len(out)), out)
	}
	return out
}

func indexByte(b []byte, c byte) int {
	for i := range b {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// percentDecode decodes %XX escapes (and nothing else: '+' stays '+', since a password
// with a plus sign is more common in logs than a form-encoded space).
func percentDecode(s []byte) []byte { return urlDecode(s, false) }

// formDecode decodes a form-encoded value of a query string, where '+' is a space (a
// plus sign itself is written %2B there). Only a value that shows it is encoded, with
// a %XX escape, has its '+' read as a space, and a malformed escape stays as it is
// (formPairs, which must refuse one, decodes with url.QueryUnescape instead).
func formDecode(s []byte) []byte { return urlDecode(s, true) }

func urlDecode(s []byte, plus bool) []byte {
	if indexByte(s, '%') < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if plus && s[i] == '+' {
			out = append(out, ' ')
			continue
		}
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return out
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

// backslashesBefore counts the backslashes immediately before i.
func backslashesBefore(data []byte, i, lo int) int {
	n := 0
	for i-n-1 >= lo && data[i-n-1] == '\\' {
		n++
	}
	return n
}
