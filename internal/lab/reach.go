package lab

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Servers can hold tables that reach other hosts when read: ClickHouse URL, MySQL and
// Distributed tables and Buffers over them, PostgreSQL foreign tables and partitions
// (postgres_fdw), MariaDB FEDERATED tables. The lab points such tables at a "third
// host" that a test owns: a loopback listener that counts the connections it receives
// and, when given a target, forwards them there (a federated table must reach a real
// server to be created at all). A scan that reads only what it should leaves the count
// at zero.

// CountingProxy is a loopback listener that counts the connections it accepts and
// forwards each to a target, or closes it at once when there is none.
type CountingProxy struct {
	Host string
	Port int

	ln     net.Listener
	target string
	count  atomic.Int64
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  map[net.Conn]bool
}

// StartCountingProxy listens on a free port of 127.0.0.1. target is "host:port" on
// loopback, or "" to accept and close.
func StartCountingProxy(target string) (*CountingProxy, error) {
	if target != "" {
		host, _, err := net.SplitHostPort(target)
		if err != nil {
			return nil, fmt.Errorf("lab: proxy target %q: %w", target, err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("lab: proxy target %q is not a loopback address", target)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	p := &CountingProxy{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.serve()
	return p, nil
}

// Addr is "127.0.0.1:port".
func (p *CountingProxy) Addr() string { return net.JoinHostPort(p.Host, strconv.Itoa(p.Port)) }

// Connections is how many connections were accepted since the last Reset.
func (p *CountingProxy) Connections() int64 { return p.count.Load() }

// Reset sets the count back to zero (after the seeding's own connections).
func (p *CountingProxy) Reset() { p.count.Store(0) }

// Close stops listening and closes the connections in flight.
func (p *CountingProxy) Close() error {
	err := p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.wg.Wait()
	return err
}

func (p *CountingProxy) track(c net.Conn, on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if on {
		p.conns[c] = true
	} else {
		delete(p.conns, c)
	}
}

func (p *CountingProxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.count.Add(1)
		if p.target == "" {
			c.Close()
			continue
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.forward(c)
		}()
	}
}

func (p *CountingProxy) forward(c net.Conn) {
	defer c.Close()
	t, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		return
	}
	defer t.Close()
	p.track(c, true)
	p.track(t, true)
	defer p.track(c, false)
	defer p.track(t, false)
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(t, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, t); done <- struct{}{} }()
	<-done
}

// Names of what SeedRemoteReaching creates on ClickHouse.
const (
	ReachDatabase = "federated"
)

// SeedRemoteReaching creates, in the database ReachDatabase, tables that reach the
// third host at addr when read: a URL table, a Buffer over it, a MySQL table, a Buffer
// over that, and — when the server has a cluster named "third_host" (ClickHouseConfig.
// ThirdHost) — a Distributed table and a Buffer over it, and two Distributed tables over
// the server's own "local_only" cluster: one over the local table, one over the URL table. It also creates a local table
// with rows, which a scan should read as usual. Creating them connects nowhere.
func (ch *ClickHouse) SeedRemoteReaching(ctx context.Context, addr string, cluster bool) error {
	stmts := []string{
		"CREATE DATABASE IF NOT EXISTS " + ReachDatabase,
		"CREATE TABLE " + ReachDatabase + ".url_feed (ts DateTime, body String) ENGINE = URL('http://" + addr + "/feed.csv', CSV)",
		"CREATE TABLE " + ReachDatabase + ".url_buffer AS " + ReachDatabase + ".url_feed ENGINE = Buffer(" + ReachDatabase +
			", url_feed, 1, 10, 100, 10000, 1000000, 10000000, 100000000)",
		"CREATE TABLE " + ReachDatabase + ".crm_users (id UInt32, email String) ENGINE = MySQL('" + addr +
			"', 'crm', 'users', 'crm_reader', 'Crm-Reader-Pw-5')",
		"CREATE TABLE " + ReachDatabase + ".crm_buffer AS " + ReachDatabase + ".crm_users ENGINE = Buffer(" + ReachDatabase +
			", crm_users, 1, 10, 100, 10000, 1000000, 10000000, 100000000)",
		"CREATE TABLE " + ReachDatabase + ".local_notes (ts DateTime, note String) ENGINE = TinyLog",
		"INSERT INTO " + ReachDatabase + ".local_notes VALUES ('2025-01-06 10:00:00', 'kept locally'), ('2025-01-07 11:00:00', 'also local')",
		"CREATE TABLE " + ReachDatabase + ".local_buffer AS " + ReachDatabase + ".local_notes ENGINE = Buffer(" + ReachDatabase +
			", local_notes, 1, 10, 100, 10000, 1000000, 10000000, 100000000)",
	}
	if cluster {
		stmts = append(stmts,
			"CREATE TABLE "+ReachDatabase+".dist_events (ts DateTime, body String) ENGINE = Distributed(third_host, default, events)",
			"CREATE TABLE "+ReachDatabase+".dist_buffer AS "+ReachDatabase+".dist_events ENGINE = Buffer("+ReachDatabase+
				", dist_events, 1, 10, 100, 10000, 1000000, 10000000, 100000000)",
			"CREATE TABLE "+ReachDatabase+".dist_local AS "+ReachDatabase+".local_notes ENGINE = Distributed(local_only, "+ReachDatabase+", local_notes)",
			"CREATE TABLE "+ReachDatabase+".dist_local_url AS "+ReachDatabase+".url_feed ENGINE = Distributed(local_only, "+ReachDatabase+", url_feed)")
	}
	for _, s := range stmts {
		if _, err := ch.query(ctx, "default", ch.Password, s, nil); err != nil {
			return err
		}
	}
	return nil
}

// SeedForeign creates, in database db, tables that reach the third host at addr through
// postgres_fdw: a foreign table, a partitioned table with one local and one foreign
// partition, and an inheritance parent with a foreign child; plus a local table. The
// user mapping holds a password that the scanned server would send to that host.
// Creating them connects nowhere (postgres_fdw connects on first read).
func (pg *Postgres) SeedForeign(ctx context.Context, db, host string, port int) error {
	if err := pg.Exec(ctx, "postgres", "CREATE DATABASE "+pgIdent(db)); err != nil {
		return err
	}
	return pg.Exec(ctx, db, fmt.Sprintf(`CREATE EXTENSION postgres_fdw;
CREATE SERVER far FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %s, port %s, dbname 'remote');
CREATE USER MAPPING FOR PUBLIC SERVER far OPTIONS (user 'remote_reader', password 'Remote-Reader-Pw-7');
CREATE FOREIGN TABLE far_users (id int, email text) SERVER far OPTIONS (table_name 'users');
CREATE TABLE events (id int, at timestamptz NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE FOREIGN TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01') SERVER far OPTIONS (table_name 'events');
INSERT INTO events_2024 SELECT g, '2024-03-01'::timestamptz + g * interval '1 hour', 'event ' || g FROM generate_series(1, 50) g;
CREATE TABLE audit_log (id int, note text);
CREATE FOREIGN TABLE audit_log_remote () INHERITS (audit_log) SERVER far OPTIONS (table_name 'audit_log');
CREATE TABLE local_notes (id int, at date, note text);
INSERT INTO local_notes SELECT g, '2025-01-06'::date + g, 'note ' || g FROM generate_series(1, 20) g;
ANALYZE events_2024;
ANALYZE local_notes;`, pgLiteral(host), pgLiteral(strconv.Itoa(port))))
}

// ErrNoFederated means the server cannot load a FEDERATED engine (Debian's
// mariadb-server ships ha_federatedx).
var ErrNoFederated = errors.New("lab: the FEDERATED engine is not available")

// SeedFederated creates database db with a FEDERATED table that reaches this same
// server through proxyAddr (a CountingProxy forwarding here: creating a federated table
// connects to its remote once, so the remote must be real), over the table
// remote_src.users it also creates, and a local table.
func (m *MariaDB) SeedFederated(ctx context.Context, db, proxyAddr string) error {
	rows, err := m.Query(ctx, "SELECT SUPPORT FROM information_schema.ENGINES WHERE ENGINE = 'FEDERATED'")
	if err != nil {
		return err
	}
	if len(rows) == 0 || (rows[0][0] != "YES" && rows[0][0] != "DEFAULT") {
		if err := m.Exec(ctx, "INSTALL SONAME 'ha_federatedx'"); err != nil {
			return fmt.Errorf("%w: %v", ErrNoFederated, err)
		}
	}
	host, port, err := net.SplitHostPort(proxyAddr)
	if err != nil {
		return err
	}
	conn := fmt.Sprintf("mysql://federated_reader:Fed-Reader-Pw-3@%s:%s/remote_src/users", host, port)
	return m.Exec(ctx,
		"CREATE DATABASE remote_src",
		"CREATE TABLE remote_src.users (id INT, email VARCHAR(200)) ENGINE=InnoDB",
		"INSERT INTO remote_src.users VALUES (1, 'alice@example.com'), (2, 'bob@example.com')",
		"CREATE USER IF NOT EXISTS 'federated_reader'@'%' IDENTIFIED BY 'Fed-Reader-Pw-3'",
		"GRANT SELECT ON remote_src.* TO 'federated_reader'@'%'",
		"CREATE DATABASE "+myIdent(db),
		"CREATE TABLE "+myIdent(db)+".far_users (id INT, email VARCHAR(200)) ENGINE=FEDERATED CONNECTION="+myString(conn),
		"CREATE TABLE "+myIdent(db)+".local_notes (id INT PRIMARY KEY, at DATE, note VARCHAR(100)) ENGINE=InnoDB",
		"INSERT INTO "+myIdent(db)+".local_notes VALUES (1, '2025-01-06', 'kept locally'), (2, '2025-01-07', 'also local')",
		"CREATE VIEW "+myIdent(db)+".far_view AS SELECT email FROM "+myIdent(db)+".far_users",
		"ANALYZE TABLE "+myIdent(db)+".local_notes")
}
