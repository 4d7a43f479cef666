package postgres

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// A server that accepts the login and then reports ParameterStatus after
// ParameterStatus, each under a new name: the driver keeps every one in a map for the
// life of the connection, so a flood within the connect timeout used to fill memory
// (hundreds of MiB in a few seconds here, gigabytes at the default timeouts). What a
// connection keeps of them is now capped, and the login fails with ErrTooLarge.
func TestHostileParameterStatusFlood(t *testing.T) {
	var sent atomic.Int64
	ep := fakeServer(t, func(c net.Conn) {
		if _, ok := readStartup(c); !ok {
			return
		}
		_ = c.SetDeadline(time.Now().Add(30 * time.Second))
		c.Write(msg('R', i32(0))) // AuthenticationOk
		value := strings.Repeat("v", 60<<10)
		for i := 0; ; i++ {
			n, err := c.Write(msg('S', cstr(fmt.Sprintf("flood_%d", i), value)))
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	o := hostileOptions()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	res, err := New().Probe(ctx, ep, o)
	if n := sent.Load(); n > 64<<20 {
		t.Fatalf("the client took %d MiB of ParameterStatus in %v", n>>20, time.Since(start))
	}
	if res == nil || !strings.Contains(res.Service.Error+fmt.Sprint(err), store.ErrTooLarge.Error()) {
		t.Fatalf("res %+v err %v", res, err)
	}
}

// statusCap follows the framing however the stream is cut: ParameterStatus bytes are
// counted across reads of any size, other messages (a large DataRow) are not.
func TestStatusCapFraming(t *testing.T) {
	var stream []byte
	stream = append(stream, msg('D', []byte(strings.Repeat("r", 5000)))...)
	for i := range 10 {
		stream = append(stream, msg('S', cstr(fmt.Sprintf("p%d", i), strings.Repeat("v", 90)))...)
	}
	stream = append(stream, msg('Z', []byte{'I'})...)
	statusBytes := 10 * (5 + len(cstr("p0", strings.Repeat("v", 90))))
	for _, chunk := range []int{1, 3, 5, 7, 64, 4096, len(stream)} {
		for _, tc := range []struct {
			max  int64
			fail bool
		}{{int64(statusBytes), false}, {int64(statusBytes - 1), true}} {
			s := &statusCap{r: &chunked{b: stream, n: chunk}, max: tc.max}
			got, err := io.ReadAll(s)
			if failed := errors.Is(err, store.ErrTooLarge); failed != tc.fail || (!tc.fail && !bytes.Equal(got, stream)) {
				t.Errorf("chunks of %d, cap %d: read %d of %d bytes, err %v", chunk, tc.max, len(got), len(stream), err)
			}
		}
	}
}

type chunked struct {
	b []byte
	n int
}

func (c *chunked) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	k := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[k:]
	return k, nil
}
