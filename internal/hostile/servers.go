package hostile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"fmt"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"time"
)

// Backends are the real servers some lab servers relay to. Empty fields leave those
// servers out.
type Backends struct {
	// ClickHouseHTTP and ClickHouseNative are a real ClickHouse's plain interfaces.
	ClickHouseHTTP, ClickHouseNative string
}

// StartAll starts the whole catalogue: every misbehaviour on the ports of the products
// it is most likely to confuse, and the relays to the backends given. On error the
// servers already started keep running until Close.
func (l *Lab) StartAll(b Backends) error {
	for _, sp := range l.Catalogue(b) {
		if _, err := l.Start(sp); err != nil {
			return err
		}
	}
	return nil
}

// Catalogue lists the servers StartAll starts.
func (l *Lab) Catalogue(b Backends) []Spec {
	refused := func(name string, port int, h func(net.Conn)) Spec {
		return Spec{Name: name, Port: port, Expect: Refused, Handle: h}
	}
	specs := []Spec{
		// Silence, slowness and floods.
		refused("tarpit-http", 8123, l.tarpit),
		refused("tarpit-mysql", 3306, l.tarpit),
		refused("tarpit-postgres", 5432, l.tarpit),
		refused("tarpit-mongodb", 27017, l.tarpit),
		refused("drip-http", 9200, l.drip([]byte("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"name\":\"node\",\"version\":{\"number\":\"8.1.0\"}}"), true)),
		refused("drip-mysql", 3306, l.drip(mysqlGreeting("5.7.44-drip"), false)),
		refused("drip-redis", 6379, l.drip([]byte("$100\r\n"+strings.Repeat("r", 100)+"\r\n"), true)),
		refused("endless-http-body", 8123, l.httpOnce(endlessBody)),
		refused("endless-http-headers", 9200, l.httpOnce(endlessHeaders)),
		refused("endless-bytes", 27017, l.endlessBytes),
		refused("endless-resp", 6379, l.afterRead(endlessResp)),
		refused("endless-memcached-stats", 11211, l.memcachedEndlessStats),
		refused("huge-content-length-http", 8123, l.httpOnce(hugeContentLength("text/plain; charset=UTF-8"))),
		refused("huge-content-length-json", 5984, l.httpOnce(hugeContentLength("application/json"))),
		refused("gzip-bomb-clickhouse", 8123, l.httpOnce(gzipBomb("text/tab-separated-values; charset=UTF-8", true))),
		refused("gzip-bomb-json", 9200, l.httpOnce(gzipBomb("application/json", false))),

		// Resets in the middle of a handshake.
		refused("reset-mysql-greeting", 3306, func(c net.Conn) { c.Write(mysqlGreeting("8.0.36")[:20]); reset(c) }),
		refused("reset-postgres-startup", 5432, l.afterRead(func(c net.Conn) bool { reset(c); return false })),
		refused("reset-http-request", 8123, l.afterRead(func(c net.Conn) bool { c.Write([]byte("HTTP/1.1 200 OK\r\nX-ClickHouse-")); reset(c); return false })),
		refused("reset-native-hello", 9000, l.afterRead(func(c net.Conn) bool { c.Write([]byte{0, 10, 'C', 'l', 'i'}); reset(c); return false })),
		refused("reset-tls-hello", 8443, l.afterRead(func(c net.Conn) bool { c.Write([]byte{0x16, 0x03, 0x03, 0x00, 0x40, 0x02}); reset(c); return false })),
		refused("reset-resp", 6379, l.afterRead(func(c net.Conn) bool { reset(c); return false })),

		// Malformed frames, one protocol family at a time.
		refused("malformed-native-hello", 9000, l.afterRead(writeThenStall(nativeHugeString()))),
		refused("malformed-native-exception", 9000, l.afterRead(writeThenStall(nativeBadException()))),
		refused("malformed-postgres-length", 5432, l.postgres(pgMessage('R', nil, 0x7ffffff0))),
		refused("malformed-postgres-negative", 5432, l.postgres(pgMessage('E', nil, 0xffffffff))),
		refused("malformed-postgres-auth", 5432, l.postgres(pgMessage('R', []byte{0, 0, 0, 99, 1, 2, 3}, 0))),
		refused("malformed-mysql-length", 3306, writeThenStallConn(mysqlPacket(0xffffff, []byte{10, '5', '.', '7'}))),
		refused("malformed-mysql-unterminated", 3306, writeThenStallConn(mysqlPacket(9, []byte{10, '8', '.', '0', '.', '1', '9', '9', '9'}))),
		refused("malformed-mysql-huge-error", 3306, l.mysqlHugeError),
		refused("malformed-resp-array", 6379, l.afterRead(writeThenStall([]byte("*-7\r\n")))),
		refused("malformed-resp-bulk", 6379, l.afterRead(writeThenStall([]byte("$99999999999999999999\r\n")))),
		refused("malformed-resp-info", 6379, l.afterRead(writeThenStall([]byte("+PONG\r\n$-2\r\nredis_version:\x00\xff\r\n")))),
		refused("malformed-memcached-version", 11211, l.afterRead(writeThenStall(append([]byte("VERSION "), bytes.Repeat([]byte{0xff}, 1<<20)...)))),
		refused("malformed-mongo-length", 27017, l.afterRead(writeThenStall(mongoMsg(0x7fffffff, nil)))),
		refused("malformed-mongo-bson", 27017, l.afterRead(writeThenStall(mongoMsg(0, []byte{0, 0xff, 0xff, 0xff, 0x7f, 3, 'x', 0})))),
		refused("malformed-mongo-section", 27017, l.afterRead(writeThenStall(mongoMsg(0, []byte{7, 5, 0, 0, 0, 0})))),
		refused("malformed-http-status", 8123, l.httpOnce(raw("HTTP/1.1 2OO Fine\r\nContent-Length: 4\r\n\r\nOk.\n"))),
		refused("malformed-http-chunked", 9200, l.httpOnce(raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n"))),
		refused("malformed-http-length", 5984, l.httpOnce(raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n{\"couchdb\":\"Welcome\"}"))),
		refused("malformed-http-header", 2375, l.httpOnce(raw("HTTP/1.1 200 OK\r\nApi-Version 1.41\r\nServer: Docker/\x00\r\n\r\n"))),

		// Another product's protocol on a well-known port, from a fake.
		refused("mysql-greeting-on-postgres-port", 5432, writeThenStallConn(mysqlPacket(0, mysqlGreetingPayload("8.0.36")))),
		refused("resp-error-on-mongodb-port", 27017, l.afterRead(writeThenStall([]byte("-ERR unknown command\r\n")))),
		refused("postgres-error-on-redis-port", 6379, l.afterRead(writeThenStall(pgMessage('E', []byte("SFATAL\x00C08P01\x00Minvalid\x00\x00"), 0)))),
		refused("tls-on-mysql-port", 3306, l.tlsWrap(selfSignedCert("mysql.example"), l.tarpit)),
	}
	if b.ClickHouseHTTP != "" {
		backend := func(name string, port int, protocol string, tlsCert *tls.Certificate, target string) Spec {
			sp := Spec{Name: name, Port: port, Expect: Backend, Product: "clickhouse", Protocol: protocol,
				TLS: tlsCert != nil, Backend: target}
			sp.Handle = func(c net.Conn) { l.relay(c, target) }
			if tlsCert != nil {
				cert := tlsCert
				sp.Listen = func(ln net.Listener) net.Listener {
					return tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12})
				}
			}
			return sp
		}
		specs = append(specs,
			backend("clickhouse-http-on-mysql-port", 3306, "clickhouse-http", nil, b.ClickHouseHTTP),
			backend("clickhouse-http-on-elasticsearch-port", 9200, "clickhouse-http", nil, b.ClickHouseHTTP),
			backend("tls-expired-certificate", 8443, "clickhouse-http", expiredCert(), b.ClickHouseHTTP),
			backend("tls-wrong-name", 8443, "clickhouse-http", selfSignedCert("wrong.example"), b.ClickHouseHTTP),
		)
		if b.ClickHouseNative != "" {
			specs = append(specs, backend("tls-self-signed-native", 9440, "clickhouse-native", selfSignedCert(""), b.ClickHouseNative))
		}
	}
	return specs
}

