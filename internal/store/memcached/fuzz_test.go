package memcached

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// FuzzParseMetadump: any metadump text yields askable, distinct keys and sorted times.
func FuzzParseMetadump(f *testing.F) {
	f.Add("key=user%3A1 exp=-1 la=1795314512 cas=1 fetch=no cls=1 size=70\nkey=a%2520b exp=1 la=2 cas=2 fetch=no cls=1 size=66")
	f.Add("key=%zz la=-5\nkey= la=x\nkey=%00ab la=1")
	f.Fuzz(func(t *testing.T, s string) {
		keys, times := parseMetadump(lines(bytes.Split([]byte(s), []byte("\n"))).asStrings())
		seen := map[string]bool{}
		for _, k := range keys {
			if !askable(k) || seen[k] {
				t.Fatalf("bad key %q", k)
			}
			seen[k] = true
		}
		for i := 1; i < len(times); i++ {
			if times[i-1] > times[i] {
				t.Fatal("times not sorted")
			}
		}
		for _, k := range parseCachedump(lines(bytes.Split([]byte(s), []byte("\n"))).asStrings()) {
			if !askable(k) {
				t.Fatalf("bad cachedump key %q", k)
			}
		}
		_ = parseStats(lines(bytes.Split([]byte(s), []byte("\n"))).asStrings())
	})
}

type lines [][]byte

func (l lines) asStrings() []string {
	out := make([]string, len(l))
	for i, b := range l {
		out[i] = string(b)
	}
	return out
}

// FuzzReadBinResponse: any bytes give a response within the body cap, or an error.
func FuzzReadBinResponse(f *testing.F) {
	f.Add([]byte("\x81\x0b\x00\x00\x00\x00\x00\x00\x00\x00\x00\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x001.6.18"))
	f.Add([]byte("\x81\x20\x00\x00\x00\x00\x00\x00\xff\xff\xff\xff"))
	f.Add([]byte("\x81\x10\x00\x05\x08\x00\x00\x00\x00\x00\x00\x02"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := readBinResponse(bytes.NewReader(in))
		if err != nil {
			if !errors.Is(err, store.ErrNoMatch) && !errors.Is(err, store.ErrProtocol) && !errors.Is(err, store.ErrTooLarge) {
				t.Fatalf("unclassified %v", err)
			}
			return
		}
		if len(r.key)+len(r.value) > maxBinaryBody {
			t.Fatal("body over cap")
		}
	})
}

// FuzzTextResponses: the bounded text reader, on any server output, returns lines,
// values or a classified error, never more than asked.
func FuzzTextResponses(f *testing.F) {
	f.Add([]byte("STAT a 1\r\nSTAT b 2\r\nEND\r\n"), uint16(3))
	f.Add([]byte("VA 5 \r\nhello\r\nEN\r\n"), uint16(2))
	f.Add([]byte("VALUE k 0 3\r\nabc\r\nEND\r\n"), uint16(1))
	f.Fuzz(func(t *testing.T, in []byte, n uint16) {
		a, b := net.Pipe()
		defer a.Close()
		go func() {
			br := bufio.NewReader(b)
			_, _ = br.ReadString('\n')
			_, _ = b.Write(in)
			b.Close()
		}()
		c := newConn(a, time.Second, 4096)
		ctx := context.Background()
		ls, err := c.lines(ctx, "stats", int(n%50))
		if len(ls) > int(n%50) {
			t.Fatalf("%d lines, cap %d", len(ls), n%50)
		}
		_ = err
	})
}
