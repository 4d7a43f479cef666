package memcached

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/leakwatch/leakwatch/internal/store"
	"github.com/leakwatch/leakwatch/internal/store/probekit"
)

// The text protocol (doc/protocol.txt in memcached's sources): a command line, then
// lines until "END", or a value announced by its length. Everything read is bounded:
// lines by maxLine, responses by a line count and a byte budget, values by what is kept
// (the rest is read and dropped within the budget).

// verbs the prober may send over the text protocol, none of which stores, deletes or
// changes anything. "mg" is only sent with the flags v (value) and u (do not bump the
// item in the LRU); the authentication "set" of -Y servers goes through authenticate,
// which sends it only to a connection that has just refused us as unauthenticated.
var readOnly = map[string]bool{"version": true, "stats": true, "lru_crawler": true, "mg": true, "get": true}

// ErrNotReadOnly is returned for a command outside the allow-list.
var ErrNotReadOnly = errors.New("memcached: command is not on the read-only allow-list")

func allowed(line string) bool {
	f := strings.Fields(line)
	if len(f) == 0 || !readOnly[f[0]] || strings.ContainsAny(line, "\r\n") {
		return false
	}
	switch f[0] {
	case "lru_crawler":
		return len(f) == 3 && f[1] == "metadump"
	case "mg":
		return len(f) == 4 && f[2] == "v" && f[3] == "u"
	case "stats":
		// Plain stats, and the read-only groups; "stats reset" and "stats detail on"
		// change counters or settings.
		return len(f) == 1 || (len(f) == 2 && (f[1] == "settings" || f[1] == "items" || f[1] == "slabs")) ||
			(len(f) == 4 && f[1] == "cachedump")
	}
	return true
}

const maxLine = 8 << 10

type conn struct {
	c       net.Conn
	br      *bufio.Reader
	timeout time.Duration
	budget  int64 // bytes one response may take
	used    int64
	authed  bool // an -Y server has accepted our credentials
	// refused is set when the server answered "CLIENT_ERROR unauthenticated": only then
	// may authenticate send the authentication "set".
	refused bool
	sent    func(line string)
}

func newConn(c net.Conn, timeout time.Duration, budget int64) *conn {
	return &conn{c: c, br: bufio.NewReaderSize(c, maxLine), timeout: timeout, budget: budget}
}

func (c *conn) Close() error { return c.c.Close() }

// ServerError is an ERROR, CLIENT_ERROR or SERVER_ERROR line.
type ServerError struct{ Line string }

func (e *ServerError) Error() string { return "memcached: " + e.Line }

// Unwrap classifies "unauthenticated" as store.ErrAuth.
func (e *ServerError) Unwrap() error {
	if e.IsAuth() {
		return store.ErrAuth
	}
	return nil
}

// IsAuth reports an authentication refusal of an -Y server.
func (e *ServerError) IsAuth() bool {
	return strings.Contains(e.Line, "unauthenticated") || strings.Contains(e.Line, "authentication failure")
}

func (c *conn) deadline(ctx context.Context) func() {
	d := time.Now().Add(c.timeout)
	if cd, ok := ctx.Deadline(); ok && cd.Before(d) {
		d = cd
	}
	_ = c.c.SetDeadline(d)
	stop := context.AfterFunc(ctx, func() { _ = c.c.SetDeadline(time.Unix(1, 0)) })
	return func() { stop() }
}

// send writes command lines after checking each against the allow-list.
func (c *conn) send(ctx context.Context, lines ...string) error {
	var b []byte
	for _, l := range lines {
		if !allowed(l) {
			return fmt.Errorf("%w: %q", ErrNotReadOnly, l)
		}
		if c.sent != nil {
			c.sent(l)
		}
		b = append(b, l...)
		b = append(b, '\r', '\n')
	}
	stop := c.deadline(ctx)
	defer stop()
	_, err := c.c.Write(b)
	return wrapNet(err)
}

// readLine reads one line, without its terminator ("\r\n", or "\n" as metadump ends
// its lines), within the response budget.
func (c *conn) readLine(ctx context.Context) (string, error) {
	stop := c.deadline(ctx)
	defer stop()
	b, err := c.br.ReadSlice('\n')
	if err != nil {
		if errors.Is(err, bufio.ErrBufferFull) {
			return "", fmt.Errorf("%w: line longer than %d bytes", store.ErrTooLarge, maxLine)
		}
		if len(b) > 0 && errors.Is(err, io.EOF) {
			return "", fmt.Errorf("%w: response cut short", store.ErrProtocol)
		}
		return "", wrapNet(err)
	}
	c.used += int64(len(b))
	if c.used > c.budget {
		return "", fmt.Errorf("%w: response over %d bytes", store.ErrTooLarge, c.budget)
	}
	return string(bytes.TrimRight(b, "\r\n")), nil
}

// errorLine turns an error line into a *ServerError, or returns nil.
func errorLine(line string) error {
	if line == "ERROR" || strings.HasPrefix(line, "ERROR ") || strings.HasPrefix(line, "CLIENT_ERROR") || strings.HasPrefix(line, "SERVER_ERROR") {
		if len(line) > 300 {
			line = line[:300]
		}
		return &ServerError{Line: line}
	}
	return nil
}

