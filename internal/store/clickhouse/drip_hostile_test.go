package clickhouse

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// drip writes one byte every 900 ms, under the 1 s IOTimeout the tests give the prober:
// no read ever waits out a read timeout.
func drip(c net.Conn) {
	for i := 0; i < 200; i++ {
		if _, err := c.Write([]byte{' '}); err != nil {
			return
		}
		time.Sleep(900 * time.Millisecond)
	}
}

// TestHostileDripEveryLogin: a server taken for ClickHouse (its /ping headers, or a
// native refusal of the first credential) that then drips its answers one byte within
// every read timeout was asked again with every other credential, each attempt cut only
// by its own deadline: six attempts, some 12 s with a 1 s IOTimeout (78 s, past the
// target's 60 s, with the defaults). A timed-out login now ends the credential loop, as in
// the other probers: one attempt.
func TestHostileDripEveryLogin(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle func(n int, c net.Conn, logins *atomic.Int32)
	}{
		{"http", func(_ int, c net.Conn, logins *atomic.Int32) {
			br := bufio.NewReader(c)
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				drainHeaders(br)
				if strings.HasPrefix(line, "GET /ping") {
					io.WriteString(c, "HTTP/1.1 200 OK\r\nX-ClickHouse-Server-Display-Name: x\r\nContent-Length: 4\r\n\r\nOk.\n")
					continue
				}
				logins.Add(1)
				io.WriteString(c, "HTTP/1.1 200 OK\r\nX-ClickHouse-Format: JSONCompact\r\n\r\n")
				drip(c)
				return
			}
		}},
		{"native", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logins atomic.Int32
			handle := tc.handle
			if tc.name == "native" {
				var conns atomic.Int32
				handle = func(n int, c net.Conn, logins *atomic.Int32) {
					nativeFront(func(c net.Conn) {
						consumeHello(c)
						logins.Add(1)
						if conns.Add(1) == 1 {
							b := binary.AppendUvarint(nil, serverException)
							c.Write(append(b, exceptionBody(codeAuthFailed, "DB::Exception", "Authentication failed", nil)...))
							return
						}
						c.Write(binary.AppendUvarint([]byte{serverHello}, 200)) // a hello whose name is dripped
						drip(c)
					})(n, c)
				}
			}
			ep := probetest.Raw(t, func(n int, c net.Conn) { handle(n, c, &logins) })
			o := store.DefaultOptions()
			o.IOTimeout = time.Second
			o.ConnectTimeout = time.Second
			o.InventoryTimeout = 3 * time.Second
			_, err, took := probetest.Try(New(), ep, &o, 60*time.Second)
			t.Logf("%d logins, took %v: %v", logins.Load(), took.Round(100*time.Millisecond), err)
			want := int32(1)
			if tc.name == "native" {
				want = 2 // the refused one, then the one that drips
			}
			if n := logins.Load(); n > want {
				t.Errorf("%d logins to a server that drips, want %d", n, want)
			}
			if !store.IsTimeout(err) {
				t.Errorf("error %v, want a timeout", err)
			}
		})
	}
}
