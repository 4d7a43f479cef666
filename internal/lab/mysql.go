package lab

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gomysql "github.com/go-sql-driver/mysql"
)

// MariaDBUser is an extra account on a lab server, created for any host ('%').
type MariaDBUser struct {
	Name, Password string
	// Grants are privilege clauses: "SELECT ON appdb.*", "FILE ON *.*".
	Grants []string
	// UnixSocket makes the account log in only through the unix_socket plugin (as on
	// Debian's root@localhost): over TCP it can never log in.
	UnixSocket bool
}

// MariaDBConfig says how to start a lab MariaDB server. Zero values give a server on a
// free port of 127.0.0.1 whose root logs in from anywhere without a password.
type MariaDBConfig struct {
	Dir  string
	Host string
	Port int
	// RootPassword protects root (mysql_native_password). Empty opens root to every
	// host without a password, the open variant.
	RootPassword string
	Users        []MariaDBUser
	// TLS gives the server a self-signed certificate.
	TLS bool
	// GeneralLog writes every connection and statement to GeneralLogFile.
	GeneralLog   bool
	Detach       bool
	StartTimeout time.Duration
}

// MariaDB is a running lab server.
type MariaDB struct {
	Host         string
	Port         int
	Dir          string
	RootPassword string
	Version      string
	Socket       string
	// GeneralLogFile is the general query log, when GeneralLog was set.
	GeneralLogFile string

	process
	rootSet bool // root's password is in force
}

// ErrNoMariaDB means the server binaries are not installed.
var ErrNoMariaDB = errors.New("mariadbd / mariadb-install-db not found (Debian: mariadb-server)")

// MariaDBBinaries finds the server and the data-directory initialiser (mysqld and
// mysql_install_db on older installs).
func MariaDBBinaries() (server, installDB string, err error) {
	find := func(names ...string) string {
		for _, n := range names {
			if p, err := exec.LookPath(n); err == nil {
				return p
			}
			for _, d := range []string{"/usr/sbin", "/usr/bin"} {
				if p := filepath.Join(d, n); isExec(p) {
					return p
				}
			}
		}
		return ""
	}
	server, installDB = find("mariadbd", "mysqld"), find("mariadb-install-db", "mysql_install_db")
	if server == "" || installDB == "" {
		return "", "", ErrNoMariaDB
	}
	return server, installDB, nil
}

