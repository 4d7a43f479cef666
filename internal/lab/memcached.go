package lab

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MemcachedConfig says how to start a lab Memcached. Zero values give an open server on
// a free port of 127.0.0.1 with UDP off.
type MemcachedConfig struct {
	Binary string // memcached when empty
	Dir    string // configuration and logs; empty creates a temporary directory
	Host   string // loopback address (127.0.0.1 when empty)
	Port   int    // 0 picks a free port
	// AuthUser and AuthPassword turn on authentication: ASCII authentication (-Y) by
	// default, SASL PLAIN (-S, binary protocol only) when SASL is set.
	AuthUser, AuthPassword string
	SASL                   bool
	// UDPPort opens UDP on that port (loopback only), as servers before 1.5.6 did.
	UDPPort int
	Detach  bool
}

// Memcached is a running lab server.
type Memcached struct {
	Host     string
	Port     int
	Dir      string
	Version  string
	User     string // "" when open
	Password string
	SASL     bool

	process
}

// ErrNoMemcached means memcached is not installed; ErrNoSaslpasswd2 that the SASL
// password tool (Debian's sasl2-bin) is not.
var (
	ErrNoMemcached   = errors.New("memcached binary not found")
	ErrNoSaslpasswd2 = errors.New("saslpasswd2 not found (sasl2-bin)")
)

// MemcachedBinary finds memcached.
func MemcachedBinary() (string, error) {
	return findBinary(ErrNoMemcached, "memcached", "/usr/bin/memcached")
}

// Saslpasswd2 finds the tool that writes SASL password databases.
func Saslpasswd2() (string, error) {
	return findBinary(ErrNoSaslpasswd2, "saslpasswd2", "/usr/sbin/saslpasswd2")
}

var memcachedVersionRE = regexp.MustCompile(`memcached (\d+\.\d+\.\d+)`)

// StartMemcached starts a server as configured and waits until it answers.
func StartMemcached(ctx context.Context, cfg MemcachedConfig) (*Memcached, error) {
	bin, err := binaryOr(cfg.Binary, MemcachedBinary)
	if err != nil {
		return nil, err
	}
	if err := checkLoopback(&cfg.Host); err != nil {
		return nil, err
	}
	m := &Memcached{Host: cfg.Host, Dir: cfg.Dir, User: cfg.AuthUser, Password: cfg.AuthPassword, SASL: cfg.SASL && cfg.AuthUser != ""}
	if err := m.useDir(&m.Dir, "memcached"); err != nil {
		return nil, err
	}
	m.Version = binaryVersion(memcachedVersionRE, bin, "-V")
	var env []string
	// The pid file is only written by daemons (-d); it puts the directory on the command
	// line, by which a detached server's record recognises its process.
	extra := []string{"-U", strconv.Itoa(cfg.UDPPort), "-m", "64", "-c", "256", "-t", "2", "-P", filepath.Join(m.Dir, "memcached.pid")}
	if os.Geteuid() == 0 {
		extra = append(extra, "-u", "root") // memcached refuses to run as root otherwise
	}
	switch {
	case m.User == "":
	case m.SASL:
		envs, err := m.writeSASL()
		if err != nil {
			return nil, err
		}
		env = envs
		extra = append(extra, "-S")
	default:
		path := filepath.Join(m.Dir, "auth.txt")
		if err := os.WriteFile(path, []byte(m.User+":"+m.Password+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		extra = append(extra, "-Y", path)
	}
	if err := m.start(m.Dir, cfg.Port != 0, func() (*Process, error) {
		var err error
		if m.Port, err = pickPort(m.Host, cfg.Port); err != nil {
			return nil, err
		}
		args := append([]string{"-l", m.Host, "-p", strconv.Itoa(m.Port)}, extra...)
		return StartProcess(ctx, ProcessSpec{Name: "memcached", Path: bin, Args: args, Dir: m.Dir, Env: env,
			Detach: cfg.Detach, Ready: m.ready})
	}); err != nil {
		return nil, err
	}
	return m, nil
}

// writeSASL writes a Cyrus SASL configuration and password database for the server's
// user (Debian's memcached has no MEMCACHED_SASL_PWDB support: it needs a sasldb).
func (m *Memcached) writeSASL() ([]string, error) {
	tool, err := Saslpasswd2()
	if err != nil {
		return nil, err
	}
	db := filepath.Join(m.Dir, "sasldb2")
	cmd := exec.Command(tool, "-p", "-f", db, "-a", "memcached", "-c", m.User)
	cmd.Stdin = strings.NewReader(m.Password)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("lab: saslpasswd2: %v: %s", err, out)
	}
	conf := "mech_list: plain\nsasldb_path: " + db + "\n"
	if err := os.WriteFile(filepath.Join(m.Dir, "memcached.conf"), []byte(conf), 0o600); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	return []string{"SASL_CONF_PATH=" + m.Dir}, nil
}

func (m *Memcached) ready(ctx context.Context) error {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", m.Addr())
	if err != nil {
		return err
	}
	c.Close()
	return nil
}

// Addr is "host:port".
func (m *Memcached) Addr() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }

// Stop stops the server and removes its directory when StartMemcached created it.
func (m *Memcached) Stop() error {
	if m == nil {
		return nil
	}
	return m.stop(m.Dir)
}

// Record describes the server for a lab manifest.
func (m *Memcached) Record(name string) ServerRecord {
	return m.record(ServerRecord{Name: name, Kind: "memcached", Host: m.Host, Dir: m.Dir, Version: m.Version,
		User: m.User, Password: m.Password,
		Ports: map[string]int{"memcached": m.Port}, Targets: []string{m.Addr()}})
}

// McAdmin is the lab's administrative Memcached connection: it writes (seeding) and
// reads statistics, over the text protocol, or the binary one on a SASL server.
type McAdmin struct {
	c      net.Conn
	br     *bufio.Reader
	binary bool
}

// Admin connects and logs in when the server requires it.
func (m *Memcached) Admin(ctx context.Context) (*McAdmin, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", m.Addr())
	if err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	} else {
		_ = c.SetDeadline(time.Now().Add(time.Minute))
	}
	a := &McAdmin{c: c, br: bufio.NewReaderSize(c, 64<<10), binary: m.SASL}
	switch {
	case m.User == "":
	case m.SASL:
		if _, err := a.binRequest(0x21, []byte("PLAIN"), nil, []byte("\x00"+m.User+"\x00"+m.Password)); err != nil {
			c.Close()
			return nil, err
		}
	default:
		if err := a.text("version\r\n", "CLIENT_ERROR"); err != nil {
			c.Close()
			return nil, err
		}
		data := m.User + " " + m.Password
		if err := a.text(fmt.Sprintf("set auth 0 0 %d\r\n%s\r\n", len(data), data), "STORED"); err != nil {
			c.Close()
			return nil, err
		}
	}
	return a, nil
}

// Close closes the connection.
func (a *McAdmin) Close() error { return a.c.Close() }

func (a *McAdmin) text(cmd, wantPrefix string) error {
	if _, err := io.WriteString(a.c, cmd); err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	l, err := a.br.ReadString('\n')
	if err != nil {
		return fmt.Errorf("lab: %w", err)
	}
	if !strings.HasPrefix(l, wantPrefix) {
		return fmt.Errorf("lab: memcached answered %q to %q", strings.TrimSpace(l), strings.SplitN(cmd, "\r\n", 2)[0])
	}
	return nil
}

// binRequest sends one binary request and returns the response's value; a status other
// than success is an error.
func (a *McAdmin) binRequest(op byte, key, extras, value []byte) ([]byte, error) {
	hdr := make([]byte, 24)
	hdr[0], hdr[1] = 0x80, op
	binary.BigEndian.PutUint16(hdr[2:], uint16(len(key)))
	hdr[4] = byte(len(extras))
	binary.BigEndian.PutUint32(hdr[8:], uint32(len(extras)+len(key)+len(value)))
	msg := append(append(append(hdr, extras...), key...), value...)
	if _, err := a.c.Write(msg); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	var rh [24]byte
	if _, err := io.ReadFull(a.br, rh[:]); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	body := make([]byte, binary.BigEndian.Uint32(rh[8:]))
	if _, err := io.ReadFull(a.br, body); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	if st := binary.BigEndian.Uint16(rh[6:]); st != 0 {
		return nil, fmt.Errorf("lab: memcached binary status %#x: %s", st, body)
	}
	off := int(rh[4]) + int(binary.BigEndian.Uint16(rh[2:]))
	return body[off:], nil
}