// tarpit accepts and never answers, draining what the client sends.
func (l *Lab) tarpit(c net.Conn) {
	go func() { _, _ = io.Copy(io.Discard, c) }()
	<-l.done
}

// drip sends msg one byte a second, over and over when repeat is set.
func (l *Lab) drip(msg []byte, repeat bool) func(net.Conn) {
	return func(c net.Conn) {
		go func() { _, _ = io.Copy(io.Discard, c) }()
		for {
			for i := range msg {
				if !writeAll(c, msg[i:i+1]) || !l.sleep(time.Second) {
					return
				}
			}
			if !repeat {
				<-l.done
				return
			}
		}
	}
}

// endlessBytes sends random bytes as fast as the client reads them.
func (l *Lab) endlessBytes(c net.Conn) {
	go func() { _, _ = io.Copy(io.Discard, c) }()
	chunk := randomBytes(32 << 10)
	for writeAll(c, chunk) {
		select {
		case <-l.done:
			return
		default:
		}
	}
}

// afterRead waits for the client's first bytes, then runs reply; reply returns whether
// to wait for more input and reply again.
func (l *Lab) afterRead(reply func(c net.Conn) bool) func(net.Conn) {
	return func(c net.Conn) {
		buf := make([]byte, 64<<10)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
			if !reply(c) {
				return
			}
		}
	}
}

