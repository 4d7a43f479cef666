package history

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// A private PostgreSQL starter for this package's tests: one server per test binary on
// a free loopback port, a fresh database per test.

const pgBinDir = "/usr/lib/postgresql/15/bin"

var (
	pgOnce sync.Once
	pgURL  string // admin URL without a database
	pgErr  error
	pgProc *exec.Cmd
	pgDir  string
	pgSeq  atomic.Int64
)

func stopPostgres() {
	if pgProc != nil && pgProc.Process != nil {
		_ = pgProc.Process.Signal(syscall.SIGINT) // fast shutdown
		done := make(chan struct{})
		go func() { _ = pgProc.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = pgProc.Process.Kill()
		}
	}
	if pgDir != "" {
		_ = os.RemoveAll(pgDir)
	}
}

func requirePostgres(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(pgBinDir, "postgres")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but PostgreSQL is missing: %v (install Debian's postgresql)", err)
		}
		t.Skipf("PostgreSQL not installed (%v): install Debian's postgresql to run this test", err)
	}
}

// postgresDSN returns the URL of a new empty database on the shared test server.
func postgresDSN(t testing.TB) string {
	t.Helper()
	requirePostgres(t)
	pgOnce.Do(func() { pgURL, pgErr = startPostgres() })
	if pgErr != nil {
		t.Fatalf("starting PostgreSQL: %v", pgErr)
	}
	name := fmt.Sprintf("lw_%d_%d", os.Getpid(), pgSeq.Add(1))
	db, err := sql.Open("pgx", pgURL+"/postgres")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	return pgURL + "/" + name + "?sslmode=disable"
}

func startPostgres() (string, error) {
	dir, err := os.MkdirTemp("", "leakwatch-history-pg-")
	if err != nil {
		return "", err
	}
	pgDir = dir
	var cred *syscall.Credential
	if os.Getuid() == 0 {
		// PostgreSQL refuses to run as root.
		u, err := user.Lookup("postgres")
		if err != nil {
			u, err = user.Lookup("nobody")
		}
		if err != nil {
			return "", fmt.Errorf("running as root and no postgres or nobody user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		if err := os.Chown(dir, uid, gid); err != nil {
			return "", err
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(pgBinDir, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return "", fmt.Errorf("initdb: %v\n%s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	logf, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		return "", err
	}
	pgProc = exec.Command(filepath.Join(pgBinDir, "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off",
		"-c", "synchronous_commit=off")
	pgProc.Stdout, pgProc.Stderr = logf, logf
	pgProc.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	if err := pgProc.Start(); err != nil {
		return "", err
	}
	base := fmt.Sprintf("postgres://postgres@127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		db, _ := sql.Open("pgx", base+"/postgres?sslmode=disable")
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := db.PingContext(ctx)
		cancel()
		db.Close()
		if err == nil {
			return base, nil
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(filepath.Join(dir, "postgres.log"))
			return "", fmt.Errorf("postgres did not start: %v\n%s", err, b)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
