package lab

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgresUser is an extra login role on a lab server.
type PostgresUser struct {
	Name, Password string
	Superuser      bool
	// Roles are granted to the user (pg_read_server_files, pg_execute_server_program, …).
	Roles []string
	// Select grants SELECT on every table of the seeded databases (and nothing else).
	Select bool
}

// PostgresConfig says how to start a lab PostgreSQL server. Zero values give a server
// on a free port of 127.0.0.1 that trusts every TCP login from 127.0.0.0/8.
type PostgresConfig struct {
	// BinDir holds postgres and initdb; empty finds Debian's newest.
	BinDir string
	// Dir holds data, sockets and logs. Empty creates a temporary directory that Stop
	// removes.
	Dir  string
	Host string
	Port int
	// Password for the postgres superuser. Empty makes the server trust TCP logins from
	// loopback (the open variant); set, TCP logins need scram-sha-256 passwords.
	Password string
	Users    []PostgresUser
	// TLS turns ssl on with a self-signed certificate.
	TLS bool
	// LogStatements sets log_statement = all, into Dir/log/postgresql.log.
	LogStatements bool
	// AuthMethod replaces scram-sha-256 on the TCP lines of a server with a Password
	// (md5, password).
	AuthMethod string
	// ExtraConf and ExtraHBA are appended to postgresql.conf and pg_hba.conf, for tests
	// of configuration findings ("password_encryption = md5", "host all all 10.0.0.0/8
	// trust"); the server still listens on Host alone.
	ExtraConf, ExtraHBA []string
	Detach              bool
	StartTimeout        time.Duration
}

// Postgres is a running lab server.
type Postgres struct {
	Host     string
	Port     int
	Dir      string
	Password string
	Version  string
	// LogFile is the server's log (every statement when LogStatements was set).
	LogFile string

	socketDir string
	spec      ProcessSpec
	process
}

// ErrNoPostgres means the PostgreSQL server binaries are not installed.
var ErrNoPostgres = errors.New("postgres binaries not found (Debian: postgresql)")

// LabAppName marks the lab's own administrative sessions in the server's log.
const LabAppName = "leakwatch-lab"

