package memcached

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/finding"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
	"github.com/leakwatch/leakwatch/internal/store/probekit/probetest"
)

// Tests against real Memcached servers (Debian's memcached) started by internal/lab on
// loopback: open, with ASCII authentication (-Y), and with SASL (-S).

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func testOptions() *store.Options { return probetest.LabOptions(8, 2048, 32<<10) }

func TestOpenServer(t *testing.T) {
	m := labtest.MemcachedOpen(t)
	o := testOptions()
	res, d := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	t.Logf("full probe of the seeded open server: %v", d)
	svc := res.Service
	if svc.Product != "memcached" || svc.Protocol != Proto || svc.Auth != finding.AuthNone || svc.Status != finding.StatusOpen {
		t.Fatalf("service %+v", svc)
	}
	if svc.Version != m.Version || svc.Details["udpport"] != "0" || svc.Details["auth_enabled_ascii"] != "no" {
		t.Fatalf("version %q details %v", svc.Version, svc.Details)
	}
	if len(svc.Datasets) != 1 || svc.Datasets[0].Rows != lab.MemcachedSeedItems || svc.Datasets[0].Bytes < lab.MemcachedBigValue {
		t.Fatalf("datasets %+v", svc.Datasets)
	}
	if tr := svc.Datasets[0].TimeRange; tr == nil || tr.Column != "last_access" || tr.Min > tr.Max || !strings.HasPrefix(tr.Max, time.Now().UTC().Format("2006-")) {
		t.Fatalf("time range %+v", tr)
	}
	if len(res.Samples) != 1 {
		t.Fatalf("samples %+v", res.Samples)
	}
	s := res.Samples[0]
	if s.Table != "items" || s.Columns[0] != probekit.KeyColumn || len(s.Columns)-1 != o.SampleRows || s.Columns[1] != "config:payments" {
		t.Fatalf("sampled keys %q", s.Columns)
	}
	if v := probetest.Column(&s, "config:payments"); len(v) != 1 || !strings.Contains(v[0], `"stripe_secret_key":"sk_live_`) {
		t.Fatalf("config:payments = %q", v)
	}
	total := 0
	for _, r := range s.Rows {
		for _, c := range r {
			if len(c) > o.MaxRowBytes {
				t.Fatalf("cell of %d bytes", len(c))
			}
			total += len(c)
		}
	}
	if total > o.MaxSampleBytes {
		t.Fatalf("sample of %d bytes", total)
	}
	if f := probetest.Finding(res.Findings, "memcached-write-access"); f == nil || f.Severity != finding.High || f.ID == "" {
		t.Fatalf("write access = %+v", f)
	}
	if probetest.Finding(res.Findings, "memcached-udp-enabled") != nil {
		t.Fatal("UDP reported on a server without it")
	}
}

// TestReadOnlyByCounters compares the server's own counters of writes, deletions and
// flushes before and after full probes: none may move.
func TestReadOnlyByCounters(t *testing.T) {
	m := labtest.MemcachedFresh(t, lab.MemcachedConfig{}, true)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stats := func() map[string]string {
		a, err := m.Admin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		st, err := a.Stats()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	before := stats()
	var sent []string
	p := New()
	p.sent = func(l string) { sent = append(sent, l) }
	for _, rows := range []int{20, 3} {
		o := store.DefaultOptions()
		o.SampleRows = rows
		if res, err := p.Probe(ctx, probetest.At(m.Host, m.Port), &o); err != nil || len(res.Samples) != 1 {
			t.Fatalf("probe: %v", err)
		}
	}
	after := stats()
	for _, k := range []string{"cmd_set", "cmd_flush", "cmd_touch", "delete_hits", "delete_misses", "incr_hits", "incr_misses",
		"decr_hits", "decr_misses", "cas_hits", "cas_misses", "touch_hits", "curr_items", "total_items"} {
		if before[k] != after[k] {
			t.Errorf("%s moved from %s to %s", k, before[k], after[k])
		}
	}
	if g, _ := strconv.Atoi(after["get_hits"]); g == 0 {
		t.Errorf("no value was read (get_hits %s)", after["get_hits"])
	}
	for _, l := range sent {
		if !allowed(l) {
			t.Errorf("sent %q", l)
		}
	}
	t.Logf("%d commands sent; counters unchanged: cmd_set=%s total_items=%s; get_hits %s→%s", len(sent),
		after["cmd_set"], after["total_items"], before["get_hits"], after["get_hits"])
}

func TestASCIIAuth(t *testing.T) {
	m := labtest.MemcachedASCIIAuth(t)
	ep := probetest.At(m.Host, m.Port)
	res, _ := probetest.Probe(t, New(), ep, testOptions())
	if res.Service.Auth != finding.AuthRequired || len(res.Service.Datasets) != 0 || len(res.Samples) != 0 || len(res.Findings) != 0 {
		t.Fatalf("without credentials: %+v findings %+v", res.Service, res.Findings)
	}
	o := testOptions()
	o.Credentials = []store.Credential{{Username: "cacheuser", Password: "wrong"}, {Store: "memcached", Username: labtest.MemcachedUser, Password: labtest.MemcachedPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc := res.Service
	if svc.Auth != finding.AuthCredentials || svc.User != labtest.MemcachedUser || svc.Version != m.Version || svc.Details["auth_enabled_ascii"] == "no" {
		t.Fatalf("with credentials: %+v", svc)
	}
	if len(svc.Datasets) != 1 || svc.Datasets[0].Rows != lab.MemcachedSeedItems || len(res.Samples) != 1 || len(res.Samples[0].Columns) != o.SampleRows+1 {
		t.Fatalf("inventory %+v samples %d", svc.Datasets, len(res.Samples))
	}
	if f := probetest.Finding(res.Findings, "memcached-write-access"); f == nil || f.Severity != finding.Medium {
		t.Fatalf("write access with credentials = %+v", f)
	}
}

func TestSASL(t *testing.T) {
	m := labtest.MemcachedSASL(t)
	ep := probetest.At(m.Host, m.Port)
	res, d := probetest.Probe(t, New(), ep, testOptions())
	t.Logf("SASL server without credentials: %v", d)
	svc := res.Service
	if svc.Protocol != ProtoBinary || svc.Auth != finding.AuthRequired || svc.Version != m.Version || svc.Details["sasl_mechanisms"] != "PLAIN" {
		t.Fatalf("without credentials: %+v", svc)
	}
	o := testOptions()
	o.Credentials = []store.Credential{{Username: labtest.MemcachedUser, Password: labtest.MemcachedPassword}}
	res, _ = probetest.Probe(t, New(), ep, o)
	svc = res.Service
	if svc.Auth != finding.AuthCredentials || len(svc.Datasets) != 1 || svc.Datasets[0].Rows != lab.MemcachedSeedItems {
		t.Fatalf("with credentials: %+v", svc)
	}
}

func TestUDPEnabled(t *testing.T) {
	port, err := lab.FreePort("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	m := labtest.MemcachedFresh(t, lab.MemcachedConfig{UDPPort: port}, false)
	o := testOptions()
	res, _ := probetest.Probe(t, New(), probetest.At(m.Host, m.Port), o)
	if f := probetest.Finding(res.Findings, "memcached-udp-enabled"); f == nil || f.Evidence != "udpport="+strconv.Itoa(port) {
		t.Fatalf("UDP finding %+v", f)
	}
	if res.Service.Datasets[0].Rows != 0 || len(res.Samples) != 0 {
		t.Fatalf("empty server: %+v", res.Service.Datasets)
	}
}
