package scan

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/redis"
	"github.com/leakwatch/leakwatch/internal/target"
)

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// Ports another scanner reported open are probed as given — no discovery connection —
// unless Rediscover asks for one; exclusions still apply to them.
func TestJobProbesImportedOpenPortsWithoutDiscovery(t *testing.T) {
	r := labtest.RedisOpen(t)
	closed := closedPort(t)
	// masscan -oL: the real Redis, and a port that was open when masscan looked.
	list := fmt.Sprintf("#masscan\nopen tcp %d %s 1796423139\nopen tcp %d 127.0.0.1 1796423139\n# end\n", r.Port, r.Host, closed)
	specs, err := target.ReadList(strings.NewReader(list), "scan.lst")
	if err != nil {
		t.Fatal(err)
	}

	run := func(t *testing.T, rediscover bool, exclude ...string) *finding.Report {
		t.Helper()
		pipe := DefaultConfig()
		pipe.Probers = []store.Prober{redis.New()}
		pipe.TargetTimeout = 20 * time.Second
		pipe.Options.SampleRows = 1
		tcfg := target.Config{Ports: []int{6379}}
		for _, x := range exclude {
			sp, err := target.ParseExclude(x)
			if err != nil {
				t.Fatal(err)
			}
			tcfg.Exclude = append(tcfg.Exclude, sp)
		}
		job, err := NewJob(context.Background(), JobConfig{Targets: specs, Target: tcfg, Concurrency: 4, PerHost: 4,
			Pipeline: pipe, Rediscover: rediscover})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := job.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	probedClosed := func(rep *finding.Report) bool {
		for _, e := range rep.Errors {
			if e.Port == closed {
				return true
			}
		}
		return false
	}
	foundRedis := func(rep *finding.Report) bool {
		for _, s := range rep.Services {
			if s.Port == r.Port && s.Product == "redis" {
				return true
			}
		}
		return false
	}

	t.Run("as given", func(t *testing.T) {
		rep := run(t, false)
		if !foundRedis(rep) {
			t.Errorf("the real Redis was not reported: %+v", rep.Services)
		}
		// Taken as open, the closed port was probed (and failed), not discovered.
		if !probedClosed(rep) {
			t.Errorf("the port reported open was not probed: errors %+v", rep.Errors)
		}
		if rep.Stats.PortsTried != 0 || rep.Stats.OpenPorts != 2 {
			t.Errorf("stats %+v: want no discovery connection and 2 open ports", rep.Stats)
		}
	})
	t.Run("rediscover", func(t *testing.T) {
		rep := run(t, true)
		if !foundRedis(rep) {
			t.Errorf("the real Redis was not reported: %+v", rep.Services)
		}
		if probedClosed(rep) {
			t.Errorf("discovery should have dropped the closed port: %+v", rep.Errors)
		}
		if rep.Stats.PortsTried != 2 || rep.Stats.OpenPorts != 1 {
			t.Errorf("stats %+v: want 2 ports tried, 1 open", rep.Stats)
		}
	})
	t.Run("excluded", func(t *testing.T) {
		rep := run(t, false, "127.0.0.0/8")
		if len(rep.Services) != 0 || len(rep.Errors) != 0 || rep.Stats.OpenPorts != 0 {
			t.Errorf("an excluded imported target was touched: services %+v errors %+v stats %+v", rep.Services, rep.Errors, rep.Stats)
		}
	})
}

// rebinder answers a name with first on the first lookup and with then on every later
// one: DNS rebinding between resolution and the probes.
type rebinder struct {
	mu          sync.Mutex
	calls       map[string]int
	first, then netip.Addr
}

func (r *rebinder) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls[host]++
	if host != "db.rebind.test" {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	if r.calls[host] == 1 {
		return []netip.Addr{r.first}, nil
	}
	return []netip.Addr{r.then}, nil
}

// A name is resolved once, and discovery, identification and every prober connect to
// the address it resolved to then: a second answer (127.0.0.2, excluded) is never asked
// for nor reached, so rebinding cannot move the scan.
func TestJobNameResolvedOnceNoRebinding(t *testing.T) {
	r := labtest.RedisOpen(t)
	// A listener where the rebound name would point, on the same port, counting.
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.2", strconv.Itoa(r.Port)))
	if err != nil {
		t.Fatalf("listen on 127.0.0.2: %v", err)
	}
	defer l.Close()
	var reached atomic.Int64
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			reached.Add(1)
			c.Close()
		}
	}()
	res := &rebinder{calls: map[string]int{}, first: netip.MustParseAddr(r.Host), then: netip.MustParseAddr("127.0.0.2")}
	pipe := DefaultConfig()
	pipe.Probers = []store.Prober{redis.New()}
	pipe.TargetTimeout = 20 * time.Second
	pipe.Options.SampleRows = 1
	spec, err := target.ParseSpec("db.rebind.test")
	if err != nil {
		t.Fatal(err)
	}
	excl, err := target.ParseExclude("127.0.0.2")
	if err != nil {
		t.Fatal(err)
	}
	job, err := NewJob(context.Background(), JobConfig{Targets: []target.Spec{spec},
		Target: target.Config{Ports: []int{r.Port}, Resolver: res, Exclude: []target.Spec{excl}, AllowLocalNames: true}, Concurrency: 4, PerHost: 4,
		Pipeline: pipe, SecurityTxt: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := job.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Services) != 1 || rep.Services[0].Host != r.Host || rep.Services[0].Hostname != "db.rebind.test" {
		t.Fatalf("services %+v", rep.Services)
	}
	if n := res.calls["db.rebind.test"]; n != 1 {
		t.Errorf("the target name was looked up %d times", n)
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("the rebound address was connected to %d times", n)
	}
}
