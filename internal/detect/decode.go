package detect

import (
	"bytes"
	"encoding/binary"
	"sort"
	"unicode/utf8"
)

// Decoded views. A secret written in an encoding — JSON's \u escapes
// (`\u0022api_key\u0022: …`), quoted-printable (`api_key=3D…`, a token cut by a soft
// line break "=\n"), URL encoding (`password=Winter%212024+Blue`) — does not read as
// itself. Each line holding such escapes is decoded into a view, the view is scanned,
// and a match in it that holds or follows an escape is mapped back onto the bytes it
// was decoded from. The view is scanned once, not again for escapes within escapes.

// decodeRegionMax bounds how much of one region (a line, or lines joined by
// quoted-printable soft breaks) is decoded.
const decodeRegionMax = 64 << 10

// decodeTouch is how far before a match an escape still ties the match to the
// decoding: the separator between a key and its value ("=3D", "\u0022"), or a name
// written in escapes a few words before its value ("\u043f…\u044c for staging: …").
const decodeTouch = 40

type decodeView struct {
	buf []byte
	// where the view's bytes came from, in the view's order: a run of plain bytes is one
	// piece, not ten bytes a byte (a 16 MiB text of escaped lines, decoded whole, had
	// 170 MB of offsets)
	pieces     []viewPiece
	spans      []int32 // original [start, end) of every escape decoded, ascending without overlaps
	qp, u, pct bool
	next       [3]int // the next escape of each kind found so far (-2: not looked for, -1: none left)
}

// viewPiece says where the view's bytes from d up to the next piece came from: plain
// bytes of the text, one for one from o on (oe < 0), or else each from [o, oe): the
// escape they decode, or a byte after a soft line break (oe = o+1), both "escaped",
// or the line end closing a region (oe = o), not.
type viewPiece struct {
	d, o, oe int32
}

// piece returns the index of the piece holding the view's byte x.
func (v *decodeView) piece(x int) int {
	return sort.Search(len(v.pieces), func(k int) bool { return int(v.pieces[k].d) > x }) - 1
}

// origin returns the text's [start, end) the view's byte x came from.
func (v *decodeView) origin(x int) (int, int) {
	p := v.pieces[v.piece(x)]
	if p.oe < 0 {
		o := int(p.o) + x - int(p.d)
		return o, o + 1
	}
	return int(p.o), int(p.oe)
}

// escIn reports a byte of the view in [s, e) that came from an escape (or follows a
// soft line break).
func (v *decodeView) escIn(s, e int) bool {
	for k := v.piece(s); k < len(v.pieces) && int(v.pieces[k].d) < e; k++ {
		if p := v.pieces[k]; p.oe > p.o {
			return true
		}
	}
	return false
}

// nextEscape returns the offset of the first escape at or after p, or -1. The
// markers are searched for with bytes.Index, so text without escapes costs little.
func (v *decodeView) nextEscape(data []byte, p int) int {
	best := -1
	for k, on := range [3]bool{v.u, v.pct, v.qp} {
		if !on || v.next[k] == -1 {
			continue
		}
		if v.next[k] < p {
			v.next[k] = v.find(k, data, p)
		}
		if n := v.next[k]; n >= 0 && (best < 0 || n < best) {
			best = n
		}
	}
	return best
}

var escapeMarks = [3][]byte{[]byte(`\u`), []byte("%"), []byte("=")}

func (v *decodeView) find(k int, data []byte, p int) int {
	var tmp [8]byte
	for p < len(data) {
		var j int
		if k == 0 {
			j = indexPair(data[p:], '\\', 'u')
		} else {
			j = bytes.Index(data[p:], escapeMarks[k])
		}
		if j < 0 {
			return -1
		}
		i := p + j
		if _, n := v.escapeAt(data, i, len(data), false, tmp[:0]); n > 0 || k == 0 && jsonSGRAt(data, i, len(data)) > 0 {
			return i
		}
		if k == 2 && (i+1 < len(data) && data[i+1] == '\n' || i+2 < len(data) && data[i+1] == '\r' && data[i+2] == '\n') {
			return i // a soft line break
		}
		p = i + 1
	}
	return -1
}

