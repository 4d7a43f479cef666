package identify

import (
	"errors"
	"io"
	"net"
	"sync/atomic"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// conv is what one connection has said so far.
type conv struct {
	c    net.Conn
	data []byte
	// eof: the peer closed or reset; err is why, when not a plain end of stream.
	eof bool
	err error
	// settle bounds how long an answer may take to complete once it has started (0:
	// the deadline alone): a server that speaks a byte a second costs that, not a full
	// I/O timeout.
	settle time.Duration
	// started is when the first bytes came; talking is set then, for other goroutines.
	started time.Time
	talking atomic.Bool
}

// fill reads until decide gives a verdict (with decide nil: until any bytes arrive),
// data holds max bytes, the peer closes, or deadline passes. It returns decide's
// verdict, asked with final set when reading stopped without one.
func (v *conv) fill(deadline time.Time, max int, decide func(data []byte, final bool) store.Verdict) store.Verdict {
	if decide != nil && len(v.data) > 0 {
		if vd := decide(v.data, v.eof || len(v.data) >= max); vd != store.NeedMore {
			return vd
		}
	}
	var buf [2048]byte
	for !v.eof && len(v.data) < max {
		d := deadline
		if v.settle > 0 && !v.started.IsZero() && v.started.Add(v.settle).Before(d) {
			d = v.started.Add(v.settle)
		}
		if err := v.c.SetReadDeadline(d); err != nil {
			v.eof, v.err = true, err
			break
		}
		n, err := v.c.Read(buf[:min(len(buf), max-len(v.data))])
		if n > 0 {
			if v.started.IsZero() {
				v.started = time.Now()
				v.talking.Store(true)
			}
			v.data = append(v.data, buf[:n]...)
			if decide == nil {
				return store.NeedMore
			}
			if vd := decide(v.data, false); vd != store.NeedMore {
				return vd
			}
		}
		if err != nil {
			var ne net.Error
			if !(errors.As(err, &ne) && ne.Timeout()) {
				v.eof = true
				if !errors.Is(err, io.EOF) {
					v.err = err
				}
			}
			break
		}
	}
	if decide == nil {
		return store.NeedMore
	}
	return decide(v.data, true)
}