// lines sends cmd and reads lines up to "END", at most maxLines of them.
func (c *conn) lines(ctx context.Context, cmd string, maxLines int) ([]string, error) {
	if err := c.send(ctx, cmd); err != nil {
		return nil, err
	}
	c.used = 0
	var out []string
	for {
		l, err := c.readLine(ctx)
		if err != nil {
			return out, err
		}
		if l == "END" {
			return out, nil
		}
		if err := errorLine(l); err != nil {
			if se := (*ServerError)(nil); errors.As(err, &se) && se.IsAuth() {
				c.refused = true
			}
			return out, err
		}
		if len(out) >= maxLines {
			return out, fmt.Errorf("%w: more than %d lines", store.ErrTooLarge, maxLines)
		}
		out = append(out, l)
	}
}

// version asks the server's version: one "VERSION x" line.
func (c *conn) version(ctx context.Context) (string, error) {
	if err := c.send(ctx, "version"); err != nil {
		return "", err
	}
	c.used = 0
	l, err := c.readLine(ctx)
	if err != nil {
		return "", err
	}
	v, ok := strings.CutPrefix(l, "VERSION ")
	if !ok {
		if err := errorLine(l); err != nil {
			return "", err
		}
		return "", fmt.Errorf("%w: version answered %q", store.ErrProtocol, l)
	}
	return probekit.Printable([]byte(v), 64), nil
}

// stats sends a stats command and returns its "STAT name value" lines as a map.
func (c *conn) stats(ctx context.Context, cmd string, maxLines int) (map[string]string, error) {
	ls, err := c.lines(ctx, cmd, maxLines)
	m := parseStats(ls)
	return m, err
}

// parseStats reads "STAT name value" lines; others are ignored.
func parseStats(lines []string) map[string]string {
	m := make(map[string]string, len(lines))
	for _, l := range lines {
		rest, ok := strings.CutPrefix(l, "STAT ")
		if !ok {
			continue
		}
		name, val, _ := strings.Cut(rest, " ")
		if name != "" {
			m[name] = val
		}
	}
	return m
}

// value reads a data block of n bytes and its "\r\n", keeping at most keep bytes.
func (c *conn) value(ctx context.Context, n int64, keep int) (string, error) {
	if n < 0 {
		return "", fmt.Errorf("%w: negative value length", store.ErrProtocol)
	}
	if c.used+n+2 > c.budget {
		return "", fmt.Errorf("%w: value of %d bytes exceeds the response budget", store.ErrTooLarge, n)
	}
	stop := c.deadline(ctx)
	defer stop()
	k := min(n, int64(keep))
	buf := make([]byte, k)
	if _, err := io.ReadFull(c.br, buf); err != nil {
		return "", shortRead(err)
	}
	if n > k {
		if _, err := c.br.Discard(int(n - k)); err != nil {
			return "", shortRead(err)
		}
	}
	var crlf [2]byte
	if _, err := io.ReadFull(c.br, crlf[:]); err != nil {
		return "", shortRead(err)
	}
	if crlf != [2]byte{'\r', '\n'} {
		return "", fmt.Errorf("%w: value not followed by CRLF", store.ErrProtocol)
	}
	c.used += n + 2
	return string(buf), nil
}

func shortRead(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: response cut short", store.ErrProtocol)
	}
	return wrapNet(err)
}

func wrapNet(err error) error {
	var ne net.Error
	if err != nil && errors.As(err, &ne) && ne.Timeout() && !errors.Is(err, store.ErrTimeout) {
		return fmt.Errorf("%w: %w", store.ErrTimeout, err)
	}
	return err
}

// authenticate logs in to a server started with -Y (ASCII authentication): a "set" of
// any key whose data is "user password". It is sent only on a connection whose last
// command was refused as unauthenticated: such a server treats the set as a login and
// stores nothing, whereas an open server would store it.
func (c *conn) authenticate(ctx context.Context, user, password string) error {
	if !c.refused {
		return errors.New("memcached: refusing to send an authentication set to a server that did not ask for one")
	}
	data := user + " " + password
	if strings.ContainsAny(data, "\r\n") || strings.Contains(user, " ") {
		return fmt.Errorf("memcached: credentials with spaces or line breaks cannot be sent")
	}
	if c.sent != nil {
		c.sent("set (authentication)")
	}
	stop := c.deadline(ctx)
	_, err := io.WriteString(c.c, "set auth 0 0 "+strconv.Itoa(len(data))+"\r\n"+data+"\r\n")
	stop()
	if err != nil {
		return wrapNet(err)
	}
	c.used = 0
	l, err := c.readLine(ctx)
	switch {
	case err != nil:
		return err
	case l == "STORED":
		c.authed, c.refused = true, false
		return nil
	case strings.HasPrefix(l, "CLIENT_ERROR"):
		// Still refused; the connection stays in the state that allows another try.
		return &ServerError{Line: l}
	}
	c.refused = false
	return fmt.Errorf("%w: unexpected answer to authentication: %q", store.ErrProtocol, l)
}
