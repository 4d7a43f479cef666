// Package hostile is a lab of servers that misbehave the way the internet does — they
// never answer, answer one byte a second, never stop answering, promise ten gigabytes,
// send malformed protocol frames, inflate into gzip bombs, reset mid-handshake, present
// bad certificates, or speak another product's protocol on a well-known port — started
// on loopback addresses of their own for tests and benchmarks of whole scans.
//
// Every server listens on its own 127.x.y.z address so that each can take the
// well-known port it impersonates (3306, 5432, 8123, …) without colliding with another
// server or with anything listening on 127.0.0.1.
package hostile

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Expect says what a correct scan reports about a server.
type Expect int

const (
	// Refused: the server misbehaves; a scan must report it as an error, unknown or
	// protocol error, or identify it without access — never as open, never with data.
	Refused Expect = iota
	// Backend: the server relays to a real data store (behind a bad certificate, or on
	// another product's port); a scan must identify that store and read it as it would
	// directly.
	Backend
)

func (e Expect) String() string {
	if e == Backend {
		return "backend"
	}
	return "refused"
}

// Server is one running lab server.
type Server struct {
	Name string
	Addr netip.AddrPort
	// Expect is what a scan must report; for Backend servers Product, Protocol and TLS
	// are what it must identify.
	Expect   Expect
	Product  string
	Protocol string
	TLS      bool
	// Backend is the real server a Backend server relays to.
	Backend string

	ln      net.Listener
	handler func(net.Conn)
	// accepted counts the connections the server accepted.
	accepted atomic.Int64
}

// Accepted is how many connections the server has accepted.
func (s *Server) Accepted() int64 { return s.accepted.Load() }

// Target is the server as a scan target ("127.x.y.z:port").
func (s *Server) Target() string { return s.Addr.String() }

// Spec describes a server to start; Lab.Start assigns its address.
type Spec struct {
	Name     string
	Port     int
	Expect   Expect
	Product  string
	Protocol string
	TLS      bool
	Backend  string
	// Handle serves one accepted connection; the lab closes the connection afterwards
	// and when it stops.
	Handle func(net.Conn)
	// Listen wraps the raw listener (TLS); nil serves it as it is.
	Listen func(net.Listener) net.Listener
}

// Lab is a set of running servers.
type Lab struct {
	Servers []*Server

	net   [2]byte // the lab's first block is 127.net[0].net[1].0/24
	next  int
	done  chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// New prepares an empty lab on a random 127.0.0.0/8 block of its own.
func New() *Lab {
	// 127.0.0.0/16 is where other tests and local services live; stay clear of it.
	b := [2]byte{byte(100 + mrand.IntN(150)), byte(mrand.IntN(200))}
	return &Lab{net: b, done: make(chan struct{}), conns: map[net.Conn]struct{}{}}
}

// Start starts one server on a fresh address of the lab.
func (l *Lab) Start(sp Spec) (*Server, error) {
	var lastErr error
	for range 20 {
		addr := l.nextAddr()
		ln, err := net.Listen("tcp", net.JoinHostPort(addr.String(), strconv.Itoa(sp.Port)))
		if err != nil {
			lastErr = err
			continue
		}
		s := &Server{Name: sp.Name, Addr: netip.AddrPortFrom(addr, uint16(sp.Port)), Expect: sp.Expect,
			Product: sp.Product, Protocol: sp.Protocol, TLS: sp.TLS, Backend: sp.Backend, ln: ln, handler: sp.Handle}
		if sp.Listen != nil {
			s.ln = sp.Listen(ln)
		}
		l.Servers = append(l.Servers, s)
		l.wg.Add(1)
		go l.serve(s)
		return s, nil
	}
	return nil, fmt.Errorf("hostile: starting %s on port %d: %w", sp.Name, sp.Port, lastErr)
}

func (l *Lab) nextAddr() netip.Addr {
	i := l.next
	l.next++
	// Host bytes 1…250 of the lab's 127.a.b.0/24, then of the /24s after it.
	block := int(l.net[0])<<8 | int(l.net[1]) + i/250
	return netip.AddrFrom4([4]byte{127, byte(block >> 8), byte(block), byte(1 + i%250)})
}

func (l *Lab) serve(s *Server) {
	defer l.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			select {
			case <-l.done:
				return
			default:
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		s.accepted.Add(1)
		if !l.track(c) {
			c.Close()
			return
		}
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			defer l.untrack(c)
			s.handler(c)
		}()
	}
}

func (l *Lab) track(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.done:
		return false
	default:
	}
	l.conns[c] = struct{}{}
	return true
}

func (l *Lab) untrack(c net.Conn) {
	l.mu.Lock()
	delete(l.conns, c)
	l.mu.Unlock()
	c.Close()
}

// Done is closed when the lab stops: handlers that wait or write forever watch it.
func (l *Lab) Done() <-chan struct{} { return l.done }

// Close stops every server and closes every connection, then waits for the handlers.
func (l *Lab) Close() {
	l.mu.Lock()
	select {
	case <-l.done:
		l.mu.Unlock()
		return
	default:
	}
	close(l.done)
	for c := range l.conns {
		c.Close()
	}
	l.mu.Unlock()
	for _, s := range l.Servers {
		s.ln.Close()
	}
	l.wg.Wait()
}

// Targets are every server's address, in start order.
func (l *Lab) Targets() []string {
	out := make([]string, len(l.Servers))
	for i, s := range l.Servers {
		out[i] = s.Target()
	}
	return out
}

// Find returns the server at host:port, or nil.
func (l *Lab) Find(host string, port int) *Server {
	i := slices.IndexFunc(l.Servers, func(s *Server) bool {
		return s.Addr.Addr().String() == host && int(s.Addr.Port()) == port
	})
	if i < 0 {
		return nil
	}
	return l.Servers[i]
}

// reset closes c with a TCP reset instead of a FIN (SO_LINGER 0).
func reset(c net.Conn) {
	if tc, ok := c.(*net.TCPConn); ok {
		_ = tc.SetLinger(0)
	}
	c.Close()
}

// sleep waits d or until the lab stops; false means stop.
func (l *Lab) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-l.done:
		return false
	}
}

// writeAll writes b, reporting false on any error (the client went away).
func writeAll(c net.Conn, b []byte) bool {
	_, err := c.Write(b)
	return err == nil
}

// randomBytes returns n random bytes.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

// relay copies between c and a new connection to backend until either side closes or
// the lab stops.
func (l *Lab) relay(c net.Conn, backend string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	b, err := (&net.Dialer{}).DialContext(ctx, "tcp", backend)
	cancel()
	if err != nil {
		return
	}
	if !l.track(b) {
		b.Close()
		return
	}
	defer l.untrack(b)
	done := make(chan struct{}, 2)
	cp := func(dst, src net.Conn) {
		buf := make([]byte, 32<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				if _, werr := dst.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		done <- struct{}{}
	}
	go cp(b, c)
	go cp(c, b)
	<-done
}

// StartRelay starts a server on the next address of the lab that relays every
// connection to backend: one real server seen at many addresses.
func (l *Lab) StartRelay(name string, port int, backend string) (*Server, error) {
	return l.Start(Spec{Name: name, Port: port, Expect: Backend, Backend: backend,
		Handle: func(c net.Conn) { l.relay(c, backend) }})
}
