package web

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// MinTokenLength is the shortest access token accepted from the environment or a file.
const MinTokenLength = 16

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// LoadToken finds the dashboard's access token: from the environment variable envName,
// else from file, else from storePath, where a new random token is created (mode 0600)
// the first time; generated reports that, so the caller can show it once.
func LoadToken(envName, file, storePath string, getenv func(string) string) (token string, generated bool, err error) {
	check := func(t, where string) (string, bool, error) {
		t = strings.TrimSpace(t)
		if len(t) < MinTokenLength {
			return "", false, fmt.Errorf("the access token from %s is shorter than %d characters", where, MinTokenLength)
		}
		return t, false, nil
	}
	switch {
	case envName != "":
		return check(getenv(envName), "environment variable "+envName)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", false, fmt.Errorf("token file: %w", err)
		}
		return check(string(b), file)
	case storePath == "":
		return "", false, errors.New("no access token configured")
	}
	if b, err := os.ReadFile(storePath); err == nil {
		return check(string(b), storePath)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", false, fmt.Errorf("token store: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(storePath), 0o700); err != nil {
		return "", false, fmt.Errorf("token store: %w", err)
	}
	t := randomToken()
	f, err := os.OpenFile(storePath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) { // another process created it first
			return LoadToken("", "", storePath, getenv)
		}
		return "", false, fmt.Errorf("token store: %w", err)
	}
	if _, err := f.WriteString(t + "\n"); err != nil {
		f.Close()
		return "", false, fmt.Errorf("token store: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", false, fmt.Errorf("token store: %w", err)
	}
	return t, true, nil
}

// equal compares secrets in constant time. Hashing first makes the comparison's time
// independent of the lengths too.
func equal(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

type session struct {
	csrf    string
	expires time.Time
}

// sessions are in memory: a restart logs everyone out, which is the safe direction.
type sessions struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]*session // by SHA-256 of the cookie value
	now func() time.Time
}

func newSessions(ttl time.Duration, now func() time.Time) *sessions {
	return &sessions{ttl: ttl, m: map[string]*session{}, now: now}
}

func sessionKey(id string) string {
	h := sha256.Sum256([]byte(id))
	return hex.EncodeToString(h[:])
}

// create starts a session and returns its cookie value and CSRF token.
func (s *sessions) create() (id, csrf string) {
	id, csrf = randomToken(), randomToken()
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, v := range s.m {
		if now.After(v.expires) {
			delete(s.m, k)
		}
	}
	s.m[sessionKey(id)] = &session{csrf: csrf, expires: now.Add(s.ttl)}
	return id, csrf
}

// get returns the session's CSRF token, or false when id names no live session.
func (s *sessions) get(id string) (string, bool) {
	if id == "" {
		return "", false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[sessionKey(id)]
	if !ok {
		return "", false
	}
	if s.now().After(v.expires) {
		delete(s.m, sessionKey(id))
		return "", false
	}
	return v.csrf, true
}

func (s *sessions) drop(id string) {
	s.mu.Lock()
	delete(s.m, sessionKey(id))
	s.mu.Unlock()
}

// clientLimiter limits login attempts per client address. It holds at most
// maxClients limiters, forgetting idle ones first.
type clientLimiter struct {
	mu    sync.Mutex
	every rate.Limit
	burst int
	m     map[string]*clientEntry
}

type clientEntry struct {
	lim  *rate.Limiter
	seen time.Time
}

const maxClients = 4096

func newClientLimiter(perSecond float64, burst int) *clientLimiter {
	return &clientLimiter{every: rate.Limit(perSecond), burst: burst, m: map[string]*clientEntry{}}
}

func (c *clientLimiter) allow(client string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[client]
	if e == nil {
		if len(c.m) >= maxClients {
			c.evict(now)
		}
		e = &clientEntry{lim: rate.NewLimiter(c.every, c.burst)}
		c.m[client] = e
	}
	e.seen = now
	return e.lim.AllowN(now, 1)
}

// evict forgets clients idle long enough to have their whole burst back, then, if
// that is not enough, the least recently seen half.
func (c *clientLimiter) evict(now time.Time) {
	refill := time.Duration(float64(c.burst)/float64(c.every)*float64(time.Second)) + time.Second
	for k, e := range c.m {
		if now.Sub(e.seen) > refill {
			delete(c.m, k)
		}
	}
	if len(c.m) < maxClients {
		return
	}
	seen := make([]time.Time, 0, len(c.m))
	for _, e := range c.m {
		seen = append(seen, e.seen)
	}
	slices.SortFunc(seen, func(a, b time.Time) int { return a.Compare(b) })
	cut := seen[len(seen)/2]
	for k, e := range c.m {
		if !e.seen.After(cut) {
			delete(c.m, k)
		}
	}
}

// clientIP is the address a request came from. Headers such as X-Forwarded-For are
// not believed: anyone can send them.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Listen opens the dashboard's listener. Anything but a loopback address is refused
// unless allowRemote is set: the dashboard shows what is exposed where. An IPv4
// address (0.0.0.0 included) listens on IPv4 only, an IPv6 one on IPv6 only.
func Listen(addr string, allowRemote bool) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("web listen address: %w", err)
	}
	if !allowRemote && !loopbackHost(host) {
		return nil, fmt.Errorf("refusing to listen on %q: not a loopback address (set web.allow_remote to opt in)", addr)
	}
	network := "tcp"
	if ip := net.ParseIP(host); ip != nil {
		network = "tcp6"
		if ip.To4() != nil {
			network = "tcp4"
		}
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, err
	}
	// A name such as localhost could resolve anywhere: check what was bound.
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !allowRemote && !tcp.IP.IsLoopback() {
		ln.Close()
		return nil, fmt.Errorf("refusing to listen on %s: not a loopback address", tcp)
	}
	return ln, nil
}

func loopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
