package unpack

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"sync"
)

// A bzip2 decoder whose output equals compress/bzip2's (FuzzBz2 checks it against it),
// for less CPU: the Burrows-Wheeler chain is followed in a loop of its own into a block
// buffer, run-length decoding is a second tight loop over that buffer, and the CRC is
// taken eight bytes a step (compress/bzip2 does all three byte by byte in one loop whose
// state lives in the reader). Pinned to one core, reading the Go tree's 64 MB regexp test
// log (re2-exhaustive.txt.bz2) costs about 20% less CPU than the standard library, 12 MB
// of Go source about 25%, base64 of random bytes about 40%. dsnet/compress's decoder
// was no faster than the standard one there. Following two or four blocks' chains side
// by side, which helps on random data, cost more on text (the tables no longer fit the
// cache), so blocks are decoded one at a time.

var (
	errBz2Magic    = errors.New("bzip2: bad magic value")
	errBz2Data     = errors.New("bzip2: corrupt block")
	errBz2Checksum = errors.New("bzip2: checksum mismatch")
)

type bz2Block struct {
	tt      []uint32 // the block's symbols, then its transform's links
	pre     []byte   // the block before run-length decoding
	n       int      // symbols in the block
	origPtr int
	crc     uint32 // what the block says its CRC is
}

type bz2Reader struct {
	br        bz2Bits
	blockSize int
	started   bool
	block     bz2Block
	ready     bool  // block is decoded and being written out
	pos       int   // its next byte in pre
	pending   error // what stopped the decoding, returned once the block before it is out
	err       error
	fileCRC   uint32 // combined from the blocks' stated CRCs
	// run-length state (as compress/bzip2 keeps it)
	lastByte    int
	byteRepeats int
	repeats     int
	crc         uint32 // of the current block's output so far
	c           [256]int
	mtfSel      [6]uint8
	lengths     [258]uint8
	limit       [6][22]int32
	base        [6][22]int32
	perm        [6][258]uint16
	minLen      [6]int
	selectors   []uint8
}

// bz2Buf is one block's tables, kept for the next stream: a tree of small .bz2 files
// would otherwise allocate 4.5 MB for each.
type bz2Buf struct {
	tt  []uint32
	pre []byte
}

var bz2Bufs sync.Pool

// release gives the reader's tables back for reuse; it must not be read after.
func (z *bz2Reader) release() {
	if b := &z.block; b.tt != nil {
		bz2Bufs.Put(&bz2Buf{b.tt, b.pre})
		b.tt, b.pre = nil, nil
	}
	z.err = errors.New("bzip2: reader released")
}