// PostgresBinDir finds the directory holding postgres and initdb: Debian's
// /usr/lib/postgresql/<major>/bin (the newest), else the directory of pg_ctl on PATH.
func PostgresBinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return majorOf(dirs[i]) > majorOf(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "postgres")) && isExec(filepath.Join(d, "initdb")) {
			return d, nil
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		d := filepath.Dir(p)
		if isExec(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", ErrNoPostgres
}

func majorOf(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// serverCredential is who a server that refuses root runs as: the named system user
// when we are root, nobody else otherwise.
func serverCredential(name string) (*syscall.Credential, int, int, error) {
	if os.Geteuid() != 0 {
		return nil, -1, -1, nil
	}
	u, err := user.Lookup(name)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("lab: running as root and no %q user to run the server as: %w", name, err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, uid, gid, nil
}

// giveDir hands dir (recursively) to uid and makes sure uid can reach it: directories
// on the way get search permission (not listing) for others when they lack it — the
// lab's own directory and temporary directories; any other that blocks the way is an
// error rather than a silent chmod of someone's home.
func giveDir(dir string, uid, gid int) error {
	if uid < 0 {
		return nil
	}
	if err := filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	}); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	parent := filepath.Dir(dir)
	tmp := filepath.Clean(os.TempDir()) + string(filepath.Separator)
	for p := parent; p != filepath.Dir(p); p = filepath.Dir(p) {
		st, err := os.Stat(p)
		if err != nil || st.Mode().Perm()&0o001 != 0 {
			continue
		}
		if p != parent && !strings.HasPrefix(p, tmp) {
			return fmt.Errorf("lab: %s is not searchable by other users; the server's user cannot reach %s", p, dir)
		}
		if err := os.Chmod(p, st.Mode().Perm()|0o001); err != nil {
			return fmt.Errorf("lab: %w", err)
		}
	}
	return nil
}

// StartPostgres initialises a cluster in cfg.Dir and starts it, as the postgres system
// user when we are root (PostgreSQL refuses to run as root).
func StartPostgres(ctx context.Context, cfg PostgresConfig) (*Postgres, error) {
	bin := cfg.BinDir
	if bin == "" {
		var err error
		if bin, err = PostgresBinDir(); err != nil {
			return nil, err
		}
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if err := checkListenHost(cfg.Host); err != nil {
		return nil, err
	}
	cred, uid, gid, err := serverCredential("postgres")
	if err != nil {
		return nil, err
	}
	pg := &Postgres{Host: cfg.Host, Dir: cfg.Dir, Password: cfg.Password}
	if err := pg.useDir(&pg.Dir, "postgres"); err != nil {
		return nil, err
	}
	fail := func(err error) (*Postgres, error) {
		pg.dropDir(pg.Dir)
		return nil, err
	}
	data := filepath.Join(pg.Dir, "data")
	pg.socketDir = pg.Dir
	logDir := filepath.Join(pg.Dir, "log")
	pg.LogFile = filepath.Join(logDir, "postgresql.log")
	if err := os.MkdirAll(logDir, 0o700); err != nil {
		return fail(fmt.Errorf("lab: %w", err))
	}
	if err := giveDir(pg.Dir, uid, gid); err != nil {
		return fail(err)
	}

	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if cred != nil && !nullWritableByOthers() {
		// initdb's helpers write to /dev/null, which some containers make root's alone;
		// in a mount namespace of its own, /dev/zero (which discards writes just the
		// same) stands in for it. Nothing outside that namespace changes.
		initdb = exec.CommandContext(ctx, "unshare", append([]string{"--mount", "--propagation", "private", "sh", "-c",
			`mount --bind /dev/zero /dev/null && exec setpriv --reuid="$0" --regid="$0" --clear-groups -- "$@"`, "postgres"},
			initdb.Args...)...)
	}
	initdb.Dir = pg.Dir
	if out, err := initdb.CombinedOutput(); err != nil {
		return fail(fmt.Errorf("lab: initdb: %w\n%s", err, out))
	}

	method := "trust"
	if cfg.Password != "" {
		method = "scram-sha-256"
		if cfg.AuthMethod != "" {
			method = cfg.AuthMethod
		}
	}
	// The lab administers the server over its socket; TCP from loopback is what a scan
	// sees.
	hba := "local all all trust\n" +
		"host all all 127.0.0.0/8 " + method + "\n" +
		"host all all ::1/128 " + method + "\n"
	for _, l := range cfg.ExtraHBA {
		hba += l + "\n"
	}
	if err := writeOwned(filepath.Join(data, "pg_hba.conf"), hba, uid, gid); err != nil {
		return fail(err)
	}
	conf := []string{
		"unix_socket_directories = '" + pg.socketDir + "'",
		"fsync = off", "synchronous_commit = off", "full_page_writes = off",
		// Without autovacuum a table nobody analysed keeps reltuples = -1, as on a server
		// whose data arrived moments before the scan.
		"autovacuum = off",
		"shared_buffers = 32MB", "max_connections = 60",
		"password_encryption = 'scram-sha-256'",
		"logging_collector = on", "log_directory = '" + logDir + "'", "log_filename = 'postgresql.log'",
		"log_rotation_age = 0", "log_rotation_size = 0",
		"log_line_prefix = '%m [%p] app=%a user=%u db=%d: '",
	}
	if cfg.LogStatements {
		conf = append(conf, "log_statement = 'all'")
	}
	conf = append(conf, cfg.ExtraConf...)
	if cfg.TLS {
		certPath, keyPath, err := WriteSelfSignedCert(pg.Dir, cfg.Host)
		if err != nil {
			return fail(err)
		}
		for _, p := range []string{certPath, keyPath} {
			if uid >= 0 {
				if err := os.Chown(p, uid, gid); err != nil {
					return fail(fmt.Errorf("lab: %w", err))
				}
			}
			_ = os.Chmod(p, 0o600)
		}
		conf = append(conf, "ssl = on", "ssl_cert_file = '"+certPath+"'", "ssl_key_file = '"+keyPath+"'")
	}
	if err := appendOwned(filepath.Join(data, "postgresql.conf"), strings.Join(conf, "\n")+"\n", uid, gid); err != nil {
		return fail(err)
	}

	var lastErr error
	for attempt := 0; attempt < 4; attempt++ {
		port := cfg.Port
		if port == 0 {
			if port, err = FreePort(cfg.Host); err != nil {
				return fail(err)
			}
		}
		pg.Port = port
		spec := ProcessSpec{
			Name: "postgres", Path: filepath.Join(bin, "postgres"),
			Args:   []string{"-D", data, "-c", "listen_addresses=" + cfg.Host, "-c", "port=" + strconv.Itoa(port)},
			Dir:    pg.Dir,
			Detach: cfg.Detach, Credential: cred,
			Ready:        pg.ready,
			ReadyTimeout: cfg.StartTimeout,
			LogFiles:     []string{pg.LogFile},
		}
		p, err := StartProcess(ctx, spec)
		if err == nil {
			pg.proc, pg.spec = p, spec
			break
		}
		lastErr = err
		if cfg.Port != 0 || !strings.Contains(err.Error(), "already in use") {
			return fail(err)
		}
	}
	if pg.proc == nil {
		return fail(lastErr)
	}
	r, err := pg.Query(ctx, "postgres", "SHOW server_version")
	if err != nil || len(r) != 1 {
		_ = pg.Stop()
		return nil, fmt.Errorf("lab: postgres version: %v", err)
	}
	pg.Version = r[0][0]
	if err := pg.setupRoles(ctx, cfg); err != nil {
		_ = pg.Stop()
		return nil, err
	}
	return pg, nil
}

func nullWritableByOthers() bool {
	st, err := os.Stat("/dev/null")
	return err == nil && st.Mode().Perm()&0o002 != 0
}

func writeOwned(path, content string, uid, gid int) error {
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	if uid >= 0 {
		return os.Chown(path, uid, gid)
	}
	return nil
}

func appendOwned(path, content string, uid, gid int) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	_, err = f.WriteString("\n# leakwatch lab\n" + content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	return nil
}

func (pg *Postgres) ready(ctx context.Context) error {
	conn, err := pg.admin(ctx, "postgres")
	if err != nil {
		return err
	}
	return conn.Close(ctx)
}

// admin connects over the server's socket as postgres, which the lab's pg_hba.conf
// trusts: the administrative channel, which may write. leakwatch never uses it.
func (pg *Postgres) admin(ctx context.Context, db string) (*pgconn.PgConn, error) {
	cfg, err := pgconn.ParseConfig("sslmode=disable")
	if err != nil {
		return nil, err
	}
	cfg.Host = pg.socketDir
	cfg.Port = uint16(pg.Port)
	cfg.User = "postgres"
	cfg.Password = ""
	cfg.Database = db
	cfg.TLSConfig = nil
	cfg.Fallbacks = nil
	cfg.ValidateConnect = nil
	cfg.RuntimeParams = map[string]string{"application_name": LabAppName}
	return pgconn.ConnectConfig(ctx, cfg)
}

// Exec runs sql (one or more statements) in database db as the superuser.
func (pg *Postgres) Exec(ctx context.Context, db, sql string) error {
	_, err := pg.Query(ctx, db, sql)
	return err
}

// Query runs sql in db as the superuser and returns the last result's rows as text.
func (pg *Postgres) Query(ctx context.Context, db, sql string) ([][]string, error) {
	conn, err := pg.admin(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("lab: postgres: %w", err)
	}
	defer conn.Close(context.Background())
	results, err := conn.Exec(ctx, sql).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("lab: postgres %.80q: %w", sql, err)
	}
	if len(results) == 0 {
		return nil, nil
	}
	var out [][]string
	for _, row := range results[len(results)-1].Rows {
		r := make([]string, len(row))
		for i, v := range row {
			r[i] = string(v)
		}
		out = append(out, r)
	}
	return out, nil
}

func pgLiteral(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func (pg *Postgres) setupRoles(ctx context.Context, cfg PostgresConfig) error {
	var stmts []string
	if cfg.Password != "" {
		stmts = append(stmts, "ALTER ROLE postgres PASSWORD "+pgLiteral(cfg.Password))
	}
	for _, u := range cfg.Users {
		s := "CREATE ROLE " + pgIdent(u.Name) + " LOGIN"
		if u.Superuser {
			s += " SUPERUSER"
		}
		if u.Password != "" {
			s += " PASSWORD " + pgLiteral(u.Password)
		}
		stmts = append(stmts, s)
		for _, r := range u.Roles {
			stmts = append(stmts, "GRANT "+pgIdent(r)+" TO "+pgIdent(u.Name))
		}
	}
	if len(stmts) == 0 {
		return nil
	}
	if err := pg.Exec(ctx, "postgres", strings.Join(stmts, ";\n")); err != nil {
		return err
	}
	return nil
}

// SeedLeak creates and fills SQLAppDatabase (schemas public and billing) and
// SQLAnalyticsDatabase from SQLSeedTables, plus a view, and grants SELECT to the users
// configured with Select. It is deterministic.
func (pg *Postgres) SeedLeak(ctx context.Context, cfg PostgresConfig) error {
	for _, db := range []string{SQLAppDatabase, SQLAnalyticsDatabase} {
		if err := pg.Exec(ctx, "postgres", "DROP DATABASE IF EXISTS "+pgIdent(db)); err != nil {
			return err
		}
		if err := pg.Exec(ctx, "postgres", "CREATE DATABASE "+pgIdent(db)); err != nil {
			return err
		}
	}
	stmts := []string{"CREATE SCHEMA " + SQLBilling}
	var analyse []string
	for _, t := range SQLSeedTables() {
		name := pgIdent(t.Schema) + "." + pgIdent(t.Name)
		var defs, cols []string
		for _, c := range t.Columns {
			defs = append(defs, pgIdent(c.Name)+" "+c.PGType)
			cols = append(cols, pgIdent(c.Name))
		}
		stmts = append(stmts, "CREATE TABLE "+name+" ("+strings.Join(defs, ", ")+")")
		stmts = append(stmts, insertBatches(name, cols, t.Rows, 500, pgLiteral)...)
		if t.Index != "" {
			stmts = append(stmts, "CREATE INDEX ON "+name+" ("+pgIdent(t.Index)+")")
		}
		if t.Analyse {
			analyse = append(analyse, name)
		}
	}
	stmts = append(stmts,
		"CREATE VIEW public.recent_chats AS SELECT created_at, role, content FROM public.chat_messages WHERE role = 'user'",
		"ANALYZE "+strings.Join(analyse, ", "))
	if err := pg.Exec(ctx, SQLAppDatabase, strings.Join(stmts, ";\n")); err != nil {
		return err
	}
	if err := pg.Exec(ctx, SQLAnalyticsDatabase, fmt.Sprintf(`CREATE TABLE public.events (event_time timestamp, user_id bigint, event text, props jsonb);
INSERT INTO public.events SELECT timestamp '2025-01-06' + g * interval '10 seconds', g %% 5000,
  (ARRAY['login','chat','upgrade','logout'])[1 + g %% 4], jsonb_build_object('plan', (ARRAY['free','pro','team'])[1 + g %% 3])
FROM generate_series(0, %d) g;
ANALYZE public.events`, SeedEventsRows-1)); err != nil {
		return err
	}
	for _, u := range cfg.Users {
		if !u.Select {
			continue
		}
		if err := pg.Exec(ctx, SQLAppDatabase, fmt.Sprintf("GRANT USAGE ON SCHEMA public, %[2]s TO %[1]s; "+
			"GRANT SELECT ON ALL TABLES IN SCHEMA public, %[2]s TO %[1]s", pgIdent(u.Name), SQLBilling)); err != nil {
			return err
		}
		if err := pg.Exec(ctx, SQLAnalyticsDatabase, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO "+pgIdent(u.Name)); err != nil {
			return err
		}
	}
	return nil
}

// Addr is "host:port".
func (pg *Postgres) Addr() string { return net.JoinHostPort(pg.Host, strconv.Itoa(pg.Port)) }

// Stop stops the server (a fast shutdown) and removes its directory when StartPostgres
// created it.
func (pg *Postgres) Stop() error {
	if pg == nil {
		return nil
	}
	return pg.stop(pg.Dir)
}

// Pause stops the server process and keeps its data and port, for tests of a history
// store that goes away; Resume starts it again.
func (pg *Postgres) Pause() error {
	if pg.proc == nil {
		return errors.New("lab: postgres is not running")
	}
	// A fast shutdown: SIGTERM would wait for every client to disconnect.
	_ = pg.proc.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-pg.proc.done:
	case <-time.After(10 * time.Second):
	}
	return pg.proc.Stop()
}

// Resume starts a paused server again, on the same port and data.
func (pg *Postgres) Resume(ctx context.Context) error {
	p, err := StartProcess(ctx, pg.spec)
	if err != nil {
		return err
	}
	pg.proc = p
	return nil
}

// Record describes the server for a lab manifest.
func (pg *Postgres) Record(name string) ServerRecord {
	return pg.record(ServerRecord{
		Name: name, Kind: "postgres", Host: pg.Host, Dir: pg.Dir, Version: pg.Version,
		User: "postgres", Password: pg.Password,
		Ports: map[string]int{"postgres": pg.Port}, Targets: []string{pg.Addr()},
	})
}
