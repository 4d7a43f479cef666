package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Credentials of the protected key-value and metrics servers, written to lab.json (mode
// 0600) for tests and demos that want to log in.
const (
	redisProtectedPassword      = "leaklab-redis-7d21"
	memcachedProtectedPassword  = "leaklab-mc-5e80"
	etcdProtectedRootPassword   = "leaklab-etcd-91fa"
	influxProtectedPassword     = "leaklab-influx-2b7c"
	prometheusProtectedPassword = "leaklab-prom-c43d"
)

// kvServers are the Redis, Memcached, etcd, InfluxDB and Prometheus servers of the lab:
// each open (and seeded with synthetic secrets, personal data and chats) and protected.
func kvServers() []server {
	return []server{
		{name: "redis-open", note: "no password, protected mode off, CONFIG SET dir and MODULE LOAD unblocked",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startRedis(ctx, dir, "redis-open", "127.0.0.1", lab.RedisConfig{Unsafe: true}, wk)
			}},
		{name: "redis-protected", note: "requirepass and ACL users (see lab.json), same data",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startRedis(ctx, dir, "redis-protected", protectedHost(), lab.RedisConfig{Password: redisProtectedPassword,
					Users: []lab.RedisUser{{Name: "reader", Password: redisProtectedPassword + "-r", Rules: "~* &* +@read +@connection -@dangerous +info"}}}, wk)
			}},
		{name: "memcached-open", note: "text protocol without authentication, cached secrets, profiles and chats",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startMemcached(ctx, dir, "memcached-open", "127.0.0.1", lab.MemcachedConfig{}, wk)
			}},
		{name: "memcached-protected", note: "ASCII authentication (-Y, user cacheuser, see lab.json), same data",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startMemcached(ctx, dir, "memcached-protected", protectedHost(),
					lab.MemcachedConfig{AuthUser: "cacheuser", AuthPassword: memcachedProtectedPassword}, wk)
			}},
		{name: "etcd-open", note: "v3 API without authentication, Kubernetes-like registry with Secrets",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startEtcd(ctx, dir, "etcd-open", "127.0.0.1", lab.EtcdConfig{}, wk)
			}},
		{name: "etcd-protected", note: "RBAC on (root, see lab.json), same data",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startEtcd(ctx, dir, "etcd-protected", protectedHost(), lab.EtcdConfig{RootPassword: etcdProtectedRootPassword}, wk)
			}},
		{name: "influxdb-open", note: "InfluxDB 1.x without authentication, request logs with tokens, logins, chats",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startInfluxDB(ctx, dir, "influxdb-open", "127.0.0.1", lab.InfluxDBConfig{}, wk)
			}},
		{name: "influxdb-protected", note: "authentication with an admin user (see lab.json), same data",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startInfluxDB(ctx, dir, "influxdb-protected", protectedHost(),
					lab.InfluxDBConfig{Auth: true, AdminPassword: influxProtectedPassword}, wk)
			}},
		{name: "prometheus-open", note: "no authentication, admin and lifecycle APIs on, credentials in the configuration",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startPrometheus(ctx, dir, "prometheus-open", "127.0.0.1", lab.PrometheusConfig{AdminAPIs: true}, wk)
			}},
		{name: "prometheus-protected", note: "basic authentication via --web.config.file (user ops, see lab.json)",
			start: func(ctx context.Context, dir string, wk bool) (lab.ServerRecord, error) {
				return startPrometheus(ctx, dir, "prometheus-protected", protectedHost(),
					lab.PrometheusConfig{User: "ops", Password: prometheusProtectedPassword}, wk)
			}},
	}
}

// fresh removes a previous run's data: stale data would confuse the demo.
func fresh(dir, name string) string {
	d := filepath.Join(dir, name)
	_ = os.RemoveAll(d)
	return d
}

// labServer is what leaklab keeps of every server it starts.
type labServer interface {
	Stop() error
	Record(name string) lab.ServerRecord
}

// seeded finishes starting a server: when start succeeded it seeds it (seed nil: nothing
// to seed) and describes it for lab.json; a server whose seeding fails is stopped.
func seeded[S labServer](ctx context.Context, name string, s S, startErr error, seed func(context.Context) error) (lab.ServerRecord, error) {
	if startErr != nil {
		return lab.ServerRecord{}, startErr
	}
	if seed != nil {
		if err := seed(ctx); err != nil {
			_ = s.Stop()
			return lab.ServerRecord{}, fmt.Errorf("seeding %s: %w", name, err)
		}
	}
	return s.Record(name), nil
}

func startRedis(ctx context.Context, dir, name, host string, cfg lab.RedisConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, wellKnownPort(host, 6379, wk), true
	r, err := lab.StartRedis(ctx, cfg)
	return seeded(ctx, name, r, err, r.Seed)
}

func startMemcached(ctx context.Context, dir, name, host string, cfg lab.MemcachedConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, wellKnownPort(host, 11211, wk), true
	m, err := lab.StartMemcached(ctx, cfg)
	return seeded(ctx, name, m, err, m.Seed)
}

func startEtcd(ctx context.Context, dir, name, host string, cfg lab.EtcdConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Detach = fresh(dir, name), host, true
	cfg.ClientPort, cfg.PeerPort = wellKnownPort(host, 2379, wk), wellKnownPort(host, 2380, wk)
	e, err := lab.StartEtcd(ctx, cfg)
	return seeded(ctx, name, e, err, func(ctx context.Context) error { return e.Seed(ctx, cfg) })
}

func startInfluxDB(ctx context.Context, dir, name, host string, cfg lab.InfluxDBConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, wellKnownPort(host, 8086, wk), true
	s, err := lab.StartInfluxDB(ctx, cfg)
	return seeded(ctx, name, s, err, func(ctx context.Context) error { return s.Seed(ctx, cfg) })
}

func startPrometheus(ctx context.Context, dir, name, host string, cfg lab.PrometheusConfig, wk bool) (lab.ServerRecord, error) {
	cfg.Dir, cfg.Host, cfg.Port, cfg.Detach = fresh(dir, name), host, wellKnownPort(host, 9090, wk), true
	p, err := lab.StartPrometheus(ctx, cfg)
	return seeded(ctx, name, p, err, nil)
}
