package finding

import "encoding/binary"

// hexPairs holds every byte's two lower-case hex digits, the first in the low byte.
var hexPairs = func() (t [256]uint16) {
	const digits = "0123456789abcdef"
	for i := range t {
		t[i] = uint16(digits[i>>4]) | uint16(digits[i&15])<<8
	}
	return
}()

// EncodeHex writes src in lower-case hex to dst, which must hold 2*len(src) bytes:
// encoding/hex.Encode's output, four bytes' digits at a time from a table of pairs.
// Every finding carries a fingerprint and an id in hex, and hex.Encode's two lookups
// and two checked stores a byte were a hundredth of the instructions of a detect run
// on logs.
func EncodeHex(dst, src []byte) {
	dst = dst[:2*len(src)]
	for len(src) >= 4 && len(dst) >= 8 {
		binary.LittleEndian.PutUint64(dst, uint64(hexPairs[src[0]])|uint64(hexPairs[src[1]])<<16|
			uint64(hexPairs[src[2]])<<32|uint64(hexPairs[src[3]])<<48)
		dst, src = dst[8:], src[4:]
	}
	for len(src) > 0 && len(dst) >= 2 {
		binary.LittleEndian.PutUint16(dst, hexPairs[src[0]])
		dst, src = dst[2:], src[1:]
	}
}
