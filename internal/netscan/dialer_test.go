package netscan

import (
	"context"
	"errors"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/target"
)

func TestDialerScope(t *testing.T) {
	in, nIn := listen(t, "127.0.0.1:0")
	port := portOf(in)
	// The same port on 127.0.0.2 and 127.0.0.3, which the scan must never touch.
	out2, nOut2 := listen(t, "127.0.0.2:"+strconv.Itoa(port))
	_, nOut3 := listen(t, "127.0.0.3:"+strconv.Itoa(port))
	other, nOther := listen(t, "127.0.0.1:0") // in-scope address, port not scanned

	ex, _ := target.ParseExclude("127.0.0.3")
	spec1, _ := target.ParseSpec("127.0.0.1")
	spec3, _ := target.ParseSpec("127.0.0.3")
	set, err := target.Build(context.Background(), []target.Spec{spec1, spec3},
		target.Config{Ports: []int{port}, Exclude: []target.Spec{ex}})
	if err != nil {
		t.Fatal(err)
	}
	lenient := NewDialer(DialerConfig{Scope: set, ConnectTimeout: time.Second})
	strict := NewDialer(DialerConfig{Scope: set, StrictPorts: true, ConnectTimeout: time.Second})
	ctx := context.Background()

	tests := []struct {
		name    string
		dial    store.DialFunc
		network string
		addr    string
		ok      bool
	}{
		{"in scope", strict, "tcp", in.Addr().String(), true},
		{"in scope tcp4", strict, "tcp4", in.Addr().String(), true},
		{"mapped spelling", strict, "tcp", "[::ffff:127.0.0.1]:" + strconv.Itoa(port), true},
		{"not a target", lenient, "tcp", out2.Addr().String(), false},
		{"excluded", lenient, "tcp", "127.0.0.3:" + strconv.Itoa(port), false},
		{"name", lenient, "tcp", "localhost:" + strconv.Itoa(port), false},
		{"other port, lenient", lenient, "tcp", other.Addr().String(), true},
		{"other port, strict", strict, "tcp", other.Addr().String(), false},
		{"udp", lenient, "udp", in.Addr().String(), false},
		{"family mismatch", lenient, "tcp6", in.Addr().String(), false},
		{"garbage", lenient, "tcp", "127.0.0.1", false},
		{"zone", lenient, "tcp", "[fe80::1%lo]:80", false},
		{"no scope", NewDialer(DialerConfig{}), "tcp", in.Addr().String(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.dial(ctx, tt.network, tt.addr)
			if tt.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				c.Close()
				return
			}
			if err == nil {
				c.Close()
				t.Fatal("connected")
			}
			if !errors.Is(err, ErrOutOfScope) {
				t.Fatalf("error %v does not wrap ErrOutOfScope", err)
			}
		})
	}
	time.Sleep(50 * time.Millisecond)
	if nOut2.Load() != 0 || nOut3.Load() != 0 {
		t.Fatalf("out-of-scope listeners were connected to: %d, %d", nOut2.Load(), nOut3.Load())
	}
	if nIn.Load() != 3 || nOther.Load() != 1 {
		t.Fatalf("in-scope accepts %d (want 3), other port %d (want 1)", nIn.Load(), nOther.Load())
	}
}