// writeThenStall answers once with b and then keeps the connection open, silent.
func writeThenStall(b []byte) func(net.Conn) bool {
	return func(c net.Conn) bool { writeAll(c, b); return true }
}

// writeThenStallConn sends b as soon as the client connects (server-first protocols),
// then stays silent.
func writeThenStallConn(b []byte) func(net.Conn) {
	return func(c net.Conn) {
		writeAll(c, b)
		_, _ = io.Copy(io.Discard, c)
	}
}

func endlessResp(c net.Conn) bool {
	writeAll(c, []byte("$1000000000\r\n"))
	chunk := bytes.Repeat([]byte("r"), 32<<10)
	for writeAll(c, chunk) {
	}
	return false
}

// memcachedEndlessStats answers the first command with a version and every later one
// with statistics that never END.
func (l *Lab) memcachedEndlessStats(c net.Conn) {
	br := bufio.NewReader(c)
	if _, err := br.ReadString('\n'); err != nil {
		return
	}
	writeAll(c, []byte("VERSION 1.6.21\r\n"))
	if _, err := br.ReadString('\n'); err != nil {
		return
	}
	for i := 0; ; i++ {
		if !writeAll(c, fmt.Appendf(nil, "STAT item_%d %s\r\n", i, strings.Repeat("9", 200))) {
			return
		}
	}
}

// mysqlHugeError is a greeting that is an error packet of 16 MiB.
func (l *Lab) mysqlHugeError(c net.Conn) {
	hugeErrorOnce.Do(func() {
		payload := append([]byte{0xff, 0x15, 0x04, '#', 'H', 'Y', '0', '0', '0'}, bytes.Repeat([]byte("blocked "), (0xffffff-9)/8)...)
		hugeError = mysqlPacket(0, payload)
	})
	writeAll(c, hugeError)
	_, _ = io.Copy(io.Discard, c)
}

// Large answers are built once: the lab shares a process with the scanner whose memory
// tests measure.
var (
	hugeErrorOnce sync.Once
	hugeError     []byte
)

