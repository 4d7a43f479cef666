package scan

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/disclose"
	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/store"
)

// TestTarpitContactLookupsBounded: the security.txt lookups ran one host name after
// another once every endpoint was done, each bounded only by its own deadline, so names
// whose web server accepts and never answers (one hostile server behind many names, as
// a wildcard DNS gives) added a whole deadline each to the end of the scan. Lookups now
// run a few at a time within one budget for all of them, and an honest name's contact is
// still found.
func TestTarpitContactLookupsBounded(t *testing.T) {
	tarpit, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tarpit.Close() })
	go func() {
		for {
			c, err := tarpit.Accept()
			if err != nil {
				return
			}
			go func() { <-time.After(time.Minute); c.Close() }()
		}
	}()
	var d net.Dialer
	dial := func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, tarpit.Addr().String())
	}
	const names = 12
	b := &behaviour{results: map[int]func(context.Context) (*store.Result, error){}}
	ch := make(chan store.Endpoint, names+1)
	for i := range names {
		port := 100 + i
		b.results[port] = func(context.Context) (*store.Result, error) { return openResult(), nil }
		ep := endpoint(port)
		ep.Hostname = fmt.Sprintf("h%d.tarpit.test", i)
		ch <- ep
	}
	b.results[99] = func(context.Context) (*store.Result, error) { return openResult(), nil }
	honest := endpoint(99)
	honest.Hostname = "honest.test"
	ch <- honest
	close(ch)
	cfg := testConfig(b)
	cfg.Disclose = func(ctx context.Context, host string) finding.Contact {
		if host == "honest.test" {
			return finding.Contact{Host: host, URL: "https://honest.test/.well-known/security.txt", Contact: []string{"mailto:sec@honest.test"}}
		}
		return disclose.Lookup(ctx, host, []netip.Addr{netip.MustParseAddr("127.0.0.1")},
			disclose.Options{Dial: dial, Timeout: 2 * time.Second, IOTimeout: time.Second}).Contact()
	}
	start := time.Now()
	rep, err := Run(context.Background(), cfg, ch)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	t.Logf("%d tarpit names, 2 s lookups: the scan took %v", names, took)
	if took > 12*time.Second {
		t.Errorf("the scan took %v: its security.txt lookups ran one after another", took)
	}
	got := map[string]finding.Contact{}
	for _, c := range rep.Contacts {
		got[c.Host] = c
	}
	if len(got) != names+1 || len(got["honest.test"].Contact) != 1 {
		t.Errorf("%d contacts, honest.test's %+v", len(got), got["honest.test"])
	}
	for h, c := range got {
		if h != "honest.test" && (c.Error == "" || len(c.Contact) != 0) {
			t.Errorf("%s: %+v", h, c)
		}
	}

	// Past the budget for all of them, the names left are not looked up, and say so.
	defer func(b time.Duration) { contactBudget = b }(contactBudget)
	contactBudget = time.Second
	ch = make(chan store.Endpoint, names)
	for i := range names {
		ep := endpoint(100 + i)
		ep.Hostname = fmt.Sprintf("h%d.tarpit.test", i)
		ch <- ep
	}
	close(ch)
	start = time.Now()
	if rep, err = Run(context.Background(), cfg, ch); err != nil {
		t.Fatalf("Run: %v", err)
	}
	took = time.Since(start)
	skipped := 0
	for _, c := range rep.Contacts {
		if strings.Contains(c.Error, "not looked up") {
			skipped++
		}
	}
	t.Logf("with a 1 s budget: %v, %d of %d names not looked up", took, skipped, len(rep.Contacts))
	if took > 3*time.Second || skipped != names-contactLookups || len(rep.Contacts) != names {
		t.Errorf("with a 1 s budget the scan took %v, %d of %d contacts not looked up", took, skipped, len(rep.Contacts))
	}
}