// indexPair returns the offset of the first byte a followed by b in data, or -1. It
// reads eight bytes at a step: JSON text holds a backslash every few words (\"), and
// bytes.Index stops at each of them to look at the byte after.
func indexPair(data []byte, a, b byte) int {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	ma, mb := lo*uint64(a), lo*uint64(b)
	i := 0
	for ; i+9 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:]) ^ ma
		y := binary.LittleEndian.Uint64(data[i+1:]) ^ mb
		// a zero byte of x and of y at the same place is a pair; the test flags every
		// zero byte, and may flag a byte above one too, so a flag is checked
		if (x-lo)&^x&(y-lo)&^y&hi != 0 {
			for j := i; j < i+8; j++ {
				if data[j] == a && data[j+1] == b {
					return j
				}
			}
		}
	}
	for ; i+1 < len(data); i++ {
		if data[i] == a && data[i+1] == b {
			return i
		}
	}
	return -1
}

// escapeIn reports an escape that overlaps data[s:e].
// Escapes are decoded left to right and regions never step back (buildView), so spans
// ascend without overlapping: the first span ending after s is found by binary search
// (a file of escaped lines asks once per match, and a scan of every span each time made
// it quadratic: 4 MiB of "api_key=3D…" lines 13.6 s).
func (v *decodeView) escapeIn(s, e int) bool {
	n := len(v.spans) / 2
	k := sort.Search(n, func(k int) bool { return int(v.spans[2*k+1]) > s })
	return k < n && int(v.spans[2*k]) < e
}

// urlSpecial are the bytes that URL encoding exists for: a %XX that stands for any
// other (a letter, a digit, "-", "_") is more often a printf verb ("%2d", "%08x").
var urlSpecial [256]bool

func init() {
	for _, c := range []byte(" !\"#$%&'()*+,/:;<=>?@[\\]^_`{|}~") {
		urlSpecial[c] = true
	}
	for c := 0x80; c < 0x100; c++ {
		urlSpecial[c] = true
	}
}

// addPlain adds the text's byte at i to the view as b (a '+' of URL encoding is a space).
func (v *decodeView) addPlain(b byte, i int) {
	n := len(v.buf)
	if k := len(v.pieces) - 1; k < 0 || v.pieces[k].oe >= 0 || int(v.pieces[k].o)+n-int(v.pieces[k].d) != i {
		v.pieces = append(v.pieces, viewPiece{d: int32(n), o: int32(i), oe: -1})
	}
	v.buf = append(v.buf, b)
}

// addFrom adds bytes to the view that each came from the text's [os, oe): an escape,
// or a byte after a soft line break (oe > os), or a line end (oe = os).
func (v *decodeView) addFrom(b []byte, os, oe int) {
	if len(b) == 0 {
		return
	}
	v.pieces = append(v.pieces, viewPiece{d: int32(len(v.buf)), o: int32(os), oe: int32(oe)})
	v.buf = append(v.buf, b...)
}

// escapeAt returns the decoded bytes of an escape at data[i] and its length, or n = 0.
func (v *decodeView) escapeAt(data []byte, i, end int, plus bool, out []byte) ([]byte, int) {
	c := data[i]
	switch {
	case c == '\\' && v.u && i+5 < end+1 && i+6 <= end && data[i+1] == 'u':
		r, ok := hex4(data[i+2 : i+6])
		if !ok {
			return nil, 0
		}
		n := 6
		if r >= 0xd800 && r < 0xdc00 && i+12 <= end && data[i+6] == '\\' && data[i+7] == 'u' {
			if lo, ok := hex4(data[i+8 : i+12]); ok && lo >= 0xdc00 && lo < 0xe000 {
				r = 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)
				n = 12
			}
		}
		if r < 0x20 {
			return nil, 0
		}
		if r >= 0xc2 && r <= 0xf4 {
			if b, m := mojibakeAt(data, i, end); m > 0 {
				return append(out, b...), m
			}
		}
		return utf8.AppendRune(out, r), n
	case c == '=' && v.qp && i+2 < end && isUpperHex(data[i+1]) && isUpperHex(data[i+2]):
		b := unhex(data[i+1])<<4 | unhex(data[i+2])
		if b < 0x20 && b != '\t' {
			return nil, 0
		}
		return append(out, b), 3
	case c == '%' && v.pct && i+2 < end && isHex(data[i+1]) && isHex(data[i+2]):
		b := unhex(data[i+1])<<4 | unhex(data[i+2])
		if !urlSpecial[b] || b >= 0x80 && !pctUTF8(data, i, end) {
			return nil, 0
		}
		return append(out, b), 3
	}
	return nil, 0
}