// postgres answers SSL and GSS encryption requests with "no" and any other first
// message with frame.
func (l *Lab) postgres(frame []byte) func(net.Conn) {
	return func(c net.Conn) {
		for {
			var hdr [8]byte
			if _, err := io.ReadFull(c, hdr[:4]); err != nil {
				return
			}
			n := binary.BigEndian.Uint32(hdr[:4])
			if n < 8 || n > 10000 {
				writeAll(c, frame)
				break
			}
			body := make([]byte, n-4)
			if _, err := io.ReadFull(c, body); err != nil {
				return
			}
			code := binary.BigEndian.Uint32(body[:4])
			if code == 80877103 || code == 80877104 { // SSLRequest, GSSENCRequest
				writeAll(c, []byte{'N'})
				continue
			}
			writeAll(c, frame)
			break
		}
		_, _ = io.Copy(io.Discard, c)
	}
}

// httpOnce reads one request head and answers with respond.
func (l *Lab) httpOnce(respond func(l *Lab, c net.Conn)) func(net.Conn) {
	return func(c net.Conn) {
		br := bufio.NewReader(io.LimitReader(c, 1<<20))
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if line == "\r\n" || line == "\n" {
				break
			}
		}
		go func() { _, _ = io.Copy(io.Discard, c) }()
		respond(l, c)
	}
}

func raw(s string) func(*Lab, net.Conn) {
	return func(l *Lab, c net.Conn) {
		writeAll(c, []byte(s))
		<-l.done
	}
}

func endlessBody(l *Lab, c net.Conn) {
	writeAll(c, []byte("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=UTF-8\r\nX-ClickHouse-Server-Display-Name: endless\r\nTransfer-Encoding: chunked\r\n\r\n"))
	chunk := append(append([]byte(fmt.Sprintf("%x\r\n", 32<<10)), bytes.Repeat([]byte("Ok.\n"), 8<<10)...), "\r\n"...)
	for writeAll(c, chunk) {
	}
}

func endlessHeaders(l *Lab, c net.Conn) {
	writeAll(c, []byte("HTTP/1.1 200 OK\r\n"))
	for i := 0; writeAll(c, fmt.Appendf(nil, "X-Elastic-%d: %s\r\n", i, strings.Repeat("e", 1000))); i++ {
	}
}

func hugeContentLength(contentType string) func(*Lab, net.Conn) {
	return func(l *Lab, c net.Conn) {
		writeAll(c, []byte("HTTP/1.1 200 OK\r\nContent-Type: "+contentType+"\r\nContent-Length: 10737418240\r\n\r\n"))
		chunk := bytes.Repeat([]byte("x"), 32<<10)
		for writeAll(c, chunk) {
		}
	}
}

func gzipBomb(contentType string, clickhouse bool) func(*Lab, net.Conn) {
	return func(l *Lab, c net.Conn) {
		hdr := "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Encoding: gzip\r\n"
		if clickhouse {
			hdr += "X-ClickHouse-Server-Display-Name: bomb\r\nX-ClickHouse-Summary: {}\r\n"
		}
		bomb := gzipMember()
		// Ten GiB once inflated: 10240 gzip members of 1 MiB each (readers inflate
		// concatenated members as one stream).
		writeAll(c, fmt.Appendf(nil, "%sContent-Length: %d\r\n\r\n", hdr, len(bomb)*10240))
		for range 10240 {
			if !writeAll(c, bomb) {
				return
			}
		}
		<-l.done
	}
}

var (
	memberOnce sync.Once
	member     []byte
)

// gzipMember is one gzip member of 1 MiB of zeros (about a kilobyte).
func gzipMember() []byte {
	memberOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		_, _ = zw.Write(make([]byte, 1<<20))
		_ = zw.Close()
		member = buf.Bytes()
	})
	return member
}

