package lab

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// RedisUser is an ACL user (Redis 6+) on a lab server.
type RedisUser struct {
	Name, Password string
	// Rules are ACL rules after the password, e.g. "~* &* +@read +@connection".
	Rules string
}

// RedisConfig says how to start a lab Redis. Zero values give a password-less server
// with protected mode off on a free port of 127.0.0.1 in a temporary directory.
type RedisConfig struct {
	Binary string // redis-server when empty
	Dir    string // data, configuration and logs; empty creates a temporary directory
	Host   string // loopback address (127.0.0.1 when empty)
	Port   int    // 0 picks a free port
	// Password is requirepass, the default user's password; empty leaves it open.
	Password string
	Users    []RedisUser
	// Unsafe opens what Redis 7 closes by default (enable-protected-configs and
	// enable-module-command yes), like servers configured before 7.0 or copied from old
	// tutorials: CONFIG SET dir and MODULE LOAD become possible.
	Unsafe bool
	// ProtectedMode leaves protected mode on (off by default, so that the lab answers
	// like an exposed server even on loopback).
	ProtectedMode bool
	// TLS serves TLS only (tls-port, with a self-signed certificate; port 0).
	TLS          bool
	Detach       bool
	StartTimeout time.Duration
}

// Redis is a running lab server.
type Redis struct {
	Host     string
	Port     int
	Dir      string
	Password string // the default user's ("" when open)
	Version  string
	TLS      bool
	// AdminUser and AdminPassword administer the server ("" and Password for the
	// default user).
	AdminUser, AdminPassword string

	process
}

// ErrNoRedis means redis-server is not installed.
var ErrNoRedis = errors.New("redis-server binary not found")

// RedisBinary finds redis-server.
func RedisBinary() (string, error) {
	return findBinary(ErrNoRedis, "redis-server", "/usr/bin/redis-server", "/usr/local/bin/redis-server")
}

var redisVersionRE = regexp.MustCompile(`v=(\d+\.\d+\.\d+)`)

// StartRedis starts a server as configured and waits until it answers.
func StartRedis(ctx context.Context, cfg RedisConfig) (*Redis, error) {
	bin, err := binaryOr(cfg.Binary, RedisBinary)
	if err != nil {
		return nil, err
	}
	if cfg.Host == "" {
		cfg.Host = "127.0.0.1"
	}
	if err := checkListenHost(cfg.Host); err != nil {
		return nil, err
	}
	r := &Redis{Host: cfg.Host, Dir: cfg.Dir, Password: cfg.Password, AdminPassword: cfg.Password, TLS: cfg.TLS}
	for _, u := range cfg.Users {
		if strings.Contains(u.Rules, "+@all") {
			r.AdminUser, r.AdminPassword = u.Name, u.Password
			break
		}
	}
	if err := r.useDir(&r.Dir, "redis"); err != nil {
		return nil, err
	}
	r.Version = binaryVersion(redisVersionRE, bin, "--version")
	if err := r.start(r.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if r.Port, err = pickPort(r.Host, cfg.Port); err != nil {
			return nil, err
		}
		conf, err := r.writeConfig(cfg)
		if err != nil {
			return nil, err
		}
		return StartProcess(ctx, ProcessSpec{
			Name: "redis-server", Path: bin, Args: []string{conf}, Dir: r.Dir, Detach: cfg.Detach,
			Ready: r.ready, ReadyTimeout: cfg.StartTimeout,
			LogFiles: []string{filepath.Join(r.Dir, "redis.log")},
		})
	}); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Redis) writeConfig(cfg RedisConfig) (string, error) {
	var b strings.Builder
	line := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	line("bind %s", r.Host)
	if cfg.TLS {
		cert, key, err := WriteSelfSignedCert(r.Dir, r.Host)
		if err != nil {
			return "", err
		}
		line("port 0")
		line("tls-port %d", r.Port)
		line("tls-cert-file %s", quoteConf(cert))
		line("tls-key-file %s", quoteConf(key))
		line("tls-auth-clients no")
	} else {
		line("port %d", r.Port)
	}
	line("dir %s", quoteConf(r.Dir))
	line("logfile %s", quoteConf(filepath.Join(r.Dir, "redis.log")))
	line("pidfile %s", quoteConf(filepath.Join(r.Dir, "redis.pid")))
	line("daemonize no")
	line("save \"\"")
	line("appendonly no")
	line("databases 16")
	if cfg.ProtectedMode {
		line("protected-mode yes")
	} else {
		line("protected-mode no")
	}
	if cfg.Password != "" {
		line("requirepass %s", quoteConf(cfg.Password))
	}
	if v, ok := parseMajorMinor(r.Version); ok && (v[0] > 6 || v[0] == 6 && v[1] >= 2) {
		// Keep the command line (with this directory in it) as the process title, by
		// which a detached server's record recognises its process.
		line("set-proc-title no")
	}
	if cfg.Unsafe && versionAtLeast(r.Version, 7) {
		line("enable-protected-configs yes")
		line("enable-module-command yes")
	}
	for _, u := range cfg.Users {
		if u.Name == "" || strings.ContainsAny(u.Name+u.Password, " \t\r\n\"'") {
			return "", fmt.Errorf("lab: bad redis user %q", u.Name)
		}
		line("user %s on >%s %s", u.Name, u.Password, u.Rules)
	}
	path := filepath.Join(r.Dir, "redis.conf")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return "", fmt.Errorf("lab: %w", err)
	}
	return path, nil
}

func versionAtLeast(v string, major int) bool {
	n, err := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	return err == nil && n >= major
}

func parseMajorMinor(v string) ([2]int, bool) {
	parts := strings.SplitN(v, ".", 3)
	if len(parts) < 2 {
		return [2]int{}, false
	}
	a, err1 := strconv.Atoi(parts[0])
	b, err2 := strconv.Atoi(parts[1])
	return [2]int{a, b}, err1 == nil && err2 == nil
}

func quoteConf(s string) string { return strconv.Quote(s) }

func (r *Redis) ready(ctx context.Context) error {
	if r.TLS {
		// The lab's admin client speaks plain RESP: a TLS server is ready when it
		// completes a handshake.
		d := tls.Dialer{Config: &tls.Config{InsecureSkipVerify: true}} //nolint:gosec // the lab's own certificate
		c, err := d.DialContext(ctx, "tcp", r.Addr())
		if err != nil {
			return err
		}
		return c.Close()
	}
	c, err := r.Admin(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Do(ctx, "PING")
	return err
}

// Addr is "host:port".
func (r *Redis) Addr() string { return net.JoinHostPort(r.Host, strconv.Itoa(r.Port)) }

// Admin opens the lab's administrative connection (as the admin user, or the default
// user with its password).
func (r *Redis) Admin(ctx context.Context) (*RespConn, error) {
	return DialResp(ctx, r.Addr(), r.AdminUser, r.AdminPassword)
}

// Stop stops the server and removes its directory when StartRedis created it.
func (r *Redis) Stop() error {
	if r == nil {
		return nil
	}
	return r.stop(r.Dir)
}

// Record describes the server for a lab manifest.
func (r *Redis) Record(name string) ServerRecord {
	user := r.AdminUser
	if user == "" {
		user = "default"
	}
	return r.record(ServerRecord{
		Name: name, Kind: "redis", Host: r.Host, Dir: r.Dir, Version: r.Version,
		User: user, Password: r.AdminPassword,
		Ports: map[string]int{"redis": r.Port}, Targets: []string{r.Addr()},
	})
}