func TestDialerTimeoutAndRate(t *testing.T) {
	tp := tarpit(t)
	ln, _ := listen(t, "127.0.0.1:0")
	set := buildSet(t, []int{int(tp.Port()), portOf(ln)}, "127.0.0.1")
	dial := NewDialer(DialerConfig{Scope: set, ConnectTimeout: 150 * time.Millisecond})
	start := time.Now()
	_, err := dial(context.Background(), "tcp", tp.String())
	if !store.IsTimeout(err) {
		t.Fatalf("tarpit: %v", err)
	}
	if el := time.Since(start); el < 140*time.Millisecond || el > 2*time.Second {
		t.Fatalf("connect timeout of 150ms took %v", el)
	}

	limited := NewDialer(DialerConfig{Scope: set, Limiter: NewLimiter(20)})
	start = time.Now()
	for range 5 {
		c, err := limited(context.Background(), "tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
	}
	if el := time.Since(start); el < 190*time.Millisecond {
		t.Fatalf("5 dials at 20/s took %v", el)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := limited(ctx, "tcp", ln.Addr().String()); err == nil {
		t.Fatal("dial with a cancelled context succeeded")
	}
}

// TestDialerStopsHostileRedirect: a server in scope redirects to one outside it. Even an
// HTTP client that follows redirects (ours do not) cannot get there through the dialer.
func TestDialerStopsHostileRedirect(t *testing.T) {
	var outsideHits atomic.Int64
	outside := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		outsideHits.Add(1)
		io.WriteString(w, "you should not be here")
	}))
	l2, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Fatal(err)
	}
	outside.Listener = l2
	outside.Start()
	defer outside.Close()
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, outside.URL+"/steal", http.StatusFound)
	}))
	defer inside.Close()

	ap := netip.MustParseAddrPort(inside.Listener.Addr().String())
	set := buildSet(t, []int{int(ap.Port())}, "127.0.0.1")
	dial := NewDialer(DialerConfig{Scope: set, StrictPorts: true})
	naive := &http.Client{Transport: &http.Transport{DialContext: dial}, Timeout: 5 * time.Second}
	_, err = naive.Get(inside.URL)
	if err == nil || !errors.Is(err, ErrOutOfScope) {
		t.Fatalf("following the redirect: %v", err)
	}
	// The shared prober client pins every request to the endpoint and follows nothing.
	opts := store.DefaultOptions()
	opts.Dial = dial
	c := probekit.Client(store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}, &opts)
	resp, err := c.Get(outside.URL + "/direct")
	if err != nil {
		t.Fatalf("pinned client: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || !strings.Contains(resp.Header.Get("Location"), "127.0.0.2") {
		t.Fatalf("pinned client got %d %v", resp.StatusCode, resp.Header)
	}
	if outsideHits.Load() != 0 {
		t.Fatalf("the out-of-scope server was reached %d times", outsideHits.Load())
	}
}

// NewLimiter never builds a limiter from a rate that is not a finite positive number
// (NaN made rate.Limiter refuse every wait), and a huge rate does not overflow the burst.
func TestNewLimiterOddRates(t *testing.T) {
	for _, r := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, -5} {
		if l := NewLimiter(r); l != nil {
			t.Errorf("NewLimiter(%v) = limit %v burst %d, want no limiter", r, l.Limit(), l.Burst())
		}
	}
	for _, r := range []float64{1e-3, 1, 1e6, 1e300, math.MaxFloat64} {
		l := NewLimiter(r)
		if l == nil || l.Burst() < 1 || l.Burst() > MaxConcurrency {
			t.Errorf("NewLimiter(%v): %v", r, l)
		}
	}
}

// TestDialerRefusesIPv6FormsOfExcluded: with 10.0.0.5 excluded, the dialer refuses it in
// every spelling a prober might be handed (mapped, NAT64, 6to4) before any connect, and
// passes a neighbour of the same block on to the connect function. Nothing is sent:
// the connect function only records.
func TestDialerRefusesIPv6FormsOfExcluded(t *testing.T) {
	var specs []target.Spec
	for _, s := range []string{"10.0.0.0/29", "64:ff9b::a00:0/125", "2002:a00:5::/126", "2002:a00:6::/126"} {
		sp, err := target.ParseSpec(s)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, sp)
	}
	ex, _ := target.ParseExclude("10.0.0.5")
	set, err := target.Build(context.Background(), specs, target.Config{Ports: []int{80}, Exclude: []target.Spec{ex}})
	if err != nil {
		t.Fatal(err)
	}
	var dialed []string
	d := NewDialer(DialerConfig{Scope: set, StrictPorts: true, Dial: func(_ context.Context, _, addr string) (net.Conn, error) {
		dialed = append(dialed, addr)
		return nil, errors.New("recorded, not connected")
	}})
	for _, addr := range []string{"10.0.0.5:80", "[::ffff:10.0.0.5]:80", "[64:ff9b::a00:5]:80", "[2002:a00:5::1]:80"} {
		if _, err := d(context.Background(), "tcp", addr); !errors.Is(err, ErrOutOfScope) {
			t.Errorf("%s: %v, want out of scope", addr, err)
		}
	}
	for _, addr := range []string{"10.0.0.6:80", "[64:ff9b::a00:6]:80", "[2002:a00:6::1]:80"} {
		if _, err := d(context.Background(), "tcp", addr); errors.Is(err, ErrOutOfScope) {
			t.Errorf("%s refused: %v", addr, err)
		}
	}
	if len(dialed) != 3 || set.Count() != 7+7+4 {
		t.Fatalf("dialled %v; set of %d endpoints, want 18", dialed, set.Count())
	}
}
