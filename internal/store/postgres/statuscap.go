package postgres

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/leakwatch/leakwatch/internal/store"
)

// maxParameterStatusBytes bounds the ParameterStatus messages one connection takes. A
// real server sends a dozen short ones at login and one per SET of a reported setting;
// the driver keeps each under its name for the life of the connection, so a server
// sending new names without end would otherwise fill memory within the timeouts.
const maxParameterStatusBytes = 1 << 20

// statusCap follows the backend's message framing (type byte, length) on the
// connection's plaintext, and fails the read once ParameterStatus ('S') messages have
// taken more than max bytes.
type statusCap struct {
	r        io.Reader
	hdr      [5]byte
	hdrN     int
	left     int64 // body bytes of the current message still to come
	isStatus bool
	status   int64
	max      int64
}

func (s *statusCap) Read(p []byte) (int, error) {
	if s.status > s.max {
		return 0, s.tooMuch()
	}
	n, err := s.r.Read(p)
	for i := 0; i < n; {
		if s.left > 0 {
			k := min(s.left, int64(n-i))
			if s.isStatus {
				s.status += k
			}
			s.left -= k
			i += int(k)
			continue
		}
		s.hdr[s.hdrN] = p[i]
		s.hdrN++
		i++
		if s.hdrN == len(s.hdr) {
			s.hdrN = 0
			s.left = max(int64(binary.BigEndian.Uint32(s.hdr[1:]))-4, 0)
			s.isStatus = s.hdr[0] == 'S'
			if s.isStatus {
				s.status += int64(len(s.hdr))
			}
		}
	}
	if s.status > s.max {
		return 0, s.tooMuch()
	}
	return n, err
}

func (s *statusCap) tooMuch() error {
	return fmt.Errorf("%w: the server sent more than %d bytes of ParameterStatus messages", store.ErrTooLarge, s.max)
}
