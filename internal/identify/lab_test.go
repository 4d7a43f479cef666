package identify_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leakwatch/leakwatch/internal/identify"
	"github.com/leakwatch/leakwatch/internal/lab"
	"github.com/leakwatch/leakwatch/internal/lab/labtest"
	"github.com/leakwatch/leakwatch/internal/scan"
	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/all"
)

func TestMain(m *testing.M) { os.Exit(labtest.Run(m)) }

func endpoint(t testing.TB, addr string) store.Endpoint {
	t.Helper()
	ap, err := netip.ParseAddrPort(addr)
	if err != nil {
		t.Fatalf("%q: %v", addr, err)
	}
	return store.Endpoint{Addr: ap.Addr(), Port: int(ap.Port())}
}

// labOptions give identification a long banner wait: a server identified well within
// it was identified from its first answer, not by waiting for silence.
func labOptions() *store.Options {
	o := store.DefaultOptions()
	o.BannerWait = 5 * time.Second
	o.IOTimeout = 10 * time.Second
	return &o
}

// TestLabServersIdentified identifies every kind of real server the lab runs, each on
// the free port the lab picked (none on its product's well-known port), the way a scan
// meets them. Each must be named right — product, protocol, TLS — from its first
// answer: well within the 5 s banner wait, which identification never had to wait out.
func TestLabServersIdentified(t *testing.T) {
	type want struct {
		addr, product, protocol string
		tls                     bool
	}
	var cases []want
	add := func(addr, product, protocol string, tls bool) {
		cases = append(cases, want{addr, product, protocol, tls})
	}
	ch := labtest.ClickHouseFresh(t, lab.ClickHouseConfig{TLS: true, DisplayName: "identify"}, false)
	add(ch.HTTPAddr(), "clickhouse", "clickhouse-http", false)
	add(ch.NativeAddr(), "clickhouse", "clickhouse-native", false)
	add(ch.HTTPSAddr(), "clickhouse", "clickhouse-http", true)
	add(ch.NativeTLSAddr(), "clickhouse", "clickhouse-native", true)
	pg := labtest.PostgresFresh(t, lab.PostgresConfig{}, false)
	add(fmt.Sprintf("%s:%d", pg.Host, pg.Port), "postgres", "postgres", false)
	pgTLS := labtest.PostgresFresh(t, lab.PostgresConfig{TLS: true, Password: "identify-pw-1"}, false)
	add(fmt.Sprintf("%s:%d", pgTLS.Host, pgTLS.Port), "postgres", "postgres", false)
	my := labtest.MariaDBFresh(t, lab.MariaDBConfig{}, false)
	add(my.Addr(), "mysql", "mysql", false)
	add(labtest.RedisFresh(t, lab.RedisConfig{}, false).Addr(), "redis", "redis", false)
	add(labtest.RedisFresh(t, lab.RedisConfig{Password: "identify-pw-2"}, false).Addr(), "redis", "redis", false)
	add(labtest.RedisFresh(t, lab.RedisConfig{TLS: true}, false).Addr(), "redis", "redis", true)
	add(labtest.MemcachedFresh(t, lab.MemcachedConfig{}, false).Addr(), "memcached", "memcached", false)
	add(labtest.MemcachedSASL(t).Addr(), "memcached", "memcached-binary", false)
	add(labtest.EtcdOpen(t).Addr(), "etcd", "etcd", false)
	add(labtest.InfluxDBFresh(t, lab.InfluxDBConfig{}).Addr(), "influxdb", "influxdb-http", false)
	add(labtest.PrometheusOpen(t).Addr(), "prometheus", "prometheus-http", false)
	add(labtest.NATSFresh(t).Addr(), "nats", "nats", false)
	// Servers built by scripts/build-servers.sh and dockerd.
	add(labtest.FerretDBOpen(t).Addr(), "mongodb", "mongodb", false)
	add(labtest.MinIOOpen(t).Addr(), "minio", "s3-http", false)
	add(labtest.PouchDBOpen(t).Addr(), "couchdb", "couchdb-http", false)
	add(labtest.DockerOpen(t).Addr(), "docker", "docker-api", false)
	// dockerd --tlsverify on a port that is not 2376: TLS that wants a client
	// certificate, and nothing more to say.
	add(labtest.DockerProtected(t).Addr(), "tls", "tls", true)

	d := identify.New(all.Probers(), identify.Config{})
	for _, c := range cases {
		t.Run(c.product+"/"+c.protocol+fmt.Sprint("/tls=", c.tls), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			t0 := time.Now()
			id, err := d.Identify(ctx, endpoint(t, c.addr), labOptions())
			el := time.Since(t0)
			if err != nil {
				t.Fatal(err)
			}
			defer id.Close()
			t.Logf("%s: %s/%s tls=%v version=%q by=%s in %v", c.addr, id.Product, id.Protocol, id.TLS, id.Version, id.By, el.Round(time.Millisecond))
			protocol := id.Protocol
			if protocol == "" {
				protocol = id.Product
			}
			if c.product == "memcached" {
				protocol = c.protocol // text or binary: whichever opening it answered first; Explore decides
			}
			if id.Product != c.product || protocol != c.protocol || id.TLS != c.tls {
				t.Errorf("identified %s/%s tls=%v, want %s/%s tls=%v", id.Product, protocol, id.TLS, c.product, c.protocol, c.tls)
			}
			if el > 2500*time.Millisecond {
				t.Errorf("took %v: identification waited for silence instead of recognising the first answer", el)
			}
		})
	}
}