func isUpperHex(c byte) bool { return isDigit(c) || 'A' <= c && c <= 'F' }

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		if !isHex(c) {
			return 0, false
		}
		r = r<<4 | rune(unhex(c))
	}
	return r, true
}

// decodeViews scans the decoded view of every line that holds escapes and adds what
// it finds to sc.ms, winning over an overlapping match of the raw text of no higher
// priority.
func (sc *scanner) decodeViews() {
	data := sc.data
	var v decodeView
	marks := sc.textMarks() // (noted by the pass: no search of the text of their own)
	v.u = marks.holds(data, markUEsc)
	// quoted-printable: an encoded '=' ("=3D"), or soft line breaks under a MIME header
	// that says so (looked for only when there are soft breaks: it is a slow search)
	v.qp = marks.holds(data, markQP) ||
		marks.holds(data, markSoftBreak) && containsFold(data, "quoted-printable")
	v.pct = bytes.IndexByte(data, '%') >= 0
	if !v.u && !v.qp && !v.pct {
		return
	}
	sc.buildView(&v)
	if len(v.buf) == 0 {
		return
	}
	sub := sc.subScan(nil, v.buf)
	added := false
	for _, m := range sub.ms {
		if !v.escIn(max(0, m.start-decodeTouch), m.end) {
			continue // the raw text reads the same here: its own scan has it
		}
		os, _ := v.origin(m.start)
		_, oe := v.origin(m.end - 1)
		sc.ms = append(sc.ms, rawMatch{r: m.r, start: os, end: oe, value: m.value, dec: true})
		added = true
	}
	sc.putSub(sub)
	if added {
		sc.sortMatches()
		sc.settle(&v)
	}
}

// buildView decodes into v every region of the text that holds an escape: the line
// of each escape (with the lines quoted-printable soft breaks join to it), or, on a
// line longer than decodeRegionMax, the part of it around the escape. Regions never
// step back: one that would start before the end of the one before it starts there
// instead, and the two are joined into one run of the view, so a match across the
// point where a long line was cut is read whole, and the escapes' spans ascend
// without overlapping (escapeIn searches them).
func (sc *scanner) buildView(v *decodeView) {
	data := sc.data
	var tmp [8]byte
	v.next = [3]int{-2, -2, -2}
	last := 0      // where the last region stopped
	cut := false   // it stopped inside a line, cut at decodeRegionMax
	ended := false // and closed its run of the view with a line end
	for p := 0; p < len(data); {
		i := v.nextEscape(data, p)
		if i < 0 {
			break
		}
		ls, le := sc.lc.around(data, i)
		// a quoted-printable soft break ("…=\n") joins the next line
		end := le
		for v.qp && end < len(data) && end-ls < decodeRegionMax {
			e := end
			if e > ls && data[e-1] == '\r' {
				e--
			}
			if e <= ls || data[e-1] != '=' {
				break
			}
			nl := bytes.IndexByte(data[end+1:], '\n')
			if nl < 0 {
				end = len(data)
			} else {
				end += 1 + nl
			}
		}
		lim := end // how far an escape begun in the region may reach
		if end-ls > decodeRegionMax && i-ls > decodeRegionMax/2 {
			// a long line: the part of it around the escape
			ls = i - decodeRegionMax/2
		}
		if ls <= last && cut {
			// the region goes on from where the last one cut the line
			ls = last
			if ended {
				v.unend()
			}
		}
		ls = max(ls, last)
		if end-ls > decodeRegionMax {
			end = ls + decodeRegionMax
		}
		n0 := len(v.buf)
		last = sc.decodeRegion(v, ls, end, lim, tmp[:0])
		cut, ended = last < lim, len(v.buf) > n0
		if cut {
			p = max(last, i+1) // (an escape where the line was cut is in the next region)
		} else {
			p = max(end+1, i+1) // always forward
		}
	}
}

// unend takes back the line end that closed the last region.
func (v *decodeView) unend() {
	n := len(v.buf) - 1
	v.buf = v.buf[:n]
	if k := len(v.pieces) - 1; int(v.pieces[k].d) == n {
		v.pieces = v.pieces[:k]
	}
}

