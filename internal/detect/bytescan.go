package detect

import "encoding/binary"

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