// Set stores one item (the lab's seeding; leakwatch never writes).
func (a *McAdmin) Set(key, value string, ttl int) error {
	if a.binary {
		extras := make([]byte, 8)
		binary.BigEndian.PutUint32(extras[4:], uint32(ttl))
		_, err := a.binRequest(0x01, []byte(key), extras, []byte(value))
		return err
	}
	return a.text(fmt.Sprintf("set %s 0 %d %d\r\n%s\r\n", key, ttl, len(value), value), "STORED")
}

// Stats returns the server's general statistics.
func (a *McAdmin) Stats() (map[string]string, error) {
	out := map[string]string{}
	if a.binary {
		return nil, errors.New("lab: stats over the binary protocol are not implemented")
	}
	if _, err := io.WriteString(a.c, "stats\r\n"); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	for {
		l, err := a.br.ReadString('\n')
		if err != nil {
			return nil, fmt.Errorf("lab: %w", err)
		}
		l = strings.TrimSpace(l)
		if l == "END" {
			return out, nil
		}
		f := strings.Fields(l)
		if len(f) == 3 && f[0] == "STAT" {
			out[f[1]] = f[2]
		}
	}
}

// What SeedMemcached stores.
const (
	MemcachedUsers    = 30
	MemcachedSessions = 30
	MemcachedChats    = 10
	MemcachedFiller   = 1000
	MemcachedBigValue = 500 << 10
)

// MemcachedSeedItems is the number of items Seed stores.
const MemcachedSeedItems = 1 + MemcachedUsers + MemcachedSessions + MemcachedChats + MemcachedFiller + 1

// Seed stores synthetic secrets, personal data and chat transcripts the way
// applications cache them: JSON blobs under prefixed keys. Deterministic.
func (m *Memcached) Seed(ctx context.Context) error {
	a, err := m.Admin(ctx)
	if err != nil {
		return err
	}
	defer a.Close()
	for _, kv := range MemcachedSeedItemsList(NewSynth(11211)) {
		if err := a.Set(kv[0], kv[1], 0); err != nil {
			return fmt.Errorf("lab: seeding memcached %s: %w", kv[0], err)
		}
	}
	return nil
}

// MemcachedSeedItemsList returns the items Seed stores, in order.
func MemcachedSeedItemsList(s *Synth) [][2]string {
	var out [][2]string
	add := func(k, v string) { out = append(out, [2]string{k, v}) }
	id, secret := s.AWSKeyPair()
	add("config:payments", fmt.Sprintf(`{"stripe_secret_key":%s,"aws_access_key_id":%s,"aws_secret_access_key":%s,"webhook_jwt":%s}`,
		jsonString(s.StripeKey()), jsonString(id), jsonString(secret), jsonString(s.JWT())))
	for i := 1; i <= MemcachedUsers; i++ {
		add(fmt.Sprintf("user:profile:%d", i), fmt.Sprintf(`{"id":%d,"email":%s,"phone":%s,"name":%s}`, i,
			jsonString(s.Email()), jsonString(s.Phone()), jsonString(s.Pick(firstNames...)+" "+s.Pick(lastNames...))))
	}
	for i := 1; i <= MemcachedSessions; i++ {
		add("sess:"+s.String(hexLower, 24), fmt.Sprintf(`{"user_id":%d,"token":%s}`, i, jsonString(s.JWT())))
	}
	for i := 1; i <= MemcachedChats; i++ {
		add(fmt.Sprintf("chat:transcript:%d", i), "["+strings.Join(chatMessages(s, i), ",")+"]")
	}
	for i := 1; i <= MemcachedFiller; i++ {
		add(fmt.Sprintf("page:fragment:%d", i), fmt.Sprintf("<li>item %d</li>", i))
	}
	add("blob:report", strings.Repeat("y", MemcachedBigValue))
	return out
}
