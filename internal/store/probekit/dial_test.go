package probekit

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
)

// A probe blocked reading from a server that never answers returns as soon as its
// context is cancelled, not after the I/O timeout: a stopping scan does not hang on it.
func TestDialClosesOnCancel(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close() // silent: accepts and never writes
		}
	}()
	ap := ln.Addr().(*net.TCPAddr).AddrPort()
	ep := store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
	d := &net.Dialer{}
	o := &store.Options{ConnectTimeout: 2 * time.Second, IOTimeout: 30 * time.Second, Dial: d.DialContext}
	for _, useTLS := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		if useTLS {
			// The handshake itself blocks on the silent server; cancel during it.
			time.AfterFunc(200*time.Millisecond, cancel)
			start := time.Now()
			if _, err := Dial(ctx, ep, o, true); err == nil {
				t.Fatal("TLS handshake with a silent server succeeded")
			}
			if el := time.Since(start); el > 1500*time.Millisecond {
				t.Errorf("TLS: cancel took %v to end the handshake", el)
			}
			continue
		}
		conn, err := Dial(ctx, ep, o, false)
		if err != nil {
			t.Fatal(err)
		}
		_ = conn.SetDeadline(time.Now().Add(o.IOTimeout))
		time.AfterFunc(200*time.Millisecond, cancel)
		start := time.Now()
		_, err = conn.Read(make([]byte, 1))
		if err == nil {
			t.Fatal("read from a silent server returned data")
		}
		if el := time.Since(start); el > 1500*time.Millisecond {
			t.Errorf("cancel took %v to end a blocked read (I/O timeout %v)", el, o.IOTimeout)
		}
		conn.Close()
	}
}
