package unpack

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// xzGuard sits between an xz file and the decoder and follows the container's framing
// as the bytes pass (stream headers, block headers, LZMA2 chunk headers, index, footer,
// stream padding) without decompressing anything. The decoder allocates whatever
// dictionary each block header asks for, and a later block, or a later stream of a
// concatenated file, may ask for gigabytes after a modest first one; the guard sees
// every block header before the decoder has all of it and fails the read when an LZMA2
// filter asks for more than max. Framing it cannot follow is an error too: the
// decoder would refuse such a file anyway, and the guard must never lose its place.
type xzGuard struct {
	r   io.Reader
	max int64
	err error

	pos   int64 // bytes seen
	start int64 // where the current block or index began, for its padding
	check int   // check field size of the current stream

	skip int64 // bytes to pass over before collecting again
	want int   // bytes to collect into buf before calling next
	buf  []byte
	next func([]byte) error

	varints int    // varints left to read in the index
	vbytes  int    // bytes of the current varint
	vlast   uint64 // the value of the last varint read
}

func newXZGuard(r io.Reader, max int64) *xzGuard {
	g := &xzGuard{r: r, max: max}
	g.collect(12, g.streamHeader)
	return g
}

var errXZFraming = errors.New("xz: framing not understood: not read")

func (g *xzGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if ferr := g.feed(p[:n]); ferr != nil {
		// Nothing of this read reaches the decoder: the header that fails may be in it.
		g.err = ferr
		return 0, ferr
	}
	return n, err
}

func (g *xzGuard) collect(n int, next func([]byte) error) {
	g.want, g.next, g.buf = n, next, g.buf[:0]
}

func (g *xzGuard) feed(p []byte) error {
	for len(p) > 0 {
		if g.skip > 0 {
			k := int64(len(p))
			if k > g.skip {
				k = g.skip
			}
			g.skip -= k
			g.pos += k
			p = p[k:]
			continue
		}
		k := min(g.want-len(g.buf), len(p))
		g.buf = append(g.buf, p[:k]...)
		g.pos += int64(k)
		p = p[k:]
		if len(g.buf) == g.want {
			b := g.buf
			if err := g.next(b); err != nil {
				return err
			}
		}
	}
	return nil
}

// pad is the number of zero bytes that bring what began at from to a multiple of four.
func (g *xzGuard) pad(from int64) int64 { return (4 - (g.pos-from)%4) % 4 }

func (g *xzGuard) streamHeader(b []byte) error {
	if !bytes.Equal(b[:6], magicXZ) {
		return errXZFraming
	}
	t := b[7] & 0x0f
	g.check = [...]int{0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64}[t]
	g.collect(1, g.blockOrIndex)
	return nil
}

func (g *xzGuard) blockOrIndex(b []byte) error {
	g.start = g.pos - 1
	if b[0] == 0 {
		g.collect(1, g.indexCount)
		g.vbytes, g.vlast = 0, 0
		return nil
	}
	g.collect(int(b[0])*4+3, g.blockHeader) // (size+1)*4 bytes, one of them read
	return nil
}

func (g *xzGuard) blockHeader(b []byte) error {
	h := b[:len(b)-4] // without the CRC32; the decoder checks it
	flags := h[0]
	p := 1
	uvarint := func() bool {
		_, n := binary.Uvarint(h[p:])
		if n <= 0 {
			return false
		}
		p += n
		return true
	}
	if flags&0x40 != 0 && !uvarint() {
		return errXZFraming
	}
	if flags&0x80 != 0 && !uvarint() {
		return errXZFraming
	}
	for range int(flags&3) + 1 {
		if p >= len(h) {
			return errXZFraming
		}
		id, n := binary.Uvarint(h[p:])
		if n <= 0 {
			return errXZFraming
		}
		p += n
		size, n := binary.Uvarint(h[p:])
		if n <= 0 || size > uint64(len(h)) || p+n+int(size) > len(h) {
			return errXZFraming
		}
		p += n
		if id == 0x21 { // LZMA2
			if size != 1 {
				return errXZFraming
			}
			if d := lzma2Dict(h[p]); d > g.max {
				return fmt.Errorf("xz: a block at byte %d asks for a dictionary of %d bytes (more than %d): not read", g.start, d, g.max)
			}
		}
		p += int(size)
	}
	g.collect(1, g.chunk)
	return nil
}

// lzma2Dict decodes LZMA2's dictionary size property; values past 40 are invalid and
// count as too large.
func lzma2Dict(c byte) int64 {
	c &= 0x3f
	switch {
	case c > 40:
		return 1 << 32
	case c == 40:
		return 1<<32 - 1
	}
	return int64(2|c&1) << (c/2 + 11)
}

// chunk reads an LZMA2 chunk's control byte.
func (g *xzGuard) chunk(b []byte) error {
	c := b[0]
	switch {
	case c == 0: // end of the block's data: padding, then the check
		g.skip = g.pad(g.start) + int64(g.check)
		g.collect(1, g.blockOrIndex)
	case c == 1 || c == 2: // uncompressed: 16-bit size-1
		g.collect(2, func(b []byte) error {
			g.skip = int64(binary.BigEndian.Uint16(b)) + 1
			g.collect(1, g.chunk)
			return nil
		})
	case c >= 0x80: // compressed: unpacked size, packed size-1, properties on a reset
		n := 4
		if (c>>5)&3 >= 2 {
			n = 5
		}
		g.collect(n, func(b []byte) error {
			g.skip = int64(binary.BigEndian.Uint16(b[2:4])) + 1
			g.collect(1, g.chunk)
			return nil
		})
	default:
		return errXZFraming
	}
	return nil
}

// indexCount, indexVarint: the index is a count of records, two varints each, padding,
// then a CRC32; the stream footer follows.
func (g *xzGuard) indexCount(b []byte) error {
	if !g.varint(b[0]) {
		return errXZFraming
	}
	if g.vbytes == 0 { // the count is complete
		if g.vlast > 1<<40 {
			return errXZFraming
		}
		g.varints = int(g.vlast) * 2
		return g.indexNext()
	}
	g.collect(1, g.indexCount)
	return nil
}

func (g *xzGuard) indexVarint(b []byte) error {
	if !g.varint(b[0]) {
		return errXZFraming
	}
	if g.vbytes == 0 {
		g.varints--
		return g.indexNext()
	}
	g.collect(1, g.indexVarint)
	return nil
}

func (g *xzGuard) indexNext() error {
	if g.varints > 0 {
		g.collect(1, g.indexVarint)
		return nil
	}
	g.skip = g.pad(g.start) + 4 + 12 // padding, CRC32, stream footer
	g.collect(4, g.streamPadding)
	return nil
}

// varint adds one byte to the varint being read; vbytes returns to 0 when it ends.
func (g *xzGuard) varint(c byte) bool {
	if g.vbytes == 0 {
		g.vlast = 0
	}
	if g.vbytes >= 9 {
		return false
	}
	g.vlast |= uint64(c&0x7f) << (7 * g.vbytes)
	g.vbytes++
	if c&0x80 == 0 {
		g.vbytes = 0
	}
	return true
}

// streamPadding reads four bytes after a stream: zeros are padding, anything else
// begins the next stream's header.
func (g *xzGuard) streamPadding(b []byte) error {
	if bytes.Equal(b, []byte{0, 0, 0, 0}) {
		g.collect(4, g.streamPadding)
		return nil
	}
	head := append([]byte(nil), b...)
	g.collect(8, func(rest []byte) error { return g.streamHeader(append(head, rest...)) })
	return nil
}
