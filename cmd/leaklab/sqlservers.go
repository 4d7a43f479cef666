package main

import (
	"context"
	"net"
	"strconv"
	"sync"

	"github.com/leakwatch/leakwatch/internal/lab"
)

// Passwords of the protected SQL servers, written to lab.json (mode 0600) for tests and
// demos that want to log in.
const (
	postgresProtectedPassword = "leaklab-pg-6c1f"
	mariadbProtectedPassword  = "leaklab-my-0d4b"
)

// protectedHost is 127.0.0.2 where the whole 127/8 answers, as for ClickHouse.
func protectedHost() string {
	if lab.PortFree("127.0.0.2", 0) {
		return "127.0.0.2"
	}
	return "127.0.0.1"
}

// claimed are the well-known ports given to a server of this run: servers start
// concurrently, and one that has not bound its port yet must still keep it
// (ClickHouse's native protocol and MinIO both want 9000).
var claimed = struct {
	sync.Mutex
	m map[string]bool
}{m: map[string]bool{}}

// wellKnownPort is port when it is free on host, wanted and not given to another
// server of this run, else 0 (a free one).
func wellKnownPort(host string, port int, wellKnown bool) int {
	if !wellKnown {
		return 0
	}
	claimed.Lock()
	defer claimed.Unlock()
	k := net.JoinHostPort(host, strconv.Itoa(port))
	if claimed.m[k] || !lab.PortFree(host, port) {
		return 0
	}
	claimed.m[k] = true
	return port
}

// startPostgres starts a seeded, detached PostgreSQL: trusting loopback logins when
// password is empty, wanting scram-sha-256 passwords (and offering TLS) otherwise.
func startPostgres(ctx context.Context, dir, name, host, password string, wellKnown bool) (lab.ServerRecord, error) {
	cfg := lab.PostgresConfig{
		Dir: fresh(dir, name), Host: host, Port: wellKnownPort(host, 5432, wellKnown),
		Password: password, TLS: password != "", Detach: true,
		Users: []lab.PostgresUser{{Name: "reader", Password: "leaklab-reader", Select: true}},
	}
	pg, err := lab.StartPostgres(ctx, cfg)
	return seeded(ctx, name, pg, err, func(ctx context.Context) error { return pg.SeedLeak(ctx, cfg) })
}

// startMariaDB starts a seeded, detached MariaDB: root open to every host without a
// password when rootPassword is empty, protected (with TLS) otherwise.
func startMariaDB(ctx context.Context, dir, name, host, rootPassword string, wellKnown bool) (lab.ServerRecord, error) {
	cfg := lab.MariaDBConfig{
		Dir: fresh(dir, name), Host: host, Port: wellKnownPort(host, 3306, wellKnown),
		RootPassword: rootPassword, TLS: rootPassword != "", Detach: true,
		Users: []lab.MariaDBUser{{Name: "reader", Password: "leaklab-reader", Grants: []string{"SELECT ON " + lab.SQLAppDatabase + ".*"}}},
	}
	m, err := lab.StartMariaDB(ctx, cfg)
	return seeded(ctx, name, m, err, m.SeedLeak)
}