// freeLoopback returns a 127/8 address on which port is free, so that a lab server can
// take its product's well-known port without colliding with anything.
func freeLoopback(t *testing.T, port int) string {
	t.Helper()
	for range 50 {
		host := fmt.Sprintf("127.%d.%d.%d", 20+rand.IntN(200), rand.IntN(256), 1+rand.IntN(250))
		if lab.PortFree(host, port) {
			return host
		}
	}
	t.Skip("no 127/8 address with a free port found (this system has only 127.0.0.1 on lo)")
	return ""
}

// TestRedisSeesNoHTTP scans real Redis servers — on Redis's own port and on another —
// the whole path, identification and exploration, and reads the servers' logs: Redis
// logs "Possible SECURITY ATTACK" and drops the client when it is sent an HTTP request
// with a Host header (port-order probing sent ClickHouse's first). On its own port Redis
// must receive no HTTP request at all (its GET counter stays untouched).
func TestRedisSeesNoHTTP(t *testing.T) {
	own := labtest.RedisFresh(t, lab.RedisConfig{Host: freeLoopback(t, 6379), Port: 6379}, true)
	other := labtest.RedisFresh(t, lab.RedisConfig{}, true)
	cfg := scan.DefaultConfig()
	cfg.Probers = all.Probers()
	cfg.Options = *labOptions()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*lab.Redis{own, other} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		o := scan.ProbeEndpoint(ctx, &cfg, endpoint(t, r.Addr()))
		cancel()
		if o.Service == nil || o.Service.Product != "redis" || o.Service.Auth != "none" || len(o.Service.Datasets) == 0 {
			t.Fatalf("%s: %+v %+v", r.Addr(), o.Service, o.Err)
		}
		log, err := os.ReadFile(filepath.Join(r.Dir, "redis.log"))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(log), "SECURITY ATTACK") {
			t.Errorf("%s logged a cross-protocol attack:\n%s", r.Addr(), log)
		}
	}
	// On 6379 the first and only opening was PING: no GET reached the server.
	c, err := own.Admin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	stats, err := c.Do(context.Background(), "INFO", "commandstats")
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprint(stats); strings.Contains(s, "cmdstat_get:") {
		t.Errorf("Redis on its own port was sent GET:\n%s", s)
	}
}