func newBz2Reader(r io.Reader) *bz2Reader {
	br, ok := r.(io.ByteReader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &bz2Reader{br: bz2Bits{r: br}}
}

func (z *bz2Reader) Read(p []byte) (int, error) {
	for {
		if z.err != nil {
			return 0, z.err
		}
		if len(p) == 0 {
			return 0, nil
		}
		if z.ready {
			n := z.emit(p)
			if n > 0 {
				return n, nil
			}
			// The block is out: its checksum, then the next one.
			if ^z.crc != z.block.crc {
				z.err = errBz2Checksum
				return 0, z.err
			}
			z.ready = false
			continue
		}
		if z.pending != nil {
			z.err = z.pending
			return 0, z.err
		}
		z.fill()
	}
}

// emit writes the current block's run-length-decoded bytes into p, as compress/bzip2's
// reader does (a count byte of zero leaves the byte before it counted as the first of a
// new run), and updates the block's CRC.
func (z *bz2Reader) emit(p []byte) int {
	b := &z.block
	pre := b.pre[:b.n]
	n := 0
	pos, last, br, rep := z.pos, z.lastByte, z.byteRepeats, z.repeats
	for n < len(p) && (rep > 0 || pos < len(pre)) {
		if rep > 0 {
			k := min(rep, len(p)-n)
			c := byte(last)
			for i := range k {
				p[n+i] = c
			}
			n += k
			rep -= k
			if rep == 0 {
				last = -1
			}
			continue
		}
		c := pre[pos]
		pos++
		if br == 3 {
			rep, br = int(c), 0
			continue
		}
		if last == int(c) {
			br++
		} else {
			br = 0
		}
		last = int(c)
		p[n] = c
		n++
	}
	z.pos, z.lastByte, z.byteRepeats, z.repeats = pos, last, br, rep
	z.crc = bz2CRC(z.crc, p[:n])
	return n
}

// fill decodes the next block and follows its chain. An error (or the end of the input)
// is kept in pending.
func (z *bz2Reader) fill() {
	for !z.ready && z.pending == nil {
		if !z.started {
			if err := z.header(); err != nil {
				z.pending = err
				break
			}
			z.started = true
		}
		switch magic := z.br.bits64(48); {
		case z.br.err != nil:
			z.pending = z.br.err
		case magic == 0x314159265359:
			if err := z.readBlock(&z.block); err != nil {
				z.pending = err
			} else {
				z.ready = true
			}
		case magic == 0x177245385090:
			want := z.br.bits(32)
			if z.br.err != nil {
				z.pending = z.br.err
			} else if want != z.fileCRC {
				z.pending = errBz2Checksum
			} else {
				z.pending = z.next()
			}
		default:
			z.pending = errBz2Magic
		}
	}
	if z.ready {
		z.unBWT()
		z.pos, z.lastByte, z.byteRepeats, z.repeats, z.crc = 0, -1, 0, 0, 0xffffffff
	}
}

// header reads "BZh" and the block size digit.
func (z *bz2Reader) header() error {
	m := z.br.bits(24)
	if z.br.err != nil {
		return z.br.err
	}
	if m>>8 != 'B'<<8|'Z' || m&0xff != 'h' {
		return errBz2Magic
	}
	level := int(z.br.bits(8))
	if z.br.err != nil {
		return z.br.err
	}
	if level < '1' || level > '9' {
		return errBz2Magic
	}
	z.blockSize = 100000 * (level - '0')
	z.fileCRC = 0
	return nil
}

// next is what follows a stream's end: the end of the input, or another stream.
func (z *bz2Reader) next() error {
	z.br.align()
	if !z.br.need(8) {
		if z.br.err != nil {
			return z.br.err
		}
		return io.EOF
	}
	if err := z.header(); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	z.started = true
	return nil
}

// readBlock decodes one block's Huffman, MTF and zero-run stages into b.tt and counts its
// bytes for the transform.
func (z *bz2Reader) readBlock(b *bz2Block) error {
	br := &z.br
	b.crc = br.bits(32)
	z.fileCRC = (z.fileCRC<<1 | z.fileCRC>>31) ^ b.crc
	if br.bits(1) != 0 {
		if br.err != nil {
			return br.err
		}
		return errors.New("bzip2: deprecated randomized block")
	}
	b.origPtr = int(br.bits(24))
	var symbols [256]byte
	nsym := 0
	used := br.bits(16)
	for r := range 16 {
		if used&(1<<(15-r)) != 0 {
			bits := br.bits(16)
			for s := range 16 {
				if bits&(1<<(15-s)) != 0 {
					symbols[nsym] = byte(16*r + s)
					nsym++
				}
			}
		}
	}
	if br.err != nil {
		return br.err
	}
	if nsym == 0 {
		return errBz2Data
	}
	ngroups := int(br.bits(3))
	if ngroups < 2 || ngroups > 6 {
		return errBz2Data
	}
	nsel := int(br.bits(15))
	if cap(z.selectors) < nsel {
		z.selectors = make([]uint8, nsel)
	}
	sel := z.selectors[:nsel]
	for i := range z.mtfSel[:ngroups] {
		z.mtfSel[i] = uint8(i)
	}
	for i := range sel {
		c := 0
		for br.bits(1) != 0 {
			c++
			if c >= ngroups || br.err != nil {
				if br.err != nil {
					return br.err
				}
				return errBz2Data
			}
		}
		v := z.mtfSel[c]
		copy(z.mtfSel[1:c+1], z.mtfSel[:c])
		z.mtfSel[0] = v
		sel[i] = v
	}
	alpha := nsym + 2
	for g := range ngroups {
		l := int(br.bits(5))
		for j := range alpha {
			for {
				if l < 1 || l > 20 {
					if br.err != nil {
						return br.err
					}
					return errBz2Data
				}
				if br.bits(1) == 0 {
					break
				}
				if br.bits(1) != 0 {
					l--
				} else {
					l++
				}
			}
			z.lengths[j] = uint8(l)
		}
		z.huffTables(g, alpha)
	}
	if br.err != nil {
		return br.err
	}
	if nsel == 0 {
		return errBz2Data
	}

	if cap(b.tt) < z.blockSize {
		if p, ok := bz2Bufs.Get().(*bz2Buf); ok && cap(p.tt) >= z.blockSize {
			b.tt, b.pre = p.tt, p.pre
		} else {
			b.tt, b.pre = make([]uint32, z.blockSize), make([]byte, z.blockSize)
		}
	}
	tt := b.tt[:z.blockSize]
	var mtf [256]byte
	copy(mtf[:], symbols[:nsym])
	clear(z.c[:])
	n, run, pow := 0, 0, 0
	selIdx, left, g := 0, 0, 0
	eob := alpha - 1
	for {
		if left == 0 {
			if selIdx >= nsel {
				return errBz2Data
			}
			g = int(sel[selIdx])
			selIdx++
			left = 50
		}
		left--
		v, ok := z.decodeSym(g, alpha)
		if !ok {
			if br.err != nil {
				return br.err
			}
			return errBz2Data
		}
		if v < 2 {
			if run == 0 {
				pow = 1
			}
			run += pow << v
			pow <<= 1
			if run > 2*1024*1024 {
				return errBz2Data
			}
			continue
		}
		if run > 0 {
			if run > z.blockSize-n {
				return errBz2Data
			}
			c := mtf[0]
			for i := n; i < n+run; i++ {
				tt[i] = uint32(c)
			}
			z.c[c] += run
			n += run
			run = 0
		}
		if v == eob {
			break
		}
		k := v - 1
		c := mtf[k]
		copy(mtf[1:k+1], mtf[:k])
		mtf[0] = c
		if n >= z.blockSize {
			return errBz2Data
		}
		tt[n] = uint32(c)
		z.c[c]++
		n++
	}
	if b.origPtr >= n {
		return errBz2Data
	}
	b.n = n
	// The transform's links: tt[i]'s high bits point at the position that follows i.
	sum := 0
	var start [256]int
	for i := range 256 {
		start[i] = sum
		sum += z.c[i]
	}
	for i := range n {
		c := tt[i] & 0xff
		tt[start[c]] |= uint32(i) << 8
		start[c]++
	}
	return nil
}

// huffTables builds group g's canonical decoding tables from z.lengths (bzip2's limit,
// base and permutation form).
func (z *bz2Reader) huffTables(g, alpha int) {
	minLen, maxLen := 32, 0
	for _, l := range z.lengths[:alpha] {
		minLen = min(minLen, int(l))
		maxLen = max(maxLen, int(l))
	}
	p := 0
	for l := minLen; l <= maxLen; l++ {
		for s := range alpha {
			if int(z.lengths[s]) == l {
				z.perm[g][p] = uint16(s)
				p++
			}
		}
	}
	var count [22]int32
	for _, l := range z.lengths[:alpha] {
		count[l]++
	}
	code, idx := int32(0), int32(0)
	for l := range 22 {
		z.limit[g][l] = -1
		z.base[g][l] = 0
	}
	for l := minLen; l <= maxLen; l++ {
		z.base[g][l] = idx - code // perm index = code - (code of the first l-bit code) + its index
		code += count[l]
		idx += count[l]
		z.limit[g][l] = code - 1
		code <<= 1
	}
	z.minLen[g] = minLen
}

// decodeSym reads one symbol of group g.
func (z *bz2Reader) decodeSym(g, alpha int) (int, bool) {
	br := &z.br
	if !br.need(20) {
		// Near the end of the input: read bit by bit.
		l := z.minLen[g]
		code := int32(br.bits(uint(l)))
		for l <= 20 && code > z.limit[g][l] {
			l++
			code = code<<1 | int32(br.bits(1))
		}
		if br.err != nil || l > 20 {
			return 0, false
		}
		i := code + z.base[g][l]
		if i < 0 || int(i) >= alpha {
			return 0, false
		}
		return int(z.perm[g][i]), true
	}
	peek := int32(br.acc>>(br.n-20)) & (1<<20 - 1)
	l := z.minLen[g]
	code := peek >> (20 - l)
	for code > z.limit[g][l] {
		l++
		if l > 20 {
			return 0, false
		}
		code = peek >> (20 - l)
	}
	br.n -= uint(l)
	i := code + z.base[g][l]
	if i < 0 || int(i) >= alpha {
		return 0, false
	}
	return int(z.perm[g][i]), true
}

// unBWT follows the block's chain into its pre buffer.
func (z *bz2Reader) unBWT() {
	b := &z.block
	t, pre := b.tt, b.pre[:b.n]
	s := t[b.origPtr] >> 8
	for i := range pre {
		v := t[s]
		pre[i] = byte(v)
		s = v >> 8
	}
}

// bz2Bits reads bits most significant first.
type bz2Bits struct {
	r   io.ByteReader
	acc uint64
	n   uint // bits held in the low end of acc
	err error
}

// need makes n bits (at most 56) available, reporting whether it could; running out is
// an error only when bits asks for what is not there.
func (b *bz2Bits) need(n uint) bool {
	for b.n < n {
		c, err := b.r.ReadByte()
		if err != nil {
			if err != io.EOF && b.err == nil {
				b.err = err
			}
			return false
		}
		b.acc = b.acc<<8 | uint64(c)
		b.n += 8
	}
	return true
}

// bits reads n bits (1 to 32); past the end of the input it sets err and returns 0.
func (b *bz2Bits) bits(n uint) uint32 {
	if !b.need(n) {
		if b.err == nil {
			b.err = io.ErrUnexpectedEOF
		}
		return 0
	}
	b.n -= n
	return uint32(b.acc>>b.n) & (1<<n - 1)
}

func (b *bz2Bits) bits64(n uint) uint64 {
	hi := uint64(b.bits(n - 32))
	return hi<<32 | uint64(b.bits(32))
}

// align drops the bits left in the current byte.
func (b *bz2Bits) align() { b.n -= b.n % 8 }

// bz2CRC updates a bzip2 (MSB-first CRC-32) checksum eight bytes a step.
func bz2CRC(crc uint32, p []byte) uint32 {
	t := &bz2Tables
	for len(p) >= 8 {
		crc ^= binary.BigEndian.Uint32(p)
		crc = t[7][crc>>24] ^ t[6][crc>>16&0xff] ^ t[5][crc>>8&0xff] ^ t[4][crc&0xff] ^
			t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]]
		p = p[8:]
	}
	for _, c := range p {
		crc = crc<<8 ^ t[0][byte(crc>>24)^c]
	}
	return crc
}

var bz2Tables = func() (t [8][256]uint32) {
	for i := range 256 {
		c := uint32(i) << 24
		for range 8 {
			if c&0x80000000 != 0 {
				c = c<<1 ^ 0x04c11db7
			} else {
				c <<= 1
			}
		}
		t[0][i] = c
	}
	for k := 1; k < 8; k++ {
		for i := range 256 {
			c := t[k-1][i]
			t[k][i] = c<<8 ^ t[0][c>>24]
		}
	}
	return t
}()
