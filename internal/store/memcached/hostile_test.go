package memcached

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// listen serves every connection with handle on a loopback port until the test ends.
func listen(t *testing.T, handle func(c net.Conn)) store.Endpoint {
	t.Helper()
	return probetest.Raw(t, func(_ int, c net.Conn) { handle(c) })
}

// fakeText answers each text command line with what answer returns.
func fakeText(answer func(line string) string) func(net.Conn) {
	return func(c net.Conn) {
		br := bufio.NewReader(c)
		for {
			l, err := br.ReadString('\n')
			if err != nil {
				return
			}
			out := answer(strings.TrimRight(l, "\r\n"))
			if out == "" {
				return
			}
			if _, err := io.WriteString(c, out); err != nil {
				return
			}
		}
	}
}

func shortOptions() *store.Options {
	o := store.DefaultOptions()
	o.ConnectTimeout = time.Second
	o.IOTimeout = 500 * time.Millisecond
	o.SampleRows = 5
	o.MaxRowBytes = 1024
	o.MaxSampleBytes = 8192
	o.MaxResponseBytes = 1 << 20
	return &o
}

func probeFast(t *testing.T, ep store.Endpoint, o *store.Options) (*store.Result, error, time.Duration) {
	t.Helper()
	return probetest.Try(New(), ep, o, 15*time.Second)
}

func TestNotMemcached(t *testing.T) {
	for _, tc := range []struct {
		name   string
		handle func(net.Conn)
		want   error
	}{
		{"redis", func(c net.Conn) { c.Write([]byte("-ERR unknown command 'version'\r\n")) }, store.ErrNoMatch},
		{"http", func(c net.Conn) { c.Write([]byte("HTTP/1.1 400 Bad Request\r\n\r\n")) }, store.ErrNoMatch},
		{"garbage", func(c net.Conn) { c.Write([]byte("\x00\x01\x02\xff\r\n")) }, store.ErrNoMatch},
		{"endless line", func(c net.Conn) { c.Write([]byte(strings.Repeat("V", 20000))) }, store.ErrNoMatch},
		{"closes at once", func(net.Conn) {}, nil},
		{"stalls", func(c net.Conn) { _, _ = io.Copy(io.Discard, c) }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			probetest.Refuses(t, New(), listen(t, tc.handle), shortOptions(), tc.want, 5*time.Second)
		})
	}
}

// An old server (1.4.x: no metadump, no mg) answering cachedump and multi-key get, the
// shapes of memcached 1.4's protocol.txt; one value far larger than what is kept.
func TestOldServerCapture(t *testing.T) {
	big := strings.Repeat("Z", 300_000)
	ep := listen(t, fakeText(func(l string) string {
		switch {
		case l == "version":
			return "VERSION 1.4.25\r\n"
		case l == "stats":
			return "STAT pid 1\r\nSTAT version 1.4.25\r\nSTAT curr_items 3\r\nSTAT bytes 300200\r\nEND\r\n"
		case l == "stats settings":
			return "STAT udpport 11211\r\nSTAT flush_enabled yes\r\nSTAT shutdown_command yes\r\nEND\r\n"
		case strings.HasPrefix(l, "lru_crawler"):
			return "ERROR\r\n"
		case l == "stats items":
			return "STAT items:1:number 2\r\nSTAT items:1:age 10\r\nSTAT items:39:number 1\r\nEND\r\n"
		case strings.HasPrefix(l, "stats cachedump 1 "):
			return "ITEM api_token [40 b; 0 s]\r\nITEM user:7 [20 b; 0 s]\r\nEND\r\n"
		case strings.HasPrefix(l, "stats cachedump 39 "):
			return "ITEM blob [300000 b; 0 s]\r\nEND\r\n"
		case strings.HasPrefix(l, "get "):
			var b strings.Builder
			for _, k := range strings.Fields(l)[1:] {
				v := map[string]string{"api_token": "sk_live_" + strings.Repeat("a", 24), "user:7": `{"email":"a@b.co"}`, "blob": big}[k]
				b.WriteString("VALUE " + k + " 0 " + itoa(len(v)) + "\r\n" + v + "\r\n")
			}
			return b.String() + "END\r\n"
		}
		return "ERROR\r\n"
	}))
	o := shortOptions()
	res, err, _ := probeFast(t, ep, o)
	if err != nil || res == nil {
		t.Fatalf("res=%v err=%v", res, err)
	}
	if res.Service.Version != "1.4.25" || res.Service.Auth != finding.AuthNone {
		t.Fatalf("service %+v", res.Service)
	}
	s := res.Samples[0]
	if len(s.Columns) != 4 || s.Columns[1] != "api_token" || probetest.Column(&s, "blob")[0] != strings.Repeat("Z", o.MaxRowBytes) {
		t.Fatalf("sample columns %q", s.Columns)
	}
	for _, rule := range []string{"memcached-udp-enabled", "memcached-shutdown-enabled", "memcached-write-access", "memcached-known-vulnerabilities"} {
		if probetest.Finding(res.Findings, rule) == nil {
			t.Fatalf("no %s in %+v", rule, res.Findings)
		}
	}
}

func TestHostileResponses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stats string
		want  error
	}{
		{"endless stats", strings.Repeat("STAT x 1\r\n", 1000), store.ErrTooLarge},
		{"long stat line", "STAT x " + strings.Repeat("1", 10_000) + "\r\nEND\r\n", store.ErrTooLarge},
		{"stats then silence", "STAT x 1\r\n", store.ErrTimeout},
		{"server error", "SERVER_ERROR out of memory\r\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ep := listen(t, fakeText(func(l string) string {
				if l == "version" {
					return "VERSION 1.6.9\r\n"
				}
				return tc.stats
			}))
			res, err, d := probeFast(t, ep, shortOptions())
			if res == nil || err == nil {
				t.Fatalf("res=%v err=%v", res, err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if d > 3*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}

// A value announced far beyond the response budget is refused without reading it.
func TestHugeValue(t *testing.T) {
	ep := listen(t, fakeText(func(l string) string {
		switch {
		case l == "version":
			return "VERSION 1.6.9\r\n"
		case l == "stats":
			return "STAT curr_items 1\r\nEND\r\n"
		case l == "stats settings":
			return "END\r\n"
		case strings.HasPrefix(l, "lru_crawler"):
			return "key=k exp=-1 la=1700000000 cas=1 fetch=no cls=1 size=10\nEND\r\n"
		case strings.HasPrefix(l, "mg "):
			return "VA 10000000000 \r\n"
		}
		return "ERROR\r\n"
	}))
	res, err, _ := probeFast(t, ep, shortOptions())
	if res == nil || !errors.Is(err, store.ErrTooLarge) {
		t.Fatalf("res=%v err=%v", res, err)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestAllowList(t *testing.T) {
	for l, want := range map[string]bool{
		"version": true, "stats": true, "stats settings": true, "stats items": true, "stats cachedump 1 100": true,
		"lru_crawler metadump all": true, "mg k v u": true, "get a b": true,
		"stats reset": false, "stats detail on": false, "set k 0 0 1": false, "delete k": false, "flush_all": false,
		"mg k v": false, "mg k v N30": false, "lru_crawler crawl all": false, "shutdown": false, "get a\r\nflush_all": false,
		"verbosity 1": false, "touch k 10": false, "": false,
	} {
		if got := allowed(l); got != want {
			t.Errorf("allowed(%q) = %v, want %v", l, got, want)
		}
	}
	c := &conn{}
	if err := c.authenticate(context.Background(), "u", "p"); err == nil {
		t.Fatal("authentication sent to a server that did not ask for it")
	}
}
