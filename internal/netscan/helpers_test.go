package netscan

import (
	"context"
	"net"
	"net/netip"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/target"
)

// listen opens a listener on addr ("127.0.0.1:0") that accepts and counts connections.
func listen(t testing.TB, addr string) (net.Listener, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln, &n
}

func portOf(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }

// closedPort returns a loopback port with nothing listening: bound, then released.
func closedPort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := portOf(ln)
	ln.Close()
	return p
}

// closedPorts returns n distinct closed ports: the kernel may hand a port just closed
// out again, and a repeat would shrink the scan a test counts on.
func closedPorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	for seen := map[int]bool{}; len(ports) < n; {
		if p := closedPort(t); !seen[p] {
			seen[p] = true
			ports = append(ports, p)
		}
	}
	return ports
}

// tarpit returns a loopback endpoint whose connection attempts hang until they time out:
// a socket listening with a backlog of 0 and never accepting, whose accept queue one
// completed connection fills. Linux then drops further SYNs, exactly what a filtered
// port or a dead host looks like to a scanner, with no firewall and no root.
func tarpit(t testing.TB) netip.AddrPort {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the accept-queue tarpit relies on Linux dropping SYNs to a full listen queue")
	}
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	ap := netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(sa.(*syscall.SockaddrInet4).Port))
	// Fill the queue; keep trying until an attempt hangs, since the queue size is
	// backlog+1 on current kernels but has differed.
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", ap.String(), 100*time.Millisecond)
		if err != nil {
			break
		}
		t.Cleanup(func() { c.Close() })
		if i == 8 {
			t.Skip("this kernel does not drop SYNs to a full accept queue")
		}
	}
	return ap
}

func buildSet(t testing.TB, ports []int, specs ...string) *target.Set {
	t.Helper()
	var sp []target.Spec
	for _, s := range specs {
		x, err := target.ParseSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		sp = append(sp, x)
	}
	s, err := target.Build(context.Background(), sp, target.Config{Ports: ports, Order: target.OrderSequential})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// listenMany binds one listener on port at each of addrs (addresses of 127.0.0.0/8, all
// local on Linux) and returns the port. It retries with another port if one is taken.
func listenMany(t testing.TB, addrs []netip.Addr) int {
	t.Helper()
	for try := 0; try < 10; try++ {
		first, _ := listen(t, net.JoinHostPort(addrs[0].String(), "0"))
		port := portOf(first)
		ok := true
		for _, a := range addrs[1:] {
			ln, err := net.Listen("tcp", net.JoinHostPort(a.String(), strconv.Itoa(port)))
			if err != nil {
				ok = false
				break
			}
			go func() {
				for {
					c, err := ln.Accept()
					if err != nil {
						return
					}
					c.Close()
				}
			}()
			t.Cleanup(func() { ln.Close() })
		}
		if ok {
			return port
		}
	}
	t.Fatal("no port free on every address")
	return 0
}
