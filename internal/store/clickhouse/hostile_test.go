package clickhouse

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// nativeFront answers the HTTP sniff as a ClickHouse native port does, so that the
// prober goes on to speak the native protocol to the handler of later connections.
func nativeFront(then func(c net.Conn)) func(int, net.Conn) {
	return func(n int, c net.Conn) {
		if n == 0 {
			_, _ = bufio.NewReader(c).ReadString('\n')
			io.WriteString(c, "HTTP/1.0 400 Bad Request\r\n\r\nPort 9000 is for clickhouse-client program.\r\nYou must use port 8123 for HTTP.\r\n")
			return
		}
		then(c)
	}
}

// consumeHello consumes a client Hello so a handler answers after it.
func consumeHello(c net.Conn) {
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 256)
	_, _ = c.Read(buf)
}

func TestHostileServers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle func(int, net.Conn)
		want   error // nil: any error, as long as it returns in time
	}{
		{"garbage", func(_ int, c net.Conn) { c.Write([]byte("\x07\xff\xfe garbage \x00\x01")) }, store.ErrNoMatch},
		{"closes at once", func(int, net.Conn) {}, store.ErrNoMatch},
		{"stalls", func(_ int, c net.Conn) { _, _ = io.Copy(io.Discard, c) }, store.ErrTimeout},
		{"trickles", func(_ int, c net.Conn) {
			for i := 0; i < 100; i++ {
				if _, err := c.Write([]byte("H")); err != nil {
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		}, nil},
		{"native: huge string length", nativeFront(func(c net.Conn) {
			consumeHello(c)
			c.Write(append(binary.AppendUvarint([]byte{0}, 1<<62), "ClickHouse"...))
		}), store.ErrTooLarge},
		{"native: huge exception message", nativeFront(func(c net.Conn) {
			consumeHello(c)
			b := binary.AppendUvarint(nil, serverException)
			b = binary.LittleEndian.AppendUint32(b, 193)
			b = appendString(b, "DB::Exception")
			c.Write(binary.AppendUvarint(b, 1<<50))
		}), store.ErrTooLarge},
		{"native: stalls after hello", nativeFront(func(c net.Conn) { consumeHello(c); _, _ = io.Copy(io.Discard, c) }), nil},
		{"native: endless nesting", nativeFront(func(c net.Conn) { consumeHello(c); c.Write(deepException(1000)) }), store.ErrProtocol},
		{"native: garbage", nativeFront(func(c net.Conn) { consumeHello(c); c.Write([]byte{9, 9, 9, 9}) }), store.ErrNoMatch},
		{"native: endless varint", nativeFront(func(c net.Conn) {
			consumeHello(c)
			for i := 0; i < 1000; i++ {
				if _, err := c.Write([]byte{0xff, 0xff, 0xff, 0xff}); err != nil {
					return
				}
			}
		}), store.ErrNoMatch},
		{"http: endless body", func(_ int, c net.Conn) {
			br := bufio.NewReader(c)
			for {
				line, err := br.ReadString('\n')
				if err != nil {
					return
				}
				if strings.HasPrefix(line, "GET /ping") {
					drainHeaders(br)
					io.WriteString(c, "HTTP/1.1 200 OK\r\nX-ClickHouse-Server-Display-Name: x\r\nContent-Length: 4\r\n\r\nOk.\n")
					continue
				}
				if strings.HasPrefix(line, "POST") {
					drainHeaders(br)
					io.WriteString(c, "HTTP/1.1 200 OK\r\nX-ClickHouse-Format: JSONCompact\r\n\r\n")
					chunk := []byte(strings.Repeat("A", 64<<10))
					for {
						if _, err := c.Write(chunk); err != nil {
							return
						}
					}
				}
			}
		}, store.ErrTooLarge},
		{"http: headers never end", func(_ int, c net.Conn) {
			_, _ = bufio.NewReader(c).ReadString('\n')
			io.WriteString(c, "HTTP/1.1 200 OK\r\n")
			for i := 0; i < 10000; i++ {
				if _, err := io.WriteString(c, "X-ClickHouse-Junk: "+strings.Repeat("j", 1000)+"\r\n"); err != nil {
					return
				}
			}
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ep := probetest.Raw(t, tc.handle)
			o := store.DefaultOptions()
			o.ConnectTimeout = time.Second
			o.IOTimeout = 700 * time.Millisecond
			o.MaxResponseBytes = 1 << 20
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			t0 := time.Now()
			res, err := New().Probe(ctx, ep, &o)
			d := time.Since(t0)
			if err == nil {
				t.Fatalf("hostile server accepted: %+v", res)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if d > 6*time.Second {
				t.Fatalf("took %v (err %v)", d, err)
			}
			if res != nil && res.Service.Auth.Open() {
				t.Fatalf("hostile server reported open: %+v", res.Service)
			}
		})
	}
}

func drainHeaders(br *bufio.Reader) {
	for {
		l, err := br.ReadString('\n')
		if err != nil || l == "\r\n" {
			return
		}
	}
}

// A server greeting as ClickHouse's MySQL interface whose answer to SELECT displayName()
// never ends: the driver would join its 16 MiB packets in memory without end (past the
// query's deadline); the login's connection reads at most MaxResponseBytes.
func TestHostileMySQLInterfaceEndlessRow(t *testing.T) {
	var sent atomic.Int64
	ep := probetest.EndlessMySQLRow(t, "24.8.4.13"+mysqlVersionSuffix, 0, &sent)
	o := probetest.Options()
	o.IOTimeout = 3 * time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	res, err := probeMySQLWire(ctx, ep, &o, nil)
	if err != nil || res == nil || res.Service.Version != "24.8.4.13" || !res.Service.Auth.Open() {
		t.Fatalf("res %+v err %v", res, err)
	}
	if n := sent.Load(); n > 32<<20 {
		t.Fatalf("the client read %d MiB of one answer (cap %d MiB) in %v", n>>20, o.MaxResponseBytes>>20, time.Since(start))
	}
	if _, named := res.Service.Details["display_name"]; named {
		t.Fatalf("a display name from an answer that never ended: %.80q", res.Service.Details["display_name"])
	}
}

// The same server dripping its row one byte within every read timeout: the driver reads
// the rest of a result it closes without watching the query's context, so the probe
// stayed as long as the server dripped. The connection now closes when IOTimeout is up.
func TestHostileMySQLInterfaceDrippingRow(t *testing.T) {
	var sent atomic.Int64
	ep := probetest.EndlessMySQLRow(t, "24.8.4.13"+mysqlVersionSuffix, 200*time.Millisecond, &sent)
	o := probetest.Options()
	o.IOTimeout = time.Second
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	start := time.Now()
	res, err := probeMySQLWire(ctx, ep, &o, nil)
	if took := time.Since(start); took > 8*time.Second {
		t.Fatalf("the probe stayed %v with a dripping server (IOTimeout %v)", took, o.IOTimeout)
	}
	if err != nil || res == nil || !res.Service.Auth.Open() {
		t.Fatalf("res %+v err %v", res, err)
	}
}
