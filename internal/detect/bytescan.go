package detect

import (
	"bytes"
	"encoding/binary"
)

// lastIndexByte is bytes.LastIndexByte eight bytes at a time (the library's walks byte
// by byte): the post-pass checks look for the start of a match's line, and a log's
// lines are hundreds of bytes long.
func lastIndexByte(s []byte, c byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	pat := lo * uint64(c)
	i := len(s)
	for i >= 8 {
		x := binary.LittleEndian.Uint64(s[i-8:i]) ^ pat
		if (x-lo)&^x&hi != 0 {
			break // a byte of these eight is c: the loop below finds the last one
		}
		i -= 8
	}
	for i--; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// lineStartWithin is the start of the line holding at, read back no further than back
// bytes: at-back when the line starts before that (a check that needs only so much of a
// line does not read a long one again for every match on it).
func lineStartWithin(data []byte, at, back int) int {
	floor := max(0, at-back)
	return lastIndexByte(data[floor:at], '\n') + 1 + floor
}

// lineEndWithin is the end of the line holding at (its '\n', or len(data)), read ahead
// no further than ahead bytes: at+ahead when the line goes on past that. (lineEnd ends
// a line at a '\r' too.)
func lineEndWithin(data []byte, at, ahead int) int {
	lim := min(len(data), at+ahead)
	if i := bytes.IndexByte(data[at:lim], '\n'); i >= 0 {
		return at + i
	}
	return lim
}

// lineEnd is lineEndWithin for readers of one line's words, where a carriage return
// ends the line too (a CRLF file's, or a lone '\r' that a terminal log overwrites its
// line with): the first '\n' or '\r' from p, or len(data), read ahead no further than
// lim bytes (p+lim when the line goes on past that; p itself when p is at or past the
// end of data or lim is not positive).
func lineEnd(data []byte, p, lim int) int {
	if p >= len(data) || lim <= 0 {
		return p
	}
	e := lineEndWithin(data, p, lim)
	if i := bytes.IndexByte(data[p:e], '\r'); i >= 0 {
		return p + i
	}
	return e
}

// lineCursor answers where the line holding an offset starts and ends, for offsets asked
// in about increasing order (a pass's hits, the post-pass's matches): each answer reads
// only the bytes since the previous one, so a long line of many matches is read once, not
// once per match. The answers are exact. One cursor serves one text: its zero value is
// ready, and it is reset when the text changes.
type lineCursor struct {
	at, ls int // the last offset asked for, and the start of its line
	from   int // [from, le) holds no '\n', and le is a line's end
	le     int
	set    bool // at, ls are set
	setEnd bool // from, le are set
}

// start is the offset of the first byte of the line holding at.
func (c *lineCursor) start(data []byte, at int) int {
	switch {
	case c.set && at >= c.at:
		if i := lastIndexByte(data[c.at:at], '\n'); i >= 0 {
			c.ls = c.at + i + 1
		}
	case c.set && at >= c.ls:
		// on the line of the last answer, a little before it: the same start
	default:
		c.ls = lastIndexByte(data[:at], '\n') + 1
	}
	c.at, c.set = at, true
	return c.ls
}

// end is the offset of the '\n' ending the line holding at, or len(data).
func (c *lineCursor) end(data []byte, at int) int {
	if c.setEnd && at >= c.from && at <= c.le {
		return c.le
	}
	c.from, c.setEnd = at, true
	if i := bytes.IndexByte(data[at:], '\n'); i >= 0 {
		c.le = at + i
	} else {
		c.le = len(data)
	}
	return c.le
}

// around is the bounds of the line holding at.
func (c *lineCursor) around(data []byte, at int) (int, int) {
	return c.start(data, at), c.end(data, at)
}

// lineMemo keeps the last answer of a check that reads lines around a match and depends
// only on the match's line (and a few numbers about it): the matches of one long line
// ask it once, not once each.
type lineMemo struct {
	key [3]int
	res bool
	set bool
}

// get is f's answer for key: the kept one when the last call asked for key.
func (l *lineMemo) get(key [3]int, f func() bool) bool {
	if !l.set || l.key != key {
		l.key, l.res, l.set = key, f(), true
	}
	return l.res
}

// b2i is 1 for true: a flag in a lineMemo's key.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineWords is where the first of a list of words ends on one line.
type lineWords struct {
	ls, end int // the line's start; the least end of a word's occurrence on it, -1 if none
	set     bool
}

// lineWordBefore reports whether one of words (any case) stands on at's line before at.
// The line is searched once, for the end of each word's first occurrence: a long line of
// values is not searched again for each.
func (sc *scanner) lineWordBefore(m *lineWords, at int, words []string) bool {
	ls := sc.lc.start(sc.data, at)
	if !m.set || m.ls != ls {
		line := sc.data[ls:sc.lc.end(sc.data, at)]
		m.set, m.ls, m.end = true, ls, -1
		for _, w := range words {
			if i := indexFold(line, w); i >= 0 && (m.end < 0 || ls+i+len(w) < m.end) {
				m.end = ls + i + len(w)
			}
		}
	}
	return m.end >= 0 && m.end <= at
}
