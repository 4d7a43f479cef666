package identify

import (
	"testing"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
)

// FuzzMatchers feeds arbitrary bytes — a banner, an answer to a hello, an HTTP answer —
// to every matcher identification runs: none may panic, allocate what the bytes
// announce, or call a match that left its identity without a product.
func FuzzMatchers(f *testing.F) {
	for _, s := range []string{
		"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
		"220 mail.example.org ESMTP Postfix\r\n",
		"INFO {\"server_id\":\"x\",\"version\":\"2.9.10\"}\r\n",
		"-ERR wrong number of arguments for 'get' command\r\n",
		"+PONG\r\n", "VERSION 1.6.18\r\n", "ERROR\r\n", "S", "N",
		"d\x00\x00\x00\n5.5.5-10.11.19-MariaDB\x00\x07\x00\x00\x00As@#.]j}\x00\xfe\xf7\x08\x02\x00\xff\x81\x15\x00\x00\x00\x00\x00\x00\x1d\x00\x00\x00Wz\"4}<Rg2^cV\x00mysql_native_password\x00",
		"HTTP/1.0 400 Bad Request\r\n\r\nPort 9000 is for clickhouse-client program.\r\nYou must use port 8123 for HTTP.\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nOk.\n",
		"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 19\r\n\r\n404 page not found\n",
		"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n",
		"\x00\x0aClickHouse\x12\x04\xd3\xa8\x03",
		"\x81\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x001.6.18",
		"\xff\xfb\x01\xff\xfd\x03", "\x15\x03\x01\x00\x02\x02\x46",
	} {
		f.Add([]byte(s))
	}
	d := New(all.Probers(), Config{})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > store.MaxBanner {
			data = data[:store.MaxBanner]
		}
		for _, final := range []bool{false, true} {
			for _, b := range d.banners {
				id := &store.Identity{Product: b.e.name}
				if b.m.Match(data, final, id) == store.Match && id.Product == "" {
					t.Fatalf("banner matcher %s cleared the product", b.e.name)
				}
			}
			for _, h := range d.hellos {
				id := &store.Identity{Product: h.e.name}
				h.h.Match(data, final, id)
			}
		}
		reply := parseReply(data, "/", false)
		for _, m := range d.https {
			m.m.Match(reply, &store.Identity{Product: m.e.name})
		}
		for _, fu := range d.follows {
			fu.When(reply)
		}
		if i := indexHeadEnd(data); i >= 0 {
			bodyComplete(data[:i], data[i:])
		}
	})
}

func indexHeadEnd(b []byte) int {
	for i := 0; i+4 <= len(b); i++ {
		if string(b[i:i+4]) == "\r\n\r\n" {
			return i + 4
		}
	}
	return -1
}
