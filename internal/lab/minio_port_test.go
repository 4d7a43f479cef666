package lab

import (
	"net"
	"testing"
)

// TestMinIOPortFreeOnLocalhostToo: MinIO listens on localhost at its port as well as on
// its own address (SO_REUSEPORT), so a MinIO on 127.0.0.2 must never be given a port
// that something holds on 127.0.0.1: it would answer half of that server's connections.
// The first port proposed here is one a listener on 127.0.0.1 holds; the chooser must
// pass it over.
func TestMinIOPortFreeOnLocalhostToo(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip("no loopback:", err)
	}
	defer l.Close()
	held := l.Addr().(*net.TCPAddr).Port
	if !PortFree("127.0.0.2", held) {
		t.Skipf("127.0.0.2:%d cannot be bound here", held)
	}
	proposed := 0
	minioCandidatePort = func(host string) (int, error) {
		if proposed++; proposed == 1 {
			return held, nil // free on host, taken on 127.0.0.1
		}
		return FreePort(host)
	}
	defer func() { minioCandidatePort = FreePort }()

	p, err := minioFreePort("127.0.0.2")
	if err != nil {
		t.Fatal(err)
	}
	if p == held {
		t.Fatalf("a MinIO on 127.0.0.2 was given port %d, which 127.0.0.1 holds", p)
	}
	if !PortFree("127.0.0.2", p) || !PortFree("127.0.0.1", p) {
		t.Errorf("port %d is not free on both 127.0.0.2 and 127.0.0.1", p)
	}
	// On 127.0.0.1 itself the port proposed is the one bound: no second look is needed.
	proposed = 0
	minioCandidatePort = func(string) (int, error) { proposed++; return 4242, nil }
	if p, err := minioFreePort("127.0.0.1"); err != nil || p != 4242 || proposed != 1 {
		t.Errorf("127.0.0.1: got %d, %v after %d proposals, want 4242 after 1", p, err, proposed)
	}
}
