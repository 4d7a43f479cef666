package probetest

import (
	"encoding/binary"
	"io"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// EndlessMySQLRow serves a hostile MySQL-protocol server (laid out from the protocol
// documentation: HandshakeV10, mysql_native_password, no TLS, classic EOF packets) that
// greets with version, accepts any login, and answers every query with a one-column
// result whose first row never ends: MySQL splits a payload over 16 MiB - 1 into packets
// of exactly that size, and a client joins them until one is shorter. With drip set, the
// row comes one byte per drip, each within any read timeout. sent counts the bytes the
// client took.
func EndlessMySQLRow(t testing.TB, version string, drip time.Duration, sent *atomic.Int64) store.Endpoint {
	t.Helper()
	// CLIENT_PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH, CONNECT_WITH_DB, TRANSACTIONS,
	// PLUGIN_AUTH_LENENC_CLIENT_DATA, CONNECT_ATTRS; no SSL, no DEPRECATE_EOF.
	const caps = 0x0200 | 0x8000 | 0x80000 | 0x0008 | 0x2000 | 0x200000 | 0x100000
	packet := func(seq byte, p []byte) []byte {
		n := len(p)
		return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, p...)
	}
	greeting := []byte{10}
	greeting = append(append(greeting, version...), 0)
	greeting = binary.LittleEndian.AppendUint32(greeting, 7)
	greeting = append(greeting, "abcdefgh\x00"...)
	greeting = binary.LittleEndian.AppendUint16(greeting, uint16(caps&0xffff))
	greeting = append(greeting, 0x21, 2, 0)
	greeting = binary.LittleEndian.AppendUint16(greeting, uint16(caps>>16))
	greeting = append(greeting, 21)
	greeting = append(greeting, make([]byte, 10)...)
	greeting = append(greeting, "ijklmnopqrst\x00mysql_native_password\x00"...)
	return Raw(t, func(_ int, c net.Conn) {
		_ = c.SetDeadline(time.Now().Add(60 * time.Second))
		read := func() []byte {
			var h [4]byte
			if _, err := io.ReadFull(c, h[:]); err != nil {
				return nil
			}
			b := make([]byte, int(h[0])|int(h[1])<<8|int(h[2])<<16)
			if _, err := io.ReadFull(c, b); err != nil {
				return nil
			}
			return b
		}
		if _, err := c.Write(packet(0, greeting)); err != nil || read() == nil {
			return
		}
		c.Write(packet(2, []byte{0, 0, 0, 2, 0, 0, 0})) // OK: logged in
		for {
			cmd := read()
			if len(cmd) == 0 || cmd[0] != 0x03 { // COM_QUERY; COM_QUIT or a close ends
				return
			}
			var def []byte
			for _, s := range []string{"def", "", "", "", "v", ""} {
				def = append(append(def, byte(len(s))), s...)
			}
			def = append(def, 0x0c, 0x21, 0, 0xff, 0xff, 0, 0, 0xfd, 0, 0, 0, 0, 0)
			c.Write(packet(1, []byte{1}))                // one column
			c.Write(packet(2, def))                      // VAR_STRING "v"
			c.Write(packet(3, []byte{0xfe, 0, 0, 2, 0})) // EOF
			chunk := make([]byte, 1<<24-1)
			for i := range chunk {
				chunk[i] = 'a'
			}
			chunk[0] = 0xfe // a length-encoded string of 2^40 bytes
			binary.LittleEndian.PutUint64(chunk[1:], 1<<40)
			for seq := byte(4); ; seq++ {
				pkt := append([]byte{0xff, 0xff, 0xff, seq}, chunk...)
				step := 64 << 10
				if drip > 0 {
					step = 1
				}
				for len(pkt) > 0 { // in small writes, to count what the client took
					time.Sleep(drip)
					n, err := c.Write(pkt[:min(len(pkt), step)])
					sent.Add(int64(n))
					if err != nil {
						return
					}
					pkt = pkt[n:]
				}
				copy(chunk, "aaaaaaaaa")
			}
		}
	})
}
