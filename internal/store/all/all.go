// Package all is the one list of data-store probers leakwatch runs, in the order they are
// tried on a port that no prober claims (cheap, unambiguous handshakes first).
package all

import (
	"sort"
	"strings"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/clickhouse"
	"github.com/leakwatch/leakwatch/internal/store/couchdb"
	"github.com/leakwatch/leakwatch/internal/store/docker"
	"github.com/leakwatch/leakwatch/internal/store/elasticsearch"
	"github.com/leakwatch/leakwatch/internal/store/etcd"
	"github.com/leakwatch/leakwatch/internal/store/influxdb"
	"github.com/leakwatch/leakwatch/internal/store/kibana"
	"github.com/leakwatch/leakwatch/internal/store/memcached"
	"github.com/leakwatch/leakwatch/internal/store/minio"
	"github.com/leakwatch/leakwatch/internal/store/mongodb"
	"github.com/leakwatch/leakwatch/internal/store/mysql"
	"github.com/leakwatch/leakwatch/internal/store/postgres"
	"github.com/leakwatch/leakwatch/internal/store/prometheus"
	"github.com/leakwatch/leakwatch/internal/store/redis"
)

// Probers returns a fresh list of every prober.
func Probers() []store.Prober {
	return []store.Prober{
		clickhouse.New(),
		mongodb.New(),
		elasticsearch.New(),
		couchdb.New(),
		kibana.New(),
		docker.New(),
		etcd.New(),
		influxdb.New(),   // GET /ping with an X-Influxdb-Version header
		prometheus.New(), // GET /api/v1/status/buildinfo; a bare 401 only at 9090
		minio.New(),      // last among HTTP probers: any S3 <Error> body is S3-compatible
		// Binary handshakes wait (3 s) on silent ports. PostgreSQL first: a PostgreSQL
		// server is silent until spoken to, so MySQL first would cost that wait on every
		// PostgreSQL found off its port; a MySQL server answers at once, and only counts
		// the PostgreSQL prober's hang-up as one handshake error against the scanner's
		// own host (max_connect_errors).
		postgres.New(),
		mysql.New(),
		// Client-first text protocols with one-line answers.
		redis.New(),
		memcached.New(),
	}
}

// DefaultPorts is the union of every prober's default ports, sorted.
func DefaultPorts() []int {
	seen := map[int]bool{}
	var out []int
	for _, p := range Probers() {
		for _, port := range p.DefaultPorts() {
			if !seen[port] {
				seen[port] = true
				out = append(out, port)
			}
		}
	}
	sort.Ints(out)
	return out
}

// PortNames maps each store's name to its default ports, so `-p clickhouse,9200` works.
func PortNames() map[string][]int {
	m := map[string][]int{}
	for _, p := range Probers() {
		m[strings.ToLower(p.Name())] = p.DefaultPorts()
	}
	return m
}
