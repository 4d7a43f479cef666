package mysql

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// FuzzParseGreeting feeds arbitrary first bytes to the greeting parser: no panic, and
// whatever it accepts is a plausible MySQL greeting or ERR packet.
func FuzzParseGreeting(f *testing.F) {
	f.Add(packet(0, v10("8.0.36", mysql8Caps, "caching_sha2_password", 0)))
	f.Add(packet(0, v10("5.5.5-10.11.19-MariaDB-0+deb12u1", capSecureConnection|capPluginAuth, "mysql_native_password", 0x1d)))
	f.Add(packet(0, append([]byte{0xff, 0x6a, 0x04}, "Host 'x' is not allowed to connect"...)))
	f.Add(packet(0, append([]byte{9}, "3.20.32\x00\x01\x00\x00\x00scramble\x00"...)))
	f.Add([]byte("HTTP/1.1 200 OK\r\n"))
	f.Add([]byte{0xff, 0xff, 0xff, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		complete := packetComplete(data)
		g, err := ParseGreeting(data)
		if err != nil {
			return
		}
		if !complete {
			t.Fatal("parsed a greeting from an incomplete packet")
		}
		if g.Err == nil && (g.Version == "" || !plausibleVersion(g.Version)) {
			t.Fatalf("implausible version %q accepted", g.Version)
		}
		if g.Err != nil && g.Err.Code < 1000 {
			t.Fatalf("error code %d accepted", g.Err.Code)
		}
		if len(g.AuthPlugin) > 64 || bytes.IndexByte([]byte(g.AuthPlugin), 0) >= 0 {
			t.Fatalf("plugin %q", g.AuthPlugin)
		}
		_ = CleanVersion(g.Version)
		_ = g.Flavor()
	})
}

// FuzzConnectionHost: any table definition yields a bounded host or none.
func FuzzConnectionHost(f *testing.F) {
	f.Add("ENGINE=FEDERATED CONNECTION='mysql://u:p@h:3306/db/t'")
	f.Add("ENGINE=SPIDER COMMENT='host \"h\", port \"1\"'")
	f.Add("CONNECTION='a\\'b''c'")
	f.Fuzz(func(t *testing.T, def string) {
		if h := connectionHost(def); len(h) > 220 {
			t.Fatalf("host of %d bytes", len(h))
		}
	})
}

// FuzzGuard feeds arbitrary server bytes to the guard while a client sends a
// handshake response: no panic, no hang, and no response leaves towards a greeting
// that names a plugin whose answer is the password.
func FuzzGuard(f *testing.F) {
	greet := packet(0, v10("8.0.36", mysql8Caps, "caching_sha2_password", 0))
	f.Add(append(bytes.Clone(greet), packet(2, []byte{pktMoreData, fullAuth})...))
	f.Add(append(bytes.Clone(greet), packet(2, append([]byte{pktAuthSwitch}, "mysql_clear_password\x00"...))...))
	f.Add(append(bytes.Clone(greet), packet(2, []byte{pktMoreData, fastAuthOK})...))
	f.Add(append(packet(0, v10("8.0.36", mysql8Caps, "sha256_password", 0)), packet(2, []byte{pktOK, 0, 0})...))
	f.Add([]byte{0xff, 0xff, 0xff, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		server := &scriptedConn{r: bytes.NewReader(data)}
		dc, _ := guardConn(context.Background(), store.Endpoint{Addr: netip.MustParseAddr("127.0.0.1"), Port: 3306}, &store.Options{}, server, time.Now().Add(time.Second))
		done := make(chan struct{})
		go func() { _, _ = io.Copy(io.Discard, dc); close(done) }()
		go func() {
			_, _ = dc.Write(packet(1, append(make([]byte, 40), "secret-password\x00"...)))
			_, _ = dc.Write(packet(3, []byte("secret-password\x00")))
			dc.Close()
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("the guard hung")
		}
		first := data
		if packetComplete(data) && len(data) >= 4 {
			first = data[:min(len(data), 4+(int(data[0])|int(data[1])<<8|int(data[2])<<16))]
		}
		if bytes.Contains(first, []byte("sha256_password")) && bytes.Contains(server.written(), []byte("secret-password")) {
			t.Fatalf("a handshake response left for a greeting naming sha256_password: %q", server.written())
		}
	})
}

// scriptedConn is a server that says data, then hangs up, and keeps what it was sent.
type scriptedConn struct {
	net.Conn
	r  *bytes.Reader
	mu sync.Mutex
	w  bytes.Buffer
}

func (c *scriptedConn) Read(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.r.Read(p)
}

func (c *scriptedConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.w.Write(p)
}

func (c *scriptedConn) written() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.w.Bytes())
}

func (c *scriptedConn) Close() error                     { return nil }
func (c *scriptedConn) SetDeadline(time.Time) error      { return nil }
func (c *scriptedConn) SetReadDeadline(time.Time) error  { return nil }
func (c *scriptedConn) SetWriteDeadline(time.Time) error { return nil }