// decodeRegion appends the decoded view of data[ls:end] and a line end to v; an escape
// begun before end may reach up to lim. It returns where it stopped (end, or the end of
// an escape that crossed it).
func (sc *scanner) decodeRegion(v *decodeView, ls, end, lim int, tmp []byte) int {
	data := sc.data
	plus := v.pct && bytes.IndexByte(data[ls:end], '%') >= 0
	n0 := len(v.buf)
	softBreak := false
	i := ls
	for i < end {
		c := data[i]
		if c == '\\' && v.u {
			if n := jsonSGRAt(data, i, lim); n > 0 {
				// a colour escape written in JSON ("\u001b[38;5;124m"): nothing of the
				// text, as a terminal shows it
				v.spans = append(v.spans, int32(i), int32(i+n))
				i += n
				softBreak = true
				continue
			}
		}
		if c == '\\' || c == '=' || c == '%' {
			if out, n := v.escapeAt(data, i, lim, plus, tmp[:0]); n > 0 {
				v.addFrom(out, i, i+n)
				v.spans = append(v.spans, int32(i), int32(i+n))
				i += n
				softBreak = false
				continue
			}
			if c == '=' && v.qp {
				// soft line break: "=\n" or "=\r\n" inside the region
				j := i + 1
				if j < lim && data[j] == '\r' {
					j++
				}
				if j < lim && data[j] == '\n' {
					v.spans = append(v.spans, int32(i), int32(j+1))
					i = j + 1
					softBreak = true
					continue
				}
			}
		}
		if c == '+' && plus {
			c = ' '
		}
		if softBreak {
			v.addFrom([]byte{c}, i, i+1)
		} else {
			v.addPlain(c, i)
		}
		softBreak = false
		i++
	}
	if len(v.buf) > n0 {
		v.addFrom([]byte{'\n'}, i, i)
	}
	return i
}

// settle keeps one match of each set of overlapping ones, as resolve does: the higher
// priority wins; between a match of the raw text and one of a decoded view, the raw
// one when it decoded its value itself (an assignment's percent-encoded value), the
// decoded one when the raw one took in escapes ("3DZq8…" after "api_key=3D"); else
// the longer.
func (sc *scanner) settle(v *decodeView) {
	sc.ms = settleOverlaps(sc.ms, func(m, last rawMatch) rawMatch {
		if m.r.prio != last.r.prio {
			if m.r.prio > last.r.prio {
				return m
			}
			return last
		}
		if m.dec != last.dec {
			raw, dec := last, m
			if !m.dec {
				raw, dec = m, last
			}
			if !raw.r.keepRaw && raw.value == string(sc.data[raw.start:raw.end]) && v.escapeIn(raw.start, raw.end) {
				return dec
			}
			return raw
		}
		if better(m, last) {
			return m
		}
		return last
	})
}

// mojibakeAt reads the UTF-8 bytes of one character written as one \u00XX escape a
// byte, as Facebook's and Instagram's data exports write every non-ASCII character
// ("\u00d0\u009b" for "Л"): the escape at data[i] holds a lead byte and those after
// it its continuation bytes. It returns the character's bytes and the escapes' length,
// or m = 0.
func mojibakeAt(data []byte, i, end int) ([]byte, int) {
	var buf [4]byte
	n := 0
	for k := 0; k < 4 && i+6*k+6 <= end; k++ {
		e := data[i+6*k : i+6*k+6]
		if e[0] != '\\' || e[1] != 'u' || e[2] != '0' || e[3] != '0' {
			break
		}
		r, ok := hex4(e[2:6])
		if !ok || k > 0 && (r < 0x80 || r > 0xbf) {
			break
		}
		buf[n] = byte(r)
		n++
		if utf8.FullRune(buf[:n]) {
			if utf8.Valid(buf[:n]) && n > 1 {
				return buf[:n], 6 * n
			}
			break
		}
	}
	return nil, 0
}

// jsonSGRAt returns the length of a terminal colour sequence (SGR: ESC '[' digits and
// ';' 'm') written with JSON's escape for ESC ("\u001b[0;31m") at p, or 0. Jupyter
// keeps tracebacks so, and a JSON log keeps a coloured line so (found by the held14
// evaluation split).
func jsonSGRAt(data []byte, p, end int) int {
	if p+7 > end || !hasPrefixFold(data, p, `\u001b[`) {
		return 0
	}
	q := p + 7
	for q < end && q-p < 32 && (isDigit(data[q]) || data[q] == ';') {
		q++
	}
	if q >= end || data[q] != 'm' {
		return 0
	}
	return q + 1 - p
}
