package identify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// brittle is a prober whose matchers have a parsing bug: they panic on one byte
// sequence, as an index out of range in a real matcher would on a hostile answer.
type brittle struct{}

const poison = "\xde\xad POISON"

var crashes atomic.Int64

func crash(data []byte) {
	if bytes.Contains(data, []byte(poison)) {
		crashes.Add(1)
		var b []byte
		_ = b[len(data)] // the bug
	}
}

func (brittle) Name() string        { return "brittle" }
func (brittle) DefaultPorts() []int { return []int{1} }
func (brittle) Probe(context.Context, store.Endpoint, *store.Options) (*store.Result, error) {
	return nil, store.ErrNoMatch
}
func (brittle) Fingerprints() store.Fingerprints {
	return store.Fingerprints{
		Banners: []store.BannerMatch{{Protocol: "brittle", Match: func(data []byte, _ bool, _ *store.Identity) store.Verdict {
			crash(data)
			return store.NeedMore
		}}},
		HTTP: []store.HTTPMatch{{Protocol: "brittle-http", Match: func(r *store.HTTPReply, _ *store.Identity) bool {
			crash(r.Body)
			return false
		}}},
		Hellos: []store.Hello{{Protocol: "brittle", Payload: func(store.Endpoint) []byte { return []byte("HELLO\r\n") },
			Match: func(reply []byte, _ bool, _ *store.Identity) store.Verdict {
				crash(reply)
				return store.NeedMore
			}}},
	}
}

// TestMatcherPanicIsContained: a matcher that panics on what a hostile server sent —
// in a banner, an HTTP answer or the answer to a hello, each read on a goroutine of its
// own — costs that endpoint an error, not the process (and with it every other target's
// results).
func TestMatcherPanicIsContained(t *testing.T) {
	for name, handle := range map[string]func(net.Conn){
		"banner": func(c net.Conn) { io.WriteString(c, poison); _, _ = io.Copy(io.Discard, c) },
		"http": func(c net.Conn) {
			buf := make([]byte, 4096)
			for {
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				if strings.HasPrefix(string(buf[:n]), "GET ") {
					fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(poison), poison)
				}
			}
		},
		"hello": func(c net.Conn) {
			buf := make([]byte, 4096)
			for {
				n, err := c.Read(buf)
				if err != nil {
					return
				}
				if strings.Contains(string(buf[:n]), "HELLO") {
					io.WriteString(c, poison)
				}
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			_, ep := serve(t, handle)
			before := crashes.Load()
			defer func() {
				if crashes.Load() == before {
					t.Error("the matcher never saw the poison: this case proves nothing")
				}
			}()
			d := New([]store.Prober{brittle{}}, Config{})
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			id, err := d.Identify(ctx, ep, testOptions(300*time.Millisecond, 2*time.Second))
			if err == nil {
				defer id.Close()
				if id.Product == "brittle" {
					t.Fatalf("identified by a matcher that crashed: %+v", id)
				}
				return
			}
			if !strings.Contains(err.Error(), "crashed") {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