// StartMariaDB initialises a data directory in cfg.Dir and starts the server on it,
// then creates the accounts. Grant tables are always in force: the protected variant
// is protected by the server itself.
func StartMariaDB(ctx context.Context, cfg MariaDBConfig) (*MariaDB, error) {
	server, installDB, err := MariaDBBinaries()
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	m := &MariaDB{Host: cfg.Host, Dir: cfg.Dir, RootPassword: cfg.RootPassword}
	if err := m.useDir(&m.Dir, "mariadb"); err != nil {
		return nil, err
	}
	fail := func(err error) (*MariaDB, error) {
		m.dropDir(m.Dir)
		return nil, err
	}
	data := filepath.Join(m.Dir, "data")
	m.Socket = filepath.Join(m.Dir, "mysqld.sock")
	// As root the server would switch to the mysql user itself, which clears the death
	// signal that ties it to us; running as root on purpose keeps both.
	var asRoot []string
	if os.Geteuid() == 0 {
		asRoot = []string{"--user=root"}
	}
	// A temporary directory of its own: in the shared /tmp, a temporary table of the
	// bootstrap vanished under a concurrent install once ("Could not remove temporary
	// table … error: 2", then "Installation of system tables failed").
	tmp := filepath.Join(m.Dir, "tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return fail(err)
	}
	install := exec.CommandContext(ctx, installDB, append([]string{"--no-defaults", "--datadir=" + data,
		"--auth-root-authentication-method=normal", "--skip-test-db", "--tmpdir=" + tmp}, asRoot...)...)
	install.Dir = m.Dir
	if out, err := install.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("lab: %s: %w\n%s", filepath.Base(installDB), err, out))
	}

	errLog := filepath.Join(m.Dir, "error.log")
	args := append([]string{"--no-defaults", "--datadir=" + data, "--socket=" + m.Socket,
		"--bind-address=" + cfg.Host, "--pid-file=" + filepath.Join(m.Dir, "mysqld.pid"), "--tmpdir=" + tmp,
		"--log-error=" + errLog, "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
		"--innodb-flush-log-at-trx-commit=0", "--skip-innodb-doublewrite", "--max-connections=60",
		// Anywhere: what the FILE finding is about. Debian's packaged default is the same.
		"--secure-file-priv=", "--local-infile=1"}, asRoot...)
	if cfg.GeneralLog {
		m.GeneralLogFile = filepath.Join(m.Dir, "general.log")
		args = append(args, "--general-log=1", "--general-log-file="+m.GeneralLogFile, "--log-output=FILE")
	}
	if cfg.TLS {
		certPath, keyPath, err := WriteSelfSignedCert(m.Dir, cfg.Host)
		if err != nil {
			return fail(err)
		}
		args = append(args, "--ssl-cert="+certPath, "--ssl-key="+keyPath)
	}
	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		port := cfg.Port
		if port == 0 {
			if port, err = FreePort(cfg.Host); err != nil {
				return fail(err)
			}
		}
		m.Port = port
		p, err := StartProcess(ctx, ProcessSpec{
			Name: "mariadbd", Path: server, Args: append(append([]string{}, args...), "--port="+strconv.Itoa(port)),
			Dir: m.Dir, Detach: cfg.Detach, Ready: m.ready, ReadyTimeout: cfg.StartTimeout, LogFiles: []string{errLog},
		})
		if err == nil {
			m.proc = p
			break
		}
		lastErr = err
		if cfg.Port != 0 || !strings.Contains(err.Error(), "already in use") {
			return fail(err)
		}
	}
	if m.proc == nil {
		return fail(lastErr)
	}
	if err := m.setupAccounts(ctx, cfg); err != nil {
		_ = m.Stop()
		return nil, err
	}
	m.rootSet = true
	r, err := m.Query(ctx, "SELECT VERSION()")
	if err != nil || len(r) != 1 {
		_ = m.Stop()
		return nil, fmt.Errorf("lab: mariadb version: %v", err)
	}
	m.Version = r[0][0]
	return m, nil
}

func (m *MariaDB) ready(ctx context.Context) error {
	db, err := m.admin("")
	if err != nil {
		return err
	}
	defer db.Close()
	return db.PingContext(ctx)
}

// adminPassword is root's password as the setup left it: empty until setupAccounts
// has run on a protected server.
func (m *MariaDB) adminPassword() string {
	if !m.rootSet {
		return ""
	}
	return m.RootPassword
}

// admin opens the administrative channel: root over the server's socket. It may
// write; leakwatch never uses it.
func (m *MariaDB) admin(db string) (*sql.DB, error) {
	cfg := gomysql.NewConfig()
	cfg.User, cfg.Passwd = "root", m.adminPassword()
	cfg.Net, cfg.Addr, cfg.DBName = "unix", m.Socket, db
	cfg.MultiStatements = true
	cfg.AllowNativePasswords = true
	cfg.ConnectionAttributes = "program_name:" + LabAppName
	c, err := gomysql.NewConnector(cfg)
	if err != nil {
		return nil, err
	}
	db2 := sql.OpenDB(c)
	db2.SetMaxOpenConns(1)
	return db2, nil
}

// Exec runs statements as root, in order.
func (m *MariaDB) Exec(ctx context.Context, stmts ...string) error {
	db, err := m.admin("")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("lab: mariadb %.100q: %w", s, err)
		}
	}
	return nil
}