// tlsWrap serves handle behind TLS with cert.
func (l *Lab) tlsWrap(cert *tls.Certificate, handle func(net.Conn)) func(net.Conn) {
	cfg := &tls.Config{Certificates: []tls.Certificate{*cert}, MinVersion: tls.VersionTLS12}
	return func(c net.Conn) {
		tc := tls.Server(c, cfg)
		_ = tc.SetDeadline(time.Now().Add(10 * time.Second))
		if err := tc.Handshake(); err != nil {
			return
		}
		_ = tc.SetDeadline(time.Time{})
		handle(tc)
	}
}

// Wire frames.

// mysqlPacket frames payload as MySQL packet 0, declaring length n (len(payload) when 0).
func mysqlPacket(n int, payload []byte) []byte {
	if n == 0 {
		n = len(payload)
	}
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), 0}, payload...)
}

func mysqlGreetingPayload(version string) []byte {
	p := []byte{10}
	p = append(p, version...)
	p = append(p, 0)
	p = binary.LittleEndian.AppendUint32(p, 42) // connection id
	p = append(p, "abcdefgh"...)                // auth plugin data, part 1
	p = append(p, 0)
	p = binary.LittleEndian.AppendUint16(p, 0xf7ff) // capabilities, lower
	p = append(p, 0x21)                             // utf8
	p = binary.LittleEndian.AppendUint16(p, 2)      // status
	p = binary.LittleEndian.AppendUint16(p, 0x81ff) // capabilities, upper
	p = append(p, 21)
	p = append(p, make([]byte, 10)...)
	p = append(p, "ijklmnopqrst"...)
	p = append(p, 0)
	p = append(p, "mysql_native_password"...)
	return append(p, 0)
}

func mysqlGreeting(version string) []byte { return mysqlPacket(0, mysqlGreetingPayload(version)) }

// pgMessage is a backend message of type t; length overrides the declared length.
func pgMessage(t byte, body []byte, length uint32) []byte {
	if length == 0 {
		length = uint32(4 + len(body))
	}
	b := []byte{t}
	b = binary.BigEndian.AppendUint32(b, length)
	return append(b, body...)
}

// nativeHugeString is a ClickHouse server Hello whose name claims 2^63 bytes.
func nativeHugeString() []byte {
	b := []byte{0} // Hello
	return binary.AppendUvarint(b, 1<<63)
}

// nativeBadException is an Exception packet with a negative-length-looking message.
func nativeBadException() []byte {
	b := []byte{2}                                  // Exception
	b = binary.LittleEndian.AppendUint32(b, 516)    // code
	b = binary.AppendUvarint(b, 4)                  // name
	b = append(b, "DB::"...)                        //
	b = binary.AppendUvarint(b, 0xffffffffffffffff) // message length
	return append(b, "Authentication failed"...)
}

// mongoMsg is an OP_MSG reply; length overrides the declared message length and body
// follows the flag bits (a malformed section when given).
func mongoMsg(length uint32, body []byte) []byte {
	if body == nil {
		body = []byte{0, 5, 0, 0, 0, 0} // kind 0, empty document
	}
	n := uint32(16 + 4 + len(body))
	if length != 0 {
		n = length
	}
	b := binary.LittleEndian.AppendUint32(nil, n)
	b = binary.LittleEndian.AppendUint32(b, 7)    // requestID
	b = binary.LittleEndian.AppendUint32(b, 1)    // responseTo
	b = binary.LittleEndian.AppendUint32(b, 2013) // OP_MSG
	b = binary.LittleEndian.AppendUint32(b, 0)    // flagBits
	return append(b, body...)
}

// Certificates.

func selfSignedCert(name string) *tls.Certificate {
	return makeCert(name, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour))
}

func expiredCert() *tls.Certificate {
	return makeCert("localhost", time.Now().Add(-60*24*time.Hour), time.Now().Add(-30*24*time.Hour))
}

func makeCert(name string, notBefore, notAfter time.Time) *tls.Certificate {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name, Organization: []string{"leakwatch hostile lab"}},
		NotBefore:    notBefore,
		NotAfter:     notAfter,
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if name != "" {
		tmpl.DNSNames = []string{name}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	return &tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}
