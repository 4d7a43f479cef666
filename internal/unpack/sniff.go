// Package unpack reads what is inside archives, compressed files and UTF-16 text as
// streams of text, for detect. Everything is recognised by its first bytes, never by its
// name; nothing is ever written to disk; every read is bounded (bytes per top-level
// input, members, bytes per member, nesting depth) and every member name is sanitised
// before anyone shows it.
package unpack

import "bytes"

// Kind is what an input's first bytes say it is.
type Kind int

const (
	Text Kind = iota
	Binary
	Gzip
	Bzip2
	XZ
	Zstd
	Zip
	Tar
	UTF8BOM
	UTF16LE      // with a byte order mark
	UTF16BE      // with a byte order mark
	UTF16LENoBOM // told by the NUL pattern of ASCII text
	UTF16BENoBOM
)

var kindNames = [...]string{"text", "binary", "gzip", "bzip2", "xz", "zstd", "zip", "tar",
	"utf-8 with BOM", "utf-16le", "utf-16be", "utf-16le", "utf-16be"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Container reports whether k is an archive or a compressed stream: something opened
// (and counted against the nesting depth) rather than read as text.
func (k Kind) Container() bool { return k >= Gzip && k <= Tar }

// SniffLen is how many leading bytes Sniff needs to tell every kind apart (tar's magic
// sits at 257; its header checksum covers 512 bytes).
const SniffLen = 8 << 10

var (
	magicXZ      = []byte{0xfd, '7', 'z', 'X', 'Z', 0}
	magicZstd    = []byte{0x28, 0xb5, 0x2f, 0xfd}
	magicBz2Blk  = []byte{0x31, 0x41, 0x59, 0x26, 0x53, 0x59} // a block: BCD pi
	magicBz2End  = []byte{0x17, 0x72, 0x45, 0x38, 0x50, 0x90} // end of stream: sqrt(pi)
	magicZipLoc  = []byte("PK\x03\x04")
	magicZipEnd  = []byte("PK\x05\x06") // an empty archive
	magicZipSpan = []byte("PK\x07\x08PK\x03\x04")
)

// Sniff tells what head, the first bytes of an input (up to SniffLen), holds. Text is
// anything without a NUL byte in head that no magic number claims; it costs a few byte
// comparisons and one IndexByte, which plain text paid before.
func Sniff(head []byte) Kind {
	if len(head) >= 2 {
		switch {
		case head[0] == 0x1f && head[1] == 0x8b:
			return Gzip
		case head[0] == 0xff && head[1] == 0xfe:
			if len(head) >= 4 && head[2] == 0 && head[3] == 0 {
				return Binary // UTF-32LE: not read
			}
			return UTF16LE
		case head[0] == 0xfe && head[1] == 0xff:
			return UTF16BE
		}
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xef, 0xbb, 0xbf}):
		return UTF8BOM
	case len(head) >= 10 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h' && head[3] >= '1' && head[3] <= '9' &&
		(bytes.Equal(head[4:10], magicBz2Blk) || bytes.Equal(head[4:10], magicBz2End)):
		return Bzip2
	case bytes.HasPrefix(head, magicXZ):
		return XZ
	case bytes.HasPrefix(head, magicZstd):
		return Zstd
	case bytes.HasPrefix(head, magicZipLoc), bytes.HasPrefix(head, magicZipEnd), bytes.HasPrefix(head, magicZipSpan):
		return Zip
	}
	if bytes.IndexByte(head, 0) < 0 {
		return Text
	}
	if isTar(head) {
		return Tar
	}
	if k := utf16NoBOM(head); k != Text {
		return k
	}
	return Binary
}

// isTar reports whether head starts with a tar header: the ustar magic (POSIX and GNU)
// or, for old V7 archives without it, a header whose checksum adds up.
func isTar(head []byte) bool {
	if len(head) < 512 {
		return false
	}
	if bytes.HasPrefix(head[257:], []byte("ustar")) {
		return true
	}
	// The checksum field: octal digits, then NUL or space.
	field := head[148:156]
	want, digits := int64(0), 0
	for _, c := range field {
		if c >= '0' && c <= '7' {
			want = want*8 + int64(c-'0')
			digits++
			continue
		}
		if c == 0 || c == ' ' {
			if digits > 0 {
				break
			}
			continue
		}
		return false
	}
	if digits == 0 || head[0] == 0 {
		return false
	}
	var sum int64
	for i, c := range head[:512] {
		if i >= 148 && i < 156 {
			c = ' '
		}
		sum += int64(c)
	}
	return sum == want
}

// utf16NoBOM tells UTF-16 text without a byte order mark by the pattern ASCII text makes
// in it: a NUL byte in every pair, always on the same side, the other byte printable.
func utf16NoBOM(head []byte) Kind {
	n := min(len(head), 4096) &^ 1
	if n < 16 {
		return Text
	}
	var le, be int
	for i := 0; i < n; i += 2 {
		a, b := head[i], head[i+1]
		switch {
		case b == 0 && textByte(a):
			le++
		case a == 0 && textByte(b):
			be++
		}
	}
	pairs := n / 2
	switch {
	case le*10 >= pairs*9:
		return UTF16LENoBOM
	case be*10 >= pairs*9:
		return UTF16BENoBOM
	}
	return Text
}

func textByte(c byte) bool { return c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' }