// Query runs one query as root and returns its rows as text.
func (m *MariaDB) Query(ctx context.Context, q string) ([][]string, error) {
	db, err := m.admin("")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("lab: mariadb %.100q: %w", q, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := make([]string, len(cols))
		for i, v := range vals {
			r[i] = v.String
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func myString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\x00", `\0`).Replace(s) + "'"
}

func myIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func (m *MariaDB) setupAccounts(ctx context.Context, cfg MariaDBConfig) error {
	var stmts []string
	if cfg.RootPassword == "" {
		stmts = append(stmts, "CREATE USER 'root'@'%' IDENTIFIED BY ''",
			"GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION")
	}
	for _, u := range cfg.Users {
		acct := myString(u.Name) + "@'%'"
		if u.UnixSocket {
			stmts = append(stmts, "CREATE USER "+acct+" IDENTIFIED VIA unix_socket")
		} else {
			stmts = append(stmts, "CREATE USER "+acct+" IDENTIFIED BY "+myString(u.Password))
		}
		for _, g := range u.Grants {
			stmts = append(stmts, "GRANT "+g+" TO "+acct)
		}
	}
	if cfg.RootPassword != "" {
		// Last, since the admin channel logs in as root.
		stmts = append(stmts, "ALTER USER 'root'@'localhost' IDENTIFIED BY "+myString(cfg.RootPassword))
	}
	stmts = append(stmts, "FLUSH PRIVILEGES")
	return m.Exec(ctx, stmts...)
}

// SeedLeak creates SQLAppDatabase, SQLBilling and SQLAnalyticsDatabase from
// SQLSeedTables. It is deterministic.
func (m *MariaDB) SeedLeak(ctx context.Context) error {
	stmts := []string{}
	for _, db := range []string{SQLAppDatabase, SQLBilling, SQLAnalyticsDatabase} {
		stmts = append(stmts, "DROP DATABASE IF EXISTS "+myIdent(db), "CREATE DATABASE "+myIdent(db)+" CHARACTER SET utf8mb4")
	}
	var analyse []string
	for _, t := range SQLSeedTables() {
		name := myIdent(t.Database) + "." + myIdent(t.Name)
		var defs, cols []string
		for _, c := range t.Columns {
			defs = append(defs, myIdent(c.Name)+" "+c.MyType)
			cols = append(cols, myIdent(c.Name))
		}
		if t.Index != "" {
			defs = append(defs, "INDEX ("+myIdent(t.Index)+")")
		}
		stmts = append(stmts, "CREATE TABLE "+name+" ("+strings.Join(defs, ", ")+") ENGINE=InnoDB")
		stmts = append(stmts, insertBatches(name, cols, t.Rows, 500, myString)...)
		if t.Analyse {
			analyse = append(analyse, name)
		}
	}
	stmts = append(stmts,
		"CREATE VIEW "+SQLAppDatabase+".recent_chats AS SELECT created_at, role, content FROM "+SQLAppDatabase+".chat_messages WHERE role = 'user'",
		"CREATE TABLE "+SQLAnalyticsDatabase+".events (event_time DATETIME, user_id BIGINT, event VARCHAR(16), props JSON) ENGINE=InnoDB",
		fmt.Sprintf("INSERT INTO %s.events SELECT '2025-01-06 00:00:00' + INTERVAL seq * 10 SECOND, seq %% 5000, "+
			"ELT(1 + seq %% 4, 'login', 'chat', 'upgrade', 'logout'), JSON_OBJECT('plan', ELT(1 + seq %% 3, 'free', 'pro', 'team')) "+
			"FROM %s.seq_0_to_%d", SQLAnalyticsDatabase, SQLAnalyticsDatabase, SeedEventsRows-1),
		"ANALYZE TABLE "+strings.Join(analyse, ", ")+", "+SQLAnalyticsDatabase+".events")
	return m.Exec(ctx, stmts...)
}

// Addr is "host:port".
func (m *MariaDB) Addr() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }

// Stop stops the server and removes its directory when StartMariaDB created it.
func (m *MariaDB) Stop() error {
	if m == nil {
		return nil
	}
	return m.stop(m.Dir)
}

// Record describes the server for a lab manifest.
func (m *MariaDB) Record(name string) ServerRecord {
	return m.record(ServerRecord{
		Name: name, Kind: "mariadb", Host: m.Host, Dir: m.Dir, Version: m.Version,
		User: "root", Password: m.RootPassword,
		Ports: map[string]int{"mysql": m.Port}, Targets: []string{m.Addr()},
	})
}
