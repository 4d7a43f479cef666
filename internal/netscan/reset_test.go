package netscan

import (
	"context"
	"net"
	"os"
	"syscall"
	"testing"
	"time"
)

// A server that accepts and resets at once can do so before the poller reports the
// connection, and connect then fails with ECONNRESET: the handshake completed, so the
// port is open and must reach the probers (a hostile server is theirs to report).
func TestScanResetAfterHandshakeIsOpen(t *testing.T) {
	ln, _ := listen(t, "127.0.0.1:0")
	set := buildSet(t, []int{portOf(ln)}, "127.0.0.1")
	resetting := func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: os.NewSyscallError("connect", syscall.ECONNRESET)}
	}
	s := New(Config{ConnectTimeout: time.Second, Dial: resetting})
	var got []Open
	if err := s.Run(context.Background(), set.All(), func(o Open) { got = append(got, o) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Port != portOf(ln) {
		t.Fatalf("open %v, want the reset port", got)
	}
	if st := s.Stats(); st != (Stats{Tried: 1, Open: 1}) {
		t.Fatalf("stats %+v", st)
	}
}

// The same against a real listener that resets every connection as soon as it accepts
// it: every attempt must count as open, however the race between the reset and the
// poller goes.
func TestScanAcceptAndResetServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.(*net.TCPConn).SetLinger(0)
			c.Close()
		}
	}()
	set := buildSet(t, []int{portOf(ln)}, "127.0.0.1")
	s := New(Config{Concurrency: 16, PerHost: 16, ConnectTimeout: 2 * time.Second})
	const rounds = 200
	n := 0
	for range rounds {
		if err := s.Run(context.Background(), set.All(), func(Open) { n++ }); err != nil {
			t.Fatal(err)
		}
	}
	if st := s.Stats(); n != rounds || st.Open != rounds || st.Errors != 0 {
		t.Fatalf("%d of %d reported open; stats %+v", n, rounds, st)
	}
}
